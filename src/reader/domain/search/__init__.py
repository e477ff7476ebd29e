"""Full-text search: French analysis, an incremental on-disk Whoosh index, guarded queries.

Public API (everything else is internal):

- `SearchIndex.open_or_create(dir, rebuild=False)` (`.needs_rebuild`, `.rebuilt`, `.created`),
  `.update(add, delete, progress)`, `.search(query, limit, texts, titles)`, `.suggest(query)`,
  `.doc_ids()`, `.doc_hashes()`, `.doc_count()`, `.close()`;
  `SearchIndex.open(dir)` and `SearchIndex.create(dir)`.
- `IndexDoc` (what to index), `SearchHit` (a `model.Hit` with `snippet_matches`), `Snippet`
  (the hit's plain-text snippet, a `str` carrying `.spans`), `snippet_spans(hit_or_snippet)`.
- Errors: `QueryError` (rejected query, exit 2), `IndexCorrupt`, `IndexNeedsRebuild`,
  `IndexBusy`, all subclasses of `SearchError`.
"""

from __future__ import annotations

from reader.domain.search.lean_imports import whoosh_imported

whoosh_imported()  # before any Whoosh import: without the modules it never uses (see there)

from reader.domain.search.errors import (  # noqa: E402
    IndexBusy,
    IndexCorrupt,
    IndexNeedsRebuild,
    QueryError,
    SearchError,
)
from reader.domain.search.index import (  # noqa: E402
    MAX_QUERY_CHARS,
    SCHEMA_VERSION,
    IndexDoc,
    SearchHit,
    SearchIndex,
    Snippet,
    check_query,
    snippet_spans,
)

__all__ = [
    "MAX_QUERY_CHARS",
    "SCHEMA_VERSION",
    "IndexBusy",
    "IndexCorrupt",
    "IndexDoc",
    "IndexNeedsRebuild",
    "QueryError",
    "SearchError",
    "SearchHit",
    "SearchIndex",
    "Snippet",
    "check_query",
    "snippet_spans",
]
