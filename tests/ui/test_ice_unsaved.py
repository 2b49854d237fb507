"""An ice timer the store cannot save (a full disk, a read-only folder) still runs: held in
memory, said once, saved as soon as a write works, and never lost or logged twice."""

from __future__ import annotations

import pytest

from tests.datafiles import read_ice, read_journal
from tui.store import Store, StoreError
from tui.store import state as state_module
from tui.tabs.first_aid.session import IceSession


@pytest.fixture
def disk(monkeypatch: pytest.MonkeyPatch) -> dict[str, bool]:
    """`disk["full"] = True` makes every state write fail as on a full disk."""
    flags = {"full": False}
    real_update, real_save = state_module.update_state, state_module.save_state

    def refuse(real):  # noqa: ANN001, ANN202
        def wrapped(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202
            if flags["full"]:
                raise StoreError("footpain.db: the disk is full; nothing was saved")
            return real(*args, **kwargs)
        return wrapped

    import tui.store.ice
    import tui.tabs.first_aid.session

    monkeypatch.setattr(tui.store.ice, "update_state", refuse(real_update))
    monkeypatch.setattr(tui.tabs.first_aid.session, "save_state", refuse(real_save))
    return flags


def test_a_timer_that_cannot_be_saved_runs_in_memory_and_is_saved_later(
    data_dir, clock, disk
) -> None:
    told: list[str] = []
    session = IceSession(Store(data_dir), clock, told.append)
    session.open()
    disk["full"] = True
    timer = session.start("ice", 600)
    assert timer is not None and session.state.timer == timer
    assert session.unsaved is not None and "disk is full" in session.unsaved
    assert len(told) == 1 and "lost if footpain closes" in told[0]
    assert read_ice(data_dir).timer is None  # nothing on disk yet

    clock.advance(120)
    session.reload_if_changed()  # what the database holds never replaces the held timer
    assert session.state.timer == timer
    session.change(lambda t: t.pause(clock.now()))
    assert session.state.timer is not None and session.state.timer.paused
    assert len(told) == 1  # said once, not on every change

    disk["full"] = False  # room again: the next change saves the whole state
    session.change(lambda t: t.resume(clock.now()))
    assert session.unsaved is None
    assert read_ice(data_dir).timer is not None and read_ice(data_dir).timer.id == timer.id
    assert told[-1] == "The ice timer is saved again."


def test_stopping_a_held_timer_logs_it_when_the_disk_has_room(data_dir, clock, disk) -> None:
    told: list[str] = []
    session = IceSession(Store(data_dir), clock, told.append)
    session.open()
    disk["full"] = True
    timer = session.start("ice", 600)
    assert timer is not None
    clock.advance(600)
    settled = session.stop(timer)
    assert settled is not None and settled.timer is not None and settled.entry is not None
    assert session.state.timer is None
    ice = [e for e in read_journal(data_dir).entries if e.activity == "ice"]
    assert [e.id for e in ice] == [timer.id]  # journal writes still work: logged once


def test_a_held_pricer_tick_is_kept(data_dir, clock, disk) -> None:
    session = IceSession(Store(data_dir), clock, lambda _m: None)
    session.open()
    disk["full"] = True
    session.tick_pricer("ice", True)
    assert "ice" in session.state.pricer_ticked(clock.today())
    disk["full"] = False
    session.tick_pricer("rest", True)
    assert read_ice(data_dir).pricer_ticked(clock.today()) == {"ice", "rest"}


async def test_the_first_aid_tab_says_the_timer_is_not_saved(make_app, disk) -> None:
    from textual.widgets import Static

    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("2")
        await pilot.pause()
        disk["full"] = True
        await pilot.press("i")
        await pilot.pause()
        pane = app.query_one("#first-aid-pane")
        assert pane._ice.state.timer is not None
        line = str(app.query_one(".countdown-line2", Static).render())
        assert "Not saved" in line
