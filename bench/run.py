"""Print footpain's benchmark table: start-up, ticking, key latency and log scale vs bare Textual.

    python bench/run.py            # the full run (several minutes)
    python bench/run.py --quick    # the same table with fewer runs, under a minute

Every figure is taken as a terminal sees it (a pty at 80x24, TERM=xterm-256color) or, for
pure data work, in this process. See bench/README.md for how and why.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT)] if str(ROOT) not in sys.path else []

from common import FEATURE_MISSING, Row, median  # noqa: E402
from journal_data import YEAR_ENTRIES, make_journal  # noqa: E402
from logscale import SIZES, logscale_rows  # noqa: E402
from session import SessionFigures, bare_session, footpain_session  # noqa: E402
from startup import startup_rows  # noqa: E402

from tui.store import Store  # noqa: E402
from tui.store.journal import import_journal  # noqa: E402

FULL = {"runs": 12, "idle": 30.0, "tick": 30.0, "switches": 40, "warm": True,
        "settle": 1.0, "timer_settle": 2.0, "reps": {0: 5, 3650: 5, 36500: 3}}
QUICK = {"runs": 4, "idle": 2.0, "tick": 3.0, "switches": 6, "warm": False,
         "settle": 0.5, "timer_settle": 1.0, "reps": {0: 2, 3650: 2, 36500: 0}}
"""--quick: fewer runs and shorter windows, and no 36,500-entry journal (seconds per step)."""
TICK_BYTES, TICK_CPU, RSS_MIB, SWITCH_BYTES, KEY_RATIO = 500, 1.0, 60, 2000, 2.0
PARTS = ("startup", "sessions", "log")


def machine() -> str:
    """One line naming the machine, the interpreter and Textual."""
    from importlib.metadata import version

    model = "unknown CPU"
    try:
        with open("/proc/cpuinfo") as handle:
            model = next(line.split(":", 1)[1].strip() for line in handle
                         if line.startswith("model name"))
    except (OSError, StopIteration):
        pass
    load = " ".join(f"{x:.2f}" for x in os.getloadavg())
    return (f"{os.cpu_count()} CPUs ({model}), Python {platform.python_version()}, "
            f"Textual {version('textual')}, {platform.system()} {platform.release()}, "
            f"load average {load}")


def make_templates(top: Path, sizes: list[int]) -> dict[int, Path]:
    """A data folder per journal size, written once through the store and copied per run."""
    templates = {}
    for count in (0, YEAR_ENTRIES, *sizes):
        folder = top / f"journal-{count}"
        store = Store(folder, top / "config-unused")
        if count:
            import_journal(store.db, make_journal(count))
        else:
            store.db.connection()  # an empty database, as after a first start
        store.db.close()
        templates[count] = folder
    return templates


def get(window, attr: str) -> float | None:
    """window.attr, or None when there is no window."""
    return None if window is None else getattr(window, attr)


def window_rows(label: str, ours, bare, idle: bool = False) -> list[Row]:
    """bytes/s, CPU share and RSS rows for one ticking (or idle) window."""
    missing = FEATURE_MISSING if ours is None else ""
    return [
        Row(f"{label}: bytes/s to the terminal", get(ours, "bytes_per_s"),
            get(bare, "bytes_per_s"), "B/s", "= 0" if idle else f"<= {TICK_BYTES}",
            None if ours is None else (ours.nbytes == 0 if idle
                                       else ours.bytes_per_s <= TICK_BYTES), missing),
        Row(f"{label}: CPU, share of one core", get(ours, "cpu_percent"),
            get(bare, "cpu_percent"), "%", "-" if idle else f"<= {TICK_CPU:g} %",
            None if ours is None or idle else ours.cpu_percent <= TICK_CPU, missing),
        Row(f"{label}: resident memory", get(ours, "rss_mib"), get(bare, "rss_mib"),
            "MiB", f"<= {RSS_MIB}", None if ours is None else ours.rss_mib <= RSS_MIB, missing),
    ]


def session_rows(templates: dict[int, Path], plan: dict) -> list[Row]:
    """Idle, tab switches and ice timer (one session), drills (another), and the bare app."""
    year = templates[YEAR_ENTRIES]
    timing = {key: plan[key] for key in ("settle", "timer_settle")}
    windows = {"idle_s": plan["idle"], "tick_s": plan["tick"], "switches": plan["switches"]}
    main = footpain_session(year, [b"2", b"i"], **windows, **timing)
    # "Before your first steps" (Down from the default): holds and rests, timed throughout.
    # The default morning routine starts with an untimed rep set, so after its 5 s lead-in
    # nothing ticks and a 30 s window measured mostly a still screen.
    drills = footpain_session(year, [b"3", b"\x1b[B", b"s"], idle_s=0, tick_s=plan["tick"],
                              switches=0, **timing)
    bare = bare_session(**windows, **timing)
    rows = window_rows("ice timer running", main.ticking, bare.ticking)
    rows += window_rows("drill countdown", drills.ticking, bare.ticking)
    rows += window_rows("idle", main.idle, bare.idle, idle=True)
    rows += key_rows(main, bare)
    return rows


def key_rows(main: SessionFigures, bare: SessionFigures) -> list[Row]:
    """Tab-switch latency and bytes."""
    ours_lat, bare_lat = main.median_latency(), bare.median_latency()
    ratio_ok = None if not (ours_lat and bare_lat) else ours_lat <= KEY_RATIO * bare_lat
    ours_bytes = main.median_bytes()
    return [
        Row(f"tab switch: key -> frame complete (median of {len(main.switch_latency)})",
            ours_lat, bare_lat, "s", f"<= {KEY_RATIO:g} x bare", ratio_ok),
        Row("tab switch: key -> first byte", median(main.switch_first_byte),
            median(bare.switch_first_byte), "s", "-", None),
        Row("tab switch: bytes written (median)", ours_bytes, bare.median_bytes(), "B",
            f"<= {SWITCH_BYTES}", None if ours_bytes is None else ours_bytes <= SWITCH_BYTES),
    ]


def fmt(value: float | None, unit: str) -> str:
    """A figure with its unit, times in ms."""
    if value is None:
        return "-"
    if unit == "s":
        if value < 0.001:
            return f"{value * 1e6:.0f} µs"
        if value < 0.01:
            return f"{value * 1000:.1f} ms"
        return f"{value * 1000:.0f} ms" if value < 10 else f"{value:.1f} s"
    if unit == "%":
        return f"{value:.2f} %"
    if unit in ("B/s", "B"):
        return f"{value:,.0f} {unit}"
    return f"{value:.1f} {unit}"


def table(rows: list[Row]) -> str:
    """The results as an aligned plain-text table."""
    head = ("figure", "footpain", "bare Textual", "ratio", "budget", "result")
    lines = []
    for row in rows:
        ours = row.note if row.ours is None and row.note else fmt(row.ours, row.unit)
        bare = fmt(row.bare, row.unit) + (f" {row.bare_label}" if row.bare_label else "")
        ratio = "-" if row.ratio is None else f"{row.ratio:.2f}x"
        result = {True: "pass", False: "FAIL", None: "-"}[row.ok]
        if row.ours is None and row.note in (FEATURE_MISSING, "skipped in --quick"):
            result = "n/a"
        lines.append((row.figure, ours, bare, ratio, row.budget, result))
    widths = [max(len(str(line[i])) for line in [head, *lines]) for i in range(len(head))]
    out = ["  ".join(str(c).ljust(w) for c, w in zip(head, widths, strict=True)).rstrip()]
    out.append("  ".join("-" * w for w in widths))
    out += ["  ".join(str(c).ljust(w) for c, w in zip(line, widths, strict=True)).rstrip()
            for line in lines]
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    """Run the chosen parts and print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer runs, under a minute")
    parser.add_argument("--only", choices=PARTS, action="append",
                        help="run only this part (repeatable)")
    args = parser.parse_args(argv)
    plan = QUICK if args.quick else FULL
    parts = args.only or PARTS
    began = time.perf_counter()
    print(f"footpain bench ({'quick' if args.quick else 'full'}) on {machine()}", flush=True)
    top = Path(tempfile.mkdtemp(prefix="fp-bench-templates-"))
    rows: list[Row] = []
    try:
        templates = make_templates(top, [n for n in SIZES if plan["reps"][n]])
        steps = {
            "startup": lambda: startup_rows(templates[YEAR_ENTRIES], plan["runs"], plan["warm"]),
            "sessions": lambda: session_rows(templates, plan),
            "log": lambda: logscale_rows(templates, plan["reps"]),
        }
        for part in PARTS:
            if part in parts:
                step_began = time.perf_counter()
                rows += steps[part]()
                print(f"  {part}: {time.perf_counter() - step_began:.0f} s", flush=True)
    finally:
        shutil.rmtree(top, ignore_errors=True)
    print(table(rows))
    load = " ".join(f"{x:.2f}" for x in os.getloadavg())
    print(f"took {time.perf_counter() - began:.0f} s; load average at the end {load}")
    return 1 if any(row.ok is False for row in rows) else 0


if __name__ == "__main__":
    raise SystemExit(main())
