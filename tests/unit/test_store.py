"""The SQLite store: round trips, privacy, pragmas, two writers, SIGKILL, corrupt and newer
databases, the v0.1 import, the JSON round trip and the SQL aggregates."""

from __future__ import annotations

import json
import os
import shutil
import signal
import sqlite3
import stat
import subprocess
import sys
import time
from datetime import date, timedelta
from pathlib import Path

import pytest

from tests.datafiles import read_ice, read_journal, read_routine
from tui.cli import main
from tui.domain.journal import Entry, Episode, Journal, Shoe
from tui.domain.stats import weekly_distance
from tui.store import BusyError, Database, NewerDatabaseError, Store, StoreError
from tui.store import db as db_module
from tui.store import journal as repo

REPO = Path(__file__).resolve().parents[2]
FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "v0.1"


def mode(path: Path) -> int:
    """The permission bits of path."""
    return stat.S_IMODE(path.stat().st_mode)


def run(day: int, km: float = 5.0, **fields) -> Entry:  # type: ignore[no-untyped-def]
    """A run on 1 March 2026 + day."""
    return Entry(date=date(2026, 3, 1) + timedelta(days=day), activity="run",
                 distance_km=km, **fields)


# --- basics ----------------------------------------------------------------------------


def test_round_trip_keeps_order_and_edits_in_place(tmp_path: Path) -> None:
    """Entries come back in the order added; an edit keeps its place; delete returns it."""
    db = Database(tmp_path)
    first, second, third = run(0, note="first"), run(1), run(2)
    for entry in (first, second, third):
        repo.add_entry(db, entry)
    repo.replace_entry(db, first.model_copy(update={"note": "edited [red]"}))
    repo.replace_episode(db, Episode(started=date(2026, 3, 2), condition="plantar_fasciitis"))
    repo.add_shoe(db, Shoe(name="Road", start_km=120))
    journal = repo.load_journal(Database(tmp_path))  # as another process would read it
    assert [e.id for e in journal.entries] == [first.id, second.id, third.id]
    assert journal.entries[0].note == "edited [red]"
    assert journal.episodes[0].condition == "plantar_fasciitis"
    assert journal.shoes[0].start_km == 120
    assert repo.delete_entry(db, second.id) == second
    assert repo.delete_entry(db, second.id) is None
    assert len(repo.load_journal(db).entries) == 2


def test_private_files_and_pragmas_even_with_an_open_umask(tmp_path: Path) -> None:
    """Folder 0700; database, -wal and -shm 0600 with umask 000; WAL, FULL sync, FKs on, a
    256 KiB page cache (the default 2 MiB stayed resident once the journal was read)."""
    old = os.umask(0)
    try:
        folder = tmp_path / "data"
        db = Database(folder)
        repo.add_entry(db, run(0))
        con = db.connection()
        assert mode(folder) == 0o700
        for name in ("footpain.db", "footpain.db-wal", "footpain.db-shm"):
            assert mode(folder / name) == 0o600, name
        assert con.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert con.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
        assert con.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        assert con.execute("PRAGMA cache_size").fetchone()[0] == -256
        assert con.execute("PRAGMA user_version").fetchone()[0] == db_module.SCHEMA_VERSION
    finally:
        os.umask(old)


def test_a_symlinked_database_is_refused(tmp_path: Path) -> None:
    """footpain never follows a symlink planted where its database goes."""
    target = tmp_path / "elsewhere.db"
    target.write_bytes(b"")
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "footpain.db").symlink_to(target)
    with pytest.raises(StoreError, match="symbolic link"):
        repo.load_journal(Database(tmp_path / "data"))


def test_data_version_sees_every_commit(tmp_path: Path) -> None:
    """A commit by another connection and one by this process both change the version."""
    db, other = Database(tmp_path), Database(tmp_path)
    start = db.version()
    repo.add_entry(other, run(0))
    after_other = db.version()
    assert after_other != start
    repo.add_entry(db, run(1))
    assert db.version() != after_other


def test_a_busy_database_says_so_and_saves_nothing(tmp_path: Path, monkeypatch) -> None:
    """Another writer holds the database past the busy timeout: a sentence, nothing half-done."""
    monkeypatch.setattr(db_module, "BUSY_SECONDS", 0.2)
    db = Database(tmp_path)
    repo.add_entry(db, run(0))
    blocker = sqlite3.connect(tmp_path / "footpain.db", isolation_level=None)
    blocker.execute("BEGIN IMMEDIATE")
    try:
        with pytest.raises(BusyError, match="busy"):
            repo.add_entry(Database(tmp_path), run(1))
    finally:
        blocker.execute("ROLLBACK")
        blocker.close()
    assert len(repo.load_journal(db).entries) == 1


def test_state_and_journal_commit_together(tmp_path: Path) -> None:
    """A failure inside a write transaction rolls back every part of it."""
    db = Database(tmp_path)
    with pytest.raises(RuntimeError), db.write():
        repo.add_entry(db, run(0))
        raise RuntimeError("power cut")
    assert repo.load_journal(db).entries == []


def test_saving_app_state_leaves_the_journal_count_alone(tmp_path: Path) -> None:
    """A drills step or the ice timer saved (state only) does not make the tabs read the
    journal again; any write that may touch the journal does, once per transaction, nested
    state saves included."""
    from tui.domain.routine import RoutineState
    from tui.store.records import JournalSource
    from tui.store.state import ROUTINE, save_state

    source = JournalSource(Store(tmp_path, tmp_path / "config"))
    db = source.store.db
    repo.add_entry(db, run(0))
    journal = source.load()
    counted, changes = db.journal_count(), db.change_count()
    save_state(db, ROUTINE, RoutineState())
    assert db.change_count() == changes + 1 and db.journal_count() == counted
    assert not source.changed() and source.load() is journal  # not read again
    with db.write():
        repo.add_entry(db, run(1))
        save_state(db, ROUTINE, RoutineState())
    assert db.journal_count() == counted + 1
    assert source.changed() and len(source.load().entries) == 2


def test_schema_2_gains_the_journal_count(tmp_path: Path) -> None:
    """A schema 2 database is brought to 3: the journal's count starts at the change count."""
    path = tmp_path / "footpain.db"
    con = sqlite3.connect(path)
    for version in (1, 2):
        for statement in db_module.SCHEMA[version]:
            con.execute(statement)
    con.execute("UPDATE meta SET value = '41' WHERE key = 'changes'")
    con.execute("PRAGMA user_version = 2")
    con.commit()
    con.close()
    path.chmod(0o600)
    db = Database(tmp_path)
    assert db.journal_count() == 41 == db.change_count()
    repo.add_entry(db, run(0))
    assert db.journal_count() == 42 == db.change_count()


# --- corrupt and newer databases ---------------------------------------------------------


def test_corrupt_database_is_kept_aside_and_a_fresh_one_started(tmp_path: Path) -> None:
    """A file that is not a database is moved aside byte-for-byte and the user is told."""
    tmp_path.mkdir(exist_ok=True)
    junk = b"SQLite format 3\x00" + b"\xff" * 5000
    (tmp_path / "footpain.db").write_bytes(junk)
    told: list[str] = []
    db = Database(tmp_path, told.append)
    repo.add_entry(db, run(0))
    (kept,) = tmp_path.glob("footpain.db.corrupt-*")
    assert kept.read_bytes() == junk
    assert told and kept.name in told[0]
    assert len(repo.load_journal(db).entries) == 1


def test_a_newer_database_is_never_written(tmp_path: Path) -> None:
    """user_version above ours: refused with a clear message, the file unchanged."""
    db = Database(tmp_path)
    repo.add_entry(db, run(0))
    db.close()
    con = sqlite3.connect(tmp_path / "footpain.db")
    con.execute(f"PRAGMA user_version = {db_module.SCHEMA_VERSION + 1}")
    con.close()
    before = (tmp_path / "footpain.db").read_bytes()
    with pytest.raises(NewerDatabaseError, match="newer footpain"):
        repo.add_entry(Database(tmp_path), run(1))
    assert (tmp_path / "footpain.db").read_bytes() == before


# --- two writers and SIGKILL --------------------------------------------------------------

WORKER = """
import os, sys, time
from datetime import date
from pathlib import Path
from tui.domain.journal import Entry
from tui.store import Database
from tui.store import journal as repo

root, who, count = Path(sys.argv[1]), sys.argv[2], int(sys.argv[3])
other = root / f"confirmed-{sys.argv[4]}" if len(sys.argv) > 4 else None
db = Database(root)
confirmed = open(root / f"confirmed-{who}", "a")
(root / f"ready-{who}").touch()
while not (root / "go").exists():
    time.sleep(0.001)
i = 0
while count < 0 or i < count:
    if other is not None and i == count // 2:  # halfway: let the other one write too, so
        stop = time.monotonic() + 60         # the two really interleave on a busy machine
        while not (other.exists() and other.stat().st_size) and time.monotonic() < stop:
            time.sleep(0.001)
    entry = Entry(id=f"{who}-{i}", date=date(2026, 3, 1), activity="run", note="x" * 2000)
    repo.add_entry(db, entry)
    confirmed.write(entry.id + "\\n")  # only once the commit returned
    confirmed.flush()
    os.fsync(confirmed.fileno())
    i += 1
"""


def spawn_worker(root: Path, who: str, count: int,
                 other: str | None = None) -> subprocess.Popen:
    """A python child that adds `count` entries (forever if count < 0); with `other`, it
    waits halfway until that worker has confirmed an entry."""
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    return subprocess.Popen([sys.executable, "-c", WORKER, str(root), who, str(count),
                             *([other] if other else [])], cwd=REPO, env=env)


def wait_for(predicate, timeout: float = 60.0) -> None:  # type: ignore[no-untyped-def]
    """Poll until predicate() is true, failing the test after timeout seconds."""
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            pytest.fail("timed out waiting for a child process")
        time.sleep(0.005)


def test_two_processes_writing_at_once_lose_and_duplicate_nothing(tmp_path: Path) -> None:
    """Two writers add 150 entries each, interleaved: all 300 are there, once each."""
    Database(tmp_path).connection()  # create the schema first, as the app would
    procs = [spawn_worker(tmp_path, who, 150, other) for who, other in (("a", "b"), ("b", "a"))]
    wait_for(lambda: all((tmp_path / f"ready-{w}").exists() for w in "ab"))
    (tmp_path / "go").touch()
    for proc in procs:
        assert proc.wait(timeout=120) == 0
    ids = [e.id for e in repo.load_journal(Database(tmp_path)).entries]
    assert sorted(ids) == sorted(f"{w}-{i}" for w in "ab" for i in range(150))
    switches = sum(1 for x, y in zip(ids, ids[1:], strict=False) if x[0] != y[0])
    assert switches > 1  # they really did interleave


def test_sigkill_during_writes_loses_nothing_confirmed(tmp_path: Path) -> None:
    """A writer killed at random moments: every entry it confirmed is there and the database
    passes its integrity check."""
    Database(tmp_path).connection()
    (tmp_path / "go").touch()
    for round_ in range(4):
        proc = spawn_worker(tmp_path, f"k{round_}", -1)
        confirmed = tmp_path / f"confirmed-k{round_}"
        wait_for(lambda c=confirmed: c.exists() and c.stat().st_size > 40)
        time.sleep(0.013 * round_)
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=10)
        db = Database(tmp_path)
        ids = {e.id for e in repo.load_journal(db).entries}
        assert set(confirmed.read_text().split()) <= ids
        assert db.connection().execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        db.close()


# --- v0.1 import, settings, JSON round trip ------------------------------------------------


def _v01_folder(tmp_path: Path) -> Path:
    data = tmp_path / "data"
    shutil.copytree(FIXTURES, data)
    return data


def test_a_v01_folder_is_imported_once_and_kept(tmp_path: Path) -> None:
    """Journal, ice and routine state come in; the old files stay as .v0.1, byte-for-byte;
    opening again adds nothing."""
    data = _v01_folder(tmp_path)
    told: list[str] = []
    store = Store(data, tmp_path / "config", warn=told.append)
    journal = repo.load_journal(store.db)
    assert (len(journal.entries), len(journal.episodes), len(journal.shoes)) == (57, 1, 3)
    assert journal.entries[-1].note.startswith('quotes " and \\ and [red] and \x1b]52')
    assert told and "0.1" in told[0] and ".v0.1" in told[0]
    for name in ("journal.toml", "ice.toml", "routine.toml"):
        assert not (data / name).exists()
        assert (data / f"{name}.v0.1").read_bytes() == (FIXTURES / name).read_bytes()
    assert read_ice(data).timer is not None and read_ice(data).pricer_done == ["protection"]
    assert read_routine(data).routine_id == "morning_foot" and read_routine(data).step_index == 2
    # the settings move to the config folder; the old file stays
    assert store.settings.read().units == "mi"
    assert (tmp_path / "config" / "settings.toml").read_bytes() == (
        FIXTURES / "settings.toml").read_bytes()
    assert (data / "settings.toml.v0.1").read_bytes() == (FIXTURES / "settings.toml").read_bytes()
    (tmp_path / "config" / "settings.toml").unlink()  # deleting it resets, not re-imports
    assert store.settings.read().units == "km"
    # a second opening (even with the old files put back) duplicates nothing
    for name in ("journal.toml", "ice.toml", "routine.toml"):
        shutil.copy(FIXTURES / name, data / name)
    again = repo.load_journal(Database(data))
    assert len(again.entries) == 57


def test_the_first_command_imports_too(tmp_path: Path, monkeypatch, capsys) -> None:
    """`footpain log list` on a v0.1 folder imports it and lists the entries."""
    data = _v01_folder(tmp_path)
    monkeypatch.setenv("FOOTPAIN_DATA_DIR", str(data))
    assert main(["log", "list", "--json", "--limit", "5"]) == 0
    out = capsys.readouterr()
    assert len(json.loads(out.out)) == 5
    assert ".v0.1" in out.err


def test_an_unreadable_v01_journal_is_kept_aside(tmp_path: Path) -> None:
    """A broken journal.toml is set aside as before; ice and routine still come in."""
    data = _v01_folder(tmp_path)
    (data / "journal.toml").write_bytes(b"entries = [[[")
    told: list[str] = []
    assert repo.load_journal(Database(data, told.append)).entries == []
    (kept,) = data.glob("journal.toml.corrupt-*")
    assert kept.read_bytes() == b"entries = [[["
    assert any("journal.toml" in m for m in told)
    assert read_ice(data).timer is not None


def test_export_json_round_trips_exactly(tmp_path: Path, monkeypatch, capsys) -> None:
    """export --format json, then log import into an empty folder: the same journal; a
    second import adds nothing; a broken file exits 2 and changes nothing."""
    data = _v01_folder(tmp_path)
    monkeypatch.setenv("FOOTPAIN_DATA_DIR", str(data))
    out = tmp_path / "all.json"
    assert main(["export", "--format", "json", "--output", str(out)]) == 0
    monkeypatch.setenv("FOOTPAIN_DATA_DIR", str(tmp_path / "fresh"))
    capsys.readouterr()
    assert main(["log", "import", str(out)]) == 0
    assert "Imported 57 entries, 1 episodes and 3 shoes" in capsys.readouterr().out
    fresh, old = read_journal(tmp_path / "fresh"), read_journal(data)
    assert sorted(fresh.entries, key=lambda e: e.id) == sorted(old.entries, key=lambda e: e.id)
    assert (fresh.episodes, fresh.shoes) == (old.episodes, old.shoes)
    assert main(["log", "import", str(out)]) == 0
    assert "61 already in the log" in capsys.readouterr().out
    broken = tmp_path / "broken.json"
    broken.write_text('{"entries": [{"date": "2026-03-01", "activity": "run"}, '
                      '{"date": "2026-13-01", "activity": "run", "pain_after": 99}]}')
    assert main(["log", "import", str(broken)]) == 2
    err = capsys.readouterr().err  # which entry and field, what is wrong, how many more
    assert "entries.1.date: Input should be a valid date, and 1 more problem(s)" in err
    assert "nothing was imported" in err
    assert len(read_journal(tmp_path / "fresh").entries) == 57



@pytest.mark.parametrize(("document", "said"), [
    ({"entries": [{"date": "2999-01-01", "activity": "run"}]},
     "entries.0.date: 2999-01-01 is in the future"),
    ({"entries": [{"date": "2026-03-01", "activity": "run", "episode": "nope"}]},
     "entries.0.episode: no such episode in the file or the log"),
    ({"entries": [{"date": "2026-03-01", "activity": "run",
                   "started_at": "2026-03-01T07:00:00"}]},
     "entries.0.started_at: give the time with its offset (Z, +01:00)"),
    ({"entries": [], "journal": []}, "journal: not in a footpain export (is it one?)"),
    ({"entries": [{"date": "2999-01-01", "activity": "run", "episode": "nope"}]},
     "is in the future, and 1 more problem(s)"),
])
def test_a_json_import_refuses_what_log_add_refuses(tmp_path: Path, monkeypatch, capsys,
                                                    document: dict, said: str) -> None:
    """A walk found `log import` taking future dates, unknown episodes and clock times
    without an offset, which `log add` and the app refuse, and ignoring unknown keys. Each
    is refused with its place, exit 2, nothing imported."""
    monkeypatch.setenv("FOOTPAIN_DATA_DIR", str(tmp_path / "data"))
    path = tmp_path / "odd.json"
    path.write_text(json.dumps(document))
    assert main(["log", "import", str(path)]) == 2
    err = capsys.readouterr().err
    assert said in err and "nothing was imported" in err
    assert read_journal(tmp_path / "data").entries == []


def test_a_json_import_takes_tomorrow_from_a_time_zone_ahead(tmp_path: Path, monkeypatch,
                                                             capsys) -> None:
    """An export made in Auckland on Tuesday morning holds Tuesday's run while it is still
    Monday here: a day of slack, so a real export is not refused (a review found it)."""
    monkeypatch.setenv("FOOTPAIN_DATA_DIR", str(tmp_path / "data"))
    tomorrow = (date.today() + timedelta(days=1)).isoformat()
    path = tmp_path / "auckland.json"
    path.write_text(json.dumps({"entries": [{"date": tomorrow, "activity": "run"}]}))
    assert main(["log", "import", str(path)]) == 0
    assert [e.date.isoformat() for e in read_journal(tmp_path / "data").entries] == [tomorrow]


# --- SQL aggregates -----------------------------------------------------------------------


def test_weekly_totals_and_longest_run_match_the_domain(tmp_path: Path) -> None:
    """The SQL sums agree with the Python ones the charts used."""
    db = Database(tmp_path)
    entries = [run(d, km=3 + d % 7) for d in range(0, 60, 2)]
    entries.append(Entry(date=date(2026, 3, 5), activity="walk", distance_km=9))
    for entry in entries:
        repo.add_entry(db, entry)
    today = date(2026, 4, 28)
    expected = weekly_distance(entries, today, weeks=8)
    got = repo.weekly_running_km(db, expected[0][0], today)
    assert [(monday, got.get(monday, 0.0)) for monday, _ in expected] == expected
    window = [e.distance_km for e in entries if e.activity == "run"
              and today - timedelta(days=30) <= e.date < today]
    assert repo.longest_run_km(db, today) == max(window)
    assert repo.longest_run_km(db, date(2020, 1, 1)) == 0.0


def test_journal_equality_helpers(tmp_path: Path) -> None:
    """Shoes, episodes and entries survive a trip through import_journal unchanged."""
    journal = Journal(
        entries=[run(0, note="a"), run(1, note="b")],
        episodes=[Episode(started=date(2026, 3, 1), regions=["heel_bottom"])],
        shoes=[Shoe(name="Trail", retired=True)],
    )
    db = Database(tmp_path)
    assert repo.import_journal(db, journal) == (2, 1, 1)
    assert repo.load_journal(db) == journal


# --- found by review ----------------------------------------------------------------------


def test_a_database_set_aside_by_another_copy_is_left_alone_from_then_on(tmp_path) -> None:
    """Another copy sets the file aside and starts afresh: this copy's next write goes to the
    new database (and says so), never into the one kept aside."""
    told: list[str] = []
    mine = Database(tmp_path, told.append)
    repo.add_entry(mine, run(0, note="before"))
    kept = tmp_path / "footpain.db.corrupt-test"
    os.rename(tmp_path / "footpain.db", kept)  # what the other copy's set_aside does
    for side in ("-wal", "-shm"):
        if (tmp_path / f"footpain.db{side}").exists():
            os.rename(tmp_path / f"footpain.db{side}", tmp_path / f"{kept.name}{side}")
    repo.add_entry(Database(tmp_path), run(1, note="other copy"))
    kept_before = kept.read_bytes()
    repo.add_entry(mine, run(2, note="after"))
    assert [e.note for e in repo.load_journal(Database(tmp_path)).entries] == [
        "other copy", "after"]
    assert kept.read_bytes() == kept_before
    assert any("set aside by another copy" in m for m in told)


def test_a_newer_database_in_rollback_mode_is_not_touched_either(tmp_path: Path) -> None:
    """Even the journal-mode switch would rewrite the header: it is never made."""
    db = Database(tmp_path)
    repo.add_entry(db, run(0))
    db.close()
    con = sqlite3.connect(tmp_path / "footpain.db")
    con.execute("PRAGMA journal_mode=DELETE")
    con.execute(f"PRAGMA user_version = {db_module.SCHEMA_VERSION + 1}")
    con.close()
    before = (tmp_path / "footpain.db").read_bytes()
    with pytest.raises(NewerDatabaseError):
        repo.load_journal(Database(tmp_path))
    assert (tmp_path / "footpain.db").read_bytes() == before


def test_one_bad_v01_entry_does_not_lose_the_others(tmp_path: Path) -> None:
    """A v0.1 journal with one invalid entry and one repeated id: the rest comes in, and the
    user is told what was left out and where it still is."""
    data = _v01_folder(tmp_path)
    text = (data / "journal.toml").read_text()
    text = text.replace("pain_after = 0", "pain_after = 11", 1)
    text += '\n[[entries]]\nid = "demo0001"\ndate = 2026-03-01\nactivity = "walk"\n'
    (data / "journal.toml").write_text(text)
    told: list[str] = []
    journal = repo.load_journal(Database(data, told.append))
    assert len(journal.entries) == 56
    assert any("2 item(s)" in m and "journal.toml.v0.1" in m and "used twice" in m
               for m in told)


def test_every_thread_leaves_a_database_set_aside(tmp_path: Path) -> None:
    """One thread notices the file was replaced; a connection another thread opened before
    is dropped too, so its next write also goes to the new database."""
    from concurrent.futures import ThreadPoolExecutor

    db = Database(tmp_path, lambda _message: None)
    worker = ThreadPoolExecutor(max_workers=1)  # one thread, keeping its connection

    def in_thread(entry: Entry) -> None:
        worker.submit(repo.add_entry, db, entry).result(timeout=10)

    in_thread(run(0, note="worker, before"))
    kept = tmp_path / "footpain.db.corrupt-test"
    os.rename(tmp_path / "footpain.db", kept)
    for side in ("-wal", "-shm"):
        if (tmp_path / f"footpain.db{side}").exists():
            os.rename(tmp_path / f"footpain.db{side}", tmp_path / f"{kept.name}{side}")
    repo.add_entry(db, run(1, note="main thread"))  # this thread notices the replacement
    kept_before = kept.read_bytes()
    in_thread(run(2, note="worker, after"))
    worker.shutdown()
    notes = [e.note for e in repo.load_journal(Database(tmp_path)).entries]
    assert notes == ["main thread", "worker, after"]
    assert kept.read_bytes() == kept_before
