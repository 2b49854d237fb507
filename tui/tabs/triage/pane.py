"""Triage tab: red flags first, then where and how it hurts → likely causes and what to do.

Eight short pages (each fits 78 x 19), moved through with n and b. Follow-up questions are
asked only when they matter (the Ottawa questions after an injury, tiptoe after back-of-heel
pain, a wound with diabetes). An urgent answer puts "Get checked today" above every page at
once. The engine (`tui.domain.triage`) decides; this pane only asks, shows and saves.
"""

from __future__ import annotations

import asyncio
from dataclasses import replace

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.widgets import ContentSwitcher, Input, Static

from tui.domain.triage import AGE_RANGE, PAIN_RANGE, Answers, TriageResult, assess
from tui.store import StoreError
from tui.tabs.base import DrillsRequested, Pane, Services, ShowTab
from tui.tabs.triage import pages, view
from tui.tabs.triage.foot_map import FootMap
from tui.tabs.triage.layout import later_pages
from tui.widgets.checklist import CheckList

STEPS: list[tuple[str, str]] = [
    ("flags", "Red flags"),
    ("injury", "After an injury?"),
    ("where", "Where does it hurt?"),
    ("feel", "How does it feel?"),
    ("more", "A few more questions"),
    ("result", "Result"),
    ("changes", "What changed lately?"),
    ("save", "Save"),
]
STEP_KEYS = {"result": ("ice", "drills"), "save": ("save",)}


class TriagePane(Pane):
    """The guided triage: questions, result, causes and saving an episode."""


    BINDINGS = [
        Binding("n", "next_step", "Next", id="triage.next"),
        Binding("b", "previous_step", "Back", id="triage.back"),
        Binding("i", "ice", "Ice timer", id="triage.ice"),
        Binding("d", "drills", "Drills", id="triage.drills"),
        Binding("s", "save", "Save", id="triage.save"),
        Binding("r", "restart", "New triage", show=False, id="triage.restart"),
    ]
    PALETTE = [
        ("New triage", "Clear every answer and start again from the red flags", "restart"),
        ("Triage result", "Show the result of the answers given so far", "show_result"),
        ("Save triage", "Save the triage as the start of an injury episode", "save_step"),
    ]

    def __init__(self, services: Services, *, id: str | None = None) -> None:
        super().__init__(services, id=id)
        self.step = 0
        self.result: TriageResult | None = None
        self._pages_mounted = False
        self._pages_lock = asyncio.Lock()
        self._step_line = ""

    def compose(self) -> ComposeResult:
        """The urgent banner, the step line and the first page; the other pages are
        mounted by `_mount_pages` when first needed."""
        yield Static(id="triage-urgent", markup=False)
        yield Static(id="triage-step", markup=False)
        with ContentSwitcher(initial="step-flags", id="triage-steps"):
            with Vertical(id="step-flags"):
                yield CheckList(pages.flag_items(self.services.content), id="flags-list")

    async def finish_mounting(self, everything: bool = False) -> None:
        """Pages 2-8 are mounted when first needed (`_mount_pages`), not after start-up:
        they are 20-odd widgets, 0.85 MiB once every tab has been opened, and a session spent
        on the other tabs never needs them (issue 16). `everything`: mount them now."""
        if everything:
            await self._mount_pages()

    async def _mount_pages(self) -> None:
        """Mount pages 2-8 (once); every action that needs them awaits this first. Two
        actions may both ask: the second waits until the pages are in."""
        async with self._pages_lock:
            if self._pages_mounted:
                return
            await self.query_one("#triage-steps", ContentSwitcher).mount_all(
                later_pages(self.services.content, self.services.settings.age)
            )
            self._pages_mounted = True
            self._refresh_all()

    def on_mount(self) -> None:
        """Start on the red flags, with the focus on them when this tab is showing."""
        self._refresh_all()
        self.call_after_refresh(self._focus_if_shown)

    def _focus_if_shown(self) -> None:
        """At start-up (the first tab) put the focus on the first question, not the tab strip,
        so n, b and space work straight away."""
        focused = self.app.focused
        in_a_pane = focused is not None and any(
            isinstance(node, Pane) for node in focused.ancestors_with_self
        )
        if not in_a_pane and self.is_on_screen:
            self.focus_first()

    # --- answers and result ------------------------------------------------------------

    def answers(self) -> Answers:
        """Everything ticked so far, as engine answers."""
        if not self._pages_mounted:
            return Answers(red_flags=self.query_one("#flags-list", CheckList).ticked)
        ticked = [i for name in ("#injury-list", "#feel-list", "#trigger-list", "#more-list")
                  for i in self.query_one(name, CheckList).ticked]
        return Answers(
            regions=self.query_one("#foot-map", FootMap).picked,
            sensations=pages.strip(ticked, "s:"),
            triggers=pages.strip(ticked, "t:"),
            red_flags=(*self.query_one("#flags-list", CheckList).ticked,
                       *pages.strip(ticked, "f:")),
            ottawa=pages.strip(ticked, "o:"),
            pain=self._number("#pain-input", PAIN_RANGE),
            age=self._number("#age-input", AGE_RANGE),
        )

    def _number(self, selector: str, bounds: tuple[int, int]) -> int | None:
        """A number box's value when it holds a whole number in range, else None."""
        text = self.query_one(selector, Input).value.strip()
        low, high = bounds
        return int(text) if text.isdigit() and low <= int(text) <= high else None

    @property
    def causes(self) -> tuple[str, ...]:
        """Cause ids ticked on the "what changed" page."""
        if not self._pages_mounted:
            return ()
        return self.query_one("#causes-list", CheckList).ticked

    def _refresh_all(self) -> None:
        """Recompute the result and redraw every page that shows it."""
        content = self.services.content
        self.result = result = assess(content, self.answers())
        if result.disposition == "urgent":
            self.query_one("#triage-urgent", Static).update(view.urgent_text(result))
        self._place_urgent_banner()
        self._refresh_step_line()
        if not self._pages_mounted:
            return
        banner = self.query_one("#result-banner", Static)
        banner.update(view.banner_text(result))
        banner.set_classes(f"-{result.disposition.replace('_', '-')}")
        self.query_one("#result-body", Static).update(view.result_text(content, result))
        self.query_one("#causes-advice", Static).update(
            view.causes_text(content, self.causes, urgent=result.disposition == "urgent")
        )
        self.query_one("#save-summary", Static).update(
            view.save_text(content, result, self.causes, self.services.clock.today())
        )
        self._refresh_where()
        self._refresh_follow_ups(result.answers)

    def _refresh_follow_ups(self, answers: Answers) -> None:
        """Show the Ottawa questions only after an injury, and the follow-up questions that
        the answers so far make matter."""
        content = self.services.content
        # Whether the Ottawa questions show depends on the injury answers alone (an Ottawa
        # tick must not keep them on screen once the injury is unticked).
        injury_only = replace(answers, ottawa=())
        for name, items in (("#injury-list", pages.injury_items(content, injury_only)),
                            ("#more-list", pages.more_items(content, answers))):
            checklist = self.query_one(name, CheckList)
            if pages.idents(items) != checklist.idents:
                checklist.set_items(items)  # drops answers no longer asked (posts Changed)

    def _place_urgent_banner(self) -> None:
        """An urgent verdict sits above every page but the result, which shows it in full."""
        self.query_one("#triage-urgent", Static).display = (
            self.result is not None and self.result.disposition == "urgent"
            and STEPS[self.step][0] != "result"
        )

    def _refresh_where(self) -> None:
        """Name the picked regions, and the one under the cursor, in words."""
        foot = self.query_one("#foot-map", FootMap)
        content = self.services.content
        picked = [content.region(r).name for r in foot.picked]
        here = content.region(foot.current)
        line = "✓ Picked: " + ", ".join(picked) if picked else "Nothing picked yet."
        self.query_one("#where-picked", Static).update(
            f"{line}\n▶ {here.name}: {here.hint}\n"
            "arrows or hjkl move · space picks (several allowed) · a click works too"
        )

    def _refresh_step_line(self) -> None:
        """Step N of 7, its title, and the standing disclaimer."""
        title = STEPS[self.step][1]
        line = f"Step {self.step + 1} of {len(STEPS)} · {title} · not a diagnosis"
        if line != self._step_line:  # an update repaints even when the text is the same
            self._step_line = line
            self.query_one("#triage-step", Static).update(line)

    @on(CheckList.Changed)
    @on(FootMap.Changed)
    def _answers_changed(self) -> None:
        """Any tick or pick: re-run the engine (the urgent banner appears at once)."""
        if self._pages_mounted:
            self.query_one("#save-status", Static).update("")
        self._refresh_all()

    @on(Input.Changed)
    def _number_changed(self, event: Input.Changed) -> None:
        """Pain or age typed: say next to the box what is wrong, else use it."""
        event.stop()
        self.query_one("#numbers-error", Static).update(pages.number_errors(
            self.query_one("#pain-input", Input).value,
            self.query_one("#age-input", Input).value,
        ))
        self._refresh_all()

    @on(Input.Submitted)
    async def _number_submitted(self, event: Input.Submitted) -> None:
        """Enter in the pain box goes to the age box; in the age box, to the next page."""
        event.stop()
        if event.input.id == "pain-input":
            self.screen.set_focus(self.query_one("#age-input", Input))
        else:
            await self.action_next_step()

    def _remember_age(self) -> None:
        """Keep a valid age in the settings, so the next triage does not ask again."""
        from tui.store.records import save_settings

        age = self._number("#age-input", AGE_RANGE)
        if age is None or age == self.services.settings.age:
            return
        try:
            self.services.settings = save_settings(
                self.services.store, self.services.settings.model_copy(update={"age": age})
            )
        except (StoreError, OSError) as error:
            self.services.warn(f"Your age could not be saved in the settings ({error}).")

    @on(FootMap.Cursor)
    def _cursor_moved(self) -> None:
        """The map cursor moved: describe the region under it."""
        self._refresh_where()

    # --- steps ---------------------------------------------------------------------------

    async def show_step(self, index: int) -> None:
        """Switch to page `index` and focus its first control."""
        await self._mount_pages()
        if STEPS[self.step][0] == "more":
            self._remember_age()
        self.step = max(0, min(index, len(STEPS) - 1))
        self.query_one("#triage-steps", ContentSwitcher).current = f"step-{STEPS[self.step][0]}"
        self._place_urgent_banner()
        if STEPS[self.step][0] == "result":  # the verdict is at the top: start there
            self.query_one("#step-result", VerticalScroll).scroll_home(animate=False)
        self._refresh_step_line()
        self.refresh_bindings()
        # Focus the new page at once, so a key typed straight after n or b lands on it and
        # never ticks an answer on the page just left; again after the refresh, once laid out.
        self.focus_first()
        self.call_after_refresh(self.focus_first)

    def focus_first(self) -> None:
        """Focus the first control of the visible page."""
        page = self.query_one(f"#step-{STEPS[self.step][0]}")
        if page.focusable:
            self.screen.set_focus(page)  # at once, see Pane.focus_first
            return
        for widget in page.query("*"):
            if widget.focusable and widget.display:
                self.screen.set_focus(widget)
                return

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Show page-specific keys only on their page."""
        urgent = self.result is not None and self.result.disposition == "urgent"
        if action == "drills" and not (self.result and self.result.drills):
            return False  # no drills for an urgent result or a bone injury
        if action == "ice" and (urgent or self._no_ice()):
            return False  # only getting seen; or a foot that may not feel a cold burn
        for step, actions in STEP_KEYS.items():
            if action in actions:
                return STEPS[self.step][0] == step
        if action == "previous_step":
            return self.step > 0
        if action == "next_step":
            return self.step < len(STEPS) - 1
        return True

    def _no_ice(self) -> bool:
        """Whether the result says no ice (a numb, cold or diabetic foot)."""
        no_ice = self.services.content.until_seen.no_ice
        return self.result is not None and no_ice in self.result.do_now

    async def action_next_step(self) -> None:
        """Go to the next page (not past a pain or age that is not a valid number)."""
        if STEPS[self.step][0] == "more" and not self._numbers_ok():
            return
        await self.show_step(self.step + 1)

    def _numbers_ok(self) -> bool:
        """Whether the pain and age boxes hold valid numbers (or nothing); if not, say so
        beside them and put the focus there."""
        pain = self.query_one("#pain-input", Input)
        age = self.query_one("#age-input", Input)
        message = pages.number_errors(pain.value, age.value)
        if not message.startswith("!"):
            return True
        self.query_one("#numbers-error", Static).update(message + " Fix it to go on.")
        bad = pain if pages.number_errors(pain.value, "").startswith("!") else age
        self.screen.set_focus(bad)
        return False

    async def action_previous_step(self) -> None:
        """Go back one page."""
        await self.show_step(self.step - 1)

    async def action_show_result(self) -> None:
        """Jump to the result page (not past a pain or age that is not a valid number)."""
        await self._mount_pages()
        if self._numbers_ok():
            await self.show_step([key for key, _ in STEPS].index("result"))

    async def action_save_step(self) -> None:
        """Jump to the save page."""
        await self.show_step(len(STEPS) - 1)

    async def action_restart(self) -> None:
        """Clear every answer and go back to the red flags."""
        await self._mount_pages()
        for checklist in self.query(CheckList):
            for ident in checklist.ticked:
                checklist.set_ticked(ident, False, notify=False)
        self.query_one("#foot-map", FootMap).set_picked(())
        self.query_one("#pain-input", Input).value = ""
        self.query_one("#save-status", Static).update("")
        self._refresh_all()
        await self.show_step(0)

    # --- jumps and saving ----------------------------------------------------------------

    async def action_ice(self) -> None:
        """Open the ice timer in the First aid tab."""
        self.post_message(ShowTab("first-aid"))

    async def action_drills(self) -> None:
        """Open the Drills tab with the drills that fit highlighted (none when urgent)."""
        drills = list(self.result.drills) if self.result else []
        if not drills:
            return
        self.post_message(DrillsRequested(drills))

    async def action_save(self) -> None:
        """Store the triage as the start of an episode (replacing one begun today)."""
        from tui.store import (
            records,  # the journal's records: not needed for the first frame
        )

        await self._mount_pages()
        status = self.query_one("#save-status", Static)
        result = self.result
        if result is None or not result.answers.regions:
            status.update("! Nothing saved: pick where it hurts first (step 3).")
            return
        today = self.services.clock.today()
        episode = view.triage_episode(result, list(self.causes), today)
        updated = None
        try:
            journal = self.services.journal_source.load(self.services.warn)
            current = journal.open_episode()
            if current is not None and current.started == today:
                updated = current
                self.services.journal_source.apply(
                    records.episode_replaced(view.same_day_episode(current, episode)))
            else:
                self.services.journal_source.apply(records.episode_replaced(episode))
        except (StoreError, OSError) as error:
            status.update(f"! Nothing saved: the journal could not be written ({error}).")
            return
        if updated is not None:
            before = self.services.content.conditions_by_id.get(updated.condition or "")
            was = f" (it was {before.name})" if before and updated.condition != episode.condition \
                else ""
            status.update(
                f"✓ Updated today's episode with this triage{was}; what the Log added to it "
                "is kept."
            )
            return
        status.update(
            f"✓ Saved as the start of an episode on {view.short_date(today)}. "
            "The Log tab counts the days from here."
        )
