"""Exceptions raised by the search layer (each carries a message a person can read)."""

from __future__ import annotations


class SearchError(Exception):
    """Base class of every search-layer error."""


class QueryError(SearchError, ValueError):
    """The query was rejected (too long, leading wildcard, unknown field…); the CLI exits 2."""


class IndexNeedsRebuild(SearchError):
    """The index on disk was built with another schema version (or has no version file)."""


class IndexCorrupt(SearchError):
    """The index on disk cannot be read; rebuild it from the articles."""


class IndexBusy(SearchError):
    """Another process kept the index's write lock for longer than the wait allowed."""
