"""The footer keeps no watchers of keys it has removed (Textual 8.2.8 leaks them)."""

from __future__ import annotations

from tui.widgets.footer import LeanFooter


async def test_tab_switches_leave_no_stale_footer_watchers(make_app) -> None:
    """After many tab switches the footer watches only the keys it shows now."""
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        for _ in range(8):
            for key in "2341":
                await pilot.press(key)
                await pilot.pause()
        footer = app.query_one(LeanFooter)
        watchers = getattr(footer, "__watchers", {}).get("compact", [])
        assert watchers, "the footer's keys should watch its compact setting"
        assert all(node.is_attached for node, _callback in watchers)
        assert len(watchers) <= len(footer.children)
