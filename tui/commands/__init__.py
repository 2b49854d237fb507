"""Subcommands of the footpain CLI; each module has `register(subparsers, common)`.

None of them imports Textual: they serve shells and scripts and must start fast.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tui.store import Store


def units_of(store: Store) -> str:
    """The runner's distance units ("km" or "mi"); km when the settings file cannot be read
    (the app reports and repairs it: a shell command need not)."""
    from tui.store import StoreError

    try:
        return store.settings.read().units
    except StoreError:
        return "km"
