"""The cross-reference panel: the selected entity's card and mentions, and related articles.

The mentions listed are a window around the current one (`MENTION_WINDOW` rows, the current
one marked ▶) so that "Related articles" is a few rows down, not past every mention; a row at
either end of the window lists them all. `escape` clears the entity (the related articles of
the article come back).
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass
from typing import Any, ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from reader.domain.model import Entity, Field, MentionRef, Relation
from reader.domain.quotes.types import Quote
from reader.ui.messages import ClearEntity, CompareRequested, JumpRequested
from reader.ui.quote_marks import QuoteJumpRequested
from reader.ui.quote_rows import (
    MAX_QUOTE_ROWS,
    QuoteRow,
    entity_quote_rows,
    quote_card,
    same_quote_rows,
)
from reader.ui.styles import LABEL_NAMES, EntityStyles
from reader.ui.text import highlight_span, plain, shorten

MAX_MENTION_ROWS = 1000
#: Mention rows listed around the current mention before "… more" rows.
MENTION_WINDOW = 4
#: An entity's quotations listed (from the first in the current article) before a "… more" row:
#: a speaker quoted 200 times would otherwise push everything else off the panel, and every
#: rebuild of the panel would lay out each of them again.
QUOTE_WINDOW = 3
CURRENT_MARK = "▶ "
#: Characters of context around a listed mention (the whole list fits a screen or two).
MENTION_CONTEXT = 110


@dataclass(frozen=True, slots=True)
class Target:
    """Where a panel row leads."""

    article: str
    field: Field = "text"
    offset: int | None = None
    related: bool = False
    quote: bool = False
    expand: bool = False  # the "… more mentions" row: list them all
    expand_quotes: bool = False  # the "… more quotations" row: list them all


class XrefOptions(OptionList):
    """Rows of the panel (j/k move, enter jumps, c compares)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j", "cursor_down", "Down", show=False, id="cursor.down"),
        Binding("k", "cursor_up", "Up", show=False, id="cursor.up"),
        Binding("g", "first", "Top", show=False, id="cursor.top"),
        Binding("G", "last", "Bottom", show=False, id="cursor.bottom"),
        Binding("c", "compare", "Compare", id="compare"),
        Binding("escape", "clear_entity", "Clear entity", show=False, id="selection.clear"),
    ]

    def action_clear_entity(self) -> None:
        """`escape`: forget the selected entity; the article's related articles come back."""
        self.post_message(ClearEntity())

    def action_compare(self) -> None:
        """`c`: compare the current article with the highlighted related one."""
        parent = self.parent
        if isinstance(parent, XrefPanel):
            parent.compare_highlighted()


class XrefPanel(Vertical):
    """Entity card + mentions across the corpus + related articles; rows jump on enter/click."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.library: Any = None
        self.styles_set = EntityStyles.from_theme(None)
        self.article: str | None = None
        self.entity: Entity | None = None
        self._refs: list[MentionRef] = []
        self._refs_pending = False
        self._refs_total = 0
        self._relations: list[Relation] = []
        self._relations_pending = False
        self._targets: dict[str, Target] = {}
        self._ref_index: dict[tuple[str, str, int], str] = {}
        self._rows: dict[str, Text] = {}  # mention rows without the mark
        self._current: tuple[str, str, int] | None = None
        self._current_oid: str | None = None
        self._expanded = False
        self._quotes_expanded = False
        #: the selected quotation, the places carrying it, and the entity's quotations
        self.quote: Quote | None = None
        self._same: list[Quote] = []
        self._speaker_name: str | None = None
        self._entity_quotes: list[Quote] = []
        self._quote_index: dict[tuple[str, str, int], str] = {}

    def compose(self) -> ComposeResult:
        """The card and the rows."""
        yield Static(
            Text("Select a mention (e, enter or a click) to see where else it appears."),
            id="card",
            markup=False,
        )
        yield XrefOptions(id="xref", markup=False)

    @property
    def options(self) -> XrefOptions:
        """The rows widget."""
        return self.query_one(XrefOptions)

    def targets(self) -> list[Target]:
        """Targets of the rows, in order (for tests and the palette)."""
        options = self.options
        out = []
        for index in range(options.option_count):
            oid = options.get_option_at_index(index).id
            if oid and oid in self._targets:
                out.append(self._targets[oid])
        return out

    # -- content ----------------------------------------------------------------------------
    def show_article(
        self, article_id: str, relations: list[Relation] | None, *, rebuild: bool = True
    ) -> None:
        """Show what the article as a whole relates to (clears the entity section).

        `relations` None means they are still being found (see `set_relations`); without
        `rebuild`, the rows are left for the `show_entity` that follows (one layout, not two).
        """
        self.article = article_id
        self.entity = None
        self.quote = None
        self._refs = []
        self._refs_pending = False
        self._refs_total = 0
        self._relations = relations or []
        self._relations_pending = relations is None
        if rebuild:
            self._rebuild()

    def set_relations(self, article_id: str, relations: list[Relation]) -> None:
        """The related articles of `article_id` have been found: list them (keeps the rest)."""
        if article_id != self.article:
            return
        options = self.options
        keep = options.highlighted_option.id if options.highlighted_option else None
        self._relations = relations
        self._relations_pending = False
        self._rebuild()
        if keep is not None and not keep.startswith("r"):
            with contextlib.suppress(Exception):  # the row is gone: leave the highlight
                options.highlighted = options.get_option_index(keep)

    def show_entity(
        self,
        entity: Entity | None,
        refs: list[MentionRef] | None,
        quotes: list[Quote] | None = None,
        *,
        total: int | None = None,
    ) -> None:
        """Show `entity`'s card, its quotations and its mentions above the related articles.

        `refs` are its first mentions in reading order (None: still being found, "finding…"
        is listed); `total` how many it has in all (default: as many as `refs`)."""
        if entity is None or self.entity is None or entity.id != self.entity.id:
            self._expanded = False
            self._quotes_expanded = False
            self._current = None
        self.entity = entity
        self.quote = None
        self._refs_pending = refs is None
        self._refs = refs or []
        self._refs_total = len(self._refs) if total is None else max(total, len(self._refs))
        self._entity_quotes = quotes or []
        self._rebuild()

    def show_quote(self, quote: Quote, same: list[Quote], speaker_name: str | None) -> None:
        """Show a selected quotation: who said it and every article carrying it."""
        self.quote = quote
        self.entity = None
        self._same = same or [quote]
        self._speaker_name = speaker_name
        self._rebuild()

    def set_current(self, article: str, fld: Field, start: int) -> None:
        """Mark the mention at (`article`, `fld`, `start`) as the current one and move the row
        cursor to it (the window of listed mentions follows it)."""
        self._current = (article, fld, start)
        oid = self._ref_index.get(self._current)
        if oid is None and self.entity is not None:
            self._rebuild()
            oid = self._ref_index.get(self._current)
        if oid is None:
            return
        self._mark(oid)
        self.options.highlighted = self.options.get_option_index(oid)

    @property
    def current_row(self) -> str | None:
        """The id of the row marked as the current mention (for tests)."""
        return self._current_oid

    def _mark(self, oid: str | None) -> None:
        """Put the ▶ mark on row `oid` (and take it off the previous one)."""
        options = self.options
        previous, self._current_oid = self._current_oid, oid
        for row_id, marked in ((previous, False), (oid, True)):
            if row_id is None or row_id not in self._rows:
                continue
            prompt = Text(CURRENT_MARK if marked else "  ", "bold" if marked else "")
            prompt.append_text(self._rows[row_id])
            with contextlib.suppress(Exception):  # the row is gone
                options.replace_option_prompt(row_id, prompt)

    def _window(self) -> tuple[int, int]:
        """The slice of mentions to list: all when expanded or few, else around the current."""
        count = min(len(self._refs), MAX_MENTION_ROWS)
        if self._expanded or count <= MENTION_WINDOW + 1:
            return 0, count
        here = 0
        if self._current is not None:
            for i, ref in enumerate(self._refs[:count]):
                if (ref.article, ref.field, ref.start) == self._current:
                    here = i
                    break
        start = max(0, min(here - MENTION_WINDOW // 3, count - MENTION_WINDOW))
        return start, start + MENTION_WINDOW

    def _quote_window(self) -> tuple[int, int]:
        """The slice of the entity's quotations to list: all when expanded or few, else a few
        from the first one in the current article (or from the first)."""
        count = min(len(self._entity_quotes), MAX_QUOTE_ROWS)
        if self._quotes_expanded or count <= QUOTE_WINDOW + 1:
            return 0, count
        here = next(
            (i for i, q in enumerate(self._entity_quotes[:count]) if q.article == self.article), 0
        )
        start = max(0, min(here, count - QUOTE_WINDOW))
        return start, start + QUOTE_WINDOW

    def set_current_quote(self, article: str, fld: Field, start: int) -> None:
        """Move the row cursor to the quotation at (`article`, `fld`, `start`), if listed."""
        oid = self._quote_index.get((article, fld, start))
        if oid is not None:
            self.options.highlighted = self.options.get_option_index(oid)

    def _title(self, article_id: str) -> str:
        try:
            return str(self.library.info(article_id).title)
        except (KeyError, AttributeError):
            return article_id

    def _entity_name(self, entity_id: str) -> str:
        ent = self.library.entities.get(entity_id) if self.library is not None else None
        return str(ent.name) if ent is not None else entity_id

    def _card(self) -> Text:
        if self.quote is not None:
            return quote_card(self.quote, self._speaker_name, len(self._same))
        ent = self.entity
        if ent is None:
            card = Text()
            if self.article is not None and self.library is not None:
                try:  # hidden entities left out
                    mentions = [
                        *self.library.title_mentions(self.article),
                        *self.library.text_mentions(self.article),
                    ]
                except Exception:
                    mentions = []
                entities = len({m.entity for m in mentions})
                card.append(f"This article: {len(mentions)} mentions of {entities} entities\n")
            card.append("Select a mention (e, enter, click) to follow it across articles.", "dim")
            return card
        card = Text()
        card.append_text(plain(ent.name, self.styles_set.label(ent.label)))
        card.append(f"  {ent.label} · {LABEL_NAMES.get(ent.label, '')}", "dim")
        card.append(f"\n{ent.mentions} mentions in {len(ent.articles)} articles", "")
        aliases = [a for a in ent.aliases if a != ent.name]
        if aliases:
            card.append("\nalso: ", "dim")
            card.append_text(plain(", ".join(aliases[:8]) + (" …" if len(aliases) > 8 else "")))
        return card

    def _rebuild(self) -> None:
        self.query_one("#card", Static).update(self._card())
        options: list[Option | None] = []
        self._targets = {}
        self._ref_index = {}
        self._rows = {}
        self._current_oid = None
        self._quote_index = {}
        if self.quote is not None:
            heading = f"Same quotation ({len(self._same)})"
            options.append(Option(Text(heading, "bold"), disabled=True))
            self._add_quote_rows(options, same_quote_rows(self.library, self._same, self.article))
        if self.entity is not None and self._entity_quotes:
            options.append(
                Option(Text(f"Quotes ({len(self._entity_quotes)})", "bold"), disabled=True)
            )
            first, last = self._quote_window()
            if first > 0:
                options.append(self._more_quotes_row(f"… {first} earlier: list all"))
            shown_quotes = self._entity_quotes[first:last]
            rows = entity_quote_rows(self.library, shown_quotes, self.article)
            self._add_quote_rows(options, rows)
            more = min(len(self._entity_quotes), MAX_QUOTE_ROWS) - last
            if more > 0:
                options.append(self._more_quotes_row(f"… {more} more: list all"))
        if self.entity is not None:
            shown = self._refs[:MAX_MENTION_ROWS]
            heading = f"Mentions ({self._refs_total})"
            if self._refs_total > len(shown) and not self._refs_pending:
                heading += f", first {len(shown)} listed"
            options.append(Option(Text(heading, "bold"), disabled=True))
            if self._refs_pending:
                options.append(Option(Text("  finding…", "dim"), disabled=True))
            first, last = self._window()
            if first > 0:
                options.append(self._more_row("more-before", f"… {first} earlier: list all"))
            label_style = self.styles_set.label(self.entity.label)
            previous = None
            for i in range(first, last):
                ref = shown[i]
                oid = f"m{i}"
                if ref.article != previous:
                    previous = ref.article
                    heading_row = Text("▸ " if ref.article == self.article else "· ", "bold")
                    heading_row.append_text(plain(shorten(self._title(ref.article), 70), "dim"))
                    options.append(Option(heading_row, disabled=True))
                row = highlight_span(ref.context, ref.text, label_style, limit=MENTION_CONTEXT)
                self._rows[oid] = row
                key = (ref.article, ref.field, ref.start)
                marked = key == self._current
                prompt = Text(CURRENT_MARK if marked else "  ", "bold" if marked else "")
                prompt.append_text(row)
                options.append(Option(prompt, id=oid))
                if marked:
                    self._current_oid = oid
                self._targets[oid] = Target(ref.article, ref.field, ref.start)
                self._ref_index[key] = oid
            if last < len(shown):
                options.append(
                    self._more_row("more-after", f"… {len(shown) - last} later: list all")
                )
        if self.article is not None:
            if self._relations_pending:
                options.append(Option(Text("Related articles", "bold"), disabled=True))
                options.append(Option(Text("  finding…", "dim"), disabled=True))
            else:
                options.append(
                    Option(
                        Text(f"Related articles ({len(self._relations)})", "bold"), disabled=True
                    )
                )
            if not self._relations and not self._relations_pending:
                options.append(Option(Text("  none found", "dim"), disabled=True))
            for i, rel in enumerate(self._relations):
                oid = f"r{i}"
                row = plain(shorten(self._title(rel.article), 70), "bold")
                reasons = []
                if rel.shared_entities:
                    names = [self._entity_name(e) for e in rel.shared_entities[:5]]
                    more = len(rel.shared_entities) - len(names)
                    reasons.append("shares " + ", ".join(names) + (f" +{more}" if more > 0 else ""))
                if rel.shared_passages:
                    n = len(rel.shared_passages)
                    reasons.append(f"{n} shared passage{'s' if n != 1 else ''} (c compares)")
                if reasons:
                    row.append("\n")
                    row.append_text(plain(" · ".join(reasons), "dim"))
                options.append(Option(row, id=oid))
                self._targets[oid] = Target(rel.article, related=True)
        widget = self.options
        widget.set_options(options)
        cursor = next((i for i, o in enumerate(options) if o is not None and not o.disabled), None)
        if self._current_oid is not None:
            cursor = widget.get_option_index(self._current_oid)
        widget.highlighted = cursor

    def _more_row(self, oid: str, label: str) -> Option:
        """A row that lists every mention when chosen."""
        self._targets[oid] = Target("", expand=True)
        return Option(Text(label, "dim italic"), id=oid)

    def _more_quotes_row(self, label: str) -> Option:
        """A row that lists every quotation of the entity when chosen."""
        oid = f"more-quotes-{len(self._targets)}"
        self._targets[oid] = Target("", expand_quotes=True)
        return Option(Text(label, "dim italic"), id=oid)

    def _add_quote_rows(self, options: list[Option | None], rows: list[QuoteRow]) -> None:
        for row, article, fld, start in rows:
            oid = f"q{len([k for k in self._targets if k.startswith('q')])}"
            options.append(Option(row, id=oid))
            self._targets[oid] = Target(article, fld, start, quote=True)
            self._quote_index.setdefault((article, fld, start), oid)

    # -- actions ----------------------------------------------------------------------------
    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        """Enter or click on a row jumps there."""
        event.stop()
        target = self._targets.get(event.option.id or "")
        if target is not None and (target.expand or target.expand_quotes):
            if target.expand:
                self._expanded = True
            else:
                self._quotes_expanded = True
            self._rebuild()
            return
        if target is not None and target.quote and target.offset is not None:
            self.post_message(QuoteJumpRequested(target.article, target.field, target.offset))
        elif target is not None:
            self.post_message(JumpRequested(target.article, target.field, target.offset))

    def compare_highlighted(self) -> None:
        """Ask for the compare view with the highlighted row's article."""
        option = self.options.highlighted_option
        target = self._targets.get(option.id or "") if option else None
        if (
            target is None
            or target.expand
            or target.expand_quotes
            or target.article == self.article
        ):
            self.app.notify(
                "Highlight a related article (or another article's mention) to compare.",
                severity="warning",
                timeout=3,
            )
            return
        self.post_message(CompareRequested(target.article))
