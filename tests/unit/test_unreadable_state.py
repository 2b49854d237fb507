"""Issue 13: a stored state that cannot be read (a naive date-time, wrong types, not JSON) is
set aside unchanged, reported, and replaced by defaults: in the store, the CLI and the v0.1
import. No command crashes on it."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.datafiles import database, read_ice, read_routine
from tui.cli import main
from tui.domain.countdown import Countdown
from tui.domain.ice import IceState
from tui.domain.record import RecordError
from tui.domain.routine import RoutineState
from tui.store import Database, Store, StoreError
from tui.store.journal import load_journal
from tui.store.state import ICE, ROUTINE, read_state, update_state
from tui.tabs.first_aid.session import IceSession

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "v0.1"
NAIVE_ICE = ('{"schema_version":1,"timer":{"id":"t1","kind":"ice",'
             '"started_at":"2026-03-14T08:55:00","deadline":"2026-03-14T09:10:00",'
             '"total_seconds":900}}')
BAD = {
    "naive date-time": NAIVE_ICE,
    "naive last end": '{"last_ice_end":"2026-03-14T08:00:00"}',
    "wrong types": '{"timer":5,"pricer_done":"protection"}',
    "not JSON": "ice = [[[",
    "control characters in a key": '{"\\u001b]52;c;eA==\\u0007":1}',
}


def put(data_dir: Path, name: str, data: str) -> None:
    """Store raw text as a state row, as a bug or a hand edit might."""
    with database(data_dir).write() as con:
        con.execute("INSERT OR REPLACE INTO state (name, data) VALUES (?, ?)", (name, data))


def rows(data_dir: Path) -> dict[str, str]:
    """Every state row."""
    with database(data_dir).read() as con:
        return dict(con.execute("SELECT name, data FROM state").fetchall())


def corrupt_rows(data_dir: Path, name: str) -> list[str]:
    """The texts set aside for the state `name`."""
    return [v for k, v in rows(data_dir).items() if k.startswith(f"{name}.corrupt-")]


@pytest.mark.parametrize("model", [IceState, RoutineState])
def test_the_models_refuse_naive_date_times(model) -> None:
    """Every date-time in the state models must carry an offset."""
    field = "last_ice_end" if model is IceState else "started_at"
    with pytest.raises(RecordError, match="timezone"):
        model.model_validate_json(f'{{"{field}": "2026-03-14T08:00:00"}}')
    assert model.model_validate_json(f'{{"{field}": "2026-03-14T08:00:00Z"}}')


def test_a_countdown_with_a_naive_start_does_not_validate() -> None:
    """The timer inside the ice state too."""
    with pytest.raises(RecordError):
        Countdown.model_validate({"started_at": "2026-03-14T08:55:00",
                                  "deadline": "2026-03-14T09:10:00Z", "total_seconds": 900})


@pytest.mark.parametrize("data", BAD.values(), ids=BAD.keys())
def test_read_state_sets_aside_reports_and_uses_defaults(data_dir: Path, data: str) -> None:
    """With warn: a fresh state, one message, the text kept byte-for-byte, the row gone."""
    put(data_dir, ICE, data)
    told: list[str] = []
    assert read_state(database(data_dir), ICE, IceState, told.append) == IceState()
    assert len(told) == 1 and "ice state could not be read" in told[0]
    assert "ice.corrupt-" in told[0] and "\x1b" not in told[0] and "\x07" not in told[0]
    assert corrupt_rows(data_dir, ICE) == [data]
    assert ICE not in rows(data_dir)
    assert read_state(database(data_dir), ICE, IceState, told.append) == IceState()
    assert len(told) == 1  # said once


def test_read_state_without_warn_raises_a_store_error(data_dir: Path) -> None:
    """No warn: the caller is told by a StoreError, and nothing is moved."""
    put(data_dir, ICE, NAIVE_ICE)
    with pytest.raises(StoreError, match="timezone"):
        read_state(database(data_dir), ICE, IceState)
    assert rows(data_dir)[ICE] == NAIVE_ICE


def test_two_bad_states_in_a_second_are_both_kept(data_dir: Path) -> None:
    """Set-aside names never collide."""
    db = database(data_dir)
    for data in (NAIVE_ICE, "x"):
        put(data_dir, ICE, data)
        read_state(db, ICE, IceState, lambda _: None)
    assert sorted(corrupt_rows(data_dir, ICE)) == sorted([NAIVE_ICE, "x"])


def test_update_state_sets_aside_in_the_same_transaction(data_dir: Path) -> None:
    """A change to an unreadable state applies to a fresh one; the old text is kept and
    `warn` hears of it."""
    put(data_dir, ROUTINE, '{"routine_id":"x","started_at":"2026-03-14T08:00:00"}')
    told: list[str] = []
    update_state(database(data_dir), ROUTINE, RoutineState,
                 lambda s: s.model_copy(update={"routine_id": "y"}), told.append)
    assert read_routine(data_dir).routine_id == "y"
    assert corrupt_rows(data_dir, ROUTINE) == [
        '{"routine_id":"x","started_at":"2026-03-14T08:00:00"}']
    assert told and "routine state could not be read" in told[0]


def test_a_read_only_database_still_gives_defaults(data_dir: Path, monkeypatch) -> None:
    """If the set-aside cannot be written, the user is told and defaults are used."""
    put(data_dir, ICE, NAIVE_ICE)
    db = database(data_dir)

    def refuse(*_args, **_kwargs):
        raise StoreError("read-only file system")

    monkeypatch.setattr(type(db), "write", refuse)
    told: list[str] = []
    assert read_state(db, ICE, IceState, told.append) == IceState()
    assert "nor set aside" in told[0] and "read-only" in told[0]


def test_status_with_a_naive_ice_state(data_dir: Path, capsys) -> None:
    """`footpain status`: exit 0, one line, the problem once on stderr."""
    put(data_dir, ICE, NAIVE_ICE)
    assert main(["status"]) == 0
    out = capsys.readouterr()
    assert out.out.count("\n") == 1 and out.out.startswith("ice: no session")
    assert "ice state could not be read" in out.err
    assert main(["status"]) == 0
    assert capsys.readouterr().err == ""
    assert corrupt_rows(data_dir, ICE) == [NAIVE_ICE]


@pytest.mark.parametrize("action", ["start", "stop"])
def test_ice_commands_with_a_naive_ice_state(data_dir: Path, capsys, action: str) -> None:
    """`footpain ice start|stop`: no traceback; start works, stop finds nothing to stop."""
    put(data_dir, ICE, NAIVE_ICE)
    code = main(["ice", action])
    out = capsys.readouterr()
    assert code == (0 if action == "start" else 1)
    assert "ice state could not be read" in out.err and "Traceback" not in out.err
    assert (read_ice(data_dir).timer is not None) == (action == "start")
    assert corrupt_rows(data_dir, ICE) == [NAIVE_ICE]


def test_the_app_session_opens_on_a_naive_state(data_dir: Path, clock) -> None:
    """What the First aid tab does on mount, without the app: warned once, no crash."""
    put(data_dir, ICE, NAIVE_ICE)
    told: list[str] = []
    session = IceSession(Store(data_dir, data_dir.parent / "config", warn=told.append),
                         clock, told.append)
    session.open()
    assert session.state == IceState() and len(told) == 1
    assert session.start("ice", 600) is not None


# --- the v0.1 import ----------------------------------------------------------------------


def _v01_folder(tmp_path: Path) -> Path:
    data = tmp_path / "data"
    shutil.copytree(FIXTURES, data)
    return data


def test_v01_ice_toml_with_a_naive_date_time_is_kept_aside(tmp_path: Path) -> None:
    """A TOML local date-time (no offset) in ice.toml: set aside byte-for-byte, reported,
    the journal still imported, the ice state fresh."""
    data = _v01_folder(tmp_path)
    text = b'schema_version = 1\nlast_ice_end = 2026-03-14T08:00:00\n'
    (data / "ice.toml").write_bytes(text)
    told: list[str] = []
    assert load_journal(Database(data, told.append)).entries  # the rest came in
    (kept,) = data.glob("ice.toml.corrupt-*")
    assert kept.read_bytes() == text
    assert any("ice.toml" in m and "timezone" in m for m in told)
    assert read_ice(data) == IceState()


def test_v01_routine_toml_with_a_naive_date_time_is_kept_aside(tmp_path: Path) -> None:
    """The same for routine.toml."""
    data = _v01_folder(tmp_path)
    text = b'routine_id = "morning_foot"\nstarted_at = 2026-03-14T08:00:00\n'
    (data / "routine.toml").write_bytes(text)
    told: list[str] = []
    load_journal(Database(data, told.append))
    (kept,) = data.glob("routine.toml.corrupt-*")
    assert kept.read_bytes() == text and any("routine.toml" in m for m in told)


def test_v01_state_file_that_is_a_folder_is_left_alone(tmp_path: Path) -> None:
    """A folder named ice.toml: not imported, not a crash; the rest comes in."""
    data = _v01_folder(tmp_path)
    (data / "ice.toml").unlink()
    (data / "ice.toml").mkdir()
    assert load_journal(Database(data, lambda _: None)).entries and (data / "ice.toml").is_dir()
    assert read_ice(data) == IceState()


@pytest.mark.parametrize("name", ["ice.toml", "journal.toml"])
def test_v01_file_that_cannot_be_read_is_reported(tmp_path: Path, monkeypatch,
                                                  name: str) -> None:
    """EACCES on a v0.1 file: reported, set aside unchanged, no crash. (Made to fail by
    hand, as chmod 000 does not stop root.)"""
    import errno

    data = _v01_folder(tmp_path)
    original = (data / name).read_bytes()
    import tui.store.legacy

    real_read = tui.store.legacy.read_private

    def read_private(path: Path) -> bytes:
        if path.name == name:
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return real_read(path)

    monkeypatch.setattr(tui.store.legacy, "read_private", read_private)
    told: list[str] = []
    load_journal(Database(data, told.append))
    assert any(name in m and "Permission denied" in m for m in told)
    monkeypatch.undo()
    (kept,) = data.glob(f"{name}.corrupt-*")
    assert kept.read_bytes() == original
