"""Word lists the entity rules consult, each from a maintained source, loaded once on first use.

- French **common nouns and adjectives**: the lemma index that `fr_core_news_sm` ships for its
  lemmatizer (`lemmatizer/lookups/lookups.bin`, about 66,000 noun and 28,000 adjective
  lemmas), read with `srsly` (a spaCy dependency) without loading the pipeline.
- **Place names**: the French names of the countries of ISO 3166-1 and of the subdivisions of
  France (ISO 3166-2:FR) that `pycountry` ships.
- Closed classes of French that no package lists: the days and months (never names) here;
  the seats of power and the other hand-written vocabulary in `vocabulary`.

None of these lists is drawn from the articles the rules are measured on.
"""

from __future__ import annotations

import functools
import importlib.util
from collections.abc import Callable
from pathlib import Path

from reader.domain.entities.version import MODEL_NAME
from reader.domain.entities.vocabulary import SEATS_OF_POWER

#: days and months: capitalised at a line start or in a dateline, never an entity
CALENDAR_WORDS = frozenset(
    [
        "lundi",
        "mardi",
        "mercredi",
        "jeudi",
        "vendredi",
        "samedi",
        "dimanche",
        "janvier",
        "février",
        "fevrier",
        "mars",
        "avril",
        "mai",
        "juin",
        "juillet",
        "août",
        "aout",
        "septembre",
        "octobre",
        "novembre",
        "décembre",
        "decembre",
        "printemps",
        "été",
        "automne",
        "hiver",
    ]
)


def _lookups_path() -> Path | None:
    spec = importlib.util.find_spec(MODEL_NAME)
    if spec is None or spec.origin is None:
        return None
    root = Path(spec.origin).parent
    found = sorted(root.glob("*/lemmatizer/lookups/lookups.bin"))
    return found[0] if found else None


@functools.cache
def _tables() -> dict[str, dict[int, list[str]]]:
    """The model's lemmatizer tables (read once: about 10 MB of msgpack)."""
    path = _lookups_path()
    if path is None:
        return {}
    import srsly

    tables = srsly.read_msgpack(path)
    return tables if isinstance(tables, dict) else {}


def _lemma_lookup() -> dict[int, list[str]]:
    """The model's form → lemmas table, keyed by the hash of the form."""
    return _tables().get("lemma_lookup", {})


@functools.cache
def _lemma_index() -> dict[str, frozenset[str]]:
    from spacy.strings import hash_string  # type: ignore[attr-defined]

    index = _tables().get("lemma_index", {})
    out: dict[str, frozenset[str]] = {}
    for pos in ("noun", "adj", "verb"):
        out[pos] = frozenset(str(w) for w in index.get(hash_string(pos), ()))
    return out


def common_nouns() -> frozenset[str]:
    """Lemmas of French common nouns (lowercase), from the model's lemmatizer tables."""
    return _lemma_index().get("noun", frozenset())


def adjectives() -> frozenset[str]:
    """Lemmas of French adjectives (lowercase), from the model's lemmatizer tables."""
    return _lemma_index().get("adj", frozenset())


def is_common_noun(word: str) -> bool:
    """`Réactions`, `Contexte`, `Enquête`: the lowercase word, or its singular, is a French
    common noun (and not a place name)."""
    low = word.lower().replace("’", "'")
    if place_key(word) in place_names():
        return False
    nouns = common_nouns()
    if low in nouns:
        return True
    return low.endswith(("s", "x")) and low[:-1] in nouns


def is_verb_form(word: str) -> bool:
    """`Contacté`, `Interrogée`, `adopte`: a form of a French verb, by the model's lemma
    lookup table."""
    from spacy.strings import hash_string  # type: ignore[attr-defined]

    low = word.lower()
    tables = _lemma_index()
    verbs = tables.get("verb", frozenset())
    for lem in _lemma_lookup().get(hash_string(low), ()):
        # the verb index is short; a form whose lemma is another word ending like an
        # infinitive is a verb form too (`rappelle` → `rappeler`, `publié` → `publier`)
        if lem in verbs or (lem != low and lem.endswith(("er", "ir", "re", "oir"))):
            return True
    # past participles the lookup lacks: `publié` → `publier`, `saisie` → `saisir`
    for ending, infinitives in _PARTICIPLES:
        if low.endswith(ending):
            stem = low[: len(low) - len(ending)]
            if any(stem + inf in verbs for inf in infinitives):
                return True
    return False


_PARTICIPLES = (
    ("ées", ("er",)),
    ("és", ("er",)),
    ("ée", ("er",)),
    ("é", ("er",)),
    ("ies", ("ir",)),
    ("is", ("ir", "re")),
    ("ie", ("ir",)),
    ("i", ("ir",)),
)


def is_adjective(word: str) -> bool:
    """`nationale`, `constitutionnel`, `européens`: a French adjective, by its lemma list
    (feminine and plural forms folded onto the masculine singular)."""
    low = word.lower()
    adj = adjectives()
    if low in adj:
        return True
    for suffix, repl in (
        ("s", ""),
        ("x", ""),
        ("e", ""),
        ("es", ""),
        ("le", ""),
        ("les", ""),
        ("ne", ""),
        ("nes", ""),
        ("aux", "al"),
        ("que", "c"),
        ("ques", "c"),
        ("ve", "f"),
        ("ves", "f"),
        ("ère", "er"),
        ("ères", "er"),
        ("euse", "eux"),
        ("euses", "eux"),
    ):
        if low.endswith(suffix) and low[: len(low) - len(suffix)] + repl in adj:
            return True
    return False


def place_key(name: str) -> str:
    """How place names are compared: lowercase, `’` as `'`, hyphens as spaces
    (`Pays de la Loire` = `Pays-de-la-Loire`)."""
    return name.lower().replace("’", "'").replace("-", " ")


def _same(message: str) -> str:
    return message


@functools.cache
def place_names() -> frozenset[str]:
    """French names of countries (ISO 3166-1) and of France's regions and departments
    (ISO 3166-2:FR), lowercase with `’` as `'`, from `pycountry`."""
    try:
        import gettext

        import pycountry
    except ImportError:  # pragma: no cover - pinned dependency
        return frozenset()
    names: set[str] = set()
    tr: Callable[[str], str]
    try:
        tr = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["fr"]).gettext
    except OSError:  # pragma: no cover - the package ships its translations
        tr = _same

    for c in pycountry.countries:
        for attr in ("name", "common_name"):
            value = getattr(c, attr, None)
            if value:
                name = tr(value)
                names.add(name)
                if ", " in name:  # `Åland, Îles` → `Îles Åland`, `Åland`
                    head, _tail = name.split(", ", 1)
                    names.add(head)
    subdivisions = pycountry.subdivisions.get(country_code="FR")  # type: ignore[no-untyped-call]
    for sub in subdivisions or ():
        names.add(sub.name)
    return frozenset(place_key(n) for n in names)


@functools.cache
def country_names() -> frozenset[str]:
    """French names of the countries of ISO 3166-1 (lowercase, `’` as `'`), by `pycountry`."""
    try:
        import gettext

        import pycountry
    except ImportError:  # pragma: no cover - pinned dependency
        return frozenset()
    tr: Callable[[str], str]
    try:
        tr = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["fr"]).gettext
    except OSError:  # pragma: no cover - the package ships its translations
        tr = _same
    names = {
        tr(value)
        for c in pycountry.countries
        for value in (getattr(c, "name", None), getattr(c, "common_name", None))
        if value
    }
    return frozenset(place_key(n) for n in names)


def is_country(text: str) -> bool:
    """A sovereign country or territory of ISO 3166-1, by its French name."""
    return place_key(text) in country_names()


@functools.cache
def french_subdivision_names() -> frozenset[str]:
    """Names of France's regions, departments and overseas collectivities (ISO 3166-2:FR,
    by `pycountry`), lowercase with `’` as `'`: some are also ISO 3166-1 territories
    (`Nouvelle-Calédonie`, `Polynésie française`) without being sovereign countries."""
    try:
        import pycountry
    except ImportError:  # pragma: no cover - pinned dependency
        return frozenset()
    subdivisions = pycountry.subdivisions.get(country_code="FR")  # type: ignore[no-untyped-call]
    return frozenset(place_key(sub.name) for sub in subdivisions or ())


def is_sovereign_country(text: str) -> bool:
    """A country of ISO 3166-1 that is not also a French subdivision (ISO 3166-2:FR)."""
    key = place_key(text)
    return key in country_names() and key not in french_subdivision_names()


def is_place_name(text: str) -> bool:
    """A country (in French) or a French region or department, by `pycountry`."""
    return place_key(text) in place_names()


def is_seat_of_power(text: str) -> bool:
    """`Matignon`, `l’Élysée`'s `Élysée`, `Quai d’Orsay`: a building standing for its
    institution."""
    return text.lower().replace("’", "'") in SEATS_OF_POWER
