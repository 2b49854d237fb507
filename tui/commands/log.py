"""`footpain log`: add an entry to the recovery journal or list it, from a shell or a script.

`log add` checks every flag with the same parser as the Log tab's form; any bad value is
reported on stderr with exit code 2 and nothing is written.
"""

from __future__ import annotations

import argparse
import json
import sys

from tui import paths
from tui.domain.clock import Clock
from tui.domain.entry_input import parse_date, parse_entry
from tui.domain.journal import ACTIVITY_LABELS, JOURNAL_FILE, Journal, pain_change, printable
from tui.domain.settings import SETTINGS_FILE, Settings
from tui.domain.units import format_distance
from tui.records import add_entry
from tui.store import Store, StoreError

ADD_FLAGS = {
    "date": "--date",
    "activity": "--activity",
    "distance": "--distance",
    "duration": "--duration",
    "pain_before": "--pain-before",
    "pain_after": "--pain-after",
    "pain_next_morning": "--pain-next-morning",
    "shoe": "--shoe",
    "regions": "--regions",
    "note": "--note",
}


def register(subparsers: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    """Add `log add` and `log list`."""
    parser = subparsers.add_parser(
        "log", parents=[common], help="add to or list the recovery journal"
    )
    parser.set_defaults(func=lambda _args: _usage(parser))
    actions = parser.add_subparsers(dest="log_command", metavar="ACTION")
    add = actions.add_parser("add", parents=[common], help="add one entry")
    add.add_argument("--date", metavar="YYYY-MM-DD", help="day of the activity (default today)")
    add.add_argument(
        "--activity", metavar="NAME", help=f"one of: {', '.join(ACTIVITY_LABELS)} (required)"
    )
    add.add_argument("--distance", metavar="N", help="distance in your units (km or mi setting)")
    add.add_argument("--duration", metavar="MIN", help="minutes, or h:mm")
    add.add_argument("--pain-before", metavar="0-10", help="pain before (0 none, 10 worst)")
    add.add_argument("--pain-after", metavar="0-10", help="pain during and just after")
    add.add_argument("--pain-next-morning", metavar="0-10", help="first steps next morning")
    add.add_argument("--shoe", metavar="NAME", help="a shoe added in the Log tab")
    add.add_argument("--regions", metavar="IDS", help="comma-separated region ids (arch,…)")
    add.add_argument("--note", metavar="TEXT", help="free text, up to 2,000 characters")
    add.set_defaults(func=run_add)
    listing = actions.add_parser("list", parents=[common], help="print entries, newest first")
    listing.add_argument("--json", action="store_true", help="a JSON list of entries")
    listing.add_argument("--since", metavar="YYYY-MM-DD", help="only entries from this day")
    listing.set_defaults(func=run_list)


def _usage(parser: argparse.ArgumentParser) -> int:
    """`footpain log` without an action: show how to use it."""
    parser.print_usage(sys.stderr)
    print("footpain log: choose an action: add or list", file=sys.stderr)
    return 2


def _read(store: Store) -> tuple[Journal, Settings] | None:
    """The journal and settings, or None after saying why they cannot be read."""
    try:
        journal = store.read(JOURNAL_FILE, Journal)
    except StoreError as error:
        print(f"footpain: cannot read the journal: {error}", file=sys.stderr)
        return None
    try:
        settings = store.read(SETTINGS_FILE, Settings)
    except StoreError:
        settings = Settings()
    return journal, settings


def run_add(args: argparse.Namespace) -> int:
    """Validate every flag, then append one entry under the store's lock."""
    store = Store(paths.data_dir(args.data_dir))
    loaded = _read(store)
    if loaded is None:
        return 1
    journal, settings = loaded
    today = Clock().today()
    values = {field: getattr(args, field) for field in ADD_FLAGS}
    if values["date"] is None:
        values["date"] = today.isoformat()
    if values["activity"] is None:
        values["activity"] = ""
    region_ids = None
    try:
        from tui.content_cache import load_app_content

        region_ids = [r.id for r in load_app_content().regions]
    except Exception:  # content problems must not stop logging a run
        region_ids = None
    entry, errors = parse_entry(
        values, today=today, units=settings.units, shoes=journal.shoes, region_ids=region_ids
    )
    if entry is None:
        for field, reason in errors.items():
            print(f"footpain log add: {ADD_FLAGS[field]}: {reason}", file=sys.stderr)
        print("footpain log add: nothing was saved.", file=sys.stderr)
        return 2
    episode = journal.open_episode()
    if episode is not None and entry.date >= episode.started:
        entry = entry.model_copy(update={"episode": episode.id})
    try:
        add_entry(store, entry)
    except StoreError as error:
        print(f"footpain: could not save: {error}", file=sys.stderr)
        return 1
    what = ACTIVITY_LABELS[entry.activity].lower()
    print(f"Added {what} on {entry.date} (id {entry.id}).")
    return 0


def run_list(args: argparse.Namespace) -> int:
    """Print entries newest first, as a text table or a JSON list."""
    store = Store(paths.data_dir(args.data_dir))
    since = None
    if args.since is not None:
        try:
            since = parse_date(args.since, Clock().today())
        except ValueError as error:
            print(f"footpain log list: --since: {error}", file=sys.stderr)
            return 2
    loaded = _read(store)
    if loaded is None:
        return 1
    journal, settings = loaded
    entries = [e for e in journal.entries if since is None or e.date >= since]
    entries.sort(key=lambda e: e.date, reverse=True)
    if args.json:
        json.dump([e.model_dump(mode="json") for e in entries], sys.stdout, indent=2)
        sys.stdout.write("\n")
        return 0
    if not entries:
        print("No entries yet.")
        return 0
    unit = settings.units
    print(f"{'date':<10}  {'activity':<13}  {unit:>6}  {'min':>5}  pain  note")
    for e in entries:
        pain = pain_change(e)
        minutes = "" if e.duration_min is None else f"{e.duration_min:g}"
        print(
            f"{e.date}  {ACTIVITY_LABELS[e.activity]:<13}  "
            f"{format_distance(e.distance_km, unit, with_unit=False):>6}  {minutes:>5}  "
            f"{pain:<4}  {printable(e.note)[:60]}"
        )
    return 0
