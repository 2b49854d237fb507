"""The journal the Log tab holds, and every change the tab makes to it.

`JournalEditor` is plain Python (no Textual, no Rich): it reads the journal from the app's
`JournalSource`, writes entries, episodes and shoes through `tui.store.records` (one
transaction each), remembers how to undo each change to an entry, keeps the journal's filters
and writes exports. Each step returns an `Outcome` saying what changed; the pane shows it (rows,
status, banner, views, a notice). A write that fails leaves the journal as it was and says why
in `Outcome.problem`.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, timedelta, tzinfo
from pathlib import Path

from tui.domain.content import Content
from tui.domain.frozen import frozen
from tui.domain.journal import ACTIVITY_LABELS, ON_FEET_ACTIVITIES, Entry, Episode, Journal, Shoe
from tui.domain.planner import no_running_reason
from tui.domain.text import printable
from tui.store import StoreError, records

UNDO_DEPTH = 50
"""How many entry changes `u` can take back, newest first."""


@frozen()
class Outcome:
    """What one step did, for the pane to show."""

    notice: str = ""
    """A sentence for a short notice (plain text, not markup); "" for none."""
    timeout: float = 3
    """How long the notice stays, in seconds."""
    problem: str | None = None
    """Why nothing was saved (the store's sentence); None when the step went through."""
    warning: str = ""
    """Any other problem to warn about (the journal or an export could not be read or written)."""
    shown: Entry | None = None
    """An entry added, changed or put back: show its row and select it."""
    removed: str | None = None
    """The id of an entry that is no longer in the journal: take its row out."""
    refill: bool = False
    """Draw every row again (a new journal, a new filter, or someone else wrote meanwhile)."""
    changed: bool = False
    """The journal changed: redraw the status line, the banner and the views."""
    view: str | None = None
    """The view to show afterwards."""


@frozen()
class _Undo:
    """How to take back one change to an entry."""

    verb: str
    """What the notice says once it is undone ("Restored" for a deleted entry)."""
    entry: Entry
    """The entry as the change left it (or as it was when deleted)."""
    before: Entry | None
    """The entry as it was before the change; None when the change added it."""


def _what(entry: Entry) -> str:
    """"Run on 2026-03-10"."""
    return f"{ACTIVITY_LABELS[entry.activity]} on {entry.date}"


class JournalEditor:
    """The journal the Log tab shows, its filters, and every change made to it from the tab."""

    def __init__(self, source: records.JournalSource, today: Callable[[], date],
                 content: Content, local_tz: Callable[[], tzinfo] | None = None) -> None:
        self.source = source
        """The app's journal, shared with the other tabs; writes go through it."""
        self.today = today
        self.content = content
        """Conditions (for an episode's kind), regions and causes; exports quote it."""
        self.journal: Journal | None = None
        """The journal as last read or written here; None until the tab is first shown."""
        self.activity_filter: str | None = None
        """Show only this activity in the journal table (None: all)."""
        self.episode_filter: str | None = None
        """Show only this episode's entries (its id; None: all)."""
        self._undo: list[_Undo] = []
        self.local_tz = local_tz
        """The runner's time zone, for the local date of an imported activity."""
        self.note_search: str = ""
        """Show only entries whose note holds this text (any case); "" for all."""

    # --- reading ------------------------------------------------------------------------

    def reload(self) -> Outcome:
        """Read the journal (again only if someone wrote since) and show all of it."""
        try:
            self.journal = self.source.load()
        except StoreError as error:  # unreadable (not corrupt): show nothing, change nothing
            self.journal = Journal()
            return Outcome(
                warning=f"The journal could not be read ({error}). It is left as it is; this "
                "tab tries again each time it is shown.",
                refill=True, changed=True,
            )  # fmt: skip
        return Outcome(refill=True, changed=True)

    def stale(self) -> bool:
        """Whether the shared journal is no longer the one held here: someone else's commit
        makes the source read a new one (another tab may have asked it first); our own
        changes are mirrored into the same one."""
        try:
            return self.source.load() is not self.journal
        except StoreError:
            return True  # reload says what is wrong

    def show_all(self) -> Outcome:
        """Hold every entry, not just the last 13 months (a long log takes a moment)."""
        if self.journal is not None and not self.journal.earlier_entries:
            return Outcome(notice="Every entry is already shown.")
        try:
            self.journal = self.source.show_all()
        except StoreError as error:
            return Outcome(warning=f"The older entries could not be read: {error}")
        return Outcome(notice=f"All {len(self.journal.entries)} entries loaded.",
                       refill=True, changed=True)

    def condition_kind(self) -> str | None:
        """The latest episode's injury kind from its condition, when the episode has none."""
        episode = self.journal.latest_episode() if self.journal else None
        if episode is None or episode.kind is not None or not episode.condition:
            return None
        condition = self.content.conditions_by_id.get(episode.condition)
        return condition.kind if condition else None

    def no_running(self, day: date) -> str | None:
        """Why the plan says no running on that day, for the entry form's warning."""
        if self.journal is None:
            return None
        return no_running_reason(self.journal, day, kind=self.condition_kind())

    def pending_morning(self) -> Entry | None:
        """Yesterday's newest session still waiting for its next-morning answer."""
        if self.journal is None:
            return None
        yesterday = self.today() - timedelta(days=1)
        waiting = [
            e
            for e in self.journal.entries
            if e.date == yesterday
            and e.pain_next_morning is None
            and (e.activity in ON_FEET_ACTIVITIES or e.pain_after is not None)
        ]
        return waiting[-1] if waiting else None

    def morning_entry(self, selected: Entry | None) -> Entry | None:
        """The session the next-morning question is about: the selected one if it still
        waits for its answer, otherwise yesterday's."""
        if selected is None or selected.pain_next_morning is not None \
                or selected.date >= self.today():
            return self.pending_morning()
        return selected

    # --- writing ------------------------------------------------------------------------

    def _write(self, change: records.Change) -> bool:
        """Write one change (raises StoreError); True when someone else wrote meanwhile, so
        every row must be drawn again."""
        self.journal = self.source.apply(change)
        return not self.source.mirrored

    def _saved(self, entry: Entry, verb: str, refill: bool) -> Outcome:
        """After an entry was written: show its row as stored, then say so."""
        assert self.journal is not None
        stored = self.journal.find_entry(entry.id) or entry
        return Outcome(notice=f"{verb}: {_what(stored)}.", shown=stored, refill=refill,
                       changed=True)

    def _remember(self, step: _Undo) -> None:
        self._undo.append(step)
        del self._undo[:-UNDO_DEPTH]

    def add(self, entry: Entry) -> Outcome:
        """Add an entry (in the open episode if it falls in it); u takes it out again."""
        assert self.journal is not None
        episode = self.journal.open_episode()
        if episode is not None and entry.date >= episode.started:
            entry = entry.model_copy(update={"episode": episode.id})
        try:
            refill = self._write(records.entry_added(entry))
        except StoreError as error:
            return Outcome(problem=str(error))
        self._remember(_Undo("Add undone", entry, before=None))
        return self._saved(entry, "Added", refill)

    def replace(self, entry: Entry, verb: str = "Saved") -> Outcome:
        """Replace the entry with this version; u puts back the one before."""
        before = self.journal.find_entry(entry.id) if self.journal else None
        try:
            refill = self._write(records.entry_replaced(entry))
        except StoreError as error:
            return Outcome(problem=str(error))
        if before is not None:  # an entry not held here cannot be put back as it was
            self._remember(_Undo("Edit undone", entry, before))
        return self._saved(entry, verb, refill)

    def answer_morning(self, entry: Entry, score: int) -> Outcome:
        """Record how the first steps felt the morning after the entry."""
        changed = entry.model_copy(update={"pain_next_morning": score})
        return self.replace(changed, "Next morning saved")

    def delete(self, entry: Entry | None) -> Outcome:
        """Delete the entry at once; u brings it back."""
        if entry is None:
            return Outcome(notice="Select an entry in the Journal view to delete it.")
        try:
            refill = self._write(records.entry_deleted(entry.id))
        except StoreError as error:
            return Outcome(problem=str(error))
        self._remember(_Undo("Restored", entry, before=entry))
        return Outcome(notice=f"Deleted {_what(entry)}. Press u to undo.", timeout=6,
                       removed=entry.id, refill=refill, changed=True)

    def undo(self) -> Outcome:
        """Take back the latest change to an entry: a deleted entry comes back, an edited
        one is put back as it was, an added one is taken out."""
        if not self._undo:
            return Outcome(notice="Nothing to undo.")
        step = self._undo[-1]
        if step.before is None:
            change = records.entry_deleted(step.entry.id)
        else:
            change = records.entry_replaced(step.before)
        try:
            refill = self._write(change)
        except StoreError as error:  # the step is kept: u can try again
            return Outcome(problem=str(error))
        self._undo.pop()
        if step.before is None:
            return Outcome(notice=f"{step.verb}: {_what(step.entry)}.", removed=step.entry.id,
                           refill=refill, changed=True)
        return self._saved(step.before, step.verb, refill)

    # --- filters ------------------------------------------------------------------------

    def keep(self, entry: Entry) -> bool:
        """Whether the journal table shows the entry under the current filters."""
        if self.activity_filter is not None and entry.activity != self.activity_filter:
            return False
        if self.note_search and self.note_search.casefold() not in entry.note.casefold():
            return False
        if self.episode_filter is None or self.journal is None:
            return True
        episode = self.journal.find_episode(self.episode_filter)
        if episode is None:
            return True
        if entry.episode is not None:
            return entry.episode == episode.id
        return episode.started <= entry.date <= (episode.ended or self.today())

    def next_activity_filter(self) -> Outcome:
        """Cycle the filter through the activities that appear in the journal."""
        if self.journal is None:
            return Outcome()
        present = {e.activity for e in self.journal.entries}
        options: list[str | None] = [None, *(a for a in ACTIVITY_LABELS if a in present)]
        self.activity_filter = _next(options, self.activity_filter)
        return Outcome(refill=True, view="journal")

    def next_episode_filter(self) -> Outcome:
        """Cycle the filter through the episodes, newest first."""
        if self.journal is None:
            return Outcome()
        episodes = sorted(self.journal.episodes, key=lambda e: e.started, reverse=True)
        self.episode_filter = _next([None, *(e.id for e in episodes)], self.episode_filter)
        return Outcome(refill=True, view="journal")

    def search_notes(self, text: str) -> Outcome:
        """Show only entries whose note holds the text ("" shows all again)."""
        self.note_search = " ".join(text.split())
        if not self.note_search:
            return Outcome(notice="Showing every note again.", refill=True, view="journal")
        return Outcome(refill=True, view="journal")

    def status(self, shown: int) -> str:
        """The line above the table: how many entries, and the filters."""
        assert self.journal is not None
        activity = ACTIVITY_LABELS.get(self.activity_filter or "", "all activities")
        episode = "all episodes"
        if self.episode_filter:
            found = self.journal.find_episode(self.episode_filter)
            episode = f"episode from {found.started}" if found else "an episode"
        total = len(self.journal.entries) + self.journal.earlier_entries
        if self.note_search:
            found = printable(self.note_search)  # typed text: hidden characters shown
            return f"{shown} of {total} entries with “{found}” in the note · / to change"
        if total == 0:
            return "No entries yet: press a to log a run, walk, drills, ice or a rest day."
        if self.journal.earlier_entries:
            return (f"{shown} of {total} entries: the last 13 months (h: all) · "
                    f"{activity} (f) · {episode} (g)")
        return f"{shown} of {total} entries · {activity} (f) · {episode} (g) · Enter details"

    # --- episodes and shoes -------------------------------------------------------------

    def why_no_new_episode(self) -> str | None:
        """Why a new episode cannot start now (one is open), or None."""
        current = self.journal.open_episode() if self.journal else None
        if current is None:
            return None
        return (f"An episode is open since {current.started}. Mark it pain-free (x) first, "
                "or edit it in the Plan view (e).")

    def save_episode(self, episode: Episode) -> Outcome:
        """Start or change an injury episode; the Plan view shows it."""
        try:
            refill = self._write(records.episode_replaced(episode))
        except StoreError as error:
            return Outcome(problem=str(error))
        return Outcome(notice=f"Episode from {episode.started} saved.", refill=refill,
                       changed=True, view="plan")

    def save_shoe(self, shoe: Shoe) -> Outcome:
        """Add or change a pair of shoes."""
        try:
            refill = self._write(records.shoe_replaced(shoe))
        except StoreError as error:
            return Outcome(problem=str(error))
        return Outcome(notice=f"Shoes saved: {shoe.name}.", refill=refill, changed=True)

    def retire(self, shoe: Shoe | None) -> Outcome:
        """Retire the shoes (or bring them back)."""
        if shoe is None:
            return Outcome(notice="Select shoes in the Shoes view (s) first.")
        return self.save_shoe(shoe.model_copy(update={"retired": not shoe.retired}))

    # --- export -------------------------------------------------------------------------

    def export(self, fmt: str, path: Path, units: str) -> Outcome:
        """Write the whole journal (not just what the tab holds) as Markdown, CSV or JSON."""
        try:
            whole = records.load_journal(self.source.store)
            from tui.domain.export import render  # with csv: loaded when first exporting

            text = render(fmt, whole, self.today(), units=units, content=self.content)
            records.write_export(path, text)
        except StoreError as error:
            return Outcome(warning=f"Not exported: {error}")
        return Outcome(notice=f"Exported to {path}.", timeout=6)


    # --- importing ----------------------------------------------------------------------

    def import_files(self, paths: list[str],
                     progress: Callable[[int, int], None] | None = None) -> Outcome:
        """Import activities from watch or phone files (FIT, GPX, TCX, a folder, a Strava
        export) in one transaction. Slow: the pane runs it in a worker thread, and shows the
        Outcome after `reload`. The summary is plain text; names in it are made printable."""
        from tui.domain.activities import ImportSummary
        from tui.importers import InputError, read_paths
        from tui.store.imported import known_hashes, save_activities

        tz = self.local_tz() if self.local_tz is not None else UTC
        db = self.source.store.db
        try:
            batch = read_paths(paths, tz=tz, today=self.today(), known=known_hashes(db),
                               progress=progress)
        except InputError as error:
            return Outcome(warning=f"Nothing imported: {printable(str(error))}.")
        except (StoreError, OSError) as error:
            return Outcome(warning=f"Nothing imported: {printable(str(error))}")
        if batch.single_file and batch.skipped:
            name, reason = batch.skipped[0]
            return Outcome(warning=f"Nothing imported: {printable(name)} ({printable(reason)}).")
        try:
            saved = save_activities(db, batch.activities, tz)
        except StoreError as error:
            return Outcome(warning=f"Nothing imported: {error}")
        summary = ImportSummary(added=len(saved.added), already=saved.already + batch.already,
                                skipped=batch.skipped, typed=saved.typed)
        line = summary.line()
        if len(batch.skipped) > 1:
            names = "; ".join(f"{name} ({reason})" for name, reason in batch.skipped[:3])
            more = f" and {len(batch.skipped) - 3} more" if len(batch.skipped) > 3 else ""
            line = line.replace(" (listed above)", f": {names}{more}")
        if saved.new_shoes:
            line += f". New shoes: {', '.join(saved.new_shoes)}"
        return Outcome(notice=printable(line) + ".", timeout=10)


def _next(options: list[str | None], current: str | None) -> str | None:
    """The option after `current` (the first when `current` is not among them), cycling."""
    index = options.index(current) if current in options else 0
    return options[(index + 1) % len(options)]
