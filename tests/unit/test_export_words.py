"""The Markdown summary's counts read as English (issue 15: "1 sessions")."""

from __future__ import annotations

from datetime import date

from tui.domain.export import to_markdown
from tui.domain.journal import Entry, Journal

TODAY = date(2026, 3, 14)


def test_one_session_is_singular_and_two_are_plural() -> None:
    """One ice session reads "1 session"; two runs read "2 sessions"."""
    journal = Journal(entries=[
        Entry(date=TODAY, activity="ice", duration_min=15),
        Entry(date=TODAY, activity="run", distance_km=5),
        Entry(date=TODAY, activity="run", distance_km=3),
    ])
    summary = to_markdown(journal, TODAY)
    assert ": 1 session\n" in summary and "1 sessions" not in summary
    assert ": 2 sessions, " in summary
