"""The same quotation across articles: reprints, excerpts, light rewording; the first article
to carry it by date; different speakers are never merged."""

from __future__ import annotations

from reader.domain.library import Library
from reader.domain.model import Article, Mention
from reader.domain.quotes.groups import group_quotes
from reader.domain.quotes.types import RawQuote

FULL = (
    "Nous recherchons de bonnes relations avec nos voisins. Nous n'avons jamais eu l'intention "
    "d'attaquer qui que ce soit, mais nous avons nos lignes rouges"
)


def _q(text: str, speaker: str | None = "Dmitri Peskov", label: str | None = "PER") -> RawQuote:
    return RawQuote("text", 0, len(text), text, speaker, (0, 1) if speaker else None, None, label)


def _groups(
    quotes: dict[str, list[RawQuote]], dates: dict[str, str]
) -> list[list[tuple[str, int]]]:
    found = group_quotes(quotes, lambda aid: (dates.get(aid, "9999"), aid))
    return [[(r.article, r.index) for r in g] for g in found]


def test_reprint_excerpt_and_rewording_join_one_group_first_by_date() -> None:
    quotes = {
        "a": [_q(FULL)],
        "b": [
            _q(
                "Nous n’avons jamais eu l’intention d’attaquer qui que ce "
                "soit mais nous avons des lignes rouges"
            )
        ],
        "c": [_q("Nous recherchons de bonnes relations avec nos voisins")],
        "d": [_q("Le prix du pain augmentera en janvier", "Marie Lenoir")],
    }
    groups = _groups(quotes, {"a": "2021-12-07", "b": "2021-12-06", "c": "2021-12-08"})
    assert groups == [[("b", 0), ("a", 0), ("c", 0)]]


def test_short_remark_groups_only_when_word_for_word() -> None:
    quotes = {
        "a": [_q("C’est embarrassant.", None, None)],
        "b": [_q("C'est embarrassant…", "un internaute", None)],
        "c": [_q("C'est inquiétant.", None, None)],
    }
    assert _groups(quotes, {}) == [[("a", 0), ("b", 0)]]


def test_two_people_saying_alike_are_not_merged() -> None:
    quotes = {
        "a": [_q("La situation économique du pays reste très préoccupante", "Anne Roussel")],
        "b": [_q("La situation économique du pays reste très préoccupante", "Paul Mercier")],
    }
    assert _groups(quotes, {}) == []


def _article(aid: str, text: str, date: str) -> Article:
    return Article(aid, f"{aid}.txt", f"Titre {aid}", text, [(0, len(text))], date=date)


def test_library_same_quote_and_entity_quotes() -> None:
    text_a = f"« {FULL} », a déclaré Dmitri Peskov."
    text_b = "« Nous recherchons de bonnes relations avec nos voisins », a dit Peskov."
    a = _article("a", text_a, "2021-12-07")
    b = _article("b", text_b, "2021-12-06")
    ma = Mention("text", text_a.index("Dmitri"), len(text_a) - 1, "Dmitri Peskov", "PER", "peskov")
    mb = Mention("text", text_b.index("Peskov"), len(text_b) - 1, "Peskov", "PER", "peskov")
    raw = {
        "a": [
            RawQuote(
                "text",
                2,
                2 + len(FULL),
                FULL,
                "Dmitri Peskov",
                (ma.start, ma.end),
                "a déclaré",
                "PER",
            )
        ],
        "b": [RawQuote("text", 2, 55, text_b[2:55], "Peskov", (mb.start, mb.end), "a dit", "PER")],
    }
    library = Library(
        articles={"a": a, "b": b}, mentions={"a": [ma], "b": [mb]}, entities={}, raw_quotes=raw
    )
    assert library.quotes("a")[0].speaker_entity == "peskov"
    same = library.same_quote("a", 0)
    assert [q.article for q in same] == ["b", "a"]  # b is dated first
    assert [q.article for q in library.entity_quotes("peskov")] == ["b", "a"]
    assert library.entity_quotes("someone-else") == []
