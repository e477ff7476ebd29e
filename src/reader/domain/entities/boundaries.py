"""A mention never crosses a boundary of the page: rules on where a raw span must be cut.

Scraped pages glue their rubric, headline, standfirst and byline on one line
(`Justice | Le Conseil d'État annule… | Saisie par…`, `Politique Élections européennes : …`,
`… promet de « tenir tête » à Jordan Bardella À trois semaines du scrutin…`). The model then
joins words of two parts into one span. These rules cut a span at a separator, at a sentence
end, and before a capitalised word that can only start a sentence; and take a rubric word off
the start of a line.
"""

from __future__ import annotations

import re
from collections.abc import Collection

from reader.domain.entities.lexicon import is_adjective, is_common_noun, is_verb_form

#: (start, end, label) offsets into the field's string
Span = tuple[int, int, str]

_UP = "A-ZÀÂÄÇÉÈÊËÎÏÔÖÙÛÜŸŒÆ"
_LO = "a-zàâäçéèêëîïôöùûüÿœæ"

#: separators of glued page parts: a bar, a bullet, a spaced dash, a copyright sign
#: a whitespace run is read from its start only (`(?<!\s)`): linear, same matches
_SEPARATOR = re.compile(r"(?:(?<!\s)\s*+)?[|•·©]\s*+|(?<!\s)\s++[-–—:]\s++")
#: a full stop ending a lowercase word (not an initial, not `M.`), then a capitalised word
_SENTENCE_STOP = re.compile(rf"(?<=[{_LO}]{{2}})[.!?…]\s+(?=[{_UP}])")
#: capitalised words that start a sentence and are never inside a name (unlike the name
#: particles `Le`, `La`, `De`, `Du`, `Des` of `Le Pen`, `La Fontaine`, `De Gaulle`)
_SENTENCE_OPENERS = frozenset(
    [
        "À",
        "Au",
        "Aux",
        "Dans",
        "Pour",
        "Par",
        "Selon",
        "Avec",
        "Sur",
        "Depuis",
        "Après",
        "Avant",
        "Chez",
        "Contre",
        "Entre",
        "Vers",
        "Mais",
        "Ou",
        "Outre",
        "Sans",
        "Sous",
        "Lors",
        "Dès",
        "Face",
        "Il",
        "Ils",
        "Elle",
        "Elles",
        "On",
        "Nous",
        "Vous",
        "Je",
        "Ce",
        "Cette",
        "Ces",
        "Cet",
        "Ses",
        "Leur",
        "Leurs",
        "Une",
        "Quand",
        "Alors",
        "Ainsi",
        "Pourtant",
        "Enfin",
        "Puis",
        "Comme",
    ]
)
_WORD = re.compile(r"\S+")
_RUBRIC_WORD = re.compile(
    rf"(?<![\w-])([{_UP}](?:[{_LO}]++(?:-[{_UP}]?[{_LO}]++)*+|[{_UP}]{{3,}}+))"
    rf"(?<!\s)\s++(?=[{_UP}0-9])"
)
#: rubrics in capitals before a span on its line: `SANTÉ / `, `ÉCONOMIE - `
_SHOUTED_PREFIX = re.compile(rf"(?:[{_UP}]{{2,}}+[\s/|•·–—-]*+)++")
_BAR_AFTER = re.compile(r"(?:(?<!\s)\s++)?\|")
_LOWER_NEXT = re.compile(rf"(?<!\s)\s++[{_LO}]")
_CAPITALISED_WORD = re.compile(rf"[{_UP}][{_LO}]+")
_HEADER_MARK = re.compile(r"\s:\s|\|")


def split_boundaries(text: str, span: Span) -> list[Span]:
    """Cut a span at a page separator (`|`, `•`, a spaced dash, `©`), at a sentence end
    (`Nord. Par`) and before a capitalised sentence opener inside it (`Bardella À trois`)."""
    start, end, label = span
    seg = text[start:end]
    cuts: list[tuple[int, int]] = []  # (end of a piece, start of the next), relative
    for m in _SEPARATOR.finditer(seg):
        cuts.append((m.start(), m.end()))
    for m in _SENTENCE_STOP.finditer(seg):
        cuts.append((m.start(), m.end()))
    for m in _WORD.finditer(seg):
        if m.group().rstrip(",;:") in _SENTENCE_OPENERS:
            if m.end() < len(seg) and seg[m.end() :].lstrip()[:1].isupper():
                cuts.append((m.start(), m.end()))  # `Au Louvre-Lens`: not the name's word
            elif m.start() > 0:
                cuts.append((m.start(), m.start()))
    if not cuts:
        return [span]
    out: list[Span] = []
    pos = 0
    for a, b in sorted(cuts):
        if a < pos:
            pos = max(pos, b)
            continue
        if seg[pos:a].strip():
            out.append((start + pos, start + a, label))
        pos = b
    if seg[pos:].strip():
        out.append((start + pos, end, label))
    return out


def drop_rubric(
    text: str, span: Span, line_starts: Collection[int], names: Collection[str]
) -> Span:
    """`Politique Élections européennes`, `Rugby XV de France` at the start of a line (or
    after a rubric in capitals, `SANTÉ / AGRICULTURE Grippe aviaire`): a capitalised common
    noun glued before another capitalised word, on a header line (one with ` : ` or `|`
    after the span), is the page's rubric, not part of the name (unless the article writes
    that word capitalised mid-sentence; never on a person). On the page's first line, a
    place's name glued before a capitalised common noun is the rubric too (`Bretagne
    Inondations : …`, `Lorient Conseil municipal : …`), and a name alone before the first
    `|` of a line (`Bretagne | Urgences fermées…`). What is left once the rubric is off is
    dropped (an empty span) when it is only a common noun and lowercase words."""
    start, end, label = span
    line = text.rfind("\n", 0, start) + 1
    if start not in line_starts and not _SHOUTED_PREFIX.fullmatch(text, line, start):
        return span
    if _BAR_AFTER.match(text, end) and len(text[start:end].split()) <= 3 and start == line:
        return start, start, label  # `Bretagne | Urgences fermées…`: the rubric
    first = text[start:end].split()[0] if text[start:end].split() else ""
    if label == "PER" and not (first.endswith("s") and is_common_noun(first[:-1])):
        return span  # `Marine Le Pen`; but `Entreprises Carrefour` is a plural rubric
    stop = text.find("\n", end)
    if not _HEADER_MARK.search(text[end : stop if stop >= 0 else len(text)]):
        return span  # a rubric is glued to a headline: `Rubrique Titre : …`, `… | …`
    from reader.domain.entities.names import INSTITUTION_HEADS

    first_line = line == 0
    dropped = False
    for _ in range(2):  # `Outre-mer Cyclone Tama`: a rubric, then a kind of thing
        m = _RUBRIC_WORD.match(text, start, end)
        if not m:
            break
        word = m.group(1)
        common = (
            not _named_elsewhere(text, word, names)
            and word.lower() not in INSTITUTION_HEADS
            and is_common_noun(word)
        )
        if not common and not (first_line and _before_common_noun(text, m.end(), end, names)):
            break
        start = m.end()
        dropped = True
    if dropped and _only_common_words(text, start, end, names):
        return start, start, label
    return start, end, label


def is_rubric_at(text: str, start: int, end: int) -> bool:
    """Whether the name at `[start, end)` is a page's rubric glued before its headline: at a
    line start before the line's first `|`, or at the start of the page before a capitalised
    common noun on a header line (`Bretagne | Urgences…`, `Lorient Inondations : …`)."""
    line = text.rfind("\n", 0, start) + 1
    if start != line:
        return False
    if _BAR_AFTER.match(text, end):
        return True
    stop = text.find("\n", end)
    header = _HEADER_MARK.search(text[end : stop if stop >= 0 else len(text)])
    m = _CAPITALISED_WORD.match(text, end + 1) if text[end : end + 1] == " " else None
    return bool(line == 0 and header and m and is_common_noun(m.group()))


def _before_common_noun(text: str, pos: int, end: int, names: Collection[str]) -> bool:
    """Whether the span's next word, at `pos`, is a capitalised common noun that starts the
    headline: plural (`Inondations`), or before a lowercase adjective (`Conseil municipal`)
    or a name (`Cyclone Tama`) — not a name's own word (`Lille Métropole`)."""
    m = _CAPITALISED_WORD.match(text, pos, end)
    if not m or _named_elsewhere(text, m.group(), names) or not is_common_noun(m.group()):
        return False
    word = m.group()
    after = text[m.end() : m.end() + 30].split()
    nxt = after[0] if after else ""
    return (
        word.endswith(("s", "x"))
        or (nxt[:1].islower() and is_adjective(nxt))
        or (nxt[:1].isupper() and m.end() < end)
    )


def _only_common_words(text: str, start: int, end: int, names: Collection[str]) -> bool:
    """A common noun then lowercase words (`Conseil municipal`, `Grippe aviaire`), or a
    plural common noun alone (`Inondations`; a singular one may be a company's name:
    `Carrefour : …`)."""
    ws = text[start:end].split()
    if len(ws) == 1 and not ws[0].endswith(("s", "x")) and not _LOWER_NEXT.match(text, end):
        return False
    return (
        bool(ws)
        and not _named_elsewhere(text, ws[0], names)
        and is_common_noun(ws[0])
        and all(w[:1].islower() for w in ws[1:])
    )


def _named_elsewhere(text: str, word: str, names: Collection[str]) -> bool:
    """Whether the text writes `word` capitalised in mid-sentence (`names`) more than in the
    one place under scrutiny (a glued header line counts as mid-sentence)."""
    return word in names and text.count(word) > 1


_LOWER_TOKEN = re.compile(rf"(?<=\s)[{_UP}{_LO}][{_LO}]+(?=[\s,.;:!?]|$)")
#: the participles of a page's date line glued after a byline (`Par X Publié le …`)
_PAGE_PARTICIPLES = frozenset(
    [
        "Publié",
        "Publiée",
        "Modifié",
        "Modifiée",
        "Actualisé",
        "Actualisée",
        "Posté",
        "Postée",
        "Mis",
        "Mise",
    ]
)
#: endings of participles (`Publié`, `Mis`): a capitalised one inside a span starts a byline
_PARTICIPLE_END = re.compile(r"(?:é|ée|és|ées|is|ise|u|ue)$")


def cut_at_verb(text: str, span: Span) -> Span:
    """`Assemblée adopte de justesse la loi` → `Assemblée`: a span ends before the first
    lowercase word that is a verb form and neither a noun nor an adjective (the model ran on
    into the sentence)."""
    start, end, label = span
    seg = text[start:end]
    for m in _LOWER_TOKEN.finditer(seg):
        w = m.group()
        if w in _PAGE_PARTICIPLES:
            return start, start + len(seg[: m.start()].rstrip()), label
        if w[0].isupper() and not _PARTICIPLE_END.search(w):
            continue
        if len(w) > 2 and is_verb_form(w) and not is_common_noun(w) and not is_adjective(w):
            return start, start + len(seg[: m.start()].rstrip()), label
    return span
