"""The import dialog: a path box and a file picker, then the import in a worker thread.

The runner types or picks a FIT, GPX or TCX file (or .gz), a folder of them, or a Strava
export (folder or .zip); the picker (Textual's `DirectoryTree`) starts in the home folder and
fills the path box. Import runs `import_files` (the editor's, plain Python) in a thread; the
thread only posts messages (progress, done), and this screen draws them. The dialog closes
with the import's `Outcome` for the pane to show (summary, table reloaded).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.widgets import Button, DirectoryTree, Input, Label, ProgressBar, Static

from tui.domain.text import printable
from tui.screens.quiet import QuietModal
from tui.tabs.log.editor import Outcome
from tui.widgets.safe_text import SafeInput, cleaned

Importer = Callable[[list[str], Callable[[int, int], None]], Outcome]
"""Imports the paths, calling progress(done, total) as files are read (from its thread)."""

SUFFIXES = (".fit", ".gpx", ".tcx", ".gz", ".zip", ".csv", ".json")
"""What the picker shows besides folders."""


class ActivityTree(DirectoryTree):
    """Folders and the files footpain can import; hidden ones left out."""

    def filter_paths(self, paths):  # type: ignore[no-untyped-def]
        return [p for p in paths if not p.name.startswith(".")
                and (p.is_dir() or p.name.lower().endswith(SUFFIXES))]

    def process_label(self, label):  # type: ignore[no-untyped-def]
        """A file name as the picker shows it: through `printable`, since a name on disk may
        hold an escape sequence (DirectoryTree would draw it raw)."""
        if isinstance(label, str):
            label = printable(label)
        return super().process_label(label)


class ImportModal(QuietModal[Outcome | None]):
    """Choose a file or folder, import it, and close with what the import did."""

    BINDINGS = [
        Binding("ctrl+s", "start", "Import", id="import.start"),
        Binding("escape", "cancel", "Cancel", id="import.cancel"),
    ]

    class Progress(Message):
        """Files read so far (posted from the worker thread)."""

        def __init__(self, done: int, total: int) -> None:
            super().__init__()
            self.done, self.total = done, total

    class Done(Message):
        """The import finished (posted from the worker thread)."""

        def __init__(self, outcome: Outcome) -> None:
            super().__init__()
            self.outcome = outcome

    def __init__(self, importer: Importer, start: Path | None = None) -> None:
        super().__init__(classes="log-modal")
        self.importer = importer
        self.start = start if start is not None else Path.home()
        self.running = False

    def compose(self) -> ComposeResult:
        """Intro, the path box, the picker, a progress bar, Import and Cancel."""
        with Vertical(classes="log-form", id="import-form"):
            yield Static(
                "A FIT, GPX or TCX file (or .gz), a folder of them, or a Strava export "
                "(its folder or .zip). Runs come in without pain scores: add them with e or m.",
                classes="form-intro", markup=False,
            )  # fmt: skip
            with Horizontal(classes="form-row -wide"):
                yield Label("Path", classes="form-label")
                yield SafeInput("", id="import-path", compact=True, classes="form-input form-wide",
                                placeholder="type a path or pick one below")
                yield Static("", id="hint-path", classes="form-hint", markup=False)
            yield ActivityTree(self.start, id="import-tree")
            yield ProgressBar(id="import-progress", show_eta=False)
            with Horizontal(classes="form-buttons"):
                yield Button("Import", id="import-start", variant="primary", compact=True)
                yield Button("Cancel", id="import-cancel", compact=True)

    def on_mount(self) -> None:
        box = self.query_one("#import-form")
        box.border_title = "Import runs from a watch or phone"
        box.border_subtitle = "Ctrl+S import · Esc cancel"
        self.query_one("#import-progress").display = False
        self.query_one("#import-path", Input).focus()

    @on(DirectoryTree.FileSelected)
    @on(DirectoryTree.DirectorySelected)
    def _picked(self, event: DirectoryTree.FileSelected | DirectoryTree.DirectorySelected) -> None:
        """A file or folder chosen in the picker goes into the path box."""
        self.query_one("#import-path", Input).value = str(event.path)
        self._hint("")

    @on(Input.Changed, "#import-path")
    def _typed(self) -> None:
        self._hint("")

    def _hint(self, text: str) -> None:
        hint = self.query_one("#hint-path", Static)
        hint.update(cleaned(text))
        hint.set_class(bool(text), "-error")

    @on(Input.Submitted, "#import-path")
    @on(Button.Pressed, "#import-start")
    def action_start(self) -> None:
        """Check the path, then import in a worker thread."""
        if self.running:
            return
        typed = self.query_one("#import-path", Input).value.strip()
        if not typed:
            self._hint("✗ type a path, or pick a file or folder below (Enter)")
            return
        path = Path(typed).expanduser()
        if not path.exists():
            self._hint("✗ no such file or folder")
            return
        self.running = True
        self.query_one("#import-start", Button).disabled = True
        self.query_one("#import-progress").display = True
        self._hint("")
        self._import(str(path))

    @work(thread=True, exclusive=True, exit_on_error=False)
    def _import(self, path: str) -> None:
        """The import itself, off the event loop; it only posts messages."""
        try:
            outcome = self.importer([path], lambda done, total: self.post_message(
                self.Progress(done, total)))
        except Exception as error:  # noqa: BLE001  (a parser's surprise must not kill the app)
            outcome = Outcome(warning=f"Nothing imported: {type(error).__name__}: {error}")
        self.post_message(self.Done(outcome))

    def on_import_modal_progress(self, message: Progress) -> None:
        self.query_one("#import-progress", ProgressBar).update(total=message.total,
                                                               progress=message.done)

    def on_import_modal_done(self, message: Done) -> None:
        self.running = False
        self.dismiss(message.outcome)

    @on(Button.Pressed, "#import-cancel")
    def action_cancel(self) -> None:
        """Close; an import under way finishes first (it is one transaction)."""
        if self.running:
            self.notify("The import is running; it closes this when done.")
            return
        self.dismiss(None)
