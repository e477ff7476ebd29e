"""Related articles found off the UI thread: one daemon thread serving the latest request."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TYPE_CHECKING

from reader.domain.model import Relation
from reader.ui.messages import RelatedReady

if TYPE_CHECKING:
    from reader.domain.library import Library


def related_or_none(
    library: Library, article_id: str, warn: Callable[[str], object] | None = None
) -> list[Relation]:
    """`library.related(article_id)`, or no relations if it fails (the xref code may change)."""
    try:
        return list(library.related(article_id))
    except Exception as exc:
        if warn is not None:
            warn(f"related() failed: {exc!r}")
        return []


class RelatedFinder:
    """One daemon thread that finds related articles for the latest request only.

    Older requests are dropped (the reader moved on); a daemon thread, so that quitting never
    waits for a corpus-wide comparison. Results come back as `RelatedReady` messages.
    """

    def __init__(self, post: Callable[[RelatedReady], object]) -> None:
        self._post = post
        self._cv = threading.Condition()
        self._wanted: tuple[Library, str] | None = None
        self._thread: threading.Thread | None = None

    def request(self, library: Library, article_id: str) -> None:
        """Find `article_id`'s related articles next (replacing any waiting request)."""
        with self._cv:
            self._wanted = (library, article_id)
            self._cv.notify()
            if self._thread is None:
                self._thread = threading.Thread(
                    target=self._run, name="reader-related", daemon=True
                )
                self._thread.start()

    def _run(self) -> None:
        while True:
            with self._cv:
                while self._wanted is None:
                    self._cv.wait()
                library, article_id = self._wanted
                self._wanted = None
            relations = related_or_none(library, article_id)
            try:
                self._post(RelatedReady(library, article_id, relations))
            except Exception:  # the app has gone
                return
