"""What a ticking timer redraws each second: only what a person sees change.

Over SSH every redrawn row is a row of bytes, so these count the widget updates one tick
causes (the bench in bench/ measures the bytes themselves).
"""

from __future__ import annotations

from collections import Counter

import pytest
from textual.widgets import Static

from tui.tabs.drills.pane import DrillsPane
from tui.tabs.drills.routine_player import minutes_left_text, progress_bar
from tui.tabs.first_aid.pane import FirstAidPane
from tui.widgets.countdown import DigitRow, ProgressLine, filled_cells


@pytest.fixture
def updates(monkeypatch: pytest.MonkeyPatch) -> Counter:
    """Count Static and digit updates by widget id (or first class), and layout passes."""
    seen: Counter = Counter()
    static_update, digits_update = Static.update, DigitRow.update

    def name(widget) -> str:
        return widget.id or next(iter(sorted(widget.classes)), type(widget).__name__)

    def counted_static(self, content="", *, layout: bool = True) -> None:
        seen[name(self)] += 1
        seen["layout"] += layout
        static_update(self, content, layout=layout)

    def counted_digits(self, value: str) -> None:
        seen[name(self)] += 1
        digits_update(self, value)

    monkeypatch.setattr(Static, "update", counted_static)
    monkeypatch.setattr(DigitRow, "update", counted_digits)
    return seen


async def test_a_hold_second_updates_the_digits_and_nothing_else(make_app, clock, updates):
    """Mid-hold, a tick changes the digits only: no title, step, how-to or layout pass."""
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("3")
        pane = app.query_one(DrillsPane)
        pane.query_one("#drills-routines").highlighted = 1  # sole stretch: 10 s holds
        await pilot.press("s")
        clock.advance(5 + 1)  # past the lead-in, one second into the first hold
        pane.tick()
        await pilot.pause()
        updates.clear()
        clock.advance(1)
        pane.tick()
        await pilot.pause()
        assert updates == Counter({"-last": 1})  # only the last glyph of the countdown
        updates.clear()
        clock.advance(0.4)  # the interval fired early: the display reads the same
        pane.tick()
        assert not +updates


async def test_a_tempo_cue_updates_in_place_without_layout(make_app, clock, updates):
    """In a tempo set the cue line changes every second, still without a layout pass."""
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("3")
        pane = app.query_one(DrillsPane)
        pane.query_one("#drills-routines").highlighted = 3  # heavy heel raises: 3-2-3 tempo
        await pilot.press("s")
        clock.advance(10 + 0.5)
        pane.tick()
        await pilot.pause()
        updates.clear()
        clock.advance(1)
        pane.tick()
        assert updates["player-cue"] == 1 and updates["layout"] == 0
        assert set(+updates) <= {"player-cue", "-lead", "-last", "player-progress"}


async def test_an_ice_second_updates_the_digits_only(make_app, clock, updates):
    """A running ice timer: the last glyph once a second, the rest once every ten seconds;
    the bar only when a cell fills."""
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("2", "i")
        pane = app.query_one(FirstAidPane)
        await pilot.pause()
        updates.clear()
        bar_updates = lead_updates = 0
        for _ in range(60):
            clock.advance(1)
            pane._tick()
            assert updates.pop("-last") == 1
            lead_updates += updates.pop("-lead", 0)
            bar_updates += updates.pop("countdown-bar", 0)
            assert not +updates, updates
        assert lead_updates == 6
        width = pane.query_one(".countdown-bar").size.width
        total = app.settings.ice_minutes * 60
        assert bar_updates == filled_cells(60 / total, width)  # once per whole cell


def test_progress_texts_change_rarely() -> None:
    """The drill bar moves per whole cell and the time left per minute."""
    assert progress_bar(0.0) == "░" * 24 and progress_bar(1.0) == "█" * 24
    assert progress_bar(0.5).count("█") == 12
    assert minutes_left_text(12 * 60 + 45) == "13 min left"
    assert minutes_left_text(12 * 60 + 10) == minutes_left_text(11 * 60 + 31) == "12 min left"
    assert minutes_left_text(59) == "under 1 min left"
    assert filled_cells(0.5, 62) == 31 and filled_cells(1.2, 10) == 10
    assert ProgressLine(-1).fraction == 0.0
