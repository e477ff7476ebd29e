"""Unit tests of the UI's pure parts: wrapping, history, state store, themes, corrections."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from reader.domain.model import Article
from reader.ui.corrections_screen import correction_line
from reader.ui.history import History, Location
from reader.ui.layout import layout_article, wrap_offsets
from reader.ui.search_screen import query_terms, style_snippet
from reader.ui.state import StateStore
from reader.ui.themes import ThemeError, load_theme_file, load_themes, parse_theme
from ui_fixtures import long_article

THEMES = Path(__file__).resolve().parents[1] / "themes"


@pytest.mark.parametrize("width", [1, 5, 12, 40, 80])
def test_wrap_covers_every_word_within_width(width: int) -> None:
    text = (
        "Les pourparlers entre Joe Biden et Vladimir Poutine  sur l’Ukraine "
        "anticonstitutionnellement fini"
    )
    lines = wrap_offsets(text, width)
    assert all(b - a <= width for a, b in lines)
    joined = " ".join(text[a:b] for a, b in lines).split()
    assert "".join(joined) == "".join(text.split())


def test_wrap_wide_characters() -> None:
    text = "東京都 中文中文中文 abc"
    for a, b in wrap_offsets(text, 6):
        from rich.cells import cell_len

        assert cell_len(text[a:b]) <= 6


def test_layout_maps_offsets_to_lines() -> None:
    art = long_article(2000)
    layout = layout_article(art, 60)
    for offset in (0, 500, 5000, len(art.text) - 1):
        line = layout.lines[layout.line_of("text", offset)]
        assert line.start <= offset <= line.end + 1
    assert layout.lines[0].kind == "title"


def test_layout_of_article_without_paragraphs() -> None:
    art = Article(id="x", path="x.txt", title="T", text="un\ndeux\n\ntrois", paragraphs=[])
    layout = layout_article(art, 20)
    assert [ln.text for ln in layout.lines if ln.field == "text"] == ["un", "deux", "trois"]


def test_history_back_forward() -> None:
    h = History()
    a, b, c = Location("a"), Location("b"), Location("c")
    h.push(a)
    h.push(b)
    assert h.back(c) == b
    assert h.back(b) == a
    assert h.back(a) is None
    assert h.forward(a) == b
    assert h.forward(b) == c
    h.back(c)
    h.push(Location("d"))
    assert not h.can_forward


def test_state_store_round_trip(tmp_path: Path) -> None:
    store = StateStore(tmp_path)
    store.set_theme("light")
    store.mark_read("c", "a1")
    store.set_position("c", "a2", 120)
    store.close()
    again = StateStore(tmp_path)
    assert again.theme() == "light"
    assert again.read_articles("c") == {"a1"}
    assert again.read_articles("other") == set()
    assert again.position("c") == ("a2", 120)
    assert (tmp_path / "state.sqlite").exists()


def test_state_store_survives_kill_9(tmp_path: Path) -> None:
    code = (
        "import os, sys\n"
        "sys.path.insert(0, {!r})\n"
        "from reader.ui.state import StateStore\n"
        "s = StateStore(__import__('pathlib').Path({!r}))\n"
        "for i in range(200):\n"
        "    s.mark_read('c', f'a{{i}}')\n"
        "    s.set_position('c', f'a{{i}}', i)\n"
        "print('ready', flush=True)\n"
        "os.kill(os.getpid(), 9)\n"
    ).format(str(Path(__file__).resolve().parents[1] / "src"), str(tmp_path))
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert proc.returncode == -9 and "ready" in proc.stdout
    store = StateStore(tmp_path)
    assert len(store.read_articles("c")) == 200
    assert store.position("c") == ("a199", 199)


def test_corrupt_state_file_is_replaced(tmp_path: Path) -> None:
    (tmp_path / "state.sqlite").write_bytes(b"not a database at all" * 100)
    store = StateStore(tmp_path)
    assert store.available
    store.set_theme("dark")
    assert store.theme() == "dark"


def test_bundled_themes_load() -> None:
    themes, notices = load_themes([THEMES])
    assert notices == []
    assert list(themes)[:3] == ["dark", "light", "high-contrast"]
    for theme in themes.values():
        for label in ("PER", "ORG", "LOC", "MISC"):
            assert theme.entity_color(label)  # type: ignore[arg-type]
        assert theme.theme.primary and theme.theme.background
    assert themes["light"].theme.dark is False


def test_bundled_themes_pass_the_check_a_start_skips() -> None:
    """Starting the app does not build Textual's colour system for the bundled themes (it
    costs time before the first frame): this test does, for each of them."""
    from reader.domain.paths import bundled_themes

    for path in sorted(bundled_themes().glob("*.toml")):
        load_theme_file(path, check=True)


def test_user_theme_is_picked_up_and_bad_one_reported(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    user = tmp_path / "themes"
    user.mkdir()
    (user / "solar.toml").write_text(
        'name = "solar"\ndark = false\n[colors]\nprimary = "#268bd2"\nbackground = "#fdf6e3"\n'
        '[entities]\nper = "#dc322f"\n',
        encoding="utf-8",
    )
    (user / "broken.toml").write_text('name = "x"\n[colors]\nprimary = "nope"\n', encoding="utf-8")
    monkeypatch.setenv("READER_CONFIG_DIR", str(tmp_path))
    themes, notices = load_themes()
    assert "solar" in themes and themes["solar"].entity_color("PER") == "#dc322f"
    assert any("broken.toml" in n for n in notices)


def test_theme_errors() -> None:
    with pytest.raises(ThemeError):
        parse_theme({"colors": {}}, "x")
    with pytest.raises(ThemeError):
        parse_theme({"colors": {"primary": "#fff"}, "entities": {"per": "zzz"}}, "x")
    assert load_theme_file(THEMES / "dark.toml").name == "dark"


def test_correction_lines() -> None:
    merge = correction_line("merge", "poutine", "vladimir-poutine")
    assert merge == 'merge "poutine" into "vladimir-poutine"'
    assert correction_line("rename", "biden\n", 'Joe "Sleepy" Biden # x') == (
        'rename "biden" to "Joe \'Sleepy\' Biden # x"'
    )
    assert correction_line("relabel", "kremlin", "org") == 'relabel "kremlin" as ORG'
    assert correction_line("hide", "M.\x1b[2J") == 'hide "M.[2J"'
    from reader.domain.entities.corrections import Command, parse_line

    parsed = parse_line(correction_line("rename", "biden", "Le to into as # x"))
    assert isinstance(parsed, Command) and parsed.args == ("biden", "Le to into as # x")


def test_snippet_styling_is_plain_text() -> None:
    text = style_snippet("[bold]La Finlande[/] achète", query_terms("finlande"), "bold")  # type: ignore[arg-type]
    assert text.plain == "[bold]La Finlande[/] achète"
    assert any(text.plain[s.start : s.end] == "Finlande" for s in text.spans)
    assert query_terms('entity:Poutine AND "la Russie"') == ["poutine", "la", "russie"]


def test_ui_app_import_does_not_import_spacy() -> None:
    env = dict(os.environ)
    out = subprocess.run(
        [sys.executable, "-c", "import sys, reader.ui.app; print('spacy' in sys.modules)"],
        capture_output=True,
        text=True,
        env=env,
        check=True,
    )
    assert out.stdout.strip() == "False"
