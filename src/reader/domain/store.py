"""The analysis store: one SQLite database (WAL) per corpus index folder.

It holds the file manifest (for stat-only change detection), the cleaned articles, the NER
cache keyed by content hash, the linked mentions and entities, the shared passages and the
problems of the last scan. It is a cache: everything in it can be rebuilt from the articles.
"""

from __future__ import annotations

import json
import os
import sqlite3
import threading
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager, suppress
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from reader.domain.library import ArticleInfo
from reader.domain.model import (
    Article,
    Entity,
    Mention,
    Problem,
    RawMention,
    Removed,
    SharedPassage,
)
from reader.domain.quotes.types import RawQuote

STORE_SCHEMA = 4
#: Older schemas this version upgrades in place (anything else is rebuilt).
_MIGRATES_FROM = {"2", "3"}

_TABLES = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS files (
    path TEXT PRIMARY KEY, size INTEGER NOT NULL, mtime_ns INTEGER NOT NULL,
    hash TEXT NOT NULL, articles TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS articles (
    id TEXT PRIMARY KEY, file TEXT NOT NULL, data TEXT NOT NULL, terms_hash TEXT);
CREATE TABLE IF NOT EXISTS headers (
    id TEXT PRIMARY KEY, path TEXT NOT NULL, title TEXT NOT NULL, date TEXT, source TEXT,
    title_derived INTEGER NOT NULL, entities INTEGER NOT NULL DEFAULT 0, author TEXT);
CREATE TABLE IF NOT EXISTS ner_cache (key TEXT PRIMARY KEY, data TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS evidence_cache (key TEXT PRIMARY KEY, data TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS mentions (article TEXT PRIMARY KEY, data TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS entities (id TEXT PRIMARY KEY, data TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS passages (
    a TEXT NOT NULL, b TEXT NOT NULL, data TEXT NOT NULL, PRIMARY KEY (a, b));
CREATE TABLE IF NOT EXISTS problems (path TEXT NOT NULL, reason TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS quotes (article TEXT PRIMARY KEY, key TEXT NOT NULL, data TEXT NOT NULL);
"""


#: columns added to `articles` (see `Store._add_columns`)
_ARTICLE_KEYS = ("content_hash", "ner_version", "ner_key")


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


class StoreUnwritable(Exception):
    """The store cannot be written (disk full, quota, read-only file system, permission):
    not damage. The store is left as it is; it can still be read (`Store(readonly=True)`)."""

    def __init__(self, path: Path, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


# SQLite primary result codes of a write that failed for want of space or permission.
_SQLITE_PERM, _SQLITE_READONLY, _SQLITE_IOERR, _SQLITE_FULL, _SQLITE_CANTOPEN = 3, 8, 10, 13, 14
_UNWRITABLE_CODES = {_SQLITE_PERM, _SQLITE_READONLY, _SQLITE_IOERR, _SQLITE_FULL, _SQLITE_CANTOPEN}
_UNWRITABLE_TEXT = ("disk is full", "readonly database", "disk i/o error", "unable to open")


def _is_busy(exc: sqlite3.Error) -> bool:
    text = str(exc).lower()
    return isinstance(exc, sqlite3.OperationalError) and ("locked" in text or "busy" in text)


def _unwritable_reason(exc: sqlite3.Error) -> str | None:
    """What a failed write says when it is about space or permission, not damage: "disk
    full", "read-only", … (None: anything else)."""
    code = getattr(exc, "sqlite_errorcode", None)
    text = str(exc).lower()
    if code is not None and (code & 0xFF) not in _UNWRITABLE_CODES:
        return None
    if code is None and not any(t in text for t in _UNWRITABLE_TEXT):
        return None
    if (code is not None and code & 0xFF == _SQLITE_FULL) or "disk is full" in text:
        return "disk full"
    if (code is not None and code & 0xFF == _SQLITE_READONLY) or "readonly" in text:
        return "read-only"
    return _short(exc)


def _raise_for(path: Path, exc: sqlite3.Error) -> None:
    """Re-raise a SQLite error as what it means: busy (as it is), unwritable, or damage."""
    if _is_busy(exc):
        raise exc
    reason = _unwritable_reason(exc)
    if reason is not None:
        raise StoreUnwritable(path, f"{reason} ({_short(exc)})") from exc
    raise StoreCorrupt(f"{path}: {_short(exc)}") from exc


@contextmanager
def _reading(path: Path) -> Iterator[None]:
    """Turn what a damaged database gives back (SQLite errors, undecodable text, broken JSON,
    rows of the wrong shape) into `StoreCorrupt`; "database is locked" is not damage, nor is
    a write refused for want of space or permission (`StoreUnwritable`)."""
    try:
        yield
    except sqlite3.Error as exc:
        _raise_for(path, exc)
    except UnicodeEncodeError:  # text this program tried to write: a bug, not damage
        raise
    except (UnicodeError, ValueError, TypeError, KeyError, IndexError, AttributeError) as exc:
        raise StoreCorrupt(f"{path}: unreadable row ({type(exc).__name__}: {_short(exc)})") from exc


def _path_key(path: str) -> str | bytes:
    """A file path as the manifest stores it: text, or its raw bytes when the name is not
    valid UTF-8 (Python holds such names with lone surrogates, which SQLite refuses)."""
    try:
        path.encode("utf-8")
    except UnicodeEncodeError:
        return os.fsencode(path)
    return path


def _path_from(value: str | bytes) -> str:
    """The path `_path_key` stored."""
    return os.fsdecode(value) if isinstance(value, bytes) else value


def _json_text(value: object) -> str:
    """JSON for the store; a lone surrogate (from an undecodable file name) becomes U+FFFD."""
    text = json.dumps(value, ensure_ascii=False)
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        text = text.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
        text = text.encode("utf-8", "replace").decode("utf-8")
    return text


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


def _names(raw: str | None) -> tuple[str, ...]:
    """Author names as stored in `headers.author` (a JSON list; NULL before schema 4)."""
    if not raw:
        return ()
    value = json.loads(raw)
    return tuple(str(v) for v in value) if isinstance(value, list) else ()


def _mention_rows(mentions: Sequence[Mention]) -> str:
    return json.dumps(
        [[m.field, m.start, m.end, m.text, m.label, m.entity] for m in mentions],
        ensure_ascii=False,
    )


def _mentions_from(raw: str) -> list[Mention]:
    """Mentions stored by `_mention_rows`."""
    return [Mention(*r) for r in json.loads(raw)]


def _passages_from(raw: str) -> list[SharedPassage]:
    """Passages as stored in the `passages` table."""
    return [SharedPassage(*p) for p in json.loads(raw)]


def _quote_rows(quotes: Sequence[RawQuote]) -> str:
    return json.dumps(
        [
            [
                q.field,
                q.start,
                q.end,
                q.text,
                q.speaker,
                list(q.speaker_span) if q.speaker_span else None,
                q.cue,
                q.speaker_label,
                q.speaker_field,
            ]
            for q in quotes
        ],
        ensure_ascii=False,
    )


def _quotes_from(raw: str) -> list[RawQuote]:
    """Quotations stored by `_quote_rows`."""
    return [
        RawQuote(
            r[0], r[1], r[2], r[3], r[4], (r[5][0], r[5][1]) if r[5] else None, r[6], r[7], r[8]
        )
        for r in json.loads(raw)
    ]


def _raw_rows(mentions: Sequence[RawMention]) -> str:
    return json.dumps(
        [[m.field, m.start, m.end, m.text, m.label] for m in mentions], ensure_ascii=False
    )


def _connect_readonly(path: Path, shared: bool) -> sqlite3.Connection:
    """A connection that never writes: ``mode=ro``, or ``immutable=1`` where even SQLite's
    shared-memory file cannot be made (read-only file system, full disk)."""
    if not path.is_file():
        raise StoreUnwritable(path, "no store to read")
    uri = Path(path).absolute().as_uri()
    last: sqlite3.Error | None = None
    for options in ("mode=ro", "mode=ro&immutable=1"):
        db = sqlite3.connect(
            f"{uri}?{options}",
            uri=True,
            timeout=30.0,
            isolation_level=None,
            check_same_thread=not shared,
        )
        try:
            db.execute("SELECT count(*) FROM sqlite_master").fetchone()
        except sqlite3.Error as exc:
            db.close()
            if _is_busy(exc):
                raise
            last = exc
            continue
        return db
    assert last is not None
    raise last


class Store:
    """A connection to the store database. Use one per thread; writes go in `transaction()`."""

    def __init__(
        self, path: Path, *, shared: bool = False, check: bool = True, readonly: bool = False
    ) -> None:
        """Open (creating or upgrading) the store; `shared` lets other threads use the
        connection (the caller serialises them, as `StoreReader` does); `check` runs SQLite's
        structural check now (it reads the whole file; `check()` runs it later).

        `readonly` opens an existing store without writing anything, not even SQLite's
        shared-memory file (for an index on a full disk or a read-only file system).
        `StoreUnwritable` says that the store cannot be written; `StoreCorrupt` that it is
        damaged."""
        self.path = path
        self.readonly = readonly
        try:
            if readonly:
                self.db = _connect_readonly(path, shared)
            else:
                path.parent.mkdir(parents=True, exist_ok=True)
                self.db = sqlite3.connect(
                    path, timeout=30.0, isolation_level=None, check_same_thread=not shared
                )
        except OSError as exc:
            raise StoreUnwritable(path, exc.strerror or str(exc)) from exc
        except sqlite3.Error as exc:
            _raise_for(path, exc)
        try:
            try:
                if readonly:
                    self.db.execute("SELECT count(*) FROM sqlite_master").fetchone()
                else:
                    self.db.execute("PRAGMA journal_mode=WAL")
                    self.db.execute("PRAGMA synchronous=NORMAL")
                    self.db.executescript(_TABLES)
                    self._add_columns()
            except sqlite3.DatabaseError as exc:
                # busy: another process holds it, not damage, never moved aside
                _raise_for(path, exc)
            except (UnicodeError, ValueError) as exc:  # a damaged schema text
                raise StoreCorrupt(f"{path}: {type(exc).__name__}: {_short(exc)}") from exc
            if check:
                self.check()
            schema = self.get_meta("store_schema")
            if readonly:
                if schema not in (None, str(STORE_SCHEMA)):
                    raise StoreUnwritable(path, f"read-only, and from another version ({schema})")
                return
            if schema in _MIGRATES_FROM:
                self._migrate()
            elif schema not in (None, str(STORE_SCHEMA)):
                raise StoreCorrupt(f"{path}: store from another version ({schema})")
            if schema is None:
                self.set_meta("store_schema", str(STORE_SCHEMA))
        except BaseException:
            self.db.close()
            raise

    def check(self) -> None:
        """SQLite's structural check of the whole file (`StoreCorrupt` if it fails)."""
        try:
            ok = self.db.execute("PRAGMA quick_check").fetchone()
        except sqlite3.DatabaseError as exc:
            _raise_for(self.path, exc)
        if not ok or ok[0] != "ok":
            raise StoreCorrupt(f"{self.path}: integrity check failed")

    def _migrate(self) -> None:
        """Upgrade a schema-2 or -3 store in place: (re)make the `headers` table, with its
        `author` column, from the articles (once; another process may have done it while this
        one waited for the lock)."""
        with self.transaction():
            if self.get_meta("store_schema") not in _MIGRATES_FROM:
                return
            self.db.execute("DROP TABLE IF EXISTS headers")
            self._create_headers()
            self.db.execute(
                "INSERT INTO headers SELECT a.id, json_extract(a.data, '$.path'),"
                " json_extract(a.data, '$.title'), json_extract(a.data, '$.date'),"
                " json_extract(a.data, '$.source'), json_extract(a.data, '$.title_derived'),"
                " coalesce(c.n, 0), json_extract(a.data, '$.author')"
                " FROM articles a LEFT JOIN ("
                "  SELECT j.value AS aid, count(*) AS n"
                "  FROM entities e, json_each(e.data, '$.articles') j GROUP BY j.value"
                " ) c ON c.aid = a.id"
            )
            self.set_meta("store_schema", str(STORE_SCHEMA))

    def _add_columns(self) -> None:
        """Add the article columns that spare an update decoding unchanged articles (content
        hash, NER key): nullable, so older versions of the program still write the table
        (a NULL means "decode the article")."""
        have = {row[1] for row in self.db.execute("PRAGMA table_info(articles)")}
        for name in _ARTICLE_KEYS:
            if name not in have:
                self.db.execute(f"ALTER TABLE articles ADD COLUMN {name} TEXT")

    def _create_headers(self) -> None:
        statement = next(t for t in _TABLES.split(";") if "EXISTS headers" in t)
        self.db.execute(statement)

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
                out[_path_from(path)] = FileEntry(
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
            return {
                _path_from(path): (int(size), int(mtime), str(fid))
                for path, size, mtime, fid in rows
            }

    def put_file(self, path: str, entry: FileEntry) -> None:
        """Record a file as seen."""
        extra = {"file_id": entry.file_id, "ids": entry.ids, "problems": entry.problems}
        self.db.execute(
            "INSERT OR REPLACE INTO files VALUES (?, ?, ?, ?, ?)",
            (_path_key(path), entry.size, entry.mtime_ns, entry.digest, _json_text(extra)),
        )

    def delete_file(self, path: str) -> None:
        """Forget a file."""
        self.db.execute("DELETE FROM files WHERE path=?", (_path_key(path),))

    # -- articles -------------------------------------------------------------------------
    def put_article(
        self, article: Article, file: str, ner: tuple[str, str] | None = None
    ) -> None:
        """Store (or replace) a cleaned article, with the (model version, key) of its content
        in the NER cache when known."""
        self.db.execute(
            "INSERT OR REPLACE INTO articles"
            " (id, file, data, terms_hash, content_hash, ner_version, ner_key)"
            " VALUES (?, ?, ?, NULL, ?, ?, ?)",
            (
                article.id,
                file,
                article_to_json(article),
                article.content_hash,
                *(ner or (None, None)),
            ),
        )
        self.db.execute(
            "INSERT OR REPLACE INTO headers VALUES (?, ?, ?, ?, ?, ?, 0, ?)",
            (
                article.id,
                article.path,
                article.title,
                article.date,
                article.source,
                int(article.title_derived),
                json.dumps(article.author, ensure_ascii=False),
            ),
        )

    def delete_article(self, article_id: str) -> None:
        """Remove an article and everything derived from it."""
        self.db.execute("DELETE FROM articles WHERE id=?", (article_id,))
        self.db.execute("DELETE FROM headers WHERE id=?", (article_id,))
        self.db.execute("DELETE FROM mentions WHERE article=?", (article_id,))
        self.db.execute("DELETE FROM passages WHERE a=? OR b=?", (article_id, article_id))
        self.db.execute("DELETE FROM quotes WHERE article=?", (article_id,))

    def articles(self) -> dict[str, Article]:
        """Every stored article by id."""
        with _reading(self.path):
            return {
                row[0]: article_from_json(row[1])
                for row in self.db.execute("SELECT id, data FROM articles")
            }

    def article_keys(self) -> dict[str, tuple[str | None, str | None, str | None]]:
        """article id → (content hash, NER model version, NER key) as stored, without decoding
        the articles (None where an older version of the program wrote the row). A row that
        is not readable JSON raises `StoreCorrupt` (SQLite checks it, nothing is decoded)."""
        with _reading(self.path):
            bad = self.db.execute(
                "SELECT count(*) FROM articles WHERE NOT json_valid(data)"
            ).fetchone()
            if bad and bad[0]:
                raise StoreCorrupt(f"{self.path}: {bad[0]} unreadable rows in articles")
            rows = self.db.execute("SELECT id, content_hash, ner_version, ner_key FROM articles")
            return {r[0]: (r[1], r[2], r[3]) for r in rows}

    def set_article_keys(self, article_id: str, keys: tuple[str, str, str]) -> None:
        """Record an article's (content hash, NER model version, NER key) in its row."""
        self.db.execute(
            "UPDATE articles SET content_hash=?, ner_version=?, ner_key=? WHERE id=?",
            (*keys, article_id),
        )

    def article(self, article_id: str) -> Article:
        """One stored article (KeyError if there is none)."""
        with _reading(self.path):
            row = self.db.execute(
                "SELECT data FROM articles WHERE id=?", (article_id,)
            ).fetchone()
            if row is None:
                raise KeyError(article_id)
            return article_from_json(row[0])

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

    def ner_keys_present(self, keys: Iterable[str]) -> set[str]:
        """Those of `keys` the NER cache holds (nothing is decoded)."""
        wanted = list(keys)
        found: set[str] = set()
        with _reading(self.path):
            for i in range(0, len(wanted), 500):
                part = wanted[i : i + 500]
                marks = ",".join("?" * len(part))
                found.update(
                    r[0]
                    for r in self.db.execute(
                        f"SELECT key FROM ner_cache WHERE key IN ({marks})", part
                    )
                )
        return found

    def put_ner(self, key: str, mentions: Sequence[RawMention]) -> None:
        """Cache raw mentions for a content key."""
        self.db.execute(
            "INSERT OR REPLACE INTO ner_cache VALUES (?, ?)", (key, _raw_rows(mentions))
        )

    def cached_evidence(
        self, keys: Iterable[str]
    ) -> dict[str, dict[tuple[str, int, int], tuple[str | None, bool]]]:
        """Cached linking evidence (`linking.mention_evidence`) for the given content keys."""
        with _reading(self.path):
            out: dict[str, dict[tuple[str, int, int], tuple[str | None, bool]]] = {}
            for key in keys:
                row = self.db.execute(
                    "SELECT data FROM evidence_cache WHERE key=?", (key,)
                ).fetchone()
                if row is not None:
                    out[key] = {
                        (f, int(s), int(e)): (cue, bool(tc))
                        for f, s, e, cue, tc in json.loads(row[0])
                    }
            return out

    def put_evidence(
        self, key: str, evidence: Mapping[tuple[str, int, int], tuple[str | None, bool]]
    ) -> None:
        """Cache the linking evidence of one article's content."""
        rows = [[f, s, e, cue, int(tc)] for (f, s, e), (cue, tc) in evidence.items()]
        self.db.execute(
            "INSERT OR REPLACE INTO evidence_cache VALUES (?, ?)",
            (key, json.dumps(rows, ensure_ascii=False)),
        )

    def prune_evidence(self, keep: Iterable[str]) -> None:
        """Drop the cached evidence of content no article has any more."""
        wanted = set(keep)
        stale = [
            (k,) for (k,) in self.db.execute("SELECT key FROM evidence_cache") if k not in wanted
        ]
        self.db.executemany("DELETE FROM evidence_cache WHERE key=?", stale)

    # -- quotations -----------------------------------------------------------------------
    def quote_keys(self) -> dict[str, str]:
        """article id → the key its stored quotations were extracted under."""
        with _reading(self.path):
            return {row[0]: row[1] for row in self.db.execute("SELECT article, key FROM quotes")}

    def all_quotes(self) -> dict[str, list[RawQuote]]:
        """The quotations of every article, by article id."""
        with _reading(self.path):
            return {
                row[0]: _quotes_from(row[1])
                for row in self.db.execute("SELECT article, data FROM quotes")
            }

    def put_quotes(self, article_id: str, key: str, quotes: Sequence[RawQuote]) -> None:
        """Store (or replace) an article's quotations."""
        self.db.execute(
            "INSERT OR REPLACE INTO quotes VALUES (?, ?, ?)", (article_id, key, _quote_rows(quotes))
        )

    # -- linked results -------------------------------------------------------------------
    def replace_links(
        self,
        entities: Sequence[tuple[str, str]] | None,
        mentions: Mapping[str, Sequence[Mention]],
    ) -> None:
        """Write a linking result: the entity rows `(id, JSON)` in their order (None: they did
        not change; readers resolve a name two entities share to the first one they meet) and
        the linked mentions of the articles whose mentions may have changed (only rows that
        differ are written), with their headers' entity counts."""
        if entities is not None:
            self.db.execute("DELETE FROM entities")
            self.db.executemany("INSERT INTO entities VALUES (?, ?)", list(entities))
        new = {aid: _mention_rows(ms) for aid, ms in mentions.items()}
        old: dict[str, str] = {}
        ids = list(new)
        for i in range(0, len(ids), 500):
            part = ids[i : i + 500]
            marks = ",".join("?" * len(part))
            old.update(
                self.db.execute(
                    f"SELECT article, data FROM mentions WHERE article IN ({marks})", part
                ).fetchall()
            )
        self.db.executemany(
            "INSERT OR REPLACE INTO mentions VALUES (?, ?)",
            [(k, v) for k, v in new.items() if old.get(k) != v],
        )
        self.db.executemany(
            "UPDATE headers SET entities = ? WHERE id = ?",
            [(len({m.entity for m in ms}), aid) for aid, ms in mentions.items()],
        )

    def mentions_of(self, article_id: str) -> list[Mention]:
        """The linked mentions of one article (none if it has no row)."""
        with _reading(self.path):
            row = self.db.execute(
                "SELECT data FROM mentions WHERE article=?", (article_id,)
            ).fetchone()
            return _mentions_from(row[0]) if row else []

    def entity_rows(self) -> list[tuple[str, str]]:
        """The entity rows `(id, JSON)` in their stored order."""
        with _reading(self.path):
            return [
                (str(r[0]), str(r[1]))
                for r in self.db.execute("SELECT id, data FROM entities ORDER BY rowid")
            ]

    def entities(self) -> dict[str, Entity]:
        """Every entity by id."""
        with _reading(self.path):
            return {
                row[0]: Entity(**json.loads(row[1]))
                for row in self.db.execute("SELECT id, data FROM entities")
            }

    def entity_names(self) -> list[tuple[str, str, list[str]]]:
        """(id, name, aliases) of every entity, read without building `Entity` records (what a
        search resolving `entity:` names needs; the stored text was sanitised when written)."""
        with _reading(self.path):
            out: list[tuple[str, str, list[str]]] = []
            for eid, name, aliases in self.db.execute(
                "SELECT id, json_extract(data, '$.name'), json_extract(data, '$.aliases') "
                "FROM entities"
            ):
                names = json.loads(aliases)
                if not isinstance(name, str) or not isinstance(names, list):
                    raise ValueError(f"entity {eid!r} without a name or aliases")
                out.append((eid, name, [str(a) for a in names]))
            return out

    def mentions(self) -> dict[str, list[Mention]]:
        """Linked mentions by article id."""
        with _reading(self.path):
            return {
                row[0]: _mentions_from(row[1])
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
                (row[0], row[1]): _passages_from(row[2])
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


class StoreReader:
    """A read-only view of the store as it was when opened, for a lazily loaded `Library`.

    One connection holds one read transaction for its whole life, so every read sees the same
    snapshot while `update()` writes a new one (WAL: readers never wait for the writer). Any
    thread may read; a lock serialises them. Damaged rows raise `StoreCorrupt`."""

    def __init__(self, store: Store) -> None:
        """Take over `store` (opened with `shared=True`) and start the snapshot."""
        self.path = store.path
        self._store = store
        self._lock = threading.Lock()
        self._closed = False
        try:
            self._store.db.execute("BEGIN")  # the snapshot starts with the first read below
            self._store.get_meta("store_schema")
        except BaseException:
            self._store.close()
            raise

    @property
    def closed(self) -> bool:
        """True once `close()` has run."""
        return self._closed

    def close(self) -> None:
        """End the snapshot and close the connection (later reads raise `StoreCorrupt`)."""
        with self._lock:
            if self._closed:
                return
            self._closed = True
            with suppress(sqlite3.Error):
                self._store.db.execute("ROLLBACK")
            self._store.close()

    def _ensure_open(self) -> None:
        """Called under the lock: reading a closed view is a programming error, not damage
        (a replaced library that someone still holds)."""
        if self._closed:
            raise RuntimeError(f"{self.path}: this view of the store was closed")

    def _rows(self, sql: str, args: tuple[object, ...] = ()) -> list[tuple[Any, ...]]:
        with self._lock:
            self._ensure_open()
            with _reading(self.path):
                rows: list[tuple[Any, ...]] = self._store.db.execute(sql, args).fetchall()
                return rows

    def headers(self) -> list[ArticleInfo]:
        """The header of every article (no texts are read)."""
        with _reading(self.path):
            return [
                ArticleInfo(r[0], r[1], r[2], r[3], r[4], r[5] == 1, r[6], _names(r[7]))
                for r in self._rows(
                    "SELECT id, path, title, date, source, title_derived, entities, author"
                    " FROM headers"
                )
            ]

    def entities(self) -> dict[str, Entity]:
        """Every entity by id."""
        with _reading(self.path):
            return {
                r[0]: Entity(**json.loads(r[1]))
                for r in self._rows("SELECT id, data FROM entities")
            }

    def problems(self) -> list[Problem]:
        """Files skipped at the last scan, with reasons."""
        return [Problem(r[0], r[1]) for r in self._rows("SELECT path, reason FROM problems")]

    def article(self, article_id: str) -> Article:
        """One article (KeyError if the store does not hold it)."""
        rows = self._rows("SELECT data FROM articles WHERE id=?", (article_id,))
        if not rows:
            raise KeyError(article_id)
        with _reading(self.path):
            return article_from_json(rows[0][0])

    def mentions(self, article_id: str) -> list[Mention]:
        """The linked mentions of one article (none if it has no row)."""
        rows = self._rows("SELECT data FROM mentions WHERE article=?", (article_id,))
        with _reading(self.path):
            return _mentions_from(rows[0][0]) if rows else []

    def entity_mentions(self, entity_id: str) -> dict[str, list[Mention]]:
        """The linked mentions of one entity, by article: SQLite picks the rows that name it
        and the mentions within them, so only those are decoded here."""
        needle = json.dumps(entity_id, ensure_ascii=False)  # as `_mention_rows` wrote it
        rows = self._rows(
            "SELECT m.article, j.value FROM mentions m, json_each(m.data) j "
            "WHERE instr(m.data, ?) > 0 AND json_extract(j.value, '$[5]') = ?",
            (needle, entity_id),
        )
        found: dict[str, list[Mention]] = {}
        with _reading(self.path):
            for article, value in rows:
                found.setdefault(article, []).append(Mention(*json.loads(value)))
        return found

    def quotes(self, article_id: str) -> list[RawQuote]:
        """The quotations of one article (none if it has no row)."""
        rows = self._rows("SELECT data FROM quotes WHERE article=?", (article_id,))
        with _reading(self.path):
            return _quotes_from(rows[0][0]) if rows else []

    def all_quotes(self) -> dict[str, list[RawQuote]]:
        """The quotations of every article that has some (for grouping them)."""
        rows = self._rows("SELECT article, data FROM quotes WHERE data != '[]'")
        with _reading(self.path):
            return {r[0]: _quotes_from(r[1]) for r in rows}

    def passage_pair(self, a: str, b: str) -> list[SharedPassage] | None:
        """The passages stored for the pair `(a, b)` as written (None if there is no row)."""
        rows = self._rows("SELECT data FROM passages WHERE a=? AND b=?", (a, b))
        with _reading(self.path):
            return _passages_from(rows[0][0]) if rows else None

    def passages_of(self, article_id: str) -> dict[tuple[str, str], list[SharedPassage]]:
        """Every stored pair involving `article_id`, as stored."""
        rows = self._rows(
            "SELECT a, b, data FROM passages WHERE a=? OR b=?", (article_id, article_id)
        )
        with _reading(self.path):
            return {(r[0], r[1]): _passages_from(r[2]) for r in rows}

    def passage_keys(self) -> list[tuple[str, str]]:
        """Every stored pair."""
        return [(r[0], r[1]) for r in self._rows("SELECT a, b FROM passages")]

    def verify(self) -> None:
        """Raise `StoreCorrupt` if the file fails SQLite's structural check or a stored row is
        not readable JSON (what opening used to find by loading everything; here SQLite
        checks it without building objects)."""
        with self._lock:
            self._ensure_open()
            self._store.check()
        for table in ("articles", "mentions", "entities", "passages", "quotes"):
            bad = self._rows(f"SELECT count(*) FROM {table} WHERE NOT json_valid(data)")
            if bad and bad[0][0]:
                raise StoreCorrupt(f"{self.path}: {bad[0][0]} unreadable rows in {table}")
