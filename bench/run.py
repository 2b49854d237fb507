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
from contextlib import ExitStack
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT)] if str(ROOT) not in sys.path else []

from common import FEATURE_MISSING, Row, compile_bytecode, median, spread  # noqa: E402
from journal_data import YEAR_ENTRIES, make_journal  # noqa: E402
from logscale import SIZES, logscale_rows  # noqa: E402
from session import (  # noqa: E402
    TAB_KEYS,
    SessionFigures,
    Window,
    bare_session,
    bare_ticker,
    footpain_session,
    footpain_ticker,
    termdown_ticker,
    tick_side_by_side,
)
from startup import startup_rows  # noqa: E402

from tui.store import Store  # noqa: E402
from tui.store.journal import import_journal  # noqa: E402

FULL = {"runs": 12, "idle": 30.0, "tick": 30.0, "switches": 40, "warm": True,
        "settle": 1.0, "timer_settle": 2.0, "reps": {0: 5, 3650: 5, 36500: 3}}
QUICK = {"runs": 4, "idle": 2.0, "tick": 3.0, "switches": 6, "warm": False,
         "settle": 0.5, "timer_settle": 1.0, "reps": {0: 2, 3650: 2, 36500: 0}}
"""--quick: fewer runs and shorter windows, and no 36,500-entry journal (seconds per step)."""
BARE_DIGITS_RATIO, TICK_CPU_RATIO, IDLE_CPU_SLACK = 0.85, 1.1, 0.1
"""Ticking: bytes/s <= termdown's and <= 0.85 x the bare Digits, CPU <= 1.1 x bare; idle CPU
within 0.1 percentage point of bare."""
SWITCH_BYTES_RATIO, SWITCH_TIME_RATIO, RSS_RATIO = 1.3, 1.5, 1.3
"""Every tab's switch against the bare app's median switch; memory after all four tabs."""
TERMDOWN_LENGTH = "15m"
"""termdown counts down the ice timer's default length."""
TAB_NAMES = {b"1": "Triage", b"2": "First aid", b"3": "Drills", b"4": "Log"}
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


def tick_rows(label: str, ours: Window | None, bare: Window | None,
              termdown: Window | None) -> list[Row]:
    """A ticking timer's bytes/s (against termdown and the bare Digits), CPU and RSS."""
    missing = FEATURE_MISSING if ours is None else ""
    ours_bps = get(ours, "bytes_per_s")
    bare_bps, td_bps = get(bare, "bytes_per_s"), get(termdown, "bytes_per_s")
    ours_cpu, bare_cpu = get(ours, "cpu_percent"), get(bare, "cpu_percent")
    return [
        Row(f"{label}: bytes/s vs termdown", ours_bps, td_bps, "B/s", "<= termdown",
            None if ours_bps is None or td_bps is None else ours_bps <= td_bps, missing,
            bare_label="(termdown)", spread=ours and ours.spread("bytes_per_s"),
            bare_spread=termdown and termdown.spread("bytes_per_s")),
        Row(f"{label}: bytes/s vs bare Digits", ours_bps, bare_bps, "B/s",
            f"<= {BARE_DIGITS_RATIO} x bare",
            None if ours_bps is None or not bare_bps else ours_bps <= BARE_DIGITS_RATIO * bare_bps,
            missing, spread=ours and ours.spread("bytes_per_s"),
            bare_spread=bare and bare.spread("bytes_per_s")),
        Row(f"{label}: CPU, share of one core", ours_cpu, bare_cpu, "%",
            f"<= {TICK_CPU_RATIO} x bare",
            None if ours_cpu is None or not bare_cpu else ours_cpu <= TICK_CPU_RATIO * bare_cpu,
            missing, spread=ours and ours.spread("cpu_percent"),
            bare_spread=bare and bare.spread("cpu_percent")),
        Row(f"{label}: resident memory", get(ours, "rss_mib"), get(bare, "rss_mib"), "MiB",
            "-", None, missing),
    ]


def idle_rows(ours: Window | None, bare: Window | None) -> list[Row]:
    """Idle: no bytes at all, and CPU at the bare app's."""
    ours_cpu, bare_cpu = get(ours, "cpu_percent"), get(bare, "cpu_percent")
    return [
        Row("idle: bytes/s to the terminal", get(ours, "bytes_per_s"), get(bare, "bytes_per_s"),
            "B/s", "= 0", None if ours is None else ours.nbytes == 0),
        Row("idle: CPU, share of one core", ours_cpu, bare_cpu, "%",
            f"<= bare + {IDLE_CPU_SLACK:g}",
            None if ours_cpu is None or bare_cpu is None
            else ours_cpu <= bare_cpu + IDLE_CPU_SLACK,
            spread=ours and ours.spread("cpu_percent"),
            bare_spread=bare and bare.spread("cpu_percent")),
    ]


def session_rows(templates: dict[int, Path], plan: dict) -> tuple[list[Row], float | None]:
    """Tab switches (footpain, then the bare app), then idle with the two side by side, then
    the four countdowns side by side: footpain's ice timer and drills, the bare app's Digits
    and termdown. Also returns the bare app's memory after all four tabs."""
    year = templates[YEAR_ENTRIES]
    timing = {key: plan[key] for key in ("settle", "timer_settle")}
    main = footpain_session(year, switches=plan["switches"], settle=plan["settle"])
    bare = bare_session(switches=plan["switches"], settle=plan["settle"])
    with ExitStack() as stack:
        idle = tick_side_by_side({"footpain": footpain_ticker(stack, year, []),
                                  "bare": bare_ticker(stack, [])},
                                 plan["idle"], idle=True, **timing)
    with ExitStack() as stack:
        tickers = {
            "ice": footpain_ticker(stack, year, [b"2", b"i"]),
            # "Before your first steps" (Down from the default): holds and rests, timed
            # throughout. The default morning routine starts with an untimed rep set, so
            # after its 5 s lead-in nothing ticks and a 30 s window measured a still screen.
            "drills": footpain_ticker(stack, year, [b"3", b"\x1b[B", b"s"]),
            "bare": bare_ticker(stack),
        }
        termdown_at = termdown_ticker(stack, TERMDOWN_LENGTH)
        if termdown_at is not None:
            tickers["termdown"] = termdown_at
        ticking = tick_side_by_side(tickers, plan["tick"], **timing)
    termdown, bare_ticking = ticking.get("termdown"), ticking["bare"]
    rows = tick_rows("ice timer", ticking["ice"], bare_ticking, termdown)
    rows += tick_rows("drill countdown", ticking["drills"], bare_ticking, termdown)
    rows.append(Row("termdown: CPU, share of one core", get(termdown, "cpu_percent"),
                    get(bare_ticking, "cpu_percent"), "%", "-", None,
                    "not installed" if termdown is None else "",
                    spread=termdown and termdown.spread("cpu_percent")))
    rows += idle_rows(idle["footpain"], idle["bare"])
    rows += key_rows(main, bare)
    rows.append(Row(f"memory after all four tabs ({YEAR_ENTRIES} entries)", main.rss_all_tabs,
                    bare.rss_all_tabs, "MiB", f"<= {RSS_RATIO} x bare",
                    None if main.rss_all_tabs is None or not bare.rss_all_tabs
                    else main.rss_all_tabs <= RSS_RATIO * bare.rss_all_tabs))
    return rows, bare.rss_all_tabs


def key_rows(main: SessionFigures, bare: SessionFigures) -> list[Row]:
    """Per-tab switch time and bytes, each against the bare app's median switch (all tabs)."""
    bare_lat, bare_bytes = bare.median_latency(), bare.median_bytes()
    rows = []
    for key in TAB_KEYS:
        name = f"tab switch to {key.decode()} {TAB_NAMES[key]}"
        lat, nbytes = main.median_latency(key), main.median_bytes(key)
        rows.append(Row(f"{name}: key -> frame complete (median of {len(main.of(key))})",
                        lat, bare_lat, "s", f"<= {SWITCH_TIME_RATIO} x bare",
                        None if lat is None or not bare_lat
                        else lat <= SWITCH_TIME_RATIO * bare_lat,
                        spread=spread(main.latencies(key)),
                        bare_spread=spread(bare.latencies())))
        rows.append(Row(f"{name}: bytes written", nbytes, bare_bytes, "B",
                        f"<= {SWITCH_BYTES_RATIO} x bare",
                        None if nbytes is None or not bare_bytes
                        else nbytes <= SWITCH_BYTES_RATIO * bare_bytes,
                        spread=spread(main.sizes(key)), bare_spread=spread(bare.sizes())))
    rows.append(Row("tab switch, any tab: key -> first byte",
                    median([s.first_byte for s in main.switches]),
                    median([s.first_byte for s in bare.switches]), "s", "-", None))
    return rows


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


def fmt_spread(values: tuple[float, float, float] | None, unit: str) -> str:
    """min-median-max, or '-'."""
    if values is None:
        return "-"
    return "-".join(fmt(v, unit).rsplit(" ", 1)[0] if i < 2 else fmt(v, unit)
                    for i, v in enumerate(values))


def table(rows: list[Row]) -> str:
    """The results as an aligned plain-text table."""
    head = ("figure", "footpain", "reference", "ratio", "budget", "result",
            "footpain min-med-max", "reference min-med-max")
    lines = []
    for row in rows:
        ours = row.note if row.ours is None and row.note else fmt(row.ours, row.unit)
        bare = fmt(row.bare, row.unit) + (f" {row.bare_label}" if row.bare_label else "")
        ratio = "-" if row.ratio is None else f"{row.ratio:.2f}x"
        result = {True: "pass", False: "FAIL", None: "-"}[row.ok]
        if row.ours is None and row.note in (FEATURE_MISSING, "skipped in --quick"):
            result = "n/a"
        lines.append((row.figure, ours, bare, ratio, row.budget, result,
                      fmt_spread(row.spread, row.unit), fmt_spread(row.bare_spread, row.unit)))
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
    compile_bytecode()  # as installed: see common.compile_bytecode
    began = time.perf_counter()
    print(f"footpain bench ({'quick' if args.quick else 'full'}) on {machine()}", flush=True)
    top = Path(tempfile.mkdtemp(prefix="fp-bench-templates-"))
    rows: list[Row] = []
    try:
        templates = make_templates(top, [n for n in SIZES if plan["reps"][n]])
        bare_mib: list[float | None] = []

        def sessions() -> list[Row]:
            found, mib = session_rows(templates, plan)
            bare_mib.append(mib)
            return found

        def log() -> list[Row]:
            if not bare_mib:  # --only log: the bare app's memory after its four tabs
                bare_mib.append(bare_session(switches=4, settle=plan["settle"]).rss_all_tabs)
            return logscale_rows(templates, plan["reps"], bare_mib[0])

        steps = {
            "startup": lambda: startup_rows(templates[YEAR_ENTRIES], plan["runs"], plan["warm"]),
            "sessions": sessions,
            "log": log,
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
