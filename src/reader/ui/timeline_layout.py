"""The timeline's display lines: plain strings plus spans, wrapped to a width, no Rich objects.

Each entry is its heading (date · outlet · headline, wrapped) and then what first appears in it:
one wrapped run of entity names (a name is never cut between two lines unless it is longer than
the line), then one line group per new quotation (at most `QUOTE_LINES` lines, ended by `…`),
or `nothing new`. Undated entries follow a separator line. Every line starts with a two-cell
gutter where the cursor mark goes. Headlines and quotations wrap with `layout.wrap_offsets`
(the article view's wrapper: the French no-break rules hold there).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from reader.domain.sanitize import sanitize_inline
from reader.domain.timeline import TimelineEntry, date_label
from reader.ui.layout import wrap_offsets

GUTTER = 2
#: Lines a new quotation takes at most in the timeline (the article has the rest).
QUOTE_LINES = 2
UNDATED = "undated"

#: Span kinds: how `TimelineView` styles them ("name:PER" is a name in its entity's style).
Kind = str  # "date" | "outlet" | "title" | "label" | "name[:LABEL]" | "quote" | "none" | "sep"


@dataclass(frozen=True, slots=True)
class TimelineLine:
    """One screen line of the timeline: its entry (-1 for a separator), text and styled spans."""

    entry: int
    text: str
    spans: tuple[tuple[int, int, Kind], ...] = ()
    first: bool = False  # the entry's first line (where the cursor mark goes)


@dataclass(frozen=True, slots=True)
class EntryText:
    """What an entry shows, as plain (sanitised) strings."""

    date: str
    outlet: str
    title: str
    names: Sequence[str]
    quotes: Sequence[str]
    labels: Sequence[str] = ()  # each name's entity label (PER, ORG, LOC, MISC), if known


def entry_text(
    entry: TimelineEntry,
    title: str,
    outlet: str | None,
    entity_name: Callable[[str], str],
    quote_text: Callable[[str], str | None],
    entity_label: Callable[[str], str] | None = None,
) -> EntryText:
    """The strings of one entry (untrusted values sanitised to one line each)."""
    quotes = [q for q in (quote_text(g) for g in entry.new_quotes) if q]
    return EntryText(
        date_label(entry.date) or UNDATED,
        sanitize_inline(outlet or ""),
        sanitize_inline(title),
        [sanitize_inline(entity_name(e)) for e in entry.new_entities],
        [sanitize_inline(q) for q in quotes],
        [entity_label(e) for e in entry.new_entities] if entity_label is not None else (),
    )


def _wrapped(text: str, width: int) -> list[tuple[int, int]]:
    """Line spans of `text` at `width` (French no-break rules: `layout.wrap_offsets` works on
    `reader.domain.typography.wrap_key`)."""
    return [span for span in wrap_offsets(text, width) if span[1] > span[0]] or [(0, 0)]


def _heading(index: int, item: EntryText, width: int) -> list[TimelineLine]:
    parts: list[tuple[str, Kind]] = [(item.date, "date")]
    if item.outlet:
        parts.append((item.outlet, "outlet"))
    parts.append((item.title, "title"))
    text = ""
    kinds: list[tuple[int, int, Kind]] = []
    for n, (part, kind) in enumerate(parts):
        if n:
            text += " · "
        kinds.append((len(text), len(text) + len(part), kind))
        text += part
    out: list[TimelineLine] = []
    for n, (start, end) in enumerate(_wrapped(text, width)):
        spans = tuple(
            (max(s, start) - start, min(e, end) - start, k)
            for s, e, k in kinds
            if s < end and start < e
        )
        out.append(TimelineLine(index, text[start:end], spans, first=n == 0))
    return out


def _names(
    index: int, names: Sequence[str], width: int, labels: Sequence[str] = ()
) -> list[TimelineLine]:
    """`new: A, B, C` wrapped at `width` without cutting a name (unless it is too long)."""
    label = "new: "
    indent = " " * len(label)
    lines: list[TimelineLine] = []
    text, spans = label, [(0, len(label) - 1, "label")]
    fresh = True  # nothing placed on this line yet
    for n, name in enumerate(names):
        kind = f"name:{labels[n]}" if n < len(labels) else "name"
        token = name + ("," if n < len(names) - 1 else "")
        if not fresh and len(text) + 1 + len(token) > width:
            lines.append(TimelineLine(index, text, tuple(spans)))
            text, spans, fresh = indent, [], True
        if not fresh:
            text += " "
        room = max(1, width - len(text))
        pieces = _wrapped(token, room) if len(token) > room else [(0, len(token))]
        for k, (a, b) in enumerate(pieces):
            if k:
                lines.append(TimelineLine(index, text, tuple(spans)))
                text, spans = indent, []
            spans.append((len(text), len(text) + min(b, len(name)) - a, kind))
            text += token[a:b]
        fresh = False
    lines.append(TimelineLine(index, text, tuple(spans)))
    return lines


def _quote(index: int, text: str, width: int) -> list[TimelineLine]:
    spans = _wrapped(text, width)
    out: list[TimelineLine] = []
    for n, (start, end) in enumerate(spans[:QUOTE_LINES]):
        line = text[start:end]
        if n == QUOTE_LINES - 1 and len(spans) > QUOTE_LINES:
            line = line[: max(0, width - 1)] + "…"
        out.append(TimelineLine(index, line, ((0, len(line), "quote"),)))
    return out


def _indented(lines: list[TimelineLine], by: int) -> list[TimelineLine]:
    pad = " " * by
    return [
        TimelineLine(x.entry, pad + x.text, tuple((s + by, e + by, k) for s, e, k in x.spans))
        for x in lines
    ]


def entry_lines(index: int, item: EntryText, width: int) -> list[TimelineLine]:
    """The lines of one entry at `width` cells (the gutter not counted)."""
    width = max(8, width)
    out = _heading(index, item, width)
    if item.names:
        out.extend(_indented(_names(index, item.names, width - 2, item.labels), 2))
    for quote in item.quotes:
        out.extend(_indented(_quote(index, quote, width - 2), 2))
    if not item.names and not item.quotes:
        out.append(TimelineLine(index, "  nothing new", ((2, 13, "none"),)))
    return out


def separator(width: int) -> TimelineLine:
    """The line before the undated articles."""
    label = f" {UNDATED} "
    side = max(0, (width - len(label)) // 2)
    text = ("─" * side + label + "─" * side)[: max(len(label), width)]
    return TimelineLine(-1, text, ((0, len(text), "sep"),))


@dataclass(frozen=True, slots=True)
class TimelineLayout:
    """Every display line of a timeline at one width, and where each entry starts."""

    width: int
    lines: list[TimelineLine]
    starts: list[int]


def layout_timeline(
    count: int, texts: Callable[[int], EntryText], first_undated: int | None, width: int
) -> TimelineLayout:
    """The lines of `count` entries at `width` cells (gutter not counted); a separator line
    goes before entry `first_undated`. About 0.1 ms an entry: run it in a worker at scale."""
    lines: list[TimelineLine] = []
    starts: list[int] = []
    for index in range(count):
        if index == first_undated:
            lines.append(separator(width))
        starts.append(len(lines))
        lines.extend(entry_lines(index, texts(index), width))
    return TimelineLayout(width, lines, starts)
