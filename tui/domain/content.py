"""The knowledge base loader: reads `content/*.toml` into the models of `content_models`.

Everything the app knows about foot pain (body regions, red flags, conditions, causes,
first aid, drills, routines) is data. This module reads it with `tomllib`, validates it
and checks cross-references, and turns every problem into a `ContentError` whose message
names the file, the entry and the field. Nothing is read at import time.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tui.domain.content_models import (
    OTTAWA_FINDINGS,
    SCHEMA_VERSION,
    Avoid,
    Cause,
    Condition,
    Content,
    Drill,
    FirstAid,
    FirstAidStep,
    IceSettings,
    OttawaRule,
    RedFlag,
    Region,
    Routine,
    Sensation,
    Tempo,
    Trigger,
    UntilSeen,
    _by_id,
)

if TYPE_CHECKING:  # imported where used: a start from the content cache needs none of them
    import tomllib

    from pydantic import ValidationError

CONTENT_ENV = "FOOTPAIN_CONTENT_DIR"

__all__ = [
    "CONTENT_ENV", "SCHEMA_VERSION", "Avoid", "Cause", "Condition", "Content", "ContentError",
    "Drill", "FirstAid", "FirstAidStep", "IceSettings", "OttawaRule", "RedFlag", "Region",
    "Routine", "Sensation", "Tempo", "Trigger", "UntilSeen", "content_dir", "drill_seconds",
    "load_content", "load_routines_file", "routine_seconds",
]


# --- errors ----------------------------------------------------------------------------


class ContentError(Exception):
    """A content file is missing or wrong; the message names file, entry and field."""

    def __init__(
        self, path: Path, problem: str, entry: str | None = None, field: str | None = None
    ) -> None:
        self.path = path
        self.entry = entry
        self.field = field
        self.problem = problem
        where = ", ".join(p for p in (entry, f"field '{field}'" if field else None) if p)
        super().__init__(f"{path}: {where + ': ' if where else ''}{problem}")


def _entry_label(raw: Mapping[str, Any], kind: str, index: int) -> str:
    """Name an entry as "kind 'id' (entry N)" with a 1-based N."""
    items = raw.get(kind)
    ident = None
    if isinstance(items, list) and index < len(items) and isinstance(items[index], dict):
        ident = items[index].get("id")
    shown = f" {ident!r}" if isinstance(ident, str) else ""
    return f"{kind}{shown} (entry {index + 1})"


def _describe(error: Mapping[str, Any], missing: list[str]) -> str:
    """Turn one pydantic error into a short plain-English problem."""
    kind = error["type"]
    if kind in ("extra_forbidden", "unexpected_keyword_argument"):
        import difflib

        near = difflib.get_close_matches(str(error["loc"][-1]), missing, n=1)
        hint = f"did you mean {near[0]!r}?" if near else "check the spelling, or remove it"
        return f"unknown field ({hint})"
    if kind == "missing":
        return "required field is missing"
    if kind == "predicate_failed":
        name = re.search(r"'(\w+)'", error["msg"])
        from tui.domain.content_files import PREDICATE_HELP

        help_text = PREDICATE_HELP.get(name.group(1) if name else "", "not allowed here")
        return f"{help_text} (got {error.get('input')!r})"
    message = error["msg"].removeprefix("Value error, ")
    if kind.endswith(("_type", "_parsing")) or "than" in kind or kind.startswith(
        ("literal", "string_pattern", "too_")
    ):
        message += f" (got {error.get('input')!r})"
    return message


def _from_validation(path: Path, raw: Mapping[str, Any], exc: ValidationError) -> ContentError:
    """Build one ContentError from the first problem, counting the rest."""
    # A misspelt key shows up as "unknown" plus "missing": report the misspelling first.
    unknown = ("extra_forbidden", "unexpected_keyword_argument")
    errors = sorted(exc.errors(), key=lambda e: e["type"] not in unknown)
    first = errors[0]
    loc = list(first["loc"])
    missing = [
        str(e["loc"][-1]) for e in errors
        if e["type"] == "missing" and tuple(e["loc"][:-1]) == tuple(loc[:-1])
    ]
    entry = None
    if len(loc) >= 2 and isinstance(loc[0], str) and isinstance(loc[1], int):
        entry = _entry_label(raw, loc[0], loc[1])
        loc = loc[2:]
    elif loc and isinstance(raw.get(loc[0]), dict):
        entry = f"table [{loc[0]}]"
        loc = loc[1:]
    field = ".".join(_KEY_NAMES.get(str(p), str(p)) for p in loc) or None
    problem = _describe(first, missing)
    if loc == ["schema_version"] and first["type"] != "missing":
        problem = f"this app reads schema_version {SCHEMA_VERSION} (got {first.get('input')!r})"
    if len(errors) > 1:
        problem += f" (and {len(errors) - 1} more problem(s) in this file)"
    return ContentError(path, problem, entry, field)


def _syntax_error(path: Path, text: str, exc: tomllib.TOMLDecodeError) -> ContentError:
    """Locate a TOML syntax error: line, the [[entry]] it is in, and the key on that line."""
    match = re.search(r"line (\d+)", str(exc))
    line_no = int(match.group(1)) if match else 0
    lines = text.splitlines()[: max(line_no, 0)]
    entry, field, count, kind = None, None, 0, None
    for line in lines:
        header = re.match(r"\s*\[\[\s*([A-Za-z0-9_]+)\s*\]\]", line)
        if header:
            count = count + 1 if header.group(1) == kind else 1
            kind = header.group(1)
            entry = f"{kind} (entry {count})"
        elif re.match(r"\s*\[\s*([A-Za-z0-9_]+)\s*\]", line):
            kind, entry = None, "table " + line.strip()
        ident = re.match(r"\s*id\s*=\s*\"([^\"]*)\"", line)
        if ident and kind:
            entry = f"{kind} {ident.group(1)!r} (entry {count})"
    if lines:
        key = re.match(r"\s*([A-Za-z0-9_.\-]+)\s*=", lines[-1])
        field = key.group(1) if key else None
    return ContentError(path, f"TOML syntax error: {exc}", entry, field)


_KEY_NAMES = {"for_conditions": "for"}
"""Field names as the TOML files spell them, where Python cannot."""


def _validator(model: type) -> Any:
    """pydantic's validator for one content file class (built on first use, then kept).

    pydantic is imported here and nowhere else in the content path, so a start that finds
    the content cache valid never imports it.
    """
    adapter = _ADAPTERS.get(model)
    if adapter is None:
        from pydantic import TypeAdapter

        adapter = _ADAPTERS[model] = TypeAdapter(model)
    return adapter


_ADAPTERS: dict[type, Any] = {}


def _validate(model: type, raw: dict[str, Any]) -> Any:
    """Validate TOML data as model, strictly.

    Strict validation of a dataclass from Python data wants instances, so the data goes in
    as JSON (TOML content holds no dates, so nothing is lost); `for` becomes `for_conditions`.
    """
    for item in raw.get("drill", []) if isinstance(raw.get("drill"), list) else []:
        if isinstance(item, dict) and "for" in item:
            item["for_conditions"] = item.pop("for")
    import json

    return _validator(model).validate_json(json.dumps(raw), strict=True)


def _read(path: Path, model: type) -> tuple[Any, dict[str, Any]]:
    """Read and validate one TOML file; return the model and the raw data."""
    import tomllib

    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ContentError(path, "file not found") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ContentError(path, f"cannot read the file ({exc})") from None
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise _syntax_error(path, text, exc) from None
    from pydantic import ValidationError

    try:
        return _validate(model, raw), raw
    except ValidationError as exc:
        raise _from_validation(path, raw, exc) from None


def _check_unique(path: Path, raw: Mapping[str, Any], kind: str, items: list[Any]) -> None:
    """Refuse two entries of one kind with the same id."""
    seen: dict[str, int] = {}
    for index, item in enumerate(items):
        if item.id in seen:
            problem = f"duplicate id (also used by entry {seen[item.id] + 1})"
            raise ContentError(path, problem, _entry_label(raw, kind, index), "id")
        seen[item.id] = index


def _check_known(
    path: Path, raw: Mapping[str, Any], where: tuple[str, int, str], ids: Iterable[str],
    known: Iterable[str], what: str,
) -> None:
    """Refuse references to ids that do not exist, suggesting a near match."""
    kind, index, field = where
    known = list(known)
    for pos, ident in enumerate(ids):
        if ident in known:
            continue
        import difflib

        near = difflib.get_close_matches(ident, known, n=1)
        hint = f" (did you mean {near[0]!r}?)" if near else ""
        tables = ("regions", "sensations", "triggers", "red_flags", "ottawa")
        name = f"{field}.{ident}" if field in tables else f"{field}[{pos}]"
        raise ContentError(
            path, f"unknown {what} id {ident!r}{hint}", _entry_label(raw, kind, index), name
        )


def _drill_index(drills: Mapping[str, Drill] | Iterable[Drill]) -> dict[str, Drill]:
    """Accept drills as a mapping by id or as a list."""
    return dict(drills) if isinstance(drills, Mapping) else _by_id(drills)


def _check_routines(
    path: Path, raw: Mapping[str, Any], routines: list[Routine], drills: Mapping[str, Drill]
) -> None:
    """Check ids are unique and every step names a known drill."""
    _check_unique(path, raw, "routine", routines)
    for index, routine in enumerate(routines):
        _check_known(path, raw, ("routine", index, "steps"), routine.steps, drills, "drill")


# --- public API ------------------------------------------------------------------------


def content_dir() -> Path:
    """Where the content lives: $FOOTPAIN_CONTENT_DIR, the wheel's copy, or the checkout."""
    override = os.environ.get(CONTENT_ENV)
    if override:
        return Path(override).expanduser()
    here = Path(__file__).resolve()
    installed = here.parents[1] / "content"
    return installed if installed.is_dir() else here.parents[2] / "content"


def load_routines_file(
    path: Path, drills: Mapping[str, Drill] | Iterable[Drill]
) -> list[Routine]:
    """Load a routines TOML file (built-in or the user's) and check its drill ids."""
    from tui.domain import content_files as files

    parsed, raw = _read(path, files.RoutinesFile)
    _check_routines(path, raw, parsed.routine, _drill_index(drills))
    return list(parsed.routine)


def load_content(directory: Path | None = None) -> Content:
    """Load, validate and cross-check every content file; raise ContentError on any problem."""
    import tomllib

    from tui.domain import content_files as files

    base = Path(directory) if directory is not None else content_dir()
    vocab_path = base / "vocabulary.toml"
    vocab, vocab_raw = _read(vocab_path, files.VocabularyFile)
    for kind in ("region", "sensation", "trigger"):
        _check_unique(vocab_path, vocab_raw, kind, getattr(vocab, kind))

    flags_path = base / "red_flags.toml"
    flags, flags_raw = _read(flags_path, files.RedFlagsFile)
    _check_unique(flags_path, flags_raw, "red_flag", flags.red_flag)

    causes_path = base / "causes.toml"
    causes, causes_raw = _read(causes_path, files.CausesFile)
    _check_unique(causes_path, causes_raw, "cause", causes.cause)

    aid_path = base / "first_aid.toml"
    aid, aid_raw = _read(aid_path, files.FirstAidFile)
    _check_unique(aid_path, aid_raw, "step", aid.step)
    _check_unique(aid_path, aid_raw, "avoid", aid.avoid)

    cond_path = base / "conditions.toml"
    conds, cond_raw = _read(cond_path, files.ConditionsFile)
    _check_unique(cond_path, cond_raw, "condition", conds.condition)

    drills_path = base / "drills.toml"
    drills, drills_raw = _read(drills_path, files.DrillsFile)
    _check_unique(drills_path, drills_raw, "drill", drills.drill)
    drill_ids = _by_id(drills.drill)
    condition_ids = _by_id(conds.condition)

    known = {
        "regions": (_by_id(vocab.region), "region"),
        "sensations": (_by_id(vocab.sensation), "sensation"),
        "triggers": (_by_id(vocab.trigger), "trigger"),
        "red_flags": (_by_id(flags.red_flag), "red flag"),
        "ottawa": (dict.fromkeys(OTTAWA_FINDINGS), "Ottawa finding"),
    }
    answer_ids = {**known["regions"][0], **known["triggers"][0], **known["red_flags"][0]}
    for path, raw, kind, items in (
        (vocab_path, vocab_raw, "trigger", vocab.trigger),
        (flags_path, flags_raw, "red_flag", flags.red_flag),
    ):
        for index, item in enumerate(items):
            _check_known(path, raw, (kind, index, "ask_if"), item.ask_if, answer_ids, "answer")
    for index, cond in enumerate(conds.condition):
        for field, (ids, what) in known.items():
            weights = getattr(cond, field)
            _check_known(cond_path, cond_raw, ("condition", index, field), weights, ids, what)
        if not any(w > 0 for w in cond.regions.values()):
            raise ContentError(
                cond_path, "needs at least one positive region weight",
                _entry_label(cond_raw, "condition", index), "regions",
            )
        where = ("condition", index, "drills")
        _check_known(cond_path, cond_raw, where, cond.drills, drill_ids, "drill")
    for index, drill in enumerate(drills.drill):
        where = ("drill", index, "for")
        _check_known(
            drills_path, drills_raw, where, drill.for_conditions, condition_ids, "condition"
        )

    routines_path = base / "routines.toml"
    routines = load_routines_file(routines_path, drill_ids)
    if not routines:
        raise ContentError(routines_path, "no routines defined", None, "routine")
    routines_raw = tomllib.loads(routines_path.read_text(encoding="utf-8"))
    for index, routine in enumerate(routines):
        if not routine.sources:
            raise ContentError(
                routines_path, "built-in routines must name at least one source",
                _entry_label(routines_raw, "routine", index), "sources",
            )

    return Content(
        regions=vocab.region,
        sensations=vocab.sensation,
        triggers=vocab.trigger,
        red_flags=flags.red_flag,
        ottawa=flags.ottawa,
        until_seen=flags.until_seen,
        conditions=conds.condition,
        causes=causes.cause,
        first_aid=FirstAid(
            steps=aid.step, avoid=aid.avoid, ice=aid.ice, nsaid=aid.nsaid, sources=aid.sources
        ),
        drills=drills.drill,
        routines=routines,
    )


def drill_seconds(drill: Drill) -> int:
    """Estimated time for one drill: work at tempo (or ~3 s a rep), holds and rests."""
    per_rep = drill.tempo.seconds if drill.tempo else 3
    work = drill.reps * per_rep if drill.reps is not None else drill.hold_seconds or 0
    sides = 2 if drill.per_side else 1
    return sides * drill.sets * work + (sides * drill.sets - 1) * drill.rest_seconds


def routine_seconds(routine: Routine, drills: Mapping[str, Drill] | Iterable[Drill]) -> int:
    """Estimated total time of a routine, including each step's lead-in countdown."""
    index = _drill_index(drills)
    return sum(routine.lead_in_seconds + drill_seconds(index[step]) for step in routine.steps)
