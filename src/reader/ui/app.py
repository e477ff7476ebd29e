"""The reader application and `create_app`, the one factory for the CLI, tests and snapshots.

`ReaderApp` composes one mixin per job (see `docs/ARCHITECTURE.md`): `app_loading` (start-up,
the indexing worker), `app_navigation` (showing articles, jumps, history, entity steps),
`app_panes` (focus, the panel, compare/help/problems), `app_search` (the search session),
`app_corrections` (entity corrections), `app_themes`, `app_watch` (new and edited files while
open), `app_keys` (the user's key map), `app_novelty` (what is new to the person) and
`app_timeline`. What they share is in `app_base`.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from textual.app import App, ComposeResult, SystemCommand
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Header, Label, ProgressBar

from reader.domain.sanitize import sanitize_inline
from reader.ui.app_corrections import CorrectionsMixin
from reader.ui.app_entity_rows import EntityRowsMixin
from reader.ui.app_keys import KeymapMixin
from reader.ui.app_loading import LoadingMixin
from reader.ui.app_navigation import NavigationMixin
from reader.ui.app_novelty import NoveltyMixin
from reader.ui.app_panes import PanesMixin
from reader.ui.app_quotes import QuotesMixin
from reader.ui.app_search import SearchMixin
from reader.ui.app_themes import ThemesMixin
from reader.ui.app_timeline import TimelineMixin
from reader.ui.app_watch import WatchMixin
from reader.ui.article_view import ArticleView
from reader.ui.commands import ArticlesProvider, EntitiesProvider, ThemesProvider
from reader.ui.footer import ReaderFooter
from reader.ui.legend import Legend
from reader.ui.pane_layout import BREAKPOINTS, PaneSwitcher
from reader.ui.source_list import SourceList
from reader.ui.xref_panel import XrefPanel

if TYPE_CHECKING:
    from reader.domain.library import Library


class MainScreen(PaneSwitcher):
    """The three panes (one or two on a small screen: `pane_layout.py`); the reading keys of
    SPEC §6 live here."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("tab", "app.pane(1)", "Next pane", show=False, id="pane.next"),
        Binding("shift+tab", "app.pane(-1)", "Previous pane", show=False, id="pane.previous"),
        Binding("slash", "app.search", "Search", id="search"),
        Binding("e", "app.mention(1)", "Next mention", id="mention.next"),
        Binding("E", "app.mention(-1)", "Prev mention", show=False, id="mention.previous"),
        Binding("right_square_bracket", "app.entity_step(1)", "Next same entity", id="entity.next"),
        Binding(
            "left_square_bracket",
            "app.entity_step(-1)",
            "Prev same entity",
            show=False,
            id="entity.previous",
        ),
        Binding("quotation_mark", "app.quote(1)", "Next quote", show=False, id="quote.next"),
        Binding("apostrophe", "app.quote(-1)", "Prev quote", show=False, id="quote.previous"),
        Binding("n", "app.search_step(1)", "Next hit", id="hit.next"),
        Binding("N", "app.search_step(-1)", "Prev hit", show=False, id="hit.previous"),
        Binding("ctrl+o,alt+left", "app.history(-1)", "Back", show=False, id="history.back"),
        Binding("ctrl+i,alt+right", "app.history(1)", "Forward", show=False, id="history.forward"),
        Binding("r", "app.toggle_removed", "Removed text", show=False, id="removed.toggle"),
        Binding("p", "app.problems", "Problems", show=False, id="problems"),
        Binding("c", "app.compare_current", "Compare", show=False, id="compare"),
        Binding("x", "app.reprints", "Reprints", show=False, id="reprints"),
        Binding("m", "app.correct('merge')", "Merge entity", show=False, id="entity.merge"),
        Binding("R", "app.correct('rename')", "Rename entity", show=False, id="entity.rename"),
        Binding("L", "app.correct('relabel')", "Relabel entity", show=False, id="entity.relabel"),
        Binding("H", "app.correct('hide')", "Hide entity", show=False, id="entity.hide"),
        Binding("u", "app.undo_correction", "Undo correction", show=False, id="correction.undo"),
        Binding("U", "app.unhide", "Unhide entity", show=False, id="entity.unhide"),
        Binding("d", "app.toggle_read_dim", "Dim read", show=False, id="read.dim"),
        Binding("T", "app.timeline", "Timeline", show=False, id="timeline"),
    ]

    def compose(self) -> ComposeResult:
        """Header, the three panes, the indexing bar, the footer."""
        yield Header(icon="≡")
        with Horizontal(id="panes"):
            yield SourceList(id="source-pane")
            with Vertical(id="article-pane"):
                yield ArticleView(id="article")
                yield Legend(id="legend")
            yield XrefPanel(id="xref-pane")
        with Horizontal(id="indexing"):
            yield Label("", id="indexing-label", markup=False)
            yield ProgressBar(id="indexing-bar", show_eta=False)
        yield ReaderFooter()

    def on_mount(self) -> None:
        """Start the reader once the panes exist."""
        app = self.app
        if isinstance(app, ReaderApp):
            app.start()


class ReaderApp(
    LoadingMixin,
    NavigationMixin,
    EntityRowsMixin,
    PanesMixin,
    QuotesMixin,
    SearchMixin,
    CorrectionsMixin,
    ThemesMixin,
    WatchMixin,
    KeymapMixin,
    NoveltyMixin,
    TimelineMixin,
):
    """Three panes: sources | article with highlighted entities | cross-references."""

    CSS_PATH = ["reader.tcss", "panes.tcss"]  # noqa: RUF012 (App declares it)
    HORIZONTAL_BREAKPOINTS = BREAKPOINTS  # dialogs too: -single, -narrow, -wide
    TITLE = "reader"
    COMMANDS = App.COMMANDS | {ArticlesProvider, EntitiesProvider, ThemesProvider}
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("q", "quit", "Quit", id="quit"),
        Binding("t", "next_theme", "Theme", id="theme.next"),
        Binding("question_mark", "help", "Help", id="help"),
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
        super().__init__(paths, index_dir, theme=theme, library=library, state_dir=state_dir)
        for reader_theme in self.reader_themes.values():
            self.register_theme(reader_theme.theme)
        # Set before the stylesheet is first read: set after mounting, it made Textual parse
        # and apply all the CSS a second time before the first frame.
        self.theme = self._initial_theme()

    def get_default_screen(self) -> Screen[Any]:
        """The three-pane screen."""
        return MainScreen()

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
            "Reprints", "Pairs of articles sharing reprinted passages (x)", self.action_reprints
        )
        yield SystemCommand(
            "Compare",
            "This article beside the one it shares most with (c)",
            self.action_compare_current,
        )
        yield SystemCommand(
            "Timeline",
            "Articles by date, with what first appears in each (T)",
            self.action_timeline,
        )
        yield SystemCommand(
            "Dim what was read",
            "Dim or show the passages already read in other articles (d)",
            self.action_toggle_read_dim,
        )
        yield SystemCommand(
            "Removed text", "Show or hide the removed boilerplate", self.action_toggle_removed
        )
        yield SystemCommand(
            "Next theme", "Cycle through the reader's themes", self.action_next_theme
        )
        yield SystemCommand("Re-index", "Bring the index up to date now", self.start_update)
        yield SystemCommand(
            "Undo last correction",
            "Take back the last merge, rename, relabel or hide (u)",
            self.action_undo_correction,
        )
        yield SystemCommand(
            "Unhide an entity", "Show a hidden entity again (U)", self.action_unhide
        )
        yield SystemCommand(
            "Corrections file",
            "Where this corpus's entity corrections are kept",
            self.action_where_corrections,
        )
        yield SystemCommand(
            "Copy article id",
            "Copy the open article's id (for reader xref --article, corrections)",
            self.action_copy_id,
        )

    def action_copy_id(self) -> None:
        """Copy the open article's id to the clipboard (OSC 52) and say which."""
        if self.current is None:
            self.notify("No article is open", timeout=3, markup=False)
            return
        article_id = sanitize_inline(self.current)
        self.copy_to_clipboard(article_id)
        self.notify(f"Copied the article id {article_id}", timeout=4, markup=False)

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
