"""Query guard rails and query rewriting: what a query may ask before and after parsing
(`check_query`, `check_parsed`), the words a query looks for (`positive_terms`, for match
offsets), and `entity:` queries (`expand_entities`, `entity_phrases`)."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterator, Sequence
from typing import Any

from whoosh import query as wq

from reader.domain.search.analysis import entity_term, iter_terms
from reader.domain.search.errors import QueryError

#: Queries longer than this are rejected before parsing (Whoosh's parser is quadratic).
MAX_QUERY_CHARS = 500


#: Deepest parenthesis nesting accepted.
MAX_NESTING = 20


#: Most words in one phrase (Whoosh's phrase matching slows down with each frequent word).
MAX_PHRASE_WORDS = 12


#: Most index terms one wildcard or prefix may expand to when computing match offsets.
MAX_EXPANSION = 2000


#: Field names a query may use (``text`` is an alias of ``body``).
QUERY_FIELDS = ("title", "text", "body", "entity", "source", "date", "id")
TEXT_FIELDS = ("title", "body")


#: Words are indexed by their stem (`poutine` → `poutin`), which a pattern over whole words
#: cannot match: only a `*` ending a word (a prefix of the stem) is meaningful.
INNER_WILDCARD_UNSUPPORTED = (
    "wildcards work only at the end of a word (pout*): ? and * inside a word are not "
    "supported (words are indexed by their stem)"
)
FUZZY_UNSUPPORTED = (
    "fuzzy search (word~) is not supported: case, accents and word endings are already "
    "ignored; try the start of the word with * (pout*)"
)
_QUOTED_RE = re.compile(r'"[^"]*"?')
_FIELD_RE = re.compile(r"(?:^|(?<=[\s(+\-]))([^\W\d][\w.\-]*):(?=(\S?))")


def check_query(text: str) -> None:
    """Reject, before parsing, what the parser must not see: raise `QueryError` with a message."""
    if len(text) > MAX_QUERY_CHARS:
        raise QueryError(f"query too long ({len(text)} characters; the limit is {MAX_QUERY_CHARS})")
    if "\x00" in text:
        raise QueryError("query contains a NUL character")
    if text.count('"') % 2:
        raise QueryError('unclosed quote: a phrase needs a closing " (or remove the opening one)')
    quoted = [m.span() for m in _QUOTED_RE.finditer(text)]

    def in_quotes(i: int) -> bool:
        return any(a <= i < b for a, b in quoted)

    depth = deepest = 0
    for i, c in enumerate(text):
        if c == "(" and not in_quotes(i):
            depth += 1
            deepest = max(deepest, depth)
        elif c == ")" and not in_quotes(i):
            depth = max(0, depth - 1)
    if deepest > MAX_NESTING:
        raise QueryError(f"too many nested parentheses (the limit is {MAX_NESTING})")
    for i, c in enumerate(text):
        if c == "~" and i and text[i - 1] not in ' "\t\n' and not in_quotes(i):
            raise QueryError(FUZZY_UNSUPPORTED)
    for m in _FIELD_RE.finditer(text):
        if in_quotes(m.start()):
            continue
        name = m.group(1)
        if name.lower() not in QUERY_FIELDS:
            known = ", ".join(f"{f}:" for f in QUERY_FIELDS if f != "body")
            raise QueryError(
                f"unknown field {name}: (fields: {known}); put the words in quotes to search "
                "them as text"
            )
        if not m.group(2) or m.group(2) in ")":
            raise QueryError(f"{name}: needs a word or a quoted phrase after it")


def check_parsed(q: wq.Query) -> None:
    for leaf in _walk(q):
        if isinstance(leaf, wq.Every):
            raise QueryError("a query cannot be only a wildcard")
        if isinstance(leaf, wq.Phrase) and len(leaf.words) > MAX_PHRASE_WORDS:
            raise QueryError(f"phrase too long (the limit is {MAX_PHRASE_WORDS} words)")
        if isinstance(leaf, wq.Wildcard | wq.Prefix):
            text = str(leaf.text)
            if text == "" or text[0] in "*?":
                raise QueryError("a word cannot start with a wildcard (* or ?)")
            if isinstance(leaf, wq.Wildcard) and ("?" in text or "*" in text[:-1]):
                raise QueryError(INNER_WILDCARD_UNSUPPORTED)


def _walk(q: wq.Query) -> Iterator[wq.Query]:
    yield q
    if not q.is_leaf():
        for child in q.children():
            yield from _walk(child)


def entity_phrases(
    q: Any,
    entity_id: Callable[[str], str | None] | None,
    entity_names: Callable[[str], Sequence[str]] | None,
) -> list[tuple[str, ...]]:
    """The analysed words of every name of each entity `q` asks for (`entity:NAME`, not
    negated): the entity's names when `entity_names` knows its id, else the queried name. A
    hit's matches are then the places where the entity is named (its mentions)."""
    names: set[str] = set()
    for leaf in positive_leaves(q):
        if not (isinstance(leaf, wq.Term) and leaf.fieldname == "entity"):
            continue
        term = str(leaf.text)
        eid = entity_id(term) if entity_id is not None else None
        known = list(entity_names(eid)) if eid and entity_names is not None else []
        names.update(known or [term.replace("_", " ")])
    found = {tuple(t for t, _, _ in iter_terms(name)) for name in names}
    return sorted(p for p in found if p)


def expand_entities(q: Any, entity_id: Callable[[str], str | None]) -> Any:
    """Rewrite each `entity:NAME` term as `NAME OR <the entity's id>` (ids are indexed for
    every mention, names only where they occur)."""

    def visit(node: Any) -> Any:
        if isinstance(node, wq.Term) and node.fieldname == "entity":
            eid = entity_id(str(node.text))
            if eid:
                target = entity_term(eid)
                if target != node.text:
                    return wq.Or([node, wq.Term("entity", target)])
        return node

    return q.accept(visit)


def positive_leaves(q: Any) -> Iterator[Any]:
    """Leaves of `q` that are not negated (`NOT x`, `a ANDNOT b`)."""
    if isinstance(q, wq.Not):
        return
    if isinstance(q, wq.AndNot):
        yield from positive_leaves(q.a)
        return
    if q.is_leaf():
        yield q
        return
    for child in q.children():
        yield from positive_leaves(child)


def positive_terms(
    q: Any, reader: Any
) -> tuple[dict[str, set[str]], dict[str, list[tuple[str, ...]]]]:
    terms: dict[str, set[str]] = defaultdict(set)
    phrases: dict[str, list[tuple[str, ...]]] = defaultdict(list)
    for leaf in positive_leaves(q):
        fieldname = getattr(leaf, "fieldname", None)
        if fieldname not in TEXT_FIELDS:
            continue
        if isinstance(leaf, wq.Phrase):
            phrases[fieldname].append(tuple(str(w) for w in leaf.words))
        elif isinstance(leaf, wq.Term):
            terms[fieldname].add(str(leaf.text))
        else:
            expanded = leaf.expanded_terms(reader) if hasattr(leaf, "expanded_terms") else ()
            for _, btext in zip(range(MAX_EXPANSION), expanded, strict=False):
                name, value = btext
                terms[name].add(value.decode("utf-8") if isinstance(value, bytes) else value)
    return terms, phrases
