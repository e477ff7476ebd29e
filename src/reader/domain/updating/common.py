"""What every stage of an update shares: names in the index folder, versions, the report,
cancellation, opening the store (a damaged one moved aside)."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from reader.domain.model import (
    Problem,
)
from reader.domain.paths import config_dir, corpus_key
from reader.domain.store import Store, StoreCorrupt, StoreUnwritable

if TYPE_CHECKING:
    pass


Progress = Callable[[str, int, int], None]
StopCheck = Callable[[], bool]

PIPELINE_VERSION = "1"
STORE_NAME = "store.sqlite"
SEARCH_DIR = "search"
LOCK_NAME = "writer.lock"
NER_BATCH = 32
#: Fewest articles in one file for which reading it reports progress record by record.
RECORD_PROGRESS_MIN = 500


class Cancelled(Exception):
    """The caller asked `update()` to stop; what was committed stays valid."""


@dataclass
class UpdateReport:
    """What an `update()` did, for the `reader index` summary and the app's notices."""

    added: int = 0
    changed: int = 0
    removed: int = 0
    unchanged: int = 0
    analysed: int = 0
    problems: list[Problem] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def nothing_changed(self) -> bool:
        """True when no article was added, changed or removed."""
        return not (self.added or self.changed or self.removed)

    def summary(self) -> str:
        """One line for a log or a non-terminal stderr."""
        return (
            f"{self.added} added, {self.changed} changed, {self.removed} removed, "
            f"{self.unchanged} unchanged, {len(self.problems)} skipped "
            f"({self.analysed} analysed) in {self.seconds:.2f} s"
        )


def corrections_path(paths: Sequence[Path]) -> Path:
    """The user's entity corrections file for this corpus (in the config dir, never the corpus)."""
    return config_dir() / "corrections" / f"{corpus_key(list(paths))}.txt"


def versions(paths: Sequence[Path]) -> dict[str, str]:
    from reader.domain.config_files import ConfigFileError, read_config_bytes
    from reader.domain.entities.version import MODEL_VERSION
    from reader.domain.quotes.version import QUOTES_VERSION
    from reader.domain.versions import CLEANING_VERSION, SEARCH_SCHEMA_VERSION

    try:  # a FIFO or a link to /dev/zero must not hang or fill memory (issue 14.12)
        corr = read_config_bytes(corrections_path(paths))
        corr_sig = "none" if corr is None else hashlib.sha256(corr).hexdigest()
    except ConfigFileError:
        corr_sig = "unreadable"
    return {
        "pipeline": PIPELINE_VERSION,
        "cleaning": str(CLEANING_VERSION),
        "extraction": MODEL_VERSION,
        "search_schema": str(SEARCH_SCHEMA_VERSION),
        "quotes": QUOTES_VERSION,
        "corrections": corr_sig,
    }


def store_files(index_dir: Path) -> list[Path]:
    """The store database and its WAL companions."""
    path = index_dir / STORE_NAME
    return [Path(str(path) + suffix) for suffix in ("", "-wal", "-shm")]


def discard_store(index_dir: Path) -> None:
    """Move a damaged store (and its WAL files) aside as ``*.corrupt``."""
    for stale in store_files(index_dir):
        if stale.exists():
            stale.replace(Path(str(stale) + ".corrupt"))


def open_store(
    index_dir: Path,
    notices: list[str] | None = None,
    *,
    shared: bool = False,
    check: bool = True,
    read_only_ok: bool = False,
) -> Store:
    """Open the store, moving a damaged one aside (and starting afresh); with
    `read_only_ok`, a store that cannot be written (full disk, read-only file system) is
    opened read-only instead of failing with `StoreUnwritable`."""
    path = index_dir / STORE_NAME
    try:
        return Store(path, shared=shared, check=check)
    except StoreUnwritable:
        if not read_only_ok:
            raise
        return Store(path, shared=shared, check=check, readonly=True)
    except StoreCorrupt as exc:
        discard_store(index_dir)
        if notices is not None:
            notices.append(f"The index store was unreadable ({exc}); rebuilt it.")
        return Store(path, shared=shared, check=check)


def check(should_stop: StopCheck | None) -> None:
    if should_stop is not None and should_stop():
        raise Cancelled()
