"""The command line basics: version, help, locate, data-dir resolution."""

from __future__ import annotations

import pytest

from tui import __version__
from tui.cli import main


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    """--version prints the version and exits 0."""
    with pytest.raises(SystemExit) as exit_info:
        main(["--version"])
    assert exit_info.value.code == 0
    assert __version__ in capsys.readouterr().out


def test_locate_honours_data_dir_flag(tmp_path, capsys) -> None:
    """`locate --data-dir DIR` prints DIR as the data folder."""
    assert main(["locate", "--data-dir", str(tmp_path / "x")]) == 0
    assert f"data: {tmp_path / 'x'}" in capsys.readouterr().out


def test_locate_honours_environment(tmp_path, capsys, monkeypatch) -> None:
    """FOOTPAIN_DATA_DIR sets the data folder when no flag is given."""
    monkeypatch.setenv("FOOTPAIN_DATA_DIR", str(tmp_path / "env"))
    assert main(["locate"]) == 0
    assert f"data: {tmp_path / 'env'}" in capsys.readouterr().out


def test_locate_names_the_cache_folder(tmp_path, capsys, monkeypatch) -> None:
    """FOOTPAIN_CACHE_DIR is where the validated content is kept."""
    monkeypatch.setenv("FOOTPAIN_CACHE_DIR", str(tmp_path / "c"))
    assert main(["locate"]) == 0
    assert f"cache: {tmp_path / 'c'}" in capsys.readouterr().out


def test_unknown_command_exits_2(capsys) -> None:
    """A command that does not exist is a usage error (exit code 2)."""
    with pytest.raises(SystemExit) as exit_info:
        main(["frobnicate"])
    assert exit_info.value.code == 2


def test_broken_content_stops_the_app_with_a_message(tmp_path, monkeypatch, capsys) -> None:
    """A bad content file: a one-paragraph message naming file and field, exit 1, no traceback."""
    import shutil

    from tui.domain.content import content_dir

    broken = tmp_path / "content"
    shutil.copytree(content_dir(), broken)
    drills = broken / "drills.toml"
    drills.write_text(drills.read_text().replace("sets = 3", "sets = 99", 1))
    monkeypatch.setenv("FOOTPAIN_CONTENT_DIR", str(broken))
    assert main(["--data-dir", str(tmp_path / "data")]) == 1
    err = capsys.readouterr().err
    assert "drills.toml" in err and "sets" in err
    assert "Traceback" not in err



def test_bytes_that_are_not_utf8_exit_2(capsys) -> None:
    """A note in Latin-1 bytes (as a shell passes them): exit 2 and a sentence, nothing saved."""
    from tui.cli import main as run_main

    assert run_main(["log", "add", "--activity", "run", "--note", "caf\udce9"]) == 2
    assert "not valid UTF-8" in capsys.readouterr().err
