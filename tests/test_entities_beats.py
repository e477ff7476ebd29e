"""Entity rules for French news of any beat (issue 12): one group of tests per error class,
each on small sentences written for the purpose (never taken from a measured article).

Classes: 2 names with an internal apostrophe; 3 multi-word institutions; 4 names opened by a
capitalised article; 5 page boundaries; 6 capitalised common words, acronyms, lowercase
descriptors; 7 named things, seats of power, teams. Then the label vote of linking against a
Title Case headline."""

from __future__ import annotations

import re

import pytest

from reader.domain.entities.lexicon import is_common_noun, is_place_name, is_verb_form
from reader.domain.entities.linking import link
from reader.domain.entities.names import whole_apostrophe_words
from reader.domain.entities.normalize import lowercase_vocabulary, normalize
from reader.domain.entities.repair import Span, repair
from reader.domain.model import Article, RawMention


def span(text: str, sub: str, label: str = "PER", nth: int = 0) -> Span:
    s = [m.start() for m in re.finditer(re.escape(sub), text)][nth]
    return (s, s + len(sub), label)


def run(text: str, spans: list[Span]) -> list[tuple[str, str]]:
    """The repaired mentions of `text` from the given raw model spans."""
    out = repair(
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


# -- the word lists come from maintained packages ---------------------------------------------
def test_lexicon_knows_french_common_words_places_and_verbs() -> None:
    assert is_common_noun("Réactions") and is_common_noun("Contexte")
    assert not is_common_noun("Djibouti")
    assert is_place_name("Côte d’Ivoire") and is_place_name("Afrique du Sud")
    assert is_place_name("Loire-Atlantique")  # a French department (ISO 3166-2:FR)
    assert is_verb_form("contacté") and not is_verb_form("Kerguelen")


# -- 2. names with an internal apostrophe ----------------------------------------------------
def test_capital_letter_and_apostrophe_inside_a_name_is_not_an_elision() -> None:
    text = "Le président a reçu mardi à N'Djamena une délégation menée par Sean O’Brien."
    got = run(text, [span(text, "N'Djamena", "LOC"), span(text, "Sean O’Brien")])
    assert got == [("N'Djamena", "LOC"), ("Sean O’Brien", "PER")]


def test_french_elisions_still_split() -> None:
    text = "L'Ukraine et la Côte d'Ivoire ont signé, selon l’OTAN."
    got = run(text, [span(text, "L'Ukraine", "LOC"), span(text, "l’OTAN", "ORG")])
    assert ("Ukraine", "LOC") in got and ("OTAN", "ORG") in got


def test_model_sees_one_word_for_a_polynesian_or_arabic_name() -> None:
    norm = normalize("Les vents ont frappé Faa'a et Hawai’i, pas la Côte d'Ivoire.")
    assert "Faa-a" in norm.text and "Hawai-i" in norm.text
    assert "Côte d'Ivoire" in norm.text  # `d'` is an elision
    assert "Aujourd'hui" in normalize("Aujourd'hui, rien.").text  # a French word


@pytest.mark.parametrize(
    ("text", "raw", "want"),
    [
        ("Les bureaux de Puna'auia ont rouvert.", "Puna", "Puna'auia"),
        ("Le port de Sana'a est fermé.", "Sana'", "Sana'a"),
        ("On a évacué Teahupo'o hier.", "Teahupo", "Teahupo'o"),
    ],
)
def test_span_cut_at_an_apostrophe_takes_the_whole_word(text: str, raw: str, want: str) -> None:
    s, e, _ = whole_apostrophe_words(text, span(text, raw, "LOC"))
    assert text[s:e] == want


# -- 3. multi-word institutions ----------------------------------------------------------------
def test_institution_takes_back_its_lowercase_complement() -> None:
    text = (
        "Le Conseil constitutionnel a validé la loi. Une expertise de l’Institut national "
        "de police scientifique a été versée au dossier."
    )
    got = run(
        text,
        [span(text, "Conseil", "ORG"), span(text, "Institut national de police", "ORG")],
    )
    assert got == [
        ("Conseil constitutionnel", "ORG"),
        ("Institut national de police scientifique", "ORG"),
    ]


def test_institution_does_not_run_into_the_verb() -> None:
    text = "L’Assemblée adopte de justesse la loi sur les meublés."
    got = run(text, [span(text, "Assemblée adopte de justesse la loi sur les meublés", "ORG")])
    assert got == [("Assemblée", "ORG")]


def test_ministry_with_a_capitalised_portfolio_is_one_organisation() -> None:
    text = (
        "C’est un revers pour le ministère de l’Intérieur. Le ministère des Armées dément, "
        "et le ministère de la Transition écologique se tait."
    )
    got = run(text, [span(text, "Intérieur", "LOC"), span(text, "Armées", "ORG")])
    assert got == [
        ("ministère de l’Intérieur", "ORG"),
        ("ministère des Armées", "ORG"),
        ("ministère de la Transition écologique", "ORG"),
    ]


def test_minister_is_still_a_job_title() -> None:
    text = "La ministre de la Culture a parlé."
    assert run(text, [span(text, "Culture", "ORG")]) == []


def test_law_or_prize_named_after_a_person_and_acronym_of_a_place() -> None:
    text = "La loi Le Meur s’applique depuis mars au CHU de Lille, dit le prix Goncourt."
    got = run(
        text, [span(text, "Meur", "PER"), span(text, "CHU", "ORG"), span(text, "Lille", "LOC")]
    )
    assert got == [("loi Le Meur", "MISC"), ("CHU de Lille", "ORG"), ("prix Goncourt", "MISC")]


# -- 4. names opened by a capitalised article ---------------------------------------------------
def test_capitalised_article_in_mid_sentence_belongs_to_the_name() -> None:
    text = "Le texte a été voté par Les Écologistes, puis combattu par La France insoumise."
    got = run(text, [span(text, "Écologistes", "MISC"), span(text, "La France", "LOC")])
    assert got == [("Les Écologistes", "ORG"), ("La France insoumise", "ORG")]


def test_contracted_or_lowercase_article_stays_out() -> None:
    text = "Le porte-parole des Verts a réagi, tout comme les élus de la Droite républicaine."
    got = run(
        text, [span(text, "des Verts", "ORG"), span(text, "de la Droite républicaine", "ORG")]
    )
    assert got == [("Verts", "ORG"), ("Droite républicaine", "ORG")]


def test_capitalised_article_at_a_sentence_start_is_not_kept() -> None:
    text = "Hier soir. La Bolivie a voté."
    assert run(text, [span(text, "La Bolivie", "LOC")]) == [("Bolivie", "LOC")]


# -- 5. a mention never crosses a boundary of the page -----------------------------------------
def test_no_span_across_a_bar_a_spaced_dash_or_a_spaced_colon() -> None:
    text = "Justice | Le Conseil d'État annule le décret - Outre-mer : Tahiti se prépare."
    got = run(
        text,
        [
            span(text, "Justice | Le Conseil d'État", "ORG"),
            span(text, "Outre-mer : Tahiti", "MISC"),
        ],
    )
    assert ("Conseil d'État", "ORG") in got
    assert all("|" not in t and " : " not in t for t, _ in got)
    assert "Tahiti" in [t for t, _ in got]


def test_no_span_across_a_glued_headline_and_standfirst() -> None:
    text = "Il promet de tenir tête à Jordan Bardella À trois semaines du scrutin, il espère."
    assert run(text, [span(text, "Jordan Bardella À", "PER")]) == [("Jordan Bardella", "PER")]


def test_byline_date_participle_ends_a_name() -> None:
    text = "Par Sébastien Caron Publié le 3 mars 2025 à 10h"
    assert run(text, [span(text, "Sébastien Caron Publié", "PER")]) == [("Sébastien Caron", "PER")]


def test_rubric_word_glued_before_a_headline_is_not_part_of_the_name() -> None:
    text = "Politique Élections européennes : à Lille, le meeting fait le plein\n\nSuite."
    got = run(text, [span(text, "Politique Élections européennes", "ORG")])
    assert all(not t.startswith("Politique") for t, _ in got)


def test_name_with_a_particle_is_not_taken_for_a_rubric() -> None:
    text = "Marine Le Pen a toutefois laissé planer le doute : rien n’est fait."
    assert run(text, [span(text, "Marine Le Pen")]) == [("Marine Le Pen", "PER")]


# -- 6. capitalised common words, acronyms, lowercase descriptors -------------------------------
@pytest.mark.parametrize(
    ("text", "raw", "label"),
    [
        (
            "Le match a eu lieu.\n\nRéactions\n\nLe sélectionneur s’est dit satisfait.",
            "Réactions",
            "LOC",
        ),
        ("Contexte : la grève dure depuis lundi.", "Contexte", "PER"),
        ("- Sommaire\n- Enquête", "Enquête", "ORG"),
        ("Vendredi, devant la cour, l’accusé s’est tu.", "Vendredi", "LOC"),
        ("Rien n’a bougé. Contacté, l’entourage du ministre n’a pas réagi.", "Contacté", "MISC"),
    ],
)
def test_capitalised_common_words_at_a_line_or_sentence_start_are_not_names(
    text: str, raw: str, label: str
) -> None:
    assert run(text, [span(text, raw, label)]) == []


def test_person_at_a_paragraph_start_is_kept() -> None:
    text = "Le vote a eu lieu.\n\nDupont a ensuite quitté la salle sans un mot pour la presse."
    assert run(text, [span(text, "Dupont")]) == [("Dupont", "PER")]


def test_acronym_is_never_a_person() -> None:
    text = "Le groupe a quitté le RN en mars."
    assert run(text, [span(text, "RN", "PER")]) == [("RN", "ORG")]


def test_lowercase_descriptor_comes_off_a_place_unless_the_name_needs_it() -> None:
    text = "Le navire a quitté les îles Kerguelen et croise en mer Noire, puis place Beauvau."
    got = run(
        text,
        [
            span(text, "îles Kerguelen", "LOC"),
            span(text, "mer Noire", "LOC"),
            span(text, "place Beauvau", "LOC"),
        ],
    )
    assert got == [("Kerguelen", "LOC"), ("mer Noire", "LOC"), ("Beauvau", "ORG")]


# -- 7. named things, seats of power, teams ------------------------------------------------------
def test_strains_and_variants_are_named_things() -> None:
    text = "Le sous-variant NB.1.8.1 et le variant Omicron du Covid-19 progressent."
    got = run(text, [span(text, "NB", "ORG"), span(text, "Omicron"), span(text, "Covid-19", "ORG")])
    assert got == [("NB.1.8.1", "MISC"), ("Omicron", "MISC"), ("Covid-19", "MISC")]


def test_named_texts_storms_and_programmes_are_named_things() -> None:
    text = (
        "La Convention européenne des droits de l’homme s’applique. Le cyclone Tama a frappé "
        "et le préfet a déclenché le plan Orsec."
    )
    got = run(
        text,
        [
            span(text, "Convention européenne des droits de l’homme", "ORG"),
            span(text, "Tama", "LOC"),
            span(text, "Orsec", "LOC"),
        ],
    )
    assert [lab for _, lab in got] == ["MISC", "MISC", "MISC"]


def test_seats_of_power_are_organisations() -> None:
    text = "L’Élysée et Matignon ont démenti, comme le Quai d’Orsay."
    got = run(
        text,
        [
            span(text, "Élysée", "LOC"),
            span(text, "Matignon", "LOC"),
            span(text, "Quai d’Orsay", "LOC"),
        ],
    )
    assert got == [("Élysée", "ORG"), ("Matignon", "ORG"), ("Quai d’Orsay", "ORG")]


def test_teams_by_nickname_are_organisations_and_a_country_stays_a_place() -> None:
    text = (
        "Les Bleus ont battu les Springboks, puis les Diables rouges ont dominé l’Afrique du Sud."
    )
    got = run(
        text,
        [
            span(text, "Bleus", "MISC"),
            span(text, "Springboks", "MISC"),
            span(text, "Diables rouges", "MISC"),
            span(text, "Afrique du Sud", "ORG"),
        ],
    )
    assert got == [
        ("Bleus", "ORG"),
        ("Springboks", "ORG"),
        ("Diables rouges", "ORG"),
        ("Afrique du Sud", "LOC"),
    ]


def test_companies_by_their_context_and_lists_share_a_label() -> None:
    text = "Chez Esso, rien. Face à Lidl, Auchan et Aldi, il recule, selon l’association Anticor."
    got = run(
        text,
        [
            span(text, "Esso", "MISC"),
            span(text, "Lidl", "ORG"),
            span(text, "Auchan", "ORG"),
            span(text, "Aldi", "LOC"),
            span(text, "Anticor"),
        ],
    )
    assert [lab for _, lab in got] == ["ORG"] * 5


def test_team_in_parentheses_after_a_rider() -> None:
    text = "2. Kévin Vauquelin (Arkéa Hotels) à 31 s"
    got = run(text, [span(text, "Kévin Vauquelin"), span(text, "Arkéa Hotels", "MISC")])
    assert got == [("Kévin Vauquelin", "PER"), ("Arkéa Hotels", "ORG")]


# -- the label vote against a headline in Title Case ---------------------------------------------
def test_title_case_headline_votes_less_than_the_body() -> None:
    title = "Valmont Annonce Des Suppressions De Postes À Lyon Et Grenoble"
    text = "Hier, Valmont a confirmé la fermeture de deux ateliers."
    art = Article(id="a", path="a.txt", title=title, text=text, paragraphs=[], title_derived=False)
    s1, e1, _ = span(title, "Valmont")
    s2, e2, _ = span(text, "Valmont")
    mentions = [
        RawMention("title", s1, e1, "Valmont", "PER"),
        RawMention("text", s2, e2, "Valmont", "ORG"),
    ]
    res = link([art], {"a": mentions})
    (entity,) = res.entities.values()
    # the Title Case headline's guess weighs half the body's (before: a tie, PER first)
    assert entity.label == "ORG"


# -- later rules of the same classes --------------------------------------------------
def test_nationality_adjectives_are_not_places() -> None:
    text = "Le Français a devancé l’Espagnol et deux Belges au sprint final."
    got = run(
        text,
        [span(text, "Français", "LOC"), span(text, "Espagnol", "LOC"), span(text, "Belges", "LOC")],
    )
    assert got == []


def test_event_edition_takes_its_year() -> None:
    text = "Après l’Euro 2024, la Coupe du monde 2026 se prépare à Lyon."
    got = run(text, [span(text, "Euro", "LOC"), span(text, "Coupe du monde", "MISC")])
    assert got == [("Euro 2024", "MISC"), ("Coupe du monde 2026", "MISC")]


def test_regnal_name_and_its_country_are_two_mentions() -> None:
    text = "Le roi Abdallah II de Jordanie a reçu le ministre."
    got = run(text, [span(text, "Abdallah II de Jordanie", "ORG")])
    assert got == [("Abdallah II", "PER"), ("Jordanie", "LOC")]


def test_local_body_keeps_its_region_but_a_national_one_drops_its_country() -> None:
    text = (
        "La Chambre régionale des comptes de Nouvelle-Aquitaine a rendu son rapport. "
        "Le Conseil de sécurité nationale des États-Unis s’est réuni, dit-on aux États-Unis."
    )
    got = run(
        text,
        [
            span(text, "Chambre régionale des comptes", "ORG"),
            span(text, "Nouvelle-Aquitaine", "LOC"),
            span(text, "Conseil de sécurité nationale des États-Unis", "ORG"),
            span(text, "États-Unis", "LOC", 1),
        ],
    )
    assert got == [
        ("Chambre régionale des comptes de Nouvelle-Aquitaine", "ORG"),
        ("Conseil de sécurité nationale", "ORG"),
        ("États-Unis", "LOC"),
        ("États-Unis", "LOC"),
    ]


def test_institution_complement_after_a_cut_connector_and_no_verb_after_a_name() -> None:
    text = (
        "Selon le Centre européen de prévention et de contrôle des maladies, le risque baisse. "
        "La Banque de France rappelle que la croissance ralentit."
    )
    got = run(
        text,
        [
            span(text, "Centre européen de prévention et de", "ORG"),
            span(text, "Banque de France rappelle", "ORG"),
        ],
    )
    assert got == [
        ("Centre européen de prévention et de contrôle des maladies", "ORG"),
        ("Banque de France", "ORG"),
    ]


def test_rubric_in_capitals_and_common_acronyms_are_not_names() -> None:
    text = "SANTÉ\nLe PIB recule et le port du masque FFP2 revient dans les Ehpad."
    got = run(
        text,
        [
            span(text, "SANTÉ", "ORG"),
            span(text, "PIB", "ORG"),
            span(text, "FFP2", "MISC"),
            span(text, "Ehpad", "LOC"),
        ],
    )
    assert got == []


def test_name_after_a_verb_of_speech_is_the_person_quoted() -> None:
    text = "« Nous tiendrons », lâche Mehdi Aït-Saïd. « Rien », a confié Léa Morvan à l’AFP."
    got = run(text, [span(text, "Mehdi Aït-Saïd", "ORG"), span(text, "Léa Morvan", "LOC")])
    assert got[:2] == [("Mehdi Aït-Saïd", "PER"), ("Léa Morvan", "PER")]


def test_places_joined_by_a_hyphen_stay_one_and_a_lake_is_not_its_country() -> None:
    text = "À Tahiti, l’aéroport de Tahiti-Faa'a a rouvert. Faa'a et le lac Tchad sont loin."
    got = run(
        text,
        [
            span(text, "Tahiti", "LOC"),
            span(text, "Tahiti-Faa'a", "LOC"),
            span(text, "Faa'a", "LOC", 1),
            span(text, "Tchad", "LOC"),
        ],
    )
    assert got == [
        ("Tahiti", "LOC"),
        ("Tahiti-Faa'a", "LOC"),
        ("Faa'a", "LOC"),
        ("lac Tchad", "LOC"),
    ]


def test_surname_particle_belongs_to_the_name() -> None:
    text = "Titulaires : Onana, Tielemans, De Bruyne – Doku. Le Drian a salué le match."
    got = run(text, [span(text, "Bruyne"), span(text, "Drian")])
    assert got == [("De Bruyne", "PER"), ("Le Drian", "PER")]


def test_plural_rubric_comes_off_a_headline_the_model_took_for_a_person() -> None:
    text = "Entreprises Carrefour : bénéfice en recul de 12 % en 2024"
    assert [t for t, _ in run(text, [span(text, "Entreprises Carrefour")])] == ["Carrefour"]


def test_a_public_service_is_named_only_with_its_place() -> None:
    text = "Au CHU, le Samu du Gard a transféré les patients vers le CHU de Nîmes, dans le Nord."
    got = run(
        text,
        [
            span(text, "CHU", "ORG"),
            span(text, "Samu du Gard", "LOC"),
            span(text, "CHU", "ORG", 1),
            span(text, "Nîmes", "LOC"),
            span(text, "Nord", "LOC"),
        ],
    )
    assert got == [("Samu du Gard", "ORG"), ("CHU de Nîmes", "ORG"), ("Nord", "LOC")]


def test_prizes_and_events_with_their_complement() -> None:
    text = "- Prix du public : « Lakewood »\nIl a reçu le Grand Prix. Prix à la pompe : 1,80 euro."
    got = run(text, [])
    assert ("Prix du public", "MISC") in got and ("Grand Prix", "MISC") in got
    assert all(not t.startswith("Prix à") for t, _ in got)


def test_lowercase_body_or_site_before_a_place_leaves_the_place() -> None:
    text = "Le tribunal correctionnel de Guéret et l’université de Copenhague ont répondu."
    got = run(
        text,
        [
            span(text, "tribunal correctionnel de Guéret", "ORG"),
            span(text, "université de Copenhague", "ORG"),
        ],
    )
    assert got == [("Guéret", "LOC"), ("Copenhague", "LOC")]


def test_one_word_after_a_is_a_place_unless_someone_is_addressed() -> None:
    text = "Il habite à Callac. Le ministre a parlé à Martin hier."
    got = run(text, [span(text, "Callac"), span(text, "Martin")])
    assert got == [("Callac", "LOC"), ("Martin", "PER")]


def test_camel_case_brand_is_an_organisation_not_a_person() -> None:
    text = "L’Europe a dépendu de SpaceX, et l’appli WhatsApp reste utilisée, dit John McCain."
    got = run(
        text, [span(text, "SpaceX"), span(text, "WhatsApp", "LOC"), span(text, "John McCain")]
    )
    assert ("SpaceX", "ORG") in got and ("WhatsApp", "ORG") in got
    assert ("John McCain", "PER") in got


def test_public_authority_and_a_colleague_s_portfolio_are_not_names() -> None:
    text = "Une subvention de la Région est attendue. Son collègue de la Justice a salué le vote."
    assert run(text, [span(text, "Région", "LOC"), span(text, "Justice", "MISC")]) == []


def test_place_opening_a_paragraph_is_kept_though_the_lexicon_lists_it() -> None:
    text = "Les ministres se sont quittés.\n\nAmman accueillera en septembre le prochain sommet."
    assert run(text, [span(text, "Amman", "LOC")]) == [("Amman", "LOC")]


# -- labels of companies, apps and parties from the words before them ---------------------------
def test_a_name_given_as_an_example_of_companies_is_an_organisation() -> None:
    text = "Les livreurs des plateformes de livraison comme Zupado réclament un statut."
    assert run(text, [span(text, "Zupado", "PER")]) == [("Zupado", "ORG")]
    text = "Les messageries telles que Parlo ou Vizz sont visées."
    got = run(text, [span(text, "Parlo", "LOC"), span(text, "Vizz", "LOC")])
    assert ("Parlo", "ORG") in got


# -- one-word player names in team sheets -------------------------------------------------------
def test_every_item_of_a_team_sheet_is_a_person() -> None:
    text = (
        "Erling Haaland a marqué deux fois, servi par Martin Odegaard et Alexander Sorloth.\n"
        "Norvège : Nyland – Ryerson, Ajer, Ostigard, Wolfe – Berge, Odegaard, Aursnes – "
        "Sorloth, Haaland, Nusa.\n"
    )
    names = ["Nyland", "Ryerson", "Ajer", "Ostigard", "Wolfe", "Berge", "Odegaard"]
    names += ["Aursnes", "Sorloth", "Haaland"]
    model = [span(text, n) for n in ("Erling Haaland", "Martin Odegaard", "Alexander Sorloth")]
    model += [span(text, "Norvège", "LOC")] + [span(text, n, "LOC", nth=-1) for n in names]
    got = run(text, model)
    assert ("Norvège", "LOC") in got
    for n in [*names, "Nusa"]:
        assert (n, "PER") in got, n


def test_a_list_of_sections_is_not_a_team_sheet() -> None:
    text = "Au sommaire : Politique, Économie, Santé, Culture, Sport, Sciences, Météo, Jeux.\n"
    model = [span(text, "Politique", "ORG"), span(text, "Sport", "ORG"), span(text, "Jeux", "MISC")]
    assert all(lab != "PER" for _t, lab in run(text, model))


# -- names cut short: a land named with lowercase `pays`, a rugby fifteen ------------------------
def test_pays_de_and_a_non_country_is_one_place() -> None:
    text = "Les Bleus affronteront le pays de Galles puis la France jouera au pays de Caux."
    got = run(text, [span(text, "Galles", "LOC"), span(text, "Caux", "LOC")])
    assert got == [("pays de Galles", "LOC"), ("pays de Caux", "LOC")]


def test_a_fifteen_is_a_team_not_its_country() -> None:
    text = "Le XV de France a battu le XV de la Rose samedi, en France."
    got = run(
        text,
        [span(text, "France", "LOC"), span(text, "Rose", "LOC"), span(text, "France", "LOC", 1)],
    )
    assert got == [("XV de France", "ORG"), ("XV de la Rose", "ORG"), ("France", "LOC")]


def test_a_name_listed_with_a_cued_organisation_is_an_organisation() -> None:
    text = "La liste du Parti socialiste et de Nouvelle Donne arrive en tête à Rouen."
    got = run(text, [span(text, "Parti socialiste", "ORG"), span(text, "Nouvelle Donne", "LOC")])
    assert ("Nouvelle Donne", "ORG") in got


def test_a_commune_listed_with_an_organisation_stays_a_place() -> None:
    text = "Le Parti socialiste et Saint-Pierre-sur-Dives ont signé."
    got = run(
        text, [span(text, "Parti socialiste", "ORG"), span(text, "Saint-Pierre-sur-Dives", "LOC")]
    )
    assert ("Saint-Pierre-sur-Dives", "LOC") in got


# -- a first name before a surname opening with a particle ----------------------------------
def test_first_name_joins_a_surname_with_a_particle() -> None:
    text = "Son avocate, Me Corinne d'Aubigny, et le maire Loïc Le Floch ont parlé à la Cour."
    got = run(text, [span(text, "Aubigny"), span(text, "Loïc", "LOC"), span(text, "Le Floch")])
    assert ("Corinne d'Aubigny", "PER") in got and ("Loïc Le Floch", "PER") in got


def test_a_common_word_before_a_particle_name_stays_out() -> None:
    text = "Au marché, Maire Le Goff vend des pommes. Le rapport de Delphine de Vigan."
    got = run(text, [span(text, "Le Goff"), span(text, "Delphine de Vigan")])
    assert ("Le Goff", "PER") in got
