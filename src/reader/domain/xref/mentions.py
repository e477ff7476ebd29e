"""Every mention of an entity across the corpus, in reading order, with its sentence."""

from __future__ import annotations

import re
import sys
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable, Mapping, Sequence

from reader.domain.model import Article, Mention, MentionRef
from reader.domain.xref._text import sentence_spans

#: Target length of a context line, in characters (the mention is kept whole).
CONTEXT_CHARS = 160
ELLIPSIS = "…"

_FIELD_ORDER = {"title": 0, "text": 1}
_SPACES = re.compile(r"\s+")
_MAX = sys.maxsize


def entity_mentions(
    entity_id: str,
    articles: Iterable[Article],
    mentions: Mapping[str, Sequence[Mention]],
) -> list[MentionRef]:
    """Mentions of `entity_id` in `articles` (given in reading order), title first then by offset.

    Each `MentionRef.context` is the sentence holding the mention on one line, trimmed to about
    `CONTEXT_CHARS` characters around the mention with `…` where it was cut.
    """
    by_id = {article.id: article for article in articles}
    return entity_mentions_in(entity_id, list(by_id), by_id.__getitem__, mentions)


def entity_mentions_in(
    entity_id: str,
    order: Iterable[str],
    article: Callable[[str], Article],
    mentions: Mapping[str, Sequence[Mention]],
    contexts: int | None = None,
    limit: int | None = None,
) -> list[MentionRef]:
    """`entity_mentions` over article ids in reading order, each article read with `article`
    only when one of its mentions needs a context: with `contexts`, only the first that many
    mentions get one (the others an empty `context`), which keeps a corpus-wide entity cheap
    when only its first mentions are shown. With `limit`, the articles after the one that
    brings the count to `limit` are not looked at (the last article's mentions are all kept)."""
    refs: list[MentionRef] = []
    for article_id in order:
        if limit is not None and len(refs) >= limit:
            break
        own = [m for m in mentions.get(article_id, ()) if m.entity == entity_id]
        if not own:
            continue
        own.sort(key=lambda m: (_FIELD_ORDER.get(m.field, 2), m.start, m.end))
        if contexts is not None and len(refs) >= contexts:
            refs.extend(MentionRef(article_id, m.field, m.start, m.end, m.text, "") for m in own)
            continue
        doc = article(article_id)
        sentences = {"title": sentence_spans(doc.title), "text": sentence_spans(doc.text)}
        for m in own:
            source = doc.title if m.field == "title" else doc.text
            with_context = contexts is None or len(refs) < contexts
            refs.append(
                MentionRef(
                    article=article_id,
                    field=m.field,
                    start=m.start,
                    end=m.end,
                    text=m.text,
                    context=context_line(source, m.start, m.end, sentences[m.field])
                    if with_context
                    else "",
                )
            )
    return refs


def _sentence_around(
    spans: Sequence[tuple[int, int]], start: int, end: int, length: int
) -> tuple[int, int]:
    """The first sentence (of sorted, disjoint `spans`) holding `start` or, failing that,
    `end`, widened to the mention; found by bisection (a 1 MB file of one-word lines has
    100,000 sentences, and scanning them for each mention took minutes)."""
    i = bisect_right(spans, (start, _MAX)) - 1  # the last sentence starting at or before start
    if i >= 0 and spans[i][0] <= start < spans[i][1]:
        s, e = spans[i]
        return min(s, start), max(e, end)
    j = bisect_left(spans, (end, -1)) - 1  # the last sentence starting before end
    if j >= 0 and spans[j][0] < end <= spans[j][1]:
        s, e = spans[j]
        return min(s, start), max(e, end)
    return max(0, start), min(length, end)


def context_line(
    text: str,
    start: int,
    end: int,
    spans: Sequence[tuple[int, int]] | None = None,
    width: int = CONTEXT_CHARS,
) -> str:
    """The sentence of `text` holding `text[start:end]`, on one line, trimmed to ~`width` chars.

    `spans` are the sentence spans of `text` (computed when not given). Cuts fall on word
    boundaries and are marked with `…`; the mention itself is never cut.
    """
    if spans is None:
        spans = sentence_spans(text)
    s, e = _sentence_around(spans, start, end, len(text))
    if e - s > width:
        budget = max(0, width - (end - start))
        left = budget // 2
        right = budget - left
        # Give the unused budget of a short side to the other side.
        if start - s < left:
            right += left - (start - s)
            left = start - s
        elif e - end < right:
            left += right - (e - end)
            right = e - end
        ws, we = start - left, end + right
        if ws > s:
            # Move forward to a word start.
            while ws < start and not text[ws - 1].isspace():
                ws += 1
        if we < e:
            while we > end and not text[we].isspace():
                we -= 1
        body = text[ws:we].strip()
        line = (ELLIPSIS if ws > s else "") + body + (ELLIPSIS if we < e else "")
    else:
        line = text[s:e]
    return _SPACES.sub(" ", line).strip()
