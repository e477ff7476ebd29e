"""SPEC §7 faults of the index: missing, stale, corrupt, locked, older version, killed while
indexing, two writers at once, files changing while they are read.

Subprocesses run `tests/fake_ner_reader.py` (the real command line with a regex extractor in
place of spaCy) so that a test can start, kill and restart `reader index` many times quickly.
"""

from __future__ import annotations

import json
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

import fake_ner_reader
from reader.domain import discovery, pipeline
from reader.domain.search import SearchIndex
from reader.domain.store import StoreCorrupt

RUNNER = Path(__file__).with_name("fake_ner_reader.py")
BASE = (
    "Le ministre Bruno Le Maire a parlé à Paris avec Olaf Scholz de la Commission européenne "
    "et des banques."
)


def write_corpus(folder: Path, n: int) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        (folder / f"art_{i:03d}.txt").write_text(
            f"Titre numéro {i} sur Berlin\n\n{BASE} Article {i}, motunique{i}.\n\n"
            f"Second paragraphe {i} avec Angela Merkel.\n",
            encoding="utf-8",
        )
    return folder


@dataclass
class Run:
    code: int
    stdout: str
    stderr: str


def env_for(tmp: Path, **extra: str) -> dict[str, str]:
    # the runner's folder first; an inherited PYTHONPATH (a worktree's src) is kept
    path = os.pathsep.join(filter(None, [str(RUNNER.parent), os.environ.get("PYTHONPATH")]))
    env = dict(os.environ, READER_CONFIG_DIR=str(tmp / "cfg"), PYTHONPATH=path)
    env.pop("READER_INDEX_DIR", None)
    env.update(extra)
    return env


def reader(tmp: Path, *args: str, timeout: float = 60, **env: str) -> Run:
    proc = subprocess.run(
        [sys.executable, str(RUNNER), *args],
        env=env_for(tmp, **env),
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    assert "Traceback" not in proc.stderr, proc.stderr
    return Run(proc.returncode, proc.stdout, proc.stderr)


def start(tmp: Path, *args: str, **env: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, str(RUNNER), *args],
        env=env_for(tmp, **env),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def assert_complete(tmp: Path, corpus: Path, index: Path, n: int) -> None:
    """Every article indexed once: in the export, in the store and in the search index."""
    run = reader(tmp, "export", str(corpus), "--index-dir", str(index))
    assert run.code == 0, run.stderr
    ids = [json.loads(line)["id"] for line in run.stdout.splitlines()]
    assert len(ids) == n and len(set(ids)) == n
    with SearchIndex.open(index / pipeline.SEARCH_DIR) as ix:
        assert ix.doc_count() == n
        assert ix.doc_ids() == set(ids)
        assert ix.search("motunique7", 5).total == 1
    assert pipeline.is_current([corpus], index)


@pytest.fixture()
def fake_ner(monkeypatch: pytest.MonkeyPatch) -> None:
    import reader.domain.entities.ner as ner

    monkeypatch.setattr(ner, "Extractor", fake_ner_reader.FakeExtractor)


# -- killed while indexing ----------------------------------------------------------------------
def test_kill_9_during_index_then_index_again_recovers_without_duplicates(tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "corpus", 200)
    rng = random.Random(20240607)
    for trial in range(3):
        index = tmp_path / f"index{trial}"
        for _ in range(2):
            proc = start(
                tmp_path, "index", str(corpus), "--index-dir", str(index), FAKE_NER_DELAY="0.002"
            )
            time.sleep(rng.uniform(0.2, 1.1))
            proc.send_signal(signal.SIGKILL)
            proc.communicate()
        run = reader(tmp_path, "index", str(corpus), "--index-dir", str(index))
        assert run.code == 0, run.stderr
        assert_complete(tmp_path, corpus, index, 200)


def test_kill_9_after_a_change_keeps_one_copy_of_each_article(tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "corpus", 60)
    index = tmp_path / "index"
    assert reader(tmp_path, "index", str(corpus), "--index-dir", str(index)).code == 0
    for i in range(0, 60, 3):
        (corpus / f"art_{i:03d}.txt").write_text(f"Réécrit {i}. {BASE} motunique{i}.\n")
    (corpus / "art_001.txt").unlink()
    proc = start(tmp_path, "index", str(corpus), "--index-dir", str(index), FAKE_NER_DELAY="0.01")
    time.sleep(0.5)
    proc.send_signal(signal.SIGKILL)
    proc.communicate()
    assert reader(tmp_path, "index", str(corpus), "--index-dir", str(index)).code == 0
    assert_complete(tmp_path, corpus, index, 59)
    run = reader(
        tmp_path,
        "search",
        "Réécrit",
        str(corpus),
        "--index-dir",
        str(index),
        "--json",
        "--limit",
        "100",
    )
    assert json.loads(run.stdout)["total"] == 20


# -- two writers -----------------------------------------------------------------------------
def test_two_reader_index_at_once_both_succeed(tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "corpus", 120)
    index = tmp_path / "index"
    args = ("index", str(corpus), "--index-dir", str(index))
    first = start(tmp_path, *args, FAKE_NER_DELAY="0.005")
    second = start(tmp_path, *args, FAKE_NER_DELAY="0.005")
    _, err1 = first.communicate(timeout=60)
    _, err2 = second.communicate(timeout=60)
    assert (first.returncode, second.returncode) == (0, 0), err1 + err2
    assert "Traceback" not in err1 + err2
    assert_complete(tmp_path, corpus, index, 120)


def hold_lock(path: Path) -> subprocess.Popen[str]:
    """Another live process holding `path` locked (flock, as our writers and Whoosh do)."""
    code = (
        "import fcntl, os, sys, time\n"
        f"fd = os.open({str(path)!r}, os.O_RDWR | os.O_CREAT)\n"
        "fcntl.flock(fd, fcntl.LOCK_EX)\n"
        "print('locked', flush=True)\n"
        "time.sleep(60)\n"
    )
    proc = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True)
    assert proc.stdout is not None and proc.stdout.readline().strip() == "locked"
    return proc


def test_a_lock_held_by_a_live_process_is_waited_for_and_said(tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "corpus", 10)
    index = tmp_path / "index"
    index.mkdir()
    holder = hold_lock(index / pipeline.LOCK_NAME)
    try:
        waiting = start(tmp_path, "index", str(corpus), "--index-dir", str(index))
        assert waiting.stderr is not None
        line = waiting.stderr.readline()  # blocks until the waiting notice is printed
        assert "waiting for another reader process" in line
        assert waiting.poll() is None
    finally:
        holder.kill()
        holder.wait()
    _, err = waiting.communicate(timeout=60)
    assert waiting.returncode == 0, err
    assert_complete(tmp_path, corpus, index, 10)


def test_stale_locks_left_by_a_killed_process_do_not_block(tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "corpus", 10)
    index = tmp_path / "index"
    (index / pipeline.SEARCH_DIR).mkdir(parents=True)
    holders = [
        hold_lock(index / pipeline.LOCK_NAME),
        hold_lock(index / pipeline.SEARCH_DIR / "MAIN_WRITELOCK"),
    ]
    for h in holders:
        h.send_signal(signal.SIGKILL)
        h.wait()
    started = time.monotonic()
    run = reader(tmp_path, "index", str(corpus), "--index-dir", str(index))
    assert run.code == 0 and "waiting" not in run.stderr
    assert time.monotonic() - started < 20
    assert_complete(tmp_path, corpus, index, 10)


def test_a_foreign_process_holding_the_search_lock_does_not_fail_the_update(
    tmp_path: Path, fake_ner: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    import reader.domain.search.index as index_mod

    real_acquire = index_mod._acquire
    monkeypatch.setattr(
        index_mod,
        "_acquire",
        lambda attempt, directory, timeout=0.0: real_acquire(attempt, directory, 0.3),
    )
    corpus = write_corpus(tmp_path / "corpus", 5)
    index = tmp_path / "index"
    pipeline.update([corpus], index)
    (corpus / "art_000.txt").write_text(f"Changé. {BASE} motnouveau.\n", encoding="utf-8")
    holder = hold_lock(index / pipeline.SEARCH_DIR / "MAIN_WRITELOCK")
    try:
        report = pipeline.update([corpus], index)
    finally:
        holder.kill()
        holder.wait()
    assert any("locked by another program" in n for n in report.notices)
    assert not pipeline.is_current([corpus], index)  # so the next start finishes the job
    pipeline.update([corpus], index)
    assert pipeline.is_current([corpus], index)
    assert pipeline.open_library([corpus], index).search("motnouveau", 5).total == 1


# -- missing, stale, corrupt, older version ---------------------------------------------------
def _flip(path: Path, count: int, seed: int, start: int = 0, end: int | None = None) -> None:
    data = bytearray(path.read_bytes())
    rng = random.Random(seed)
    for _ in range(count):
        i = rng.randrange(start, len(data) if end is None else end)
        data[i] ^= 0xFF
    path.write_bytes(bytes(data))


def _segment(index: Path) -> Path:
    return next((index / pipeline.SEARCH_DIR).glob("*.seg"))


def _set_meta(index: Path, key: str, value: str) -> None:
    db = sqlite3.connect(index / pipeline.STORE_NAME)
    with db:
        db.execute("UPDATE meta SET value=? WHERE key=?", (value, key))
    db.close()


DAMAGE = {
    "store-missing": lambda ix: (ix / pipeline.STORE_NAME).unlink(),
    "store-truncated": lambda ix: os.truncate(ix / pipeline.STORE_NAME, 5000),
    # the 100-byte SQLite file header (flips anywhere would land where the file's layout
    # puts them: in rows that `reader search` never reads, for some layouts)
    "store-header-garbage": lambda ix: _flip(ix / pipeline.STORE_NAME, 16, 1, end=100),
    "store-bytes-flipped": lambda ix: _flip(ix / pipeline.STORE_NAME, 40, 3, start=100),
    "store-older-schema": lambda ix: _set_meta(ix, "store_schema", "1"),
    "store-older-pipeline": lambda ix: _set_meta(ix, "version:pipeline", "0"),
    "search-missing": lambda ix: shutil.rmtree(ix / pipeline.SEARCH_DIR),
    "search-segment-truncated": lambda ix: os.truncate(_segment(ix), 1000),
    "search-toc-truncated": lambda ix: os.truncate(
        next((ix / pipeline.SEARCH_DIR).glob("_MAIN_*.toc")), 100
    ),
    "search-segment-flipped": lambda ix: _flip(_segment(ix), 300, 5),
    "search-older-schema": lambda ix: (ix / pipeline.SEARCH_DIR / "schema_version").write_text(
        "0\n"
    ),
    "search-segment-deleted": lambda ix: _segment(ix).unlink(),
}


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, Path]:
    tmp = tmp_path_factory.mktemp("built")
    corpus = write_corpus(tmp / "corpus", 30)
    index = tmp / "index"
    assert reader(tmp, "index", str(corpus), "--index-dir", str(index)).code == 0
    return tmp, corpus, index


@pytest.mark.parametrize("damage", sorted(DAMAGE))
def test_damaged_index_is_repaired_with_a_notice_never_a_traceback(
    built: tuple[Path, Path, Path], tmp_path: Path, damage: str
) -> None:
    tmp, corpus, clean = built
    index = tmp_path / "index"
    shutil.copytree(clean, index)
    DAMAGE[damage](index)
    run = reader(
        tmp, "search", "Berlin", str(corpus), "--index-dir", str(index), "--json", "--limit", "50"
    )
    assert run.code == 0, run.stderr
    assert json.loads(run.stdout)["total"] == 30
    # `reader search` reads only the search index (and the store's meta): damage inside the
    # store's article rows is found, and repaired, by the next command that reads them.
    unseen_by_search = (
        "store-missing",
        "search-missing",
        "store-older-pipeline",
        "store-bytes-flipped",
    )
    if damage not in unseen_by_search:
        assert "rebuil" in run.stderr, run.stderr  # "rebuilt it" / "rebuilding"
    assert_complete(tmp, corpus, index, 30)


def test_stale_index_is_brought_up_to_date(built: tuple[Path, Path, Path], tmp_path: Path) -> None:
    tmp, clean_corpus, _ = built
    corpus = tmp_path / "corpus"
    shutil.copytree(clean_corpus, corpus)
    index = tmp_path / "index"
    pipeline_update = reader(tmp, "index", str(corpus), "--index-dir", str(index))
    assert pipeline_update.code == 0
    (corpus / "art_000.txt").unlink()
    (corpus / "new.txt").write_text(f"Nouveau. {BASE} motunique7b.\n", encoding="utf-8")
    run = reader(tmp, "search", "motunique7b", str(corpus), "--index-dir", str(index), "--json")
    assert json.loads(run.stdout)["total"] == 1
    assert_complete(tmp, corpus, index, 30)


def test_open_library_reports_a_damaged_store_as_store_corrupt(
    built: tuple[Path, Path, Path], tmp_path: Path, fake_ner: None
) -> None:
    _, corpus, clean = built
    index = tmp_path / "index"
    shutil.copytree(clean, index)
    db = sqlite3.connect(index / pipeline.STORE_NAME)
    with db:
        db.execute("UPDATE articles SET data='{not json' WHERE id='art_003'")
    db.close()
    with pytest.raises(StoreCorrupt):
        pipeline.open_library([corpus], index)
    report = pipeline.update([corpus], index, rebuild=False)
    assert report is not None
    library = pipeline.open_library([corpus], index)
    assert len(library.articles) == 30


def test_damage_found_only_mid_update_is_rebuilt(
    built: tuple[Path, Path, Path], tmp_path: Path, fake_ner: None
) -> None:
    _, corpus, clean = built
    index = tmp_path / "index"
    shutil.copytree(clean, index)
    db = sqlite3.connect(index / pipeline.STORE_NAME)
    with db:
        db.execute("UPDATE files SET articles='[1, 2' WHERE rowid=1")
    db.close()
    report = pipeline.update([corpus], index)
    assert any("damaged" in n for n in report.notices)
    assert len(pipeline.open_library([corpus], index).articles) == 30
    assert list(index.glob("store.sqlite*.corrupt"))


# -- files changing while the index is built ----------------------------------------------------
def test_file_rewritten_between_scan_and_read(tmp_path: Path, fake_ner: None) -> None:
    corpus = write_corpus(tmp_path / "corpus", 5)
    index = tmp_path / "index"
    target = corpus / "art_002.txt"
    rewritten: list[bool] = []

    def progress(stage: str, done: int, total: int) -> None:
        if stage == "reading" and done == 3 and not rewritten:  # art_002 is read third
            target.write_text(f"Version deux. {BASE} motdeux.\n", encoding="utf-8")
            rewritten.append(True)

    pipeline.update([corpus], index, progress=progress)
    assert rewritten
    library = pipeline.open_library([corpus], index)
    assert "Version deux" in library.article("art_002").text
    pipeline.update([corpus], index)
    assert pipeline.is_current([corpus], index)
    assert pipeline.open_library([corpus], index).search("motdeux", 5).total == 1


def test_file_changing_while_being_read_is_reported_then_read_next_time(
    tmp_path: Path, fake_ner: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    corpus = write_corpus(tmp_path / "corpus", 3)
    index = tmp_path / "index"
    target = corpus / "art_001.txt"
    real_read = os.read
    state = {"done": False}

    def read_while_writing(fd: int, n: int) -> bytes:
        data = real_read(fd, n)
        if not state["done"] and os.fstat(fd).st_ino == target.stat().st_ino:
            state["done"] = True
            with open(target, "a", encoding="utf-8") as fh:  # another program appends
                fh.write("\n\nUn ajout pendant la lecture, motajout.\n")
        return data

    monkeypatch.setattr(discovery.os, "read", read_while_writing)
    report = pipeline.update([corpus], index)
    monkeypatch.setattr(discovery.os, "read", real_read)
    assert any("changed while being read" in p.reason for p in report.problems)
    assert {a for a in pipeline.open_library([corpus], index).articles} == {"art_000", "art_002"}
    pipeline.update([corpus], index)
    library = pipeline.open_library([corpus], index)
    assert "motajout" in library.article("art_001").text
    assert pipeline.is_current([corpus], index)


def test_unreadable_file_is_skipped_with_its_reason(
    tmp_path: Path, fake_ner: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    corpus = write_corpus(tmp_path / "corpus", 3)
    secret = corpus / "art_001.txt"
    real_open = os.open

    def deny(path: object, flags: int, *args: int) -> int:  # root reads every mode: simulate
        if Path(str(path)) == secret:
            raise PermissionError(13, "Permission denied")
        return real_open(path, flags, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(discovery.os, "open", deny)
    report = pipeline.update([corpus], tmp_path / "index")
    reasons = {Path(p.path).name: p.reason for p in report.problems}
    assert reasons == {"art_001.txt": "cannot open: Permission denied"}
    library = pipeline.open_library([corpus], tmp_path / "index")
    assert set(library.articles) == {"art_000", "art_002"}
    assert [Path(p.path).name for p in library.problems] == ["art_001.txt"]
