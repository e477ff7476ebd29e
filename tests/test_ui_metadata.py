"""Author, outlet and id in the reader (issue 15 points 2, 3, 7): the article's header line,
the source list's rows, its sort by outlet, an undated article said so."""

from __future__ import annotations

from pathlib import Path

from reader.domain.model import Article
from reader.ui.article_view import ArticleView
from reader.ui.layout import meta_line
from reader.ui.source_list import SourceList, authors_text
from ui_fixtures import build_library, make_app

SIZE = (120, 40)


def _article(aid: str, source: str | None, date: str | None, author: list[str]) -> Article:
    text = f"Le maire de Lyon a présenté le budget de la ville ({aid})."
    return Article(
        id=aid,
        path=f"corpus/{aid}.html",
        title=f"Budget municipal {aid}",
        text=text,
        paragraphs=[(0, len(text))],
        date=date,
        source=source,
        author=author,
    )


EXTRA = [
    _article("m1", "Le Progrès", "2021-12", ["Marie Martin", "Jean Dupont", "Léa Petit"]),
    _article("m2", "Ouest-France", "2021-12-07", ["Paul Durand"]),
    _article("m3", None, None, []),
]


def test_header_line_has_date_outlet_authors_and_id() -> None:
    line = meta_line(EXTRA[0])
    assert line.startswith("2021-12 · Le Progrès · par Marie Martin, Jean Dupont, Léa Petit")
    assert "id m1" in line and "corpus/m1.html" in line
    undated = meta_line(EXTRA[2])
    assert undated.startswith("undated · id m3")


def test_authors_text() -> None:
    assert authors_text(["A"]) == "A"
    assert authors_text(["A", "B", "C"]) == "A, B et al."


async def test_source_rows_show_outlet_and_author_and_sort_by_outlet(tmp_path: Path) -> None:
    app = make_app(tmp_path, library=build_library(EXTRA))
    async with app.run_test(size=SIZE) as pilot:  # type: ignore[attr-defined]
        await pilot.pause()
        sources = app.query_one(SourceList)  # type: ignore[attr-defined]
        row = sources._row("m1").plain
        assert "Le Progrès" in row and "Marie Martin, Jean Dupont et al." in row
        assert "undated" in sources._row("m3").plain
        order = sources.shown
        assert order.index("m1") < order.index("m2") < order.index("a1")  # 2021-12 first
        assert order[-1] == "m3"  # undated last
        await pilot.press("s", "s")
        assert sources.sort_by == "outlet"
        outlets = [sources._by_id[i].source for i in sources.shown]
        named = [o for o in outlets if o is not None]
        assert named[:3] == ["[bold]Source[/]", "Le Progrès", "Ouest-France"]
        assert outlets[len(named) :] == [None] * (len(outlets) - len(named))
        await pilot.press("s")
        assert sources.sort_by == "date" and sources.shown == order


async def test_article_view_shows_the_id(tmp_path: Path) -> None:
    app = make_app(tmp_path, library=build_library(EXTRA))
    async with app.run_test(size=SIZE) as pilot:  # type: ignore[attr-defined]
        await pilot.pause()
        view = app.query_one(ArticleView)  # type: ignore[attr-defined]
        layout = view._layout
        assert layout is not None
        shown = " ".join(line.text for line in layout.lines if line.kind == "meta")
        assert f"id {app.current}" in shown  # type: ignore[attr-defined]


async def test_palette_command_copies_the_article_id(tmp_path: Path) -> None:
    app = make_app(tmp_path, library=build_library(EXTRA))
    async with app.run_test(size=SIZE) as pilot:  # type: ignore[attr-defined]
        await pilot.pause()
        titles = [c.title for c in app.get_system_commands(app.screen)]  # type: ignore[attr-defined]
        assert "Copy article id" in titles
        app.action_copy_id()  # type: ignore[attr-defined]
        assert app.clipboard == app.current  # type: ignore[attr-defined]
