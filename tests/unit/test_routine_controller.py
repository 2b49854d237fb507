"""The Drills tab's RoutineController without any app: keys, the bell, saving and logging."""

from __future__ import annotations

from datetime import date

import pytest

from tests.datafiles import read_journal, read_routine
from tui.domain.content import Drill, Routine
from tui.domain.journal import Entry
from tui.store import Store
from tui.store.records import JournalSource, add_entry
from tui.tabs.drills.controller import RoutineController

SRC = ["test"]
DRILLS = {
    "hold": Drill(id="hold", name="Hold", how="h", sets=2, hold_seconds=20, rest_seconds=5,
                  sources=SRC),
    "free": Drill(id="free", name="Free", how="f", sets=1, reps=10, rest_seconds=10,
                  sources=SRC),
}
ROUTINE = Routine(id="test_routine", name="Test", summary="s", frequency="daily",
                  lead_in_seconds=5, steps=["hold", "free"])


@pytest.fixture
def warnings() -> list[str]:
    return []


@pytest.fixture
def controller(data_dir, tmp_path, clock, warnings) -> RoutineController:
    store = Store(data_dir, tmp_path / "config", warn=warnings.append)
    return RoutineController(store, clock, warnings.append,
                             JournalSource(store, today=clock.today), DRILLS, dict)


def test_begin_saves_the_run_and_keys_move_it(controller, clock, data_dir) -> None:
    controller.begin(ROUTINE)
    assert read_routine(data_dir).routine_id == "test_routine"
    assert controller.timed_running  # the lead-in counts down
    controller.skip()
    controller.done()  # a hold is a set: d ends it
    assert controller.status == "" and controller.run.done_steps == {1}
    controller.repeat()
    assert controller.status == "Again, from the top of the set."
    controller.pause()
    assert not controller.timed_running
    controller.after_change()
    assert read_routine(data_dir).paused_at == clock.now()


def test_d_outside_a_set_says_so_and_hurt_pauses(controller) -> None:
    controller.begin(ROUTINE)
    controller.done()  # the lead-in is not a set
    assert controller.status.startswith("d ends a set")
    controller.skip()
    controller.hurt()
    assert controller.run.paused and controller.run.hurt_drills == ["hold"]
    assert "Hold hurt" in controller.status


def test_tick_moves_on_and_rings_on_the_marks(controller, clock) -> None:
    controller.begin(ROUTINE)
    controller.after_change()
    clock.advance(1)
    assert controller.tick() == (False, False)  # 4 s of the lead-in left: no mark yet
    clock.advance(1)
    assert controller.tick() == (False, True)  # 3
    clock.advance(4)
    assert controller.tick().moved  # the lead-in is over: the first hold
    controller.run.stop(clock.now())
    assert controller.tick() is None  # nothing runs


def test_the_stop_question_pauses_and_keep_going_resumes(controller, clock) -> None:
    controller.begin(ROUTINE)
    assert controller.hold() is True and controller.run.paused
    controller.answer_stop(stop=False, was_running=True)
    assert controller.run.running
    controller.hold()
    controller.answer_stop(stop=True, was_running=True)
    assert controller.run.finished and controller.run.stopped


def test_log_writes_the_session_and_ends_the_saved_run(controller, clock, data_dir) -> None:
    controller.begin(ROUTINE)
    clock.advance(60)
    controller.run.stop(clock.now())
    controller.save()
    assert controller.log(pain_before=2, pain_after=3, note="fine")
    (entry,) = read_journal(data_dir).entries
    assert (entry.activity, entry.pain_after, entry.note) == ("drills", 3, "fine")
    assert controller.run is None and not read_routine(data_dir).active


def test_a_saved_run_comes_back_and_one_for_a_lost_routine_is_set_aside(
        controller, clock, warnings) -> None:
    controller.begin(ROUTINE)
    controller.skip()
    controller.after_change()  # what the pane does after every key
    controller.load_saved(lambda routine_id: routine_id == "test_routine")
    assert controller.saved.active
    run = controller.saved_run(ROUTINE)
    assert run.index == 1 and run.paused
    controller.load_saved(lambda routine_id: False)
    assert not controller.saved.active and "no longer exists" in warnings[-1]


def test_hurt_last_time_is_eased_and_said(controller, data_dir, clock) -> None:
    add_entry(controller.store, Entry(date=date(2026, 3, 13), activity="drills",
                                      routine="test_routine", hurt_drills=["hold"]))
    controller.begin(ROUTINE)
    assert controller.status == "! Eased today: Hold"
