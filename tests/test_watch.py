"""Watching the corpus: which files changed since the index was built (stat only)."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from reader.domain import pipeline
from reader.domain.watch import FileChanges, change_summary, file_changes

SEEDS = Path(__file__).resolve().parents[1] / "seeds"


def test_file_changes_added_edited_removed(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    seeds = sorted(SEEDS.glob("*.txt"))
    for seed in seeds[:2]:
        shutil.copy(seed, corpus / seed.name)
    index = tmp_path / "index"
    assert file_changes([corpus], index) == FileChanges(
        added=tuple(sorted(str(corpus / s.name) for s in seeds[:2]))
    )
    pipeline.update([corpus], index)
    assert not file_changes([corpus], index)

    shutil.copy(seeds[2], corpus / "new.txt")
    edited = corpus / seeds[0].name
    edited.write_text(edited.read_text(encoding="utf-8") + "\nUne phrase de plus.\n", "utf-8")
    stat = edited.stat()
    os.utime(edited, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))
    (corpus / seeds[1].name).unlink()
    changes = file_changes([corpus], index)
    assert changes.added == (str(corpus / "new.txt"),)
    assert changes.edited == (str(edited),)
    assert changes.removed == (str(corpus / seeds[1].name),)
    assert not pipeline.is_current([corpus], index, verify_search=False)


def test_change_summary() -> None:
    changes = FileChanges(added=("a", "b"), edited=("c",))
    assert change_summary({"x"}, {"x", "y", "z"}, changes) == "2 new articles · 1 file edited"
    assert change_summary({"x", "y"}, {"x"}, FileChanges(removed=("y",))) == "1 article removed"
    assert change_summary({"x"}, {"x"}, FileChanges()) == "index updated"
