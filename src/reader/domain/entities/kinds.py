"""What kind of thing a name is, and which capitalised words are not names (issue 12, 6–7).

- **Named things** are MISC: variants and lineages by their shape (`NB.1.8.1`, `JN.1`,
  `H5N1`), `Covid-19`, a name after `variant`, `sous-variant`, `souche`; a country or a
  French region or department (`pycountry`) is a place, also when it stands for its team.
- **Seats of power** used for their institution (`Matignon`, `Élysée`) are ORG.
- **Teams and groups** named by a plural (`les Springboks`, `les Diables rouges`) are ORG,
  not MISC or people; an **acronym** is never a person.
- **Capitalised common words** are not names at the start of a line, a heading or a list item
  (`Réactions`, `Contexte`, `Enquête`), nor days and months anywhere.
"""

from __future__ import annotations

import re
from collections.abc import Collection

from reader.domain.entities.cues import addresses_someone, is_race
from reader.domain.entities.lexicon import (
    CALENDAR_WORDS,
    is_adjective,
    is_common_noun,
    is_place_name,
    is_seat_of_power,
    is_verb_form,
)
from reader.domain.entities.names import EVENT_HEADS, INSTITUTION_HEADS
from reader.domain.entities.vocabulary import COMMON_ACRONYMS, SERVICES

_UP = "A-ZÀÂÄÇÉÈÊËÎÏÔÖÙÛÜŸŒÆ"
_LO = "a-zàâäçéèêëîïôöùûüÿœæ"

#: `NB.1.8.1`, `JN.1`, `XBB.1.5`, `BA.2`, `H5N1`, `SARS-CoV-2`, `Covid-19`
_STRAIN = re.compile(
    r"(?:[A-Z]{1,4}(?:\.\d+)+|H\d{1,2}N\d{1,2}|SARS-CoV-?\d?|[Cc]ovid(?:-?19)?|COVID(?:-?19)?)"
)
#: a name that is a web address: `Cybermalveillance.gouv.fr`, `Service-public.fr`
_WEB_CHARS = re.compile(r"\w[\w.-]*+")
_WEB_ENDINGS = (".fr", ".com", ".org", ".net", ".eu", ".info", ".io")
_STRAIN_TOKEN = re.compile(r"(?<![\w.-])(?:[A-Z]{1,4}(?:\.\d+)+|H\d{1,2}N\d{1,2})(?![\w-]|\.\d)")
_NAMED_THING_BEFORE = re.compile(
    r"\b(?:sous-variants?|variants?|souches?|lignées?|virus|bactéries?|cyclones?|tempêtes?|"
    r"ouragans?|typhons?|plans?|opérations?|programmes?|projets?|dispositifs?|satellites?|"
    r"lanceurs?|fusées?|avions?|hélicoptères?|drones?|navires?|missiles?|logiciels?|"
    r"rançongiciels?|virus)(?:\s+(?!(?:avec|de|des|du|pour|contre|sur|dans|par|en|à|au|aux|et|ou|"
    r"comme|chez|entre|vers|selon)\b)[a-zàâäçéèêëîïôöùûüÿœæ]+)?\s*(?:«\s*|\"\s*)?$",
    re.I,
)
#: a lowercase word naming a kind of site right before a name: `gymnase Louis-Blériot`
_SITE_BEFORE = re.compile(
    r"\b(?:gymnase|stade|salle|place|rue|avenue|boulevard|quai|quartier|restaurant|station|"
    r"base|piscine|gare|aéroport|port|raffinerie\s+de|usine\s+de|site\s+de|commune\s+de|"
    r"hôpital\s+d['’]|hôpital\s+de|ville\s+de|quartier\s+de\s+l['’]|quartier\s+de)\s*$"
)
#: what separates the names of one list: `Lidl et Aldi`, `WhatsApp, Signal ou Telegram`
_LIST_GAP = re.compile(
    r"(?:(?<!\s)\s*+)?(?:,|–|—|-|et|ou|,\s*et|,\s*ou)\s*(?:(?:de|du|des|la|le|les)\s+|[dl]['’])?"
)
#: first words of named texts and agreements: `Convention européenne des droits de l’homme`
DOCUMENT_HEADS = frozenset(
    [
        "convention",
        "traité",
        "pacte",
        "accord",
        "accords",
        "charte",
        "déclaration",
        "protocole",
        "code",
        "loi",
    ]
)
_STOPS = frozenset(".!?…»")
_OPENERS = frozenset('|•(«"')


def opens_sentence(before: str) -> bool:
    """Whether a name after `before` opens a sentence, a line or a bracket: what the regular
    expression `(?:^|[.!?…»]\\s+|\\n\\s*|[|•(«"]\\s*)$` searched for (quadratic on runs of
    line breaks), read in one backward scan."""
    body = before.rstrip()
    gap = before[len(body) :]
    if not before or "\n" in gap:
        return True
    last = body[-1:]
    return (last in _STOPS and gap != "") or last in _OPENERS


_HEADS = INSTITUTION_HEADS | EVENT_HEADS
#: endings of past participles and present participles (`Contacté`, `Interrogée`, `Joint`)
_PARTICIPLE_END = re.compile(r"(?:é|ée|és|ées|i|ie|is|ies|u|ue|us|ues|int|ant)$")
_PLACE_PREPOSITION = re.compile(
    r"(?:près\s+de\s+|près\s+d['’]|au\s+large\s+(?:de\s+|d['’])|\bdans\s+|"
    r"\b(?:île|îles|ville|commune|région|province|archipel|village|capitale|atoll)\s+"
    r"(?:de\s+|d['’]|du\s+))$"
)
_HEADING_COLON = re.compile(r"(?:(?<!\s)\s*+)?:")
_AFTER_LOWER_WORD = re.compile(r"[a-zàâäçéèêëîïôöùûüÿœæ] $")
_ROMAN_ORDINAL = re.compile(r"[IVXLC]+(?:e|er|ème|è)?")
#: capitalised function words that open a span of otherwise lowercase words
STOP_WORDS_CAPITALISED = frozenset(
    ["la", "le", "les", "l'", "un", "une", "des", "ce", "cette", "ces", "son", "sa", "ses"]
)
_CAMEL_CASE = re.compile(rf"(?!Mc|Mac|Le|La|De|Di|Du|Van|Von)[{_UP}][{_LO}]+[{_UP}][{_UP}{_LO}]*")
_AT = re.compile(r"(?:^|\s)à\s+$")
#: a verb of announcing or deciding right after a name: its subject is someone or a body
_ANNOUNCES = re.compile(
    r"(?<!\s)\s++(?:a|avait|ont|va|vient\s++d['’])\s*+(?:confirmé|annoncé|décidé|indiqué|précisé|publié|"
    r"dénoncé|condamné|sanctionné|lancé|démenti|réagi|exigé|refusé|validé|ouvert|suspendu|"
    r"annoncer|confirmer|décider)\b|(?<!\s)\s++(?:confirme|annonce|décide|indique|précise|dénonce|"
    r"condamne|sanctionne|lance|dément|réagit|exige|refuse|valide|suspend)\b"
)
#: a past tense of an action right after a name: `a ouvert`, `ont déployé`, `a distribué`
_ACTS = re.compile(
    r"(?<!\s)\s++(?:a|ont|avait|avaient)\s++(?:(?!été\b)[a-zàâçéèêëîïôûù]+(?:é|és|i|is|it|ert|u)|"
    r"été\s++(?:mobilisée?s?|déployée?s?|sollicitée?s?|missionnée?s?))\b"
)
#: `la`/`le` right before a name, not after a preposition of place (`à la Couillole`)
_NOT_AFTER_PLACE_PREPOSITION = r"(?:^|(?<!\bà)(?<!\bde)(?<!\bvers)(?<!\bsur)(?<!\bdans)\s)"
_DEFINITE_BEFORE = re.compile(rf"{_NOT_AFTER_PLACE_PREPOSITION}(?:la|le)\s$")
_FEMININE_BEFORE = re.compile(rf"{_NOT_AFTER_PLACE_PREPOSITION}la\s$")
#: a source cited: `selon X`, `d’après X`, `interrogés par X`
_SOURCE_BEFORE = re.compile(
    r"(?:\b[Ss]elon|\b[Dd]['’]après|\binterrogée?s?\s+par|\bcitée?s?\s+par)\s+$"
)
_PLURAL_GROUP_BEFORE = re.compile(r"(?:^|\s)(?:les|des|aux|ces)\s+$", re.I)
#: only ever `fullmatch`ed: an uppercase letter, then `&`-separated pieces, the last with a
#: letter or digit (`[A-Z][A-Z0-9&.]*[A-Z0-9][A-Z0-9.]*` without its quadratic backtracking)
_ACRONYM = re.compile(rf"[{_UP}](?:[{_UP}0-9.]*+&)*+\.*+[{_UP}0-9][{_UP}0-9.]*+")


def lexical_cue(text: str, start: int, end: int) -> str | None:
    """A label the name itself or the word before it decides: a strain or disease (MISC),
    a seat of power (ORG), a country or French region (LOC)."""
    seg = text[start:end]
    if _STRAIN.fullmatch(seg):
        return "MISC"
    if seg.lower().endswith(_WEB_ENDINGS) and _WEB_CHARS.fullmatch(seg) and ".." not in seg:
        return "ORG"  # `le dispositif Cybermalveillance.gouv.fr`: a site is its publisher
    if _NAMED_THING_BEFORE.search(text[max(0, start - 20) : start]):
        return "MISC"
    if is_seat_of_power(seg):
        return "ORG"
    ws = seg.split()
    if len(ws) > 1 and ws[0].lower() in DOCUMENT_HEADS:
        return "MISC"
    if len(ws) > 1 and ws[0].lower() in SERVICES:
        return "ORG"  # `Samu du Gard`, `CHU de Nîmes`
    if is_place_name(seg):
        return "LOC"
    return None


#: words before a name that make it an organisation: `chez Esso`, `l’association Anticor`,
#: `la holding Peninsula`, `les économistes de Natixis`, `l’ailier de Manchester City`,
#: `des plateformes de livraison comme Deliveroo` (an example of companies)
_ORG_BEFORE = re.compile(
    r"(?:\b[Cc]hez|\b(?:association|holding|panéliste|prestataire|enseigne|éditeur|"
    r"fabricant|fournisseur|sous-traitant|messagerie|application|fédération|formation|"
    r"mouvement|collectif|ONG|start-up|géant|cabinet|label|studio|fonds|banque|parquet)"
    r"(?:\s+[a-zàâäçéèêëîïôöùûüÿœæ]+)?|"
    r"\b(?:plateformes|entreprises|sociétés|enseignes|applications|messageries|groupes|"
    r"partis|distributeurs|marques|constructeurs|opérateurs|laboratoires|syndicats)"
    r"(?:\s+(?:de\s+|d['’])?[a-zàâäçéèêëîïôöùûüÿœæ]+)?\s+(?:comme|tels?\s+que|telles?\s+que)|"
    r"\b(?:économistes|analystes?|actionnaires|salariés|dirigeants?|ailier|attaquant|"
    r"défenseur|milieu|gardien|capitaine|coureurs?|grimpeur|sprinteur|joueu(?:r|se)s?|"
    r"militants|sympathisants|députés|sénateurs)\s+"
    r"(?:de\s+la|de\s+l['’]|du|des|de|d['’]))\s*$"
)


def context_org_cue(text: str, start: int, end: int) -> str | None:
    """ORG when the words before the name say it is a company, a party, a team or another
    organisation (`chez Esso`, `l’association Anticor`, `les analystes de Natixis`)."""
    if _ORG_BEFORE.search(text[max(0, start - 40) : start]):
        return "ORG"
    return None


def relabel(text: str, start: int, end: int, label: str) -> str:
    """The model's label corrected by shape: an acronym is not a person (ORG); a plural name
    after `les`/`des` that the model calls MISC or PER is a team or a group (ORG)."""
    seg = text[start:end]
    if label == "PER" and " " not in seg and _ACRONYM.fullmatch(seg):
        return "ORG"
    if is_race(text, start, end, label):
        return "MISC"  # `l’étape de Paris-Nice`
    if " " not in seg and seg[:1].isupper():
        if label == "MISC" and _ANNOUNCES.match(text, end):
            return "ORG"  # `la Fifa a confirmé`: a thing does not announce
        if label == "MISC" and _FEMININE_BEFORE.search(text[max(0, start - 10) : start]):
            return "ORG"  # `gérés par la Sagess`: one word after `la` is a body, not a thing
        if (
            label == "PER"
            and _SOURCE_BEFORE.search(text[max(0, start - 30) : start])
            and not _named_as_person(text, seg)
        ):
            return "ORG"  # `selon Kantar`, `interrogés par Bloomberg`: a source with no first name
        if label == "PER" and _DEFINITE_BEFORE.search(text[max(0, start - 10) : start]):
            return "ORG"  # `la Seleção`, `le Pnaco`: French puts no article before a person
    if label in ("PER", "LOC") and _CAMEL_CASE.fullmatch(seg):
        return "ORG"  # `SpaceX`, `WhatsApp`, `BioNTech`: a brand, not `McCain` or `LeBron`
    ws = seg.split()
    if (
        label == "LOC"
        and len(ws) > 1
        and any(w[:1].islower() and len(w) > 3 for w in ws)
        and not is_place_name(seg)
        and _ANNOUNCES.match(text, end)
    ):
        return "ORG"  # `La Croix-Rouge française a lancé…`: a place named so would be known
    if (
        label == "LOC"
        and len(ws) == 1
        and "-" in seg
        and not is_place_name(seg)
        and not _COMMUNE_SHAPE.search(seg)
        and any(is_common_noun(p) or is_adjective(p) for p in seg.split("-"))
        and not any(is_place_name(p) for p in seg.split("-"))
        and _ACTS.match(text, end)
    ):
        return "ORG"  # `La Croix-Rouge a ouvert un centre`: common words that act
    if len(ws) > 1 and label in ("PER", "LOC") and not is_place_name(seg):
        # `Santé publique France`, `Île-de-France Mobilités`: a place inside a longer name
        # (for a person, not a first name that is also a department: `Aude Hesbert`)
        places = [w for i, w in enumerate(ws) if is_place_name(w) and (i or label != "PER")]
        if places and (label == "PER" or any(w[:1].islower() and len(w) > 3 for w in ws)):
            return "ORG"
    before = text[max(0, start - 30) : start]
    if label != "LOC" and len(ws) <= 2 and _SITE_BEFORE.search(before):
        return "LOC"  # `gymnase Louis-Blériot`, `la raffinerie de La Mède`
    if label == "PER" and len(ws) == 1 and _PLACE_PREPOSITION.search(before[-16:]):
        return "LOC"  # `au large de Poindimié`, `l’île d’Efate`
    if label == "PER" and len(ws) == 1 and _AT.search(before) and not addresses_someone(before):
        return "LOC"  # `habite à Callac`, `de Hienghène à Poindimié`; not `parle à Martin`
    if (
        label == "LOC"
        and len(ws) > 1
        and ws[0][:1].isupper()
        and ws[0].endswith("s")
        and is_common_noun(ws[0])
        and not is_place_name(seg)
        and _PLURAL_GROUP_BEFORE.search(text[max(0, start - 6) : start])
    ):
        return "ORG"  # `les Soulèvements de la Terre`
    if (
        label in ("MISC", "PER")
        and seg[:1].isupper()
        and seg.split()[0].endswith(("s", "x"))
        and _PLURAL_GROUP_BEFORE.search(text[max(0, start - 6) : start])
    ):
        return "ORG"
    return label


_WORD_AT_END = re.compile(rf"(?<![\w.])([{_UP}][{_LO}]*+\.?)$")
#: capitalised words before a name that are no first name (`Selon Kantar`, `Chez Bosch`)
_NOT_FIRST_NAMES = frozenset(
    [
        "selon",
        "pour",
        "chez",
        "avec",
        "et",
        "mais",
        "par",
        "sans",
        "contre",
        "face",
        "après",
        "avant",
        "depuis",
        "comme",
        "ou",
        "à",
        "d'après",
        "dont",
        "où",
        "quand",
        "si",
        "car",
        "donc",
        "puis",
        "ensuite",
        "enfin",
    ]
)


def _named_as_person(text: str, word: str) -> bool:
    """Whether `text` gives `word` a first name or a title (`Jean Dupont`, `M. Dupont`)."""
    i = text.find(word)
    while i >= 0:
        after = text[i + len(word) : i + len(word) + 1]
        if not (after.isalnum() or after == "-") and text[i - 1 : i] in (" ", "-"):
            m = _WORD_AT_END.search(text[max(0, i - 25) : i - 1])
            if m and m.group(1).lower().rstrip(".") not in _NOT_FIRST_NAMES:
                return True  # `Jean Dupont`, `M. Dupont`
        i = text.find(word, i + 1)
    return False


def is_line_start(text: str, start: int) -> bool:
    """True when `start` opens a line, a list item (`- Samedi 15 novembre`) or a part of a
    glued page line (`Justice | Saisie par…`)."""
    line = text.rfind("\n", 0, start) + 1
    prefix = re.split(r"[|•]", text[line:start])[-1].strip()
    return prefix in ("", "-", "–", "—", "*", "·")


def is_common_word_heading(
    text: str, start: int, end: int, label: str = "MISC", *, names: Collection[str] = ()
) -> bool:
    """Capitalised words that are not names: a single common noun heading a line (a short
    line, or before `:` or `|`) or a list item (`Réactions`, `Contexte`); a day, a month or
    a season; a participle at a sentence start (`Contacté, l’entourage…`) unless the text
    also writes it capitalised mid-sentence; a rubric in capitals (`SANTÉ`); a common noun
    written as an acronym (`PIB`, `Ehpad`); a roman numeral (`XVIe`); a heading made of a
    common noun and lowercase words (`Piquet de grève`); a common noun before `:`. (A
    common noun merely opening a sentence is left to the tagger: the lexicon also lists
    words that are names, `Amman`.)"""
    seg = text[start:end]
    ws = seg.split()
    if not ws:
        return True
    if _ROMAN_ORDINAL.fullmatch(seg) or seg.lower() in COMMON_ACRONYMS:
        return True
    if ws[0].lower() in CALENDAR_WORDS and all(
        w.lower() in CALENDAR_WORDS or w.isdigit() for w in ws
    ):
        return True  # `Vendredi`, `Printemps 2026`
    at_start = opens_sentence(text[max(0, start - 3) : start])
    line_start = is_line_start(text, start)
    if len(ws) > 1:
        first = ws[0]
        rest_lower = all(w[:1].islower() for w in ws[1:])
        if rest_lower and first.lower() in STOP_WORDS_CAPITALISED:
            return True  # `La sécurité et le narcotrafic`
        return bool(
            line_start
            and rest_lower
            and is_common_noun(first)
            and first.lower() not in _HEADS
            and not is_place_name(seg)
        )  # `Piquet de grève`, `Procès du meurtre`
    if not seg[:1].isupper():
        return False
    if seg.isupper():
        return len(seg) > 3 and is_common_noun(seg) and not is_place_name(seg)  # `SANTÉ`
    if not is_common_noun(seg) or is_place_name(seg):
        # `Contacté, l’entourage…`: a participle opening a sentence, or a glued standfirst
        # (`… sa priorité Réunis samedi…`)
        glued = label != "PER" and len(seg) > 4 and _AFTER_LOWER_WORD.search(text[:start][-3:])
        return bool(
            (at_start or glued)
            and not (seg in names and text.count(seg) > 1)  # not this glued place only
            and _PARTICIPLE_END.search(seg)
            and not is_place_name(seg)
            and is_verb_form(seg)
        )
    if (line_start or at_start) and seg not in names:
        stop = text.find("\n", end)
        rest = re.split(r"[|•]", text[end : stop if stop >= 0 else len(text)])[0]
        if line_start and len(rest.split()) <= 3:
            return True  # a heading, a list item, a rubric before `|`
        if _HEADING_COLON.match(rest):
            return True  # `Contexte : …`, `Tarif : 11 euros`
    return False


_PERSON_WORD = re.compile(r"[^\W\d_a-zà-ÿ][^\W\d_A-Z]+(?:-[^\W\d_a-zà-ÿ][^\W\d_A-Z]+)?")


def person_before_affiliation(
    text: str, spans: list[tuple[int, int, str]]
) -> list[tuple[int, int, str]]:
    """`Tadej Pogacar (UAE Team Emirates)`, `Marie Dupont (Les Républicains)`: two or three
    capitalised words right before a name in parentheses that is not their acronym nor a
    place are a person and their team or party, whatever the model said of the person."""
    spans = sorted(spans)
    out = list(spans)
    for i in range(len(spans) - 1):
        s, e, lab = spans[i]
        s2, e2, _lab2 = spans[i + 1]
        inner = text[s2:e2]
        ws = text[s:e].split()
        if (
            lab != "PER"
            and text[e:s2] == " ("
            and text[e2 : e2 + 1] == ")"
            and 2 <= len(ws) <= 3
            and all(_PERSON_WORD.fullmatch(w) for w in ws)
            and not is_place_name(text[s:e])
            and not is_place_name(inner)
            and re.search(r"[\s&-]", inner)  # a team's or a list's name, not `(Angleterre)`
            and not _ACRONYM.fullmatch(inner)
            and not any(w.lower() in _HEADS for w in ws)
        ):
            out[i] = (s, e, "PER")
    return out


def parenthesised_after_person(
    text: str, spans: list[tuple[int, int, str]]
) -> list[tuple[int, int, str]]:
    """`Kévin Vauquelin (Arkéa-B&B Hotels)`, `Jean Dupont (LR)`: a name alone in parentheses
    right after a person is that person's team or party (ORG); a single word in parentheses
    after an organisation's long name is its short name (ORG)."""
    spans = sorted(spans)
    out: list[tuple[int, int, str]] = []
    for i, (s, e, lab) in enumerate(spans):
        if i and text[s - 1 : s] == "(" and text[e : e + 1] == ")":
            ps, pe, plab = spans[i - 1]
            gap = text[pe : s - 1]
            # `Florian Lipowitz (Red Bull-Bora-Hansgrohe)`: even what the model calls a person
            after_person = plab == "PER" and " " in text[ps:pe].strip()
            short_name = plab == "ORG" and len(text[ps:pe].split()) >= 3 and " " not in text[s:e]
            if not gap.strip() and (after_person or short_name):
                lab = "ORG"
        out.append((s, e, lab))
    return out


def strains(text: str, spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Variants and lineages the model missed or cut (`NB.1.8.1`, `JN.1`), as MISC, replacing
    a piece of them."""
    new = [
        (m.start(), m.end(), "MISC")
        for m in _STRAIN_TOKEN.finditer(text)
        if "." in m.group() or m.group()[:1] == "H"
    ]
    if not new:
        return spans
    kept = [sp for sp in spans if all(sp[1] <= a or sp[0] >= b for a, b, _ in new)]
    return sorted(kept + new)


#: shapes of French commune names: `Saint-Malo`, `Port-Vendres`, `Aix-en-Provence`,
#: `Port-Jérôme-sur-Seine`, `Villers-lès-Nancy`
_COMMUNE_SHAPE = re.compile(
    r"^(?:Saint|Sainte|Port|Mont|Fort|Bourg|Villeneuve|Neuville|Châteauneuf)-"
    r"|-(?:sur|sous|lès|lez|en|de|du|des|la|le|aux)-"
)


def list_vote(
    text: str, spans: list[tuple[int, int, str]], cued: Collection[tuple[int, int]]
) -> list[tuple[int, int, str]]:
    """The names of one list (`Lidl et Aldi`, `Castagne, Faes, Debast`, `cyclones Judy et
    Kevin`) are of one kind: a one-word member without a cue of its own takes the label of
    a cued member, else the label most members have (a tie changes nothing). Places named
    as such (`pycountry`) keep theirs."""
    spans = sorted(spans)
    out = list(spans)
    i = 0
    while i < len(spans):
        j = i
        while j + 1 < len(spans) and _LIST_GAP.fullmatch(text[spans[j][1] : spans[j + 1][0]]):
            j += 1
        group = [k for k in range(i, j + 1) if " " not in text[spans[k][0] : spans[k][1]]]
        if len(group) > 1:
            cue_labels = {spans[k][2] for k in group if spans[k][:2] in cued}
            votes: dict[str, int] = {}
            for k in group:
                votes[spans[k][2]] = votes.get(spans[k][2], 0) + 1
            ranked = sorted(votes.items(), key=lambda kv: -kv[1])
            if len(cue_labels) == 1:
                winner: str | None = next(iter(cue_labels))
            elif len(ranked) > 1 and ranked[0][1] > ranked[1][1] and ranked[0][1] >= 2:
                winner = ranked[0][0]
            else:
                winner = None
            if winner is not None:
                for k in group:
                    s, e, lab = spans[k]
                    seg = text[s:e]
                    if (s, e) in cued or " " in seg or is_place_name(seg) or lab == winner:
                        continue
                    out[k] = (s, e, winner)
        # `du Parti socialiste et de Place publique`: beside a cued organisation, a name the
        # model calls a place or a thing, and no list of places knows, is an organisation too
        members = range(i, j + 1)
        if j > i and any(spans[k][2] == "ORG" and spans[k][:2] in cued for k in members):
            for k in members:
                s, e, lab = out[k]
                seg = text[s:e]
                if lab == "LOC" and _COMMUNE_SHAPE.search(seg):
                    continue  # `Port-Jérôme-sur-Seine`: a French commune by its shape
                # (`Transparency International et Anticor`: a lone word the model calls a
                # person, beside an organisation, is one too)
                other = lab in ("LOC", "MISC") or (lab == "PER" and " " not in seg)
                if other and (s, e) not in cued and not is_place_name(seg):
                    out[k] = (s, e, "ORG")
        i = j + 1
    return out


#: endings of French demonyms: `Français`, `Belges`, `Espagnol`, `Nigérian`, `Italiennes`
_DEMONYM_END = re.compile(
    r"(?:ais|aise|aises|ois|oise|oises|ain|aine|ains|aines|ien|ienne|iens|iennes|an|ane|ans|"
    r"anes|ol|ole|ols|oles|and|ande|ands|andes|ge|ges|que|ques|ite|ites|on|onne|ons|onnes)$"
)


def is_lexical_demonym(seg: str) -> bool:
    """`Français`, `Belges`, `Espagnol`: one capitalised word that is a French adjective of
    nationality by the lexicon and its ending (and not a place name)."""
    if " " in seg or not seg[:1].isupper() or seg.isupper() or len(seg) < 4:
        return False
    return bool(_DEMONYM_END.search(seg)) and is_adjective(seg) and not is_place_name(seg)


_YEAR_AFTER = re.compile(r" (?:19|20)\d\d(?![\d,.]\d)")


def with_year(text: str, spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """`Euro 2024`, `Coupe du monde 2023`: a name right followed by a year names one edition
    of an event (MISC), year included; not a place or a person (`Lille 2024` is kept apart
    only when the name is a country or a region)."""
    out: list[tuple[int, int, str]] = []
    for s, e, lab in spans:
        m = _YEAR_AFTER.match(text, e)
        if m and lab != "PER" and not is_place_name(text[s:e]) and text[s:e][:1].isupper():
            out.append((s, m.end(), "MISC"))
        else:
            out.append((s, e, lab))
    return out


#: only ever `fullmatch`ed; it starts at a line start (where a match of `.+` could start)
_REGNAL = re.compile(r"(?<![^\n])(.+ [IVX]+) (?:de |d['’]|du )(.++)")


def split_regnal(text: str, spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """`Abdallah II de Jordanie` → `Abdallah II` (PER) and `Jordanie` (LOC): a regnal name and
    its country are two mentions."""
    out: list[tuple[int, int, str]] = []
    for s, e, lab in spans:
        m = _REGNAL.fullmatch(text[s:e])
        if m and is_place_name(m.group(2)):
            out.append((s, s + m.end(1), "PER"))
            out.append((s + m.start(2), e, "LOC"))
        else:
            out.append((s, e, lab))
    return out


#: a verb of speech right before a name, as French reporting writes it after a quotation
#: (`», explique Jean Dupont`, `», a confié Marie Durand`, `lâche Mehdi Aït-Saïd`)
_SPEECH_BEFORE = re.compile(
    r"(?:[»\"”],?|—|–)\s*(?:a\s+|avait\s+)?(?:-t-(?:il|elle)\s+)?"
    r"(?:dit|déclar[ée]|expliqu[ée]|soulign[ée]|affirm[ée]|lâch[ée]|confi[ée]|estim[ée]|ajout[ée]|"
    r"indiqu[ée]|précis[ée]|assur[ée]|racont[ée]|regrett[ée]|reconnu|reconnaît|not[ée]|"
    r"observ[ée]|résum[ée]|insist[ée]|prévient|prévenu|rappel(?:le|é)|gliss[ée]|martel[ée]|"
    r"martèle|tranch[ée]|sourit|souri|soupir[ée]|résum[ée]|poursui(?:t|vi)|conclu|conclut|"
    r"commente|commenté|réagi|réagit|témoigne|témoigné|répond|répondu|s'inquièt[e]|"
    r"s'indign[ée]|se félicit[ée]|déplor[ée]|dénonc[ée]|avertit|averti|savourait|jubile|"
    r"explique|souligne|affirme|lâche|confie|estime|ajoute|indique|précise|assure|raconte|"
    r"regrette|note|observe|insiste|glisse|tranche|soupire|déplore|dénonce)\s+$"
)
_TITLE_WORDS = re.compile(rf"[{_UP}][{_LO}'’-]+(?:[\s-][{_UP}][{_LO}'’-]+){{1,2}}")


def speaker_cue(text: str, start: int, end: int) -> bool:
    """`», explique Jean Dupont`: a name of two or three capitalised words right after a verb
    of speech that follows a quotation is the person quoted."""
    seg = text[start:end]
    return bool(
        _TITLE_WORDS.fullmatch(seg) and _SPEECH_BEFORE.search(text[max(0, start - 40) : start])
    )
