"""The four tab panes, in tab order, named by import path: a start-up trick, kept because
it was measured. Only the visible tab's module is imported before the first frame; importing
all four (the planner, warnings, the Log's forms and table...) cost ~130 ms more before it
(`python -X importtime`, December 2026), against a budget of 1.15x a bare Textual app.
The others are imported and mounted right after the first frame (`FootpainApp.pane`).
Textual's `Lazy` would need the pane instances, hence the imports, at compose time."""

from __future__ import annotations

import importlib

from tui.tabs.base import Pane

PANES: list[tuple[str, str, str]] = [
    ("triage", "Triage", "tui.tabs.triage.pane:TriagePane"),
    ("first-aid", "First aid", "tui.tabs.first_aid.pane:FirstAidPane"),
    ("drills", "Drills", "tui.tabs.drills.pane:DrillsPane"),
    ("log", "Log", "tui.tabs.log.pane:LogPane"),
]


MOUNTED_WHEN_OPENED = frozenset({"log"})
"""Tabs not mounted in the background after start-up, only when first opened. The Log tab
holds the whole journal (about 4 MiB for a year, with its table and views) and runs nothing
in the background, so a session spent icing or doing drills need not carry it."""


def pane_class(spec: str) -> type[Pane]:
    """Import and return the pane class named "module:Class"."""
    module, _, name = spec.partition(":")
    return getattr(importlib.import_module(module), name)


__all__ = ["MOUNTED_WHEN_OPENED", "PANES", "Pane", "pane_class"]
