"""`]` / `[` step through an entity's mentions from its articles' positions: every step lands
exactly where the full list of mentions (in reading order) says it should, wrapping at both
ends, from a selected mention or from an offset that is not a mention, in a library held in
memory and in one read lazily from the store."""

from __future__ import annotations

import random
import shutil
from pathlib import Path

import pytest

from reader.domain import pipeline
from reader.domain.library import Library
from reader.domain.model import Article, Entity, Mention, MentionRef
from reader.domain.xref.walk import step

_FIELD = {"title": 0, "text": 1}


def _key(lib: Library, ref: MentionRef) -> tuple[int, int, int]:
    return (lib.order().index(ref.article), _FIELD[ref.field], ref.start)


def _expected(
    lib: Library, entity_id: str, here: tuple[int, int, int], delta: int
) -> tuple[tuple[str, str, int], bool]:
    """What the full, sorted list of mentions says `]` / `[` lands on."""
    refs = lib.entity_mentions(entity_id)
    keys = [_key(lib, r) for r in refs]
    if delta > 0:
        after = [i for i, k in enumerate(keys) if k > here]
        i, wrapped = (after[0], False) if after else (0, True)
    else:
        before = [i for i, k in enumerate(keys) if k < here]
        i, wrapped = (before[-1], False) if before else (len(refs) - 1, True)
    r = refs[i]
    return (r.article, r.field, r.start), wrapped


def _check_every_step(lib: Library) -> int:
    checked = 0
    order = lib.order()
    for entity_id in lib.entities:
        refs = lib.entity_mentions(entity_id)
        places = [(r.article, r.field, r.start) for r in refs]
        # from each mention, and from offsets that are not mentions (the top of the screen)
        places += [(aid, "text", off) for aid in order[:3] for off in (-1, 0, 7, 10**6)]
        for aid, fld, off in places:
            here = (order.index(aid), _FIELD[fld], off)
            for delta in (1, -1):
                got = lib.step_entity(entity_id, aid, fld, off, delta)
                assert got is not None
                want, wrapped = _expected(lib, entity_id, here, delta)
                assert (got.ref.article, got.ref.field, got.ref.start) == want, (entity_id, here)
                assert got.wrapped == wrapped
                checked += 1
    return checked


def _synthetic(seed: int) -> Library:
    rng = random.Random(seed)
    names = ["Moscou", "Kiev", "Anna", "Paul"]
    articles: dict[str, Article] = {}
    mentions: dict[str, list[Mention]] = {}
    for n in range(12):
        aid = f"a{n:02d}"
        words = [rng.choice([*names, "le", "la", "et"]) for _ in range(40)]
        text = " ".join(words)
        title = " ".join(rng.choice([*names, "Titre"]) for _ in range(3))
        date = f"2021-{rng.randint(1, 3):02d}"
        articles[aid] = Article(aid, f"{aid}.txt", title, text, [(0, len(text))], date=date)
        ms: list[Mention] = []
        for fld, value in (("title", title), ("text", text)):
            pos = 0
            for w in value.split(" "):
                if w in names and rng.random() < 0.6:
                    ms.append(Mention(fld, pos, pos + len(w), w, "LOC", w.lower()))  # type: ignore[arg-type]
                pos += len(w) + 1
        mentions[aid] = ms
    entities = {}
    for w in names:
        arts = sorted({aid for aid, ms in mentions.items() for m in ms if m.entity == w.lower()})
        count = sum(1 for ms in mentions.values() for m in ms if m.entity == w.lower())
        if arts:
            entities[w.lower()] = Entity(w.lower(), w, "LOC", [w], count, arts)
    return Library(articles=articles, mentions=mentions, entities=entities)


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_every_step_matches_the_full_list(seed: int) -> None:
    assert _check_every_step(_synthetic(seed)) > 100


def test_every_step_matches_in_a_library_read_from_the_store(
    seeds_index: Path, tmp_path: Path
) -> None:
    index = tmp_path / "index"
    shutil.copytree(seeds_index, index)
    lazy = pipeline.open_library([], index)
    try:
        assert lazy.source is not None
        assert _check_every_step(lazy) > 20
    finally:
        lazy.close()


def test_an_entity_only_in_the_current_article_wraps_within_it() -> None:
    text = "Anna et Anna."
    art = Article("a", "a.txt", "T", text, [(0, len(text))])
    ms = [
        Mention("text", 0, 4, "Anna", "PER", "anna"),
        Mention("text", 8, 12, "Anna", "PER", "anna"),
    ]
    lib = Library(
        articles={"a": art},
        mentions={"a": ms},
        entities={"anna": Entity("anna", "Anna", "PER", ["Anna"], 2, ["a"])},
    )
    got = lib.step_entity("anna", "a", "text", 8, 1)
    assert got is not None and got.wrapped and got.ref.start == 0
    got = lib.step_entity("anna", "a", "text", 0, -1)
    assert got is not None and got.wrapped and got.ref.start == 8


def test_articles_listed_without_a_mention_are_skipped() -> None:
    """`Entity.articles` naming an article whose mention list lacks the entity (a stale list)
    does not stop the walk."""
    ms = {
        "a": [Mention("text", 0, 4, "Anna", "PER", "anna")],
        "b": [],
        "c": [Mention("text", 2, 6, "Anna", "PER", "anna")],
    }
    found = step("anna", [0, 1, 2], ["a", "b", "c"], lambda aid: ms[aid], (0, 1, 0), 1)
    assert found is not None and found.ref.article == "c" and not found.wrapped
    assert step("anna", [1], ["a", "b", "c"], lambda aid: ms[aid], (0, 1, 0), 1) is None
    assert step("anna", [], ["a"], lambda aid: ms[aid], (0, 1, 0), 1) is None


def test_the_first_mentions_are_read_article_by_article(seeds_index: Path, tmp_path: Path) -> None:
    """`entity_mentions(limit=…)` gives the start of the full list, whole articles at a time."""
    index = tmp_path / "index"
    shutil.copytree(seeds_index, index)
    lazy = pipeline.open_library([], index)
    try:
        for entity_id in lazy.entities:
            full = lazy.entity_mentions(entity_id)
            for limit in (1, 2, 5):
                few = lazy.entity_mentions(entity_id, contexts=limit, limit=limit)
                assert few[:limit] == full[:limit]  # with their contexts
                where = [(r.article, r.field, r.start, r.end) for r in few]
                assert where == [(r.article, r.field, r.start, r.end) for r in full[: len(few)]]
                assert len(few) >= min(limit, len(full))
                if len(few) > limit:  # only the last article's mentions go past the limit
                    assert len({r.article for r in few[limit - 1 :]}) == 1
    finally:
        lazy.close()
