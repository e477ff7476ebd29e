"""Named-entity extraction with spaCy's `fr_core_news_sm`, loaded lazily, NER only.

`fr_core_news_sm` 3.8 has its own embedded tok2vec inside `ner` (only `morphologizer` and
`parser` listen to the shared `tok2vec`), so the pipeline runs `ner` alone; `tok2vec` and
`morphologizer` stay loaded but disabled and are run by hand only on the few sentences whose
first word needs a part-of-speech check (about 2.5× faster than the full pipeline): the repair
rules of a whole batch of articles ask for them together (`repair.repair_steps`), and only the
first words of each sentence are tagged (`POS_CONTEXT_WORDS`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from typing import Any

from reader.domain.entities.boundaries import is_rubric_at
from reader.domain.entities.names import is_word_edge
from reader.domain.entities.normalize import (
    capitalised_vocabulary,
    is_title_case,
    lowercase_vocabulary,
    normalize,
    sentence_case,
)
from reader.domain.entities.repair import PosQueries, RepairSteps, Span, repair_steps
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

#: the `label_cue` of an article's mentions, by `(field, start, end)`
Cues = dict[tuple[Field, int, int], "str | None"]

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


#: Words of context a part-of-speech check keeps. The tagger (`tok2vec`: window 1, depth 4,
#: then a per-token softmax) sees four tokens either side, so the tag of a sentence's first
#: word depends on its first five tokens only: tagging the first words tags it exactly as
#: tagging the whole sentence (200 characters, the old context) did, at a fraction of the cost.
POS_CONTEXT_WORDS = 8

_CONTEXT_WORD = re.compile(r"\S+\s*")


def _pos_context(text: str, start: int) -> str:
    """The normalised context in which the word at `start` is tagged: the rest of its line,
    at most 200 characters and `POS_CONTEXT_WORDS` space-separated words (with the spaces
    after them, so that no token's features change)."""
    stop = text.find("\n", start)
    stop = len(text) if stop < 0 else stop
    sent = normalize(text[start : min(stop, start + 200)]).text
    end = 0
    for n, m in enumerate(_CONTEXT_WORD.finditer(sent), 1):
        end = m.end()
        if n == POS_CONTEXT_WORDS:
            return sent[:end]
    return sent


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

    def __init__(self, model: str = MODEL_NAME, *, numpy_gemm: bool = False) -> None:
        """`numpy_gemm`: the model's matrix products go through numpy's BLAS instead of
        thinc's bundled BLIS (about 3× faster on x86-64 with one BLAS thread; only for a
        process whose numpy was started with one BLAS thread, such as the pipeline's
        extraction workers, as a threaded BLAS spins on every small product)."""
        self.model = model
        self.numpy_gemm = numpy_gemm
        self._nlp: Any = None
        self._pos_cache: dict[str, str | None] = {}

    @property
    def nlp(self) -> Any:
        """The loaded spaCy pipeline (NER enabled; tok2vec and morphologizer disabled)."""
        if self._nlp is None:
            import spacy

            nlp = spacy.load(
                self.model,
                exclude=["parser", "attribute_ruler", "lemmatizer", "senter"],
                disable=["tok2vec", "morphologizer"],
            )
            if self.numpy_gemm:
                from thinc.api import NumpyOps

                ops = NumpyOps(use_blis=False)
                for _name, pipe in nlp.components:
                    for layer in getattr(getattr(pipe, "model", None), "walk", list)():
                        layer.ops = ops
            self._nlp = nlp
        return self._nlp

    # -- part of speech on demand ---------------------------------------------------------
    def pos_of(self, text: str, start: int, end: int) -> str | None:
        """The model's POS of the word at `text[start:end]`, tagged in its sentence."""
        return self.pos_many([(text, start)])[0]

    def pos_many(self, words: Sequence[tuple[str, int]]) -> list[str | None]:
        """The model's POS of the word starting at `start` of `text`, for each `(text, start)`,
        tagged in its sentence: the words' contexts run through tok2vec and morphologizer
        together (one call per batch costs about what one call per word did)."""
        nlp = self.nlp
        if "morphologizer" not in nlp.component_names:
            return [None] * len(words)
        contexts = [_pos_context(text, start) for text, start in words]
        todo = sorted({c for c in contexts if c not in self._pos_cache})
        if todo:
            docs = [nlp.make_doc(c) for c in todo]
            docs = list(nlp.get_pipe("tok2vec").pipe(docs, batch_size=256))
            docs = list(nlp.get_pipe("morphologizer").pipe(docs, batch_size=256))
            for c, doc in zip(todo, docs, strict=True):
                self._pos_cache[c] = doc[0].pos_ if len(doc) else None
        return [self._pos_cache[c] for c in contexts]

    # -- extraction -----------------------------------------------------------------------
    def extract(
        self,
        articles: Sequence[Article],
        batch_size: int = 32,
        n_process: int = 1,
        cues: list[Cues] | None = None,
    ) -> list[list[RawMention]]:
        """Raw mentions of each article (title then text), offsets into `article.title` /
        `article.text` so that `article.text[m.start:m.end] == m.text`.

        `cues`, when given, receives one dict per article: the `label_cue` of each mention,
        by `(field, start, end)` (so that linking need not compute them again)."""
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
        # every article's title and text repaired side by side, so that the words whose part
        # of speech decides are tagged together
        steps: list[RepairSteps] = []
        field_cues: list[tuple[dict[tuple[int, int], str | None], ...]] = []
        for art, spans in zip(articles, raw, strict=True):
            lower = lowercase_vocabulary(art.title + "\n" + art.text)
            title_cues: dict[tuple[int, int], str | None] = {}
            text_cues: dict[tuple[int, int], str | None] = {}
            field_cues.append((title_cues, text_cues))
            steps.append(
                repair_steps(
                    art.title, spans["title"], field="title", lower_words=lower, cues=title_cues
                )
            )
            steps.append(
                repair_steps(
                    art.text,
                    spans["text"],
                    field="text",
                    lower_words=lower,
                    line_starts=[ps for ps, _ in _paragraphs(art)],
                    cues=text_cues,
                )
            )
        texts_of = [t for art in articles for t in (art.title, art.text)]
        repaired = self._run_steps(steps, texts_of)
        out: list[list[RawMention]] = []
        for k, art in enumerate(articles):
            title_m, text_m = repaired[2 * k], repaired[2 * k + 1]
            if is_title_case(art.title):
                # in a Title Case headline only words the text itself capitalises are names
                names = capitalised_vocabulary(art.text)
                title_m = [
                    m
                    for m in title_m
                    if any(w in names or (w.isupper() and len(w) > 1) for w in m.text.split())
                ]
            if art.title_derived:
                # the derived title repeats the lede, whose names are the text's: the repair
                # rules (acronyms, names the text gives) must not find them a second time
                title_m = []
            else:
                title_m = title_m + names_from_text(art.title, title_m, text_m, art.text)
                title_m.sort(key=lambda m: m.start)
            out.append(title_m + text_m)
            if cues is not None:
                found = field_cues[k]
                cues.append(
                    {
                        (m.field, m.start, m.end): found[m.field == "text"].get((m.start, m.end))
                        for m in out[-1]
                    }
                )
        return out

    def _run_steps(self, steps: list[RepairSteps], texts: list[str]) -> list[list[RawMention]]:
        """Drive repairs in lock-step: each round tags the words all of them ask about at once."""
        done: list[list[RawMention] | None] = [None] * len(steps)
        asking: dict[int, PosQueries] = {}

        def advance(k: int, answer: list[str | None] | None) -> None:
            try:
                asking[k] = next(steps[k]) if answer is None else steps[k].send(answer)
            except StopIteration as stop:
                asking.pop(k, None)
                done[k] = stop.value

        for k in range(len(steps)):
            advance(k, None)
        while asking:
            order = sorted(asking)
            words = [(texts[k], s) for k in order for s, _ in asking[k]]
            tags = iter(self.pos_many(words))
            for k in order:
                advance(k, [next(tags) for _ in asking[k]])
        return [d if d is not None else [] for d in done]


def names_from_text(
    title: str, title_m: Sequence[RawMention], text_m: Sequence[RawMention], text: str
) -> list[RawMention]:
    """Names of the text the model missed in the headline (``Carrefour : bénéfice en
    recul…``, a kicker the model reads as a common noun): every whole-word occurrence in
    the headline of a mention of the text, when the text writes its first word capitalised
    in mid-sentence (evidence that it is a name), and no headline mention overlaps it."""
    taken = [(m.start, m.end) for m in title_m]
    names = capitalised_vocabulary(text)
    out: list[RawMention] = []
    seen: set[str] = set()
    for m in sorted(text_m, key=lambda m: -len(m.text)):
        if m.text in seen or not m.text.split() or m.text.split()[0] not in names:
            continue
        seen.add(m.text)
        pos = title.find(m.text)
        while pos >= 0:
            end = pos + len(m.text)
            if (
                is_word_edge(title, pos)
                and is_word_edge(title, end)
                and all(end <= a or pos >= b for a, b in taken)
                and not is_rubric_at(title, pos, end)
            ):
                out.append(RawMention("title", pos, end, m.text, m.label))
                taken.append((pos, end))
            pos = title.find(m.text, end)
    return out
