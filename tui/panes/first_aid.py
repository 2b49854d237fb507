"""First aid tab: the PRICER steps for today."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Static

from tui.panes.base import Pane


class FirstAidPane(Pane):
    """PRICER, what to avoid, and how to ice."""

    def compose(self) -> ComposeResult:
        """The PRICER steps and the avoid list."""
        aid = self.fp.content.first_aid
        with VerticalScroll(can_focus=True):
            steps = Text("PRICER\n", style="bold")
            for step in aid.steps:
                steps.append(f"  {step.letter}  {step.name}: ", style="bold")
                steps.append(f"{step.how}\n")
            yield Static(steps)
            avoid = Text("Avoid for the first 72 hours:\n", style="bold")
            for item in aid.avoid:
                avoid.append(f"  × {item.name}: {item.why}\n")
            yield Static(avoid)
            yield Static(Text(f"Ice: {aid.ice.note}"))
