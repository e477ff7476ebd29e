"""Shared passages (reprints): near-verbatim spans that two articles have in common.

Algorithm (shingling with an inverted n-gram index):

1. Every text is cut into words (`_text.WORD_RE`: apostrophes, hyphens and punctuation separate
   words), each kept with its character offsets. A word is folded (case, accents; typography
   disappears with the punctuation) and, for matching, reduced to its first `STEM_CHARS`
   characters, a crude stem that absorbs most inflections (`terminés`/`terminée`,
   `déclaré`/`déclarait`).
2. Overlapping word n-grams (`n` = 5) of stems are hashed to 40-bit integers. The index packs
   each article's distinct hashes with the article's slot into one sorted uint64 array and
   keeps only the informative n-grams as groups (n-gram → articles, article → n-grams), so
   finding an article's candidates is a few array operations: no pairwise comparison.
3. An n-gram found in more than `max_df` articles is boilerplate-ish and ignored; an n-gram in
   only one article says nothing. Another article becomes a candidate when it shares at least
   `min_tokens - n + 1` of the remaining n-grams (the least a passage of `min_tokens` words has).
4. For a candidate pair, matching n-gram positions (seeds) are chained along near-diagonals:
   a seed extends a chain when it follows it on both sides by at most `n + max_gap` words and
   the two steps differ by at most `max_gap` words — so an inserted clause, a changed verb or a
   typographic change leaves one passage instead of breaking it.
5. A chain becomes a passage when both sides span at least `min_tokens` words (of two or more
   characters: `l’`, `d’` do not count) and the
   word-level `difflib.SequenceMatcher` ratio of the two spans (folded words, not stems) is at
   least `min_similarity`; that ratio is the passage's `similarity`. Offsets run from the first
   matched word's start to the last matched word's end in each text.

The index is cheap to rebuild (tokenising dominates) and picklable. `passages_for` computes the
pairs touching a set of changed articles, which is what the pipeline stores.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from difflib import SequenceMatcher

import numpy as np
import numpy.typing as npt

from reader.domain.model import SharedPassage
from reader.domain.xref._text import WORD_RE, fold_word

#: Words per shingle.
NGRAM = 5
#: Shortest passage reported, in words of two or more characters on each side (so elided
#: articles and pronouns such as `l’`, `d’`, `n’` do not make a passage look longer).
MIN_TOKENS = 8
#: Largest gap (in words) bridged when chaining seed matches; also the largest diagonal shift.
MAX_GAP = 12
#: Lowest word-level similarity of a reported passage.
MIN_SIMILARITY = 0.6
#: Characters of a folded word kept for matching (a crude French stem).
STEM_CHARS = 6
#: `max_df` defaults to max(MAX_DF_FLOOR, MAX_DF_FRACTION * number of articles).
MAX_DF_FLOOR = 20
MAX_DF_FRACTION = 0.02
#: Occurrences of one n-gram per article used as seeds (guards against repetitive text).
MAX_OCCURRENCES = 8

ProgressFn = Callable[[int, int], None]
StopFn = Callable[[], bool]
PairPassages = dict[tuple[str, str], list[SharedPassage]]

IntArray = npt.NDArray[np.int32]
HashArray = npt.NDArray[np.uint64]

# N-gram hashes keep 40 bits; the index packs one in a uint64 with the article's slot (24 bits)
# and sorts the lot once.
_SLOT_BITS = 24
_SLOT_MASK = np.uint64((1 << _SLOT_BITS) - 1)
_MAX_SLOTS = 1 << _SLOT_BITS
_CHUNK = 1 << 20
_PRIME = np.uint64(0x100000001B3)
_MIX1 = np.uint64(0xBF58476D1CE4E5B9)
_MIX2 = np.uint64(0x94D049BB133111EB)


class PassagesCancelled(Exception):
    """Raised by a long passage operation when its `should_stop` callback returned true."""


@dataclass(slots=True)
class _Doc:
    starts: IntArray  # character offset of each word
    ends: IntArray
    words: IntArray  # folded-word ids (similarity)
    hashes: HashArray  # hash of the n-gram of stems starting at word i, for i < len - n + 1
    distinct: HashArray  # `hashes` sorted, without repeats (computed once, when added)

    def long_words(self, i: int, j: int) -> int:
        """How many of words `i..j-1` have two or more characters."""
        return int(np.count_nonzero((self.ends[i:j] - self.starts[i:j]) >= 2))


def _ngram_hashes(stems: IntArray, n: int) -> HashArray:
    """40-bit hash of every n-gram of stem ids, by position."""
    count = len(stems) - n + 1
    if count <= 0:
        return np.empty(0, dtype=np.uint64)
    s = stems.astype(np.uint64)
    h = np.zeros(count, dtype=np.uint64)
    for k in range(n):
        h = h * _PRIME + s[k : k + count] + np.uint64(1)
    h ^= h >> np.uint64(30)
    h *= _MIX1
    h ^= h >> np.uint64(27)
    h *= _MIX2
    h ^= h >> np.uint64(31)
    return h >> np.uint64(_SLOT_BITS)


def _check(should_stop: StopFn | None) -> None:
    if should_stop is not None and should_stop():
        raise PassagesCancelled("shared-passage detection cancelled")


def _member(values: HashArray, sorted_set: HashArray) -> npt.NDArray[np.bool_]:
    """`np.isin(values, sorted_set)` for a sorted, duplicate-free `sorted_set` (faster)."""
    if len(sorted_set) == 0:
        return np.zeros(len(values), dtype=bool)
    idx = np.searchsorted(sorted_set, values)
    np.minimum(idx, len(sorted_set) - 1, out=idx)
    return np.asarray(sorted_set[idx] == values)


def _has_run(positions: list[int], need: int, reach: int) -> bool:
    """Whether `need` of the sorted `positions` follow each other at most `reach` apart."""
    if len(positions) < need:
        return False
    run = 1
    for k in range(1, len(positions)):
        d = positions[k] - positions[k - 1]
        if d > reach:
            run = 1
        elif d > 0:
            run += 1
            if run >= need:
                return True
    return run >= need


class PassageIndex:
    """An inverted n-gram index over article texts that finds their shared passages.

    `add`/`remove` are cheap; the sorted index is rebuilt lazily on the next query. Picklable.
    """

    def __init__(
        self,
        *,
        n: int = NGRAM,
        min_tokens: int = MIN_TOKENS,
        max_gap: int = MAX_GAP,
        min_similarity: float = MIN_SIMILARITY,
        max_df: int | None = None,
        stem_chars: int = STEM_CHARS,
    ) -> None:
        if n < 1 or min_tokens < n:
            raise ValueError("need 1 <= n <= min_tokens")
        self.n = n
        self.min_tokens = min_tokens
        self.max_gap = max_gap
        self.min_similarity = min_similarity
        self._max_df = max_df
        self.stem_chars = stem_chars
        self._cache: dict[str, tuple[int, int]] = {}
        self._word_ids: dict[str, int] = {}
        self._stem_ids: dict[str, int] = {}
        self._slots: dict[str, int] = {}
        self._ids: list[str | None] = []
        self._docs: list[_Doc | None] = []
        # Informative n-grams (found in 2..max_df articles), as groups: group g has hash
        # `_group_hash[g]` and articles `_group_slots[_group_ptr[g]:_group_ptr[g + 1]]`;
        # article slot s has groups `_doc_groups[_doc_ptr[s]:_doc_ptr[s + 1]]`.
        self._group_hash: HashArray = np.empty(0, dtype=np.uint64)
        self._group_ptr: npt.NDArray[np.int64] = np.zeros(1, dtype=np.int64)
        self._group_slots: IntArray = np.empty(0, dtype=np.int32)
        self._doc_ptr: npt.NDArray[np.int64] = np.zeros(1, dtype=np.int64)
        self._doc_groups: IntArray = np.empty(0, dtype=np.int32)
        self._dirty = False

    def __getstate__(self) -> dict[str, object]:
        """Pickled without what is rebuilt cheaply: the word memo and the grouped arrays
        (rebuilt on the next query)."""
        state = {name: getattr(self, name) for name in self.__dict__}
        state["_cache"] = {}
        for name in ("_group_hash", "_group_slots", "_doc_groups"):
            state[name] = np.empty(0, dtype=state[name].dtype)  # type: ignore[attr-defined]
        state["_group_ptr"] = np.zeros(1, dtype=np.int64)
        state["_doc_ptr"] = np.zeros(1, dtype=np.int64)
        state["_dirty"] = True
        return state

    def __setstate__(self, state: dict[str, object]) -> None:
        self.__dict__.update(state)

    def compact(self) -> None:
        """Drop the slots of removed articles once they are a quarter of all slots (their
        order is kept; results never depend on slots)."""
        if 4 * (len(self._docs) - len(self._slots)) <= len(self._docs):
            return
        live = [(aid, doc) for aid, doc in zip(self._ids, self._docs, strict=True) if aid]
        self._ids = [aid for aid, _ in live]
        self._docs = [doc for _, doc in live]
        self._slots = {aid: slot for slot, aid in enumerate(self._ids) if aid is not None}
        self._dirty = True

    # -- contents ---------------------------------------------------------------------------
    def __len__(self) -> int:
        return len(self._slots)

    def __contains__(self, article_id: object) -> bool:
        return article_id in self._slots

    def ids(self) -> list[str]:
        """The indexed article ids."""
        return list(self._slots)

    @property
    def max_df(self) -> int:
        """N-grams found in more articles than this are ignored (boilerplate-ish)."""
        if self._max_df is not None:
            return self._max_df
        return max(MAX_DF_FLOOR, math.ceil(MAX_DF_FRACTION * len(self._slots)))

    @property
    def min_seeds(self) -> int:
        """Matching n-grams a passage must contain (those of a `min_tokens`-word run)."""
        return max(1, self.min_tokens - self.n + 1)

    def _ids_for(self, word: str) -> tuple[int, int]:
        folded = fold_word(word)
        wid = self._word_ids.setdefault(folded, len(self._word_ids))
        stem = folded[: self.stem_chars]
        sid = self._stem_ids.setdefault(stem, len(self._stem_ids))
        ids = (wid, sid)
        self._cache[word] = ids
        return ids

    def _tokenize(self, text: str) -> _Doc:
        cache = self._cache
        starts: list[int] = []
        ends: list[int] = []
        words: list[int] = []
        stems: list[int] = []
        for m in WORD_RE.finditer(text):
            w = m.group()
            ids = cache.get(w) or self._ids_for(w)
            s, e = m.span()
            starts.append(s)
            ends.append(e)
            words.append(ids[0])
            stems.append(ids[1])
        hashes = _ngram_hashes(np.array(stems, dtype=np.int32), self.n)
        return _Doc(
            np.array(starts, dtype=np.int32),
            np.array(ends, dtype=np.int32),
            np.array(words, dtype=np.int32),
            hashes,
            np.unique(hashes),
        )

    def add(self, article_id: str, text: str) -> None:
        """Index (or re-index) the text of an article."""
        doc = self._tokenize(text)
        slot = self._slots.get(article_id)
        if slot is None:
            slot = len(self._docs)
            if slot >= _MAX_SLOTS:
                raise OverflowError("too many articles for one passage index")
            self._slots[article_id] = slot
            self._ids.append(article_id)
            self._docs.append(doc)
        else:
            self._docs[slot] = doc
        self._dirty = True

    def remove(self, article_id: str) -> None:
        """Forget an article (no error if it is not indexed)."""
        slot = self._slots.pop(article_id, None)
        if slot is not None:
            self._docs[slot] = None
            self._ids[slot] = None
            self._dirty = True

    # -- index ------------------------------------------------------------------------------
    def _rebuild(self) -> None:
        shift = np.uint64(_SLOT_BITS)
        docs = [(slot, doc) for slot, doc in enumerate(self._docs) if doc is not None]
        packed = np.empty(sum(len(doc.distinct) for _, doc in docs), dtype=np.uint64)
        k = 0
        for slot, doc in docs:
            u = doc.distinct
            packed[k : k + len(u)] = (u << shift) | np.uint64(slot)
            k += len(u)
        packed = packed[:k]
        packed.sort()
        # Entries equal to the previous one in their hash part, found chunk by chunk.
        parts: list[npt.NDArray[np.intp]] = []
        for c in range(1, len(packed), _CHUNK):
            e = min(len(packed), c + _CHUNK)
            x = np.bitwise_xor(packed[c:e], packed[c - 1 : e - 1])
            parts.append(np.flatnonzero(x <= _SLOT_MASK) + c)
        dup = np.concatenate(parts) if parts else np.empty(0, dtype=np.intp)
        # A run of consecutive duplicates is one group (its first entry is just before it).
        brk = np.flatnonzero(np.diff(dup) != 1) + 1
        heads = np.concatenate(([0], brk)).astype(np.intp) if len(dup) else brk
        gstart = dup[heads] - 1
        gsize = np.diff(np.append(heads, len(dup))) + 1
        ok = gsize <= self.max_df
        gstart, gsize = gstart[ok], gsize[ok]
        self._group_hash = packed[gstart] >> shift
        total = int(gsize.sum())
        self._group_ptr = np.zeros(len(gstart) + 1, dtype=np.int64)
        np.cumsum(gsize, out=self._group_ptr[1:])
        pidx = np.arange(total) + np.repeat(gstart - self._group_ptr[:-1], gsize)
        slots = (packed[pidx] & _SLOT_MASK).astype(np.int32)
        del packed, pidx
        self._group_slots = slots
        groups = np.repeat(np.arange(len(gstart), dtype=np.int32), gsize)
        order = np.argsort(slots, kind="stable")
        self._doc_groups = groups[order]
        self._doc_ptr = np.searchsorted(slots[order], np.arange(len(self._docs) + 1)).astype(
            np.int64
        )
        self._dirty = False

    def _ensure_index(self) -> None:
        if self._dirty:
            self._rebuild()

    def _candidates(self, slot: int) -> list[tuple[int, HashArray]]:
        """Articles sharing at least `min_seeds` informative n-grams with `slot`, with those
        n-grams' hashes."""
        groups = self._doc_groups[self._doc_ptr[slot] : self._doc_ptr[slot + 1]]
        if len(groups) < self.min_seeds:
            return []
        lo = self._group_ptr[groups]
        lens = self._group_ptr[groups + 1] - lo
        total = int(lens.sum())
        idx = np.arange(total) + np.repeat(lo - (np.cumsum(lens) - lens), lens)
        others = self._group_slots[idx]
        counts = np.bincount(others, minlength=len(self._docs))
        counts[slot] = 0
        keep = counts[others] >= self.min_seeds
        if not keep.any():
            return []
        others, group = others[keep], np.repeat(groups, lens)[keep]
        # Stable: each candidate's groups stay in ascending order, so its hashes are sorted.
        order = np.argsort(others, kind="stable")
        others, group = others[order], group[order]
        cuts = np.flatnonzero(np.diff(others)) + 1
        firsts = np.concatenate(([0], cuts)).tolist()
        lasts = [*cuts.tolist(), len(others)]
        return [
            (int(others[f]), self._group_hash[group[f:e]])
            for f, e in zip(firsts, lasts, strict=True)
        ]

    def _compare(
        self, slot: int, cands: list[tuple[int, HashArray]]
    ) -> dict[int, list[SharedPassage]]:
        """Verify candidates: other slot → passages, oriented from `slot`."""
        out: dict[int, list[SharedPassage]] = {}
        if not cands:
            return out
        doc = self._docs[slot]
        assert doc is not None
        h = doc.hashes
        informative = np.unique(np.concatenate([shared for _, shared in cands]))
        pos_a: dict[int, list[int]] = {}
        pa = np.flatnonzero(_member(h, informative))
        for p, hv in zip(pa.tolist(), h[pa].tolist(), strict=True):
            lst = pos_a.setdefault(hv, [])
            if len(lst) < MAX_OCCURRENCES:
                lst.append(p)
        need, reach = self.min_seeds, self.n + self.max_gap
        for other, shared in cands:
            positions = sorted(p for hv in shared.tolist() for p in pos_a.get(hv, ()))
            if _has_run(positions, need, reach):
                found = self._verify(slot, other, shared, pos_a)
                if found:
                    out[other] = found
        return out

    # -- pairs ------------------------------------------------------------------------------
    def _chains(self, seeds: list[tuple[int, int]]) -> list[tuple[int, int, int, int, int]]:
        """Chain sorted seeds `(i, j)` along near-diagonals.

        Returns `(first_i, first_j, last_i, last_j, seed count)` for each chain.
        """
        reach = self.n + self.max_gap
        gap = self.max_gap
        open_: list[list[int]] = []
        done: list[tuple[int, int, int, int, int]] = []
        for i, j in seeds:
            still: list[list[int]] = []
            for c in open_:
                if i - c[2] > reach:
                    done.append((c[0], c[1], c[2], c[3], c[4]))
                else:
                    still.append(c)
            open_ = still
            best: list[int] | None = None
            best_cost = 0
            for c in open_:
                di, dj = i - c[2], j - c[3]
                if 0 < di <= reach and 0 < dj <= reach and abs(di - dj) <= gap:
                    cost = abs(di - dj) * 4 + max(di, dj)
                    if best is None or cost < best_cost:
                        best, best_cost = c, cost
            if best is None:
                open_.append([i, j, i, j, 1])
            else:
                best[2], best[3] = i, j
                best[4] += 1
        done.extend((c[0], c[1], c[2], c[3], c[4]) for c in open_)
        return done

    def _passages(self, a: _Doc, b: _Doc, seeds: list[tuple[int, int]]) -> list[SharedPassage]:
        """Passages from sorted seeds (offsets: `start/end` in a, `other_*` in b)."""
        n = self.n
        found: list[tuple[int, int, int, int, float]] = []
        for fi, fj, li, lj, count in self._chains(seeds):
            if count < self.min_seeds:
                continue
            ai, aj, bi, bj = fi, li + n, fj, lj + n
            # Length in words of two or more characters: elided `l’`, `d’`, `n’` do not count.
            if min(a.long_words(ai, aj), b.long_words(bi, bj)) < self.min_tokens:
                continue
            ratio = SequenceMatcher(
                None, a.words[ai:aj].tolist(), b.words[bi:bj].tolist(), autojunk=False
            ).ratio()
            if ratio >= self.min_similarity:
                found.append((ai, aj, bi, bj, ratio))
        # Drop a passage that overlaps a longer one on both sides (same match found twice).
        found.sort(key=lambda t: (-(t[1] - t[0] + t[3] - t[2]), t[0], t[2]))
        kept: list[tuple[int, int, int, int, float]] = []
        for t in found:
            if not any(t[0] < k[1] and k[0] < t[1] and t[2] < k[3] and k[2] < t[3] for k in kept):
                kept.append(t)
        kept.sort()
        return [
            SharedPassage(
                int(a.starts[ai]),
                int(a.ends[aj - 1]),
                int(b.starts[bi]),
                int(b.ends[bj - 1]),
                round(ratio, 4),
            )
            for ai, aj, bi, bj, ratio in kept
        ]

    def _verify(
        self, slot: int, other: int, shared: HashArray, pos_a: dict[int, list[int]]
    ) -> list[SharedPassage]:
        """Passages of a candidate pair, oriented from `slot` (`start/end` in its text).

        Always computed with the smaller article id on the left, so results do not depend on
        which side asked.
        """
        da, db = self._docs[slot], self._docs[other]
        ida, idb = self._ids[slot], self._ids[other]
        assert da is not None and db is not None and ida is not None and idb is not None
        hb = db.hashes
        pb = np.flatnonzero(_member(hb, shared))
        pos_b: dict[int, list[int]] = {}
        for p, hv in zip(pb.tolist(), hb[pb].tolist(), strict=True):
            lst = pos_b.setdefault(hv, [])
            if len(lst) < MAX_OCCURRENCES:
                lst.append(p)
        if not _has_run(
            sorted(p for ps in pos_b.values() for p in ps), self.min_seeds, self.n + self.max_gap
        ):
            return []
        seeds = [(p, q) for hv, qs in pos_b.items() for p in pos_a.get(hv, ()) for q in qs]
        if ida <= idb:
            seeds.sort()
            return self._passages(da, db, seeds)
        flipped = sorted((q, p) for p, q in seeds)
        return [_flip(x) for x in self._passages(db, da, flipped)]

    def shared_with(
        self, article_id: str, *, should_stop: StopFn | None = None
    ) -> dict[str, list[SharedPassage]]:
        """Other article → passages it shares with `article_id` (`start/end` in `article_id`)."""
        slot = self._slots.get(article_id)
        if slot is None:
            raise KeyError(article_id)
        self._ensure_index()
        out: dict[str, list[SharedPassage]] = {}
        _check(should_stop)
        for other, found in self._compare(slot, self._candidates(slot)).items():
            other_id = self._ids[other]
            assert other_id is not None
            out[other_id] = found
        return out

    def pairs(
        self,
        changed: Iterable[str] | None = None,
        *,
        progress: ProgressFn | None = None,
        should_stop: StopFn | None = None,
    ) -> PairPassages:
        """Passages of every pair involving an article of `changed` (default: all articles).

        Keys are `(a, b)` with `a < b`; offsets `start/end` are in a, `other_*` in b. Only pairs
        with at least one passage are returned.
        """
        self._ensure_index()
        ids = sorted(self._slots) if changed is None else sorted(set(changed) & set(self._slots))
        focus = {self._slots[i] for i in ids}
        out: PairPassages = {}
        for done, aid in enumerate(ids):
            if done % 64 == 0:
                _check(should_stop)
                if progress is not None:
                    progress(done, len(ids))
            slot = self._slots[aid]
            cands = [
                (other, shared)
                for other, shared in self._candidates(slot)
                # A pair of two focus articles is computed once, from its smaller id.
                if not (other in focus and (self._ids[other] or "") < aid)
            ]
            for other, found in self._compare(slot, cands).items():
                bid = self._ids[other]
                assert bid is not None
                if aid < bid:
                    out[(aid, bid)] = found
                else:
                    out[(bid, aid)] = [_flip(p) for p in found]
        if progress is not None:
            progress(len(ids), len(ids))
        return out


def _flip(p: SharedPassage) -> SharedPassage:
    return SharedPassage(p.other_start, p.other_end, p.start, p.end, p.similarity)


def passages_for(
    changed: set[str],
    texts: Mapping[str, str],
    *,
    progress: ProgressFn | None = None,
    should_stop: StopFn | None = None,
    index: PassageIndex | None = None,
) -> PairPassages:
    """Shared passages of every pair involving a `changed` article, over all of `texts`.

    The index is built over every text (so n-gram frequencies are corpus-wide) unless a ready
    `index` is given: then only texts it lacks or that are in `changed` are (re)tokenised and
    articles missing from `texts` are removed from it. Keys are `(a, b)` with `a < b`; only
    pairs with passages are returned, so a caller replaces all stored pairs that touch
    `changed` with this result.
    `progress(done, total)` counts indexed texts then examined articles; `should_stop()`
    returning true raises `PassagesCancelled`.
    """
    focus = [c for c in changed if c in texts]
    if index is None:
        index = PassageIndex()
        to_add = list(texts)
    else:
        for gone in [k for k in index.ids() if k not in texts]:
            index.remove(gone)
        to_add = [k for k in texts if k not in index or k in changed]
    total = len(to_add) + len(focus)
    for done, aid in enumerate(to_add):
        if done % 256 == 0:
            _check(should_stop)
            if progress is not None:
                progress(done, total)
        index.add(aid, texts[aid])

    def step(done: int, _total: int) -> None:
        if progress is not None:
            progress(len(to_add) + done, total)

    return index.pairs(focus, progress=step, should_stop=should_stop)


def find_all_passages(
    texts: Mapping[str, str],
    *,
    progress: ProgressFn | None = None,
    should_stop: StopFn | None = None,
) -> PairPassages:
    """Shared passages of every pair of `texts`: `(a, b)` with `a < b` → passages."""
    return passages_for(set(texts), texts, progress=progress, should_stop=should_stop)
