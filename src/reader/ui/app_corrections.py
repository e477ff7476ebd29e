"""Entity corrections from the keyboard: merge, rename, relabel, hide — appended to the corpus's
corrections file, then re-applied by an index update."""

from __future__ import annotations

from pathlib import Path

from reader.domain.model import Entity
from reader.ui.app_base import ReaderBase
from reader.ui.article_view import ArticleView


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

    def write_correction(self, kind: str, entity: str, value: str = "") -> None:
        """Append a correction line to this corpus's corrections file, then re-apply."""
        from reader.domain.pipeline import corrections_path
        from reader.ui.corrections_screen import correction_line

        line = correction_line(kind, entity, value)
        path = corrections_path(self.paths)
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
        self.notify(f"Correction saved: {line}", markup=False, timeout=4)
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
