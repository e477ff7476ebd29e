"""Corpus-wide linking rules, on small hand-made corpora (no model needed)."""

from __future__ import annotations

import re

from reader.domain.entities.corrections import Corrections
from reader.domain.entities.linking import initials, link, slugify
from reader.domain.model import Article, RawMention
from reader.domain.textnorm import levenshtein


def art(aid: str, text: str) -> Article:
    return Article(aid, f"{aid}.txt", "", text, [(0, len(text))])


def mentions(a: Article, *names: tuple[str, str]) -> list[RawMention]:
    """RawMentions for every occurrence of each (surface, label) in the article's text."""
    out = []
    for name, label in names:
        for m in re.finditer(re.escape(name), a.text):
            out.append(RawMention("text", m.start(), m.end(), name, label))
    return sorted(out, key=lambda m: m.start)


def entity_of(res, aid: str, surface: str) -> str:  # type: ignore[no-untyped-def]
    return next(m.entity for m in res.mentions[aid] if m.text == surface)


def test_folded_forms_are_one_entity_and_accents_win_the_name() -> None:
    a = art("a", "Les Etats-Unis et la Maison-Blanche. L'Onu.")
    b = art("b", "Les États-Unis, la Maison Blanche et l'ONU. Encore l'ONU.")
    raw = {
        "a": mentions(a, ("Etats-Unis", "LOC"), ("Maison-Blanche", "ORG"), ("Onu", "ORG")),
        "b": mentions(b, ("États-Unis", "LOC"), ("Maison Blanche", "ORG"), ("ONU", "ORG")),
    }
    res = link([a, b], raw)
    assert entity_of(res, "a", "Etats-Unis") == entity_of(res, "b", "États-Unis") == "etats-unis"
    assert res.entities["etats-unis"].name == "États-Unis"
    assert entity_of(res, "a", "Maison-Blanche") == entity_of(res, "b", "Maison Blanche")
    assert res.entities[entity_of(res, "b", "ONU")].name == "ONU"
    assert res.entities["etats-unis"].articles == ["a", "b"]
    assert set(res.entities["etats-unis"].aliases) == {"Etats-Unis", "États-Unis"}


def test_surname_links_to_the_unique_full_name() -> None:
    a = art("a", "Angela Rossi a parlé. Rossi a ajouté que Rossi viendrait.")
    b = art("b", "Rossi est arrivée à Rome.")
    raw = {
        "a": mentions(a, ("Angela Rossi", "PER"), ("Rossi", "PER")),
        "b": mentions(b, ("Rossi", "LOC"), ("Rome", "LOC")),
    }
    raw["a"] = [m for m in raw["a"] if not (m.text == "Rossi" and m.start < 10)]
    res = link([a, b], raw)
    eid = entity_of(res, "a", "Angela Rossi")
    assert eid == "angela-rossi"
    assert all(m.entity == eid for m in res.mentions["a"])
    assert entity_of(res, "b", "Rossi") == eid
    # the label is decided by vote over the whole entity: PER everywhere
    assert {m.label for m in res.mentions["b"] if m.text == "Rossi"} == {"PER"}


def test_ambiguous_surname_stays_unlinked_unless_the_article_decides() -> None:
    a = art("a", "Paul Martin et Jeanne Martin. Martin a parlé.")
    b = art("b", "Paul Martin est venu. Martin a parlé.")
    raw = {
        "a": mentions(a, ("Paul Martin", "PER"), ("Jeanne Martin", "PER")),
        "b": mentions(b, ("Paul Martin", "PER")),
    }
    for aid, x in (("a", a), ("b", b)):
        pos = x.text.rindex("Martin a")
        raw[aid].append(RawMention("text", pos, pos + 6, "Martin", "PER"))
    res = link([a, b], raw)
    lone_a = next(m for m in res.mentions["a"] if m.text == "Martin")
    lone_b = next(m for m in res.mentions["b"] if m.text == "Martin")
    assert lone_a.entity not in {"paul-martin", "jeanne-martin"}  # two Martins in article a
    assert lone_b.entity == "paul-martin"  # only one in article b


def test_surname_does_not_join_a_non_person() -> None:
    a = art("a", "La Maison Rouge a répondu. Rouge a écrit.")
    raw = {"a": mentions(a, ("Maison Rouge", "ORG"))}
    pos = a.text.rindex("Rouge")
    raw["a"].append(RawMention("text", pos, pos + 5, "Rouge", "PER"))
    res = link([a], raw)
    assert len(res.entities) == 2


def test_acronym_links_to_initials_or_first_word() -> None:
    a = art("a", "L'Organisation mondiale de la santé (OMS) et l'agence Tass Press puis TASS.")
    raw = {
        "a": mentions(
            a,
            ("Organisation mondiale de la santé", "ORG"),
            ("OMS", "ORG"),
            ("Tass Press", "ORG"),
            ("TASS", "ORG"),
        )
    }
    res = link([a], raw)
    assert entity_of(res, "a", "OMS") == entity_of(res, "a", "Organisation mondiale de la santé")
    assert entity_of(res, "a", "TASS") == entity_of(res, "a", "Tass Press")
    assert initials("organisation du traite de l atlantique nord") == "otan"


def test_a_capitalised_article_counts_in_the_initials() -> None:
    a = art("a", "La Gauche unie a voté contre, comme Les Verts paysans.")
    b = art("b", "La LGU et LVP ont déposé un recours.")
    raw = {
        "a": mentions(a, ("La Gauche unie", "ORG"), ("Les Verts paysans", "ORG")),
        "b": mentions(b, ("LGU", "ORG"), ("LVP", "ORG")),
    }
    res = link([a, b], raw)
    assert entity_of(res, "b", "LGU") == entity_of(res, "a", "La Gauche unie")
    assert entity_of(res, "b", "LVP") == entity_of(res, "a", "Les Verts paysans")
    # a lowercase article is not part of the name: `la gauche unie` gives no `LGU`
    c = art("c", "Il a rejoint la Gauche unie. Le LGU a protesté.")
    raw = {"c": mentions(c, ("Gauche unie", "ORG"), ("LGU", "ORG"))}
    res = link([c], raw)
    assert entity_of(res, "c", "LGU") != entity_of(res, "c", "Gauche unie")


def test_an_acronym_written_as_a_word_links_where_an_article_gives_both() -> None:
    text = "La Haute Autorité des marchés publics (Hamp) a rendu son avis. La Hamp insiste."
    a = art("a", text)
    b = art("b", "Selon la Hamp, rien ne change.")
    raw = {
        "a": mentions(a, ("Haute Autorité des marchés publics", "ORG"), ("Hamp", "ORG")),
        "b": mentions(b, ("Hamp", "ORG")),
    }
    res = link([a, b], raw)
    full = entity_of(res, "a", "Haute Autorité des marchés publics")
    assert entity_of(res, "a", "Hamp") == full
    assert entity_of(res, "b", "Hamp") == full
    # never given side by side: a word that happens to spell the initials stays apart
    c = art("c", "Le Haut Atelier musical de Paris ouvre.")
    d = art("d", "À Hamp, un village du Nord, la fête continue.")
    raw = {
        "c": mentions(c, ("Haut Atelier musical de Paris", "ORG")),
        "d": mentions(d, ("Hamp", "LOC")),
    }
    res = link([c, d], raw)
    assert entity_of(res, "d", "Hamp") != entity_of(res, "c", "Haut Atelier musical de Paris")


def test_misspelt_surname_links_when_safe() -> None:
    a = art("a", "Giorgia Meloni parle. Meloni et Melloni aussi.")
    raw = {"a": mentions(a, ("Giorgia Meloni", "PER"), ("Melloni", "LOC"))}
    pos = a.text.index("Meloni et")
    raw["a"].append(RawMention("text", pos, pos + 6, "Meloni", "PER"))
    res = link([a], raw)
    assert entity_of(res, "a", "Melloni") == "giorgia-meloni"
    assert levenshtein("merkel", "markel") == 1


def test_a_brand_with_an_extra_capital_is_not_a_misspelt_surname() -> None:
    a = art("a", "Thales Alenia Space construit le module. SpaceX lance la fusée.")
    raw = {"a": mentions(a, ("Thales Alenia Space", "PER"), ("SpaceX", "PER"))}
    res = link([a], raw)
    assert entity_of(res, "a", "SpaceX") != entity_of(res, "a", "Thales Alenia Space")


def test_short_place_names_are_not_fuzzy_linked() -> None:
    a = art("a", "Gambie et Zambie.")
    raw = {"a": mentions(a, ("Gambie", "LOC"), ("Zambie", "LOC"))}
    assert len(link([a], raw).entities) == 2


def test_lone_word_in_many_articles_without_person_evidence_is_not_a_person() -> None:
    arts = [art(x, "Ottawa veut la paix.") for x in "abc"]
    raw = {x.id: mentions(x, ("Ottawa", "PER")) for x in arts}
    res = link(arts, raw)
    assert res.entities["ottawa"].label == "LOC"
    # ...but with a title somewhere it stays a person
    arts2 = [art("a", "M. Ottawa veut la paix."), art("b", "Ottawa veut la paix.")]
    raw2 = {x.id: mentions(x, ("Ottawa", "PER")) for x in arts2}
    assert link(arts2, raw2).entities["ottawa"].label == "PER"


def test_glued_known_name_and_person_are_split() -> None:
    a = art("a", "La Maison Rouge a dit. La Maison Rouge encore.")
    b = art("b", "la porte-parole de la Maison Rouge Ana Lima a parlé.")
    raw = {
        "a": mentions(a, ("Maison Rouge", "ORG")),
        "b": mentions(b, ("Maison Rouge Ana Lima", "LOC")),
    }
    res = link([a, b], raw)
    got = [(m.text, m.label) for m in res.mentions["b"]]
    assert got == [("Maison Rouge", "ORG"), ("Ana Lima", "PER")]
    assert all(b.text[m.start : m.end] == m.text for m in res.mentions["b"])


def test_ids_are_unique_slugs() -> None:
    assert slugify("Vladimir Poutine") == "vladimir-poutine"
    assert slugify("Île-de-France") == "ile-de-france"
    a = art("a", "Saint-Denis et Saint Denis")
    raw = {
        "a": [
            RawMention("text", 0, 11, "Saint-Denis", "LOC"),
            RawMention("text", 15, 26, "Saint Denis", "PER"),
        ]
    }
    res = link([a], raw)
    assert len(res.entities) == 1  # one folded form


def test_corrections_are_applied() -> None:
    a = art("a", "Jean Roux parle. Roux et Lina. Le Forum aussi.")
    raw = {"a": mentions(a, ("Jean Roux", "PER"), ("Lina", "PER"), ("Forum", "LOC"))}
    pos = a.text.index("Roux et")
    raw["a"].append(RawMention("text", pos, pos + 4, "Roux", "PER"))
    cor, problems = Corrections.parse(
        "# test\nmerge Lina into jean-roux\nrelabel forum as ORG\nrename Forum to Le Forum\n"
        "hide jean-roux\nsplit Roux from Jean Roux\nmerge Nobody into forum\n"
    )
    assert problems == []
    res = link([a], raw, cor)
    jr = res.entities["jean-roux"]
    assert set(jr.aliases) == {"Jean Roux", "Lina"} and jr.hidden
    assert res.entities["forum"].label == "ORG" and res.entities["forum"].name == "Le Forum"
    assert entity_of(res, "a", "Roux") == "roux"
    assert [p.line for p in cor.unresolved] == [7]


def test_known_cues_give_the_same_entities_as_computed_ones() -> None:
    from reader.domain.entities.repair import label_cue

    a = art(
        "a", "Le porte-parole du Kremlin, Dmitri Peskov, a répondu. Peskov a nié. M. Dupont aussi."
    )
    b = art("b", "Selon Peskov, le Kremlin dément. Dupont a visité Moscou avec Jean Dupont.")
    raw = {
        "a": mentions(
            a, ("Kremlin", "LOC"), ("Dmitri Peskov", "PER"), ("Peskov", "LOC"), ("Dupont", "LOC")
        ),
        "b": mentions(
            b, ("Peskov", "PER"), ("Kremlin", "LOC"), ("Moscou", "LOC"), ("Jean Dupont", "PER")
        ),
    }
    raw["b"] = [m for m in raw["b"] if m.text != "Dupont"]
    texts = {"a": a.text, "b": b.text}
    cues = {
        (aid, m.field, m.start, m.end): label_cue(texts[aid], m.start, m.end)
        for aid, ms in raw.items()
        for m in ms
    }
    without = link([a, b], raw)
    with_all = link([a, b], raw, cues=cues)
    # some known, some computed
    with_some = link([a, b], raw, cues={k: v for k, v in cues.items() if k[0] == "a"})
    assert with_all.entities == without.entities == with_some.entities
    assert with_all.mentions == without.mentions == with_some.mentions
