"""Corrections file: parsing with per-line problems, crash-safe appends."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.domain.entities.corrections import (
    Command,
    Corrections,
    append_correction,
    parse_line,
)


def test_parse_all_commands_and_comments() -> None:
    text = (
        "# comment\n\n"
        "merge Poutine into vladimir-poutine\n"
        'merge "Maison Blanche" into "La Maison"  # trailing comment\n'
        "split Blanche from maison-blanche\n"
        "unlink Blanche from maison-blanche\n"
        "rename kremlin to Le Kremlin\n"
        "relabel kremlin as org\n"
        "hide certified\n"
    )
    cor, problems = Corrections.parse(text)
    assert problems == []
    assert [c.verb for c in cor.commands] == [
        "merge",
        "merge",
        "split",
        "split",
        "rename",
        "relabel",
        "hide",
    ]
    assert cor.commands[1].args == ("Maison Blanche", "La Maison")
    assert cor.commands[5].args == ("kremlin", "ORG")
    assert cor.commands[4].args == ("kremlin", "Le Kremlin")


@pytest.mark.parametrize(
    ("line", "why"),
    [
        ("merge Poutine", "merge ENTITY into ENTITY"),
        ("relabel x as PLACE", "unknown label"),
        ("explode x", "unknown command"),
        ("hide", "hide ENTITY"),
        ("split from y", "split ALIAS from ENTITY"),
    ],
)
def test_bad_lines_are_problems_not_crashes(line: str, why: str) -> None:
    cor, problems = Corrections.parse(f"hide ok\n{line}\nhide fine\n")
    assert len(cor.commands) == 2
    assert len(problems) == 1 and problems[0].line == 2 and why in problems[0].reason
    assert "line 2" in str(problems[0])


def test_parse_line_blank_is_none() -> None:
    assert parse_line("   ") is None
    assert parse_line("# x") is None
    assert parse_line("hide x", 3) == Command("hide", ("x",), 3)


def test_append_is_atomic_and_validates(tmp_path: Path) -> None:
    path = tmp_path / "sub" / "corrections.txt"
    assert append_correction(path, "hide foo") is None
    assert append_correction(path, "merge a into b") is None
    bad = append_correction(path, "merge a")
    assert bad is not None
    cor, problems = Corrections.load(path)
    assert problems == [] and [c.verb for c in cor.commands] == ["hide", "merge"]
    assert [p.name for p in path.parent.iterdir()] == ["corrections.txt"]


def test_append_failure_leaves_the_old_file(tmp_path: Path) -> None:
    path = tmp_path / "c.txt"
    append_correction(path, "hide foo")

    def boom(fd: int) -> None:
        raise OSError("disk full")

    with pytest.raises(OSError):
        append_correction(path, "hide bar", fsync=boom)
    assert "hide bar" not in path.read_text(encoding="utf-8")
    assert [p.name for p in tmp_path.iterdir()] == ["c.txt"]


def test_load_missing_file_is_empty(tmp_path: Path) -> None:
    cor, problems = Corrections.load(tmp_path / "nope.txt")
    assert cor.commands == [] and problems == []
