"""Extraction: raw mentions from the NER cache (by content), else from spaCy, in worker
processes when there are many articles; committed chunk by chunk."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from reader.domain.model import (
    Article,
    RawMention,
)
from reader.domain.store import Store
from reader.domain.updating.common import (
    NER_BATCH,
    StopCheck,
    check,
)
from reader.domain.updating.corpus_view import CorpusView, RawMentions
from reader.domain.updating.state import UpdaterState

if TYPE_CHECKING:
    from reader.domain.entities.ner import Cues


class ExtractStage(UpdaterState):
    """Finds the raw mentions of every article (new content only is analysed)."""

    def _analyse(
        self, store: Store, corpus: CorpusView
    ) -> tuple[dict[str, list[RawMention]], RawMentions]:
        """Raw mentions for every article: from the cache (read when asked), else from spaCy
        (new content only)."""
        from reader.domain.entities.version import MODEL_VERSION

        keys = self.ner_keys = {aid: corpus.ner_key(aid, MODEL_VERSION) for aid in corpus}
        cached = store.ner_keys_present(set(keys.values()))
        missing = [corpus[aid] for aid, key in sorted(keys.items()) if key not in cached]
        fresh: dict[str, list[RawMention]] = {}
        if missing:
            self.say("finding entities", 0, len(missing))
            workers = _ner_workers(len(missing))
            if workers > 1:
                self._check()
                self.pool = _ner_pool(workers)
            for chunk, results, cues in _extract_chunks(missing, self.should_stop, self.pool):
                if self.pool is not None and self.changed and self.passages_job is None:
                    # queued after every extraction task: the first worker done with them
                    # finds the shared passages (they need only the texts) while this process
                    # links and indexes
                    texts = {aid: corpus[aid].text for aid in corpus}
                    from reader.domain.updating.passages import passages_worker

                    self.passages_job = self.pool.apply_async(
                        passages_worker, (set(self.changed), texts)
                    )
                    self.pool.close()
                for article, ms, article_cues in zip(chunk, results, cues, strict=True):
                    fresh[keys[article.id]] = list(ms)
                    self.cues.update(
                        ((article.id, *where), cue) for where, cue in article_cues.items()
                    )
                # checkpoint: the cache is keyed by content, so a chunk's results are valid
                # whatever happens next; a build killed later resumes after this chunk
                with store.transaction():
                    for article in chunk:
                        store.put_ner(keys[article.id], fresh[keys[article.id]])
                self.say("finding entities", len(fresh), len(missing))
            self.say("finding entities", len(missing), len(missing))
            self.report.analysed = len(missing)
        return fresh, RawMentions(store, keys, fresh)


#: Fewest articles to analyse for which extraction runs in worker processes (each loads the
#: model, ~5 s, in parallel; below this one process is faster).
NER_POOL_MIN = 150
#: Articles per task sent to a worker process (small enough that the last tasks leave neither
#: worker idle for long).
NER_CHUNK = 16

_worker_extractor: Any = None


def _ner_worker_init() -> None:
    """Load the model in a worker process (in parallel with the other workers). Ctrl-C is
    left to the parent, which stops the pool: a worker killed by it mid-task would be
    replaced and its task never finished, leaving the parent waiting."""
    global _worker_extractor
    import signal

    from reader.domain.entities.ner import Extractor

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    # the pool starts its workers with one BLAS thread (see `_extract_chunks`)
    _worker_extractor = Extractor(numpy_gemm=True)
    _ = _worker_extractor.nlp


def _ner_worker(chunk: list[Article]) -> tuple[list[list[RawMention]], list[Cues]]:
    """Extract the raw mentions of a chunk of articles in a worker process, with their label
    cues."""
    cues: list[Cues] = []
    found = _worker_extractor.extract(chunk, batch_size=NER_BATCH, cues=cues)
    return [list(ms) for ms in found], cues


_NER_MODULE = "reader.domain.entities.ner"


def _real_extractor(cls: Any) -> bool:
    """`cls` is the project's spaCy `Extractor`, not a test double put in its place."""
    return getattr(cls, "__module__", "") == _NER_MODULE


def _ner_workers(count: int) -> int:
    """Worker processes for extracting `count` articles (1: in this process)."""
    from reader.domain.entities import ner

    real = _real_extractor(ner.Extractor)
    cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    if not real or count < NER_POOL_MIN or (cpus or 1) < 2:
        return 1
    return min(cpus or 1, 4)


@contextmanager
def _one_blas_thread() -> Iterator[None]:
    """Processes started inside the block run numpy's BLAS on one thread: each extraction
    worker has a core of its own, and a threaded BLAS would spin on every small product."""
    saved = {name: os.environ.get(name) for name in _BLAS_THREADS}
    os.environ.update(dict.fromkeys(_BLAS_THREADS, "1"))
    try:
        yield
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


_BLAS_THREADS = ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS")


def _ner_pool(workers: int) -> Any:
    """A pool of `workers` extraction processes (each loads the model as it starts). The
    caller terminates it."""
    import multiprocessing

    ctx = multiprocessing.get_context("spawn")  # no fork of a threaded process
    with _one_blas_thread():
        return ctx.Pool(workers, initializer=_ner_worker_init)


def _extract_chunks(
    articles: list[Article], should_stop: StopCheck | None, pool: Any = None
) -> Iterator[tuple[list[Article], list[list[RawMention]], list[Cues]]]:
    """Raw mentions of `articles` and their label cues, chunk by chunk, in order.

    Many articles go to a `pool` of worker processes (`_ner_pool`), each running the whole
    extraction (spaCy NER, then the repair rules and their part-of-speech checks) on its
    chunks, so that both cores work all the time (spaCy's own `n_process` parallelises only
    the NER component and leaves the repair rules serial). Without a pool (few articles, or
    a test double) they run here."""
    chunks = [articles[i : i + NER_CHUNK] for i in range(0, len(articles), NER_CHUNK)]
    if pool is None:
        from reader.domain.entities.ner import Extractor

        extractor = Extractor()
        # a test double reports no cues: linking computes them
        real = _real_extractor(type(extractor))
        for chunk in chunks:
            check(should_stop)
            cues: list[Cues] = []
            if real:
                found = extractor.extract(chunk, batch_size=NER_BATCH, cues=cues)
            else:
                found, cues = extractor.extract(chunk, batch_size=NER_BATCH), [{} for _ in chunk]
            yield chunk, found, cues
        return
    check(should_stop)
    for chunk, (found, cues) in zip(chunks, pool.imap(_ner_worker, chunks), strict=True):
        check(should_stop)
        yield chunk, found, cues
