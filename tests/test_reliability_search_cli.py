"""Issue 14.17 (parts): wildcards inside a word (`po?tine`, `po*ine`) and fuzzy terms
(`poutine~1`) found nothing without a word of explanation — the index holds word stems, which a
pattern over whole words cannot match, and the parser has no fuzzy syntax. They are rejected
with a message (exit 2 on the command line, the message next to the search box in the app);
a word ending in `*` still works. The index folder printed by `reader index` is sanitised."""

from __future__ import annotations

from pathlib import Path

import pytest

import fake_ner_reader
from reader import cli
from reader.domain.search import QueryError, SearchIndex
from test_search_index import DOCS


@pytest.fixture()
def fake_ner(monkeypatch: pytest.MonkeyPatch) -> None:
    import reader.domain.entities.ner as ner

    monkeypatch.setattr(ner, "Extractor", fake_ner_reader.FakeExtractor)


@pytest.fixture()
def corpus(tmp_path: Path) -> Path:
    root = tmp_path / "corpus"
    root.mkdir()
    (root / "a.txt").write_text(
        "Sommet\n\nLe président Vladimir Poutine a parlé de la poutine.\n", encoding="utf-8"
    )
    return root


@pytest.mark.parametrize(
    ("query", "why"),
    [
        ("po?tine", "wildcard"),
        ("poutin?", "wildcard"),
        ("po*ine", "wildcard"),
        ("title:po?tine", "wildcard"),
        ("poutine~1", "fuzzy"),
        ("poutine~", "fuzzy"),
        ("Moscou AND poutine~2", "fuzzy"),
    ],
)
def test_unsupported_patterns_are_rejected_with_a_reason(
    tmp_path: Path, query: str, why: str
) -> None:
    index = SearchIndex.open_or_create(tmp_path / "ix")
    index.update(DOCS)
    with pytest.raises(QueryError, match=why):
        index.search(query)


def test_what_still_works(tmp_path: Path) -> None:
    index = SearchIndex.open_or_create(tmp_path / "ix")
    index.update(DOCS)
    assert [h.article for h in index.search("pout*").hits] == ["a"]
    assert [h.article for h in index.search('"po?tine"').hits] == []  # quoted: plain text
    index.search('"banques russes"~2')  # phrase slop stays accepted


def test_cli_exits_2_with_the_message(
    fake_ner: None, corpus: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    index_dir = str(tmp_path / "index")
    assert cli.main(["index", str(corpus), "--index-dir", index_dir]) == 0
    capsys.readouterr()
    for query in ("po?tine", "poutine~1"):
        assert cli.main(["search", query, str(corpus), "--index-dir", index_dir]) == 2
        err = capsys.readouterr().err
        assert "query rejected" in err and ("wildcard" in err or "fuzzy" in err), err


def test_the_index_folder_is_printed_sanitised(
    fake_ner: None, corpus: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    index_dir = tmp_path / "idx\x1b]0;owned\x07\u202eevil\x9b2J"
    assert cli.main(["index", str(corpus), "--index-dir", str(index_dir)]) == 0
    assert cli.main(["index", str(corpus), "--index-dir", str(index_dir)]) == 0
    err = capsys.readouterr().err
    assert "up to date" in err
    for bad in ("\x1b", "\x07", "\u202e", "\x9b"):
        assert bad not in err, repr(err)


@pytest.mark.parametrize("query", ["po?tine", "poutine~1"])
async def test_the_app_says_why_next_to_the_search_box(tmp_path: Path, query: str) -> None:
    from textual.widgets import Input, Static

    from reader.ui.app import ReaderApp
    from reader.ui.search_screen import SearchScreen
    from ui_fixtures import build_library, make_app

    index = SearchIndex.open_or_create(tmp_path / "ix")
    index.update(DOCS)
    library = build_library()
    library.searcher = lambda q, n: index.search(q, n)
    app = make_app(tmp_path, library=library)
    assert isinstance(app, ReaderApp)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("slash")
        screen = app.screen
        assert isinstance(screen, SearchScreen)
        screen.query_one(Input).value = query
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        message = str(screen.query_one("#search-message", Static).render())
        assert "wildcard" in message or "fuzzy" in message, message
