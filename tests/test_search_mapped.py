"""Segments read through the memory map (`search.mapped`) give what Whoosh's copying
`BufferFile` gives: the same bytes for every read pattern, the same hits for the same index."""

from __future__ import annotations

import random
from io import BytesIO
from pathlib import Path

import pytest
from whoosh.filedb import compound

from reader.domain.search import IndexDoc, SearchIndex, mapped
from reader.domain.search.mapped import MemoryReader


def test_memory_reader_reads_like_bytesio() -> None:
    rng = random.Random(7)
    data = bytes(rng.choice(b"ab\ncd\n\x00\xff") for _ in range(5000))
    ours, ref = MemoryReader(memoryview(data)), BytesIO(data)
    for _ in range(3000):
        op = rng.randrange(6)
        if op == 0:
            n = rng.choice([-1, 0, 1, 3, 100, 7000])
            assert ours.read(n) == ref.read(n)
        elif op == 1:
            n = rng.choice([-1, 0, 2, 50, 400])
            assert ours.readline(n) == ref.readline(n)
        elif op == 2:
            pos, whence = rng.choice(
                [
                    (rng.randrange(0, 6000), 0),
                    (rng.randrange(-50, 50), 1),
                    (rng.randrange(-6000, 10), 2),
                ]
            )
            try:
                expected = ref.seek(pos, whence)
            except ValueError:
                with pytest.raises(ValueError):
                    ours.seek(pos, whence)
                continue
            assert ours.seek(pos, whence) == expected
        elif op == 3:
            a, b = bytearray(rng.randrange(0, 300)), None
            b = bytearray(len(a))
            assert ours.readinto(a) == ref.readinto(b)
            assert a == b
        elif op == 4:
            assert ours.tell() == ref.tell()
        else:
            assert ours.read() == ref.read()


def _docs(n: int) -> list[IndexDoc]:
    rng = random.Random(3)
    words = ["président", "russe", "Maison", "Blanche", "sanctions", "gaz", "Kremlin", "armée"]
    return [
        IndexDoc(
            id=f"d{i}",
            path=f"/c/{i}.txt",
            content_hash=f"h{i}",
            title=" ".join(rng.choice(words) for _ in range(4)),
            text=" ".join(rng.choice(words) for _ in range(200)),
        )
        for i in range(n)
    ]


def _results(directory: Path) -> list[tuple[object, ...]]:
    out = []
    with SearchIndex.open(directory) as ix:
        for q in ["président", '"Maison Blanche"', "gaz AND NOT armée", "Kremlin OR sanctions"]:
            r = ix.search(q, 20)
            out.append(
                (
                    r.total,
                    [(h.article, round(h.score, 6), str(h.snippet), h.matches) for h in r.hits],
                )
            )
    return out


def test_mapped_segments_search_like_copied_ones(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with SearchIndex.open_or_create(tmp_path) as ix:
        docs = _docs(60)
        ix.update(add=docs[:30])
        ix.update(add=docs[30:], delete=["d3"])  # several segments and a deletion
    assert compound.CompoundStorage.open_file is mapped._open_file
    got = _results(tmp_path)
    monkeypatch.setattr(compound.CompoundStorage, "open_file", mapped._original_open_file)
    assert _results(tmp_path) == got
    assert got[0][0]


def test_a_busy_mapped_file_hands_over_to_a_copy_at_the_same_place(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(mapped, "COPY_AFTER_READS", 5)
    data = bytes(range(256)) * 4
    f = mapped.MappedFile(memoryview(data), name="x")
    got = [f.read(3) for _ in range(10)]
    f.seek(30)
    assert isinstance(f.file, BytesIO)
    assert b"".join(got) == data[:30]
    assert f.read(4) == data[30:34] and f.get(100, 5) == data[100:105]


def test_mapped_segments_search_alike_after_the_hand_over(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with SearchIndex.open_or_create(tmp_path) as ix:
        ix.update(add=_docs(40))
    got = _results(tmp_path)
    monkeypatch.setattr(mapped, "COPY_AFTER_READS", 3)
    assert _results(tmp_path) == got
