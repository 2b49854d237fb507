"""The settings form: every field validated by the Settings model, errors beside the field."""

from __future__ import annotations

from collections.abc import Callable

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, Checkbox, Input, Label, Select, Static

from tui.domain.record import RecordError
from tui.domain.settings import Settings
from tui.screens.quiet import QuietModal
from tui.widgets.tickbox import TickBox

CHOICES: dict[str, list[tuple[str, str]]] = {
    "theme": [
        ("Dark", "footpain-dark"),
        ("Light", "footpain-light"),
        ("High contrast", "footpain-contrast"),
    ],
    "animations": [
        ("Auto (off over SSH)", "auto"),
        ("On", "on"),
        ("Off", "off"),
    ],
    "units": [("Kilometres", "km"), ("Miles", "mi")],
}
SWITCHES = {"bell": "Terminal bell", "notifications": "Desktop notifications"}
TEXTS = {
    "ice_minutes": "Ice minutes (5-20)",
    "ice_gap_hours": "Hours between ice (2-3)",
    "quiet_start": "Quiet from (HH:MM)",
    "quiet_end": "Quiet until (HH:MM)",
}
LABELS = {"theme": "Theme", "animations": "Animations", "units": "Distance units"}


def friendly_error(problem: dict) -> str:
    """Say what a record's error means for a person typing into a field."""
    limit = problem.get("ctx") or {}
    kind = problem.get("type", "")
    if kind == "less_than_equal":
        return f"must be {limit.get('le')} or less"
    if kind == "greater_than_equal":
        return f"must be {limit.get('ge')} or more"
    if kind in ("int_parsing", "int_from_float"):
        return "must be a whole number"
    if kind == "float_parsing":
        return "must be a number"
    return str(problem.get("msg", "not valid")).removeprefix("Value error, ")


class SettingsModal(QuietModal[Settings | None]):
    """Edit settings; Ctrl+S or Save keeps them, Esc leaves them as they were."""

    AUTO_FOCUS = "#settings-box Select"
    BINDINGS = [
        Binding("ctrl+s", "save", "Save", id="settings.save"),
        Binding("escape", "cancel", "Cancel", id="settings.cancel"),
    ]

    def __init__(self, settings: Settings,
                 save: Callable[[Settings], str | None] | None = None) -> None:
        super().__init__()
        self.settings = settings
        self.save = save
        """Writes the checked settings and returns why it could not (None once saved): the
        form then stays open, as typed, with the reason beside Save."""

    def compose(self) -> ComposeResult:
        """One row per setting, each with room for an error message."""
        s = self.settings
        # Not a Tab stop of its own: the focus opens on the first field, where it shows.
        with VerticalScroll(id="settings-box", can_focus=False):
            for name, options in CHOICES.items():
                with Horizontal(classes="setting-row"):
                    yield Label(LABELS[name], classes="setting-label")
                    yield Select(
                        options, value=getattr(s, name), allow_blank=False, id=name, compact=True
                    )
            for name, label in SWITCHES.items():
                with Horizontal(classes="setting-row"):
                    yield Label(label, classes="setting-label")
                    yield TickBox(getattr(s, name), id=name, compact=True)
            for name, label in TEXTS.items():
                with Horizontal(classes="setting-row"):
                    yield Label(label, classes="setting-label")
                    with Vertical(classes="setting-field"):
                        yield Input(
                            str(getattr(s, name)), id=name, classes="setting-input", compact=True
                        )
                        error = Static("", id=f"{name}-error", classes="field-error", markup=False)
                        error.display = False
                        yield error
            problem = Static("", id="settings-problem", classes="field-error", markup=False)
            problem.display = False
            yield problem
            with Horizontal(id="settings-buttons"):
                yield Button("Save", id="save", variant="primary", compact=True)
                yield Button("Cancel", id="cancel", compact=True)

    def on_mount(self) -> None:
        """Title the box."""
        box = self.query_one("#settings-box")
        box.border_title = "Settings"
        box.border_subtitle = "Ctrl+S save · Esc cancel"

    def _values(self) -> dict[str, object]:
        values: dict[str, object] = self.settings.model_dump()
        for name in CHOICES:
            values[name] = self.query_one(f"#{name}", Select).value
        for name in SWITCHES:
            values[name] = self.query_one(f"#{name}", Checkbox).value
        for name in TEXTS:
            values[name] = self.query_one(f"#{name}", Input).value.strip()
        return values

    @on(Button.Pressed, "#save")
    def action_save(self) -> None:
        """Validate every field; save only if all are good."""
        for name in TEXTS:
            self._show_error(name, "")
        try:
            settings = Settings.model_validate(self._values())
        except RecordError as error:
            for problem in error.errors():
                name = str(problem["loc"][0]) if problem["loc"] else ""
                message = friendly_error(problem)
                if name in TEXTS:
                    self._show_error(name, f"↑ {message}")
            self.notify("Some settings need fixing; nothing was saved.", severity="warning")
            return
        problem = self.save(settings) if self.save is not None else None
        box = self.query_one("#settings-problem", Static)
        box.update(f"✗ Not saved: {problem}" if problem else "")
        box.display = bool(problem)
        if not problem:
            self.dismiss(settings)

    def _show_error(self, name: str, message: str) -> None:
        error = self.query_one(f"#{name}-error", Static)
        error.update(message)
        error.display = bool(message)

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        """Leave without saving."""
        self.dismiss(None)
