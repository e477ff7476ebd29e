"""Issue 14.9: one article cannot rename an entity for the whole corpus. The display name is the
form most articles use (articles, not mentions), in NFC, never a form loaded with combining
marks."""

from __future__ import annotations

import unicodedata

from reader.domain.entities.linking import link
from test_entities_linking import art, entity_of, mentions

#: K̈́̀r̈́̀…: stacked marks, in NFC as an Article holds it (the model sanitises its text to NFC)
SPOOF = unicodedata.normalize("NFC", "".join(ch + "\u0308\u0301\u0300" for ch in "Kremlin"))


def test_one_article_repeating_a_spoofed_spelling_does_not_rename_the_entity() -> None:
    plain = [art(f"p{i}", f"Le Kremlin a parlé ({i}).") for i in range(3)]
    evil = art("evil", " ".join([f"Le {SPOOF} ment."] * 40))
    raw = {a.id: mentions(a, ("Kremlin", "ORG")) for a in plain}
    raw["evil"] = mentions(evil, (SPOOF, "ORG"))
    res = link([*plain, evil], raw)
    eid = entity_of(res, "p0", "Kremlin")
    assert entity_of(res, "evil", SPOOF) == eid  # still the same entity…
    assert res.entities[eid].name == "Kremlin"  # …under the name most articles use


def test_a_form_full_of_combining_marks_is_never_the_name_even_in_more_articles() -> None:
    arts = [art(f"e{i}", f"Le {SPOOF} ment.") for i in range(3)] + [art("p", "Le Kremlin.")]
    raw = {a.id: mentions(a, (SPOOF, "ORG"), ("Kremlin", "ORG")) for a in arts}
    res = link(arts, raw)
    assert res.entities[entity_of(res, "p", "Kremlin")].name == "Kremlin"


def test_the_name_is_in_nfc_and_accents_break_ties_between_articles() -> None:
    nfd = unicodedata.normalize("NFD", "États-Unis")
    a, b = art("a", f"Les {nfd} votent."), art("b", "Les Etats-Unis votent. Etats-Unis.")
    nfc = unicodedata.normalize("NFC", nfd)
    assert nfc in a.text  # an Article holds its text in NFC whatever the file had
    res = link([a, b], {"a": mentions(a, (nfc, "LOC")), "b": mentions(b, ("Etats-Unis", "LOC"))})
    name = res.entities[entity_of(res, "a", nfc)].name
    assert name == "États-Unis" and unicodedata.is_normalized("NFC", name)


def test_the_form_of_more_articles_wins_over_more_mentions() -> None:
    many = [art(f"m{i}", f"Les Etats-Unis ({i}).") for i in range(3)]
    loud = art("loud", " ".join(["Les États-Unis."] * 10))
    raw = {x.id: mentions(x, ("Etats-Unis", "LOC")) for x in many}
    raw["loud"] = mentions(loud, ("États-Unis", "LOC"))
    res = link([*many, loud], raw)
    assert res.entities[entity_of(res, "m0", "Etats-Unis")].name == "Etats-Unis"
