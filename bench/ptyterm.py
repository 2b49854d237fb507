"""A program on a pseudo-terminal, read the way a terminal emulator reads it.

The benchmarks start footpain and the bare Textual app through `pty.fork`, at 80x24 with
TERM=xterm-256color, and read every byte the program writes to the master side with a
timestamp. That is exactly what an SSH server forwards to the client, so byte counts here
are the bytes a remote user pays for.
"""

from __future__ import annotations

import fcntl
import os
import pty
import select
import signal
import struct
import termios
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

COLS, ROWS = 80, 24
CLK_TCK = os.sysconf("SC_CLK_TCK")


@dataclass
class Burst:
    """What the program wrote after some moment: when it started, when it went quiet."""

    start: float
    """perf_counter() when we began waiting (the key press or the launch)."""
    first_byte: float | None = None
    marker_at: float | None = None
    last_byte: float | None = None
    nbytes: int = 0
    text: bytearray = field(default_factory=bytearray)

    @property
    def to_last_byte(self) -> float | None:
        """Seconds from start to the last byte before output went quiet."""
        return None if self.last_byte is None else self.last_byte - self.start

    @property
    def to_marker(self) -> float | None:
        """Seconds from start to the chunk that completed the marker."""
        return None if self.marker_at is None else self.marker_at - self.start


def _sched_runtime(pid: int) -> float | None:
    """Seconds on a CPU by all live threads of pid, from the scheduler, or None if this
    kernel does not publish /proc/<pid>/task/*/sched."""
    total = 0.0
    try:
        tids = os.listdir(f"/proc/{pid}/task")
    except OSError:
        return None
    found = False
    for tid in tids:
        try:
            with open(f"/proc/{pid}/task/{tid}/sched") as handle:
                for line in handle:
                    if line.startswith("se.sum_exec_runtime"):
                        total += float(line.split(":", 1)[1]) / 1000  # milliseconds
                        found = True
                        break
        except OSError:  # the thread ended meanwhile, or no such file
            continue
    return total if found else None


class PtyProgram:
    """One child process on its own pty; the parent holds the master side."""

    def __init__(
        self, argv: Sequence[str], env: Mapping[str, str], cwd: str,
        cols: int = COLS, rows: int = ROWS,
    ) -> None:
        """Fork and exec argv on a fresh pty sized cols x rows."""
        self.launched = time.perf_counter()
        pid, master = pty.fork()
        if pid == 0:  # child: size the terminal before the program can ask for it
            try:
                fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
                os.chdir(cwd)
                os.execvpe(argv[0], list(argv), dict(env))
            finally:
                os._exit(127)
        self.pid = pid
        self.master = master
        self.total_bytes = 0
        self.eof = False

    # --- reading ---------------------------------------------------------------------

    def _read(self, timeout: float) -> tuple[float, bytes] | None:
        """One chunk (its arrival time and bytes), or None if nothing came within timeout."""
        if self.eof:
            time.sleep(max(timeout, 0))
            return None
        ready, _, _ = select.select([self.master], [], [], max(timeout, 0))
        if not ready:
            return None
        try:
            data = os.read(self.master, 65536)
        except OSError:  # EIO: the child closed the slave side
            data = b""
        now = time.perf_counter()
        if not data:
            self.eof = True
            return None
        self.total_bytes += len(data)
        return now, data

    def wait_frame(
        self, start: float, marker: bytes | None = None, quiet: float = 0.3,
        limit: float = 30.0, keep_text: bool = True, silent_limit: float | None = None,
    ) -> Burst:
        """Read until marker has appeared (if given) and then nothing comes for `quiet` s.

        With silent_limit, give up if not a single byte has come after that many seconds.
        """
        burst = Burst(start=start)
        deadline = time.perf_counter() + limit
        tail = b""
        while time.perf_counter() < deadline and not self.eof:
            if (silent_limit is not None and burst.first_byte is None
                    and time.perf_counter() - start > silent_limit):
                break
            seen_marker = marker is None or burst.marker_at is not None
            if seen_marker and burst.last_byte is not None:
                wait = burst.last_byte + quiet - time.perf_counter()
                if wait <= 0:
                    break
            else:
                wait = 0.05
            chunk = self._read(wait)
            if chunk is None:
                continue
            now, data = chunk
            burst.first_byte = burst.first_byte or now
            burst.last_byte = now
            burst.nbytes += len(data)
            if keep_text:
                burst.text += data
            if marker is not None and burst.marker_at is None:
                tail = tail[-len(marker):] + data
                if marker in tail:
                    burst.marker_at = now
        return burst

    def count_bytes(self, seconds: float) -> int:
        """Read for `seconds` and return how many bytes the program wrote meanwhile."""
        end = time.perf_counter() + seconds
        counted = 0
        while (left := end - time.perf_counter()) > 0:
            chunk = self._read(left)
            if chunk is not None:
                counted += len(chunk[1])
        return counted

    def send(self, keys: bytes) -> float:
        """Type keys into the terminal; returns perf_counter() just before the write."""
        now = time.perf_counter()
        os.write(self.master, keys)
        return now

    # --- process figures --------------------------------------------------------------

    def cpu_seconds(self) -> float:
        """CPU time the process has used so far.

        The scheduler's own count (`se.sum_exec_runtime` in /proc/<pid>/task/*/sched, in
        nanoseconds) summed over the live threads, where the kernel has it; else utime +
        stime from /proc/<pid>/stat, which is counted in clock ticks: at 100 Hz one tick is
        0.1 % of a core over a 10 s slice, as much as the differences being measured. A
        thread that ends inside a window takes its time with it, so windows are taken while
        the program's threads are steady (ticking, idle).
        """
        total = _sched_runtime(self.pid)
        if total is not None:
            return total
        with open(f"/proc/{self.pid}/stat") as handle:
            fields = handle.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / CLK_TCK  # utime, stime

    def rss_mib(self) -> float:
        """Resident memory (VmRSS) in MiB."""
        with open(f"/proc/{self.pid}/status") as handle:
            for line in handle:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
        return float("nan")

    # --- ending -----------------------------------------------------------------------

    def kill(self) -> None:
        """End the program at once (SIGKILL) and reap it: for runs whose data is thrown away."""
        try:
            os.kill(self.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        os.waitpid(self.pid, 0)
        os.close(self.master)

    def close(self, quit_keys: bytes = b"q", grace: float = 5.0) -> None:
        """Ask the program to quit, then TERM and KILL it if it lingers; always reap it."""
        try:
            if not self.eof:
                os.write(self.master, quit_keys)
        except OSError:
            pass
        for sig in (None, signal.SIGTERM, signal.SIGKILL):
            if sig is not None:
                try:
                    os.kill(self.pid, sig)
                except ProcessLookupError:
                    pass
            end = time.perf_counter() + grace
            while time.perf_counter() < end:
                self._read(0.05)  # keep draining so the child never blocks on a full pty
                done, _status = os.waitpid(self.pid, os.WNOHANG)
                if done:
                    os.close(self.master)
                    return
        os.waitpid(self.pid, 0)
        os.close(self.master)
