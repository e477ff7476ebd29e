"""Small user configuration files (key map, …): read safely, decoded, or a readable reason."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

from reader.domain.discovery import FileRefused, SourceFile, read_bytes_safely

CONFIG_MAX_BYTES = 64 * 1024


class ConfigFileError(Exception):
    """A configuration file that cannot be used; the message says why (for a notice)."""


def read_config_text(path: Path, max_bytes: int = CONFIG_MAX_BYTES) -> str:
    """The text of `path`: a regular file (never a FIFO or a device: opened non-blocking),
    at most `max_bytes`, UTF-8 (a BOM is allowed). `ConfigFileError` otherwise."""
    source = SourceFile(str(path), str(path.parent), path.name, 0, 0)
    try:
        data = read_bytes_safely(source, max_bytes)
    except FileRefused as exc:
        raise ConfigFileError(str(exc)) from exc
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ConfigFileError(f"not UTF-8 text (byte {exc.start})") from exc


def read_toml(path: Path, max_bytes: int = CONFIG_MAX_BYTES) -> dict[str, Any]:
    """`path` parsed as TOML (see `read_config_text`); `ConfigFileError` with the reason."""
    text = read_config_text(path, max_bytes)
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigFileError(f"not valid TOML: {exc}") from exc
