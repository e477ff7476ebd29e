"""Speech cues on tokens: a speech verb (simple or compound tense, inverted subject included),
`selon` / `d’après`, and "ont été les premiers mots de".

`match_cue(tokens, k)` says whether a cue starts at token `k` and what it is, written as in
the text without adverbs ("a-t-il ajouté", "avait déclaré", "selon").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from reader.domain.quotes.lexicon import (
    ADVERBS,
    AMBIGUOUS_FORMS,
    AUXILIARIES,
    INCISE_FORMS,
    SPEECH_FORMS,
    split_words,
)
from reader.domain.quotes.tokens import Token

_INVERTED = re.compile(r"^(.*?)(?:-t)?-(il|elle|ils|elles|on)$")
_DETERMINERS = frozenset(
    split_words(
        "le la les l' un une des du de d' sa son ses leur leurs cette ce ces notre votre nos vos"
    )
)
_PARTICIPLE = re.compile(r"(?:é|ée|és|ées|u|ue|us|i|is)$")
_SAYING_INFINITIVES = frozenset(["entendre", "savoir", "valoir", "remarquer", "observer"])
_WORDS_NOUNS = frozenset(split_words("mots paroles propos"))


@dataclass(frozen=True, slots=True)
class Cue:
    """A cue spanning tokens `[first, last)`; `pronoun` is an inverted subject (`a-t-il`)."""

    first: int
    last: int
    text: str
    kind: str  # "verb", "selon" or "words"
    pronoun: str | None = None
    infinitive: bool = False


def _split_inverted(low: str) -> tuple[str, str | None]:
    m = _INVERTED.match(low)
    if m and m.group(1):
        return m.group(1), m.group(2)
    return low, None


def _form(low: str) -> bool:
    return low in SPEECH_FORMS or low.replace("'", "’") in SPEECH_FORMS


#: adverbial phrases that sit between an auxiliary and its participle ("a de son côté appelé")
_ADVERB_PHRASES = tuple(
    tuple(phrase.split())
    for phrase in (
        "de son côté",
        "de leur côté",
        "pour sa part",
        "pour leur part",
        "quant à lui",
        "quant à elle",
        "à son tour",
        "une nouvelle fois",
        "à nouveau",
        "lui aussi",
        "elle aussi",
        "par ailleurs",
        "en outre",
        "d' ailleurs",
        "pour l' heure",
        "à plusieurs reprises",
    )
)


def _skip_adverbs(tokens: list[Token], k: int, limit: int = 3) -> int:
    n = 0
    while k < len(tokens) and n < limit and tokens[k].kind == "w":
        if tokens[k].low in ADVERBS:
            k += 1
            n += 1
            continue
        for phrase in _ADVERB_PHRASES:
            if tuple(t.low for t in tokens[k : k + len(phrase)]) == phrase:
                k += len(phrase)
                n += 1
                break
        else:
            break
    return k


def match_cue(tokens: list[Token], k: int, *, after_quote: bool = False) -> Cue | None:
    """The cue starting at token `k`, or None. `after_quote`: the token follows a quotation
    (an incise), where a bare form that is also a noun still counts."""
    tok = tokens[k]
    if tok.kind != "w":
        return None
    low = tok.low
    if low in ("selon", "d'après"):
        return Cue(k, k + 1, tok.text, "selon")
    # "s'est exclamé", "s’était défendu", "s'emporte", "se félicite"
    if low in ("s'", "se") and k + 1 < len(tokens):
        glue = "" if tok.text[-1] in "'’" else " "
        nxt = tokens[k + 1]
        if nxt.low in ("est", "sont", "était", "étaient"):
            j = _skip_adverbs(tokens, k + 2)
            if j < len(tokens) and _form(tokens[j].low):
                text = f"{tok.text}{glue}{nxt.text} {tokens[j].text}"
                return Cue(k, j + 1, text, "verb")
            return None
        base, pronoun = _split_inverted(nxt.low)
        if _form(base) and not base.endswith(("é", "ée", "és", "ées")):
            return Cue(k, k + 2, f"{tok.text}{glue}{nxt.text}", "verb", pronoun)
        return None
    base, pronoun = _split_inverted(low)
    if base in AUXILIARIES or low in AUXILIARIES:
        j = _skip_adverbs(tokens, k + 1)
        if j < len(tokens) and tokens[j].kind == "w":
            part = tokens[j].low
            if _form(part) and (_PARTICIPLE.search(part) or part in ("dit", "écrit")):
                return Cue(k, j + 1, f"{tok.text} {tokens[j].text}", "verb", pronoun)
            saying = j + 1 < len(tokens) and tokens[j + 1].low in _SAYING_INFINITIVES
            if part in ("laissé", "fait") and saying:  # "a laissé entendre"
                text = f"{tok.text} {tokens[j].text} {tokens[j + 1].text}"
                return Cue(k, j + 2, text, "verb", pronoun)
            words = _words_cue(tokens, k, j)
            if words is not None:
                return words
        return None
    after = tokens[k + 1] if k + 1 < len(tokens) else None
    if (
        base in ("laisse", "laissent", "fait", "font")
        and after
        and after.low in _SAYING_INFINITIVES
    ):
        return Cue(k, k + 2, f"{tok.text} {after.text}", "verb", pronoun)  # "fait savoir"
    reading = low == "lit-on" or (low == "peut-on" and after is not None and after.low == "lire")
    if reading:  # "« … », peut-on lire dans le communiqué du ministère"
        last = k + 1 if low == "lit-on" else k + 2
        return Cue(k, last, " ".join(t.text for t in tokens[k:last]), "selon")
    if not _form(base) and not (after_quote and base in INCISE_FORMS):
        return None
    if tok.text[0].isupper() and k > 0:
        return None  # a name ("Twitter"), not a verb
    prev = tokens[k - 1] if k else None
    clause_after = after is not None and after.low in ("que", "qu'", ":")
    clitic = prev is not None and prev.low in ("le", "la", "les", "l'") and clause_after
    if prev is not None and prev.kind == "w" and prev.low in _DETERMINERS and not clitic:
        return None  # a noun: "la menace", "une note" (but "X le répète :")
    if prev is not None and prev.kind == "w" and prev.low in AUXILIARIES:
        return None  # the participle of a compound form matched from its auxiliary
    if base.endswith(("é", "ée", "és", "ées")):
        return None  # a bare participle: "le texte, signé ..." is not a cue
    subject_before = prev is not None and prev.low in ("il", "elle", "ils", "elles", "on", "qui")
    if base in AMBIGUOUS_FORMS and not (after_quote or pronoun or subject_before or clause_after):
        return None
    infinitive = base.endswith(("er", "ir", "re")) and not pronoun
    return Cue(k, k + 1, tok.text, "verb", pronoun, infinitive)


def _words_cue(tokens: list[Token], aux: int, j: int) -> Cue | None:
    """ "ont été les premiers mots (du président)": the cue ends before `de`/`du`."""
    if j >= len(tokens) or tokens[j].low != "été":
        return None
    i = j + 1
    if i < len(tokens) and tokens[i].low in ("les", "ses", "leurs", "ces"):
        i += 1
    while i < len(tokens) and i < j + 4 and tokens[i].low not in _WORDS_NOUNS:
        i += 1
    if i < len(tokens) and tokens[i].low in _WORDS_NOUNS:
        text = " ".join(t.text for t in tokens[aux : i + 1])
        return Cue(aux, i + 1, text, "words")
    return None
