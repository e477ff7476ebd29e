"""The French analyzer: offsets into the original text, folding, elisions, stemming."""

from __future__ import annotations

import pickle

import pytest

from reader.domain.search.analysis import (
    FrenchFoldFilter,
    FrenchStemFilter,
    FrenchTokenizer,
    entity_analyzer,
    entity_term,
    fold_token,
    french_analyzer,
)


def analyse(text: str, stem: bool = True) -> list[tuple[str, int, int, int]]:
    return [
        (t.text, t.pos, t.startchar, t.endchar)
        for t in french_analyzer(stem=stem)(text, positions=True, chars=True)
    ]


def terms(text: str) -> list[str]:
    return [t[0] for t in analyse(text)]


def test_offsets_point_into_the_original_text() -> None:
    text = "L’Ukraine et GENÈVE, jusqu’à l'OTAN."
    toks = analyse(text)
    assert [text[s:e] for _, _, s, e in toks] == ["Ukraine", "et", "GENÈVE", "à", "OTAN"]


@pytest.mark.parametrize(
    "elided",
    [
        "l’",
        "l'",
        "d’",
        "d'",
        "qu’",
        "jusqu’",
        "lorsqu’",
        "n’",
        "s’",
        "c’",
        "j’",
        "m’",
        "t’",
        "L’",
        "QU'",
    ],
)
def test_elisions_are_split_off_and_dropped(elided: str) -> None:
    text = f"{elided}exemple"
    [(term, pos, start, end)] = analyse(text)
    assert term == terms("exemple")[0]
    assert text[start:end] == "exemple"
    assert pos == 0


def test_elisions_take_no_position_so_phrases_match_with_or_without() -> None:
    with_elision = [t[1] for t in analyse("près de l’Ukraine")]
    assert with_elision == [0, 1, 2]
    assert terms("près de l’Ukraine") == terms("près de Ukraine")


def test_a_word_with_an_inner_apostrophe_stays_whole() -> None:
    [(term, _, s, e)] = analyse("aujourd’hui")
    assert (s, e) == (0, 11)
    assert term == terms("aujourd'hui")[0]


def test_case_and_accents_fold() -> None:
    assert terms("Genève") == terms("geneve") == terms("GENÈVE") == terms("GENEVE")
    assert terms("cœur") == terms("coeur")


def test_decomposed_accents_and_zero_width_characters_do_not_split_words() -> None:
    decomposed = "Gene\u0301ve"
    zero_width = "Gen\u200bève"
    soft_hyphen = "Ge\u00adnève"
    for text in (decomposed, zero_width, soft_hyphen):
        toks = analyse(text)
        assert len(toks) == 1, text
        assert toks[0][0] == terms("Genève")[0]
        assert (toks[0][2], toks[0][3]) == (0, len(text))


def test_nfkc_normalisation() -> None:
    assert fold_token("ﬁnance") == "finance"  # ligature
    assert fold_token("Ｐｏｕｔｉｎｅ") == "poutine"  # full width


@pytest.mark.parametrize(
    ("singular", "plural"),
    [
        ("ligne", "lignes"),
        ("rouge", "rouges"),
        ("sanction", "sanctions"),
        ("banque", "banques"),
        ("journal", "journaux"),
        ("cheval", "chevaux"),
        ("président", "présidents"),
        ("négociation", "négociations"),
    ],
)
def test_stemming_maps_singular_and_plural_together(singular: str, plural: str) -> None:
    assert terms(singular) == terms(plural)


def test_unstemmed_analysis_keeps_whole_folded_words() -> None:
    assert [t[0] for t in analyse("Les Lignes ROUGES", stem=False)] == ["les", "lignes", "rouges"]


def test_hyphens_and_punctuation_split_words() -> None:
    text = "Est-Ouest, «\u00a0idiot\u00a0»"
    assert [text[s:e] for _, _, s, e in analyse(text)] == ["Est", "Ouest", "idiot"]


def test_stop_words_are_optional_and_keep_positions() -> None:
    an = french_analyzer(stoplist=["le", "de"])
    toks = [(t.text, t.pos) for t in an("le prix de la paix", positions=True)]
    assert [p for _, p in toks] == [1, 3, 4]


def test_query_mode_without_tokenising_drops_an_elision() -> None:
    an = french_analyzer()
    [tok] = list(an("l'Ukr", tokenize=False, chars=True))
    assert tok.text == "ukr"


def test_wildcards_are_not_stemmed() -> None:
    an = french_analyzer()
    assert [t.text for t in an("lign?s", tokenize=False)] == ["lign?s"]


def test_entity_terms_fold_ids_and_aliases_together() -> None:
    assert entity_term("Dmitri Peskov") == entity_term("dmitri-peskov") == "dmitri_peskov"
    assert entity_term("DMITRI  PESKOV") == "dmitri_peskov"
    assert entity_term("Maison-Blanche") == "maison_blanche"
    assert [t.text for t in entity_analyzer()("Peskov\nDmitri Peskov\n\n")] == [
        "peskov",
        "dmitri_peskov",
    ]


def test_analyzer_pickles_round_trip() -> None:
    an = french_analyzer()
    again = pickle.loads(pickle.dumps(an))
    assert [t.text for t in again("Les lignes rouges")] == terms("Les lignes rouges")
    data = pickle.dumps(an)
    for cls in (FrenchTokenizer, FrenchFoldFilter, FrenchStemFilter):
        assert cls.__name__.encode() in data
    assert b"reader.domain.search.analysis" in data


def test_huge_token_is_fast() -> None:
    import time

    start = time.perf_counter()
    toks = analyse("x" * 1_000_000 + " mot")
    assert [t[0] for t in toks] == ["mot"]  # over-long "words" are not indexed
    assert time.perf_counter() - start < 1.0


def test_fast_term_iteration_agrees_with_the_analyzer() -> None:
    from reader.domain.search.analysis import iter_terms

    text = (
        "L’Ukraine, jusqu’à GENÈVE et Gene\u0301ve; Gen\u200bève aujourd’hui qu’il "
        "lignes rouges œuvre d’ Est-Ouest 2021 ﬁnance"
    )
    for stem in (True, False):
        assert list(iter_terms(text, stem)) == [(t, s, e) for t, _, s, e in analyse(text, stem)]
