"""Builds the quotation gold `quotes/NAME.json` of every article `articles/NAME.txt` of this folder
from the hand annotation below, by /work/shared/gold/quotes/GUIDELINES.md (shared/gold/quotes).

Every pair of quotation marks (« … », “ … ”, " … ") in an article must be listed exactly once:
* in `QUOTES` when it is a quotation (rule 1), with its speaker, speaker entity, cue and the
  pattern that found the speaker (the pattern is for the README's counts, not written to JSON);
* in `NOT_QUOTES` otherwise, with the reason (rule 2): a verbless stretch of 1 to 3 words, a name
  or title, boilerplate.
A pair is named by the first words of its text (apostrophes ’ and ' are equal) and, when several
pairs of the article begin so, its 0-based rank among them. The span is the text between the marks
trimmed of spaces and NBSP; the script computes and checks every offset and that each speaker
entity is a canonical name of that article's entity gold (`gold/NAME.json`).

Run: python3 tests/data/entities_broad/make_quote_gold.py          (writes quotes/, checks)
     python3 tests/data/entities_broad/make_quote_gold.py --show    (every quote with its context)
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
ARTICLES = HERE / "articles"
ENTITY_GOLD = HERE / "gold"
OUT = HERE / "quotes"

PAIRS = {"«": "»", "“": "”", '"': '"'}
TRIM = " \u00a0\u202f\t\n"

# How the speaker was found (README counts):
AFTER = "cue after the quote"  # « … », a déclaré X
BEFORE = "cue before, no colon"  # X a salué « … » / X estime que « … »
COLON = "cue before with colon"  # X a dit : « … »
SELON = "selon / pour X"  # selon X, « … » / Pour X, … « … »
INCISE = "incise"  # « … », a-t-il ajouté, « … »
PRONOUN = "pronoun / description of an earlier sentence"  # « … », a-t-il dit / l'élue
SUITE = "continuation"  # « … », a dit X. « … »
NONE = "no speaker"  # headline, heading, quote standing alone

# Reasons a pair of marks is not a quotation (rule 2):
SHORT = "verbless, 1 to 3 words"
NAME = "name or title"
BOILER = "boilerplate"

SAME = object()  # speaker_entity is the speaker (a canonical entity name)


@dataclass(frozen=True)
class Q:
    """One quotation: first words (+ rank), speaker, entity, cue, pattern."""

    first: str
    speaker: str | None
    cue: str | None
    pattern: str
    entity: object = SAME
    rank: int = 0


def D(first: str, description: str, cue: str, pattern: str, rank: int = 0) -> Q:
    """A quotation whose speaker is a description, not an entity."""
    return Q(first, description, cue, pattern, None, rank)


def N(first: str, rank: int = 0) -> Q:
    """A quotation without speaker (no cue in its sentence or the previous one)."""
    return Q(first, None, None, NONE, None, rank)


QUOTES: dict[str, list[Q]] = {
    "catastrophe_crues_pas_de_calais": [
        Q("On n'a pas eu le temps", "Martine Delattre", "raconte", AFTER),
        # after "Son mari, Gérard, avait déjà perdu sa voiture…": no speech verb in this sentence
        # or the previous one, no pronoun, not a direct continuation -> no speaker (rule 4)
        N("On pensait que"),
        Q("La situation reste très tendue", "Jacques Billant", "a-t-il prévenu", PRONOUN),
        Q("tienne enfin ses promesses", "François Decoster", "réclame", BEFORE),
        Q("des réunions, encore", "Olivier Vasseur", "dénonce", BEFORE),
    ],
    "catastrophe_cyclone_polynesie": [
        Q("Nous avons eu beaucoup", "Éric Spitz", "a déclaré", AFTER),
        Q("La trajectoire s'est décalée", "Éric Spitz", "(suite)", SUITE),
        Q("La mer est montée", "Teiki Tehei'ura", "raconte", AFTER),
        Q("On attend les bâches", "Hinano Teriitahi", "soupire-t-il", PRONOUN),
    ],
    "catastrophe_seisme_vanuatu": [
        Q("Tout s'est mis à trembler", "Mathilde Kalsakau", "raconte", AFTER),
        Q("le sang-froid de la population", "Alcide Ponga", "a salué", BEFORE),
    ],
    "culture_expo_louvre_lens": [
        Q("Ces manuscrits racontent", "Abdel Kader Haïdara", "souligne", AFTER),
        Q("La culture doit rester", "Marie Lavandier", "estime", AFTER),
        Q("la mission d'un musée universel", "Laurence des Cars", "pour", SELON),
        Q("le savoir ne connaît pas", "Abdel Kader Haïdara", "selon", SELON),
    ],
    "culture_festival_deauville": [
        # "a lancé la cinéaste": Sarah O'Connell, named in the previous sentence
        Q("Je n'aurais jamais pensé", "Sarah O'Connell", "a lancé", PRONOUN),
        Q("à tous ceux qui travaillent", "Daniel Okafor", "a dédié", BEFORE),
        # "a déclaré l'actrice": Natalie Portman, previous sentence
        Q("Deauville est un endroit unique", "Natalie Portman", "a déclaré", PRONOUN),
        Q("la vitrine du cinéma américain", "Philippe Augier", "a rappelé", BEFORE),
    ],
    "culture_prix_goncourt": [
        Q("C'est un livre sur la transmission", "Philippe Claudel", "a expliqué", AFTER),
        D("très partagé jusqu'au bout", "un juré", "selon", SELON),
        Q("Je pense à ma grand-mère", "Nadia Ben Youssef", "a-t-elle confié", PRONOUN),
        Q("une écrivaine d'une immense", "Antoine Gallimard", "a salué", BEFORE),
    ],
    "cyber_chu_nimes": [
        # "La direction du CHU de Nîmes a confirmé …": the management speaks for the hospital
        Q("une exfiltration de données", "CHU de Nîmes", "a confirmé", BEFORE),
        Q("Nous ne paierons pas", "Isabelle Moreau-Lacombe", "a déclaré", AFTER),
        Q("Dans beaucoup d'établissements", "Clara Chappaz", "a-t-elle déclaré", PRONOUN),
        Q("Les escrocs vont utiliser", "Thibault Vergnes", "prévient", AFTER),
        Q("des criminels sans scrupules", "Jean-Paul Fournier", "a dénoncé", BEFORE),
    ],
    "cyber_mairie_rancongiciel": [
        # standfirst: "… fonctionnent « au papier et au crayon »", no speaker anywhere near
        N("au papier et au crayon"),
        Q("Nous sommes revenus trente ans", "Jean-Luc Wagner", "résume", AFTER),
        Q("Les collectivités sont des cibles", "Julien Mercier", "observe", AFTER),
        Q("Ma fille est inscrite", "Nadia Benkhelifa", "s'interroge", AFTER),
    ],
    "economie_banque_de_france": [
        # "L'inflation … reculerait …, « nettement sous la cible »": reported (conditional) content
        # of the projections of the previous sentence, "l'institution monétaire table …"
        Q("nettement sous la cible", "Banque de France", "table", PRONOUN),
        Q("Il n'y a pas de récession", "François Villeroy de Galhau", "a résumé", AFTER),
        Q("Les Français ont les moyens", "François Villeroy de Galhau", "a-t-il relevé", PRONOUN),
        Q("donner de la visibilité", "François Villeroy de Galhau", "en appelant", PRONOUN),
        Q("garde toutes ses options", "François Villeroy de Galhau", "pour", SELON),
        Q("Le choc des droits de douane", "Charlotte de Montpellier", "souligne", AFTER),
    ],
    "economie_greve_raffineries": [
        # standfirst "La direction dénonce …": the management of TotalEnergies (headline)
        Q("une prise d'otage des automobilistes", "TotalEnergies", "dénonce", PRONOUN, rank=0),
        Q("Le groupe a dégagé", "Alexis Ferreira", "s'indigne", AFTER),
        Q("une prise d'otage des automobilistes", "Jean-Marc Durand", "a fustigé", BEFORE, rank=1),
        Q("au sens des responsabilités", "Marc Ferracci", "a appelé", BEFORE),
        Q("Il n'y aura pas de pénurie", "Marc Ferracci", "a-t-il promis", PRONOUN),
        Q("à l'élargissement de la grève", "Sophie Binet", "a appelé", BEFORE),
    ],
    "economie_plan_social_roanne": [
        # first line of the body; Sandrine Vial is named only in the next sentence
        N("Cent trente ans d'histoire"),
        Q("Nous faisons face", "Olivier Dumas", "a justifié", AFTER),
        Q("On a accepté le chômage partiel", "Mehdi Aït-Saïd", "lâche", AFTER),
        # "Celui-ci a rappelé dans un communiqué …": Laurent Wauquiez, his own communiqué
        Q("pour moderniser l'outil", "Laurent Wauquiez", "a rappelé", PRONOUN),
    ],
    "economie_resultats_carrefour": [
        Q("L'année a été difficile", "Alexandre Bompard", "a assuré", AFTER),
        Q("Les consommateurs arbitrent", "Philippe Goetzmann", "résume", AFTER),
        Q("Le marché sanctionne", "Clémence Arbogast", "note", AFTER),
        Q("On nous parle de franchise", "Sylvain Macé", "dénonce", AFTER),
        Q("dans les plus brefs délais", "Sylvain Macé", "réclame", BEFORE),
    ],
    "international_ligue_arabe_bagdad": [
        # opening line; "La formule, reprise dans la déclaration finale" comes after
        N("Al-Qods restera"),
        Q("Ce qui se passe à Jérusalem-Est", "Mahmoud Abbas", "a-t-il lancé", PRONOUN),
        Q("au centre du jeu arabe", "Mohammed Chia al-Soudani", "s'est félicité", BEFORE),
    ],
    "international_sommet_ndjamena": [
        Q("Aucun de nos pays", "Mahamat Idriss Déby Itno", "a martelé", AFTER),
        Q("une mutualisation du renseignement", "Mahamat Idriss Déby Itno", "appelant", BEFORE),
        # "a affirmé le président ivoirien": Alassane Ouattara, previous sentence
        Q("Dans le nord de notre pays", "Alassane Ouattara", "a affirmé", PRONOUN),
    ],
    "justice_assises_douai": [
        Q("Ce soir-là, ils ne sont pas venus", "Thierry Vandamme", "a martelé", AFTER),
        # "… elle avait raconté lundi … comment son fils, « … », avait arrêté …"
        Q("un garçon qui voulait", "Aminata N’Diaye", "avait raconté", PRONOUN),
        Q("Moussa n'était pas", "Nadia Haddad", "a répété", AFTER),
        Q("deux détonations, puis", "Sean O’Neill", "a confirmé", BEFORE),
        Q("On vous demande de juger", "Pierre-Henri Castelain", "a lancé", AFTER),
        Q("des moyens pour la protection", "Guillaume Delbar", "avait réclamé", BEFORE),
    ],
    "justice_cassation_geolocalisation": [
        # the court's own ruling
        Q("La géolocalisation n'est licite", "Cour de cassation", "rappelle", AFTER),
        # a heading: no speaker, although the next paragraph attributes the words
        N("Une décision de bon sens"),
        Q("C'est une décision de bon sens", "Gwenaëlle Le Roux", "se félicite", AFTER),
        Q("complique la vie", "Antoine Dufresne", "pour", SELON),
        Q("fixe enfin des limites", "CFDT", "salue", BEFORE),
    ],
    "justice_conseil_etat_dissolution": [
        # standfirst "la haute juridiction administrative estime que …" after the headline
        # "Le Conseil d'État annule …"
        Q("provocation à la violence", "Conseil d'État", "estime", PRONOUN),
        Q("les agissements reprochés", "Conseil d'État", "juge", PRONOUN),
        Q("qui appelle ouvertement", "Gérald Darmanin", "en dénonçant", BEFORE),
        Q("Le Conseil d'État rappelle", "Anne-Sophie Le Gall", "s'est félicitée", AFTER),
        Q("une victoire pour toutes", "Nathalie Tehio", "a salué", BEFORE),
        Q("On va pouvoir reprendre", "Mathis Le Goff", "glisse", AFTER),
    ],
    "local_conseil_municipal_quimperle": [
        # "les cinq élus de l'opposition … dénonçant": the group the standfirst names
        Q("un budget qui fait payer", "Quimperlé en commun", "dénonçant", PRONOUN),
        Q("L'État nous a retiré", "Gaël Kerhervé", "a expliqué", AFTER),
        Q("ne pouvait plus attendre", "Danielle Le Pape", "pour", SELON),
        Q("C'est toute l'agglomération", "Erwan Le Corre", "a lancé", AFTER),
    ],
    "local_projet_passerelle_figeac": [
        # "a plaidé l'élue": the mayor, Anne-Marie Delbos
        Q("Aujourd'hui, pour aller de la gare", "Anne-Marie Delbos", "a plaidé", PRONOUN),
        Q("projet structurant", "Vincent Labarthe", "s'est félicité", BEFORE),
        Q("Personne n'est contre le vélo", "Jean-Louis Fabre", "estime-t-il", PRONOUN),
        # "L'opposition, menée par Thierry Vidal, … tout en regrettant « … »": an unnamed group
        D("l'absence de véritable", "l'opposition municipale", "en regrettant", BEFORE),
    ],
    "local_tribunal_gueret": [
        Q("Dans presque tous les cas", "Hélène Marchadier", "a relevé", AFTER),
        # "s'était défendu l'ancien élu": Jean-Claude Mazeau
        Q("Je n'ai jamais touché", "Jean-Claude Mazeau", "s'était défendu", PRONOUN),
        Q("commis des maladresses", "Sandrine d'Almeida", "estimant", BEFORE),
        Q("illustre la nécessité", "Cécile Ferrand-Ollivier", "pour", SELON),
        Q("une décision ferme", "Marc Dufaud", "a salué", BEFORE),
    ],
    "politique_europeennes_meeting": [
        # "a lancé l'eurodéputé": Raphaël Glucksmann, previous sentence
        Q("Le 9 juin, ce n'est pas", "Raphaël Glucksmann", "a lancé", PRONOUN),
        Q("sortir de l'Union européenne", "Raphaël Glucksmann", "accuse", BEFORE),
        # "Il a aussi ciblé Emmanuel Macron, jugé « … »"
        Q("responsable de la montée", "Raphaël Glucksmann", "jugé", PRONOUN),
        Q("Ici, on ne gagnera pas", "Karim Benyahia", "reconnaît", AFTER),
        Q("pas d'alliance avant", "Marie Toussaint", "a répété", BEFORE),
        Q("M. Glucksmann parle", "Sébastien Chenu", "a raillé", AFTER),
        D("la bataille pour la deuxième", "un conseiller de l'Élysée", "admet", BEFORE),
    ],
    "politique_municipales_marseille": [
        # "a lancé le maire divers gauche": Benoît Payan, previous sentence
        Q("J'ai trouvé une ville", "Benoît Payan", "a lancé", PRONOUN),
        # "a taclé ce dernier": Sébastien Delogu, previous sentence
        # 4 words, verbless: passes rule 1 although an idiom
        Q("à portée de main", "Marine Tondelier", "a laissé entendre", BEFORE),
        Q("Benoît Payan a fait le choix", "Sébastien Delogu", "a taclé", PRONOUN),
        Q("Si la gauche part", "Fatou N'Diaye", "prévient", AFTER),
        D("Martine Vassal est la mieux", "un cadre LR", "confie", AFTER),
    ],
    "politique_senat_narcotrafic": [
        Q("Le narcotrafic n'est plus", "Bruno Retailleau", "a lancé", AFTER),
        Q("un moment d'union nationale", "Gérald Darmanin", "a salué", BEFORE),
        Q("Nous avons obtenu des garanties", "Jérôme Durain", "a prévenu", AFTER),
        Q("À Marseille, on tue", "Valérie Boyer", "a rappelé", AFTER),
        Q("ne pas défaire le consensus", "Gérard Larcher", "a appelé", BEFORE),
    ],
    "politique_vote_logement": [
        Q("très en deçà", "La France insoumise", "jugeait", BEFORE),
        Q("C'est une victoire pour les familles", "Valérie Létard", "s'est félicitée", AFTER),
        Q("Nous avons arraché", "Boris Vallaud", "a expliqué", AFTER),
        Q("une loi écrite pour", "Mathilde Panot", "a dénoncé", BEFORE),
        Q("s'attaque aux petits bailleurs", "Marine Le Pen", "pour", SELON),
        Q("ne dit rien des", "Fondation pour le logement des défavorisés", "estime", BEFORE),
    ],
    "sante_covid_variant": [
        Q("Il est plus transmissible", "Bruno Lina", "explique", AFTER),
        Q("Nous ne sommes pas en 2020", "Yannick Neuder", "a-t-il déclaré", PRONOUN),
        Q("On a 30 patients Covid", "Karine Aubert", "confie", AFTER),
        Q("réactiver les circuits", "Agence régionale de santé Occitanie", "recommande", BEFORE),
    ],
    "sante_grippe_aviaire": [
        Q("Il n'y a aucun signe", "Grégory Emery", "a insisté", AFTER),
        Q("On vit avec la peur", "Jean-Yves Guérin", "témoigne", AFTER),
        Q("les mutations du virus", "Organisation mondiale de la santé", "a rappelé", BEFORE),
        Q("le risque pandémique", "Arnaud Fontanet", "pour", SELON),
    ],
    "sante_hopital_carhaix": [
        # headline
        N("On nous demande de faire 80 km"),
        # banner slogans (written words, conjugated verb), no speech verb: no speaker
        N("Touche pas à mon hosto"),
        N("Carhaix veut vivre"),
        Q("Pour quelqu'un qui habite", "Christian Troadec", "s'emporte", AFTER),
        Q("Sur les neuf postes", "Florent Foucard", "explique", AFTER),
        Q("à deux pour un territoire", "Gwenola Le Nours", "raconte", BEFORE),
        Q("Je ne reproche rien", "Gwenola Le Nours", "dit-elle", PRONOUN),
        Q("Carhaix est le symbole", "Marc Noizet", "résume", AFTER),
    ],
    "science_ariane6_kourou": [
        Q("Aurore va nous permettre", "Anne-Laure Berthelot", "explique", AFTER),
        Q("une démonstration de l'autonomie", "Philippe Baptiste", "a salué", BEFORE),
    ],
    "science_carottage_antarctique": [
        Q("Cette glace est une archive", "Frédéric Parrenin", "explique", AFTER),
        Q("C'est le travail d'une vie", "Carlo Barbante", "résume", AFTER),
    ],
    "sport_cyclisme_paris_nice": [
        # "a confié le coureur": Lenny Martinez ("le Cannois", previous sentence)
        Q("C'est mon jardin ici", "Lenny Martinez", "a confié", PRONOUN),
        # "a reconnu le coureur d'Arkéa-B&B Hotels": Kévin Vauquelin, previous sentence
        Q("Je n'avais jamais imaginé", "Kévin Vauquelin", "a reconnu", PRONOUN),
        # "a prévenu le Danois": Jonas Vingegaard, previous sentence
        Q("Tout peut arriver", "Jonas Vingegaard", "a prévenu", PRONOUN),
    ],
    "sport_football_diables_rouges": [
        Q("Nous avons manqué d'intensité", "Carlo Ancelotti", "a reconnu", AFTER),
        Q("On a montré qu'on pouvait", "Romelu Lukaku", "a-t-il déclaré", PRONOUN),
        Q("une soirée qui fait du bien", "Pierre François", "a salué", BEFORE),
    ],
    "sport_rugby_springboks": [
        Q("On ne va pas se cacher", "Fabien Galthié", "a glissé", AFTER),
        # "a réagi le directeur du rugby des Springboks": Rassie Erasmus, previous sentence
        Q("Jouer contre la France", "Rassie Erasmus", "a réagi", PRONOUN),
        Q("On a fait un grand match", "Antoine Dupont", "regrettait", AFTER),
        # "Le demi de mêlée du Stade toulousain … a reconnu que …": Antoine Dupont
        Q("les Boks ne pardonnent", "Antoine Dupont", "a reconnu", PRONOUN),
        # 4 words: passes rule 1 (the guidelines' 3-word « la tête froide » does not)
        Q("garder la tête froide", "Florian Grill", "a appelé", BEFORE),
    ],
}

NOT_QUOTES: dict[str, list[tuple[str, int, str]]] = {
    "catastrophe_crues_pas_de_calais": [],
    "catastrophe_cyclone_polynesie": [],
    "catastrophe_seisme_vanuatu": [("à ce stade", 0, SHORT)],
    "culture_expo_louvre_lens": [("Tombouctou, les mémoires du désert", 0, NAME)],
    "culture_festival_deauville": [
        ("The Long Way Home", 0, NAME),
        ("The Long Way Home", 1, NAME),
        ("The Long Way Home", 2, NAME),
        ("Salt Flats", 0, NAME),
        ("Salt Flats", 1, NAME),
        ("Salt Flats", 2, NAME),
        ("Lakewood", 0, NAME),
        ("Lakewood", 1, NAME),
        ("Winter Light", 0, NAME),
    ],
    "culture_prix_goncourt": [
        ("Les Jardins de Kairouan", 0, NAME),
        ("Les Jardins de Kairouan", 1, NAME),
        ("Les Jardins de Kairouan", 2, NAME),
        ("L'Hiver des cendres", 0, NAME),
        ("La Maison d'El Menzah", 0, NAME),
        ("Les Heures creuses", 0, NAME),
    ],
    "cyber_chu_nimes": [
        ("On a tout fait à la main", 0, BOILER),  # "Sur le même sujet" teaser
        ("mode dégradé", 0, SHORT),
        ("400 gigaoctets", 0, SHORT),
        # names of the offences the inquiry is opened for (legal qualifications)
        ("extorsion en bande organisée", 0, NAME),
        ("accès frauduleux", 0, NAME),
        ("plusieurs semaines", 0, SHORT),
    ],
    "cyber_mairie_rancongiciel": [],
    "economie_banque_de_france": [
        ("environ 0,2 point", 0, SHORT),
        ("exceptionnellement élevé", 0, SHORT),
        ("atteignable", 0, SHORT),
        ("à sa fin", 0, SHORT),
        ("plutôt optimiste", 0, SHORT),
    ],
    "economie_greve_raffineries": [("irresponsable", 0, SHORT)],
    "economie_plan_social_roanne": [
        ("délocalisation déguisée", 0, SHORT),
        ("un moratoire", 0, SHORT),
    ],
    "economie_resultats_carrefour": [
        ("Carrefour 2026", 0, NAME),
        ("structurellement déficitaires", 0, SHORT),
    ],
    "international_ligue_arabe_bagdad": [
        ("remettre ses armes", 0, SHORT),
        ("toutes les parties", 0, SHORT),
        ("Iran", 0, SHORT),
    ],
    "international_sommet_ndjamena": [
        ("feuille de route de N'Djamena", 0, NAME),  # the name of the adopted document
        ("seul", 0, SHORT),
    ],
    "justice_assises_douai": [
        ("pendant une bousculade", 0, SHORT),
        ("à bout touchant", 0, SHORT),
    ],
    "justice_cassation_geolocalisation": [("gonflé", 0, SHORT)],
    "justice_conseil_etat_dissolution": [
        ("entier", 0, SHORT),
        ("suivre avec attention", 0, SHORT),
    ],
    "local_conseil_municipal_quimperle": [("responsable et limitée", 0, SHORT)],
    "local_projet_passerelle_figeac": [],
    "local_tribunal_gueret": [("irrégularités répétées", 0, SHORT)],
    "politique_europeennes_meeting": [("tenir tête", 0, SHORT)],
    "politique_municipales_marseille": [],
    "politique_senat_narcotrafic": [
        ("visant à sortir la France", 0, NAME),  # the bill's title
        ("repenti", 0, SHORT),
        ("d'exception", 0, SHORT),
    ],
    "politique_vote_logement": [
        ("Habiter la France", 0, NAME),
        ("Habiter la France", 1, NAME),
        ("un travail transpartisan", 0, SHORT),
        ("un premier pas", 0, SHORT),
    ],
    "sante_covid_variant": [
        ("Nimbus", 0, NAME),
        ("Nimbus", 1, NAME),
        ("Nimbus", 2, NAME),
        ("plan blanc", 0, SHORT),
        ("faible", 0, SHORT),
    ],
    "sante_grippe_aviaire": [("très faible", 0, SHORT), ("stable", 0, SHORT)],
    "sante_hopital_carhaix": [
        ("abandon", 0, SHORT),
        ("régulation", 0, SHORT),
        ("temporaire", 0, SHORT),
    ],
    "science_ariane6_kourou": [("Séparation confirmée", 0, SHORT)],
    "science_carottage_antarctique": [],
    "sport_cyclisme_paris_nice": [("spectaculaire", 0, SHORT)],
    "sport_football_diables_rouges": [],
    "sport_rugby_springboks": [],
}

#: quotations of fewer than 4 words, accepted because they have a conjugated verb (rule 1)
SHORT_WITH_VERB = {"Carhaix veut vivre"}


def fold(s: str) -> str:
    """Text compared for matching a hand-written first-words key."""
    return s.replace("\u2019", "'")


def mark_pairs(content: str) -> list[tuple[int, int]]:
    """(start, end) of the trimmed text of every pair of quotation marks, in order."""
    pairs: list[tuple[int, int]] = []
    i = 0
    while True:
        opens = [(content.find(o, i), o) for o in PAIRS]
        opens = [(p, o) for p, o in opens if p >= 0]
        if not opens:
            return pairs
        p, o = min(opens)
        c = content.find(PAIRS[o], p + 1)
        if c < 0:
            raise SystemExit(f"unclosed {o!r} at {p}")
        inner = content[p + 1 : c]
        if o != '"' and o in inner:
            raise SystemExit(f"nested {o!r} at {p}")
        s = p + 1 + (len(inner) - len(inner.lstrip(TRIM)))
        e = c - (len(inner) - len(inner.rstrip(TRIM)))
        pairs.append((s, e))
        i = c + 1


def locate(stem: str, content: str, pairs: list[tuple[int, int]], first: str, rank: int) -> int:
    """Index in `pairs` of the rank-th pair whose text begins with `first`."""
    hits = [k for k, (s, e) in enumerate(pairs) if fold(content[s:e]).startswith(fold(first))]
    if rank >= len(hits):
        raise SystemExit(f"{stem}: no pair #{rank} beginning {first!r} ({len(hits)} found)")
    return hits[rank]


def build(stem: str) -> tuple[list[dict[str, object]], list[tuple[Q, int, int]]]:
    """The quotation gold of one article, and each annotation with its span."""
    content = (ARTICLES / f"{stem}.txt").read_text(encoding="utf-8")
    canon = {m["canonical"] for m in json.loads((ENTITY_GOLD / f"{stem}.json").read_text("utf-8"))}
    pairs = mark_pairs(content)
    used: dict[int, str] = {}
    out: list[dict[str, object]] = []
    spans: list[tuple[Q, int, int]] = []
    for q in QUOTES.get(stem, []):
        k = locate(stem, content, pairs, q.first, q.rank)
        if k in used:
            raise SystemExit(f"{stem}: {q.first!r} already listed as {used[k]!r}")
        used[k] = q.first
        s, e = pairs[k]
        text = content[s:e]
        if len(text.split(" ")) < 4 and text not in SHORT_WITH_VERB:
            raise SystemExit(f"{stem}: {text!r} has < 4 words and is not in SHORT_WITH_VERB")
        entity = q.speaker if q.entity is SAME else q.entity
        if entity is not None and entity not in canon:
            raise SystemExit(f"{stem}: speaker entity {entity!r} is not in the entity gold")
        if q.entity is None and q.speaker in canon:
            raise SystemExit(f"{stem}: {q.speaker!r} is an entity; give it as one")
        if (q.speaker is None) != (q.cue is None) or (q.speaker is None) != (q.pattern == NONE):
            raise SystemExit(f"{stem}: {q.first!r}: speaker, cue and pattern disagree")
        out.append(
            {
                "start": s,
                "end": e,
                "text": text,
                "speaker": q.speaker,
                "speaker_entity": entity,
                "cue": q.cue,
            }
        )
        spans.append((q, s, e))
    for first, rank, reason in NOT_QUOTES.get(stem, []):
        k = locate(stem, content, pairs, first, rank)
        if k in used:
            raise SystemExit(f"{stem}: {first!r} already listed as {used[k]!r}")
        used[k] = first
        s, e = pairs[k]
        if reason == SHORT and len(content[s:e].split(" ")) > 3:
            raise SystemExit(f"{stem}: {content[s:e]!r} is listed as short but has > 3 words")
    for k, (s, e) in enumerate(pairs):
        if k not in used:
            raise SystemExit(f"{stem}: pair at {s} not annotated: {content[s:e]!r}")
    out.sort(key=lambda d: d["start"])  # type: ignore[arg-type, return-value]
    for q, s, e in spans:
        trimmed = content[s] not in TRIM and content[e - 1] not in TRIM
        if not trimmed or not fold(content[s:e]).startswith(fold(q.first)):
            raise SystemExit(f"{stem}: bad span {s}-{e} for {q.first!r}")
    for d in out:
        start, end = d["start"], d["end"]
        assert isinstance(start, int) and isinstance(end, int)
        assert content[start:end] == d["text"], (stem, start)
    return out, spans


def main() -> None:
    """Writes quotes/NAME.json for every article and prints the counts."""
    stems = sorted(p.stem for p in ARTICLES.glob("*.txt"))
    unknown = (set(QUOTES) | set(NOT_QUOTES)) - set(stems)
    missing = set(stems) - set(NOT_QUOTES)
    if unknown or missing:
        raise SystemExit(f"unknown articles {sorted(unknown)}, not reviewed {sorted(missing)}")
    OUT.mkdir(exist_ok=True)
    patterns: Counter[str] = Counter()
    total = 0
    for stem in stems:
        gold, spans = build(stem)
        if "--show" in sys.argv:
            content = (ARTICLES / f"{stem}.txt").read_text(encoding="utf-8")
            print(f"== {stem}")
            for q, s, e in sorted(spans, key=lambda x: x[1]):
                print(
                    f"  {s:5d}-{e:<5d} [{q.speaker} / {q.cue}] …{content[max(0, s - 90) : s]}⟦"
                    f"{content[s:e]}⟧{content[e : e + 90]}…".replace("\n", "⏎")
                )
        (OUT / f"{stem}.json").write_text(
            json.dumps(gold, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
        )
        patterns.update(q.pattern for q, _, _ in spans)
        total += len(gold)
    print(f"{len(stems)} articles, {total} quotations")
    for pattern, n in patterns.most_common():
        print(f"  {n:3d}  {pattern}")


if __name__ == "__main__":
    main()
