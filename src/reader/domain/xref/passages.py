"""Shared passages (reprints): near-verbatim spans that two articles have in common.

Algorithm (shingling with an inverted n-gram index):

1. Every text is cut into words (`_text.WORD_RE`: apostrophes, hyphens and punctuation separate
   words), each kept with its character offsets. A word is folded (case, accents; typography
   disappears with the punctuation) and, for matching, reduced to its first `STEM_CHARS`
   characters, a crude stem that absorbs most inflections (`terminés`/`terminée`,
   `déclaré`/`déclarait`).
2. Overlapping word n-grams (`n` = 5) of stems are hashed to 64-bit integers. The index is one
   sorted NumPy array of the distinct hashes of every article, with the article of each entry.
   Looking an article up costs one `searchsorted` of its own hashes: no pairwise comparison.
3. An n-gram found in more than `max_df` articles is boilerplate-ish and ignored; an n-gram in
   only one article says nothing. Another article becomes a candidate when it shares at least
   `min_tokens - n + 1` of the remaining n-grams (the least a passage of `min_tokens` words has).
4. For a candidate pair, matching n-gram positions (seeds) are chained along near-diagonals:
   a seed extends a chain when it follows it on both sides by at most `n + max_gap` words and
   the two steps differ by at most `max_gap` words — so an inserted clause, a changed verb or a
   typographic change leaves one passage instead of breaking it.
5. A chain becomes a passage when both sides span at least `min_tokens` words and the
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
#: Shortest passage reported, in words on each side.
MIN_TOKENS = 8
#: Largest gap (in words) bridged when chaining seed matches; also the largest diagonal shift.
MAX_GAP = 8
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
    stems: IntArray  # stem ids (matching)


def _ngram_hashes(stems: IntArray, n: int) -> HashArray:
    """64-bit hash of every n-gram of stem ids, by position."""
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
    return h


def _check(should_stop: StopFn | None) -> None:
    if should_stop is not None and should_stop():
        raise PassagesCancelled("shared-passage detection cancelled")


class PassageIndex:
    """An inverted n-gram index over article texts that finds their shared passages.

    `add`/`remove` are cheap; the sorted index is rebuilt lazily on the next query.
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
        self._keys: HashArray = np.empty(0, dtype=np.uint64)
        self._key_slots: IntArray = np.empty(0, dtype=np.int32)
        self._dirty = False

    # -- contents ---------------------------------------------------------------------------
    def __len__(self) -> int:
        return len(self._slots)

    def __contains__(self, article_id: object) -> bool:
        return article_id in self._slots

    @property
    def max_df(self) -> int:
        """N-grams found in more articles than this are ignored (boilerplate-ish)."""
        if self._max_df is not None:
            return self._max_df
        return max(MAX_DF_FLOOR, math.ceil(MAX_DF_FRACTION * len(self._slots)))

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
        return _Doc(
            np.array(starts, dtype=np.int32),
            np.array(ends, dtype=np.int32),
            np.array(words, dtype=np.int32),
            np.array(stems, dtype=np.int32),
        )

    def add(self, article_id: str, text: str) -> None:
        """Index (or re-index) the text of an article."""
        doc = self._tokenize(text)
        slot = self._slots.get(article_id)
        if slot is None:
            slot = len(self._docs)
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
        keys: list[HashArray] = []
        slots: list[IntArray] = []
        for slot, doc in enumerate(self._docs):
            if doc is None:
                continue
            u = np.unique(_ngram_hashes(doc.stems, self.n))
            keys.append(u)
            slots.append(np.full(len(u), slot, dtype=np.int32))
        if keys:
            all_keys = np.concatenate(keys)
            all_slots = np.concatenate(slots)
            order = np.argsort(all_keys, kind="stable")
            self._keys = all_keys[order]
            self._key_slots = all_slots[order]
        else:
            self._keys = np.empty(0, dtype=np.uint64)
            self._key_slots = np.empty(0, dtype=np.int32)
        self._dirty = False

    def _ensure_index(self) -> None:
        if self._dirty:
            self._rebuild()

    @property
    def _min_seeds(self) -> int:
        return max(1, self.min_tokens - self.n + 1)

    def _candidates(self, slot: int) -> tuple[list[int], HashArray]:
        """Other articles sharing enough informative n-grams with `slot`, and those n-grams."""
        doc = self._docs[slot]
        assert doc is not None
        uh = np.unique(_ngram_hashes(doc.stems, self.n))
        lo = np.searchsorted(self._keys, uh, side="left")
        hi = np.searchsorted(self._keys, uh, side="right")
        df = hi - lo
        ok = (df >= 2) & (df <= self.max_df)
        informative = uh[ok]
        lo, lens = lo[ok], df[ok]
        total = int(lens.sum())
        if total == 0:
            return [], informative
        idx = np.arange(total) + np.repeat(lo - (np.cumsum(lens) - lens), lens)
        others = self._key_slots[idx]
        others = others[others != slot]
        cand, counts = np.unique(others, return_counts=True)
        return cand[counts >= self._min_seeds].tolist(), informative

    # -- pairs ------------------------------------------------------------------------------
    def _seeds(self, a: _Doc, b: _Doc, informative: HashArray) -> list[tuple[int, int]]:
        ha = _ngram_hashes(a.stems, self.n)
        hb = _ngram_hashes(b.stems, self.n)
        common = np.intersect1d(ha, hb)
        common = common[np.isin(common, informative)]
        if len(common) < self._min_seeds:
            return []
        pos_b: dict[int, list[int]] = {}
        pb = np.flatnonzero(np.isin(hb, common))
        for p, h in zip(pb.tolist(), hb[pb].tolist(), strict=True):
            lst = pos_b.setdefault(h, [])
            if len(lst) < MAX_OCCURRENCES:
                lst.append(p)
        seeds: list[tuple[int, int]] = []
        used_a: dict[int, int] = {}
        pa = np.flatnonzero(np.isin(ha, common))
        for p, h in zip(pa.tolist(), ha[pa].tolist(), strict=True):
            k = used_a.get(h, 0)
            if k >= MAX_OCCURRENCES:
                continue
            used_a[h] = k + 1
            seeds.extend((p, q) for q in pos_b[h])
        seeds.sort()
        return seeds

    def _chains(self, seeds: list[tuple[int, int]]) -> list[tuple[int, int, int, int]]:
        """Chain seeds `(i, j)` along near-diagonals into `(first_i, first_j, last_i, last_j)`."""
        reach = self.n + self.max_gap
        gap = self.max_gap
        open_: list[list[int]] = []
        done: list[tuple[int, int, int, int]] = []
        for i, j in seeds:
            still: list[list[int]] = []
            for c in open_:
                if i - c[2] > reach:
                    done.append((c[0], c[1], c[2], c[3]))
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
                open_.append([i, j, i, j])
            else:
                best[2], best[3] = i, j
        done.extend((c[0], c[1], c[2], c[3]) for c in open_)
        return done

    def _pair(self, a: _Doc, b: _Doc, informative: HashArray) -> list[SharedPassage]:
        """Passages shared by `a` and `b` (offsets: `start/end` in a, `other_*` in b)."""
        seeds = self._seeds(a, b, informative)
        if not seeds:
            return []
        n = self.n
        found: list[tuple[int, int, int, int, float]] = []
        for fi, fj, li, lj in self._chains(seeds):
            ai, aj, bi, bj = fi, li + n, fj, lj + n
            if min(aj - ai, bj - bi) < self.min_tokens:
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

    def _compare_slots(self, sa: int, sb: int, informative: HashArray) -> list[SharedPassage]:
        """Passages for a pair, always computed with the smaller id first (deterministic)."""
        ida, idb = self._ids[sa], self._ids[sb]
        da, db = self._docs[sa], self._docs[sb]
        assert ida is not None and idb is not None and da is not None and db is not None
        if ida <= idb:
            return self._pair(da, db, informative)
        return [_flip(p) for p in self._pair(db, da, informative)]

    def shared_with(
        self, article_id: str, *, should_stop: StopFn | None = None
    ) -> dict[str, list[SharedPassage]]:
        """Other article → passages it shares with `article_id` (`start/end` in `article_id`)."""
        slot = self._slots.get(article_id)
        if slot is None:
            raise KeyError(article_id)
        self._ensure_index()
        out: dict[str, list[SharedPassage]] = {}
        cands, informative = self._candidates(slot)
        for other in cands:
            _check(should_stop)
            found = self._compare_slots(slot, other, informative)
            if found:
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
            _check(should_stop)
            if progress is not None:
                progress(done, len(ids))
            slot = self._slots[aid]
            cands, informative = self._candidates(slot)
            for other in cands:
                bid = self._ids[other]
                assert bid is not None
                if other in focus and bid < aid:
                    continue  # already computed from the other side
                found = self._compare_slots(slot, other, informative)
                if found:
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
    `index` holding them is given. Keys are `(a, b)` with `a < b`; only pairs with passages are
    returned, so a caller replaces all stored pairs that touch `changed` with this result.
    `progress(done, total)` counts indexed texts then examined articles; `should_stop()`
    returning true raises `PassagesCancelled`.
    """
    focus = [c for c in changed if c in texts]
    if index is None:
        index = PassageIndex()
        to_add = list(texts.items())
    else:
        to_add = [(k, v) for k, v in texts.items() if k not in index or k in changed]
    total = len(to_add) + len(focus)
    for done, (aid, text) in enumerate(to_add):
        if done % 256 == 0:
            _check(should_stop)
            if progress is not None:
                progress(done, total)
        index.add(aid, text)

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
