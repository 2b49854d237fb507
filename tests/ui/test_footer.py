"""The key bar: the keys that work where the focus is, redrawn in the same frame as a change."""

from __future__ import annotations

from tui.widgets.footer import KeyBar


def descriptions(app) -> list[str]:
    return [shown.description for shown in app.query_one(KeyBar).keys]


async def test_shows_the_keys_of_the_focused_tab(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert descriptions(app)[:2] == ["Tick", "Next"]
        assert descriptions(app)[-2:] == ["Help", "Quit"]
        await pilot.press("2")
        await pilot.pause()
        assert "Ice" in descriptions(app) and "Tick" not in descriptions(app)


async def test_one_key_per_action_and_the_palette_at_the_right(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        bar = app.query_one(KeyBar)
        assert descriptions(app).count("Help") == 1  # ? and F1 do the same
        line = bar.render().plain
        assert len(line) == 80 and line.rstrip().endswith("^p palette")
        assert bar.key_at(79 - len(" palette ")) is not None


async def test_narrow_terminal_drops_the_palette_key_rather_than_a_tab_key(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(40, 20)) as pilot:
        await pilot.pause()
        line = app.query_one(KeyBar).render().plain
        assert line.startswith(" space Tick ") and "palette" not in line


async def test_clicking_a_key_presses_it(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("2")
        await pilot.pause()
        bar = app.query_one(KeyBar)
        start = next(s for s, _e, shown in bar._spans if shown.description == "Help")
        await pilot.click(KeyBar, offset=(start + 1, 0))
        await pilot.pause()
        assert type(app.screen).__name__ == "HelpModal"


async def test_unchanged_keys_do_not_repaint(make_app) -> None:
    """Moving between two widgets with the same keys leaves the bar alone."""
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        bar = app.query_one(KeyBar)
        painted: list[int] = []
        original = bar.refresh

        def counting(*args, **kwargs):
            painted.append(1)
            return original(*args, **kwargs)

        bar.refresh = counting
        bar.bindings_changed(app.screen)
        assert painted == []
        await pilot.press("2")
        await pilot.pause()
        assert painted


async def test_a_dialog_shows_its_own_keys_in_the_key_bar(make_app) -> None:
    """While a dialog is on top, the key bar lists its keys (Save, Cancel), not the Log's
    under it; closing it brings the tab's keys back."""
    from tui.widgets.footer import KeyBar

    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("4")
        await pilot.pause()
        bar = app.query_one(KeyBar)
        assert "Add" in [k.description for k in bar.keys]
        await pilot.press("a")
        await pilot.pause()
        shown = [k.description for k in bar.keys]
        assert "Save" in shown and "Add" not in shown and "Quit" not in shown
        await pilot.press("escape")
        await pilot.pause()
        if len(app.screen_stack) > 1:  # asked whether to discard: answer so
            await pilot.press("escape")
            await pilot.pause()
        assert "Add" in [k.description for k in bar.keys]
