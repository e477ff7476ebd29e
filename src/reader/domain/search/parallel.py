"""Writing one batch of documents; a big first batch of an empty index by two processes.

Analysing the texts is what indexing costs, and it runs on one core. When an empty index gets
many documents (a cold build), the first part of them (in the order given) is written by a
helper process into a segment of its own while the writer holding the index lock writes the
rest; the writer then commits both segments, the helper's first, as Whoosh's own
multi-process writer does with ``multisegment=True``. Documents keep the numbers one writer
would have given them (the helper's segment comes first), and every statistic a search reads
(document frequencies, field lengths, their totals) is summed over segments: searches give
exactly what one segment gives.

The documents go to the helper through a file in Whoosh's temporary folder (pickled one by
one, read back one by one), so neither process holds them all.
"""

from __future__ import annotations

import contextlib
import os
import pickle
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

from reader.domain.search.documents import IndexDoc, doc_fields
from reader.domain.search.storage import INDEX_NAME

#: Fewest documents in one batch of an empty index for which a helper process writes a part.
PARALLEL_MIN = 400
#: Documents in one batch from which the writer gets `BIG_BATCH_LIMITMB` MB of pool (else
#: 128). Whoosh counts a posting at about two thirds of what it takes in a 64-bit CPython, so
#: the pool really holds ~1.5x this before it spills a sorted run to disk: the bound of a
#: writer's memory whatever the corpus size (384 made the 10k build peak at 937 MB).
BIG_BATCH = 1000
BIG_BATCH_LIMITMB = 192


def pool_limit(count: int, helped: bool) -> int:
    """The posting pool (MB) of each writer of a batch of `count` documents: a bigger pool for
    big batches (fewer spilled runs to merge; 10k: ~1.5x); two writers share it."""
    limitmb = BIG_BATCH_LIMITMB if count >= BIG_BATCH else 128
    if helped and count >= PARALLEL_MIN:
        limitmb = max(64, limitmb * 2 // 3)
    return limitmb


def write_batch(
    ix: Any,
    writer: Any,
    directory: Path,
    add: Iterable[IndexDoc],
    delete: Sequence[str],
    count: int,
    progress: Callable[[int, int], None] | None,
    helper: Helper | None,
) -> None:
    """Delete `delete`, add or replace the `count` documents of `add` (taken one at a time)
    with `writer` (holding the lock of `ix`) and commit; with a `helper`, the first half of a
    big first batch of an empty index is written by another process (`write_segment`)."""
    for doc_id in delete:
        writer.delete_by_term("id", doc_id)
    fresh = ix.is_empty() and not delete
    docs = iter(add)
    first, wait = 0, None
    if fresh and helper is not None and count >= PARALLEL_MIN:
        folder = writer._tempstorage.folder
        name = f"{writer.newsegment.segment_id()}.docs"
        path, first = split_first(docs, count, folder, name)
        limitmb = pool_limit(count, True)
        wait = helper(write_segment, (str(directory), path, first, limitmb))
    for i, doc in enumerate(docs, first + 1):
        fields = doc_fields(doc)
        if fresh:
            writer.add_document(**fields)
        else:
            writer.update_document(**fields)
        if progress is not None:
            progress(i, count)
    if wait is not None:
        commit_with(writer, wait)
    else:
        writer.commit()


def write_segment(directory: str, docs_path: str, count: int, limitmb: int) -> Any:
    """In a helper process: index the `count` documents pickled in `docs_path` into a new
    segment of the index in `directory`, and return the segment (not committed: the writer
    that holds the lock adds it to the index). The file is removed."""
    from whoosh import index as windex
    from whoosh.writing import SegmentWriter

    ix = windex.open_dir(directory, indexname=INDEX_NAME)
    writer = SegmentWriter(ix, _lk=False, limitmb=limitmb)
    try:
        with open(docs_path, "rb") as fh:
            for _ in range(count):
                writer.add_document(**doc_fields(pickle.load(fh)))
        return writer._finalize_segment()
    except BaseException:
        with contextlib.suppress(Exception):
            writer._close_segment()
        raise
    finally:
        with contextlib.suppress(OSError):
            os.unlink(docs_path)


def split_first(docs: Iterator[IndexDoc], count: int, folder: str, name: str) -> tuple[str, int]:
    """Pickle the first half of `docs` (`count` in all) one by one into `folder/name`;
    return the path and how many were written (the rest stay in `docs`)."""
    first = count // 2
    path = os.path.join(folder, name)
    with open(path, "wb") as fh:
        for _ in range(first):
            pickle.dump(next(docs), fh, protocol=pickle.HIGHEST_PROTOCOL)
    return path, first


def commit_with(writer: Any, wait: Callable[[], Any]) -> None:
    """Commit `writer` (a Whoosh `SegmentWriter` holding the lock, on an empty index) with the
    segment `wait()` gives (written by a helper), before its own documents. The writer's own
    segment is finished (its spilled runs merged) while the helper may still be writing."""
    writer._check_state()
    final = writer._merge_segments(None, None, None)
    own = writer._finalize_segment() if writer._added else None
    if own is None:
        writer._close_segment()
    try:
        final.append(wait())
    except BaseException:  # the helper failed: nothing is committed, the lock is let go
        with contextlib.suppress(Exception):
            writer._finish()
        raise
    if own is not None:
        final.append(own)
    writer._commit_toc(final)
    writer._finish()


#: What `SearchIndex.update` is given to run `write_segment` elsewhere: called with the
#: function and its arguments, it returns a callable that waits for the segment.
Helper = Callable[[Callable[..., Any], tuple[Any, ...]], Callable[[], Any]]
