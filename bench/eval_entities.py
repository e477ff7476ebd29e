#!/usr/bin/env python3
"""Score entity extraction + linking on the seeds against the shared gold annotation.

Usage: .venv/bin/python bench/eval_entities.py [SEEDS_DIR] [--gold DIR] [--tool PATH]
                                               [--keep FILE] [--errors]

Loads the articles with `reader.domain.corpus.load_corpus` when it exists (else a minimal
temporary loader), runs `Extractor.extract` and `link`, writes an export-like JSONL (SPEC §3:
path, title, text, mentions, title_mentions) and runs the scorer on it. Also prints the
extraction speed in words per second (model load excluded).
"""

from __future__ import annotations

import argparse
import collections
import hashlib
import json
import pathlib
import re
import subprocess
import sys
import tempfile
import time

ROOT = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from reader.domain.entities.linking import link  # noqa: E402
from reader.domain.entities.ner import Extractor  # noqa: E402
from reader.domain.model import Article  # noqa: E402


def _temp_load(paths: list[pathlib.Path]) -> list[Article]:
    """Stand-in loader: drop the leading ` date YYYY-MM` marker, a short first line is the
    title, paragraphs split on line breaks."""
    arts = []
    for p in paths:
        raw = p.read_text(encoding="utf-8")
        raw = re.sub(r"^\s*date \d{4}-\d{2}\s*", "", raw)
        title = ""
        first, _, rest = raw.partition("\n")
        if len(first) < 200 and not first.rstrip().endswith((".", "…")) and rest.strip():
            title, raw = first.strip(), rest
        text = raw.strip("\n")
        paras = []
        pos = 0
        for line in text.split("\n"):
            if line.strip():
                paras.append((pos, pos + len(line)))
            pos += len(line) + 1
        aid = p.stem
        h = hashlib.sha256(raw.encode()).hexdigest()
        arts.append(Article(aid, str(p), title, text, paras, content_hash=h))
    return arts


def load(seeds: pathlib.Path) -> tuple[list[Article], str]:
    paths = sorted(seeds.glob("*.txt"))
    try:
        from reader.domain.corpus import load_corpus  # type: ignore[attr-defined]
    except ImportError:
        return _temp_load(paths), "temporary loader"
    corpus = load_corpus([seeds])
    return list(corpus.articles), "reader.domain.corpus.load_corpus"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("seeds", nargs="?", default=str(ROOT / "seeds"))
    ap.add_argument("--gold", default=str(ROOT.parent / "shared" / "gold"))
    ap.add_argument("--tool", default=str(ROOT.parent / "shared" / "tools" / "entity_eval.py"))
    ap.add_argument("--keep", help="also write the JSONL export to this file")
    ap.add_argument("--errors", action="store_true", help="list FP/FN per article")
    ap.add_argument("--temp-loader", action="store_true", help="force the stand-in loader")
    ap.add_argument(
        "--speed", type=int, metavar="N", help="also time N copies vs spaCy's full pipeline"
    )
    args = ap.parse_args()

    seeds = pathlib.Path(args.seeds)
    if args.temp_loader:
        articles, how = _temp_load(sorted(seeds.glob("*.txt"))), "temporary loader"
    else:
        articles, how = load(seeds)
    print(f"loader: {how}, {len(articles)} articles")
    ex = Extractor()
    t0 = time.perf_counter()
    _ = ex.nlp
    t1 = time.perf_counter()
    raw = ex.extract(articles)
    t2 = time.perf_counter()
    res = link(articles, {a.id: r for a, r in zip(articles, raw, strict=True)})
    t3 = time.perf_counter()
    nwords = sum(len((a.title + " " + a.text).split()) for a in articles)
    print(
        f"model load {t1 - t0:.2f}s, extract {t2 - t1:.2f}s ({nwords / (t2 - t1):.0f} words/s), "
        f"link {t3 - t2:.3f}s"
    )
    lines = []
    for a in articles:
        ms = res.mentions.get(a.id, [])

        def rec(fld: str, ms: list = ms) -> list[dict[str, object]]:
            return [
                {
                    "start": m.start,
                    "end": m.end,
                    "text": m.text,
                    "label": m.label,
                    "entity": m.entity,
                }
                for m in ms
                if m.field == fld
            ]

        lines.append(
            json.dumps(
                {
                    "id": a.id,
                    "path": a.path,
                    "title": a.title,
                    "text": a.text,
                    "paragraphs": a.paragraphs,
                    "title_mentions": rec("title"),
                    "mentions": rec("text"),
                },
                ensure_ascii=False,
            )
        )
    out = (
        pathlib.Path(args.keep) if args.keep else pathlib.Path(tempfile.mkstemp(suffix=".jsonl")[1])
    )
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    proc = subprocess.run([sys.executable, args.tool, args.gold, str(out)], check=False)
    if args.speed:
        _speed(ex, articles, args.speed)
    if args.errors:
        _errors(args.gold, articles, res)
    return proc.returncode


def _speed(ex: Extractor, articles: list[Article], copies: int) -> None:
    """Words per second, model load excluded: our extraction (NER only + repair) against
    spaCy's full `fr_core_news_sm` pipeline over the same paragraphs."""
    import spacy

    arts = articles * copies
    nwords = sum(len((a.title + " " + a.text).split()) for a in arts)
    ex.extract(articles)  # warm up
    t = time.perf_counter()
    ex.extract(arts)
    ours = nwords / (time.perf_counter() - t)
    full = spacy.load("fr_core_news_sm")
    paras = [a.title for a in arts if a.title] + [
        a.text[s:e] for a in arts for s, e in a.paragraphs
    ]
    list(full.pipe(paras[:20]))
    t = time.perf_counter()
    list(full.pipe(paras, batch_size=32))
    theirs = nwords / (time.perf_counter() - t)
    print(
        f"speed on {nwords} words: extraction {ours:.0f} words/s, "
        f"spaCy full pipeline {theirs:.0f} words/s ({ours / theirs:.1f}x)"
    )


def _errors(gold_dir: str, articles: list[Article], res: object) -> None:
    for a in articles:
        g = pathlib.Path(gold_dir) / (pathlib.Path(a.path).stem + ".json")
        if not g.exists():
            continue
        gold = collections.Counter((m["text"], m["label"]) for m in json.loads(g.read_text()))
        pred = collections.Counter((m.text, m.label) for m in res.mentions.get(a.id, []))  # type: ignore[attr-defined]
        print(f"== {a.id}")
        print("  FP:", sorted((pred - gold).elements()))
        print("  FN:", sorted((gold - pred).elements()))


if __name__ == "__main__":
    raise SystemExit(main())
