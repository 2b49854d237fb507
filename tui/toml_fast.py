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
_PLAIN = (str, bool, int, float, date, time)


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
# Parsing is the slow part of opening a long journal: tomli takes about 0.2 s for a ten-year
# file. `loads` reads the subset `dumps` writes (top-level plain values, `[[name]]` tables of
# plain values, one per line) with one regular expression per line, and gives up (returns
# None) on anything else, so the caller parses that text with tomli: a file edited by hand
# in any other valid (or invalid) TOML is read, or refused, exactly as before.

_LINE = re.compile(r"([A-Za-z0-9_-]+) = (.+)")
_HEADER = re.compile(r"\[\[([A-Za-z0-9_-]+)\]\]")
# Basic strings with only the escapes TOML and JSON share (no \/, no \U, no raw tab or other
# control character, no surrogate code points): json.loads then decodes them as tomli would.
_STRING = (
    r'"(?:[^"\\\x00-\x1f\x7f]|\\["\\bfnrt]|\\u(?![dD][89abAB89abcdefCDEF])[0-9A-Fa-f]{4})*"'
)
_STRING_RE = re.compile(_STRING)
_STRINGS_RE = re.compile(rf"\[(?:{_STRING}(?:, {_STRING})*)?\]")
_INT_RE = re.compile(r"-?(?:0|[1-9][0-9]*)")
_FLOAT_RE = re.compile(r"-?(?:0|[1-9][0-9]*)(?:\.[0-9]+(?:[eE][+-]?[0-9]+)?|[eE][+-]?[0-9]+)")
_DATE_RE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_DATETIME_RE = re.compile(
    r"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(?:\.[0-9]{6})?[+-][0-9]{2}:[0-9]{2}"
)


class _NotPlain(Exception):
    """The text uses TOML outside the subset this reader knows."""


def _value(text: str) -> Any:
    """One plain value, or _NotPlain."""
    first = text[0]
    if first == '"':
        if _STRING_RE.fullmatch(text):
            return json.loads(text)
    elif first == "[":
        if _STRINGS_RE.fullmatch(text):
            return json.loads(text)
    elif text == "true":
        return True
    elif text == "false":
        return False
    elif _INT_RE.fullmatch(text):
        return int(text)
    elif _FLOAT_RE.fullmatch(text):
        return float(text)
    elif _DATE_RE.fullmatch(text):
        try:
            return date.fromisoformat(text)
        except ValueError:
            pass
    elif _DATETIME_RE.fullmatch(text):
        try:
            value = datetime.fromisoformat(text)
        except ValueError:
            pass
        else:
            return value
    raise _NotPlain(text)


def loads(text: str) -> dict[str, Any] | None:
    """Parse text written by `dumps` (or in the same plain shape); None for anything else."""
    data: dict[str, Any] = {}
    arrays: set[str] = set()
    table = data
    try:
        for line in text.split("\n"):
            if not line:
                continue
            match = _LINE.fullmatch(line)
            if match is not None:
                key = match.group(1)
                if key in table:
                    return None  # a key twice: tomli's error message is the one to show
                table[key] = _value(match.group(2))
                continue
            header = _HEADER.fullmatch(line)
            if header is None:
                return None
            name = header.group(1)
            if name in data and name not in arrays:
                return None  # already a plain key: an error for tomli to explain
            arrays.add(name)
            table = {}
            data.setdefault(name, []).append(table)
    except _NotPlain:
        return None
    return data
