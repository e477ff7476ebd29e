"""Corrections can be taken back: u undoes the last one, U unhides; the notice says where the
file is; the article, panel and counts follow the re-applied corrections."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from reader.domain import pipeline
from reader.domain.entities.corrections import Corrections
from reader.domain.textnorm import fold_key
from reader.ui.app import ReaderApp, create_app
from reader.ui.article_view import ArticleView
from reader.ui.corrections_edit import undo_last, unhide
from reader.ui.corrections_screen import EntityPicker
from reader.ui.source_list import SourceList
from reader.ui.xref_panel import XrefPanel
from ui_fixtures import build_library

SIZE = (120, 40)


async def _wait(pilot: Any, done: Callable[[], bool], rounds: int = 200) -> None:
    for _ in range(rounds):
        if done():
            return
        await pilot.pause(0.05)
    raise AssertionError("condition not reached")


def test_undo_last_and_unhide_edit_the_file(tmp_path: Path) -> None:
    path = tmp_path / "c.txt"
    path.write_text(
        '# mine\nhide "Joe Biden"\nrename kremlin to "Le Kremlin"\n\nhide biden  # again\n',
        encoding="utf-8",
    )
    assert undo_last(path) == "hide biden  # again"
    assert unhide(path, ["Joe Biden", "Biden"]) == ['hide "Joe Biden"']
    assert path.read_text(encoding="utf-8") == '# mine\nrename kremlin to "Le Kremlin"\n\n'
    assert undo_last(path) == 'rename kremlin to "Le Kremlin"'
    assert undo_last(path) is None
    assert undo_last(tmp_path / "missing.txt") is None


@pytest.fixture
def linked_app(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> ReaderApp:
    """An app whose "index update" re-reads the corrections file and hides what it says."""
    monkeypatch.setenv("READER_CONFIG_DIR", str(tmp_path / "config"))
    corpus = [tmp_path / "corpus"]

    def open_library(paths: Any, index_dir: Any, **kwargs: Any) -> Any:
        library = build_library()
        corrections, _ = Corrections.load(pipeline.corrections_path(corpus))
        hidden = {fold_key(c.args[0]) for c in corrections.commands if c.verb == "hide"}
        for ent in library.entities.values():
            ent.hidden = bool({fold_key(n) for n in (ent.id, ent.name, *ent.aliases)} & hidden)
        return library

    monkeypatch.setattr(pipeline, "is_current", lambda paths, index_dir, **kw: True)
    monkeypatch.setattr(pipeline, "open_library", open_library)
    monkeypatch.setattr(pipeline, "update", lambda *a, **kw: pipeline.UpdateReport())
    app = create_app(corpus, tmp_path / "index", state_dir=tmp_path / "state")
    assert isinstance(app, ReaderApp)
    return app


async def test_hide_then_undo_then_hide_then_unhide(linked_app: ReaderApp, tmp_path: Path) -> None:
    app = linked_app
    async with app.run_test(size=SIZE) as pilot:
        await _wait(pilot, lambda: app.library is not None and app.current == "a1")
        sources = app.query_one(SourceList)
        view = app.query_one(ArticleView)
        panel = app.query_one(XrefPanel)
        count = sources.entity_count("a1")

        def biden_shown() -> bool:
            return any(m.entity == "Joe Biden" for _, _, m in view.mentions())

        assert biden_shown()
        await pilot.press("e")  # Biden in the headline
        await pilot.pause()
        assert panel.entity is not None and panel.entity.id == "Joe Biden"
        first = app.library
        await pilot.press("H")
        assert panel.entity is None  # at once, before the update
        notes = [str(n.message) for n in app._notifications]
        assert any("corrections" in n and "u undoes" in n for n in notes)
        await _wait(pilot, lambda: app.library is not first and not app.indexing)
        assert not biden_shown()
        assert sources.entity_count("a1") == count - 1  # the list's count follows
        assert f"of {count - 1} entities" in panel._card().plain  # and the panel's
        # u: undo
        second = app.library
        await pilot.press("u")
        await _wait(pilot, lambda: app.library is not second and not app.indexing)
        assert biden_shown()
        assert sources.entity_count("a1") == count
        # hide again, then U: unhide from a picker of hidden entities
        third = app.library
        await pilot.press("e", "H")
        await _wait(pilot, lambda: app.library is not third and not app.indexing)
        assert not biden_shown()
        await pilot.press("U")
        await pilot.pause()
        assert isinstance(app.screen, EntityPicker)
        assert [e.id for e in app.screen.entities] == ["Joe Biden"]
        fourth = app.library
        await pilot.press("enter")
        await _wait(pilot, lambda: app.library is not fourth and not app.indexing)
        assert biden_shown()
        text = pipeline.corrections_path([tmp_path / "corpus"]).read_text(encoding="utf-8")
        assert "hide" not in text.split("\n", 1)[1]
