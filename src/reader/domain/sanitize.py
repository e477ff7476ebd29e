"""One sanitiser for every untrusted string (article text, titles, file names, entity names).

Control characters (C0 except newline and tab, DEL, C1), bidirectional overrides and isolates,
and other invisible format characters that can reorder or hide text are removed, so that nothing
from a file can act on the terminal. Zero-width joiners (ZWJ, ZWNJ) are kept inside a word, where
they shape emoji sequences and Persian or Indic text, and removed at a word's edge, where they
only hide. A lone UTF-16 surrogate (half an emoji from truncated JSON) becomes U+FFFD. Visible
characters are kept as they are (NFC-composed).

`clean_value` applies the sanitiser to whatever a record field holds (a string, or a list or
tuple of strings); `reader.domain.model` runs it on every field of its records as they are
built, and `reader.domain.export` on every string of an output record.
"""

from __future__ import annotations

import json
import re
import unicodedata

# C0 controls except \t and \n, DEL, C1 controls.
_CONTROL = "\x00-\x08\x0b-\x1f\x7f-\x9f"
# Bidi embeddings/overrides/isolates and marks that can hide or reorder text.
_BIDI = "\u200e\u200f\u202a-\u202e\u2066-\u2069\u061c"
# Zero-width and other invisible formatting characters (kept out of display and index).
_INVISIBLE = "\u200b\u2060-\u2064\ufeff\u00ad\ufff9-\ufffb"
# Joiners: kept between two visible characters, removed elsewhere.
_JOINERS = "\u200c\u200d"
# Unicode line/paragraph separators behave like newlines.
_SEPARATORS = "\u2028\u2029\x85"
_SURROGATES = "\ud800-\udfff"

_STRIP_RE = re.compile(f"[{_CONTROL}{_BIDI}{_INVISIBLE}]")
_STRIP_INLINE_RE = re.compile(f"[{_CONTROL}{_BIDI}{_INVISIBLE}\n\t]")
_EDGE_JOINERS_RE = re.compile(f"(?<!\\S)[{_JOINERS}]+|[{_JOINERS}]+(?!\\S)")
_SURROGATE_RE = re.compile(f"[{_SURROGATES}]")
# Anything `sanitize` might change (besides NFC composition and joiners at word edges).
_UNSAFE_RE = re.compile(f"[{_CONTROL}{_BIDI}{_INVISIBLE}{_SEPARATORS}{_SURROGATES}\r]")


def _joiners_and_surrogates(text: str) -> str:
    if "\u200c" in text or "\u200d" in text:
        text = _EDGE_JOINERS_RE.sub("", text)
    return _SURROGATE_RE.sub("\ufffd", text)


def sanitize(text: str) -> str:
    """Return `text` NFC-composed with every control, bidi and invisible character removed.

    Newlines and tabs are kept; CR/LF pairs and Unicode separators become ``\\n``.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    for sep in _SEPARATORS:
        text = text.replace(sep, "\n")
    text = _joiners_and_surrogates(_STRIP_RE.sub("", text))
    return unicodedata.normalize("NFC", text)


def sanitize_inline(text: str) -> str:
    """Sanitise a one-line string (title, file name, entity name): newlines become spaces."""
    if text.isascii() and text.isprintable():
        return text  # nothing to strip or compose: the common case for file names and ids
    text = text.replace("\r\n", " ").replace("\r", " ").replace("\n", " ").replace("\t", " ")
    for sep in _SEPARATORS:
        text = text.replace(sep, " ")
    text = _joiners_and_surrogates(_STRIP_INLINE_RE.sub("", text))
    return unicodedata.normalize("NFC", text)


def is_clean(text: str) -> bool:
    """True when `text` holds no character that `sanitize` would remove or replace."""
    if _STRIP_RE.search(text) is not None or _SURROGATE_RE.search(text) is not None:
        return False
    if any(s in text for s in _SEPARATORS + "\r"):
        return False
    return ("\u200c" not in text and "\u200d" not in text) or not _EDGE_JOINERS_RE.search(text)


def _is_safe(text: str, multiline: bool) -> bool:
    """True when sanitising `text` would leave it as it is (the cheap common case)."""
    if text.isascii():
        return text.isprintable() or (multiline and _UNSAFE_RE.search(text) is None)
    if _UNSAFE_RE.search(text) is not None or (not multiline and ("\n" in text or "\t" in text)):
        return False
    if ("\u200c" in text or "\u200d" in text) and _EDGE_JOINERS_RE.search(text) is not None:
        return False
    return unicodedata.is_normalized("NFC", text)


def clean_text(text: str, multiline: bool = False) -> str:
    """`sanitize` (`multiline`) or `sanitize_inline`, returning `text` itself when it is
    already clean (no copy: records are built by the thousand)."""
    if _is_safe(text, multiline):
        return text
    return sanitize(text) if multiline else sanitize_inline(text)


def clean_value(value: object, multiline: bool = False) -> object:
    """A record field's value with every string in it sanitised: a string, or a list or tuple
    of strings (other values, nested records included, are returned as they are)."""
    if isinstance(value, str):
        return clean_text(value, multiline)
    if isinstance(value, (list, tuple)) and any(isinstance(v, str) for v in value):
        # One check of the strings joined by spaces first (an entity's list of 90,000 article
        # ids is one regex pass, not 90,000 calls): every test of `_is_safe` is per character,
        # per joiner with its neighbours (a space is no word character) or NFC, none of which a
        # space between the strings can make pass when one string fails it.
        strings = [v for v in value if isinstance(v, str)]
        if _is_safe(" ".join(strings), multiline) or all(_is_safe(v, multiline) for v in strings):
            return value
        cleaned = [clean_text(v, multiline) if isinstance(v, str) else v for v in value]
        return cleaned if isinstance(value, list) else tuple(cleaned)
    return value


def clean_tree(value: object) -> object:
    """A JSON-like output value (dicts, lists, tuples, strings, numbers) with every string —
    keys included — passed through `sanitize` (line breaks kept): the last check before a
    record leaves the program, whatever fields it has gained."""
    if isinstance(value, str):
        return clean_text(value, multiline=True)
    if isinstance(value, dict):
        return {clean_tree(k): clean_tree(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [clean_tree(v) for v in value]
    return value


# The escapes JSON writes for C0 controls and DEL (``\\u001b``, ``\\r``, ``\\b``, ``\\f``): what
# shows, in a JSON text, a control character inside a string.
_JSON_CONTROL_RE = re.compile(r"\\(?:u00[01][0-9a-fA-F]|u007[fF]|[rbf])")


def _json_escapes_a_control(text: str) -> bool:
    if not any(mark in text for mark in ("\\u00", "\\r", "\\b", "\\f")):
        return False  # substring scans: far faster than the pattern over a long text
    return _JSON_CONTROL_RE.search(text) is not None


def dumps(value: object) -> str:
    """`value` as one line of JSON (UTF-8 text, not ASCII-escaped) with every string in it —
    keys included — sanitised (`clean_tree`): the one way JSON leaves the program.

    The JSON text is checked once as a whole for anything unsafe (the common, clean case
    costs one scan); only then is the value walked and cleaned."""
    text = json.dumps(value, ensure_ascii=False)
    suspicious = (
        _UNSAFE_RE.search(text) is not None
        or _json_escapes_a_control(text)
        or (("\u200c" in text or "\u200d" in text) and _EDGE_JOINERS_RE.search(text) is not None)
    )  # (composition is left to the records: a text not in NFC is harmless on the way out)
    return json.dumps(clean_tree(value), ensure_ascii=False) if suspicious else text
