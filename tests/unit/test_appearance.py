"""The theme and animation level the first frame is painted with, read without pydantic."""

from __future__ import annotations

import pytest

from tui.domain.appearance import ANIMATIONS, THEMES, animations_enabled, peek_appearance
from tui.domain.settings import Settings


def test_valid_choices_are_taken() -> None:
    look = peek_appearance({"theme": "footpain-contrast", "animations": "off", "bell": False})
    assert (look.theme, look.animations) == ("footpain-contrast", "off")


@pytest.mark.parametrize("data", [None, {}, {"theme": "neon", "animations": 3}, {"theme": 1}])
def test_anything_else_gives_the_defaults(data) -> None:
    assert peek_appearance(data) == (THEMES[0], ANIMATIONS[0])


def test_choices_match_the_settings_model() -> None:
    """The peek and the pydantic model agree on every choice and on the defaults."""
    for theme in THEMES:
        assert Settings(theme=theme).theme == theme
    for animations in ANIMATIONS:
        assert Settings(animations=animations).animations == animations
    assert (Settings().theme, Settings().animations) == peek_appearance(None)


@pytest.mark.parametrize(
    ("choice", "environ", "expected"),
    [("auto", {}, True), ("auto", {"SSH_CONNECTION": "a b c d"}, False),
     ("auto", {"SSH_TTY": "/dev/pts/1"}, False), ("on", {"SSH_TTY": "x"}, True),
     ("off", {}, False)],
)
def test_animations(choice, environ, expected) -> None:
    assert animations_enabled(choice, environ) is expected
