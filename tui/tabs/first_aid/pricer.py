"""The PRICER checklist: one line per step with a [✓] or [ ] box, Enter (or a click) ticks.

An OptionList rather than a SelectionList: SelectionList marks a choice by colour alone and
takes the space bar, which the First aid tab keeps for pausing the ice timer.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual.binding import Binding
from textual.containers import ScrollableContainer
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
    """The PRICER steps for today, in the order given; posts Toggled on Enter or click.

    The list sits in a scrolling guide with the notes (avoid for 72 hours, when to get seen)
    below it, and it is the guide's only Tab stop: ↓ / j past the last step, and PageDown /
    PageUp, scroll the guide so the notes can be read from the keyboard."""

    BINDINGS = [
        Binding("j", "cursor_down", "Next step (PRICER list)", show=False, id="pricer.down"),
        Binding("k", "cursor_up", "Previous step", show=False, id="pricer.up"),
        Binding("pagedown", "page_down", "Down a page, to the notes below", show=False,
                id="pricer.page_down"),
        Binding("pageup", "page_up", "Up a page", show=False, id="pricer.page_up"),
    ]

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
        """Show these steps (rebuilding only when the order or ticks changed). A tick keeps
        the cursor on its step; a new order (the first 72 hours are over, or the journal
        came in after the tab opened) is a new list, and the cursor starts at its top."""
        same_order = [s.id for s in steps] == [s.id for s in self._steps]
        if same_order and done == self._done:
            return
        highlighted = None
        if same_order and self.highlighted_option is not None:
            highlighted = self.highlighted_option.id
        self._steps, self._done = list(steps), set(done)
        self.set_options(Option(step_prompt(s, s.id in done), id=s.id) for s in steps)
        if highlighted is not None:
            self.highlighted = self.get_option_index(highlighted)
        elif self._steps:
            self.highlighted = 0

    def _guide(self) -> ScrollableContainer | None:
        """The scrolling area the list and the notes share, if any."""
        for ancestor in self.ancestors:
            if isinstance(ancestor, ScrollableContainer):
                return ancestor
        return None

    def action_cursor_down(self) -> None:
        """Next step; from the last step, scroll on through the notes below."""
        guide = self._guide()
        if guide is not None and self.highlighted == self.option_count - 1:
            guide.scroll_down(animate=False)
        else:
            super().action_cursor_down()

    def action_cursor_up(self) -> None:
        """Previous step; on the first step, scroll the guide back to the top."""
        guide = self._guide()
        if guide is not None and self.highlighted in (0, None):
            guide.scroll_up(animate=False)
        else:
            super().action_cursor_up()

    def action_page_down(self) -> None:
        """Scroll the guide a page down (into the notes); the cursor goes to the last step."""
        guide = self._guide()
        if guide is not None:
            guide.scroll_page_down(animate=False)
        if self.option_count:
            self.highlighted = self.option_count - 1

    def action_page_up(self) -> None:
        """Scroll the guide a page up; the cursor goes to the first step."""
        guide = self._guide()
        if guide is not None:
            guide.scroll_page_up(animate=False)
        if self.option_count:
            self.highlighted = 0

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        """Turn a selection into a tick or untick for the pane to save."""
        event.stop()
        step_id = event.option.id
        if step_id is not None:
            self.post_message(self.Toggled(step_id, step_id not in self._done))
