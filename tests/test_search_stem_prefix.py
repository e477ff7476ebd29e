"""Snippet matching stems only the words that may stem to a query word
(`stem_filter.could_stem_to`): the shortcut must never drop a match."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from reader.domain.search import analysis, stem_filter
from reader.domain.search.analysis import analyse_word, find_words, iter_terms
from reader.domain.search.snippets import find_matches
from reader.domain.search.stem_filter import STEM_TAIL, could_stem_to, stem_prefix

SEEDS = Path(__file__).resolve().parent.parent / "seeds"

#: One or more words for each suffix the French Snowball stemmer replaces (not only deletes).
REWRITTEN = [
    "évidemment",
    "récemment",
    "sciemment",
    "couramment",
    "puissamment",
    "publication",
    "publicité",
    "vindicatif",
    "indicatrice",
    "prédications",
    "différence",
    "présidence",
    "chevaux",
    "nationaux",
    "heureuse",
    "sérieuses",
    "nombreux",
    "envoyer",
    "essayer",
    "employé",
    "rossiya",
    "probabilité",
    "stabilité",
    "logique",
    "biologie",
    "révolution",
    "conclusion",
    "ouvrière",
    "premier",
    "fermière",
    "généralement",
    "personnellement",
    "heureusement",
    "anneaux",
    "châteaux",
    "œuvre",
    "naïveté",
    "Noël",
]


def _seed_words() -> set[str]:
    words: set[str] = set()
    for path in sorted(SEEDS.glob("*.txt")):
        words.update(find_words(path.read_text(encoding="utf-8")))
    return words


def _cold() -> None:
    """Forget the analysed words (`could_stem_to` answers True at once for a known word)."""
    analysis._WORD_CACHE.clear()
    stem_filter._FOLDED.clear()


def test_a_word_starts_with_the_prefix_of_its_stem() -> None:
    words = _seed_words() | set(REWRITTEN)
    assert len(words) > 1000
    for word in sorted(words):
        if len(word) > analysis.MAX_WORD_CHARS:
            continue
        _cold()
        _cut, folded, stem = analyse_word(word)
        if not folded:
            continue
        assert stem, word  # a word that folds to something has a stem
        shared = 0
        while shared < min(len(folded), len(stem)) and folded[shared] == stem[shared]:
            shared += 1
        assert len(stem) - shared < STEM_TAIL, (word, stem)
        _cold()
        assert could_stem_to(word, (stem_prefix(stem),)), (word, stem)


def test_other_words_are_left_out() -> None:
    _cold()
    assert not could_stem_to("Kremlin", (stem_prefix("president"),))
    assert could_stem_to("Présidence", (stem_prefix("president"),))


def _reference(text: str, terms: set[str], phrases: list[tuple[str, ...]]) -> list[tuple[int, int]]:
    tokens = list(iter_terms(text))
    spans = {(s, e) for w, s, e in tokens if w in terms}
    for phrase in phrases:
        n = len(phrase)
        for i in range(len(tokens) - n + 1):
            if all(tokens[i + k][0] == phrase[k] for k in range(n)):
                spans.add((tokens[i][1], tokens[i + n - 1][2]))
    out: list[tuple[int, int]] = []
    for s, e in sorted(spans, key=lambda se: (se[0], -se[1])):
        if out and e <= out[-1][1]:
            continue
        out.append((s, e))
    return out


@pytest.mark.parametrize("seed", range(12))
def test_cold_find_matches_same_as_analysing_every_word(seed: int) -> None:
    rng = random.Random(seed)
    paths = sorted(SEEDS.glob("*.txt"))
    text = paths[seed % len(paths)].read_text(encoding="utf-8")
    text += "\n" + " ".join(rng.sample(REWRITTEN, 10))
    stems = sorted({t for t, _, _ in iter_terms(text)})
    terms = set(rng.sample(stems, 3)) | {analyse_word(rng.choice(REWRITTEN))[2]}
    runs = [t for t, _, _ in iter_terms(text)]
    phrases = []
    for _ in range(3):
        i = rng.randrange(len(runs) - 3)
        phrases.append(tuple(runs[i : i + rng.randint(1, 3)]))
    _cold()
    got = find_matches(text, "text", terms, phrases)
    assert [(m.start, m.end) for m in got] == _reference(text, terms, phrases)
    assert got
