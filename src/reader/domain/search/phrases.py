"""Fast exact phrases and exact hit totals, computed from whole posting lists.

Whoosh matches a phrase document by document, asking each candidate for its positions, and
counts hits by running the query a second time. Here a phrase's documents are found once per
segment with set operations over the posting lists of its words (positions checked once per
candidate, then cached for the count), scored as Whoosh's BM25F would score them; and the
total of a query is counted with the same sets when its shape allows (`count_hits` falls back
to Whoosh's own count otherwise). `tests/test_search_fastpaths.py` holds them equal to Whoosh.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterator, Sequence
from itertools import accumulate
from pickle import loads
from typing import Any

from whoosh import matching
from whoosh import query as wq
from whoosh.codec.whoosh3 import LENGTHS_COLUMN, W3LeafMatcher, _lenfield
from whoosh.columns import NumericColumn
from whoosh.formats import Positions
from whoosh.matching.mcore import ListMatcher, ReadTooFar
from whoosh.matching.wrappers import FilterMatcher
from whoosh.scoring import BM25FScorer, WeightLengthScorer
from whoosh.system import _INT_SIZE
from whoosh.util.numeric import byte_to_length

from reader.domain.search.analysis import FrenchPositions


def _postings(
    reader: Any, fieldname: str, btext: bytes, values: bool = False, weights: bool = False
) -> tuple[list[int], list[Any], list[float]]:
    """Document numbers (and values, weights) of one term's postings in a segment `reader`,
    deleted documents included, read a block at a time (no per-posting matcher calls)."""
    m = reader.postings(fieldname, btext)
    while isinstance(m, FilterMatcher):  # the segment's deleted documents
        m = m.child
    ids: list[int] = []
    vals: list[Any] = []
    wts: list[float] = []
    if isinstance(m, W3LeafMatcher):
        while m.is_active():
            if m._data is None:
                m._read_data()
            # `_read_ids` without its generator: the block holds the ids' deltas (or, with
            # `_byteids`, the ids themselves).
            raw = m._data[0]
            ids.extend(raw if m._byteids else accumulate(raw))
            if values:
                m._read_values()
                vals.extend(m._values)
            if weights:
                m._read_weights()
                wts.extend(m._weights)
            m._next_block()
    else:  # pragma: no cover - another codec
        while m.is_active():
            ids.append(m.id())
            if values:
                vals.append(m.value())
            if weights:
                wts.append(m.weight())
            m.next()
    return ids, vals, wts


def _positions(value: bytes) -> Iterator[int]:
    """Decode a `formats.Positions` posting value (what `decode_positions` does, faster)."""
    codes = loads(value[_INT_SIZE:] if value.endswith(b".") else value[_INT_SIZE:] + b".")
    return accumulate(codes)


#: `byte_to_length` of every length byte (0: no length, which Whoosh reports as None).
_BYTE_LENGTHS: list[int | None] = [None] + [byte_to_length(b) for b in range(1, 256)]


def _field_lengths(searcher: Any, fieldname: str, docs: Sequence[int]) -> list[Any] | None:
    """`searcher.doc_field_length(doc, fieldname)` of each of `docs` (a segment's), read from
    the segment's length column in one slice; None when the column is not the usual one."""
    try:
        perdoc = searcher.reader()._perdoc
        column = perdoc._cached_reader(_lenfield(fieldname), LENGTHS_COLUMN)
        if (
            type(column) is not NumericColumn.Reader
            or column._typecode != "B"
            or column._fixedlen != 1
        ):
            return None
        raw = column._dbfile.get(column._basepos, column._count)
    except AttributeError:  # pragma: no cover - another codec
        return None
    count = len(raw)
    default = _BYTE_LENGTHS[column._default]
    table = _BYTE_LENGTHS
    return [table[raw[d]] if d < count else default for d in docs]


class _Posting:
    """The current posting a scorer looks at (`id()`, `weight()`), without a matcher."""

    __slots__ = ("_id", "_weight")

    def __init__(self) -> None:
        self._id = 0
        self._weight = 0.0

    def id(self) -> int:
        return self._id

    def weight(self) -> float:
        return self._weight


def _tree_sum(values: Sequence[float]) -> float:
    """Sum in the order of `make_binary_tree(IntersectionMatcher, …)`'s scores (same floats)."""
    if len(values) == 1:
        return values[0]
    if len(values) == 2:
        return values[0] + values[1]
    half = len(values) // 2
    return _tree_sum(values[:half]) + _tree_sum(values[half:])


class _ScoredDocs(ListMatcher):  # type: ignore[misc]
    """The documents of a phrase with their precomputed scores (ids sorted)."""

    _i: int
    _ids: list[int]
    _weights: list[float]

    def __init__(self, ids: list[int], scores: list[float], position: int = 0) -> None:
        super().__init__(ids, weights=scores, position=position)
        self._max = max(scores)

    def copy(self) -> _ScoredDocs:
        return _ScoredDocs(self._ids, self._weights, self._i)

    def skip_to(self, id: int) -> None:
        if not self.is_active():
            raise ReadTooFar
        if id > self._ids[self._i]:
            self._i = bisect_left(self._ids, id, self._i)

    def block_max_weight(self) -> float:
        return self._max


def _plain_positions(field: Any) -> bool:
    """True when `field`'s postings hold `Positions` values (not `Characters`…)."""
    return type(field.format) in (Positions, FrenchPositions)


def _columns(
    scorers: Sequence[Any], weights: Sequence[Sequence[float]], lengths: Sequence[Any]
) -> list[list[float]]:
    """`scorer._score(weight, length)` of each document for each word's scorer. For Whoosh's
    BM25F scorers of one field, as comprehensions of the very expression of
    `whoosh.scoring.bm25` (the same floats), its length part computed once per document."""
    if (
        not all(type(sc) is BM25FScorer and type(sc)._score is BM25FScorer._score for sc in scorers)
        or len({(sc.avgfl, sc.B, sc.K1) for sc in scorers}) != 1
    ):
        return [list(map(sc._score, weights[k], lengths)) for k, sc in enumerate(scorers)]
    avgfl, b, k1 = scorers[0].avgfl, scorers[0].B, scorers[0].K1
    # bm25 = idf * ((tf * (K1 + 1)) / (tf + K1 * ((1 - B) + B * fl / avgfl)))
    norms = [k1 * ((1 - b) + b * fl / avgfl) for fl in lengths]
    k1p = k1 + 1
    return [
        [sc.idf * ((tf * k1p) / (tf + norm)) for tf, norm in zip(weights[k], norms, strict=True)]
        for k, sc in enumerate(scorers)
    ]


def holds_phrase(values: Sequence[Any], doc: int) -> bool:
    """True when candidate `doc` has the phrase's words in order: `values[k]` maps each
    document to word k's posting value (its positions)."""
    # Positions p of the first word such that word k is at p + k for every k.
    start = set(_positions(values[0][doc]))
    last = len(values) - 1
    for k in range(1, len(values)):
        shifted = map((-k).__add__, _positions(values[k][doc]))
        if k == last:
            return not start.isdisjoint(shifted)
        start.intersection_update(shifted)
        if not start:
            return False
    return True


class _Weighted:
    """A searcher seen with another weighting (what a query context may ask for)."""

    def __init__(self, searcher: Any, weighting: Any) -> None:
        self._searcher = searcher
        self.weighting = weighting

    def __getattr__(self, name: str) -> Any:
        return getattr(self._searcher, name)


class FastPhrase(wq.Phrase):  # type: ignore[misc]
    """A `whoosh.query.Phrase` matched as set operations: per segment, the documents holding
    every word are intersected from whole posting lists, their positions checked once
    (decoded straight to integers), and each found document scored as Whoosh scores a phrase
    (the sum of its words' scores). Same documents and scores as `Phrase`; the document set
    is kept for the query's lifetime, so counting the hits costs no second check."""

    def _found(self, reader: Any) -> tuple[list[int], list[list[float]]] | None:
        """Sorted live documents of segment `reader` holding the phrase, and each word's
        weight in them (None: a word is not in the segment)."""
        cache: dict[int, Any] = self.__dict__.setdefault("_found_cache", {})
        got = cache.get(id(reader))
        if got is not None and got[0] is reader:
            return got[1]  # type: ignore[no-any-return]
        result = self._compute(reader)
        cache[id(reader)] = (reader, result)
        return result

    def _docset(self, reader: Any) -> set[int]:
        found = self._found(reader)
        return set(found[0]) if found else set()

    def _compute(self, reader: Any) -> tuple[list[int], list[list[float]]] | None:
        gathered = self.gather(reader)
        if gathered is None:
            return None
        docs, weights, values = gathered
        if values:
            kept = [i for i, doc in enumerate(docs) if holds_phrase(values, doc)]
            if len(kept) < len(docs):
                docs = [docs[i] for i in kept]
                weights = [[column[i] for i in kept] for column in weights]
        return docs, weights

    def gather(self, reader: Any) -> tuple[list[int], list[list[float]], list[Any]] | None:
        """The phrase's candidates in segment `reader` (sorted live documents holding every
        word, not yet checked for the words' order), each word's weight in them, and each
        word's posting values by document for `holds_phrase` (empty for a one-word phrase,
        whose candidates all match). None when a word is not in the segment."""
        field = reader.schema[self.fieldname]
        words: list[bytes] = []
        for word in self.words:
            try:
                btext = field.to_bytes(word)
            except ValueError:
                return None
            if (self.fieldname, btext) not in reader:
                return None
            words.append(btext)
        many = len(words) > 1
        lists = [_postings(reader, self.fieldname, w, values=many, weights=True) for w in words]
        candidates = set(lists[0][0])
        for ids, _, _ in lists[1:]:
            candidates.intersection_update(ids)
        if reader.has_deletions():
            candidates.difference_update(reader.deleted_docs_set)
        docs = sorted(candidates)
        weights = []
        for ids, _, wts in lists:
            by_doc = dict(zip(ids, wts, strict=True))
            weights.append([by_doc[d] for d in docs])
        values = [dict(zip(ids, vals, strict=True)) for ids, vals, _ in lists] if many else []
        return docs, weights, values

    def scores(self, searcher: Any, docs: list[int], weights: list[list[float]]) -> list[float]:
        """The score Whoosh gives each of `docs` (segment documents holding the phrase, with
        each word's weight in them) for this phrase, its boost included."""
        field = searcher.schema[self.fieldname]
        weighting = searcher.weighting
        scorers = [
            weighting.scorer(searcher, self.fieldname, field.to_bytes(w)) for w in self.words
        ]
        if all(type(sc).score is WeightLengthScorer.score for sc in scorers):
            # BM25F and the like: `score` is `_score(weight, field length)`; the length is
            # the same for every word of the phrase, so look it up once per document.
            lengths = _field_lengths(searcher, self.fieldname, docs)
            if lengths is None:
                dfl = scorers[0].dfl
                lengths = [dfl(d) for d in docs]
            columns = _columns(scorers, weights, lengths)
        else:
            posting = _Posting()
            columns = []
            for k, sc in enumerate(scorers):
                column = []
                for doc, weight in zip(docs, weights[k], strict=True):
                    posting._id, posting._weight = doc, weight
                    column.append(sc.score(posting))
                columns.append(column)
        if len(columns) == 2:  # `_tree_sum` of two
            scores = [a + b for a, b in zip(*columns, strict=True)]
        else:
            scores = [_tree_sum(parts) for parts in zip(*columns, strict=True)]
        if self.boost != 1.0:  # as `WrappingMatcher(boost=…)` scores
            scores = [score * self.boost for score in scores]
        return scores

    def matcher(self, searcher: Any, context: Any = None) -> Any:
        schema = searcher.schema
        if (
            self.slop != 1
            or not searcher.reader().is_atomic()
            or self.fieldname not in schema
            or not _plain_positions(schema[self.fieldname])
        ):
            return super().matcher(searcher, context)
        found = self._found(searcher.reader())
        if not found or not found[0]:
            return matching.NullMatcher()
        docs, weights = found
        # As `Term.matcher` then `Searcher.postings` choose the weighting.
        weighting = (context.weighting if context is not None else None) or searcher.weighting
        if weighting is not searcher.weighting:
            searcher = _Weighted(searcher, weighting)
        return _ScoredDocs(docs, self.scores(searcher, docs, weights))


class _Unsupported(Exception):
    """A query node `_segment_docs` does not evaluate (the caller counts with Whoosh)."""


def _segment_docs(q: Any, reader: Any) -> set[int]:
    """Live documents of segment `reader` matching `q`, as set operations over whole posting
    lists (terms, phrases, AND, OR, ANDNOT); `_Unsupported` for any other node."""
    if type(q) is wq.Phrase:  # a negated phrase (see `fast_phrases`): same documents
        q = _as_fast(q)
    if isinstance(q, FastPhrase):
        if q.slop != 1 or q.fieldname not in reader.schema:
            raise _Unsupported
        if not _plain_positions(reader.schema[q.fieldname]):
            raise _Unsupported
        return q._docset(reader)
    if type(q) is wq.Term:
        if q.fieldname not in reader.schema:
            return set()
        text = q.text
        if not isinstance(text, bytes):
            try:
                text = reader.schema[q.fieldname].to_bytes(text)
            except ValueError:
                return set()
        if (q.fieldname, text) not in reader:
            return set()
        docs = set(_postings(reader, q.fieldname, text, values=False)[0])
        if reader.has_deletions():
            docs.difference_update(reader.deleted_docs_set)
        return docs
    if type(q) is wq.Or and not getattr(q, "minmatch", 0):
        out: set[int] = set()
        for child in q.subqueries:
            out |= _segment_docs(child, reader)
        return out
    if type(q) is wq.And:
        wanted = [c for c in q.subqueries if type(c) is not wq.Not]
        if not wanted:
            raise _Unsupported
        sets = sorted((_segment_docs(c, reader) for c in wanted), key=len)
        docs = sets[0].intersection(*sets[1:])
        for c in q.subqueries:
            if type(c) is wq.Not and docs:
                docs -= _segment_docs(c.query, reader)
        return docs
    if type(q) in (wq.Prefix, wq.Wildcard):
        if q.fieldname not in reader.schema:
            return set()
        out = set()
        for btext in q._btexts(reader):
            out.update(_postings(reader, q.fieldname, btext, values=False)[0])
        if reader.has_deletions():
            out.difference_update(reader.deleted_docs_set)
        return out
    if type(q) is wq.AndNot:
        return _segment_docs(q.a, reader) - _segment_docs(q.b, reader)
    if type(q) is wq.NullQuery.__class__:
        return set()
    raise _Unsupported


def count_hits(searcher: Any, q: Any) -> int:
    """The number of documents matching `q`, computed with set operations on whole posting
    lists when `q` is made of terms, phrases, prefixes, AND, OR and NOT (`len(results)` would
    run the whole query a second time, checking every phrase candidate's positions again)."""
    try:
        return sum(len(_segment_docs(q, r)) for r, _ in searcher.reader().leaf_readers())
    except _Unsupported:
        # Not `len(results)`: without block quality it is the collector's count, which
        # misses the documents Whoosh's matcher pruning skipped.
        return sum(1 for _ in searcher.docs_for_query(q))


def _as_fast(q: wq.Phrase) -> FastPhrase:
    fast = FastPhrase.__new__(FastPhrase)
    fast.__dict__.update(q.__dict__)
    return fast


def fast_phrases(q: Any) -> Any:
    """`q` with every exact `Phrase` that is not negated replaced by an equal `FastPhrase`.

    Negated phrases are left to Whoosh: its `replace` passes the score threshold down into
    negated matchers, which only Whoosh's own phrase matcher ignores."""
    if isinstance(q, wq.Not):
        return q
    if isinstance(q, wq.AndNot):
        new = q.copy()
        new.a = fast_phrases(q.a)
        return new
    if type(q) is wq.Phrase:
        return _as_fast(q)
    if q.is_leaf():
        return q
    return q.apply(fast_phrases)
