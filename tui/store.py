"""Persistence for user data: TOML files in a private data folder, one pydantic model per file.

Every write is atomic (temp file, fsync, ``os.replace``, fsync of the folder) and happens under
an inter-process ``flock`` on a sidecar ``<name>.lock`` file, so two open instances never drop
each other's changes. A file that cannot be read is never overwritten: reading it raises
``CorruptFileError`` and it stays byte-for-byte until the user chooses to ``quarantine`` it.
The folder is 0700 and every file 0600, since this is the user's health data.
"""

from __future__ import annotations

import fcntl
import gc
import os
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:  # pydantic is imported where a model is validated: the first frame needs none
    from pydantic import BaseModel, ValidationError

try:  # the compiled tomli parses a large journal about three times faster than tomllib
    import tomli as toml_reader
except ImportError:  # pragma: no cover - tomli is a dependency; the stdlib is the fallback
    import tomllib as toml_reader

from tui import toml_fast

M = TypeVar("M", bound="BaseModel")

DIR_MODE = 0o700
FILE_MODE = 0o600


class StoreError(Exception):
    """Something went wrong reading or writing user data."""


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
    """Return the local time as a compact stamp for file names, like 20250131T184502."""
    return datetime.now().strftime("%Y%m%dT%H%M%S")


def format_validation_error(err: ValidationError) -> str:
    """Turn pydantic errors into 'entries.3.pain_after: Input should be ...' lines."""
    parts = []
    for item in err.errors(include_url=False):
        loc = ".".join(str(part) for part in item["loc"]) or "(file)"
        parts.append(f"{loc}: {item['msg']}")
    return "; ".join(parts)


def _schema_default(model: type[BaseModel]) -> int | None:
    """Return the schema_version this code writes for model, if it has one."""
    field = model.model_fields.get("schema_version")
    default = None if field is None else field.default
    return default if isinstance(default, int) else None


@contextmanager
def gc_paused() -> Iterator[None]:
    """Hold off automatic garbage collection while a large file is parsed or validated."""
    # A ten-year journal makes tens of thousands of objects (none in cycles) per read; left
    # alone they set off full collections that walk every object: ~20% of one write.
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _fsync_dir(folder: Path) -> None:
    """Flush a folder's entries to disk so a rename survives a power cut."""
    fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


Identity = tuple[int, int, int]
"""A file's (inode, size, mtime in ns): every atomic replace gives a new one."""


def _identity(st: os.stat_result) -> Identity:
    return (st.st_ino, st.st_size, st.st_mtime_ns)


def atomic_write(path: Path, data: bytes) -> Identity:
    """Replace path with data atomically (temp file beside it, fsync, rename, fsync the folder),
    private to the user; return the new file's identity."""
    fd, tmp_name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as handle:
            os.fchmod(handle.fileno(), FILE_MODE)
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
            st = os.fstat(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    _fsync_dir(path.parent)
    return _identity(st)


class Store:
    """TOML-backed storage for pydantic models in one private folder."""

    def __init__(self, root: Path) -> None:
        """Use root as the data folder; it is created (0700) on first write."""
        self.root = Path(root)
        self._parsed: dict[str, tuple[tuple[int, int, int], dict[str, Any] | None]] = {}
        """Per file: (inode, size, mtime_ns) and the TOML data last read or written there.
        Parsing is the slow part of a large journal; a file that has not changed since is
        not parsed again. Any other writer replaces the inode, so its changes are seen."""

    def ensure(self) -> None:
        """Create the data folder if needed and make it private (0700)."""
        self.root.mkdir(mode=DIR_MODE, parents=True, exist_ok=True)
        if self.root.stat().st_mode & 0o777 != DIR_MODE:
            os.chmod(self.root, DIR_MODE)

    def path(self, name: str) -> Path:
        """Return the path of a data file such as 'journal.toml'."""
        if not name or name != Path(name).name or name.startswith("."):
            raise ValueError(f"not a plain data file name: {name!r}")
        return self.root / name

    def read(self, name: str, model: type[M]) -> M:
        """Load name as model; a missing file gives model(); a bad one raises CorruptFileError."""
        data = self.read_data(name)
        if data is None:
            return model()
        with gc_paused():
            return self._validate(self.path(name), data, model)

    def read_data(self, name: str) -> dict[str, Any] | None:
        """The file's TOML data, not validated (None if there is no file). Do not change it:
        it is the parse cache. A file that is not TOML raises CorruptFileError."""
        path = self.path(name)
        try:
            with path.open("rb") as handle, gc_paused():
                key = _identity(os.fstat(handle.fileno()))
                cached = self._parsed.get(name)
                if cached is not None and cached[0] == key and cached[1] is not None:
                    return cached[1]
                data = self._decode(path, handle.read())
                self._parsed[name] = (key, data)
                return data
        except FileNotFoundError:
            return None
        except OSError as exc:
            raise StoreError(f"{path}: cannot read: {exc.strerror}") from exc

    @staticmethod
    def _decode(path: Path, raw: bytes) -> dict[str, Any]:
        """Parse the bytes of one file as TOML (our own plain shape fast, the rest with tomli)."""
        try:
            text = raw.decode("utf-8")
            fast = toml_fast.loads(text)
            return fast if fast is not None else toml_reader.loads(text)
        except UnicodeDecodeError as exc:
            raise CorruptFileError(path, f"not UTF-8 text (byte {exc.start})") from exc
        except toml_reader.TOMLDecodeError as exc:
            raise CorruptFileError(path, f"not valid TOML: {exc}") from exc

    @staticmethod
    def _validate(path: Path, data: dict[str, Any], model: type[M]) -> M:
        """Check the schema version and validate parsed data as model."""
        newest = _schema_default(model)
        stored = data.get("schema_version")
        if newest is not None and isinstance(stored, int) and stored > newest:
            raise CorruptFileError(path, f"written by a newer footpain (schema {stored})")
        from pydantic import ValidationError

        try:
            return model.model_validate(data)
        except ValidationError as exc:
            raise CorruptFileError(path, format_validation_error(exc)) from exc

    @contextmanager
    def lock(self, name: str) -> Iterator[None]:
        """Hold an exclusive inter-process lock for name (not re-entrant)."""
        self.ensure()
        lock_path = self.path(name).with_name(f"{name}.lock")
        fd = os.open(lock_path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, FILE_MODE)
        try:
            os.fchmod(fd, FILE_MODE)
            fcntl.flock(fd, fcntl.LOCK_EX)
            yield
        finally:
            os.close(fd)  # closing the only descriptor releases the flock

    def write(self, name: str, obj: BaseModel) -> None:
        """Replace name with obj atomically, under the lock."""
        with self.lock(name):
            self._write_locked(name, obj)

    def identity(self, name: str) -> Identity | None:
        """The data file's identity now, or None if it does not exist."""
        try:
            return _identity(self.path(name).stat())
        except OSError:
            return None

    def forget_data(self, name: str) -> None:
        """Drop the parsed data kept for name (its identity stays), for a caller that keeps
        the validated value itself: a year's journal is some 0.7 MiB of parsed TOML."""
        seen = self._parsed.get(name)
        if seen is not None:
            self._parsed[name] = (seen[0], None)

    def written_identity(self, name: str) -> Identity | None:
        """The identity of the file as this store last read or wrote it."""
        seen = self._parsed.get(name)
        return seen[0] if seen else None

    def update(
        self,
        name: str,
        model: type[M],
        change: Callable[[M], M | None],
        cached: tuple[Identity, M] | None = None,
    ) -> M:
        """Apply change to what is on disk now, under the lock; return the value written.

        `cached` is a value the caller already holds with the file identity it came from; if
        the file is still that one, it is changed in place instead of read and validated again.
        """
        with self.lock(name), gc_paused():
            if cached is not None and cached[0] == self.identity(name):
                current = cached[1]
            else:
                current = self.read(name, model)
            result = change(current)
            new = current if result is None else result
            if not isinstance(new, model):
                raise TypeError(f"change returned {type(new).__name__}, not {model.__name__}")
            path = self.path(name)
            data = new.model_dump(mode="python", exclude_none=True)
            from pydantic import ValidationError

            try:  # mutation in place skips validation, so check the whole value again
                new = model.model_validate(data)
            except ValidationError as exc:
                reason = format_validation_error(exc)
                raise StoreError(f"{path}: refusing to write invalid data: {reason}") from exc
            self._write_locked(name, new, data)
            return new

    def _write_locked(self, name: str, obj: BaseModel, data: dict[str, Any] | None = None) -> None:
        """Write obj (already dumped as data, if given) atomically; the caller holds the lock."""
        path = self.path(name)
        if data is None:
            data = obj.model_dump(mode="python", exclude_none=True)
        encoded = toml_fast.dumps(data).encode("utf-8")
        for stale in self.root.glob(f".{name}.*.tmp"):  # left by a writer killed mid-write;
            stale.unlink(missing_ok=True)  # safe, since live writers hold this lock
        self._parsed[name] = (atomic_write(path, encoded), data)

    def quarantine(self, name: str) -> Path | None:
        """Move name aside byte-for-byte to '<name>.corrupt-<stamp>'; return the new path."""
        path = self.path(name)
        if not path.exists():
            return None
        with self.lock(name):
            if not path.exists():
                return None
            base = path.with_name(f"{name}.corrupt-{now_stamp()}")
            target, n = base, 0
            while target.exists() or target.is_symlink():
                n += 1
                target = base.with_name(f"{base.name}-{n}")
            os.rename(path, target)
            _fsync_dir(self.root)
            return target
