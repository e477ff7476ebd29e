"""`]` / `[`: the next or previous mention of an entity across the corpus, without listing them all.

An entity's mentions in reading order are ordered by (the article's place in reading order,
title before text, offset). The step from a place needs only the sorted reading positions of
the articles that mention the entity (from `Entity.articles`, known without reading anything)
and the mention lists of the one or two articles it lands in: an entity named in 90,000
articles costs a bisection and a row or two, not a scan of every mention list.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable, Sequence
from typing import NamedTuple

from reader.domain.model import Mention, MentionRef

_FIELD_ORDER = {"title": 0, "text": 1}

#: (reading position of the article, 0 title / 1 text, offset): how mentions are ordered.
Key = tuple[int, int, int]


class Step(NamedTuple):
    """Where `]` / `[` lands, and whether it went past either end of the corpus to get there."""

    ref: MentionRef
    wrapped: bool


def mention_key(position: int, m: Mention) -> Key:
    """The reading-order key of mention `m` of the article at reading `position`."""
    return (position, _FIELD_ORDER.get(m.field, 2), m.start)


def own_mentions(entity_id: str, mentions: Sequence[Mention]) -> list[Mention]:
    """The mentions of `entity_id` among an article's, title first, then by offset."""
    own = [m for m in mentions if m.entity == entity_id]
    own.sort(key=lambda m: (_FIELD_ORDER.get(m.field, 2), m.start, m.end))
    return own


def step(
    entity_id: str,
    positions: Sequence[int],
    order: Sequence[str],
    mentions_of: Callable[[str], Sequence[Mention]],
    here: Key,
    delta: int,
) -> Step | None:
    """The first mention of `entity_id` after `here` (`delta` > 0) or the last one before it,
    wrapping around the corpus; None if the entity has no mention at all.

    `positions` are the sorted reading positions of the articles that mention the entity,
    `order` the article ids in reading order, `mentions_of(article_id)` an article's mentions.
    An article listed in `positions` that turns out to hold no mention of it is skipped."""
    if not positions:
        return None
    forward = delta > 0
    n = len(positions)
    # articles from the one holding `here` onwards (or backwards), then once round the corpus
    start = bisect_left(positions, here[0]) if forward else bisect_right(positions, here[0]) - 1
    for k in range(n + 1):
        i = (start + k) % n if forward else (start - k) % n
        wrapped = (start + k >= n) if forward else (start - k < 0)
        position = positions[i]
        aid = order[position]
        own = own_mentions(entity_id, mentions_of(aid))
        if not own:
            continue
        if k == 0 and position == here[0]:  # the article holding `here`: only past `here`
            keys = [mention_key(position, m) for m in own]
            if forward:
                j = bisect_right(keys, here)
                if j == len(keys):
                    continue
            else:
                j = bisect_left(keys, here) - 1
                if j < 0:
                    continue
        else:  # a later (earlier) article, or back round to the one holding `here`
            j = 0 if forward else len(own) - 1
        m = own[j]
        return Step(MentionRef(aid, m.field, m.start, m.end, m.text, ""), wrapped)
    return None
