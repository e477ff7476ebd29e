"""Command palette providers: articles, entities and themes (entries are untrusted text).

Textual's `Matcher.highlight` parses its candidate as markup, so these providers build their
own `Content` from plain strings and style the fuzzy-matched characters themselves.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import partial
from typing import TYPE_CHECKING, Any

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content

from reader.domain.sanitize import sanitize_inline
from reader.domain.textnorm import strip_accents

if TYPE_CHECKING:
    from reader.ui.app import ReaderApp

MAX_DISCOVERY = 30


def _display(candidate: str, offsets: Sequence[int] = ()) -> Content:
    content = Content(candidate)
    for offset in offsets:
        if 0 <= offset < len(candidate) and not candidate[offset].isspace():
            content = content.stylize("bold underline", offset, offset + 1)
    return content


def fold_chars(text: str) -> str:
    """`text` lower-cased without accents, one character for one (offsets stay valid)."""
    out = []
    for char in text:
        base = strip_accents(char).casefold()
        out.append(base if len(base) == 1 else char.casefold()[:1] or char)
    return "".join(out)


class _ReaderProvider(Provider):
    """Shared plumbing: a list of (text, help, callback) and fuzzy matching."""

    help_text = ""

    @property
    def reader(self) -> ReaderApp:
        return self.app  # type: ignore[return-value]

    def entries(self) -> list[tuple[str, str, Any]]:
        """(plain text, fixed help string, callback) for every candidate."""
        raise NotImplementedError

    async def discover(self) -> Hits:
        """A few entries with an empty query."""
        for text, help_text, callback in self.entries()[:MAX_DISCOVERY]:
            yield DiscoveryHit(_display(text), callback, text=text, help=help_text)

    async def search(self, query: str) -> Hits:
        """Entries fuzzily matching `query`, accents and case ignored (`Possiveis` finds
        `Possíveis`, as in the merge dialog)."""
        matcher = self.matcher(query)
        folded_query = fold_chars(query)
        for text, help_text, callback in self.entries():
            score, offsets = matcher.fuzzy_search.match(folded_query, fold_chars(text))
            if score > 0:
                yield Hit(score, _display(text, offsets), callback, text=text, help=help_text)


class ArticlesProvider(_ReaderProvider):
    """Open an article by title."""

    def entries(self) -> list[tuple[str, str, Any]]:
        """Every article: 'Article: title'."""
        lib = self.reader.library
        if lib is None:
            return []
        out = []
        for aid in lib.order():
            text = "Article: " + sanitize_inline(lib.info(aid).title)[:120]
            out.append((text, "open this article", partial(self.reader.open_from_palette, aid)))
        return out


class EntitiesProvider(_ReaderProvider):
    """Go to an entity's first mention."""

    def entries(self) -> list[tuple[str, str, Any]]:
        """Every visible entity: 'Entity: name (LABEL)'."""
        lib = self.reader.library
        if lib is None:
            return []
        out = []
        for ent in lib.visible_entities():
            text = f"Entity: {sanitize_inline(ent.name)[:80]} ({ent.label})"
            help_text = f"{ent.mentions} mentions in {len(ent.articles)} articles"
            out.append((text, help_text, partial(self.reader.goto_entity, ent.id)))
        return out


class ThemesProvider(_ReaderProvider):
    """Switch to one of the reader's themes."""

    def entries(self) -> list[tuple[str, str, Any]]:
        """Every loaded theme: 'Theme: name'."""
        return [
            (
                f"Theme: {sanitize_inline(name)}",
                "use this colour theme",
                partial(self.reader.set_reader_theme, name),
            )
            for name in self.reader.reader_themes
        ]
