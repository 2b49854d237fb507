"""The one door to Textual's private names.

footpain leans on a handful of Textual internals, each for a measured reason given below.
Every private name is used here and nowhere else, and `tests/ui/test_textual_contract.py`
checks that each still exists and behaves as assumed, so a Textual upgrade that moves one
fails in one place, with its name, instead of somewhere in a tab.

| private name                     | what for                                              |
|----------------------------------|-------------------------------------------------------|
| `App._driver.write`              | terminal title and desktop notifications (escapes)    |
| `App._fatal_error`               | no local variables (the journal) in a crash report    |
| `DataTable._update_dimensions`   | size a fixed-width table without measuring each cell  |
| `OptionList._on_resize`          | keep wrapped lines when a tab is shown again          |
| `DataTable._on_resize`           | keep rendered rows when the Log tab is shown again    |
| `ScrollView._size_updated`       | no second frame of scrollbar after each layout        |
| `Widget._vertical_scrollbar`,    | a table scrollbar not drawn again when its look is    |
| `App._start_widget`              | unchanged (a restyle on focus sent a second frame)    |
| `DataTable._clear_caches`,       | keep rendered rows when the table gains or loses the  |
| `._get_styles_to_render_cell`    | focus (it is restyled then), unless its look changed  |
| `Input._value`                   | draw control characters in a value as glyphs          |
| `Input._toggle_cursor`           | tests: a cursor that never blinks (stable snapshots)  |
| `Screen.focused` (a Reactive)    | no whole-screen repaint when the focus moves          |
| `Underline.highlight_start/_end` | the tab underline moved in the switch's one frame     |
| `Screen._compositor`,            | a 1 Hz tick renders the widgets under the change, not |
| `Compositor._get_renders`        | every widget on screen                                |
| `textual.strip.FIFOCache`        | a line's seven caches: one slot, no dict until used   |
| `textual.screen.key_to_character`| no Unicode name lookups when the focus moves          |
| `Stylesheet._process_component_classes`, | a restyle updates a widget's component styles |
| `DOMNode._component_styles`, `._attach`  | in place, instead of building new nodes       |
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from types import MappingProxyType
from typing import Any

from rich.text import Text
from textual import events
from textual import screen as _screen
from textual import strip as _strip
from textual._compositor import Compositor
from textual.app import App
from textual.css.query import NoMatches
from textual.css.stylesheet import Stylesheet
from textual.dom import DOMNode
from textual.geometry import Region, Size
from textual.reactive import Reactive
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Input, OptionList, TabbedContent

__all__ = [  # noqa: F822 - FixedSizeDataTable is built on first use (module __getattr__)
    "FixedSizeDataTable", "GlyphInput", "SteadyOptionList", "install_fatal_error_handler",
    "lean_strip_caches", "narrow_compositor", "place_tab_underline", "plain_key_characters",
    "quiet_focus", "restyle_components_in_place",
    "stop_cursor_blink", "write_to_terminal",
]


def write_to_terminal(app: App[Any], sequence: str) -> bool:
    """Send raw escape sequences to the terminal through Textual's driver, as Textual's own
    `copy_to_clipboard` does; False when there is no driver (headless, closing down)."""
    driver = app._driver
    if driver is None:
        return False
    driver.write(sequence)
    return True


_VACANT: Any = MappingProxyType({})
"""The contents of every line cache nothing was put in yet: shared, and read-only, so a write
that bypassed `_LineCache.set` would fail loudly instead of filling everyone's cache."""


class _LineCache:
    """What a Strip needs of Textual's FIFOCache, in one slot, with its dict made on the first
    `set`.

    Every Strip (a rendered line) makes seven caches (crop, divide, style, ...), and most are
    never used: 1,750 lines alive after the four tabs held 12,000 empty dicts (0.8 MiB), and
    each line drawn built seven more. A FIFOCache also keeps its size and hit counts in each
    object (72 bytes without the dict); here the size is the class's and there are no
    counts (48 bytes), which is another 0.3 MiB over the 12,000. Behaviour is FIFOCache's:
    when full, the oldest key goes.

    One difference: a line's cache never keeps the line itself. Textual caches `[self]` for a
    line cut only at its end, and `self` for one already the length asked for, and a line
    that refers to itself is a reference cycle: when it is dropped, only a full garbage
    collection frees it, with every line cached in it. Not kept, it is worked out again at
    the next call, which is a comparison of lengths."""

    __slots__ = ("_cache",)
    maxsize = 4

    def __init__(self) -> None:
        self._cache: dict[Any, Any] = _VACANT

    def get(self, key: Any, default: Any = None) -> Any:
        return self._cache.get(key, default)

    def __getitem__(self, key: Any) -> Any:
        return self._cache[key]

    def __contains__(self, key: Any) -> bool:
        return key in self._cache

    def __len__(self) -> int:
        return len(self._cache)

    def __bool__(self) -> bool:
        return bool(self._cache)

    def keys(self) -> Any:
        return self._cache.keys()

    def set(self, key: Any, value: Any) -> None:
        line = value[0] if type(value) is list and len(value) == 1 else value
        if type(line) is _strip.Strip and self in (
            line._divide_cache, line._line_length_cache, line._crop_extend_cache,
            line._crop_cache, line._style_cache, line._filter_cache, line._offsets_cache,
        ):
            return  # the line itself (see above)
        cache = self._cache
        if cache is _VACANT:
            self._cache = {key: value}
            return
        if key not in cache and len(cache) >= self.maxsize:
            del cache[next(iter(cache))]
        cache[key] = value

    __setitem__ = set

    def clear(self) -> None:
        self._cache = _VACANT


_LINE_CACHES: dict[int, type[_LineCache]] = {}


def _line_cache(maxsize: int) -> _LineCache:
    """A `_LineCache` holding up to `maxsize` keys (a class per size: 4 and 16 in Strip)."""
    kind = _LINE_CACHES.get(maxsize)
    if kind is None:
        kind = _LINE_CACHES[maxsize] = type(
            f"_LineCache{maxsize}", (_LineCache,), {"__slots__": (), "maxsize": maxsize})
    return kind()


def lean_strip_caches() -> None:
    """Make every Strip built from now on use `_line_cache` for its caches (Strip calls the
    name FIFOCache in its module's namespace when it is built). Idempotent."""
    _strip.FIFOCache = _line_cache  # type: ignore[misc,assignment]


def plain_key_characters(key_character: Callable[[str], str | None]) -> None:
    """Make the screens' binding chain ask `key_character` which character a key types.

    Whenever the focus moves, `Screen._binding_chain` calls `key_to_character` (its module's
    own name for `textual.keys.key_to_character`) for each key bound above a widget that
    takes typed text; Textual's answers come from Unicode's name database
    (`tui.widgets.key_names`)."""
    _screen.key_to_character = key_character  # type: ignore[attr-defined]


def _restyle_components(stylesheet: Stylesheet, node: DOMNode) -> None:
    """`Stylesheet._process_component_classes`, keeping each component's node.

    Textual styles a widget's component classes ("datatable--cursor", ...) by building a
    node for each, attaching it under the widget and applying the stylesheet to it; the
    widget then reads the node's styles. It builds new ones whenever the widget is restyled,
    which is every time it gains or loses the focus, and each of those nodes is a knot of
    forty-odd objects that only a full garbage collection frees: a switch to each tab left
    48 of them, which is why memory grew by 1.7 MiB over the first ten rounds of switching.
    Here each component keeps its node and the stylesheet is applied to it again; as in
    Textual, the widget is refreshed if any component's rules changed."""
    components = node._get_component_classes()
    if not components:
        return
    kept: dict[str, DOMNode] = node.__dict__.setdefault("_footpain_component_nodes", {})
    current = node._component_styles
    changed = False
    styles = {}
    for component in sorted(components):
        virtual = kept.get(component)
        if virtual is None or current.get(component) is not virtual.styles:
            before = current.get(component)
            virtual = kept[component] = DOMNode(classes=component)
            virtual._attach(node)
            stylesheet.apply(virtual, animate=False)
            changed = changed or before != virtual.styles
        else:
            rules = virtual.styles.base.get_rules(), virtual.styles.inline.get_rules()
            virtual.styles.base.reset()  # `apply` sets nothing when no rule matches any more
            stylesheet.apply(virtual, animate=False)
            changed = changed or rules != (virtual.styles.base.get_rules(),
                                           virtual.styles.inline.get_rules())
        styles[component] = virtual.styles
    current.clear()
    current.update(styles)
    if changed:
        node.refresh()


_TEXTUALS_RESTYLE = Stylesheet._process_component_classes
"""Textual's own, for the contract test."""


def restyle_components_in_place() -> None:
    """Install `_restyle_components` as every stylesheet's way to style component classes.
    Idempotent."""
    Stylesheet._process_component_classes = _restyle_components  # type: ignore[method-assign]


def install_fatal_error_handler(app_class: type[App[Any]], handler: Callable[[Any], None]) -> None:
    """Make `handler(app)` the app's report of an exception nobody handled.

    Textual's `App._fatal_error` prints a Rich traceback with `show_locals=True`, which here
    would print the runner's notes and pain scores to the terminal. It is called inside the
    `except` block of `App._handle_exception`, after the return code was set to 1, so the
    handler can read `sys.exc_info()`."""
    app_class._fatal_error = handler  # type: ignore[method-assign]


def quiet_focus() -> Reactive[Widget | None]:
    """A `Screen.focused` that does not repaint the whole screen when the focus moves.

    Textual declares `focused` as a Reactive that repaints the screen on change, on top of
    restyling the two widgets involved (which repaint themselves). Over SSH the whole screen
    is 4-5 KB for every tab switch and every Tab key in a form."""
    return Reactive(None, repaint=False)


class _NarrowCompositor(Compositor):
    """A Compositor whose partial updates render only the rows of the change, and only the
    widgets that show there.

    For a partial update Textual renders every widget whose clip (its container's area)
    overlaps the changed region, each in full: the clip of anything directly on the screen
    is the whole screen, so a countdown's last glyph changing rendered 18 widgets, header,
    tab bar and key bar included, and every container around the glyph all of its rows.
    Only the lines inside the change are kept (`_render_chops` skips the rest), so this
    renders each widget whose visible part meets the change, for the change's rows only,
    and writes the same bytes. Widgets are painted front to back and the first one to cover
    a cell wins, so one whose part in the change lies inside a widget already rendered is
    skipped: a countdown's last glyph no longer renders the six or seven containers around it
    (~0.1 ms each a second). A full update (`crop` None) is Textual's own."""

    def _get_renders(self, crop: Region | None = None) -> Iterable[Any]:
        if crop is None:
            return super()._get_renders(crop)
        top, bottom, overlaps = crop.y, crop.bottom, crop.overlaps
        renders: list[tuple[Region, Region, Any]] = []
        for widget, (region, clip) in self.visible_widgets.items():  # front to back
            shown = region.intersection(clip)
            if not overlaps(shown):
                continue
            needed = shown.intersection(crop)
            if any(front.contains_region(needed) for front, _, _ in renders):
                continue  # hidden there by a widget in front: its cells would be dropped
            y0, y1 = max(shown.y, top), min(shown.bottom, bottom)
            rows = Region(shown.x, y0, shown.width, y1 - y0)
            strips = widget.render_lines(
                Region(shown.x - region.x, y0 - region.y, shown.width, y1 - y0))
            renders.append((rows, rows, strips))
        return renders


def narrow_compositor(screen: Screen[Any]) -> None:
    """Give `screen` (from its `__init__`) a compositor that renders only what changed."""
    screen._compositor = _NarrowCompositor()


def place_tab_underline(tabs: TabbedContent, pane_id: str) -> None:
    """Put the tab bar's underline under `pane_id`'s tab now, before the frame that shows the
    switch. Textual's Tabs moves it only after the next refresh (it waits for the layout), so
    every switch cost a second frame that repainted the underline's row (about 300 bytes).
    The tabs never change width, so their regions are known already; Textual's own move, when
    it comes, finds the values in place and repaints nothing. Skipped while animations are on
    (the underline then slides) and whenever a part is missing."""
    if tabs.app.animation_level != "none":
        return
    try:
        tab = tabs.get_tab(pane_id)
        underline = tabs.query_one("Underline")
    except (NoMatches, ValueError):
        return
    if not tab.region:  # not laid out yet (the first frame): leave it to Textual
        return
    start, end = tab.virtual_region.shrink(tab.styles.gutter).column_span
    underline.highlight_start = start  # type: ignore[attr-defined]
    underline.highlight_end = end  # type: ignore[attr-defined]


def _fixed_size_data_table() -> type:
    """`FixedSizeDataTable`, built on first use: importing DataTable costs start-up time
    and only the Log tab needs it."""
    from textual.scrollbar import ScrollBar
    from textual.strip import Strip
    from textual.widgets import DataTable
    from textual.widgets.data_table import RowKey

    class SteadyScrollBar(ScrollBar):
        """A scrollbar that is not drawn again when it would look the same.

        Textual sets all seven scrollbar colours of a widget each time it is restyled, even
        to the values they had, and each set redraws the scrollbars. A table is restyled when
        it gains or loses the focus, which on a switch to the Log happens in the same turn
        as the switch's layout; the scrollbar's redraw then reached the screen after that
        frame and went out as a second one (236 bytes, ~25 ms later), identical to what the
        first had just drawn.

        A redraw asked for while the bar looks as last drawn is checked again once the
        current restyle is over (some of its other rules may still be coming), and only
        then is the bar drawn if something changed."""

        _drawn: object = None
        _settling = False

        @staticmethod
        def _described(bar: object) -> object:
            """A bar's renderable as a value: its kind and everything it draws with."""
            return type(bar), dict(getattr(bar, "__dict__", {}))

        def _look(self) -> object:
            """What `render` would draw, without the size (a new size comes with a layout,
            which draws the bar anyway; a hidden bar's size is zero)."""
            return self._described(ScrollBar.render(self))

        def render(self) -> Any:
            bar = super().render()
            self._drawn = self._described(bar)
            return bar

        def refresh(self, *regions: Region, repaint: bool = True, layout: bool = False,
                    recompose: bool = False) -> Any:
            if (regions or layout or recompose or not repaint or self._drawn is None
                    or self.parent is None or not self.is_mounted
                    or self._drawn != self._look()):
                return super().refresh(*regions, repaint=repaint, layout=layout,
                                       recompose=recompose)
            if not self._settling:
                self._settling = True
                self.call_later(self._settle)
            return self

        def _settle(self) -> None:
            self._settling = False
            if self.parent is not None and self.is_mounted and self._drawn != self._look():
                super().refresh()

    class FixedSizeDataTable(DataTable[Any]):
        """A DataTable that sizes itself without measuring cells when no column is auto-width.

        DataTable's `_update_dimensions` measures every new cell to size auto-width columns;
        with fixed widths that work is thrown away, and for 3,650 rows it took over a
        second."""

        _drawn_for: Size | None = None
        _restyled = False
        _scrolled_for: tuple[Size, Size, Size] | None = None

        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._looks: dict[object, tuple[object, ...]] = {}
            """The look each focus state's cached rows were drawn with."""

        def _update_dimensions(self, new_rows: Iterable[RowKey]) -> None:
            if any(column.auto_width for column in self.columns.values()):
                super()._update_dimensions(new_rows)
                return
            data_width = sum(column.get_render_width(self) for column in self.columns.values())
            header = self.header_height if self.show_header else 0
            self.virtual_size = Size(
                data_width + self._row_label_column_width, self._total_row_height + header
            )

        def _on_resize(self, event: events.Resize) -> None:
            """Keep the rendered rows when the size is the one they were drawn for.

            DataTable forgets every rendered row on each Resize event, and a tab being shown
            again sends one even when nothing changed size: each switch to the Log then
            rendered every visible cell anew (about half of the switch's time)."""
            if event.size == self._drawn_for:
                event.prevent_default()
            self._drawn_for = event.size

        @property
        def vertical_scrollbar(self) -> ScrollBar:
            """The table's vertical scrollbar, a `SteadyScrollBar` (made as Textual makes
            its own, on first use)."""
            if self._vertical_scrollbar is None:
                bar = SteadyScrollBar(vertical=True, name="vertical",
                                      thickness=self.scrollbar_size_vertical)
                bar.display = False
                self._vertical_scrollbar = bar
                self.app._start_widget(self, bar)
            return self._vertical_scrollbar

        def _size_updated(
            self, size: Size, virtual_size: Size, container_size: Size, layout: bool = True
        ) -> bool:
            """Update the scrollbars only when the table's size or its own virtual size moved.

            ScrollView compares the virtual size the layout hands in (the visible area) with
            its own (every row), finds them different whenever the table holds more rows than
            it shows, and redraws both scrollbars on every layout of the screen. On a switch
            to the Log that came after the frame: a second frame of 236 bytes, the same
            scrollbar again, ~25 ms after the first."""
            if (size, container_size, self.virtual_size) == self._scrolled_for:
                return self.container_size != container_size  # as ScrollView would
            self._scrolled_for = (size, container_size, self.virtual_size)
            return super()._size_updated(size, virtual_size, container_size, layout)

        def notify_style_update(self) -> None:
            """Keep the rendered rows when the table is restyled; `render_lines` checks
            whether the look really changed.

            DataTable forgets every rendered row and cell whenever it is restyled, and it is
            restyled each time it gains or loses the focus: every switch to the Log rendered
            all visible cells again. Its row caches are keyed by focus state already, so only a
            new look (a theme, a CSS change) makes them wrong, and the component styles that
            would show it are only updated after this call."""
            super(DataTable, self).notify_style_update()
            self._get_styles_to_render_cell.cache_clear()
            self._styles_cache.clear()
            self._restyled = True
            self.refresh()

        def render_lines(self, crop: Region) -> list[Strip]:
            """Forget the rendered rows if the look in this focus state changed since they
            were drawn."""
            if self._restyled:
                self._restyled = False
                state = self.get_pseudo_class_state()
                look = (self.rich_style, *(self.get_component_styles(name).rich_style
                                           for name in sorted(self.COMPONENT_CLASSES)))
                if self._looks.get(state, look) != look:
                    self._looks.clear()
                    self._clear_caches()
                self._looks[state] = look
            return super().render_lines(crop)

    FixedSizeDataTable.__qualname__ = "FixedSizeDataTable"
    return FixedSizeDataTable


_LAZY: dict[str, Callable[[], type]] = {"FixedSizeDataTable": _fixed_size_data_table}
_BUILT: dict[str, type] = {}


def __getattr__(name: str) -> type:
    """The classes built on first use (`from tui.widgets._textual_compat import ...`)."""
    if name not in _LAZY:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    if name not in _BUILT:
        _BUILT[name] = _LAZY[name]()
    return _BUILT[name]


class SteadyOptionList(OptionList):
    """An OptionList that keeps its wrapped lines when its tab is shown again.

    OptionList forgets its wrapped lines, and repaints, on every Resize event; a tab being
    shown again sends one to each of its widgets even when nothing changed size. Over SSH
    that was a second paint of the whole list on every switch to its tab."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._wrapped_for: Size | None = None

    def _on_resize(self, event: events.Resize) -> None:
        """Skip OptionList's cache clearing when the size is the one already wrapped for."""
        if event.size == self._wrapped_for:
            event.prevent_default()
        self._wrapped_for = event.size


class GlyphInput(Input):
    """An Input that draws its value through `shown(value)` (same length, one cell per
    character), so the cursor stays where the characters are."""

    @staticmethod
    def shown(value: str) -> str:
        """The value as drawn; subclasses replace characters one for one."""
        return value

    @property
    def _value(self) -> Text:
        """Textual's `_value` (the value as drawn), built from `shown`: a Rich Text would
        silently drop BEL, BS and CR, and the cursor would then be off."""
        if self.password:
            return super()._value
        text = Text(self.shown(self.value), no_wrap=True, overflow="ignore", end="")
        return self.highlighter(text) if self.highlighter is not None else text


def stop_cursor_blink(patch: Callable[[object, str, object], None]) -> None:
    """For tests and snapshots: make every Input's cursor stay on (`patch` is
    `monkeypatch.setattr`). `Input._toggle_cursor` is what the blink timer calls."""
    patch(Input, "_toggle_cursor", lambda self: None)
