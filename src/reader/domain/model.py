"""Plain data types shared by every domain module (no behaviour, no I/O)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Label = Literal["PER", "ORG", "LOC", "MISC"]
LABELS: tuple[Label, ...] = ("PER", "ORG", "LOC", "MISC")
Field = Literal["title", "text"]


@dataclass(frozen=True, slots=True)
class Removed:
    """A piece of the source that is not article text (boilerplate), kept aside for `r`."""

    kind: str  # "boilerplate", "navigation", "share", "teaser", "bio", "cookie", "date-line", ...
    text: str


@dataclass(frozen=True, slots=True)
class Problem:
    """A file that was skipped or only partly read, with a reason a person can act on."""

    path: str
    reason: str


@dataclass(slots=True)
class Article:
    """One cleaned article, as the reader shows it and as `reader export` prints it.

    `text` keeps the source's own characters (curly apostrophes, guillemets, accents) with
    control characters removed; `paragraphs` are `(start, end)` offsets into `text`. `date` is
    `YYYY-MM-DD`, or `YYYY-MM` when only the month is known; `source` is the outlet.
    """

    id: str
    path: str
    title: str
    text: str
    paragraphs: list[tuple[int, int]]
    date: str | None = None
    source: str | None = None
    url: str | None = None
    title_derived: bool = False
    removed: list[Removed] = field(default_factory=list)
    content_hash: str = ""
    #: the author names the page gives (metadata or byline); empty when unknown
    author: list[str] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class RawMention:
    """A named-entity span found by extraction, before corpus-wide linking."""

    field: Field
    start: int
    end: int
    text: str
    label: Label


@dataclass(frozen=True, slots=True)
class Mention:
    """A linked mention: a span of an article's `title` or `text` tied to an entity id."""

    field: Field
    start: int
    end: int
    text: str
    label: Label
    entity: str


@dataclass(slots=True)
class Entity:
    """One real-world entity across the corpus, under all the names it appears with."""

    id: str
    name: str
    label: Label
    aliases: list[str]
    mentions: int
    articles: list[str]
    hidden: bool = False


@dataclass(frozen=True, slots=True)
class SharedPassage:
    """A near-verbatim passage present in two articles (offsets into each one's `text`)."""

    start: int
    end: int
    other_start: int
    other_end: int
    similarity: float


@dataclass(slots=True)
class Relation:
    """Why article `article` is related to another one: shared entities and passages."""

    article: str
    score: float
    shared_entities: list[str]
    shared_passages: list[SharedPassage]


@dataclass(frozen=True, slots=True)
class MentionRef:
    """A mention located in the corpus, with the sentence around it, for cross-references."""

    article: str
    field: Field
    start: int
    end: int
    text: str
    context: str


@dataclass(frozen=True, slots=True)
class Match:
    """A search hit's span in an article's `text` (or `title` when `field == "title"`)."""

    start: int
    end: int
    field: Field = "text"


@dataclass(slots=True)
class Hit:
    """One article matching a search query."""

    article: str
    title: str
    score: float
    snippet: str
    matches: list[Match]


@dataclass(slots=True)
class SearchResult:
    """The answer to a query: hits in score order and an optional spelling suggestion."""

    query: str
    total: int
    hits: list[Hit]
    suggestion: str | None = None
