"""Loading and indexing: open the library in a worker, update it, show progress and status.

The worker (`_load`, in a thread) talks to the UI by messages only; the handlers here install
the library it posts and keep the header and the progress bar current.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual.css.query import NoMatches
from textual.screen import Screen
from textual.widgets import Label, ProgressBar
from textual.worker import get_current_worker

from reader.domain.sanitize import sanitize_inline
from reader.ui.app_base import ReaderBase
from reader.ui.article_view import ArticleView
from reader.ui.messages import IndexFailed, IndexProgress, LibraryReady, SearchIndexDamaged
from reader.ui.source_list import SourceList, SourceOptions
from reader.ui.xref_panel import XrefPanel

if TYPE_CHECKING:  # imported by the loading worker, not before the first frame
    from reader.domain.first_screen import FirstScreen
    from reader.domain.library import Library

PROGRESS_INTERVAL = 0.1  # seconds between progress messages from the indexing worker
# The loading worker waits (at most this long) for the list to be painted before it checks the
# index, so that its work does not slow down that frame.
LIST_PAINT_WAIT = 1.0
#: Above this many articles the quotation groups are built when first needed, not at start.
QUOTES_WARM_MAX = 20_000
#: Rows of the list read for the first screen (more than a tall terminal shows).
FIRST_SCREEN_ROWS = 100
# After the first screen, loading starts once it is painted, or after this long if no frame was
# seen.
FIRST_PAINT_WAIT = 0.5


class LoadingMixin(ReaderBase):
    """Start-up, the loading/indexing worker, progress and status."""

    def start(self) -> None:
        """Pick the theme, then show the given library or start loading in a worker."""
        self.title = "reader — " + self._corpus_name()
        if self._unknown_theme:
            names = ", ".join(self.reader_themes)
            self.notify(
                f"Unknown theme {sanitize_inline(self._requested_theme or '')!r}; "
                f"available: {names}",
                severity="warning",
                markup=False,
            )
        self._theme_changed(self.current_theme)
        self.theme_changed_signal.subscribe(self, self._theme_changed)
        self.query_one("#indexing").display = False
        for notice in self.notices:
            self.notify(notice, severity="warning", markup=False)
        if self._given_library is not None:
            self.install_library(self._given_library, final=True)
        else:
            self.sub_title = "opening…"
            # What the first screen shows is read now (a few queries: the first frame shows
            # it rather than empty panes); the whole library is opened by the worker once that
            # frame is painted (it builds objects from the store, holding the GIL).
            if self._show_first_screen():
                self._after_paint(self._start_loading)
                self.set_timer(FIRST_PAINT_WAIT, self._start_loading)  # should no paint be seen
            else:
                self._start_loading()
        self.query_one(SourceOptions).focus()

    def _after_paint(self, callback: Callable[[], object]) -> None:
        """Call `callback` once the screen has next been painted (its layout-refresh signal
        comes right after the compositor's update). Nothing once the app is shutting down."""
        if not self.is_running:
            return
        signal = self.screen.screen_layout_refresh_signal  # the screen on top paints next
        signal.unsubscribe(self)  # one subscription per screen
        signal.subscribe(self, self._painted)
        self._paint_callbacks.append(callback)

    def _painted(self, screen: Screen[Any]) -> None:
        callbacks, self._paint_callbacks = self._paint_callbacks, []
        screen.screen_layout_refresh_signal.unsubscribe(self)
        for callback in callbacks:
            callback()

    def _start_loading(self) -> None:
        if self._loading_started:
            return
        self._loading_started = True
        self.run_worker(self._load, thread=True, name="load", group="index", exclusive=True)

    def _corpus_name(self) -> str:
        from reader.domain.paths import bundled_seeds

        if not self.paths:
            return "in-memory corpus"
        if len(self.paths) == 1 and self.paths[0].resolve() == bundled_seeds().resolve():
            return "bundled seed articles"
        names = ", ".join(p.name or str(p) for p in self.paths[:3])
        more = f" +{len(self.paths) - 3}" if len(self.paths) > 3 else ""
        return sanitize_inline(names + more)

    # -- the indexing worker (runs in a thread; talks to the UI by messages only) -----------
    def _load(self, rebuild: bool = False, rebuild_search: bool = False) -> None:
        from reader.domain import pipeline

        worker = get_current_worker()

        def should_stop() -> bool:
            return worker.is_cancelled or self._stop.is_set()

        # Show what the index holds first (the first screen, then the whole list: what the
        # reader waits for), then check that it is current: if not, it stays on screen, marked
        # "indexing…", during update().
        opened: Library | None = None
        damaged = False
        if not rebuild:
            try:
                opened = pipeline.open_library(self.paths, self.index_dir, verify=False)
                self._list_painted.clear()
                self.post_message(LibraryReady(opened, final=False))
            except Exception:  # nothing usable yet (first run, broken store): update() below
                opened = None
            else:
                # Let the list paint before competing with it for the interpreter.
                self._list_painted.wait(LIST_PAINT_WAIT)
                try:
                    opened.verify()  # damage in rows opening did not read
                except Exception as exc:
                    if should_stop():  # closed by the app quitting: nothing to repair
                        return
                    damaged = True
                    self.post_message(
                        IndexProgress(f"repairing the index ({type(exc).__name__})", 0, 0)
                    )
        if not (rebuild or rebuild_search or damaged):
            try:
                # A search index that opens here has passed the check `is_current` would
                # repeat; one that does not is looked at there again (and rebuilt below).
                searchable = opened is not None and self._warm_search(opened)
                current = pipeline.is_current(
                    self.paths, self.index_dir, verify_search=not searchable
                )
                if current and opened is not None:
                    self.post_message(LibraryReady(opened, final=True))
                    self._warm_quotes(opened)
                    return
            except Exception as exc:  # a broken store: fall through to update(), which repairs
                self.post_message(
                    IndexProgress(f"repairing the index ({type(exc).__name__})", 0, 0)
                )
        last = [0.0]

        def progress(stage: str, done: int, total: int) -> None:
            now = time.monotonic()
            if now - last[0] >= PROGRESS_INTERVAL or (total and done >= total):
                last[0] = now
                self.post_message(IndexProgress(stage, done, total))

        try:
            report = pipeline.update(
                self.paths,
                self.index_dir,
                progress=progress,
                should_stop=should_stop,
                rebuild=rebuild,
                rebuild_search=rebuild_search,
            )
            library = pipeline.open_library(self.paths, self.index_dir)
        except pipeline.IndexUnwritable as exc:
            # not damage: the index as the last update left it still answers, read-only
            if should_stop():
                return
            if opened is None:
                self.post_message(IndexFailed(str(exc)))
                return
            notice = f"{exc}; showing the index as it was (read-only)"
            self.post_message(LibraryReady(opened, final=True, notices=[notice], read_only=True))
            return
        except Exception as exc:
            if not should_stop():
                self.post_message(IndexFailed(f"{type(exc).__name__}: {exc}"))
            return
        notices = list(getattr(report, "notices", []))
        self.post_message(LibraryReady(library, final=True, notices=notices))
        self._warm_search(library)
        self._warm_quotes(library)

    def _show_first_screen(self) -> bool:
        """Read and show the first rows and the article to open (True), before the whole
        library is opened; False if there is nothing to show (no index yet, or unreadable)."""
        from reader.domain.first_screen import read_first_screen

        remembered = self.state.position(self.corpus)
        try:
            screen = read_first_screen(
                self.index_dir, FIRST_SCREEN_ROWS, remembered[0] if remembered else None
            )
        except Exception:
            return False
        if not screen.rows:
            return False
        self._first_screen(screen, remembered)
        return True

    def _first_screen(self, screen: FirstScreen, remembered: tuple[str, int] | None) -> None:
        """Show the first rows and the article while the whole library is being opened (keys
        that need the library wait for it)."""
        infos = {i.id: i for i in screen.rows}
        self.query_one(SourceList).set_articles(
            screen.rows,
            self.state.read_articles(self.corpus),
            lambda aid: infos[aid].entities or 0,
        )
        article = screen.article
        if article is not None:
            shown = [m for m in screen.mentions if m.entity not in screen.hidden]
            self.current = article.id  # the library, once open, shows it again where it is
            self.query_one(ArticleView).show(
                article,
                [m for m in shown if m.field == "title"],
                [m for m in shown if m.field == "text"],
            )
            if remembered and remembered[0] == article.id and remembered[1]:
                self.query_one(ArticleView).scroll_to_offset("text", remembered[1])
            self.query_one(SourceList).mark(article.id)
        self.sub_title = f"{screen.total} articles · opening…"

    @staticmethod
    def _warm_quotes(library: Library) -> None:
        """Group the same quotations across articles now, in the worker, rather than when
        the first quotation is selected (a failure here shows again, and is handled, then).
        Not on a big corpus: it holds the interpreter for seconds per 10,000 articles (keys
        wait) and ~100 MB per 10,000 articles; a worker groups them when a quotation is first
        selected (`app_quotes`)."""
        if len(library.infos) > QUOTES_WARM_MAX:
            return
        with contextlib.suppress(Exception):
            library.quote_groups()

    @staticmethod
    def _warm_search(library: Library) -> bool:
        """Open the search index now, in the worker, rather than at the first query (what
        fails here fails again, and is reported, when a query runs). True if it opened."""
        try:
            library.warm_search()
        except Exception:
            return False
        return library.searcher is not None

    def on_search_index_damaged(self, message: SearchIndexDamaged) -> None:
        """A query found the search index damaged: rebuild it in the background, once."""
        if not self.indexing:
            self.notify("The search index is damaged; rebuilding it in the background.")
            self.start_update(rebuild_search=True)

    def start_update(self, rebuild: bool = False, rebuild_search: bool = False) -> None:
        """Run `pipeline.update` in a thread worker (after a correction, or on request)."""
        if not self.pipeline_enabled:
            self.notify(
                "Saved. This corpus is not indexed from files; nothing to re-apply.", timeout=3
            )
            return
        self.indexing = True
        self._show_progress("starting", 0, 0)
        self.run_worker(
            lambda: self._load(rebuild=rebuild, rebuild_search=rebuild_search),
            thread=True,
            name="update",
            group="index",
            exclusive=True,
        )

    def on_index_progress(self, message: IndexProgress) -> None:
        """Show progress in the bar and the header."""
        self.indexing = True
        self._show_progress(message.stage, message.done, message.total)

    def _show_progress(self, stage: str, done: int, total: int) -> None:
        box = self.query_one("#indexing")
        box.display = True
        label = sanitize_inline(stage)
        self.query_one("#indexing-label", Label).update(Text(f"indexing: {label} "))
        bar = self.query_one("#indexing-bar", ProgressBar)
        if total > 0:
            bar.update(total=total, progress=done)
            self.sub_title = f"indexing {round(100 * done / total)} %"
        else:
            bar.update(total=None)
            self.sub_title = "indexing…"

    def on_index_failed(self, message: IndexFailed) -> None:
        """Keep reading what we have; say what went wrong."""
        self.indexing = False
        self.query_one("#indexing").display = False
        self.sub_title = "index update failed"
        self.notify(
            sanitize_inline(message.error),
            title="Indexing failed",
            severity="error",
            markup=False,
            timeout=8,
        )

    def on_library_ready(self, message: LibraryReady) -> None:
        """Swap in a freshly opened library."""
        try:
            self.install_library(message.library, final=message.final)
        except NoMatches:  # arriving while the app shuts down (its panes are gone)
            return
        if message.read_only:
            self.sub_title = f"{len(message.library.articles)} articles · index read-only"
        for notice in message.notices:
            self.notify(sanitize_inline(notice), markup=False, timeout=5)

    def install_library(self, library: Library, *, final: bool) -> None:
        """Show `library`: fill the list, keep (or restore) the current article.

        The library already shown, now known to be current, only updates the status line.
        """
        if library is self.library:
            self._show_status(library, final)
            return
        previous, self.library = self.library, library
        if previous is not None:
            previous.close()  # its snapshot of the store; a worker still using it gets errors
        self._entity_rows.clear()
        self._related_cache.clear()
        order = library.order()
        sources = self.query_one(SourceList)
        sources.set_articles(
            [library.infos[a] for a in order],
            self.state.read_articles(self.corpus),
            library.entity_count,
            library.articles_naming,
        )
        self._start_novelty(library)
        self._after_paint(self._list_painted.set)
        self.query_one(XrefPanel).library = library
        self._show_status(library, final)
        current = self.current
        if current is not None and current in library.articles:
            view = self.query_one(ArticleView)
            top = view.top_offset()
            self._show(current, force=True)
            if top:
                view.scroll_to_offset("text", top)
            return
        if not order:
            self.query_one(ArticleView).clear()
            return
        remembered = self.state.position(self.corpus)
        if remembered and remembered[0] in library.articles:
            self._show(remembered[0])
            self.query_one(ArticleView).scroll_to_offset("text", remembered[1])
        else:
            self._show(order[0])

    def _show_status(self, library: Library, final: bool) -> None:
        """The header's sub-title (article count, index state, skipped files)."""
        if final:
            self.indexing = False
            self.query_one("#indexing").display = False
        problems = len(library.problems)
        if final:
            state = "index current"
        else:
            state = "indexing…" if self.indexing else "checking the index…"
        skipped = f" · {problems} skipped (p)" if problems else ""
        self.sub_title = f"{len(library.articles)} articles · {state}{skipped}"
