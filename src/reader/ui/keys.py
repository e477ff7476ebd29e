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
    ("ctrl+o / ctrl+i", "back / forward in the jump history (also alt+← / alt+→)"),
    ("r", "show / hide the removed boilerplate"),
    ("t", "next theme"),
    ("?", "this help"),
    ("ctrl+p", "command palette: articles, entities, themes, commands"),
    ("q", "quit"),
    ("s", "sort the source list by date or title"),
    ("f or any letter", "filter the source list (in the list); escape clears"),
    ("c", "compare the highlighted related article side by side (panel)"),
    ("m", "merge the selected entity into another one"),
    ("R / L / H", "rename / relabel / hide the selected entity"),
    ("p", "problems: files that were skipped, with the reason"),
    ("escape", "close a dialog, clear the selection"),
)

# Characters that act as commands in the source list; any other printable one starts the filter.
COMMAND_CHARACTERS = frozenset("jkgGeE][/nNrt?qscmRLHpf\"'")
