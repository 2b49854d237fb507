"""Files in the user's folders: private folders, atomic writes, setting a bad file aside.

Used for the TOML the user edits (settings, routines) and for exports; the data the app owns
lives in SQLite (`tui.store.db`). A file that cannot be read is never overwritten: it is moved
aside byte-for-byte as `<name>.corrupt-<time>` and the user is told where it went.
"""

from __future__ import annotations

import os
import tempfile
from datetime import datetime
from pathlib import Path
from typing import Any

DIR_MODE = 0o700
FILE_MODE = 0o600


class StoreError(Exception):
    """Something went wrong reading or writing user data; the message is for a person."""


class CorruptFileError(StoreError):
    """A data file exists but cannot be used; it is left untouched."""

    def __init__(self, path: Path, reason: str) -> None:
        """Remember which file is bad and why, in words a person can act on."""
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason

    def __reduce__(self) -> tuple[Any, ...]:
        """Pickle with both arguments, so the error survives crossing processes."""
        return (type(self), (self.path, self.reason))


def now_stamp() -> str:
    """The local time as a compact stamp for file names, like 20250131T184502."""
    return datetime.now().strftime("%Y%m%dT%H%M%S")


def private_folder(folder: Path) -> Path:
    """Create the folder (and its parents) if needed; a folder footpain creates is 0700."""
    if not folder.is_dir():
        folder.mkdir(mode=DIR_MODE, parents=True, exist_ok=True)
        os.chmod(folder, DIR_MODE)
    return folder


def fsync_dir(folder: Path) -> None:
    """Flush a folder's entries to disk so a rename survives a power cut."""
    fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def atomic_write(path: Path, data: bytes) -> None:
    """Replace path with data atomically (temp file beside it, fsync, rename, fsync the folder),
    private to the user."""
    fd, tmp_name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as handle:
            os.fchmod(handle.fileno(), FILE_MODE)
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    fsync_dir(path.parent)


def set_aside(path: Path) -> Path | None:
    """Move a file aside byte-for-byte to '<name>.corrupt-<stamp>'; return where it went."""
    if not path.exists():
        return None
    base = path.with_name(f"{path.name}.corrupt-{now_stamp()}")
    target, n = base, 0
    while target.exists() or target.is_symlink():
        n += 1
        target = base.with_name(f"{base.name}-{n}")
    os.rename(path, target)
    fsync_dir(path.parent)
    return target
