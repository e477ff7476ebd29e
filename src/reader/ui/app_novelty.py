"""What is new to the person: passages read elsewhere dimmed in the article (`d` toggles), and
the source list's `new N %` (from `reader.domain.novelty`).

Reducing every article to its sentence hashes and passage spans reads every text once: on a
small corpus it is done on the spot, otherwise in a thread worker that posts `NoveltyReady`.
After that, opening an article updates only the articles sharing something with it.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TYPE_CHECKING

from reader.domain.novelty import NoveltyIndex, make_doc
from reader.ui.app_base import ReaderBase
from reader.ui.article_view import ArticleView
from reader.ui.messages import NoveltyReady
from reader.ui.source_list import SourceList

if TYPE_CHECKING:
    from reader.domain.library import Library

#: Up to this many articles the novelty index is built on the spot (a few ms per article).
NOVELTY_SYNC_MAX = 100
#: The novelty worker waits until no key has been pressed for this long (seconds).
KEYS_QUIET = 0.5


def build_novelty_index(
    library: Library,
    should_stop: Callable[[], bool] | None = None,
    read: set[str] | None = None,
    pause: Callable[[], object] | None = None,
) -> NoveltyIndex | None:
    """Every article of `library` reduced to its `NoveltyDoc` (None when stopped early); with
    `read`, every article's new fraction is worked out too (so sorting by it costs nothing).
    `pause()` is called before each article (a worker waits there while keys are pressed)."""
    index = NoveltyIndex()
    for aid in library.order():
        if pause is not None:
            pause()
        if should_stop is not None and should_stop():
            return None
        try:
            text = library.article(aid).text
            pairs = library.passages_involving(aid)
        except Exception:  # an unreadable row: that article simply counts as all new
            continue
        index.add(aid, make_doc(aid, text, pairs))
    if read is not None:
        index.set_read(read)
        index.fractions()
        index.prepare()
    return index


class NoveltyMixin(ReaderBase):
    """The novelty index of the library shown, the dimmed passages and the `new %` column."""

    def _start_novelty(self, library: Library) -> None:
        """Build the novelty index of a newly shown library (on the spot if it is small)."""
        self.novelty_index = None
        self.query_one(SourceList).set_novelty(None)
        if len(library.infos) <= NOVELTY_SYNC_MAX:
            index = build_novelty_index(library)
            if index is not None:
                self._install_novelty(library, index)
            return

        read = set(self.query_one(SourceList).read)

        def work() -> None:
            found = build_novelty_index(library, self._stop.is_set, read, self._keys_quiet)
            if found is not None:
                self.post_message(NoveltyReady(library, found))

        self.run_worker(work, thread=True, name="novelty", group="novelty", exclusive=True)

    def _keys_quiet(self) -> None:
        """In a background worker: wait while keys are being pressed. The worker holds the
        interpreter most of the time it runs (a 100,000-article corpus keeps it busy for
        minutes), and the key's handler and the frame after it need it more."""
        while (
            time.monotonic() - getattr(self, "last_key_time", 0.0) < KEYS_QUIET
            and not self._stop.is_set()
        ):
            time.sleep(0.02)

    def on_novelty_ready(self, message: NoveltyReady) -> None:
        """The worker's index: use it if its library is still the one shown."""
        library = self.library
        index = message.index
        if library is not None and message.library is library and isinstance(index, NoveltyIndex):
            self._install_novelty(library, index)

    def _install_novelty(self, library: Library, index: NoveltyIndex) -> None:
        sources = self.query_one(SourceList)
        if index.read <= sources.read:  # articles opened meanwhile: update what they change
            for aid in sources.read - index.read:
                index.mark_read(aid)
        else:
            index.set_read(sources.read)
        self.novelty_index = index
        sources.set_novelty(index.fraction)
        if self.current is not None:
            self._dim_read(self.current)

    def _novelty_read(self, article_id: str) -> None:
        """`article_id` was opened (and marked read): update what it changes."""
        index = self.novelty_index
        if index is None:
            return
        changed = index.mark_read(article_id)
        if changed:
            self.query_one(SourceList).novelty_changed(changed)
        self._dim_read(article_id)

    def _dim_read(self, article_id: str) -> None:
        """Give the article view the passages of `article_id` read elsewhere."""
        index = self.novelty_index
        found = index.novelty(article_id) if index is not None else None
        view = self.query_one(ArticleView)
        if view.article is not None and view.article.id == article_id:
            view.set_read_spans(found.read_spans if found is not None else [])

    def action_toggle_read_dim(self) -> None:
        """`d`: dim the passages already read elsewhere, or show them like the rest."""
        view = self.query_one(ArticleView)
        view.set_dim_read(not view.dim_read)
        if not view.dim_read:
            self.notify("Passages read elsewhere: shown like the rest.", timeout=2)
            return
        count = len(view.read_spans)
        if self.novelty_index is None:
            self.notify("Passages read elsewhere: still being found…", timeout=2)
        elif count:
            plural = "s" if count != 1 else ""
            self.notify(f"Passages read elsewhere: {count} dimmed passage{plural}.", timeout=2)
        else:
            self.notify("Passages read elsewhere: none in this article.", timeout=2)
