"""Themes as data: TOML files defining Textual's colours and the entity highlight colours."""

from __future__ import annotations

import tomllib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from textual.theme import Theme

from reader.domain.model import LABELS, Label
from reader.domain.paths import bundled_themes, config_dir
from reader.domain.sanitize import sanitize_inline

COLOR_KEYS = (
    "primary",
    "secondary",
    "accent",
    "foreground",
    "background",
    "surface",
    "panel",
    "warning",
    "error",
    "success",
)
DEFAULT_THEME = "dark"
_FALLBACK_ENTITIES: dict[str, str] = {
    "per": "#7dcfff",
    "org": "#e0af68",
    "loc": "#9ece6a",
    "misc": "#bb9af7",
    "search": "#ff9e64",
}


class ThemeError(ValueError):
    """A theme file that cannot be used (the message says why)."""


@dataclass(frozen=True)
class ReaderTheme:
    """A Textual theme plus the colours of entity labels and search hits."""

    theme: Theme
    entities: dict[str, str]
    path: Path | None = None

    @property
    def name(self) -> str:
        """The theme's name (what `--theme` and `t` use)."""
        return self.theme.name

    def entity_color(self, label: Label) -> str:
        """Colour of mentions with this label."""
        return self.entities[label.lower()]

    @property
    def search_color(self) -> str:
        """Background colour of search hits."""
        return self.entities["search"]


def parse_theme(
    data: dict[str, object], fallback_name: str, path: Path | None = None
) -> ReaderTheme:
    """Build a theme from parsed TOML (`name`, `dark`, `[colors]`, `[entities]`)."""
    name = sanitize_inline(str(data.get("name") or fallback_name)).strip()
    if not name:
        raise ThemeError("theme has no name")
    colors = data.get("colors", {})
    entities = data.get("entities", {})
    if not isinstance(colors, dict) or not isinstance(entities, dict):
        raise ThemeError("[colors] and [entities] must be tables")
    if "primary" not in colors:
        raise ThemeError("[colors] needs at least `primary`")
    from textual.color import Color, ColorParseError

    values: dict[str, str] = {}
    for key in COLOR_KEYS:
        if key in colors:
            values[key] = str(colors[key])
    ents = dict(_FALLBACK_ENTITIES)
    for key in (*[lab.lower() for lab in LABELS], "search"):
        if key in entities:
            ents[key] = str(entities[key])
    for key, value in (*values.items(), *ents.items()):
        try:
            Color.parse(value)
        except ColorParseError as exc:
            raise ThemeError(f"{key} = {value!r} is not a colour") from exc
    theme = Theme(name=name, dark=bool(data.get("dark", True)), **values)  # type: ignore[arg-type]
    return ReaderTheme(theme=theme, entities=ents, path=path)


def load_theme_file(path: Path) -> ReaderTheme:
    """Read one `*.toml` theme file (ThemeError with a readable reason on failure)."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ThemeError(str(exc)) from exc
    return parse_theme(data, path.stem, path)


def theme_dirs() -> list[Path]:
    """Where themes come from: the bundled ones, then the user's own (which win on a name clash)."""
    return [bundled_themes(), config_dir() / "themes"]


def load_themes(dirs: Iterable[Path] | None = None) -> tuple[dict[str, ReaderTheme], list[str]]:
    """All usable themes by name, in file order, and a notice for each file that was skipped."""
    themes: dict[str, ReaderTheme] = {}
    notices: list[str] = []
    for folder in theme_dirs() if dirs is None else dirs:
        try:
            files = sorted(folder.glob("*.toml"))
        except OSError:
            continue
        for path in files:
            try:
                loaded = load_theme_file(path)
            except ThemeError as exc:
                notices.append(
                    f"theme {sanitize_inline(path.name)} skipped: {sanitize_inline(str(exc))}"
                )
                continue
            themes[loaded.name] = loaded
    if DEFAULT_THEME not in themes:
        themes[DEFAULT_THEME] = parse_theme(
            {"name": DEFAULT_THEME, "colors": {"primary": "#7aa2f7"}}, DEFAULT_THEME
        )
    ordered: dict[str, ReaderTheme] = {
        n: themes[n] for n in ("dark", "light", "high-contrast") if n in themes
    }
    ordered.update(themes)
    return ordered, notices
