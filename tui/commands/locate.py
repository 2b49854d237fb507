"""`footpain locate`: print where data and configuration live."""

from __future__ import annotations

import argparse

from tui import paths
from tui.domain.appearance import SETTINGS_FILE
from tui.domain.text import printable
from tui.store.db import DB_FILE


def register(subparsers: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    """Add the `locate` subcommand."""
    parser = subparsers.add_parser(
        "locate", parents=[common], help="print the data, config and cache folders"
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Print one `name: path` line per folder (a path from an argument or the environment is
    shown through `printable`)."""
    data = paths.data_dir(args.data_dir)
    for name, path in (
        ("data", data), ("database", data / DB_FILE), ("config", paths.config_dir()),
        ("settings", paths.config_dir() / SETTINGS_FILE), ("log", paths.log_file(data)),
        ("cache", paths.cache_dir()),
    ):  # fmt: skip
        print(f"{name}: {printable(str(path))}")
    return 0
