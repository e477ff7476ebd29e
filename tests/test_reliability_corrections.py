"""Issue 14.10 and 14.17: the corrections parser is linear in its line, reads the same lines as
the regular expressions it replaced, and a UTF-8 byte-order mark does not break line 1."""

from __future__ import annotations

import re
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from complexity import check_linear
from reader.domain.entities.corrections import Command, Corrections, parse_line


def test_merge_with_thousands_of_spaces_parses_in_linear_time() -> None:
    """The report's line: `merge` + 4,000 spaces + `x` took 35 s (cubic backtracking)."""
    check_linear(parse_line, lambda n: "merge" + " " * n + "x", "merge + spaces + x")


def test_other_long_lines_parse_in_linear_time() -> None:
    shapes = {
        "spaces then keyword": lambda n: "merge a" + " " * n + "into",
        "many keywords": lambda n: "merge " + "into " * (n // 5),
        "many quotes": lambda n: 'rename "a' + '"' * n + " to b",
        "many comments": lambda n: "hide x" + " #" * (n // 2),
        "quotes and comments": lambda n: "hide x" + ' "#' * (n // 3),
        "tabs": lambda n: "split\t" + "\t" * n + "a\tfrom\t" + "\t" * n,
    }
    for what, make in shapes.items():
        check_linear(parse_line, make, what)


# The regular expressions the parser used before (cubic on long runs of spaces), as the
# reference for what a line means.
def _old_two(rest: str, kw: str) -> tuple[str, str] | None:
    m = re.fullmatch(rf'\s*("[^"]+"|.+?)\s+{kw}\s+("[^"]+"|.+?)\s*', rest)
    if not m:
        return None

    def unquote(s: str) -> str:
        s = s.strip()
        return s[1:-1].strip() if len(s) >= 2 and s[0] == s[-1] == '"' else s

    a, b = unquote(m.group(1)), unquote(m.group(2))
    return (a, b) if a and b else None


def _old_strip_comment(body: str) -> str:
    return re.sub(r'\s+#(?=(?:[^"]*"[^"]*")*[^"]*$).*$', "", body)


_TOKENS = ["a", "Le Monde", '"', '"x y"', "#", " #", " ", "  ", "\t", "into", "from", "to", "as"]


@settings(max_examples=400, deadline=None)
@given(
    st.lists(st.sampled_from(_TOKENS), max_size=9), st.sampled_from(["into", "from", "to", "as"])
)
def test_two_reads_what_the_old_regex_read(parts: list[str], kw: str) -> None:
    from reader.domain.entities.corrections import _two

    rest = "".join(parts)
    assert _two(rest, kw) == _old_two(rest, kw)


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_TOKENS), max_size=9))
def test_trailing_comments_are_cut_where_the_old_regex_cut_them(parts: list[str]) -> None:
    from reader.domain.entities.corrections import strip_comment

    body = ("hide " + "".join(parts)).strip()
    assert strip_comment(body) == _old_strip_comment(body)


def test_a_byte_order_mark_does_not_break_line_1(tmp_path: Path) -> None:
    cor, problems = Corrections.parse("\ufeffhide certified\nrename x to y\n")
    assert problems == []
    assert cor.commands[0] == Command("hide", ("certified",), 1)
    path = tmp_path / "corrections.txt"
    path.write_bytes("\ufeffmerge Poutine into vladimir-poutine\n".encode())
    cor, problems = Corrections.load(path)
    assert problems == []
    assert cor.commands == [Command("merge", ("Poutine", "vladimir-poutine"), 1)]
