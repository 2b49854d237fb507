"""A dropped SSH link: the app, on a real pty whose master is closed, saves and exits."""

from __future__ import annotations

import os
import pty
import select
import signal
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _spawn(data_dir: Path, ignore_hup: bool) -> tuple[int, int]:
    """Start `python -m tui` on a new pty; returns (pid, master fd)."""
    pid, master = pty.fork()
    if pid == 0:  # child
        if ignore_hup:  # as under nohup
            signal.signal(signal.SIGHUP, signal.SIG_IGN)
        env = dict(os.environ, TERM="xterm-256color", COLUMNS="80", LINES="24")
        env["PYTHONPATH"] = str(ROOT)
        os.chdir(ROOT)
        os.execvpe(sys.executable, [sys.executable, "-m", "tui", "--data-dir", str(data_dir)], env)
    return pid, master


def _read_until(master: int, needle: bytes, limit: float = 30.0) -> bytes:
    seen = b""
    end = time.monotonic() + limit
    while needle not in seen and time.monotonic() < end:
        ready, _, _ = select.select([master], [], [], 0.2)
        if ready:
            try:
                seen += os.read(master, 65536)
            except OSError:
                break
    return seen


def _wait_exit(pid: int, limit: float = 20.0) -> int | None:
    end = time.monotonic() + limit
    while time.monotonic() < end:
        done, status = os.waitpid(pid, os.WNOHANG)
        if done:
            return status
        time.sleep(0.1)
    os.kill(pid, signal.SIGKILL)
    os.waitpid(pid, 0)
    return None


@pytest.mark.parametrize("ignore_hup", [False, True], ids=["plain", "nohup"])
def test_closed_terminal_ends_the_app_cleanly(tmp_path: Path, ignore_hup: bool) -> None:
    """Closing the pty master (what sshd does when the link drops) ends the process."""
    data = tmp_path / "data"
    pid, master = _spawn(data, ignore_hup)
    screen = _read_until(master, b"Triage")
    assert b"Triage" in screen, "the app never drew its first frame"
    time.sleep(0.5)
    os.close(master)
    status = _wait_exit(pid)
    assert status is not None, "the app kept running on a dead terminal"
    assert os.WIFEXITED(status), f"killed by a signal instead of exiting: {status}"
    log = (data / "footpain.log").read_text()
    assert "SIGHUP received" in log
    assert (data / "footpain.log").stat().st_mode & 0o777 == 0o600


def test_sigterm_saves_and_exits(tmp_path: Path) -> None:
    """SIGTERM is handled like a hang-up: a clean exit with code 0."""
    data = tmp_path / "data"
    pid, master = _spawn(data, ignore_hup=False)
    assert b"Triage" in _read_until(master, b"Triage")
    os.kill(pid, signal.SIGTERM)
    while _read_until(master, b"\x00", limit=0.5):
        pass
    status = _wait_exit(pid)
    os.close(master)
    assert status is not None and os.WIFEXITED(status) and os.WEXITSTATUS(status) == 0
    assert "SIGTERM received" in (data / "footpain.log").read_text()


def test_hang_up_mid_ice_session_keeps_the_timer(tmp_path: Path) -> None:
    """The link drops while the ice timer ticks: the process ends and the timer is on disk,
    so the next start shows the true time left."""
    from tests.datafiles import read_ice

    data = tmp_path / "data"
    pid, master = _spawn(data, ignore_hup=False)
    assert b"Triage" in _read_until(master, b"Triage")
    os.write(master, b"2")
    _read_until(master, b"PRICER")
    os.write(master, b"i")
    _read_until(master, b"until")
    time.sleep(1.5)
    os.close(master)
    status = _wait_exit(pid)
    assert status is not None and os.WIFEXITED(status)
    state = read_ice(data)
    assert state.timer is not None and state.timer.kind == "ice"
