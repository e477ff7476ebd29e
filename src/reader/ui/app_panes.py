"""The panes: focus between them, the cross-reference panel's content, messages the panes post,
and the screens opened from them (compare, help, problems)."""

from __future__ import annotations

import contextlib
from typing import Any

from textual import on
from textual.css.query import NoMatches
from textual.widget import Widget

from reader.domain.model import Relation
from reader.ui.app_base import ReaderBase
from reader.ui.article_view import ArticleView
from reader.ui.history import Location
from reader.ui.messages import (
    ArticleChosen,
    ClearEntity,
    CompareRequested,
    JumpRequested,
    RelatedReady,
)
from reader.ui.related_finder import related_or_none
from reader.ui.source_list import SourceList, SourceOptions
from reader.ui.xref_panel import XrefOptions, XrefPanel

# Up to this many articles, related articles are computed on the spot (no "finding…" flash);
# beyond, in a thread worker (the first call scores the article against the whole corpus).
RELATED_SYNC_MAX = 100


class PanesMixin(ReaderBase):
    """Focus, the panel, pane messages and the screens opened from the panes."""

    def _related_for(self, article_id: str) -> None:
        """Fill the panel for `article_id`; related articles come from a worker unless the
        corpus is small (computing them compares the article with every other one)."""
        panel = self.query_one(XrefPanel)
        library = self.library
        relations: list[Relation] | None = []
        if library is not None:
            relations = self._related_cache.get(article_id)
            if relations is None and len(library.articles) <= RELATED_SYNC_MAX:
                relations = related_or_none(library, article_id, self.log.warning)
                self._related_cache[article_id] = relations
        entity = library.entities.get(self.selected_entity or "") if library else None
        following = entity is not None and not entity.hidden
        panel.show_article(article_id, relations, rebuild=not following)
        if relations is None and library is not None:
            # once the article is on screen: the search competes with painting it
            self.call_after_refresh(self._related_finder.request, library, article_id)
        if entity is not None and following:
            self.show_entity_rows(entity)
        elif self.selected_entity is not None:  # gone (merged away) or hidden since
            self.selected_entity = None

    def on_related_ready(self, message: RelatedReady) -> None:
        """A worker found the related articles: list them if that article is still shown."""
        if message.library is not self.library:
            return
        self._related_cache[message.article] = message.relations
        if message.article == self.current:
            with contextlib.suppress(NoMatches):  # arriving while the app shuts down
                self.query_one(XrefPanel).set_relations(message.article, message.relations)

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
            self.show_entity_rows(entity)
        panel.set_current(message.article, message.mention.field, message.mention.start)
        self.state.set_position(self.corpus, message.article, message.mention.start)

    @on(ClearEntity)
    def _clear_entity(self, message: ClearEntity) -> None:
        """escape: no entity selected; the panel lists the article's related articles."""
        view = self.query_one(ArticleView)
        mention = view.selected_mention
        if mention is not None:
            view.clear_selection(anchor=(mention.field, mention.end))
        had = self.selected_entity is not None or self.query_one(XrefPanel).entity is not None
        self.selected_entity = None
        if self.current is not None:
            self._related_for(self.current)
        if had:
            self.notify("Entity cleared: the panel lists related articles.", timeout=2)

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

    def action_toggle_removed(self) -> None:
        """r: show or hide the removed boilerplate."""
        view = self.query_one(ArticleView)
        top = view.top_offset()
        view.set_show_removed(not view.show_removed)
        if view.show_removed:
            # it sits above the text: bring it into view; `r` again comes back here
            self._reading_top = top
            view.scroll_to_removed()
            self.notify("Showing the removed text (dimmed, ⌫); r hides it.", timeout=2)
            return
        if self._reading_top is not None:
            view.scroll_to_offset("text", self._reading_top)
            self._reading_top = None
        self.notify("Removed text hidden.", timeout=2)

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

    # -- compare and reprints --------------------------------------------------------------
    def action_compare_current(self) -> None:
        """c (article or list): compare with the related article sharing passages; ask which
        when several do; with none, the most related article."""
        library, current = self.library, self.current
        if library is None or current is None:
            return
        relations = self._related_cache.get(current)
        if relations is None:
            if len(library.articles) > RELATED_SYNC_MAX:
                self.notify("Still finding the related articles; try again in a moment.")
                return
            relations = related_or_none(library, current, self.log.warning)
            self._related_cache[current] = relations
        reprinted = [r for r in relations if r.shared_passages]
        if len(reprinted) == 1:
            self.open_compare(reprinted[0].article)
        elif reprinted:
            from reader.ui.reprints_screen import ComparePicker

            def chosen(other: str | None) -> None:
                if other is not None:
                    self.open_compare(other)

            self.push_screen(ComparePicker(library, reprinted), chosen)
        elif relations:
            self.notify("No reprinted passage: comparing with the most related article.")
            self.open_compare(relations[0].article)
        else:
            self.notify("No related article to compare with.", timeout=3)

    def action_reprints(self) -> None:
        """x: every pair of articles sharing reprinted passages; enter compares them."""
        if self.library is None:
            self.notify("The corpus is still opening.", timeout=2)
            return
        from reader.ui.reprints_screen import ReprintsScreen

        def chosen(pair: tuple[str, str] | None) -> None:
            if pair is not None:
                self.goto(Location(pair[0]))
                self.open_compare(pair[1])

        self.push_screen(ReprintsScreen(self.library), chosen)

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
        try:
            passages = self.library.shared_passages(a.id, b.id)
        except Exception:
            passages = []
        self.push_screen(CompareScreen(a, b, pairs, passages))
