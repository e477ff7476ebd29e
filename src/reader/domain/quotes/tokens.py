"""Words, punctuation and quotations of a paragraph as tokens, cut into sentences.

A quotation is one token (`kind == "q"`): what it says never looks like a speech verb or a
sentence end to the attribution rules. Elided articles are tokens of their own (`l’`, `qu’`).
"""

from __future__ import annotations

import re
from typing import NamedTuple

_TOKEN = re.compile(
    r"\b(?:M|MM|Mme|Mmes|Mlle|Mgr|Dr|Pr|Me|St|Ste)\.(?=\s)"
    r"|(?i:jusqu|lorsqu|puisqu|quoiqu|qu|[ldjmnstc])['’](?=\w)|[\w][\w'’-]*|[^\w\s]"
)
_ABBREVIATIONS = frozenset(
    [
        "m",
        "mm",
        "mme",
        "mmes",
        "mlle",
        "mgr",
        "dr",
        "pr",
        "me",
        "st",
        "ste",
        "av",
        "etc",
        "cf",
        "ex",
    ]
)
_ENDS = frozenset(".!?…")


class Token(NamedTuple):
    """A word (`w`), a punctuation mark (`p`) or a whole quotation (`q`, `quote` its index).

    `low` is the token in lower case with a straight apostrophe."""

    kind: str
    start: int
    end: int
    text: str
    quote: int = -1
    low: str = ""


def tokenize(text: str, start: int, end: int, quotes: list[tuple[int, int, int]]) -> list[Token]:
    """Tokens of `text[start:end]`; `quotes` are `(open_at, close_at + 1, index)` spans made
    into single `q` tokens."""
    tokens: list[Token] = []
    pos = start
    for q_start, q_end, index in sorted(quotes):
        tokens.extend(_plain(text, pos, q_start))
        tokens.append(Token("q", q_start, q_end, text[q_start:q_end], index, ""))
        pos = q_end
    tokens.extend(_plain(text, pos, end))
    return tokens


def _plain(text: str, start: int, end: int) -> list[Token]:
    out: list[Token] = []
    append = out.append
    for m in _TOKEN.finditer(text, start, end):
        word = m.group()
        first = word[0]
        kind = "w" if first.isalnum() or first == "_" else "p"
        append(Token(kind, m.start(), m.end(), word, -1, word.lower().replace("’", "'")))
    return out


def _starts_sentence(tok: Token) -> bool:
    return tok.kind == "q" or tok.text[0].isupper() or tok.text[0].isdigit() or tok.text in '«“"—–-'


def sentences(tokens: list[Token], text: str) -> list[list[Token]]:
    """Cut a paragraph's tokens into sentences (at . ! ? … before a capital or a quote, not
    after an abbreviation or an initial; after a quotation that ends its own sentence)."""
    out: list[list[Token]] = []
    current: list[Token] = []
    for i, tok in enumerate(tokens):
        current.append(tok)
        nxt = tokens[i + 1] if i + 1 < len(tokens) else None
        if nxt is None:
            break
        if tok.kind == "p" and tok.text in _ENDS:
            prev = tokens[i - 1] if i else None
            if (
                tok.text == "."
                and prev is not None
                and prev.kind == "w"
                and (prev.low in _ABBREVIATIONS or (len(prev.text) == 1 and prev.text.isupper()))
            ):
                continue
            if nxt.kind == "p" and nxt.text in _ENDS | {"»", "”", '"', ")"}:
                continue
            if _starts_sentence(nxt):
                out.append(current)
                current = []
        elif tok.kind == "q" and nxt is not None:
            inner = text[tok.start + 1 : tok.end - 1].rstrip(" \u00a0\u202f")
            if inner and inner[-1] in _ENDS and _starts_sentence(nxt) and nxt.kind != "p":
                out.append(current)
                current = []
    if current:
        out.append(current)
    return out
