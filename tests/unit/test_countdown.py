"""Countdown maths on a fake clock: no drift, pause/resume, +/- a minute, the clock face."""

from __future__ import annotations

from datetime import timedelta

from tui.domain.countdown import Countdown, clock_face


def test_no_drift_over_a_simulated_fifteen_minutes(clock) -> None:
    """Uneven, late ticks never lose or gain time: zero arrives exactly at 15:00."""
    timer = Countdown.start("ice", 15 * 60, clock.now())
    steps = [1.0, 0.3, 2.7, 1.05, 0.95] * 60  # 360 s of jittery ticks...
    for step in steps:
        clock.advance(step)
        assert not timer.finished(clock.now())
    assert abs(timer.remaining(clock.now()) - 540) < 1e-6
    clock.advance(539.999)
    assert not timer.finished(clock.now())
    assert clock_face(timer.remaining(clock.now())) == "00:01"
    clock.advance(0.001)
    assert timer.finished(clock.now())
    assert clock_face(timer.remaining(clock.now())) == "00:00"
    assert timer.ended_at(clock.now() + timedelta(minutes=5)) == timer.deadline


def test_pause_freezes_and_resume_continues(clock) -> None:
    """Time spent paused does not count; resuming picks up the same time left."""
    timer = Countdown.start("ice", 600, clock.now())
    clock.advance(100)
    timer = timer.pause(clock.now())
    assert timer.paused
    clock.advance(3000)
    assert timer.remaining(clock.now()) == 500
    assert not timer.finished(clock.now())
    timer = timer.resume(clock.now())
    assert not timer.paused
    clock.advance(499)
    assert timer.remaining(clock.now()) == 1
    assert timer.elapsed(clock.now()) == 599


def test_plus_and_minus_a_minute(clock) -> None:
    """+1 adds a minute up to the 20-minute cap; -1 never leaves under a minute on the clock."""
    timer = Countdown.start("ice", 15 * 60, clock.now())
    for _ in range(8):
        timer = timer.adjust(60, clock.now(), max_total=20 * 60)
    assert timer.total_seconds == 20 * 60
    assert timer.remaining(clock.now()) == 20 * 60
    clock.advance(18 * 60 + 30)  # 90 s left
    shorter = timer.adjust(-60, clock.now(), max_total=20 * 60)
    assert shorter.remaining(clock.now()) == 60
    assert shorter.adjust(-60, clock.now(), max_total=1200) is shorter
    assert shorter.total_seconds == 20 * 60 - 30
    assert shorter.progress(clock.now()) == (18 * 60 + 30) / (20 * 60 - 30)


def test_adjust_while_paused_moves_the_frozen_time(clock) -> None:
    """A paused timer can be lengthened; it stays paused."""
    timer = Countdown.start("roll", 90, clock.now()).pause(clock.now())
    longer = timer.adjust(60, clock.now(), max_total=600)
    clock.advance(500)
    assert longer.paused and longer.remaining(clock.now()) == 150


def test_clock_face_rounds_up() -> None:
    """The face shows whole seconds, rounding up, and never a negative."""
    assert clock_face(900) == "15:00"
    assert clock_face(899.2) == "15:00"
    assert clock_face(0.01) == "00:01"
    assert clock_face(-3) == "00:00"
