"""The Log tab's small forms: next-morning pain, injury episodes, shoes and export.

Each returns a FieldsModal whose validate function uses the domain parsers, so the rules
(and their wording) are the same as in the entry form and on the command line.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import Any

from textual import on
from textual.widgets import Input, Select

from tui.domain.entry_input import (
    parse_date,
    parse_distance,
    parse_note,
    parse_pain,
    parse_shoe_start,
)
from tui.domain.export import FORMATS
from tui.domain.journal import ACTIVITY_LABELS, Entry, Episode, Shoe
from tui.domain.units import format_distance, from_km, unit_label
from tui.tabs.log.fields import FieldsModal, FieldSpec

KINDS = [
    ("Soft tissue (tendon, fascia, muscle)", "soft_tissue"),
    ("Bone (stress fracture or suspected)", "bone"),
    ("Nerve (tingling, burning, numbness)", "nerve"),
    ("General soreness", "general"),
]


def _checked(checks: dict[str, Any]) -> tuple[dict[str, Any], dict[str, str]]:
    """Run each (field → zero-argument parser); collect values and error messages."""
    values, errors = {}, {}
    for name, check in checks.items():
        try:
            values[name] = check()
        except ValueError as error:
            errors[name] = str(error)
    return values, errors


def morning_form(entry: Entry, units: str) -> FieldsModal:
    """Ask how the first steps felt the morning after an entry; returns the 0-10 score."""
    what = ACTIVITY_LABELS[entry.activity].lower()
    distance = f" of {format_distance(entry.distance_km, units)}" if entry.distance_km else ""
    intro = (
        f"The {what}{distance} on {entry.date}: how did your first steps feel the next "
        "morning? This 24-hour response decides whether the plan moves on."
    )

    def validate(values: dict[str, str]) -> tuple[int | None, dict[str, str]]:
        found, errors = _checked({"pain": lambda: parse_pain(values["pain"])})
        return found.get("pain"), errors

    field = FieldSpec("pain", "Pain 0-10", "", "0 none · 1-3 mild · 4-6 moderate · 7+ severe")
    return FieldsModal("Next morning", [field], validate, intro)


def episode_form(episode: Episode | None, today: date, units: str) -> FieldsModal:
    """Start (episode None) or edit an injury episode; returns the Episode."""
    unit = unit_label(units)
    usual = ""
    if episode and episode.pre_injury_weekly_km:
        usual = f"{from_km(episode.pre_injury_weekly_km, units):.1f}"
    fields = [
        FieldSpec("started", "Started", str(episode.started if episode else today), "YYYY-MM-DD"),
        FieldSpec(
            "kind", "Kind", (episode.kind if episode else None) or "soft_tissue", choices=KINDS
        ),
        FieldSpec("usual", f"Usual week ({unit})", usual, "blank: estimate from the log"),
    ]
    if episode is not None:
        pain_free = str(episode.pain_free_since or "")
        fields.append(FieldSpec("pain_free", "Pain-free since", pain_free, "blank: not yet"))
    fields.append(FieldSpec("note", "Note", episode.note if episode else "", ""))

    def validate(values: dict[str, str]) -> tuple[Episode | None, dict[str, str]]:
        checks: dict[str, Any] = {
            "started": lambda: parse_date(values["started"], today),
            "usual": lambda: parse_distance(values["usual"], units) if values["usual"].strip()
            else None,
            "note": lambda: parse_note(values["note"]),
        }  # fmt: skip
        if "pain_free" in values:
            checks["pain_free"] = lambda: (
                parse_date(values["pain_free"], today) if values["pain_free"].strip() else None
            )
        found, errors = _checked(checks)
        pain_free = found.get("pain_free")
        if pain_free and "started" in found and pain_free < found["started"]:
            errors["pain_free"] = "cannot be before the episode started"
        if errors:
            return None, errors
        update = {
            "started": found["started"],
            "kind": values["kind"] or None,
            "pre_injury_weekly_km": found["usual"],
            "note": found["note"],
        }
        if episode is None:
            return Episode(source="manual", **update), {}
        update["pain_free_since"] = pain_free
        update["ended"] = pain_free
        return episode.model_copy(update=update), {}

    return FieldsModal("Edit episode" if episode else "New injury episode", fields, validate)


def close_form(episode: Episode, today: date) -> FieldsModal:
    """Mark the open episode pain-free from a date; returns the updated Episode."""
    intro = (
        "From this day on there was no pain at all. The plan then waits 7-10 more days "
        "before walking and running return."
    )
    return _episode_day_form(
        episode, today, "Pain-free", "Pain-free since", intro,
        lambda day: {"pain_free_since": day, "ended": day},
    )


def cleared_form(episode: Episode, today: date) -> FieldsModal:
    """Record the day a professional cleared the runner to load the foot again."""
    intro = (
        "Only once a doctor, physio or podiatrist has checked the injury and said you may "
        "start loading it again. The plan's walking sessions can start from this day."
    )
    return _episode_day_form(
        episode, today, "Cleared by a professional", "Cleared on", intro,
        lambda day: {"cleared_on": day},
    )


def _episode_day_form(
    episode: Episode, today: date, title: str, label: str, intro: str,
    update: Callable[[date], dict[str, date]],
) -> FieldsModal:
    """A one-date form on the episode (not before it started, not in the future)."""

    def validate(values: dict[str, str]) -> tuple[Episode | None, dict[str, str]]:
        found, errors = _checked({"day": lambda: parse_date(values["day"], today)})
        if "day" in found and found["day"] < episode.started:
            errors["day"] = f"the episode started on {episode.started}"
        if errors:
            return None, errors
        return episode.model_copy(update=update(found["day"])), {}

    field = FieldSpec("day", label, str(today), "YYYY-MM-DD")
    return FieldsModal(title, [field], validate, intro)


def shoe_form(shoe: Shoe | None, units: str, others: Sequence[Shoe] = ()) -> FieldsModal:
    """Add or edit a pair of shoes; returns the Shoe. A name another pair has (in any case)
    is refused, as the CLI refuses it: entries name their shoes."""
    unit = unit_label(units)
    start = f"{from_km(shoe.start_km, units):.1f}" if shoe else "0"
    fields = [
        FieldSpec("name", "Name", shoe.name if shoe else "", "up to 80 characters"),
        FieldSpec("start", f"Already run ({unit})", start, "distance before logging here"),
    ]

    def validate(values: dict[str, str]) -> tuple[Shoe | None, dict[str, str]]:
        name = " ".join(values["name"].split())
        found, errors = _checked({"start": lambda: parse_shoe_start(values["start"] or "0", units)})
        if not name:
            errors["name"] = "give the shoes a name"
        elif len(name) > 80:
            errors["name"] = "keep the name under 80 characters"
        elif any(other.name.casefold() == name.casefold() for other in others
                 if shoe is None or other.id != shoe.id):
            errors["name"] = "you already have shoes with this name"
        if errors:
            return None, errors
        if shoe is None:
            return Shoe(name=name, start_km=found["start"]), {}
        return shoe.model_copy(update={"name": name, "start_km": found["start"]}), {}

    return FieldsModal("Edit shoes" if shoe else "New shoes", fields, validate)


class ExportModal(FieldsModal):
    """The export form: choosing a format gives the file that format's extension."""

    @on(Select.Changed, "#field-format")
    def _format_chosen(self, event: Select.Changed) -> None:
        box = self.query_one("#field-path", Input)
        box.value = with_extension(box.value, str(event.value))


def with_extension(typed: str, fmt: str) -> str:
    """The path with the extension of the format: "a.md" → "a.csv"; a name with another
    extension (or none) gets the format's added ("notes" → "notes.csv")."""
    if fmt not in FORMATS or not typed.strip():
        return typed
    path = Path(typed)
    if path.suffix.lower().lstrip(".") in FORMATS:
        return str(path.with_suffix(f".{fmt}"))
    return f"{typed}.{fmt}"


def export_form(today: date, folder: Path) -> FieldsModal:
    """Choose a format and a file; returns (format, path). The caller asks before replacing
    a file that exists."""
    choices = [("Markdown summary for a physio", "md"), ("CSV", "csv"), ("JSON", "json")]
    fields = [
        FieldSpec("format", "Format", "md", choices=choices),
        FieldSpec("path", "File", str(folder / f"footpain-{today}.md"), "written 0600",
                  wide=True),
    ]

    def validate(values: dict[str, str]) -> tuple[tuple[str, Path] | None, dict[str, str]]:
        fmt = values["format"]
        path = Path(values["path"].strip()).expanduser()
        errors = {}
        if fmt not in FORMATS:
            errors["format"] = "choose a format"
        if not values["path"].strip() or path.is_dir() or not path.parent.is_dir():
            errors["path"] = "give a file in a folder that exists"
        return (None if errors else (fmt, path)), errors

    return ExportModal("Export the journal", fields, validate)
