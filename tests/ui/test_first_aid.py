"""The First aid tab: ice timer keys, zero alerts, restarts, reminders, PRICER ticks."""

from __future__ import annotations

from datetime import date, timedelta

from tests.datafiles import read_ice, read_journal, write_ice
from tui.domain.countdown import Countdown
from tui.domain.ice import IceState
from tui.domain.settings import Settings
from tui.screens.choice import ChoiceModal
from tui.store import Store
from tui.tabs.first_aid.pane import FirstAidPane
from tui.widgets.countdown import CountdownPanel, TickingDigits


def escapes_sent(monkeypatch) -> list[str]:  # noqa: ANN001
    """Everything the tab sends to the terminal as raw escapes (title, notifications)."""
    from tui.tabs.first_aid import signals

    written: list[str] = []
    monkeypatch.setattr(signals, "write_to_terminal",
                        lambda _app, sequence: written.append(sequence) or True)
    return written


def ice_entries(data_dir) -> list:
    """Ice entries in the journal on disk."""
    journal = read_journal(data_dir)
    return [e for e in journal.entries if e.activity == "ice"]


def pane_of(app) -> FirstAidPane:
    """The First aid pane."""
    return app.query_one(FirstAidPane)


def face(app) -> str:
    """What the big digits say."""
    return app.query_one("#ice-timer .countdown-digits", TickingDigits).value


def headline(app) -> str:
    """The line beside the digits."""
    return str(app.query_one("#ice-timer .countdown-headline").render())


async def open_tab(pilot) -> None:
    """Switch to First aid."""
    await pilot.press("2")
    await pilot.pause()


async def test_i_starts_ice_and_it_counts_from_the_clock(make_app, clock, data_dir) -> None:
    """i starts 15:00; after 5 min 20 s on the clock the digits say 09:40 and the end time."""
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_tab(pilot)
        assert face(app) == "15:00"
        await pilot.press("i")
        await pilot.pause()
        assert "until 09:15" in headline(app)
        assert pane_of(app).ticking
        clock.advance(320)
        pane_of(app)._tick()
        await pilot.pause()
        assert face(app) == "09:40"
        assert app.query_one(CountdownPanel).has_class("-running")
        await pilot.press("space")
        await pilot.pause()
        assert "paused" in headline(app) and not pane_of(app).ticking
        clock.advance(600)
        await pilot.press("space", "plus")
        await pilot.pause()
        assert face(app) == "10:40"
        await pilot.press("minus", "minus")
        await pilot.pause()
        assert face(app) == "08:40"
    state = read_ice(data_dir)
    assert state.timer is not None and not state.timer.paused


async def test_last_minute_is_marked_in_words(make_app, clock) -> None:
    """Under a minute left: a class and the words LAST MINUTE."""
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_tab(pilot)
        await pilot.press("i")
        clock.advance(14 * 60 + 5)
        pane_of(app)._tick()
        await pilot.pause()
        assert app.query_one(CountdownPanel).has_class("-last-minute")
        assert "LAST MINUTE" in headline(app)


async def test_zero_alerts_logs_once_and_stops_ticking(make_app, clock, data_dir,
                                                      monkeypatch) -> None:
    """At zero: toast, bell, OSC 777 and OSC 9 through the driver; one log entry; no ticker."""
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        written = escapes_sent(monkeypatch)
        bells: list[int] = []
        app.bell = lambda: bells.append(1)
        await open_tab(pilot)
        await pilot.press("i")
        await pilot.pause()
        assert any("\x1b]2;ice 15 min" in w for w in written)
        clock.advance(15 * 60)
        pane_of(app)._tick()
        pane_of(app)._tick()
        await pilot.pause()
        sent = "".join(written)
        assert "\x1b]777;notify;footpain: Ice done;" in sent
        assert "\x1b]9;footpain: Ice done: " in sent
        assert "\x1bPtmux" not in sent
        assert sent.endswith("\x1b]2;footpain\x07\x1b[23;0t")
        assert bells == [1]
        assert not pane_of(app).ticking
        assert "foot roll" in headline(app)
        assert any("Ice done" in (n.title or "") for n in app._notifications)
        assert pane_of(app)._ice.state.pricer_ticked(clock.today()) == {"ice"}  # issue 15
    (entry,) = ice_entries(data_dir)
    assert entry.completed is True and entry.duration_min == 15.0


async def test_ice_started_from_a_shell_shows_within_two_seconds(make_app, clock,
                                                                 data_dir) -> None:
    """Issue 15: `footpain ice start` in another shell shows in the open First aid tab through
    the app's own data poll (every 1.5 s when idle) and the tab's reload_data, not its 15 s
    check."""
    from datetime import UTC

    from tui.store.ice import start_timer, stop_timer

    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_tab(pilot)
        await pilot.pause(1.2)  # the app's first data poll only takes note
        start_timer(Store(data_dir), "ice", 600, clock.now(), UTC)
        await pilot.pause(1.8)
        assert face(app) == "10:00" and "until 09:10" in headline(app)
        stop_timer(Store(data_dir), clock.now(), UTC)
        await pilot.pause(1.8)
        assert pane_of(app)._ice.state.timer is None


async def test_ice_stopped_after_seconds_is_said_in_seconds(make_app, clock, data_dir) -> None:
    """Issue 15: 18 seconds of ice reads "18 seconds", with a notice that it is not counted."""
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_tab(pilot)
        await pilot.press("i")
        clock.advance(18)
        await pilot.press("x", "y")
        await pilot.pause()
        assert "stopped early after 18 seconds" in headline(app)
        assert any("not counted" in str(n.message) for n in app._notifications)


async def test_notifications_wrapped_under_tmux_and_absent_when_off(make_app, clock,
                                                                   monkeypatch) -> None:
    """With TMUX set the escapes are wrapped; with notifications off none are written."""
    app = make_app(environ={"TMUX": "/tmp/tmux-1/default,1,0"})
    async with app.run_test(size=(80, 24)) as pilot:
        written = escapes_sent(monkeypatch)
        await open_tab(pilot)
        await pilot.press("r")
        clock.advance(90)
        pane_of(app)._tick()
        await pilot.pause()
        assert "\x1bPtmux;\x1b\x1b]777;notify;" in "".join(written)
        assert "\x1bPtmux;\x1b\x1b]9;" in "".join(written)
    clock.advance(60)
    quiet = make_app()
    quiet.settings = Settings(notifications=False, bell=False)
    async with quiet.run_test(size=(80, 24)) as pilot:
        written.clear()
        await open_tab(pilot)
        await pilot.press("r")
        clock.advance(90)
        pane_of(quiet)._tick()
        await pilot.pause()
        assert "]777;" not in "".join(written) and "]9;" not in "".join(written)


async def test_x_asks_then_logs_stopped_early(make_app, clock, data_dir) -> None:
    """x asks, with its keys in the box; n, Esc and Enter (the focused "Keep going") keep it
    running; x then y stops it and logs it as stopped early."""
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_tab(pilot)
        await pilot.press("i")
        clock.advance(240)
        for keep in ("n", "escape", "enter"):
            await pilot.press("x")
            await pilot.pause()
            assert isinstance(app.screen, ChoiceModal)
            assert app.screen.focused is not None and app.screen.focused.id == "cancel"
            hint = str(app.screen.query_one("#choice-box").border_subtitle)
            assert hint == "n Keep going · y Stop it · Esc keep going"
            await pilot.press(keep)
            await pilot.pause()
            assert not isinstance(app.screen, ChoiceModal), keep
            assert pane_of(app)._ice.state.timer is not None, keep
        await pilot.press("x", "y")
        await pilot.pause()
        assert pane_of(app)._ice.state.timer is None
        assert "stopped early" in headline(app)
    (entry,) = ice_entries(data_dir)
    assert entry.completed is False and entry.duration_min == 4.0


async def test_restart_mid_session_shows_true_time_left(make_app, clock, data_dir) -> None:
    """Quit with 10 min left, return 4 min later: 06:00 and still counting."""
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_tab(pilot)
        await pilot.press("i")
        clock.advance(300)
    clock.advance(240)
    again = make_app()
    async with again.run_test(size=(80, 24)) as pilot:
        await open_tab(pilot)
        assert face(again) == "06:00"
        assert pane_of(again).ticking


async def test_ended_while_closed_is_shown_and_logged_once(make_app, clock, data_dir) -> None:
    """A session that ended while closed shows 'done at 09:15' and is logged once."""
    timer = Countdown.start("ice", 900, clock.now())
    write_ice(data_dir, IceState(timer=timer))
    clock.advance(20 * 60)
    shown = []
    for _ in range(2):
        app = make_app()
        async with app.run_test(size=(80, 24)) as pilot:
            await open_tab(pilot)
            assert not pane_of(app).ticking
            shown.append(headline(app))
    assert shown[0].startswith("✓ Ice done at 09:15")
    assert "Ice timer ready" in shown[1]
    assert len(ice_entries(data_dir)) == 1


async def test_paused_stays_paused_across_a_restart(make_app, clock, data_dir) -> None:
    """A paused session comes back paused with the same time left, and no ticker."""
    timer = Countdown.start("ice", 900, clock.now()).pause(clock.now() + timedelta(seconds=60))
    write_ice(data_dir, IceState(timer=timer))
    clock.advance(30 * 60)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_tab(pilot)
        assert face(app) == "14:00" and "paused" in headline(app)
        assert not pane_of(app).ticking


async def test_due_reminder_fires_once(make_app, clock, data_dir, monkeypatch) -> None:
    """2.5 h after a session the minute check reminds once, with bell and escapes."""
    write_ice(data_dir, IceState(last_ice_end=clock.now()))
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await app.pane("first-aid")  # mounted just after the first frame, or now
        written = escapes_sent(monkeypatch)
        pane = pane_of(app)
        clock.advance(2.5 * 3600 - 60)
        pane._poll()
        assert "]9;" not in "".join(written)
        clock.advance(60)
        pane._poll()
        clock.advance(60)
        pane._poll()
        await pilot.pause()
        assert "".join(written).count("]9;footpain: Time to ice") == 1


async def test_enter_ticks_pricer_for_today(make_app, clock, data_dir) -> None:
    """Enter on the first step ticks it ([✓]) and saves it for today."""
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_tab(pilot)
        await pilot.press("enter")
        await pilot.pause()
        assert "1 of 6 done" in str(app.query_one("#pricer-heading").render())
    state = read_ice(data_dir)
    assert state.pricer_ticked(date(2026, 3, 14)) == {"protection"}


class TestFirstAidSnapshots:
    """What the First aid tab looks like at 80x24 on a frozen clock."""

    def test_running_ice_timer(self, snap_compare, make_app, clock) -> None:
        """Big digits read 09:40, "▶ Ice on · until 09:15", a third of the bar filled,
        "Today 0 of 6 ice sessions", the first-72-hours line (episode started today), the
        red-flag line on top, the PRICER list below, and Pause and Stop in the footer."""
        from tui.domain.journal import Episode
        from tui.store.records import start_episode

        app = make_app()
        start_episode(app.store, Episode(started=date(2026, 3, 14)))

        async def run_before(pilot) -> None:
            await pilot.pause()
            await pilot.press("2", "i")
            await pilot.pause()
            clock.advance(320)
            pane_of(app)._tick()
            await pilot.pause()

        assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)

    def test_pricer_after_the_acute_window(self, snap_compare, make_app, clock, data_dir) -> None:
        """Idle digits 15:00 and "Ice timer ready", next due 10:45, "Past the first 72 h:
        rehab comes first now"; the checklist has Rehab first and Protection and Rest
        ticked ([✓], "2 of 6 done")."""
        from tui.domain.journal import Episode
        from tui.store.records import start_episode

        store = Store(data_dir)
        start_episode(store, Episode(started=date(2026, 3, 10)))
        write_ice(data_dir, IceState(
            last_ice_end=clock.now() - timedelta(minutes=45),
            pricer_day=date(2026, 3, 14), pricer_done=["protection", "rest"],
        ))
        app = make_app()

        async def run_before(pilot) -> None:
            await pilot.pause()
            await pilot.press("2")
            await pilot.pause()

        assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)


async def test_idle_tab_has_no_ticker_and_t_opens_triage(make_app) -> None:
    """Idle: no 1 Hz interval, Pause/Stop not offered; t jumps to the Triage tab."""
    from textual.widgets import TabbedContent

    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_tab(pilot)
        pane = pane_of(app)
        assert not pane.ticking and pane._poller is not None
        assert pane.check_action("toggle_pause", ()) is False
        await pilot.press("t")
        await pilot.pause()
        assert app.query_one(TabbedContent).active == "triage"


async def test_a_timer_started_from_the_shell_appears(make_app, clock, data_dir) -> None:
    """`footpain ice start` while the app is open: the next check shows it counting."""
    from datetime import UTC

    from tui.store.ice import start_timer

    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_tab(pilot)
        start_timer(Store(data_dir), "ice", 600, clock.now(), UTC)
        clock.advance(30)
        pane_of(app)._poll()
        await pilot.pause()
        assert face(app) == "09:30" and pane_of(app).ticking


async def test_tab_key_and_i_in_one_burst_start_the_ice(make_app) -> None:
    """"2i" arriving together (one SSH packet) still starts the timer on the new tab."""
    from textual import events

    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.post_message(events.Key("2", "2"))
        app.post_message(events.Key("i", "i"))
        await pilot.pause()
        await pilot.pause()
        assert pane_of(app)._ice.state.timer is not None
        assert face(app) == "15:00" and "until 09:15" in headline(app)


async def test_an_episode_started_in_the_log_reaches_first_aid(make_app, clock) -> None:
    """An episode started in the Log tab (mirrored in memory there) shows in First aid after
    the next poll, without a restart."""
    from datetime import date

    from tui.domain.journal import Episode
    from tui.store import records

    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_tab(pilot)
        app._poll_data()
        app.journal_source.load()
        app.journal_source.apply(records.episode_replaced(Episode(started=date(2026, 3, 13))))
        app._poll_data()
        await pilot.pause()
        pane = pane_of(app)
        assert pane._ice.journal.open_episode() is not None
        window_end, _done = pane._from_journal(clock.today(), clock.local_tz())
        assert window_end is not None  # the acute window was worked out again


async def test_a_running_timer_shows_in_the_header_on_every_other_tab(make_app, clock,
                                                                      data_dir) -> None:
    """Issue 15: "ice 14:59" in the header on Triage, Drills and Log, from the clock; not on
    First aid (its big digits show it); gone when the timer stops."""
    from datetime import UTC

    from textual.widgets import Header

    from tui.store.ice import start_timer

    def header(app) -> str:
        return str(app.query_one(Header).query_one("HeaderTitle").render())

    start_timer(Store(data_dir), "ice", 900, clock.now(), UTC)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        for _ in range(100):  # First aid mounts just after the first frame (later when busy)
            await pilot.pause(0.1)
            if app.query(FirstAidPane) and pane_of(app).is_mounted:  # its on_mount has run
                break
        clock.advance(61.5)
        pane_of(app)._tick()
        await pilot.pause()
        assert "ice 13:59" in header(app)
        for key in ("3", "4"):
            await pilot.press(key)
            await pilot.pause()
            assert "ice 13:59" in header(app), key
        await pilot.press("2")
        await pilot.pause()
        assert "ice" not in header(app) and "not a diagnosis" in header(app)
        await pilot.press("1")
        await pilot.pause()
        clock.advance(0.3)  # a tick that changes no second sends nothing
        pane, sent = pane_of(app), []
        tell = pane.services.timer_line  # the pane tells the App directly
        pane.services.timer_line = lambda text: sent.append(text) or tell(text)
        pane._tick()
        await pilot.pause()
        assert sent == [] and "ice 13:59" in header(app)
        clock.advance(1)
        pane._tick()
        await pilot.pause()
        assert len(sent) == 1 and "ice 13:58" in header(app)
        await pilot.press("2", "x", "y", "1")
        await pilot.pause()
        assert "ice" not in header(app)


def test_the_compact_line_says_what_runs_and_whether_it_is_paused(clock) -> None:
    """ "ice 12:41", "roll 01:30", "ice 10:00 paused"; nothing when idle."""
    from datetime import UTC

    from tui.tabs.first_aid.view import timer_view

    ice = IceState(timer=Countdown.start("ice", 761, clock.now()))
    assert timer_view(ice, Settings(), "", clock.now(), UTC).line == "ice 12:41"
    roll = IceState(timer=Countdown.start("roll", 90, clock.now()))
    assert timer_view(roll, Settings(), "", clock.now(), UTC).line == "roll 01:30"
    paused = IceState(timer=Countdown.start("ice", 600, clock.now()).pause(clock.now()))
    assert timer_view(paused, Settings(), "", clock.now(), UTC).line == "ice 10:00 paused"
    assert timer_view(IceState(), Settings(), "", clock.now(), UTC).line is None


async def test_pricer_keys_and_the_notes_below_it(make_app) -> None:
    """Issue 15: j/k move in the PRICER list; ↓ past the last step and PageDown scroll the
    guide to the notes (avoid for 72 hours, when to get seen) and PageUp back; the guide
    itself is no longer an invisible Tab stop."""
    from tui.tabs.first_aid.pricer import PricerList

    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_tab(pilot)
        pricer = app.query_one(PricerList)
        guide = app.query_one("#fa-guide")
        assert app.focused is pricer and pricer.highlighted == 0
        await pilot.press("j", "j")
        assert pricer.highlighted == 2
        await pilot.press("k")
        assert pricer.highlighted == 1
        await pilot.press("pagedown")
        await pilot.pause()
        assert pricer.highlighted == pricer.option_count - 1 and guide.scroll_y > 0
        await pilot.press("pageup")
        await pilot.pause()
        assert pricer.highlighted == 0 and guide.scroll_y == 0
        await pilot.press("end")
        await pilot.pause()
        before = guide.scroll_y
        await pilot.press("j", "j")
        await pilot.pause()
        assert guide.scroll_y > before
        assert not guide.can_focus


async def test_pricer_cursor_keeps_its_step_on_a_tick_and_goes_to_the_top_on_a_new_order(
        make_app, content) -> None:
    """A tick keeps the cursor on its step. When the order changes (the journal came in
    after the tab opened, and the first 72 hours are over), the cursor starts at the top
    instead of following its step down the list (seen in CI as a snapshot one step off)."""
    from tui.tabs.first_aid.pricer import PricerList
    from tui.tabs.first_aid.view import ordered_steps

    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_tab(pilot)
        pricer = app.query_one(PricerList)
        steps = content.first_aid.steps
        pricer.show_steps(ordered_steps(steps, acute=True), set())
        await pilot.press("j")
        assert pricer.highlighted_option.id == "rest"
        pricer.show_steps(ordered_steps(steps, acute=True), {"protection"})
        assert pricer.highlighted_option.id == "rest"
        pricer.show_steps(ordered_steps(steps, acute=False), {"protection"})
        assert pricer.highlighted == 0 and pricer.highlighted_option.id == "rehab"


def test_a_timer_line_that_arrives_while_the_app_closes_is_ignored(make_app) -> None:
    """A tick's timer line can reach the App after its screens are gone (quitting while the
    ice timer runs); it must not stop the app on an IndexError (seen in CI)."""
    app = make_app()
    assert not app.screen_stack  # not running: no screens, as after the last one closed
    app.services.timer_line("ice 12:00")
    assert app._timer_text == "ice 12:00"
    app._keep_focus_in(None)  # type: ignore[arg-type]  # a late after-refresh callback


async def test_a_tick_redraws_the_lines_below_the_digits_when_the_acute_window_ends(
        make_app, data_dir) -> None:
    """A tick redraws only the timer while nothing else moved, but the acute-window line and
    the checklist order follow the moment the first 72 hours end, mid-session."""
    from datetime import UTC, datetime

    from tui.domain.clock import FakeClock
    from tui.domain.journal import Episode
    from tui.store.records import start_episode

    clock = FakeClock(datetime(2026, 3, 13, 23, 59, 57, tzinfo=UTC))
    start_episode(Store(data_dir), Episode(started=date(2026, 3, 11)))  # ends at midnight

    def line2(app) -> str:
        return str(app.query_one("#ice-timer .countdown-line2").render())

    app = make_app(clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_tab(pilot)
        await pilot.press("i")
        await pilot.pause()
        pane = pane_of(app)
        assert pane.ticking and "rest, ice, no heat" in line2(app)
        assert pane._pricer._steps[0].id != "rehab"  # PRICER in order while acute
        clock.advance(1)
        pane._tick()
        await pilot.pause()
        assert face(app) == "14:59" and "rest, ice, no heat" in line2(app)
        clock.advance(3)
        pane._tick()
        await pilot.pause()
        assert face(app) == "14:56" and "Past the first 72 h" in line2(app)
        assert pane._pricer._steps[0].id == "rehab"  # afterwards Rehab comes first
