"""Issue 13, time: local times from zoneinfo per instant (a fixed-zone clock at a DST change),
and a wall clock that goes back: shown as "clock changed", closed, never logged backwards."""

from __future__ import annotations

import shutil
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from tests.datafiles import read_ice, read_journal, write_ice
from tui.cli import main
from tui.domain.clock import Clock, FakeClock, local_zone
from tui.domain.content import Drill, Routine
from tui.domain.countdown import Countdown
from tui.domain.drill_log import session_entry as drills_entry
from tui.domain.ice import IceState, acute_window_end, close_timer, next_due, session_entry, settle
from tui.domain.journal import Episode, Journal
from tui.domain.routine import RoutineRun
from tui.domain.settings import Settings
from tui.tabs.first_aid import view

try:
    LONDON = ZoneInfo("Europe/London")
    PARIS = ZoneInfo("Europe/Paris")
except Exception:  # pragma: no cover - a system without the IANA database
    pytest.skip("no IANA time zone database here", allow_module_level=True)

ZONEINFO = Path("/usr/share/zoneinfo")
BEFORE_SPRING = datetime(2026, 3, 29, 0, 55, tzinfo=UTC)
"""00:55 GMT on 29 March 2026: at 01:00 UTC the UK clocks go forward to 02:00 BST."""


# --- which zone ----------------------------------------------------------------------


@pytest.fixture
def system_link(tmp_path: Path) -> Path:
    """A stand-in for /etc/localtime: a symlink into a zoneinfo folder (Europe/Paris)."""
    if not (ZONEINFO / "Europe" / "Paris").is_file():
        pytest.skip("no /usr/share/zoneinfo")
    link = tmp_path / "localtime"
    link.symlink_to(ZONEINFO / "Europe" / "Paris")
    return link


@pytest.mark.parametrize("value", ["Europe/London", ":Europe/London",
                                   str(ZONEINFO / "Europe" / "London"),
                                   ":" + str(ZONEINFO / "posix" / "Europe" / "London")])
def test_tz_names_and_paths_give_the_named_zone(value: str, system_link: Path) -> None:
    """A name, a name after ':' and a path into a zoneinfo folder all give Europe/London."""
    if ":" + str(ZONEINFO / "posix") in value and not (ZONEINFO / "posix").is_dir():
        pytest.skip("no posix/ tree")
    zone = local_zone(value, system_link)
    assert isinstance(zone, ZoneInfo) and str(zone) == "Europe/London"


@pytest.mark.parametrize("value", [None, "", ":", "Not/AZone", "../../etc/passwd",
                                   "/no/such/file", "Europe", "\x1b]52;c;x\x07", ":/"])
def test_unset_empty_or_bad_tz_falls_back_to_the_system_zone(value, system_link) -> None:
    """No usable $TZ: the system zone, by the name its symlink shows; never an exception."""
    zone = local_zone(value, system_link)
    assert isinstance(zone, ZoneInfo) and str(zone) == "Europe/Paris"


def test_a_system_zone_copied_not_linked_is_read_from_the_file(tmp_path: Path) -> None:
    """/etc/localtime as a plain copy: read with ZoneInfo.from_file, offsets per instant."""
    if not (ZONEINFO / "Europe" / "London").is_file():
        pytest.skip("no /usr/share/zoneinfo")
    copy = tmp_path / "localtime"
    shutil.copyfile(ZONEINFO / "Europe" / "London", copy)
    zone = local_zone(None, copy)
    assert isinstance(zone, ZoneInfo)
    assert (BEFORE_SPRING + timedelta(minutes=10)).astimezone(zone).strftime("%H:%M") == "02:05"


def test_no_system_zone_at_all_is_utc(tmp_path: Path) -> None:
    """Nothing set and no /etc/localtime: UTC."""
    assert local_zone(None, tmp_path / "missing") is UTC
    assert local_zone("Bad/Name", tmp_path / "missing") is UTC


def test_a_posix_rule_in_tz_works_per_instant(system_link: Path) -> None:
    """TZ="CET-1CEST,M3.5.0,M10.5.0/3" (libc accepts it): winter +1, summer +2."""
    zone = local_zone("CET-1CEST,M3.5.0,M10.5.0/3", system_link)
    assert isinstance(zone, ZoneInfo)
    assert datetime(2026, 1, 1, tzinfo=UTC).astimezone(zone).utcoffset() == timedelta(hours=1)
    assert datetime(2026, 7, 1, tzinfo=UTC).astimezone(zone).utcoffset() == timedelta(hours=2)


def test_the_real_clock_reads_tz_and_caches_the_zone(monkeypatch) -> None:
    """Clock.local_tz() is a ZoneInfo for $TZ, the same object each time (cheap to ask)."""
    monkeypatch.setenv("TZ", "Europe/London")
    first = Clock().local_tz()
    assert isinstance(first, ZoneInfo) and str(first) == "Europe/London"
    assert Clock().local_tz() is first


# --- a fixed-zone clock at a DST change --------------------------------------------------


class RealClockAt(Clock):
    """The real Clock (zone from $TZ) frozen at one instant."""

    def __init__(self, when: datetime) -> None:
        self.when = when

    def now(self) -> datetime:
        """The frozen instant."""
        return self.when


@pytest.mark.parametrize("make_clock", [
    lambda: FakeClock(BEFORE_SPRING, tz=LONDON),
    lambda: RealClockAt(BEFORE_SPRING),
], ids=["fake-clock-london", "real-clock-tz-env"])
def test_ice_started_before_the_spring_change_ends_at_0205(
    make_clock, data_dir, monkeypatch, capsys
) -> None:
    """00:55 GMT + 10 min is 02:05 BST on the CLI, in the app's headline and in status."""
    monkeypatch.setenv("TZ", "Europe/London")
    clock = make_clock()
    monkeypatch.setattr("tui.commands.ice.Clock", lambda: clock)
    monkeypatch.setattr("tui.commands.status.Clock", lambda: clock)
    assert main(["ice", "start", "--minutes", "10"]) == 0
    assert "until 02:05" in capsys.readouterr().out
    state = read_ice(data_dir)
    shown = view.timer_view(state, Settings(), "", clock.now(), clock.local_tz())
    assert "until 02:05" in shown.headline


def test_next_due_and_quiet_hours_across_the_spring_change() -> None:
    """Last ice 23:30 GMT, 2 h gap: due 01:30 UTC (02:30 BST, in quiet hours), moved to the
    end of quiet hours, 07:00 *BST* (06:00 UTC), not 07:00 GMT."""
    settings = Settings(ice_gap_hours=2, quiet_start="22:00", quiet_end="07:00")
    last = datetime(2026, 3, 28, 23, 30, tzinfo=UTC)
    due = next_due(last, settings, LONDON)
    assert due == datetime(2026, 3, 29, 6, 0, tzinfo=UTC)
    assert view.hhmm(due, LONDON) == "07:00"


def test_status_shows_next_due_in_summer_time(data_dir, monkeypatch, capsys) -> None:
    """`footpain status` after the change: the due time in BST."""
    clock = FakeClock(datetime(2026, 3, 29, 8, 0, tzinfo=UTC), tz=LONDON)
    monkeypatch.setattr("tui.commands.status.Clock", lambda: clock)
    write_ice(data_dir, IceState(last_ice_end=datetime(2026, 3, 29, 7, 45, tzinfo=UTC)))
    assert main(["status"]) == 0
    assert capsys.readouterr().out.startswith("next ice due 11:15")  # 10:15 UTC + 1 h


def test_local_dates_follow_the_zone_per_instant() -> None:
    """23:30 UTC is still the same day in winter but the next day in summer (London)."""
    assert FakeClock(datetime(2026, 3, 28, 23, 30, tzinfo=UTC), tz=LONDON).today() == date(
        2026, 3, 28)
    assert FakeClock(datetime(2026, 6, 1, 23, 30, tzinfo=UTC), tz=LONDON).today() == date(
        2026, 6, 2)


def test_acute_window_is_72_real_hours_across_the_change() -> None:
    """From midnight GMT on 28 March: 72 real hours, ending 01:00 BST on 31 March."""
    journal = Journal(episodes=[Episode(started=date(2026, 3, 28))])
    end = acute_window_end(journal, 72, LONDON)
    assert end == datetime(2026, 3, 31, 0, 0, tzinfo=UTC)
    assert end.astimezone(LONDON).strftime("%a %H:%M") == "Tue 01:00"


def test_autumn_change_end_time_reads_the_second_0105() -> None:
    """25 Oct 2026, 00:55 UTC (01:55 BST) + 10 min: 01:05 GMT on the clock."""
    start = datetime(2026, 10, 25, 0, 55, tzinfo=UTC)
    timer = Countdown.start("ice", 600, start)
    assert view.hhmm(timer.deadline, LONDON) == "01:05"


# --- a clock that goes back -----------------------------------------------------------


def test_countdown_notices_the_clock_going_back(clock) -> None:
    """Back an hour after 1 min: "clock changed", and never more left than its length."""
    timer = Countdown.start("ice", 600, clock.now())
    clock.advance(60)
    assert not timer.clock_changed(clock.now())
    clock.set(clock.now() - timedelta(hours=1))
    assert timer.clock_changed(clock.now())
    assert timer.remaining(clock.now()) == 600  # not 70:01
    assert timer.ended_at(clock.now()) == timer.started_at


def test_a_small_step_back_is_not_a_clock_change(clock) -> None:
    """NTP nudging the clock back a second or two closes nothing."""
    timer = Countdown.start("ice", 600, clock.now())
    clock.set(clock.now() - timedelta(seconds=2))
    assert not timer.clock_changed(clock.now())


def test_more_left_than_its_length_after_a_pause_is_a_clock_change(clock) -> None:
    """Paused 30 min, resumed, then the clock goes back 20 min: the start is still in the
    past, but the time left (24 min) exceeds the 10-minute length."""
    timer = Countdown.start("ice", 600, clock.now())
    clock.advance(300)
    timer = timer.pause(clock.now())
    clock.advance(1800)
    timer = timer.resume(clock.now())
    clock.advance(60)
    clock.set(clock.now() - timedelta(minutes=20))
    assert clock.now() > timer.started_at
    assert timer.clock_changed(clock.now())


def test_a_pause_in_the_future_is_a_clock_change(clock) -> None:
    """Paused, then the clock goes back past the pause."""
    timer = Countdown.start("ice", 600, clock.now())
    clock.advance(120)
    timer = timer.pause(clock.now())
    clock.set(clock.now() - timedelta(minutes=1))
    assert timer.clock_changed(clock.now())


def test_settle_closes_it_unlogged_and_restarts_the_cycle_now(clock) -> None:
    """The restart rules close a clock-changed session with no entry; the cycle counts from
    now (a last end stored by the fast clock, in the future, is replaced)."""
    timer = Countdown.start("ice", 600, clock.now())
    state = IceState(timer=timer, last_ice_end=clock.now() - timedelta(minutes=5))
    clock.set(clock.now() - timedelta(hours=1))
    settled = settle(state, clock.now(), UTC)
    assert settled.outcome == "clock_changed" and settled.entry is None
    assert settled.state.timer is None and settled.state.last_ice_end == clock.now()
    stopped = close_timer(state, clock.now(), completed=False, tz=UTC)
    assert stopped.outcome == "clock_changed" and stopped.entry is None


def test_an_ice_entry_never_ends_before_it_starts(clock) -> None:
    """Even given an end before the start, the entry's end is its start (0 min)."""
    timer = Countdown.start("ice", 600, clock.now())
    entry = session_entry(timer, clock.now() - timedelta(hours=1), False, UTC)
    assert entry.ended_at == entry.started_at and entry.duration_min == 0


def test_cli_status_and_stop_after_the_clock_went_back(data_dir, clock, monkeypatch,
                                                       capsys) -> None:
    """status says "clock changed" (never 70:01); stop closes it, logs nothing, says why."""
    monkeypatch.setattr("tui.commands.ice.Clock", lambda: clock)
    monkeypatch.setattr("tui.commands.status.Clock", lambda: clock)
    assert main(["ice", "start", "--minutes", "10"]) == 0
    clock.advance(1)
    clock.set(clock.now() - timedelta(hours=1))
    capsys.readouterr()
    assert main(["status"]) == 0
    line = capsys.readouterr().out
    assert line.startswith("ice timer: clock changed, not logged") and "70:" not in line
    assert main(["ice", "stop"]) == 0
    assert "clock changed" in capsys.readouterr().out
    assert read_journal(data_dir).entries == []
    state = read_ice(data_dir)
    assert state.timer is None and state.last_ice_end == clock.now()


def test_cli_start_closes_a_clock_changed_timer_and_says_so(data_dir, clock, monkeypatch,
                                                            capsys) -> None:
    """A new `ice start` is not refused by a timer the clock went back on: it is closed
    (unlogged, with a note on stderr) and the new one starts."""
    monkeypatch.setattr("tui.commands.ice.Clock", lambda: clock)
    assert main(["ice", "start", "--minutes", "10"]) == 0
    old = read_ice(data_dir).timer
    clock.set(clock.now() - timedelta(hours=1))
    assert main(["ice", "start", "--minutes", "10"]) == 0
    out = capsys.readouterr()
    assert "clock changed" in out.err and "until 08:10" in out.out
    new = read_ice(data_dir).timer
    assert new is not None and old is not None and new.id != old.id
    assert read_journal(data_dir).entries == []


def test_view_shows_clock_changed_not_seventy_minutes(clock) -> None:
    """Between the clock going back and the next tick, the panel says so."""
    timer = Countdown.start("ice", 600, clock.now())
    clock.set(clock.now() - timedelta(hours=1))
    shown = view.timer_view(IceState(timer=timer), Settings(), "", clock.now(), UTC)
    assert "Clock changed" in shown.headline and shown.face == "--:--"
    settled = settle(IceState(timer=timer), clock.now(), UTC)
    headline, toast = view.restart_message(settled, UTC)
    assert "not logged" in headline and "not logged" in toast


def _routine() -> tuple[Routine, dict[str, Drill]]:
    drills = {"hold": Drill(id="hold", name="Hold", how="h", sets=2, hold_seconds=20,
                            rest_seconds=5, sources=["test"])}
    routine = Routine(id="r", name="R", summary="s", frequency="daily", lead_in_seconds=5,
                      steps=["hold"])
    return routine, drills


def test_drills_run_stops_when_the_clock_goes_back(clock) -> None:
    """tick notices the step starting in the future, stops the run early (sets done kept),
    and the entry ends no earlier than it started."""
    routine, drills = _routine()
    run = RoutineRun(routine, drills, clock.now())
    clock.advance(26)
    run.tick(clock.now())
    assert run.done_steps == {1}
    clock.set(clock.now() - timedelta(hours=1))
    assert run.remaining(clock.now()) is not None and run.remaining(clock.now()) <= 20
    assert run.tick(clock.now()) is True
    assert run.finished and run.stopped and run.stopped_by_clock
    assert run.ended_at is not None and run.ended_at >= run.started_at
    entry = drills_entry(run, clock.now(), UTC, pain_before=None, pain_after=None, note="")
    assert entry.ended_at >= entry.started_at and entry.duration_min >= 0
    assert entry.completed is False


def test_drills_small_step_back_carries_on(clock) -> None:
    """A second or two back is not a clock change."""
    routine, drills = _routine()
    run = RoutineRun(routine, drills, clock.now())
    clock.advance(3)
    clock.set(clock.now() - timedelta(seconds=2))
    run.tick(clock.now())
    assert not run.finished


def test_drills_entry_from_a_run_stopped_before_its_start(clock) -> None:
    """Stopping with the clock an hour behind the start: end clamped to the start."""
    routine, drills = _routine()
    run = RoutineRun(routine, drills, clock.now())
    run.stop(clock.now() - timedelta(hours=1))
    assert run.ended_at == run.started_at
    entry = drills_entry(run, clock.now() - timedelta(hours=1), UTC, pain_before=None,
                         pain_after=None, note="")
    assert entry.ended_at == entry.started_at and entry.duration_min == 0
