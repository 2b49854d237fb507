"""The runner's own routines: `<config folder>/routines.toml`, same schema as the built-in file.

A problem in that file never stops the built-in routines: `load_user_routines` returns the
routines it could read (none, if the file is wrong) and a message naming file, entry, field.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path

from tui.domain.content import ContentError, Drill, Routine, load_routines_file

USER_ROUTINES_FILE = "routines.toml"


def user_routines_path(config_dir: Path) -> Path:
    """Where the runner's own routines live."""
    return Path(config_dir) / USER_ROUTINES_FILE


def load_user_routines(
    config_dir: Path, drills: Mapping[str, Drill], builtin_ids: Iterable[str]
) -> tuple[list[Routine], str]:
    """The user's routines and an error message ("" if all is well or there is no file)."""
    path = user_routines_path(config_dir)
    if not path.exists():
        return [], ""
    try:
        routines = load_routines_file(path, drills)
    except ContentError as error:
        return [], f"Your routines file was not loaded: {error}"
    taken = set(builtin_ids)
    for index, routine in enumerate(routines, start=1):
        if routine.id in taken:
            return [], (
                f"Your routines file was not loaded: {path}: routine {routine.id!r} "
                f"(entry {index}), field 'id': already used by a built-in routine; "
                "pick another id"
            )
    return routines, ""
