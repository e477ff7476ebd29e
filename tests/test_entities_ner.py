"""Extraction with the real `fr_core_news_sm` model (loaded once for the module)."""

from __future__ import annotations

import pytest

from reader.domain.entities.ner import MAX_CHUNK, MODEL_VERSION, Extractor, chunks
from reader.domain.model import Article


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    ex = Extractor()
    _ = ex.nlp
    return ex


def make(aid: str, title: str, body: str, derived: bool = False) -> Article:
    paras, pos = [], 0
    for part in body.split("\n\n"):
        paras.append((pos, pos + len(part)))
        pos += len(part) + 2
    return Article(aid, f"{aid}.txt", title, body, paras, title_derived=derived)


def test_only_ner_runs(extractor: Extractor) -> None:
    assert extractor.nlp.pipe_names == ["ner"]
    assert "fr_core_news_sm" in MODEL_VERSION and "3.8.0" in MODEL_VERSION


def test_offsets_map_back_through_curly_apostrophes_and_glue(extractor: Extractor) -> None:
    body = (
        "Le président\u00a0Emmanuel Macron a reçu l’ancien chancelier Olaf Scholz à l’Élysée.\n\n"
        "MISE À JOUR 2Olaf Scholz a quitté Paris mardi. L’ONU a salué la rencontre."
    )
    art = make("a", "", body)
    ms = extractor.extract([art])[0]
    for m in ms:
        assert art.text[m.start : m.end] == m.text
    got = {(m.text, m.label) for m in ms}
    assert ("Emmanuel Macron", "PER") in got
    assert ("Olaf Scholz", "PER") in got
    assert ("Paris", "LOC") in got
    assert any(t == "ONU" for t, _ in got)
    assert not any(t.startswith(("l’", "L’", "MISE", "président")) for t, _ in got)


def test_title_case_headline(extractor: Extractor) -> None:
    body = "Selon Dupont, la réforme sera votée en mars à Lyon. Dupont prévient."
    art = make("h", "Le Ministre Dupont Annonce Une Réforme Majeure À Lyon", body)
    ms = [m for m in extractor.extract([art])[0] if m.field == "title"]
    for m in ms:
        assert art.title[m.start : m.end] == m.text
    assert {m.text for m in ms} <= {"Dupont", "Lyon"}
    assert "Dupont" in {m.text for m in ms}


def test_derived_title_is_not_annotated_twice(extractor: Extractor) -> None:
    body = "Angela Merkel a quitté Berlin."
    art = make("d", body, body, derived=True)
    ms = extractor.extract([art])[0]
    assert {m.field for m in ms} == {"text"}


def test_sentence_initial_verb_is_rejected_with_the_morphologizer(extractor: Extractor) -> None:
    body = "Appelant au calme, Olaf Scholz a parlé à Berlin."
    ms = extractor.extract([make("v", "", body)])[0]
    assert "Appelant" not in {m.text for m in ms}
    assert extractor.pos_of(body, 0, 8) == "VERB"


def test_multiprocessing_gives_the_same_mentions(extractor: Extractor) -> None:
    body = "\n\n".join(
        f"Le maire de Lyon a rencontré Anne Hidalgo à Paris, jour {i}." for i in range(12)
    )
    arts = [make(f"m{i}", "", body) for i in range(2)]
    one = extractor.extract(arts, batch_size=2, n_process=1)
    two = extractor.extract(arts, batch_size=2, n_process=2)
    assert one == two and one[0]


def test_long_paragraphs_are_chunked_at_sentences() -> None:
    sentence = "Le chat dort. "
    text = sentence * (MAX_CHUNK // len(sentence) * 2 + 10)
    parts = list(chunks(text, 0, len(text)))
    assert len(parts) >= 3
    assert all(e - s <= MAX_CHUNK for s, e in parts)
    assert all(text[s:e].endswith(".") for s, e in parts[:-1])
    assert list(chunks("abc", 0, 3)) == [(0, 3)]


def test_title_case_headline_common_words_are_not_names(extractor: Extractor) -> None:
    body = "Le gouvernement a présenté sa réforme à Lyon, a indiqué Claire Dupont."
    art = make(
        "g", "Grève Nationale : Le Gouvernement Et Claire Dupont Reprennent Le Dialogue", body
    )
    ms = [m.text for m in extractor.extract([art])[0] if m.field == "title"]
    assert "Grève Nationale" not in ms and "Gouvernement" not in ms


def test_pos_context_keeps_the_first_words_and_their_spaces() -> None:
    from reader.domain.entities.ner import POS_CONTEXT_WORDS, _pos_context

    text = "Intro.\nAppelant  au calme, le chef a parlé à Berlin devant la foule.\nSuite."
    got = _pos_context(text, 7)
    assert got.startswith("Appelant  au calme,") and got.endswith(" ")
    assert len(got.split()) == POS_CONTEXT_WORDS and "Suite" not in got
    assert _pos_context("Court texte", 0) == "Court texte"


def test_batched_tags_on_the_first_words_are_the_full_sentence_tags(
    extractor: Extractor,
) -> None:
    """The tagger sees four tokens either side: tagging the first words of a sentence gives
    its first word the tag a one-by-one tagging of the whole sentence gives."""
    nlp = extractor.nlp
    sentences = [
        "Appelant au calme, Olaf Scholz a parlé à Berlin devant une foule nombreuse.",
        "Reste que la réforme, votée en mars par une courte majorité, divise encore.",
        "Starmer s’envolera ensuite pour Washington, où il rencontrera le président.",
        "Lancée en 2019, la plateforme compte aujourd’hui des millions d’utilisateurs.",
        "Bruxelles a finalement tranché après des semaines de négociations tendues.",
    ]

    def whole(sentence: str) -> str:
        doc = nlp.make_doc(sentence.replace("’", "'"))
        nlp.get_pipe("tok2vec")(doc)
        nlp.get_pipe("morphologizer")(doc)
        return str(doc[0].pos_)

    batched = Extractor()
    batched._nlp = nlp  # same model, empty cache
    assert batched.pos_many([(s, 0) for s in sentences]) == [whole(s) for s in sentences]


def test_cues_are_the_label_cues_of_the_mentions(extractor: Extractor) -> None:
    from reader.domain.entities.repair import label_cue

    body = (
        "Le porte-parole du Kremlin, Dmitri Peskov, a répondu à M. Starmer.\n\n"
        "L’agence Reuters cite la Maison Blanche et l’OTAN à Bruxelles."
    )
    art = make("c", "Peskov répond à Londres", body)
    cues: list[dict[tuple[str, int, int], str | None]] = []
    found = extractor.extract([art], cues=cues)[0]
    assert len(cues) == 1 and found
    assert cues[0] == {
        (m.field, m.start, m.end): label_cue(
            art.title if m.field == "title" else art.text, m.start, m.end
        )
        for m in found
    }


def test_numpy_matrix_products_give_the_same_mentions(extractor: Extractor) -> None:
    body = "\n\n".join(
        [
            "Le président Emmanuel Macron a reçu lundi à l’Élysée le chancelier Olaf Scholz.",
            "Selon l’agence Reuters, la Commission européenne prépare une réponse à Pékin.",
            "Appelant au calme, la maire de Paris, Anne Hidalgo, a réuni les élus du Conseil.",
        ]
    )
    arts = [make("n", "Macron et Scholz à Paris", body)]
    numpy_gemm = Extractor(numpy_gemm=True)
    assert numpy_gemm.extract(arts) == extractor.extract(arts)


def test_a_derived_title_takes_no_mentions_of_its_own(extractor: Extractor) -> None:
    """A title derived from the lede repeats the text: its names are found in the text only
    (acronyms and names the text gives included), never counted twice."""
    body = (
        "Grève des contrôleurs\u00a0: la DGAC demande aux compagnies de réduire leurs vols\n\n"
        "La Direction générale de l'aviation civile (DGAC) a publié un avis jeudi à Lyon."
    )
    title = body.split("\n\n")[0][:60] + "…"
    raw = extractor.extract([make("a", title, body, derived=True)])[0]
    assert [m.text for m in raw if m.field == "title"] == []
    assert "DGAC" in [m.text for m in raw if m.field == "text"]
