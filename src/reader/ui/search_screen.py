"""`/`: full-text search with results (title, snippet with hits, hit count, did-you-mean).

A rejected query shows the parser's message next to the box. `enter` on a result (or in the box)
jumps to the hit; the app then walks all hits with `n` / `N`. Only the best `SEARCH_LIMIT`
articles are asked for (snippets and match offsets cost per hit); `n` past the last loaded hit
asks the library for the next ones.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, ClassVar

from rich.style import Style
from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option
from textual.worker import get_current_worker

from reader.domain.model import SearchResult
from reader.domain.sanitize import sanitize_inline
from reader.domain.textnorm import fold_key
from reader.ui.messages import SearchIndexDamaged
from reader.ui.text import one_line, plain, shorten

SEARCH_LIMIT = 20  # hits asked for (with snippets and match offsets); `n` at the end asks for more
_TERM = re.compile(r"[\w’']+", re.UNICODE)
_OPERATORS = {"and", "or", "not", "to", "et", "ou"}


@dataclass(frozen=True)
class SearchChoice:
    """What the search screen returns: the result set and the chosen hit."""

    result: SearchResult
    hit: int


def query_terms(query: str) -> list[str]:
    """Folded words of `query` (field prefixes and boolean operators dropped)."""
    words = []
    for raw in _TERM.findall(re.sub(r"\b\w+:", " ", query)):
        folded = fold_key(raw)
        if folded and folded not in _OPERATORS:
            words.append(folded)
    return words


def style_snippet(snippet: str, terms: list[str], style: Style, limit: int = 220) -> Text:
    """The snippet as plain text with words that start like a query term styled."""
    snippet = shorten(one_line(snippet), limit)
    text = Text(snippet)
    stems = [t[: max(3, len(t) - 2)] for t in terms]
    for match in _TERM.finditer(snippet):
        word = fold_key(match.group())
        if any(word.startswith(stem) for stem in stems if stem):
            text.stylize(style, match.start(), match.end())
    return text


def run_search(
    library: Any,
    query: str,
    limit: int = SEARCH_LIMIT,
    on_damage: Callable[[], None] | None = None,
) -> SearchResult | str:
    """The library's answer, or the message of a rejected query. A damaged search index
    (not a rejected query) calls `on_damage` so that the index can be rebuilt."""
    from reader.domain.search import QueryError, SearchError

    try:
        return library.search(query, limit)  # type: ignore[no-any-return]
    except QueryError as exc:
        return sanitize_inline(str(exc)) or "query rejected"
    except SearchError as exc:
        if on_damage is not None:
            on_damage()
        return sanitize_inline(f"The search index is damaged; rebuilding it ({exc}).")
    except RuntimeError as exc:
        return sanitize_inline(str(exc)) or "search is not available yet"


class SearchScreen(ModalScreen[SearchChoice | None]):
    """A query box, a message line and the results list."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Close", id="search.close"),
        Binding("down", "to_results", "Results", show=False, id="search.results"),
    ]

    def __init__(self, library: Any, query: str = "", hit_style: Style | None = None) -> None:
        super().__init__()
        self.library = library
        self.initial = query
        self.hit_style = hit_style or Style(bold=True, reverse=True)
        self.result: SearchResult | None = None
        self._suggestion: str | None = None

    def compose(self) -> ComposeResult:
        """Box, message, results."""
        with Vertical(id="search-box", classes="dialog") as box:
            box.border_title = "Search"
            box.border_subtitle = "enter jumps · ↓ results · escape closes"
            yield Input(
                value=self.initial, placeholder='words, "a phrase", entity:Name …', id="query"
            )
            yield Static("", id="search-message", markup=False)
            yield OptionList(id="results", markup=False)

    def on_mount(self) -> None:
        """Focus the box."""
        self.query_one("#query", Input).focus()

    # -- searching --------------------------------------------------------------------------
    def _damaged(self) -> None:
        """Tell the app the search index needs rebuilding (safe from any thread)."""
        self.app.post_message(SearchIndexDamaged())

    def on_input_changed(self, event: Input.Changed) -> None:
        """Search as the user types (in a thread; the newest query wins)."""
        event.stop()
        if event.value.strip():
            self._search_in_background(event.value)
        else:
            self._show("")

    @work(thread=True, exclusive=True, group="search")
    def _search_in_background(self, query: str) -> None:
        answer = run_search(self.library, query, on_damage=self._damaged)
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self._show_answer, query, answer)

    def _show_answer(self, query: str, answer: SearchResult | str) -> None:
        if self.query_one("#query", Input).value == query:
            self._show(query, answer)

    def _show(self, query: str, answer: SearchResult | str | None = None) -> None:
        message = self.query_one("#search-message", Static)
        results = self.query_one("#results", OptionList)
        self._suggestion = None
        if answer is None or isinstance(answer, str):
            self.result = None
            results.clear_options()
            message.set_class(isinstance(answer, str), "-error")
            message.update(Text(answer or "", "bold") if answer else "")
            return
        self.result = answer
        message.remove_class("-error")
        # An estimated total (a phrase with many candidates: `search.phrase_top`) says so.
        about = "" if answer.total_exact else "about "
        status = Text(f"{about}{answer.total} article{'s' if answer.total != 1 else ''} match")
        if answer.total > len(answer.hits):
            status.append(
                f" · best {len(answer.hits)} of {about}{answer.total} listed (n goes on past them)",
                "dim",
            )
        message.update(status)
        terms = query_terms(query)
        options: list[Option] = []
        if answer.suggestion and sanitize_inline(answer.suggestion) != query:
            self._suggestion = sanitize_inline(answer.suggestion)
            prompt = Text("Did you mean ", "italic")
            prompt.append_text(plain(self._suggestion, "bold"))
            prompt.append("?", "italic")
            options.append(Option(prompt, id="suggestion"))
        for index, hit in enumerate(answer.hits):
            row = plain(shorten(hit.title, 90), "bold")
            count = len(hit.matches)
            row.append(f"  {count} hit{'s' if count != 1 else ''}", "dim")
            row.append("\n")
            row.append_text(style_snippet(hit.snippet, terms, self.hit_style))
            options.append(Option(row, id=f"hit{index}"))
        results.set_options(options)
        if options:
            results.highlighted = 0

    # -- choosing ---------------------------------------------------------------------------
    def on_input_submitted(self, event: Input.Submitted) -> None:
        """Enter in the box: search now and jump to the first (or highlighted) result."""
        event.stop()
        query = event.value.strip()
        if not query:
            return
        self.workers.cancel_group(self, "search")
        answer = run_search(self.library, query, on_damage=self._damaged)
        self._show(query, answer)
        if isinstance(answer, SearchResult) and answer.hits:
            self.dismiss(SearchChoice(answer, 0))
        elif isinstance(answer, SearchResult) and not self._suggestion:
            self.query_one("#search-message", Static).update(Text("No article matches.", "bold"))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        """Enter on a result jumps; on the suggestion it searches for it."""
        event.stop()
        oid = event.option.id or ""
        if oid == "suggestion" and self._suggestion:
            box = self.query_one("#query", Input)
            box.value = self._suggestion
            box.focus()
            self._show(
                self._suggestion,
                run_search(self.library, self._suggestion, on_damage=self._damaged),
            )
        elif oid.startswith("hit") and self.result is not None:
            self.dismiss(SearchChoice(self.result, int(oid[3:])))

    def action_to_results(self) -> None:
        """↓ from the box moves into the results."""
        self.query_one("#results", OptionList).focus()

    def action_close(self) -> None:
        """Escape: close without jumping."""
        self.dismiss(None)
