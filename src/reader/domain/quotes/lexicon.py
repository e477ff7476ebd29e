"""General French word lists for reported speech: speech verbs and their forms, auxiliaries,
adverbs that sit between a verb and its subject, determiners, pronouns, role nouns.

Nothing here is specific to a corpus: these are the verbs a French news story uses to report
what someone said or wrote.
"""

from __future__ import annotations

import re


def split_words(text: str) -> list[str]:
    """The words of a list written as one string."""
    return text.split()


APOS = "'’"

#: regular -er speech verbs, by stem (the stem takes e/ent/é/er/ait/aient/a/era/erait)
_ER_STEMS = split_words("""
déclar affirm ajout assur ironis expliqu estim soulign indiqu précis annonc confirm répliqu
rétorqu tweet twitt comment lanc menac insist not avou jur déplor regrett dénonc accus jug
pens considér racont confi témoign exclam interrog demand lâch gliss souffl plaid salu avanc
résum observ remarqu relev signal ni fustig raill félicit inquiét constat certifi exhort
réclam exig proclam clam détaill argument protest object nuanc martel répét rappel
appel espér assén prôn réagi insinu prédi pronostiqu conclu résum explicit clarifi justifi
admonest tonn fulmin s'emport emport tempêt interpell sermonn invoqu évoqu mentionn
dédi qualifi critiqu vant souhait redout alert alarm agac indign insurg étonn reproch
contest revendiqu analys tacl pest désol parl cit insist énumér soupir grinc rassur
recommand préconis conseill
plaisant moqu
""")

#: irregular spellings of the -er stems above (present and past forms)
_ER_EXTRA = split_words("""
martèle martèlent répète répètent rappelle rappellent appelle appellent espère espèrent
assène assènent lança lançait lançaient menaça menaçait annonça annonçait avança avançait
jugea jugeait
""")

#: other speech verbs: every form a story uses (present, past participle, infinitive, past)
_OTHER_FORMS = split_words("""
dit disent dire disait disaient dira redit écrit écrivent écrire écrivait écrivaient écrivit
répond répondent répondu répondre répondait répondit défend défendu défendre défendait
soutient soutiennent soutenu soutenir soutenait prévient préviennent prévenu prévenir
prévenait avertit avertissent averti avertir avertissait avertissaient conclut concluent
conclu conclure poursuit poursuivent poursuivi poursuivre poursuivait reconnaît reconnait
reconnaissent reconnu reconnaître admet admettent admis admettre promet promettent promis
promettre dément démentent démenti démentir réagit réagissent réagi réagir croit croient
cru soutint prédit relève relèvent répondit reprend reprennent repris reprendre s'exclame
s'écrie écrie
s'écrit confie confié garantit garanti garantir décrit décrivent décrire décrivait
craint craignent craindre convient conviennent concède concèdent concédé suggère
suggèrent suggéré suggérer
""")

ER_ENDINGS = (
    "e",
    "es",
    "ent",
    "é",
    "ée",
    "és",
    "ées",
    "er",
    "ait",
    "aient",
    "a",
    "era",
    "eront",
    "erait",
    "eraient",
    "èrent",
)


def _er_forms() -> set[str]:
    forms: set[str] = set()
    for stem in _ER_STEMS:
        stem = stem.removeprefix("s'")
        for ending in ER_ENDINGS:
            forms.add(stem + ending)
    return forms


#: every speech-verb form (lower case)
SPEECH_FORMS: frozenset[str] = frozenset(_er_forms() | set(_ER_EXTRA) | set(_OTHER_FORMS))

#: forms that are also common nouns or adjectives: only counted after an auxiliary or a
#: subject pronoun, or right after a quote (incise)
AMBIGUOUS_FORMS = frozenset(
    split_words("""note notes estime lance appel rappel signal juge avance confie accuse
    demande regret observe remarque relève précise résumé exclamé dit écrit défense parle cite
    vante souhait alerte critique
    promis admis repris cru juré ni nie évoque menace menaces""")
)

#: forms that report speech only as an incise, right after a quotation ("« … », tranche-t-il")
INCISE_FORMS = frozenset(
    split_words(
        """tranche tranchent abonde abondent renchérit renchérissent enchaîne enchaînent
        tempère tempèrent relativise relativisent sourit sourient rit rient plaisante
        s'amuse complète complètent embraye poursuit continue continuent reprend"""
    )
)

#: auxiliaries of compound tenses (inverted forms included)
AUXILIARIES = (
    "a",
    "ont",
    "avait",
    "avaient",
    "aura",
    "auront",
    "aurait",
    "auraient",
    "avait-il",
    "avait-elle",
    "a-t-il",
    "a-t-elle",
    "a-t-on",
    "ont-ils",
    "ont-elles",
    "aurait-il",
    "aurait-elle",
    "eut",
    "avaient-ils",
    "avaient-elles",
    "auraient-ils",
)

#: words that may sit between auxiliary and participle, or between verb and subject
ADVERBS = frozenset(
    split_words("""alors encore également aussi ensuite notamment toutefois cependant pourtant
        déjà enfin
    même simplement clairement ainsi aussitôt immédiatement récemment néanmoins bien pas
    jamais plus ironiquement sobrement fermement publiquement plus tard tard hier
    aujourd'hui aujourd’hui lundi mardi mercredi jeudi vendredi samedi dimanche matin soir
    après-midi prochain hier soir auparavant
    depuis récemment également volontiers sèchement seulement franchement d'ailleurs
    d’ailleurs néanmoins vivement fortement ouvertement directement""")
)

DEFINITE = frozenset(split_words("le la les l' l’ ce cette ces son sa ses leur leurs"))
INDEFINITE = frozenset(split_words("un une des d' d’ certains certaines plusieurs"))
SUBJECT_PRONOUNS = frozenset(split_words("il elle ils elles on"))
#: pronouns after `selon` / `pour` / `d'après`
STRESSED_PRONOUNS = frozenset(split_words("lui elle eux elles"))
#: prepositions that end a speaker's noun phrase (de/du/des do not: "le porte-parole du Kremlin")
NP_STOPS = frozenset(
    split_words("""à au aux sur pour dans en avec après avant lors devant contre par via chez selon
    qui que qu' qu’ dont où lequel laquelle et ou mais car sans vers depuis pendant
    lundi mardi mercredi jeudi vendredi samedi dimanche hier sous parmi malgré hors face""")
)

#: heads of a noun phrase naming a person (a role), not an institution
ROLE_NOUNS = frozenset(
    split_words("""responsable responsables porte-parole conseiller conseillère conseillers
        fonctionnaire
    fonctionnaires ministre ministres président présidente chef cheffe dirigeant dirigeante
    dirigeants leader diplomate diplomates ambassadeur ambassadrice secrétaire directeur
    directrice source sources internaute internautes utilisateur utilisatrice utilisateurs
    expert experte experts analyste analystes observateur observatrice observateurs
    spécialiste officiel officielle officiels officier général générale député députée
    sénateur sénatrice maire chancelier chancelière négociateur négociatrice juge avocat
    avocate procureur procureure témoin témoins habitant habitante habitants manifestant
    manifestante manifestants militant militante élu élue élus représentant représentante
    homme femme membre membres autre proche proches collaborateur collaboratrice
    commissaire gouverneur préfet préfète commandant médecin professeur professeure
    chercheur chercheuse économiste patron patronne pdg entraîneur joueur joueuse
    sélectionneur rapporteur rapporteure auteur autrice journaliste commentateur
    commentateurs personne voisin voisine victime mère père fils fille ami amie épouse mari
    roi reine pape vice-président vice-présidente premier première candidat candidate
    syndicaliste enquêteur enquêteurs policier policiers gendarme soldat soldats étudiant
    étudiante élève salarié salariée salariés agriculteur agricultrice adjoint adjointe
    inconnu inconnue spécialistes chercheurs médecins avocats cadre cadres élue élues
    cinéaste actrice acteur réalisateur réalisatrice écrivain écrivaine romancier romancière
    artiste chanteur chanteuse coureur coureuse capitaine gardien défenseur attaquant
    sélectionneuse entraîneuse skipper pilote interlocuteur interlocutrice riverain riveraine
    riverains parent parents agent agents salariée ouvrier ouvrière délégué déléguée
    secrétaire-général conseillers historien historienne sociologue politologue
    épidémiologiste virologue scientifique ingénieur architecte urbaniste adjointe""")
)

#: heads of a noun phrase naming an institution ("la haute juridiction administrative")
INSTITUTION_NOUNS = frozenset(
    split_words(
        """juridiction cour tribunal conseil institution organisation fédération syndicat
        association collectif entreprise société groupe compagnie ministère gouvernement
        parti formation mouvement agence autorité instance commission banque chancellerie
        présidence municipalité mairie préfecture région département organisme établissement
        club équipe direction diplomatie administration armée police gendarmerie parquet
        exécutif opposition majorité fondation ong"""
    )
)

#: heads of a noun phrase naming a text or a body that speaks for its issuer
DOCUMENT_NOUNS = frozenset(
    split_words("""communiqué communiqués déclaration texte note compte-rendu rapport lettre message
    courrier projet document procès-verbal position site tweet publication relevé
    ministère présidence gouvernement diplomatie direction cabinet entourage services
    agence parquet préfecture mairie bureau état-major état porte-parolat décision arrêt
    jugement avis étude enquête sondage bilan chiffres""")
)


def fold_word(word: str) -> str:
    """Lower case with the curly apostrophe made straight (for lexicon lookups)."""
    return word.lower().replace("’", "'")


WORD = re.compile(r"[\w][\w'’-]*", re.UNICODE)


def is_speech_form(word: str) -> bool:
    """True when `word` (any case) is a form of a speech verb."""
    w = word.lower().replace("’", "'")
    w = re.sub(r"-t-(?:il|elle|on)$|-(?:il|elle|ils|elles|on)$", "", w)
    return w in SPEECH_FORMS or w.replace("'", "’") in SPEECH_FORMS
