"""Corpus-wide entity linking: one id for every name of one real-world entity.

Rules, in order (all general, unit-tested in `tests/test_entities_linking.py`):

1. **Same folded form** (`reader.domain.textnorm.fold_key`: case, accents, apostrophes,
   hyphens): `Maison-Blanche` = `Maison Blanche`, `Otan` = `OTAN`, `Etats-Unis` = `États-Unis`.
2. **Acronyms**: an all-capitals form equal to the initials of a longer name (function words
   skipped) or to its first word (`RIA` → `Ria Novosti`), when exactly one name fits; never
   the initials of a person (`Pierre Sage` is no `PS`) or of a name with a lowercase head
   (`loi Rist` is no `LR`), never the first half of a pair (`PARIS` is no `Paris-Nice`).
3. **Short person names**: a form whose words end a longer person name (`Poutine` →
   `Vladimir Poutine`) goes to the unique such name in the same article, else in the corpus;
   a surname shared by two people stays on its own. A form the words around call something
   else and never a person (`publié chez Gallimard`, `à Guimarães`) is nobody's surname; a
   form the model does not call a person joins one only in that person's articles.
   `le Renaudot` is the `prix Renaudot` of the same corpus.
4. **Misspellings**: a person form at edit distance 1 from the surname of exactly one person
   (both ≥ 5 letters): `Markel` → `Angela Merkel` (not a form cued as a place or a body).
5. **Label** by a vote over all mentions, structural cues (`M.`, `porte-parole du …`) weighing
   more than the model; **name** = the most complete form (most words), then the spelling
   most articles use, in NFC, never one loaded with combining marks, accents preferred
   (`display_name`); **id** = a slug of the name, made unique.
6. User **corrections** (see `corrections.py`) are applied last.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from reader.domain.entities.corrections import Corrections
from reader.domain.entities.normalize import STOP_WORDS, is_title_case
from reader.domain.entities.repair import label_cue
from reader.domain.model import LABELS, Article, Entity, Label, Mention, RawMention
from reader.domain.textnorm import fold_key, levenshtein

CUE_WEIGHT = 3
#: lowercase heads of a prize's or a cup's name, which the name alone also names
_NAMED_BY_HEAD = frozenset(["prix", "trophee", "coupe"])
#: the model's vote from a headline or a caption in Title Case counts half (every word of such
#: a line is capitalised, so the model's label there is a guess); votes are kept doubled
MODEL_VOTE = 2
TITLE_CASE_VOTE = 1
_UNKNOWN = "?"


@dataclass(slots=True)
class LinkResult:
    """Entities by id, and each article's linked mentions (title ones first, by offset)."""

    entities: dict[str, Entity]
    mentions: dict[str, list[Mention]]


@dataclass(slots=True)
class _Form:
    key: str
    count: int = 0
    surfaces: Counter[str] = field(default_factory=Counter)
    articles: set[str] = field(default_factory=set)
    votes: Counter[str] = field(default_factory=Counter)
    cues: Counter[str] = field(default_factory=Counter)


class _UnionFind:
    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def find(self, x: str) -> str:
        self.parent.setdefault(x, x)
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def union(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[ra] = rb


def slugify(name: str) -> str:
    """`Vladimir Poutine` → `vladimir-poutine`, `États-Unis` → `etats-unis`."""
    s = re.sub(r"[^a-z0-9]+", "-", fold_key(name)).strip("-")
    return s or "entity"


def _capitals(form: _Form, last_word: bool = False) -> int:
    """How many capital letters the form's usual spelling has (of its last word if asked)."""
    if not form.surfaces:
        return 0
    spelling = form.surfaces.most_common(1)[0][0]
    if last_word:
        spelling = spelling.split()[-1] if spelling.split() else ""
    return sum(1 for ch in spelling if ch.isupper())


def initials(key: str) -> str:
    """Initials of a folded name, function words skipped: `organisation du traite de l
    atlantique nord` → `otan`."""
    out = []
    for w in key.replace("'", " ").split():
        if w in STOP_WORDS or len(w) == 1:
            continue
        out.append(w[0])
    return "".join(out)


def _accents(s: str) -> int:
    return sum(1 for c in unicodedata.normalize("NFD", s) if unicodedata.combining(c))


def display_name(uses: Iterable[tuple[str, str]]) -> str:
    """The name to show for one form's `(article id, surface)` uses: the spelling (in NFC) that
    the most articles use — articles, not mentions, so that one article repeating a spelling
    cannot rename an entity for the corpus — never one still carrying combining marks after
    NFC (stacked accents) while a clean one exists; then accents preferred (`États-Unis` over
    `Etats-Unis`), more mentions, no hyphen."""
    articles: dict[str, set[str]] = defaultdict(set)
    mentions: Counter[str] = Counter()
    for aid, surface in uses:
        spelling = unicodedata.normalize("NFC", surface)
        articles[spelling].add(aid)
        mentions[spelling] += 1
    return max(
        mentions,
        key=lambda s: (
            not any(unicodedata.combining(c) for c in s),
            len(articles[s]),
            _accents(s) > 0,
            mentions[s],
            s.count("-") == 0,
            s,
        ),
    )


def _other_cue(form: _Form) -> bool:
    """The words around the form called it something other than a person, never a person
    (`la place Vival`, `à Guimarães`): no surname nor misspelt surname of anyone."""
    return not form.cues.get("PER") and any(c != "PER" for c in form.cues)


def _top_label(votes: Counter[str]) -> Label:
    order = {lab: i for i, lab in enumerate(("PER", "ORG", "LOC", "MISC"))}
    best = max(votes, key=lambda lab: (votes[lab], -order.get(lab, 9))) if votes else "MISC"
    return best if best in LABELS else "MISC"  # type: ignore[return-value]


def _folder() -> Callable[[str], str]:
    """`fold_key`, remembering the forms it has folded (a corpus repeats its names)."""
    memo: dict[str, str] = {}

    def fold(text: str) -> str:
        key = memo.get(text)
        if key is None:
            key = memo[text] = fold_key(text)
        return key

    return fold


def split_glued(raw: Mapping[str, Sequence[RawMention]]) -> dict[str, list[RawMention]]:
    """`Maison Blanche Jen Psaki` → `Maison Blanche` + `Jen Psaki`: a span whose first words
    are a name seen on its own at least twice in the corpus and whose other words are two or
    more capitalised words is two names glued by the model."""
    fold = _folder()
    counts: Counter[str] = Counter()
    labels: dict[str, Counter[str]] = defaultdict(Counter)
    for ms in raw.values():
        for m in ms:
            key = fold(m.text)
            counts[key] += 1
            labels[key][m.label] += 1
    out: dict[str, list[RawMention]] = {}
    for aid, ms in raw.items():
        new: list[RawMention] = []
        for m in ms:
            ws = list(re.finditer(r"\S+", m.text))
            done = False
            for cut in range(len(ws) - 2, 0, -1):
                head = m.text[: ws[cut - 1].end()]
                tail_ws = ws[cut:]
                if counts[fold(head)] < 2 or not all(w.group()[0].isupper() for w in tail_ws):
                    continue
                hl = _top_label(labels[fold(head)])
                tail_start = m.start + tail_ws[0].start()
                new.append(RawMention(m.field, m.start, m.start + len(head), head, hl))
                new.append(
                    RawMention(
                        m.field,
                        tail_start,
                        m.end,
                        m.text[tail_ws[0].start() :],
                        "PER" if len(tail_ws) <= 3 else m.label,
                    )
                )
                done = True
                break
            if not done:
                new.append(m)
        out[aid] = new
    return out


def title_case_line(
    article: Article, mention: RawMention, seen: dict[tuple[str, int], bool] | None = None
) -> bool:
    """True when the mention sits in a line written in Title Case (`Le Kremlin Dit Que…`):
    the article's title, or a caption or heading of its text. `seen` remembers the lines
    of this article already asked about, by `(field, line start)`."""
    text = article.title if mention.field == "title" else article.text
    line_start = text.rfind("\n", 0, mention.start) + 1
    key = (mention.field, line_start)
    found = seen.get(key) if seen is not None else None
    if found is None:
        stop = text.find("\n", mention.end)
        found = is_title_case(text[line_start : stop if stop >= 0 else len(text)])
        if seen is not None:
            seen[key] = found
    return found


#: Version of `mention_evidence` (a key of its cache in the store: bump when `label_cue`,
#: `title_case_line` or what they read changes).
EVIDENCE_VERSION = "2"

#: The per-mention evidence linking reads from an article's text: (field, start, end) →
#: (label cue, in a Title Case line).
Evidence = dict[tuple[str, int, int], tuple[str | None, bool]]


def mention_evidence(
    article: Article,
    mentions: Iterable[RawMention],
    cues: Mapping[tuple[str, int, int], str | None] | None = None,
) -> Evidence:
    """What `link` reads from the article around each mention: its `label_cue` (taken from
    `cues` when extraction computed it) and whether it sits in a Title Case line. It depends
    only on the article's text and the span, so a store can cache it by content and an update
    computes it only for new or changed articles."""
    known = cues or {}
    lines: dict[tuple[str, int], bool] = {}
    out: Evidence = {}
    for m in mentions:
        where = (m.field, m.start, m.end)
        cue = known.get(where, _UNKNOWN)
        if cue is _UNKNOWN:
            cue = label_cue(article.title if m.field == "title" else article.text, m.start, m.end)
        out[where] = (cue, title_case_line(article, m, lines))
    return out


def link(
    articles: Sequence[Article],
    raw: Mapping[str, Sequence[RawMention]],
    corrections: Corrections | None = None,
    cues: Mapping[tuple[str, str, int, int], str | None] | None = None,
    evidence: Mapping[str, Evidence] | None = None,
) -> LinkResult:
    """Link every raw mention of the corpus to an entity id (see the module docstring).

    `cues`: the `label_cue` of mentions already known, by (article id, field, start, end)
    (extraction computes them); `evidence`: `mention_evidence` of each article already known
    (a cache); the others are computed here. Either gives the same result as computing all."""
    known = cues or {}
    cached = evidence or {}
    by_id = {a.id: a for a in articles}
    raw = split_glued(raw)
    fold = _folder()
    items: list[tuple[str, RawMention, str]] = []  # article id, mention, form key
    forms: dict[str, _Form] = {}
    no_evidence: Evidence = {}
    for art in articles:
        lines: dict[tuple[str, int], bool] = {}
        ev = cached.get(art.id, no_evidence)
        for m in raw.get(art.id, ()):
            key = fold(m.text)
            if not key:
                continue
            items.append((art.id, m, key))
            f = forms.get(key)
            if f is None:
                f = forms[key] = _Form(key)
            f.count += 1
            f.surfaces[m.text] += 1
            f.articles.add(art.id)
            got = ev.get((m.field, m.start, m.end))
            if got is not None:
                cue, in_title_case = got
            else:
                in_title_case = title_case_line(art, m, lines)
                cue = known.get((art.id, m.field, m.start, m.end), _UNKNOWN)
                if cue is _UNKNOWN:
                    cue = label_cue(art.title if m.field == "title" else art.text, m.start, m.end)
            f.votes[m.label] += TITLE_CASE_VOTE if in_title_case else MODEL_VOTE
            if cue:
                f.votes[cue] += CUE_WEIGHT * MODEL_VOTE
                f.cues[cue] += 1

    uf = _UnionFind()
    for k in forms:
        uf.find(k)
    keys = sorted(forms, key=lambda k: (-len(k.split()), -forms[k].count, k))
    multi = [k for k in keys if len(k.split()) > 1]

    def group_label(k: str) -> Label:
        root = uf.find(k)
        votes: Counter[str] = Counter()
        for k2 in forms:
            if uf.find(k2) == root:
                votes.update(forms[k2].votes)
        return _top_label(votes)

    # 2. acronyms
    by_initials: dict[str, list[str]] = defaultdict(list)
    by_first_word: dict[str, list[str]] = defaultdict(list)  # multi-word forms, not persons
    for mk in multi:
        # `Organisation du traité…` gives `OTAN`; `loi Rist` (a lowercase head) gives no `LR`,
        # nor does `Pierre Sage` give the `PS` of a party
        person = _top_label(forms[mk].votes) == "PER"
        if any(sf[:1].isupper() for sf in forms[mk].surfaces) and not person:
            by_initials[initials(mk)].append(mk)
        # `Ria Novosti`, not `Paris-Nice`: the first word of a name, not half of a pair
        if _top_label(forms[mk].votes) != "PER" and any(
            " " in sf.split("-", 1)[0] for sf in forms[mk].surfaces
        ):
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

    # 3. short person names (per mention when ambiguous in the corpus)
    person_full = [m for m in multi if _top_label(forms[m].votes) == "PER"]
    suffix_of: dict[str, list[str]] = defaultdict(list)
    for full in person_full:
        toks = full.split()
        for i in range(1, len(toks)):
            suffix_of[" ".join(toks[i:])].append(full)
    per_mention: dict[int, str] = {}
    mentions_of: dict[str, list[int]] = defaultdict(list)  # form key → indices in `items`
    for idx, (_aid, _m, key) in enumerate(items):
        mentions_of[key].append(idx)
    for k in keys:
        if k not in suffix_of or _other_cue(forms[k]):
            continue  # `publié chez Gallimard`: the publisher, not `Antoine Gallimard`
        roots = {uf.find(c) for c in suffix_of[k]}
        if len(roots) == 1 and _top_label(forms[k].votes) == "PER":
            uf.union(k, roots.pop())
            continue
        # a form the model does not call a person joins a person only in that person's articles
        for idx in mentions_of[k]:
            aid = items[idx][0]
            local = {uf.find(c) for c in suffix_of[k] if aid in forms[c].articles}
            if len(local) == 1:
                per_mention[idx] = local.pop()

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
        surname_caps[full.split()[-1]].add(_capitals(forms[full], last_word=True))
    # the groups holding a multi-word form (a union below only adds a single-word form's
    # group to one of them, so this set stays the same)
    multi_roots = {uf.find(m) for m in multi}
    for k in keys:
        if " " in k or len(k) < 5 or k in suffix_of or _other_cue(forms[k]):
            continue
        if uf.find(k) in multi_roots:
            continue
        is_per = group_label(k) == "PER"
        close = {
            r
            for s, rs in surnames.items()
            if len(s) >= 5
            and s != k
            and abs(len(s) - len(k)) <= 1
            and levenshtein(s, k) == 1
            # a slip of the pen keeps the capitals: `SpaceX` is no misspelt `Space`
            and _capitals(forms[k]) in surname_caps[s]
            for r in rs
            # a form the model did not call a person must at least share an article
            if is_per
            or any(forms[k].articles & forms[m].articles for m in multi if uf.find(m) == r)
        }
        if len(close) == 1:
            uf.union(k, close.pop())

    # groups of mention indices
    groups: dict[str, list[int]] = defaultdict(list)
    for idx, (_aid, _m, key) in enumerate(items):
        groups[per_mention.get(idx) or uf.find(key)].append(idx)
    group_list = list(groups.values())

    if corrections is not None:
        group_list, overrides = corrections.apply_to_groups(
            group_list, [(m.text, key) for _aid, m, key in items], _describe(items, forms)
        )
    else:
        overrides = [{} for _ in group_list]

    return _build(items, forms, group_list, overrides, by_id)


def _describe(items: list[tuple[str, RawMention, str]], forms: dict[str, _Form]) -> _Namer:
    return _Namer(items, forms)


class _Namer:
    """Computes a group's canonical name and id the way `link` does (used by corrections to
    resolve references such as `merge Poutine into vladimir-poutine`)."""

    def __init__(self, items: list[tuple[str, RawMention, str]], forms: dict[str, _Form]):
        self.items = items
        self.forms = forms

    def name(self, group: Sequence[int]) -> str:
        keys = Counter(self.items[i][2] for i in group)
        best = max(keys, key=lambda k: (len(k.split()), keys[k], len(k), k))
        return display_name(
            (self.items[i][0], self.items[i][1].text) for i in group if self.items[i][2] == best
        )

    def label(self, group: Sequence[int]) -> Label:
        keys = {self.items[i][2] for i in group}
        votes: Counter[str] = Counter()
        for k in keys:
            votes.update(self.forms[k].votes)
        best = _top_label(votes)
        if best == "PER" and not self._person_evidence(group, keys):
            # a lone capitalised word in several articles, never with a first name or a
            # title, is far more often a place or an institution used as an actor
            votes.pop("PER", None)
            return _top_label(votes) if votes else "LOC"
        return best

    def _person_evidence(self, group: Sequence[int], keys: set[str]) -> bool:
        if len({self.items[i][0] for i in group}) < 2:
            return True
        if any(" " in k for k in keys if self.forms[k].votes.get("PER")):
            return True
        return any(self.forms[k].cues.get("PER") for k in keys)


def _build(
    items: list[tuple[str, RawMention, str]],
    forms: dict[str, _Form],
    groups: list[list[int]],
    overrides: list[dict[str, object]],
    by_id: Mapping[str, Article],
) -> LinkResult:
    namer = _Namer(items, forms)
    names = {g: namer.name(groups[g]) for g in range(len(groups)) if groups[g]}
    order = sorted(names, key=lambda g: (-len(groups[g]), names[g]))
    entities: dict[str, Entity] = {}
    mention_lists: dict[str, list[Mention]] = {aid: [] for aid in by_id}
    for g in order:
        grp = groups[g]
        if not grp:
            continue
        ov = overrides[g]
        name = str(ov.get("name") or names[g])
        label: Label = ov.get("label") or namer.label(grp)  # type: ignore[assignment]
        base = str(ov.get("id") or slugify(name))
        eid, n = base, 2
        while eid in entities:
            eid, n = f"{base}-{n}", n + 1
        surfaces: Counter[str] = Counter(items[i][1].text for i in grp)
        arts = sorted({items[i][0] for i in grp})
        entities[eid] = Entity(
            id=eid,
            name=name,
            label=label,
            aliases=sorted(surfaces, key=lambda s: (-surfaces[s], s)),
            mentions=len(grp),
            articles=arts,
            hidden=bool(ov.get("hidden", False)),
        )
        for i in grp:
            aid, m, _key = items[i]
            mention_lists.setdefault(aid, []).append(
                Mention(m.field, m.start, m.end, m.text, label, eid)
            )
    for ms in mention_lists.values():
        ms.sort(key=lambda m: (m.field != "title", m.start))
    return LinkResult(entities, mention_lists)
