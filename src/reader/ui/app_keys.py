"""The user's key map, applied to the app (see `keymap.py`): loaded at start-up, problems and
key clashes said in a notice; the footer and `?` then show the remapped keys."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from textual.binding import Binding
from textual.dom import DOMNode

from reader.domain.sanitize import sanitize_inline
from reader.ui.app_base import ReaderBase
from reader.ui.binding_ids import BINDING_IDS, default_keys
from reader.ui.keymap import LoadedKeymap, clashes, load_keymap

if TYPE_CHECKING:
    from reader.domain.library import Library


class KeymapMixin(ReaderBase):
    """Loads `keymap.toml` from the config dir and reports what it could not use."""

    def __init__(
        self,
        paths: list[Path],
        index_dir: Path,
        *,
        theme: str | None = None,
        library: Library | None = None,
        state_dir: Path | None = None,
    ) -> None:
        super().__init__(paths, index_dir, theme=theme, library=library, state_dir=state_dir)
        self.user_keymap: LoadedKeymap = load_keymap(BINDING_IDS)
        self._reported_clashes: set[frozenset[str]] = set()
        if self.user_keymap.keymap:
            self.set_keymap(self.user_keymap.keymap)
            self.user_keymap.problems += clashes(self.user_keymap.keymap, default_keys())

    def on_mount(self) -> None:
        """Say what in the key map file was skipped."""
        loaded = self.user_keymap
        if loaded.problems:
            where = sanitize_inline(str(loaded.path)) if loaded.path else "keymap.toml"
            shown = "; ".join(loaded.problems[:5])
            more = f" (+{len(loaded.problems) - 5} more)" if len(loaded.problems) > 5 else ""
            self.notify(
                f"{where}: {shown}{more}",
                title="Key map (keymap.toml)",
                severity="warning",
                markup=False,
                timeout=10,
            )

    def handle_bindings_clash(self, clashed_bindings: set[Binding], node: DOMNode) -> None:
        """Two bindings on one key (from the key map): say which, once per clash."""
        names = frozenset(b.id or b.action for b in clashed_bindings)
        if names in self._reported_clashes:
            return
        self._reported_clashes.add(names)
        keys = ", ".join(sorted({b.key for b in clashed_bindings}))
        self.notify(
            f"{sanitize_inline(keys)} is bound to more than one action: "
            f"{sanitize_inline(', '.join(sorted(names)))}. Change keymap.toml.",
            title="Key map clash",
            severity="warning",
            markup=False,
            timeout=10,
        )
