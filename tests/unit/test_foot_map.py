"""The foot drawing: every region has a label, and arrows reach every label."""

from __future__ import annotations

from tui.tabs.triage.foot_map import TEMPLATE, nearest, parse_template


def test_every_region_is_drawn(content) -> None:
    """Each vocabulary region has at least one label, inside 78 columns."""
    lines, spots = parse_template(TEMPLATE)
    assert {s.region for s in spots} == set(content.regions_by_id)
    assert max(len(line) for line in lines) <= 78
    assert all(s.col + s.width <= 78 for s in spots)


def test_arrows_reach_every_label() -> None:
    """Walking with the four arrows from the first label reaches all of them."""
    _lines, spots = parse_template(TEMPLATE)
    seen, todo = {0}, [0]
    while todo:
        here = todo.pop()
        for dx, dy in ((1, 0), (-1, 0), (0, 1), (0, -1)):
            there = nearest(spots, here, dx, dy)
            if there not in seen:
                seen.add(there)
                todo.append(there)
    assert seen == set(range(len(spots)))


def test_down_from_toes_goes_to_between_toes() -> None:
    """Down from Toes is Between the toes, as a person would expect."""
    _lines, spots = parse_template(TEMPLATE)
    toes = next(i for i, s in enumerate(spots) if s.region == "toes")
    assert spots[nearest(spots, toes, 0, 1)].region == "between_toes"
