"""The article pane: a Line-API view that styles only the lines on screen.

The headline, date/source line, optional removed boilerplate and the paragraphs are wrapped once
per width (`layout.py`); `render_line` turns a display line into a `Strip` by slicing the plain
text at mention and search-hit boundaries. No markup is ever parsed: text is data.
"""

from __future__ import annotations

import itertools
import re
from bisect import bisect_left, bisect_right
from dataclasses import replace
from typing import ClassVar

from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding, BindingType
from textual.geometry import Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from reader.domain.model import Article, Field, Match, Mention
from reader.domain.quotes.types import Quote
from reader.domain.sanitize import is_clean
from reader.ui.layout import ArticleLayout, DisplayLine, layout_article
from reader.ui.messages import ClearEntity
from reader.ui.quote_marks import QuoteMarks, QuoteSelected
from reader.ui.styles import SELECTED, EntityStyles

_KIND_STYLES: dict[str, Style] = {
    "title": Style(bold=True),
    "meta": Style(dim=True),
    "removed": Style(dim=True, italic=True),
    "text": Style(),
    "blank": Style(),
}
MARGIN = 1
_NOT_BOLD = Style(bold=False)
# Characters that must never reach the terminal; replaced one-for-one so offsets stay valid.
_UNSAFE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2060-\u2069\u061c\ufeff\u2028\u2029]"
)


def displayable(article: Article) -> Article:
    """`article` with any control, bidi or invisible character replaced by a visible placeholder.

    The domain sanitises text when it loads it; this is a second line of defence that keeps
    every offset valid (one character in, one character out).
    """
    if is_clean(article.title) and is_clean(article.text):
        return article

    def fix(value: str) -> str:
        return _UNSAFE.sub(lambda m: "␛" if m.group() == "\x1b" else "\ufffd", value)

    return replace(article, title=fix(article.title).replace("\n", " "), text=fix(article.text))


class _Spans:
    """Sorted, non-overlapping spans of one field with a bisectable list of their ends."""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        self.spans = spans
        self.ends = [end for _, end in spans]
        self.starts = [start for start, _ in spans]

    def overlapping(self, start: int, end: int) -> range:
        """Indexes of spans that overlap `[start, end)`."""
        first = bisect_right(self.ends, start)
        last = bisect_left(self.starts, end)
        return range(first, max(first, last))


def _clean_mentions(mentions: list[Mention]) -> list[Mention]:
    out: list[Mention] = []
    for m in sorted(mentions, key=lambda m: (m.start, -m.end)):
        if m.end <= m.start or (out and m.start < out[-1].end):
            continue
        out.append(m)
    return out


class ArticleView(ScrollView, can_focus=True):
    """Scrollable article text with highlighted mentions, selection and search hits."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j", "scroll_down", "Down", show=False, id="cursor.down"),
        Binding("k", "scroll_up", "Up", show=False, id="cursor.up"),
        Binding("g", "scroll_home", "Top", show=False, id="cursor.top"),
        Binding("G", "scroll_end", "Bottom", show=False, id="cursor.bottom"),
        Binding("enter", "select_mention", "Cross-refs", id="mention.select"),
        Binding("escape", "clear_selection", "Clear", show=False, id="selection.clear"),
    ]

    class MentionSelected(Message):
        """The selected mention changed (by `e`/`E`, `enter`, a click or a jump)."""

        def __init__(self, article: str, mention: Mention) -> None:
            super().__init__()
            self.article = article
            self.mention = mention

    class CrossRefsWanted(Message):
        """`enter`: the reader asked for the selected mention's cross-references."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.article: Article | None = None
        self.styles_set = EntityStyles.from_theme(None)
        self.show_removed = False
        self._mentions: dict[Field, list[Mention]] = {"title": [], "text": []}
        self._mention_spans: dict[Field, _Spans] = {"title": _Spans([]), "text": _Spans([])}
        self._matches: dict[Field, _Spans] = {"title": _Spans([]), "text": _Spans([])}
        self._current_match: tuple[Field, int, int] | None = None
        self.selected: tuple[Field, int] | None = None
        self._layout: ArticleLayout | None = None
        self._cache: dict[int, Strip] = {}
        self._pending: tuple[Field, int] | None = None  # scroll target waiting for a layout
        # Where e/E start from when nothing is selected (a search hit, a history position).
        self.mention_anchor: tuple[Field, int] | None = None
        self.quote_marks = QuoteMarks()

    # -- content ----------------------------------------------------------------------------
    def show(
        self, article: Article, title_mentions: list[Mention], text_mentions: list[Mention]
    ) -> None:
        """Display `article` (scrolled to the top, nothing selected)."""
        self.article = displayable(article)
        self._mentions = {
            "title": _clean_mentions(title_mentions),
            "text": _clean_mentions(text_mentions),
        }
        self._mention_spans = {
            fld: _Spans([(m.start, m.end) for m in ms]) for fld, ms in self._mentions.items()
        }
        self._matches = {"title": _Spans([]), "text": _Spans([])}
        self._current_match = None
        self.selected = None
        self.mention_anchor = None
        self.quote_marks.set([])
        self._layout = None
        self._cache.clear()
        self._pending = None
        self.scroll_to(0, 0, animate=False, immediate=True)
        self._relayout()
        self.refresh()

    def clear(self) -> None:
        """Show nothing."""
        self.article = None
        self._layout = None
        self._cache.clear()
        self.virtual_size = Size(0, 0)
        self.refresh()

    def set_entity_styles(self, styles: EntityStyles) -> None:
        """Redraw with new entity colours (theme change)."""
        self.styles_set = styles
        self._cache.clear()
        self.refresh()

    def scroll_to_removed(self) -> bool:
        """Bring the removed boilerplate (shown above the text) into view; False if hidden."""
        if self._layout is None or not self.show_removed:
            return False
        for index, line in enumerate(self._layout.lines):
            if line.kind == "removed":
                self.scroll_to(y=max(0, index - 1), animate=False, immediate=True)
                return True
        return False

    def set_show_removed(self, show: bool) -> None:
        """Show or hide the removed boilerplate, keeping the reading position."""
        if show == self.show_removed:
            return
        top = self.top_offset()
        self.show_removed = show
        self._layout = None
        self._relayout()
        if top is not None and self._layout is not None:
            self.scroll_to(y=self._layout.line_of("text", top), animate=False, immediate=True)
        self.refresh()

    def set_matches(self, matches: list[Match], current: Match | None = None) -> None:
        """Highlight search hits in this article; `current` stands out."""
        by_field: dict[Field, list[tuple[int, int]]] = {"title": [], "text": []}
        for m in matches:
            by_field[m.field].append((m.start, m.end))
        merged: dict[Field, _Spans] = {}
        for fld, spans in by_field.items():
            spans.sort()
            out: list[tuple[int, int]] = []
            for s, e in spans:
                if out and s < out[-1][1]:
                    continue
                out.append((s, e))
            merged[fld] = _Spans(out)
        self._matches = merged
        self._current_match = (current.field, current.start, current.end) if current else None
        self._cache.clear()
        self.refresh()

    # -- quotations -------------------------------------------------------------------------
    def set_quotes(self, quotes: list[Quote]) -> None:
        """Mark the article's quotations (call after `show`)."""
        self.quote_marks.set(quotes)
        self._cache.clear()
        self.refresh()

    def select_quote(self, index: int, *, notify: bool = True) -> None:
        """Select quotation `index` (reading order), scroll to it, announce it."""
        marks = self.quote_marks
        if not 0 <= index < len(marks.quotes):
            return
        marks.selected = index
        quote = marks.quotes[index]
        self._cache.clear()
        self.refresh()
        self.scroll_to_offset(quote.field, quote.start, center=True)
        if notify and self.article is not None:
            self.post_message(QuoteSelected(self.article.id, index, quote))

    def select_quote_at(self, fld: Field, offset: int, *, notify: bool = True) -> bool:
        """Select the quotation covering `offset` of `fld`; False when there is none."""
        index = self.quote_marks.index_at(fld, offset)
        if index is None:
            return False
        self.select_quote(index, notify=notify)
        return True

    def step_quote(self, delta: int) -> bool:
        """Select the next or previous quotation (from the selection, else from the selected
        mention or the top of the screen); False past either end."""
        marks = self.quote_marks
        anchor: tuple[Field, int] | None = None
        if marks.selected is None:
            mention = self.selected_mention
            if mention is not None:
                anchor = (mention.field, mention.start)
            elif self.mention_anchor is not None:
                anchor = self.mention_anchor
            else:
                top = self.top_offset()
                anchor = ("text", top) if top else None
        index = marks.step(delta, anchor)
        if index is None:
            return False
        self.select_quote(index)
        return True

    def clear_quote(self) -> None:
        """Select no quotation."""
        if self.quote_marks.selected is not None:
            self.quote_marks.selected = None
            self._cache.clear()
            self.refresh()

    # -- geometry ---------------------------------------------------------------------------
    def _text_width(self) -> int:
        return self.scrollable_content_region.width - 2 * MARGIN

    def _relayout(self) -> None:
        if self.article is None:
            return
        width = self._text_width()
        if width <= 0:
            return
        self._layout = layout_article(self.article, width, show_removed=self.show_removed)
        self._cache.clear()
        self.virtual_size = Size(width + 2 * MARGIN, len(self._layout.lines))
        if self._pending is not None:
            fld, offset = self._pending
            self._pending = None
            self.scroll_to_offset(fld, offset, center=True)

    def on_resize(self, event: events.Resize) -> None:
        """Re-wrap at the new width, keeping the top line's text in view."""
        if self.article is None:
            return
        if self._layout is not None and self._layout.width == self._text_width():
            return
        top = self.top_offset() if self._layout is not None else None
        self._relayout()
        if top is not None and self._layout is not None and self._pending is None:
            self.scroll_to(y=self._layout.line_of("text", top), animate=False, immediate=True)

    def top_offset(self) -> int | None:
        """The text offset at the top of the screen (what the state store remembers)."""
        if self._layout is None:
            return None
        return self._layout.text_offset_at(int(self.scroll_y))

    def scroll_to_offset(self, fld: Field, offset: int, *, center: bool = False) -> None:
        """Bring the line holding `offset` of `fld` into view (centred, or at the top)."""
        if self._layout is None:
            self._pending = (fld, offset)
            return
        line = self._layout.line_of(fld, offset)
        height = max(1, self.scrollable_content_region.height)
        top = int(self.scroll_y)
        if center:
            if top <= line < top + height - 1:
                return
            target = max(0, line - height // 3)
        else:
            target = line
        self.scroll_to(y=target, animate=False, immediate=True)

    # -- mentions ---------------------------------------------------------------------------
    def mentions(self) -> list[tuple[Field, int, Mention]]:
        """Every mention in display order (headline first)."""
        return [(fld, i, m) for fld in ("title", "text") for i, m in enumerate(self._mentions[fld])]  # type: ignore[misc]

    @property
    def selected_mention(self) -> Mention | None:
        """The mention that is selected, if any."""
        if self.selected is None:
            return None
        fld, index = self.selected
        ms = self._mentions[fld]
        return ms[index] if 0 <= index < len(ms) else None

    def select(self, fld: Field, index: int, *, notify: bool = True) -> None:
        """Select mention `index` of `fld`, scroll to it and (optionally) announce it."""
        ms = self._mentions[fld]
        if not 0 <= index < len(ms):
            return
        self.selected = (fld, index)
        self._cache.clear()
        self.refresh()
        self.scroll_to_offset(fld, ms[index].start, center=True)
        if notify and self.article is not None:
            self.post_message(self.MentionSelected(self.article.id, ms[index]))

    def select_at(self, fld: Field, offset: int, *, notify: bool = True) -> bool:
        """Select the mention covering `offset` in `fld`; False when there is none."""
        spans = self._mention_spans[fld]
        for index in spans.overlapping(offset, offset + 1):
            self.select(fld, index, notify=notify)
            return True
        return False

    def clear_selection(self, anchor: tuple[Field, int] | None = None) -> None:
        """Select nothing; `e`/`E` then continue from `anchor` (a field and offset), if given."""
        self.selected = None
        self.mention_anchor = anchor
        self._cache.clear()
        self.refresh()

    def step_mention(self, delta: int) -> bool:
        """Select the next (`delta=1`) or previous (`-1`) mention; False at either end."""
        order = self.mentions()
        if not order:
            return False
        keys = [(0 if f == "title" else 1, m.start) for f, _, m in order]
        if self.selected is None and self.mention_anchor is not None:
            here = (0 if self.mention_anchor[0] == "title" else 1, self.mention_anchor[1])
            pos = bisect_left(keys, here) if delta > 0 else bisect_left(keys, here) - 1
            if not 0 <= pos < len(order):
                return False
        elif self.selected is None:
            top = int(self.scroll_y)
            height = max(1, self.scrollable_content_region.height)
            visible = [
                pos
                for pos, (fld, _, m) in enumerate(order)
                if self._layout is None or top <= self._layout.line_of(fld, m.start) < top + height
            ]
            if visible:
                pos = visible[0] if delta > 0 else visible[-1]
            else:
                pos = 0 if delta > 0 else len(order) - 1
        else:
            indexes = [(0 if f == "title" else 1, i) for f, i, _ in order]
            cur = (0 if self.selected[0] == "title" else 1, self.selected[1])
            pos = indexes.index(cur) + delta if cur in indexes else 0
            if not 0 <= pos < len(order):
                return False
        fld, index, _ = order[pos]
        self.select(fld, index)
        return True

    def action_select_mention(self) -> None:
        """`enter`: select the first mention on screen (or re-announce the selected one)."""
        mention = self.selected_mention
        if mention is not None and self.article is not None:
            self.post_message(self.MentionSelected(self.article.id, mention))
        elif not self.step_mention(1):
            return
        self.post_message(self.CrossRefsWanted())

    def action_clear_selection(self) -> None:
        """`escape`: clear the selection (`e` continues from it) and the panel's entity."""
        mention = self.selected_mention
        self.clear_selection(anchor=(mention.field, mention.end) if mention else None)
        self.post_message(ClearEntity())
        self.clear_quote()

    # -- mouse ------------------------------------------------------------------------------
    def on_click(self, event: events.Click) -> None:
        """Clicking a mention selects it."""
        if self._layout is None:
            return
        offset = event.get_content_offset(self)
        if offset is None:
            return
        y = offset.y + int(self.scroll_y)
        x = offset.x + int(self.scroll_x) - MARGIN
        if not 0 <= y < len(self._layout.lines) or x < 0:
            return
        line = self._layout.lines[y]
        if line.field is None:
            return
        from rich.cells import cell_len

        col = 0
        for pos in range(line.start, line.end):
            col += cell_len(line.source[pos])
            if col > x:
                if self.select_at(line.field, pos):
                    event.stop()
                return

    # -- rendering --------------------------------------------------------------------------
    def render_line(self, y: int) -> Strip:
        """Render display line `scroll_y + y` (cached until selection, hits or theme change)."""
        if self._layout is None or self._layout.width != self._text_width():
            self._relayout()
        base = self.rich_style
        width = self.scrollable_content_region.width
        index = int(self.scroll_y) + y
        if self._layout is None or index >= len(self._layout.lines):
            return Strip.blank(width, base)
        strip = self._cache.get(index)
        if strip is None:
            strip = self._render_display_line(self._layout.lines[index], base)
            self._cache[index] = strip
        return strip.crop_extend(int(self.scroll_x), int(self.scroll_x) + width, base)

    def _render_display_line(self, line: DisplayLine, base: Style) -> Strip:
        style = base + _KIND_STYLES[line.kind]
        if line.kind == "title":
            style += Style(color=self.app.current_theme.primary)
        pad = Segment(" " * MARGIN, base)
        text = line.text.replace("\t", " ")
        if line.field is None or not text:
            return Strip([pad, Segment(text, style)])
        fld = line.field
        start, end = line.start, line.end
        spans: list[tuple[int, int, Style]] = []
        for qs, qe, chosen in self.quote_marks.overlapping(fld, start, end):
            spans.append(
                (qs, qe, self.styles_set.quote_selected if chosen else self.styles_set.quote)
            )
        mentions = self._mentions[fld]
        for i in self._mention_spans[fld].overlapping(start, end):
            m = mentions[i]
            label_style = self.styles_set.label(m.label)
            if line.kind == "title":
                # the headline is bold: a mention takes its label's own weight, so that an ORG
                # (underline) does not look like a PER (bold underline) without colour
                label_style = _NOT_BOLD + label_style
            if self.selected == (fld, i):
                label_style = label_style + SELECTED
            spans.append((m.start, m.end, label_style))
        matches = self._matches[fld]
        for i in matches.overlapping(start, end):
            ms, me = matches.spans[i]
            current = self._current_match == (fld, ms, me)
            spans.append(
                (ms, me, self.styles_set.current_hit if current else self.styles_set.search)
            )
        segments = [pad]
        if not spans:
            segments.append(Segment(text, style))
            return Strip(segments)
        points = sorted(
            {start, end, *(max(start, min(end, p)) for s0, e0, _ in spans for p in (s0, e0))}
        )
        for a, b in itertools.pairwise(points):
            if a >= b:
                continue
            run_style = style
            for s, e, sp in spans:
                if s <= a and b <= e:
                    run_style = run_style + sp
            segments.append(Segment(text[a - start : b - start], run_style))
        return Strip(segments)
