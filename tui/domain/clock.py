"""Time sources for footpain: one injectable clock for wall time, local dates and monotonic time.

Anything that must survive a restart stores wall-clock UTC from `Clock.now()`; on-screen
countdowns may use `Clock.monotonic()`. Tests use `FakeClock` and move it by hand.

Local times come from a `zoneinfo` zone, converted per instant (`when.astimezone(zone)`),
never from an offset taken once: 00:55 on 29 March 2026 in London plus ten minutes reads
02:05, not 01:05. The zone is the one in `$TZ` when it is set, else the system zone
(`/etc/localtime`), else UTC, as the `tzlocal` package finds it; see `local_zone`.
"""

from __future__ import annotations

import io
import logging
import os
import struct
import time
from datetime import UTC, date, datetime, timedelta, tzinfo
from functools import lru_cache
from pathlib import Path
from zoneinfo import ZoneInfo

log = logging.getLogger(__name__)

SYSTEM_ZONE_FILE = Path("/etc/localtime")
"""The system's zone: usually a symlink into a zoneinfo folder, sometimes a copy."""


def _key_from_path(path: Path) -> str | None:
    """"/usr/share/zoneinfo/Europe/London" → "Europe/London" (None outside a zoneinfo folder)."""
    parts = path.parts
    if "zoneinfo" not in parts:
        return None
    rest = parts[len(parts) - parts[::-1].index("zoneinfo"):]
    if rest[:1] in (("posix",), ("right",)):  # Debian's duplicate trees
        rest = rest[1:]
    return "/".join(rest) or None


def _zone_from_file(path: Path) -> ZoneInfo:
    """The zone in a TZif file, by its IANA name when the path shows one (so it prints as
    "Europe/London"), else read from the file itself. Raises OSError or ValueError."""
    real = Path(os.path.realpath(path))
    key = _key_from_path(real)
    if key is not None:
        try:
            return ZoneInfo(key)
        except (KeyError, ValueError, OSError):
            pass  # a name this Python cannot find: the file itself is the answer
    with open(real, "rb") as handle:
        return ZoneInfo.from_file(handle, key=key)


def _posix_zone(spec: str) -> ZoneInfo:
    """A zone for a POSIX TZ rule such as "CET-1CEST,M3.5.0,M10.5.0/3" (which libc accepts
    in `$TZ` but `ZoneInfo` does not): a TZif file with no transitions and the rule as its
    footer, which zoneinfo applies to every instant. Raises ValueError if it is not a rule."""
    if not spec.isascii() or "\n" in spec or not any(c.isdigit() for c in spec):
        raise ValueError(f"not a POSIX TZ rule: {spec!r}")
    header = b"TZif2" + bytes(15) + struct.pack(">6l", 0, 0, 0, 0, 1, 4)
    block = struct.pack(">lbB", 0, 0, 0) + b"UTC\0"
    data = header + block + header + block + b"\n" + spec.encode("ascii") + b"\n"
    return ZoneInfo.from_file(io.BytesIO(data), key=spec)


@lru_cache(maxsize=4)
def system_zone(zone_file: Path = SYSTEM_ZONE_FILE) -> tzinfo:
    """The system zone from `/etc/localtime` (by name when it links into a zoneinfo folder,
    else from the file's contents); UTC when there is none or it cannot be read."""
    try:
        if zone_file.is_file():
            return _zone_from_file(zone_file)
    except (OSError, ValueError) as error:
        log.warning("cannot read the system time zone %s (%s); using UTC", zone_file, error)
    return UTC


@lru_cache(maxsize=8)
def local_zone(tz_env: str | None, zone_file: Path = SYSTEM_ZONE_FILE) -> tzinfo:
    """The user's zone for a value of `$TZ` (None when unset); cached, so cheap to ask often.

    As `tzlocal` does: a leading ":" is dropped; an absolute path is read as a zone file;
    anything else is an IANA name ("Europe/London"). A POSIX rule ("EST5EDT,M3.2.0,M11.1.0")
    is also understood, as libc does. An empty `$TZ`, or one that names no zone footpain can
    find, falls back to the system zone (logged, never raised), and that to UTC.
    """
    value = (tz_env or "").strip()
    if value.startswith(":"):
        value = value[1:]
    if not value:
        return system_zone(zone_file)
    try:
        if value.startswith("/"):
            return _zone_from_file(Path(value))
        try:
            return ZoneInfo(value)
        except (KeyError, ValueError, OSError):  # ZoneInfoNotFoundError is a KeyError
            return _posix_zone(value)
    except (KeyError, ValueError, OSError) as error:
        log.warning("TZ=%r is not a time zone footpain can read (%s); using the system zone",
                    tz_env, error)
        return system_zone(zone_file)


class Clock:
    """The real clock: UTC wall time, local calendar, monotonic seconds."""

    def now(self) -> datetime:
        """Aware UTC wall-clock time."""
        return datetime.now(UTC)

    def monotonic(self) -> float:
        """Seconds from an arbitrary start that never go backwards."""
        return time.monotonic()

    def local_tz(self) -> tzinfo:
        """The zone the user reads times in: a `ZoneInfo` (UTC if none can be found).

        Convert each instant with `when.astimezone(clock.local_tz())`; the offset is the one
        in force at that instant, so times across a daylight-saving change come out right.
        Resolved once per value of `$TZ` (see `local_zone`).
        """
        return local_zone(os.environ.get("TZ"))

    def local_now(self) -> datetime:
        """Aware wall-clock time in the user's zone."""
        return self.now().astimezone(self.local_tz())

    def today(self) -> date:
        """Today's date where the user is."""
        return self.local_now().date()


class FakeClock(Clock):
    """A clock that only moves when told to; for tests, snapshots and benchmarks.

    `tz` is the user's zone: a `ZoneInfo("Europe/London")` gives real daylight-saving
    changes; the default is UTC.
    """

    def __init__(self, start: datetime | None = None, tz: tzinfo = UTC) -> None:
        self._now = start or datetime(2026, 3, 14, 9, 0, tzinfo=UTC)
        if self._now.tzinfo is None:
            self._now = self._now.replace(tzinfo=UTC)
        self._mono = 1000.0
        self._tz = tz

    def now(self) -> datetime:
        """The frozen wall time."""
        return self._now.astimezone(UTC)

    def monotonic(self) -> float:
        """The frozen monotonic time."""
        return self._mono

    def local_tz(self) -> tzinfo:
        """The zone given at construction."""
        return self._tz

    def advance(self, seconds: float) -> None:
        """Move both wall and monotonic time forward."""
        self._now += timedelta(seconds=seconds)
        self._mono += seconds

    def set(self, when: datetime) -> None:
        """Jump wall time to `when` (monotonic moves by the same amount, never backwards):
        a jump back is a clock being set back, as NTP or a user may do."""
        delta = (when - self._now).total_seconds()
        self._now = when
        self._mono += max(0.0, delta)
