"""Which panes the main screen shows at its width, and how the reader moves between them.

* wide (`WIDE_FROM` columns and more): sources | article | cross-references;
* narrow (`SINGLE_BELOW` to `WIDE_FROM`): the article and one side pane — the source list, or
  the cross-references as soon as a mention is selected (`enter`, `e`, `]`, a click) or the
  panel is focused (`tab` from the article);
* single (below `SINGLE_BELOW`): one pane at a time, the one with the focus; `tab` /
  `shift+tab` switch, `enter` on a mention shows its cross-references, a jump from the panel
  or the list shows the article.

Below `WIDE_FROM` a border title (the article's; on one pane, that pane's) names every pane,
the visible ones highlighted, and its subtitle gives the key that switches; the footer shows
it too. Sizes are
in `panes.tcss`; this module only sets classes on the screen (`-pane-…`, `-side-xref`) and the
titles.
"""

from __future__ import annotations

from typing import Any, ClassVar

from textual import events
from textual.content import Content
from textual.screen import Screen
from textual.widget import Widget

from reader.ui.messages import JumpRequested

SINGLE_BELOW = 70
WIDE_FROM = 100
BREAKPOINTS: list[tuple[int, str]] = [
    (0, "-single"),
    (SINGLE_BELOW, "-narrow"),
    (WIDE_FROM, "-wide"),
]

PANES = ("sources", "article", "xref")
PANE_IDS = {"sources": "source-pane", "article": "article-pane", "xref": "xref-pane"}
PANE_NAMES = {"sources": "Sources", "article": "Article", "xref": "Cross-refs"}


def mode_of(width: int) -> str:
    """`single`, `narrow` or `wide` for a screen `width` columns wide."""
    if width < SINGLE_BELOW:
        return "single"
    return "narrow" if width < WIDE_FROM else "wide"


def visible_panes(mode: str, focused: str, side: str) -> tuple[str, ...]:
    """The panes on screen in `mode`, with the focus in `focused` and `side` the side pane."""
    if mode == "single":
        return (focused,)
    if mode == "narrow":
        return ("article", side) if side == "xref" else (side, "article")
    return PANES


def indicator(shown: tuple[str, ...], switch_key: str) -> tuple[Content, Content]:
    """The border title (every pane, the shown ones highlighted) and subtitle (the key)."""
    parts: list[Content | str | tuple[str, str]] = [" "]
    for pane in PANES:
        if len(parts) > 1:
            parts.append((" · ", "dim"))
        parts.append((PANE_NAMES[pane], "reverse bold" if pane in shown else "dim"))
    parts.append(" ")
    title = Content.assemble(*parts)
    subtitle = Content.assemble((switch_key, "bold"), " switch pane")
    return title, subtitle


class PaneSwitcher(Screen[None]):
    """The main screen's pane logic (mixed into `MainScreen`)."""

    HORIZONTAL_BREAKPOINTS: ClassVar[list[tuple[int, str]]] = BREAKPOINTS  # type: ignore[misc]

    def __init__(self, name: str | None = None, id: str | None = None) -> None:
        super().__init__(name=name, id=id)
        self.focused_pane = "sources"
        self.side_pane = "sources"
        # before the first layout: on one pane, the list is the one shown (and focusable)
        self.add_class("-pane-sources")

    def _pane_of(self, widget: Widget | None) -> str | None:
        node: Any = widget
        while node is not None and node is not self:
            for pane, dom_id in PANE_IDS.items():
                if node.id == dom_id:
                    return pane
            node = node.parent
        return None

    @property
    def mode(self) -> str:
        """The current layout: single, narrow or wide."""
        return mode_of(self.size.width or self.app.size.width)

    def show_pane(self, pane: str, *, focus: bool = False) -> None:
        """Make `pane` the one in use (shown in single mode; the side pane if it is one)."""
        self.focused_pane = pane
        if pane != "article":
            self.side_pane = pane
        self._apply()
        if focus:
            target = self._focus_target(pane)
            if target is not None:
                target.focus()

    def reveal_cross_references(self, *, focus: bool) -> None:
        """Show the panel: as the side pane (narrow), or the pane itself (single, `focus`)."""
        self.side_pane = "xref"
        if self.mode == "single" and focus:
            self.show_pane("xref", focus=True)
        else:
            self._apply()

    def _focus_target(self, pane: str) -> Widget | None:
        from reader.ui.article_view import ArticleView
        from reader.ui.source_list import SourceOptions
        from reader.ui.xref_panel import XrefOptions

        kinds: dict[str, type[Widget]] = {
            "sources": SourceOptions,
            "article": ArticleView,
            "xref": XrefOptions,
        }
        kind = kinds[pane]
        found = self.query(kind)
        return found.first() if found else None

    def _switch_key(self) -> str:
        for _node, binding, _enabled, _tip in self.active_bindings.values():
            if binding.id == "pane.next" or binding.action == "app.pane(1)":
                return self.app.get_key_display(binding)
        return "tab"

    def _apply(self) -> None:
        """Set the classes the stylesheet uses and the panes' titles."""
        mode = self.mode
        for pane in PANES:
            self.set_class(pane == self.focused_pane, f"-pane-{pane}")
        self.set_class(self.side_pane == "xref", "-side-xref")
        shown = visible_panes(mode, self.focused_pane, self.side_pane)
        title, subtitle = indicator(shown, self._switch_key())
        for pane, dom_id in PANE_IDS.items():
            found = self.query(f"#{dom_id}")
            if not found:
                continue
            widget = found.first()
            labelled = (mode == "single" and pane == self.focused_pane) or (
                mode == "narrow" and pane == "article"
            )
            widget.border_title = title if labelled else None
            widget.border_subtitle = subtitle if labelled else None

    # -- events -------------------------------------------------------------------------------
    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        """The pane holding the focus is the one in use."""
        pane = self._pane_of(event.widget)
        if pane is not None and pane != self.focused_pane:
            self.show_pane(pane)

    def on_resize(self, event: events.Resize) -> None:
        """Titles and classes for the new width."""
        self.call_after_refresh(self._apply)

    def on_article_view_mention_selected(self, message: Any) -> None:
        """A mention was selected: on a narrow screen the panel becomes the side pane; on one
        pane, a mention selected from the list (`e`, `]`) brings the article up."""
        if self.mode == "narrow":
            self.reveal_cross_references(focus=False)
        elif self.mode == "single" and self.focused_pane == "sources":
            self.call_after_refresh(self.show_pane, "article", focus=True)

    def on_article_view_cross_refs_wanted(self, message: Any) -> None:
        """`enter` on a mention: its cross-references are shown (on one pane: that pane)."""
        self.reveal_cross_references(focus=True)

    def on_jump_requested(self, message: JumpRequested) -> None:
        """A jump from the panel: on one pane, show the article it leads to."""
        if self.mode == "single":
            self.call_after_refresh(self.show_pane, "article", focus=True)
