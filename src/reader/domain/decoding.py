"""Bytes → text in a fixed, tested order; no encoding guesser (they misread French cp1252).

1. A byte-order mark: UTF-8 (``utf-8-sig``), UTF-32 LE/BE, UTF-16 LE/BE.
2. Strict UTF-8 (when the data holds no NUL byte).
3. UTF-16 without a BOM, when NUL bytes sit mostly at odd (LE) or even (BE) positions.
4. cp1252, with the five bytes cp1252 leaves undefined mapped through latin-1, so it never fails.

Data with NUL bytes that is not UTF-16, or with a high share of control characters, is refused
with `BinaryFile`. The decoded text is not sanitised here: control characters that remain in a
text file are removed later by `reader.domain.sanitize`.
"""

from __future__ import annotations

import codecs
import re

# Longest BOMs first: the UTF-32 LE BOM starts with the UTF-16 LE one.
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

# A text decoded from valid UTF-8 is refused above this share of control characters ...
_UTF8_CONTROL_LIMIT = 0.30
# ... and a cp1252 fallback far sooner: random bytes give ~13 %, real cp1252 text ~0 %.
_CP1252_CONTROL_LIMIT = 0.05
# UTF-16 heuristic: share of NULs expected on the "high byte" side of ASCII-heavy text.
_UTF16_NUL_SHARE = 0.30
_UTF16_OTHER_SIDE_MAX = 0.05
# Control characters other than tab, newline, vertical tab, form feed and carriage return.
_CONTROL_RE = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f]")


class BinaryFile(ValueError):
    """The data is not text (NUL bytes outside UTF-16, or mostly control characters)."""


def decode_bytes(data: bytes) -> tuple[str, str]:
    """Decode `data` and return ``(text, encoding name)``; raise `BinaryFile` for non-text.

    The BOM, if any, is not part of the text. Empty data gives ``("", "utf-8")``.
    """
    if not data:
        return "", "utf-8"
    for bom, name in _BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(name)
            except UnicodeDecodeError as exc:
                raise BinaryFile(f"invalid {name} after its byte-order mark") from exc
            if name == "utf-8-sig" and "\x00" in text:
                raise BinaryFile("NUL bytes in a UTF-8 file")
            _check_controls(text, _UTF8_CONTROL_LIMIT)
            return _strip_bom(text), name

    if b"\x00" not in data:
        try:
            text = data.decode("utf-8", errors="strict")
        except UnicodeDecodeError:
            pass
        else:
            _check_controls(text, _UTF8_CONTROL_LIMIT)
            return text, "utf-8"

    utf16 = _utf16_without_bom(data)
    if utf16 is not None:
        return utf16

    if b"\x00" in data:
        raise BinaryFile("NUL bytes: binary data")
    text = decode_cp1252(data)
    _check_controls(text, _CP1252_CONTROL_LIMIT)
    return text, "cp1252"


def decode_cp1252(data: bytes) -> str:
    """cp1252 where defined; the five undefined bytes (0x81 0x8D 0x8F 0x90 0x9D) as latin-1."""
    return data.decode("cp1252", errors="cp1252-latin1")


def _cp1252_latin1(exc: UnicodeError) -> tuple[str, int]:
    if not isinstance(exc, UnicodeDecodeError):
        raise exc
    bad = exc.object[exc.start : exc.end]
    return bytes(bad).decode("latin-1"), exc.end


codecs.register_error("cp1252-latin1", _cp1252_latin1)


def _utf16_without_bom(data: bytes) -> tuple[str, str] | None:
    """Decode as UTF-16 when NUL bytes are concentrated on one side of each code unit."""
    if len(data) < 2:
        return None
    even = data[0::2]
    odd = data[1::2]
    even_nul = even.count(0) / len(even)
    odd_nul = odd.count(0) / len(odd) if odd else 0.0
    if odd_nul >= _UTF16_NUL_SHARE and even_nul <= _UTF16_OTHER_SIDE_MAX:
        name = "utf-16-le"
    elif even_nul >= _UTF16_NUL_SHARE and odd_nul <= _UTF16_OTHER_SIDE_MAX:
        name = "utf-16-be"
    else:
        return None
    usable = data if len(data) % 2 == 0 else data[:-1]
    try:
        text = usable.decode(name, errors="strict")
    except UnicodeDecodeError:
        return None
    if "\x00" in text:
        return None
    try:
        _check_controls(text, _UTF8_CONTROL_LIMIT)
    except BinaryFile:
        return None
    return text, name


def _strip_bom(text: str) -> str:
    return text[1:] if text.startswith("\ufeff") else text


def _check_controls(text: str, limit: float) -> None:
    """Raise `BinaryFile` when control characters exceed `limit` of the text."""
    if not text:
        return
    controls = sum(1 for _ in _CONTROL_RE.finditer(text))
    if controls / len(text) > limit:
        raise BinaryFile(f"{controls} control characters in {len(text)}: binary data")
