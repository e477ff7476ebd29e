"""Cross-references on the bundled seeds: reprinted lede, sanctions sentence, Peskov quote."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from reader.domain.model import Article, Mention, SharedPassage
from reader.domain.xref.mentions import entity_mentions
from reader.domain.xref.passages import find_all_passages
from reader.domain.xref.related import related_articles

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
A0, A1, A2, A3, A4 = (
    "000_6bf6beea00a5e93c",
    "001_35b26e228c482988",
    "002_e6fe87bdf2942d1d",
    "003_7572520fb8af0d53",
    "004_e6ac92f8640e14c5",
)
SANCTIONS = "les plus grandes banques russes et la capacité de Moscou à convertir les roubles"
PESKOV = "La Russie n’a jamais eu l’intention d’attaquer qui que ce soit"


def _raw_seeds() -> dict[str, str]:
    texts = {}
    for path in sorted(SEEDS.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        texts[path.stem] = re.sub(r"^ date \d{4}-\d{2} ", "", text, count=1)
    return texts


def _loaded_seeds() -> dict[str, str]:
    corpus = pytest.importorskip("reader.domain.corpus")
    loaded = corpus.load_corpus([SEEDS])
    return {a.id: a.text for a in loaded.articles}


def _covering(passages: list[SharedPassage], text: str, other: str, phrase: str) -> SharedPassage:
    """The passage whose span holds `phrase` on both sides."""
    for p in passages:
        if phrase in text[p.start : p.end] and phrase in other[p.other_start : p.other_end]:
            return p
    raise AssertionError(f"no shared passage holds {phrase!r}: {passages}")


@pytest.fixture(scope="module", params=["raw", "load_corpus"])
def seeds(request: pytest.FixtureRequest) -> dict[str, str]:
    return _raw_seeds() if request.param == "raw" else _loaded_seeds()


def test_000_and_002_share_the_lede_and_the_sanctions_sentence(seeds: dict[str, str]) -> None:
    pairs = find_all_passages(seeds)
    t0, t2 = seeds[A0], seeds[A2]
    passages = pairs[(A0, A2)]
    lede = _covering(passages, t0, t2, "deux heures et cinq minutes")
    assert "Joe Biden et Vladimir Poutine sur l’Ukraine" in t0[lede.start : lede.end]
    assert "a rapporté l’agence de presse russe RIA" in t2[lede.other_start : lede.other_end]
    assert lede.similarity >= 0.7
    sanctions = _covering(passages, t0, t2, SANCTIONS)
    assert sanctions.similarity == 1.0
    assert t0[sanctions.start : sanctions.end].endswith("en dollars et autres devises")
    assert t2[sanctions.other_start : sanctions.other_end].startswith("Les sanctions, qui, selon")


def test_peskov_quote_is_verbatim_in_000_and_001_only(seeds: dict[str, str]) -> None:
    """000 and 001 carry the same quote (with a different ending: "nos inquiétudes et nous
    avons nos lignes rouges" / "des lignes rouges"); 004 mentions a "ligne rouge" and Peskov
    but quotes none of it, so it shares no passage with them."""
    pairs = find_all_passages(seeds)
    quote = _covering(pairs[(A0, A1)], seeds[A0], seeds[A1], PESKOV)
    assert seeds[A0][quote.start : quote.end].endswith("mais nous avons")
    assert "lignes rouges" not in seeds[A0][quote.start : quote.end]
    assert (A0, A4) not in pairs and (A1, A4) not in pairs
    assert "ligne rouge" in seeds[A4] and PESKOV not in seeds[A4]


def test_unrelated_seed_pairs_share_nothing(seeds: dict[str, str]) -> None:
    pairs = find_all_passages(seeds)
    # Only these pairs share near-verbatim text (000/003: "en réponse au renforcement
    # militaire de la Russie aux frontières de l’Ukraine", quoted from the same statement).
    assert set(pairs) == {(A0, A1), (A0, A2), (A0, A3)}
    for (a, b), passages in pairs.items():
        for p in passages:
            assert seeds[a][p.start : p.end] and seeds[b][p.other_start : p.other_end]


def test_related_on_seeds_lists_002_with_its_passages() -> None:
    texts = _raw_seeds()
    articles = {
        k: Article(id=k, path=f"seeds/{k}.txt", title=k, text=t, paragraphs=[(0, len(t))])
        for k, t in texts.items()
    }
    mentions: dict[str, list[Mention]] = {}
    for k, t in texts.items():
        mentions[k] = [
            Mention("text", m.start(), m.end(), m.group(), "PER", m.group().split()[-1].lower())
            for m in re.finditer(r"(?:Dmitri )?Peskov|(?:Vladimir )?Poutine", t)
        ]
    rel = related_articles(A0, articles, mentions, {}, find_all_passages(texts))
    assert rel[0].article == A2
    assert len(rel[0].shared_passages) == 2
    assert {r.article for r in rel} == {A1, A2, A3, A4}
    peskov = entity_mentions("peskov", (articles[k] for k in sorted(articles)), mentions)
    assert [r.article for r in peskov] == [A0, A0, A1, A4, A4, A4]
    assert peskov[2].context == (
        "« La Russie n’a jamais eu l’intention d’attaquer qui que ce soit mais nous avons des "
        "lignes rouges », a assuré lundi Dmitri Peskov."
    )
