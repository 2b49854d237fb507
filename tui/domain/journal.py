"""The recovery journal: entries, injury episodes and shoes (stored by `tui.store.journal`).

Pure data and pure functions; persistence goes through `tui.store.records` and `tui.store`,
which write each change in one database transaction.
"""

from __future__ import annotations

import uuid
from datetime import date, datetime, timedelta
from typing import Literal

from tui.domain.record import Record, field
from tui.domain.text import printable  # noqa: F401  (its old home; tui.domain.text is the one)

NOTE_MAX = 2000

Activity = Literal[
    "run", "jog_walk", "walk", "bike", "swim", "strength", "drills", "ice", "rest"
]
ACTIVITY_LABELS: dict[str, str] = {
    "run": "Run",
    "jog_walk": "Jog/walk",
    "walk": "Walk",
    "bike": "Bike",
    "swim": "Swim",
    "strength": "Strength/yoga",
    "drills": "Drills",
    "ice": "Ice",
    "rest": "Rest",
}
RUNNING_ACTIVITIES = frozenset({"run", "jog_walk"})
"""Activities whose distance counts as running load (weekly distance, long-run warning)."""
ON_FEET_ACTIVITIES = frozenset({"run", "jog_walk", "walk"})
"""Activities that load the foot and that the return-to-run plan gates."""
Disposition = Literal["self_care", "see_pro", "urgent"]
InjuryKind = Literal[
    "soft_tissue", "bone", "nerve", "general", "rupture", "joint", "skin", "infection",
    "growth_plate",
]


def pain_word(pain: int | None) -> str:
    """The word for a 0-10 pain score: none, mild (1-3), moderate (4-6), severe (7-10)."""
    if pain is None:
        return ""
    if pain <= 0:
        return "none"
    if pain <= 3:
        return "mild"
    if pain <= 6:
        return "moderate"
    return "severe"


def new_id() -> str:
    """A short random id for entries, episodes and shoes."""
    return uuid.uuid4().hex[:12]


class ImportSource(Record):
    """Where an imported activity came from (a FIT, GPX or TCX file, or a Strava export)."""


    file: str = field(min_length=1, max_length=1000)
    """The file's name; inside an export or archive, its path there."""
    format: Literal["fit", "gpx", "tcx", "strava"]
    """The file's format ("strava": an activity the export's activities.csv alone gives)."""
    sha256: str | None = field(default=None, pattern=r"^[0-9a-f]{64}$")
    """The hash of the file's contents (uncompressed), which recognises it if imported again."""
    sport: str = field(default="", max_length=80)
    """The sport as the file or export wrote it ("running", "Trail Run")."""


class Entry(Record):
    """One thing the runner did (or an ice / drills session), with how the foot felt."""


    id: str = field(default_factory=new_id)
    date: date
    activity: Activity
    distance_km: float | None = field(default=None, ge=0, le=1000)
    duration_min: float | None = field(default=None, ge=0, le=24 * 60)
    pain_before: int | None = field(default=None, ge=0, le=10)
    pain_after: int | None = field(default=None, ge=0, le=10)
    pain_next_morning: int | None = field(default=None, ge=0, le=10)
    """How the first steps felt the next morning: the 24-hour response."""
    shoe: str | None = None
    regions: list[str] = field(default_factory=list)
    note: str = field(default="", max_length=NOTE_MAX)
    episode: str | None = None
    started_at: datetime | None = None
    ended_at: datetime | None = None
    completed: bool | None = None
    """Ice or drills: finished as planned (True) or stopped early (False)."""
    routine: str | None = None
    hurt_drills: list[str] = field(default_factory=list)
    changes: list[str] = field(default_factory=list)
    """Training changes this session introduced (cause ids such as new_shoes)."""
    source: ImportSource | None = None
    """Set on an activity imported from a watch or phone file; None when typed."""


def pain_change(entry: Entry) -> str:
    """Pain before → after as text ("1→3", "-→2"), or "" when no after score."""
    if entry.pain_after is None:
        return "" if entry.pain_before is None else f"{entry.pain_before}→-"
    before = "-" if entry.pain_before is None else str(entry.pain_before)
    return f"{before}→{entry.pain_after}"


class Episode(Record):
    """An injury episode: from onset (often a triage) until the foot is pain-free."""


    id: str = field(default_factory=new_id)
    started: date
    ended: date | None = None
    regions: list[str] = field(default_factory=list)
    condition: str | None = None
    disposition: Disposition | None = None
    kind: InjuryKind | None = None
    causes: list[str] = field(default_factory=list)
    source: Literal["triage", "manual"] = "manual"
    pre_injury_weekly_km: float | None = field(default=None, ge=0, le=1000)
    pain_free_since: date | None = None
    cleared_on: date | None = None
    """The day a professional cleared the runner to load the foot again (needed after a
    bone injury, a rupture or an urgent triage before walking and jog/walk sessions)."""
    note: str = field(default="", max_length=NOTE_MAX)


class Shoe(Record):
    """A pair of shoes and the distance they carried before footpain knew them."""


    id: str = field(default_factory=new_id)
    name: str = field(min_length=1, max_length=80)
    start_km: float = field(default=0.0, ge=0, le=10000)
    retired: bool = False


class Journal(Record):
    """The whole journal: entries, episodes and shoes (an export, or what the Log shows)."""


    schema_version: int = 1
    entries: list[Entry] = field(default_factory=list)
    episodes: list[Episode] = field(default_factory=list)
    shoes: list[Shoe] = field(default_factory=list)
    earlier_entries: int = field(default=0, exclude=True)
    """When only recent entries are held (the app's window): how many older ones exist."""
    shoe_km_before: dict[str, float] = field(default_factory=dict, exclude=True)
    """Kilometres logged on each pair of shoes in those older entries."""

    def find_entry(self, entry_id: str) -> Entry | None:
        """The entry with this id, if any."""
        return next((e for e in self.entries if e.id == entry_id), None)

    def find_episode(self, episode_id: str) -> Episode | None:
        """The episode with this id, if any."""
        return next((e for e in self.episodes if e.id == episode_id), None)

    def find_shoe(self, key: str) -> Shoe | None:
        """The shoe with this id, or else with this name (ignoring case)."""
        for shoe in self.shoes:
            if shoe.id == key:
                return shoe
        folded = key.strip().casefold()
        return next((s for s in self.shoes if s.name.casefold() == folded), None)

    def latest_episode(self) -> Episode | None:
        """The open episode if there is one, else the one that started last."""
        if (current := self.open_episode()) is not None:
            return current
        return max(self.episodes, key=lambda e: e.started) if self.episodes else None

    def open_episode(self) -> Episode | None:
        """The most recent episode that has not ended."""
        open_ones = [e for e in self.episodes if e.ended is None]
        return max(open_ones, key=lambda e: e.started) if open_ones else None


EXPORT_KEYS = ("schema_version", "entries", "episodes", "shoes")
"""The top-level keys of a JSON export (`tui.domain.export.to_json`)."""


def import_problems(
    document_keys: list[str], journal: Journal, today: date, known_episodes: set[str],
) -> list[str]:
    """What a JSON export about to be imported holds that `log add` and the app refuse: keys
    an export does not have, entries dated in the future (beyond tomorrow: an export made in
    a time zone ahead of this one may hold "today" there), an entry's episode that is neither
    in the file nor in the log, and a time of day without its offset (which the app could
    not place on a clock). Each problem names its place, as a record's errors do."""
    problems = []
    unknown = [key for key in document_keys if key not in EXPORT_KEYS]
    if unknown:
        shown = ", ".join(printable(key) for key in unknown[:3])
        problems.append(f"{shown}: not in a footpain export (is it one?)")
    episodes = known_episodes | {episode.id for episode in journal.episodes}
    for number, entry in enumerate(journal.entries):
        where = f"entries.{number}"
        if entry.date > today + timedelta(days=1):  # a day's slack: exported in a zone ahead
            problems.append(f"{where}.date: {entry.date} is in the future")
        if entry.episode is not None and entry.episode not in episodes:
            problems.append(f"{where}.episode: no such episode in the file or the log")
        for name in ("started_at", "ended_at"):
            moment = getattr(entry, name)
            if moment is not None and moment.utcoffset() is None:
                problems.append(f"{where}.{name}: give the time with its offset (Z, +01:00)")
    return problems
