"""The reader application and `create_app`, the one factory for the CLI, tests and snapshots."""

from __future__ import annotations

import contextlib
import threading
import time
from bisect import bisect_right
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from rich.text import Text
from textual import on
from textual.app import App, ComposeResult, SystemCommand
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.css.query import NoMatches
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Footer, Header, Label, ProgressBar, Static
from textual.worker import get_current_worker

from reader.domain.model import Entity, Hit, Match, MentionRef, Relation, SearchResult
from reader.domain.sanitize import sanitize_inline
from reader.ui.article_view import ArticleView
from reader.ui.commands import ArticlesProvider, EntitiesProvider, ThemesProvider
from reader.ui.history import History, Location
from reader.ui.messages import (
    ArticleChosen,
    CompareRequested,
    IndexFailed,
    IndexProgress,
    JumpRequested,
    LibraryReady,
    MoreHits,
    RelatedReady,
    SearchIndexDamaged,
)
from reader.ui.source_list import SourceList, SourceOptions
from reader.ui.state import StateStore
from reader.ui.styles import EntityStyles
from reader.ui.themes import DEFAULT_THEME, ReaderTheme, load_themes
from reader.ui.xref_panel import MAX_MENTION_ROWS, XrefOptions, XrefPanel

if TYPE_CHECKING:  # imported by the loading worker, not before the first frame
    from reader.domain.library import Library

PROGRESS_INTERVAL = 0.1  # seconds between progress messages from the indexing worker
# The loading worker waits (at most this long) for the list to be painted before it checks the
# index, so that its work does not slow down that frame.
LIST_PAINT_WAIT = 1.0
# Loading starts after the first frame, or after this long if no frame was seen.
FIRST_PAINT_WAIT = 0.5
# Up to this many articles, related articles are computed on the spot (no "finding…" flash);
# beyond, in a thread worker (the first call scores the article against the whole corpus).
RELATED_SYNC_MAX = 300


def _related(
    library: Library, article_id: str, warn: Callable[[str], object] | None = None
) -> list[Relation]:
    """`library.related(article_id)`, or no relations if it fails (the xref code may change)."""
    try:
        return list(library.related(article_id))
    except Exception as exc:
        if warn is not None:
            warn(f"related() failed: {exc!r}")
        return []


class _RelatedFinder:
    """One daemon thread that finds related articles for the latest request only.

    Older requests are dropped (the reader moved on); a daemon thread, so that quitting never
    waits for a corpus-wide comparison. Results come back as `RelatedReady` messages.
    """

    def __init__(self, post: Callable[[RelatedReady], object]) -> None:
        self._post = post
        self._cv = threading.Condition()
        self._wanted: tuple[Library, str] | None = None
        self._thread: threading.Thread | None = None

    def request(self, library: Library, article_id: str) -> None:
        """Find `article_id`'s related articles next (replacing any waiting request)."""
        with self._cv:
            self._wanted = (library, article_id)
            self._cv.notify()
            if self._thread is None:
                self._thread = threading.Thread(
                    target=self._run, name="reader-related", daemon=True
                )
                self._thread.start()

    def _run(self) -> None:
        while True:
            with self._cv:
                while self._wanted is None:
                    self._cv.wait()
                library, article_id = self._wanted
                self._wanted = None
            relations = _related(library, article_id)
            try:
                self._post(RelatedReady(library, article_id, relations))
            except Exception:  # the app has gone
                return


class MainScreen(Screen[None]):
    """The three panes; the reading keys of SPEC §6 live here."""

    HORIZONTAL_BREAKPOINTS = [  # noqa: RUF012 (declared by Screen as an instance variable)
        (0, "-narrow"),
        (100, "-wide"),
    ]
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("tab", "app.pane(1)", "Next pane", show=False),
        Binding("shift+tab", "app.pane(-1)", "Previous pane", show=False),
        Binding("slash", "app.search", "Search"),
        Binding("e", "app.mention(1)", "Next mention"),
        Binding("E", "app.mention(-1)", "Prev mention", show=False),
        Binding("right_square_bracket", "app.entity_step(1)", "Next same entity"),
        Binding("left_square_bracket", "app.entity_step(-1)", "Prev same entity", show=False),
        Binding("n", "app.search_step(1)", "Next hit"),
        Binding("N", "app.search_step(-1)", "Prev hit", show=False),
        Binding("ctrl+o,alt+left", "app.history(-1)", "Back", show=False),
        Binding("ctrl+i,alt+right", "app.history(1)", "Forward", show=False),
        Binding("r", "app.toggle_removed", "Removed text", show=False),
        Binding("p", "app.problems", "Problems", show=False),
        Binding("m", "app.correct('merge')", "Merge entity", show=False),
        Binding("R", "app.correct('rename')", "Rename entity", show=False),
        Binding("L", "app.correct('relabel')", "Relabel entity", show=False),
        Binding("H", "app.correct('hide')", "Hide entity", show=False),
    ]

    def compose(self) -> ComposeResult:
        """Header, the three panes, the indexing bar, the footer."""
        yield Header(icon="≡")
        with Horizontal(id="panes"):
            yield SourceList(id="source-pane")
            with Vertical(id="article-pane"):
                yield ArticleView(id="article")
                yield Static("", id="legend", markup=False)
            yield XrefPanel(id="xref-pane")
        with Horizontal(id="indexing"):
            yield Label("", id="indexing-label", markup=False)
            yield ProgressBar(id="indexing-bar", show_eta=False)
        yield Footer()

    def on_mount(self) -> None:
        """Start the reader once the panes exist."""
        app = self.app
        if isinstance(app, ReaderApp):
            app.start()


class ReaderApp(App[None]):
    """Three panes: sources | article with highlighted entities | cross-references."""

    CSS_PATH = "reader.tcss"
    TITLE = "reader"
    COMMANDS = App.COMMANDS | {ArticlesProvider, EntitiesProvider, ThemesProvider}
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("q", "quit", "Quit"),
        Binding("t", "next_theme", "Theme"),
        Binding("question_mark", "help", "Help"),
    ]

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
        self.paths = list(paths)
        self.index_dir = index_dir
        self.library: Library | None = None
        self._given_library = library
        self.pipeline_enabled = library is None
        from reader.domain.paths import corpus_key
        from reader.domain.paths import state_dir as default_state_dir

        self.corpus = corpus_key(self.paths) if self.paths else "in-memory"
        self.state = StateStore(state_dir or default_state_dir())
        self.reader_themes, self.notices = load_themes()
        self._requested_theme = theme
        self.entity_styles = EntityStyles.from_theme(None)
        self.history = History()
        self.current: str | None = None
        self.selected_entity: str | None = None
        self._refs_cache: dict[str, list[MentionRef]] = {}
        self._related_cache: dict[str, list[Relation]] = {}
        self._related_finder = _RelatedFinder(self.post_message)
        self._ref_keys_cache: dict[str, list[tuple[int, int, int]]] = {}
        self._order_index: dict[str, int] = {}
        self.search_result: SearchResult | None = None
        self.search_hits: list[tuple[str, Match]] = []
        self.search_pos = -1
        self._fetching_hits = False
        self.indexing = False
        self._stop = threading.Event()
        self._list_painted = threading.Event()
        self._paint_callbacks: list[Callable[[], object]] = []
        self._loading_started = False
        for reader_theme in self.reader_themes.values():
            self.register_theme(reader_theme.theme)
        # Set before the stylesheet is first read: set after mounting, it made Textual parse
        # and apply all the CSS a second time before the first frame.
        self._unknown_theme = False
        self.theme = self._initial_theme()

    # -- start-up ---------------------------------------------------------------------------
    def get_default_screen(self) -> Screen[Any]:
        """The three-pane screen."""
        return MainScreen()

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
            # Started as soon as the first frame is painted: the thread holds the GIL most of
            # the time (objects built from the store), and overlapping it with Textual's
            # start-up delayed that frame more than it advanced the list.
            self._after_paint(self._start_loading)
            self.set_timer(FIRST_PAINT_WAIT, self._start_loading)  # should no paint be seen
        self.query_one(SourceOptions).focus()

    def _after_paint(self, callback: Callable[[], object]) -> None:
        """Call `callback` once the screen has next been painted (its layout-refresh signal
        comes right after the compositor's update)."""
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

        # Show what the index holds first (the list is what the reader waits for), then check
        # that it is current: if not, it stays on screen, marked "indexing…", during update().
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
        except Exception as exc:
            if not should_stop():
                self.post_message(IndexFailed(f"{type(exc).__name__}: {exc}"))
            return
        notices = list(getattr(report, "notices", []))
        self.post_message(LibraryReady(library, final=True, notices=notices))
        self._warm_search(library)

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
        self.install_library(message.library, final=message.final)
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
        self._refs_cache.clear()
        self._ref_keys_cache.clear()
        self._related_cache.clear()
        order = library.order()
        self._order_index = {aid: i for i, aid in enumerate(order)}
        sources = self.query_one(SourceList)
        sources.set_articles(
            [library.infos[a] for a in order],
            self.state.read_articles(self.corpus),
            library.entity_count,
        )
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

    # -- showing articles -------------------------------------------------------------------
    def _show(self, article_id: str, *, force: bool = False) -> None:
        """Put `article_id` in the article pane (no history entry)."""
        lib = self.library
        if lib is None or article_id not in lib.articles:
            return
        view = self.query_one(ArticleView)
        if article_id != self.current or force:
            try:  # read from the store now: a damaged row fails here
                article = lib.article(article_id)
                title_mentions = lib.title_mentions(article_id)
                text_mentions = lib.text_mentions(article_id)
            except Exception as exc:
                self.notify(
                    f"Could not read this article ({type(exc).__name__}); repairing the index.",
                    severity="error",
                    markup=False,
                )
                if not self.indexing:
                    self.start_update()
                return
            self.current = article_id
            view.show(article, title_mentions, text_mentions)
            self.state.mark_read(self.corpus, article_id)
            self.query_one(SourceList).mark(article_id)
            self._related_for(article_id)
            self._apply_search_highlight()
            self.state.set_position(self.corpus, article_id, 0)

    def _related_for(self, article_id: str) -> None:
        """Fill the panel for `article_id`; related articles come from a worker unless the
        corpus is small (computing them compares the article with every other one)."""
        panel = self.query_one(XrefPanel)
        library = self.library
        relations: list[Relation] | None = []
        if library is not None:
            relations = self._related_cache.get(article_id)
            if relations is None and len(library.articles) <= RELATED_SYNC_MAX:
                relations = _related(library, article_id, self.log.warning)
                self._related_cache[article_id] = relations
        panel.show_article(article_id, relations)
        if relations is None and library is not None:
            # once the article is on screen: the search competes with painting it
            self.call_after_refresh(self._related_finder.request, library, article_id)
        if self.selected_entity and library and self.selected_entity in library.entities:
            entity = library.entities[self.selected_entity]
            panel.show_entity(entity, self.refs(entity.id))

    def on_related_ready(self, message: RelatedReady) -> None:
        """A worker found the related articles: list them if that article is still shown."""
        if message.library is not self.library:
            return
        self._related_cache[message.article] = message.relations
        if message.article == self.current:
            with contextlib.suppress(NoMatches):  # arriving while the app shuts down
                self.query_one(XrefPanel).set_relations(message.article, message.relations)

    def here(self) -> Location | None:
        """Where the reader is now (the selected mention, or the top of the screen)."""
        if self.current is None:
            return None
        view = self.query_one(ArticleView)
        mention = view.selected_mention
        if mention is not None:
            return Location(self.current, mention.field, mention.start)
        return Location(self.current, "text", view.top_offset())

    def goto(self, loc: Location, *, record: bool = True, select: bool = True) -> None:
        """Jump to `loc`, recording where we were for ctrl+o."""
        if self.library is None or loc.article not in self.library.articles:
            return
        if record:
            self.history.push(self.here())
        self._show(loc.article)
        view = self.query_one(ArticleView)
        if loc.offset is None:
            return
        if select and view.select_at(loc.field, loc.offset):
            return
        view.clear_selection(anchor=(loc.field, loc.offset))
        view.scroll_to_offset(loc.field, loc.offset, center=True)

    def history_location(self, article_id: str) -> Location:
        """A location at the top of `article_id` (for `goto`)."""
        return Location(article_id)

    def refs(self, entity_id: str) -> list[MentionRef]:
        """Every mention of the entity across the corpus (cached per library)."""
        cached = self._refs_cache.get(entity_id)
        if cached is None and self.library is not None:
            try:
                # contexts only for the rows the panel lists: `]` needs just the positions
                cached = list(self.library.entity_mentions(entity_id, contexts=MAX_MENTION_ROWS))
            except Exception as exc:
                self.log.warning(f"entity_mentions() failed: {exc!r}")
                cached = []
            self._refs_cache[entity_id] = cached
            self._ref_keys_cache[entity_id] = [
                (self._order_index.get(r.article, -1), 0 if r.field == "title" else 1, r.start)
                for r in cached
            ]
        return cached or []

    # -- messages from the panes ------------------------------------------------------------
    @on(ArticleChosen)
    def _article_chosen(self, message: ArticleChosen) -> None:
        self.goto(Location(message.article))
        self.query_one(ArticleView).focus()

    @on(JumpRequested)
    def _jump_requested(self, message: JumpRequested) -> None:
        self.goto(Location(message.article, message.field, message.offset))

    @on(ArticleView.MentionSelected)
    def _mention_selected(self, message: ArticleView.MentionSelected) -> None:
        lib = self.library
        if lib is None:
            return
        entity = lib.entities.get(message.mention.entity)
        panel = self.query_one(XrefPanel)
        if entity is None:
            return
        if (
            self.selected_entity != entity.id
            or panel.entity is None
            or panel.entity.id != entity.id
        ):
            self.selected_entity = entity.id
            panel.show_entity(entity, self.refs(entity.id))
        panel.set_current(message.article, message.mention.field, message.mention.start)
        self.state.set_position(self.corpus, message.article, message.mention.start)

    @on(CompareRequested)
    def _compare_requested(self, message: CompareRequested) -> None:
        self.open_compare(message.other)

    # -- actions: panes ---------------------------------------------------------------------
    def _panes(self) -> list[Widget]:
        return [
            self.query_one(SourceOptions),
            self.query_one(ArticleView),
            self.query_one(XrefOptions),
        ]

    def action_pane(self, delta: int) -> None:
        """tab / shift+tab: next or previous pane."""
        panes = self._panes()
        focused = self.focused
        index = 0
        for i, pane in enumerate(panes):
            node: Any = focused
            while node is not None:
                if node is pane or (i == 0 and isinstance(node, SourceList)):
                    index = i
                    break
                node = node.parent
            else:
                continue
            break
        target = panes[(index + delta) % len(panes)]
        self.focus_pane(target)

    def focus_pane(self, pane: Widget) -> None:
        """Focus a pane; on narrow screens the side pane in use replaces the other one."""
        if isinstance(pane, XrefOptions):
            self.screen.add_class("-side-xref")
        elif isinstance(pane, SourceOptions):
            self.screen.remove_class("-side-xref")
        pane.focus()

    # -- actions: mentions and entities -----------------------------------------------------
    def action_mention(self, delta: int) -> None:
        """e / E: next or previous mention in this article."""
        view = self.query_one(ArticleView)
        if not view.mentions():
            self.notify("No entity mentions in this article.", timeout=2)
            return
        if not view.step_mention(delta):
            where = "last" if delta > 0 else "first"
            self.notify(f"That was the {where} mention in this article.", timeout=2, markup=False)

    def action_entity_step(self, delta: int) -> None:
        """] / [: next or previous mention of the selected entity, across articles."""
        view = self.query_one(ArticleView)
        mention = view.selected_mention
        entity_id = mention.entity if mention is not None else self.selected_entity
        if entity_id is None or self.current is None or self.library is None:
            self.notify(
                "Select a mention first (e or enter), then ] follows its entity.", timeout=3
            )
            return
        refs = self.refs(entity_id)
        keys = self._ref_keys_cache.get(entity_id, [])
        if not refs:
            return
        here_index = self._order_index.get(self.current, -1)
        if mention is not None and mention.entity == entity_id:
            here = (here_index, 0 if mention.field == "title" else 1, mention.start)
        else:
            top = view.top_offset() or 0
            here = (here_index, 1, top - 1 if delta > 0 else top)
        pos = bisect_right(keys, here)
        if delta > 0:
            target = pos if pos < len(keys) else None
        else:
            target = pos - 1
            if target >= 0 and keys[target] == here:
                target -= 1
            if target < 0:
                target = None
        if target is None:  # past either end of the corpus: wrap around, and say so
            ent = self.library.entities.get(entity_id)
            name = sanitize_inline(ent.name) if ent else entity_id
            target = 0 if delta > 0 else len(refs) - 1
            where = "first" if delta > 0 else "last"
            self.notify(f"Wrapped to the {where} mention of {name}.", timeout=2, markup=False)
        ref = refs[target]
        self.goto(Location(ref.article, ref.field, ref.start), record=ref.article != self.current)

    def goto_entity(self, entity_id: str) -> None:
        """Palette: jump to the entity's first mention."""
        refs = self.refs(entity_id)
        if refs:
            self.goto(Location(refs[0].article, refs[0].field, refs[0].start))

    def open_from_palette(self, article_id: str) -> None:
        """Palette: open an article."""
        self.goto(Location(article_id))

    # -- actions: search --------------------------------------------------------------------
    def action_search(self) -> None:
        """/: the search dialog."""
        if self.library is None:
            self.notify("The corpus is still opening.", timeout=2)
            return
        from reader.ui.search_screen import SearchScreen

        query = self.search_result.query if self.search_result else ""
        self.push_screen(
            SearchScreen(self.library, sanitize_inline(query), self.entity_styles.search),
            self._search_chosen,
        )

    @staticmethod
    def _hit_matches(hits: Iterable[Hit]) -> list[tuple[str, Match]]:
        return [
            (hit.article, match)
            for hit in hits
            for match in sorted(hit.matches, key=lambda m: (m.field != "title", m.start))
        ]

    def _search_chosen(self, choice: Any) -> None:
        if choice is None:
            return
        result: SearchResult = choice.result
        self.search_result = result
        self._fetching_hits = False
        self.search_hits = self._hit_matches(result.hits)
        first = next(
            (
                i
                for i, (aid, _) in enumerate(self.search_hits)
                if aid == result.hits[choice.hit].article
            ),
            None,
        )
        if first is None:
            self.search_pos = -1
            self.goto(Location(result.hits[choice.hit].article))
            self._apply_search_highlight()
            return
        self._goto_hit(first)

    def _goto_hit(self, pos: int) -> None:
        self.search_pos = pos
        article, match = self.search_hits[pos]
        self.goto(
            Location(article, match.field, match.start),
            select=False,
            record=article != self.current or pos == 0,
        )
        self._apply_search_highlight()
        self.query_one(ArticleView).scroll_to_offset(match.field, match.start, center=True)
        count = len(self.search_hits)
        note = f"hit {pos + 1} of {count}"
        result = self.search_result
        if result is not None and result.total > len(result.hits):
            note += f" in the best {len(result.hits)} of {result.total} articles"
        self.notify(note, timeout=1.5)

    def _apply_search_highlight(self) -> None:
        view = self.query_one(ArticleView)
        if not self.search_hits or self.current is None:
            view.set_matches([])
            return
        matches = [m for aid, m in self.search_hits if aid == self.current]
        current = None
        if 0 <= self.search_pos < len(self.search_hits):
            aid, match = self.search_hits[self.search_pos]
            current = match if aid == self.current else None
        view.set_matches(matches, current)

    def action_search_step(self, delta: int) -> None:
        """n / N: next or previous search hit, across articles."""
        if not self.search_hits:
            self.notify("No search hits: press / to search.", timeout=2)
            return
        pos = self.search_pos + delta
        result = self.search_result
        if pos >= len(self.search_hits) and result is not None and result.total > len(result.hits):
            self._fetch_more_hits(result)
            return
        if not 0 <= pos < len(self.search_hits):
            self.notify("No more hits in that direction.", timeout=2)
            return
        self._goto_hit(pos)

    def _fetch_more_hits(self, result: SearchResult) -> None:
        """Ask the library (in a thread) for the next `SEARCH_LIMIT` articles of `result`."""
        from reader.ui.search_screen import SEARCH_LIMIT, run_search

        if self._fetching_hits or self.library is None:
            return
        self._fetching_hits = True
        library, query = self.library, result.query
        limit = len(result.hits) + SEARCH_LIMIT
        self.notify("Fetching more hits…", timeout=1)

        def damaged() -> None:
            self.post_message(SearchIndexDamaged())

        def fetch() -> None:
            answer = run_search(library, query, limit, on_damage=damaged)
            self.post_message(MoreHits(library, query, answer))

        self.run_worker(fetch, thread=True, name="more-hits", group="search", exclusive=True)

    def on_more_hits(self, message: MoreHits) -> None:
        """More hits arrived: append the new articles' hits and go to the first new one."""
        self._fetching_hits = False
        result = self.search_result
        if message.library is not self.library or result is None or message.query != result.query:
            return
        answer = message.answer
        if not isinstance(answer, SearchResult):
            self.notify(sanitize_inline(str(answer)), severity="warning", markup=False)
            return
        known = {hit.article for hit in result.hits}
        new = [hit for hit in answer.hits if hit.article not in known]
        hits = [*result.hits, *new]
        # Nothing beyond what is loaded (the index changed under us): stop asking.
        total = answer.total if new else len(hits)
        self.search_result = SearchResult(result.query, total, hits, result.suggestion)
        if not new:
            self.notify("No more hits in that direction.", timeout=2)
            return
        first_new = len(self.search_hits)
        self.search_hits.extend(self._hit_matches(new))
        if first_new < len(self.search_hits):
            self._goto_hit(first_new)
        else:  # the new articles match without positions (e.g. by entity): open the first
            self.goto(Location(new[0].article))

    # -- actions: history, removed text, help, problems ---------------------------------------
    def action_history(self, delta: int) -> None:
        """ctrl+o / ctrl+i: back or forward in the jump history."""
        here = self.here()
        target = self.history.back(here) if delta < 0 else self.history.forward(here)
        if target is None:
            self.notify("No earlier jump." if delta < 0 else "No later jump.", timeout=2)
            return
        self.goto(target, record=False)

    def action_toggle_removed(self) -> None:
        """r: show or hide the removed boilerplate."""
        view = self.query_one(ArticleView)
        view.set_show_removed(not view.show_removed)
        self.notify(
            "Showing removed text (dimmed)." if view.show_removed else "Removed text hidden.",
            timeout=2,
        )

    def action_help(self) -> None:
        """?: the key map."""
        from reader.ui.help_screen import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    def action_problems(self) -> None:
        """p: the files that were skipped."""
        from reader.ui.problems_screen import ProblemsScreen

        problems = list(self.library.problems) if self.library else []
        self.push_screen(ProblemsScreen(problems, self.notices))

    # -- compare --------------------------------------------------------------------------
    def open_compare(self, other: str) -> None:
        """Show the current article and `other` side by side."""
        from reader.ui.compare_screen import CompareScreen, default_aligner

        if self.library is None or self.current is None or other not in self.library.articles:
            return
        aligner = default_aligner()
        if aligner is None:
            self.notify("Paragraph alignment is not available yet.", severity="warning")
            return
        a, b = self.library.article(self.current), self.library.article(other)
        try:
            pairs = aligner(a, b)
        except Exception as exc:
            self.notify(f"Could not align: {type(exc).__name__}", severity="error", markup=False)
            return
        self.push_screen(CompareScreen(a, b, pairs))

    # -- corrections ------------------------------------------------------------------------
    def _selected_entity(self) -> Entity | None:
        if self.library is None:
            return None
        mention = self.query_one(ArticleView).selected_mention
        eid = mention.entity if mention is not None else self.selected_entity
        return self.library.entities.get(eid) if eid else None

    def action_correct(self, kind: str) -> None:
        """m / R / L / H: merge, rename, relabel or hide the selected entity."""
        from reader.ui.corrections_screen import EntityPicker, LabelPicker, TextPrompt

        entity = self._selected_entity()
        if entity is None or self.library is None:
            self.notify("Select a mention first (e or enter).", timeout=3)
            return
        name = entity.name
        eid = entity.id
        if kind == "merge":
            others = [e for e in self.library.visible_entities() if e.id != entity.id]

            def merged(target: Entity | None) -> None:
                if target is not None:
                    self.write_correction("merge", eid, target.id)

            self.push_screen(EntityPicker(f"Merge « {name} » into…", others), merged)
        elif kind == "rename":

            def renamed(value: str | None) -> None:
                if value:
                    self.write_correction("rename", eid, value)

            self.push_screen(TextPrompt(f"Rename « {name} » to:", name), renamed)
        elif kind == "relabel":

            def relabelled(value: str | None) -> None:
                if value:
                    self.write_correction("relabel", eid, value)

            self.push_screen(LabelPicker(f"Relabel « {name} » as:", entity.label), relabelled)
        elif kind == "hide":
            self.write_correction("hide", eid)

    def write_correction(self, kind: str, entity: str, value: str = "") -> None:
        """Append a correction line to this corpus's corrections file, then re-apply."""
        from reader.domain.pipeline import corrections_path
        from reader.ui.corrections_screen import correction_line

        line = correction_line(kind, entity, value)
        path = corrections_path(self.paths)
        try:
            try:
                from reader.domain.entities.corrections import append_correction
            except ImportError:
                append_correction = _append_line  # type: ignore[assignment]
            problem = append_correction(path, line)
        except Exception as exc:
            self.notify(f"Could not save the correction: {exc}", severity="error", markup=False)
            return
        if problem is not None:
            reason = getattr(problem, "reason", problem)
            self.notify(f"Correction not saved: {reason}", severity="error", markup=False)
            return
        self.notify(f"Correction saved: {line}", markup=False, timeout=4)
        self.start_update()

    # -- themes -----------------------------------------------------------------------------
    def _initial_theme(self) -> str:
        """The theme asked for, else the one used last time, else the default."""
        wanted = self._requested_theme
        if wanted and wanted not in self.reader_themes and wanted not in self.available_themes:
            self._unknown_theme = True
            wanted = None
        remembered = self.state.theme()
        if not wanted and remembered in self.available_themes:
            wanted = remembered
        wanted = wanted or DEFAULT_THEME
        return wanted if wanted in self.available_themes else self.theme

    def set_reader_theme(self, name: str) -> None:
        """Switch theme (remembered for next time)."""
        if name not in self.available_themes:
            return
        self.theme = name
        self._theme_changed(self.current_theme)

    def _theme_changed(self, theme: Any) -> None:
        reader_theme: ReaderTheme | None = self.reader_themes.get(self.theme)
        if reader_theme is None:
            reader_theme = self.reader_themes.get(DEFAULT_THEME)
        self.entity_styles = EntityStyles.from_theme(reader_theme)
        try:
            self.query_one(ArticleView).set_entity_styles(self.entity_styles)
            self.query_one("#legend", Static).update(self.entity_styles.legend())
            panel = self.query_one(XrefPanel)
            panel.styles_set = self.entity_styles
        except Exception:
            pass
        if self.state.theme() != self.theme:
            self.state.set_theme(self.theme)

    def action_next_theme(self) -> None:
        """t: the next of the reader's themes."""
        names = list(self.reader_themes)
        index = names.index(self.theme) if self.theme in names else -1
        name = names[(index + 1) % len(names)]
        self.set_reader_theme(name)
        self.notify(f"Theme: {name}", timeout=1.5, markup=False)

    # -- palette, bindings, exit ------------------------------------------------------------
    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        """Reader commands in the palette (fixed titles only; no untrusted text)."""
        yield from super().get_system_commands(screen)
        yield SystemCommand(
            "Problems", "Files that were skipped, with the reason", self.action_problems
        )
        yield SystemCommand("Help", "All the keys", self.action_help)
        yield SystemCommand("Search", "Full-text search", self.action_search)
        yield SystemCommand(
            "Removed text", "Show or hide the removed boilerplate", self.action_toggle_removed
        )
        yield SystemCommand(
            "Next theme", "Cycle through the reader's themes", self.action_next_theme
        )
        yield SystemCommand("Re-index", "Bring the index up to date now", self.start_update)

    def on_unmount(self) -> None:
        """Remember where we are, stop the worker, close the state store."""
        self._stop.set()
        try:
            if self.current is not None:
                here = self.here()
                offset = here.offset if here and here.offset is not None else 0
                self.state.set_position(self.corpus, self.current, offset)
        except Exception:
            pass
        self.state.close()
        if self.library is not None:
            self.library.close()


def _append_line(path: Path, line: str) -> object | None:
    """Fallback writer for a corrections line (used until the domain's writer exists)."""
    import os

    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("a", encoding="utf-8") as fh:
        fh.write(line + "\n")
        fh.flush()
        os.fsync(fh.fileno())
    return None


def create_app(
    paths: list[Path],
    index_dir: Path,
    *,
    theme: str | None = None,
    library: Library | None = None,
    state_dir: Path | None = None,
) -> ReaderApp:
    """The reader for `paths` (index in `index_dir`).

    With `library`, that library is shown as is and no pipeline work happens (tests, snapshots).
    `theme` picks a theme by name; `state_dir` overrides where read marks and position live.
    """
    return ReaderApp(paths, index_dir, theme=theme, library=library, state_dir=state_dir)
