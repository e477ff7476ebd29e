"""Themes as data: TOML files defining Textual's colours and the entity highlight colours."""

from __future__ import annotations

import tomllib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from textual.theme import Theme

from reader.domain.config_files import ConfigFileError, read_config_text
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


#: Characters a theme name may hold: names are shown by Textual's own theme picker, which reads
#: them as markup, so `[`, `]`, `$`, `@` and `=` must never reach it.
_NAME_PUNCTUATION = frozenset(" -_.+")
MAX_NAME_CHARS = 40


def check_name(name: str) -> str:
    """`name` if it is a usable theme name (letters, digits, space, `-_.+`), else ThemeError."""
    if not name:
        raise ThemeError("theme has no name")
    if len(name) > MAX_NAME_CHARS:
        raise ThemeError(f"theme name longer than {MAX_NAME_CHARS} characters")
    if not all(ch.isalnum() or ch in _NAME_PUNCTUATION for ch in name):
        raise ThemeError(f"theme name {name!r} may hold only letters, digits, spaces and - _ . +")
    return name


def canonical_color(key: str, value: object) -> str:
    """`value` as `#rrggbb`, a form both Textual and Rich read (`#abc`, `aliceblue`,
    `rgb(…)`, `hsl(…)` are converted); ThemeError for what cannot be drawn the same by both:
    not a colour, a transparent colour, an ANSI colour (`ansi_bright_red`, whose look depends
    on the terminal)."""
    from rich.color import Color as RichColor
    from rich.color import ColorParseError as RichColorParseError
    from textual.color import Color, ColorParseError

    text = str(value).strip()
    try:
        color = Color.parse(text)
    except ColorParseError as exc:
        raise ThemeError(f"{key} = {text!r} is not a colour") from exc
    if color.ansi is not None:
        raise ThemeError(f"{key} = {text!r}: ANSI colours are not supported, use #rrggbb")
    if color.a < 1:
        raise ThemeError(f"{key} = {text!r}: transparent colours are not supported")
    hex6 = color.hex6.lower()
    try:  # what the widgets draw with: must parse for Rich too
        RichColor.parse(hex6)
    except RichColorParseError as exc:
        raise ThemeError(f"{key} = {text!r} cannot be drawn") from exc
    return hex6


def parse_theme(
    data: dict[str, object], fallback_name: str, path: Path | None = None, *, check: bool = True
) -> ReaderTheme:
    """Build a theme from parsed TOML (`name`, `dark`, `[colors]`, `[entities]`).

    Every colour is converted to `#rrggbb` or refused (see `canonical_color`), and (with
    `check`: a user's theme) the whole theme is checked by building Textual's colour system
    from it, so that a theme that loads never fails later while the screen is drawn. The
    bundled themes skip that check (a unit test makes it; it cost ~5 ms each on every start)."""
    name = check_name(sanitize_inline(str(data.get("name") or fallback_name)).strip())
    colors = data.get("colors", {})
    entities = data.get("entities", {})
    if not isinstance(colors, dict) or not isinstance(entities, dict):
        raise ThemeError("[colors] and [entities] must be tables")
    if "primary" not in colors:
        raise ThemeError("[colors] needs at least `primary`")
    values: dict[str, str] = {}
    for key in COLOR_KEYS:
        if key in colors:
            values[key] = canonical_color(key, colors[key])
    ents = dict(_FALLBACK_ENTITIES)
    for key in (*[lab.lower() for lab in LABELS], "search"):
        if key in entities:
            ents[key] = canonical_color(key, entities[key])
    theme = Theme(name=name, dark=bool(data.get("dark", True)), **values)  # type: ignore[arg-type]
    if check:
        try:
            theme.to_color_system().generate()
        except Exception as exc:
            raise ThemeError(f"Textual cannot use these colours: {exc}") from exc
    return ReaderTheme(theme=theme, entities=ents, path=path)


def load_theme_file(path: Path, *, check: bool = True) -> ReaderTheme:
    """Read one `*.toml` theme file (ThemeError with a readable reason on failure).

    Opened as config files are (`config_files.read_config_text`): a FIFO, a device or a file
    over 1 MB is refused, never read."""
    try:
        text = read_config_text(path)
        if text is None:
            raise ThemeError("not found")
        data = tomllib.loads(text)
    except ConfigFileError as exc:
        raise ThemeError(exc.reason) from exc
    except tomllib.TOMLDecodeError as exc:
        raise ThemeError(str(exc)) from exc
    return parse_theme(data, path.stem, path, check=check)


def theme_dirs() -> list[Path]:
    """Where themes come from: the bundled ones, then the user's own."""
    return [bundled_themes(), config_dir() / "themes"]


def load_themes(dirs: Iterable[Path] | None = None) -> tuple[dict[str, ReaderTheme], list[str]]:
    """All usable themes by name, in file order, and a notice for each file that was skipped.

    A theme may not take a name already taken — by Textual's own themes or by a theme of an
    earlier folder (the bundled `dark`, `light`, `high-contrast`): a user's `dark.toml` with a
    broken colour would otherwise break every plain start. It is skipped with a notice."""
    from textual.theme import BUILTIN_THEMES

    themes: dict[str, ReaderTheme] = {}
    notices: list[str] = []

    def skip(path: Path, reason: str) -> None:
        notices.append(f"theme {sanitize_inline(path.name)} skipped: {sanitize_inline(reason)}")

    bundled = bundled_themes()
    for folder in theme_dirs() if dirs is None else dirs:
        try:
            files = sorted(folder.glob("*.toml"))
        except OSError:
            continue
        for path in files:
            try:
                loaded = load_theme_file(path, check=folder != bundled)
            except ThemeError as exc:
                skip(path, str(exc))
                continue
            if loaded.name in themes or loaded.name in BUILTIN_THEMES:
                skip(path, f"{loaded.name!r} is the name of a built-in theme; rename yours")
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
