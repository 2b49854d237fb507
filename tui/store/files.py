"""Files in the user's folders: private folders, atomic writes, setting a bad file aside.

Used for the TOML the user edits (settings, routines) and for exports; the data the app owns
lives in SQLite (`tui.store.db`). A file that cannot be read is never overwritten: it is moved
aside byte-for-byte as `<name>.corrupt-<time>` and the user is told where it went.
"""

from __future__ import annotations

import errno
import os
import stat
import tempfile
from datetime import datetime
from pathlib import Path
from typing import Any

DIR_MODE = 0o700
FILE_MODE = 0o600


class StoreError(Exception):
    """Something went wrong reading or writing user data; the message is for a person.

    Its text names paths and data, so it is made printable (`tui.domain.text.printable`):
    a folder name holding an escape sequence prints as `\\x1b`, never raw."""

    def __str__(self) -> str:
        from tui.domain.text import printable

        return printable(super().__str__())


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


_REASONS = {
    errno.ENOSPC: "the disk is full",
    errno.EDQUOT: "the disk quota is used up",
    errno.EROFS: "read-only file system",
    errno.EFBIG: "the file is larger than this system allows",
    errno.EACCES: "permission denied",
    errno.EPERM: "permission denied",
    errno.ELOOP: "is a symbolic link, which footpain does not follow",
    errno.EISDIR: "is a folder, not a file",
    errno.ENOTDIR: "a part of the path is not a folder",
    errno.EIO: "the disk could not be read or written (input/output error)",
}


def os_reason(error: OSError) -> str:
    """One line saying why a file operation failed, for a person ("the disk is full")."""
    reason = _REASONS.get(error.errno or 0)
    if reason is None:
        reason = (error.strerror or str(error) or type(error).__name__).lower()
    return reason


def os_store_error(error: OSError, path: Path | str | None = None,
                   doing: str = "") -> StoreError:
    """The store's own error for an `OSError`: "PATH: permission denied" (the path named is
    the one in the error when it has one, else the one given)."""
    where = error.filename if error.filename is not None else path
    head = f"{where}: " if where is not None else ""
    tail = f"; {doing}" if doing else ""
    return StoreError(f"{head}{os_reason(error)}{tail}")


def _check_folder(folder: Path) -> None:
    """Refuse a folder footpain must not use: not a folder, owned by someone else, writable
    by other users (they could plant links or swap files), or read-only."""
    try:
        st = os.stat(folder)
    except OSError as error:
        raise os_store_error(error, folder) from error
    if not stat.S_ISDIR(st.st_mode):
        raise StoreError(f"{folder} is not a folder")
    if st.st_uid != os.geteuid():
        raise StoreError(f"{folder} belongs to another user; footpain keeps your data only in "
                         "a folder you own")
    if st.st_mode & (stat.S_IWGRP | stat.S_IWOTH):
        raise StoreError(f"{folder} can be changed by other users; footpain will not keep "
                         f"health data there (make it private: chmod 700 '{folder}')")
    if not os.access(folder, os.W_OK | os.X_OK):
        raise StoreError(f"{folder} is read-only, so footpain cannot save anything there; "
                         "its permissions were left as they are")


def private_folder(folder: Path) -> Path:
    """The folder, ready for private files: created (with any missing parents) 0700 whatever
    the umask, or, if it exists, checked and left exactly as it is (never chmodded: the
    user may have made it read-only on purpose). StoreError says why a folder is refused."""
    folder = Path(folder)
    missing: list[Path] = []
    probe = folder
    while not os.path.lexists(probe) and probe != probe.parent:
        missing.append(probe)
        probe = probe.parent
    for part in reversed(missing):
        try:
            os.mkdir(part, DIR_MODE)
        except FileExistsError:
            continue  # made by someone else meanwhile: checked below like any other
        except OSError as error:
            raise os_store_error(error, part) from error
        try:
            os.chmod(part, DIR_MODE, follow_symlinks=False)  # ours: 0700 even if umask said less
        except (OSError, NotImplementedError):
            pass
    _check_folder(folder)
    return folder


def refuse_symlink(path: Path) -> None:
    """StoreError if path is a symbolic link (footpain follows none in its folders)."""
    if os.path.islink(path):
        raise StoreError(f"{path} is a symbolic link; footpain will not follow it")


def fsync_dir(folder: Path) -> None:
    """Flush a folder's entries to disk so a rename survives a power cut."""
    fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def atomic_write(path: Path, data: bytes) -> None:
    """Replace path with data atomically (temp file beside it, fsync, rename, fsync the folder),
    private to the user. A symlink at path is replaced, never followed. Any failure (a full
    disk, a read-only file system) leaves the old file as it was and raises StoreError."""
    try:
        _atomic_write(path, data)
    except OSError as error:
        raise os_store_error(error, path, "nothing was written") from error


def _atomic_write(path: Path, data: bytes) -> None:
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


def read_private(path: Path) -> bytes:
    """A file's bytes, never through a symbolic link (OSError ELOOP) and only from a regular
    file (OSError EISDIR for a folder, ENODEV for anything else)."""
    fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_CLOEXEC | os.O_NONBLOCK)
    with os.fdopen(fd, "rb") as handle:
        mode = os.fstat(handle.fileno()).st_mode
        if stat.S_ISDIR(mode):
            raise IsADirectoryError(errno.EISDIR, "is a folder", str(path))
        if not stat.S_ISREG(mode):
            raise OSError(errno.ENODEV, "not a regular file", str(path))
        return handle.read()


def set_aside(path: Path) -> Path | None:
    """Move a file (or whatever is at path: a folder, a link) aside unchanged to
    '<name>.corrupt-<stamp>'; return where it went."""
    if not os.path.lexists(path):
        return None
    base = path.with_name(f"{path.name}.corrupt-{now_stamp()}")
    target, n = base, 0
    while target.exists() or target.is_symlink():
        n += 1
        target = base.with_name(f"{base.name}-{n}")
    os.rename(path, target)
    fsync_dir(path.parent)
    return target
