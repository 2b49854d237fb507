"""The triage's safety rules, one picture each: where a wrong "self-care" would hurt someone."""

from __future__ import annotations

import pytest

from tui.domain.triage import Answers, BadAnswerError, assess
from tui.domain.triage_rules import asked


def _ids(result) -> list[str]:
    return [r.id for r in result.conditions]


# --- 1. an urgent result is only about getting seen ----------------------------------------


def test_urgent_result_has_no_drills_and_no_running_advice(content) -> None:
    """A red flag on an Achilles picture: no drills, no 'Meanwhile', only until-seen steps."""
    result = assess(content, Answers(
        regions=("back_of_heel",), sensations=("burning",), triggers=("push_off",),
        red_flags=("ballooning_swelling",),
    ))
    assert result.disposition == "urgent"
    assert result.drills == ()
    assert result.to_json()["drills"] == []
    assert "Meanwhile" not in result.advice
    assert result.do_now[:3] == tuple(content.until_seen.steps)
    assert not any("heel drop" in step.lower() for step in result.do_now)


def test_cold_pale_foot_gets_no_ice_and_labels_causes_that_do_not_explain_it(content) -> None:
    """A cold, pale foot: no ice until seen, and tendon causes are marked as not explaining
    the red flag."""
    result = assess(content, Answers(
        regions=("back_of_heel",), sensations=("aching",), triggers=("push_off",),
        red_flags=("cold_pale_foot",),
    ))
    assert result.disposition == "urgent"
    assert content.until_seen.no_ice in result.do_now
    fits, others = result.split()
    assert "achilles_tendinitis" in [r.id for r in others]
    assert "achilles_tendinitis" not in [r.id for r in fits]
    data = result.to_json()
    assert any(c["explains_urgent"] is False for c in data["conditions"])


def test_red_hot_foot_puts_infection_first(content) -> None:
    """A red, hot foot with fever: infection explains it and leads."""
    result = assess(content, Answers(
        regions=("top_of_foot",), sensations=("throbbing",),
        red_flags=("fever_redness_warmth",),
    ))
    assert result.disposition == "urgent"
    assert result.top is not None and result.top.id in result.explaining


# --- 2. Achilles rupture ------------------------------------------------------------------


@pytest.mark.parametrize(
    "answers",
    [
        Answers(regions=("back_of_heel",), sensations=("sharp",),
                triggers=("push_off", "sudden_onset")),
        Answers(regions=("back_of_heel",), red_flags=("cannot_tiptoe",)),
        Answers(regions=("back_of_heel",), red_flags=("felt_kicked",)),
        Answers(regions=("back_of_heel",), red_flags=("popping_sound",)),
    ],
    ids=["sudden_no_pop", "no_tiptoe", "kicked", "pop"],
)
def test_rupture_pictures_are_urgent_with_rupture_first(content, answers: Answers) -> None:
    """Sudden back-of-heel pain, no tiptoe, a kick felt or a pop: urgent, rupture first, no
    heel drops offered."""
    result = assess(content, answers)
    assert result.disposition == "urgent"
    assert _ids(result)[0] == "achilles_rupture"
    assert result.drills == ()
    assert "can still walk" in result.disposition_reasons[0]


def test_rupture_risk_factors_are_named(content) -> None:
    """Quinolone antibiotics or steroids, and age over 60, are named as added risk."""
    result = assess(content, Answers(
        regions=("back_of_heel",), triggers=("sudden_onset", "fluoroquinolone_or_steroid"),
        age=67,
    ))
    assert "antibiotics or steroids" in result.disposition_reasons[0]
    assert "over 60" in result.disposition_reasons[0]


def test_achilles_ache_on_a_quinolone_asks_for_the_prescriber(content) -> None:
    """A gradual Achilles ache while on a quinolone: not self-care (MHRA)."""
    result = assess(content, Answers(
        regions=("back_of_heel",), sensations=("aching",),
        triggers=("fluoroquinolone_or_steroid", "push_off"),
    ))
    assert result.disposition == "see_pro"
    assert any("prescriber" in r for r in result.disposition_reasons)


# --- 3. Ottawa ankle and foot rules, Lisfranc -----------------------------------------------


def test_ottawa_ankle_rule_after_a_twist(content) -> None:
    """A tender tip of the outer ankle bone after a twist: X-ray today, a sprain or fracture
    leads, never the overuse stress fracture."""
    result = assess(content, Answers(
        regions=("outer_edge",), triggers=("after_ankle_twist",),
        ottawa=("ankle_pain", "lateral_malleolus_tender"),
    ))
    assert result.disposition == "urgent"
    assert _ids(result)[0] in ("ankle_sprain", "acute_fracture")
    assert "stress_fracture" not in _ids(result)[:1]


def test_fifth_metatarsal_alone_after_a_twist_is_urgent(content) -> None:
    """A tender fifth-metatarsal base after a twist counts as midfoot pain by itself."""
    result = assess(content, Answers(
        regions=("outer_edge",), triggers=("after_ankle_twist",),
        ottawa=("fifth_metatarsal_tender",),
    ))
    assert result.disposition == "urgent"
    assert _ids(result)[0] == "acute_fracture"


def test_tender_bone_after_a_twist_is_not_called_a_stress_fracture(content) -> None:
    """The bone-tenderness flag after a twist: urgent (Ottawa), reasons about a break."""
    result = assess(content, Answers(
        regions=("outer_edge",), triggers=("after_ankle_twist",),
        red_flags=("bone_tenderness",),
    ))
    assert result.disposition == "urgent"
    assert _ids(result)[0] == "acute_fracture"
    assert not any("a stress fracture when it built up" in r
                   for r in result.disposition_reasons)


def test_ankle_pain_alone_after_a_twist_is_not_urgent(content) -> None:
    """A twisted ankle that hurts, with no tender bone and four steps possible: home care."""
    result = assess(content, Answers(
        regions=("outer_edge",), sensations=("aching",), triggers=("after_ankle_twist",),
        ottawa=("ankle_pain",), pain=4,
    ))
    assert result.disposition == "self_care"
    assert _ids(result)[0] == "ankle_sprain"


def test_lisfranc_bruising_is_urgent_even_when_walking(content) -> None:
    """Midfoot injury with bruising on the sole, four steps possible: urgent, Lisfranc."""
    result = assess(content, Answers(
        regions=("top_of_foot",), sensations=("aching",),
        triggers=("sudden_onset", "bruising_sole"), ottawa=("midfoot_pain",),
    ))
    assert result.disposition == "urgent"
    assert _ids(result)[0] == "lisfranc_injury"
    assert any("Lisfranc" in r for r in result.disposition_reasons)


# --- 4. the diabetic foot -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("flags", "triggers", "expected"),
    [
        (("diabetes", "open_wound"), (), "urgent"),
        (("diabetes", "fever_redness_warmth"), (), "urgent"),
        (("diabetes",), ("hot_swollen_joint",), "urgent"),
        (("diabetes",), (), "see_pro"),
        (("open_wound",), (), "see_pro"),
    ],
)
def test_diabetic_foot(content, flags, triggers, expected) -> None:
    """NICE NG19: diabetes with a wound or a red, hot foot is same-day; diabetes alone needs a
    professional; a wound alone needs checking."""
    result = assess(content, Answers(
        regions=("ball_of_foot",), sensations=("burning",), triggers=triggers, red_flags=flags,
    ))
    assert result.disposition == expected


def test_diabetic_burning_forefoot_is_not_run_less(content) -> None:
    """Burning under the ball of a diabetic foot: a professional, and no ice on bare skin."""
    result = assess(content, Answers(
        regions=("ball_of_foot",), sensations=("burning",), red_flags=("diabetes",),
    ))
    assert result.disposition == "see_pro"
    assert content.until_seen.no_ice in result.do_now


# --- 5. bone stress -----------------------------------------------------------------------


@pytest.mark.parametrize("region", ["inner_side", "outer_edge", "big_toe_joint"])
def test_high_risk_sites_are_never_self_care(content, region: str) -> None:
    """Pain during runs that fades with rest at a high-risk site, no tender spot ticked: see
    someone, and the high-risk stress fracture is among the first three."""
    result = assess(content, Answers(
        regions=(region,), sensations=("aching",), triggers=("during_run", "fades_with_rest"),
    ))
    assert result.disposition == "see_pro"
    assert "stress_fracture_high_risk" in _ids(result)[:3]
    assert result.drills == () or result.top.id != "stress_fracture_high_risk"


def test_tender_navicular_without_injury_is_high_risk_first(content) -> None:
    """A tender spot on the inner midfoot that built up run by run: high risk first."""
    result = assess(content, Answers(
        regions=("inner_side",), sensations=("aching",), triggers=("worse_each_run",),
        red_flags=("bone_tenderness",),
    ))
    assert _ids(result)[0] == "stress_fracture_high_risk"
    assert result.drills == ()


def test_metatarsal_tender_spot_is_a_low_risk_stress_fracture(content) -> None:
    """A tender spot on top of the foot, worse each run: a metatarsal stress fracture."""
    result = assess(content, Answers(
        regions=("top_of_foot",), sensations=("aching",), triggers=("worse_each_run",),
        red_flags=("bone_tenderness",),
    ))
    assert _ids(result)[0] == "stress_fracture"
    assert result.disposition == "see_pro"


@pytest.mark.parametrize("trigger", ["previous_stress_fracture", "low_energy_availability"])
def test_red_s_signs_ask_for_a_check(content, trigger: str) -> None:
    """A previous stress fracture or under-fuelling is named and asks for a check."""
    result = assess(content, Answers(
        regions=("top_of_foot",), sensations=("aching",), triggers=(trigger, "during_run"),
    ))
    assert result.disposition == "see_pro"
    assert any("RED-S" in r for r in result.disposition_reasons)


def test_no_bone_picture_lists_no_high_risk_fracture(content) -> None:
    """An inner-side ache after long runs with no bone sign does not list one."""
    result = assess(content, Answers(
        regions=("inner_side",), sensations=("aching",), triggers=("after_long_run",),
    ))
    assert "stress_fracture_high_risk" not in _ids(result)


# --- 6. severity --------------------------------------------------------------------------


def test_severe_pain_needs_a_professional(content) -> None:
    """Pain 7/10 on a plantar fasciitis picture: see someone; pain 6 stays self-care."""
    picture = dict(regions=("heel_bottom",), sensations=("stabbing",),
                   triggers=("first_steps_morning",))
    assert assess(content, Answers(**picture, pain=7)).disposition == "see_pro"
    assert assess(content, Answers(**picture, pain=6)).disposition == "self_care"
    walking = assess(content, Answers(**picture, red_flags=("stops_walking_normally",)))
    assert walking.disposition == "see_pro"


def test_pain_and_age_are_checked(content) -> None:
    """Out-of-range numbers are refused with the field named."""
    with pytest.raises(BadAnswerError, match="pain"):
        assess(content, Answers(pain=11))
    with pytest.raises(BadAnswerError, match="age"):
        assess(content, Answers(age=0))


# --- 7. nerves ----------------------------------------------------------------------------


def test_numb_forefoot_is_a_nerve_sign_not_an_emergency(content) -> None:
    """Numbness between the toes: see someone, never urgent; the circulation question no
    longer asks about numbness."""
    result = assess(content, Answers(
        regions=("between_toes",), sensations=("numbness", "burning"),
        triggers=("tight_shoes",),
    ))
    assert result.disposition == "see_pro"
    assert _ids(result)[0] == "mortons_neuroma"
    assert "numb" not in content.red_flag("cold_pale_foot").question.lower()


@pytest.mark.parametrize("flag", ["saddle_numbness_or_bladder", "foot_drop_weakness"])
def test_spinal_emergencies_are_urgent(content, flag: str) -> None:
    """A numb saddle or bladder trouble, or a foot drop, with back pain: urgent, back first."""
    result = assess(content, Answers(
        regions=("top_of_foot",), sensations=("numbness",), triggers=("back_or_leg_pain",),
        red_flags=(flag,),
    ))
    assert result.disposition == "urgent"
    assert _ids(result)[0] == "referred_back_pain"


# --- 8. regions matter --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("region", "trigger"),
    [("toes", "push_off"), ("big_toe_joint", "push_off"), ("big_toe_joint", "sudden_onset")],
)
def test_a_condition_with_no_weight_for_the_region_never_leads(content, region, trigger):
    """Toes + aching + push-off is not an Achilles problem."""
    result = assess(content, Answers(regions=(region,), sensations=("aching",),
                                     triggers=(trigger,)))
    top = result.top
    assert top is not None and top.condition.regions.get(region, 0) > 0
    assert "achilles" not in top.id


def test_collapsing_arch_needs_a_professional(content) -> None:
    """A visibly dropping arch: the tendon may be failing (AAOS)."""
    result = assess(content, Answers(regions=("inner_side",), sensations=("aching",),
                                     triggers=("arch_collapsing",)))
    assert result.disposition == "see_pro"
    assert _ids(result)[0] == "posterior_tibial_tendonitis"


# --- 9. honest wording, age -----------------------------------------------------------------


def test_self_care_says_how_long_honestly(content) -> None:
    """No 'usually settles' for a tendon that takes months; the outlook names ~12 weeks."""
    result = assess(content, Answers(regions=("back_of_heel",), sensations=("aching",),
                                     triggers=("push_off", "achilles_above_bone")))
    assert result.disposition == "self_care"
    assert "usually settles" not in " ".join(result.disposition_reasons)
    assert "12 weeks" in result.outlook


def test_child_heel_pain_is_severs_unless_urgent(content) -> None:
    """Heel pain at 11 leads with Sever's; at 35 Sever's is never listed; a red flag wins."""
    heel = dict(regions=("back_of_heel", "heel_bottom"), sensations=("aching",),
                triggers=("during_run", "after_long_run"))
    assert _ids(assess(content, Answers(**heel, age=11)))[0] == "severs_disease"
    assert "severs_disease" not in _ids(assess(content, Answers(**heel, age=35)))
    assert "severs_disease" not in _ids(assess(content, Answers(**heel)))
    urgent = assess(content, Answers(**heel, age=11, red_flags=("felt_kicked",)))
    assert urgent.disposition == "urgent" and _ids(urgent)[0] != "severs_disease"


# --- follow-up questions --------------------------------------------------------------------


def test_follow_ups_are_asked_only_when_they_matter(content) -> None:
    """Tiptoe only with back-of-heel pain; a wound only with diabetes; always-asked ones
    always."""
    tiptoe = content.red_flag("cannot_tiptoe").ask_if
    wound = content.red_flag("open_wound").ask_if
    assert not asked(tiptoe, Answers(regions=("arch",)))
    assert asked(tiptoe, Answers(regions=("back_of_heel",)))
    assert not asked(wound, Answers())
    assert asked(wound, Answers(red_flags=("diabetes",)))
    assert asked((), Answers())


# --- found by review -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("extra_flags", "triggers"),
    [((), ("skin_or_nail_problem",)), ((), ("swelling_top_of_foot",)), (("deformity",), ())],
    ids=["blister", "charcot_swelling", "charcot_shape"],
)
def test_diabetic_skin_problem_or_swelling_is_same_day(content, extra_flags, triggers) -> None:
    """A blister on a diabetic foot, or a swollen or misshapen one (Charcot): same day."""
    result = assess(content, Answers(regions=("top_of_foot",), triggers=triggers,
                                     red_flags=("diabetes", *extra_flags)))
    assert result.disposition == "urgent"


def test_bruising_on_the_sole_alone_counts_as_an_injury(content) -> None:
    """From the shell, bruising on the sole of a sore midfoot is the Lisfranc picture."""
    result = assess(content, Answers(regions=("top_of_foot",), triggers=("bruising_sole",)))
    assert result.disposition == "urgent" and _ids(result)[0] == "lisfranc_injury"


def test_metatarsal_bone_stress_without_a_tender_spot_needs_a_check(content) -> None:
    """Ball of the foot, during runs, fading with rest: a stress fracture is listed and the
    runner is sent to someone, not given drills alone."""
    result = assess(content, Answers(regions=("ball_of_foot",), sensations=("aching",),
                                     triggers=("during_run", "fades_with_rest")))
    assert result.disposition == "see_pro"
    assert "stress_fracture" in _ids(result)[:3]


def test_severs_only_for_children_of_about_eight_to_fifteen(content) -> None:
    """At 4 Sever's is not listed and a GP is advised; after an injury a child's heel is not
    Sever's and needs a check."""
    young = assess(content, Answers(regions=("heel_bottom",), sensations=("aching",), age=4))
    assert "severs_disease" not in _ids(young) and young.disposition == "see_pro"
    hurt = assess(content, Answers(regions=("heel_bottom",), sensations=("sharp",),
                                   triggers=("after_ankle_twist",), ottawa=("ankle_pain",),
                                   age=11, pain=6))
    assert "severs_disease" not in _ids(hurt) and hurt.disposition == "see_pro"


def test_sudden_pain_under_the_heel_is_examined(content) -> None:
    """Pain under the heel that began at one moment: a torn fascia or cracked heel bone."""
    result = assess(content, Answers(regions=("heel_bottom",), sensations=("sharp",),
                                     triggers=("sudden_onset",), pain=6))
    assert result.disposition == "see_pro"
