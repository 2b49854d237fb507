"""The themes at 16 colours (TERM=xterm): nothing yellow or light grey on white."""

from __future__ import annotations

from rich.color import Color, ColorSystem

from tui.themes import FOOTPAIN_THEMES, footpain_themes

YELLOW, WHITE, BRIGHT_WHITE = 3, 7, 15
"""ANSI colour numbers that cannot be read on a white background."""


def sixteen(hex_colour: str) -> int:
    """The ANSI colour a terminal of 16 colours shows for this colour."""
    number = Color.parse(hex_colour).downgrade(ColorSystem.STANDARD).number
    assert number is not None
    return number


def test_light_theme_text_colours_are_readable_on_white_at_16_colours() -> None:
    """Issue 15: the running digits (accent), warnings, errors, primary and the muted grey
    (foreground at half strength, as inactive tabs are drawn) are none of yellow, light grey
    or white once downgraded to the terminal's sixteen."""
    light = footpain_themes("standard")["footpain-light"]
    assert sixteen(light.background) == BRIGHT_WHITE
    for name in ("primary", "accent", "warning", "error", "success", "foreground"):
        assert sixteen(getattr(light, name)) not in (YELLOW, WHITE, BRIGHT_WHITE), name
    fg, bg = Color.parse(light.foreground).triplet, Color.parse(light.background).triplet
    assert fg is not None and bg is not None
    muted = "#" + "".join(f"{(a + b) // 2:02x}" for a, b in zip(fg, bg, strict=True))
    assert sixteen(muted) not in (WHITE, BRIGHT_WHITE)


def test_other_colour_systems_keep_the_themes_as_designed() -> None:
    """At 256 colours and truecolor the themes are the ones in FOOTPAIN_THEMES; the dark
    theme's focused row is white on deep blue (it was dark grey on light blue)."""
    assert footpain_themes("256") is FOOTPAIN_THEMES
    assert footpain_themes("truecolor") is FOOTPAIN_THEMES
    dark = FOOTPAIN_THEMES["footpain-dark"]
    assert dark.variables["block-cursor-foreground"] == "#ffffff"
    assert sixteen(dark.variables["block-cursor-background"]) != sixteen("#ffffff")
