"""What lasts between runs: read marks, last article and position, theme (SQLite in WAL mode).

SQLite with WAL survives `kill -9` (a commit is either there or not); the file lives in the
user's state folder, never in the corpus folder. No Textual import here.
"""

from __future__ import annotations

import contextlib
import sqlite3
from pathlib import Path

_SCHEMA = """
CREATE TABLE IF NOT EXISTS kv (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS read (corpus TEXT NOT NULL, article TEXT NOT NULL,
    PRIMARY KEY (corpus, article));
CREATE TABLE IF NOT EXISTS position (corpus TEXT PRIMARY KEY, article TEXT NOT NULL,
    offset INTEGER NOT NULL);
"""


class StateStore:
    """Small persistent state for one user; every write is its own transaction."""

    def __init__(self, folder: Path) -> None:
        self.path = folder / "state.sqlite"
        self._db: sqlite3.Connection | None = None
        # what this process last wrote: the same write again is skipped (each costs a
        # transaction on the UI thread, and `]` across articles asked for three)
        self._marked: set[tuple[str, str]] = set()
        self._position: tuple[str, str, int] | None = None
        try:
            folder.mkdir(parents=True, exist_ok=True)
            self._db = self._open()
        except sqlite3.DatabaseError:
            # A damaged state file is not worth a crash: move it aside and start afresh.
            try:
                self.path.replace(self.path.with_suffix(".corrupt"))
                self._db = self._open()
            except (OSError, sqlite3.DatabaseError):
                self._db = None
        except OSError:
            self._db = None

    def _open(self) -> sqlite3.Connection:
        db = sqlite3.connect(self.path, timeout=2.0, isolation_level=None)
        db.execute("PRAGMA journal_mode=WAL")
        db.execute("PRAGMA synchronous=NORMAL")
        db.executescript(_SCHEMA)
        db.execute("SELECT count(*) FROM kv").fetchone()
        return db

    @property
    def available(self) -> bool:
        """False when the state folder could not be opened (the app then forgets on exit)."""
        return self._db is not None

    def _write(self, sql: str, args: tuple[object, ...]) -> None:
        if self._db is None:
            return
        with contextlib.suppress(sqlite3.Error):
            self._db.execute(sql, args)

    def _read(self, sql: str, args: tuple[object, ...]) -> list[tuple[object, ...]]:
        if self._db is None:
            return []
        try:
            return list(self._db.execute(sql, args).fetchall())
        except sqlite3.Error:
            return []

    # -- theme ----------------------------------------------------------------------------
    def theme(self) -> str | None:
        """The theme chosen last time, if any."""
        rows = self._read("SELECT value FROM kv WHERE key = 'theme'", ())
        return str(rows[0][0]) if rows else None

    def set_theme(self, name: str) -> None:
        """Remember the theme."""
        self._write("INSERT OR REPLACE INTO kv (key, value) VALUES ('theme', ?)", (name,))

    # -- read marks -----------------------------------------------------------------------
    def read_articles(self, corpus: str) -> set[str]:
        """Ids of the articles already opened in this corpus."""
        return {
            str(r[0]) for r in self._read("SELECT article FROM read WHERE corpus = ?", (corpus,))
        }

    def mark_read(self, corpus: str, article: str) -> None:
        """Remember that `article` was opened."""
        if (corpus, article) in self._marked:
            return
        self._write("INSERT OR IGNORE INTO read (corpus, article) VALUES (?, ?)", (corpus, article))
        self._marked.add((corpus, article))

    # -- position -------------------------------------------------------------------------
    def position(self, corpus: str) -> tuple[str, int] | None:
        """The last article and the character offset at the top of the screen."""
        rows = self._read("SELECT article, offset FROM position WHERE corpus = ?", (corpus,))
        if not rows:
            return None
        article, offset = rows[0]
        return str(article), int(offset)  # type: ignore[call-overload]

    def set_position(self, corpus: str, article: str, offset: int) -> None:
        """Remember where the reader is."""
        if self._position == (corpus, article, offset):
            return
        self._position = (corpus, article, offset)
        self._write(
            "INSERT OR REPLACE INTO position (corpus, article, offset) VALUES (?, ?, ?)",
            (corpus, article, offset),
        )

    def close(self) -> None:
        """Close the database (idempotent)."""
        if self._db is not None:
            self._db.close()
            self._db = None
