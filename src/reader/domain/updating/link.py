"""Linking, incrementally: the linking totals kept from the last update (`link_cache`) lose what
the deleted or changed articles gave and gain what the new versions give; the corpus-wide
decisions are then taken again over the forms (not over every mention), and only the articles
whose mentions may have changed get their linked mentions rebuilt. The result is the one
linking the whole corpus from nothing gives (`tests/test_incremental_equals_full.py`)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from reader.domain.model import Entity, Label, Mention, RawMention
from reader.domain.store import Store
from reader.domain.updating.common import corrections_path
from reader.domain.updating.corpus_view import CorpusView, RawMentions
from reader.domain.updating.state import UpdaterState

if TYPE_CHECKING:
    from reader.domain.entities.link_state import Evidence, LinkState


@dataclass(slots=True)
class LinkUpdate:
    """What linking changed: every entity in order, their rows when they changed (else None),
    the linked mentions of the articles that may have changed, evidence computed now (by
    cache key), and the totals to keep."""

    entities: dict[str, Entity]
    entity_rows: list[tuple[str, str]] | None
    mentions: dict[str, list[Mention]]
    evidence: dict[str, Evidence]
    state: LinkState


class _Restart(Exception):
    """The kept totals cannot be updated (what an old version gave is no longer cached)."""


class LinkStage(UpdaterState):
    """Links the corpus."""

    def _link(self, store: Store, corpus: CorpusView, raw: RawMentions) -> LinkUpdate:
        """Bring the kept linking totals up to date and decide the entities (see the module
        docstring)."""
        from reader.domain.entities.corrections import Corrections
        from reader.domain.entities.link_groups import linked_mentions, resolve
        from reader.domain.entities.link_state import LinkState
        from reader.domain.entities.linking import EVIDENCE_VERSION
        from reader.domain.updating import link_cache

        self._check()
        self.say("linking entities", 0, 0)
        keys = self.evidence_keys = {
            aid: f"{EVIDENCE_VERSION}:{self.ner_keys[aid]}" for aid in corpus
        }
        kept = link_cache.load(self.index_dir, store.get_meta(link_cache.META_KEY))
        try:
            if kept is None:
                raise _Restart()
            state, touched, splits, fresh = self._fold_in(store, corpus, raw, kept, keys)
        except _Restart:
            state, touched, splits, fresh = self._fold_in(store, corpus, raw, LinkState(), keys)
            touched = set(corpus)
        corrections, corr_problems = Corrections.load(corrections_path(self.paths))
        res = resolve(state, _by_id, corrections, state.built, state.dirty)
        self.report.notices.extend(
            f"corrections: {p}" for p in (*corr_problems, *corrections.unresolved)
        )
        for key, value in res.forms.items():
            if state.resolved.get(key) != value:
                touched.update(state.forms[key].arts)
        for key in state.resolved.keys() - res.forms.keys():
            if key in state.forms:
                touched.update(state.forms[key].arts)
        for unit, value in res.units.items():
            if state.resolved_units.get(unit) != value:
                touched.add(unit[1])
        touched.update(aid for _key, aid in state.resolved_units.keys() - res.units.keys())
        position = {eid: i for i, (eid, _row) in enumerate(res.rows)}
        mentions: dict[str, list[Mention]] = {}
        for aid in sorted(touched & corpus.keys()):
            split = splits.get(aid)
            if split is None:
                split = state.split(raw[aid])
            mentions[aid] = linked_mentions(aid, split, res, state.fold, position)
        rows = res.rows
        changed_rows = None if rows == state.entity_rows else rows
        state.resolved, state.resolved_units, state.entity_rows = res.forms, res.units, rows
        state.built, state.dirty = res.built, set()
        return LinkUpdate(res.entities, changed_rows, mentions, fresh, state)

    def _fold_in(
        self,
        store: Store,
        corpus: CorpusView,
        raw: RawMentions,
        state: LinkState,
        keys: Mapping[str, str],
    ) -> tuple[LinkState, set[str], dict[str, list[RawMention]], dict[str, Evidence]]:
        """Take the changed and deleted articles' old versions out of `state` and put the new
        ones in (with the articles whose split of glued names the change alters). Returns the
        state, the articles whose mentions were redone, their split mentions, and the
        evidence computed (by cache key)."""
        from reader.domain.entities.link_state import evidence_with_pieces, split_article

        stale = sorted(aid for aid, k in state.keys.items() if keys.get(aid) != k)
        new = sorted(aid for aid, k in keys.items() if state.keys.get(aid) != k)
        old_raw: dict[str, list[RawMention]] = {}
        for aid in stale:
            got = raw.by_key(state.keys[aid].split(":", 1)[1])
            if got is None:
                raise _Restart()
            old_raw[aid] = got
        wanted = {state.keys[aid] for aid in stale} | {keys[aid] for aid in new}
        cached: dict[str, Evidence] = dict(store.cached_evidence(wanted))
        fresh: dict[str, Evidence] = {}
        cues: dict[str, dict[tuple[str, int, int], str | None]] = {}
        for (aid, fld, start, end), cue in self.cues.items():
            cues.setdefault(aid, {})[(fld, start, end)] = cue

        def evidence(aid: str, key: str, ms: list[RawMention], current: bool) -> Evidence:
            ev = cached.get(key)
            if ev is None:
                ev = fresh.get(key)
            if ev is None and key not in wanted:
                got = store.cached_evidence([key]).get(key)
                if got is not None:
                    ev = cached[key] = got
            if ev is None:
                if not current:
                    raise _Restart()
                ev = fresh[key] = evidence_with_pieces(
                    corpus[aid], ms, cues.get(aid), state.fold
                )
            return ev

        self._check()
        heads: set[str] = set()
        for aid in stale:
            heads.update(state.fold(m.text) for m in old_raw[aid])
        new_raw = {aid: raw[aid] for aid in new}
        for aid in new:
            heads.update(state.fold(m.text) for m in new_raw[aid])
        before: dict[str, Label | None] = {h: state.head_status(h) for h in heads}
        for aid in stale:
            ev = evidence(aid, state.keys[aid], old_raw[aid], False)
            split = state.split(old_raw[aid])
            state.apply(aid, state.contributions(aid, split, ev), -1)
        for aid in stale:
            state.add_raw(aid, old_raw[aid], -1)
            del state.keys[aid]
        for aid in new:
            state.add_raw(aid, new_raw[aid], 1)
        # unchanged articles whose glued names split otherwise now
        moved = {h for h in heads if state.head_status(h) != before[h]}
        redo = set().union(*(state.heads.get(h, ()) for h in moved)) - set(new)

        def old_status(h: str) -> Label | None:
            return before[h] if h in before else state.head_status(h)

        splits: dict[str, list[RawMention]] = {}
        for aid in sorted(redo):
            ms = raw[aid]
            ev = evidence(aid, keys[aid], ms, True)
            old = split_article(ms, state.fold, old_status)
            state.apply(aid, state.contributions(aid, old, ev), -1)
            splits[aid] = state.split(ms)
            state.apply(aid, state.contributions(aid, splits[aid], ev), 1)
        for i, aid in enumerate(new):
            if i % 256 == 0:
                self._check()
            ev = evidence(aid, keys[aid], new_raw[aid], True)
            splits[aid] = state.split(new_raw[aid])
            state.apply(aid, state.contributions(aid, splits[aid], ev), 1)
            state.keys[aid] = keys[aid]
        return state, set(new) | redo, splits, fresh


def _by_id(article_id: str) -> str:
    """Articles in id order (the order a full link reads them in)."""
    return article_id
