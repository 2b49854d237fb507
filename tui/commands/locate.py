"""`footpain locate`: print where data and configuration live."""

from __future__ import annotations

import argparse

from tui import paths
from tui.domain.appearance import SETTINGS_FILE
from tui.store.db import DB_FILE


def register(subparsers: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    """Add the `locate` subcommand."""
    parser = subparsers.add_parser(
        "locate", parents=[common], help="print the data, config and cache folders"
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Print one `name: path` line per folder."""
    data = paths.data_dir(args.data_dir)
    print(f"data: {data}")
    print(f"database: {data / DB_FILE}")
    print(f"config: {paths.config_dir()}")
    print(f"settings: {paths.config_dir() / SETTINGS_FILE}")
    print(f"log: {paths.log_file(data)}")
    print(f"cache: {paths.cache_dir()}")
    return 0
