"""An OptionList that keeps its wrapped lines when its tab is shown again."""

from __future__ import annotations

from typing import Any

from textual import events
from textual.geometry import Size
from textual.widgets import OptionList


class SteadyOptionList(OptionList):
    """OptionList forgets its wrapped lines, and repaints, on every Resize event; a tab being
    shown again sends one to each of its widgets even when nothing changed size. Over SSH
    that was a second paint of the whole list on every switch to its tab."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._wrapped_for: Size | None = None

    def _on_resize(self, event: events.Resize) -> None:
        """Skip OptionList's cache clearing when the size is the one already wrapped for."""
        if event.size == self._wrapped_for:
            event.prevent_default()
        self._wrapped_for = event.size
