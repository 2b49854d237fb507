"""The Log tab's sub-views besides the journal table: charts, the return-to-run plan, shoes."""

from __future__ import annotations

from datetime import date, timedelta

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import DataTable, Static

from tui.domain import stats
from tui.domain.content import Content
from tui.domain.journal import Episode, Journal
from tui.domain.planner import PlanStatus, percent
from tui.domain.text import printable
from tui.domain.units import format_distance, unit_label
from tui.domain.warnings import SHOE_RETIRE_KM, SHOE_WARN_KM, LogWarning
from tui.tabs.log.charts import distance_bars, drills_calendar, pain_chart, pain_days
from tui.widgets.safe_text import plain

OUTCOME_WORDS = {"go": "✓ go on", "hold": "= hold", "back": "↓ step back", "pending": "? waiting"}


class ChartsView(VerticalScroll):
    """Pain over time on top; weekly running distance and the drills calendar below."""

    def compose(self) -> ComposeResult:
        """Three charts."""
        yield Static(id="log-pain-chart")
        with Horizontal(id="log-chart-row"):
            yield Static(id="log-distance-bars")
            yield Static(id="log-drills-calendar")

    def show(
        self, journal: Journal, today: date, units: str, target_km: float | None, width: int
    ) -> None:
        """Redraw the charts from the journal; as many days of pain as the width allows."""
        first = today - timedelta(days=pain_days(width) - 1)
        sessions = stats.pain_series(journal.entries, first, today, drills=False)
        drills = stats.pain_series(journal.entries, first, today, drills=True)
        self.query_one("#log-pain-chart", Static).update(pain_chart(sessions, drills))
        weeks = stats.weekly_distance(journal.entries, today, weeks=6)
        self.query_one("#log-distance-bars", Static).update(
            distance_bars(weeks, units, today, target_km)
        )
        calendar = drills_calendar(
            stats.drill_days(journal.entries),
            today,
            stats.drills_streak(journal.entries, today),
            stats.drills_recent(journal.entries, today),
        )
        self.query_one("#log-drills-calendar", Static).update(calendar)


def step_strip(status: PlanStatus) -> Text:
    """The plan's steps on a line or two: ✓ done, ▶ current, plain for later ones."""
    text = Text()
    for index, step in enumerate(status.steps):
        if step.kind == "run" and step.share is not None:
            name = percent(step.share)
        else:
            name = {"rest": "Rest", "wait": f"Wait {status.wait_days}d", "clear": "Cleared",
                    "walk": "Walk",
                    "jog_walk": "Jog/walk", "done": "Usual week"}[step.kind]  # fmt: skip
        if index < status.current:
            text.append(f"✓{name}", style="dim")
        elif index == status.current:
            text.append(f"▶{name}", style="bold reverse")
        else:
            text.append(f" {name}")
        if index < len(status.steps) - 1:
            text.append(" › ", style="dim")
    return text


class PlanView(VerticalScroll):
    """The latest episode, the return-to-run plan, today's target and the warnings."""

    def compose(self) -> ComposeResult:
        """One text block; it scrolls when the terminal is small."""
        yield Static(id="log-plan-text")

    def show(
        self,
        today: date,
        units: str,
        content: Content,
        plan: tuple[Episode, PlanStatus, float | None] | None,
        warnings: list[LogWarning],
    ) -> None:
        """Redraw from a computed plan and the current warnings."""
        text = Text()
        if plan is None:
            text.append("No injury episode logged.\n", style="bold")
            text.append(
                "Start one here with n (or run Triage). The plan then leads from rest to your "
                "usual week, one step at a time, gated by how the foot responds.\n"
            )
        else:
            episode, status, pre_km = plan
            conditions = content.conditions_by_id
            condition = conditions.get(episode.condition or "")
            name = condition.name if condition else "Injury episode"
            kind = episode.kind or (condition.kind if condition else "soft_tissue")
            text.append(f"{name}", style="bold")
            text.append(f" · {kind.replace('_', ' ')} · since {episode.started} ")
            text.append(f"(day {(today - episode.started).days + 1})")
            if status.pain_free_since:
                text.append(f" · pain-free since {status.pain_free_since}")
            text.append("\n")
            usual = format_distance(pre_km, units) if pre_km else "not set (e to set)"
            text.append(f"Usual week before: {usual}\n", style="dim")
            text.append_text(step_strip(status))
            text.append("\n\nToday: ", style="bold")
            text.append(status.target + "\n")
            if kind == "bone":
                text.append(
                    "Bone injuries usually need 6-12 weeks: start loading only once a "
                    "professional has cleared you, and stop at any pain.\n",
                    style="italic",
                )
            elif kind == "rupture":
                text.append(
                    "A torn tendon takes months and is treated by a specialist: follow their "
                    "plan, and load it only once they have cleared you.\n",
                    style="italic",
                )
            if status.needs_clearance:
                cleared = (f"cleared by a professional on {status.cleared_on}"
                           if status.cleared_on else "not yet cleared by a professional (y)")
                text.append(f"Loading: {cleared}\n", style="bold")
            recent = status.gates[-3:]
            if recent:
                text.append("Latest sessions: ", style="bold")
                text.append(
                    " · ".join(f"{g.day.strftime('%d %b')} {OUTCOME_WORDS[g.outcome]}"
                               for g in recent) + "\n"
                )  # fmt: skip
                text.append(f"  {recent[-1].reason}\n", style="dim")
        if warnings:
            text.append("\nWarnings from the log\n", style="bold")
            for warning in warnings:
                text.append("! ", style="bold red")
                text.append(printable(warning.message) + "\n")
        text.append(
            "\nDack's rules: wait 7-10 pain-free days; walk, then jog/walk; start at 50% "
            "and add at most 10% a week. Pain ≤3/10 that settles by morning: go on.",
            style="dim italic",
        )
        self.query_one("#log-plan-text", Static).update(text)


class ShoesView(VerticalScroll):
    """Every pair of shoes with its distance and wear status."""

    def compose(self) -> ComposeResult:
        """A short explanation and the shoes table."""
        yield Static(id="log-shoes-help", markup=False)
        table: DataTable[str] = DataTable(id="log-shoes-table", cursor_type="row")
        yield table

    def show(self, journal: Journal, units: str) -> None:
        """Refill the shoes table (a handful of rows)."""
        unit = unit_label(units)
        self.query_one("#log-shoes-help", Static).update(
            "Shoes wear out at 480-800 km (300-500 mi). a add · e edit · r retire/unretire"
        )
        table = self.query_one("#log-shoes-table", DataTable)
        table.clear(columns=True)
        for label in ("Shoe", f"Start {unit}", f"Logged {unit}", f"Total {unit}", "Status"):
            table.add_column(Text(label))  # Text: a str would load Rich's emoji table
        totals = stats.shoe_distances(journal)
        for shoe in journal.shoes:
            total = totals.get(shoe.id, shoe.start_km)
            if shoe.retired:
                status = "retired"
            elif total >= SHOE_RETIRE_KM:
                status = "✗ retire"
            elif total >= SHOE_WARN_KM:
                status = "! replace soon"
            else:
                status = "✓ ok"
            table.add_row(
                plain(shoe.name),  # as typed: never markup, control characters shown
                Text(format_distance(shoe.start_km, units, with_unit=False)),
                Text(format_distance(total - shoe.start_km, units, with_unit=False)),
                Text(format_distance(total, units, with_unit=False)),
                Text(status),
                key=shoe.id,
            )
        if not journal.shoes:
            table.add_row(Text("No shoes yet: press a to add a pair."), *[Text()] * 4)
