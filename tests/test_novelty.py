"""What is new to the reader: passages and near-identical sentences read elsewhere."""

from __future__ import annotations

from reader.domain.model import SharedPassage
from reader.domain.novelty import (
    NoveltyIndex,
    make_doc,
    merge_spans,
    novelty,
    percent_new,
    sentence_keys,
)

WIRE = (
    "Les pourparlers entre Joe Biden et Vladimir Poutine se sont terminés mardi soir. "
    "Le Kremlin a déclaré qu’il espérait un nouveau sommet avant la fin de l’année."
)
EXTRA = "Helsinki surveille de près sa longue frontière avec la Russie depuis des mois."


def test_sentences_match_when_folded_but_not_when_changed() -> None:
    a = sentence_keys("LES POURPARLERS entre Joe Biden et Vladimir Poutine se sont terminés.")
    b = sentence_keys("Les pourparlers entre Joe Biden et Vladimir Poutine se sont termines !")
    c = sentence_keys("Les pourparlers entre Joe Biden et Xi Jinping se sont terminés.")
    assert a[0][2] == b[0][2]
    assert a[0][2] != c[0][2]


def test_short_sentences_never_count() -> None:
    assert sentence_keys("Il a démenti. Rien de plus.") == []


def test_reprinted_sentences_are_read_elsewhere() -> None:
    index = NoveltyIndex()
    index.add("wire", make_doc("wire", WIRE, {}))
    reprint = f"{WIRE} {EXTRA}"
    index.add("reprint", make_doc("reprint", reprint, {}))
    index.add("other", make_doc("other", EXTRA, {}))
    assert index.fraction("reprint") == 1.0
    changed = index.mark_read("wire")
    assert changed == {"wire", "reprint"}
    found = index.novelty("reprint")
    assert found is not None
    first = WIRE.index(" Le Kremlin")
    assert found.read_spans == [(0, first), (first + 1, len(WIRE))]
    measured = len(WIRE) - 1 + len(EXTRA)  # the three sentences, not the blanks between them
    assert abs(found.fraction - len(EXTRA) / measured) < 1e-9
    assert index.fraction("other") == 1.0
    assert index.fraction("wire") == 0.0  # read: nothing new to the reader


def test_own_sentences_are_not_read_elsewhere() -> None:
    index = NoveltyIndex()
    index.add("wire", make_doc("wire", WIRE, {}))
    index.set_read({"wire"})
    found = index.novelty("wire")
    assert found is not None and found.read_spans == [] and found.fraction == 1.0


def test_shared_passages_from_either_side_of_the_pair() -> None:
    text_a = "x" * 100
    text_b = "y" * 49 + "."
    pairs = {("a", "b"): [SharedPassage(10, 30, 0, 20, 1.0)]}
    doc_a = make_doc("a", text_a, pairs)
    doc_b = make_doc("b", text_b, pairs)
    assert doc_a.passages == {"b": ((10, 30),)}
    assert doc_b.passages == {"a": ((0, 20),)}
    assert novelty(doc_a, "a", {"b"}, {}).read_spans == [(10, 30)]
    assert novelty(doc_a, "a", {"c"}, {}).read_spans == []
    assert novelty(doc_b, "b", {"a", "b"}, {}).fraction == 0.6


def test_merge_spans_and_percent() -> None:
    assert merge_spans([(5, 9), (0, 3), (3, 4), (8, 12), (20, 20)]) == [(0, 4), (5, 12)]
    assert percent_new(1.0) == 100
    assert percent_new(0.999) == 99
    assert percent_new(0.35) == 35
    assert percent_new(0.0) == 0


def test_unknown_article() -> None:
    index = NoveltyIndex()
    assert index.novelty("nope") is None
    assert index.fraction("nope") is None
    assert index.mark_read("nope") == {"nope"}
    assert index.fractions() == {}
