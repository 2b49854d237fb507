"""`footpain triage`: run the triage engine from the shell, as text or JSON.

Reads nothing from and writes nothing to the data folder: it only answers. Unknown ids are
bad input (exit 2) and the message lists the ids that would have been accepted.
"""

from __future__ import annotations

import argparse
import json
import sys
import textwrap

from tui.content_cache import load_app_content
from tui.domain.content import Content, ContentError
from tui.domain.triage import OTTAWA_QUESTIONS, Answers, TriageResult, UnknownAnswerError, assess

WIDTH = 78


def register(subparsers: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    """Add the `triage` subcommand."""
    parser = subparsers.add_parser(
        "triage",
        parents=[common],
        help="likely causes and what to do, from where and how it hurts",
        description=(
            "Rank likely causes of foot pain and say how soon to see someone. Each option "
            "can be given several times. General information, not a diagnosis. "
            "`footpain triage --list` shows every id."
        ),
    )
    add = parser.add_argument
    add("--region", action="append", default=[], metavar="R", help="where it hurts")
    add("--sensation", action="append", default=[], metavar="S", help="how it feels")
    add("--trigger", action="append", default=[], metavar="T",
        help="what makes it worse or better, or background")
    add("--red-flag", action="append", default=[], metavar="F", help="a red flag that applies")
    add("--ottawa", action="append", default=[], metavar="O",
        help="an Ottawa foot rule finding after an injury (yes answers)")
    add("--json", action="store_true", help="print one JSON object instead of text")
    add("--list", action="store_true", help="print every valid id and exit")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Validate the ids, run the engine and print the result."""
    try:
        content = load_app_content()
    except ContentError as error:
        print(f"footpain: the built-in content is broken: {error}", file=sys.stderr)
        return 1
    if args.list:
        print(vocabulary_text(content))
        return 0
    answers = Answers(
        regions=tuple(args.region),
        sensations=tuple(args.sensation),
        triggers=tuple(args.trigger),
        red_flags=tuple(args.red_flag),
        ottawa=tuple(args.ottawa),
    )
    try:
        result = assess(content, answers)
    except UnknownAnswerError as error:
        print(f"footpain triage: unknown {error.kind} id {error.ident!r}.", file=sys.stderr)
        print(f"Valid --{error.kind} ids: {', '.join(error.valid)}", file=sys.stderr)
        return 2
    if args.json:
        print(json.dumps(result.to_json(), indent=2, ensure_ascii=False))
    else:
        print(summary_text(content, result))
    return 0


def _wrap(text: str, indent: str = "  ", first: str | None = None) -> str:
    """Wrap text to the terminal width with a hanging indent."""
    return textwrap.fill(
        text, WIDTH, initial_indent=first if first is not None else indent,
        subsequent_indent=indent,
    )


def summary_text(content: Content, result: TriageResult, limit: int = 3) -> str:
    """The readable report: disposition and why, top conditions with matches, advice."""
    lines = ["footpain triage: general information, not a diagnosis.", ""]
    lines.append(f"{result.title.upper()}")
    lines += [_wrap(reason, "    ", "  - ") for reason in result.disposition_reasons]
    lines.append("")
    if not result.conditions:
        lines.append("No likely cause yet: give a --region, --sensation or --trigger.")
    else:
        lines.append("Likely causes, best first:")
        for number, ranked in enumerate(result.conditions[:limit], start=1):
            cond = ranked.condition
            lines.append(f"{number}. {cond.name} (score {ranked.score})")
            lines.append(_wrap("matches: " + ", ".join(ranked.reason_labels()), "     "))
            lines.append(_wrap(cond.summary, "     "))
            lines.append(_wrap("do now: " + cond.do_now[0], "     "))
            lines.append(_wrap("see someone: " + cond.see_someone, "     "))
        rest = result.conditions[limit:]
        if rest:
            lines.append(_wrap("also possible: " + ", ".join(r.name for r in rest), "   "))
    lines += ["", _wrap("What to do: " + result.advice, "  ", "")]
    return "\n".join(lines)


def vocabulary_text(content: Content) -> str:
    """Every id the command accepts, grouped by option."""
    sections = [
        ("--region", [(r.id, r.name) for r in content.regions]),
        ("--sensation", [(s.id, s.name) for s in content.sensations]),
        ("--trigger", [(t.id, f"{t.name} ({t.group})") for t in content.triggers]),
        ("--red-flag", [(f.id, f"{f.name} [{f.disposition}]") for f in content.red_flags]),
        ("--ottawa", list(OTTAWA_QUESTIONS.items())),
        ("conditions (output)", [(c.id, c.name) for c in content.conditions]),
    ]
    out: list[str] = []
    for title, items in sections:
        out.append(f"{title}:")
        out += [f"  {ident:<26} {label}" for ident, label in items]
        out.append("")
    return "\n".join(out).rstrip()
