"""JSON records of SPEC §3 (export, entities) and §5 (xref), built from a `Library`.

The records are built from sanitised records (`reader.domain.model`); the command line writes
them with `reader.domain.sanitize.dumps`, which sanitises every string once more on the way
out, whatever fields a record has gained.
"""

from __future__ import annotations

from typing import Any

from reader.domain.library import Library
from reader.domain.model import Entity, Mention


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
        "date": a.date,
        "source": a.source,
        "url": a.url,
        "text": a.text,
        "paragraphs": [list(p) for p in a.paragraphs],
        "title_mentions": [_mention_record(m) for m in library.title_mentions(article_id)],
        "mentions": [_mention_record(m) for m in library.text_mentions(article_id)],
        "removed": [{"kind": r.kind, "text": r.text} for r in a.removed],
    }


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
