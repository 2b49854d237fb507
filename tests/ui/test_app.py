"""The app shell: tabs by number, help, settings, theme, palette."""

from __future__ import annotations

import tomllib

from textual.widgets import Input, TabbedContent

from tui.screens.help import HelpModal
from tui.screens.settings import SettingsModal


async def test_number_keys_switch_tabs(make_app) -> None:
    """Keys 1-4 show Triage, First aid, Drills and Log."""
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        tabs = app.query_one(TabbedContent)
        assert tabs.active == "triage"
        for key, tab in (("2", "first-aid"), ("3", "drills"), ("4", "log"), ("1", "triage")):
            await pilot.press(key)
            await pilot.pause()
            assert tabs.active == tab


async def test_help_lists_every_app_binding(make_app) -> None:
    """? opens the keys screen, which names each global key; Esc closes it."""
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpModal)
        text = str(app.screen.query_one("#help-text").render())
        for word in ("Triage", "First aid", "Drills", "Log", "Settings", "Quit", "Ctrl+P"):
            assert word in text
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, HelpModal)


async def test_settings_refuse_bad_input_and_save_good(make_app, data_dir) -> None:
    """A nonsense ice length shows an error beside the field and saves nothing."""
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f2")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, SettingsModal)
        minutes = screen.query_one("#ice_minutes", Input)
        minutes.value = "45"
        await pilot.press("ctrl+s")
        await pilot.pause()
        error = screen.query_one("#ice_minutes-error")
        assert error.display and "20" in str(error.render())
        assert not (data_dir.parent / "config" / "settings.toml").exists()
        minutes.value = "12"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not isinstance(app.screen, SettingsModal)
    saved = tomllib.loads((data_dir.parent / "config" / "settings.toml").read_text())
    assert saved["ice_minutes"] == 12


async def test_theme_choice_persists(make_app, data_dir) -> None:
    """Cycling the theme is remembered by the next start."""
    app = make_app()
    async with app.run_test(size=(80, 24)):
        app.action_cycle_theme()
        assert app.theme == "footpain-light"
    again = make_app()
    async with again.run_test(size=(80, 24)):
        assert again.theme == "footpain-light"


async def test_animations_off_over_ssh(make_app) -> None:
    """With SSH_CONNECTION set and the default setting, nothing animates."""
    ssh = make_app(environ={"SSH_CONNECTION": "10.0.0.1 5000 10.0.0.2 22"})
    assert ssh.animation_level == "none"
    local = make_app(environ={})
    assert local.animation_level == "full"


async def test_corrupt_settings_are_kept_and_reported(make_app, data_dir) -> None:
    """An unreadable settings file is moved aside byte-for-byte and the user is told."""
    config = data_dir.parent / "config"
    config.mkdir(parents=True)
    bad = b"theme = \x00 not toml ["
    (config / "settings.toml").write_bytes(bad)
    app = make_app()
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await app.finish_start()  # settings are validated just after the first frame
        await pilot.pause()
        kept = list(config.glob("settings.toml.corrupt-*"))
        assert len(kept) == 1 and kept[0].read_bytes() == bad
        assert any("settings.toml" in n.message for n in app._notifications)


async def test_palette_offers_each_tab(make_app) -> None:
    """The command palette has a Go to entry for every tab."""
    app = make_app()
    async with app.run_test(size=(80, 24)):
        titles = [command.title for command in app.get_system_commands(app.screen)]
        for tab in ("Triage", "First aid", "Drills", "Log"):
            assert f"Go to {tab}" in titles


async def test_q_in_a_form_does_not_quit(make_app) -> None:
    """With the settings form open and a checkbox focused, q and 2 do nothing to the app."""
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f2")
        await pilot.pause()
        app.screen.query_one("#bell").focus()
        await pilot.press("q", "2")
        await pilot.pause()
        assert isinstance(app.screen, SettingsModal)
        assert app.is_running
        assert app.query_one(TabbedContent).active == "triage"


async def test_settings_open_with_a_visibly_focused_first_field(make_app) -> None:
    """Issue 15: F2 opens with the Theme dropdown focused, drawn on the primary colour (not
    one grey shade from the others), and the scrolling box is no Tab stop of its own."""
    from textual.widgets import Select

    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("f2")
        await pilot.pause()
        focused = app.screen.focused
        assert isinstance(focused, Select) and focused.id == "theme"
        current = focused.query_one("SelectCurrent")
        assert current.styles.background == app.current_theme.to_color_system().primary
        assert not app.screen.query_one("#settings-box").can_focus


async def test_a_settings_checkbox_says_on_or_off_without_colour(make_app) -> None:
    """Textual's Checkbox showed "X on" both ways, told apart by colour only (a walk under
    NO_COLOR found it): the switch reads "✓ on" when on and "off" with no tick when off."""
    from tui.widgets.tickbox import TickBox

    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f2")
        await pilot.pause()
        box = app.screen.query_one("#notifications", TickBox)

        def reads(value: bool) -> bool:
            text = str(box.render()).rstrip()
            return ("✓" in text and text.endswith(" on")) if value else (
                "✓" not in text and text.endswith(" off"))

        before = box.value
        assert reads(before)
        box.focus()
        await pilot.press("space")
        await pilot.pause()
        assert box.value is not before and reads(box.value)


async def test_wait_until_started_waits_for_the_journal_read_in_its_thread(
        make_app, monkeypatch) -> None:
    """`wait_until_started` returns once the hidden tabs are mounted and the journal read in
    its thread is in, however slow that read is; and also when the read fails."""
    import threading

    from tui.store import StoreError
    from tui.store.records import JournalSource
    from tui.tabs.drills.pane import DrillsPane

    release = threading.Event()
    read = JournalSource.preload

    def slow_preload(self, warn=None) -> None:  # noqa: ANN001
        release.wait(5)
        read(self, warn)

    monkeypatch.setattr(JournalSource, "preload", slow_preload)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause(1.0)  # past the 0.6 s after which start-up goes on
        assert app.query(DrillsPane) and not app._started.is_set()
        release.set()
        await app.wait_until_started()
        assert app.journal_source.journal is not None

    for error in (StoreError("the disk went away"), ValueError("a bug")):
        def failing_preload(self, warn=None, error=error) -> None:  # noqa: ANN001
            raise error

        monkeypatch.setattr(JournalSource, "preload", failing_preload)
        app = make_app()
        async with app.run_test(size=(80, 24)):
            await app.wait_until_started()


async def test_wait_until_started_returns_when_the_app_stops_first(make_app) -> None:
    """An app that quits before start-up's deferred part (0.6 s) never finishes starting:
    the wait returns instead of hanging the test or the screenshots."""
    app = make_app()
    async with app.run_test(size=(80, 24)):
        app.exit()
        await app.wait_until_started()
    assert not app._started.is_set()
