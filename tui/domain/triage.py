"""The triage engine: answers about a sore foot → disposition, ranked conditions, reasons.

Pure Python over `Content` (no Textual), shared by the Triage tab and `footpain triage`.
Every condition score is the sum of the content weights of the answers given; the reasons
shown are exactly the answers whose weight was positive, so nothing appears without support.
The disposition follows the red flags, the Ottawa foot rule and a few see-someone-soon signs.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, Literal

from tui.domain.content import Condition, Content

Disposition = Literal["self_care", "see_pro", "urgent"]
DISPOSITIONS: tuple[Disposition, ...] = ("self_care", "see_pro", "urgent")
"""Dispositions from least to most pressing."""

DISPOSITION_TITLES: dict[str, str] = {
    "self_care": "Self-care",
    "see_pro": "See a professional this week",
    "urgent": "Get checked today",
}
DISPOSITION_ADVICE: dict[str, str] = {
    "urgent": (
        "Get checked today: urgent care, A&E or an out-of-hours doctor. Keep weight off "
        "the foot and do not run on it until someone has looked at it."
    ),
    "see_pro": (
        "Book a GP, physio or podiatrist within the next few days. Until then rest from "
        "running and follow the home care for the likely cause."
    ),
    "self_care": (
        "Home care should do: ease off running, follow PRICER for a day or two and build "
        "back slowly. If it is no better in a week, see someone."
    ),
}

OTTAWA_QUESTIONS: dict[str, str] = {
    "midfoot_pain": "After a twist, fall or bad landing: does the middle of the foot hurt?",
    "navicular_tender": "Does pressing the bump on the inner side of the midfoot hurt?",
    "fifth_metatarsal_tender": "Does pressing the knobbly bone half-way along the outer edge hurt?",
    "cannot_take_four_steps": "Could you not take four steps right after it, and still cannot?",
}
"""The Ottawa foot rule, one yes/no question per finding, keyed by the ids the CLI takes."""

NERVE_SENSATIONS = ("tingling", "numbness", "electric")
"""Nerve signs: a professional should check these within the week."""
SEE_PRO_TRIGGERS: dict[str, str] = {
    "at_night": "Pain at night or at rest: in a runner this can be a stress fracture.",
    "worse_each_run": (
        "Worse with every run: the tissue is not keeping up with the load, and a "
        "professional should find out why before it becomes a longer injury."
    ),
}
"""Patterns that are not red flags on their own but need a visit within the week."""


class UnknownAnswerError(ValueError):
    """An id that the vocabulary does not know; names the kind and the valid ids."""

    def __init__(self, kind: str, ident: str, valid: Iterable[str]) -> None:
        self.kind = kind
        self.ident = ident
        self.valid = list(valid)
        super().__init__(
            f"unknown {kind} {ident!r}; valid {kind} ids: {', '.join(self.valid)}"
        )


@dataclass(frozen=True)
class Answers:
    """What the runner ticked: ids from the vocabulary, red flags and Ottawa questions."""

    regions: tuple[str, ...] = ()
    sensations: tuple[str, ...] = ()
    triggers: tuple[str, ...] = ()
    red_flags: tuple[str, ...] = ()
    ottawa: tuple[str, ...] = ()
    """Ids from OTTAWA_QUESTIONS answered yes."""

    def check(self, content: Content) -> None:
        """Raise UnknownAnswerError for the first id the content does not know."""
        known = {
            "region": list(content.regions_by_id),
            "sensation": list(content.sensations_by_id),
            "trigger": list(content.triggers_by_id),
            "red-flag": list(content.red_flags_by_id),
            "ottawa": list(OTTAWA_QUESTIONS),
        }
        given = {
            "region": self.regions,
            "sensation": self.sensations,
            "trigger": self.triggers,
            "red-flag": self.red_flags,
            "ottawa": self.ottawa,
        }
        for kind, ids in given.items():
            for ident in ids:
                if ident not in known[kind]:
                    raise UnknownAnswerError(kind, ident, known[kind])


@dataclass(frozen=True)
class Evidence:
    """One answer and the weight it carried for one condition."""

    kind: Literal["region", "sensation", "trigger", "red_flag"]
    id: str
    label: str
    weight: int


@dataclass(frozen=True)
class RankedCondition:
    """A condition with its score, the answers that support it and those against it."""

    condition: Condition
    score: int
    reasons: tuple[Evidence, ...]
    against: tuple[Evidence, ...] = ()

    @property
    def id(self) -> str:
        """The condition id."""
        return self.condition.id

    @property
    def name(self) -> str:
        """The condition's display name."""
        return self.condition.name

    def reason_labels(self) -> list[str]:
        """The supporting answers in words, strongest first."""
        return [e.label for e in self.reasons]


@dataclass(frozen=True)
class TriageResult:
    """The engine's answer: disposition with reasons, ranked conditions, flags, advice."""

    disposition: Disposition
    disposition_reasons: tuple[str, ...]
    conditions: tuple[RankedCondition, ...]
    red_flags: tuple[str, ...]
    advice: str
    answers: Answers = field(default_factory=Answers)

    @property
    def top(self) -> RankedCondition | None:
        """The best-supported condition, if any answer supported one."""
        return self.conditions[0] if self.conditions else None

    @property
    def title(self) -> str:
        """The disposition as the banner says it."""
        return DISPOSITION_TITLES[self.disposition]

    def to_json(self) -> dict[str, Any]:
        """The CLI's JSON object."""
        return {
            "disposition": self.disposition,
            "disposition_reasons": list(self.disposition_reasons),
            "conditions": [
                {"id": r.id, "name": r.name, "score": r.score, "reasons": r.reason_labels()}
                for r in self.conditions
            ],
            "red_flags": list(self.red_flags),
            "advice": self.advice,
        }


def ottawa_positive(ottawa: Iterable[str]) -> bool:
    """The Ottawa foot rule: midfoot pain with navicular or 5th-metatarsal bone tenderness,
    or unable to take four steps."""
    yes = set(ottawa)
    tender = bool(yes & {"navicular_tender", "fifth_metatarsal_tender"})
    return ("midfoot_pain" in yes and tender) or "cannot_take_four_steps" in yes


def _effective_flags(answers: Answers) -> list[str]:
    """Ticked red flags plus those an Ottawa answer implies (bone tenderness, four steps)."""
    flags = list(dict.fromkeys(answers.red_flags))
    yes = set(answers.ottawa)
    if yes & {"navicular_tender", "fifth_metatarsal_tender"} and "bone_tenderness" not in flags:
        flags.append("bone_tenderness")
    if "cannot_take_four_steps" in yes and "cannot_bear_weight" not in flags:
        flags.append("cannot_bear_weight")
    return flags


def _evidence(content: Content, answers: Answers, flags: list[str]) -> list[tuple[str, str, str]]:
    """Every answer as (kind, id, label), in the order a person gave them."""
    out: list[tuple[str, str, str]] = []
    out += [("region", i, content.region(i).name) for i in dict.fromkeys(answers.regions)]
    out += [("sensation", i, content.sensation(i).name) for i in dict.fromkeys(answers.sensations)]
    out += [("trigger", i, content.trigger(i).name) for i in dict.fromkeys(answers.triggers)]
    out += [("red_flag", i, content.red_flag(i).name) for i in flags]
    return out


def score_condition(
    condition: Condition, evidence: list[tuple[str, str, str]]
) -> RankedCondition:
    """Sum the condition's weights over the answers; keep the supporting ones as reasons."""
    tables = {
        "region": condition.regions,
        "sensation": condition.sensations,
        "trigger": condition.triggers,
        "red_flag": condition.red_flags,
    }
    used = [
        Evidence(kind, ident, label, tables[kind].get(ident, 0))  # type: ignore[arg-type]
        for kind, ident, label in evidence
    ]
    reasons = sorted((e for e in used if e.weight > 0), key=lambda e: -e.weight)
    against = sorted((e for e in used if e.weight < 0), key=lambda e: e.weight)
    return RankedCondition(
        condition, sum(e.weight for e in used), tuple(reasons), tuple(against)
    )


def rank_conditions(
    content: Content, answers: Answers, flags: list[str] | None = None
) -> list[RankedCondition]:
    """Conditions with a positive score and at least one supporting answer, best first."""
    flags = _effective_flags(answers) if flags is None else flags
    evidence = _evidence(content, answers, flags)
    scored = [score_condition(c, evidence) for c in content.conditions]
    kept = [r for r in scored if r.reasons and r.score > 0]
    order = {c.id: n for n, c in enumerate(content.conditions)}
    # Ties go to the answer with more support, then to file order (stable, predictable).
    return sorted(kept, key=lambda r: (-r.score, -len(r.reasons), order[r.id]))


def _disposition(
    content: Content, answers: Answers, flags: list[str], top: RankedCondition | None
) -> tuple[Disposition, list[str]]:
    """The most pressing disposition any answer calls for, with every reason for it."""
    urgent: list[str] = []
    see_pro: list[str] = []
    if ottawa_positive(answers.ottawa):
        urgent.append(
            "Ottawa foot rule: after an injury, midfoot pain with a tender bone, or not "
            "being able to take four steps, needs an X-ray today."
        )
    for ident in flags:
        flag = content.red_flag(ident)
        (urgent if flag.disposition == "urgent" else see_pro).append(
            f"{flag.name}: {flag.why}"
        )
    nerve = [content.sensation(s).name.lower() for s in answers.sensations
             if s in NERVE_SENSATIONS]
    if nerve:
        see_pro.append(
            f"Nerve signs ({', '.join(nerve)}): a squeezed nerve should be checked "
            "before it does lasting harm."
        )
    see_pro += [SEE_PRO_TRIGGERS[t] for t in dict.fromkeys(answers.triggers)
                if t in SEE_PRO_TRIGGERS]
    if top is not None and top.condition.kind == "bone":
        see_pro.append(
            f"The answers fit a {top.name.lower()}, which needs an assessment and "
            "often a scan; it does not heal if you keep running."
        )
    if urgent:
        return "urgent", urgent + see_pro
    if see_pro:
        return "see_pro", see_pro
    if top is None:
        return "self_care", ["No red flags, and no answers yet that point at a cause."]
    return "self_care", [
        f"No red flags; the answers fit {top.name.lower()}, which usually settles with "
        "home care."
    ]


def assess(content: Content, answers: Answers) -> TriageResult:
    """Run the triage: validate the ids, rank conditions, set the disposition and advice."""
    answers.check(content)
    flags = _effective_flags(answers)
    ranked = rank_conditions(content, answers, flags)
    top = ranked[0] if ranked else None
    disposition, reasons = _disposition(content, answers, flags, top)
    advice = DISPOSITION_ADVICE[disposition]
    if top is not None:
        advice += f" Meanwhile: {top.condition.do_now[0]}"
    return TriageResult(
        disposition=disposition,
        disposition_reasons=tuple(reasons),
        conditions=tuple(ranked),
        red_flags=tuple(flags),
        advice=advice,
        answers=answers,
    )


def at_least(disposition: str, floor: str) -> bool:
    """True when `disposition` is as pressing as `floor` or more."""
    return DISPOSITIONS.index(disposition) >= DISPOSITIONS.index(floor)  # type: ignore[arg-type]
