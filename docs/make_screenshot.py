"""Make docs/screenshot.svg: the reader on the bundled seeds, a mention selected.

Run from the repository root: `.venv/bin/python docs/make_screenshot.py`. It indexes the seeds
into a temporary folder (spaCy runs once), opens the app through the same factory as the
command line, selects a mention of Dmitri Peskov and saves the screen as SVG.
"""

from __future__ import annotations

import asyncio
import tempfile
from pathlib import Path

from reader.domain import pipeline
from reader.domain.paths import bundled_seeds
from reader.ui.app import create_app

OUT = Path(__file__).resolve().parent / "screenshot.svg"


async def main() -> None:
    """Index the seeds, open the reader at 130×38, select a mention, save the SVG."""
    with tempfile.TemporaryDirectory() as tmp:
        seeds = [bundled_seeds()]
        index = Path(tmp) / "index"
        pipeline.update(seeds, index)
        library = pipeline.open_library(seeds, index)
        app = create_app(seeds, index, library=library, state_dir=Path(tmp) / "state")
        async with app.run_test(size=(130, 38)) as pilot:
            await pilot.pause()
            await pilot.press("tab")
            peskov = library.find_entity("Peskov")
            for _ in range(120):
                await pilot.press("e")
                if peskov is None or app.selected_entity == peskov.id:
                    break
            await pilot.pause(0.3)
            svg = app.export_screenshot(title="reader — bundled seeds")
    OUT.write_text(svg, encoding="utf-8")
    print(f"wrote {OUT}")


if __name__ == "__main__":
    asyncio.run(main())
