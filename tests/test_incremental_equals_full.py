"""An index brought up to date step by step (articles added, edited, deleted, a person's
name spelt another way, the corrections file changed) holds exactly what a rebuild from
nothing holds: the same entities (ids, names, labels, aliases, articles), the same linked
mentions, the same shared passages and the same search documents. A seeded random sequence
of edits; the extractor is the tests' regex stand-in for spaCy (`fake_ner_reader.py`)."""

from __future__ import annotations

import random
import re
import shutil
from pathlib import Path
from typing import Any

import pytest
from tests.fake_ner_reader import FakeExtractor

import reader.domain.entities.ner as ner
from reader.domain import pipeline
from reader.domain.model import RawMention
from reader.domain.store import Store

PEOPLE = [
    "Vladimir Poutine",
    "Angela Merkel",
    "Olaf Scholz",
    "Emmanuel Macron",
    "Jen Psaki",
    "Grégory Doucet",
    "Anne Hidalgo",
    "Marine Tondelier",
    "Paul Scholz",
    "Lucie Castets",
]
PLACES = ["Berlin", "Moscou", "Lyon", "Paris", "Kiev", "Bruxelles", "Marseille"]
ORGS = ["Organisation Mondiale Santé", "Agence France Presse", "Banque Centrale Européenne"]
ACRONYMS = ["OMS", "AFP", "BCE"]
#: shared sentences: reprinted passages between the articles that draw them
REPRINTS = [
    "Les deux dirigeants ont longuement parlé de la sécurité du continent et de la guerre "
    "qui dure depuis plus de deux ans sans que personne ne voie comment elle pourrait finir.",
    "Le communiqué publié dans la soirée précise que les discussions reprendront au "
    "printemps prochain dans une autre capitale européenne encore à déterminer.",
    "Selon plusieurs sources proches du dossier, le budget présenté jeudi soir prévoit une "
    "hausse sensible des dépenses consacrées aux transports et au logement social.",
]


_ACRONYM = re.compile(r"\b[A-Z]{2,6}\b")


class LabellingExtractor(FakeExtractor):
    """The regex stand-in, labelling known places and organisations as a model would (and
    one place in three as a person, so that the label vote has something to decide); words
    in capitals are organisations. Runs of capitalised words come out as one span, so
    `Maison Blanche Jen Psaki` is a glued name, as a model sometimes gives it."""

    def extract(self, articles: Any, batch_size: int = 32, n_process: int = 1) -> Any:
        found = super().extract(articles, batch_size, n_process)
        out = []
        for art, ms in zip(articles, found, strict=True):
            labelled = []
            for m in ms:
                label = "PER"
                if m.text in PLACES and m.start % 3:
                    label = "LOC"
                elif m.text in ORGS or m.text in ACRONYMS:
                    label = "ORG"
                labelled.append(type(m)(m.field, m.start, m.end, m.text, label))
            for a in _ACRONYM.finditer(art.text):
                labelled.append(RawMention("text", a.start(), a.end(), a.group(), "ORG"))
            out.append(sorted(labelled, key=lambda m: m.start))
        return out


def _sentence(rng: random.Random) -> str:
    kind = rng.randrange(8)
    if kind == 6:  # a glued name: split when `Maison Blanche` is seen on its own twice
        return f"La Maison Blanche {rng.choice(PEOPLE)} a parlé. La Maison Blanche se tait."
    if kind == 7:  # an acronym alone, or with its full name
        i = rng.randrange(len(ORGS))
        return rng.choice([f"La {ACRONYMS[i]} a parlé.", f"Selon la {ORGS[i]}, rien."])
    person = rng.choice(PEOPLE)
    if kind == 0:
        return f"Selon {person}, la rencontre de {rng.choice(PLACES)} a été utile."
    if kind == 1:  # a surname alone: joins the full name when it is unique
        return f"Hier, {person.split()[-1]} a répondu aux questions à {rng.choice(PLACES)}."
    if kind == 2:
        i = rng.randrange(len(ORGS))
        return f"Un rapport de l {ORGS[i]} a été cité, puis la {ACRONYMS[i]} a confirmé."
    if kind == 3:
        return f"Le porte-parole, M. {person.split()[-1]}, a démenti mardi."
    if kind == 4:
        return rng.choice(REPRINTS)
    return f"À {rng.choice(PLACES)}, {person} et {rng.choice(PEOPLE)} se sont parlé."


def _article(rng: random.Random) -> str:
    person, place = rng.choice(PEOPLE), rng.choice(PLACES)
    title = f"# La Visite De {person} À {place}\n\n"  # a Title Case line: votes count half
    return title + " ".join(_sentence(rng) for _ in range(rng.randint(3, 8)))


def _state(index: Path, corpus: Path) -> dict[str, Any]:
    store = Store(index / pipeline.STORE_NAME)
    try:
        state: dict[str, Any] = {
            "entities": store.entities(),
            "entity order": list(store.entities()),  # a name two entities share: the first
            "mentions": {a: ms for a, ms in store.mentions().items() if ms},
            "passages": store.passages(),
        }
    finally:
        store.close()
    library = pipeline.open_library([corpus], index)
    try:
        queries = ["rencontre", '"sécurité du continent"', "Scholz"] + [
            f"entity:{eid}" for eid in sorted(state["entities"])
        ]
        state["search"] = {
            q: sorted(h.article for h in library.search(q, 1000).hits) for q in queries
        }
    finally:
        library.close()
    from reader.domain.search import SearchIndex

    with SearchIndex.open(index / pipeline.SEARCH_DIR) as search:
        state["documents"] = search.doc_hashes()
    return state


def _edit(rng: random.Random, corpus: Path, corrections: Path, step: int) -> str:
    files = sorted(corpus.glob("*.txt"))
    what = rng.choice(["add", "add", "edit", "delete", "rename", "corrections"])
    if what == "delete" and len(files) > 4:
        rng.choice(files).unlink()
    elif what == "edit" and files:
        f = rng.choice(files)
        f.write_text(f.read_text(encoding="utf-8") + " " + _sentence(rng), encoding="utf-8")
    elif what == "rename" and files:  # one article spells a person's name another way
        f = rng.choice(files)
        text = f.read_text(encoding="utf-8")
        person = rng.choice([p for p in PEOPLE if p in text] or PEOPLE)
        f.write_text(text.replace(person, person.replace("e", "é", 1), 1), encoding="utf-8")
    elif what == "corrections":
        person = rng.choice(PEOPLE)
        line = rng.choice(
            [
                f"rename {person} to {person.upper()}",
                f"relabel {person} ORG",
                "merge Berlin into Paris",
            ]
        )
        with corrections.open("a", encoding="utf-8") as fh:
            fh.write(line + "\n")
    else:
        (corpus / f"n{step:03d}.txt").write_text(_article(rng), encoding="utf-8")
        what = "add"
    return what


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_incremental_updates_equal_a_rebuild(
    seed: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(ner, "Extractor", LabellingExtractor)
    rng = random.Random(seed)
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for i in range(12):
        (corpus / f"a{i:02d}.txt").write_text(_article(rng), encoding="utf-8")
    incremental = tmp_path / "incremental"
    corrections = pipeline.corrections_path([corpus])
    corrections.parent.mkdir(parents=True, exist_ok=True)
    pipeline.update([corpus], incremental)
    done: list[str] = []
    for step in range(24):
        done.append(_edit(rng, corpus, corrections, step))
        pipeline.update([corpus], incremental)
        full = tmp_path / f"full{step}"
        pipeline.update([corpus], full, rebuild=True)
        got, want = _state(incremental, corpus), _state(full, corpus)
        for part in want:
            assert got[part] == want[part], f"step {step} ({done}): {part} differs"
        shutil.rmtree(full)
    assert {"add", "edit"} <= set(done)


def test_the_passage_index_kept_between_updates_is_used_and_repaired(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The update reuses the passage index kept on disk (only the changed text is tokenised),
    and an index left behind by a run killed before its commit (older contents) is not
    trusted: the result equals a rebuild."""
    from reader.domain.xref import passage_store
    from reader.domain.xref.passages import PassageIndex

    monkeypatch.setattr(ner, "Extractor", LabellingExtractor)
    rng = random.Random(7)
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for i in range(8):
        (corpus / f"a{i}.txt").write_text(_article(rng) + " " + REPRINTS[0], encoding="utf-8")
    index = tmp_path / "index"
    pipeline.update([corpus], index)
    kept = index / passage_store.DIR_NAME
    assert (kept / "meta.pickle").exists()
    tokenised: list[int] = []
    real = PassageIndex._tokenize

    def counting(self: PassageIndex, text: str) -> Any:
        tokenised.append(len(text))
        return real(self, text)

    monkeypatch.setattr(PassageIndex, "_tokenize", counting)
    (corpus / "a1.txt").write_text(_article(rng) + " " + REPRINTS[0], encoding="utf-8")
    (corpus / "a2.txt").unlink()
    pipeline.update([corpus], index)
    assert len(tokenised) == 1
    old = {p.name: p.read_bytes() for p in kept.iterdir()}
    (corpus / "a3.txt").write_text(REPRINTS[0] + " " + _article(rng), encoding="utf-8")
    pipeline.update([corpus], index)
    for name, data in old.items():  # as if the run had been killed before its commit
        (kept / name).write_bytes(data)
    (corpus / "new.txt").write_text(REPRINTS[0] + " " + _article(rng), encoding="utf-8")
    pipeline.update([corpus], index)
    full = tmp_path / "full"
    pipeline.update([corpus], full, rebuild=True)
    assert _state(index, corpus)["passages"] == _state(full, corpus)["passages"]
    assert len(_state(full, corpus)["passages"]) >= 6
    (kept / "meta.pickle").write_bytes(b"not a pickle")
    assert passage_store.PassageStore.load(index, "any") is None


def test_cached_linking_evidence_decides_what_computing_it_decides() -> None:
    """Linking with the per-article evidence a store caches (label cues, Title Case lines)
    gives what linking without it gives — and that evidence is really used: spoiling it
    changes the labels (so the cache cannot silently be ignored or be wrong)."""
    from reader.domain.corpus import articles_from_bytes
    from reader.domain.entities.linking import link, mention_evidence
    from reader.domain.model import RawMention

    texts = {
        "a": "Hier, M. Dupont a parlé longuement.\n\nLa Visite De Valmont Au Port\n\nRien.",
        "b": "Le rapport cite Valmont et la commune.",
    }
    arts = [
        articles_from_bytes(t.encode(), f"{k}.txt", k, f"{k}.txt")[0][0] for k, t in texts.items()
    ]

    def mention(aid: str, word: str, label: str) -> RawMention:
        start = next(a for a in arts if a.id == aid).text.index(word)
        return RawMention("text", start, start + len(word), word, label)  # type: ignore[arg-type]

    raw = {
        "a": [mention("a", "Dupont", "ORG"), mention("a", "Valmont", "LOC")],
        "b": [mention("b", "Valmont", "ORG")],
    }
    full = link(arts, raw)
    labels = {e.name: e.label for e in full.entities.values()}
    assert labels == {"Dupont": "PER", "Valmont": "ORG"}  # the cue; the Title Case line
    evidence = {a.id: mention_evidence(a, raw[a.id]) for a in arts}
    assert link(arts, raw, evidence=evidence) == full
    spoiled = {
        aid: {where: (None, not in_tc) for where, (_cue, in_tc) in ev.items()}
        for aid, ev in evidence.items()
    }
    spoilt_labels = {e.name: e.label for e in link(arts, raw, evidence=spoiled).entities.values()}
    assert spoilt_labels == {"Dupont": "ORG", "Valmont": "LOC"}


#: A story told in small steps: each changes what linking decides for articles that did not
#: change (a surname alone, then with a full name elsewhere; an acronym meeting its full name;
#: a glued name split once its head is seen twice; an entity appearing, then gone).
STORY: list[tuple[str, str | None]] = [
    ("a0.txt", "Hier, Dupontel a parlé à Lyon. La FNSEA proteste."),
    ("a1.txt", "Selon Dupontel, rien ne change à Lyon."),
    ("a2.txt", "Le cortège de la Maison Blanche Jen Psaki est passé."),
    ("a3.txt", "Hier, Jeanne Dupontel a répondu. Elle a vu Jeanne Dupontel hier."),
    ("a4.txt", "Un texte de la Fédération Nationale Syndicats Exploitants Agricoles."),
    ("a5.txt", "Hier, la Maison Blanche a parlé. Puis la Maison Blanche a démenti."),
    ("a6.txt", "Hier, Paul Dupontel est venu. Dupontel a parlé."),
    ("a3.txt", None),
    ("a1.txt", "Selon Dupontel, rien ne change. Hier, Marcel Zorglub est arrivé."),
    ("a1.txt", "Selon Dupontel, rien ne change."),
    ("a5.txt", None),
    ("a4.txt", "La Fédération Nationale Syndicats Exploitants Agricoles et la FNSEA."),
    ("a6.txt", None),
    ("a7.txt", "Hier, Jeanne Dupontel est revenue à Lyon. La Maison Blanche Jen Psaki aussi."),
]


def test_a_story_told_in_small_steps_equals_a_rebuild_at_every_step(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each step changes one file; the index kept up to date step by step equals a rebuild
    from nothing after every one (entities and their order, mentions, passages, search)."""
    monkeypatch.setattr(ner, "Extractor", LabellingExtractor)
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for i in range(3):
        (corpus / f"base{i}.txt").write_text(
            f"Hier, Olaf Scholz est allé à Berlin. {REPRINTS[i]}", encoding="utf-8"
        )
    incremental = tmp_path / "incremental"
    pipeline.update([corpus], incremental)
    names: list[set[str]] = []
    for step, (name, text) in enumerate(STORY):
        if text is None:
            (corpus / name).unlink()
        else:
            (corpus / name).write_text(text, encoding="utf-8")
        pipeline.update([corpus], incremental)
        full = tmp_path / f"full{step}"
        pipeline.update([corpus], full, rebuild=True)
        got, want = _state(incremental, corpus), _state(full, corpus)
        for part in want:
            assert got[part] == want[part], f"step {step} ({name}): {part} differs"
        names.append({e.name for e in want["entities"].values()})
        shutil.rmtree(full)
    # the story did what it says: the surname met a full name, the acronym its full name,
    # the glued name was split, and an entity came and went
    assert "Dupontel" in names[1] and "Dupontel" not in names[3]
    fnsea = [n for n in names[4] if "Fédération" in n]
    assert fnsea and "FNSEA" not in names[4]
    assert "Maison Blanche Jen Psaki" in names[2] and "Jen Psaki" in names[5]
    assert "Marcel Zorglub" in names[8] and "Marcel Zorglub" not in names[9]


def test_the_linking_totals_kept_between_updates_are_used_and_never_trusted_when_stale(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An edit folds one article into the kept totals (not the corpus); totals left behind by
    a run killed between writing them and its commit are not used (the token differs), and
    the result still equals a rebuild."""
    from reader.domain.entities.link_state import LinkState
    from reader.domain.updating import link_cache

    monkeypatch.setattr(ner, "Extractor", LabellingExtractor)
    rng = random.Random(11)
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for i in range(8):
        (corpus / f"a{i}.txt").write_text(_article(rng), encoding="utf-8")
    index = tmp_path / "index"
    pipeline.update([corpus], index)
    added: list[str] = []
    real_apply = LinkState.apply

    def counting(self: LinkState, aid: str, contributions: Any, sign: int) -> None:
        if sign > 0:
            added.append(aid)
        real_apply(self, aid, contributions, sign)

    monkeypatch.setattr(LinkState, "apply", counting)
    (corpus / "a3.txt").write_text(_article(rng), encoding="utf-8")
    pipeline.update([corpus], index)
    assert added == ["a3"]
    kept = (index / link_cache.FILE_NAME).read_bytes()
    (corpus / "a4.txt").write_text(_article(rng), encoding="utf-8")
    pipeline.update([corpus], index)
    (index / link_cache.FILE_NAME).write_bytes(kept)  # as if killed before the commit
    added.clear()
    (corpus / "a5.txt").unlink()
    pipeline.update([corpus], index)
    assert len(added) == 7  # not trusted: linked from nothing
    full = tmp_path / "full"
    pipeline.update([corpus], full, rebuild=True)
    got, want = _state(index, corpus), _state(full, corpus)
    for part in want:
        assert got[part] == want[part], part
