"""Bring a corpus index up to date, incrementally, and open it as a `Library`.

`update()` is the only writer. It stats every file and re-reads only new or changed ones, runs
spaCy only on content it has not analysed before (cache keyed by content hash and model
version), never decodes an unchanged article, links incrementally from linking totals kept by
folded form (the same result as linking from nothing), sends Whoosh only the documents whose
text or entity terms changed, and finds shared passages only for pairs touching a changed
article, against the passage index kept on disk between updates. Writers are serialised by a
lock file; readers never wait. Each stage is a module of `reader.domain.updating`.
"""

from __future__ import annotations

import fcntl
import os
import shutil
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from reader.domain.discovery import unreadable_roots as discover_roots
from reader.domain.faults import CorpusUnreadable, unwritable
from reader.domain.faults import IndexUnwritable as IndexUnwritable  # re-exported
from reader.domain.library import LazySearcher, Library, Searcher
from reader.domain.model import (
    Entity,
    SearchResult,
)
from reader.domain.store import StoreCorrupt, StoreReader, StoreUnwritable
from reader.domain.updating.common import (  # re-exported: the callers' names
    LOCK_NAME as LOCK_NAME,
)
from reader.domain.updating.common import (
    PIPELINE_VERSION as PIPELINE_VERSION,
)
from reader.domain.updating.common import (
    SEARCH_DIR as SEARCH_DIR,
)
from reader.domain.updating.common import (
    STORE_NAME as STORE_NAME,
)
from reader.domain.updating.common import (
    Cancelled as Cancelled,
)
from reader.domain.updating.common import (
    Progress as Progress,
)
from reader.domain.updating.common import (
    StopCheck as StopCheck,
)
from reader.domain.updating.common import (
    UpdateReport as UpdateReport,
)
from reader.domain.updating.common import (
    corrections_path as corrections_path,
)
from reader.domain.updating.common import (
    discard_store,
    open_store,
)
from reader.domain.updating.common import versions as _versions  # noqa: F401
from reader.domain.updating.extract import _ner_worker_init as _ner_worker_init
from reader.domain.updating.extract import _ner_workers as _ner_workers
from reader.domain.updating.index import entity_terms as entity_terms
from reader.domain.updating.scan import is_current as is_current
from reader.domain.updating.updater import Updater

if TYPE_CHECKING:
    pass


@contextmanager
def writer_lock(index_dir: Path, progress: Progress | None = None) -> Iterator[None]:
    """Hold the corpus's writer lock; waits (and says so) while another process indexes."""
    index_dir.mkdir(parents=True, exist_ok=True)
    fd = os.open(index_dir / LOCK_NAME, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            if progress:
                progress("waiting for another reader process to finish indexing", 0, 0)
            fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        fcntl.flock(fd, fcntl.LOCK_UN)
        os.close(fd)


def update(
    paths: Sequence[Path],
    index_dir: Path,
    *,
    progress: Progress | None = None,
    should_stop: StopCheck | None = None,
    rebuild: bool = False,
    rebuild_search: bool = False,
) -> UpdateReport:
    """Bring the index of `paths` up to date; returns what changed. Blocking; run in a worker.

    `rebuild` starts from nothing; `rebuild_search` rebuilds only the search index (for a
    search index found damaged while querying it). A store found damaged while it is read is
    moved aside and rebuilt, with a notice. Raises `Cancelled` when `should_stop()` turns
    true; nothing half-done is committed (but the extraction of every finished chunk is).
    Raises `IndexUnwritable` when the index cannot be written (full disk, read-only file
    system): the index stays as it was, readable, and the next update resumes; and
    `CorpusUnreadable` when a corpus path cannot be read at all (nothing is removed)."""
    unreadable = discover_roots(list(paths))
    if unreadable:
        raise CorpusUnreadable(
            "; ".join(f"cannot read {p.path}: {p.reason}" for p in unreadable)
            + " (the index is kept as it was)"
        )
    try:
        with writer_lock(index_dir, progress):
            if rebuild_search and not rebuild:
                shutil.rmtree(index_dir / SEARCH_DIR, ignore_errors=True)
            try:
                return Updater(list(paths), index_dir, progress, should_stop).run(rebuild)
            except StoreCorrupt as exc:
                discard_store(index_dir)
                updater = Updater(list(paths), index_dir, progress, should_stop)
                updater.report.notices.append(f"The index store was damaged ({exc}); rebuilt it.")
                return updater.run(False)
    except (StoreUnwritable, OSError) as exc:
        failed_write = unwritable(index_dir, exc)
        if failed_write is None:
            raise
        raise failed_write from exc


def open_library(paths: Sequence[Path], index_dir: Path, *, verify: bool = True) -> Library:
    """Open the stored index of `paths` as a `Library` (no spaCy import, no writes but a
    store upgrade).

    Only what the list of articles needs is read now; texts, mentions and passages are read
    when asked for, from a snapshot of the store taken here (an `update()` running meanwhile
    does not change what this library shows). `verify` first checks the store's structure and
    that every stored row reads (`StoreCorrupt` if not); without it, call `library.verify()`
    later. Close the library (`library.close()`) when it is replaced."""
    reader = StoreReader(open_store(index_dir, shared=True, check=False, read_only_ok=True))
    try:
        if verify:
            reader.verify()
        library = Library.from_source(
            reader, reader.headers(), reader.entities(), reader.problems()
        )
    except BaseException:
        reader.close()
        raise
    search_dir = index_dir / SEARCH_DIR
    if search_dir.exists():
        entities = library.entities

        def open_searcher() -> Searcher:
            from reader.domain.search import SearchIndex

            index = SearchIndex.open(search_dir)
            resolver = EntityResolver(entities.values())
            return lambda query, limit: index.search(
                query, limit, entity_id=resolver, entity_names=resolver.names
            )

        library.searcher = LazySearcher(open_searcher)
    return library


class EntityResolver:
    """Maps a queried entity name (an `entity_term`) to the id of the entity bearing it."""

    def __init__(self, entities: Iterable[Entity]) -> None:
        self._ids: dict[str, str] = {}
        self._names: dict[str, list[str]] = {}
        self._add((ent.id, ent.name, ent.aliases) for ent in entities)

    @classmethod
    def from_names(cls, names: Iterable[tuple[str, str, Sequence[str]]]) -> EntityResolver:
        """A resolver from (id, name, aliases) triples (`Store.entity_names`)."""
        resolver = cls(())
        resolver._add(names)
        return resolver

    def _add(self, names: Iterable[tuple[str, str, Sequence[str]]]) -> None:
        from reader.domain.search.analysis import entity_term

        for eid, name, aliases in names:
            self._names[eid] = [name, *aliases]
            for n in (eid, name, *aliases):
                self._ids.setdefault(entity_term(n), eid)

    def __call__(self, term: str) -> str | None:
        return self._ids.get(term)

    def names(self, entity_id: str) -> list[str]:
        """The entity's name and aliases (its matches in a search hit)."""
        return self._names.get(entity_id, [])


@dataclass
class SearchOnly:
    """Just enough of a `Library` to answer queries, opened without loading the articles
    (titles, texts and snippets come from the search index's stored fields)."""

    index_dir: Path
    notices: list[str] = field(default_factory=list)

    def search(self, query: str, limit: int = 20, *, count: str = "exact") -> SearchResult:
        """Run a query (see `SearchIndex.search`: `count` is "exact", "estimate" or "none");
        `entity:` names resolve through the store."""
        from reader.domain.search import SearchIndex

        resolver: EntityResolver | None = None
        if "entity:" in query.casefold():
            resolver = _entity_resolver(self.index_dir)
        with SearchIndex.open(self.index_dir / SEARCH_DIR) as index:
            return index.search(
                query,
                limit,
                entity_id=resolver,
                entity_names=resolver.names if resolver is not None else None,
                count=count,  # type: ignore[arg-type]
            )


def _entity_resolver(index_dir: Path) -> EntityResolver:
    """The resolver of `entity:` names, from the entities' names only. The store is opened
    without its whole-file check (it reads every page: ~1 s at 100,000 articles); if a row
    turns out damaged, it is opened again with the check, which moves a damaged store aside."""
    for check in (False, True):
        store = open_store(index_dir, read_only_ok=True, check=check)
        try:
            return EntityResolver.from_names(store.entity_names())
        except StoreCorrupt:
            if check:
                raise
        finally:
            store.close()
    raise AssertionError("unreachable")  # pragma: no cover


def open_search(index_dir: Path) -> SearchOnly:
    """Open only the search side of an index (for `reader search`: no articles loaded)."""
    return SearchOnly(index_dir)
