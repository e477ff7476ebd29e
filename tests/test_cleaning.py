"""Cleaning rules, each on an article written for the test, then the five bundled seeds."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.domain.cleaning import Cleaned, clean, derive_title, not_french
from reader.domain.formats import ParsedDoc, parse

SEEDS = Path(__file__).resolve().parents[1] / "seeds"

BODY = [
    "Le gouvernement a présenté mardi un plan de relance de 30 milliards d’euros.",
    "« Nous devons agir vite », a déclaré la ministre devant les députés.",
    "Les syndicats jugent la mesure insuffisante et appellent à manifester jeudi.",
]


def _clean(*paragraphs: str, title: str | None = None, sep: str = "\n\n") -> Cleaned:
    return clean(ParsedDoc(title, sep.join(paragraphs)))


def _kinds(c: Cleaned) -> dict[str, str]:
    return {r.text: r.kind for r in c.removed}


def _assert_body_kept(c: Cleaned) -> None:
    for sentence in BODY:
        assert sentence in c.text


# -- paragraphs ------------------------------------------------------------------------------


def test_paragraph_offsets_and_join() -> None:
    c = _clean(*BODY, title="Titre")
    assert c.text == "\n\n".join(BODY)
    assert [c.text[a:b] for a, b in c.paragraphs] == BODY


def test_single_newline_files_give_one_paragraph_per_line() -> None:
    c = _clean(*BODY, title="Titre", sep="\n")
    assert [c.text[a:b] for a, b in c.paragraphs] == BODY


def test_lines_inside_a_block_stay_together() -> None:
    c = _clean(BODY[0] + "\n" + BODY[1], BODY[2], title="Titre")
    assert [c.text[a:b] for a, b in c.paragraphs] == [BODY[0] + "\n" + BODY[1], BODY[2]]


# -- boilerplate -----------------------------------------------------------------------------


def test_navigation_crumb_and_headline_after_it() -> None:
    c = _clean("Accueil Économie Le plan de relance…", "Le plan de relance enfin dévoilé", *BODY)
    assert c.title == "Le plan de relance enfin dévoilé"
    assert not c.title_derived
    assert _kinds(c)["Accueil Économie Le plan de relance…"] == "navigation"
    assert c.text == "\n\n".join(BODY)


def test_separator_crumb() -> None:
    c = _clean("Monde › Europe › Allemagne", *BODY, title="T")
    assert _kinds(c) == {"Monde › Europe › Allemagne": "navigation"}


def test_truncated_teaser_repeating_the_text() -> None:
    teaser = "Le gouvernement a présenté mardi un plan de relance de 30 milliards..."
    c = _clean(teaser, *BODY, title="T")
    assert _kinds(c)[teaser] == "teaser"
    _assert_body_kept(c)


def test_ellipsis_in_the_body_is_kept() -> None:
    line = "Il a hésité, puis s’est tu... Personne n’a compris pourquoi il attendait..."
    c = _clean(BODY[0], line, BODY[1], title="T")
    assert line in c.text


def test_share_counters() -> None:
    c = _clean(BODY[0], "85\n0", "Partager | Tweeter | Facebook", BODY[1], BODY[2], title="T")
    kinds = _kinds(c)
    assert kinds["85"] == kinds["0"] == kinds["Partager | Tweeter | Facebook"] == "share"
    assert c.text == "\n\n".join(BODY)


@pytest.mark.parametrize(
    "line",
    [
        "Lire aussi : La réforme des retraites adoptée",
        "À lire aussi : Les syndicats divisés",
        "A lire aussi Les chiffres du chômage",
        "LIRE AUSSI. Le budget 2022 en débat",
        "Sur le même sujet : notre dossier",
    ],
)
def test_read_also_teasers(line: str) -> None:
    c = _clean(BODY[0], line, BODY[1], BODY[2], title="T")
    assert _kinds(c) == {line: "teaser"}
    _assert_body_kept(c)


def test_teaser_glued_to_a_body_line_goes_alone() -> None:
    c = _clean(BODY[0], "Lire aussi : Autre chose\nsource : AFP TV", BODY[1], title="T")
    assert "Lire aussi" not in c.text
    assert "source : AFP TV" in c.text


def test_previous_next_article() -> None:
    nav = "Article précédentLa suite du feuilleton\nArticle suivant Autre titre"
    c = _clean(*BODY, nav, title="T")
    assert set(_kinds(c).values()) == {"navigation"}
    assert c.text == "\n\n".join(BODY)


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        ("Abonnez-vous pour lire la suite", "subscription"),
        ("Inscrivez-vous à la newsletter", "subscription"),
        ("Recevez gratuitement notre newsletter chaque matin", "subscription"),
        ("Cet article est réservé aux abonnés.", "subscription"),
        (
            "Nous utilisons des cookies pour améliorer votre navigation. Accepter les cookies",
            "cookie",
        ),
        ("© Le Journal 2021 – Tous droits réservés", "copyright"),
    ],
)
def test_cookie_subscription_copyright(line: str, kind: str) -> None:
    c = _clean(BODY[0], line, BODY[1], BODY[2], title="T")
    assert _kinds(c) == {line: kind}


def test_a_sentence_about_cookies_or_subscribers_stays() -> None:
    line = "Les abonnés du réseau ont reçu des cookies en cadeau, raconte la boulangère."
    c = _clean(BODY[0], line, title="T")
    assert line in c.text


@pytest.mark.parametrize(
    "bio",
    [
        "Marie Dupont est journaliste au service politique depuis 2015.",
        "32 ans, passionnée de politique internationale et de cinéma.",
        "Rédactrice web depuis dix ans, j’écris sur l’économie et le sport.",
        "Fan de football, j'aime aussi la cuisine et je rédige vite.",
        "Coffee lover. Proud dad. Writer of things about the world.",
        "« Certified thinker. Devoted reader. Lifelong troublemaker. »",
    ],
)
def test_author_bios_at_the_end(bio: str) -> None:
    c = _clean(*BODY, bio, title="T")
    assert _kinds(c) == {bio: "bio"}
    assert c.text == "\n\n".join(BODY)


def test_bio_like_line_in_the_middle_stays() -> None:
    line = "Marie Dupont est journaliste au service politique depuis 2015."
    c = _clean(BODY[0], line, BODY[1], BODY[2], title="T")
    assert line in c.text


def test_final_french_quote_in_first_person_stays() -> None:
    quote = "« J’aime mon pays et je me battrai pour lui », a conclu le candidat."
    c = _clean(*BODY, quote, title="T")
    assert quote in c.text


def test_bylines() -> None:
    c = _clean("Par Jean-Pierre Martin", *BODY, title="T")
    assert _kinds(c) == {"Par Jean-Pierre Martin": "byline"}
    c = _clean("Par ailleurs, la ministre a précisé le calendrier.", *BODY, title="T")
    assert c.removed == []


def test_agency_credit_fragment_at_the_end_of_a_paragraph() -> None:
    c = _clean(BODY[0] + " – Presse.", BODY[1], title="T")
    assert c.text.startswith(BODY[0] + "\n\n")
    assert _kinds(c) == {"– Presse.": "credit"}


def test_live_blog_labels_stay() -> None:
    updates = ["UPDATE 7: Le vote aura lieu demain.", "MISE À JOUR 6Le président a parlé."]
    c = _clean(*updates, *BODY, title="T")
    assert c.text.startswith("\n\n".join(updates))


# -- headline --------------------------------------------------------------------------------


def test_format_title_wins_and_duplicate_first_paragraph_goes() -> None:
    c = _clean("Le plan de relance", *BODY, title="Le plan de relance")
    assert c.title == "Le plan de relance" and c.text == "\n\n".join(BODY)


def test_page_title_with_the_site_name_gives_way_to_the_headline() -> None:
    head = "Réforme des retraites : les syndicats dénoncent un « passage en force »"
    c = _clean(head, *BODY, title=head + " | Le Journal du Centre")
    assert c.title == head and c.text == "\n\n".join(BODY)
    c = _clean("Grève", *BODY, title="Grève - Le Journal")  # not a prefix of a headline: kept
    assert c.title == "Grève - Le Journal"


def test_title_case_first_line_is_the_headline() -> None:
    c = _clean("Le Gouvernement Dévoile Un Plan De Relance Massif", *BODY, sep="\n")
    assert c.title == "Le Gouvernement Dévoile Un Plan De Relance Massif"
    assert not c.title_derived
    assert c.text == "\n\n".join(BODY)


def test_short_unpunctuated_first_paragraph_is_the_headline() -> None:
    c = _clean("Plan de relance : ce qui change pour vous", *BODY)
    assert c.title == "Plan de relance : ce qui change pour vous"
    assert c.text == "\n\n".join(BODY)


def test_headline_loses_a_glued_live_label() -> None:
    c = _clean("Accueil Politique", "Le vote du budget en direct UPDATE", *BODY)
    assert c.title == "Le vote du budget en direct"
    assert _kinds(c)["UPDATE"] == "label"


def test_derived_title_from_the_lede() -> None:
    c = _clean(*BODY)
    assert c.title_derived
    assert c.title == "Le gouvernement a présenté mardi un plan de relance de 30 milliards d’euros"
    assert c.text == "\n\n".join(BODY)  # the lede stays in the text


def test_derive_title_cuts_long_sentences_and_skips_abbreviations() -> None:
    lede = "M. Biden a parlé " + "très longuement " * 12 + "avec son homologue. Puis il est parti."
    title = derive_title(lede)
    assert title.startswith("M. Biden a parlé très") and title.endswith("…")
    assert len(title) <= 111 and "  " not in title
    assert derive_title("MOSCOU (REUTERS) - Le Kremlin a parlé. Ensuite.") == "Le Kremlin a parlé"


# -- characters ------------------------------------------------------------------------------


def test_control_and_bidi_characters_removed_source_characters_kept() -> None:
    c = _clean(
        "Il a dit\x1b[2J : «\xa0l’été\u202e\x00 » [bold]gras[/] [@click=app.quit]x[/]",
        title="Ti\x1b]0;pwn\x07tre",
    )
    assert c.text == "Il a dit[2J : «\xa0l’été » [bold]gras[/] [@click=app.quit]x[/]"
    assert c.title == "Ti]0;pwntre"


def test_not_french() -> None:
    assert not_french("I love writing about the news of the world.")
    assert not not_french("Le président a parlé à la presse.")
    assert not not_french("Boris Johnson, Emmanuel Macron, Olaf Scholz, Mario Draghi")


# -- the bundled seeds -----------------------------------------------------------------------


def _seed(prefix: str) -> Cleaned:
    (path,) = SEEDS.glob(f"{prefix}_*.txt")
    (doc,) = parse(path.read_text(encoding="utf-8"), ".txt", path.name)
    return clean(doc)


def test_seed_headlines() -> None:
    s002 = _seed("002")
    assert s002.title.startswith("La discussion cruciale entre Joe Biden et Vladimir Poutine")
    assert not s002.title_derived
    s004 = _seed("004")
    assert s004.title.startswith("Il Y A De Sérieuses Différences, Le Kremlin Dit Que")
    assert not s004.title_derived
    assert s004.text.startswith("MOSCOU (REUTERS) - Le président russe")
    for prefix, start in [
        ("000", "Les pourparlers virtuels entre Joe Biden"),
        ("001", "La discussion par vidéoconférence a duré"),
        ("003", "La conversation téléphonique entre les deux chefs"),
    ]:
        c = _seed(prefix)
        assert c.title_derived and c.title.startswith(start) and len(c.title) <= 111
        assert c.text.startswith(start)


def test_seed_dates() -> None:
    assert _seed("000").date == "2021-12"
    assert _seed("001").date == "2021-12"
    assert "date 2021-12" not in _seed("000").text


def test_seed_boilerplate_removed() -> None:
    s002 = _seed("002")
    for junk in [
        "Accueil Internationales",
        "85\n0",
        "Lire aussi",
        "Article précédent",
        "Article suivant",
        "25 ans et depuis 3 ans",
        "Fan de Rugby",
    ]:
        assert junk not in s002.text
    assert not any(p == "0" or p == "85" for p in s002.text.split("\n\n"))
    s003 = _seed("003")
    assert "Certified introvert" not in s003.text
    assert "– Presse." not in s003.text


def test_seed_bodies_kept() -> None:
    s002 = _seed("002")
    for sentence in [
        "UPDATE 7: La Finlande s’apprête à ajouter des avions de combat F-35",
        "MISE À JOUR 6Le président Biden a averti le président russe Vladimir Poutine",
        "source : Twitter",
        "Nouvelles originalesLe président américain Joe Biden",
        "«\xa0Bonjour, Monsieur le Président, bienvenue\xa0», ont été les premiers mots",
        "M. Biden s’est entretenu lundi avec les principaux alliés de l’OTAN",
    ]:
        assert sentence in s002.text
    assert "« [Possíveis sanções] Ils peuvent conduire" in _seed("003").text
    assert "selon l’agence de presse française." in _seed("003").text
    assert _seed("003").text.endswith("demandes de la Russie étaient « inacceptables ».")
    assert _seed("004").text.endswith("de nouvelles sanctions occidentales contre Moscou.")
    assert _seed("000").text.endswith("l’extraordinaire escalade des tensions en Europe.")
    assert _seed("001").text.endswith("avec le retrait chaotique d’Afghanistan.")
    s001 = _seed("001")
    assert "\n\nBiden dans la « Situation Room »\n\n" in s001.text  # subheads stay


def test_seed_paragraphs_are_valid_offsets() -> None:
    for prefix in ["000", "001", "002", "003", "004"]:
        c = _seed(prefix)
        assert c.paragraphs[0][0] == 0 and c.paragraphs[-1][1] == len(c.text)
        for start, end in c.paragraphs:
            para = c.text[start:end]
            assert para and para == para.strip() and "\n\n" not in para
    assert len(_seed("003").paragraphs) == 13
    assert len(_seed("004").paragraphs) == 13


def test_short_french_closing_sentence_is_not_taken_for_a_bio() -> None:
    c = _clean(
        "Le ministre a présenté le budget mardi devant les députés réunis en séance.",
        "Les syndicats ont dénoncé des coupes dans la santé.",
        "Angela Merkel a réagi.",
    )
    assert c.text.endswith("Angela Merkel a réagi.")
    assert not any(r.kind == "bio" for r in c.removed)


# -- headline shapes (issue 15, point 1) -----------------------------------------------------


@pytest.mark.parametrize(
    "headline",
    [
        "Réforme des retraites : les syndicats dénoncent un « passage en force »",
        "Faut-il craindre une nouvelle vague de grèves ?",
        "La France championne du monde !",
        "Grève à la SNCF : le trafic toujours perturbé…",
        'Le ministre promet "des mesures fortes"',
        "Le ministre promet “des mesures fortes”",
        "Ukraine : Moscou accuse Kiev de saboter les négociations",
        "« Nous ne céderons pas »",
        '"Nous ne céderons pas"',
        "“Nous ne céderons pas”",
    ],
)
@pytest.mark.parametrize("sep", ["\n\n", "\n"])
def test_headline_shapes_are_taken_as_the_title(headline: str, sep: str) -> None:
    c = _clean(headline, *BODY, sep=sep)
    assert c.title == headline
    assert not c.title_derived
    assert c.text == "\n\n".join(BODY)  # not repeated as the first paragraph


@pytest.mark.parametrize(
    "lede",
    [
        "Le ministre a dénoncé un « passage en force ».",
        "Le ministre a dénoncé un « passage en force. »",
        "Les syndicats ont prévenu :",
    ],
)
def test_a_first_sentence_is_not_a_headline(lede: str) -> None:
    c = _clean(lede, *BODY)
    assert c.title_derived
    assert c.text.startswith(lede)
