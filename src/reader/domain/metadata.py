"""An article's facts beside its text: dates (French and ISO), author names, outlets.

- `parse_date` reads one date as French news pages write it (`14 mars 2024`, `1er déc. 2021`,
  `14/03/2024`, `2024-03-14T10:32:00+01:00`, `2024-03`, `mars 2024`) and returns `YYYY-MM-DD`,
  or `YYYY-MM` when only the month is known, else None.
- `split_authors` turns what a page or a file says of its authors (`"A; B"`, `"A et B"`, a list)
  into a list of names; `resolve` chooses the final author(s), date and outlet from the format's
  metadata and what the text's byline, dateline and wire credit say.

Dates of different precision sort properly as strings: `2021-12` < `2021-12-07` < `2021-12-08`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import Any

MONTHS: dict[str, int] = {
    "janvier": 1, "janv": 1, "jan": 1,
    "février": 2, "fevrier": 2, "févr": 2, "fevr": 2, "fév": 2, "fev": 2,
    "mars": 3, "mar": 3,
    "avril": 4, "avr": 4,
    "mai": 5,
    "juin": 6,
    "juillet": 7, "juil": 7,
    "août": 8, "aout": 8,
    "septembre": 9, "sept": 9, "sep": 9,
    "octobre": 10, "oct": 10,
    "novembre": 11, "nov": 11,
    "décembre": 12, "decembre": 12, "déc": 12, "dec": 12,
}  # fmt: skip
#: A French month name or its usual abbreviation (longest first so `mars` beats `mar`).
MONTH_RE = "|".join(sorted(MONTHS, key=len, reverse=True))
WEEKDAY_RE = r"(?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)"
#: One date in a French page: `14 mars 2024`, `1er déc. 2021`, `14/03/2024`, `2024-03-14`.
DATE_RE = (
    rf"(?:{WEEKDAY_RE}\.?\s+)?(?:1er|\d{{1,2}})\s+(?:{MONTH_RE})\.?\s+\d{{4}}"
    r"|\d{1,2}[/.]\d{1,2}[/.]\d{4}"
    r"|\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?"
)
_FR_DAY_RE = re.compile(
    rf"(?:{WEEKDAY_RE}\.?\s+)?(1er|\d{{1,2}})\s+({MONTH_RE})\.?\s+(\d{{4}})", re.I
)
_FR_MONTH_RE = re.compile(rf"^\s*({MONTH_RE})\.?\s+(\d{{4}})\s*$", re.I)
_NUMERIC_RE = re.compile(r"^\s*(\d{1,2})[/.](\d{1,2})[/.](\d{4})\b")
_ISO_RE = re.compile(r"^\s*(\d{4})-(\d{2})(?:-(\d{2}))?(?=$|[T ]|\s)")
_OUTLET_RE = re.compile(r"(?:le|la|les|l[’'])(?:\s|(?<=[’'])\w)", re.I)
_AUTHOR_SPLIT_RE = re.compile(r"(?<!\s)\s*+(?:;|\||,|&|\bet\b|\band\b)\s*+")
_WIRE_NAMES = {
    "afp": "AFP",
    "agence france-presse": "AFP",
    "agence france presse": "AFP",
    "reuters": "Reuters",
    "ap": "AP",
    "associated press": "AP",
    "belga": "Belga",
    "ats": "ATS",
    "dpa": "DPA",
    "ansa": "ANSA",
    "efe": "EFE",
    "xinhua": "Xinhua",
    "bloomberg": "Bloomberg",
    "afp/reuters": "AFP",
}


def _day(year: int, month: int, day: int | None) -> str | None:
    if not (1 <= month <= 12) or not (1000 <= year <= 2999):
        return None
    if day is None:
        return f"{year:04d}-{month:02d}"
    if not 1 <= day <= 31:
        return None
    return f"{year:04d}-{month:02d}-{day:02d}"


def parse_date(value: str | None) -> str | None:
    """`YYYY-MM-DD`, or `YYYY-MM` when only the month is known, from one written date."""
    if not value:
        return None
    text = " ".join(str(value).split())
    match = _ISO_RE.match(text)
    if match:
        day = int(match.group(3)) if match.group(3) else None
        return _day(int(match.group(1)), int(match.group(2)), day)
    match = _NUMERIC_RE.match(text)
    if match:
        return _day(int(match.group(3)), int(match.group(2)), int(match.group(1)))
    match = _FR_DAY_RE.search(text)
    if match:
        day = 1 if match.group(1).lower() == "1er" else int(match.group(1))
        return _day(int(match.group(3)), MONTHS[match.group(2).lower()], day)
    match = _FR_MONTH_RE.match(text)
    if match:
        return _day(int(match.group(2)), MONTHS[match.group(1).lower()], None)
    return None


def wire_name(value: str) -> str | None:
    """The usual spelling of a news agency named in a credit (`REUTERS` → `Reuters`), or None."""
    return _WIRE_NAMES.get(" ".join(value.split()).casefold())


def tidy_name(name: str) -> str:
    """One author name as printed: spaces collapsed, an all-capitals name in Title Case."""
    name = " ".join(name.split()).strip(" ,;:|–—-")
    letters = [c for c in name if c.isalpha()]
    if len(letters) > 3 and all(c.isupper() for c in letters):
        name = name.title()
    return name


def split_authors(value: Any) -> list[str]:
    """Author names from a metadata value: a string (`"A; B"`, `"A et B"`), a list of strings,
    or objects with a `name`; URLs and empty values are dropped, duplicates kept once."""
    items: list[str] = []
    if isinstance(value, str):
        items = _AUTHOR_SPLIT_RE.split(value)
    elif isinstance(value, dict):
        name = value.get("name")
        items = [name] if isinstance(name, str) else []
    elif isinstance(value, (list, tuple)):
        for item in value:
            items.extend(split_authors(item))
    return unique_names(items)


def unique_names(names: Iterable[str]) -> list[str]:
    """Tidy names, drop empty ones, links and e-mail addresses, keep each name once (in order)."""
    out: list[str] = []
    seen: set[str] = set()
    for raw in names:
        name = tidy_name(raw)
        if not name or "://" in name or "@" in name or name.startswith("www."):
            continue
        if not any(c.isalpha() for c in name) or len(name) > 80:
            continue
        if _OUTLET_RE.match(name):
            continue  # "Le Figaro", "La Rédaction": an outlet or a desk, not a person
        key = name.casefold()
        if key not in seen:
            seen.add(key)
            out.append(name)
    return out


def best_date(given: str | None, found: Sequence[str]) -> str | None:
    """The article's date: the format's own (`given`, normalised) unless the text says more
    precisely the same month, else the first date the text gives."""
    date = parse_date(given)
    if date is None:
        return found[0] if found else None
    if len(date) == 7:
        for other in found:
            if other.startswith(date + "-"):
                return other
    return date
