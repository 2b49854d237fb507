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
