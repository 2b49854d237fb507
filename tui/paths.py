"""Where footpain keeps user data and configuration, resolved at call time (never at import).

Order: an explicit `--data-dir`, then `FOOTPAIN_DATA_DIR`, then the platform's user data
folder (XDG on Linux). The config folder (user routines) follows `FOOTPAIN_CONFIG_DIR`, else
the platform's user config folder; the cache folder (validated content) follows
`FOOTPAIN_CACHE_DIR`, else the platform's user cache folder.
"""

from __future__ import annotations

import os
from pathlib import Path

APP_NAME = "footpain"


def data_dir(override: str | os.PathLike[str] | None = None) -> Path:
    """The folder for the journal, timer and routine state, and settings."""
    if override:
        return Path(override).expanduser().resolve()
    env = os.environ.get("FOOTPAIN_DATA_DIR")
    if env:
        return Path(env).expanduser().resolve()
    from platformdirs import user_data_path

    return user_data_path(APP_NAME, appauthor=False)


def config_dir() -> Path:
    """The folder for hand-edited configuration such as custom routines."""
    env = os.environ.get("FOOTPAIN_CONFIG_DIR")
    if env:
        return Path(env).expanduser().resolve()
    from platformdirs import user_config_path

    return user_config_path(APP_NAME, appauthor=False)


def log_file(data: Path) -> Path:
    """Where the app writes its own diagnostics (Textual draws on stderr)."""
    return data / "footpain.log"


def cache_dir() -> Path:
    """The folder for things footpain can rebuild, such as the validated content."""
    env = os.environ.get("FOOTPAIN_CACHE_DIR")
    if env:
        return Path(env).expanduser().resolve()
    from platformdirs import user_cache_path

    return user_cache_path(APP_NAME, appauthor=False)
