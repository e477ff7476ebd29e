"""Builds the gold `gold/NAME.json` of the held-out articles (`articles/NAME.txt`) of this folder
from the hand-written annotation below (GUIDELINES.md of ../../../../shared/gold): every
whole-word occurrence of a listed surface is one mention, longest surface first.

A listed surface is written with a straight apostrophe and plain spaces; it matches the
article's typographic apostrophe (’) and its non-breaking spaces too, and the gold keeps the
article's own characters.

Two ways remove occurrences that are not mentions:
* `BOILERPLATE`: exact passages of the page that are web boilerplate (photo captions and
  credits, bylines and dates, "Lire aussi" teasers, breadcrumbs, wire datelines, share
  widgets, agency credits); no occurrence inside them is a mention. Each must occur.
* `SKIP`: (surface, 0-based rank among all its whole-word occurrences) that are not mentions.

Run: python3 tests/data/entities_heldout/make_gold.py  (checks content[start:end] == text,
that each passage occurs, that every surface is found); `--show STEM` prints every occurrence
of the listed surfaces with its rank and what drops it."""

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
    "politique_territoriales_corse": [
        ("Corse", L, "Corse"),
        ("Femu a Corsica", O, "Femu a Corsica"),
        ("Ajaccio", L, "Ajaccio"),
        ("Letizia Santoni", P, "Letizia Santoni"),
        ("Santoni", P, "Letizia Santoni"),
        ("Assemblée de Corse", O, "Assemblée de Corse"),
        ("Core in Fronte", O, "Core in Fronte"),
        ("Avanti a Corsica", O, "Avanti a Corsica"),
        ("Bastia", L, "Bastia"),
        ("Haute-Corse", L, "Haute-Corse"),
        ("Corse-du-Sud", L, "Corse-du-Sud"),
        ("Jean-Baptiste Pozzo di Borgo", P, "Jean-Baptiste Pozzo di Borgo"),
        ("Pozzo di Borgo", P, "Jean-Baptiste Pozzo di Borgo"),
        ("Les Républicains", O, "Les Républicains"),
        ("Horizons", O, "Horizons"),
        ("Ghjuvan-Petru Orsoni", P, "Ghjuvan-Petru Orsoni"),
        ("Orsoni", P, "Ghjuvan-Petru Orsoni"),
        ("Maria-Ghjulia Pieri", P, "Maria-Ghjulia Pieri"),
        ("Rassemblement national", O, "Rassemblement national"),
        ("François-Xavier Acquaviva", P, "François-Xavier Acquaviva"),
        ("Corte", L, "Corte"),
        ("France 3 Corse ViaStella", O, "France 3 Corse ViaStella"),
        ("Paris", L, "Paris"),
        ("ministère de l'Intérieur", O, "ministère de l'Intérieur"),
        ("Assemblée nationale", O, "Assemblée nationale"),
        ("Sénat", O, "Sénat"),
        ("Porto-Vecchio", L, "Porto-Vecchio"),
        ("Dumè Filippi", P, "Dumè Filippi"),
    ],
    "politique_remaniement": [
        ("Hélène Marchetti-Sow", P, "Hélène Marchetti-Sow"),
        ("Marchetti-Sow", P, "Hélène Marchetti-Sow"),
        ("Bercy", O, "Bercy"),
        ("Karim Bendjeddou", P, "Karim Bendjeddou"),
        ("Élysée", O, "Élysée"),
        ("Laurent Vasseur-Dumas", P, "Laurent Vasseur-Dumas"),
        ("Bertrand Lacombe", P, "Bertrand Lacombe"),
        ("Caisse des dépôts", O, "Caisse des dépôts"),
        ("ministère de l'Intérieur", O, "ministère de l'Intérieur"),
        ("Franck Delorme", P, "Franck Delorme"),
        ("Beauvau", O, "Beauvau"),
        ("Renaissance", O, "Renaissance"),
        ("Marseille", L, "Marseille"),
        ("Paradis", L, "rue Paradis"),
        ("Nathalie Ferrand-Ouédraogo", P, "Nathalie Ferrand-Ouédraogo"),
        ("CHU de Bordeaux", O, "CHU de Bordeaux"),
        ("Organisation mondiale de la santé", O, "Organisation mondiale de la santé"),
        ("OMS", O, "Organisation mondiale de la santé"),
        (
            "ministère de la Santé et de l'Accès aux soins",
            O,
            "ministère de la Santé et de l'Accès aux soins",
        ),
        ("Didier Morvan", P, "Didier Morvan"),
        ("MoDem", O, "MoDem"),
        ("Claire Abiven", P, "Claire Abiven"),
        ("Quimper", L, "Quimper"),
        ("Horizons", O, "Horizons"),
        ("Les Républicains", O, "Les Républicains"),
        ("ministère de l'Agriculture", O, "ministère de l'Agriculture"),
        ("Sarthe", L, "Sarthe"),
        ("Guy-Marie Lhermitte", P, "Guy-Marie Lhermitte"),
        ("ministère des Outre-mer", O, "ministère des Outre-mer"),
        ("La Réunion", L, "La Réunion"),
        ("Josiane Payet-Hoarau", P, "Josiane Payet-Hoarau"),
        ("Jean-Michel Rousset-Lebrun", P, "Jean-Michel Rousset-Lebrun"),
        ("La France insoumise", O, "La France insoumise"),
        ("Assemblée nationale", O, "Assemblée nationale"),
        ("Aurélie Trébuchet", P, "Aurélie Trébuchet"),
        ("Parti socialiste", O, "Parti socialiste"),
        ("Matignon", O, "Matignon"),
        ("Julien Guérec", P, "Julien Guérec"),
        ("France Inter", O, "France Inter"),
        ("Les Écologistes", O, "Les Écologistes"),
        ("Parti communiste français", O, "Parti communiste français"),
        ("Conseil des ministres", O, "Conseil des ministres"),
        ("Sénat", O, "Sénat"),
        ("Ifop", O, "Ifop"),
        ("Le Parisien", O, "Le Parisien"),
        ("Antoine Guillou", P, "Antoine Guillou"),
        ("Commission européenne", O, "Commission européenne"),
        ("France", L, "France"),
        ("Moody's", O, "Moody's"),
    ],
    "politique_legislatives_senegal": [
        ("Sénégal", L, "Sénégal"),
        ("Pastef", O, "Pastef"),
        ("Commission électorale nationale autonome", O, "Commission électorale nationale autonome"),
        ("CENA", O, "Commission électorale nationale autonome"),
        ("Dakar", L, "Dakar"),
        ("Abdou Karim N'Diaye", P, "Abdou Karim N'Diaye"),
        ("Sacré-Cœur", L, "Sacré-Cœur (Dakar)"),
        ("Pikine", L, "Pikine"),
        ("Thiès", L, "Thiès"),
        ("Ziguinchor", L, "Ziguinchor"),
        ("Kaolack", L, "Kaolack"),
        ("Takku Wallu Sénégal", O, "Takku Wallu Sénégal"),
        ("Mamadou Lamine Diallo-Faye", P, "Mamadou Lamine Diallo-Faye"),
        ("Touba", L, "Touba"),
        ("Matam", L, "Matam"),
        ("RFM", O, "RFM"),
        ("Aïssatou Sall-Thiam", P, "Aïssatou Sall-Thiam"),
        ("Saint-Louis", L, "Saint-Louis (Sénégal)"),
        ("Union africaine", O, "Union africaine"),
        ("Pascal Koupaki-Adjovi", P, "Pascal Koupaki-Adjovi"),
        (
            "Communauté économique des États de l'Afrique de l'Ouest",
            O,
            "Communauté économique des États de l'Afrique de l'Ouest",
        ),
        ("Cédéao", O, "Communauté économique des États de l'Afrique de l'Ouest"),
        ("Assemblée nationale", O, "Assemblée nationale du Sénégal"),
        ("Fatick", L, "Fatick"),
        ("ministère de l'Intérieur", O, "ministère de l'Intérieur du Sénégal"),
        ("Paris", L, "Paris"),
        ("Lyon", L, "Lyon"),
        ("Bruxelles", L, "Bruxelles"),
        ("Montréal", L, "Montréal"),
        ("France", L, "France"),
        ("Conseil constitutionnel", O, "Conseil constitutionnel du Sénégal"),
        ("Fonds monétaire international", O, "Fonds monétaire international"),
        ("FMI", O, "Fonds monétaire international"),
        ("Washington", L, "Washington"),
        ("Erin McAllister", P, "Erin McAllister"),
    ],
    "justice_corruption_la_seyne": [
        ("La Seyne-sur-Mer", L, "La Seyne-sur-Mer"),
        ("Marseille", L, "Marseille"),
        ("Gérard D'Agostino", P, "Gérard D'Agostino"),
        ("JIRS", O, "JIRS"),
        ("Méditerranée Terrassement Travaux", O, "Méditerranée Terrassement Travaux"),
        ("MTT", O, "Méditerranée Terrassement Travaux"),
        ("Lionel Ferracci", P, "Lionel Ferracci"),
        ("Ferracci", P, "Lionel Ferracci"),
        ("Tamaris", L, "Tamaris"),
        ("Saint-Elme", L, "Saint-Elme"),
        ("Marquet", L, "stade Marquet"),
        ("Catherine Mouren-Lazzari", P, "Catherine Mouren-Lazzari"),
        ("Olivier Tchakmakian", P, "Olivier Tchakmakian"),
        ("Provence-Alpes-Côte d'Azur", L, "Provence-Alpes-Côte d'Azur"),
        ("Anticor", O, "Anticor"),
        ("Sébastien Pinatel", P, "Sébastien Pinatel"),
        ("Philippe-Henri Orsatti", P, "Philippe-Henri Orsatti"),
        ("Aix-en-Provence", L, "Aix-en-Provence"),
        ("Sophie Ravel-Giordano", P, "Sophie Ravel-Giordano"),
        ("Métropole Toulon Provence Méditerranée", O, "Métropole Toulon Provence Méditerranée"),
        ("Toulon", L, "Toulon"),
    ],
    "justice_conseil_constitutionnel": [
        ("Conseil constitutionnel", O, "Conseil constitutionnel"),
        ("Conseil", O, "Conseil constitutionnel"),
        ("loi Guilloux", M, "loi Guilloux"),
        ("RATP", O, "RATP"),
        ("SNCF", O, "SNCF"),
        ("Ligue des droits de l'homme", O, "Ligue des droits de l'homme"),
        ("LDH", O, "Ligue des droits de l'homme"),
        ("La France insoumise", O, "La France insoumise"),
        ("Parti socialiste", O, "Parti socialiste"),
        ("Écologistes", O, "Les Écologistes"),
        ("Horizons", O, "Horizons"),
        ("Finistère", L, "Finistère"),
        ("Tristan Guilloux", P, "Tristan Guilloux"),
        ("Guilloux", P, "Tristan Guilloux"),
        ("Parlement", O, "Parlement"),
        ("Surveillance générale", O, "Surveillance générale"),
        ("Suge", O, "Surveillance générale"),
        (
            "Groupe de protection et de sécurité des réseaux",
            O,
            "Groupe de protection et de sécurité des réseaux",
        ),
        ("GPSR", O, "Groupe de protection et de sécurité des réseaux"),
        ("Auvergne-Rhône-Alpes", L, "Auvergne-Rhône-Alpes"),
        ("Élise Marcadet", P, "Élise Marcadet"),
        ("Jean-Michel Rousset-Lebrun", P, "Jean-Michel Rousset-Lebrun"),
        ("Sud-Rail", O, "Sud-Rail"),
        ("CGT", O, "CGT"),
        ("UNSA", O, "UNSA"),
        ("Île-de-France Mobilités", O, "Île-de-France Mobilités"),
        ("Marie-Claude Vautrin", P, "Marie-Claude Vautrin"),
        ("franceinfo", O, "franceinfo"),
    ],
    "economie_greve_controleurs_aeriens": [
        ("DGAC", O, "Direction générale de l'aviation civile"),
        (
            "Direction générale de l'aviation civile",
            O,
            "Direction générale de l'aviation civile",
        ),
        ("Orly", L, "Paris-Orly"),
        ("Marseille", L, "Marseille"),
        ("SNCTA", O, "Syndicat national des contrôleurs du trafic aérien"),
        (
            "Syndicat national des contrôleurs du trafic aérien",
            O,
            "Syndicat national des contrôleurs du trafic aérien",
        ),
        ("UNSA-ICNA", O, "UNSA-ICNA"),
        ("Ryanair", O, "Ryanair"),
        ("France", L, "France"),
        ("Paris-Orly", L, "Paris-Orly"),
        ("Marseille-Provence", L, "Marseille-Provence"),
        ("Nice-Côte d'Azur", L, "Nice-Côte d'Azur"),
        ("Lyon-Saint-Exupéry", L, "Lyon-Saint-Exupéry"),
        ("Bordeaux-Mérignac", L, "Bordeaux-Mérignac"),
        ("Toulouse-Blagnac", L, "Toulouse-Blagnac"),
        ("BFMTV", O, "BFMTV"),
        ("Jean-Michel Rousset-Lebrun", P, "Jean-Michel Rousset-Lebrun"),
        ("Reims", L, "Reims"),
        ("Aix-en-Provence", L, "Aix-en-Provence"),
        ("Rémi Castagnet", P, "Rémi Castagnet"),
        ("Conor McGrath", P, "Conor McGrath"),
        ("Irlande", L, "Irlande"),
        ("Espagne", L, "Espagne"),
        ("Dublin", L, "Dublin"),
        ("Air France", O, "Air France"),
        ("easyJet", O, "easyJet"),
        ("Transavia", O, "Transavia"),
        ("Volotea", O, "Volotea"),
        ("Airlines for Europe", O, "Airlines for Europe"),
        ("A4E", O, "Airlines for Europe"),
        ("Siobhán O'Sullivan", P, "Siobhán O'Sullivan"),
        ("Bruxelles", L, "Bruxelles"),
        ("Sénat", O, "Sénat"),
        ("LR", O, "Les Républicains"),
        ("Isère", L, "Isère"),
        ("Jean-Pierre Mollard", P, "Jean-Pierre Mollard"),
    ],
    "economie_cacao_cote_ivoire": [
        ("Côte d'Ivoire", L, "Côte d'Ivoire"),
        ("Londres", L, "Londres"),
        ("New York", L, "New York"),
        ("Ahoua N'Guessan-Koffi", P, "Ahoua N'Guessan-Koffi"),
        ("N'Guessan-Koffi", P, "Ahoua N'Guessan-Koffi"),
        ("Conseil du café-cacao", O, "Conseil du café-cacao"),
        ("CCC", O, "Conseil du café-cacao"),
        ("Abidjan", L, "Abidjan"),
        ("Ghana", L, "Ghana"),
        ("Soubré", L, "Soubré"),
        ("Moussa Diabaté-Ouattara", P, "Moussa Diabaté-Ouattara"),
        ("Union des coopératives du Nawa", O, "Union des coopératives du Nawa"),
        ("UCN", O, "Union des coopératives du Nawa"),
        ("ICE Futures Europe", O, "ICE Futures Europe"),
        ("El Niño", M, "El Niño"),
        ("San-Pédro", L, "San-Pédro"),
        ("Daloa", L, "Daloa"),
        ("Barry Callebaut", O, "Barry Callebaut"),
        ("Cargill", O, "Cargill"),
        ("Olam", O, "Olam"),
        ("Yao Kouadio N'Dri", P, "Yao Kouadio N'Dri"),
        (
            "Centre ivoirien de recherches économiques et sociales",
            O,
            "Centre ivoirien de recherches économiques et sociales",
        ),
        ("Cires", O, "Centre ivoirien de recherches économiques et sociales"),
        ("Liberia", L, "Liberia"),
        ("Guinée", L, "Guinée"),
        ("Cavally", L, "Cavally"),
        ("Union européenne", O, "Union européenne"),
        ("Taï", L, "Taï"),
        ("Unesco", O, "Unesco"),
        ("Mighty Earth", O, "Mighty Earth"),
    ],
    "sante_chikungunya_reunion": [
        ("La Réunion", L, "La Réunion"),
        ("Agence régionale de santé", O, "Agence régionale de santé de La Réunion"),
        ("ARS", O, "Agence régionale de santé de La Réunion"),
        ("Saint-Pierre", L, "Saint-Pierre (La Réunion)"),
        ("Tampon", L, "Le Tampon"),
        ("Saint-Louis", L, "Saint-Louis (La Réunion)"),
        ("Saint-Paul", L, "Saint-Paul (La Réunion)"),
        ("CHU Sud Réunion", O, "CHU Sud Réunion"),
        ("Jean-Yves Hoarau-Técher", P, "Jean-Yves Hoarau-Técher"),
        ("Thierry Vasseur", P, "Thierry Vasseur"),
        ("RSMA", O, "RSMA"),
        ("Nathalie Ferrand-Ouédraogo", P, "Nathalie Ferrand-Ouédraogo"),
        ("Saint-Denis", L, "Saint-Denis (La Réunion)"),
        ("Ixchiq", M, "Ixchiq"),
        ("Valneva", O, "Valneva"),
        ("Haute Autorité de santé", O, "Haute Autorité de santé"),
        ("HAS", O, "Haute Autorité de santé"),
        ("Marie-Lise Payet", P, "Marie-Lise Payet"),
        ("Santé publique France", O, "Santé publique France"),
        ("Mayotte", L, "Mayotte"),
        ("Maurice", L, "Maurice"),
        ("Institut Pasteur", O, "Institut Pasteur"),
        ("Occitanie", L, "Occitanie"),
        ("Provence-Alpes-Côte d'Azur", L, "Provence-Alpes-Côte d'Azur"),
    ],
    "sport_can_football": [
        ("CAN 2025", M, "Coupe d'Afrique des nations 2025"),
        ("Lions indomptables", O, "équipe du Cameroun de football"),
        ("Lions", O, "équipe du Cameroun de football"),
        ("Éléphants", O, "équipe de Côte d'Ivoire de football"),
        ("Côte d'Ivoire", L, "Côte d'Ivoire"),
        ("Marrakech", L, "Marrakech"),
        ("Maroc", L, "Maroc"),
        ("Grand Stade de Marrakech", L, "Grand Stade de Marrakech"),
        ("Cédric Gnagnon-Yao", P, "Cédric Gnagnon-Yao"),
        ("Junior Ebongué-Mbarga", P, "Junior Ebongué-Mbarga"),
        ("Clinton N'Djock-Bassong", P, "Clinton N'Djock-Bassong"),
        ("N'Djock-Bassong", P, "Clinton N'Djock-Bassong"),
        ("Cameroun", L, "Cameroun"),
        ("Dirk Vandenbroecke", P, "Dirk Vandenbroecke"),
        ("Yaoundé", L, "Yaoundé"),
        ("Ibrahim Koné-Sangaré", P, "Ibrahim Koné-Sangaré"),
        ("Franck-Olivier Aké", P, "Franck-Olivier Aké"),
        ("Charles-Emmanuel Gbamblé", P, "Charles-Emmanuel Gbamblé"),
        ("Lions de l'Atlas", O, "équipe du Maroc de football"),
        ("Prince-Moulay-Abdellah", L, "stade Prince-Moulay-Abdellah"),
        ("Rabat", L, "Rabat"),
        ("Youssef El-Mansouri", P, "Youssef El-Mansouri"),
        ("Égypte", L, "Égypte"),
        ("Sénégal", L, "Sénégal"),
        ("Nigeria", L, "Nigeria"),
        ("Algérie", L, "Algérie"),
        ("Lions de la Teranga", O, "équipe du Sénégal de football"),
        ("Confédération africaine de football", O, "Confédération africaine de football"),
        ("CAF", O, "Confédération africaine de football"),
        ("Fédération ivoirienne de football", O, "Fédération ivoirienne de football"),
        ("FIF", O, "Fédération ivoirienne de football"),
        ("Thabo Mokoena", P, "Thabo Mokoena"),
        ("France", L, "France"),
        ("beIN Sports", O, "beIN Sports"),
    ],
    "sport_top14_ubb": [
        ("Top 14", M, "Top 14"),
        ("UBB", O, "Union Bordeaux-Bègles"),
        ("Union Bordeaux-Bègles", O, "Union Bordeaux-Bègles"),
        ("Union", O, "Union Bordeaux-Bègles"),
        ("Racing 92", O, "Racing 92"),
        ("Ciel et Blanc", O, "Racing 92"),
        ("Toulouse", L, "Toulouse"),
        ("Matthieu Etcheverry", P, "Matthieu Etcheverry"),
        ("Lyon", L, "Lyon"),
        ("Stade toulousain", O, "Stade toulousain"),
        ("Rouge et Noir", O, "Stade toulousain"),
        ("Stade de France", L, "Stade de France"),
        ("Groupama Stadium", L, "Groupama Stadium"),
        ("Décines-Charpieu", L, "Décines-Charpieu"),
        ("Canal+", O, "Canal+"),
        ("Josua Vakaloloma", P, "Josua Vakaloloma"),
        ("Sione Havili-Taufa", P, "Sione Havili-Taufa"),
        ("Nathan O'Donoghue", P, "Nathan O'Donoghue"),
        ("Romain Ducasse-Lafitte", P, "Romain Ducasse-Lafitte"),
        ("Patrice Larrieu", P, "Patrice Larrieu"),
        ("Hauts-de-Seine", L, "Hauts-de-Seine"),
        ("Colombes", L, "Colombes"),
        ("Paris La Défense Arena", L, "Paris La Défense Arena"),
        ("Stade rochelais", O, "Stade rochelais"),
        ("Bouclier de Brennus", M, "Bouclier de Brennus"),
        ("Yoann Lesgourgues-Darrieu", P, "Yoann Lesgourgues-Darrieu"),
        ("Bernard Lassègue-Dupuy", P, "Bernard Lassègue-Dupuy"),
        ("Saint-Denis", L, "Saint-Denis"),
        ("Ligue nationale de rugby", O, "Ligue nationale de rugby"),
        ("LNR", O, "Ligue nationale de rugby"),
    ],
    "catastrophe_incendie_aude": [
        ("Aude", L, "Aude"),
        ("Corbières", L, "Corbières"),
        ("Lagrasse", L, "Lagrasse"),
        ("Canadair", M, "Canadair"),
        ("Tuchan", L, "Tuchan"),
        ("Sdis de l'Hérault", O, "Sdis de l'Hérault"),
        ("A9", L, "A9"),
        ("Narbonne", L, "Narbonne"),
        ("Perpignan", L, "Perpignan"),
        ("Pyrénées-Orientales", L, "Pyrénées-Orientales"),
        ("Ribaute", L, "Ribaute"),
        ("Alain Rouquette-Ségur", P, "Alain Rouquette-Ségur"),
        ("Carcassonne", L, "Carcassonne"),
        ("Villerouge-Termenès", L, "Villerouge-Termenès"),
        ("CHU de Montpellier", O, "CHU de Montpellier"),
        ("Fontjoncouse", L, "Fontjoncouse"),
        ("Durban-Corbières", L, "Durban-Corbières"),
        ("Embres-et-Castelmaure", L, "Embres-et-Castelmaure"),
        ("Saint-Laurent-de-la-Cabrerisse", L, "Saint-Laurent-de-la-Cabrerisse"),
        ("Lézignan-Corbières", L, "Lézignan-Corbières"),
        ("Marie-Thérèse Campistron", P, "Marie-Thérèse Campistron"),
        ("Franck Delorme", P, "Franck Delorme"),
        ("Sécurité civile", O, "Sécurité civile"),
        ("Nîmes-Garons", L, "Nîmes-Garons"),
        ("Bouches-du-Rhône", L, "Bouches-du-Rhône"),
        ("Var", L, "Var"),
        ("Gard", L, "Gard"),
        ("Météo-France", O, "Météo-France"),
        ("Copernicus", M, "Copernicus"),
        ("Jean-Claude Marty-Fabre", P, "Jean-Claude Marty-Fabre"),
    ],
    "local_mayotte_eau": [
        ("Mamoudzou", L, "Mamoudzou"),
        ("Grande-Terre", L, "Grande-Terre (Mayotte)"),
        ("Société mahoraise des eaux", O, "Société mahoraise des eaux"),
        ("SMAE", O, "Société mahoraise des eaux"),
        ("Les Eaux de Mayotte", O, "Les Eaux de Mayotte"),
        ("Eaux de Mayotte", O, "Les Eaux de Mayotte"),
        ("LEMA", O, "Les Eaux de Mayotte"),
        ("Kawéni", L, "Kawéni"),
        ("France", L, "France"),
        ("Faïza Abdallah", P, "Faïza Abdallah"),
        ("Combani", L, "Combani"),
        ("Dzoumogné", L, "Dzoumogné"),
        ("Petite-Terre", L, "Petite-Terre"),
        ("Pamandzi", L, "Pamandzi"),
        ("Ahamadi Madi-Boina", P, "Ahamadi Madi-Boina"),
        ("Mayotte", L, "Mayotte"),
        ("Laurent Sabatier-Hamza", P, "Laurent Sabatier-Hamza"),
        ("Paris", L, "Paris"),
        ("Koungou", L, "Koungou"),
        ("Dembéni", L, "Dembéni"),
        ("CHM", O, "centre hospitalier de Mayotte"),
        ("Agence régionale de santé", O, "Agence régionale de santé de Mayotte"),
        ("Zaïna Ahmed-Mroivili", P, "Zaïna Ahmed-Mroivili"),
        ("Assemblée nationale", O, "Assemblée nationale"),
        ("Lyon", L, "Lyon"),
        ("Bordeaux", L, "Bordeaux"),
        ("Josiane Payet-Hoarau", P, "Josiane Payet-Hoarau"),
        ("Vinci", O, "Vinci"),
    ],
    "cyber_fuite_mutuelle": [
        ("Mutuelle Océane", O, "Mutuelle Océane"),
        ("BlackVelvet", O, "BlackVelvet"),
        ("Niort", L, "Niort"),
        ("Santéo Services", O, "Santéo Services"),
        ("Lyon", L, "Lyon"),
        ("Cnil", O, "Commission nationale de l'informatique et des libertés"),
        (
            "Commission nationale de l'informatique et des libertés",
            O,
            "Commission nationale de l'informatique et des libertés",
        ),
        ("Paris", L, "Paris"),
        ("Office anti-cybercriminalité", O, "Office anti-cybercriminalité"),
        ("OFAC", O, "Office anti-cybercriminalité"),
        (
            "Agence nationale de la sécurité des systèmes d'information",
            O,
            "Agence nationale de la sécurité des systèmes d'information",
        ),
        ("Anssi", O, "Agence nationale de la sécurité des systèmes d'information"),
        ("Philippe Le Gall-Morin", P, "Philippe Le Gall-Morin"),
        ("Yacine Oukaci", P, "Yacine Oukaci"),
        ("Cyberveille", O, "Cyberveille"),
        ("Assurance maladie", O, "Assurance maladie"),
        ("UFC-Que choisir", O, "UFC-Que choisir"),
        ("Zataz", O, "Zataz"),
        ("France", L, "France"),
        ("Bretagne", L, "Bretagne"),
        ("Monde", O, "Le Monde"),
    ],
    "culture_interceltique_lorient": [
        ("Festival interceltique de Lorient", M, "Festival interceltique de Lorient"),
        ("Festival interceltique", M, "Festival interceltique de Lorient"),
        ("FIL", M, "Festival interceltique de Lorient"),
        ("Asturies", L, "Asturies"),
        ("Espagne", L, "Espagne"),
        ("Grande Parade", M, "Grande Parade"),
        ("Lorient", L, "Lorient"),
        ("Yannick Le Quéré", P, "Yannick Le Quéré"),
        ("Oviedo", L, "Oviedo"),
        ("Gijón", L, "Gijón"),
        ("Avilés", L, "Avilés"),
        ("Espace Marine", L, "Espace Marine"),
        ("Moustoir", L, "stade du Moustoir"),
        ("Nuit interceltique", M, "Nuit interceltique"),
        ("Rosa Fernández-Llaneza", P, "Rosa Fernández-Llaneza"),
        ("Palais des congrès", L, "Palais des congrès de Lorient"),
        ("Bretagne", L, "Bretagne"),
        ("Écosse", L, "Écosse"),
        ("Irlande", L, "Irlande"),
        ("pays de Galles", L, "pays de Galles"),
        ("Cornouailles", L, "Cornouailles"),
        ("île de Man", L, "île de Man"),
        ("Galice", L, "Galice"),
        ("Acadie", L, "Acadie"),
        ("Cap-Breton", L, "Cap-Breton"),
        ("Bodadeg ar Sonerion", O, "Bodadeg ar Sonerion"),
        ("Bagad Kemper", O, "Bagad Kemper"),
        ("Bagad Cap Caval", O, "Bagad Cap Caval"),
        ("Bagad de Lann-Bihoué", O, "Bagad de Lann-Bihoué"),
        ("Marine nationale", O, "Marine nationale"),
        ("Gwenc'hlan Le Scouëzec", P, "Gwenc'hlan Le Scouëzec"),
        ("Morbihan", L, "Morbihan"),
        ("Jules-Ferry", L, "place Jules-Ferry (Lorient)"),
    ],
    "local_ours_ariege": [
        ("Pyrénées", L, "Pyrénées"),
        ("Ustou", L, "Ustou"),
        ("Ariège", L, "Ariège"),
        ("Foix", L, "Foix"),
        ("Fédération pastorale de l'Ariège", O, "Fédération pastorale de l'Ariège"),
        ("Fédération pastorale", O, "Fédération pastorale de l'Ariège"),
        ("Couserans", L, "Couserans"),
        ("Cagateille", L, "Cagateille"),
        ("Pierre-Jean Galey-Soula", P, "Pierre-Jean Galey-Soula"),
        ("Seix", L, "Seix"),
        ("Office français de la biodiversité", O, "Office français de la biodiversité"),
        ("OFB", O, "Office français de la biodiversité"),
        ("Réseau Ours brun", O, "Réseau Ours brun"),
        ("Slovénie", L, "Slovénie"),
        ("Béarn", L, "Béarn"),
        ("Anne-Sophie Castéran", P, "Anne-Sophie Castéran"),
        ("Bernadette Rouch-Soulié", P, "Bernadette Rouch-Soulié"),
        ("Ferus", O, "Ferus"),
        ("Cap-Ours", O, "Cap-Ours"),
        ("Habitats", M, "directive Habitats"),
        ("Conseil d'État", O, "Conseil d'État"),
        ("LFI", O, "La France insoumise"),
        ("Bastien Escaich", P, "Bastien Escaich"),
        ("ministère de la Transition écologique", O, "ministère de la Transition écologique"),
    ],
}

BOILERPLATE: dict[str, list[str]] = {
    "politique_territoriales_corse": [
        "Par Pierre-Toussaint Albertini, à Bastia",
        "Publié le 16 mars 2026 à 23h05, mis à jour le 17 mars 2026 à 08h12",
        "Letizia Santoni, dimanche soir à Bastia, devant la permanence de son mouvement. "
        "© Pascal Pochard-Casabianca / AFP",
        "Lire aussi : Autonomie de la Corse : ce que contient le projet d'accord de Beauvau",
    ],
    "politique_remaniement": [
        "(AFP) -",
        "Lire aussi : Qui est Bertrand Lacombe, le Premier ministre venu de la Cour des comptes ?",
    ],
    "politique_legislatives_senegal": [
        "DAKAR, 18 novembre 2026 (AFP) -",
        "Lire aussi : Au Sénégal, la jeunesse de Guédiawaye entre chômage et tentation de l'exil",
    ],
    "justice_corruption_la_seyne": [
        "Accueil > Var > La Seyne-sur-Mer",
        "Par Nadia Belkacem",
        "Le 12/05/2026 à 18:40",
        "Gérard D'Agostino, mardi, à son arrivée au tribunal. (Photo : Valérie Vrel / Var-matin)",
        "Lire aussi : Procès D'Agostino : à La Seyne, « tout le monde savait »",
    ],
    "justice_conseil_constitutionnel": [
        "Publié le 24/04/2026 à 19h12 | Mis à jour le 24/04/2026 à 20h03",
        "À lire aussi\nAgressions dans les transports : les chiffres de l'Observatoire national "
        "de la délinquance\nLe Conseil d'État valide la vidéoprotection algorithmique "
        "jusqu'en 2027",
    ],
    "economie_greve_controleurs_aeriens": [
        "Par Thomas Lenoir et Inès Haddad",
        "Publié aujourd'hui à 07h15",
        "Des passagers au terminal 1 de l'aéroport Paris-Charles-de-Gaulle, le 3 juillet. "
        "(Photo : Geoffroy Van der Hasselt / AFP)",
        "Lire aussi : Vos droits en cas d'annulation de vol : ce que prévoit le règlement européen",
    ],
    "economie_cacao_cote_ivoire": [
        "ABIDJAN, 9 octobre 2025 (AFP) -",
        "(Avec Reuters)",
    ],
    "sante_chikungunya_reunion": [
        "Par Stéphanie Grondin, à Saint-Denis",
        "Publié le 27 février 2026 à 14h20",
        "Opération de démoustication à Saint-Pierre, le 24 février. © Richard Bouhet / AFP",
        "Lire aussi : Dengue, chikungunya, Zika : comment se protéger du moustique tigre",
    ],
    "sport_can_football": [
        "Sport > Football > CAN 2025",
        "Par notre envoyé spécial à Marrakech, Hervé Tchameni",
        "Mis à jour le 10/01/2026 à 00:47",
        "Le Camerounais Junior Ebongué-Mbarga célèbre son but égalisateur, vendredi au Grand "
        "Stade de Marrakech. ANP / Icon Sport",
        "À lire aussi\nCAN 2025 : le programme complet et les résultats",
    ],
    "sport_top14_ubb": [
        "Par Julien Castaing",
        "Publié le 15 juin 2026 à 00h31",
        "Lire aussi : Top 14 : Toulouse domine La Rochelle dans un match fou",
    ],
    "catastrophe_incendie_aude": [
        "Par Claire Fabre (avec AFP)",
        "Publié le 6 août 2025 à 21h48",
        "Un Canadair largue de l'eau au-dessus de Fontjoncouse, mercredi. (Photo : Idriss "
        "Bigou-Gilles / Hans Lucas via AFP)",
        "Lire aussi : Feux de forêt : pourquoi l'Occitanie est de plus en plus exposée",
    ],
    "local_mayotte_eau": [
        "Mayotte la 1ère, avec AFP — Publié le 19/09/2025 à 11h02",
        "Une file d'attente devant une rampe de distribution d'eau à Kawéni, le 15 septembre. "
        "Photo © Ali Al-Amine / Mayotte la 1ère",
        "Lire aussi : Mayotte : un an après le cyclone Chido, la reconstruction au ralenti",
    ],
    "cyber_fuite_mutuelle": [
        "Par Léa Morvan",
        "Le 03/12/2025 à 16h45, modifié le 03/12/2025 à 18h10",
        "Partager : Facebook X LinkedIn Copier le lien",
        "Lire aussi : Comment savoir si mes données ont fuité ?",
    ],
    "culture_interceltique_lorient": [
        "Ouest-France — Par Gwénaëlle Le Floc'h — 01/08/2025 à 06h00",
        "Le Bagad de Lann-Bihoué lors de la Grande Parade, en 2024. Photo : Ouest-France / "
        "Thierry Creux",
    ],
    "local_ours_ariege": [
        "Par Jean-Louis Dedieu — La Dépêche du Midi",
        "Publié le 22/06/2026 à 19:05",
        "Les manifestants devant la préfecture de l'Ariège, à Foix, samedi. Photo DDM, "
        "Sébastien Lapeyrère",
        "Lire aussi : En Espagne, les Asturies vivent avec 400 ours",
    ],
}

#: (surface, rank) of occurrences that are not mentions
SKIP: dict[str, list[tuple[str, int]]] = {
    # the rubric line above the headline
    "local_mayotte_eau": [("Mayotte", 0)],
}


def pattern(text: str) -> str:
    """A regex for `text` that accepts either apostrophe and any (non-breaking) space."""
    out = []
    for ch in text:
        if ch in "'\u2019":
            out.append("['\u2019]")
        elif ch in " \u00a0\u202f":
            out.append("[ \u00a0\u202f]")
        else:
            out.append(re.escape(ch))
    return "".join(out)


def occurrences(surface: str, content: str) -> list[re.Match[str]]:
    """Every whole-word occurrence of `surface` in `content`."""
    return list(re.finditer(rf"(?<!\w){pattern(surface)}(?!\w)", content))


def boilerplate_spans(stem: str, content: str) -> list[tuple[int, int]]:
    """The character spans of the article's boilerplate passages (each must occur)."""
    spans: list[tuple[int, int]] = []
    for passage in BOILERPLATE.get(stem, []):
        found = [m.span() for m in re.finditer(pattern(passage), content)]
        if not found:
            raise SystemExit(f"{stem}: boilerplate passage not found: {passage[:60]!r}")
        spans.extend(found)
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
        for rank, m in enumerate(occurrences(surface, content)):
            s, e = m.span()
            if (surface, rank) in skip or any(a <= s and e <= b for a, b in boiler):
                continue
            if any(s < b and e > a for a, b in taken):
                continue
            taken.append((s, e))
            out.append(
                {"start": s, "end": e, "text": m.group(), "label": label, "canonical": canonical}
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
        for rank, m in enumerate(occurrences(surface, content)):
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
    """Writes gold/<stem>.json for every article, or --show STEM."""
    if len(sys.argv) == 3 and sys.argv[1] == "--show":
        show(sys.argv[2])
        return
    stems = sorted(p.stem for p in ARTICLES.glob("*.txt"))
    if stems != sorted(GOLD):
        raise SystemExit(f"articles and GOLD differ: {set(stems) ^ set(GOLD)}")
    total = 0
    for stem in GOLD:
        gold = build(stem)
        (GOLD_DIR / f"{stem}.json").write_text(
            json.dumps(gold, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
        )
        total += len(gold)
        print(f"{stem}: {len(gold)} mentions")
    print(f"held-out set: {len(GOLD)} articles, {total} mentions")


if __name__ == "__main__":
    main()
