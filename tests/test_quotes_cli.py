"""`reader export`'s `quotes` field and `reader quotes` (table, piped lines, JSON, --entity)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from reader.cli import main


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_export_quotes_schema_and_offsets(
    capsys: pytest.CaptureFixture[str], seeds_index: Path
) -> None:
    code, out, _ = run(capsys, "export", "--index-dir", str(seeds_index))
    assert code == 0
    records = [json.loads(line) for line in out.splitlines()]
    total = 0
    in_title = 0
    for r in records:
        for q in r["quotes"]:
            assert set(q) - {"in"} == {"start", "end", "text", "speaker", "speaker_entity", "cue"}
            body = r["title"] if q.get("in") == "title" else r["text"]
            assert body[q["start"] : q["end"]] == q["text"]
            if q["speaker_entity"] is not None:
                assert q["speaker_entity"] in {
                    m["entity"] for m in r["mentions"] + r["title_mentions"]
                }
            if q["speaker"] is None:
                assert q["cue"] is None
            in_title += q.get("in") == "title"
            total += 1
    assert total >= 25 and in_title == 1


def test_quotes_of_an_entity_piped_are_tab_separated(
    capsys: pytest.CaptureFixture[str], seeds_index: Path
) -> None:
    code, out, _ = run(capsys, "quotes", "--entity", "Peskov", "--index-dir", str(seeds_index))
    assert code == 0
    rows = [line.split("\t") for line in out.splitlines()]
    assert len(rows) >= 3 and all(len(row) == 8 for row in rows)
    assert {row[3] for row in rows} == {"dmitri-peskov"}
    assert "\x1b" not in out and "┃" not in out


def test_quotes_json_says_where_else_and_first(
    capsys: pytest.CaptureFixture[str], seeds_index: Path
) -> None:
    code, out, _ = run(
        capsys, "quotes", "--json", "--entity", "dmitri-peskov", "--index-dir", str(seeds_index)
    )
    assert code == 0
    records = json.loads(out)
    lignes = [r for r in records if "lignes rouges" in r["text"]]
    assert len(lignes) == 2
    assert {r["article"] for r in lignes} == {r["same"][0]["article"] for r in lignes}
    assert lignes[0]["first"] == lignes[1]["first"]


def test_quotes_table_on_a_terminal(
    capsys: pytest.CaptureFixture[str], seeds_index: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("sys.stdout.isatty", lambda: True)
    code, out, _ = run(capsys, "quotes", "--entity", "Peskov", "--index-dir", str(seeds_index))
    assert code == 0
    assert "quotations" in out and "Peskov" in out and "\t" not in out


def test_quotes_unknown_entity_is_a_usage_error(
    capsys: pytest.CaptureFixture[str], seeds_index: Path
) -> None:
    code, _, err = run(
        capsys, "quotes", "--entity", "Nobody Known", "--index-dir", str(seeds_index)
    )
    assert code == 2 and "no entity" in err
