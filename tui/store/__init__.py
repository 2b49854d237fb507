"""Persistence, with no UI: the database the app owns and the TOML the user edits.

`Store` is the handle a pane or a command holds: `store.db` (the SQLite database in the data
folder, `tui.store.db`) and `store.settings` (settings.toml in the config folder,
`tui.store.config`). The repositories (`tui.store.journal`, `tui.store.state`) take the
database; every pane and command goes through them.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from tui.store.config import SettingsFile
from tui.store.db import BusyError, Database, NewerDatabaseError
from tui.store.files import CorruptFileError, StoreError, atomic_write

__all__ = [
    "BusyError", "CorruptFileError", "Database", "NewerDatabaseError", "SettingsFile", "Store",
    "StoreError", "atomic_write",
]


def _tell_stderr(message: str) -> None:
    """The commands' way to say what the database did (set a file aside, imported v0.1)."""
    import sys

    print(f"footpain: {message}", file=sys.stderr)


class Store:
    """The user's data folder (a database) and config folder (settings.toml)."""

    def __init__(self, data_dir: Path, config_dir: Path | None = None,
                 warn: Callable[[str], None] | None = None) -> None:
        from tui import paths

        self.root = Path(data_dir)
        self.db = Database(self.root, warn or _tell_stderr)
        self.settings = SettingsFile(config_dir or paths.config_dir(), self.root)
