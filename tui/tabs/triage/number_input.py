"""A small box for a whole number: only digits go in, Enter moves on.

Letters typed here are swallowed rather than run as keys (a stray `q` must not quit and lose
the answers); the page says "Enter goes on" beside it.
"""

from __future__ import annotations

from textual.widgets import Input


class NumberInput(Input):
    """An Input for a whole number (digits only)."""

    def __init__(self, value: str = "", *, placeholder: str = "", id: str | None = None,
                 max_length: int = 3) -> None:
        super().__init__(value, placeholder=placeholder, id=id, max_length=max_length,
                         restrict=r"\d*", compact=True)
