"""Screens whose focus changes repaint only the two widgets involved.

Textual's `Screen.focused` is a reactive that repaints the whole screen when it changes, on
top of restyling the widget that lost focus and the one that gained it. Over SSH that whole
screen is 4-5 KB for every tab switch (the focus moves into the new tab) and for every Tab
key in a form. The widgets involved already repaint themselves, so the screen need not.
"""

from __future__ import annotations

from typing import Any, TypeVar

from textual.reactive import Reactive
from textual.screen import ModalScreen, Screen
from textual.widget import Widget

from tui.widgets._textual_compat import narrow_compositor, quiet_focus

R = TypeVar("R")


class QuietScreen(Screen[R]):
    """A Screen that does not repaint all of itself when the focus moves, and whose
    partial updates render only the widgets under the change."""

    focused: Reactive[Widget | None] = quiet_focus()

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        narrow_compositor(self)

    def on_screen_resume(self) -> None:
        _key_bar_follows(self)


class QuietModal(ModalScreen[R]):
    """A ModalScreen that does not repaint all of itself when the focus moves, and whose
    keys the key bar shows while it is on top."""

    focused: Reactive[Widget | None] = quiet_focus()

    def on_screen_resume(self) -> None:
        _key_bar_follows(self)

    def on_screen_suspend(self) -> None:
        if len(self.app.screen_stack) > 1 and self.app.screen_stack[-1] is not self:
            _key_bar_follows(self.app.screen_stack[-1])
        else:
            _key_bar_follows(self.app.screen_stack[0])


def _key_bar_follows(screen: Screen) -> None:
    """Point the key bar (on the tabs' screen, under any dialog) at `screen`'s keys."""
    from tui.widgets.footer import KeyBar

    for bar in screen.app.screen_stack[0].query(KeyBar):
        bar.follow(screen)
