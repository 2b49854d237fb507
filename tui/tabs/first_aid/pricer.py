"""The PRICER checklist: one line per step with a [✓] or [ ] box, Enter (or a click) ticks.

An OptionList rather than a SelectionList: SelectionList marks a choice by colour alone and
takes the space bar, which the First aid tab keeps for pausing the ice timer.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from tui.domain.content import FirstAidStep
from tui.widgets._textual_compat import SteadyOptionList


def step_prompt(step: FirstAidStep, done: bool) -> Text:
    """"[✓] P Protection: how" with the box in words-and-symbols, not colour."""
    text = Text("[✓] " if done else "[ ] ", style="bold" if done else "")
    text.append(f"{step.letter} {step.name}: ", style="bold")
    text.append(step.how, style="dim" if done else "")
    return text


class PricerList(SteadyOptionList):
    """The PRICER steps for today, in the order given; posts Toggled on Enter or click."""

    class Toggled(Message):
        """A step was ticked or unticked."""

        def __init__(self, step_id: str, done: bool) -> None:
            super().__init__()
            self.step_id = step_id
            self.done = done

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._steps: list[FirstAidStep] = []
        self._done: set[str] = set()

    def show_steps(self, steps: Sequence[FirstAidStep], done: set[str]) -> None:
        """Show these steps (rebuilding only when the order or ticks changed)."""
        if [s.id for s in steps] == [s.id for s in self._steps] and done == self._done:
            return
        highlighted = self.highlighted_option.id if self.highlighted_option else None
        self._steps, self._done = list(steps), set(done)
        self.set_options(Option(step_prompt(s, s.id in done), id=s.id) for s in steps)
        if highlighted is not None:
            self.highlighted = self.get_option_index(highlighted)
        elif self._steps:
            self.highlighted = 0

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        """Turn a selection into a tick or untick for the pane to save."""
        event.stop()
        step_id = event.option.id
        if step_id is not None:
            self.post_message(self.Toggled(step_id, step_id not in self._done))
