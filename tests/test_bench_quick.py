"""The benchmark suite's quick mode runs end to end and prints every row (no timings checked)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

EXPECTED = [
    "floor: read the files",
    "floor: Whoosh index, no NER",
    "naive: spaCy full pipeline",
    "floor: spaCy NER alone",
    "cold build with spaCy NER",
    "re-index, nothing changed",
    "search p50 / p95, word queries",
    "search p50 / p95, phrase queries",
    "search p50 / p95, entity queries",
    "`reader search` process",
    "first paint (process start",
    "first useful frame, headless",
    "first useful frame, real terminal",
    "memory: app with the corpus open",
    "`]` on the most common entity",
    "re-index, 1 % changed",
    "open the 20,000-word article with 2,000 mentions",
    "`]` on it",
]


@pytest.mark.slow
def test_bench_quick_prints_every_row(tmp_path: Path) -> None:
    out = tmp_path / "bench.json"
    proc = subprocess.run(
        [sys.executable, "-m", "bench", "--quick", "--json", str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    table = [line for line in proc.stdout.splitlines() if line.startswith("| ")]
    for what in EXPECTED:
        assert any(what in line for line in table), what
    data = json.loads(out.read_text(encoding="utf-8"))
    assert {r["what"].split(" (")[0] for r in data["rows"]}
    assert data["sizes"] == [50]
