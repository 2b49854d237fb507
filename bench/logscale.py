"""Log scale: how load, the Log tab, adding an entry, status and CSV export grow with the log.

For 0 (the baseline), 3,650 and 36,500 entries of realistic journal data in the database:
- load: the whole journal read and validated, each time in a fresh process with a fresh
  store (nothing is warm but the operating system's file cache);
- launch: footpain on a pty with that folder, fork to first full frame;
- open Log tab: in that session, once start-up work is done (the process has used no CPU
  for 0.3 s), the time from typing "4" until the table is painted: the frame that shows the
  newest entry's note, then quiet. The Log tab is mounted when first opened, so this is a
  cold open: importing, mounting and filling the tab (the journal itself is read at start-up);
- open Log tab 0.5 s after the first frame (no budget): the same in a second session, typed
  while the other tabs and the journal are still being read in the background;
- add one entry: `tui.store.journal.add_entry` (one durable transaction), each with a fresh
  store; and `footpain log add` as a command, wall time;
- status: `footpain status`, wall time (what a tmux status line runs). These two commands
  are timed in turn across the sizes (empty, 3,650, 36,500, empty, ...), so a busy moment on
  a shared machine lands on every size alike instead of on one size's batch;
- memory: the app's RSS once all four tabs have been opened (settled), against the bare app
  after its four tabs, at every size (0 included): at most 1.3x;
- export CSV: `python -m tui export --format csv --data-dir DIR`, wall time.
Budgets at 36,500 entries (the SQLite issue): `log add` and `status` within 1.3x of the empty
log, the Log tab open within 0.1 s of it.
"""

from __future__ import annotations

import subprocess
import time
from contextlib import ExitStack
from datetime import date
from pathlib import Path

from common import (
    FEATURE_MISSING,
    PYTHON,
    ROOT,
    Row,
    footpain_argv,
    median,
    pty_env,
    scratch,
    spread,
)
from journal_data import NEWEST_NOTE
from ptyterm import PtyProgram

from tui.domain.journal import Entry
from tui.store import Database
from tui.store.journal import add_entry

SIZES = (3650, 36500)
TAB_QUIET = 0.5
BUDGETS: dict[str, tuple[str, str, float]] = {
    "cli_add": ("ratio", "<= 1.3x empty", 1.3),
    "status": ("ratio", "<= 1.3x empty", 1.3),
    "tab": ("delta", "<= empty + 0.1 s", 0.1),
}
"""The SQLite issue's budgets, checked at 36,500 entries; other figures are reported."""
MEMORY_RATIO = 1.3
"""Memory after all four tabs, at every size, against the bare app after its four tabs."""


def export_available() -> bool:
    """Whether the `export` subcommand exists yet."""
    return (ROOT / "tui" / "commands" / "export.py").exists()


LOAD_CODE = """
import sys, time
start = time.perf_counter()
from tui.store import Database
from tui.store.journal import load_journal
imported = time.perf_counter()
load_journal(Database(sys.argv[1]))
print(time.perf_counter() - imported)
"""
"""Run in a fresh interpreter: the time to open the store and read the journal, after the
imports (so Python's start-up is not in the figure, but no cache of this process is either)."""


def time_load(data: Path, reps: int) -> float:
    """Median seconds to read and validate the whole journal, each in a fresh process with a
    fresh store (only the operating system's file cache is warm)."""
    times = []
    for _ in range(reps):
        done = subprocess.run([PYTHON, "-c", LOAD_CODE, str(data)], cwd=ROOT,
                              capture_output=True, check=True, text=True)
        times.append(float(done.stdout.split()[-1]))
    return median(times)


def time_add(data: Path, reps: int) -> float:
    """Median seconds for one durable add with a fresh store (opening included)."""
    times = []
    for n in range(reps):
        entry = Entry(date=date(2026, 3, 14), activity="run", distance_km=5.0 + n,
                      duration_min=30, pain_before=2, pain_after=3, note="bench added")
        start = time.perf_counter()
        db = Database(data)
        add_entry(db, entry)
        times.append(time.perf_counter() - start)
        db.close()
    return median(times)


def time_command(data: Path, args: list[str], reps: int) -> tuple[float | None, str]:
    """Median wall seconds of a footpain command in a fresh process."""
    argv = [PYTHON, "-m", "tui", *args, "--data-dir", str(data)]
    subprocess.run(argv, cwd=ROOT, capture_output=True, check=False)  # untimed: .pyc, cache
    times = []
    for _ in range(reps):
        start = time.perf_counter()
        done = subprocess.run(argv, cwd=ROOT, capture_output=True, check=False)
        times.append(time.perf_counter() - start)
        if done.returncode != 0:
            return None, f"failed ({done.returncode}): {done.stderr.decode()[-80:]}"
    return median(times), ""


def time_export(data: Path, reps: int, expected_rows: int) -> tuple[float | None, str]:
    """Median wall seconds of the CSV export command, or (None, why not)."""
    if not export_available():
        return None, FEATURE_MISSING
    seconds, note = time_command(data, ["export", "--format", "csv"], reps)
    if seconds is None:
        return None, f"export {note}"
    argv = [PYTHON, "-m", "tui", "export", "--format", "csv", "--data-dir", str(data)]
    rows = subprocess.run(argv, cwd=ROOT, capture_output=True, check=False).stdout.count(b"\n")
    return seconds, "" if rows >= expected_rows else f"only {rows} lines for {expected_rows}"


def settle(program: PtyProgram, quiet_cpu: float = 0.3, limit: float = 15.0) -> float:
    """Read output until the program has used (almost) no CPU for `quiet_cpu` seconds: its
    start-up work is done. Returns the seconds waited."""
    began = time.perf_counter()
    last = program.cpu_seconds()
    while time.perf_counter() - began < limit:
        program.count_bytes(quiet_cpu)
        now = program.cpu_seconds()
        if now - last <= 0.02:
            break
        last = now
    return time.perf_counter() - began


def open_log(program: PtyProgram, count: int) -> tuple[float | None, str]:
    """Type 4 and time it to the frame that shows the newest entry's note, then quiet."""
    start = program.send(b"4")
    burst = program.wait_frame(start, quiet=TAB_QUIET, limit=60)
    note = ""
    if count and NEWEST_NOTE.encode() not in burst.text:  # still loading: wait for it
        more = program.wait_frame(start, marker=NEWEST_NOTE.encode(), quiet=TAB_QUIET,
                                  limit=15)
        burst = more if more.last_byte else burst
        if more.marker_at is None:
            note = "newest note not seen; timed to end of output"
    return burst.to_last_byte, note


def time_tab(data: Path, config: Path, count: int, early: bool) -> tuple[
    float | None, float | None, str, float | None
]:
    """Launch to first frame, then key 4 to the Log table painted, in one pty session: once
    start-up work is done (settled), or (early) 0.5 s after the first frame, while the other
    tabs and the journal are still being read in the background."""
    program = PtyProgram(footpain_argv(data), pty_env(config), cwd=str(data.parent))
    try:
        first = program.wait_frame(program.launched, marker=b"Quit", quiet=0.3, limit=120)
        if first.marker_at is None:
            return None, None, "no first frame", None
        if early:
            program.count_bytes(0.5)
        else:
            settle(program)
        tab, note = open_log(program, count)
        settle(program)
        for key in (b"1", b"2", b"3", b"4", b"1"):  # every tab opened: memory as in use
            program.wait_frame(program.send(key), quiet=0.25, limit=10, keep_text=False,
                               silent_limit=2.0)
        settle(program)
        return first.to_last_byte, tab, note, program.rss_mib()
    finally:
        program.close()


def measure(template: Path, count: int, reps: int) -> dict[str, tuple[float | None, str]]:
    """All five log figures for one journal size."""
    figures: dict[str, tuple[float | None, str]] = {}
    with scratch(template) as (data, config):
        figures["load"] = (time_load(data, reps), "")
        sessions = 3 if reps >= 3 else 1  # one session is one sample: take the median of 3
        settled = [time_tab(data, config, count, early=False) for _ in range(sessions)]
        early = [time_tab(data, config, count, early=True) for _ in range(sessions)]
        note = next((n for _l, _t, n, _m in settled if n), "")
        samples = {
            "launch": [x[0] for x in settled if x[0] is not None],
            "tab": [x[1] for x in settled if x[1] is not None],
            "memory": [x[3] for x in settled if x[3] is not None],
            "tab_early": [x[1] for x in early if x[1] is not None],
        }
        for key, values in samples.items():
            SPREADS[(count, key)] = spread(values)
        figures["launch"] = (median(samples["launch"]), note if not samples["launch"] else "")
        figures["tab"] = (median(samples["tab"]), note)
        figures["memory"] = (median(samples["memory"]), "")
        early_note = next((n for _l, _t, n, _m in early if n), "")
        figures["tab_early"] = (median(samples["tab_early"]), early_note)
        figures["export"] = time_export(data, max(3, reps // 2), count + 1)
        figures["add"] = (time_add(data, reps), "")
    return figures


COMMANDS = {
    "status": ["status"],
    "cli_add": ["log", "add", "--activity", "walk", "--note", "bench"],
}
"""The budgeted commands, timed in turn across the sizes (`time_commands_in_turn`)."""


def time_commands_in_turn(
    templates: dict[int, Path], reps: int
) -> dict[int, dict[str, tuple[float | None, str]]]:
    """Median wall seconds of each command in `COMMANDS` at each size, every repetition
    running each size once in turn (each size in its own copy of its template)."""
    with ExitStack() as stack:
        argvs = {
            (count, key): [PYTHON, "-m", "tui", *args, "--data-dir",
                           str(stack.enter_context(scratch(template))[0])]
            for count, template in templates.items() for key, args in COMMANDS.items()
        }
        for argv in argvs.values():  # untimed: .pyc, content cache
            subprocess.run(argv, cwd=ROOT, capture_output=True, check=False)
        times: dict[tuple[int, str], list[float]] = {pair: [] for pair in argvs}
        failed: dict[tuple[int, str], str] = {}
        for _ in range(reps):
            for pair, argv in argvs.items():
                if pair in failed:
                    continue
                start = time.perf_counter()
                done = subprocess.run(argv, cwd=ROOT, capture_output=True, check=False)
                times[pair].append(time.perf_counter() - start)
                if done.returncode != 0:
                    failed[pair] = f"failed ({done.returncode}): {done.stderr.decode()[-80:]}"
    figures: dict[int, dict[str, tuple[float | None, str]]] = {n: {} for n in templates}
    for (count, key), values in times.items():
        SPREADS[(count, key)] = None if (count, key) in failed else spread(values)
        figures[count][key] = ((None, failed[(count, key)]) if (count, key) in failed
                               else (median(values), ""))
    return figures


SPREADS: dict[tuple[int, str], tuple[float, float, float] | None] = {}
"""min/median/max of the session figures, by (entries, figure)."""

LABELS = {
    "load": "load the whole journal (fresh store)",
    "launch": "launch -> first frame",
    "tab": "open Log tab (key 4 -> painted)",
    "tab_early": "open Log tab 0.5 s after the first frame",
    "memory": "memory after all four tabs",
    "add": "add one entry, durable (fresh store)",
    "cli_add": "footpain log add (CLI, wall time)",
    "status": "footpain status (CLI, wall time)",
    "export": "export CSV (CLI, wall time)",
}


def memory_row(count: int, mib: float | None, bare_mib: float | None, note: str = "") -> Row:
    """Memory after all four tabs at one size, against the bare app after its four tabs."""
    ok = None if mib is None or not bare_mib else mib <= MEMORY_RATIO * bare_mib
    return Row(f"log {count:,}: memory after all four tabs", mib, bare_mib, "MiB",
               f"<= {MEMORY_RATIO} x bare", ok, note=note, bare_label="(bare app)",
               spread=SPREADS.get((count, "memory")))


def logscale_rows(templates: dict[int, Path], reps: dict[int, int],
                  bare_mib: float | None = None) -> list[Row]:
    """Rows for every size, each against the empty-log figure (memory: against the bare
    app's bare_mib); sizes without reps are skipped."""
    measured = [0, *(count for count in SIZES if reps.get(count))]
    in_turn = time_commands_in_turn({n: templates[n] for n in measured},
                                    max(3, max(reps.values())))
    base = measure(templates[0], 0, reps[0]) | in_turn[0]
    rows = [memory_row(0, base["memory"][0], bare_mib)]
    for count in SIZES:
        if not reps.get(count):
            rows += [Row(f"log {count:,}: {label}", None, base[key][0], "s", "-", None,
                         note="skipped in --quick", bare_label="(0 entries)")
                     for key, label in LABELS.items() if key != "memory"]
            rows.append(memory_row(count, None, bare_mib, "skipped in --quick"))
            continue
        ours = measure(templates[count], count, reps[count]) | in_turn[count]
        for key, label in LABELS.items():
            value, note = ours[key]
            if key == "memory":
                rows.append(memory_row(count, value, bare_mib))
                continue
            empty = base[key][0]
            kind, words, limit = BUDGETS.get(key, ("", "-", 0.0))
            budgeted = count == max(SIZES) and key in BUDGETS
            ok = None
            if budgeted and value is not None and empty:
                ok = value <= (empty * limit if kind == "ratio" else empty + limit)
            rows.append(Row(
                figure=f"log {count:,}: {label}", ours=value, bare=empty,
                unit="s", budget=words if budgeted else "-",
                ok=ok, note=note if value is None else "", bare_label="(0 entries)",
                spread=SPREADS.get((count, key)), bare_spread=SPREADS.get((0, key)),
            ))
            if value is not None and note:
                rows[-1].figure += f" [{note}]"
    return rows
