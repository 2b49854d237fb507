"""A save that fails (a full disk, a read-only folder) keeps what the runner typed on screen
with the reason beside Save; saving again once the disk has room works."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Input, Static, TextArea

from tests.datafiles import read_journal
from tui.store import StoreError
from tui.store.records import JournalSource
from tui.tabs.log.entry_form import EntryFormModal


async def test_a_failed_save_keeps_the_form_and_says_why(
    make_app, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_apply = JournalSource.apply
    full = {"on": True}

    def apply(self, change):  # noqa: ANN001, ANN202
        if full["on"]:
            raise StoreError(f"{data_dir}/footpain.db: the disk is full; nothing was saved")
        return real_apply(self, change)

    monkeypatch.setattr(JournalSource, "apply", apply)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("4")
        await pilot.pause()
        await pilot.press("a")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, EntryFormModal)
        await pilot.press("tab", "tab", "5", "tab", "3", "0")
        form.query_one("#field-note", TextArea).text = "tempo, felt the arch"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is form  # still open, nothing lost
        warning = str(form.query_one("#form-warning", Static).render())
        assert "Not saved" in warning and "the disk is full" in warning
        assert form.query_one("#field-distance", Input).value == "5"
        assert form.query_one("#field-note", TextArea).text == "tempo, felt the arch"
        assert read_journal(data_dir).entries == []

        full["on"] = False  # room again: the same form saves
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not isinstance(app.screen, EntryFormModal)
        saved = read_journal(data_dir).entries
        assert [(e.distance_km, e.note) for e in saved] == [(5.0, "tempo, felt the arch")]


async def test_settings_that_cannot_be_saved_stay_on_screen(
    make_app, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tui.screens.settings import SettingsModal
    from tui.store.config import SettingsFile

    def refuse(self, settings):  # noqa: ANN001, ANN202
        raise StoreError("the settings were not saved: /x/settings.toml: read-only file system")

    monkeypatch.setattr(SettingsFile, "save", refuse)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        app.action_settings()
        await pilot.pause()
        form = app.screen
        assert isinstance(form, SettingsModal)
        form.query_one("#ice_minutes", Input).value = "12"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is form
        problem = str(form.query_one("#settings-problem", Static).render())
        assert "read-only file system" in problem
        assert form.query_one("#ice_minutes", Input).value == "12"
        assert app.settings.ice_minutes != 12  # not applied while not saved
