"""The keys screen: every binding in the app, gathered from the code so it never goes stale."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widget import Widget
from textual.widgets import Static

from tui.screens.quiet import QuietModal

if TYPE_CHECKING:
    from textual.dom import DOMNode

KEY_NAMES = {
    "question_mark": "?",
    "space": "Space",
    "escape": "Esc",
    "enter": "Enter",
    "plus": "+",
    "minus": "-",
    "equals_sign": "=",
    "up": "↑",
    "down": "↓",
    "left": "←",
    "right": "→",
    "pagedown": "PgDn",
    "pageup": "PgUp",
}


def key_label(keys: str) -> str:
    """A readable form of a binding's key list ("question_mark,f1" → "? / F1")."""
    parts = []
    for key in keys.split(","):
        key = key.strip()
        label = KEY_NAMES.get(key, key)
        if label.startswith("f") and label[1:].isdigit():
            label = label.upper()
        elif label.startswith("ctrl+"):
            label = "Ctrl+" + label[5:]
        parts.append(label)
    return " / ".join(parts)


def own_bindings(node: DOMNode) -> list[Binding]:
    """Bindings declared by footpain's own classes on this node (not Textual's widgets)."""
    found: list[Binding] = []
    for cls in type(node).__mro__:
        if not cls.__module__.startswith("tui."):
            continue
        for item in cls.__dict__.get("BINDINGS", []):
            found.append(item if isinstance(item, Binding) else Binding(*item))
    return found


class HelpModal(QuietModal[None]):
    """A scrollable list of every key, by tab. Esc, ? or q closes it."""

    BINDINGS = [Binding("escape,question_mark,f1,q", "dismiss", "Close", id="help.close")]

    def __init__(self, tabs: Sequence[Widget] = ()) -> None:
        super().__init__()
        self.tabs = list(tabs)
        """The tab panes whose keys are listed, in tab order (the App passes them)."""

    def compose(self) -> ComposeResult:
        """The key table inside a bordered box."""
        with VerticalScroll(id="help-box"):
            yield Static(self._describe(), id="help-text")

    def on_mount(self) -> None:
        """Title the box."""
        box = self.query_one("#help-box")
        box.border_title = "Keys"
        box.border_subtitle = "Esc to close"
        box.focus()

    def _describe(self) -> Text:
        app = self.app
        text = Text()
        text.append("Everywhere\n", style="bold underline")
        self._add(text, own_bindings(app))
        text.append("  Ctrl+P     command palette: every tab and main action\n")
        text.append("  Tab        move between fields; the mouse works too\n")
        for pane in self.tabs:
            keys_by_action: dict[str, list[str]] = {}  # one line per description
            for node in [pane, *pane.query("*")]:
                for binding in own_bindings(node):
                    keys = keys_by_action.setdefault(binding.description, [])
                    keys.extend(k for k in binding.key.split(",") if k not in keys)
            merged = [Binding(",".join(k), "", d) for d, k in keys_by_action.items()]
            if merged:
                title = str(pane.id or "").removesuffix("-pane").replace("-", " ").capitalize()
                text.append(f"\n{title}\n", style="bold underline")
                self._add(text, merged)
        text.append(
            "\nfootpain gives general information, not a diagnosis. "
            "Red flags always come first.\n",
            style="italic",
        )
        return text

    @staticmethod
    def _add(text: Text, bindings: list[Binding]) -> None:
        for binding in bindings:
            if not binding.description:
                continue
            text.append(f"  {key_label(binding.key):<10} ", style="bold")
            text.append(f"{binding.description}\n")
