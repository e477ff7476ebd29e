"""The jump history behind ctrl+o / ctrl+i (a pure list with a cursor, like a browser's)."""

from __future__ import annotations

from dataclasses import dataclass

from reader.domain.model import Field

MAX_HISTORY = 200


@dataclass(frozen=True, slots=True)
class Location:
    """A place in the corpus: an article, optionally a mention or offset in one of its fields."""

    article: str
    field: Field = "text"
    offset: int | None = None


class History:
    """Back and forward stacks of locations."""

    def __init__(self) -> None:
        self._back: list[Location] = []
        self._forward: list[Location] = []

    def push(self, here: Location | None) -> None:
        """Record `here` before a jump elsewhere (clears the forward stack)."""
        if here is None:
            return
        if not self._back or self._back[-1] != here:
            self._back.append(here)
            del self._back[:-MAX_HISTORY]
        self._forward.clear()

    def back(self, here: Location | None) -> Location | None:
        """Where ctrl+o goes, remembering `here` for forward."""
        if not self._back:
            return None
        target = self._back.pop()
        if here is not None:
            self._forward.append(here)
        return target

    def forward(self, here: Location | None) -> Location | None:
        """Where ctrl+i goes, remembering `here` for back."""
        if not self._forward:
            return None
        target = self._forward.pop()
        if here is not None:
            self._back.append(here)
        return target

    @property
    def can_back(self) -> bool:
        """True when ctrl+o has somewhere to go."""
        return bool(self._back)

    @property
    def can_forward(self) -> bool:
        """True when ctrl+i has somewhere to go."""
        return bool(self._forward)
