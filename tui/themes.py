"""The three footpain themes: dark (default), light and high-contrast.

Colours are picked to stay distinct at 256 colours (SSH forwards TERM, not COLORTERM) and
nothing in the app relies on colour alone: state also shows as a symbol or a word. At 16
colours (TERM=xterm) each colour becomes the nearest of the terminal's sixteen, where every
brown turns yellow and every mid grey light grey: unreadable on white. `footpain_themes`
gives the light theme colours that land on black, blue, magenta, red and green there.
"""

from __future__ import annotations

from dataclasses import replace

from textual.theme import Theme

FOCUSED_ROW = {
    "block-cursor-background": "#005f87",
    "block-cursor-foreground": "#ffffff",
    "block-cursor-text-style": "bold",
}
"""The highlighted row of a focused list: white on deep blue (it was dark grey on light
blue); bright white on dark grey at 16 colours."""

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
        variables=FOCUSED_ROW,
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

SIXTEEN_COLOURS: dict[str, dict[str, str]] = {
    "footpain-light": {
        "primary": "#0000af",  # blue
        "secondary": "#005f00",  # green
        "accent": "#5f00af",  # magenta: the running digits (brown became yellow on white)
        "foreground": "#000000",  # so "muted" greys land on dark grey, not light grey
        "background": "#ffffff",
        "surface": "#ffffff",
        "panel": "#c0c0c0",
        "warning": "#870000",  # red: yellow on white cannot be read
        "error": "#af0000",
        "success": "#005f00",
    },
}
"""Colours for a terminal of 16 colours, by theme (the others read well as they are)."""


def footpain_themes(color_system: str | None) -> dict[str, Theme]:
    """The themes to register for a terminal with this colour system ("standard" is 16)."""
    if color_system != "standard":
        return FOOTPAIN_THEMES
    return {name: replace(theme, **SIXTEEN_COLOURS.get(name, {}))
            for name, theme in FOOTPAIN_THEMES.items()}
