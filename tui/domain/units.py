"""Distance units: the journal stores kilometres; the user reads and types km or miles."""

from __future__ import annotations

from typing import Literal

Units = Literal["km", "mi"]
KM_PER_MILE = 1.609344


def to_km(value: float, units: str) -> float:
    """A distance typed in the user's units, in kilometres."""
    return value * KM_PER_MILE if units == "mi" else value


def from_km(km: float, units: str) -> float:
    """A stored distance in the user's units."""
    return km / KM_PER_MILE if units == "mi" else km


def unit_label(units: str) -> str:
    """The short unit name shown next to numbers."""
    return "mi" if units == "mi" else "km"


def format_distance(km: float | None, units: str, *, with_unit: bool = True) -> str:
    """A stored distance for display, one decimal, in the user's units ("" when unknown)."""
    if km is None:
        return ""
    text = f"{from_km(km, units):.1f}"
    return f"{text} {unit_label(units)}" if with_unit else text
