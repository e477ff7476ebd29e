"""What a person types to name an article or an entity → the one it means, or the candidates.

- An **article** is named by its id, a unique prefix of its id, or the path of its file (as
  given on the command line, absolute, or as shown in `reader export`).
- An **entity** is named by its id, its name or any alias (as `Library.find_entity`), or by
  any unambiguous part of a name: a surname (`Brun` → `Laurent Brun`), a first word, a run of
  whole words, else the start of a word (`Pout`). Case, accents, apostrophes and hyphens are
  ignored.

Nothing found, or several found, gives a `Lookup` with no answer and the candidates to offer
("did you mean …").
"""

from __future__ import annotations

import difflib
import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from reader.domain.library import Library
from reader.domain.model import Entity
from reader.domain.textnorm import fold_key

_SUGGESTIONS = 5


@dataclass(frozen=True, slots=True)
class Lookup:
    """The answer (an article id or an entity id), or None with the candidates to suggest."""

    found: str | None
    candidates: list[str] = field(default_factory=list)
    ambiguous: bool = False


def find_article(library: Library, typed: str) -> Lookup:
    """The article `typed` names: its id, a unique prefix of an id, or its file's path."""
    ids = library.order()
    if typed in library.infos:
        return Lookup(typed)
    by_path = _by_path(library, typed)
    if len(by_path) == 1:
        return Lookup(by_path[0])
    if by_path:  # a JSON Lines file: one article a record
        return Lookup(None, by_path[:_SUGGESTIONS], ambiguous=True)
    prefixed = [aid for aid in ids if aid.startswith(typed)] if typed else []
    if len(prefixed) == 1:
        return Lookup(prefixed[0])
    if prefixed:
        return Lookup(None, prefixed[:_SUGGESTIONS], ambiguous=True)
    return Lookup(None, difflib.get_close_matches(typed, ids, n=_SUGGESTIONS, cutoff=0.6))


def _by_path(library: Library, typed: str) -> list[str]:
    """The articles of the file at `typed` (one, or one a record of a JSON Lines file)."""
    want = _norm(typed)
    found = [aid for aid, info in library.infos.items() if _norm(info.path) == want]
    if not found and os.path.exists(typed):
        real = os.path.realpath(typed)
        found = [
            aid
            for aid, info in library.infos.items()
            if os.path.exists(info.path) and os.path.realpath(info.path) == real
        ]
    if len(found) < 2:
        return found
    rank = {aid: n for n, aid in enumerate(library.order())}
    return sorted(found, key=lambda aid: rank.get(aid, len(rank)))


def _norm(path: str) -> str:
    return Path(os.path.normpath(path)).as_posix()


def find_entity(library: Library, typed: str) -> Lookup:
    """The entity `typed` names: id, name, alias, or an unambiguous part of a name."""
    exact = library.find_entity(typed)
    if exact is not None:
        return Lookup(exact.id)
    words = fold_key(typed).split()
    if not words:
        return Lookup(None)
    entities = list(library.visible_entities())
    for prefix in (False, True):  # whole words first, then the start of words (`Pout`)
        partial = [
            e
            for e in entities
            if any(_contains(fold_key(n).split(), words, prefix) for n in _names(e))
        ]
        if len(partial) == 1:
            return Lookup(partial[0].id)
        if partial:
            return Lookup(None, [_label(e) for e in partial[:_SUGGESTIONS]], ambiguous=True)
    folded = {fold_key(n): e for e in entities for n in _names(e)}
    close = difflib.get_close_matches(fold_key(typed), list(folded), n=_SUGGESTIONS, cutoff=0.7)
    seen: dict[str, str] = {}
    for key in close:
        seen.setdefault(folded[key].id, _label(folded[key]))
    return Lookup(None, list(seen.values()))


def _names(entity: Entity) -> Iterable[str]:
    yield entity.name
    yield from entity.aliases


def _contains(name: list[str], part: list[str], prefix: bool = False) -> bool:
    """True when the words `part` appear in a row among the words of `name` (with `prefix`,
    the last one may be the start of a word)."""
    n = len(part)
    for i in range(len(name) - n + 1):
        window = name[i : i + n]
        if window[:-1] == part[:-1] and (
            window[-1] == part[-1] or (prefix and window[-1].startswith(part[-1]))
        ):
            return True
    return False


def _label(entity: Entity) -> str:
    return f"{entity.name} ({entity.id})"
