"""Ticking, idle and tab-switch figures, each taken in a live pty session.

A session launches the program with SSH defaults (SSH_CONNECTION set, so animations are off),
waits for the first frame and lets it settle, then:
- idle: counts bytes and CPU time over a window with nothing running;
- tab switches: types 2, 3, 4, 1 in turn (cycling through all four tabs); each key's latency
  is the time from the write to the last byte of the frame it caused (output then quiet for
  KEY_QUIET s), and its cost is the bytes of that frame; figures are kept per tab;
- memory after all four tabs: resident memory once the switches are done and output quiet;
- ticking: starts a timer by its keys, waits for the lead-in to pass, and counts bytes and
  CPU time over a window, in slices of SLICE s or a third of the window (for the spread).
  If the keys produce no ticking output the feature is not there yet.
termdown, the reference for ticking, runs on the same pty size for the same window.
"""

from __future__ import annotations

from dataclasses import dataclass, field

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
    """Everything one session measured."""

    idle: Window | None = None
    ticking: Window | None = None
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


def run_session(
    argv: list[str], config, start_keys: list[bytes] | None, idle_s: float, tick_s: float,
    switches: int, settle: float = SETTLE, timer_settle: float = TIMER_SETTLE,
) -> SessionFigures:
    """Launch argv, then measure idle, tab switches, memory after all four tabs and (if
    start_keys) a ticking timer.

    If the last start key makes the program write nothing at all, there is no timer to
    measure (the feature is missing) and `ticking` stays None.
    """
    figures = SessionFigures()
    program = PtyProgram(argv, pty_env(config), cwd=str(config.parent))
    try:
        first = program.wait_frame(program.launched, marker=b"Quit", quiet=0.3)
        if first.marker_at is None:
            raise RuntimeError(f"{argv} drew no first frame: {bytes(first.text[-400:])!r}")
        program.count_bytes(settle)
        if idle_s:
            figures.idle = measure_window(program, idle_s)
        if switches:
            switch_tabs(program, figures, switches)
            program.count_bytes(settle)
            figures.rss_all_tabs = program.rss_mib()
        if start_keys and tick_s:
            for keys in start_keys:
                answer = press(program, keys)
            if answer.nbytes:
                program.count_bytes(timer_settle)  # past the first redraws
                window = measure_window(program, tick_s)
                figures.ticking = window if window.nbytes else None
    finally:
        program.close()
    return figures


def footpain_session(template, start_keys, **plan) -> SessionFigures:
    """One footpain session on a fresh copy of the data folder."""
    with scratch(template) as (data, config):
        return run_session(footpain_argv(data), config, start_keys, **plan)


def bare_session(**plan) -> SessionFigures:
    """One bare-app session; its timer is the Digits countdown on tab 2 (keys 2, t)."""
    with scratch(None) as (_data, config):
        return run_session(bare_argv(), config, [b"2", b"t"], **plan)


def termdown_window(length: str, tick_s: float, settle: float = SETTLE,
                    timer_settle: float = TIMER_SETTLE) -> Window | None:
    """termdown counting down `length` on the same pty, measured like a ticking timer."""
    argv = termdown_argv(length)
    if argv is None:
        return None
    with scratch(None) as (_data, config):
        program = PtyProgram(argv, pty_env(config), cwd=str(config.parent))
        try:
            program.count_bytes(settle + timer_settle)
            return measure_window(program, tick_s)
        finally:
            program.close(quit_keys=b"q")
