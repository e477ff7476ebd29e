"""Line breaking for every Rich and Textual renderable: French typography holds everywhere.

Rich (`Text.wrap`, used by tables, panels and `console.print`) and Textual (`Content`, used by
`Static`, `Label`, `OptionList`, notifications, the footer) both cut lines with
`rich._wrap.divide_line`, which breaks at any Unicode whitespace — including the no-break
spaces French puts before `»` and `?`. `install()` replaces that one function, where those
libraries look it up, by `divide_line` below: the same greedy algorithm on the wrap key of
`reader.domain.typography`, so the protected spaces are never break points while the original
characters are displayed. `tests/test_typography_wrap.py` checks each path, so a Rich or
Textual upgrade that moves the function fails a test instead of silently wrapping badly.

This module imports Rich only (the CLI uses it without Textual).
"""

from __future__ import annotations

import re
import sys

from rich.cells import cell_len

from reader.domain.typography import fold_point, wrap_key

_WORD = re.compile(r"\s*\S+\s*")


def _cut(text: str, start: int, end: int, width: int) -> int:
    """The largest `j` in `(start, end]` with `text[start:j]` at most `width` cells (at least
    one character, so that a character wider than the line still advances)."""
    j = start
    cells = 0
    while j < end:
        size = cell_len(text[j])
        if cells + size > width and j > start:
            break
        cells += size
        j += 1
    return j


def divide_line(text: str, width: int, fold: bool = True) -> list[int]:
    """Offsets at which to break `text` so each line fits `width` cells (`rich._wrap` API).

    Greedy, word by word, as Rich does, but on `wrap_key(text)`: a space before `» : ; ! ?` or
    after `«` is part of the word. A word longer than the line is cut (`fold`) at most `width`
    cells, never on or next to a protected space.
    """
    key = wrap_key(text)
    breaks: list[int] = []
    width = max(1, width)
    offset = 0  # cells used on the current line
    for match in _WORD.finditer(key):
        start, end = match.span()
        word = text[start:end]
        word_cells = cell_len(word.rstrip())
        if width - offset >= word_cells:
            offset += cell_len(word)
            continue
        if word_cells > width:
            if not fold:
                if start:
                    breaks.append(start)
                offset = cell_len(word)
                continue
            pos = start
            stop = start + len(word.rstrip())
            while True:
                if pos:
                    breaks.append(pos)
                if cell_len(text[pos:stop]) <= width:
                    offset = cell_len(text[pos:end])
                    break
                pos = fold_point(text, pos, _cut(text, pos, stop, width), key)
        elif offset and start:
            breaks.append(start)
            offset = cell_len(word)
    return breaks


def install() -> None:
    """Make Rich and Textual (if loaded, or loaded later) wrap with `divide_line`. Idempotent."""
    import rich._wrap
    import rich.text

    rich._wrap.divide_line = divide_line  # what modules imported later pick up
    rich.text.divide_line = divide_line  # type: ignore[attr-defined]
    content = sys.modules.get("textual.content")
    if content is not None:
        content.divide_line = divide_line  # type: ignore[attr-defined]
