"""The app's live handle on the ice state and the journal (no textual).

It keeps the last state read, reads again only when the database changed (`PRAGMA
data_version`: the CLI or a second copy of the app committed), and writes through
`tui.store.ice`. A data problem is reported through `warn` and the call returns None, so a
key press never crashes.

When the timer cannot be saved (a full disk, a read-only folder) it still runs: the change is
made to the state held here, the tab says that it is not saved (`unsaved`), and every later
change tries to write the whole state again; the first write that works saves it and clears
the notice. Until then nothing read from the database replaces the timer held here.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TypeVar

from tui.domain.clock import Clock
from tui.domain.countdown import Countdown, TimerKind
from tui.domain.ice import IceState, Settled, close_timer
from tui.domain.ice import settle as settle_state
from tui.domain.journal import Journal
from tui.store import Store, StoreError
from tui.store.ice import (
    TimerBusyError,
    change_timer,
    claim_reminder,
    load_ice,
    set_pricer_step,
    settle_ice,
    start_timer,
    stop_timer,
)
from tui.store.records import JournalSource, load_journal
from tui.store.state import ICE, save_state

log = logging.getLogger(__name__)
T = TypeVar("T")


class IceSession:
    """The ice state and journal as last read, with the writes the First aid tab needs."""

    def __init__(
        self, store: Store, clock: Clock, warn: Callable[[str], None],
        journal_source: JournalSource | None = None,
    ) -> None:
        self.store, self.clock, self.warn = store, clock, warn
        self.journal_source = journal_source
        """Where to read the journal (shared with the other tabs); None reads it directly."""
        self.state = IceState()
        self.journal = Journal()
        self._seen: int | None = None
        """The database's change count (`Database.change_count`) when last read here."""
        self.unsaved: str | None = None
        """Why the timer shown is held only in memory (the store refused a write), or None."""

    def _guard(self, fn: Callable[[], T]) -> T | None:
        """Run a store call; on a data problem warn the user and return None."""
        try:
            return fn()
        except StoreError as error:
            self.warn(str(error))
            return None

    def _changed(self) -> bool:
        """Whether anyone wrote since we last looked (and note that we looked)."""
        try:
            count = self.store.db.change_count()
        except StoreError:
            return False
        changed = count != self._seen
        self._seen = count
        return changed

    def _adopt(self, state: IceState) -> IceState:
        """Take a state just written as the current one; count our own write as seen only
        if nobody else wrote since we last looked (else the next check reads it all)."""
        self.state = state
        before = self.store.db.last_write()
        if before is not None and before == self._seen:
            self._seen = before + 1
        return state

    def open(self) -> Settled | None:
        """First load: recover a corrupt file, apply the restart rules, read the journal."""
        self.state = self._guard(lambda: load_ice(self.store, self.warn)) or IceState()
        settled = self.settle()
        self.load_journal()
        return settled

    # --- a timer the store could not save ---------------------------------------------

    def _hold(self, state: IceState, error: StoreError) -> IceState:
        """Keep `state` in memory after a refused write, and say so once."""
        first = self.unsaved is None
        self.state, self.unsaved = state, str(error)
        if first:
            self.warn(f"Not saved: {error}. The timer goes on here, but is lost if footpain "
                      "closes.")
        return state

    def _save_held(self) -> bool:
        """Try again to write the state held in memory; True once nothing is held."""
        if self.unsaved is None:
            return True
        try:
            save_state(self.store.db, ICE, self.state)
        except StoreError as error:
            self.unsaved = str(error)
            return False
        self.unsaved = None
        self.warn("The ice timer is saved again.")
        return True

    def settle(self) -> Settled | None:
        """Apply the restart rules to ice.toml as it is on disk now."""
        if not self._save_held():
            return None  # the timer held here is the only one there is
        now, tz = self.clock.now(), self.clock.local_tz()
        settled = self._guard(lambda: settle_ice(self.store, now, tz))
        if settled is not None:
            self._adopt(settled.state)
            if settled.entry is not None:
                self.load_journal()
        return settled

    def load_journal(self) -> None:
        """Re-read the journal (today's count, the acute window)."""
        try:
            if self.journal_source is not None:
                journal = self.journal_source.try_load(self.warn)
                if journal is None:  # still being read at start-up: the app says when it is in
                    return
                self.journal = journal
            else:
                self.journal = load_journal(self.store)
        except StoreError as error:  # the Log tab reports it; count from nothing
            log.warning("first aid cannot read the journal: %s", error)

    def reload_if_changed(self) -> None:
        """Pick up changes made by the CLI or another copy of the app."""
        if self._changed():
            self.load_journal()
            self.settle()

    def start(self, kind: TimerKind, seconds: int) -> Countdown | None:
        """Start a timer; None if one is already on the clock (now in `state`). If the store
        refuses the write, the timer runs in memory (see the module's docstring)."""
        now, tz = self.clock.now(), self.clock.local_tz()
        try:
            if not self._save_held():
                raise StoreError(self.unsaved or "")
            state, settled = start_timer(self.store, kind, seconds, now, tz)
        except TimerBusyError:
            self.settle()
            return None
        except StoreError as error:
            held = settle_state(self.state, now, tz).state
            if held.timer is not None:
                return None
            timer = Countdown.start(kind, seconds, now)
            return self._hold(held.model_copy(update={"timer": timer}), error).timer
        if settled.entry is not None:
            self.load_journal()
        return self._adopt(state).timer

    def stop(self, timer: Countdown, completed: bool | None = None) -> Settled | None:
        """Take this timer off the clock and log it; `Settled.timer` is None if it was gone."""
        now, tz = self.clock.now(), self.clock.local_tz()
        if self.unsaved is not None and not self._save_held():
            return self._stop_held(timer, completed)
        try:
            state, settled = stop_timer(self.store, now, tz, timer_id=timer.id,
                                        completed=completed)
        except StoreError as error:
            self.unsaved = self.unsaved or str(error)
            return self._stop_held(timer, completed)
        self._adopt(state)
        self.load_journal()
        return settled

    def _stop_held(self, timer: Countdown, completed: bool | None) -> Settled | None:
        """Stop a timer the store could not save: closed here, its entry written if the
        store now takes it, else the runner is told to add it in the Log."""
        if self.state.timer is None or self.state.timer.id != timer.id:
            return Settled(self.state)
        now, tz = self.clock.now(), self.clock.local_tz()
        done = timer.finished(now) if completed is None else completed
        settled = close_timer(self.state, now, done, tz)
        self.state = settled.state
        if settled.entry is not None:
            from tui.store.records import replace_entry  # the id is the timer's: never twice

            try:
                replace_entry(self.store, settled.entry)
            except StoreError as error:
                self.warn(f"The session could not be logged ({error}); add it in the Log "
                          "when the disk has room.")
        self._save_held()
        self.load_journal()
        return settled

    def change(self, change: Callable[[Countdown], Countdown]) -> None:
        """Pause, resume or adjust the current timer (in memory if the store refuses)."""
        timer = self.state.timer
        if timer is None:
            return
        try:
            if not self._save_held():
                raise StoreError(self.unsaved or "")
            self._adopt(change_timer(self.store, timer.id, change))
        except StoreError as error:
            self._hold(self.state.model_copy(update={"timer": change(timer)}), error)

    def tick_pricer(self, step_id: str, done: bool) -> None:
        """Tick or untick a PRICER step for today (in memory if the store refuses)."""
        today = self.clock.today()
        try:
            if not self._save_held():
                raise StoreError(self.unsaved or "")
            self._adopt(set_pricer_step(self.store, today, step_id, done))
        except StoreError as error:
            ticked = self.state.pricer_ticked(today)
            ticked = ticked | {step_id} if done else ticked - {step_id}
            self._hold(self.state.model_copy(update={
                "pricer_day": today, "pricer_done": sorted(ticked)}), error)

    def claim_reminder(self, due) -> bool:
        """True if this process is the one to fire the reminder for `due`."""
        claimed = self._guard(lambda: claim_reminder(self.store, due))
        if claimed is None:
            return False
        self._adopt(self.state.model_copy(update={"reminded_for": due}))
        return claimed
