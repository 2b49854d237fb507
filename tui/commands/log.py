"""`footpain log`: add to, list or import into the recovery journal, from a shell or a script.

`log add` checks every flag with the same parser as the Log tab's form; any bad value is
reported on stderr with exit code 2 and nothing is written. `log import FILE.json` reads back
what `footpain export --format json` wrote, in one transaction (ids already there are
skipped), so an export round-trips exactly. `log import PATH...` with FIT, GPX or TCX files,
folders, zips or a Strava export adds the runs a watch or phone recorded (`tui.importers`),
each once: the good ones in one transaction, the bad ones listed (exit 2 and nothing saved
for a single file, or with --strict).

Everything printed that came from the data or an argument (notes, shoe names in a message,
a file name) goes through `tui.domain.text.printable`; `--json` escapes all but ASCII.
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date

from tui import paths
from tui.domain.clock import Clock
from tui.domain.entry_input import parse_date, parse_entry
from tui.domain.journal import ACTIVITY_LABELS, Journal, import_problems, pain_change
from tui.domain.settings import Settings
from tui.domain.text import printable
from tui.domain.units import format_distance
from tui.store import Store, StoreError
from tui.store import journal as repo

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
    listing.add_argument("--limit", metavar="N", type=_positive, help="at most N entries")
    listing.set_defaults(func=run_list)
    importing = actions.add_parser(
        "import", parents=[common],
        help="import runs from FIT, GPX or TCX files, folders, zips or a Strava export, or a "
             "footpain JSON export",
    )
    importing.add_argument(
        "paths", nargs="+", metavar="PATH",
        help="a .fit, .gpx or .tcx file (or .gz), a folder or .zip of them, a Strava export "
             "(folder or .zip), or one FILE.json written by footpain export",
    )
    importing.add_argument("--strict", action="store_true",
                           help="import nothing if any file cannot be read")
    importing.set_defaults(func=run_import)


def _positive(text: str) -> int:
    """An argparse type: a whole number of at least 1 (argparse exits 2 otherwise)."""
    if not text.strip().isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"give a whole number of at least 1, not {text!r}")
    return int(text)


def _usage(parser: argparse.ArgumentParser) -> int:
    """`footpain log` without an action: show how to use it."""
    parser.print_usage(sys.stderr)
    print("footpain log: choose an action: add, list or import", file=sys.stderr)
    return 2


def _settings(store: Store) -> Settings:
    """The settings (defaults if they cannot be read: the app reports that)."""
    try:
        return store.settings.read()
    except StoreError:
        return Settings()


def run_add(args: argparse.Namespace) -> int:
    """Validate every flag, then append one entry under the store's lock."""
    store = Store(paths.data_dir(args.data_dir))
    settings = _settings(store)
    try:
        shoes = repo.load_shoes(store.db)
        episode = repo.open_episode(store.db)
    except StoreError as error:
        print(f"footpain: cannot read the journal: {printable(str(error))}", file=sys.stderr)
        return 1
    today = Clock().today()
    values = {field: getattr(args, field) for field in ADD_FLAGS}
    if values["date"] is None:
        values["date"] = today.isoformat()
    if values["activity"] is None:
        values["activity"] = ""
    region_ids = None
    try:
        from tui.store.content_cache import load_app_content

        region_ids = [r.id for r in load_app_content().regions]
    except Exception:  # content problems must not stop logging a run
        region_ids = None
    entry, errors = parse_entry(
        values, today=today, units=settings.units, shoes=shoes, region_ids=region_ids
    )
    if entry is None:
        for field, reason in errors.items():
            print(f"footpain log add: {ADD_FLAGS[field]}: {printable(reason)}", file=sys.stderr)
        print("footpain log add: nothing was saved.", file=sys.stderr)
        return 2
    if episode is not None and entry.date >= episode.started:
        entry = entry.model_copy(update={"episode": episode.id})
    try:
        repo.add_entry(store.db, entry)
    except StoreError as error:
        print(f"footpain: could not save: {printable(str(error))}", file=sys.stderr)
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
            print(f"footpain log list: --since: {printable(str(error))}", file=sys.stderr)
            return 2
    settings = _settings(store)
    try:
        entries = repo.entries(store.db, since=since, limit=args.limit, newest_first=True)
    except StoreError as error:
        print(f"footpain: cannot read the journal: {printable(str(error))}", file=sys.stderr)
        return 1
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


PROGRESS_FROM = 6
"""A progress bar for this many files or more (and only when stderr is a terminal)."""


def _is_json(path: str) -> bool:
    """A footpain JSON export, by its name or its first character."""
    if path.lower().endswith(".json"):
        return True
    try:
        with open(path, "rb") as handle:
            return handle.read(64).lstrip(b"\xef\xbb\xbf \t\r\n")[:1] == b"{"
    except OSError:
        return False


def run_import(args: argparse.Namespace) -> int:
    """A JSON export (one FILE.json), or activity files, folders, zips and Strava exports."""
    paths: list[str] = args.paths
    if len(paths) == 1 and _is_json(paths[0]):
        return _import_json(paths[0], args)
    if any(p.lower().endswith(".json") for p in paths):
        print("footpain log import: import a footpain JSON export on its own; nothing was "
              "imported.", file=sys.stderr)
        return 2
    return _import_activities(args)


class _Progress:
    """A one-line bar on stderr while files are read; only on a terminal (a script reading
    stderr sees nothing), and only for PROGRESS_FROM files or more."""

    def __init__(self) -> None:
        self.shown = 0
        self.last = 0.0

    def __call__(self, done: int, total: int) -> None:
        import time

        now = time.monotonic()
        if total < PROGRESS_FROM or (done < total and now - self.last < 0.1):
            return
        self.last = now
        filled = 30 * done // total
        text = f"\rReading files {done}/{total} [{'#' * filled}{'.' * (30 - filled)}]"
        sys.stderr.write(text)
        sys.stderr.flush()
        self.shown = len(text)

    def clear(self) -> None:
        """Blank the bar's line, so what follows starts clean."""
        if self.shown:
            sys.stderr.write("\r" + " " * self.shown + "\r")
            sys.stderr.flush()


def _import_activities(args: argparse.Namespace) -> int:
    """Read every activity under the PATHs, then save the new ones in one transaction."""
    from tui.domain.activities import ImportSummary
    from tui.importers import InputError, read_paths
    from tui.store.imported import known_hashes, save_activities

    clock = Clock()
    tz = clock.local_tz()
    store = Store(paths.data_dir(args.data_dir))
    try:
        known = known_hashes(store.db)
    except StoreError as error:
        print(f"footpain: cannot read the journal: {printable(str(error))}", file=sys.stderr)
        return 1
    progress = _Progress() if sys.stderr.isatty() else None
    try:
        batch = read_paths(args.paths, tz=tz, today=clock.today(), known=known,
                           progress=progress)
    except InputError as error:
        print(f"footpain log import: {printable(str(error))}; nothing was imported.",
              file=sys.stderr)
        return 2
    finally:
        if progress is not None:
            progress.clear()
    for name, reason in batch.skipped:
        print(f"footpain log import: skipped {printable(name)}: {printable(reason)}",
              file=sys.stderr)
    nothing_new = not batch.activities and not batch.already
    if batch.skipped and (args.strict or batch.single_file or nothing_new):
        why = " (--strict)" if args.strict and not batch.single_file else ""
        print(f"footpain log import: nothing was imported{why}.", file=sys.stderr)
        return 2
    try:
        saved = save_activities(store.db, batch.activities, tz)
    except StoreError as error:
        print(f"footpain: could not import: {printable(str(error))}", file=sys.stderr)
        return 1
    summary = ImportSummary(added=len(saved.added), already=saved.already + batch.already,
                            skipped=batch.skipped, typed=saved.typed)
    print(printable(summary.line()) + ".")
    if saved.new_shoes:
        names = ", ".join(printable(name) for name in saved.new_shoes)
        print(f"New shoes from the export's gear: {names}.")
    return 0


def _import_json(path: str, args: argparse.Namespace) -> int:
    """Import a JSON export: all of it in one transaction, or nothing (exit 2 if unusable)."""
    from tui.domain.record import RecordError

    try:
        with open(path, "rb") as handle:
            document = json.load(handle)
        if not isinstance(document, dict):
            raise ValueError("not a footpain export (a JSON object was expected)")
        stored = document.get("schema_version", 1)
        if not isinstance(stored, int) or stored > Journal().schema_version:
            raise ValueError(f"written by a newer footpain (schema {stored})")
        journal = Journal.model_validate({key: document.get(key, []) for key in
                                          ("entries", "episodes", "shoes")})
        store = Store(paths.data_dir(args.data_dir))
        known = {episode.id for episode in repo.load_journal(store.db, since=date.max).episodes}
        problems = import_problems(list(document), journal, Clock().today(), known)
        if problems:
            more = f", and {len(problems) - 1} more problem(s)" if len(problems) > 1 else ""
            raise ValueError(problems[0] + more)
    except StoreError as error:
        print(f"footpain: cannot read the journal: {printable(str(error))}", file=sys.stderr)
        return 1
    except OSError as error:
        print(f"footpain log import: cannot read {printable(path)}: {error.strerror}",
              file=sys.stderr)
        return 2
    except (ValueError, RecordError) as error:  # JSONDecodeError is a ValueError
        if isinstance(error, RecordError):  # which entry, which field, what is wrong
            first = error.summary()
        else:
            first = str(error).splitlines()[0] if str(error) else type(error).__name__
        print(f"footpain log import: {printable(path)}: {printable(first)}; nothing was "
              "imported.", file=sys.stderr)
        return 2
    try:
        added = repo.import_journal(store.db, journal)
    except StoreError as error:
        print(f"footpain: could not import: {printable(str(error))}", file=sys.stderr)
        return 1
    given = (len(journal.entries), len(journal.episodes), len(journal.shoes))
    skipped = sum(given) - sum(added)
    print(f"Imported {added[0]} entries, {added[1]} episodes and {added[2]} shoes"
          + (f"; {skipped} already in the log." if skipped else "."))
    return 0
