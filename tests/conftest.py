"""Shared fixtures: the seeds indexed once per session (spaCy runs once)."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"


@pytest.fixture(autouse=True)
def _isolated_user_dirs(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Config and state never touch the developer's own folders."""
    base = tmp_path_factory.getbasetemp()
    monkeypatch.setenv("READER_CONFIG_DIR", str(base / "config"))
    monkeypatch.setenv("READER_STATE_DIR", str(base / "state"))


@pytest.fixture(scope="session")
def seeds_index(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An index folder holding the bundled seeds, built once for the whole session."""
    from reader.domain import pipeline

    index = tmp_path_factory.mktemp("seeds-index")
    pipeline.update([SEEDS], index)
    return index
