"""Boilerplate that became entities on pages of any beat (issue 12, the spurious class): a
signature glued to the end of a header line, the items of a "Lire aussi" list, the caption
under its credit or after it on one line, a rubric alone above the headline, a newsletter
widget — each on a small page written for the test, set aside with its facts kept."""

from __future__ import annotations

from reader.domain.cleaning import Cleaned, clean
from reader.domain.formats import ParsedDoc

BODY = [
    "Le conseil départemental a voté jeudi une enveloppe de 12 millions d’euros pour les routes.",
    "« Nous ne pouvions plus attendre », a déclaré la présidente du département devant les élus.",
    "L’opposition dénonce un plan tardif et réclame un audit des chantiers engagés depuis 2021.",
]


def _clean(*paragraphs: str, title: str | None = None, sep: str = "\n\n") -> Cleaned:
    return clean(ParsedDoc(title, sep.join(paragraphs)))


def _kinds(c: Cleaned) -> dict[str, str]:
    return {r.text: r.kind for r in c.removed}


def _body_kept(c: Cleaned) -> None:
    for sentence in BODY:
        assert sentence in c.text


# -- a signature glued to the end of a header line ------------------------------------------
def test_signature_glued_after_the_standfirst_is_set_aside_with_its_authors() -> None:
    header = (
        "Routes | Le département débloque 12 millions d’euros pour ses routes | Les élus ont "
        "voté le plan à une large majorité. Par Jeanne Morvan et Paul Kerbiriou"
    )
    c = _clean(header, *BODY)
    assert _kinds(c)["Par Jeanne Morvan et Paul Kerbiriou"] == "byline"
    assert "Jeanne Morvan" not in c.text and "Paul Kerbiriou" not in c.text
    assert "à une large majorité." in c.text
    assert c.author == ["Jeanne Morvan", "Paul Kerbiriou"]
    _body_kept(c)


def test_signature_with_place_and_dateline_glued_after_a_bar() -> None:
    header = (
        "Routes | Douze millions pour les routes du département | Par Anne Le Goff, à Vannes "
        "| Le 3 mars 2025 à 06h00"
    )
    c = _clean(header, *BODY)
    assert "Vannes" not in c.text and "Anne Le Goff" not in c.text
    assert c.author == ["Anne Le Goff"]
    assert c.date == "2025-03-03"


def test_a_sentence_of_the_lede_starting_with_par_stays() -> None:
    lede = (
        "Le plan a été adopté jeudi soir après quatre heures de débat. Par ailleurs, la "
        "majorité a promis un audit des chantiers"
    )
    c = _clean(lede, *BODY)
    assert "Par ailleurs, la majorité" in c.title + c.text
    assert all(r.kind != "byline" for r in c.removed)


# -- teaser lists, captions under their credit, rubrics, newsletter widgets ------------------
def test_items_of_a_teaser_list_go_with_their_heading() -> None:
    teasers = (
        "Sur le même sujet\n"
        "- Voirie : la Cour des comptes pointe des routes mal entretenues\n"
        "- Budget : Brest vote une hausse de la taxe foncière"
    )
    c = _clean(BODY[0], teasers, BODY[1], BODY[2])
    assert "Brest" not in c.text and "Cour des comptes" not in c.text
    assert _kinds(c)["- Budget : Brest vote une hausse de la taxe foncière"] == "teaser"
    _body_kept(c)


def test_caption_under_its_credit_goes_with_it() -> None:
    picture = "(Photo : Reuters)\nDes cantonniers au travail près de Pontivy (Morbihan), lundi."
    c = _clean(BODY[0], picture, BODY[1], BODY[2])
    assert "Pontivy" not in c.text
    assert _kinds(c)["Des cantonniers au travail près de Pontivy (Morbihan), lundi."] == "caption"
    _body_kept(c)


def test_caption_after_a_credit_on_the_same_line_goes() -> None:
    picture = "(Photo : Loïc Venance / AFP) Un chantier à Locminé (Morbihan), mercredi."
    c = _clean(BODY[0], picture, BODY[1], BODY[2])
    assert "Locminé" not in c.text
    _body_kept(c)


def test_rubric_alone_above_the_headline_is_navigation() -> None:
    c = _clean("Bretagne", "Le département débloque 12 millions pour ses routes", *BODY)
    assert _kinds(c)["Bretagne"] == "navigation"
    assert c.title == "Le département débloque 12 millions pour ses routes"
    _body_kept(c)


def test_short_headline_over_a_body_is_not_a_rubric() -> None:
    c = _clean("Routes départementales", *BODY)
    assert "Routes départementales" not in _kinds(c)


def test_newsletter_widget_heading_and_button_go() -> None:
    widget = "Newsletter Bretagne\nChaque matin, l’essentiel de l’actualité\nS’inscrire"
    c = _clean(BODY[0], widget, BODY[1], BODY[2])
    kinds = _kinds(c)
    assert kinds["Newsletter Bretagne"] == "subscription"
    assert kinds["S’inscrire"] == "subscription"
    _body_kept(c)


# -- signatures that do not open with "Par" + names ------------------------------------------
def test_signature_shapes_without_par_and_names() -> None:
    from reader.domain.bylines import classify_line

    dated = classify_line("Publié le 12/03/2024 à 10:32 par Jeanne Morvan")
    assert dated is not None and dated.kind == "byline"
    assert dated.authors == ("Jeanne Morvan",) and dated.date == "2024-03-12"
    role = classify_line("Paul Kerbiriou, envoyé spécial à Kiev")
    assert role is not None and role.authors == ("Paul Kerbiriou",)
    agency = classify_line("Par Jeanne Morvan (avec AFP)")
    assert agency is not None and agency.authors == ("Jeanne Morvan",)
    newsroom = classify_line("Par AFP")
    assert newsroom is not None and newsroom.kind == "byline" and newsroom.source == "AFP"
    assert classify_line("Par la rédaction") is not None


def test_sentences_shaped_like_those_signatures_stay() -> None:
    from reader.domain.bylines import classify_line

    for sentence in (
        "Selon Paul Kerbiriou, envoyé spécial de l’ONU, la situation est grave.",
        "Par AFP, la décision a été annoncée mardi soir.",
        "Publié le 7 décembre par un éditeur breton, le livre a été un succès.",
    ):
        assert classify_line(sentence) is None
