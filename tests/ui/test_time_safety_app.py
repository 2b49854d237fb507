"""Issue 13 in the app: a clock that goes back closes the timer as "clock changed" (First aid
and Drills), and a stored state with a naive date-time is set aside, not a crash."""

from __future__ import annotations

from datetime import timedelta

from tests.datafiles import database, read_ice, read_journal, read_routine, write_ice
from tui.domain.countdown import Countdown
from tui.domain.ice import IceState
from tui.tabs.drills.pane import DrillsPane
from tui.tabs.first_aid.pane import FirstAidPane


def headline(app) -> str:
    """The line beside the ice digits."""
    return str(app.query_one("#ice-timer .countdown-headline").render())


def face(app) -> str:
    """What the ice digits say."""
    return app.query_one("#ice-timer .countdown-digits").value


def stored_rows(data_dir) -> dict[str, str]:
    """Every row of the state table."""
    with database(data_dir).read() as con:
        return dict(con.execute("SELECT name, data FROM state").fetchall())


async def test_ice_timer_closes_unlogged_when_the_clock_goes_back(make_app, clock,
                                                                  data_dir) -> None:
    """Running 1 min, clock back an hour: the next tick shows "Clock changed", logs nothing,
    takes the timer off the clock and stops ticking; never 70:01."""
    app = make_app()
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.press("2", "i")
        await pilot.pause()
        pane = app.query_one(FirstAidPane)
        clock.advance(60)
        pane._tick()
        clock.set(clock.now() - timedelta(hours=1))
        pane._tick()
        await pilot.pause()
        assert "Clock changed" in headline(app) and "70:" not in face(app)
        assert not pane.ticking
        assert any("not logged" in n.message for n in app._notifications)
    assert read_ice(data_dir).timer is None
    assert read_journal(data_dir).entries == []


async def test_a_paused_timer_is_closed_by_the_minute_check(make_app, clock, data_dir) -> None:
    """Paused (no tick), clock back past the pause: the poll closes it."""
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("2", "i")
        clock.advance(120)
        await pilot.press("space")
        await pilot.pause()
        clock.set(clock.now() - timedelta(minutes=30))
        app.query_one(FirstAidPane)._poll()
        await pilot.pause()
        assert "Clock changed" in headline(app)
    assert read_ice(data_dir).timer is None and read_journal(data_dir).entries == []


async def test_opening_with_a_timer_from_the_future(make_app, clock, data_dir) -> None:
    """A timer stored by a clock an hour fast: closed on opening, and said so."""
    write_ice(data_dir, IceState(timer=Countdown.start("ice", 600,
                                                       clock.now() + timedelta(hours=1))))
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("2")
        await pilot.pause()
        assert "Clock changed" in headline(app)
    assert read_ice(data_dir).timer is None and read_journal(data_dir).entries == []


async def test_naive_ice_state_is_set_aside_and_the_tab_works(make_app, data_dir) -> None:
    """An ice state with a date-time without an offset: reported, kept as a corrupt row,
    and the First aid tab starts a timer as usual."""
    bad = '{"schema_version":1,"last_ice_end":"2026-03-14T08:00:00"}'
    with database(data_dir).write() as con:
        con.execute("INSERT INTO state (name, data) VALUES ('ice', ?)", (bad,))
    app = make_app()
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.press("2", "i")
        await pilot.pause()
        assert "Ice on" in headline(app)
        assert any("ice state could not be read" in n.message for n in app._notifications)
    (kept,) = [data for name, data in stored_rows(data_dir).items()
               if name.startswith("ice.corrupt-")]
    assert kept == bad
    assert read_ice(data_dir).timer is not None


async def test_naive_routine_state_is_set_aside(make_app, data_dir) -> None:
    """A saved drills run with a naive start: reported and kept; the Drills tab opens with
    nothing to resume."""
    bad = '{"routine_id":"morning_foot","started_at":"2026-03-14T08:00:00"}'
    with database(data_dir).write() as con:
        con.execute("INSERT INTO state (name, data) VALUES ('routine', ?)", (bad,))
    app = make_app()
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.press("3")
        await pilot.pause()
        assert app.query_one(DrillsPane).mode == "overview"
        assert any("routine state could not be read" in n.message for n in app._notifications)
    assert read_routine(data_dir).routine_id == ""
    assert bad in stored_rows(data_dir).values()


async def test_drills_stop_with_clock_changed_and_log_forwards(make_app, clock,
                                                               data_dir) -> None:
    """Clock back an hour during a timed step: the run stops, the form says why, and the
    session saved from it does not end before it starts."""
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("3", "s")
        await pilot.pause()
        pane = app.query_one(DrillsPane)
        clock.advance(3)
        pane.tick()
        clock.set(clock.now() - timedelta(hours=1))
        pane.tick()
        await pilot.pause()
        assert pane.mode == "form"
        assert "clock changed" in str(app.query_one("#form-summary").render())
        await pilot.press("ctrl+s")
        await pilot.pause()
    (entry,) = read_journal(data_dir).entries
    assert entry.ended_at >= entry.started_at and entry.completed is False
