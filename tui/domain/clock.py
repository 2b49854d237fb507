"""Time sources for footpain: one injectable clock for wall time, local dates and monotonic time.

Anything that must survive a restart stores wall-clock UTC from `Clock.now()`; on-screen
countdowns may use `Clock.monotonic()`. Tests use `FakeClock` and move it by hand.
"""

from __future__ import annotations

import time
from datetime import UTC, date, datetime, timedelta, tzinfo


class Clock:
    """The real clock: UTC wall time, local calendar, monotonic seconds."""

    def now(self) -> datetime:
        """Aware UTC wall-clock time."""
        return datetime.now(UTC)

    def monotonic(self) -> float:
        """Seconds from an arbitrary start that never go backwards."""
        return time.monotonic()

    def local_tz(self) -> tzinfo:
        """The zone the user reads times in."""
        return datetime.now().astimezone().tzinfo or UTC

    def local_now(self) -> datetime:
        """Aware wall-clock time in the user's zone."""
        return self.now().astimezone(self.local_tz())

    def today(self) -> date:
        """Today's date where the user is."""
        return self.local_now().date()


class FakeClock(Clock):
    """A clock that only moves when told to; for tests, snapshots and benchmarks."""

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
        """The fixed zone given at construction."""
        return self._tz

    def advance(self, seconds: float) -> None:
        """Move both wall and monotonic time forward."""
        self._now += timedelta(seconds=seconds)
        self._mono += seconds

    def set(self, when: datetime) -> None:
        """Jump wall time to `when` (monotonic moves by the same amount)."""
        delta = (when - self._now).total_seconds()
        self._now = when
        self._mono += max(0.0, delta)
