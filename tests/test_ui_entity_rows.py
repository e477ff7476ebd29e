"""An entity named in many articles: its card shows at once with "finding…", a worker finds its
rows and the panel lists them; `]` / `[` never wait for them."""

from __future__ import annotations

from pathlib import Path

import pytest

import reader.ui.app_entity_rows as entity_rows
from reader.ui.app import ReaderApp
from reader.ui.article_view import ArticleView
from reader.ui.xref_panel import XrefPanel
from ui_fixtures import make_app

SIZE = (120, 40)


def _row_texts(panel: XrefPanel) -> list[str]:
    options = panel.options
    return [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]


async def test_rows_of_a_big_entity_come_from_a_worker(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(entity_rows, "ENTITY_ROWS_SYNC_MAX", 0)  # every entity is "big"
    app = make_app(tmp_path)
    assert isinstance(app, ReaderApp)
    found: list[str] = []
    original = entity_rows.find_entity_rows

    def counting(library: object, entity_id: str, warn: object = None) -> object:
        found.append(entity_id)
        return original(library, entity_id, warn)  # type: ignore[arg-type]

    monkeypatch.setattr(entity_rows, "find_entity_rows", counting)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("e", "e")  # Poutine in the headline of a1
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        panel = app.query_one(XrefPanel)
        assert panel.entity is not None and panel.entity.id == "Vladimir Poutine"
        rows = _row_texts(panel)
        assert not any("finding…" in r for r in rows[:3])
        assert any(r.startswith("Mentions (") for r in rows)
        assert panel.current_row is not None  # the selected mention is marked
        assert found[-1] == "Vladimir Poutine"  # (after Joe Biden, selected by the first e)
        before = len(found)
        view = app.query_one(ArticleView)
        for _ in range(3):  # across articles: the rows are found once, not per step
            await pilot.press("right_square_bracket")
            await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        mention = view.selected_mention
        assert mention is not None and mention.entity == "Vladimir Poutine"
        assert app.current == "a2"
        assert len(found) == before
        assert panel.current_row is not None


async def test_a_pending_entity_says_finding(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(entity_rows, "ENTITY_ROWS_SYNC_MAX", 0)
    app = make_app(tmp_path)
    assert isinstance(app, ReaderApp)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        lib = app.library
        assert lib is not None
        panel = app.query_one(XrefPanel)
        entity = lib.entities["Vladimir Poutine"]
        panel.show_entity(entity, None, None, total=entity.mentions)
        rows = _row_texts(panel)
        assert rows[0] == f"Mentions ({entity.mentions})"
        assert "finding…" in rows[1]


async def test_many_quotations_are_listed_a_few_at_a_time(tmp_path: Path) -> None:
    from reader.domain.quotes.types import Quote
    from reader.ui.xref_panel import QUOTE_WINDOW

    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        lib = app.library
        assert lib is not None
        panel = app.query_one(XrefPanel)
        entity = lib.entities["Vladimir Poutine"]
        quotes = [
            Quote(aid, "text", 10 * n, 10 * n + 5, f"mot {n}", "Poutine", entity.id, "a dit")
            for n, aid in enumerate(["a1", "a2", "a3", "a4"] * 3)
        ]
        panel.show_entity(entity, [], quotes)
        shown = [t for t in panel.targets() if t.quote]
        assert len(shown) == QUOTE_WINDOW
        assert shown[0].article == panel.article  # from the first in the article shown
        rows = _row_texts(panel)
        assert rows[0] == f"Quotes ({len(quotes)})"
        more = next(i for i, r in enumerate(rows) if "more: list all" in r)
        panel.options.focus()
        panel.options.highlighted = more
        await pilot.press("enter")
        await pilot.pause()
        assert len([t for t in panel.targets() if t.quote]) == len(quotes)
