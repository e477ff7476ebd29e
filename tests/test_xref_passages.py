"""Shared passages (reprints): detection, tolerance to edits, offsets, index maintenance."""

from __future__ import annotations

import pickle
import random
import re

import pytest

from reader.domain.model import SharedPassage
from reader.domain.xref._text import word_spans
from reader.domain.xref.passages import (
    PassageIndex,
    PassagesCancelled,
    find_all_passages,
    passages_for,
)

LEDE = (
    "Le gouvernement a présenté mercredi un plan de rénovation des écoles rurales, doté de "
    "2,5 milliards d’euros sur cinq ans, a annoncé le ministre de l’Éducation lors d’une "
    "conférence de presse à Clermont-Ferrand. Les syndicats d’enseignants ont salué une "
    "avancée tout en réclamant des garanties sur le calendrier des travaux."
)

ORIGINAL = (
    LEDE + "\n\nDans le Cantal, une quarantaine de communes attendent depuis des années la "
    "réfection de leurs bâtiments scolaires. Les maires, réunis en association, dénoncent des "
    "toitures qui fuient et des chaudières hors d’âge.\n\nLe texte sera examiné au Sénat à "
    "l’automne, selon le calendrier parlementaire communiqué par Matignon."
)

VERBATIM = (
    "Écoles : un plan de plusieurs milliards pour les campagnes.\n\n" + LEDE + "\n\n"
    "Notre correspondante a recueilli la réaction d’une directrice d’école de Haute-Loire, "
    "qui juge l’enveloppe insuffisante au regard des besoins accumulés."
)

EDITED = (
    "Le gouvernement a présenté mercredi un plan de renovation des écoles rurales, doté de "
    "2,5 milliards d'euros sur cinq ans, a annoncé le ministre de l'Education, qui "
    "s'exprimait pour la première fois depuis sa nomination, lors d'une conférence de presse "
    "à Clermont-Ferrand. Les syndicats d'enseignants avaient salué une avancée tout en "
    "réclamant des garanties sur le calendrier des travaux.\n\nLa région Auvergne-Rhône-Alpes "
    "promet d’abonder le dispositif pour les établissements de montagne."
)

UNRELATED = (
    "Le ministre de l’Agriculture a présenté mardi un rapport sur la pêche en Bretagne. Les "
    "syndicats de pêcheurs ont réclamé des garanties, et le ministre a annoncé une aide sur "
    "cinq ans lors d’une visite au port de Lorient. Des travaux de rénovation du port "
    "débuteront à l’automne, a précisé la préfecture.\n\nLes écoles de voile, elles, "
    "attendent le calendrier des compétitions."
)

QUOTE = (
    "« Nous ne céderons rien sur la sécurité de nos concitoyens, et nous irons jusqu’au bout "
    "de cette réforme »"
)
Q1 = (
    "La Première ministre s’est exprimée jeudi devant les députés. "
    + QUOTE
    + ", a-t-elle déclaré sous les huées de l’opposition. Le vote aura lieu mardi."
)
Q2 = (
    "Lors de son discours à Lyon, la cheffe du gouvernement a durci le ton. "
    + QUOTE.replace("« ", '"').replace(" »", '"').replace("’", "'")
    + ", a lancé Élisabeth Borne devant les élus locaux, avant de quitter la salle."
)
Q3 = (
    "Les syndicats appellent à une nouvelle journée de mobilisation. La veille, la Première "
    "ministre avait prévenu : "
    + QUOTE
    + ". Une intersyndicale se réunira lundi pour fixer la date."
)


def _folded(text: str) -> list[str]:
    return [w for _, _, w in word_spans(text)]


def _assert_valid(texts: dict[str, str], pairs: dict[tuple[str, str], list[SharedPassage]]) -> None:
    for (a, b), passages in pairs.items():
        assert a < b
        for p in passages:
            ta, tb = texts[a], texts[b]
            assert 0 <= p.start < p.end <= len(ta)
            assert 0 <= p.other_start < p.other_end <= len(tb)
            assert 0.0 <= p.similarity <= 1.0
            # Spans start and end on word boundaries.
            for text, s, e in ((ta, p.start, p.end), (tb, p.other_start, p.other_end)):
                assert text[s].isalnum() and text[e - 1].isalnum()
                assert s == 0 or not text[s - 1].isalnum()
                assert e == len(text) or not text[e].isalnum()


def _only(pairs: dict[tuple[str, str], list[SharedPassage]], key: tuple[str, str]) -> SharedPassage:
    assert key in pairs, pairs.keys()
    assert len(pairs[key]) == 1, pairs[key]
    return pairs[key][0]


def test_verbatim_reprint_is_found_with_exact_offsets() -> None:
    texts = {"a": ORIGINAL, "b": VERBATIM}
    pairs = find_all_passages(texts)
    _assert_valid(texts, pairs)
    p = _only(pairs, ("a", "b"))
    assert p.similarity == 1.0
    lede = LEDE.rstrip(".")
    assert ORIGINAL[p.start : p.end] == lede
    assert VERBATIM[p.other_start : p.other_end] == lede
    assert p.other_start == VERBATIM.index(LEDE)


def test_reprint_with_edits_is_one_passage() -> None:
    """Typography (apostrophes, accents), an inserted clause and a changed tense."""
    texts = {"a": ORIGINAL, "c": EDITED}
    pairs = find_all_passages(texts)
    _assert_valid(texts, pairs)
    p = _only(pairs, ("a", "c"))
    assert 0.8 <= p.similarity < 1.0
    assert ORIGINAL[p.start : p.end].startswith("Le gouvernement a présenté mercredi")
    assert ORIGINAL[p.start : p.end].endswith("le calendrier des travaux")
    other = EDITED[p.other_start : p.other_end]
    assert "qui s'exprimait pour la première fois" in other
    assert "avaient salué" in other
    assert other.endswith("le calendrier des travaux")


def test_unrelated_articles_sharing_common_words_give_nothing() -> None:
    texts = {"a": ORIGINAL, "u": UNRELATED}
    # Sanity: they do share plenty of words.
    shared = set(_folded(ORIGINAL)) & set(_folded(UNRELATED))
    assert len(shared) > 25
    assert find_all_passages(texts) == {}


def test_quote_carried_by_three_articles() -> None:
    texts = {"q1": Q1, "q2": Q2, "q3": Q3, "u": UNRELATED}
    pairs = find_all_passages(texts)
    _assert_valid(texts, pairs)
    assert set(pairs) == {("q1", "q2"), ("q1", "q3"), ("q2", "q3")}
    quote = " ".join(_folded(QUOTE))
    for (a, b), passages in pairs.items():
        (p,) = passages
        in_a = _folded(texts[a][p.start : p.end])
        in_b = _folded(texts[b][p.other_start : p.other_end])
        assert in_a == in_b  # q1 and q2 both go on with ", a …": that word is shared too
        assert " ".join(in_a).startswith(quote)
        assert len(in_a) <= len(_folded(QUOTE)) + 1
        assert p.similarity == 1.0


def test_short_common_phrase_is_not_a_passage() -> None:
    # "a déclaré le porte-parole du Kremlin, Dmitri Peskov" style phrases: 7 long words.
    a = "Rien n’a changé, a déclaré le porte-parole du gouvernement lundi matin à Paris."
    b = "Selon nos informations, le porte-parole du gouvernement lundi soir était absent."
    assert find_all_passages({"a": a, "b": b}) == {}


def test_index_orientation_add_remove_and_shared_with() -> None:
    index = PassageIndex()
    index.add("z", ORIGINAL)
    index.add("b", VERBATIM)
    index.add("u", UNRELATED)
    assert len(index) == 3 and "z" in index
    from_z = index.shared_with("z")
    from_b = index.shared_with("b")
    assert set(from_z) == {"b"} and set(from_b) == {"z"}
    (pz,) = from_z["b"]
    (pb,) = from_b["z"]
    assert ORIGINAL[pz.start : pz.end] == VERBATIM[pz.other_start : pz.other_end]
    assert (pb.start, pb.end, pb.other_start, pb.other_end) == (
        pz.other_start,
        pz.other_end,
        pz.start,
        pz.end,
    )
    # Keys are ordered, offsets follow the key.
    pairs = index.pairs()
    (p,) = pairs[("b", "z")]
    assert p == pb
    index.remove("b")
    index.remove("missing")
    assert index.shared_with("z") == {}
    index.add("b", "Un tout autre texte, sans rapport aucun avec le premier article publié.")
    assert index.pairs() == {}
    with pytest.raises(KeyError):
        index.shared_with("nope")


def test_passages_for_only_computes_pairs_touching_changed() -> None:
    texts = {"a": ORIGINAL, "b": VERBATIM, "c": EDITED, "q1": Q1, "q2": Q2, "q3": Q3}
    full = find_all_passages(texts)
    assert set(full) == {("a", "b"), ("a", "c"), ("b", "c"), ("q1", "q2"), ("q1", "q3"),
                         ("q2", "q3")}  # fmt: skip
    some = passages_for({"q2", "gone"}, texts)
    assert set(some) == {("q1", "q2"), ("q2", "q3")}
    assert all(some[k] == full[k] for k in some)
    # Reusing an index: only new or changed texts are re-read; removed ones are dropped.
    index = PassageIndex()
    for k, v in texts.items():
        index.add(k, v)
    texts2 = dict(texts)
    del texts2["q1"]
    texts2["c"] = UNRELATED
    again = passages_for({"c", "q1"}, texts2, index=index)
    assert again == {}
    assert "q1" not in index
    assert index.pairs() == {k: v for k, v in full.items() if "q1" not in k and "c" not in k}


def test_progress_and_cancellation() -> None:
    texts = {"a": ORIGINAL, "b": VERBATIM, "c": EDITED}
    seen: list[tuple[int, int]] = []
    find_all_passages(texts, progress=lambda done, total: seen.append((done, total)))
    assert seen and seen[-1][0] == seen[-1][1] == 6
    assert all(d <= t for d, t in seen)
    with pytest.raises(PassagesCancelled):
        find_all_passages(texts, should_stop=lambda: True)
    calls = iter(range(100))
    with pytest.raises(PassagesCancelled):
        passages_for(set(texts), texts, should_stop=lambda: next(calls) >= 1)


def test_index_pickles() -> None:
    index = PassageIndex()
    index.add("a", ORIGINAL)
    index.add("b", VERBATIM)
    clone = pickle.loads(pickle.dumps(index))
    clone.add("c", EDITED)
    assert set(clone.pairs()) == {("a", "b"), ("a", "c"), ("b", "c")}


def test_results_do_not_depend_on_insertion_order() -> None:
    texts = {"a": ORIGINAL, "b": VERBATIM, "c": EDITED, "q1": Q1, "q2": Q2, "q3": Q3}
    forward = find_all_passages(texts)
    backward = find_all_passages(dict(reversed(list(texts.items()))))
    assert forward == backward


def test_random_reprints_offsets_always_valid() -> None:
    """Reprints cut at random places out of random texts: offsets always point at words."""
    rng = random.Random(7)
    vocab = re.findall(r"\w+", ORIGINAL + UNRELATED + EDITED + Q1)
    texts: dict[str, str] = {}
    for i in range(30):
        words = [rng.choice(vocab) for _ in range(rng.randint(40, 160))]
        texts[f"t{i:02d}"] = " ".join(words) + "."
    for i in range(10):
        src = texts[f"t{rng.randrange(30):02d}"].split()
        at = rng.randrange(0, len(src) - 20)
        piece = " ".join(src[at : at + rng.randint(12, 20)])
        texts[f"r{i:02d}"] = f"Selon l’AFP, « {piece} », écrit le journal. " + " ".join(
            rng.choice(vocab) for _ in range(30)
        )
    pairs = find_all_passages(texts)
    _assert_valid(texts, pairs)
    assert sum(1 for a, b in pairs if a.startswith("r") or b.startswith("r")) >= 10
