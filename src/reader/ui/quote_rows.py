"""What the cross-reference panel shows of quotations: the card of a selected quotation (its
speaker and cue) with a row for every article carrying it, and an entity's Quotes section.

Rows are `(text, article, field, start)`; the panel turns them into options that jump to the
quotation. Every string is untrusted and goes through `plain`/`shorten`.
"""

from __future__ import annotations

from typing import Any

from rich.style import Style
from rich.text import Text

from reader.domain.model import Field
from reader.domain.quotes.types import Quote
from reader.ui.text import plain, shorten

QuoteRow = tuple[Text, str, Field, int]
#: an entity's Quotes section lists at most this many rows
MAX_QUOTE_ROWS = 200


def _where(library: Any, article_id: str, *, with_title: bool = False) -> str:
    """Outlet and date of an article for a row (its headline too when asked)."""
    try:
        info = library.info(article_id)
    except (KeyError, AttributeError):
        return article_id
    parts = [str(info.source)] if info.source else []
    if with_title:
        parts.append(shorten(str(info.title), 50))
    parts.append(str(info.date) if info.date else "undated")
    return " · ".join(parts)


def quoted(text: str, limit: int, style: Style | str = "") -> Text:
    """`« text »` cut to `limit` characters, with no break after « or before »."""
    return plain("«\u00a0" + shorten(text, limit) + "\u00a0»", style)


def quote_card(quote: Quote, speaker_name: str | None, copies: int) -> Text:
    """The card of a selected quotation: the words, who said them, how they were reported."""
    card = quoted(quote.text, 160, Style(italic=True))
    card.append("\n")
    if quote.speaker is None:
        card.append("speaker unknown", "dim")
    else:
        card.append_text(plain(speaker_name or quote.speaker, "bold"))
        if speaker_name and speaker_name != quote.speaker:
            card.append_text(plain(f" ({quote.speaker})", "dim"))
        if quote.cue:
            card.append_text(plain(f" · {quote.cue}", "dim"))
    if copies > 1:
        card.append(f"\nin {copies} places; the first listed carried it first", "dim")
    return card


def same_quote_rows(library: Any, same: list[Quote], current: str | None) -> list[QuoteRow]:
    """A row per article carrying the quotation (first carrier first)."""
    rows: list[QuoteRow] = []
    for n, q in enumerate(same):
        row = Text("▸ " if q.article == current else "· ", "bold")
        row.append_text(plain(shorten(_title(library, q.article), 60), "bold"))
        meta = _where(library, q.article)
        if n == 0 and len(same) > 1:
            meta += " · first"
        if q.field == "title":
            meta += " · headline"
        row.append("\n  ")
        row.append_text(plain(meta, "dim"))
        row.append("\n  ")
        row.append_text(quoted(q.text, 120, Style(italic=True)))
        rows.append((row, q.article, q.field, q.start))
    return rows


def entity_quote_rows(library: Any, quotes: list[Quote], current: str | None) -> list[QuoteRow]:
    """The Quotes section of an entity card: each quotation with outlet and date."""
    rows: list[QuoteRow] = []
    for q in quotes[:MAX_QUOTE_ROWS]:
        row = Text("▸ " if q.article == current else "· ", "bold")
        row.append_text(plain(_where(library, q.article, with_title=True), "dim"))
        if q.cue:
            row.append_text(plain(f" · {q.cue}", "dim"))
        row.append("\n  ")
        row.append_text(quoted(q.text, 140, Style(italic=True)))
        rows.append((row, q.article, q.field, q.start))
    return rows


def _title(library: Any, article_id: str) -> str:
    try:
        return str(library.info(article_id).title)
    except (KeyError, AttributeError):
        return article_id
