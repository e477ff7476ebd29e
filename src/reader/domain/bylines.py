"""Lines that are about an article rather than part of it: bylines, datelines, photo captions
and credits — recognised by their French shapes, with the facts they carry.

- **Byline**: ``Par Marie Martin``, ``Par Marie Martin, à Lyon``, ``Par X et Y``,
  ``PAR MARIE MARTIN (AFP)``, ``Par Marie Dupont, publié le 14 mars 2024`` — a short line that is
  only names and what follows a name in a signature (a place, a role, an agency, a date). A
  sentence that starts with "Par" ("Par ailleurs, …", "Par conséquent, …", "Par Bercy, la
  mesure …") is not one: after "Par" come only capitalised names, then only those tails.
- **Dateline**: ``Publié le 14 mars 2024 à 10h32``, ``Le 7 décembre 2021 à 18h02``,
  ``Mis à jour le 15/03/2024``, ``Publié le … , mis à jour le …`` — the whole line is dates,
  times and these verbs (a sentence such as "Le 7 décembre 2021, Moscou a …" is not one).
- **Credit**: ``© AFP / Jean Dupont``, ``(Photo : Reuters)``, ``Photo : Icon Sport``,
  ``LP/Arnaud Journois``, ``REUTERS/Gleb Garanich``, ``Ludovic Marin / AFP``, an agency's
  domain (``ABACAPRESS.COM``) — alone on a line, in parentheses inside a line, or ending a caption.
- **Caption**: a short line that ends with such a credit (the picture's description).
- **Wire credit** at the start of a text (``MOSCOU (REUTERS) -``, ``(AFP) -``): the outlet.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from reader.domain.metadata import DATE_RE, parse_date, unique_names, wire_name

_CAP = r"[A-ZÀ-ÖØ-Ý]"
#: One capitalised word of a name: ``Marie``, ``Jean-Pierre``, ``J.-P.``, ``O’Brien``, ``MARTIN``.
_NAME_WORD = _CAP + r"[\w’'.-]*"
_PARTICLE = r"(?:de|du|des|d[’']|van|von|der|da|di|del|della|le|la|ben|ibn|el|al)"
#: Capitalised words that end a name rather than continue it: the verbs and dates of a
#: dateline glued to the byline (``Par Marie Martin Publié le …``, ``… Le 14 mars``), roles.
_NOT_NAME = (
    r"(?!(?i:publié|publiée|mis|mise|modifié|actualisé|màj|journaliste|envoyée?|correspondante?"
    r"|rédaction|rédacteur|rédactrice|avec|photos?|source|lundi|mardi|mercredi|jeudi|vendredi"
    r"|samedi|dimanche)\b|(?i:le|la)\s+\d)"
)
#: A person's name: two to five capitalised words, particles between them.
NAME = rf"{_NAME_WORD}(?:\s+(?:{_PARTICLE}\s*)?{_NOT_NAME}{_NAME_WORD}){{1,4}}"
_NAMES = rf"(?:{NAME})(?:\s*(?:,|&|\bet\b)\s*(?:{NAME}))*"
_AGENCY = (
    r"(?i:AFP|Reuters|REUTERS|AP|EPA|ANP|DPA|dpa|Belga|BELGA|ATS|Xinhua|Sipa(?: Press)?|SIPA"
    r"|Getty Images|GETTY|Abaca(?:press)?|ABACA|MAXPPP|Maxppp|Hans Lucas|Icon Sport|ICON SPORT"
    r"|Panoramic|PANORAMIC|Bestimage|Shutterstock|iStock|Unsplash|Wikimedia Commons"
    r"|Archives|ARCHIVES|DR|AFP PHOTO|MAXPPP|Anadolu|Bloomberg|ANSA|EFE)"
)
_TIME = r"\d{1,2}\s*(?:h|H|:)\s*\d{0,2}(?:\s*min)?"
_STAMP = rf"(?i:le\s+)?(?i:{DATE_RE})(?:\s*(?:à|,|-)?\s*{_TIME})?"
_VERB = (
    r"(?i:publiée?|mise? à jour|modifiée?|actualisée?|postée?|mise? en ligne|màj|édité"
    r"|dernière mise à jour|première publication)"
)
_AGO = r"(?i:aujourd[’']hui|hier|il y a\s+\d+\s*(?:min(?:utes?)?|h|heures?|jours?))(?:\s*à\s*" + (
    _TIME + r")?"
)
_CLAUSE = rf"(?:{_VERB}\s*(?i:le|:)?\s*)?{_STAMP}|{_VERB}\s*(?::\s*)?(?:à\s*{_TIME}|{_AGO})"
_PLACE = rf"(?:à|depuis|au|en|aux)\s+{_CAP}[\w’'-]*(?:[\s-]+(?:{_PARTICLE}\s*)?{_CAP}[\w’'-]*)*"
_ROLE = (
    r"(?i:(?:notre\s+|nos\s+)?(?:envoyée?s?\s+spéciale?s?|correspondante?s?|journalistes?"
    r"|rédactrices?|rédacteurs?|reporters?|service\s+\w+|la rédaction|photos?|vidéos?"
    r"|infographie|(?:avec|et)\s+(?:l[’']\s*)?(?:agences?\s+)?[\w’' -]{1,30}))"
    rf"(?:\s+{_PLACE})?"
)
_TAIL = rf"(?:{_PLACE}|\(\s*{_PLACE}\s*\)|{_ROLE}|\(\s*{_AGENCY}\s*\)|{_AGENCY}|{_CLAUSE})"
#: What introduces the names: ``Par``, ``By``, ``Rédigé par``, ``Propos recueillis par``,
#: ``Texte :``.
_SIGNED = (
    r"(?:[Pp]ar|PAR|[Bb]y|BY|(?i:rédigé|écrit|signé|propos recueillis|un article|une enquête)\s+par"
    r"|(?i:textes?|reportage|signé))\s*:?"
)
# Patterns used with `match`/`fullmatch` are anchored (`^`): the reader below slices the line
# instead of passing a position, so none of them is ever run as a search over a long text.
#: A line longer than this is not read as a byline, dateline or credit: every such pattern
#: starts by checking it (in constant time), so none can take long on a long text.
_SHORT = r"(?=[^\n]{0,320}\Z)"
_BYLINE_HEAD_RE = re.compile(rf"^{_SHORT}{_SIGNED}\s+(?P<names>{_NAMES})")
# A signature's tail and a dateline are read piece by piece (`_read_pieces`), never by one
# pattern with nested repetitions, which could backtrack for seconds on a crafted line.
_TAIL_PIECES = tuple(
    re.compile(f"^{_SHORT}(?:{piece})")
    for piece in (
        _CLAUSE,
        _PLACE,
        rf"\(\s*{_PLACE}\s*\)",
        _ROLE,
        rf"\(\s*{_AGENCY}\s*\)",
        rf"{_AGENCY}\b",
        rf"\(\s*{_ROLE}\s*\)",
    )
)
#: a signature by the newsroom or an agency: ``Par la rédaction``, ``Par AFP``
_NEWSROOM_BYLINE_RE = re.compile(
    rf"^{_SHORT}(?:[Pp]ar|PAR)\s+(?:(?i:la\s+rédaction)|(?P<agency>{_AGENCY}))\b"
)
#: a signature without ``Par``: names, a comma, then a role (``Marie Martin, envoyée spéciale
#: à Kiev``, ``Jean Dupont, avec AFP``)
_NAMES_ROLE_RE = re.compile(rf"^{_SHORT}(?P<names>{_NAMES})\s*+,\s*+(?={_ROLE})")
#: names alone, after a dateline's ``par`` (``Publié le 12/03/2024 à 10h32 par Marie Martin``)
_NAMES_ONLY_RE = re.compile(rf"^{_SHORT}(?:{_NAMES})\s*+\.?$")
_PAR_RE = re.compile(r"(?<!\S)(?:par|Par|PAR)\s++")
#: After a ``|``, the rest of a signature may be the outlet: ``| Le Journal du Centre``.
_OUTLET_TAIL_RE = re.compile(r"^[^.|,\s][^.|,]{0,39}$")
_CLAUSE_PIECES = (re.compile(rf"^{_SHORT}(?i:le\s+)?(?:{_CLAUSE})"),)
#: More names in a signature's tail: ``Par A (à Nouméa) et B``.
_MORE_NAMES_RE = re.compile(rf"(?:\bet|,|&)\s+({NAME})")
_BYLINE_SEP_RE = re.compile(r"^[\s,|·•/–—-]*+")
_DATELINE_SEP_RE = re.compile(r"^[\s,;|·•/–—-]*+(?:(?i:et)\s++)?")
_END_RE = re.compile(r"^\s*+[.)]?\s*+$")
#: An outlet signing with an agency: ``Le Parisien avec AFP``, ``Ouest-France et AFP``.
_OUTLET_CREDIT_RE = re.compile(
    rf"^(?:[Pp]ar\s+)?(?P<outlet>(?:(?:Le|La|Les|L[’'])\s*)?{_CAP}[\w’'-]*(?:\s+{_CAP}[\w’'-]*){{0,3}})"
    rf"\s+(?:avec|et)\s+(?:l[’']\s*)?{_AGENCY}\b"
)
_DATELINE_NAMES_RE = re.compile(rf"^(?P<names>{_NAMES})\s*+[,|·•–—-]?\s*+(?={_VERB})")
_DATED_BYLINE_RE = re.compile(rf"^(?P<names>{_NAMES})\s*+[,|·•–—-]\s*+")
_STAMP_RE = re.compile(rf"(?P<date>{DATE_RE})", re.I)
#: The verb just before a date (``mis à jour le``), read in the few characters before it.
_VERB_BEFORE_RE = re.compile(rf"(?P<verb>{_VERB})\s*+(?:le|:)?\s*+$", re.I)
_VERB_RE = re.compile(_VERB)
_AGENCY_RE = re.compile(_AGENCY)
_NAME_SPLIT_RE = re.compile(r"(?<!\s)\s*+(?:,|&|\bet\b)\s*+")
_UPDATE_RE = re.compile(r"mise? à jour|modifiée?|actualisée?|màj|dernière", re.I)

_CREDIT_BODY = r"[^()\n]{1,80}?"
_PHOTO_WORD = (
    r"(?i:photos?\s+d[’'](?:illustration|archives?)|photos?|crédits?(?:\s+photos?)?|crédit\s*:\s*photo|illustrations?|images?|vidéos?"
    r"|infographie|dessin)"
)
_DOMAIN = r"(?:[\w-]+\.)+(?i:com|fr|net|org|eu|be|ch|info)\b"
_CREDIT_SHAPES = (
    rf"©\s*{_CREDIT_BODY}",
    rf"\(\s*{_PHOTO_WORD}\s*[:/]\s*{_CREDIT_BODY}\s*\)",
    rf"{_PHOTO_WORD}\s*:\s*{_CREDIT_BODY}",
    rf"(?:{_AGENCY}|[A-Z]{{2,10}})\s*/\s*(?:{NAME}|{_AGENCY}|{_NAME_WORD})(?:\s*/\s*{_AGENCY})?",
    rf"{NAME}\s*/\s*(?:{_AGENCY}|[A-Z]{{2,10}})",
    rf"{_PHOTO_WORD}\s+{_AGENCY}",
    rf"(?i:photos?\s+d[’'](?:illustration|archives?))\.?(?:\s*[:/]?\s*{_CREDIT_BODY})?",
    rf"{_PHOTO_WORD}\s*:?\s*{_DOMAIN}",
)
_CREDIT = "|".join(f"(?:{shape})" for shape in _CREDIT_SHAPES)
#: Alone on its line, an agency's domain (``ABACAPRESS.COM``) or ``Source : AFP`` is a credit
#: too; after a sentence it may be the source the text cites, which stays.
_LINE_CREDIT = (
    f"{_CREDIT}|(?:{_DOMAIN})"
    rf"|(?i:sources?)\s*:\s*{_AGENCY}(?:\s*(?:,|et|/)\s*{_AGENCY})*"
)
_CREDIT_LINE_RE = re.compile(rf"^{_SHORT}\(?\s*+(?:{_LINE_CREDIT})\s*+\)?\s*+\.?$")
#: Where a caption's credit may start: after a full stop, a dash, at ``©`` or a parenthesis.
_CAPTION_CUT_RE = re.compile(
    r"(?<=[.!?»”)])\s++|(?<!\s)\s++[|–—-]\s++|(?<!\s)\s*+(?=©)|(?<!\s)\s++(?=\()"
)
#: The credit itself, from such a place to the end of the line.
_CAPTION_CREDIT_RE = re.compile(rf"^{_SHORT}\(?\s*+(?:{_CREDIT})\s*+\)?\s*+\.?$")
#: Something every caption's credit holds: ``©``, a slash, a photo, credit or source word.
_CREDIT_HINTS = (
    "©",
    "/",
    "photo",
    "crédit",
    "illustration",
    "image",
    "vidéo",
    "infographie",
    "dessin",
    "source",
)
_CREDIT_TAIL_MAX = 200
#: a parenthesised photo credit opening a line, the caption after it (one short sentence)
_LEADING_PHOTO_RE = re.compile(rf"^\(\s*+{_PHOTO_WORD}\s*+[:/]\s*+{_CREDIT_BODY}\s*\)\s*+")
_ONE_SENTENCE_RE = re.compile(r"^[^.!?\n]{1,200}+[.!?]?\s*+$")
_INLINE_PHOTO_RE = re.compile(rf"(?<!\s)\s*+\(\s*+{_PHOTO_WORD}\s*+[:/]\s*+{_CREDIT_BODY}\s*\)")
_WIRE_START_RE = re.compile(
    r"^(?:[A-ZÀ-Ý][\w’'.-]*+(?:[\s-]++[A-ZÀ-Ý][\w’'.-]*+){0,3}\s*+"
    rf"(?:,\s*+(?P<date>{DATE_RE})\s*+)?,?\s*+)?"
    r"\(\s*(?P<agency>AFP|REUTERS|Reuters|AP|Belga|BELGA|ATS|DPA|dpa|ANSA|EFE|Xinhua|Bloomberg"
    r"|Agence France-Presse)\s*\)\s*[-–—]"
)
_CAPTION_MAX = 300
_META_LINE_MAX = 220


@dataclass(frozen=True, slots=True)
class LineFacts:
    """What a byline, dateline, caption or credit line is, and the facts it gives."""

    kind: str  # "byline", "dateline", "caption" or "credit"
    authors: tuple[str, ...] = ()
    date: str | None = None
    #: True when the only date given is a "mis à jour" (update) date.
    updated_only: bool = False
    #: the outlet a credit names (``Le Parisien avec AFP``)
    source: str | None = None


def _dates(text: str) -> tuple[str | None, bool]:
    """The publication date a line gives (else its first update date) and whether it is
    only an update date."""
    published: str | None = None
    updated: str | None = None
    for match in _STAMP_RE.finditer(text):
        date = parse_date(match.group("date"))
        if date is None:
            continue
        verb = _VERB_BEFORE_RE.search(text[max(0, match.start() - 40) : match.start()])
        if verb and _UPDATE_RE.match(verb.group("verb")):
            updated = updated or date
        else:
            published = published or date
    if published:
        return published, False
    return updated, updated is not None


def _names(raw: str) -> tuple[str, ...]:
    names = _NAME_SPLIT_RE.split(raw)
    kept = [n for n in names if not _AGENCY_RE.fullmatch(n.strip())]
    return tuple(unique_names(kept))


def classify_line(text: str) -> LineFacts | None:
    """The kind of a byline, dateline, caption or credit line, with its facts; None for any
    other line (article text)."""
    line = text.strip()
    if not line or len(line) > _CAPTION_MAX:
        return None
    if len(line) <= _META_LINE_MAX:
        match = _BYLINE_HEAD_RE.match(line)
        if match and _read_pieces(line, match.end(), _TAIL_PIECES, _BYLINE_SEP_RE):
            tail = line[match.end("names") :]
            date, updated = _dates(tail)
            names = match.group("names") + "," + ",".join(_MORE_NAMES_RE.findall(tail))
            outlet = _OUTLET_CREDIT_RE.match(line)
            source = outlet.group("outlet") if outlet else None
            return LineFacts("byline", _names(names), date, updated, source)
        facts = _other_signature(line)
        if facts is not None:
            return facts
        outlet = _OUTLET_CREDIT_RE.match(line)
        if outlet is not None:
            rest = line[outlet.end() :]
            if not rest.strip(" .") or _is_dateline(rest.lstrip(" |,–—-")):
                date, updated = _dates(rest)
                return LineFacts("credit", (), date, updated, outlet.group("outlet"))
        facts = _dateline(line)
        if facts is not None:
            return facts
        if _CREDIT_LINE_RE.match(line):
            return LineFacts("credit")
    credit = _caption_credit(line)
    if credit is not None and credit.start() > 0:
        return LineFacts("caption")
    lead = _LEADING_PHOTO_RE.match(line)
    if lead is not None and _ONE_SENTENCE_RE.match(line[lead.end() :]):
        return LineFacts("caption")  # `(Photo : X / AFP) Des éleveurs devant…, mercredi.`
    return None


def _other_signature(line: str) -> LineFacts | None:
    """The signatures that do not open with ``Par`` + names: the newsroom's or an agency's
    (``Par la rédaction``, ``Par AFP``), names and a role (``Marie Martin, envoyée spéciale à
    Kiev``), a dateline then ``par`` + names (``Publié le 12/03/2024 à 10h32 par X``)."""
    newsroom = _NEWSROOM_BYLINE_RE.match(line)
    if newsroom and _read_pieces(line, newsroom.end(), _TAIL_PIECES, _BYLINE_SEP_RE):
        date, updated = _dates(line)
        agency = newsroom.group("agency")
        return LineFacts("byline", (), date, updated, wire_name(agency) if agency else None)
    named = _NAMES_ROLE_RE.match(line)
    if named and _read_pieces(line, named.end(), _TAIL_PIECES, _BYLINE_SEP_RE):
        date, updated = _dates(line)
        return LineFacts("byline", _names(named.group("names")), date, updated)
    for par in _PAR_RE.finditer(line, 1):
        head = line[: par.start()].rstrip(" ,")
        if _NAMES_ONLY_RE.match(line[par.end() :]) and _is_dateline(head):
            date, updated = _dates(head)
            names = line[par.end() :].rstrip(" .")
            return LineFacts("byline", _names(names), date, updated)
    return None


def _dateline(line: str) -> LineFacts | None:
    """A line of dates and times, possibly after the author's names (``Marie Martin |
    Publié le …``)."""
    authors: tuple[str, ...] = ()
    rest = line
    if not _is_dateline(rest):
        named = _DATELINE_NAMES_RE.match(line) or _DATED_BYLINE_RE.match(line)
        if named is None or not _is_dateline(line[named.end() :]):
            return None
        authors, rest = _names(named.group("names")), line[named.end() :]
    date, updated = _dates(rest)
    if date is None and not _VERB_RE.match(rest):
        return None
    if date is None and not authors and re.fullmatch(r"[\d\s/.:h-]++", rest):
        return None  # a bare number line is not a dateline
    return LineFacts("dateline", authors, date, updated)


def _read_pieces(
    text: str, pos: int, pieces: tuple[re.Pattern[str], ...], sep: re.Pattern[str]
) -> bool:
    """True when `text[pos:]` is nothing but `pieces` (each tried in order, the first that
    matches is taken) separated by `sep`, with an optional final full stop."""
    while True:
        if _END_RE.match(text[pos:]):
            return True
        after = sep.match(text[pos:])
        start = pos + (after.end() if after else 0)
        rest = text[start:]
        if after is not None and "|" in after.group(0) and _OUTLET_TAIL_RE.match(rest):
            return True
        for piece in pieces:
            found = piece.match(rest)
            if found is not None and found.end() > 0:
                pos = start + found.end()
                break
        else:
            return False


def _is_dateline(text: str) -> bool:
    """A line made only of dates, times and the verbs that introduce them."""
    first = _CLAUSE_PIECES[0].match(text)
    return first is not None and _read_pieces(text, first.end(), _CLAUSE_PIECES, _DATELINE_SEP_RE)


def is_byline(text: str) -> bool:
    """True for a signature line (``Par Marie Martin, à Lyon``); see the module docstring."""
    facts = classify_line(text)
    return facts is not None and facts.kind == "byline"


def byline_authors(text: str) -> tuple[str, ...]:
    """The names signed in a byline-shaped line (``Par A et B …``), or none."""
    match = _BYLINE_HEAD_RE.match(text.strip())
    return _names(match.group("names")) if match else ()


def _caption_credit(text: str) -> re.Match[str] | None:
    """Where the credit ending `text` starts, if it has one: looked for only in a line that
    holds a credit's mark, among its last characters (a credit is short) — cleaning asks this
    of every line."""
    tail = text[-_CREDIT_TAIL_MAX:].lower()
    if not any(hint in tail for hint in _CREDIT_HINTS):
        return None
    for cut in _CAPTION_CUT_RE.finditer(text, max(0, len(text) - _CREDIT_TAIL_MAX)):
        if _CAPTION_CREDIT_RE.match(text[cut.end() :]):
            return cut
    return None


def cut_caption_credit(text: str) -> tuple[str, str] | None:
    """A credit ending a long line (kept text, credit), or None."""
    match = _caption_credit(text)
    if match is None or match.start() < 20:
        return None
    return text[: match.start()].rstrip(), text[match.start() :].strip()


def cut_inline_credits(text: str) -> tuple[str, list[str]]:
    """Parenthesised photo credits inside a line (``(Photo : Reuters)``) taken out."""
    if "(" not in text or not any(hint in text.lower() for hint in _CREDIT_HINTS[2:]):
        return text, []
    found = [m.group(0).strip() for m in _INLINE_PHOTO_RE.finditer(text)]
    if not found:
        return text, []
    return _INLINE_PHOTO_RE.sub("", text), found


#: Where a signature glued to the end of a header line may start: after a sentence's end or a
#: spaced separator (`` | ``, `` - ``), at ``Par``/``By``.
_GLUED_BYLINE_CUT_RE = re.compile(
    r"(?:(?<=[.!?»”…])\s++|(?<!\s)\s++[|–—-]\s++)(?=(?:[Pp]ar|PAR|[Bb]y|BY)\s)"
)
_GLUED_BYLINE_MAX = 320


def cut_glued_byline(text: str) -> tuple[str, str, LineFacts] | None:
    """A signature glued to the end of a header line, after the headline or the standfirst
    (``… la violence ». Par Hélène Martin et Awa Diallo``, ``… | Par X, à Lyon | Le 6 juillet
    2023``): (kept text, signature, its facts), or None. The signature must be a whole byline
    by `classify_line` (names, then only places, roles, agencies and dates)."""
    start = max(0, len(text) - _GLUED_BYLINE_MAX)
    for cut in _GLUED_BYLINE_CUT_RE.finditer(text, start):
        if cut.start() < 20:
            continue
        facts = classify_line(text[cut.end() :])
        if facts is not None and facts.kind == "byline":
            return text[: cut.start()].rstrip(), text[cut.end() :].strip(), facts
    return None


def wire_credit(text: str) -> tuple[str | None, str | None]:
    """The agency and the date of a wire credit opening a text (``MOSCOU (REUTERS) -`` →
    ``Reuters``; ``PARIS, 17 juin 2025 (AFP) -`` → ``AFP``, ``2025-06-17``)."""
    match = _WIRE_START_RE.match(text.lstrip())
    if match is None:
        return None, None
    return wire_name(match.group("agency")), parse_date(match.group("date"))


def wire_source(text: str) -> str | None:
    """The agency of a wire credit opening a text (``MOSCOU (REUTERS) -`` → ``Reuters``)."""
    return wire_credit(text)[0]
