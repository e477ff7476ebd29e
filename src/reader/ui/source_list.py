"""The source list: every article with read mark, title, date, source and entity count.

`s` switches the order between date and title; typing any other letter (or `f`) filters.
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.widgets import Input, OptionList
from textual.widgets.option_list import Option

from reader.domain.model import Article
from reader.domain.textnorm import fold_key
from reader.ui.keys import COMMAND_CHARACTERS
from reader.ui.messages import ArticleChosen
from reader.ui.text import plain

UNREAD = "●"
READ = "·"


class SourceOptions(OptionList):
    """The list itself; letters that are not commands go to the filter box."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j", "cursor_down", "Down", show=False),
        Binding("k", "cursor_up", "Up", show=False),
        Binding("g", "first", "Top", show=False),
        Binding("G", "last", "Bottom", show=False),
    ]

    def on_key(self, event: events.Key) -> None:
        """Start filtering on a printable character that is not a command key."""
        char = event.character
        if (
            char
            and event.is_printable
            and char not in COMMAND_CHARACTERS
            and not char.isspace()
        ):
            parent = self.parent
            if isinstance(parent, SourceList):
                event.stop()
                event.prevent_default()
                parent.start_filter(char)


class FilterInput(Input):
    """The filter box above the list (escape clears it, ↓ and enter go back to the list)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "leave(True)", "Clear filter", show=False),
        Binding("down", "leave(False)", "List", show=False),
    ]

    def action_leave(self, clear: bool) -> None:
        """Return to the list (clearing the filter on escape)."""
        if clear:
            self.value = ""
        parent = self.parent
        if isinstance(parent, SourceList):
            parent.options.focus()


class SourceList(Vertical):
    """Filter box plus the list of articles; posts `ArticleChosen` on enter or click."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("s", "toggle_sort", "Sort"),
        Binding("f", "start_filter", "Filter"),
    ]

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.articles: list[Article] = []
        self.entity_counts: dict[str, int] = {}
        self.read: set[str] = set()
        self.current: str | None = None
        self.sort_by = "date"
        self._date_order: list[str] = []
        self._shown: list[str] = []

    def compose(self) -> ComposeResult:
        """The filter box and the list."""
        yield FilterInput(placeholder="filter (type)", id="filter", compact=True,
                          select_on_focus=False)
        yield SourceOptions(id="sources", markup=False)

    @property
    def options(self) -> SourceOptions:
        """The option list widget."""
        return self.query_one(SourceOptions)

    @property
    def shown(self) -> list[str]:
        """Article ids currently listed, in display order."""
        return list(self._shown)

    def set_articles(
        self, articles: list[Article], entity_counts: dict[str, int], read: set[str]
    ) -> None:
        """Replace the list (articles in reading order)."""
        self.articles = articles
        self._date_order = [a.id for a in articles]
        self.entity_counts = entity_counts
        self.read = set(read)
        self._rebuild()

    def _row(self, article: Article) -> Text:
        mark = READ if article.id in self.read else UNREAD
        row = Text(no_wrap=False)
        row.append(mark + " ", "bold" if mark == UNREAD else "dim")
        if article.title_derived:
            row.append("≈ ", "dim")
            row.append_text(plain(article.title, "italic"))
        else:
            row.append_text(plain(article.title, "bold" if mark == UNREAD else ""))
        details = [article.date or "undated"]
        if article.source:
            details.append(article.source)
        details.append(f"{self.entity_counts.get(article.id, 0)} entities")
        row.append("\n  ")
        row.append_text(plain(" · ".join(details), "dim"))
        return row

    def _ordered(self) -> list[Article]:
        by_id = {a.id: a for a in self.articles}
        if self.sort_by == "title":
            return sorted(self.articles, key=lambda a: (fold_key(a.title), a.id))
        return [by_id[i] for i in self._date_order]

    def _rebuild(self) -> None:
        query = fold_key(self.query_one(FilterInput).value) if self.is_mounted else ""
        rows = [
            a
            for a in self._ordered()
            if not query or query in fold_key(f"{a.title} {a.source or ''} {a.date or ''}")
        ]
        options = self.options
        keep = options.highlighted_option.id if options.highlighted_option else self.current
        self._shown = [a.id for a in rows]
        options.set_options(Option(self._row(a), id=a.id) for a in rows)
        if keep in self._shown:
            options.highlighted = self._shown.index(keep)
        elif self._shown:
            options.highlighted = 0

    def mark(self, article_id: str, *, current: bool = True) -> None:
        """Mark `article_id` as read (and current), updating its row in place."""
        self.read.add(article_id)
        if current:
            self.current = article_id
        if article_id in self._shown:
            article = next(a for a in self.articles if a.id == article_id)
            self.options.replace_option_prompt(article_id, self._row(article))
            if current:
                self.options.highlighted = self._shown.index(article_id)

    def action_toggle_sort(self) -> None:
        """`s`: sort by title or by date."""
        self.sort_by = "title" if self.sort_by == "date" else "date"
        self._rebuild()
        self.app.notify(f"Sources sorted by {self.sort_by}", timeout=2)

    def action_start_filter(self) -> None:
        """`f`: focus the filter box."""
        self.start_filter("")

    def start_filter(self, char: str) -> None:
        """Focus the filter box, typing `char` into it."""
        box = self.query_one(FilterInput)
        box.focus()
        if char:
            box.insert_text_at_cursor(char)

    def on_input_changed(self, event: Input.Changed) -> None:
        """Filter as the user types."""
        event.stop()
        self._rebuild()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """Enter in the filter box opens the first match."""
        event.stop()
        if self._shown:
            options = self.options
            index = options.highlighted or 0
            self.post_message(ArticleChosen(self._shown[index]))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        """Enter or click on a row opens the article."""
        event.stop()
        if event.option.id:
            self.post_message(ArticleChosen(event.option.id))
