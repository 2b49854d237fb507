"""What every benchmark shares: paths, the environment of a pty run, data folders, rows."""

from __future__ import annotations

import atexit
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BENCH = Path(__file__).resolve().parent
PYTHON = sys.executable
SSH_CONNECTION = "192.0.2.10 50022 192.0.2.20 22"
"""A made-up SSH peer: footpain (and the bare app) turn animations off when this is set."""


_COMPILED = False


def compile_bytecode() -> None:
    """Write the project's bytecode (`__pycache__`) before anything is timed, as installing
    it does. Textual's comes compiled from pip; footpain's editable install compiles on
    first import, which PYTHONDONTWRITEBYTECODE (set on some machines, this one included)
    forbids: every timed start then compiled 23 modules from source (~30 ms) and every
    later import more, which no user's second start pays. Done once per bench process."""
    global _COMPILED
    if not _COMPILED:
        import compileall

        compileall.compile_dir(str(ROOT / "tui"), quiet=1)
        _COMPILED = True


def footpain_argv(data_dir: Path) -> list[str]:
    """footpain from this worktree, as `python -m tui --data-dir DIR` (bytecode compiled)."""
    compile_bytecode()
    return [PYTHON, "-m", "tui", "--data-dir", str(data_dir)]


def bare_argv() -> list[str]:
    """The bare four-tab Textual app."""
    return [PYTHON, str(BENCH / "bare_app.py")]


BENCH_HOME = Path.home() / ".cache" / "footpain-bench"
"""The bench's own files kept between runs: the termdown venv, the import folder."""
TERMDOWN_VENV = BENCH_HOME / "termdown-venv"


def termdown_argv(length: str) -> list[str] | None:
    """termdown counting down `length`, from the bench's own venv (made on first use with
    `python -m venv` and `pip install termdown`); None if it cannot be installed."""
    exe = TERMDOWN_VENV / "bin" / "termdown"
    if not exe.exists():
        BENCH_HOME.mkdir(parents=True, exist_ok=True)
        try:
            subprocess.run([sys.executable, "-m", "venv", str(TERMDOWN_VENV)], check=True,
                           capture_output=True)
            subprocess.run([str(TERMDOWN_VENV / "bin" / "python"), "-m", "pip", "install",
                            "-q", "termdown"], check=True, capture_output=True)
        except (OSError, subprocess.CalledProcessError) as exc:
            print(f"  termdown could not be installed: {exc}", flush=True)
            return None
    return [str(exe), length] if exe.exists() else None


_SHARED_CACHE: list[Path] = []


def shared_cache_dir() -> Path:
    """One cache folder for the whole bench run (removed at exit), as on a machine where
    footpain has run before: the first launch validates the content and caches it."""
    if not _SHARED_CACHE:
        folder = Path(tempfile.mkdtemp(prefix="fp-bench-cache-"))
        atexit.register(shutil.rmtree, folder, ignore_errors=True)
        _SHARED_CACHE.append(folder)
    return _SHARED_CACHE[0]


def pty_env(
    config_dir: Path, ssh: bool = True, cache_dir: Path | None = None
) -> dict[str, str]:
    """The environment of a terminal at 80x24 speaking xterm-256color, as over SSH.

    footpain's cache is `cache_dir`, else the bench run's shared one."""
    env = {
        key: value for key, value in os.environ.items()
        if not key.startswith(("FOOTPAIN_", "TEXTUAL", "SSH_", "PYTEST"))
        and key not in ("NO_COLOR", "COLORTERM", "TMUX", "STY")
    }
    env.update(
        TERM="xterm-256color", COLUMNS="80", LINES="24", PYTHONPATH=str(ROOT),
        FOOTPAIN_CONFIG_DIR=str(config_dir),
        FOOTPAIN_CACHE_DIR=str(cache_dir or shared_cache_dir()),
    )
    if ssh:
        env["SSH_CONNECTION"] = SSH_CONNECTION
    return env


@contextmanager
def scratch(template: Path | None = None) -> Iterator[tuple[Path, Path]]:
    """A fresh (data dir, config dir) pair, data copied from template; removed afterwards."""
    top = Path(tempfile.mkdtemp(prefix="fp-bench-"))
    data, config = top / "data", top / "config"
    try:
        if template is not None:
            shutil.copytree(template, data)
        else:
            data.mkdir(mode=0o700)
        config.mkdir(mode=0o700)
        os.chmod(data, 0o700)
        yield data, config
    finally:
        shutil.rmtree(top, ignore_errors=True)


def median(values: list[float]) -> float | None:
    """The median, or None for no values."""
    return statistics.median(values) if values else None


def spread(values: list[float]) -> tuple[float, float, float] | None:
    """(min, median, max), or None for fewer than two values."""
    return (min(values), statistics.median(values), max(values)) if len(values) > 1 else None


@dataclass
class Row:
    """One line of the results table."""

    figure: str
    ours: float | None
    bare: float | None
    unit: str
    budget: str
    ok: bool | None
    """True pass, False fail, None no budget or not measurable."""
    note: str = ""
    """Shown instead of our figure when it could not be taken, e.g. a missing feature."""
    bare_label: str = ""
    """Shown after the bare figure when it is not the bare app, e.g. '(empty log)'."""
    spread: tuple[float, float, float] | None = None
    """min, median, max of footpain's samples (runs, or 10 s slices of one window)."""
    bare_spread: tuple[float, float, float] | None = None
    """The same for the reference."""

    @property
    def ratio(self) -> float | None:
        """ours / bare, when both exist and bare is not zero."""
        if self.ours is None or not self.bare:
            return None
        return self.ours / self.bare


FEATURE_MISSING = "n/a (feature missing)"
