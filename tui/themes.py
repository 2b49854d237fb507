"""The three footpain themes: dark (default), light and high-contrast.

Colours are picked to stay distinct at 256 colours (SSH forwards TERM, not COLORTERM) and
nothing in the app relies on colour alone: state also shows as a symbol or a word.
"""

from __future__ import annotations

from textual.theme import Theme

FOOTPAIN_THEMES: dict[str, Theme] = {
    "footpain-dark": Theme(
        name="footpain-dark",
        primary="#5fafff",
        secondary="#87afaf",
        accent="#ffaf5f",
        foreground="#e4e4e4",
        background="#1c1c1c",
        surface="#262626",
        panel="#303030",
        success="#87d787",
        warning="#ffd75f",
        error="#ff5f5f",
        dark=True,
    ),
    "footpain-light": Theme(
        name="footpain-light",
        primary="#005faf",
        secondary="#005f5f",
        accent="#af5f00",
        foreground="#1c1c1c",
        background="#ffffff",
        surface="#eeeeee",
        panel="#dadada",
        success="#005f00",
        warning="#875f00",
        error="#af0000",
        dark=False,
    ),
    "footpain-contrast": Theme(
        name="footpain-contrast",
        primary="#ffff00",
        secondary="#00ffff",
        accent="#ffffff",
        foreground="#ffffff",
        background="#000000",
        surface="#000000",
        panel="#121212",
        success="#00ff00",
        warning="#ffff00",
        error="#ff0000",
        dark=True,
    ),
}
