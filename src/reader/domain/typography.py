"""French typography for line wrapping: the spaces that must never become line breaks.

French sets a space before `»`, `:`, `;`, `!`, `?` (and `›`) and after `«` (and `‹`). Whatever
the text uses there — a plain space, a no-break space, a narrow no-break space — a line must
never break at it: a line never starts with a `»` or a `:` that belongs to the previous word,
nor ends with an opening `«`. A no-break space between two words (`10 000 euros`) is not a
break point either, whatever follows it.

Every wrapper in the reader (the article view's own wrapper, and Rich/Textual's, which break at
any Unicode whitespace including U+00A0) works on a *wrap key*: a copy of the text of the same
length in which those spaces are replaced by a non-space filler, so no wrapper sees them as
break points. The break offsets found on the key are offsets of the original, and the original
characters are what is displayed.
"""

from __future__ import annotations

import re

NO_BREAK_BEFORE = "»:;!?›"
NO_BREAK_AFTER = "«‹"
# A non-whitespace character one terminal cell wide (as wide as the spaces it replaces).
FILLER = "_"

# No-break spaces (no-break, narrow no-break, figure space): `10 000`, `M. Dupont`, `p. 3`.
NO_BREAK_SPACES = "\u00a0\u202f\u2007"
# A run of horizontal whitespace between a word and the punctuation it carries, or between an
# opening guillemet and the word it opens; and any no-break space between two words. Newlines
# are real breaks and never protected.
_PROTECTED = re.compile(
    rf"(?<=\S)[^\S\n\r]+(?=[{re.escape(NO_BREAK_BEFORE)}])"
    rf"|(?<=[{re.escape(NO_BREAK_AFTER)}])[^\S\n\r]+(?=\S)"
    rf"|(?<=\S)[{NO_BREAK_SPACES}]+(?=\S)"
)
_QUICK = re.compile(rf"[{re.escape(NO_BREAK_BEFORE + NO_BREAK_AFTER)}{NO_BREAK_SPACES}]")


def protected_spaces(text: str) -> list[tuple[int, int]]:
    """`(start, end)` of each run of spaces in `text` that must not be a line break."""
    if not _QUICK.search(text):
        return []
    return [m.span() for m in _PROTECTED.finditer(text)]


def wrap_key(text: str, filler: str = FILLER) -> str:
    """`text` with every protected space replaced by `filler` (same length, same offsets).

    Wrap the key with any whitespace-breaking wrapper; apply its offsets to `text`.
    """
    spans = protected_spaces(text)
    if not spans:
        return text
    parts: list[str] = []
    pos = 0
    for start, end in spans:
        parts.append(text[pos:start])
        parts.append(filler * (end - start))
        pos = end
    parts.append(text[pos:])
    return "".join(parts)


def can_break_at(text: str, pos: int, key: str | None = None) -> bool:
    """May a line end just before `pos` and the next one start at `pos`?

    Used when a word (or a word glued to its punctuation) is longer than the line and has to be
    cut: the cut must not fall on or next to a protected space. `key` is `wrap_key(text)` when
    the caller already has it.
    """
    if pos <= 0 or pos >= len(text):
        return True
    key = wrap_key(text) if key is None else key
    return not (
        (key[pos] == FILLER and text[pos] != FILLER)
        or (key[pos - 1] == FILLER and text[pos - 1] != FILLER)
    )


def fold_point(text: str, start: int, end: int, key: str | None = None) -> int:
    """Where to cut a too-long run `text[start:]` that must end by `end`: `end`, moved back
    (never to `start`) so that the cut does not land on a protected space."""
    key = wrap_key(text) if key is None else key
    cut = end
    while cut - start > 1 and not can_break_at(text, cut, key):
        cut -= 1
    return cut if cut - start >= 1 else end
