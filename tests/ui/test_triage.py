"""Triage tab: every step at 80x24, a whole triage by keyboard, mouse picks, saving."""

from __future__ import annotations

from textual.widgets import TabbedContent

from tests.datafiles import journal_is_empty, read_journal
from tui.tabs.triage.foot_map import FootMap
from tui.widgets.checklist import CheckList

# Keys that give a plantar fasciitis picture: no flags, no injury, under the heel,
# stabbing, first steps in the morning.
TO_WHERE = ["n", "n"]
PICK_HEEL = ["j", "j", "j", "j", "space"]  # toes → between → ball → arch → under heel
FEEL = ["space", "tab", "space"]  # Stabbing; First steps in the morning
TO_MORE = [*TO_WHERE, *PICK_HEEL, "n", *FEEL, "n"]
TO_RESULT = [*TO_MORE, "enter", "enter"]  # Enter in the pain box, then in the age box
# Back of the heel on the map: across to the inner view's heel, then back onto its label.
PICK_BACK_OF_HEEL = ["l", "l", "l", "h", "space"]


class TestTriageSnapshots:
    """What each step looks like at 80x24."""

    def test_red_flags(self, make_app, snap_compare) -> None:
        """Step 1 of 8: the urgent questions, then the see-this-week ones, all unticked [ ],
        the disclaimer on the step line; footer shows space Tick and n Next."""

        async def run_before(pilot) -> None:
            await pilot.pause()

        assert snap_compare(make_app(), terminal_size=(80, 24), run_before=run_before)

    def test_urgent_banner_on_top(self, make_app, snap_compare) -> None:
        """Ticking 'too painful to take four steps' puts '!! GET CHECKED TODAY' with the
        reason above the step line at once; the question shows [✓]."""
        assert snap_compare(make_app(), terminal_size=(80, 24), press=["space"])

    def test_injury_step(self, make_app, snap_compare) -> None:
        """Step 2 of 8: 'Did it start with an injury?' with two answers and nothing else."""
        assert snap_compare(make_app(), terminal_size=(80, 24), press=["n"])

    def test_injury_step_after_a_twist(self, make_app, snap_compare) -> None:
        """Step 2 of 8 after ticking 'Since an ankle twist': the Ottawa ankle and foot
        questions appear under their heading, then the bruising question."""
        assert snap_compare(make_app(), terminal_size=(80, 24), press=["n", "space"])

    def test_follow_ups_for_the_back_of_the_heel(self, make_app, snap_compare) -> None:
        """Step 5 of 8 with the back of the heel picked: pain and age boxes, then 'Because of
        your answers so far' with the tiptoe and 'as if kicked' questions and where on the
        tendon it hurts, then the questions asked of everyone."""
        keys = [*TO_WHERE, *PICK_BACK_OF_HEEL, "n", "n"]
        assert snap_compare(make_app(), terminal_size=(80, 24), press=keys)

    def test_urgent_result(self, make_app, snap_compare) -> None:
        """A rupture picture (back of heel, cannot rise onto tiptoe): the result page starts
        with '!! GET CHECKED TODAY' and the rupture reason, then 'Until you are seen'; the
        footer has no d (drills) and no i (ice) key."""
        keys = [*TO_WHERE, *PICK_BACK_OF_HEEL, "n", "n", "tab", "tab", "space", "n"]
        assert snap_compare(make_app(), terminal_size=(80, 24), press=keys)

    def test_foot_map(self, make_app, snap_compare) -> None:
        """Step 3 of 8: footprint and inner-side drawings; 'Under the heel' picked (✓, reverse)
        with the cursor ▶ ◀ on it, named below with its hint."""
        assert snap_compare(make_app(), terminal_size=(80, 24), press=[*TO_WHERE, *PICK_HEEL])

    def test_feel(self, make_app, snap_compare) -> None:
        """Step 4 of 8: two columns, 'How it feels' with Stabbing ticked and 'Worse with' with
        'First steps in the morning' ticked."""
        keys = [*TO_WHERE, *PICK_HEEL, "n", *FEEL]
        assert snap_compare(make_app(), terminal_size=(80, 24), press=keys)

    def test_result(self, make_app, snap_compare) -> None:
        """Step 6 of 8: '✓ SELF-CARE' with its reason, then '1. Plantar fasciitis' with
        'matches: Under the heel, First steps in the morning, Stabbing'; footer i and d."""
        assert snap_compare(make_app(), terminal_size=(80, 24), press=TO_RESULT)

    def test_changes(self, make_app, snap_compare) -> None:
        """Step 7 of 8: the causes checklist with the first two ticked and their advice below."""
        keys = [*TO_RESULT, "n", "space", "j", "space"]
        assert snap_compare(make_app(), terminal_size=(80, 24), press=keys)

    def test_save(self, make_app, snap_compare) -> None:
        """Step 8 of 8 after pressing s: the summary (14 Mar, Under the heel, Plantar
        fasciitis, Self-care) and '✓ Saved as the start of an episode on 14 Mar.'"""
        keys = [*TO_RESULT, "n", "n", "s"]
        assert snap_compare(make_app(), terminal_size=(80, 24), press=keys)

    def test_small_terminal_scrolls(self, make_app, snap_compare) -> None:
        """At 60x20 the result page still draws, with a scroll bar, and nothing crashes."""
        assert snap_compare(make_app(), terminal_size=(60, 20), press=TO_RESULT)


async def test_whole_triage_by_keyboard_saves_an_episode(make_app, data_dir) -> None:
    """Flags, injury, map, feel, result, causes, save: the journal holds the episode."""
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press(*TO_RESULT, "n", "space", "n", "s")
        await pilot.pause()
        status = str(app.query_one("#save-status").render())
        assert "Saved as the start of an episode on 14 Mar" in status
    journal = read_journal(data_dir).model_dump(mode="json")
    (episode,) = journal["episodes"]
    assert episode["source"] == "triage"
    assert str(episode["started"]) == "2026-03-14"
    assert episode["regions"] == ["heel_bottom"]
    assert episode["condition"] == "plantar_fasciitis"
    assert episode["disposition"] == "self_care"
    assert episode["kind"] == "soft_tissue"
    assert episode["causes"] == ["mileage_jump"]


async def test_saving_twice_the_same_day_replaces(make_app, data_dir) -> None:
    """A second save on the same day updates that day's episode instead of adding one."""
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press(*TO_RESULT, "n", "n", "s")
        await pilot.press("b", "b", "b", "b", "tab", "j", "space")  # add 'After sitting'
        await pilot.press("n", "n", "n", "n", "s")
        await pilot.pause()
    episodes = read_journal(data_dir).episodes
    assert len(episodes) == 1


async def test_nothing_picked_saves_nothing(make_app, data_dir) -> None:
    """Saving before picking a region says why and writes no journal."""
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await app.query_one("#triage-pane").action_save_step()
        await pilot.pause()
        await pilot.press("s")
        await pilot.pause()
        assert "pick where it hurts" in str(app.query_one("#save-status").render())
    assert journal_is_empty(data_dir)


async def test_urgent_ottawa_answer_shows_banner(make_app) -> None:
    """Midfoot pain with a tender fifth metatarsal base shows the urgent banner at once."""
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        banner = app.query_one("#triage-urgent")
        assert not banner.display
        await pilot.press("n", "space")  # since an ankle twist: the Ottawa questions appear
        await pilot.pause()
        assert not banner.display
        await pilot.press(*["j"] * 7, "space")  # the fifth metatarsal base is tender
        await pilot.pause()
        assert banner.display
        assert "GET CHECKED TODAY: Ottawa" in str(banner.render())


async def test_mouse_picks_a_region(make_app) -> None:
    """Clicking a label on the foot map picks that region."""
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press(*TO_WHERE)
        await pilot.pause()
        foot = app.query_one(FootMap)
        spot = next(s for s in foot.spots if s.region == "top_of_foot")
        await pilot.click(FootMap, offset=(spot.col + 3, spot.row))
        await pilot.pause()
        assert foot.picked == ("top_of_foot",)
        assert "Top of the foot" in str(app.query_one("#where-picked").render())


async def test_mouse_ticks_a_checkbox(make_app) -> None:
    """Clicking a red flag question ticks it."""
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        flags = app.query_one("#flags-list", CheckList)
        await pilot.click("#flags-list", offset=(5, 2))
        await pilot.pause()
        assert flags.ticked == ("ballooning_swelling",)


async def test_jump_keys_open_ice_and_drills(make_app, monkeypatch) -> None:
    """On the result, i opens First aid; d opens Drills and passes the fitting drill ids."""
    from tui.tabs.drills.pane import DrillsPane

    seen: list[list[str]] = []
    monkeypatch.setattr(DrillsPane, "highlight_drills", lambda self, ids: seen.append(ids),
                        raising=False)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press(*TO_RESULT, "i")
        await pilot.pause()
        tabs = app.query_one(TabbedContent)
        assert tabs.active == "first-aid"
        await pilot.press("1")
        await pilot.pause()
        app.query_one("#triage-pane").focus_first()
        await pilot.press("d")
        await pilot.pause()
        assert tabs.active == "drills"
    assert seen and "plantar_fascia_stretch" in seen[0]


async def test_new_triage_clears_everything(make_app) -> None:
    """The palette's New triage (r) unticks all answers and returns to the red flags."""
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("space", *TO_RESULT, "r")
        await pilot.pause()
        pane = app.query_one("#triage-pane")
        assert pane.step == 0
        assert pane.answers().regions == () and pane.answers().red_flags == ()
        assert not app.query_one("#triage-urgent").display


async def test_number_boxes_take_digits_only_and_refuse_a_bad_pain(make_app) -> None:
    """Letters typed in the pain box do nothing (a stray q does not quit); pain 12 keeps the
    runner on the page with the reason beside the box; 7 goes on to the result."""
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press(*TO_MORE, "q", "x", "1", "2")
        await pilot.pause()
        pane = app.query_one("#triage-pane")
        assert app.is_running
        assert app.query_one("#pain-input").value == "12"
        await pilot.press("enter", "enter")
        await pilot.pause()
        assert pane.step == 4
        assert "Fix it to go on" in str(app.query_one("#numbers-error").render())
        assert app.focused.id == "pain-input"
        await pilot.press("backspace", "backspace", "7", "enter", "enter")
        await pilot.pause()
        assert pane.step == 5 and pane.result.answers.pain == 7
        assert pane.result.disposition == "see_pro"


async def test_result_page_opens_at_its_verdict(make_app) -> None:
    """Scrolled down on the result, back to add a red flag: the result opens at the top,
    with the urgent verdict in view."""
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press(*TO_RESULT, "pagedown", "pagedown")
        await pilot.pause()
        page = app.query_one("#step-result")
        assert page.scroll_y > 0
        pane = app.query_one("#triage-pane")
        await pane.show_step(0)
        await pilot.press("space")  # cannot take four steps
        await pane.action_show_result()
        await pilot.pause()
        assert page.scroll_y == 0
        assert app.query_one("#result-banner").has_class("-urgent")


async def test_unticking_the_injury_takes_the_ottawa_answers_away(make_app) -> None:
    """Twist ticked, a tender bone ticked (urgent); untick the twist: the Ottawa questions go,
    and so does the verdict they made."""
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("n", "space", *["j"] * 7, "space")
        await pilot.pause()
        pane = app.query_one("#triage-pane")
        assert pane.result.disposition == "urgent"
        await pilot.press("home", "space")  # untick "Since an ankle twist"
        await pilot.pause()
        await pilot.pause()
        assert pane.answers().ottawa == ()
        assert pane.result.disposition == "self_care"
        assert all(not i.startswith("o:") for i in
                   app.query_one("#injury-list", CheckList).idents)


async def test_saving_again_today_keeps_what_the_log_added(make_app, data_dir) -> None:
    """An episode saved today and cleared in the Log; a second triage saved the same day
    updates it and says so, keeping the clearance."""
    from datetime import date

    from tui.domain.journal import Episode
    from tui.store import Store
    from tui.store.records import start_episode

    start_episode(Store(data_dir), Episode(started=date(2026, 3, 14), condition="gout",
                                           cleared_on=date(2026, 3, 14)))
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press(*TO_RESULT, "n", "n", "s")
        await pilot.pause()
        assert "Updated today's episode" in str(app.query_one("#save-status").render())
    (episode,) = read_journal(data_dir).episodes
    assert episode.condition == "plantar_fasciitis"
    assert str(episode.cleared_on) == "2026-03-14"


def test_what_changed_after_an_urgent_result_is_for_later(content) -> None:
    """Training advice after an urgent result first says that getting seen comes first."""
    from rich.console import Console

    from tui.tabs.triage.view import causes_text

    console = Console(width=78, record=True)
    console.print(causes_text(content, ["mileage_jump"], urgent=True))
    text = console.export_text()
    assert text.index("First get seen today") < text.index(content.cause("mileage_jump").label)
    console.print(causes_text(content, ["mileage_jump"]))
    assert console.export_text().count("First get seen today") == 0


async def test_right_and_l_move_between_the_feel_columns(make_app) -> None:
    """Issue 15: on step 4, → and l go to the 'Worse with' list and ← and h come back, on the
    same row (headings skipped), as the keys screen says."""
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press(*TO_WHERE, *PICK_HEEL, "n")
        await pilot.pause()
        feel, worse = app.query_one("#feel-list", CheckList), app.query_one("#trigger-list",
                                                                              CheckList)
        assert app.focused is feel
        await pilot.press("j", "j", "right")
        assert app.focused is worse and worse.highlighted == feel.highlighted
        await pilot.press("left")
        assert app.focused is feel
        await pilot.press("l", "space")
        assert app.focused is worse and worse.ticked
        await pilot.press("h")
        assert app.focused is feel


def test_banner_counts_the_other_reasons_in_words(content) -> None:
    """Issue 15: one flag that brings a second reason reads "(and 1 more reason on the result
    page)", not "(+1 more ...)"; the self-care advice no longer reads "Home care should do"."""
    from tui.domain.triage import Answers, assess
    from tui.tabs.triage.view import urgent_text

    result = assess(content, Answers(red_flags=["cannot_tiptoe"]))
    assert len(result.disposition_reasons) == 2
    assert str(urgent_text(result)).endswith("(and 1 more reason on the result page)")
    calm = assess(content, Answers(regions=["heel_bottom"]))
    assert "should do" not in calm.advice


async def test_an_age_typed_in_triage_is_kept_without_stopping_the_app(make_app, tmp_path) -> None:
    """A walk found this: giving an age the first time stopped the app on an AttributeError
    (the tabs' settings could not be replaced). It is saved, held by the App, and not asked
    again on the next triage."""
    from tui.store.config import SettingsFile

    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press(*TO_MORE, "5", "tab", "4", "0", "enter")
        await pilot.pause()
        assert app.is_running and app.return_code is None
        assert app.settings.age == 40 and app.services.settings.age == 40
    assert SettingsFile(tmp_path / "config").read().age == 40
