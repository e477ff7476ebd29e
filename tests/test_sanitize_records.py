"""Issue 14 point 8: sanitising is structural. Every field of every record type, new ones
included, and every string of every output record passes the one sanitiser; dates (JSON,
Markdown front matter, HTML meta) and corrections-file renames included. Point 17: zero-width
joiners stay inside words."""

from __future__ import annotations

import dataclasses
import inspect
import json
import unicodedata
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import fake_ner_reader
from reader.domain import model, pipeline
from reader.domain.corpus import articles_from_bytes
from reader.domain.export import article_record, entity_record, xref_entity_record
from reader.domain.sanitize import clean_text, clean_tree, is_clean, sanitize, sanitize_inline

#: C1 CSI and OSC, a bidi override and isolate, ESC, NUL, BEL, a lone surrogate, a
#: decomposed accent.
HOSTILE = "A\x9b31m\x9d0;t\x07\u202eB\u2066\x1b[2J\x00\ud83dCe\u0301"
#: What must survive of it: the visible text, the surrogate replaced, the accent composed.
SURVIVES = "\ufffdCé"
#: The same, without the surrogate (which only a JSON escape can put in a file).
IN_FILE = HOSTILE.replace("\ud83d", "").replace("\x00", "")
BIDI = set("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c")


def _bad(s: str) -> bool:
    return any(
        (unicodedata.category(c) in ("Cc", "Cs") and c not in "\n\t") or c in BIDI for c in s
    )


def _strings(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in _strings(v)]
    if isinstance(value, (list, tuple)):
        return [s for v in value for s in _strings(v)]
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return [s for f in dataclasses.fields(value) for s in _strings(getattr(value, f.name))]
    return []


def _hostile_value(annotation: str) -> object:
    """A value of the field's type, holding hostile strings wherever a string may go."""
    text = annotation.replace(" ", "")
    if text.startswith("list[str") or text.startswith("list[tuple[str"):
        return [HOSTILE, HOSTILE]
    if text.startswith("list[") or text.startswith("dict["):
        return []
    if text in ("int", "float"):
        return 1
    if text == "bool":
        return False
    return HOSTILE  # str, str | None, Label, Field, and any new string-like field


RECORDS = [
    cls
    for _, cls in inspect.getmembers(model, inspect.isclass)
    if dataclasses.is_dataclass(cls) and cls.__module__ == model.__name__
]


def test_every_record_type_is_sanitised_or_declared_derived() -> None:
    assert {"Article", "Entity", "Removed", "Problem"} <= {c.__name__ for c in RECORDS}
    for cls in RECORDS:
        assert issubclass(cls, model.Sanitised) or cls in model.DERIVED, cls.__name__


@pytest.mark.parametrize("cls", RECORDS, ids=lambda c: c.__name__)
def test_every_field_of_every_record_is_sanitised(cls: type) -> None:
    values = {f.name: _hostile_value(str(f.type)) for f in dataclasses.fields(cls)}
    record = cls(**values)
    strings = _strings(record) if issubclass(cls, model.Sanitised) else []
    if cls in model.DERIVED:  # sanitised on output
        strings = _strings(clean_tree(dataclasses.asdict(record)))
    hostile_fields = [n for n, v in values.items() if v == HOSTILE or v == [HOSTILE, HOSTILE]]
    assert len(strings) >= len(hostile_fields)
    for s in strings:
        assert not _bad(s) and is_clean(s), (cls.__name__, s)
        assert s.startswith("A") and s.endswith(SURVIVES), (cls.__name__, s)


def test_a_field_assigned_later_is_sanitised_too() -> None:
    entity = model.Entity("e", "ok", "PER", [], 0, [])
    entity.name = HOSTILE
    entity.aliases = [HOSTILE]
    article = model.Article("a", "p", "t", "x", [])
    article.date = HOSTILE
    for s in (entity.name, *entity.aliases, article.date):
        assert not _bad(s) and s.endswith(SURVIVES)


def test_multiline_fields_keep_their_line_breaks() -> None:
    article = model.Article("a", "p", "titre\nsuite", "un\n\ndeux\tpar", [(0, 2), (4, 8)])
    assert article.text == "un\n\ndeux\tpar" and article.title == "titre suite"
    assert model.Removed("bio", "a\nb").text == "a\nb"


def _one(data: str, name: str) -> model.Article:
    articles, problems = articles_from_bytes(data.encode(), name, "x", name)
    assert articles, problems
    return articles[0]


BODY = "Le ministre Bruno Le Maire a parlé à Paris avec Olaf Scholz. " * 3


@pytest.mark.parametrize(
    "name,data",
    [
        ("a.json", json.dumps({"text": BODY, "date": HOSTILE, "source": HOSTILE})),
        ("a.md", f"---\ntitle: T\ndate: {IN_FILE}\nsource: {IN_FILE}\n---\n\n{BODY}\n"),
        (
            "a.html",
            f'<html><head><meta name="date" content="{IN_FILE}">'
            f'<meta property="og:site_name" content="{IN_FILE}"></head>'
            f"<body><article><h1>Titre</h1><p>{BODY}</p></article></body></html>",
        ),
    ],
)
def test_dates_of_every_format_are_sanitised(name: str, data: str) -> None:
    article = _one(data, name)
    # a "date" that is no date becomes null (export: YYYY-MM-DD, YYYY-MM or null); the
    # outlet keeps its (sanitised) text
    assert article.date is None and article.source is not None
    for s in _strings(article):
        assert not _bad(s), (name, s)


def test_a_corrections_rename_never_reaches_json_output_raw(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import reader.domain.entities.ner as ner

    monkeypatch.setattr(ner, "Extractor", fake_ner_reader.FakeExtractor)
    corpus = tmp_path / "c"
    corpus.mkdir()
    (corpus / "a.txt").write_text(f"Titre\n\n{BODY}", encoding="utf-8")
    path = pipeline.corrections_path([corpus])
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f'rename "Olaf Scholz" to {IN_FILE}\n', encoding="utf-8")
    index = tmp_path / "index"
    pipeline.update([corpus], index)
    library = pipeline.open_library([corpus], index)
    try:
        entities = list(library.entities.values())
        renamed = [e for e in entities if e.name.endswith("Cé")]
        assert renamed, [e.name for e in entities]
        for record in (
            *(entity_record(e) for e in entities),
            xref_entity_record(library, renamed[0]),
            *(article_record(library, a) for a in library.order()),
        ):
            for s in _strings(record):
                assert not _bad(s), s
            json.dumps(record, ensure_ascii=False).encode("utf-8")
    finally:
        library.close()


# -- 17. zero-width joiners ------------------------------------------------------------------


def test_zero_width_joiners_are_kept_inside_words() -> None:
    family = "\U0001f468\u200d\U0001f469\u200d\U0001f467"
    persian = "می\u200cخواهم"
    for s in (family, persian, f"le {family} et {persian}."):
        assert sanitize(s) == s and sanitize_inline(s) == s and is_clean(s)


def test_zero_width_joiners_at_word_edges_are_removed() -> None:
    assert sanitize("\u200dKremlin\u200c a dit \u200d") == "Kremlin a dit "
    assert not is_clean("\u200dKremlin")


@given(st.text(alphabet=st.sampled_from(list("ab é\n\t\r\x1b\x9b\u202e\u200d\u200c\u0301\ud83d"))))
def test_the_fast_path_agrees_with_the_sanitiser(s: str) -> None:
    assert clean_text(s, multiline=True) == sanitize(s)
    assert clean_text(s) == sanitize_inline(s)
    assert sanitize(sanitize(s)) == sanitize(s) and is_clean(sanitize(s))


def test_a_clean_snippet_keeps_its_spans() -> None:
    from reader.domain.search.index import Snippet

    snippet = Snippet("le \U0001f468\u200d\U0001f469 de Paris", [(14, 19)])
    hit = model.Hit("a", "t", 1.0, snippet, [])
    assert getattr(hit.snippet, "spans", None) == ((14, 19),)


def test_json_output_is_sanitised_whatever_the_record_holds() -> None:
    from reader.domain.sanitize import dumps

    clean = {"id": "a", "text": "Genève\n\n« Bonjour » 👨\u200d👩", "n": [1, 2.5, None, True]}
    assert dumps(clean) == json.dumps(clean, ensure_ascii=False)  # the fast path: as it is
    record = {
        "date": HOSTILE,
        "quotes": [{"speaker": "\x1bX\x08", "cue": "\u202ea dit\r"}],
        HOSTILE: "key",
    }
    out = dumps(record)
    back = json.loads(out)
    for s in [*_strings(back), *back]:
        assert not _bad(s), s
    assert back["date"].endswith(SURVIVES) and back["quotes"][0]["speaker"] == "X"
    assert "\\u001b" not in out and "\\b" not in out and "\\r" not in out


@given(st.recursive(st.text(), lambda kids: st.lists(kids) | st.dictionaries(st.text(), kids)))
def test_dumps_never_lets_a_control_out(value: object) -> None:
    from reader.domain.sanitize import dumps

    back = json.loads(dumps(value))
    strings = _strings(back)
    if isinstance(back, dict):
        strings += list(back)
    for s in strings:
        assert not _bad(s) and is_clean(s)
