"""Did-you-mean: the index word closest to a word the index lacks, shown as it is spelled."""

from __future__ import annotations

from collections import Counter
from typing import Any

from whoosh import query as wq

from reader.domain.search.analysis import FrenchTokenizer, fold_token
from reader.domain.search.query import TEXT_FIELDS, positive_leaves
from reader.domain.textnorm import levenshtein


def _plural_variant(a: str, b: str) -> bool:
    return a.rstrip("sx") == b.rstrip("sx")


def closest(reader: Any, word: str) -> str | None:
    """The index word closest to `word` (edit distance ≤ 2, then most documents), skipping
    mere singular/plural variants, which stemming already finds."""
    maxdist = 1 if len(word) < 6 else 2
    best: tuple[int, int, str] | None = None
    for btext in reader.terms_within("spell", word, maxdist, prefix=1):
        cand = btext.decode("utf-8") if isinstance(btext, bytes) else str(btext)
        if _plural_variant(cand, word):
            continue
        key = (levenshtein(cand, word), -reader.doc_frequency("spell", cand), cand)
        if best is None or key < best:
            best = key
    return best[2] if best else None


def surface(reader: Any, folded: str) -> str:
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


def suggest_query(reader: Any, query: str, q: Any, analyzer: Any) -> str | None:
    """`query` with each word the index lacks replaced by the closest word it has (spelled
    as the articles spell it); None when there is nothing to suggest."""
    spans: set[tuple[int, int]] = set()
    for leaf in positive_leaves(q):
        if isinstance(leaf, wq.Term) and leaf.fieldname in TEXT_FIELDS:
            sc, ec = getattr(leaf, "startchar", None), getattr(leaf, "endchar", None)
            if isinstance(sc, int) and isinstance(ec, int) and 0 <= sc < ec <= len(query):
                spans.add((sc, ec))
    replacements: list[tuple[int, int, str]] = []
    for sc, ec in sorted(spans):
        for tok in analyzer(query[sc:ec], chars=True):
            word = tok.text
            if len(word) < 4 or word.isdigit() or reader.doc_frequency("spell", word):
                continue
            better = closest(reader, word)
            if better is None:
                continue
            spelled = surface(reader, better)
            replacements.append((sc + tok.startchar, sc + tok.endchar, spelled))
    if not replacements:
        return None
    out = query
    for s, e, spelled_as in sorted(replacements, reverse=True):
        out = out[:s] + spelled_as + out[e:]
    return out if out != query else None
