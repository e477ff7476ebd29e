"""Background work gives way to keys: the novelty worker waits while keys are pressed."""

from __future__ import annotations

import time
from pathlib import Path

from reader.ui import app_novelty
from reader.ui.app import ReaderApp
from reader.ui.app_novelty import build_novelty_index
from ui_fixtures import build_library, make_app


def test_the_novelty_builder_pauses_before_each_article() -> None:
    library = build_library()
    calls: list[int] = []
    index = build_novelty_index(library, pause=lambda: calls.append(1))
    assert index is not None
    assert len(calls) == len(library.order())


async def test_keys_quiet_waits_for_a_pause_in_the_typing(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    assert isinstance(app, ReaderApp)
    async with app.run_test(size=(120, 40)):
        app.last_key_time = time.monotonic()
        app._keys_quiet()  # returns once the keys have been quiet long enough (no timing)
        assert time.monotonic() - app.last_key_time >= app_novelty.KEYS_QUIET
