"""Triage tab: red flags first, then what the pain could be."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Static

from tui.panes.base import Pane


class TriagePane(Pane):
    """Red flags and the conditions footpain knows about."""

    def compose(self) -> ComposeResult:
        """The disclaimer, the urgent red flags and the known conditions."""
        content = self.fp.content
        with VerticalScroll(can_focus=True):
            yield Static(
                "General information, not a diagnosis. Red flags come first.",
                classes="disclaimer",
            )
            flags = Text("Get checked today if:\n", style="bold")
            for flag in content.red_flags:
                if flag.disposition == "urgent":
                    flags.append(f"  ! {flag.question}\n")
            yield Static(flags, classes="red-flags")
            known = Text("What runners' foot pain often is:\n", style="bold")
            for condition in content.conditions:
                known.append(f"  • {condition.name}: ", style="bold")
                known.append(f"{condition.summary}\n")
            yield Static(known)
