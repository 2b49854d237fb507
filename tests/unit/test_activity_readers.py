"""Reading FIT, GPX, TCX files and Strava exports into activities (issue 17): the file's own
totals come through (distance within 1 %, duration within a minute), the sport maps to the
journal's activity, and every broken file is refused with its reason."""

from __future__ import annotations

import gzip
import math
import zipfile
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from tests.activity_files import (
    EARTH_KM,
    fit_bytes,
    gpx_text,
    strava_row,
    tcx_text,
    track_points,
    write_strava_folder,
    zip_folder,
)
from tui.domain.activities import activity_for, entry_for, guessed_activity
from tui.importers import InputError, read_paths

START = datetime(2026, 3, 1, 7, 30, tzinfo=UTC)
TODAY = date(2026, 3, 14)


def read(*paths: Path, workers: int = 1, known: frozenset[str] = frozenset()):
    """read_paths in UTC on the tests' fixed day."""
    return read_paths([str(p) for p in paths], tz=UTC, today=TODAY, workers=workers,
                      known=known)


def one(path: Path):
    """The single activity a file holds (and nothing skipped)."""
    batch = read(path)
    assert batch.skipped == [] and len(batch.activities) == 1
    return batch.activities[0]


def ground_km(points) -> float:
    """Haversine length of a list of (lat, lon, time) points."""
    total = 0.0
    for (la1, lo1, _), (la2, lo2, _) in zip(points, points[1:], strict=False):
        p1, p2, dl = math.radians(la1), math.radians(la2), math.radians(lo2 - lo1)
        a = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
        total += 2 * EARTH_KM * math.asin(math.sqrt(a))
    return total


@pytest.mark.parametrize(("sport", "sub", "expected"), [
    ("running", "generic", "run"), ("running", "trail", "run"), ("Trail Run", None, "run"),
    ("TrailRun", None, "run"), ("fitness_equipment", "treadmill", "run"),
    ("walking", None, "walk"), ("hiking", None, "walk"), ("Hike", None, "walk"),
    ("cycling", "road", "bike"), ("Ride", None, "bike"), ("VirtualRide", None, "bike"),
    ("E-Bike Ride", None, "bike"), ("swimming", "lap_swimming", "swim"), ("Swim", None, "swim"),
    ("training", "strength_training", "strength"), ("Weight Training", None, "strength"),
    ("Yoga", None, "strength"), ("fitness_equipment", "elliptical", "strength"),
    ("Kayaking", None, "swim"), ("Snowshoe", None, "walk"), ("9", None, "run"),
    ("Golf", None, None), ("generic", None, None), (None, None, None),
])  # fmt: skip
def test_sports_map_to_the_closest_activity(sport, sub, expected) -> None:
    """The issue's table: running/trail → run, walking/hiking → walk, cycling → bike,
    swimming → swim, gym work → strength/yoga, others the closest; unknown → None."""
    assert activity_for(sport, sub) == expected


def test_a_file_without_a_sport_is_judged_by_its_speed() -> None:
    """No sport: under 6.5 km/h a walk, over 20 km/h a ride, a run between; no distance →
    strength/yoga."""
    assert guessed_activity(5000, 3600) == "walk"
    assert guessed_activity(10000, 3600) == "run"
    assert guessed_activity(30000, 3600) == "bike"
    assert guessed_activity(None, 3600) == "strength"


def test_fit_gives_the_watch_totals(tmp_path: Path) -> None:
    """A FIT session: distance as the file totals it, the timer time (auto-pause left
    out) as the duration, the start in UTC, the sport mapped."""
    path = tmp_path / "run.fit"
    path.write_bytes(fit_bytes(START, seconds=2000, timer=1820, metres=7321))
    activity = one(path)
    entry = entry_for(activity, UTC)
    assert entry.activity == "run" and entry.date == date(2026, 3, 1)
    assert entry.distance_km == pytest.approx(7.321, rel=0.01)
    assert abs(entry.duration_min * 60 - 1820) <= 60
    assert entry.started_at == START and entry.ended_at == START + timedelta(seconds=2000)
    assert entry.source.format == "fit" and entry.source.file == "run.fit"
    assert entry.source.sport == "running" and len(entry.source.sha256) == 64
    assert entry.pain_before is None and entry.pain_after is None


def test_fit_without_a_session_is_read_from_its_records(tmp_path: Path) -> None:
    """A watch that stopped before saving its summary: first and last record."""
    path = tmp_path / "crashed.fit"
    path.write_bytes(fit_bytes(START, seconds=1500, metres=4200, session=False))
    activity = one(path)
    assert activity.start == START and activity.elapsed_s == pytest.approx(1500, abs=1)
    assert activity.distance_m == pytest.approx(4200, rel=0.01)
    assert activity.kind() == "run"  # 10 km/h, no sport in the file


def test_gpx_distance_and_elapsed_time(tmp_path: Path) -> None:
    """GPX has no totals: the distance is the track's length over the ground (within 1 % of
    a haversine sum), the duration the elapsed time; the name and type come through."""
    path = tmp_path / "phone.gpx"
    path.write_text(gpx_text(START, km=8.0, seconds=2700, name="Canal loop", sport="running"))
    activity = one(path)
    expected_km = ground_km(track_points(START, km=8.0, seconds=2700))
    entry = entry_for(activity, UTC)
    assert entry.distance_km == pytest.approx(expected_km, rel=0.01)
    assert abs(entry.duration_min * 60 - 2700) <= 60
    assert entry.note == "Canal loop" and entry.activity == "run"
    assert entry.source.format == "gpx"


def test_gpx_paused_into_segments_counts_the_moving_time(tmp_path: Path) -> None:
    """An app that splits the track at each pause: the segments' time, not the café stop."""
    path = tmp_path / "paused.gpx"
    path.write_text(gpx_text(START, km=6.0, seconds=1800, segments=2, gap_s=900))
    activity = one(path)
    assert activity.elapsed_s == pytest.approx(2700, abs=1)
    assert abs(activity.seconds() - 1800) <= 60
    assert activity.distance_m / 1000 == pytest.approx(6.0, rel=0.01)


def test_tcx_sums_its_laps(tmp_path: Path) -> None:
    """TCX laps carry the device's totals: their sum is the distance and the timer time
    (a pause between laps is elapsed time only); Notes is the name."""
    path = tmp_path / "garmin.tcx"
    path.write_text(tcx_text(START, laps=((600, 2000), (660, 2050), (300, 1000)),
                             pause_s=120, notes="Hill repeats"))
    activity = one(path)
    entry = entry_for(activity, UTC)
    assert entry.distance_km == pytest.approx(5.05, rel=0.01)
    assert abs(entry.duration_min * 60 - 1560) <= 60
    assert activity.elapsed_s == pytest.approx(1560 + 240)
    assert entry.note == "Hill repeats" and entry.activity == "run"


def test_gzipped_files_read_the_same(tmp_path: Path) -> None:
    """.fit.gz, .gpx.gz and .tcx.gz (as a Strava export holds them) give the same activities
    and the same hash as the plain files."""
    made = {"a.fit": fit_bytes(START), "b.gpx": gpx_text(START + timedelta(days=1)).encode(),
            "c.tcx": tcx_text(START + timedelta(days=2)).encode()}
    for name, data in made.items():
        (tmp_path / name).write_bytes(data)
        (tmp_path / f"{name}.gz").write_bytes(gzip.compress(data))
        plain, packed = one(tmp_path / name), one(tmp_path / f"{name}.gz")
        assert plain.source.sha256 == packed.source.sha256
        assert (plain.start, plain.distance_m) == (packed.start, packed.distance_m)


BROKEN = [
    ("empty.fit", b"", "empty"),
    ("cut.fit", "fit-cut", "truncated"),
    ("flipped.fit", "fit-flipped", "checksum"),
    ("noise.fit", b"\x00\x01garbage that is not FIT at all" * 3, "not a FIT file"),
    ("course.fit", "fit-course", "not a recorded activity"),
    ("cut.gpx", "gpx-cut", "not a readable GPX"),
    ("route.gpx", b'<gpx version="1.1"><rte><rtept lat="1" lon="2"/></rte></gpx>', "route"),
    ("bomb.gpx", "gpx-bomb", "DTD"),
    ("cut.tcx", "tcx-cut", "not well-formed"),
    ("bomb.tcx", "tcx-bomb", "DTD"),
    ("nolaps.tcx", "tcx-nolaps", "no laps"),
    ("cut.fit.gz", "gz-cut", "truncated"),
    ("notgz.gpx.gz", b"plain text, not gzip", "gzip"),
]  # fmt: skip

_BOMB = ('<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;">'
         '<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;">]>')


def _broken(kind: str | bytes) -> bytes:
    if isinstance(kind, bytes):
        return kind
    fit = fit_bytes(START)
    return {
        "fit-cut": fit[: len(fit) // 2],
        "fit-flipped": fit[:200] + bytes([fit[200] ^ 0xFF]) + fit[201:],
        "fit-course": fit_bytes(START, file_type="COURSE"),
        "gpx-cut": gpx_text(START).encode()[:700],
        "gpx-bomb": gpx_text(START, name="&lol3;", doctype=_BOMB).encode(),
        "tcx-cut": tcx_text(START).encode()[:500],
        "tcx-bomb": tcx_text(START, notes="x").replace(
            '<?xml version="1.0" encoding="UTF-8"?>',
            '<?xml version="1.0" encoding="UTF-8"?>' + _BOMB).replace(
            "<Notes>x</Notes>", "<Notes>&lol3;</Notes>").encode(),
        "tcx-nolaps": tcx_text(START, laps=()).encode(),
        "gz-cut": gzip.compress(fit)[:-20],
    }[kind]


@pytest.mark.parametrize(("name", "content", "words"), BROKEN)
def test_a_broken_file_is_refused_with_its_reason(tmp_path: Path, name, content, words) -> None:
    """Truncated, empty, damaged or hostile files of each kind: refused, with a reason a
    person can act on; entity expansion never happens (a DTD is refused outright)."""
    path = tmp_path / name
    path.write_bytes(_broken(content))
    batch = read(path)
    assert batch.activities == [] and batch.single_file
    ((where, reason),) = batch.skipped
    assert where == str(path) and words in reason


def test_a_folder_reads_what_it_can(tmp_path: Path) -> None:
    """A folder: every good file read, the bad ones listed; other files passed over, and a
    Mac's ._ resource forks too."""
    (tmp_path / "good.fit").write_bytes(fit_bytes(START))
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "good.gpx").write_text(gpx_text(START + timedelta(days=1)))
    (tmp_path / "bad.tcx").write_text("<TrainingCenterDatabase")
    (tmp_path / "._good.fit").write_bytes(b"\x00\x05\x16\x07 mac resource fork")
    (tmp_path / "photo.jpg").write_bytes(b"\xff\xd8\xff")
    batch = read(tmp_path)
    assert len(batch.activities) == 2 and not batch.single_file
    assert [name for name, _ in batch.skipped] == [str(tmp_path / "bad.tcx")]
    assert batch.files == 3


def test_paths_that_are_not_activities_are_input_errors(tmp_path: Path) -> None:
    """A missing path, a file of another kind, or a folder with no activity files."""
    (tmp_path / "notes.txt").write_text("hello")
    (tmp_path / "empty").mkdir()
    for path, words in ((tmp_path / "nope.fit", "no such file"),
                        (tmp_path / "notes.txt", "not a FIT, GPX or TCX file"),
                        (tmp_path / "empty", "no FIT, GPX or TCX files")):
        with pytest.raises(InputError, match=words):
            read(path)


def _strava(root: Path) -> Path:
    """A Strava-shaped export: a gzipped FIT, a plain GPX, a gzipped TCX, a manual entry,
    a row whose file is missing, a file no row names."""
    files = {
        "activities/101.fit.gz": fit_bytes(START, metres=10000, seconds=3300),
        "activities/102.gpx": gpx_text(START + timedelta(days=1), sport="9").encode(),
        "activities/103.tcx.gz": tcx_text(START + timedelta(days=2), sport="Biking").encode(),
        "activities/999.gpx": gpx_text(START + timedelta(days=4), name="Not in CSV").encode(),
    }
    rows = [
        strava_row(101, START, "Sunday long run", "Run", filename="activities/101.fit.gz",
                   gear="Pegasus 41", description="heel ok"),
        strava_row(102, START + timedelta(days=1), "Recovery jog", "Run",
                   filename="activities/102.gpx", gear="pegasus 41"),
        strava_row(103, START + timedelta(days=2), "Commute", "Ride",
                   filename="activities/103.tcx.gz", gear="Old Bike"),
        strava_row(104, START + timedelta(days=3, hours=10), "Treadmill", "Run",
                   moving=1500, elapsed=1560, metres=4000),
        strava_row(105, START + timedelta(days=5), "Lost", "Run",
                   filename="activities/105.fit.gz"),
    ]
    return write_strava_folder(root, files, rows)


def _check_strava(batch, skipped_name: str) -> None:
    by_name = {a.name: a for a in batch.activities}
    assert set(by_name) == {"Sunday long run", "Recovery jog", "Commute", "Treadmill",
                            "Not in CSV"}
    long_run = by_name["Sunday long run"]
    assert long_run.gear == "Pegasus 41" and long_run.description == "heel ok"
    assert long_run.distance_m == pytest.approx(10000, rel=0.01)
    assert long_run.source.file == "activities/101.fit.gz"
    assert by_name["Commute"].kind() == "bike"
    manual = by_name["Treadmill"]
    assert manual.source.format == "strava" and manual.source.sha256 is None
    assert manual.start == START + timedelta(days=3, hours=10)
    assert (manual.distance_m, manual.seconds()) == (4000, 1500)
    ((name, reason),) = batch.skipped
    assert name.endswith(skipped_name) and "not in the export" in reason


def test_a_strava_export_folder(tmp_path: Path) -> None:
    """activities.csv gives names, descriptions, types and gear; activities/ the numbers; a
    manual entry comes from its row; a missing file is listed."""
    batch = read(_strava(tmp_path / "export"))
    _check_strava(batch, "activities/105.fit.gz")


def test_a_strava_export_zip_and_the_folder_above_it(tmp_path: Path) -> None:
    """The export as Strava sends it (a zip), and a folder holding the unpacked export."""
    folder = _strava(tmp_path / "unpacked" / "export_1234")
    archive = zip_folder(folder, tmp_path / "export_1234.zip")
    _check_strava(read(archive), "activities/105.fit.gz")
    _check_strava(read(tmp_path / "unpacked"), "activities/105.fit.gz")


def test_a_zip_is_read_in_memory_whatever_its_member_names(tmp_path: Path) -> None:
    """Members called ../../escape.gpx are only names: nothing is written anywhere, and the
    activity is still read."""
    archive = tmp_path / "garmin.zip"
    with zipfile.ZipFile(archive, "w") as out:
        out.writestr("../../escape.gpx", gpx_text(START))
        out.writestr("inner.zip", b"PK\x05\x06" + bytes(18))
    before = sorted(p.name for p in tmp_path.parent.iterdir())
    batch = read(archive)
    assert [a.source.file for a in batch.activities] == ["../../escape.gpx"]
    assert "zip inside a zip" in batch.skipped[0][1]
    assert sorted(p.name for p in tmp_path.parent.iterdir()) == before


def test_an_oversized_file_is_not_read(tmp_path: Path, monkeypatch) -> None:
    """A gzip that would grow past the limit is refused, not unpacked into memory."""
    import tui.importers.reading as reading
    import tui.importers.sources as sources

    monkeypatch.setattr(sources, "MAX_BYTES", 4096)
    monkeypatch.setattr(reading, "MAX_BYTES", 4096)
    (tmp_path / "big.gpx.gz").write_bytes(gzip.compress(gpx_text(START, km=40).encode()))
    ((_, reason),) = read(tmp_path / "big.gpx.gz").skipped
    assert "larger than" in reason


def test_worker_processes_read_the_same(tmp_path: Path) -> None:
    """Many files are spread over processes; the result is the same, in the same order, and
    files whose hash is already known are counted there too, not read."""
    import hashlib

    for day in range(6):
        (tmp_path / f"{day}.fit").write_bytes(fit_bytes(START + timedelta(days=day)))
    (tmp_path / "bad.fit").write_bytes(b"nope")
    known = frozenset(hashlib.sha256((tmp_path / f"{day}.fit").read_bytes()).hexdigest()
                      for day in (1, 4))
    serial = read(tmp_path, workers=1, known=known)
    parallel = read(tmp_path, workers=2, known=known)
    assert serial.activities == parallel.activities and serial.skipped == parallel.skipped
    assert len(serial.activities) == 4 and serial.already == parallel.already == 2


def test_starts_that_cannot_be_entries_are_skipped(tmp_path: Path) -> None:
    """A watch whose clock was never set, or a start after today, is listed, not imported."""
    (tmp_path / "unset.gpx").write_text(gpx_text(datetime(1990, 1, 1, tzinfo=UTC)))
    (tmp_path / "future.gpx").write_text(gpx_text(datetime(2026, 3, 20, tzinfo=UTC)))
    reasons = sorted(reason for _, reason in read(tmp_path).skipped)
    assert "no real start time" in reasons[0] and "starts in the future" in reasons[1]
