"""The app notices files added to, edited in and removed from the corpus while it is open."""

from __future__ import annotations

import shutil
import time
from pathlib import Path

import pytest

from reader.domain import pipeline
from reader.ui.app import ReaderApp, create_app
from reader.ui.source_list import SourceList
from ui_fixtures import make_app

SEEDS = Path(__file__).resolve().parents[1] / "seeds"


async def _settled(app: ReaderApp) -> None:
    """Wait for the loading workers (no timing: until they are done)."""
    await app.workers.wait_for_complete()


@pytest.fixture
def corpus(tmp_path: Path) -> tuple[Path, Path]:
    folder = tmp_path / "corpus"
    folder.mkdir()
    for seed in sorted(SEEDS.glob("*.txt"))[:2]:
        shutil.copy(seed, folder / seed.name)
    index = tmp_path / "index"
    pipeline.update([folder], index)
    return folder, index


async def test_new_and_removed_files_are_picked_up(
    tmp_path: Path, corpus: tuple[Path, Path]
) -> None:
    folder, index = corpus
    app = create_app([folder], index, state_dir=tmp_path / "state")
    app.watcher.interval = 3600.0  # the test looks by hand
    async with app.run_test(size=(120, 40)) as pilot:
        await _settled(app)
        await pilot.pause()
        assert app.library is not None and len(app.library.articles) == 2
        assert app.watcher.look() is not None
        await _settled(app)
        await pilot.pause()
        assert len(app.library.articles) == 2  # nothing changed: nothing said

        seed = sorted(SEEDS.glob("*.txt"))[2]
        shutil.copy(seed, folder / "nouveau.txt")
        app.watcher.look()
        await _settled(app)
        await pilot.pause()
        assert len(app.library.articles) == 3
        assert len(app.query_one(SourceList).shown) == 3
        messages = [n.message for n in app._notifications]
        assert any("1 new article" in m for m in messages), messages

        (folder / "nouveau.txt").unlink()
        app.watcher.look()
        await _settled(app)
        await pilot.pause()
        assert len(app.library.articles) == 2
        messages = [n.message for n in app._notifications]
        assert any("1 article removed" in m for m in messages), messages
    assert not any(p.name.startswith(".") for p in folder.iterdir())  # nothing written there


async def test_the_watcher_keeps_out_of_the_way(tmp_path: Path, corpus: tuple[Path, Path]) -> None:
    folder, index = corpus
    app = create_app([folder], index, state_dir=tmp_path / "state")
    app.watcher.interval = 3600.0
    async with app.run_test(size=(120, 40)) as pilot:
        await _settled(app)
        await pilot.pause()
        assert not app.watcher.busy()
        await pilot.press("j")  # a key was just pressed: not now
        assert app.watcher.busy()
        app.last_key_time = time.monotonic() - 60
        assert not app.watcher.busy()
        await pilot.press("question_mark")  # a dialog is open: not now
        assert app.watcher.busy()
        await pilot.press("escape")
        app.last_key_time = time.monotonic() - 60
        app.indexing = True  # an update is running: not now
        assert app.watcher.busy()


async def test_an_in_memory_library_is_not_watched(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    assert isinstance(app, ReaderApp)
    async with app.run_test(size=(80, 24)):
        assert not app.watcher.enabled
        assert app.watcher.look() is None
