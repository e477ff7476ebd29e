"""Shared passages: the passage index kept between updates checks only new or changed articles."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING

from reader.domain.model import (
    SharedPassage,
)
from reader.domain.store import Store
from reader.domain.updating.common import (
    Cancelled,
)
from reader.domain.updating.corpus_view import CorpusView
from reader.domain.updating.state import UpdaterState

if TYPE_CHECKING:
    from reader.domain.xref.passages import PassageIndex


class PassagesStage(UpdaterState):
    """Finds the shared passages of the pairs touching a changed article."""

    def _passages(
        self, store: Store, corpus: CorpusView
    ) -> tuple[set[str], dict[tuple[str, str], list[SharedPassage]]]:
        """Shared passages of every pair touching a changed article, found with the passage
        index kept on disk from the last update (only new or changed texts are tokenised;
        deleted articles are dead in it); the index to keep is left in `self.passage_store`
        (written before the commit, which records its token)."""
        touched = set(self.changed) | self.removed
        if not self.changed:
            # deleting only drops stored pairs; the kept index finds the deleted articles
            # dead when it is next used (their content hashes are gone)
            return touched, {}
        from reader.domain.xref.passage_store import META_KEY, PassageStore
        from reader.domain.xref.passages import PassageIndex, PassagesCancelled, passages_for

        hashes = {aid: corpus.content_hash(aid) for aid in corpus}
        self._check()
        if self.passages_job is not None:
            self.say("finding shared passages", 0, 1)
            while not self.passages_job.ready():
                self.passages_job.wait(0.1)
                self._check()
            self.say("finding shared passages", 1, 1)
            found, index = self.passages_job.get()
            self.passage_store = PassageStore.create(self.index_dir, index, hashes)
            return touched, found
        kept = PassageStore.load(self.index_dir, store.get_meta(META_KEY))
        if kept is not None:
            self.say("finding shared passages", 0, len(self.changed))
            kept.refresh(hashes, lambda aid: corpus[aid].text, self.changed)
            pairs = kept.pairs(self.changed, self._check)
            self.passage_store = kept
            self.say("finding shared passages", len(self.changed), len(self.changed))
            return touched, pairs
        index = PassageIndex()
        try:
            found = passages_for(
                set(self.changed),
                _Texts(corpus),
                progress=lambda d, t: self.say("finding shared passages", d, t),
                should_stop=self.should_stop,
                index=index,
            )
        except PassagesCancelled as exc:
            raise Cancelled() from exc
        self.passage_store = PassageStore.create(self.index_dir, index, hashes)
        return touched, {k: list(v) for k, v in found.items()}


class _Texts(Mapping[str, str]):
    """The texts of the corpus, each decoded when asked (the kept index holds the others)."""

    def __init__(self, corpus: CorpusView) -> None:
        self.corpus = corpus

    def __getitem__(self, article_id: str) -> str:
        return self.corpus[article_id].text

    def __iter__(self) -> Iterator[str]:
        return iter(self.corpus)

    def __len__(self) -> int:
        return len(self.corpus)

    def __contains__(self, article_id: object) -> bool:
        return article_id in self.corpus


def passages_worker(
    changed: set[str], texts: dict[str, str]
) -> tuple[dict[tuple[str, str], list[SharedPassage]], PassageIndex]:
    """`passages_for` in an extraction worker (no progress, no cancellation: the pool is
    terminated instead), with the index it built (kept for the next update)."""
    from reader.domain.xref.passages import PassageIndex, passages_for

    index = PassageIndex()
    found = passages_for(changed, texts, index=index)
    return {k: list(v) for k, v in found.items()}, index
