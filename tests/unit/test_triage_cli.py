"""`footpain triage`: JSON and text output, repeatable options, --list, bad ids."""

from __future__ import annotations

import json

import pytest

from tui.cli import main


def test_json_output(capsys: pytest.CaptureFixture[str], data_dir) -> None:
    """Repeated options are all used; the JSON names the top condition with its reasons."""
    code = main([
        "triage", "--json", "--region", "heel_bottom", "--region", "arch",
        "--sensation", "stabbing", "--trigger", "first_steps_morning",
        "--trigger", "eases_with_movement",
    ])
    assert code == 0
    data = json.loads(capsys.readouterr().out)
    assert data["disposition"] == "self_care"
    top = data["conditions"][0]
    assert top["id"] == "plantar_fasciitis"
    assert {"Under the heel", "Arch", "Stabbing", "Eases once moving"} <= set(top["reasons"])
    assert data["red_flags"] == []
    assert data["advice"]
    assert not data_dir.exists(), "triage from the shell writes nothing"


def test_red_flag_makes_it_urgent(capsys) -> None:
    """--red-flag cannot_bear_weight gives an urgent disposition, listed in red_flags."""
    assert main(["triage", "--json", "--region", "top_of_foot",
                 "--red-flag", "cannot_bear_weight"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["disposition"] == "urgent"
    assert data["red_flags"] == ["cannot_bear_weight"]


def test_ottawa_option(capsys) -> None:
    """--ottawa findings apply the Ottawa foot rule."""
    assert main(["triage", "--json", "--region", "outer_edge", "--ottawa", "midfoot_pain",
                 "--ottawa", "fifth_metatarsal_tender"]) == 0
    assert json.loads(capsys.readouterr().out)["disposition"] == "urgent"


def test_text_summary(capsys) -> None:
    """Without --json: the disclaimer, the banner, matches and advice, readable at 78 columns."""
    assert main(["triage", "--region", "between_toes", "--sensation", "tingling",
                 "--trigger", "loosening_laces_helps"]) == 0
    out = capsys.readouterr().out
    assert "not a diagnosis" in out
    assert "SEE A PROFESSIONAL THIS WEEK" in out
    assert "1. Morton's neuroma" in out
    assert "matches: Between the toes" in out
    assert max(len(line) for line in out.splitlines()) <= 78


@pytest.mark.parametrize(
    ("option", "bad", "valid"),
    [
        ("--region", "heal", "heel_bottom"),
        ("--sensation", "itchy", "tingling"),
        ("--trigger", "mondays", "first_steps_morning"),
        ("--red-flag", "on_fire", "cannot_bear_weight"),
        ("--ottawa", "maybe", "navicular_tender"),
    ],
)
def test_unknown_id_exits_2_and_lists_valid_ids(capsys, option, bad, valid) -> None:
    """An unknown id is bad input: exit 2, stderr names it and lists the valid ids."""
    assert main(["triage", "--json", option, bad]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert bad in captured.err and valid in captured.err


def test_list_prints_the_vocabulary(capsys) -> None:
    """--list shows every option's ids, including red flags and the Ottawa findings."""
    assert main(["triage", "--list"]) == 0
    out = capsys.readouterr().out
    for ident in ("whole_foot", "electric", "both_feet", "diabetes", "midfoot_pain",
                  "tarsal_tunnel"):
        assert ident in out


def test_nothing_given_still_answers(capsys) -> None:
    """With no answers the command says what to give instead of inventing a cause."""
    assert main(["triage"]) == 0
    assert "No likely cause yet" in capsys.readouterr().out


def test_urgent_json_has_no_drills_and_only_until_seen_steps(capsys) -> None:
    """An Achilles rupture picture: urgent, drills [], do_now are the steps until seen."""
    assert main(["triage", "--json", "--region", "back_of_heel", "--sensation", "sharp",
                 "--trigger", "sudden_onset", "--trigger", "push_off", "--age", "64"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["disposition"] == "urgent"
    assert data["drills"] == []
    assert data["conditions"][0]["id"] == "achilles_rupture"
    assert data["do_now"] and not any("heel drop" in s.lower() for s in data["do_now"])
    assert data["age"] == 64


def test_pain_option_and_text_puts_what_to_do_first(capsys) -> None:
    """--pain 8 raises a self-care picture to see a professional; the text shows what to do
    before the causes and no raw score."""
    assert main(["triage", "--region", "heel_bottom", "--sensation", "stabbing",
                 "--trigger", "first_steps_morning", "--pain", "8"]) == 0
    out = capsys.readouterr().out
    assert "SEE A PROFESSIONAL THIS WEEK" in out and "Pain 8/10" in out
    assert out.index("What to do now") < out.index("Likely causes")
    assert "score" not in out


@pytest.mark.parametrize("args", [["--pain", "11"], ["--pain", "x"], ["--age", "0"],
                                  ["--age", "-3"]])
def test_bad_numbers_exit_2(capsys, args: list[str]) -> None:
    """Pain outside 0-10 or a silly age: exit 2 with a message naming the option."""
    with pytest.raises(SystemExit) as stopped:
        main(["triage", "--region", "heel_bottom", *args])
    assert stopped.value.code == 2
    assert args[0] in capsys.readouterr().err
