"""The story's timeline: articles by date and time, and what first appears in each.

Dates come as the cleaning and metadata steps give them: `YYYY-MM-DD`, `YYYY-MM` when only the
month is known, possibly `YYYY` or a time (`2021-12-07T18:05`, `2021-12-07 18:05:30`).

**Order across precisions.** A less precise date sorts *before* every more precise date it
contains: `2021-12` < `2021-12-01` < `2021-12-07` < `2021-12-07T09:00` < `2021-12-08` < `2022`.
It is the order of ISO 8601 strings compared as text, which is also the order of the source
list, so both views agree. Articles with the same date keep the corpus reading order (headline,
then id). Articles without a date — or with a date that cannot be read — come after all dated
ones, marked undated, in reading order. A time zone, when a date has one, is not converted (the
time is the one the outlet gave).

**First appearances.** Walking the timeline top to bottom, an entity is *new* in the first
article that mentions it; a quotation is new in the first article that carries it (grouped
with its reprints and excerpts by the quotes step). Undated articles come last, so they are
credited only with what no dated article holds.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

_DATE_RE = re.compile(
    r"^\s*(\d{4})(?:-(\d{1,2})(?:-(\d{1,2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2}))?)?)?)?"
)

DateKey = tuple[int, int, int, int, int, int]


def date_key(date: str | None) -> DateKey | None:
    """A sort key for `date` (missing parts as -1, so a less precise date comes first), or None
    when there is no date or it cannot be read."""
    if not date:
        return None
    m = _DATE_RE.match(date)
    if m is None:
        return None
    parts = [int(g) if g is not None else -1 for g in m.groups()]
    year, month, day, hour, minute, second = parts
    if not (1 <= month <= 12 or month == -1) or not (1 <= day <= 31 or day == -1):
        return None
    if hour > 23 or minute > 59 or second > 59:
        return None
    return (year, month, day, hour, minute, second)


def date_label(date: str | None) -> str | None:
    """`date` as the timeline shows it, to its own precision: `2021`, `2021-12`, `2021-12-07`,
    `2021-12-07 18:05` (seconds and time zones left out); None when it cannot be read."""
    key = date_key(date)
    if key is None:
        return None
    year, month, day, hour, minute, _ = key
    out = f"{year:04d}"
    if month >= 0:
        out += f"-{month:02d}"
    if day >= 0:
        out += f"-{day:02d}"
    if hour >= 0:
        out += f" {hour:02d}:{minute:02d}"
    return out


@dataclass(frozen=True, slots=True)
class StoryItem:
    """What the timeline needs of one article (in the corpus reading order)."""

    article_id: str
    date: str | None
    entities: Sequence[str] = ()  # entity ids, in the order the article should list them
    quotes: Sequence[str] = ()  # quotation group ids carried by the article, in order


@dataclass(frozen=True, slots=True)
class TimelineEntry:
    """One article on the timeline, with what first appears in it."""

    article_id: str
    date: str | None
    dated: bool
    new_entities: list[str] = field(default_factory=list)
    new_quotes: list[str] = field(default_factory=list)


def timeline_order(items: Sequence[StoryItem]) -> list[int]:
    """Indexes of `items` in timeline order: dated by `date_key` (ties in the given order),
    then undated ones in the given order."""
    keys = [date_key(item.date) for item in items]
    dated = sorted((i for i, k in enumerate(keys) if k is not None), key=lambda i: (keys[i], i))
    undated = [i for i, k in enumerate(keys) if k is None]
    return dated + undated


def build_timeline(items: Iterable[StoryItem]) -> list[TimelineEntry]:
    """The timeline of `items` (given in the corpus reading order): one entry per article, in
    date order, each with the entities and quotation groups not seen in an earlier entry."""
    listed = list(items)
    seen_entities: set[str] = set()
    seen_quotes: set[str] = set()
    out: list[TimelineEntry] = []
    for index in timeline_order(listed):
        item = listed[index]
        new_entities = [e for e in dict.fromkeys(item.entities) if e not in seen_entities]
        new_quotes = [q for q in dict.fromkeys(item.quotes) if q not in seen_quotes]
        seen_entities.update(new_entities)
        seen_quotes.update(new_quotes)
        out.append(
            TimelineEntry(
                item.article_id,
                item.date,
                date_key(item.date) is not None,
                new_entities,
                new_quotes,
            )
        )
    return out
