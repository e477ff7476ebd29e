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
"""

from __future__ import annotations

import contextlib
import os
import re
import threading
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from whoosh import index as windex
from whoosh import query as wq
from whoosh.fields import ID, STORED, TEXT, Schema
from whoosh.filedb.filestore import FileStorage
from whoosh.index import LockError
from whoosh.qparser import AndGroup, FieldAliasPlugin, MultifieldParser
from whoosh.scoring import BM25F

from reader.domain.model import Hit, SearchResult
from reader.domain.search.analysis import (
    FrenchFrequency,
    FrenchPositions,
    FrenchTokenizer,
    entity_analyzer,
    entity_term,
    fold_token,
    french_analyzer,
    iter_terms,
)
from reader.domain.search.errors import IndexBusy, IndexCorrupt, IndexNeedsRebuild, QueryError
from reader.domain.search.mapped import install as _install_mapped_segments
from reader.domain.search.phrases import count_hits, fast_phrases
from reader.domain.search.snippets import find_matches, make_snippet
from reader.domain.versions import SEARCH_SCHEMA_VERSION, SEARCH_VERSION_FILE

_install_mapped_segments()  # segments are read through the map, not copied (see `mapped`)

#: Bump whenever the schema or the analysis changes: an index with another version is rebuilt.
SCHEMA_VERSION = SEARCH_SCHEMA_VERSION  # bump it in `reader.domain.versions`
VERSION_FILE = SEARCH_VERSION_FILE
INDEX_NAME = "MAIN"
TITLE_BOOST = 2.5
#: Queries longer than this are rejected before parsing (Whoosh's parser is quadratic).
MAX_QUERY_CHARS = 500
#: Deepest parenthesis nesting accepted.
MAX_NESTING = 20
#: Most words in one phrase (Whoosh's phrase matching slows down with each frequent word).
MAX_PHRASE_WORDS = 12
#: Most index terms one wildcard or prefix may expand to when computing match offsets.
MAX_EXPANSION = 2000
#: Documents in one `update` from which the writer gets `BIG_BATCH_LIMITMB` MB of pool.
BIG_BATCH = 1000
BIG_BATCH_LIMITMB = 384
#: Seconds `update` waits for another writer before raising `IndexBusy`.
LOCK_TIMEOUT = 5.0

#: Field names a query may use (``text`` is an alias of ``body``).
QUERY_FIELDS = ("title", "text", "body", "entity", "source", "date", "id")
_TEXT_FIELDS = ("title", "body")


@dataclass(frozen=True, slots=True)
class IndexDoc:
    """What the index needs of one article. `entity_terms` holds the ids of the entities it
    mentions and the names it uses for them, each folded by `analysis.entity_term` (other
    aliases resolve to ids at query time); `content_hash` is stored so that a caller can tell
    which documents are current (`SearchIndex.doc_hashes`)."""

    id: str
    path: str
    title: str
    text: str
    date: str | None = None
    source: str | None = None
    entity_terms: Sequence[str] = ()
    content_hash: str = ""


class Snippet(str):
    """A plain-text snippet (a `str`: JSON and `print` see only the text) that also carries
    `spans`, the `(start, end)` offsets of the matched words inside it."""

    spans: tuple[tuple[int, int], ...]

    def __new__(cls, text: str, spans: Sequence[tuple[int, int]] = ()) -> Snippet:
        obj = super().__new__(cls, text)
        obj.spans = tuple(spans)
        return obj

    def __reduce__(self) -> tuple[Any, ...]:
        return (Snippet, (str(self), self.spans))


def snippet_spans(snippet: str | Hit) -> tuple[str, list[tuple[int, int]]]:
    """The plain text of a hit's snippet and the spans of its matched words (relative to that
    text). Accepts a `Hit` or its `snippet`; a plain `str` has no spans."""
    if isinstance(snippet, SearchHit):
        return str(snippet.snippet), list(snippet.snippet_matches)
    if isinstance(snippet, Hit):
        snippet = snippet.snippet
    return str(snippet), list(getattr(snippet, "spans", ()))


@dataclass(slots=True)
class SearchHit(Hit):
    """A `Hit` plus `snippet_matches`: the `(start, end)` spans of the matched terms inside
    `snippet` (a plain string without markup), for the UI and the CLI to highlight."""

    snippet_matches: list[tuple[int, int]] = field(default_factory=list)


def build_schema() -> Schema:
    """The index schema (pickled into the index by Whoosh; see `analysis` on stability)."""
    fr = french_analyzer()

    def french(**kwargs: Any) -> TEXT:
        field = TEXT(analyzer=fr, stored=True, multitoken_query="phrase", **kwargs)
        field.format = FrenchPositions(field_boost=field.format.field_boost)
        return field

    spell = TEXT(analyzer=french_analyzer(stem=False), phrase=False)
    spell.format = FrenchFrequency(field_boost=spell.format.field_boost)
    return Schema(
        id=ID(stored=True, unique=True),
        path=STORED(),
        content_hash=STORED(),
        title=french(field_boost=TITLE_BOOST),
        body=french(),
        date=ID(stored=True),
        source=french(),
        entity=TEXT(analyzer=entity_analyzer(), phrase=False),
        spell=spell,
    )


# -- phrases ------------------------------------------------------------------------------------


# -- query guard rails --------------------------------------------------------------------------

#: Words are indexed by their stem (`poutine` → `poutin`), which a pattern over whole words
#: cannot match: only a `*` ending a word (a prefix of the stem) is meaningful.
INNER_WILDCARD_UNSUPPORTED = (
    "wildcards work only at the end of a word (pout*): ? and * inside a word are not "
    "supported (words are indexed by their stem)"
)
FUZZY_UNSUPPORTED = (
    "fuzzy search (word~) is not supported: case, accents and word endings are already "
    "ignored; try the start of the word with * (pout*)"
)
_QUOTED_RE = re.compile(r'"[^"]*"?')
_FIELD_RE = re.compile(r"(?:^|(?<=[\s(+\-]))([^\W\d][\w.\-]*):(?=(\S?))")


def check_query(text: str) -> None:
    """Reject, before parsing, what the parser must not see: raise `QueryError` with a message."""
    if len(text) > MAX_QUERY_CHARS:
        raise QueryError(f"query too long ({len(text)} characters; the limit is {MAX_QUERY_CHARS})")
    if "\x00" in text:
        raise QueryError("query contains a NUL character")
    quoted = [m.span() for m in _QUOTED_RE.finditer(text)]

    def in_quotes(i: int) -> bool:
        return any(a <= i < b for a, b in quoted)

    depth = deepest = 0
    for i, c in enumerate(text):
        if c == "(" and not in_quotes(i):
            depth += 1
            deepest = max(deepest, depth)
        elif c == ")" and not in_quotes(i):
            depth = max(0, depth - 1)
    if deepest > MAX_NESTING:
        raise QueryError(f"too many nested parentheses (the limit is {MAX_NESTING})")
    for i, c in enumerate(text):
        if c == "~" and i and text[i - 1] not in ' "\t\n' and not in_quotes(i):
            raise QueryError(FUZZY_UNSUPPORTED)
    for m in _FIELD_RE.finditer(text):
        if in_quotes(m.start()):
            continue
        name = m.group(1)
        if name.lower() not in QUERY_FIELDS:
            known = ", ".join(f"{f}:" for f in QUERY_FIELDS if f != "body")
            raise QueryError(
                f"unknown field {name}: (fields: {known}); put the words in quotes to search "
                "them as text"
            )
        if not m.group(2) or m.group(2) in ")":
            raise QueryError(f"{name}: needs a word or a quoted phrase after it")


def _check_parsed(q: wq.Query) -> None:
    for leaf in _walk(q):
        if isinstance(leaf, wq.Every):
            raise QueryError("a query cannot be only a wildcard")
        if isinstance(leaf, wq.Phrase) and len(leaf.words) > MAX_PHRASE_WORDS:
            raise QueryError(f"phrase too long (the limit is {MAX_PHRASE_WORDS} words)")
        if isinstance(leaf, wq.Wildcard | wq.Prefix):
            text = str(leaf.text)
            if text == "" or text[0] in "*?":
                raise QueryError("a word cannot start with a wildcard (* or ?)")
            if isinstance(leaf, wq.Wildcard) and ("?" in text or "*" in text[:-1]):
                raise QueryError(INNER_WILDCARD_UNSUPPORTED)


def _walk(q: wq.Query) -> Iterator[wq.Query]:
    yield q
    if not q.is_leaf():
        for child in q.children():
            yield from _walk(child)


# -- the index ----------------------------------------------------------------------------------


def _is_index_file(name: str) -> bool:
    return (
        name.startswith((f"{INDEX_NAME}_", f"_{INDEX_NAME}_"))
        or name == VERSION_FILE
        or name.startswith(f"{VERSION_FILE}.")
    )


def _read_version(directory: Path) -> str | None:
    try:
        return (directory / VERSION_FILE).read_text(encoding="ascii").strip()
    except (OSError, UnicodeDecodeError):
        return None


def _write_version(directory: Path) -> None:
    tmp = directory / f"{VERSION_FILE}.{os.getpid()}.tmp"
    with open(tmp, "w", encoding="ascii") as fh:
        fh.write(f"{SCHEMA_VERSION}\n")
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, directory / VERSION_FILE)


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
        self._parser = MultifieldParser(list(_TEXT_FIELDS), ix.schema, group=AndGroup)
        self._parser.add_plugin(FieldAliasPlugin({"body": ["text"]}))

    # -- opening ---------------------------------------------------------------------------
    @classmethod
    def open(cls, directory: str | os.PathLike[str]) -> SearchIndex:
        """Open an existing index. Raises `IndexNeedsRebuild` (missing, or another schema
        version) or `IndexCorrupt` (unreadable)."""
        path = Path(directory)
        version = _read_version(path)
        try:
            exists = windex.exists_in(str(path), indexname=INDEX_NAME)
        except Exception as exc:
            raise IndexCorrupt(f"search index in {path} is unreadable: {_describe(exc)}") from exc
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
            _verify(searcher.reader())
        except Exception as exc:
            if searcher is not None:
                with contextlib.suppress(Exception):
                    searcher.close()
            raise IndexCorrupt(f"search index in {path} is unreadable: {_describe(exc)}") from exc
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
                if _is_index_file(name) and name != f"{INDEX_NAME}_WRITELOCK":
                    with contextlib.suppress(FileNotFoundError, IsADirectoryError):
                        os.unlink(path / name)
            ix = windex.create_in(str(path), build_schema(), indexname=INDEX_NAME)
            _write_version(path)
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
            fresh = not path.exists() or not any(_is_index_file(n) for n in os.listdir(path))
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
        add: Sequence[IndexDoc],
        delete: Sequence[str] = (),
        progress: Callable[[int, int], None] | None = None,
        lock_timeout: float = LOCK_TIMEOUT,
    ) -> None:
        """Delete the articles whose ids are in `delete`, add or replace those in `add`, and
        commit once. `progress(done, total)` is called after each added document. Another
        writer is waited for up to `lock_timeout` seconds, then `IndexBusy` is raised."""
        if not add and not delete:
            return
        add = list({doc.id: doc for doc in add}.values())  # one document per id, last wins
        # A bigger posting pool for big batches: fewer spilled runs to merge (10k: ~1.5x).
        limitmb = BIG_BATCH_LIMITMB if len(add) >= BIG_BATCH else 128
        with self._lock:
            writer = _acquire(
                lambda: self._ix.writer(timeout=0.0, limitmb=limitmb), self.directory, lock_timeout
            )
            try:
                for doc_id in delete:
                    writer.delete_by_term("id", doc_id)
                fresh = self._ix.is_empty() and not delete
                total = len(add)
                for i, doc in enumerate(add, 1):
                    fields = _doc_fields(doc)
                    if fresh:
                        writer.add_document(**fields)
                    else:
                        writer.update_document(**fields)
                    if progress is not None:
                        progress(i, total)
                writer.commit()
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
            raise QueryError(f"query not understood: {_describe(exc)}") from exc
        if isinstance(q, wq.Every):
            raise QueryError("a query cannot be only a wildcard")
        _check_parsed(q)
        return fast_phrases(q)

    def search(
        self,
        query: str,
        limit: int = 20,
        texts: Mapping[str, str] | None = None,
        titles: Mapping[str, str] | None = None,
        entity_id: Callable[[str], str | None] | None = None,
        entity_names: Callable[[str], Sequence[str]] | None = None,
    ) -> SearchResult:
        """Run `query`; hits best first (BM25F), each a `SearchHit` with a plain `Snippet`,
        its `snippet_matches`, and `matches` (offsets into the article's text, or its title with
        ``field="title"``). `texts` / `titles` (id → string) replace the stored ones for the
        snippets, titles and offsets. `entity_id` maps a queried entity name (an `entity_term`)
        to the entity's id, so that `entity:NAME` finds every article mentioning the entity
        under any of its names; `entity_names` gives an entity id's names, whose occurrences in
        a hit are its matches (without it, the queried name's own occurrences are). Raises
        `QueryError` (rejected query) or `IndexCorrupt`."""
        with self._lock:  # the parser is shared too
            q = self.parse(query)
            names = entity_phrases(q, entity_id, entity_names)
            if entity_id is not None:
                q = expand_entities(q, entity_id)
            result: SearchResult = self._guarded(
                lambda s: self._run(s, query, q, max(1, limit), texts, titles, names)
            )
            return result

    def suggest(self, query: str) -> str | None:
        """A corrected query ("did you mean") from the index's own words, or None."""
        with self._lock:
            q = self.parse(query)
            result: str | None = self._guarded(lambda s: self._suggest(s, query, q))
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
                f"search index in {self.directory} is unreadable: {_describe(exc)}"
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
    ) -> SearchResult:
        results = searcher.search(q, limit=limit)
        total = count_hits(searcher, q)
        terms, phrases = _positive_terms(q, searcher.reader())
        for fieldname in _TEXT_FIELDS:  # an entity's names are matches wherever they occur
            phrases[fieldname].extend(entity_names)
        hits: list[Hit] = []
        for hit in results:
            stored = hit.fields()
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
                    score=round(float(hit.score), 4),
                    snippet=Snippet(snippet, spans),
                    matches=title_matches + matches,
                    snippet_matches=spans,
                )
            )
        suggestion = self._suggest(searcher, query, q)
        return SearchResult(query=query, total=total, hits=hits, suggestion=suggestion)

    def _suggest(self, searcher: Any, query: str, q: Any) -> str | None:
        reader = searcher.reader()
        spans: set[tuple[int, int]] = set()
        for leaf in _positive_leaves(q):
            if isinstance(leaf, wq.Term) and leaf.fieldname in _TEXT_FIELDS:
                sc, ec = getattr(leaf, "startchar", None), getattr(leaf, "endchar", None)
                if isinstance(sc, int) and isinstance(ec, int) and 0 <= sc < ec <= len(query):
                    spans.add((sc, ec))
        replacements: list[tuple[int, int, str]] = []
        for sc, ec in sorted(spans):
            for tok in self._plain_analyzer(query[sc:ec], chars=True):
                word = tok.text
                if len(word) < 4 or word.isdigit() or reader.doc_frequency("spell", word):
                    continue
                better = _closest(reader, word)
                if better is None:
                    continue
                surface = _surface(reader, better)
                replacements.append((sc + tok.startchar, sc + tok.endchar, surface))
        if not replacements:
            return None
        out = query
        for s, e, surface in sorted(replacements, reverse=True):
            out = out[:s] + surface + out[e:]
        return out if out != query else None


# -- helpers ------------------------------------------------------------------------------------
def entity_phrases(
    q: Any,
    entity_id: Callable[[str], str | None] | None,
    entity_names: Callable[[str], Sequence[str]] | None,
) -> list[tuple[str, ...]]:
    """The analysed words of every name of each entity `q` asks for (`entity:NAME`, not
    negated): the entity's names when `entity_names` knows its id, else the queried name. A
    hit's matches are then the places where the entity is named (its mentions)."""
    names: set[str] = set()
    for leaf in _positive_leaves(q):
        if not (isinstance(leaf, wq.Term) and leaf.fieldname == "entity"):
            continue
        term = str(leaf.text)
        eid = entity_id(term) if entity_id is not None else None
        known = list(entity_names(eid)) if eid and entity_names is not None else []
        names.update(known or [term.replace("_", " ")])
    found = {tuple(t for t, _, _ in iter_terms(name)) for name in names}
    return sorted(p for p in found if p)


def expand_entities(q: Any, entity_id: Callable[[str], str | None]) -> Any:
    """Rewrite each `entity:NAME` term as `NAME OR <the entity's id>` (ids are indexed for
    every mention, names only where they occur)."""

    def visit(node: Any) -> Any:
        if isinstance(node, wq.Term) and node.fieldname == "entity":
            eid = entity_id(str(node.text))
            if eid:
                target = entity_term(eid)
                if target != node.text:
                    return wq.Or([node, wq.Term("entity", target)])
        return node

    return q.accept(visit)


def _describe(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()[0][:200] if str(exc).strip() else ""
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__


def _acquire(attempt: Callable[[], Any], directory: Path, timeout: float = LOCK_TIMEOUT) -> Any:
    """Call `attempt` until it neither raises `LockError` nor returns False; back off up to
    `timeout` seconds, then raise `IndexBusy`."""
    deadline = time.monotonic() + timeout
    delay = 0.05
    while True:
        try:
            got = attempt()
        except LockError:
            got = False
        if got is not False:
            return got
        if time.monotonic() >= deadline:
            raise IndexBusy(
                f"the search index in {directory} is being written by another process; "
                f"gave up after {timeout:g} s — try again when it has finished"
            )
        time.sleep(min(delay, max(0.0, deadline - time.monotonic())))
        delay = min(delay * 2, 0.5)


def _verify(reader: Any) -> None:
    """Touch every segment's files so that a truncated or missing one fails now, not later."""
    n = reader.doc_count_all()
    if n:
        reader.stored_fields(0)
        reader.stored_fields(n - 1)
    for fieldname in ("id", "body"):
        for _ in zip(range(1), reader.lexicon(fieldname), strict=False):
            pass
    list(reader.all_doc_ids())


def _doc_fields(doc: IndexDoc) -> dict[str, Any]:
    fields: dict[str, Any] = {
        "id": doc.id,
        "path": doc.path,
        "content_hash": doc.content_hash,
        "title": doc.title,
        "body": doc.text,
        "spell": (doc.title, doc.text),  # see `analysis.FrenchFrequency`
        "entity": "\n".join(t.replace("\n", " ") for t in doc.entity_terms),
    }
    if doc.date:
        fields["date"] = doc.date
    if doc.source:
        fields["source"] = doc.source
    return fields


def _positive_leaves(q: Any) -> Iterator[Any]:
    """Leaves of `q` that are not negated (`NOT x`, `a ANDNOT b`)."""
    if isinstance(q, wq.Not):
        return
    if isinstance(q, wq.AndNot):
        yield from _positive_leaves(q.a)
        return
    if q.is_leaf():
        yield q
        return
    for child in q.children():
        yield from _positive_leaves(child)


def _positive_terms(
    q: Any, reader: Any
) -> tuple[dict[str, set[str]], dict[str, list[tuple[str, ...]]]]:
    terms: dict[str, set[str]] = defaultdict(set)
    phrases: dict[str, list[tuple[str, ...]]] = defaultdict(list)
    for leaf in _positive_leaves(q):
        fieldname = getattr(leaf, "fieldname", None)
        if fieldname not in _TEXT_FIELDS:
            continue
        if isinstance(leaf, wq.Phrase):
            phrases[fieldname].append(tuple(str(w) for w in leaf.words))
        elif isinstance(leaf, wq.Term):
            terms[fieldname].add(str(leaf.text))
        else:
            expanded = leaf.expanded_terms(reader) if hasattr(leaf, "expanded_terms") else ()
            for _, btext in zip(range(MAX_EXPANSION), expanded, strict=False):
                name, value = btext
                terms[name].add(value.decode("utf-8") if isinstance(value, bytes) else value)
    return terms, phrases


def _distance(a: str, b: str) -> int:
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1]


def _plural_variant(a: str, b: str) -> bool:
    return a.rstrip("sx") == b.rstrip("sx")


def _closest(reader: Any, word: str) -> str | None:
    """The index word closest to `word` (edit distance ≤ 2, then most documents), skipping
    mere singular/plural variants, which stemming already finds."""
    maxdist = 1 if len(word) < 6 else 2
    best: tuple[int, int, str] | None = None
    for btext in reader.terms_within("spell", word, maxdist, prefix=1):
        cand = btext.decode("utf-8") if isinstance(btext, bytes) else str(btext)
        if _plural_variant(cand, word):
            continue
        key = (_distance(cand, word), -reader.doc_frequency("spell", cand), cand)
        if best is None or key < best:
            best = key
    return best[2] if best else None


def _surface(reader: Any, folded: str) -> str:
    """The commonest original spelling of the folded word `folded` in the first document that
    has it (``poutine`` → ``Poutine``)."""
    try:
        postings = reader.postings("spell", folded)
        docnum = postings.id()
    except Exception:
        return folded
    stored = reader.stored_fields(docnum)
    tokenizer = FrenchTokenizer()
    counts: Counter[str] = Counter()
    for value in (stored.get("title") or "", stored.get("body") or ""):
        for tok in tokenizer(value):
            if fold_token(tok.text) == folded:
                counts[tok.text] += 1
    return counts.most_common(1)[0][0] if counts else folded
