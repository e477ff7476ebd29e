"""A big first batch written half by a helper process (`search.parallel`) gives an index that
answers exactly as one written by one process: same hits, same order, same scores, same
snippets, same documents; and the pipeline's cold build takes that path."""

from __future__ import annotations

import multiprocessing
import random
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from reader.domain.search import IndexDoc, SearchIndex, parallel

WORDS = [
    "le",
    "président",
    "a",
    "dit",
    "que",
    "la",
    "guerre",
    "continue",
    "à",
    "Kiev",
    "pendant",
    "que",
    "Moscou",
    "négocie",
    "avec",
    "Washington",
    "et",
    "Bruxelles",
    "sur",
    "le",
    "gaz",
    "le",
    "blé",
    "les",
    "sanctions",
    "la",
    "paix",
    "les",
    "réfugiés",
]


def _docs(n: int) -> list[IndexDoc]:
    rng = random.Random(11)
    docs = []
    for i in range(n):
        text = " ".join(rng.choice(WORDS) for _ in range(rng.randint(20, 80))) + "."
        title = " ".join(rng.choice(WORDS) for _ in range(5))
        ents = sorted({rng.choice(["Kiev", "Moscou", "Emmanuel Macron", "ONU"]) for _ in "ab"})
        docs.append(IndexDoc(f"d{i:03d}", f"d{i:03d}.txt", title, text, entity_terms=ents))
    return docs


QUERIES = ["président", '"la guerre continue"', "entity:Kiev", "gaz OR blé", "paix -Moscou"]


def _answers(index: SearchIndex) -> dict[str, Any]:
    out: dict[str, Any] = {"docs": index.doc_hashes()}
    for q in QUERIES:
        result = index.search(q, limit=500)
        out[q] = (
            result.total,
            [(h.article, round(h.score, 9), str(h.snippet)) for h in result.hits],
        )
    return out


def test_a_helper_written_half_answers_as_one_writer(tmp_path: Path) -> None:
    docs = _docs(parallel.PARALLEL_MIN + 37)
    one = SearchIndex.open_or_create(tmp_path / "one")
    one.update(docs)
    ctx = multiprocessing.get_context("spawn")
    with ctx.Pool(1) as pool:

        def helper(fn: Callable[..., Any], args: tuple[Any, ...]) -> Callable[[], Any]:
            return pool.apply_async(fn, args).get

        two = SearchIndex.open_or_create(tmp_path / "two")
        two.update(iter(docs), count=len(docs), helper=helper)
    assert len(two._ix._segments()) == 2  # the helper's segment and the writer's
    assert _answers(two) == _answers(one)
    # later updates work on the two segments as on one
    extra = IndexDoc("z1", "z1.txt", "la paix", "Le président parle de la paix à Kiev.")
    for index in (one, two):
        index.update([extra, docs[0]], delete=[docs[5].id])
    assert _answers(two) == _answers(one)
    one.close()
    two.close()


def test_the_cold_build_writes_half_in_a_helper(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Through `pipeline.update`: the first build of a corpus (big enough) leaves two
    segments that search like the one segment of a build without the helper."""
    from tests.test_incremental_equals_full import LabellingExtractor, _article, _state

    import reader.domain.entities.ner as ner
    from reader.domain import pipeline

    monkeypatch.setattr(ner, "Extractor", LabellingExtractor)
    rng = random.Random(4)
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for i in range(30):
        (corpus / f"a{i:02d}.txt").write_text(_article(rng), encoding="utf-8")
    monkeypatch.setattr(parallel, "PARALLEL_MIN", 10)
    pipeline.update([corpus], tmp_path / "split")
    with SearchIndex.open(tmp_path / "split" / pipeline.SEARCH_DIR) as split:
        assert len(split._ix._segments()) == 2
    monkeypatch.setattr(parallel, "PARALLEL_MIN", 10**9)
    pipeline.update([corpus], tmp_path / "single")
    assert _state(tmp_path / "split", corpus) == _state(tmp_path / "single", corpus)
