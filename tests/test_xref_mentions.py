"""Entity mentions across the corpus in reading order, with their context sentence."""

from __future__ import annotations

from reader.domain.model import Article, Mention
from reader.domain.xref._text import sentence_spans
from reader.domain.xref.mentions import (
    CONTEXT_CHARS,
    context_line,
    entity_mentions,
    entity_mentions_in,
)


def _article(aid: str, title: str, text: str) -> Article:
    paragraphs, pos = [], 0
    for para in text.split("\n\n"):
        paragraphs.append((pos, pos + len(para)))
        pos += len(para) + 2
    return Article(id=aid, path=f"{aid}.txt", title=title, text=text, paragraphs=paragraphs)


def _mention(
    article: Article, name: str, entity: str, field: str = "text", nth: int = 0
) -> Mention:
    source = article.title if field == "title" else article.text
    start = -1
    for _ in range(nth + 1):
        start = source.index(name, start + 1)
    return Mention(field, start, start + len(name), name, "PER", entity)  # type: ignore[arg-type]


def _sentences(text: str) -> list[str]:
    return [text[s:e] for s, e in sentence_spans(text)]


def test_sentence_splitter_keeps_abbreviations_initials_and_decimals() -> None:
    text = (
        "M. Biden a rencontré Mme Merkel et J. Smith à 18h00. Le conflit a fait plus de "
        "13.000 morts, soit 2,5 % de plus, etc. et rien ne change. Vraiment ? Oui !\n"
        "« C’est fini. » Il est parti… Puis il est revenu. « Quel idiot !\u00a0», a écrit Mike. "
        "« Et alors ?  » avait-il dit."
    )
    assert _sentences(text) == [
        "M. Biden a rencontré Mme Merkel et J. Smith à 18h00.",
        "Le conflit a fait plus de 13.000 morts, soit 2,5 % de plus, etc. et rien ne change.",
        "Vraiment ?",
        "Oui !",
        "« C’est fini. »",
        "Il est parti…",
        "Puis il est revenu.",
        "« Quel idiot !\u00a0», a écrit Mike.",
        "« Et alors ?  » avait-il dit.",
    ]


def test_sentence_splitter_line_breaks_and_offsets() -> None:
    text = "  Un titre sans point\n\nDeux phrases\nici. Et là.\n \n"
    spans = sentence_spans(text)
    assert [text[s:e] for s, e in spans] == ["Un titre sans point", "Deux phrases\nici.", "Et là."]
    assert sentence_spans("") == []


def test_context_is_the_sentence_on_one_line() -> None:
    text = "Premier point. Le porte-parole,\nDmitri Peskov, a parlé. Fin."
    start = text.index("Dmitri")
    assert context_line(text, start, start + 13) == "Le porte-parole, Dmitri Peskov, a parlé."


def test_long_sentence_is_trimmed_around_the_mention() -> None:
    words = " ".join(f"Mot{i}" for i in range(80))
    text = f"Début. {words} Vladimir Poutine {words}. Suite."
    start = text.index("Vladimir")
    line = context_line(text, start, start + len("Vladimir Poutine"))
    assert "Vladimir Poutine" in line
    assert line.startswith("…") and line.endswith("…")
    assert len(line) <= CONTEXT_CHARS + 2
    assert "\n" not in line
    # Cut on word boundaries: every piece is a whole word.
    for piece in line.strip("…").split():
        assert piece in {"Vladimir", "Poutine"} or piece.startswith("Mot")
    # Near the start of the sentence: no cut on the left.
    first = text.index("Mot0 ")
    line = context_line(text, first, first + 4)
    assert line.startswith("Mot0 ") and line.endswith("…")


def test_entity_mentions_in_reading_order_title_first() -> None:
    a = _article("a", "Peskov répond", "Le Kremlin parle. Dmitri Peskov a dit non. Peskov insiste.")
    b = _article("b", "Autre titre", "Rien ici sur lui.")
    c = _article("c", "Troisième", "M. Peskov, porte-parole, a parlé.\n\nPuis Poutine.")
    mentions = {
        "a": [
            _mention(a, "Peskov", "peskov", nth=1),
            _mention(a, "Dmitri Peskov", "peskov"),
            _mention(a, "Kremlin", "kremlin"),
            _mention(a, "Peskov", "peskov", field="title"),
        ],
        "c": [_mention(c, "Poutine", "poutine"), _mention(c, "Peskov", "peskov")],
    }
    refs = entity_mentions("peskov", [c, b, a], mentions)
    assert [(r.article, r.field, r.text) for r in refs] == [
        ("c", "text", "Peskov"),
        ("a", "title", "Peskov"),
        ("a", "text", "Dmitri Peskov"),
        ("a", "text", "Peskov"),
    ]
    assert refs[0].context == "M. Peskov, porte-parole, a parlé."
    assert refs[1].context == "Peskov répond"
    assert refs[2].context == "Dmitri Peskov a dit non."
    assert refs[3].context == "Peskov insiste."
    for r in refs:
        source = {"a": a, "c": c}[r.article]
        assert (source.title if r.field == "title" else source.text)[r.start : r.end] == r.text
    assert entity_mentions("nobody", [a, b, c], mentions) == []


def test_entity_mentions_with_few_contexts_reads_only_the_articles_it_needs() -> None:
    arts = {
        aid: _article(aid, f"Titre {aid}", f"Peskov parle ici. Peskov insiste à {aid}.")
        for aid in ("a", "b", "c")
    }
    mentions = {
        aid: [_mention(art, "Peskov", "peskov"), _mention(art, "Peskov", "peskov", nth=1)]
        for aid, art in arts.items()
    }
    read: list[str] = []

    def load(aid: str) -> Article:
        read.append(aid)
        return arts[aid]

    full = entity_mentions("peskov", list(arts.values()), mentions)
    few = entity_mentions_in("peskov", ["a", "b", "c"], load, mentions, contexts=3)
    assert read == ["a", "b"]  # c's mentions come after the third: no context, no text read
    assert [r.context for r in few] == [r.context for r in full[:3]] + ["", "", ""]
    assert [(r.article, r.start, r.end) for r in few] == [(r.article, r.start, r.end) for r in full]
