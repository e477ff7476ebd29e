"""Span rules for French news of any beat (issue 12: the spurious, missed, cut-short and
too-long classes), each on sentences written for the test (never from a measured article):
rubrics glued before a headline, common nouns opening a sentence, names the model misses in a
headline or in a glued line, hyphenated brands, numbers closing a name, a body and its place,
federated states, compound nationalities; and the hand-written vocabulary's one place."""

from __future__ import annotations

import re

import pytest

from reader.domain.entities import kinds, lexicon, names, repair, vocabulary
from reader.domain.entities.lexicon import is_sovereign_country
from reader.domain.entities.ner import names_from_text
from reader.domain.entities.normalize import lowercase_vocabulary
from reader.domain.entities.repair import Span, common_by_pos, is_sentence_start, recover
from reader.domain.model import RawMention


def span(text: str, sub: str, label: str = "PER", nth: int = 0) -> Span:
    s = [m.start() for m in re.finditer(re.escape(sub), text)][nth]
    return (s, s + len(sub), label)


def run(text: str, spans: list[Span]) -> list[tuple[str, str]]:
    """The repaired mentions of `text` from the given raw model spans (no tagger)."""
    out = repair.repair(
        text,
        spans,
        field="text",
        lower_words=lowercase_vocabulary(text),
        pos_of=None,
        line_starts=[0] + [m.end() for m in re.finditer(r"\n+", text)],
    )
    for m in out:
        assert text[m.start : m.end] == m.text
    return [(m.text, m.label) for m in out]


# -- rubrics glued before a headline (spurious, too long) ------------------------------------
@pytest.mark.parametrize(
    ("text", "raw", "want"),
    [
        # a place's name as the page's rubric, before a plural common noun
        ("Finistère Tempêtes : la côte dévastée, trois ports fermés", "Finistère Tempêtes", []),
        # … before a common noun and its lowercase adjective
        ("Lorient Conseil municipal : le budget adopté de justesse", "Lorient Conseil", []),
        # a rubric in capitals, then a common noun and its adjective
        ("SOCIÉTÉ / ÉDUCATION Réforme scolaire : les syndicats en grève", "ÉDUCATION Réforme", []),
        # a rubric, then a kind of thing, then the name
        ("Outre-mer Tempête Belal : La Réunion en alerte", "Outre-mer Tempête Belal", ["Belal"]),
    ],
)
def test_rubric_glued_before_a_headline_is_not_a_name(text: str, raw: str, want: list[str]) -> None:
    assert [t for t, _ in run(text, [span(text, raw, "MISC")])] == want


def test_name_alone_before_the_first_bar_of_a_line_is_the_rubric() -> None:
    text = "Occitanie | Les urgences de Lannemezan fermées la nuit faute de médecins"
    got = run(text, [span(text, "Occitanie", "LOC"), span(text, "Lannemezan", "LOC")])
    assert got == [("Lannemezan", "LOC")]


def test_company_named_in_a_kicker_is_kept() -> None:
    # a singular common noun before ` : ` may be a company's name: left to the other rules
    text = "Entreprises Carrefour : bénéfice en recul de 12 % en 2024"
    assert [t for t, _ in run(text, [span(text, "Entreprises Carrefour", "ORG")])] == ["Carrefour"]


def test_a_place_named_in_the_body_is_still_dropped_as_the_rubric() -> None:
    text = "Finistère Tempêtes : la côte dévastée\n\nLe Finistère a été le plus touché."
    got = run(text, [span(text, "Finistère Tempêtes", "MISC"), span(text, "Finistère", "LOC", 1)])
    assert got == [("Finistère", "LOC")]


# -- common words opening a sentence or a part of a glued line (spurious) --------------------
def test_a_bar_opens_a_part_of_a_glued_line() -> None:
    text = "Justice | Saisie par le collectif, la juridiction tranche."
    assert is_sentence_start(text, text.index("Saisie"))


@pytest.mark.parametrize(
    ("text", "word"),
    [
        (
            "Les travaux ont duré deux ans. Réfection de la toiture, voirie : tout y passe.",
            "Réfection",
        ),
        ("« Séparation confirmée », a annoncé le directeur des opérations.", "Séparation"),
    ],
)
def test_common_noun_opening_a_sentence_is_not_a_name(text: str, word: str) -> None:
    sp = span(text, word, "MISC")
    assert common_by_pos(text, sp, "NOUN", names=())


def test_noun_opening_a_sentence_stays_when_the_text_names_it_or_the_tagger_says_proper() -> None:
    text = "Orange annonce des suppressions. L’opérateur Orange a confirmé."
    sp = span(text, "Orange", "ORG")
    assert not common_by_pos(text, sp, "NOUN", names={"Orange"})
    text = "Amman accueillera en septembre une conférence des donateurs."
    assert not common_by_pos(text, span(text, "Amman", "LOC"), "PROPN", names=())


def test_participle_glued_after_a_headline_is_not_a_name() -> None:
    text = "La ligue fait de Gaza sa priorité Rassemblés samedi à Bagdad, les dirigeants ont parlé."
    start = text.index("Rassemblés")
    assert kinds.is_common_word_heading(text, start, start + 10, "LOC", names={"Rassemblés"})


def test_compound_nationality_is_not_a_place() -> None:
    text = "Son réalisateur, le Nigérian-Américain Daniel Okafor, a été primé."
    assert run(text, [span(text, "Nigérian-Américain", "LOC")]) == []


def test_plural_demonym_after_seuls_is_not_a_place() -> None:
    text = "Ce n’est pas aux seuls Paimpolais de payer, a-t-il lancé."
    assert run(text, [span(text, "Paimpolais", "LOC")]) == []


# -- names the model misses (missed) ----------------------------------------------------------
def test_headline_takes_the_names_its_text_gives() -> None:
    title = "Danone : bénéfice en hausse, le plan « Danone 2030 » salué"
    text = "Le groupe Danone a publié jeudi ses comptes. Les analystes saluent Danone."
    body = [RawMention("text", 10, 16, "Danone", "ORG")]
    got = names_from_text(title, [RawMention("title", 35, 46, "Danone 2030", "MISC")], body, text)
    assert [(m.start, m.text, m.label) for m in got] == [(0, "Danone", "ORG")]


def test_headline_takes_no_name_the_text_only_writes_at_sentence_starts() -> None:
    title = "Inondations : la vallée sous l’eau"
    text = "Inondations record cette semaine. Les secours sont débordés."
    body = [RawMention("text", 0, 11, "Inondations", "MISC")]
    assert names_from_text(title, [], body, text) == []


def test_one_word_assembly_missed_by_the_model_is_recovered() -> None:
    text = "Le président du Sénat a reçu mardi les élus du Parlement européen."
    got = {text[s:e] for s, e, _ in recover(text, [], [0])}
    assert "Sénat" in got and "Parlement" not in got


def test_site_name_with_a_capital_or_a_public_sub_domain_is_an_organisation() -> None:
    text = "Selon le dispositif Signal-conso, relayé par Service-public.gouv.fr, tout va bien."
    got = {(text[s:e], lab) for s, e, lab in recover(text, [], [0])}
    assert ("Service-public.gouv.fr", "ORG") in got
    text = "Selon le dispositif Service-public.gouv.fr, tout va bien."
    assert run(text, [span(text, "Service-public.gouv.fr", "MISC")]) == [
        ("Service-public.gouv.fr", "ORG")
    ]


# -- too long, cut short ------------------------------------------------------------------------
def test_two_companies_joined_by_a_hyphen_when_one_is_in_camel_case() -> None:
    text = "Le vaccin de Sanofi-GlaxoSmithKline est disponible, mais pas en Île-de-France."
    got = run(text, [span(text, "Sanofi-GlaxoSmithKline", "MISC")])
    assert got == [("Sanofi", "ORG"), ("GlaxoSmithKline", "ORG")]
    text = "La rencontre entre Jean-Pierre Martin et Marie-Claire Dubois a eu lieu."
    got = run(text, [span(text, "Jean-Pierre Martin"), span(text, "Marie-Claire Dubois")])
    assert got == [("Jean-Pierre Martin", "PER"), ("Marie-Claire Dubois", "PER")]


def test_number_closing_an_organisation_name_is_part_of_it() -> None:
    text = "Le collectif Sols Vivants 29, né en 2020, conteste le projet ; 12 élus le soutiennent."
    assert run(text, [span(text, "Sols Vivants", "ORG")]) == [("Sols Vivants 29", "ORG")]
    text = "Le maire de Brest 3 fois réélu, Paul Le Du, a parlé."
    assert ("Brest", "LOC") in run(text, [span(text, "Brest", "LOC")])


def test_overseas_collectivity_is_not_a_sovereign_country() -> None:
    assert not is_sovereign_country("Polynésie française")
    assert is_sovereign_country("Vanuatu")
    text = "Les Forces armées de la Polynésie française ont envoyé un avion au Vanuatu."
    raw = [span(text, "Forces armées", "ORG"), span(text, "Polynésie française", "LOC")]
    assert ("Forces armées de la Polynésie française", "ORG") in run(text, raw)


def test_named_body_followed_by_de_and_a_place_the_text_names() -> None:
    text = "Il enseigne à l’université Ca’ Foscari de Venise. Venise accueille le colloque."
    raw = [span(text, "Ca’ Foscari de Venise", "ORG"), span(text, "Venise", "LOC", 1)]
    got = run(text, raw)
    assert ("Ca’ Foscari", "ORG") in got and got.count(("Venise", "LOC")) == 2
    raw = [span(text, "Ca’ Foscari de Venise", "LOC"), span(text, "Venise", "LOC", 1)]
    assert ("Ca’ Foscari", "ORG") in run(text, raw)


def test_grand_prix_of_a_city_stays_whole() -> None:
    text = "Il a gagné le Grand Prix de Monaco. Monaco était en fête."
    raw = [span(text, "Grand Prix de Monaco", "MISC"), span(text, "Monaco", "LOC", 1)]
    assert ("Grand Prix de Monaco", "MISC") in run(text, raw)


def test_federated_state_is_named_by_its_place_a_country_stays_whole() -> None:
    text = "Dans l’État de Yobe, les écoles ferment."
    assert names.state_of_place(text, span(text, "État de Yobe", "LOC")) == span(
        text, "Yobe", "LOC"
    )
    text = "Il a salué l’État de Palestine."
    assert names.state_of_place(text, span(text, "État de Palestine", "LOC")) == span(
        text, "État de Palestine", "LOC"
    )


# -- the hand-written vocabulary lives in one place ---------------------------------------------
def test_hand_written_lists_live_in_the_vocabulary_module() -> None:
    assert lexicon.SEATS_OF_POWER is vocabulary.SEATS_OF_POWER
    assert kinds.COMMON_ACRONYMS is vocabulary.COMMON_ACRONYMS
    assert names.SERVICES is vocabulary.SERVICES
    # a public service's acronym names one with its place: it is not a common acronym
    assert not vocabulary.SERVICES & vocabulary.COMMON_ACRONYMS


# -- more too-long and missed pieces ----------------------------------------------------------
def test_ocean_named_by_an_ique_noun_is_a_place_a_nationality_before_a_name_is_not() -> None:
    text = "Situé au bord du Pacifique, l’archipel a vu passer l’Arctique en rêve."
    got = run(text, [span(text, "Pacifique", "LOC"), span(text, "Arctique", "LOC")])
    assert got == [("Pacifique", "LOC"), ("Arctique", "LOC")]
    text = "Le Britannique Lewis Hamilton a gagné."
    assert ("Britannique", "LOC") not in run(text, [span(text, "Britannique", "LOC")])


def test_lowercase_title_and_de_come_off_a_place_not_off_a_person() -> None:
    text = "L’émir du Qatar a reçu le général de Gaulle en rêve."
    got = run(text, [span(text, "émir du Qatar", "LOC"), span(text, "général de Gaulle", "PER")])
    assert ("Qatar", "LOC") in got and ("Gaulle", "LOC") not in got


def test_interjection_and_its_preposition_come_off_a_name() -> None:
    text = "« Merci à la Bretagne ! », a-t-il lancé."
    assert run(text, [span(text, "Merci à la Bretagne", "MISC")]) == [("Bretagne", "LOC")]


def test_team_glued_before_a_person_the_text_names_is_two_mentions() -> None:
    text = "Le grimpeur de Cofidis Solutions Paul Morel a gagné. Paul Morel reprend le maillot."
    raw = [span(text, "Cofidis Solutions Paul Morel", "ORG"), span(text, "Paul Morel", nth=1)]
    got = run(text, raw)
    assert got[:2] == [("Cofidis Solutions", "ORG"), ("Paul Morel", "PER")]


def test_a_longer_name_of_the_same_person_is_not_cut() -> None:
    text = "Jean Paul Morel, dit Paul Morel, a gagné."
    raw = [span(text, "Jean Paul Morel"), span(text, "Paul Morel", nth=1)]
    assert ("Jean Paul Morel", "PER") in run(text, raw)


def test_full_name_the_text_gives_is_the_person_wherever_it_recurs() -> None:
    text = "Emmenés par Yannick Le Bihan, les élus sont partis. « Non », a lancé Yannick Le Bihan."
    raw = [
        span(text, "Yannick Le Bihan"),
        span(text, "Yannick", "LOC", 1),
        span(text, "Bihan", "LOC", 1),
    ]
    assert run(text, raw) == [("Yannick Le Bihan", "PER"), ("Yannick Le Bihan", "PER")]


def test_body_named_after_a_person_with_hyphens_is_one_organisation() -> None:
    text = "Les patients ont été transférés à l’Hôpital universitaire Jean-Verdier mardi."
    raw = [span(text, "Hôpital universitaire", "ORG"), span(text, "Jean-Verdier")]
    assert run(text, raw) == [("Hôpital universitaire Jean-Verdier", "ORG")]
    text = "Le rapport de l’Agence nationale cite Jean-Pierre Dupont."
    raw = [span(text, "Agence nationale", "ORG"), span(text, "Jean-Pierre Dupont")]
    assert run(text, raw) == [("Agence nationale", "ORG"), ("Jean-Pierre Dupont", "PER")]


def test_a_name_the_text_gives_is_found_again_where_the_model_missed_it() -> None:
    text = "Un internaute l’a relayé sur le réseau social Mastodon.\n\nsource : Mastodon"
    got = run(text, [span(text, "Mastodon", "ORG")])
    assert got == [("Mastodon", "ORG"), ("Mastodon", "ORG")]


def test_a_rubric_is_not_found_again_as_a_name() -> None:
    text = "Bretagne | Les urgences fermées la nuit\n\nLa Bretagne manque de médecins."
    raw = [span(text, "Bretagne", "LOC", 1)]
    assert run(text, raw) == [("Bretagne", "LOC")]


def test_a_party_in_istes_is_no_nationality_and_keeps_its_article() -> None:
    text = (
        "Plusieurs élus des Socialistes étaient là, à côté des écologistes. "
        "Les Écologistes hésitent."
    )
    raw = [span(text, "Socialistes", "ORG"), span(text, "Écologistes", "ORG")]
    assert run(text, raw) == [("Socialistes", "ORG"), ("Les Écologistes", "ORG")]
    text = "Les Allemands et des Belges, comme des allemands et des belges, sont venus."
    assert run(text, [span(text, "Allemands", "LOC"), span(text, "Belges", "ORG")]) == []
