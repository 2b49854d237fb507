"""Settings the user can edit: settings.toml in the config folder, written atomically.

Read with tomllib, written with tomli-w (temp file, fsync, rename, fsync the folder), 0600 in
a 0700 folder. A file that cannot be read is never overwritten: it is moved aside
byte-for-byte and the defaults are used. footpain 0.1 kept settings.toml in the data folder;
the first read copies it here and keeps the old one beside the other 0.1 files, renamed
`settings.toml.v0.1` (so deleting the new file later resets the settings, as expected).
"""

from __future__ import annotations

import tomllib
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tui.domain.appearance import SETTINGS_FILE
from tui.store.files import (
    CorruptFileError,
    StoreError,
    atomic_write,
    os_reason,
    private_folder,
    read_private,
    set_aside,
)

if TYPE_CHECKING:  # the full settings record: not needed before the first frame
    from tui.domain.settings import Settings


class SettingsFile:
    """settings.toml in the config folder (copied from the v0.1 data folder once)."""

    def __init__(self, config_dir: Path, legacy_dir: Path | None = None) -> None:
        self.path = Path(config_dir) / SETTINGS_FILE
        self.legacy = Path(legacy_dir) / SETTINGS_FILE if legacy_dir is not None else None

    def _adopt_legacy(self) -> Path:
        """Copy a v0.1 settings.toml from the data folder, keeping the old one as
        `settings.toml.v0.1`; return the file to read (the old one if it cannot be copied)."""
        if self.path.exists() or self.legacy is None or not self.legacy.is_file():
            return self.path
        try:
            data = read_private(self.legacy)
            private_folder(self.path.parent)
            atomic_write(self.path, data)
        except (OSError, StoreError):
            return self.legacy  # use it where it is; copying is tried again next time
        kept = self.legacy.with_name(self.legacy.name + ".v0.1")
        if not kept.exists():
            try:
                self.legacy.rename(kept)
            except OSError:
                pass  # copied already; the old file staying put does no harm
        return self.path

    def read_data(self) -> dict[str, Any] | None:
        """The file's TOML data, not validated (None if there is none); CorruptFileError if
        it is not TOML."""
        path = self._adopt_legacy()
        try:
            raw = read_private(path)
        except FileNotFoundError:
            return None
        except OSError as error:  # a folder, a symlink, no permission: unusable, like bad TOML
            raise CorruptFileError(path, f"cannot be read: {os_reason(error)}") from None
        try:
            return tomllib.loads(raw.decode("utf-8"))
        except UnicodeDecodeError as error:
            raise CorruptFileError(self.path, f"not UTF-8 text (byte {error.start})") from None
        except tomllib.TOMLDecodeError as error:
            raise CorruptFileError(self.path, f"not valid TOML: {error}") from None

    def read(self) -> Settings:
        """The settings (defaults if there is no file); CorruptFileError if unusable."""
        from tui.domain.record import RecordError
        from tui.domain.settings import Settings

        data = self.read_data()
        if data is None:
            return Settings()
        stored = data.get("schema_version")
        if isinstance(stored, int) and stored > 1:
            raise CorruptFileError(self.path, f"written by a newer footpain (schema {stored})")
        try:
            return Settings.model_validate(data)
        except RecordError as error:
            problems = "; ".join(
                f"{'.'.join(str(p) for p in e['loc']) or '(file)'}: {e['msg']}"
                for e in error.errors(include_url=False)
            )
            raise CorruptFileError(self.path, problems) from None

    def load(self, warn: Callable[[str], None]) -> Settings:
        """The settings; a file that cannot be used is moved aside (and said so)."""
        from tui.domain.settings import Settings
        try:
            return self.read()
        except CorruptFileError as error:
            try:
                moved = set_aside(self.path)
            except OSError:
                moved = None  # cannot move it (a read-only folder): it stays, unused
            warn(f"{SETTINGS_FILE} could not be read ({error.reason}). It was kept, unchanged, "
                 f"as {moved.name if moved else '(not moved)'}; using the default settings.")
            return Settings()

    def save(self, settings: Settings) -> Settings:
        """Write every field atomically; return what was written."""
        import tomli_w

        data = tomli_w.dumps(settings.model_dump(mode="python", exclude_none=True))
        try:
            private_folder(self.path.parent)
            atomic_write(self.path, data.encode("utf-8"))
        except StoreError as error:
            raise StoreError(f"the settings were not saved: {error}") from error
        return settings
