"""`footpain ice start/stop` and `footpain status` on a fake clock, sharing ice.toml."""

from __future__ import annotations

from datetime import date

import pytest

from tests.datafiles import read_ice, read_journal
from tui.cli import main
from tui.domain.journal import Entry, Episode
from tui.store import Store
from tui.store.records import add_entry, start_episode


@pytest.fixture(autouse=True)
def _fake_clock(clock, monkeypatch: pytest.MonkeyPatch) -> None:
    """Both commands read the test's fake clock."""
    monkeypatch.setattr("tui.commands.ice.Clock", lambda: clock)
    monkeypatch.setattr("tui.commands.status.Clock", lambda: clock)


def status(capsys) -> str:
    """Run `footpain status` and return its one line."""
    assert main(["status"]) == 0
    out = capsys.readouterr().out
    assert out.count("\n") == 1
    return out.strip()


def test_start_status_stop_logs_one_entry(data_dir, clock, capsys) -> None:
    """Start 12 minutes, status shows time left, stop early logs a stopped-early entry."""
    assert main(["ice", "start", "--minutes", "12"]) == 0
    assert "until 09:12" in capsys.readouterr().out
    clock.advance(330)
    assert status(capsys).startswith("ice running, 06:30 left | drills not done today")
    assert main(["ice", "stop"]) == 0
    assert "stopped early after 5 minutes 30 seconds; logged." in capsys.readouterr().out
    journal = read_journal(data_dir)
    (entry,) = journal.entries
    assert entry.activity == "ice" and entry.completed is False and entry.duration_min == 5.5
    assert status(capsys).startswith("next ice due 11:35")
    assert main(["ice", "stop"]) == 1
    assert "no ice session" in capsys.readouterr().err


def test_ice_stopped_after_seconds_is_logged_but_not_counted(data_dir, clock, capsys) -> None:
    """Issue 15: 18 seconds of ice says so in seconds, and schedules nothing."""
    assert main(["ice", "start"]) == 0
    clock.advance(18)
    assert main(["ice", "stop"]) == 0
    out = capsys.readouterr().out
    assert "after 18 seconds; logged. Under 5 minutes, so not counted" in out
    assert status(capsys).startswith("ice: no session in the last 24 h")


@pytest.mark.parametrize("minutes", ["25", "4", "ten", "7.5", ""])
def test_bad_minutes_exit_2_and_write_nothing(data_dir, capsys, minutes) -> None:
    """Out-of-range or non-numeric minutes: a message, exit 2, no file."""
    assert main(["ice", "start", "--minutes", minutes]) == 2
    assert "5 to 20" in capsys.readouterr().err
    assert read_ice(data_dir).timer is None  # nothing was started


def test_second_start_is_refused(capsys) -> None:
    """One session at a time."""
    assert main(["ice", "start"]) == 0
    assert main(["ice", "start"]) == 1
    assert "already running (15:00 left)" in capsys.readouterr().err


def test_status_overdue_drills_and_onset(data_dir, clock, capsys) -> None:
    """A session that ended unseen counts for the schedule; drills and onset days show."""
    store = Store(data_dir)
    start_episode(store, Episode(started=date(2026, 3, 12)))
    add_entry(store, Entry(date=date(2026, 3, 14), activity="drills", completed=True))
    assert main(["ice", "start", "--minutes", "15"]) == 0
    capsys.readouterr()
    clock.advance(3 * 3600)
    line = status(capsys)
    assert line == "ice overdue since 11:45 | drills done today | 2 days since onset"
    assert read_ice(data_dir).timer is not None  # status only reads


def test_status_with_no_data(capsys) -> None:
    """A fresh data folder still gives one sensible line."""
    expected = "ice: no session in the last 24 h | drills not done today | no open injury episode"
    assert status(capsys) == expected


def test_status_during_quiet_hours_names_the_morning(clock, capsys) -> None:
    """A session ending 21:15 makes the next due at 07:00."""
    clock.advance(12 * 3600)
    assert main(["ice", "start"]) == 0
    clock.advance(15 * 60)
    capsys.readouterr()
    main(["ice", "stop"])
    capsys.readouterr()
    assert status(capsys).startswith("next ice due 07:00")


def test_tmux_format_is_short_and_coloured_only_while_a_timer_runs(data_dir, clock,
                                                                    capsys) -> None:
    """Issue 15: `status --format tmux` for tmux's status-right: nothing with no cycle,
    "#[fg=green]ice 14:50#[default]" while icing, red in the last minute, yellow paused,
    then "next ice 11:45" in plain text after the session."""
    def tmux() -> str:
        assert main(["status", "--format", "tmux"]) == 0
        out = capsys.readouterr().out
        assert out.count("\n") == 1
        return out.rstrip("\n")

    assert tmux() == ""
    assert main(["ice", "start"]) == 0
    clock.advance(10)
    capsys.readouterr()
    assert tmux() == "#[fg=green]ice 14:50#[default]"
    clock.advance(14 * 60 + 5)
    assert tmux() == "#[fg=red]ice 00:45#[default]"
    clock.advance(45)
    assert tmux() == "next ice 11:45"
    assert "#[" not in tmux()
