"""The app without a given library: it opens what the store has and indexes in a worker."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from reader.domain import pipeline
from reader.ui.app import ReaderApp, create_app
from reader.ui.source_list import SourceList
from ui_fixtures import build_library


async def _wait(pilot: Any, done: Callable[[], bool], rounds: int = 200) -> None:
    for _ in range(rounds):
        if done():
            return
        await pilot.pause(0.05)
    raise AssertionError("condition not reached")


@pytest.fixture(autouse=True)
def _dirs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("READER_CONFIG_DIR", str(tmp_path / "config"))


async def test_stale_index_is_updated_in_a_worker_with_progress(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[str] = []
    progress_seen: list[tuple[str, int, int]] = []
    library = build_library()

    def open_library(paths: Any, index_dir: Any, **kwargs: Any) -> Any:
        calls.append("open")
        if "update" not in calls:
            raise FileNotFoundError("no store yet")
        return library

    def update(
        paths: Any,
        index_dir: Any,
        *,
        progress: Any = None,
        should_stop: Any = None,
        rebuild: bool = False,
        rebuild_search: bool = False,
    ) -> Any:
        calls.append("update")
        for done in range(0, 101, 10):
            progress("analysing", done, 100)
            progress_seen.append(("analysing", done, 100))
        return pipeline.UpdateReport(added=4)

    monkeypatch.setattr(pipeline, "is_current", lambda paths, index_dir, **kw: False)
    monkeypatch.setattr(pipeline, "open_library", open_library)
    monkeypatch.setattr(pipeline, "update", update)
    app = create_app([tmp_path / "corpus"], tmp_path / "index", state_dir=tmp_path / "state")
    assert isinstance(app, ReaderApp)
    async with app.run_test(size=(120, 40)) as pilot:
        await _wait(pilot, lambda: app.library is library and not app.indexing)
        assert calls == ["open", "update", "open"]
        assert app.query_one(SourceList).shown == ["a1", "a2", "a3", "a4"]
        assert app.current == "a1"
        assert not app.query_one("#indexing").display
        assert "index current" in app.sub_title
        assert progress_seen[-1] == ("analysing", 100, 100)


async def test_current_index_opens_without_update(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    library = build_library()

    def update(*args: Any, **kwargs: Any) -> Any:
        raise AssertionError("update must not run on a current index")

    monkeypatch.setattr(pipeline, "is_current", lambda paths, index_dir, **kw: True)
    monkeypatch.setattr(pipeline, "open_library", lambda paths, index_dir, **kw: library)
    monkeypatch.setattr(pipeline, "update", update)
    app = create_app([tmp_path / "corpus"], tmp_path / "index", state_dir=tmp_path / "state")
    async with app.run_test(size=(120, 40)) as pilot:
        await _wait(pilot, lambda: app.library is library)
        assert app.current == "a1"


async def test_failed_update_keeps_the_reader_usable(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    library = build_library()

    def update(*args: Any, **kwargs: Any) -> Any:
        raise OSError("[bold]disk[/] full \x1b[2J")

    monkeypatch.setattr(pipeline, "is_current", lambda paths, index_dir, **kw: False)
    monkeypatch.setattr(pipeline, "open_library", lambda paths, index_dir, **kw: library)
    monkeypatch.setattr(pipeline, "update", update)
    app = create_app([tmp_path / "corpus"], tmp_path / "index", state_dir=tmp_path / "state")
    async with app.run_test(size=(120, 40)) as pilot:
        await _wait(pilot, lambda: app.sub_title == "index update failed")
        assert app.library is library and app.current == "a1"
        messages = [str(n.message) for n in app._notifications]
        assert any("[bold]disk[/] full" in m and "\x1b" not in m for m in messages)
        await pilot.press("e")
        await pilot.pause()
        assert app.is_running


async def test_unwritable_index_is_shown_read_only(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A full disk is not a failure of the reader: the index as it was is shown, read-only."""
    library = build_library()

    def update(*args: Any, **kwargs: Any) -> Any:
        raise pipeline.IndexUnwritable(tmp_path / "index", "disk full")

    monkeypatch.setattr(pipeline, "is_current", lambda paths, index_dir, **kw: False)
    monkeypatch.setattr(pipeline, "open_library", lambda paths, index_dir, **kw: library)
    monkeypatch.setattr(pipeline, "update", update)
    app = create_app([tmp_path / "corpus"], tmp_path / "index", state_dir=tmp_path / "state")
    async with app.run_test(size=(120, 40)) as pilot:
        await _wait(pilot, lambda: "read-only" in app.sub_title)
        assert app.library is library and not app.indexing
        messages = [str(n.message) for n in app._notifications]
        assert any("disk full" in m and "read-only" in m for m in messages), messages
        assert app.current == "a1"
