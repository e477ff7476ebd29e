"""A stat cache kept by the index: `is_current` without walking and sorting the corpus again.

`pipeline.is_current` must tell, on every start, whether the corpus is what the index holds.
The full answer walks every folder (`discovery`), assigns ids (`ids`) and compares each file's
size and mtime with the store: ~0.3 s at 10,000 files, most of it Python work per file rather
than the stat calls. After a full check that said "current", `remember` writes a snapshot next
to the store (``stat-cache.json``): every folder read (device, inode, mtime), and each file's
inode and ctime. `still_current` then only stats those folders and files:

* a file added, removed or renamed changes the mtime of the folder holding it (POSIX), so
  unchanged folders mean the same set of names, hence the same files and ids;
* a file edited in place does **not** change its folder: each file is stat-ed and its size and
  mtime compared with the store, as the full check does, and its ctime and inode with the
  snapshot (ctime moves on every write and cannot be set back, so an edit that keeps the size
  and restores the mtime is still seen; a file replaced by another gets another inode).

The store's side of the comparison (each file's size and mtime as recorded: `Store.file_stats`,
~40 % of the check) is read only when needed: the snapshot also keeps each file's size and mtime
and the store file's identity (`store_stamp`: device, inode, size, mtime, ctime). While the
store is that very file (and holds no pending write-ahead log frames: every commit is in it),
its records are the ones the full check compared, so the snapshot's own sizes and mtimes stand
in for them.

It answers only "yes, current" or "don't know" (the caller then runs the full check), so it can
never call a stale index current where the full check would not. Racy timestamps: a snapshot
whose folders or files changed less than `MARGIN_NS` before it was taken is not written (a
second change within the same clock tick would leave the mtime as it was); nor is one for a
corpus reached through links (a link's target can change without its folder changing).
"""

from __future__ import annotations

import contextlib
import json
import os
import stat
import time
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

from reader.domain.discovery import DEFAULT_MAX_BYTES, _Walker, walk_paths

CACHE_NAME = "stat-cache.json"
CACHE_VERSION = 2
MARGIN_NS = 2_000_000_000


def _given(paths: Sequence[Path]) -> list[str]:
    return [os.path.abspath(p) for p in paths]


def scan(
    paths: Sequence[Path], max_bytes: int = DEFAULT_MAX_BYTES
) -> tuple[_Walker, dict[str, str], int]:
    """Walk the corpus: the walk, the article id of each file, and when the walk started."""
    from reader.domain.ids import assign_ids

    taken = time.time_ns()
    walker = walk_paths(list(paths), max_bytes)
    return walker, assign_ids(walker.files), taken


def store_stamp(index_dir: Path) -> list[int] | None:
    """The store file's identity (device, inode, size, mtime, ctime), or None when it is
    missing or its write-ahead log holds frames (commits not yet in the file itself)."""
    from reader.domain.updating.common import STORE_NAME

    path = os.path.join(index_dir, STORE_NAME)
    try:
        st = os.stat(path)
        try:
            pending = os.stat(path + "-wal").st_size
        except FileNotFoundError:
            pending = 0
    except OSError:
        return None
    if pending:
        return None
    return [st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns]


def remember(
    index_dir: Path,
    paths: Sequence[Path],
    walker: _Walker,
    taken_ns: int,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> bool:
    """Write the snapshot of a walk that the full check found current (False, and any old
    snapshot removed, when it cannot be trusted or written; the index dir may be read-only)."""
    target = index_dir / CACHE_NAME
    recent = taken_ns - MARGIN_NS
    trusted = walker.links == 0 and all(f[3] < recent for f in walker.folders)
    trusted = trusted and all(c < recent for _, c in walker.identities.values())
    if not trusted:
        forget(index_dir)
        return False
    stamp = store_stamp(index_dir)
    if stamp is not None and max(stamp[3], stamp[4]) >= recent:
        stamp = None  # written just now: a later write could keep its timestamps
    data = {
        "version": CACHE_VERSION,
        "paths": _given(paths),
        "max_bytes": max_bytes,
        "folders": walker.folders,
        "files": {f.file: [*walker.identities[f.file], f.size, f.mtime_ns] for f in walker.files},
        "store": stamp,
    }
    tmp = index_dir / f".{CACHE_NAME}.{os.getpid()}.tmp"
    try:
        # ASCII: a file name that is not UTF-8 (lone surrogates) survives the round trip.
        tmp.write_text(json.dumps(data), encoding="ascii")
        os.replace(tmp, target)
    except OSError:
        with contextlib.suppress(OSError):
            tmp.unlink()
        return False
    return True


def forget(index_dir: Path) -> None:
    """Remove the snapshot (nothing happens if there is none)."""
    with contextlib.suppress(OSError):
        (index_dir / CACHE_NAME).unlink()


def _load(index_dir: Path) -> dict[str, Any] | None:
    try:
        data = json.loads((index_dir / CACHE_NAME).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) and data.get("version") == CACHE_VERSION else None


def still_current(
    index_dir: Path,
    paths: Sequence[Path],
    recorded: Mapping[str, tuple[int, int, str]] | Callable[[], Mapping[str, tuple[int, int, str]]],
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> bool:
    """True when the snapshot proves that the corpus is still what `recorded` (the store's
    path → (size, mtime_ns, id), or a function reading it, called only if the store changed
    since the snapshot) says; False means "run the full check"."""
    data = _load(index_dir)
    if data is None or data.get("paths") != _given(paths) or data.get("max_bytes") != max_bytes:
        return False
    try:
        files: dict[str, list[int]] = data["files"]
        stamp = data["store"]
        own = stamp is not None and stamp == store_stamp(index_dir)
        stats: Mapping[str, tuple[int, int, str]] = {}
        if not own:
            stats = recorded() if callable(recorded) else recorded
            if files.keys() != stats.keys():
                return False
        for folder, dev, ino, mtime in data["folders"]:
            st = os.stat(folder)
            if (st.st_dev, st.st_ino, st.st_mtime_ns) != (dev, ino, mtime):
                return False
        for name, (ino, ctime, size, mtime) in files.items():
            st = os.stat(name)
            if not own:
                size, mtime, _ = stats[name]
            if (
                not stat.S_ISREG(st.st_mode)
                or (st.st_size, st.st_mtime_ns) != (size, mtime)
                or (st.st_ino, st.st_ctime_ns) != (ino, ctime)
            ):
                return False
    except (OSError, KeyError, TypeError, ValueError):
        return False
    return True
