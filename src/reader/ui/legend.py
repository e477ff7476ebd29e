"""The legend under the article: the longest wording that fits the pane, never cut.

At full width it names each label ("PER person  ORG organisation …"); on a narrower pane the
names go, then the spacing tightens, so that every label stays visible at 40 columns.
"""

from __future__ import annotations

from rich.text import Text
from textual import events
from textual.visual import VisualType
from textual.widgets import Static

from reader.domain.model import LABELS
from reader.ui.styles import SELECTED, EntityStyles


def compact_legends(styles: EntityStyles) -> list[Text]:
    """Shorter legends, longest first: labels with their search/selection keys, then tighter."""
    variants: list[Text] = []
    for gap, hit, selected in (("  ", "hit", "selected"), (" ", "hit", "sel"), (" ", "", "")):
        text = Text(no_wrap=True, overflow="ellipsis")
        for label in LABELS:
            if text:
                text.append(gap)
            text.append(label, styles.label(label))
        if hit:
            text.append(gap)
            text.append(hit, styles.search)
            text.append(gap)
            text.append(selected, SELECTED)
        variants.append(text)
    return variants


class Legend(Static):
    """A one-line legend that re-chooses its wording when the pane is resized."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__("", id=id, markup=False)
        self._full = Text()

    def _fitting(self) -> Text:
        width = self.content_region.width
        styles: EntityStyles = getattr(self.app, "entity_styles", EntityStyles.from_theme(None))
        variants = [self._full, *compact_legends(styles)] if self._full else []
        for variant in variants:
            if width <= 0 or variant.cell_len <= width:
                return variant
        return variants[-1] if variants else Text()

    def update(self, content: VisualType = "", *, layout: bool = True) -> None:
        """Set the full legend; what is shown is the longest wording that fits."""
        self._full = content if isinstance(content, Text) else Text(str(content))
        super().update(self._fitting(), layout=layout)

    def on_resize(self, event: events.Resize) -> None:
        """Choose the wording again for the new width."""
        super().update(self._fitting())
