"""Related articles: rare shared entities weigh more; reasons are attached."""

from __future__ import annotations

from reader.domain.model import Article, Entity, Mention, SharedPassage
from reader.domain.xref.related import entity_weight, related_articles


def _article(aid: str, text: str) -> Article:
    return Article(id=aid, path=f"{aid}.txt", title=aid, text=text, paragraphs=[(0, len(text))])


def _setup(
    layout: dict[str, list[str]],
) -> tuple[dict[str, Article], dict[str, list[Mention]], dict[str, Entity]]:
    articles: dict[str, Article] = {}
    mentions: dict[str, list[Mention]] = {}
    entities: dict[str, Entity] = {}
    for aid, names in layout.items():
        text = " ".join(f"{n} parle." for n in names) + f" Article {aid}."
        articles[aid] = _article(aid, text)
        ms = []
        for n in names:
            start = text.index(n)
            ms.append(Mention("text", start, start + len(n), n, "PER", n.lower()))
            ent = entities.setdefault(n.lower(), Entity(n.lower(), n, "PER", [n], 0, []))
            ent.mentions += 1
            ent.articles.append(aid)
        mentions[aid] = ms
    return articles, mentions, entities


LAYOUT = {
    "a": ["Poutine", "Biden", "Peskov"],
    "b": ["Poutine", "Biden"],  # shares two common entities
    "c": ["Poutine", "Peskov"],  # shares one rare and one common entity
    "d": ["Poutine", "Biden", "Macron"],
    "e": ["Poutine", "Merkel"],
    "f": ["Johnson"],  # shares nothing
}


def test_rare_entity_outranks_common_ones() -> None:
    articles, mentions, entities = _setup(LAYOUT)
    rel = related_articles("a", articles, mentions, entities, {})
    ids = [r.article for r in rel]
    assert ids[0] == "c"  # Peskov (2 articles) beats Poutine + Biden (6 and 4 articles)
    assert "f" not in ids
    assert set(ids) == {"b", "c", "d", "e"}
    c = rel[0]
    assert c.shared_entities == ["peskov", "poutine"]  # most informative first
    assert c.shared_passages == []
    assert [r.score for r in rel] == sorted((r.score for r in rel), reverse=True)
    assert entity_weight(1, 10) > entity_weight(5, 10) > entity_weight(10, 10) > 0


def test_hidden_entities_are_ignored() -> None:
    articles, mentions, entities = _setup(LAYOUT)
    entities["peskov"].hidden = True
    rel = related_articles("a", articles, mentions, entities, {})
    assert all("peskov" not in r.shared_entities for r in rel)
    assert rel[0].article in {"b", "d"}


def test_shared_passages_are_oriented_and_count() -> None:
    articles, mentions, entities = _setup(LAYOUT)
    # Stored under ("e", "a"): e's offsets first; related("a") must flip them.
    stored = {("e", "a"): [SharedPassage(0, 10, 5, 15, 0.9)], ("b", "c"): []}
    rel = related_articles("a", articles, mentions, entities, stored)
    assert rel[0].article == "e"
    assert rel[0].shared_passages == [SharedPassage(5, 15, 0, 10, 0.9)]
    rel_e = related_articles("e", articles, mentions, entities, stored)
    assert rel_e[0].article == "a"
    assert rel_e[0].shared_passages == [SharedPassage(0, 10, 5, 15, 0.9)]


def test_passage_alone_links_articles_without_entities() -> None:
    articles = {"x": _article("x", "Un texte commun ici."), "y": _article("y", "Un texte commun.")}
    rel = related_articles("x", articles, {}, {}, {("x", "y"): [SharedPassage(0, 16, 0, 16, 1.0)]})
    assert [r.article for r in rel] == ["y"] and rel[0].score > 0
    assert related_articles("x", articles, {}, {}, {}) == []
    assert related_articles("missing", articles, {}, {}, {}) == []


def test_related_is_capped_and_reuses_precomputed_entity_sets() -> None:
    from reader.domain.model import Article, Entity, Mention
    from reader.domain.xref.related import entity_sets, related_articles

    articles = {}
    mentions = {}
    for i in range(30):
        aid = f"a{i:02}"
        text = f"Article {i} sur la Russie et le Kremlin, numéro {i}."
        articles[aid] = Article(aid, f"{aid}.txt", "", text, [(0, len(text))])
        start = text.index("Russie")
        mentions[aid] = [Mention("text", start, start + 6, "Russie", "LOC", "russie")]
    entities = {"russie": Entity("russie", "Russie", "LOC", ["Russie"], 30, sorted(articles))}
    sets = entity_sets(articles, mentions, entities)
    full = related_articles("a00", articles, mentions, entities, {}, sets=sets, limit=100)
    capped = related_articles("a00", articles, mentions, entities, {}, sets=sets, limit=5)
    assert len(full) == 29
    assert capped == full[:5]
    assert related_articles("a00", articles, mentions, entities, {}) == full[:50]
