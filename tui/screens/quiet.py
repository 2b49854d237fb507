"""Screens whose focus changes repaint only the two widgets involved.

Textual's `Screen.focused` is a reactive that repaints the whole screen when it changes, on
top of restyling the widget that lost focus and the one that gained it. Over SSH that whole
screen is 4-5 KB for every tab switch (the focus moves into the new tab) and for every Tab
key in a form. The widgets involved already repaint themselves, so the screen need not.
"""

from __future__ import annotations

from typing import TypeVar

from textual.reactive import Reactive
from textual.screen import ModalScreen, Screen
from textual.widget import Widget

from tui.widgets._textual_compat import quiet_focus

R = TypeVar("R")


class QuietScreen(Screen[R]):
    """A Screen that does not repaint all of itself when the focus moves."""

    focused: Reactive[Widget | None] = quiet_focus()


class QuietModal(ModalScreen[R]):
    """A ModalScreen that does not repaint all of itself when the focus moves."""

    focused: Reactive[Widget | None] = quiet_focus()
