"""A small box for a whole number that lets letter keys through to the page around it.

Only digits can be typed, so n, b, q and the other single-letter keys keep working while
it has the focus (a plain Input would swallow them as text).
"""

from __future__ import annotations

from textual import events
from textual.widgets import Input


class NumberInput(Input):
    """An Input for a whole number; letters are keys for the page, not text."""

    def __init__(self, value: str = "", *, placeholder: str = "", id: str | None = None,
                 max_length: int = 3) -> None:
        super().__init__(value, placeholder=placeholder, id=id, max_length=max_length,
                         restrict=r"\d*", compact=True)

    def check_consume_key(self, key: str, character: str | None) -> bool:
        """Take digits only; every other printable key goes to the bindings."""
        return character is not None and character.isdigit()

    async def _on_key(self, event: events.Key) -> None:
        """A letter is not text here: skip Input's handler (prevent_default) and let the key
        bubble on to the page's bindings. Digits and editing keys go to Input as usual."""
        if event.is_printable and not (event.character or "").isdigit():
            event.prevent_default()
