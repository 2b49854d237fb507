"""What the Drills tab asks before it starts, stops or drops a run (words only, no Textual).

Each question is shown by a `ChoiceModal`: the first choice is focused, each choice has a
key, and Esc gives "cancel". Names from routines.toml arrive here through `printable`.
"""

from __future__ import annotations

from typing import NamedTuple

from tui.domain.text import printable


class Question(NamedTuple):
    """A title, the question, its choices as (id, label, key), and the id that goes ahead."""

    title: str
    text: str
    choices: list[tuple[str, str, str]]
    go: str


def loading(warning: str | None) -> Question | None:
    """The caution before loading drills during a bone injury (the safe choice first)."""
    if warning is None:
        return None
    return Question("Careful: loading drills", warning,
                    [("cancel", "Not now", "n"), ("start", "Start anyway", "s")], "start")


def start_over(old_name: str | None, new_name: str) -> Question:
    """Starting a routine while another's unfinished run is saved."""
    old = printable(old_name) if old_name else "a routine"
    text = (f"An unfinished run of {old} is saved. Start {printable(new_name)} instead and "
            "discard it?")
    return Question("Start over?", text, [("start", "Start new", "s"),
                                          ("cancel", "Keep it", "k")], "start")


def resume(name: str, position: str, finished: bool) -> Question:
    """Carry on the run saved at `position` (or log it, if it was finished), discard it, or
    decide later."""
    if finished:
        text = f"You finished {printable(name)} but it is not in the log yet."
        go = ("resume", "Log it now", "y")
    else:
        text = f"{printable(name)} was left unfinished at {position}. Carry on from there?"
        go = ("resume", "Carry on", "c")
    return Question("Unfinished routine", text,
                    [go, ("discard", "Discard it", "d"), ("cancel", "Later", "l")], "resume")


STOP = Question(
    "Stop?", "Stop the routine now? The sets you did can still go in the log.",
    [("stop", "Stop", "s"), ("cancel", "Keep going", "k")], "stop",
)
DONT_LOG = Question(
    "Don't log?", "Leave this session out of the log? The streak will not count it.",
    [("discard", "Don't log", "d"), ("cancel", "Back to the form", "b")], "discard",
)
