"""Rules written for unseen articles, each on sentences written for the purpose, and a floor on
the held-out dev set `tests/data/entities_dev` (hand-annotated articles, never used by the
rules): the whole extractor + linker, scored like `entity_eval.py` (strict F1 on the
multiset of (surface, label) per article, and B-cubed F1 of the clustering)."""

from __future__ import annotations

import collections
import json
import re
from pathlib import Path

import pytest

from reader.domain.entities.linking import link
from reader.domain.entities.ner import Extractor
from reader.domain.entities.normalize import lowercase_vocabulary
from reader.domain.entities.repair import Span, label_cue, recover, repair, strip_edges

DEV = Path(__file__).resolve().parent / "data" / "entities_dev"
#: the broader dev set of issue 12 (30+ articles, 8+ beats, with their page mess)
BROAD = Path(__file__).resolve().parent / "data" / "entities_broad"

#: measured with the issue-12 rules: strict 0.955, B-cubed 0.978 (first rules: 0.891 / 0.966;
#: before them: 0.748 / 0.936); with the label cues of `entities/cues.py`: 0.980 / 0.978; with
#: the span rules of the third round as well (glued bylines, rubrics, headline names): 0.983 / 0.980
STRICT_FLOOR = 0.96
B3_FLOOR = 0.97
#: measured on the broad set with the issue-12 rules: strict 0.817, B-cubed 0.950, before the
#: caption/byline cleaning of issue 12 (with it, on its branch: 0.840 / 0.950); the rules of
#: issue 7 alone: 0.693 / 0.917. With the second round (team sheets, examples of companies,
#: lists with an organisation, `pays de`/`XV de`, first names before particles): 0.840 / 0.953
#: before the caption/byline cleaning, 0.866 / 0.954 with it. With the label cues of
#: `entities/cues.py` and the linking guards (wrong labels 95 → 23): 0.920 / 0.959; with the
#: span rules of the third round (signatures glued to a header line, teaser lists, captions under
#: a credit, rubrics, names a headline misses…) as well: 0.949 / 0.967
BROAD_STRICT_FLOOR = 0.935
BROAD_B3_FLOOR = 0.955


def span(text: str, sub: str, label: str = "PER", nth: int = 0) -> Span:
    s = [m.start() for m in re.finditer(re.escape(sub), text)][nth]
    return (s, s + len(sub), label)


def run(text: str, spans: list[Span]) -> list[tuple[str, str]]:
    out = repair(
        text,
        spans,
        field="text",
        lower_words=lowercase_vocabulary(text),
        pos_of=None,
        line_starts=[0] + [m.end() for m in re.finditer(r"\n+", text)],
    )
    for m in out:
        assert text[m.start : m.end] == m.text
    return [(m.text, m.label) for m in out]


# -- hyphenated and compound acronyms ---------------------------------------------------------
def test_hyphenated_union_stays_whole_and_is_an_organisation() -> None:
    text = "L’appel de la FO-Métaux et de la CNT-Solidarité a été entendu mardi."
    got = run(text, [span(text, "FO-Métaux", "ORG"), span(text, "CNT-Solidarité", "LOC")])
    assert got == [("FO-Métaux", "ORG"), ("CNT-Solidarité", "ORG")]


def test_hyphenated_acronym_missed_by_the_model_is_recovered() -> None:
    text = "Le syndicat UNSA-Ferroviaire et la CFE-CGC appellent à la grève."
    got = {(text[s:e], lab) for s, e, lab in recover(text, [], [0])}
    assert ("UNSA-Ferroviaire", "ORG") in got and ("CFE-CGC", "ORG") in got


def test_shout_prefix_does_not_eat_an_acronym_name() -> None:
    text = "Depuis lundi, RATP Dev exploite la ligne et EDF-Renouvelables investit."
    got = run(text, [span(text, "RATP Dev", "PER"), span(text, "EDF-Renouvelables", "ORG")])
    assert got == [("RATP Dev", "ORG"), ("EDF-Renouvelables", "ORG")]


def test_shout_prefix_still_goes_before_a_name() -> None:
    text = "URGENT: Claire Dumas démissionne."
    assert ("Claire Dumas", "PER") in run(text, [span(text, "URGENT: Claire Dumas", "PER")])


def test_acronym_and_following_name_are_one_organisation() -> None:
    text = "Le match opposera le FC Gueugnon au RC Besançon samedi."
    got = run(
        text,
        [
            span(text, "FC", "ORG"),
            span(text, "Gueugnon", "LOC"),
            span(text, "RC", "ORG"),
            span(text, "Besançon", "LOC"),
        ],
    )
    assert got == [("FC Gueugnon", "ORG"), ("RC Besançon", "ORG")]


def test_acronym_is_not_merged_with_a_person() -> None:
    text = "Le patron du MEDEF Paul Girard a parlé."
    got = run(text, [span(text, "MEDEF", "ORG"), span(text, "Paul Girard", "PER")])
    assert got == [("MEDEF", "ORG"), ("Paul Girard", "PER")]


def test_acronym_in_parentheses_takes_the_label_of_the_name() -> None:
    text = "Selon l’Office national des forêts (ONF), la sécheresse dure."
    got = run(text, [span(text, "Office national des forêts", "ORG"), span(text, "ONF", "MISC")])
    assert got == [("Office national des forêts", "ORG"), ("ONF", "ORG")]


def test_acronym_and_number_is_a_named_thing() -> None:
    text = "Le SBF 120 a reculé de 2 % vendredi."
    assert label_cue(text, *span(text, "SBF 120")[:2]) == "MISC"


# -- job titles ----------------------------------------------------------------------------
@pytest.mark.parametrize("acr", ["PDG", "DG", "DRH", "CEO"])
def test_job_title_acronyms_are_not_organisations(acr: str) -> None:
    text = f"Le {acr} de la société a démissionné hier."
    assert run(text, [span(text, acr, "ORG")]) == []
    assert all(text[s:e] != acr for s, e, _ in recover(text, [], [0]))


def test_job_title_acronym_comes_off_a_name() -> None:
    text = "Selon le PDG Marc Vidal, tout va bien."
    assert run(text, [span(text, "PDG Marc Vidal", "ORG")]) == [("Marc Vidal", "PER")]


def test_portfolio_names_are_part_of_a_job_title() -> None:
    text = "La ministre de l’Agriculture et le ministère russe de la Défense ont parlé."
    raw = [span(text, "Agriculture", "LOC"), span(text, "ministère russe de la Défense", "ORG")]
    got = run(text, raw)
    assert got == []


# -- sentence boundaries, initials ---------------------------------------------------------
def test_span_is_cut_at_a_sentence_boundary() -> None:
    text = "« Rien ne va », explique Julien T. Dans les Hauts-de-France, le trafic reprend."
    got = run(text, [span(text, "Julien T. Dans les Hauts-de-France", "PER")])
    assert ("Julien T.", "PER") in got
    assert [t for t, _ in got] == ["Julien T.", "Hauts-de-France"]


def test_initial_inside_a_name_does_not_cut() -> None:
    text = "Hier, J.-P. Fournel a parlé à M. Garnier."
    got = run(text, [span(text, "J.-P. Fournel", "PER")])
    assert ("J.-P. Fournel", "PER") in got


def test_final_initial_keeps_its_dot() -> None:
    text = "Un témoin, Aline R., a tout vu."
    assert strip_edges(text, span(text, "Aline R")) == span(text, "Aline R.")


def test_leading_number_of_a_live_update_comes_off() -> None:
    text = "11 h 40 - Bonjour à tous. 9 h 05 - Valérie Roche arrive."
    got = run(text, [span(text, "40 - Bonjour", "LOC"), span(text, "05 - Valérie Roche", "PER")])
    assert got == [("Valérie Roche", "PER")]


# -- demonyms ---------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "raw"),
    [
        ("Selon l’enquête, 60 % des Néerlandais approuvent.", "Néerlandais"),
        ("Les Lillois ont fêté la victoire.", "Lillois"),
        ("Le prix est allé au Suédois Erik Lund.", "Suédois"),
        ("La Danoise Karen Holm a gagné.", "Danoise"),
    ],
)
def test_demonyms_in_context_are_not_places(text: str, raw: str) -> None:
    assert raw not in [t for t, _ in run(text, [span(text, raw, "LOC")])]


def test_plural_place_names_are_kept() -> None:
    text = "Il a voyagé aux Philippines puis dans les Landes."
    got = run(text, [span(text, "Philippines", "LOC"), span(text, "Landes", "LOC")])
    assert got == [("Philippines", "LOC"), ("Landes", "LOC")]


# -- lowercase heads, quoted titles, events, cues ------------------------------------------
def test_lowercase_head_with_de_comes_off() -> None:
    text = "Les secours fouillent la vallée du Tarn et la cour d’appel de Douai statue."
    raw = [span(text, "vallée du Tarn", "LOC"), span(text, "cour d’appel de Douai", "ORG")]
    got = run(text, raw)
    assert [t for t, _ in got] == ["Tarn", "Douai"]


def test_quoted_title_keeps_its_article() -> None:
    text = "Son roman « Les Jardins de Mossoul » paraît en mai."
    assert run(text, [span(text, "Jardins de Mossoul", "LOC")]) == [
        ("Les Jardins de Mossoul", "MISC")
    ]


def test_quoted_speech_still_loses_its_article() -> None:
    text = "« La Bolivie ne cédera pas », a-t-il dit."
    assert run(text, [span(text, "La Bolivie", "LOC")]) == [("Bolivie", "LOC")]


def test_single_word_assembly_is_an_organisation() -> None:
    text = "Le texte sera examiné par le Parlement puis par le Sénat."
    assert label_cue(text, *span(text, "Sénat")[:2]) == "ORG"


def test_event_heads_are_misc() -> None:
    text = "Il a remporté la Coupe de la Ligue et le Tournoi des Six Nations."
    assert label_cue(text, *span(text, "Tournoi des Six Nations")[:2]) == "MISC"


@pytest.mark.parametrize(
    ("text", "raw", "want"),
    [
        ("Un sondage Elabe publié lundi le confirme.", "Elabe", "ORG"),
        ("Leur société de transport, Trans Alpes, a fermé.", "Trans Alpes", "ORG"),
        ("L’équipementier Valmeca a fermé.", "Valmeca", "ORG"),
        ("La réalisatrice chilienne Inés Rojas a filmé Lima.", "Inés Rojas", "PER"),
        ("« Rien », soupire Gisèle, une retraitée du quartier.", "Gisèle", "PER"),
        ("Il a croisé Hugo Marin, 27 ans, au marché.", "Hugo Marin", "PER"),
    ],
)
def test_context_cues(text: str, raw: str, want: str) -> None:
    assert label_cue(text, *span(text, raw)[:2]) == want


@pytest.mark.parametrize(
    ("text", "raw"),
    [
        ("Le DG du groupe, Paul Arnaud, a parlé.", "Paul Arnaud"),
        ("Selon Lise Morin, économiste chez Oddo, non.", "Oddo"),
        ("Le site de Cergy fermera.", "Cergy"),
    ],
)
def test_context_cues_do_not_overreach(text: str, raw: str) -> None:
    assert label_cue(text, *span(text, raw)[:2]) != "ORG" or raw == "Oddo"
    assert label_cue(text, *span(text, raw)[:2]) != "PER" or raw == "Paul Arnaud"


# -- the held-out dev set ---------------------------------------------------------------------
@pytest.fixture(scope="module")
def dev_scores() -> dict[str, float]:
    return scores(DEV)


@pytest.fixture(scope="module")
def broad_scores() -> dict[str, float]:
    return scores(BROAD)


def scores(root: Path) -> dict[str, float]:
    """Strict F1 and B-cubed F1 of the whole extractor + linker on `root/articles` against
    `root/gold`, as `entity_eval.py` computes them."""
    from reader.domain.corpus import load_corpus

    corpus = load_corpus([root / "articles"])
    arts = list(corpus.articles)
    raw = Extractor().extract(arts)
    res = link(arts, {a.id: ms for a, ms in zip(arts, raw, strict=True)})
    tp = n_pred = n_gold = 0
    aligned: list[tuple[str, str]] = []
    for art in arts:
        gold = json.loads((root / "gold" / f"{Path(art.path).stem}.json").read_text("utf-8"))
        pred = res.mentions.get(art.id, [])
        gc = collections.Counter((g["text"], g["label"]) for g in gold)
        pc = collections.Counter((m.text, m.label) for m in pred)
        tp += sum(min(v, pc[k]) for k, v in gc.items())
        n_pred += len(pred)
        n_gold += len(gold)
        by_p: dict[str, list[str]] = collections.defaultdict(list)
        for m in pred:
            by_p[m.text].append(m.entity)
        seen: collections.Counter[str] = collections.Counter()
        for g in gold:
            k = seen[g["text"]]
            seen[g["text"]] += 1
            if k < len(by_p[g["text"]]):
                aligned.append((g["canonical"], by_p[g["text"]][k]))
    p, r = tp / n_pred, tp / n_gold
    g_cl: dict[str, set[int]] = collections.defaultdict(set)
    p_cl: dict[str, set[int]] = collections.defaultdict(set)
    for i, (c, e) in enumerate(aligned):
        g_cl[c].add(i)
        p_cl[e].add(i)
    bp = sum(len(g_cl[c] & p_cl[e]) / len(p_cl[e]) for c, e in aligned) / len(aligned)
    br = sum(len(g_cl[c] & p_cl[e]) / len(g_cl[c]) for c, e in aligned) / n_gold
    return {"strict": 2 * p * r / (p + r), "b3": 2 * bp * br / (bp + br)}


def test_dev_set_gold_matches_its_articles() -> None:
    stems = sorted(p.stem for p in (DEV / "articles").glob("*.txt"))
    assert len(stems) >= 8
    for stem in stems:
        content = (DEV / "articles" / f"{stem}.txt").read_text("utf-8")
        for g in json.loads((DEV / "gold" / f"{stem}.json").read_text("utf-8")):
            assert content[g["start"] : g["end"]] == g["text"]
            assert g["label"] in {"PER", "ORG", "LOC", "MISC"}


def test_dev_set_strict_f1_floor(dev_scores: dict[str, float]) -> None:
    assert dev_scores["strict"] >= STRICT_FLOOR, dev_scores


def test_dev_set_b_cubed_floor(dev_scores: dict[str, float]) -> None:
    assert dev_scores["b3"] >= B3_FLOOR, dev_scores


def test_broad_set_is_broad_and_its_gold_matches_its_articles() -> None:
    stems = sorted(p.stem for p in (BROAD / "articles").glob("*.txt"))
    assert len(stems) >= 30
    assert len({s.split("_")[0] for s in stems}) >= 8  # beats
    for stem in stems:
        content = (BROAD / "articles" / f"{stem}.txt").read_text("utf-8")
        for g in json.loads((BROAD / "gold" / f"{stem}.json").read_text("utf-8")):
            assert content[g["start"] : g["end"]] == g["text"]


def test_broad_set_strict_f1_floor(broad_scores: dict[str, float]) -> None:
    assert broad_scores["strict"] >= BROAD_STRICT_FLOOR, broad_scores


def test_broad_set_b_cubed_floor(broad_scores: dict[str, float]) -> None:
    assert broad_scores["b3"] >= BROAD_B3_FLOOR, broad_scores


def test_surname_after_honorific_or_at_sentence_start_is_kept() -> None:
    from reader.domain.entities.ner import Extractor
    from reader.domain.model import Article

    text = (
        "Le Premier ministre Keir Starmer a reçu lundi à Londres son homologue.\n\n"
        "« Nous resterons unis », a assuré M. Starmer devant la presse.\n\n"
        "Starmer s’envolera ensuite pour Washington."
    )
    article = Article(id="t", path="t.txt", title="", text=text, paragraphs=[], title_derived=True)
    found = [(m.text, m.label) for m in Extractor().extract([article])[0]]
    assert found.count(("Starmer", "PER")) == 2
    assert ("Keir Starmer", "PER") in found
