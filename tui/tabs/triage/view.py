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
from tui.domain.triage import RankedCondition, TriageResult

MARKS = {"self_care": "✓", "see_pro": "!", "urgent": "!!"}
"""A symbol per disposition, so the banner never relies on colour."""


def short_date(day: date) -> str:
    """14 Mar."""
    return f"{day.day} {day:%b}"


def urgent_text(result: TriageResult) -> Text:
    """The banner that sits above every step once an urgent answer is given."""
    text = Text("!! GET CHECKED TODAY", style="bold")
    first = result.disposition_reasons[0] if result.disposition_reasons else ""
    text.append(f": {first}")
    more = len(result.disposition_reasons) - 1
    if more > 0:
        reasons = "reason" if more == 1 else "reasons"
        text.append(f" (and {more} more {reasons} on the result page)")
    return text


def _indent(text: Text | str, left: int) -> Padding:
    """Text whose wrapped lines keep the indent (a hanging indent for lists)."""
    return Padding(text if isinstance(text, Text) else Text(text), (0, 0, 0, left))


def banner_text(result: TriageResult) -> Group:
    """The disposition banner on the result page, with every reason."""
    head = Text(f"{MARKS[result.disposition]} {result.title.upper()}", style="bold")
    return Group(head, *(_indent(f"• {r}", 2) for r in result.disposition_reasons))


def result_text(content: Content, result: TriageResult, limit: int = 3) -> Group:
    """What to do now first, then the likely causes with what matched. An urgent result shows
    only what to do until seen, and labels causes that cannot explain why it is urgent."""
    urgent = result.disposition == "urgent"
    parts: list[RenderableType] = [
        Text("Until you are seen" if urgent else "What to do now", style="bold underline")
    ]
    parts += [_indent(f"• {step}", 2) for step in result.do_now]
    if result.outlook:
        parts.append(_indent(Text.assemble(("How long: ", "bold"), result.outlook), 2))
    parts.append(Text(""))
    fits, others = result.split()
    if not result.conditions:
        parts.append(Text.assemble(("No likely cause yet: ", "bold"),
                                   "go back (b) and pick where it hurts and how it feels.\n"))
    if fits:
        parts.append(Text("Likely causes, best first", style="bold underline"))
        for number, ranked in enumerate(fits[:limit], start=1):
            parts += _cause(ranked, number, full=not urgent)
        rest = fits[limit:]
        if rest:
            parts.append(Text.assemble(("Also possible: ", "bold"),
                                       ", ".join(r.name for r in rest) + "\n"))
    if others:
        parts.append(Text(
            "These fit your other answers but do not explain why you need to be seen today:",
            style="bold"))
        parts += [_indent(Text.assemble(f"• {r.name}  ", ("(" + ", ".join(
            r.reason_labels()) + ")", "italic")), 2) for r in others[:limit]]
        parts.append(Text(""))
    keys = Text()
    if not urgent:
        keys.append_text(Text.assemble(("i ", "bold"), "ice timer   "))
    if result.drills:
        keys.append_text(Text.assemble(("d ", "bold"), "drills that fit   "))
    keys.append_text(Text.assemble(("n ", "bold"), "what changed lately?"))
    parts.append(keys)
    return Group(*parts)


def _cause(ranked: RankedCondition, number: int, *, full: bool) -> list[RenderableType]:
    """One likely cause: its name and what matched; what it is and when to see someone too
    unless the result is urgent (then only getting seen matters)."""
    cond = ranked.condition
    parts: list[RenderableType] = [
        Text(f"{number}. {cond.name}", style="bold"),
        _indent(Text.assemble(("matches: ", "italic"), ", ".join(ranked.reason_labels())), 3),
    ]
    if full:
        parts.append(_indent(cond.summary, 3))
        parts.append(_indent(Text.assemble(("See someone: ", "bold"),
                                           cond.see_someone + "\n"), 3))
    else:
        parts.append(Text(""))
    return parts


def causes_text(content: Content, ticked: Iterable[str], *, urgent: bool = False
                ) -> RenderableType:
    """Advice for each ticked cause, or a hint when none is ticked; after an urgent result,
    a line first saying this is for later."""
    ids = list(ticked)
    later = Text("!! First get seen today. This is for later, once you are cleared to train "
                 "again.", style="bold")
    if not ids:
        hint = Text("Tick what changed in the last few weeks to see what to do about it.",
                    style="italic")
        return Group(later, hint) if urgent else hint
    parts: list[RenderableType] = [later] if urgent else []
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
        grid.add_row(Text(f"{label}:"), Text(value))  # literal text, not markup
    intro = Text("Save this triage as the start of an injury episode in the recovery log, "
                 "so the Log tab can count the days since it began.\n")
    return Group(intro, grid, Text.assemble("\nPress ", ("s", "bold"), " to save."))


def triage_episode(result: TriageResult, causes: list[str], today: date):  # type: ignore[no-untyped-def]
    """The injury episode a saved triage starts."""
    from tui.domain.journal import Episode  # not needed for the first frame

    top = result.top
    return Episode(
        source="triage", started=today, regions=list(result.answers.regions),
        condition=top.id if top else None, disposition=result.disposition,
        kind=top.condition.kind if top else None, causes=causes,
    )


def same_day_episode(current, episode):  # type: ignore[no-untyped-def]
    """Today's episode saved again: the triage's answers replace its own, while what the
    Log added (clearance, pain-free day, usual week, note) stays."""
    return current.model_copy(update={
        key: getattr(episode, key)
        for key in ("regions", "condition", "disposition", "kind", "causes", "source")
    })
