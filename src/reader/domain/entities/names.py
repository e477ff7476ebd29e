"""The extent of multi-word names: institutions, ministries, laws, names opening with an article.

General French rules (issue 12, classes 3 and 4), on spans already trimmed by `repair`:

- an institution cut after its head word (`Conseil` of `Conseil constitutionnel`,
  `Institut national` of `Institut national de police scientifique`) takes back its lowercase
  complement: adjectives and `de` + common noun (+ adjective), words known to the model's
  lemma tables (`lexicon`), up to the first word that is neither;
- `ministère de l’Intérieur`, `ministère du Logement`: a ministry named by its capitalised
  portfolio is one ORG mention, lowercase `ministère` included;
- `loi Le Meur`: a law named after a person is one MISC mention, `loi` included;
- `CHU de Lille`: an acronym + `de` + a place is one organisation;
- a name opened by an article written with a capital in mid-sentence (`Les Écologistes`,
  `La France insoumise`) keeps its article (the capital says it is part of the name);
- a number closing an organisation's name (`Terre Vive 44,`), a body named after a person
  with hyphens (`Hôpital Georges-Pompidou`), a federated state by its place (`État de Borno`
  → `Borno`), a team glued before a person the text names (two mentions);
- a name the text gives is the same name wherever it recurs (`known_names`: the pieces of a
  person's full name replaced, a missed occurrence added, never a page's rubric).
"""

from __future__ import annotations

import collections
import re
from collections.abc import Collection

from reader.domain.entities.boundaries import is_rubric_at
from reader.domain.entities.lexicon import (
    is_adjective,
    is_common_noun,
    is_country,
    is_place_name,
    is_sovereign_country,
    is_verb_form,
)
from reader.domain.entities.normalize import ELISIONS, STOP_WORDS, is_title_case
from reader.domain.entities.vocabulary import SERVICES

#: (start, end, label) offsets into the field's string
Span = tuple[int, int, str]

_UP = "A-ZÀÂÄÇÉÈÊËÎÏÔÖÙÛÜŸŒÆ"
_LO = "a-zàâäçéèêëîïôöùûüÿœæ"

#: first words of institution names (`Conseil`, `Cour`, `Agence`…), lowercase
INSTITUTION_HEADS = frozenset(
    [
        "maison",
        "palais",
        "conseil",
        "ministère",
        "ministere",
        "agence",
        "assemblée",
        "assemblee",
        "parlement",
        "sénat",
        "senat",
        "commission",
        "banque",
        "union",
        "organisation",
        "parti",
        "comité",
        "comite",
        "cour",
        "tribunal",
        "fonds",
        "fédération",
        "federation",
        "association",
        "université",
        "universite",
        "institut",
        "académie",
        "academie",
        "département",
        "departement",
        "office",
        "bureau",
        "service",
        "direction",
        "armée",
        "armee",
        "garde",
        "force",
        "forces",
        "front",
        "mouvement",
        "ligue",
        "alliance",
        "coalition",
        "gouvernement",
        "chambre",
        "congrès",
        "congres",
        "haute",
        "haut",
        "société",
        "societe",
        "groupe",
        "compagnie",
        "caisse",
        "conférence",
        "conference",
        "secrétariat",
        "secretariat",
        "collège",
        "college",
        "fondation",
        "église",
        "eglise",
        "autorité",
        "autorite",
        "observatoire",
        "syndicat",
        "centre",
        "coordination",
        "confédération",
        "confederation",
        "collectif",
        "agence",
        "conservatoire",
        "musée",
        "musee",
        "école",
        "ecole",
        "haute-autorité",
        "régie",
        "regie",
        "établissement",
        "etablissement",
        "assurance",
        "parquet",
        "commandement",
        "haut-commissariat",
    ]
)

#: first words of named events, prizes and festivals (MISC): `Festival du cinéma américain`
EVENT_HEADS = frozenset(
    [
        "festival",
        "salon",
        "tournoi",
        "championnat",
        "coupe",
        "prix",
        "trophée",
        "biennale",
        "rencontres",
        "foire",
    ]
)

#: connectors inside an institution's complement (`de`, `pour la`, `contre le`…)
_CONNECTOR = re.compile(
    r"(?<!\s)\s++(?:(?:de\s+la|de\s+l['’]|du|des|de|d['’]|aux|à\s+la|à\s+l['’]|au|et\s+des|et\s+de\s+la|"
    r"et\s+de\s+l['’]|et\s+du|et\s+de|et\s+d['’]|(?:pour|contre|sur)\s+(?:la|le|les|l['’]))\s*)"
)
_LOWER_WORD = re.compile(rf"(?<!\s)\s++([{_LO}][{_LO}-]*)(?![\w'’])")
_LOWER_WORD_GLUED = re.compile(rf"([{_LO}][{_LO}-]*)(?![\w'’])")
#: past participles that follow a name in a sentence (`le Conseil constitutionnel, saisi…`)
_PARTICIPLE = re.compile(
    r"(?:é|ée|és|ées|i|ie|is|ies|u|(?<![qg])ue|us|(?<![qg])ues|it|ite|its|ites)$"
)

#: suffixes of French adjectives (`Transition écologique`, `Parquet antiterroriste`)
_ADJ_SUFFIX = re.compile(
    r"(?:iques?|ales?|aux|elles?|els?|aires?|iens?|iennes?|ifs?|ives?|aines?|ains?|aises?|ais|"
    r"iers?|ières?|istes?|ants|antes?)$"
)
_LOWER_HEAD = re.compile(rf"^(?:[{_LO}][{_LO}-]{{2,}}\s+)+(?=[{_UP}])")
_EX_PREFIX = re.compile(rf"(?:ex|ancien|ancienne|futur|future)-(?=[{_UP}])")
#: lowercase particles of personal names (`de Gaulle`, `van Gogh`, `ben Salmane`)
_PARTICLES = frozenset(
    [
        "de",
        "du",
        "des",
        "d",
        "van",
        "von",
        "da",
        "di",
        "del",
        "della",
        "le",
        "la",
        "ben",
        "bin",
        "al",
        "el",
        "ibn",
        "dos",
        "das",
    ]
)
_PLACE_AFTER = re.compile(
    rf"(?<!\s)\s++([{_UP}][{_LO}]+(?:-[{_UP}]?[{_LO}]+)*"
    rf"(?:\s+(?:de\s+la|de\s+l['’]|du|des|de)\s+[{_UP}][{_LO}]+(?:-[{_UP}]?[{_LO}]+)*)?)(?![\w'’-])"
)
_MINISTRY = re.compile(
    rf"(?<![\w-])[Mm]inistère\s+(?:de\s+la\s+|de\s+l['’]|du\s+|des\s+)"
    rf"[{_UP}][{_LO}-]+(?:\s+(?:et\s+(?:de\s+la\s+|de\s+l['’]|du\s+|des\s+)?)?[{_UP}][{_LO}-]+)*"
    rf"(?P<tail>\s+[{_LO}]+)?"
)
_LAW = re.compile(
    rf"(?<![\w-])(?:loi|prix)\s+((?:[{_UP}][{_LO}]+|Le|La|De|Du)(?:[\s-](?:[{_UP}][{_LO}]+))*)"
    rf"(?![\w'’])"
)
_ACRONYM = re.compile(rf"[{_UP}]{{2,5}}")
_OF = re.compile(r"(?<!\s)\s++(?:de|d['’])\s*+")
_CAP_ARTICLE = re.compile(r"(?:^|(?<=\s))(Les|La|Le|L['’])\s*$")
_ARTICLE_INSIDE = re.compile(rf"(?:Les|La|Le)\s+(?=[{_UP}])|L['’](?=[{_UP}])")
_MID_SENTENCE = re.compile(rf"[{_LO},;0-9]\s+$")


def _complement_noun(word: str) -> bool:
    """A word after `de` in an institution's name: a common noun (by the lexicon, which
    lacks some: `contrôle`), so any word but a function word or an infinitive."""
    if is_common_noun(word):
        return True
    return len(word) > 2 and word not in STOP_WORDS and not word.endswith(("er", "ir", "oir"))


def complement_end(text: str, end: int) -> int:
    """Where the lowercase complement of an institution name that ends at `end` stops:
    at most two adjectives, then any number of `de` + common noun (+ adjectives)."""
    pos = end
    n_adj = 0
    while n_adj < 2:
        m = _LOWER_WORD.match(text, pos)
        if not m or _PARTICIPLE.search(m.group(1)):
            break
        word = m.group(1)
        if is_verb_form(word) and not is_adjective(word):
            break  # `Banque de France rappelle`
        if not (is_adjective(word) or (_ADJ_SUFFIX.search(word) and n_adj == 0)):
            break
        pos = m.end()
        n_adj += 1
    while True:
        c = _CONNECTOR.match(text, pos)
        if not c:
            break
        w = _LOWER_WORD_GLUED.match(text, c.end())
        if not w or not _complement_noun(w.group(1)):
            break
        pos = w.end()
        a = _LOWER_WORD.match(text, pos)
        if a and is_adjective(a.group(1)) and not _PARTICIPLE.search(a.group(1)):
            pos = a.end()
    if pos > end or text[end - 1 : end].islower():
        p = _PLACE_AFTER.match(text, pos)
        if p and is_place_name(p.group(1)):
            pos = p.end()  # `Agence régionale de santé Occitanie`
    return pos


_CONNECTOR_WORDS = frozenset(
    [
        "de",
        "du",
        "des",
        "d",
        "la",
        "le",
        "les",
        "l",
        "à",
        "au",
        "aux",
        "et",
        "pour",
        "contre",
        "sur",
        "en",
    ]
)


def _in_name(word: str) -> bool:
    """A word that can sit inside an institution's name: capitalised, a connector, a common
    noun or an adjective (not a verb such as `adopte`)."""
    w = word.strip(",;:.").replace("’", "'")
    if not w or not w[0].islower():
        return True
    w = w.split("'")[-1] if "'" in w else w
    return not w or w in _CONNECTOR_WORDS or is_common_noun(w) or is_adjective(w)


def extend_institutions(text: str, spans: list[Span]) -> list[Span]:
    """`Conseil` → `Conseil constitutionnel`, `Union des métiers` → `Union des métiers et des
    industries de l’hôtellerie`: an institution name whose lowercase complement the model
    left out takes it back (see `complement_end`)."""
    out: list[Span] = []
    for s, e, lab in spans:
        seg = text[s:e]
        ws = seg.split()
        while len(ws) > 1 and ws[-1].lower().replace("’", "'") in _TRAILING_CONNECTORS:
            ws.pop()  # `Centre européen de prévention et de` (+ `contrôle des maladies`)
            e = s + seg.rfind(ws[-1]) + len(ws[-1])
        head = ws[0].lower() if ws else ""
        if (
            (head in INSTITUTION_HEADS or head in EVENT_HEADS)
            and ws[0][:1].isupper()
            and all(_in_name(w) for w in ws[1:])
            # `Banque de France`: a name ending on a capitalised word is complete
            and (len(ws) == 1 or not ws[-1][:1].isupper() or ws[-1].lower() in INSTITUTION_HEADS)
        ):
            new_end = complement_end(text, e)
            if new_end > e:
                e = new_end
                if head in EVENT_HEADS:
                    lab = "MISC"
                elif lab in ("LOC", "PER", "MISC"):
                    lab = "ORG"
        out.append((s, e, lab))
    return out


_TRAILING_CONNECTORS = frozenset(["de", "du", "des", "et", "la", "le", "les", "pour", "contre"])
_OF_GAP = re.compile(r"(?<!\s)\s++(?:de\s+la|de\s+l['’]|du|des|de|d['’])\s*+")


def local_bodies(text: str, spans: list[Span]) -> list[Span]:
    """`Sdis du Pas-de-Calais`, `Forces armées de la Nouvelle-Calédonie`, `Chambre régionale
    des comptes de Nouvelle-Aquitaine`: a body whose own name ends in lowercase, followed by
    `de` and a place that is not a sovereign country, is that place's body: one mention.
    (`Conseil de sécurité nationale des États-Unis` stays two: the body and the country.)"""
    spans = sorted(spans)
    out: list[Span] = []
    i = 0
    while i < len(spans):
        s, e, lab = spans[i]
        ws = text[s:e].split()
        head = ws[0].lower() if ws else ""
        if (
            i + 1 < len(spans)
            and lab in ("ORG", "MISC")
            and (
                head in INSTITUTION_HEADS
                or head in EVENT_HEADS
                or head in SERVICES
                or _ACRONYM.fullmatch(ws[0])
            )
            and (ws[-1][:1].islower() or len(ws) == 1)
        ):
            s2, e2, lab2 = spans[i + 1]
            place = text[s2:e2]
            if lab2 == "LOC" and _OF_GAP.fullmatch(text[e:s2]) and not is_sovereign_country(place):
                out.append((s, e2, lab))
                i += 2
                continue
        out.append((s, e, lab))
        i += 1
    return out


def _replace(spans: list[Span], new: list[Span]) -> list[Span]:
    """`spans` without those overlapping one of `new`, plus `new`, sorted."""
    kept = [sp for sp in spans if all(sp[1] <= a or sp[0] >= b for a, b, _ in new)]
    return sorted(kept + new)


def ministries_and_laws(text: str, spans: list[Span]) -> list[Span]:
    """`ministère de l’Intérieur` (ORG), `loi Le Meur` and `prix Goncourt` (MISC) as whole
    mentions, replacing the pieces of them the model found."""
    new: list[Span] = []
    for m in _MINISTRY.finditer(text):
        e = m.end()
        tail = (m.group("tail") or "").strip()
        if tail and not (is_adjective(tail) and _ADJ_SUFFIX.search(tail)):
            e = m.start("tail")
        new.append((m.start(), e, "ORG"))
    for m in _LAW.finditer(text):
        name = m.group(1)
        if name.split()[0] in ("Le", "La", "De", "Du") and len(name.split()) < 2:
            continue
        new.append((m.start(), m.end(), "MISC"))
    return _replace(spans, new) if new else spans


def is_bare_service(word: str) -> bool:
    """`CHU`, `Samu` alone: a kind of public service, not the name of one."""
    return word.lower() in SERVICES


def acronym_of_place(text: str, spans: list[Span]) -> list[Span]:
    """`CHU de Lille`, `IUT de Lannion`: an acronym, `de`, then a place name is one
    organisation (the acronym says what kind of body, the place which one)."""
    spans = sorted(spans)
    out: list[Span] = []
    i = 0
    while i < len(spans):
        s, e, lab = spans[i]
        word = text[s:e]
        if i + 1 < len(spans) and (_ACRONYM.fullmatch(word) or word.lower() in SERVICES):
            s2, e2, lab2 = spans[i + 1]
            if lab2 == "LOC" and _OF.fullmatch(text[e:s2]):
                out.append((s, e2, "ORG"))
                i += 2
                continue
        out.append((s, e, lab))
        i += 1
    return out


def capitalised_article(text: str, span: Span, line_starts: Collection[int]) -> Span:
    """`Les Écologistes`, `La France insoumise` in mid-sentence: an article written with a
    capital right before a name is part of it; a plural such name is a group (ORG), and a
    country name followed by an adjective is not the country (`La France insoumise`)."""
    orig = span
    s, e, lab = span
    inner = _ARTICLE_INSIDE.match(text, s, e)
    if inner:
        s = inner.end()
    before = text[max(0, s - 30) : s]
    m = _CAP_ARTICLE.search(before)
    if not m:
        return orig
    a = s - (len(before) - m.start(1))
    # `Les Écologistes doivent…`: at a sentence start too, a capitalised plural in `-istes`
    # after `Les` is a party's name (no nationality ends so), its article included
    party = m.group(1) == "Les" and " " not in text[s:e] and text[s:e].endswith("istes")
    if not party and (a in line_starts or not _MID_SENTENCE.search(text[max(0, a - 3) : a])):
        return orig
    line = text.rfind("\n", 0, a) + 1
    stop = text.find("\n", e)
    if is_title_case(text[line : stop if stop >= 0 else len(text)]):
        return orig  # every word of a Title Case line is capitalised
    seg = text[s:e]
    end = e
    w = _LOWER_WORD.match(text, e)
    if w and is_adjective(w.group(1)) and not _PARTICIPLE.search(w.group(1)):
        end = w.end()
    if (end > e and is_place_name(seg)) or (
        m.group(1) == "Les" and lab != "LOC" and not is_place_name(seg)
    ):
        lab = "ORG"
    return a, end, lab


def drop_lowercase_head(text: str, span: Span) -> Span:
    """`îles Kerguelen` → `Kerguelen`, `place Beauvau` → `Beauvau`, `ex-Fondation` stays: the
    lowercase descriptors opening a span are not part of the name (name particles such as
    `de`, `van`, `ben` are left to the other rules)."""
    s, e, lab = span
    seg = text[s:e]
    m = _LOWER_HEAD.match(seg)
    ex = _EX_PREFIX.match(seg)
    if ex:
        return s + ex.end(), e, lab  # `ex-Fondation Abbé Pierre`
    if not m or any(w in _PARTICLES for w in m.group().split()):
        return span
    rest = seg[m.end() :].split()
    if rest and is_adjective(rest[0]):
        return span  # `mer Noire`, `océan Indien`: the capitalised word qualifies the head
    if is_place_name(seg) or is_country(seg[m.end() :]):
        return span  # `îles Salomon` (a country's name); `lac Tchad` (not the country)
    return s + m.end(), e, lab


_APOSTROPHE_TAIL = re.compile(r"['’][^\W\d_]+")
_APOSTROPHE_HEAD = re.compile(r"(?<![^\W\d_])([^\W\d_]++)['’]$")
_LAST_WORD = re.compile(r"(?<![^\W\d_])[^\W\d_]++$")


def whole_apostrophe_words(text: str, span: Span) -> Span:
    """`Puna` of `Puna'auia`, `Sana` of `Sana'a`: a span that stops at an apostrophe inside a
    word takes the rest of the word, and one that starts after `X'` takes `X'` back, unless
    the part before the apostrophe is a French elision (`l'`, `d'`, `qu'`…)."""
    s, e, lab = span
    if e - 1 > s and text[e - 1] in "'’" and text[e : e + 1].isalpha():
        e -= 1  # the model's span ends on the apostrophe: `Sana'` of `Sana'a`
    if e < len(text) and text[e] in "'’" and s < e:
        word = _LAST_WORD.search(text[s:e])
        m = _APOSTROPHE_TAIL.match(text, e)
        if word and m and word.group().lower() not in ELISIONS:
            e = m.end()
    if s > 1 and text[s - 1] in "'’":
        m = _APOSTROPHE_HEAD.search(text[max(0, s - 12) : s])
        if m and m.group(1).lower() not in ELISIONS and m.group(1)[0].isupper():
            s -= len(m.group())
    return s, e, lab


#: natural features named after a country: `lac Tchad` is the lake, not the country
_FEATURE_BEFORE = re.compile(r"(?<![\w-])(?:lac|fleuve|golfe|détroit|désert|canal|mont|massif)\s+$")


def feature_of_country(text: str, span: Span) -> Span:
    """`lac Tchad`: a country's name right after a lowercase natural feature names that
    feature, descriptor included (`Tchad` alone would be the country)."""
    s, e, _label = span
    window = max(0, s - 10)
    m = _FEATURE_BEFORE.search(text[window:s])
    if m and is_country(text[s:e]):
        return window + m.start(), e, "LOC"
    return span


_PARTICLE_BEFORE = re.compile(r"(?:^|(?<=[\s–—(«\"]))(?:De|Du|Van|Von|Di|Da|Del|Le|La)\s$")


def surname_particle(text: str, span: Span) -> Span:
    """`De Bruyne`, `Le Drian`, `Van Aert`: the capitalised particle right before a one-word
    person's name is part of the surname."""
    s, e, lab = span
    if lab != "PER" or " " in text[s:e]:
        return span
    m = _PARTICLE_BEFORE.search(text[max(0, s - 5) : s])
    if m:
        return s - len(m.group()), e, lab
    return span


_EVENT_NAME = re.compile(
    r"(?<![\w-])(Grand\s+)?(?:Prix|Festival|Coupe|Tournoi|Championnat|Trophée|Salon)(?![\w-])"
)


_TO_AFTER = re.compile(r"(?<!\s)\s++(?:à|au|aux)\s")


def event_names(text: str, spans: list[Span]) -> list[Span]:
    """`Prix du public`, `Grand Prix`, `Festival du cinéma américain`: a capitalised event or
    prize head with its lowercase complement (or after `Grand`) is a named event (MISC),
    added where no mention covers it."""
    new: list[Span] = []
    for m in _EVENT_NAME.finditer(text):
        s, e = m.span()
        if any(a < e and s < b for a, b, _ in spans):
            continue
        end = complement_end(text, e)
        if _TO_AFTER.match(text, e):
            continue  # `Prix à la pompe`: a price, not a prize
        if end > e or m.group(1):
            new.append((s, end, "MISC"))
    return sorted(spans + new) if new else spans


#: `pays de Galles`, `pays de Caux`: lowercase `pays` + `de` names a land when what follows is
#: not a country on its own (`le pays de Galles`, but `le pays de la France` is no name)
_PAYS_BEFORE = re.compile(r"(?<![\w-])pays\s+(?:de\s+|d['’])$")
#: `XV de France`, `XV de la Rose`: a rugby nation's team (ORG), not the country
_XV_BEFORE = re.compile(r"(?<![\w-])XV\s+(?:de\s+la\s+|de\s+l['’]|de\s+|du\s+|d['’])$")


def lands_and_fifteens(text: str, spans: list[Span]) -> list[Span]:
    """`pays de Galles` is one place (the name begins with lowercase `pays`); `XV de France`
    is a team (ORG), not the country `France`."""
    out: list[Span] = []
    for s, e, lab in spans:
        before = text[max(0, s - 16) : s]
        xv = _XV_BEFORE.search(before)
        pays = _PAYS_BEFORE.search(before)
        if xv:
            out.append((s - (len(before) - xv.start()), e, "ORG"))
        elif pays and lab == "LOC" and not is_country(text[s:e]):
            out.append((s - (len(before) - pays.start()), e, "LOC"))
        else:
            out.append((s, e, lab))
    return out


#: a capitalised first name just before a surname that opens with a particle
_FIRST_NAME_BEFORE = re.compile(rf"(?<![\w'’-])([{_UP}][{_LO}]+(?:-[{_UP}][{_LO}]+)?)\s(d['’])?$")
_PARTICLE_HEAD = re.compile(r"(?:Le|La|De|Du|Da|Di|Van|Von) ")


def first_name_before_particle(text: str, spans: list[Span]) -> list[Span]:
    """`Erwan Le Corre`, `Sandrine d’Almeida`: the model often keeps only the surname that
    opens with a particle (`Le Corre`, `Almeida`); the capitalised first name before it, when
    no common word, is part of the person's name."""
    out = list(spans)
    for s, e, lab in spans:
        if lab != "PER":
            continue
        before = text[max(0, s - 24) : s]
        m = _FIRST_NAME_BEFORE.search(before)
        if not m or not (m.group(2) or _PARTICLE_HEAD.match(text, s)):
            continue
        word = m.group(1)
        if is_common_noun(word) or is_verb_form(word.lower()) or is_place_name(word):
            continue
        new_start = s - (len(before) - m.start(1))
        out = [sp for sp in out if not (new_start <= sp[0] and sp[1] <= s)]
        out = [(new_start, e, "PER") if sp == (s, e, lab) else sp for sp in out]
    return sorted(out)


#: a number of one to three digits closing a name, before punctuation or a separator
_NUMBER_AFTER = re.compile(r" (\d{1,3})(?=[,.;:)»]|\s[|–—-]\s|$)", re.MULTILINE)


def number_in_name(text: str, spans: list[Span]) -> list[Span]:
    """`Terre Vive 44, un collectif…`, `Nantes Atlantique 2.`: a number right after the
    name of an organisation or a named thing, and before punctuation, is part of the name
    (a department's number, a series' number); not after a person or a place."""
    out: list[Span] = []
    for s, e, lab in spans:
        m = _NUMBER_AFTER.match(text, e) if lab in ("ORG", "MISC") else None
        out.append((s, m.end(), lab) if m else (s, e, lab))
    return out


_STATE_OF = re.compile(r"(?:É|E)tat\s+(?:de\s+|du\s+|d['’]\s*)(?=[A-ZÀ-Ý])")


def state_of_place(text: str, span: Span) -> Span:
    """`État de Borno`, `État du Texas` → `Borno`, `Texas`: a federated state is named by its
    place (the capitalised `État` is the descriptor); `État de Palestine`, a country's
    official name (`pycountry`: `Palestine, État de`), stays whole."""
    s, e, _label = span
    m = _STATE_OF.match(text, s, e)
    if m and m.end() < e and not is_place_name(text[m.end() : e]):
        return m.end(), e, "LOC"
    return span


def person_after_name(text: str, spans: list[Span]) -> list[Span]:
    """`Bahrain Victorious Lenny Martinez` → the team and `Lenny Martinez`: a span that ends
    with the full name (two words or more) of a person the same text names on its own, after
    a name of two words or more (or any name, when the span is not a person's), is two
    mentions: the name before (an organisation when the model said person) and the person."""
    people = {text[s:e] for s, e, lab in spans if lab == "PER" and len(text[s:e].split()) > 1}
    if not people:
        return spans
    out: list[Span] = []
    for s, e, lab in spans:
        seg = text[s:e]
        tail = next((p for p in people if seg.endswith(" " + p) and seg != p), None)
        # a person's longer name (`Jean Paul Martin` beside `Paul Martin`) has one word more;
        # a team or a body before a person has two or more
        if tail is None or (lab == "PER" and len(seg.split()) - len(tail.split()) < 2):
            out.append((s, e, lab))
            continue
        cut = e - len(tail)
        out.append((s, s + len(seg[: cut - s].rstrip()), "ORG" if lab == "PER" else lab))
        out.append((cut, e, "PER"))
    return out


def is_word_edge(text: str, pos: int) -> bool:
    """Whether `pos` is not inside a word (nor a hyphenated or elided compound)."""
    if pos <= 0 or pos >= len(text):
        return True
    before, after = text[pos - 1], text[pos]
    if before in "'’" and after.isalnum():
        elided = _ELIDED_BEFORE.search(text, max(0, pos - 8), pos - 1)
        return elided is not None  # `l’Élysée`, `d’Orsay`; not `O’Brien`'s `Brien`
    return not (before.isalnum() or before in "-'’") or not (after.isalnum() or after == "-")


_ELIDED_BEFORE = re.compile(r"(?<![\w'’-])(?i:l|d|qu|jusqu|lorsqu|puisqu|n|s|j|c|m|t)$")


def known_people(text: str, spans: list[Span]) -> list[Span]:
    """`Erwan` (LOC) + `Corre` (LOC) where the text has named `Erwan Le Corre` (PER): every
    other whole-word occurrence of a person's full name (two words or more) that the text
    gives is that person, replacing the pieces of it found there (never a span that runs
    past the name)."""
    people = {text[s:e] for s, e, lab in spans if lab == "PER" and len(text[s:e].split()) > 1}
    if not people:
        return spans
    out = list(spans)
    for name in sorted(people, key=len, reverse=True):
        pos = text.find(name)
        while pos >= 0:
            end = pos + len(name)
            inside = [sp for sp in out if sp[0] < end and pos < sp[1]]
            if (
                is_word_edge(text, pos)
                and is_word_edge(text, end)
                and inside != [(pos, end, "PER")]
                and all(pos <= sp[0] and sp[1] <= end for sp in inside)
            ):
                out = sorted([sp for sp in out if sp not in inside] + [(pos, end, "PER")])
            pos = text.find(name, end)
    return out


def known_names(text: str, spans: list[Span]) -> list[Span]:
    """Every other whole-word occurrence of a name this text gives (`Twitter` named as the
    platform, then `source : Twitter`), where the model found nothing: the same name, with
    the label the text's mentions of it mostly have. (A person's full name also replaces the
    pieces of it found there: `known_people`.)"""
    spans = known_people(text, spans)
    labels: dict[str, collections.Counter[str]] = {}
    for s, e, lab in spans:
        name = text[s:e]
        if len(name) > 2 and not name.isdigit() and any(c.isupper() for c in name):
            labels.setdefault(name, collections.Counter())[lab] += 1
    new: list[Span] = []
    taken = [(s, e) for s, e, _ in spans]
    for name in sorted(labels, key=len, reverse=True):
        lab = labels[name].most_common(1)[0][0]
        pos = text.find(name)
        while pos >= 0:
            end = pos + len(name)
            if (
                is_word_edge(text, pos)
                and is_word_edge(text, end)
                and all(end <= a or pos >= b for a, b in taken)
                and not is_rubric_at(text, pos, end)
            ):
                new.append((pos, end, lab))
                taken.append((pos, end))
            pos = text.find(name, end)
    return sorted(spans + new) if new else spans


#: a person's name as French writes it in the name of a place or a body dedicated to them:
#: hyphenated capitalised parts (`Georges-Pompidou`, `Paul-Émile-Victor`)
_DEDICATION = re.compile(rf"[{_UP}][{_LO}]+(?:-[{_UP}][{_LO}]+)+")
#: capitalised heads of buildings named after a person, besides the institutions'
_BUILDING_HEADS = frozenset(["stade", "lycée", "hôpital", "gymnase", "complexe", "salle"])


def dedicated_names(text: str, spans: list[Span]) -> list[Span]:
    """`Institut polaire français Paul-Émile-Victor`, `Hôpital Georges-Pompidou`: an
    institution's name (a capitalised head, its lowercase complement) right followed by a
    person's name written with hyphens — the French way of naming a place or a body after
    someone — is one organisation, the hyphenated name included."""
    spans = sorted(spans)
    out: list[Span] = []
    i = 0
    while i < len(spans):
        s, e, lab = spans[i]
        ws = text[s:e].split()
        head = ws[0].lower() if ws else ""
        if (
            i + 1 < len(spans)
            and ws[0][:1].isupper()
            and (head in INSTITUTION_HEADS or head in _BUILDING_HEADS)
            and all(w[:1].islower() for w in ws[1:])
        ):
            s2, e2, _lab2 = spans[i + 1]
            if text[e:s2] == " " and _DEDICATION.fullmatch(text, s2, e2):
                out.append((s, e2, "ORG"))
                i += 2
                continue
        out.append((s, e, lab))
        i += 1
    return out
