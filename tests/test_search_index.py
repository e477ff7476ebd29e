"""The Whoosh index on small hand-written documents: queries, offsets, updates, robustness."""

from __future__ import annotations

import os
import random
import shutil
import threading
import time
from pathlib import Path

import pytest

from reader.domain.search import (
    IndexBusy,
    IndexCorrupt,
    IndexDoc,
    IndexNeedsRebuild,
    QueryError,
    SearchHit,
    SearchIndex,
    snippet_spans,
)
from reader.domain.search import index as index_module
from reader.domain.search.analysis import french_analyzer

DOCS = [
    IndexDoc(
        id="a",
        path="a.txt",
        title="Sanctions contre Moscou",
        text="Les sanctions visent les banques russes.\n\nPoutine a répondu à Genève.",
        date="2021-12",
        source="Reuters",
        entity_terms=["vladimir-poutine", "Vladimir Poutine", "Poutine", "geneve", "Genève"],
    ),
    IndexDoc(
        id="b",
        path="b.txt",
        title="",
        text="Moscou a tracé une ligne rouge. GENÈVE accueillera des négociations.",
        date="2022-01",
        entity_terms=["dmitri-peskov", "Dmitri Peskov", "Peskov"],
    ),
    IndexDoc(
        id="c",
        path="c.txt",
        title="Un autre sujet",
        text="La Finlande achète des avions. Aujourd’hui, l’économie va bien.",
    ),
]
TEXTS = {d.id: d.text for d in DOCS}
TITLES = {d.id: d.title for d in DOCS}


@pytest.fixture
def ix(tmp_path: Path) -> SearchIndex:
    index = SearchIndex.open_or_create(tmp_path / "ix")
    index.update(DOCS)
    return index


def ids(index: SearchIndex, query: str) -> list[str]:
    return sorted(h.article for h in index.search(query).hits)


def assert_matches_point_at_words(index: SearchIndex, query: str) -> None:
    an = french_analyzer()
    result = index.search(query)
    assert result.hits
    for hit in result.hits:
        assert hit.matches, (query, hit.article)
        for m in hit.matches:
            source = TITLES[hit.article] if m.field == "title" else TEXTS[hit.article]
            word = source[m.start : m.end]
            assert word and word == word.strip()
            assert [t.text for t in an(word)], word
            # A match starts and ends at word boundaries.
            assert m.start == 0 or not source[m.start - 1].isalnum()
            assert m.end == len(source) or not source[m.end].isalnum()


# -- the cases of the issue ----------------------------------------------------------------------


def test_singular_finds_plural(ix: SearchIndex) -> None:
    assert ids(ix, "sanction") == ["a"]
    result = ix.search("sanction")
    [hit] = result.hits
    words = {TEXTS["a"][m.start : m.end] for m in hit.matches if m.field == "text"}
    assert words == {"sanctions"}
    assert [TITLES["a"][m.start : m.end] for m in hit.matches if m.field == "title"] == [
        "Sanctions"
    ]


@pytest.mark.parametrize("query", ["geneve", "GENÈVE", "Genève", "genève", "Gene\u0301ve"])
def test_accent_and_case_insensitive(ix: SearchIndex, query: str) -> None:
    assert ids(ix, query) == ["a", "b"]


def test_plural_phrase_finds_singular_phrase(ix: SearchIndex) -> None:
    assert ids(ix, '"lignes rouges"') == ["b"]
    [hit] = ix.search('"lignes rouges"').hits
    assert [TEXTS["b"][m.start : m.end] for m in hit.matches] == ["ligne rouge"]


def test_elided_query_words(ix: SearchIndex) -> None:
    assert ids(ix, "l'économie") == ["c"]
    assert ids(ix, "économie") == ["c"]
    assert ids(ix, "aujourd'hui") == ["c"]


def test_operators_fields_and_prefixes(ix: SearchIndex) -> None:
    assert ids(ix, "moscou") == ["a", "b"]
    assert ids(ix, "moscou AND banques") == ["a"]
    assert ids(ix, "banques OR finlande") == ["a", "c"]
    assert ids(ix, "moscou NOT banques") == ["b"]
    assert ids(ix, "title:moscou") == ["a"]
    assert ids(ix, "text:finlande") == ["c"]
    assert ids(ix, "body:finlande") == ["c"]
    assert ids(ix, "négo*") == ["b"]
    assert ids(ix, "date:2021-12") == ["a"]
    assert ids(ix, "source:reuters") == ["a"]


def test_title_is_weighted_up(tmp_path: Path) -> None:
    index = SearchIndex.open_or_create(tmp_path)
    index.update(
        [
            IndexDoc("body", "x", "Autre chose", "Kremlin. " + "mot " * 30),
            IndexDoc("title", "y", "Le Kremlin", "mot " * 30),
        ]
    )
    assert [h.article for h in index.search("kremlin").hits] == ["title", "body"]


@pytest.mark.parametrize(
    "query",
    [
        "entity:Peskov",
        'entity:"Dmitri Peskov"',
        "entity:dmitri-peskov",
        "entity:PESKOV",
        "entity:dmitri_peskov",
    ],
)
def test_entity_field_by_id_or_any_alias(ix: SearchIndex, query: str) -> None:
    assert ids(ix, query) == ["b"]


def test_entity_field_needs_a_whole_alias(ix: SearchIndex) -> None:
    assert ids(ix, "entity:Dmitri") == []
    assert ids(ix, "entity:geneve") == ["a"]


def test_negated_terms_are_not_matches(ix: SearchIndex) -> None:
    [hit] = ix.search("moscou NOT banques").hits
    assert {TEXTS["b"][m.start : m.end] for m in hit.matches} == {"Moscou"}


@pytest.mark.parametrize(
    "query", ["sanction", "geneve", '"lignes rouges"', "moscou OR finlande", "négo*", "économie"]
)
def test_every_match_points_at_a_word(ix: SearchIndex, query: str) -> None:
    assert_matches_point_at_words(ix, query)


def test_snippet_is_plain_text_with_spans(ix: SearchIndex) -> None:
    [hit] = ix.search("banques").hits
    assert isinstance(hit, SearchHit)
    assert "\n" not in hit.snippet
    plain, spans = snippet_spans(hit.snippet)
    assert plain == hit.snippet
    assert spans == hit.snippet_matches
    assert [plain[s:e] for s, e in spans] == ["banques"]
    assert snippet_spans(hit) == (plain, spans)
    assert snippet_spans("no spans") == ("no spans", [])


def test_long_text_snippet_is_cut_around_matches(tmp_path: Path) -> None:
    text = "début " * 200 + "Les banques russes." + " fin" * 200
    index = SearchIndex.open_or_create(tmp_path)
    index.update([IndexDoc("x", "x", "", text)])
    [hit] = index.search("banques").hits
    assert hit.snippet.startswith("…") and hit.snippet.endswith("…")
    assert len(hit.snippet) <= 242
    assert [hit.snippet[s:e] for s, e in hit.snippet_matches] == ["banques"]
    [m] = hit.matches
    assert text[m.start : m.end] == "banques"


def test_texts_given_back_are_used_for_offsets(ix: SearchIndex) -> None:
    shown = {"a": "Préambule. " + TEXTS["a"]}
    [hit] = ix.search("banques", texts=shown, titles={"a": "Autre titre"}).hits
    assert hit.title == "Autre titre"
    assert [shown["a"][m.start : m.end] for m in hit.matches] == ["banques"]


def test_did_you_mean_uses_the_surface_form(ix: SearchIndex) -> None:
    assert ix.search("Poutin").suggestion == "Poutine"
    assert ix.search("Poutin AND banques").suggestion == "Poutine AND banques"
    assert ix.search("Poutine").suggestion is None
    assert ix.search("sanction").suggestion is None  # a plural variant, found by stemming
    assert ix.search("geneve").suggestion is None
    assert ix.suggest("finlnde") == "Finlande"


# -- updates ------------------------------------------------------------------------------------


def test_update_replaces_deletes_and_counts(ix: SearchIndex) -> None:
    assert ix.doc_count() == 3
    assert ix.doc_ids() == {"a", "b", "c"}
    changed = IndexDoc("b", "b.txt", "", "Un texte tout neuf sur Berlin.", content_hash="h2")
    calls: list[tuple[int, int]] = []
    ix.update([changed], delete=["c"], progress=lambda d, t: calls.append((d, t)))
    assert calls == [(1, 1)]
    assert ix.doc_count() == 2
    assert ix.doc_ids() == {"a", "b"}
    assert ix.doc_hashes()["b"] == "h2"
    assert ids(ix, "berlin") == ["b"]
    assert ids(ix, "négociations") == []
    assert ids(ix, "finlande") == []


def test_duplicate_ids_in_one_batch_keep_the_last(tmp_path: Path) -> None:
    index = SearchIndex.open_or_create(tmp_path)
    index.update([IndexDoc("x", "x", "", "premier"), IndexDoc("x", "x", "", "second")])
    assert index.doc_count() == 1
    assert ids(index, "second") == ["x"]


def test_empty_update_writes_nothing(ix: SearchIndex) -> None:
    before = sorted(os.listdir(ix.directory))
    ix.update([], [])
    assert sorted(os.listdir(ix.directory)) == before


def test_another_instance_sees_committed_changes(ix: SearchIndex) -> None:
    other = SearchIndex.open(ix.directory)
    assert ids(other, "berlin") == []
    ix.update([IndexDoc("d", "d.txt", "", "Berlin")])
    assert ids(other, "berlin") == ["d"]


def test_reopened_index_keeps_documents(ix: SearchIndex) -> None:
    ix.close()
    again = SearchIndex.open_or_create(ix.directory)
    assert not again.needs_rebuild and not again.created
    assert again.doc_count() == 3


def test_new_index_is_created_not_rebuilt(tmp_path: Path) -> None:
    index = SearchIndex.open_or_create(tmp_path / "new")
    assert index.created and not index.needs_rebuild and index.rebuilt is None
    assert index.doc_count() == 0


def test_rebuild_requested(ix: SearchIndex) -> None:
    again = SearchIndex.open_or_create(ix.directory, rebuild=True)
    assert again.needs_rebuild
    assert again.doc_count() == 0


def test_schema_version_bump_signals_rebuild(
    ix: SearchIndex, monkeypatch: pytest.MonkeyPatch
) -> None:
    ix.close()
    monkeypatch.setattr(index_module, "SCHEMA_VERSION", index_module.SCHEMA_VERSION + 1)
    with pytest.raises(IndexNeedsRebuild, match="schema version"):
        SearchIndex.open(ix.directory)
    again = SearchIndex.open_or_create(ix.directory)
    assert again.needs_rebuild and "schema version" in (again.rebuilt or "")
    assert again.doc_count() == 0
    assert (ix.directory / "schema_version").read_text().strip() == str(index_module.SCHEMA_VERSION)
    # Once rebuilt, it opens normally.
    assert not SearchIndex.open_or_create(ix.directory).needs_rebuild


def test_missing_version_file_signals_rebuild(ix: SearchIndex) -> None:
    (ix.directory / "schema_version").unlink()
    with pytest.raises(IndexNeedsRebuild):
        SearchIndex.open(ix.directory)


def test_rebuild_deletes_only_index_files(ix: SearchIndex) -> None:
    keep = ix.directory / "notes.txt"
    keep.write_text("mine")
    SearchIndex.create(ix.directory)
    assert keep.read_text() == "mine"


def test_schema_pickles_the_analyzer_by_its_stable_path(ix: SearchIndex) -> None:
    tocs = [p for p in ix.directory.iterdir() if p.suffix == ".toc"]
    assert tocs
    assert all(b"reader.domain.search.analysis" in p.read_bytes() for p in tocs)


# -- odd queries ---------------------------------------------------------------------------------

ODD = [
    '"abc',
    "((",
    "))",
    "title:",
    "title: kremlin",
    "(" * 5000,
    "(" * 5000 + "a" + ")" * 5000,
    "x" * 1_000_000,
    "*",
    "*ine",
    "?oo",
    "title:*",
    "foo:bar",
    "AND",
    "OR OR NOT",
    "NOT moscou",
    '"',
    "\x00",
    "a" * 499,
    "[a TO",
    "date:[2021 TO",
    "moscou^999999999999",
    "moscou~",
    "\u200b",
    "entity:",
    "'",
    "l'",
    ":",
    "a:b:c",
    "   ",
]


@pytest.mark.parametrize("query", ODD, ids=[repr(q[:15]) + str(len(q)) for q in ODD])
def test_odd_queries_answer_fast_without_traceback(ix: SearchIndex, query: str) -> None:
    start = time.perf_counter()
    try:
        result = ix.search(query)
    except QueryError as exc:
        assert str(exc)
        assert "\n" not in str(exc)
    else:
        assert result.total >= 0
    assert time.perf_counter() - start < 1.0


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("x" * 501, "too long"),
        ("*ine", "wildcard"),
        ("*", "wildcard"),
        ("foo:bar", "unknown field foo"),
        ("title:", "title: needs"),
        ("(" * 30 + "a", "nested"),
        ('"' + "le " * 13 + '"', "phrase too long"),
        ("", "empty"),
    ],
)
def test_rejections_say_why(ix: SearchIndex, query: str, message: str) -> None:
    with pytest.raises(QueryError, match=message):
        ix.search(query)


def test_colons_inside_quotes_or_numbers_are_not_fields(ix: SearchIndex) -> None:
    ix.search('"note: rien"')
    ix.search("10:30")


# -- corruption and locking -----------------------------------------------------------------------


def _damage(path: Path, rng: random.Random) -> None:
    data = bytearray(path.read_bytes())
    kind = rng.choice(["truncate", "flip", "zero"])
    if kind == "truncate":
        data = data[: rng.randrange(len(data))]
    elif kind == "flip":
        for _ in range(8):
            i = rng.randrange(len(data))
            data[i] ^= 0xFF
    else:
        data = bytearray(len(data))
    path.write_bytes(bytes(data))


def test_truncated_files_raise_index_corrupt(ix: SearchIndex, tmp_path: Path) -> None:
    ix.close()
    for suffix in (".seg", ".toc"):
        copy = tmp_path / f"copy{suffix}"
        shutil.copytree(ix.directory, copy)
        target = next(p for p in copy.iterdir() if p.suffix == suffix)
        target.write_bytes(target.read_bytes()[: target.stat().st_size // 2])
        with pytest.raises(IndexCorrupt):
            SearchIndex.open(copy)
        repaired = SearchIndex.open_or_create(copy)
        assert repaired.needs_rebuild and repaired.doc_count() == 0


def test_damaged_files_never_raise_anything_but_index_corrupt(
    ix: SearchIndex, tmp_path: Path
) -> None:
    ix.close()
    rng = random.Random(20211207)
    for trial in range(40):
        copy = tmp_path / f"t{trial}"
        shutil.copytree(ix.directory, copy)
        files = sorted(p for p in copy.iterdir() if p.suffix in (".seg", ".toc"))
        _damage(rng.choice(files), rng)
        try:
            index = SearchIndex.open(copy)
            for query in ("banques", '"ligne rouge"', "négo*", "Poutin", "entity:Peskov"):
                index.search(query)
            index.doc_ids()
        except IndexCorrupt as exc:
            assert "unreadable" in str(exc)
        shutil.rmtree(copy)


def test_second_writer_waits_then_reports_busy(ix: SearchIndex) -> None:
    holder = ix._ix.writer()  # another writer holds the lock
    try:
        other = SearchIndex.open(ix.directory)
        start = time.perf_counter()
        with pytest.raises(IndexBusy, match="another process") as info:
            other.update([IndexDoc("z", "z", "", "zèbre")], lock_timeout=0.4)
        assert 0.35 <= time.perf_counter() - start < 3.0
        assert str(info.value)
    finally:
        holder.cancel()


def test_second_writer_succeeds_when_the_lock_is_released(ix: SearchIndex) -> None:
    holder = ix._ix.writer()
    timer = threading.Timer(0.3, holder.cancel)
    timer.start()
    try:
        other = SearchIndex.open(ix.directory)
        other.update([IndexDoc("z", "z", "", "zèbre")], lock_timeout=5.0)
    finally:
        timer.join()
    assert ids(other, "zèbre") == ["z"]


def test_shared_index_is_usable_from_threads(ix: SearchIndex) -> None:
    errors: list[BaseException] = []

    def searcher() -> None:
        try:
            for _ in range(20):
                assert ix.search("moscou").total >= 2
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=searcher) for _ in range(4)]
    for t in threads:
        t.start()
    for i in range(5):
        ix.update([IndexDoc(f"n{i}", "n", "", "Moscou encore")])
    for t in threads:
        t.join()
    assert not errors
    assert ix.doc_count() == 8
