"""A small modal form: labelled one-line fields, each with a hint that turns into its error.

The caller supplies a validate function that returns (result, {}) or (None, {field: reason}),
so the rules live in the domain and this screen only shows them. Used by the Log tab for the
next-morning question, episodes, shoes and export. Values are edited as stored (a shoe name,
an episode note), drawn by `SafeInput` with control characters as visible glyphs; hints and
errors go through `printable`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Button, Input, Label, Select, Static

from tui.screens.quiet import QuietModal
from tui.widgets.safe_text import SafeInput, cleaned, markup_safe

Validate = Callable[[dict[str, str]], tuple[Any, Mapping[str, str]]]


@dataclass
class FieldSpec:
    """One row of a FieldsModal."""

    name: str
    label: str
    value: str = ""
    hint: str = ""
    choices: Sequence[tuple[str, str]] | None = None
    """For a choice field: (label, value) pairs shown in a Select."""
    allow_blank: bool = False
    wide: bool = False
    """The input takes the rest of the row (a file path); its hint goes below it."""
    extra: dict[str, Any] = field(default_factory=dict)


class FieldsModal(QuietModal[Any]):
    """Ask for a few values; Ctrl+S or Enter saves when valid, Esc cancels."""

    BINDINGS = [
        Binding("ctrl+s", "save", "Save", id="form.save"),
        Binding("escape", "cancel", "Cancel", id="form.cancel"),
    ]

    def __init__(
        self, title: str, fields: Sequence[FieldSpec], validate: Validate, intro: str = ""
    ) -> None:
        super().__init__(classes="log-modal")
        self.title_text = title
        self.fields = list(fields)
        self.validate = validate
        self.intro = intro

    def compose(self) -> ComposeResult:
        """Intro text, one row per field, Save and Cancel."""
        with VerticalScroll(classes="log-form"):
            if self.intro:
                yield Static(cleaned(self.intro), classes="form-intro", markup=False)
            for spec in self.fields:
                with Horizontal(classes="form-row -wide" if spec.wide else "form-row"):
                    yield Label(spec.label, classes="form-label")
                    classes = "form-input form-wide" if spec.wide else "form-input"
                    if spec.choices is not None:
                        yield Select(
                            list(spec.choices),
                            value=spec.value if spec.value else Select.NULL,
                            allow_blank=spec.allow_blank,
                            id=f"field-{spec.name}",
                            compact=True,
                            classes=classes,
                        )
                    else:
                        yield SafeInput(
                            spec.value, id=f"field-{spec.name}", compact=True, classes=classes
                        )
                    yield Static(
                        cleaned(spec.hint), id=f"hint-{spec.name}", classes="form-hint",
                        markup=False,
                    )
            with Horizontal(classes="form-buttons"):
                yield Button("Save", id="form-save", variant="primary", compact=True)
                yield Button("Cancel", id="form-cancel", compact=True)

    def on_mount(self) -> None:
        """Title the box and focus the first field."""
        box = self.query_one(".log-form")
        box.border_title = markup_safe(self.title_text)  # a border title is markup
        box.border_subtitle = "Ctrl+S save · Esc cancel"
        if self.fields:
            self.query_one(f"#field-{self.fields[0].name}").focus()

    def values(self) -> dict[str, str]:
        """Every field's current text (a Select gives its value, or "" when blank)."""
        found: dict[str, str] = {}
        for spec in self.fields:
            widget = self.query_one(f"#field-{spec.name}")
            if isinstance(widget, Select):
                value = widget.value
                found[spec.name] = "" if value is Select.NULL else str(value)
            else:
                assert isinstance(widget, Input)
                found[spec.name] = widget.value
        return found

    def show_errors(self, errors: Mapping[str, str]) -> None:
        """Put each error beside its field (✗ reason), restoring the hints elsewhere."""
        for spec in self.fields:
            hint = self.query_one(f"#hint-{spec.name}", Static)
            reason = errors.get(spec.name)
            hint.update(cleaned(f"✗ {reason}" if reason else spec.hint))
            hint.set_class(bool(reason), "-error")

    def clear_error(self, name: str) -> None:
        """A field the runner changed loses its old error (the hint comes back)."""
        spec = next((s for s in self.fields if s.name == name), None)
        if spec is None:
            return
        hint = self.query_one(f"#hint-{spec.name}", Static)
        if hint.has_class("-error"):
            hint.update(cleaned(spec.hint))
            hint.remove_class("-error")

    @on(Input.Changed)
    @on(Select.Changed)
    def _field_changed(self, event: Input.Changed | Select.Changed) -> None:
        self.clear_error((event.control.id or "").removeprefix("field-"))

    @on(Input.Submitted)
    @on(Button.Pressed, "#form-save")
    def action_save(self) -> None:
        """Validate; dismiss with the result, or show the errors and keep the form open."""
        result, errors = self.validate(self.values())
        self.show_errors(errors)
        if not errors:
            self.dismiss(result)

    @on(Button.Pressed, "#form-cancel")
    def action_cancel(self) -> None:
        """Close without saving."""
        self.dismiss(None)
