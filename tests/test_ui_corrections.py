"""Entity corrections from the keyboard: m / R / L / H write the corrections file."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Input

from reader.ui.app import ReaderApp
from reader.ui.corrections_screen import EntityPicker, LabelPicker, TextPrompt
from ui_fixtures import make_app

SIZE = (120, 40)


def _corrections(tmp_path: Path) -> str:
    files = list((tmp_path / "config" / "corrections").glob("*.txt"))
    assert len(files) == 1
    lines = files[0].read_text(encoding="utf-8").splitlines()
    return "\n".join(ln for ln in lines if ln.strip() and not ln.startswith("#"))


@pytest.fixture
def app(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> ReaderApp:
    monkeypatch.setenv("READER_CONFIG_DIR", str(tmp_path / "config"))
    built = make_app(tmp_path)
    assert isinstance(built, ReaderApp)
    return built


async def test_merge_rename_relabel_hide(app: ReaderApp, tmp_path: Path) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("m")
        await pilot.pause()
        assert not isinstance(app.screen, EntityPicker)  # nothing selected yet
        await pilot.press("e")  # Biden in the headline
        await pilot.pause()
        await pilot.press("m")
        await pilot.pause()
        assert isinstance(app.screen, EntityPicker)
        await pilot.press(*"peskov", "enter")
        await pilot.pause()
        assert _corrections(tmp_path).splitlines() == ['merge "Joe Biden" into "Dmitri Peskov"']
        await pilot.press("R")
        await pilot.pause()
        assert isinstance(app.screen, TextPrompt)
        app.screen.query_one(Input).value = "Joseph R. Biden"
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("L")
        await pilot.pause()
        assert isinstance(app.screen, LabelPicker)
        await pilot.press("down", "enter")  # PER -> ORG
        await pilot.pause()
        await pilot.press("H")
        await pilot.pause()
        assert _corrections(tmp_path).splitlines() == [
            'merge "Joe Biden" into "Dmitri Peskov"',
            'rename "Joe Biden" to "Joseph R. Biden"',
            'relabel "Joe Biden" as ORG',
            'hide "Joe Biden"',
        ]


async def test_escape_cancels_a_correction(app: ReaderApp, tmp_path: Path) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("e", "R")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert not (tmp_path / "config" / "corrections").exists()
