"""Tests for tui.store: round trips, privacy, atomicity, locking and corrupt files."""

from __future__ import annotations

import os
import re
import signal
import stat
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

import pytest
from pydantic import BaseModel, ConfigDict, Field

from tui import store as store_module
from tui.store import CorruptFileError, Store

REPO = Path(__file__).resolve().parents[2]
NAME = "journal.toml"


class Entry(BaseModel):
    """One recovery-log line."""

    model_config = ConfigDict(extra="forbid")
    day: date
    note: str = ""
    pain_after: int = Field(ge=0, le=10)


class Journal(BaseModel):
    """A small journal file like the real recovery log."""

    model_config = ConfigDict(extra="forbid")
    schema_version: int = 1
    entries: list[Entry] = []


# A child process: appends entries via Store.update, tagged with its writer id.
WORKER = """
import sys, time
from datetime import date
from pathlib import Path
from tests.unit.test_store import Entry, Journal
from tui.store import Store

root, who, count, note_len = Path(sys.argv[1]), sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
hang_at = int(sys.argv[5])
if hang_at >= 0:  # freeze inside the write of update number hang_at, before its rename
    import os
    real_fsync, calls = os.fsync, [0]
    def fsync(fd):
        calls[0] += 1
        if calls[0] == 2 * hang_at + 1:  # each update syncs the temp file, then the folder
            (root / "hung").touch()
            time.sleep(60)
        real_fsync(fd)
    os.fsync = fsync
store = Store(root)
(root / f"ready-{who}").touch()
while not (root / "go").exists():
    time.sleep(0.001)
i = 0
while count < 0 or i < count:
    entry = Entry(day=date(2024, 5, 1), note=f"{who}-{i}" + "x" * note_len, pain_after=i % 11)
    store.update("journal.toml", Journal, lambda j: j.entries.append(entry))
    i += 1
"""


def spawn_worker(
    root: Path, who: str, count: int, note_len: int = 0, hang_at: int = -1
) -> subprocess.Popen:
    """Start a python child that appends count entries (forever if count < 0)."""
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    args = [sys.executable, "-c", WORKER, str(root), who, str(count), str(note_len), str(hang_at)]
    return subprocess.Popen(args, cwd=REPO, env=env)


def wait_for(predicate, timeout: float = 30.0) -> None:
    """Poll predicate until it is true, failing the test after timeout seconds."""
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            pytest.fail("timed out waiting for child process")
        time.sleep(0.005)


def drop_last(journal: Journal) -> None:
    """Remove the newest entry in place."""
    journal.entries.pop()


def sample() -> Journal:
    """Return a journal with two entries."""
    return Journal(
        entries=[
            Entry(day=date(2024, 5, 1), note="easy 5k, heel sore", pain_after=4),
            Entry(day=date(2024, 5, 2), pain_after=2),
        ]
    )


def mode(path: Path) -> int:
    """Return the permission bits of path."""
    return stat.S_IMODE(path.stat().st_mode)


def test_round_trip(tmp_path: Path) -> None:
    """What is written reads back equal, with dates as real TOML dates."""
    store = Store(tmp_path / "data")
    store.write(NAME, sample())
    assert store.read(NAME, Journal) == sample()
    assert "day = 2024-05-01" in store.path(NAME).read_text()


def test_missing_file_gives_default_and_creates_nothing(tmp_path: Path) -> None:
    """Reading a file that does not exist gives the model default."""
    store = Store(tmp_path / "data")
    assert store.read(NAME, Journal) == Journal()
    assert not store.root.exists()


def test_permissions_private_even_with_open_umask(tmp_path: Path) -> None:
    """Folder is 0700, data and lock files 0600, whatever the umask."""
    old = os.umask(0)
    try:
        store = Store(tmp_path / "a" / "data")
        store.write(NAME, sample())
    finally:
        os.umask(old)
    assert mode(store.root) == 0o700
    assert mode(store.path(NAME)) == 0o600
    assert mode(store.root / f"{NAME}.lock") == 0o600


def test_existing_open_folder_becomes_private(tmp_path: Path) -> None:
    """An existing 0755 data folder is tightened to 0700 on write."""
    root = tmp_path / "data"
    root.mkdir(mode=0o755)
    os.chmod(root, 0o755)
    Store(root).write(NAME, sample())
    assert mode(root) == 0o700


def test_update_mutate_in_place_or_return_new(tmp_path: Path) -> None:
    """change may mutate and return None, or return a new model."""
    store = Store(tmp_path)
    store.update(NAME, Journal, lambda j: j.entries.append(sample().entries[0]))
    got = store.update(NAME, Journal, lambda j: Journal(entries=j.entries * 2))
    assert len(got.entries) == 2
    assert store.read(NAME, Journal) == got


def test_update_refuses_invalid_change(tmp_path: Path) -> None:
    """An in-place change that breaks validation is not written."""
    store = Store(tmp_path)
    store.write(NAME, sample())
    before = store.path(NAME).read_bytes()

    def bad(j: Journal) -> None:
        j.entries[1].pain_after = 42

    with pytest.raises(store_module.StoreError, match=r"entries\.1\.pain_after"):
        store.update(NAME, Journal, bad)
    assert store.path(NAME).read_bytes() == before


def test_no_temp_files_left_behind(tmp_path: Path) -> None:
    """After writes and updates only the data file and its lock remain."""
    store = Store(tmp_path / "data")
    for _ in range(5):
        store.write(NAME, sample())
        store.update(NAME, Journal, drop_last)
    assert sorted(p.name for p in store.root.iterdir()) == [NAME, f"{NAME}.lock"]


def test_failed_replace_cleans_temp_and_keeps_old(tmp_path: Path, monkeypatch) -> None:
    """If the final rename fails, the old file is intact and no temp file remains."""
    store = Store(tmp_path)
    store.write(NAME, sample())
    before = store.path(NAME).read_bytes()

    def boom(*args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr(store_module.os, "replace", boom)
    with pytest.raises(OSError, match="disk full"):
        store.write(NAME, Journal())
    assert store.path(NAME).read_bytes() == before
    assert not list(tmp_path.glob("*.tmp"))


def test_two_processes_updating_concurrently_lose_nothing(tmp_path: Path) -> None:
    """Two writer processes each append 200 entries; all 400 are kept."""
    store = Store(tmp_path)
    procs = [spawn_worker(tmp_path, who, 200) for who in ("a", "b")]
    wait_for(lambda: (tmp_path / "ready-a").exists() and (tmp_path / "ready-b").exists())
    (tmp_path / "go").touch()
    for proc in procs:
        assert proc.wait(timeout=120) == 0
    notes = [e.note for e in store.read(NAME, Journal).entries]
    assert sorted(notes) == sorted(f"{who}-{i}" for who in "ab" for i in range(200))
    # each writer's own entries keep their order, and the writers really did interleave
    for who in "ab":
        assert [n for n in notes if n.startswith(who)] == [f"{who}-{i}" for i in range(200)]
    switches = sum(1 for x, y in zip(notes, notes[1:], strict=False) if x[0] != y[0])
    assert switches > 1


def test_sigkill_mid_write_never_leaves_a_broken_file(tmp_path: Path) -> None:
    """A writer killed at random points leaves a file that parses and validates."""
    store = Store(tmp_path)
    (tmp_path / "go").touch()
    seen = 0
    for round_ in range(4):
        proc = spawn_worker(tmp_path, f"k{round_}", -1, note_len=4000)
        wait_for(lambda target=seen + 3: len(store.read(NAME, Journal).entries) > target)
        time.sleep(0.01 * round_)
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=10)
        journal = store.read(NAME, Journal)  # raises CorruptFileError if half-written
        assert len(journal.entries) >= seen
        seen = len(journal.entries)
    store.update(NAME, Journal, drop_last)  # sweeps temp files of the killed
    assert not list(tmp_path.glob("*.tmp"))
    assert len(store.read(NAME, Journal).entries) == seen - 1


def test_sigkill_inside_a_write_keeps_the_previous_version(tmp_path: Path) -> None:
    """Killed after writing its temp file but before the rename: old file intact, temp swept."""
    store = Store(tmp_path)
    (tmp_path / "go").touch()
    proc = spawn_worker(tmp_path, "h", -1, note_len=4000, hang_at=5)
    wait_for(lambda: (tmp_path / "hung").exists())
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=10)
    notes = [e.note[:3] for e in store.read(NAME, Journal).entries]
    assert notes == [f"h-{i}" for i in range(5)]  # the sixth, unfinished update is not visible
    assert len(list(tmp_path.glob(f".{NAME}.*.tmp"))) == 1
    store.update(NAME, Journal, drop_last)
    assert not list(tmp_path.glob("*.tmp"))
    assert len(store.read(NAME, Journal).entries) == 4


CORRUPT = {
    "garbage bytes": (b"\x00\xff\xfe\x80 not toml at all", "not UTF-8 text"),
    "bad toml": (b"schema_version = 1\n[[entries]]\nday = 2024-05-01\nnote = \n", "line 4"),
    "invalid field": (
        b"schema_version = 1\n"
        b"[[entries]]\nday = 2024-05-01\npain_after = 3\n"
        b"[[entries]]\nday = 2024-05-02\npain_after = 11\n",
        "entries.1.pain_after: Input should be less than or equal to 10",
    ),
    "unknown field": (b"schema_version = 1\nmood = 'grim'\n", "mood: Extra inputs"),
    "newer schema": (
        b"schema_version = 7\nshiny_new_field = 1\n",
        "written by a newer footpain (schema 7)",
    ),
}


@pytest.mark.parametrize("content,reason", CORRUPT.values(), ids=CORRUPT.keys())
def test_corrupt_file_is_reported_and_never_overwritten(
    tmp_path: Path, content: bytes, reason: str
) -> None:
    """read and update raise naming file and problem; the bytes stay as they were."""
    store = Store(tmp_path)
    store.ensure()
    store.path(NAME).write_bytes(content)

    with pytest.raises(CorruptFileError) as info:
        store.read(NAME, Journal)
    assert info.value.path == store.path(NAME)
    assert reason in info.value.reason
    assert str(info.value) == f"{store.path(NAME)}: {info.value.reason}"

    with pytest.raises(CorruptFileError):
        store.update(NAME, Journal, lambda j: j.entries.clear())
    assert store.path(NAME).read_bytes() == content
    assert not list(tmp_path.glob("*.tmp"))


def test_quarantine_moves_bytes_aside_and_frees_the_name(tmp_path: Path) -> None:
    """Quarantine keeps the exact bytes under a stamped name; the next read is fresh."""
    store = Store(tmp_path)
    store.ensure()
    garbage = b"\xff\xfe[[[ broken"
    store.path(NAME).write_bytes(garbage)
    moved = store.quarantine(NAME)
    assert moved is not None
    assert re.fullmatch(rf"{re.escape(NAME)}\.corrupt-\d{{8}}T\d{{6}}", moved.name)
    assert moved.read_bytes() == garbage
    assert not store.path(NAME).exists()
    assert store.read(NAME, Journal) == Journal()
    store.update(NAME, Journal, lambda j: j.entries.append(sample().entries[0]))
    assert len(store.read(NAME, Journal).entries) == 1


def test_quarantine_same_second_gets_numbered(tmp_path: Path, monkeypatch) -> None:
    """Two quarantines with the same stamp do not clobber each other."""
    monkeypatch.setattr(store_module, "now_stamp", lambda: "20240501T120000")
    store = Store(tmp_path)
    store.ensure()
    names = []
    for content in (b"first", b"second", b"third"):
        store.path(NAME).write_bytes(content)
        moved = store.quarantine(NAME)
        assert moved is not None and moved.read_bytes() == content
        names.append(moved.name)
    stem = f"{NAME}.corrupt-20240501T120000"
    assert names == [stem, f"{stem}-1", f"{stem}-2"]


def test_quarantine_missing_file_returns_none(tmp_path: Path) -> None:
    """Nothing to move gives None."""
    assert Store(tmp_path).quarantine(NAME) is None


@pytest.mark.parametrize("name", ["", "../escape.toml", "sub/x.toml", ".hidden.toml"])
def test_path_rejects_names_outside_the_folder(tmp_path: Path, name: str) -> None:
    """Only plain file names inside the data folder are allowed."""
    with pytest.raises(ValueError):
        Store(tmp_path).path(name)
