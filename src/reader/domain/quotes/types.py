"""Plain data types of quotations (no behaviour)."""

from __future__ import annotations

from dataclasses import dataclass

from reader.domain.model import Field


@dataclass(frozen=True, slots=True)
class RawQuote:
    """A quotation found in one article, before entity ids are known.

    `speaker_span` is the `(start, end)` of the mention (in the same field) that names the
    speaker when the speaker is an entity; the entity id is looked up from it when the article's
    linked mentions are read."""

    field: Field
    start: int
    end: int
    text: str
    speaker: str | None
    speaker_span: tuple[int, int] | None
    cue: str | None
    speaker_label: str | None = None
    #: the field of `speaker_span` when it is not the quotation's own (None: the same)
    speaker_field: Field | None = None


@dataclass(frozen=True, slots=True)
class Quote:
    """A quotation with its speaker's entity id (SPEC §3 `quotes`)."""

    article: str
    field: Field
    start: int
    end: int
    text: str
    speaker: str | None
    speaker_entity: str | None
    cue: str | None


@dataclass(frozen=True, slots=True)
class QuoteRef:
    """One member of a group of the same quotation across articles."""

    article: str
    index: int  # position of the quote in its article's list
