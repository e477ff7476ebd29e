"""Plain, tab-separated output for the command line when stdout is not a terminal.

One record a line, fields separated by a tab, nothing cut short, no colour, no table: what
`grep`, `cut -f`, `sort -t$'\\t'` and `awk -F'\\t'` expect. Every field is sanitised (control,
bidi characters out) and its tabs and line breaks become spaces, so a field never splits a
record.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterable
from typing import TextIO

from reader.domain.sanitize import sanitize_inline

_BREAKS_RE = re.compile(r"[\t\n\r\v\f\u2028\u2029]+")


def field(value: object) -> str:
    """One field: sanitised, on one line, without tabs."""
    text = "" if value is None else str(value)
    return _BREAKS_RE.sub(" ", sanitize_inline(_BREAKS_RE.sub(" ", text))).strip()


def write_rows(rows: Iterable[Iterable[object]], out: TextIO | None = None) -> None:
    """Write each row as one tab-separated line."""
    stream = out or sys.stdout
    for row in rows:
        stream.write("\t".join(field(v) for v in row) + "\n")


def is_terminal(out: TextIO | None = None) -> bool:
    """True when `out` (stdout by default) is a terminal: tables there, plain lines elsewhere."""
    stream = out or sys.stdout
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False
