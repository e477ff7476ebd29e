"""Whoosh imported without `urllib.request`, `asyncio` and the English morphology tables
(`reader.domain.search.lean_imports`): nothing Whoosh needs is missing, nothing else is
affected."""

from __future__ import annotations

import inspect
import subprocess
import sys
import textwrap
import types
from pathlib import Path

import pytest

from reader.domain.search import SearchIndex
from reader.domain.search.documents import IndexDoc
from reader.domain.search.lean_imports import StandIn, deferred, real_module, standing_in


def _run(code: str) -> str:
    """Run `code` in a fresh interpreter (nothing imported yet) and return its stdout."""
    done = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)],
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout.strip()


def test_importing_search_leaves_out_the_unused_modules() -> None:
    out = _run(
        """
        import sys
        import reader.domain.search
        from reader.domain.search.lean_imports import StandIn
        heavy = ["urllib.request", "http.client", "email.parser", "asyncio", "cached_property",
                 "whoosh.lang.morph_en"]
        print(sorted(m for m in heavy if m in sys.modules))
        print(sorted(n for n, m in sys.modules.items() if isinstance(m, StandIn)))
        """
    )
    assert out.splitlines() == ["[]", "[]"]


def test_real_modules_are_imported_normally_afterwards() -> None:
    out = _run(
        """
        import reader.domain.search
        import urllib.request, cached_property, whoosh.lang.morph_en
        print(callable(urllib.request.urlopen),
              hasattr(cached_property, "threaded_cached_property"),
              callable(whoosh.lang.morph_en.variations))
        """
    )
    assert out == "True True True"


def test_deferred_urlretrieve_really_downloads(tmp_path: Path) -> None:
    import whoosh.compat

    source = tmp_path / "a.txt"
    source.write_text("bonjour", encoding="utf-8")
    target = tmp_path / "b.txt"
    whoosh.compat.urlretrieve(source.as_uri(), str(target))
    assert target.read_text(encoding="utf-8") == "bonjour"


def test_deferred_variations_equal_the_real_ones() -> None:
    import whoosh.lang.morph_en
    import whoosh.query.terms

    for word in ("render", "index", "search", "rapid"):
        assert whoosh.query.terms.variations(word) == whoosh.lang.morph_en.variations(word)


def test_whoosh_cached_properties_are_plain_methods() -> None:
    """The stand-in's `cached_property` is `functools.cached_property`, which equals the
    package's for plain methods only: every one Whoosh defines must be one."""
    import functools

    import whoosh

    found = []
    for name, module in list(sys.modules.items()):
        if not name.startswith("whoosh") or module is None:
            continue
        for obj in vars(module).values():
            if not isinstance(obj, type) or obj.__module__ != name:
                continue
            for attr in vars(obj).values():
                if isinstance(attr, functools.cached_property):
                    assert not inspect.iscoroutinefunction(attr.func)
                    found.append(attr.attrname)
    assert "deleted_docs_set" in found
    assert whoosh.reading.SegmentReader.deleted_docs_set.__class__ is functools.cached_property


def test_deleted_docs_set_is_cached_and_right(tmp_path: Path) -> None:
    index = SearchIndex.create(tmp_path / "ix")
    docs = [
        IndexDoc(id=f"a{i}", path=f"a{i}.txt", title=f"titre {i}", text=f"texte {i}")
        for i in range(3)
    ]
    index.update(docs)
    index.update([], delete=["a1"])
    reader = index._current().reader()
    leaf = reader.leaf_readers()[0][0] if not reader.is_atomic() else reader
    deleted = leaf.deleted_docs_set
    assert isinstance(deleted, frozenset) and len(deleted) == 1
    assert leaf.__dict__["deleted_docs_set"] is deleted  # cached on the instance
    assert {h.article for h in index.search("texte", 10).hits} == {"a0", "a2"}
    index.close()


def test_stand_in_answers_other_attributes_from_the_real_module(tmp_path: Path) -> None:
    pkg = tmp_path / "lean_probe_pkg"
    pkg.mkdir()
    (pkg / "__init__.py").write_text("", encoding="utf-8")
    (pkg / "heavy.py").write_text("LOADED = True\ndef f(x):\n    return x * 2\n", "utf-8")
    (pkg / "user.py").write_text("from lean_probe_pkg.heavy import f\n", encoding="utf-8")
    sys.path.insert(0, str(tmp_path))
    try:
        stand_in = StandIn("lean_probe_pkg.heavy", {"f": deferred("lean_probe_pkg.heavy", "f")})
        with standing_in([stand_in]):
            import lean_probe_pkg.user

            assert sys.modules["lean_probe_pkg.heavy"] is stand_in
            assert not hasattr(stand_in, "__path__")  # not mistaken for a package
            assert stand_in.LOADED is True  # any other attribute: the real module, loaded now
            assert isinstance(sys.modules["lean_probe_pkg.heavy"], types.ModuleType)
            assert sys.modules["lean_probe_pkg.heavy"] is not stand_in
        assert lean_probe_pkg.user.f(21) == 42
        assert real_module("lean_probe_pkg.heavy").f(2) == 4
    finally:
        sys.path.remove(str(tmp_path))
        for name in [n for n in sys.modules if n.startswith("lean_probe_pkg")]:
            del sys.modules[name]


def test_stand_in_not_placed_over_a_loaded_module() -> None:
    import json

    with standing_in([StandIn("json", {})]):
        assert sys.modules["json"] is json
    assert sys.modules["json"] is json


@pytest.mark.parametrize("name", ["__path__", "__spec_extra__"])
def test_stand_in_dunders_do_not_import(name: str) -> None:
    stand_in = StandIn("some.module.never.imported", {})
    with pytest.raises(AttributeError):
        getattr(stand_in, name)
