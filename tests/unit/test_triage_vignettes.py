"""The triage engine against written vignettes: ranking accuracy and safe dispositions.

The vignettes were written from the clinical picture (seed, NHS, NICE CKS, AAOS, JOSPT) before
anyone looked at the weights; see the header of vignettes.toml."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from tui.domain.content import load_content
from tui.domain.triage import DISPOSITIONS, Answers, assess, at_least

VIGNETTES = tomllib.loads((Path(__file__).with_name("vignettes.toml")).read_text())["vignette"]


def _answers(case: dict) -> Answers:
    """The vignette's ticks as engine answers."""
    return Answers(
        regions=tuple(case.get("regions", [])),
        sensations=tuple(case.get("sensations", [])),
        triggers=tuple(case.get("triggers", [])),
        red_flags=tuple(case.get("red_flags", [])),
        ottawa=tuple(case.get("ottawa", [])),
        pain=case.get("pain"),
        age=case.get("age"),
    )


@pytest.mark.parametrize("case", VIGNETTES, ids=[c["id"] for c in VIGNETTES])
def test_vignette(case: dict, content) -> None:
    """The expected condition is in the top three and the disposition is never below what
    the case needs (over-triage is counted in the aggregate)."""
    result = assess(content, _answers(case))
    ranked = [r.id for r in result.conditions]
    assert case["top"] in ranked[:3], f"{case['story']} → {ranked}"
    assert at_least(result.disposition, case["disposition"]), result.disposition_reasons
    for condition in result.conditions:
        assert condition.reasons, condition.id


def test_aggregate_accuracy(content) -> None:
    """First ≥ 90%, top three ≥ 97%, every urgent case urgent, none triaged too low,
    over-triage ≤ 5%."""
    first = top3 = 0
    under: list[str] = []
    over: list[str] = []
    missed_urgent: list[str] = []
    for case in VIGNETTES:
        result = assess(content, _answers(case))
        ranked = [r.id for r in result.conditions]
        first += bool(ranked) and ranked[0] == case["top"]
        top3 += case["top"] in ranked[:3]
        got, need = DISPOSITIONS.index(result.disposition), DISPOSITIONS.index(case["disposition"])
        if got < need:
            under.append(case["id"])
        if got > need:
            over.append(case["id"])
        if case["disposition"] == "urgent" and result.disposition != "urgent":
            missed_urgent.append(case["id"])
    total = len(VIGNETTES)
    print(f"\n{total} vignettes: first {first}/{total} ({first / total:.0%}), "
          f"top-3 {top3}/{total}, under-triaged {len(under)}, over-triaged {len(over)}, "
          f"urgent missed {len(missed_urgent)}")
    assert total >= 90
    assert first / total >= 0.9
    assert top3 / total >= 0.97
    assert not under and not missed_urgent, (under, missed_urgent)
    assert len(over) / total <= 0.05, over


def test_vignettes_use_only_known_ids() -> None:
    """Every id in the vignettes exists in the content (a typo would make a case meaningless)."""
    content = load_content()
    for case in VIGNETTES:
        _answers(case).check(content)
        assert case["top"] in content.conditions_by_id
        assert case["disposition"] in DISPOSITIONS
