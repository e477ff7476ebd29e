"""Pilot tests of the reading loop (issue 13): search → entity → jump, without dead ends."""

from __future__ import annotations

from pathlib import Path

from reader.domain.library import Library
from reader.domain.pipeline import EntityResolver
from reader.domain.search import IndexDoc, SearchIndex
from reader.ui.app import ReaderApp
from reader.ui.article_view import ArticleView
from reader.ui.search_screen import SearchScreen
from reader.ui.source_list import FilterInput, SourceList, SourceOptions
from reader.ui.xref_panel import XrefOptions, XrefPanel
from ui_fixtures import build_library, long_article, make_app

SIZE = (120, 40)


def app_for(tmp_path: Path, library: Library | None = None) -> ReaderApp:
    app = make_app(tmp_path, library=library)
    assert isinstance(app, ReaderApp)
    return app


def indexed_library(tmp_path: Path) -> Library:
    """The fixture library searched through a real Whoosh index (entity: queries work)."""
    library = build_library()
    index = SearchIndex.open_or_create(tmp_path / "search")
    docs = []
    for aid in library.order():
        art = library.article(aid)
        terms = set()
        for m in library.mentions[aid]:
            terms.update({m.entity, m.text})
        docs.append(IndexDoc(aid, art.path, art.title, art.text, entity_terms=sorted(terms)))
    index.update(docs)
    resolver = EntityResolver(library.entities.values())
    library.searcher = lambda q, n: index.search(
        q, n, entity_id=resolver, entity_names=resolver.names
    )
    return library


def notes(app: ReaderApp) -> list[str]:
    return [str(n.message) for n in app._notifications]


# -- point 2: a hit inside a mention selects it ------------------------------------------------
async def test_search_hit_on_a_name_selects_the_mention_and_bracket_follows(
    tmp_path: Path,
) -> None:
    app = app_for(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("slash", *"Poutine", "enter")
        await pilot.pause()
        assert not isinstance(app.screen, SearchScreen)
        view = app.query_one(ArticleView)
        assert app.focused is view  # keys now go to the article
        mention = view.selected_mention
        assert mention is not None and mention.entity == "Vladimir Poutine"
        hit = app.search_hits[app.search_pos][1]
        assert (mention.field, mention.start) == (hit.field, hit.start) or (
            mention.start <= hit.start < mention.end
        )
        panel = app.query_one(XrefPanel)
        assert panel.entity is not None and panel.entity.id == "Vladimir Poutine"
        before = (app.current, mention.field, mention.start)
        await pilot.press("right_square_bracket")  # works at once: no "Select a mention"
        await pilot.pause()
        after = view.selected_mention
        assert after is not None and after.entity == "Vladimir Poutine"
        assert (app.current, after.field, after.start) != before
        assert not any("Select a mention" in n for n in notes(app))


async def test_e_continues_from_the_selected_hit(tmp_path: Path) -> None:
    app = app_for(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("slash", *"Peskov", "enter")
        await pilot.pause()
        view = app.query_one(ArticleView)
        assert app.current == "a3"
        mention = view.selected_mention
        assert mention is not None and mention.text == "Dmitri Peskov"
        await pilot.press("e")
        await pilot.pause()
        nxt = view.selected_mention
        assert nxt is not None and nxt.start > mention.start  # the name after Peskov
        assert nxt.entity == "Kremlin"


# -- point 6: n wraps like ] ------------------------------------------------------------------
async def test_n_wraps_at_the_end_with_a_notice(tmp_path: Path) -> None:
    app = app_for(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("slash", *"Finlande", "enter")
        await pilot.pause()
        count = len(app.search_hits)
        assert count >= 2
        for _ in range(count - 1):
            await pilot.press("n")
            await pilot.pause()
        assert app.search_pos == count - 1
        await pilot.press("n")
        await pilot.pause()
        assert app.search_pos == 0
        assert any("Wrapped to the first hit" in n for n in notes(app))
        await pilot.press("N")
        await pilot.pause()
        assert app.search_pos == count - 1
        assert any("Wrapped to the last hit" in n for n in notes(app))


# -- point 3: entity: search walks the entity's mentions --------------------------------------
async def test_entity_search_hits_are_the_mentions_and_n_walks_them(tmp_path: Path) -> None:
    library = indexed_library(tmp_path)
    app = app_for(tmp_path, library)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("slash", *"entity:Biden", "enter")
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert not isinstance(app.screen, SearchScreen)
        expected = {(r.article, r.field, r.start) for r in library.entity_mentions("Joe Biden")}
        assert len(expected) >= 4
        seen = set()
        for _ in range(len(app.search_hits)):
            article, match = app.search_hits[app.search_pos]
            seen.add((article, match.field, match.start))
            mention = app.query_one(ArticleView).selected_mention
            assert app.current == article
            assert mention is not None and mention.entity == "Joe Biden"
            await pilot.press("n")
            await pilot.pause()
        assert seen == expected  # every mention, under every alias ("Biden", "président Biden")


# -- point 4: the filter ----------------------------------------------------------------------
async def test_letters_in_the_list_are_commands_and_the_filter_is_text(tmp_path: Path) -> None:
    app = app_for(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        sources = app.query_one(SourceList)
        await pilot.press("z")  # not a command: nothing happens, no filter starts
        await pilot.pause()
        assert isinstance(app.focused, SourceOptions)
        assert sources.filter_text == ""
        await pilot.press("f", *"sncf grève q")  # s, n, r, q are text in the filter
        await pilot.pause()
        assert app.is_running
        assert isinstance(app.focused, FilterInput)
        assert sources.filter_text == "sncf grève q"
        assert sources.sort_by == "date"
        assert not app.query_one(ArticleView).show_removed
        assert sources.shown == []
        await pilot.press("escape")
        assert isinstance(app.focused, SourceOptions)
        assert sources.filter_text == "" and len(sources.shown) == 4


async def test_filter_matches_entities_accents_and_case_ignored(tmp_path: Path) -> None:
    app = app_for(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        sources = app.query_one(SourceList)
        await pilot.press("f", *"PESKOV", "enter")
        await pilot.pause()
        assert sources.shown == ["a3"]  # only a3 names Dmitri Peskov (not in any title)
        assert isinstance(app.focused, SourceOptions)
        await pilot.press("escape")  # escape in the list drops the filter
        assert len(sources.shown) == 4
        await pilot.press("f", *"etats-unis")  # accents and hyphens folded; title/text words
        await pilot.pause()
        assert sources.shown == []  # "États-Unis" is in a text but is no entity or title
        await pilot.press("ctrl+u", *"ria")
        await pilot.pause()
        assert sources.shown == ["a1"]  # the outlet RIA (and the entity)
        await pilot.press("ctrl+u", *"reuters")
        await pilot.pause()
        assert sources.shown == ["a2"]  # an outlet


# -- point 6: the panel -----------------------------------------------------------------------
def _row_texts(panel: XrefPanel) -> list[str]:
    options = panel.options
    return [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]


async def test_panel_marks_the_current_mention_and_keeps_related_near(tmp_path: Path) -> None:
    library = build_library([long_article(3000)])
    refs = library.entity_mentions("Vladimir Poutine")
    assert len(refs) > 20
    app = app_for(tmp_path, library)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("e", "e")  # Poutine in a1's headline
        await pilot.pause()
        panel = app.query_one(XrefPanel)
        assert panel.entity is not None and panel.entity.id == "Vladimir Poutine"
        rows = _row_texts(panel)
        related = next(i for i, r in enumerate(rows) if r.startswith("Related articles"))
        assert related < 16  # not past every one of the mentions
        assert any("later: list all" in r for r in rows)
        marked = [r for r in rows if r.startswith("▶")]
        assert len(marked) == 1
        options = panel.options
        assert options.highlighted_option is not None
        assert options.highlighted_option.id == panel.current_row
        first_row = panel.current_row
        await pilot.press("right_square_bracket")
        await pilot.pause()
        assert panel.current_row not in (None, first_row)
        assert sum(r.startswith("▶") for r in _row_texts(panel)) == 1
        # "list all" lists every mention
        panel.options.focus()
        index = next(i for i, r in enumerate(_row_texts(panel)) if "list all" in r)
        panel.options.highlighted = index
        await pilot.press("enter")
        await pilot.pause()
        assert sum(1 for t in panel.targets() if not t.related and not t.expand) == len(refs)


async def test_escape_in_the_panel_clears_the_entity(tmp_path: Path) -> None:
    app = app_for(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("e", "e")
        await pilot.pause()
        panel = app.query_one(XrefPanel)
        assert panel.entity is not None
        await pilot.press("shift+tab")
        assert isinstance(app.focused, XrefOptions)
        await pilot.press("escape")
        await pilot.pause()
        assert panel.entity is None and app.selected_entity is None
        assert app.query_one(ArticleView).selected_mention is None
        rows = _row_texts(panel)
        assert rows[0].startswith("Related articles")
        assert isinstance(app.focused, XrefOptions)
        await pilot.press("e")  # e continues after the mention that was selected
        await pilot.pause()
        mention = app.query_one(ArticleView).selected_mention
        assert mention is not None and (mention.field, mention.text) == ("text", "Joe Biden")


# -- point 5: reprints and compare ------------------------------------------------------------
async def test_c_in_the_article_compares_with_the_reprinting_article(tmp_path: Path) -> None:
    from reader.ui.compare_screen import CompareScreen

    app = app_for(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("tab")
        assert isinstance(app.focused, ArticleView)
        await pilot.press("c")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, CompareScreen)
        assert (screen.a.id, screen.b.id) == ("a1", "a2")
        shared = [i for i, on in enumerate(screen.shared) if on]
        changed = [i for i, on in enumerate(screen.changed) if on]
        assert shared and changed
        await pilot.press("s")
        await pilot.pause()
        assert screen.cursor == shared[0]
        assert screen.query_one(f"#pair-{shared[0]}").has_class("-cursor")
        await pilot.press("d")
        await pilot.pause()
        assert screen.cursor == next((i for i in changed if i > shared[0]), changed[0])
        await pilot.press("S")
        await pilot.pause()
        assert screen.cursor in shared
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, CompareScreen)


async def test_c_without_any_related_article_says_so(tmp_path: Path) -> None:
    app = app_for(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        app.goto(app.history_location("a4"))
        await pilot.pause()
        await pilot.press("tab", "c")
        await pilot.pause()
        from reader.ui.compare_screen import CompareScreen

        if isinstance(app.screen, CompareScreen):  # a4 mentions Poutine: related by entity
            assert app.screen.a.id == "a4"
            assert any("most related" in n for n in notes(app))
        else:
            assert any("No related article" in n for n in notes(app))


async def test_x_lists_reprinted_pairs_and_enter_compares(tmp_path: Path) -> None:
    from reader.ui.compare_screen import CompareScreen
    from reader.ui.reprints_screen import ReprintsScreen

    app = app_for(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        app.goto(app.history_location("a3"))
        await pilot.pause()
        await pilot.press("x")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ReprintsScreen)
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert [(r.a, r.b) for r in screen.reprints] == [("a1", "a2")]
        await pilot.press("enter")
        await pilot.pause()
        assert app.current == "a1"
        assert isinstance(app.screen, CompareScreen) and app.screen.b.id == "a2"
        await pilot.press("escape", "ctrl+o")  # the jump is in the history
        await pilot.pause()
        assert app.current == "a3"


def _screen_text(app: ReaderApp) -> str:
    strips = app.screen._compositor.render_strips()
    return "\n".join("".join(seg.text for seg in strip) for strip in strips)


async def test_help_explains_the_marks(tmp_path: Path) -> None:
    from reader.ui.help_screen import HelpScreen

    app = app_for(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        top = _screen_text(app)
        await pilot.press("end")  # the help scrolls: the marks are below the keys
        await pilot.pause()
        shown = top + "\n" + _screen_text(app)
        for mark, meaning in (("●", "not opened"), ("·", "already opened"), ("≈", "derived")):
            assert any(mark in line and meaning in line for line in shown.splitlines())
        assert "alt+→" in shown and "ctrl+i is tab" in shown


# -- point 8: small things --------------------------------------------------------------------
async def test_r_brings_the_removed_text_into_view_and_back(tmp_path: Path) -> None:
    from dataclasses import replace

    from reader.domain.model import Removed

    long = replace(long_article(3000), removed=[Removed("navigation", "Accueil › Monde")])
    app = app_for(tmp_path, build_library([long]))
    async with app.run_test(size=SIZE) as pilot:
        app.goto(app.history_location("long"))
        await pilot.pause()
        view = app.query_one(ArticleView)
        view.focus()
        await pilot.press("pagedown", "pagedown")
        await pilot.pause()
        reading = view.scroll_y
        assert reading > 20
        await pilot.press("r")
        await pilot.pause()
        assert view.show_removed
        layout = view._layout
        assert layout is not None
        removed = next(i for i, line in enumerate(layout.lines) if line.kind == "removed")
        height = view.scrollable_content_region.height
        assert view.scroll_y <= removed < view.scroll_y + height
        await pilot.press("r")
        await pilot.pause()
        assert not view.show_removed
        assert abs(view.scroll_y - reading) <= 1  # back where the reader was


async def test_org_and_per_differ_in_the_bold_headline_without_colour(tmp_path: Path) -> None:
    from rich.style import Style

    app = app_for(tmp_path)

    def shape(style: Style) -> tuple[bool, bool, bool]:
        return (bool(style.bold), bool(style.underline), bool(style.italic))

    async with app.run_test(size=SIZE) as pilot:
        view = app.query_one(ArticleView)
        shapes: dict[str, set[tuple[bool, bool, bool]]] = {}
        for article, names in (("a1", {"Biden": "PER"}), ("a3", {"Kremlin": "ORG"})):
            app.goto(app.history_location(article))
            await pilot.pause()
            strip = view.render_line(0)  # the headline
            for segment in strip:
                if segment.text in names and segment.style is not None:
                    shapes.setdefault(names[segment.text], set()).add(shape(segment.style))
        assert shapes["PER"] and shapes["ORG"]
        assert shapes["PER"].isdisjoint(shapes["ORG"])


async def test_palette_search_ignores_accents(tmp_path: Path) -> None:
    from textual.command import CommandPalette

    from reader.domain.model import Article

    extra = Article(
        id="pt",
        path="corpus/pt.txt",
        title="Os Possíveis acordos",
        text="Um texto curto.",
        paragraphs=[(0, 15)],
        date="2021-12-11",
        source="Público",
    )
    app = app_for(tmp_path, build_library([extra]))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+p")
        await pilot.pause()
        assert isinstance(app.screen, CommandPalette)
        await pilot.press(*"Possiveis")
        await pilot.pause(0.3)
        await app.screen.workers.wait_for_complete()
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        assert app.current == "pt"


async def test_light_theme_shows_which_pane_has_focus(tmp_path: Path) -> None:
    app = make_app(tmp_path, theme="light")
    assert isinstance(app, ReaderApp)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.theme == "light"
        background = app.current_theme.to_color_system().generate()["background"]
        from textual.color import Color

        bg = Color.parse(background)
        source = app.query_one("#source-pane")
        article = app.query_one("#article-pane")
        _, focused_color = source.styles.border_top
        _, color = article.styles.border_top
        unfocused = bg + color  # alpha-blended over the background, as painted
        focused = bg + focused_color
        assert abs(unfocused.brightness - bg.brightness) > 0.15  # visible on light background
        assert abs(focused.brightness - unfocused.brightness) > 0.1  # and distinct from focus
        await pilot.press("tab")
        await pilot.pause()
        assert (bg + article.styles.border_top[1]).rgb == focused.rgb
        assert (bg + source.styles.border_top[1]).rgb == unfocused.rgb


def test_pair_marks_shared_and_changed() -> None:
    from reader.domain.model import SharedPassage
    from reader.domain.xref.align import AlignedPair, DiffOp
    from reader.ui.compare_screen import pair_marks

    passage = SharedPassage(10, 40, 100, 130, 0.95)
    edit = [DiffOp("equal", 0, 5, 0, 5), DiffOp("replace", 5, 9, 5, 8)]
    same = [DiffOp("equal", 0, 9, 0, 9)]
    # a reprinted passage inside, words edited: shared and changed
    assert pair_marks(AlignedPair((0, 50), (90, 140), 0.6, edit), [passage]) == (True, True)
    # the passage only on the right side, no counterpart on the left: shared, not "changed"
    assert pair_marks(AlignedPair(None, (95, 120), 0.0, []), [passage]) == (True, False)
    # identical paragraphs without a stored passage: shared
    assert pair_marks(AlignedPair((200, 260), (300, 360), 1.0, same), [passage]) == (True, False)
    # alike but edited: changed
    assert pair_marks(AlignedPair((200, 260), (300, 360), 0.5, edit)) == (False, True)
    # unlike paragraphs facing each other: neither
    assert pair_marks(AlignedPair((200, 260), (300, 360), 0.1, edit)) == (False, False)


async def test_a_derived_headline_is_not_walked_twice(tmp_path: Path) -> None:
    app = app_for(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("slash", *"Kremlin", "enter")
        await pilot.pause()
        result = app.search_result
        assert result is not None
        a3 = next(h for h in result.hits if h.article == "a3")  # headline derived from text
        assert any(m.field == "title" for m in a3.matches)  # "Le Kremlin" at the same offsets
        walked = [(m.field, m.start) for aid, m in app.search_hits if aid == "a3"]
        assert walked and all(field == "text" for field, _ in walked)
        a3_first = next(i for i, (aid, _) in enumerate(app.search_hits) if aid == "a3")
        for _ in range((a3_first - app.search_pos) % len(app.search_hits)):
            await pilot.press("n")
            await pilot.pause()
        assert app.current == "a3"
        mention = app.query_one(ArticleView).selected_mention
        assert mention is not None and mention.entity == "Kremlin"
