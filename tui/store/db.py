"""The runner's data in one SQLite database: connection, pragmas, schema, migrations, checks.

One file, `footpain.db`, in the private data folder (0700; the database and its -wal and
-shm files 0600). WAL journal mode where the file system allows it, else the rollback
journal; `synchronous=FULL`, foreign keys on. Writes run in `BEGIN IMMEDIATE` transactions
with a busy timeout: SQLite does the locking, the atomicity and the crash safety. The schema
version is `PRAGMA user_version`; a database from a newer footpain is never written. A file
that is not a database, or fails `PRAGMA quick_check`, is moved aside byte-for-byte and a
fresh database is started. A v0.1 data folder (TOML files) is imported once, in one
transaction, the first time anything opens the folder (`tui.store.legacy`).
"""

from __future__ import annotations

import logging
import os
import sqlite3
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from tui.store.files import (
    FILE_MODE,
    StoreError,
    os_store_error,
    private_folder,
    refuse_symlink,
    set_aside,
)

log = logging.getLogger(__name__)

DB_FILE = "footpain.db"
SCHEMA_VERSION = 3
CACHE_KIB = 256
"""SQLite's page cache per connection, in KiB (`PRAGMA cache_size`)."""
LEGACY_FILES = ("journal.toml", "ice.toml", "routine.toml")
"""What footpain 0.1 kept in the data folder; `tui.store.legacy` imports them once."""
BUSY_SECONDS = 5.0
"""How long a write waits for another copy of footpain to finish its own."""

SCHEMA: dict[int, tuple[str, ...]] = {
    1: (
        """CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)""",
        """CREATE TABLE shoes (
            id TEXT PRIMARY KEY,
            name TEXT NOT NULL,
            start_km REAL NOT NULL DEFAULT 0,
            retired INTEGER NOT NULL DEFAULT 0
        )""",
        """CREATE TABLE episodes (
            id TEXT PRIMARY KEY,
            started TEXT NOT NULL,
            ended TEXT,
            data TEXT NOT NULL
        )""",
        """CREATE TABLE entries (
            id TEXT NOT NULL UNIQUE,
            date TEXT NOT NULL,
            activity TEXT NOT NULL,
            distance_km REAL,
            duration_min REAL,
            episode TEXT,
            shoe TEXT,
            data TEXT NOT NULL
        )""",
        "CREATE INDEX entries_by_date ON entries (date)",
        "CREATE INDEX entries_by_activity ON entries (activity, date)",
        "CREATE INDEX entries_by_episode ON entries (episode)",
        """CREATE TABLE state (name TEXT PRIMARY KEY, data TEXT NOT NULL)""",
        "INSERT INTO meta (key, value) VALUES ('changes', '0')",
    ),
    2: (
        # An imported activity is recognised by its start (and sport, or its file's hash):
        # `tui.store.imported` looks it up by this expression, so it must match exactly.
        # Partial, so a row whose data is not JSON can still be written (and fail elsewhere).
        "CREATE INDEX entries_by_start ON entries (json_extract(data, '$.started_at')) "
        "WHERE json_valid(data)",
    ),
    3: (
        # Writes that only save app state (a drills step, the ice timer) no longer make every
        # tab read the journal again. A footpain that does not keep this count refuses the
        # file (its schema is newer), so no writer can leave it behind.
        "INSERT INTO meta (key, value) SELECT 'journal', value FROM meta WHERE key = 'changes'",
    ),
}
"""Statements that bring a database to each version, applied in order. Entries keep the
columns that queries filter and sum on, and the whole validated entry as JSON in `data`;
their rowid is the order they were added in. `meta.changes` counts write transactions: each
one adds 1 while it holds the write lock, so a reader knows exactly whose changes it has.
`meta.journal` counts the ones that may have changed the journal (every write but those that
say `journal=False`, which only save app state), the same way."""


class NewerDatabaseError(StoreError):
    """The database was written by a newer footpain: it is read by nothing and never written."""


class BusyError(StoreError):
    """Another copy of footpain held the database for longer than the busy timeout."""


def explain(error: sqlite3.Error, path: Path) -> StoreError:
    """An sqlite3 error in words a person can act on (from SQLite's error code where it gives
    one: the disk full, read-only, I/O, no permission, busy)."""
    name = getattr(error, "sqlite_errorname", "") or ""
    text = str(error).lower()
    if name.startswith(("SQLITE_BUSY", "SQLITE_LOCKED")) or "locked" in text or "busy" in text:
        return BusyError(
            f"{path}: another copy of footpain kept the data busy for {BUSY_SECONDS:g} s; "
            "nothing was saved, try again"
        )
    if name == "SQLITE_FULL" or "full" in text:
        return StoreError(f"{path}: the disk is full; nothing was saved")
    if name.startswith("SQLITE_READONLY") or "readonly" in text or "read-only" in text:
        return StoreError(f"{path}: the data folder or database is read-only, so footpain "
                          "cannot use it; nothing was saved")
    if name.startswith("SQLITE_IOERR") or "disk i/o" in text:
        return StoreError(f"{path}: the disk could not be written (it may be full, read-only "
                          "or failing, or the file too large); nothing was saved")
    if name.startswith(("SQLITE_PERM", "SQLITE_AUTH")):
        return StoreError(f"{path}: permission denied; nothing was saved")
    if name.startswith("SQLITE_CANTOPEN") or "unable to open" in text:
        return StoreError(f"{path}: cannot be opened (check the folder exists and is yours)")
    return StoreError(f"{path}: {error}")


class Database:
    """The data folder's database: one connection per thread, opened and checked lazily."""

    def __init__(self, root: Path, warn: Callable[[str], None] | None = None) -> None:
        self.root = Path(root)
        self.path = self.root / DB_FILE
        self.warn = warn or log.warning
        """Told (in a sentence) when a bad file was set aside or old data was imported."""
        self._local = threading.local()
        self._ready = False
        self._ready_lock = threading.Lock()
        self._inode: int | None = None
        """The database file's inode when opened: another copy may set a bad file aside and
        start a new one, and from then on this process must use the new one."""
        self._generation = 0
        """Bumped when the file at the path is found replaced: every thread's connection
        opened before that is dropped at its next use."""
        self._watch: sqlite3.Connection | None = None
        self._watch_lock = threading.Lock()
        """One connection, shared by every thread, that answers `version`: data_version is
        counted per connection, so every caller must ask the same one."""

    # --- opening ---------------------------------------------------------------------

    def connection(self) -> sqlite3.Connection:
        """This thread's connection, opening (and the first time checking) the database."""
        con = getattr(self._local, "con", None)
        if con is not None and getattr(self._local, "generation", 0) != self._generation:
            con.close()  # opened on a file another copy has since set aside
            con = self._local.con = None
        if con is None:
            self._prepare()
            try:
                con = self._connect()
            except sqlite3.Error as error:
                raise explain(error, self.path) from error
            self._local.con, self._local.generation = con, self._generation
        return con

    def _connect(self) -> sqlite3.Connection:
        """Open the file (created 0600, never through a symlink) with footpain's pragmas."""
        private_folder(self.root)
        # sqlite3 cannot open with O_NOFOLLOW: look first, and refuse a link at any of the
        # three files SQLite opens (a planted -wal link would have it write elsewhere).
        for name in (self.path, *self._sidecars()):
            refuse_symlink(name)
        if not self.path.exists():
            try:
                fd = os.open(self.path, os.O_RDWR | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW
                             | os.O_CLOEXEC, FILE_MODE)
            except FileExistsError:
                pass  # another copy made it first
            except OSError as error:
                raise os_store_error(error, self.path) from error
            else:
                os.close(fd)
        con = sqlite3.connect(self.path, timeout=BUSY_SECONDS, isolation_level=None)
        try:
            # Before anything that could write (journal_mode rewrites the header): a database
            # from a newer footpain is closed untouched.
            version = con.execute("PRAGMA user_version").fetchone()[0]
            if version > SCHEMA_VERSION:
                raise NewerDatabaseError(
                    f"{self.path} was written by a newer footpain (schema {version}, this "
                    f"one knows {SCHEMA_VERSION}); it is left untouched: update footpain"
                )
            mode = con.execute("PRAGMA journal_mode=WAL").fetchone()[0]
            if str(mode).lower() != "wal":  # some network file systems cannot share memory
                con.execute("PRAGMA journal_mode=DELETE")
            con.execute("PRAGMA synchronous=FULL")
            con.execute("PRAGMA foreign_keys=ON")
            # A small page cache: the default 2 MiB per connection filled up as the journal
            # was read at start-up and stayed resident all session, 1.9 MiB of a ten-year
            # journal's memory (issue 16). The file's pages stay in the OS's cache anyway.
            con.execute(f"PRAGMA cache_size=-{CACHE_KIB}")
        except BaseException:
            con.close()
            raise
        return con

    def _prepare(self) -> None:
        """Once per process: set a broken file aside, refuse a newer one, migrate, import
        a v0.1 folder."""
        with self._ready_lock:
            if self._ready:
                return
            try:
                con = self._checked_connection()
            except sqlite3.Error as error:
                raise explain(error, self.path) from error
            except OSError as error:  # setting a bad file aside failed: leave it as it is
                raise os_store_error(error, self.path) from error
            try:  # a newer database never gets here: `_connect` refuses it first
                version = con.execute("PRAGMA user_version").fetchone()[0]
                if version < SCHEMA_VERSION:
                    self._migrate(con)
                if any((self.root / name).is_file() for name in LEGACY_FILES):
                    from tui.store.legacy import import_v01  # only for a v0.1 folder

                    import_v01(self, con)
            except sqlite3.Error as error:
                raise explain(error, self.path) from error
            except OSError as error:
                raise os_store_error(error, self.path) from error
            finally:
                con.close()
            self._private_sidecars()
            self._inode = self._current_inode()
            self._ready = True

    def _current_inode(self) -> int | None:
        try:
            return os.stat(self.path).st_ino
        except OSError:
            return None

    def _follow_replacement(self) -> None:
        """If the file was moved aside (by another copy) since we opened it, drop our
        connections so the next use opens, checks and uses the file now at the path."""
        if not self._ready or self._current_inode() == self._inode:
            return
        with self._ready_lock:
            if self._current_inode() == self._inode:
                return
            self._ready = False
            self._generation += 1  # every thread drops its old connection at its next use
        self._close_watch()
        self.warn(f"{self.path.name} was set aside by another copy of footpain; this one now "
                  "uses the new database.")

    def _checked_connection(self) -> sqlite3.Connection:
        """A connection to a database that passes `quick_check` (a bad file set aside)."""
        try:
            con = self._connect()
        except sqlite3.DatabaseError as error:
            if "not a database" not in str(error) and "malformed" not in str(error):
                raise  # cannot open it at all (a folder, no permission): leave it be
            verdict = str(error)
        else:
            try:
                verdict = con.execute("PRAGMA quick_check").fetchone()[0]
            except sqlite3.DatabaseError as error:
                verdict = str(error)
            if verdict == "ok":
                return con
            con.close()
        moved = set_aside(self.path)
        for suffix in ("-wal", "-shm"):
            side = self.path.with_name(self.path.name + suffix)
            if side.exists() and moved is not None:
                os.rename(side, moved.with_name(moved.name + suffix))
        self.warn(
            f"{self.path.name} could not be read ({verdict}). It was kept, unchanged, as "
            f"{moved.name if moved else '(missing)'}; footpain starts with a fresh database."
        )
        return self._connect()

    def _migrate(self, con: sqlite3.Connection) -> None:
        """Bring the schema up to date in one transaction (another process may race us)."""
        con.execute("BEGIN IMMEDIATE")
        try:
            version = con.execute("PRAGMA user_version").fetchone()[0]
            for target in range(version + 1, SCHEMA_VERSION + 1):
                for statement in SCHEMA[target]:
                    con.execute(statement)
            con.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
        except BaseException:
            con.execute("ROLLBACK")
            raise
        con.execute("COMMIT")

    def _sidecars(self) -> tuple[Path, ...]:
        """The -wal and -shm files SQLite keeps beside the database."""
        return tuple(self.path.with_name(self.path.name + s) for s in ("-wal", "-shm"))

    def _private_sidecars(self) -> None:
        """The -wal and -shm files hold the same data: keep them 0600 too (SQLite makes them
        with the database's mode; this only matters for a database from elsewhere)."""
        for side in self._sidecars():
            try:
                if not side.is_symlink() and side.stat().st_mode & 0o077:
                    os.chmod(side, FILE_MODE)
            except FileNotFoundError:
                pass

    def close(self) -> None:
        """Close this thread's connection and the watching one (others close when their
        thread ends)."""
        con = getattr(self._local, "con", None)
        if con is not None:
            con.close()
            self._local.con = None
        self._close_watch()

    def _close_watch(self) -> None:
        with self._watch_lock:
            if self._watch is not None:
                self._watch.close()
                self._watch = None

    # --- using -----------------------------------------------------------------------

    def _connection_for_use(self) -> sqlite3.Connection:
        """This thread's connection, after making sure (outside a transaction) that the file
        is still the one it opened."""
        con = getattr(self._local, "con", None)
        if con is None or not con.in_transaction:
            self._follow_replacement()
        return self.connection()

    @contextmanager
    def write(self, journal: bool = True) -> Iterator[sqlite3.Connection]:
        """A write transaction (`BEGIN IMMEDIATE`); inside another one, part of it.

        `journal=False`: this write saves app state only (the `state` table), so the
        journal's count stays as it is and nobody reads the journal again for it."""
        con = self._connection_for_use()
        if con.in_transaction:
            if journal:
                self._count_journal_write(con)
            yield con
            return
        try:
            con.execute("BEGIN IMMEDIATE")
            self._local.counted = int(con.execute(
                "SELECT value FROM meta WHERE key = 'changes'").fetchone()[0])
            con.execute("UPDATE meta SET value = ? WHERE key = 'changes'",
                        (str(self._local.counted + 1),))
            self._local.journal_counted = None
            if journal:
                self._count_journal_write(con)
        except sqlite3.Error as error:
            if con.in_transaction:
                con.execute("ROLLBACK")
            raise explain(error, self.path) from error
        try:
            try:
                yield con
            except BaseException as error:
                con.execute("ROLLBACK")
                if isinstance(error, sqlite3.Error):
                    raise explain(error, self.path) from error
                raise
            try:
                con.execute("COMMIT")
            except sqlite3.Error as error:
                if con.in_transaction:
                    con.execute("ROLLBACK")
                raise explain(error, self.path) from error
        finally:
            self._local.journal_counted = None  # the next transaction counts afresh
        self._local.last_write = self._local.counted
        self._private_sidecars()

    def _count_journal_write(self, con: sqlite3.Connection) -> None:
        """Add 1 to `meta.journal`, once per transaction (it holds the write lock)."""
        if getattr(self._local, "journal_counted", None) is not None:
            return
        before = int(con.execute("SELECT value FROM meta WHERE key = 'journal'").fetchone()[0])
        con.execute("UPDATE meta SET value = ? WHERE key = 'journal'", (str(before + 1),))
        self._local.journal_counted = before

    @contextmanager
    def read(self) -> Iterator[sqlite3.Connection]:
        """A consistent read (one snapshot for several queries)."""
        con = self._connection_for_use()
        if con.in_transaction:
            yield con
            return
        try:
            con.execute("BEGIN")
            try:
                yield con
            finally:
                con.execute("COMMIT")
        except sqlite3.Error as error:
            raise explain(error, self.path) from error

    def changes_before_this_write(self) -> int:
        """Inside `write`: the change count when this transaction took the write lock (the
        transaction itself makes it one more)."""
        return int(self._local.counted)

    def journal_changes_before_this_write(self) -> int:
        """Inside a `write` that may change the journal: `journal_count` when it took the
        write lock (the transaction itself makes it one more)."""
        return int(self._local.journal_counted)

    def last_write(self) -> int | None:
        """The change count just before this thread's last committed write (it made it one
        more), or None: lets a reader tell its own write from someone else's."""
        return getattr(self._local, "last_write", None)

    def change_count(self) -> int:
        """How many write transactions the database has seen (`meta.changes`)."""
        with self.read() as con:
            return int(con.execute("SELECT value FROM meta WHERE key = 'changes'").fetchone()[0])

    def journal_count(self) -> int:
        """How many write transactions may have changed the journal (`meta.journal`)."""
        with self.read() as con:
            return int(con.execute("SELECT value FROM meta WHERE key = 'journal'").fetchone()[0])

    def version(self) -> int:
        """Changes whenever anyone commits, this process included: `PRAGMA data_version`
        on one watching connection that never writes (a cheap pragma, no table read)."""
        self._follow_replacement()
        with self._watch_lock:
            try:
                if self._watch is None:
                    self.connection()  # checked, migrated and imported first
                    self._watch = sqlite3.connect(
                        self.path, timeout=BUSY_SECONDS, isolation_level=None,
                        check_same_thread=False,
                    )
                return int(self._watch.execute("PRAGMA data_version").fetchone()[0])
            except sqlite3.Error as error:
                raise explain(error, self.path) from error
