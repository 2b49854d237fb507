"""The `footpain` command: the TUI by default, plus small subcommands for shells and scripts.

Exit codes: 0 fine, 1 the app could not run (for example broken content), 2 bad input.
"""

from __future__ import annotations

import argparse
import importlib
import pkgutil
import sys

from tui import __version__, commands


def command_modules() -> list[str]:
    """Subcommand modules under tui.commands, each with register(subparsers, common)."""
    return sorted(info.name for info in pkgutil.iter_modules(commands.__path__))


def build_parser() -> argparse.ArgumentParser:
    """The argument parser with every subcommand."""
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--data-dir",
        metavar="DIR",
        default=argparse.SUPPRESS,
        help="keep user data in DIR (default: $FOOTPAIN_DATA_DIR or the platform data folder)",
    )
    parser = argparse.ArgumentParser(
        prog="footpain",
        description=(
            "A terminal companion for runners whose feet hurt after running: triage, "
            "first aid with an ice timer, morning rehab drills and a recovery log. "
            "General information, not a diagnosis. Run without a command to open the app."
        ),
        parents=[common],
    )
    parser.add_argument("--version", action="version", version=f"footpain {__version__}")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in command_modules():
        importlib.import_module(f"tui.commands.{name}").register(subparsers, common)
    return parser


def run_tui(args: argparse.Namespace) -> int:
    """Open the full-screen app."""
    from tui.launch import launch

    return launch(getattr(args, "data_dir", None))


def tui_only(argv: list[str]) -> argparse.Namespace | None:
    """The arguments when they ask only for the TUI (at most --data-dir), else None.

    Opening the app is the common case; it need not import and register every subcommand
    (their domain modules cost a fifth of a second before the first frame)."""
    rest = list(argv)
    data_dir = None
    while rest:
        arg = rest.pop(0)
        if arg == "--data-dir" and rest and not rest[0].startswith("-"):
            data_dir = rest.pop(0)
        elif arg.startswith("--data-dir=") and len(arg) > len("--data-dir="):
            data_dir = arg.partition("=")[2]
        else:
            return None
    return argparse.Namespace(data_dir=data_dir)


def main(argv: list[str] | None = None) -> int:
    """Parse arguments and run the chosen command; returns the exit code."""
    argv = sys.argv[1:] if argv is None else list(argv)
    quick = tui_only(argv)
    if quick is not None:
        return run_tui(quick)
    parser = build_parser()
    args = parser.parse_args(argv)
    if not hasattr(args, "data_dir"):
        args.data_dir = None
    func = getattr(args, "func", run_tui)
    try:
        return int(func(args) or 0)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        sys.stderr.close()
        return 0
