"""The search session: `/` opens the dialog; the chosen result's hits are walked with `n`/`N`
across articles, fetching more articles' hits from a worker when the first ones run out."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from reader.domain.model import Hit, Match, SearchResult
from reader.domain.sanitize import sanitize_inline
from reader.ui.app_base import ReaderBase
from reader.ui.article_view import ArticleView
from reader.ui.history import Location
from reader.ui.messages import MoreHits, SearchIndexDamaged


class SearchMixin(ReaderBase):
    """The search dialog and the hits walked with n / N."""

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

    def _hit_matches(self, hits: Iterable[Hit]) -> list[tuple[str, Match]]:
        """The hits' matches in walking order (headline first). A headline derived from the
        text repeats its first words: a match there that the text has at the same place is
        walked once, in the text (where the mentions are)."""
        out: list[tuple[str, Match]] = []
        for hit in hits:
            derived = self._title_derived(hit.article)
            in_text = {(m.start, m.end) for m in hit.matches if m.field == "text"}
            for match in sorted(hit.matches, key=lambda m: (m.field != "title", m.start)):
                if derived and match.field == "title" and (match.start, match.end) in in_text:
                    continue
                out.append((hit.article, match))
        return out

    def _title_derived(self, article_id: str) -> bool:
        try:
            return bool(self.library is not None and self.library.info(article_id).title_derived)
        except KeyError:
            return False

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
        view = self.query_one(ArticleView)
        if first is None:
            self.search_pos = -1
            self.goto(Location(result.hits[choice.hit].article))
            self._apply_search_highlight()
        else:
            self._goto_hit(first)
        view.focus()  # the reader reads next: keys go to the article

    def _goto_hit(self, pos: int, note: str = "") -> None:
        """Go to hit `pos`; a hit inside an entity mention selects that mention (the panel
        shows the entity, `]` follows it, `e` continues from it)."""
        self.search_pos = pos
        article, match = self.search_hits[pos]
        self.goto(
            Location(article, match.field, match.start),
            record=article != self.current or pos == 0,
        )
        self._apply_search_highlight()
        self.query_one(ArticleView).scroll_to_offset(match.field, match.start, center=True)
        count = len(self.search_hits)
        note = (note + " " if note else "") + f"Hit {pos + 1} of {count}"
        result = self.search_result
        if result is not None and result.total > len(result.hits):
            about = "" if result.total_exact else "about "
            note += f" in the best {len(result.hits)} of {about}{result.total} articles"
        self.notify(note + ".", timeout=2 if "Wrapped" in note else 1.5)

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
        if not 0 <= pos < len(self.search_hits):  # past either end: wrap around, like ]
            pos %= len(self.search_hits)
            where = "first" if delta > 0 else "last"
            self._goto_hit(pos, f"Wrapped to the {where} hit.")
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
        self.search_result = SearchResult(
            result.query, total, hits, result.suggestion, answer.total_exact or not new
        )
        if not new:
            if self.search_hits:
                self._goto_hit(0, "Wrapped to the first hit.")
            return
        first_new = len(self.search_hits)
        self.search_hits.extend(self._hit_matches(new))
        if first_new < len(self.search_hits):
            self._goto_hit(first_new)
        else:  # the new articles match without positions (e.g. by entity): open the first
            self.goto(Location(new[0].article))
