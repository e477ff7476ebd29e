"""The search index: only documents whose text or entity terms changed are sent to Whoosh."""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from reader.domain.model import (
    Article,
    Mention,
)
from reader.domain.store import Store
from reader.domain.updating.common import (
    SEARCH_DIR,
)
from reader.domain.updating.state import UpdaterState

if TYPE_CHECKING:
    from reader.domain.search import IndexDoc, SearchIndex
    from reader.domain.updating.corpus_view import CorpusView
    from reader.domain.updating.link import LinkUpdate


class IndexStage(UpdaterState):
    """Brings the search index up to date."""

    def _index(
        self, store: Store, corpus: CorpusView, linked: LinkUpdate, schema_changed: bool
    ) -> dict[str, str]:
        """Send Whoosh the documents whose text or entity terms changed; return the terms
        hashes that changed (linking gives the mentions of the articles that may have)."""
        from reader.domain.search import IndexBusy, IndexCorrupt, SearchIndex

        self._check()
        terms_before = store.terms_hashes()
        terms_after: dict[str, str] = {}
        terms_of: dict[str, list[str]] = {}
        for aid, mentions in linked.mentions.items():
            terms = entity_terms(mentions)
            terms_of[aid] = terms
            terms_after[aid] = hashlib.sha256("\n".join(terms).encode()).hexdigest()
        directory = self.index_dir / SEARCH_DIR
        try:
            try:
                self._send(
                    store,
                    SearchIndex.open_or_create(directory),
                    corpus,
                    terms_of,
                    terms_before,
                    terms_after,
                    schema_changed,
                )
            except IndexCorrupt as exc:  # damage found only now (Whoosh has no checksums)
                self._check()
                self.report.notices.append(f"The search index was damaged ({exc}); rebuilt it.")
                self._send(
                    store,
                    SearchIndex.create(directory, reason=str(exc)),
                    corpus,
                    terms_of,
                    terms_before,
                    terms_after,
                    schema_changed,
                )
        except IndexBusy:
            # Every writer of ours holds the writer lock first: this is a foreign program.
            self.search_pending = True
            self.report.notices.append(
                "The search index is locked by another program; search may miss the latest "
                "changes until the next update."
            )
            return {}
        return terms_after

    def _send(
        self,
        store: Store,
        index: SearchIndex,
        corpus: CorpusView,
        terms_of: dict[str, list[str]],
        terms_before: Mapping[str, str | None],
        terms_after: dict[str, str],
        schema_changed: bool,
    ) -> None:
        """Send `index` the documents that are missing, stale or changed; delete the others.

        A document is stale when its stored content hash differs from the article's, which
        also repairs an index left ahead of (or behind) the store by a killed process."""
        try:
            if index.needs_rebuild:
                self.report.notices.append(f"The search index was rebuilt ({index.rebuilt}).")
            indexed = index.doc_hashes()
            send = {
                aid
                for aid in corpus
                if aid in self.changed
                or aid not in indexed
                or indexed[aid] != corpus.content_hash(aid)
                or terms_before.get(aid) != terms_after.get(aid, terms_before.get(aid))
                or schema_changed
            }
            delete = sorted((indexed.keys() - set(corpus)) | (self.removed & indexed.keys()))
            docs = [
                _index_doc(corpus[aid], self._terms(store, aid, terms_of)) for aid in sorted(send)
            ]
            if docs or delete:
                self.say("indexing", 0, len(docs))
                index.update(docs, delete, progress=lambda d, t: self.say("indexing", d, t))
        finally:
            index.close()


    def _terms(self, store: Store, aid: str, terms_of: dict[str, list[str]]) -> list[str]:
        """An article's entity terms: from linking's result when it redid the article, else
        from its stored linked mentions."""
        terms = terms_of.get(aid)
        if terms is None:
            terms = terms_of[aid] = entity_terms(store.mentions_of(aid))
        return terms


def entity_terms(mentions: Sequence[Mention]) -> list[str]:
    """The `entity` search field of an article: the id of every entity it mentions and the
    names it uses for them. Other aliases are resolved to ids at query time, so a new alias
    elsewhere in the corpus does not make this article's document change."""
    terms: set[str] = set()
    for m in mentions:
        terms.add(m.entity)
        terms.add(m.text)
    return sorted(terms)


def _index_doc(article: Article, terms: list[str]) -> IndexDoc:
    from reader.domain.search import IndexDoc

    return IndexDoc(
        id=article.id,
        path=article.path,
        title=article.title,
        date=article.date,
        source=article.source,
        text=article.text,
        entity_terms=terms,
        content_hash=article.content_hash,
    )
