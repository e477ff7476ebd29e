"""Named-entity extraction with spaCy's `fr_core_news_sm`, loaded lazily, NER only.

`fr_core_news_sm` 3.8 has its own embedded tok2vec inside `ner` (only `morphologizer` and
`parser` listen to the shared `tok2vec`), so the pipeline runs `ner` alone; `tok2vec` and
`morphologizer` stay loaded but disabled and are run by hand only on the few sentences whose
first word needs a part-of-speech check (about 2.5× faster than the full pipeline).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from typing import Any

from reader.domain.entities.normalize import (
    capitalised_vocabulary,
    is_title_case,
    lowercase_vocabulary,
    normalize,
    sentence_case,
)
from reader.domain.entities.repair import Span, repair
from reader.domain.entities.version import MODEL_NAME, MODEL_PIN, MODEL_VERSION, RULES_VERSION
from reader.domain.model import Article, Field, RawMention

__all__ = [
    "MAX_CHUNK",
    "MODEL_NAME",
    "MODEL_PIN",
    "MODEL_VERSION",
    "RULES_VERSION",
    "Extractor",
    "chunks",
]

MAX_CHUNK = 100_000

_SENT_BOUNDARY = re.compile(r"(?<=[.!?…»])\s+(?=[«\"A-ZÀ-Ý])")


def chunks(text: str, start: int, end: int, limit: int = MAX_CHUNK) -> Iterator[tuple[int, int]]:
    """Split `text[start:end]` into pieces of at most `limit` characters, cutting at sentence
    boundaries when possible, else at a space, else hard."""
    while end - start > limit:
        window = text[start : start + limit]
        cut = -1
        for m in _SENT_BOUNDARY.finditer(window):
            cut = m.start()
        if cut <= 0:
            cut = window.rfind(" ")
        if cut <= 0:
            cut = limit
        yield start, start + cut
        start += cut
        while start < end and text[start].isspace():
            start += 1
    if end > start:
        yield start, end


def _paragraphs(article: Article) -> list[tuple[int, int]]:
    if article.paragraphs:
        return list(article.paragraphs)
    out: list[tuple[int, int]] = []
    pos = 0
    for line in article.text.split("\n"):
        if line.strip():
            out.append((pos, pos + len(line)))
        pos += len(line) + 1
    return out


class Extractor:
    """Finds raw entity mentions in articles; the spaCy model is loaded on first use."""

    def __init__(self, model: str = MODEL_NAME) -> None:
        self.model = model
        self._nlp: Any = None
        self._pos_cache: dict[str, list[tuple[int, str]]] = {}

    @property
    def nlp(self) -> Any:
        """The loaded spaCy pipeline (NER enabled; tok2vec and morphologizer disabled)."""
        if self._nlp is None:
            import spacy

            self._nlp = spacy.load(
                self.model,
                exclude=["parser", "attribute_ruler", "lemmatizer", "senter"],
                disable=["tok2vec", "morphologizer"],
            )
        return self._nlp

    # -- part of speech on demand ---------------------------------------------------------
    def pos_of(self, text: str, start: int, end: int) -> str | None:
        """The model's POS of the word at `text[start:end]`, tagged in its sentence."""
        nlp = self.nlp
        if "morphologizer" not in nlp.component_names:
            return None
        stop = text.find("\n", start)
        stop = len(text) if stop < 0 else stop
        stop = min(stop, start + 200)
        sent = normalize(text[start:stop]).text
        if sent not in self._pos_cache:
            doc = nlp.make_doc(sent)
            nlp.get_pipe("tok2vec")(doc)
            nlp.get_pipe("morphologizer")(doc)
            self._pos_cache[sent] = [(t.idx, t.pos_) for t in doc]
        tags = self._pos_cache[sent]
        return tags[0][1] if tags else None

    # -- extraction -----------------------------------------------------------------------
    def extract(
        self, articles: Sequence[Article], batch_size: int = 32, n_process: int = 1
    ) -> list[list[RawMention]]:
        """Raw mentions of each article (title then text), offsets into `article.title` /
        `article.text` so that `article.text[m.start:m.end] == m.text`."""
        units: list[tuple[int, Field, int, Any]] = []  # article index, field, offset, Normalized
        for i, art in enumerate(articles):
            # a derived title repeats the start of the text: its names are found there
            if art.title.strip() and not art.title_derived:
                title = art.title
                if is_title_case(title):
                    title = sentence_case(title, capitalised_vocabulary(art.text))
                units.append((i, "title", 0, normalize(title)))
            for ps, pe in _paragraphs(art):
                for cs, ce in chunks(art.text, ps, pe):
                    seg = art.text[cs:ce]
                    if is_title_case(seg) and len(seg) < 300:
                        seg = sentence_case(seg, capitalised_vocabulary(art.text))
                    units.append((i, "text", cs, normalize(seg)))
        raw: list[dict[Field, list[Span]]] = [{"title": [], "text": []} for _ in articles]
        texts = (u[3].text for u in units)
        kwargs: dict[str, Any] = {"batch_size": batch_size}
        if n_process > 1 and len(units) >= 4 * batch_size:
            kwargs["n_process"] = n_process
        for (i, fld, off, norm), doc in zip(units, self.nlp.pipe(texts, **kwargs), strict=True):
            for ent in doc.ents:
                s, e = norm.to_source(ent.start_char, ent.end_char)
                raw[i][fld].append((off + s, off + e, ent.label_))
        out: list[list[RawMention]] = []
        for art, spans in zip(articles, raw, strict=True):
            lower = lowercase_vocabulary(art.title + "\n" + art.text)
            starts = [ps for ps, _ in _paragraphs(art)]
            title_m = repair(
                art.title, spans["title"], field="title", lower_words=lower, pos_of=self.pos_of
            )
            if is_title_case(art.title):
                # in a Title Case headline only words the text itself capitalises are names
                names = capitalised_vocabulary(art.text)
                title_m = [
                    m
                    for m in title_m
                    if any(w in names or (w.isupper() and len(w) > 1) for w in m.text.split())
                ]
            text_m = repair(
                art.text,
                spans["text"],
                field="text",
                lower_words=lower,
                pos_of=self.pos_of,
                line_starts=starts,
            )
            out.append(title_m + text_m)
        return out
