"""Themes: the one chosen at start, `t` to cycle, entity styles and legend to match."""

from __future__ import annotations

from typing import Any

from textual.widgets import Static

from reader.ui.app_base import ReaderBase
from reader.ui.article_view import ArticleView
from reader.ui.styles import EntityStyles
from reader.ui.themes import DEFAULT_THEME, ReaderTheme
from reader.ui.xref_panel import XrefPanel


class ThemesMixin(ReaderBase):
    """The reader's themes and the entity styles that go with them."""

    # -- themes -----------------------------------------------------------------------------
    def _initial_theme(self) -> str:
        """The theme asked for, else the one used last time, else the default."""
        wanted = self._requested_theme
        if wanted and wanted not in self.reader_themes and wanted not in self.available_themes:
            self._unknown_theme = True
            wanted = None
        remembered = self.state.theme()
        if not wanted and remembered in self.available_themes:
            wanted = remembered
        wanted = wanted or DEFAULT_THEME
        return wanted if wanted in self.available_themes else self.theme

    def set_reader_theme(self, name: str) -> None:
        """Switch theme (remembered for next time)."""
        if name not in self.available_themes:
            return
        self.theme = name
        self._theme_changed(self.current_theme)

    def _theme_changed(self, theme: Any) -> None:
        reader_theme: ReaderTheme | None = self.reader_themes.get(self.theme)
        if reader_theme is None:
            reader_theme = self.reader_themes.get(DEFAULT_THEME)
        self.entity_styles = EntityStyles.from_theme(reader_theme)
        try:
            self.query_one(ArticleView).set_entity_styles(self.entity_styles)
            self.query_one("#legend", Static).update(self.entity_styles.legend())
            panel = self.query_one(XrefPanel)
            panel.styles_set = self.entity_styles
        except Exception:
            pass
        if self.state.theme() != self.theme:
            self.state.set_theme(self.theme)

    def action_next_theme(self) -> None:
        """t: the next of the reader's themes."""
        names = list(self.reader_themes)
        index = names.index(self.theme) if self.theme in names else -1
        name = names[(index + 1) % len(names)]
        self.set_reader_theme(name)
        self.notify(f"Theme: {name}", timeout=1.5, markup=False)
