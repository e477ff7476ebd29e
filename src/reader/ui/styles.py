"""Rich styles for entity labels, search hits and the selection, from a `ReaderTheme`.

Every label differs by shape as well as colour (bold, italic, underline), so mentions stay
distinguishable under NO_COLOR or for readers who do not see the colours apart.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.style import Style
from rich.text import Text

from reader.domain.model import LABELS, Label
from reader.ui.themes import ReaderTheme

# Shape of each label, independent of colour.
LABEL_SHAPES: dict[str, Style] = {
    "PER": Style(bold=True, underline=True),
    "ORG": Style(underline=True),
    "LOC": Style(italic=True, underline=True),
    "MISC": Style(italic=True),
}
LABEL_NAMES: dict[str, str] = {
    "PER": "person",
    "ORG": "organisation",
    "LOC": "place",
    "MISC": "other",
}
SELECTED = Style(reverse=True, bold=True)
QUOTE = Style(italic=True)
QUOTE_SELECTED = Style(italic=True, overline=True, underline=True, bold=True)


@dataclass(frozen=True)
class EntityStyles:
    """The styles the article view, the panel and the search results draw with."""

    labels: dict[str, Style]
    search: Style
    current_hit: Style
    #: quotations: italic (without colour too) in the theme's quote colour; the selected one
    #: also overlined
    quote: Style = QUOTE
    quote_selected: Style = QUOTE_SELECTED

    @classmethod
    def from_theme(cls, theme: ReaderTheme | None) -> EntityStyles:
        """Styles for `theme` (shapes only when `theme` is None)."""
        labels: dict[str, Style] = {}
        for label in LABELS:
            color = theme.entity_color(label) if theme else None
            labels[label] = LABEL_SHAPES[label] + Style(color=color)
        search_bg = theme.search_color if theme else None
        background = theme.theme.background if theme else None
        search = Style(bgcolor=search_bg, color=background, bold=True)
        quote_color = theme.theme.secondary if theme else None
        quote = Style(italic=True, color=quote_color)
        return cls(
            labels=labels,
            search=search,
            current_hit=search + Style(reverse=True),
            quote=quote,
            quote_selected=quote + Style(overline=True, bold=True, underline=True),
        )

    def label(self, label: Label | str) -> Style:
        """Style of a mention with `label`."""
        return self.labels.get(label, Style(underline=True))

    def legend(self) -> Text:
        """One line showing each label in its own style."""
        text = Text(no_wrap=True, overflow="ellipsis")
        for label in LABELS:
            if text:
                text.append("  ")
            text.append(label, self.label(label))
            text.append(f" {LABEL_NAMES[label]}", "dim")
        text.append("  ")
        text.append("hit", self.search)
        text.append("  ")
        text.append("selected", SELECTED)
        text.append("  ")
        text.append("«quote»", self.quote)
        return text
