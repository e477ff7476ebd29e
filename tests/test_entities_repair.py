"""Span repair rules, each on sentences written for the purpose (no model needed)."""

from __future__ import annotations

import re

import pytest

from reader.domain.entities.normalize import lowercase_vocabulary
from reader.domain.entities.repair import (
    Span,
    cut_glue,
    is_sentence_start,
    label_cue,
    recover,
    repair,
    split_newlines,
    strip_leading,
)


def span(text: str, sub: str, label: str = "PER", nth: int = 0) -> Span:
    starts = [m.start() for m in re.finditer(re.escape(sub), text)]
    s = starts[nth]
    return (s, s + len(sub), label)


def run(text: str, spans: list[Span], pos: dict[str, str] | None = None) -> list[tuple[str, str]]:
    def pos_of(t: str, s: int, e: int) -> str | None:
        return (pos or {}).get(t[s:e])

    out = repair(
        text,
        spans,
        field="text",
        lower_words=lowercase_vocabulary(text),
        pos_of=pos_of,
        line_starts=[0] + [m.end() for m in re.finditer(r"\n+", text)],
    )
    for m in out:
        assert text[m.start : m.end] == m.text
    return [(m.text, m.label) for m in out]


@pytest.mark.parametrize(
    ("text", "raw", "want"),
    [
        ("Hier, M. Durand a parlé.", "M. Durand", "Durand"),
        ("Selon Mme Lefèvre, rien.", "Mme Lefèvre", "Lefèvre"),
        ("Il a vu Mgr Aubert.", "Mgr Aubert", "Aubert"),
        ("Le président Lemoine arrive.", "président Lemoine", "Lemoine"),
        (
            "Le président brésilien Carlos Souza arrive.",
            "président brésilien Carlos Souza",
            "Carlos Souza",
        ),
        ("Le premier ministre Jean Roux parle.", "premier ministre Jean Roux", "Jean Roux"),
        ("La porte-parole Anne Petit a dit non.", "porte-parole Anne Petit", "Anne Petit"),
    ],
)
def test_titles_come_off_and_mark_a_person(text: str, raw: str, want: str) -> None:
    assert run(text, [span(text, raw, "MISC")]) == [(want, "PER")]


@pytest.mark.parametrize(
    ("text", "raw", "want"),
    [
        ("Il critique l’ONU depuis longtemps.", "l’ONU", "ONU"),
        ("Il critique l'ONU depuis longtemps.", "l'ONU", "ONU"),
        ("Les membres d’Europol sont là.", "d’Europol", "Europol"),
        ("Il dit qu’Airbus a gagné.", "qu’Airbus", "Airbus"),
        ("Il parle de la Banque mondiale.", "la Banque mondiale", "Banque mondiale"),
    ],
)
def test_articles_and_elisions_come_off(text: str, raw: str, want: str) -> None:
    assert [t for t, _ in run(text, [span(text, raw, "ORG")])] == [want]


@pytest.mark.parametrize("raw", ["qu’", "n’", "s’", "Qu'", "Il", "Cela", "Quels"])
def test_function_words_are_not_names(raw: str) -> None:
    text = f"Alors {raw} arrive. {raw} arrive."
    assert run(text, [span(text, raw, "LOC", 1)]) == []


def test_hyphenated_pair_of_known_names_is_split() -> None:
    text = "Dupont parle à Martin. Le sommet Dupont-Martin a eu lieu. Le Royaume-Uni observe."
    spans = [
        span(text, "Dupont"),
        span(text, "Martin"),
        span(text, "Dupont-Martin"),
        span(text, "Royaume-Uni", "LOC"),
    ]
    got = run(text, spans)
    assert got.count(("Dupont", "PER")) == 2 and got.count(("Martin", "PER")) == 2
    assert ("Royaume-Uni", "LOC") in got


def test_glued_digit_is_cut() -> None:
    text = "MISE À JOUR 3Jean Dupont est arrivé."
    assert cut_glue(text, span(text, "3Jean Dupont")) == span(text, "Jean Dupont")
    assert run(text, [span(text, "JOUR 3Jean Dupont")]) == [("Jean Dupont", "PER")]


def test_shouted_header_prefix_is_cut() -> None:
    text = "MISE À JOUR 2: La Commission européenne a tranché."
    got = run(text, [span(text, "MISE À JOUR 2: La Commission européenne", "MISC")])
    assert got == [("Commission européenne", "ORG")]


def test_span_across_paragraphs_is_cut() -> None:
    text = "Il visite la Pologne\n\nVarsovie est calme."
    assert split_newlines(text, span(text, "Pologne\n\nVarsovie", "LOC")) == [
        span(text, "Pologne", "LOC"),
        span(text, "Varsovie", "LOC"),
    ]
    assert [t for t, _ in run(text, [span(text, "Pologne\n\nVarsovie", "LOC")])] == [
        "Pologne",
        "Varsovie",
    ]


def test_sentence_initial_common_words_are_rejected() -> None:
    text = "Signe des temps, la signe est là. Réclamant la paix, il part. Madrid répond."
    spans = [
        span(text, "Signe", "LOC"),
        span(text, "Réclamant", "LOC"),
        span(text, "Madrid", "LOC"),
    ]
    got = run(text, spans, pos={"Réclamant": "VERB", "Madrid": "PROPN"})
    assert got == [("Madrid", "LOC")]


def test_sentence_start_detection() -> None:
    text = "Fin. « Oui », dit-il : Non"
    assert is_sentence_start(text, 0)
    assert is_sentence_start(text, text.index("Oui"))
    assert is_sentence_start(text, text.index("Non"))
    assert not is_sentence_start(text, text.index("dit"))


def test_demonyms_are_rejected() -> None:
    text = "Les Brésiliens et les Allemands votent ; la presse brésilienne et allemande aussi."
    spans = [span(text, "Brésiliens", "MISC"), span(text, "Allemands", "MISC")]
    assert run(text, spans) == []
    text2 = "Le gouvernement italien et les Italiens."
    assert run(text2, [span(text2, "Italiens", "PER")]) == []


def test_lowercase_phrases_and_title_only_spans_are_rejected() -> None:
    text = "La guerre froide est finie. Le Premier ministre parle."
    assert (
        run(text, [span(text, "guerre froide", "MISC"), span(text, "Premier ministre", "MISC")])
        == []
    )


def test_trailing_punctuation_and_trailing_adjective() -> None:
    text = "Il a appelé Nairobi, puis l’État kényan."
    got = run(text, [span(text, "Nairobi,", "LOC"), span(text, "État kényan", "LOC")])
    assert got == [("Nairobi", "LOC")]


def test_time_zone_is_not_an_organisation() -> None:
    text = "La conférence aura lieu à 20h00 CET devant la presse."
    assert run(text, [span(text, "CET", "ORG")]) == []
    assert recover(text, [], [0]) == []


def test_structural_label_cues() -> None:
    text = (
        "Selon M. Kowalski, le porte-parole du Quai, et l’agence de presse Anadolu, "
        "la Maison Rouge."
    )
    assert label_cue(text, *span(text, "Kowalski")[:2]) == "PER"
    assert label_cue(text, *span(text, "Quai")[:2]) == "ORG"
    assert label_cue(text, *span(text, "Anadolu")[:2]) == "ORG"
    assert label_cue(text, *span(text, "Maison Rouge")[:2]) == "ORG"


def test_agency_enumeration_is_organisations() -> None:
    text = "selon les agences Anadolu, Kyodo et Yonhap."
    for name in ("Anadolu", "Kyodo", "Yonhap"):
        assert label_cue(text, *span(text, name)[:2]) == "ORG"


def test_recovery_of_datelines_acronyms_names_after_honorific_and_domains() -> None:
    text = "PARIS (AFP) - Le chef de la CEDEAO a reçu M. Ouattara, selon exemple.org."
    got = {(text[s:e], lab) for s, e, lab in recover(text, [], [0])}
    assert ("PARIS", "LOC") in got and ("AFP", "ORG") in got
    assert ("CEDEAO", "ORG") in got
    assert ("Ouattara", "PER") in got
    assert ("exemple.org", "ORG") in got


def test_shouted_words_are_not_acronyms() -> None:
    text = "ALERTE INFO : le vote a eu lieu. UPDATE 3: la suite."
    assert recover(text, [], [0]) == []


def test_institution_of_place_is_split() -> None:
    text = "Le Brésil vote. Le Conseil de défense nationale du Brésil a parlé."
    spans = [
        span(text, "Brésil", "LOC"),
        span(text, "Conseil de défense nationale du Brésil", "ORG"),
    ]
    got = run(text, spans)
    assert ("Conseil de défense nationale", "ORG") in got
    assert got.count(("Brésil", "LOC")) == 2


def test_strip_leading_reports_person_cue() -> None:
    text = "Le président Moreau"
    (s, e, _), cue = strip_leading(text, (0, len(text), "PER"))
    assert text[s:e] == "Moreau" and cue == "PER"


def test_plural_demonym_labelled_as_place_is_rejected_but_not_plural_countries() -> None:
    text = (
        "Le ministre allemand parle. Les Allemands votent. La presse philippine et les Philippines."
    )
    got = run(text, [span(text, "Allemands", "LOC"), span(text, "Philippines", "LOC")])
    assert got == [("Philippines", "LOC")]


def test_repair_in_steps_asks_each_question_once_and_matches_repair() -> None:
    from reader.domain.entities.repair import repair_steps, run_repair

    text = (
        "Appelant au calme, Olaf Scholz a parlé.\n\nReste Berlin. Scholz partira demain.\n\n"
        "Paris accueille l’OTAN."
    )
    spans = [
        span(text, "Appelant", "PER"),
        span(text, "Olaf Scholz", "PER"),
        span(text, "Reste", "LOC"),
        span(text, "Berlin", "LOC"),
        span(text, "Paris", "LOC"),
    ]
    tags = {"Appelant": "VERB", "Reste": "VERB", "Paris": "PROPN"}
    asked: list[list[str]] = []

    def tag(queries: list[tuple[int, int]]) -> list[str | None]:
        asked.append([text[s:e] for s, e in queries])
        return [tags.get(text[s:e]) for s, e in queries]

    lower = lowercase_vocabulary(text)
    starts = [0] + [m.end() for m in re.finditer(r"\n+", text)]
    steps = repair_steps(text, spans, field="text", lower_words=lower, line_starts=starts)
    stepped = run_repair(steps, tag)
    assert stepped == repair(
        text,
        spans,
        field="text",
        lower_words=lower,
        pos_of=lambda t, s, e: tags.get(t[s:e]),
        line_starts=starts,
    )
    # one batch; `Reste` (a function word) needs no tagger
    assert asked == [["Appelant", "Paris"]]
    assert {m.text for m in stepped} >= {"Olaf Scholz", "Berlin", "Paris"}
    assert not {"Appelant", "Reste"} & {m.text for m in stepped}
