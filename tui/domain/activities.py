"""Activities recorded by a watch or phone, as read from FIT, GPX, TCX files or a Strava
export, and the rules that turn one into a journal entry.

Plain data and pure functions: the readers (`tui.importers`) fill an `ImportedActivity`
from a file; `tui.store.imported` saves them. The rules, from issue 17:

- the date is the local date of the start, in the user's zone (`Clock.local_tz`), taken
  per instant, so a run at 23:30 in London on the last Saturday of March stays on that day;
- the activity comes from the sport the file or export names: running and trail running →
  run, walking and hiking → walk, cycling → bike, swimming → swim, strength, yoga and other
  gym work → strength/yoga; anything else → the closest of those (on foot → walk, on wheels →
  bike, in water → swim), else strength/yoga. A file that names no sport is judged by its
  average speed (`guessed_activity`);
- distance in km; duration in minutes from the timer or moving time when the file has one,
  else the elapsed time;
- the activity's name (and a Strava description) is the note; imported runs have no pain
  scores, which the next-morning question and the entry form ask for.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, tzinfo

from tui.domain.journal import NOTE_MAX, Entry, ImportSource

EARLIEST = datetime(2000, 1, 1, tzinfo=UTC)
"""A start before this is a device whose clock was never set (FIT counts from 1989)."""
SAME_START = timedelta(seconds=60)
"""Two activities of one kind that start within this of each other are the same one: a
watch's FIT and the Strava copy of it can differ by a second or two."""
MAX_KM = 1000.0
MAX_MINUTES = 24 * 60
TYPED_DISTANCE = 0.05
"""A typed entry whose distance is within this share of an imported activity's is the same
run (a watch and a runner's own figure rarely agree to the metre)."""
TYPED_MINUTES = 5.0
"""Without distances, a typed entry whose duration is within this many minutes is the same."""

_WORDS = re.compile(r"[^a-z0-9]+")


def _key(text: str | None) -> str:
    """"Trail Run", "trail_running", "TRAIL-RUN" → "trail run", "trail running"."""
    return _WORDS.sub(" ", (text or "").casefold()).strip()


_SPORTS: dict[str, str] = {
    # running (FIT sport and sub-sport names, TCX Sport, Strava types, GPX <type> words)
    **dict.fromkeys(("run", "running", "trail run", "trail running", "trail", "track",
                     "treadmill", "indoor running", "virtual run", "street", "ultra",
                     "obstacle", "9"), "run"),
    **dict.fromkeys(("walk", "walking", "hike", "hiking", "speed walking", "casual walking",
                     "mountaineering", "snowshoe", "snowshoeing", "nordic walking",
                     "wheelchair push walk"), "walk"),
    **dict.fromkeys(("ride", "biking", "bike", "cycling", "road cycling", "virtual ride",
                     "e bike ride", "e biking", "ebikeride", "gravel ride", "gravel cycling",
                     "mountain bike ride", "mountain", "indoor cycling", "spin", "velomobile",
                     "handcycle", "hand cycling", "cyclocross", "bmx", "downhill",
                     "commuting", "e mountain bike ride", "emountainbikeride", "1"), "bike"),
    **dict.fromkeys(("swim", "swimming", "lap swimming", "open water", "open water swim",
                     "open water swimming"), "swim"),
    **dict.fromkeys(("weight training", "weighttraining", "strength training", "strength",
                     "training", "yoga", "pilates", "workout", "crossfit", "hiit",
                     "cardio training", "flexibility training", "fitness equipment", "elliptical",
                     "stair climbing", "stairstepper", "indoor rowing", "rowing", "breathing",
                     "barre", "mobility"), "strength"),
}
"""Sport names as FIT (sport and sub-sport), TCX, GPX and Strava write them, folded by
`_key`. "9" and "1" are the type codes Strava writes in its GPX files for a run and a
ride."""


def activity_for(sport: str | None, sub_sport: str | None = None) -> str | None:
    """The journal's activity for a sport and sub-sport as a file names them, or None when
    neither names one it knows (a generic or missing sport).

    The sport decides, except a general one (training, fitness equipment, generic), where the
    sub-sport does: FIT's "fitness_equipment" + "treadmill" is a run, "cycling" + "track_cycling"
    a ride."""
    sport_key, sub_key = _key(sport), _key(sub_sport)
    chosen = _SPORTS.get(sport_key)
    if chosen is not None and chosen != "strength":
        return chosen
    if sub_key in _SPORTS:
        return _SPORTS[sub_key]
    if chosen is not None:
        return chosen
    for key in (sport_key, sub_key):  # "TrailRun", "Alpine ski", "kayaking" ...
        for stems, activity in _CLOSEST:
            if any(stem in key for stem in stems):
                return activity
    return None


_CLOSEST: tuple[tuple[tuple[str, ...], str], ...] = (
    (("run", "jog"), "run"),
    (("walk", "hik", "snowshoe", "mountaineer"), "walk"),
    (("ride", "cycl", "bik", "skat"), "bike"),
    (("swim", "surf", "paddl", "kayak", "canoe", "row", "sail"), "swim"),
)
"""Word stems for sports the table does not name: the closest journal activity."""


def guessed_activity(distance_m: float | None, seconds: float | None) -> str:
    """For a file that names no sport: walk below 6.5 km/h, bike above 20 km/h, else run;
    strength/yoga when it has no distance."""
    if not distance_m or not seconds:
        return "strength"
    kmh = distance_m / seconds * 3.6
    if kmh < 6.5:
        return "walk"
    return "bike" if kmh > 20 else "run"


@dataclass(frozen=True)
class ImportedActivity:
    """One recorded activity as a file or export describes it (before it is an entry)."""

    start: datetime
    """When it started, aware (UTC)."""
    source: ImportSource
    """The file it came from: name, format, content hash and the sport as written there."""
    sub_sport: str | None = None
    distance_m: float | None = None
    moving_s: float | None = None
    """Timer time (FIT, TCX laps) or moving time (Strava); None when the file has neither."""
    elapsed_s: float | None = None
    name: str = ""
    description: str = ""
    gear: str | None = None
    """The shoes or bike the export names (Strava's "Activity Gear")."""
    activity: str | None = None
    """An activity chosen by the export itself (Strava's type wins over the file's sport)."""

    def kind(self) -> str:
        """The journal's activity: the export's choice, else the file's sport, else a guess
        from the average speed."""
        if self.activity is not None:
            return self.activity
        chosen = activity_for(self.source.sport, self.sub_sport)
        if chosen is not None:
            return chosen
        return guessed_activity(self.distance_m, self.moving_s or self.elapsed_s)

    def seconds(self) -> float | None:
        """The duration that counts: timer or moving time, else elapsed."""
        return self.moving_s if self.moving_s else self.elapsed_s


def problem(activity: ImportedActivity, today: date, tz: tzinfo) -> str | None:
    """Why this activity cannot be an entry, in a few words, or None if it can."""
    if activity.start < EARLIEST:
        return "no real start time (the device's clock was not set)"
    if activity.start.astimezone(tz).date() > today:
        return f"starts in the future ({activity.start:%Y-%m-%d %H:%M} UTC; check the " \
               "device's clock)"
    km = (activity.distance_m or 0) / 1000
    if km > MAX_KM:
        return f"{km:,.0f} km is more than the log holds for one activity ({MAX_KM:,.0f} km)"
    if km < 0:
        return "a negative distance"
    seconds = activity.seconds()
    if seconds is not None and (seconds < 0 or seconds / 60 > MAX_MINUTES):
        return "longer than 24 hours (one entry is one day's activity)"
    return None


def note_for(activity: ImportedActivity) -> str:
    """The entry's note: the activity's name, and a description on the next line."""
    parts = [p.strip() for p in (activity.name, activity.description) if p and p.strip()]
    return "\n".join(parts)[:NOTE_MAX]


def entry_for(activity: ImportedActivity, tz: tzinfo, *, shoe: str | None = None,
              episode: str | None = None) -> Entry:
    """The journal entry for an activity (no pain scores: the runner adds those)."""
    start = activity.start.astimezone(UTC).replace(microsecond=0)
    seconds = activity.seconds()
    ended = start + timedelta(seconds=activity.elapsed_s) if activity.elapsed_s else None
    return Entry(
        date=start.astimezone(tz).date(),
        activity=activity.kind(),  # type: ignore[arg-type]  (one of the Activity literals)
        distance_km=None if activity.distance_m is None else round(activity.distance_m / 1000,
                                                                  3),
        duration_min=None if seconds is None else round(seconds / 60, 1),
        shoe=shoe, episode=episode, note=note_for(activity),
        started_at=start, ended_at=ended, source=activity.source,
    )


def same_as_typed(imported: Entry, typed: Entry) -> bool:
    """Whether a typed entry (one with no `source`) is the run this imported entry records,
    so the import must not add it again: same local date, same activity, and distances
    within 5 % of each other, or, when either has no distance, durations within 5 minutes.
    Two entries with neither figure are not judged the same (two walks on one day may be)."""
    if typed.source is not None or typed.date != imported.date \
            or typed.activity != imported.activity:
        return False
    if imported.distance_km is not None and typed.distance_km is not None:
        larger = max(imported.distance_km, typed.distance_km)
        return abs(imported.distance_km - typed.distance_km) <= TYPED_DISTANCE * larger
    if imported.duration_min is not None and typed.duration_min is not None:
        return abs(imported.duration_min - typed.duration_min) <= TYPED_MINUTES
    return False


@dataclass
class ImportSummary:
    """What an import did: counts, and the files that could not be used with why."""

    added: int = 0
    already: int = 0
    """Activities already in the log (or given twice in this import)."""
    skipped: list[tuple[str, str]] | None = None
    """(file name, reason) for each file or activity left out."""
    typed: int = 0
    """Of `already`, how many matched an entry typed by hand (`same_as_typed`)."""

    def line(self) -> str:
        """"3 added, 12 already in the log, 1 skipped: bad.fit (the file ends early)"."""
        skipped = self.skipped or []
        text = f"{self.added} added, {self.already} already in the log"
        if self.typed:
            text += f" ({self.typed} matched {'an entry' if self.typed == 1 else 'entries'} " \
                    "typed by hand)"
        if len(skipped) == 1:
            name, reason = skipped[0]
            text += f", 1 skipped: {name} ({reason})"
        elif skipped:
            text += f", {len(skipped)} skipped (listed above)"
        return text
