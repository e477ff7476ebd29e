"""Import Whoosh without the standard-library modules it loads but never uses on our path.

Importing Whoosh costs ~45 ms that buys nothing for a search: `whoosh.compat` does
``from urllib.request import urlretrieve`` (which loads `http.client`, `email`, `ssl`, `socket`:
~16 ms), `whoosh.reading` does ``from cached_property import cached_property`` (the
`cached_property` package imports `asyncio`: ~13 ms) and `whoosh.query.terms` does
``from whoosh.lang.morph_en import variations`` (compiles a large English regex: ~5 ms). None of
those is called by a search, an update or an index check of ours.

`whoosh_imported()` imports Whoosh with *stand-ins* for those three modules, present in
`sys.modules` only while Whoosh's modules are being imported (and only for a module not already
loaded), then removed, so later imports elsewhere get the real modules:

* ``urllib.request``: `urlretrieve` is a function that imports the real module and calls the
  real `urlretrieve` (Whoosh uses it nowhere on our path; it still works if called).
* ``whoosh.lang.morph_en``: the same for `variations` (the `Variations` query, which our parser
  never builds, still works).
* ``cached_property``: its `cached_property` is `functools.cached_property`, which caches the
  value in the instance's ``__dict__`` under the method's name exactly as the package does for a
  plain method (the package differs only for coroutine methods; Whoosh's one use,
  `SegmentReader.deleted_docs_set`, is a plain method, which a test checks).

Any other attribute asked of a stand-in (by a thread that imported one of those modules during
the window) imports the real module and answers from it, so a stand-in is never wrong, only
late. `tests/test_search_lean_imports.py` checks all of this.
"""

from __future__ import annotations

import functools
import importlib
import sys
import threading
import types
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

#: Serialises the window (stand-ins in `sys.modules`) and a stand-in's loading of its module.
_LOCK = threading.RLock()


class StandIn(types.ModuleType):
    """A module object standing in for module `name` until the real one is needed: the
    attributes given are its own, any other (non-dunder) attribute is read from the real
    module, imported then."""

    def __init__(self, name: str, attributes: dict[str, Any]) -> None:
        super().__init__(name)
        self.__dict__.update(attributes)

    def __getattr__(self, attr: str) -> Any:
        if attr.startswith("__") and attr.endswith("__"):
            # `__path__`, `__spec__`…: the import system asks these; importing for them would
            # defeat the purpose (a stand-in is never a package).
            raise AttributeError(attr)
        return getattr(real_module(self.__name__), attr)


def real_module(name: str) -> types.ModuleType:
    """Module `name` itself, imported now if needed (a stand-in in `sys.modules` is dropped
    first)."""
    with _LOCK:
        if isinstance(sys.modules.get(name), StandIn):
            del sys.modules[name]
        return importlib.import_module(name)


def deferred(module: str, attr: str) -> Callable[..., Any]:
    """A function that imports `module` on its first call and calls its `attr`."""

    def call(*args: Any, **kwargs: Any) -> Any:
        return getattr(real_module(module), attr)(*args, **kwargs)

    call.__name__ = call.__qualname__ = attr
    call.__doc__ = f"`{module}.{attr}`, imported when first called."
    return call


def stand_ins() -> list[StandIn]:
    """The stand-ins used while Whoosh is imported (new objects each call)."""
    return [
        StandIn("urllib.request", {"urlretrieve": deferred("urllib.request", "urlretrieve")}),
        StandIn("cached_property", {"cached_property": functools.cached_property}),
        StandIn(
            "whoosh.lang.morph_en", {"variations": deferred("whoosh.lang.morph_en", "variations")}
        ),
    ]


@contextmanager
def standing_in(modules: list[StandIn]) -> Iterator[None]:
    """Put each of `modules` in `sys.modules` (unless its module is already imported) for the
    duration of the block, then take out those still there."""
    with _LOCK:
        placed = []
        for module in modules:
            if module.__name__ not in sys.modules:
                sys.modules[module.__name__] = module
                placed.append(module)
        try:
            yield
        finally:
            for module in placed:
                if sys.modules.get(module.__name__) is module:
                    del sys.modules[module.__name__]


def whoosh_imported() -> None:
    """Import the Whoosh modules the search package uses, with the stand-ins (a no-op once
    Whoosh is imported)."""
    if "whoosh.searching" in sys.modules:
        return
    with standing_in(stand_ins()):
        for name in (
            "whoosh.compat",
            "whoosh.reading",
            "whoosh.query",
            "whoosh.index",
            "whoosh.qparser",
            "whoosh.searching",
        ):
            importlib.import_module(name)
