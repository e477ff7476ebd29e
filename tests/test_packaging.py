"""The wheel ships the seeds and themes inside the package, and the command works from it."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "build",
            "--wheel",
            "--no-isolation",
            "--outdir",
            str(out),
            str(ROOT),
        ],
        check=True,
        capture_output=True,
    )
    (found,) = out.glob("*.whl")
    return found


def test_wheel_contains_seeds_themes_and_styles(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    seeds = sorted(p.name for p in (ROOT / "seeds").glob("*.txt"))
    assert seeds, "the repository must carry seeds/"
    for name in seeds:
        assert f"reader/data/seeds/{name}" in names
    themes = sorted(p.name for p in (ROOT / "themes").iterdir() if p.is_file())
    assert themes, "the repository must carry themes/"
    for name in themes:
        assert f"reader/data/themes/{name}" in names
    assert any(n.startswith("reader/ui/") and n.endswith(".tcss") for n in names)
    assert "reader/cli.py" in names


def test_wheel_seeds_are_verbatim(wheel: Path) -> None:
    with zipfile.ZipFile(wheel) as zf:
        for path in (ROOT / "seeds").glob("*.txt"):
            assert zf.read(f"reader/data/seeds/{path.name}") == path.read_bytes()


def test_wheel_entry_point(wheel: Path) -> None:
    with zipfile.ZipFile(wheel) as zf:
        (ep,) = [n for n in zf.namelist() if n.endswith("entry_points.txt")]
        assert "reader = reader.cli:main" in zf.read(ep).decode()
