"""`reader quotes [PATH ...] [--entity NAME] [--json]`: direct quotations with their speakers.

A table on a terminal; plain tab-separated lines (article, start, end, speaker entity,
speaker, cue, quote, first article to carry it) when stdout is not a terminal; JSON with
`--json`. Rich is imported only here and in `cli.py`.
"""

from __future__ import annotations

import json
import sys
from typing import Any

from reader.domain.sanitize import sanitize_inline


def _cell(value: object) -> str:
    """A TSV cell: one line, no tabs, no control characters."""
    text = "" if value is None else str(value)
    return sanitize_inline(" ".join(text.split()))


def print_quotes(library: Any, entity_id: str | None, *, as_json: bool, console: Any) -> None:
    """Print the corpus's (or one entity's) quotations in the form asked for."""
    from reader.domain.export import quotes_records

    records = quotes_records(library, entity_id)
    if as_json:
        sys.stdout.write(json.dumps(records, ensure_ascii=False) + "\n")
        return
    if not sys.stdout.isatty():
        for r in records:
            row = (
                r["article"],
                r["start"],
                r["end"],
                r["speaker_entity"],
                r["speaker"],
                r["cue"],
                r["text"],
                r["first"],
            )
            sys.stdout.write("\t".join(_cell(v) for v in row) + "\n")
        return
    from rich.table import Table
    from rich.text import Text

    table = Table(title=f"{len(records)} quotations", expand=True)
    table.add_column("article", ratio=2, overflow="fold")
    table.add_column("speaker", ratio=2)
    table.add_column("cue", ratio=2)
    table.add_column("quotation", ratio=7)
    table.add_column("elsewhere", ratio=1, justify="right")
    for r in records:
        where = sanitize_inline(r["article"]) + (" (title)" if r.get("in") == "title" else "")
        elsewhere = ""
        if r["same"]:
            elsewhere = f"+{len(r['same'])}" + (" first" if r["first"] == r["article"] else "")
        table.add_row(
            Text(where),
            Text(sanitize_inline(r["speaker"] or "—")),
            Text(sanitize_inline(r["cue"] or "")),
            # no line break after « or before » (French typography)
            Text("«\u00a0" + sanitize_inline(r["text"]) + "\u00a0»"),
            Text(elsewhere),
        )
    console.print(table)
