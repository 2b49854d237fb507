"""What a key press costs over SSH: no whole-screen repaints for a focus change, no list
re-wrapped when its tab is shown again, one Log tab however many ask for it."""

from __future__ import annotations

import asyncio

from textual import events
from textual.geometry import Size

from tui.screens.quiet import QuietModal, QuietScreen
from tui.tabs.log.pane import LogPane
from tui.widgets.checklist import CheckList


async def test_focus_changes_do_not_repaint_the_whole_screen(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, QuietScreen)
        calls: list[tuple] = []
        original = screen.refresh

        def counting(*args, **kwargs):
            calls.append((args, kwargs))
            return original(*args, **kwargs)

        screen.refresh = counting
        await pilot.press("2")
        await pilot.pause()
        assert app.focused is not None and app.focused.id == "pricer"
        assert calls == []


def test_every_modal_is_quiet() -> None:
    from tui.screens.choice import ChoiceModal
    from tui.screens.help import HelpModal
    from tui.screens.settings import SettingsModal
    from tui.tabs.log.entry_form import EntryFormModal
    from tui.tabs.log.fields import FieldsModal

    for screen in (ChoiceModal, FieldsModal, HelpModal, EntryFormModal,
                   SettingsModal):
        assert issubclass(screen, QuietModal), screen


async def test_a_list_shown_again_at_the_same_size_keeps_its_lines(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        flags = app.query_one("#flags-list", CheckList)
        cleared: list[bool] = []
        original = flags._clear_caches

        def counting() -> None:
            cleared.append(True)
            original()

        flags._clear_caches = counting
        size = flags.size
        flags.post_message(events.Resize(size, size, size))
        await pilot.pause()
        assert cleared == []
        wider = Size(size.width - 2, size.height)
        flags.post_message(events.Resize(wider, wider, wider))
        await pilot.pause()
        assert cleared == [True]


async def test_the_log_tab_is_mounted_once_when_first_opened(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await app.finish_start()
        assert not app.query(LogPane)  # not carried through a session spent elsewhere
        first, second = await asyncio.gather(app.pane("log"), app.pane("log"))
        assert first is second and len(app.query(LogPane)) == 1
        await pilot.pause()


async def test_the_keys_screen_mounts_every_tab(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("question_mark")
        await pilot.pause()
        assert len(app.query(LogPane)) == 1


async def test_an_unreadable_journal_at_start_up_does_not_stop_the_app(make_app, data_dir) -> None:
    """A database that cannot be opened (here: a folder in its place) leaves the app running."""
    data_dir.mkdir(parents=True, exist_ok=True)
    (data_dir / "footpain.db").mkdir()
    app = make_app()
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await app.finish_start()
        await pilot.pause(0.2)
        assert app.is_running
        for key in "321":  # every tab shown; the Log says the journal could not be read
            await pilot.press(key)
            await pilot.pause()
            assert app.is_running
        await pilot.press("4")
        await pilot.pause(0.2)
        assert app.is_running
        assert any("could not be read" in n.message for n in app._notifications)
