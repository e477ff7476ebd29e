"""Remapping keys: every binding has an id, `keymap.toml` changes the keys, the footer and `?`
show the new ones, bad entries and clashes are said, never a crash (Pilot, fixture library)."""

from __future__ import annotations

import importlib
import inspect
import pkgutil
from pathlib import Path

import pytest
from textual.binding import Binding
from textual.dom import DOMNode
from textual.widgets import Footer, Static

import reader.ui
from reader.ui.app import ReaderApp
from reader.ui.binding_ids import BINDING_IDS
from reader.ui.help_screen import HelpScreen, remapped_table
from reader.ui.search_screen import SearchScreen
from ui_fixtures import make_app


def _reader_bindings() -> list[tuple[str, Binding]]:
    found: list[tuple[str, Binding]] = []
    for info in pkgutil.iter_modules(reader.ui.__path__):
        module = importlib.import_module(f"reader.ui.{info.name}")
        for _, cls in inspect.getmembers(module, inspect.isclass):
            if not issubclass(cls, DOMNode) or cls.__module__ != module.__name__:
                continue
            for binding in cls.__dict__.get("BINDINGS", []):
                assert isinstance(binding, Binding), f"{cls.__name__}: use Binding(...)"
                found.append((cls.__name__, binding))
    return found


def test_every_binding_has_a_known_id() -> None:
    bindings = _reader_bindings()
    assert len(bindings) > 30
    missing = [f"{c}: {b.key} → {b.action}" for c, b in bindings if b.id not in BINDING_IDS]
    assert missing == []


@pytest.fixture
def config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "config"
    folder.mkdir()
    monkeypatch.setenv("READER_CONFIG_DIR", str(folder))
    return folder


def footer_keys(app: ReaderApp) -> dict[str, str]:
    footer = app.screen.query_one(Footer)
    return {str(k.description): str(k.key_display) for k in footer.children if k.display}  # type: ignore[attr-defined]


async def test_keymap_file_remaps_and_shows_the_keys(tmp_path: Path, config: Path) -> None:
    (config / "keymap.toml").write_text(
        '# mine\nsearch = "ctrl+f"\nmention.next = "x"\nnope = "z"\nquit = "not a key"\n',
        encoding="utf-8",
    )
    app = make_app(tmp_path)
    assert isinstance(app, ReaderApp)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert app.user_keymap.keymap == {"search": "ctrl+f", "mention.next": "x"}
        notices = " ".join(n.message for n in app._notifications)
        assert "unknown binding id 'nope'" in notices and "quit: not a key" in notices
        keys = footer_keys(app)
        assert keys.get("Search") == "^f"
        assert keys.get("Next mention") == "x"

        await pilot.press("slash")  # the old key no longer searches
        assert not isinstance(app.screen, SearchScreen)
        await pilot.press("ctrl+f")
        assert isinstance(app.screen, SearchScreen)
        await pilot.press("escape")

        await pilot.press("tab")  # the article
        await pilot.press("x")
        assert app.selected_entity is not None


async def test_help_lists_the_remapped_keys(tmp_path: Path, config: Path) -> None:
    (config / "keymap.toml").write_text('hit.next = ["ctrl+g"]\n', encoding="utf-8")
    app = make_app(tmp_path)
    assert isinstance(app, ReaderApp)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        assert app.screen.query_one("#help-remapped", Static).display
        table = remapped_table(app)
        assert table is not None
        cells = [str(c) for column in table.columns for c in column.cells]
        assert "^g" in cells and any("hit.next" in c for c in cells)


async def test_a_broken_keymap_file_keeps_the_defaults(tmp_path: Path, config: Path) -> None:
    (config / "keymap.toml").write_bytes(b"search = [\x00\xff")
    app = make_app(tmp_path)
    assert isinstance(app, ReaderApp)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert app.user_keymap.keymap == {}
        assert any("default keys kept" in n.message for n in app._notifications)
        await pilot.press("slash")
        assert isinstance(app.screen, SearchScreen)


async def test_a_clash_is_reported(tmp_path: Path, config: Path) -> None:
    (config / "keymap.toml").write_text('search = "e"\n', encoding="utf-8")
    app = make_app(tmp_path)
    assert isinstance(app, ReaderApp)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert any("e is bound to mention.next and search" in n.message for n in app._notifications)


def test_readme_lists_every_binding_id() -> None:
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    missing = [i for i in sorted(BINDING_IDS) if f"| `{i}` |" not in readme]
    assert missing == []
