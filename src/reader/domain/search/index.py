"""The on-disk Whoosh index of a corpus: incremental updates, guarded queries, did-you-mean.

The index is a cache: it can always be rebuilt from the articles. `SearchIndex.open_or_create`
opens it, or recreates it empty when it is missing, corrupt or from another `SCHEMA_VERSION`
(`SearchIndex.rebuilt` then says why, and the caller must send every article again).

Fields: ``id`` (unique), ``path`` and ``content_hash`` (stored only), ``title`` (French analysis,
×2.5 BM25F field boost), ``body`` (French analysis; query alias ``text:``), ``date`` (exact),
``source`` (French analysis), ``entity`` (entity ids and the article's names, folded: see
`analysis.entity_term`) and ``spell`` (unstemmed folded words of title and body, for
"did you mean"). The French fields are indexed through `analysis.FrenchPositions` /
`analysis.FrenchFrequency`, which produce the analyzer's postings without its token chain.
Title and body are stored, so hits, snippets and match offsets can be computed
without the caller's texts; pass ``texts`` to `SearchIndex.search` to compute them on the texts
the reader shows instead (offsets then point into those strings).

Query speed: exact phrases become `FastPhrase` (documents found from whole posting lists,
positions checked once per candidate, scored as Whoosh scores a phrase) and a result's total is
counted with set operations (`phrases.count_hits`) rather than by running the query a second time.

Thread safety: one `SearchIndex` may be shared between threads (a Textual worker and the UI
thread); searches and updates are serialised by a lock and the shared searcher is refreshed after
every update and whenever another process committed.

Split by job: `documents` (schema, `IndexDoc`, hits and snippets), `query` (guard rails,
`entity:` rewriting, the words a query looks for), `suggest` (did-you-mean), `mapped` (segment
files read through the memory map); this module opens, updates and searches the index, and
re-exports those names.
"""

from __future__ import annotations

import contextlib
import os
import threading
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any, Literal

from whoosh import index as windex
from whoosh import query as wq
from whoosh.filedb.filestore import FileStorage
from whoosh.qparser import AndGroup, FieldAliasPlugin, MultifieldParser
from whoosh.scoring import BM25F

from reader.domain.model import Hit, SearchResult
from reader.domain.search.analysis import (
    french_analyzer,
)
from reader.domain.search.documents import (
    TITLE_BOOST,
    IndexDoc,
    SearchHit,
    Snippet,
    build_schema,
    snippet_spans,
)
from reader.domain.search.errors import IndexBusy, IndexCorrupt, IndexNeedsRebuild, QueryError
from reader.domain.search.mapped import install as _install_mapped_segments
from reader.domain.search.parallel import Helper, pool_limit, write_batch
from reader.domain.search.phrase_top import top_phrase_hits
from reader.domain.search.phrases import count_hits, fast_phrases
from reader.domain.search.query import (
    FUZZY_UNSUPPORTED,
    INNER_WILDCARD_UNSUPPORTED,
    MAX_EXPANSION,
    MAX_NESTING,
    MAX_PHRASE_WORDS,
    MAX_QUERY_CHARS,
    QUERY_FIELDS,
    TEXT_FIELDS,
    check_parsed,
    check_query,
    entity_phrases,
    expand_entities,
    positive_terms,
)
from reader.domain.search.snippets import find_matches, make_snippet
from reader.domain.search.storage import (
    INDEX_NAME,
    LOCK_TIMEOUT,
    VERSION_FILE,
    describe,
    is_index_file,
    read_version,
    verify,
    write_version,
)
from reader.domain.search.storage import acquire as _acquire
from reader.domain.search.suggest import suggest_query
from reader.domain.versions import SEARCH_SCHEMA_VERSION

__all__ = [
    "FUZZY_UNSUPPORTED",
    "INNER_WILDCARD_UNSUPPORTED",
    "MAX_EXPANSION",
    "MAX_NESTING",
    "MAX_PHRASE_WORDS",
    "MAX_QUERY_CHARS",
    "QUERY_FIELDS",
    "SCHEMA_VERSION",
    "TITLE_BOOST",
    "IndexDoc",
    "SearchHit",
    "SearchIndex",
    "Snippet",
    "build_schema",
    "check_query",
    "entity_phrases",
    "expand_entities",
    "snippet_spans",
]

_install_mapped_segments()  # segments are read through the map, not copied (see `mapped`)

#: How a search counts the matching articles (see `SearchIndex.search`).
Count = Literal["exact", "estimate", "none"]

#: Bump whenever the schema or the analysis changes: an index with another version is rebuilt.
SCHEMA_VERSION = SEARCH_SCHEMA_VERSION  # bump it in `reader.domain.versions`


# -- the index ----------------------------------------------------------------------------------


class SearchIndex:
    """A Whoosh index in one directory. Create with `SearchIndex.open_or_create`."""

    def __init__(
        self, directory: Path, ix: Any, rebuilt: str | None = None, created: bool = False
    ) -> None:
        self.directory = directory
        #: Why an unusable index was replaced by an empty one on opening (None otherwise).
        self.rebuilt = rebuilt
        #: True when the index was created empty by this call (new, or `rebuilt`).
        self.created = created or rebuilt is not None
        self._ix = ix
        self._lock = threading.RLock()
        self._searcher: Any = None
        self._plain_analyzer = french_analyzer(stem=False)
        self._parser = MultifieldParser(list(TEXT_FIELDS), ix.schema, group=AndGroup)
        self._parser.add_plugin(FieldAliasPlugin({"body": ["text"]}))

    # -- opening ---------------------------------------------------------------------------
    @classmethod
    def open(cls, directory: str | os.PathLike[str]) -> SearchIndex:
        """Open an existing index. Raises `IndexNeedsRebuild` (missing, or another schema
        version) or `IndexCorrupt` (unreadable)."""
        path = Path(directory)
        version = read_version(path)
        try:
            exists = windex.exists_in(str(path), indexname=INDEX_NAME)
        except Exception as exc:
            raise IndexCorrupt(f"search index in {path} is unreadable: {describe(exc)}") from exc
        if not exists:
            raise IndexNeedsRebuild(f"no search index in {path}")
        if version != str(SCHEMA_VERSION):
            raise IndexNeedsRebuild(
                f"search index in {path} has schema version {version or 'unknown'}, "
                f"this program uses {SCHEMA_VERSION}"
            )
        searcher = None
        try:
            ix = windex.open_dir(str(path), indexname=INDEX_NAME)
            searcher = ix.searcher(weighting=BM25F())
            verify(searcher.reader())
        except Exception as exc:
            if searcher is not None:
                with contextlib.suppress(Exception):
                    searcher.close()
            raise IndexCorrupt(f"search index in {path} is unreadable: {describe(exc)}") from exc
        opened = cls(path, ix)
        opened._searcher = searcher  # the verified readers serve the first queries
        return opened

    @classmethod
    def create(cls, directory: str | os.PathLike[str], reason: str | None = None) -> SearchIndex:
        """Create an empty index, deleting any index files (and only those) already in
        `directory`. Waits for another writer like `update` (`IndexBusy`)."""
        path = Path(directory)
        path.mkdir(parents=True, exist_ok=True)
        storage = FileStorage(str(path))
        lock = storage.lock(f"{INDEX_NAME}_WRITELOCK")
        _acquire(lock.acquire, path)
        try:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(path / VERSION_FILE)
            for name in os.listdir(path):
                if is_index_file(name) and name != f"{INDEX_NAME}_WRITELOCK":
                    with contextlib.suppress(FileNotFoundError, IsADirectoryError):
                        os.unlink(path / name)
            ix = windex.create_in(str(path), build_schema(), indexname=INDEX_NAME)
            write_version(path, SCHEMA_VERSION)
        finally:
            lock.release()
        return cls(path, ix, rebuilt=reason, created=True)

    @classmethod
    def open_or_create(
        cls, directory: str | os.PathLike[str], rebuild: bool = False
    ) -> SearchIndex:
        """Open the index in `directory`, or create it empty when it is missing, from another
        schema version, corrupt, or `rebuild` is True. `rebuilt` on the result tells why it
        was (re)created (None: opened as it was): the caller must then add every article."""
        if rebuild:
            return cls.create(directory, reason="rebuild requested")
        path = Path(directory)
        try:
            return cls.open(path)
        except (IndexNeedsRebuild, IndexCorrupt) as exc:
            fresh = not path.exists() or not any(is_index_file(n) for n in os.listdir(path))
            return cls.create(path, reason=None if fresh else str(exc))

    @property
    def needs_rebuild(self) -> bool:
        """True when an existing index was unusable (corrupt, other schema version) and was
        replaced by an empty one: every article must be added again (see `rebuilt`)."""
        return self.rebuilt is not None

    def close(self) -> None:
        """Close the shared searcher (the index can still be used: it reopens on demand)."""
        with self._lock:
            if self._searcher is not None:
                self._searcher.close()
                self._searcher = None

    def __enter__(self) -> SearchIndex:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- contents --------------------------------------------------------------------------
    def doc_count(self) -> int:
        """Number of (live) documents."""
        with self._lock:
            return int(self._guarded(lambda s: s.doc_count()))

    def doc_hashes(self) -> dict[str, str]:
        """Article id → the `content_hash` it was indexed with."""

        def run(s: Any) -> dict[str, str]:
            return {f["id"]: f.get("content_hash", "") for f in s.reader().all_stored_fields()}

        with self._lock:
            result: dict[str, str] = self._guarded(run)
            return result

    def doc_ids(self) -> set[str]:
        """Ids of every indexed article."""
        return set(self.doc_hashes())

    # -- writing ---------------------------------------------------------------------------
    def update(
        self,
        add: Iterable[IndexDoc],
        delete: Sequence[str] = (),
        progress: Callable[[int, int], None] | None = None,
        lock_timeout: float = LOCK_TIMEOUT,
        count: int | None = None,
        helper: Helper | None = None,
    ) -> None:
        """Delete the articles whose ids are in `delete`, add or replace those in `add`, and
        commit once. `progress(done, total)` is called after each added document. Another
        writer is waited for up to `lock_timeout` seconds, then `IndexBusy` is raised.

        `add` given with its `count` is taken one document at a time (an iterator of
        documents with distinct ids: a big batch is never held whole); otherwise it is a
        collection, in which the last document of an id wins. With a `helper` (see
        `parallel`), a big first batch of an empty index is written half by another process."""
        if count is None:
            add = list({doc.id: doc for doc in add}.values())  # one document per id, last wins
            count = len(add)
        if not count and not delete:
            return
        limitmb = pool_limit(count, helper is not None)
        with self._lock:
            writer = _acquire(
                lambda: self._ix.writer(timeout=0.0, limitmb=limitmb), self.directory, lock_timeout
            )
            try:
                write_batch(self._ix, writer, self.directory, add, delete, count, progress, helper)
            except BaseException:
                with contextlib.suppress(Exception):
                    writer.cancel()
                raise
            self._refresh()

    # -- searching -------------------------------------------------------------------------
    def parse(self, text: str) -> Any:
        """Parse a query string (Whoosh syntax) into a Whoosh query; `QueryError` if rejected."""
        check_query(text)
        if not text.strip():
            raise QueryError("empty query")
        try:
            q = self._parser.parse(text)
        except RecursionError as exc:
            raise QueryError("query too deeply nested") from exc
        except Exception as exc:
            raise QueryError(f"query not understood: {describe(exc)}") from exc
        if isinstance(q, wq.Every):
            raise QueryError("a query cannot be only a wildcard")
        check_parsed(q)
        return fast_phrases(q)

    def search(
        self,
        query: str,
        limit: int = 20,
        texts: Mapping[str, str] | None = None,
        titles: Mapping[str, str] | None = None,
        entity_id: Callable[[str], str | None] | None = None,
        entity_names: Callable[[str], Sequence[str]] | None = None,
        count: Count = "estimate",
    ) -> SearchResult:
        """Run `query`; hits best first (BM25F), each a `SearchHit` with a plain `Snippet`,
        its `snippet_matches`, and `matches` (offsets into the article's text, or its title with
        ``field="title"``). `texts` / `titles` (id → string) replace the stored ones for the
        snippets, titles and offsets. `entity_id` maps a queried entity name (an `entity_term`)
        to the entity's id, so that `entity:NAME` finds every article mentioning the entity
        under any of its names; `entity_names` gives an entity id's names, whose occurrences in
        a hit are its matches (without it, the queried name's own occurrences are). `count`:
        "exact" counts every matching article; "estimate" (the default) may estimate the total
        of a phrase with many candidates (`phrase_top`: the hits stay exact); "none" does not
        count (`total` is the number of hits). `total_exact` says which the result holds.
        Raises `QueryError` (rejected query) or `IndexCorrupt`."""
        with self._lock:  # the parser is shared too
            q = self.parse(query)
            names = entity_phrases(q, entity_id, entity_names)
            if entity_id is not None:
                q = expand_entities(q, entity_id)
            result: SearchResult = self._guarded(
                lambda s: self._run(s, query, q, max(1, limit), texts, titles, names, count)
            )
            return result

    def suggest(self, query: str) -> str | None:
        """A corrected query ("did you mean") from the index's own words, or None."""
        with self._lock:
            q = self.parse(query)
            result: str | None = self._guarded(
                lambda s: suggest_query(s.reader(), query, q, self._plain_analyzer)
            )
            return result

    # -- internals -------------------------------------------------------------------------
    def _refresh(self) -> None:
        # Not `Searcher.refresh()`: it reuses segment readers and misses new deletions.
        if self._searcher is not None:
            self._searcher.close()
            self._searcher = None

    def _current(self) -> Any:
        if self._searcher is not None and not self._searcher.up_to_date():
            self._refresh()
        if self._searcher is None:
            self._searcher = self._ix.searcher(weighting=BM25F())
        return self._searcher

    def _guarded(self, fn: Callable[[Any], Any]) -> Any:
        try:
            return fn(self._current())
        except (QueryError, IndexBusy):
            raise
        except Exception as exc:
            with contextlib.suppress(Exception):
                self.close()
            raise IndexCorrupt(
                f"search index in {self.directory} is unreadable: {describe(exc)}"
            ) from exc

    def _run(
        self,
        searcher: Any,
        query: str,
        q: Any,
        limit: int,
        texts: Mapping[str, str] | None,
        titles: Mapping[str, str] | None,
        entity_names: Sequence[tuple[str, ...]] = (),
        count: Count = "estimate",
    ) -> SearchResult:
        top = None
        if count != "exact":
            top = top_phrase_hits(searcher, q, limit, estimate=count == "estimate")
        found: list[tuple[float, int]]
        if top is not None:
            found, total, exact = top.hits, top.total, False  # "none": total = len(hits)
        else:
            results = searcher.search(q, limit=limit)
            found = [(hit.score, hit.docnum) for hit in results]
            exact = count != "none"
            total = count_hits(searcher, q) if exact else len(found)
        terms, phrases = positive_terms(q, searcher.reader())
        for fieldname in TEXT_FIELDS:  # an entity's names are matches wherever they occur
            phrases[fieldname].extend(entity_names)
        hits: list[Hit] = []
        for score, docnum in found:
            stored = searcher.stored_fields(docnum)
            doc_id = stored["id"]
            title = titles.get(doc_id) if titles is not None else None
            if title is None:
                title = stored.get("title") or ""
            text = texts.get(doc_id) if texts is not None else None
            if text is None:
                text = stored.get("body") or ""
            matches = find_matches(text, "text", terms["body"], phrases["body"])
            snippet, spans = make_snippet(text, matches)
            title_matches = find_matches(title, "title", terms["title"], phrases["title"])
            hits.append(
                SearchHit(
                    article=doc_id,
                    title=title,
                    score=round(float(score), 4),
                    snippet=Snippet(snippet, spans),
                    matches=title_matches + matches,
                    snippet_matches=spans,
                )
            )
        suggestion = suggest_query(searcher.reader(), query, q, self._plain_analyzer)
        return SearchResult(
            query=query, total=total, hits=hits, suggestion=suggestion, total_exact=exact
        )


# -- helpers ------------------------------------------------------------------------------------
