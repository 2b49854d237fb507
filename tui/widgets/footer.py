"""The key bar at the bottom: one line, drawn by one widget.

Textual's Footer is a row of widgets, one per key, rebuilt after the next refresh whenever
the focus moves. A tab switch moves the focus into the new tab, so over SSH every switch
painted the screen, then the new footer a frame later, then the footer again once its new
widgets had their sizes (and Textual 8.2.8's Footer leaked a watcher for every key it ever
drew). This bar is a single line of text that repaints in the same frame as the change that
caused it, only when the keys on show differ; clicking a key presses it.
"""

from __future__ import annotations

from typing import Any, NamedTuple

from rich.text import Text
from textual import events
from textual.screen import Screen
from textual.widget import Widget


class ShownKey(NamedTuple):
    """One key as drawn: what to press, what it does, whether it works now."""

    key: str
    display: str
    description: str
    enabled: bool


class KeyBar(Widget, can_focus=False):
    """The keys that work where the focus is, then the command palette's key on the right."""

    ALLOW_SELECT = False
    COMPONENT_CLASSES = {"keybar--key", "keybar--description", "keybar--palette-edge"}
    DEFAULT_CSS = """
    KeyBar {
        dock: bottom;
        height: 1;
        color: $footer-foreground;
        background: $footer-background;
        .keybar--key {
            color: $footer-key-foreground;
            background: $footer-key-background;
            text-style: bold;
        }
        .keybar--description {
            color: $footer-description-foreground;
            background: $footer-description-background;
        }
        .keybar--palette-edge {
            color: $foreground 20%;
        }
    }
    """

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._keys: tuple[ShownKey, ...] = ()
        self._palette: ShownKey | None = None
        self._spans: list[tuple[int, int, ShownKey]] = []
        """Where each key was drawn: start and end column, for clicks."""

    def on_mount(self) -> None:
        """Follow the screen's bindings, and draw the ones there now."""
        self._followed: Screen | None = None
        self.follow(self.screen)

    def on_unmount(self) -> None:
        """Stop following the screen's bindings."""
        if self._followed is not None:
            self._followed.bindings_updated_signal.unsubscribe(self)

    def follow(self, screen: Screen) -> None:
        """Show the keys of `screen`: the tabs' own, or a dialog's while it is on top (the
        dialog's Save and Esc, not the Log's keys under it)."""
        if screen is self._followed:
            return
        if self._followed is not None:
            self._followed.bindings_updated_signal.unsubscribe(self)
        self._followed = screen
        screen.bindings_updated_signal.subscribe(self, self.bindings_changed)
        self.bindings_changed(screen)

    def bindings_changed(self, screen: Screen) -> None:
        """Repaint if the keys to show differ from the ones drawn."""
        if screen is not self._followed:
            return
        dialog = screen is not self.screen  # a screen on top: only its own keys
        keys: list[ShownKey] = []
        palette: ShownKey | None = None
        palette_key = self.app.COMMAND_PALETTE_BINDING if self.app.ENABLE_COMMAND_PALETTE else ""
        seen_actions: set[str] = set()
        for key, (node, binding, enabled, _tooltip) in screen.active_bindings.items():
            if dialog and node is self.app:
                continue
            shown = ShownKey(key, self.app.get_key_display(binding), binding.description,
                             enabled)
            if key == palette_key:
                palette = shown
            elif binding.show and binding.action not in seen_actions:
                seen_actions.add(binding.action)  # one key per action, as Textual's Footer
                keys.append(shown)
        if (tuple(keys), palette) != (self._keys, self._palette):
            self._keys, self._palette = tuple(keys), palette
            self.refresh()

    @property
    def keys(self) -> tuple[ShownKey, ...]:
        """The keys on show, left to right (the palette key not included)."""
        return self._keys

    def _piece(self, shown: ShownKey) -> Text:
        key_style = self.get_component_rich_style("keybar--key")
        text_style = self.get_component_rich_style("keybar--description")
        piece = Text.assemble((f" {shown.display} ", key_style), (f"{shown.description} ",
                                                                    text_style))
        if not shown.enabled:
            piece.stylize("dim")
        return piece

    def render(self) -> Text:
        """Each key and what it does; the palette key at the right edge."""
        line = Text(no_wrap=True, overflow="crop", end="")
        self._spans = []
        for shown in self._keys:
            piece = self._piece(shown)
            self._spans.append((len(line), len(line) + len(piece), shown))
            line.append_text(piece)
        if self._palette is not None:
            piece = Text.assemble(
                ("▏", self.get_component_rich_style("keybar--palette-edge")),
                self._piece(self._palette),
            )
            start = self.size.width - len(piece)
            if start > len(line):  # at the right edge, if it fits there
                line.pad_right(start - len(line))
                self._spans.append((start, start + len(piece), self._palette))
                line.append_text(piece)
        return line

    def key_at(self, x: int) -> ShownKey | None:
        """The key drawn at column x, if any."""
        return next((shown for start, end, shown in self._spans if start <= x < end), None)

    def on_click(self, event: events.Click) -> None:
        """Press the clicked key (or ring the bell if it does nothing here)."""
        shown = self.key_at(event.x)
        if shown is None:
            return
        if shown.enabled:
            self.app.simulate_key(shown.key)
        else:
            self.app.bell()
