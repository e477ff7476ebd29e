"""`c`: two related articles side by side, paragraphs aligned, differences marked."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, ClassVar

from rich.style import Style
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Static

from reader.domain.model import Article
from reader.domain.sanitize import sanitize
from reader.ui.text import plain

DELETED = Style(strike=True, bold=True, color="red")
INSERTED = Style(underline=True, bold=True, color="green")
REPLACED_A = Style(strike=True, color="yellow")
REPLACED_B = Style(underline=True, color="yellow")


def _side(text: str, span: tuple[int, int] | None, ops: Sequence[Any], left: bool) -> Text:
    if span is None:
        return Text("")
    start, end = span
    out = Text(sanitize(text[start:end]).replace("\t", " "))
    for op in ops:
        kind = op.kind
        a, b = (op.a_start, op.a_end) if left else (op.b_start, op.b_end)
        if kind == "equal" or b <= a:
            continue
        if left and kind == "delete":
            style = DELETED
        elif not left and kind == "insert":
            style = INSERTED
        elif kind == "replace":
            style = REPLACED_A if left else REPLACED_B
        else:
            continue
        out.stylize(style, max(0, a - start), max(0, b - start))
    return out


def compare_table(a: Article, b: Article, pairs: Sequence[Any]) -> Table:
    """A two-column table: one row per aligned paragraph pair, with similarity."""
    table = Table(
        box=None, expand=True, show_header=True, padding=(0, 1, 1, 1), header_style="bold"
    )
    table.add_column(plain(a.title), ratio=1, overflow="fold")
    table.add_column("≈", width=4, justify="right", style="dim")
    table.add_column(plain(b.title), ratio=1, overflow="fold")
    for pair in pairs:
        left = _side(a.text, pair.a, pair.ops, left=True)
        right = _side(b.text, pair.b, pair.ops, left=False)
        if pair.a is None:
            left = Text("(only on the right)", "dim italic")
        if pair.b is None:
            right = Text("(only on the left)", "dim italic")
        sim = f"{round(pair.similarity * 100)}%" if pair.a and pair.b else ""
        table.add_row(left, sim, right)
    return table


Aligner = Callable[[Article, Article], Sequence[Any]]


def default_aligner() -> Aligner | None:
    """The domain's paragraph aligner, if it is installed."""
    try:
        from reader.domain.xref.align import align
    except ImportError:
        return None
    return align  # type: ignore[no-any-return]


class CompareScreen(Screen[None]):
    """The compare view; escape (or `c`) returns to the reader."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,c", "close", "Back"),
        Binding("j,down", "scroll(1)", "Down", show=False),
        Binding("k,up", "scroll(-1)", "Up", show=False),
        Binding("g", "top", "Top", show=False),
        Binding("G", "bottom", "Bottom", show=False),
    ]

    def __init__(self, a: Article, b: Article, pairs: Sequence[Any]) -> None:
        super().__init__()
        self.a = a
        self.b = b
        self.pairs = pairs

    def compose(self) -> ComposeResult:
        """Legend, the aligned table, a footer."""
        legend = Text("Compare · ")
        legend.append("only left", DELETED)
        legend.append(" · ")
        legend.append("only right", INSERTED)
        legend.append(" · ")
        legend.append("changed", REPLACED_B)
        legend.append(f" · {len(self.pairs)} aligned paragraphs", "dim")
        yield Static(legend, id="compare-legend", markup=False)
        with VerticalScroll(id="compare-body"):
            yield Static(
                compare_table(self.a, self.b, self.pairs), id="compare-table", markup=False
            )
        yield Footer()

    def action_scroll(self, lines: int) -> None:
        """Scroll the table."""
        self.query_one("#compare-body", VerticalScroll).scroll_relative(y=lines, animate=False)

    def action_top(self) -> None:
        """Top."""
        self.query_one("#compare-body", VerticalScroll).scroll_home(animate=False)

    def action_bottom(self) -> None:
        """Bottom."""
        self.query_one("#compare-body", VerticalScroll).scroll_end(animate=False)

    def action_close(self) -> None:
        """Back to the reader."""
        self.dismiss(None)
