"""Messages posted by workers and widgets; only their handlers touch widgets."""

from __future__ import annotations

from typing import Any

from textual.message import Message

from reader.domain.model import Field


class LibraryReady(Message):
    """A `Library` was opened (from the store, or after an update); `final` ends indexing."""

    def __init__(
        self,
        library: Any,
        *,
        final: bool,
        notices: list[str] | None = None,
        read_only: bool = False,
    ) -> None:
        super().__init__()
        self.library = library
        self.final = final
        self.notices = notices or []
        self.read_only = read_only  # the update could not write the index: shown as it was


class IndexProgress(Message):
    """Indexing progress from the worker (coalesced to a few per second)."""

    def __init__(self, stage: str, done: int, total: int) -> None:
        super().__init__()
        self.stage = stage
        self.done = done
        self.total = total


class IndexFailed(Message):
    """The background update failed; the reader keeps what it has."""

    def __init__(self, error: str) -> None:
        super().__init__()
        self.error = error


class ArticleChosen(Message):
    """Open this article (from the source list)."""

    def __init__(self, article: str) -> None:
        super().__init__()
        self.article = article


class JumpRequested(Message):
    """Jump to an article, optionally selecting the mention at `offset` of `field`."""

    def __init__(self, article: str, field: Field = "text", offset: int | None = None) -> None:
        super().__init__()
        self.article = article
        self.field = field
        self.offset = offset


class CompareRequested(Message):
    """Show the current article and `other` side by side."""

    def __init__(self, other: str) -> None:
        super().__init__()
        self.other = other


class SearchIndexDamaged(Message):
    """A query found the search index damaged: the app rebuilds it in the background."""


class RelatedReady(Message):
    """The related articles of `article` in `library` have been computed (by a worker)."""

    def __init__(self, library: Any, article: str, relations: list[Any]) -> None:
        super().__init__()
        self.library = library
        self.article = article
        self.relations = relations


class MoreHits(Message):
    """A worker asked the library for more hits of `query`: `answer` is the result or an error."""

    def __init__(self, library: Any, query: str, answer: Any) -> None:
        super().__init__()
        self.library = library
        self.query = query
        self.answer = answer


class ClearEntity(Message):
    """Forget the selected entity (escape): the panel shows the article's related articles."""


class NoveltyReady(Message):
    """The worker reduced every article of `library` to what novelty needs (`index`)."""

    def __init__(self, library: Any, index: Any) -> None:
        super().__init__()
        self.library = library
        self.index = index


class TimelineReady(Message):
    """The timeline of `library` was built (`entries`, in date order)."""

    def __init__(self, library: Any, entries: Any) -> None:
        super().__init__()
        self.library = library
        self.entries = entries


class EntityRowsReady(Message):
    """A worker found the panel rows of `entity` in `library` (`rows`: an `EntityRows`)."""

    def __init__(self, library: Any, entity: str, rows: Any) -> None:
        super().__init__()
        self.library = library
        self.entity = entity
        self.rows = rows


class SameQuoteReady(Message):
    """A worker found every place carrying `quote` (`same`), in `library`."""

    def __init__(self, library: Any, article: str, quote: Any, same: list[Any]) -> None:
        super().__init__()
        self.library = library
        self.article = article
        self.quote = quote
        self.same = same
