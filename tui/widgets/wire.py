"""What footpain sends to the terminal, squeezed: the same screen in fewer bytes.

Every byte Textual writes crosses the runner's SSH link. Textual paints a frame segment by
segment, and each segment is written as "set style, text, reset": `ESC[38;5;75;48;5;236m─ESC[0m`
followed by `ESC[38;5;75;48;5;236m──ESC[0m` for two pieces of one border. It also moves the
cursor to the start of every widget's piece of a line, even when the cursor is already there,
and ends each line with a newline that the next line's cursor move makes pointless. On a tab
switch that is about half of the bytes (issue 16: a switch to Drills wrote 10.7 KB).

`squeeze(frame)` rewrites one write of Textual's output so that a terminal ends up showing
exactly the same cells, colours and cursor position:

- a reset followed by the very style that was already in force is dropped, both halves;
- a reset followed by a different style becomes one sequence (`ESC[0;...m`, one escape not two);
- a cursor move to where the cursor already is is dropped;
- a newline directly followed by a cursor move is dropped.

It only trusts what it can know. The state (style in force, cursor position) starts unknown at
every write, so a frame never relies on an earlier one. The cursor is followed through text only
while every character is one the terminal draws one cell wide for certain: printable ASCII,
Latin-1 letters and signs, box drawing and block elements (the frame's borders and bars). Any
other character (an emoji, CJK, a combining accent), any control character and any escape the
squeezer does not know makes the cursor unknown, and the moves after it are kept. Unknown escapes
(titles, hyperlinks, modes) pass through untouched, after any deferred reset is written.

Plain Python: no Textual, no Rich. `tests/unit/test_wire.py` plays original and squeezed output
through a terminal emulator (pyte) and checks that the screens are identical.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from textual.driver import Driver

_RESET = "\x1b[0m"
_TOKEN = re.compile(
    r"\x1b\[(?P<params>[0-9;]*)(?P<final>[mH])"  # SGR or cursor position: understood
    r"|(?P<csi>\x1b\[[0-?]*[ -/]*[@-~])"  # any other CSI: passed through
    r"|(?P<osc>\x1b\][^\x07\x1b]*(?:\x07|\x1b\\))"  # OSC (title, hyperlink): passed through
    r"|(?P<esc>\x1b[ -~]?)"  # any other escape: passed through, state unknown
    r"|(?P<newline>\n)"
    r"|(?P<text>[^\x1b\n]+)"
)
_ONE_CELL = re.compile(r"[\x20-\x7e\xa0-\xac\xae-\xff\u2500-\u259f]*")
"""Text the terminal certainly draws one cell per character: printable ASCII, Latin-1 without
the soft hyphen, box drawing (U+2500-257F) and block elements (U+2580-259F)."""

_OFF = {1: 22, 2: 22, 3: 23, 4: 24, 21: 24, 5: 25, 6: 25, 7: 27, 8: 28, 9: 29,
        51: 54, 52: 54, 53: 55}
"""Each attribute Textual sets, and the SGR code that turns it off (22 turns off bold and dim
together, 24 both underlines, 54 frame and encircle)."""
_MARKS = frozenset({4, 7, 9, 21, 51, 52, 53})
"""Attributes that show on a blank cell: underlines, strike-through, frames, overline, reverse."""


class Style(NamedTuple):
    """The SGR state of a terminal: attributes, foreground, background (None = default)."""

    attrs: frozenset[int] = frozenset()
    fg: str | None = None
    bg: str | None = None

    def codes(self) -> str:
        """SGR parameters that set this state after a reset ("" for the plain state)."""
        return ";".join([*map(str, sorted(self.attrs)),
                         *(c for c in (self.fg, self.bg) if c is not None)])


PLAIN = Style()


def _colour(numbers: list[int], at: int) -> tuple[str, int] | None:
    """The extended colour whose 38 or 48 is numbers[at]: its codes and the index after it."""
    kind = numbers[at + 1] if at + 1 < len(numbers) else None
    end = at + 3 if kind == 5 else at + 5 if kind == 2 else len(numbers) + 1
    if end > len(numbers):
        return None
    return ";".join(map(str, numbers[at:end])), end


@lru_cache(maxsize=2048)  # a frame repeats a few dozen styles hundreds of times
def apply_sgr(style: Style | None, params: str) -> Style | None:
    """The state after `ESC[params m` from `style`; None when it cannot be known for sure."""
    try:
        numbers = [int(p) if p else 0 for p in params.split(";")]
    except ValueError:
        return None
    attrs = set(style.attrs) if style is not None else set()
    fg, bg = (style.fg, style.bg) if style is not None else (None, None)
    known = style is not None
    at = 0
    while at < len(numbers):
        n = numbers[at]
        at += 1
        if n == 0:
            attrs, fg, bg, known = set(), None, None, True
        elif n in _OFF:
            attrs.add(n)
        elif n in _OFF.values():
            attrs -= {a for a, off in _OFF.items() if off == n}
        elif 30 <= n <= 37 or 90 <= n <= 97:
            fg = str(n)
        elif 40 <= n <= 47 or 100 <= n <= 107:
            bg = str(n)
        elif n == 39:
            fg = None
        elif n == 49:
            bg = None
        elif n in (38, 48) and (colour := _colour(numbers, at - 1)) is not None:
            codes, at = colour
            fg, bg = (codes, bg) if n == 38 else (fg, codes)
        else:
            return None
    return Style(frozenset(attrs), fg, bg) if known else None


@lru_cache(maxsize=2048)
def change(now: Style | None, want: Style) -> str:
    """The shortest escape that takes the terminal from `now` to `want` ("" if none needed)."""
    if now == want:
        return ""
    codes = want.codes()
    from_reset = f"\x1b[0;{codes}m" if codes else _RESET
    if now is None:
        return from_reset
    offs = {_OFF[a] for a in now.attrs - want.attrs}
    again = {a for a in want.attrs if _OFF[a] in offs}  # 22 also took bold or dim away
    parts = [*map(str, sorted(offs)), *map(str, sorted((want.attrs - now.attrs) | again))]
    if want.fg != now.fg:
        parts.append(want.fg or "39")
    if want.bg != now.bg:
        parts.append(want.bg or "49")
    step = f"\x1b[{';'.join(parts)}m"
    return step if len(step) < len(from_reset) else from_reset


def _blank_alike(now: Style | None, want: Style) -> bool:
    """True when a run of spaces looks the same drawn in `now` as in `want`: same background,
    and nothing in either that marks a blank cell (underline, strike-through, reverse...)."""
    return (now is not None and now.bg == want.bg
            and not (now.attrs & _MARKS) and not (want.attrs & _MARKS))


_HARMLESS_MODES = frozenset({"?25h", "?25l", "?12h", "?12l", "?2026h", "?2026l", "?2004h",
                             "?2004l", "?1004h", "?1004l", *(f"?{m}{s}" for m in (
                                 1000, 1002, 1003, 1005, 1006, 1015) for s in "hl")})
"""Private modes that move no cursor and change no style: show or hide the cursor, synchronised
output (Textual wraps every frame in it), bracketed paste, focus and mouse reporting."""


class Squeezer:
    """Squeezes successive writes to one terminal, remembering the style in force between them.

    The cursor is forgotten at every write (a resize may have moved it); the style is kept, as
    this is the only writer and nothing else changes the style (a resize does not). Any escape
    not understood (other than a title or link) forgets both.
    """

    def __init__(self) -> None:
        """Nothing known about the terminal yet."""
        self.style: Style | None = None

    def __call__(self, frame: str) -> str:
        """The same screen as `frame`, in as few bytes as these safe rewrites allow."""
        out: list[str] = []
        emit = out.append
        now = want = self.style
        """The style written so far, and the one Textual's output asks for at this point
        (written when text needs it); None when the squeezer cannot be sure."""
        newline_due = False
        """A newline was read and not yet written (the next cursor move may make it unneeded)."""
        cursor: tuple[int, int] | None = None
        """(row, column), 1-based, or None when the squeezer cannot be sure."""

        def settle() -> None:
            """Bring the terminal to the wanted style, then write a deferred newline."""
            nonlocal now, newline_due, cursor
            if want is not None and want != now:
                emit(change(now, want))
                now = want
            if newline_due:
                emit("\n")
                newline_due, cursor = False, None

        for match in _TOKEN.finditer(frame):
            kind = match.lastgroup  # "final" for SGR and CUP, else the token's own group
            params, final = match.group("params", "final") if kind == "final" else ("", None)
            if final == "H" and params.count(";") <= 1:
                row, _, col = params.partition(";")
                target = (max(1, int(row or 1)), max(1, int(col or 1)))
                newline_due = False  # an absolute move makes a deferred newline pointless
                if cursor is not None and target == (cursor[0] + 1, 1):
                    emit("\r\n")
                elif cursor is not None and target[0] == cursor[0] and target[1] > cursor[1]:
                    emit(f"\x1b[{target[1] - cursor[1]}C")  # forward on the row: never past
                elif target != cursor:                    # the edge, so never wrong there
                    emit(match.group(0))
                cursor = target
            elif final == "m":
                wanted = apply_sgr(want, params)
                if wanted is None:  # on an unknown style, or a code not understood: as it is
                    settle()
                    emit(match.group(0))
                    now = None
                want = wanted
            elif kind == "text":
                text = match.group(0)
                if newline_due or want is None or not (
                        text.strip(" ") == "" and _blank_alike(now, want)):
                    settle()
                emit(text)
                if cursor is not None and _ONE_CELL.fullmatch(text):
                    cursor = (cursor[0], cursor[1] + len(text))
                else:
                    cursor = None
            elif kind == "newline":
                if newline_due:
                    settle()
                newline_due = True
            else:
                settle()
                token = match.group(0)
                emit(token)
                if kind != "osc" and token[2:] not in _HARMLESS_MODES:
                    cursor, now, want = None, None, None  # a screen switch, an erase...
        settle()
        self.style = now
        return "".join(out)


def squeeze(frame: str) -> str:
    """One write squeezed on its own, knowing nothing of the terminal before it."""
    return Squeezer()(frame)


def squeezing_driver(base: type[Driver]) -> type[Driver]:
    """A subclass of Textual's driver `base` whose every write goes through a `Squeezer`."""

    def write(self: Driver, data: str) -> None:
        squeezer = self.__dict__.get("_footpain_squeezer")
        if squeezer is None:
            squeezer = self.__dict__["_footpain_squeezer"] = Squeezer()
        base.write(self, squeezer(data))

    return type(f"Squeezed{base.__name__}", (base,), {"write": write, "__doc__": __doc__})
