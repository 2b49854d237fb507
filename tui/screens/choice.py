"""The app's one confirmation dialog: a question, a button and a key for each answer, Esc.

Every yes/no (or a-few-ways) question is a `ChoiceModal`: stopping a drills routine or an ice
session, starting over, carrying on a saved run, loading drills during a bone injury, leaving
a session out of the log. The first choice is the default (focused, highlighted); Esc gives
the safe one. The keys are bindings of the dialog and are listed in its lower border.

Textual collects `BINDINGS` per class, and the keys here differ from question to question,
so `ChoiceModal(...)` returns an instance of a small subclass that declares the keys of its
choices (made once for each set of keys and reused). It is still a `ChoiceModal`.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from typing import Any, ClassVar, NamedTuple

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Static

from tui.screens.quiet import QuietModal
from tui.widgets.safe_text import cleaned, markup_safe, plain


class Choice(NamedTuple):
    """One answer: what the dialog returns, the button's label, and the key that picks it."""

    id: str
    label: str
    key: str


ChoiceLike = Choice | tuple[str, str, str]


class ChoiceModal(QuietModal[str]):
    """A question with a few answers; dismisses with the chosen answer's id (Esc: the safe
    one). Title, question and labels are shown as text, never read as markup."""

    DEFAULT_CSS = """
    ChoiceModal {
        align: center middle;
    }
    #choice-box {
        width: 64;
        max-width: 100%;
        height: auto;
        border: round $primary;
        background: $surface;
        padding: 0 1;
    }
    #choice-question {
        height: auto;
        margin: 1 0;
    }
    #choice-buttons {
        height: auto;
        align-horizontal: right;
    }
    #choice-buttons Button {
        margin-left: 1;
    }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "choose_safe", "The safe answer", id="choice.safe", show=False),
    ]

    def __new__(cls, title: str, question: str, choices: Sequence[ChoiceLike],
                **options: Any) -> ChoiceModal:
        """An instance of the subclass that binds these choices' keys."""
        keys = tuple(Choice(*choice) for choice in choices)
        return super().__new__(_with_keys(cls, keys))

    def __init__(self, title: str, question: str, choices: Sequence[ChoiceLike], *,
                 safe: str = "cancel") -> None:
        super().__init__()
        self.title_text = title
        """The box's title (plain text)."""
        self.question = question
        """What is asked (plain text)."""
        self.choices = [Choice(*choice) for choice in choices]
        """The answers, in button order; the first is focused."""
        if safe not in {choice.id for choice in self.choices}:
            raise ValueError(f"the safe answer {safe!r} is not one of the choices")
        self.safe = safe
        """The answer Esc gives: the one that changes nothing."""

    def compose(self) -> ComposeResult:
        """The question and one button per choice (the first is the default)."""
        with Vertical(id="choice-box"):
            yield Static(cleaned(self.question), id="choice-question", markup=False)
            with Horizontal(id="choice-buttons"):
                for position, choice in enumerate(self.choices):
                    variant = "primary" if position == 0 else "default"
                    yield Button(plain(choice.label), id=choice.id, variant=variant)

    def on_mount(self) -> None:
        """Title the box, list the keys in its border and focus the first choice."""
        box = self.query_one("#choice-box")
        box.border_title = markup_safe(self.title_text)  # border titles are markup
        box.border_subtitle = markup_safe(self.keys_hint())
        self.query(Button).first().focus()

    def keys_hint(self) -> str:
        """"s Stop · k Keep going · Esc keep going": each choice's key, then Esc's."""
        safe = next(choice.label for choice in self.choices if choice.id == self.safe)
        keys = [f"{choice.key} {choice.label}" for choice in self.choices]
        return " · ".join([*keys, f"Esc {safe[:1].lower()}{safe[1:]}"])

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id or self.safe)

    def action_choose(self, choice: str) -> None:
        """Close with this answer."""
        self.dismiss(choice)

    def action_choose_safe(self) -> None:
        """Close with the answer that changes nothing."""
        self.dismiss(self.safe)


@cache
def _with_keys(base: type[ChoiceModal], choices: tuple[Choice, ...]) -> type[ChoiceModal]:
    """A subclass of `base` with a binding for each choice's key."""
    bindings = [
        Binding(choice.key, f"choose({choice.id!r})", choice.label, id=f"choice.{choice.id}")
        for choice in choices
    ]
    namespace = {"BINDINGS": bindings, "__module__": base.__module__, "__doc__": base.__doc__}
    return type(base)(base.__name__, (base,), namespace)
