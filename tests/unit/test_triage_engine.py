"""The triage engine's rules: real reasons, no unsupported conditions, dispositions, Ottawa."""

from __future__ import annotations

import pytest

from tui.domain.triage import Answers, UnknownAnswerError, assess, ottawa_positive


def test_reasons_are_the_answers_that_carried_weight(content) -> None:
    """Each reason is a given answer with a positive weight in that condition's content."""
    answers = Answers(
        regions=("heel_bottom", "arch"), sensations=("stabbing",),
        triggers=("first_steps_morning", "at_night"),
    )
    result = assess(content, answers)
    given = {*answers.regions, *answers.sensations, *answers.triggers}
    for ranked in result.conditions:
        cond = ranked.condition
        table = {**cond.regions, **cond.sensations, **cond.triggers, **cond.red_flags}
        assert ranked.reasons
        for reason in ranked.reasons:
            assert reason.id in given
            assert table[reason.id] == reason.weight > 0
        assert ranked.score == sum(table.get(i, 0) for i in given)
    top = result.top
    assert top is not None and top.id == "plantar_fasciitis"
    assert top.reason_labels()[:2] == ["Under the heel", "First steps in the morning"]
    assert "At night or at rest" in [e.label for e in top.against]


def test_condition_without_support_never_appears(content) -> None:
    """Only the whole foot, aching: nothing with no positive weight for those is listed."""
    result = assess(content, Answers(regions=("toes",)))
    for ranked in result.conditions:
        assert ranked.condition.regions.get("toes", 0) > 0
    assert "plantar_fasciitis" not in [r.id for r in result.conditions]


def test_no_answers_means_no_conditions_and_self_care(content) -> None:
    """An empty triage lists nothing and says so."""
    result = assess(content, Answers())
    assert result.conditions == ()
    assert result.disposition == "self_care"
    assert "no answers" in result.disposition_reasons[0].lower()


@pytest.mark.parametrize("flag", ["cannot_bear_weight", "deformity", "cold_pale_foot"])
def test_any_urgent_flag_is_urgent(content, flag: str) -> None:
    """An urgent red flag wins over a self-care picture, and its 'why' is a reason."""
    answers = Answers(
        regions=("whole_foot",), sensations=("aching",),
        triggers=("fades_with_rest",), red_flags=(flag,),
    )
    result = assess(content, answers)
    assert result.disposition == "urgent"
    assert any(content.red_flag(flag).why in r for r in result.disposition_reasons)
    assert result.red_flags == (flag,)


@pytest.mark.parametrize(
    ("answers", "words"),
    [
        (Answers(red_flags=("diabetes",)), "Diabetes"),
        (Answers(red_flags=("not_better_after_week",)), "week"),
        (Answers(regions=("ball_of_foot",), sensations=("tingling",)), "Nerve signs"),
        (Answers(regions=("arch",), sensations=("numbness",)), "numbness"),
        (Answers(regions=("arch",), triggers=("at_night",)), "night"),
    ],
)
def test_see_pro_signs(content, answers: Answers, words: str) -> None:
    """See-someone-this-week signs raise self-care to see_pro and say why."""
    result = assess(content, answers)
    assert result.disposition == "see_pro"
    assert any(words in r for r in result.disposition_reasons)


@pytest.mark.parametrize(
    ("yes", "positive"),
    [
        ((), False),
        (("midfoot_pain",), False),
        (("ankle_pain",), False),
        (("navicular_tender",), True),
        (("fifth_metatarsal_tender",), True),
        (("midfoot_pain", "navicular_tender"), True),
        (("ankle_pain", "lateral_malleolus_tender"), True),
        (("medial_malleolus_tender",), True),
        (("cannot_take_four_steps",), True),
    ],
)
def test_ottawa_rule(yes: tuple[str, ...], positive: bool) -> None:
    """After an injury: a tender malleolus, navicular or fifth-metatarsal base (midfoot pain
    by itself), or four steps impossible. Pain alone is not enough."""
    assert ottawa_positive(yes) is positive


def test_ottawa_tenderness_counts_as_bone_tenderness(content) -> None:
    """A tender navicular after an injury is urgent, points at an acute fracture (never the
    overuse stress fracture) and does not call itself a stress-fracture sign."""
    result = assess(
        content, Answers(regions=("inner_side",), triggers=("after_ankle_twist",),
                         ottawa=("midfoot_pain", "navicular_tender"))
    )
    assert result.disposition == "urgent"
    assert "Ottawa" in result.disposition_reasons[0]
    assert "bone_tenderness" in result.red_flags
    assert result.top is not None and result.top.id == "acute_fracture"
    assert not any("stress fracture when" in r for r in result.disposition_reasons)

@pytest.mark.parametrize(
    ("field", "bad", "kind"),
    [("regions", "heal", "region"), ("red_flags", "fire", "red-flag"), ("ottawa", "x", "ottawa")],
)
def test_unknown_ids_are_refused_with_the_valid_ones(content, field, bad, kind) -> None:
    """An unknown id names its kind and lists what would have been accepted."""
    with pytest.raises(UnknownAnswerError) as caught:
        assess(content, Answers(**{field: (bad,)}))
    assert caught.value.kind == kind
    assert bad in str(caught.value) and caught.value.valid


def test_json_shape(content) -> None:
    """The JSON object has the agreed keys, conditions best first with their reasons, the
    drills that fit and the steps shown."""
    data = assess(content, Answers(regions=("back_of_heel",), triggers=("push_off",))).to_json()
    assert set(data) >= {"disposition", "conditions", "red_flags", "advice", "drills", "do_now"}
    assert data["drills"] and data["do_now"]
    first = data["conditions"][0]
    assert set(first) == {"id", "name", "score", "reasons", "explains_urgent"}
    assert first["id"] == "achilles_tendinitis" and first["reasons"]
    scores = [c["score"] for c in data["conditions"]]
    assert scores == sorted(scores, reverse=True)
