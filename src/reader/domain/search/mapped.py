"""Read Whoosh's compound segment files through the memory map instead of copying them.

Whoosh maps a compound segment (`CompoundStorage`) and then hands out each sub-file as a
`BufferFile`, which wraps its memoryview in `BytesIO(...)`: that copies the whole sub-file
(the 55 MB postings file of a 10,000-article corpus) into memory every time the index is opened,
~120 ms of `reader search`'s start. `install()` makes `CompoundStorage.open_file` return a
`MappedFile` instead, whose file object reads straight from the map (`MemoryReader`); nothing is
copied until it is read. Segment files are never changed in place (Whoosh writes new segments and
deletes old ones; a deleted file stays mapped on POSIX), so the map stays valid while it is open.
"""

from __future__ import annotations

from io import BytesIO
from typing import Any

from whoosh.compat import memoryview_
from whoosh.filedb import compound
from whoosh.filedb.structfile import BufferFile

#: Reads after which a `MappedFile` copies its sub-file into a `BytesIO` after all: a long-lived
#: searcher (the app) then reads at C speed; a single query (`reader search`) never gets there.
COPY_AFTER_READS = 50_000


class MemoryReader:
    """A read-only, seekable binary file over a memoryview (no copy of the view). With an
    `owner`, at the first seek after `COPY_AFTER_READS` reads it replaces itself as
    `owner.file` by a `BytesIO` copy at the same position (reads through Python cost ~10-30 %
    more per query)."""

    __slots__ = ("_mv", "_owner", "_pos", "_reads")

    def __init__(self, view: memoryview, owner: Any = None) -> None:
        self._mv = view
        self._pos = 0
        self._owner = owner
        self._reads = 0

    def read(self, n: int | None = -1) -> bytes:
        """Up to `n` bytes from the current position (all that is left if `n` < 0)."""
        self._reads += 1
        pos = self._pos
        size = len(self._mv)
        end = size if n is None or n < 0 else min(pos + n, size)
        if end <= pos:
            return b""
        self._pos = end
        return bytes(self._mv[pos:end])

    def _hand_over(self) -> None:
        """Only from `seek`: a reader in the middle of a pickle (which never seeks) keeps
        this object, which goes on working; the owner's next call goes to the copy."""
        copy = BytesIO(self._mv)
        copy.seek(self._pos)
        self._owner.file = copy
        self._owner = None

    def readinto(self, buffer: Any) -> int:
        """Fill `buffer` from the current position; the number of bytes copied."""
        pos = self._pos
        chunk = self._mv[pos : pos + len(buffer)]
        buffer[: len(chunk)] = chunk
        self._pos = pos + len(chunk)
        return len(chunk)

    def readline(self, n: int | None = -1) -> bytes:
        """The bytes up to and including the next newline (at most `n`)."""
        pos = self._pos
        size = len(self._mv)
        end = size if n is None or n < 0 else min(pos + n, size)
        step = 256
        stop = pos
        while stop < end:
            upto = min(stop + step, end)
            found = bytes(self._mv[stop:upto]).find(b"\n")
            if found >= 0:
                end = stop + found + 1
                break
            stop = upto
            step *= 2
        return self.read(max(end - pos, 0))

    def seek(self, pos: int, whence: int = 0) -> int:
        """Move to `pos` (from the start, the current position or the end), as `BytesIO`
        does: a negative absolute position is an error, a relative one stops at 0."""
        if whence == 0 and pos < 0:
            raise ValueError(f"negative seek position {pos}")
        if whence == 1:
            pos = max(pos + self._pos, 0)
        elif whence == 2:
            pos = max(pos + len(self._mv), 0)
        self._pos = pos
        if self._owner is not None and self._reads >= COPY_AFTER_READS:
            self._hand_over()
        return pos

    def tell(self) -> int:
        """The current position."""
        return self._pos

    def seekable(self) -> bool:
        """Always true."""
        return True

    def readable(self) -> bool:
        """Always true."""
        return True

    def close(self) -> None:
        """Drop the view (the map itself belongs to the storage)."""
        self._mv = memoryview(b"")


class MappedFile(BufferFile):  # type: ignore[misc]
    """Whoosh's `BufferFile` reading from the map instead of a `BytesIO` copy of it."""

    def __init__(self, buf: memoryview, name: str | None = None, onclose: Any = None) -> None:
        self._buf = buf
        self._name = name
        self.file = MemoryReader(buf, owner=self)
        self.onclose = onclose
        self.is_real = False
        self.is_closed = False


_original_open_file = compound.CompoundStorage.open_file


def _open_file(self: Any, name: str, *args: Any, **kwargs: Any) -> Any:
    if getattr(self, "_source", None) is None or self.is_closed:
        return _original_open_file(self, name, *args, **kwargs)
    offset, length = self.range(name)
    return MappedFile(memoryview_(self._source, offset, length), name=name)


def install() -> None:
    """Make Whoosh's compound storage serve sub-files from the map (idempotent)."""
    compound.CompoundStorage.open_file = _open_file
