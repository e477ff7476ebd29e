"""The search fast paths give exactly what the plain Whoosh / re-tokenising paths give:
match offsets, phrase documents and scores, hit totals (random documents, several segments,
deleted documents)."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from whoosh import matching
from whoosh import query as wq

from reader.domain.model import Match
from reader.domain.search import IndexDoc, SearchIndex
from reader.domain.search import index as index_module
from reader.domain.search import phrases as phrases_module
from reader.domain.search.analysis import iter_terms
from reader.domain.search.snippets import find_matches

WORDS = [
    "président",
    "Présidents",
    "russe",
    "russes",
    "l’Ukraine",
    "d'Ukraine",
    "Ukraine",
    "aujourd’hui",
    "hui",
    "ligne",
    "lignes",
    "rouge",
    "ROUGES",
    "Gene\u0301ve",
    "Genève",
    "œuvre",
    "qu’il",
    "il",
    "la",
    "Maison",
    "Blanche",
    "x" * 130,
    "a\u200bb",
    "1990",
    "_x",
    "’’",
    "s’",
]
SEPARATORS = [" ", " ", " ", "\n", ", ", ". ", "’", "-", "  ", "\u00a0"]


def random_text(rng: random.Random, n: int) -> str:
    return "".join(rng.choice(WORDS) + rng.choice(SEPARATORS) for _ in range(n))


def reference_matches(
    text: str, terms: set[str], phrases: list[tuple[str, ...]]
) -> list[tuple[int, int]]:
    """The former implementation: every word analysed, in order."""
    tokens = list(iter_terms(text))
    spans = {(s, e) for w, s, e in tokens if w in terms}
    for phrase in phrases:
        n = len(phrase)
        for i in range(len(tokens) - n + 1):
            if all(tokens[i + k][0] == phrase[k] for k in range(n)):
                spans.add((tokens[i][1], tokens[i + n - 1][2]))
    out: list[tuple[int, int]] = []
    for s, e in sorted(spans, key=lambda se: (se[0], -se[1])):
        if out and e <= out[-1][1]:
            continue
        out.append((s, e))
    return out


@pytest.mark.parametrize("seed", range(40))
def test_find_matches_same_as_analysing_every_word(seed: int) -> None:
    rng = random.Random(seed)
    text = random_text(rng, rng.randint(0, 60))
    vocab = sorted({t for t, _, _ in iter_terms(" ".join(WORDS))})
    terms = set(rng.sample(vocab, rng.randint(0, 3)))
    phrases = [tuple(rng.sample(vocab, rng.randint(1, 3))) for _ in range(rng.randint(0, 2))]
    phrases += [("presid", "russ"), ("lign", "roug"), ("ukrain",)]
    got = find_matches(text, "text", terms, phrases)
    assert [(m.start, m.end) for m in got] == reference_matches(text, terms, phrases)
    assert all(isinstance(m, Match) and m.field == "text" for m in got)


def _docs(rng: random.Random, prefix: str, n: int) -> list[IndexDoc]:
    return [
        IndexDoc(
            id=f"{prefix}{i}",
            path=f"{prefix}{i}.txt",
            title=random_text(rng, rng.randint(0, 5)),
            text=random_text(rng, rng.randint(1, 80)),
            entity_terms=rng.sample(["ukraine", "kremlin", "dmitri_peskov"], rng.randint(0, 2)),
        )
        for i in range(n)
    ]


@pytest.fixture(scope="module")
def segmented(tmp_path_factory: pytest.TempPathFactory) -> SearchIndex:
    """An index of several segments with deleted and replaced documents."""
    rng = random.Random(7)
    ix = SearchIndex.open_or_create(Path(tmp_path_factory.mktemp("seg")) / "ix")
    ix.update(_docs(rng, "a", 120))
    ix.update(_docs(rng, "b", 80), delete=[f"a{i}" for i in range(0, 120, 7)])
    ix.update(_docs(rng, "a", 10), delete=["b3", "b4"])
    return ix


QUERIES = [
    '"président russe"',
    '"lignes rouges"',
    '"Maison Blanche" OR russe',
    "\"l'Ukraine aujourd'hui président\"",
    'text:"rouge russe"',
    'title:"président russe"',
    "président",
    "président AND russe",
    "président OR Genève",
    "Ukraine -russe",
    'Ukraine NOT "lignes rouges"',
    '"président russe" NOT "lignes rouges"',
    '("président russe" OR Genève) AND NOT (russe AND "Maison Blanche")',
    "prési*",
    "Ukrai* OR lign*",
    "russe AND NOT président AND NOT Genève",
    "entity:ukraine OR entity:kremlin",
    "inexistant",
    '"inexistant russe"',
]


@pytest.mark.parametrize("query", QUERIES)
def test_fast_phrases_and_totals_same_as_whoosh(segmented: SearchIndex, query: str) -> None:
    q = segmented.parse(query)
    plain = q.accept(
        lambda n: (
            wq.Phrase(n.fieldname, n.words, boost=n.boost)
            if isinstance(n, phrases_module.FastPhrase)
            else n
        )
    )
    searcher = segmented._current()
    assert len(searcher.reader().leaf_readers()) > 1
    for limit in (3, 1000):
        fast = searcher.search(q, limit=limit)
        slow = searcher.search(plain, limit=limit)
        assert [(h.docnum, round(h.score, 6)) for h in fast] == [
            (h.docnum, round(h.score, 6)) for h in slow
        ]
        exact = len(list(searcher.docs_for_query(plain)))
        assert phrases_module.count_hits(searcher, q) == exact
        if limit > exact:  # nothing pruned: the collector counted every document
            assert len(slow) == exact


def test_phrase_hits_contain_the_phrase(segmented: SearchIndex) -> None:
    result = segmented.search('"président russe"', limit=1000)
    assert result.total == len(result.hits) > 0
    for hit in result.hits:
        assert any(m.field == "text" for m in hit.matches) or any(
            m.field == "title" for m in hit.matches
        )


@pytest.mark.parametrize("seed", range(30))
def test_index_formats_same_postings_as_the_analyzer(seed: int) -> None:
    from whoosh.formats import Frequency, Positions

    from reader.domain.search.analysis import (
        FrenchFrequency,
        FrenchPositions,
        french_analyzer,
    )

    rng = random.Random(seed)
    title, text = random_text(rng, rng.randint(0, 8)), random_text(rng, rng.randint(0, 120))
    for boost in (1.0, 2.5):
        fast = FrenchPositions(field_boost=boost).word_values(text, None)
        slow = Positions(field_boost=boost).word_values(text, french_analyzer(), mode="index")
        assert sorted(fast) == sorted(slow)
    fast = FrenchFrequency().word_values((title, text), None)
    slow = Frequency().word_values(f"{title}\n{text}", french_analyzer(stem=False), mode="index")
    assert sorted(fast) == sorted(slow)


def test_schema_uses_the_fast_formats() -> None:
    from reader.domain.search.analysis import FrenchFrequency, FrenchPositions

    schema = index_module.build_schema()
    for name in ("title", "body", "source"):
        assert type(schema[name].format) is FrenchPositions
    assert schema["title"].format.field_boost == index_module.TITLE_BOOST
    assert type(schema["spell"].format) is FrenchFrequency


def test_phrases_of_the_schema_take_the_fast_path(segmented: SearchIndex) -> None:
    searcher = segmented._current()
    q = segmented.parse('"président russe"')
    leaf_searcher = searcher.subsearchers[0][0] if searcher.subsearchers else searcher
    for leaf in q.leaves():
        assert isinstance(leaf, phrases_module.FastPhrase)
        m = leaf.matcher(leaf_searcher)
        assert isinstance(m, phrases_module._ScoredDocs | matching.NullMatcherClass), m
