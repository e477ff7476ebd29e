"""Drive the installed `reader` in tmux: select a quotation of Peskov in the first seed with
`"`, go to the panel and jump (enter) to the same quotation in the other seed that carries it.
Skipped without tmux or `reader`."""

from __future__ import annotations

import time

from test_smoke_tmux import FIRST_RUN_TIMEOUT, Pane, pane, pytestmark

__all__ = ["pane", "pytestmark"]


def panel(screen: str) -> list[str]:
    """The cross-reference panel's lines (the third box) on a 120-column screen."""
    out = []
    for line in screen.splitlines()[2:]:
        parts = [p for p in line.split("│") if p != ""]
        if len(parts) >= 3:
            out.append(parts[-1].strip())
    return out


def group_rows(screen: str) -> list[str]:
    """The first line of each row listed under "Same quotation (2)"."""
    lines = panel(screen)
    start = next(i for i, line in enumerate(lines) if line.startswith("Same quotation (2)"))
    rows = []
    for line in lines[start + 1 :]:
        if line.startswith("Related articles"):
            break
        if line.startswith(("▸", "·")):
            rows.append(line)
    return rows


def on_peskov(screen: str) -> bool:
    return "Dmitri Peskov ·" in screen and "Same quotation (2)" in screen


def test_quote_of_peskov_jumps_to_the_same_quote_elsewhere(pane: Pane) -> None:
    pane.wait_for(lambda s: "index current" in s, FIRST_RUN_TIMEOUT, "the index to be current")
    # the first article opens by itself (000 or 001: both quote Peskov), the list focused
    pane.wait_for(lambda s: "This article:" in s, 10, "the first article")
    pane.send("Tab")  # into the article
    time.sleep(0.5)
    screen = ""
    for count in range(1, 9):  # walk the quotations up to Peskov's
        pane.send('"', literal=True)
        try:
            screen = pane.wait_for(on_peskov, 3, f"Peskov's quotation ({count})")
            break
        except AssertionError:
            continue
    assert on_peskov(screen), screen
    rows = group_rows(screen)
    assert len(rows) == 2 and sum(r.startswith("▸") for r in rows) == 1, rows
    here_first = rows[0].startswith("▸")
    pane.send("Tab")  # into the panel, on this article's row
    time.sleep(0.5)
    pane.send("j" if here_first else "k")  # the other article carrying it
    time.sleep(0.3)
    pane.send("Enter")

    def moved(s: str) -> bool:
        if not on_peskov(s):
            return False
        now = group_rows(s)
        return len(now) == 2 and now[1 if here_first else 0].startswith("▸")

    screen = pane.wait_for(moved, 10, "the jump to the same quotation in the other seed")
    assert "lignes rouges" in screen
    pane.send("q")
    pane.wait_for(lambda s: "READER-EXITED-0" in s, 10, "the reader to quit")
