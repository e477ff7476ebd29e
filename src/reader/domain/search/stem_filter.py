"""Which words of a text may stem to a query word, decided without stemming them.

Match offsets (`snippets.find_matches`) need the stem of every word of a hit's text, and
stemming is the costly part of the analysis: a fresh process (the command line) stemmed ~900
words per query for its 10 snippets. A word's stem is its folded form with at most a few
trailing characters rewritten (`STEM_TAIL`), so a word whose folded form does not start with a
query stem's `stem_prefix` cannot match and is not stemmed.
"""

from __future__ import annotations

from collections.abc import Iterable

from reader.domain.search.analysis import (
    _WORD_CACHE,
    _WORD_CACHE_MAX,
    MAX_WORD_CHARS,
    _split_elisions,
    analyse_word,
    fold_token,
)

#: At most this many trailing characters of a word's stem are not the word's own (folded)
#: characters: the French Snowball stemmer only deletes suffixes or replaces one by a short
#: string (``emment`` → ``ent``, ``ic`` → ``iqu``: 2 characters, the most; 132,560 words of
#: spaCy's French vocabulary checked), and never touches the first letter. So a word whose
#: stem is T starts with ``stem_prefix(T)`` (one more character of margin).
STEM_TAIL = 3


def stem_prefix(stem: str) -> str:
    """What every folded word with stem `stem` starts with (see `STEM_TAIL`)."""
    return stem[: max(1, len(stem) - STEM_TAIL)] if stem else ""


#: word → its folded form after elisions (`could_stem_to`); cleared when full, like
#: `_WORD_CACHE`.
_FOLDED: dict[str, str] = {}


def could_stem_to(word: str, prefixes: tuple[str, ...]) -> bool:
    """False only when the stem of `word` (a `_WORD_RE` word) is certainly not one whose
    `stem_prefix` is in `prefixes`, decided without stemming it (stemming is the costly part
    of `analyse_word`). True also for a word that is not indexed at all."""
    folded = _FOLDED.get(word)
    if folded is None:
        folded = fold_token(word[_split_elisions(word) :])
        if len(_FOLDED) >= _WORD_CACHE_MAX:
            _FOLDED.clear()
        _FOLDED[word] = folded
    return not folded or folded.startswith(prefixes)


def stems_for(words: Iterable[str], prefixes: tuple[str, ...], other: str) -> dict[str, str]:
    """`term_map(words, stem=True)` without its empty terms, except that a word that cannot
    stem to a query word (`could_stem_to`) and was never stemmed gets `other` instead of its
    stem: the same answer to "is this word a query word?" at a fraction of the cost."""
    out: dict[str, str] = {}
    cache = _WORD_CACHE  # the analysed words (a stem already known costs nothing)
    for w in words:
        if len(w) > MAX_WORD_CHARS:
            continue
        got = cache.get(w)
        if got is None and not could_stem_to(w, prefixes):
            out[w] = other  # folds to something, so it has a stem (`STEM_TAIL`)
            continue
        term = (got or analyse_word(w))[2]
        if term:
            out[w] = term
    return out
