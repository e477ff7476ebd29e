"""`p`: files that were skipped or only partly read, each with its reason.

The list is drawn with the Line API: only the visible lines are formatted, so 20,000 skipped
files open and close as fast as two (a table of every row took 6 s each way)."""

from __future__ import annotations

from typing import ClassVar

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.geometry import Size
from textual.screen import ModalScreen
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.widgets import Static

from reader.domain.model import Problem
from reader.domain.sanitize import sanitize_inline

_PATH = Style(bold=True)
_NOTICE = Style(dim=True)
_INDENT = "    "
_KEEP = 2_000  # formatted lines kept for repaints


class ProblemLines(ScrollView, can_focus=True):
    """Each problem as two lines — the file, then its reason, indented — then the notices;
    file names and reasons are untrusted text, sanitised and drawn as plain segments."""

    def __init__(
        self,
        problems: list[Problem],
        notices: list[str],
        *,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(id=id, classes=classes)
        self.problems = problems
        self.notices = notices
        widest = max(
            [len(p.path) for p in problems]
            + [len(_INDENT) + len(p.reason) for p in problems]
            + [len("notice  ") + len(n) for n in notices]
            + [1]
        )
        self.virtual_size = Size(widest + 1, 2 * len(problems) + len(notices))
        self._formatted: dict[int, tuple[str, str, Style] | None] = {}

    def line(self, index: int) -> tuple[str, str, Style] | None:
        """(prefix, text, style) of line `index` (formatted when first shown); None past the
        end."""
        if index not in self._formatted:
            if len(self._formatted) > _KEEP:
                self._formatted.clear()
            self._formatted[index] = self._format(index)
        return self._formatted[index]

    def _format(self, index: int) -> tuple[str, str, Style] | None:
        if index < 0:
            return None
        if index < 2 * len(self.problems):
            problem = self.problems[index // 2]
            if index % 2 == 0:
                return "", sanitize_inline(problem.path), _PATH
            return _INDENT, sanitize_inline(problem.reason), Style()
        index -= 2 * len(self.problems)
        if index < len(self.notices):
            return "notice  ", sanitize_inline(self.notices[index]), Style()
        return None

    def render_line(self, y: int) -> Strip:
        """Line `scroll_y + y`, cropped to the visible columns."""
        base = self.rich_style
        width = self.scrollable_content_region.width
        found = self.line(int(self.scroll_y) + y)
        if found is None:
            return Strip.blank(width, base)
        prefix, text, style = found
        segments = [Segment(prefix, base + (_NOTICE if prefix.strip() else Style()))]
        segments.append(Segment(text, base + style))
        strip = Strip(segments)
        start = int(self.scroll_x)
        return strip.crop_extend(start, start + width, base)


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
        """A bordered box: the problem lines, or a sentence when there are none."""
        box: Static | ProblemLines
        if not self.problems and not self.notices:
            box = Static(Text("No file was skipped."), id="problems-box", classes="dialog")
        else:
            box = ProblemLines(self.problems, self.notices, id="problems-box", classes="dialog")
        box.border_title = f"Problems ({len(self.problems)})"
        box.border_subtitle = "escape closes"
        yield box

    def action_close(self) -> None:
        """Close the view."""
        self.dismiss(None)
