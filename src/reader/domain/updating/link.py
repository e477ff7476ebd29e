"""Linking: what linking reads around each mention comes from the store's cache for unchanged
content; the corpus is then linked as a whole (the same result as linking from nothing)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from reader.domain.model import (
    Article,
    RawMention,
)
from reader.domain.store import Store
from reader.domain.updating.common import (
    corrections_path,
)
from reader.domain.updating.state import UpdaterState

if TYPE_CHECKING:
    from reader.domain.entities.linking import Evidence, LinkResult


class LinkStage(UpdaterState):
    """Links the corpus."""

    def _link(
        self, store: Store, corpus: dict[str, Article], raw: dict[str, list[RawMention]]
    ) -> tuple[LinkResult, dict[str, Evidence]]:
        """Link the corpus; what linking reads around each mention (its label cue, its line's
        case) comes from the store's cache for unchanged content and is computed for the rest
        (returned, by cache key, to be stored with the links)."""
        from reader.domain.entities.corrections import Corrections
        from reader.domain.entities.linking import EVIDENCE_VERSION, link, mention_evidence

        self._check()
        self.say("linking entities", 0, 0)
        keys = self.evidence_keys = {
            aid: f"{EVIDENCE_VERSION}:{self.ner_keys[aid]}" for aid in corpus
        }
        cached = store.cached_evidence(set(keys.values()))
        fresh_cues: dict[str, dict[tuple[str, int, int], str | None]] = {}
        for (aid, fld, start, end), cue in self.cues.items():
            fresh_cues.setdefault(aid, {})[(fld, start, end)] = cue
        evidence: dict[str, Evidence] = {}
        fresh: dict[str, Evidence] = {}
        for aid in sorted(corpus):
            ev = cached.get(keys[aid])
            if ev is None:
                ev = fresh[keys[aid]] = mention_evidence(
                    corpus[aid], raw.get(aid, ()), fresh_cues.get(aid)
                )
            evidence[aid] = ev
        corrections, corr_problems = Corrections.load(corrections_path(self.paths))
        linked = link([corpus[a] for a in sorted(corpus)], raw, corrections, self.cues, evidence)
        self.report.notices.extend(
            f"corrections: {p}" for p in (*corr_problems, *corrections.unresolved)
        )
        return linked, fresh
