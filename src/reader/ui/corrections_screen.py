"""Dialogs for entity corrections: pick an entity (merge), type a name (rename), pick a label."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from reader.domain.model import LABELS, Entity
from reader.domain.sanitize import sanitize_inline
from reader.domain.textnorm import fold_key
from reader.ui.styles import LABEL_NAMES
from reader.ui.text import plain


def _quoted(value: str) -> str:
    """An operand of a corrections command, always quoted (no `"` inside)."""
    return '"' + " ".join(sanitize_inline(value).replace('"', "'").split()) + '"'


def correction_line(kind: str, entity: str, value: str = "") -> str:
    """One line of the corrections file; `entity` (and a merge target) are entity ids."""
    if kind == "merge":
        return f"merge {_quoted(entity)} into {_quoted(value)}"
    if kind == "rename":
        return f"rename {_quoted(entity)} to {_quoted(value)}"
    if kind == "relabel":
        return f"relabel {_quoted(entity)} as {value.strip().upper()}"
    if kind == "hide":
        return f"hide {_quoted(entity)}"
    raise ValueError(kind)


class EntityPicker(ModalScreen[Entity | None]):
    """Choose an entity from a filtered list (for `m` merge)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="dialog.cancel"),
        Binding("down", "to_list", show=False, id="dialog.list"),
    ]

    def __init__(self, title: str, entities: Sequence[Entity]) -> None:
        super().__init__()
        self.title_text = title
        self.entities = list(entities)

    def compose(self) -> ComposeResult:
        """Filter box and list."""
        with Vertical(id="picker-box", classes="dialog") as box:
            box.border_title = "Choose an entity"
            box.border_subtitle = "type to filter · enter chooses · escape cancels"
            yield Static(plain(self.title_text), markup=False)
            yield Input(placeholder="filter entities", id="picker-filter")
            yield OptionList(id="picker-list", markup=False)

    def on_mount(self) -> None:
        """Fill the list and focus the box."""
        self._fill("")
        self.query_one("#picker-filter", Input).focus()

    def _fill(self, query: str) -> None:
        key = fold_key(query)
        options = []
        for ent in self.entities:
            if key and key not in fold_key(" ".join([ent.name, *ent.aliases])):
                continue
            row = plain(ent.name, "bold")
            row.append(f"  {ent.label} · {ent.mentions} mentions", "dim")
            options.append(Option(row, id=ent.id))
            if len(options) >= 300:
                break
        widget = self.query_one("#picker-list", OptionList)
        widget.set_options(options)
        widget.highlighted = 0 if options else None

    def on_input_changed(self, event: Input.Changed) -> None:
        """Filter."""
        event.stop()
        self._fill(event.value)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """Enter in the box chooses the highlighted entity."""
        event.stop()
        option = self.query_one("#picker-list", OptionList).highlighted_option
        if option is not None:
            self._choose(option.id)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        """Enter on a row chooses it."""
        event.stop()
        self._choose(event.option.id)

    def _choose(self, entity_id: str | None) -> None:
        chosen = next((e for e in self.entities if e.id == entity_id), None)
        self.dismiss(chosen)

    def action_to_list(self) -> None:
        """↓ moves into the list."""
        self.query_one("#picker-list", OptionList).focus()

    def action_cancel(self) -> None:
        """Escape cancels."""
        self.dismiss(None)


class TextPrompt(ModalScreen[str | None]):
    """Ask for one line of text (for `R` rename)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="dialog.cancel")
    ]

    def __init__(self, title: str, value: str = "") -> None:
        super().__init__()
        self.title_text = title
        self.value = value

    def compose(self) -> ComposeResult:
        """Prompt and box."""
        with Vertical(id="prompt-box", classes="dialog") as box:
            box.border_title = "Rename"
            box.border_subtitle = "enter confirms · escape cancels"
            yield Static(plain(self.title_text), markup=False)
            yield Input(value=sanitize_inline(self.value), id="prompt-input")

    def on_mount(self) -> None:
        """Focus the box."""
        self.query_one("#prompt-input", Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """Enter confirms a non-empty value."""
        event.stop()
        value = sanitize_inline(event.value).strip()
        self.dismiss(value or None)

    def action_cancel(self) -> None:
        """Escape cancels."""
        self.dismiss(None)


class LabelPicker(ModalScreen[str | None]):
    """Choose PER, ORG, LOC or MISC (for `L` relabel)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="dialog.cancel")
    ]

    def __init__(self, title: str, current: str) -> None:
        super().__init__()
        self.title_text = title
        self.current = current

    def compose(self) -> ComposeResult:
        """The four labels."""
        with Vertical(id="label-box", classes="dialog") as box:
            box.border_title = "Relabel"
            box.border_subtitle = "enter chooses · escape cancels"
            yield Static(plain(self.title_text), markup=False)
            yield OptionList(
                *[Option(Text(f"{lab}  {LABEL_NAMES[lab]}"), id=lab) for lab in LABELS],
                id="label-list",
                markup=False,
            )

    def on_mount(self) -> None:
        """Focus the list on the current label."""
        widget = self.query_one("#label-list", OptionList)
        widget.highlighted = list(LABELS).index(self.current) if self.current in LABELS else 0
        widget.focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        """Enter chooses."""
        event.stop()
        self.dismiss(event.option.id)

    def action_cancel(self) -> None:
        """Escape cancels."""
        self.dismiss(None)
