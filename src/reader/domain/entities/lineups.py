"""Team sheets: `Belgique : Casteels – Castagne, Faes, Debast – Onana, Tielemans.` lists the
players of a team, one capitalised name per item; each item is a person, even a one-word name
the model reads as a place or misses."""

from __future__ import annotations

import re

Span = tuple[int, int, str]

_UP = "A-ZÀÂÄÇÉÈÊËÎÏÔÖÙÛÜŸŒÆ"
#: a line `Team : items` (the team's name short, before a colon)
_SHEET_LINE = re.compile(r"^[^\S\n]*+[^\W\d_][^:\n]{0,40}:[^\S\n]++([^\n]+)$", re.M)
#: items of a sheet are separated by commas, semicolons or spaced dashes (the lines of a team)
_ITEM_SEP = re.compile(r"(?:(?:(?<!\s)[^\S\n]*+)?[,;]|(?<!\s)[^\S\n]++[–—-](?=[^\S\n]))[^\S\n]*+")
#: one player: one to three capitalised words (`De Bruyne`, `Vinícius Júnior`)
_PLAYER = re.compile(rf"[{_UP}][\w'’.-]*+(?:[^\S\n]++[{_UP}][\w'’.-]*+){{0,2}}")
#: a sheet has a full team (or most of one)
MIN_ITEMS = 8


def team_sheets(text: str, spans: list[Span]) -> list[Span]:
    """Every item of a team-sheet line becomes a person mention (spans inside the list are
    replaced); a line is a sheet when it has at least `MIN_ITEMS` capitalised items and at
    least three of them name persons of the text (as themselves or as the end of a full name)."""
    if ":" not in text:
        return spans
    out = spans
    # the persons the text names, in full and by their surnames (`Kevin De Bruyne`, `De Bruyne`)
    person_names: set[str] = set()
    for s, e, lab in spans:
        if lab == "PER":
            words = text[s:e].split()
            person_names.update(" ".join(words[i:]) for i in range(len(words)))
    for line in _SHEET_LINE.finditer(text):
        start, end = line.span(1)
        body = text[start:end].rstrip()
        if body.endswith("."):
            body = body[:-1]
        items: list[tuple[int, int]] = []
        pos = 0
        for sep in _ITEM_SEP.finditer(body):
            items.append((start + pos, start + sep.start()))
            pos = sep.end()
        items.append((start + pos, start + len(body)))
        if len(items) < MIN_ITEMS or not all(_PLAYER.fullmatch(text[s:e]) for s, e in items):
            continue
        persons = sum(1 for s, e in items if text[s:e] in person_names)
        if persons < 3:
            continue
        inside = [sp for sp in out if start <= sp[0] and sp[1] <= start + len(body)]
        out = sorted([sp for sp in out if sp not in inside] + [(s, e, "PER") for s, e in items])
    return out
