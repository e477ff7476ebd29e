"""Safe discovery: regular files only, links kept inside the root, loops, problems reported."""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest

from reader.domain.discovery import (
    FileRefused,
    SourceFile,
    discover,
    display_path,
    read_bytes_safely,
)
from reader.domain.model import Problem


def _write(path: Path, text: str = "Un article.") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def _reasons(problems: list[Problem]) -> dict[str, str]:
    return {Path(p.path).name: p.reason for p in problems}


def test_recursive_sorted_and_relative(tmp_path: Path) -> None:
    _write(tmp_path / "b.txt")
    _write(tmp_path / "a.md")
    _write(tmp_path / "sub" / "c.json", "{}")
    _write(tmp_path / "sub" / "deeper" / "d.html")
    files, problems = discover([tmp_path])
    assert [f.rel for f in files] == ["a.md", "b.txt", "sub/c.json", "sub/deeper/d.html"]
    assert problems == []
    assert all(f.root == tmp_path and f.path == tmp_path / f.rel for f in files)
    assert files[1].size == len(b"Un article.")


def test_single_file_and_duplicates(tmp_path: Path) -> None:
    f = _write(tmp_path / "x.txt")
    files, problems = discover([f, tmp_path])
    assert [s.rel for s in files] == ["x.txt"]
    assert "already read" in problems[0].reason


def test_unsupported_hidden_and_dot_dirs(tmp_path: Path) -> None:
    _write(tmp_path / "ok.txt")
    _write(tmp_path / "photo.xyz")
    _write(tmp_path / "README")
    _write(tmp_path / ".hidden.txt")
    _write(tmp_path / ".git" / "config.txt")
    files, problems = discover([tmp_path])
    assert [f.rel for f in files] == ["ok.txt"]
    reasons = _reasons(problems)
    assert reasons["photo.xyz"] == "unsupported file type .xyz"
    assert "unsupported" in reasons["README"]
    assert "hidden" in reasons[".hidden.txt"]
    assert "config.txt" not in reasons  # dot-folders are skipped silently


def test_too_large(tmp_path: Path) -> None:
    _write(tmp_path / "big.txt", "x" * 2000)
    files, problems = discover([tmp_path], max_bytes=1000)
    assert files == []
    assert problems[0].reason.startswith("too large")


def test_missing_path(tmp_path: Path) -> None:
    files, problems = discover([tmp_path / "nope"])
    assert files == [] and problems[0].reason == "not found"


def test_fifo_is_reported_never_opened(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe.txt")
    _write(tmp_path / "ok.txt")
    result: list[tuple[list[SourceFile], list[Problem]]] = []
    thread = threading.Thread(target=lambda: result.append(discover([tmp_path])), daemon=True)
    thread.start()
    thread.join(5)
    assert not thread.is_alive(), "discovery blocked on a FIFO"
    files, problems = result[0]
    assert [f.rel for f in files] == ["ok.txt"]
    assert "FIFO" in _reasons(problems)["pipe.txt"]


def test_read_bytes_safely_refuses_a_fifo_without_blocking(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe.txt")
    src = SourceFile(str(tmp_path / "pipe.txt"), str(tmp_path), "pipe.txt", 0, 0)
    result: list[str] = []

    def attempt() -> None:
        try:
            read_bytes_safely(src)
        except FileRefused as exc:
            result.append(exc.reason)

    thread = threading.Thread(target=attempt, daemon=True)
    thread.start()
    thread.join(5)
    assert not thread.is_alive(), "reading blocked on a FIFO"
    assert "not a regular file" in result[0]


def test_link_to_device_is_refused(tmp_path: Path) -> None:
    (tmp_path / "zero.txt").symlink_to("/dev/zero")
    files, problems = discover([tmp_path])
    assert files == []
    assert problems  # outside the root, and a device anyway


def test_symlink_loop(tmp_path: Path) -> None:
    _write(tmp_path / "a" / "x.txt")
    (tmp_path / "a" / "loop").symlink_to(tmp_path / "a")
    (tmp_path / "self").symlink_to("self")
    files, problems = discover([tmp_path])
    assert [f.rel for f in files] == ["a/x.txt"]
    reasons = _reasons(problems)
    assert "loop" in reasons["loop"]
    assert "broken link" in reasons["self"]


def test_symlink_out_of_root(tmp_path: Path) -> None:
    outside = _write(tmp_path / "outside" / "secret.txt")
    corpus = tmp_path / "corpus"
    _write(corpus / "in.txt")
    (corpus / "escape.txt").symlink_to(outside)
    (corpus / "escape_dir").symlink_to(outside.parent)
    files, problems = discover([corpus])
    assert [f.rel for f in files] == ["in.txt"]
    reasons = _reasons(problems)
    assert "outside" in reasons["escape.txt"] and "outside" in reasons["escape_dir"]


def test_symlink_inside_root_is_followed(tmp_path: Path) -> None:
    _write(tmp_path / "data" / "real.txt")
    (tmp_path / "alias").symlink_to(tmp_path / "data")
    files, _ = discover([tmp_path / "alias"])
    assert [f.rel for f in files] == ["real.txt"]


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads folders whatever their mode")
def test_unreadable_folder_is_reported(tmp_path: Path) -> None:
    locked = tmp_path / "locked"
    _write(locked / "x.txt")
    locked.chmod(0)
    try:
        files, problems = discover([tmp_path])
    finally:
        locked.chmod(0o755)
    assert files == []
    assert "cannot read folder" in _reasons(problems)["locked"]


def test_folder_that_cannot_be_listed_is_reported(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Runs as root too: listing the folder fails as it would with chmod 000."""
    locked = tmp_path / "locked"
    _write(locked / "x.txt")
    _write(tmp_path / "ok.txt")
    real_scandir = os.scandir

    def scandir(path: str | os.PathLike[str]) -> object:
        if Path(path) == locked:
            raise PermissionError(13, "Permission denied")
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    files, problems = discover([tmp_path])
    assert [f.rel for f in files] == ["ok.txt"]
    assert _reasons(problems)["locked"] == "cannot read folder: Permission denied"


def test_read_bytes_safely(tmp_path: Path) -> None:
    path = _write(tmp_path / "a.txt", "bonjour")
    (src,), _ = discover([path])
    assert read_bytes_safely(src) == b"bonjour"
    path.write_text("x" * 50)
    with pytest.raises(FileRefused, match="too large"):
        read_bytes_safely(src, max_bytes=10)


def test_display_path(tmp_path: Path) -> None:
    inside = tmp_path / "sub" / "a.txt"
    assert display_path(inside, cwd=tmp_path) == "sub/a.txt"
    assert display_path(inside, cwd=tmp_path / "other") == str(inside)
    assert display_path(tmp_path / "bad\x1b[2Jname.txt", cwd=tmp_path) == "bad[2Jname.txt"
