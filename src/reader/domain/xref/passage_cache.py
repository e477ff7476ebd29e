"""The shared-passage index kept between updates, so that an update checks only the new or
changed articles against it instead of tokenising every text again.

The index is a cache next to the store (`passages.pickle` in the index folder, written by this
program only, like Whoosh's own pickled table of contents): it records the content hash of
each article it holds, and `load` gives it back with every article whose content hash no longer
matches the corpus removed, so an index left behind by a killed run is repaired, never trusted.
"""

from __future__ import annotations

import os
import pickle
from collections.abc import Mapping
from contextlib import suppress
from pathlib import Path

from reader.domain.xref.passages import PassageIndex

#: Bump when `PassageIndex`'s state or its tokenising changes (a cache of another version is
#: ignored and rebuilt).
CACHE_VERSION = 2
FILE_NAME = "passages.pickle"


def load(directory: Path, hashes: Mapping[str, str]) -> tuple[PassageIndex, dict[str, str]] | None:
    """The stored index and the content hash of each article in it, with the articles whose
    hash differs from `hashes` (the corpus now) or that are gone removed; None when there is
    no usable cache (missing, unreadable, another version)."""
    try:
        with open(directory / FILE_NAME, "rb") as fh:
            version, held, index = pickle.load(fh)
    except Exception:  # a missing, truncated or foreign file: rebuild
        return None
    if version != CACHE_VERSION or not isinstance(index, PassageIndex):
        return None
    kept: dict[str, str] = {}
    for aid, digest in held.items():
        if hashes.get(aid) == digest:
            kept[aid] = digest
        else:
            index.remove(aid)
    for aid in index.ids():
        if aid not in kept:
            index.remove(aid)
    return index, kept


def save(directory: Path, index: PassageIndex, hashes: Mapping[str, str]) -> None:
    """Write the index (atomically) with the content hash of each article it holds. A failed
    write (full disk, read-only folder) only loses the cache: the next update rebuilds it."""
    path = directory / FILE_NAME
    tmp = path.with_name(path.name + ".tmp")
    held = {aid: hashes[aid] for aid in index.ids() if aid in hashes}
    try:
        with open(tmp, "wb") as fh:
            pickle.dump((CACHE_VERSION, held, index), fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
    except OSError:
        for stale in (tmp, path):
            with suppress(OSError):
                stale.unlink(missing_ok=True)


def discard(directory: Path) -> None:
    """Remove the cache (a rebuild starts from nothing)."""
    with suppress(OSError):
        (directory / FILE_NAME).unlink(missing_ok=True)
