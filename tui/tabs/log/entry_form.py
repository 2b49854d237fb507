"""The journal entry form (add or edit): every field checked, each error beside its field."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.css.query import NoMatches
from textual.widgets import Button, Input, Label, Select, Static, TextArea

from tui.domain.content import Region
from tui.domain.entry_input import parse_entry
from tui.domain.journal import ACTIVITY_LABELS, RUNNING_ACTIVITIES, Entry, Shoe, pain_word
from tui.domain.units import format_distance, unit_label
from tui.screens.quiet import QuietModal
from tui.widgets.checklist import CheckList
from tui.widgets.safe_text import SafeInput, cleaned, plain
from tui.widgets.safe_text_area import SafeTextArea

PAIN_HINT = "1-3 mild, 4-6 moderate, 7+ severe"
PAIN_FIELDS = ("pain_before", "pain_after", "pain_next_morning")
HINTS = {"date": "YYYY-MM-DD", "distance": "blank if none", "duration": "or h:mm"}
"""The hints a field shows when it has no error."""


class EntryFormModal(QuietModal[Entry | None]):
    """Add or edit one journal entry. Ctrl+S saves, Esc cancels."""

    BINDINGS = [
        Binding("ctrl+s", "save", "Save", id="entry.save"),
        Binding("escape", "cancel", "Cancel", id="entry.cancel"),
    ]

    def __init__(
        self,
        *,
        today: date,
        units: str,
        shoes: list[Shoe],
        regions: list[Region],
        entry: Entry | None = None,
        no_running: Callable[[date], str | None] | None = None,
        save: Callable[[Entry], str | None] | None = None,
    ) -> None:
        super().__init__(classes="log-modal")
        self.save = save
        """Writes a checked entry and returns why it could not (None when saved): the form
        then stays open with everything typed and the reason beside Save. Without it the
        form only returns the entry."""
        self.no_running = no_running
        """Why the return-to-run plan says no running on a day (warned beside Save)."""
        self.today = today
        self.units = units
        self.shoes = shoes
        self.regions = regions
        self.entry = entry

    def _row(self, name: str, label: str, widget, hint: str = "") -> ComposeResult:  # type: ignore[no-untyped-def]
        """A label, the field, and the hint that turns into the field's error."""
        with Horizontal(classes="form-row"):
            yield Label(label, classes="form-label")
            yield widget
            yield Static(hint, id=f"hint-{name}", classes="form-hint", markup=False)

    def compose(self) -> ComposeResult:
        """Date, activity, distance, duration, three pain scores, shoe, regions, note."""
        e = self.entry
        unit = unit_label(self.units)

        def text(name: str, value: str) -> Input:
            return SafeInput(value, id=f"field-{name}", compact=True, classes="form-input")

        def pain(value: int | None) -> str:
            return "" if value is None else str(value)

        with VerticalScroll(classes="log-form"):
            yield from self._row(
                "date", "Date", text("date", str(e.date if e else self.today)), "YYYY-MM-DD"
            )
            activities = [(label, key) for key, label in ACTIVITY_LABELS.items()]
            yield from self._row(
                "activity",
                "Activity",
                Select(
                    activities, value=e.activity if e else "run", allow_blank=False,
                    id="field-activity", compact=True, classes="form-input",
                ),  # fmt: skip
            )
            distance = format_distance(e.distance_km, self.units, with_unit=False) if e else ""
            yield from self._row(
                "distance", f"Distance ({unit})", text("distance", distance), "blank if none"
            )
            minutes = "" if e is None or e.duration_min is None else f"{e.duration_min:g}"
            yield from self._row("duration", "Minutes", text("duration", minutes), "or h:mm")
            labels = ("Pain before", "Pain after", "Next morning")
            for name, label in zip(PAIN_FIELDS, labels, strict=True):
                value = pain(getattr(e, name)) if e else ""
                yield from self._row(name, label, text(name, value), self._pain_hint(value))
            shoes = [(plain(s.name), s.id)  # a name is not markup
                     for s in self.shoes if not s.retired or (e and e.shoe == s.id)]
            yield from self._row(
                "shoe",
                "Shoe",
                Select(  # a shoe id no pair has (an imported file) shows as none, not a crash
                    shoes, value=e.shoe if e and e.shoe in {i for _n, i in shoes} else Select.NULL,
                    allow_blank=True,
                    prompt="(none)", id="field-shoe", compact=True, classes="form-input",
                ),  # fmt: skip
                "" if shoes else "add shoes in the Shoes view",
            )
            known = {r.id for r in self.regions}
            chosen = set(e.regions) & known if e else set()  # an unknown one is dropped
            with Horizontal(classes="form-row form-tall"):
                yield Label("Where it hurts", classes="form-label")
                regions = CheckList(
                    [(r.id, r.name) for r in self.regions], ticked=chosen,
                    id="field-regions", classes="form-input",
                )  # fmt: skip
                regions.compact = True
                yield regions
                yield Static("Space ticks", id="hint-regions", classes="form-hint")
            with Horizontal(classes="form-row form-tall"):
                yield Label("Note", classes="form-label")
                yield SafeTextArea(  # the note as stored; control characters drawn as ␛
                    e.note if e else "", id="field-note", compact=True, soft_wrap=True,
                    classes="form-input", tab_behavior="focus",
                )  # fmt: skip
                yield Static("", id="hint-note", classes="form-hint", markup=False)
            yield Static("", id="form-warning", markup=False)
            with Horizontal(classes="form-buttons"):
                yield Button("Save", id="form-save", variant="primary", compact=True)
                yield Button("Cancel", id="form-cancel", compact=True)

    def on_mount(self) -> None:
        """Title the form and start in the date field (an imported run: its first missing
        pain score)."""
        box = self.query_one(".log-form")
        box.border_title = "Edit entry" if self.entry else "New entry"
        box.border_subtitle = "Ctrl+S save · Esc cancel"
        self._initial = self.values()
        self._check_running()
        missing = self.missing_pain()
        if missing:
            self.query_one(f"#field-{missing[0]}", Input).focus()
        else:
            self.query_one("#field-date", Input).focus()

    def missing_pain(self) -> list[str]:
        """For a run imported from a watch or phone: the pain scores it still lacks."""
        e = self.entry
        if e is None or e.source is None:
            return []
        return [name for name in PAIN_FIELDS if getattr(e, name) is None]

    def _warning(self) -> str:
        """The line above Save: the plan's no-running warning, or what an import lacks."""
        warning = ""
        activity = self.query_one("#field-activity", Select).value
        if self.no_running is not None and activity in RUNNING_ACTIVITIES:
            try:
                day = date.fromisoformat(self.query_one("#field-date", Input).value.strip())
            except ValueError:
                day = None
            reason = self.no_running(day) if day is not None else None
            if reason:
                warning = f"! Careful: {reason}. You can still save it."
        if not warning and self.missing_pain():
            warning = ("Imported from a file, which has no pain scores: add how it felt "
                       "before, after and the next morning.")
        return warning

    def changed(self) -> bool:
        """Whether anything was typed or chosen since the form opened."""
        return self.is_mounted and self.values() != getattr(self, "_initial", self.values())

    @on(Input.Changed)
    @on(Select.Changed)
    @on(TextArea.Changed)
    def _clear_error(self, event: Input.Changed | Select.Changed | TextArea.Changed) -> None:
        """A field the runner changed loses its old error until the next save."""
        name = (event.control.id or "").removeprefix("field-")
        try:
            hint = self.query_one(f"#hint-{name}", Static)
        except NoMatches:
            return
        if hint.has_class("-error"):
            hint.remove_class("-error")
            value = self.values().get(name, "")
            hint.update(self._pain_hint(value) if name in PAIN_FIELDS else HINTS.get(name, ""))

    @on(Select.Changed, "#field-activity")
    @on(Input.Changed, "#field-date")
    def _check_running(self) -> None:
        """Warn beside Save when a run falls where the plan says no running yet."""
        warning = self._warning()
        box = self.query_one("#form-warning", Static)
        box.display = bool(warning)
        box.update(warning)

    @staticmethod
    def _pain_hint(value: str) -> str:
        """The pain word for a typed score, or the scale when empty or not a number."""
        value = value.strip()
        if value.isdigit() and 0 <= int(value) <= 10:
            return f"{value} = {pain_word(int(value))}"
        return PAIN_HINT

    @on(Input.Changed)
    def _pain_typed(self, event: Input.Changed) -> None:
        """Name the pain level as it is typed (mild / moderate / severe)."""
        name = (event.input.id or "").removeprefix("field-")
        if name in PAIN_FIELDS:
            hint = self.query_one(f"#hint-{name}", Static)
            if not hint.has_class("-error"):
                hint.update(self._pain_hint(event.value))

    def values(self) -> dict[str, str]:
        """Every field as text, the way parse_entry takes it."""
        found = {
            name: self.query_one(f"#field-{name}", Input).value
            for name in ("date", "distance", "duration", *PAIN_FIELDS)
        }
        found["activity"] = str(self.query_one("#field-activity", Select).value)
        shoe = self.query_one("#field-shoe", Select).value
        found["shoe"] = "" if shoe is Select.NULL else str(shoe)
        found["regions"] = ",".join(self.query_one("#field-regions", CheckList).ticked)
        found["note"] = self.query_one("#field-note", TextArea).text
        return found

    @on(Input.Submitted)
    @on(Button.Pressed, "#form-save")
    def action_save(self) -> None:
        """Check every field; save only when all are good."""
        entry, errors = parse_entry(
            self.values(),
            today=self.today,
            units=self.units,
            shoes=self.shoes,
            region_ids=[r.id for r in self.regions],
            base=self.entry,
        )
        for name in ("date", "activity", "distance", "duration", *PAIN_FIELDS, "shoe", "note"):
            hint = self.query_one(f"#hint-{name}", Static)
            if name in errors:
                hint.update(cleaned(f"✗ {errors[name]}"))  # may quote a shoe name
            elif hint.has_class("-error"):
                value = self.values().get(name, "")
                hint.update(self._pain_hint(value) if name in PAIN_FIELDS else HINTS.get(name, ""))
            hint.set_class(name in errors, "-error")
        if entry is None:
            self.notify("Fix the fields marked ✗; nothing was saved.", severity="warning")
            return
        problem = self.save(entry) if self.save is not None else None
        if problem:  # a full disk, a read-only folder: keep what was typed, say why
            box = self.query_one("#form-warning", Static)
            box.update(cleaned(f"✗ Not saved: {problem}"))  # a path may be in it
            box.display = True
            return
        self.dismiss(entry)

    @on(Button.Pressed, "#form-cancel")
    def action_cancel(self) -> None:
        """Close without saving; ask first when something was typed."""
        if not self.changed():
            self.dismiss(None)
            return
        from tui.screens.choice import ChoiceModal

        def answered(answer: str | None) -> None:
            if answer == "discard":
                self.dismiss(None)

        question = "Throw away what you typed in this entry?"
        answers = [("cancel", "Keep editing", "n"), ("discard", "Discard", "y")]
        self.app.push_screen(ChoiceModal("Discard?", question, answers), answered)
