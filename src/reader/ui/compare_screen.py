"""`c`: two related articles side by side, paragraphs aligned, differences marked; `s`/`d`
step through the shared and the changed paragraphs."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, ClassVar

from rich.style import Style
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Static

from reader.domain.model import Article, SharedPassage
from reader.domain.sanitize import sanitize
from reader.ui.footer import ReaderFooter
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


#: Paragraph pairs at least this alike count as shared (reprinted) text.
SHARED_SIMILARITY = 0.8
#: Paragraph pairs at least this alike, with words that differ, count as changed (an edited
#: reprint); less alike, the two paragraphs are just different text.
CHANGED_SIMILARITY = 0.3


def _overlaps(span: tuple[int, int] | None, spans: Sequence[tuple[int, int]]) -> bool:
    return span is not None and any(s < span[1] and span[0] < e for s, e in spans)


def pair_marks(pair: Any, passages: Sequence[SharedPassage] = ()) -> tuple[bool, bool]:
    """(shared, changed) for an aligned pair: shared when either side holds a reprinted
    passage (or the two are near-identical); changed when the two sides are alike (an edited
    reprint or rewrite) but their words differ."""
    shared = (
        _overlaps(pair.a, [(p.start, p.end) for p in passages])
        or _overlaps(pair.b, [(p.other_start, p.other_end) for p in passages])
        or (pair.a is not None and pair.b is not None and pair.similarity >= SHARED_SIMILARITY)
    )
    changed = (
        pair.a is not None
        and pair.b is not None
        and pair.similarity >= CHANGED_SIMILARITY
        and any(op.kind != "equal" for op in pair.ops)
    )
    return shared, changed


def legend() -> Text:
    """The line above the compare view: what the styles and the ≈ column mean."""
    out = Text("⇄ shared · ≈ alike · ")
    out.append("only left", DELETED)
    out.append(" · ")
    out.append("only right", INSERTED)
    out.append(" · ")
    out.append("changed", REPLACED_B)
    return out


Aligner = Callable[[Article, Article], Sequence[Any]]


def default_aligner() -> Aligner | None:
    """The domain's paragraph aligner, if it is installed."""
    try:
        from reader.domain.xref.align import align
    except ImportError:
        return None
    return align  # type: ignore[no-any-return]


class CompareScreen(Screen[None]):
    """The compare view, one row per aligned paragraph pair; escape (or `c`) returns.

    `s`/`S` go to the next/previous shared paragraph, `d`/`D` to the next/previous changed
    one (alike on both sides but edited); the row reached is marked.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,c", "close", "Back", id="compare.close"),
        Binding("s", "step('shared', 1)", "Next shared", id="compare.next_shared"),
        Binding("S", "step('shared', -1)", "Prev shared", show=False, id="compare.previous_shared"),
        Binding("d", "step('changed', 1)", "Next changed", id="compare.next_changed"),
        Binding(
            "D", "step('changed', -1)", "Prev changed", show=False, id="compare.previous_changed"
        ),
        Binding("j,down", "scroll(1)", "Down", show=False, id="cursor.down"),
        Binding("k,up", "scroll(-1)", "Up", show=False, id="cursor.up"),
        Binding("pagedown,space", "page(1)", "Page down", show=False, id="page.down"),
        Binding("pageup", "page(-1)", "Page up", show=False, id="page.up"),
        Binding("g", "top", "Top", show=False, id="cursor.top"),
        Binding("G", "bottom", "Bottom", show=False, id="cursor.bottom"),
    ]

    def __init__(
        self,
        a: Article,
        b: Article,
        pairs: Sequence[Any],
        passages: Sequence[SharedPassage] = (),
    ) -> None:
        super().__init__()
        self.a = a
        self.b = b
        self.pairs = list(pairs)
        marks = [pair_marks(p, passages) for p in self.pairs]
        self.shared = [m[0] for m in marks]
        self.changed = [m[1] for m in marks]
        self.cursor = -1

    def compose(self) -> ComposeResult:
        """Legend, a header row, one row per aligned pair, a footer."""
        shared = sum(self.shared)
        changed = sum(self.changed)
        line = legend()
        line.append(f" · {shared} shared, {changed} changed of {len(self.pairs)} ¶", "dim")
        yield Static(line, id="compare-legend", markup=False)
        with VerticalScroll(id="compare-body"):
            with Horizontal(classes="compare-row compare-head"):
                yield Static(plain(self.a.title, "bold"), classes="compare-side", markup=False)
                yield Static(Text("≈", "dim"), classes="compare-sim", markup=False)
                yield Static(plain(self.b.title, "bold"), classes="compare-side", markup=False)
            for index, pair in enumerate(self.pairs):
                left = _side(self.a.text, pair.a, pair.ops, left=True)
                right = _side(self.b.text, pair.b, pair.ops, left=False)
                if pair.a is None:
                    left = Text("(only on the right)", "dim italic")
                if pair.b is None:
                    right = Text("(only on the left)", "dim italic")
                sim = f"{round(pair.similarity * 100)}%" if pair.a and pair.b else ""
                marks = " -shared" if self.shared[index] else ""
                marks += " -changed" if self.changed[index] else ""
                with Horizontal(classes="compare-row" + marks, id=f"pair-{index}"):
                    yield Static(left, classes="compare-side", markup=False)
                    cell = Text(sim, "dim")
                    if self.shared[index]:
                        cell = Text.assemble(("⇄", "bold"), "\n", cell)
                    yield Static(cell, classes="compare-sim", markup=False)
                    yield Static(right, classes="compare-side", markup=False)
        yield ReaderFooter()

    def action_step(self, which: str, delta: int) -> None:
        """Go to the next (`delta=1`) or previous shared or changed paragraph pair (wrapping)."""
        marks = self.shared if which == "shared" else self.changed
        hits = [i for i, on in enumerate(marks) if on]
        name = "shared" if which == "shared" else "changed"
        if not hits:
            self.notify(f"No {name} paragraphs in these two articles.", timeout=2)
            return
        if delta > 0:
            later = [i for i in hits if i > self.cursor]
            target = later[0] if later else hits[0]
        else:
            earlier = [i for i in hits if i < self.cursor] if self.cursor >= 0 else []
            target = earlier[-1] if earlier else hits[-1]
        wrapped = (delta > 0 and target <= self.cursor) or (delta < 0 and target >= self.cursor)
        if wrapped and self.cursor >= 0:
            where = "first" if delta > 0 else "last"
            self.notify(f"Wrapped to the {where} {name} paragraph.", timeout=2)
        self.goto_pair(target)

    def goto_pair(self, index: int) -> None:
        """Mark pair `index` and scroll it to the top of the view."""
        if self.cursor >= 0:
            self.query_one(f"#pair-{self.cursor}").remove_class("-cursor")
        self.cursor = index
        row = self.query_one(f"#pair-{index}")
        row.add_class("-cursor")
        self.query_one("#compare-body", VerticalScroll).scroll_to_widget(
            row, animate=False, top=True
        )

    def action_scroll(self, lines: int) -> None:
        """Scroll the table."""
        self.query_one("#compare-body", VerticalScroll).scroll_relative(y=lines, animate=False)

    def action_page(self, pages: int) -> None:
        """Scroll a page."""
        body = self.query_one("#compare-body", VerticalScroll)
        body.scroll_relative(y=pages * max(1, body.size.height - 2), animate=False)

    def action_top(self) -> None:
        """Top."""
        self.query_one("#compare-body", VerticalScroll).scroll_home(animate=False)

    def action_bottom(self) -> None:
        """Bottom."""
        self.query_one("#compare-body", VerticalScroll).scroll_end(animate=False)

    def action_close(self) -> None:
        """Back to the reader."""
        self.dismiss(None)
