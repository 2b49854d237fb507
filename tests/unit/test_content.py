"""Tests for the content knowledge base: the real files load, and bad files say where."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tui.domain.content import (
    Content,
    ContentError,
    content_dir,
    load_content,
    load_routines_file,
    routine_seconds,
)

REGIONS = {
    "heel_bottom", "arch", "back_of_heel", "ball_of_foot", "between_toes", "top_of_foot",
    "outer_edge", "inner_side", "toes", "whole_foot", "big_toe_joint",
}
SENSATIONS = {
    "stabbing", "sharp", "burning", "aching", "electric", "tingling", "numbness", "throbbing",
    "stiffness",
}
TRIGGERS = {
    "first_steps_morning", "after_rest", "eases_with_movement", "push_off", "downstairs",
    "calf_tightness", "tight_laces", "loosening_laces_helps", "tight_shoes", "toe_flex_up_hurts",
    "uneven_ground", "after_ankle_twist", "arch_collapsing", "high_arches", "during_run",
    "after_long_run", "worse_each_run", "at_night", "fades_with_rest", "both_feet",
    "sudden_onset", "recent_training_change", "previous_stress_fracture",
    "low_energy_availability", "fluoroquinolone_or_steroid", "back_or_leg_pain",
    "long_morning_stiffness", "other_joints_swollen", "swelling_top_of_foot",
    "skin_or_nail_problem", "big_toe_joint_stiff", "hot_swollen_joint", "achilles_at_bone",
    "achilles_above_bone", "bump_back_of_heel", "worse_barefoot_hard_ground", "bruising_sole",
    "toe_drifting",
}
URGENT = {
    "cannot_bear_weight", "ballooning_swelling", "turned_purple", "pain_shooting_up",
    "popping_sound", "deformity", "fever_redness_warmth", "cold_pale_foot", "cannot_tiptoe",
    "felt_kicked", "saddle_numbness_or_bladder", "foot_drop_weakness",
}
SEE_PRO = {
    "bone_tenderness", "not_better_after_week", "getting_worse", "nothing_helps", "diabetes",
    "open_wound", "stops_walking_normally",
}
CONDITIONS = {
    "plantar_fasciitis", "achilles_tendinitis", "metatarsalgia", "mortons_neuroma",
    "extensor_tendonitis", "peroneal_tendonitis", "posterior_tibial_tendonitis",
    "stress_fracture", "tarsal_tunnel", "general_soreness", "achilles_rupture",
    "insertional_achilles", "haglunds_bursitis", "ankle_sprain", "acute_fracture", "sesamoiditis",
    "turf_toe", "hallux_rigidus", "plantar_plate", "fat_pad", "baxters_nerve", "lisfranc_injury",
    "cuboid_syndrome", "skin_nail", "gout", "foot_infection", "peripheral_neuropathy",
    "referred_back_pain", "inflammatory_arthritis", "severs_disease", "stress_fracture_high_risk",
}
CAUSES = {
    "mileage_jump", "speed_jump", "worn_shoes", "new_shoes", "tight_shoes", "surface_switch",
    "form", "skipped_warmup", "skipped_rest", "weak_or_tight", "two_changes",
}
DRILLS = {
    "towel_scrunch", "marble_pickup", "calf_raise", "heel_drop", "toe_yoga",
    "plantar_fascia_stretch", "foot_roll", "alfredson_straight", "alfredson_bent",
    "rathleff_heel_raise", "heel_drop_floor",
}


@pytest.fixture(scope="module")
def content() -> Content:
    """The real content shipped in the repository."""
    return load_content()


@pytest.fixture
def copy(tmp_path: Path) -> Path:
    """A writable copy of the real content folder."""
    target = tmp_path / "content"
    shutil.copytree(content_dir(), target)
    return target


def _replace(path: Path, old: str, new: str) -> None:
    """Replace one exact snippet in a file, failing if it is absent."""
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path.name}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _error(directory: Path) -> str:
    """Load a content folder that must fail and return the message."""
    with pytest.raises(ContentError) as info:
        load_content(directory)
    return str(info.value)


class TestRealContent:
    """The shipped content loads and covers every id the app relies on."""

    def test_vocabulary_ids(self, content: Content) -> None:
        """Every minimum region, sensation and trigger id exists."""
        assert REGIONS <= set(content.regions_by_id)
        assert SENSATIONS <= set(content.sensations_by_id)
        assert TRIGGERS <= set(content.triggers_by_id)
        groups = {"worse", "better", "context", "injury", "more"}
        assert {t.group for t in content.triggers} == groups

    def test_red_flags(self, content: Content) -> None:
        """Red flags carry the agreed dispositions, and the Ottawa rule is present."""
        for ident in URGENT:
            assert content.red_flag(ident).disposition == "urgent"
        for ident in SEE_PRO:
            assert content.red_flag(ident).disposition == "see_pro"
        assert all(flag.question.endswith("?") for flag in content.red_flags)
        assert content.ottawa is not None
        assert "navicular" in content.ottawa.text and "four steps" in content.ottawa.text

    def test_conditions(self, content: Content) -> None:
        """Each condition has sources and at least one positive region weight."""
        assert CONDITIONS <= set(content.conditions_by_id)
        for cond in content.conditions:
            assert cond.sources, cond.id
            assert any(w > 0 for w in cond.regions.values()), cond.id

    def test_every_condition_says_how_long_and_how_soon(self, content: Content) -> None:
        """Each condition names its usual time course and the least it needs; the ones that
        must never be self-care say so."""
        for cond in content.conditions:
            assert len(cond.outlook) > 20, cond.id
        for ident in ("stress_fracture", "stress_fracture_high_risk", "acute_fracture",
                      "lisfranc_injury", "gout", "peripheral_neuropathy"):
            assert content.condition(ident).floor != "self_care", ident
        assert content.condition("achilles_rupture").floor == "urgent"
        assert "12 weeks" in content.condition("achilles_tendinitis").outlook

    def test_no_loading_drill_for_an_injury_that_must_not_be_loaded(
        self, content: Content
    ) -> None:
        """Bone, rupture, infection and gout offer no drills; insertional Achilles pain gets
        heel drops to floor level only, never below a step (JOSPT 2018)."""
        for cond in content.conditions:
            if cond.kind in ("bone", "rupture", "infection") or cond.id == "gout":
                assert cond.drills == [], cond.id
        insertional = content.condition("insertional_achilles").drills
        assert "heel_drop_floor" in insertional
        assert not {"heel_drop", "alfredson_straight", "alfredson_bent"} & set(insertional)
        for ident in ("calf_raise", "heel_drop", "alfredson_straight", "rathleff_heel_raise"):
            assert content.drill(ident).loading, ident
        assert not content.drill("towel_scrunch").loading

    def test_frozen_bottle_carries_the_numb_foot_caution(self, content: Content) -> None:
        """The foot roll warns about diabetic or numb feet (NICE NG19)."""
        roll = content.drill("foot_roll")
        assert "sock" in f"{roll.how} {roll.cue}".lower()

    def test_weights_are_sensible(self, content: Content) -> None:
        """Key findings point at the conditions the reference table names."""
        pf = content.condition("plantar_fasciitis")
        assert pf.regions["heel_bottom"] > 0 and pf.triggers["first_steps_morning"] > 0
        morton = content.condition("mortons_neuroma")
        assert morton.regions["between_toes"] > 0 and morton.sensations["numbness"] > 0
        fracture = content.condition("stress_fracture")
        assert fracture.triggers["worse_each_run"] > 0 and fracture.kind == "bone"
        sore = content.condition("general_soreness")
        for ident in ("sharp", "stabbing", "electric", "numbness"):
            assert sore.sensations[ident] < 0

    def test_causes_and_first_aid(self, content: Content) -> None:
        """Causes, PRICER, what to avoid and the ice defaults are all there."""
        assert CAUSES <= set(content.causes_by_id)
        aid = content.first_aid
        assert "".join(s.letter for s in aid.steps) == "PRICER"
        assert {a.id for a in aid.avoid} == {"heat", "alcohol", "running", "massage"}
        assert (aid.ice.min_minutes, aid.ice.default_minutes, aid.ice.max_minutes) == (5, 15, 20)
        assert aid.ice.roll_seconds == 90 and aid.ice.acute_window_hours == 72
        assert "pharmacist" in aid.nsaid

    def test_drills_and_routines(self, content: Content) -> None:
        """Drills match their protocols and the routines reference real drills."""
        assert DRILLS <= set(content.drills_by_id)
        rathleff = content.drill("rathleff_heel_raise")
        assert (rathleff.sets, rathleff.reps) == (3, 12)
        assert rathleff.tempo is not None and rathleff.tempo.seconds == 8
        for ident in ("alfredson_straight", "alfredson_bent"):
            assert (content.drill(ident).sets, content.drill(ident).reps) == (3, 15)
        stretch = content.drill("plantar_fascia_stretch")
        assert (stretch.sets, stretch.hold_seconds) == (10, 10)
        assert {"morning_foot", "alfredson", "rathleff"} <= set(content.routines_by_id)
        assert content.default_routine().id == "morning_foot"

    def test_morning_routine_takes_ten_to_fifteen_minutes(self, content: Content) -> None:
        """The default routine fits the seed's 10-15 minutes a morning."""
        seconds = routine_seconds(content.routine("morning_foot"), content.drills)
        assert 600 <= seconds <= 900

    def test_env_var_overrides_content_dir(
        self, copy: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """FOOTPAIN_CONTENT_DIR points the loader at another folder."""
        monkeypatch.setenv("FOOTPAIN_CONTENT_DIR", str(copy))
        assert content_dir() == copy
        _replace(copy / "vocabulary.toml", 'name = "Arch"', 'name = "Middle arch"')
        assert load_content().region("arch").name == "Middle arch"


class TestBrokenContent:
    """Each kind of mistake names the file, the entry and the field."""

    def test_unknown_field(self, copy: Path) -> None:
        """A misspelt key is reported as unknown."""
        _replace(copy / "causes.toml", 'label = "I ran a lot', 'lable = "I ran a lot')
        message = _error(copy)
        assert "causes.toml" in message
        assert "cause 'mileage_jump' (entry 1)" in message
        assert "field 'lable'" in message and "did you mean 'label'?" in message

    def test_out_of_range_weight(self, copy: Path) -> None:
        """A weight outside -5..5 names the dotted field."""
        _replace(copy / "conditions.toml", "heel_bottom = 5, arch = 3", "heel_bottom = 9, arch = 3")
        message = _error(copy)
        assert "conditions.toml" in message
        assert "condition 'plantar_fasciitis' (entry 1)" in message
        assert "field 'regions.heel_bottom'" in message and "5" in message

    def test_unknown_cross_reference(self, copy: Path) -> None:
        """A weight key that is not a region id is caught, with a suggestion."""
        _replace(copy / "conditions.toml", "heel_bottom = 5, arch = 3", "heel_botom = 5, arch = 3")
        message = _error(copy)
        assert "conditions.toml" in message
        assert "condition 'plantar_fasciitis' (entry 1)" in message
        assert "field 'regions.heel_botom'" in message
        assert "unknown region id" in message and "heel_bottom" in message

    def test_unknown_drill_in_routine(self, copy: Path) -> None:
        """A routine step that is not a drill names the step."""
        _replace(copy / "routines.toml", '"towel_scrunch", "marble', '"towel_crunch", "marble')
        message = _error(copy)
        assert "routines.toml" in message
        assert "routine 'morning_foot' (entry 1)" in message
        assert "field 'steps[0]'" in message and "unknown drill id" in message

    def test_duplicate_id(self, copy: Path) -> None:
        """Two drills with one id are refused, pointing at the second."""
        _replace(copy / "drills.toml", 'id = "marble_pickup"', 'id = "towel_scrunch"')
        message = _error(copy)
        assert "drills.toml" in message
        assert "drill 'towel_scrunch' (entry 2)" in message
        assert "field 'id'" in message and "duplicate" in message

    def test_toml_syntax_error(self, copy: Path) -> None:
        """A syntax error gives the line, the entry it sits in and the key."""
        _replace(copy / "red_flags.toml", 'disposition = "urgent"', "disposition = urgent")
        message = _error(copy)
        assert "red_flags.toml" in message
        assert "red_flag 'cannot_bear_weight' (entry 1)" in message
        assert "field 'disposition'" in message and "line" in message

    def test_missing_file(self, copy: Path) -> None:
        """A missing file is named."""
        (copy / "first_aid.toml").unlink()
        message = _error(copy)
        assert "first_aid.toml" in message and "not found" in message

    def test_bad_choice(self, copy: Path) -> None:
        """A value outside a Literal's choices is refused."""
        _replace(copy / "vocabulary.toml", 'group = "better"', 'group = "nicer"')
        message = _error(copy)
        assert "trigger 'eases_with_movement' (entry 3)" in message
        assert "field 'group'" in message and "'nicer'" in message

    def test_reps_and_hold_together(self, copy: Path) -> None:
        """A drill with both reps and a hold is refused."""
        _replace(copy / "drills.toml", "hold_seconds = 90", "hold_seconds = 90\nreps = 5")
        message = _error(copy)
        assert "drill 'foot_roll' (entry 7)" in message and "hold_seconds" in message

    def test_ice_limits_in_order(self, copy: Path) -> None:
        """An ice default outside its own min and max is refused."""
        _replace(copy / "first_aid.toml", "default_minutes = 15", "default_minutes = 25")
        message = _error(copy)
        assert "first_aid.toml" in message and "table [ice]" in message


class TestUserRoutines:
    """User routine files use the same schema and the same messages."""

    def test_loads_valid_file(self, tmp_path: Path, content: Content) -> None:
        """A small user routine loads and can be timed."""
        path = tmp_path / "routines.toml"
        path.write_text(
            'schema_version = 1\n\n[[routine]]\nid = "quick"\nname = "Quick"\n'
            'summary = "Just calves."\nfrequency = "after runs"\nsteps = ["calf_raise"]\n',
            encoding="utf-8",
        )
        (routine,) = load_routines_file(path, content.drills_by_id)
        assert routine.lead_in_seconds == 5
        assert routine_seconds(routine, content.drills) > 0

    def test_unknown_drill(self, tmp_path: Path, content: Content) -> None:
        """An unknown drill in a user routine is named with its position."""
        path = tmp_path / "mine.toml"
        path.write_text(
            'schema_version = 1\n\n[[routine]]\nid = "quick"\nname = "Quick"\n'
            'summary = "Calves."\nfrequency = "daily"\nsteps = ["calf_raise", "calf_rase"]\n',
            encoding="utf-8",
        )
        with pytest.raises(ContentError) as info:
            load_routines_file(path, content.drills)
        message = str(info.value)
        assert "mine.toml" in message and "routine 'quick' (entry 1)" in message
        assert "field 'steps[1]'" in message and "calf_raise" in message


def test_the_foot_roll_says_keep_rolling_and_the_article_is_named(content) -> None:
    """Issue 15: a timed set that moves says so (not "hold steady"); no source is called
    "the seed": the article is named with its author."""
    roll = next(d for d in content.drills if d.id == "foot_roll")
    assert roll.during is not None and "rolling" in roll.during
    sources = [s for d in content.drills for s in d.sources]
    sources += [s for c in content.conditions for s in c.sources]
    assert not any("seed" in s.lower() for s in sources)
    assert any(s.startswith("David Dack, \"Foot Pain After Running?") for s in sources)
