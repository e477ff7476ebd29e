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
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from reader.domain.model import Article, Problem, RawMention
from reader.domain.paths import bundled_seeds, config_dir, corpus_key
from reader.domain.store import Store, StoreCorrupt

Progress = Callable[[str, int, int], None]
StopCheck = Callable[[], bool]

PIPELINE_VERSION = "1"
STORE_NAME = "store.sqlite"
SEARCH_DIR = "search"
LOCK_NAME = "writer.lock"
NER_BATCH = 32


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


def display_path(path: Path) -> str:
    """How a file is named in exports and the UI: relative to the cwd, or `seeds/…` if bundled."""
    resolved = path.resolve()
    seeds = bundled_seeds().resolve()
    try:
        return str(resolved.relative_to(Path.cwd().resolve()))
    except ValueError:
        pass
    try:
        return str(Path("seeds") / resolved.relative_to(seeds))
    except ValueError:
        return str(resolved)


def _versions(paths: Sequence[Path]) -> dict[str, str]:
    from reader.domain.entities import EXTRACTION_VERSION
    from reader.domain.search import SCHEMA_VERSION

    corr = corrections_path(paths)
    try:
        corr_sig = hashlib.sha256(corr.read_bytes()).hexdigest()
    except OSError:
        corr_sig = "none"
    return {
        "pipeline": PIPELINE_VERSION,
        "extraction": EXTRACTION_VERSION,
        "search_schema": str(SCHEMA_VERSION),
        "corrections": corr_sig,
    }


def _open_store(index_dir: Path, notices: list[str] | None = None) -> Store:
    path = index_dir / STORE_NAME
    try:
        return Store(path)
    except StoreCorrupt as exc:
        for suffix in ("", "-wal", "-shm"):
            stale = Path(str(path) + suffix)
            if stale.exists():
                stale.replace(Path(str(stale) + ".corrupt"))
        if notices is not None:
            notices.append(f"The index store was unreadable ({exc}); rebuilt it.")
        return Store(path)


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


def _scan(paths: Sequence[Path]) -> tuple[dict[str, tuple[object, str]], list[Problem]]:
    """Stat the corpus: display path → (SourceFile, article id)."""
    from reader.domain.corpus import assign_ids
    from reader.domain.discovery import discover

    files, problems = discover(list(paths))
    ids = assign_ids(files)
    found: dict[str, tuple[object, str]] = {}
    for src in files:
        found[display_path(src.path)] = (src, ids[src.path])
    return found, problems


def is_current(paths: Sequence[Path], index_dir: Path) -> bool:
    """True when the index holds exactly the corpus as it is now (stat calls only)."""
    store_path = index_dir / STORE_NAME
    if not store_path.exists() or not (index_dir / SEARCH_DIR).exists():
        return False
    try:
        store = Store(store_path)
    except StoreCorrupt:
        return False
    try:
        for key, value in _versions(paths).items():
            if store.get_meta(f"version:{key}") != value:
                return False
        manifest = store.manifest()
        found, _ = _scan(paths)
        if set(found) != set(manifest):
            return False
        for name, (src, aid) in found.items():
            size, mtime_ns, _, ids = manifest[name]
            if (size, mtime_ns) != (src.size, src.mtime_ns) or aid not in ids:  # type: ignore[attr-defined]
                return False
        return store.get_meta("complete") == "1"
    finally:
        store.close()


def _ner_key(article: Article, version: str) -> str:
    payload = f"{version}\0{article.title}\0{article.text}".encode("utf-8", "surrogatepass")
    return hashlib.sha256(payload).hexdigest()


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
) -> UpdateReport:
    """Bring the index of `paths` up to date; returns what changed. Blocking; run in a worker."""
    with writer_lock(index_dir, progress):
        return _update_locked(list(paths), index_dir, progress, should_stop, rebuild)


def _update_locked(
    paths: list[Path],
    index_dir: Path,
    progress: Progress | None,
    should_stop: StopCheck | None,
    rebuild: bool,
) -> UpdateReport:
    from reader.domain.corpus import read_articles
    from reader.domain.discovery import read_bytes_safely

    started = time.perf_counter()
    report = UpdateReport()
    say = progress or (lambda stage, done, total: None)
    if rebuild:
        shutil.rmtree(index_dir / SEARCH_DIR, ignore_errors=True)
        for suffix in ("", "-wal", "-shm"):
            Path(str(index_dir / STORE_NAME) + suffix).unlink(missing_ok=True)
    store = _open_store(index_dir, report.notices)
    try:
        versions = _versions(paths)
        stale_versions = {
            k for k, v in versions.items() if store.get_meta(f"version:{k}") != v
        }
        if "pipeline" in stale_versions or "extraction" in stale_versions:
            # cleaned text or mention rules changed: re-read every file (NER cache keys differ)
            with store.transaction():
                for name in store.manifest():
                    store.delete_file(name)

        say("scanning", 0, 0)
        found, problems = _scan(paths)
        manifest = store.manifest()
        stored = store.articles()

        changed_ids: set[str] = set()
        removed_ids: set[str] = set()
        new_articles: dict[str, tuple[Article, str]] = {}
        file_updates: list[tuple[str, int, int, str, list[str]]] = []

        for name in manifest.keys() - found.keys():
            removed_ids.update(manifest[name][3])
            report.removed += len(manifest[name][3])

        todo = sorted(found)
        for i, name in enumerate(todo):
            _check(should_stop)
            src, aid = found[name]
            old = manifest.get(name)
            size, mtime_ns = src.size, src.mtime_ns  # type: ignore[attr-defined]
            if old and (old[0], old[1]) == (size, mtime_ns) and aid in old[3]:
                report.unchanged += len(old[3])
                continue
            say("reading", i + 1, len(todo))
            try:
                data = read_bytes_safely(src)  # type: ignore[arg-type]
            except OSError as exc:
                problems.append(Problem(name, f"cannot read: {exc.strerror or exc}"))
                continue
            digest = hashlib.sha256(data).hexdigest()
            if old and old[2] == digest and aid in old[3] and all(a in stored for a in old[3]):
                file_updates.append((name, size, mtime_ns, digest, old[3]))
                report.unchanged += len(old[3])
                continue
            articles, file_problems = read_articles(src, aid, name)  # type: ignore[arg-type]
            problems.extend(file_problems)
            ids = [a.id for a in articles]
            for article in articles:
                new_articles[article.id] = (article, name)
                changed_ids.add(article.id)
                if article.id in stored:
                    report.changed += 1
                else:
                    report.added += 1
            if old:
                removed_ids.update(set(old[3]) - set(ids))
            file_updates.append((name, size, mtime_ns, digest, ids))

        removed_ids -= changed_ids
        report.problems = problems

        # -- entities: NER only for content never analysed ------------------------------
        from reader.domain.entities import EXTRACTION_VERSION

        all_articles = {k: v for k, v in stored.items() if k not in removed_ids}
        all_articles.update({k: a for k, (a, _) in new_articles.items()})
        keys = {aid: _ner_key(a, EXTRACTION_VERSION) for aid, a in all_articles.items()}
        raw = {keys_aid: ms for keys_aid, ms in store.cached_ner(keys.values()).items()}
        missing = [all_articles[aid] for aid, key in keys.items() if key not in raw]
        fresh: dict[str, list[RawMention]] = {}
        if missing:
            from reader.domain.entities.ner import Extractor

            extractor = Extractor()
            for start in range(0, len(missing), NER_BATCH * 4):
                _check(should_stop)
                chunk = missing[start : start + NER_BATCH * 4]
                say("finding entities", start, len(missing))
                n_proc = 2 if len(missing) >= 200 and (os.cpu_count() or 1) > 1 else 1
                results = extractor.extract(chunk, batch_size=NER_BATCH, n_process=n_proc)
                for article, ms in zip(chunk, results, strict=True):
                    fresh[keys[article.id]] = list(ms)
                    raw[keys[article.id]] = list(ms)
            say("finding entities", len(missing), len(missing))
            report.analysed = len(missing)

        # -- linking (whole corpus, cheap) ---------------------------------------------
        _check(should_stop)
        say("linking entities", 0, 0)
        from reader.domain.entities.corrections import load_corrections
        from reader.domain.entities.linking import link

        corrections, corr_problems = load_corrections(corrections_path(paths))
        report.notices.extend(corr_problems)
        by_article = {aid: raw.get(keys[aid], []) for aid in all_articles}
        ordered = [all_articles[a] for a in sorted(all_articles)]
        linked = link(ordered, by_article, corrections)

        # -- search index ----------------------------------------------------------------
        _check(should_stop)
        from reader.domain.search import IndexCorrupt, IndexDoc, SearchIndex

        terms_before = store.terms_hashes()
        docs: list[IndexDoc] = []
        terms_after: dict[str, str] = {}
        for aid, article in all_articles.items():
            terms = _entity_terms(aid, linked.mentions.get(aid, []), linked.entities)
            th = hashlib.sha256("\n".join(terms).encode()).hexdigest()
            terms_after[aid] = th
            if aid in changed_ids or terms_before.get(aid) != th or "search_schema" in stale_versions:
                docs.append(_index_doc(article, terms))
        search_dir = index_dir / SEARCH_DIR
        try:
            index = SearchIndex.open_or_create(search_dir)
            if index.needs_rebuild:
                raise IndexCorrupt("schema changed")
            indexed_ids = index.doc_ids()
        except IndexCorrupt as exc:
            report.notices.append(f"The search index was rebuilt ({exc}).")
            shutil.rmtree(search_dir, ignore_errors=True)
            index = SearchIndex.open_or_create(search_dir)
            indexed_ids = set()
        missing_docs = set(all_articles) - indexed_ids - {d.id for d in docs}
        docs.extend(
            _index_doc(all_articles[aid], _entity_terms(aid, linked.mentions.get(aid, []), linked.entities))
            for aid in sorted(missing_docs)
        )
        stale_docs = (indexed_ids - set(all_articles)) | removed_ids
        if docs or stale_docs:
            say("indexing", 0, len(docs))
            index.update(docs, sorted(stale_docs), progress=lambda d, t: say("indexing", d, t))
        index.close()

        # -- shared passages (only pairs touching a changed article) ----------------------
        _check(should_stop)
        from reader.domain.xref.passages import passages_for

        touched = changed_ids | removed_ids
        found_passages = {}
        if changed_ids:
            say("finding shared passages", 0, 0)
            texts = {aid: a.text for aid, a in all_articles.items()}
            found_passages = passages_for(changed_ids, texts)

        # -- commit ------------------------------------------------------------------------
        with store.transaction():
            for aid in removed_ids:
                store.delete_article(aid)
            for aid, (article, name) in new_articles.items():
                store.put_article(article, name)
            for key, ms in fresh.items():
                store.put_ner(key, ms)
            for name in manifest.keys() - found.keys():
                store.delete_file(name)
            for row in file_updates:
                store.put_file(*row)
            store.replace_links(linked.entities, linked.mentions)
            for aid, th in terms_after.items():
                store.set_terms_hash(aid, th)
            store.replace_passages(touched, found_passages)
            store.replace_problems(problems)
            for key, value in versions.items():
                store.set_meta(f"version:{key}", value)
            store.set_meta("complete", "1")
    finally:
        store.close()
    report.seconds = time.perf_counter() - started
    say("done", 1, 1)
    return report


def _entity_terms(aid: str, mentions: Sequence[object], entities: dict[str, object]) -> list[str]:
    """The `entity` field of an article: every entity id and alias it mentions."""
    terms: set[str] = set()
    for m in mentions:
        eid = m.entity  # type: ignore[attr-defined]
        ent = entities.get(eid)
        terms.add(eid)
        if ent is not None:
            terms.add(ent.name)  # type: ignore[attr-defined]
            terms.update(ent.aliases)  # type: ignore[attr-defined]
    return sorted(terms)


def _index_doc(article: Article, terms: list[str]) -> object:
    from reader.domain.search import IndexDoc

    return IndexDoc(
        id=article.id,
        path=article.path,
        title=article.title,
        date=article.date,
        source=article.source,
        text=article.text,
        entity_terms=terms,
    )


def open_library(paths: Sequence[Path], index_dir: Path) -> object:
    """Open the stored index of `paths` as a `Library` (no spaCy import, no writes)."""
    from reader.domain.library import Library
    from reader.domain.search import IndexCorrupt, SearchIndex

    store = _open_store(index_dir)
    try:
        articles = store.articles()
        library = Library(
            articles=articles,
            mentions=store.mentions(),
            entities=store.entities(),
            passages=store.passages(),
            problems=store.problems(),
        )
    finally:
        store.close()
    search_dir = index_dir / SEARCH_DIR
    if search_dir.exists():
        try:
            index = SearchIndex.open_or_create(search_dir)
        except IndexCorrupt:
            return library
        texts = {aid: a.text for aid, a in articles.items()}
        titles = {aid: a.title for aid, a in articles.items()}
        library.searcher = lambda query, limit: index.search(query, limit, texts=texts, titles=titles)
    return library
