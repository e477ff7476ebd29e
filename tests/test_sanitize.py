"""The one sanitiser: no control character survives, visible text is otherwise unchanged."""

from __future__ import annotations

import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from reader.domain.sanitize import is_clean, sanitize, sanitize_inline

FORBIDDEN_CATEGORIES = {"Cc"}
BIDI = set("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c")


def _has_forbidden(s: str, allow: str) -> bool:
    return any(
        (unicodedata.category(c) in FORBIDDEN_CATEGORIES and c not in allow) or c in BIDI for c in s
    )


@given(st.text())
def test_no_control_character_reaches_the_screen(s: str) -> None:
    out = sanitize(s)
    assert not _has_forbidden(out, allow="\n\t")
    assert is_clean(out)
    assert sanitize(out) == out


@given(st.text())
def test_inline_has_no_line_breaks_or_controls(s: str) -> None:
    out = sanitize_inline(s)
    assert not _has_forbidden(out, allow="")
    assert "\n" not in out


@given(st.text(alphabet=st.characters(blacklist_categories=("Cc", "Cf", "Cs", "Zl", "Zp"))))
def test_visible_text_is_unchanged(s: str) -> None:
    assert sanitize(s) == unicodedata.normalize("NFC", s)


def test_terminal_attacks_are_neutralised() -> None:
    attacks = "\x1b[2J\x1b]52;c;aGVsbG8=\x07\x1b]8;;http://evil\x1b\\lien\x1b]8;;\x1b\\\x9b31m\x00"
    out = sanitize(attacks)
    assert "\x1b" not in out and "\x9b" not in out and "\x00" not in out and "\x07" not in out
    assert "lien" in out


def test_markup_like_brackets_are_kept_as_text() -> None:
    s = "[bold]x[/] [@click=app.quit]y[/] [Reuters] [sic]"
    assert sanitize(s) == s


def test_french_typography_is_kept() -> None:
    s = "l’Ukraine « lignes rouges » Genève\u00a0: œuvre"
    assert sanitize(s) == s


def test_decomposed_accents_are_composed() -> None:
    assert sanitize("Gene\u0300ve") == "Genève"


def test_crlf_and_separators_become_newlines() -> None:
    assert sanitize("a\r\nb\rc\u2028d") == "a\nb\nc\nd"
