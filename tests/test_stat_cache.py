"""The stat cache (`stat_cache`) never calls a corpus current where the full check would not:
edits in place (same size, same mtime restored), files added in a subfolder or an empty one,
deleted, renamed, replaced; links and fresh timestamps are not cached."""

from __future__ import annotations

import contextlib
import os
import random
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from reader.domain import pipeline, stat_cache

HOUR_NS = 3600 * 10**9


def _full(corpus: Path) -> dict[str, tuple[int, int, str]]:
    """What the full check compares: path → (size, mtime_ns, id), as the store records it."""
    walk, ids, _ = stat_cache.scan([corpus])
    return {s.file: (s.size, s.mtime_ns, ids[s.file]) for s in walk.files}


def _age(corpus: Path) -> None:
    """Put every mtime an hour back, so that the clock's granularity plays no part."""
    old = time.time_ns() - HOUR_NS
    for p in [corpus, *corpus.rglob("*")]:
        os.utime(p, ns=(old, old), follow_symlinks=False)


def _snapshot(corpus: Path, index: Path) -> dict[str, tuple[int, int, str]]:
    _age(corpus)
    walk, ids, taken = stat_cache.scan([corpus])
    recorded = {s.file: (s.size, s.mtime_ns, ids[s.file]) for s in walk.files}
    assert stat_cache.remember(index, [corpus], walk, taken)
    assert stat_cache.still_current(index, [corpus], recorded)
    return recorded


@pytest.fixture()
def corpus(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setattr(stat_cache, "MARGIN_NS", 0)
    folder = tmp_path / "corpus"
    (folder / "sub" / "deep").mkdir(parents=True)
    (folder / "empty").mkdir()
    for i, rel in enumerate(["a.txt", "b.md", "sub/c.txt", "sub/deep/d.txt"]):
        (folder / rel).write_text(f"Article {i}. " * (i + 3), encoding="utf-8")
    (tmp_path / "index").mkdir()
    return folder


def _same_size_edit(p: Path, keep_mtime: bool) -> None:
    st = p.stat()
    data = p.read_bytes()
    p.write_bytes(data[::-1])
    if keep_mtime:
        os.utime(p, ns=(st.st_atime_ns, st.st_mtime_ns))


OPS: dict[str, Callable[[Path], None]] = {
    "edit in place, same size": lambda c: _same_size_edit(c / "sub" / "c.txt", False),
    "edit in place, same size, mtime put back": lambda c: _same_size_edit(c / "a.txt", True),
    "append": lambda c: (c / "sub" / "deep" / "d.txt").open("a").write(" Fin."),
    "add in a subfolder": lambda c: (c / "sub" / "deep" / "e.txt").write_text("Nouveau."),
    "add in an empty folder": lambda c: (c / "empty" / "f.txt").write_text("Nouveau."),
    "delete": lambda c: (c / "b.md").unlink(),
    "rename": lambda c: (c / "sub" / "c.txt").rename(c / "sub" / "g.txt"),
    "replace by another file": lambda c: (
        (c / "n.tmp").write_bytes((c / "a.txt").read_bytes()),
        os.replace(c / "n.tmp", c / "a.txt"),
    ),
    "new subfolder with a file": lambda c: (
        (c / "new").mkdir(),
        (c / "new" / "h.txt").write_text("Nouveau."),
    ),
}


@pytest.mark.parametrize("op", sorted(OPS))
def test_every_change_is_seen(corpus: Path, tmp_path: Path, op: str) -> None:
    index = tmp_path / "index"
    recorded = _snapshot(corpus, index)
    OPS[op](corpus)
    # The cache says "don't know" (then the full check runs) for every change, including the
    # ones the full check cannot see (same size, mtime put back: only the ctime moved).
    assert not stat_cache.still_current(index, [corpus], recorded)


def test_random_changes_never_fool_it(corpus: Path, tmp_path: Path) -> None:
    """Fast path ⇒ full check, over random sequences of changes and fresh snapshots."""
    rng = random.Random(5)
    index = tmp_path / "index"
    names = sorted(OPS)
    for round_ in range(12):
        recorded = _snapshot(corpus, index)
        for _ in range(rng.randrange(0, 3)):
            with contextlib.suppress(OSError):  # that op's file is gone: nothing changed
                OPS[rng.choice(names)](corpus)
        fast = stat_cache.still_current(index, [corpus], recorded)
        full = _full(corpus) == recorded
        assert not fast or full, round_


def test_other_paths_or_a_damaged_cache_mean_full_check(corpus: Path, tmp_path: Path) -> None:
    index = tmp_path / "index"
    recorded = _snapshot(corpus, index)
    assert not stat_cache.still_current(index, [corpus, corpus / "sub"], recorded)
    assert not stat_cache.still_current(index, [corpus], {**recorded, "/x.txt": (1, 1, "x")})
    (index / stat_cache.CACHE_NAME).write_text("{not json", encoding="utf-8")
    assert not stat_cache.still_current(index, [corpus], recorded)


def test_fresh_timestamps_and_links_are_not_cached(
    corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    index = tmp_path / "index"
    monkeypatch.setattr(stat_cache, "MARGIN_NS", HOUR_NS // 2)
    (corpus / "new.txt").write_text("Nouveau.")  # changed just now
    walk, _, taken = stat_cache.scan([corpus])
    assert not stat_cache.remember(index, [corpus], walk, taken)
    assert not (index / stat_cache.CACHE_NAME).exists()
    monkeypatch.setattr(stat_cache, "MARGIN_NS", 0)
    (corpus / "link.txt").symlink_to(corpus / "a.txt")
    _age(corpus)
    walk, _, taken = stat_cache.scan([corpus])
    assert walk.links == 1
    assert not stat_cache.remember(index, [corpus], walk, taken)


def test_is_current_uses_it_and_still_sees_an_edit_in_place(
    corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    index = tmp_path / "index"
    _age(corpus)
    pipeline.update([corpus], index)
    assert pipeline.is_current([corpus], index)  # full check; writes the snapshot
    assert (index / stat_cache.CACHE_NAME).exists()
    scans: list[int] = []
    real_scan = stat_cache.scan
    monkeypatch.setattr(stat_cache, "scan", lambda *a: scans.append(1) or real_scan(*a))
    assert pipeline.is_current([corpus], index) and not scans  # from the snapshot
    p = corpus / "sub" / "c.txt"
    p.write_text(p.read_text(encoding="utf-8") + " Ajout.", encoding="utf-8")  # folder unchanged
    assert not pipeline.is_current([corpus], index)
    assert scans


def _count_file_stats(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    from reader.domain.store import Store

    calls: list[int] = []
    real = Store.file_stats
    monkeypatch.setattr(Store, "file_stats", lambda self: calls.append(1) or real(self))
    return calls


def test_an_unchanged_store_is_not_read_for_file_stats(
    corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    index = tmp_path / "index"
    _age(corpus)
    pipeline.update([corpus], index)
    assert pipeline.is_current([corpus], index)  # full check; writes the snapshot
    calls = _count_file_stats(monkeypatch)
    assert pipeline.is_current([corpus], index) and not calls
    p = corpus / "sub" / "c.txt"
    p.write_text(p.read_text(encoding="utf-8") + " Ajout.", encoding="utf-8")  # folder unchanged
    assert not pipeline.is_current([corpus], index)


def test_a_changed_store_is_read_again(
    corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import sqlite3

    index = tmp_path / "index"
    _age(corpus)
    pipeline.update([corpus], index)
    assert pipeline.is_current([corpus], index)
    db = sqlite3.connect(index / pipeline.STORE_NAME)
    with db:  # the store now records another size for one file (the corpus is as it was)
        db.execute("UPDATE files SET size = size + 1 WHERE rowid = (SELECT min(rowid) FROM files)")
    db.close()  # the last connection: its log is checkpointed into the file and removed
    assert stat_cache.store_stamp(index) is not None
    calls = _count_file_stats(monkeypatch)
    assert not pipeline.is_current([corpus], index)
    assert calls


def test_pending_log_frames_mean_the_store_is_read(
    corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import sqlite3

    index = tmp_path / "index"
    _age(corpus)
    pipeline.update([corpus], index)
    assert pipeline.is_current([corpus], index)
    db = sqlite3.connect(index / pipeline.STORE_NAME)  # kept open: its commit stays in the log
    db.execute("PRAGMA wal_autocheckpoint=0")
    with db:
        db.execute("UPDATE files SET size = size + 1 WHERE rowid = (SELECT min(rowid) FROM files)")
    assert os.path.getsize(str(index / pipeline.STORE_NAME) + "-wal") > 0
    assert stat_cache.store_stamp(index) is None
    calls = _count_file_stats(monkeypatch)
    assert not pipeline.is_current([corpus], index)
    assert calls
    db.close()


def test_a_file_name_that_is_not_utf8_is_remembered(corpus: Path, tmp_path: Path) -> None:
    with open(os.path.join(os.fsencode(corpus), b"bad\xe9name.txt"), "wb") as f:
        f.write(b"Mauvais nom.")
    index = tmp_path / "index"
    recorded = _snapshot(corpus, index)  # written, read back, and vouches for the corpus
    assert any("\udce9" in name for name in recorded)
