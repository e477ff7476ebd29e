"""French text analysis for the Whoosh index.

The tokenizer works on the ORIGINAL text, so every token's ``startchar``/``endchar`` are offsets
into the string that was indexed (an article's ``text`` or ``title``); that is what search
``matches`` are built from. Each token is then folded (NFKC, zero-width characters dropped, case
folded, accents removed, ``œ``/``æ`` expanded) and stemmed with Whoosh's French Snowball stemmer,
which maps singular and plural to one stem (``ligne``/``lignes`` → ``lign``).

Elided articles and pronouns (``l’``, ``d’``, ``qu’``, ``jusqu’``, ``lorsqu’``, ``n’``, ``s’``,
``c’``, ``j’``, ``m’``, ``t’`` …, with ``’`` or ``'``) are split off and dropped without taking a
position, so ``près de l’Ukraine`` and ``près de Ukraine`` are the same phrase; the word after the
apostrophe keeps its own offsets. Decomposed accents (``e`` + U+0301) and zero-width characters
inside a word do not split it.

PICKLE STABILITY: Whoosh pickles the schema, including the analyzer objects, into the index's
TOC file. The classes below are referenced by their import path
``reader.domain.search.analysis.<ClassName>``: do not rename or move them, and keep their
attribute names compatible (or bump ``SCHEMA_VERSION`` in ``index.py``, which forces a rebuild —
but an old index must still unpickle for the version check to be reached, so keep the classes).
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Iterator
from functools import lru_cache
from typing import Any

from whoosh.analysis import Filter, StopFilter, Token, Tokenizer
from whoosh.analysis.analyzers import CompositeAnalyzer
from whoosh.formats import Frequency, Positions
from whoosh.lang import stemmer_for_language
from whoosh.system import pack_uint

__all__ = [
    "ELISIONS",
    "EntityTokenizer",
    "FrenchFoldFilter",
    "FrenchFrequency",
    "FrenchPositions",
    "FrenchStemFilter",
    "FrenchTokenizer",
    "analyse_word",
    "entity_analyzer",
    "entity_term",
    "find_words",
    "fold_token",
    "french_analyzer",
    "iter_terms",
    "word_spans",
]

#: Elided words split off the front of a token (compared after folding, apostrophe excluded).
ELISIONS: frozenset[str] = frozenset(
    {
        "l",
        "d",
        "qu",
        "jusqu",
        "lorsqu",
        "puisqu",
        "quoiqu",
        "presqu",
        "quelqu",
        "n",
        "s",
        "c",
        "j",
        "m",
        "t",
    }
)

_APOS = "'\u2019\u02bc\u2018\uff07"
_LETTER = r"[^\W_]"
# Combining marks and invisible characters that may sit inside a word without splitting it.
_INNER = (
    "[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f"
    "\u200b-\u200d\u2060\ufeff\u00ad]"
)
# A letter, then letters and inner marks, then any number of apostrophe + letters/marks groups
# (``aujourd’hui``). Written with runs and possessive quantifiers: the same words as
# ``L(?:L|I)*(?:'(?:L|I)+)*`` at twice the speed (no per-character branch, no backtracking).
_WORD_RE = re.compile(
    f"{_LETTER}(?:{_LETTER}++|{_INNER}++)*+(?:[{_APOS}](?:{_LETTER}++|{_INNER}++)++)*+"
)
_APOS_RE = re.compile(f"[{_APOS}]")
_INVISIBLE_RE = re.compile("[\u200b-\u200d\u2060\ufeff\u00ad]")
_LIGATURES = str.maketrans({"œ": "oe", "æ": "ae"})
_WILDCARDS = frozenset("*?")
#: Longer "words" (base64, URLs glued together, binary junk) are not indexed at all.
MAX_WORD_CHARS = 120


@lru_cache(maxsize=65536)
def fold_token(text: str) -> str:
    """Fold one word: NFKC, no zero-width characters, case folded, accents and apostrophes
    removed, ``œ`` → ``oe`` (``GENÈVE`` → ``geneve``, ``aujourd’hui`` → ``aujourdhui``)."""
    text = unicodedata.normalize("NFKC", text)
    text = _INVISIBLE_RE.sub("", text).casefold().translate(_LIGATURES)
    decomposed = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in decomposed if not unicodedata.combining(c))
    return _APOS_RE.sub("", text)


@lru_cache(maxsize=65536)
def _split_elisions(word: str) -> int:
    """Return how many leading characters of `word` are elided articles to drop (``l’``…)."""
    if not _APOS_RE.search(word):
        return 0
    cut = 0
    while True:
        m = _APOS_RE.search(word, cut)
        if m is None:
            return cut
        if fold_token(word[cut : m.start()]) not in ELISIONS or m.end() >= len(word):
            return cut
        cut = m.end()


class FrenchTokenizer(Tokenizer):  # type: ignore[misc]
    """Words of the original text with their offsets; elided articles split off and dropped.

    Token texts are the original surface (not folded); `FrenchFoldFilter` folds them.
    """

    def __eq__(self, other: object) -> bool:
        return other.__class__ is self.__class__

    def __hash__(self) -> int:
        return hash(self.__class__.__name__)

    def __call__(
        self,
        value: str,
        positions: bool = False,
        chars: bool = False,
        keeporiginal: bool = False,
        removestops: bool = True,
        start_pos: int = 0,
        start_char: int = 0,
        tokenize: bool = True,
        mode: str = "",
        **kwargs: Any,
    ) -> Iterator[Token]:
        t = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        if not tokenize:
            # Whole value as one token (prefix / wildcard query text): only drop an elision.
            cut = _split_elisions(value)
            t.original = t.text = value[cut:]
            t.boost = 1.0
            t.stopped = False
            if positions:
                t.pos = start_pos
            if chars:
                t.startchar = start_char + cut
                t.endchar = start_char + len(value)
            yield t
            return
        pos = start_pos
        for match in _WORD_RE.finditer(value):
            start = match.start()
            word = match.group(0)
            if len(word) > MAX_WORD_CHARS:
                pos += 1
                continue
            cut = _split_elisions(word)
            t.text = word[cut:]
            if keeporiginal:
                t.original = t.text
            t.boost = 1.0
            t.stopped = False
            if positions:
                t.pos = pos
            if chars:
                t.startchar = start_char + start + cut
                t.endchar = start_char + match.end()
            pos += 1
            yield t


class FrenchFoldFilter(Filter):  # type: ignore[misc]
    """Fold each token with `fold_token`; tokens that fold to nothing are dropped."""

    def __eq__(self, other: object) -> bool:
        return other.__class__ is self.__class__

    def __hash__(self) -> int:
        return hash(self.__class__.__name__)

    def __call__(self, tokens: Iterable[Token]) -> Iterator[Token]:
        for t in tokens:
            t.text = fold_token(t.text)
            if t.text:
                yield t


@lru_cache(maxsize=100_000)
def _stem(word: str) -> str:
    return str(_french_stemmer()(word))


@lru_cache(maxsize=1)
def _french_stemmer() -> Any:
    return stemmer_for_language("fr")


def stem_token(folded: str) -> str:
    """Stem a folded word with the French Snowball stemmer; wildcard patterns are kept as is."""
    if not folded or _WILDCARDS.intersection(folded) or folded.isdigit():
        return folded
    return _stem(folded)


class FrenchStemFilter(Filter):  # type: ignore[misc]
    """French Snowball stemming of folded tokens (``lignes`` → ``lign``); a morph filter, so
    ``no_morph=True`` skips it."""

    is_morph = True

    def __eq__(self, other: object) -> bool:
        return other.__class__ is self.__class__

    def __hash__(self) -> int:
        return hash(self.__class__.__name__)

    def __call__(self, tokens: Iterable[Token]) -> Iterator[Token]:
        for t in tokens:
            if not t.stopped:
                t.text = stem_token(t.text)
            yield t


#: word (a `_WORD_RE` match) → (elided characters cut off its front, folded, stemmed); a plain
#: dict (cleared when full) is several times cheaper per lookup than `lru_cache`.
_WORD_CACHE: dict[str, tuple[int, str, str]] = {}
_WORD_CACHE_MAX = 400_000


def analyse_word(word: str) -> tuple[int, str, str]:
    """`(cut, folded, stemmed)` of one `_WORD_RE` word: how many leading characters are elided
    articles (``l’``…), then the rest folded (`fold_token`) and stemmed (`stem_token`)."""
    got = _WORD_CACHE.get(word)
    if got is None:
        cut = _split_elisions(word)
        folded = fold_token(word[cut:])
        got = (cut, folded, stem_token(folded))
        if len(_WORD_CACHE) >= _WORD_CACHE_MAX:
            _WORD_CACHE.clear()
        _WORD_CACHE[word] = got
    return got


def word_spans(text: str) -> list[tuple[int, int]]:
    """`(start, end)` of every `_WORD_RE` word of `text` (long junk words included)."""
    return [m.span() for m in _WORD_RE.finditer(text)]


def find_words(text: str) -> list[str]:
    """Every `_WORD_RE` word of `text`, in order (C speed: no match objects)."""
    return _WORD_RE.findall(text)  # type: ignore[no-any-return]


def iter_terms(text: str, stem: bool = True) -> Iterator[tuple[str, int, int]]:
    """`(term, start, end)` for each word of `text`: the same terms and offsets as
    `french_analyzer(stem)` without stop words, computed faster (for match offsets)."""
    for match in _WORD_RE.finditer(text):
        if match.end() - match.start() > MAX_WORD_CHARS:
            continue
        cut, folded, stemmed = analyse_word(match.group(0))
        term = stemmed if stem else folded
        if term:
            yield term, match.start() + cut, match.end()


def french_analyzer(stem: bool = True, stoplist: Iterable[str] | None = None) -> CompositeAnalyzer:
    """The index's French analyzer: `FrenchTokenizer` | `FrenchFoldFilter` [| stop words]
    [| `FrenchStemFilter`]. Stop words are off by default (they would break phrase queries
    written with them); when given, they are folded and removed without renumbering positions."""
    parts: list[Any] = [FrenchTokenizer(), FrenchFoldFilter()]
    if stoplist is not None:
        parts.append(
            StopFilter(stoplist=[fold_token(w) for w in stoplist], minsize=1, renumber=False)
        )
    if stem:
        parts.append(FrenchStemFilter())
    return CompositeAnalyzer(*parts)


# -- entity field -------------------------------------------------------------------------------


def entity_term(name: str) -> str:
    """The `entity` field term for an entity id or alias: `textnorm.fold_key` with spaces as
    ``_`` (``Dmitri Peskov``, ``dmitri-peskov`` and ``DMITRI PESKOV`` → ``dmitri_peskov``)."""
    from reader.domain.textnorm import fold_key

    key = fold_key(unicodedata.normalize("NFKC", _INVISIBLE_RE.sub("", name)))
    key = key.replace("'", " ").replace('"', " ")
    return "_".join(key.split())


class EntityTokenizer(Tokenizer):  # type: ignore[misc]
    """One token per line of the value, each mapped through `entity_term`.

    At index time the value is the article's entity ids and the names it uses, one a line; at query
    time (``entity:Peskov``, ``entity:"Dmitri Peskov"``) the whole query text is one entry.
    """

    def __eq__(self, other: object) -> bool:
        return other.__class__ is self.__class__

    def __hash__(self) -> int:
        return hash(self.__class__.__name__)

    def __call__(
        self,
        value: str,
        positions: bool = False,
        chars: bool = False,
        keeporiginal: bool = False,
        removestops: bool = True,
        start_pos: int = 0,
        start_char: int = 0,
        tokenize: bool = True,
        mode: str = "",
        **kwargs: Any,
    ) -> Iterator[Token]:
        t = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        offset = 0
        pos = start_pos
        for line in value.split("\n"):
            term = entity_term(line) if not _WILDCARDS.intersection(line) else line.casefold()
            if term:
                t.text = term
                if keeporiginal:
                    t.original = line
                t.boost = 1.0
                t.stopped = False
                if positions:
                    t.pos = pos
                if chars:
                    t.startchar = start_char + offset
                    t.endchar = start_char + offset + len(line)
                pos += 1
                yield t
            offset += len(line) + 1


def entity_analyzer() -> CompositeAnalyzer:
    """The `entity` field's analyzer (`EntityTokenizer` alone)."""
    return CompositeAnalyzer(EntityTokenizer())


# -- index-time formats ---------------------------------------------------------------------------
#
# Whoosh indexes a field by running its analyzer (a chain of generators handing one `Token`
# object along per word) and then counting in `Format.word_values`. The two formats below
# compute the very same terms, positions and frequencies as `french_analyzer()` (stemmed) and
# `french_analyzer(stem=False)` straight from the word list of `_WORD_RE.findall`, analysing
# each distinct word once (`analyse_word`): no per-word Python objects. The field keeps its
# analyzer, which Whoosh still uses for queries.

_RECENT_WORDS: dict[str, list[str]] = {}


def _words_of(text: str) -> list[str]:
    """`_WORD_RE.findall(text)`, remembered for the last few texts (a body is indexed in its
    field and again, unstemmed, in the spelling field)."""
    got = _RECENT_WORDS.get(text)
    if got is None:
        got = _WORD_RE.findall(text)
        if len(_RECENT_WORDS) >= 8:
            _RECENT_WORDS.clear()
        _RECENT_WORDS[text] = got
    return got


def term_map(words: Iterable[str], stem: bool) -> dict[str, str]:
    """Each distinct word → its term ("" when it is not indexed: too long, folds to nothing)."""
    out: dict[str, str] = {}
    for w in set(words):
        if len(w) > MAX_WORD_CHARS:
            out[w] = ""
        else:
            _, folded, stemmed = analyse_word(w)
            out[w] = stemmed if stem else folded
    return out


class FrenchPositions(Positions):  # type: ignore[misc]
    """`Positions` of the stemmed French analysis, computed without the analyzer chain: a
    word's position is its index among the text's words (long or empty ones included, as
    `FrenchTokenizer` numbers them). Any value other than one string goes to `Positions`."""

    def word_values(self, value: Any, analyzer: Any, **kwargs: Any) -> Any:
        if not isinstance(value, str):
            return super().word_values(value, analyzer, **kwargs)
        words = _words_of(value)
        term = term_map(words, stem=True)
        poses: dict[str, list[int]] = {}
        for i, w in enumerate(words):
            t = term[w]
            if t:
                found = poses.get(t)
                if found is None:
                    poses[t] = [i]
                else:
                    found.append(i)
        fb = self.field_boost
        encode = self.encode
        return [(t, len(ps), float(len(ps)) * fb, encode(ps)) for t, ps in poses.items()]


class FrenchFrequency(Frequency):  # type: ignore[misc]
    """`Frequency` of the unstemmed (folded) French analysis, computed without the analyzer
    chain. The value is one string or a tuple of strings (title and body: each analysed on its
    own, the same terms as their concatenation with a line break)."""

    def word_values(self, value: Any, analyzer: Any, **kwargs: Any) -> Any:
        if isinstance(value, str):
            value = (value,)
        if not (isinstance(value, tuple) and all(isinstance(v, str) for v in value)):
            return super().word_values(value, analyzer, **kwargs)
        freqs: Counter[str] = Counter()
        for text in value:
            words = _words_of(text)
            freqs.update(map(term_map(words, stem=False).__getitem__, words))
        freqs.pop("", None)
        fb = self.field_boost
        return [(t, n, float(n) * fb, pack_uint(n)) for t, n in freqs.items()]
