"""A read-only view of an indexed corpus: what the UI and the command line ask questions of.

A `Library` is built by `reader.domain.pipeline` from the store (no spaCy needed when the index
is current) or directly from parts in tests. It holds no widgets and never imports Textual.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

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

if TYPE_CHECKING:
    from reader.domain.xref.related import EntitySets

Searcher = Callable[[str, int], SearchResult]


def _reading_key(article: Article) -> tuple[str, str, str]:
    return (article.date or "9999", article.title.casefold(), article.id)


@dataclass
class Library:
    """Articles in reading order (date, then title), their linked mentions, the entities,
    the shared passages between article pairs, the files that were skipped, and search."""

    articles: dict[str, Article]
    mentions: dict[str, list[Mention]]
    entities: dict[str, Entity]
    passages: dict[tuple[str, str], list[SharedPassage]] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    searcher: Searcher | None = None
    alias_index: dict[str, str] = field(default_factory=dict)
    notices: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._entity_sets: EntitySets | None = None
        self._order = [a.id for a in sorted(self.articles.values(), key=_reading_key)]
        if not self.alias_index:
            from reader.domain.textnorm import fold_key

            for ent in self.entities.values():
                for name in (ent.id, ent.name, *ent.aliases):
                    self.alias_index.setdefault(fold_key(name), ent.id)

    # -- articles ---------------------------------------------------------------------------
    def order(self) -> list[str]:
        """Article ids in reading order (date, then title)."""
        return list(self._order)

    def article(self, article_id: str) -> Article:
        """The article with this id (KeyError if unknown)."""
        return self.articles[article_id]

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

    # -- entities ---------------------------------------------------------------------------
    def find_entity(self, name: str) -> Entity | None:
        """The entity whose id or any alias matches `name` (case, accents and hyphens folded)."""
        if name in self.entities:
            return self.entities[name]
        from reader.domain.textnorm import fold_key

        eid = self.alias_index.get(fold_key(name))
        return self.entities.get(eid) if eid else None

    def entity_mentions(self, entity_id: str) -> list[MentionRef]:
        """Every mention of the entity across the corpus in reading order, with context."""
        from reader.domain.xref.mentions import entity_mentions

        return entity_mentions(entity_id, (self.articles[a] for a in self._order), self.mentions)

    def visible_entities(self) -> Iterable[Entity]:
        """Entities not hidden by a user correction, most mentioned first."""
        return sorted(
            (e for e in self.entities.values() if not e.hidden),
            key=lambda e: (-e.mentions, e.name.casefold()),
        )

    # -- cross-references ---------------------------------------------------------------------
    def related(self, article_id: str) -> list[Relation]:
        """Articles related to `article_id`, best first, each with its reasons."""
        from reader.domain.xref.related import entity_sets, related_articles

        if self._entity_sets is None:
            self._entity_sets = entity_sets(self.articles, self.mentions, self.entities)
        return related_articles(
            article_id,
            self.articles,
            self.mentions,
            self.entities,
            self.passages,
            sets=self._entity_sets,
        )

    def shared_passages(self, a: str, b: str) -> list[SharedPassage]:
        """Passages article `a` shares with `b` (offsets: `start/end` in a, `other_*` in b)."""
        if (a, b) in self.passages:
            return self.passages[(a, b)]
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
