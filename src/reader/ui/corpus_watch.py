"""The app notices new, edited and removed corpus files while it is open.

A timer ticks every few seconds on the UI thread and does nothing but decide whether to look:
not while indexing, not while a dialog is open, not within a second of a key press (the user
is working), not for a corpus that is not indexed from files. Looking is a thread worker:
`pipeline.is_current` (stat calls only); when the corpus changed, the same worker runs the
incremental `pipeline.update` and opens the new library, then posts `CorpusUpdated`. Only the
message handler (`CorpusWatcher.updated`, on the UI thread) swaps the library in and says what
changed ("2 new articles"). The interval stretches on big corpora, so that stat-ing every
file stays a small share of the time.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from textual.message import Message
from textual.screen import ModalScreen
from textual.worker import Worker, WorkerState, get_current_worker

from reader.domain.sanitize import sanitize_inline
from reader.ui.messages import IndexProgress

if TYPE_CHECKING:  # the pipeline is imported when the watcher first looks
    from reader.domain.watch import FileChanges

WATCH_INTERVAL = 2.0  # seconds between looks (at least)
QUIET_AFTER_KEY = 1.0  # no look within this long of a key press
MAX_SHARE = 0.05  # a look may take at most this share of the time (stretches the interval)
PROGRESS_INTERVAL = 0.1
WORKER_GROUP = "index"  # the app's indexing group: one writer of the index at a time


class CorpusUpdated(Message):
    """The watcher's worker updated the index for files that changed on disk."""

    def __init__(self, library: Any, changes: FileChanges, notices: list[str]) -> None:
        super().__init__()
        self.library = library
        self.changes = changes
        self.notices = notices


class WatchFailed(Message):
    """Updating for changed files failed; the reader keeps what it shows."""

    def __init__(self, error: str) -> None:
        super().__init__()
        self.error = error


class CorpusWatcher:
    """Owned by the app: `start()` once the library is shown; the app routes `CorpusUpdated`
    to `updated()` and `WatchFailed` to `failed()`."""

    def __init__(self, app: Any, interval: float = WATCH_INTERVAL) -> None:
        self.app = app
        self.interval = interval
        self._next = 0.0
        self._worker: Worker[None] | None = None
        self._old_ids: frozenset[str] = frozenset()
        self._started = False
        self.failures = 0

    @property
    def enabled(self) -> bool:
        """Only a corpus indexed from files is watched."""
        return bool(self.app.pipeline_enabled and self.app.paths)

    def start(self) -> None:
        """Start ticking (idempotent)."""
        if self._started or not self.enabled:
            return
        self._started = True
        self._next = time.monotonic() + self.interval
        self.app.set_interval(min(1.0, self.interval), self.tick, name="corpus-watch")

    def busy(self) -> bool:
        """True when looking now would get in the user's way or in an update's."""
        app = self.app
        if app.indexing or app.library is None:
            return True
        if time.monotonic() - app.last_key_time < QUIET_AFTER_KEY:
            return True
        if isinstance(app.screen, ModalScreen):
            return True
        return any(
            w.group == WORKER_GROUP and w.state in (WorkerState.PENDING, WorkerState.RUNNING)
            for w in app.workers
        )

    def tick(self) -> None:
        """Timer callback (UI thread): start a look if it is time and nobody is busy."""
        if time.monotonic() < self._next or self.busy():
            return
        self.look()

    def look(self) -> Worker[None] | None:
        """Look for changes now, in a thread worker (also what the tests call)."""
        if not self.enabled:
            return None
        self._old_ids = frozenset(self.app.library.articles) if self.app.library else frozenset()
        self._worker = self.app.run_worker(
            self._work, thread=True, name="watch", group=WORKER_GROUP, exclusive=True
        )
        return self._worker

    # -- in the worker thread: no widget is touched here --------------------------------------
    def _work(self) -> None:
        from reader.domain import pipeline

        app = self.app
        worker = get_current_worker()
        started = time.monotonic()

        try:
            current = pipeline.is_current(app.paths, app.index_dir, verify_search=False)
        except Exception:
            current = False  # a broken store: the update below repairs it
        self._stretch(time.monotonic() - started)
        if current or worker.is_cancelled:
            return
        post: Callable[[Message], bool] = app.post_message
        try:
            from reader.domain.watch import file_changes  # (the pipeline: not before it runs)

            changes = file_changes(app.paths, app.index_dir)
            last = [0.0]

            def progress(stage: str, done: int, total: int) -> None:
                now = time.monotonic()
                if now - last[0] >= PROGRESS_INTERVAL or (total and done >= total):
                    last[0] = now
                    post(IndexProgress(stage, done, total))

            report = pipeline.update(
                app.paths, app.index_dir, progress=progress, should_stop=lambda: worker.is_cancelled
            )
            library = pipeline.open_library(app.paths, app.index_dir)
        except Exception as exc:
            if not worker.is_cancelled:
                post(WatchFailed(f"{type(exc).__name__}: {exc}"))
            return
        post(CorpusUpdated(library, changes, list(getattr(report, "notices", []))))

    def _stretch(self, took: float) -> None:
        """Next look after `interval`, or later when a look is slow (a big corpus)."""
        pause = max(self.interval, took / MAX_SHARE) * (2 ** min(self.failures, 5))
        self._next = time.monotonic() + pause

    # -- message handlers (UI thread) ----------------------------------------------------------
    def updated(self, message: CorpusUpdated) -> str:
        """Swap in the updated library and say what changed; returns the notice."""
        self.failures = 0
        new_ids = frozenset(message.library.articles)
        from reader.domain.watch import change_summary

        summary = change_summary(self._old_ids, new_ids, message.changes)
        self.app.install_library(message.library, final=True)
        self.app.notify(summary, title="Corpus changed", markup=False, timeout=5)
        for notice in message.notices:  # e.g. files skipped, with the reason
            self.app.notify(sanitize_inline(notice), markup=False, timeout=5)
        return summary

    def failed(self, message: WatchFailed) -> None:
        """Say it once; look less often until an update succeeds."""
        self.failures += 1
        self.app.indexing = False
        for box in self.app.query("#indexing"):
            box.display = False
        if self.failures == 1:
            self.app.notify(
                f"Could not update for changed files: {sanitize_inline(message.error)}",
                severity="warning",
                markup=False,
                timeout=8,
            )
        self._stretch(0.0)
