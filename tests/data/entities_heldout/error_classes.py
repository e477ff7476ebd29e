"""Counts the errors of an export against this set's gold by class, aligned by offsets in the
raw file: wrong label (same span), cut short (inside a gold span), too long (contains one),
crossing (overlaps without containing), spurious (no gold span overlapped; `[boilerplate]`
when it lies in a passage of make_gold.BOILERPLATE), missed (no prediction overlaps it).

Run: python3 tests/data/entities_heldout/error_classes.py EXPORT.jsonl [--all]
(`--all` lists every error, else up to 4 examples a class). The export's `title` and `text`
fields are mapped back to the raw file with difflib; a title mention that lands on the same raw
span as a text mention counts once. For the figures use ../../../../shared/tools/entity_eval.py."""

from __future__ import annotations

import collections
import difflib
import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import make_gold  # noqa: E402


def mapper(field: str, raw: str) -> dict[int, int]:
    """Index in `field` -> index in `raw`, for the characters difflib matches."""
    sm = difflib.SequenceMatcher(None, field, raw, autojunk=False)
    out: dict[int, int] = {}
    for a, b, n in sm.get_matching_blocks():
        for k in range(n + 1):
            out[a + k] = b + k
    return out


def predicted(art: dict, raw: str) -> list[tuple[int, int, str, str]]:
    """The export's mentions of one article as (start, end, label, text) in the raw file."""
    seen: set[tuple[int, int]] = set()
    out = []
    for field, key in (("text", "mentions"), ("title", "title_mentions")):
        body = art.get(field) or ""
        mp = mapper(body, raw)
        for m in art.get(key) or []:
            s, e = mp.get(m["start"]), mp.get(m["end"])
            if s is None or e is None or raw[s:e] != body[m["start"] : m["end"]]:
                s = raw.find(body[m["start"] : m["end"]])
                e = s + (m["end"] - m["start"])
            if (s, e) in seen:
                continue
            seen.add((s, e))
            out.append((s, e, m["label"], body[m["start"] : m["end"]]))
    return out


def main() -> None:
    """Prints the count of each error class and examples."""
    export = Path(sys.argv[1])
    show_all = "--all" in sys.argv
    errors: dict[str, list[str]] = collections.defaultdict(list)
    for line in export.read_text(encoding="utf-8").splitlines():
        art = json.loads(line)
        stem = Path(art["path"]).stem
        raw = (make_gold.ARTICLES / f"{stem}.txt").read_text(encoding="utf-8")
        gold = json.loads((make_gold.GOLD_DIR / f"{stem}.json").read_text(encoding="utf-8"))
        boiler = make_gold.boilerplate_spans(stem, raw)
        preds = predicted(art, raw)
        hit: set[int] = set()
        for s, e, lab, txt in preds:
            over = [i for i, g in enumerate(gold) if s < g["end"] and e > g["start"]]
            hit.update(over)
            where = f"{stem}: "
            if not over:
                tag = " [boilerplate]" if any(a <= s and e <= b for a, b in boiler) else ""
                errors["spurious"].append(f"{where}{txt!r} {lab}{tag}")
                continue
            g = gold[over[0]]
            if len(over) == 1 and (s, e) == (g["start"], g["end"]):
                if lab != g["label"]:
                    errors["wrong label"].append(f"{where}{txt!r} {lab} (gold {g['label']})")
            elif len(over) == 1 and g["start"] <= s and e <= g["end"]:
                errors["cut short"].append(f"{where}{txt!r} {lab} (gold {g['text']!r})")
            elif all(s <= gold[i]["start"] and gold[i]["end"] <= e for i in over):
                golds = ", ".join(repr(gold[i]["text"]) for i in over)
                errors["too long"].append(f"{where}{txt!r} {lab} (gold {golds})")
            else:
                golds = ", ".join(repr(gold[i]["text"]) for i in over)
                errors["crossing"].append(f"{where}{txt!r} {lab} (gold {golds})")
        for i, g in enumerate(gold):
            if i not in hit:
                errors["missed"].append(f"{stem}: {g['text']!r} {g['label']}")
    for cls in ("wrong label", "spurious", "missed", "cut short", "too long", "crossing"):
        items = errors.get(cls, [])
        print(f"{cls}: {len(items)}")
        for it in items if show_all else items[:4]:
            print(f"    {it}")
    linking(export)


def linking(export: Path) -> None:
    """Prints the gold entities split over several predicted entities, the predicted entities
    that join several gold entities, and the article pairs of a shared gold entity that no
    single predicted entity links — aligned as entity_eval.py does (surface, k-th occurrence)."""
    pred: dict[str, list[tuple[str, str]]] = {}
    for line in export.read_text(encoding="utf-8").splitlines():
        art = json.loads(line)
        ms = []
        for field, key in (("title", "title_mentions"), ("text", "mentions")):
            body = art.get(field) or ""
            for m in art.get(key) or []:
                ms.append(
                    (
                        0 if field == "title" else 1,
                        m["start"],
                        body[m["start"] : m["end"]],
                        str(m["entity"]),
                    )
                )
        pred[Path(art["path"]).stem] = [(s, e) for _, _, s, e in sorted(ms)]
    aligned: list[tuple[str, str, str]] = []
    gold_arts: dict[str, set[str]] = collections.defaultdict(set)
    for g in sorted(make_gold.GOLD_DIR.glob("*.json")):
        gms = json.loads(g.read_text(encoding="utf-8"))
        by_p: dict[str, list[str]] = collections.defaultdict(list)
        for s, e in pred.get(g.stem, []):
            by_p[s].append(e)
        by_g: dict[str, list[str]] = collections.defaultdict(list)
        for m in gms:
            by_g[m["text"]].append(m["canonical"])
            gold_arts[m["canonical"]].add(g.stem)
        for s, cs in by_g.items():
            aligned.extend((g.stem, c, e) for c, e in zip(cs, by_p.get(s, []), strict=False))
    ents_of: dict[str, set[str]] = collections.defaultdict(set)
    golds_of: dict[str, set[str]] = collections.defaultdict(set)
    arts_of: dict[str, dict[str, set[str]]] = collections.defaultdict(
        lambda: collections.defaultdict(set)
    )
    for a, c, e in aligned:
        ents_of[c].add(e)
        golds_of[e].add(c)
        arts_of[c][e].add(a)
    split = {c: sorted(es) for c, es in ents_of.items() if len(es) > 1}
    merged = {e: sorted(cs) for e, cs in golds_of.items() if len(cs) > 1}
    print(f"gold entities split over several predicted entities: {len(split)}")
    for c, es in sorted(split.items()):
        print(f"    {c!r}: {es}")
    print(f"predicted entities joining several gold entities: {len(merged)}")
    for e, cs in sorted(merged.items()):
        print(f"    {e!r}: {cs}")
    missed = []
    for c, arts in gold_arts.items():
        pairs = {(x, y) for x in arts for y in arts if x < y}
        reached = set()
        for pa in arts_of[c].values():
            reached |= {(x, y) for x in pa for y in pa if x < y}
        missed.extend((c, x, y) for x, y in sorted(pairs - reached))
    print(f"article pairs of a shared gold entity not linked: {len(missed)}")
    for c, x, y in missed:
        print(f"    {c!r}: {x} / {y}")


if __name__ == "__main__":
    main()
