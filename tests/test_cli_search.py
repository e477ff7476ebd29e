"""`reader search` counts the matching articles only where the total is shown (`--json`, the
table on a terminal), and prints the same hits either way (`reader.cli_search`)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from reader import cli_search
from reader.cli import main
from reader.domain.search import index as search_index

TEXTS = {
    "a.txt": "La grève des cheminots\n\nLa grève continue à Lyon, dit le syndicat.",
    "b.txt": "Grève à Mâcon\n\nLes cheminots en grève ont manifesté vendredi.",
    "c.txt": "Le budget voté\n\nLe Parlement a voté le budget mardi, sans grève.",
    "d.txt": "La météo\n\nIl fera beau jeudi sur toute la région.",
}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    from reader.domain import pipeline

    root = tmp_path_factory.mktemp("clisearch")
    folder = root / "corpus"
    folder.mkdir()
    for name, text in TEXTS.items():
        (folder / name).write_text(text, encoding="utf-8")
    pipeline.update([folder], root / "index")
    return [str(folder), "--index-dir", str(root / "index")]


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def _no_counting(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*_: object) -> int:
        raise AssertionError("counted")

    monkeypatch.setattr(search_index, "count_hits", refuse)


def test_piped_lines_do_not_count(
    capsys: pytest.CaptureFixture[str], corpus: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    code, counted, _ = _run(capsys, "search", "grève", *corpus)
    _no_counting(monkeypatch)
    code2, uncounted, _ = _run(capsys, "search", "grève", *corpus)
    assert code == code2 == 0
    assert uncounted == counted and len(counted.splitlines()) == 3


def test_json_total_is_counted(
    capsys: pytest.CaptureFixture[str], corpus: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    code, out, _ = _run(capsys, "search", "grève", "--json", "--limit", "1", *corpus)
    assert code == 0
    answer = json.loads(out)
    assert answer["total"] == 3 and len(answer["hits"]) == 1


def test_terminal_table_shows_the_counted_total(
    capsys: pytest.CaptureFixture[str], corpus: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(cli_search, "is_terminal", lambda out=None: True)
    code, out, _ = _run(capsys, "search", "grève", "--limit", "1", *corpus)
    assert code == 0 and "3 article(s) match" in out


def test_search_result_says_when_not_counted(corpus: list[str]) -> None:
    from reader.domain import pipeline

    searcher = pipeline.open_search(Path(corpus[2]))
    counted = searcher.search("grève", 1)
    uncounted = searcher.search("grève", 1, count="none")
    assert (counted.total, counted.total_exact) == (3, True)
    assert (uncounted.total, uncounted.total_exact) == (1, False)
    assert uncounted.hits == counted.hits


def test_entity_names_resolve_as_the_entity_records_do(corpus: list[str]) -> None:
    from reader.domain.pipeline import EntityResolver, open_store

    store = open_store(Path(corpus[2]), read_only_ok=True)
    try:
        full = EntityResolver(store.entities().values())
        light = EntityResolver.from_names(store.entity_names())
    finally:
        store.close()
    assert full._ids and full._ids == light._ids and full._names == light._names


def test_entity_search_skips_the_whole_file_check(
    capsys: pytest.CaptureFixture[str], corpus: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from reader.domain.store import Store

    checks: list[bool] = []
    real = Store.__init__

    def spy(self: Store, *a: object, **k: object) -> None:
        checks.append(bool(k.get("check", True)))
        real(self, *a, **k)  # type: ignore[arg-type]

    monkeypatch.setattr(Store, "__init__", spy)
    code, out, _ = _run(capsys, "search", "entity:Lyon", "--json", *corpus)
    assert code == 0 and json.loads(out)["query"] == "entity:Lyon"
    assert checks and not any(checks)
