"""One sanitiser for every untrusted string (article text, titles, file names, entity names).

Control characters (C0 except newline and tab, DEL, C1), bidirectional overrides and isolates,
and other invisible format characters that can reorder or hide text are removed, so that nothing
from a file can act on the terminal. Visible characters are kept as they are (NFC-composed).
"""

from __future__ import annotations

import re
import unicodedata

# C0 controls except \t and \n, DEL, C1 controls.
_CONTROL = "\x00-\x08\x0b-\x1f\x7f-\x9f"
# Bidi embeddings/overrides/isolates and marks that can hide or reorder text.
_BIDI = "\u200e\u200f\u202a-\u202e\u2066-\u2069\u061c"
# Zero-width and other invisible formatting characters (kept out of display and index).
_INVISIBLE = "\u200b-\u200d\u2060-\u2064\ufeff\u00ad\ufff9-\ufffb"
# Unicode line/paragraph separators behave like newlines.
_SEPARATORS = "\u2028\u2029\x85"

_STRIP_RE = re.compile(f"[{_CONTROL}{_BIDI}{_INVISIBLE}]")
_STRIP_INLINE_RE = re.compile(f"[{_CONTROL}{_BIDI}{_INVISIBLE}\n\t]")


def sanitize(text: str) -> str:
    """Return `text` NFC-composed with every control, bidi and invisible character removed.

    Newlines and tabs are kept; CR/LF pairs and Unicode separators become ``\\n``.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    for sep in _SEPARATORS:
        text = text.replace(sep, "\n")
    text = _STRIP_RE.sub("", text)
    return unicodedata.normalize("NFC", text)


def sanitize_inline(text: str) -> str:
    """Sanitise a one-line string (title, file name, entity name): newlines become spaces."""
    if text.isascii() and text.isprintable():
        return text  # nothing to strip or compose: the common case for file names and ids
    text = text.replace("\r\n", " ").replace("\r", " ").replace("\n", " ").replace("\t", " ")
    for sep in _SEPARATORS:
        text = text.replace(sep, " ")
    text = _STRIP_INLINE_RE.sub("", text)
    return unicodedata.normalize("NFC", text)


def is_clean(text: str) -> bool:
    """True when `text` holds no character that `sanitize` would remove."""
    return _STRIP_RE.search(text) is None and not any(s in text for s in _SEPARATORS + "\r")
