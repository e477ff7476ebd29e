"""Issue 14.6, 14.7, 14.12: a user theme never hangs or crashes the app.

Colours Textual reads and Rich does not (`#abc`, `aliceblue`, `ansi_bright_red`) are converted
or refused at load time with a notice; a user theme named like a built-in one is refused; a
theme name holding markup is refused (Textual's own theme picker reads names as markup); a
theme file that is a FIFO or a link to `/dev/zero` is refused without being read.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from textual.command import CommandPalette

from reader.ui.app import ReaderApp
from reader.ui.themes import ThemeError, canonical_color, load_themes
from ui_fixtures import make_app

SIZE = (120, 40)


def user_theme(name: str, colors: str, entities: str = "") -> str:
    return f'name = "{name}"\n[colors]\n{colors}\n[entities]\n{entities}\n'


@pytest.fixture
def themes_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    config = tmp_path / "config"
    (config / "themes").mkdir(parents=True)
    monkeypatch.setenv("READER_CONFIG_DIR", str(config))
    return config / "themes"


def app_for(tmp_path: Path, theme: str | None = None) -> ReaderApp:
    app = make_app(tmp_path, theme=theme)
    assert isinstance(app, ReaderApp)
    return app


def notices(app: ReaderApp) -> str:
    return "\n".join(str(n.message) for n in app._notifications)


async def quits_on_q(app: ReaderApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("q")
        await pilot.pause()
    assert app.return_code in (0, None)
    assert app._exception is None


@pytest.mark.parametrize(
    ("colors", "entities"),
    [
        ('primary = "#abc"', ""),
        ('primary = "#7aa2f7"\nbackground = "aliceblue"', ""),
        ('primary = "#7aa2f7"', 'per = "ansi_bright_red"'),
        ('primary = "ansi_bright_red"', ""),
        ('primary = "#7aa2f7"\nbackground = "#11223344"', ""),
    ],
)
@pytest.mark.parametrize("name", ["mine", "dark"])
async def test_a_theme_with_colours_rich_cannot_read_never_breaks_the_app(
    tmp_path: Path, themes_dir: Path, name: str, colors: str, entities: str
) -> None:
    (themes_dir / "mine.toml").write_text(user_theme(name, colors, entities), encoding="utf-8")
    # asked for by name, and a plain start (which uses `dark`)
    for wanted in (name, None):
        app = app_for(tmp_path / str(wanted), theme=wanted)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            assert app.theme in ("dark", "mine")
            if "mine" in app.reader_themes:  # converted: colours both libraries read
                assert len(app.reader_themes["mine"].theme.primary) == len("#rrggbb")
            else:
                assert "mine.toml skipped" in notices(app)
            app.refresh()
            await pilot.pause()
            await pilot.press("t")
            await pilot.pause()
        assert app._exception is None
        await quits_on_q(app_for(tmp_path / f"{wanted}-q", theme=wanted))


def test_colours_are_converted_or_refused_with_the_reason() -> None:
    assert canonical_color("primary", "#abc") == "#aabbcc"
    assert canonical_color("primary", "aliceblue") == "#f0f8ff"
    assert canonical_color("primary", "rgb(1, 2, 3)") == "#010203"
    for bad, why in [
        ("ansi_bright_red", "ANSI"),
        ("#11223344", "transparent"),
        ("nope", "not a colour"),
    ]:
        with pytest.raises(ThemeError, match=why):
            canonical_color("per", bad)


def test_a_user_theme_named_like_a_built_in_one_is_refused(themes_dir: Path) -> None:
    for name in ("dark", "light", "nord", "textual-dark"):
        (themes_dir / f"{name}-user.toml").write_text(
            user_theme(name, 'primary = "#ff0000"'), encoding="utf-8"
        )
    themes, found = load_themes()
    assert themes["dark"].theme.primary != "#ff0000"
    assert themes["dark"].path is not None and themes["dark"].path.parent != themes_dir
    assert "nord" not in themes and "textual-dark" not in themes
    for name in ("dark", "light", "nord", "textual-dark"):
        assert any(f"{name}-user.toml skipped" in n and "built-in" in n for n in found)


@pytest.mark.parametrize("name", ["[@click=app.quit]x", "[bold", "a]b", "$primary", "x=y"])
def test_a_theme_name_with_markup_is_refused(themes_dir: Path, name: str) -> None:
    (themes_dir / "odd.toml").write_text(user_theme(name, 'primary = "#ff0000"'), encoding="utf-8")
    themes, found = load_themes()
    assert name not in themes
    assert any("odd.toml skipped" in n and "letters, digits" in n for n in found)


async def test_textual_theme_picker_survives_themes_named_with_markup(
    tmp_path: Path, themes_dir: Path
) -> None:
    """ctrl+p → Theme lists every theme by name, parsed as markup by Textual itself."""
    (themes_dir / "a.toml").write_text(
        user_theme("[@click=app.quit]x", 'primary = "#ff0000"'), encoding="utf-8"
    )
    (themes_dir / "b.toml").write_text(user_theme("[bold", 'primary = "#00ff00"'), encoding="utf-8")
    app = app_for(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"change theme")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause(0.3)
        assert isinstance(app.screen, CommandPalette)
        for key in ("b", "o", "down", "down"):
            await pilot.press(key)
            await pilot.pause(0.1)
        await pilot.press("escape")
        await pilot.pause()
        assert app.is_running
        assert all("[" not in name and "$" not in name for name in app.available_themes), (
            app.available_themes
        )
    assert app._exception is None and app.return_code in (0, None)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this system")
async def test_a_theme_file_that_is_a_fifo_or_dev_zero_is_refused_unread(
    tmp_path: Path, themes_dir: Path
) -> None:
    os.mkfifo(themes_dir / "fifo.toml")
    (themes_dir / "zero.toml").symlink_to("/dev/zero")
    _themes, found = load_themes()
    assert any("fifo.toml skipped" in n and "FIFO" in n for n in found)
    assert any("zero.toml skipped" in n and "device" in n for n in found)
    app = app_for(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert "fifo.toml skipped" in notices(app)
