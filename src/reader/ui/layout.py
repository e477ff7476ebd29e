"""Lay an article out as wrapped display lines (offsets only; styling happens per visible line).

Wrapping is done on plain strings, once per width, so a 20,000-word article lays out in a few
milliseconds and only the lines on screen are ever styled (see `ArticleView.render_line`).
"""

from __future__ import annotations

import itertools
import re
from bisect import bisect_right
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Literal

from reader.domain.model import Article, Field
from reader.domain.sanitize import sanitize, sanitize_inline
from reader.domain.typography import fold_point, wrap_key
from reader.ui.wrapping import divide_line

LineKind = Literal["title", "meta", "removed", "text", "blank"]
# Characters that do not take exactly one cell (East Asian wide, emoji, combining marks).
_NOT_SINGLE_CELL = re.compile(
    "[\u0300-\u036f\u1100-\u115f\u231a\u231b\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf"
    "\u4e00-\u9fff\ua000-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe10-\ufe19\ufe30-\ufe6f"
    "\uff00-\uff60\uffe0-\uffe6\U0001f000-\U0001faff\U00020000-\U0003fffd]"
)


@dataclass(frozen=True, slots=True)
class DisplayLine:
    """One screen line: `source[start:end]`; `field` is set when offsets index the article."""

    kind: LineKind
    source: str
    start: int
    end: int
    field: Field | None = None

    @property
    def text(self) -> str:
        """The characters on this line (trailing spaces removed)."""
        return self.source[self.start : self.end]


@lru_cache(maxsize=64)
def _line_pattern(width: int) -> re.Pattern[str]:
    # Greedy: the longest run starting at a non-space that ends before a space (or the end).
    return re.compile(rf"\S.{{0,{width - 1}}}(?=\s|$)")


_NON_SPACE = re.compile(r"\S")


def wrap_offsets(text: str, width: int) -> list[tuple[int, int]]:
    """Greedy word wrap of a one-line string: `(start, end)` of each line, trailing space dropped.

    French typography holds: the wrapping runs on `wrap_key(text)`, in which the spaces before
    `» : ; ! ?` and after `«` are not spaces (`reader.domain.typography`). A compiled regular
    expression finds each line (a couple of milliseconds for 20,000 words); a word longer than
    the line is cut at `width`, never next to a protected space. Text holding wide or
    zero-width characters goes through the cell-aware `wrapping.divide_line`.
    """
    width = max(1, width)
    if not text.strip():
        return [(0, 0)]
    if _NOT_SINGLE_CELL.search(text):
        breaks = [0, *divide_line(text, width, fold=True), len(text)]
        return [
            (a + len(text[a:b]) - len(text[a:b].lstrip()), a + len(text[a:b].rstrip()))
            for a, b in itertools.pairwise(breaks)
            if text[a:b].strip()
        ]
    key = wrap_key(text)
    line = _line_pattern(width)
    out: list[tuple[int, int]] = []
    pos = 0
    while (first := _NON_SPACE.search(key, pos)) is not None:
        start = first.start()
        match = line.match(key, start)
        if match is not None:
            end = start + len(match.group().rstrip())
        else:  # a word longer than the line
            end = fold_point(text, start, start + width, key)
        out.append((start, end))
        pos = end
    return out


def _paragraphs(article: Article) -> list[tuple[int, int]]:
    """The article's paragraphs split further at newlines (offsets into `text`)."""
    spans = article.paragraphs or [(0, len(article.text))]
    out: list[tuple[int, int]] = []
    text = article.text
    for start, end in spans:
        pos = start
        while pos <= end:
            nl = text.find("\n", pos, end)
            stop = end if nl < 0 else nl
            if text[pos:stop].strip():
                out.append((pos, stop))
            if nl < 0:
                break
            pos = nl + 1
    return out


@dataclass
class ArticleLayout:
    """All display lines of an article at one width, and a map from text offsets to lines."""

    lines: list[DisplayLine]
    width: int
    _text_starts: list[int] = field(default_factory=list)
    _text_lines: list[int] = field(default_factory=list)
    _title_lines: list[int] = field(default_factory=list)

    def __post_init__(self) -> None:
        for index, line in enumerate(self.lines):
            if line.field == "text":
                self._text_starts.append(line.start)
                self._text_lines.append(index)
            elif line.field == "title":
                self._title_lines.append(index)

    def line_of(self, fld: Field, offset: int) -> int:
        """Index of the display line holding `offset` of the article's `fld`."""
        if fld == "title":
            for index in self._title_lines:
                if self.lines[index].start <= offset <= self.lines[index].end:
                    return index
            return self._title_lines[0] if self._title_lines else 0
        if not self._text_starts:
            return 0
        pos = bisect_right(self._text_starts, offset) - 1
        return self._text_lines[max(0, pos)]

    def text_offset_at(self, line_index: int) -> int:
        """The text offset at the start of display line `line_index` (or of the next text line)."""
        if not self._text_lines:
            return 0
        pos = bisect_right(self._text_lines, line_index) - 1
        return self._text_starts[max(0, pos)]


def meta_line(article: Article) -> str:
    """The line under the headline: date (or "undated"), outlet, authors, the article's id
    (to copy for `reader xref --article`) and its file."""
    authors = "par " + ", ".join(article.author) if article.author else ""
    parts = [article.date or "undated", article.source or "", authors, f"id {article.id}"]
    parts.append(article.path)
    if article.title_derived:
        parts.append("≈ headline derived from the text")
    return " · ".join(sanitize_inline(p) for p in parts if p)


def layout_article(article: Article, width: int, *, show_removed: bool = False) -> ArticleLayout:
    """Wrap the headline, the meta line, the removed boilerplate (optional) and the paragraphs."""
    width = max(10, width)
    lines: list[DisplayLine] = []
    for a, b in wrap_offsets(article.title, width):
        lines.append(DisplayLine("title", article.title, a, b, "title"))
    meta = meta_line(article)
    for a, b in wrap_offsets(meta, width):
        lines.append(DisplayLine("meta", meta, a, b))
    lines.append(DisplayLine("blank", "", 0, 0))
    if show_removed:
        if not article.removed:
            note = "(nothing was removed from this article)"
            lines.append(DisplayLine("removed", note, 0, len(note)))
        for removed in article.removed:
            chunk = f"⌫ {sanitize_inline(removed.kind)}: {sanitize(removed.text)}"
            for piece in chunk.split("\n"):
                for a, b in wrap_offsets(piece, width):
                    lines.append(DisplayLine("removed", piece, a, b))
        lines.append(DisplayLine("blank", "", 0, 0))
    text = article.text
    for pstart, pend in _paragraphs(article):
        para = text[pstart:pend]
        for a, b in wrap_offsets(para, width):
            lines.append(DisplayLine("text", text, pstart + a, pstart + b, "text"))
        lines.append(DisplayLine("blank", "", 0, 0))
    if lines and lines[-1].kind == "blank":
        lines.pop()
    return ArticleLayout(lines, width)
