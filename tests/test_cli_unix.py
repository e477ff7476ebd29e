"""The command line as a Unix tool (issue 15, points 2–8) on a small corpus written here: HTML
with a byline and `og:site_name`, Markdown with front matter, text with a French dateline."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from reader import cli
from reader.cli import build_parsers, main

HTML = """<html><head><title>Grève - Le Courrier du Rhône</title>
<meta property="og:site_name" content="Le Courrier du Rhône">
<meta name="author" content="Marie Dupont">
</head><body><nav><a href="/">Accueil</a> › <a href="/social">Social</a></nav><article>
<h1>Réforme des retraites : les syndicats dénoncent un « passage en force »</h1>
<p>Par Marie Dupont, publié le 14 mars 2024 à 10h32</p>
<figure><figcaption>Des manifestants à Lyon. © AFP / Jean Dupont</figcaption></figure>
<p>Laurent Brun, secrétaire général de la CGT cheminots, a dénoncé mardi à Lyon un passage en
force du gouvernement sur la réforme des retraites.</p>
<p>La grève doit se poursuivre jeudi dans les gares de la région, selon le syndicat.</p>
</article></body></html>
"""
MARKDOWN = """---
title: La grève reconduite à la SNCF
authors:
  - Jean Martin
  - Léa Petit
date: 2024-03-15
site_name: Le Journal de Saône
---

Sophie Brun, porte-parole de la SNCF, a confirmé vendredi à Mâcon que la grève serait reconduite.

Laurent Brun a appelé les cheminots à rejoindre le mouvement dans toute la France.
"""
TEXT = """Sophie Binet reçue à Matignon : « Nous ne céderons pas »

Par Paul Durand

Le 7 décembre 2021 à 18h02

Sophie Binet, secrétaire générale de la CGT, a été reçue mardi à Matignon par Élisabeth Borne.

La grève générale reste possible, a prévenu la syndicaliste à sa sortie.
"""


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """(corpus folder, index folder), indexed once."""
    from reader.domain import pipeline

    root = tmp_path_factory.mktemp("unix")
    folder = root / "corpus"
    folder.mkdir()
    (folder / "greve-lyon.html").write_text(HTML, encoding="utf-8")
    (folder / "greve-sncf.md").write_text(MARKDOWN, encoding="utf-8")
    (folder / "binet-matignon.txt").write_text(TEXT, encoding="utf-8")
    index = root / "index"
    pipeline.update([folder], index)
    return folder, index


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def _args(corpus: tuple[Path, Path]) -> list[str]:
    return [str(corpus[0]), "--index-dir", str(corpus[1])]


# -- metadata in the export (point 2) --------------------------------------------------------


def test_export_has_authors_full_dates_and_outlets(
    capsys: pytest.CaptureFixture[str], corpus: tuple[Path, Path]
) -> None:
    code, out, _ = run(capsys, "export", *_args(corpus))
    assert code == 0
    records = {r["id"]: r for r in map(json.loads, out.splitlines())}
    html, md, txt = records["greve-lyon"], records["greve-sncf"], records["binet-matignon"]
    assert html["title"] == (
        "Réforme des retraites : les syndicats dénoncent un « passage en force »"
    )
    assert (html["author"], html["date"], html["source"]) == (
        ["Marie Dupont"],
        "2024-03-14",
        "Le Courrier du Rhône",
    )
    assert (md["author"], md["date"], md["source"]) == (
        ["Jean Martin", "Léa Petit"],
        "2024-03-15",
        "Le Journal de Saône",
    )
    assert txt["title"] == "Sophie Binet reçue à Matignon : « Nous ne céderons pas »"
    assert not txt["title_derived"]
    assert (txt["author"], txt["date"], txt["source"]) == (["Paul Durand"], "2021-12-07", None)
    assert not txt["text"].startswith("Sophie Binet reçue")
    assert {"byline", "dateline"} <= {r["kind"] for r in txt["removed"]}
    for record in records.values():
        assert "Jean Dupont" not in record["text"]  # the photo credit is not text
        assert all(m["text"] != "Jean Dupont" for m in record["mentions"])


def test_library_headers_carry_authors(corpus: tuple[Path, Path]) -> None:
    from reader.domain import pipeline

    library = pipeline.open_library([corpus[0]], corpus[1])
    try:
        assert library.info("greve-sncf").author == ("Jean Martin", "Léa Petit")
        assert library.order()[0] == "binet-matignon"  # 2021 before 2024
    finally:
        library.close()


# -- piped output (point 4) ------------------------------------------------------------------


def test_piped_search_is_tab_separated(
    capsys: pytest.CaptureFixture[str], corpus: tuple[Path, Path]
) -> None:
    code, out, _ = run(capsys, "search", "grève", *_args(corpus))
    assert code == 0
    lines = out.splitlines()
    assert len(lines) == 3
    for line in lines:
        article, score, title, snippet = line.split("\t")
        assert article in {"greve-lyon", "greve-sncf", "binet-matignon"}
        assert float(score) > 0 and title and "grève" in snippet.lower()
    assert not any(c in out for c in "│┃━─╭\x1b")


def test_piped_entities_and_xref_are_tab_separated(
    capsys: pytest.CaptureFixture[str], corpus: tuple[Path, Path]
) -> None:
    code, out, _ = run(capsys, "entities", *_args(corpus))
    assert code == 0
    rows = [line.split("\t") for line in out.splitlines()]
    assert rows and all(len(r) == 6 for r in rows)
    ids = {r[0] for r in rows}
    assert "laurent-brun" in ids  # full ids, never cut
    code, out, _ = run(capsys, "xref", "--entity", "laurent-brun", *_args(corpus))
    assert code == 0
    mentions = [line.split("\t") for line in out.splitlines()]
    assert {m[0] for m in mentions} == {"greve-lyon", "greve-sncf"}
    assert all(m[3] == "Laurent Brun" and int(m[1]) < int(m[2]) for m in mentions)
    code, out, _ = run(capsys, "xref", "--article", "greve-lyon", *_args(corpus))
    assert code == 0
    assert out.splitlines()[0].split("\t")[0] == "greve-sncf"


def test_no_results_piped_prints_nothing_on_stdout(
    capsys: pytest.CaptureFixture[str], corpus: tuple[Path, Path]
) -> None:
    code, out, err = run(capsys, "search", "xylophone", *_args(corpus))
    assert code == 0 and out == "" and "no results" in err


def test_tables_on_a_terminal(
    capsys: pytest.CaptureFixture[str], corpus: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(cli, "is_terminal", lambda out=None: True)
    code, out, _ = run(capsys, "entities", *_args(corpus))
    assert code == 0 and ("━" in out or "─" in out)
    assert "laurent-brun" in out


# -- options anywhere, errors (points 5, 6) --------------------------------------------------


def test_options_anywhere(capsys: pytest.CaptureFixture[str], corpus: tuple[Path, Path]) -> None:
    folder, index = corpus
    code, out, _ = run(capsys, "search", "grève", "--json", str(folder), "--index-dir", str(index))
    assert code == 0 and json.loads(out)["total"] == 3
    code, out, _ = run(capsys, "--index-dir", str(index), "entities", str(folder), "--json")
    assert code == 0 and any(e["id"] == "laurent-brun" for e in json.loads(out))


def test_search_without_query_says_query(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "search")
    assert code == 2 and "QUERY" in err and "PATH is required" not in err


def test_mistyped_command_is_suggested(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "serch", "foo")
    assert code == 2 and "did you mean 'reader search'" in err


def test_unclosed_quote_is_a_usage_error(
    capsys: pytest.CaptureFixture[str], corpus: tuple[Path, Path]
) -> None:
    code, out, err = run(capsys, "search", '"unclosed', *_args(corpus))
    assert code == 2 and out == "" and "unclosed quote" in err


# -- ids (point 7) ---------------------------------------------------------------------------


@pytest.mark.parametrize("typed", ["greve-lyon", "greve-l", "corpus/greve-lyon.html"])
def test_article_by_id_prefix_or_path(
    capsys: pytest.CaptureFixture[str],
    corpus: tuple[Path, Path],
    monkeypatch: pytest.MonkeyPatch,
    typed: str,
) -> None:
    monkeypatch.chdir(corpus[0].parent)
    code, out, err = run(capsys, "xref", "--article", typed, "--json", *_args(corpus))
    assert code == 0, err
    assert json.loads(out)["article"] == "greve-lyon"


def test_ambiguous_article_prefix(
    capsys: pytest.CaptureFixture[str], corpus: tuple[Path, Path]
) -> None:
    code, _, err = run(capsys, "xref", "--article", "greve", *_args(corpus))
    assert code == 2 and "several" in err and "greve-lyon" in err and "greve-sncf" in err


@pytest.mark.parametrize(
    ("typed", "entity"), [("Binet", "sophie-binet"), ("laurent", "laurent-brun")]
)
def test_entity_by_part_of_its_name(
    capsys: pytest.CaptureFixture[str], corpus: tuple[Path, Path], typed: str, entity: str
) -> None:
    code, out, err = run(capsys, "xref", "--entity", typed, "--json", *_args(corpus))
    assert code == 0, err
    assert json.loads(out)["entity"]["id"] == entity


def test_entity_did_you_mean(capsys: pytest.CaptureFixture[str], corpus: tuple[Path, Path]) -> None:
    code, _, err = run(capsys, "xref", "--entity", "Brun", *_args(corpus))
    assert code == 2 and "several" in err and "laurent-brun" in err and "sophie-brun" in err
    code, _, err = run(capsys, "xref", "--entity", "Laurent Bruno", *_args(corpus))
    assert code == 2 and "did you mean" in err and "laurent-brun" in err


# -- help (point 8) --------------------------------------------------------------------------


def test_help_says_where_things_live_and_how_to_correct(
    capsys: pytest.CaptureFixture[str],
) -> None:
    with pytest.raises(SystemExit):
        main(["--help"])
    out = capsys.readouterr().out
    assert "index" in out and "state" in out and "corrections" in out
    assert "merge Poutine into vladimir-poutine" in out


def test_no_help_mentions_spec() -> None:
    top, subs = build_parsers()
    for parser in (top, *subs.values()):
        assert "SPEC" not in parser.format_help()
