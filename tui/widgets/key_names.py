"""What a key is called on screen, and which character it types, found without Unicode's
name database.

Textual answers both by looking names up in `unicodedata`: `App.get_key_display` calls
`format_key` ("question_mark" -> "?"), and every time the focus moves, `Screen`'s binding
chain asks `key_to_character` about each key a widget could take as typed text. A lookup by
name probes the database's hash table and reads names out of it, so the fifty or so lookups of
a session touched 0.74 MiB of the module's pages, which then stay resident (1.9 % of the
bare Textual app's whole footprint; its own few keys touch 0.40 MiB).

The answers for the names Textual gives keys are fixed, so they are written down here: every
name in `textual.keys.Keys` without a modifier, and the names of the ASCII symbols.
`tests/ui/test_textual_contract.py` checks each one against Textual's own functions; a name
not here (a modifier, a non-ASCII character) goes to Textual as before.
"""

from __future__ import annotations

from textual.binding import Binding
from textual.keys import (
    KEY_DISPLAY_ALIASES,
    KEY_NAME_REPLACEMENTS,
    Keys,
    format_key,
    key_to_character,
)

SYMBOLS: dict[str, str] = {
    "exclamation_mark": "!", "quotation_mark": '"', "number_sign": "#", "dollar_sign": "$",
    "percent_sign": "%", "ampersand": "&", "apostrophe": "'", "left_parenthesis": "(",
    "right_parenthesis": ")", "asterisk": "*", "plus": "+", "comma": ",", "minus": "-",
    "full_stop": ".", "slash": "/", "colon": ":", "semicolon": ";", "less_than_sign": "<",
    "equals_sign": "=", "greater_than_sign": ">", "question_mark": "?", "at": "@",
    "left_square_bracket": "[", "backslash": "\\", "right_square_bracket": "]",
    "circumflex_accent": "^", "underscore": "_", "grave_accent": "`",
    "left_curly_bracket": "{", "vertical_line": "|", "right_curly_bracket": "}", "tilde": "~",
}
"""Textual's name for each printable ASCII symbol (a key bound as "?" is "question_mark")."""

NAMED_KEYS: frozenset[str] = frozenset(
    [key.value for key in Keys if "+" not in key.value] + list(SYMBOLS) + ["space"])
"""Every name these tables answer for."""

_CHARACTERS: dict[str, str] = {
    **{name: char for name, char in SYMBOLS.items()
       if name not in KEY_NAME_REPLACEMENTS.values()},
    "backspace": "\b", "delete": "\x7f", "escape": "\x1b", "space": " ", "tab": "\t",
}
"""`key_to_character` for the names that type one. Textual looks the six names it shortened
("slash" for "solidus", "at", "minus", ...) up as they are and finds nothing, so those type
no character there, and not here either."""


def key_glyph(key: str) -> str:
    """How the key bar shows a key without modifiers: Textual's `format_key`."""
    if len(key) == 1:
        return key
    if key in NAMED_KEYS:
        return KEY_DISPLAY_ALIASES.get(key) or SYMBOLS.get(key, key)
    return format_key(key)


def key_display(binding: Binding) -> str:
    """What `App.get_key_display` gives for a binding: its own `key_display` if it has one,
    else the key with "^" for ctrl and "+" between other modifiers."""
    if binding.key_display:
        return binding.key_display
    modifiers, key = binding.parse_key()
    key = key_glyph(key)
    if "ctrl" in modifiers:
        modifiers.remove("ctrl")
        key = f"^{key}"
    return "+".join([*modifiers, key])


def key_character(key: str) -> str | None:
    """The character a key types, as Textual's `key_to_character`: none with a modifier."""
    _, separator, name = key.rpartition("+")
    if separator:
        return None
    if len(name) == 1:
        return name
    if name in NAMED_KEYS:
        return _CHARACTERS.get(name)
    return key_to_character(name)
