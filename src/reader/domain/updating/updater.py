"""One run of `update()`: the stages in order, then one commit of what they found."""

from __future__ import annotations

import shutil
import time
from typing import TYPE_CHECKING

from reader.domain.entities.version import MODEL_VERSION
from reader.domain.model import (
    Problem,
)
from reader.domain.store import Store
from reader.domain.updating.common import (
    SEARCH_DIR,
    UpdateReport,
    open_store,
    store_files,
    versions,
)
from reader.domain.updating.corpus_view import CorpusView, StoredArticles
from reader.domain.updating.extract import ExtractStage
from reader.domain.updating.index import IndexStage
from reader.domain.updating.link import LinkStage
from reader.domain.updating.passages import PassagesStage
from reader.domain.updating.quotes import QuotesStage
from reader.domain.updating.read import ReadStage
from reader.domain.updating.scan import scan

if TYPE_CHECKING:
    pass


class Updater(ReadStage, ExtractStage, QuotesStage, LinkStage, IndexStage, PassagesStage):
    """One run of `update()`, step by step (scan, read, analyse, link, index, passages, commit)."""

    def run(self, rebuild: bool) -> UpdateReport:
        started = time.perf_counter()
        if rebuild:
            from reader.domain.updating import link_cache
            from reader.domain.xref import passage_store

            passage_store.discard(self.index_dir)
            link_cache.discard(self.index_dir)
            shutil.rmtree(self.index_dir / SEARCH_DIR, ignore_errors=True)
            for path in store_files(self.index_dir):
                path.unlink(missing_ok=True)
        store = open_store(self.index_dir, self.report.notices)
        try:
            self._run(store)
        finally:
            store.close()
            if self.pool is not None:
                self.pool.terminate()
                self.pool.join()
        self.report.seconds = time.perf_counter() - started
        self.say("done", 1, 1)
        return self.report

    def _run(self, store: Store) -> None:
        wanted = versions(self.paths)
        stale = {k for k, v in wanted.items() if store.get_meta(f"version:{k}") != v}
        reread_all = self.reread_all = bool(stale & {"pipeline", "cleaning"})
        self.say("scanning", 0, 0)
        found, problems = scan(self.paths)
        recorded = store.manifest()
        manifest = {} if reread_all else recorded
        stored = StoredArticles(store)
        self._read_files(found, manifest, stored)
        gone = recorded.keys() - found.keys()
        rows = dict(self.file_rows)
        kept_ids = {aid for name in found for aid in (rows.get(name) or manifest[name]).ids}
        # whatever is stored but no longer produced by a file: deleted files, articles a
        # changed file no longer holds, ids that moved
        self.removed = set(stored) - kept_ids - set(self.changed)
        self.report.removed = len(self.removed)
        for name in sorted(found):
            entry = rows.get(name) or manifest[name]
            problems.extend(Problem(path, reason) for path, reason in entry.problems)
        self.report.problems = problems

        corpus = CorpusView(stored, self.changed, self.removed)
        _fresh, raw = self._analyse(store, corpus)  # committed chunk by chunk
        quotes = self._quotes(store, corpus, raw)
        linked = self._link(store, corpus, raw)
        terms_after = self._index(store, corpus, linked, "search_schema" in stale)
        touched, passages = self._passages(store, corpus)

        self._check()
        # written first; the commit records its token (a run killed in between leaves a
        # cache the next update does not use)
        from reader.domain.updating import link_cache
        from reader.domain.xref.passage_store import META_KEY as PASSAGE_KEY

        token = link_cache.save(self.index_dir, linked.state)
        ptoken = self.passage_store.save() if self.passage_store is not None else None
        with store.transaction():
            for aid in self.removed:
                store.delete_article(aid)
            for name in gone:
                store.delete_file(name)
            for article in self.changed.values():
                store.put_article(
                    article, article.path, (MODEL_VERSION, self.ner_keys[article.id])
                )
            for aid, keys in corpus.backfill.items():
                store.set_article_keys(aid, keys)
            for aid, (qkey, qs) in quotes.items():
                store.put_quotes(aid, qkey, qs)
            for name, entry in self.file_rows:
                store.put_file(name, entry)
            store.replace_links(linked.entity_rows, linked.mentions)
            store.set_meta(link_cache.META_KEY, token or "")
            if self.passage_store is not None:
                store.set_meta(PASSAGE_KEY, ptoken or "")
            for key, ev in linked.evidence.items():
                store.put_evidence(key, ev)
            store.prune_evidence(self.evidence_keys.values())
            for aid, th in terms_after.items():
                store.set_terms_hash(aid, th)
            store.replace_passages(touched, passages)
            store.replace_problems(problems)
            for key, value in wanted.items():
                store.set_meta(f"version:{key}", value)
            store.set_meta("complete", "0" if self.search_pending else "1")
