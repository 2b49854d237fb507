"""Exports of the journal: CSV and JSON for other tools, Markdown as a one-page physio summary.

Shared by `footpain export` and the Log tab's export key. Notes are copied as typed (CSV, JSON)
or as plain text with newlines folded (Markdown), never interpreted. Whether it goes to a
file or to a terminal, no control character from the data is written raw: CSV cells and the
Markdown page go through `tui.domain.text.printable` (ESC → `\\x1b`, U+202E → `\\u202e`;
newlines and tabs kept), and JSON, which escapes C0 itself, gets C1, bidi and separator
characters as `\\u` escapes too (`json_safe`).
"""

from __future__ import annotations

import csv
import io
import json
from datetime import date, timedelta
from operator import attrgetter
from typing import TYPE_CHECKING, Any, TextIO

from tui.domain.frozen import frozen
from tui.domain.journal import ACTIVITY_LABELS, RUNNING_ACTIVITIES, Entry, Journal, pain_word
from tui.domain.planner import journal_plan, week_target_km
from tui.domain.stats import drills_done, drills_recent, drills_streak, pain_series, week_start
from tui.domain.text import json_safe, printable
from tui.domain.units import format_distance
from tui.domain.warnings import all_warnings

if TYPE_CHECKING:  # the content models take a while to build; CSV and JSON never need them
    from tui.domain.content import Content

FORMATS = ("csv", "md", "json")
CSV_COLUMNS = (
    "id", "date", "activity", "distance_km", "duration_min", "pain_before", "pain_after",
    "pain_next_morning", "shoe", "regions", "episode", "changes", "note",
)  # fmt: skip


def entries_since(journal: Journal, since: date | None) -> list[Entry]:
    """Entries on or after `since`, oldest first."""
    chosen = [e for e in journal.entries if since is None or e.date >= since]
    return sorted(chosen, key=lambda e: e.date)


def entry_record(entry: Entry) -> dict[str, Any]:
    """One entry as plain JSON-ready values (dates as ISO text, missing values as null)."""
    data = entry.model_dump(mode="json")
    return data


def to_json(journal: Journal, since: date | None = None) -> str:
    """Entries (since a date), episodes and shoes as one JSON document."""
    document = {
        "schema_version": journal.schema_version,
        "entries": [entry_record(e) for e in entries_since(journal, since)],
        "episodes": [e.model_dump(mode="json") for e in journal.episodes],
        "shoes": [s.model_dump(mode="json") for s in journal.shoes],
    }
    return json_safe(json.dumps(document, indent=2, ensure_ascii=False)) + "\n"


def to_csv(journal: Journal, since: date | None = None) -> str:
    """One row per entry; shoes by name, regions and changes joined with ';'."""
    out = io.StringIO()
    write_csv(out, journal, since)
    return out.getvalue()


def write_csv(out: TextIO, journal: Journal, since: date | None = None) -> None:
    """Write the CSV export row by row to a text stream (read fields; no dict per entry)."""
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    names = {s.id: s.name for s in journal.shoes}
    fields = attrgetter(*CSV_COLUMNS)  # one C call per entry for all thirteen fields
    at = {c: i for i, c in enumerate(CSV_COLUMNS)}
    date_at, shoe_at, regions_at, changes_at = (at[c] for c in ("date", "shoe", "regions",
                                                                 "changes"))
    for entry in entries_since(journal, since):
        row = ["" if v is None else v for v in fields(entry)]
        row[date_at] = entry.date.isoformat()
        row[shoe_at] = names.get(entry.shoe or "", entry.shoe or "")
        row[regions_at] = ";".join(entry.regions)
        row[changes_at] = ";".join(entry.changes)
        writer.writerow([_inert(cell) for cell in row])


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
"""What a spreadsheet reads as the start of a formula (OWASP: CSV injection)."""


def _inert(cell: object) -> object:
    """A text cell with its control characters made visible (newlines and tabs kept), and a
    leading quote if a spreadsheet would run it as a formula; numbers are left as they are."""
    if isinstance(cell, str):
        cell = printable(cell, one_line=False)
        if cell.startswith(FORMULA_STARTS):
            return "'" + cell
    return cell


def _one_line(text: str, limit: int = 160) -> str:
    """Free text folded to one Markdown-safe line."""
    flat = " ".join(text.split()).replace("|", "/")
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def _score(value: int | None) -> str:
    return "-" if value is None else str(value)


def to_markdown(
    journal: Journal,
    today: date,
    *,
    since: date | None = None,
    units: str = "km",
    content: Content | None = None,
) -> str:
    """A one-page summary for a physio: the episode, pain by week, what was done, the plan."""
    regions = {r.id: r.name for r in content.regions} if content else {}
    conditions = {c.id: c for c in content.conditions} if content else {}
    causes = {c.id: c.label for c in content.causes} if content else {}
    entries = entries_since(journal, since)
    if since is not None:
        covering = f", covering entries from {since}."
    elif entries:
        covering = f", covering entries from {entries[0].date} to {entries[-1].date}."
    else:
        covering = "; nothing is logged yet."
    lines = [
        "# Foot pain recovery summary",
        "",
        f"Written by footpain on {today}" + covering
        + " Recorded by the runner; general information, not a diagnosis.",
        "",
        "## Injury episode",
        "",
    ]
    plan = journal_plan(journal, today, units=units)
    if plan is None:
        lines.append("No injury episode recorded.")
    else:
        episode, status, pre_km = plan
        condition = conditions.get(episode.condition or "")
        what = condition.name if condition else (episode.condition or "not named")
        kind = episode.kind or (condition.kind if condition else None)
        lines.append(
            f"- Started {episode.started} ({(today - episode.started).days} days ago, "
            f"{'from triage' if episode.source == 'triage' else 'logged by hand'}): {what}"
            + (f" ({kind.replace('_', ' ')})" if kind else "")
        )
        if episode.regions:
            lines.append("- Where: " + ", ".join(regions.get(r, r) for r in episode.regions))
        if episode.causes:
            lines.append(
                "- Recent changes: " + ", ".join(causes.get(c, c) for c in episode.causes)
            )
        if status.pain_free_since:
            lines.append(f"- Pain-free since {status.pain_free_since}")
        else:
            lines.append("- Not pain-free yet")
        if pre_km:
            lines.append(f"- Running before the injury: {format_distance(pre_km, units)} a week")
        lines.append(f"- Return-to-run step: {status.step.title}. {status.target}")
        if episode.note:
            lines.append(f"- Note: {_one_line(episode.note)}")
    lines += ["", "## Pain by week (highest score, 0-10) and running distance", ""]
    weeks = weekly_rows(entries, today, since)
    if weeks:
        lines += [
            "| Week of | Before | After | Next morning | Running |",
            "|---|---|---|---|---|",
        ]
    else:
        lines.append("Nothing logged in these weeks.")
    for row in weeks:
        after = row.after
        lines.append(
            f"| {row.start} | {_score(row.before)} | {_score(after)}"
            f"{' ' + pain_word(after) if after is not None else ''} | "
            f"{_score(row.next_morning)} | {format_distance(row.km, units)} |"
        )
    lines += ["", "## What was done", ""]
    counts: dict[str, list[float]] = {}
    for entry in entries:
        counts.setdefault(entry.activity, []).append(entry.distance_km or 0.0)
    for activity, label in ACTIVITY_LABELS.items():
        if activity in counts:
            distance = sum(counts[activity])
            extra = f", {format_distance(distance, units)}" if distance else ""
            count = len(counts[activity])
            lines.append(f"- {label}: {count} session{'' if count == 1 else 's'}{extra}")
    if not counts:
        lines.append("- Nothing logged in this period.")
    done = (drills_done(journal.entries, since, today) if since is not None
            else drills_recent(journal.entries, today))
    period = f"since {since}" if since is not None else "in the last 28 days"
    lines.append(
        f"- Drills: {done.text()} {period}; streak {drills_streak(journal.entries, today)} days"
    )
    plan_km = week_target_km(plan[1], plan[2]) if plan else None
    warnings = all_warnings(journal, today, units, causes, plan_km)
    if warnings:
        lines += ["", "## Warnings from the log", ""]
        lines += [f"- {w.message}" for w in warnings]
    notes = [e for e in entries if e.note.strip()][-5:]
    if notes:
        lines += ["", "## Latest notes", ""]
        for entry in notes:
            label = ACTIVITY_LABELS[entry.activity]
            lines.append(f"- {entry.date} {label}: {_one_line(entry.note)}")
    # Names, notes and conditions come from the data: one pass over the page shows every
    # control character in them (the page's own layout is only newlines).
    return printable("\n".join(lines) + "\n", one_line=False)


WEEKS = 8
"""Weeks in the Markdown's weekly table without --since (the newest ones with entries)."""


@frozen()
class WeekRow:
    """One week of the Markdown's table: the highest scores and the running distance."""

    start: date
    before: int | None
    after: int | None
    next_morning: int | None
    km: float


def weekly_rows(entries: list[Entry], today: date, since: date | None) -> list[WeekRow]:
    """The weeks with anything logged, oldest first, counted from the entries given (so
    `since` filters them as it filters the totals): from the week of `since` to today, or
    the last WEEKS weeks. A week with no entry at all is left out."""
    first = week_start(since) if since is not None else week_start(today) - timedelta(
        weeks=WEEKS - 1)
    low = since if since is not None else first
    chosen = [e for e in entries if low <= e.date <= today]
    rows = []
    start = first
    while start <= today:
        end = min(start + timedelta(days=6), today)
        week = [e for e in chosen if start <= e.date <= end]
        if week:
            days = pain_series(week, start, end)

            def worst(values: list[int | None]) -> int | None:
                known = [v for v in values if v is not None]
                return max(known) if known else None

            km = sum(e.distance_km or 0.0 for e in week if e.activity in RUNNING_ACTIVITIES)
            rows.append(WeekRow(start, worst([d.before for d in days]),
                                worst([d.after for d in days]),
                                worst([d.next_morning for d in days]), round(km, 3)))
        start += timedelta(weeks=1)
    return rows


def render(
    fmt: str,
    journal: Journal,
    today: date,
    *,
    since: date | None = None,
    units: str = "km",
    content: Content | None = None,
) -> str:
    """The export in one of FORMATS."""
    if fmt == "csv":
        return to_csv(journal, since)
    if fmt == "json":
        return to_json(journal, since)
    if fmt == "md":
        return to_markdown(journal, today, since=since, units=units, content=content)
    raise ValueError(f"unknown format {fmt!r}: choose csv, md or json")
