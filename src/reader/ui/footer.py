"""A footer that is never cut: it shows the keys that fit, the most useful first.

Textual's `Footer` lays every shown binding in a row that scrolls sideways when the terminal is
narrow, so at 80 columns half of it is off the screen. `ReaderFooter` measures each key as the
footer draws it and drops the least useful ones until the row fits; the keys it shows keep
their order. On a small screen (one or two panes) it also shows `tab` (switch pane), the way
between the panes. The keys shown are the active bindings, so a remapped key (`keymap.toml`)
is shown as remapped.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import NamedTuple

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

# Binding id (or action) → rank: the lower, the longer it stays as the footer narrows.
PRIORITY: dict[str, int] = {
    "help": 0,
    "pane.next": 1,
    "search": 2,
    "list.filter": 2,  # the list's own key: letters are commands there, f starts the filter
    "quit": 3,
    "mention.select": 4,
    "mention.next": 5,
    "entity.next": 6,
    "compare": 6,
    "hit.next": 7,
    "compare.close": 0,
    "compare.next_shared": 4,
    "compare.next_changed": 4,
    "reprints.close": 0,
    "search.close": 0,
    "help.close": 0,
    "problems.close": 0,
    "dialog.cancel": 0,
}
DEFAULT_PRIORITY = 8
PALETTE_PRIORITY = 9
# Shown (although their bindings say `show=False`) when the panes do not all fit.
SMALL_SCREEN_KEYS = frozenset({"pane.next"})
SMALL_SCREEN_CLASSES = ("-single", "-narrow")
SMALL_DESCRIPTIONS = {"pane.next": "Pane"}


class FooterEntry(NamedTuple):
    """One key the footer may show."""

    binding: Binding
    enabled: bool
    tooltip: str
    description: str
    priority: int


def cells(entry: FooterEntry, key_display: str) -> int:
    """Columns a (non-compact) `FooterKey` takes: ` key ` + `description `."""
    return len(key_display) + 2 + (len(entry.description) + 1 if entry.description else 0)


def fit(entries: list[FooterEntry], widths: list[int], room: int) -> list[int]:
    """Indexes of the entries to show: drop the least useful (then the last) until the rest
    fit in `room` columns. Order is kept."""
    keep = list(range(len(entries)))
    while keep and sum(widths[i] for i in keep) > room:
        worst = max(keep, key=lambda i: (entries[i].priority, i))
        keep.remove(worst)
    return keep


class ReaderFooter(Footer):
    """The key bar: as many keys as fit, most useful first; never scrolls sideways."""

    def _small_screen(self) -> bool:
        return any(self.screen.has_class(c) for c in SMALL_SCREEN_CLASSES)

    def entries(self) -> Iterable[FooterEntry]:
        """The active bindings the footer may show (one per action, as Textual's footer)."""
        small = self._small_screen()
        seen: set[str] = set()
        for _node, binding, enabled, tooltip in self.screen.active_bindings.values():
            name = binding.id or binding.action
            if not (binding.show or (small and name in SMALL_SCREEN_KEYS)):
                continue
            if binding.action in seen or binding.key == self.app.COMMAND_PALETTE_BINDING:
                continue
            seen.add(binding.action)
            description = binding.description
            if small and name in SMALL_DESCRIPTIONS:
                description = SMALL_DESCRIPTIONS[name]
            yield FooterEntry(
                binding, enabled, tooltip, description, PRIORITY.get(name, DEFAULT_PRIORITY)
            )

    def compose(self) -> ComposeResult:
        """The keys that fit, then the palette key on the right (if there is room for it)."""
        if not self._bindings_ready:
            return
        entries = list(self.entries())
        displays = [self.app.get_key_display(e.binding) for e in entries]
        widths = [cells(e, d) for e, d in zip(entries, displays, strict=True)]
        room = self.size.width or self.app.size.width
        palette: FooterEntry | None = None
        palette_width = 0
        if self.show_command_palette and self.app.ENABLE_COMMAND_PALETTE:
            found = self.screen.active_bindings.get(self.app.COMMAND_PALETTE_BINDING)
            if found is not None:
                _node, binding, enabled, tooltip = found
                palette = FooterEntry(
                    binding, enabled, tooltip, binding.description, PALETTE_PRIORITY
                )
                palette_width = cells(palette, self.app.get_key_display(binding)) + 2
        keep = fit(entries, widths, room - palette_width)
        if palette is not None and len(keep) < len(entries):
            # the palette key is the least useful: give its room to the others first
            keep = fit(entries, widths, room)
            palette = None
        for i in keep:
            entry = entries[i]
            yield FooterKey(
                entry.binding.key,
                displays[i],
                entry.description,
                entry.binding.action,
                disabled=not entry.enabled,
                tooltip=entry.tooltip,
            ).data_bind(compact=Footer.compact)
        if palette is not None:
            yield FooterKey(
                palette.binding.key,
                self.app.get_key_display(palette.binding),
                palette.description,
                palette.binding.action,
                classes="-command-palette",
                disabled=not palette.enabled,
                tooltip=palette.binding.tooltip or palette.description,
            )

    _composed_width = 0

    def on_resize(self, event: events.Resize) -> None:
        """Choose the keys again for a new width (after the screen's layout class changed)."""
        if event.size.width != self._composed_width and self._bindings_ready:
            self._composed_width = event.size.width
            self.call_after_refresh(self.recompose)
