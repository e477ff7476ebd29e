"""Quotations in the reader: walk them with `"` / `'`, show the selected one's speaker and every
article carrying it in the panel, jump to the same quotation elsewhere, and the entity card's
Quotes section."""

from __future__ import annotations

from textual import on

from reader.domain.quotes.types import Quote
from reader.ui.app_base import ReaderBase
from reader.ui.article_view import ArticleView
from reader.ui.history import Location
from reader.ui.quote_marks import QuoteJumpRequested, QuoteSelected
from reader.ui.xref_panel import XrefPanel


class QuotesMixin(ReaderBase):
    """Everything the reader does with quotations."""

    def quotes_of(self, article_id: str) -> list[Quote]:
        """The article's quotations (none if they cannot be read)."""
        if self.library is None:
            return []
        try:
            return self.library.quotes(article_id)
        except Exception as exc:  # a damaged row: the article still shows
            self.log.warning(f"quotes() failed: {exc!r}")
            return []

    def entity_quotes(self, entity_id: str) -> list[Quote]:
        """An entity's quotations across the corpus (for its card)."""
        if self.library is None:
            return []
        try:
            return self.library.entity_quotes(entity_id)
        except Exception as exc:
            self.log.warning(f"entity_quotes() failed: {exc!r}")
            return []

    def action_quote(self, delta: int) -> None:
        """`"` / `'`: next or previous quotation in this article."""
        view = self.query_one(ArticleView)
        if not view.quote_marks.quotes:
            self.notify("No quotations in this article.", timeout=2)
            return
        if not view.step_quote(delta):
            where = "last" if delta > 0 else "first"
            self.notify(f"That was the {where} quotation in this article.", timeout=2)

    @on(QuoteSelected)
    def _quote_selected(self, message: QuoteSelected) -> None:
        lib = self.library
        if lib is None:
            return
        try:
            original = lib.quotes(message.article)
            index = next(
                i
                for i, q in enumerate(original)
                if (q.field, q.start, q.end)
                == (message.quote.field, message.quote.start, message.quote.end)
            )
            same = lib.same_quote(message.article, index)
        except Exception as exc:
            self.log.warning(f"same_quote() failed: {exc!r}")
            same = [message.quote]
        speaker = None
        if message.quote.speaker_entity is not None:
            ent = lib.entities.get(message.quote.speaker_entity)
            speaker = ent.name if ent is not None else None
        panel = self.query_one(XrefPanel)
        panel.show_quote(message.quote, same, speaker)
        panel.set_current_quote(message.article, message.quote.field, message.quote.start)

    @on(QuoteJumpRequested)
    def _quote_jump(self, message: QuoteJumpRequested) -> None:
        """A panel row: go to that quotation and select it."""
        self.goto(Location(message.article, message.field, message.start), select=False)
        self.query_one(ArticleView).select_quote_at(message.field, message.start)
