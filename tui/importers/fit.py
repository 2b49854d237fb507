"""FIT activity files (Garmin, Coros, Suunto, Wahoo, Apple Watch exports), read with fitdecode.

One activity per session message: a triathlon's swim, ride and run are three (transitions
are left out). The session holds what the watch itself showed: start, sport, timer time,
elapsed time and total distance. A file with no session (a watch that stopped before saving
its summary) is read from its first and last record. The file's checksum is checked: a
damaged or truncated file is refused with that reason, never half read.

fitdecode runs without its data processor (`processor=None`): it would turn every field of
every record into Python objects, and a one-hour run at one record a second has 3,600 of
them; only the session's few values are converted here.
"""

from __future__ import annotations

import io
from datetime import UTC, datetime
from typing import Any

from tui.domain.activities import ImportedActivity
from tui.domain.journal import ImportSource


class FitProblem(ValueError):
    """The file cannot be read as a FIT activity; the message says why, in a few words."""


def _when(raw: Any) -> datetime | None:
    """A FIT date_time (seconds since 1989-12-31 UTC) as an aware datetime."""
    from fitdecode.processors import FIT_UTC_REFERENCE

    if isinstance(raw, datetime):
        return raw.astimezone(UTC)
    if not isinstance(raw, int | float):
        return None
    return datetime.fromtimestamp(FIT_UTC_REFERENCE + raw, UTC)


def _number(value: Any) -> float | None:
    """A numeric field's value, or None when missing or not a number."""
    return float(value) if isinstance(value, int | float) and value >= 0 else None


def _text(value: Any) -> str:
    """An enum or string field as text ("running"; an unknown enum number as its digits)."""
    return "" if value is None else str(value)


def read_fit(data: bytes, source: ImportSource) -> list[ImportedActivity]:
    """The activities in a FIT file's bytes. Raises FitProblem."""
    import fitdecode

    kind: Any = None
    sessions: list[dict[str, Any]] = []
    sport: dict[str, Any] = {}
    first = last = None
    try:
        reader = fitdecode.FitReader(
            io.BytesIO(data), processor=None, check_crc=fitdecode.CrcCheck.RAISE,
            error_handling=fitdecode.ErrorHandling.IGNORE,
        )
        with reader:
            for frame in reader:
                if frame.frame_type != fitdecode.FIT_FRAME_DATA:
                    continue
                name = frame.name
                if name == "record":
                    if first is None:
                        first = frame
                    last = frame
                elif name == "session":
                    sessions.append({f.name: f.value for f in frame.fields})
                elif name == "file_id" and kind is None:
                    kind = frame.get_value("type", fallback=None)
                elif name == "sport" and not sport:
                    sport = {f.name: f.value for f in frame.fields}
    except fitdecode.FitHeaderError as error:
        raise FitProblem("not a FIT file (its header is not one)") from error
    except fitdecode.FitEOFError as error:
        raise FitProblem("truncated: the file ends early") from error
    except fitdecode.FitCRCError as error:
        raise FitProblem("damaged: its checksum does not match its contents") from error
    except fitdecode.FitError as error:
        raise FitProblem(f"cannot be read as FIT ({_first_line(error)})") from error
    if kind is not None and kind != "activity":
        raise FitProblem(f"a FIT {_text(kind)} file, not a recorded activity")
    if sessions:
        found = [_from_session(s, source) for s in sessions
                 if _text(s.get("sport")) != "transition"]
        found = [a for a in found if a is not None]
        if found:
            return found
    return [_from_records(first, last, sport, source)]


def _from_session(session: dict[str, Any], source: ImportSource) -> ImportedActivity | None:
    """One session's summary, as the watch computed it (None without a start time)."""
    start = _when(session.get("start_time"))
    if start is None:
        return None
    return ImportedActivity(
        start=start,
        source=source.model_copy(update={"sport": _text(session.get("sport"))[:80]}),
        sub_sport=_text(session.get("sub_sport")) or None,
        distance_m=_number(session.get("total_distance")),
        moving_s=_number(session.get("total_timer_time")),
        elapsed_s=_number(session.get("total_elapsed_time")),
    )


def _from_records(first: Any, last: Any, sport: dict[str, Any],
                  source: ImportSource) -> ImportedActivity:
    """An activity from its records alone (no session summary was saved)."""
    start = _when(first.get_value("timestamp", fallback=None)) if first is not None else None
    end = _when(last.get_value("timestamp", fallback=None)) if last is not None else None
    if start is None or end is None:
        raise FitProblem("no session and no timed records: nothing to import")
    distance = None
    if last is not None:
        distance = _number(last.get_value("distance", fallback=None))
    return ImportedActivity(
        start=start,
        source=source.model_copy(update={"sport": _text(sport.get("sport"))[:80]}),
        sub_sport=_text(sport.get("sub_sport")) or None,
        distance_m=distance,
        elapsed_s=max(0.0, (end - start).total_seconds()),
    )


def _first_line(error: Exception) -> str:
    """The first line of an error's message, or its type when it has none."""
    text = str(error).strip()
    return text.splitlines()[0] if text else type(error).__name__
