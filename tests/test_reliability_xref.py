"""Issue 14.13: `reader xref --entity` on a 1 MB file of one-word lines took 6 minutes — each
mention's context scanned every sentence. Contexts are now found by bisecting sentence offsets;
the check below compares the growth of the time with the number of lines (a complexity check,
not a speed test: see `complexity.check_linear`)."""

from __future__ import annotations

from complexity import check_linear
from reader.domain.model import Article, Mention
from reader.domain.xref.mentions import context_line, entity_mentions


def one_word_lines(lines: int) -> tuple[Article, list[Mention]]:
    """An article of `lines` paragraphs of one word each, every one a mention of `kremlin`."""
    word = "Kremlin"
    text = "\n\n".join([word] * lines)
    step = len(word) + 2
    mentions = [
        Mention("text", i * step, i * step + len(word), word, "ORG", "kremlin")
        for i in range(lines)
    ]
    paragraphs = [(i * step, i * step + len(word)) for i in range(lines)]
    article = Article("a", "a.txt", "Titre", text, paragraphs)
    return article, mentions


def _contexts(data: tuple[Article, list[Mention]]) -> None:
    article, mentions = data
    refs = entity_mentions("kremlin", [article], {"a": mentions})
    assert len(refs) == len(mentions) and refs[-1].context == "Kremlin"


def test_contexts_of_every_mention_grow_linearly_with_the_lines() -> None:
    check_linear(_contexts, one_word_lines, "contexts of one-word lines")


def test_a_megabyte_of_one_word_lines_is_handled() -> None:
    lines = 2**20 // len("Kremlin\n\n")
    _contexts(one_word_lines(lines))


def test_the_context_is_the_sentence_holding_the_mention() -> None:
    text = "Premier. Le Kremlin a parlé. Fin ici."
    start = text.index("Kremlin")
    assert context_line(text, start, start + 7) == "Le Kremlin a parlé."
    # between sentences (no span holds it): the mention alone
    assert context_line("Oui.   Non.", 5, 6) == ""
    assert context_line("Oui.   Non.", 2, 9) == "Oui. No"  # the first sentence + the mention
