"""Drive the installed `reader` in tmux: open a seed, select a quotation of Peskov with `"`,
go to the panel and jump to the same quotation in another seed. Skipped without tmux."""

from __future__ import annotations

import time

from test_smoke_tmux import FIRST_RUN_TIMEOUT, Pane, headline, pane, pytestmark

__all__ = ["pane", "pytestmark"]


def test_quote_of_peskov_jumps_to_the_same_quote_elsewhere(pane: Pane) -> None:
    pane.wait_for(lambda s: "index current" in s, FIRST_RUN_TIMEOUT, "the index to be current")
    pane.send("Enter")  # open the first article: 000 or 001 both quote Peskov
    pane.wait_for(lambda s: "This article:" in s, 10, "the article")
    screen = ""
    for _ in range(8):  # walk the quotations up to Peskov's
        pane.send('"', literal=True)
        time.sleep(0.4)
        screen = pane.capture()
        if "Dmitri Peskov" in screen and "Same quotation (2)" in screen:
            break
    assert "Dmitri Peskov" in screen and "Same quotation (2)" in screen, screen
    first = headline(screen)
    pane.send("Tab")
    # the rows list the first carrier first; the cursor starts on this article's row
    in_first_carrier = first.startswith("La discussion par")
    pane.send("j" if in_first_carrier else "k")
    pane.send("Enter")
    screen = pane.wait_for(lambda s: headline(s) != first, 10, "the jump to the other seed")
    other = "Les pourparlers virtuels" if in_first_carrier else "La discussion par"
    assert headline(screen).startswith(other), screen
    assert "lignes rouges" in screen
    pane.send("q")
    pane.wait_for(lambda s: "READER-EXITED-0" in s, 10, "the reader to quit")
