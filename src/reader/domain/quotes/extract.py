"""Find an article's direct quotations and attribute each one to its speaker.

For each paragraph: the quoted stretches that pass the speech test become quotations (an
incise left inside the marks splits one in two); the paragraph is cut into sentences of tokens
where each quotation is one token; then, quotation by quotation, in this order:

1. a cue right after it (`« … », a déclaré X`, `« … » avait alors déclaré M. Biden`,
   `« … », selon le communiqué de X`, `« … », a-t-il ajouté`);
2. a cue before it in its sentence (`X a affirmé : « … »`, `selon X, « … »`,
   `X a prévenu que … « … »`), the one just before it first, else the sentence's first;
3. an incise after a later quotation of the same sentence (`« A » … « B », a déclaré X`);
4. `Pour X, « … »` at the start of the sentence;
5. the speaker of a quotation it directly continues (`(suite)`);
6. else no speaker.

A pronoun goes to the speaker of the same or a previous sentence; a definite description
("le porte-parole du Kremlin") to the name it stands beside elsewhere in the article, else to
the speaker of the previous sentences, else (a role) to the article's last named speaker.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from reader.domain.model import Article, Field, RawMention
from reader.domain.quotes.cues import Cue, match_cue
from reader.domain.quotes.lexicon import (
    AUXILIARIES,
    DEFINITE,
    DOCUMENT_NOUNS,
    INSTITUTION_NOUNS,
    NP_STOPS,
    ROLE_NOUNS,
)
from reader.domain.quotes.spans import find_stretches, names_a_thing, passes_speech_test
from reader.domain.quotes.speakers import (
    MentionIndex,
    Speaker,
    after_preposition,
    analyse,
    entity_speaker,
    np_after,
    np_before,
)
from reader.domain.quotes.tokens import Token, sentences, tokenize
from reader.domain.quotes.types import RawQuote

#: paragraphs before a quotation that attribution may look back on (pronouns, descriptions,
#: the person a description names)
CONTEXT_PARAGRAPHS = 4
_MARKS = re.compile('[«»“”"]')
_REPLY_VERBS = re.compile(r"(?:répon|répliqu|rétorqu|ripost)", re.IGNORECASE)
_INCISE = re.compile(
    r",\s+((?:a|avait)-t-(?:il|elle)\s+[\wéèêàîôûç]+|[\wéèêàîôûç]+-t-(?:il|elle|on)"
    r"|[\wéèêàîôûç]+-(?:il|elle|ils|elles))\s*,\s+",
    re.IGNORECASE,
)


@dataclass
class _Piece:
    """A quotation being attributed: the span of its token and of its text."""

    token_start: int
    token_end: int
    start: int
    end: int
    speaker: Speaker | None = None
    cue: str | None = None


@dataclass
class _Sentence:
    tokens: list[Token]
    paragraph: int
    pieces: list[int] = field(default_factory=list)  # indexes into the field's pieces
    cue_speaker: Speaker | None = None
    cue_done: bool = False


class _FieldQuotes:
    """The quotations of one field (title or text) of an article."""

    def __init__(
        self,
        text: str,
        paragraphs: Sequence[tuple[int, int]],
        mentions: Sequence[RawMention],
        lead: Sequence[RawMention] = (),
    ) -> None:
        #: the headline's mentions, for a description at the very start of the body
        self.lead = list(lead)
        self.text = text
        self.paragraphs = paragraphs
        self.mentions = MentionIndex(mentions)
        self.pieces: list[_Piece] = []
        self.sentences: list[_Sentence] = []
        self._appositions: dict[str, list[RawMention]] | None = None

    # -- finding -------------------------------------------------------------------------
    def find(self) -> None:
        """Quoted stretches that are quotations; tokens and sentences of the paragraphs that
        hold one and of the few before them (the context attribution looks back on)."""
        found: dict[int, list[tuple[int, int, int]]] = {}
        for p_index, (p_start, p_end) in enumerate(self.paragraphs):
            if not _MARKS.search(self.text, p_start, p_end):
                continue
            spans: list[tuple[int, int, int]] = []
            for st in find_stretches(self.text, p_start, p_end):
                for token_start, token_end, start, end in self._split(
                    st.open_at, st.close_at, st.start, st.end
                ):
                    quoted = self.text[start:end]
                    if not passes_speech_test(quoted):
                        continue
                    if names_a_thing(quoted, self.text[max(p_start, st.open_at - 60) : st.open_at]):
                        continue
                    spans.append((token_start, token_end, len(self.pieces)))
                    self.pieces.append(_Piece(token_start, token_end, start, end))
            if spans:
                found[p_index] = spans
        needed = sorted({n for p in found for n in range(max(0, p - CONTEXT_PARAGRAPHS), p + 1)})
        for p_index in needed:
            p_start, p_end = self.paragraphs[p_index]
            tokens = tokenize(self.text, p_start, p_end, found.get(p_index, []))
            for sent in sentences(tokens, self.text):
                s = _Sentence(sent, p_index)
                s.pieces = [t.quote for t in sent if t.kind == "q"]
                self.sentences.append(s)

    def _split(
        self, open_at: int, close_at: int, start: int, end: int
    ) -> list[tuple[int, int, int, int]]:
        """One quotation, or two when an incise was left inside the marks."""
        m = _INCISE.search(self.text, start, end)
        if m is None or not re.match(r"\w", self.text[m.end() : m.end() + 1] or " "):
            return [(open_at, close_at + 1, start, end)]
        first_end = m.start()
        second_start = m.end()
        return [
            (open_at, m.start() + 1, start, first_end),
            (second_start, close_at + 1, second_start, end),
        ]

    # -- attributing ---------------------------------------------------------------------
    def attribute(self) -> None:
        """Give every quotation its speaker and cue, in reading order."""
        for s_index, sent in enumerate(self.sentences):
            for piece_index in sent.pieces:
                self._attribute(s_index, piece_index)

    def _attribute(self, s_index: int, piece_index: int) -> None:
        sent = self.sentences[s_index]
        tokens = sent.tokens
        piece = self.pieces[piece_index]
        p = next(i for i, t in enumerate(tokens) if t.kind == "q" and t.quote == piece_index)
        found = self._after(tokens, p)
        if found is None:
            found = self._before(tokens, p)
        if found is None:
            for q in range(p + 1, len(tokens)):
                if tokens[q].kind == "q":
                    found = self._after(tokens, q)
                    if found is not None:
                        break
        if found is None:
            found = self._pour(tokens, p)
        if found is not None:
            cue, speaker = found
            piece.cue = cue.text
            piece.speaker = self._resolve(speaker, cue, s_index, p)
            if piece.speaker is None:
                piece.cue = None
            return
        previous = self._continued(s_index, p)
        if previous is not None:
            piece.speaker = previous
            piece.cue = "(suite)"

    def _after(self, tokens: list[Token], q: int) -> tuple[Cue, Speaker | None] | None:
        """A cue right after the quotation token at `q`."""
        j = q + 1
        if j < len(tokens) and tokens[j].text in (",", "–", "—"):
            j += 1
        if j >= len(tokens):
            return None
        cue = match_cue(tokens, j, after_quote=True)
        if cue is None:
            return None
        return cue, self._cue_speaker(tokens, cue, incise=True)

    def _before(self, tokens: list[Token], p: int) -> tuple[Cue, Speaker | None] | None:
        """A cue before the quotation in its sentence: the closest one if only punctuation
        or `que` separates it from the quotation, else the first with a speaker."""
        cues: list[Cue] = []
        k = 0
        while k < p:
            after_q = k > 0 and (
                tokens[k - 1].kind == "q"
                or (tokens[k - 1].text == "," and k > 1 and tokens[k - 2].kind == "q")
            )
            cue = match_cue(tokens, k, after_quote=after_q)
            if cue is not None and cue.last <= p:
                cues.append(cue)
                k = cue.last
            else:
                k += 1
        if not cues:
            return None
        last = cues[-1]
        between = tokens[last.last : p]
        close = len(between) <= 2 and all(t.kind == "p" or t.low in ("que", "qu'") for t in between)
        order = [last, *cues[:-1]] if close else cues
        fallback: tuple[Cue, Speaker | None] | None = None
        for cue in order:
            k = cue.first
            incise = k > 0 and (
                tokens[k - 1].kind == "q"
                or (tokens[k - 1].text == "," and k > 1 and tokens[k - 2].kind == "q")
            )
            speaker = self._cue_speaker(tokens, cue, incise=incise)
            if speaker is not None:
                return cue, speaker
            if fallback is None:
                fallback = (cue, None)
        return fallback

    def _pour(self, tokens: list[Token], p: int) -> tuple[Cue, Speaker | None] | None:
        """`Pour X, … « … »`: the sentence opens on whose view it gives (`Pour la procureure,
        Cécile Ferrand-Ollivier, ce dossier « … »`)."""
        if p < 3 or tokens[0].low != "pour":
            return None
        commas = [i for i in range(1, p) if tokens[i].text == ","]
        if not commas:
            return None
        speaker = analyse(tokens[1 : commas[0]], self.text, self.mentions)
        if speaker is not None and speaker.label != "PER" and len(commas) > 1:
            named = analyse(tokens[commas[0] + 1 : commas[1]], self.text, self.mentions)
            if named is not None and named.label == "PER":
                speaker = named
        if speaker is None or speaker.kind not in ("entity", "pronoun", "name", "definite"):
            return None
        if speaker.kind == "definite" and not _is_role(speaker.text):
            return None
        return Cue(0, 1, tokens[0].text, "selon"), speaker

    def _cue_speaker(self, tokens: list[Token], cue: Cue, *, incise: bool) -> Speaker | None:
        if cue.pronoun:
            return Speaker(cue.pronoun, "pronoun")
        if cue.kind == "selon":
            k = cue.last
            if cue.first != k - 1 and k < len(tokens) and tokens[k].low in ("dans", "sur"):
                k += 1  # "peut-on lire dans le communiqué de …"
            found = np_after(tokens, k, self.text, self.mentions)
            if found is not None and found.kind in ("definite", "indefinite"):
                head = _description_key(found.text).split()[:3]
                if not any(w in ROLE_NOUNS or w in DOCUMENT_NOUNS for w in head):
                    return None  # "mesurée selon l’indice harmonisé": not a source
            return found
        if cue.kind == "words":
            k = cue.last
            if k < len(tokens) and tokens[k].low in ("de", "du", "des", "d'"):
                k += 1
            return np_after(tokens, k, self.text, self.mentions)
        if incise:
            return np_after(tokens, cue.last, self.text, self.mentions)
        found = np_before(tokens, cue.first, self.text, self.mentions)
        if found is None:
            # "X a ouvert le gymnase … et réclame que …": the sentence's subject
            for m in self.mentions.within(tokens[0].start, tokens[cue.first].start):
                if m.label == "PER" and not after_preposition(tokens, m.start):
                    return entity_speaker(m)
        return found

    # -- resolving -----------------------------------------------------------------------
    def _resolve(self, speaker: Speaker | None, cue: Cue, s_index: int, p: int) -> Speaker | None:
        if speaker is None or speaker.is_entity or speaker.kind in ("indefinite", "name"):
            return speaker
        if speaker.kind == "pronoun":
            return self._antecedent(s_index, p) or speaker
        if speaker.kind == "demonstrative":
            return self._last_person(s_index, p) or speaker
        # a definite description
        named = self._apposition(speaker.text)
        if named is not None:
            return named
        if _is_institution(speaker.text):
            for back in (1, 2):
                if s_index - back >= 0:
                    found = self._sentence_speaker(s_index - back, with_subject=False)
                    if found is not None:
                        return found
            body = self._named_before(
                s_index, person=False, before=self.sentences[s_index].tokens[p].start
            )
            if body is not None:
                return body
        if not _REPLY_VERBS.match(cue.text.split()[-1]):
            for back in (1, 2):
                if s_index - back < 0:
                    break
                found = self._sentence_speaker(
                    s_index - back, with_subject=_personish(speaker.text)
                )
                if found is not None:
                    return found
        if _is_role(speaker.text):
            for piece in reversed(self.pieces[: self._first_piece(s_index)]):
                if piece.speaker is not None and piece.speaker.label == "PER":
                    return piece.speaker
        return speaker

    def _named_before(self, s_index: int, *, person: bool, before: int) -> Speaker | None:
        """The first person (or body) named as a subject earlier in the sentence (up to offset
        `before`) or in the two previous ones, else (near the start of the text) in the
        headline."""
        for back in (0, 1, 2):
            if s_index - back < 0:
                break
            tokens = self.sentences[s_index - back].tokens
            if not tokens:
                continue
            end = before if back == 0 else tokens[-1].end
            for m in self.mentions.within(tokens[0].start, end):
                if (m.label == "PER") == person and _subject_position(tokens, m.start):
                    return entity_speaker(m)
        if s_index < 2 and self.sentences[s_index].paragraph == 0:
            for m in self.lead:
                if (m.label == "PER") == person:
                    return Speaker(m.text, "entity", (m.start, m.end), m.label, "title")
        return None

    def _first_piece(self, s_index: int) -> int:
        sent = self.sentences[s_index]
        return sent.pieces[0] if sent.pieces else len(self.pieces)

    def _antecedent(self, s_index: int, p: int) -> Speaker | None:
        """Whom a pronoun stands for: an earlier quotation's speaker in the sentence, else the
        speaker or first person named (as a subject) of the previous sentences."""
        sent = self.sentences[s_index]
        for t in reversed(sent.tokens[:p]):
            if t.kind == "q":
                earlier = self.pieces[t.quote].speaker
                if earlier is not None and earlier.kind != "pronoun":
                    return earlier
        for back in (1, 2, 3):
            if s_index - back < 0:
                break
            found = self._sentence_speaker(s_index - back, with_subject=True)
            if found is not None:
                return found
        return None

    def _sentence_speaker(
        self, s_index: int, *, with_subject: bool, last: bool = False
    ) -> Speaker | None:
        """The speaker of a sentence: of its last attributed quotation, else of its first
        speech verb; with `with_subject`, else the first (`last`: the last) person it names
        other than after a preposition."""
        sent = self.sentences[s_index]
        for piece_index in reversed(sent.pieces):
            sp = self.pieces[piece_index].speaker
            if sp is not None and sp.kind != "pronoun":
                return sp
        if not sent.cue_done:
            sent.cue_done = True
            sent.cue_speaker = self._verb_speaker(sent.tokens)
        if sent.cue_speaker is not None:
            return sent.cue_speaker
        if with_subject and sent.tokens:
            if sent.tokens[0].low in DEFINITE:  # "Le ministre de la Santé, Yannick Neuder, …"
                opening = np_after(sent.tokens, 0, self.text, self.mentions)
                if opening is not None and opening.label == "PER":
                    return opening
            subject = self._subject_description(sent.tokens)
            if subject is not None:
                return subject
            start, end = sent.tokens[0].start, sent.tokens[-1].end
            people = [
                m
                for m in self.mentions.within(start, end)
                if m.label == "PER" and not after_preposition(sent.tokens, m.start)
            ]
            if people:
                return entity_speaker(people[-1] if last else people[0])
        return None

    def _subject_description(self, tokens: list[Token]) -> Speaker | None:
        """A sentence opening on a definite role ("Le gouverneur a surtout pointé …"): the
        person it names elsewhere in the article, or the article's last named speaker."""
        if not tokens or tokens[0].low not in DEFINITE:
            return None
        end = 1
        while end < min(len(tokens), 8) and tokens[end].kind == "w":
            if tokens[end].low in AUXILIARIES or tokens[end].low in NP_STOPS:
                break
            end += 1
        phrase = analyse(tokens[:end], self.text, self.mentions)
        if phrase is None or phrase.is_entity or phrase.kind != "definite":
            return None
        if not _is_role(phrase.text):
            return None
        named = self._apposition(phrase.text)
        if named is not None:
            return named
        s_index = next(n for n, s in enumerate(self.sentences) if s.tokens is tokens)
        for piece in reversed(self.pieces[: self._first_piece(s_index)]):
            if piece.speaker is not None and piece.speaker.label == "PER":
                return piece.speaker
        if s_index > 0:  # "Anne-Marie Delbos. La maire de Figeac a obtenu …"
            prev = self.sentences[s_index - 1].tokens
            if prev:
                people = [
                    m for m in self.mentions.within(prev[0].start, prev[-1].end) if m.label == "PER"
                ]
                if people:
                    return entity_speaker(people[-1])
        return None

    def _last_person(self, s_index: int, p: int) -> Speaker | None:
        """The last person named before a demonstrative ("Celui-ci a rappelé")."""
        sent = self.sentences[s_index]
        here = self.mentions.within(sent.tokens[0].start, sent.tokens[p].start)
        people = [m for m in here if m.label == "PER"]
        if not people and s_index > 0:
            prev = self.sentences[s_index - 1].tokens
            if prev:
                people = [
                    m for m in self.mentions.within(prev[0].start, prev[-1].end) if m.label == "PER"
                ]
        return entity_speaker(people[-1]) if people else None

    def _verb_speaker(self, tokens: list[Token]) -> Speaker | None:
        """Who a sentence reports: its `selon X`, else its last incise (`…, a déclaré X.`),
        else the subject of its first speech verb."""
        sources: list[Speaker] = []
        incises: list[Speaker] = []
        plain: list[Speaker] = []
        for k in range(len(tokens)):
            after_comma = k > 0 and (tokens[k - 1].text == "," or tokens[k - 1].kind == "q")
            cue = match_cue(tokens, k, after_quote=after_comma)
            if cue is None or cue.pronoun:
                continue
            if cue.kind != "verb":
                sp = self._cue_speaker(tokens, cue, incise=True)
                if sp is not None:
                    sources.append(sp)
                continue
            if after_comma and not cue.infinitive:
                sp = np_after(tokens, cue.last, self.text, self.mentions)
                if sp is not None and sp.kind != "pronoun" and _ends_clause(tokens, sp):
                    incises.append(sp)
                    continue
            sp = np_before(tokens, cue.first, self.text, self.mentions)
            if sp is not None and sp.kind != "pronoun":
                plain.append(sp)
        if sources:
            return sources[0]
        if incises:
            return incises[-1]
        return plain[0] if plain else None

    def _continued(self, s_index: int, p: int) -> Speaker | None:
        """The speaker of the quotation this one directly continues, if any."""
        sent = self.sentences[s_index]
        for t in reversed(sent.tokens[:p]):
            if t.kind == "q":
                return self.pieces[t.quote].speaker
        if s_index == 0 or any(t.kind == "w" for t in sent.tokens[:p]):
            return None
        prev = self.sentences[s_index - 1]
        if prev.paragraph != sent.paragraph:
            # a paragraph made only of a quotation continuing the previous paragraph's last one
            last = [t for t in prev.tokens if t.kind != "p"]
            rest = [t for t in sent.tokens[p + 1 :] if t.kind != "p"]
            if not last or last[-1].kind != "q" or rest or len(self.sentences) <= s_index:
                return None
            if len(sent.tokens) != len([t for t in sent.tokens if t.kind != "w"]):
                return None
        for piece_index in reversed(prev.pieces):
            sp = self.pieces[piece_index].speaker
            if sp is not None:
                return sp
        return None

    def _apposition(self, description: str) -> Speaker | None:
        """The one person the article names beside this description ("le président russe
        Vladimir Poutine", "Dmitri Peskov, porte-parole du Kremlin")."""
        if self._appositions is None:
            self._appositions = self._collect_appositions()
        key = _description_key(description)
        if not key:
            return None
        found = {
            (m.text, m.start, m.end): m
            for k, ms in self._appositions.items()
            if k == key or k.startswith(key + " ")
            for m in ms
        }
        named = {m.text.split()[-1] for m in found.values()}
        if len(named) != 1:
            return None
        return entity_speaker(min(found.values(), key=lambda m: m.start))

    def _collect_appositions(self) -> dict[str, list[RawMention]]:
        out: dict[str, list[RawMention]] = {}
        for sent in self.sentences:
            tokens = sent.tokens
            if not tokens:
                continue
            for m in self.mentions.within(tokens[0].start, tokens[-1].end):
                if m.label != "PER":
                    continue
                i = next((n for n, t in enumerate(tokens) if t.start >= m.start), None)
                if i is None:
                    continue
                j = i - 1
                if j >= 0 and tokens[j].text == ",":
                    j -= 1
                words: list[Token] = []
                while (
                    j >= 0
                    and tokens[j].kind == "w"
                    and len(words) < 7
                    and tokens[j].low not in NP_STOPS
                ):
                    words.insert(0, tokens[j])
                    if tokens[j].low in DEFINITE:
                        break
                    j -= 1
                if words and words[0].low in DEFINITE and len(words) > 1:
                    key = _description_key(" ".join(t.text for t in words))
                    if key:
                        out.setdefault(key, []).append(m)
        return out

    # -- result --------------------------------------------------------------------------
    def quotes(self, field_name: Field) -> list[RawQuote]:
        """The attributed quotations."""
        out = []
        for piece in self.pieces:
            sp = piece.speaker
            out.append(
                RawQuote(
                    field_name,
                    piece.start,
                    piece.end,
                    self.text[piece.start : piece.end],
                    sp.text if sp is not None else None,
                    sp.span if sp is not None else None,
                    piece.cue if sp is not None else None,
                    sp.label if sp is not None else None,
                    "title" if sp is not None and sp.field == "title" else None,
                )
            )
        return out


def _description_key(text: str) -> str:
    words = text.lower().replace("’", "'").split()
    while words and (words[0] in DEFINITE or words[0] in ("l'",) or words[0].startswith("l'")):
        if words[0].startswith("l'") and len(words[0]) > 2:
            words[0] = words[0][2:]
            break
        words = words[1:]
    return " ".join(words)


def _personish(description: str) -> bool:
    """A description that may name a person: not a text or a body ("le communiqué")."""
    words = _description_key(description).split()[:3]
    return not any(w in DOCUMENT_NOUNS for w in words)


def _subject_position(tokens: list[Token], start: int) -> bool:
    """The mention at `start` opens its sentence or clause (after a determiner at most), as a
    subject does; not an all-capitals rubric."""
    before = [t for t in tokens if t.end <= start]
    if before and before[-1].low in DEFINITE:
        before.pop()
    following = next((t for t in tokens if t.start >= start), None)
    if following is not None and following.text.isupper() and len(following.text) > 4:
        return False
    return (
        not before
        or before[-1].text in (",", ":", "|", ";")
        or before[-1].low
        in (
            "et",
            "mais",
            "que",
            "qu'",
        )
    )


def _is_institution(description: str) -> bool:
    words = _description_key(description).split()[:3]
    return any(w in INSTITUTION_NOUNS for w in words)


def _is_role(description: str) -> bool:
    words = _description_key(description).split()[:3]
    return any(w in ROLE_NOUNS for w in words)


def extract_quotes(article: Article, mentions: Sequence[RawMention]) -> list[RawQuote]:
    """The direct quotations of an article (headline first, then body), attributed."""
    out: list[RawQuote] = []
    if article.title and not article.title_derived:
        title = _FieldQuotes(
            article.title, [(0, len(article.title))], [m for m in mentions if m.field == "title"]
        )
        title.find()
        title.attribute()
        out.extend(title.quotes("title"))
    title_mentions = [m for m in mentions if m.field == "title"]
    body = _FieldQuotes(
        article.text,
        article.paragraphs,
        [m for m in mentions if m.field == "text"],
        [] if article.title_derived else title_mentions,
    )
    body.find()
    body.attribute()
    out.extend(body.quotes("text"))
    return out


def _ends_clause(tokens: list[Token], speaker: Speaker) -> bool:
    """The speaker's phrase is followed by the end of the sentence or a comma (an incise)."""
    if speaker.span is not None:
        end = speaker.span[1]
    else:
        end = -1
        for t in tokens:
            if t.kind == "w" and t.end <= (tokens[-1].end) and speaker.text.endswith(t.text):
                end = max(end, t.end)
    after = [t for t in tokens if t.start >= end]
    return not after or after[0].kind == "p"
