"""The analysis store: one SQLite database (WAL) per corpus index folder.

It holds the file manifest (for stat-only change detection), the cleaned articles, the NER
cache keyed by content hash, the linked mentions and entities, the shared passages and the
problems of the last scan. It is a cache: everything in it can be rebuilt from the articles.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager, suppress
from dataclasses import asdict, dataclass
from pathlib import Path

from reader.domain.model import (
    Article,
    Entity,
    Mention,
    Problem,
    RawMention,
    Removed,
    SharedPassage,
)

STORE_SCHEMA = 2

_TABLES = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS files (
    path TEXT PRIMARY KEY, size INTEGER NOT NULL, mtime_ns INTEGER NOT NULL,
    hash TEXT NOT NULL, articles TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS articles (
    id TEXT PRIMARY KEY, file TEXT NOT NULL, data TEXT NOT NULL, terms_hash TEXT);
CREATE TABLE IF NOT EXISTS ner_cache (key TEXT PRIMARY KEY, data TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS mentions (article TEXT PRIMARY KEY, data TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS entities (id TEXT PRIMARY KEY, data TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS passages (
    a TEXT NOT NULL, b TEXT NOT NULL, data TEXT NOT NULL, PRIMARY KEY (a, b));
CREATE TABLE IF NOT EXISTS problems (path TEXT NOT NULL, reason TEXT NOT NULL);
"""


@dataclass(frozen=True, slots=True)
class FileEntry:
    """What the manifest remembers of one file: stat, content hash, the id it was given, the
    articles it produced and the problems it had (so unchanged files cost a `stat` only)."""

    size: int
    mtime_ns: int
    digest: str
    file_id: str
    ids: list[str]
    problems: list[tuple[str, str]]


class StoreCorrupt(Exception):
    """The database file cannot be read; the caller moves it aside and rebuilds."""


def _is_busy(exc: sqlite3.Error) -> bool:
    text = str(exc).lower()
    return isinstance(exc, sqlite3.OperationalError) and ("locked" in text or "busy" in text)


@contextmanager
def _reading(path: Path) -> Iterator[None]:
    """Turn what a damaged database gives back (SQLite errors, undecodable text, broken JSON,
    rows of the wrong shape) into `StoreCorrupt`; "database is locked" is not damage."""
    try:
        yield
    except sqlite3.Error as exc:
        if _is_busy(exc):
            raise
        raise StoreCorrupt(f"{path}: {_short(exc)}") from exc
    except (UnicodeError, ValueError, TypeError, KeyError, IndexError, AttributeError) as exc:
        raise StoreCorrupt(f"{path}: unreadable row ({type(exc).__name__}: {_short(exc)})") from exc


def _short(exc: BaseException, limit: int = 120) -> str:
    text = " ".join(str(exc).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def article_to_json(article: Article) -> str:
    """Serialise an article for the store."""
    data = asdict(article)
    return json.dumps(data, ensure_ascii=False)


def article_from_json(raw: str) -> Article:
    """Rebuild an article stored by `article_to_json`."""
    data = json.loads(raw)
    data["paragraphs"] = [tuple(p) for p in data["paragraphs"]]
    data["removed"] = [Removed(**r) for r in data["removed"]]
    return Article(**data)


def _mention_rows(mentions: Sequence[Mention]) -> str:
    return json.dumps(
        [[m.field, m.start, m.end, m.text, m.label, m.entity] for m in mentions],
        ensure_ascii=False,
    )


def _raw_rows(mentions: Sequence[RawMention]) -> str:
    return json.dumps(
        [[m.field, m.start, m.end, m.text, m.label] for m in mentions], ensure_ascii=False
    )


class Store:
    """A connection to the store database. Use one per thread; writes go in `transaction()`."""

    def __init__(self, path: Path, *, check: bool = True) -> None:
        """Open (creating if needed) the store at `path`; `check` runs SQLite's page check
        (`quick_check`, which reads the whole file), for callers that go on to read rows."""
        self.path = path
        path.parent.mkdir(parents=True, exist_ok=True)
        self.db = sqlite3.connect(path, timeout=30.0, isolation_level=None)
        try:
            try:
                self.db.execute("PRAGMA journal_mode=WAL")
                self.db.execute("PRAGMA synchronous=NORMAL")
                self.db.executescript(_TABLES)
                ok = self.db.execute("PRAGMA quick_check").fetchone() if check else ("ok",)
            except sqlite3.DatabaseError as exc:
                if _is_busy(exc):  # another process holds it: not damage, never moved aside
                    raise
                raise StoreCorrupt(f"{path}: {_short(exc)}") from exc
            except (UnicodeError, ValueError) as exc:  # a damaged schema text
                raise StoreCorrupt(f"{path}: {type(exc).__name__}: {_short(exc)}") from exc
            if not ok or ok[0] != "ok":
                raise StoreCorrupt(f"{path}: integrity check failed")
            schema = self.get_meta("store_schema")
            if schema not in (None, str(STORE_SCHEMA)):
                raise StoreCorrupt(f"{path}: store from another version ({schema})")
            if schema is None:
                self.set_meta("store_schema", str(STORE_SCHEMA))
        except BaseException:
            self.db.close()
            raise

    def close(self) -> None:
        """Close the connection."""
        self.db.close()

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """Run the block in one write transaction (rolled back on error); a damaged database
        raises `StoreCorrupt`."""
        with _reading(self.path):
            self.db.execute("BEGIN IMMEDIATE")
            try:
                yield
            except BaseException:
                with suppress(sqlite3.Error):
                    self.db.execute("ROLLBACK")
                raise
            self.db.execute("COMMIT")

    # -- meta -----------------------------------------------------------------------------
    def get_meta(self, key: str) -> str | None:
        """A value from the meta table, or None."""
        with _reading(self.path):
            row = self.db.execute("SELECT value FROM meta WHERE key=?", (key,)).fetchone()
            return None if row is None else str(row[0])

    def set_meta(self, key: str, value: str) -> None:
        """Set a value in the meta table."""
        self.db.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", (key, value))

    # -- manifest -------------------------------------------------------------------------
    def manifest(self) -> dict[str, FileEntry]:
        """Absolute path → what was recorded of it, for every file seen at the last update."""
        with _reading(self.path):
            out: dict[str, FileEntry] = {}
            for path, size, mtime_ns, digest, extra in self.db.execute(
                "SELECT path, size, mtime_ns, hash, articles FROM files"
            ):
                info = json.loads(extra)
                problems = [(p, r) for p, r in info["problems"]]
                out[path] = FileEntry(
                    size, mtime_ns, digest, info["file_id"], info["ids"], problems
                )
            return out

    def file_stats(self) -> dict[str, tuple[int, int, str]]:
        """Absolute path → (size, mtime_ns, article id of the file): the part of the manifest
        that says whether a file changed, read without decoding the rest."""
        with _reading(self.path):
            rows = self.db.execute(
                "SELECT path, size, mtime_ns, json_extract(articles, '$.file_id') FROM files"
            )
            return {path: (int(size), int(mtime), str(fid)) for path, size, mtime, fid in rows}

    def put_file(self, path: str, entry: FileEntry) -> None:
        """Record a file as seen."""
        extra = {"file_id": entry.file_id, "ids": entry.ids, "problems": entry.problems}
        self.db.execute(
            "INSERT OR REPLACE INTO files VALUES (?, ?, ?, ?, ?)",
            (path, entry.size, entry.mtime_ns, entry.digest, json.dumps(extra, ensure_ascii=False)),
        )

    def delete_file(self, path: str) -> None:
        """Forget a file."""
        self.db.execute("DELETE FROM files WHERE path=?", (path,))

    # -- articles -------------------------------------------------------------------------
    def put_article(self, article: Article, file: str) -> None:
        """Store (or replace) a cleaned article."""
        self.db.execute(
            "INSERT OR REPLACE INTO articles (id, file, data, terms_hash) VALUES (?, ?, ?, NULL)",
            (article.id, file, article_to_json(article)),
        )

    def delete_article(self, article_id: str) -> None:
        """Remove an article and everything derived from it."""
        self.db.execute("DELETE FROM articles WHERE id=?", (article_id,))
        self.db.execute("DELETE FROM mentions WHERE article=?", (article_id,))
        self.db.execute("DELETE FROM passages WHERE a=? OR b=?", (article_id, article_id))

    def articles(self) -> dict[str, Article]:
        """Every stored article by id."""
        with _reading(self.path):
            return {
                row[0]: article_from_json(row[1])
                for row in self.db.execute("SELECT id, data FROM articles")
            }

    def terms_hashes(self) -> dict[str, str | None]:
        """article id → hash of the entity terms last sent to the search index."""
        with _reading(self.path):
            rows = self.db.execute("SELECT id, terms_hash FROM articles")
            return {row[0]: row[1] for row in rows}

    def set_terms_hash(self, article_id: str, value: str) -> None:
        """Remember the entity terms hash sent to the search index for an article."""
        self.db.execute("UPDATE articles SET terms_hash=? WHERE id=?", (value, article_id))

    # -- NER cache ------------------------------------------------------------------------
    def cached_ner(self, keys: Iterable[str]) -> dict[str, list[RawMention]]:
        """Cached raw mentions for the given content keys (missing keys are absent)."""
        with _reading(self.path):
            out: dict[str, list[RawMention]] = {}
            for key in keys:
                row = self.db.execute("SELECT data FROM ner_cache WHERE key=?", (key,)).fetchone()
                if row is not None:
                    out[key] = [RawMention(*r) for r in json.loads(row[0])]
            return out

    def put_ner(self, key: str, mentions: Sequence[RawMention]) -> None:
        """Cache raw mentions for a content key."""
        self.db.execute(
            "INSERT OR REPLACE INTO ner_cache VALUES (?, ?)", (key, _raw_rows(mentions))
        )

    # -- linked results -------------------------------------------------------------------
    def replace_links(
        self, entities: Mapping[str, Entity], mentions: Mapping[str, Sequence[Mention]]
    ) -> None:
        """Replace all entities and linked mentions with a new linking result."""
        self.db.execute("DELETE FROM entities")
        self.db.execute("DELETE FROM mentions")
        self.db.executemany(
            "INSERT INTO entities VALUES (?, ?)",
            [(e.id, json.dumps(asdict(e), ensure_ascii=False)) for e in entities.values()],
        )
        self.db.executemany(
            "INSERT INTO mentions VALUES (?, ?)",
            [(aid, _mention_rows(ms)) for aid, ms in mentions.items()],
        )

    def entities(self) -> dict[str, Entity]:
        """Every entity by id."""
        with _reading(self.path):
            return {
                row[0]: Entity(**json.loads(row[1]))
                for row in self.db.execute("SELECT id, data FROM entities")
            }

    def mentions(self) -> dict[str, list[Mention]]:
        """Linked mentions by article id."""
        with _reading(self.path):
            return {
                row[0]: [Mention(*r) for r in json.loads(row[1])]
                for row in self.db.execute("SELECT article, data FROM mentions")
            }

    # -- passages -------------------------------------------------------------------------
    def replace_passages(
        self, touched: set[str], found: Mapping[tuple[str, str], Sequence[SharedPassage]]
    ) -> None:
        """Drop the pairs involving `touched` articles, then store `found`."""
        for aid in touched:
            self.db.execute("DELETE FROM passages WHERE a=? OR b=?", (aid, aid))
        self.db.executemany(
            "INSERT OR REPLACE INTO passages VALUES (?, ?, ?)",
            [
                (a, b, json.dumps([list(asdict(p).values()) for p in ps]))
                for (a, b), ps in found.items()
                if ps
            ],
        )

    def passages(self) -> dict[tuple[str, str], list[SharedPassage]]:
        """Shared passages by article pair."""
        with _reading(self.path):
            return {
                (row[0], row[1]): [SharedPassage(*p) for p in json.loads(row[2])]
                for row in self.db.execute("SELECT a, b, data FROM passages")
            }

    # -- problems -------------------------------------------------------------------------
    def replace_problems(self, problems: Sequence[Problem]) -> None:
        """Replace the list of skipped files."""
        self.db.execute("DELETE FROM problems")
        self.db.executemany(
            "INSERT INTO problems VALUES (?, ?)", [(p.path, p.reason) for p in problems]
        )

    def problems(self) -> list[Problem]:
        """Files skipped at the last scan, with reasons."""
        with _reading(self.path):
            rows = self.db.execute("SELECT path, reason FROM problems")
            return [Problem(r[0], r[1]) for r in rows]
