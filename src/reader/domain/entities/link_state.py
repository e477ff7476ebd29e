"""What linking knows of the corpus, aggregated by folded form and kept between updates.

`linking.link` reads every mention of the corpus, but its corpus-wide decisions (same form,
acronyms, surnames, misspellings, label votes, names, ids) only need each folded form's totals:
how often it occurs, its spellings, its label votes and cues, and which articles use it (with,
per article, where the form first occurs and which spellings it uses there). `LinkState` holds
those totals. An update takes out what a changed or deleted article gave and puts in what the
new version gives; unchanged articles are not read at all. `link_groups.resolve` then decides
over the forms, which gives exactly what linking every mention from nothing gives.

Splitting glued names (`Maison Blanche Jen Psaki`) depends on corpus-wide counts of the raw
forms: an article whose split could change with those counts (one of its candidate heads
crossed the "seen twice" line or changed label) is taken out and put in again as well.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from reader.domain.model import Article, Label, RawMention

#: (label cue, in a Title Case line) of each mention span (see `linking.mention_evidence`)
Evidence = dict[tuple[str, int, int], tuple[str | None, bool]]

_WORDS = re.compile(r"\S+")


@dataclass(slots=True)
class FormTotals:
    """One folded form over the corpus (what `linking` used to gather mention by mention)."""

    key: str
    count: int = 0
    surfaces: Counter[str] = field(default_factory=Counter)
    votes: Counter[str] = field(default_factory=Counter)
    cues: Counter[str] = field(default_factory=Counter)
    #: article id → (index of the form's first mention there, its spellings in order of first
    #: use with their counts)
    arts: dict[str, tuple[int, tuple[tuple[str, int], ...]]] = field(default_factory=dict)
    #: spelling in NFC → [articles using it, mentions]
    spell: dict[str, list[int]] = field(default_factory=dict)

    def __reduce__(self) -> tuple[object, ...]:
        """Pickled as its fields in a tuple (much faster than a slots object's state)."""
        return (
            FormTotals,
            (self.key, self.count, self.surfaces, self.votes, self.cues, self.arts, self.spell),
        )


@dataclass(slots=True)
class Contribution:
    """What one article gives to one form."""

    first: int
    surfaces: dict[str, int]
    votes: Counter[str]
    cues: Counter[str]


def split_candidates(m: RawMention, fold: Callable[[str], str]) -> list[tuple[str, str, int]]:
    """The places a raw mention could be cut into a name and a following person name (the
    words after the cut all capitalised), last cut first: (head key, head text, tail offset)."""
    ws = list(_WORDS.finditer(m.text))
    out: list[tuple[str, str, int]] = []
    for cut in range(len(ws) - 2, 0, -1):
        tail = ws[cut:]
        if not all(w.group()[0].isupper() for w in tail):
            continue
        head = m.text[: ws[cut - 1].end()]
        out.append((fold(head), head, tail[0].start()))
    return out


def split_article(
    ms: Sequence[RawMention],
    fold: Callable[[str], str],
    status: Callable[[str], Label | None],
) -> list[RawMention]:
    """`linking.split_glued` for one article: `status(head key)` is the label of a head seen at
    least twice in the corpus, else None."""
    out: list[RawMention] = []
    for m in ms:
        for key, head, tail_at in split_candidates(m, fold):
            label = status(key)
            if label is None:
                continue
            tail_ws = len(_WORDS.findall(m.text[tail_at:]))
            out.append(RawMention(m.field, m.start, m.start + len(head), head, label))
            out.append(
                RawMention(
                    m.field,
                    m.start + tail_at,
                    m.end,
                    m.text[tail_at:],
                    "PER" if tail_ws <= 3 else m.label,
                )
            )
            break
        else:
            out.append(m)
    return out


class LinkState:
    """The linking totals of a corpus (see the module docstring). Picklable."""

    def __init__(self) -> None:
        #: article id → the key its content was added under (the evidence cache key)
        self.keys: dict[str, str] = {}
        #: raw forms (before splitting): folded text → count, labels
        self.raw_counts: Counter[str] = Counter()
        self.raw_labels: dict[str, Counter[str]] = {}
        #: candidate head key → articles whose split depends on it
        self.heads: dict[str, set[str]] = {}
        self.forms: dict[str, FormTotals] = {}
        self._fold: dict[str, str] = {}
        self._shared: dict[tuple[tuple[str, int], ...], tuple[tuple[str, int], ...]] = {}
        #: what `link_groups.resolve` decided last time (for telling which articles changed)
        self.resolved: dict[str, tuple[str, str]] = {}
        self.resolved_units: dict[tuple[str, str], tuple[str, str]] = {}
        self.entity_rows: list[tuple[str, str]] = []
        #: what each group became last time (`link_groups.Built`), by its set of units
        self.built: dict[frozenset[tuple[str, str | None]], Any] = {}
        #: forms whose totals changed since the groups were last described (not kept)
        self.dirty: set[str] = set()

    def __getstate__(self) -> dict[str, object]:
        return {name: getattr(self, name) for name in _STATE if name != "_fold"}

    def __setstate__(self, state: dict[str, object]) -> None:
        for name in _STATE:
            setattr(self, name, state.get(name, {}))
        self._fold = {}
        self._shared = {}
        self.dirty = set()

    # -- folding and splitting ------------------------------------------------------------
    def fold(self, text: str) -> str:
        """`fold_key`, remembered."""
        key = self._fold.get(text)
        if key is None:
            from reader.domain.textnorm import fold_key

            key = self._fold[text] = fold_key(text)
        return key

    def head_status(self, key: str) -> Label | None:
        """The label a glued head takes when it was seen at least twice, else None."""
        if self.raw_counts.get(key, 0) < 2:
            return None
        from reader.domain.entities.linking import _top_label

        return _top_label(self.raw_labels[key])

    def split(self, ms: Sequence[RawMention]) -> list[RawMention]:
        """One article's mentions with glued names cut (by the totals now)."""
        return split_article(ms, self.fold, self.head_status)

    def heads_of(self, ms: Iterable[RawMention]) -> set[str]:
        """The candidate head keys of an article's raw mentions."""
        return {key for m in ms for key, _h, _t in split_candidates(m, self.fold)}

    # -- raw totals -----------------------------------------------------------------------
    def add_raw(self, aid: str, ms: Sequence[RawMention], sign: int) -> set[str]:
        """Add (`sign` 1) or take out (-1) an article's raw mentions; the keys touched."""
        touched: set[str] = set()
        for m in ms:
            key = self.fold(m.text)
            touched.add(key)
            _bump(self.raw_counts, key, sign)
            labels = self.raw_labels.get(key)
            if labels is None:
                labels = self.raw_labels[key] = Counter()
            _bump(labels, m.label, sign)
            if not labels:
                del self.raw_labels[key]
        for key in self.heads_of(ms):
            if sign > 0:
                self.heads.setdefault(key, set()).add(aid)
            else:
                held = self.heads.get(key)
                if held is not None:
                    held.discard(aid)
                    if not held:
                        del self.heads[key]
        return touched

    # -- form totals ----------------------------------------------------------------------
    def contributions(
        self,
        aid: str,
        split: Sequence[RawMention],
        evidence: Mapping[tuple[str, int, int], tuple[str | None, bool]],
        compute: Callable[[RawMention], tuple[str | None, bool]] | None = None,
    ) -> dict[str, Contribution]:
        """What one article's split mentions give to each form (votes from their evidence;
        `compute` gives the evidence of a span the mapping lacks)."""
        from reader.domain.entities.linking import CUE_WEIGHT, MODEL_VOTE, TITLE_CASE_VOTE

        out: dict[str, Contribution] = {}
        for idx, m in enumerate(split):
            key = self.fold(m.text)
            if not key:
                continue
            c = out.get(key)
            if c is None:
                c = out[key] = Contribution(idx, {}, Counter(), Counter())
            c.surfaces[m.text] = c.surfaces.get(m.text, 0) + 1
            got = evidence.get((m.field, m.start, m.end))
            if got is None:
                if compute is None:
                    raise KeyError((aid, m.field, m.start, m.end))
                got = compute(m)
            cue, in_title_case = got
            c.votes[m.label] += TITLE_CASE_VOTE if in_title_case else MODEL_VOTE
            if cue:
                c.votes[cue] += CUE_WEIGHT * MODEL_VOTE
                c.cues[cue] += 1
        return out

    def apply(self, aid: str, contributions: Mapping[str, Contribution], sign: int) -> None:
        """Add (`sign` 1) or take out (-1) an article's contributions to the form totals."""
        for key, c in contributions.items():
            self.dirty.add(key)
            f = self.forms.get(key)
            if f is None:
                if sign < 0:
                    continue
                f = self.forms[key] = FormTotals(key)
            n = sum(c.surfaces.values())
            f.count += sign * n
            for s, k in c.surfaces.items():
                _bump(f.surfaces, s, sign * k)
            for lab, k in c.votes.items():
                _bump(f.votes, lab, sign * k)
            for lab, k in c.cues.items():
                _bump(f.cues, lab, sign * k)
            spellings: dict[str, int] = {}
            for s, k in c.surfaces.items():
                nfc = unicodedata.normalize("NFC", s)
                spellings[nfc] = spellings.get(nfc, 0) + k
            for s, k in spellings.items():
                row = f.spell.get(s)
                if row is None:
                    row = f.spell[s] = [0, 0]
                row[0] += sign
                row[1] += sign * k
                if row[0] <= 0:
                    del f.spell[s]
            if sign > 0:
                uses = tuple(c.surfaces.items())
                # one object for equal spellings lists: the kept state pickles each once
                f.arts[aid] = (c.first, self._shared.setdefault(uses, uses))
            else:
                f.arts.pop(aid, None)
            if f.count <= 0:
                del self.forms[key]


_STATE = (
    "keys",
    "raw_counts",
    "raw_labels",
    "heads",
    "forms",
    "_fold",
    "resolved",
    "resolved_units",
    "entity_rows",
    "built",
)


def _bump(counter: Counter[str], key: str, by: int) -> None:
    """Add `by` to a count, dropping it at zero (so totals equal counts made from nothing)."""
    value = counter.get(key, 0) + by
    if value:
        counter[key] = value
    else:
        counter.pop(key, None)


def evidence_with_pieces(
    article: Article,
    mentions: Sequence[RawMention],
    cues: Mapping[tuple[str, int, int], str | None] | None,
    fold: Callable[[str], str],
) -> Evidence:
    """`linking.mention_evidence` of the raw mentions and of every piece splitting could cut
    them into (so that linking never needs the text of an unchanged article again)."""
    from reader.domain.entities.linking import mention_evidence

    pieces: list[RawMention] = []
    for m in mentions:
        for _key, head, tail_at in split_candidates(m, fold):
            pieces.append(RawMention(m.field, m.start, m.start + len(head), head, m.label))
            pieces.append(RawMention(m.field, m.start + tail_at, m.end, m.text[tail_at:], m.label))
    ev = mention_evidence(article, mentions, cues)
    for where, got in mention_evidence(article, pieces, cues).items():
        ev.setdefault(where, got)
    return ev
