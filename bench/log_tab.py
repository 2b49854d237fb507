"""Rough timing of the Log tab with ten years of daily entries (3,650): open and add one.

Run from the repository root: python bench/log_tab.py. Prints seconds; not part of the tests.
"""

from __future__ import annotations

import asyncio
import shutil
import tempfile
import time
from datetime import date
from pathlib import Path

from tui.app import FootpainApp
from tui.domain.clock import FakeClock
from tui.domain.content import load_content
from tui.domain.demo import big_journal
from tui.domain.journal import Entry
from tui.store import Store

TODAY = date(2026, 3, 14)


async def measure(folder: Path) -> None:
    """Open the tab, then add an entry through the pane's own path."""
    Store(folder).write("journal.toml", big_journal(TODAY))
    app = FootpainApp(folder, content=load_content(), clock=FakeClock(), config_dir=folder / "c")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        pane = app.query_one("#log-pane")
        start = time.perf_counter()
        pane.cache.load(print)
        print(f"parse journal.toml (in the background):   {time.perf_counter() - start:.3f} s")
        start = time.perf_counter()
        await pilot.press("4")
        print(f"open the Log tab (first rows + banner):   {time.perf_counter() - start:.3f} s")
        await pilot.pause()
        print(f"  ... and the frame after it:             {time.perf_counter() - start:.3f} s")
        start = time.perf_counter()
        pane._added(Entry(date=TODAY, activity="run", distance_km=5, pain_after=1))
        await pilot.pause()
        print(f"add one entry (write + row + banner):     {time.perf_counter() - start:.3f} s")
        for view in ("c", "p", "s", "j"):
            start = time.perf_counter()
            await pilot.press(view)
            await pilot.pause()
            print(f"switch to view {view}:                        "
                  f"{time.perf_counter() - start:.3f} s")


def main() -> None:
    """Run the measurement in a throw-away data folder."""
    folder = Path(tempfile.mkdtemp(prefix="fp-bench-log-"))
    try:
        asyncio.run(measure(folder))
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
