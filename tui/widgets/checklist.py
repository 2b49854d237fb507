"""A checklist: an option list whose items tick on and off with space, enter or a click.

Ticked items show "[✓]" and unticked "[ ]", so the state never depends on colour. Headings
are disabled options the cursor skips.
"""

from __future__ import annotations

from collections.abc import Iterable

from rich.text import Text
from textual import on
from textual.binding import Binding
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from tui.domain.frozen import frozen
from tui.widgets._textual_compat import SteadyOptionList


@frozen()
class Heading:
    """A line of bold text between the items; not selectable."""

    text: str


class CheckList(SteadyOptionList):
    """Items that can be ticked; posts CheckList.Changed with the ticked ids."""

    BINDINGS = [
        Binding("space", "select", "Tick", id="checklist.tick"),
        Binding("j", "cursor_down", "Down", show=False, id="checklist.down"),
        Binding("k", "cursor_up", "Up", show=False, id="checklist.up"),
    ]

    class Changed(Message):
        """The set of ticked items changed."""

        def __init__(self, checklist: CheckList, ticked: tuple[str, ...]) -> None:
            super().__init__()
            self.checklist = checklist
            self.ticked = ticked

        @property
        def control(self) -> CheckList:
            """The checklist that changed (for @on selectors)."""
            return self.checklist

    def __init__(
        self,
        items: Iterable[tuple[str, str] | Heading],
        *,
        ticked: Iterable[str] = (),
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        self._labels: dict[str, str] = {}
        self._order: list[str] = []
        self._ticked: set[str] = set()
        super().__init__(*self._build_options(items), id=id, classes=classes)
        for ident in ticked:
            self.set_ticked(ident, True, notify=False)

    def set_items(self, items: Iterable[tuple[str, str] | Heading]) -> None:
        """Replace the items, keeping the ticks of those still listed (posts Changed when a
        tick was dropped)."""
        before, highlighted = self.ticked, self.highlighted
        options = self._build_options(items)
        self._ticked &= set(self._order)
        self.clear_options()
        self.add_options(options)
        if highlighted is not None and options:
            self.highlighted = min(highlighted, len(options) - 1)
        else:
            self.action_first()  # the first item that is not a heading
        if self.ticked != before:
            self.post_message(self.Changed(self, self.ticked))

    @property
    def idents(self) -> tuple[str, ...]:
        """Every item's id, in list order."""
        return tuple(self._order)

    def _build_options(self, items: Iterable[tuple[str, str] | Heading]) -> list[Option]:
        """Options for the items (headings disabled), recording labels and order."""
        self._labels, self._order = {}, []
        options: list[Option] = []
        for item in items:
            if isinstance(item, Heading):
                options.append(Option(Text(item.text, style="bold"), disabled=True))
                continue
            ident, label = item
            self._labels[ident] = label
            self._order.append(ident)
            options.append(Option(self._prompt(label, ident in self._ticked), id=ident))
        return options

    @staticmethod
    def _prompt(label: str, on: bool) -> Text:
        """The line for one item: a box that shows ✓ when ticked, then the label."""
        return Text.assemble(("[✓] " if on else "[ ] "), label)

    @property
    def ticked(self) -> tuple[str, ...]:
        """Ticked ids, in list order."""
        return tuple(i for i in self._order if i in self._ticked)

    def set_ticked(self, ident: str, on: bool, *, notify: bool = True) -> None:
        """Tick or untick one item."""
        if (ident in self._ticked) == on:
            return
        (self._ticked.add if on else self._ticked.discard)(ident)
        self.replace_option_prompt(ident, self._prompt(self._labels[ident], on))
        if notify:
            self.post_message(self.Changed(self, self.ticked))

    def clear_ticks(self) -> None:
        """Untick everything (posts one Changed)."""
        for ident in list(self._ticked):
            self.set_ticked(ident, False, notify=False)
        self.post_message(self.Changed(self, self.ticked))

    @on(OptionList.OptionSelected)
    def _toggle(self, event: OptionList.OptionSelected) -> None:
        """Space, enter or a click flips the highlighted item."""
        event.stop()
        ident = event.option.id
        if ident is not None:
            self.set_ticked(ident, ident not in self._ticked)
