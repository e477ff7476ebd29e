"""Quotations in the reader: walk them with `"` / `'`, show the selected one's speaker and every
article carrying it in the panel, jump to the same quotation elsewhere, and the entity card's
Quotes section."""

from __future__ import annotations

import contextlib
from typing import TYPE_CHECKING

from textual import on
from textual.css.query import NoMatches

from reader.domain.quotes.types import Quote
from reader.ui.app_base import ReaderBase
from reader.ui.app_loading import QUOTES_WARM_MAX
from reader.ui.article_view import ArticleView
from reader.ui.history import Location
from reader.ui.messages import SameQuoteReady
from reader.ui.quote_marks import QuoteJumpRequested, QuoteSelected
from reader.ui.xref_panel import XrefPanel

if TYPE_CHECKING:
    from reader.domain.library import Library


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
        if lib.quote_groups_ready() or len(lib.infos) <= QUOTES_WARM_MAX:
            self._show_quote(message.article, message.quote, self._same(lib, message))
            return
        # a big corpus whose quotations are not grouped yet: the card now, the places later
        self._show_quote(message.article, message.quote, [message.quote])

        def work() -> None:
            same = self._same(lib, message)
            self.post_message(SameQuoteReady(lib, message.article, message.quote, same))

        self.run_worker(work, thread=True, name="same-quote", group="same-quote", exclusive=True)

    def _same(self, lib: Library, message: QuoteSelected) -> list[Quote]:
        """Every place carrying the selected quotation (just it when that cannot be read)."""
        try:
            original = lib.quotes(message.article)
            index = next(
                i
                for i, q in enumerate(original)
                if (q.field, q.start, q.end)
                == (message.quote.field, message.quote.start, message.quote.end)
            )
            return lib.same_quote(message.article, index)
        except Exception as exc:
            self.log.warning(f"same_quote() failed: {exc!r}")
            return [message.quote]

    def _show_quote(self, article: str, quote: Quote, same: list[Quote]) -> None:
        lib = self.library
        speaker = None
        if lib is not None and quote.speaker_entity is not None:
            ent = lib.entities.get(quote.speaker_entity)
            speaker = ent.name if ent is not None else None
        panel = self.query_one(XrefPanel)
        panel.show_quote(quote, same, speaker)
        panel.set_current_quote(article, quote.field, quote.start)

    def on_same_quote_ready(self, message: SameQuoteReady) -> None:
        """The places carrying a quotation were found: list them if it is still shown."""
        with contextlib.suppress(NoMatches):  # arriving while the app shuts down
            panel = self.query_one(XrefPanel)
            if message.library is self.library and panel.quote == message.quote:
                self._show_quote(message.article, message.quote, message.same)

    @on(QuoteJumpRequested)
    def _quote_jump(self, message: QuoteJumpRequested) -> None:
        """A panel row: go to that quotation and select it."""
        self.goto(Location(message.article, message.field, message.start), select=False)
        self.query_one(ArticleView).select_quote_at(message.field, message.start)
