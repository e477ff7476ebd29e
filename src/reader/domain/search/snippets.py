"""Match offsets and snippets, computed by re-tokenising an article's text (pure functions).

`find_matches` applies the index's own analysis (`analysis.analyse_word`, the words of
`analysis.iter_terms`) to the text, so a match is every token whose analysed form is a query
term (or every run of tokens that is a query phrase), with offsets into the exact string given.
`make_snippet` cuts a plain-text window around the densest cluster of matches and returns the
match spans relative to that snippet.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence

from reader.domain.model import Field, Match
from reader.domain.search.analysis import analyse_word, find_words
from reader.domain.search.stem_filter import stem_prefix, stems_for

#: Characters of article text shown in a snippet (before the ellipses are added).
SNIPPET_CHARS = 240
#: Characters of context kept before the first match of a snippet.
SNIPPET_LEAD = 60
ELLIPSIS = "…"
#: The term given to a word that cannot be a query word (no real term contains a NUL).
_NO_TERM = "\x00"


def find_matches(
    text: str,
    field: Field,
    terms: Collection[str],
    phrases: Sequence[Sequence[str]] = (),
) -> list[Match]:
    """Every occurrence in `text` of an analysed term in `terms` and of every phrase in
    `phrases` (a phrase gives one match from its first word's start to its last word's end).
    Matches come back sorted, without duplicates or spans nested inside another.

    Same result as matching `analysis.iter_terms(text)`, but each distinct word is analysed
    once (cached) and offsets are only looked at when some word matches."""
    if not text or (not terms and not phrases):
        return []
    words = find_words(text)
    # Only the words that may stem to a query word are stemmed (`stems_for`); the others get
    # a term that matches nothing but still counts as a word between phrase words.
    prefixes = tuple({stem_prefix(t) for t in terms} | {stem_prefix(w) for p in phrases for w in p})
    term_of = stems_for(set(words), prefixes, _NO_TERM)
    present = set(term_of.values())
    wanted = {w for w, t in term_of.items() if t in terms} if terms else set()
    live = [tuple(p) for p in phrases if p and all(word in present for word in p)]
    if not wanted and not live:
        return []
    # Where each word starts: the text between two words holds no letter, so the next word
    # is the first occurrence of its string after the previous one (cheaper than finditer).
    starts: list[int] = []
    find = text.find
    pos = 0
    for w in words:
        pos = find(w, pos)
        starts.append(pos)
        pos += len(w)
    spans: set[tuple[int, int]] = set()
    if wanted:
        for i, w in enumerate(words):
            if w in wanted:
                s = starts[i]
                spans.add((s + analyse_word(w)[0], s + len(w)))
    if live:
        kept = [i for i, w in enumerate(words) if w in term_of]
        seq = [term_of[words[i]] for i in kept]
        for phrase in live:
            n = len(phrase)
            first = phrase[0]
            for j, t in enumerate(seq):
                if (
                    t == first
                    and j + n <= len(seq)
                    and all(seq[j + k] == phrase[k] for k in range(1, n))
                ):
                    i, last = kept[j], kept[j + n - 1]
                    spans.add(
                        (starts[i] + analyse_word(words[i])[0], starts[last] + len(words[last]))
                    )
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
