"""`footpain export`: the journal as CSV, JSON or a one-page Markdown summary for a physio."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from tui import paths
from tui.commands import units_of
from tui.domain.clock import Clock
from tui.domain.entry_input import parse_date
from tui.domain.export import FORMATS, render, write_csv
from tui.domain.text import printable
from tui.store import Store, StoreError
from tui.store.records import load_journal, write_export


def register(subparsers: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    """Add the `export` subcommand."""
    parser = subparsers.add_parser(
        "export", parents=[common], help="export the journal (csv, md, json)"
    )
    parser.add_argument(
        "--format", default="md", metavar="FORMAT",
        help="csv, json, or md (a one-page summary to hand a physio; the default)",
    )  # fmt: skip
    parser.add_argument("--since", metavar="YYYY-MM-DD", help="only entries from this day on")
    parser.add_argument("--output", metavar="FILE", help="write to FILE (0600) instead of stdout")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Check the options, read the journal, write the export."""
    today = Clock().today()
    if args.format not in FORMATS:
        print(f"footpain export: --format: choose one of {', '.join(FORMATS)}", file=sys.stderr)
        return 2
    since = None
    if args.since is not None:
        try:
            since = parse_date(args.since, today)
        except ValueError as error:
            print(f"footpain export: --since: {printable(str(error))}", file=sys.stderr)
            return 2
    output = Path(args.output).expanduser() if args.output else None
    if output is not None and (output.is_dir() or not output.parent.is_dir()):
        print(f"footpain export: --output: cannot write a file at {printable(str(output))}",
              file=sys.stderr)
        return 2
    store = Store(paths.data_dir(args.data_dir))
    try:
        journal = load_journal(store)
    except StoreError as error:
        print(f"footpain: cannot read the journal: {printable(str(error))}", file=sys.stderr)
        return 1
    units = units_of(store)
    content = None
    if args.format == "md":
        try:
            from tui.store.content_cache import load_app_content

            content = load_app_content()
        except Exception:  # names fall back to ids
            content = None
    if output is None and args.format == "csv":  # stream: no second copy of a long export
        write_csv(sys.stdout, journal, since)
        return 0
    text = render(args.format, journal, today, since=since, units=units, content=content)
    if output is None:
        sys.stdout.write(text)
        return 0
    try:
        write_export(output, text)
    except StoreError as error:
        print(f"footpain export: {printable(str(error))}", file=sys.stderr)
        return 1
    print(f"Wrote {printable(str(output))}.", file=sys.stderr)
    return 0
