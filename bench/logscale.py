"""Log scale: how load, the Log tab, adding an entry and CSV export grow with the journal.

For 0 (the baseline), 3,650 and 36,500 entries of realistic journal data:
- load: `Store.read("journal.toml", Journal)` in this process (TOML parse + validation);
- launch: footpain on a pty with that folder, fork to first full frame;
- open Log tab: in that session, once start-up work is done (the process has used no CPU
  for 0.3 s), the time from typing "4" until the table is painted: the frame that shows the
  newest entry's note, then quiet. The Log tab is mounted when first opened, so this is a
  cold open: importing, mounting and filling the tab (the journal itself is read at start-up);
- open Log tab 0.5 s after the first frame (no budget): the same in a second session, typed
  while the other tabs and the journal are still being read in the background;
- add one entry: `tui.records.add_entry` (lock, re-read, validate, write, fsync), in process;
- export CSV: `python -m tui export --format csv --data-dir DIR`, wall time, when the export
  command exists.
"""

from __future__ import annotations

import subprocess
import time
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
)
from journal_data import NEWEST_NOTE
from ptyterm import PtyProgram

from tui.domain.journal import JOURNAL_FILE, Entry, Journal
from tui.records import add_entry
from tui.store import Store

SIZES = (3650, 36500)
BUDGET_DELTA = 0.200
TAB_QUIET = 0.5
BUDGETED = ("load", "launch", "tab", "add", "export")
"""The figures with the issue's budget; opening the tab while start-up is still finishing in
the background is reported beside them, without one."""


def export_available() -> bool:
    """Whether the `export` subcommand exists yet."""
    return (ROOT / "tui" / "commands" / "export.py").exists()


def time_load(data: Path, reps: int) -> float:
    """Median seconds to read and validate journal.toml."""
    store = Store(data)
    times = []
    for _ in range(reps):
        start = time.perf_counter()
        store.read(JOURNAL_FILE, Journal)
        times.append(time.perf_counter() - start)
    return median(times)


def time_add(data: Path, reps: int) -> float:
    """Median seconds for one add_entry, save included."""
    store = Store(data)
    times = []
    for n in range(reps):
        entry = Entry(date=date(2026, 3, 14), activity="run", distance_km=5.0 + n,
                      duration_min=30, pain_before=2, pain_after=3, note="bench added")
        start = time.perf_counter()
        add_entry(store, entry)
        times.append(time.perf_counter() - start)
    return median(times)


def time_export(data: Path, reps: int, expected_rows: int) -> tuple[float | None, str]:
    """Median wall seconds of the CSV export command, or (None, why not)."""
    if not export_available():
        return None, FEATURE_MISSING
    argv = [PYTHON, "-m", "tui", "export", "--format", "csv", "--data-dir", str(data)]
    subprocess.run(argv, cwd=ROOT, capture_output=True, check=False)  # untimed: disk cache, .pyc
    times = []
    for _ in range(reps):
        start = time.perf_counter()
        done = subprocess.run(argv, cwd=ROOT, capture_output=True, check=False)
        times.append(time.perf_counter() - start)
        if done.returncode != 0:
            return None, f"export failed ({done.returncode}): {done.stderr.decode()[-80:]}"
    rows = done.stdout.count(b"\n")
    note = "" if rows >= expected_rows else f"only {rows} lines for {expected_rows} entries"
    return median(times), note


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
    float | None, float | None, str
]:
    """Launch to first frame, then key 4 to the Log table painted, in one pty session: once
    start-up work is done (settled), or (early) 0.5 s after the first frame, while the other
    tabs and the journal are still being read in the background."""
    program = PtyProgram(footpain_argv(data), pty_env(config), cwd=str(data.parent))
    try:
        first = program.wait_frame(program.launched, marker=b"Quit", quiet=0.3, limit=120)
        if first.marker_at is None:
            return None, None, "no first frame"
        if early:
            program.count_bytes(0.5)
        else:
            settle(program)
        tab, note = open_log(program, count)
        return first.to_last_byte, tab, note
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
        note = next((n for _l, _t, n in settled if n), "")
        launches = [launch for launch, _tab, _note in settled if launch is not None]
        figures["launch"] = (median(launches), note if not launches else "")
        figures["tab"] = (median([tab for _l, tab, _n in settled if tab is not None]), note)
        early_note = next((n for _l, _t, n in early if n), "")
        figures["tab_early"] = (median([tab for _l, tab, _n in early if tab is not None]),
                                early_note)
        figures["export"] = time_export(data, max(3, reps // 2), count + 1)
        figures["add"] = (time_add(data, reps), "")
    return figures


LABELS = {
    "load": "load (Store.read + validation)",
    "launch": "launch -> first frame",
    "tab": "open Log tab (key 4 -> painted)",
    "tab_early": "open Log tab 0.5 s after the first frame",
    "add": "add one entry (save included)",
    "export": "export CSV (CLI, wall time)",
}


def logscale_rows(templates: dict[int, Path], reps: dict[int, int]) -> list[Row]:
    """Rows for every size, each against the empty-log figure; sizes without reps are skipped."""
    base = measure(templates[0], 0, reps[0])
    rows = []
    for count in SIZES:
        if not reps.get(count):
            rows += [Row(f"log {count:,}: {label}", None, base[key][0], "s", "-", None,
                         note="skipped in --quick", bare_label="(0 entries)")
                     for key, label in LABELS.items()]
            continue
        ours = measure(templates[count], count, reps[count])
        for key, label in LABELS.items():
            value, note = ours[key]
            empty = base[key][0]
            budgeted = count == 3650 and key in BUDGETED
            ok = None
            if budgeted and value is not None and empty is not None:
                ok = value <= empty + BUDGET_DELTA
            rows.append(Row(
                figure=f"log {count:,}: {label}", ours=value, bare=empty, unit="s",
                budget="<= empty + 0.2 s" if budgeted else "-", ok=ok,
                note=note if value is None else "", bare_label="(0 entries)",
            ))
            if value is not None and note:
                rows[-1].figure += f" [{note}]"
    return rows
