"""Span repair: general French rules applied to the model's raw entity spans.

Every rule is about the *shape* of French text (titles, articles, elisions, sentence starts,
glued words, demonyms, datelines), never about particular names. Each rule is a small
function, unit-tested in `tests/test_entities_repair.py`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Generator, Iterable, Sequence
from dataclasses import dataclass

from reader.domain.entities.boundaries import cut_at_verb, drop_rubric, split_boundaries
from reader.domain.entities.cues import context_cue
from reader.domain.entities.kinds import (
    context_org_cue,
    is_common_word_heading,
    is_lexical_demonym,
    lexical_cue,
    list_vote,
    parenthesised_after_person,
    person_before_affiliation,
    relabel,
    speaker_cue,
    split_regnal,
    strains,
    with_year,
)
from reader.domain.entities.lexicon import (
    is_adjective,
    is_common_noun,
    is_country,
    is_place_name,
)
from reader.domain.entities.lineups import team_sheets
from reader.domain.entities.names import (
    INSTITUTION_HEADS,
    acronym_of_place,
    capitalised_article,
    dedicated_names,
    drop_lowercase_head,
    event_names,
    extend_institutions,
    feature_of_country,
    first_name_before_particle,
    is_bare_service,
    known_names,
    lands_and_fifteens,
    local_bodies,
    ministries_and_laws,
    number_in_name,
    person_after_name,
    state_of_place,
    surname_particle,
    whole_apostrophe_words,
)
from reader.domain.entities.normalize import STOP_WORDS, LazyCapitalised
from reader.domain.entities.vocabulary import SINGLE_INSTITUTIONS
from reader.domain.model import LABELS, Field, Label, RawMention
from reader.domain.textnorm import ends_with_mark

#: (start, end, label) offsets into the field's string
Span = tuple[int, int, str]
#: Universal POS of the first word of the span at `[start, end)` of `text`, in context
PosOf = Callable[[str, int, int], "str | None"]

_UP = "A-ZÀÂÄÇÉÈÊËÎÏÔÖÙÛÜŸŒÆ"
_LO = "a-zàâäçéèêëîïôöùûüÿœæ"
_APOS = "'’"

# Person titles and functions that precede a name (taken off the span; the name is a PER).
_PERSON_TITLES = (
    r"m\.|mm\.|mme|mmes|mlle|mlles|mgr|dr|pr|me|monsieur|madame|mademoiselle|messieurs|"
    r"sir|lord|dame|saint|sainte|pdg|p-dg|dg|dga|drh|ceo|"
    r"(?:vice-|ex-|l'ex-|co-)?(?:présidente?|president|premier ministre|première ministre|"
    r"ministre|chancelière?|porte-parole|secrétaire général(?:e)?|secrétaire d'état|"
    r"secrétaire|sénat(?:eur|rice)|député(?:e)?|maire|gouverneur|gouverneure|juge|procureur|"
    r"procureure|ambassadeur|ambassadrice|général|générale|colonel|capitaine|amiral|"
    r"commandant|roi|reine|prince|princesse|pape|cardinal|évêque|archevêque|rabbin|imam|"
    r"cheikh|émir|émire|sultan|ayatollah|docteur|professeur|maître|l'avocat|avocat|avocate|"
    r"conseiller|conseillère|dirigeant|dirigeante|leader|chef|cheffe|directeur|directrice|"
    r"patron|patronne|fondateur|fondatrice|candidat|candidate|sergent|lieutenant|maréchal|"
    r"homologue|collègue|opposant|opposante|journaliste|écrivain|écrivaine|acteur|actrice|"
    r"chanteur|chanteuse|entraîneur|joueur|joueuse|champion|championne|élu|élue)"
)
_TITLE_RE = re.compile(
    rf"^(?:(?:{_PERSON_TITLES})(?:\s+(?!(?:du|de|des|la|le|les|aux?|en|et)\b)(?-i:[{_LO}]+(?:-[{_LO}]+)?))?[\s,]+)(?-i:(?=[{_UP}]))",
    re.IGNORECASE,
)
_HONORIFIC_BEFORE = re.compile(
    r"(?:^|[\s(«\"'’])(?:M\.|MM\.|Mme|Mmes|Mlle|Mgr|Dr|Monsieur|Madame)\s*$"
)
_FUNCTION_BEFORE = re.compile(
    rf"(?:^|[\s'’])(?:[Pp]résidente?|[Pp]remier ministre|[Pp]remière ministre|[Mm]inistre|"
    rf"[Cc]hancelière?|[Pp]orte-parole|[Ss]ecrétaire général|[Ss]énateur|[Dd]éputée?|"
    rf"[Cc]onseiller|[Cc]onseillère|[Hh]omologue|[Dd]irigeante?|[Pp]ape|[Rr]oi|[Rr]eine|"
    rf"[Gg]énéral|PDG|[Rr]éalisat(?:eur|rice)|[Cc]inéaste|[Cc]omédienne?|[Aa]ct(?:eur|rice)|"
    rf"[Cc]hanteu(?:r|se)|[Éé]crivaine?|[Rr]omanci(?:er|ère)|[Jj]ournaliste|[Éé]conomiste|"
    rf"[Aa]vocate?(?: générale?)?|[Pp]rocureure?|[Pp]réf(?:et|ète)|[Mm]aire|[Ee]ntraîneu(?:r|se)|"
    rf"[Jj]oueu(?:r|se)|[Aa]ttaquant|[Ii]nfirmi(?:er|ère)|[Mm]édecin|[Cc]hercheu(?:r|se)|"
    rf"[Pp]olitologue|[Ss]ociologue|[Hh]istorienne?|[Ss]yndicaliste|[Mm]ilitante?|"
    rf"[Dd]irect(?:eur|rice)|[Ff]ondat(?:eur|rice)|[Pp]résentat(?:eur|rice)|[Aa]rbitre|"
    rf"[Ss]électionneu(?:r|se)|[Cc]apitaine|[Ss]kipper|[Nn]avigat(?:eur|rice))"
    rf"(?:\s++(?!(?:de|du|des|la|le|les|et|à|au|aux|en|d|l|chez|pour|sur|avec|dans|par|selon)\b)[{_LO}]+(?:-[{_LO}]+)?)?\s*+,?\s*+$"
)
#: job titles written as acronyms (`le PDG`, `la DRH`): never a name
_JOB_ACRONYMS = frozenset(
    ["pdg", "p-dg", "dg", "dga", "dgs", "drh", "daf", "dsi", "ceo", "cfo", "coo", "cto", "rh"]
)
_TITLE_WORD_RE = re.compile(rf"^(?:{_PERSON_TITLES})\b", re.IGNORECASE)
_ELISION_RE = re.compile(rf"^(?:l|d|qu|n|s|j|m|t|c|jusqu|lorsqu|puisqu|quoiqu)[{_APOS}]", re.I)
_ARTICLE_RE = re.compile(r"^(?:de la|le|la|les|du|des|de|un|une|au|aux|ce|cette|ces)\s+", re.I)
_EDGE_PUNCT = " \t\n\r.,;:!?«»\"“”‘’'()[]{}<>–—-_/\\*^|~#@&…•·"
# common nouns French writes capitalised that are not names on their own
_COMMON_CAPS = frozenset(
    [
        "état",
        "etat",
        "président",
        "présidente",
        "gouvernement",
        "monsieur",
        "madame",
        "mademoiselle",
        "premier",
        "première",
        "ministre",
        "chef",
        "etats",
        "états",
        "nation",
        "république",
        "royaume",
        "empire",
        # public authorities written with a capital as common nouns (`la Région`)
        "région",
        "département",
        "métropole",
        "agglomération",
    ]
)
_INTERJECTIONS = frozenset(
    [
        "bonjour",
        "bonsoir",
        "merci",
        "bravo",
        "salut",
        "bienvenue",
        "oui",
        "non",
        "hélas",
        "allô",
        "adieu",
        "pardon",
        "voilà",
        "eh",
        "oh",
        "ah",
        "ok",
        "okay",
        "update",
    ]
)
_DIRECTIONS = frozenset(["nord", "sud", "est", "ouest"])
_DEMONYM_SUFFIX = re.compile(
    r"(?:ains?|aines?|iens?|iennes?|ais|aises?|ois|oises?|ites?|iques?|ans|anes?|ols|oles?|ands|andes|"
    r"ards?|ardes?|ins|ines)$"
)
_LOC_DEMONYM_SUFFIX = re.compile(r"(?:ands|ais|ois|ains|iens|ens|ards|ols|ites|ans)$")
#: `|` and `•` separate the parts of a glued page line (`Justice | Saisie par…`)
_SENT_END_MARKS = ".!?…:»\n|•"
_SENT_OPENERS = '«"“([–—-'
_TIME_BEFORE = re.compile(r"\d{1,2}\s*h(?:\s*\d{2})?\s*$|\d{1,2}:\d{2}\s*$|heure\s*$", re.I)
_INSTITUTION_HEADS = INSTITUTION_HEADS
_ORG_CONTEXT_BEFORE = re.compile(
    rf"(?:\b(?:agences?|agence de presse|agences de presse|journal|quotidien|hebdomadaire|"
    rf"magazine|chaîne|radio|réseaux? sociaux?|réseau social|plateformes?|plateforme de "
    rf"[{_LO}]+(?: [{_LO}]+)?|site (?:internet|web|d['’]information)|entreprise|société|groupe|"
    rf"firme|banque|constructeur|équipementier|assureur|opérateur|distributeur|laboratoire|"
    rf"sondage|institut de sondage|cabinet|start-up|compagnie|parti|syndicats?|syndicale?|club)"
    rf"(?:\s+(?:de\s+|d['’])[{_LO}]+\s*,?|\s+(?!(?:de|du|des|la|le|les|et|à|au|aux|en)\b)"
    rf"[{_LO}]+)?\s*"
    rf"(?:[{_UP}][\w.&'’-]*(?:\s+[{_UP}0-9][\w.&'’-]*)*\s*(?:,|\bet\b|\bou\b)\s*)*$)"
)
_OF_ORG_BEFORE = re.compile(
    r"\b(?:porte-parole|conseillers?|conseillère|communiqué|siège|chef|patron|secrétaire "
    r"général|membres?|alliés|haut responsable|responsables?|services)\s+"
    r"(?:du|de la|de l['’]|des)\s*$",
    re.I,
)
_DATELINE = re.compile(
    rf"^\s*([{_UP}][{_UP}' -]*[{_UP}])\s*\(([{_UP}][{_UP}a-z.& -]*[{_UP}a-z.])\)\s*[-–—]"
)
_ACRONYM = re.compile(rf"(?<![\w-])[{_UP}][{_UP}0-9&]{{1,7}}(?![\w-])")
_MR_NAME = re.compile(
    rf"\b(?:M\.|MM\.|Mme|Mlle)\s+([{_UP}][{_LO}]+(?:[-'’][{_UP}]?[{_LO}]+)*"
    rf"(?:\s+[{_UP}][{_LO}]+(?:-[{_UP}][{_LO}]+)*)?)"
)
_ROMAN = re.compile(r"^[IVXLCDM]+$")
#: a site's name: `lemonde.fr`, `Cybermalveillance.gouv.fr` (a capital first, a sub-domain
#: such as `.gouv`)
_DOMAIN = re.compile(
    r"(?<![\w@/.-])[A-Za-z0-9][a-z0-9-]{1,62}(?:\.(?:gouv|asso|presse|co))?"
    r"\.(?:com|fr|org|net|info|eu|io|ru|uk|de|be|ch|ca)"
    r"(?![\w-]|\.[a-z])"
)
# `MISE À JOUR 5: `, `UPDATE 3 - `: a shouted header glued in front of a name
_SHOUT_PREFIX = re.compile(
    rf"^(?:(?:[{_UP}]+\s+)+[{_UP}]{{2,}}(?:\s+\d+)?\s*[:.\-–—]?\s*"
    rf"|[{_UP}]{{2,}}(?:\s+\d+\s*[:.\-–—]?|\s*[:.–—]|\s+-)\s*)(?=[{_UP}][{_LO}])"
)
#: an interjection opening a span, with its preposition: `Merci à la`, `Vive la`, `Bravo aux`
_INTERJECTION_HEAD = re.compile(
    r"(?:Merci|Bravo|Bonjour|Bonsoir|Salut|Adieu|Bienvenue|Vive|Vivent)"
    r"\s++(?:(?:à|au|aux|pour)\s++)?(?:(?:la|le|les)\s++|l['’])?"
)
#: `CGT-Cheminots`, `SUD-Rail`, `CFE-CGC`: an acronym joined by a hyphen to a name
_HYPHEN_ACRONYM = re.compile(
    rf"(?<![\w-])[{_UP}]{{2,}}[0-9]*(?:-(?:[{_UP}]{{2,}}|[{_UP}][{_LO}]+))+(?![\w-])"
)
#: `CAC 40`: an acronym and a number
_ACRONYM_NUMBER = re.compile(rf"^[{_UP}]{{2,}}\s\d+$")
#: `7 h 30 - Bonjour`: a leading number and a dash
_LEADING_NUMBER = re.compile(rf"^\d+\s*[-–—:]\s*(?=[{_UP}])")
#: `vallée du Gardon`, `cour d’assises du Rhône`: a lowercase head and `de` before the name
_LOWER_HEAD_OF = re.compile(
    rf"^[{_LO}]+(?:\s+[{_LO}]+(?:['’][{_LO}]+)?)?\s+"
    rf"(?:du|des|de la|de l['’]|de|d['’])\s*(?=[{_UP}])"
)
#: lowercase heads of a body or a site named after its place: what follows `de` is the place
_PLACE_HEADS = frozenset(
    [
        "tribunal",
        "cour",
        "préfecture",
        "sous-préfecture",
        "rectorat",
        "université",
        "vallée",
        "commune",
        "ville",
        "région",
        "département",
        "mairie",
        "hôpital",
        "site",
        "usine",
        "port",
        "aéroport",
        "gare",
        "plaine",
        "bassin",
        "baie",
        "golfe",
        "île",
        "îles",
        "massif",
        "académie",
        "diocèse",
        "parquet",
        "métropole",
        "agglomération",
        "raffinerie",
        "centrale",
        "quartier",
        "canton",
        "arrondissement",
        "campus",
        "lycée",
        "collège",
        "école",
    ]
)
#: `ministre de l’Intérieur`, `ministère russe de la Défense`: the name of a portfolio
_PORTFOLIO_BEFORE = re.compile(
    rf"\b(?:ministres?|ministères?|secrétaire d['’]État|secrétariat d['’]État|minist[èe]re|"
    rf"chargée?|délégués?|déléguées?|collègues?|homologues?)"
    rf"(?:\s+[{_LO}]+)?\s+(?:de la|de l['’]|du|des|de)\s*$",
    re.I,
)
#: capitalised sentence-initial prepositions and conjunctions that a span may swallow
_LEADING_FUNCTION = re.compile(
    r"^(?:En|Dans|Pour|Selon|Avec|Sur|Depuis|À|Au|Aux|Chez|Par|Après|Avant|Contre|Entre|"
    r"Vers|Et|Mais|Ou|Outre|Sans|Sous|Lors|Dès|Face)\s+"
    r"(?=[A-ZÀ-Ý]|(?:les|la|le|l['’]|des|du|au|aux)\s*[A-ZÀ-Ý])"
)
#: single-word assemblies written with a capital: `le Sénat`, `le Parlement`
_SINGLE_INSTITUTIONS = SINGLE_INSTITUTIONS
#: those of them that name one body on their own, capitalised (`l’Assemblée` may be the
#: start of a longer name the model missed, so it is not recovered alone)
_ASSEMBLY = re.compile(r"(?<![\w'’-])(?:Sénat|Parlement|Congrès)(?![\w'’-])")
_NEXT_WORD = re.compile(r"(?<!\s)\s++(\w++)")
#: a plural demonym after a determiner: `des Français`, `les Stéphanois`
_PLURAL_DEMONYM = re.compile(
    r"(?:ais|ois|ains|iens|éens|ands|ols|ites|ans|ards|ins|ens|ins|ons|ots|ys)$"
)
_DEMONYM_DET_BEFORE = re.compile(
    r"(?:\b(?:les|des|aux|ces|nos|vos|leurs|mes|tes|ses|deux|trois|plusieurs|nombreux|"
    r"certains|seuls|seules|autres|[Ll]es|[Dd]es|[Aa]ux|[Cc]es)|\d)\s*$"
)
_SINGULAR_DEMONYM = re.compile(r"(?:ien|ienne|ais|aise|ois|oise|ain|aine|and|ande|éen|éenne)$")
_DEMONYM_ART_BEFORE = re.compile(
    r"(?:^|\s)(?:[Ll]e|[Ll]a|[Uu]n|[Uu]ne|[Aa]u|[Dd]u|[Ll]['’]|[Dd]e l['’]|[Àà] l['’])\s*$"
)
#: `Nadia, une infirmière de 34 ans`, `Mickaël Fournier, 31 ans`: an apposition about a person
_PERSON_AFTER = re.compile(
    r"^\s*,\s*(?:\d{1,3}\s*ans\b|âgée? de \d|(?:un|une)\s+(?:jeune\s+)?(?:infirmi|médecin|"
    r"habitant|retraité|étudiant|lycéen|mère|père|enseignant|agricult|commerçant|ouvri|"
    r"employé|salarié|chauffeur|conducteur|artisan|avocat|policier|militaire|soldat|"
    r"chômeu|cadre|ingénieur|journaliste|élu|militant|syndicaliste|responsable))"
)
#: `« Les Nuits de Tanger »`: the article opening a quoted title
_TITLE_ARTICLE_BEFORE = re.compile(r"[«\"“]\s*((?:Les|Le|La|Un|Une|Des)\s+|L['’])$")
#: first words of named events: `Coupe du monde`, `Festival de Cannes`, `Jeux olympiques`
_EVENT_HEADS = frozenset(
    [
        "coupe",
        "championnat",
        "tournoi",
        "trophée",
        "jeux",
        "mondial",
        "festival",
        "salon",
        "biennale",
        "rallye",
        "marathon",
        "exposition",
        "grand-prix",
    ]
)

#: `…, Antoine Gallimard`: a comma right before the span
_PERSON_APPOSITION = re.compile(r",\s*$")

#: patterns of the small predicates below, compiled once
_NEWLINES = re.compile(r"(\n+)")
_GLUED = re.compile(rf"(?:\d|[{_LO}]{{5}})(?=[{_UP}][{_LO}'’])")
_ENDS_WITH_INITIAL = re.compile(rf"\S\s[{_UP}]$")
_STOP_THEN_WORD = re.compile(r"\.\s+(?=(\w+)\s)")
_OPEN_QUOTE_BEFORE = re.compile(r"[«\"“]\s*$")
_CLOSE_QUOTE_AFTER = re.compile(r"(?<!\s)\s*+[»\"”]")
_NUMBER_COLON_AFTER = re.compile(r"(?:(?<!\s)\s++|(?<![\s\d]))\d++\s*+:")
_CAPITALISED_WORD = re.compile(rf"[{_UP}][{_LO}]+")
_CAPITALISED_AFTER = re.compile(rf"(?<!\s)\s++[{_UP}][{_LO}]")
_HYPHENS_SPACES = re.compile(r"[-\s]+")
_SPACE_CAPITAL = re.compile(rf"\s[{_UP}]")
_CAPITALS_2_6 = re.compile(rf"[{_UP}]{{2,6}}")
_OPEN_PAREN = re.compile(r"(?<!\s)\s*+\(")
_HYPHEN_APOS = re.compile(r"[-'’]")
#: a capital inside a word after a lowercase letter: `BioNTech`, `AstraZeneca`
_CAMEL = re.compile(rf"[{_LO}][{_UP}]")
_OF_TAIL = re.compile(r"\s(?:de la|de l['’]|des|du|de)\s*(?=\S+$|\S+\s\S+$)")


@dataclass(frozen=True, slots=True)
class Piece:
    """A span under repair, with the cue label (if any) found while trimming it."""

    start: int
    end: int
    label: str
    cue: str | None = None


def as_label(label: str) -> Label:
    """A model label as one of `PER`, `ORG`, `LOC`, `MISC` (anything else is `MISC`)."""
    for lab in LABELS:
        if lab == label:
            return lab
    return "MISC"


# -- small predicates --
def is_sentence_start(text: str, start: int) -> bool:
    """True when `start` begins a sentence (text or line start, after `.`, `!`, `?`, `:`, an
    opening quote or dash at the start of a sentence)."""
    before = text[max(0, start - 40) : start]
    return ends_with_mark(before, _SENT_END_MARKS, _SENT_OPENERS) or start == 0


def words(span_text: str) -> list[str]:
    """The words of a span (split on spaces)."""
    return span_text.split()


_ELIDED = frozenset(
    ["l", "d", "qu", "n", "s", "j", "m", "t", "c", "jusqu", "lorsqu", "puisqu", "quoiqu"]
)


def is_stop_phrase(span_text: str) -> bool:
    """True when every word of the span is a French function word (`Il`, `Cela`, `qu’`)."""
    ws = [w.strip(_EDGE_PUNCT).replace("’", "'").lower() for w in span_text.split()]
    ws = [w for w in ws if w]
    if not ws:
        return True
    return all(w in STOP_WORDS or w.rstrip("'") in STOP_WORDS or w in _ELIDED for w in ws)


def fold_simple(word: str) -> str:
    """Lowercase, curly apostrophe → straight."""
    return word.replace("’", "'").lower()


# -- trimming --
def split_newlines(text: str, span: Span) -> list[Span]:
    """Cut a span at line breaks: `Ukraine\\n\\nWashington` → two spans."""
    start, end, label = span
    out: list[Span] = []
    pos = start
    for part in _NEWLINES.split(text[start:end]):
        if part and "\n" not in part:
            out.append((pos, pos + len(part), label))
        pos += len(part)
    return out


def cut_glue(text: str, span: Span) -> Span:
    """Drop what precedes a word glued to a digit or to a lost line break:
    `MISE À JOUR 3Joe Biden` → `Joe Biden`, `précédentLe Royaume-Uni` → `Le Royaume-Uni`."""
    start, end, label = span
    seg = text[start:end]
    last = None
    for m in _GLUED.finditer(seg):
        last = m.end()
    if last is not None:
        return start + last, end, label
    return span


def strip_edges(text: str, span: Span) -> Span:
    """Trim spaces and punctuation at both ends (keeping a final `.` of an abbreviation-like
    token such as `Inc.` is not needed for names: dots go too)."""
    start, end, label = span
    while start < end and text[start] in _EDGE_PUNCT:
        start += 1
    m = _LEADING_NUMBER.match(text[start:end])
    if m:
        start += m.end()
    while end > start and text[end - 1] in _EDGE_PUNCT:
        # keep a closing parenthesis or a digit-hyphen inside names like `F-35`
        end -= 1
    return keep_initial_dot(text, (start, end, label))


def keep_initial_dot(text: str, span: Span) -> Span:
    """`Karim B.`: a name ending in a one-letter initial keeps the initial's dot."""
    start, end, label = span
    seg = text[start:end]
    if end < len(text) and text[end] == "." and _ENDS_WITH_INITIAL.search(seg):
        return start, end + 1, label
    return span


def cut_sentences(text: str, span: Span) -> list[Span]:
    """`Karim B. En Île-de-France` → `Karim B.`, `En Île-de-France`: a span does not run over a
    full stop followed by a capitalised function word (a new sentence)."""
    start, end, label = span
    seg = text[start:end]
    out: list[Span] = []
    pos = 0
    for m in _STOP_THEN_WORD.finditer(seg):
        word = m.group(1)
        if not word[:1].isupper() or fold_simple(word) not in STOP_WORDS:
            continue
        out.append((start + pos, start + m.start() + 1, label))
        pos = m.end()
    out.append((start + pos, end, label))
    return out


def strip_leading(text: str, span: Span) -> tuple[Span, str | None]:
    """Take titles, honorifics, articles and elided articles off the front of a span, repeatedly.

    Returns the new span and `"PER"` when a person title was removed, `"LOC"` when the
    lowercase head of a body or a site named after its place was (`tribunal de Guéret`)."""
    start, end, label = span
    cue: str | None = None
    changed = True
    while changed and start < end:
        changed = False
        seg = text[start:end]
        m = _ELISION_RE.match(seg)
        if m and m.end() < len(seg) and is_elision(text, start, m.group()):
            start += m.end()
            changed = True
            continue
        m = _TITLE_RE.match(seg)
        if m and m.end() < len(seg):
            start += m.end()
            cue = "PER"
            changed = True
            continue
        m = _LEADING_FUNCTION.match(seg)
        if m and is_sentence_start(text, start):
            start += m.end()
            changed = True
            continue
        m = _LOWER_HEAD_OF.match(seg)
        # `général de Gaulle` is a person's name; `émir du Qatar` a title and a place
        if m and (label != "PER" or not _TITLE_WORD_RE.match(seg)):
            start += m.end()
            changed = True
            if seg.split()[0] in _PLACE_HEADS and " " not in text[start:end].strip():
                cue = cue or "LOC"  # `tribunal de Guéret`, `université de Copenhague`
            continue
        if is_quoted_title(text, start, end):
            break
        m = _ARTICLE_RE.match(seg)
        if m and m.end() < len(seg) and (seg[m.end()].isupper() or _TITLE_RE.match(seg[m.end() :])):
            lower = seg[0].islower()
            particle = (
                label == "PER" and not lower and len(seg[m.end() :].split()) == 1
            )  # `De Bruyne`, `Le Pen`, `La Fontaine`: a surname's particle
            if not particle and (
                lower or is_sentence_start(text, start) or len(seg[m.end() :].split()) > 1
            ):
                start += m.end()
                changed = True
    return (start, end, label), cue


#: elisions that may open a sentence before a name (`L’Ukraine`, `D’après Le Monde`,
#: `Qu’Emmanuel`); `N’`, `S’`, `J’`, `M’`, `T’`, `C’` elide only before verbs and pronouns
_NAME_ELISIONS = frozenset(["l", "d", "qu", "jusqu", "lorsqu", "puisqu", "quoiqu"])


def is_elision(text: str, start: int, prefix: str) -> bool:
    """Whether the `x’` opening a span at `start` is a French elision (split off) or part of
    a name (`N’Djamena`, `O’Brien`, `M’Bappé`): a lowercase elision always is; a capitalised
    one only at a sentence start and only for those that can precede a name."""
    if prefix[:1].islower():
        return True
    return prefix[:-1].lower() in _NAME_ELISIONS and is_sentence_start(text, start)


def is_quoted_title(text: str, start: int, end: int) -> bool:
    """`« Les Nuits de Tanger »`: a span of two or more words that fills a pair of quotes is the
    title of a work (its article belongs to it)."""
    if len(text[start:end].split()) < 2:
        return False
    return bool(
        _OPEN_QUOTE_BEFORE.search(text[max(0, start - 3) : start])
        and _CLOSE_QUOTE_AFTER.match(text[end : end + 3])
    )


def strip_trailing_lowercase(text: str, span: Span) -> Span:
    """`État russe` → `État`: drop trailing lowercase words after a capitalised common noun
    (then rejected as such); `Banque mondiale`, `Union européenne` are left whole."""
    start, end, label = span
    ws = text[start:end].split()
    if len(ws) < 2 or not ws[0][0].isupper() or fold_simple(ws[0]) not in _COMMON_CAPS:
        return span
    connectors = {"de", "du", "des", "d'", "d’", "la", "le", "l'", "l’", "et", "sur", "en"}
    if any(w.lower() in connectors or w.lower().startswith(("d'", "d’", "l'", "l’")) for w in ws):
        return span
    while len(ws) > 1 and ws[-1][0].islower():
        ws.pop()
    new_end = start + text[start:end].find(ws[-1], sum(len(w) for w in ws[:-1])) + len(ws[-1])
    return start, new_end, label


# -- rejection --
def is_shouting(text: str, start: int, end: int) -> bool:
    """True when the all-caps span sits in a run of all-caps words (`MISE À JOUR`, `UPDATE 7:`)
    rather than being an acronym inside ordinary text."""
    seg = text[start:end]
    if not seg.isupper():
        return False
    if sum(1 for w in seg.split() if w.isalpha() and len(w) > 1) >= 2:
        return True
    before = text[max(0, start - 30) : start].split()
    after = text[end : end + 30].split()
    if start > 0 and not text[start - 1].isspace():
        before = before[:-1]  # `L’ONU`: the elided article is not a neighbour
    if end < len(text) and not text[end].isspace():
        after = after[1:]
    neighbours = [w.strip(_EDGE_PUNCT) for w in (before[-1:] + after[:1])]
    if any(w.isupper() and w.isalpha() for w in neighbours):
        return True
    return bool(_NUMBER_COLON_AFTER.match(text[end : end + 6]))


def is_demonym(word: str, label: str, lower_words: Collection[str]) -> bool:
    """`Russes`, `Américains`: a capitalised people-noun, by its lowercase adjective in the text
    or by a demonym suffix on a MISC/PER span."""
    low = word.lower()
    if not word[:1].isupper() or " " in word or low.endswith(("iste", "istes")):
        return False  # `des Écologistes`, `les Socialistes`: a party, no nation ends so
    stem = low[:-1] if low.endswith("s") else low
    variants = {low, stem, stem + "e", stem + "es", stem + "s", stem + "ne", stem + "nes"}
    if stem.endswith("e"):
        variants |= {stem[:-1], stem[:-1] + "s"}
    if label != "LOC" and any(v in lower_words for v in variants):
        return bool(_DEMONYM_SUFFIX.search(low) or low.endswith(("e", "es", "s")))
    if label == "LOC" and low.endswith("s") and (low in lower_words or stem in lower_words):
        # `les Allemands` beside `allemand`; not `Philippines` beside `philippine`
        return bool(_LOC_DEMONYM_SUFFIX.search(low))
    return label in ("MISC", "PER") and low.endswith("s") and bool(_DEMONYM_SUFFIX.search(low))


_DEFINITE_BEFORE = re.compile(r"(?:\b(?:le|la|du|au|de la)\s|\b[lL][’'])$")
_NAME_AFTER = re.compile(rf"(?<!\s)\s++[{_UP}]")


def is_sea_name(text: str, span: Span) -> bool:
    """`du Pacifique`, `l’Atlantique`, `la Baltique`: an adjective in `-ique` used as a noun
    after a definite article, with no name after it, is an ocean or a sea (`le Britannique
    Lewis Hamilton`, a nationality before a name, is not)."""
    start, end, _ = span
    seg = text[start:end]
    return (
        seg.endswith("ique")
        and bool(_DEFINITE_BEFORE.search(text[max(0, start - 6) : start]))
        and not _NAME_AFTER.match(text, end)
    )


def is_demonym_in_context(text: str, span: Span) -> bool:
    """`54 % des Français`, `les Stéphanois`, `le Norvégien Joachim Trier`: a single capitalised
    people-noun, plural after a determiner or singular between an article and a name."""
    start, end, label = span
    seg = text[start:end]
    if label == "PER" or not _CAPITALISED_WORD.fullmatch(seg):
        return False
    low = seg.lower()
    before = text[max(0, start - 20) : start]
    if _PLURAL_DEMONYM.search(low) and _DEMONYM_DET_BEFORE.search(before):
        return True
    return bool(
        _SINGULAR_DEMONYM.search(low)
        and _DEMONYM_ART_BEFORE.search(before)
        and _CAPITALISED_AFTER.match(text[end : end + 3])
    )


#: parts of speech that make a sentence-initial capitalised word an ordinary French word
COMMON_POS = frozenset(
    {"VERB", "AUX", "ADJ", "ADV", "PRON", "DET", "ADP", "CCONJ", "SCONJ", "INTJ"}
)


def common_word_verdict(text: str, span: Span, lower_words: Collection[str]) -> bool | None:
    """`is_common_word_start` without the tagger: True or False when the text decides, None
    when only the part of speech of the span's word can tell."""
    start, end, _ = span
    seg = text[start:end]
    if " " in seg or not seg[:1].isupper() or (seg.isupper() and len(seg) > 1):
        return False
    low = fold_simple(seg)
    if low in STOP_WORDS or low in _INTERJECTIONS or low in _COMMON_CAPS:
        return True
    if _HONORIFIC_BEFORE.search(text[max(0, start - 12) : start]):
        return False  # `M. Starmer`: the dot ends an honorific, not a sentence
    if not is_sentence_start(text, start):
        return False
    if low in lower_words:
        return True
    return None


def is_common_word_start(
    text: str,
    span: Span,
    lower_words: Collection[str],
    pos_of: PosOf | None,
) -> bool:
    """A sentence-initial single capitalised word that is an ordinary French word: a function
    word, a word the article also writes in lowercase, or (with the model's morphologizer) a
    verb, adjective, pronoun, determiner, adverb, interjection…"""
    verdict = common_word_verdict(text, span, lower_words)
    if verdict is not None:
        return verdict
    return pos_of is not None and pos_of(text, span[0], span[1]) in COMMON_POS


def reject_verdict(text: str, span: Span, lower_words: Collection[str]) -> bool | None:
    """`reject` without the tagger: True or False when the text decides, None when the span is
    a sentence-initial word whose part of speech decides (see `is_common_word_start`)."""
    start, end, label = span
    seg = text[start:end]
    if end - start < 2 or not any(c.isalpha() for c in seg):
        return True
    if not any(c.isupper() for c in seg):
        return True
    if is_stop_phrase(seg):
        return True
    low = fold_simple(seg)
    if low in _COMMON_CAPS or low in _INTERJECTIONS or low in _JOB_ACRONYMS:
        return True
    if _PORTFOLIO_BEFORE.search(text[max(0, start - 60) : start]):
        return True
    if is_demonym_in_context(text, span):
        return True
    if all(p in _DIRECTIONS for p in _HYPHENS_SPACES.split(low)) and not (
        seg[:1].isupper() and is_place_name(seg)
    ):
        return True  # `nord-est`; but `le Nord`, the French department, is a place
    if is_demonym(seg, label, lower_words) or (
        is_lexical_demonym(seg) and not is_sea_name(text, span)
    ):
        return True
    if "-" in seg and " " not in seg and all(is_lexical_demonym(p) for p in seg.split("-")):
        return True  # `le Nigérian-Américain Daniel Okafor`: two nationalities
    if is_shouting(text, start, end):
        return True
    if seg.isupper() and _TIME_BEFORE.search(text[max(0, start - 12) : start]):
        return True
    if seg[0].islower() and (not _SPACE_CAPITAL.search(seg) or _TITLE_WORD_RE.match(seg)):
        return True
    # a title-only phrase left once its name was lost (`Premier ministre`)
    if all(fold_simple(w) in _COMMON_CAPS or fold_simple(w) in STOP_WORDS for w in seg.split()):
        return True
    return common_word_verdict(text, span, lower_words)


def reject(
    text: str,
    span: Span,
    lower_words: Collection[str],
    pos_of: PosOf | None = None,
) -> bool:
    """True when the span is not a name: empty, lowercase, function words only, a common
    capitalised noun, a demonym, shouted header words, a time zone, a compass pair…"""
    verdict = reject_verdict(text, span, lower_words)
    if verdict is not None:
        return verdict
    return pos_of is not None and pos_of(text, span[0], span[1]) in COMMON_POS


# -- labels --
def label_cue(text: str, start: int, end: int) -> str | None:
    """A label implied by the structure around a span: `M. X` → PER, `président X` → PER,
    `l’agence Y` / `porte-parole du Y` / a head such as `Maison`, `Conseil` → ORG."""
    before = text[max(0, start - 80) : start]
    seg = text[start:end]
    if _DOMAIN.fullmatch(seg):
        return "ORG"  # a site is named by its domain: `Service-public.gouv.fr`
    lexical = lexical_cue(text, start, end)
    if lexical is not None:
        return lexical
    if _HONORIFIC_BEFORE.search(before):
        return "PER"
    if speaker_cue(text, start, end):
        return "PER"
    context = context_cue(text, start, end)
    if context is not None:
        return context
    if _HYPHEN_ACRONYM.fullmatch(seg):
        return "ORG"
    if _ACRONYM_NUMBER.match(seg):
        return "MISC"
    ws = seg.split()
    if len(ws) > 1 and is_acronym(ws[0]) and ws[1][:1].isupper():
        return "ORG"  # `SNCF Voyageurs`, `AS Saint-Étienne`
    if fold_simple(seg) in _SINGLE_INSTITUTIONS and seg[:1].isupper():
        return "ORG"
    if is_quoted_title(text, start, end):
        return "MISC"
    if len(ws) > 1 and fold_simple(ws[0]) in _EVENT_HEADS:
        return "MISC"
    if _PERSON_AFTER.match(text[end : end + 40]) and len(ws) <= 3 and seg[:1].isupper():
        return "PER"
    first = seg.split()[0].lower() if seg.split() else ""
    if first in _INSTITUTION_HEADS and len(seg.split()) > 1:
        return "ORG"
    if _OF_ORG_BEFORE.search(before):
        return "ORG"
    if _ORG_CONTEXT_BEFORE.search(before):
        return "ORG"
    if context_org_cue(text, start, end) and not (
        _FUNCTION_BEFORE.search(before) or (len(ws) > 1 and _HONORIFIC_BEFORE.search(before))
    ):
        return "ORG"
    person_shaped = seg[:1].isupper() and not seg.isupper()  # `président LFI`: a party
    if _FUNCTION_BEFORE.search(before) and person_shaped and len(seg.split()) <= 3:
        # `président Biden`, `porte-parole du Kremlin, Dmitri Peskov`
        return "PER"
    m = _DATELINE.match(text[max(0, start - 60) : end + 40] if start < 60 else "")
    if m:
        return None
    return None


def is_acronym(word: str) -> bool:
    """`SNCF`, `OGC`: two to six capitals, not a roman numeral, not a job title."""
    return (
        bool(_CAPITALS_2_6.fullmatch(word))
        and not _ROMAN.match(word)
        and fold_simple(word) not in _JOB_ACRONYMS
    )


def merge_acronym_heads(text: str, spans: list[Span]) -> list[Span]:
    """`OGC` + `Nice` → `OGC Nice`: an acronym directly followed (one space) by a one-word
    name that is not a person is one organisation name."""
    spans = sorted(spans)
    out: list[Span] = []
    i = 0
    while i < len(spans):
        s, e, lab = spans[i]
        if i + 1 < len(spans) and is_acronym(text[s:e]):
            s2, e2, lab2 = spans[i + 1]
            nxt = text[s2:e2]
            if s2 == e + 1 and text[e] == " " and lab2 != "PER" and " " not in nxt:
                out.append((s, e2, "ORG"))
                i += 2
                continue
        out.append((s, e, lab))
        i += 1
    return out


def acronym_after_name(text: str, spans: list[Span]) -> list[Span]:
    """`Centre national du cinéma (CNC)`: an acronym in parentheses right after a name of two
    or more words takes that name's label."""
    spans = sorted(spans)
    out: list[Span] = []
    for s, e, lab in spans:
        if out and is_acronym(text[s:e]) and text[e : e + 1] == ")":
            ps, pe, plab = out[-1]
            if _OPEN_PAREN.fullmatch(text[pe:s]) and len(text[ps:pe].split()) > 1:
                lab = plab
        out.append((s, e, lab))
    return out


def datelines(text: str, line_starts: Iterable[int]) -> list[Span]:
    """`MOSCOU (REUTERS) -` at the start of a paragraph: the place (LOC) and the agency (ORG)."""
    out: list[Span] = []
    for ls in line_starts:
        m = _DATELINE.match(text, ls)
        if m:
            out.append((m.start(1), m.end(1), "LOC"))
            out.append((m.start(2), m.end(2), "ORG"))
    return out


def recover(text: str, spans: Sequence[Span], line_starts: Iterable[int]) -> list[Span]:
    """Names the model missed, by general patterns: datelines, a capitalised word after
    `M.`/`Mme`, and acronyms (`OTAN`, `TASS`, `G20`) in ordinary text."""
    taken = [(s, e) for s, e, _ in spans]

    def free(s: int, e: int) -> bool:
        return all(e <= a or s >= b for a, b in taken)

    out: list[Span] = []
    for s, e, lab in datelines(text, line_starts):
        if free(s, e):
            out.append((s, e, lab))
            taken.append((s, e))
    for m in _MR_NAME.finditer(text):
        s, e = m.span(1)
        if free(s, e) and not is_stop_phrase(m.group(1)):
            out.append((s, e, "PER"))
            taken.append((s, e))
    for m in _HYPHEN_ACRONYM.finditer(text):
        s, e = m.span()
        if free(s, e) and not is_shouting(text, s, e):
            out.append((s, e, "ORG"))
            taken.append((s, e))
    for m in _ACRONYM.finditer(text):
        s, e = m.span()
        tok = m.group()
        if not free(s, e) or _ROMAN.match(tok) or sum(c.isalpha() for c in tok) < 2:
            continue
        low = fold_simple(tok)
        if low in STOP_WORDS or low in _INTERJECTIONS or low in _JOB_ACRONYMS:
            continue
        if is_shouting(text, s, e) or _TIME_BEFORE.search(text[max(0, s - 12) : s]):
            continue
        if _HYPHEN_APOS.match(text[e : e + 1]) or (s > 0 and text[s - 1] == "-"):
            continue
        out.append((s, e, "ORG"))
        taken.append((s, e))
    for m in _DOMAIN.finditer(text):
        s, e = m.span()
        if free(s, e):
            out.append((s, e, "ORG"))
            taken.append((s, e))
    for m in _ASSEMBLY.finditer(text):
        s, e = m.span()
        nxt = _NEXT_WORD.match(text, e)
        if free(s, e) and not (nxt and is_adjective(nxt.group(1))):
            out.append((s, e, "ORG"))  # `le président du Sénat`; not `Parlement européen`
            taken.append((s, e))
    return out


# -- the whole repair --
def repair_span(text: str, span: Span) -> list[Piece]:
    """Trim one raw span into zero or more cleaner pieces (not yet filtered by `reject`)."""
    out: list[Piece] = []
    parts = (b for line in split_newlines(text, span) for b in split_boundaries(text, line))
    for sp in (p for part in parts for p in cut_sentences(text, part)):
        sp = strip_edges(text, cut_glue(text, cut_at_verb(text, sp)))
        m = _TITLE_ARTICLE_BEFORE.search(text[max(0, sp[0] - 8) : sp[0]])
        if m and is_quoted_title(text, sp[0] - len(m.group(1)), sp[1]):
            sp = (sp[0] - len(m.group(1)), sp[1], sp[2])
        m = _SHOUT_PREFIX.match(text[sp[0] : sp[1]])
        if m and m.end() < sp[1] - sp[0]:
            sp = (sp[0] + m.end(), sp[1], sp[2])
        m = _INTERJECTION_HEAD.match(text, sp[0], sp[1])
        if m and m.end() < sp[1]:
            sp = (m.end(), sp[1], sp[2])  # `Merci à la France` → `France`
        cue: str | None = None
        for _ in range(4):
            sp2, c = strip_leading(text, sp)
            cue = cue or c
            sp2 = strip_edges(text, strip_trailing_lowercase(text, sp2))
            if sp2 == sp:
                break
            sp = sp2
        if sp[1] > sp[0]:
            out.append(Piece(sp[0], sp[1], sp[2], cue))
    return out


def split_pairs(text: str, spans: list[Span]) -> list[Span]:
    """`Biden-Poutine` → `Biden`, `Poutine` when both halves are names on their own elsewhere
    in the same text (so `Royaume-Uni`, `Jean-Pierre`, `Maison-Blanche` stay whole); and two
    companies joined by a hyphen when one half is a brand in camel case (`Pfizer-BioNTech`:
    a French compound name never has a capital inside one of its words)."""
    singles = {fold_simple(text[s:e]) for s, e, _ in spans if "-" not in text[s:e]}
    out: list[Span] = []
    for s, e, lab in spans:
        seg = text[s:e]
        parts = seg.split("-")
        if (
            " " not in seg
            and lab != "LOC"  # `Tahiti-Faa'a`: places joined by a hyphen are one place
            and len(parts) == 2
            and all(p[:1].isupper() and len(p) > 1 for p in parts)
        ):
            brands = lab != "PER" and any(_CAMEL.search(p) for p in parts)
            if brands or all(fold_simple(p) in singles for p in parts):
                lab = "ORG" if brands else lab
                mid = s + len(parts[0])
                out.append((s, mid, lab))
                out.append((mid + 1, e, lab))
                continue
            out.append((s, e, lab))
        else:
            out.append((s, e, lab))
    return out


def _ends_with_proper_name(body: str) -> bool:
    """`Ca’ Foscari`, `Institut Alfred-Wegener`: two words or more, the last one capitalised
    and neither an institution's nor an event's head (`Grand Prix` de Monaco stays whole)."""
    ws = body.split()
    return (
        len(ws) >= 2
        and ws[-1][:1].isupper()
        and ws[-1].lower() not in _INSTITUTION_HEADS
        and ws[-1].lower() not in _EVENT_HEADS
        and ws[-1].lower() not in ("prix", "grand")
    )


def split_of_place(text: str, spans: list[Span]) -> list[Span]:
    """`Conseil de sécurité nationale des États-Unis` → the body and `États-Unis`, when the
    tail after `de/du/des/de la/de l’` is a place named on its own in the same text and the
    body is an institution name of at least two words, or a name complete in itself (`Ca’
    Foscari de Venise` → `Ca’ Foscari`, `Venise`)."""
    places = {fold_simple(text[s:e]) for s, e, lab in spans if lab == "LOC"}
    out: list[Span] = []
    for s, e, lab in spans:
        seg = text[s:e]
        m = _OF_TAIL.search(seg)
        named_body = bool(m) and _ends_with_proper_name(seg[: m.start()] if m else "")
        if (
            m
            and lab in ("ORG", "MISC", "LOC")
            and (seg.split()[0].lower() in _INSTITUTION_HEADS or (named_body and lab != "MISC"))
        ):
            tail = seg[m.end() :]
            body = seg[: m.start()]
            keep_whole = body.split()[-1][:1].islower() and not is_country(tail)
            if fold_simple(tail) in places and len(body.split()) >= 2 and not keep_whole:
                # the body of `Ca’ Foscari de Venise` is what is in the place, not a place
                out.append((s, s + m.start(), "ORG" if lab == "LOC" else lab))
                out.append((s + m.end(), e, "LOC"))
                continue
        out.append((s, e, lab))
    return out


#: what a repair asks the tagger: `(start, end)` of sentence-initial words of its text
PosQueries = list[tuple[int, int]]
#: a repair in steps: it yields the words whose part of speech it needs and is sent back
#: their tags (same order), then returns its mentions
RepairSteps = Generator[PosQueries, list[str | None], list[RawMention]]


_LOWER_AFTER = re.compile(rf"(?<!\s)\s++[{_LO}]")


def common_by_pos(text: str, span: Span, tag: str | None, names: Collection[str]) -> bool:
    """Whether a sentence-initial word whose part of speech is `tag` is an ordinary word: a
    verb, adjective, pronoun… (`COMMON_POS`), or a noun the lexicon knows as a common noun
    that runs on into lowercase words (`Réfection de la toiture`, `« Séparation confirmée »`)
    and that the text never writes capitalised in mid-sentence (`Amman`, tagged a proper
    noun, stays; so does `Orange` where the text names the company again)."""
    if tag in COMMON_POS:
        return True
    seg = text[span[0] : span[1]]
    return bool(
        tag == "NOUN"
        and " " not in seg
        and seg not in names
        and is_common_noun(seg)
        and not is_place_name(seg)
        and _LOWER_AFTER.match(text, span[1])
    )


def _keep(
    text: str,
    spans: list[Span],
    lower_words: Collection[str],
    exempt: Collection[Span] = (),
    names: Collection[str] = (),
) -> Generator[PosQueries, list[str | None], list[Span]]:
    """The spans `reject` lets through (those in `exempt` always), asking the tagger once for
    every span only a part of speech decides (`common_by_pos`)."""
    verdicts = [False if sp in exempt else reject_verdict(text, sp, lower_words) for sp in spans]
    ask = [(sp[0], sp[1]) for sp, v in zip(spans, verdicts, strict=True) if v is None]
    if ask:
        tags = iter((yield ask))
        verdicts = [
            common_by_pos(text, sp, next(tags), names) if v is None else v
            for sp, v in zip(spans, verdicts, strict=True)
        ]
    return [sp for sp, v in zip(spans, verdicts, strict=True) if not v]


def repair_steps(
    text: str,
    spans: Iterable[Span],
    *,
    field: Field,
    lower_words: Collection[str],
    line_starts: Iterable[int] = (0,),
    recover_missed: bool = True,
    cues: dict[tuple[int, int], str | None] | None = None,
) -> RepairSteps:
    """`repair` as a generator that asks for parts of speech in batches (at most twice), so
    that a caller can tag the words of many texts at once; see `run_repair`.

    `cues`, when given, receives the `label_cue` of every returned mention's `(start, end)`
    (linking needs them again)."""
    starts = list(line_starts)
    start_set = set(starts)
    spans = list(spans)
    names = LazyCapitalised(text)
    pieces: list[Span] = []
    for span in spans:
        for p in repair_span(text, whole_apostrophe_words(text, span)):
            label = p.cue or relabel(text, p.start, p.end, p.label)
            sp = drop_rubric(text, (p.start, p.end, label), start_set, names)
            sp = feature_of_country(text, drop_lowercase_head(text, state_of_place(text, sp)))
            sp = surname_particle(text, sp)
            pieces.append(capitalised_article(text, sp, start_set))
    pieces = split_of_place(text, split_pairs(text, extend_institutions(text, pieces)))
    pieces = person_after_name(text, pieces)
    pieces = [sp for sp in pieces if not is_common_word_heading(text, *sp, names=names)]
    kept = yield from _keep(text, pieces, lower_words, names=names)
    # a single word that ends a multi-word person name of this text is that surname, even at
    # a sentence start where it could pass for a verb (`Starmer s’envolera…`)
    surnames = {
        text[s:e].split()[-1] for s, e, lab in kept if lab == "PER" and " " in text[s:e].strip()
    }
    kept += [
        sp
        for sp in pieces
        if sp not in kept and " " not in text[sp[0] : sp[1]] and text[sp[0] : sp[1]] in surnames
    ]
    kept.sort()
    if recover_missed:
        exempt = set(datelines(text, starts)) | {
            (m.start(), m.end(), "ORG") for m in _DOMAIN.finditer(text)
        }
        found = [
            sp
            for sp in recover(text, kept, starts)
            if sp in exempt or not is_common_word_heading(text, *sp, names=names)
        ]
        kept += yield from _keep(text, found, lower_words, exempt, names)
    kept = acronym_of_place(text, strains(text, ministries_and_laws(text, kept)))
    kept = lands_and_fifteens(text, event_names(text, kept))
    kept = known_names(text, first_name_before_particle(text, dedicated_names(text, kept)))
    kept = split_regnal(text, with_year(text, number_in_name(text, local_bodies(text, kept))))
    kept = [sp for sp in kept if not is_bare_service(text[sp[0] : sp[1]])]
    kept = acronym_after_name(text, merge_acronym_heads(text, kept))
    kept = parenthesised_after_person(text, person_before_affiliation(text, kept))
    # structural label cues override the model
    relabelled: list[Span] = []
    cue_of: dict[tuple[int, int], str | None] = {}
    for s, e, lab in kept:
        cue = cue_of[(s, e)] = label_cue(text, s, e)
        if cue == "ORG" and lab == "PER" and _PERSON_APPOSITION.search(text[max(0, s - 3) : s]):
            # `Son éditeur, Antoine Gallimard`: a name in apposition is the person
            ws = text[s:e].split()
            if len(ws) > 1 and all(_CAPITALISED_WORD.match(w) for w in ws):
                cue = cue_of[(s, e)] = None
        relabelled.append((s, e, cue or lab))
    relabelled = list_vote(text, relabelled, {k for k, c in cue_of.items() if c})
    relabelled = team_sheets(text, relabelled)
    for s, e, _lab in relabelled:
        cue_of.setdefault((s, e), None)
    # drop duplicates and overlaps (keep the longer span)
    relabelled.sort(key=lambda x: (x[0], -(x[1] - x[0])))
    out: list[RawMention] = []
    last_end = -1
    for s, e, lab in relabelled:
        if s < last_end:
            continue
        out.append(RawMention(field, s, e, text[s:e], as_label(lab)))
        last_end = e
        if cues is not None:
            cues[(s, e)] = cue_of[(s, e)]
    return out


def run_repair(
    steps: RepairSteps, tag: Callable[[PosQueries], list[str | None]]
) -> list[RawMention]:
    """Drive a `repair_steps` generator to its end, answering its questions with `tag`."""
    try:
        queries = next(steps)
        while True:
            queries = steps.send(tag(queries))
    except StopIteration as done:
        return done.value  # type: ignore[no-any-return]


def repair(
    text: str,
    spans: Iterable[Span],
    *,
    field: Field,
    lower_words: Collection[str],
    pos_of: PosOf | None = None,
    line_starts: Iterable[int] = (0,),
    recover_missed: bool = True,
) -> list[RawMention]:
    """Repair the model's spans over one field's string (`title` or `text`) into mentions:
    trimmed, split, relabelled by structural cues, false names rejected, missed names added.

    `lower_words` is the article's lowercase vocabulary; `pos_of` gives the model's POS of a
    word in context (optional); `line_starts` are the paragraph starts (for datelines)."""
    steps = repair_steps(
        text,
        spans,
        field=field,
        lower_words=lower_words,
        line_starts=line_starts,
        recover_missed=recover_missed,
    )

    def tag(queries: PosQueries) -> list[str | None]:
        return [pos_of(text, s, e) if pos_of is not None else None for s, e in queries]

    return run_repair(steps, tag)
