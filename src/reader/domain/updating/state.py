"""The state one run of `update()` keeps between its stages."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from reader.domain.model import (
    Article,
)
from reader.domain.store import FileEntry
from reader.domain.updating.common import (
    Progress,
    StopCheck,
    UpdateReport,
    check,
)

if TYPE_CHECKING:
    from reader.domain.xref.passage_store import PassageStore


class UpdaterState:
    """What the stages of one `update()` run share (each stage is a mixin of `Updater`)."""

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
        #: the shared-passage index kept for the next run (written before the commit)
        self.passage_store: PassageStore | None = None
        #: article id → key of its content in the NER cache, and in the evidence cache
        self.ner_keys: dict[str, str] = {}
        self.evidence_keys: dict[str, str] = {}

    def _check(self) -> None:
        check(self.should_stop)
