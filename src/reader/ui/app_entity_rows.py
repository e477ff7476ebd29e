"""The selected entity's rows in the panel: its first mentions (with their sentences) and its
quotations.

An entity named in few articles gets them on the spot. One named across a big corpus (the most
common place of a 100,000-article corpus is in most of them) shows its card at once, with
"finding…" under it; a thread worker reads the rows and posts `EntityRowsReady`, whose handler
fills the panel if that entity is still shown. `]` / `[` never wait for these rows: they step
through the entity's articles directly (`Library.step_entity`).
"""

from __future__ import annotations

import contextlib
from typing import TYPE_CHECKING, NamedTuple

from textual.css.query import NoMatches
from textual.worker import get_current_worker

from reader.domain.model import Entity, MentionRef
from reader.domain.quotes.types import Quote
from reader.ui.app_base import ReaderBase
from reader.ui.messages import EntityRowsReady
from reader.ui.xref_panel import MAX_MENTION_ROWS, XrefPanel

if TYPE_CHECKING:
    from reader.domain.library import Library

#: Up to this many articles naming the entity, its rows are found on the spot (no "finding…").
ENTITY_ROWS_SYNC_MAX = 100


class EntityRows(NamedTuple):
    """What the panel lists of an entity: its first mentions, its quotations, and how many
    mentions it has in all (more than `refs` when only the first ones were read)."""

    refs: list[MentionRef]
    quotes: list[Quote]
    total: int


def find_entity_rows(library: Library, entity_id: str, warn: object = None) -> EntityRows:
    """The panel rows of `entity_id` (a failure to read leaves that part empty; `warn`, if
    callable, is told why)."""
    try:
        refs = list(
            library.entity_mentions(entity_id, contexts=MAX_MENTION_ROWS, limit=MAX_MENTION_ROWS)
        )
    except Exception as exc:
        if callable(warn):
            warn(f"entity_mentions() failed: {exc!r}")
        refs = []
    try:
        quotes = library.entity_quotes(entity_id)
    except Exception as exc:
        if callable(warn):
            warn(f"entity_quotes() failed: {exc!r}")
        quotes = []
    total = len(refs)
    ent = library.entities.get(entity_id)
    if ent is not None and len(refs) >= MAX_MENTION_ROWS:  # only the first ones were read
        total = max(total, ent.mentions)
    return EntityRows(refs, quotes, total)


class EntityRowsMixin(ReaderBase):
    """The panel's rows for the selected entity, on the spot or from a worker."""

    def show_entity_rows(self, entity: Entity) -> None:
        """Show `entity` in the panel: its rows now if known or cheap, else "finding…" now
        and the rows when the worker has them."""
        library = self.library
        if library is None:
            return
        panel = self.query_one(XrefPanel)
        rows = self._entity_rows.get(entity.id)
        if rows is None and len(library.entity_positions(entity.id)) <= ENTITY_ROWS_SYNC_MAX:
            rows = find_entity_rows(library, entity.id, self.log.warning)
            self._entity_rows[entity.id] = rows
        if rows is not None:
            panel.show_entity(entity, rows.refs, rows.quotes, total=rows.total)
            return
        panel.show_entity(entity, None, None, total=entity.mentions)
        self.run_worker(
            lambda: self._find_rows(library, entity.id),
            thread=True,
            name="entity-rows",
            group="entity-rows",
            exclusive=True,
        )

    def _find_rows(self, library: Library, entity_id: str) -> None:
        """In a thread: find the rows, post them (unless superseded)."""
        worker = get_current_worker()
        rows = find_entity_rows(library, entity_id)
        if not worker.is_cancelled:
            self.post_message(EntityRowsReady(library, entity_id, rows))

    def on_entity_rows_ready(self, message: EntityRowsReady) -> None:
        """Keep the rows; fill the panel if it still shows that entity."""
        if message.library is not self.library:
            return
        self._entity_rows[message.entity] = message.rows
        with contextlib.suppress(NoMatches):  # arriving while the app shuts down
            panel = self.query_one(XrefPanel)
            if panel.entity is not None and panel.entity.id == message.entity:
                rows: EntityRows = message.rows
                panel.show_entity(panel.entity, rows.refs, rows.quotes, total=rows.total)
