"""Offset-preserving normalisation and headline casing (no model needed)."""

from __future__ import annotations

from reader.domain.entities.normalize import (
    capitalised_vocabulary,
    is_title_case,
    lowercase_vocabulary,
    normalize,
    sentence_case,
)


def test_same_length_substitutions() -> None:
    src = "l’armée\u00a0française et l‘État"
    n = normalize(src)
    assert n.text == "l'armée française et l'État"
    assert len(n.text) == len(src)
    assert n.to_source(2, 7) == (2, 7)


def test_glued_digit_gets_a_space_and_maps_back() -> None:
    src = "MISE À JOUR 3Jean Dupont a parlé"
    n = normalize(src)
    assert "3 Jean" in n.text
    s = n.text.index("Jean Dupont")
    a, b = n.to_source(s, s + len("Jean Dupont"))
    assert src[a:b] == "Jean Dupont"


def test_glued_lost_line_break_but_not_camel_case_names() -> None:
    n = normalize("Article précédentLe Sénat vote. WhatsApp et McCain et LeBron")
    assert "précédent Le" in n.text
    assert "WhatsApp" in n.text and "McCain" in n.text and "LeBron" in n.text


def test_title_case_detection() -> None:
    assert is_title_case("Le Gouvernement Dit Que Le Ministre Martin Va Partir")
    assert not is_title_case("Le gouvernement dit que le ministre Martin va partir")
    assert not is_title_case("ALERTE INFO EN DIRECT")
    assert not is_title_case("Jean Dupont")


def test_sentence_case_keeps_names_seen_in_the_text() -> None:
    body = "Hier, le ministre Martin a dit que la réforme était prête. Selon Martin, tout va bien."
    line = "Le Ministre Martin Dit Que La Réforme Est Prête"
    out = sentence_case(line, capitalised_vocabulary(body))
    assert out == "Le ministre Martin dit que la réforme est prête"
    assert len(out) == len(line)


def test_vocabularies() -> None:
    text = "Selon Dupont, la porte-parole a parlé. Dupont est parti."
    assert "porte-parole" in lowercase_vocabulary(text)
    assert "parole" in lowercase_vocabulary(text)
    assert capitalised_vocabulary(text) == {"Dupont"}
