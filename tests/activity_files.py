"""Small activity files for the import tests (issue 17), made as a watch or phone would.

FIT files are written with fit-tool, a FIT encoder from the test extras (footpain reads them
with fitdecode, so the two libraries check each other). GPX and TCX are written by hand. A
Strava-shaped export is activities.csv plus gzipped files under activities/.
"""

from __future__ import annotations

import csv
import gzip
import io
import math
import zipfile
from datetime import UTC, datetime, timedelta
from pathlib import Path

EARTH_KM = 6371.0088
"""Mean Earth radius, for the distance a test expects along a GPX track."""


def fit_bytes(start: datetime, *, seconds: float = 1800.0, metres: float = 5000.0,
              sport: str = "RUNNING", sub_sport: str = "GENERIC", records: int = 30,
              timer: float | None = None, session: bool = True,
              file_type: str = "ACTIVITY") -> bytes:
    """A FIT activity: file_id, timer events, `records` records and (unless told not to) a
    lap, a session and an activity message with these totals."""
    from fit_tool.fit_file_builder import FitFileBuilder
    from fit_tool.profile.messages.activity_message import ActivityMessage
    from fit_tool.profile.messages.event_message import EventMessage
    from fit_tool.profile.messages.file_id_message import FileIdMessage
    from fit_tool.profile.messages.lap_message import LapMessage
    from fit_tool.profile.messages.record_message import RecordMessage
    from fit_tool.profile.messages.session_message import SessionMessage
    from fit_tool.profile.profile_type import (
        Event,
        EventType,
        FileType,
        Manufacturer,
        Sport,
        SubSport,
    )

    ms = int(start.timestamp() * 1000)
    end = ms + int(seconds * 1000)
    builder = FitFileBuilder(auto_define=True, min_string_size=50)
    file_id = FileIdMessage()
    file_id.type = getattr(FileType, file_type)
    file_id.manufacturer = Manufacturer.GARMIN.value
    file_id.product = 0
    file_id.time_created = ms
    file_id.serial_number = 1234
    builder.add(file_id)
    event = EventMessage()
    event.event, event.event_type, event.timestamp = Event.TIMER, EventType.START, ms
    builder.add(event)
    step = seconds / max(1, records - 1)
    for i in range(records):
        record = RecordMessage()
        record.timestamp = ms + int(i * step * 1000)
        record.distance = metres * i / max(1, records - 1)
        record.heart_rate = 140
        builder.add(record)
    event = EventMessage()
    event.event, event.event_type, event.timestamp = Event.TIMER, EventType.STOP_ALL, end
    builder.add(event)
    if session:
        lap = LapMessage()
        lap.timestamp, lap.start_time = end, ms
        lap.total_elapsed_time, lap.total_timer_time = seconds, timer or seconds
        lap.total_distance = metres
        builder.add(lap)
        summary = SessionMessage()
        summary.timestamp, summary.start_time = end, ms
        summary.total_elapsed_time, summary.total_timer_time = seconds, timer or seconds
        summary.total_distance = metres
        summary.sport = getattr(Sport, sport)
        summary.sub_sport = getattr(SubSport, sub_sport)
        builder.add(summary)
        activity = ActivityMessage()
        activity.timestamp, activity.total_timer_time, activity.num_sessions = end, seconds, 1
        builder.add(activity)
    return builder.build().to_bytes()


def track_points(start: datetime, *, km: float, seconds: float, points: int = 61,
                 lat: float = 51.5, lon: float = -0.1) -> list[tuple[float, float, datetime]]:
    """Points due north from (lat, lon), evenly spread over `km` and `seconds`."""
    degrees = math.degrees(km / EARTH_KM)
    return [(lat + degrees * i / (points - 1), lon,
             start + timedelta(seconds=seconds * i / (points - 1))) for i in range(points)]


def _stamp(when: datetime) -> str:
    return when.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def gpx_text(start: datetime, *, km: float = 5.0, seconds: float = 1800.0,
             name: str = "Morning Run", sport: str | None = "running",
             segments: int = 1, gap_s: float = 0.0, doctype: str = "") -> str:
    """A GPX 1.1 track as a phone app writes it; `segments` > 1 splits it at pauses of
    `gap_s` seconds (the time in each segment adds up to `seconds`)."""
    parts, begin = [], start
    for _ in range(segments):
        pts = track_points(begin, km=km / segments, seconds=seconds / segments)
        parts.append("<trkseg>" + "".join(
            f'<trkpt lat="{la:.7f}" lon="{lo:.7f}"><ele>12.0</ele><time>{_stamp(t)}</time>'
            "</trkpt>" for la, lo, t in pts) + "</trkseg>")
        begin = pts[-1][2] + timedelta(seconds=gap_s)
    kind = f"<type>{sport}</type>" if sport else ""
    return (f'<?xml version="1.0" encoding="UTF-8"?>{doctype}\n'
            '<gpx version="1.1" creator="test" xmlns="http://www.topografix.com/GPX/1/1">'
            f"<metadata><time>{_stamp(start)}</time></metadata>"
            f"<trk><name>{_xml(name)}</name>{kind}{''.join(parts)}</trk></gpx>\n")


def _xml(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def tcx_text(start: datetime, *, laps: tuple[tuple[float, float], ...] = ((900, 2500),
                                                                          (900, 2500)),
             sport: str = "Running", notes: str = "", pause_s: float = 0.0) -> str:
    """A TCX activity with laps of (seconds, metres), each with two track points; `pause_s`
    of paused time between laps (elapsed time grows, the laps' timer time does not)."""
    body, begin = [], start
    for seconds, metres in laps:
        end = begin + timedelta(seconds=seconds)
        body.append(
            f'<Lap StartTime="{_stamp(begin)}"><TotalTimeSeconds>{seconds}</TotalTimeSeconds>'
            f"<DistanceMeters>{metres}</DistanceMeters><Intensity>Active</Intensity>"
            f"<Track><Trackpoint><Time>{_stamp(begin)}</Time></Trackpoint>"
            f"<Trackpoint><Time>{_stamp(end)}</Time></Trackpoint></Track></Lap>")
        begin = end + timedelta(seconds=pause_s)
    note = f"<Notes>{_xml(notes)}</Notes>" if notes else ""
    return ('<?xml version="1.0" encoding="UTF-8"?>\n<TrainingCenterDatabase '
            'xmlns="http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2">'
            f'<Activities><Activity Sport="{sport}"><Id>{_stamp(start)}</Id>'
            f"{''.join(body)}{note}</Activity></Activities></TrainingCenterDatabase>\n")


STRAVA_HEADER = [
    "Activity ID", "Activity Date", "Activity Name", "Activity Type", "Activity Description",
    "Elapsed Time", "Distance", "Max Heart Rate", "Relative Effort", "Commute",
    "Activity Private Note", "Activity Gear", "Filename", "Athlete Weight", "Bike Weight",
    "Elapsed Time", "Moving Time", "Distance", "Max Speed", "Average Speed",
]  # fmt: skip
"""The start of a real activities.csv header: "Elapsed Time" and "Distance" twice."""


def strava_row(activity_id: int, start: datetime, name: str, kind: str, *,
               filename: str = "", gear: str = "", description: str = "",
               elapsed: float = 1800, moving: float = 1750, metres: float = 5000) -> list[str]:
    """One activities.csv row (the date in UTC, as the export writes it)."""
    when = start.astimezone(UTC)
    date_text = f"{when:%b} {when.day}, {when.year}, {when:%I:%M:%S %p}".replace(" 0", " ", 1)
    return [str(activity_id), date_text, name, kind, description, str(elapsed),
            f"{metres / 1000:.2f}", "", "", "false", "", gear, filename, "", "",
            str(elapsed), str(moving), str(metres), "", ""]


def strava_csv(rows: list[list[str]]) -> bytes:
    """activities.csv's bytes."""
    out = io.StringIO()
    writer = csv.writer(out)  # "\r\n": a field holding either is quoted
    writer.writerow(STRAVA_HEADER)
    writer.writerows(rows)
    return out.getvalue().encode("utf-8")


def write_strava_folder(root: Path, files: dict[str, bytes], rows: list[list[str]]) -> Path:
    """An unpacked Strava export: activities.csv and the files (names under activities/,
    gzipped when they end in .gz)."""
    (root / "activities").mkdir(parents=True, exist_ok=True)
    (root / "activities.csv").write_bytes(strava_csv(rows))
    for name, data in files.items():
        target = root / name
        target.write_bytes(gzip.compress(data) if name.endswith(".gz") else data)
    return root


def zip_folder(folder: Path, target: Path) -> Path:
    """A zip of a folder's files, paths relative to it (as Strava sends the export)."""
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                archive.write(path, path.relative_to(folder).as_posix())
    return target
