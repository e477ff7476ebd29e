"""`ReaderBase`: the state the reader's jobs share, and the hooks they call on one another.

`ReaderApp` (in `app.py`) composes one mixin per job — loading, navigation, search, corrections,
themes — each a subclass of this class. The methods declared under `TYPE_CHECKING` are
implemented by those mixins; declaring them here lets each mixin call the others' methods with
full type checking, without importing them.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from textual.app import App

from reader.domain.model import Match, Relation, SearchResult
from reader.ui.history import History, Location
from reader.ui.related_finder import RelatedFinder
from reader.ui.state import StateStore
from reader.ui.styles import EntityStyles
from reader.ui.themes import load_themes

if TYPE_CHECKING:  # imported by the loading worker, not before the first frame
    from reader.domain.library import Library
    from reader.domain.model import Entity
    from reader.domain.novelty import NoveltyIndex
    from reader.domain.quotes.types import Quote
    from reader.ui.app_entity_rows import EntityRows


class ReaderBase(App[None]):
    """The reader's shared state: paths, the library, the current article, caches."""

    def __init__(
        self,
        paths: list[Path],
        index_dir: Path,
        *,
        theme: str | None = None,
        library: Library | None = None,
        state_dir: Path | None = None,
    ) -> None:
        super().__init__()
        from reader.domain.paths import corpus_key
        from reader.domain.paths import state_dir as default_state_dir

        self.paths = list(paths)
        self.index_dir = index_dir
        self.library: Library | None = None
        self._given_library = library
        self.pipeline_enabled = library is None
        self.corpus = corpus_key(self.paths) if self.paths else "in-memory"
        self.state = StateStore(state_dir or default_state_dir())
        # themes
        self.reader_themes, self.notices = load_themes()
        self._requested_theme = theme
        self.entity_styles = EntityStyles.from_theme(None)
        self._unknown_theme = False  # set by `_initial_theme`
        # navigation
        self.history = History()
        self.current: str | None = None
        self.selected_entity: str | None = None
        self._entity_rows: dict[str, EntityRows] = {}  # the panel's rows, per entity
        self._related_cache: dict[str, list[Relation]] = {}
        self._related_finder = RelatedFinder(self.post_message)
        self._reading_top: int | None = None  # where `r` was pressed to show removed text
        # what is new to the person (app_novelty.py)
        self.novelty_index: NoveltyIndex | None = None
        # the search session
        self.search_result: SearchResult | None = None
        self.search_hits: list[tuple[str, Match]] = []
        self.search_pos = -1
        self._fetching_hits = False
        # loading
        self.indexing = False
        self._stop = threading.Event()
        self._list_painted = threading.Event()
        self._paint_callbacks: list[Callable[[], object]] = []
        self._loading_started = False

    if TYPE_CHECKING:
        # -- loading (app_loading.py)
        def start_update(self, rebuild: bool = False, rebuild_search: bool = False) -> None:
            """Run the pipeline's update in a worker."""

        def _after_paint(self, callback: Callable[[], object]) -> None: ...

        # -- navigation (app_navigation.py)
        def install_library(self, library: Library, *, final: bool) -> None:
            """Show `library`."""

        def goto(self, loc: Location, *, record: bool = True, select: bool = True) -> None:
            """Jump to `loc`."""

        def here(self) -> Location | None:
            """Where the reader is now."""

        # -- the selected entity's panel rows (app_entity_rows.py)
        def show_entity_rows(self, entity: Entity) -> None:
            """Show the entity in the panel (its rows now or from a worker)."""

        def _show(self, article_id: str, *, force: bool = False) -> None: ...

        # -- quotations (app_quotes.py)
        def quotes_of(self, article_id: str) -> list[Quote]:
            """The article's quotations."""

        def entity_quotes(self, entity_id: str) -> list[Quote]:
            """An entity's quotations across the corpus."""

        # -- the panes (app_panes.py)
        def _related_for(self, article_id: str) -> None: ...

        # -- novelty (app_novelty.py)
        def _start_novelty(self, library: Library) -> None: ...

        def _novelty_read(self, article_id: str) -> None: ...

        # -- the search session (app_search.py)
        def _apply_search_highlight(self) -> None: ...

        # -- themes (app_themes.py)
        def _initial_theme(self) -> str: ...

        def _theme_changed(self, theme: object) -> None: ...
