"""A phrase query's best hits found without checking every candidate (`search.phrase_top`):
the same hits, scores and order as the exact path, and a total estimated within bounds."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from reader.domain.search import SearchIndex, phrase_top
from reader.domain.search.documents import IndexDoc

_SENTENCE = (
    "le président russe a dit que la Maison Blanche tient les lignes rouges du président "
    "américain et que le russe parle à la Maison de la presse blanche rouges lignes"
)
WORDS = _SENTENCE.split(" ")


def _text(rng: random.Random, n: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(n))


@pytest.fixture(scope="module")
def index(tmp_path_factory: pytest.TempPathFactory) -> SearchIndex:
    """One segment of 400 documents whose titles and texts mix the phrases' words."""
    rng = random.Random(3)
    ix = SearchIndex.create(Path(tmp_path_factory.mktemp("top")) / "ix")
    docs = [
        IndexDoc(
            id=f"d{i}",
            path=f"d{i}.txt",
            title=_text(rng, rng.randint(1, 8)),
            text=_text(rng, rng.randint(3, 60)),
        )
        for i in range(400)
    ]
    ix.update(docs)
    return ix


QUERIES = [
    '"président russe"',
    '"Maison Blanche"',
    '"lignes rouges"',
    '"la Maison Blanche"',
    'title:"président russe"',
    'text:"Maison Blanche"',
    '"russe président"',
    '"blanche rouges lignes"',
]


def _hits(ix: SearchIndex, query: str, limit: int, count: str) -> tuple[list[tuple], int, bool]:
    result = ix.search(query, limit, count=count)  # type: ignore[arg-type]
    hits = [(h.article, h.score, h.snippet, tuple(h.matches)) for h in result.hits]
    return hits, result.total, result.total_exact


@pytest.mark.parametrize("query", QUERIES)
@pytest.mark.parametrize("limit", [1, 5, 10, 100, 1000])
def test_same_hits_as_the_exact_path(
    index: SearchIndex, query: str, limit: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    exact_hits, exact_total, was_exact = _hits(index, query, limit, "exact")
    assert was_exact
    monkeypatch.setattr(phrase_top, "EXACT_UP_TO", 0)
    monkeypatch.setattr(phrase_top, "SAMPLE", 150)
    assert _hits(index, query, limit, "none") == (exact_hits, len(exact_hits), False)
    hits, total, is_exact = _hits(index, query, limit, "estimate")
    assert hits == exact_hits
    assert not is_exact
    assert len(hits) <= total <= len(index.doc_ids())
    assert abs(total - exact_total) <= max(15, exact_total // 4)  # a sample of about half


@pytest.mark.parametrize("query", QUERIES[:4])
def test_a_sample_of_every_candidate_gives_the_exact_total(
    index: SearchIndex, query: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    _, exact_total, _ = _hits(index, query, 10, "exact")
    monkeypatch.setattr(phrase_top, "EXACT_UP_TO", 0)
    monkeypatch.setattr(phrase_top, "SAMPLE", 10_000)
    assert _hits(index, query, 10, "estimate")[1] == exact_total


def test_few_candidates_take_the_exact_path(index: SearchIndex) -> None:
    result = index.search('"président russe"', 10)
    assert result.total_exact  # 400 documents: under EXACT_UP_TO candidates


def test_best_hits_read_few_positions(index: SearchIndex, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(phrase_top, "EXACT_UP_TO", 0)
    monkeypatch.setattr(phrase_top, "SAMPLE", 10)
    searcher = index._current()
    q = index.parse('"président russe"')
    top = phrase_top.top_phrase_hits(searcher, q, 3)
    assert top is not None and len(top.hits) == 3
    candidates = len(
        set(q.subqueries[0].gather(searcher.reader())[0])
        | set(q.subqueries[1].gather(searcher.reader())[0])
    )
    assert top.checked < candidates


@pytest.mark.parametrize("query", ["président", '"président russe" OR russe', "président russe"])
def test_other_queries_take_the_exact_path(
    index: SearchIndex, query: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(phrase_top, "EXACT_UP_TO", 0)
    assert phrase_top.top_phrase_hits(index._current(), index.parse(query), 10) is None
    assert index.search(query, 10).total_exact


@pytest.mark.parametrize("query", QUERIES)
def test_scores_are_whooshs_to_the_last_bit(index: SearchIndex, query: str) -> None:
    from whoosh import query as wq

    from reader.domain.search.phrases import FastPhrase

    q = index.parse(query)
    plain = q.accept(
        lambda n: wq.Phrase(n.fieldname, n.words, boost=n.boost) if isinstance(n, FastPhrase) else n
    )
    searcher = index._current()
    fast = {h.docnum: h.score for h in searcher.search(q, limit=None)}
    slow = {h.docnum: h.score for h in searcher.search(plain, limit=None)}
    assert fast == slow and fast


@pytest.fixture(scope="module")
def segmented(tmp_path_factory: pytest.TempPathFactory) -> SearchIndex:
    """Several segments, with deleted and replaced documents."""
    rng = random.Random(5)
    ix = SearchIndex.create(Path(tmp_path_factory.mktemp("topseg")) / "ix")

    def docs(prefix: str, n: int) -> list[IndexDoc]:
        return [
            IndexDoc(
                id=f"{prefix}{i}",
                path=f"{prefix}{i}.txt",
                title=_text(rng, rng.randint(1, 8)),
                text=_text(rng, rng.randint(3, 60)),
            )
            for i in range(n)
        ]

    ix.update(docs("a", 150))
    ix.update(docs("b", 120), delete=[f"a{i}" for i in range(0, 150, 9)])
    ix.update(docs("a", 20), delete=["b3", "b4"])
    return ix


@pytest.mark.parametrize("query", QUERIES)
@pytest.mark.parametrize("limit", [1, 10, 1000])
def test_several_segments_same_hits_as_the_exact_path(
    segmented: SearchIndex, query: str, limit: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert len(segmented._current().reader().leaf_readers()) > 1
    exact_hits, exact_total, _ = _hits(segmented, query, limit, "exact")
    monkeypatch.setattr(phrase_top, "EXACT_UP_TO", 0)
    monkeypatch.setattr(phrase_top, "SAMPLE", 10_000)  # every candidate: the exact total
    assert _hits(segmented, query, limit, "estimate") == (exact_hits, exact_total, False)
