"""The same quotation in several articles: reprints, excerpts, light rewording.

Two quotations are the same when their folded texts are nearly identical, when the shorter is
an excerpt of the longer (most of its words, and of its content words, are in the longer), or
when they share most of their content words (a translation reworded); and their speakers do not
contradict each other (two different people never said the same thing here). Groups are the
connected sets of that relation; candidates come from an index of content words, so the cost
grows with the number of quotations, not its square.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher

from reader.domain.quotes.lexicon import split_words
from reader.domain.quotes.types import QuoteRef, RawQuote

_STOP = frozenset(
    split_words("""les des une est pas que qui pour par dans sur avec aux ses son sont nous vous ils
    elles leur leurs mais plus cela cette ces ont été etre avoir fait tout tous comme nos
    notre votre vos elle lui""")
)
#: a content word shared by more quotations than this finds no candidates (too common)
_MAX_POSTINGS = 60
#: candidates are looked up by this many of a quotation's rarest content words
_KEYS = 3
_STEM = 5


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text.replace("’", "'")).lower()
    return "".join(c for c in text if not unicodedata.combining(c))


def _words(text: str) -> list[str]:
    out: list[str] = []
    word = []
    for c in _fold(text):
        if c.isalnum():
            word.append(c)
        elif word:
            out.append("".join(word))
            word = []
    if word:
        out.append("".join(word))
    return out


@dataclass(frozen=True, slots=True)
class _Shape:
    folded: str
    stems: frozenset[str]
    content: frozenset[str]


def _shape(text: str) -> _Shape:
    words = _words(text)
    stems = frozenset(w[:_STEM] for w in words)
    content = frozenset(w[:_STEM] for w in words if len(w) > 2 and w not in _STOP)
    return _Shape(" ".join(words), stems, content)


def _plausible(a: _Shape, b: _Shape) -> bool:
    """A cheap first test: enough shared content words, and lengths that allow a match."""
    short, long_ = (a, b) if len(a.content) <= len(b.content) else (b, a)
    if len(short.content) < 2:
        return bool(short.content & long_.content) and len(long_.content) <= 2
    return len(short.content & long_.content) * 2 >= len(short.content)


def _same_text(a: _Shape, b: _Shape) -> bool:
    short, long_ = (a, b) if len(a.folded) <= len(b.folded) else (b, a)
    ratio = SequenceMatcher(None, short.folded, long_.folded, autojunk=False).ratio()
    if len(short.content) < 2:
        # a short remark: only a reprint, word for word
        return len(short.stems) >= 3 and ratio >= 0.9
    if ratio >= 0.8:
        return True
    covered = len(short.stems & long_.stems) / len(short.stems)
    content = len(short.content & long_.content) / len(short.content)
    if len(short.content) >= 3 and covered >= 0.8 and content >= 0.75:
        return True  # an excerpt
    union = len(short.content | long_.content)
    return len(short.content) >= 4 and len(short.content & long_.content) / union >= 0.6


def _compatible(a: RawQuote, b: RawQuote) -> bool:
    """Two people named as the speakers: the same quotation only if it is the same person."""
    if a.speaker_label != "PER" or b.speaker_label != "PER":
        return True
    last_a = _words(a.speaker or "")[-1:]
    last_b = _words(b.speaker or "")[-1:]
    return last_a == last_b


def group_quotes(
    quotes: Mapping[str, Sequence[RawQuote]], first_key: Callable[[str], tuple[str, ...]]
) -> list[list[QuoteRef]]:
    """Groups (two members or more) of the same quotation, each ordered by `first_key` of the
    article (date, then reading order): the first member is the first article to carry it."""
    refs: list[QuoteRef] = []
    shapes: list[_Shape] = []
    raws: list[RawQuote] = []
    for aid in sorted(quotes):
        for i, q in enumerate(quotes[aid]):
            refs.append(QuoteRef(aid, i))
            shapes.append(_shape(q.text))
            raws.append(q)
    parent = list(range(len(refs)))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    # word-for-word reprints join at once; only one of them looks for other candidates
    first_of: dict[str, int] = {}
    lead: list[int] = []
    for n, shape in enumerate(shapes):
        same = first_of.setdefault(shape.folded, n)
        if same != n and _compatible(raws[n], raws[same]):
            parent[n] = find(same)
        else:
            lead.append(n)
    postings: dict[str, list[int]] = {}
    for n in lead:
        for stem in shapes[n].content:
            postings.setdefault(stem, []).append(n)

    for n in lead:
        shape = shapes[n]
        # candidates share one of this quotation's rarest content words
        keys = sorted(shape.content, key=lambda stem: len(postings[stem]))[:_KEYS]
        seen: set[int] = set()
        for stem in keys:
            posting = postings[stem]
            if len(posting) > _MAX_POSTINGS:
                continue
            for other in posting:
                if other == n or other in seen:
                    continue
                seen.add(other)
                if not _plausible(shape, shapes[other]) or find(n) == find(other):
                    continue
                if _compatible(raws[n], raws[other]) and _same_text(shape, shapes[other]):
                    parent[find(other)] = find(n)
    groups: dict[int, list[int]] = {}
    for n in range(len(refs)):
        groups.setdefault(find(n), []).append(n)
    out = []
    for members in groups.values():
        if len(members) < 2:
            continue
        ordered = sorted(members, key=lambda m: (*first_key(refs[m].article), refs[m].index))
        out.append([refs[m] for m in ordered])
    out.sort(key=lambda g: (first_key(g[0].article), g[0].index))
    return out
