"""The ice timer's digits grow with the window (termdown's idea); 80x24 keeps 3 rows."""

from __future__ import annotations

from textual.widgets import Static

from tui.widgets.countdown import DigitRow, TickingDigits, big_face, face_scale


def test_the_scale_follows_the_window() -> None:
    assert face_scale(80, 24) == face_scale(119, 40) == face_scale(200, 31) == 1
    assert face_scale(120, 32) == face_scale(159, 60) == 2
    assert face_scale(160, 50) == 3


def test_the_block_font_is_five_pixels_high_and_scales() -> None:
    one = big_face("12:41", 1).splitlines()
    assert len(one) == 5 and max(len(line) for line in one) == (4 * 3 + 1 + 4) * 2
    two = big_face("12:41", 2).splitlines()
    assert len(two) == 10 and max(len(line) for line in two) == 2 * max(map(len, one))
    assert set("".join(two)) <= {"█", " "}


async def test_a_large_window_shows_the_big_face_and_a_small_one_the_digits(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(130, 40)) as pilot:
        await pilot.press("2", "i")
        await pilot.pause()
        face = app.query_one("#ice-timer .countdown-digits", TickingDigits)
        big = face.query_one(".-big", Static)
        assert face.scale == 2 and big.display
        assert len(str(big.render()).splitlines()) == 10
        rows = face.query(DigitRow)
        assert len(rows) == 2 and not any(d.display for d in rows)
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        assert face.scale == 1 and not big.display
        assert all(d.display for d in rows)
        assert face.value == app.query_one("#ice-timer .countdown-digits", TickingDigits).value
