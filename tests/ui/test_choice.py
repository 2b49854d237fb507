"""ChoiceModal, the app's one confirmation dialog: keys, Esc, focus, and text shown as typed."""

from __future__ import annotations

import pytest
from textual.app import App
from textual.widgets import Button, Static

from tui.screens.choice import ChoiceModal

HOSTILE = "[red]x[/red] \x1b]52;c;aGk=\x07 \u202eevil"


class Asker(App[None]):
    """An app that asks one question and keeps the answers."""

    def __init__(self, modal: ChoiceModal) -> None:
        super().__init__()
        self.modal = modal
        self.answers: list[str | None] = []

    def on_mount(self) -> None:
        self.push_screen(self.modal, self.answers.append)


def three_way() -> ChoiceModal:
    return ChoiceModal("Unfinished routine", "Carry on?", [
        ("resume", "Carry on", "c"), ("discard", "Discard it", "d"), ("cancel", "Later", "l"),
    ])


@pytest.mark.parametrize(("keys", "answer"), [
    (["c"], "resume"), (["d"], "discard"), (["l"], "cancel"), (["escape"], "cancel"),
    (["enter"], "resume"), (["tab", "enter"], "discard"),
])
async def test_each_choice_has_its_key_and_esc_gives_the_safe_one(keys, answer) -> None:
    app = Asker(three_way())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press(*keys)
        await pilot.pause()
    assert app.answers == [answer]


async def test_the_box_lists_the_keys_and_the_first_choice_is_focused() -> None:
    modal = three_way()
    app = Asker(modal)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        box = modal.query_one("#choice-box")
        assert str(box.border_subtitle) == "c Carry on · d Discard it · l Later · Esc later"
        assert modal.focused is not None and modal.focused.id == "resume"
        keys = {key: (active.binding.action, active.binding.description)
                for key, active in modal.active_bindings.items() if active.node is modal}
        assert keys["c"] == ("choose('resume')", "Carry on")
        assert keys["escape"][0] == "choose_safe"


async def test_a_different_safe_choice_is_what_esc_gives() -> None:
    modal = ChoiceModal("Stop early?", "Stop the ice?",
                        [("keep", "Keep going", "n"), ("stop", "Stop it", "y")], safe="keep")
    app = Asker(modal)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert str(modal.query_one("#choice-box").border_subtitle).endswith("Esc keep going")
        await pilot.press("escape")
        await pilot.pause()
    assert app.answers == ["keep"]


def test_the_safe_choice_must_be_one_of_the_choices() -> None:
    with pytest.raises(ValueError, match="safe answer"):
        ChoiceModal("Stop?", "Stop?", [("stop", "Stop", "s"), ("keep", "Keep going", "k")])


async def test_dialogs_with_other_keys_do_not_share_bindings() -> None:
    """Each set of keys gets its own class (the same set reuses one): a key of another
    dialog does nothing here."""
    stop = ChoiceModal("Stop?", "?", [("stop", "Stop", "s"), ("cancel", "Keep going", "k")])
    again = ChoiceModal("Stop?", "!", [("stop", "Stop", "s"), ("cancel", "Keep going", "k")])
    other = ChoiceModal("Log?", "?", [("log", "Log", "l"), ("cancel", "Later", "a")])
    assert isinstance(other, ChoiceModal) and type(stop) is type(again)
    assert type(other) is not type(stop)
    app = Asker(other)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("s", "k")
        await pilot.pause()
        assert app.answers == [] and app.screen is other
        await pilot.press("l")
        await pilot.pause()
    assert app.answers == ["log"]


async def test_title_question_and_labels_are_shown_as_typed() -> None:
    """Markup prints as brackets; escape sequences and bidi overrides are drawn visibly."""
    modal = ChoiceModal(HOSTILE, HOSTILE, [("go", HOSTILE, "g"), ("cancel", "No", "n")])
    app = Asker(modal)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        question = str(modal.query_one("#choice-question", Static).render())
        label = str(modal.query_one("#go", Button).label)
        box = modal.query_one("#choice-box")
        for shown in (question, label):
            assert "[red]x[/red]" in shown and "\\x1b" in shown and "\\u202e" in shown
            assert "\x1b" not in shown and "\u202e" not in shown
        for markup in (box.border_title, box.border_subtitle):
            assert "\\[red]" in str(markup) and "\x1b" not in str(markup)
