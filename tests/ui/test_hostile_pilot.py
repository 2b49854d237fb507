"""Hostile text in the places the pty walk (test_hostile_walk.py) does not reach: the error
line for a routines.toml that could not be read, whose message names the file's path."""

from __future__ import annotations

from pathlib import Path

from tests.hostile import hidden_characters


async def test_routines_file_error_is_shown_escaped(make_app, tmp_path: Path) -> None:
    """A config folder whose name holds ESC [ 2 J and U+202E: the Drills tab's error line shows
    the path with visible escapes, and the message still names the file and the field."""
    config = tmp_path / "cfg\x1b[2J\u202e"
    config.mkdir()
    (config / "routines.toml").write_text("schema_version = 1\n[[routine]]\nid = 'x1'\n")
    app = make_app(config_dir=config)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("3")
        await pilot.pause()
        shown = str(app.query_one("#drills-user-error").render())
        assert "cfg\\x1b[2J\\u202e" in shown and "routines.toml" in shown
        assert hidden_characters(shown) == []
