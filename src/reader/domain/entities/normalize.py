"""Offset-preserving typographic normalisation of text handed to the NER model.

The model sees a copy of each paragraph in which curly apostrophes, exotic spaces and glued
words are made regular; every character of the copy maps back to an index of the original, so
spans found on the copy are spans of the source text.
"""

from __future__ import annotations

import importlib.util
import re
import runpy
from collections.abc import Collection, Iterator
from dataclasses import dataclass
from pathlib import Path

from reader.domain.textnorm import ends_with_mark

# same-length substitutions
_CHARS = str.maketrans(
    {
        "\u2019": "'",  # ’
        "\u2018": "'",  # ‘
        "\u02bc": "'",  # ʼ
        "\u00b4": "'",  # ´
        "\u201c": '"',  # “
        "\u201d": '"',  # ”
        "\u00a0": " ",  # no-break space
        "\u202f": " ",  # narrow no-break space
        "\u2007": " ",
        "\u2009": " ",  # thin space
        "\u200a": " ",
        "\u2002": " ",
        "\u2003": " ",
        "\t": " ",
        "\u2011": "-",  # non-breaking hyphen
        "\u2010": "-",
    }
)

_LOWER = "a-zàâäçéèêëîïôöùûüÿœæ"
_UPPER = "A-ZÀÂÄÇÉÈÊËÎÏÔÖÙÛÜŸŒÆ"
# `3Joe`, `6Le`: a digit glued to a capitalised word; `originalesLe`: a long lowercase word
# glued to a capitalised one (a lost line break). CamelCase names (`WhatsApp`, `McCain`,
# `LeBron`) start with a capital or have a short lowercase run and are left alone.
_GLUE = re.compile(rf"(?:\d|[{_LOWER}]{{5}})(?=[{_UPPER}][{_LOWER}'’])")


def _load_spacy_stop_words() -> frozenset[str]:
    """spaCy's French stop words, read from their data file without importing spaCy (importing
    `spacy.lang.fr` costs seconds: it builds the tokenizer exceptions)."""
    spec = importlib.util.find_spec("spacy")  # locates the package without importing it
    if spec is None or spec.origin is None:
        return frozenset()
    path = Path(spec.origin).parent / "lang" / "fr" / "stop_words.py"
    words = runpy.run_path(str(path)).get("STOP_WORDS", ())
    return frozenset(str(w) for w in words)


STOP_WORDS: frozenset[str] = _load_spacy_stop_words()


@dataclass(frozen=True, slots=True)
class Normalized:
    """A normalised copy of a string and, for each of its characters, the source index."""

    text: str
    index: tuple[int, ...]
    source_len: int

    def to_source(self, start: int, end: int) -> tuple[int, int]:
        """Map a `[start, end)` span of the copy back to the source string."""
        if end <= start:
            s = self.index[start] if start < len(self.index) else self.source_len
            return s, s
        return self.index[start], self.index[end - 1] + 1


def _glue_points(text: str) -> list[int]:
    points = []
    for m in _GLUE.finditer(text):
        i = m.end()
        # the glued lowercase run must start a word (`originalesLe`), digits always qualify
        if text[i - 1].isdigit():
            points.append(i)
            continue
        j = i
        while j > 0 and text[j - 1].isalpha() and text[j - 1].islower():
            j -= 1
        if j == 0 or not text[j - 1].isalpha():
            points.append(i)
    return points


#: a word, an apostrophe, a letter: `d'Ivoire` (an elision) or `Faa'a`, `O'Brien` (a name)
_APOSTROPHE_IN_WORD = re.compile(r"(?<![^\W\d_])([^\W\d_]+)'(?=[^\W\d_])")
#: French elisions: the apostrophe after them separates two words
ELISIONS = frozenset(
    [
        "l",
        "d",
        "qu",
        "n",
        "s",
        "j",
        "m",
        "t",
        "c",
        "jusqu",
        "lorsqu",
        "puisqu",
        "quoiqu",
        "presqu",
        "quelqu",
        "entr",
    ]
)


#: French words written with an apostrophe (`aujourd'hui`, `prud'homme`): not names
_WORDS_WITH_APOSTROPHE = frozenset(["aujourd", "prud", "grand", "main", "quelqu", "presqu"])


def _name_apostrophes(subst: str) -> str:
    """`Faa'a`, `Teahupo'o`, `O'Brien`, `Hawai'i` → `Faa-a`, …: an apostrophe inside a
    capitalised word that is not a French elision is made a hyphen (same length), so that the
    model reads one name, as it does `Saint-Denis`; `l'`, `d'`, `qu'`… stay."""
    if "'" not in subst:
        return subst
    chars: list[str] | None = None
    for m in _APOSTROPHE_IN_WORD.finditer(subst):
        left = m.group(1)
        right = subst[m.end() : m.end() + 1]
        if (
            left.lower() in ELISIONS
            or left.lower() in _WORDS_WITH_APOSTROPHE
            or not (left[0].isupper() or right.isupper())
        ):
            continue
        if chars is None:
            chars = list(subst)
        chars[m.end(1)] = "-"
    return subst if chars is None else "".join(chars)


def normalize(text: str) -> Normalized:
    """Normalise `text` for the model: `’` → `'`, odd spaces → space, an apostrophe inside a
    name → hyphen (`Faa'a`), a space inserted where a word is glued to a digit or to a lost
    line break (`3Joe Biden`)."""
    subst = _name_apostrophes(text.translate(_CHARS))
    points = _glue_points(subst)
    if not points:
        return Normalized(subst, tuple(range(len(text))), len(text))
    out: list[str] = []
    index: list[int] = []
    prev = 0
    for p in points:
        out.append(subst[prev:p])
        index.extend(range(prev, p))
        out.append(" ")
        index.append(p)  # the inserted space maps onto the following character
        prev = p
    out.append(subst[prev:])
    index.extend(range(prev, len(text)))
    return Normalized("".join(out), tuple(index), len(text))


_WORD = re.compile(rf"[{_UPPER}{_LOWER}]+(?:[-'’][{_UPPER}{_LOWER}]+)*")


def is_title_case(line: str) -> bool:
    """True for a headline in Title Case: most words after the first start with a capital,
    function words included (`Le Kremlin Dit Que Le Président…`)."""
    words = [w for w in _WORD.findall(line) if len(w) > 1]
    if len(words) < 4:
        return False
    rest = words[1:]
    caps = [w for w in rest if w[0].isupper()]
    if all(w.isupper() for w in words):
        return False
    fn_caps = [w for w in rest if w.casefold() in STOP_WORDS and w[0].isupper()]
    return len(caps) >= 0.8 * len(rest) and len(fn_caps) >= 1


def sentence_case(line: str, names: Collection[str]) -> str:
    """A same-length copy of a Title Case line where every capitalised word after the first is
    lowercased unless it is in `names` (words seen capitalised mid-sentence in the article's
    own text, see `capitalised_vocabulary`)."""
    chars = list(line)
    first = True
    for m in _WORD.finditer(line):
        w = m.group()
        if first:
            first = False
            continue
        if not w[0].isupper() or (w.isupper() and len(w) > 1) or w in names:
            continue
        low = w.lower()
        if len(low) == len(w):
            chars[m.start() : m.end()] = list(low)
    return "".join(chars)


#: a capitalised word after one of these (and spaces) may be capitalised for the sentence
_SENTENCE_MARKS = '.!?:;…«»"\n([–—-'


def capitalised_vocabulary(text: str) -> set[str]:
    """Words that occur capitalised in `text` somewhere other than at a sentence start and
    never occur in lowercase: the names of the text, by evidence."""
    caps: set[str] = set()
    lows: set[str] = set()
    for m in _WORD.finditer(text):
        w = m.group()
        if w[0].islower():
            lows.add(w)
            continue
        if not ends_with_mark(text[max(0, m.start() - 3) : m.start()], _SENTENCE_MARKS):
            caps.add(w)
    return {w for w in caps if w.lower() not in lows}


class LazyCapitalised(Collection[str]):
    """`capitalised_vocabulary(text)`, computed on the first question only (most articles
    never ask: it is needed for a few line-initial words)."""

    def __init__(self, text: str) -> None:
        self._text = text
        self._words: set[str] | None = None

    def _get(self) -> set[str]:
        if self._words is None:
            self._words = capitalised_vocabulary(self._text)
        return self._words

    def __contains__(self, word: object) -> bool:
        return word in self._get()

    def __iter__(self) -> Iterator[str]:
        return iter(self._get())

    def __len__(self) -> int:
        return len(self._get())


def lowercase_vocabulary(text: str) -> set[str]:
    """The words (and hyphen/apostrophe parts) that occur in lowercase in `text`."""
    out = {w for w in _WORD.findall(text) if w[0].islower()}
    for w in [w for w in out if "-" in w or "'" in w or "’" in w]:
        out.update(_WORD_PARTS.split(w))
    return out


_WORD_PARTS = re.compile(r"[-'’]")
