"""`T`: the timeline screen, built from `reader.domain.timeline` (in a worker on a big corpus),
and opening the article chosen there (a recorded jump)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from reader.domain.timeline import TimelineEntry, build_timeline
from reader.ui.app_base import ReaderBase
from reader.ui.history import Location
from reader.ui.messages import TimelineReady
from reader.ui.timeline_layout import EntryText, entry_text
from reader.ui.timeline_screen import TimelineScreen

if TYPE_CHECKING:
    from reader.domain.library import Library

#: Up to this many articles the timeline is computed on the spot.
TIMELINE_SYNC_MAX = 2000


def quote_hooks(
    library: Library,
) -> tuple[Callable[[str], Sequence[str]] | None, Callable[[str], str | None]]:
    """Where the timeline finds quotations: `(groups of an article, text of a group)`.

    Quotations come from the quotes work (`Library.quote_groups`); a library without it gives
    no groups, and the timeline shows entities only.
    """
    return None, _no_quote


def _no_quote(group: str) -> str | None:
    return None


def compute_timeline(library: Library) -> list[TimelineEntry]:
    """The library's timeline (no article text is read)."""
    groups, _ = quote_hooks(library)
    return build_timeline(library.story_items(groups))


class TimelineMixin(ReaderBase):
    """The timeline screen and what it opens."""

    _timeline: tuple[object, list[TimelineEntry]] | None = None

    def action_timeline(self) -> None:
        """`T`: the articles by date, with what first appears in each."""
        library = self.library
        if library is None:
            self.notify("The articles are still loading.", timeout=2)
            return
        cached = self._timeline
        if cached is not None and cached[0] is library:
            self._open_timeline(library, cached[1])
            return
        if len(library.infos) <= TIMELINE_SYNC_MAX:
            self._open_timeline(library, compute_timeline(library))
            return
        self.notify("Building the timeline…", timeout=2)

        def work() -> None:
            self.post_message(TimelineReady(library, compute_timeline(library)))

        self.run_worker(work, thread=True, name="timeline", group="timeline", exclusive=True)

    def on_timeline_ready(self, message: TimelineReady) -> None:
        """The worker's timeline: show it if its library is still the one shown."""
        if message.library is self.library and self.library is not None:
            self._open_timeline(self.library, message.entries)

    def _open_timeline(self, library: Library, entries: list[TimelineEntry]) -> None:
        self._timeline = (library, entries)
        if isinstance(self.screen, TimelineScreen):
            return
        _, quote_text = quote_hooks(library)
        entities = library.entities

        def name(entity_id: str) -> str:
            ent = entities.get(entity_id)
            return ent.name if ent is not None else entity_id

        def texts(index: int) -> EntryText:
            entry = entries[index]
            info = library.infos[entry.article_id]
            return entry_text(entry, info.title, info.source, name, quote_text)

        ids = [e.article_id for e in entries]
        first_undated = next((i for i, e in enumerate(entries) if not e.dated), None)
        start = ids.index(self.current) if self.current in ids else 0
        dated = first_undated if first_undated is not None else len(entries)
        heading = (
            f"Timeline · {len(entries)} articles, {len(entries) - dated} undated · "
            "enter opens · escape closes"
        )

        def opened(article_id: str | None) -> None:
            if article_id is not None:
                self.goto(Location(article_id))

        self.push_screen(
            TimelineScreen(ids, texts, first_undated, start=start, heading=heading), opened
        )
