"""Text folding shared by entity linking, alias lookup and search (pure functions)."""

from __future__ import annotations

import unicodedata

_APOSTROPHES = str.maketrans({"\u2019": "'", "\u02bc": "'", "\u2018": "'", "`": "'"})
_DASHES = str.maketrans({"\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-"})


def strip_accents(text: str) -> str:
    """Remove combining accents (`Genève` → `Geneve`), keeping other characters."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def fold_key(text: str) -> str:
    """A matching key: case-, accent-, apostrophe- and hyphen-insensitive, spaces collapsed.

    `Maison-Blanche`, `maison blanche` and `MAISON BLANCHE` share one key.
    """
    text = text.translate(_APOSTROPHES).translate(_DASHES)
    text = strip_accents(text).casefold().replace("-", " ")
    return " ".join(text.split())


def ends_with_mark(text: str, marks: str, trailing: str = "") -> bool:
    """Whether `text` is empty or ends with one of `marks`, once whitespace and the characters
    of `trailing` are ignored at its end (`"fin. « "` ends with `.`); one backward scan, where
    the regular expression `(?:^|[marks])[\\s trailing]*$` was quadratic when searched."""
    i = len(text)
    while i and (text[i - 1].isspace() or text[i - 1] in trailing):
        if text[i - 1] in marks:
            return True
        i -= 1
    return i == 0 or text[i - 1] in marks


def levenshtein(a: str, b: str) -> int:
    """Edit distance (insertions, deletions, substitutions)."""
    if len(a) < len(b):
        a, b = b, a
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1]
