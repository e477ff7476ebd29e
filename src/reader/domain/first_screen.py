"""What the reader's first screen shows, read from the store with a handful of queries: the first
rows of the article list in reading order, and the article to open with its mentions and the
entities they name — without reading every header and every entity, which is what opening the
whole `Library` costs (about 0.2 s at 10,000 articles, several seconds at 100,000).

Read-only (SQLite `mode=ro`, no write at all) and quick enough (a few tens of milliseconds at
10,000 articles) for the UI thread to read before its first frame; any failure means "no first
screen", and the reader opens the library as before.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from reader.domain.library import ArticleInfo
from reader.domain.model import Article, Mention
from reader.domain.store import STORE_SCHEMA, article_from_json

STORE_FILE = "store.sqlite"  # as `updating.common.STORE_NAME` (not imported: it is heavier)
_HEADER_COLUMNS = "id, path, title, date, source, title_derived, entities, author"
#: the date a header sorts under (`ArticleInfo.date or "9999"`, in SQL)
_DATE_KEY = "coalesce(nullif(date, ''), '9999')"
#: seconds to wait for a lock (a writer checkpointing): past that, no first screen
BUSY_TIMEOUT = 0.5


@dataclass(frozen=True)
class FirstScreen:
    """The first `rows` articles in reading order (of `total`), the article to show, its
    mentions, and which of the entities they name are hidden (by a correction)."""

    rows: list[ArticleInfo]
    total: int
    article: Article | None
    mentions: list[Mention]
    hidden: set[str]


def _info(r: tuple[object, ...]) -> ArticleInfo:
    author = json.loads(str(r[7])) if r[7] else []
    return ArticleInfo(
        str(r[0]),
        str(r[1]),
        str(r[2]),
        r[3] if isinstance(r[3], str) else None,
        r[4] if isinstance(r[4], str) else None,
        r[5] == 1,
        int(r[6]) if isinstance(r[6], int) else None,
        tuple(str(a) for a in author) if isinstance(author, list) else (),
    )


def read_first_screen(index_dir: Path, rows: int, prefer: str | None = None) -> FirstScreen:
    """The first `rows` headers in reading order (date, then title, then id: `Library.order`)
    and the article `prefer` (if the store holds it, else the first in reading order) with its
    linked mentions and their entities. Raises whatever reading fails with."""
    path = index_dir / STORE_FILE
    if not path.is_file():
        raise FileNotFoundError(path)
    # read-only, and never waiting long for a lock: the caller paints what this returns
    db = sqlite3.connect(
        f"{path.absolute().as_uri()}?mode=ro", uri=True, timeout=BUSY_TIMEOUT, isolation_level=None
    )
    try:
        schema = db.execute("SELECT value FROM meta WHERE key = 'store_schema'").fetchone()
        if schema is None or schema[0] != str(STORE_SCHEMA):
            raise ValueError("store from another version")
        db.execute("BEGIN")  # one snapshot for every query below
        total = int(db.execute("SELECT count(*) FROM headers").fetchone()[0])
        # every header sorting on or before the date of the `rows`-th one, then the exact order
        last = db.execute(
            f"SELECT {_DATE_KEY} AS d FROM headers ORDER BY d LIMIT 1 OFFSET ?",
            (max(0, rows - 1),),
        ).fetchone()
        sql = f"SELECT {_HEADER_COLUMNS} FROM headers"
        found = (
            db.execute(f"{sql} WHERE {_DATE_KEY} <= ?", (last[0],)).fetchall()
            if last is not None
            else db.execute(sql).fetchall()
        )
        # in reading order (`reading_key`, from the raw row: only the rows kept become infos)
        found.sort(key=lambda r: (r[3] or "9999", str(r[2]).casefold(), r[0]))
        infos = [_info(r) for r in found[:rows]]
        article_id = infos[0].id if infos else None
        if (
            prefer is not None
            and db.execute("SELECT 1 FROM headers WHERE id = ?", (prefer,)).fetchone()
        ):
            article_id = prefer
        article: Article | None = None
        mentions: list[Mention] = []
        hidden: set[str] = set()
        if article_id is not None:
            row = db.execute("SELECT data FROM articles WHERE id = ?", (article_id,)).fetchone()
            article = article_from_json(row[0]) if row else None
            row = db.execute(
                "SELECT data FROM mentions WHERE article = ?", (article_id,)
            ).fetchone()
            mentions = [Mention(*m) for m in json.loads(row[0])] if row else []
            ids = sorted({m.entity for m in mentions})
            # only a corrections file hides entities: none at the last update, none hidden
            corrected = db.execute(
                "SELECT value FROM meta WHERE key = 'version:corrections'"
            ).fetchone()
            if corrected is not None and corrected[0] == "none":
                ids = []
            if ids:  # SQLite reads the flag: an entity's list of 90,000 articles is not decoded
                marks = ",".join("?" * len(ids))
                hidden = {
                    str(r[0])
                    for r in db.execute(
                        f"SELECT id FROM entities WHERE id IN ({marks})"
                        " AND json_extract(data, '$.hidden')",
                        ids,
                    )
                }
        db.execute("ROLLBACK")
        return FirstScreen(infos, total, article, mentions, hidden)
    finally:
        db.close()
