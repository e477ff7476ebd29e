"""The timeline (`T`, or the palette): articles by date, with what first appears in each.

`TimelineView` is a Line-API view: the entries' lines (`timeline_layout`) are built once per
width as plain strings, and only the lines on screen become strips. The cursor moves from entry
to entry; `enter` closes the screen with the entry's article id (the app opens it and records
the jump). Text is data: strips are built from plain strings and spans, never markup.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Sequence
from typing import ClassVar

from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.screen import ModalScreen
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.widgets import Static

from reader.ui.footer import ReaderFooter
from reader.ui.styles import EntityStyles
from reader.ui.timeline_layout import (
    GUTTER,
    EntryText,
    TimelineLayout,
    TimelineLine,
    layout_timeline,
)

_KINDS: dict[str, Style] = {
    "date": Style(bold=True),
    "outlet": Style(italic=True),
    "title": Style(bold=True),
    "label": Style(dim=True),
    "name": Style(),
    "quote": Style(italic=True),
    "none": Style(dim=True, italic=True),
    "sep": Style(dim=True),
}
_CURSOR = "timeline--cursor"
_MARK = "▌ "


class TimelineView(ScrollView, can_focus=True):
    """The timeline's lines; the cursor is on one entry at a time."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("down,j", "move(1)", "Down", show=False, id="cursor.down"),
        Binding("up,k", "move(-1)", "Up", show=False, id="cursor.up"),
        Binding("home,g", "first", "Top", show=False, id="cursor.top"),
        Binding("end,G", "last", "Bottom", show=False, id="cursor.bottom"),
        Binding("pagedown,space", "page(1)", "Page down", show=False, id="page.down"),
        Binding("pageup", "page(-1)", "Page up", show=False, id="page.up"),
        Binding("enter", "open", "Open", id="timeline.open"),
    ]
    COMPONENT_CLASSES: ClassVar[set[str]] = {_CURSOR}
    DEFAULT_CSS = """
    TimelineView {
        background: $surface;
        scrollbar-gutter: stable;
        & > .timeline--cursor {
            background: $block-cursor-blurred-background;
        }
        &:focus > .timeline--cursor {
            background: $block-cursor-background;
            color: $block-cursor-foreground;
        }
    }
    """

    cursor: reactive[int] = reactive(0)

    class Opened(Message):
        """`enter` (or a click) on an entry."""

        def __init__(self, article_id: str) -> None:
            super().__init__()
            self.article_id = article_id

    def __init__(
        self,
        article_ids: Sequence[str],
        texts: Callable[[int], EntryText],
        first_undated: int | None,
        *,
        start: int = 0,
        prebuilt: TimelineLayout | None = None,
        id: str | None = None,
    ) -> None:
        super().__init__(id=id)
        self.article_ids = list(article_ids)
        self._texts = texts
        self._first_undated = first_undated
        self._lines: list[TimelineLine] = []
        self._starts: list[int] = []  # first line of each entry
        self._width = -1
        self._prebuilt = prebuilt  # laid out by a worker at the width expected
        self._cache: dict[tuple[int, bool], Strip] = {}
        self.set_reactive(TimelineView.cursor, max(0, min(start, len(self.article_ids) - 1)))

    # -- layout -----------------------------------------------------------------------------
    @property
    def lines(self) -> list[TimelineLine]:
        """The display lines at the current width."""
        self._ensure_layout()
        return self._lines

    def _content_width(self) -> int:
        return max(1, self.scrollable_content_region.width - GUTTER)

    def _ensure_layout(self) -> None:
        if self.scrollable_content_region.width <= GUTTER:
            return  # not laid out yet: wrapping 10,000 entries at one column would take seconds
        width = self._content_width()
        if width == self._width:
            return
        self._width = width
        layout = self._prebuilt
        if layout is None or layout.width != width:
            layout = layout_timeline(len(self.article_ids), self._texts, self._first_undated, width)
        self._prebuilt = None
        self._lines = layout.lines
        self._starts = layout.starts
        self._cache.clear()
        self.virtual_size = Size(width + GUTTER, len(self._lines))

    def on_resize(self, event: events.Resize) -> None:
        """Re-wrap at the new width, keeping the cursor's entry in view."""
        self._ensure_layout()
        self.call_after_refresh(self.scroll_to_cursor)

    def on_mount(self) -> None:
        """Lay out and bring the cursor's entry into view."""
        self._ensure_layout()
        self.call_after_refresh(self.scroll_to_cursor)

    def entry_span(self, index: int) -> tuple[int, int]:
        """First line and end line of entry `index`."""
        self._ensure_layout()
        if index >= len(self._starts):
            return 0, 0
        start = self._starts[index]
        end = self._starts[index + 1] if index + 1 < len(self._starts) else len(self._lines)
        if index + 1 == self._first_undated:
            end -= 1  # the separator belongs to no entry
        return start, end

    # -- rendering --------------------------------------------------------------------------
    def notify_style_update(self) -> None:
        """Styles changed (theme, focus): forget the rendered lines."""
        self._cache.clear()
        super().notify_style_update()

    def render_line(self, y: int) -> Strip:
        """One screen line of the timeline."""
        self._ensure_layout()
        width = self.scrollable_content_region.width
        base = self.rich_style
        index = int(self.scroll_y) + y
        if index >= len(self._lines):
            return Strip.blank(width, base)
        line = self._lines[index]
        on_cursor = line.entry == self.cursor and line.entry >= 0
        key = (index, on_cursor)
        strip = self._cache.get(key)
        if strip is None:
            style = base + self.get_component_rich_style(_CURSOR) if on_cursor else base
            mark = _MARK if on_cursor and line.first else " " * GUTTER
            segments = [Segment(mark, style)]
            text = line.text
            pos = 0
            for start, end, kind in line.spans:
                if start > pos:
                    segments.append(Segment(text[pos:start], style))
                segments.append(Segment(text[start:end], style + self._style_of(kind)))
                pos = max(pos, end)
            if pos < len(text):
                segments.append(Segment(text[pos:], style))
            strip = Strip(segments).extend_cell_length(width, style).crop(0, width)
            self._cache[key] = strip
        return strip

    def _style_of(self, kind: str) -> Style:
        if kind.startswith("name:"):
            styles = getattr(self.app, "entity_styles", None)
            if isinstance(styles, EntityStyles):
                return styles.label(kind[5:])
        return _KINDS.get(kind, Style())

    # -- the cursor -------------------------------------------------------------------------
    def watch_cursor(self, old: int, new: int) -> None:
        """Repaint and keep the cursor's entry in view."""
        self._cache.clear()
        self.scroll_to_cursor()
        self.refresh()

    def scroll_to_cursor(self) -> None:
        """Scroll so that the cursor's entry (its heading at least) is visible."""
        if not self.article_ids or not self.is_mounted:
            return
        start, end = self.entry_span(self.cursor)
        height = max(1, self.scrollable_content_region.height)
        region = Region(0, start, self.scrollable_content_region.width, min(end - start, height))
        self.scroll_to_region(region, animate=False, immediate=True, force=True)

    def _set_cursor(self, index: int) -> None:
        if self.article_ids:
            self.cursor = max(0, min(index, len(self.article_ids) - 1))

    def action_move(self, delta: int) -> None:
        """Next or previous entry."""
        self._set_cursor(self.cursor + delta)

    def action_first(self) -> None:
        """First entry."""
        self._set_cursor(0)

    def action_last(self) -> None:
        """Last entry."""
        self._set_cursor(len(self.article_ids) - 1)

    def action_page(self, direction: int) -> None:
        """The entry a screen further down (or up)."""
        if not self.article_ids:
            return
        start, _ = self.entry_span(self.cursor)
        target = max(0, start + direction * max(1, self.scrollable_content_region.height - 1))
        entry = max(0, bisect_right(self._starts, target) - 1)
        if entry == self.cursor:
            entry += direction
        self._set_cursor(entry)

    def action_open(self) -> None:
        """Open the article under the cursor."""
        if self.article_ids:
            self.post_message(self.Opened(self.article_ids[self.cursor]))

    def on_click(self, event: events.Click) -> None:
        """A click opens the entry under the mouse."""
        offset = event.get_content_offset(self)
        if offset is None:
            return
        index = offset.y + int(self.scroll_y)
        if 0 <= index < len(self._lines) and self._lines[index].entry >= 0:
            event.stop()
            self._set_cursor(self._lines[index].entry)
            self.action_open()


class TimelineScreen(ModalScreen[str | None]):
    """The timeline over the reader; dismissed with the article id to open, or None."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,T", "close", "Back", id="timeline.close"),
    ]
    DEFAULT_CSS = """
    TimelineScreen {
        align: center middle;
        & > #timeline-box {
            width: 100%;
            height: 100%;
            background: $surface;
        }
        & #timeline-head {
            height: auto;
            padding: 0 1;
            color: $text-muted;
        }
        & TimelineView {
            height: 1fr;
        }
    }
    """

    def __init__(
        self,
        article_ids: Sequence[str],
        texts: Callable[[int], EntryText],
        first_undated: int | None,
        *,
        start: int = 0,
        heading: str = "",
        prebuilt: TimelineLayout | None = None,
    ) -> None:
        super().__init__()
        self._view = TimelineView(
            article_ids, texts, first_undated, start=start, prebuilt=prebuilt, id="timeline"
        )
        self._heading = heading

    def compose(self) -> ComposeResult:
        """A heading line, the timeline, the footer."""
        with Vertical(id="timeline-box"):
            yield Static(self._heading, id="timeline-head", markup=False)
            yield self._view
        yield ReaderFooter()

    def on_mount(self) -> None:
        """Focus the timeline."""
        self._view.focus()

    @property
    def view(self) -> TimelineView:
        """The timeline widget."""
        return self._view

    def on_timeline_view_opened(self, message: TimelineView.Opened) -> None:
        """Close, handing the article to open to the app."""
        message.stop()
        self.dismiss(message.article_id)

    def action_close(self) -> None:
        """Back to the reader."""
        self.dismiss(None)
