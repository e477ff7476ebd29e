"""The user's key map file: parsed safely, bad entries reported and skipped, never a crash."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from reader.ui.keymap import display_keys, load_keymap, normalize_key, parse_keymap

KNOWN = {"search", "hit.next", "mention.next", "quit"}


def test_key_names_are_normalised_or_refused() -> None:
    assert normalize_key("Ctrl+F") == "ctrl+f"
    assert normalize_key("?") == "question_mark"
    assert normalize_key("/") == "slash"
    assert normalize_key("F5") == "f5"
    assert normalize_key("alt+right") == "alt+right"
    assert normalize_key("E") == "E"
    assert normalize_key("é") == "é"
    for bad in ("", " ", "foo", "a+b", "ctrl+ctrl+a", "\x1b", "x" * 50, "hyper+"):
        assert normalize_key(bad) is None, bad


def test_entries_apply_and_bad_ones_are_reported() -> None:
    data = {
        "search": "ctrl+f",
        "hit": {"next": ["ctrl+g", "n"]},  # what TOML makes of hit.next = [...]
        "mention.next": "x, ctrl+n",
        "nonsense": "z",
        "quit": 3,
    }
    loaded = parse_keymap(data, KNOWN)
    assert loaded.keymap == {"search": "ctrl+f", "hit.next": "ctrl+g,n", "mention.next": "x,ctrl+n"}
    assert len(loaded.problems) == 2
    assert "unknown binding id 'nonsense'" in loaded.problems[0]
    assert "quit" in loaded.problems[1]


def test_a_bad_key_skips_only_its_entry() -> None:
    loaded = parse_keymap({"search": "ctrl+f,notakey", "quit": "Q"}, KNOWN)
    assert loaded.keymap == {"quit": "Q"}
    assert loaded.problems == ["search: not a key: 'notakey'"]


def test_missing_file_is_no_keymap(tmp_path: Path) -> None:
    loaded = load_keymap(KNOWN, tmp_path / "keymap.toml")
    assert loaded.keymap == {} and loaded.problems == []


def test_file_is_read(tmp_path: Path) -> None:
    path = tmp_path / "keymap.toml"
    path.write_text('# mine\nsearch = "ctrl+f"\nhit.next = "ctrl+g"\n', encoding="utf-8")
    assert load_keymap(KNOWN, path).keymap == {"search": "ctrl+f", "hit.next": "ctrl+g"}


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b'search = "ctrl+f', "not valid TOML"),
        (b"\xff\xfe\x00garbage", "not UTF-8"),
        (b"# " + b"x" * 70_000, "too large"),
        (b'search = "[bold]\x1b[2J"', ""),
    ],
)
def test_broken_files_are_reported_not_fatal(tmp_path: Path, content: bytes, reason: str) -> None:
    path = tmp_path / "keymap.toml"
    path.write_bytes(content)
    loaded = load_keymap(KNOWN, path)
    assert loaded.keymap == {}
    assert len(loaded.problems) == 1
    assert reason in loaded.problems[0]
    assert "\x1b" not in loaded.problems[0]


def test_special_files_are_refused(tmp_path: Path) -> None:
    folder = tmp_path / "keymap.toml"
    folder.mkdir()
    assert "not a regular file" in load_keymap(KNOWN, folder).problems[0]
    if hasattr(os, "mkfifo"):
        fifo = tmp_path / "fifo.toml"
        os.mkfifo(fifo)
        loaded = load_keymap(KNOWN, fifo)  # must not block
        assert loaded.keymap == {} and "not a regular file" in loaded.problems[0]


def test_display_keys() -> None:
    assert display_keys("ctrl+f,question_mark") == "ctrl+f ?"
