"""The first screen (the first rows in reading order, the article to open) is read with a few
queries and shown before the whole library is open; it is exactly what the library shows."""

from __future__ import annotations

import shutil
import threading
from pathlib import Path
from typing import Any

import pytest

from reader.domain import pipeline
from reader.domain.first_screen import read_first_screen
from reader.ui.app import create_app
from reader.ui.article_view import ArticleView
from reader.ui.source_list import SourceList


@pytest.fixture()
def index(seeds_index: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "index"
    shutil.copytree(seeds_index, copy)
    return copy


@pytest.mark.parametrize("rows", [1, 2, 3, 100])
def test_first_rows_are_the_library_order(index: Path, rows: int) -> None:
    library = pipeline.open_library([], index)
    try:
        screen = read_first_screen(index, rows)
        order = library.order()
        assert [i.id for i in screen.rows] == order[:rows]
        assert screen.total == len(order)
        assert [library.info(i.id) for i in screen.rows] == screen.rows
        assert screen.article is not None and screen.article == library.article(order[0])
        assert screen.mentions == list(library.mentions[order[0]])
        named = {m.entity for m in screen.mentions}
        assert screen.hidden == {e for e in named if library.entities[e].hidden}
        other = order[-1]
        assert read_first_screen(index, rows, prefer=other).article == library.article(other)
        assert read_first_screen(index, rows, prefer="nope").article == screen.article
    finally:
        library.close()


def test_no_store_no_first_screen(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        read_first_screen(tmp_path / "none", 10)


async def test_the_first_screen_shows_before_the_library_opens(
    index: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("READER_CONFIG_DIR", str(tmp_path / "config"))
    release = threading.Event()
    opened = pipeline.open_library

    def slow_open(*args: Any, **kwargs: Any) -> Any:
        release.wait(20)
        return opened(*args, **kwargs)

    monkeypatch.setattr(pipeline, "open_library", slow_open)
    monkeypatch.setattr(pipeline, "is_current", lambda *a, **k: True)
    expected = read_first_screen(index, 100)
    app = create_app([], index, state_dir=tmp_path / "state")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert app.library is None  # still opening
        view = app.query_one(ArticleView)
        assert expected.article is not None
        assert view.article is not None and view.article.id == expected.article.id
        assert app.query_one(SourceList).shown[: len(expected.rows)] == [
            i.id for i in expected.rows
        ]
        await pilot.press("right_square_bracket", "e", "j")  # no library yet: nothing breaks
        release.set()
        for _ in range(200):
            if app.library is not None:
                break
            await pilot.pause(0.05)
        assert app.library is not None
        assert app.current == expected.article.id
        assert app.query_one(SourceList).shown == app.library.order()


def test_hidden_entities_are_named(index: Path) -> None:
    import sqlite3

    screen = read_first_screen(index, 5)
    assert screen.mentions and not screen.hidden
    gone = screen.mentions[0].entity
    db = sqlite3.connect(index / "store.sqlite")
    with db:
        db.execute(
            "UPDATE entities SET data = json_set(data, '$.hidden', json('true')) WHERE id = ?",
            (gone,),
        )
    db.close()
    # no corrections file at the last update: nothing can be hidden, nothing is looked up
    assert read_first_screen(index, 5).hidden == set()
    db = sqlite3.connect(index / "store.sqlite")
    with db:  # as after `H` (a corrections file, hence a signature)
        db.execute("UPDATE meta SET value = 'abc' WHERE key = 'version:corrections'")
    db.close()
    assert read_first_screen(index, 5).hidden == {gone}
