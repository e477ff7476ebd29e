"""Scanning the corpus (stat calls only) and `is_current`: does the index hold the corpus as it
is now?"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from reader.domain import stat_cache
from reader.domain.discovery import SourceFile
from reader.domain.model import (
    Problem,
)
from reader.domain.store import FileEntry, Store, StoreCorrupt, StoreUnwritable
from reader.domain.updating.common import (
    SEARCH_DIR,
    STORE_NAME,
    versions,
)

if TYPE_CHECKING:
    pass


def scan(paths: Sequence[Path]) -> tuple[dict[str, tuple[SourceFile, str]], list[Problem]]:
    """Stat the corpus: absolute path → (SourceFile, article id of the file)."""
    from reader.domain.discovery import discover
    from reader.domain.ids import assign_ids

    files, problems = discover(list(paths))
    ids = assign_ids(files)
    return {src.file: (src, ids[src.file]) for src in files}, problems


def unchanged(entry: FileEntry | None, src: SourceFile, file_id: str) -> bool:
    return (
        entry is not None
        and (entry.size, entry.mtime_ns) == (src.size, src.mtime_ns)
        and entry.file_id == file_id
    )


def is_current(paths: Sequence[Path], index_dir: Path, *, verify_search: bool = True) -> bool:
    """True when the index holds exactly the corpus as it is now (stat calls only).

    The store is read without its page check, which is for those who read articles from it
    (`open_library`, `update`). With `verify_search` the search index is opened and its files
    checked; without it (`reader search`, which opens the index next and rebuilds it if it
    turns out damaged) only its version file and table of contents are looked at.
    """
    store_path = index_dir / STORE_NAME
    search_dir = index_dir / SEARCH_DIR
    if not store_path.exists() or not _search_index_present(search_dir):
        return False
    try:
        store = Store(store_path, check=False)
    except StoreUnwritable:  # a full disk or a read-only index: read it as it is
        try:
            store = Store(store_path, check=False, readonly=True)
        except (StoreCorrupt, StoreUnwritable):
            return False
    except StoreCorrupt:
        return False
    try:
        if store.get_meta("complete") != "1":
            return False
        for key, value in versions(paths).items():
            if store.get_meta(f"version:{key}") != value:
                return False
        # The store's records are read only if the snapshot cannot vouch for them.
        if not stat_cache.still_current(index_dir, paths, store.file_stats):
            recorded = store.file_stats()
            walk, ids, taken = stat_cache.scan(paths)
            found = {src.file: (src, ids[src.file]) for src in walk.files}
            if found.keys() != recorded.keys():
                return False
            if any(
                recorded[name] != (src.size, src.mtime_ns, fid)
                for name, (src, fid) in found.items()
            ):
                return False
            stat_cache.remember(index_dir, paths, walk, taken)
    except StoreCorrupt:
        return False
    finally:
        store.close()
    return not verify_search or _search_index_opens(search_dir)


def _search_index_present(directory: Path) -> bool:
    """The search index's version file says this program's schema and a table of contents
    exists (no Whoosh import: a cheap first look)."""
    from reader.domain.versions import SEARCH_SCHEMA_VERSION, SEARCH_VERSION_FILE

    try:
        version = (directory / SEARCH_VERSION_FILE).read_text(encoding="ascii").strip()
        names = os.listdir(directory)
    except (OSError, UnicodeDecodeError):
        return False
    return version == str(SEARCH_SCHEMA_VERSION) and any(n.endswith(".toc") for n in names)


def _search_index_opens(directory: Path) -> bool:
    """True when the search index opens and its files read (missing, other schema version,
    truncated or damaged files: False, so that `update()` rebuilds it)."""
    from reader.domain.search import SearchError, SearchIndex

    try:
        SearchIndex.open(directory).close()
    except SearchError:
        return False
    return True
