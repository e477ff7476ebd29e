"""The search index's files and locks: which files are the index's, its schema version file,
waiting for another writer (`acquire`), and touching every segment so that a damaged one fails
at once (`verify`)."""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from whoosh.index import LockError

from reader.domain.search.errors import IndexBusy
from reader.domain.versions import SEARCH_VERSION_FILE

INDEX_NAME = "MAIN"
VERSION_FILE = SEARCH_VERSION_FILE
#: Seconds `update` waits for another writer before raising `IndexBusy`.
LOCK_TIMEOUT = 5.0


def is_index_file(name: str) -> bool:
    return (
        name.startswith((f"{INDEX_NAME}_", f"_{INDEX_NAME}_"))
        or name == VERSION_FILE
        or name.startswith(f"{VERSION_FILE}.")
    )


def read_version(directory: Path) -> str | None:
    try:
        return (directory / VERSION_FILE).read_text(encoding="ascii").strip()
    except (OSError, UnicodeDecodeError):
        return None


def write_version(directory: Path, version: int | str) -> None:
    """Write `version` as the index's schema version (atomically, synced)."""
    tmp = directory / f"{VERSION_FILE}.{os.getpid()}.tmp"
    with open(tmp, "w", encoding="ascii") as fh:
        fh.write(f"{version}\n")
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, directory / VERSION_FILE)


def describe(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()[0][:200] if str(exc).strip() else ""
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__


def acquire(attempt: Callable[[], Any], directory: Path, timeout: float = LOCK_TIMEOUT) -> Any:
    """Call `attempt` until it neither raises `LockError` nor returns False; back off up to
    `timeout` seconds, then raise `IndexBusy`."""
    deadline = time.monotonic() + timeout
    delay = 0.05
    while True:
        try:
            got = attempt()
        except LockError:
            got = False
        if got is not False:
            return got
        if time.monotonic() >= deadline:
            raise IndexBusy(
                f"the search index in {directory} is being written by another process; "
                f"gave up after {timeout:g} s — try again when it has finished"
            )
        time.sleep(min(delay, max(0.0, deadline - time.monotonic())))
        delay = min(delay * 2, 0.5)


def verify(reader: Any) -> None:
    """Touch every segment's files so that a truncated or missing one fails now, not later."""
    n = reader.doc_count_all()
    if n:
        reader.stored_fields(0)
        reader.stored_fields(n - 1)
    for fieldname in ("id", "body"):
        for _ in zip(range(1), reader.lexicon(fieldname), strict=False):
            pass
    list(reader.all_doc_ids())
