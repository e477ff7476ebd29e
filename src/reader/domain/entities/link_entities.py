"""What linking's groups become: their names and labels from the unit totals (`UnitNamer`,
as `linking` names a group of mentions), their order, unique ids and store rows, reused when
nothing in a group changed (`build`), and each article's linked mentions."""

from __future__ import annotations

import json
import unicodedata
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from reader.domain.entities.link_state import LinkState
from reader.domain.entities.linking import _top_label, display_key, slugify
from reader.domain.model import Entity, Label, Mention, RawMention

Unit = tuple[str, str | None]


@dataclass(slots=True)
class Resolution:
    """What the decisions gave: the entities in order (those described now, see `build`),
    the entity and label of each form (`forms`) and of each form in one article resolved on
    its own (`units`)."""

    entities: dict[str, Entity]
    forms: dict[str, tuple[str, str]]
    units: dict[tuple[str, str], tuple[str, str]]
    #: every entity's row `(id, JSON)`, in order
    rows: list[tuple[str, str]]
    #: what each group became (see `Built`), to be kept for the next update
    built: dict[frozenset[Unit], Built]


class UnitNamer:
    """A group's name and label from unit totals, as linking names a group of mentions."""

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


#: what a group became last time, by its set of units: (id, name, label, aliases, mentions,
#: articles) and its row in the store; reused when none of its forms changed since
Built = tuple[tuple[str, str, str, list[str], int, list[str]], str]


def build(
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
