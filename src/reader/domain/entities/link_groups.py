"""Linking's corpus-wide decisions, taken over folded forms (`link_state.LinkState`) instead of
over every mention: acronyms, surnames → full names (per article when a surname is shared),
misspelt surnames, then the groups' names, labels, order and ids, and the user's corrections.

A *unit* is what always goes to one entity together: a whole form (`(key, None)`), or the
mentions of a form in one article (`(key, article id)`) when a shared surname is resolved
article by article. The rules are those of `linking` (see its docstring), in the same order,
so the result is the one linking every mention gives.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from reader.domain.entities.corrections import Corrections
from reader.domain.entities.link_state import FormTotals, LinkState
from reader.domain.entities.linking import (
    _top_label,
    _UnionFind,
    initials,
    slugify,
)
from reader.domain.model import Entity, Label, Mention, RawMention
from reader.domain.textnorm import levenshtein

Unit = tuple[str, str | None]
#: the sort key of an article (its id, or its place in the sequence `link` was given)
Rank = Callable[[str], Any]


@dataclass(slots=True)
class Resolution:
    """What the decisions gave: the entities in order (those described now, see `_build`),
    the entity and label of each form (`forms`) and of each form in one article resolved on
    its own (`units`)."""

    entities: dict[str, Entity]
    forms: dict[str, tuple[str, str]]
    units: dict[tuple[str, str], tuple[str, str]]
    #: every entity's row `(id, JSON)`, in order
    rows: list[tuple[str, str]]
    #: what each group became (see `Built`), to be kept for the next update
    built: dict[frozenset[Unit], Built]


def _top_surface(f: FormTotals, rank: Rank) -> str:
    """The form's most used spelling; a tie goes to the spelling used first (in article
    order), as a counter filled mention by mention gives it."""
    best = max(f.surfaces.values())
    tied = [s for s, n in f.surfaces.items() if n == best]
    if len(tied) == 1:
        return tied[0]
    want = set(tied)
    for aid in sorted(f.arts, key=rank):
        for s, _n in f.arts[aid][1]:
            if s in want:
                return s
    return tied[0]


def _capitals(f: FormTotals, rank: Rank, last_word: bool = False) -> int:
    if not f.surfaces:
        return 0
    spelling = _top_surface(f, rank)
    if last_word:
        spelling = spelling.split()[-1] if spelling.split() else ""
    return sum(1 for ch in spelling if ch.isupper())


def _variants(word: str) -> set[str]:
    """The word and the word with one letter deleted: two words at edit distance 1 share one."""
    return {word, *(word[:i] + word[i + 1 :] for i in range(len(word)))}


def decide(
    state: LinkState, rank: Rank
) -> tuple[_UnionFind, dict[tuple[str, str], str]]:
    """Steps 2–4 of linking over the forms: the union-find of forms, and the group of each
    (form, article) resolved on its own."""
    forms = state.forms
    uf = _UnionFind()
    for k in forms:
        uf.find(k)
    words = {k: len(k.split()) for k in forms}
    keys = sorted(forms, key=lambda k: (-words[k], -forms[k].count, k))
    multi = [k for k in keys if words[k] > 1]
    top = {k: _top_label(forms[k].votes) for k in forms}

    # 2. acronyms
    by_initials: dict[str, list[str]] = defaultdict(list)
    by_first_word: dict[str, list[str]] = defaultdict(list)
    for mk in multi:
        by_initials[initials(mk)].append(mk)
        if top[mk] != "PER":
            by_first_word[mk.split()[0]].append(mk)
    for k in keys:
        f = forms[k]
        if " " in k or not any(s.isupper() and len(s) >= 2 for s in f.surfaces):
            continue
        cands = {uf.find(mk) for mk in by_initials.get(k, ())}
        if not cands:
            cands = {uf.find(mk) for mk in by_first_word.get(k, ())}
        if len(cands) == 1:
            uf.union(k, cands.pop())

    # 3. short person names (per article when ambiguous in the corpus)
    person_full = [m for m in multi if top[m] == "PER"]
    suffix_of: dict[str, list[str]] = defaultdict(list)
    for full in person_full:
        toks = full.split()
        for i in range(1, len(toks)):
            suffix_of[" ".join(toks[i:])].append(full)
    per_unit: dict[tuple[str, str], str] = {}
    for k in keys:
        if k not in suffix_of:
            continue
        if top[k] not in ("PER", "LOC", "MISC", "ORG"):
            continue
        roots = {uf.find(c) for c in suffix_of[k]}
        if len(roots) == 1:
            uf.union(k, roots.pop())
            continue
        # no union happens while one form is resolved article by article
        fulls = [(forms[c].arts, uf.find(c)) for c in suffix_of[k]]
        for aid in forms[k].arts:
            local = {root for arts, root in fulls if aid in arts}
            if len(local) == 1:
                per_unit[(k, aid)] = local.pop()

    # 4. misspelt surnames
    surnames: dict[str, set[str]] = defaultdict(set)
    surname_caps: dict[str, set[int]] = defaultdict(set)
    for full in person_full:
        surnames[full.split()[-1]].add(uf.find(full))
        surname_caps[full.split()[-1]].add(_capitals(forms[full], rank, last_word=True))
    multi_roots = {uf.find(m) for m in multi}
    members: dict[str, list[str]] = defaultdict(list)
    for m in multi:
        members[uf.find(m)].append(m)
    near: dict[str, set[str]] = defaultdict(set)
    for s in surnames:
        if len(s) >= 5:
            for v in _variants(s):
                near[v].add(s)
    for k in keys:
        if " " in k or len(k) < 5 or k in suffix_of:
            continue
        if uf.find(k) in multi_roots:
            continue
        # a group without a multi-word form is the form alone (every union joins one)
        is_per = top[k] == "PER"
        cands = {s for v in _variants(k) for s in near.get(v, ())}
        close = {
            r
            for s in cands
            if s != k
            and abs(len(s) - len(k)) <= 1
            and levenshtein(s, k) == 1
            and _capitals(forms[k], rank) in surname_caps[s]
            for r in surnames[s]
            if is_per
            or any(not forms[k].arts.keys().isdisjoint(forms[m].arts) for m in members[r])
        }
        if len(close) == 1:
            uf.union(k, close.pop())
    return uf, per_unit


class UnitNamer:
    """A group's name and label, as `linking._Namer` gives them, from unit totals."""

    def __init__(self, state: LinkState, units: Sequence[Unit]) -> None:
        self.forms = state.forms
        self.units = units
        self._counts: dict[Unit, int] = {}

    def count(self, u: Unit) -> int:
        """Mentions in a unit."""
        key, aid = u
        if aid is None:
            return self.forms[key].count
        n = self._counts.get(u)
        if n is None:
            n = self._counts[u] = sum(k for _s, k in self.forms[key].arts[aid][1])
        return n

    def name(self, group: Sequence[int]) -> str:
        from reader.domain.entities.linking import display_key

        keys: Counter[str] = Counter()
        for i in group:
            keys[self.units[i][0]] += self.count(self.units[i])
        best = max(keys, key=lambda k: (len(k.split()), keys[k], len(k), k))
        stats: dict[str, list[int]] = {}
        for i in group:
            key, aid = self.units[i]
            if key != best:
                continue
            f = self.forms[key]
            if aid is None:
                for s, (arts, n) in f.spell.items():
                    row = stats.setdefault(s, [0, 0])
                    row[0] += arts
                    row[1] += n
            else:
                import unicodedata

                seen: set[str] = set()
                for s, n in f.arts[aid][1]:
                    nfc = unicodedata.normalize("NFC", s)
                    row = stats.setdefault(nfc, [0, 0])
                    if nfc not in seen:
                        row[0] += 1
                        seen.add(nfc)
                    row[1] += n
        return max(stats, key=lambda s: display_key(s, stats[s][0], stats[s][1]))

    def articles(self, group: Sequence[int]) -> set[str]:
        out: set[str] = set()
        for i in group:
            key, aid = self.units[i]
            if aid is None:
                out.update(self.forms[key].arts)
            else:
                out.add(aid)
        return out

    def label(self, group: Sequence[int]) -> Label:
        keys = {self.units[i][0] for i in group}
        votes: Counter[str] = Counter()
        for k in keys:
            votes.update(self.forms[k].votes)
        best = _top_label(votes)
        if best == "PER" and not self._person_evidence(group, keys):
            votes.pop("PER", None)
            return _top_label(votes) if votes else "LOC"
        return best

    def _person_evidence(self, group: Sequence[int], keys: set[str]) -> bool:
        if not _two_articles(self, group):
            return True
        if any(" " in k for k in keys if self.forms[k].votes.get("PER")):
            return True
        return any(self.forms[k].cues.get("PER") for k in keys)


def _two_articles(namer: UnitNamer, group: Sequence[int]) -> bool:
    """Whether the group's mentions are in two articles or more."""
    first: str | None = None
    for i in group:
        key, aid = namer.units[i]
        for a in namer.forms[key].arts if aid is None else (aid,):
            if first is None:
                first = a
            elif a != first:
                return True
    return False


def resolve(
    state: LinkState,
    rank: Rank,
    corrections: Corrections | None,
    kept: Mapping[frozenset[Unit], Built] | None = None,
    dirty: set[str] | None = None,
) -> Resolution:
    """The entities of the corpus the state holds, and what each form resolves to (`kept`,
    `dirty`: see `_build`)."""
    forms = state.forms
    uf, per_unit = decide(state, rank)
    # units, each with its first mention (article rank, index) and its group
    units: list[Unit] = []
    firsts: list[tuple[object, int]] = []
    owner: list[str] = []
    split_forms = {k for k, _aid in per_unit}
    for key, f in forms.items():
        if key in split_forms:
            rest: list[str] = []
            for aid, (first, _s) in f.arts.items():
                root = per_unit.get((key, aid))
                if root is None:
                    rest.append(aid)
                    continue
                units.append((key, aid))
                firsts.append((rank(aid), first))
                owner.append(root)
            for aid in rest:
                units.append((key, aid))
                firsts.append((rank(aid), f.arts[aid][0]))
                owner.append(uf.find(key))
            continue
        aid = min(f.arts, key=rank)
        units.append((key, None))
        firsts.append((rank(aid), f.arts[aid][0]))
        owner.append(uf.find(key))
    # groups in the order of their first mention, as linking mention by mention makes them
    by_root: dict[str, list[int]] = {}
    for u in sorted(range(len(units)), key=firsts.__getitem__):
        by_root.setdefault(owner[u], []).append(u)
    groups = list(by_root.values())
    namer = UnitNamer(state, units)
    if corrections is not None:
        groups, overrides = corrections.apply_to_groups(
            groups,
            [("", key) for key, _aid in units],
            namer,  # type: ignore[arg-type]
        )
    else:
        overrides = [{} for _ in groups]
    return _build(units, groups, overrides, namer, kept, dirty)


#: what a group became last time, by its set of units: (id, name, label, aliases, mentions,
#: articles) and its row in the store; reused when none of its forms changed since
Built = tuple[tuple[str, str, str, list[str], int, list[str]], str]


def _build(
    units: list[Unit],
    groups: list[list[int]],
    overrides: list[dict[str, object]],
    namer: UnitNamer,
    kept: Mapping[frozenset[Unit], Built] | None = None,
    dirty: set[str] | None = None,
) -> Resolution:
    """Names, labels, order and ids of the groups, as `linking` gives them. With `kept`, a
    group whose units and forms did not change (`dirty`: forms that did) reuses what it
    became last time instead of being described again; `Resolution.entities` then holds only
    the groups described now (`rows` has them all)."""
    names: dict[int, str] = {}
    sizes: dict[int, int] = {}
    sigs: dict[int, frozenset[Unit]] = {}
    hits: dict[int, Built] = {}
    for g, grp in enumerate(groups):
        if not grp:
            continue
        if kept is not None and not overrides[g]:
            sig = sigs[g] = frozenset(units[i] for i in grp)
            hit = kept.get(sig)
            if hit is not None and not any(units[i][0] in (dirty or ()) for i in grp):
                hits[g] = hit
                names[g], sizes[g] = hit[0][1], hit[0][4]
                continue
        names[g] = namer.name(grp)
        sizes[g] = sum(namer.count(units[i]) for i in grp)
    order = sorted(names, key=lambda g: (-sizes[g], names[g]))
    entities: dict[str, Entity] = {}
    rows: list[tuple[str, str]] = []
    built: dict[frozenset[Unit], Built] = {}
    taken: set[str] = set()
    by_form: dict[str, tuple[str, str]] = {}
    by_unit: dict[tuple[str, str], tuple[str, str]] = {}
    for g in order:
        grp = groups[g]
        ov = overrides[g]
        hit = hits.get(g)
        name = str(ov.get("name") or names[g])
        label: Label = ov.get("label") or (  # type: ignore[assignment]
            hit[0][2] if hit is not None else namer.label(grp)
        )
        base = str(ov.get("id") or slugify(name))
        eid, n = base, 2
        while eid in taken:
            eid, n = f"{base}-{n}", n + 1
        taken.add(eid)
        for i in grp:
            key, aid = units[i]
            if aid is None:
                by_form[key] = (eid, label)
            else:
                by_unit[(key, aid)] = (eid, label)
        if hit is None or hit[0][0] != eid:
            entity = _entity(eid, name, label, sizes[g], grp, units, namer, ov)
            entities[eid] = entity
            hit = (
                (
                    eid,
                    names[g],
                    label,
                    entity.aliases,
                    entity.mentions,
                    entity.articles,
                ),
                entity_json(entity),
            )
        rows.append((eid, hit[1]))
        if g in sigs:
            built[sigs[g]] = hit
    return Resolution(entities, by_form, by_unit, rows, built)


def _entity(
    eid: str,
    name: str,
    label: Label,
    size: int,
    grp: Sequence[int],
    units: list[Unit],
    namer: UnitNamer,
    ov: Mapping[str, object],
) -> Entity:
    forms = namer.forms
    surfaces: Counter[str] = Counter()
    for i in grp:
        key, aid = units[i]
        if aid is None:
            surfaces.update(forms[key].surfaces)
        else:
            for s, k in forms[key].arts[aid][1]:
                surfaces[s] += k
    return Entity(
        id=eid,
        name=name,
        label=label,
        aliases=sorted(surfaces, key=lambda s: (-surfaces[s], s)),
        mentions=size,
        articles=sorted(namer.articles(grp)),
        hidden=bool(ov.get("hidden", False)),
    )


def entity_json(e: Entity) -> str:
    """An entity's row as the store keeps it (`asdict`'s keys, without its deep copy)."""
    return json.dumps(
        {
            "id": e.id,
            "name": e.name,
            "label": e.label,
            "aliases": e.aliases,
            "mentions": e.mentions,
            "articles": e.articles,
            "hidden": e.hidden,
        },
        ensure_ascii=False,
    )


def linked_mentions(
    aid: str,
    split: Sequence[RawMention],
    res: Resolution,
    fold: Callable[[str], str],
    position: Mapping[str, int],
) -> list[Mention]:
    """One article's mentions (split as linking splits them) with their entity and label,
    title ones first, then by offset (entities in their order, then mention order)."""
    rows: list[tuple[bool, int, int, int, Mention]] = []
    for idx, m in enumerate(split):
        key = fold(m.text)
        if not key:
            continue
        eid, label = res.units.get((key, aid)) or res.forms[key]
        rows.append(
            (
                m.field != "title",
                m.start,
                position[eid],
                idx,
                Mention(m.field, m.start, m.end, m.text, label, eid),  # type: ignore[arg-type]
            )
        )
    rows.sort(key=lambda r: r[:4])
    return [r[4] for r in rows]
