"""Side-by-side alignment of two articles: paragraphs paired, then a word-level diff per pair."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from typing import Literal

from reader.domain.model import Article
from reader.domain.xref._text import word_spans

#: Paragraphs less similar than this are not paired (one is dropped, the other added).
MIN_PARAGRAPH_SIMILARITY = 0.35

DiffKind = Literal["equal", "insert", "delete", "replace"]


@dataclass(frozen=True, slots=True)
class DiffOp:
    """One step of a word-level diff, as character offsets into `a.text` and `b.text`.

    The ops of a pair tile both paragraphs: each op runs from the start of its first token to
    the start of the next op's first token (so whitespace belongs to the op before it); an
    `insert` has `a_start == a_end`, a `delete` has `b_start == b_end`.
    """

    kind: DiffKind
    a_start: int
    a_end: int
    b_start: int
    b_end: int


@dataclass(slots=True)
class AlignedPair:
    """Paragraph `a` of the first article facing paragraph `b` of the second.

    `a` or `b` is None for a paragraph with no counterpart (dropped from a / added in b).
    """

    a: tuple[int, int] | None
    b: tuple[int, int] | None
    similarity: float
    ops: list[DiffOp] = field(default_factory=list)


_TOKEN_RE = re.compile(r"[^\W_]+|[^\w\s]", re.UNICODE)
# Typography that should not count as a change: quotes and apostrophes.
_TYPO = str.maketrans({"’": "'", "‘": "'", "ʼ": "'", "«": '"', "»": '"', "“": '"', "”": '"'})


_KINDS: dict[str, DiffKind] = {
    "equal": "equal",
    "insert": "insert",
    "delete": "delete",
    "replace": "replace",
}


def _paragraphs(article: Article) -> list[tuple[int, int]]:
    paras = [(s, e) for s, e in article.paragraphs if e > s]
    if not paras and article.text.strip():
        paras = [(0, len(article.text))]
    return paras


def _words(text: str, span: tuple[int, int]) -> list[str]:
    return [w for _, _, w in word_spans(text[span[0] : span[1]])]


def paragraph_similarity(a: list[str], b: list[str]) -> float:
    """Word-level similarity of two paragraphs (difflib ratio of folded words), in [0, 1]."""
    if not a or not b:
        return 0.0
    sm = SequenceMatcher(None, a, b, autojunk=False)
    if sm.real_quick_ratio() < MIN_PARAGRAPH_SIMILARITY:
        return 0.0
    if sm.quick_ratio() < MIN_PARAGRAPH_SIMILARITY:
        return 0.0
    return sm.ratio()


def _pairing(sim: list[list[float]]) -> list[tuple[int, int]]:
    """Monotonic pairing maximising the total similarity (pairs under the threshold excluded)."""
    na = len(sim)
    nb = len(sim[0]) if na else 0
    best = [[0.0] * (nb + 1) for _ in range(na + 1)]
    for i in range(na - 1, -1, -1):
        row, nxt = best[i], best[i + 1]
        for j in range(nb - 1, -1, -1):
            v = max(nxt[j], row[j + 1])
            s = sim[i][j]
            if s >= MIN_PARAGRAPH_SIMILARITY:
                v = max(v, s + nxt[j + 1])
            row[j] = v
    pairs: list[tuple[int, int]] = []
    i = j = 0
    while i < na and j < nb:
        s = sim[i][j]
        if s >= MIN_PARAGRAPH_SIMILARITY and best[i][j] == s + best[i + 1][j + 1]:
            pairs.append((i, j))
            i += 1
            j += 1
        elif best[i][j] == best[i + 1][j]:
            i += 1
        else:
            j += 1
    return pairs


def diff_ops(
    a_text: str, a_span: tuple[int, int], b_text: str, b_span: tuple[int, int]
) -> list[DiffOp]:
    """Word-level diff of `a_text[a_span]` against `b_text[b_span]` (words and punctuation)."""
    ta = [(m.start(), m.group()) for m in _TOKEN_RE.finditer(a_text, *a_span)]
    tb = [(m.start(), m.group()) for m in _TOKEN_RE.finditer(b_text, *b_span)]
    ka = [t.translate(_TYPO) for _, t in ta]
    kb = [t.translate(_TYPO) for _, t in tb]

    def edge(tokens: list[tuple[int, str]], k: int, span: tuple[int, int]) -> int:
        if k == 0:
            return span[0]
        if k >= len(tokens):
            return span[1]
        return tokens[k][0]

    ops: list[DiffOp] = []
    sm = SequenceMatcher(None, ka, kb, autojunk=False)
    for tag, i1, i2, j1, j2 in sm.get_opcodes():
        kind: DiffKind = _KINDS[tag]
        ops.append(
            DiffOp(
                kind,
                edge(ta, i1, a_span),
                edge(ta, i2, a_span),
                edge(tb, j1, b_span),
                edge(tb, j2, b_span),
            )
        )
    if not ops and (a_span[1] > a_span[0] or b_span[1] > b_span[0]):
        ops.append(DiffOp("equal", a_span[0], a_span[1], b_span[0], b_span[1]))
    return ops


def align(a: Article, b: Article) -> list[AlignedPair]:
    """Pair the paragraphs of `a` and `b` in order and diff each pair word by word.

    Paragraphs are paired by a monotonic alignment (dynamic programming over the word-level
    similarity of every paragraph pair, pairs under `MIN_PARAGRAPH_SIMILARITY` excluded);
    unpaired paragraphs of `a` come out as `AlignedPair(a=span, b=None)` with one `delete` op,
    unpaired paragraphs of `b` as `AlignedPair(a=None, b=span)` with one `insert` op.
    """
    pa, pb = _paragraphs(a), _paragraphs(b)
    wa = [_words(a.text, p) for p in pa]
    wb = [_words(b.text, p) for p in pb]
    sim = [[paragraph_similarity(x, y) for y in wb] for x in wa]
    out: list[AlignedPair] = []
    i = j = 0
    a_pos = pa[0][0] if pa else 0
    b_pos = pb[0][0] if pb else 0

    def flush(until_i: int, until_j: int) -> None:
        nonlocal i, j, a_pos, b_pos
        while i < until_i:
            s, e = pa[i]
            out.append(AlignedPair((s, e), None, 0.0, [DiffOp("delete", s, e, b_pos, b_pos)]))
            a_pos = e
            i += 1
        while j < until_j:
            s, e = pb[j]
            out.append(AlignedPair(None, (s, e), 0.0, [DiffOp("insert", a_pos, a_pos, s, e)]))
            b_pos = e
            j += 1

    for pi, pj in _pairing(sim):
        flush(pi, pj)
        out.append(
            AlignedPair(
                pa[pi], pb[pj], round(sim[pi][pj], 4), diff_ops(a.text, pa[pi], b.text, pb[pj])
            )
        )
        a_pos, b_pos = pa[pi][1], pb[pj][1]
        i, j = pi + 1, pj + 1
    flush(len(pa), len(pb))
    return out
