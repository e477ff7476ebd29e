"""Architecture boundaries: the domain never loads Textual or Rich; start-up stays light."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src" / "reader"


def _loaded_after(code: str) -> set[str]:
    probe = f"import sys\n{code}\nprint('\\n'.join(sorted(m.split('.')[0] for m in sys.modules)))\n"
    out = subprocess.run(
        [sys.executable, "-c", probe], check=True, capture_output=True, text=True
    ).stdout
    return set(out.split())


def test_domain_imports_without_textual_rich_or_spacy() -> None:
    modules = [
        p.relative_to(SRC.parent).with_suffix("").as_posix().replace("/", ".")
        for p in (SRC / "domain").rglob("*.py")
        if p.name != "__init__.py" and "ner" not in p.name
    ]
    loaded = _loaded_after("\n".join(f"import {m}" for m in sorted(modules)))
    assert "textual" not in loaded
    assert "rich" not in loaded
    assert "spacy" not in loaded


def test_domain_source_has_no_ui_imports() -> None:
    offenders = []
    for path in (SRC / "domain").rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names: list[str] = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            for name in names:
                if name.split(".")[0] in {"textual", "rich"} or name.startswith("reader.ui"):
                    offenders.append(f"{path.name}: {name}")
    assert offenders == []


def test_cli_import_is_light() -> None:
    loaded = _loaded_after("import reader.cli")
    assert {"textual", "spacy", "whoosh", "rich"}.isdisjoint(loaded)


def test_ui_app_import_does_not_load_spacy() -> None:
    loaded = _loaded_after("import reader.ui.app")
    assert "spacy" not in loaded
    assert "textual" in loaded
