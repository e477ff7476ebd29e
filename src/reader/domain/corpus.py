"""Files → articles: ids (SPEC §2), reading one file safely, loading a whole corpus.

Ids: the file's stem; where two files share a stem, their path relative to the corpus root
without the suffix (then with it, then made unique with ``~2``, ``~3`` … should that still
clash). A ``.jsonl`` file, or a ``.json`` file holding a list, gives ``<id>#1``, ``<id>#2`` …
(the position of the object among the file's objects, counting skipped ones), so the ids do
not change when more objects are appended.

`content_hash` is the SHA-256 of the file's raw bytes; for the n-th article of a multi-article
file it is the SHA-256 of ``n`` and that article's own parsed fields (every field of
`ParsedDoc`), so that no two articles share a hash and a record keeps its hash when another
record of the file changes or is appended (an update then re-indexes only what changed). The
file's bytes are hashed once, never once per record (a 60,000-record file would take an hour).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass, field, fields
from pathlib import Path, PurePosixPath

from reader.domain.cleaning import clean
from reader.domain.decoding import BinaryFile, decode_bytes
from reader.domain.discovery import (
    DEFAULT_MAX_BYTES,
    FileRefused,
    SourceFile,
    discover,
    display_path,
    read_bytes_safely,
)
from reader.domain.formats import FormatError, ParsedDoc, parse_report
from reader.domain.ids import assign_ids as assign_ids  # re-exported
from reader.domain.model import Article, Problem
from reader.domain.sanitize import sanitize_inline

_MULTI_SUFFIXES = frozenset({".jsonl"})
#: Longest article text accepted (characters): about 170,000 words, far beyond any news
#: article; longer texts are refused with a message rather than analysed for minutes.
MAX_ARTICLE_CHARS = 1_000_000


@dataclass
class Corpus:
    """The articles that loaded, in discovery order, and the files skipped with a reason."""

    articles: list[Article] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


def read_articles(
    src: SourceFile,
    article_id: str,
    display_path: str,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> tuple[list[Article], list[Problem]]:
    """Read, decode, parse and clean one file: its articles and the problems met.

    Never raises for bad input: an unreadable, empty, binary or malformed file gives no
    article and a problem saying why.
    """
    try:
        data = read_bytes_safely(src, max_bytes)
    except FileRefused as exc:
        return [], [Problem(display_path, exc.reason)]
    return articles_from_bytes(data, src.name, article_id, display_path)


def _record_hash(doc: ParsedDoc, n: int) -> str:
    """SHA-256 of the n-th record of a multi-article file: its position and every field it
    was parsed into (new `ParsedDoc` fields included)."""
    values = [n, *(getattr(doc, f.name) for f in fields(doc))]  # shallow: asdict deep-copies
    text = json.dumps(values, ensure_ascii=False, default=repr)
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def articles_from_bytes(
    data: bytes,
    name: str,
    article_id: str,
    display_path: str,
    progress: Callable[[int, int], None] | None = None,
) -> tuple[list[Article], list[Problem]]:
    """Decode, parse and clean the raw bytes of the file called `name` (its suffix picks the
    format): its articles and the problems met. For callers that already hold the bytes.

    `progress(done, total)` is called before each article of the file is cleaned (a JSON
    Lines file may hold tens of thousands)."""
    if not data.strip():
        return [], [Problem(display_path, "empty file")]
    try:
        text, _encoding = decode_bytes(data)
    except BinaryFile as exc:
        return [], [Problem(display_path, f"binary file ({exc})")]
    if not text.strip():
        return [], [Problem(display_path, "empty file")]
    suffix = PurePosixPath(name).suffix.lower()
    try:
        docs, warnings = parse_report(text, suffix, name)
    except FormatError as exc:
        return [], [Problem(display_path, str(exc))]
    except RecursionError:
        return [], [Problem(display_path, "document nested too deeply")]
    problems = [Problem(display_path, w) for w in warnings]
    multi = suffix in _MULTI_SUFFIXES or len(docs) > 1
    digest = hashlib.sha256(data).hexdigest()  # once per file, never per record
    articles: list[Article] = []
    for n, doc in enumerate(docs, 1):
        if progress is not None:
            progress(n, len(docs))
        aid = f"{article_id}#{n}" if multi else article_id
        if len(doc.text) > MAX_ARTICLE_CHARS:
            where = f"article {n}: " if multi else ""
            problems.append(
                Problem(
                    display_path,
                    f"{where}too long to be an article ({len(doc.text):,} characters, "
                    f"limit {MAX_ARTICLE_CHARS:,})",
                )
            )
            continue
        cleaned = clean(doc)
        if not cleaned.text.strip():
            where = f" (article {n})" if multi else ""
            problems.append(Problem(display_path, f"no article text left after cleaning{where}"))
            continue
        content_hash = _record_hash(doc, n) if multi else digest
        articles.append(
            Article(
                id=aid,
                path=display_path,
                title=cleaned.title,
                text=cleaned.text,
                paragraphs=cleaned.paragraphs,
                date=cleaned.date,
                source=cleaned.source and sanitize_inline(cleaned.source),
                url=doc.url and sanitize_inline(doc.url),
                title_derived=cleaned.title_derived,
                removed=cleaned.removed,
                content_hash=content_hash,
                author=[sanitize_inline(name) for name in cleaned.author],
            )
        )
    return articles, problems


def load_corpus(paths: list[Path], max_bytes: int = DEFAULT_MAX_BYTES) -> Corpus:
    """Discover and read every article under `paths` (the bundled seeds when empty)."""
    if not paths:
        from reader.domain.paths import bundled_seeds

        paths = [bundled_seeds()]
    files, problems = discover(paths, max_bytes)
    ids = assign_ids(files)
    corpus = Corpus(problems=list(problems))
    for src in files:
        articles, file_problems = read_articles(
            src, ids[src.file], display_path(src.path), max_bytes
        )
        corpus.articles.extend(articles)
        corpus.problems.extend(file_problems)
    return corpus
