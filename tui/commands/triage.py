"""`footpain triage`: run the triage engine from the shell, as text or JSON.

Reads nothing from and writes nothing to the data folder: it only answers. Unknown ids are
bad input (exit 2) and the message lists the ids that would have been accepted. The content
can come from $FOOTPAIN_CONTENT_DIR, so what is printed goes through `printable` (JSON through
`json_safe`) like any other text from a file.
"""

from __future__ import annotations

import argparse
import json
import sys
import textwrap

from tui.domain.content import Content, ContentError
from tui.domain.text import json_safe, printable
from tui.domain.triage import (
    AGE_RANGE,
    OTTAWA_QUESTIONS,
    PAIN_RANGE,
    Answers,
    BadAnswerError,
    TriageResult,
    UnknownAnswerError,
    assess,
)
from tui.store.content_cache import load_app_content

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
        help="an Ottawa ankle or foot rule finding after an injury (yes answers)")
    add("--pain", type=_bounded("pain", *PAIN_RANGE), metavar="N",
        help="how bad it is now, 0 (none) to 10 (worst imaginable)")
    add("--age", type=_bounded("age", *AGE_RANGE), metavar="N", help="your age in years")
    add("--json", action="store_true", help="print one JSON object instead of text")
    add("--list", action="store_true", help="print every valid id and exit")
    parser.set_defaults(func=run)


def _bounded(name: str, low: int, high: int):
    """An argparse type: a whole number from low to high (argparse exits 2 otherwise)."""

    def parse(text: str) -> int:
        try:
            value = int(text.strip())
        except ValueError:
            raise argparse.ArgumentTypeError(
                f"{name} must be a whole number from {low} to {high}, not {text!r}"
            ) from None
        if not low <= value <= high:
            raise argparse.ArgumentTypeError(f"{name} must be from {low} to {high}, not {value}")
        return value

    return parse


def run(args: argparse.Namespace) -> int:
    """Validate the ids, run the engine and print the result."""
    try:
        content = load_app_content()
    except ContentError as error:
        print(f"footpain: the built-in content is broken: {printable(str(error))}",
              file=sys.stderr)
        return 1
    if args.list:
        print(printable(vocabulary_text(content), one_line=False))
        return 0
    answers = Answers(
        regions=tuple(args.region),
        sensations=tuple(args.sensation),
        triggers=tuple(args.trigger),
        red_flags=tuple(args.red_flag),
        ottawa=tuple(args.ottawa),
        pain=args.pain,
        age=args.age,
    )
    try:
        result = assess(content, answers)
    except UnknownAnswerError as error:
        print(f"footpain triage: unknown {error.kind} id {error.ident!r}.", file=sys.stderr)
        print(f"Valid --{error.kind} ids: {', '.join(error.valid)}", file=sys.stderr)
        return 2
    except BadAnswerError as error:
        print(f"footpain triage: {printable(str(error))}", file=sys.stderr)
        return 2
    if args.json:
        print(json_safe(json.dumps(result.to_json(), indent=2, ensure_ascii=False)))
    else:
        print(printable(summary_text(content, result), one_line=False))
    return 0


def _wrap(text: str, indent: str = "  ", first: str | None = None) -> str:
    """Wrap text to the terminal width with a hanging indent."""
    return textwrap.fill(
        text, WIDTH, initial_indent=first if first is not None else indent,
        subsequent_indent=indent,
    )


def summary_text(content: Content, result: TriageResult, limit: int = 3) -> str:
    """The readable report: the verdict and why, what to do now, then the likely causes."""
    lines = ["footpain triage: general information, not a diagnosis.", ""]
    lines.append(f"{result.title.upper()}")
    lines += [_wrap(reason, "    ", "  - ") for reason in result.disposition_reasons]
    lines += ["", "What to do now:" if result.disposition != "urgent" else "Until you are seen:"]
    lines += [_wrap(step, "    ", "  - ") for step in result.do_now]
    if result.outlook:
        lines.append(_wrap("How long: " + result.outlook, "  ", "  "))
    if result.drills:
        names = [content.drill(d).name for d in result.drills]
        lines.append(_wrap("Drills that fit: " + ", ".join(names), "  ", "  "))
    lines.append("")
    fits, others = result.split()
    if not result.conditions:
        lines.append("No likely cause yet: give a --region, --sensation or --trigger.")
    if fits:
        lines.append("Likely causes, best first:")
        for number, ranked in enumerate(fits[:limit], start=1):
            lines += _condition_lines(number, ranked, full=result.disposition != "urgent")
        rest = fits[limit:]
        if rest:
            lines.append(_wrap("also possible: " + ", ".join(r.name for r in rest), "   "))
    if others:
        if fits:
            lines.append("")
        lines.append(_wrap(
            "These fit your other answers but do NOT explain why you need to be seen today: "
            + ", ".join(r.name for r in others[:limit]), "  ", ""))
    return "\n".join(lines).rstrip()


def _condition_lines(number: int, ranked, *, full: bool) -> list[str]:
    """One likely cause: its name, what matched, and (when not urgent) what it is."""
    cond = ranked.condition
    lines = [f"{number}. {cond.name}",
             _wrap("matches: " + ", ".join(ranked.reason_labels()), "     ")]
    if full:
        lines.append(_wrap(cond.summary, "     "))
        lines.append(_wrap("see someone: " + cond.see_someone, "     "))
    return lines


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
