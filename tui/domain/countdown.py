"""Countdown maths on wall-clock UTC datetimes: deadline, pause, resume, adjust.

A countdown never counts ticks: time left is always `deadline - now` (or `deadline -
paused_at` while paused), so a stalled event loop, a dropped SSH link or a restart cannot make
it drift. Every method takes `now` from the caller's clock, which keeps the maths testable.

Wall-clock time can go backwards (NTP correcting a fast clock, a user setting it by hand).
A timer whose start or pause lies in the future, or with more time left than its length,
has lived through that: `clock_changed` says so, and callers close it rather than show
"70:01 left" for a 10-minute session (see `tui.domain.ice.close_timer`).
"""

from __future__ import annotations

import math
from datetime import datetime, timedelta
from typing import Literal

from tui.domain.journal import new_id
from tui.domain.record import AwareDatetime, Record, field

TimerKind = Literal["ice", "roll"]
CLOCK_SLACK = timedelta(seconds=5)
"""How far the clock may step back before a timer counts as "clock changed": NTP's small
corrections (well under a second) must not close someone's ice session."""


class Countdown(Record):
    """One timer (an ice session or a foot roll), stored as wall-clock UTC times."""


    id: str = field(default_factory=new_id)
    """Also the id of the journal entry an ice session becomes, so logging is idempotent."""
    kind: TimerKind = "ice"
    started_at: AwareDatetime
    deadline: AwareDatetime
    """When it reaches zero if it is not paused again."""
    total_seconds: int = field(ge=1, le=24 * 3600)
    """The planned length, including +/- minute changes; for the progress bar."""
    paused_at: AwareDatetime | None = None
    """Set while paused: the time left is frozen at `deadline - paused_at`."""

    @classmethod
    def start(cls, kind: TimerKind, seconds: int, now: datetime) -> Countdown:
        """A countdown of `seconds` that starts now."""
        return cls(
            kind=kind, started_at=now, deadline=now + timedelta(seconds=seconds),
            total_seconds=seconds,
        )

    @property
    def paused(self) -> bool:
        """Whether the countdown is paused."""
        return self.paused_at is not None

    def clock_changed(self, now: datetime) -> bool:
        """Whether the wall clock went back since this timer started or paused: its start
        or pause lies in the future, or it has more time left than its length (by more
        than `CLOCK_SLACK`). Its time left then means nothing; close it."""
        if self.started_at - now > CLOCK_SLACK:
            return True
        if self.paused_at is not None and self.paused_at - now > CLOCK_SLACK:
            return True
        until = self.paused_at if self.paused_at is not None else now
        left = (self.deadline - until).total_seconds()
        return left - self.total_seconds > CLOCK_SLACK.total_seconds()

    def remaining(self, now: datetime) -> float:
        """Seconds left, from zero to the timer's length (even if the clock went back)."""
        until = self.paused_at if self.paused_at is not None else now
        left = (self.deadline - until).total_seconds()
        return min(float(self.total_seconds), max(0.0, left))

    def finished(self, now: datetime) -> bool:
        """Whether the countdown has reached zero (a paused one never does)."""
        return not self.paused and self.remaining(now) <= 0

    def ended_at(self, now: datetime) -> datetime:
        """When it stopped counting: paused, reached zero, or (still running) now; never
        before it started, whatever the clock did."""
        if self.paused_at is not None:
            ended = self.paused_at
        else:
            ended = self.deadline if self.deadline <= now else now
        return max(ended, self.started_at)

    def elapsed(self, now: datetime) -> float:
        """Seconds of counting done so far (pauses excluded)."""
        return max(0.0, self.total_seconds - self.remaining(now))

    def progress(self, now: datetime) -> float:
        """How far through it is, from 0.0 to 1.0."""
        return min(1.0, self.elapsed(now) / self.total_seconds)

    def pause(self, now: datetime) -> Countdown:
        """Freeze the time left."""
        if self.paused or self.finished(now):
            return self
        return self.model_copy(update={"paused_at": now})

    def resume(self, now: datetime) -> Countdown:
        """Start counting again from the frozen time left."""
        if self.paused_at is None:
            return self
        shift = now - self.paused_at
        return self.model_copy(update={"deadline": self.deadline + shift, "paused_at": None})

    def adjust(
        self, seconds: int, now: datetime, *, max_total: int, min_left: int = 60
    ) -> Countdown:
        """Add or take away time: total at most `max_total`, at least `min_left` s left."""
        left = self.remaining(now)
        if seconds > 0:
            seconds = min(seconds, max_total - self.total_seconds)
        elif seconds < 0:
            seconds = -min(-seconds, max(0, math.ceil(left) - min_left))
        if seconds == 0 or self.finished(now):
            return self
        return self.model_copy(update={
            "deadline": self.deadline + timedelta(seconds=seconds),
            "total_seconds": self.total_seconds + seconds,
        })


def clock_face(seconds: float) -> str:
    """Time left as mm:ss, rounded up so it shows 00:00 only at zero."""
    whole = max(0, math.ceil(seconds - 1e-9))
    return f"{whole // 60:02d}:{whole % 60:02d}"


def spoken_length(seconds: float) -> str:
    """A length in words, to the second: "18 seconds", "1 minute", "4 minutes 30 seconds"."""
    whole = max(0, round(seconds))
    minutes, rest = divmod(whole, 60)
    parts = [f"{n} {unit}{'' if n == 1 else 's'}"
             for n, unit in ((minutes, "minute"), (rest, "second")) if n]
    return " ".join(parts) or "0 seconds"
