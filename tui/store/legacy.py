"""Importing a v0.1 data folder (journal.toml, ice.toml, routine.toml) into the database.

Whatever opens the folder first (the app or any command) imports it, in one transaction with
a marker in `meta`, so a second run adds nothing. Afterwards each old file is renamed with a
`.v0.1` suffix, byte-for-byte as it was. The journal is imported item by item: an entry,
episode or pair of shoes that does not validate (or repeats an id) is left out and counted,
and the rest comes in; the kept file still holds it. A file that is not TOML at all is set
aside as `<name>.corrupt-<time>` (as v0.1 did) and the rest is imported.
"""

from __future__ import annotations

import sqlite3
import tomllib
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tui.store.db import LEGACY_FILES
from tui.store.files import fsync_dir, read_private, set_aside

if TYPE_CHECKING:
    from tui.store.db import Database

MARKER = "v0.1 imported"


def _first_line(error: Exception) -> str:
    """A one-line reason: the first record problem with where it is, else the message."""
    from tui.domain.record import RecordError

    if isinstance(error, RecordError):
        return error.summary(count_more=False)
    if isinstance(error, OSError):
        text = error.strerror or type(error).__name__
    else:
        text = str(error).splitlines()[0] if str(error) else type(error).__name__
    return "".join(c if c.isprintable() else repr(c)[1:-1] for c in text)


def _read(path: Path, model: type, warn) -> Any:  # type: ignore[no-untyped-def]
    """The file validated as model, None if it is missing or not a file (a folder, left
    alone), or set aside and reported if it cannot be read: not UTF-8 or TOML, wrong types,
    a date-time without an offset (the models require one), or no permission to read it."""
    from tui.domain.record import RecordError

    if path.is_symlink() or not path.is_file():
        return None
    try:
        return model.model_validate(tomllib.loads(read_private(path).decode("utf-8")))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError, RecordError, OSError) as error:
        reason = _first_line(error)
        try:
            moved = set_aside(path)
        except OSError as failure:
            warn(f"{path.name} from footpain 0.1 could not be read ({reason}) and was not "
                 f"imported; it is still there ({failure.strerror or failure}).")
            return None
        warn(f"{path.name} from footpain 0.1 could not be read ({reason}); it was kept, "
             f"unchanged, as {moved.name if moved else '(missing)'} and not imported.")
        return None


def _read_journal(path: Path, warn) -> tuple[Any, list[str]]:  # type: ignore[no-untyped-def]
    """The v0.1 journal, item by item: (a Journal of what validates, what was left out)."""
    from tui.domain.journal import Entry, Episode, Journal, Shoe
    from tui.domain.record import RecordError

    if path.is_symlink() or not path.is_file():
        return None, []  # footpain follows no link in its folders
    try:
        raw = tomllib.loads(read_private(path).decode("utf-8"))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError, OSError) as error:
        try:
            moved = set_aside(path)
        except OSError:
            moved = None
        where = f"kept, unchanged, as {moved.name}" if moved else "left where it is"
        warn(f"{path.name} from footpain 0.1 could not be read ({_first_line(error)}); it was "
             f"{where} and not imported.")
        return None, []
    kept: dict[str, list[Any]] = {"entries": [], "episodes": [], "shoes": []}
    left_out: list[str] = []
    for key, model in (("entries", Entry), ("episodes", Episode), ("shoes", Shoe)):
        seen: set[str] = set()
        items = raw.get(key, []) if isinstance(raw.get(key, []), list) else []
        for number, item in enumerate(items, start=1):
            try:
                value = model.model_validate(item)
            except RecordError as error:
                first = error.errors(include_url=False)[0]
                where = ".".join(str(p) for p in first["loc"])
                left_out.append(f"{key} {number} ({where}: {first['msg']})")
                continue
            if value.id in seen:
                left_out.append(f"{key} {number} (id {value.id!r} used twice)")
                continue
            seen.add(value.id)
            kept[key].append(value)
    return Journal(**kept), left_out


def import_v01(db: Database, con: sqlite3.Connection) -> None:
    """Import the v0.1 files in the data folder once, then rename them `<name>.v0.1`."""
    root = db.root
    present = [name for name in LEGACY_FILES
               if (root / name).is_file() and not (root / name).is_symlink()]
    if not present:
        return
    from tui.domain.ice import IceState
    from tui.domain.routine import RoutineState
    from tui.store import journal as repo
    from tui.store.state import ICE, ROUTINE, write_state

    con.execute("BEGIN IMMEDIATE")
    try:
        done = con.execute("SELECT 1 FROM meta WHERE key = ?", (MARKER,)).fetchone()
        counts, left_out = (0, 0, 0), []
        if not done:
            journal, left_out = _read_journal(root / "journal.toml", db.warn)
            if journal is not None:
                counts = repo.insert_journal(con, journal)
            ice = _read(root / "ice.toml", IceState, db.warn)
            if ice is not None:
                write_state(con, ICE, ice)
            routine = _read(root / "routine.toml", RoutineState, db.warn)
            if routine is not None:
                write_state(con, ROUTINE, routine)
            con.execute("INSERT INTO meta (key, value) VALUES (?, ?)", (MARKER, "yes"))
    except BaseException:
        con.execute("ROLLBACK")
        raise
    con.execute("COMMIT")
    for name in present:
        _keep_as_v01(root / name)
    if not done:
        db.warn(
            f"Your footpain 0.1 data ({counts[0]} entries, {counts[1]} episodes, "
            f"{counts[2]} shoes) is now in {db.path.name}; the old files are kept beside it "
            "with a .v0.1 suffix."
        )
    if left_out:
        shown = "; ".join(left_out[:3]) + (f" and {len(left_out) - 3} more"
                                          if len(left_out) > 3 else "")
        db.warn(f"{len(left_out)} item(s) of journal.toml could not be read and were left out: "
                f"{shown}. They are still in journal.toml.v0.1.")


def _keep_as_v01(path: Path) -> None:
    """Rename an imported file to `<name>.v0.1` (never over another), and drop its empty
    v0.1 lock file."""
    if not path.is_file():
        return
    target, n = path.with_name(path.name + ".v0.1"), 0
    while target.exists() or target.is_symlink():
        n += 1
        target = path.with_name(f"{path.name}.v0.1-{n}")
    path.rename(target)
    lock = path.with_name(path.name + ".lock")
    if lock.is_file() and not lock.is_symlink() and lock.stat().st_size == 0:
        lock.unlink()
    fsync_dir(path.parent)
