"""`?`: every key of the reader in one table."""

from __future__ import annotations

from typing import Any, ClassVar

from rich.table import Table
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from reader.ui.binding_ids import BINDINGS_BY_ID
from reader.ui.keymap import remapped_rows
from reader.ui.keys import KEYMAP

#: What the marks on screen mean (fixed strings).
MARKERS: tuple[tuple[str, str], ...] = (
    ("●", "source list: an article not opened yet"),
    ("·", "source list: an article already opened"),
    ("≈", "source list, article: headline derived from the text (the file had none)"),
    ("≈ %", "compare view: how alike two aligned paragraphs are"),
    ("▸", "panel: the article on screen, among the articles mentioning the entity"),
    ("▶", "panel: the mention selected in the article"),
    ("⇄", "reprints: two articles sharing passages · compare view: a reprinted paragraph"),
    ("⌫", "article: removed boilerplate (r shows it)"),
)


def markers_table() -> Table:
    """The markers as a Rich table."""
    table = Table(box=None, show_header=False, padding=(0, 2, 0, 0), expand=True)
    table.add_column("mark", style="bold", no_wrap=True)
    table.add_column("meaning", ratio=1)
    for mark, meaning in MARKERS:
        table.add_row(mark, meaning)
    return table


def keymap_table() -> Table:
    """The key map as a Rich table (fixed strings only)."""
    table = Table(box=None, show_header=False, padding=(0, 2, 0, 0), expand=True)
    table.add_column("key", style="bold", no_wrap=True)
    table.add_column("action", ratio=1)
    for keys, action in KEYMAP:
        table.add_row(keys, action)
    return table


def remapped_table(app: App[Any]) -> Table | None:
    """The keys the user's `keymap.toml` changed (as the footer shows them), if any."""
    keymap: dict[str, str] = getattr(getattr(app, "user_keymap", None), "keymap", {})
    if not keymap:
        return None
    table = Table(
        box=None,
        show_header=False,
        padding=(0, 2, 0, 0),
        expand=True,
        title="Your key map (keymap.toml) — these replace the defaults below",
        title_justify="left",
        title_style="bold",
    )
    table.add_column("key", style="bold", no_wrap=True)
    table.add_column("action", ratio=1)
    rows = remapped_rows(keymap, BINDINGS_BY_ID, lambda k: app.get_key_display(Binding(k, "")))
    for keys, binding_id, action in rows:
        table.add_row(keys, f"{action} ({binding_id})")
    return table


class HelpScreen(ModalScreen[None]):
    """The key map; escape, `?` or `q` closes it."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,question_mark,q", "dismiss", "Close", id="help.close"),
    ]

    def compose(self) -> ComposeResult:
        """A bordered box with the table."""
        with VerticalScroll(id="help-box", classes="dialog") as box:
            box.border_title = "Keys"
            box.border_subtitle = "escape closes"
            remapped = remapped_table(self.app)
            if remapped is not None:
                yield Static(remapped, id="help-remapped")
            yield Static(keymap_table(), id="help-keys")
            yield Static("\nMarks on screen", id="help-markers-title", markup=False)
            yield Static(markers_table(), id="help-markers")

    def action_dismiss(self, result: None = None) -> None:  # type: ignore[override]
        """Close the help."""
        self.dismiss(None)
