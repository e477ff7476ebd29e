"""What is new to the reader in an article: the parts already read elsewhere, and the rest.

An article's text is *already read* where it holds

* a shared (reprinted) passage with an article the person has read (`xref.passages`, stored by
  the pipeline: nothing is recomputed here), or
* a sentence near-identical to a sentence of a read article: the same words once folded (case,
  accents, apostrophes, punctuation and spacing ignored), compared by a 64-bit hash. Sentences
  of fewer than `MIN_SENTENCE_WORDS` words are left out (`Il a démenti.` says nothing of where
  it was read).

Each article is reduced once to a `NoveltyDoc` (its size, its sentence hashes, the spans it
shares with each other article); `NoveltyIndex` keeps those and the read marks, so marking an
article read updates only the articles sharing something with it, and asking for an article's
new fraction is a few set lookups — no corpus scan. Pure Python, no UI.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence, Set
from dataclasses import dataclass, field
from hashlib import blake2b

from reader.domain.model import SharedPassage
from reader.domain.xref._text import WORD_RE, fold_word, sentence_spans

#: Sentences shorter than this (in words) never count as read elsewhere.
MIN_SENTENCE_WORDS = 6

Span = tuple[int, int]


def sentence_hash(words: Sequence[str]) -> int:
    """A stable 64-bit hash of folded words (the same in every process)."""
    digest = blake2b(" ".join(words).encode("utf-8"), digest_size=8).digest()
    return int.from_bytes(digest, "big", signed=True)


def sentence_keys(text: str, spans: Sequence[Span] | None = None) -> list[tuple[int, int, int]]:
    """`(start, end, hash)` of each sentence of `text` long enough to compare (`spans`: its
    sentences, when the caller has them)."""
    out: list[tuple[int, int, int]] = []
    for start, end in sentence_spans(text) if spans is None else spans:
        words = list(map(fold_word, WORD_RE.findall(text, start, end)))
        if len(words) >= MIN_SENTENCE_WORDS:
            out.append((start, end, sentence_hash(words)))
    return out


@dataclass(frozen=True, slots=True)
class NoveltyDoc:
    """What novelty needs of one article: its sentences (what is measured: the blanks between
    sentences do not count), the keys of those long enough to compare, and the spans (in its
    own text) it shares with each other article."""

    units: tuple[Span, ...]
    sentences: tuple[tuple[int, int, int], ...]
    passages: Mapping[str, tuple[Span, ...]] = field(default_factory=dict)

    @property
    def size(self) -> int:
        """Characters measured (the sentences')."""
        return sum(end - start for start, end in self.units)

    @property
    def hashes(self) -> frozenset[int]:
        """The distinct sentence hashes."""
        return frozenset(h for _, _, h in self.sentences)


def make_doc(
    article_id: str,
    text: str,
    pairs: Mapping[tuple[str, str], Sequence[SharedPassage]],
) -> NoveltyDoc:
    """The `NoveltyDoc` of an article from its text and its stored passage pairs (`(a, b)` →
    passages, offsets `start/end` in `a`, `other_*` in `b`, as `Library` stores them)."""
    spans: dict[str, list[Span]] = {}
    for (a, b), found in pairs.items():
        if a == article_id and b != article_id:
            spans.setdefault(b, []).extend((p.start, p.end) for p in found)
        elif b == article_id and a != article_id:
            spans.setdefault(a, []).extend((p.other_start, p.other_end) for p in found)
    units = sentence_spans(text)
    return NoveltyDoc(
        units=tuple(units),
        sentences=tuple(sentence_keys(text, units)),
        passages={other: tuple(sorted(s)) for other, s in spans.items() if s},
    )


def merge_spans(spans: Iterable[Span]) -> list[Span]:
    """Sorted, non-overlapping union of `spans` (touching spans join)."""
    out: list[Span] = []
    for start, end in sorted(s for s in spans if s[1] > s[0]):
        if out and start <= out[-1][1]:
            if end > out[-1][1]:
                out[-1] = (out[-1][0], end)
        else:
            out.append((start, end))
    return out


@dataclass(frozen=True, slots=True)
class Novelty:
    """How much of an article is new to the reader, and where the rest was read."""

    fraction: float  # 0.0 (all read elsewhere) … 1.0 (all new)
    read_spans: list[Span]  # merged, offsets into the article's text


def novelty(
    doc: NoveltyDoc,
    article_id: str,
    read: Set[str],
    read_hashes: Mapping[int, int],
) -> Novelty:
    """The parts of the article read *elsewhere*: passages shared with a read article other than
    itself, and sentences whose hash a read article other than itself holds.

    `read_hashes` counts, for each hash, the read articles holding it (each article once);
    the article's own contribution is taken out when it is itself read.
    """
    spans: list[Span] = []
    for other, found in doc.passages.items():
        if other in read and other != article_id:
            spans.extend(found)
    own = 1 if article_id in read else 0  # a read article counts each of its hashes once
    for start, end, h in doc.sentences:
        if read_hashes.get(h, 0) - own > 0:
            spans.append((start, end))
    merged = merge_spans(spans)
    size = doc.size
    covered = _overlap(merged, doc.units)
    fraction = 1.0 if size <= 0 else max(0.0, min(1.0, 1.0 - covered / size))
    return Novelty(fraction, merged)


def _overlap(a: Sequence[Span], b: Sequence[Span]) -> int:
    """Characters in both span lists (each sorted and non-overlapping)."""
    total = i = j = 0
    while i < len(a) and j < len(b):
        start = max(a[i][0], b[j][0])
        end = min(a[i][1], b[j][1])
        if end > start:
            total += end - start
        if a[i][1] < b[j][1]:
            i += 1
        else:
            j += 1
    return total


def percent_new(fraction: float) -> int:
    """The fraction as a whole percentage, rounded down (100 only when nothing was read)."""
    return max(0, min(100, int(fraction * 100 + 1e-9)))


class NoveltyIndex:
    """Every article's `NoveltyDoc` plus the read marks; answers in a few lookups.

    `mark_read` returns the articles whose novelty may have changed (those sharing a passage or
    a sentence with the newly read one), so callers refresh only those.
    """

    def __init__(self) -> None:
        self._docs: dict[str, NoveltyDoc] = {}
        self._hashes: dict[str, frozenset[int]] = {}
        self._read: set[str] = set()
        self._read_hashes: Counter[int] = Counter()
        self._by_hash: dict[int, list[str]] | None = None
        self._fractions: dict[str, float] = {}  # unread articles' fractions, as computed

    def __contains__(self, article_id: object) -> bool:
        return article_id in self._docs

    def __len__(self) -> int:
        return len(self._docs)

    @property
    def read(self) -> Set[str]:
        """The articles marked read."""
        return self._read

    def add(self, article_id: str, doc: NoveltyDoc) -> None:
        """Add (or replace) an article."""
        if article_id in self._docs and article_id in self._read:
            self._read_hashes.subtract(self._hashes[article_id])
        self._docs[article_id] = doc
        self._hashes[article_id] = doc.hashes
        if article_id in self._read:
            self._read_hashes.update(self._hashes[article_id])
        self._by_hash = None
        self._fractions.clear()

    def set_read(self, read: Iterable[str]) -> None:
        """Replace the read marks."""
        self._read = set(read)
        self._fractions.clear()
        self._read_hashes = Counter()
        for aid in self._read:
            hashes = self._hashes.get(aid)
            if hashes:
                self._read_hashes.update(hashes)

    def prepare(self) -> None:
        """Build now what the first `mark_read` would otherwise build (call from a worker)."""
        self._sharing_hash()

    def _sharing_hash(self) -> dict[int, list[str]]:
        """Hash → the articles holding it, for hashes held by two articles or more."""
        if self._by_hash is None:
            counts: Counter[int] = Counter()
            for hashes in self._hashes.values():
                counts.update(hashes)
            by_hash: dict[int, list[str]] = {}
            for aid, hashes in self._hashes.items():
                for h in hashes:
                    if counts[h] > 1:
                        by_hash.setdefault(h, []).append(aid)
            self._by_hash = by_hash
        return self._by_hash

    def neighbours(self, article_id: str) -> set[str]:
        """The articles sharing a passage or a sentence with `article_id` (not itself)."""
        doc = self._docs.get(article_id)
        if doc is None:
            return set()
        found = set(doc.passages)
        by_hash = self._sharing_hash()
        for h in self._hashes.get(article_id, ()):
            found.update(by_hash.get(h, ()))
        found.discard(article_id)
        return found

    def mark_read(self, article_id: str) -> set[str]:
        """Mark `article_id` read; the articles whose novelty may have changed (itself too)."""
        if article_id in self._read:
            return set()
        self._read.add(article_id)
        hashes = self._hashes.get(article_id)
        if hashes:
            self._read_hashes.update(hashes)
        changed = self.neighbours(article_id) | {article_id}
        for aid in changed:
            self._fractions.pop(aid, None)
        return changed

    def novelty(self, article_id: str) -> Novelty | None:
        """The article's novelty (None when it is not indexed)."""
        doc = self._docs.get(article_id)
        if doc is None:
            return None
        return novelty(doc, article_id, self._read, self._read_hashes)

    def fraction(self, article_id: str) -> float | None:
        """The new fraction of an unread article; 0.0 for a read one; None if not indexed."""
        if article_id not in self._docs:
            return None
        if article_id in self._read:
            return 0.0
        cached = self._fractions.get(article_id)
        if cached is None:
            found = self.novelty(article_id)
            if found is None:
                return None
            cached = self._fractions[article_id] = found.fraction
        return cached

    def fractions(self, article_ids: Iterable[str] | None = None) -> dict[str, float]:
        """`fraction` of each indexed article (of `article_ids`, when given)."""
        ids = self._docs if article_ids is None else article_ids
        out: dict[str, float] = {}
        for aid in ids:
            value = self.fraction(aid)
            if value is not None:
                out[aid] = value
        return out
