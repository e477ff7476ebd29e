"""Context cues for what kind of thing a name is (issue 12: wrong labels on any beat).

Each cue reads the name's shape or the few words right around it, with common French
vocabulary only (cue nouns, verbs, prepositions), never a list of names:

- **places**: `à X`, `habitants de X`, a kind of site before the name (`la raffinerie de X`,
  `les hôpitaux de X`, `le site historique de X`, `la station franco-italienne X`), an
  apposition `X, une commune de…`;
- **organisations**: an apposition naming a kind of organisation after the name (`X, la
  chaîne qatarie`, `X, la communauté de communes`) or before it (`l’agence spatiale
  japonaise, la Jaxa`), `la directrice du X`, a name ending with a word of company or public
  body names (`… International`, `… Communauté`, `… Autoroutes`), a name joined to an acronym
  by a hyphen (`Groupama-FDJ`), a publisher (`Éditions de …`), a club (`Stade toulousain`);
- **named things**: a race named by two places (`Paris-Nice`) in a text about a race, an
  event whose name ends with an English word of competitions (`Rugby Championship`), what a
  `jury` awards (`le jury du Femina`), a regulation's acronym (`règlement … (RGPD)`);
- **people**: an apposition naming a profession after the name (`X, économiste chez Y`), a
  kin or role noun before it (`Son mari, Gérard,`).
"""

from __future__ import annotations

import re

from reader.domain.entities.lexicon import is_common_noun, is_country, is_place_name
from reader.domain.entities.names import INSTITUTION_HEADS
from reader.domain.quotes.lexicon import SPEECH_FORMS

_UP = "A-ZÀÂÄÇÉÈÊËÎÏÔÖÙÛÜŸŒÆ"
_LO = "a-zàâäçéèêëîïôöùûüÿœæ"
_AP = "'’"

# -- places -------------------------------------------------------------------------------
#: sites named by the name right after them: `la station Concordia`, `la place Vival`
_SITE_DIRECT = (
    r"gymnase|stade|salle|place|rue|avenue|boulevard|quai|quartier|restaurant|station|base|"
    r"piscine|gare|aéroport|port|parc|pont|col|cité|hameau|lieu-dit|plage|vallée|île|atoll|"
    r"court|circuit|vélodrome|hippodrome|patinoire|esplanade|square|jardin|parvis|impasse|"
    r"chemin|rocade|camping|hôtel|résidence|immeuble"
)
#: places named after `de`: `la raffinerie de X`, `les hôpitaux de X`, `les habitants de X`
_PLACE_OF = (
    r"raffineries?|usines?|sites?|communes?|villes?|villages?|hôpital|hôpitaux|mairies?|"
    r"habitants?|habitantes?|riverains?|maire|centre-ville|banlieue|environs|périphérie|"
    r"agglomération|préfecture|sous-préfecture|entrepôts?|ports?|aéroports?|gares?|plages?|"
    r"stations?|quartiers?|bourgs?|églises?|écoles?|collèges?|lycées?|casernes?|prisons?|"
    r"centrales?|mines?|chantiers?|docks?"
)
_SITE_BEFORE = re.compile(
    rf"(?:^|[\s'’])(?:(?:{_SITE_DIRECT})(?:\s+(?!natale?\b)[{_LO}]+(?:-[{_LO}]+)*)?\s+|"
    rf"(?:{_PLACE_OF})(?:\s+(?!natale?\b)[{_LO}]+)?\s+(?:de|du|d['’])\s*|"
    rf"(?:{_PLACE_OF})(?:\s+(?!natale?\b)[{_LO}]+)?\s+(?:de|du|d['’])\s*[^\s,]+,\s+(?:et\s+)?(?:de|du|d['’])\s*|"
    rf"(?:{_PLACE_OF})\s+(?:de|du|d['’])\s*[^\s,]+\s+et\s+(?:de|du|d['’])\s*)$"
)
_AT = re.compile(r"(?:^|[\s(])[àÀ]\s+$")
#: verbs and phrases after which `à` introduces a person or a body, not a place
_NOT_PLACE_AT = re.compile(
    r"\b(?:parl|dit|di[st]|répond|écri|demand|expliqu|annonc|adress|reproch|rappel|lanc|"
    r"propos|conseill|promi|souhait|envoy|téléphon|succéd|succède|rend|offert|offr|donn|"
    r"confi|rapport|montr|présent|remis|remet|reçu|pass|oppos|ressembl|hommage|déclar|"
    r"pren[ds]|pris|grâce|face|quant|cause|appartien|appartenu|particip|associ|affili|"
    r"rattach|fidèle|allée?s?|attribu|décern|transmi|transmett|vend|vendu|cédé|cède|lié|"
    r"liée|identique|semblable|comparable|compar|inspir|pens|croi|lettre|appel|ordonn|"
    r"permis|interdit|répliqu|rétorqu|signal|accord|servi|dédi|consacr|confront|"
    r"ouvert|s'attaqu|s'en|imput|attribuées?|reproché|écrit|révél|jusqu['’])\w*"
    r"(?:\s+\w+)?\s+[àÀ]\s+$",
    re.I,
)
#: one name: a capital, then letters (any script's), apostrophes and hyphens
_ONE_NAME = re.compile(r"(?=[^\W\d_])[^\W\d_a-zà-ÿ][^\W\d_]*(?:['’-][^\W\d_]+)*")
#: an apposition after the name saying it is a place: `X, une commune de…`
_PLACE_APPOSITION = re.compile(
    r"^\s*,\s+(?:la|une|l['’]|le|un)\s*(?:petite\s+|grande\s+|ancienne\s+)?"
    r"(?:ville|commune|capitale|localité|bourgade|cité|village|station balnéaire|île|"
    r"presqu['’]île|région|province|préfecture|sous-préfecture|quartier|banlieue)\b"
)


#: where a place lies, right after it: a French department or region in parentheses or after
#: `, en`, or a phrase of location (`, dans la banlieue de`, `, près de`, `, au nord de`)
_LOCATED_AFTER = re.compile(
    r"^\s*(?:\(([^()\d]{2,40})\)|,\s+en\s+([A-ZÀ-Ý][^\s,.;]+(?:[- ][^\s,.;]+){0,3})(?=[,.;)])|"
    r",\s+(?:dans\s+la\s+banlieue|près\s+(?:de\s+|du\s+|d['’])(?=[A-ZÀ-Ý])|non\s+loin\s+d|"
    r"au\s+(?:nord|sud|large|pied|bord|cœur)\s+d|à\s+l['’](?:est|ouest)\s+d|à\s+\d+\s*km\s+d)\w*)"
)
#: `relie Pinerolo à`, `relie Pinerolo et` (the start of a route), `… à Valloire` after it
_LINKS_BEFORE = re.compile(
    r"\b(?:reli(?:e|ent|ait|aient|era|ant)|relié|rallie|rallient)\s+(?:(?:\S+\s+)?(?:à|et)\s+)?$"
)
_BETWEEN_BEFORE = re.compile(r"\bentre\s+$|\bentre\s+\S+\s+et\s+$")
_AND_NAME_AFTER = re.compile(r"^\s+et\s+[A-ZÀ-Ý]|^\s*[,.;]")
#: the Near, Middle and Far East
_ORIENT = re.compile(r"(?:Proche|Moyen|Extrême)[- ]Orient")
_FROM_BEFORE = re.compile(r"(?:^|\s)(?:de\s+|d['’])$")
_TO_PLACE_AFTER = re.compile(r"^\s++à\s++[A-ZÀ-Ý][^\W\d_]*+(?:-[^\W\d_]++)*+\s*+[,.;)]")


_WORD_SPLIT = re.compile(r"[\s'’]+")


def _last_words(before: str, n: int) -> set[str]:
    """The last `n` words of `before`, lowercase (elided articles split off)."""
    return set(_WORD_SPLIT.split(before[-60:].lower())[-n - 1 :])


#: every word that can open `_SITE_BEFORE` (a cheap test before the expression)
_SITE_WORDS = frozenset(
    form
    for alt in (_SITE_DIRECT + "|" + _PLACE_OF).split("|")
    for form in ((alt[:-2], alt[:-1]) if alt.endswith("s?") else (alt.rstrip("?"),))
)


def _site_word_near(before: str) -> bool:
    """Whether a word naming a site is among the last words of `before`."""
    return bool(_last_words(before, 8) & _SITE_WORDS)


#: a transfer to someone, a few words before `à`: `cède 121 magasins à`, `la cession … à`
_TRANSFER_TO = re.compile(
    r"\b(?:cèd|céd|cession|vend|vente|revend|rachet|rachat|confi|attribu|transf[eé]r|fourni|"
    r"livr|octroy|vers[eé]|pay[eé]|paie|remis|remet|envoy|adress|lou[eé]|allou|accord|"
    r"facturé|reproch|dédi|cédant)\w*(?:\s+\S+){0,6}\s+[àÀ]\s+$",
    re.I,
)


def addresses_someone(before: str) -> bool:
    """`a décerné le prix à`, `grâce à`, `cède 121 magasins à`: the `à` that ends `before`
    introduces a person or a body, not a place."""
    return bool(_NOT_PLACE_AT.search(before) or _TRANSFER_TO.search(before))


def place_cue(text: str, start: int, end: int) -> str | None:
    """LOC when the words around say the name is a place: `à X` (one name, not after a verb
    that addresses someone), a kind of site before it, or an apposition `X, une commune`."""
    before = text[max(0, start - 60) : start]
    seg = text[start:end]
    if not seg[:1].isupper() or seg.split()[0].lower() in INSTITUTION_HEADS:
        return None  # `ministère du Logement`, `Conseil d’État`: a body's own name
    if _PLACE_APPOSITION.match(text[end : end + 40]) or _ORIENT.fullmatch(seg):
        return "LOC"
    located = _LOCATED_AFTER.match(text[end : end + 50])
    if located:
        paren, region = located.group(1), located.group(2)
        if paren is None and region is None:
            return "LOC"  # `Feyzin, dans la banlieue sud de Lyon`
        if (
            paren is not None
            and " " not in seg
            and is_place_name(paren.strip())
            and not is_country(paren.strip())
        ):
            return "LOC"  # `Gonfreville-l’Orcher (Seine-Maritime)`, not `Draghi (Italie)`
        if region is not None and is_place_name(region) and not is_country(region):
            return "LOC"  # `Donges, en Loire-Atlantique`
    one_name = bool(_ONE_NAME.fullmatch(seg)) and seg[:1].isupper() and not seg.isupper()
    route = _FROM_BEFORE.search(before[-4:]) and _TO_PLACE_AFTER.match(text[end : end + 30])
    links = "reli" in before[-30:] or "rallie" in before[-30:]
    if one_name and (route or (links and _LINKS_BEFORE.search(before[-30:]))):
        return "LOC"  # `de Hienghène à Poindimié`, `l’étape relie Pinerolo à Valloire`
    between = (
        "entre" in before[-30:]
        and _BETWEEN_BEFORE.search(before[-30:])
        and _AND_NAME_AFTER.match(text[end : end + 40])
    )
    if one_name and between and _RACE_WORDS.search(text[max(0, start - 250) : end + 250]):
        return "LOC"  # `l’étape, entre Pinerolo et Valloire`
    if " " not in seg.strip() and _site_word_near(before) and _SITE_BEFORE.search(before):
        return "LOC"
    if (
        _AT.search(before)
        and _ONE_NAME.fullmatch(seg)
        and seg[:1].isupper()
        and not addresses_someone(before)
        and not seg.isupper()
    ):
        return "LOC"
    return None


# -- organisations ------------------------------------------------------------------------
#: lowercase masculine nationality adjectives French news puts before a company
_NATIONALITIES = (
    r"chinois|américain|japonais|allemand|britannique|français|italien|espagnol|coréen|"
    r"sud-coréen|indien|suisse|néerlandais|belge|suédois|finlandais|danois|norvégien|"
    r"canadien|brésilien|russe|turc|taïwanais|israélien|saoudien|émirati|qatari|"
    r"luxembourgeois|irlandais|australien|mexicain|polonais|autrichien|portugais|grec"
)
#: nouns of kinds of organisations (an apposition with one of them names an organisation)
_ORG_NOUNS = (
    r"chaîne|radio|télévision|journal|quotidien|hebdomadaire|mensuel|magazine|titre|agence|"
    r"entreprise|société|groupe|firme|banque|compagnie|constructeur|équipementier|"
    r"distributeur|enseigne|fabricant|opérateur|laboratoire|start-up|association|ONG|"
    r"fondation|fédération|syndicat|parti|mouvement|coalition|collectif|communauté de "
    r"communes|communauté d['’]agglomération|communauté urbaine|intercommunalité|"
    r"métropole|institut|club|équipe|formation|organisation|institution|autorité|"
    r"instance|commission|office|régie|mutuelle|assureur|filiale|"
    r"maison d['’]édition|maison mère|éditeur|studio|label|plateforme|réseau social|"
    r"messagerie|application|site\s+d['’]information|organisme|établissement|parquet|juridiction|cabinet|"
    r"holding|conglomérat|multinationale|marque|union|confédération|alliance|milice|"
    r"organisation terroriste|groupe armé|sélection|franchise|écurie|coentreprise|"
    r"co-entreprise|joint-venture|entité"
)
_ORG_APPOSITION_AFTER = re.compile(
    rf"^\s*,\s+(?:le|la|l['’]|les|un|une)\s*(?:(?:nouvelle?|nouvel|grande?|petite?|jeune|"
    rf"puissante?|célèbre|principale?|premier|première|deuxième|seule?)\s+)?(?:{_ORG_NOUNS})\b"
)
_DETERMINER = r"(?:^|[\s'’])(?i:le|la|l['’]|les|un|une|leur|leurs|son|sa|ses|notre|cette|ce)\s*"
#: `Leclerc reste le premier distributeur français`: the name is said to be an organisation
_ORG_ATTRIBUTE = re.compile(
    rf"^\s+(?:est|reste|demeure|devient|était|restait|sera)\s+(?:le|la|l['’]|un|une)\s*"
    rf"(?:(?:premier|première|deuxième|second|seconde|troisième|principale?|plus\s+grande?|"
    rf"nouvelle?|nouvel|seule?)\s+)?(?:{_ORG_NOUNS})\b"
)
_ORG_APPOSITION_BEFORE = re.compile(
    rf"{_DETERMINER}(?:{_ORG_NOUNS})(?:\s+(?!(?:un|une|le|la|les|des)\b)[{_LO}-]+){{1,3}}\s*,\s+(?:(?:le|la|l['’]|les)\s*)?$"
)
#: `Stellantis (+3 %)`: a share price moving after the name
_SHARE_MOVE = re.compile(r"^\s*\(\s*[+-−]\s*\d+(?:[,.]\d+)?\s*%\s*\)")
#: heads of an organisation's name before `du`/`de la`: `la directrice du Louvre-Lens`
_ORG_OF = re.compile(
    r"\b(?:directeur|directrice|direction|dirigeants?|dirigeante|PDG|p-dg|patron|patronne|"
    r"fondateur|fondatrice|cofondateur|cofondatrice|filiale|actionnaires?|"
    r"président-directeur général|présidente-directrice générale|concurrents?|rachat)\s+"
    r"(?:du|de\s+la|de\s+l['’]|des|d['’]|de)\s*$",
    re.I,
)
#: last words of names of companies and public bodies: `Thales Alenia Space`,
#: `Quimperlé Communauté`, `Vinci Autoroutes`, `Mercator Ocean International`
_ORG_LAST_WORDS = frozenset(
    [
        "international",
        "group",
        "groupe",
        "holding",
        "space",
        "systems",
        "technologies",
        "technology",
        "airlines",
        "airways",
        "industries",
        "industrie",
        "motors",
        "pharma",
        "capital",
        "partners",
        "bank",
        "media",
        "médias",
        "energy",
        "énergies",
        "communauté",
        "métropole",
        "agglomération",
        "agglo",
        "habitat",
        "consulting",
        "solutions",
        "services",
        "logistique",
        "transports",
        "autoroutes",
        "mobilités",
        "assurances",
        "finance",
        "immobilier",
        "distribution",
        "telecom",
        "télécom",
        "inc",
        "ltd",
        "gmbh",
        "sa",
        "sas",
        "plc",
        "corp",
        "corporation",
        "company",
        "foundation",
        "institute",
        "university",
        "agency",
        "network",
        "networks",
        "software",
        "labs",
        "studios",
        "records",
        "entertainment",
        "productions",
        "films",
        "éditions",
        "united",
        "video",
        "tv",
        "music",
        "pictures",
        "mobile",
    ]
)
#: first words of names of publishers and clubs: `Éditions de Minuit`, `Olympique lyonnais`
_ORG_FIRST_WORDS = frozenset(
    [
        "éditions",
        "editions",
        "olympique",
        "racing",
        "sporting",
        "athletic",
        "atlético",
        "real",
        "dynamo",
    ]
)
#: `Stade toulousain`, `Stade rochelais`: a club by `Stade` and a demonym adjective
_CLUB = re.compile(rf"Stade\s+[{_LO}]+(?:ain|ais|ois|ien|in|ard)")
#: `Groupama-FDJ`, `Comcyber-MI`: a name and an acronym joined by a hyphen
_NAME_ACRONYM = re.compile(rf"[{_UP}][{_LO}]+(?:\s[{_UP}][{_LO}]+)*-[{_UP}][{_UP}&]+(?:\s\S+)*")


#: a lowercase kind of institution right before its own name (`l’université Al-Azhar`,
#: `le musée Grévin`), or a museum by the definite article (`le musée du Louvre`); not
#: `l’université de Copenhague`, which is named after its place
_INSTITUTION_NAMED = re.compile(
    r"(?:^|[\s'’])(?:université|musée|lycée|collège|clinique|fondation|institut|théâtre|"
    r"opéra|bibliothèque|médiathèque|conservatoire)\s+$|(?:^|[\s'’])musée\s+(?:du|de\s+la|"
    r"de\s+l['’]|des)\s*$"
)
_BY_ARTICLE_NAME = re.compile(r"\bpar\s+$")
#: `…, la ` / `…, ` at the end of the words before a name: an apposition may precede it
_APPOSITION_END = re.compile(r",\s*(?:(?i:le|la|les)\s+|(?i:l)['’]\s*)?$")
_OF_END = re.compile(r"(?:\bdu|\bdes|\bde|\bde\s+la|['’])\s*$")
_INSTITUTION_WORDS = frozenset(
    [
        "université",
        "musée",
        "lycée",
        "collège",
        "clinique",
        "fondation",
        "institut",
        "théâtre",
        "opéra",
        "bibliothèque",
        "médiathèque",
        "conservatoire",
    ]
)
_SUR_END = re.compile(r"(?<!\s)\s++sur\s++$")
#: a network where something is published: `a écrit sur X`, `un message publié sur Telegram`
_ON_PLATFORM = re.compile(
    r"\b(?:écrit|publié|publiée|posté|postée|réagi|annoncé|salué|déclaré|dénoncé|indiqué|affirmé|"
    r"tweeté|diffusée?|partagée?|message|messages|vidéo|vidéos|post|publication|live)"
    r"(?:\s+(?:publiée?s?|postée?s?|diffusée?s?|mise?s?\s+en\s+ligne))?\s+sur\s+$|\bcompte\s+$"
)
#: a poll made for a newspaper or a channel: `un sondage Ifop-Fiducial pour L’Indépendant`
_POLL_FOR = re.compile(r"\bsondages?\b[^.;:!?]{0,40}\bpour\s+$")
_NATIONALITY_WORDS = frozenset(_NATIONALITIES.replace("\n", "").split("|"))
#: `le chinois Geely`, `l’américain Ford`: a lowercase nationality before a company (a person
#: would be `le Chinois X`)
_NATIONALITY_BEFORE = re.compile(
    rf"(?:^|\s)(?:le|l['’]|au|du|chez\s+le|chez\s+l['’])\s*(?:groupe\s+|géant\s+|constructeur\s+)?"
    rf"(?:{_NATIONALITIES})\s+$"
)
#: `Stellantis cédait 1,1 %`: a share price moving after the name
_SHARE_VERB = re.compile(
    r"^\s+(?:a\s+|avait\s+)?(?:cédé|cédait|cède|gagné|gagnait|gagne|perdu|perdait|perd|"
    r"reculé|reculait|recule|progressé|progressait|progresse|chuté|chutait|chute|bondi|"
    r"bondissait|bondit|grimpé|grimpait|grimpe|abandonné|abandonnait|abandonne|lâché|lâchait|"
    r"lâche|plongé|plongeait|plonge|s['’]envole|s['’]est envolé|dévissé|dévisse)\s+"
    r"(?:de\s+)?\d+(?:[,.]\d+)?\s*%"
)
_POSSESSIVE_NAME = re.compile(r"(?<![A-Za-z])[A-Z][A-Za-z]++['’]s")
#: a country and a common noun in one name: `Météo-France`, `Radio France`
_COUNTRY_COMPOUND = re.compile(rf"[{_UP}][{_LO}]+(?:[- ][{_UP}][{_LO}]+)+")


def _spoken_on(before: str) -> bool:
    """`s’est félicité Volodymyr Zelensky sur`: a verb of speech at most three words before
    a `sur` that ends `before` (what follows is where it was said: a network, a channel)."""
    m = _SUR_END.search(before)
    if m is None:
        return False
    words = before[: m.start()].split()[-4:]
    for i in range(len(words) - 1, -1, -1):
        if words[i].lower().strip(",") in SPEECH_FORMS:
            # only the speaker's name between the verb and `sur` (not `dénonce des frappes sur`)
            return all(w[:1].isupper() for w in words[i + 1 :])
    return False


def _common(word: str) -> bool:
    """A French common noun that is not a country (`météo`, `campus`, `radio`)."""
    return not is_country(word) and is_common_noun(word.lower())


def org_cue(text: str, start: int, end: int) -> str | None:
    """ORG when the name's shape or an apposition says it is an organisation (see the module
    docstring)."""
    seg = text[start:end]
    ws = seg.split()
    if not ws:
        return None
    if len(ws) > 1 and ws[-1].lower().strip(".") in _ORG_LAST_WORDS and ws[-1][:1].isupper():
        return "ORG"
    if len(ws) > 1 and ws[0].lower() in _ORG_FIRST_WORDS:
        return "ORG"
    if _CLUB.fullmatch(seg) or _NAME_ACRONYM.fullmatch(seg):
        return "ORG"
    if is_place_name(seg):
        return None
    share = _SHARE_MOVE.match(text[end : end + 16]) or _SHARE_VERB.match(text[end : end + 40])
    if share and not any(c.isdigit() for c in seg):
        return "ORG"  # `Stellantis (+3 %)`, `Stellantis cédait 1,1 %`; not an index, `SBF 120`
    if _POSSESSIVE_NAME.fullmatch(seg):
        return "ORG"  # `Moody's`, `McDonald's`: an English possessive names a company
    if _COUNTRY_COMPOUND.fullmatch(seg):
        parts = re.split(r"[- ]", seg)
        if any(is_country(p) for p in parts) and any(_common(p) for p in parts):
            return "ORG"  # `Météo-France`, `Campus France`
    if _ORG_APPOSITION_AFTER.match(text[end : end + 60]) or _ORG_ATTRIBUTE.match(
        text[end : end + 60]
    ):
        return "ORG"
    before = text[max(0, start - 80) : start]
    apposition = _APPOSITION_END.search(before[-8:])
    if apposition and _ORG_APPOSITION_BEFORE.search(before):
        return "ORG"
    if _OF_END.search(before[-8:]) and _ORG_OF.search(before[-40:]):
        return "ORG"
    if _last_words(before, 4) & _INSTITUTION_WORDS and _INSTITUTION_NAMED.search(before[-30:]):
        return "ORG"  # `l’université Al-Azhar`, `le musée du Louvre`
    if _BY_ARTICLE_NAME.search(before[-12:]) and ws[0] in ("La", "Le", "Les") and len(ws) > 1:
        return "ORG"  # `publié par La Provence`: a title, a body
    on = before[-9:].endswith(("sur ", "compte "))
    if on and " " not in seg and (_ON_PLATFORM.search(before[-50:]) or _spoken_on(before[-60:])):
        return "ORG"  # `a salué sur Telegram`, `sur son compte Instagram`
    poll = before.endswith("pour ") and _POLL_FOR.search(before)
    if poll or (
        _last_words(before, 1) & _NATIONALITY_WORDS and _NATIONALITY_BEFORE.search(before[-30:])
    ):
        return "ORG"  # `un sondage Ifop pour L’Indépendant`, `le chinois Geely`
    return None


# -- named things -------------------------------------------------------------------------
#: last words of competitions named in English: `Rugby Championship`, `Davis Cup`
_EVENT_LAST_WORDS = frozenset(
    ["championship", "championships", "cup", "open", "trophy", "masters", "games", "classic"]
)
#: two names joined by a hyphen, each of one or two words: `Paris-Nice`, `Milan-San Remo`
_PAIR = re.compile(
    rf"[{_UP}][{_LO}{_AP}]+(?: [{_UP}][{_LO}{_AP}]+)?"
    rf"-[{_UP}][{_LO}{_AP}]+(?: [{_UP}][{_LO}{_AP}]+)?"
)
#: words of a race around a name (a race is named by where it starts and ends)
_RACE_WORDS = re.compile(
    r"\b(?:étapes?|course|coureurs?|peloton|classique|monument|maillot|échappée|sprint|"
    r"classement général|rallye|marathon|régate|transat|cyclistes?|cyclisme|semi-classique)\b",
    re.I,
)
_JURY_OF = re.compile(r"\bjury\s+(?:du|de\s+la|de\s+l['’]|des|de)\s*$")
#: `le règlement général sur la protection des données (RGPD)`: a document's acronym
_DOCUMENT_PAREN = re.compile(
    rf"\b(?:règlement|directive|loi|code|traité|convention|accord|pacte|charte|plan|"
    rf"programme|dispositif|protocole|décret|ordonnance)\s+[{_LO}][^()]{{0,80}}\(\s*$"
)


#: competitions named `Ligue`: `Ligue 1`, `Ligue des champions`, `Ligue des nations`
_LEAGUE = re.compile(r"Ligue\s+(?:\d|des\s+[Cc]hampions|des\s+[Nn]ations|Europa|[Cc]onférence)")
#: `« Lakewood », de Mia Castellanos`: a quoted title followed by its author
_WORK_BY = re.compile(rf"^\s*[»”\"]\s*,?\s+(?:de|d['’]|par|signée?s?\s+(?:par\s+)?)\s*[{_UP}]")
_QUOTE_OPEN = re.compile(r"[«“\"]\s*$")
_QUOTE_CLOSE = re.compile(r"(?<!\s)\s*+[»”\"]")
#: a kind of work before a quoted title: `son album « DNK »`, `le film « Dune »`
_WORK_NOUN_BEFORE = re.compile(
    rf"\b(?:album|film|roman|livre|série|chanson|single|titre|spectacle|documentaire|pièce|"
    rf"tableau|exposition|essai|recueil|disque|morceau|tube|opéra|BD|bande dessinée|"
    rf"émission|podcast|jeu vidéo|jeu)(?:\s+[{_LO}]+)?\s*[«“\"]\s*$"
)
#: a lowercase kind of event before `de`: `le tournoi de Roland-Garros`
_EVENT_OF_BEFORE = re.compile(
    r"\b(?:tournoi|festival|championnat|rallye|marathon|course|salon|foire|biennale|"
    r"trophée|meeting|régate|transat)\s+(?:de\s+la\s+|de\s+l['’]|des\s+|du\s+|de\s+|d['’])$"
)


#: `un vaccin, le Qdenga`: an apposition before the name naming a kind of thing
_THING_APPOSITION_BEFORE = re.compile(
    rf"{_DETERMINER}(?:vaccins?|médicaments?|traitements?|molécules?|films?|romans?|albums?|livres?|"
    rf"séries?|documentaires?|spectacles?|logiciels? malveillants?|rançongiciels?|"
    rf"satellites?|fusées?|lanceurs?|sondes?|navires?|avions?|opérations?)"
    rf"(?:\s+(?!(?:un|une|le|la|les|des)\b)[{_LO}-]+){{0,3}}\s*,\s+(?:le|la|l['’]|les)\s*$"
)


def thing_cue(text: str, start: int, end: int) -> str | None:
    """MISC for named things the words say are events, prizes or texts (see the docstring)."""
    seg = text[start:end]
    ws = seg.split()
    before = text[max(0, start - 60) : start]
    if _APPOSITION_END.search(before[-8:]) and _THING_APPOSITION_BEFORE.search(before):
        return "MISC"
    if _LEAGUE.match(seg):
        return "MISC"
    filled = _QUOTE_CLOSE.match(text[end : end + 3])  # the name fills the quotes
    work = _WORK_BY.match(text[end : end + 30]) or (
        filled and _WORK_NOUN_BEFORE.search(before[-40:])
    )
    if work and _QUOTE_OPEN.search(text[max(0, start - 3) : start]):
        return "MISC"  # `« Lakewood », de Mia Castellanos`, `son album « DNK »`
    event = _EVENT_OF_BEFORE.search(before[-30:])
    if event and re.search(r"[\s-]", seg) and not is_place_name(seg):
        return "MISC"  # `le tournoi de Roland-Garros`, `le festival des Vieilles Charrues`
    if len(ws) > 1 and ws[-1].lower() in _EVENT_LAST_WORDS and ws[-1][:1].isupper():
        return "MISC"
    if _JURY_OF.search(text[max(0, start - 20) : start]):
        return "MISC"
    if text[end : end + 1] == ")" and _DOCUMENT_PAREN.search(text[max(0, start - 100) : start]):
        return "MISC"
    return None


def is_race(text: str, start: int, end: int, label: str) -> bool:
    """`la septième étape de Paris-Nice`: two place names joined by a hyphen, which the model
    calls a place, in a passage about a race, name the race (MISC)."""
    seg = text[start:end]
    if label != "LOC" or not _PAIR.fullmatch(seg) or is_place_name(seg):
        return False
    return bool(_RACE_WORDS.search(text[max(0, start - 250) : end + 250]))


# -- people -------------------------------------------------------------------------------
_PROFESSIONS = (
    r"économiste|analyste|porte-parole|directeur|directrice|maire|députée?|sénat(?:eur|rice)|"
    r"avocate?|médecin|chercheu(?:r|se)|professeure?|sociologue|politologue|historienne?|"
    r"juge|procureure?|ministre|entraîneu(?:r|se)|sélectionneu(?:r|se)|attaquant|défenseur|"
    r"gardien|joueu(?:r|se)|romanci(?:er|ère)|écrivaine?|réalisat(?:eur|rice)|acteur|actrice|"
    r"chanteu(?:r|se)|journaliste|syndicaliste|militante?|déléguée?|infirmi(?:er|ère)|"
    r"agricult(?:eur|rice)|ingénieure?|épidémiologiste|virologue|urbaniste|architecte|"
    r"fondat(?:eur|rice)|cofondat(?:eur|rice)|responsable|conseill(?:er|ère)|adjointe?|"
    r"habitante?|retraitée?|étudiante?|lycéenne?|ouvri(?:er|ère)|salariée?|employée?|"
    r"commerçante?|éleveu(?:r|se)|pêcheu(?:r|se)|vigneronne?|secrétaire générale?|"
    r"présidente?-directri?(?:ce|eur) générale?|enseignante?|pharmacienne?|psychiatre|"
    r"psychologue|urgentiste|chirurgienne?|sage-femme|policière?|gendarme|pompier|"
    r"photographe|traductrice|traducteur|éditrice|éditeur|commissaire|préfète|préfet|"
    r"climatologue|glaciologue|géographe|géologue|sismologue|volcanologue|astronaute|pilote"
)
_PERSON_APPOSITION_AFTER = re.compile(
    rf"^\s*,\s+(?:(?:ancienne?|ex-|jeune|nouvelle?|nouvel|future?|actuelle?)\s*)?"
    rf"(?:{_PROFESSIONS})\b(?!\s*(?:de\s+)?(?:groupe|société|entreprise))"
)
_KIN_BEFORE = re.compile(
    r"(?:^|\s)(?:[Ss]on|[Ss]a|[Ll]eur|[Nn]otre|[Mm]on|[Mm]a)\s+(?:mari|femme|épouse|époux|"
    r"fils|fille|frère|sœur|père|mère|compagnon|compagne|conjoint|conjointe|voisin|voisine|"
    r"ami|amie|avocat|avocate|éditeur|éditrice|agent|entraîneur|entraîneuse|collègue|"
    r"patron|patronne|oncle|tante|neveu|nièce|cousin|cousine|petit-fils|petite-fille|"
    r"grand-père|grand-mère|bras droit|adjoint|adjointe|successeur|prédécesseur)"
    r"\s*,\s*$"
)


def person_cue(text: str, start: int, end: int) -> str | None:
    """PER when an apposition says the name is someone's (`X, économiste chez Y`, `Son mari,
    Gérard,`)."""
    seg = text[start:end]
    if not seg[:1].isupper() or seg.isupper():
        return None
    before = text[max(0, start - 30) : start]
    if before.rstrip().endswith(",") and _KIN_BEFORE.search(before):
        return "PER"
    if " " in seg.strip() and _PERSON_APPOSITION_AFTER.match(text[end : end + 60]):
        return "PER"
    return None


def context_cue(text: str, start: int, end: int) -> str | None:
    """The first of the cues above that speaks: the name's own shape first (organisation,
    named thing), then appositions and the words before it."""
    return (
        org_cue(text, start, end)
        or thing_cue(text, start, end)
        or person_cue(text, start, end)
        or place_cue(text, start, end)
    )
