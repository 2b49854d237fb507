"""The triage's safety rules: the pictures where a wrong "self-care" would hurt someone.

Weights rank the likely causes; these rules decide how soon to be seen and, where a picture is
unmistakable, which cause leads. Each rule returns `Sign`s (a reason, how pressing it is, and
which conditions can explain it) and `Lead`s (a condition that must rank at or near the top).
Sources are named beside each rule; `../shared/REFERENCE.md` gathers the facts.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from tui.domain.frozen import frozen

if TYPE_CHECKING:
    from tui.domain.triage_answers import Answers

Level = Literal["see_pro", "urgent"]

INJURY_TRIGGERS = ("after_ankle_twist", "sudden_onset", "bruising_sole")
"""An injury, for the Ottawa rules: a twist, fall or bad landing, pain that began at one
moment, or bruising on the sole. The Ottawa questions are asked only after one."""

OTTAWA_QUESTIONS: dict[str, str] = {
    "ankle_pain": "Does it hurt around the ankle bones?",
    "lateral_malleolus_tender": (
        "Does pressing the back edge or tip of the OUTER ankle bone hurt?"
    ),
    "medial_malleolus_tender": (
        "Does pressing the back edge or tip of the INNER ankle bone hurt?"
    ),
    "midfoot_pain": "Does the middle of the foot hurt?",
    "navicular_tender": "Does pressing the bump on the inner side of the midfoot hurt?",
    "fifth_metatarsal_tender": "Does pressing the knobbly bone half-way along the outer edge hurt?",
    "cannot_take_four_steps": (
        "Were you unable to take four steps right after it, and are you still unable?"
    ),
}
"""The Ottawa ankle and foot rules (Stiell 1992; Bachmann, BMJ 2003), one yes/no question per
finding, keyed by the ids the CLI takes."""
OTTAWA_LABELS: dict[str, str] = {
    "ankle_pain": "Pain around the ankle bones",
    "lateral_malleolus_tender": "Outer ankle bone tender",
    "medial_malleolus_tender": "Inner ankle bone tender",
    "midfoot_pain": "Midfoot pain after the injury",
    "navicular_tender": "Navicular tender",
    "fifth_metatarsal_tender": "Fifth metatarsal base tender",
    "cannot_take_four_steps": "Could not take four steps",
}
"""Each finding as a short reason."""

MIDFOOT_REGIONS = frozenset({"arch", "top_of_foot", "inner_side"})
HIGH_RISK_SITES: dict[str, str] = {
    "inner_side": "the navicular (inner midfoot)",
    "outer_edge": "the base of the fifth metatarsal (outer edge)",
    "big_toe_joint": "a sesamoid bone (under the big toe joint)",
}
"""Where a stress fracture heals poorly and needs specialist care (AAOS; Boden 2001)."""
LOW_RISK_SITES = frozenset({"ball_of_foot", "top_of_foot"})
"""Where a bone-stress picture points at a metatarsal shaft."""
HEEL_REGIONS = frozenset({"heel_bottom", "back_of_heel"})
NERVE_SENSATIONS = ("tingling", "numbness", "electric")
"""Nerve signs: a professional should check these within the week."""
SEE_PRO_TRIGGERS: dict[str, str] = {
    "at_night": "Pain at night or at rest: in a runner this can be a stress fracture.",
    "worse_each_run": (
        "Worse with every run: the tissue is not keeping up with the load, and a "
        "professional should find out why before it becomes a longer injury."
    ),
    "arch_collapsing": (
        "An arch that is visibly dropping: the tendon that holds it up may be failing, and "
        "it is easier to stop early than to rebuild (AAOS: adult acquired flatfoot)."
    ),
}
"""Patterns that are not red flags on their own but need a visit within the week."""
SEVERE_PAIN = 7
"""Pain this high (0-10) stops normal activity: at least a visit (NHS heel pain)."""
CHILD_AGE = 16
"""Below this age, heel pain in an active child is most often Sever's disease (NHS)."""
SEVERS_FROM = 7
"""Sever's disease is a growth-plate problem of children from about 8 to 15 (NHS); younger
children with heel pain need a professional to find the cause."""
RUPTURE_AGE = 60
"""Above this age an Achilles tendon tears more easily (NICE CKS Achilles tendinopathy)."""


@frozen()
class Sign:
    """One reason to be seen: its words, how pressing it is, the causes that explain it."""

    text: str
    level: Level
    explained_by: frozenset[str] = frozenset()


@frozen()
class Lead:
    """A condition a rule puts first (`position` 0) or at least into the top three."""

    condition: str
    position: int = 0
    because: str = ""


@dataclass
class Findings:
    """What the rules found: signs to be seen for, leads for the ranking, age gates."""

    signs: list[Sign]
    leads: list[Lead]
    excluded: set[str]
    """Conditions that cannot apply (Sever's disease in an adult)."""


def injured(answers: Answers) -> bool:
    """A twist, fall, bad landing or sudden start, or an Ottawa answer (asked only then)."""
    return bool(set(answers.triggers) & set(INJURY_TRIGGERS)) or bool(answers.ottawa)


def ottawa_positive(ottawa: Iterable[str], *, bone_tender_after_injury: bool = False) -> bool:
    """The Ottawa ankle and foot rules on the yes answers: a tender malleolus, a tender
    navicular or fifth-metatarsal base (midfoot pain by itself after an injury), a tender bone
    after an injury, or four steps impossible."""
    yes = set(ottawa)
    tender = {"lateral_malleolus_tender", "medial_malleolus_tender", "navicular_tender",
              "fifth_metatarsal_tender"}
    return bool(yes & tender) or "cannot_take_four_steps" in yes or bone_tender_after_injury


def _ottawa(answers: Answers, flags: list[str], out: Findings) -> None:
    """Ottawa ankle and foot rules, and the Lisfranc picture, after an injury."""
    if not injured(answers):
        return
    yes = set(answers.ottawa)
    triggers = set(answers.triggers)
    regions = set(answers.regions)
    bone_tender = "bone_tenderness" in flags
    midfoot = bool(yes & {"midfoot_pain", "navicular_tender", "fifth_metatarsal_tender"}) or (
        bool(regions & MIDFOOT_REGIONS) or not regions
    )
    if "bruising_sole" in triggers and midfoot:
        out.signs.append(Sign(
            "Bruising on the sole after a midfoot injury is the tell-tale sign of a Lisfranc "
            "injury, which plain X-rays often miss: get it seen today, even if you can walk "
            "(AAOS).", "urgent", frozenset({"lisfranc_injury", "acute_fracture"}),
        ))
        out.leads.append(Lead("lisfranc_injury"))
    ankle_rule = bool(yes & {"lateral_malleolus_tender", "medial_malleolus_tender"})
    foot_rule = bool(yes & {"navicular_tender", "fifth_metatarsal_tender"})
    four_steps = "cannot_take_four_steps" in yes
    if not (ankle_rule or foot_rule or four_steps or bone_tender):
        return
    out.signs.append(Sign(
        "Ottawa rules: after an injury, a tender ankle bone, a tender midfoot bone or not "
        "being able to take four steps needs an X-ray today (Stiell 1992; Bachmann, BMJ "
        "2003).", "urgent", frozenset({"acute_fracture", "ankle_sprain", "lisfranc_injury"}),
    ))
    ankle_only = ankle_rule and not foot_rule and not bone_tender
    if ankle_only or (four_steps and "ankle_pain" in yes and not foot_rule):
        # Most ankles the rule sends for an X-ray are sprains: either may lead.
        out.leads.append(Lead("acute_fracture" if ankle_rule else "ankle_sprain", 0,
                              "ankle_or_fracture"))
    else:
        out.leads.append(Lead("acute_fracture"))


def _rupture(answers: Answers, flags: list[str], out: Findings) -> None:
    """Achilles rupture: no tiptoe, a kick felt, a pop or a sudden start at the back of the
    heel (NHS heel pain; NICE CKS Achilles tendinopathy). Many can still walk."""
    back = "back_of_heel" in answers.regions
    signs = []
    if back and "sudden_onset" in answers.triggers:
        signs.append("came on suddenly")
    if back and "popping_sound" in flags:
        signs.append("came with a snap or pop")
    if "felt_kicked" in flags:
        signs.append("felt like a kick")
    if "cannot_tiptoe" in flags:
        signs.append("leaves you unable to rise onto tiptoe")
    tendon_drug = "fluoroquinolone_or_steroid" in answers.triggers
    if not signs:
        if back and tendon_drug:
            out.signs.append(Sign(
                "Achilles pain while on (or just after) a ciprofloxacin-type antibiotic or "
                "steroids: contact the prescriber today, as these drugs can weaken the tendon "
                "until it tears; rest it meanwhile (MHRA).", "see_pro",
            ))
        return
    risk = []
    if "fluoroquinolone_or_steroid" in answers.triggers:
        risk.append("recent quinolone antibiotics or steroids weaken the tendon (MHRA)")
    if answers.age is not None and answers.age > RUPTURE_AGE:
        risk.append(f"over {RUPTURE_AGE} the tendon tears more easily")
    listed = ", ".join(signs[:-1]) + (" and " if len(signs) > 1 else "") + signs[-1]
    text = (
        f"Achilles tendon rupture: back-of-heel pain that {listed} is how a torn tendon "
        "shows. Many people can still walk on it, so that does not rule it out: be seen "
        "today (NHS; NICE CKS)."
    )
    if risk:
        text += " All the more because " + "; ".join(risk) + "."
    out.signs.append(Sign(text, "urgent", frozenset({"achilles_rupture"})))
    out.leads.append(Lead("achilles_rupture"))


def _diabetic_foot(answers: Answers, flags: list[str], out: Findings) -> None:
    """Diabetes with a wound, or with a red, hot foot: same day (NICE NG19, Diabetes UK)."""
    if "diabetes" not in flags:
        return
    active = []
    triggers = set(answers.triggers)
    if "open_wound" in flags or "skin_or_nail_problem" in triggers:
        active.append("a wound, blister or skin problem")
    if "fever_redness_warmth" in flags or "hot_swollen_joint" in triggers:
        active.append("redness and heat")
    if triggers & {"swelling_top_of_foot"} or set(flags) & {"ballooning_swelling", "deformity"}:
        active.append("swelling or a change of shape (a Charcot foot must be ruled out)")
    if active:
        out.signs.append(Sign(
            f"Diabetes with {' and '.join(active)} on the foot: contact your GP or diabetes "
            "foot team today; an infection or a Charcot foot can turn serious within days "
            "(NICE NG19; Diabetes UK).", "urgent",
            frozenset({"foot_infection", "skin_nail", "peripheral_neuropathy", "gout"}),
        ))


def _bone_stress(answers: Answers, flags: list[str], out: Findings) -> None:
    """A bone-stress picture without an injury, placed by region (AAOS; IOC RED-S 2023)."""
    if injured(answers):
        out.excluded.add("stress_fracture_high_risk")  # after an injury: an acute fracture
        return
    triggers = set(answers.triggers)
    signals = [
        t for t in ("worse_each_run", "at_night", "previous_stress_fracture",
                    "low_energy_availability") if t in triggers
    ]
    if {"during_run", "fades_with_rest"} <= triggers:
        signals.append("during_run")
    tender = "bone_tenderness" in flags
    if "previous_stress_fracture" in triggers or "low_energy_availability" in triggers:
        named = [w for t, w in (
            ("previous_stress_fracture", "a stress fracture before"),
            ("low_energy_availability", "signs of under-fuelling (low energy availability)"),
        ) if t in triggers]
        out.signs.append(Sign(
            f"{' and '.join(named).capitalize()} raise the chance that this is a bone stress "
            "injury, and under-fuelling also harms bones and hormones: ask for a check "
            "(IOC RED-S consensus 2023).", "see_pro",
        ))
    if not (signals or tender):
        out.excluded.add("stress_fracture_high_risk")  # a high-risk site needs a bone picture
        return
    regions = set(answers.regions)
    high = [site for region, site in HIGH_RISK_SITES.items() if region in regions]
    if high:
        out.signs.append(Sign(
            f"Pain that fits bone stress at {' or '.join(high)}: a stress fracture there "
            "heals poorly and is never a self-care injury; it needs an assessment and often "
            "an MRI (AAOS).", "see_pro",
        ))
        strong = tender or len(signals) >= 2
        out.leads.append(Lead("stress_fracture_high_risk", 0 if strong else 2))
    elif regions & LOW_RISK_SITES:
        out.signs.append(Sign(
            "Pain that fits bone stress in a long foot bone (a metatarsal): a stress reaction "
            "caught early heals in weeks, one run on for longer can crack (AAOS).", "see_pro",
        ))
        strong = tender or len(signals) >= 2
        out.leads.append(Lead("stress_fracture", 0 if strong else 2))


def _nerves_and_spine(answers: Answers, flags: list[str], out: Findings) -> None:
    """Numbness is a nerve sign (see someone); a numb saddle, bladder trouble or a foot drop
    is an emergency (NICE CKS sciatica)."""
    nerve = [s for s in answers.sensations if s in NERVE_SENSATIONS]
    if nerve:
        out.signs.append(Sign(
            f"Nerve signs ({', '.join(nerve)}): a squeezed or irritated nerve should be "
            "checked before it does lasting harm.", "see_pro",
        ))
    if "saddle_numbness_or_bladder" in flags:
        out.leads.append(Lead("referred_back_pain"))


def _severity_and_patterns(answers: Answers, flags: list[str], out: Findings) -> None:
    """Severe pain (NHS heel pain) and the patterns that need a visit within the week."""
    if "heel_bottom" in answers.regions and "sudden_onset" in answers.triggers:
        out.signs.append(Sign(
            "Pain under the heel that began at one moment, rather than building up, can be a "
            "torn plantar fascia or a cracked heel bone: get it examined (AAOS).", "see_pro",
        ))
    if answers.pain is not None and answers.pain >= SEVERE_PAIN:
        out.signs.append(Sign(
            f"Pain {answers.pain}/10 is severe: pain that stops normal activity needs an "
            "examination, not just home care (NHS).", "see_pro",
        ))
    out.signs += [Sign(SEE_PRO_TRIGGERS[t], "see_pro") for t in dict.fromkeys(answers.triggers)
                  if t in SEE_PRO_TRIGGERS]


def _age(answers: Answers, flags: list[str], out: Findings) -> None:
    """Sever's disease only in children of about 8-15, and not after an injury; it leads their
    heel pain (NHS: Sever's disease). A younger child's foot pain needs a professional."""
    age = answers.age
    if age is None or not SEVERS_FROM <= age < CHILD_AGE or injured(answers):
        out.excluded.add("severs_disease")
    elif set(answers.regions) & HEEL_REGIONS:
        out.leads.append(Lead("severs_disease", 0, "unless_stronger"))
    if age is not None and age < CHILD_AGE and injured(answers):
        out.signs.append(Sign(
            "A child's injury: growth plates can break where an adult's ligament would "
            "only sprain, so have it examined (NICE CKS: Sprains and strains).", "see_pro",
        ))
    if age is not None and age < SEVERS_FROM and answers.regions:
        out.signs.append(Sign(
            f"At {age}, foot pain that lasts is worth showing to a GP: young children's "
            "bones and joints have causes of their own.", "see_pro",
        ))


RULES = (_rupture, _ottawa, _diabetic_foot, _bone_stress, _nerves_and_spine,
         _severity_and_patterns, _age)


def apply_rules(answers: Answers, flags: list[str]) -> Findings:
    """Run every rule over the answers and the effective red flags."""
    out = Findings([], [], set())
    for rule in RULES:
        rule(answers, flags, out)
    return out


def asked(ask_if: Iterable[str], answers: Answers) -> bool:
    """True when a follow-up question applies: it has no condition, or one of its answers
    (a region, trigger or red flag) was given."""
    wanted = set(ask_if)
    given = {*answers.regions, *answers.triggers, *answers.red_flags}
    return not wanted or bool(wanted & given)
