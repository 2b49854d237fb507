"""Small questions the Drills tab asks: stop the routine? carry on the unfinished one?"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Static

from tui.screens.quiet import QuietModal
from tui.widgets.safe_text import cleaned, markup_safe


class ChoiceModal(QuietModal[str]):
    """A question with a few buttons; dismisses with the chosen button's id (Esc: "cancel")."""

    BINDINGS = [Binding("escape", "choose('cancel')", "Cancel", id="drills.modal_cancel")]

    def __init__(self, title: str, question: str, choices: list[tuple[str, str]]) -> None:
        super().__init__(classes="drills-modal")
        self.title_text = title
        self.question = question
        self.choices = choices

    def compose(self) -> ComposeResult:
        """The question and one button per choice (the first is the default)."""
        with Vertical(id="drills-modal-box"):
            yield Static(cleaned(self.question), id="drills-modal-question", markup=False)
            with Horizontal(id="drills-modal-buttons"):
                for position, (choice_id, label) in enumerate(self.choices):
                    variant = "primary" if position == 0 else "default"
                    yield Button(label, id=choice_id, variant=variant)

    def on_mount(self) -> None:
        """Title the box and focus the first choice."""
        box = self.query_one("#drills-modal-box")
        box.border_title = markup_safe(self.title_text)  # a border title is markup
        box.border_subtitle = "Enter choose · Tab next · Esc cancel"
        self.query(Button).first().focus()

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id or "cancel")

    def action_choose(self, choice: str) -> None:
        """Close with this answer."""
        self.dismiss(choice)
