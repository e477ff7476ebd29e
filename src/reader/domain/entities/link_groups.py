"""Linking's corpus-wide decisions, taken over folded forms (`link_state.LinkState`) instead of
over every mention: acronyms, surnames → full names (per article when a surname is shared),
misspelt surnames; then the groups in order of first mention and the user's corrections
(their names, ids and rows are made in `link_entities`).

A *unit* is what always goes to one entity together: a whole form (`(key, None)`), or the
mentions of a form in one article (`(key, article id)`) when a shared surname is resolved
article by article. The rules are those of `linking` (see its docstring), in the same order,
so the result is the one linking every mention gives.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Mapping
from typing import Any

from reader.domain.entities.corrections import Corrections
from reader.domain.entities.link_entities import (
    Built,
    Resolution,
    Unit,
    UnitNamer,
    build,
)
from reader.domain.entities.link_entities import linked_mentions as linked_mentions
from reader.domain.entities.link_state import FormTotals, LinkState
from reader.domain.entities.linking import (
    _NAMED_BY_HEAD,
    _other_cue,
    _top_label,
    _UnionFind,
    initials,
)
from reader.domain.textnorm import levenshtein

#: the sort key of an article (its id, or its place in the sequence `link` was given)
Rank = Callable[[str], Any]


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


_ARTICLES = ("l", "la", "le", "les")


def _initials_with_article(key: str, surfaces: Counter[str]) -> str:
    """Initials of a name that opens with a capitalised article, the article counted
    (`la france insoumise` written `La France insoumise` → `lfi`); "" for any other name."""
    head, _, rest = key.partition(" ")
    if head not in _ARTICLES or not rest:
        return ""
    if not any(sf[:1] == "L" for sf in surfaces):
        return ""
    inner = initials(rest)
    return "l" + inner if inner else ""


def _word_acronym(surface: str) -> bool:
    """One capitalised word with no other capital and no digit (`Cnil`, `Otan`)."""
    return (
        surface.isalpha() and surface[:1].isupper() and surface[1:].islower() and len(surface) >= 3
    )


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
        # `Organisation du traité…` gives `OTAN`; `loi Rist` (a lowercase head) gives no `LR`,
        # nor does `Pierre Sage` give the `PS` of a party
        surfaces = forms[mk].surfaces
        if any(sf[:1].isupper() for sf in surfaces) and top[mk] != "PER":
            by_initials[initials(mk)].append(mk)
            # a capitalised article is part of the name: `La France insoumise` is `LFI`
            with_article = _initials_with_article(mk, surfaces)
            if with_article:
                by_initials[with_article].append(mk)
        # `Ria Novosti`, not `Paris-Nice`: the first word of a name, not half of a pair
        if top[mk] != "PER" and any(" " in sf.split("-", 1)[0] for sf in surfaces):
            by_first_word[mk.split()[0]].append(mk)
    for k in keys:
        f = forms[k]
        if " " in k:
            continue
        if not any(s.isupper() and len(s) >= 2 for s in f.surfaces):
            # an acronym written as a word (`Cnil`, `Anssi`) stands for the name whose
            # initials it is only where an article gives both
            if len(k) >= 3 and all(_word_acronym(s) for s in f.surfaces):
                local = {
                    uf.find(mk) for mk in by_initials.get(k, ()) if f.arts.keys() & forms[mk].arts
                }
                if len(local) == 1:
                    uf.union(k, local.pop())
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
        if k not in suffix_of or _other_cue(forms[k]):
            continue  # `publié chez Gallimard`: the publisher, not `Antoine Gallimard`
        roots = {uf.find(c) for c in suffix_of[k]}
        if len(roots) == 1 and top[k] == "PER":
            uf.union(k, roots.pop())
            continue
        # a form the model does not call a person joins a person only in that person's
        # articles
        # no union happens while one form is resolved article by article
        fulls = [(forms[c].arts, uf.find(c)) for c in suffix_of[k]]
        for aid in forms[k].arts:
            local = {root for arts, root in fulls if aid in arts}
            if len(local) == 1:
                per_unit[(k, aid)] = local.pop()

    # 3b. `le Renaudot` is the `prix Renaudot` the same corpus names
    for mk in multi:
        head, _, tail = mk.partition(" ")
        lowercase_head = any(sf[:1].islower() for sf in forms[mk].surfaces)
        named = head in _NAMED_BY_HEAD and tail in forms and lowercase_head
        if named and tail not in suffix_of and uf.find(tail) == tail:
            uf.union(tail, mk)

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
        if " " in k or len(k) < 5 or k in suffix_of or _other_cue(forms[k]):
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


def resolve(
    state: LinkState,
    rank: Rank,
    corrections: Corrections | None,
    kept: Mapping[frozenset[Unit], Built] | None = None,
    dirty: set[str] | None = None,
) -> Resolution:
    """The entities of the corpus the state holds, and what each form resolves to (`kept`,
    `dirty`: see `link_entities.build`)."""
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
    return build(units, groups, overrides, namer, kept, dirty)


