"""The shared-passage index kept on disk between updates, read through the memory map.

An update tokenises only the new or changed texts and looks their n-grams up in what is kept,
so neither loading nor saving costs what the corpus costs. The index folder holds
`passages/`: segments of tokenised articles (flat arrays in `.npy` files, mapped, never read
whole) each with its n-gram postings sorted by hash, and `meta.pickle` (the vocabulary, each
segment's article ids and content hashes). An update writes its new texts as one more segment;
an article whose content hash no longer matches the corpus is dead in its segment; when the
dead are a quarter of all, or there are too many segments, they are merged into one.

Candidates and passages are what `PassageIndex.pairs` finds over the same texts: an n-gram is
informative when 2 to `max_df` live articles hold it, a candidate shares at least `min_seeds`
of them, and the pair is verified by the same code (`PassageIndex._compare`). The meta file
carries a token that the store's commit records: files left by a killed run are not used.
"""

from __future__ import annotations

import math
import os
import pickle
import uuid
from collections.abc import Callable, Iterable, Mapping
from contextlib import suppress
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import numpy.typing as npt

from reader.domain.xref.passages import (
    _SLOT_BITS,
    _SLOT_MASK,
    MAX_DF_FLOOR,
    MAX_DF_FRACTION,
    PairPassages,
    PassageIndex,
    _Doc,
    _flip,
)

DIR_NAME = "passages"
META_KEY = "passage_state"
#: Bump when the files' layout or the tokenising changes.
STORE_VERSION = 1
#: Merge the segments into one beyond this many.
MAX_SEGMENTS = 12
_NONE = np.empty(0, dtype=np.uint64)
_ARRAYS = ("starts", "ends", "words", "hashes", "wptr", "hptr", "keys")


@dataclass(slots=True)
class _Segment:
    """Tokenised articles in flat arrays: article i's words are `wptr[i]:wptr[i+1]` of
    `starts/ends/words`, its n-gram hashes `hptr[i]:hptr[i+1]` of `hashes`; `keys` holds
    `hash << 24 | i` for each distinct hash of each article, sorted."""

    name: str
    ids: list[str]
    hashes_of: list[str]
    arrays: dict[str, npt.NDArray[np.generic]]

    def doc(self, i: int, distinct: bool = False) -> _Doc:
        """Article i's tokens (its distinct n-grams only if asked: comparing needs none)."""
        a = self.arrays
        w0, w1 = int(a["wptr"][i]), int(a["wptr"][i + 1])
        h0, h1 = int(a["hptr"][i]), int(a["hptr"][i + 1])
        hashes = np.asarray(a["hashes"][h0:h1], dtype=np.uint64)
        return _Doc(
            np.asarray(a["starts"][w0:w1], dtype=np.int32),
            np.asarray(a["ends"][w0:w1], dtype=np.int32),
            np.asarray(a["words"][w0:w1], dtype=np.int32),
            hashes,
            np.unique(hashes) if distinct else _NONE,
        )


def _pack(docs: list[tuple[str, str, _Doc]], name: str) -> _Segment:
    """A segment of `(article id, content hash, doc)`."""
    wlen = np.array([len(d.starts) for _a, _h, d in docs], dtype=np.int64)
    hlen = np.array([len(d.hashes) for _a, _h, d in docs], dtype=np.int64)
    wptr = np.zeros(len(docs) + 1, dtype=np.int64)
    hptr = np.zeros(len(docs) + 1, dtype=np.int64)
    np.cumsum(wlen, out=wptr[1:])
    np.cumsum(hlen, out=hptr[1:])

    def cat(parts: list[npt.NDArray[np.generic]], dtype: type) -> npt.NDArray[np.generic]:
        return np.concatenate(parts).astype(dtype) if parts else np.empty(0, dtype=dtype)

    shift = np.uint64(_SLOT_BITS)
    keys = cat(
        [(d.distinct << shift) | np.uint64(i) for i, (_a, _h, d) in enumerate(docs)], np.uint64
    )
    keys.sort()
    arrays = {
        "starts": cat([d.starts for _a, _h, d in docs], np.int32),
        "ends": cat([d.ends for _a, _h, d in docs], np.int32),
        "words": cat([d.words for _a, _h, d in docs], np.int32),
        "hashes": cat([d.hashes for _a, _h, d in docs], np.uint64),
        "wptr": wptr,
        "hptr": hptr,
        "keys": keys,
    }
    return _Segment(name, [a for a, _h, _d in docs], [h for _a, h, _d in docs], arrays)


class PassageStore:
    """The kept index: segments on disk plus the texts tokenised in this update."""

    def __init__(self, directory: Path, vocab: PassageIndex, segments: list[_Segment]) -> None:
        self.directory = directory
        self.vocab = vocab  # its word and stem ids tokenise new texts like the kept ones
        self.segments = segments
        self.fresh: list[tuple[str, str, _Doc]] = []
        self.alive: list[npt.NDArray[np.bool_]] = []

    # -- loading and saving -------------------------------------------------------------
    @classmethod
    def load(cls, index_dir: Path, token: str | None) -> PassageStore | None:
        """The kept index if it is the one the store's last commit recorded, else None."""
        directory = index_dir / DIR_NAME
        if not token:
            return None
        try:
            with open(directory / "meta.pickle", "rb") as fh:
                version, held, vocab, listing = pickle.load(fh)
            if version != STORE_VERSION or held != token or not isinstance(vocab, PassageIndex):
                return None
            segments = [
                _Segment(
                    name,
                    ids,
                    hashes,
                    {a: np.load(directory / f"{name}-{a}.npy", mmap_mode="r") for a in _ARRAYS},
                )
                for name, ids, hashes in listing
            ]
        except Exception:  # missing, truncated, foreign: rebuilt from the texts
            return None
        return cls(directory, vocab, segments)

    @classmethod
    def create(
        cls, index_dir: Path, index: PassageIndex, hashes: Mapping[str, str]
    ) -> PassageStore:
        """A store holding what a `PassageIndex` built in memory holds (one segment)."""
        docs = [
            (aid, hashes[aid], doc)
            for aid, doc in zip(index._ids, index._docs, strict=True)
            if aid is not None and doc is not None and aid in hashes
        ]
        vocab = PassageIndex(
            n=index.n,
            min_tokens=index.min_tokens,
            max_gap=index.max_gap,
            min_similarity=index.min_similarity,
            stem_chars=index.stem_chars,
        )
        vocab._word_ids, vocab._stem_ids = index._word_ids, index._stem_ids
        store = cls(index_dir / DIR_NAME, vocab, [])
        store.fresh = docs
        return store

    def save(self) -> str | None:
        """Write the texts tokenised now as a new segment (merging all segments when the dead
        are many), then the meta file under a new token, returned for the commit to record;
        None when it could not be written (the next update rebuilds it)."""
        token = uuid.uuid4().hex
        try:
            self.directory.mkdir(parents=True, exist_ok=True)
            live = self._live()
            dead = sum(len(s.ids) for s in self.segments) - sum(len(v) for v in live)
            total = sum(len(s.ids) for s in self.segments)
            keep = self.segments
            if 4 * dead > total or len(self.segments) >= MAX_SEGMENTS:
                docs = [
                    (s.ids[i], s.hashes_of[i], s.doc(i, distinct=True))
                    for s, idx in zip(self.segments, live, strict=True)
                    for i in idx
                ]
                keep, self.fresh = [], docs + self.fresh
            else:
                keep = [
                    _Segment(s.name, s.ids, self._masked(s, set(idx)), s.arrays)
                    for s, idx in zip(self.segments, live, strict=True)
                ]
            if self.fresh:
                seg = _pack(self.fresh, uuid.uuid4().hex[:12])
                for a in _ARRAYS:
                    np.save(self.directory / f"{seg.name}-{a}.npy", seg.arrays[a])
                keep = [*keep, seg]
            listing = [(s.name, s.ids, s.hashes_of) for s in keep]
            meta = self.directory / "meta.pickle"
            tmp = meta.with_name("meta.pickle.tmp")
            with open(tmp, "wb") as fh:
                pickle.dump((STORE_VERSION, token, self.vocab, listing), fh, protocol=5)
            os.replace(tmp, meta)
        except OSError:
            discard(self.directory.parent)
            return None
        wanted = {f"{s.name}-{a}.npy" for s in keep for a in _ARRAYS} | {"meta.pickle"}
        for path in self.directory.iterdir():
            if path.name not in wanted:
                with suppress(OSError):
                    path.unlink()
        return token

    @staticmethod
    def _masked(seg: _Segment, live: set[int]) -> list[str]:
        """A segment's content hashes with its dead articles' blanked (never alive again)."""
        return [h if i in live else "" for i, h in enumerate(seg.hashes_of)]

    def _live(self) -> list[list[int]]:
        return [np.flatnonzero(a).tolist() for a in self.alive] or [
            [i for i, h in enumerate(s.hashes_of) if h] for s in self.segments
        ]

    # -- an update ------------------------------------------------------------------------
    def refresh(
        self,
        hashes: Mapping[str, str],
        text_of: Callable[[str], str],
        changed: Iterable[str],
    ) -> None:
        """Mark dead the kept articles whose content hash is not the corpus's, and tokenise
        the texts of the changed articles and of any the store lacks."""
        held: set[str] = set()
        self.alive = []
        for s in self.segments:
            ok = np.array(
                [hashes.get(a) == h and h != "" for a, h in zip(s.ids, s.hashes_of, strict=True)],
                dtype=bool,
            )
            self.alive.append(ok)
            held.update(a for a, live in zip(s.ids, ok.tolist(), strict=True) if live)
        redo = set(changed) & hashes.keys()
        for s, ok in zip(self.segments, self.alive, strict=True):
            for i, aid in enumerate(s.ids):
                if aid in redo and ok[i]:
                    ok[i] = False
        held -= redo
        self.fresh += [
            (aid, hashes[aid], self.vocab._tokenize(text_of(aid)))
            for aid in sorted(hashes.keys() - held - {a for a, _h, _d in self.fresh})
        ]

    def pairs(
        self, changed: Iterable[str], should_stop: Callable[[], None] | None = None
    ) -> PairPassages:
        """Passages of every pair involving a `changed` article (as `PassageIndex.pairs`);
        `should_stop()` is called now and then (it raises to cancel)."""
        fresh = _pack(self.fresh, "fresh") if self.fresh else None
        parts: list[tuple[_Segment, npt.NDArray[np.bool_]]] = list(
            zip(self.segments, self.alive, strict=True)
        )
        if fresh is not None:
            parts.append((fresh, np.ones(len(fresh.ids), dtype=bool)))
        live = sum(int(a.sum()) for _s, a in parts)
        probe = PassageIndex(
            n=self.vocab.n,
            min_tokens=self.vocab.min_tokens,
            max_gap=self.vocab.max_gap,
            min_similarity=self.vocab.min_similarity,
        )
        max_df = max(MAX_DF_FLOOR, math.ceil(MAX_DF_FRACTION * live))
        where = {aid: (len(parts) - 1, i) for i, aid in enumerate(fresh.ids)} if fresh else {}
        focus = sorted(set(changed) & where.keys())
        focus_set = set(focus)
        out: PairPassages = {}
        shift = np.uint64(_SLOT_BITS)
        for n, aid in enumerate(focus):
            if should_stop is not None and n % 16 == 0:
                should_stop()
            p_at, i = where[aid]
            seg = parts[p_at][0]
            doc = seg.doc(i, distinct=True)
            distinct = doc.distinct
            # postings of each distinct n-gram over the live articles of every segment
            owners: list[npt.NDArray[np.int64]] = []
            grams: list[npt.NDArray[np.uint64]] = []
            for p, (s, ok) in enumerate(parts):
                keys = s.arrays["keys"]
                lo = np.searchsorted(keys, distinct << shift, side="left")
                hi = np.searchsorted(keys, (distinct << shift) | _SLOT_MASK, side="right")
                lens = hi - lo
                total = int(lens.sum())
                if not total:
                    continue
                idx = np.arange(total) + np.repeat(lo - (np.cumsum(lens) - lens), lens)
                local = (np.asarray(keys[idx]) & _SLOT_MASK).astype(np.int64)
                gram = np.repeat(distinct, lens)
                alive = ok[local]
                owners.append(local[alive] + (p << 32))
                grams.append(gram[alive])
            if not owners:
                continue
            owner = np.concatenate(owners)
            gram = np.concatenate(grams)
            uniq, df = np.unique(gram, return_counts=True)
            informative = uniq[(df >= 2) & (df <= max_df)]
            keep = np.isin(gram, informative)
            me = (p_at << 32) + i
            keep &= owner != me
            owner, gram = owner[keep], gram[keep]
            if not len(owner):
                continue
            order = np.lexsort((gram, owner))
            owner, gram = owner[order], gram[order]
            cuts = np.flatnonzero(np.diff(owner)) + 1
            firsts = [0, *cuts.tolist()]
            lasts = [*cuts.tolist(), len(owner)]
            cands: list[tuple[int, npt.NDArray[np.uint64]]] = []
            probe._docs, probe._ids = [doc], [aid]
            for f, e in zip(firsts, lasts, strict=True):
                if e - f < probe.min_seeds:
                    continue
                o = int(owner[f])
                s = parts[o >> 32][0]
                other = s.ids[o & 0xFFFFFFFF]
                if other in focus_set and other < aid:
                    continue
                probe._docs.append(s.doc(o & 0xFFFFFFFF))
                probe._ids.append(other)
                cands.append((len(probe._docs) - 1, gram[f:e]))
            for slot, found in probe._compare(0, cands).items():
                bid = probe._ids[slot]
                assert bid is not None
                if aid < bid:
                    out[(aid, bid)] = found
                else:
                    out[(bid, aid)] = [_flip(x) for x in found]
        return out


def discard(index_dir: Path) -> None:
    """Remove the kept index (a rebuild starts from nothing)."""
    directory = index_dir / DIR_NAME
    with suppress(OSError):
        for path in directory.iterdir():
            with suppress(OSError):
                path.unlink()
        directory.rmdir()
