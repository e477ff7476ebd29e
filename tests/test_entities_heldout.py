"""A floor on the held-out entity set `tests/data/entities_heldout` (issue 12): 15 articles on
beats and stories that the broad dev set does not cover, annotated blind by the shared
guidelines and never used to tune the rules. The whole `reader export` is scored as
`../shared/tools/entity_eval.py` scores it: strict F1 on the multiset of (surface, label) per
article, B-cubed F1 of the clustering over mentions aligned by (article, surface, k-th
occurrence), and the recall of article pairs that a shared gold entity links."""

from __future__ import annotations

import collections
import contextlib
import json
from pathlib import Path

import pytest

from reader.cli import main

HELDOUT = Path(__file__).resolve().parent / "data" / "entities_heldout"

#: measured on main at 781ef34 (the rules before this set existed): strict 0.820, B-cubed
#: 0.933, link recall 0.906; on main at c9ce764 (with the labels/cues round): 0.850 / 0.936 /
#: 0.875 (link recall fell: `Horizons` is no longer found in one article, which loses two
#: article pairs). spaCy fr_core_news_sm alone: 0.596 / 0.862 / 0.641. After the lead read this
#: set's error classes once (so no longer blind) and added two general rules (initials with a
#: capitalised article, acronyms written as words; no mentions of a derived title): 0.855 /
#: 0.939 / 0.906
STRICT_FLOOR = 0.84
B3_FLOOR = 0.925
XREF_FLOOR = 0.89

Mention = tuple[str, str, str]  # surface, label, entity (gold: canonical)


def predicted(records: list[dict]) -> dict[str, list[Mention]]:
    """Each article's exported mentions, title first, in offset order."""
    out: dict[str, list[Mention]] = {}
    for r in records:
        ms = []
        for rank, (field, key) in enumerate((("title", "title_mentions"), ("text", "mentions"))):
            body = r.get(field) or ""
            for m in r.get(key) or []:
                surface = body[m["start"] : m["end"]]
                assert surface == m["text"]
                ms.append((rank, m["start"], surface, m["label"], str(m["entity"])))
        out[Path(r["path"]).stem] = [(s, lab, e) for _, _, s, lab, e in sorted(ms)]
    return out


def gold() -> dict[str, list[Mention]]:
    """Each article's gold mentions in offset order."""
    out = {}
    for g in sorted((HELDOUT / "gold").glob("*.json")):
        items = sorted(json.loads(g.read_text(encoding="utf-8")), key=lambda m: m["start"])
        out[g.stem] = [(m["text"], m["label"], m["canonical"]) for m in items]
    return out


def f1(tp: int, n_pred: int, n_gold: int) -> float:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    return 2 * p * r / (p + r) if p + r else 0.0


def score(g: dict[str, list[Mention]], p: dict[str, list[Mention]]) -> dict[str, float]:
    """Strict F1, B-cubed F1 and cross-article link recall, as entity_eval.py computes them."""
    tp = n_pred = n_gold = 0
    aligned: list[tuple[str, str, str]] = []
    for stem, gms in g.items():
        pms = p.get(stem, [])
        gc = collections.Counter((s, lab) for s, lab, _ in gms)
        pc = collections.Counter((s, lab) for s, lab, _ in pms)
        tp += sum(min(v, pc[k]) for k, v in gc.items())
        n_pred += len(pms)
        n_gold += len(gms)
        by_g: dict[str, list[str]] = collections.defaultdict(list)
        by_p: dict[str, list[str]] = collections.defaultdict(list)
        for s, _, c in gms:
            by_g[s].append(c)
        for s, _, e in pms:
            by_p[s].append(e)
        for s, cs in by_g.items():
            aligned.extend((stem, c, e) for c, e in zip(cs, by_p.get(s, []), strict=False))
    g_cl: dict[str, set[int]] = collections.defaultdict(set)
    p_cl: dict[str, set[int]] = collections.defaultdict(set)
    for i, (_, c, e) in enumerate(aligned):
        g_cl[c].add(i)
        p_cl[e].add(i)
    bp = sum(len(g_cl[c] & p_cl[e]) / len(p_cl[e]) for _, c, e in aligned)
    br = sum(len(g_cl[c] & p_cl[e]) / len(g_cl[c]) for _, c, e in aligned)
    b3p = bp / len(aligned) if aligned else 0.0
    b3r = br / n_gold if n_gold else 0.0
    arts_of: dict[str, dict[str, set[str]]] = collections.defaultdict(
        lambda: collections.defaultdict(set)
    )
    for a, c, e in aligned:
        arts_of[c][e].add(a)
    gold_arts: dict[str, set[str]] = collections.defaultdict(set)
    for a, ms in g.items():
        for _, _, c in ms:
            gold_arts[c].add(a)
    want = got = 0
    for c, arts in gold_arts.items():
        pairs = {(x, y) for x in arts for y in arts if x < y}
        reached: set[tuple[str, str]] = set()
        for pa in arts_of[c].values():
            reached |= {(x, y) for x in pa for y in pa if x < y}
        want += len(pairs)
        got += len(pairs & reached)
    return {
        "strict": f1(tp, n_pred, n_gold),
        "b3": 2 * b3p * b3r / (b3p + b3r) if b3p + b3r else 0.0,
        "xref": got / want if want else 0.0,
    }


@pytest.fixture(scope="module")
def heldout_scores(tmp_path_factory: pytest.TempPathFactory) -> dict[str, float]:
    index = tmp_path_factory.mktemp("heldout-index")
    capture = tmp_path_factory.mktemp("heldout-export") / "export.jsonl"
    with capture.open("w", encoding="utf-8") as fh, contextlib.redirect_stdout(fh):
        code = main(["export", str(HELDOUT / "articles"), "--index-dir", str(index)])
    assert code == 0
    records = [json.loads(line) for line in capture.read_text("utf-8").splitlines() if line]
    got = score(gold(), predicted(records))
    print(f"held-out scores: {got}")
    return got


def test_heldout_set_is_broad_and_its_gold_matches_its_articles() -> None:
    stems = sorted(p.stem for p in (HELDOUT / "articles").glob("*.txt"))
    assert len(stems) >= 12
    assert len({s.split("_")[0] for s in stems}) >= 7  # beats
    assert stems == sorted(p.stem for p in (HELDOUT / "gold").glob("*.json"))
    total = 0
    canon_label: dict[str, str] = {}
    for stem in stems:
        content = (HELDOUT / "articles" / f"{stem}.txt").read_text("utf-8")
        items = json.loads((HELDOUT / "gold" / f"{stem}.json").read_text("utf-8"))
        ends = 0
        for g in items:
            assert content[g["start"] : g["end"]] == g["text"]
            assert g["label"] in {"PER", "ORG", "LOC", "MISC"}
            assert g["start"] >= ends  # sorted, no overlap
            ends = g["end"]
            assert canon_label.setdefault(g["canonical"], g["label"]) == g["label"]
        total += len(items)
    assert total >= 500


def test_scorer_counts_a_perfect_export_as_perfect() -> None:
    g = gold()
    assert score(g, g) == {"strict": 1.0, "b3": 1.0, "xref": 1.0}
    some = dict(g)
    stem = sorted(some)[0]
    some[stem] = [(s, "MISC" if lab != "MISC" else "PER", c) for s, lab, c in some[stem]]
    assert score(g, some)["strict"] < 1.0


def test_heldout_strict_f1_floor(heldout_scores: dict[str, float]) -> None:
    assert heldout_scores["strict"] >= STRICT_FLOOR, heldout_scores


def test_heldout_b_cubed_floor(heldout_scores: dict[str, float]) -> None:
    assert heldout_scores["b3"] >= B3_FLOOR, heldout_scores


def test_heldout_link_recall_floor(heldout_scores: dict[str, float]) -> None:
    assert heldout_scores["xref"] >= XREF_FLOOR, heldout_scores
