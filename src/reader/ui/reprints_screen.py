"""`x`: every pair of articles that reprint each other's passages, corpus-wide; and the picker
`c` shows when the current article could be compared with several others."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from reader.domain.model import Relation
from reader.ui.text import plain, shorten

#: Pairs listed at most (the ones sharing the most text).
MAX_PAIRS = 500
#: Characters per word, to say "about N words" from a length in characters.
CHARS_PER_WORD = 6


class ReprintsFound(Message):
    """The worker listed the reprinted pairs (or failed with `error`)."""

    def __init__(self, reprints: Sequence[Any], error: str = "") -> None:
        super().__init__()
        self.reprints = reprints
        self.error = error


def _words(chars: int) -> str:
    return f"~{max(1, round(chars / CHARS_PER_WORD))} words"


class ReprintsScreen(ModalScreen[tuple[str, str] | None]):
    """Pairs of articles with shared passages, most shared first; enter compares them."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,x", "cancel", "Close", id="reprints.close"),
        Binding("j", "cursor(1)", show=False, id="cursor.down"),
        Binding("k", "cursor(-1)", show=False, id="cursor.up"),
    ]

    def __init__(self, library: Any) -> None:
        super().__init__()
        self.library = library
        self.reprints: list[Any] = []

    def compose(self) -> ComposeResult:
        """The note and the list."""
        with Vertical(id="reprints-box", classes="dialog") as box:
            box.border_title = "Reprinted passages"
            box.border_subtitle = "enter compares · escape closes"
            yield Static(Text("Finding reprinted passages…", "dim"), id="reprints-note")
            yield OptionList(id="reprints-list", markup=False)

    def on_mount(self) -> None:
        """Look for the pairs in a worker (it reads every pair's passages)."""
        self.query_one(OptionList).focus()
        library = self.library

        def find() -> None:
            try:
                found = library.reprints()
            except Exception as exc:
                self.post_message(ReprintsFound([], f"{type(exc).__name__}: {exc}"))
                return
            self.post_message(ReprintsFound(found))

        self.run_worker(find, thread=True, name="reprints", exclusive=True)

    def on_reprints_found(self, message: ReprintsFound) -> None:
        """List the pairs."""
        note = self.query_one("#reprints-note", Static)
        if message.error:
            note.update(plain(f"Could not list the reprints: {message.error}"))
            return
        self.reprints = list(message.reprints)[:MAX_PAIRS]
        total = len(message.reprints)
        if not total:
            note.update(Text("No two articles share a reprinted passage.", "dim"))
            return
        shown = f", the {len(self.reprints)} sharing most listed" if total > MAX_PAIRS else ""
        note.update(
            Text(
                f"{total} pairs of articles share passages{shown}. "
                "In the article pane, c compares with the most related article.",
                "dim",
            )
        )
        options = []
        for index, rep in enumerate(self.reprints):
            row = Text()
            row.append_text(self._article(rep.a))
            row.append("\n  ⇄ ", "dim")
            row.append_text(self._article(rep.b))
            count = f"{rep.passages} shared passage{'s' if rep.passages != 1 else ''}"
            row.append(f"\n  {count} · {_words(rep.chars)}", "dim")
            options.append(Option(row, id=str(index)))
        widget = self.query_one(OptionList)
        widget.set_options(options)
        widget.highlighted = 0

    def _article(self, article_id: str) -> Text:
        try:
            info = self.library.info(article_id)
        except KeyError:
            return plain(article_id)
        out = plain(shorten(info.title, 80), "bold")
        if info.source:
            out.append("  ")
            out.append_text(plain(shorten(info.source, 30), "dim"))
        return out

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        """Enter: compare the two articles."""
        event.stop()
        rep = self.reprints[int(event.option.id or 0)]
        self.dismiss((rep.a, rep.b))

    def action_cursor(self, delta: int) -> None:
        """j / k."""
        widget = self.query_one(OptionList)
        if delta > 0:
            widget.action_cursor_down()
        else:
            widget.action_cursor_up()

    def action_cancel(self) -> None:
        """Close."""
        self.dismiss(None)


class ComparePicker(ModalScreen[str | None]):
    """`c` with several candidates: which related article to compare with."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="dialog.cancel"),
        Binding("j", "cursor(1)", show=False, id="cursor.down"),
        Binding("k", "cursor(-1)", show=False, id="cursor.up"),
    ]

    def __init__(self, library: Any, relations: Sequence[Relation]) -> None:
        super().__init__()
        self.library = library
        self.relations = list(relations)

    def compose(self) -> ComposeResult:
        """The list of related articles, most related first."""
        with Vertical(id="reprints-box", classes="dialog") as box:
            box.border_title = "Compare with…"
            box.border_subtitle = "enter compares · escape cancels"
            yield OptionList(id="reprints-list", markup=False)

    def on_mount(self) -> None:
        """Fill the list."""
        options = []
        for rel in self.relations:
            try:
                title = self.library.info(rel.article).title
            except KeyError:
                title = rel.article
            row = plain(shorten(title, 80), "bold")
            n = len(rel.shared_passages)
            detail = f"{n} shared passage{'s' if n != 1 else ''}" if n else "no shared passage"
            row.append(f"\n  {detail} · {len(rel.shared_entities)} shared entities", "dim")
            options.append(Option(row, id=rel.article))
        widget = self.query_one(OptionList)
        widget.set_options(options)
        widget.highlighted = 0 if options else None
        widget.focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        """Enter: compare with this one."""
        event.stop()
        self.dismiss(event.option.id)

    def action_cursor(self, delta: int) -> None:
        """j / k."""
        widget = self.query_one(OptionList)
        if delta > 0:
            widget.action_cursor_down()
        else:
            widget.action_cursor_up()

    def action_cancel(self) -> None:
        """Cancel."""
        self.dismiss(None)
