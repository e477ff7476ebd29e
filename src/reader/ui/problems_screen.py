"""`p`: files that were skipped or only partly read, each with its reason."""

from __future__ import annotations

from typing import ClassVar

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from reader.domain.model import Problem
from reader.ui.text import plain


class ProblemsScreen(ModalScreen[None]):
    """A list of problems (file names and reasons are untrusted: shown as plain text)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,p,q", "close", "Close", id="problems.close")
    ]

    def __init__(self, problems: list[Problem], notices: list[str]) -> None:
        super().__init__()
        self.problems = problems
        self.notices = notices

    def compose(self) -> ComposeResult:
        """A bordered box with a table."""
        with VerticalScroll(id="problems-box", classes="dialog") as box:
            box.border_title = f"Problems ({len(self.problems)})"
            box.border_subtitle = "escape closes"
            if not self.problems and not self.notices:
                yield Static(Text("No file was skipped."), markup=False)
                return
            table = Table(box=None, expand=True, padding=(0, 2, 0, 0))
            table.add_column("file", style="bold", ratio=2, overflow="fold")
            table.add_column("reason", ratio=3)
            for problem in self.problems:
                table.add_row(plain(problem.path), plain(problem.reason))
            for notice in self.notices:
                table.add_row(Text("notice", "dim"), plain(notice))
            yield Static(table, id="problems-table", markup=False)

    def action_close(self) -> None:
        """Close the view."""
        self.dismiss(None)
