"""Quoted stretches of a text and the speech test of the guidelines.

A stretch is what stands between a pair of marks (« … », “ … ”, " … ") inside one paragraph;
guillemets nest (the outer pair wins), single quotes (‘ … ’) never open a stretch. The speech
test tells a quotation from a quoted term or name: a conjugated verb, or at least four words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from reader.domain.quotes.lexicon import fold_word, split_words

_SPACE = " \t\n\r\u00a0\u202f\u2009\u2007"
_MARK = re.compile('[«»“”"]')


@dataclass(frozen=True, slots=True)
class Stretch:
    """The marks at `open_at` and `close_at` (offsets of the mark characters) and the trimmed
    text between them (`start`, `end`)."""

    open_at: int
    close_at: int
    start: int
    end: int


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in _SPACE:
        start += 1
    while end > start and text[end - 1] in _SPACE:
        end -= 1
    return start, end


def find_stretches(text: str, start: int, end: int) -> list[Stretch]:
    """Every quoted stretch of `text[start:end]` (one paragraph), in order; unbalanced marks
    are ignored."""
    found: list[Stretch] = []
    depth = 0
    opened = -1
    curly = -1
    straight = -1
    for m in _MARK.finditer(text, start, end):
        i = m.start()
        c = m.group()
        if c == "«":
            if depth == 0:
                opened = i
            depth += 1
        elif c == "»":
            if depth == 1:
                found.append(_stretch(text, opened, i))
            depth = max(0, depth - 1)
        elif depth:
            continue
        elif c == "“":
            curly = i
        elif c == "”" and curly >= 0:
            found.append(_stretch(text, curly, i))
            curly = -1
        elif c == '"':
            if straight < 0:
                straight = i
            else:
                found.append(_stretch(text, straight, i))
                straight = -1
    found.sort(key=lambda s: s.open_at)
    # a “…” or "…" pair inside « … » (or the reverse) is nested: keep the outer one
    kept: list[Stretch] = []
    for s in found:
        if kept and s.open_at < kept[-1].close_at:
            continue
        kept.append(s)
    return [s for s in kept if s.end > s.start]


def _stretch(text: str, open_at: int, close_at: int) -> Stretch:
    s, e = _trim(text, open_at + 1, close_at)
    return Stretch(open_at, close_at, s, e)


_PRONOUN_SUBJECT = frozenset(split_words("je j' tu il elle on nous vous ils elles c' ç'"))
_FINITE = frozenset(
    split_words("""est sont suis es sommes êtes était étaient sera seront serait seraient fut
        furent soit
    soient ai as avons avez ont avait avaient aura auront aurait auraient eut va vont vais
    allons allez fait font faisait peut peuvent pouvait pourra pourrait pourraient doit
    doivent devait devra devrait devraient faut fallait faudra faudrait veut veulent voulait
    voudrait sait savent savait voit voient vient viennent venait reste restent existe
    existent semble semblent suffit compte comptent tient tiennent dit disent croit croient
    pense pensent sais veux peux dois vois crois""")
)
_NOT_VERBS = frozenset(
    split_words("""portrait trait lait souhait attrait extrait retrait bienfait forfait méfait
        parfait
    imparfait fait-divers surfait abstrait distrait""")
)
_FINITE_ENDING = re.compile(
    r"(?:aient|erait|eraient|irait|iraient|rait|raient|erons|eront|erez|irons|iront|issons"
    r"|issez|issent)$"
)
_WORD = re.compile(r"[\w’'-]+")


def has_conjugated_verb(words: list[str]) -> bool:
    """A rough test for a conjugated verb in a few words: a subject pronoun, a common finite
    form, or a finite ending (imperfect, conditional, future)."""
    for raw in words:
        w = fold_word(raw)
        for part in re.split(r"(?<=')", w):
            if not part:
                continue
            if part in _PRONOUN_SUBJECT or part.rstrip("'") + "'" in _PRONOUN_SUBJECT:
                return True
            bare = part.removeprefix("n'").removeprefix("s'").removeprefix("l'")
            if bare in _FINITE:
                return True
            if bare in _NOT_VERBS:
                continue
            if len(bare) > 4 and (_FINITE_ENDING.search(bare) or bare.endswith("ait")):
                return True
    return False


_TITLE_NOUNS = frozenset(
    split_words(
        """exposition livre roman film ouvrage essai album chanson spectacle pièce série
        émission documentaire recueil loi projet opération plan programme dispositif campagne
        label festival journal magazine rubrique chronique intitulé intitulée intitulés
        intitulées baptisé baptisée baptisés baptisées nommé nommée dénommé dénommée surnommé
        surnommée titre slogan hashtag mot-dièse thème devise nom"""
    )
)
_CHARGES = frozenset(
    split_words(
        """enquête examen condamné condamnée condamnés poursuivi poursuivie poursuivis inculpé
        inculpée jugé jugée jugés accusé accusée judiciaire plainte instruction chef chefs"""
    )
)


def names_a_thing(text: str, before: str) -> bool:
    """A verbless stretch that names something rather than quoting someone: after a noun for
    a work, a law or a plan (`l’exposition « … »`, `la loi « … »`), or a charge (`une enquête
    pour « … » et « … »`)."""
    words = [re.sub(r"^[a-z]+'", "", fold_word(w)) for w in _WORD.findall(before)][-12:]
    if not words or has_conjugated_verb(text.split()):
        return False
    if words[-1] in _TITLE_NOUNS:
        return True
    return words[-1] in ("pour", "de", "d'", "et") and any(w in _CHARGES for w in words[:-1])


def passes_speech_test(text: str) -> bool:
    """The guidelines' rule 1/2: a conjugated verb, or at least four words (split on spaces);
    names and titles (every word capitalised) are not quotations."""
    words = text.split()
    if not words:
        return False
    alpha = [w for w in _WORD.findall(text) if any(c.isalpha() for c in w)]
    if not alpha:
        return False
    if len(words) >= 4:
        alpha = [re.sub(r"^(?i:[dl]['’])(?=[A-ZÀ-Ý])", "", w) for w in alpha]  # "d'El"
        capitalised = sum(1 for w in alpha if w[0].isupper())
        small = sum(1 for w in alpha if not w[0].isupper() and fold_word(w) in _SMALL_WORDS)
        if capitalised + small == len(alpha) and capitalised >= len(alpha) / 2:
            return has_conjugated_verb(alpha)
        return True
    return has_conjugated_verb(alpha)


_SMALL_WORDS = frozenset(split_words("de du des la le les l' d' et à of the and"))
