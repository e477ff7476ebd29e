"""Watching the corpus while the app is open (see `corpus_watch.py`): the app's side.

Remembers when a key was last pressed (the watcher never looks right after one), starts the
watcher once the app is mounted, and routes the watcher's messages to it.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import TYPE_CHECKING

from textual import events

from reader.ui.app_base import ReaderBase
from reader.ui.corpus_watch import CorpusUpdated, CorpusWatcher, WatchFailed

if TYPE_CHECKING:
    from reader.domain.library import Library


class WatchMixin(ReaderBase):
    """New, edited and removed corpus files are picked up in the background."""

    def __init__(
        self,
        paths: list[Path],
        index_dir: Path,
        *,
        theme: str | None = None,
        library: Library | None = None,
        state_dir: Path | None = None,
    ) -> None:
        super().__init__(paths, index_dir, theme=theme, library=library, state_dir=state_dir)
        self.last_key_time = 0.0
        self.watcher = CorpusWatcher(self)

    def on_mount(self) -> None:
        """Start watching (the watcher waits for the library and for quiet)."""
        self.watcher.start()

    async def on_event(self, event: events.Event) -> None:
        """Note key presses (every key reaches the app first), then handle as usual."""
        if isinstance(event, events.Key):
            self.last_key_time = time.monotonic()
        await super().on_event(event)

    def on_corpus_updated(self, message: CorpusUpdated) -> None:
        """Files changed on disk and the index was updated: show it, say what changed."""
        self.watcher.updated(message)

    def on_watch_failed(self, message: WatchFailed) -> None:
        """The update for changed files failed: say so (once)."""
        self.watcher.failed(message)
