"""Notification and title escapes: OSC 777 + OSC 9, tmux passthrough, no stray controls."""

from __future__ import annotations

from tui.notify import notification_escapes, title_escape, tmux_wrap


def test_plain_terminal_gets_osc_777_and_osc_9() -> None:
    """Outside tmux both sequences are sent as they are."""
    out = notification_escapes("footpain", "Ice done", {})
    assert out == "\x1b]777;notify;footpain;Ice done\x07\x1b]9;footpain: Ice done\x07"


def test_tmux_wraps_each_sequence_with_doubled_escapes() -> None:
    """Inside tmux each OSC is a DCS passthrough with ESC doubled."""
    out = notification_escapes("footpain", "Ice done", {"TMUX": "/tmp/tmux-1000/default,1,0"})
    assert out.startswith("\x1bPtmux;\x1b\x1b]777;notify;footpain;Ice done\x07\x1b\\")
    assert out.endswith("\x1bPtmux;\x1b\x1b]9;footpain: Ice done\x07\x1b\\")


def test_control_characters_and_separators_cannot_break_out() -> None:
    """A BEL or ESC in the text is dropped; a ';' in the OSC 777 title cannot add a field."""
    out = notification_escapes("a;b", "x\x07y\x1bz", {})
    assert out == "\x1b]777;notify;a,b;xyz\x07\x1b]9;a;b: xyz\x07"
    assert title_escape("12:00\nleft") == "\x1b]2;12:00left\x07"
    assert tmux_wrap("\x1b]2;t\x07") == "\x1bPtmux;\x1b\x1b]2;t\x07\x1b\\"
