"""Snapshots of the main screen in each bundled theme at 120×40, 80×24 and 50×16 (one pane at a
time), and of the reading loop on small screens (fixture library)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from ui_fixtures import make_app

THEMES = ["dark", "light", "high-contrast"]
SIZES = [(120, 40), (80, 24), (50, 16)]


@pytest.fixture(autouse=True)
def _isolated_dirs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("READER_CONFIG_DIR", str(tmp_path / "config"))
    monkeypatch.setenv("READER_STATE_DIR", str(tmp_path / "state"))


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("theme", THEMES)
def test_main_screen(snap_compare: Any, tmp_path: Path, theme: str, size: tuple[int, int]) -> None:
    assert snap_compare(make_app(tmp_path, theme=theme), terminal_size=size)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_selected_mention_with_cross_references(
    snap_compare: Any, tmp_path: Path, size: tuple[int, int]
) -> None:
    assert snap_compare(make_app(tmp_path), terminal_size=size, press=["tab", "e", "e"])


def test_hostile_article(snap_compare: Any, tmp_path: Path) -> None:
    assert snap_compare(make_app(tmp_path), terminal_size=(120, 40), press=["G", "enter"])


@pytest.mark.parametrize("size", [(80, 24), (50, 16)], ids=lambda s: f"{s[0]}x{s[1]}")
def test_article_then_cross_references_on_small_screens(
    snap_compare: Any, tmp_path: Path, size: tuple[int, int]
) -> None:
    """enter opens the article, enter on a mention shows its cross-references."""
    assert snap_compare(make_app(tmp_path), terminal_size=size, press=["enter", "enter"])


def test_article_alone_at_50x16(snap_compare: Any, tmp_path: Path) -> None:
    assert snap_compare(make_app(tmp_path), terminal_size=(50, 16), press=["enter"])
