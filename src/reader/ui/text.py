"""Helpers that turn untrusted strings into safe Rich `Text` (sanitised, never parsed as markup)."""

from __future__ import annotations

import re

from rich.style import Style
from rich.text import Text

from reader.domain.sanitize import sanitize, sanitize_inline
from reader.ui.wrapping import install

# Every widget module builds its text here: from now on Rich and Textual wrap lines by French
# typography (no break at the space before `»` or after `«`; see `wrapping.py`).
install()


def plain(value: object, style: str | Style = "") -> Text:
    """A one-line `Text` of `value` (sanitised; brackets stay brackets)."""
    return Text(sanitize_inline(str(value)), style=style)


def block(value: object, style: str | Style = "") -> Text:
    """A multi-line `Text` of `value` (sanitised)."""
    return Text(sanitize(str(value)), style=style)


_SPACES = re.compile(r"\s+")
_KEPT_SPACES = frozenset(("\u00a0", "\u202f", "\u2007"))


def one_line(value: str) -> str:
    """`value` sanitised on one line: each run of whitespace becomes one space, except a lone
    no-break space, which stays (it keeps `10 000` or `mot »` together when wrapping)."""
    return _SPACES.sub(
        lambda m: m.group() if m.group() in _KEPT_SPACES else " ", sanitize_inline(value)
    ).strip()


def shorten(value: str, limit: int) -> str:
    """`value` cut to `limit` characters with an ellipsis."""
    value = sanitize_inline(value)
    return value if len(value) <= limit else value[: max(1, limit - 1)].rstrip() + "…"


def highlight_span(context: str, needle: str, style: Style, limit: int = 200) -> Text:
    """`context` (sanitised, cut around `needle`) with the first `needle` styled."""
    context = one_line(context)
    needle = sanitize_inline(needle)
    pos = context.find(needle) if needle else -1
    if pos < 0:
        pos = context.casefold().find(needle.casefold()) if needle else -1
    if len(context) > limit:
        center = pos if pos >= 0 else 0
        start = max(0, center - limit // 3)
        end = min(len(context), start + limit)
        prefix = "…" if start else ""
        suffix = "…" if end < len(context) else ""
        context = prefix + context[start:end] + suffix
        if pos >= 0:
            pos = pos - start + len(prefix)
    text = Text(context)
    if pos >= 0:
        text.stylize(style, pos, pos + len(needle))
    return text
