"""What changed on disk since the index was built: new, edited and removed files (stat only).

The app asks this (in a worker, every few seconds) while it is open; `pipeline.is_current`
answers "anything at all?", this says what, for the notice ("2 new articles").
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from reader.domain.discovery import discover
from reader.domain.ids import assign_ids
from reader.domain.pipeline import STORE_NAME
from reader.domain.store import Store, StoreCorrupt


@dataclass(frozen=True, slots=True)
class FileChanges:
    """Absolute paths of the corpus files added, edited or removed since the last update."""

    added: tuple[str, ...] = ()
    edited: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.added or self.edited or self.removed)


def file_changes(paths: Sequence[Path], index_dir: Path) -> FileChanges:
    """Compare the corpus files' sizes and modification times with the index's manifest
    (no file is read). No index yet: every file is new."""
    files, _ = discover(list(paths))
    ids = assign_ids(files)
    found = {src.file: (src.size, src.mtime_ns, ids[src.file]) for src in files}
    recorded: dict[str, tuple[int, int, str]] = {}
    store_path = index_dir / STORE_NAME
    if store_path.exists():
        try:
            store = Store(store_path, check=False)
        except StoreCorrupt:
            store = None
        if store is not None:
            try:
                recorded = store.file_stats()
            except StoreCorrupt:
                recorded = {}
            finally:
                store.close()
    return FileChanges(
        added=tuple(sorted(found.keys() - recorded.keys())),
        edited=tuple(sorted(p for p in found.keys() & recorded.keys() if found[p] != recorded[p])),
        removed=tuple(sorted(recorded.keys() - found.keys())),
    )


def _count(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def change_summary(
    old_ids: set[str] | frozenset[str], new_ids: set[str] | frozenset[str], changes: FileChanges
) -> str:
    """The notice after an update: "2 new articles · 1 file edited · 1 article removed"."""
    parts: list[str] = []
    added = len(new_ids - old_ids)
    removed = len(old_ids - new_ids)
    if added:
        parts.append(_count(added, "new article", "new articles"))
    if changes.edited:
        parts.append(_count(len(changes.edited), "file edited", "files edited"))
    if removed:
        parts.append(_count(removed, "article removed", "articles removed"))
    return " · ".join(parts) if parts else "index updated"
