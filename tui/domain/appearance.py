"""The two settings the first frame needs (theme and animations), read leniently.

The app paints its first frame with the theme and animation level read here, and loads,
checks (and, if need be, repairs and reports) the whole settings file right after, when a
warning has somewhere to show.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, NamedTuple

SETTINGS_FILE = "settings.toml"
THEMES: tuple[str, ...] = ("footpain-dark", "footpain-light", "footpain-contrast")
ANIMATIONS: tuple[str, ...] = ("auto", "on", "off")


class Appearance(NamedTuple):
    """Theme name and animation choice."""

    theme: str = THEMES[0]
    animations: str = ANIMATIONS[0]


def peek_appearance(data: Mapping[str, Any] | None) -> Appearance:
    """Theme and animations from raw settings data; anything unknown gives the default."""
    data = data or {}
    theme, animations = data.get("theme"), data.get("animations")
    return Appearance(
        theme if theme in THEMES else THEMES[0],
        animations if animations in ANIMATIONS else ANIMATIONS[0],
    )


def animations_enabled(animations: str, environ: Mapping[str, str]) -> bool:
    """Whether to animate, resolving "auto" from the SSH environment (off over SSH, where
    every frame costs bytes)."""
    if animations == "auto":
        return not (environ.get("SSH_CONNECTION") or environ.get("SSH_TTY"))
    return animations == "on"
