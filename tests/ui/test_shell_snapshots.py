"""Snapshots of the screens every tab shares: keys and settings, at 80x24."""

from __future__ import annotations


class TestShellScreens:
    """The modal screens over the Triage tab."""

    def test_keys_screen(self, snap_compare, make_app) -> None:
        """A bordered "Keys" box lists the global keys (1-4, ? / F1, F2, q, Ctrl+P) and
        each tab's keys under the tab's name, with "Esc to close" in the bottom border."""
        assert snap_compare(make_app(), terminal_size=(80, 24), press=["question_mark"])

    def test_settings_screen_with_an_error(self, snap_compare, make_app) -> None:
        """The settings form; the ice minutes field holds 45 and, below it, a message says
        it must be at most 20; nothing else is marked. The focus is on the first field, Theme,
        drawn bold on the primary colour (issue 15: it used to be one shade of grey)."""

        async def run_before(pilot) -> None:
            await pilot.pause()
            await pilot.press("f2")
            await pilot.pause()
            field = pilot.app.screen.query_one("#ice_minutes")
            field.value = "45"
            await pilot.press("ctrl+s")
            await pilot.pause()

        assert snap_compare(make_app(), terminal_size=(80, 24), run_before=run_before)
