"""Decoding order: BOM, strict UTF-8, UTF-16 heuristic, cp1252; binary data refused."""

from __future__ import annotations

import codecs

import pytest

from reader.domain.decoding import BinaryFile, decode_bytes

FRENCH = "L’été, le cœur « serré », Noël à Genève — déjà fini…"


def test_utf8_plain() -> None:
    assert decode_bytes(FRENCH.encode("utf-8")) == (FRENCH, "utf-8")


def test_utf8_bom_is_dropped() -> None:
    text, enc = decode_bytes(codecs.BOM_UTF8 + FRENCH.encode("utf-8"))
    assert (text, enc) == (FRENCH, "utf-8-sig")


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-le", "utf-16-be", "utf-32"])
def test_bom_encodings(codec: str) -> None:
    data = FRENCH.encode(codec)
    if codec == "utf-16-le":
        data = codecs.BOM_UTF16_LE + data
    elif codec == "utf-16-be":
        data = codecs.BOM_UTF16_BE + data
    text, enc = decode_bytes(data)
    assert text == FRENCH
    assert enc.startswith(codec[:6])


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_without_bom(codec: str) -> None:
    body = "Le président a parlé à la presse mardi.\n" * 3
    text, enc = decode_bytes(body.encode(codec))
    assert (text, enc) == (body, codec)


def test_cp1252_french() -> None:
    data = FRENCH.encode("cp1252")
    assert b"\x92" in data and b"\x9c" in data  # ’ and œ live in cp1252's 0x80–0x9F range
    assert decode_bytes(data) == (FRENCH, "cp1252")


def test_latin1_text_reads_as_cp1252() -> None:
    assert decode_bytes("Café à Genève".encode("latin-1")) == ("Café à Genève", "cp1252")


def test_cp1252_undefined_bytes_do_not_fail() -> None:
    body = "Un texte français assez long, écrit en cp1252 par un vieux logiciel. " * 2
    data = body.encode("cp1252") + b"\x81\x9d"
    text, enc = decode_bytes(data)
    assert enc == "cp1252"
    assert text == body + "\x81\x9d"  # mapped through latin-1; the sanitiser drops them


def test_empty() -> None:
    assert decode_bytes(b"") == ("", "utf-8")


def test_nul_bytes_are_binary() -> None:
    with pytest.raises(BinaryFile):
        decode_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00")


def test_control_heavy_data_is_binary() -> None:
    with pytest.raises(BinaryFile):
        decode_bytes(bytes(range(1, 8)) * 50 + b"abc")


def test_random_non_utf8_bytes_are_binary() -> None:
    data = bytes((i * 37 + 11) % 256 for i in range(4096)).replace(b"\x00", b"\x01")
    with pytest.raises(BinaryFile):
        decode_bytes(data)


def test_a_few_escape_sequences_still_decode() -> None:
    text, _ = decode_bytes(b"Titre \x1b]52;c;aGVsbG8=\x07 et \x1b[2J suite du texte")
    assert "\x1b" in text  # decoding keeps them; the sanitiser removes them later
