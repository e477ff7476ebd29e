"""`T`: the timeline screen, built from `reader.domain.timeline` (in a worker on a big corpus),
and opening the article chosen there (a recorded jump)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from reader.ui.app_base import ReaderBase
from reader.ui.history import Location
from reader.ui.messages import TimelineReady

if TYPE_CHECKING:  # the timeline's modules are imported when it is first asked for
    from reader.domain.library import Library
    from reader.domain.timeline import TimelineEntry
    from reader.ui.timeline_layout import EntryText, TimelineLayout

#: Up to this many articles the timeline is computed on the spot.
TIMELINE_SYNC_MAX = 500
#: The vertical scrollbar's width (the timeline keeps its gutter: `scrollbar-gutter: stable`).
SCROLLBAR = 2


class QuoteHooks:
    """Where the timeline finds quotations: the groups each article carries, and a group's text
    (with its speaker) as an article carries it.

    Quotations come from the quotes work (`Library.quote_groups()`, the articles' quotations in
    `raw_quotes` or the store's `all_quotes()`); a library without them gives none, and the
    timeline then lists entities only. A quotation in no group is a group of its own.
    """

    def __init__(self, library: Library) -> None:
        self._by_article: dict[str, list[str]] = {}
        self._texts: dict[tuple[str, str], str] = {}
        grouping = getattr(library, "quote_groups", None)
        if not callable(grouping):
            return
        try:
            groups = grouping().groups
            source = library.source
            found = (
                source.all_quotes()  # type: ignore[attr-defined]
                if source is not None
                else dict(getattr(library, "raw_quotes", {}))
            )
        except Exception:  # quotations unreadable: the timeline still has the entities
            return
        group_of: dict[tuple[str, int], str] = {}
        for group in groups:
            if group:
                gid = f"{group[0].article}#{group[0].index}"
                for ref in group:
                    group_of[(ref.article, ref.index)] = gid
        for aid, quotes in found.items():
            for index, quote in enumerate(quotes):
                gid = group_of.get((aid, index), f"{aid}#{index}")
                self._by_article.setdefault(aid, []).append(gid)
                speaker = getattr(quote, "speaker", None)
                text = str(getattr(quote, "text", ""))
                shown = text if text.startswith(("«", "“", '"')) else f"« {text} »"
                self._texts.setdefault((aid, gid), f"{shown} — {speaker}" if speaker else shown)

    def groups(self, article_id: str) -> list[str]:
        """The quotation groups the article carries, in its order."""
        return self._by_article.get(article_id, [])

    def text(self, article_id: str, group_id: str) -> str | None:
        """The group's quotation as `article_id` carries it, in quote marks, then `— speaker`
        when one is known."""
        return self._texts.get((article_id, group_id))


def compute_timeline(library: Library) -> tuple[list[TimelineEntry], QuoteHooks]:
    """The library's timeline (no article text is read) and its quotations."""
    from reader.domain.timeline import build_timeline

    quotes = QuoteHooks(library)
    return build_timeline(library.story_items(quotes.groups)), quotes


@dataclass
class TimelineData:
    """A library's timeline ready to show: entries, their texts, and (when the width was
    known) the lines laid out."""

    library: Library
    entries: list[TimelineEntry]
    texts: Callable[[int], EntryText]
    first_undated: int | None
    layout: TimelineLayout | None = None


def prepare_timeline(library: Library, width: int | None = None) -> TimelineData:
    """Everything the timeline screen needs of `library`; laid out at `width` when given."""
    from reader.ui.timeline_layout import entry_text, layout_timeline

    entries, quotes = compute_timeline(library)
    entities = library.entities

    def name(entity_id: str) -> str:
        ent = entities.get(entity_id)
        return ent.name if ent is not None else entity_id

    def label(entity_id: str) -> str:
        ent = entities.get(entity_id)
        return ent.label if ent is not None else "MISC"

    def texts(index: int) -> EntryText:
        entry = entries[index]
        info = library.infos[entry.article_id]
        aid = entry.article_id
        return entry_text(
            entry, info.title, info.source, name, lambda gid: quotes.text(aid, gid), label
        )

    first_undated = next((i for i, e in enumerate(entries) if not e.dated), None)
    data = TimelineData(library, entries, texts, first_undated)
    if width is not None:
        data.layout = layout_timeline(len(entries), texts, first_undated, width)
    return data


class TimelineMixin(ReaderBase):
    """The timeline screen and what it opens."""

    _timeline: TimelineData | None = None

    def _timeline_width(self) -> int:
        """The width the timeline's lines will have (the screen, less scrollbar and gutter)."""
        from reader.ui.timeline_layout import GUTTER

        return max(1, self.size.width - SCROLLBAR - GUTTER)

    def action_timeline(self) -> None:
        """`T`: the articles by date, with what first appears in each."""
        library = self.library
        if library is None:
            self.notify("The articles are still loading.", timeout=2)
            return
        cached = self._timeline
        if cached is not None and cached.library is library:
            self._open_timeline(cached)
            return
        width = self._timeline_width()
        if len(library.infos) <= TIMELINE_SYNC_MAX:
            self._open_timeline(prepare_timeline(library, width))
            return
        self.notify("Building the timeline…", timeout=2)

        def work() -> None:
            self.post_message(TimelineReady(library, prepare_timeline(library, width)))

        self.run_worker(work, thread=True, name="timeline", group="timeline", exclusive=True)

    def on_timeline_ready(self, message: TimelineReady) -> None:
        """The worker's timeline: show it if its library is still the one shown."""
        data = message.entries
        if message.library is self.library and isinstance(data, TimelineData):
            self._open_timeline(data)

    def _open_timeline(self, data: TimelineData) -> None:
        from reader.ui.timeline_screen import TimelineScreen

        self._timeline = data
        if isinstance(self.screen, TimelineScreen):
            return
        entries = data.entries
        ids = [e.article_id for e in entries]
        first_undated = data.first_undated
        start = ids.index(self.current) if self.current in ids else 0
        dated = first_undated if first_undated is not None else len(entries)
        heading = f"Timeline · {len(entries)} articles · {len(entries) - dated} undated"

        def opened(article_id: str | None) -> None:
            if article_id is not None:
                self.goto(Location(article_id))

        screen = TimelineScreen(
            ids, data.texts, first_undated, start=start, heading=heading, prebuilt=data.layout
        )
        data.layout = None  # the view keeps it; a later opening lays out at its own width
        self.push_screen(screen, opened)
