"""Reading the files that are new or changed (by size, time and content hash) into articles."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING

from reader.domain.discovery import SourceFile
from reader.domain.model import (
    Article,
)
from reader.domain.sanitize import sanitize_inline
from reader.domain.store import FileEntry
from reader.domain.updating.common import (
    RECORD_PROGRESS_MIN,
)
from reader.domain.updating.scan import unchanged
from reader.domain.updating.state import UpdaterState

if TYPE_CHECKING:
    pass


class ReadStage(UpdaterState):
    """Reads new or changed files; records what each file holds."""

    def _read_files(
        self,
        found: dict[str, tuple[SourceFile, str]],
        manifest: dict[str, FileEntry],
        stored: Mapping[str, Article],
    ) -> None:
        from reader.domain.corpus import articles_from_bytes
        from reader.domain.discovery import FileRefused, display_path, read_bytes_safely

        names = sorted(found)
        for i, name in enumerate(names):
            self._check()
            src, file_id = found[name]
            old = manifest.get(name)
            if old is not None and unchanged(old, src, file_id) and set(old.ids) <= stored.keys():
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
