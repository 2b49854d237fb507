"""Faults in the file system: one sentence and nothing half-written, never a traceback; no
symlink followed, no folder of someone else's used, no mode changed that footpain did not set.
"""

from __future__ import annotations

import errno
import os
import resource
import signal
import sqlite3
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from tests.datafiles import read_journal
from tui.cli import main
from tui.launch import _log_to
from tui.store import Database, StoreError
from tui.store.config import SettingsFile
from tui.store.files import atomic_write, private_folder

ROOT = os.geteuid() == 0


def _raise(code: int):  # noqa: ANN202 - a stand-in for os functions
    def fail(*_args: object, **_kwargs: object) -> None:
        raise OSError(code, os.strerror(code))

    return fail


# --- one error path ---------------------------------------------------------------------


@pytest.mark.parametrize(("code", "words"), [
    (errno.ENOSPC, "the disk is full"),
    (errno.EROFS, "read-only file system"),
    (errno.EACCES, "permission denied"),
    (errno.EDQUOT, "quota"),
])
@pytest.mark.parametrize("where", ["replace", "fsync"])
def test_a_failed_write_is_one_sentence_and_leaves_the_old_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, code: int, words: str, where: str
) -> None:
    target = tmp_path / "settings.toml"
    target.write_bytes(b"old = 1\n")
    monkeypatch.setattr(os, where, _raise(code))
    with pytest.raises(StoreError) as caught:
        atomic_write(target, b"new = 2\n")
    assert words in str(caught.value)
    assert "\n" not in str(caught.value)
    assert target.read_bytes() == b"old = 1\n"
    assert [p.name for p in tmp_path.iterdir()] == ["settings.toml"]  # no temp file left


def test_settings_that_cannot_be_saved_say_why(tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    from tui.domain.settings import Settings

    monkeypatch.setattr(os, "replace", _raise(errno.ENOSPC))
    with pytest.raises(StoreError, match="the settings were not saved: .*the disk is full"):
        SettingsFile(tmp_path / "config").save(Settings())


def test_a_full_database_is_said_and_nothing_is_saved(data_dir: Path) -> None:
    assert main(["log", "add", "--activity", "run", "--distance", "5"]) == 0
    db = Database(data_dir)
    with pytest.raises(StoreError, match="the disk is full; nothing was saved"):
        with db.write() as con:
            con.execute("PRAGMA max_page_count = 1")  # as if the disk had no room left
            con.execute("INSERT INTO entries (id, date, activity, data) "
                        "SELECT id || 'x', date, activity, zeroblob(100000) FROM entries")
    assert len(read_journal(data_dir).entries) == 1


def _cli(data_dir: Path, *args: str, limit: int | None = None) -> subprocess.CompletedProcess:
    """footpain in its own process (optionally with a file-size limit, like `ulimit -f`)."""
    def limited() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # EFBIG, not death by signal
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    return subprocess.run(
        [sys.executable, "-m", "tui", *args, "--data-dir", str(data_dir)],
        capture_output=True, text=True, stdin=subprocess.DEVNULL, timeout=60,
        preexec_fn=limited if limit is not None else None,
    )


def test_a_file_size_limit_gives_exit_1_and_a_sentence(data_dir: Path) -> None:
    assert main(["log", "add", "--activity", "run", "--distance", "5"]) == 0
    Database(data_dir).close()
    size = (data_dir / "footpain.db").stat().st_size
    long_note = "x" * 1900
    result = None
    for _ in range(40):  # until the database must grow past the limit
        result = _cli(data_dir, "log", "add", "--activity", "walk", "--note", long_note,
                      limit=size)
        if result.returncode != 0:
            break
    assert result is not None and result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert "nothing was saved" in result.stderr
    assert _cli(data_dir, "log", "list").returncode == 0  # what was saved is still there


def test_export_to_a_full_disk_is_exit_1_and_a_sentence(data_dir: Path) -> None:
    assert main(["log", "add", "--activity", "run", "--distance", "5"]) == 0
    with open("/dev/full", "w") as full:
        result = subprocess.run(
            [sys.executable, "-m", "tui", "export", "--format", "md", "--data-dir",
             str(data_dir)], stdout=full, stderr=subprocess.PIPE, text=True, timeout=60,
        )
    assert result.returncode == 1
    assert result.stderr == "footpain: the disk is full\n"


# --- folders ----------------------------------------------------------------------------


def test_parents_are_created_private_whatever_the_umask(tmp_path: Path) -> None:
    old = os.umask(0)
    try:
        private_folder(tmp_path / "home" / ".local" / "share" / "footpain")
    finally:
        os.umask(old)
    for part in ("home", "home/.local", "home/.local/share", "home/.local/share/footpain"):
        assert stat.S_IMODE((tmp_path / part).stat().st_mode) == 0o700, part


def test_a_folder_others_can_write_is_refused_and_left_as_it_is(tmp_path: Path) -> None:
    folder = tmp_path / "shared"
    folder.mkdir()
    folder.chmod(0o777)
    with pytest.raises(StoreError, match="can be changed by other users"):
        private_folder(folder)
    assert stat.S_IMODE(folder.stat().st_mode) == 0o777
    assert main(["log", "add", "--activity", "run", "--data-dir", str(folder)]) == 1
    assert list(folder.iterdir()) == []


def test_a_folder_of_another_user_is_refused(tmp_path: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "theirs"
    folder.mkdir(mode=0o700)
    monkeypatch.setattr(os, "geteuid", lambda: folder.stat().st_uid + 1)
    with pytest.raises(StoreError, match="belongs to another user"):
        private_folder(folder)


def test_a_read_only_data_folder_is_said_and_its_mode_kept(
    data_dir: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    assert main(["log", "add", "--activity", "run"]) == 0
    if ROOT:  # root may write anywhere; let the folder look the way it does to its owner
        real = os.access
        monkeypatch.setattr(os, "access", lambda path, mode, **kw: (
            not mode & os.W_OK and real(path, mode, **kw)) if Path(path) == data_dir
            else real(path, mode, **kw))
    Database(data_dir).close()
    for side in data_dir.glob("footpain.db-*"):
        side.unlink()
    data_dir.chmod(0o500)
    try:
        capsys.readouterr()
        assert main(["log", "add", "--activity", "walk"]) == 1
        err = capsys.readouterr().err
        assert "read-only" in err and "Traceback" not in err
        assert stat.S_IMODE(data_dir.stat().st_mode) == 0o500
    finally:
        data_dir.chmod(0o700)


# --- symlinks ---------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["footpain.db", "footpain.db-wal", "footpain.db-shm"])
def test_a_symlink_at_a_database_file_is_refused(data_dir: Path, tmp_path: Path,
                                                 name: str) -> None:
    victim = tmp_path / "victim"
    victim.write_bytes(b"precious")
    victim.chmod(0o644)
    data_dir.mkdir(mode=0o700)
    (data_dir / name).symlink_to(victim)
    with pytest.raises(StoreError, match="symbolic link"):
        Database(data_dir).connection()
    assert main(["log", "add", "--activity", "run"]) == 1
    assert victim.read_bytes() == b"precious"
    assert stat.S_IMODE(victim.stat().st_mode) == 0o644


@pytest.mark.parametrize("dangling", [False, True])
def test_the_log_file_is_never_followed_or_chmodded(tmp_path: Path, dangling: bool) -> None:
    victim = tmp_path / "victim"
    if not dangling:
        victim.write_bytes(b"precious")
        victim.chmod(0o644)
    link = tmp_path / "footpain.log"
    link.symlink_to(victim)
    import logging

    root = logging.getLogger()
    saved = root.handlers[:]
    root.handlers.clear()
    try:
        _log_to(link)
        logging.getLogger("tui.test").error("a line")
    finally:
        for handler in root.handlers:
            handler.close()
        root.handlers[:] = saved
    if dangling:
        assert not victim.exists()
    else:
        assert victim.read_bytes() == b"precious"
        assert stat.S_IMODE(victim.stat().st_mode) == 0o644


def test_a_new_log_file_is_private(tmp_path: Path) -> None:
    import logging

    root = logging.getLogger()
    saved = root.handlers[:]
    root.handlers.clear()
    old = os.umask(0)
    try:
        _log_to(tmp_path / "footpain.log")
        logging.getLogger("tui.test").error("a line")
    finally:
        os.umask(old)
        for handler in root.handlers:
            handler.close()
        root.handlers[:] = saved
    path = tmp_path / "footpain.log"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert "a line" in path.read_text()


# --- unreadable settings ------------------------------------------------------------------


def _unusable(path: Path, kind: str, tmp_path: Path) -> None:
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    if kind == "folder":
        path.mkdir()
    elif kind == "symlink":
        target = tmp_path / "elsewhere.toml"
        target.write_text("units = 'mi'\n")
        path.symlink_to(target)
    elif kind == "unreadable":
        path.write_text("units = 'mi'\n")
        path.chmod(0)


@pytest.mark.parametrize("kind", ["folder", "symlink",
                                  pytest.param("unreadable", marks=pytest.mark.skipif(
                                      ROOT, reason="root reads any file"))])
def test_settings_that_cannot_be_read_are_set_aside(tmp_path: Path, kind: str) -> None:
    from tui.domain.settings import Settings

    settings = SettingsFile(tmp_path / "config")
    _unusable(settings.path, kind, tmp_path)
    told: list[str] = []
    assert settings.load(told.append) == Settings()
    assert len(told) == 1 and "could not be read" in told[0]
    assert not os.path.lexists(settings.path)
    kept = list(settings.path.parent.glob("settings.toml.corrupt-*"))
    assert len(kept) == 1
    settings.save(Settings(units="mi"))
    assert settings.read().units == "mi"
    if kind == "symlink":
        assert (tmp_path / "elsewhere.toml").read_text() == "units = 'mi'\n"


def test_the_cli_reads_past_a_settings_folder(tmp_path: Path) -> None:
    (tmp_path / "config" / "settings.toml").mkdir(parents=True)
    assert main(["log", "add", "--activity", "run", "--distance", "5"]) == 0


# --- the app's last resort --------------------------------------------------------------


def test_an_unexpected_error_in_the_app_is_one_sentence_and_exit_1(tmp_path: Path) -> None:
    """The traceback goes to the log file; the terminal sees no local variables (which
    would print the runner's notes) and the shell sees a failure."""
    data = tmp_path / "data"
    script = f"""
import sys
from tui.app import FootpainApp
from tui.launch import _log_to
from tui import paths
def boom(self):
    secret_note = "MY PRIVATE NOTE"
    raise RuntimeError("boom")
FootpainApp.on_ready = lambda self: self.call_later(boom, self)
from tui.store.files import private_folder
private_folder({str(data)!r})
_log_to(paths.log_file(__import__("pathlib").Path({str(data)!r})))
from tui.store.content_cache import load_app_content
app = FootpainApp(__import__("pathlib").Path({str(data)!r}), content=load_app_content())
app.run(headless=True, size=(80, 24))
sys.exit(app.return_code or 0)
"""
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                            stdin=subprocess.DEVNULL, timeout=120)
    assert result.returncode == 1
    assert "stopped on an unexpected error (RuntimeError)" in result.stderr
    assert "MY PRIVATE NOTE" not in result.stderr + result.stdout
    assert "Traceback" not in result.stderr
    logged = (data / "footpain.log").read_text()
    assert "RuntimeError: boom" in logged and "MY PRIVATE NOTE" not in logged


def test_sqlite_errors_are_explained_by_their_code(tmp_path: Path) -> None:
    from tui.store.db import explain

    error = sqlite3.OperationalError("disk I/O error")
    error.sqlite_errorname = "SQLITE_IOERR_WRITE"  # type: ignore[attr-defined]
    assert "could not be written" in str(explain(error, tmp_path / "footpain.db"))


def test_the_cache_folder_and_its_parents_are_private_whatever_the_umask(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tui.store import content_cache

    cache = tmp_path / "home" / ".cache" / "footpain"
    monkeypatch.setenv("FOOTPAIN_CACHE_DIR", str(cache))
    old = os.umask(0)
    try:
        content_cache.load_app_content()
    finally:
        os.umask(old)
    assert list(cache.glob("*.pickle"))
    for part in (cache, cache.parent, cache.parent.parent):
        assert stat.S_IMODE(part.stat().st_mode) == 0o700, part


def test_a_v01_journal_that_is_a_symlink_is_not_read(data_dir: Path, tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere.toml"
    elsewhere.write_text('[[entries]]\nid = "x1"\ndate = 2026-03-01\nactivity = "run"\n')
    data_dir.mkdir(mode=0o700)
    (data_dir / "journal.toml").symlink_to(elsewhere)
    assert read_journal(data_dir).entries == []
    assert (data_dir / "journal.toml").is_symlink()  # left as it was
    assert elsewhere.read_text().startswith("[[entries]]")


def test_a_store_error_naming_a_hostile_path_prints_no_escape(tmp_path: Path,
                                                              capsys) -> None:  # noqa: ANN001
    folder = tmp_path / "evil\x1b]52;c;SEFDSw==\x07"
    folder.mkdir()
    folder.chmod(0o777)
    assert main(["log", "list", "--data-dir", str(folder)]) == 1
    err = capsys.readouterr().err
    assert "\x1b" not in err and "\x07" not in err and "\\x1b" in err
