"""Corpus-wide entity linking: one id for every name of one real-world entity.

Rules, in order (all general, unit-tested in `tests/test_entities_linking.py`):

0. **Glued names** are cut: a span whose first words are a name seen on its own at least
   twice in the corpus and whose other words are two or more capitalised words
   (`Maison Blanche Jen Psaki`) is two names.
1. **Same folded form** (`reader.domain.textnorm.fold_key`: case, accents, apostrophes,
   hyphens): `Maison-Blanche` = `Maison Blanche`, `Otan` = `OTAN`, `Etats-Unis` = `États-Unis`.
2. **Acronyms**: an all-capitals form equal to the initials of a longer name (function words
   skipped) or to its first word (`RIA` → `Ria Novosti`), when exactly one name fits; never
   the initials of a person (`Pierre Sage` is no `PS`) or of a name with a lowercase head
   (`loi Rist` is no `LR`), never the first half of a pair (`PARIS` is no `Paris-Nice`). A
   capitalised article counts (`La France insoumise` → `LFI`); an acronym written as a word
   (`Cnil`) joins the name whose initials it is only where one article gives both.
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

The decisions are taken over folded forms and their totals (`link_state.LinkState`, kept
between updates so that an update reads only the articles that changed), in `link_groups`.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from reader.domain.entities.corrections import Corrections
from reader.domain.entities.normalize import STOP_WORDS, is_title_case
from reader.domain.entities.repair import label_cue
from reader.domain.model import LABELS, Article, Entity, Label, Mention, RawMention
from reader.domain.textnorm import fold_key

if TYPE_CHECKING:
    from reader.domain.entities.link_state import FormTotals

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


def display_key(spelling: str, articles: int, mentions: int) -> tuple[object, ...]:
    """How `display_name` ranks a spelling (in NFC) used by `articles` articles, `mentions`
    times: never one still carrying combining marks, then the most articles, accents
    preferred, more mentions, no hyphen."""
    return (
        not any(unicodedata.combining(c) for c in spelling),
        articles,
        _accents(spelling) > 0,
        mentions,
        spelling.count("-") == 0,
        spelling,
    )


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
    return max(mentions, key=lambda s: display_key(s, len(articles[s]), mentions[s]))


def _other_cue(form: FormTotals) -> bool:
    """The words around the form called it something other than a person, never a person
    (`la place Vival`, `à Guimarães`): no surname nor misspelt surname of anyone."""
    return not form.cues.get("PER") and any(c != "PER" for c in form.cues)


def _top_label(votes: Counter[str]) -> Label:
    order = {lab: i for i, lab in enumerate(("PER", "ORG", "LOC", "MISC"))}
    best = max(votes, key=lambda lab: (votes[lab], -order.get(lab, 9))) if votes else "MISC"
    return best if best in LABELS else "MISC"  # type: ignore[return-value]


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


#: Version of the evidence cached per article (a key of its cache in the store: bump when
#: `label_cue`, `title_case_line` or what they read changes). 3: the pieces a glued name can
#: be cut into are included (`link_state.evidence_with_pieces`), with the cues of version 2.
EVIDENCE_VERSION = "3"

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


def _evidence_of(
    art: Article, known: Mapping[tuple[str, str, int, int], str | None]
) -> Callable[[RawMention], tuple[str | None, bool]]:
    """`mention_evidence` of one mention of `art`, computed (cues from `known` first)."""
    lines: dict[tuple[str, int], bool] = {}

    def compute(m: RawMention) -> tuple[str | None, bool]:
        cue = known.get((art.id, m.field, m.start, m.end), _UNKNOWN)
        if cue is _UNKNOWN:
            cue = label_cue(art.title if m.field == "title" else art.text, m.start, m.end)
        return cue, title_case_line(art, m, lines)

    return compute


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
    (a cache); the others are computed here. Either gives the same result as computing all.
    The work is that of an update from nothing (`link_state`, `link_groups`)."""
    from reader.domain.entities.link_groups import linked_mentions, resolve
    from reader.domain.entities.link_state import LinkState

    known = cues or {}
    cached = evidence or {}
    state = LinkState()
    rank = {a.id: i for i, a in enumerate(articles)}
    for aid, ms in raw.items():
        state.add_raw(aid, ms, 1)
    splits: dict[str, list[RawMention]] = {}
    for art in articles:
        split = splits[art.id] = state.split(raw.get(art.id, ()))
        compute = _evidence_of(art, known)
        ev = cached.get(art.id, {})
        state.apply(art.id, state.contributions(art.id, split, ev, compute), 1)
    res = resolve(state, rank.__getitem__, corrections)
    position = {eid: i for i, eid in enumerate(res.entities)}
    mentions = {
        art.id: linked_mentions(art.id, splits[art.id], res, state.fold, position)
        for art in articles
    }
    return LinkResult(res.entities, mentions)
