"""The best hits of a phrase query without checking every candidate, and an estimated total.

A phrase's score does not depend on where its words are: Whoosh scores a phrase as the sum of
its words' scores (`phrases.FastPhrase`). So every candidate (a document holding all the words)
can be scored before its positions are read, and that score is an upper bound of what the
document scores for the query (exactly it when the words are in order, nothing otherwise). The
candidates are then checked best first, and the search stops as soon as no unchecked candidate
can enter the top `limit`: the hits are exactly Whoosh's (same documents, scores and order: score
descending, then document number), and only a few dozen positions are read instead of every
candidate's. The total is then estimated from an evenly spread sample of the candidates
(`SAMPLE` of them) and flagged as such.

Only for the shape a phrase query takes (`"a b"`: a phrase in the title OR the body, or one
phrase in one field), on any number of segments, and only past `EXACT_UP_TO` candidates;
anything else, or a caller that wants an exact total, takes the exact path (Whoosh with
`FastPhrase`, `count_hits`).
"""

from __future__ import annotations

import heapq
from dataclasses import dataclass
from typing import Any

from whoosh import query as wq

from reader.domain.search.phrases import FastPhrase, _plain_positions, holds_phrase

#: Candidates up to which the exact path is taken (all are checked: an exact total).
EXACT_UP_TO = 1000
#: Candidates checked to estimate the total beyond `EXACT_UP_TO`.
SAMPLE = 400


@dataclass
class PhraseTop:
    """The best hits of a phrase query, best first, and the estimated number of matches."""

    hits: list[tuple[float, int]]  # (score, document number)
    total: int
    #: how many candidates had their positions read
    checked: int


def _phrases(q: Any) -> list[FastPhrase] | None:
    """The phrases of `q` when it is one phrase or an OR of two (title and body), else None."""
    if isinstance(q, FastPhrase):
        return [q]
    if type(q) is wq.Or and not getattr(q, "minmatch", 0) and getattr(q, "scale", None) is None:
        subs = q.subqueries
        if q.boost == 1.0 and 1 <= len(subs) <= 2 and all(isinstance(s, FastPhrase) for s in subs):
            return list(subs)
    return None


def top_phrase_hits(searcher: Any, q: Any, limit: int, estimate: bool = True) -> PhraseTop | None:
    """The `limit` best hits of `q` and its estimated total (without `estimate`, the number of
    hits), or None when `q` is not a phrase query of the supported shape or the phrase has at
    most `EXACT_UP_TO` candidates (then the exact path costs little)."""
    phrases = _phrases(q)
    if phrases is None:
        return None
    schema = searcher.schema
    for phrase in phrases:
        if (
            phrase.slop != 1
            or phrase.fieldname not in schema
            or not _plain_positions(schema[phrase.fieldname])
        ):
            return None
    # One part per segment and phrase: each candidate's score by (whole-index) document number,
    # the segment's posting values, and the segment's first document number. A document's
    # parts come in the phrases' order (title, then body), as Whoosh adds their scores.
    parts: list[tuple[dict[int, float], list[Any], int]] = []
    for sub, offset in searcher.leaf_searchers():
        for phrase in phrases:
            gathered = phrase.gather(sub.reader())
            if gathered is None:
                continue
            docs, weights, values = gathered
            column = phrase.scores(sub, docs, weights)
            parts.append(
                ({offset + d: s for d, s in zip(docs, column, strict=True)}, values, offset)
            )
    union = sorted(set().union(*(scores for scores, _, _ in parts)))
    if len(union) <= EXACT_UP_TO:
        return None

    checked: dict[int, float | None] = {}  # document → its true score (None: no match)

    def true_score(doc: int) -> float | None:
        if doc not in checked:
            # As Whoosh's union of the title and body phrases: the sum of those that match.
            score: float | None = None
            for scores, values, offset in parts:
                s = scores.get(doc)
                if s is not None and (not values or holds_phrase(values, doc - offset)):
                    score = s if score is None else score + s
            checked[doc] = score
        return checked[doc]

    # Each candidate's score if its phrases hold: the sum, as Whoosh's union adds them (two
    # parts at most: a + b == b + a).
    bounds = dict(parts[0][0]) if parts else {}
    for scores, _, _ in parts[1:]:
        for doc, s in scores.items():
            bounds[doc] = bounds[doc] + s if doc in bounds else s
    queue = [(-score, doc) for doc, score in bounds.items()]
    heapq.heapify(queue)
    best: list[tuple[float, int]] = []  # min-heap of (score, -doc): the worst kept hit first
    while queue:
        neg_bound, doc = queue[0]
        if len(best) >= limit:
            worst_score, worst_neg_doc = best[0]
            # Nothing left can beat the worst kept hit (ties go to the lower document number).
            if (-neg_bound, -doc) <= (worst_score, worst_neg_doc):
                break
        heapq.heappop(queue)
        score = true_score(doc)
        if score is None:
            continue
        if len(best) < limit:
            heapq.heappush(best, (score, -doc))
        elif (score, -doc) > best[0]:
            heapq.heapreplace(best, (score, -doc))
    hits = sorted(((score, -neg_doc) for score, neg_doc in best), key=lambda h: (-h[0], h[1]))
    if not estimate:
        return PhraseTop(hits=hits, total=len(hits), checked=len(checked))
    step = max(1, len(union) // SAMPLE)
    sample = union[::step]
    matched = sum(1 for doc in sample if true_score(doc) is not None)
    known = sum(1 for score in checked.values() if score is not None)
    guess = round(matched / len(sample) * len(union)) if sample else 0
    total = min(len(union), max(known, guess))
    return PhraseTop(hits=hits, total=total, checked=len(checked))
