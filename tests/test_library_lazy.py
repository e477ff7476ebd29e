"""A library opened from the store reads texts, mentions and passages lazily: it answers every
question exactly as a library holding everything in memory does, reads a consistent snapshot,
and a store of the previous schema is upgraded in place."""

from __future__ import annotations

import shutil
import sqlite3
import threading
from pathlib import Path

import pytest

from reader.domain import pipeline
from reader.domain.export import article_record, xref_article_record, xref_entity_record
from reader.domain.library import Library, StoredArticles
from reader.domain.store import STORE_SCHEMA, Store, StoreCorrupt


def _eager(index: Path) -> Library:
    """The library as it was opened before: everything loaded from the store."""
    store = Store(index / pipeline.STORE_NAME)
    try:
        return Library(
            articles=store.articles(),
            mentions=store.mentions(),
            entities=store.entities(),
            passages=store.passages(),
            problems=store.problems(),
            raw_quotes=store.all_quotes(),
        )
    finally:
        store.close()


@pytest.fixture()
def index(seeds_index: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "index"
    shutil.copytree(seeds_index, copy)
    return copy


def test_lazy_library_answers_like_the_eager_one(index: Path) -> None:
    lazy = pipeline.open_library([], index)
    eager = _eager(index)
    assert isinstance(lazy.articles, StoredArticles)
    assert lazy.order() == eager.order()
    assert set(lazy.articles) == set(eager.articles) and len(lazy.articles) == len(eager.articles)
    for aid in eager.order():
        assert lazy.article(aid) == eager.article(aid)
        assert article_record(lazy, aid) == article_record(eager, aid)
        assert xref_article_record(lazy, aid) == xref_article_record(eager, aid)
        assert lazy.entity_count(aid) == eager.entity_count(aid)
        info = lazy.info(aid)
        assert (info.title, info.date, info.source) == (
            eager.article(aid).title,
            eager.article(aid).date,
            eager.article(aid).source,
        )
    for entity in eager.entities.values():
        assert xref_entity_record(lazy, lazy.entities[entity.id]) == xref_entity_record(
            eager, entity
        )
        assert lazy.entity_quotes(entity.id) == eager.entity_quotes(entity.id)
    assert lazy.quote_groups().groups == eager.quote_groups().groups
    pairs = list(eager.passages)
    assert pairs, "the seeds share passages"
    assert sorted(lazy.passages) == sorted(pairs)
    for a, b in pairs:
        assert lazy.shared_passages(a, b) == eager.shared_passages(a, b)
        assert lazy.shared_passages(b, a) == eager.shared_passages(b, a)
    lazy.close()


def test_lazy_library_reads_a_snapshot_while_the_store_changes(index: Path) -> None:
    lazy = pipeline.open_library([], index)
    aid = lazy.order()[0]
    before = Store(index / pipeline.STORE_NAME)
    original = before.articles()[aid]
    before.close()
    db = sqlite3.connect(index / pipeline.STORE_NAME)
    with db:
        db.execute("DELETE FROM articles WHERE id = ?", (aid,))
        db.execute("DELETE FROM mentions WHERE article = ?", (aid,))
    db.close()
    assert lazy.article(aid).text == original.text  # what the library was opened on
    assert lazy.text_mentions(aid)
    lazy.close()
    with pytest.raises(KeyError):
        pipeline.open_library([], index).article(aid)


def test_lazy_library_is_shared_by_threads(index: Path) -> None:
    lazy = pipeline.open_library([], index)
    errors: list[BaseException] = []

    def read() -> None:
        try:
            for _ in range(3):
                for aid in lazy.order():
                    lazy.article(aid)
                    lazy.text_mentions(aid)
                    lazy.related(aid)
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=read) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    lazy.close()
    with pytest.raises(RuntimeError):  # closed: not mistaken for damage (StoreCorrupt)
        lazy.verify()


_SCHEMA_3_HEADERS = """CREATE TABLE headers (
    id TEXT PRIMARY KEY, path TEXT NOT NULL, title TEXT NOT NULL, date TEXT, source TEXT,
    title_derived INTEGER NOT NULL, entities INTEGER NOT NULL DEFAULT 0)"""


@pytest.mark.parametrize("old", ["2", "3"])
def test_older_store_is_upgraded_in_place(index: Path, old: str) -> None:
    fresh = pipeline.open_library([], index)
    expected = {aid: fresh.info(aid) for aid in fresh.order()}
    fresh.close()
    db = sqlite3.connect(index / pipeline.STORE_NAME)
    with db:
        db.execute("DROP TABLE headers")
        if old == "3":  # headers without the author column
            db.execute(_SCHEMA_3_HEADERS)
        db.execute("UPDATE meta SET value = ? WHERE key = 'store_schema'", (old,))
    db.close()
    upgraded = pipeline.open_library([], index)
    assert {aid: upgraded.info(aid) for aid in upgraded.order()} == expected
    assert upgraded.order() == list(expected)
    upgraded.close()
    db = sqlite3.connect(index / pipeline.STORE_NAME)
    schema = db.execute("SELECT value FROM meta WHERE key = 'store_schema'").fetchone()
    assert schema == (str(STORE_SCHEMA),)
    db.close()


def test_damaged_rows_are_found_by_verify_not_by_a_lazy_open(index: Path) -> None:
    db = sqlite3.connect(index / pipeline.STORE_NAME)
    with db:
        db.execute("UPDATE mentions SET data = '[[1, 2' WHERE rowid = 1")
    db.close()
    lazy = pipeline.open_library([], index, verify=False)
    with pytest.raises(StoreCorrupt):
        lazy.verify()
    lazy.close()
    with pytest.raises(StoreCorrupt):
        pipeline.open_library([], index)


def test_entity_mentions_read_from_the_store_match_the_eager_ones(index: Path) -> None:
    lazy = pipeline.open_library([], index)
    eager = _eager(index)
    for entity in eager.entities.values():
        full = eager.entity_mentions(entity.id)
        few = lazy.entity_mentions(entity.id, contexts=2)
        assert [(r.article, r.field, r.start, r.end, r.text) for r in few] == [
            (r.article, r.field, r.start, r.end, r.text) for r in full
        ]
        assert [r.context for r in few[:2]] == [r.context for r in full[:2]]
        assert all(r.context == "" for r in few[2:])
    lazy.close()
