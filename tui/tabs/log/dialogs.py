"""Which form each Log key opens, and where the answer goes.

`LogDialogs` pushes the Log tab's modal forms (entry, next morning, episode, shoes, export) and
hands what the runner typed to the `JournalEditor`; what the editor did goes to `show` (the
pane draws it). The rules live in the editor and in the forms' validators; this only connects
them to screens.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import tzinfo
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from textual.app import App
from textual.screen import Screen

from tui.domain.journal import Entry, Journal, Shoe
from tui.screens.choice import ChoiceModal
from tui.tabs.log.detail import EntryDetailModal, detail_lines
from tui.tabs.log.editor import JournalEditor, Outcome
from tui.tabs.log.fields import FieldsModal, FieldSpec
from tui.tabs.log.forms import (
    cleared_form,
    close_form,
    episode_form,
    export_form,
    morning_form,
    shoe_form,
)
from tui.tabs.log.import_form import ImportModal

if TYPE_CHECKING:  # the form (and TextArea, 0.5 MiB) is imported when first opened
    from tui.tabs.log.entry_form import EntryFormModal

T = TypeVar("T")


class LogDialogs:
    """Opens the Log tab's forms and sends their answers through the editor."""

    def __init__(
        self,
        app: App[Any],
        editor: JournalEditor,
        show: Callable[[Outcome], None],
        units: Callable[[], str],
        tz: Callable[[], tzinfo | None] = lambda: None,
    ) -> None:
        self.app = app
        self.tz = tz
        """The runner's time zone now (the app clock's), for start times."""
        self.editor = editor
        self.show = show
        """Draws what a step did (the pane's `show`)."""
        self.units = units
        """The units in the settings now ("km" or "mi")."""

    def _say(self, notice: str, timeout: float = 3) -> None:
        self.show(Outcome(notice=notice, timeout=timeout))

    def _push(self, screen: Screen[T | None], done: Callable[[T], Outcome]) -> None:
        """Open a form; its answer (none when cancelled) goes to `done`, and on to `show`."""

        def answered(result: T | None) -> None:
            if result is not None:
                self.show(done(result))

        self.app.push_screen(screen, answered)

    def _journal(self) -> Journal:
        """The journal, read first if the tab was not shown yet (a key from the palette)."""
        if self.editor.journal is None:
            self.show(self.editor.reload())
        assert self.editor.journal is not None
        return self.editor.journal

    # --- entries ------------------------------------------------------------------------

    def _entry_form(self, entry: Entry | None) -> EntryFormModal:
        """The add or edit form; it saves through the editor and stays open if that fails."""
        from tui.tabs.log.entry_form import EntryFormModal

        write = self.editor.add if entry is None else self.editor.replace

        def save(typed: Entry) -> str | None:
            outcome = write(typed)
            if outcome.problem is None:
                self.show(outcome)
            return outcome.problem

        return EntryFormModal(
            save=save,
            no_running=self.editor.no_running,
            today=self.editor.today(),
            units=self.units(),
            shoes=list(self._journal().shoes),
            regions=list(self.editor.content.regions),
            entry=entry,
        )

    def add(self, view: str) -> None:
        """Add an entry (or, in the Shoes view, a pair of shoes)."""
        self._journal()
        if view == "shoes":
            self._push(shoe_form(None, self.units(), self._journal().shoes),
                       self.editor.save_shoe)
            return
        self.app.push_screen(self._entry_form(None))

    def edit(self, view: str, entry: Entry | None, shoe: Shoe | None) -> None:
        """Edit the selected entry, the episode (Plan view) or the shoes (Shoes view)."""
        if self.editor.journal is None:
            return
        if view == "plan":
            self._edit_episode()
        elif view == "shoes":
            if shoe is not None:
                self._push(shoe_form(shoe, self.units(), self._journal().shoes),
                           self.editor.save_shoe)
        elif view != "journal":
            self._say("Edit works in the Journal, Plan and Shoes views.")
        elif entry is None:
            self._say("No entry selected.")
        else:
            self.app.push_screen(self._entry_form(entry))

    def detail(self, entry: Entry | None) -> None:
        """Show the whole entry (every field, the whole note); e there edits it."""
        if entry is None:
            return
        journal = self._journal()
        shoe = journal.find_shoe(entry.shoe) if entry.shoe else None
        regions = {r.id: r.name for r in self.editor.content.regions}
        rows = detail_lines(entry, self.units(), shoe.name if shoe else None, regions,
                            self.tz())

        def answered(answer: str | None) -> None:
            if answer == "edit":
                self.app.push_screen(self._entry_form(entry))

        self.app.push_screen(EntryDetailModal(entry, rows), answered)

    def search(self) -> None:
        """Ask for a word to find in the notes; blank shows every entry again."""
        self._journal()
        field = FieldSpec("text", "Notes holding", self.editor.note_search,
                          "any case; blank: all entries", wide=True)
        form = FieldsModal("Search notes", [field],
                           lambda values: (values["text"], {}))
        self._push(form, self.editor.search_notes)

    def import_files(self) -> None:
        """Import runs from a watch's or phone's files; the summary and the rows follow."""
        self._journal()

        def done(outcome: Outcome | None) -> None:
            if outcome is not None:
                self.show(self.editor.reload())
                self.show(outcome)

        self.app.push_screen(ImportModal(self.editor.import_files), done)

    def next_morning(self, selected: Entry | None) -> None:
        """Ask how the first steps felt after the selected (or yesterday's) session."""
        if self.editor.journal is None:
            return
        entry = self.editor.morning_entry(selected)
        if entry is None:
            self._say("No session is waiting for a next-morning answer.")
            return
        form = morning_form(entry, self.units())
        self._push(form, lambda score: self.editor.answer_morning(entry, score))

    # --- episodes -----------------------------------------------------------------------

    def new_episode(self) -> None:
        """Start an injury episode by hand (not while one is open)."""
        if self.editor.journal is None:
            return
        refusal = self.editor.why_no_new_episode()
        if refusal is not None:
            self._say(refusal, timeout=6)
            return
        form = episode_form(None, self.editor.today(), self.units())
        self._push(form, self.editor.save_episode)

    def _edit_episode(self) -> None:
        episode = self._journal().latest_episode()
        if episode is None:
            self._say("No episode yet: press n to start one.")
            return
        form = episode_form(episode, self.editor.today(), self.units())
        self._push(form, self.editor.save_episode)

    def close_episode(self) -> None:
        """Mark the open episode pain-free (it ends; the plan's wait begins)."""
        journal = self.editor.journal
        episode = journal.open_episode() if journal else None
        if episode is None:
            self._say("No open episode to mark pain-free.")
            return
        self._push(close_form(episode, self.editor.today()), self.editor.save_episode)

    def cleared(self) -> None:
        """Record that a professional cleared the latest episode for loading again."""
        journal = self.editor.journal
        episode = journal.latest_episode() if journal else None
        if episode is None:
            self._say("No episode to mark as cleared.")
            return
        self._push(cleared_form(episode, self.editor.today()), self.editor.save_episode)

    # --- export -------------------------------------------------------------------------

    def export(self) -> None:
        """Write the journal to a file: a Markdown summary, CSV or JSON."""
        self._journal()
        form = export_form(self.editor.today(), self.export_folder())

        def chosen(choice: tuple[str, Path] | None) -> None:
            if choice is None:
                return
            fmt, path = choice
            if not path.exists():
                self.show(self.editor.export(fmt, path, units=self.units()))
                return

            def answered(answer: str | None) -> None:
                if answer == "replace":
                    self.show(self.editor.export(fmt, path, units=self.units()))

            question = f"{path} exists. Replace it with this export?"
            answers = [("cancel", "Keep it", "n"), ("replace", "Replace", "y")]
            self.app.push_screen(ChoiceModal("Replace the file?", question, answers), answered)

        self.app.push_screen(form, chosen)

    @staticmethod
    def export_folder() -> Path:
        """Where the export form proposes to write: the folder footpain was started in."""
        return Path.cwd()
