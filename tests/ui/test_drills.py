"""The Drills tab: a routine run by keyboard on a fake clock, resume, pain gate, snapshots."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from tests.datafiles import journal_is_empty, read_journal, read_routine
from tui.domain.journal import Entry
from tui.screens.choice import ChoiceModal
from tui.store import Store
from tui.store.records import add_entry
from tui.tabs.drills.pane import DrillsPane
from tui.widgets.footer import KeyBar

SHORT_ROUTINE = """
schema_version = 1

[[routine]]
id = "quick_toes"
name = "Quick toes"
summary = "Two sets of toe yoga, for the test."
frequency = "daily"
lead_in_seconds = 5
steps = ["toe_yoga"]
"""


def _pane(app) -> DrillsPane:
    return app.query_one(DrillsPane)


def _player_text(app) -> str:
    return " ".join(str(w.render()) for w in app.query("#drills-player Static"))


def _write_user_routines(tmp_path, text: str = SHORT_ROUTINE) -> None:
    folder = tmp_path / "config"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "routines.toml").write_text(text)


async def _advance(pilot, clock, seconds: float) -> None:
    """Move the fake clock and let the pane read it, as its 1 s interval would."""
    clock.advance(seconds)
    _pane(pilot.app).tick()
    await pilot.pause()


async def test_short_routine_by_keyboard_ends_in_the_journal(
    make_app, tmp_path, clock, data_dir
) -> None:
    """Start, pause, done, that hurt, skip a rest, done, then pain scores: one journal entry."""
    _write_user_routines(tmp_path)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("3")
        await pilot.pause()
        pane = _pane(app)
        assert not pane.ticking  # idle overview: no refresh at all
        await pilot.press("end", "s")
        await pilot.pause()
        assert pane.mode == "run" and "GET READY" in _player_text(app) and pane.ticking
        await pilot.press("space")
        await pilot.pause()
        assert "PAUSED" in _player_text(app) and not pane.ticking
        await _advance(pilot, clock, 120)
        assert "GET READY" in _player_text(app)
        await pilot.press("space")
        await _advance(pilot, clock, 5)
        assert "REPS · Toe yoga · set 1 of 2" in _player_text(app)
        assert not pane.ticking  # an untimed set waits for d
        await pilot.press("d")
        await pilot.pause()
        assert "REST" in _player_text(app) and "Next: Toe yoga · set 2 of 2" in _player_text(app)
        await pilot.press("h")
        await pilot.pause()
        assert "Noted: Toe yoga hurt" in _player_text(app)
        await _advance(pilot, clock, 30)  # paused by "that hurt": not exercise
        await pilot.press("space", "n")  # skip the rest
        await pilot.pause()
        assert "set 2 of 2" in _player_text(app)
        await _advance(pilot, clock, 20)
        await pilot.press("d")
        await pilot.pause()
        assert pane.mode == "form"
        await pilot.press("1", "2")  # "12": refused beside the field
        await pilot.press("ctrl+s")
        await pilot.pause()
        error = app.query_one("#pain-before-error")
        assert error.display and "0 (none) to 10" in str(error.render())
        assert journal_is_empty(data_dir)
        app.query_one("#pain-before").value = "2"
        app.query_one("#pain-after").value = "3"
        app.query_one("#session-note").value = "fine [red]really"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert pane.mode == "overview"
        assert "Streak: 1 day in a row" in str(app.query_one("#drills-stats").render())
    journal = read_journal(data_dir)
    (entry,) = journal.entries
    assert entry.activity == "drills" and entry.routine == "quick_toes"
    assert entry.completed is True and entry.hurt_drills == ["toe_yoga"]
    assert (entry.pain_before, entry.pain_after, entry.note) == (2, 3, "fine [red]really")
    assert entry.started_at == clock.now() - timedelta(seconds=175)
    assert entry.duration_min == round(25 / 60, 1)  # pauses are not exercise
    assert read_routine(data_dir).routine_id == ""  # nothing left to resume


async def test_quit_mid_routine_offers_to_resume_at_the_same_set(make_app, clock) -> None:
    """Quit during set 2 of the hold routine; the next start offers it back, paused there."""
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("3")
        await pilot.pause()
        _pane(app).query_one("#drills-routines").highlighted = 1  # Before your first steps
        await pilot.press("s")
        await _advance(pilot, clock, 5 + 10 + 3 + 4)
        assert "HOLD · Sole stretch · set 2 of 10" in _player_text(app)
        await pilot.press("q")
    clock.advance(1800)
    again = make_app()
    async with again.run_test(size=(80, 24)) as pilot:
        await pilot.press("3")
        await pilot.pause()
        assert isinstance(again.screen, ChoiceModal)
        assert "Sole stretch, set 2 of 10" in again.screen.question
        await pilot.press("enter")
        await pilot.pause()
        text = _player_text(again)
        assert "PAUSED" in text and "set 2 of 10" in text and "0:10" not in text
        assert _pane(again).mode == "run" and not _pane(again).ticking


async def test_stop_asks_first(make_app, clock) -> None:
    """Esc asks; "Keep going" carries on; "Stop" goes to the form as not completed."""
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("3", "s")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ChoiceModal)
        await pilot.press("tab", "enter")  # Keep going
        await pilot.pause()
        assert _pane(app).mode == "run" and "running" in _player_text(app)
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("enter")  # Stop
        await pilot.pause()
        assert _pane(app).mode == "form"
        assert "Stopped early" in str(app.query_one("#form-summary").render())


async def test_esc_on_the_form_asks_before_leaving_the_session_out(make_app, clock,
                                                                  data_dir) -> None:
    """On the end form Esc is shown in the key bar and asks "Don't log?": Esc there goes back
    to the form as it was; Esc then d leaves the session out of the log and forgets the run."""
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("3", "s")
        await pilot.pause()
        await pilot.press("escape", "s")  # stop, by its key in the question
        await pilot.pause()
        assert _pane(app).mode == "form" and app.focused.id == "pain-before"
        shown = {(key.display, key.description) for key in app.query_one(KeyBar).keys}
        assert ("esc", "Don't log") in shown
        await pilot.press("3")  # a pain score, typed before the question
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ChoiceModal) and app.screen.title_text == "Don't log?"
        assert "Esc back to the form" in str(app.screen.query_one("#choice-box").border_subtitle)
        await pilot.press("escape")
        await pilot.pause()
        assert _pane(app).mode == "form" and app.query_one("#pain-before").value == "3"
        await pilot.press("escape", "d")
        await pilot.pause()
        assert _pane(app).mode == "overview"
        assert any(n.message == "Not logged." for n in app._notifications)
    assert journal_is_empty(data_dir)
    assert not read_routine(data_dir).active


async def test_pain_gate_eases_what_hurt_last_time(make_app, data_dir) -> None:
    """Calf raises hurt yesterday: the overview and the run both show them eased."""
    add_entry(Store(data_dir), Entry(date=date(2026, 3, 13), activity="drills",
                                     routine="morning_foot", hurt_drills=["calf_raise"]))
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("3")
        await pilot.pause()
        detail = str(app.query_one("#drills-detail-text").render())
        assert "! eased: fewer reps (10): it hurt last time" in detail
        await pilot.press("s")
        await pilot.pause()
        run = _pane(app).routine.run
        assert [s.drill.reps for s in run.steps if s.drill.id == "calf_raise"][-1] == 10
        assert "Eased today: Calf raises" in _player_text(app)


@pytest.mark.parametrize("bell_on", [True, False], ids=["bell", "no-bell"])
async def test_bell_at_three_two_one_and_halfway(make_app, tmp_path, clock, bell_on) -> None:
    """Get ready rings at 3-2-1; a 90 s foot roll at 45 s left and at 3-2-1; off means off."""
    _write_user_routines(tmp_path, SHORT_ROUTINE.replace('["toe_yoga"]', '["foot_roll"]'))
    rings: list[int] = []
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        app.bell = lambda: rings.append(1)
        app.settings = app.settings.model_copy(update={"bell": bell_on})
        await pilot.press("3", "end", "s")
        await pilot.pause()
        for _ in range(5 + 90):
            await _advance(pilot, clock, 1)
        assert len(rings) == (3 + 4 if bell_on else 0)
        assert _pane(app).mode == "form"


async def test_broken_user_routines_are_reported_and_builtins_still_work(
    make_app, tmp_path
) -> None:
    """A misspelt field in the user's file is named on screen; the four built-ins remain."""
    _write_user_routines(tmp_path, SHORT_ROUTINE.replace("steps =", "stepz ="))
    app = make_app()
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.press("3")
        await pilot.pause()
        error = str(app.query_one("#drills-user-error").render())
        assert "routines.toml" in error and "stepz" in error and "'steps'" in error
        assert app.query_one("#drills-routines").option_count == 4


async def test_highlight_drills_picks_the_best_routine(make_app) -> None:
    """Triage asks for Achilles drills: the Alfredson routine is chosen and marked ★."""
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("3")
        await pilot.pause()
        _pane(app).highlight_drills(["alfredson_straight", "alfredson_bent", "heel_drop"])
        await pilot.pause()
        assert _pane(app).query_one("#drills-routines").highlighted == 2
        detail = str(app.query_one("#drills-detail-text").render())
        assert "★1 Eccentric heel drop, knee straight" in detail


class TestDrillsSnapshots:
    """What the Drills tab looks like at 80x24 on a fixed clock."""

    def test_overview(self, snap_compare, make_app, data_dir) -> None:
        """The morning routine: a 2-day streak line, six drills with sets and rests, and
        calf raises marked "! eased" because they hurt in yesterday's session."""
        store = Store(data_dir)
        for day in (13, 12):
            add_entry(store, Entry(date=date(2026, 3, day), activity="drills",
                                   routine="morning_foot", hurt_drills=["calf_raise"]))
        assert snap_compare(make_app(), terminal_size=(80, 24), press=["3"])

    def test_hold_countdown(self, snap_compare, make_app, clock) -> None:
        """Sole stretch, set 1 of 10: big digits read 0:06, "hold steady", progress bar
        and time left at the top, the next drill line says it is the last drill."""

        async def run_before(pilot) -> None:
            await pilot.pause()
            await pilot.press("3")
            _pane(pilot.app).query_one("#drills-routines").highlighted = 1
            await pilot.press("s")
            await _advance(pilot, clock, 5 + 4)

        assert snap_compare(make_app(), terminal_size=(80, 24), run_before=run_before)

    def test_rest_shows_next_drill(self, snap_compare, make_app, clock) -> None:
        """A rest in towel scrunches: digits read 0:10, "Next: Towel scrunches · set 1 of 2 ·
        right foot" and "Then: Marble pickups"."""

        async def run_before(pilot) -> None:
            await pilot.pause()
            await pilot.press("3", "s")
            await _advance(pilot, clock, 5)
            await pilot.press("d")
            await _advance(pilot, clock, 5)

        assert snap_compare(make_app(), terminal_size=(80, 24), run_before=run_before)


async def test_palette_starts_the_morning_routine_and_help_lists_the_keys(make_app) -> None:
    """"Start morning routine" from the palette runs the default; ? lists every drills key."""
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        titles = [c.title for c in app.get_system_commands(app.screen)]
        assert "Start morning routine" in titles
        await app._run_pane_action("drills", "start_default")
        await pilot.pause()
        await pilot.pause()
        assert _pane(app).mode == "run" and "Morning foot routine" in _player_text(app)
        await pilot.press("question_mark")
        await pilot.pause()
        text = str(app.screen.query_one("#help-text").render())
        for words in ("Pause/resume", "Skip", "Back a step", "Repeat the set", "Set done",
                      "That hurt", "Stop", "Start"):
            assert words in text


async def test_leaving_the_tab_stays_left(make_app) -> None:
    """From the routine list or the form's buttons, 4 goes to the Log and stays there."""
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        tabs = app.query_one("#tabs")
        for _ in range(3):
            await pilot.press("3")
            await pilot.pause()
            await pilot.press("4")
            await pilot.pause()
            assert tabs.active == "log"
        await pilot.press("3", "s", "escape")
        await pilot.pause()
        await pilot.press("enter")  # stop: the form
        await pilot.pause()
        app.query_one("#form-save").focus()
        await pilot.pause()
        await pilot.press("4")
        await pilot.pause()
        assert tabs.active == "log"


async def test_loading_drills_ask_first_during_a_bone_injury(make_app, data_dir) -> None:
    """With an open stress-fracture episode, starting the morning routine (calf raises, heel
    drops) asks first; 'Not now' (focused) stays on the overview, 'Start anyway' starts it."""
    from tui.domain.journal import Episode
    from tui.store.records import start_episode

    start_episode(Store(data_dir), Episode(started=date(2026, 3, 10),
                                           condition="stress_fracture", kind="bone"))
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("3")
        await pilot.pause()
        await pilot.press("s")
        await pilot.pause()
        assert isinstance(app.screen, ChoiceModal)
        question = str(app.screen.query_one("#choice-question").render())
        assert "bone injury" in question and "Calf raises" in question
        await pilot.press("enter")  # the focused, safe choice: Not now
        await pilot.pause()
        assert _pane(app).mode == "overview"
        await pilot.press("s")
        await pilot.pause()
        await pilot.press("tab", "enter")  # Start anyway
        await pilot.pause()
        assert _pane(app).mode == "run"
