"""Textual's Footer without its two hidden costs: repaints that change nothing, and a leak.

Every focus change makes Textual's Footer rebuild its keys, even when the keys on show are
the same ones: over SSH that is a footer's worth of bytes per key press. And in Textual 8.2.8
each rebuilt key registers a watcher on the footer that is never removed, so a long session
of tab switches grows the process by about 0.4 MiB per round trip (measured by the bench).
"""

from __future__ import annotations

from typing import Any

from textual.screen import Screen
from textual.widgets import Footer


class LeanFooter(Footer):
    """A Footer that rebuilds only when the keys it shows change, and drops stale watchers."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._shown: tuple[Any, ...] | None = None

    @staticmethod
    def _keys_on_show(screen: Screen) -> tuple[Any, ...]:
        """What the footer would show: each shown binding's key, label, action and state."""
        return tuple(
            (binding.key, binding.description, binding.action, enabled, tooltip)
            for _node, binding, enabled, tooltip in screen.active_bindings.values()
            if binding.show
        )

    def bindings_changed(self, screen: Screen) -> None:
        """Rebuild only if the keys on show differ from the ones already drawn (or about to
        be: the first build is queued until after a refresh, and a focus change before it
        need not queue a second)."""
        if screen is self.screen:
            shown = self._keys_on_show(screen)
            if shown == self._shown and self._bindings_ready:
                return
            self._shown = shown
        super().bindings_changed(screen)

    async def recompose(self) -> None:
        """Rebuild the keys, then forget the watchers the old keys left on the footer."""
        await super().recompose()
        watchers: dict[str, list[tuple[Any, Any]]] = getattr(self, "__watchers", {})
        for name, items in watchers.items():
            watchers[name] = [(node, cb) for node, cb in items if node.is_attached]
