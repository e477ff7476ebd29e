"""What a failed operation on an index means: a write refused for want of space or permission
(`IndexUnwritable`), or a corpus that cannot be read at all (`CorpusUnreadable`). Neither is
damage: nothing is moved aside, nothing is removed; the fault stays with the operation.
"""

from __future__ import annotations

import errno
from pathlib import Path

from reader.domain.sanitize import sanitize_inline
from reader.domain.store import StoreUnwritable


class IndexUnwritable(Exception):
    """The index folder cannot be written (disk full, quota, read-only file system,
    permission). Not damage: the index is left as the last update committed it and still
    answers (read-only); the next update resumes where this one stopped."""

    def __init__(self, index_dir: Path, reason: str) -> None:
        super().__init__(f"cannot write the index in {index_dir}: {reason}")
        self.index_dir = index_dir
        self.reason = reason


class CorpusUnreadable(Exception):
    """A corpus path given cannot be read at all: the update is refused and the index kept
    (rather than every article taken for deleted)."""


#: What an `OSError` says when a write failed for want of space or permission.
_WRITE_ERRNOS: dict[int, str] = {
    errno.ENOSPC: "disk full",
    errno.EDQUOT: "disk quota exceeded",
    errno.EFBIG: "file too large for the file system",
    errno.EROFS: "read-only file system",
    errno.EACCES: "permission denied",
    errno.EPERM: "permission denied",
}


def unwritable(index_dir: Path, exc: BaseException) -> IndexUnwritable | None:
    """The `IndexUnwritable` that `exc` means, if it is a failed write."""
    if isinstance(exc, StoreUnwritable):
        return IndexUnwritable(index_dir, exc.reason)
    if isinstance(exc, OSError) and exc.errno in _WRITE_ERRNOS:
        where = f": {exc.filename}" if exc.filename else ""
        reason = f"{_WRITE_ERRNOS[exc.errno]} ({exc.strerror or exc}{where})"
        return IndexUnwritable(index_dir, sanitize_inline(reason))
    return None
