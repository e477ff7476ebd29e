"""Plain data types shared by every domain module (no I/O).

Sanitising is structural: every record here but the `DERIVED` ones is a `Sanitised`, so each
string put in any of its fields — when it is built or assigned later, new fields included —
passes `reader.domain.sanitize` (line breaks kept only in the fields a class lists in
`MULTILINE`). The `DERIVED` records hold only offsets, labels, ids and slices of text that was
already sanitised, and are built by the hundred thousand; their strings are sanitised again
where they leave the program (`reader.domain.export`).
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from typing import ClassVar, Literal

from reader.domain.sanitize import clean_value

Label = Literal["PER", "ORG", "LOC", "MISC"]
LABELS: tuple[Label, ...] = ("PER", "ORG", "LOC", "MISC")
Field = Literal["title", "text"]


class Sanitised:
    """Base of the records whose string fields are sanitised as they are set.

    A mutable dataclass runs every assignment (its `__init__` included) through
    `__setattr__`; a frozen one sanitises all its fields once, in `__post_init__`."""

    __slots__ = ()
    #: fields whose text keeps its line breaks and tabs (`sanitize`); other strings are one
    #: line (`sanitize_inline`)
    MULTILINE: ClassVar[frozenset[str]] = frozenset()

    def __setattr__(self, name: str, value: object) -> None:
        object.__setattr__(self, name, clean_value(value, name in self.MULTILINE))

    def __post_init__(self) -> None:
        params = getattr(type(self), "__dataclass_params__", None)
        if params is not None and params.frozen:
            for f in fields(self):  # type: ignore[arg-type]
                value = getattr(self, f.name)
                object.__setattr__(self, f.name, clean_value(value, f.name in self.MULTILINE))


@dataclass(frozen=True, slots=True)
class Removed(Sanitised):
    """A piece of the source that is not article text (boilerplate), kept aside for `r`."""

    MULTILINE: ClassVar[frozenset[str]] = frozenset({"text"})

    kind: str  # "boilerplate", "navigation", "share", "teaser", "bio", "cookie", "date-line", ...
    text: str


@dataclass(frozen=True, slots=True)
class Problem(Sanitised):
    """A file that was skipped or only partly read, with a reason a person can act on."""

    path: str
    reason: str


@dataclass(slots=True)
class Article(Sanitised):
    """One cleaned article, as the reader shows it and as `reader export` prints it.

    `text` keeps the source's own characters (curly apostrophes, guillemets, accents) with
    control characters removed; `paragraphs` are `(start, end)` offsets into `text`. `date` is
    `YYYY-MM-DD`, or `YYYY-MM` when only the month is known; `source` is the outlet.
    """

    MULTILINE: ClassVar[frozenset[str]] = frozenset({"text"})

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
class Entity(Sanitised):
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
class Relation(Sanitised):
    """Why article `article` is related to another one: shared entities and passages."""

    article: str
    score: float
    shared_entities: list[str]
    shared_passages: list[SharedPassage]


@dataclass(frozen=True, slots=True)
class MentionRef(Sanitised):
    """A mention located in the corpus, with the sentence around it, for cross-references."""

    MULTILINE: ClassVar[frozenset[str]] = frozenset({"context"})

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
class Hit(Sanitised):
    """One article matching a search query."""

    #: a snippet is a `Snippet` (a `str` carrying its match spans): kept as it is when clean
    MULTILINE: ClassVar[frozenset[str]] = frozenset({"snippet"})

    article: str
    title: str
    score: float
    snippet: str
    matches: list[Match]


@dataclass(slots=True)
class SearchResult(Sanitised):
    """The answer to a query: hits in score order and an optional spelling suggestion."""

    query: str
    total: int
    hits: list[Hit]
    suggestion: str | None = None
    #: False when the matching articles were not counted (`total` is then only the number of
    #: hits: a caller that does not show the total need not pay for counting).
    total_exact: bool = True


#: Records built from already-sanitised text (offsets, labels, ids, slices of an article's
#: text), by the hundred thousand: not `Sanitised`; their strings are sanitised on output.
DERIVED: tuple[type, ...] = (RawMention, Mention, SharedPassage, Match)
