"""Quotations in the reader: marked in the article, `"`/`'` walk them, the panel shows the
speaker and every article carrying the same quotation (enter jumps there), and the entity card
lists the entity's quotations."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from reader.domain.model import Article, RawMention
from reader.domain.quotes.extract import extract_quotes
from reader.ui.app import ReaderApp
from reader.ui.article_view import ArticleView
from reader.ui.layout import wrap_offsets
from reader.ui.xref_panel import XrefOptions, XrefPanel
from ui_fixtures import FakeLibrary, build_library, make_app

SIZE = (120, 40)
LIGNES = "Nous avons nos lignes rouges et nous les défendrons jusqu’au bout"


def _article(aid: str, title: str, text: str, date: str, source: str) -> Article:
    paragraphs = []
    pos = 0
    for para in text.split("\n\n"):
        paragraphs.append((pos, pos + len(para)))
        pos += len(para) + 2
    return Article(aid, f"corpus/{aid}.txt", title, text, paragraphs, date=date, source=source)


def quotes_library() -> FakeLibrary:
    """The fixture library plus two articles quoting Peskov (the same words, reprinted)."""
    extra = [
        _article(
            "q1",
            "Le Kremlin fixe ses lignes rouges",
            f"« {LIGNES} », a déclaré Dmitri Peskov lundi.\n\n"
            "Poutine doit parler à Biden jeudi, selon le Kremlin.",
            "2021-12-06",
            "Le Monde",
        ),
        _article(
            "q2",
            "Biden et Poutine se parlent",
            "Le Kremlin a durci le ton avant les pourparlers.\n\n"
            f"« {LIGNES} », a affirmé Peskov. Joe Biden a répondu : « Les États-Unis ne "
            "céderont rien sur l’Ukraine. »",
            "2021-12-08",
            "AFP",
        ),
    ]
    library = build_library(extra)
    raw = {}
    for aid, article in library.articles.items():
        mentions = [
            RawMention(m.field, m.start, m.end, m.text, m.label) for m in library.mentions[aid]
        ]
        raw[aid] = extract_quotes(article, mentions)
    library.raw_quotes = raw
    return library


def app_for(tmp_path: Path) -> ReaderApp:
    app = make_app(tmp_path, library=quotes_library())
    assert isinstance(app, ReaderApp)
    return app


async def _open(app: ReaderApp, pilot: Any, article_id: str) -> None:
    app.open_from_palette(article_id)
    app.query_one(ArticleView).focus()
    await pilot.pause()


async def test_quotes_are_marked_in_italic(tmp_path: Path) -> None:
    app = app_for(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await _open(app, pilot, "q1")
        view = app.query_one(ArticleView)
        assert [q.text for q in view.quote_marks.quotes] == [LIGNES]
        assert view._layout is not None
        line = view._layout.line_of("text", view.quote_marks.quotes[0].start)
        strip = view.render_line(line - int(view.scroll_y))
        italic = "".join(seg.text for seg in strip if seg.style is not None and seg.style.italic)
        assert italic.strip() and italic.strip() in LIGNES
        plain = view.render_line(0)  # the headline holds no quotation
        assert not any(seg.style is not None and seg.style.italic for seg in plain)


async def test_quote_key_selects_and_panel_shows_speaker_and_copies(tmp_path: Path) -> None:
    app = app_for(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await _open(app, pilot, "q2")
        await pilot.press("quotation_mark")
        await pilot.pause()
        view = app.query_one(ArticleView)
        assert view.quote_marks.selected == 0
        panel = app.query_one(XrefPanel)
        assert panel.quote is not None and panel.quote.speaker_entity == "Dmitri Peskov"
        targets = [t for t in panel.targets() if t.quote]
        assert [t.article for t in targets] == ["q1", "q2"]  # q1 is dated first
        await pilot.press("quotation_mark")
        await pilot.pause()
        assert view.quote_marks.selected == 1
        assert panel.quote is not None and panel.quote.speaker_entity == "Joe Biden"
        await pilot.press("apostrophe")
        await pilot.pause()
        assert view.quote_marks.selected == 0


async def test_enter_on_a_copy_jumps_to_the_same_quote_elsewhere(tmp_path: Path) -> None:
    app = app_for(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await _open(app, pilot, "q2")
        await pilot.press("quotation_mark")
        await pilot.pause()
        options = app.query_one(XrefOptions)
        options.focus()
        panel = app.query_one(XrefPanel)
        first = next(i for i, t in enumerate(panel.targets()) if t.article == "q1")
        options.highlighted = options.get_option_index(f"q{first}")
        await pilot.press("enter")
        await pilot.pause()
        assert app.current == "q1"
        view = app.query_one(ArticleView)
        assert view.quote_marks.selected is not None
        assert view.quote_marks.quotes[view.quote_marks.selected].text == LIGNES
        await pilot.press("ctrl+o")
        await pilot.pause()
        assert app.current == "q2"


async def test_entity_card_has_a_quotes_section(tmp_path: Path) -> None:
    app = app_for(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await _open(app, pilot, "q1")
        view = app.query_one(ArticleView)
        peskov = next(i for f, i, m in view.mentions() if m.entity == "Dmitri Peskov")
        view.select("text", peskov)
        await pilot.pause()
        panel = app.query_one(XrefPanel)
        assert panel.entity is not None and panel.entity.id == "Dmitri Peskov"
        quote_rows = [t for t in panel.targets() if t.quote]
        assert [t.article for t in quote_rows] == ["q1", "q2"]
        options = app.query_one(XrefOptions)
        heading = options.get_option_at_index(0).prompt
        assert "Quotes (2)" in str(heading)


async def test_no_quotes_says_so(tmp_path: Path) -> None:
    app = app_for(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await _open(app, pilot, "a2")
        await pilot.press("quotation_mark")
        await pilot.pause()
        assert app.query_one(ArticleView).quote_marks.selected is None


def test_no_line_break_inside_french_quote_marks() -> None:
    text = "mais nous avons des lignes rouges », a assuré lundi « Dmitri » Peskov : oui"
    for width in range(8, 40):
        for a, b in wrap_offsets(text, width):
            line = text[a:b]
            assert not line.startswith(("»", ":")), (width, line)
            assert not line.endswith("«"), (width, line)


@pytest.mark.parametrize("size", [(120, 40), (80, 24)], ids=lambda s: f"{s[0]}x{s[1]}")
def test_selected_quote_snapshot(snap_compare: Any, tmp_path: Path, size: tuple[int, int]) -> None:
    app = make_app(tmp_path, library=quotes_library())
    # the list opens on q1 (dated first): two down to q2, open it, select its first quotation
    press = ["j", "j", "enter", "quotation_mark"]
    if size[0] < 100:
        press.append("tab")  # narrow: the panel takes the side pane's place when focused
    assert snap_compare(app, terminal_size=size, press=press)


async def test_on_a_big_corpus_the_copies_come_from_a_worker(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import reader.ui.app_quotes as app_quotes

    monkeypatch.setattr(app_quotes, "QUOTES_WARM_MAX", 0)  # every corpus is "big"
    app = app_for(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await _open(app, pilot, "q2")
        library = app.library
        assert library is not None and not library.quote_groups_ready()
        await pilot.press("quotation_mark")
        await pilot.pause()
        panel = app.query_one(XrefPanel)
        assert panel.quote is not None and panel.quote.speaker_entity == "Dmitri Peskov"
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert library.quote_groups_ready()
        targets = [t for t in panel.targets() if t.quote]
        assert [t.article for t in targets] == ["q1", "q2"]  # the copies, once found


def test_quotations_are_grouped_at_start_only_on_a_smaller_corpus(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import reader.ui.app_loading as app_loading

    library = quotes_library()
    monkeypatch.setattr(app_loading, "QUOTES_WARM_MAX", 0)
    app_loading.LoadingMixin._warm_quotes(library)
    assert not library.quote_groups_ready()
    monkeypatch.setattr(app_loading, "QUOTES_WARM_MAX", 20_000)
    app_loading.LoadingMixin._warm_quotes(library)
    assert library.quote_groups_ready()
