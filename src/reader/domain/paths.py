"""Where things live: bundled data, the per-corpus index folder, the config folder."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import platformdirs

APP_NAME = "reader-tui"


def package_data_dir(name: str) -> Path:
    """Folder of bundled data `name` ("seeds" or "themes"), in a wheel or a source checkout."""
    inside = Path(__file__).resolve().parent.parent / "data" / name
    if inside.is_dir():
        return inside
    checkout = Path(__file__).resolve().parents[3] / name
    return checkout


def bundled_seeds() -> Path:
    """The bundled seed articles (opened when `reader` is given no PATH)."""
    return package_data_dir("seeds")


def bundled_themes() -> Path:
    """The bundled theme files."""
    return package_data_dir("themes")


def corpus_key(paths: list[Path]) -> str:
    """A stable short name for a corpus made of `paths` (resolved, order-independent)."""
    joined = "\n".join(sorted(str(p.resolve()) for p in paths))
    digest = hashlib.sha256(joined.encode("utf-8", "surrogateescape")).hexdigest()[:16]
    stem = paths[0].resolve().name if len(paths) == 1 else "multi"
    safe = "".join(c if c.isalnum() or c in "-_" else "_" for c in stem)[:40] or "corpus"
    return f"{safe}-{digest}"


def index_dir_for(paths: list[Path], override: str | os.PathLike[str] | None = None) -> Path:
    """The index folder: `override`, else `$READER_INDEX_DIR`, else the user cache dir."""
    if override:
        return Path(override)
    env = os.environ.get("READER_INDEX_DIR")
    if env:
        return Path(env)
    base = Path(platformdirs.user_cache_dir(APP_NAME))
    return base / "corpora" / corpus_key(paths)


def config_dir() -> Path:
    """The user's config folder for reader (themes, corrections)."""
    env = os.environ.get("READER_CONFIG_DIR")
    if env:
        return Path(env)
    return Path(platformdirs.user_config_dir(APP_NAME))


def state_dir() -> Path:
    """The user's state folder (read marks, last position, theme choice)."""
    env = os.environ.get("READER_STATE_DIR")
    if env:
        return Path(env)
    return Path(platformdirs.user_state_dir(APP_NAME))
