"""The fast TOML writer gives back exactly what it was given when read with tomllib."""

from __future__ import annotations

import random
import tomllib
from datetime import UTC, date, datetime, timedelta

from tui import toml_fast

NASTY = ['[red]bold[/red]', 'quote " and \\ backslash', "tab\there", "new\nline", "\x1b[31m",
         "del\x7f", "ünïcødé ✓ 🦶", "", "'single'", "\x00nul", "\u2028sep", "a = b # not a comment"]


def test_round_trip_of_awkward_strings() -> None:
    """Markup, escapes, control characters and unicode all come back unchanged."""
    rows = [{"id": str(i), "note": text, "tags": [text, "x"]} for i, text in enumerate(NASTY)]
    data = {"schema_version": 1, "entries": rows, "empty": []}
    assert tomllib.loads(toml_fast.dumps(data)) == data


def test_round_trip_of_random_journal_rows() -> None:
    """Dates, aware datetimes, floats, ints and bools survive in bulk."""
    rng = random.Random(7)
    start = datetime(2020, 1, 1, tzinfo=UTC)
    rows = []
    for i in range(500):
        when = start + timedelta(minutes=rng.randrange(10**6))
        rows.append({
            "id": f"e{i}",
            "date": when.date(),
            "started_at": when,
            "distance_km": round(rng.uniform(0, 42), 3),
            "pain_after": rng.randrange(11),
            "completed": rng.random() < 0.5,
            "note": "".join(chr(rng.randrange(1, 0x2FF)) for _ in range(rng.randrange(20))),
        })
    data = {"schema_version": 3, "entries": rows, "shoes": [{"name": "Old", "start_km": 0.0}]}
    assert tomllib.loads(toml_fast.dumps(data)) == data


def test_nested_values_fall_back_to_tomli_w() -> None:
    """A table inside a row, or a top-level table, is still written correctly."""
    data = {
        "schema_version": 1,
        "state": {"started": date(2026, 3, 14), "phases": {"up": 3}},
        "entries": [{"id": "a", "tempo": {"up": 3, "down": 3}}, {"id": "b", "n": 2}],
    }
    assert tomllib.loads(toml_fast.dumps(data)) == data


def test_cached_rows_keep_their_types() -> None:
    """A row seen before is reused, but 1, 1.0 and True are never confused."""
    data = {"rows": [{"v": 1}, {"v": 1.0}, {"v": True}, {"v": 1}]}
    first = toml_fast.dumps(data)
    assert toml_fast.dumps(data) == first
    parsed = tomllib.loads(first)["rows"]
    assert [type(row["v"]) for row in parsed] == [int, float, bool, int]
