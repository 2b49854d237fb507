"""`footpain shoes`: add a pair of shoes or list them with their distance, from a shell.

Bad input (an empty or over-long name, a name already used, a distance that is not a number
from 0 to 10,000 km) exits 2 with a message and nothing is written. Names are printed through
`tui.domain.text.printable`: stored as typed, shown with control characters escaped.
"""

from __future__ import annotations

import argparse
import json
import sys

from tui import paths
from tui.commands import units_of
from tui.domain.journal import Shoe
from tui.domain.text import printable
from tui.domain.units import format_distance, unit_label
from tui.store import Store, StoreError
from tui.store import journal as repo

WORN_KM = 480
"""The low end of the seed's 480-800 km (300-500 miles) for when running shoes wear out."""


def register(subparsers: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    """Add `shoes add` and `shoes list`."""
    parser = subparsers.add_parser("shoes", parents=[common], help="add or list your shoes")
    parser.set_defaults(func=lambda _args: _usage(parser))
    actions = parser.add_subparsers(dest="shoes_command", metavar="ACTION")
    add = actions.add_parser("add", parents=[common], help="add a pair of shoes")
    add.add_argument("name", metavar="NAME", help="what you call them (up to 80 characters)")
    add.add_argument("--km", metavar="N", default="0",
                     help="kilometres they had already run before you log them here")
    add.set_defaults(func=run_add)
    listing = actions.add_parser("list", parents=[common], help="every pair and its distance")
    listing.add_argument("--json", action="store_true", help="a JSON list")
    listing.set_defaults(func=run_list)


def _usage(parser: argparse.ArgumentParser) -> int:
    parser.print_usage(sys.stderr)
    print("footpain shoes: choose an action: add or list", file=sys.stderr)
    return 2


def run_add(args: argparse.Namespace) -> int:
    """Check the name and distance, then add the pair."""
    name = " ".join(args.name.split())
    try:
        km = float(args.km)
    except ValueError:
        km = -1.0
    problems = []
    if not name:
        problems.append("NAME: give the shoes a name")
    elif len(name) > 80:
        problems.append("NAME: keep the name under 80 characters")
    if not 0 <= km <= 10000 or km != km:
        problems.append(f"--km: give a distance from 0 to 10000, not {args.km!r}")
    store = Store(paths.data_dir(args.data_dir))
    try:
        shoes = repo.load_shoes(store.db)
    except StoreError as error:
        print(f"footpain: cannot read the journal: {printable(str(error))}", file=sys.stderr)
        return 1
    if name and any(s.name.casefold() == name.casefold() for s in shoes):
        problems.append(f"NAME: you already have shoes called '{printable(name)}'")
    if problems:
        for problem in problems:
            print(f"footpain shoes add: {problem}", file=sys.stderr)
        print("footpain shoes add: nothing was saved.", file=sys.stderr)
        return 2
    shoe = Shoe(name=name, start_km=km)
    try:
        repo.add_shoe(store.db, shoe)
    except StoreError as error:
        print(f"footpain: could not save: {printable(str(error))}", file=sys.stderr)
        return 1
    print(f"Added shoes '{printable(shoe.name)}' (id {shoe.id}).")
    return 0


def run_list(args: argparse.Namespace) -> int:
    """Every pair with the distance logged on it."""
    store = Store(paths.data_dir(args.data_dir))
    try:
        shoes = repo.load_shoes(store.db)
        logged = repo.shoe_km_total(store.db)
    except StoreError as error:
        print(f"footpain: cannot read the journal: {printable(str(error))}", file=sys.stderr)
        return 1
    rows = [(s, s.start_km + logged.get(s.id, 0.0)) for s in shoes]
    if args.json:
        data = [{**s.model_dump(mode="json"), "total_km": round(km, 1)} for s, km in rows]
        json.dump(data, sys.stdout, indent=2, ensure_ascii=True)
        sys.stdout.write("\n")
        return 0
    if not rows:
        print("No shoes yet: footpain shoes add NAME")
        return 0
    units = units_of(store)  # the JSON above stays in km, for scripts
    for shoe, km in rows:
        flags = " (retired)" if shoe.retired else (" worn: time for new ones?" if km >= WORN_KM
                                                    else "")
        shown = format_distance(km, units, with_unit=False)
        print(f"{printable(shoe.name)[:40]:<40}  {shown:>8} {unit_label(units)}{flags}")
    return 0
