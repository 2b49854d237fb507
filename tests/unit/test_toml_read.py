"""The fast reader of the store's own TOML shape: the same data as tomli, or None (and tomli)."""

from __future__ import annotations

import random
from datetime import UTC, date, datetime, timedelta, timezone

import pytest
import tomli

from tui import toml_fast
from tui.store import CorruptFileError, Store

AWKWARD = [
    "", "plain", 'quote " inside', "back\\slash", "tab\there", "new\nline", "cr\rhere",
    "nul\x00", "del\x7f", "bell\x07", "esc\x1b[31m", "emoji 🌧 and ü", "[brackets] = x",
    "key = value", '"quoted"', "\\u0041 literally", "\u2028 line sep", "trailing \\",
    "\U0001f600", "a = b = c", "# not a comment", "\\/ slash",
]


def entry(rng: random.Random, n: int) -> dict:
    row = {
        "id": f"e{n:05d}",
        "date": date(2025, 1, 1) + timedelta(days=n),
        "activity": rng.choice(["run", "walk", "ice"]),
        "distance_km": round(rng.uniform(0, 30), 1),
        "duration_min": rng.choice([15.0, 30.5, 1e-05, 120.0]),
        "pain_before": rng.randint(0, 10),
        "regions": rng.sample(["heel_bottom", "arch", "ball_of_foot"], rng.randint(0, 2)),
        "note": rng.choice(AWKWARD) + rng.choice(AWKWARD),
        "completed": rng.random() < 0.5,
        "changes": [rng.choice(AWKWARD)],
    }
    if rng.random() < 0.5:
        offset = timezone(timedelta(hours=rng.choice([0, 1, -5, 5.5])))
        row["started_at"] = datetime(2025, 3, 1, 7, 30, rng.randint(0, 59),
                                     rng.choice([0, 123456]), tzinfo=offset)
    return row


@pytest.mark.parametrize("seed", range(20))
def test_reads_what_the_writer_writes_exactly_as_tomli(seed: int) -> None:
    rng = random.Random(seed)
    data = {
        "schema_version": 1,
        "entries": [entry(rng, n) for n in range(rng.randint(1, 40))],
        "shoes": [{"id": "s1", "name": rng.choice(AWKWARD), "start_km": 0.0, "retired": False}],
    }
    text = toml_fast.dumps(data)
    want = tomli.loads(text)
    fast = toml_fast.loads(text)
    if fast is None:  # only text JSON would read differently (DEL, "\\/") may be handed over
        assert "\x7f" in text or "\\/" in text
        return
    assert fast == want
    for got, expected in zip(fast["entries"], want["entries"], strict=True):
        for key, value in expected.items():  # same types too (1 vs 1.0, dates vs text)
            assert type(got[key]) is type(value), key


def test_a_plain_journal_takes_the_fast_path() -> None:
    data = {"schema_version": 1, "entries": [entry(random.Random(1), n) for n in range(50)]}
    for row in data["entries"]:
        row["note"], row["changes"] = "fine, easy 🌧 [x] \"q\" \\ ü", ["shoes"]
    assert toml_fast.loads(toml_fast.dumps(data)) == data


@pytest.mark.parametrize("text", [
    'a = "x"\r\n',                       # CRLF
    "a = 1 # comment\n",                 # comment
    "a=1\n",                             # other spacing
    '"a b" = 1\n',                       # quoted key
    "a.b = 1\n",                         # dotted key
    "[table]\nx = 1\n",                  # standard table
    "a = [1, 2]\n",                      # list of numbers
    "a = [2025-01-01]\n",                # list of dates
    "a = {x = 1}\n",                     # inline table
    'a = {"x": 1}\n',                    # JSON, not TOML
    "a = null\n",                        # JSON, not TOML
    'a = "\\/"\n',                       # JSON escape TOML lacks
    'a = "\\ud83d\\ude00"\n',           # surrogate escapes
    'a = "\x7f"\n',                      # raw DEL
    "a = 1_000\n", "a = +1\n", "a = 0x1f\n", "a = inf\n", "a = 1.\n",
    "a = 07:30:00\n",                    # local time
    "a = 2025-01-01 07:30:00\n",         # space separator
    "a = 2025-02-30\n",                  # no such day
    "a = 1\na = 2\n",                    # key twice
    "a = 1\n[[a]]\nx = 1\n",             # key then table of the same name
    'a = "x", "y"\n',                    # two values on a line
    'a = ["x",\nb = "y"]\n',             # a value across lines
    "a = '''\nx\n'''\n",                 # multi-line literal
    "a = 'x'\n",                         # literal string
    "a = \n",                            # nothing
    "[[a b]]\n",
])
def test_anything_else_goes_to_tomli(text: str) -> None:
    assert toml_fast.loads(text) is None


def test_store_reads_hand_edited_toml_and_refuses_broken(tmp_path) -> None:
    """Files in other TOML still load through tomli; broken ones are reported as before."""
    from tui.domain.settings import Settings

    store = Store(tmp_path)
    store.ensure()
    (tmp_path / "settings.toml").write_text('# mine\ntheme = "footpain-light"  # nice\n')
    assert store.read("settings.toml", Settings).theme == "footpain-light"
    (tmp_path / "settings.toml").write_text("theme = 2025-02-30\n")
    with pytest.raises(CorruptFileError, match="not valid TOML"):
        Store(tmp_path).read("settings.toml", Settings)


def test_aware_times_keep_their_offset() -> None:
    text = "t = 2025-03-01T07:30:00+05:30\nu = 2025-03-01T07:30:00.123456+00:00\n"
    data = toml_fast.loads(text)
    assert data == tomli.loads(text)
    assert data["t"].utcoffset() == timedelta(hours=5, minutes=30)
    assert data["u"] == datetime(2025, 3, 1, 7, 30, 0, 123456, tzinfo=UTC)
