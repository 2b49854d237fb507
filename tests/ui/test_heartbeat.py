"""The app's one 1 Hz timer (`tui.tabs.base.Heartbeat`): who runs on a beat, in what order,
and when the underlying Textual timer is started, restarted and stopped."""

from __future__ import annotations

from tui.tabs.base import Heartbeat


class FakeTimer:
    def __init__(self, interval: float, callback) -> None:
        self.interval, self.callback, self.stopped = interval, callback, False

    def stop(self) -> None:
        self.stopped = True


class FakeOwner:
    """Stands in for the App: records every interval timer asked for."""

    def __init__(self) -> None:
        self.timers: list[FakeTimer] = []

    def set_interval(self, interval: float, callback, name: str = "") -> FakeTimer:
        self.timers.append(FakeTimer(interval, callback))
        return self.timers[-1]


def test_one_timer_runs_every_member_in_the_order_they_joined() -> None:
    owner, calls = FakeOwner(), []
    beat = Heartbeat(owner)  # type: ignore[arg-type]
    beat.join("poll", lambda: calls.append("poll"))
    beat.join("ice", lambda: calls.append("ice"))
    assert len(owner.timers) == 1 and owner.timers[0].interval == 1.0
    owner.timers[0].callback()
    assert calls == ["poll", "ice"] and "ice" in beat and beat.running


def test_a_countdown_joining_in_phase_restarts_the_beat_from_now() -> None:
    owner = FakeOwner()
    beat = Heartbeat(owner)  # type: ignore[arg-type]
    beat.join("poll", lambda: None)
    beat.join("ice", lambda: None, in_phase=True)
    assert [t.stopped for t in owner.timers] == [True, False]
    beat.join("poll", lambda: None)  # not in phase: the running timer is kept
    assert len(owner.timers) == 2


def test_the_timer_stops_when_the_last_member_leaves() -> None:
    owner = FakeOwner()
    beat = Heartbeat(owner)  # type: ignore[arg-type]
    beat.join("ice", lambda: None)
    beat.leave("drills")  # not a member: nothing happens
    assert beat.running
    beat.leave("ice")
    assert owner.timers[0].stopped and not beat.running and "ice" not in beat
    beat.join("ice", lambda: None)
    assert len(owner.timers) == 2 and beat.running


def test_a_member_that_leaves_during_a_beat_is_not_called_after() -> None:
    owner, calls = FakeOwner(), []
    beat = Heartbeat(owner)  # type: ignore[arg-type]

    def first() -> None:
        calls.append("first")
        beat.leave("second")  # a countdown reaching zero stops the other, say

    beat.join("first", first)
    beat.join("second", lambda: calls.append("second"))
    owner.timers[0].callback()
    assert calls == ["first"]


async def test_a_pane_leaves_the_heartbeat_when_the_app_closes(make_app, clock, data_dir) -> None:
    """The ice timer's tick runs on the App's heartbeat, alongside the database poll, and
    an unmounted pane is never called again."""
    from datetime import UTC

    from tui.store import Store
    from tui.store.ice import start_timer
    from tui.tabs.first_aid.pane import FirstAidPane

    start_timer(Store(data_dir), "ice", 900, clock.now(), UTC)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("2")
        for _ in range(100):
            await pilot.pause(0.05)
            if app.query(FirstAidPane) and app.query_one(FirstAidPane).ticking:
                break
        pane = app.query_one(FirstAidPane)
        heartbeat = app.services.heartbeat
        assert pane in heartbeat and app in heartbeat  # the tick and the poll, one timer
        await pane.remove()
        assert pane not in heartbeat and app in heartbeat


def test_restarts_faster_than_a_beat_do_not_starve_the_other_members() -> None:
    """Drills keys pressed faster than once a second each re-phase the beat; the poll and
    the ice tick must still run about once a second meanwhile, not wait for the keys to
    stop."""
    now = [0.0]
    owner, calls = FakeOwner(), []
    beat = Heartbeat(owner, clock=lambda: now[0])  # type: ignore[arg-type]
    beat.join("poll", lambda: calls.append("poll"))
    beat.join("drills", lambda: calls.append("drills"), in_phase=True)
    for moment in (0.4, 0.8, 1.2, 1.6, 2.0, 2.4):  # a key every 0.4 s, no beat in between
        now[0] = moment
        beat.join("drills", lambda: calls.append("drills"), in_phase=True)
    assert calls == ["poll", "poll"]  # at 1.2 s and at 2.4 s, never the one re-phasing
    now[0] = 2.6
    beat.join("drills", lambda: calls.append("drills"), in_phase=True)
    assert calls == ["poll", "poll"]  # 0.2 s after the last: not yet


def test_relaxed_members_alone_beat_every_second_and_a_half() -> None:
    """The database poll alone wakes the app every 1.5 s; a countdown brings the beat to
    every second (in its phase), and when it stops the poll goes back to every 1.5 s."""
    owner, calls = FakeOwner(), []
    beat = Heartbeat(owner)  # type: ignore[arg-type]
    beat.join("poll", lambda: calls.append("poll"), relaxed=True)
    assert [t.interval for t in owner.timers] == [1.5] and beat.pace == 1.5
    beat.join("ice", lambda: calls.append("ice"), in_phase=True)
    assert [(t.interval, t.stopped) for t in owner.timers] == [(1.5, True), (1.0, False)]
    owner.timers[-1].callback()
    assert calls == ["poll", "ice"] and beat.pace == 1.0
    beat.join("drills", lambda: calls.append("drills"))  # same pace, not in phase: kept
    assert len(owner.timers) == 2
    beat.leave("ice")
    assert len(owner.timers) == 2 and beat.pace == 1.0  # drills still needs every second
    beat.leave("drills")
    assert [(t.interval, t.stopped) for t in owner.timers][1:] == [(1.0, True), (1.5, False)]
    owner.timers[-1].callback()
    assert calls == ["poll", "ice", "poll"] and beat.pace == 1.5
    beat.leave("poll")
    assert not beat.running and beat.pace is None and owner.timers[-1].stopped


def test_a_member_joining_without_relaxed_speeds_the_beat_up() -> None:
    """Not in phase either: a member that needs every second gets it at once, and the
    relaxed ones are called first if their beat is due by the new pace."""
    now = [0.0]
    owner, calls = FakeOwner(), []
    beat = Heartbeat(owner, clock=lambda: now[0])  # type: ignore[arg-type]
    beat.join("poll", lambda: calls.append("poll"), relaxed=True)
    now[0] = 1.5
    beat.join("ice", lambda: calls.append("ice"))
    assert [(t.interval, t.stopped) for t in owner.timers] == [(1.5, True), (1.0, False)]
    assert calls == ["poll"]  # 1.5 s since the last beat: due at the new pace
    beat.join("ice", lambda: calls.append("ice"), relaxed=True)  # now content with 1.5 s
    assert [t.interval for t in owner.timers][-1] == 1.5 and beat.pace == 1.5
