"""Quotations: found again only for articles whose text, mentions or quote rules changed."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from reader.domain.model import Article, RawMention
from reader.domain.store import Store
from reader.domain.updating.state import UpdaterState

if TYPE_CHECKING:
    from reader.domain.quotes.types import RawQuote


class QuotesStage(UpdaterState):
    """Finds the quotations of new or changed articles."""

    def _quotes(
        self, store: Store, corpus: Mapping[str, Article], raw: Mapping[str, list[RawMention]]
    ) -> dict[str, tuple[str, list[RawQuote]]]:
        """Quotations of every article whose text, mentions or quote rules changed (regular
        expressions on the text and its raw mentions: no model). Keyed by the article's NER key
        (`self.ner_keys`, set by extraction) and the quote rules' version."""
        from reader.domain.quotes.extract import extract_quotes
        from reader.domain.quotes.version import QUOTES_VERSION

        self._check()
        stored = store.quote_keys()
        out: dict[str, tuple[str, list[RawQuote]]] = {}
        for aid in corpus:
            key = f"{QUOTES_VERSION}:{self.ner_keys[aid]}"
            if stored.get(aid) != key:
                out[aid] = (key, extract_quotes(corpus[aid], raw.get(aid, [])))
        return out
