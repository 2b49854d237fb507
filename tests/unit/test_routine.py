"""The routine state machine, driven by a fake clock: plans, every key, and a restart."""

from __future__ import annotations

import tomllib

import tomli_w

from tui.domain.content import Drill, Routine, Tempo, drill_seconds, routine_seconds
from tui.domain.routine import RoutineRun, RoutineState
from tui.domain.routine_plan import (
    bell_marks,
    build_plan,
    ease_drill,
    plan_seconds,
    rings_between,
    tempo_cue,
)

SRC = ["test"]


def _drills() -> dict[str, Drill]:
    """A hold, a tempo drill, and an untimed per-side drill."""
    return {
        "hold": Drill(id="hold", name="Hold", how="h", sets=2, hold_seconds=20,
                      rest_seconds=5, sources=SRC),
        "tempo": Drill(id="tempo", name="Tempo", how="t", sets=1, reps=2,
                       tempo=Tempo(up=3, hold=2, down=3), rest_seconds=0, sources=SRC),
        "free": Drill(id="free", name="Free", how="f", sets=1, reps=10, rest_seconds=10,
                      per_side=True, sources=SRC),
    }


def _routine(steps=("hold", "tempo", "free")) -> Routine:
    return Routine(id="test_routine", name="Test", summary="s", frequency="daily",
                   lead_in_seconds=5, steps=list(steps))


def _kinds(run: RoutineRun) -> list[str]:
    return [f"{s.kind}:{s.drill.id}:{s.set_number}{s.side[:1]}" for s in run.steps]


def test_plan_has_lead_ins_sets_and_rests_in_order(clock) -> None:
    """Each drill: get ready, then sets with rests between them; per-side alternates feet."""
    run = RoutineRun(_routine(), _drills(), clock.now())
    assert _kinds(run) == [
        "lead_in:hold:1", "work:hold:1", "rest:hold:2", "work:hold:2",
        "lead_in:tempo:1", "work:tempo:1",
        "lead_in:free:1", "work:free:1l", "rest:free:1r", "work:free:1r",
    ]
    assert run.steps[5].seconds == 16  # 2 reps at 3+2+3
    assert run.steps[7].seconds is None  # untimed: ended by the done key


def test_plan_time_matches_the_content_estimate(content) -> None:
    """The player's total equals routine_seconds for every built-in routine."""
    for routine in content.routines:
        steps = build_plan(routine, content.drills_by_id)
        assert plan_seconds(steps) == routine_seconds(routine, content.drills)
        assert sum(s.estimate for s in steps if s.drill.id == routine.steps[0]) == (
            drill_seconds(content.drill(routine.steps[0])) + routine.lead_in_seconds
        )


def test_full_run_with_every_key(clock) -> None:
    """Lead-in, a hold with pause, skip, back, repeat, a tempo set, done, and the end."""
    run = RoutineRun(_routine(), _drills(), clock.now())
    assert run.step.kind == "lead_in" and run.remaining(clock.now()) == 5
    clock.advance(5)
    assert run.tick(clock.now()) and run.step.kind == "work"
    clock.advance(8)
    assert run.remaining(clock.now()) == 12
    run.pause(clock.now())
    clock.advance(300)  # a long pause costs nothing
    assert run.remaining(clock.now()) == 12
    assert not run.tick(clock.now())
    run.resume(clock.now())
    clock.advance(12)
    run.tick(clock.now())
    assert run.step.kind == "rest" and 1 in run.done_steps
    run.repeat(clock.now())  # during a rest: the set just done, again
    assert run.index == 1 and run.remaining(clock.now()) == 20
    run.skip(clock.now())  # skip to the rest
    assert run.step.kind == "rest"
    run.back(clock.now())
    assert run.index == 1
    clock.advance(20)
    run.tick(clock.now())
    run.skip(clock.now())  # skip the rest
    assert run.index == 3
    run.skip(clock.now())  # skip the second set: not done
    assert run.index == 4 and 3 not in run.done_steps
    clock.advance(5 + 7)
    run.tick(clock.now())
    cue = tempo_cue(run.step.drill.tempo, run.step.drill.reps, run.elapsed(clock.now()))
    assert (cue.rep, cue.phase, cue.phase_left) == (1, "down", 1)
    clock.advance(9)
    run.tick(clock.now())
    assert run.step.kind == "lead_in" and run.step.drill.id == "free"
    clock.advance(5)
    run.tick(clock.now())
    clock.advance(600)  # untimed: waits for the done key, however long
    assert not run.tick(clock.now()) and run.step.kind == "work"
    assert run.done(clock.now())
    assert run.step.kind == "rest" and run.next_work().side == "right"
    assert not run.done(clock.now())  # not a set
    clock.advance(10)
    run.tick(clock.now())
    assert run.done(clock.now())
    assert run.finished and not run.completed  # the second hold set was skipped
    assert run.time_left(clock.now()) == 0 and run.progress(clock.now()) == 1.0


def test_complete_when_every_set_is_done(clock) -> None:
    """A run with nothing skipped is complete; a run stopped early is not."""
    run = RoutineRun(_routine(("tempo",)), _drills(), clock.now())
    clock.advance(5 + 16)
    run.tick(clock.now())
    assert run.finished and run.completed
    assert run.ended_at == clock.now()
    stopped = RoutineRun(_routine(("tempo",)), _drills(), clock.now())
    clock.advance(3)
    stopped.stop(clock.now())
    assert stopped.finished and not stopped.completed


def test_tick_catches_up_after_a_stall(clock) -> None:
    """If no tick came for a minute, the run is where the clock says, not a tick behind."""
    run = RoutineRun(_routine(("hold",)), _drills(), clock.now())
    clock.advance(5 + 20 + 3)  # lead-in, first hold, 3 s into the rest
    assert run.tick(clock.now())
    assert run.step.kind == "rest" and run.remaining(clock.now()) == 2


def test_resume_after_restart_at_same_drill_and_set(clock) -> None:
    """Saved to TOML mid-set, restored later: same drill and set, paused, away time excluded."""
    run = RoutineRun(_routine(), _drills(), clock.now(), eased=["free"])
    clock.advance(5 + 20 + 5 + 7)  # into the second hold set
    run.tick(clock.now())
    run.hurt(clock.now())
    run.resume(clock.now())
    state = run.to_state(clock.now())
    text = tomli_w.dumps(state.model_dump(exclude_none=True))
    clock.advance(3600)  # the SSH link was down for an hour
    loaded = RoutineState.model_validate(tomllib.loads(text))
    again = RoutineRun.from_state(loaded, _routine(), _drills(), clock.now())
    assert again.index == 3 and again.step.set_number == 2 and again.step.drill.id == "hold"
    assert again.paused and again.remaining(clock.now()) == 20
    assert again.hurt_drills == ["hold"] and again.done_steps == {1}
    assert again.steps[-1].drill.reps == 6  # still eased
    clock.advance(10)
    again.resume(clock.now())
    clock.advance(20)
    again.tick(clock.now())
    assert again.step.drill.id == "tempo"
    assert 3590 < again.paused_seconds < 3610 + 10
    assert abs(again.active_seconds(clock.now()) - (37 + 20)) < 1


def test_restore_refuses_a_changed_routine(clock) -> None:
    """A saved position past the end of the (edited) routine is refused, not guessed."""
    state = RoutineState(routine_id="test_routine", started_at=clock.now(), step_index=40)
    try:
        RoutineRun.from_state(state, _routine(), _drills(), clock.now())
    except ValueError as error:
        assert "changed" in str(error)
    else:
        raise AssertionError("expected ValueError")


def test_easing_cuts_reps_and_holds() -> None:
    """An eased drill keeps about two thirds of the reps, or of the hold."""
    drills = _drills()
    assert ease_drill(drills["free"]).reps == 6
    assert ease_drill(drills["hold"]).hold_seconds == 13
    steps = build_plan(_routine(), drills, eased=["hold"])
    assert steps[1].eased and steps[1].seconds == 13 and not steps[5].eased


def test_tempo_cue_walks_through_phases() -> None:
    """3 s up, 2 s hold, 3 s down: the cue names the part and the seconds left in it."""
    tempo = Tempo(up=3, hold=2, down=3)
    assert tempo_cue(tempo, 12, 0).text(tempo) == "rep 1 of 12 · ▶ UP 3 · hold 2 · down 3"
    assert tempo_cue(tempo, 12, 3.5).phase == "hold"
    assert tempo_cue(tempo, 12, 8.2).rep == 2
    no_hold = Tempo(up=1, hold=0, down=3)
    assert tempo_cue(no_hold, 10, 1.5).text(no_hold) == "rep 1 of 10 · up 1 · ▶ DOWN 3"


def test_bell_rings_at_three_two_one_and_halfway_on_long_holds(clock) -> None:
    """A 20 s hold rings at 10, 3, 2, 1 s left; a tempo set never; a rest at 3-2-1."""
    run = RoutineRun(_routine(), _drills(), clock.now())
    hold, rest, tempo_set = run.steps[1], run.steps[2], run.steps[5]
    assert sorted(bell_marks(hold)) == [1.0, 2.0, 3.0, 10.0]
    assert bell_marks(rest) == [3.0, 2.0, 1.0]
    assert bell_marks(tempo_set) == []
    assert rings_between(hold, 10.4, 9.4) and not rings_between(hold, 9.4, 8.4)
    assert rings_between(rest, 3.2, 2.9)


def test_pause_before_the_end_is_not_exercise(clock) -> None:
    """Paused on the last set, then done: the pause is left out of the exercise time."""
    run = RoutineRun(_routine(("free",)), _drills(), clock.now())
    clock.advance(5)
    run.tick(clock.now())
    run.done(clock.now())
    clock.advance(10)
    run.tick(clock.now())
    run.pause(clock.now())
    clock.advance(100)
    run.done(clock.now())
    assert run.finished and run.active_seconds(clock.now()) == 15
