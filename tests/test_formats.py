"""Each input format → ParsedDoc."""

from __future__ import annotations

import json

import pytest

from reader.domain.formats import FormatError, parse, parse_report, split_date_line


def test_txt_date_line_followed_by_the_lede() -> None:
    (doc,) = parse(" date 2021-12 Les pourparlers ont duré.\n\nSuite.", ".txt", "a.txt")
    assert doc.date == "2021-12"
    assert doc.title is None
    assert doc.text == "Les pourparlers ont duré.\n\nSuite."
    assert doc.removed[0].kind == "date-line"


def test_txt_date_line_alone_and_absent() -> None:
    assert split_date_line("date 2022-01-15\nTexte")[:2] == ("2022-01-15", "\nTexte")
    assert split_date_line("Une date 2021-12 au milieu")[0] is None
    assert split_date_line("dates 2021-12 x")[0] is None


def test_txt_empty_raises() -> None:
    with pytest.raises(FormatError):
        parse("   \n", ".txt", "a.txt")


def test_markdown_to_plain_text() -> None:
    md = (
        "# Le *Kremlin* répond\n\n"
        "Premier **paragraphe** avec un [lien](http://example.org) et `code`.\n\n"
        "- un point\n- deux points\n\n"
        "> Une citation [sic] gardée.\n"
    )
    (doc,) = parse(md, ".md", "a.md")
    assert doc.title == "Le Kremlin répond"
    assert doc.text.split("\n\n") == [
        "Premier paragraphe avec un lien et code.",
        "un point",
        "deux points",
        "Une citation [sic] gardée.",
    ]


def test_markdown_front_matter_and_no_heading() -> None:
    md = "---\ntitle: Titre du front\ndate: 2021-12-07\nsource: Le Journal\n---\nTexte seul.\n"
    (doc,) = parse(md, ".markdown", "a.markdown")
    assert (doc.title, doc.date, doc.source, doc.text) == (
        "Titre du front",
        "2021-12-07",
        "Le Journal",
        "Texte seul.",
    )


def test_markdown_heading_later_is_not_the_title() -> None:
    (doc,) = parse("Texte d’abord.\n\n# Intertitre\n\nSuite.", ".md", "a.md")
    assert doc.title is None
    assert "Intertitre" in doc.text


PAGE = """<html><head><title>Le Kremlin répond | Le Journal</title>
<meta property="og:site_name" content="Le Journal">
<meta property="article:published_time" content="2021-12-07T10:00:00Z">
<script>alert("x")</script></head>
<body><nav><a href="/">Accueil</a> &gt; Monde</nav>
<article><h1>Le Kremlin répond</h1>
<p>Le porte-parole du Kremlin a déclaré mardi que les discussions avaient été « franches »
et qu’un nouveau sommet n’était pas exclu dans les prochains mois.</p>
<p>Les Occidentaux, eux, menacent de sanctions sévères en cas d’invasion de l’Ukraine,
une perspective que Moscou juge « inacceptable » pour sa sécurité.</p>
</article><footer>Accepter les cookies</footer></body></html>"""


def test_html_article_extraction() -> None:
    (doc,) = parse(PAGE, ".html", "a.html")
    assert doc.title == "Le Kremlin répond"
    assert doc.date == "2021-12-07"
    assert doc.source == "Le Journal"
    assert "« franches »" in doc.text and "Moscou juge" in doc.text
    assert "alert" not in doc.text and "cookies" not in doc.text
    assert "<p>" not in doc.text


def test_html_fallback_parser(monkeypatch: pytest.MonkeyPatch) -> None:
    from reader.domain import formats

    monkeypatch.setattr(formats, "_trafilatura", lambda html: None)
    html = (
        "<html><head><title>T</title><style>p{}</style></head><body>"
        "<h1>Le titre &amp; la suite</h1><p>Un <b>premier</b> paragraphe.</p>"
        "<script>var x = '<p>non</p>';</script><p>Deuxième&nbsp;paragraphe.</p></body></html>"
    )
    (doc,) = parse(html, ".htm", "a.htm")
    assert doc.title == "Le titre & la suite"
    assert doc.text.split("\n\n") == [
        "Le titre & la suite",
        "Un premier paragraphe.",
        "Deuxième\xa0paragraphe.",
    ]


def test_html_without_text_raises() -> None:
    with pytest.raises(FormatError):
        parse("<html><body><script>x()</script></body></html>", ".html", "a.html")


def test_json_object_and_list() -> None:
    obj = {"title": "Titre", "body": "Corps.", "date": "2021-12", "url": "http://x", "source": "S"}
    (doc,) = parse(json.dumps(obj), ".json", "a.json")
    assert (doc.title, doc.text, doc.date, doc.url, doc.source) == (
        "Titre",
        "Corps.",
        "2021-12",
        "http://x",
        "S",
    )
    docs = parse(json.dumps([{"text": "Un."}, {"text": ["Deux.", "Trois."]}]), ".json", "l.json")
    assert [d.text for d in docs] == ["Un.", "Deux.\n\nTrois."]
    assert docs[0].title is None


def test_json_invalid_raises() -> None:
    with pytest.raises(FormatError, match="invalid JSON"):
        parse("{not json", ".json", "a.json")
    with pytest.raises(FormatError, match="text"):
        parse('{"title": "sans corps"}', ".json", "a.json")


def test_jsonl_bad_lines_are_reported() -> None:
    lines = [
        json.dumps({"title": "A", "text": "Texte A."}),
        "{oops",
        "",
        json.dumps(["pas", "un objet"]),
        json.dumps({"title": "B", "text": "Texte B."}),
        json.dumps({"title": "C"}),
    ]
    docs, warnings = parse_report("\n".join(lines), ".jsonl", "a.jsonl")
    assert [d.title for d in docs] == ["A", "B"]
    assert warnings == [
        "line 2: invalid JSON",
        "line 4: not a JSON object",
        'line 6: no "text" or "body"',
    ]


def test_unknown_suffix() -> None:
    with pytest.raises(FormatError, match="unsupported"):
        parse("x", ".pdf", "a.pdf")
