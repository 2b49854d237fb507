"""Write the README's screenshots: one SVG per tab at 100x30 from the fixed demo data.

    python -m screenshots.make [--out screenshots]

Everything is deterministic: a fake clock (Saturday 14 March 2026, 09:00 UTC), the demo
journal from `tui.domain.demo`, and a throwaway data folder, so the pictures change only when
the app does.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import tempfile
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime
from pathlib import Path

from textual.pilot import Pilot

from tui.app import FootpainApp
from tui.domain.clock import FakeClock
from tui.domain.content import load_content
from tui.domain.demo import demo_journal
from tui.store import Store
from tui.store.journal import import_journal

SIZE = (100, 30)
NOW = datetime(2026, 3, 14, 9, 0, tzinfo=UTC)

Scene = Callable[[Pilot, FakeClock], Awaitable[None]]


async def triage(pilot: Pilot, clock: FakeClock) -> None:
    """A plantar fasciitis picture (pain 3/10) worked through to the result page."""
    keys = ["n", "n", "j", "j", "j", "j", "space", "n", "space", "tab", "space", "n",
            "3", "enter", "enter"]  # pain 3, Enter, no age, Enter
    await pilot.press(*keys)


async def first_aid(pilot: Pilot, clock: FakeClock) -> None:
    """An ice session four minutes in."""
    await pilot.press("2")
    await pilot.pause()
    await pilot.press("i")
    clock.advance(4 * 60 + 12)
    await pilot.pause(1.2)


async def drills(pilot: Pilot, clock: FakeClock) -> None:
    """The morning routine's overview."""
    await pilot.press("3")


async def log(pilot: Pilot, clock: FakeClock) -> None:
    """The recovery journal's table."""
    await pilot.press("4")


SCENES: dict[str, Scene] = {
    "triage": triage,
    "first-aid": first_aid,
    "drills": drills,
    "log": log,
}


async def shoot(name: str, scene: Scene, out: Path) -> Path:
    """Run one scene on fresh demo data and save its SVG."""
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "data"
        clock = FakeClock(NOW)
        import_journal(Store(data, Path(tmp) / "config").db, demo_journal(clock.today()))
        app = FootpainApp(
            data, content=load_content(), clock=clock, config_dir=Path(tmp) / "config",
            environ={},
        )
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            await app.wait_until_started()  # the same picture on a slow machine
            await scene(pilot, clock)
            await pilot.pause(0.3)
            svg = app.export_screenshot(title=f"footpain: {name.replace('-', ' ')}")
    target = out / f"{name}.svg"
    target.write_text(svg, encoding="utf-8")
    return target


def main(argv: list[str] | None = None) -> int:
    """Write every screenshot; print where each went."""
    parser = argparse.ArgumentParser(prog="python -m screenshots.make", description=__doc__)
    parser.add_argument("--out", type=Path, default=Path("screenshots"))
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    os.environ.pop("NO_COLOR", None)
    for name, scene in SCENES.items():
        print(asyncio.run(shoot(name, scene, args.out)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
