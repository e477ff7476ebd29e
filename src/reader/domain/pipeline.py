"""Bring a corpus index up to date, incrementally, and open it as a `Library`.

`update()` is the only writer. It stats every file and re-reads only new or changed ones, runs
spaCy only on content it has not analysed before (cache keyed by content hash and model
version), re-links the corpus (cheap), sends Whoosh only the documents whose text or entity
terms changed, and recomputes shared passages only for pairs touching a changed article.
Writers are serialised by a lock file; readers never wait.
"""

from __future__ import annotations

import fcntl
import hashlib
import os
import shutil
import time
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from reader.domain import stat_cache
from reader.domain.discovery import SourceFile
from reader.domain.discovery import unreadable_roots as discover_roots
from reader.domain.faults import CorpusUnreadable, unwritable
from reader.domain.faults import IndexUnwritable as IndexUnwritable  # re-exported
from reader.domain.library import LazySearcher, Library, Searcher
from reader.domain.model import (
    Article,
    Entity,
    Mention,
    Problem,
    RawMention,
    SearchResult,
    SharedPassage,
)
from reader.domain.paths import config_dir, corpus_key
from reader.domain.sanitize import sanitize_inline
from reader.domain.store import FileEntry, Store, StoreCorrupt, StoreReader, StoreUnwritable

if TYPE_CHECKING:
    from reader.domain.entities.linking import LinkResult
    from reader.domain.entities.ner import Cues
    from reader.domain.quotes.types import RawQuote
    from reader.domain.search import IndexDoc, SearchIndex

Progress = Callable[[str, int, int], None]
StopCheck = Callable[[], bool]

PIPELINE_VERSION = "1"
STORE_NAME = "store.sqlite"
SEARCH_DIR = "search"
LOCK_NAME = "writer.lock"
NER_BATCH = 32
#: Fewest articles in one file for which reading it reports progress record by record.
RECORD_PROGRESS_MIN = 500


class Cancelled(Exception):
    """The caller asked `update()` to stop; what was committed stays valid."""


@dataclass
class UpdateReport:
    """What an `update()` did, for the `reader index` summary and the app's notices."""

    added: int = 0
    changed: int = 0
    removed: int = 0
    unchanged: int = 0
    analysed: int = 0
    problems: list[Problem] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def nothing_changed(self) -> bool:
        """True when no article was added, changed or removed."""
        return not (self.added or self.changed or self.removed)

    def summary(self) -> str:
        """One line for a log or a non-terminal stderr."""
        return (
            f"{self.added} added, {self.changed} changed, {self.removed} removed, "
            f"{self.unchanged} unchanged, {len(self.problems)} skipped "
            f"({self.analysed} analysed) in {self.seconds:.2f} s"
        )


def corrections_path(paths: Sequence[Path]) -> Path:
    """The user's entity corrections file for this corpus (in the config dir, never the corpus)."""
    return config_dir() / "corrections" / f"{corpus_key(list(paths))}.txt"


def _versions(paths: Sequence[Path]) -> dict[str, str]:
    from reader.domain.config_files import ConfigFileError, read_config_bytes
    from reader.domain.entities.version import MODEL_VERSION
    from reader.domain.quotes.version import QUOTES_VERSION
    from reader.domain.versions import CLEANING_VERSION, SEARCH_SCHEMA_VERSION

    try:  # a FIFO or a link to /dev/zero must not hang or fill memory (issue 14.12)
        corr = read_config_bytes(corrections_path(paths))
        corr_sig = "none" if corr is None else hashlib.sha256(corr).hexdigest()
    except ConfigFileError:
        corr_sig = "unreadable"
    return {
        "pipeline": PIPELINE_VERSION,
        "cleaning": str(CLEANING_VERSION),
        "extraction": MODEL_VERSION,
        "search_schema": str(SEARCH_SCHEMA_VERSION),
        "quotes": QUOTES_VERSION,
        "corrections": corr_sig,
    }


def _store_files(index_dir: Path) -> list[Path]:
    """The store database and its WAL companions."""
    path = index_dir / STORE_NAME
    return [Path(str(path) + suffix) for suffix in ("", "-wal", "-shm")]


def _discard_store(index_dir: Path) -> None:
    """Move a damaged store (and its WAL files) aside as ``*.corrupt``."""
    for stale in _store_files(index_dir):
        if stale.exists():
            stale.replace(Path(str(stale) + ".corrupt"))


def _open_store(
    index_dir: Path,
    notices: list[str] | None = None,
    *,
    shared: bool = False,
    check: bool = True,
    read_only_ok: bool = False,
) -> Store:
    """Open the store, moving a damaged one aside (and starting afresh); with
    `read_only_ok`, a store that cannot be written (full disk, read-only file system) is
    opened read-only instead of failing with `StoreUnwritable`."""
    path = index_dir / STORE_NAME
    try:
        return Store(path, shared=shared, check=check)
    except StoreUnwritable:
        if not read_only_ok:
            raise
        return Store(path, shared=shared, check=check, readonly=True)
    except StoreCorrupt as exc:
        _discard_store(index_dir)
        if notices is not None:
            notices.append(f"The index store was unreadable ({exc}); rebuilt it.")
        return Store(path, shared=shared, check=check)


@contextmanager
def writer_lock(index_dir: Path, progress: Progress | None = None) -> Iterator[None]:
    """Hold the corpus's writer lock; waits (and says so) while another process indexes."""
    index_dir.mkdir(parents=True, exist_ok=True)
    fd = os.open(index_dir / LOCK_NAME, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            if progress:
                progress("waiting for another reader process to finish indexing", 0, 0)
            fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        fcntl.flock(fd, fcntl.LOCK_UN)
        os.close(fd)


def _scan(paths: Sequence[Path]) -> tuple[dict[str, tuple[SourceFile, str]], list[Problem]]:
    """Stat the corpus: absolute path → (SourceFile, article id of the file)."""
    from reader.domain.discovery import discover
    from reader.domain.ids import assign_ids

    files, problems = discover(list(paths))
    ids = assign_ids(files)
    return {src.file: (src, ids[src.file]) for src in files}, problems


def _unchanged(entry: FileEntry | None, src: SourceFile, file_id: str) -> bool:
    return (
        entry is not None
        and (entry.size, entry.mtime_ns) == (src.size, src.mtime_ns)
        and entry.file_id == file_id
    )


def is_current(paths: Sequence[Path], index_dir: Path, *, verify_search: bool = True) -> bool:
    """True when the index holds exactly the corpus as it is now (stat calls only).

    The store is read without its page check, which is for those who read articles from it
    (`open_library`, `update`). With `verify_search` the search index is opened and its files
    checked; without it (`reader search`, which opens the index next and rebuilds it if it
    turns out damaged) only its version file and table of contents are looked at.
    """
    store_path = index_dir / STORE_NAME
    search_dir = index_dir / SEARCH_DIR
    if not store_path.exists() or not _search_index_present(search_dir):
        return False
    try:
        store = Store(store_path, check=False)
    except StoreUnwritable:  # a full disk or a read-only index: read it as it is
        try:
            store = Store(store_path, check=False, readonly=True)
        except (StoreCorrupt, StoreUnwritable):
            return False
    except StoreCorrupt:
        return False
    try:
        if store.get_meta("complete") != "1":
            return False
        for key, value in _versions(paths).items():
            if store.get_meta(f"version:{key}") != value:
                return False
        recorded = store.file_stats()
        if not stat_cache.still_current(index_dir, paths, recorded):
            walk, ids, taken = stat_cache.scan(paths)
            found = {src.file: (src, ids[src.file]) for src in walk.files}
            if found.keys() != recorded.keys():
                return False
            if any(
                recorded[name] != (src.size, src.mtime_ns, fid)
                for name, (src, fid) in found.items()
            ):
                return False
            stat_cache.remember(index_dir, paths, walk, taken)
    except StoreCorrupt:
        return False
    finally:
        store.close()
    return not verify_search or _search_index_opens(search_dir)


def _search_index_present(directory: Path) -> bool:
    """The search index's version file says this program's schema and a table of contents
    exists (no Whoosh import: a cheap first look)."""
    from reader.domain.versions import SEARCH_SCHEMA_VERSION, SEARCH_VERSION_FILE

    try:
        version = (directory / SEARCH_VERSION_FILE).read_text(encoding="ascii").strip()
        names = os.listdir(directory)
    except (OSError, UnicodeDecodeError):
        return False
    return version == str(SEARCH_SCHEMA_VERSION) and any(n.endswith(".toc") for n in names)


def _search_index_opens(directory: Path) -> bool:
    """True when the search index opens and its files read (missing, other schema version,
    truncated or damaged files: False, so that `update()` rebuilds it)."""
    from reader.domain.search import SearchError, SearchIndex

    try:
        SearchIndex.open(directory).close()
    except SearchError:
        return False
    return True


def _ner_key(article: Article, version: str) -> str:
    """Cache key of an article's raw mentions: everything extraction depends on."""
    shape = f"{int(article.title_derived)}:{article.paragraphs}"
    payload = f"{version}\0{shape}\0{article.title}\0{article.text}"
    payload_bytes = payload.encode("utf-8", "surrogatepass")
    return hashlib.sha256(payload_bytes).hexdigest()


def _check(should_stop: StopCheck | None) -> None:
    if should_stop is not None and should_stop():
        raise Cancelled()


def update(
    paths: Sequence[Path],
    index_dir: Path,
    *,
    progress: Progress | None = None,
    should_stop: StopCheck | None = None,
    rebuild: bool = False,
    rebuild_search: bool = False,
) -> UpdateReport:
    """Bring the index of `paths` up to date; returns what changed. Blocking; run in a worker.

    `rebuild` starts from nothing; `rebuild_search` rebuilds only the search index (for a
    search index found damaged while querying it). A store found damaged while it is read is
    moved aside and rebuilt, with a notice. Raises `Cancelled` when `should_stop()` turns
    true; nothing half-done is committed (but the extraction of every finished chunk is).
    Raises `IndexUnwritable` when the index cannot be written (full disk, read-only file
    system): the index stays as it was, readable, and the next update resumes; and
    `CorpusUnreadable` when a corpus path cannot be read at all (nothing is removed)."""
    unreadable = discover_roots(list(paths))
    if unreadable:
        raise CorpusUnreadable(
            "; ".join(f"cannot read {p.path}: {p.reason}" for p in unreadable)
            + " (the index is kept as it was)"
        )
    try:
        with writer_lock(index_dir, progress):
            if rebuild_search and not rebuild:
                shutil.rmtree(index_dir / SEARCH_DIR, ignore_errors=True)
            try:
                return _Updater(list(paths), index_dir, progress, should_stop).run(rebuild)
            except StoreCorrupt as exc:
                _discard_store(index_dir)
                updater = _Updater(list(paths), index_dir, progress, should_stop)
                updater.report.notices.append(f"The index store was damaged ({exc}); rebuilt it.")
                return updater.run(False)
    except (StoreUnwritable, OSError) as exc:
        failed_write = unwritable(index_dir, exc)
        if failed_write is None:
            raise
        raise failed_write from exc


class _Updater:
    """One run of `update()`, step by step (scan, read, analyse, link, index, passages, commit)."""

    def __init__(
        self,
        paths: list[Path],
        index_dir: Path,
        progress: Progress | None,
        should_stop: StopCheck | None,
    ) -> None:
        self.paths = paths
        self.index_dir = index_dir
        self.say: Progress = progress or (lambda stage, done, total: None)
        self.should_stop = should_stop
        self.report = UpdateReport()
        self.changed: dict[str, Article] = {}
        self.removed: set[str] = set()
        #: every file is read again (the cleaning rules changed): no stored article is kept
        self.reread_all = False
        self.file_rows: list[tuple[str, FileEntry]] = []
        #: True when the search index could not be written (another program held its lock).
        self.search_pending = False
        #: the extraction workers (terminated when the run ends) and, when they run it, the
        #: shared-passage search
        self.pool: Any = None
        self.passages_job: Any = None
        #: label cues of the mentions just extracted, by (article id, field, start, end)
        self.cues: dict[tuple[str, str, int, int], str | None] = {}

    def run(self, rebuild: bool) -> UpdateReport:
        started = time.perf_counter()
        if rebuild:
            shutil.rmtree(self.index_dir / SEARCH_DIR, ignore_errors=True)
            for path in _store_files(self.index_dir):
                path.unlink(missing_ok=True)
        store = _open_store(self.index_dir, self.report.notices)
        try:
            self._run(store)
        finally:
            store.close()
            if self.pool is not None:
                self.pool.terminate()
                self.pool.join()
        self.report.seconds = time.perf_counter() - started
        self.say("done", 1, 1)
        return self.report

    def _run(self, store: Store) -> None:
        versions = _versions(self.paths)
        stale = {k for k, v in versions.items() if store.get_meta(f"version:{k}") != v}
        reread_all = self.reread_all = bool(stale & {"pipeline", "cleaning"})
        self.say("scanning", 0, 0)
        found, problems = _scan(self.paths)
        recorded = store.manifest()
        manifest = {} if reread_all else recorded
        stored = store.articles()
        self._read_files(found, manifest, stored)
        gone = recorded.keys() - found.keys()
        rows = dict(self.file_rows)
        kept_ids = {aid for name in found for aid in (rows.get(name) or manifest[name]).ids}
        # whatever is stored but no longer produced by a file: deleted files, articles a
        # changed file no longer holds, ids that moved
        self.removed = set(stored) - kept_ids - set(self.changed)
        self.report.removed = len(self.removed)
        for name in sorted(found):
            entry = rows.get(name) or manifest[name]
            problems.extend(Problem(path, reason) for path, reason in entry.problems)
        self.report.problems = problems

        corpus = {k: v for k, v in stored.items() if k not in self.removed}
        corpus.update(self.changed)
        _fresh, raw = self._analyse(store, corpus)  # committed chunk by chunk
        quotes = self._quotes(store, corpus, raw)
        linked = self._link(corpus, raw)
        terms_after = self._index(store, corpus, linked, "search_schema" in stale)
        touched, passages = self._passages(corpus)

        self._check()
        with store.transaction():
            for aid in self.removed:
                store.delete_article(aid)
            for name in gone:
                store.delete_file(name)
            for article in self.changed.values():
                store.put_article(article, article.path)
            for aid, (qkey, qs) in quotes.items():
                store.put_quotes(aid, qkey, qs)
            for name, entry in self.file_rows:
                store.put_file(name, entry)
            store.replace_links(linked.entities, linked.mentions)
            for aid, th in terms_after.items():
                store.set_terms_hash(aid, th)
            store.replace_passages(touched, passages)
            store.replace_problems(problems)
            for key, value in versions.items():
                store.set_meta(f"version:{key}", value)
            store.set_meta("complete", "0" if self.search_pending else "1")

    def _check(self) -> None:
        _check(self.should_stop)

    def _read_files(
        self,
        found: dict[str, tuple[SourceFile, str]],
        manifest: dict[str, FileEntry],
        stored: dict[str, Article],
    ) -> None:
        from reader.domain.corpus import articles_from_bytes
        from reader.domain.discovery import FileRefused, display_path, read_bytes_safely

        names = sorted(found)
        for i, name in enumerate(names):
            self._check()
            src, file_id = found[name]
            old = manifest.get(name)
            if old is not None and _unchanged(old, src, file_id) and set(old.ids) <= stored.keys():
                self.report.unchanged += len(old.ids)
                continue
            self.say("reading", i + 1, len(names))
            try:
                data = read_bytes_safely(src)
            except OSError as exc:
                reason = (
                    exc.reason
                    if isinstance(exc, FileRefused)
                    else (f"cannot read: {exc.strerror or exc}")
                )
                shown = display_path(src.path)
                self.file_rows.append(
                    (name, FileEntry(src.size, src.mtime_ns, "", file_id, [], [(shown, reason)]))
                )
                continue
            digest = hashlib.sha256(data).hexdigest()
            if (
                old is not None
                and old.digest == digest
                and old.file_id == file_id
                and all(a in stored for a in old.ids)
            ):
                self.file_rows.append(
                    (
                        name,
                        FileEntry(src.size, src.mtime_ns, digest, file_id, old.ids, old.problems),
                    )
                )
                self.report.unchanged += len(old.ids)
                continue
            shown = display_path(src.path)
            articles, file_problems = articles_from_bytes(
                data, src.name, file_id, shown, progress=self._record_progress(src.name)
            )
            ids = [a.id for a in articles]
            for article in articles:
                before = stored.get(article.id)
                if (
                    before is not None
                    and not self.reread_all
                    and (before.content_hash, before.path) == (article.content_hash, article.path)
                ):
                    # a record of a multi-article file that did not change (another one did)
                    self.report.unchanged += 1
                    continue
                self.changed[article.id] = article
                if before is not None:
                    self.report.changed += 1
                else:
                    self.report.added += 1
            self.file_rows.append(
                (
                    name,
                    FileEntry(
                        src.size,
                        src.mtime_ns,
                        digest,
                        file_id,
                        ids,
                        [(p.path, p.reason) for p in file_problems],
                    ),
                )
            )

    def _record_progress(self, name: str) -> Callable[[int, int], None]:
        """Progress of the records of one multi-article file (said every 250 records, and
        checks for cancellation as often)."""
        stage = f"reading {sanitize_inline(name)}"

        def report(done: int, total: int) -> None:
            if total >= RECORD_PROGRESS_MIN and (done % 250 == 1 or done == total):
                self._check()
                self.say(stage, done, total)

        return report

    def _analyse(
        self, store: Store, corpus: dict[str, Article]
    ) -> tuple[dict[str, list[RawMention]], dict[str, list[RawMention]]]:
        """Raw mentions for every article: from the cache, else from spaCy (new content only)."""
        from reader.domain.entities.version import MODEL_VERSION

        keys = {aid: _ner_key(a, MODEL_VERSION) for aid, a in corpus.items()}
        cached = store.cached_ner(set(keys.values()))
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
                    texts = {aid: a.text for aid, a in corpus.items()}
                    self.passages_job = self.pool.apply_async(
                        _passages_worker, (set(self.changed), texts)
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
        raw = {aid: cached.get(key) or fresh.get(key, []) for aid, key in keys.items()}
        return fresh, raw

    def _quotes(
        self, store: Store, corpus: dict[str, Article], raw: dict[str, list[RawMention]]
    ) -> dict[str, tuple[str, list[RawQuote]]]:
        """Quotations of every article whose text, mentions or quote rules changed (regular
        expressions on the text and its raw mentions: no model)."""
        from reader.domain.entities.version import MODEL_VERSION
        from reader.domain.quotes.extract import extract_quotes
        from reader.domain.quotes.version import QUOTES_VERSION

        self._check()
        stored = store.quote_keys()
        out: dict[str, tuple[str, list[RawQuote]]] = {}
        for aid, article in corpus.items():
            key = f"{QUOTES_VERSION}:{_ner_key(article, MODEL_VERSION)}"
            if stored.get(aid) != key:
                out[aid] = (key, extract_quotes(article, raw.get(aid, [])))
        return out

    def _link(self, corpus: dict[str, Article], raw: dict[str, list[RawMention]]) -> LinkResult:
        from reader.domain.entities.corrections import Corrections
        from reader.domain.entities.linking import link

        self._check()
        self.say("linking entities", 0, 0)
        corrections, corr_problems = Corrections.load(corrections_path(self.paths))
        linked = link([corpus[a] for a in sorted(corpus)], raw, corrections, self.cues)
        self.report.notices.extend(
            f"corrections: {p}" for p in (*corr_problems, *corrections.unresolved)
        )
        return linked

    def _index(
        self, store: Store, corpus: dict[str, Article], linked: LinkResult, schema_changed: bool
    ) -> dict[str, str]:
        """Send Whoosh the documents whose text or entity terms changed; return terms hashes."""
        from reader.domain.search import IndexBusy, IndexCorrupt, SearchIndex

        self._check()
        terms_before = store.terms_hashes()
        terms_after: dict[str, str] = {}
        terms_of: dict[str, list[str]] = {}
        for aid in corpus:
            terms = entity_terms(linked.mentions.get(aid, []))
            terms_of[aid] = terms
            terms_after[aid] = hashlib.sha256("\n".join(terms).encode()).hexdigest()
        directory = self.index_dir / SEARCH_DIR
        try:
            try:
                self._send(
                    SearchIndex.open_or_create(directory),
                    corpus,
                    terms_of,
                    terms_before,
                    terms_after,
                    schema_changed,
                )
            except IndexCorrupt as exc:  # damage found only now (Whoosh has no checksums)
                self._check()
                self.report.notices.append(f"The search index was damaged ({exc}); rebuilt it.")
                self._send(
                    SearchIndex.create(directory, reason=str(exc)),
                    corpus,
                    terms_of,
                    terms_before,
                    terms_after,
                    schema_changed,
                )
        except IndexBusy:
            # Every writer of ours holds the writer lock first: this is a foreign program.
            self.search_pending = True
            self.report.notices.append(
                "The search index is locked by another program; search may miss the latest "
                "changes until the next update."
            )
            return {aid: h for aid, h in terms_before.items() if h is not None and aid in corpus}
        return terms_after

    def _send(
        self,
        index: SearchIndex,
        corpus: dict[str, Article],
        terms_of: dict[str, list[str]],
        terms_before: Mapping[str, str | None],
        terms_after: dict[str, str],
        schema_changed: bool,
    ) -> None:
        """Send `index` the documents that are missing, stale or changed; delete the others.

        A document is stale when its stored content hash differs from the article's, which
        also repairs an index left ahead of (or behind) the store by a killed process."""
        try:
            if index.needs_rebuild:
                self.report.notices.append(f"The search index was rebuilt ({index.rebuilt}).")
            indexed = index.doc_hashes()
            send = {
                aid
                for aid in corpus
                if aid in self.changed
                or aid not in indexed
                or indexed[aid] != corpus[aid].content_hash
                or terms_before.get(aid) != terms_after[aid]
                or schema_changed
            }
            delete = sorted((indexed.keys() - set(corpus)) | (self.removed & indexed.keys()))
            docs = [_index_doc(corpus[aid], terms_of[aid]) for aid in sorted(send)]
            if docs or delete:
                self.say("indexing", 0, len(docs))
                index.update(docs, delete, progress=lambda d, t: self.say("indexing", d, t))
        finally:
            index.close()

    def _passages(
        self, corpus: dict[str, Article]
    ) -> tuple[set[str], dict[tuple[str, str], list[SharedPassage]]]:
        """Shared passages of every pair touching a changed article."""
        from reader.domain.xref.passages import PassagesCancelled, passages_for

        touched = set(self.changed) | self.removed
        if not self.changed:
            return touched, {}
        self._check()
        if self.passages_job is not None:
            self.say("finding shared passages", 0, 1)
            while not self.passages_job.ready():
                self.passages_job.wait(0.1)
                self._check()
            self.say("finding shared passages", 1, 1)
            return touched, self.passages_job.get()
        texts = {aid: a.text for aid, a in corpus.items()}
        try:
            found = passages_for(
                set(self.changed),
                texts,
                progress=lambda d, t: self.say("finding shared passages", d, t),
                should_stop=self.should_stop,
            )
        except PassagesCancelled as exc:
            raise Cancelled() from exc
        return touched, {k: list(v) for k, v in found.items()}


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
            _check(should_stop)
            cues: list[Cues] = []
            if real:
                found = extractor.extract(chunk, batch_size=NER_BATCH, cues=cues)
            else:
                found, cues = extractor.extract(chunk, batch_size=NER_BATCH), [{} for _ in chunk]
            yield chunk, found, cues
        return
    _check(should_stop)
    for chunk, (found, cues) in zip(chunks, pool.imap(_ner_worker, chunks), strict=True):
        _check(should_stop)
        yield chunk, found, cues


def _passages_worker(
    changed: set[str], texts: dict[str, str]
) -> dict[tuple[str, str], list[SharedPassage]]:
    """`passages_for` in an extraction worker (no progress, no cancellation: the pool is
    terminated instead)."""
    from reader.domain.xref.passages import passages_for

    return {k: list(v) for k, v in passages_for(changed, texts).items()}


def entity_terms(mentions: Sequence[Mention]) -> list[str]:
    """The `entity` search field of an article: the id of every entity it mentions and the
    names it uses for them. Other aliases are resolved to ids at query time, so a new alias
    elsewhere in the corpus does not make this article's document change."""
    terms: set[str] = set()
    for m in mentions:
        terms.add(m.entity)
        terms.add(m.text)
    return sorted(terms)


def _index_doc(article: Article, terms: list[str]) -> IndexDoc:
    from reader.domain.search import IndexDoc

    return IndexDoc(
        id=article.id,
        path=article.path,
        title=article.title,
        date=article.date,
        source=article.source,
        text=article.text,
        entity_terms=terms,
        content_hash=article.content_hash,
    )


def open_library(paths: Sequence[Path], index_dir: Path, *, verify: bool = True) -> Library:
    """Open the stored index of `paths` as a `Library` (no spaCy import, no writes but a
    store upgrade).

    Only what the list of articles needs is read now; texts, mentions and passages are read
    when asked for, from a snapshot of the store taken here (an `update()` running meanwhile
    does not change what this library shows). `verify` first checks the store's structure and
    that every stored row reads (`StoreCorrupt` if not); without it, call `library.verify()`
    later. Close the library (`library.close()`) when it is replaced."""
    reader = StoreReader(_open_store(index_dir, shared=True, check=False, read_only_ok=True))
    try:
        if verify:
            reader.verify()
        library = Library.from_source(
            reader, reader.headers(), reader.entities(), reader.problems()
        )
    except BaseException:
        reader.close()
        raise
    search_dir = index_dir / SEARCH_DIR
    if search_dir.exists():
        entities = library.entities

        def open_searcher() -> Searcher:
            from reader.domain.search import SearchIndex

            index = SearchIndex.open(search_dir)
            resolver = EntityResolver(entities.values())
            return lambda query, limit: index.search(
                query, limit, entity_id=resolver, entity_names=resolver.names
            )

        library.searcher = LazySearcher(open_searcher)
    return library


class EntityResolver:
    """Maps a queried entity name (an `entity_term`) to the id of the entity bearing it."""

    def __init__(self, entities: Iterable[Entity]) -> None:
        from reader.domain.search.analysis import entity_term

        self._ids: dict[str, str] = {}
        self._names: dict[str, list[str]] = {}
        for ent in entities:
            self._names[ent.id] = [ent.name, *ent.aliases]
            for name in (ent.id, ent.name, *ent.aliases):
                self._ids.setdefault(entity_term(name), ent.id)

    def __call__(self, term: str) -> str | None:
        return self._ids.get(term)

    def names(self, entity_id: str) -> list[str]:
        """The entity's name and aliases (its matches in a search hit)."""
        return self._names.get(entity_id, [])


@dataclass
class SearchOnly:
    """Just enough of a `Library` to answer queries, opened without loading the articles
    (titles, texts and snippets come from the search index's stored fields)."""

    index_dir: Path
    notices: list[str] = field(default_factory=list)

    def search(self, query: str, limit: int = 20) -> SearchResult:
        """Run a query (see `SearchIndex.search`); `entity:` names resolve through the store."""
        from reader.domain.search import SearchIndex

        resolver: EntityResolver | None = None
        if "entity:" in query.casefold():
            store = _open_store(self.index_dir, read_only_ok=True)
            try:
                resolver = EntityResolver(store.entities().values())
            finally:
                store.close()
        with SearchIndex.open(self.index_dir / SEARCH_DIR) as index:
            return index.search(
                query,
                limit,
                entity_id=resolver,
                entity_names=resolver.names if resolver is not None else None,
            )


def open_search(index_dir: Path) -> SearchOnly:
    """Open only the search side of an index (for `reader search`: no articles loaded)."""
    return SearchOnly(index_dir)
