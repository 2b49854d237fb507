"""Hostile text on a real terminal (issue 13): footpain runs on a pty, is walked through every
place that shows notes, shoe names, episode text and the runner's own routines, and every
byte it writes is checked: no ESC, BEL or NUL sequence from the data, no C1 or bidi control.

A real pty rather than Textual's Pilot: the headless driver writes nothing, and what matters
is what a terminal (or tmux) receives. Each step waits for words of the screen it leads to
(with a generous limit that only guards against a hang), so nothing depends on timing.
"""

from __future__ import annotations

import fcntl
import os
import pty
import re
import select
import signal
import struct
import sys
import termios
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from tests.datafiles import database, read_journal, write_journal
from tests.hostile import CORPUS, HOSTILE, RAW_PAYLOADS, hidden_characters
from tui.domain.journal import Entry, Episode, Journal, Shoe
from tui.domain.routine import RoutineState
from tui.store.state import ROUTINE, save_state

ROOT = Path(__file__).resolve().parents[2]
COLS, ROWS = 100, 40
STEP_LIMIT = 60.0
"""Seconds to wait for a screen before calling the app stuck (never reached when it works)."""

ESC, ENTER, END = b"\x1b", b"\r", b"\x1b[F"
F1, F2 = b"\x1bOP", b"\x1bOQ"


def _toml(text: str) -> str:
    """A TOML basic string holding text, every non-printable character as a \\u escape."""
    body = "".join(
        f"\\u{ord(c):04x}" if not c.isprintable() or c in '"\\' else c for c in text
    )
    return f'"{body}"'


def hostile_routines() -> str:
    """routines.toml with one routine whose every text field is hostile."""
    return "\n".join([
        "schema_version = 1",
        "[[routine]]",
        'id = "hostile_routine"',
        f"name = {_toml('RNAME' + CORPUS['osc52'] + CORPUS['rlo'] + CORPUS['markup'])}",
        f"summary = {_toml('RSUMMARY' + HOSTILE)}",
        f"frequency = {_toml('RFREQ' + CORPUS['title'] + CORPUS['csi8'])}",
        "lead_in_seconds = 10",
        'steps = ["toe_yoga"]',
        f"sources = [{_toml('RSOURCE' + CORPUS['clear'] + CORPUS['bel'] + CORPUS['nul'])}]",
        "",
    ])  # fmt: skip


def build_folders(data: Path, config: Path) -> None:
    """Hostile notes (one payload each, and one with all of them), hostile shoe names (one
    worn past 800 km, so its name is in a warning), an open episode with a hostile condition
    and note, a routines.toml, and an unfinished run of that routine."""
    today = datetime.now(UTC).date()
    shoes = [Shoe(name=f"SHOE{i}{value}", start_km=900.0 if i == 0 else 10.0)
             for i, value in enumerate(CORPUS.values())]
    entries = [
        Entry(date=today - timedelta(days=1 + i), activity="run", distance_km=5.0,
              note=f"N{i}{value}", shoe=shoes[i].id)
        for i, value in enumerate(CORPUS.values())
    ]
    entries.append(Entry(date=today, activity="run", distance_km=3.0, shoe=shoes[0].id,
                         note="NALL" + HOSTILE + "\nsecond line" + HOSTILE))
    episode = Episode(started=today - timedelta(days=20), condition="EPI" + HOSTILE,
                      note="EPNOTE" + HOSTILE, pre_injury_weekly_km=30.0)
    write_journal(data, Journal(entries=entries, episodes=[episode], shoes=shoes))
    now = datetime.now(UTC)
    save_state(database(data), ROUTINE, RoutineState(
        routine_id="hostile_routine", started_at=now - timedelta(minutes=3), step_index=1,
        step_started_at=now - timedelta(minutes=2), paused_at=now - timedelta(minutes=2),
        saved_at=now - timedelta(minutes=2),
    ))  # fmt: skip
    config.mkdir(parents=True, exist_ok=True)
    (config / "routines.toml").write_text(hostile_routines(), encoding="utf-8")
    (config / "settings.toml").write_text("bell = false\n")  # the drills bell is a real BEL


class Terminal:
    """footpain on a pty of COLS x ROWS: send keys, keep every byte it writes."""

    def __init__(self, data: Path) -> None:
        env = dict(os.environ, TERM="xterm-256color", COLUMNS=str(COLS), LINES=str(ROWS),
                   PYTHONPATH=str(ROOT))
        for name in ("SSH_CONNECTION", "SSH_TTY", "TMUX", "NO_COLOR"):
            env.pop(name, None)
        argv = [sys.executable, "-m", "tui", "--data-dir", str(data)]
        pid, master = pty.fork()
        if pid == 0:  # child: size the terminal before the app asks for it
            try:
                fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", ROWS, COLS, 0, 0))
                os.chdir(ROOT)
                os.execvpe(argv[0], argv, env)
            finally:
                os._exit(127)
        self.pid, self.master = pid, master
        self.output = bytearray()
        self.eof = False

    def _read(self, timeout: float) -> None:
        if self.eof:
            return
        ready, _, _ = select.select([self.master], [], [], timeout)
        if not ready:
            return
        try:
            data = os.read(self.master, 65536)
        except OSError:  # EIO: the app closed its side
            data = b""
        if not data:
            self.eof = True
        self.output += data

    def wait_for(self, step: str, *words: bytes, since: int) -> None:
        """Read until every word has appeared in what was written after `since`."""
        end = time.monotonic() + STEP_LIMIT
        while not all(word in self.output[since:] for word in words):
            if self.eof or time.monotonic() > end:
                missing = [w for w in words if w not in self.output[since:]]
                pytest.fail(f"{step}: the screen never showed {missing}")
            self._read(0.1)

    def press(self, step: str, keys: bytes, *words: bytes) -> None:
        """Once the app is idle, type keys, then wait for the screen they lead to (and for
        it to be drawn in full). Waiting for quiet first keeps a lone ESC from being read
        together with the next key as Alt+key."""
        self.settle()
        since = len(self.output)
        os.write(self.master, keys)
        self.wait_for(step, *words, since=since)
        self.settle()

    def settle(self, quiet: float = 0.3) -> None:
        """Read until the app has written nothing for `quiet` seconds (bounded)."""
        end = time.monotonic() + STEP_LIMIT
        before = -1
        while before != len(self.output) and time.monotonic() < end and not self.eof:
            before = len(self.output)
            self._read(quiet)

    def close(self) -> None:
        """SIGTERM (the app saves and exits), reading to the end; always reaped."""
        try:
            os.kill(self.pid, signal.SIGTERM)
        except ProcessLookupError:
            pass
        end = time.monotonic() + 20
        while time.monotonic() < end:
            self._read(0.1)
            done, _ = os.waitpid(self.pid, os.WNOHANG)
            if done:
                break
        else:
            os.kill(self.pid, signal.SIGKILL)
            os.waitpid(self.pid, 0)
        os.close(self.master)


ALLOWED_OSC = re.compile(rb"\x1b\]22;[a-z-]*(\x07|\x1b\\)")
"""The one OSC Textual writes itself: the mouse pointer's shape, ended by BEL."""
CSI = re.compile(rb"\x1b\[[0-?]*[ -/]*[@-~]")
OTHER_ESCAPES = re.compile(rb"\x1b[78=>]")


def stray_controls(output: bytes) -> list[bytes]:
    """ESC, BEL and NUL bytes that are not part of the sequences Textual draws with."""
    rest = OTHER_ESCAPES.sub(b"", CSI.sub(b"", ALLOWED_OSC.sub(b"", output)))
    return re.findall(rb".{0,12}[\x1b\x07\x00].{0,24}", rest, flags=re.S)


def assert_nothing_raw(output: bytes) -> None:
    """No payload as itself, no stray ESC/BEL/NUL, no C1 or bidi control in the text."""
    for payload in RAW_PAYLOADS:
        at = output.find(payload)
        assert at < 0, f"{payload!r} reached the terminal: {output[max(0, at - 40):at + 40]!r}"
    assert stray_controls(output) == []
    text = output.decode("utf-8", "replace")
    assert [c for c in hidden_characters(text) if ord(c) >= 0x7F] == []  # C1, bidi, DEL


def test_every_place_showing_data_writes_no_control_sequence(tmp_path: Path) -> None:
    """Log table and banner, entry edit form, Shoes view and shoe form (and its notice), Plan
    view with its warnings and the episode form, the Drills resume question and banner,
    routine list and overview, start-over question, player, stop question, "Stopped early"
    form, help and settings: the hostile text is drawn (escaped), never sent raw."""
    data, config = tmp_path / "data", Path(os.environ["FOOTPAIN_CONFIG_DIR"])
    build_folders(data, config)
    term = Terminal(data)
    try:
        term.wait_for("start", b"Triage", since=0)
        term.press("log tab", b"4", b"NALL", b"N0")  # the table; the banner's warnings
        term.press("entry edit form", b"e", b"Edit entry")
        term.press("save the entry", ENTER, b"Saved: Run")  # Enter in the date field
        term.press("shoes view", b"s", b"Shoes wear out", b"SHOE3")
        term.press("shoe edit form", b"e", b"Edit shoes", b"Already run")
        term.press("save the shoes", ENTER, b"Shoes saved")  # the notice names them
        term.press("plan view", b"p", b"Warnings from the log")  # SHOE0 is worn out
        term.press("episode form", b"e", b"Edit episode")
        term.press("save the episode", ENTER, b"Episode from")
        term.press("drills tab", b"3", b"Unfinished routine", b"Press u to carry on")
        term.press("later", b"\t\t" + ENTER)
        term.press("user routine", END, b"RSUMMARY", b"RFREQ", b"RSOURCE")
        term.press("start over?", b"s", b"Start over?")
        term.press("player", ENTER, b"GET READY")
        term.press("stop?", ESC, b"Stop the routine now?")
        term.press("stopped early", ENTER, b"Stopped early")
        term.press("settings", F2, b"Distance units")
        term.press("close settings", ESC)
        term.press("help", F1, b"Everywhere")
    finally:
        term.close()
    output = bytes(term.output)
    assert b"SEFDSw==" in output and b"RNAME" in output  # the data was drawn, escaped
    assert "SHOE0␛]52".encode() in output  # an editor draws ESC as a glyph
    assert_nothing_raw(output)
    saved = read_journal(data)  # edited and saved: the text is still as typed
    note = next(e.note for e in saved.entries if e.note.startswith("NALL"))
    assert CORPUS["osc52"] in note and CORPUS["rlo"] in note and CORPUS["markup"] in note
    assert f"SHOE0{CORPUS['osc52']}" in {s.name for s in saved.shoes}
    assert CORPUS["osc52"] in saved.episodes[0].note
