"""What the Triage tab says, as rich Text built from engine results (no widgets here).

Kept apart from the pane so the wording can be read and tested in one place.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from rich.console import Group, RenderableType
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from tui.domain.content import Content
from tui.domain.triage import TriageResult

MARKS = {"self_care": "✓", "see_pro": "!", "urgent": "!!"}
"""A symbol per disposition, so the banner never relies on colour."""


def short_date(day: date) -> str:
    """14 Mar."""
    return f"{day.day} {day:%b}"


def urgent_text(result: TriageResult) -> Text:
    """The banner that sits above every step once an urgent answer is given."""
    text = Text("!! GET CHECKED TODAY", style="bold")
    urgent = [r for r in result.disposition_reasons if r.startswith(("Ottawa",))] + [
        r for r in result.disposition_reasons if not r.startswith("Ottawa")
    ]
    first = urgent[0] if urgent else ""
    text.append(f": {first}")
    more = len(result.disposition_reasons) - 1
    if more > 0:
        text.append(f" (+{more} more on the result page)")
    return text


def _indent(text: Text | str, left: int) -> Padding:
    """Text whose wrapped lines keep the indent (a hanging indent for lists)."""
    return Padding(text if isinstance(text, Text) else Text(text), (0, 0, 0, left))


def banner_text(result: TriageResult) -> Group:
    """The disposition banner on the result page, with every reason."""
    head = Text(f"{MARKS[result.disposition]} {result.title.upper()}", style="bold")
    return Group(head, *(_indent(f"• {r}", 2) for r in result.disposition_reasons))


def result_text(content: Content, result: TriageResult, limit: int = 3) -> Group:
    """Ranked conditions with what matched, what they are, what to do, when to see someone."""
    parts: list[RenderableType] = []
    if not result.conditions:
        parts.append(Text.assemble(("No likely cause yet: ", "bold"),
                                   "go back (b) and pick where it hurts and how it feels.\n"))
    else:
        parts.append(Text("Likely causes, best first", style="bold underline"))
        for number, ranked in enumerate(result.conditions[:limit], start=1):
            cond = ranked.condition
            parts.append(Text.assemble((f"{number}. {cond.name}", "bold"),
                                       f"  (score {ranked.score})"))
            parts.append(_indent(Text.assemble(("matches: ", "italic"),
                                               ", ".join(ranked.reason_labels())), 3))
            parts.append(_indent(cond.summary, 3))
            parts.append(_indent(Text("Do now:", style="bold"), 3))
            parts += [_indent(f"• {step}", 3) for step in cond.do_now]
            parts.append(_indent(Text.assemble(("See someone: ", "bold"),
                                               cond.see_someone + "\n"), 3))
        rest = result.conditions[limit:]
        if rest:
            parts.append(Text.assemble(("Also possible: ", "bold"),
                                       ", ".join(r.name for r in rest) + "\n"))
    parts.append(Text.assemble(("What to do: ", "bold"), result.advice + "\n"))
    keys = Text.assemble(("i ", "bold"), "ice timer   ")
    if result.top and result.top.condition.drills:
        keys.append_text(Text.assemble(("d ", "bold"), "drills that fit   "))
    keys.append_text(Text.assemble(("n ", "bold"), "what changed lately?"))
    parts.append(keys)
    return Group(*parts)


def causes_text(content: Content, ticked: Iterable[str]) -> RenderableType:
    """Advice for each ticked cause, or a hint when none is ticked."""
    ids = list(ticked)
    if not ids:
        return Text("Tick what changed in the last few weeks to see what to do about it.",
                    style="italic")
    parts: list[RenderableType] = []
    for ident in ids:
        cause = content.cause(ident)
        parts.append(Text(f"▶ {cause.label}", style="bold"))
        parts.append(_indent(cause.advice, 2))
    return Group(*parts)


def save_text(
    content: Content, result: TriageResult, causes: Iterable[str], today: date
) -> Group:
    """What saving will store, line by line."""
    regions = [content.region(r).name for r in result.answers.regions]
    top = result.top
    rows = [
        ("Date", short_date(today)),
        ("Where", ", ".join(regions) or "(nothing picked)"),
        ("Likely cause", top.name if top else "(none yet)"),
        ("Verdict", result.title),
        ("What changed", ", ".join(content.cause(c).label for c in causes) or "(nothing ticked)"),
    ]
    grid = Table.grid(padding=(0, 1))
    grid.add_column(justify="right", style="bold", no_wrap=True)
    grid.add_column()
    for label, value in rows:
        grid.add_row(f"{label}:", value)
    intro = Text("Save this triage as the start of an injury episode in the recovery log, "
                 "so the Log tab can count the days since it began.\n")
    return Group(intro, grid, Text.assemble("\nPress ", ("s", "bold"), " to save."))
