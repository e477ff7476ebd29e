"""Untrusted text in the UI: markup and escape sequences are shown literally or stripped."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import OptionList

from reader.ui.app import ReaderApp
from reader.ui.article_view import ArticleView, displayable
from reader.ui.search_screen import SearchScreen
from reader.ui.source_list import SourceOptions
from reader.ui.xref_panel import XrefPanel
from ui_fixtures import HOSTILE_TEXT, build_library, make_app

SIZE = (120, 40)
FORBIDDEN = ("\x1b", "\x9b", "\x07", "\u202e", "\x00")


async def test_hostile_article_renders_literally_and_app_survives(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    assert isinstance(app, ReaderApp)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("G", "enter")  # the hostile article is last in the list
        await pilot.pause()
        assert app.current == "a4"
        view = app.query_one(ArticleView)
        assert view._layout is not None
        shown = "\n".join(line.text for line in view._layout.lines)
        for literal in (
            "[bold]du balisage[/]",
            "[/] seul",
            "[@click=app.quit]un clic[/]",
            "[link=http://evil.example]un lien[/link]",
            "[sic]",
            "[Reuters]",
            "[$foo]",
            "[bold]Piège[/]",
        ):
            assert literal in shown
        for bad in FORBIDDEN:
            assert bad not in shown
        # ESC removed when the article was built (model records sanitise every field), or
        # made visible by the view: never sent
        assert "[2J" in shown and "\x1b" not in shown
        svg = app.export_screenshot()
        assert "[@click=app.quit]" in svg.replace("&#160;", " ")
        # Clicking on the would-be link text does nothing but (maybe) select a mention.
        line_index = next(i for i, line in enumerate(view._layout.lines) if "un clic" in line.text)
        await pilot.click(ArticleView, offset=(30, line_index))
        await pilot.pause()
        assert app.is_running and not app._exit
        # The list row and the panel's related row show the title literally.
        options = app.query_one(SourceOptions)
        prompt = str(options.get_option("a4").prompt)
        assert "[@click=app.quit]clic[/]" in prompt and "\x1b" not in prompt
        await pilot.press("e")
        await pilot.pause()
        card = str(app.query_one(XrefPanel).query_one("#card").render())
        assert "\x1b" not in card


async def test_rendered_strips_hold_no_control_characters(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    assert isinstance(app, ReaderApp)
    async with app.run_test(size=SIZE) as pilot:
        app.goto(app.history_location("a4"))
        await pilot.pause()
        view = app.query_one(ArticleView)
        for y in range(view.size.height):
            for seg in view.render_line(y):
                assert not any(ch in seg.text for ch in FORBIDDEN), seg.text


def test_displayable_keeps_offsets() -> None:
    lib = build_library()
    art = lib.article("a4")
    fixed = displayable(art)
    assert len(fixed.text) == len(art.text)
    assert len(fixed.title) == len(art.title)
    for m in lib.text_mentions("a4"):
        assert fixed.text[m.start : m.end] == art.text[m.start : m.end]
    assert "\x1b" in HOSTILE_TEXT and "\x1b" not in fixed.text


async def test_search_results_and_notifications_do_not_parse_markup(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    assert isinstance(app, ReaderApp)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("slash")
        await pilot.press(*"balisage", "down")
        await pilot.pause()
        await app.workers.wait_for_complete()
        screen = app.screen
        assert isinstance(screen, SearchScreen)
        await pilot.press("enter")
        await pilot.pause()
        results = screen.query_one("#results", OptionList) if screen.is_attached else None
        del results
        assert app.current == "a4"
        # A rejected query whose text looks like markup is echoed literally.
        await pilot.press("slash")
        await pilot.pause()
        box = app.screen
        assert isinstance(box, SearchScreen)
        from textual.widgets import Input

        box.query_one(Input).value = '"[@click=app.quit]x[/]'
        await pilot.press("enter")
        await pilot.pause()
        message = str(box.query_one("#search-message").render())
        assert "[@click=app.quit]x[/]" in message
        assert app.is_running
        await pilot.press("escape")
        app.notify(HOSTILE_TEXT[:60], markup=False)
        await pilot.pause()


async def test_window_title_and_palette_entries_are_plain(tmp_path: Path) -> None:
    from reader.ui.commands import ArticlesProvider

    app = make_app(tmp_path)
    assert isinstance(app, ReaderApp)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"Article: Piège")
        await pilot.pause(0.3)
        await app.screen.workers.wait_for_complete()
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        assert app.current == "a4"
        assert app.is_running
        for provider_entry in ArticlesProvider(app.screen).entries():
            assert "\x1b" not in provider_entry[0]
        assert "\x1b" not in app.title + app.sub_title
