"""Issue 14.12: config files are opened as corpus files are — regular files only, non-blocking,
size cap — so a corrections file that is a FIFO, a link to `/dev/zero` or huge never hangs a
command, fills memory, or is overwritten.

A FIFO used to hang `open()` itself: each read below runs under `complexity.timed`'s alarm, so
the old behaviour fails the test instead of hanging it."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from complexity import INF, timed
from reader.domain.config_files import (
    MAX_CONFIG_BYTES,
    ConfigFileError,
    read_config_bytes,
    read_config_text,
)
from reader.domain.entities.corrections import Corrections, append_correction

pytestmark = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this system")


@pytest.fixture
def specials(tmp_path: Path) -> dict[str, Path]:
    fifo = tmp_path / "fifo.txt"
    os.mkfifo(fifo)
    zero = tmp_path / "zero.txt"
    zero.symlink_to("/dev/zero")
    big = tmp_path / "big.txt"
    big.write_bytes(b"# x\n" * (MAX_CONFIG_BYTES // 4 + 1))
    return {"FIFO": fifo, "device": zero, "too large": big}


def test_special_and_huge_config_files_are_refused_with_the_reason(
    specials: dict[str, Path],
) -> None:
    for why, path in specials.items():
        errors: list[str] = []

        def read(p: Path, errors: list[str] = errors) -> None:
            try:
                read_config_bytes(p)
            except ConfigFileError as exc:
                errors.append(exc.reason)

        assert timed(read, path, budget=5) != INF, f"{why}: reading hung"
        assert errors and why in errors[0], (why, errors)


def test_missing_is_none_and_a_bom_is_dropped(tmp_path: Path) -> None:
    assert read_config_text(tmp_path / "none.txt") is None
    path = tmp_path / "c.txt"
    path.write_bytes(b"\xef\xbb\xbfhide x\n")
    assert read_config_text(path) == "hide x\n"
    path.write_bytes(b"hide \xff\n")
    with pytest.raises(ConfigFileError, match="UTF-8"):
        read_config_text(path)
    assert read_config_text(path, errors="replace") == "hide \ufffd\n"


def test_a_special_corrections_file_is_a_problem_not_a_hang(specials: dict[str, Path]) -> None:
    loaded: list[object] = []
    for why, path in specials.items():
        assert timed(lambda p: loaded.append(Corrections.load(p)), path, budget=5) != INF, why
        corrections, problems = loaded[-1]  # type: ignore[misc]
        assert corrections.commands == []
        assert len(problems) == 1 and why in problems[0].reason


def test_appending_to_a_special_corrections_file_is_refused_and_leaves_it(
    specials: dict[str, Path],
) -> None:
    results: list[object] = []
    for why, path in specials.items():
        assert (
            timed(lambda p: results.append(append_correction(p, "hide x")), path, budget=5) != INF
        ), why
        problem = results[-1]
        assert problem is not None and why in problem.reason  # type: ignore[attr-defined]
    assert specials["FIFO"].is_fifo()
    assert os.readlink(specials["device"]) == "/dev/zero"


def test_the_index_signature_does_not_read_a_special_corrections_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from reader.domain import pipeline

    monkeypatch.setenv("READER_CONFIG_DIR", str(tmp_path / "config"))
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    path = pipeline.corrections_path([corpus])
    path.parent.mkdir(parents=True)
    os.mkfifo(path)
    versions: list[dict[str, str]] = []
    assert timed(lambda c: versions.append(pipeline._versions([c])), corpus, budget=5) != INF
    assert "unreadable" in versions[0].values()


def test_undo_and_unhide_refuse_a_special_corrections_file(specials: dict[str, Path]) -> None:
    from reader.ui.corrections_edit import undo_last, unhide

    for why, path in specials.items():
        for action in (undo_last, lambda p: unhide(p, ["x"])):
            errors: list[str] = []

            def run(p: Path, action: object = action, errors: list[str] = errors) -> None:
                try:
                    action(p)  # type: ignore[operator]
                except ConfigFileError as exc:
                    errors.append(exc.reason)

            assert timed(run, path, budget=5) != INF, f"{why}: hung"
            assert errors and why in errors[0], (why, errors)
    assert specials["FIFO"].is_fifo()
