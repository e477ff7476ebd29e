"""The incremental pipeline: only what changed is re-read and re-analysed; the corpus is never
written to; a broken store or search index is rebuilt with a notice."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from reader.domain import pipeline
from reader.domain.export import article_record

ARTICLE_A = (
    "Le président Emmanuel Macron a rencontré Olaf Scholz à Berlin mardi. "
    "Les deux dirigeants ont parlé de l’OTAN et de la Russie.\n\n"
    "Selon l’Agence France-Presse, Macron a insisté sur la sécurité de l’Europe."
)
ARTICLE_B = (
    "Olaf Scholz a reçu Emmanuel Macron à Berlin. La chancellerie allemande a publié "
    "un communiqué sur la Russie et l’Ukraine.\n\nScholz a salué la visite."
)
ARTICLE_C = "Le maire de Lyon, Grégory Doucet, a présenté le budget de la ville jeudi soir."


def _snapshot(folder: Path) -> dict[str, tuple[int, int]]:
    return {
        str(p.relative_to(folder)): (p.stat().st_size, p.stat().st_mtime_ns)
        for p in sorted(folder.rglob("*"))
    }


@pytest.fixture()
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "a.txt").write_text(ARTICLE_A, encoding="utf-8")
    (folder / "b.txt").write_text(ARTICLE_B, encoding="utf-8")
    return folder


def test_first_update_indexes_everything_and_never_writes_the_corpus(
    corpus: Path, tmp_path: Path
) -> None:
    before = _snapshot(corpus)
    index = tmp_path / "index"
    report = pipeline.update([corpus], index)
    assert report.added == 2 and report.analysed == 2
    assert _snapshot(corpus) == before
    assert pipeline.is_current([corpus], index)
    library = pipeline.open_library([corpus], index)
    assert set(library.order()) == {"a", "b"}
    for aid in library.order():
        record = article_record(library, aid)
        for m in record["mentions"]:
            assert record["text"][m["start"] : m["end"]] == m["text"]
    names = {e.name for e in library.entities.values()}
    assert "Emmanuel Macron" in names and "Olaf Scholz" in names
    scholz = library.find_entity("Scholz")
    assert scholz is not None and sorted(scholz.articles) == ["a", "b"]


def test_unchanged_corpus_is_not_reprocessed(corpus: Path, tmp_path: Path) -> None:
    index = tmp_path / "index"
    pipeline.update([corpus], index)
    again = pipeline.update([corpus], index)
    assert again.nothing_changed and again.analysed == 0 and again.unchanged == 2


def test_touched_but_identical_file_is_not_reanalysed(corpus: Path, tmp_path: Path) -> None:
    index = tmp_path / "index"
    pipeline.update([corpus], index)
    st = (corpus / "a.txt").stat()
    os.utime(corpus / "a.txt", ns=(st.st_atime_ns, st.st_mtime_ns + 10_000_000_000))
    assert not pipeline.is_current([corpus], index)
    report = pipeline.update([corpus], index)
    assert report.nothing_changed and report.analysed == 0
    assert pipeline.is_current([corpus], index)


def test_changed_added_and_deleted_files(corpus: Path, tmp_path: Path) -> None:
    index = tmp_path / "index"
    pipeline.update([corpus], index)
    (corpus / "a.txt").write_text(ARTICLE_A + "\n\nAngela Merkel a réagi.", encoding="utf-8")
    (corpus / "c.txt").write_text(ARTICLE_C, encoding="utf-8")
    (corpus / "b.txt").unlink()
    report = pipeline.update([corpus], index)
    assert (report.added, report.changed, report.removed) == (1, 1, 1)
    assert report.analysed == 2
    library = pipeline.open_library([corpus], index)
    assert set(library.order()) == {"a", "c"}
    assert "Merkel" in library.article("a").text
    hits = library.search("Merkel", 10)
    assert [h.article for h in hits.hits] == ["a"]
    assert library.search("chancellerie", 10).total == 0


def test_skipped_files_are_reported(corpus: Path, tmp_path: Path) -> None:
    (corpus / "empty.txt").write_bytes(b"")
    (corpus / "notes.xyz").write_text("x", encoding="utf-8")
    report = pipeline.update([corpus], tmp_path / "index")
    reasons = {Path(p.path).name: p.reason for p in report.problems}
    assert "empty.txt" in reasons and "notes.xyz" in reasons
    library = pipeline.open_library([corpus], tmp_path / "index")
    assert {Path(p.path).name for p in library.problems} >= {"empty.txt", "notes.xyz"}


def test_corrupt_store_is_rebuilt_with_a_notice(corpus: Path, tmp_path: Path) -> None:
    index = tmp_path / "index"
    pipeline.update([corpus], index)
    for extra in ("-wal", "-shm"):
        Path(str(index / pipeline.STORE_NAME) + extra).unlink(missing_ok=True)
    (index / pipeline.STORE_NAME).write_bytes(b"this is not a database" * 100)
    assert not pipeline.is_current([corpus], index)
    report = pipeline.update([corpus], index)
    assert any("rebuilt" in n for n in report.notices)
    assert set(pipeline.open_library([corpus], index).order()) == {"a", "b"}


def test_missing_search_index_is_rebuilt(corpus: Path, tmp_path: Path) -> None:
    index = tmp_path / "index"
    pipeline.update([corpus], index)
    shutil.rmtree(index / pipeline.SEARCH_DIR)
    assert not pipeline.is_current([corpus], index)
    report = pipeline.update([corpus], index)
    assert report.analysed == 0
    assert pipeline.open_library([corpus], index).search("Berlin", 10).total == 2


def test_rebuild_starts_from_scratch(corpus: Path, tmp_path: Path) -> None:
    index = tmp_path / "index"
    pipeline.update([corpus], index)
    report = pipeline.update([corpus], index, rebuild=True)
    assert report.added == 2


def test_user_corrections_apply_at_index_time(
    corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("READER_CONFIG_DIR", str(tmp_path / "config"))
    index = tmp_path / "index"
    pipeline.update([corpus], index)
    path = pipeline.corrections_path([corpus])
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(
        "rename olaf-scholz to Le chancelier Scholz\nhide berlin\nmerge Nobody into berlin\n",
        encoding="utf-8",
    )
    assert not pipeline.is_current([corpus], index)
    report = pipeline.update([corpus], index)
    assert report.analysed == 0
    assert any("line 3" in n for n in report.notices)
    library = pipeline.open_library([corpus], index)
    scholz = library.find_entity("Scholz")
    assert scholz is not None and scholz.name == "Le chancelier Scholz"
    assert all(m.text != "Berlin" for m in library.text_mentions("a"))
    assert sorted(p.name for p in corpus.iterdir()) == ["a.txt", "b.txt"]


def test_entity_query_finds_an_article_under_a_name_it_does_not_use(tmp_path: Path) -> None:
    folder = tmp_path / "c"
    folder.mkdir()
    (folder / "full.txt").write_text(
        "Le chancelier Olaf Scholz a reçu mardi à Berlin le président du Conseil européen.",
        encoding="utf-8",
    )
    (folder / "short.txt").write_text(
        "À Bruxelles, M. Scholz a défendu jeudi le budget de la défense devant les députés.",
        encoding="utf-8",
    )
    index = tmp_path / "index"
    pipeline.update([folder], index)
    library = pipeline.open_library([folder], index)
    for query in ('entity:"Olaf Scholz"', "entity:Scholz", "entity:olaf-scholz"):
        assert sorted(h.article for h in library.search(query, 10).hits) == ["full", "short"]
        answer = pipeline.open_search(index).search(query, 10)
        assert sorted(h.article for h in answer.hits) == ["full", "short"]


def test_is_current_without_verifying_search_looks_only_at_version_and_contents(
    corpus: Path, tmp_path: Path
) -> None:
    index = tmp_path / "index"
    pipeline.update([corpus], index)
    search = index / pipeline.SEARCH_DIR
    segment = max(
        (p for p in search.iterdir() if p.suffix == ".seg"), key=lambda p: p.stat().st_size
    )
    os.truncate(segment, 10)
    # The full check opens the index and finds the damage; the cheap one leaves that to the
    # search that follows it (which rebuilds the index when it cannot read it).
    assert not pipeline.is_current([corpus], index)
    assert pipeline.is_current([corpus], index, verify_search=False)
    (search / "schema_version").write_text("0\n", encoding="ascii")
    assert not pipeline.is_current([corpus], index, verify_search=False)


def test_is_current_without_verifying_search_imports_no_whoosh(
    corpus: Path, tmp_path: Path
) -> None:
    index = tmp_path / "index"
    pipeline.update([corpus], index)
    probe = (
        "import sys\nfrom pathlib import Path\nfrom reader.domain import pipeline\n"
        f"assert pipeline.is_current([Path({str(corpus)!r})], Path({str(index)!r}), "
        "verify_search=False)\n"
        "print(sorted({m.split('.')[0] for m in sys.modules} & {'whoosh', 'spacy', 'textual'}))\n"
    )
    out = subprocess.run([sys.executable, "-c", probe], check=True, capture_output=True, text=True)
    assert out.stdout.strip() == "[]"


def test_ner_workers_leave_ctrl_c_to_the_parent() -> None:
    # Ctrl-C reaches every process of the terminal's group. A pool worker killed by it would
    # be replaced and its chunk never finished; the parent stops the pool instead.
    probe = (
        "import signal\nfrom reader.domain import pipeline\n"
        "from reader.domain.entities import ner\n"
        "class Fake:\n    nlp = None\n    def __init__(self, **options): pass\n"
        "ner.Extractor = Fake\n"
        "pipeline._ner_worker_init()\n"
        "print(signal.getsignal(signal.SIGINT) is signal.SIG_IGN)\n"
    )
    out = subprocess.run([sys.executable, "-c", probe], check=True, capture_output=True, text=True)
    assert out.stdout.strip() == "True"


def test_worker_pool_gives_what_one_process_gives(
    corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Extraction in worker processes (numpy matrix products, label cues sent back, shared
    passages found by a worker) stores what extraction in this process stores."""
    (corpus / "c.txt").write_text(ARTICLE_C, encoding="utf-8")
    (corpus / "d.txt").write_text(ARTICLE_A + "\n\n" + ARTICLE_C, encoding="utf-8")
    from reader.domain.updating import extract

    monkeypatch.setattr(extract, "NER_POOL_MIN", 10_000)
    pipeline.update([corpus], tmp_path / "one")
    monkeypatch.setattr(extract, "NER_POOL_MIN", 1)
    monkeypatch.setattr(extract, "NER_CHUNK", 1)
    assert pipeline._ner_workers(4) > 1 or (os.cpu_count() or 1) < 2
    pipeline.update([corpus], tmp_path / "pool")
    one = pipeline.open_library([corpus], tmp_path / "one")
    pool = pipeline.open_library([corpus], tmp_path / "pool")
    assert one.passages and pool.passages == one.passages
    assert pool.entities == one.entities
    assert [article_record(pool, a) for a in pool.order()] == [
        article_record(one, a) for a in one.order()
    ]
