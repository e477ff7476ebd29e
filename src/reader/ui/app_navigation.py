"""Navigation: show an article, jump to a place (with the jump history), walk mentions and
follow an entity across the corpus."""

from __future__ import annotations

from reader.domain.sanitize import sanitize_inline
from reader.ui.app_base import ReaderBase
from reader.ui.article_view import ArticleView
from reader.ui.history import Location
from reader.ui.source_list import SourceList


class NavigationMixin(ReaderBase):
    """Where the reader is, and every way of going somewhere else."""

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
            view.set_quotes(self.quotes_of(article_id))
            self.state.mark_read(self.corpus, article_id)
            self.query_one(SourceList).mark(article_id)
            self._novelty_read(article_id)
            self._related_for(article_id)
            self._apply_search_highlight()
            self.state.set_position(self.corpus, article_id, 0)

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
        """] / [: next or previous mention of the selected entity, across articles (one or
        two articles' mention lists are read, whatever the size of the corpus)."""
        view = self.query_one(ArticleView)
        mention = view.selected_mention
        entity_id = mention.entity if mention is not None else self.selected_entity
        if entity_id is None or self.current is None or self.library is None:
            self.notify(
                "Select a mention first (e or enter), then ] follows its entity.", timeout=3
            )
            return
        if mention is not None and mention.entity == entity_id:
            fld, offset = mention.field, mention.start
        else:  # from the top of the screen: the first mention at or below it (above it)
            top = view.top_offset() or 0
            fld, offset = "text", (top - 1 if delta > 0 else top)
        try:
            found = self.library.step_entity(entity_id, self.current, fld, offset, delta)
        except Exception as exc:  # an unreadable row
            self.log.warning(f"step_entity() failed: {exc!r}")
            found = None
        if found is None:
            return
        if found.wrapped:  # past either end of the corpus: say so
            ent = self.library.entities.get(entity_id)
            name = sanitize_inline(ent.name) if ent else entity_id
            where = "first" if delta > 0 else "last"
            self.notify(f"Wrapped to the {where} mention of {name}.", timeout=2, markup=False)
        ref = found.ref
        self.goto(Location(ref.article, ref.field, ref.start), record=ref.article != self.current)

    def goto_entity(self, entity_id: str) -> None:
        """Palette: jump to the entity's first mention."""
        if self.library is None:
            return
        found = self.library.step_entity(entity_id, "", "title", -1, 1)
        if found is not None:
            ref = found.ref
            self.goto(Location(ref.article, ref.field, ref.start))

    def open_from_palette(self, article_id: str) -> None:
        """Palette: open an article."""
        self.goto(Location(article_id))

    # -- actions: history, removed text, help, problems ---------------------------------------
    def action_history(self, delta: int) -> None:
        """ctrl+o / ctrl+i: back or forward in the jump history."""
        here = self.here()
        target = self.history.back(here) if delta < 0 else self.history.forward(here)
        if target is None:
            self.notify("No earlier jump." if delta < 0 else "No later jump.", timeout=2)
            return
        self.goto(target, record=False)
