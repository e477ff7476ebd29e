"""Small and medium terminals: one pane at a time below 70 columns, the panel reachable at 80,
nothing past the right edge, a footer and legend that fit (Pilot, fixture library)."""

from __future__ import annotations

from pathlib import Path

from textual.pilot import Pilot
from textual.widget import Widget
from textual.widgets import Footer

from reader.ui.app import ReaderApp
from reader.ui.article_view import ArticleView
from reader.ui.legend import Legend
from reader.ui.pane_layout import mode_of, visible_panes
from reader.ui.source_list import SourceOptions
from reader.ui.xref_panel import XrefOptions
from ui_fixtures import make_app


def app_for(tmp_path: Path) -> ReaderApp:
    app = make_app(tmp_path)
    assert isinstance(app, ReaderApp)
    return app


def shown(app: ReaderApp) -> set[str]:
    """The panes on screen."""
    return {
        dom_id
        for dom_id in ("source-pane", "article-pane", "xref-pane")
        if app.screen.query_one(f"#{dom_id}").display
        and app.screen.query_one(f"#{dom_id}").region.width > 0
    }


def assert_nothing_past_the_edge(app: ReaderApp) -> None:
    width, height = app.size
    for widget in app.screen.query(Widget):
        if not widget.display or widget.region.area == 0:
            continue
        region = widget.region
        assert region.right <= width, (widget, region)
        assert region.bottom <= height, (widget, region)


async def assert_footer_fits(app: ReaderApp, pilot: Pilot[None]) -> None:
    footer = app.screen.query_one(Footer)
    for _ in range(50):  # the footer composes its keys after a refresh (slower on a busy machine)
        if any(w.display for w in footer.children):
            break
        await pilot.pause()
    keys = [w for w in footer.children if w.display]
    assert keys, "the footer shows no key"
    assert footer.virtual_size.width <= footer.size.width
    assert all(k.region.right <= app.size.width for k in keys)


def test_modes_by_width() -> None:
    assert mode_of(40) == "single" and mode_of(69) == "single"
    assert mode_of(70) == "narrow" and mode_of(99) == "narrow"
    assert mode_of(100) == "wide"
    assert visible_panes("single", "xref", "sources") == ("xref",)
    assert visible_panes("narrow", "article", "xref") == ("article", "xref")


async def test_one_pane_at_a_time_at_40x12(tmp_path: Path) -> None:
    app = app_for(tmp_path)
    async with app.run_test(size=(40, 12)) as pilot:
        await pilot.pause()
        assert shown(app) == {"source-pane"}
        assert isinstance(app.focused, SourceOptions)
        title = app.screen.query_one("#source-pane").border_title
        assert title is not None and "Article" in str(title) and "Cross-refs" in str(title)
        assert_nothing_past_the_edge(app)
        await assert_footer_fits(app, pilot)
        shown_keys = {
            str(getattr(k, "key", "")): str(getattr(k, "description", ""))
            for k in app.screen.query_one(Footer).children
        }
        assert shown_keys.get("tab") == "Pane"  # the way between panes
        assert shown_keys.get("f") == "Filter"  # the list's own key still fits at 40

        await pilot.press("enter")  # open the article: its pane replaces the list
        await pilot.pause()
        assert isinstance(app.focused, ArticleView)
        assert shown(app) == {"article-pane"}
        assert_nothing_past_the_edge(app)
        view = app.query_one(ArticleView)
        assert view._layout is not None
        assert all(len(line.text) <= view._layout.width for line in view._layout.lines)

        await pilot.press("enter")  # a mention's cross-references: the panel is shown
        await pilot.pause()
        assert isinstance(app.focused, XrefOptions)
        assert shown(app) == {"xref-pane"}
        assert_nothing_past_the_edge(app)

        await pilot.press("tab")  # tab cycles: panel → list
        await pilot.pause()
        assert shown(app) == {"source-pane"}
        await pilot.press("shift+tab")
        await pilot.pause()
        assert shown(app) == {"xref-pane"}


async def test_a_jump_from_the_panel_shows_the_article_on_one_pane(tmp_path: Path) -> None:
    app = app_for(tmp_path)
    async with app.run_test(size=(50, 16)) as pilot:
        await pilot.press("enter", "enter")
        await pilot.pause()
        assert shown(app) == {"xref-pane"}
        options = app.query_one(XrefOptions)
        # the first row that leads somewhere
        for index in range(options.option_count):
            if not options.get_option_at_index(index).disabled:
                options.highlighted = index
                break
        await pilot.press("enter")
        await pilot.pause()
        await pilot.pause()
        assert shown(app) == {"article-pane"}
        assert isinstance(app.focused, ArticleView)


async def test_panel_reachable_at_80_columns(tmp_path: Path) -> None:
    app = app_for(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert shown(app) == {"source-pane", "article-pane"}
        assert_nothing_past_the_edge(app)
        await assert_footer_fits(app, pilot)
        await pilot.press("tab")  # to the article
        await pilot.press("enter")  # select a mention: the panel comes in
        await pilot.pause()
        assert shown(app) == {"article-pane", "xref-pane"}
        assert isinstance(app.focused, ArticleView)  # still reading
        assert_nothing_past_the_edge(app)
        await pilot.press("shift+tab")  # back to the list: it comes back
        await pilot.pause()
        assert shown(app) == {"source-pane", "article-pane"}


async def test_legend_fits_its_pane(tmp_path: Path) -> None:
    app = app_for(tmp_path)
    for size in ((40, 12), (80, 24), (120, 40), (200, 60)):
        async with app.run_test(size=size) as pilot:
            await pilot.press("enter")
            await pilot.pause()
            legend = app.query_one(Legend)
            text = legend._fitting()
            assert text.cell_len <= legend.content_region.width, size
            assert all(label in text.plain for label in ("PER", "ORG", "LOC", "MISC"))
        app = app_for(tmp_path)


async def test_three_panes_when_wide(tmp_path: Path) -> None:
    app = app_for(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert shown(app) == {"source-pane", "article-pane", "xref-pane"}
        assert app.screen.query_one("#article-pane").border_title is None
        await assert_footer_fits(app, pilot)


async def test_e_from_the_list_brings_the_article_up_on_one_pane(tmp_path: Path) -> None:
    app = app_for(tmp_path)
    async with app.run_test(size=(40, 12)) as pilot:
        await pilot.pause()
        assert shown(app) == {"source-pane"}
        await pilot.press("e")
        await pilot.pause()
        await pilot.pause()
        assert shown(app) == {"article-pane"}
        assert app.query_one(ArticleView).selected is not None
