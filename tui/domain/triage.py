"""The triage engine: answers about a sore foot → disposition, ranked conditions, reasons.

Pure Python over `Content` (no Textual), shared by the Triage tab and `footpain triage`.
Every condition score is the sum of the content weights of the answers given; the reasons
shown are exactly the answers whose weight was positive, so nothing appears without support.
The disposition follows the red flags and the safety rules in `triage_rules` (rupture, the
Ottawa rules, the diabetic foot, bone stress, nerves, severity). Red flags win: an urgent
result is only about getting seen.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import field
from typing import Any, Literal

from tui.domain.content import Condition, Content
from tui.domain.frozen import frozen
from tui.domain.triage_answers import (
    AGE_RANGE,
    PAIN_RANGE,
    Answers,
    BadAnswerError,
    UnknownAnswerError,
)
from tui.domain.triage_rules import (
    NERVE_SENSATIONS,
    OTTAWA_LABELS,
    OTTAWA_QUESTIONS,
    SEE_PRO_TRIGGERS,
    Findings,
    apply_rules,
    injured,
    ottawa_positive,
)

__all__ = [
    "AGE_RANGE", "PAIN_RANGE", "DISPOSITIONS", "DISPOSITION_ADVICE", "DISPOSITION_TITLES",
    "NERVE_SENSATIONS", "OTTAWA_QUESTIONS", "SEE_PRO_TRIGGERS", "Answers", "BadAnswerError",
    "Evidence", "RankedCondition", "TriageResult", "UnknownAnswerError", "assess", "at_least",
    "ottawa_positive", "rank_conditions", "score_condition",
]

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
        "Ease off running, follow PRICER for a day or two and build back slowly: home care "
        "is usually enough. If it is no better in a week, see someone."
    ),
}

@frozen()
class Evidence:
    """One answer and the weight it carried for one condition."""

    kind: Literal["region", "sensation", "trigger", "red_flag", "ottawa", "rule"]
    id: str
    label: str
    weight: int


@frozen()
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

    @property
    def fits_region(self) -> bool:
        """True when a picked region (or a safety rule) supports it."""
        return any(e.kind in ("region", "rule") for e in self.reasons)

    def reason_labels(self) -> list[str]:
        """The supporting answers in words, strongest first."""
        return [e.label for e in self.reasons]


@frozen()
class TriageResult:
    """The engine's answer: disposition with reasons, ranked conditions, flags, advice."""

    disposition: Disposition
    disposition_reasons: tuple[str, ...]
    conditions: tuple[RankedCondition, ...]
    red_flags: tuple[str, ...]
    advice: str
    answers: Answers = field(default_factory=Answers)
    do_now: tuple[str, ...] = ()
    """What to do now, in order: for an urgent result only what to do until seen."""
    drills: tuple[str, ...] = ()
    """Drill ids that fit the top condition; none when urgent or for a bone injury."""
    explaining: frozenset[str] = frozenset()
    """For an urgent result: the conditions that can explain why it is urgent."""
    outlook: str = ""
    """How long the top condition usually takes, from its sources."""

    @property
    def top(self) -> RankedCondition | None:
        """The best-supported condition, if any answer supported one."""
        return self.conditions[0] if self.conditions else None

    @property
    def title(self) -> str:
        """The disposition as the banner says it."""
        return DISPOSITION_TITLES[self.disposition]

    def split(self) -> tuple[list[RankedCondition], list[RankedCondition]]:
        """Conditions that explain the result and those that do not (urgent results only;
        otherwise every condition explains it)."""
        if self.disposition != "urgent":
            return list(self.conditions), []
        fits = [r for r in self.conditions if r.id in self.explaining]
        return fits, [r for r in self.conditions if r.id not in self.explaining]

    def to_json(self) -> dict[str, Any]:
        """The CLI's JSON object."""
        return {
            "disposition": self.disposition,
            "disposition_reasons": list(self.disposition_reasons),
            "do_now": list(self.do_now),
            "drills": list(self.drills),
            "conditions": [
                {"id": r.id, "name": r.name, "score": r.score, "reasons": r.reason_labels(),
                 "explains_urgent": (r.id in self.explaining
                                     if self.disposition == "urgent" else None)}
                for r in self.conditions
            ],
            "red_flags": list(self.red_flags),
            "advice": self.advice,
            "outlook": self.outlook,
            "pain": self.answers.pain,
            "age": self.answers.age,
        }


def _effective_flags(answers: Answers) -> list[str]:
    """Ticked red flags plus those an Ottawa answer implies (bone tenderness, four steps)."""
    flags = list(dict.fromkeys(answers.red_flags))
    yes = set(answers.ottawa)
    tender = {"navicular_tender", "fifth_metatarsal_tender", "lateral_malleolus_tender",
              "medial_malleolus_tender"}
    if yes & tender and "bone_tenderness" not in flags:
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
    out += [("ottawa", i, OTTAWA_LABELS[i]) for i in dict.fromkeys(answers.ottawa)]
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
        "ottawa": condition.ottawa,
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
    content: Content, answers: Answers, flags: list[str] | None = None,
    excluded: Iterable[str] = (),
) -> list[RankedCondition]:
    """Conditions with a positive score and at least one supporting answer, best first. When
    regions were picked, a condition with no weight for any of them cannot rank first."""
    flags = _effective_flags(answers) if flags is None else flags
    evidence = _evidence(content, answers, flags)
    skip = set(excluded)
    scored = [score_condition(c, evidence) for c in content.conditions if c.id not in skip]
    kept = [r for r in scored if r.reasons and r.score > 0]
    order = {c.id: n for n, c in enumerate(content.conditions)}
    by_region = bool(answers.regions)
    # Ties go to the answer with more support, then to file order (stable, predictable).
    return sorted(kept, key=lambda r: (by_region and not r.fits_region, -r.score,
                                       -len(r.reasons), order[r.id]))


def _promote(content: Content, ranked: list[RankedCondition], ident: str, position: int,
             because: str) -> None:
    """Put a condition a safety rule names at `position` (or higher), adding it with the rule
    as its reason when the answers alone did not list it."""
    current = next((n for n, r in enumerate(ranked) if r.id == ident), None)
    if current is not None and current <= position:
        return
    if current is not None:
        item = ranked.pop(current)
    else:
        item = RankedCondition(content.condition(ident), 0,
                               (Evidence("rule", ident, because, 0),))
    if item.fits_region is False and not any(e.kind == "rule" for e in item.reasons):
        item = RankedCondition(item.condition, item.score,
                               (*item.reasons, Evidence("rule", ident, because, 0)),
                               item.against)
    ranked.insert(min(position, len(ranked)), item)


def _apply_leads(content: Content, ranked: list[RankedCondition], found: Findings,
                 urgent: bool) -> None:
    """Move the conditions the safety rules name to the top (first rule first)."""
    leads = list(found.leads)
    firsts = [lead for lead in leads if lead.position == 0 and lead.because != "unless_stronger"]
    for lead in reversed(leads):
        if lead.condition in found.excluded:
            continue
        if lead.because == "ankle_or_fracture" and ranked and ranked[0].id in (
            "ankle_sprain", "acute_fracture"
        ):
            continue
        if lead.because == "unless_stronger" and (
            urgent or firsts or (ranked and ranked[0].condition.kind == "bone")
        ):
            continue
        _promote(content, ranked, lead.condition, lead.position, "picked out by a safety rule")


def _disposition(
    content: Content, answers: Answers, flags: list[str], found: Findings,
    top: RankedCondition | None,
) -> tuple[Disposition, list[str], frozenset[str]]:
    """The most pressing disposition any answer calls for, every reason for it, and (when
    urgent) the conditions that can explain why."""
    urgent: list[str] = []
    see_pro: list[str] = []
    explaining: set[str] = set()
    injury = injured(answers)
    for sign in found.signs:
        (urgent if sign.level == "urgent" else see_pro).append(sign.text)
        if sign.level == "urgent":
            explaining |= sign.explained_by
    for ident in flags:
        flag = content.red_flag(ident)
        if ident == "bone_tenderness" and injury:
            continue  # after an injury the Ottawa rules speak for a tender bone
        (urgent if flag.disposition == "urgent" else see_pro).append(f"{flag.name}: {flag.why}")
        if flag.disposition == "urgent":
            explaining |= {c.id for c in content.conditions if c.red_flags.get(ident, 0) > 0}
    if top is not None and top.condition.floor == "urgent" and not urgent:
        urgent.append(f"{top.name} fits the answers best: {top.condition.see_someone}")
        explaining.add(top.id)
    elif top is not None and top.condition.floor == "see_pro" and not urgent:
        see_pro.append(f"{top.name} fits the answers best, and it needs a professional: "
                       f"{top.condition.see_someone}")
    if urgent:
        return "urgent", urgent + see_pro, frozenset(explaining)
    if see_pro:
        return "see_pro", see_pro, frozenset()
    if top is None:
        return "self_care", ["No red flags, and no answers yet that point at a cause."], frozenset()
    return "self_care", [
        f"No red flags; {top.name} fits the answers best, and it can be looked after at home "
        "while it settles."
    ], frozenset()


def _until_seen(content: Content, answers: Answers, flags: list[str]) -> tuple[str, ...]:
    """What to do until seen: weight off, no running, and ice only if the foot can feel it."""
    until = content.until_seen
    numb = bool(set(flags) & {"cold_pale_foot", "diabetes", "fever_redness_warmth"}) or any(
        s in NERVE_SENSATIONS for s in answers.sensations
    )
    return (*until.steps, until.no_ice if numb else until.ice)


def assess(content: Content, answers: Answers) -> TriageResult:
    """Run the triage: validate the answers, rank conditions, set the disposition and advice."""
    answers.check(content)
    flags = _effective_flags(answers)
    found = apply_rules(answers, flags)
    ranked = rank_conditions(content, answers, flags, found.excluded)
    urgent_now = any(s.level == "urgent" for s in found.signs) or any(
        content.red_flag(f).disposition == "urgent" for f in flags
    )
    _apply_leads(content, ranked, found, urgent_now)
    top = ranked[0] if ranked else None
    disposition, reasons, explaining = _disposition(content, answers, flags, found, top)
    if disposition == "urgent":
        # Causes that can explain the red flag first, the rest below them.
        regions = bool(answers.regions)
        ranked.sort(key=lambda r: (r.id not in explaining, regions and not r.fits_region))
        top = ranked[0] if ranked else None
        do_now = _until_seen(content, answers, flags)
        drills: tuple[str, ...] = ()
        advice = DISPOSITION_ADVICE["urgent"]
    else:
        do_now = tuple(top.condition.do_now) if top else ()
        if "diabetes" in flags or any(s in NERVE_SENSATIONS for s in answers.sensations):
            do_now += (content.until_seen.no_ice,)
        bone = top is not None and top.condition.kind in ("bone", "rupture")
        drills = () if top is None or bone else tuple(top.condition.drills)
        advice = DISPOSITION_ADVICE[disposition]
        if top is not None:
            advice += f" Meanwhile: {top.condition.do_now[0]}"
        if disposition == "see_pro":
            do_now = (DISPOSITION_ADVICE["see_pro"], *do_now)
    return TriageResult(
        disposition=disposition,
        disposition_reasons=tuple(reasons),
        conditions=tuple(ranked),
        red_flags=tuple(flags),
        advice=advice,
        answers=answers,
        do_now=do_now,
        drills=drills,
        explaining=explaining,
        outlook=top.condition.outlook if top and disposition != "urgent" else "",
    )


def at_least(disposition: str, floor: str) -> bool:
    """True when `disposition` is as pressing as `floor` or more."""
    return DISPOSITIONS.index(disposition) >= DISPOSITIONS.index(floor)  # type: ignore[arg-type]
