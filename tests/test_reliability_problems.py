"""Issue 14.16: the problems view with 20,000 skipped files took 6 s to open and to close, the
UI frozen: it formatted a table of every row. It now draws only the visible lines (Line API),
so opening it formats a screenful whatever the number of problems."""

from __future__ import annotations

from pathlib import Path

import pytest

import reader.ui.text
from reader.domain.model import Problem
from reader.domain.sanitize import sanitize_inline
from reader.ui.app import ReaderApp
from ui_fixtures import build_library, make_app

SIZE = (120, 40)
MANY = 20_000


def many_problems() -> list[Problem]:
    return [
        Problem(f"corpus/dossier/[bold]fichier-{i:05d}[/].txt", f"skipped: reason {i}")
        for i in range(MANY)
    ]


async def test_twenty_thousand_problems_format_only_what_is_shown(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import reader.ui.problems_screen as screen_module

    library = build_library()
    library.problems = many_problems()
    app = make_app(tmp_path, library=library)
    assert isinstance(app, ReaderApp)
    formatted: list[str] = []

    def counting(text: str) -> str:
        formatted.append(text)
        return sanitize_inline(text)

    monkeypatch.setattr(reader.ui.text, "sanitize_inline", counting)
    monkeypatch.setattr(screen_module, "sanitize_inline", counting, raising=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        formatted.clear()
        await pilot.press("p")
        await pilot.pause()
        assert isinstance(app.screen, screen_module.ProblemsScreen)
        assert app.screen.query_one("#problems-box").border_title == f"Problems ({MANY})"
        assert len(formatted) < 10 * SIZE[1], len(formatted)  # a few screens, not 40,000 rows
        await pilot.press("end")
        await pilot.pause()
        # the scroll is animated (each frame draws its own window): still far from 40,000
        assert len(formatted) < 2 * MANY / 10, len(formatted)
        lines = app.screen.query_one("#problems-box")
        last = [lines.render_line(y).text for y in range(lines.size.height)]  # type: ignore[attr-defined]
        assert any("[bold]fichier-19999[/].txt" in text for text in last), last
        assert any("skipped: reason 19999" in text for text in last), last
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, screen_module.ProblemsScreen)
