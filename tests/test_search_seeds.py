"""Search on the five bundled seed articles (the cases named in the search issue)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from reader.domain.search import IndexDoc, SearchIndex
from reader.domain.search.analysis import french_analyzer

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def _fallback_docs() -> list[IndexDoc]:
    """Read the seeds directly: strip the ` date YYYY-MM` marker; only 004 has a headline."""
    docs = []
    for path in sorted(SEEDS.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        date = None
        m = re.match(r"\s*date (\d{4}-\d{2})\s*", text)
        if m:
            date, text = m.group(1), text[m.end() :]
        title = ""
        if path.stem.startswith("004"):
            title, _, text = text.partition("\n")
        docs.append(IndexDoc(path.stem, str(path), title, text, date=date))
    return docs


def _seed_docs() -> list[IndexDoc]:
    try:
        from reader.domain.corpus import load_corpus
    except ImportError:
        return _fallback_docs()
    corpus = load_corpus([SEEDS])
    if len(corpus.articles) != 5:
        return _fallback_docs()
    return [
        IndexDoc(a.id, a.path, a.title, a.text, a.date, a.source, content_hash=a.content_hash)
        for a in corpus.articles
    ]


@pytest.fixture(scope="module")
def seeds() -> dict[str, IndexDoc]:
    return {d.id[:3]: d for d in _seed_docs()}


@pytest.fixture(scope="module")
def ix(tmp_path_factory: pytest.TempPathFactory, seeds: dict[str, IndexDoc]) -> SearchIndex:
    index = SearchIndex.open_or_create(tmp_path_factory.mktemp("seeds-index"))
    index.update(list(seeds.values()))
    return index


def found(ix: SearchIndex, query: str) -> list[str]:
    return sorted(h.article[:3] for h in ix.search(query).hits)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("banques", ["000", "002"]),
        ("title:kremlin", ["004"]),
        ("idiot AND twitter", ["000", "002"]),
        ("Zelensky OR Finlande", ["002"]),
    ],
)
def test_issue_queries(ix: SearchIndex, query: str, expected: list[str]) -> None:
    assert found(ix, query) == expected


def test_accents_case_and_plurals(ix: SearchIndex, seeds: dict[str, IndexDoc]) -> None:
    with_geneve = sorted(k for k, d in seeds.items() if "Genève" in d.text)
    assert with_geneve
    assert found(ix, "geneve") == found(ix, "GENÈVE") == found(ix, "Genève") == with_geneve
    assert found(ix, "sanction") == found(ix, "sanctions")
    assert found(ix, '"ligne rouge"') == found(ix, '"lignes rouges"')
    assert found(ix, '"lignes rouges"')


def test_did_you_mean(ix: SearchIndex) -> None:
    result = ix.search("Poutin")
    assert result.suggestion == "Poutine"
    assert result.total == 5


@pytest.mark.parametrize(
    "query",
    [
        "banques",
        "title:kremlin",
        "idiot AND twitter",
        "Zelensky OR Finlande",
        "geneve",
        '"lignes rouges"',
        '"Vladimir Poutine"',
        "kreml*",
        "sanctions NOT Finlande",
    ],
)
def test_every_match_points_at_the_matched_word(
    ix: SearchIndex, seeds: dict[str, IndexDoc], query: str
) -> None:
    an = french_analyzer()
    words = {w for w in re.findall(r"\w+", query) if w not in ("AND", "OR", "NOT", "title")}
    wanted = {t.text for w in words for t in an(w.rstrip("*"))}
    negated = {t.text for t in an(query.partition("NOT")[2])} if "NOT" in query else set()
    result = ix.search(query)
    assert result.hits
    for hit in result.hits:
        doc = seeds[hit.article[:3]]
        assert hit.matches
        for m in hit.matches:
            source = doc.title if m.field == "title" else doc.text
            found_terms = [t.text for t in an(source[m.start : m.end])]
            assert found_terms, (query, hit.article, m)
            assert m.start == 0 or not source[m.start - 1].isalnum()
            assert m.end == len(source) or not source[m.end].isalnum()
            if query.endswith("*"):
                assert all(t.startswith("kreml") for t in found_terms)
            else:
                assert set(found_terms) <= wanted
                assert not set(found_terms) & negated
        for start, end in hit.snippet_matches:  # type: ignore[attr-defined]
            assert [t.text for t in an(hit.snippet[start:end])]


def test_search_is_fast_on_the_seeds(ix: SearchIndex) -> None:
    import time

    start = time.perf_counter()
    for _ in range(10):
        ix.search("Poutine AND Biden")
    assert (time.perf_counter() - start) / 10 < 0.5


def test_issue_queries_on_the_raw_seed_files(tmp_path: Path) -> None:
    """The same cases on the files read directly (independent of the corpus loader)."""
    index = SearchIndex.open_or_create(tmp_path)
    index.update(_fallback_docs())
    assert found(index, "banques") == ["000", "002"]
    assert found(index, "title:kremlin") == ["004"]
    assert found(index, "idiot AND twitter") == ["000", "002"]
    assert found(index, "Zelensky OR Finlande") == ["002"]
