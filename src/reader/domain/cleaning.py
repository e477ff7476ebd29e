"""A parsed page → the article the reader shows: the headline, the body, boilerplate set aside.

General rules for French news pages (no list of any article's sentences):

- **Paragraphs** are blocks separated by blank lines; when a text has no blank line at all, each
  line is a paragraph. Boilerplate is judged line by line, so a teaser glued to a body line by a
  single newline goes while the body line stays.
- **Boilerplate** (kept in `removed` with its kind): navigation crumbs at the top ("Accueil …",
  "Monde › Europe"), truncated teasers ending in "..." that repeat the text below, bylines,
  share counters and share buttons, "Lire aussi" teasers, "Article précédent / suivant",
  cookie, subscription and copyright lines, agency credit fragments ("– Presse.") ending a
  paragraph, and author bios among the last lines (self-descriptions, "X est journaliste…",
  a line that is not French).
- **Bylines, datelines, photo captions and credits** (`reader.domain.bylines`): recognised by
  their shape anywhere in the page and set aside (kinds ``byline``, ``dateline``, ``caption``,
  ``credit``); a signature glued to the end of one of the first lines (``… standfirst. Par X
  et Y``, ``… | Par X, à Lyon | Le 6 juillet 2023``) is cut off it the same way; the items of
  a ``Lire aussi`` list go with their heading, the caption under a credit with its credit, a
  rubric alone above the headline (``Afrique``) as navigation. Their facts are kept: the
  author(s) and the date they give become the article's when the format's metadata has none
  (a day-precise date also refines a month-only one), and a wire credit opening the text
  (``MOSCOU (REUTERS) -``, which stays in the text) gives the outlet when the format names
  none.
- **Headline** (HTML, JSON, a Markdown ``#`` heading); else a first
  paragraph shaped like a headline (Title Case, or short with no closing period, or the first
  paragraph after a navigation crumb). Otherwise a title is derived from the lede's first
  sentence and marked `title_derived`; the lede stays in the text.

Everything else — live-blog labels such as ``UPDATE 7:`` or ``MISE À JOUR 6`` included — stays,
character for character, except that control and bidi characters are removed (`sanitize`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from reader.domain import bylines
from reader.domain.formats import ParsedDoc
from reader.domain.metadata import best_date, split_authors, unique_names
from reader.domain.model import Removed
from reader.domain.sanitize import sanitize, sanitize_inline
from reader.domain.versions import CLEANING_VERSION as CLEANING_VERSION  # re-exported

DERIVED_TITLE_MAX = 110
_HEADLINE_MAX = 300
_BIO_MAX = 400
_TAIL_BIO_LINES = 2
_HEAD_LINES = 3
#: the first lines of a page, where a header glued on one line may end with its signature
_GLUED_HEAD_LINES = 5

_APOS = "['’]"


def _wordset(words: str) -> frozenset[str]:
    return frozenset(words.split())


_FR_WORDS = _wordset(
    "le la les de des du un une et à au aux en est sont que qui dans pour sur par avec ne pas "
    "il elle ils elles nous vous je se sa son ses leur leurs ce cette ces été plus mais ou où "
    "y l d qu n s c j m selon après avant a ont avait était sera aussi comme tout tous"
)
_EN_WORDS = _wordset(
    "the an and of to in is are was were for on with that this it as by at from be have has "
    "not you i my your our we they he she his her their or but who which will would can about "
    "than"
)

_SHARE_RE = re.compile(
    r"^(?:(?:[\s.,+]*+\d)++[\d\s.,]*+[kKM]?"
    r"|(?:(?:partager|partagez|tweeter|tweet|facebook|twitter|linkedin|whatsapp|pinterest"
    r"|e-?mail|imprimer|copier le lien|commentaires?|réagir|envoyer)[\s|·•,/:-]*+)+)$",
    re.I,
)
_TEASER_RE = re.compile(
    r"^[\s»>•·*–—-]*(?:(?:à|a)\s+)?(?:lire|voir|écouter|regarder)\s+(?:aussi|également|encore)\b"
    r"|^[\s»>•·*–—-]*(?:sur le même sujet|dans la même rubrique|lire la suite|à lire\s*:"
    r"|nos articles? (?:sur|liés)|articles? (?:similaires|liés|connexes))\b",
    re.I,
)
_PREV_NEXT_RE = re.compile(
    r"^[\s«‹<]*(?:article|post|billet|sujet)s?\s+(?:précédent|suivant)e?s?"
    r"|^[\s«‹<]*(?:précédent|suivant)\s*[:›»>]",
    re.I,
)
_SUBSCRIBE_RE = re.compile(
    r"^[\s»>•·*–—-]*(?:abonnez[- ]vous|je m" + _APOS + r"abonne|s" + _APOS + r"abonner"
    r"|s" + _APOS + r"inscrire\s*$"
    r"|déjà abonné|inscrivez[- ]vous|recevez (?:notre|nos|gratuitement|chaque)"
    r"|connectez[- ]vous|se connecter|créer un compte|créez (?:un|votre) compte"
    r"|téléchargez (?:notre|l" + _APOS + r"app)|suivez[- ]nous|retrouvez[- ]nous"
    r"|cet article est réservé|(?:article|contenu) réservé aux abonnés|offre d"
    + _APOS
    + r"abonnement)",
    re.I,
)
_NEWSLETTER_RE = re.compile(r"newsletter|lettre d" + _APOS + r"information", re.I)
_NEWSLETTER_VERB_RE = re.compile(r"inscri|abonn|recev|gratuit|s" + _APOS + r"inscrire", re.I)
#: a teaser heading alone on its line, its items below it: ``Lire aussi``, ``Sur le même sujet``
_TEASER_HEADING_RE = re.compile(
    r"^[\s»>•·*–—-]*(?:(?:à|a)\s+)?(?:lire|voir)\s+(?:aussi|également|encore)\s*:?\s*$"
    r"|^[\s»>•·*–—-]*(?:sur le même sujet|dans la même rubrique|à lire\s*:"
    r"|nos articles? (?:sur|liés)|articles? (?:similaires|liés|connexes))\s*:?\s*$",
    re.I,
)
_TEASER_ITEMS_MAX = 6
#: one sentence (no full stop inside), as a picture's caption is
_ONE_SENTENCE_RE = re.compile(r"^[^.!?]*+[.!?]?\s*$")
_CAPTION_AFTER_CREDIT_MAX = 200
#: a rubric alone on a line: one or two words, a capital first, no sentence mark, no digit
_RUBRIC_LINE_RE = re.compile(r"^[A-ZÀ-Ý][^\W\d_]*+(?:[ -][^\W\d_]++)?$")
#: a newsletter widget's heading: ``Newsletter Politique``, ``Lettre d'information Sport``
_NEWSLETTER_HEAD_RE = re.compile(
    r"^(?:newsletters?|lettre d" + _APOS + r"information)\b[^.!?\n]{0,40}$", re.I
)
_COOKIE_RE = re.compile(r"\bcookies?\b", re.I)
_COOKIE_CONTEXT_RE = re.compile(
    r"accept|utilis|consent|paramètr|politique|navigation|refuser|traceurs", re.I
)
_COPYRIGHT_RE = re.compile(r"^(?:©|\(c\)\s|copyright\b)|tous droits réservés", re.I)
_RIGHTS_RE = re.compile(r"droits réservés|copyright|\(c\)", re.I)
_CRUMB_START_RE = re.compile(r"^(?:accueil|home|à la une)\b", re.I)
_CRUMB_SEP_RE = re.compile(r"(?<!\s)\s+[›>|/»]\s+")
_BYLINE_RE = re.compile(
    r"^(?:[Pp]ar|PAR|[Bb]y)\s+[A-ZÀ-Ý][\w’'.-]*(?:\s+(?:[A-ZÀ-Ý][\w’'.-]*|de|du|des|et|van|von))"
    r"{0,4}\s*(?:[,|–—-]\s*[^\s.]+(?:\s+[^\s.]+){0,3})?$"
)
_CREDIT_TAIL_RE = re.compile(
    r"(?<!\s)\s+[–—-]\s*+"
    r"(?:Presse|AFP|Reuters|AP|ATS|Belga|Agence France-Presse|AFP/Reuters)\s*\.?$"
)
_CREDIT_LINE_RE = re.compile(
    r"^\(?\s*(?:avec\s+)?(?:AFP|Reuters|AP|ATS|Belga|Agence France-Presse)"
    r"(?:\s*(?:et|,|/)\s*(?:AFP|Reuters|AP|ATS|Belga))*\s*\)?\.?$",
    re.I,
)
_AGE_BIO_RE = re.compile(r"^\d{1,2}\s+ans\b", re.I)
_FIRST_PERSON_RE = re.compile(r"\b(?:je|moi|mon|ma|mes)\b|\bj" + _APOS, re.I)
_BIO_WORD_RE = re.compile(
    r"\b(?:fan|passionnée?|aime|adore|rédige|rédacteur|rédactrice|journaliste|blogueu(?:r|se)"
    r"|diplômée?|auteure?|autrice|écris|écrire|plume)\b",
    re.I,
)
_THIRD_PERSON_BIO_RE = re.compile(
    r"^[A-ZÀ-Ý][\w’'-]+(?:\s+[A-ZÀ-Ý][\w’'-]+){0,3},?\s+(?:est|a été|était)\s+"
    r"(?:un |une |le |la |l" + _APOS + r")?(?:grande? )?(?:journaliste|rédact|reporter|"
    r"correspondant|chroniqueu|éditeur|éditrice|spécialiste|auteur|autrice|pigiste|"
    r"photographe|chef de rubrique|envoyée? spéciale?)"
)
_JOB_BIO_RE = re.compile(
    r"^(?:journaliste|rédacteur|rédactrice|correspondante?|reporter|pigiste)\b", re.I
)
_LIVE_SUFFIX_RE = re.compile(
    r"(?<!\s)\s+(?:UPDATE|MISE À JOUR|MISE A JOUR|EN DIRECT|LIVE|DIRECT)\s*+\d*+\s*+:?\s*+$"
)
_DATELINE_RE = re.compile(
    r"^(?:[A-ZÀ-Ý][A-ZÀ-Ý'’ -]{2,60}(?:,[^()\n]{1,30})?(?:\s*\([^)]{1,40}\))?|\([^)]{1,40}\))"
    r"\s*[-–—]\s+"
)
#: What follows a headline in a page's `<title>`: `` | Le Journal``, `` - Le Monde``.
_SITE_SUFFIX_RE = re.compile(r"^\s++[|–—-]\s++\S.{0,60}$")
_ABBREVIATIONS = _wordset(
    "m mm mme mmes mlle dr pr me st ste etc av apr j.-c no n° p éd vol fig cf art"
)
_SENTENCE_END_RE = re.compile(
    r"(?<![.!?…])[.!?…]++(?:[\s\xa0]*+[»”\"]|[\s\xa0]*(?=\s[«“\"(A-ZÀ-Ý0-9]))?"
    r"(?=\s++[«“\"(A-ZÀ-Ý0-9])"
)
_WORD_RE = re.compile(r"[^\W\d_]+")


@dataclass
class Cleaned:
    """The cleaned article: headline, body with paragraph offsets, what was set aside."""

    title: str
    title_derived: bool
    text: str
    paragraphs: list[tuple[int, int]]
    removed: list[Removed] = field(default_factory=list)
    date: str | None = None
    author: list[str] = field(default_factory=list)
    source: str | None = None


@dataclass
class _Line:
    block: int
    text: str
    kind: str | None = None  # the boilerplate kind once classified
    facts: bylines.LineFacts | None = None  # what a byline or dateline says
    #: what a signature cut from the end of this line says (`bylines.cut_glued_byline`)
    glued: bylines.LineFacts | None = None


def clean(doc: ParsedDoc) -> Cleaned:
    """Clean one parsed document (see the module docstring for the rules)."""
    lines = _split_lines(sanitize(doc.text))
    _classify(lines)
    removed = list(doc.removed)
    credits: dict[int, list[str]] = {}
    for i, line in enumerate(lines):
        if line.kind is None and i < _GLUED_HEAD_LINES:
            glued = bylines.cut_glued_byline(line.text)
            if glued is not None:
                line.text, signature, line.glued = glued
                removed.append(Removed("byline", signature))
        if line.kind is None:
            line.text, inline = bylines.cut_inline_credits(line.text)
            found = list(inline)
            match = _CREDIT_TAIL_RE.search(line.text)
            if match and match.start() >= 20:
                found.append(match.group(0).strip())
                line.text = line.text[: match.start()].rstrip()
            elif (caption := bylines.cut_caption_credit(line.text)) is not None:
                line.text = caption[0]
                found.append(caption[1])
            if found:
                credits[i] = found

    title, derived, title_lines, title_removed = _find_title(doc, lines)
    for i, line in enumerate(lines):
        if line.kind is not None:
            removed.append(Removed(line.kind, line.text))
        removed.extend(Removed("credit", credit) for credit in credits.get(i, ()))
    removed.extend(title_removed)

    paragraphs_text: list[str] = []
    current_block = -1
    current: list[str] = []
    for i, line in enumerate(lines):
        if line.block != current_block:
            if current:
                paragraphs_text.append("\n".join(current))
            current, current_block = [], line.block
        if line.kind is None and i not in title_lines:
            current.append(line.text)
    if current:
        paragraphs_text.append("\n".join(current))

    if derived:
        title = derive_title(paragraphs_text[0] if paragraphs_text else "")
    text, spans = _join(paragraphs_text)
    author, date, source = _byline_facts(doc, lines, text)
    return Cleaned(title, derived, text, spans, removed, date, author, source)


def _byline_facts(
    doc: ParsedDoc, lines: list[_Line], text: str
) -> tuple[list[str], str | None, str | None]:
    """The article's author(s), date and outlet: the format's metadata first, then what the
    page's bylines, datelines and credits say (publication dates before "mis à jour" ones),
    then the wire credit opening the text (``PARIS, 17 juin 2025 (AFP) -``)."""
    names: list[str] = []
    published: list[str] = []
    updated: list[str] = []
    outlets: list[str] = []
    for line in lines:
        facts = line.facts if line.kind is not None else line.glued
        if facts is None:
            continue
        names.extend(facts.authors)
        if facts.date:
            (updated if facts.updated_only else published).append(facts.date)
        if facts.source:
            outlets.append(facts.source)
    wire, wire_date = bylines.wire_credit(text)
    if wire_date:
        published.append(wire_date)
    author = split_authors(doc.author) or unique_names(names)
    source = doc.source or (outlets[0] if outlets else None) or wire
    return author, best_date(doc.date, published + updated), source


# -- lines -----------------------------------------------------------------------------------


def _split_lines(body: str) -> list[_Line]:
    """Lines with their paragraph (block) number; blank lines only separate blocks."""
    body = body.strip()
    if re.search(r"\n[ \t\xa0]*\n", body):
        blocks = re.split(r"\n(?:[ \t\xa0]*\n)+", body)
    else:
        blocks = body.split("\n")
    lines: list[_Line] = []
    for n, block in enumerate(blocks):
        for raw in block.split("\n"):
            text = raw.strip()
            if text:
                lines.append(_Line(n, text))
    return lines


def _classify(lines: list[_Line]) -> None:
    """Mark boilerplate lines: anywhere, at the top, then author bios at the bottom."""
    rest = "\n".join(line.text for line in lines[:200])
    for line in lines:
        line.kind = _anywhere_kind(line.text)
        if line.kind in (None, "copyright"):
            line.facts = bylines.classify_line(line.text)
            rights = line.kind == "copyright" and _RIGHTS_RE.search(line.text)
            if line.facts is not None and (line.kind is None or not rights):
                line.kind = line.facts.kind
    for line in lines[:_HEAD_LINES]:
        if line.kind is None and _is_crumb(line.text):
            line.kind = "navigation"
        elif line.kind is None and _BYLINE_RE.match(line.text):
            line.kind = "byline"
            line.facts = bylines.LineFacts("byline", bylines.byline_authors(line.text))
    for line in lines[:_HEAD_LINES]:
        if line.kind is None and _is_repeated_teaser(line.text, rest):
            line.kind = "teaser"
    _follow_headings(lines)
    _rubric_line(lines)
    checked = 0
    for line in reversed(lines):
        if line.kind is not None:
            continue
        if checked >= _TAIL_BIO_LINES:
            break
        checked += 1
        if _is_bio(line.text):
            line.kind = "bio"
        elif _BYLINE_RE.match(line.text):
            line.kind = "byline"
            line.facts = bylines.LineFacts("byline", bylines.byline_authors(line.text))
        elif _CREDIT_LINE_RE.match(line.text):
            line.kind = "credit"
        else:
            break


def _follow_headings(lines: list[_Line]) -> None:
    """What a boilerplate heading says of the lines under it, in its own block: the items of
    a ``Lire aussi`` / ``Sur le même sujet`` list are teasers; the short line describing a
    picture right under its credit (``(Photo : Reuters)`` then ``Des grévistes devant l’usine,
    lundi.``) is its caption."""
    for i, line in enumerate(lines):
        if line.kind == "teaser" and _TEASER_HEADING_RE.match(line.text):
            for item in lines[i + 1 : i + 1 + _TEASER_ITEMS_MAX]:
                if item.block != line.block or item.kind not in (None, "teaser"):
                    break
                item.kind = "teaser"
        elif line.kind == "credit" and i + 1 < len(lines):
            after = lines[i + 1]
            if (
                after.block == line.block
                and after.kind is None
                and len(after.text) <= _CAPTION_AFTER_CREDIT_MAX
                and _ONE_SENTENCE_RE.match(after.text)
            ):
                after.kind = "caption"


def _rubric_line(lines: list[_Line]) -> None:
    """A page's rubric alone on its first line (``Afrique``, ``Faits divers``) above a
    headline-shaped line (short, no closing full stop) and more text: one or two words, a
    capital first, no sentence mark, no digit."""
    if not lines or lines[0].kind is not None or not _RUBRIC_LINE_RE.match(lines[0].text):
        return
    following = [line for line in lines[1:] if line.kind is None]
    if len(following) >= 2 and _is_short_headline(following[0].text):
        lines[0].kind = "navigation"


def _anywhere_kind(text: str) -> str | None:
    if _SHARE_RE.match(text):
        return "share"
    if _TEASER_RE.match(text):
        return "teaser"
    if _PREV_NEXT_RE.match(text):
        return "navigation"
    if _SUBSCRIBE_RE.match(text):
        return "subscription"
    short = len(text) <= 300
    if short and _COOKIE_RE.search(text) and _COOKIE_CONTEXT_RE.search(text):
        return "cookie"
    if len(text) <= 160 and _NEWSLETTER_RE.search(text) and _NEWSLETTER_VERB_RE.search(text):
        return "subscription"
    if _NEWSLETTER_HEAD_RE.match(text):
        return "subscription"
    if len(text) <= 160 and _COPYRIGHT_RE.search(text):
        return "copyright"
    return None


def _is_crumb(text: str) -> bool:
    """A navigation crumb: "Accueil Monde …", or short segments joined by › > | / »."""
    if len(text) > 250:
        return False
    if _CRUMB_START_RE.match(text) and len(text.split()) >= 2:
        return True
    if "«" in text:
        return False
    parts = _CRUMB_SEP_RE.split(text)
    return len(parts) >= 3 and all(0 < len(p.split()) <= 5 for p in parts)


def _is_repeated_teaser(text: str, rest: str) -> bool:
    """A line cut off with "..." whose last words are repeated further down the page."""
    stripped = text.rstrip()
    if not (stripped.endswith("...") or stripped.endswith("…")):
        return False
    head = stripped.rstrip(".…").rstrip()
    head = head.rsplit(None, 1)[0] if " " in head else head  # the last word may be cut
    probe = head[-40:]
    if len(probe) < 20:
        return False
    return rest.count(probe) >= 2


def _is_bio(text: str) -> bool:
    """An author bio or a line in another language, among the last lines of the page."""
    if len(text) > _BIO_MAX:
        return False
    if _AGE_BIO_RE.match(text) or _THIRD_PERSON_BIO_RE.match(text) or _JOB_BIO_RE.match(text):
        return True
    quoted = any(q in text for q in "«“")
    if not quoted and _FIRST_PERSON_RE.search(text) and _BIO_WORD_RE.search(text):
        return True
    return not_french(text)


def not_french(text: str) -> bool:
    """True for a line of several words that is plainly not French prose (English, mostly)."""
    words: list[str] = _WORD_RE.findall(text)
    if len(words) < 4:
        return False
    lower = [w.lower() for w in words]
    fr = sum(w in _FR_WORDS for w in lower)
    en = sum(w in _EN_WORDS for w in lower)
    if en > fr:
        return True
    lowercase_initial = sum(w[0].islower() for w in words)
    return fr == 0 and len(words) >= 6 and lowercase_initial * 2 >= len(words)


# -- headline --------------------------------------------------------------------------------


def _find_title(doc: ParsedDoc, lines: list[_Line]) -> tuple[str, bool, set[int], list[Removed]]:
    """The headline: (title, derived?, indexes of lines it used, label cut from its end)."""
    kept = [i for i, line in enumerate(lines) if line.kind is None]
    if doc.title and sanitize_inline(doc.title).strip():
        title = _one_line(sanitize_inline(doc.title))
        used: set[int] = set()
        if kept and len(kept) > 1:
            head = _one_line(lines[kept[0]].text)
            if _same(head, title):
                used.add(kept[0])  # the page repeats its headline as the first paragraph
            elif (
                len(head.split()) >= 3
                and _SITE_SUFFIX_RE.match(title[len(head) :])
                and _same(title[: len(head)], head)
            ):
                used.add(kept[0])  # "Headline | Le Journal": the page's headline is the title
                title = head
        return title, False, used, []
    if len(kept) < 2:
        return "", True, set(), []
    first = kept[0]
    block = [i for i in kept if lines[i].block == lines[first].block]
    candidate = " ".join(lines[i].text for i in block)
    after_crumb = any(line.kind == "navigation" for line in lines[:first])
    more_blocks = any(lines[i].block != lines[first].block for i in kept)
    if more_blocks and (
        _is_title_case(candidate)
        or _is_short_headline(candidate)
        or (after_crumb and len(candidate) <= _HEADLINE_MAX)
    ):
        title, label = _cut_live_label(_one_line(candidate))
        return title, False, set(block), [Removed("label", label)] if label else []
    return "", True, set(), []


def _one_line(text: str) -> str:
    """Collapse runs of ordinary whitespace (newlines included); NBSP and the rest stay."""
    return re.sub(r"[ \t\n]+", " ", text).strip()


def _same(a: str, b: str) -> bool:
    return " ".join(a.split()).casefold() == " ".join(b.split()).casefold()


def _is_title_case(text: str) -> bool:
    """Most words capitalised ("Le Kremlin Dit Que …"), no closing period: a headline."""
    if len(text) > _HEADLINE_MAX or text.rstrip().endswith("."):
        return False
    words: list[str] = _WORD_RE.findall(text)
    if len(words) < 4:
        return False
    capitalised = sum(w[0].isupper() for w in words)
    return capitalised / len(words) >= 0.7


def _is_short_headline(text: str) -> bool:
    """A short first paragraph that does not end like a sentence: no final `.`, `:`, `;` or
    `,`, also not before a closing quote (`… fin. »`). Headlines ending in `?`, `!`, `…`, a
    closing `»`/`”`/`"` (a quotation, or the whole headline in quotes) are headlines."""
    words = len(_WORD_RE.findall(text))
    stripped = text.strip()
    quoted = stripped[:1] in ("«", "“", '"') and stripped[-1:] in ("»", "”", '"')
    if len(text) > 150 or words < (2 if quoted else 3):
        return False
    return not re.search(r"[.:;,][\s\xa0]*[»”\"]?\s*$", text) or text.rstrip().endswith("...")


def _cut_live_label(title: str) -> tuple[str, str | None]:
    """Take a live-blog label glued to the end of a headline ("… réunion vidéo UPDATE")."""
    match = _LIVE_SUFFIX_RE.search(title)
    if match is None or match.start() < 10:
        return title, None
    return title[: match.start()].rstrip(), match.group(0).strip()


def derive_title(lede: str, limit: int = DERIVED_TITLE_MAX) -> str:
    """A title from the lede's first sentence, cut at a word boundary with "…" when long."""
    text = _one_line(lede[:2000])
    text = _DATELINE_RE.sub("", text, count=1) or text
    sentence = _first_sentence(text)
    if len(sentence) <= limit:
        return sentence.rstrip(" .") if sentence.endswith(".") else sentence
    cut = sentence[: limit + 1]
    clause = cut.rfind(", ")
    if clause >= limit * 0.6:
        cut = cut[:clause]
    else:
        cut = cut.rsplit(" ", 1)[0] if " " in cut else cut[:limit]
    return cut.rstrip(" ,;:–—-") + "…"


def _first_sentence(text: str) -> str:
    for match in _SENTENCE_END_RE.finditer(text):
        before = text[max(0, match.start() - 12) : match.start()].rsplit(None, 1)
        word = before[-1].lower() if before else ""
        if word.strip("«(") in _ABBREVIATIONS or (len(word) == 1 and word.isalpha()):
            continue  # "M. Biden", "J. Biden"
        return text[: match.end()].strip()
    return text


# -- joining ---------------------------------------------------------------------------------


def _join(paragraphs: list[str]) -> tuple[str, list[tuple[int, int]]]:
    """Join paragraphs with blank lines; return the text and each paragraph's offsets."""
    spans: list[tuple[int, int]] = []
    pos = 0
    for n, para in enumerate(paragraphs):
        if n:
            pos += 2
        spans.append((pos, pos + len(para)))
        pos += len(para)
    return "\n\n".join(paragraphs), spans
