"""What the search index stores: the schema, the document an article becomes (`IndexDoc` →
Whoosh fields), and what a hit carries back (`SearchHit`, `Snippet`, `snippet_spans`)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from whoosh.fields import ID, STORED, TEXT, Schema

from reader.domain.model import Hit
from reader.domain.search.analysis import (
    FrenchFrequency,
    FrenchPositions,
    entity_analyzer,
    french_analyzer,
)

#: BM25F boost of the title field.
TITLE_BOOST = 2.5


@dataclass(frozen=True, slots=True)
class IndexDoc:
    """What the index needs of one article. `entity_terms` holds the ids of the entities it
    mentions and the names it uses for them, each folded by `analysis.entity_term` (other
    aliases resolve to ids at query time); `content_hash` is stored so that a caller can tell
    which documents are current (`SearchIndex.doc_hashes`)."""

    id: str
    path: str
    title: str
    text: str
    date: str | None = None
    source: str | None = None
    entity_terms: Sequence[str] = ()
    content_hash: str = ""


class Snippet(str):
    """A plain-text snippet (a `str`: JSON and `print` see only the text) that also carries
    `spans`, the `(start, end)` offsets of the matched words inside it."""

    spans: tuple[tuple[int, int], ...]

    def __new__(cls, text: str, spans: Sequence[tuple[int, int]] = ()) -> Snippet:
        obj = super().__new__(cls, text)
        obj.spans = tuple(spans)
        return obj

    def __reduce__(self) -> tuple[Any, ...]:
        return (Snippet, (str(self), self.spans))


def snippet_spans(snippet: str | Hit) -> tuple[str, list[tuple[int, int]]]:
    """The plain text of a hit's snippet and the spans of its matched words (relative to that
    text). Accepts a `Hit` or its `snippet`; a plain `str` has no spans."""
    if isinstance(snippet, SearchHit):
        return str(snippet.snippet), list(snippet.snippet_matches)
    if isinstance(snippet, Hit):
        snippet = snippet.snippet
    return str(snippet), list(getattr(snippet, "spans", ()))


@dataclass(slots=True)
class SearchHit(Hit):
    """A `Hit` plus `snippet_matches`: the `(start, end)` spans of the matched terms inside
    `snippet` (a plain string without markup), for the UI and the CLI to highlight."""

    snippet_matches: list[tuple[int, int]] = field(default_factory=list)


def build_schema() -> Schema:
    """The index schema (pickled into the index by Whoosh; see `analysis` on stability)."""
    fr = french_analyzer()

    def french(**kwargs: Any) -> TEXT:
        field = TEXT(analyzer=fr, stored=True, multitoken_query="phrase", **kwargs)
        field.format = FrenchPositions(field_boost=field.format.field_boost)
        return field

    spell = TEXT(analyzer=french_analyzer(stem=False), phrase=False)
    spell.format = FrenchFrequency(field_boost=spell.format.field_boost)
    return Schema(
        id=ID(stored=True, unique=True),
        path=STORED(),
        content_hash=STORED(),
        title=french(field_boost=TITLE_BOOST),
        body=french(),
        date=ID(stored=True),
        source=french(),
        entity=TEXT(analyzer=entity_analyzer(), phrase=False),
        spell=spell,
    )


def doc_fields(doc: IndexDoc) -> dict[str, Any]:
    fields: dict[str, Any] = {
        "id": doc.id,
        "path": doc.path,
        "content_hash": doc.content_hash,
        "title": doc.title,
        "body": doc.text,
        "spell": (doc.title, doc.text),  # see `analysis.FrenchFrequency`
        "entity": "\n".join(t.replace("\n", " ") for t in doc.entity_terms),
    }
    if doc.date:
        fields["date"] = doc.date
    if doc.source:
        fields["source"] = doc.source
    return fields
