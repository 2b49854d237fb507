"""A checkbox whose state reads without colour.

Textual's Checkbox draws the same "X" on and off and tells them apart by colour alone, so
under NO_COLOR (or to anyone who cannot tell the two colours apart) a setting's state was
unreadable. This one shows "✓ on" or "  off".
"""

from __future__ import annotations

from textual.widgets import Checkbox


class TickBox(Checkbox):
    """A Checkbox labelled "on" or "off", with a tick only when on."""

    def __init__(self, value: bool = False, **kwargs: object) -> None:
        super().__init__(self._word(value), value, **kwargs)  # type: ignore[arg-type]

    @staticmethod
    def _word(value: bool) -> str:
        return "on" if value else "off"

    @property
    def BUTTON_INNER(self) -> str:  # type: ignore[override]  # noqa: N802 - Textual's name
        """The glyph inside the box: a tick when on, a blank when off."""
        return "✓" if self.value else " "

    def watch_value(self) -> None:
        """Say the new state in words too, then let Checkbox post Changed."""
        self.label = self._word(self.value)
        super().watch_value()
