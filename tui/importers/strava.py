"""A Strava bulk export ("Download your data"): its `activities.csv`, beside `activities/`.

The CSV gives what the files do not: each activity's name, description, type (as the
runner last set it on Strava, which wins over the file's sport) and gear (the shoes). Its
`Filename` column names the activity's file under `activities/` (`.fit.gz`, `.gpx`,
`.tcx.gz` ...); the file gives the start, distance and times. An activity entered by hand
on Strava has no file: its row alone is imported (start in UTC, moving and elapsed time,
distance from the metres column).

The header repeats some names (`Elapsed Time`, `Distance`): the first `Distance` is in the
athlete's display units and the second in metres, so columns are found by position, never
by a dict of names.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, replace
from datetime import UTC, datetime

from tui.domain.activities import ImportedActivity, activity_for
from tui.domain.journal import ImportSource

CSV_NAME = "activities.csv"
DATE_FORMATS = ("%b %d, %Y, %I:%M:%S %p", "%d %b %Y, %H:%M:%S", "%Y-%m-%d %H:%M:%S",
                "%Y-%m-%dT%H:%M:%SZ")
"""How the export writes "Activity Date" (in UTC): "Mar 1, 2026, 7:30:00 AM" in English."""


class StravaProblem(ValueError):
    """activities.csv, or one of its rows, cannot be used; the message says why."""


@dataclass(frozen=True)
class StravaRow:
    """One activity as activities.csv describes it (text as written; parsed when used)."""

    line: int
    """Its row in a spreadsheet (the header is row 1)."""
    activity_id: str = ""
    date: str = ""
    name: str = ""
    description: str = ""
    type: str = ""
    gear: str = ""
    filename: str = ""
    """The activity's file, relative to the export ("activities/123.fit.gz"), or ""."""
    elapsed: str = ""
    moving: str = ""
    metres: str = ""


def _column(header: list[str], name: str, nth: int = 0) -> int | None:
    """The position of the nth column called `name` (None if there are not that many)."""
    found = [i for i, h in enumerate(header) if h.strip().casefold() == name.casefold()]
    return found[nth] if len(found) > nth else None


def read_activities_csv(data: bytes) -> list[StravaRow]:
    """The rows of activities.csv. Raises StravaProblem if it is not that file."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise StravaProblem("activities.csv is not UTF-8 text") from error
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = next(reader, [])
        where = {
            "activity_id": _column(header, "Activity ID"),
            "date": _column(header, "Activity Date"),
            "name": _column(header, "Activity Name"),
            "description": _column(header, "Activity Description"),
            "type": _column(header, "Activity Type"),
            "gear": _column(header, "Activity Gear"),
            "filename": _column(header, "Filename"),
            "elapsed": _column(header, "Elapsed Time"),
            "moving": _column(header, "Moving Time"),
            "metres": _column(header, "Distance", 1),
        }
        if where["date"] is None or where["type"] is None:
            raise StravaProblem("activities.csv has no Activity Date or Activity Type column: "
                                "not a Strava export")
        rows = []
        for number, cells in enumerate(reader, start=2):
            if not any(cell.strip() for cell in cells):
                continue
            values = {key: cells[i].strip() if i is not None and i < len(cells) else ""
                      for key, i in where.items()}
            rows.append(StravaRow(line=number, **values))
    except csv.Error as error:
        raise StravaProblem(f"activities.csv cannot be read as CSV ({error})") from error
    return rows


def _seconds(text: str) -> float | None:
    try:
        value = float(text.replace(",", ""))
    except ValueError:
        return None
    return value if value >= 0 else None


def start_of(row: StravaRow) -> datetime:
    """The row's start (the export writes it in UTC). Raises StravaProblem."""
    for pattern in DATE_FORMATS:
        try:
            return datetime.strptime(row.date, pattern).replace(tzinfo=UTC)
        except ValueError:
            continue
    raise StravaProblem(f"its Activity Date is not a date footpain knows ({row.date[:40]!r})")


def row_activity(row: StravaRow) -> ImportedActivity:
    """An activity from its row alone (entered by hand on Strava: no file)."""
    name = f"{CSV_NAME}, activity {row.activity_id or '?'}"[:1000]
    return ImportedActivity(
        start=start_of(row),
        source=ImportSource(file=name, format="strava", sport=row.type[:80]),
        distance_m=_seconds(row.metres),
        moving_s=_seconds(row.moving),
        elapsed_s=_seconds(row.elapsed),
        name=row.name, description=row.description, gear=row.gear or None,
        activity=activity_for(row.type),
    )


def with_row(activities: list[ImportedActivity], row: StravaRow) -> list[ImportedActivity]:
    """A file's activities with what the CSV row says laid over them: name, description and
    gear; and the type, unless the file holds several (a triathlon keeps its own sports)."""
    chosen = activity_for(row.type) if len(activities) == 1 else None
    return [replace(a, name=row.name or a.name, description=row.description or a.description,
                    gear=row.gear or None, activity=chosen or a.activity)
            for a in activities]
