"""The linking totals (`entities.link_state.LinkState`) kept between updates.

A cache next to the store (`linking.pickle` in the index folder, written by this program only,
like the passage index): it is written before the store's commit under a new token, and the
commit records that token (`meta.link_state`). A cache whose token is not the store's — a run
killed between the two writes, a store rebuilt or moved aside — is not used: linking then
starts from nothing, which gives the same result, slower.
"""

from __future__ import annotations

import os
import pickle
import uuid
from contextlib import suppress
from pathlib import Path

from reader.domain.entities.link_state import LinkState

FILE_NAME = "linking.pickle"
META_KEY = "link_state"
#: Bump when `LinkState` or what it aggregates changes.
CACHE_VERSION = 1


def load(directory: Path, token: str | None) -> LinkState | None:
    """The kept state if it is the one the store's last commit recorded, else None."""
    if not token:
        return None
    try:
        with open(directory / FILE_NAME, "rb") as fh:
            version, held, state = pickle.load(fh)
    except Exception:  # missing, truncated, foreign: start from nothing
        return None
    if version != CACHE_VERSION or held != token or not isinstance(state, LinkState):
        return None
    return state


def save(directory: Path, state: LinkState) -> str | None:
    """Write the state (atomically) under a new token, returned for the commit to record;
    None when it could not be written (the next update starts from nothing)."""
    token = uuid.uuid4().hex
    path = directory / FILE_NAME
    tmp = path.with_name(path.name + ".tmp")
    try:
        with open(tmp, "wb") as fh:
            pickle.dump((CACHE_VERSION, token, state), fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
    except OSError:
        for stale in (tmp, path):
            with suppress(OSError):
                stale.unlink(missing_ok=True)
        return None
    return token


def discard(directory: Path) -> None:
    """Remove the cache (a rebuild starts from nothing)."""
    with suppress(OSError):
        (directory / FILE_NAME).unlink(missing_ok=True)
