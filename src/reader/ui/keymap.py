"""The user's key map: `keymap.toml` in the config dir, binding id → keys (Textual's keymap).

    # ~/.config/reader/keymap.toml
    search = "ctrl+f"                 # one key
    "mention.next" = "x,ctrl+n"      # several keys, comma-separated…
    hit.next = ["ctrl+g", "n"]       # …or a list (dotted ids need no quotes)

Every binding of the reader has an id (`keys.py` lists them with what they do; `?` shows
them). The file is read safely (a regular file, at most 64 KiB, UTF-8 TOML); an entry that
names an unknown binding or a key that cannot be typed is reported and skipped, the others
apply. A broken file is reported and the default keys stay: never a crash.
"""

from __future__ import annotations

import tomllib
import unicodedata
from collections.abc import Callable, Collection, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from textual.keys import (
    REPLACED_KEYS,
    Keys,
    _character_to_key,
    _get_unicode_name_from_key,
    format_key,
)

from reader.domain.config_files import ConfigFileError, read_config_text
from reader.domain.paths import config_dir
from reader.domain.sanitize import sanitize_inline

KEYMAP_FILE = "keymap.toml"
KEYMAP_MAX_BYTES = 64 * 1024
MODIFIERS = ("ctrl", "alt", "shift", "meta", "super", "hyper")
_NAMED = frozenset(
    key.value.rpartition("+")[2] for key in Keys if not key.value.startswith("<")
) | {"space"}
MAX_KEYS_PER_BINDING = 8


@dataclass
class LoadedKeymap:
    """What the key map file asked for: usable entries and a notice for each skipped one."""

    keymap: dict[str, str] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)
    path: Path | None = None


def keymap_path() -> Path:
    """Where the user's key map lives."""
    return config_dir() / KEYMAP_FILE


def normalize_key(raw: str) -> str | None:
    """A Textual key name for `raw` (`"Ctrl+F"` → `"ctrl+f"`, `"?"` → `"question_mark"`), or
    None when it names no key a terminal can send."""
    raw = raw.strip()
    if not raw or len(raw) > 40:
        return None
    if len(raw) == 1:
        mods: list[str] = []
        base = raw
    else:
        *mods, base = raw.split("+") if not raw.endswith("++") else [*raw[:-2].split("+"), "+"]
        mods = [m.strip().lower() for m in mods]
        base = base.strip()
    if any(m not in MODIFIERS for m in mods) or len(set(mods)) != len(mods):
        return None
    if len(base) == 1:
        if not base.isprintable() or base.isspace():
            return None
        base = _character_to_key(base.lower() if mods else base)
    else:
        base = base.lower()
        if base not in _NAMED:
            # a character's name as Textual spells it: slash, question_mark, e_acute…
            name = _get_unicode_name_from_key(REPLACED_KEYS.get(base, base))
            try:
                unicodedata.lookup(name)
            except KeyError:
                return None
    ordered = [m for m in MODIFIERS if m in mods]
    return "+".join([*ordered, base])


def _flatten(data: Mapping[str, Any], prefix: str = "") -> Iterable[tuple[str, Any]]:
    """`{"hit": {"next": "x"}}` (what TOML makes of `hit.next = "x"`) → `("hit.next", "x")`."""
    for key, value in data.items():
        name = f"{prefix}{key}"
        if isinstance(value, Mapping):
            yield from _flatten(value, name + ".")
        else:
            yield name, value


def parse_keymap(data: Mapping[str, Any], known: Collection[str]) -> LoadedKeymap:
    """Check each `id = keys` entry of a parsed key map file against the `known` ids."""
    loaded = LoadedKeymap()
    for binding_id, value in _flatten(data):
        shown = sanitize_inline(binding_id)[:60]
        if binding_id not in known:
            loaded.problems.append(f"unknown binding id {shown!r}")
            continue
        if isinstance(value, str):
            raws = value.split(",") if value.strip() != "," else [","]
        elif isinstance(value, list) and all(isinstance(v, str) for v in value):
            raws = list(value)
        else:
            loaded.problems.append(f"{shown}: keys must be a string or a list of strings")
            continue
        keys: list[str] = []
        bad: list[str] = []
        for raw in raws[: MAX_KEYS_PER_BINDING + 1]:
            key = normalize_key(raw)
            if key is None:
                bad.append(sanitize_inline(raw)[:20])
            elif key not in keys:
                keys.append(key)
        if bad or not keys or len(raws) > MAX_KEYS_PER_BINDING:
            reason = (
                f"not a key: {', '.join(repr(b) for b in bad)}"
                if bad
                else "too many keys"
                if len(raws) > MAX_KEYS_PER_BINDING
                else "no key given"
            )
            loaded.problems.append(f"{shown}: {reason}")
            continue
        loaded.keymap[binding_id] = ",".join(keys)
    return loaded


def load_keymap(known: Collection[str], path: Path | None = None) -> LoadedKeymap:
    """The user's key map (none if the file does not exist); problems say what was skipped."""
    path = keymap_path() if path is None else path
    try:
        text = read_config_text(path, KEYMAP_MAX_BYTES)
        data = tomllib.loads(text) if text is not None else {}
    except (ConfigFileError, tomllib.TOMLDecodeError) as exc:
        reason = exc.reason if isinstance(exc, ConfigFileError) else f"not valid TOML: {exc}"
        return LoadedKeymap(problems=[f"{sanitize_inline(reason)}; default keys kept"], path=path)
    loaded = parse_keymap(data, known)
    loaded.path = path
    return loaded


def display_keys(keys: str) -> str:
    """Keys as the footer shows them (`"ctrl+f,question_mark"` → `"ctrl+f ?"`)."""
    return " ".join(format_key(k) for k in keys.split(",") if k)


def remapped_rows(
    keymap: Mapping[str, str], describe: Mapping[str, str], display: Callable[[str], str]
) -> list[tuple[str, str, str]]:
    """`(keys as shown, binding id, what it does)` for each remapped binding, for `?`."""
    return [
        (
            " ".join(display(k) for k in keys.split(",") if k),
            binding_id,
            describe.get(binding_id, ""),
        )
        for binding_id, keys in sorted(keymap.items())
    ]


def clashes(keymap: Mapping[str, str], defaults: Iterable[tuple[str, str, set[str]]]) -> list[str]:
    """Keys the key map gives to a binding while another binding active in the same place
    (`defaults`: context, id, default keys) keeps them: one of the two would be lost."""
    taken: dict[tuple[str, str], set[str]] = {}
    for context, binding_id, keys in defaults:
        now = keymap[binding_id].split(",") if binding_id in keymap else keys
        for key in now:
            taken.setdefault((context, key), set()).add(binding_id)
    return sorted(
        {
            f"{format_key(key)} is bound to {' and '.join(sorted(ids))}"
            for (_context, key), ids in taken.items()
            if len(ids) > 1 and ids & keymap.keys()
        }
    )
