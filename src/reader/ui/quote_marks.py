"""The quotations of the article on screen: their spans (for marking them), which one is
selected, and walking them with `"` / `'`.

The article view holds one `QuoteMarks` and asks it which quote spans a display line crosses;
selecting a quote posts `QuoteSelected`, which the app answers by showing the speaker and
every article carrying the same quotation in the cross-reference panel.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right

from textual.message import Message

from reader.domain.model import Field
from reader.domain.quotes.types import Quote


class QuoteSelected(Message):
    """A quotation of the shown article was selected (by `"`/`'` or a jump to it)."""

    def __init__(self, article: str, index: int, quote: Quote) -> None:
        super().__init__()
        self.article = article
        self.index = index
        self.quote = quote


class QuoteJumpRequested(Message):
    """A panel row asks to go to a quotation (and select it there)."""

    def __init__(self, article: str, field: Field, start: int) -> None:
        super().__init__()
        self.article = article
        self.field = field
        self.start = start


def _order_key(fld: Field, offset: int) -> tuple[int, int]:
    return (0 if fld == "title" else 1, offset)


class QuoteMarks:
    """Quotations of one article by field, in reading order, and the selected one."""

    def __init__(self) -> None:
        self.quotes: list[Quote] = []
        self.selected: int | None = None
        self._by_field: dict[Field, list[int]] = {"title": [], "text": []}
        self._starts: dict[Field, list[int]] = {"title": [], "text": []}
        self._ends: dict[Field, list[int]] = {"title": [], "text": []}

    def set(self, quotes: list[Quote]) -> None:
        """Replace the quotations (nothing selected)."""
        ordered = sorted(
            (q for q in quotes if q.end > q.start), key=lambda q: _order_key(q.field, q.start)
        )
        self.quotes = ordered
        self.selected = None
        for fld in ("title", "text"):
            indexes = [i for i, q in enumerate(ordered) if q.field == fld]
            self._by_field[fld] = indexes  # type: ignore[index]
            self._starts[fld] = [ordered[i].start for i in indexes]  # type: ignore[index]
            self._ends[fld] = [ordered[i].end for i in indexes]  # type: ignore[index]

    def overlapping(self, fld: Field, start: int, end: int) -> list[tuple[int, int, bool]]:
        """`(start, end, selected)` of the quotations crossing `[start, end)` of `fld`."""
        first = bisect_right(self._ends[fld], start)
        last = bisect_left(self._starts[fld], end)
        out = []
        for pos in range(first, max(first, last)):
            i = self._by_field[fld][pos]
            q = self.quotes[i]
            out.append((q.start, q.end, i == self.selected))
        return out

    def index_at(self, fld: Field, offset: int) -> int | None:
        """The quotation covering `offset` of `fld` (its start included), if any."""
        for i, q in enumerate(self.quotes):
            if q.field == fld and q.start <= offset < max(q.end, q.start + 1):
                return i
        return None

    def index_of(self, quote: Quote) -> int | None:
        """Where `quote` is in reading order (None if it is not this article's)."""
        for i, q in enumerate(self.quotes):
            if (q.field, q.start, q.end) == (quote.field, quote.start, quote.end):
                return i
        return None

    def step(self, delta: int, anchor: tuple[Field, int] | None) -> int | None:
        """The quotation after (`delta=1`) or before (`-1`) the selected one, or else the
        position `anchor`; None past either end."""
        if not self.quotes:
            return None
        if self.selected is not None:
            target = self.selected + delta
        else:
            keys = [_order_key(q.field, q.start) for q in self.quotes]
            here = _order_key(*anchor) if anchor is not None else (0, -1)
            target = bisect_left(keys, here) if delta > 0 else bisect_left(keys, here) - 1
        return target if 0 <= target < len(self.quotes) else None
