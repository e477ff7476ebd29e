"""What a user types for an article or an entity (issue 15 point 7), on the in-memory library."""

from __future__ import annotations

from reader.domain.lookup import find_article, find_entity
from reader.domain.model import Article
from ui_fixtures import build_library


def _record(aid: str) -> Article:
    text = f"Emmanuel Macron a reçu Olaf Scholz ({aid})."
    return Article(aid, "corpus/flux.jsonl", f"Dépêche {aid}", text, [(0, len(text))])


def test_article_by_id_prefix_and_path() -> None:
    library = build_library()
    assert find_article(library, "a2").found == "a2"
    assert find_article(library, "corpus/a3.txt").found == "a3"
    assert find_article(library, "./corpus/a3.txt").found == "a3"
    several = find_article(library, "a")
    assert several.found is None and several.ambiguous and set(several.candidates) >= {"a1", "a2"}
    none = find_article(library, "b1")
    assert none.found is None and not none.ambiguous


def test_a_json_lines_file_offers_its_records() -> None:
    library = build_library([_record("flux#1"), _record("flux#2")])
    found = find_article(library, "corpus/flux.jsonl")
    assert found.found is None and found.ambiguous
    assert found.candidates == ["flux#1", "flux#2"]
    assert find_article(library, "flux#2").found == "flux#2"


def test_entity_by_id_alias_or_part_of_a_name() -> None:
    library = build_library()
    assert find_entity(library, "Vladimir Poutine").found == "Vladimir Poutine"
    assert find_entity(library, "peskov").found == "Dmitri Peskov"  # a surname, any case
    assert find_entity(library, "Dmitri").found == "Dmitri Peskov"  # a first name
    assert find_entity(library, "Pesk").found == "Dmitri Peskov"  # the start of a word


def test_entity_did_you_mean() -> None:
    library = build_library()
    typo = find_entity(library, "Peskof")
    assert typo.found is None and not typo.ambiguous
    assert any("Peskov" in c for c in typo.candidates)
    assert find_entity(library, "Zorglub").candidates == []
