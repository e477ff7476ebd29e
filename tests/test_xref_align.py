"""Alignment of two articles for the compare view."""

from __future__ import annotations

import itertools

from reader.domain.model import Article
from reader.domain.xref.align import align


def _article(aid: str, paragraphs: list[str]) -> Article:
    text = "\n\n".join(paragraphs)
    spans, pos = [], 0
    for para in paragraphs:
        spans.append((pos, pos + len(para)))
        pos += len(para) + 2
    return Article(id=aid, path=f"{aid}.txt", title=aid, text=text, paragraphs=spans)


P1 = (
    "Le gouvernement a présenté mercredi un plan de rénovation des écoles rurales, doté de "
    "2,5 milliards d’euros."
)
P2 = (
    "Les syndicats d’enseignants ont salué une avancée tout en réclamant des garanties sur "
    "le calendrier."
)
P3 = "Le texte sera examiné au Sénat à l’automne, selon le calendrier parlementaire."
NEW = "Notre correspondante a recueilli la réaction d’une directrice d’école de Haute-Loire."
P2_EDITED = (
    "Les syndicats d'enseignants avaient salué une avancée tout en réclamant des garanties "
    "fermes sur le calendrier."
)


def _tile(ops_spans: list[tuple[int, int]], span: tuple[int, int]) -> None:
    assert ops_spans[0][0] == span[0] and ops_spans[-1][1] == span[1]
    for (_, e), (s, _) in itertools.pairwise(ops_spans):
        assert e == s


def test_reprint_with_an_added_paragraph_and_edits() -> None:
    a = _article("a", [P1, P2, P3])
    b = _article("b", [P1, NEW, P2_EDITED, P3])
    pairs = align(a, b)
    shape = [(p.a is not None, p.b is not None) for p in pairs]
    assert shape == [(True, True), (False, True), (True, True), (True, True)]
    same, added, edited, last = pairs
    assert same.similarity == 1.0 and [op.kind for op in same.ops] == ["equal"]
    assert added.b == b.paragraphs[1] and [op.kind for op in added.ops] == ["insert"]
    assert last.similarity == 1.0
    assert 0.6 < edited.similarity < 1.0
    kinds = {op.kind for op in edited.ops}
    assert "replace" in kinds and "insert" in kinds and "equal" in kinds
    changed = [
        (a.text[op.a_start : op.a_end].strip(), b.text[op.b_start : op.b_end].strip())
        for op in edited.ops
        if op.kind != "equal"
    ]
    assert ("ont", "avaient") in changed
    assert ("", "fermes") in changed
    # The apostrophe change is typography, not a difference.
    assert all("enseignants" not in x and "enseignants" not in y for x, y in changed)
    for p in pairs:
        if p.a is not None and p.b is not None:
            _tile([(op.a_start, op.a_end) for op in p.ops], p.a)
            _tile([(op.b_start, op.b_end) for op in p.ops], p.b)
        for op in p.ops:
            if op.kind == "equal":
                same_a = a.text[op.a_start : op.a_end].replace("’", "'").split()
                assert same_a == b.text[op.b_start : op.b_end].replace("’", "'").split()


def test_dropped_paragraph_and_unrelated_articles() -> None:
    a = _article("a", [P1, P2, P3])
    b = _article("b", [P1, P3])
    pairs = align(a, b)
    assert [(p.a, p.b) for p in pairs] == [
        (a.paragraphs[0], b.paragraphs[0]),
        (a.paragraphs[1], None),
        (a.paragraphs[2], b.paragraphs[1]),
    ]
    dropped = pairs[1].ops[0]
    assert dropped.kind == "delete" and dropped.b_start == dropped.b_end
    c = _article("c", [NEW])
    only = align(a, c)
    assert [p.b is None for p in only] == [True, True, True, False]
    assert align(_article("x", []), _article("y", [])) == []
