"""`reader search QUERY`: a table of hits on a terminal, tab-separated lines when piped, or JSON
(SPEC §4).

Kept apart from `reader.cli` and lean on purpose: a search is a whole process, so it imports
only what it prints with (Rich only for the terminal table) and counts the matching articles
only where the total is shown (the table's title, `--json`); piped lines do not show it.
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from reader.cli import (
    EXIT_OK,
    UsageError,
    _bring_up_to_date,
    _console,
    _corpus,
    _dump,
    _StderrProgress,
)
from reader.domain.sanitize import sanitize_inline
from reader.plain_output import is_terminal, write_rows


def _search(args: argparse.Namespace, searcher: Any, count: str) -> Any:
    """Run the query; a search index found damaged while reading it is rebuilt, then the
    query runs again. A rejected query is a usage error (exit 2)."""
    from reader.domain import pipeline
    from reader.domain.search import IndexCorrupt, IndexNeedsRebuild, QueryError

    try:
        try:
            return searcher.search(args.query, args.limit, count=count)
        except (IndexCorrupt, IndexNeedsRebuild) as exc:
            print(
                f"reader: {sanitize_inline(str(exc))}; rebuilding the search index", file=sys.stderr
            )
        paths, index_dir = _corpus(args)
        with _StderrProgress() as progress:
            pipeline.update(paths, index_dir, progress=progress, rebuild_search=True)
        return pipeline.open_search(index_dir).search(args.query, args.limit, count=count)
    except QueryError as exc:
        raise UsageError(f"query rejected: {exc}") from exc


def cmd_search(args: argparse.Namespace) -> int:
    """`reader search QUERY`: a table of hits on a terminal, tab-separated lines when piped,
    or JSON."""
    if args.query is None:
        raise UsageError("search needs a QUERY: reader search QUERY [PATH ...] (reader search -h)")
    if args.limit < 1:
        raise UsageError("--limit must be at least 1")
    from reader.domain import pipeline

    paths, index_dir = _corpus(args)
    # The search opens the index next and rebuilds it if it is damaged: no need to open it twice.
    _bring_up_to_date(paths, index_dir, verify_search=False)
    terminal = is_terminal()
    # An exact total where one is shown (SPEC §4's "total", the table's title); none piped.
    count = "exact" if args.json or terminal else "none"
    result = _search(args, pipeline.open_search(index_dir), count)
    if args.json:
        _dump(
            {
                "query": result.query,
                "total": result.total,
                "suggestion": result.suggestion,
                "hits": [
                    {
                        "article": h.article,
                        "title": h.title,
                        "score": round(h.score, 4),
                        "snippet": h.snippet,
                        "matches": [
                            {"start": m.start, "end": m.end} for m in h.matches if m.field == "text"
                        ],
                    }
                    for h in result.hits
                ],
            }
        )
        return EXIT_OK
    if not terminal:
        from reader.domain.search import snippet_spans

        if result.suggestion:
            print(f"reader: did you mean: {sanitize_inline(result.suggestion)}?", file=sys.stderr)
        if not result.hits:
            print(f"reader: no results for {sanitize_inline(args.query)}", file=sys.stderr)
        write_rows(
            (h.article, f"{h.score:.2f}", h.title, snippet_spans(h.snippet)[0]) for h in result.hits
        )
        return EXIT_OK
    from rich.table import Table
    from rich.text import Text

    console = _console()
    if result.suggestion:
        console.print(Text(f"Did you mean: {sanitize_inline(result.suggestion)}?", style="italic"))
    if not result.hits:
        console.print(Text(f"No results for {sanitize_inline(args.query)}."))
        return EXIT_OK
    table = Table(title=f"{result.total} article(s) match", show_lines=False)
    table.add_column("article", no_wrap=True)
    table.add_column("title")
    table.add_column("score", justify="right")
    table.add_column("snippet")
    for h in result.hits:
        table.add_row(
            Text(sanitize_inline(h.article)),
            Text(sanitize_inline(h.title)),
            Text(f"{h.score:.2f}"),
            _snippet_text(h.snippet),
        )
    console.print(table)
    return EXIT_OK


def _snippet_text(snippet: str) -> Any:
    """A snippet as Rich Text, with the search module's hit markers styled."""
    from rich.text import Text

    from reader.domain.search import snippet_spans

    plain, spans = snippet_spans(snippet)
    text = Text(sanitize_inline(plain))
    for start, end in spans:
        text.stylize("bold reverse", start, end)
    return text
