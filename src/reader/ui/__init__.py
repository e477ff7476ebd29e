"""The Textual reader: three panes, highlighted entities, search, jumps, themes.

Nothing here is imported by `reader.domain`; `create_app` in `reader.ui.app` is the one factory.
"""
