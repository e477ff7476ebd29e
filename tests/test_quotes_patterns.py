"""One test per French reported-speech pattern, on small articles written for the test (the
names are made up; mentions are given as extraction would find them)."""

from __future__ import annotations

import re

from reader.domain.model import Article, Label, RawMention
from reader.domain.quotes.extract import extract_quotes
from reader.domain.quotes.types import RawQuote


def _article(
    text: str, names: dict[str, Label], title: str = "Un titre sans citation"
) -> tuple[Article, list[RawMention]]:
    """An article of paragraphs separated by blank lines, with a mention for every
    occurrence of each name."""
    paragraphs = [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", text)]
    mentions = []
    for field, body in (("text", text), ("title", title)):
        for name, label in names.items():
            for m in re.finditer(re.escape(name), body):
                mentions.append(RawMention(field, m.start(), m.end(), name, label))  # type: ignore[arg-type]
    return Article("a", "a.txt", title, text, paragraphs), mentions


def _quotes(text: str, names: dict[str, Label], title: str = "Un titre") -> list[RawQuote]:
    article, mentions = _article(text, names, title)
    return extract_quotes(article, mentions)


def _one(quotes: list[RawQuote], start: str) -> RawQuote:
    found = [q for q in quotes if q.text.startswith(start)]
    assert len(found) == 1, [q.text for q in quotes]
    return found[0]


def test_postposed_verb_and_subject() -> None:
    qs = _quotes(
        "« Nous ne céderons sur rien », a déclaré lundi Jean Dumoulin.", {"Jean Dumoulin": "PER"}
    )
    q = _one(qs, "Nous ne céderons")
    assert (q.text, q.speaker, q.cue) == ("Nous ne céderons sur rien", "Jean Dumoulin", "a déclaré")
    assert q.speaker_span is not None


def test_postposed_without_comma_and_adverb() -> None:
    qs = _quotes(
        "« Les choses avancent-elles vraiment ? » avait alors déclaré M. Ravel.", {"Ravel": "PER"}
    )
    q = _one(qs, "Les choses")
    assert (q.speaker, q.cue) == ("Ravel", "avait déclaré")


def test_preposed_verb_with_colon() -> None:
    qs = _quotes(
        "Claire Vasseur a affirmé : « La science avance lentement. »", {"Claire Vasseur": "PER"}
    )
    q = _one(qs, "La science")
    assert (q.speaker, q.cue) == ("Claire Vasseur", "a affirmé")


def test_preposed_verb_with_que_and_fragment() -> None:
    text = (
        "Le maire Louis Garnier a prévenu que la ville prendrait « des mesures fortes et rapides »."
    )
    q = _one(_quotes(text, {"Louis Garnier": "PER"}), "des mesures")
    assert (q.speaker, q.cue) == ("Louis Garnier", "a prévenu")


def test_selon_before_and_after() -> None:
    text = (
        "Selon Paul Mercier, « la réforme est indispensable ».\n"
        "« Le président a exprimé son soutien aux habitants », selon le communiqué de l'Élysée."
    )
    qs = _quotes(text, {"Paul Mercier": "PER", "Élysée": "ORG"})
    assert (_one(qs, "la réforme").speaker, _one(qs, "la réforme").cue) == ("Paul Mercier", "Selon")
    communique = _one(qs, "Le président a exprimé")
    assert communique.speaker == "Élysée"  # a communiqué goes to its issuer
    assert communique.cue == "selon"


def test_incise_between_two_quotes() -> None:
    text = (
        "Le ministre Pierre Durandal a pris la parole devant les élus.\n"
        "« Nous irons jusqu'au bout », a-t-il ajouté, « quoi qu'il en coûte aux finances. »"
    )
    qs = _quotes(text, {"Pierre Durandal": "PER"})
    first, second = _one(qs, "Nous irons"), _one(qs, "quoi qu'il")
    assert first.speaker == second.speaker == "Pierre Durandal"
    assert first.cue == "a-t-il ajouté"


def test_incise_left_inside_the_marks_makes_two_quotes() -> None:
    text = (
        "Anne Berthier est montée à la tribune. « Nous irons, "
        "a-t-elle dit, jusqu'au bout du chemin »."
    )
    qs = _quotes(text, {"Anne Berthier": "PER"})
    assert [q.text for q in qs] == ["Nous irons", "jusqu'au bout du chemin"]
    assert all(q.speaker == "Anne Berthier" for q in qs)


def test_pronoun_points_to_the_previous_sentence() -> None:
    text = (
        "Sophie Leroy est arrivée en retard. Elle a dit : « Le train "
        "était bloqué depuis une heure. »"
    )
    q = _one(_quotes(text, {"Sophie Leroy": "PER"}), "Le train")
    assert (q.speaker, q.cue) == ("Sophie Leroy", "a dit")


def test_indefinite_description_is_not_an_entity() -> None:
    text = (
        "« Les négociations reprendront lundi », a indiqué un "
        "diplomate européen sous couvert d'anonymat."
    )
    q = _one(_quotes(text, {}), "Les négociations")
    assert (q.speaker, q.speaker_span, q.cue) == ("un diplomate européen", None, "a indiqué")


def test_description_of_a_person_named_elsewhere() -> None:
    text = (
        "Le porte-parole du gouvernement, Marc Petitjean, a tenu un point presse mardi.\n"
        "Les questions ont porté sur le budget.\n"
        "« Les comptes seront publiés en juin », a assuré le porte-parole du gouvernement."
    )
    q = _one(_quotes(text, {"Marc Petitjean": "PER"}), "Les comptes")
    assert q.speaker == "Marc Petitjean"


def test_description_after_a_named_speaker_in_the_previous_sentence() -> None:
    text = (
        "« Les sanctions seraient une grave erreur », a déclaré le conseiller Igor Volkonski.\n"
        "« Elles détruiraient nos relations », a ajouté la diplomatie russe."
    )
    q = _one(_quotes(text, {"Igor Volkonski": "PER"}), "Elles détruiraient")
    assert q.speaker == "Igor Volkonski"


def test_direct_continuation() -> None:
    text = (
        "« Voici le premier point », a déclaré Anne Roussel. « Et "
        "voici le second point de mon discours. »"
    )
    q = _one(_quotes(text, {"Anne Roussel": "PER"}), "Et voici")
    assert (q.speaker, q.cue) == ("Anne Roussel", "(suite)")


def test_a_quote_standing_alone_has_no_speaker() -> None:
    text = (
        "Le sommet s'est achevé sans accord, ce que Moscou "
        "dément.\n« Quel gâchis pour tout le monde ! »"
    )
    q = _one(_quotes(text, {"Moscou": "LOC"}), "Quel gâchis")
    assert (q.speaker, q.cue) == (None, None)


def test_quoted_terms_and_names_are_not_quotes() -> None:
    text = (
        "Il a évoqué les « lignes rouges » du pays depuis la « Situation Room ». "
        "L'exposition « Les Trésors du Nil antique » ouvre demain, un « tueur » selon lui."
    )
    assert _quotes(text, {}) == []


def test_short_clause_with_a_verb_is_a_quote() -> None:
    text = "Un responsable a prévenu que les États-Unis « répondraient favorablement »."
    q = _one(_quotes(text, {"États-Unis": "LOC"}), "répondraient")
    assert (q.speaker, q.speaker_span) == ("Un responsable", None)


def test_nested_single_quotes_stay_inside() -> None:
    text = "Mike Tanner a écrit sur Twitter : « Il doit penser ‘quel idiot’. »"
    qs = _quotes(text, {"Mike Tanner": "PER", "Twitter": "ORG"})
    assert [q.text for q in qs] == ["Il doit penser ‘quel idiot’."]
    assert (qs[0].speaker, qs[0].cue) == ("Mike Tanner", "a écrit")


def test_headline_quote_is_in_the_title() -> None:
    qs = _quotes(
        "Le syndicat a appelé à la grève.",
        {"CGT": "ORG"},
        title="« Nous ne lâcherons rien », promet la CGT",
    )
    q = _one(qs, "Nous ne lâcherons")
    assert (q.field, q.speaker, q.cue) == ("title", "CGT", "promet")


def test_pour_x_opening_the_sentence() -> None:
    text = (
        "Pour la procureure, Cécile Fournaise, ce dossier « illustre "
        "la nécessité d'une vigilance de tous »."
    )
    q = _one(_quotes(text, {"Cécile Fournaise": "PER"}), "illustre")
    assert (q.speaker, q.cue) == ("Cécile Fournaise", "Pour")


def test_complement_before_the_postposed_subject() -> None:
    text = (
        "« Nous avons arraché un accord », a expliqué à l'AFP le "
        "président du groupe, Bruno Valette."
    )
    q = _one(_quotes(text, {"AFP": "ORG", "Bruno Valette": "PER"}), "Nous avons")
    assert q.speaker == "Bruno Valette"


def test_reflexive_and_curly_and_straight_marks() -> None:
    text = (
        "“Nous sommes revenus trente ans en arrière”, s'emporte Jean Lacaze.\n"
        '"On a tout fait à la main pendant trois semaines", se désole Lina Morel.'
    )
    qs = _quotes(text, {"Jean Lacaze": "PER", "Lina Morel": "PER"})
    assert (_one(qs, "Nous sommes").speaker, _one(qs, "Nous sommes").cue) == (
        "Jean Lacaze",
        "s'emporte",
    )
    assert _one(qs, "On a tout").speaker == "Lina Morel"


def test_speech_verb_inside_a_quote_is_not_a_cue() -> None:
    text = "« Il a déclaré la guerre à la corruption », a ironisé Marc Olier."
    q = _one(_quotes(text, {"Marc Olier": "PER"}), "Il a déclaré")
    assert (q.speaker, q.cue) == ("Marc Olier", "a ironisé")


def test_offsets_are_exact() -> None:
    text = "Intro.\n« Nous ne céderons pas », a déclaré Jean Dumoulin.\nFin."
    for q in _quotes(text, {"Jean Dumoulin": "PER"}):
        assert text[q.start : q.end] == q.text
        assert q.speaker_span is not None
        assert text[q.speaker_span[0] : q.speaker_span[1]] == "Jean Dumoulin"


def test_institution_description_goes_to_the_body_named_before() -> None:
    text = (
        "Le Conseil d'État a annulé mardi le décret de dissolution du collectif.\n\n"
        "La plus haute juridiction administrative juge que « les faits reprochés ne suffisent "
        "pas »."
    )
    q = _one(_quotes(text, {"Conseil d'État": "ORG"}), "les faits")
    assert (q.speaker, q.cue) == ("Conseil d'État", "juge")


def test_adverbial_phrase_between_auxiliary_and_participle() -> None:
    text = (
        "Le président de la fédération, Florian Garnier, a de son côté appelé à "
        "« garder la tête froide »."
    )
    q = _one(_quotes(text, {"Florian Garnier": "PER"}), "garder")
    assert (q.speaker, q.cue) == ("Florian Garnier", "a appelé")


def test_speaker_named_only_in_the_headline() -> None:
    article, mentions = _article(
        "Le ministère estime que la mesure « aurait des effets limités ».",
        {"Bercy": "ORG"},
        title="Bercy doute de la réforme",
    )
    (q,) = extract_quotes(article, mentions)
    assert (q.speaker, q.speaker_field, q.cue) == ("Bercy", "title", "estime")
    assert article.title[q.speaker_span[0] : q.speaker_span[1]] == "Bercy"  # type: ignore[index]


def test_incise_only_verb_right_after_a_quote() -> None:
    text = "« Ce n'est pas le moment de céder », tranche Hélène Marchal. Elle doit trancher demain."
    q = _one(_quotes(text, {"Hélène Marchal": "PER"}), "Ce n'est pas")
    assert (q.speaker, q.cue) == ("Hélène Marchal", "tranche")


def test_peut_on_lire_in_a_communique() -> None:
    text = (
        "« Les écoles resteront ouvertes », peut-on lire dans le communiqué de la "
        "préfecture du Nord."
    )
    q = _one(_quotes(text, {"préfecture du Nord": "ORG"}), "Les écoles")
    assert (q.speaker, q.cue) == ("préfecture du Nord", "peut-on lire")


def test_object_pronoun_before_the_verb() -> None:
    text = "Marc Lenoir le répète : « Nous ne fermerons aucune classe cette année. »"
    q = _one(_quotes(text, {"Marc Lenoir": "PER"}), "Nous ne fermerons")
    assert (q.speaker, q.cue) == ("Marc Lenoir", "répète")
