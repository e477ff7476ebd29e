"""Benchmark corpora: `synthetic_corpus.make_corpus` with varied names, written as `.txt` files.

`make_corpus` re-generates the seeds' sentences, so every article speaks of the same handful of
people. Here each article gets its own cast: the seeds' people are replaced by names drawn (with a
Zipf-like bias, so that some people recur across many articles and most across few) from a pool
of generated French names, and a few places are varied the same way. Everything is seeded:
the same `(n, seed)` gives the same files, byte for byte.

`GAZETTEER` lists every name the corpus can contain; `GazetteerExtractor` is a stand-in for the
spaCy extractor that finds exactly those names. It is used only when the suite is told to skip
spaCy for the largest sizes, and the table says so.
"""

from __future__ import annotations

import random
import re
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

_HERE = Path(__file__).resolve().parent
if str(_HERE) not in sys.path:  # synthetic_corpus.py is a script next to this module
    sys.path.insert(0, str(_HERE))

from synthetic_corpus import make_corpus  # noqa: E402


def _words(text: str) -> list[str]:
    return text.split()


FIRST = _words(
    "Jean Marie Pierre Anne Michel Nathalie Philippe Isabelle Alain Sylvie Nicolas Catherine "
    "Laurent Sophie Olivier Valérie Thierry Christine Stéphane Céline Éric Hélène Julien Aurélie "
    "François Élodie Benoît Camille Sébastien Léa Gérard Chloé Hervé Manon Yves Inès Didier Zoé"
)
LAST = _words(
    "Martin Bernard Dubois Thomas Robert Richard Petit Durand Leroy Moreau Simon Laurent Lefèbvre "
    "Michel Garcia David Bertrand Roux Vincent Fournier Morel Girard André Mercier Dupont Lambert "
    "Bonnet François Martinez Legrand Garnier Faure Rousseau Blanc Guérin Muller Henry Roussel "
    "Nicolas Perrin Morin Mathieu Clément Gauthier Dumont Lopez Fontaine Chevalier Robin Masson "
    "Sanchez Gérard Nguyen Boyer Denis Lemaire Duval Joly Gautier Roger Roche Roy Noël Meyer "
    "Lucas Meunier Jean Perez Marchand Dufour Blanchard Marie Barbier Brun Dumas Brunet Schmitt"
)
PLACES = _words(
    "Lyon Marseille Bordeaux Lille Toulouse Nantes Strasbourg Rennes Grenoble Montpellier Nice "
    "Bruxelles Genève Varsovie Berlin Madrid Rome Vienne Prague Kiev Minsk Tbilissi Ankara Oslo"
)
ORGS = ("l'OTAN", "l'ONU", "l'Union européenne", "le Conseil de l'Europe", "l'OSCE", "le G7")

#: Seed people replaced per article: (full-name pattern, surname pattern).
_SEED_PEOPLE = (
    (r"Joe Biden", r"Biden"),
    (r"Vladimir Poutine", r"Poutine"),
    (r"Jen Psaki", r"Psaki"),
    (r"Dmitri Peskov", r"Peskov"),
    (r"Iouri Ouchakov", r"Ouchakov"),
    (r"Jake Sullivan", r"Sullivan"),
    (r"Volodymyr Zelensky", r"Zelensky"),
    (r"Antony Blinken", r"Blinken"),
)
_SEED_PLACES = ("Genève", "Kiev", "Minsk", "Varsovie")
_WORD = r"(?<![\w’'-]){}(?![\w-])"


def _people_pool(seed: int) -> list[tuple[str, str]]:
    rng = random.Random(seed ^ 0x5EED)
    pool = [(f, s) for f in FIRST for s in LAST]
    rng.shuffle(pool)
    return pool[:1500]


def _zipf_pick(rng: random.Random, pool: Sequence[Any], s: float = 1.1) -> Any:
    """An element of `pool`, the first ones far more often (a crude Zipf draw)."""
    n = len(pool)
    u = rng.random()
    k = int(n ** (u**s)) - 1
    return pool[max(0, min(n - 1, k))]


def vary_names(texts: dict[str, str], seed: int = 0) -> dict[str, str]:
    """Give each article its own cast of people and places (deterministic in `seed`).

    Every seed name (full name, surname, first name, place) is replaced in one pass of one
    pattern; the replacements are drawn first, in a fixed order, from the article's own RNG."""
    pool = _people_pool(seed)
    names = [full for full, _ in _SEED_PEOPLE] + [last for _, last in _SEED_PEOPLE]
    names += [full.split()[0] for full, _ in _SEED_PEOPLE] + list(_SEED_PLACES)
    one_pass = re.compile(_WORD.format("(?:" + "|".join(names) + ")"))
    out: dict[str, str] = {}
    for i, (aid, text) in enumerate(texts.items()):
        rng = random.Random(seed * 1_000_003 + i)
        cast: dict[str, str] = {}
        for full, last in _SEED_PEOPLE:
            first_new, last_new = _zipf_pick(rng, pool)
            cast[full] = f"{first_new} {last_new}"
            cast[last] = last_new
            cast[full.split()[0]] = first_new
        for place in _SEED_PLACES:
            cast[place] = rng.choice(PLACES)
        text = one_pass.sub(lambda m: cast[m.group(0)], text)  # noqa: B023 (used at once)
        if rng.random() < 0.5:
            text += (
                f"\n\nLa réunion se tiendra à {rng.choice(PLACES)} sous l'égide de "
                f"{rng.choice(ORGS)}."
            )
        out[aid] = text
    return out


def bench_corpus(n: int, seed: int = 0) -> dict[str, str]:
    """`n` synthetic French articles (id → text, ~530 words each) with varied names."""
    return vary_names(make_corpus(n, seed), seed)


def write_corpus(texts: dict[str, str], folder: Path, seed: int = 0) -> list[Path]:
    """Write each article as `<id>.txt` (a ` date YYYY-MM` line, a title line, the text)."""
    folder.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    paths: list[Path] = []
    for aid, text in texts.items():
        first = text.split(". ", 1)[0]
        title = " ".join(first.split()[:12]).rstrip(",;:")
        month = f"20{rng.randint(19, 24)}-{rng.randint(1, 12):02d}"
        path = folder / f"{aid}.txt"
        path.write_text(f" date {month}\n# {title}\n\n{text}\n", encoding="utf-8")
        paths.append(path)
    return paths


def gazetteer() -> list[tuple[str, str]]:
    """Every (name, label) the bench corpora can contain, longest first."""
    names: dict[str, str] = {}
    for f in FIRST:
        for s in LAST:
            names[f"{f} {s}"] = "PER"
    for s in LAST:
        names.setdefault(s, "PER")
    for full, last in _SEED_PEOPLE:
        names[full] = "PER"
        names[last] = "PER"
    for p in (*PLACES, "Ukraine", "Russie", "Moscou", "Washington", "États-Unis", "Europe"):
        names[p] = "LOC"
    for o in (
        "OTAN",
        "ONU",
        "Union européenne",
        "Conseil de l'Europe",
        "OSCE",
        "G7",
        "Kremlin",
        "Maison Blanche",
    ):
        names[o] = "ORG"
    return sorted(names.items(), key=lambda kv: -len(kv[0]))


class GazetteerExtractor:
    """A spaCy-free stand-in for `reader.domain.entities.ner.Extractor`: finds the names of
    `gazetteer()` (same interface). Only for timing the non-NER parts of a build at sizes where
    running spaCy does not fit in the suite's budget; never reported as NER."""

    def __init__(self, model: str = "") -> None:
        names = gazetteer()
        self._labels = dict(names)
        alternation = "|".join(re.escape(n) for n, _ in names)
        self._re = re.compile(_WORD.format(f"(?:{alternation})"))

    def extract(
        self, articles: Sequence[Any], batch_size: int = 32, n_process: int = 1
    ) -> list[list[Any]]:
        """Raw mentions (title, then text) of each article."""
        from reader.domain.model import RawMention

        out: list[list[Any]] = []
        for art in articles:
            ms: list[Any] = []
            for field, value in (("title", art.title), ("text", art.text)):
                if field == "title" and art.title_derived:
                    continue
                for m in self._re.finditer(value):
                    ms.append(
                        RawMention(
                            field,
                            m.start(),
                            m.end(),
                            m.group(),
                            self._labels.get(m.group(), "MISC"),
                        )
                    )
            out.append(ms)
        return out
