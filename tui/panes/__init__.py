"""The four tab panes, in tab order: (tab id, title, pane class)."""

from __future__ import annotations

from tui.panes.base import Pane
from tui.panes.drills import DrillsPane
from tui.panes.first_aid import FirstAidPane
from tui.panes.log import LogPane
from tui.panes.triage import TriagePane

PANES: list[tuple[str, str, type[Pane]]] = [
    ("triage", "Triage", TriagePane),
    ("first-aid", "First aid", FirstAidPane),
    ("drills", "Drills", DrillsPane),
    ("log", "Log", LogPane),
]

__all__ = ["PANES", "Pane"]
