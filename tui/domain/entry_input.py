"""Turn what a person typed (form fields or command-line flags) into a journal Entry.

One parser for the Log tab's form and for `footpain log add`, so both refuse the same bad
input with the same words. Every field is checked; an entry comes back only if all are good.
"""

from __future__ import annotations

import math
from collections.abc import Collection, Mapping, Sequence
from datetime import date

from tui.domain.journal import ACTIVITY_LABELS, NOTE_MAX, Entry, Shoe
from tui.domain.units import from_km, to_km, unit_label

MAX_DISTANCE_KM = 1000.0
MAX_SHOE_START_KM = 10000.0
"""What a pair of shoes may have run before it was logged here (the Shoe record's limit)."""
MAX_DURATION_MIN = 24 * 60
FIELDS = (
    "date",
    "activity",
    "distance",
    "duration",
    "pain_before",
    "pain_after",
    "pain_next_morning",
    "shoe",
    "regions",
    "note",
)


def parse_date(text: str, today: date) -> date:
    """A YYYY-MM-DD date that exists and is not after today; ValueError says what is wrong."""
    text = text.strip()
    if not text:
        raise ValueError(f"type a date as YYYY-MM-DD, like {today}")
    try:
        value = date.fromisoformat(text)
    except ValueError:
        raise ValueError(f"no such date {text!r}: use YYYY-MM-DD, like {today}") from None
    if len(text) != 10:
        raise ValueError(f"write the date as YYYY-MM-DD, like {today}")
    if value > today:
        raise ValueError(f"{value} is in the future (today is {today})")
    return value


def parse_activity(text: str) -> str:
    """An activity id from its id or its label, ignoring case ("jog/walk" → jog_walk)."""
    folded = text.strip().casefold().replace("-", "_").replace(" ", "_")
    for activity_id, label in ACTIVITY_LABELS.items():
        if folded in (activity_id, label.casefold().replace(" ", "_")):
            return activity_id
        if folded == label.casefold().split("/")[0]:  # "strength" for Strength/yoga
            return activity_id
    if folded in ("jog/walk", "jogwalk"):
        return "jog_walk"
    choices = ", ".join(ACTIVITY_LABELS)
    raise ValueError(f"unknown activity {text.strip()!r}: choose one of {choices}")


def parse_number(text: str, what: str) -> float:
    """A finite, non-negative number; ValueError names what was expected."""
    try:
        value = float(text.strip().replace(",", "."))
    except ValueError:
        raise ValueError(f"{what} must be a number, like 5 or 3.2") from None
    if not math.isfinite(value):
        raise ValueError(f"{what} must be an ordinary number")
    if value < 0:
        raise ValueError(f"{what} cannot be negative")
    return value


def _typed_km(text: str, units: str) -> float:
    """A distance typed in the user's units, in km (any size)."""
    return to_km(parse_number(text, f"distance ({unit_label(units)})"), units)


def parse_distance(text: str, units: str) -> float:
    """A distance typed in the user's units, returned in km."""
    km = _typed_km(text, units)
    if km > MAX_DISTANCE_KM:
        raise ValueError(f"that is more than {MAX_DISTANCE_KM:.0f} km in one go")
    return round(km, 3)


def parse_shoe_start(text: str, units: str) -> float:
    """The distance a pair of shoes had run before it was logged here, typed in the user's
    units and returned in km: up to MAX_SHOE_START_KM, as the CLI's `shoes add --km`."""
    km = _typed_km(text, units)
    if km > MAX_SHOE_START_KM:
        limit = from_km(MAX_SHOE_START_KM, units)
        raise ValueError(f"give a distance from 0 to {limit:,.0f} {unit_label(units)}")
    return round(km, 3)


def parse_duration(text: str) -> float:
    """Minutes, typed as 45, 45.5 or h:mm (1:05)."""
    text = text.strip()
    if ":" in text:
        hours, _, minutes = text.partition(":")
        if not (hours.isdigit() and minutes.isdigit() and len(minutes) == 2):
            raise ValueError("duration: type minutes (45) or hours:minutes (1:05)")
        if int(minutes) >= 60:
            raise ValueError("duration: minutes after the colon must be 00-59")
        value = int(hours) * 60 + int(minutes)
    else:
        value = parse_number(text, "duration (minutes)")
    if value > MAX_DURATION_MIN:
        raise ValueError("duration cannot be more than 24 hours")
    return value


def parse_pain(text: str) -> int:
    """A whole number from 0 (none) to 10 (worst imaginable)."""
    text = text.strip()
    try:
        value = int(text)
    except ValueError:
        raise ValueError("pain is a whole number from 0 (none) to 10 (worst)") from None
    if not 0 <= value <= 10:
        raise ValueError(f"pain {value} is outside 0-10 (0 none, 10 worst)")
    return value


def parse_shoe(text: str, shoes: Sequence[Shoe]) -> str:
    """The id of the shoe named (or with this id)."""
    key = text.strip().casefold()
    for shoe in shoes:
        if key in (shoe.id, shoe.name.casefold()):
            return shoe.id
    known = ", ".join(s.name for s in shoes) or "none yet"
    raise ValueError(f"no shoe called {text.strip()!r} (known: {known})")


def parse_regions(text: str, region_ids: Collection[str] | None) -> list[str]:
    """Comma-separated region ids, each known to the vocabulary."""
    regions = [part.strip() for part in text.split(",") if part.strip()]
    if region_ids is not None:
        unknown = [r for r in regions if r not in region_ids]
        if unknown:
            raise ValueError(f"unknown region {unknown[0]!r}: use {', '.join(region_ids)}")
    return list(dict.fromkeys(regions))


def parse_note(text: str) -> str:
    """Free text up to NOTE_MAX characters, kept exactly as typed."""
    if len(text) > NOTE_MAX:
        raise ValueError(f"note is {len(text)} characters; the limit is {NOTE_MAX}")
    return text


def parse_entry(
    values: Mapping[str, str | None],
    *,
    today: date,
    units: str,
    shoes: Sequence[Shoe] = (),
    region_ids: Collection[str] | None = None,
    base: Entry | None = None,
) -> tuple[Entry | None, dict[str, str]]:
    """Check every given field; return (entry, {}) or (None, {field: reason}).

    A field missing from `values` keeps the base entry's value; an empty string clears an
    optional field. Date defaults to today and activity must be given for a new entry.
    """
    errors: dict[str, str] = {}
    data = base.model_dump() if base is not None else {"date": today}

    def take(field: str, key: str, parse, blank=None) -> None:  # type: ignore[no-untyped-def]
        raw = values.get(field)
        if raw is None:
            return
        if raw.strip() == "" and field != "note":
            if field in ("date", "activity"):
                errors[field] = f"{field} is required"
            else:
                data[key] = blank
            return
        try:
            data[key] = parse(raw)
        except ValueError as error:
            errors[field] = str(error)

    take("date", "date", lambda t: parse_date(t, today))
    take("activity", "activity", parse_activity)
    take("distance", "distance_km", lambda t: parse_distance(t, units))
    take("duration", "duration_min", parse_duration)
    take("pain_before", "pain_before", parse_pain)
    take("pain_after", "pain_after", parse_pain)
    take("pain_next_morning", "pain_next_morning", parse_pain)
    take("shoe", "shoe", lambda t: parse_shoe(t, shoes))
    take("regions", "regions", lambda t: parse_regions(t, region_ids), blank=[])
    take("note", "note", parse_note)
    if "activity" not in data and "activity" not in errors:
        errors["activity"] = "activity is required"
    if errors:
        return None, errors
    return Entry.model_validate(data), {}
