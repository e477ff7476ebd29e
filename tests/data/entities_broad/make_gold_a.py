"""Builds the gold `gold/NAME.json` of each part-A article `articles/NAME.txt` of this folder
(politics, justice, economy, health, cyberattack) from the hand-written annotation below, by
GUIDELINES.md of ../../../../shared/gold: every occurrence of a listed surface, whole word,
longest surface first, is one mention; `SKIP` removes occurrences by rank (0-based, counted over
every whole-word occurrence of that surface in the file) that are not mentions or that lie in
boilerplate (byline, dateline, caption, credit, "Lire aussi" teaser, leading agency credit).

Run: python3 tests/data/entities_broad/make_gold_a.py          (writes gold/, checks
     content[start:end] == text)
     python3 tests/data/entities_broad/make_gold_a.py --show STEM   (every occurrence of each
     surface with its rank and context, to fill SKIP)
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ARTICLES = HERE / "articles"
GOLD_DIR = HERE / "gold"

P, O, L, M = "PER", "ORG", "LOC", "MISC"  # noqa: E741

GOLD: dict[str, list[tuple[str, str, str]]] = {
    "politique_europeennes_meeting": [
        ("Lille", L, "Lille"),
        ("Raphaël Glucksmann", P, "Raphaël Glucksmann"),
        ("Glucksmann", P, "Raphaël Glucksmann"),
        ("Jordan Bardella", P, "Jordan Bardella"),
        ("Parti socialiste", O, "Parti socialiste"),
        ("PS", O, "Parti socialiste"),
        ("Place publique", O, "Place publique"),
        ("Nord", L, "Nord"),
        ("Grand Palais", L, "Grand Palais (Lille)"),
        ("Olivier Faure", P, "Olivier Faure"),
        ("Martine Aubry", P, "Martine Aubry"),
        ("Europe", L, "Europe"),
        ("Ifop", O, "Ifop"),
        ("Fiducial", O, "Fiducial"),
        ("Valérie Hayer", P, "Valérie Hayer"),
        ("Rassemblement national", O, "Rassemblement national"),
        ("RN", O, "Rassemblement national"),
        ("Union européenne", O, "Union européenne"),
        ("Emmanuel Macron", P, "Emmanuel Macron"),
        ("La France insoumise", O, "La France insoumise"),
        ("Manon Aubry", P, "Manon Aubry"),
        ("Montpellier", L, "Montpellier"),
        ("Hauts-de-France", L, "Hauts-de-France"),
        ("Pas-de-Calais", L, "Pas-de-Calais"),
        ("Karim Benyahia", P, "Karim Benyahia"),
        ("Roubaix", L, "Roubaix"),
        ("Wazemmes", L, "Wazemmes"),
        ("Écologistes", O, "Les Écologistes"),
        ("Marie Toussaint", P, "Marie Toussaint"),
        ("France Inter", O, "France Inter"),
        ("François-Xavier Bellamy", P, "François-Xavier Bellamy"),
        ("Républicains", O, "Les Républicains"),
        ("Arras", L, "Arras"),
        ("Saint-Germain-des-Prés", L, "Saint-Germain-des-Prés"),
        ("Hénin-Beaumont", L, "Hénin-Beaumont"),
        ("X", O, "X"),
        ("Sébastien Chenu", P, "Sébastien Chenu"),
        ("Renaissance", O, "Renaissance"),
        ("Élysée", O, "Élysée"),
        ("Toulouse", L, "Toulouse"),
        ("Nantes", L, "Nantes"),
        ("Paris", L, "Paris"),
        ("Zénith", L, "Zénith de Paris"),
    ],
    "politique_vote_logement": [
        ("Assemblée nationale", O, "Assemblée nationale"),
        ("Assemblée", O, "Assemblée nationale"),
        ("Habiter la France", M, "Habiter la France"),
        ("AFP", O, "AFP"),
        ("Valérie Létard", P, "Valérie Létard"),
        ("Palais-Bourbon", O, "Palais-Bourbon"),
        ("Sénat", O, "Sénat"),
        ("Airbnb", O, "Airbnb"),
        ("Abritel", O, "Abritel"),
        ("Ensemble pour la République", O, "Ensemble pour la République"),
        ("MoDem", O, "MoDem"),
        ("Horizons", O, "Horizons"),
        ("Socialistes et apparentés", O, "Socialistes et apparentés"),
        ("Rassemblement national", O, "Rassemblement national"),
        ("UDR", O, "Union des droites pour la République"),
        ("Éric Ciotti", P, "Éric Ciotti"),
        ("La France insoumise", O, "La France insoumise"),
        ("LFI", O, "La France insoumise"),
        ("Droite républicaine", O, "Droite républicaine"),
        ("Laurent Wauquiez", P, "Laurent Wauquiez"),
        ("Annecy", L, "Annecy"),
        ("Biarritz", L, "Biarritz"),
        ("Saint-Malo", L, "Saint-Malo"),
        ("François Bayrou", P, "François Bayrou"),
        ("Matignon", O, "Matignon"),
        ("PS", O, "Parti socialiste"),
        ("Boris Vallaud", P, "Boris Vallaud"),
        ("Mathilde Panot", P, "Mathilde Panot"),
        ("Marine Le Pen", P, "Marine Le Pen"),
        (
            "Union des métiers et des industries de l’hôtellerie",
            O,
            "Union des métiers et des industries de l’hôtellerie",
        ),
        ("Umih", O, "Union des métiers et des industries de l’hôtellerie"),
        (
            "Union nationale pour la promotion de la location de vacances",
            O,
            "Union nationale pour la promotion de la location de vacances",
        ),
        ("UNPLV", O, "Union nationale pour la promotion de la location de vacances"),
        ("Conseil constitutionnel", O, "Conseil constitutionnel"),
        (
            "Fondation pour le logement des défavorisés",
            O,
            "Fondation pour le logement des défavorisés",
        ),
        ("Fondation Abbé Pierre", O, "Fondation pour le logement des défavorisés"),
        ("loi Le Meur", M, "loi Le Meur"),
        ("ministère du Logement", O, "ministère du Logement"),
        ("France", L, "France"),
        ("Provence-Alpes-Côte d’Azur", L, "Provence-Alpes-Côte d’Azur"),
        ("Bretagne", L, "Bretagne"),
        ("Yaël Braun-Pivet", P, "Yaël Braun-Pivet"),
    ],
    "justice_assises_douai": [
        ("Moussa N’Diaye", P, "Moussa N’Diaye"),
        ("Moussa", P, "Moussa N’Diaye"),
        ("Roubaix", L, "Roubaix"),
        ("Nord", L, "Nord"),
        ("Douai", L, "Douai"),
        ("Thierry Vandamme", P, "Thierry Vandamme"),
        ("Vandamme", P, "Thierry Vandamme"),
        ("Dylan Vercruysse", P, "Dylan Vercruysse"),
        ("Alma", L, "Alma"),
        ("Kevin Delattre", P, "Kevin Delattre"),
        ("Yanis Benali", P, "Yanis Benali"),
        ("Aminata N’Diaye", P, "Aminata N’Diaye"),
        ("Sénégal", L, "Sénégal"),
        ("CHU de Lille", O, "CHU de Lille"),
        ("Nadia Haddad", P, "Nadia Haddad"),
        ("Lille", L, "Lille"),
        ("Tourcoing", L, "Tourcoing"),
        ("Eurotéléport", L, "Eurotéléport"),
        ("Sean O’Neill", P, "Sean O’Neill"),
        ("O’Neill", P, "Sean O’Neill"),
        ("Dublin", L, "Dublin"),
        ("Pierre-Henri Castelain", P, "Pierre-Henri Castelain"),
        ("Castelain", P, "Pierre-Henri Castelain"),
        ("Sophie Mabille", P, "Sophie Mabille"),
        ("Institut national de police scientifique", O, "Institut national de police scientifique"),
        ("Guillaume Delbar", P, "Guillaume Delbar"),
    ],
    "justice_conseil_etat_dissolution": [
        ("Conseil d'État", O, "Conseil d'État"),
        ("Terre Vive 44", O, "Terre Vive 44"),
        ("Ligue des droits de l'homme", O, "Ligue des droits de l'homme"),
        ("LDH", O, "Ligue des droits de l'homme"),
        ("ministère de l'Intérieur", O, "ministère de l'Intérieur"),
        ("Loire-Atlantique", L, "Loire-Atlantique"),
        ("Sainte-Soline", L, "Sainte-Soline"),
        ("Deux-Sèvres", L, "Deux-Sèvres"),
        ("Gérald Darmanin", P, "Gérald Darmanin"),
        ("Beauvau", O, "Beauvau"),
        ("Soulèvements de la Terre", O, "Soulèvements de la Terre"),
        ("Palais-Royal", O, "Palais-Royal"),
        (
            "Convention européenne des droits de l'homme",
            M,
            "Convention européenne des droits de l'homme",
        ),
        ("Anne-Sophie Le Gall", P, "Anne-Sophie Le Gall"),
        ("Nathalie Tehio", P, "Nathalie Tehio"),
        ("Nantes", L, "Nantes"),
        ("Saint-Nazaire", L, "Saint-Nazaire"),
        ("Châteaubriant", L, "Châteaubriant"),
        ("Notre-Dame-des-Landes", L, "Notre-Dame-des-Landes"),
        ("Mathis Le Goff", P, "Mathis Le Goff"),
        ("Conseil des ministres", O, "Conseil des ministres"),
        (
            "Coordination contre le racisme et l'islamophobie",
            O,
            "Coordination contre le racisme et l'islamophobie",
        ),
        ("Cour européenne des droits de l'homme", O, "Cour européenne des droits de l'homme"),
        ("Strasbourg", L, "Strasbourg"),
    ],
    "economie_greve_raffineries": [
        ("TotalEnergies", O, "TotalEnergies"),
        ("CGT", O, "CGT"),
        ("Gonfreville-l’Orcher", L, "Gonfreville-l’Orcher"),
        ("Donges", L, "Donges"),
        ("Feyzin", L, "Feyzin"),
        ("Havre", L, "Le Havre"),
        ("France", L, "France"),
        ("Loire-Atlantique", L, "Loire-Atlantique"),
        ("Lyon", L, "Lyon"),
        ("Alexis Ferreira", P, "Alexis Ferreira"),
        ("Jean-Marc Durand", P, "Jean-Marc Durand"),
        ("BFM Business", O, "BFM Business"),
        ("Patrick Pouyanné", P, "Patrick Pouyanné"),
        ("La Défense", L, "La Défense"),
        ("Normandie", L, "Normandie"),
        ("Pays de la Loire", L, "Pays de la Loire"),
        ("ministère de la Transition écologique", O, "ministère de la Transition écologique"),
        ("Marc Ferracci", P, "Marc Ferracci"),
        ("Sagess", O, "Sagess"),
        ("Esso", O, "Esso"),
        ("ExxonMobil", O, "ExxonMobil"),
        ("Port-Jérôme-sur-Seine", L, "Port-Jérôme-sur-Seine"),
        ("Force ouvrière", O, "Force ouvrière"),
        ("La Mède", L, "La Mède"),
        ("Bouches-du-Rhône", L, "Bouches-du-Rhône"),
        ("Sophie Binet", P, "Sophie Binet"),
        (
            "Union française des industries pétrolières",
            O,
            "Union française des industries pétrolières",
        ),
        ("Ufip", O, "Union française des industries pétrolières"),
    ],
    "sante_covid_variant": [
        ("Covid-19", M, "Covid-19"),
        ("Covid", M, "Covid-19"),
        ("Nimbus", M, "NB.1.8.1"),
        ("NB.1.8.1", M, "NB.1.8.1"),
        ("France", L, "France"),
        ("Hexagone", L, "France"),
        ("Santé publique France", O, "Santé publique France"),
        ("Occitanie", L, "Occitanie"),
        ("Provence-Alpes-Côte d'Azur", L, "Provence-Alpes-Côte d’Azur"),
        ("Île-de-France", L, "Île-de-France"),
        ("Omicron", M, "Omicron"),
        ("Chine", L, "Chine"),
        ("Organisation mondiale de la santé", O, "Organisation mondiale de la santé"),
        ("OMS", O, "Organisation mondiale de la santé"),
        (
            "Centre national de référence des virus des infections respiratoires",
            O,
            "Centre national de référence des virus des infections respiratoires",
        ),
        ("Institut Pasteur", O, "Institut Pasteur"),
        ("LP.8.1", M, "LP.8.1"),
        ("Bruno Lina", P, "Bruno Lina"),
        ("Hospices civils de Lyon", O, "Hospices civils de Lyon"),
        ("Yannick Neuder", P, "Yannick Neuder"),
        ("franceinfo", O, "franceinfo"),
        ("Montpellier", L, "Montpellier"),
        ("Karine Aubert", P, "Karine Aubert"),
        (
            "Agence régionale de santé Occitanie",
            O,
            "Agence régionale de santé Occitanie",
        ),
        ("Toulouse", L, "Toulouse"),
        ("Perpignan", L, "Perpignan"),
        ("Nîmes", L, "Nîmes"),
        ("Haute Autorité de santé", O, "Haute Autorité de santé"),
        ("HAS", O, "Haute Autorité de santé"),
        ("Pfizer", O, "Pfizer"),
        ("BioNTech", O, "BioNTech"),
        ("JN.1", M, "JN.1"),
        (
            "Centre européen de prévention et de contrôle des maladies",
            O,
            "Centre européen de prévention et de contrôle des maladies",
        ),
        ("ECDC", O, "Centre européen de prévention et de contrôle des maladies"),
        ("Espagne", L, "Espagne"),
        ("Italie", L, "Italie"),
        ("Royaume-Uni", L, "Royaume-Uni"),
    ],
    "justice_cassation_geolocalisation": [
        ("Cour de cassation", O, "Cour de cassation"),
        ("Quimper", L, "Quimper"),
        ("Yann Kerhervé", P, "Yann Kerhervé"),
        ("Kerhervé", P, "Yann Kerhervé"),
        ("Ambulances Morvan", O, "Ambulances Morvan"),
        ("Finistère", L, "Finistère"),
        ("Rennes", L, "Rennes"),
        ("RGPD", M, "RGPD"),
        ("Samu du Finistère", O, "Samu du Finistère"),
        ("Gwenaëlle Le Roux", P, "Gwenaëlle Le Roux"),
        ("Brest", L, "Brest"),
        ("Antoine Dufresne", P, "Antoine Dufresne"),
        (
            "Commission nationale de l’informatique et des libertés",
            O,
            "Commission nationale de l’informatique et des libertés",
        ),
        ("CNIL", O, "Commission nationale de l’informatique et des libertés"),
        ("CFDT", O, "CFDT"),
        ("Medef", O, "Medef"),
        ("Deliveroo", O, "Deliveroo"),
        ("Uber Eats", O, "Uber Eats"),
        ("Angers", L, "Angers"),
        ("Morlaix", L, "Morlaix"),
    ],
    "economie_resultats_carrefour": [
        ("Carrefour", O, "Carrefour"),
        ("Carrefour 2026", M, "Carrefour 2026"),
        ("Alexandre Bompard", P, "Alexandre Bompard"),
        ("Bompard", P, "Alexandre Bompard"),
        ("Argentine", L, "Argentine"),
        ("France", L, "France"),
        ("Bourse de Paris", O, "Bourse de Paris"),
        ("Bloomberg", O, "Bloomberg"),
        ("Massy", L, "Massy"),
        ("Essonne", L, "Essonne"),
        ("Lidl", O, "Lidl"),
        ("Aldi", O, "Aldi"),
        ("E.Leclerc", O, "E.Leclerc"),
        ("Kantar", O, "Kantar"),
        ("Philippe Goetzmann", P, "Philippe Goetzmann"),
        ("Espagne", L, "Espagne"),
        ("Belgique", L, "Belgique"),
        ("Brésil", L, "Brésil"),
        ("Atacadão", O, "Atacadão"),
        ("Sam's Club", O, "Sam's Club"),
        ("Javier Milei", P, "Javier Milei"),
        ("CAC 40", M, "CAC 40"),
        ("Clémence Arbogast", P, "Clémence Arbogast"),
        ("Oddo BHF", O, "Oddo BHF"),
        ("CFDT", O, "CFDT"),
        ("Sylvain Macé", P, "Sylvain Macé"),
        ("Peninsula", O, "Peninsula"),
        ("Abilio Diniz", P, "Abilio Diniz"),
    ],
    "economie_banque_de_france": [
        ("Banque de France", O, "Banque de France"),
        ("Banque centrale européenne", O, "Banque centrale européenne"),
        ("BCE", O, "Banque centrale européenne"),
        ("François Villeroy de Galhau", P, "François Villeroy de Galhau"),
        ("Villeroy de Galhau", P, "François Villeroy de Galhau"),
        ("Donald Trump", P, "Donald Trump"),
        ("France", L, "France"),
        ("États-Unis", L, "États-Unis"),
        ("Covid", M, "Covid-19"),
        ("François Bayrou", P, "François Bayrou"),
        ("Bercy", O, "Bercy"),
        ("Éric Lombard", P, "Éric Lombard"),
        ("Insee", O, "Insee"),
        ("Haut Conseil des finances publiques", O, "Haut Conseil des finances publiques"),
        ("Christine Lagarde", P, "Christine Lagarde"),
        ("Francfort", L, "Francfort"),
        ("Commission européenne", O, "Commission européenne"),
        ("Moody's", O, "Moody's"),
        ("Natixis", O, "Natixis"),
        ("Charlotte de Montpellier", P, "Charlotte de Montpellier"),
        ("ING", O, "ING"),
    ],
    "sante_hopital_carhaix": [
        ("Bretagne", L, "Bretagne"),
        ("Carhaix", L, "Carhaix-Plouguer"),
        ("Carhaix-Plouguer", L, "Carhaix-Plouguer"),
        ("Centre-Bretagne", L, "Centre-Bretagne"),
        ("Finistère", L, "Finistère"),
        ("Agence régionale de santé", O, "Agence régionale de santé Bretagne"),
        ("ARS", O, "Agence régionale de santé Bretagne"),
        ("Morlaix", L, "Morlaix"),
        ("Quimper", L, "Quimper"),
        ("Brest", L, "Brest"),
        ("Rostrenen", L, "Rostrenen"),
        ("Callac", L, "Callac"),
        ("Christian Troadec", P, "Christian Troadec"),
        ("Bonnets rouges", O, "Bonnets rouges"),
        ("Châteaulin", L, "Châteaulin"),
        ("CHU de Brest", O, "CHU de Brest"),
        ("CHRU de Brest", O, "CHU de Brest"),
        ("loi Rist", M, "loi Rist"),
        ("Florent Foucard", P, "Florent Foucard"),
        ("Gwenola Le Nours", P, "Gwenola Le Nours"),
        ("Assemblée nationale", O, "Assemblée nationale"),
        ("Mélanie Thomin", P, "Mélanie Thomin"),
        ("François Braun", P, "François Braun"),
        ("Loïg Chesnais-Girard", P, "Loïg Chesnais-Girard"),
        ("Samu-Urgences de France", O, "Samu-Urgences de France"),
        ("Marc Noizet", P, "Marc Noizet"),
        ("Noizet", P, "Marc Noizet"),
        ("Laval", L, "Laval"),
        ("Pontoise", L, "Pontoise"),
        ("Jura", L, "Jura"),
    ],
    "cyber_mairie_rancongiciel": [
        ("Saint-Avold", L, "Saint-Avold"),
        ("LockBit", O, "LockBit"),
        ("Moselle", L, "Moselle"),
        ("Jean-Luc Wagner", P, "Jean-Luc Wagner"),
        ("ANSSI", O, "Agence nationale de la sécurité des systèmes d’information"),
        (
            "Agence nationale de la sécurité des systèmes d’information",
            O,
            "Agence nationale de la sécurité des systèmes d’information",
        ),
        ("Paris", L, "Paris"),
        (
            "Commandement du ministère de l’Intérieur dans le cyberespace",
            O,
            "Commandement du ministère de l’Intérieur dans le cyberespace",
        ),
        ("Comcyber-MI", O, "Commandement du ministère de l’Intérieur dans le cyberespace"),
        (
            "Commission nationale de l’informatique et des libertés",
            O,
            "Commission nationale de l’informatique et des libertés",
        ),
        ("CNIL", O, "Commission nationale de l’informatique et des libertés"),
        ("RGPD", M, "RGPD"),
        ("Julien Mercier", P, "Julien Mercier"),
        ("Wavestone", O, "Wavestone"),
        ("Cybermalveillance.gouv.fr", O, "Cybermalveillance.gouv.fr"),
        ("Nadia Benkhelifa", P, "Nadia Benkhelifa"),
        ("Carrière", L, "La Carrière (Saint-Avold)"),
        ("Forbach", L, "Forbach"),
        ("Freyming-Merlebach", L, "Freyming-Merlebach"),
        ("Seine-et-Marne", L, "Seine-et-Marne"),
        ("Corbeil-Essonnes", L, "Corbeil-Essonnes"),
        ("FBI", O, "FBI"),
        ("États-Unis", L, "États-Unis"),
    ],
    "politique_municipales_marseille": [
        ("Marseille", L, "Marseille"),
        ("Benoît Payan", P, "Benoît Payan"),
        ("Payan", P, "Benoît Payan"),
        ("Rassemblement national", O, "Rassemblement national"),
        ("RN", O, "Rassemblement national"),
        ("Silo", L, "Silo (Marseille)"),
        ("Joliette", L, "Joliette"),
        ("Noailles", L, "Noailles (Marseille)"),
        ("Jean-Claude Gaudin", P, "Jean-Claude Gaudin"),
        ("Printemps marseillais", O, "Printemps marseillais"),
        ("Michèle Rubirola", P, "Michèle Rubirola"),
        ("Parti socialiste", O, "Parti socialiste"),
        ("PCF", O, "Parti communiste français"),
        ("Place publique", O, "Place publique"),
        ("Les Écologistes", O, "Les Écologistes"),
        ("Marine Tondelier", P, "Marine Tondelier"),
        ("La France insoumise", O, "La France insoumise"),
        ("LFI", O, "La France insoumise"),
        ("Bouches-du-Rhône", L, "Bouches-du-Rhône"),
        ("Sébastien Delogu", P, "Sébastien Delogu"),
        ("BFM Marseille Provence", O, "BFM Marseille Provence"),
        ("Fatou N'Diaye", P, "Fatou N'Diaye"),
        ("Castellane", L, "La Castellane (Marseille)"),
        ("Franck Allisio", P, "Franck Allisio"),
        ("Ifop", O, "Ifop"),
        ("La Provence", O, "La Provence"),
        ("Martine Vassal", P, "Martine Vassal"),
        ("Aix-Marseille-Provence", L, "Aix-Marseille-Provence"),
        ("Les Républicains", O, "Les Républicains"),
        ("LR", O, "Les Républicains"),
        ("Bruno Retailleau", P, "Bruno Retailleau"),
        ("Renaissance", O, "Renaissance"),
        ("Horizons", O, "Horizons"),
        ("Saint-Charles", L, "gare Saint-Charles"),
    ],
    "politique_senat_narcotrafic": [
        ("Sénat", O, "Sénat"),
        ("Étienne Blanc", P, "Étienne Blanc"),
        ("Jérôme Durain", P, "Jérôme Durain"),
        ("LR", O, "Les Républicains"),
        ("PS", O, "Parti socialiste"),
        ("France", L, "France"),
        ("Bruno Retailleau", P, "Bruno Retailleau"),
        ("Gérald Darmanin", P, "Gérald Darmanin"),
        ("Guyane", L, "Guyane"),
        ("Pnaco", O, "Pnaco"),
        ("Parquet national financier", O, "Parquet national financier"),
        ("PNF", O, "Parquet national financier"),
        ("Parquet national antiterroriste", O, "Parquet national antiterroriste"),
        ("Pnat", O, "Parquet national antiterroriste"),
        ("Paris", L, "Paris"),
        ("Office antistupéfiants", O, "Office antistupéfiants"),
        ("Ofast", O, "Office antistupéfiants"),
        ("Assemblée nationale", O, "Assemblée nationale"),
        ("Assemblée", O, "Assemblée nationale"),
        ("Saône-et-Loire", L, "Saône-et-Loire"),
        ("Rhône", L, "Rhône"),
        ("Guillaume Gontard", P, "Guillaume Gontard"),
        ("Marseille", L, "Marseille"),
        ("Bouches-du-Rhône", L, "Bouches-du-Rhône"),
        ("Valérie Boyer", P, "Valérie Boyer"),
        ("Paternelle", L, "La Paternelle (Marseille)"),
        ("Syndicat de la magistrature", O, "Syndicat de la magistrature"),
        ("WhatsApp", O, "WhatsApp"),
        ("Signal", O, "Signal"),
        ("Telegram", O, "Telegram"),
        ("La Quadrature du Net", O, "La Quadrature du Net"),
        ("Gérard Larcher", P, "Gérard Larcher"),
        ("Palais-Bourbon", O, "Palais-Bourbon"),
        ("Vincent Caure", P, "Vincent Caure"),
        ("Ensemble pour la République", O, "Ensemble pour la République"),
    ],
    "sante_grippe_aviaire": [
        ("H5N1", M, "H5N1"),
        ("France", L, "France"),
        ("Nantes", L, "Nantes"),
        ("Vendée", L, "Vendée"),
        ("Chantonnay", L, "Chantonnay"),
        ("ministère de la Santé", O, "ministère de la Santé"),
        ("2.3.4.4b", M, "2.3.4.4b"),
        ("CHU de Nantes", O, "CHU de Nantes"),
        (
            "Agence régionale de santé Pays de la Loire",
            O,
            "Agence régionale de santé Pays de la Loire",
        ),
        ("Grégory Emery", P, "Grégory Emery"),
        (
            "Centre national de référence des virus des infections respiratoires",
            O,
            "Centre national de référence des virus des infections respiratoires",
        ),
        ("Institut Pasteur", O, "Institut Pasteur"),
        ("Jean-Yves Guérin", P, "Jean-Yves Guérin"),
        ("FNSEA", O, "FNSEA"),
        ("Annie Genevard", P, "Annie Genevard"),
        ("États-Unis", L, "États-Unis"),
        ("Louisiane", L, "Louisiane"),
        ("OMS", O, "Organisation mondiale de la santé"),
        ("Genève", L, "Genève"),
        ("Office français de la biodiversité", O, "Office français de la biodiversité"),
        ("OFB", O, "Office français de la biodiversité"),
        ("Arnaud Fontanet", P, "Arnaud Fontanet"),
        ("Santé publique France", O, "Santé publique France"),
    ],
    "cyber_chu_nimes": [
        ("CHU de Nîmes", O, "CHU de Nîmes"),
        ("Qilin", O, "Qilin"),
        ("Montpellier", L, "Montpellier"),
        ("Alès", L, "Alès"),
        ("Armentières", L, "Armentières"),
        ("Nîmes", L, "Nîmes"),
        ("Synnovis", O, "Synnovis"),
        ("Isabelle Moreau-Lacombe", P, "Isabelle Moreau-Lacombe"),
        ("Samu du Gard", O, "Samu du Gard"),
        ("CHU de Montpellier", O, "CHU de Montpellier"),
        ("J3", O, "J3 (parquet de Paris)"),
        ("Paris", L, "Paris"),
        ("Office anti-cybercriminalité", O, "Office anti-cybercriminalité"),
        ("OFAC", O, "Office anti-cybercriminalité"),
        ("ANSSI", O, "Agence nationale de la sécurité des systèmes d’information"),
        ("CERT Santé", O, "CERT Santé"),
        ("Clara Chappaz", P, "Clara Chappaz"),
        ("CaRE", M, "CaRE"),
        ("Agence régionale de santé Occitanie", O, "Agence régionale de santé Occitanie"),
        ("Assurance maladie", O, "Assurance maladie"),
        ("Thibault Vergnes", P, "Thibault Vergnes"),
        ("Jean-Paul Fournier", P, "Jean-Paul Fournier"),
        ("Cannes", L, "Cannes"),
    ],
    "economie_plan_social_roanne": [
        ("Loire", L, "Loire"),
        ("Tissages Dumas", O, "Tissages Dumas"),
        ("Roanne", L, "Roanne"),
        ("Mably", L, "Mably"),
        ("Portugal", L, "Portugal"),
        ("Sandrine Vial", P, "Sandrine Vial"),
        ("CGT", O, "CGT"),
        ("Guimarães", L, "Guimarães"),
        ("Olivier Dumas", P, "Olivier Dumas"),
        ("FO", O, "Force ouvrière"),
        ("CFE-CGC", O, "CFE-CGC"),
        ("Mehdi Aït-Saïd", P, "Mehdi Aït-Saïd"),
        ("Yves Nicolin", P, "Yves Nicolin"),
        ("Auvergne-Rhône-Alpes", L, "Auvergne-Rhône-Alpes"),
        ("Laurent Wauquiez", P, "Laurent Wauquiez"),
        ("France", L, "France"),
        ("Antoine Armand", P, "Antoine Armand"),
        ("Saint-Étienne", L, "Saint-Étienne"),
        ("Entreprise du patrimoine vivant", M, "Entreprise du patrimoine vivant"),
        ("La Redoute", O, "La Redoute"),
        ("Galeries Lafayette", O, "Galeries Lafayette"),
        ("Union des industries textiles", O, "Union des industries textiles"),
        ("UIT", O, "Union des industries textiles"),
    ],
}

#: (surface, 0-based rank among its whole-word occurrences) that are not mentions
SKIP: dict[str, list[tuple[str, int]]] = {
    # byline, photo caption
    "politique_europeennes_meeting": [
        ("Lille", 1),
        ("Lille", 2),
        ("Raphaël Glucksmann", 1),
        ("Glucksmann", 1),
        ("Olivier Faure", 0),
    ],
    # leading agency credit
    "politique_vote_logement": [("AFP", 0)],
    # photo caption, "Lire aussi" teaser
    "justice_assises_douai": [("Nord", 0), ("Douai", 0), ("Moussa", 3), ("Roubaix", 3)],
    # photo caption
    "economie_greve_raffineries": [("Gonfreville-l’Orcher", 1)],
    # "Lire aussi" teaser
    "sante_covid_variant": [("Covid", 3), ("France", 4)],
    # rubric (crumb), byline, photo caption, "Lire aussi" teasers
    "sante_hopital_carhaix": [("Bretagne", 0), ("Carhaix", 2), ("Carhaix", 3), ("Bretagne", 4)],
    # byline, "Lire aussi" teaser
    "politique_municipales_marseille": [("Marseille", 1), ("RN", 2)],
    # photo caption
    "sante_grippe_aviaire": [("Vendée", 0), ("Chantonnay", 0)],
    # "Sur le même sujet" teaser
    "cyber_chu_nimes": [("Armentières", 0)],
    # byline, photo caption, "Lire aussi" teaser
    "economie_plan_social_roanne": [
        ("Roanne", 1),
        ("Loire", 1),
        ("Tissages Dumas", 1),
        ("Mably", 1),
        ("Roanne", 4),
    ],
}


def occurrences(content: str, surface: str) -> list[tuple[int, int]]:
    """Every whole-word occurrence of `surface` in `content`, as (start, end)."""
    pattern = rf"(?<!\w){re.escape(surface)}(?!\w)"
    return [m.span() for m in re.finditer(pattern, content)]


def build(stem: str) -> list[dict[str, object]]:
    """The gold mentions of one article, sorted by start."""
    content = (ARTICLES / f"{stem}.txt").read_text(encoding="utf-8")
    taken: list[tuple[int, int]] = []
    out: list[dict[str, object]] = []
    skip = set(SKIP.get(stem, []))
    for surface, label, canonical in sorted(GOLD[stem], key=lambda x: -len(x[0])):
        found = 0
        for rank, (s, e) in enumerate(occurrences(content, surface)):
            if any(s < b and e > a for a, b in taken) or (surface, rank) in skip:
                continue
            taken.append((s, e))
            out.append(
                {"start": s, "end": e, "text": surface, "label": label, "canonical": canonical}
            )
            found += 1
        if not found:
            raise SystemExit(f"{stem}: {surface!r} never found")
    for surface, rank in skip:
        if rank >= len(occurrences(content, surface)):
            raise SystemExit(f"{stem}: SKIP {surface!r} #{rank} does not exist")
    out.sort(key=lambda d: d["start"])  # type: ignore[arg-type, return-value]
    for d in out:
        assert content[d["start"] : d["end"]] == d["text"]  # type: ignore[misc]
    return out


def show(stem: str) -> None:
    """Print each listed surface's occurrences with rank, context and whether SKIP drops it."""
    content = (ARTICLES / f"{stem}.txt").read_text(encoding="utf-8")
    skip = set(SKIP.get(stem, []))
    for surface, label, _ in GOLD[stem]:
        for rank, (s, e) in enumerate(occurrences(content, surface)):
            ctx = content[max(0, s - 40) : e + 25].replace("\n", "⏎")
            flag = "SKIP" if (surface, rank) in skip else "    "
            print(f"{flag} {label:4} {surface!r:30} #{rank}: …{ctx}…")


def main() -> None:
    """Write gold/STEM.json for every article of GOLD, or --show STEM."""
    if len(sys.argv) == 3 and sys.argv[1] == "--show":
        show(sys.argv[2])
        return
    total = 0
    for stem in GOLD:
        gold = build(stem)
        total += len(gold)
        (GOLD_DIR / f"{stem}.json").write_text(
            json.dumps(gold, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
        )
        print(f"{stem}: {len(gold)} mentions")
    print(f"total: {total} mentions in {len(GOLD)} articles")


if __name__ == "__main__":
    main()
