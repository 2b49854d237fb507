"""The validated-content cache: hits only when nothing changed, never trusts a stranger's file,
never caches broken content, and lets the app paint its first frame without pydantic."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from tui.domain.content import ContentError, content_dir, load_content
from tui.store import content_cache
from tui.store.content_cache import PREFIX, load_content_cached

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def copy(tmp_path: Path) -> Path:
    """A private copy of the real content."""
    target = tmp_path / "content"
    shutil.copytree(content_dir(), target)
    return target


def cached_files(folder: Path) -> list[Path]:
    return sorted(folder.glob(f"{PREFIX}*.pickle"))


def forbid_validation(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make any real (uncached) load fail the test."""
    def boom(_base: Path) -> None:
        raise AssertionError("validated again instead of using the cache")

    monkeypatch.setattr(content_cache, "load_content", boom)


def test_second_load_comes_from_the_cache(tmp_path, copy, monkeypatch) -> None:
    folder = tmp_path / "cache"
    first = load_content_cached(folder, copy)
    assert first == load_content(copy)
    [saved] = cached_files(folder)
    assert folder.stat().st_mode & 0o777 == 0o700
    assert saved.stat().st_mode & 0o777 == 0o600
    forbid_validation(monkeypatch)
    assert load_content_cached(folder, copy) == first


def test_an_edited_file_is_validated_again_and_the_old_cache_dropped(tmp_path, copy) -> None:
    folder = tmp_path / "cache"
    load_content_cached(folder, copy)
    [old] = cached_files(folder)
    path = copy / "causes.toml"
    path.write_text(path.read_text().replace("I ran a lot more", "I ran far more", 1))
    content = load_content_cached(folder, copy)
    assert any(cause.label.startswith("I ran far more") for cause in content.causes)
    [new] = cached_files(folder)
    assert new != old


def test_broken_content_is_reported_and_not_cached(tmp_path, copy) -> None:
    folder = tmp_path / "cache"
    path = copy / "drills.toml"
    path.write_text(path.read_text().replace("sets = ", "sets = \"three\" #", 1))
    with pytest.raises(ContentError, match="drills.toml"):
        load_content_cached(folder, copy)
    assert cached_files(folder) == []


@pytest.mark.skipif(not hasattr(os, "fork") or (os.cpu_count() or 1) < 2,
                    reason="the content is validated alongside only with fork and two cores")
def test_a_cold_start_validates_in_a_child_and_hands_over_the_content(
    tmp_path, copy, monkeypatch,
) -> None:
    """start_content forks on a miss: the child validates and writes the cache; the parent
    receives the same content, without validating it itself."""
    folder = tmp_path / "cache"
    expected = load_content(copy)
    parent = os.getpid()
    real = content_cache.load_content

    def only_in_the_child(base: Path):
        assert os.getpid() != parent, "the parent validated"
        return real(base)

    monkeypatch.setattr(content_cache, "load_content", only_in_the_child)
    finish = content_cache.start_content(folder, copy)
    assert finish() == expected
    [saved] = cached_files(folder)
    assert saved.stat().st_mode & 0o777 == 0o600

    def no_fork() -> int:
        raise AssertionError("forked although the cache was warm")

    monkeypatch.setattr(os, "fork", no_fork)
    assert content_cache.start_content(folder, copy)() == expected


def test_broken_content_found_by_the_child_is_reported_by_the_parent(tmp_path, copy) -> None:
    """The child's failure is never the last word: the parent loads again and raises the
    ContentError the user reads; nothing is cached."""
    folder = tmp_path / "cache"
    path = copy / "drills.toml"
    path.write_text(path.read_text().replace("sets = ", "sets = \"three\" #", 1))
    finish = content_cache.start_content(folder, copy)
    with pytest.raises(ContentError, match="drills.toml"):
        finish()
    assert cached_files(folder) == []


@pytest.mark.parametrize("spoil", ["world-writable", "garbage", "not-content"])
def test_a_cache_file_that_cannot_be_trusted_is_ignored(tmp_path, copy, spoil) -> None:
    folder = tmp_path / "cache"
    expected = load_content_cached(folder, copy)
    [saved] = cached_files(folder)
    if spoil == "world-writable":
        os.chmod(saved, 0o666)
    elif spoil == "garbage":
        saved.write_bytes(b"\x80\x05 not a pickle")
    else:
        import pickle

        saved.write_bytes(pickle.dumps({"not": "content"}))
    calls: list[Path] = []
    real = content_cache.load_content

    def counting(base: Path):
        calls.append(base)
        return real(base)

    content_cache.load_content = counting
    try:
        assert load_content_cached(folder, copy) == expected
    finally:
        content_cache.load_content = real
    assert calls == [copy]


def test_an_unwritable_cache_folder_only_costs_time(tmp_path, copy) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    assert load_content_cached(blocker / "cache", copy) == load_content(copy)


def test_first_frame_needs_neither_pydantic_nor_annotated_types(tmp_path) -> None:
    """With a warm cache and a settings file, the app paints its first screen without them."""
    data = tmp_path / "data"
    data.mkdir(mode=0o700)
    (data / "settings.toml").write_text('schema_version = 1\ntheme = "footpain-light"\n')
    script = textwrap.dedent(f"""
        import asyncio, sys
        from pathlib import Path
        from tui.store.content_cache import load_content_cached
        load_content_cached(Path({str(tmp_path / "cache")!r}))  # warm the cache
        for name in [m for m in sys.modules if m.startswith(("pydantic", "annotated_types"))]:
            del sys.modules[name]
        for name in [m for m in sys.modules if m == "tui" or m.startswith("tui.")]:
            del sys.modules[name]  # warming imported them: start again as a fresh process
        from tui.store.content_cache import load_content_cached
        content = load_content_cached(Path({str(tmp_path / "cache")!r}))
        from tui.app import FootpainApp

        async def later(self):
            pass

        FootpainApp.finish_start = later  # stop at the first frame
        app = FootpainApp(Path({str(data)!r}), content=content)

        async def main():
            async with app.run_test(size=(80, 24)) as pilot:
                await pilot.pause()
                print(app.theme)
        asyncio.run(main())
        print(sorted(m for m in sys.modules if m.startswith(("pydantic", "annotated_types"))))
    """)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, env=env, timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[-2:] == ["footpain-light", "[]"]


def test_four_tabs_in_use_load_neither_pydantic_nor_richs_emoji_table(tmp_path) -> None:
    """Issue 16, memory: pydantic costs ~10 MiB once a model exists, Rich's emoji table
    1.4 MiB (a DataTable column or cell given as a str is parsed as markup and loads it) and
    hashlib's OpenSSL digests 0.5 MiB of libcrypto. With a warm cache, a journal entry and a
    pair of shoes, every tab opened and the Log's shoes view shown, none is imported."""
    data = tmp_path / "data"
    data.mkdir(mode=0o700)
    cache = tmp_path / "cache"
    load_content_cached(cache)
    script = textwrap.dedent(f"""
        import asyncio, sys
        from datetime import date
        from pathlib import Path
        from tui.store import Store
        from tui.store.records import add_entry, add_shoe
        from tui.domain.journal import Entry, Shoe
        store = Store(Path({str(data)!r}))
        add_entry(store, Entry(date=date.today(), activity="run", distance_km=5, note="[b]x"))
        add_shoe(store, Shoe(name="Trail [red]pair"))
        from tui.store.content_cache import load_content_cached
        content = load_content_cached(Path({str(cache)!r}))
        from tui.app import FootpainApp
        app = FootpainApp(Path({str(data)!r}), content=content,
                          config_dir=Path({str(tmp_path / "config")!r}))

        async def main():
            async with app.run_test(size=(80, 24)) as pilot:
                for key in ("2", "3", "4", "s", "1"):
                    await pilot.press(key)
                    await pilot.pause(0.2)
        asyncio.run(main())
        print(sorted(m for m in sys.modules
                     if m.startswith(("pydantic", "annotated_types", "rich._emoji_codes",
                                      "_hashlib"))))
    """)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, env=env, timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[-1] == "[]"
