"""JSON records of SPEC §3 (export, entities) and §5 (xref), built from a `Library`.

The records are built from sanitised records (`reader.domain.model`); the command line writes
them with `reader.domain.sanitize.dumps`, which sanitises every string once more on the way
out, whatever fields a record has gained.
"""

from __future__ import annotations

from typing import Any

from reader.domain.library import Library
from reader.domain.model import Entity, Mention
from reader.domain.quotes.types import Quote


def _mention_record(m: Mention) -> dict[str, Any]:
    return {"start": m.start, "end": m.end, "text": m.text, "label": m.label, "entity": m.entity}


def article_record(library: Library, article_id: str) -> dict[str, Any]:
    """One `reader export` object for an article."""
    a = library.article(article_id)
    return {
        "id": a.id,
        "path": a.path,
        "title": a.title,
        "title_derived": a.title_derived,
        "author": list(a.author),
        "date": a.date,
        "source": a.source,
        "url": a.url,
        "text": a.text,
        "paragraphs": [list(p) for p in a.paragraphs],
        "title_mentions": [_mention_record(m) for m in library.title_mentions(article_id)],
        "mentions": [_mention_record(m) for m in library.text_mentions(article_id)],
        "removed": [{"kind": r.kind, "text": r.text} for r in a.removed],
        "quotes": [quote_record(q) for q in library.quotes(article_id)],
    }


def quote_record(q: Quote) -> dict[str, Any]:
    """One quotation of an export record (SPEC §3); `"in": "title"` for the headline."""
    record: dict[str, Any] = {
        "start": q.start,
        "end": q.end,
        "text": q.text,
        "speaker": q.speaker,
        "speaker_entity": q.speaker_entity,
        "cue": q.cue,
    }
    if q.field == "title":
        record["in"] = "title"
    return record


def entity_record(entity: Entity) -> dict[str, Any]:
    """One `reader entities --json` object."""
    return {
        "id": entity.id,
        "name": entity.name,
        "label": entity.label,
        "aliases": list(entity.aliases),
        "mentions": entity.mentions,
        "articles": list(entity.articles),
    }


def xref_article_record(library: Library, article_id: str) -> dict[str, Any]:
    """`reader xref --article ID --json`."""
    return {
        "article": article_id,
        "related": [
            {
                "article": r.article,
                "score": round(r.score, 4),
                "shared_entities": list(r.shared_entities),
                "shared_passages": [
                    {
                        "start": p.start,
                        "end": p.end,
                        "other_start": p.other_start,
                        "other_end": p.other_end,
                        "similarity": round(p.similarity, 4),
                    }
                    for p in r.shared_passages
                ],
            }
            for r in library.related(article_id)
        ],
    }


def xref_entity_record(library: Library, entity: Entity) -> dict[str, Any]:
    """`reader xref --entity NAME --json`."""
    return {
        "entity": entity_record(entity),
        "mentions": [
            {
                "article": m.article,
                "field": m.field,
                "start": m.start,
                "end": m.end,
                "text": m.text,
                "context": m.context,
            }
            for m in library.entity_mentions(entity.id)
        ],
    }


def quotes_records(library: Library, entity_id: str | None = None) -> list[dict[str, Any]]:
    """`reader quotes --json`: every quotation (or the entity's) in reading order, with its
    article and the other places the same quotation appears (`same`, first carrier first)."""
    if entity_id is not None:
        quotes = library.entity_quotes(entity_id)
    else:
        quotes = [q for aid in library.order() for q in library.quotes(aid)]
    out = []
    for q in quotes:
        info = library.info(q.article)
        index = _index_of(library, q)
        same = library.same_quote(q.article, index) if index is not None else [q]
        record = {
            "article": q.article,
            "title": info.title,
            "date": info.date,
            "source": info.source,
            **quote_record(q),
        }
        record["first"] = same[0].article if same else q.article
        record["same"] = [
            {
                "article": o.article,
                "start": o.start,
                "end": o.end,
                **({"in": "title"} if o.field == "title" else {}),
            }
            for o in same
            if (o.article, o.field, o.start) != (q.article, q.field, q.start)
        ]
        out.append(record)
    return out


def _index_of(library: Library, q: Quote) -> int | None:
    for i, other in enumerate(library.quotes(q.article)):
        if (other.field, other.start, other.end) == (q.field, q.start, q.end):
            return i
    return None
