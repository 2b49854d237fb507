"""Ticking, idle and tab-switch figures, each taken in a live pty session.

A session launches the program with SSH defaults (SSH_CONNECTION set, so animations are off),
waits for the first frame and lets it settle, then:
- idle (`tick_side_by_side(idle=True)`, footpain on its Triage tab and the bare app side by
  side, as the countdowns below): counts bytes and CPU time over a window with nothing
  running;
- tab switches: types 2, 3, 4, 1 in turn (cycling through all four tabs); each key's latency
  is the time from the write to the last byte of the frame it caused (output then quiet for
  KEY_QUIET s), and its cost is the bytes of that frame; figures are kept per tab;
- memory after all four tabs: resident memory once the switches are done and output quiet;
- ticking (`tick_side_by_side`): every countdown compared (footpain's ice timer and drills,
  the bare app's Digits, termdown) is started in its own pty, each past its lead-in, and all
  are measured over the same window at the same time, counting bytes and CPU time in
  slices of SLICE s or a third of the window (for the spread). Taken one after another,
  the bare app's CPU moved by a quarter from one run to the next (0.69 % in one, 0.52 % in
  the next, at 0.49-0.72 % across slices) while the budget is 1.1x; side by side, a busy
  neighbour or a slower core weighs on all of them alike. Each uses about 1 % of a core,
  so the four barely share the machine's two. If a program's keys produce no ticking
  output the feature is not there yet.
"""

from __future__ import annotations

import threading
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path

from common import bare_argv, footpain_argv, median, pty_env, scratch, spread, termdown_argv
from ptyterm import PtyProgram

SETTLE = 1.0
KEY_QUIET = 0.25
TIMER_SETTLE = 2.0
SLICE = 10.0
TAB_KEYS = (b"2", b"3", b"4", b"1")
"""The cycle of tab switches, from tab 1 where every session starts."""


@dataclass
class Window:
    """Bytes, CPU and memory over one measuring window, and per slice of it."""

    seconds: float
    nbytes: int
    cpu_seconds: float
    rss_mib: float
    slices: list[tuple[float, int, float]] = field(default_factory=list)
    """(seconds, bytes, cpu seconds) of each slice."""

    @property
    def bytes_per_s(self) -> float:
        """Bytes written to the terminal per second."""
        return self.nbytes / self.seconds

    @property
    def cpu_percent(self) -> float:
        """Share of one core, in percent."""
        return 100 * self.cpu_seconds / self.seconds

    def spread(self, attr: str) -> tuple[float, float, float] | None:
        """min/median/max of bytes_per_s or cpu_percent over the slices."""
        if attr == "bytes_per_s":
            return spread([n / s for s, n, _c in self.slices])
        if attr == "cpu_percent":
            return spread([100 * c / s for s, _n, c in self.slices])
        return None


@dataclass
class Switch:
    """One tab switch: key -> frame complete, key -> first byte, bytes of the frame."""

    key: bytes
    latency: float
    first_byte: float
    nbytes: int


@dataclass
class SessionFigures:
    """What one session measured: tab switches and memory after them."""

    switches: list[Switch] = field(default_factory=list)
    rss_all_tabs: float | None = None
    """Resident memory (MiB) once all four tabs have been shown and output is quiet."""

    def of(self, key: bytes | None = None) -> list[Switch]:
        """The switches to one tab (key), or all of them."""
        return [s for s in self.switches if key is None or s.key == key]

    def latencies(self, key: bytes | None = None) -> list[float]:
        """Key-to-frame-complete times."""
        return [s.latency for s in self.of(key)]

    def sizes(self, key: bytes | None = None) -> list[float]:
        """Bytes of each switch's frame."""
        return [float(s.nbytes) for s in self.of(key)]

    def median_latency(self, key: bytes | None = None) -> float | None:
        """Median key-to-frame-complete time."""
        return median(self.latencies(key))

    def median_bytes(self, key: bytes | None = None) -> float | None:
        """Median bytes written for one tab switch."""
        return median(self.sizes(key))


def measure_window(program: PtyProgram, seconds: float, slice_s: float = SLICE) -> Window:
    """Read for `seconds`, counting bytes, and take the CPU time used meanwhile, per slice."""
    slices = []
    slice_s = min(slice_s, seconds / 3)  # at least three slices, for a spread
    left = seconds
    while left > 1e-9:
        part = min(slice_s, left)
        cpu_before = program.cpu_seconds()
        nbytes = program.count_bytes(part)
        slices.append((part, nbytes, program.cpu_seconds() - cpu_before))
        left -= part
    return Window(seconds, sum(n for _s, n, _c in slices), sum(c for _s, _n, c in slices),
                  program.rss_mib(), slices)


def press(program: PtyProgram, keys: bytes, quiet: float = KEY_QUIET):
    """Type keys and wait for the frame they cause to finish."""
    return program.wait_frame(program.send(keys), quiet=quiet, limit=10.0, keep_text=False,
                              silent_limit=2.0)


def switch_tabs(program: PtyProgram, figures: SessionFigures, switches: int) -> None:
    """Cycle 2, 3, 4, 1, ... recording each switch; always ends on tab 1 after a full cycle."""
    cycles = max(1, -(-switches // len(TAB_KEYS)))
    for n in range(cycles * len(TAB_KEYS)):
        key = TAB_KEYS[n % len(TAB_KEYS)]
        burst = press(program, key)
        if burst.last_byte is None:
            continue
        figures.switches.append(Switch(key, burst.to_last_byte, burst.first_byte - burst.start,
                                       burst.nbytes))


def run_session(argv: list[str], config, switches: int,
                settle: float = SETTLE) -> SessionFigures:
    """Launch argv, then measure tab switches and memory after all four tabs (idle and
    ticking are measured side by side: `tick_side_by_side`)."""
    figures = SessionFigures()
    program = PtyProgram(argv, pty_env(config), cwd=str(config.parent))
    try:
        first = program.wait_frame(program.launched, marker=b"Quit", quiet=0.3)
        if first.marker_at is None:
            raise RuntimeError(f"{argv} drew no first frame: {bytes(first.text[-400:])!r}")
        program.count_bytes(settle)
        switch_tabs(program, figures, switches)
        program.count_bytes(settle)
        figures.rss_all_tabs = program.rss_mib()
    finally:
        program.close()
    return figures


def footpain_session(template, **plan) -> SessionFigures:
    """One footpain session on a fresh copy of the data folder."""
    with scratch(template) as (data, config):
        return run_session(footpain_argv(data), config, **plan)


def bare_session(**plan) -> SessionFigures:
    """One bare-app session."""
    with scratch(None) as (_data, config):
        return run_session(bare_argv(), config, **plan)


@dataclass
class Ticker:
    """A countdown to measure: how to launch it, and the keys that start it once its first
    frame (showing `marker`) is out; no keys for a program that counts down by itself."""

    argv: list[str]
    config: Path
    start_keys: list[bytes] = field(default_factory=list)
    marker: bytes | None = b"Quit"


def footpain_ticker(stack: ExitStack, template: Path | None, start_keys: list[bytes]) -> Ticker:
    """footpain on a fresh copy of the data folder (removed when `stack` closes)."""
    data, config = stack.enter_context(scratch(template))
    return Ticker(footpain_argv(data), config, start_keys)


def bare_ticker(stack: ExitStack, start_keys: list[bytes] | None = None) -> Ticker:
    """The bare app, by default with its Digits countdown (tab 2, key t)."""
    _data, config = stack.enter_context(scratch(None))
    return Ticker(bare_argv(), config, [b"2", b"t"] if start_keys is None else start_keys)


def termdown_ticker(stack: ExitStack, length: str) -> Ticker | None:
    """termdown counting down `length`, or None when it is not installed."""
    argv = termdown_argv(length)
    if argv is None:
        return None
    _data, config = stack.enter_context(scratch(None))
    return Ticker(argv, config, marker=None)


def tick_side_by_side(tickers: dict[str, Ticker], tick_s: float, settle: float = SETTLE,
                      timer_settle: float = TIMER_SETTLE, *,
                      idle: bool = False) -> dict[str, Window | None]:
    """Start every ticker, then measure them all over one window at the same time.

    Each is launched and started in turn (the ones already ticking write meanwhile; their
    ptys hold it until read). Once the last has passed its lead-in, one thread per program
    reads and measures it, all starting together. A program whose start keys drew nothing,
    or that wrote nothing over the window, gets None (the feature is missing), unless the
    window is `idle`: programs with nothing running, where nothing is what is expected."""
    programs: dict[str, PtyProgram] = {}
    started: dict[str, bool] = {}
    try:
        for name, ticker in tickers.items():
            program = programs[name] = PtyProgram(ticker.argv, pty_env(ticker.config),
                                                  cwd=str(ticker.config.parent))
            if ticker.marker is not None:
                first = program.wait_frame(program.launched, marker=ticker.marker, quiet=0.3)
                if first.marker_at is None:
                    raise RuntimeError(
                        f"{ticker.argv} drew no first frame: {bytes(first.text[-400:])!r}")
            program.count_bytes(settle)
            answer = None
            for keys in ticker.start_keys:
                answer = press(program, keys)
            started[name] = answer is None or answer.nbytes > 0
        for program in programs.values():
            program.count_bytes(timer_settle / len(programs))  # past the first redraws
        windows: dict[str, Window | None] = {}
        errors: list[BaseException] = []
        barrier = threading.Barrier(len(programs))

        def measure(name: str) -> None:
            try:
                barrier.wait()
                window = measure_window(programs[name], tick_s)
                windows[name] = window if idle or started[name] and window.nbytes else None
            except BaseException as error:  # re-raised below, on the caller's thread
                errors.append(error)

        threads = [threading.Thread(target=measure, args=(name,)) for name in programs]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        if errors:
            raise errors[0]
        return windows
    finally:
        for program in programs.values():
            program.close(quit_keys=b"q")
