"""TCX activities (Garmin Training Center XML: Garmin Connect, Polar, older exports), read
with the standard library's parser through defusedxml (no DTD, no entity expansion).

One activity per `<Activity>`: its `Id` is the start, its `Sport` attribute the sport, and
its laps carry the device's own totals (`TotalTimeSeconds`, the timer time, and
`DistanceMeters`), which are summed. The elapsed time runs to the last track point's time.
A `<Notes>` text is the activity's name. A file of courses is not an activity.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from tui.domain.activities import ImportedActivity
from tui.domain.journal import ImportSource
from tui.importers.safe_xml import XmlProblem, parse_xml


def _local(tag: Any) -> str:
    """An element's name without its namespace ("{…TrainingCenterDatabase/v2}Lap" → "Lap")."""
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _children(element: Any, name: str) -> list[Any]:
    return [child for child in element if _local(child.tag) == name]


def _child_text(element: Any, name: str) -> str:
    for child in element:
        if _local(child.tag) == name:
            return (child.text or "").strip()
    return ""


def _time(text: str, what: str) -> datetime:
    """An xsd:dateTime as an aware UTC datetime (one without a zone is read as UTC)."""
    try:
        when = datetime.fromisoformat(text.strip())
    except ValueError as error:
        raise XmlProblem(f"{what} is not a time ({text.strip()[:40]!r})") from error
    return when.replace(tzinfo=UTC) if when.tzinfo is None else when.astimezone(UTC)


def _total(laps: list[Any], name: str) -> float | None:
    """The sum of a number over the laps, or None if no lap gives it."""
    values = []
    for lap in laps:
        text = _child_text(lap, name)
        if text:
            try:
                values.append(float(text))
            except ValueError as error:
                raise XmlProblem(f"a lap's {name} is not a number ({text[:20]!r})") from error
    return sum(values) if values else None


def read_tcx(data: bytes, source: ImportSource) -> list[ImportedActivity]:
    """The activities in a TCX file's bytes. Raises XmlProblem."""
    root = parse_xml(data)
    if _local(root.tag) != "TrainingCenterDatabase":
        raise XmlProblem("not a TCX file (no TrainingCenterDatabase)")
    found = []
    for holder in _children(root, "Activities"):
        for activity in _children(holder, "Activity"):
            found.append(_activity(activity, source))
    if not found:
        if _children(root, "Courses"):
            raise XmlProblem("a TCX course, not a recorded activity")
        raise XmlProblem("no activity in the file")
    return found


def _activity(activity: Any, source: ImportSource) -> ImportedActivity:
    laps = _children(activity, "Lap")
    stamp = _child_text(activity, "Id") or (laps[0].get("StartTime", "") if laps else "")
    if not stamp:
        raise XmlProblem("an activity with no start time (no Id)")
    start = _time(stamp, "the activity's Id")
    if not laps:
        raise XmlProblem("an activity with no laps: no time or distance to import")
    times = [e.text for e in laps[-1].iter() if _local(e.tag) == "Time" and e.text]
    end = _time(times[-1], "a track point's Time") if times else None
    timer = _total(laps, "TotalTimeSeconds")
    elapsed = (end - start).total_seconds() if end is not None else timer
    return ImportedActivity(
        start=start,
        source=source.model_copy(update={"sport": (activity.get("Sport") or "")[:80]}),
        distance_m=_total(laps, "DistanceMeters"),
        moving_s=timer,
        elapsed_s=elapsed if elapsed is None or elapsed >= 0 else None,
        name=_child_text(activity, "Notes"),
    )
