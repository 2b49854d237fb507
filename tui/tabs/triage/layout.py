"""The Triage tab's pages 2-8 as widgets, mounted just after the first frame.

What each page asks comes from `triage_pages`; this module only lays the pages out.
"""

from __future__ import annotations

from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widget import Widget
from textual.widgets import Static

from tui.domain.content import Content
from tui.domain.triage import Answers
from tui.tabs.triage import pages
from tui.tabs.triage.foot_map import FootMap
from tui.tabs.triage.number_input import NumberInput
from tui.widgets.checklist import CheckList


class ColumnPair(Horizontal):
    """Two checklists side by side; → / l and ← / h move between them, on the same row."""

    BINDINGS = [
        Binding("right,l", "column(1)", "Right-hand list (step 4)", show=False,
                id="triage.column_right"),
        Binding("left,h", "column(0)", "Left-hand list (step 4)", show=False,
                id="triage.column_left"),
    ]

    def action_column(self, index: int) -> None:
        """Focus the list in column `index`, on the row the other list's cursor was on."""
        lists = list(self.query(CheckList))
        target = lists[index]
        focused = self.screen.focused
        if focused is target or not isinstance(focused, CheckList):
            return
        row = focused.highlighted
        if row is not None and target.option_count:
            row = min(row, target.option_count - 1)
            enabled = [i for i in range(target.option_count)
                       if not target.get_option_at_index(i).disabled]  # headings are not
            if enabled:
                target.highlighted = min(enabled, key=lambda i: (abs(i - row), i > row))
        target.focus()


def later_pages(content: Content, age: int | None) -> list[Widget]:
    """Pages 2-8, hidden until shown; `age` fills the age box when it is remembered."""
    left, right = pages.feel_items(content)
    result: list[Widget] = [
        Vertical(
            Static("Did it start with an injury in the last ten days? If not, press n.",
                   classes="triage-hint"),
            CheckList(pages.injury_items(content, Answers()), id="injury-list"),
            id="step-injury",
        ),
        Vertical(
            FootMap({r.id: r.name for r in content.regions}, id="foot-map"),
            Static(id="where-picked", markup=False),
            id="step-where",
        ),
        ColumnPair(
            CheckList(left, id="feel-list"), CheckList(right, id="trigger-list"),
            id="step-feel",
        ),
        Vertical(
            Horizontal(
                Static("Pain now (0-10):", classes="number-label"),
                NumberInput(placeholder="0-10", id="pain-input", max_length=2),
                Static("Age:", classes="number-label"),
                NumberInput("" if age is None else str(age), placeholder="years",
                            id="age-input"),
                id="numbers-row",
            ),
            Static(pages.number_errors("", ""), id="numbers-error", markup=False),
            CheckList([], id="more-list"),
            id="step-more",
        ),
        VerticalScroll(
            Static(id="result-banner", markup=False),
            Static(id="result-body", markup=False),
            id="step-result", can_focus=True,
        ),
        Vertical(
            CheckList([(c.id, c.label) for c in content.causes], id="causes-list"),
            VerticalScroll(Static(id="causes-advice", markup=False),
                           id="causes-advice-scroll"),
            id="step-changes",
        ),
        VerticalScroll(
            Static(id="save-summary", markup=False),
            Static(id="save-status", markup=False),
            id="step-save", can_focus=True,
        ),
    ]
    for page in result:
        page.display = False  # the switcher shows one page; it hides only what it had
    return result
