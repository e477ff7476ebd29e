"""The command line contract (SPEC §1, §3–§5) on the seeds and on small corpora."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from reader import __version__
from reader.cli import main

SEEDS = Path(__file__).resolve().parents[1] / "seeds"

SEED_IDS = sorted(p.stem for p in SEEDS.glob("*.txt"))


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def export(capsys: pytest.CaptureFixture[str], index: Path) -> dict[str, dict]:
    code, out, _ = run(capsys, "export", "--index-dir", str(index))
    assert code == 0
    records = [json.loads(line) for line in out.splitlines()]
    return {r["id"]: r for r in records}


def test_export_seeds_headlines_dates_and_clean_text(
    capsys: pytest.CaptureFixture[str], seeds_index: Path
) -> None:
    records = export(capsys, seeds_index)
    assert sorted(records) == SEED_IDS
    r002 = records["002_e6fe87bdf2942d1d"]
    assert r002["title"].startswith("La discussion cruciale entre Joe Biden et Vladimir Poutine")
    assert not r002["title_derived"]
    assert "Accueil Internationales" not in r002["text"]
    assert "\n85\n" not in r002["text"] and not r002["text"].startswith("85")
    assert "UPDATE 7:" in r002["text"] and "MISE À JOUR 6" in r002["text"]
    r004 = records["004_e6ac92f8640e14c5"]
    assert r004["title"].startswith("Il Y A De Sérieuses Différences, Le Kremlin Dit")
    assert not r004["text"].startswith("Il Y A De")
    for derived in ("000_6bf6beea00a5e93c", "001_35b26e228c482988", "003_7572520fb8af0d53"):
        assert records[derived]["title_derived"]
        assert records[derived]["title"]
    assert records["000_6bf6beea00a5e93c"]["date"] == "2021-12"
    assert "Certified" not in records["003_7572520fb8af0d53"]["text"]
    assert records["000_6bf6beea00a5e93c"]["path"] == "seeds/000_6bf6beea00a5e93c.txt"


def test_export_offsets_are_exact(capsys: pytest.CaptureFixture[str], seeds_index: Path) -> None:
    for r in export(capsys, seeds_index).values():
        for m in r["mentions"]:
            assert r["text"][m["start"] : m["end"]] == m["text"]
            assert m["label"] in {"PER", "ORG", "LOC", "MISC"}
        for m in r["title_mentions"]:
            assert r["title"][m["start"] : m["end"]] == m["text"]
        for start, end in r["paragraphs"]:
            assert 0 <= start < end <= len(r["text"])


def test_export_keeps_every_body_sentence(
    capsys: pytest.CaptureFixture[str], seeds_index: Path
) -> None:
    records = export(capsys, seeds_index)
    text = records["003_7572520fb8af0d53"]["text"]
    assert "Emily Horne" in text and "Jen Psaki" in text
    assert "deux heures et cinq minutes" in records["000_6bf6beea00a5e93c"]["text"]


def test_one_entity_for_all_names_of_putin(
    capsys: pytest.CaptureFixture[str], seeds_index: Path
) -> None:
    records = export(capsys, seeds_index)
    ids = {
        m["entity"]
        for r in records.values()
        for m in r["mentions"]
        if m["text"] in {"Poutine", "Vladimir Poutine"}
    }
    assert len(ids) == 1
    (putin,) = ids
    assert all(any(m["entity"] == putin for m in r["mentions"]) for r in records.values())


def test_entities_json(capsys: pytest.CaptureFixture[str], seeds_index: Path) -> None:
    code, out, _ = run(capsys, "entities", "--json", "--index-dir", str(seeds_index))
    assert code == 0
    entities = json.loads(out)
    ids = [e["id"] for e in entities]
    assert len(ids) == len(set(ids))
    for e in entities:
        assert set(e) == {"id", "name", "label", "aliases", "mentions", "articles"}
    otan = [e for e in entities if "OTAN" in e["aliases"] or "Otan" in e["aliases"]]
    assert len(otan) == 1 and {"OTAN", "Otan"} <= set(otan[0]["aliases"])


def test_xref_entity_by_any_alias(capsys: pytest.CaptureFixture[str], seeds_index: Path) -> None:
    answers = []
    for name in ("Peskov", "Dmitri Peskov", "dmitri-peskov"):
        code, out, _ = run(
            capsys, "xref", "--entity", name, "--json", "--index-dir", str(seeds_index)
        )
        assert code == 0
        answers.append(json.loads(out))
    assert answers[0] == answers[1] == answers[2]
    mentions = answers[0]["mentions"]
    assert len(mentions) == 6
    assert {m["article"][:3] for m in mentions} == {"000", "001", "004"}
    records = export(capsys, seeds_index)
    for m in mentions:
        assert records[m["article"]]["text"][m["start"] : m["end"]] == m["text"]
        assert m["text"] in m["context"]


def test_xref_article_lists_the_reprint(
    capsys: pytest.CaptureFixture[str], seeds_index: Path
) -> None:
    code, out, _ = run(
        capsys,
        "xref",
        "--article",
        "000_6bf6beea00a5e93c",
        "--json",
        "--index-dir",
        str(seeds_index),
    )
    assert code == 0
    related = json.loads(out)["related"]
    by_id = {r["article"]: r for r in related}
    assert related[0]["article"] == "002_e6fe87bdf2942d1d"
    records = export(capsys, seeds_index)
    mine, other = records["000_6bf6beea00a5e93c"]["text"], records["002_e6fe87bdf2942d1d"]["text"]
    passages = by_id["002_e6fe87bdf2942d1d"]["shared_passages"]
    texts = [mine[p["start"] : p["end"]] for p in passages]
    assert any(
        "deux heures et cinq minutes" in t or "Joe Biden et Vladimir Poutine" in t for t in texts
    )
    assert any("plus grandes banques russes" in t for t in texts)
    for p in passages:
        assert 0 < p["similarity"] <= 1
        a = mine[p["start"] : p["end"]].split()
        b = other[p["other_start"] : p["other_end"]].split()
        assert set(a[:3]) & set(b[:6])


def test_search_json_and_offsets(capsys: pytest.CaptureFixture[str], seeds_index: Path) -> None:
    code, out, _ = run(capsys, "search", "banques", "--json", "--index-dir", str(seeds_index))
    assert code == 0
    result = json.loads(out)
    assert sorted(h["article"][:3] for h in result["hits"]) == ["000", "002"]
    records = export(capsys, seeds_index)
    for h in result["hits"]:
        text = records[h["article"]]["text"]
        assert h["matches"]
        for m in h["matches"]:
            assert text[m["start"] : m["end"]].casefold().startswith("banque")


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("title:kremlin", ["004"]),
        ("idiot AND twitter", ["000", "002"]),
        ("Zelensky OR Finlande", ["002"]),
        ("entity:Peskov", ["000", "001", "004"]),
        ("GENÈVE", ["001", "002", "003"]),
    ],
)
def test_search_cases(
    capsys: pytest.CaptureFixture[str], seeds_index: Path, query: str, expected: list[str]
) -> None:
    code, out, _ = run(
        capsys, "search", query, "--json", "--limit", "10", "--index-dir", str(seeds_index)
    )
    assert code == 0
    assert sorted(h["article"][:3] for h in json.loads(out)["hits"]) == expected


def test_rejected_query_is_a_usage_error(
    capsys: pytest.CaptureFixture[str], seeds_index: Path
) -> None:
    code, out, err = run(capsys, "search", "title:", "--index-dir", str(seeds_index))
    assert code == 2 and out == ""
    assert "query" in err and "Traceback" not in err


def test_no_results_is_success(capsys: pytest.CaptureFixture[str], seeds_index: Path) -> None:
    code, out, err = run(capsys, "search", "xylophone", "--index-dir", str(seeds_index))
    assert code == 0 and out == "" and "no results" in err  # piped: nothing on stdout


def test_unknown_path_and_unknown_entity(
    capsys: pytest.CaptureFixture[str], seeds_index: Path
) -> None:
    code, _, err = run(capsys, "export", "/nonexistent/folder")
    assert code == 2 and "no such file" in err
    code, _, err = run(capsys, "xref", "--entity", "Nobody Atall", "--index-dir", str(seeds_index))
    assert code == 2 and "no entity" in err


def test_usage_errors_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["xref"])
    assert exc.value.code == 2
    assert main(["search"]) == 2


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    for argv in (["--version"], ["search", "--version"], ["export", "--version"]):
        with pytest.raises(SystemExit) as exc:
            main(argv)
        assert exc.value.code == 0
        assert __version__ in capsys.readouterr().out


def test_folder_named_like_a_subcommand(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "search"
    folder.mkdir()
    (folder / "a.txt").write_text("Le maire de Lyon a présenté le budget.", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    code, out, _ = run(capsys, "export", "./search", "--index-dir", str(tmp_path / "ix"))
    assert code == 0 and json.loads(out)["id"] == "a"


def test_index_summary_when_not_a_terminal(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    corpus = tmp_path / "c"
    corpus.mkdir()
    (corpus / "a.txt").write_text("Le maire de Lyon a présenté le budget.", encoding="utf-8")
    (corpus / "b.bin").write_bytes(b"\x00\x01")
    code, _, err = run(capsys, "index", str(corpus), "--index-dir", str(tmp_path / "ix"))
    assert code == 0
    assert "1 added" in err and "1 skipped" in err and "b.bin" in err
    code, _, err = run(capsys, "index", str(corpus), "--index-dir", str(tmp_path / "ix"))
    assert code == 0 and "up to date" in err


def test_installed_command_runs_as_a_process(seeds_index: Path) -> None:
    exe = Path(sys.executable).with_name("reader")
    if not exe.exists():
        pytest.skip(f"the reader command is not installed beside {sys.executable}")
    env = {**os.environ, "READER_INDEX_DIR": str(seeds_index)}
    proc = subprocess.run(
        [str(exe), "search", "Finlande", "--json"],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["hits"][0]["article"] == "002_e6fe87bdf2942d1d"
    proc = subprocess.run(
        [sys.executable, "-m", "reader", "--version"], capture_output=True, text=True, timeout=60
    )
    assert proc.returncode == 0 and __version__ in proc.stdout
