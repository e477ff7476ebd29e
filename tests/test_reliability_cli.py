"""SPEC §7 on the command line: the hostile corpus through the installed `reader` command.

One real `reader index` (spaCy and all) runs on the hostile corpus of `tests/hostile.py`; every
other subcommand then runs on the index it built, as a subprocess with its output captured as
bytes, and nothing from the files may reach stdout or stderr raw.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from hostile import (
    EVIL_URL,
    FORBIDDEN_CHARS,
    MARKUP_LITERALS,
    OSC52_PAYLOAD,
    RAW_SEQUENCES,
    HostileCorpus,
    make_hostile_corpus,
)

READER = Path(sys.executable).with_name("reader")


@dataclass
class Run:
    code: int
    out: bytes
    err: bytes

    @property
    def stdout(self) -> str:
        return self.out.decode("utf-8")

    @property
    def stderr(self) -> str:
        return self.err.decode("utf-8")


def run_reader(args: list[str], index_dir: Path, cwd: Path, timeout: float = 120) -> Run:
    env = dict(os.environ, READER_INDEX_DIR=str(index_dir), READER_CONFIG_DIR=str(cwd / "cfg"))
    env.pop("COLUMNS", None)
    proc = subprocess.run(
        [str(READER), *args], cwd=cwd, env=env, capture_output=True, timeout=timeout
    )
    return Run(proc.returncode, proc.stdout, proc.stderr)


def assert_inert(run: Run) -> None:
    """No escape, C1, bidi, NUL byte from the files in what the command wrote, no traceback."""
    for stream in (run.out, run.err):
        for seq in RAW_SEQUENCES:
            assert seq not in stream, seq
        text = stream.decode("utf-8")
        for ch in FORBIDDEN_CHARS:
            assert ch not in text, repr(ch)
        assert "Traceback" not in text


@dataclass
class Indexed:
    corpus: HostileCorpus
    index_dir: Path
    cwd: Path
    index_run: Run


@pytest.fixture(scope="module")
def indexed(tmp_path_factory: pytest.TempPathFactory) -> Indexed:
    base = tmp_path_factory.mktemp("hostile-cli")
    corpus = make_hostile_corpus(base / "corpus", outside=base / "elsewhere")
    index_dir = base / "index"
    run = run_reader(["index", str(corpus.root)], index_dir, base)
    return Indexed(corpus, index_dir, base, run)


def cli(ix: Indexed, *args: str) -> Run:
    return run_reader([*args], ix.index_dir, ix.cwd)


def export(ix: Indexed) -> dict[str, dict[str, object]]:
    run = cli(ix, "export", str(ix.corpus.root))
    assert run.code == 0, run.stderr
    assert_inert(run)
    records = [json.loads(line) for line in run.stdout.splitlines()]
    ids = [r["id"] for r in records]
    assert len(ids) == len(set(ids))
    return {str(r["id"]): r for r in records}


# -- unreadable, binary, empty, unknown suffix, special files: skipped with reasons ------------
def test_index_lists_every_skipped_file_with_its_reason_and_exits_0(indexed: Indexed) -> None:
    run = indexed.index_run
    assert run.code == 0, run.stderr
    assert_inert(run)
    skipped = {
        line.removeprefix("reader: skipped ").split(": ", 1)[0].rsplit("/", 1)[-1]: line
        for line in run.stderr.splitlines()
        if line.startswith("reader: skipped ")
    }
    for name, reason in indexed.corpus.expected_skips.items():
        assert name in skipped, (name, run.stderr)
        assert reason in skipped[name], skipped[name]
    assert "9 skipped" in run.stderr.splitlines()[-1]


def test_skipped_files_do_not_stop_the_others(indexed: Indexed) -> None:
    records = export(indexed)
    assert set(records) == set(indexed.corpus.expected_text)
    assert not any("Secret hors du corpus" in str(r["text"]) for r in records.values())


def test_a_device_given_by_name_is_refused_not_read(indexed: Indexed) -> None:
    run = cli(
        indexed,
        "index",
        str(indexed.corpus.root / "zero.txt"),
        "--index-dir",
        str(indexed.cwd / "zero-index"),
    )
    assert run.code == 0
    assert "a device, not a regular file" in run.stderr


# -- non-UTF-8 text --------------------------------------------------------------------------
def test_cp1252_latin1_and_utf16_are_decoded(indexed: Indexed) -> None:
    records = export(indexed)
    for aid in ("cp1252", "latin1", "utf16"):
        assert indexed.corpus.expected_text[aid] in str(records[aid]["text"])
        assert "\ufffd" not in str(records[aid]["text"])


# -- markup is text ----------------------------------------------------------------------------
def test_markup_is_exported_literally(indexed: Indexed) -> None:
    record = export(indexed)["markup"]
    for literal in MARKUP_LITERALS:
        assert literal in str(record["text"])
    assert record["title"] == "Titre [bold]Piège[/] et [@click=app.quit]clic[/]"


def test_markup_is_printed_literally_by_search(indexed: Indexed) -> None:
    table = cli(indexed, "search", "quitter", str(indexed.corpus.root))
    assert table.code == 0, table.stderr
    assert_inert(table)
    flat = " ".join(table.stdout.replace("│", " ").split())
    assert "[@click=app.quit]" in flat and "[bold]Piège[/]" in flat
    js = cli(indexed, "search", "quitter", str(indexed.corpus.root), "--json")
    hit = json.loads(js.stdout)["hits"][0]
    assert hit["article"] == "markup" and "[@click=app.quit]" in hit["title"]


# -- escape sequences never written -------------------------------------------------------------
@pytest.mark.parametrize(
    "args",
    [
        ["search", "banques"],
        ["search", "banques", "--json", "--limit", "50"],
        ["search", "Presse-papiers OR entités OR octet OR fichier"],
        ["entities"],
        ["entities", "--json"],
        ["xref", "--article", "escapes"],
        ["xref", "--article", "escapes", "--json"],
        ["xref", "--entity", "Bruno Le Maire"],
        ["xref", "--entity", "Bruno Le Maire", "--json"],
        ["export"],
    ],
    ids=lambda a: "-".join(a).replace(" ", "_")[:40],
)
def test_no_control_byte_from_the_files_reaches_the_output(
    indexed: Indexed, args: list[str]
) -> None:
    name, rest = args[0], args[1:]
    positional = [a for a in rest if not a.startswith("--")][:1] if name == "search" else []
    options = rest[len(positional) :]
    run = cli(indexed, name, *positional, str(indexed.corpus.root), *options)
    assert run.code == 0, run.stderr
    assert_inert(run)
    assert run.out.strip()


def test_escaped_file_name_is_a_plain_id(indexed: Indexed) -> None:
    records = export(indexed)
    evil = records[indexed.corpus.evil_name_id]
    assert "\x1b" not in str(evil["path"]) and OSC52_PAYLOAD in str(evil["id"])
    run = cli(indexed, "xref", str(indexed.corpus.root), "--article", indexed.corpus.evil_name_id)
    assert run.code == 0 and run.stdout.strip()  # piped: one tab-separated line a related article
    assert_inert(run)
    evil_id = indexed.corpus.evil_name_id
    run = cli(indexed, "xref", str(indexed.corpus.root), "--article", evil_id, "--json")
    assert run.code == 0 and json.loads(run.stdout)["article"] == evil_id


def test_sequences_become_inert_text_in_export(indexed: Indexed) -> None:
    records = export(indexed)
    text = str(records["escapes"]["text"])
    assert f"]8;;{EVIL_URL}" in text  # what is left is visible text, the ESC is gone
    assert "EXE.TXT" in text
    html = str(records["entities"]["text"])
    assert "Des entités" in html and "inversé" in html
    assert "Un octet nul" in str(records["nul"]["text"])


# -- very large file ---------------------------------------------------------------------------
def test_a_50_mb_file_is_refused_with_a_message(indexed: Indexed) -> None:
    line = next(x for x in indexed.index_run.stderr.splitlines() if "huge.txt" in x)
    assert "too large" in line and "limit" in line


# -- rejected queries --------------------------------------------------------------------------
@pytest.mark.parametrize(
    "query", ["title:", "*", "(" * 60 + "a", "x" * 5000, "\x1b]52;c;eA==\x07 title:"]
)
def test_a_rejected_query_exits_2_with_a_message(indexed: Indexed, query: str) -> None:
    run = cli(indexed, "search", query, str(indexed.corpus.root))
    assert run.code == 2
    assert run.stderr.startswith("reader: query rejected: ") or "query" in run.stderr
    assert len(run.stderr.strip().splitlines()) <= 2
    assert_inert(run)
