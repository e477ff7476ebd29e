"""Who a noun phrase names as a speaker: an entity (through the article's mentions), a pronoun,
a description (definite or not), a bare name; and where that noun phrase starts and ends
around a speech verb.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass

from reader.domain.model import RawMention
from reader.domain.quotes.lexicon import (
    ADVERBS,
    DEFINITE,
    INDEFINITE,
    NP_STOPS,
    ROLE_NOUNS,
    STRESSED_PRONOUNS,
    SUBJECT_PRONOUNS,
    split_words,
)
from reader.domain.quotes.tokens import Token

_CLITICS = frozenset(split_words("ne n' lui leur l' le la les m' t' se s' y en nous vous me te"))
_LEFT_STOPS = frozenset(
    split_words("""que qu' et mais car or donc si lorsque lorsqu' quand puisque puisqu' comme
        tandis où
    dont qui""")
)
_PREPOSITIONS = frozenset(
    split_words("à au aux de du des d' pour avec contre sur chez envers entre sans vers selon")
)
_MAX_NP = 12
_COMPLEMENT_PREPOSITIONS = frozenset(
    split_words("à au aux auprès sur dans devant en lors pendant via")
)
#: titles before a name
TITLES = frozenset(split_words("m. mme mlle me dr pr mgr maître docteur professeur"))
#: pronouns standing for the last person named
DEMONSTRATIVES = frozenset(
    ["celui-ci", "celle-ci", "ce dernier", "cette dernière", "ceux-ci", "celles-ci", "ces derniers"]
)


@dataclass(frozen=True, slots=True)
class Speaker:
    """A resolved or unresolved speaker: `kind` is entity, pronoun, definite, indefinite or
    name; `span` is the `(start, end)` of the entity's mention."""

    text: str
    kind: str
    span: tuple[int, int] | None = None
    label: str | None = None
    #: where `span` is when not in the quotation's own field (a body quote's speaker named
    #: only in the headline)
    field: str | None = None

    @property
    def is_entity(self) -> bool:
        """True when the speaker is a named entity of the article."""
        return self.span is not None


class MentionIndex:
    """The raw mentions of one field, searchable by offsets."""

    def __init__(self, mentions: Sequence[RawMention]) -> None:
        self.items = sorted(mentions, key=lambda m: (m.start, m.end))
        self._starts = [m.start for m in self.items]

    def within(self, start: int, end: int) -> list[RawMention]:
        """Mentions lying inside `[start, end)`."""
        i = bisect.bisect_left(self._starts, start)
        out = []
        while i < len(self.items) and self.items[i].start < end:
            if self.items[i].end <= end:
                out.append(self.items[i])
            i += 1
        return out


def entity_speaker(m: RawMention) -> Speaker:
    """The speaker named by mention `m`."""
    return Speaker(m.text, "entity", (m.start, m.end), m.label)


def analyse(tokens: Sequence[Token], text: str, mentions: MentionIndex) -> Speaker | None:
    """What the noun phrase `tokens` names as a speaker (None: nothing usable)."""
    toks = [t for t in tokens if t.kind in ("w", "p")]
    while toks and (toks[0].kind == "p" or toks[0].low in ADVERBS):
        toks = toks[1:]
    while toks and toks[-1].kind == "p":
        toks = toks[:-1]
    if not toks:
        return None
    first = toks[0].low
    if len(toks) == 1 and (first in SUBJECT_PRONOUNS or first in STRESSED_PRONOUNS):
        return Speaker(toks[0].text, "pronoun")
    phrase = text[toks[0].start : toks[-1].end]
    if phrase.lower().replace("’", "'") in DEMONSTRATIVES:
        return Speaker(phrase, "demonstrative")
    found = mentions.within(toks[0].start, toks[-1].end)
    people = [m for m in found if m.label == "PER"]
    if people:
        return entity_speaker(people[0])
    found = [m for m in found if _heads_or_complements(toks, m)]
    words = [t.low for t in toks if t.kind == "w"]
    if not words:
        return None
    det = words[0] if words[0] in DEFINITE or words[0] in INDEFINITE else None
    if words[:2] in (["l'", "un"], ["l'", "une"]) or words[0] in ("un", "une"):
        det = "un"
    head = words[1:5] if det else words[:4]
    if det == "un" or any(w in ROLE_NOUNS for w in head):
        return Speaker(phrase, "indefinite" if det in INDEFINITE or det == "un" else "definite")
    if found:
        return entity_speaker(found[0])
    if det is not None:
        return Speaker(phrase, "definite" if det in DEFINITE else "indefinite")
    if toks[0].text[0].isupper() and len(words) <= 4:
        return Speaker(phrase, "name")
    return None


def _heads_or_complements(toks: Sequence[Token], m: RawMention) -> bool:
    """A mention that is the phrase itself or the complement of its head ("la position de la
    Maison Blanche"), not one after another preposition ("de retour après sa saison à VII")."""
    before = [t for t in toks if t.end <= m.start]
    if before and before[-1].low in DEFINITE | {"l'"}:
        before = before[:-1]
    return not before or before[-1].low in ("de", "du", "des", "d'")


def np_after(tokens: Sequence[Token], k: int, text: str, mentions: MentionIndex) -> Speaker | None:
    """The speaker named right after a postposed cue ending before token `k` ("…, a déclaré
    lundi le porte-parole du Kremlin, Dmitri Peskov")."""
    while k < len(tokens) and tokens[k].kind == "w" and tokens[k].low in ADVERBS:
        k += 1
    people = (
        {m.start for m in mentions.within(tokens[k].start, tokens[-1].end) if m.label == "PER"}
        if k < len(tokens)
        else set()
    )
    for _ in range(2):
        if k >= len(tokens) or tokens[k].low not in _COMPLEMENT_PREPOSITIONS:
            break
        # a complement before the subject: "a expliqué à l’AFP le président du groupe",
        # "a raillé sur X le député", "raconte au téléphone Mathilde Kalsakau"
        k += 1
        if k < len(tokens) and tokens[k].low in DEFINITE | INDEFINITE:
            k += 1
        while k < len(tokens) and tokens[k].kind == "w" and tokens[k].low not in DEFINITE:
            if tokens[k].low in INDEFINITE or tokens[k].low in NP_STOPS:
                break
            named = tokens[k].start in people and tokens[k].text[0].isupper()
            if named and tokens[k - 1].low not in _COMPLEMENT_PREPOSITIONS | {"l'"}:
                break
            k += 1
    if k < len(tokens) and tokens[k].low in NP_STOPS:
        return None  # "a rappelé que …": no subject after the verb
    end = k
    while end < len(tokens) and end - k < _MAX_NP:
        t = tokens[end]
        if t.kind == "q" or (t.kind == "p" and t.text not in "-"):
            break
        if t.kind == "w" and t.low in NP_STOPS and end > k:
            break
        end += 1
    # an apposition: ", Dmitri Peskov" closing the phrase
    if end + 1 < len(tokens) and tokens[end].text == ",":
        first = end + 1
        while first < len(tokens) - 1 and tokens[first].low in TITLES:
            first += 1  # "son avocate, Me Nadia Haddad"
        after = mentions.within(tokens[first].start, tokens[-1].end)
        if after and after[0].start == tokens[first].start:
            role = any(t.low in ROLE_NOUNS for t in tokens[k:end])
            if after[0].label == "PER" or role:
                return entity_speaker(after[0])
    return analyse(tokens[k:end], text, mentions)


def np_before(tokens: Sequence[Token], k: int, text: str, mentions: MentionIndex) -> Speaker | None:
    """The subject of a speech verb starting at token `k` ("Le porte-parole du Kremlin, Dmitri
    Peskov, a déclaré"; "il lui a dit")."""
    i = k - 1
    while i >= 0 and tokens[i].kind == "w" and tokens[i].low in _CLITICS:
        i -= 1
    segments: list[Sequence[Token]] = []
    for _ in range(3):
        end = i + 1
        while i >= 0:
            t = tokens[i]
            if t.kind == "q" or (t.kind == "p" and t.text not in "-"):
                break
            if t.kind == "w" and t.low in _LEFT_STOPS:
                break
            i -= 1
        if (
            i >= 0
            and tokens[i].low == "qui"
            and i + 1 == end
            and i > 0
            and tokens[i - 1].text == ","
        ):
            i -= 2  # "La France insoumise, qui jugeait …": the antecedent speaks
            continue
        segments.append(tokens[i + 1 : end])
        if i < 0 or tokens[i].text != ",":
            break
        if segments[-1] and len(segments) == 1 and not _apposition_possible(segments[-1]):
            break
        i -= 1
    if len(segments) == 3 and not segments[0]:
        # "A, B, a déclaré": B in apposition to A; a name in B, else A, the head
        named = analyse(segments[1], text, mentions)
        if named is not None and named.label == "PER" and _just_a_name(segments[1], named):
            return named
        head = analyse(segments[2], text, mentions)
        if head is not None and (head.is_entity or named is None or not named.is_entity):
            return head
        return named
    best: Speaker | None = None
    for seg in segments:
        found = analyse(seg, text, mentions)
        if found is None:
            continue
        if best is None:
            best = found
            if found.kind not in ("definite", "indefinite"):
                return found
        elif found.is_entity and found.label == "PER" and _just_a_name(seg, found):
            return found  # "le porte-parole du Kremlin" in apposition to a name
    return best


def _just_a_name(seg: Sequence[Token], speaker: Speaker) -> bool:
    """The segment ends with the speaker's name ("Le Dr Gwenola Le Nours"), it is not a clause
    that mentions someone ("Biden parlait")."""
    return bool(seg) and speaker.span is not None and seg[-1].end == speaker.span[1]


def _apposition_possible(seg: Sequence[Token]) -> bool:
    """A segment right before the verb that may be an apposition to what precedes its comma
    (a description or a name), not a whole clause."""
    return len(seg) <= 8


def after_preposition(tokens: Sequence[Token], start: int) -> bool:
    """True when the token before offset `start` is a preposition ("à la défense de M. Biden")."""
    prev = None
    for t in tokens:
        if t.start >= start:
            break
        prev = t
    return prev is not None and prev.low in _PREPOSITIONS
