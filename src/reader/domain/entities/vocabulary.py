"""The hand-written word lists of the entity rules, in one place.

Where a maintained data package lists what a rule needs, the rule takes it from there
(`lexicon`: French nouns, adjectives and verb forms from the model's lemma tables; countries
and France's subdivisions from `pycountry`). No package lists the vocabulary below (checked
against the registries' package lists: none ships French public-service acronyms, French
common-noun acronyms or the metonyms of French political news), so it is written here, and
only as **closed classes of general French news vocabulary**: words any French newsroom uses
on any beat, never a name because an article measured by the project had it. Each list says
what it holds and why it is general; keep additions to that standard.
"""

from __future__ import annotations

#: Seats of power French news uses for the institution they house (ORG, guidelines §3:
#: `Kremlin`, `Maison Blanche`): the French presidency (`Élysée`), government (`Matignon`),
#: ministries (`Bercy`, `Beauvau`, `Quai d'Orsay`, `Hôtel de Brienne`, the justice
#: ministry's `Chancellerie`), assemblies (`Palais-Bourbon`, `Hôtel de Lassay`, `Palais du
#: Luxembourg`), the Conseil d'État's `Palais-Royal`, and the foreign ones every French
#: outlet writes (`Kremlin`, `Maison Blanche`, `Pentagone`, `Downing Street`, `Capitole`,
#: `Quirinal`). Lowercase, `’` as `'`.
SEATS_OF_POWER = frozenset(
    [
        "élysée",
        "matignon",
        "bercy",
        "beauvau",
        "quai d'orsay",
        "palais-bourbon",
        "palais bourbon",
        "palais-royal",
        "palais du luxembourg",
        "hôtel de brienne",
        "hôtel de lassay",
        "kremlin",
        "maison blanche",
        "maison-blanche",
        "pentagone",
        "downing street",
        "capitole",
        "quirinal",
        "chancellerie",
    ]
)

#: French public services named by a common acronym: `le CHU`, `le Samu` are common nouns
#: (a kind of service, in every town), `CHU de Lille`, `Samu du Gard` the name of one of them.
#: University hospitals, emergency medical services, fire and rescue services, student
#: services, family-allowance and health-insurance funds: the services of every French
#: department.
SERVICES = frozenset(["chu", "chru", "chr", "samu", "smur", "sdis", "crous", "caf", "cpam"])

#: Common nouns French writes as acronyms, never a name on their own: economy (`PIB`, `TVA`,
#: `Smic`, `RSA`, `PME`…), work contracts (`CDI`, `CDD`), housing (`HLM`, `APL`), health
#: (`Ehpad`, `IVG`, `PMA`, `IRM`, `ADN`, a `FFP2` mask), transport (`TGV`, `TER`, `RER`,
#: `SUV`, `VTC`), technology (`GPS`, `SMS`, `QR` code, `LED`, `IA`), schooling (`bac`, `BTS`,
#: `DUT`), and `ONG`, `ZAD`, `ovni`, `RIB`. (A public service's acronym is in `SERVICES`
#: instead: `CAF du Nord` is a name.)
COMMON_ACRONYMS = frozenset(
    [
        "pib",
        "gps",
        "rib",
        "ehpad",
        "ffp2",
        "tva",
        "smic",
        "rsa",
        "cdi",
        "cdd",
        "sms",
        "pme",
        "tpe",
        "eti",
        "hlm",
        "ivg",
        "pma",
        "adn",
        "irm",
        "qr",
        "tgv",
        "ter",
        "suv",
        "led",
        "ia",
        "ovni",
        "vtc",
        "apl",
        "bac",
        "bts",
        "dut",
        "rer",
        "zad",
        "ong",
    ]
)

#: Assemblies French writes capitalised as one word (`le Sénat`, `le Parlement`, `le
#: Congrès`, `l’Assemblée`): the names of the legislature in any French political story.
SINGLE_INSTITUTIONS = frozenset(["sénat", "parlement", "congrès", "assemblée"])
