"""The runner's own routines file: loaded when right, a clear message when wrong."""

from __future__ import annotations

from tui.domain.user_routines import load_user_routines

GOOD = """
schema_version = 1

[[routine]]
id = "my_toes"
name = "My toes"
summary = "Toe yoga and marbles."
frequency = "daily"
steps = ["toe_yoga", "marble_pickup"]
"""


def _load(tmp_path, content, text: str | None):
    if text is not None:
        (tmp_path / "routines.toml").write_text(text)
    return load_user_routines(tmp_path, content.drills_by_id, [r.id for r in content.routines])


def test_no_file_is_fine(tmp_path, content) -> None:
    """Without a file: no routines, no message."""
    assert _load(tmp_path, content, None) == ([], "")


def test_good_file_loads(tmp_path, content) -> None:
    """A valid file gives its routines, with the default lead-in."""
    routines, problem = _load(tmp_path, content, GOOD)
    assert problem == "" and [r.id for r in routines] == ["my_toes"]
    assert routines[0].lead_in_seconds == 5


def test_unknown_drill_is_named_with_a_suggestion(tmp_path, content) -> None:
    """A misspelt drill id names the file, the routine, the field and a near match."""
    routines, problem = _load(tmp_path, content, GOOD.replace('"toe_yoga"', '"toe_yogo"'))
    assert routines == []
    assert "routines.toml" in problem and "'my_toes'" in problem
    assert "steps[0]" in problem and "did you mean 'toe_yoga'" in problem


def test_clash_with_a_builtin_id_is_refused(tmp_path, content) -> None:
    """A user routine may not reuse a built-in id (it would hide the built-in)."""
    routines, problem = _load(tmp_path, content, GOOD.replace("my_toes", "morning_foot"))
    assert routines == [] and "already used by a built-in routine" in problem


def test_toml_syntax_error_is_reported(tmp_path, content) -> None:
    """Broken TOML is a message, not a crash."""
    routines, problem = _load(tmp_path, content, GOOD.replace('name = "My toes"', "name = "))
    assert routines == [] and "TOML syntax error" in problem
