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
