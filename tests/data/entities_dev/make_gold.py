"""Builds the gold `gold/NAME.json` of each `articles/NAME.txt` of this folder from the hand-written
annotation below (GUIDELINES.md of ../../../../shared/gold): every occurrence of a listed
surface, whole word, longest surface first, is one mention; `SKIP` removes occurrences by
rank. Run: python3 tests/data/entities_dev/make_gold.py  (checks content[start:end] == text)."""

from __future__ import annotations

import json
import re
from pathlib import Path

HERE = Path(__file__).resolve().parent
ARTICLES = HERE / "articles"
GOLD_DIR = HERE / "gold"

P, O, L, M = "PER", "ORG", "LOC", "MISC"

GOLD: dict[str, list[tuple[str, str, str]]] = {
    "politique_budget": [
        ("Étienne Marchal", P, "Étienne Marchal"),
        ("Marchal", P, "Étienne Marchal"),
        ("Assemblée nationale", O, "Assemblée nationale"),
        ("Assemblée", O, "Assemblée nationale"),
        ("Nouveau Front populaire", O, "Nouveau Front populaire"),
        ("J.-L. Mélenchon", P, "Jean-Luc Mélenchon"),
        ("Rassemblement national", O, "Rassemblement national"),
        ("RN", O, "Rassemblement national"),
        ("Marine Le Pen", P, "Marine Le Pen"),
        ("Jordan Bardella", P, "Jordan Bardella"),
        ("France Inter", O, "France Inter"),
        ("Matignon", O, "Matignon"),
        ("Olivier Faure", P, "Olivier Faure"),
        ("PS", O, "Parti socialiste"),
        ("Élysée", O, "Élysée"),
        ("Emmanuel Macron", P, "Emmanuel Macron"),
        ("Bruxelles", L, "Bruxelles"),
        ("Conseil européen", O, "Conseil européen"),
        ("Laurent Wauquiez", P, "Laurent Wauquiez"),
        ("Sénat", O, "Sénat"),
        ("Gérard Larcher", P, "Gérard Larcher"),
        ("France", L, "France"),
        ("Commission européenne", O, "Commission européenne"),
    ],
    "greve_sncf": [
        ("SNCF", O, "SNCF"),
        ("CGT-Cheminots", O, "CGT-Cheminots"),
        ("SUD-Rail", O, "SUD-Rail"),
        ("SNCF Voyageurs", O, "SNCF Voyageurs"),
        ("Fabien Delorme", P, "Fabien Delorme"),
        ("Jean-Pierre Arnoult", P, "Jean-Pierre Arnoult"),
        ("RTL", O, "RTL"),
        ("Marseille", L, "Marseille"),
        ("Nadia", P, "Nadia"),
        ("Karim B.", P, "Karim B."),
        ("Île-de-France", L, "Île-de-France"),
        ("Île-de-France Mobilités", O, "Île-de-France Mobilités"),
        ("Matignon", O, "Matignon"),
        ("Philippe Castagnac", P, "Philippe Castagnac"),
        ("Ifop", O, "Ifop"),
        ("Unsa", O, "Unsa"),
        ("CFDT-Cheminots", O, "CFDT-Cheminots"),
    ],
    "sport_asse": [
        ("Ligue 1", M, "Ligue 1"),
        ("Saint-Étienne", L, "Saint-Étienne"),
        ("AS Saint-Étienne", O, "AS Saint-Étienne"),
        ("Olympique de Marseille", O, "Olympique de Marseille"),
        ("OM", O, "Olympique de Marseille"),
        ("Éric Roussel", P, "Éric Roussel"),
        ("Mason Greenwood", P, "Mason Greenwood"),
        ("Jean-Philippe Mbemba", P, "Jean-Philippe Mbemba"),
        ("Lucas Stassin", P, "Lucas Stassin"),
        ("Zuriko Davitashvili", P, "Zuriko Davitashvili"),
        ("Leonardo Balerdi", P, "Leonardo Balerdi"),
        ("Roberto De Zerbi", P, "Roberto De Zerbi"),
        ("Ligue des champions", M, "Ligue des champions"),
        ("Paris Saint-Germain", O, "Paris Saint-Germain"),
        ("Lens", L, "Lens"),
        ("Nantes", L, "Nantes"),
        ("OGC Nice", O, "OGC Nice"),
        ("Ligue de football professionnel", O, "Ligue de football professionnel"),
    ],
    "economie_auto": [
        ("Renault", O, "Renault"),
        ("Bercy", O, "Bercy"),
        ("France", L, "France"),
        ("François Provost", P, "François Provost"),
        ("Boulogne-Billancourt", L, "Boulogne-Billancourt"),
        ("Guyancourt", L, "Guyancourt"),
        ("Antoine Lefranc", P, "Antoine Lefranc"),
        ("Paris", L, "Paris"),
        ("Stellantis", O, "Stellantis"),
        ("Forvia", O, "Forvia"),
        ("CAC 40", M, "CAC 40"),
        ("Sandrine Morel", P, "Sandrine Morel"),
        ("Natixis", O, "Natixis"),
        ("CFE-CGC", O, "CFE-CGC"),
        ("Force ouvrière", O, "Force ouvrière"),
        ("Maroc", L, "Maroc"),
        ("Roumanie", L, "Roumanie"),
        ("Dacia", O, "Dacia"),
        (
            "Association des constructeurs européens d’automobiles",
            O,
            "Association des constructeurs européens d’automobiles",
        ),
        ("ACEA", O, "Association des constructeurs européens d’automobiles"),
        ("Union européenne", O, "Union européenne"),
    ],
    "faits_divers_assises": [
        ("Villeurbanne", L, "Villeurbanne"),
        ("Mickaël Fournier", P, "Mickaël Fournier"),
        ("Rhône", L, "Rhône"),
        ("Yannick Perrin", P, "Yannick Perrin"),
        ("Yannick", P, "Yannick Perrin"),
        ("Hélène Vasseur", P, "Hélène Vasseur"),
        ("Rapido Express", O, "Rapido Express"),
        ("Lyon", L, "Lyon"),
        ("Grenoble", L, "Grenoble"),
        ("Claire Perrin", P, "Claire Perrin"),
        ("Antoine Berthier", P, "Antoine Berthier"),
        ("Paul Meunier", P, "Paul Meunier"),
        ("Sofiane K.", P, "Sofiane K."),
    ],
    "international_prisonniers": [
        ("Ukraine", L, "Ukraine"),
        ("Kiev", L, "Kiev"),
        ("Moscou", L, "Moscou"),
        ("Émirats", L, "Émirats arabes unis"),
        ("Émirats arabes unis", L, "Émirats arabes unis"),
        ("Volodymyr Zelensky", P, "Volodymyr Zelensky"),
        ("Telegram", O, "Telegram"),
        ("Abou Dhabi", L, "Abou Dhabi"),
        ("TASS", O, "TASS"),
        ("Biélorussie", L, "Biélorussie"),
        ("Kremlin", O, "Kremlin"),
        ("Dmitri Peskov", P, "Dmitri Peskov"),
        ("Washington", L, "Washington"),
        ("Marco Rubio", P, "Marco Rubio"),
        ("Istanbul", L, "Istanbul"),
        ("Hakan Fidan", P, "Hakan Fidan"),
        ("Kaja Kallas", P, "Kaja Kallas"),
        ("UE", O, "Union européenne"),
        ("Russie", L, "Russie"),
        ("OTAN", O, "OTAN"),
        ("Bruxelles", L, "Bruxelles"),
        ("Mark Rutte", P, "Mark Rutte"),
        ("Comité international de la Croix-Rouge", O, "Comité international de la Croix-Rouge"),
        ("CICR", O, "Comité international de la Croix-Rouge"),
    ],
    "culture_cannes": [
        ("Festival de Cannes", M, "Festival de Cannes"),
        ("Palme d’or", M, "Palme d’or"),
        ("Les Nuits de Tanger", M, "Les Nuits de Tanger"),
        ("Juliette Binoche", P, "Juliette Binoche"),
        ("Leïla Benjelloun", P, "Leïla Benjelloun"),
        ("Tanger", L, "Tanger"),
        ("Joachim Trier", P, "Joachim Trier"),
        ("Valeur sentimentale", M, "Valeur sentimentale"),
        ("Kleber Mendonça Filho", P, "Kleber Mendonça Filho"),
        ("Camille Aubertin", P, "Camille Aubertin"),
        ("Rachida Dati", P, "Rachida Dati"),
        ("Thierry Frémaux", P, "Thierry Frémaux"),
        ("Haut et Court", O, "Haut et Court"),
        ("Arte", O, "Arte"),
        ("France", L, "France"),
        ("États-Unis", L, "États-Unis"),
        ("Japon", L, "Japon"),
        ("Allemagne", L, "Allemagne"),
        (
            "Centre national du cinéma et de l’image animée",
            O,
            "Centre national du cinéma et de l’image animée",
        ),
        ("CNC", O, "Centre national du cinéma et de l’image animée"),
    ],
    "direct_intemperies": [
        ("Gard", L, "Gard"),
        ("Jérôme Bonnafoux", P, "Jérôme Bonnafoux"),
        ("Anduze", L, "Anduze"),
        ("Météo-France", O, "Météo-France"),
        ("Hérault", L, "Hérault"),
        ("Saint-Jean-du-Gard", L, "Saint-Jean-du-Gard"),
        ("Bruno Retailleau", P, "Bruno Retailleau"),
        ("Nîmes", L, "Nîmes"),
        ("Alès", L, "Alès"),
        ("Gardon", L, "Gardon"),
        ("SNCF", O, "SNCF"),
        ("Montpellier", L, "Montpellier"),
        ("Vinci Autoroutes", O, "Vinci Autoroutes"),
        ("Christophe Rivenq", P, "Christophe Rivenq"),
        ("France", L, "France"),
    ],
    "depeche_hopitaux": [
        ("Saint-Étienne", L, "Saint-Étienne"),
        ("Clermont-Ferrand", L, "Clermont-Ferrand"),
        ("PARIS", L, "Paris"),
        ("AFP", O, "AFP"),
        ("Sophie Lemercier", P, "Sophie Lemercier"),
        ("Matignon", O, "Matignon"),
        ("Auvergne-Rhône-Alpes", L, "Auvergne-Rhône-Alpes"),
        ("CHU de Saint-Étienne", O, "CHU de Saint-Étienne"),
        ("Marie-Claude Bonnet", P, "Marie-Claude Bonnet"),
        ("Sud Santé", O, "Sud Santé"),
        ("Olivier Chambon", P, "Olivier Chambon"),
        ("Agence régionale de santé", O, "Agence régionale de santé"),
        ("ARS", O, "Agence régionale de santé"),
        ("CHU de Clermont-Ferrand", O, "CHU de Clermont-Ferrand"),
        ("Fabrice Pannekoucke", P, "Fabrice Pannekoucke"),
        ("Fédération hospitalière de France", O, "Fédération hospitalière de France"),
        ("FHF", O, "Fédération hospitalière de France"),
        ("Arnaud Robinet", P, "Arnaud Robinet"),
        ("Élysée", O, "Élysée"),
    ],
}

#: (surface, 0-based rank among its occurrences) that are not mentions
SKIP: dict[str, list[tuple[str, int]]] = {}


def build(stem: str) -> list[dict[str, object]]:
    content = (ARTICLES / f"{stem}.txt").read_text(encoding="utf-8")
    taken: list[tuple[int, int]] = []
    out: list[dict[str, object]] = []
    skip = set(SKIP.get(stem, []))
    for surface, label, canonical in sorted(GOLD[stem], key=lambda x: -len(x[0])):
        found = 0
        for rank, m in enumerate(re.finditer(rf"(?<!\w){re.escape(surface)}(?!\w)", content)):
            s, e = m.span()
            if any(s < b and e > a for a, b in taken) or (surface, rank) in skip:
                continue
            taken.append((s, e))
            out.append({"start": s, "end": e, "text": surface, "label": label, "canonical": canonical})
            found += 1
        if not found:
            raise SystemExit(f"{stem}: {surface!r} never found")
    out.sort(key=lambda d: d["start"])  # type: ignore[arg-type, return-value]
    for d in out:
        assert content[d["start"] : d["end"]] == d["text"]  # type: ignore[misc]
    return out


def main() -> None:
    for stem in GOLD:
        gold = build(stem)
        (GOLD_DIR / f"{stem}.json").write_text(
            json.dumps(gold, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
        )
        print(f"{stem}: {len(gold)} mentions")


if __name__ == "__main__":
    main()
