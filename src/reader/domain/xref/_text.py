"""Small text helpers shared by the cross-reference modules (words, folding, sentences)."""

from __future__ import annotations

import re
from functools import lru_cache

from reader.domain.textnorm import strip_accents

#: A word: a run of letters or digits. Apostrophes, hyphens and punctuation separate words,
#: so `l’Ukraine` and `l'Ukraine` both give `l`, `Ukraine`.
WORD_RE = re.compile(r"[^\W_]+")


@lru_cache(maxsize=65536)
def fold_word(word: str) -> str:
    """Case- and accent-folded form of one word (`Genève` → `geneve`)."""
    return strip_accents(word).casefold()


def word_spans(text: str) -> list[tuple[int, int, str]]:
    """`(start, end, folded word)` for every word of `text`."""
    return [(m.start(), m.end(), fold_word(m.group())) for m in WORD_RE.finditer(text)]


# -- sentences ----------------------------------------------------------------------------------

#: Abbreviations after which a full stop does not end a sentence (folded, without the dot).
ABBREVIATIONS = frozenset(
    {
        "m", "mm", "mme", "mmes", "mlle", "mlles", "mgr", "me", "dr", "pr", "st", "ste",
        "etc", "cf", "ex", "env", "av", "apr", "vol", "art", "no", "gen", "col", "lt", "cdt",
        "p", "pp", "fig", "ed", "ibid", "vs",
    }
)  # fmt: skip

# A candidate sentence end: terminal punctuation, optional closing quotes/brackets, whitespace.
_END_RE = re.compile(r"(?<![.!?…])[.!?…]++(?:[ \u00a0\u202f]?[»”])?[\"’)\]]*+(?=\s)")
_BLANK_LINE = re.compile(r"\n[ \t]*\n\s*")
_WORD_BEFORE_RE = re.compile(r"(?<![^\W_])([^\W_]++)\.$")


def _is_break(text: str, punct_start: int, end: int) -> bool:
    """Whether the punctuation at `text[punct_start:end]` ends a sentence."""
    # What follows, after spaces and line breaks.
    j = end
    while j < len(text) and text[j].isspace():
        j += 1
    if j >= len(text):
        return True
    nxt = text[j]
    if nxt.islower() or nxt in "»”,;:)]":
        return False  # "etc. et", "… a-t-il dit", "idiot ! », a-t-il écrit"
    mark = text[punct_start:end]
    if mark.startswith(".") and not mark.startswith(".."):
        m = _WORD_BEFORE_RE.search(text, max(0, punct_start - 12), punct_start + 1)
        if m is not None and (m.start(1) == 0 or not text[m.start(1) - 1].isalnum()):
            word = m.group(1)
            if fold_word(word) in ABBREVIATIONS:
                return False  # M. Biden, Mme Merkel, etc.
            if len(word) == 1 and word.isupper():
                return False  # an initial: J. Biden, J.-C.
    return True


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """`(start, end)` of each sentence of `text`, whitespace trimmed.

    A sentence ends at `.`, `!`, `?` or `…` (with any closing quotes) followed by whitespace and
    not by a lower-case letter, except after an abbreviation (`M.`, `Mme`, `etc.`) or an
    initial; decimals (`13.000`, `2.5`) never split because no space follows the dot. A blank
    line always ends a sentence (paragraphs, headings); a single line break does not.
    """
    spans: list[tuple[int, int]] = []

    def emit(a: int, b: int) -> None:
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        if a < b:
            spans.append((a, b))

    block_start = 0
    for blank in [*_BLANK_LINE.finditer(text), None]:
        block_end = blank.start() if blank else len(text)
        start = block_start
        for m in _END_RE.finditer(text, block_start, block_end):
            if _is_break(text, m.start(), m.end()):
                emit(start, m.end())
                start = m.end()
        emit(start, block_end)
        block_start = blank.end() if blank else len(text)
    return spans
