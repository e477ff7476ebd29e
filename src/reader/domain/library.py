"""A read-only view of an indexed corpus: what the UI and the command line ask questions of.

A `Library` is built by `reader.domain.pipeline` from the store (no spaCy needed when the index
is current) or directly from parts in tests. It holds no widgets and never imports Textual.

Opened from the store, a library holds only what the list of articles and the cross-references
need of every article (its `ArticleInfo` and the set of entities it mentions) and the entities;
texts, mentions and passages are read from the store when asked for, one article at a time,
with a small cache (`StoredArticles`, `StoredMentions`, `StoredPassages`).
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence, Set
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Generic, NamedTuple, Protocol, TypeVar

from reader.domain.model import (
    Article,
    Entity,
    Mention,
    MentionRef,
    Problem,
    Relation,
    SearchResult,
    SharedPassage,
)
from reader.domain.quotes.types import Quote, QuoteRef, RawQuote

if TYPE_CHECKING:
    from reader.domain.timeline import StoryItem
    from reader.domain.xref.related import EntitySets
    from reader.domain.xref.walk import Step

Searcher = Callable[[str, int], SearchResult]

#: Articles (and mention lists) a library opened from the store keeps in memory.
CACHE_SIZE = 128
#: Up to this many articles with quotations naming an entity, its quotations are found by
#: reading those articles' mention lists; beyond, by one SQLite pass over every list.
QUOTES_PER_ARTICLE_MAX = 2000

K = TypeVar("K")
V = TypeVar("V")


class ArticleInfo(NamedTuple):
    """What a list of articles shows of one: everything but the text."""

    id: str
    path: str
    title: str
    date: str | None = None
    source: str | None = None
    title_derived: bool = False
    #: How many distinct entities the article mentions (None: not recorded; count them).
    entities: int | None = None
    author: tuple[str, ...] = ()

    @classmethod
    def of(cls, article: Article) -> ArticleInfo:
        """The info of a loaded article."""
        return cls(
            article.id,
            article.path,
            article.title,
            article.date,
            article.source,
            article.title_derived,
            author=tuple(article.author),
        )


class Reprint(NamedTuple):
    """Two articles sharing reprinted passages (`a` before `b` in the store's pair order)."""

    a: str
    b: str
    passages: int
    chars: int  # characters of `a` inside the shared passages


def reading_key(info: ArticleInfo) -> tuple[str, str, str]:
    """Reading order: date (undated last), then title (case folded), then id."""
    return (info.date or "9999", info.title.casefold(), info.id)


class ArticleSource(Protocol):
    """Where a lazily loaded library reads from (`reader.domain.store.StoreReader`)."""

    def article(self, article_id: str) -> Article:
        """One article (KeyError if unknown)."""
        ...

    def mentions(self, article_id: str) -> list[Mention]:
        """The linked mentions of one article."""
        ...

    def entity_mentions(self, entity_id: str) -> dict[str, list[Mention]]:
        """The linked mentions of one entity, by article."""
        ...

    def passage_pair(self, a: str, b: str) -> list[SharedPassage] | None:
        """The passages stored for `(a, b)` as written, or None."""
        ...

    def quotes(self, article_id: str) -> list[RawQuote]:
        """The quotations of one article."""
        ...

    def all_quotes(self) -> dict[str, list[RawQuote]]:
        """The quotations of every article that has some."""
        ...

    def passages_of(self, article_id: str) -> dict[tuple[str, str], list[SharedPassage]]:
        """Every stored pair involving the article."""
        ...

    def passage_keys(self) -> list[tuple[str, str]]:
        """Every stored pair."""
        ...

    def verify(self) -> None:
        """Raise if what is stored cannot be read."""
        ...

    def close(self) -> None:
        """Release the source."""
        ...


class _Cache(Generic[K, V]):
    """A small least-recently-used cache, safe to share between threads."""

    def __init__(self, size: int) -> None:
        self._size = size
        self._items: OrderedDict[K, V] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: K, load: Callable[[K], V]) -> V:
        with self._lock:
            if key in self._items:
                self._items.move_to_end(key)
                return self._items[key]
        value = load(key)  # outside the lock: another thread may load something else
        with self._lock:
            self._items[key] = value
            while len(self._items) > self._size:
                self._items.popitem(last=False)
        return value


class StoredByArticle(Mapping[str, V]):
    """Article id → something read with `load` when first asked for (small LRU cache)."""

    def __init__(self, load: Callable[[str], V], ids: Mapping[str, object]) -> None:
        self._load = load
        self._ids = ids  # shared, never changed
        self._cache: _Cache[str, V] = _Cache(CACHE_SIZE)

    def __getitem__(self, key: str) -> V:
        if key not in self._ids:
            raise KeyError(key)
        return self._cache.get(key, self._load)

    def __contains__(self, key: object) -> bool:
        return key in self._ids

    def __iter__(self) -> Iterator[str]:
        return iter(self._ids)

    def __len__(self) -> int:
        return len(self._ids)


class StoredArticles(StoredByArticle[Article]):
    """Article id → `Article`, each read from the source when first asked for."""

    def __init__(self, source: ArticleSource, ids: Mapping[str, object]) -> None:
        super().__init__(source.article, ids)


class StoredMentions(StoredByArticle[Sequence[Mention]]):
    """Article id → its linked mentions, read from the source when first asked for."""

    def __init__(self, source: ArticleSource, ids: Mapping[str, object]) -> None:
        super().__init__(lambda aid: tuple(source.mentions(aid)), ids)


class _PerArticle(Mapping[str, Sequence[Mention]]):
    """Article id → mentions, read with `load` each time (for one pass over some articles)."""

    def __init__(self, load: Callable[[str], Sequence[Mention]]) -> None:
        self._load = load

    def __getitem__(self, key: str) -> Sequence[Mention]:
        return self._load(key)

    def __iter__(self) -> Iterator[str]:
        return iter(())

    def __len__(self) -> int:
        return 0


class StoredPassages(Mapping[tuple[str, str], Sequence[SharedPassage]]):
    """(a, b) → the passages a and b share, read from the source when asked for."""

    def __init__(self, source: ArticleSource) -> None:
        self._source = source

    def __getitem__(self, key: tuple[str, str]) -> Sequence[SharedPassage]:
        found = self._source.passage_pair(*key)
        if found is None:
            raise KeyError(key)
        return found

    def __iter__(self) -> Iterator[tuple[str, str]]:
        return iter(self._source.passage_keys())

    def __len__(self) -> int:
        return len(self._source.passage_keys())

    def involving(self, article_id: str) -> dict[tuple[str, str], list[SharedPassage]]:
        """Every pair with `article_id` on either side."""
        return self._source.passages_of(article_id)


class LazySearcher:
    """A `Searcher` that opens the search index on the first query (or on `open()`), so
    that opening a library does not wait for the search engine."""

    def __init__(self, opener: Callable[[], Searcher]) -> None:
        self._opener = opener
        self._searcher: Searcher | None = None
        self._lock = threading.Lock()

    def open(self) -> Searcher:
        """The opened searcher (opening errors propagate; the next call tries again)."""
        with self._lock:
            if self._searcher is None:
                self._searcher = self._opener()
            return self._searcher

    def __call__(self, query: str, limit: int) -> SearchResult:
        return self.open()(query, limit)


@dataclass
class Library:
    """Articles in reading order (date, then title), their linked mentions, the entities,
    the shared passages between article pairs, the files that were skipped, and search.

    `infos` and `entity_ids` (article id → ids of the entities it mentions, hidden ones
    included) are derived from `articles` and `mentions` when not given."""

    articles: Mapping[str, Article]
    mentions: Mapping[str, Sequence[Mention]]
    entities: dict[str, Entity]
    passages: Mapping[tuple[str, str], Sequence[SharedPassage]] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    searcher: Searcher | None = None
    alias_index: dict[str, str] = field(default_factory=dict)
    notices: list[str] = field(default_factory=list)
    infos: dict[str, ArticleInfo] = field(default_factory=dict)
    entity_ids: Mapping[str, Set[str]] | None = None
    source: ArticleSource | None = None
    raw_quotes: Mapping[str, Sequence[RawQuote]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self._quote_groups: QuoteGroups | None = None
        self._everything: Mapping[str, Sequence[RawQuote]] | None = None
        self._entity_sets: EntitySets | None = None
        self._by_entity: dict[str, list[str]] | None = None
        self._name_keys: list[tuple[str, str]] | None = None
        self._hidden_by_article: dict[str, int] | None = None
        self._positions: dict[str, list[int]] = {}
        if not self.infos:
            self.infos = {a.id: ArticleInfo.of(a) for a in self.articles.values()}
        self._order = [i.id for i in sorted(self.infos.values(), key=reading_key)]
        # where each article stands (for `]`), made now: the library is opened in a worker
        self._ranks = {aid: i for i, aid in enumerate(self._order)}

    def _aliases(self) -> dict[str, str]:
        """Folded id, name or alias → entity id (built at the first lookup)."""
        if not self.alias_index:
            from reader.domain.textnorm import fold_key

            index: dict[str, str] = {}
            for ent in self.entities.values():
                for name in (ent.id, ent.name, *ent.aliases):
                    index.setdefault(fold_key(name), ent.id)
            self.alias_index = index
        return self.alias_index

    @classmethod
    def from_source(
        cls,
        source: ArticleSource,
        infos: Iterable[ArticleInfo],
        entities: dict[str, Entity],
        problems: list[Problem] | None = None,
    ) -> Library:
        """A library that reads texts, mentions and passages from `source` when asked for.

        Which entities an article mentions comes from `Entity.articles` (linking records
        there every article holding a mention of the entity), when first needed."""
        by_id = {i.id: i for i in infos}
        return cls(
            articles=StoredArticles(source, by_id),
            mentions=StoredMentions(source, by_id),
            entities=entities,
            passages=StoredPassages(source),
            problems=problems or [],
            infos=by_id,
            source=source,
            raw_quotes=StoredByArticle(lambda aid: tuple(source.quotes(aid)), by_id),
        )

    def verify(self) -> None:
        """Check that what is read lazily can be read (`StoreCorrupt` if not)."""
        if self.source is not None:
            self.source.verify()

    def close(self) -> None:
        """Release the store (a library built from parts has nothing to release)."""
        if self.source is not None:
            self.source.close()

    def warm_search(self) -> None:
        """Open a lazily opened search index now rather than at the first query."""
        if isinstance(self.searcher, LazySearcher):
            self.searcher.open()

    # -- articles ---------------------------------------------------------------------------
    def order(self) -> list[str]:
        """Article ids in reading order (date, then title)."""
        return list(self._order)

    def article(self, article_id: str) -> Article:
        """The article with this id (KeyError if unknown)."""
        return self.articles[article_id]

    def info(self, article_id: str) -> ArticleInfo:
        """What the list shows of the article (no text is read; KeyError if unknown)."""
        return self.infos[article_id]

    def entity_count(self, article_id: str) -> int:
        """How many distinct entities the article mentions (hidden ones left out)."""
        info = self.infos.get(article_id)
        if info is not None and info.entities is not None:
            return max(0, info.entities - self._hidden_counts().get(article_id, 0))
        return sum(1 for eid in self._entity_ids().get(article_id, ()) if not self._hidden(eid))

    def _hidden_counts(self) -> dict[str, int]:
        """Article id → how many hidden entities it mentions (few: hidden by the user)."""
        if self._hidden_by_article is None:
            counts: dict[str, int] = {}
            for ent in self.entities.values():
                if ent.hidden:
                    for aid in set(ent.articles):
                        counts[aid] = counts.get(aid, 0) + 1
            self._hidden_by_article = counts
        return self._hidden_by_article

    def text_mentions(self, article_id: str) -> list[Mention]:
        """Mentions in the article's body, by offset (hidden entities left out)."""
        return [
            m
            for m in self.mentions.get(article_id, [])
            if m.field == "text" and not self._hidden(m.entity)
        ]

    def title_mentions(self, article_id: str) -> list[Mention]:
        """Mentions in the article's title, by offset (hidden entities left out)."""
        return [
            m
            for m in self.mentions.get(article_id, [])
            if m.field == "title" and not self._hidden(m.entity)
        ]

    def _hidden(self, entity_id: str) -> bool:
        ent = self.entities.get(entity_id)
        return ent is not None and ent.hidden

    def _entity_ids(self) -> Mapping[str, Set[str]]:
        if self.entity_ids is None:
            if self.source is None:
                self.entity_ids = {
                    aid: {m.entity for m in self.mentions.get(aid, ())} for aid in self.infos
                }
            else:  # from the entities: no mention is read
                found: dict[str, set[str]] = {aid: set() for aid in self.infos}
                for ent in self.entities.values():
                    eid = ent.id
                    for aid in ent.articles:
                        ids = found.get(aid)
                        if ids is not None:
                            ids.add(eid)
                self.entity_ids = found
        return self.entity_ids

    def _articles_of(self, entity_id: str) -> list[str]:
        """The articles mentioning the entity, in reading order."""
        if self._by_entity is None:
            by_entity: dict[str, list[str]] = {}
            sets = self._entity_ids()
            for aid in self._order:
                for eid in sets.get(aid, ()):
                    by_entity.setdefault(eid, []).append(aid)
            self._by_entity = by_entity
        return self._by_entity.get(entity_id, [])

    # -- entities ---------------------------------------------------------------------------
    def find_entity(self, name: str) -> Entity | None:
        """The entity whose id or any alias matches `name` (case, accents and hyphens folded)."""
        if name in self.entities:
            return self.entities[name]
        from reader.domain.textnorm import fold_key

        eid = self._aliases().get(fold_key(name))
        return self.entities.get(eid) if eid else None

    def entity_mentions(
        self, entity_id: str, contexts: int | None = None, limit: int | None = None
    ) -> list[MentionRef]:
        """Every mention of the entity across the corpus in reading order, with context (for
        the first `contexts` mentions only, when given: the others need no article text).

        With `limit`, about the first `limit` mentions only (whole articles: a few more), read
        article by article: what a panel listing the first mentions needs, at a cost that does
        not grow with the corpus."""
        from reader.domain.xref.mentions import entity_mentions_in

        order = self._order
        articles = [order[p] for p in self.entity_positions(entity_id)]
        mentions: Mapping[str, Sequence[Mention]] = self.mentions
        if self.source is not None:
            # the whole list: SQLite picks this entity's mentions out of every article's list;
            # the first ones: read article by article (past the shared cache, left as it is)
            source = self.source
            mentions = (
                source.entity_mentions(entity_id)
                if limit is None
                else _PerArticle(lambda aid: source.mentions(aid))
            )
        return entity_mentions_in(
            entity_id, articles, self.articles.__getitem__, mentions, contexts, limit
        )

    def _rank(self) -> dict[str, int]:
        """Article id → its position in reading order."""
        return self._ranks

    def entity_positions(self, entity_id: str) -> list[int]:
        """The reading positions (`order()` indices), sorted, of the articles mentioning the
        entity; from `Entity.articles` when opened from the store (nothing is read)."""
        cached = self._positions.get(entity_id)
        if cached is None:
            rank = self._rank()
            if self.source is not None:
                ent = self.entities.get(entity_id)
                ids: Iterable[str] = ent.articles if ent is not None else ()
            else:
                ids = self._articles_of(entity_id)
            cached = sorted({rank[a] for a in ids if a in rank})
            self._positions[entity_id] = cached
        return cached

    def step_entity(
        self, entity_id: str, article_id: str, fld: str, offset: int, delta: int
    ) -> Step | None:
        """`]` (`delta` > 0) / `[`: the mention of the entity right after (before) `offset` in
        `fld` of `article_id`, continuing into the next (previous) article that names it and
        wrapping around the corpus; None if it has no mention. Reads one or two articles'
        mention lists, whatever the size of the corpus."""
        from reader.domain.xref.walk import step

        here = (self._rank().get(article_id, -1), 0 if fld == "title" else 1, offset)
        return step(
            entity_id,
            self.entity_positions(entity_id),
            self._order,
            lambda aid: self.mentions.get(aid, ()),
            here,
            delta,
        )

    def articles_naming(self, text: str) -> set[str]:
        """Ids of the articles mentioning a (visible) entity one of whose names contains
        `text`, folded (case, accents, hyphens): `peskov` → every article naming Dmitri Peskov."""
        from reader.domain.textnorm import fold_key

        key = fold_key(text)
        if not key:
            return set()
        if self._name_keys is None:
            self._name_keys = [
                ("\n".join({fold_key(n) for n in (e.name, *e.aliases)}), e.id)
                for e in self.entities.values()
                if not e.hidden
            ]
        found: set[str] = set()
        for names, eid in self._name_keys:
            if key in names:
                found.update(self._articles_of(eid))
        return found

    def visible_entities(self) -> Iterable[Entity]:
        """Entities not hidden by a user correction, most mentioned first."""
        return sorted(
            (e for e in self.entities.values() if not e.hidden),
            key=lambda e: (-e.mentions, e.name.casefold()),
        )

    # -- cross-references ---------------------------------------------------------------------
    def _passages_of(self, article_id: str) -> Mapping[tuple[str, str], Sequence[SharedPassage]]:
        if isinstance(self.passages, StoredPassages):
            return self.passages.involving(article_id)
        return {k: v for k, v in self.passages.items() if article_id in k}

    def passages_involving(
        self, article_id: str
    ) -> Mapping[tuple[str, str], Sequence[SharedPassage]]:
        """Every stored passage pair with `article_id` on either side, as stored."""
        return self._passages_of(article_id)

    def story_items(
        self, quote_groups: Callable[[str], Sequence[str]] | None = None
    ) -> list[StoryItem]:
        """What the timeline needs of each article, in reading order: its date, the visible
        entities it mentions (most mentioned in the corpus first) and, given
        `quote_groups(article_id)`, the quotation groups it carries. No text is read."""
        from reader.domain.timeline import StoryItem

        sets = self._entity_ids()
        entities = self.entities
        out: list[StoryItem] = []
        for aid in self._order:
            ids = [e for e in sets.get(aid, ()) if e in entities and not entities[e].hidden]
            ids.sort(key=lambda e: (-entities[e].mentions, entities[e].name.casefold(), e))
            quotes = list(quote_groups(aid)) if quote_groups is not None else []
            out.append(StoryItem(aid, self.infos[aid].date, ids, quotes))
        return out

    def related(self, article_id: str) -> list[Relation]:
        """Articles related to `article_id`, best first, each with its reasons."""
        from reader.domain.xref.related import entity_sets_from_ids, related_articles

        if self._entity_sets is None:
            self._entity_sets = entity_sets_from_ids(self._entity_ids(), self.entities)
        return related_articles(
            article_id,
            self.articles,
            self.mentions,
            self.entities,
            self._passages_of(article_id),
            sets=self._entity_sets,
        )

    def reprints(self) -> list[Reprint]:
        """Every pair of articles sharing reprinted passages, most shared text first (reads
        each pair's passages: call it from a worker on a big corpus)."""
        out: list[Reprint] = []
        for a, b in list(self.passages):
            if a not in self.infos or b not in self.infos:
                continue
            found = self.passages.get((a, b)) or []
            if found:
                chars = sum(max(0, p.end - p.start) for p in found)
                out.append(Reprint(a, b, len(found), chars))
        out.sort(key=lambda r: (-r.chars, -r.passages, r.a, r.b))
        return out

    def shared_passages(self, a: str, b: str) -> list[SharedPassage]:
        """Passages article `a` shares with `b` (offsets: `start/end` in a, `other_*` in b)."""
        found = self.passages.get((a, b))
        if found is not None:
            return list(found)
        flipped = self.passages.get((b, a), [])
        return [
            SharedPassage(p.other_start, p.other_end, p.start, p.end, p.similarity) for p in flipped
        ]

    # -- search -----------------------------------------------------------------------------
    def search(self, query: str, limit: int = 20) -> SearchResult:
        """Full-text search; raises `reader.domain.search.QueryError` for a rejected query."""
        if self.searcher is None:
            raise RuntimeError("this library has no search index")
        return self.searcher(query, limit)

    # -- quotations -------------------------------------------------------------------------
    def quotes(self, article_id: str) -> list[Quote]:
        """The article's quotations (headline first, then body), with their speakers' entity
        ids looked up from its linked mentions."""
        raw = self.raw_quotes.get(article_id, ())
        if not raw:
            return []
        entity_at = {(m.field, m.start, m.end): m.entity for m in self.mentions.get(article_id, ())}
        return [_linked(article_id, q, entity_at) for q in raw]

    def quote_groups_ready(self) -> bool:
        """True once the quotation groups have been built (`quote_groups` returns at once)."""
        return self._quote_groups is not None

    def quote_groups(self) -> QuoteGroups:
        """The groups of the same quotation across articles (computed once)."""
        if self._quote_groups is None:
            from reader.domain.quotes.groups import group_quotes

            everything = self._all_quotes()
            rank = {aid: n for n, aid in enumerate(self._order)}

            def first_key(aid: str) -> tuple[str, ...]:
                info = self.infos.get(aid)
                date = info.date if info is not None and info.date else "9999"
                return (date, f"{rank.get(aid, 0):09d}")

            groups = [
                g
                for g in group_quotes(everything, first_key)
                if all(r.article in self.infos for r in g)
            ]
            self._quote_groups = QuoteGroups(groups)
        return self._quote_groups

    def _all_quotes(self) -> Mapping[str, Sequence[RawQuote]]:
        """Every article's quotations (read once: the library is a snapshot)."""
        if self._everything is None:
            if self.source is not None:
                self._everything = self.source.all_quotes()
            else:
                self._everything = {aid: qs for aid, qs in self.raw_quotes.items() if qs}
        return self._everything

    def same_quote(self, article_id: str, index: int) -> list[Quote]:
        """Every quotation of the same utterance as quote `index` of the article, the first
        article to carry it first (just that quote when it is nowhere else)."""
        group = self.quote_groups().of(article_id, index)
        if group is None:
            mine = self.quotes(article_id)
            return [mine[index]] if 0 <= index < len(mine) else []
        return [self.quotes(r.article)[r.index] for r in group]

    def entity_quotes(self, entity_id: str) -> list[Quote]:
        """The entity's quotations across the corpus, in reading order."""
        if self.source is not None:
            everything = self._all_quotes()
            order = self._order
            speaking = [
                order[p]
                for p in self.entity_positions(entity_id)
                if any(q.speaker_span for q in everything.get(order[p], ()))
            ]
            if len(speaking) <= QUOTES_PER_ARTICLE_MAX:  # read those articles' mentions
                by_article = {aid: self.source.mentions(aid) for aid in speaking}
            else:  # SQLite picks this entity's mentions out of every list
                by_article = self.source.entity_mentions(entity_id)
            spans = {
                (aid, m.field, m.start, m.end)
                for aid, ms in by_article.items()
                for m in ms
                if m.entity == entity_id
            }
            out = []
            for aid in speaking:
                for q in everything.get(aid, ()):
                    where = q.speaker_field or q.field
                    if q.speaker_span and (aid, where, *q.speaker_span) in spans:
                        out.append(_linked(aid, q, {(where, *q.speaker_span): entity_id}))
            return out
        return [q for aid in self._order for q in self.quotes(aid) if q.speaker_entity == entity_id]


def _linked(article_id: str, q: RawQuote, entity_at: Mapping[tuple[Any, int, int], str]) -> Quote:
    where = q.speaker_field or q.field
    entity = entity_at.get((where, *q.speaker_span)) if q.speaker_span else None
    return Quote(article_id, q.field, q.start, q.end, q.text, q.speaker, entity, q.cue)


class QuoteGroups:
    """Groups of the same quotation, looked up by member."""

    def __init__(self, groups: list[list[QuoteRef]]) -> None:
        self.groups = groups
        self._by_member = {(r.article, r.index): g for g in groups for r in g}

    def of(self, article_id: str, index: int) -> list[QuoteRef] | None:
        """The group holding quote `index` of the article, or None."""
        return self._by_member.get((article_id, index))
