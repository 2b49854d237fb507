"""First aid tab: the ice timer (and foot roll) on top, the PRICER checklist for today below.

Timer state lives in ice.toml, shared with the CLI and other copies of the app through
`tui.tabs.first_aid.session`. A 1 Hz interval runs only while a timer counts; a cheap check
every 15 s fires due reminders and notices a new day or another writer, and redraws nothing
unless something changed.

If the wall clock goes back while a timer is on (its start or pause is now in the future,
or it has more time left than its length), the timer shows "clock changed" and is closed at
the next tick or key, unlogged: how long the ice was on cannot be known (see
`tui.domain.ice.close_timer`). The user is told and can add the session in the Log.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, tzinfo

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.css.query import NoMatches
from textual.timer import Timer
from textual.widgets import Static

from tui.domain.countdown import Countdown, TimerKind, clock_face, spoken_length
from tui.domain.ice import (
    Settled,
    acute_window_end,
    counts_as_session,
    daily_target,
    next_due,
    reminder_due,
    sessions_on,
    uncounted_note,
)
from tui.domain.journal import Journal
from tui.tabs.base import Pane, Services, ShowTab
from tui.tabs.first_aid import view
from tui.tabs.first_aid.pricer import PricerList
from tui.tabs.first_aid.session import IceSession
from tui.tabs.first_aid.signals import TerminalSignals
from tui.widgets.countdown import CountdownPanel

POLL_SECONDS = 15
"""While idle: how often to look for a due reminder, a new day, or a timer started from the
shell. A stat() of two files and no redraw unless something changed: 0 bytes on the wire."""
TIMER_ACTIONS = {"toggle_pause", "stop", "more_time", "less_time"}


class FirstAidPane(Pane):
    """The ice timer, foot roll, ice cycle and PRICER checklist."""


    BINDINGS = [
        Binding("i", "start_ice", "Ice", id="first_aid.ice"),
        Binding("r", "start_roll", "Foot roll", id="first_aid.roll"),
        Binding("space", "toggle_pause", "Pause", id="first_aid.pause"),
        Binding("x", "stop", "Stop", id="first_aid.stop"),
        Binding("escape", "stop", "Stop the timer (asks first)", show=False,
                id="first_aid.cancel"),
        Binding("plus,equals_sign", "more_time", "One minute more", show=False,
                id="first_aid.more"),
        Binding("minus", "less_time", "One minute less", show=False, id="first_aid.less"),
        Binding("t", "red_flags", "Red-flag check (Triage)", show=False,
                id="first_aid.red_flags"),
    ]
    PALETTE = [
        ("Start the ice timer", "An ice session of your set length (i)", "start_ice"),
        ("Start a foot roll", "90 seconds rolling a frozen bottle under the arch (r)",
         "start_roll"),
        ("Stop the timer", "Stop the ice or roll timer (x)", "stop"),
    ]

    def __init__(self, services: Services, *, id: str | None = None) -> None:
        super().__init__(services, id=id)
        self._event = ""
        """What just happened, shown beside idle digits ("✓ Ice done at 14:32")."""
        self._heading_shown = ""
        self._line_sent: str | None = None
        """The compact timer line last sent to the App (it shows it on the other tabs)."""
        self._drawn_from: tuple[object, ...] | None = None
        """What the last full draw was worked out from (`_draw`)."""
        self._lines_shown: tuple[str, str] = ("", "")
        """The two lines below the headline as last worked out."""
        self._footer_for_timer: bool | None = None
        self._poller: Timer | None = None
        self._journal_seen: Journal | None = None
        self._journal_key: tuple[object, ...] = ()
        self._journal_figures: tuple[datetime | None, int] = (None, 0)

    def compose(self) -> ComposeResult:
        """Red-flag line, the timer, then the scrolling guide with the checklist."""
        yield Static(view.RED_FLAG_LINE, id="fa-red-flag-line", markup=False)
        # Kept by reference: the 1 Hz draw looked each up by selector, ~0.1 ms a second.
        self._panel = CountdownPanel(id="ice-timer")
        yield self._panel
        self._heading = Static("", id="pricer-heading")
        yield self._heading
        with VerticalScroll(id="fa-guide", can_focus=False):  # the list's keys scroll it
            self._pricer = PricerList(id="pricer")
            yield self._pricer
            yield Static(view.guide_text(self.services.content), id="fa-notes")

    def on_mount(self) -> None:
        """Load ice.toml, apply the restart rules, and start the minute check."""
        self._signals = TerminalSignals(self.app, self.services)
        services = self.services
        self._ice = IceSession(services.store, services.clock, services.warn,
                               journal_source=services.journal_source)
        settled = self._ice.open()
        said = view.restart_message(settled, self.services.clock.local_tz()) if settled else None
        if said is not None:
            self._event = said[0]
            self.notify(said[1], title="Ice", timeout=12, markup=False)
        self._poller = self.set_interval(POLL_SECONDS, self._poll, name="first-aid-poll")
        self._after_change()

    def reload_data(self, _: object = None) -> None:
        """Someone committed: a timer started or stopped from a shell shows within a second."""
        if getattr(self, "_ice", None) is not None:
            self._ice.reload_if_changed()
            self._after_change()

    def use_journal(self, _: object = None) -> None:
        """Today's sessions and the acute window come from the journal: redraw with it."""
        if getattr(self, "_ice", None) is None:  # not set up yet: on_mount reads it then
            return
        self._ice.load_journal()
        self._after_change()

    # --- the clock ---------------------------------------------------------------------

    def _after_change(self) -> None:
        """Redraw, run the 1 Hz tick only while a timer counts, and update the footer."""
        timer = self._ice.state.timer
        counting = timer is not None and not timer.paused
        if counting != self.ticking:
            self.tick_every_second(self._tick if counting else None)
        self._redraw()
        if self._footer_for_timer != (timer is not None):  # a footer redraw costs ~700 bytes
            self._footer_for_timer = timer is not None
            self.refresh_bindings()

    def _closed_by_clock(self) -> bool:
        """If the wall clock went back on the timer, close it (unlogged) and say so; True if
        the timer was such a one."""
        ice = getattr(self, "_ice", None)
        timer = ice.state.timer if ice is not None else None
        if timer is None or not timer.clock_changed(self.services.clock.now()):
            return False
        self._tell_clock_changed(self._ice.settle())
        return True

    def _tell_clock_changed(self, settled: Settled | None) -> bool:
        """Show and announce a timer closed because the clock went back; True if it was."""
        if settled is None or settled.outcome != "clock_changed" or settled.timer is None:
            return False
        tz = self.services.clock.local_tz()
        self._event, toast = view.clock_changed_message(settled.timer, tz)
        self.notify(toast, title="Ice", timeout=12, markup=False)
        return True

    def _tick(self) -> None:
        """Once a second while counting: finish at zero, else redraw what changed. Another
        writer's change (a shell's `footpain ice stop`) arrives through `reload_data`, from
        the App's one database poll: the tick itself reads no database."""
        if self._closed_by_clock():
            self._after_change()
            return
        timer = self._ice.state.timer
        if timer is not None and timer.finished(self.services.clock.now()):
            self._finish(timer)
        else:
            self._redraw(seconds_only=True)

    def _poll(self) -> None:
        """Every few seconds: other writers, a new day, and a due reminder."""
        self._closed_by_clock()  # a paused timer has no tick to notice the clock going back
        self._ice.reload_if_changed()
        clock, settings = self.services.clock, self.services.settings
        due = reminder_due(self._ice.state, settings, clock.now(), clock.local_tz())
        if due is not None and self._ice.claim_reminder(due):
            number = sessions_on(self._ice.journal, clock.today()) + 1
            self._signals.alert(
                "Time to ice",
                f"Ice session {number} of {daily_target(settings)} is due. Wrap the ice in a "
                "thin towel, then press i on the First aid tab.",
            )
        self._after_change()

    def _finish(self, timer: Countdown) -> None:
        """The timer reached zero: log it once, tell the user, offer the foot roll."""
        settled = self._ice.stop(timer)
        tz = self.services.clock.local_tz()
        if self._tell_clock_changed(settled) or settled is None:
            pass  # closed unlogged because the clock went back, or not closed at all
        elif settled.timer is not None:
            ended = view.hhmm(timer.deadline, tz)
            if timer.kind == "ice":
                due = next_due(self._ice.state.last_ice_end, self.services.settings, tz)
                when = f" Next ice due {view.hhmm(due, tz)}." if due else ""
                self._event = f"✓ Ice done at {ended} · r: foot roll, 90 s"
                self._signals.alert("Ice done", "Take the ice off now. Then roll a frozen "
                                    f"bottle under the arch for 90 seconds (r).{when}")
            else:
                self._event = f"✓ Foot roll done at {ended}"
                self._signals.alert("Foot roll done", "Now put the foot up on a pillow.")
        self._after_change()

    def _from_journal(self, today: date, tz: tzinfo) -> tuple[datetime | None, int]:
        """(end of the acute window, ice sessions today), worked out again only when the
        journal was re-read or the day changed: not by walking every entry each second."""
        journal, hours = self._ice.journal, self.services.content.first_aid.ice.acute_window_hours
        key = (today, tz, hours)
        if journal is not self._journal_seen or key != self._journal_key:
            self._journal_figures = (acute_window_end(journal, hours, tz),
                                     sessions_on(journal, today))
            self._journal_seen, self._journal_key = journal, key
        return self._journal_figures

    def _redraw(self, seconds_only: bool = False) -> None:
        """Put the current state on screen; widgets skip anything unchanged."""
        try:
            self._draw(seconds_only)
        except NoMatches:  # a poll that lands while the app tears the tab down: nothing to draw
            pass

    def _draw(self, seconds_only: bool = False) -> None:
        """Draw everything, or with `seconds_only` (a tick) just the timer's own parts when
        nothing else it depends on changed since the last full draw: the same state, settings,
        event, day, journal figures and side of the acute window. The lines below the
        headline and the checklist are worked out again only when one of those moves."""
        fp = self.services
        now, tz, today = fp.clock.now(), fp.clock.local_tz(), fp.clock.today()
        state, settings, ice = self._ice.state, fp.settings, fp.content.first_aid.ice
        shown = view.timer_view(state, settings, self._event, now, tz)
        window_end, done = self._from_journal(today, tz)
        acute = window_end is None or now < window_end
        inputs = (state, settings, self._event, self._ice.unsaved, today, tz, done, acute)
        if seconds_only and self._drawn_from is not None and all(
                a is b or a == b for a, b in zip(inputs, self._drawn_from, strict=True)):
            line1, line2 = self._lines_shown
        else:
            seconds_only = False
            line1 = view.schedule_line(state, settings, done, now, tz)
            line2 = (view.acute_line(window_end, ice.acute_window_hours, now, tz)
                     if self._ice.unsaved is None else
                     "! Not saved (see the notice): this timer is lost if footpain closes.")
            self._drawn_from, self._lines_shown = inputs, (line1, line2)
        self._panel.show(face=shown.face, state=shown.state, headline=shown.headline,
                         progress=shown.progress, line1=line1, line2=line2)
        self._signals.set_title(shown.title)
        if shown.line != self._line_sent:  # once a second while counting, never when idle
            self._line_sent = shown.line
            self.services.timer_line(shown.line)
        if seconds_only:
            return
        steps = view.ordered_steps(fp.content.first_aid.steps, acute)
        ticked = self._ice.state.pricer_ticked(today)
        self._pricer.show_steps(steps, ticked)
        heading = view.pricer_heading(len(ticked & {s.id for s in steps}), len(steps))
        if str(heading) != self._heading_shown:
            self._heading_shown = str(heading)
            self._heading.update(heading)

    # --- keys --------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Pause, stop and +/- only while a timer is on the clock (and only then in the footer)."""
        if action in TIMER_ACTIONS:
            ice = getattr(self, "_ice", None)  # None until mounted
            return ice is not None and ice.state.timer is not None
        return True

    def _start(self, kind: TimerKind, seconds: int) -> None:
        """Start an ice session or a foot roll, unless a timer is already on the clock."""
        self._closed_by_clock()
        self._ice.reload_if_changed()
        if self._ice.state.timer is None and self._ice.start(kind, seconds) is not None:
            self._event = ""
        elif self._ice.state.timer is not None:
            what = "An ice session" if self._ice.state.timer.kind == "ice" else "A foot roll"
            self.notify(f"{what} is already on the clock; x stops it.", timeout=4)
        self._after_change()

    def action_start_ice(self) -> None:
        """Start an ice session of the set length."""
        self._start("ice", self.services.settings.ice_minutes * 60)

    def action_start_roll(self) -> None:
        """Start the 90-second foot roll."""
        self._start("roll", self.services.content.first_aid.ice.roll_seconds)

    def _change(self, change: Callable[[Countdown], Countdown]) -> None:
        """Apply a change to the timer on disk and show it (a timer the clock went back on
        is closed instead)."""
        if not self._closed_by_clock():
            self._ice.change(change)
        self._after_change()

    def action_toggle_pause(self) -> None:
        """Pause or resume the timer."""
        now = self.services.clock.now()
        self._change(lambda t: t.resume(now) if t.paused else t.pause(now))

    def _adjust(self, seconds: int) -> None:
        """Add or take away time, within the limits for this kind of timer."""
        timer, ice = self._ice.state.timer, self.services.content.first_aid.ice
        if timer is None:
            return
        cap = ice.max_minutes * 60 if timer.kind == "ice" else 5 * ice.roll_seconds
        now = self.services.clock.now()
        if timer.adjust(seconds, now, max_total=cap) is timer:
            said = (f"Cannot go past {cap // 60} minutes." if seconds > 0 else
                    "Less than a minute left: it cannot be shortened further.")
            self.notify(said, timeout=3)
            return
        self._change(lambda t: t.adjust(seconds, now, max_total=cap))

    def action_more_time(self) -> None:
        """One minute more."""
        self._adjust(60)

    def action_less_time(self) -> None:
        """One minute less."""
        self._adjust(-60)

    def action_stop(self) -> None:
        """Stop the timer early; an ice session asks first, then is logged as stopped early."""
        if self._closed_by_clock():
            self._after_change()
            return
        timer = self._ice.state.timer
        if timer is None:
            return
        if timer.kind == "roll":
            self._stop(timer)
            return
        from tui.screens.choice import ChoiceModal

        done = clock_face(timer.elapsed(self.services.clock.now()))
        question = (f"Stop the ice session now, after {done}? It goes in the log as "
                    "stopped early.")
        choices = [("cancel", "Keep going", "n"), ("stop", "Stop it", "y")]  # the safe one first
        self.app.push_screen(
            ChoiceModal("Stop early?", question, choices),
            lambda choice: self._stop(timer) if choice == "stop" else None,
        )

    def _stop(self, timer: Countdown) -> None:
        """Take the timer off the clock as stopped early."""
        settled = self._ice.stop(timer, completed=False)
        if self._tell_clock_changed(settled) or settled is None:
            pass  # closed unlogged because the clock went back, or not closed at all
        elif settled.entry is not None:
            minutes = settled.entry.duration_min
            self._event = (f"Ice stopped early after {spoken_length((minutes or 0) * 60)} "
                           "(logged)")
            if not counts_as_session(minutes):
                self.notify(uncounted_note(minutes).strip(), title="Ice", timeout=6)
        elif settled.timer is not None:
            self._event = "Foot roll stopped"
        self._after_change()

    async def action_red_flags(self) -> None:
        """Open Triage, where the red-flag questions are."""
        self.post_message(ShowTab("triage"))

    @on(PricerList.Toggled)
    def _pricer_toggled(self, event: PricerList.Toggled) -> None:
        self._ice.tick_pricer(event.step_id, event.done)
        self._after_change()

    # --- hooks from the app ------------------------------------------------------------

    def tab_shown(self) -> None:
        """Catch up with changes made elsewhere when the tab is opened."""
        self._closed_by_clock()
        self._ice.reload_if_changed()
        self._after_change()

    def apply_settings(self, _: object = None) -> None:
        """Ice length, gap and quiet hours may have changed."""
        self._after_change()

    def focus_first(self) -> None:
        """Start on the checklist."""
        self.screen.set_focus(self.query_one(PricerList))  # at once, see Pane.focus_first

    def save_pending(self) -> None:
        """Everything is saved as it happens; give the terminal its title back."""
        self._signals.set_title(None)
