"""Issue 14: a fault is contained to the file, the config entry or the operation that caused it.

Each test builds the bad input of one issue point and checks that the rest of the corpus still
loads, that the store is never moved aside, and that nothing hostile reaches an article. The
pipeline runs in this process with the tests' regex extractor (`fake_ner_reader`) in place of
spaCy, so that no test waits for the model.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
from pathlib import Path

import pytest

import fake_ner_reader
from reader.domain import pipeline
from reader.domain.corpus import articles_from_bytes, load_corpus
from reader.domain.discovery import SourceFile, discover
from reader.domain.export import article_record
from reader.domain.formats import parse_report
from reader.domain.ids import assign_ids

TEXT = "Le ministre Bruno Le Maire a parlé à Paris avec Olaf Scholz de la Commission européenne."


@pytest.fixture(autouse=True)
def _fake_extractor(monkeypatch: pytest.MonkeyPatch) -> None:
    import reader.domain.entities.ner as ner

    monkeypatch.setattr(ner, "Extractor", fake_ner_reader.FakeExtractor)


def _export(paths: list[Path], index: Path) -> list[dict[str, object]]:
    library = pipeline.open_library(paths, index)
    try:
        records = [article_record(library, aid) for aid in library.order()]
    finally:
        library.close()
    for record in records:  # every record is valid UTF-8 JSON
        json.dumps(record, ensure_ascii=False).encode("utf-8")
    return records


def _no_corrupt_copy(index: Path) -> None:
    assert not [p.name for p in index.iterdir() if p.name.endswith(".corrupt")]


# -- 1. article-id collision ----------------------------------------------------------------


def _jsonl(*texts: str) -> str:
    return "".join(json.dumps({"title": f"T{i}", "text": t}) + "\n" for i, t in enumerate(texts))


def test_a_file_named_like_a_jsonl_record_gets_its_own_id(tmp_path: Path) -> None:
    corpus = tmp_path / "c"
    corpus.mkdir()
    (corpus / "x.jsonl").write_text(_jsonl(f"Un. {TEXT}", f"Deux. {TEXT}"), encoding="utf-8")
    (corpus / "x#1.txt").write_text(f"Trois, le fichier texte. {TEXT}", encoding="utf-8")
    (corpus / "y.txt").write_text(f"Quatre. {TEXT}", encoding="utf-8")
    index = tmp_path / "index"
    report = pipeline.update([corpus], index)
    records = _export([corpus], index)
    ids = [r["id"] for r in records]
    assert len(ids) == len(set(ids)) == 4 == report.added
    texts = {str(r["text"]).split(".")[0].split(",")[0] for r in records}
    assert texts == {"Un", "Deux", "Trois", "Quatre"}
    # the non-colliding ids are as SPEC §2 says
    assert {"x#1", "x#2", "y"} <= set(ids)
    # deleting the JSON Lines file leaves no ghost of its records
    (corpus / "x.jsonl").unlink()
    pipeline.update([corpus], index)
    after = _export([corpus], index)
    assert sorted(str(r["text"]).split(",")[0].split(".")[0] for r in after) == [
        "Quatre",
        "Trois",
    ]


def test_ids_of_single_files_never_take_a_multi_file_record_id(tmp_path: Path) -> None:
    names = ["x.jsonl", "x#1.txt", "x#2.md", "z.json", "z#1.html", "w#1.txt"]
    for name in names:
        (tmp_path / name).write_text("{}", encoding="utf-8")
    files, _ = discover([tmp_path])
    ids = assign_ids(files)
    by_name = {os.path.basename(k): v for k, v in ids.items()}
    assert by_name["x.jsonl"] == "x" and by_name["z.json"] == "z" and by_name["w#1.txt"] == "w#1"
    for name in ("x#1.txt", "x#2.md", "z#1.html"):
        assert by_name[name] not in {"x#1", "x#2", "z#1"}, by_name
    assert len(set(ids.values())) == len(ids)


# -- 2. a file name that is not valid UTF-8 ---------------------------------------------------


def test_a_file_name_that_is_not_utf8_is_indexed_and_the_store_kept(tmp_path: Path) -> None:
    corpus = tmp_path / "c"
    corpus.mkdir()
    (corpus / "ok.txt").write_text(f"Bon. {TEXT}", encoding="utf-8")
    index = tmp_path / "index"
    pipeline.update([corpus], index)
    with open(os.path.join(os.fsencode(corpus), b"bad\xe9name.txt"), "wb") as f:
        f.write(f"Mauvais nom. {TEXT}".encode())
    report = pipeline.update([corpus], index)
    assert report.added == 1 and not report.notices
    _no_corrupt_copy(index)
    assert pipeline.is_current([corpus], index)
    records = _export([corpus], index)
    assert len(records) == 2
    assert "bad\ufffdname" in {r["id"] for r in records}
    # a second run sees nothing changed (the manifest holds the name exactly)
    again = pipeline.update([corpus], index)
    assert again.nothing_changed and again.analysed == 0


def test_commands_answer_for_a_corpus_with_an_undecodable_file_name(tmp_path: Path) -> None:
    from test_reliability_index import reader

    corpus = tmp_path / "c"
    corpus.mkdir()
    (corpus / "ok.txt").write_text(f"Bon. {TEXT}", encoding="utf-8")
    with open(os.path.join(os.fsencode(corpus), b"bad\xe9name.txt"), "wb") as f:
        f.write(b"Mauvais nom. motunique " + TEXT.encode())
    index = tmp_path / "index"
    for args in (("index",), ("search", "motunique"), ("export",), ("index",)):
        run = reader(tmp_path, *args, str(corpus), "--index-dir", str(index))
        assert run.code == 0, (args, run.stderr)
        if args[0] == "search":
            assert "bad\ufffdname" in run.stdout
    assert "up to date" in run.stderr
    _no_corrupt_copy(index)


# -- 3. lone surrogates in JSON ---------------------------------------------------------------


def test_lone_surrogates_in_json_are_replaced_when_read(tmp_path: Path) -> None:
    corpus = tmp_path / "c"
    corpus.mkdir()
    line = '{"title": "Titre \\ud83d", "text": "Texte \\ud83d Marie Curie \\udc00.", ' + (
        '"source": "Source \\ud83d", "date": "2021-\\udc0012", "url": "http://x/\\ud83d"}\n'
    )
    (corpus / "s.jsonl").write_text(line + _jsonl(TEXT), encoding="utf-8")
    (corpus / "one.json").write_text('{"text": "Seul \\ud83d texte"}', encoding="utf-8")
    index = tmp_path / "index"
    report = pipeline.update([corpus], index)
    assert report.added == 3 and not report.notices
    _no_corrupt_copy(index)
    records = _export([corpus], index)
    first = next(r for r in records if r["id"] == "s#1")
    assert first["title"] == "Titre \ufffd" and first["source"] == "Source \ufffd"
    assert "Texte \ufffd Marie Curie \ufffd." in str(first["text"])
    blob = json.dumps(records, ensure_ascii=False)
    assert not any("\ud800" <= ch <= "\udfff" for ch in blob)


def test_json_reader_never_returns_a_surrogate() -> None:
    docs, _ = parse_report('{"text": ["a\\ud83d", "b\\ude00c"], "title": "\\udfff"}', ".json", "f")
    assert docs[0].text == "a\ufffd\n\nb\ufffdc" and docs[0].title == "\ufffd"
    # a well-formed pair stays the emoji it encodes
    docs, _ = parse_report('{"text": "ok \\ud83d\\ude00"}\n', ".jsonl", "f")
    assert docs[0].text == "ok \U0001f600"


# -- 4. JSON integers beyond Python's conversion limit -------------------------------------


def test_a_huge_json_integer_fails_its_record_only(tmp_path: Path) -> None:
    huge = "9" * 5000
    corpus = tmp_path / "c"
    corpus.mkdir()
    (corpus / "l.jsonl").write_text(
        _jsonl(f"Un. {TEXT}")
        + '{"text": "deux", "n": '
        + huge
        + "}\n"
        + '{"text": "trois", "title": '
        + huge
        + "}\n"
        + _jsonl(f"Quatre. {TEXT}"),
        encoding="utf-8",
    )
    (corpus / "big.json").write_text('{"text": "x", "date": ' + huge + "}", encoding="utf-8")
    items = [{"text": f"Liste un. {TEXT}"}, {"text": "deux", "meta": {"n": [1, 2]}}]
    listing = json.dumps(items).replace("2]", huge + "]")
    (corpus / "list.json").write_text(listing, encoding="utf-8")
    (corpus / "ok.txt").write_text(TEXT, encoding="utf-8")
    index = tmp_path / "index"
    report = pipeline.update([corpus], index)
    assert report.added == 4  # l.jsonl lines 1 and 4, ok.txt, the first item of list.json
    reasons = {(os.path.basename(p.path), p.reason) for p in report.problems}
    assert ("list.json", "item 2: invalid JSON: number too long (5,000 digits)") in reasons
    assert any(n == "l.jsonl" and r.startswith("line 2:") and "number" in r for n, r in reasons)
    assert any(n == "l.jsonl" and r.startswith("line 3:") for n, r in reasons)
    assert any(n == "big.json" and "number" in r for n, r in reasons)


# -- 11. deep folders -----------------------------------------------------------------------


def test_very_deep_folders_are_walked_without_recursion(tmp_path: Path) -> None:
    depth = 1100
    rel = "/".join(["d"] * depth)
    level = tmp_path
    for _ in range(depth):  # os.makedirs itself recurses once per level
        level = level / "d"
        level.mkdir()
    (tmp_path / "top.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "d" / "d" / "two.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / rel / "deep.txt").write_text(TEXT, encoding="utf-8")
    limit = sys.getrecursionlimit()
    sys.setrecursionlimit(200)  # a recursive walk would fail long before the bottom
    try:
        files, problems = discover([tmp_path])
        corpus = load_corpus([tmp_path])
    finally:
        sys.setrecursionlimit(limit)
        (tmp_path / rel / "deep.txt").unlink()
        for n in range(depth, 0, -1):  # shutil.rmtree (pytest's clean-up) recurses too
            (tmp_path / "/".join(["d"] * n)).rmdir() if n > 2 else None
    names = {f.rel for f in files}
    assert {"top.txt", "d/d/two.txt"} <= names
    assert any("too deep" in p.reason for p in problems)
    assert len(corpus.articles) >= 2


# -- 14. large JSON Lines -------------------------------------------------------------------


def test_records_of_a_jsonl_file_are_hashed_once_not_per_record(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The 50,000-record slowness: each record hashed the whole file again (quadratic)."""
    data = _jsonl(*(f"Article {i}. {TEXT}" for i in range(300))).encode()
    hashed: list[int] = []
    real = hashlib.sha256

    def counting(payload: bytes = b"") -> object:
        hashed.append(len(payload))
        return real(payload)

    monkeypatch.setattr("reader.domain.corpus.hashlib.sha256", counting)
    articles, problems = articles_from_bytes(data, "big.jsonl", "big", "big.jsonl")
    assert len(articles) == 300 and not problems
    assert sum(hashed) <= 2 * len(data) + 300 * 64
    # the hashes are distinct per record, and a record keeps its hash when one is appended
    assert len({a.content_hash for a in articles}) == 300
    more, _ = articles_from_bytes(data + _jsonl("Encore.").encode(), "big.jsonl", "big", "big")
    assert [a.content_hash for a in more[:300]] == [a.content_hash for a in articles]


def test_appending_a_record_re_indexes_that_record_only(tmp_path: Path) -> None:
    corpus = tmp_path / "c"
    corpus.mkdir()
    lines = _jsonl(*(f"N{i}. {TEXT} motunique{i}" for i in range(300)))
    (corpus / "flux.jsonl").write_text(lines, "utf-8")
    index = tmp_path / "index"
    pipeline.update([corpus], index)
    with (corpus / "flux.jsonl").open("a", encoding="utf-8") as f:
        f.write(_jsonl("Le dernier article, sur Lyon."))
    report = pipeline.update([corpus], index)
    assert (report.added, report.changed, report.unchanged) == (1, 0, 300)
    assert pipeline.open_search(index).search("motunique7", 5).total == 1
    assert len(_export([corpus], index)) == 301


def test_reading_a_big_jsonl_reports_progress_by_record(tmp_path: Path) -> None:
    corpus = tmp_path / "c"
    corpus.mkdir()
    (corpus / "big.jsonl").write_text(_jsonl(*(f"N{i}. {TEXT}" for i in range(500))), "utf-8")
    seen: list[tuple[str, int, int]] = []
    pipeline.update([corpus], tmp_path / "index", progress=lambda s, d, t: seen.append((s, d, t)))
    reading = [(d, t) for s, d, t in seen if s.startswith("reading")]
    assert max(t for _, t in reading) >= 500
    assert len({d for d, _ in reading if d < 500}) >= 2  # said during the file, not after


def test_source_file_keeps_working_with_undecodable_names(tmp_path: Path) -> None:
    name = os.fsdecode(b"bad\xe9name.txt")
    src = SourceFile(str(tmp_path / name), str(tmp_path), name, 1, 1)
    assert assign_ids([src])[src.file] == "bad\ufffdname"


# -- 15. checkpoint -------------------------------------------------------------------------


def _cached_extractions(index: Path) -> int:
    import sqlite3

    path = index / pipeline.STORE_NAME
    if not path.exists():
        return 0
    try:
        db = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=0.1)
        try:
            return int(db.execute("SELECT count(*) FROM ner_cache").fetchone()[0])
        finally:
            db.close()
    except sqlite3.Error:
        return 0


def test_a_cold_build_killed_at_75_percent_resumes_from_its_last_chunk(tmp_path: Path) -> None:
    import signal
    import time

    from test_reliability_index import reader, start, write_corpus

    corpus = write_corpus(tmp_path / "corpus", 64)
    index = tmp_path / "index"
    proc = start(tmp_path, "index", str(corpus), "--index-dir", str(index), FAKE_NER_DELAY="0.05")
    try:
        done = 0
        while proc.poll() is None and done < 48:
            time.sleep(0.02)
            done = _cached_extractions(index)
        # before: nothing was committed until the whole build was (0, then 64 at once)
        assert 48 <= done < 64, f"{done} extractions committed when the build was killed"
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.communicate()
    run = reader(tmp_path, "index", str(corpus), "--index-dir", str(index))
    assert run.code == 0, run.stderr
    import re

    analysed = int(re.findall(r"\((\d+) analysed\)", run.stderr)[-1])
    assert analysed <= 16, run.stderr
    assert "64 added" in run.stderr


# -- 5. a full disk is not damage -----------------------------------------------------------


def _write_articles(folder: Path, start: int, count: int, size: int = 200) -> None:
    """`count` articles of about `size` words drawn from a small vocabulary (a small search
    index; no long passage shared by two articles)."""
    import random

    rng = random.Random(start)
    vocabulary = [f"mot{n}" for n in range(3000)]
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(start, start + count):
        filler = " ".join(rng.choices(vocabulary, k=size))
        (folder / f"art_{i:03d}.txt").write_text(
            f"Titre {i}\n\n{TEXT} Article motunique{i}. {filler}\n", encoding="utf-8"
        )


def _ids(paths: list[Path], index: Path) -> set[str]:
    library = pipeline.open_library(paths, index)
    try:
        return set(library.order())
    finally:
        library.close()


def test_a_write_error_during_an_update_keeps_the_previous_index(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import errno

    from reader.domain.search import SearchIndex

    corpus = tmp_path / "c"
    _write_articles(corpus, 0, 3)
    index = tmp_path / "index"
    pipeline.update([corpus], index)
    _write_articles(corpus, 3, 2)

    def full(*args: object, **kwargs: object) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(index / "search" / "x.seg"))

    monkeypatch.setattr(SearchIndex, "update", full)
    with pytest.raises(pipeline.IndexUnwritable) as caught:
        pipeline.update([corpus], index)
    assert "disk full" in str(caught.value) and str(index) in str(caught.value)
    _no_corrupt_copy(index)
    assert _ids([corpus], index) == {"art_000", "art_001", "art_002"}  # still answering
    assert pipeline.open_search(index).search("motunique1", 5).total == 1
    monkeypatch.undo()
    report = pipeline.update([corpus], index)
    assert report.added == 2 and not report.notices
    assert report.analysed == 0  # the two new articles' extraction was kept (checkpoint)
    assert len(_ids([corpus], index)) == 5


def test_a_full_store_is_reported_not_moved_aside(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import sqlite3

    from reader.domain.store import Store

    corpus = tmp_path / "c"
    _write_articles(corpus, 0, 3)
    index = tmp_path / "index"
    pipeline.update([corpus], index)
    _write_articles(corpus, 3, 1)

    def full(*args: object, **kwargs: object) -> None:
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(Store, "replace_links", full)
    with pytest.raises(pipeline.IndexUnwritable, match="disk full"):
        pipeline.update([corpus], index)
    _no_corrupt_copy(index)
    monkeypatch.undo()
    report = pipeline.update([corpus], index)
    assert report.added == 1 and report.analysed == 0 and not report.notices


@pytest.fixture()
def small_disk(tmp_path: Path) -> object:
    """A 2 MB tmpfs (root only); skipped with the reason where it cannot be mounted."""
    import subprocess

    mount = tmp_path / "disk"
    mount.mkdir()
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", str(mount)],
        capture_output=True,
        text=True,
    )
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.strip() or done.returncode}")

    def remount(options: str) -> None:
        subprocess.run(["mount", "-o", f"remount,{options}", str(mount)], check=True)

    try:
        yield mount, remount
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=False)


def test_disk_full_on_a_real_small_disk_then_resume(tmp_path: Path, small_disk: object) -> None:
    from test_reliability_index import reader

    mount, remount = small_disk  # type: ignore[misc]
    corpus = tmp_path / "c"
    _write_articles(corpus, 0, 5, size=20)
    index = mount / "index"
    first = reader(tmp_path, "index", str(corpus), "--index-dir", str(index))
    assert first.code == 0, first.stderr
    _write_articles(corpus, 5, 60, size=3000)  # ~1.5 MB of text: more than the disk holds
    run = reader(tmp_path, "index", str(corpus), "--index-dir", str(index))
    assert run.code == 1 and "disk full" in run.stderr and str(index) in run.stderr, run.stderr
    _no_corrupt_copy(index)
    # the previous index still answers, read-only, saying why it is not up to date
    search = reader(tmp_path, "search", "motunique2", str(corpus), "--index-dir", str(index))
    assert search.code == 0 and "art_002" in search.stdout, search.stderr
    assert "disk full" in search.stderr
    export = reader(tmp_path, "export", str(corpus), "--index-dir", str(index))
    assert export.code == 0 and len(export.stdout.splitlines()) == 5, export.stderr
    remount("size=64m")
    again = reader(tmp_path, "index", str(corpus), "--index-dir", str(index))
    assert again.code == 0, again.stderr
    assert "60 added" in again.stderr and "0 removed" in again.stderr
    import re

    analysed = int(re.findall(r"\((\d+) analysed\)", again.stderr)[-1])
    assert analysed <= 60  # the first five are not analysed again


# -- 17. read-only index, unreadable corpus root -----------------------------------------------


def test_a_complete_read_only_index_can_be_searched(tmp_path: Path, small_disk: object) -> None:
    from test_reliability_index import reader

    mount, remount = small_disk  # type: ignore[misc]
    corpus = tmp_path / "c"
    _write_articles(corpus, 0, 4, size=20)
    index = mount / "index"
    assert reader(tmp_path, "index", str(corpus), "--index-dir", str(index)).code == 0
    remount("ro")
    search = reader(tmp_path, "search", "motunique3", str(corpus), "--index-dir", str(index))
    assert search.code == 0 and "art_003" in search.stdout, search.stderr
    entities = reader(tmp_path, "entities", str(corpus), "--index-dir", str(index), "--json")
    assert entities.code == 0 and json.loads(entities.stdout), entities.stderr
    # a corpus that changed meanwhile: the index as it was, and why it was not updated
    _write_articles(corpus, 4, 1, size=20)
    stale = reader(tmp_path, "search", "motunique1", str(corpus), "--index-dir", str(index))
    assert stale.code == 0 and "art_001" in stale.stdout, stale.stderr
    assert "read-only" in stale.stderr


def test_an_unreadable_corpus_root_is_refused_and_the_index_kept(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import errno

    from reader.domain import discovery

    corpus = tmp_path / "c"
    _write_articles(corpus, 0, 2)
    index = tmp_path / "index"
    pipeline.update([corpus], index)
    real_scandir = os.scandir

    def denied(path: object = ".") -> object:
        if os.fspath(path) == str(corpus):  # type: ignore[arg-type]
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return real_scandir(path)  # type: ignore[arg-type]

    monkeypatch.setattr(discovery.os, "scandir", denied)
    assert not pipeline.is_current([corpus], index)
    with pytest.raises(pipeline.CorpusUnreadable, match="Permission denied"):
        pipeline.update([corpus], index)
    monkeypatch.undo()
    assert _ids([corpus], index) == {"art_000", "art_001"}
