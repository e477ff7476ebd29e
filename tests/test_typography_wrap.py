"""French typography when wrapping: the article view, Rich (tables, compare view, CLI) and
Textual (`Static`, `OptionList`: the panel and search snippets) never break at the space before
`» : ; ! ?` or after `«`, and show the original characters."""

from __future__ import annotations

import itertools
import re
from pathlib import Path

import pytest
from rich.console import Console
from rich.table import Table
from rich.text import Text

from reader.domain.corpus import load_corpus
from reader.domain.model import Article
from reader.domain.typography import can_break_at, protected_spaces, wrap_key
from reader.ui.layout import layout_article, wrap_offsets
from reader.ui.wrapping import divide_line, install

SEEDS = Path(__file__).resolve().parents[1] / "seeds"
WIDTHS = range(20, 141)
OPENERS = tuple("»:;!?")
_WS = re.compile(r"\s+")


@pytest.fixture(scope="module")
def seed_articles() -> list[Article]:
    articles = load_corpus([SEEDS]).articles
    assert len(articles) == 5
    return articles


def _paragraphs(article: Article) -> list[str]:
    return [p for p in article.text.split("\n") if p.strip()] + [article.title]


def _bad_lines(lines: list[str]) -> list[str]:
    """Lines (after the first) that start with punctuation of the previous word, or lines
    that end with an opening guillemet."""
    bad = [f"starts: {line!r}" for line in lines[1:] if line.lstrip().startswith(OPENERS)]
    bad += [f"ends: {line!r}" for line in lines[:-1] if line.rstrip().endswith("«")]
    return bad


def _same_characters(original: str, lines: list[str]) -> bool:
    """The lines hold the original characters (accents, ’, no-break spaces) in order."""
    joined = "".join(lines)
    return _WS.sub("", joined) == _WS.sub("", original) and all(
        joined.count(ch) >= original.count(ch) - len(lines) for ch in "\u00a0\u202f"
    )


# -- the rule ----------------------------------------------------------------------------------
def test_wrap_key_protects_french_spaces_and_keeps_length() -> None:
    text = "Il a dit : « la tête froide », puis : vraiment ?\u00a0Oui\u202f! 10\u00a0000 €"
    key = wrap_key(text)
    assert len(key) == len(text)
    assert key == "Il a dit_: «_la tête froide_», puis_: vraiment_?_Oui_! 10_000 €"
    assert protected_spaces("« »\nmot ;") == [(1, 2), (7, 8)]
    # a newline is a real break; a space at the start of a line protects nothing
    assert wrap_key("mot\n? x") == "mot\n? x"
    assert wrap_key(" ? x") == " ? x"
    assert not can_break_at(text, text.index(" :"))
    assert not can_break_at(text, text.index(": «") + 3)
    assert can_break_at(text, text.index("vraiment"))


def test_words_longer_than_the_line_are_cut_away_from_the_guillemet() -> None:
    text = "« anticonstitutionnellement »"
    for width in range(3, 30):
        lines = [text[a:b] for a, b in wrap_offsets(text, width)]
        assert not _bad_lines(lines), (width, lines)
        assert all(len(line) <= width for line in lines)
        breaks = [0, *divide_line(text, width), len(text)]
        rich_lines = [text[a:b] for a, b in itertools.pairwise(breaks)]
        assert not _bad_lines(rich_lines), (width, rich_lines)


# -- the article view's own wrapper --------------------------------------------------------------
def test_article_view_layout_of_every_seed_at_every_width(seed_articles: list[Article]) -> None:
    for article in seed_articles:
        for width in WIDTHS:
            layout = layout_article(article, width)
            by_source: dict[tuple[str, int], list[str]] = {}
            for line in layout.lines:
                assert len(line.text) <= width
                if line.field is not None:
                    # a paragraph's lines share a source; group them by paragraph
                    para = line.source.rfind("\n", 0, line.start)
                    by_source.setdefault((line.field, para), []).append(line.text)
            for lines in by_source.values():
                assert not _bad_lines(lines), (article.id, width, _bad_lines(lines))
            text_lines = [line.text for line in layout.lines if line.field == "text"]
            assert _same_characters("".join(p for p in article.text.split("\n")), text_lines), (
                article.id,
                width,
            )


def test_seeds_hold_the_cases_this_guards(seed_articles: list[Article]) -> None:
    joined = "\n".join(a.text for a in seed_articles)
    assert " »" in joined or "\u00a0»" in joined
    assert "« " in joined or "«\u00a0" in joined
    assert "’" in joined


# -- Rich (tables, compare view, CLI) ---------------------------------------------------------
def test_rich_text_wrap_of_every_seed(seed_articles: list[Article]) -> None:
    install()
    for article in seed_articles:
        for para in _paragraphs(article):
            for width in range(20, 141, 7):
                console = Console(width=width, color_system=None, legacy_windows=False)
                lines = [line.plain for line in Text(para).wrap(console, width)]
                assert not _bad_lines(lines), (article.id, width, _bad_lines(lines))
                assert _same_characters(para, lines)


def test_rich_table_cells_wrap_by_french_typography(seed_articles: list[Article]) -> None:
    install()
    para = " ".join(p for a in seed_articles for p in _paragraphs(a) if "«" in p)
    for width in range(40, 121, 4):
        table = Table(show_header=False, box=None, padding=0)
        table.add_column("a", ratio=1)
        table.add_column("b", ratio=1)
        table.add_row(Text(para), Text(para))
        console = Console(width=width, color_system=None, record=True, legacy_windows=False)
        console.print(table)
        rows = console.export_text().splitlines()
        half = width // 2
        for column in (
            [row[:half] for row in rows],
            [row[half:] for row in rows],
        ):
            assert not _bad_lines([c for c in column if c.strip()]), (width, column)


# -- Textual (Static, OptionList: panel, search results, notices) ---------------------------------
def test_textual_content_wrap_of_every_seed(seed_articles: list[Article]) -> None:
    from textual.content import Content

    install()
    for article in seed_articles:
        for para in _paragraphs(article):
            for width in range(20, 141, 7):
                lines = [line.plain for line in Content(para).wrap(width)]
                assert not _bad_lines(lines), (article.id, width, _bad_lines(lines))
                assert _same_characters(para, lines)


def test_the_app_and_the_cli_wrap_with_it(tmp_path: Path) -> None:
    """Whatever the import order, once the app or the CLI's console exists, Rich and Textual
    look up the French-aware function."""
    import rich._wrap
    import rich.text
    import textual.content

    from reader import cli
    from reader.ui import wrapping
    from ui_fixtures import make_app

    make_app(tmp_path)
    cli._console()
    assert textual.content.divide_line is wrapping.divide_line  # type: ignore[attr-defined]
    assert rich.text.divide_line is wrapping.divide_line  # type: ignore[attr-defined]
    assert rich._wrap.divide_line is wrapping.divide_line
