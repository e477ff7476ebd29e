"""`entity:NAME` hits carry the entity's mentions as matches (any of its names), with snippets."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.domain.search import IndexDoc, SearchIndex
from reader.domain.search.analysis import entity_term

TEXT_A = (
    "Le Kremlin a réagi mardi. "
    + "Rien de neuf sur le front diplomatique. " * 12
    + "Dmitri Peskov, porte-parole du Kremlin, a démenti. Plus tard, Peskov a ajouté "
    "qu’aucune rencontre n’était prévue."
)
TEXT_B = "Moscou se tait. Le porte-parole Peskov n’a rien dit ; les PESKOV-watchers attendent."
NAMES = {"Dmitri Peskov": ["Dmitri Peskov", "Peskov", "M. Peskov"]}


def resolve(term: str) -> str | None:
    for eid, names in NAMES.items():
        if term in {entity_term(n) for n in [eid, *names]}:
            return eid
    return None


@pytest.fixture
def ix(tmp_path: Path) -> SearchIndex:
    index = SearchIndex.open_or_create(tmp_path / "ix")
    index.update(
        [
            IndexDoc("a", "a.txt", "Peskov dément", TEXT_A, entity_terms=["Dmitri Peskov"]),
            IndexDoc("b", "b.txt", "Silence", TEXT_B, entity_terms=["Dmitri Peskov", "Peskov"]),
            IndexDoc("c", "c.txt", "Autre", "Rien à voir avec le Kremlin."),
        ]
    )
    return index


def test_entity_query_matches_every_name_of_the_entity(ix: SearchIndex) -> None:
    result = ix.search("entity:Peskov", entity_id=resolve, entity_names=NAMES.get)
    by_id = {h.article: h for h in result.hits}
    assert set(by_id) == {"a", "b"}
    a = by_id["a"]
    texts = [
        (m.field, (TEXT_A if m.field == "text" else "Peskov dément")[m.start : m.end])
        for m in a.matches
    ]
    assert texts == [("title", "Peskov"), ("text", "Dmitri Peskov"), ("text", "Peskov")]
    assert "Dmitri Peskov" in a.snippet  # the snippet is around the mentions, not the start
    assert not a.snippet.startswith("Le Kremlin")
    b_texts = [TEXT_B[m.start : m.end] for m in by_id["b"].matches if m.field == "text"]
    assert b_texts == ["Peskov", "PESKOV"]


def test_entity_query_without_names_matches_the_queried_name(ix: SearchIndex) -> None:
    [hit] = [h for h in ix.search('entity:"Dmitri Peskov"').hits if h.article == "a"]
    assert [TEXT_A[m.start : m.end] for m in hit.matches if m.field == "text"] == ["Dmitri Peskov"]


def test_negated_entity_gives_no_matches(ix: SearchIndex) -> None:
    result = ix.search("kremlin NOT entity:Peskov", entity_id=resolve, entity_names=NAMES.get)
    [hit] = result.hits
    assert hit.article == "c"
    assert all(hit.title[m.start : m.end] != "Peskov" for m in hit.matches)
