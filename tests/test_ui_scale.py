"""The UI with many articles: the virtual source list and related articles found in a thread."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

import reader.ui.app_panes as app_panes
from reader.domain.model import Article
from reader.ui.app import ReaderApp
from reader.ui.source_list import (
    READ,
    ROW_HEIGHT,
    UNREAD,
    FilterInput,
    SourceList,
    SourceOptions,
)
from reader.ui.xref_panel import XrefPanel
from ui_fixtures import build_library, make_app

SIZE = (120, 40)
MANY = 2_000


def many_articles(n: int = MANY) -> list[Article]:
    """`n` small articles dated after the fixture's, titled « Dépêche 0001 » …"""
    out = []
    for i in range(n):
        text = f"Dépêche numéro {i} sur la Finlande et le Kremlin."
        out.append(
            Article(
                id=f"z{i:04d}",
                path=f"corpus/z{i:04d}.txt",
                title=f"Dépêche {i:04d}",
                text=text,
                paragraphs=[(0, len(text))],
                date="2023-01-01",
                source="Agence",
            )
        )
    return out


def big_app(tmp_path: Path) -> ReaderApp:
    app = make_app(tmp_path, library=build_library(many_articles()))
    assert isinstance(app, ReaderApp)
    return app


def row_text(options: SourceOptions, article_id: str) -> str:
    return str(options.get_option(article_id).prompt)


async def wait_for(condition: object, timeout: float = 10.0) -> None:
    deadline = asyncio.get_running_loop().time() + timeout
    while not condition():  # type: ignore[operator]
        assert asyncio.get_running_loop().time() < deadline, "timed out"
        await asyncio.sleep(0.02)


async def test_many_rows_render_only_what_is_on_screen(tmp_path: Path) -> None:
    app = big_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        sources = app.query_one(SourceList)
        options = app.query_one(SourceOptions)
        assert len(sources.shown) == MANY + 4
        assert options.virtual_size.height == (MANY + 4) * ROW_HEIGHT
        # Only the rows on screen were built, and only their entities counted.
        visible_rows = options.size.height // ROW_HEIGHT + 1
        assert len({key[0] for key in options._strips}) <= visible_rows + 1
        assert len(sources._counts) <= visible_rows + 2
        await pilot.press("G")
        assert options.highlighted == MANY + 3
        last = sources.shown[-1]
        assert row_text(options, last).startswith(UNREAD)
        await pilot.press("enter")
        await pilot.pause()
        assert app.current == last
        assert row_text(options, last).startswith(READ)
        assert "2 entities" in row_text(options, last)


async def test_click_on_a_row_opens_it(tmp_path: Path) -> None:
    app = big_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        sources = app.query_one(SourceList)
        await pilot.click(SourceOptions, offset=(5, 2 * ROW_HEIGHT + 1))
        await pilot.pause()
        assert app.current == sources.shown[2]
        assert app.query_one(SourceOptions).highlighted == 2


async def test_filter_and_sort_with_many_rows(tmp_path: Path) -> None:
    app = big_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        sources = app.query_one(SourceList)
        await pilot.press("f", *"1999")
        await pilot.pause()
        assert sources.shown == ["z1999"]
        await pilot.press("enter", "enter")  # end the filter, open the article
        await pilot.pause()
        assert app.current == "z1999"
        app.query_one(FilterInput).focus()
        await pilot.press("escape")
        assert len(sources.shown) == MANY + 4
        assert app.query_one(SourceOptions).highlighted_id == "z1999"
        await pilot.press("s")
        assert sources.sort_by == "title"
        assert sources.shown[:3] == ["a4", "z0000", "z0001"]  # "[bold]…", then « Dépêche »
        assert app.query_one(SourceOptions).highlighted_id == "z1999"


async def test_related_articles_arrive_from_a_thread(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(app_panes, "RELATED_SYNC_MAX", 0)
    app = make_app(tmp_path)
    assert isinstance(app, ReaderApp)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        panel = app.query_one(XrefPanel)
        await wait_for(lambda: not panel._relations_pending)
        await pilot.pause()
        assert panel.article == "a1"
        related = [t.article for t in panel.targets() if t.related]
        assert related and related[0] == "a2"  # the shared passage ranks it first
        # Moving on: the next article's relations replace them (none stale).
        await pilot.press("j", "enter")
        await pilot.pause()
        await wait_for(lambda: panel.article == "a2" and not panel._relations_pending)
        await pilot.pause()
        assert "a2" not in [t.article for t in panel.targets() if t.related]


async def test_search_lists_the_best_hits_and_n_fetches_more(tmp_path: Path) -> None:
    from reader.ui.search_screen import SEARCH_LIMIT, SearchScreen

    app = big_app(tmp_path)
    asked: list[int] = []
    library = app._given_library
    assert library is not None
    searcher = library.searcher  # type: ignore[attr-defined]

    def counting(query: str, limit: int) -> object:
        asked.append(limit)
        return searcher(query, limit)

    library.searcher = counting  # type: ignore[attr-defined]
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("slash", *"Dépêche")
        screen = app.screen
        assert isinstance(screen, SearchScreen)
        await wait_for(lambda: screen.result is not None)
        await pilot.pause()
        message = str(screen.query_one("#search-message").render())
        assert f"best {SEARCH_LIMIT} of {MANY} listed" in message
        await pilot.press("enter")
        await pilot.pause()
        result = app.search_result
        assert result is not None and len(result.hits) == SEARCH_LIMIT
        assert set(asked) == {SEARCH_LIMIT}
        loaded = len(app.search_hits)
        app._goto_hit(loaded - 1)
        await pilot.press("n")
        await wait_for(lambda: len(app.search_hits) > loaded)
        await pilot.pause()
        assert asked[-1] == 2 * SEARCH_LIMIT
        assert app.search_result is not None
        assert len(app.search_result.hits) == 2 * SEARCH_LIMIT
        assert app.search_pos == loaded
        assert app.current == app.search_hits[loaded][0]
        await pilot.press("N")
        await pilot.pause()
        assert app.search_pos == loaded - 1
