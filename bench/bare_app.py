"""The yardstick for the reader's first useful frame: a bare Textual app of the same layout
(header, three panes, footer) showing the same content — the rows of the article list on screen
and the first article's title and text — read from a JSON file the suite wrote beforehand
(`python -m bench.probes paint-content`).

Run as a script (`python bench/bare_app.py CONTENT.json`) it imports only Textual and `json`,
as a minimal app would; `bench.probes` imports `BareApp` to time it headless.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from textual.app import App, ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Footer, Header, Static


class BareApp(App[None]):
    """Header, list | article | panel, footer: the reader's layout with none of its logic."""

    CSS = """
    #panes { height: 1fr; }
    #list { width: 26%; min-width: 22; max-width: 44; border: round $foreground 35%; }
    #article { width: 1fr; min-width: 30; padding: 0 1; border: round $foreground 35%; }
    #panel { width: 28%; min-width: 26; max-width: 52; border: round $foreground 35%; }
    """

    def __init__(self, content: dict[str, Any] | None = None) -> None:
        super().__init__()
        self.content = content or {}

    def compose(self) -> ComposeResult:
        """The same panes as the reader, filled with plain text (no markup)."""
        c = self.content
        self.title = c.get("header", "bare")
        yield Header()
        with Horizontal(id="panes"):
            yield Static("\n".join(c.get("rows", ["sources"])), id="list", markup=False)
            with VerticalScroll(id="article"):
                yield Static(c.get("title", ""), markup=False)
                yield Static(c.get("text", "article " * 200), markup=False)
            yield Static(c.get("panel", "cross-references"), id="panel", markup=False)
        yield Footer()


def main() -> None:
    """Show the content of the JSON file named on the command line."""
    content = json.loads(Path(sys.argv[1]).read_text(encoding="utf-8")) if sys.argv[1:] else {}
    BareApp(content).run()


if __name__ == "__main__":
    main()
