"""The `footpain` command: the TUI by default, plus small subcommands for shells and scripts.

Exit codes: 0 fine, 1 the app could not run (for example broken content), 2 bad input.
"""

from __future__ import annotations

import importlib
import pkgutil
import sys
from functools import partial
from typing import TYPE_CHECKING

from tui import __version__, commands
from tui.store.files import StoreError, os_store_error

if TYPE_CHECKING:
    import argparse


def command_modules() -> list[str]:
    """Subcommand modules under tui.commands, each with register(subparsers, common)."""
    return sorted(info.name for info in pkgutil.iter_modules(commands.__path__))


def chosen_command(argv: list[str]) -> str | None:
    """The subcommand named in argv, if any: its first argument that is not an option."""
    words = iter(argv)
    for word in words:
        if word == "--data-dir":
            next(words, None)
        elif not word.startswith("-"):
            return word
    return None


def plain_start(argv: list[str]) -> tuple[bool, str | None]:
    """Whether argv only opens the app (`footpain`, `footpain --data-dir DIR` or
    `--data-dir=DIR`), and the folder it names. These are read without argparse, which with
    the gettext it imports is 0.3 MiB kept for the whole session and a few ms of start-up;
    anything else, including a mistake, goes to the parser, which reads these forms the same
    way (a test checks it)."""
    if not argv:
        return True, None
    if len(argv) == 2 and argv[0] == "--data-dir":
        folder = argv[1]
    elif len(argv) == 1 and argv[0].startswith("--data-dir="):
        folder = argv[0].partition("=")[2]
    else:
        return False, None
    if folder.startswith("-"):  # argparse has its own rules for these ("--" is dropped)
        return False, None
    return True, folder


def build_parser(argv: list[str] | None = None) -> argparse.ArgumentParser:
    """The argument parser: every subcommand, or only the one argv names.

    Importing a command module imports what it runs on (records, content, the
    triage engine); `footpain export` should not pay for `triage` and `ice` as well.
    """
    import argparse

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
    names = command_modules()
    chosen = chosen_command(argv) if argv is not None else None
    if chosen in names:
        names = [chosen]
    elif argv is not None and chosen is None and not {"-h", "--help"} & set(argv):
        names = []  # the TUI: no subcommand to parse
    for name in names:
        importlib.import_module(f"tui.commands.{name}").register(subparsers, common)
    return parser


def run_tui(args: argparse.Namespace) -> int:
    """Open the full-screen app."""
    return _launch(getattr(args, "data_dir", None))


def _launch(data_dir: str | None) -> int:
    from tui.launch import launch

    return launch(data_dir)


def main(argv: list[str] | None = None) -> int:
    """Parse arguments and run the chosen command; returns the exit code."""
    argv = sys.argv[1:] if argv is None else argv
    for arg in argv:
        try:
            arg.encode("utf-8")
        except UnicodeEncodeError:  # bytes that are not UTF-8 arrive as lone surrogates
            shown = arg.encode("utf-8", "surrogateescape").decode("ascii", "backslashreplace")
            print(f"footpain: an argument is not valid UTF-8 text ({shown}); nothing was "
                  "done.", file=sys.stderr)
            return 2
    plain, data_dir = plain_start(argv)
    if plain:
        run = partial(_launch, data_dir)
    else:
        args = build_parser(argv).parse_args(argv)  # the parser is not kept for the session
        if not hasattr(args, "data_dir"):
            args.data_dir = None
        run = partial(getattr(args, "func", run_tui), args)
    try:
        code = int(run() or 0)
        sys.stdout.flush()  # here, not at exit: a full disk under `> file` is then reported
        return code
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        sys.stderr.close()
        return 0
    except StoreError as error:  # a command that did not catch its own: still one sentence
        print(f"footpain: {error}", file=sys.stderr)
        return 1
    except OSError as error:  # stdout on a full disk, a folder that vanished...
        print(f"footpain: {os_store_error(error)}", file=sys.stderr)
        return 1
