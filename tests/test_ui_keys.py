"""Pilot tests: every key of SPEC §6 (and the reader's extra keys) on the fixture library."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Input, OptionList, Static

from reader.ui.app import ReaderApp
from reader.ui.article_view import ArticleView
from reader.ui.help_screen import HelpScreen
from reader.ui.search_screen import SearchScreen
from reader.ui.source_list import FilterInput, SourceList, SourceOptions
from reader.ui.xref_panel import XrefOptions, XrefPanel
from ui_fixtures import build_library, long_article, make_app

SIZE = (120, 40)


def app_for(tmp_path: Path, **kw: object) -> ReaderApp:
    app = make_app(tmp_path, **kw)  # type: ignore[arg-type]
    assert isinstance(app, ReaderApp)
    return app


async def test_opens_first_article_with_sources_focused(tmp_path: Path) -> None:
    app = app_for(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.current == "a1"
        assert isinstance(app.focused, SourceOptions)
        assert app.query_one(SourceList).shown == ["a1", "a2", "a3", "a4"]


async def test_tab_and_shift_tab_cycle_panes(tmp_path: Path) -> None:
    app = app_for(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("tab")
        assert isinstance(app.focused, ArticleView)
        await pilot.press("tab")
        assert isinstance(app.focused, XrefOptions)
        await pilot.press("tab")
        assert isinstance(app.focused, SourceOptions)
        await pilot.press("shift+tab")
        assert isinstance(app.focused, XrefOptions)
        await pilot.press("shift+tab")
        assert isinstance(app.focused, ArticleView)


async def test_list_moves_with_arrows_jk_g_G_and_enter_opens(tmp_path: Path) -> None:
    app = app_for(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        options = app.query_one(SourceOptions)
        await pilot.press("j")
        assert options.highlighted == 1
        await pilot.press("down")
        assert options.highlighted == 2
        await pilot.press("k")
        assert options.highlighted == 1
        await pilot.press("up")
        assert options.highlighted == 0
        await pilot.press("G")
        assert options.highlighted == 3
        await pilot.press("g")
        assert options.highlighted == 0
        await pilot.press("pagedown")
        assert options.highlighted == 3
        await pilot.press("pageup")
        assert options.highlighted == 0
        await pilot.press("j", "enter")
        await pilot.pause()
        assert app.current == "a2"
        assert isinstance(app.focused, ArticleView)


async def test_article_scrolls_with_keys(tmp_path: Path) -> None:
    app = app_for(tmp_path, library=build_library([long_article(3000)]))
    async with app.run_test(size=SIZE) as pilot:
        app.goto(app.history_location("long"))
        await pilot.pause()
        view = app.query_one(ArticleView)
        view.focus()
        await pilot.press("j", "j", "down")
        await pilot.pause()
        assert view.scroll_y == 3
        await pilot.press("k", "up")
        await pilot.pause()
        assert view.scroll_y == 1
        await pilot.press("pagedown")
        await pilot.pause()
        assert view.scroll_y > 20
        await pilot.press("pageup")
        await pilot.pause()
        assert view.scroll_y <= 1
        await pilot.press("G")
        await pilot.pause()
        assert view.scroll_y == view.max_scroll_y > 100
        await pilot.press("g")
        await pilot.pause()
        assert view.scroll_y == 0


async def test_e_and_E_walk_mentions_and_show_xref(tmp_path: Path) -> None:
    app = app_for(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        view = app.query_one(ArticleView)
        await pilot.press("e")
        await pilot.pause()
        first = view.selected_mention
        assert first is not None and first.field == "title" and first.text == "Biden"
        await pilot.press("e")
        await pilot.pause()
        assert view.selected_mention is not None and view.selected_mention.text == "Poutine"
        panel = app.query_one(XrefPanel)
        assert panel.entity is not None and panel.entity.id == "Vladimir Poutine"
        await pilot.press("E")
        await pilot.pause()
        assert view.selected_mention == first
        assert panel.entity is not None and panel.entity.id == "Joe Biden"


async def test_enter_in_article_selects_first_visible_mention(tmp_path: Path) -> None:
    app = app_for(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("tab", "enter")
        await pilot.pause()
        view = app.query_one(ArticleView)
        assert view.selected_mention is not None
        assert app.query_one(XrefPanel).entity is not None


async def test_right_bracket_follows_entity_into_next_article(tmp_path: Path) -> None:
    app = app_for(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        view = app.query_one(ArticleView)
        await pilot.press("e", "e")  # Poutine in the headline of a1
        await pilot.pause()
        first = view.selected_mention
        assert first is not None
        seen = [(app.current, first.field, first.start)]
        for _ in range(3):
            await pilot.press("right_square_bracket")
            await pilot.pause()
            mention = view.selected_mention
            assert mention is not None and mention.entity == "Vladimir Poutine"
            seen.append((app.current, mention.field, mention.start))
        assert seen[0][0] == "a1" and seen[-1][0] == "a2"
        assert len(set(seen)) == 4
        await pilot.press("left_square_bracket")
        await pilot.pause()
        mention = view.selected_mention
        assert mention is not None
        assert (app.current, mention.field, mention.start) == seen[-2]


async def test_bracket_without_selection_explains(tmp_path: Path) -> None:
    app = app_for(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("right_square_bracket")
        await pilot.pause()
        assert app.current == "a1"
        assert any("Select a mention" in str(n.message) for n in app._notifications)


async def test_search_enter_jumps_and_n_N_walk_hits(tmp_path: Path) -> None:
    app = app_for(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("slash")
        await pilot.pause()
        assert isinstance(app.screen, SearchScreen)
        await pilot.press(*"Finlande")
        await pilot.press("enter")
        await pilot.pause()
        assert not isinstance(app.screen, SearchScreen)
        assert app.search_hits and app.search_pos == 0
        first_article = app.current
        assert first_article in {"a1", "a2"}
        positions = [(app.current, app.search_hits[app.search_pos][1].start)]
        for _ in range(len(app.search_hits) - 1):
            await pilot.press("n")
            await pilot.pause()
            positions.append((app.current, app.search_hits[app.search_pos][1].start))
        assert {a for a, _ in positions} == {"a1", "a2"}
        await pilot.press("N")
        await pilot.pause()
        assert app.search_pos == len(app.search_hits) - 2


async def test_search_results_list_and_enter_on_result(tmp_path: Path) -> None:
    app = app_for(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("slash")
        screen = app.screen
        assert isinstance(screen, SearchScreen)
        screen.query_one(Input).value = "Kremlin"
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        results = screen.query_one("#results", OptionList)
        assert results.option_count == 2
        await pilot.press("down")
        assert isinstance(app.focused, OptionList)
        await pilot.press("down", "enter")
        await pilot.pause()
        assert app.current == "a1"
        assert app.search_result is not None and app.search_result.query == "Kremlin"


async def test_rejected_query_shows_message_next_to_box(tmp_path: Path) -> None:
    app = app_for(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("slash")
        await pilot.press(*'"Poutine')
        await pilot.press("enter")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, SearchScreen)
        message = screen.query_one("#search-message")
        assert "unbalanced" in str(message.render())
        assert message.has_class("-error")


async def test_did_you_mean(tmp_path: Path) -> None:
    app = app_for(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("slash")
        await pilot.press(*"Finalnde")
        await pilot.press("enter")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, SearchScreen)
        results = screen.query_one("#results", OptionList)
        assert results.get_option_at_index(0).id == "suggestion"
        await pilot.press("down", "enter")
        await pilot.pause()
        assert screen.query_one(Input).value == "Finlande"
        assert results.option_count >= 2
        await pilot.press("escape")
        assert not isinstance(app.screen, SearchScreen)


async def test_n_without_search_explains(tmp_path: Path) -> None:
    app = app_for(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n")
        await pilot.pause()
        assert app.current == "a1"
        assert any("press /" in str(n.message) for n in app._notifications)


@pytest.mark.parametrize(("back", "forward"), [("ctrl+o", "ctrl+i"), ("alt+left", "alt+right")])
async def test_history_back_and_forward(tmp_path: Path, back: str, forward: str) -> None:
    app = app_for(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("j", "enter")  # a2
        await pilot.pause()
        await pilot.press("shift+tab", "j", "enter")  # a3
        await pilot.pause()
        assert app.current == "a3"
        await pilot.press(back)
        await pilot.pause()
        assert app.current == "a2"
        await pilot.press(back)
        await pilot.pause()
        assert app.current == "a1"
        await pilot.press(forward)
        await pilot.pause()
        assert app.current == "a2"
        await pilot.press(forward)
        await pilot.pause()
        assert app.current == "a3"


async def test_r_toggles_removed_boilerplate(tmp_path: Path) -> None:
    app = app_for(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        view = app.query_one(ArticleView)
        await pilot.pause()
        assert view._layout is not None
        assert not any(line.kind == "removed" for line in view._layout.lines)
        await pilot.press("r")
        await pilot.pause()
        removed = [line.text for line in view._layout.lines if line.kind == "removed"]
        assert any("navigation" in text and "[menu]" in text for text in removed)
        await pilot.press("r")
        await pilot.pause()
        assert not any(line.kind == "removed" for line in view._layout.lines)


async def test_t_cycles_themes_and_is_remembered(tmp_path: Path) -> None:
    app = app_for(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        assert app.theme == "dark"
        await pilot.press("t")
        assert app.theme == "light"
        await pilot.press("t")
        assert app.theme == "high-contrast"
    again = app_for(tmp_path)
    async with again.run_test(size=SIZE):
        assert again.theme == "high-contrast"


async def test_theme_argument_and_unknown_theme(tmp_path: Path) -> None:
    app = app_for(tmp_path, theme="light")
    async with app.run_test(size=SIZE):
        assert app.theme == "light"
    app = app_for(tmp_path / "other", theme="nope")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.theme == "dark"
        assert any("Unknown theme" in str(n.message) for n in app._notifications)


async def test_question_mark_shows_every_key(tmp_path: Path) -> None:
    app = app_for(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        from reader.ui.help_screen import keymap_table

        table = keymap_table()
        keys = " ".join(str(c) for c in table.columns[0]._cells)
        for key in [
            "tab",
            "j k",
            "pgup",
            "g / G",
            "enter",
            "e / E",
            "] / [",
            "/",
            "n / N",
            "ctrl+o",
            "ctrl+i",
            "alt+",
            "r",
            "t",
            "?",
            "ctrl+p",
            "q",
        ]:
            assert key in keys or key in " ".join(str(c) for c in table.columns[1]._cells)
        await pilot.press("escape")
        assert not isinstance(app.screen, HelpScreen)


async def test_ctrl_p_palette_finds_articles_entities_themes(tmp_path: Path) -> None:
    from textual.command import CommandPalette

    app = app_for(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+p")
        await pilot.pause()
        assert isinstance(app.screen, CommandPalette)
        await pilot.press(*"Kremlin den")
        await pilot.pause(0.3)
        await app.screen.workers.wait_for_complete()
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        assert app.current == "a3"
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"Entity: Peskov")
        await pilot.pause(0.3)
        await app.screen.workers.wait_for_complete()
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        mention = app.query_one(ArticleView).selected_mention
        assert mention is not None and mention.entity == "Dmitri Peskov"
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"Theme: light")
        await pilot.pause(0.3)
        await app.screen.workers.wait_for_complete()
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        assert app.theme == "light"


async def test_q_quits(tmp_path: Path) -> None:
    app = app_for(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("q")
        await pilot.pause()
        assert app._exit


async def test_p_shows_problems(tmp_path: Path) -> None:
    from reader.ui.problems_screen import ProblemsScreen

    app = app_for(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("p")
        await pilot.pause()
        assert isinstance(app.screen, ProblemsScreen)
        assert [p.path for p in app.screen.problems] == [
            "corpus/broken.bin",
            "corpus/[bold]x[/].txt",
        ]
        await pilot.press("escape")
        assert not isinstance(app.screen, ProblemsScreen)


async def test_f_filters_the_list_and_s_sorts(tmp_path: Path) -> None:
    app = app_for(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        sources = app.query_one(SourceList)
        await pilot.press("f", *"Fin")
        await pilot.pause()
        assert isinstance(app.focused, FilterInput)
        assert sources.shown == ["a1", "a2"]  # "Fin des pourparlers", "La Finlande …"
        await pilot.press("escape")
        assert isinstance(app.focused, SourceOptions)
        assert sources.shown == ["a1", "a2", "a3", "a4"]
        await pilot.press("s")
        assert sources.sort_by == "title"
        assert sources.shown[0] == "a4"  # "[bold]Piège…" sorts before letters
        await pilot.press("s")
        assert sources.sort_by == "outlet"
        assert sources.shown == ["a4", "a2", "a1", "a3"]  # "[bold]Source[/]", Reuters, RIA, none
        await pilot.press("s")
        assert sources.shown == ["a1", "a2", "a3", "a4"]
        await pilot.press("f", *"kreml", "enter")
        await pilot.pause()
        assert isinstance(app.focused, SourceOptions)  # enter ends the filter, keeps it
        assert sources.shown == ["a1", "a3"]  # a1 mentions the Kremlin; a3 has it in the title
        await pilot.press("j", "enter")
        await pilot.pause()
        assert app.current == "a3"


async def test_panel_enter_jumps_and_c_compares(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from reader.ui import compare_screen

    class Pair:
        def __init__(self, a: tuple[int, int] | None, b: tuple[int, int] | None) -> None:
            self.a, self.b, self.similarity, self.ops = a, b, 0.5, []

    monkeypatch.setattr(
        compare_screen,
        "default_aligner",
        lambda: lambda a, b: [Pair((0, 10), (0, 12)), Pair(None, (13, 20))],
    )
    app = app_for(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("shift+tab")  # panel
        panel = app.query_one(XrefPanel)
        options = panel.options
        assert isinstance(app.focused, XrefOptions)
        first = options.highlighted_option
        assert first is not None and first.id == "r0"
        await pilot.press("c")
        await pilot.pause()
        assert isinstance(app.screen, compare_screen.CompareScreen)
        assert app.screen.b.id == "a2"
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert app.current == "a2"


async def test_panel_mention_rows_jump_to_the_mention(tmp_path: Path) -> None:
    app = app_for(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("e", "e")
        await pilot.pause()
        panel = app.query_one(XrefPanel)
        total = app.library.entities["Vladimir Poutine"].mentions  # type: ignore[union-attr]
        shown = [t for t in panel.targets() if not t.related and not t.expand]
        assert 0 < len(shown) < total  # a window around the current mention
        await pilot.press("shift+tab")
        panel.options.highlighted = panel.options.get_option_index("more-after")
        await pilot.press("enter")  # "… later: list all"
        await pilot.pause()
        mention_targets = [t for t in panel.targets() if not t.related and not t.expand]
        assert len(mention_targets) == total
        for _ in range(5):
            await pilot.press("j")
        await pilot.press("enter")
        await pilot.pause()
        view = app.query_one(ArticleView)
        assert app.current != "a1"
        assert view.selected_mention is not None
        assert view.selected_mention.entity == "Vladimir Poutine"


async def test_clicking_a_mention_selects_it(tmp_path: Path) -> None:
    app = app_for(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        view = app.query_one(ArticleView)
        await pilot.pause()
        assert view._layout is not None
        line_index = next(
            i
            for i, line in enumerate(view._layout.lines)
            if line.field == "text" and "Joe Biden" in line.text
        )
        line = view._layout.lines[line_index]
        column = line.text.index("Joe Biden") + 2 + 1  # margin
        await pilot.click(ArticleView, offset=(column, line_index))
        await pilot.pause()
        assert view.selected_mention is not None
        assert view.selected_mention.entity == "Joe Biden"
        assert app.query_one(XrefPanel).entity.id == "Joe Biden"  # type: ignore[union-attr]


async def test_clicking_a_panel_row_jumps(tmp_path: Path) -> None:
    app = app_for(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        options = app.query_one(XrefOptions)
        assert options.highlighted is not None
        # The first related article row sits right under the heading.
        region = options.region
        await pilot.click(XrefOptions, offset=(2, 1))
        await pilot.pause()
        del region
        assert app.current == "a2"


async def test_search_hit_then_e_then_bracket_reaches_another_article(tmp_path: Path) -> None:
    app = app_for(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("slash", *"Finlande", "enter")
        await pilot.pause()
        start_article = app.current
        # the hit lies in a mention of Finlande: it is selected at once
        mention = app.query_one(ArticleView).selected_mention
        assert mention is not None and mention.entity == "Finlande"
        for _ in range(3):
            await pilot.press("right_square_bracket")
            await pilot.pause()
            if app.current != start_article:
                break
        assert app.current != start_article
        mention = app.query_one(ArticleView).selected_mention
        assert mention is not None and mention.entity == "Finlande"


async def test_read_marks_and_last_article_survive_a_restart(tmp_path: Path) -> None:
    app = app_for(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("j", "j", "enter")
        await pilot.pause()
        assert app.current == "a3"
    again = app_for(tmp_path)
    async with again.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert again.current == "a3"
        sources = again.query_one(SourceList)
        assert {"a1", "a3"} <= sources.read and "a2" not in sources.read


async def test_damaged_search_index_is_rebuilt_in_the_background(tmp_path: Path) -> None:
    from reader.domain.search import IndexCorrupt

    app = app_for(tmp_path)
    rebuilds: list[bool] = []

    def damaged(query: str, limit: int) -> object:
        raise IndexCorrupt("segment unreadable")

    async with app.run_test(size=SIZE) as pilot:
        app.library.searcher = damaged
        app.start_update = lambda rebuild=False, rebuild_search=False: rebuilds.append(  # type: ignore[method-assign]
            rebuild_search
        )
        await pilot.press("slash")
        await pilot.press(*"Kremlin", "enter")
        await pilot.pause()
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, SearchScreen)
        message = str(screen.query_one("#search-message", Static).render())
        assert "damaged" in message
        assert rebuilds and rebuilds[0] is True
