"""Terminal escapes for desktop notifications and the window title (pure, no textual).

Textual has no API for either, so the app writes these strings through its driver, the way
Textual's own `copy_to_clipboard` writes OSC 52. Inside tmux (`$TMUX` set) a notification
only reaches the outer terminal wrapped in a DCS passthrough with every ESC doubled; tmux
also needs `set -g allow-passthrough on`. The title (OSC 2) is not wrapped: tmux keeps it
as the pane title and shows it where the user's tmux config asks.
"""

from __future__ import annotations

from collections.abc import Mapping

ESC = "\x1b"
BEL = "\x07"
PUSH_TITLE = f"{ESC}[22;0t"
"""Save the terminal's current title (xterm title stack; ignored where unsupported)."""
POP_TITLE = f"{ESC}[23;0t"
"""Restore the title saved by PUSH_TITLE."""


def _clean(text: str) -> str:
    """Drop control characters, which would end or corrupt the escape sequence."""
    return "".join(ch for ch in text if ch.isprintable())


def tmux_wrap(sequence: str) -> str:
    """Wrap an escape so tmux passes it through to the terminal outside."""
    return f"{ESC}Ptmux;{sequence.replace(ESC, ESC + ESC)}{ESC}\\"


def in_tmux(environ: Mapping[str, str]) -> bool:
    """Whether we run inside tmux."""
    return bool(environ.get("TMUX"))


def notification_escapes(title: str, body: str, environ: Mapping[str, str]) -> str:
    """OSC 777 (title and body) then OSC 9 (one line), wrapped for tmux when inside it."""
    title, body = _clean(title), _clean(body)
    sequences = [
        f"{ESC}]777;notify;{title.replace(';', ',')};{body}{BEL}",
        f"{ESC}]9;{title}: {body}{BEL}",
    ]
    if in_tmux(environ):
        sequences = [tmux_wrap(seq) for seq in sequences]
    return "".join(sequences)


def title_escape(title: str) -> str:
    """OSC 2: set the terminal window (or tmux pane) title."""
    return f"{ESC}]2;{_clean(title)}{BEL}"
