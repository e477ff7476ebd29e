"""Bylines, datelines, photo captions and credits (issue 12 class 1, issue 15 point 2): set
aside as boilerplate, their facts (authors, date, outlet) kept — on articles written here."""

from __future__ import annotations

import json

import pytest

from reader.domain.bylines import classify_line, wire_source
from reader.domain.cleaning import Cleaned, clean
from reader.domain.formats import ParsedDoc, parse
from reader.domain.metadata import best_date, parse_date, split_authors

HEAD = "Les syndicats appellent à une nouvelle journée de grève jeudi"
BODY = [
    "Les syndicats ont dénoncé mardi un « passage en force » du gouvernement sur la réforme.",
    "« C’est un déni de démocratie », a déclaré Sophie Binet à la sortie de la réunion.",
    "Une nouvelle journée de mobilisation est prévue jeudi à Lyon, Marseille et Toulouse.",
]


def _clean(*paragraphs: str, title: str | None = HEAD, **meta: object) -> Cleaned:
    return clean(ParsedDoc(title, "\n\n".join(paragraphs), **meta))  # type: ignore[arg-type]


def _kinds(c: Cleaned) -> dict[str, str]:
    return {r.text: r.kind for r in c.removed}


# -- bylines ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "authors"),
    [
        ("Par Marie Martin", ["Marie Martin"]),
        ("Par Marie Martin, à Lyon", ["Marie Martin"]),
        ("Par Marie Martin et Jean Dupont", ["Marie Martin", "Jean Dupont"]),
        ("PAR MARIE MARTIN (AFP)", ["Marie Martin"]),
        ("Par Jean-Pierre de La Tour, envoyé spécial à Kiev", ["Jean-Pierre de La Tour"]),
        (
            "Par Marie Martin, Jean Dupont et Léa Petit",
            ["Marie Martin", "Jean Dupont", "Léa Petit"],
        ),
        ("Par Le Figaro avec AFP", []),
        ("Par Marie Martin Publié le 14/03/2024 à 10h32", ["Marie Martin"]),
        ("Par Jean-Yves Le Gall", ["Jean-Yves Le Gall"]),
        ("Par Marie Martin (à Lyon)", ["Marie Martin"]),
        ("Par Jean Dupont et l’AFP", ["Jean Dupont"]),
        ("Par Marie Martin | Le Journal du Centre", ["Marie Martin"]),
        ("Par Marie Martin, journaliste", ["Marie Martin"]),
        ("Propos recueillis par Marie Martin", ["Marie Martin"]),
        ("Texte : Marie Martin", ["Marie Martin"]),
        ("Par Loïc Tournier (à Nouméa) et Anne Cazals", ["Loïc Tournier", "Anne Cazals"]),
    ],
)
def test_byline_anywhere_goes_with_its_authors_kept(line: str, authors: list[str]) -> None:
    c = _clean(BODY[0], line, BODY[1], BODY[2])
    assert _kinds(c) == {line: "byline"}
    assert c.author == authors
    assert c.text == "\n\n".join(BODY)


def test_byline_with_a_publication_date() -> None:
    c = _clean("Par Marie Dupont, publié le 14 mars 2024 à 10h32", *BODY)
    assert c.author == ["Marie Dupont"] and c.date == "2024-03-14"
    assert c.text == "\n\n".join(BODY)


@pytest.mark.parametrize(
    "sentence",
    [
        "Par ailleurs, la ministre a précisé le calendrier de la réforme.",
        "Par conséquent, la mesure est retirée du projet de loi.",
        "Par Bercy, la mesure est jugée trop coûteuse pour les finances publiques.",
        "Par Emmanuel Macron, la réforme a été imposée sans vote.",
        "Texte : le projet de loi sera examiné en commission la semaine prochaine.",
    ],
)
def test_sentences_starting_with_par_stay(sentence: str) -> None:
    c = _clean(BODY[0], sentence, BODY[1])
    assert sentence in c.text and c.removed == [] and c.author == []


# -- datelines -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "date"),
    [
        ("publié le 14 mars 2024", "2024-03-14"),
        ("Publié le 14 mars 2024 à 10h32, mis à jour le 15 mars 2024 à 8h", "2024-03-14"),
        ("Le 7 décembre 2021 à 18h02", "2021-12-07"),
        ("Publié le mardi 7 décembre 2021 à 18:02", "2021-12-07"),
        ("Mis à jour le 15/03/2024 à 18:02", "2024-03-15"),
        ("Publié le 1er déc. 2021", "2021-12-01"),
    ],
)
def test_dateline_goes_and_dates_the_article(line: str, date: str) -> None:
    c = _clean(line, *BODY)
    assert _kinds(c) == {line: "dateline"}
    assert c.date == date
    assert c.text == "\n\n".join(BODY)


def test_names_before_a_dateline_are_the_authors() -> None:
    c = _clean("Marie Martin | Publié le 14/03/2024", *BODY)
    assert c.author == ["Marie Martin"] and c.date == "2024-03-14"


def test_sentence_starting_with_a_date_stays() -> None:
    sentence = "Le 7 décembre 2021, Moscou a prévenu Washington de ne pas franchir la ligne."
    c = _clean(sentence, *BODY)
    assert c.text.startswith(sentence) and c.date is None


def test_publication_date_wins_over_an_update() -> None:
    c = _clean("Mis à jour le 20 mars 2024", BODY[0], "Publié le 14 mars 2024", *BODY[1:])
    assert c.date == "2024-03-14"


def test_format_date_first_refined_by_the_text_in_the_same_month() -> None:
    assert _clean("Le 7 décembre 2021 à 18h02", *BODY, date="2021-12").date == "2021-12-07"
    assert _clean("Le 7 décembre 2021 à 18h02", *BODY, date="2022-01").date == "2022-01"
    assert _clean(*BODY, date="2021-12").date == "2021-12"
    assert _clean(*BODY).date is None


# -- captions and credits --------------------------------------------------------------------


@pytest.mark.parametrize(
    "line",
    [
        "© AFP / Jean Dupont",
        "(Photo : Reuters)",
        "Photo : Icon Sport",
        "LP/Arnaud Journois",
        "REUTERS/Gleb Garanich",
        "Ludovic Marin / AFP",
        "ABACAPRESS.COM",
        "Photo AFP",
        "Crédit photo : Hans Lucas",
        "Photo d’illustration : AFP",
        "Source : AFP",
        "Photo d’archives La Montagne",
    ],
)
def test_credit_line_goes(line: str) -> None:
    c = _clean(BODY[0], line, BODY[1], BODY[2])
    assert _kinds(c) == {line: "credit"}
    assert c.text == "\n\n".join(BODY)


@pytest.mark.parametrize(
    "caption",
    [
        "Des manifestants à Paris, le 13 mars 2024. © AFP / Jean Dupont",
        "Le ministre à l’Élysée, le 14 mars 2024. LP/Arnaud Journois",
        "La ministre devant les députés (Photo : Reuters)",
        "Sophie Binet, le 7 mars. Ludovic Marin / AFP",
        "La salle d’audience du palais de justice. Photo d’archives La Montagne",
    ],
)
def test_caption_ending_in_a_credit_goes(caption: str) -> None:
    c = _clean(BODY[0], caption, BODY[1], BODY[2])
    assert _kinds(c) == {caption: "caption"}
    assert c.text == "\n\n".join(BODY)


def test_photo_credit_inside_a_line_goes_alone() -> None:
    c = _clean("La ministre (Photo : Reuters) a défendu son texte devant les députés.", *BODY)
    assert c.text.startswith("La ministre a défendu son texte")
    assert _kinds(c) == {"(Photo : Reuters)": "credit"}


@pytest.mark.parametrize(
    "sentence",
    [
        "Les annonces sont sur www.leboncoin.fr.",
        "Le Kremlin a répondu dans la soirée (AFP).",
        "Il roulait à 50 km/h.",
        "Le trafic SNCF/RATP reste perturbé ce mardi.",
        "Le chômage a encore baissé au troisième trimestre. Source : AFP",
        "Selon le site warisboring.com, l’avion est prêt. Le Pentagone confirme. warisboring.com.",
    ],
)
def test_text_that_looks_like_a_credit_stays(sentence: str) -> None:
    c = _clean(BODY[0], sentence)
    assert sentence in c.text


# -- outlet ----------------------------------------------------------------------------------


def test_wire_credit_at_the_start_gives_the_outlet_and_stays() -> None:
    lede = "MOSCOU (REUTERS) - Le Kremlin a confirmé dimanche la tenue d’un sommet."
    c = _clean(lede, *BODY)
    assert c.source == "Reuters" and c.text.startswith(lede)
    assert _clean("Paris (AFP) – La grève continue ce jeudi dans les transports.").source == "AFP"
    assert _clean(lede, *BODY, source="Le Monde").source == "Le Monde"
    assert wire_source("Le président a parlé (AFP) - hier.") is None
    assert _clean(*BODY).source is None


def test_outlet_credit_gives_the_outlet_and_the_date() -> None:
    line = "Le Parisien avec AFP | Publié le 20/02/2025 à 08h12 , mis à jour à 10h47"
    c = _clean(line, *BODY)
    assert _kinds(c) == {line: "credit"}
    assert (c.source, c.date, c.author) == ("Le Parisien", "2025-02-20", [])
    c = _clean("Par Le Figaro avec AFP", *BODY)
    assert (c.source, c.author) == ("Le Figaro", [])
    assert _clean("Le Parisien avec AFP", *BODY, source="leparisien.fr").source == "leparisien.fr"


def test_wire_dateline_gives_outlet_and_date_and_stays() -> None:
    lede = "PARIS, 17 juin 2025 (AFP) - La Banque de France a revu sa prévision de croissance."
    c = _clean(lede, *BODY, title=None)
    assert (c.source, c.date) == ("AFP", "2025-06-17")
    assert c.text.startswith(lede)
    assert c.title_derived and c.title.startswith("La Banque de France a revu")
    c = _clean("(AFP) - Une équipe de glaciologues a extrait une carotte record.", title=None)
    assert c.source == "AFP" and c.title.startswith("Une équipe de glaciologues")


# -- formats ---------------------------------------------------------------------------------

HTML = """<html><head><title>Grève - Le Journal du Centre</title>
<meta property="og:site_name" content="Le Journal du Centre">
<meta name="author" content="Marie Dupont; Jean Martin">
</head><body><nav><a href="/">Accueil</a> › <a href="/p">Politique</a></nav><article>
<h1>Réforme des retraites : les syndicats dénoncent un « passage en force »</h1>
<p>Par Marie Dupont et Jean Martin, publié le 14 mars 2024 à 10h32</p>
<figure><figcaption>Des manifestants à Paris. © AFP / Jean Dupont</figcaption></figure>
<p>{0}</p><p>{1}</p><p>{2}</p></article><footer>© Le Journal du Centre</footer></body></html>
"""


def test_html_byline_and_site_name() -> None:
    (doc,) = parse(HTML.format(*BODY), ".html", "a.html")
    c = clean(doc)
    assert c.title == "Réforme des retraites : les syndicats dénoncent un « passage en force »"
    assert c.author == ["Marie Dupont", "Jean Martin"]
    assert c.source == "Le Journal du Centre"
    assert c.date == "2024-03-14"
    assert "Jean Dupont" not in c.text and "Par Marie" not in c.text
    for sentence in BODY:
        assert sentence in c.text


def test_markdown_front_matter_metadata() -> None:
    md = (
        "---\ntitle: Grève reconduite\nauthors:\n  - Marie Martin\n  - Jean Dupont\n"
        "date: 2024-03-14T10:32:00+01:00\nsite_name: Le Courrier\n---\n\n" + "\n\n".join(BODY)
    )
    c = clean(parse(md, ".md", "a.md")[0])
    assert c.title == "Grève reconduite"
    assert c.author == ["Marie Martin", "Jean Dupont"]
    assert c.date == "2024-03-14" and c.source == "Le Courrier"
    md = "---\nauthor: [Marie Martin, Jean Dupont]\ndate: 2024-03\n---\n\n# Titre\n\n" + BODY[0]
    c = clean(parse(md, ".md", "a.md")[0])
    assert c.author == ["Marie Martin", "Jean Dupont"] and c.date == "2024-03"


def test_text_file_with_a_french_dateline() -> None:
    txt = HEAD + "\n\nPar Léa Petit\n\nLe 7 décembre 2021 à 18h02\n\n" + "\n\n".join(BODY)
    c = clean(parse(txt, ".txt", "a.txt")[0])
    assert c.title == HEAD and c.author == ["Léa Petit"] and c.date == "2021-12-07"
    assert c.text == "\n\n".join(BODY)


def test_json_fields() -> None:
    obj = json.dumps(
        {
            "title": "T",
            "text": BODY[0],
            "author": [{"name": "Marie Martin"}, "Jean Dupont"],
            "publishedAt": "2024-03-14T10:00:00Z",
            "source": {"id": "x", "name": "Le Monde"},
        }
    )
    c = clean(parse(obj, ".json", "a.json")[0])
    assert c.author == ["Marie Martin", "Jean Dupont"]
    assert c.date == "2024-03-14" and c.source == "Le Monde"


# -- the helpers -----------------------------------------------------------------------------


def test_parse_date_and_precision() -> None:
    assert parse_date("14 mars 2024") == "2024-03-14"
    assert parse_date("2021-12") == "2021-12"
    assert parse_date("décembre 2021") == "2021-12"
    assert parse_date("31/12/2021") == "2021-12-31"
    assert parse_date("hier") is None and parse_date("2021-13-01") is None
    assert sorted(["2021-12-07", "2021-12", "2021-11-30", "2021-12-08"]) == [
        "2021-11-30",
        "2021-12",
        "2021-12-07",
        "2021-12-08",
    ]
    assert best_date(None, ["2024-03-14"]) == "2024-03-14"


def test_split_authors() -> None:
    assert split_authors("Marie Martin et Jean Dupont") == ["Marie Martin", "Jean Dupont"]
    assert split_authors("https://example.org/marie") == []
    assert split_authors(["MARIE MARTIN", "Marie Martin"]) == ["Marie Martin"]


def test_classify_line_leaves_body_lines_alone() -> None:
    for line in BODY:
        assert classify_line(line) is None
