"""Match offsets and snippets, computed by re-tokenising an article's text (pure functions).

`find_matches` runs the index's own analysis (`analysis.iter_terms`) over the text, so a match
is every token whose analysed form is a query term (or every run of tokens that is a query
phrase), with offsets into the exact string given. `make_snippet` cuts a plain-text window
around the densest cluster of matches and returns the match spans relative to that snippet.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence

from reader.domain.model import Field, Match
from reader.domain.search.analysis import iter_terms

#: Characters of article text shown in a snippet (before the ellipses are added).
SNIPPET_CHARS = 240
#: Characters of context kept before the first match of a snippet.
SNIPPET_LEAD = 60
ELLIPSIS = "…"


def find_matches(
    text: str,
    field: Field,
    terms: Collection[str],
    phrases: Sequence[Sequence[str]] = (),
) -> list[Match]:
    """Every occurrence in `text` of an analysed term in `terms` and of every phrase in
    `phrases` (a phrase gives one match from its first word's start to its last word's end).
    Matches come back sorted, without duplicates or spans nested inside another."""
    if not text or (not terms and not phrases):
        return []
    tokens = list(iter_terms(text))
    spans: set[tuple[int, int]] = set()
    if terms:
        spans.update((s, e) for w, s, e in tokens if w in terms)
    for phrase in phrases:
        n = len(phrase)
        if n == 0:
            continue
        first = phrase[0]
        for i, (w, s, _e) in enumerate(tokens):
            if (
                w == first
                and i + n <= len(tokens)
                and all(tokens[i + k][0] == phrase[k] for k in range(1, n))
            ):
                spans.add((s, tokens[i + n - 1][2]))
    ordered = sorted(spans, key=lambda se: (se[0], -se[1]))
    out: list[Match] = []
    for s, e in ordered:
        if out and e <= out[-1].end:
            continue  # nested in the previous (longer) span
        out.append(Match(s, e, field))
    return out


def _best_anchor(matches: Sequence[Match], width: int) -> int:
    """Index of the match that starts the window holding the most matches."""
    best, best_count, j = 0, 0, 0
    for i, m in enumerate(matches):
        j = max(j, i)
        while j < len(matches) and matches[j].end <= m.start + width:
            j += 1
        if j - i > best_count:
            best, best_count = i, j - i
    return best


def make_snippet(
    text: str, matches: Sequence[Match], width: int = SNIPPET_CHARS
) -> tuple[str, list[tuple[int, int]]]:
    """A one-line plain-text excerpt of `text` around the densest cluster of `matches`, and the
    `(start, end)` spans of the matches it contains, relative to the returned string.

    Whitespace runs become one space; ``…`` marks text cut at either end. Without matches, the
    start of the text is returned."""
    if not text:
        return "", []
    if matches:
        anchor = matches[_best_anchor(matches, width - SNIPPET_LEAD)]
        start = max(0, anchor.start - SNIPPET_LEAD)
        # Do not start in the middle of a word.
        if start > 0:
            space = text.rfind(" ", max(0, start - 20), start)
            start = space + 1 if space >= 0 else start
    else:
        start = 0
    end = min(len(text), start + width)
    if end < len(text):
        space = text.rfind(" ", max(start, end - 20), end)
        if space > start:
            end = space
    # Build the collapsed string with a map from text offsets to snippet offsets.
    out: list[str] = []
    where: dict[int, int] = {}
    prefix = ELLIPSIS if start > 0 else ""
    pos = len(prefix)
    prev_space = True
    for i in range(start, end):
        c = text[i]
        where[i] = pos
        if c.isspace():
            if prev_space:
                continue
            out.append(" ")
            prev_space = True
        else:
            out.append(c)
            prev_space = False
        pos += 1
    where[end] = pos
    body = "".join(out)
    stripped = body.rstrip()
    suffix = ELLIPSIS if end < len(text) else ""
    snippet = prefix + stripped + suffix
    spans: list[tuple[int, int]] = []
    limit = len(prefix) + len(stripped)
    for m in matches:
        if m.field != "text" or m.start < start or m.end > end:
            continue
        s, e = where[m.start], min(where[m.end], limit)
        if e > s:
            spans.append((s, e))
    return snippet, spans
