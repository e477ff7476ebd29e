"""The source list: every article with read mark, title, date, outlet, authors, entity count.

`s` switches the order between date, title and outlet; `f` starts the filter (titles, outlets,
authors and the names of the entities an article mentions), `enter` or `escape` ends it. In the
list letters are commands; in the filter box they are text — never both.

The list is virtual (Line API): every row is two lines high, and only the rows on screen are
turned into text and strips, on demand, with a small cache. A 10,000-article corpus costs a list
of ids, not 10,000 widgets or `Text` objects. Entity counts are asked for per visible row.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Iterable, Sequence
from typing import ClassVar, Protocol

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.visual import visualize
from textual.widgets import Input
from textual.widgets.option_list import Option

from reader.domain.textnorm import fold_key
from reader.ui.messages import ArticleChosen
from reader.ui.text import plain

UNREAD = "●"
READ = "·"
ROW_HEIGHT = 2  # title line, then date · source · entities
_CACHE_ROWS = 256  # rendered rows kept (a few screens' worth)
_OPTION = "option-list--option"
_HIGHLIGHTED = "option-list--option-highlighted"
_HOVER = "option-list--option-hover"


class SourceOptions(ScrollView, can_focus=True):
    """A virtual list of article rows (`escape` clears an active filter).

    Looks and keys like Textual's `OptionList` (same component classes), but renders only the
    rows on screen: `render_row(article_id)` is asked for the `Text` of a row when it is shown.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("down,j", "cursor_down", "Down", show=False, id="cursor.down"),
        Binding("up,k", "cursor_up", "Up", show=False, id="cursor.up"),
        Binding("home,g", "first", "Top", show=False, id="cursor.top"),
        Binding("end,G", "last", "Bottom", show=False, id="cursor.bottom"),
        Binding("pagedown", "page_down", "Page down", show=False, id="page.down"),
        Binding("pageup", "page_up", "Page up", show=False, id="page.up"),
        Binding("enter", "select", "Open", show=False, id="list.open"),
        Binding("escape", "clear_filter", "Clear filter", show=False, id="filter.clear"),
    ]
    COMPONENT_CLASSES: ClassVar[set[str]] = {_OPTION, _HIGHLIGHTED, _HOVER}
    DEFAULT_CSS = """
    SourceOptions {
        color: $foreground;
        overflow-x: hidden;
        background: $surface;
        & > .option-list--option-highlighted {
            color: $foreground;
            background: $block-cursor-blurred-background;
            text-style: $block-cursor-blurred-text-style;
        }
        &:focus {
            background-tint: $foreground 5%;
            & > .option-list--option-highlighted {
                color: $block-cursor-foreground;
                background: $block-cursor-background;
                text-style: $block-cursor-text-style;
            }
        }
        & > .option-list--option-hover {
            background: $block-hover-background;
        }
    }
    """

    highlighted: reactive[int | None] = reactive(None)
    """Index of the highlighted row (in display order), or None when the list is empty."""
    _hover: reactive[int | None] = reactive(None)

    class Selected(Message):
        """A row was chosen (enter or click)."""

        def __init__(self, article_id: str, index: int) -> None:
            super().__init__()
            self.article_id = article_id
            self.index = index

    def __init__(
        self, render_row: Callable[[str], Text] | None = None, *, id: str | None = None
    ) -> None:
        super().__init__(id=id)
        self._render_row = render_row or (lambda article_id: Text(article_id))
        self._ids: list[str] = []
        self._strips: OrderedDict[tuple[str, str, int], list[Strip]] = OrderedDict()

    # -- content ----------------------------------------------------------------------------
    @property
    def option_count(self) -> int:
        """Number of rows."""
        return len(self._ids)

    @property
    def ids(self) -> list[str]:
        """The article ids listed, in display order (the list itself: do not modify)."""
        return self._ids

    @property
    def highlighted_id(self) -> str | None:
        """The article id of the highlighted row."""
        index = self.highlighted
        return self._ids[index] if index is not None and index < len(self._ids) else None

    def get_option(self, article_id: str) -> Option:
        """The row of `article_id` as an `Option` (built on demand; for tests and tools)."""
        if article_id not in self._ids:
            raise KeyError(article_id)
        return Option(self._render_row(article_id), id=article_id)

    def set_rows(self, article_ids: Iterable[str], highlight: str | None = None) -> None:
        """Replace the rows; highlight `highlight` if listed, else the first row."""
        self._ids = list(article_ids)
        self._strips.clear()
        self._hover = None
        self._update_virtual_size()
        index: int | None = None
        if highlight is not None:
            try:
                index = self._ids.index(highlight)
            except ValueError:
                index = None
        if index is None and self._ids:
            index = 0
        if index == self.highlighted and index is not None:
            self.scroll_to_highlight()
        self.highlighted = index
        self.refresh()

    def refresh_row(self, article_id: str) -> None:
        """Render `article_id`'s row again (its read mark or counts changed)."""
        for key in [k for k in self._strips if k[0] == article_id]:
            del self._strips[key]
        try:
            index = self._ids.index(article_id)
        except ValueError:
            return
        self._refresh_index(index)

    def _refresh_index(self, index: int | None) -> None:
        if index is None or not self.is_mounted:
            return
        y = index * ROW_HEIGHT - self.scroll_offset.y
        self.refresh(Region(0, y, self.size.width, ROW_HEIGHT))

    def _update_virtual_size(self) -> None:
        width = self.scrollable_content_region.width if self.is_mounted else 0
        self.virtual_size = Size(width, len(self._ids) * ROW_HEIGHT)

    # -- rendering --------------------------------------------------------------------------
    def notify_style_update(self) -> None:
        """Styles changed (theme, focus): forget the rendered rows."""
        self._strips.clear()
        super().notify_style_update()

    def on_resize(self, event: events.Resize) -> None:
        """Keep the virtual width in step with the pane."""
        self._update_virtual_size()

    def _row_strips(self, index: int, width: int) -> list[Strip]:
        article_id = self._ids[index]
        if index == self.highlighted:
            component = _HIGHLIGHTED
        elif index == self._hover:
            component = _HOVER
        else:
            component = ""
        key = (article_id, component, width)
        strips = self._strips.get(key)
        if strips is not None:
            self._strips.move_to_end(key)
            return strips
        style = (
            self.get_visual_style(_OPTION, component)
            if component
            else self.get_visual_style(_OPTION)
        )
        prompt = self._render_row(article_id)
        visual = visualize(self, prompt, markup=False)
        rendered = visual.to_strips(self, visual, width, None, style)
        strips = [
            strip.extend_cell_length(width, style.rich_style).crop(0, width)
            for strip in rendered[:ROW_HEIGHT]
        ]
        while len(strips) < ROW_HEIGHT:
            strips.append(Strip.blank(width, style.rich_style))
        self._strips[key] = strips
        if len(self._strips) > _CACHE_ROWS:
            self._strips.popitem(last=False)
        return strips

    def render_line(self, y: int) -> Strip:
        """One screen line: a line of the row at that height, or blank below the last row."""
        width = self.scrollable_content_region.width
        index, offset = divmod(self.scroll_offset.y + y, ROW_HEIGHT)
        if index >= len(self._ids) or width <= 0:
            return Strip.blank(width, self.get_visual_style(_OPTION).rich_style)
        return self._row_strips(index, width)[offset]

    # -- the highlight ----------------------------------------------------------------------
    def validate_highlighted(self, highlighted: int | None) -> int | None:
        """Clamp to the rows (None when empty)."""
        if highlighted is None or not self._ids:
            return None
        return max(0, min(highlighted, len(self._ids) - 1))

    def watch_highlighted(self, old: int | None, new: int | None) -> None:
        """Repaint the two rows concerned and keep the new one in view."""
        self._refresh_index(old)
        self._refresh_index(new)
        self.scroll_to_highlight()

    def watch__hover(self, old: int | None, new: int | None) -> None:
        """Repaint the rows under the mouse before and after."""
        self._refresh_index(old)
        self._refresh_index(new)

    def scroll_to_highlight(self) -> None:
        """Scroll so that the highlighted row is visible."""
        if self.highlighted is None or not self.is_mounted:
            return
        region = Region(
            0, self.highlighted * ROW_HEIGHT, self.scrollable_content_region.width, ROW_HEIGHT
        )
        self.scroll_to_region(region, force=True, animate=False, immediate=True)

    def action_cursor_down(self) -> None:
        """Next row."""
        if self._ids:
            self.highlighted = 0 if self.highlighted is None else self.highlighted + 1

    def action_cursor_up(self) -> None:
        """Previous row."""
        if self._ids:
            self.highlighted = 0 if self.highlighted is None else self.highlighted - 1

    def action_first(self) -> None:
        """First row."""
        if self._ids:
            self.highlighted = 0

    def action_last(self) -> None:
        """Last row."""
        if self._ids:
            self.highlighted = len(self._ids) - 1

    def _move_page(self, direction: int) -> None:
        if not self._ids:
            return
        rows = max(1, self.scrollable_content_region.height // ROW_HEIGHT)
        self.highlighted = (self.highlighted or 0) + direction * rows

    def action_page_down(self) -> None:
        """A page down."""
        self._move_page(1)

    def action_page_up(self) -> None:
        """A page up."""
        self._move_page(-1)

    def action_select(self) -> None:
        """Open the highlighted row."""
        article_id = self.highlighted_id
        if article_id is not None and self.highlighted is not None:
            self.post_message(self.Selected(article_id, self.highlighted))

    # -- mouse and keys ---------------------------------------------------------------------
    def _index_at(self, event: events.MouseEvent) -> int | None:
        offset = event.get_content_offset(self)
        if offset is None:
            return None
        index = (offset.y + self.scroll_offset.y) // ROW_HEIGHT
        return index if 0 <= index < len(self._ids) else None

    def on_click(self, event: events.Click) -> None:
        """A click opens the row under the mouse."""
        index = self._index_at(event)
        if index is not None:
            event.stop()
            self.highlighted = index
            self.action_select()

    def on_mouse_move(self, event: events.MouseMove) -> None:
        """Hover highlight."""
        self._hover = self._index_at(event)

    def on_leave(self, event: events.Leave) -> None:
        """No hover once the mouse has left."""
        self._hover = None

    def action_clear_filter(self) -> None:
        """`escape` in the list: drop the filter, if there is one."""
        parent = self.parent
        if isinstance(parent, SourceList) and parent.filter_text:
            parent.clear_filter()


class FilterInput(Input):
    """The filter box above the list: `enter` and `↓` go back to the list keeping the filter,
    `escape` clears it and goes back."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "leave(True)", "Clear filter", show=False, id="filter.clear"),
        Binding("down", "leave(False)", "List", show=False, id="filter.leave"),
    ]

    def action_leave(self, clear: bool) -> None:
        """Return to the list (clearing the filter on escape)."""
        if clear:
            self.value = ""
        parent = self.parent
        if isinstance(parent, SourceList):
            parent.options.focus()


class Listed(Protocol):
    """What a row shows of an article (an `ArticleInfo`; an `Article` will do too)."""

    @property
    def id(self) -> str: ...
    @property
    def title(self) -> str: ...
    @property
    def title_derived(self) -> bool: ...
    @property
    def date(self) -> str | None: ...
    @property
    def source(self) -> str | None: ...
    @property
    def author(self) -> Sequence[str]: ...


#: What `s` cycles through: the reading order (dates), titles, outlets.
SORTS = ("date", "title", "outlet")


def authors_text(names: Sequence[str], most: int = 2) -> str:
    """Authors for a one-line display: ``A``, ``A, B``, ``A, B et al.``."""
    shown = ", ".join(names[:most])
    return f"{shown} et al." if len(names) > most else shown


def _no_count(article_id: str) -> int:
    return 0


def _no_names(text: str) -> set[str]:
    return set()


#: The filter looks at the entities' names from this many characters on (one or two letters
#: would match a name in nearly every article).
ENTITY_FILTER_MIN = 3


class SourceList(Vertical):
    """Filter box plus the list of articles; posts `ArticleChosen` on enter or click."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("s", "toggle_sort", "Sort", id="list.sort"),
        Binding("f", "start_filter", "Filter", id="list.filter"),
    ]

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.articles: Sequence[Listed] = []
        self._by_id: dict[str, Listed] = {}
        self._entity_count: Callable[[str], int] = _no_count
        self._naming: Callable[[str], set[str]] = _no_names
        self._counts: dict[str, int] = {}
        self._filter_keys: dict[str, str] = {}
        self._title_order: list[str] | None = None
        self.read: set[str] = set()
        self.current: str | None = None
        self.sort_by = "date"
        self._date_order: list[str] = []
        self._shown: list[str] = []

    def compose(self) -> ComposeResult:
        """The filter box and the list."""
        yield FilterInput(
            placeholder="f: filter by title, outlet, name",
            id="filter",
            compact=True,
            select_on_focus=False,
        )
        yield SourceOptions(self._row, id="sources")

    @property
    def options(self) -> SourceOptions:
        """The list widget."""
        return self.query_one(SourceOptions)

    @property
    def shown(self) -> list[str]:
        """Article ids currently listed, in display order."""
        return list(self._shown)

    def set_articles(
        self,
        articles: Sequence[Listed],
        read: set[str],
        entity_count: Callable[[str], int] | None = None,
        naming: Callable[[str], set[str]] | None = None,
    ) -> None:
        """Replace the list (articles in reading order).

        `entity_count(article_id)` is called only for rows that are shown, once per article;
        `naming(text)` gives the ids of the articles mentioning an entity named like `text`.
        """
        self.articles = articles
        self._by_id = {a.id: a for a in articles}
        self._date_order = [a.id for a in articles]
        self._entity_count = entity_count or _no_count
        self._naming = naming or _no_names
        self._counts = {}
        self._filter_keys = {}
        self._title_order = None
        self.read = set(read)
        self._rebuild()

    def entity_count(self, article_id: str) -> int:
        """Distinct entities in the article (computed once, when first needed)."""
        count = self._counts.get(article_id)
        if count is None:
            try:
                count = self._entity_count(article_id)
            except Exception:
                count = 0
            self._counts[article_id] = count
        return count

    def _row(self, article_id: str) -> Text:
        """The two-line row of an article (built when it is shown; never markup)."""
        article = self._by_id[article_id]
        mark = READ if article.id in self.read else UNREAD
        row = Text(no_wrap=False)
        row.append(mark + " ", "bold" if mark == UNREAD else "dim")
        if article.title_derived:
            row.append("≈ ", "dim")
            row.append_text(plain(article.title, "italic"))
        else:
            row.append_text(plain(article.title, "bold" if mark == UNREAD else ""))
        details = [article.date or "undated"]
        if article.source:
            details.append(article.source)
        if article.author:
            details.append(authors_text(article.author))
        details.append(f"{self.entity_count(article.id)} entities")
        row.append("\n  ")
        row.append_text(plain(" · ".join(details), "dim"))
        return row

    def _ordered(self) -> list[str]:
        if self.sort_by == "outlet":  # by outlet, then reading order; no outlet last
            by_id = self._by_id
            rank = {i: n for n, i in enumerate(self._date_order)}
            return sorted(
                self._date_order,
                key=lambda i: (by_id[i].source is None, fold_key(by_id[i].source or ""), rank[i]),
            )
        if self.sort_by == "title":
            if self._title_order is None:
                by_id = self._by_id
                self._title_order = sorted(
                    self._date_order, key=lambda i: (fold_key(by_id[i].title), i)
                )
            return self._title_order
        return self._date_order

    def _filter_key(self, article_id: str) -> str:
        key = self._filter_keys.get(article_id)
        if key is None:
            a = self._by_id[article_id]
            key = fold_key(f"{a.title} {a.source or ''} {a.date or ''} {' '.join(a.author)}")
            self._filter_keys[article_id] = key
        return key

    @property
    def filter_text(self) -> str:
        """What the filter box holds."""
        return self.query_one(FilterInput).value if self.is_mounted else ""

    def clear_filter(self) -> None:
        """Show every article again."""
        self.query_one(FilterInput).value = ""
        self._rebuild()

    def _rebuild(self) -> None:
        query = fold_key(self.filter_text)
        ordered = self._ordered()
        if query:
            key = self._filter_key
            named: set[str] = set()
            if len(query) >= ENTITY_FILTER_MIN:
                try:
                    named = self._naming(query)
                except Exception:
                    named = set()
            self._shown = [i for i in ordered if i in named or query in key(i)]
        else:
            self._shown = list(ordered)
        options = self.options
        keep = options.highlighted_id or self.current
        options.set_rows(self._shown, highlight=keep)

    def mark(self, article_id: str, *, current: bool = True) -> None:
        """Mark `article_id` as read (and current), updating its row in place."""
        self.read.add(article_id)
        if current:
            self.current = article_id
        options = self.options
        options.refresh_row(article_id)
        if current and options.highlighted_id != article_id and article_id in self._shown:
            options.highlighted = self._shown.index(article_id)

    def action_toggle_sort(self) -> None:
        """`s`: sort by date, title or outlet (in turn)."""
        self.sort_by = SORTS[(SORTS.index(self.sort_by) + 1) % len(SORTS)]
        self._rebuild()
        self.app.notify(f"Sources sorted by {self.sort_by}", timeout=2, markup=False)

    def action_start_filter(self) -> None:
        """`f`: focus the filter box."""
        self.start_filter("")

    def start_filter(self, char: str) -> None:
        """Focus the filter box, typing `char` into it."""
        box = self.query_one(FilterInput)
        box.focus()
        if char:
            box.insert_text_at_cursor(char)

    def on_input_changed(self, event: Input.Changed) -> None:
        """Filter as the user types."""
        event.stop()
        self._rebuild()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """`enter` in the filter box ends the filter: back to the (filtered) list."""
        event.stop()
        self._rebuild()
        self.options.focus()
        count = len(self._shown)
        if self.filter_text:
            self.app.notify(
                f"{count} article{'s' if count != 1 else ''} match; escape shows all.",
                timeout=2,
                markup=False,
            )

    def on_source_options_selected(self, event: SourceOptions.Selected) -> None:
        """Enter or click on a row opens the article."""
        event.stop()
        self.post_message(ArticleChosen(event.article_id))
