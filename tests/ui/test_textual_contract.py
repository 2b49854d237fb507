"""What `tui.widgets._textual_compat` assumes of Textual's private names, checked on every
Textual bump: if one of these fails, the compat module is the one place to change."""

from __future__ import annotations

import inspect
import pathlib
import re

import pytest
from textual import events
from textual.app import App, ComposeResult
from textual.geometry import Size
from textual.reactive import Reactive
from textual.screen import Screen
from textual.widgets import DataTable, Input, OptionList, Static, TabbedContent, TabPane

from tui.widgets import _textual_compat as compat

ROOT = pathlib.Path(__file__).resolve().parents[2]


def test_app_has_a_fatal_error_hook_called_from_handle_exception() -> None:
    assert callable(App._fatal_error)
    assert "self._fatal_error()" in inspect.getsource(App._handle_exception)
    assert "show_locals=True" in inspect.getsource(App._fatal_error)  # why we replace it


def test_the_driver_writes_raw_strings() -> None:
    from textual.driver import Driver

    assert "_driver" in inspect.getsource(App.__init__)
    assert list(inspect.signature(Driver.write).parameters) == ["self", "data"]


def test_data_table_sizes_itself_in_update_dimensions() -> None:
    params = list(inspect.signature(DataTable._update_dimensions).parameters)
    assert params == ["self", "new_rows"]
    for name in ("_row_label_column_width", "_total_row_height"):
        assert hasattr(DataTable, name), name


def test_data_table_forgets_its_rows_on_resize_and_restyle() -> None:
    """What FixedSizeDataTable's `_on_resize`, `notify_style_update` and `render_lines`
    stand in for."""
    assert "_on_resize" in vars(DataTable)
    assert "self._update_count += 1" in inspect.getsource(DataTable._on_resize)
    restyle = inspect.getsource(DataTable.notify_style_update)
    assert "_row_render_cache.clear()" in restyle and "super().notify_style_update()" in restyle
    clear = inspect.getsource(DataTable._clear_caches)
    for cache in ("_row_render_cache", "_cell_render_cache", "_line_cache", "_styles_cache"):
        assert f"{cache}.clear()" in clear, cache
    assert callable(DataTable._get_styles_to_render_cell.cache_clear)
    keys = inspect.getsource(DataTable._render_line_in_row) + inspect.getsource(
        DataTable._render_line)
    assert keys.count("self._pseudo_class_state,") == 2  # rows cached per focus state


def test_option_list_clears_its_wrapping_on_resize() -> None:
    assert callable(OptionList._on_resize)  # a default handler a subclass's can prevent
    assert "_on_resize" in vars(OptionList)


def test_input_draws_its_value_from_the_value_property() -> None:
    assert isinstance(inspect.getattr_static(Input, "_value"), property)
    assert "self._value" in inspect.getsource(Input)
    assert callable(Input._toggle_cursor)


def test_screen_focused_is_a_reactive_we_can_redeclare() -> None:
    assert isinstance(inspect.getattr_static(Screen, "focused"), Reactive)


async def test_the_compat_classes_behave_as_assumed() -> None:
    """The fixed-size table sizes itself from its columns; the steady list ignores a Resize
    to the size it already wrapped for; the glyph input draws what `shown` gives."""
    table_class = compat.FixedSizeDataTable

    class Probe(App[None]):
        def compose(self) -> ComposeResult:
            table = table_class()
            table.add_column("a", width=4)
            table.add_column("b", width=6)
            table.add_rows([("1", "2"), ("3", "4")])
            yield table
            yield compat.SteadyOptionList("x", "y")

            class Shout(compat.GlyphInput):
                shown = staticmethod(str.upper)

            yield Shout("abc")

    app = Probe()
    async with app.run_test(size=(40, 12)) as pilot:
        await pilot.pause()
        table = app.query_one(DataTable)
        assert table.virtual_size.width == sum(c.get_render_width(table)
                                               for c in table.columns.values())
        assert table.virtual_size.height == 2 + 1  # two rows and the header
        options = app.query_one(compat.SteadyOptionList)
        size = options._wrapped_for
        assert isinstance(size, Size)
        event = events.Resize(size, size)
        options._on_resize(event)
        assert event._no_default_action  # the cache is kept for the same size
        shout = app.query_one(compat.GlyphInput)
        assert shout._value.plain == "ABC"


def _table_and_input(css: str, rows: int) -> App[None]:
    """An app with a one-column FixedSizeDataTable of `rows` rows above an Input."""

    class Probe(App[None]):
        CSS = css

        def compose(self) -> ComposeResult:
            table = compat.FixedSizeDataTable(cursor_type="row")
            table.add_column("a", width=4)
            table.add_rows([(str(n),) for n in range(rows)])
            yield table
            yield Input()

    return Probe()


async def test_the_fixed_size_table_keeps_its_rows_until_its_look_changes() -> None:
    """Focus in and out, and a Resize to the same size, keep the rendered rows; a new cursor
    colour (the base style unchanged) or a new theme draws them again."""

    app = _table_and_input("DataTable.hot > .datatable--cursor { background: #ff0000; }", 5)
    async with app.run_test(size=(40, 12)) as pilot:
        table = app.query_one(DataTable)
        table.focus()
        await pilot.pause()
        drawn = dict(table._row_render_cache)
        assert drawn
        app.query_one(Input).focus()
        await pilot.pause()
        table.focus()
        await pilot.pause()
        event = events.Resize(table.size, table.size)
        table._on_resize(event)
        assert event._no_default_action
        assert all(key in table._row_render_cache for key in drawn)
        table.add_class("hot")
        await pilot.pause()
        await pilot.pause()
        assert any(table._row_render_cache.get(key) != rows for key, rows in drawn.items())
        assert "#ff0000" in app.export_screenshot()
        drawn = dict(table._row_render_cache)
        before = app.export_screenshot()
        app.theme = "textual-light" if app.theme != "textual-light" else "nord"
        await pilot.pause()
        await pilot.pause()
        assert any(table._row_render_cache.get(key) != rows for key, rows in drawn.items())
        assert app.export_screenshot() != before


async def test_the_fixed_size_table_redraws_its_scrollbar_only_when_something_moved() -> None:
    """A layout elsewhere on the screen leaves the table's scrollbar alone (stock ScrollView
    redraws it each time: a second frame on a switch to the Log); rows added beyond the
    height, and a smaller terminal, still bring the scrollbar up to date."""

    class Probe(App[None]):
        CSS = "DataTable { height: 1fr; }"

        def compose(self) -> ComposeResult:
            table = compat.FixedSizeDataTable(cursor_type="row")
            table.add_column("a", width=4)
            table.add_rows([(str(n),) for n in range(3)])
            yield Static("x", id="other")
            yield table

    app = Probe()
    async with app.run_test(size=(40, 12)) as pilot:
        table = app.query_one(DataTable)
        await pilot.pause()
        assert not table.show_vertical_scrollbar
        table.add_rows([(str(n),) for n in range(40)])
        await pilot.pause()
        await pilot.pause()
        assert table.show_vertical_scrollbar
        assert table.vertical_scrollbar.window_virtual_size == 44  # the header and 43 rows
        refreshed: list[object] = []
        original = table.vertical_scrollbar.refresh

        def counting(*args: object, **kwargs: object) -> object:
            refreshed.append(args)
            return original(*args, **kwargs)

        table.vertical_scrollbar.refresh = counting  # type: ignore[method-assign]
        other = app.query_one("#other", Static)
        for text in ("y", "z"):
            other.update(text)
            await pilot.pause()
        assert refreshed == []  # two layouts, nothing about the table moved
        window = table.vertical_scrollbar.window_size
        await pilot.resize_terminal(40, 8)
        await pilot.pause()
        assert refreshed and table.vertical_scrollbar.window_size < window


async def test_the_fixed_size_tables_scrollbar_is_drawn_again_only_when_its_look_changes() -> None:
    """Focus in and out restyles the table and sets its scrollbar colours to the same values:
    the bar is not drawn again. A scroll, and a real change of colour, still draw it."""

    app = _table_and_input("DataTable.hot { scrollbar-color: #ff0000; }", 40)
    async with app.run_test(size=(40, 12)) as pilot:
        table = app.query_one(DataTable)
        for widget in (app.query_one(Input), table):  # the Input's first focus lays it out
            widget.focus()
            await pilot.pause()
        bar = table.vertical_scrollbar
        assert type(bar).__name__ == "SteadyScrollBar" and table.show_vertical_scrollbar
        drawn: list[object] = []
        original = bar.render

        def counting() -> object:
            drawn.append(None)
            return original()

        bar.render = counting  # type: ignore[method-assign]
        for _ in range(2):
            app.query_one(Input).focus()
            await pilot.pause()
            table.focus()
            await pilot.pause()
        await pilot.pause()
        assert drawn == []
        table.scroll_end(animate=False, immediate=True)
        await pilot.pause()
        await pilot.pause()
        assert len(drawn) == 1
        table.add_class("hot")
        await pilot.pause()
        await pilot.pause()
        assert len(drawn) == 2
        assert "#ff0000" in app.export_screenshot()


def test_the_compositor_renders_through_get_renders_and_visible_widgets() -> None:
    """What `narrow_compositor` relies on: the screen keeps its Compositor in `_compositor`,
    partial updates render through `_get_renders(crop)`, which reads `visible_widgets`."""
    from textual._compositor import Compositor

    assert "self._compositor = Compositor()" in inspect.getsource(Screen.__init__)
    assert list(inspect.signature(Compositor._get_renders).parameters) == ["self", "crop"]
    assert "self.visible_widgets" in inspect.getsource(Compositor._get_renders)
    assert "self._get_renders(crop)" in inspect.getsource(Compositor._render_chops)
    assert isinstance(inspect.getattr_static(Compositor, "visible_widgets"), property)


def _painted(text: str, width: int, height: int) -> list[list[object]]:
    """Every cell (character, colours, attributes) of a blank terminal after `text`."""
    import pyte

    screen = pyte.Screen(width, height)
    pyte.Stream(screen).feed(text)
    return [[screen.buffer[y][x] for x in range(width)] for y in range(height)]


async def test_the_narrow_compositor_writes_what_textuals_writes() -> None:
    """For a change anywhere (a glyph, a line, a corner), the narrow compositor's partial
    update paints the same screen as Textual's own, in no more bytes (it skips widgets hidden
    behind others, so a cursor move to a cell nobody writes may go), and it renders fewer
    widgets for a small change."""
    from rich.console import Console
    from textual._compositor import Compositor
    from textual.containers import Horizontal, Vertical
    from textual.geometry import Region
    from textual.widgets import Digits, Footer, Header, Label

    class Probe(App[None]):
        def compose(self) -> ComposeResult:
            yield Header()
            with Horizontal():
                yield Digits("12:34", id="d")
                with Vertical():
                    yield Label("headline", id="h")
                    yield Static("line " * 20, id="s")
            yield Static("the guide\n" * 6)
            yield Footer()

    app = Probe()
    async with app.run_test(size=(60, 20)) as pilot:
        await pilot.pause()
        screen = app.screen
        console = Console(width=60, height=20, force_terminal=True, color_system="truecolor",
                          legacy_windows=False)
        changes = [app.query_one("#d").region, app.query_one("#h").region,
                   Region(58, 18, 2, 2), Region(0, 0, 60, 20), app.query_one("#s").region]
        fewer = []
        for change in changes:
            rendered, counts = [], []
            for compositor in (Compositor(), compat._NarrowCompositor()):
                compositor.reflow(screen, screen.size)
                compositor._dirty_regions.clear()  # the reflow marked everything
                compositor._dirty_regions.add(change)
                seen: list[object] = []
                original = compositor._get_renders

                def spy(crop: Region | None = None, original=original, seen=seen):
                    renders = list(original(crop))
                    seen.extend(renders)
                    return renders

                compositor._get_renders = spy  # type: ignore[method-assign]
                update = compositor.render_partial_update()
                assert update is not None
                rendered.append(update.render_segments(console))
                counts.append(len(seen))
            assert _painted(rendered[0], 60, 20) == _painted(rendered[1], 60, 20), change
            assert len(rendered[1]) <= len(rendered[0])
            assert counts[1] <= counts[0]
            fewer.append(counts[1] < counts[0])
        assert fewer[0] and fewer[2] and not fewer[3]  # a glyph, a corner; the whole screen


def test_no_private_textual_name_outside_the_compat_module() -> None:
    """`_textual_compat` is the one door: no other module imports from a private Textual
    module or reaches for a private Textual attribute the table above lists."""
    private = re.compile(
        r"from textual[\w.]*\._\w+ import|textual\.\w+\._\w+|\._driver\b|\b_fatal_error\b|"
        r"\b_update_dimensions\b|\b_on_resize\b|\b_toggle_cursor\b|\b_value\b|"
        r"\b_compositor\b|\b_get_renders\b|\b_clear_caches\b|\b_size_updated\b|"
        r"\b_vertical_scrollbar\b|\b_start_widget\b"
    )
    offenders = []
    for path in (ROOT / "tui").rglob("*.py"):
        if path.name == "_textual_compat.py":
            continue
        for number, line in enumerate(path.read_text().splitlines(), start=1):
            if private.search(line):
                offenders.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()}")
    assert offenders == []


@pytest.mark.parametrize("name", compat.__all__)
def test_every_compat_name_is_there(name: str) -> None:
    assert getattr(compat, name) is not None


async def test_the_tab_underline_is_placed_where_textual_then_moves_it() -> None:
    """`place_tab_underline` puts the underline under a tab before the switch's frame; after
    the switch, Textual's own move (after a refresh) finds it already there."""

    class Probe(App[None]):
        def compose(self) -> ComposeResult:
            with TabbedContent():
                for name in ("one", "two wide", "three"):
                    with TabPane(name, id=name.split()[0]):
                        yield Static(name)

    app = Probe()
    app.animation_level = "none"
    async with app.run_test(size=(60, 10)) as pilot:
        await pilot.pause()
        tabs = app.query_one(TabbedContent)
        underline = tabs.query_one("Underline")
        compat.place_tab_underline(tabs, "three")
        placed = (underline.highlight_start, underline.highlight_end)
        assert placed[0] > 0 and placed[1] > placed[0]
        tabs.active = "three"
        await pilot.pause()
        await pilot.pause()
        assert (underline.highlight_start, underline.highlight_end) == placed


def test_a_strip_builds_its_caches_from_the_fifo_cache_of_its_module() -> None:
    """What `lean_strip_caches` relies on: Strip makes its caches by calling the name
    `FIFOCache` in textual.strip, and reads and writes them only through get, [] and set."""
    from textual import strip
    from textual.cache import FIFOCache

    init = inspect.getsource(strip.Strip.__init__)
    assert init.count("= FIFOCache(") == 7
    source = inspect.getsource(strip.Strip)
    assert "._cache" not in source.replace("_cache.get(", "").replace("_cache[", "")
    assert not {"hits", "misses", "_maxsize"} & set(re.findall(r"\w+", source))
    assert not re.search(r"isinstance\(self\._\w+_cache", source)
    assert {"get", "set", "__setitem__", "__getitem__", "__contains__", "clear", "__len__",
            "__bool__", "keys"} >= {name for name in vars(FIFOCache)
                                    if callable(vars(FIFOCache)[name]) and name != "__init__"
                                    and name not in ("__repr__",)}


def test_lean_strip_caches_behave_as_textuals_and_share_no_contents() -> None:
    from rich.segment import Segment
    from rich.style import Style
    from textual import strip
    from textual.cache import FIFOCache

    compat.lean_strip_caches()
    a = strip.Strip([Segment("hello "), Segment("world", Style(bold=True))])
    b = strip.Strip([Segment("other line")])
    assert isinstance(a._crop_cache, compat._LineCache)
    assert (a._crop_cache.maxsize, a._divide_cache.maxsize) == (16, 4)  # Textual's sizes
    assert a._crop_cache._cache is b._crop_cache._cache  # both still empty: one shared map
    assert a.crop(1, 8) is a.crop(1, 8)  # cached, as before
    assert b._crop_cache.get((1, 8)) is None and len(b._crop_cache) == 0
    assert a.divide([3, 11]) is a.divide([3, 11])
    assert [s.text for s in a.divide([3, 11])] == ["hel", "lo world"]
    cache = compat._line_cache(2)
    reference = FIFOCache(2)
    for key in ("x", "y", "z", "y"):
        cache[key] = reference[key] = key.upper()
    assert list(cache.keys()) == list(reference.keys()) == ["y", "z"]
    assert "x" not in cache and cache["z"] == "Z" and cache.get("q", 5) == 5
    assert cache and len(cache) == 2 and cache.get("y") == reference.get("y") == "Y"
    with pytest.raises(KeyError):
        cache["x"]
    cache.clear()
    assert len(cache) == 0 and not cache and cache._cache is b._crop_cache._cache
    with pytest.raises(TypeError):  # the shared empty map cannot be written to by mistake
        b._crop_cache._cache["k"] = 1
    assert type(compat._line_cache(2)) is type(cache)  # one class per size


def test_the_key_name_tables_give_textuals_answers() -> None:
    """`tui.widgets.key_names` answers from tables what Textual finds in Unicode's name
    database: the same display and the same typed character for every name it knows, every
    printable ASCII character and keys with modifiers."""
    import string

    from textual.binding import Binding
    from textual.keys import _character_to_key, format_key, key_to_character

    from tui.widgets import key_names

    assert key_names.SYMBOLS == {_character_to_key(c): c for c in string.punctuation}
    names = sorted(key_names.NAMED_KEYS) + list(string.printable.strip())
    for name in names:
        assert key_names.key_glyph(name) == format_key(name), name
        assert key_names.key_character(name) == key_to_character(name), name
    app = App[None]()
    for key in [*names, "ctrl+s", "shift+tab", "ctrl+shift+up", "alt+x", "ctrl+question_mark",
                "ctrl+minus", "super+f1", "eacute", "+"]:
        binding = Binding(key, "noop")
        assert key_names.key_display(binding) == App.get_key_display(app, binding), key
        assert key_names.key_character(key) == key_to_character(key), key
    assert key_names.key_display(Binding("x", "noop", key_display="X!")) == "X!"


async def test_the_binding_chain_asks_the_screens_key_to_character() -> None:
    """What `plain_key_characters` relies on: when a widget that takes typed text has the
    focus, the screen's binding chain asks the name `key_to_character` in textual.screen
    about the keys bound above it, and drops those the widget would take."""
    from textual import screen as screen_module
    from textual.binding import Binding

    asked: list[str] = []

    def spy(key: str) -> str | None:
        asked.append(key)
        return key if len(key) == 1 else None

    class Probe(App[None]):
        BINDINGS = [Binding("x", "noop", "X"), Binding("f5", "noop", "F5")]

        def compose(self) -> ComposeResult:
            yield Input()

    original = screen_module.key_to_character
    compat.plain_key_characters(spy)
    try:
        app = Probe()
        async with app.run_test() as pilot:
            await pilot.pause()
            chain = app.screen._binding_chain
            assert {"x", "f5"} <= set(asked)
            keys = {key for _node, bindings in chain for key in bindings.key_to_bindings}
            assert "f5" in keys and "x" not in keys  # the input takes "x" as text
    finally:
        compat.plain_key_characters(original)


def test_textual_styles_component_classes_through_fresh_nodes() -> None:
    """What `restyle_components_in_place` replaces: a node per component class, attached
    under the widget, styled by `apply`, kept in `_component_styles`, and a refresh when
    any component's styles changed."""
    source = inspect.getsource(compat._TEXTUALS_RESTYLE)
    for part in ("node._get_component_classes()", "DOMNode(classes=component)",
                 "virtual_node._attach(node)", "self.apply(virtual_node, animate=False)",
                 "node._component_styles[component] = virtual_node.styles", "node.refresh()"):
        assert part in source, part


async def test_components_are_restyled_in_place_as_textual_would() -> None:
    """A table's component styles follow its focus as Textual's own would style them, on the
    same nodes each time; a restyle that changes nothing refreshes nothing."""
    from textual.css.stylesheet import Stylesheet

    compat.restyle_components_in_place()
    assert Stylesheet._process_component_classes is compat._restyle_components

    class Probe(App[None]):
        def compose(self) -> ComposeResult:
            table = DataTable()
            table.add_columns("a", "b")
            table.add_rows([("1", "2"), ("3", "4")])
            yield table
            yield Input()

    def rules(widget: DataTable) -> dict[str, object]:
        return {name: (styles.base.get_rules(), styles.inline.get_rules())
                for name, styles in widget._component_styles.items()}

    app = Probe()
    async with app.run_test() as pilot:
        table = app.query_one(DataTable)
        table.focus()
        await pilot.pause()
        nodes = dict(table.__dict__["_footpain_component_nodes"])
        assert set(nodes) == set(table._component_styles) == table._get_component_classes()
        focused = rules(table)
        app.query_one(Input).focus()
        await pilot.pause()
        assert table.__dict__["_footpain_component_nodes"] == nodes  # the same nodes
        blurred = rules(table)
        assert blurred != focused  # the cursor's colours follow the focus
        compat._TEXTUALS_RESTYLE(app.stylesheet, table)  # Textual's, on fresh nodes
        assert rules(table) == blurred
        refreshes: list[object] = []
        table.refresh = lambda *args, **kwargs: refreshes.append(args)  # type: ignore[method-assign]
        compat._restyle_components(app.stylesheet, table)  # Textual's nodes: taken back
        assert rules(table) == blurred and len(refreshes) == 0
        compat._restyle_components(app.stylesheet, table)  # kept nodes, nothing changed
        assert rules(table) == blurred and refreshes == []
        assert all(table._component_styles[name] is node.styles
                   for name, node in table.__dict__["_footpain_component_nodes"].items())


def test_a_line_cache_never_keeps_its_own_line() -> None:
    """Textual would cache `[self]` (a line cut only at its end) and `self` (a line already
    the length asked for): a reference cycle per line. The lean caches keep every other
    result, and the line gives the same answers."""
    from rich.segment import Segment
    from textual import strip

    compat.lean_strip_caches()
    line = strip.Strip([Segment("hello")])
    assert line.divide([5]) == [line] and line.divide([5])[0] is line
    assert line.adjust_cell_length(5) is line
    assert line.crop_extend(0, 5, None) is line
    caches = [getattr(line, name) for name in strip.Strip.__slots__ if name.endswith("_cache")
              and isinstance(getattr(line, name), compat._LineCache)]
    assert len(caches) == 7 and all(len(cache) == 0 for cache in caches)
    pieces = line.divide([2, 5])
    assert [piece.text for piece in pieces] == ["he", "llo"] and line.divide([2, 5]) is pieces
    longer = line.adjust_cell_length(7)
    assert longer.text == "hello  " and line.adjust_cell_length(7) is longer


async def test_a_component_rule_that_stops_matching_leaves_no_style_behind() -> None:
    """A component styled only while its widget has the focus goes back to no rules at all
    on blur, as on Textual's fresh nodes (`apply` sets nothing when no rule matches)."""
    from textual.widget import Widget

    compat.restyle_components_in_place()

    class Probe(Widget, can_focus=True):
        COMPONENT_CLASSES = {"probe--x"}
        DEFAULT_CSS = "Probe:focus > .probe--x { color: red; }"

    class ProbeApp(App[None]):
        def compose(self) -> ComposeResult:
            yield Probe()
            yield Input()

    app = ProbeApp()
    async with app.run_test() as pilot:
        probe = app.query_one(Probe)
        probe.focus()
        await pilot.pause()
        assert "color" in probe._component_styles["probe--x"].base.get_rules()
        app.query_one(Input).focus()
        await pilot.pause()
        assert probe._component_styles["probe--x"].base.get_rules() == {}
        compat._TEXTUALS_RESTYLE(app.stylesheet, probe)
        assert probe._component_styles["probe--x"].base.get_rules() == {}
