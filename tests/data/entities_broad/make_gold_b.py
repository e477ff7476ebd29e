"""Builds the gold `gold/NAME.json` of the part-B articles (`articles/NAME.txt`) of this folder
from the hand-written annotation below (GUIDELINES.md of ../../../../shared/gold): every
occurrence of a listed surface, whole word, longest surface first, is one mention.

Two ways remove occurrences that are not mentions:
* `BOILERPLATE`: exact passages of the page that are web boilerplate (photo captions and
  credits, bylines and dates, "Lire aussi" teasers, trailing agency credits); no occurrence
  inside them is a mention. Each passage must occur in the article.
* `SKIP`: (surface, 0-based rank among all its whole-word occurrences) that are not mentions.

Run: python3 tests/data/entities_broad/make_gold_b.py  (checks content[start:end] == text);
`--show STEM` prints every occurrence of the listed surfaces with its rank, to edit `SKIP`.
Part A (make_gold_a.py) builds the other articles of the set."""

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
    "sport_rugby_springboks": [
        ("XV de France", O, "XV de France"),
        ("Bleus", O, "XV de France"),
        ("Springboks", O, "Springboks"),
        ("Boks", O, "Springboks"),
        ("Stade de France", L, "Stade de France"),
        ("Afrique du Sud", L, "Afrique du Sud"),
        ("Louis Bielle-Biarrey", P, "Louis Bielle-Biarrey"),
        ("Saint-Denis", L, "Saint-Denis"),
        ("Coupe du monde 2023", M, "Coupe du monde de rugby 2023"),
        ("Antoine Dupont", P, "Antoine Dupont"),
        ("Dupont", P, "Antoine Dupont"),
        ("Fabien Galthié", P, "Fabien Galthié"),
        ("Grégory Alldritt", P, "Grégory Alldritt"),
        ("Thomas Ramos", P, "Thomas Ramos"),
        ("Malcolm Marx", P, "Malcolm Marx"),
        ("Ciarán O'Brien", P, "Ciarán O'Brien"),
        ("Handré Pollard", P, "Handré Pollard"),
        ("World Rugby", O, "World Rugby"),
        ("Rassie Erasmus", P, "Rassie Erasmus"),
        ("France", L, "France"),
        ("Paris", L, "Paris"),
        ("Siya Kolisi", P, "Siya Kolisi"),
        ("Eben Etzebeth", P, "Eben Etzebeth"),
        ("TF1", O, "TF1"),
        ("Stade toulousain", O, "Stade toulousain"),
        ("Damian Penaud", P, "Damian Penaud"),
        ("Fédération française de rugby", O, "Fédération française de rugby"),
        ("FFR", O, "Fédération française de rugby"),
        ("Florian Grill", P, "Florian Grill"),
        ("All Blacks", O, "All Blacks"),
        ("Australie", L, "Australie"),
        ("Marseille", L, "Marseille"),
        ("Nouvelle-Zélande", L, "Nouvelle-Zélande"),
        ("Dublin", L, "Dublin"),
        ("Irlande", L, "Irlande"),
        ("Vélodrome", L, "Vélodrome"),
        ("Europe", L, "Europe"),
        ("Cardiff", L, "Cardiff"),
        ("pays de Galles", L, "pays de Galles"),
        ("Rugby Championship", M, "Rugby Championship"),
        ("Tournoi des Six Nations", M, "Tournoi des Six Nations"),
    ],
    "sport_football_diables_rouges": [
        ("Diables rouges", O, "Diables rouges"),
        ("Seleção", O, "Seleção"),
        ("Bruxelles", L, "Bruxelles"),
        ("Jérémy Doku", P, "Jérémy Doku"),
        ("Doku", P, "Jérémy Doku"),
        ("Brésil", L, "Brésil"),
        ("Roi-Baudouin", L, "stade Roi-Baudouin"),
        ("Coupe du monde 2018", M, "Coupe du monde de football 2018"),
        ("Coupe du monde 2026", M, "Coupe du monde de football 2026"),
        ("Belgique", L, "Belgique"),
        ("Rudi Garcia", P, "Rudi Garcia"),
        ("Ligue des nations", M, "Ligue des nations"),
        ("Kevin De Bruyne", P, "Kevin De Bruyne"),
        ("De Bruyne", P, "Kevin De Bruyne"),
        ("Alisson", P, "Alisson"),
        ("Manchester City", O, "Manchester City"),
        ("Vinícius Júnior", P, "Vinícius Júnior"),
        ("Koen Casteels", P, "Koen Casteels"),
        ("Casteels", P, "Koen Casteels"),
        ("Carlo Ancelotti", P, "Carlo Ancelotti"),
        ("Ancelotti", P, "Carlo Ancelotti"),
        ("Real Madrid", O, "Real Madrid"),
        ("Castagne", P, "Timothy Castagne"),
        ("Faes", P, "Wout Faes"),
        ("Debast", P, "Zeno Debast"),
        ("Theate", P, "Arthur Theate"),
        ("Onana", P, "Amadou Onana"),
        ("Tielemans", P, "Youri Tielemans"),
        ("Romelu Lukaku", P, "Romelu Lukaku"),
        ("Lukaku", P, "Romelu Lukaku"),
        ("Trossard", P, "Leandro Trossard"),
        ("Danilo", P, "Danilo"),
        ("Marquinhos", P, "Marquinhos"),
        ("Gabriel Magalhães", P, "Gabriel Magalhães"),
        ("Wendell", P, "Wendell"),
        ("Bruno Guimarães", P, "Bruno Guimarães"),
        ("André", P, "André"),
        ("Raphinha", P, "Raphinha"),
        ("Rodrygo", P, "Rodrygo"),
        ("Endrick", P, "Endrick"),
        ("Thibaut Courtois", P, "Thibaut Courtois"),
        ("RTBF", O, "RTBF"),
        ("Union belge de football", O, "Union belge de football"),
        ("Pierre François", P, "Pierre François"),
        ("Euro 2024", M, "Euro 2024"),
        ("Domenico Tedesco", P, "Domenico Tedesco"),
        ("pays de Galles", L, "pays de Galles"),
        ("Cardiff", L, "Cardiff"),
        ("Macédoine du Nord", L, "Macédoine du Nord"),
        ("CBF", O, "Confédération brésilienne de football"),
        ("Argentine", L, "Argentine"),
        ("Buenos Aires", L, "Buenos Aires"),
        ("Fifa", O, "FIFA"),
        ("Bleus", O, "équipe de France de football"),
        ("Didier Deschamps", P, "Didier Deschamps"),
        ("Espagne", L, "Espagne"),
        ("Stuttgart", L, "Stuttgart"),
    ],
    "sport_cyclisme_paris_nice": [
        ("Paris-Nice", M, "Paris-Nice"),
        ("Lenny Martinez", P, "Lenny Martinez"),
        ("Couillole", L, "col de la Couillole"),
        ("Jonas Vingegaard", P, "Jonas Vingegaard"),
        ("Vingegaard", P, "Jonas Vingegaard"),
        ("Bahrain Victorious", O, "Bahrain Victorious"),
        ("Nice", L, "Nice"),
        ("Groupama-FDJ", O, "Groupama-FDJ"),
        ("Visma-Lease a Bike", O, "Visma-Lease a Bike"),
        ("Matteo Jorgenson", P, "Matteo Jorgenson"),
        ("Juan Ayuso", P, "Juan Ayuso"),
        ("UAE Team Emirates", O, "UAE Team Emirates"),
        ("Kévin Vauquelin", P, "Kévin Vauquelin"),
        ("Arkéa-B&B Hotels", O, "Arkéa-B&B Hotels"),
        ("Florian Lipowitz", P, "Florian Lipowitz"),
        ("Red Bull-Bora-Hansgrohe", O, "Red Bull-Bora-Hansgrohe"),
        ("Warren Barguil", P, "Warren Barguil"),
        ("Èze", L, "col d'Èze"),
        ("Tour de France", M, "Tour de France"),
        ("Alpes-Maritimes", L, "Alpes-Maritimes"),
        ("François Lemarchand", P, "François Lemarchand"),
        ("ASO", O, "Amaury Sport Organisation"),
        ("Massif central", L, "Massif central"),
        ("Italie", L, "Italie"),
        ("Milan-San Remo", M, "Milan-San Remo"),
    ],
    "culture_festival_deauville": [
        ("Festival de Deauville", M, "Festival du cinéma américain de Deauville"),
        (
            "Festival du cinéma américain de Deauville",
            M,
            "Festival du cinéma américain de Deauville",
        ),
        ("Deauville", L, "Deauville"),
        ("Grand Prix", M, "Grand Prix du Festival de Deauville"),
        ("The Long Way Home", M, "The Long Way Home"),
        ("Montana", L, "Montana"),
        ("Golshifteh Farahani", P, "Golshifteh Farahani"),
        ("Sarah O'Connell", P, "Sarah O'Connell"),
        ("Bozeman", L, "Bozeman"),
        ("Centre international de Deauville", L, "Centre international de Deauville"),
        ("Atlantique", L, "Atlantique"),
        ("France", L, "France"),
        ("Prix du jury", M, "Prix du jury du Festival de Deauville"),
        ("Salt Flats", M, "Salt Flats"),
        ("Daniel Okafor", P, "Daniel Okafor"),
        ("Prix de la critique", M, "Prix de la critique du Festival de Deauville"),
        ("Lakewood", M, "Lakewood"),
        ("Mia Castellanos", P, "Mia Castellanos"),
        ("Prix de la révélation", M, "Prix de la révélation du Festival de Deauville"),
        ("Prix du public", M, "Prix du public du Festival de Deauville"),
        ("Utah", L, "Utah"),
        ("New York University", O, "New York University"),
        ("Pyramide Films", O, "Pyramide Films"),
        ("Normandie", L, "Normandie"),
        ("Michael Douglas", P, "Michael Douglas"),
        ("Natalie Portman", P, "Natalie Portman"),
        ("Todd Haynes", P, "Todd Haynes"),
        ("Winter Light", M, "Winter Light"),
        ("A24", O, "A24"),
        ("Paris", L, "Paris"),
        ("Aude Hesbert", P, "Aude Hesbert"),
        ("Philippe Augier", P, "Philippe Augier"),
        ("Lionel Chouchan", P, "Lionel Chouchan"),
        ("André Halimi", P, "André Halimi"),
        ("Europe", L, "Europe"),
        (
            "Centre national du cinéma et de l'image animée",
            O,
            "Centre national du cinéma et de l’image animée",
        ),
        ("Festival du film asiatique", M, "Festival du film asiatique de Deauville"),
        ("Manche", L, "Manche"),
    ],
    "culture_prix_goncourt": [
        ("Prix Goncourt", M, "prix Goncourt"),
        ("prix Goncourt", M, "prix Goncourt"),
        ("Goncourt", M, "prix Goncourt"),
        ("Académie Goncourt", O, "Académie Goncourt"),
        ("Goncourt des lycéens", M, "Goncourt des lycéens"),
        ("Nadia Ben Youssef", P, "Nadia Ben Youssef"),
        ("Les Jardins de Kairouan", M, "Les Jardins de Kairouan"),
        ("prix Renaudot", M, "prix Renaudot"),
        ("Renaudot", M, "prix Renaudot"),
        ("Pierre Lestrade", P, "Pierre Lestrade"),
        ("Philippe Claudel", P, "Philippe Claudel"),
        ("Drouant", L, "restaurant Drouant"),
        ("Paris", L, "Paris"),
        ("Gallimard", O, "Gallimard"),
        ("Tunisie", L, "Tunisie"),
        ("Marseille", L, "Marseille"),
        ("L'Hiver des cendres", M, "L'Hiver des cendres"),
        ("Mathieu Carrel", P, "Mathieu Carrel"),
        ("Actes Sud", O, "Actes Sud"),
        ("Tahar Ben Jelloun", P, "Tahar Ben Jelloun"),
        ("Françoise Chandernagor", P, "Françoise Chandernagor"),
        ("Pascal Bruckner", P, "Pascal Bruckner"),
        ("Sfax", L, "Sfax"),
        ("France", L, "France"),
        ("Aix-en-Provence", L, "Aix-en-Provence"),
        ("La Maison d'El Menzah", M, "La Maison d'El Menzah"),
        ("Femina", M, "prix Femina"),
        ("Antoine Gallimard", P, "Antoine Gallimard"),
        ("Les Heures creuses", M, "Les Heures creuses"),
        ("Éditions de Minuit", O, "Éditions de Minuit"),
        ("Ardennes", L, "Ardennes"),
        ("Sophie Marais", P, "Sophie Marais"),
        ("Guyane", L, "Guyane"),
        ("Fayard", O, "Fayard"),
        ("GfK", O, "GfK"),
        ("Syndicat de la librairie française", O, "Syndicat de la librairie française"),
        (
            "Grand Prix du roman de l'Académie française",
            M,
            "Grand Prix du roman de l'Académie française",
        ),
        ("Médicis", M, "prix Médicis"),
        ("Rennes", L, "Rennes"),
    ],
    "catastrophe_cyclone_polynesie": [
        ("Tama", M, "cyclone Tama"),
        ("Oli", M, "cyclone Oli"),
        ("Tahiti", L, "Tahiti"),
        ("Marquises", L, "îles Marquises"),
        ("Papeete", L, "Papeete"),
        ("Polynésie française", L, "Polynésie française"),
        (
            "Haut-commissariat de la République en Polynésie française",
            O,
            "Haut-commissariat de la République en Polynésie française",
        ),
        ("Faa'a", L, "Faa'a"),
        ("Puna'auia", L, "Puna'auia"),
        ("Électricité de Tahiti", O, "Électricité de Tahiti"),
        ("Moorea", L, "Moorea"),
        ("Tahiti-Faa'a", L, "aéroport international de Tahiti-Faa'a"),
        ("Air Tahiti Nui", O, "Air Tahiti Nui"),
        ("Los Angeles", L, "Los Angeles"),
        ("Paris", L, "Paris"),
        ("Éric Spitz", P, "Éric Spitz"),
        ("Moetai Brotherson", P, "Moetai Brotherson"),
        ("Teahupo'o", L, "Teahupo'o"),
        ("Jeux olympiques de Paris 2024", M, "Jeux olympiques de Paris 2024"),
        ("Teiki Tehei'ura", P, "Teiki Tehei'ura"),
        ("Hinano Teriitahi", P, "Hinano Teriitahi"),
        ("Météo-France", O, "Météo-France"),
        ("Nuku Hiva", L, "Nuku Hiva"),
        ("Hiva Oa", L, "Hiva Oa"),
        ("Taiohae", L, "Taiohae"),
        ("Atuona", L, "Atuona"),
        ("Tuamotu", L, "Tuamotu"),
        ("Rangiroa", L, "Rangiroa"),
        ("Manuel Valls", P, "Manuel Valls"),
        ("Sécurité civile", O, "Sécurité civile"),
        ("Marine nationale", O, "Marine nationale"),
        ("Prairial", M, "Prairial"),
        ("Croix-Rouge française", O, "Croix-Rouge française"),
        ("Europe", L, "Europe"),
        ("El Niño", M, "El Niño"),
    ],
    "catastrophe_seisme_vanuatu": [
        ("Vanuatu", L, "Vanuatu"),
        ("Port-Vila", L, "Port-Vila"),
        ("Nouvelle-Calédonie", L, "Nouvelle-Calédonie"),
        ("Efate", L, "Efate"),
        ("Nouméa", L, "Nouméa"),
        ("Jotham Napat", P, "Jotham Napat"),
        ("Institut d'études géologiques des États-Unis", O, "USGS"),
        ("USGS", O, "USGS"),
        ("Mele", L, "Mele"),
        ("Mathilde Kalsakau", P, "Mathilde Kalsakau"),
        (
            "Centre d'alerte aux tsunamis du Pacifique",
            O,
            "Centre d'alerte aux tsunamis du Pacifique",
        ),
        ("Pacifique", L, "Pacifique"),
        ("Honolulu", L, "Honolulu"),
        ("O'ahu", L, "O'ahu"),
        ("Hawai'i", L, "Hawaï"),
        ("Louis Le Franc", P, "Louis Le Franc"),
        ("Loyauté", L, "îles Loyauté"),
        ("Lifou", L, "Lifou"),
        ("Wé", L, "Wé"),
        ("Xépénéhé", L, "Xépénéhé"),
        ("Maré", L, "Maré"),
        ("Guahma", L, "Guahma"),
        ("Cyprien Wadrawane", P, "Cyprien Wadrawane"),
        ("Tadine", L, "Tadine"),
        ("Ouvéa", L, "Ouvéa"),
        ("Fayaoué", L, "Fayaoué"),
        ("Grande Terre", L, "Grande Terre"),
        ("Hienghène", L, "Hienghène"),
        ("Poindimié", L, "Poindimié"),
        ("Thio", L, "Thio"),
        ("Alcide Ponga", P, "Alcide Ponga"),
        ("Australie", L, "Australie"),
        ("Nouvelle-Zélande", L, "Nouvelle-Zélande"),
        ("Paris", L, "Paris"),
        ("Quai d'Orsay", O, "Quai d'Orsay"),
        ("Forces armées de la Nouvelle-Calédonie", O, "Forces armées de la Nouvelle-Calédonie"),
        ("Casa", M, "Casa"),
        ("Croix-Rouge du Vanuatu", O, "Croix-Rouge du Vanuatu"),
        ("Judy", M, "cyclone Judy"),
        ("Kevin", M, "cyclone Kevin"),
    ],
    "catastrophe_crues_pas_de_calais": [
        ("Aa", L, "Aa"),
        ("Audomarois", L, "Audomarois"),
        ("Ivo", M, "tempête Ivo"),
        ("Pas-de-Calais", L, "Pas-de-Calais"),
        ("Orsec", M, "plan Orsec"),
        ("Vigicrues", O, "Vigicrues"),
        ("Arques", L, "Arques"),
        ("Blendecques", L, "Blendecques"),
        ("Wizernes", L, "Wizernes"),
        ("Sdis du Pas-de-Calais", O, "Sdis du Pas-de-Calais"),
        ("Martine Delattre", P, "Martine Delattre"),
        ("Gérard", P, "Gérard Delattre"),
        ("Jacques Billant", P, "Jacques Billant"),
        ("Saint-Omer", L, "Saint-Omer"),
        ("Hem", L, "Hem"),
        ("Lille", L, "Lille"),
        ("A26", L, "A26"),
        ("Thérouanne", L, "Thérouanne"),
        ("Calais", L, "Calais"),
        ("François Decoster", P, "François Decoster"),
        ("Louis-Blériot", L, "gymnase Louis-Blériot"),
        ("Association des sinistrés de l'Aa", O, "Association des sinistrés de l'Aa"),
        ("Olivier Vasseur", P, "Olivier Vasseur"),
        ("Paris", L, "Paris"),
        ("Bruno Retailleau", P, "Bruno Retailleau"),
        ("Hauts-de-France", L, "Hauts-de-France"),
        ("Xavier Bertrand", P, "Xavier Bertrand"),
        ("Météo-France", O, "Météo-France"),
        ("Canche", L, "Canche"),
        ("Liane", L, "Liane"),
        ("Montreuil-sur-Mer", L, "Montreuil-sur-Mer"),
        ("Boulogne-sur-Mer", L, "Boulogne-sur-Mer"),
        ("SNCF", O, "SNCF"),
    ],
    "culture_expo_louvre_lens": [
        ("Louvre-Lens", O, "Louvre-Lens"),
        ("Tombouctou", L, "Tombouctou"),
        ("Europe", L, "Europe"),
        ("Niger", L, "Niger (fleuve)"),
        ("Pas-de-Calais", L, "Pas-de-Calais"),
        ("Tombouctou, les mémoires du désert", M, "Tombouctou, les mémoires du désert"),
        ("Institut Ahmed-Baba", O, "Institut Ahmed-Baba"),
        ("Bibliothèque nationale de France", O, "Bibliothèque nationale de France"),
        ("Afrique de l'Ouest", L, "Afrique de l'Ouest"),
        ("Fès", L, "Fès"),
        ("Caire", L, "Le Caire"),
        ("Djenné", L, "Djenné"),
        ("Afrique", L, "Afrique"),
        ("Abdel Kader Haïdara", P, "Abdel Kader Haïdara"),
        ("Savama-DCI", O, "Savama-DCI"),
        ("Bamako", L, "Bamako"),
        ("ministère de la Culture", O, "ministère de la Culture"),
        ("Paris", L, "Paris"),
        ("Marie Lavandier", P, "Marie Lavandier"),
        ("Mali", L, "Mali"),
        ("Mucem", O, "Mucem"),
        ("Marseille", L, "Marseille"),
        ("Genève", L, "Genève"),
        ("Louvre", O, "musée du Louvre"),
        ("Laurence des Cars", P, "Laurence des Cars"),
        ("Lens", L, "Lens"),
        ("Sylvain Robert", P, "Sylvain Robert"),
        ("Unesco", O, "Unesco"),
        ("Ahmed Baba", P, "Ahmed Baba"),
        ("Marrakech", L, "Marrakech"),
        ("Al-Azhar", O, "université Al-Azhar"),
    ],
    "local_conseil_municipal_quimperle": [
        ("Quimperlé", L, "Quimperlé"),
        ("Quimperlé en commun", O, "Quimperlé en commun"),
        ("Gaël Kerhervé", P, "Gaël Kerhervé"),
        ("Erwan Le Corre", P, "Erwan Le Corre"),
        ("Aquapaq", L, "piscine Aquapaq"),
        ("Laïta", L, "Laïta"),
        ("Quimperlé Communauté", O, "Quimperlé Communauté"),
        ("Kerbertrand", L, "Kerbertrand"),
        ("Sainte-Croix", L, "abbatiale Sainte-Croix de Quimperlé"),
        ("Fondation du patrimoine", O, "Fondation du patrimoine"),
        ("Danielle Le Pape", P, "Danielle Le Pape"),
        ("Clohars-Carnoët", L, "Clohars-Carnoët"),
        ("Scaër", L, "Scaër"),
        ("Bretagne", L, "Bretagne"),
        ("Finistère", L, "Finistère"),
        ("Banque des territoires", O, "Banque des territoires"),
        ("Gourmandises de Cornouaille", O, "Gourmandises de Cornouaille"),
        ("CFDT", O, "CFDT"),
        ("Patrick Cozic", P, "Patrick Cozic"),
        ("SNCF", O, "SNCF"),
    ],
    "local_projet_passerelle_figeac": [
        ("Figeac", L, "Figeac"),
        ("Célé", L, "Célé"),
        ("Anne-Marie Delbos", P, "Anne-Marie Delbos"),
        ("Vival", L, "place Vival"),
        ("Gambetta", L, "pont Gambetta"),
        ("Arcadie", O, "Arcadie"),
        ("Massif central", L, "Massif central"),
        ("Fonds vert", M, "Fonds vert"),
        ("Occitanie", L, "Occitanie"),
        ("Lot", L, "Lot"),
        ("Grand-Figeac", O, "Grand-Figeac"),
        (
            "Agence de l'environnement et de la maîtrise de l'énergie",
            O,
            "Agence de l'environnement et de la maîtrise de l'énergie",
        ),
        ("Ademe", O, "Agence de l'environnement et de la maîtrise de l'énergie"),
        ("Vincent Labarthe", P, "Vincent Labarthe"),
        ("Capdenac", L, "Capdenac"),
        ("Cajarc", L, "Cajarc"),
        ("Carole Delga", P, "Carole Delga"),
        ("Figeac Patrimoine et Avenir", O, "Figeac Patrimoine et Avenir"),
        ("Jean-Louis Fabre", P, "Jean-Louis Fabre"),
        ("Champollion", P, "Jean-François Champollion"),
        ("Toulouse", L, "Toulouse"),
        ("AAPPMA de Figeac", O, "AAPPMA de Figeac"),
        ("Office français de la biodiversité", O, "Office français de la biodiversité"),
        ("Thierry Vidal", P, "Thierry Vidal"),
        ("Espace François-Mitterrand", L, "Espace François-Mitterrand"),
    ],
    "local_tribunal_gueret": [
        ("Creuse", L, "Creuse"),
        ("Saint-Vaury", L, "Saint-Vaury"),
        ("Jean-Claude Mazeau", P, "Jean-Claude Mazeau"),
        ("Guéret", L, "Guéret"),
        ("Bâtiments Limousins Rénovation", O, "Bâtiments Limousins Rénovation"),
        ("Cédric Lafarge", P, "Cédric Lafarge"),
        ("Hélène Marchadier", P, "Hélène Marchadier"),
        (
            "Chambre régionale des comptes de Nouvelle-Aquitaine",
            O,
            "Chambre régionale des comptes de Nouvelle-Aquitaine",
        ),
        (
            "Chambre régionale des comptes",
            O,
            "Chambre régionale des comptes de Nouvelle-Aquitaine",
        ),
        ("Anticor", O, "Anticor"),
        ("Gendarmerie nationale", O, "Gendarmerie nationale"),
        ("Limoges", L, "Limoges"),
        ("Didier Aumaître", P, "Didier Aumaître"),
        ("Clermont-Ferrand", L, "Clermont-Ferrand"),
        ("Sandrine d'Almeida", P, "Sandrine d'Almeida"),
        ("Cécile Ferrand-Ollivier", P, "Cécile Ferrand-Ollivier"),
        ("Marc Dufaud", P, "Marc Dufaud"),
    ],
    "international_sommet_ndjamena": [
        ("N'Djamena", L, "N'Djamena"),
        ("Boko Haram", O, "Boko Haram"),
        ("lac Tchad", L, "lac Tchad"),
        ("Alassane Ouattara", P, "Alassane Ouattara"),
        ("Mahamat Idriss Déby Itno", P, "Mahamat Idriss Déby Itno"),
        ("Mahamat Idriss Déby", P, "Mahamat Idriss Déby Itno"),
        ("Bola Tinubu", P, "Bola Tinubu"),
        ("Paul Biya", P, "Paul Biya"),
        ("Joseph Dion Ngute", P, "Joseph Dion Ngute"),
        ("Abdourahamane Tiani", P, "Abdourahamane Tiani"),
        ("Force multinationale mixte", O, "Force multinationale mixte"),
        ("FMNJ", O, "Force multinationale mixte"),
        ("Niger", L, "Niger"),
        ("État islamique en Afrique de l'Ouest", O, "État islamique en Afrique de l'Ouest"),
        ("Iswap", O, "État islamique en Afrique de l'Ouest"),
        ("Lac", L, "province du Lac"),
        ("Tchad", L, "Tchad"),
        ("Borno", L, "Borno"),
        ("Nigeria", L, "Nigeria"),
        ("Bol", L, "Bol"),
        ("Adji-Kosseï", L, "base Adji-Kosseï"),
        ("Côte d'Ivoire", L, "Côte d'Ivoire"),
        ("Grand-Bassam", L, "Grand-Bassam"),
        ("Abidjan", L, "Abidjan"),
        ("École de guerre de Côte d'Ivoire", O, "École de guerre de Côte d'Ivoire"),
        ("Commission de l'Union africaine", O, "Commission de l'Union africaine"),
        ("Mahmoud Ali Youssouf", P, "Mahmoud Ali Youssouf"),
        ("Abderaman Koulamallah", P, "Abderaman Koulamallah"),
        ("Abuja", L, "Abuja"),
        (
            "Bureau de la coordination des affaires humanitaires des Nations unies",
            O,
            "Ocha",
        ),
        ("Ocha", O, "Ocha"),
        ("Cameroun", L, "Cameroun"),
        ("Programme alimentaire mondial", O, "Programme alimentaire mondial"),
        ("Maiduguri", L, "Maiduguri"),
        ("Diffa", L, "Diffa"),
        ("Kousseri", L, "Kousseri"),
    ],
    "international_ligue_arabe_bagdad": [
        ("Proche-Orient", L, "Proche-Orient"),
        ("Bagdad", L, "Bagdad"),
        ("Ligue arabe", O, "Ligue arabe"),
        ("Al-Qods", L, "Jérusalem"),
        ("Jérusalem-Est", L, "Jérusalem-Est"),
        ("État de Palestine", L, "Palestine"),
        ("Jérusalem", L, "Jérusalem"),
        ("Autorité palestinienne", O, "Autorité palestinienne"),
        ("Mahmoud Abbas", P, "Mahmoud Abbas"),
        ("Ma'aleh Adoumim", L, "Ma'aleh Adoumim"),
        ("Cheikh Jarrah", L, "Cheikh Jarrah"),
        ("Hamas", O, "Hamas"),
        ("Al-Jazeera", O, "Al-Jazeera"),
        ("Mohammed Chia al-Soudani", P, "Mohammed Chia al-Soudani"),
        ("Baas", O, "parti Baas"),
        ("Mohammed ben Salmane", P, "Mohammed ben Salmane"),
        ("Fayçal ben Farhane", P, "Fayçal ben Farhane"),
        ("Abdel Fattah al-Sissi", P, "Abdel Fattah al-Sissi"),
        ("Badr Abdelatty", P, "Badr Abdelatty"),
        ("Yémen", L, "Yémen"),
        ("Liban", L, "Liban"),
        ("Sana'a", L, "Sanaa"),
        ("mer Rouge", L, "mer Rouge"),
        ("Nations unies", O, "Organisation des Nations unies"),
        ("Oman", L, "Oman"),
        ("Joseph Aoun", P, "Joseph Aoun"),
        ("Nawaf Salam", P, "Nawaf Salam"),
        ("Hezbollah", O, "Hezbollah"),
        ("Al-Qods Al-Arabi", O, "Al-Qods Al-Arabi"),
        ("Iran", L, "Iran"),
        ("Téhéran", L, "Téhéran"),
        ("Qatar", L, "Qatar"),
        ("Tamim ben Hamad Al Thani", P, "Tamim ben Hamad Al Thani"),
        ("Abdallah II", P, "Abdallah II"),
        ("Jordanie", L, "Jordanie"),
        ("Gaza", L, "Gaza"),
        ("Amman", L, "Amman"),
        ("Union européenne", O, "Union européenne"),
        ("Riyad", L, "Riyad"),
    ],
    "science_ariane6_kourou": [
        ("Ariane 6", M, "Ariane 6"),
        ("Aurore", M, "Aurore"),
        ("Centre spatial guyanais", O, "Centre spatial guyanais"),
        ("Kourou", L, "Kourou"),
        ("CNES", O, "Centre national d'études spatiales"),
        ("Centre national d'études spatiales", O, "Centre national d'études spatiales"),
        ("Guyane", L, "Guyane"),
        ("Arianespace", O, "Arianespace"),
        ("Raphaël Vernier", P, "Raphaël Vernier"),
        ("Jupiter", L, "salle Jupiter"),
        ("NASA", O, "NASA"),
        ("ESA", O, "Agence spatiale européenne"),
        ("Thales Alenia Space", O, "Thales Alenia Space"),
        ("Cannes", L, "Cannes"),
        ("Toulouse", L, "Toulouse"),
        ("Airbus Defence and Space", O, "Airbus Defence and Space"),
        ("Anne-Laure Berthelot", P, "Anne-Laure Berthelot"),
        ("Copernicus", M, "Copernicus"),
        ("Mercator Ocean International", O, "Mercator Ocean International"),
        ("Philippe Baptiste", P, "Philippe Baptiste"),
        ("Europe", L, "Europe"),
        ("SpaceX", O, "SpaceX"),
        ("Ariane 5", M, "Ariane 5"),
        ("Vega-C", M, "Vega-C"),
        ("Josef Aschbacher", P, "Josef Aschbacher"),
        ("Galileo", M, "Galileo"),
        ("Plato", M, "Plato"),
        ("Amazon", O, "Amazon"),
        ("Gabriel Serville", P, "Gabriel Serville"),
        ("Jaxa", O, "Jaxa"),
        ("Lune", L, "Lune"),
    ],
    "science_carottage_antarctique": [
        ("Antarctique", L, "Antarctique"),
        ("CNRS", O, "CNRS"),
        (
            "Institut polaire français Paul-Émile-Victor",
            O,
            "Institut polaire français Paul-Émile-Victor",
        ),
        ("Institut polaire français", O, "Institut polaire français Paul-Émile-Victor"),
        ("Concordia", L, "station Concordia"),
        ("Beyond EPICA", M, "Beyond EPICA"),
        ("Little Dome C", L, "Little Dome C"),
        ("Frédéric Parrenin", P, "Frédéric Parrenin"),
        (
            "Institut des géosciences de l'environnement",
            O,
            "Institut des géosciences de l'environnement",
        ),
        ("Grenoble", L, "Grenoble"),
        (
            "Programma Nazionale di Ricerche in Antartide",
            O,
            "Programma Nazionale di Ricerche in Antartide",
        ),
        ("PNRA", O, "Programma Nazionale di Ricerche in Antartide"),
        ("Hobart", L, "Hobart"),
        ("Tasmanie", L, "Tasmanie"),
        ("L'Astrolabe", M, "L'Astrolabe"),
        ("Dumont-d'Urville", L, "base Dumont-d'Urville"),
        ("Terre Adélie", L, "Terre Adélie"),
        ("Carlo Barbante", P, "Carlo Barbante"),
        ("Ca' Foscari", O, "université Ca' Foscari de Venise"),
        ("Commission européenne", O, "Commission européenne"),
        ("British Antarctic Survey", O, "British Antarctic Survey"),
        ("Institut Alfred-Wegener", O, "Institut Alfred-Wegener"),
        ("Bremerhaven", L, "Bremerhaven"),
        ("Copenhague", L, "Copenhague"),
        ("Europe", L, "Europe"),
        ("Venise", L, "Venise"),
        ("Cambridge", L, "Cambridge"),
        ("Yan Ropert-Coudert", P, "Yan Ropert-Coudert"),
    ],
}

#: exact passages of web boilerplate (captions, credits, bylines, teasers): no mention inside
BOILERPLATE: dict[str, list[str]] = {
    "sport_rugby_springboks": [
        "Par Julien Marchetti Publié le 8 novembre 2025 à 23h41,"
        " mis à jour le 9 novembre 2025 à 08h15",
        "Antoine Dupont face à la défense sud-africaine, samedi au Stade de France."
        " © Franck Fife / AFP",
        "Lire aussi : Tournée d'automne : Galthié reconduit la charnière Dupont-Ramos",
    ],
    "sport_football_diables_rouges": [
        "Par Thomas Lenoir\nPublié le 25 mars 2025 à 22h58",
        "Photo : Icon Sport",
        "Lire aussi : Mondial 2026 : la Belgique connaît ses adversaires de qualification",
    ],
    "sport_cyclisme_paris_nice": [
        "AURON (AFP) -",
        "Lenny Martinez lève les bras au sommet de la Couillole, le 15 mars 2025."
        " (Photo : Reuters)",
    ],
    "culture_festival_deauville": [
        "Accueil > Culture > Cinéma",
        "Par Marie Dufresne, à Deauville\nPublié le 13 septembre 2025 à 21h37",
        "La réalisatrice Sarah O'Connell et l'acteur Jesse Whitman, samedi sur les planches de"
        " Deauville. © Lou Benoist / AFP",
        "Lire aussi : Golshifteh Farahani, l'actrice qui fait tomber les frontières",
    ],
    "culture_prix_goncourt": [
        "Par Claire Vautrin Publié le 4 novembre 2025 à 13h05",
        "Nadia Ben Youssef à la sortie du restaurant Drouant, mardi 4 novembre."
        " (Photo : Joël Saget / AFP)",
        "Lire aussi : Rentrée littéraire : les dix romans à ne pas manquer cet automne",
    ],
    "catastrophe_cyclone_polynesie": [
        "Par Hereiti Maono, correspondante à Papeete Publié le 21 février 2025 à 06h12,"
        " mis à jour à 11h40",
        "Le front de mer de Papeete, vendredi matin, après le passage du cyclone."
        " © Gregory Boissy / AFP",
        "Lire aussi : En Polynésie, la saison cyclonique s'annonce plus active à cause d'El Niño",
    ],
    "catastrophe_seisme_vanuatu": [
        "Par Loïc Tournier (à Nouméa) et Anne Cazals\nLe 10 septembre 2025 à 19h48",
        "Des secouristes fouillent les décombres d'un immeuble du centre de Port-Vila,"
        " mercredi 10 septembre 2025. © Dan McGarry / AFP",
        "(avec AFP)",
    ],
    "catastrophe_crues_pas_de_calais": [
        "Pas-de-Calais Inondations",
        "Par Sébastien Caron Publié le 28 janvier 2025 à 07h30",
        "Une rue de Blendecques sous les eaux, mardi 28 janvier 2025."
        " (Photo : Sébastien Jarry / La Voix du Nord)",
        "Lire aussi : Inondations dans le Pas-de-Calais : un an après, les sinistrés toujours"
        " dans l'attente",
    ],
    "culture_expo_louvre_lens": [
        "Par Hélène Duquesnoy | Publié le 26/03/2025 à 17:20 | Mis à jour le 27/03/2025 à 09:05",
        "Un manuscrit d'astronomie du XVIe siècle présenté dans l'exposition."
        " © Musée du Louvre-Lens / Frédéric Iovino",
        "Lire aussi : Patrimoine : la longue bataille pour la restitution des biens culturels"
        " africains",
    ],
    "local_conseil_municipal_quimperle": [
        "Quimperlé Conseil municipal",
        "Par Yann Le Goff Publié le 18 mars 2025 à 06h45",
        "Lire aussi : Quimperlé : la rénovation de l'abbatiale Sainte-Croix débutera à l'automne",
    ],
    "local_projet_passerelle_figeac": [
        "La future passerelle, vue d'artiste. (Photo : DDM / Agence Arcadie)",
        "Lire aussi : Figeac : la rénovation du quartier de la gare entre dans sa phase finale",
    ],
    "local_tribunal_gueret": [
        "Publié le 12/06/2025 à 18:30\nPar Nathalie Peyrot",
        "La salle d'audience du palais de justice de Guéret. Photo d'archives La Montagne",
        "Lire aussi : Creuse : la commune de Saint-Vaury engage un audit de ses finances",
    ],
    "international_sommet_ndjamena": [
        "N'DJAMENA (AFP) -",
        "Publié le 17 mai 2025 à 16h20",
        "Le président tchadien Mahamat Idriss Déby Itno accueille son homologue ivoirien Alassane"
        " Ouattara à l'aéroport de N'Djamena, le 17 mai 2025. © Joris Bolomey / AFP",
    ],
    "international_ligue_arabe_bagdad": [
        "Par Karim Benslimane, à Bagdad Publié le 17 mai 2025 à 20h05",
        "Le secrétaire général de la Ligue arabe, Ahmed Aboul Gheit, lors de l'ouverture du"
        " sommet de Bagdad, le 17 mai 2025. (Photo : Reuters)",
        "Lire aussi : À Gaza, l'aide humanitaire toujours bloquée aux points de passage",
    ],
    "science_ariane6_kourou": [
        "| Par Mathieu Rioux | 4 novembre 2025",
        "Le décollage d'Ariane 6, mardi 4 novembre 2025, depuis Kourou."
        " Photo : ESA / CNES / Arianespace – S. Martin",
        "Lire aussi : Espace : comment la Guyane se prépare à la montée en cadence d'Ariane 6",
    ],
    "science_carottage_antarctique": [
        "(AFP) -",
        "Publié le 08/01/2025 à 11h32 | Mis à jour le 08/01/2025 à 14h50",
        "Les glaciologues découpent un tronçon de la carotte dans l'atelier de forage de Little"
        " Dome C. © PNRA / IPEV / Beyond EPICA",
        "Lire aussi : Climat : l'Antarctique a perdu une surface de banquise équivalente à celle"
        " de l'Argentine",
    ],
}

#: (surface, 0-based rank among its whole-word occurrences) that are not mentions
SKIP: dict[str, list[tuple[str, int]]] = {}


def boilerplate_spans(stem: str, content: str) -> list[tuple[int, int]]:
    """The character spans of the article's boilerplate passages (each must occur)."""
    spans: list[tuple[int, int]] = []
    for passage in BOILERPLATE.get(stem, []):
        starts = [m.start() for m in re.finditer(re.escape(passage), content)]
        if not starts:
            raise SystemExit(f"{stem}: boilerplate passage not found: {passage[:60]!r}")
        spans.extend((s, s + len(passage)) for s in starts)
    return spans


def build(stem: str) -> list[dict[str, object]]:
    """The gold mentions of one article, sorted by start."""
    content = (ARTICLES / f"{stem}.txt").read_text(encoding="utf-8")
    boiler = boilerplate_spans(stem, content)
    taken: list[tuple[int, int]] = []
    out: list[dict[str, object]] = []
    skip = set(SKIP.get(stem, []))
    surfaces = [s for s, _, _ in GOLD[stem]]
    if len(surfaces) != len(set(surfaces)):
        raise SystemExit(f"{stem}: a surface is listed twice")
    for surface, label, canonical in sorted(GOLD[stem], key=lambda x: -len(x[0])):
        found = 0
        for rank, m in enumerate(re.finditer(rf"(?<!\w){re.escape(surface)}(?!\w)", content)):
            s, e = m.span()
            if (surface, rank) in skip or any(a <= s and e <= b for a, b in boiler):
                continue
            if any(s < b and e > a for a, b in taken):
                continue
            taken.append((s, e))
            out.append(
                {"start": s, "end": e, "text": surface, "label": label, "canonical": canonical}
            )
            found += 1
        if not found:
            raise SystemExit(f"{stem}: {surface!r} never found outside boilerplate")
    out.sort(key=lambda d: d["start"])  # type: ignore[arg-type, return-value]
    for d in out:
        assert content[d["start"] : d["end"]] == d["text"]  # type: ignore[misc]
    return out


def show(stem: str) -> None:
    """Prints each listed surface's occurrences with rank and context, and what drops it."""
    content = (ARTICLES / f"{stem}.txt").read_text(encoding="utf-8")
    boiler = boilerplate_spans(stem, content)
    skip = set(SKIP.get(stem, []))
    for surface, label, _ in GOLD[stem]:
        for rank, m in enumerate(re.finditer(rf"(?<!\w){re.escape(surface)}(?!\w)", content)):
            s, e = m.span()
            ctx = content[max(0, s - 40) : e + 25].replace("\n", "⏎")
            if (surface, rank) in skip:
                flag = "SKIP"
            elif any(a <= s and e <= b for a, b in boiler):
                flag = "BOIL"
            else:
                flag = "    "
            print(f"{flag} {label:4} {surface!r:30} #{rank}: …{ctx}…")


def main() -> None:
    """Writes gold/<stem>.json for every article of part B, or --show STEM."""
    if len(sys.argv) == 3 and sys.argv[1] == "--show":
        show(sys.argv[2])
        return
    total = 0
    for stem in GOLD:
        gold = build(stem)
        (GOLD_DIR / f"{stem}.json").write_text(
            json.dumps(gold, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
        )
        total += len(gold)
        print(f"{stem}: {len(gold)} mentions")
    print(f"part B: {len(GOLD)} articles, {total} mentions")


if __name__ == "__main__":
    main()
