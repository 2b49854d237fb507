"""Drills tab: the rehab routines and their steps."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Static

from tui.domain.content import routine_seconds
from tui.panes.base import Pane


class DrillsPane(Pane):
    """Each routine with its drills and total time."""

    def compose(self) -> ComposeResult:
        """One block per routine."""
        content = self.fp.content
        with VerticalScroll(can_focus=True):
            for routine in content.routines:
                minutes = round(routine_seconds(routine, content.drills) / 60)
                block = Text(f"{routine.name} (about {minutes} min, {routine.frequency})\n", "bold")
                for drill_id in routine.steps:
                    drill = content.drill(drill_id)
                    amount = f"{drill.reps} reps" if drill.reps else f"{drill.hold_seconds} s"
                    block.append(f"  • {drill.name}: {drill.sets} x {amount}: {drill.how}\n")
                yield Static(block)
