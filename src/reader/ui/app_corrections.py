"""Entity corrections from the keyboard: merge, rename, relabel, hide — appended to the corpus's
corrections file, then re-applied by an index update; `u` undoes the last one, `U` unhides an
entity. Every notice says where the file is."""

from __future__ import annotations

from pathlib import Path

from reader.domain.model import Entity
from reader.domain.sanitize import sanitize_inline
from reader.ui.app_base import ReaderBase
from reader.ui.article_view import ArticleView


def shown_path(path: Path) -> str:
    """`path` with the home folder written `~` (shorter in a notice), sanitised."""
    try:
        shown = "~/" + str(path.relative_to(Path.home()))
    except ValueError:
        shown = str(path)
    return sanitize_inline(shown)


class CorrectionsMixin(ReaderBase):
    """m / R / L / H and the corrections file."""

    # -- corrections ------------------------------------------------------------------------
    def _selected_entity(self) -> Entity | None:
        if self.library is None:
            return None
        mention = self.query_one(ArticleView).selected_mention
        eid = mention.entity if mention is not None else self.selected_entity
        return self.library.entities.get(eid) if eid else None

    def action_correct(self, kind: str) -> None:
        """m / R / L / H: merge, rename, relabel or hide the selected entity."""
        from reader.ui.corrections_screen import EntityPicker, LabelPicker, TextPrompt

        entity = self._selected_entity()
        if entity is None or self.library is None:
            self.notify("Select a mention first (e or enter).", timeout=3)
            return
        name = entity.name
        eid = entity.id
        if kind == "merge":
            others = [e for e in self.library.visible_entities() if e.id != entity.id]

            def merged(target: Entity | None) -> None:
                if target is not None:
                    self.write_correction("merge", eid, target.id)

            self.push_screen(EntityPicker(f"Merge « {name} » into…", others), merged)
        elif kind == "rename":

            def renamed(value: str | None) -> None:
                if value:
                    self.write_correction("rename", eid, value)

            self.push_screen(TextPrompt(f"Rename « {name} » to:", name), renamed)
        elif kind == "relabel":

            def relabelled(value: str | None) -> None:
                if value:
                    self.write_correction("relabel", eid, value)

            self.push_screen(LabelPicker(f"Relabel « {name} » as:", entity.label), relabelled)
        elif kind == "hide":
            self.write_correction("hide", eid)
            self._forget_entity(eid)

    def _forget_entity(self, entity_id: str) -> None:
        """The entity is going away (hidden): stop showing it in the panel now."""
        if self.selected_entity == entity_id:
            self.selected_entity = None
        view = self.query_one(ArticleView)
        mention = view.selected_mention
        if mention is not None and mention.entity == entity_id:
            view.clear_selection(anchor=(mention.field, mention.end))
        if self.current is not None:
            self._related_for(self.current)

    def corrections_file(self) -> Path:
        """This corpus's corrections file (in the config folder)."""
        from reader.domain.pipeline import corrections_path

        return corrections_path(self.paths)

    def action_where_corrections(self) -> None:
        """Palette: say where the corrections file is."""
        path = self.corrections_file()
        state = "" if path.exists() else " (not written yet)"
        self.notify(f"Corrections file: {shown_path(path)}{state}", markup=False, timeout=8)

    def action_undo_correction(self) -> None:
        """u: take back the last correction (the last line of the corrections file)."""
        from reader.ui.corrections_edit import undo_last

        path = self.corrections_file()
        try:
            line = undo_last(path)
        except Exception as exc:
            self.notify(f"Could not undo: {exc}", severity="error", markup=False)
            return
        if line is None:
            self.notify(f"No correction to undo in {shown_path(path)}.", timeout=3, markup=False)
            return
        self.notify(
            f"Undone: {sanitize_inline(line)} (in {shown_path(path)})", markup=False, timeout=5
        )
        self.start_update()

    def action_unhide(self) -> None:
        """U: choose a hidden entity and show it again."""
        from reader.ui.corrections_screen import EntityPicker

        if self.library is None:
            return
        hidden = sorted(
            (e for e in self.library.entities.values() if e.hidden),
            key=lambda e: e.name.casefold(),
        )
        if not hidden:
            self.notify("No entity is hidden.", timeout=3)
            return

        def chosen(entity: Entity | None) -> None:
            if entity is not None:
                self._unhide(entity)

        self.push_screen(EntityPicker("Show again (unhide)…", hidden), chosen)

    def _unhide(self, entity: Entity) -> None:
        from reader.ui.corrections_edit import unhide

        path = self.corrections_file()
        try:
            removed = unhide(path, [entity.id, entity.name, *entity.aliases])
        except Exception as exc:
            self.notify(f"Could not unhide: {exc}", severity="error", markup=False)
            return
        if not removed:
            self.notify(
                f"No hide line for this entity in {shown_path(path)}.", timeout=4, markup=False
            )
            return
        self.notify(
            f"Shown again: removed {sanitize_inline('; '.join(removed))} from {shown_path(path)}",
            markup=False,
            timeout=5,
        )
        self.start_update()

    def write_correction(self, kind: str, entity: str, value: str = "") -> None:
        """Append a correction line to this corpus's corrections file, then re-apply."""
        from reader.ui.corrections_screen import correction_line

        line = correction_line(kind, entity, value)
        path = self.corrections_file()
        try:
            try:
                from reader.domain.entities.corrections import append_correction
            except ImportError:
                append_correction = _append_line  # type: ignore[assignment]
            problem = append_correction(path, line)
        except Exception as exc:
            self.notify(f"Could not save the correction: {exc}", severity="error", markup=False)
            return
        if problem is not None:
            reason = getattr(problem, "reason", problem)
            self.notify(f"Correction not saved: {reason}", severity="error", markup=False)
            return
        self.notify(
            f"Saved: {line} — in {shown_path(path)}; u undoes it"
            + (", U unhides" if kind == "hide" else ""),
            markup=False,
            timeout=6,
        )
        self.start_update()


def _append_line(path: Path, line: str) -> object | None:
    """Fallback writer for a corrections line (used until the domain's writer exists)."""
    import os

    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("a", encoding="utf-8") as fh:
        fh.write(line + "\n")
        fh.flush()
        os.fsync(fh.fileno())
    return None
