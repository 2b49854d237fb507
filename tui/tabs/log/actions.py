"""What the Log tab's keys do: add, edit, delete and undo entries, episodes, shoes, export.

A mixin for LogPane, kept apart so each module stays readable. Every change goes through
tui.store.records, which writes it to the database in one transaction.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from tui.domain.export import render
from tui.domain.journal import ACTIVITY_LABELS, Entry, Episode, Shoe
from tui.domain.planner import no_running_reason
from tui.store import StoreError, records
from tui.tabs.log.entry_form import EntryFormScreen
from tui.tabs.log.forms import (
    cleared_form,
    close_form,
    episode_form,
    export_form,
    morning_form,
    shoe_form,
)
from tui.widgets.safe_text import markup_safe

if TYPE_CHECKING:
    from tui.tabs.log.pane import LogPane

    _Base = LogPane
else:
    _Base = object


class LogActions(_Base):
    """Key actions of the Log tab."""

    # --- writing ------------------------------------------------------------------------

    def _write(self, change: records.Change) -> bool:
        """Write one change (a failure is said in a notice); True if it was saved."""
        problem = self._try_write(change)
        if problem is not None:
            self.fp.warn(f"Not saved: {problem}")
        return problem is None

    def _try_write(self, change: records.Change) -> str | None:
        """Write one change and redraw only what it touched unless someone else wrote too;
        why it failed (the store's sentence), or None once saved."""
        try:
            journal = self.cache.apply(change)
        except StoreError as error:
            return str(error)
        self.journal = journal
        if not self.cache.mirrored:  # someone else wrote too: show everything as it is now
            self.table.fill(journal.entries)
        return None

    def _entry_saved(self, entry: Entry, verb: str) -> None:
        """After an entry was written: update its row, then status, banner and views."""
        assert self.journal is not None
        stored = self.journal.find_entry(entry.id) or entry
        self.table.upsert(stored)
        self._changed()
        what = ACTIVITY_LABELS[stored.activity]
        self.notify(f"{verb}: {what} on {stored.date}.", timeout=3)

    # --- entries ------------------------------------------------------------------------

    def _entry_form(self, entry: Entry | None) -> EntryFormScreen:
        """The add or edit form; it saves through this tab and stays open if that fails."""
        assert self.journal is not None
        return EntryFormScreen(
            save=self._save_edited if entry is not None else self._save_added,
            no_running=self._no_running,
            today=self.fp.clock.today(),
            units=self.fp.settings.units,
            shoes=list(self.journal.shoes),
            regions=list(self.fp.content.regions),
            entry=entry,
        )

    def _no_running(self, day: date) -> str | None:
        """Why the plan says no running on that day, for the entry form's warning."""
        if self.journal is None:
            return None
        return no_running_reason(self.journal, day, kind=self.condition_kind())

    def action_add(self) -> None:
        """Add an entry (or, in the Shoes view, a pair of shoes)."""
        if self.journal is None:
            self.reload()
        if self.view == "shoes":
            self.app.push_screen(shoe_form(None, self.fp.settings.units), self._shoe_done)
            return
        self.app.push_screen(self._entry_form(None))

    def _save_added(self, entry: Entry) -> str | None:
        """Add the entry from the form (in the open episode if it falls in it)."""
        assert self.journal is not None
        episode = self.journal.open_episode()
        if episode is not None and entry.date >= episode.started:
            entry = entry.model_copy(update={"episode": episode.id})
        problem = self._try_write(records.entry_added(entry))
        if problem is None:
            self._entry_saved(entry, "Added")
        return problem

    def selected_entry(self) -> Entry | None:
        """The entry under the journal cursor."""
        entry_id = self.table.selected_id()
        if self.journal is None or entry_id is None:
            return None
        return self.journal.find_entry(entry_id)

    def action_edit(self) -> None:
        """Edit the selected entry, the episode (Plan view) or the shoes (Shoes view)."""
        if self.journal is None:
            return
        if self.view == "plan":
            self._edit_episode()
            return
        if self.view == "shoes":
            shoe = self._selected_shoe()
            if shoe is not None:
                form = shoe_form(shoe, self.fp.settings.units)
                self.app.push_screen(form, self._shoe_done)
            return
        if self.view != "journal":
            self.notify("Edit works in the Journal, Plan and Shoes views.", timeout=3)
            return
        entry = self.selected_entry()
        if entry is None:
            self.notify("No entry selected.", timeout=3)
            return
        self.app.push_screen(self._entry_form(entry))

    def _save_edited(self, entry: Entry) -> str | None:
        """Replace the entry with the form's version."""
        problem = self._try_write(records.entry_replaced(entry))
        if problem is None:
            self._entry_saved(entry, "Saved")
        return problem

    def action_delete(self) -> None:
        """Delete the selected entry at once; u brings it back."""
        entry = self.selected_entry() if self.view == "journal" else None
        if entry is None:
            self.notify("Select an entry in the Journal view to delete it.", timeout=3)
            return
        if self._write(records.entry_deleted(entry.id)):
            self._deleted.append(entry)
            self.table.discard(entry.id)
            self._changed()
            what = ACTIVITY_LABELS[entry.activity]
            self.notify(f"Deleted {what} on {entry.date}. Press u to undo.", timeout=6)

    def action_undo(self) -> None:
        """Put back the most recently deleted entry, as it was."""
        if not self._deleted:
            self.notify("Nothing to undo.", timeout=3)
            return
        entry = self._deleted.pop()
        if self._write(records.entry_replaced(entry)):
            self._entry_saved(entry, "Restored")

    def action_next_morning(self) -> None:
        """Ask how the first steps felt after the selected (or yesterday's) session."""
        if self.journal is None:
            return
        chosen = self.selected_entry() if self.view == "journal" else None
        today = self.fp.clock.today()
        if chosen is None or chosen.pain_next_morning is not None or chosen.date >= today:
            chosen = self.pending_morning()
        if chosen is None:
            self.notify("No session is waiting for a next-morning answer.", timeout=3)
            return
        entry = chosen

        def answered(score: int | None) -> None:
            if score is None:
                return
            changed = entry.model_copy(update={"pain_next_morning": score})
            if self._write(records.entry_replaced(changed)):
                self._entry_saved(changed, "Next morning saved")

        self.app.push_screen(morning_form(entry, self.fp.settings.units), answered)

    # --- filters ------------------------------------------------------------------------

    def action_whole_history(self) -> None:
        """Load every entry, not just the last 13 months (a long log takes a moment)."""
        if self.journal is not None and not self.journal.earlier_entries:
            self.notify("Every entry is already shown.", timeout=3)
            return
        try:
            self.journal = self.cache.show_all()
        except StoreError as error:
            self.fp.warn(f"The older entries could not be read: {error}")
            return
        self.table.fill(self.journal.entries)
        self._changed()
        self.notify(f"All {len(self.journal.entries)} entries loaded.", timeout=3)

    def action_filter_activity(self) -> None:
        """Cycle the journal filter through the activities that appear in it."""
        if self.journal is None:
            return
        present = {e.activity for e in self.journal.entries}
        options: list[str | None] = [None, *(a for a in ACTIVITY_LABELS if a in present)]
        index = options.index(self.activity_filter) if self.activity_filter in options else 0
        self.activity_filter = options[(index + 1) % len(options)]
        self._refilter()

    def action_filter_episode(self) -> None:
        """Cycle the journal filter through the episodes, newest first."""
        if self.journal is None:
            return
        episodes = sorted(self.journal.episodes, key=lambda e: e.started, reverse=True)
        options: list[str | None] = [None, *(e.id for e in episodes)]
        index = options.index(self.episode_filter) if self.episode_filter in options else 0
        self.episode_filter = options[(index + 1) % len(options)]
        self._refilter()

    def _refilter(self) -> None:
        assert self.journal is not None
        activity, episode_id = self.activity_filter, self.episode_filter
        episode = self.journal.find_episode(episode_id) if episode_id else None

        def keep(entry: Entry) -> bool:
            if activity is not None and entry.activity != activity:
                return False
            if episode is not None:
                if entry.episode is not None:
                    return entry.episode == episode.id
                end = episode.ended or self.fp.clock.today()
                return episode.started <= entry.date <= end
            return True

        self.table.keep = keep
        self.table.fill(self.journal.entries)
        self.action_view("journal")
        self._draw_status()

    # --- episodes -----------------------------------------------------------------------

    def action_new_episode(self) -> None:
        """Start an injury episode by hand."""
        if self.journal is None:
            return
        current = self.journal.open_episode()
        if current is not None:
            self.notify(
                f"An episode is open since {current.started}. Mark it pain-free (x) first, "
                "or edit it in the Plan view (e).",
                timeout=6,
            )
            return
        form = episode_form(None, self.fp.clock.today(), self.fp.settings.units)
        self.app.push_screen(form, self._episode_done)

    def _edit_episode(self) -> None:
        assert self.journal is not None
        episode = self.journal.latest_episode()
        if episode is None:
            self.notify("No episode yet: press n to start one.", timeout=3)
            return
        form = episode_form(episode, self.fp.clock.today(), self.fp.settings.units)
        self.app.push_screen(form, self._episode_done)

    def action_close_episode(self) -> None:
        """Mark the open episode pain-free (it ends; the plan's wait begins)."""
        episode = self.journal.open_episode() if self.journal else None
        if episode is None:
            self.notify("No open episode to mark pain-free.", timeout=3)
            return
        self.app.push_screen(close_form(episode, self.fp.clock.today()), self._episode_done)

    def action_cleared(self) -> None:
        """Record that a professional cleared the latest episode for loading again."""
        episode = self.journal.latest_episode() if self.journal else None
        if episode is None:
            self.notify("No episode to mark as cleared.", timeout=3)
            return
        self.app.push_screen(cleared_form(episode, self.fp.clock.today()), self._episode_done)

    def _episode_done(self, episode: Episode | None) -> None:
        if episode is None:
            return
        if self._write(records.episode_replaced(episode)):
            self._changed()
            self.action_view("plan")
            self.notify(f"Episode from {episode.started} saved.", timeout=3)

    # --- shoes --------------------------------------------------------------------------

    def _selected_shoe(self) -> Shoe | None:
        from textual.widgets import DataTable

        table = self.query_one("#log-shoes-table", DataTable)
        if self.journal is None or table.row_count == 0:
            return None
        key, _ = table.coordinate_to_cell_key(table.cursor_coordinate)
        return self.journal.find_shoe(str(key.value)) if key.value else None

    def _shoe_done(self, shoe: Shoe | None) -> None:
        if shoe is not None and self._write(records.shoe_replaced(shoe)):
            self._changed()
            self.notify(f"Shoes saved: {markup_safe(shoe.name)}.", timeout=3)

    def action_retire_shoe(self) -> None:
        """Retire the selected shoes (or bring them back)."""
        shoe = self._selected_shoe() if self.view == "shoes" else None
        if shoe is None:
            self.notify("Select shoes in the Shoes view (s) first.", timeout=3)
            return
        self._shoe_done(shoe.model_copy(update={"retired": not shoe.retired}))

    # --- export -------------------------------------------------------------------------

    def action_export(self) -> None:
        """Write the journal to a file: a Markdown summary, CSV or JSON."""
        if self.journal is None:
            self.reload()
        form = export_form(self.fp.clock.today(), self.default_export_folder())
        self.app.push_screen(form, self._export_chosen)

    def _export_chosen(self, choice: tuple[str, Path] | None) -> None:
        if choice is None or self.journal is None:
            return
        fmt, path = choice
        try:
            whole = records.load_journal(self.fp.store)  # the tab holds recent entries only
        except StoreError as error:
            self.fp.warn(f"Not exported: {error}")
            return
        text = render(
            fmt, whole, self.fp.clock.today(), units=self.fp.settings.units,
            content=self.fp.content,
        )  # fmt: skip
        try:
            records.write_export(path, text)
        except StoreError as error:
            self.fp.warn(f"Not exported: {error}")
            return
        self.notify(f"Exported to {markup_safe(str(path))}.", timeout=6)
