"""The shared entry parser: edits keep what was not touched, blanks clear, labels work."""

from __future__ import annotations

from datetime import date

from tui.domain.entry_input import parse_activity, parse_duration, parse_entry
from tui.domain.journal import Entry, printable

TODAY = date(2026, 3, 14)


def test_edit_keeps_untouched_fields_and_blank_clears() -> None:
    """Changing the distance keeps the note; a blank pain clears it."""
    base = Entry(date=TODAY, activity="run", distance_km=5, pain_after=3, note="keep me")
    entry, errors = parse_entry(
        {"distance": "6.5", "pain_after": ""}, today=TODAY, units="km", base=base
    )
    assert errors == {} and entry is not None
    assert entry.id == base.id and entry.note == "keep me"
    assert entry.distance_km == 6.5 and entry.pain_after is None


def test_labels_and_clock_durations() -> None:
    """Activities by label or id; durations in minutes or h:mm."""
    assert parse_activity("Jog/walk") == "jog_walk"
    assert parse_activity("strength") == "strength"
    assert parse_activity("RUN") == "run"
    assert parse_duration("1:05") == 65
    assert parse_duration("42.5") == 42.5


def test_miles_converted_and_errors_keyed_by_field() -> None:
    """3 miles is 4.828 km; two bad fields give two messages."""
    entry, _ = parse_entry({"activity": "run", "distance": "3"}, today=TODAY, units="mi")
    assert entry is not None and abs((entry.distance_km or 0) - 4.828) < 0.001
    entry, errors = parse_entry(
        {"activity": "run", "distance": "x", "pain_before": "11"}, today=TODAY, units="km"
    )
    assert entry is None and set(errors) == {"distance", "pain_before"}


def test_printable_shows_escapes_as_text() -> None:
    """ESC and other control characters become visible text; markup stays as typed."""
    assert printable("[red]a\x1b[2Jb\nc") == "[red]a\\x1b[2Jb ↵ c"
