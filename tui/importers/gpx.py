"""GPX tracks (phone apps, Strava, Garmin Connect's GPX export), read with gpxpy.

One activity per track that has timed points; a file of routes or waypoints alone is not an
activity. GPX holds positions and times, not totals: the distance is the length of the
track over the ground (gpxpy's `length_2d`), and the duration the elapsed time, or the sum
of the track's segments when the app split it at a pause.

The XML is never parsed with a DTD: a file that declares one is refused before gpxpy reads
it, so no entity can be declared and none expands (gpxpy itself gives no way to turn
expansion off).
"""

from __future__ import annotations

from datetime import UTC, datetime

from tui.domain.activities import ImportedActivity
from tui.domain.journal import ImportSource
from tui.importers.safe_xml import XmlProblem, refuse_dtd, xml_text


def _utc(when: datetime) -> datetime:
    """A GPX time in UTC (GPX times are UTC; one without a zone is read as UTC)."""
    return when.replace(tzinfo=UTC) if when.tzinfo is None else when.astimezone(UTC)



def read_gpx(data: bytes, source: ImportSource) -> list[ImportedActivity]:
    """The activities in a GPX file's bytes. Raises XmlProblem."""
    import gpxpy
    import gpxpy.gpx

    text = xml_text(data)
    refuse_dtd(text)
    try:
        gpx = gpxpy.parse(text)
    except gpxpy.gpx.GPXException as error:
        first = str(error).splitlines()[0] if str(error) else type(error).__name__
        raise XmlProblem(f"not a readable GPX file ({first})") from error
    found = []
    for track in gpx.tracks:
        times = [p.time for seg in track.segments for p in seg.points if p.time is not None]
        if not times:
            continue
        start, end = _utc(min(times)), _utc(max(times))
        timed = [seg for seg in track.segments if any(p.time for p in seg.points)]
        moving = float(track.get_duration() or 0) if len(timed) > 1 else None
        found.append(ImportedActivity(
            start=start,
            source=source.model_copy(update={"sport": (track.type or "").strip()[:80]}),
            distance_m=track.length_2d(),
            moving_s=moving or None,
            elapsed_s=(end - start).total_seconds(),
            name=(track.name or gpx.name or "").strip(),
            description=(track.description or "").strip(),
        ))
    if not found:
        raise XmlProblem("no recorded track with times (a route or waypoints, not an "
                         "activity)")
    return found
