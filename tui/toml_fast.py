"""A fast TOML writer for the shape user data has: top-level values plus arrays of flat tables.

tomli-w is exact but slow on a ten-year journal (thousands of `[[entries]]` tables). This writer
formats flat tables of plain values (str, int, float, bool, date, datetime, lists of those)
itself and hands anything else to tomli-w, so the output is the same kind of readable TOML.
The unit tests round-trip it through tomllib.
"""

from __future__ import annotations

import json
import math
import re
from datetime import date, datetime, time
from typing import Any

import tomli_w

_BARE_KEY = re.compile(r"^[A-Za-z0-9_-]+$")


def _string(value: str) -> str:
    """A TOML basic string: JSON's escapes are all valid TOML escapes; DEL must be escaped too."""
    return json.dumps(value, ensure_ascii=False).replace("\x7f", "\\u007f")


def _literal(value: Any) -> str | None:
    """The TOML form of a plain value, or None when tomli-w should handle it."""
    if isinstance(value, str):
        return _string(value)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return repr(value) if math.isfinite(value) else None
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    if isinstance(value, list | tuple):
        if any(isinstance(item, list | tuple | dict) for item in value):
            return None
        items = [_literal(item) for item in value]
        if any(item is None for item in items):
            return None
        return "[" + ", ".join(items) + "]"  # type: ignore[arg-type]
    return None


_CHUNKS: dict[tuple[Any, ...], str] = {}
"""Formatted tables by content: a journal rewrite mostly formats rows it formatted last time."""
_CHUNKS_MAX = 200_000


def _row_key(key: str, row: dict[str, Any]) -> tuple[Any, ...] | None:
    """A hashable key for a row's exact content (types included), or None if it has none."""
    parts: list[Any] = [key]
    for name, value in row.items():
        if isinstance(value, list):
            value = tuple(value)
        parts += (name, value.__class__, value)
    try:
        hash(tuple(parts))
    except TypeError:
        return None
    return tuple(parts)


def _table(key: str, row: dict[str, Any]) -> str | None:
    """One `[[key]]` table, from the cache when this exact row was formatted before."""
    cache_key = _row_key(key, row)
    if cache_key is not None and (chunk := _CHUNKS.get(cache_key)) is not None:
        return chunk
    chunk = _format_table(key, row)
    if chunk is not None and cache_key is not None:
        if len(_CHUNKS) >= _CHUNKS_MAX:
            _CHUNKS.clear()
        _CHUNKS[cache_key] = chunk
    return chunk


def _format_table(key: str, row: dict[str, Any]) -> str | None:
    """One `[[key]]` table of plain values, or None if any value is not plain."""
    lines = [f"[[{key}]]"]
    for name, value in row.items():
        literal = _literal(value) if _BARE_KEY.match(name) else None
        if literal is None:
            return None
        lines.append(f"{name} = {literal}")
    return "\n".join(lines) + "\n"


def dumps(data: dict[str, Any]) -> str:
    """Serialise data as TOML, fast for arrays of flat tables, via tomli-w for the rest."""
    head: dict[str, Any] = {}
    arrays: dict[str, list[dict[str, Any]]] = {}
    for key, value in data.items():
        is_array = isinstance(value, list) and value and all(isinstance(v, dict) for v in value)
        if is_array and _BARE_KEY.match(key):
            arrays[key] = value
        else:
            head[key] = value
    parts = [tomli_w.dumps(head)] if head else []
    for key, rows in arrays.items():
        for row in rows:
            chunk = _table(key, row)
            if chunk is None:  # a nested value: let tomli-w lay out the whole document
                return tomli_w.dumps(data)
            parts.append(chunk)
    return "\n".join(part.rstrip("\n") + "\n" for part in parts)


# --- reading ----------------------------------------------------------------------------
#
# Parsing is the slow part of reading a long journal: tomli takes 0.1-0.2 s for ten years in
# a fresh process. `loads` reads the plain shape `dumps` writes (top-level `key = value`
# lines, then `[[name]]` tables of `key = value` lines; basic strings, integers, floats,
# booleans, dates, date-times, one-line lists of strings) in about 60 % of that, by handing
# every value to the C JSON parser at once. On anything else it returns None and the caller
# parses the text with tomli, so a file edited by hand in any other valid (or invalid) TOML
# is read, or refused with tomli's message, exactly as before.

_SURROGATE = re.compile(r"\\u[dD][89a-fA-F]")
_STAMP = re.compile(
    r"[0-9]{4}-[0-9]{2}-[0-9]{2}"
    r"(?:T[0-9]{2}:[0-9]{2}:[0-9]{2}(?:\.[0-9]{6})?(?:[+-][0-9]{2}:[0-9]{2})?)?"
)
_SCALARS = (str, int, float, bool)
_VALUE, _STAMPED, _HEADER = 0, 1, 2


def _same_in_json(text: str) -> bool:
    """Whether every string in text means the same to JSON as to TOML. JSON accepts a `\\/`
    escape, surrogate escapes and raw DEL, and TOML does not; CR and NUL never occur in the
    shape `dumps` writes."""
    if "\\/" in text or "\x7f" in text or "\r" in text or "\x00" in text:
        return False
    return "\\u" not in text or _SURROGATE.search(text) is None


def _split(text: str) -> tuple[list[str], list[tuple[str, int]]] | None:
    """Each value's text, and the key (or table name) and kind of each line; None if a line
    is not `key = value` with a bare key, a `[[name]]` header, or empty."""
    bare: dict[str, bool] = {}
    values: list[str] = []
    lines: list[tuple[str, int]] = []
    for line in text.split("\n"):
        if not line:
            continue
        key, sep, value = line.partition(" = ")
        if not sep:
            name = line[2:-2]
            if line[:2] != "[[" or line[-2:] != "]]" or not _BARE_KEY.match(name):
                return None
            lines.append((name, _HEADER))
            continue
        ok = bare.get(key)
        if ok is None:
            ok = bare[key] = _BARE_KEY.match(key) is not None
        if not ok or not value:
            return None
        if value[0].isdigit() and value[4:5] == "-":  # a date or date-time
            if not _STAMP.fullmatch(value):
                return None
            values.append('"' + value + '"')
            lines.append((key, _STAMPED))
        else:
            values.append(value)
            lines.append((key, _VALUE))
    return values, lines


def loads(text: str) -> dict[str, Any] | None:
    """Parse text in the plain shape `dumps` writes; None for anything else (use tomli)."""
    if not _same_in_json(text):
        return None
    split = _split(text)
    if split is None:
        return None
    values, lines = split
    try:
        parsed = json.loads("[" + ",".join(values) + "]")
    except ValueError:
        return None
    if len(parsed) != len(values):  # a value ran into the next one: not one value per line
        return None
    data: dict[str, Any] = {}
    arrays: set[str] = set()
    table = data
    found = iter(parsed)
    for key, kind in lines:
        if kind == _HEADER:
            if key in data and key not in arrays:
                return None  # already a plain key: tomli explains the error
            arrays.add(key)
            table = {}
            data.setdefault(key, []).append(table)
            continue
        value = next(found)
        if key in table:
            return None  # a key twice: tomli explains the error
        if kind == _STAMPED:
            try:
                value = datetime.fromisoformat(value) if "T" in value else date.fromisoformat(value)
            except ValueError:
                return None
        elif value.__class__ is list:
            if any(item.__class__ is not str for item in value):
                return None
        elif value.__class__ not in _SCALARS:
            return None
        table[key] = value
    return data
