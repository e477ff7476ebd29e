"""The key map (SPEC §6 plus reader extras), shared by the bindings, help screen and tests."""

from __future__ import annotations

# (keys as shown, what they do) in the order the help screen lists them.
KEYMAP: tuple[tuple[str, str], ...] = (
    ("tab / shift+tab", "next / previous pane"),
    ("↑ ↓ j k", "move the cursor or scroll one line"),
    ("pgup pgdn", "scroll a page"),
    ("g / G", "top / bottom"),
    (
        "enter",
        "open the article (sources) · select the mention and show its "
        "cross-references (article) · jump (panel)",
    ),
    ("e / E", "next / previous entity mention in this article"),
    ("] / [", "next / previous mention of the selected entity across the corpus"),
    (
        "\" / '",
        "next / previous quotation in this article: its speaker and every article "
        "carrying it in the panel (enter jumps)",
    ),
    ("/", "full-text search; enter on a result jumps to the hit"),
    ("n / N", "next / previous search hit, across articles"),
    (
        "ctrl+o / alt+→",
        "back / forward in the jump history (also alt+←; ctrl+i is tab in most terminals)",
    ),
    ("r", "show / hide the removed boilerplate (scrolls to it)"),
    ("t", "next theme"),
    ("?", "this help"),
    ("ctrl+p", "command palette: articles, entities, themes, commands"),
    ("q", "quit"),
    ("s", "sort the source list by date, title or outlet"),
    (
        "f",
        "filter the source list by title, outlet or entity name; enter keeps it, escape clears",
    ),
    (
        "c",
        "compare side by side: with the article sharing passages with this one (ask which "
        "if several) · with the highlighted related article (panel)",
    ),
    ("s S / d D", "in the compare view: next / previous shared or changed paragraph"),
    ("x", "reprints: every pair of articles sharing passages; enter compares them"),
    ("m", "merge the selected entity into another one"),
    ("R / L / H", "rename / relabel / hide the selected entity"),
    ("u / U", "undo the last correction / show a hidden entity again"),
    ("p", "problems: files that were skipped, with the reason"),
    ("escape", "close a dialog · clear the selected mention and entity · clear the filter"),
)
