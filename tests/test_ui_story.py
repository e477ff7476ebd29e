"""Pilot tests: what is new to the person (dimmed passages, `new %`, the sort) and the
timeline (order, undated apart, first appearances, enter opens)."""

from __future__ import annotations

from pathlib import Path

import pytest
from rich.segment import Segment

import reader.ui.app_novelty as app_novelty
import reader.ui.app_timeline as app_timeline
from reader.domain.model import Article
from reader.ui.app import ReaderApp
from reader.ui.article_view import ArticleView
from reader.ui.source_list import SourceList
from reader.ui.timeline_screen import TimelineScreen, TimelineView
from ui_fixtures import ARTICLES, build_library, make_app

SIZE = (120, 40)
A3_TEXT = ARTICLES[2][2]
A3_SENTENCE = "Dmitri Peskov, porte-parole du Kremlin, a affirmé que Moscou ne céderait pas."


def _article(aid: str, title: str, text: str, date: str | None, source: str | None) -> Article:
    return Article(aid, f"corpus/{aid}.txt", title, text, [(0, len(text))], date, source)


def _wire_library() -> object:
    """The fixture plus two full reprints of a3 (no stored passage: the sentences match),
    one undated article and one with only the month known."""
    extra = [
        _article("r1", "Reprise : le Kremlin et l’OTAN", A3_TEXT, "2021-12-09", "AFP"),
        _article("r2", "Le Kremlin dénonce encore l’OTAN", A3_TEXT.upper(), "2021-12-11", "TASS"),
        _article("u1", "Sans date", "Un article sans date sur la Pologne et Varsovie.", None, None),
        _article("m1", "Le mois seulement", "La Finlande et Helsinki en décembre.", "2021-12", "X"),
    ]
    return build_library(extra)


def app_for(tmp_path: Path, library: object | None = None) -> ReaderApp:
    app = make_app(tmp_path, library=library)  # type: ignore[arg-type]
    assert isinstance(app, ReaderApp)
    return app


def _dim_text(view: ArticleView) -> str:
    """The characters of the rendered article lines drawn faint."""
    out = []
    for y in range(view.scrollable_content_region.height):
        for seg in view.render_line(y):
            if isinstance(seg, Segment) and seg.style is not None and seg.style.dim:
                out.append(seg.text)
    return "".join(out)


async def test_passages_read_elsewhere_are_dimmed_and_d_toggles(tmp_path: Path) -> None:
    app = app_for(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.current == "a1"
        view = app.query_one(ArticleView)
        assert view.read_spans == []  # nothing read elsewhere yet
        await pilot.press("j", "enter")  # a2 shares a passage with a1, now read
        await pilot.pause()
        assert app.current == "a2"
        text = view.article.text if view.article else ""
        assert [text[s:e] for s, e in view.read_spans] == [
            "Washington répondra « fermement » à toute invasion russe de l’Ukraine"
        ]
        assert "fermement" in _dim_text(view)
        assert "Helsinki" not in _dim_text(view)
        marked = [
            "".join(seg.text for seg in view.render_line(y))
            for y in range(view.scrollable_content_region.height)
        ]
        marked = [line for line in marked if line.startswith("┆")]
        assert marked and all("Helsinki" not in line for line in marked)
        await pilot.press("d")
        assert not view.dim_read
        assert "fermement" not in _dim_text(view)
        await pilot.press("d")
        assert "fermement" in _dim_text(view)


async def test_near_identical_sentences_are_dimmed(tmp_path: Path) -> None:
    app = app_for(tmp_path, _wire_library())
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.goto(app.history_location("a3"))
        app.goto(app.history_location("r2"))  # a3 in capitals: the same sentences, folded
        await pilot.pause()
        view = app.query_one(ArticleView)
        text = view.article.text if view.article else ""
        assert A3_SENTENCE.upper() in [text[s:e] for s, e in view.read_spans]


async def test_new_percent_and_reprints_sink_when_sorted_by_new(tmp_path: Path) -> None:
    app = app_for(tmp_path, _wire_library())
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.current == "m1"  # the month-only date comes first
        sources = app.query_one(SourceList)
        row = str(sources.options.get_option("r1").prompt)
        assert "new" not in row  # all new: no figure
        app.goto(app.history_location("a3"))  # read the wire story
        await pilot.pause()
        assert "new\u00a00\u00a0%" in str(sources.options.get_option("r1").prompt)
        assert "new\u00a00\u00a0%" in str(sources.options.get_option("r2").prompt)
        assert "new" not in str(sources.options.get_option("a3").prompt)  # read: no figure
        assert "new" not in str(sources.options.get_option("a2").prompt)  # nothing of it read
        sources.options.focus()
        await pilot.press("s", "s", "s")
        assert sources.sort_by == "new"
        shown = sources.shown
        assert set(shown[-4:]) == {"m1", "a3", "r1", "r2"}  # read ones and the reprints
        assert shown.index("r1") < shown.index("m1") and shown.index("r2") < shown.index("a3")
        assert shown[0] in {"a1", "a2", "a4", "u1"}
        # reading a reprint re-sorts the list at once, keeping the cursor on it
        app.goto(app.history_location("a4"))
        await pilot.pause()
        assert sources.shown.index("a4") > sources.shown.index("u1")
        assert sources.options.highlighted_id == "a4"


async def test_timeline_order_undated_apart_firsts_and_enter_opens(tmp_path: Path) -> None:
    app = app_for(tmp_path, _wire_library())
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("T")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, TimelineScreen)
        view = screen.view
        assert view.article_ids == ["m1", "a1", "a2", "a3", "r1", "a4", "r2", "u1"]
        texts = [line.text for line in view.lines]
        headings = [line.text for line in view.lines if line.first]
        assert headings[0].startswith("2021-12 · X · Le mois seulement")
        assert headings[-1].startswith("undated · Sans date")
        sep = texts.index(next(t for t in texts if "undated" in t and "─" in t))
        assert texts[sep + 1].startswith("undated")  # the separator comes before undated ones
        firsts = {}
        for line in view.lines:
            if line.entry >= 0 and "new:" in line.text:
                firsts[view.article_ids[line.entry]] = line.text
        assert "Finlande" in firsts["m1"]  # the month comes before the days it contains
        assert "Finlande" not in firsts["a1"] and "Joe Biden" in firsts["a1"]
        assert "Dmitri Peskov" in firsts["a3"] and "OTAN" in firsts["a3"]
        assert "r1" not in firsts and "r2" not in firsts  # reprints: nothing new
        r1_lines = [line.text for line in view.lines if line.entry == 4]
        assert r1_lines[-1].strip() == "nothing new"
        assert view.cursor == 0  # on the article being read (m1)
        await pilot.press("j", "j", "j")
        assert view.cursor == 3
        await pilot.press("enter")
        await pilot.pause()
        assert not isinstance(app.screen, TimelineScreen)
        assert app.current == "a3"
        await pilot.press("ctrl+o")  # the jump was recorded
        await pilot.pause()
        assert app.current == "m1"


async def test_timeline_escape_closes_and_palette_has_it(tmp_path: Path) -> None:
    app = app_for(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("T")
        await pilot.pause()
        assert isinstance(app.screen, TimelineScreen)
        await pilot.press("G")
        assert app.screen.query_one(TimelineView).cursor == 3
        await pilot.press("escape")
        assert not isinstance(app.screen, TimelineScreen)
        assert app.current == "a1"
        titles = [c.title for c in app.get_system_commands(app.screen)]
        assert "Timeline" in titles and "Dim what was read" in titles


async def test_timeline_fits_small_terminals(tmp_path: Path) -> None:
    app = app_for(tmp_path, _wire_library())
    async with app.run_test(size=(40, 12)) as pilot:
        await pilot.press("T")
        await pilot.pause()
        view = app.screen.query_one(TimelineView)
        width = view.scrollable_content_region.width
        assert width > 20
        for line in view.lines:
            assert len(line.text) + 2 <= width, line.text  # wrapped, never cut at the edge
        await pilot.press("G")
        await pilot.pause()
        start, _ = view.entry_span(view.cursor)
        assert view.scroll_y <= start < view.scroll_y + view.scrollable_content_region.height


async def test_big_corpora_use_workers(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(app_novelty, "NOVELTY_SYNC_MAX", 0)
    monkeypatch.setattr(app_timeline, "TIMELINE_SYNC_MAX", 0)
    app = app_for(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.novelty_index is not None  # posted by the worker, installed by the app
        app.goto(app.history_location("a2"))
        await pilot.pause()
        view = app.query_one(ArticleView)
        assert len(view.read_spans) == 1
        await pilot.press("T")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, TimelineScreen)
        assert app.screen.view.article_ids == ["a1", "a2", "a3", "a4"]


async def test_timeline_lists_quotations_not_carried_earlier(tmp_path: Path) -> None:
    from test_ui_quotes import LIGNES, quotes_library

    app = app_for(tmp_path, quotes_library())
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("T")
        await pilot.pause()
        view = app.screen.query_one(TimelineView)
        ids = view.article_ids
        assert ids.index("q1") < ids.index("q2")  # 2021-12-06, then 2021-12-08

        def lines_of(aid: str) -> str:
            return "\n".join(x.text for x in view.lines if x.entry == ids.index(aid))

        assert "lignes rouges" in lines_of("q1") and "Peskov" in lines_of("q1")
        assert "lignes rouges" not in lines_of("q2")  # carried earlier by q1
        assert "céderont rien" in lines_of("q2")  # Biden's quotation is new there
        assert LIGNES[:20] in lines_of("q1").replace("\n", " ")
