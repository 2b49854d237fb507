"""User settings: theme, animations, units, notifications and the ice schedule knobs."""

from __future__ import annotations

import re
from typing import Literal

from tui.domain.appearance import SETTINGS_FILE, THEMES, animations_enabled
from tui.domain.record import Record, field

__all__ = ["SETTINGS_FILE", "THEMES", "Settings"]
_HHMM = re.compile(r"^([01]\d|2[0-3]):[0-5]\d$")


def _hhmm(value: str) -> str:
    if not _HHMM.match(value):
        raise ValueError("use HH:MM, 24-hour, for example 22:00")
    return value


class Settings(Record):
    """Everything the user can change in the settings screen; stored in settings.toml."""

    VALIDATE_ASSIGNMENT = True

    schema_version: int = 1
    theme: Literal["footpain-dark", "footpain-light", "footpain-contrast"] = "footpain-dark"
    """Colour theme; all three keep state readable without colour."""
    animations: Literal["auto", "on", "off"] = "auto"
    """Tab and scroll animations; "auto" turns them off over SSH, where every frame costs bytes."""
    units: Literal["km", "mi"] = "km"
    """Distance unit shown and typed; the journal always stores kilometres."""
    bell: bool = True
    """Ring the terminal bell when a timer ends or ice is due."""
    notifications: bool = True
    """Send desktop notifications through the terminal (OSC 9 / OSC 777)."""
    ice_minutes: int = field(default=15, ge=5, le=20)
    """Length of one ice session; never above 20 minutes."""
    ice_gap_hours: float = field(default=2.5, ge=2.0, le=3.0)
    """Gap between the end of one ice session and the next."""
    quiet_start: str = field(default="22:00", check=_hhmm)
    """No ice reminders from this local time..."""
    quiet_end: str = field(default="07:00", check=_hhmm)
    """...until this one."""
    age: int | None = field(default=None, ge=1, le=120)
    """Your age in years, asked once by the Triage tab: heel pain in children and Achilles
    tears after 60 are read differently."""

    def animations_enabled(self, environ: dict[str, str]) -> bool:
        """Whether to animate, resolving "auto" from the SSH environment."""
        return animations_enabled(self.animations, environ)
