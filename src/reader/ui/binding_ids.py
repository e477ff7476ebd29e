"""Every binding of the reader has an id: what a user's `keymap.toml` names to remap it.

One id may be used by several widgets for the same job (`cursor.down` is `j` in each pane);
remapping it replaces all the keys of those bindings. `tests/test_keymap_app.py` checks that
every `Binding` in `reader.ui` has an id listed here, and the README lists them.
"""

from __future__ import annotations

# id → what it does (shown in `?` next to remapped keys).
BINDINGS_BY_ID: dict[str, str] = {
    # the main screen (SPEC §6)
    "pane.next": "next pane",
    "pane.previous": "previous pane",
    "search": "full-text search",
    "mention.next": "next entity mention in this article",
    "mention.previous": "previous entity mention in this article",
    "entity.next": "next mention of the selected entity across the corpus",
    "entity.previous": "previous mention of the selected entity across the corpus",
    "quote.next": "next quotation in this article",
    "quote.previous": "previous quotation in this article",
    "hit.next": "next search hit",
    "hit.previous": "previous search hit",
    "history.back": "back in the jump history",
    "history.forward": "forward in the jump history",
    "removed.toggle": "show / hide the removed boilerplate",
    "problems": "files that were skipped",
    "entity.merge": "merge the selected entity into another one",
    "entity.rename": "rename the selected entity",
    "entity.relabel": "relabel the selected entity",
    "entity.hide": "hide the selected entity",
    "entity.unhide": "unhide a hidden entity",
    "correction.undo": "undo the last correction",
    "reprints": "reprinted passages across the corpus",
    "quit": "quit",
    "theme.next": "next theme",
    "help": "the keys",
    # in every pane
    "cursor.down": "down one line",
    "cursor.up": "up one line",
    "cursor.top": "top",
    "cursor.bottom": "bottom",
    "page.down": "page down",
    "page.up": "page up",
    # the article
    "mention.select": "select the mention, show its cross-references",
    "selection.clear": "clear the selected mention and entity",
    # the source list
    "list.open": "open the article",
    "list.sort": "sort by date or title",
    "list.filter": "filter the list",
    "filter.clear": "clear the filter",
    "filter.leave": "from the filter to the list",
    # the panel and the compare view
    "compare": "compare with a related article",
    "compare.close": "close the compare view",
    "compare.next_shared": "next shared paragraph (compare view)",
    "compare.previous_shared": "previous shared paragraph (compare view)",
    "compare.next_changed": "next changed paragraph (compare view)",
    "compare.previous_changed": "previous changed paragraph (compare view)",
    "reprints.close": "close the reprints view",
    # dialogs
    "search.close": "close the search",
    "search.results": "from the query to the results",
    "dialog.cancel": "cancel the dialog",
    "dialog.list": "from the field to the list",
    "help.close": "close the help",
    "problems.close": "close the problems view",
}

BINDING_IDS: frozenset[str] = frozenset(BINDINGS_BY_ID)


SCREEN_MODULES = frozenset(
    {
        "help_screen",
        "search_screen",
        "compare_screen",
        "problems_screen",
        "corrections_screen",
        "reprints_screen",
    }
)


def default_keys() -> list[tuple[str, str, set[str]]]:
    """`(context, binding id, default keys)` from the `BINDINGS` of every class in `reader.ui`.

    The context is where the bindings can be active together: a dialog or screen of its own,
    or `main` (the app, the main screen and its panes).
    """
    import importlib
    import inspect
    import pkgutil

    from textual.binding import Binding
    from textual.dom import DOMNode

    import reader.ui

    found: list[tuple[str, str, set[str]]] = []
    for info in pkgutil.iter_modules(reader.ui.__path__):
        module = importlib.import_module(f"reader.ui.{info.name}")
        context = info.name if info.name in SCREEN_MODULES else "main"
        for _, cls in inspect.getmembers(module, inspect.isclass):
            if not (issubclass(cls, DOMNode) and cls.__module__ == module.__name__):
                continue
            for binding in cls.__dict__.get("BINDINGS", []):
                if isinstance(binding, Binding) and binding.id:
                    keys = {k.strip() for k in binding.key.split(",")}
                    found.append((context, binding.id, keys))
    return found
