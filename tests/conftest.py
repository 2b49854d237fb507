"""Determinism for every test: private folders, a scrubbed environment, a fake clock."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from tui.domain.clock import FakeClock

FIXED_NOW = datetime(2026, 3, 14, 9, 0, tzinfo=UTC)
"""Saturday 14 March 2026, 09:00 UTC: "now" for every test that does not set its own."""
FIXED_TODAY = date(2026, 3, 14)


@pytest.fixture(autouse=True)
def _isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Data and config in tmp_path; no colour, SSH, tmux or Textual settings leak in."""
    monkeypatch.setenv("FOOTPAIN_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("FOOTPAIN_CONFIG_DIR", str(tmp_path / "config"))
    monkeypatch.setenv("FOOTPAIN_CACHE_DIR", str(tmp_path / "cache"))
    for name in ("NO_COLOR", "SSH_CONNECTION", "SSH_TTY", "SSH_CLIENT", "TMUX", "COLORTERM"):
        monkeypatch.delenv(name, raising=False)
    import os

    for name in list(os.environ):
        # TEXTUAL_SNAPSHOT_* belong to pytest-textual-snapshot itself; removing them breaks it.
        if name.startswith("TEXTUAL_") and not name.startswith("TEXTUAL_SNAPSHOT"):
            monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("TZ", "UTC")


@pytest.fixture
def clock() -> FakeClock:
    """A clock frozen at FIXED_NOW that moves only when a test advances it."""
    return FakeClock(FIXED_NOW)


@pytest.fixture(scope="session")
def content():
    """The real knowledge base, loaded once."""
    from tui.domain.content import load_content

    return load_content()


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    """The private data folder of this test."""
    return tmp_path / "data"


@pytest.fixture
def make_app(
    data_dir: Path, tmp_path: Path, clock: FakeClock, content, monkeypatch: pytest.MonkeyPatch
) -> Callable[..., object]:
    """Build a FootpainApp on the test's folders and fake clock, with cursors that never blink."""
    from tui.app import FootpainApp
    from tui.widgets._textual_compat import stop_cursor_blink

    stop_cursor_blink(monkeypatch.setattr)

    def build(**kwargs: object) -> FootpainApp:
        kwargs.setdefault("clock", clock)
        kwargs.setdefault("content", content)
        kwargs.setdefault("config_dir", tmp_path / "config")
        kwargs.setdefault("environ", {})
        return FootpainApp(data_dir, **kwargs)

    return build


@pytest.fixture
def snap_compare(snap_compare: Callable[..., bool]) -> Callable[..., bool]:
    """pytest-textual-snapshot's `snap_compare`, but the app first finishes starting up:
    the other tabs are mounted and the journal read in its thread 0.6 s after the first
    frame, and a snapshot taken while that is under way showed a tab without the journal
    on a slow machine (seen in CI: the PRICER cursor one step down)."""

    def compare(app, *, run_before=None, **kwargs: object) -> bool:  # noqa: ANN001
        async def started_first(pilot) -> None:  # noqa: ANN001
            await pilot.pause()
            await app.wait_until_started()
            await pilot.pause()
            if run_before is not None:
                await run_before(pilot)

        return snap_compare(app, run_before=started_first, **kwargs)

    return compare
