"""Related articles: shared rare entities, shared passages and a light textual similarity."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from functools import lru_cache

from reader.domain.model import Article, Entity, Mention, Relation, SharedPassage
from reader.domain.xref._text import WORD_RE, fold_word

#: Score of a pair's passages: PASSAGE_EACH per passage (at most PASSAGE_CAP of them) plus
#: PASSAGE_COVERAGE times the fraction of the shorter text they cover.
PASSAGE_EACH = 1.5
PASSAGE_CAP = 3
PASSAGE_COVERAGE = 10.0
#: Weight of the cosine similarity of content-word counts (added to candidates only).
TEXT_WEIGHT = 2.0

_STOPWORDS_TEXT = """
    a au aux avec ce ces cet cette dans de des du elle en et il ils je l la le les leur
    leurs lui mais me meme mes moi mon ne nos notre nous on ou par pas pour qu que qui s sa se
    ses son sur ta te tes toi ton tu un une vos votre vous c d j m n t y ete etre est sont ont
    avait avoir fait plus comme tout tous apres avant selon entre dont cela ainsi si sans"""
_STOPWORDS = frozenset(_STOPWORDS_TEXT.split())


def entity_weight(df: int, n: int) -> float:
    """BM25-style IDF of an entity found in `df` of `n` articles: high when rare, never zero."""
    return math.log(1.0 + (n - df + 0.5) / (df + 0.5))


def _coverage(spans: Sequence[tuple[int, int]], length: int) -> float:
    if length <= 0:
        return 0.0
    covered, reach = 0, 0
    for s, e in sorted(spans):
        s = max(s, reach)
        if e > s:
            covered += e - s
            reach = e
    return min(1.0, covered / length)


@lru_cache(maxsize=4096)
def _word_vector(text: str) -> tuple[Counter[str], float]:
    counts = Counter(
        w
        for w in (fold_word(m.group()) for m in WORD_RE.finditer(text))
        if len(w) > 2 and w not in _STOPWORDS and not w.isdigit()
    )
    norm = math.sqrt(sum(c * c for c in counts.values()))
    return counts, norm


def text_similarity(a: str, b: str) -> float:
    """Cosine similarity of the content-word counts of two texts, in [0, 1]."""
    va, na = _word_vector(a)
    vb, nb = _word_vector(b)
    if not na or not nb:
        return 0.0
    if len(va) > len(vb):
        va, vb = vb, va
    return sum(c * vb.get(w, 0) for w, c in va.items()) / (na * nb)


def _oriented(
    article_id: str, passages: Mapping[tuple[str, str], Sequence[SharedPassage]]
) -> dict[str, list[SharedPassage]]:
    out: dict[str, list[SharedPassage]] = {}
    for (a, b), ps in passages.items():
        if not ps or a == b:
            continue
        if a == article_id:
            out.setdefault(b, []).extend(ps)
        elif b == article_id:
            out.setdefault(a, []).extend(
                SharedPassage(p.other_start, p.other_end, p.start, p.end, p.similarity) for p in ps
            )
    for ps in out.values():
        ps.sort(key=lambda p: (p.start, p.other_start))
    return out


EntitySets = tuple[dict[str, set[str]], Counter[str]]

#: Relations returned at most (the best ones); the text similarity is computed only for the
#: best `2 × limit` candidates by entity and passage score, so a call stays cheap at 10,000.
RELATED_LIMIT = 50


def entity_sets(
    articles: Mapping[str, Article],
    mentions: Mapping[str, Sequence[Mention]],
    entities: Mapping[str, Entity],
) -> EntitySets:
    """Each article's visible entity ids and each entity's document frequency: computed once
    per corpus and passed to `related_articles` (a `Library` caches it)."""
    ids = {aid: {m.entity for m in mentions.get(aid, ())} for aid in articles}
    return entity_sets_from_ids(ids, entities)


def entity_sets_from_ids(
    ids_by_article: Mapping[str, Iterable[str]], entities: Mapping[str, Entity]
) -> EntitySets:
    """`entity_sets` from each article's entity ids (hidden ones are dropped here), for a
    caller that knows them without reading the mentions."""
    hidden = {eid for eid, ent in entities.items() if ent.hidden}
    by_article: dict[str, set[str]] = {}
    df: Counter[str] = Counter()
    for aid, ids in ids_by_article.items():
        ents = set(ids) - hidden
        by_article[aid] = ents
        df.update(ents)
    return by_article, df


def related_articles(
    article_id: str,
    articles: Mapping[str, Article],
    mentions: Mapping[str, Sequence[Mention]],
    entities: Mapping[str, Entity],
    passages: Mapping[tuple[str, str], Sequence[SharedPassage]],
    *,
    sets: EntitySets | None = None,
    limit: int = RELATED_LIMIT,
) -> list[Relation]:
    """Articles related to `article_id`, best first (at most `limit`), each with the reasons.

    score = Σ `entity_weight` over shared visible entities (rarer weighs more)
          + `PASSAGE_EACH` × min(#passages, `PASSAGE_CAP`) + `PASSAGE_COVERAGE` × coverage of
            the shorter text by the shared passages
          + `TEXT_WEIGHT` × content-word cosine (only for articles already linked by the above).
    `shared_entities` are ordered most informative first; `shared_passages` have `start/end` in
    `article_id`'s text. Articles with a zero score are left out. `sets` is the corpus's
    `entity_sets` when the caller has it already.
    """
    if article_id not in articles:
        return []
    by_article, df = sets if sets is not None else entity_sets(articles, mentions, entities)
    n = len(articles)
    mine = by_article.get(article_id, set())
    weights = {e: entity_weight(df[e], n) for e in mine}
    shared_passages = _oriented(article_id, passages)
    me = articles[article_id]

    candidates: list[tuple[float, str, set[str], list[SharedPassage]]] = []
    for other, theirs in by_article.items():
        if other == article_id:
            continue
        shared = mine & theirs
        ps = shared_passages.get(other, [])
        if not shared and not ps:
            continue
        score = sum(weights[e] for e in shared)
        if ps:
            them = articles[other]
            if len(me.text) <= len(them.text):
                cov = _coverage([(p.start, p.end) for p in ps], len(me.text))
            else:
                cov = _coverage([(p.other_start, p.other_end) for p in ps], len(them.text))
            score += PASSAGE_EACH * min(len(ps), PASSAGE_CAP) + PASSAGE_COVERAGE * cov
        if score > 0:
            candidates.append((score, other, shared, ps))
    candidates.sort(key=lambda c: (-c[0], c[1]))
    relations: list[Relation] = []
    for score, other, shared, ps in candidates[: 2 * limit]:
        score += TEXT_WEIGHT * text_similarity(me.text, articles[other].text)
        ordered = sorted(shared, key=lambda e: (-weights[e], _name(entities, e)))
        relations.append(Relation(other, round(score, 4), ordered, ps))
    relations.sort(key=lambda r: (-r.score, r.article))
    return relations[:limit]


def _name(entities: Mapping[str, Entity], eid: str) -> str:
    ent = entities.get(eid)
    return (ent.name if ent else eid).casefold()
