"""The reader benchmark suite: `.venv/bin/python -m bench [--sizes 1000,10000] [--json FILE]`.

It writes synthetic French corpora (`bench.corpus`) as `.txt` files to a temporary folder and
measures, each in a fresh process (`bench.probes`): the floors (reading the files, spaCy's full
pipeline, spaCy's NER alone on two processes, Whoosh without NER), the cold index build through
the real pipeline, re-indexing with nothing and with 1 % changed, Library search latency,
`reader search` as a whole process, first paint of the app on a warm index, the 20,000-word
article with 2,000 mentions, and resident memory with the corpus open. It prints a table (with
ratios to the floors and the targets of issue 7) and, with `--json`, writes every raw figure.

Deterministic inputs, no network. spaCy runs on the sizes up to `--ner-max` (default 1,000);
larger builds use a gazetteer in place of spaCy so that the rest of the pipeline (Whoosh,
passages, linking, store) is still measured at that size, and the table says so.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bench.corpus import bench_corpus, write_corpus

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable
READER = str(Path(PY).parent / "reader")

WORD_QUERIES = [
    "président",
    "sanctions",
    "Ukraine",
    "frontière",
    "militaire",
    "discussion",
    "téléphonique",
    "diplomatique",
    "Kremlin",
    "armée",
    "gaz",
    "invasion",
]
PHRASE_QUERIES = [
    '"président russe"',
    '"Maison Blanche"',
    '"lignes rouges"',
    '"escalade militaire"',
    '"deux dirigeants"',
    '"Union européenne"',
    '"sécurité nationale"',
    '"pourparlers virtuels"',
]
ENTITY_QUERIES = [
    "entity:Dumas",
    "entity:Gautier",
    "entity:Ukraine",
    "entity:Kremlin",
    "entity:Martin",
    "entity:Moscou",
    "entity:OTAN",
    "entity:Lyon",
]


@dataclass
class Row:
    """One line of the table."""

    what: str
    size: int | None
    value: str
    floor: str = ""
    target: str = ""
    status: str = ""
    note: str = ""


@dataclass
class Suite:
    """Options and the results gathered so far."""

    sizes: list[int]
    ner_max: int
    quick: bool
    work: Path
    repeats: int
    rows: list[Row] = field(default_factory=list)
    raw: dict[str, Any] = field(default_factory=dict)

    def env(self) -> dict[str, str]:
        env = dict(os.environ)
        env["READER_CONFIG_DIR"] = str(self.work / "config")
        env["READER_STATE_DIR"] = str(self.work / "state")
        env.pop("READER_INDEX_DIR", None)
        # Measure the program as installed, with its bytecode cached (pip compiles it at
        # install; a shell that sets this variable would make every probe recompile `reader`).
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env["PYTHONPATH"] = str(ROOT) + os.pathsep + env.get("PYTHONPATH", "")
        return env

    def probe(self, name: str, *args: str) -> dict[str, Any]:
        """Run `bench.probes NAME ARGS` in a fresh process; its JSON result, plus `spawned`."""
        spawned = time.monotonic()
        proc = subprocess.run(
            [PY, "-m", "bench.probes", name, *args],
            cwd=ROOT,
            env=self.env(),
            capture_output=True,
            text=True,
            check=False,
        )
        if proc.returncode != 0:
            raise RuntimeError(f"probe {name} failed:\n{proc.stderr[-3000:]}")
        out: dict[str, Any] = json.loads(proc.stdout.strip().splitlines()[-1])
        out["spawned"] = spawned
        return out

    def add(self, *args: Any, **kwargs: Any) -> None:
        row = Row(*args, **kwargs)
        self.rows.append(row)
        print(
            f"  {row.what} [{row.size or ''}]: {row.value} {row.floor} {row.status}",
            file=sys.stderr,
            flush=True,
        )


def _verdict(ok: bool, miss: str = "") -> str:
    return "holds" if ok else f"MISSES {miss}".strip()


def _rate(words: float, seconds: float) -> str:
    return f"{words / seconds:,.0f} words/s"


def _med(xs: list[float]) -> float:
    return statistics.median(xs)


# -- the steps ---------------------------------------------------------------------------------
def step_corpus(s: Suite, n: int) -> tuple[Path, dict[str, str]]:
    t0 = time.perf_counter()
    texts = bench_corpus(n, seed=0)
    folder = s.work / f"corpus-{n}"
    write_corpus(texts, folder, seed=0)
    s.raw[f"corpus_{n}_s"] = round(time.perf_counter() - t0, 2)
    return folder, texts


def step_floors(s: Suite, n: int, corpus: Path, words: int) -> dict[str, float]:
    floors: dict[str, float] = {}
    disk = [s.probe("disk", "--corpus", str(corpus)) for _ in range(3)]
    d = _med([x["seconds"] for x in disk])
    floors["disk"] = d
    s.raw[f"disk_{n}"] = disk
    mb = disk[0]["bytes"] / 2**20
    s.add(
        "floor: read the files (warm page cache)",
        n,
        f"{d:.3f} s",
        f"{mb / d:,.0f} MB/s",
        note=_rate(words, d),
    )
    ix = s.work / f"whoosh-floor-{n}"
    w = s.probe("whoosh", "--corpus", str(corpus), "--index", str(ix))
    shutil.rmtree(ix, ignore_errors=True)
    floors["whoosh"] = w["seconds"]
    s.raw[f"whoosh_floor_{n}"] = w
    s.add(
        "floor: Whoosh index, no NER (same schema)",
        n,
        f"{w['seconds']:.1f} s",
        _rate(words, w["seconds"]),
        note=f"peak RSS {w.get('vmhwm', 0):.0f} MB",
    )
    if n <= s.ner_max:
        sub = min(n, 25 if s.quick else 150)
        naive = s.probe("spacy", "--mode", "naive", "--corpus", str(corpus), "--limit", str(sub))
        ner = s.probe("spacy", "--mode", "ner", "--n-process", "2", "--corpus", str(corpus))
        s.raw[f"spacy_naive_{n}"] = naive
        s.raw[f"spacy_ner2_{n}"] = ner
        floors["naive_wps"] = naive["words"] / naive["seconds"]
        floors["ner_wps"] = ner["words"] / ner["seconds"]
        floors["model_load_s"] = ner["load_s"]
        s.add(
            "naive: spaCy full pipeline, 1 process",
            n,
            f"{floors['naive_wps']:,.0f} words/s",
            note=f"first {sub} articles ({naive['words']:,} words); load {naive['load_s']} s; "
            f"peak {naive.get('vmhwm', 0):.0f} MB",
        )
        s.add(
            "floor: spaCy NER alone, 2 processes, batch 32",
            n,
            f"{floors['ner_wps']:,.0f} words/s",
            note=f"{ner['words']:,} words; load {ner['load_s']} s; peak "
            f"{ner.get('vmhwm', 0):.0f} MB (parent)",
        )
    return floors


def step_build(
    s: Suite,
    n: int,
    corpus: Path,
    index: Path,
    words: int,
    floors: dict[str, float],
    ner_floors: dict[str, float],
) -> None:
    stub = n > s.ner_max
    args = ["--corpus", str(corpus), "--index", str(index)] + (["--stub-ner"] if stub else [])
    b = s.probe("build", *args)
    s.raw[f"build_{n}"] = b
    secs = b["seconds"]
    ner_s = b["stages"].get("finding entities", 0.0)
    rest = secs - ner_s
    stages = ", ".join(f"{k} {v:.1f}" for k, v in b["stages"].items() if v >= 0.05)
    if stub:
        s.add(
            "cold build, NER replaced by a gazetteer (NOT spaCy)",
            n,
            f"{secs:.1f} s ({n / secs:,.0f} articles/s)",
            f"{secs / floors['whoosh']:.2f}× Whoosh floor",
            note=f"stages (s): {stages}; peak {b.get('vmhwm', 0):.0f} MB",
        )
        return
    wps = words / secs
    naive = ner_floors.get("naive_wps")
    ner = ner_floors.get("ner_wps")
    ratio = wps / naive if naive else float("nan")
    s.add(
        "cold build with spaCy NER (real pipeline)",
        n,
        f"{secs:.1f} s: {n / secs:,.1f} articles/s, {wps:,.0f} words/s",
        f"{ratio:.2f}× naive; {wps / ner:.2f}× NER floor" if ner else "",
        "≥ 3× naive",
        "" if s.quick else _verdict(ratio >= 3, f"({ratio:.2f}×)"),
        note=f"stages (s): {stages}; NER stage {words / ner_s:,.0f} words/s incl. model load; "
        f"non-NER {rest:.1f} s = {rest / floors['whoosh']:.2f}× Whoosh floor; "
        f"peak {b.get('vmhwm', 0):.0f} MB",
    )


def step_reindex(s: Suite, n: int, corpus: Path, index: Path, tag: str) -> dict[str, Any]:
    """`is_current` then (if needed) `update`, with the extractor the index was built with
    (mixing the gazetteer and spaCy would re-link, and so re-index, most of the corpus)."""
    args = ["--corpus", str(corpus), "--index", str(index)]
    args += ["--stub-ner"] if n > s.ner_max else []
    args += ["--check-only"] if tag == "unchanged" else []
    r = s.probe("reindex", *args)
    s.raw[f"reindex_{tag}_{n}"] = r
    return r


def step_search(s: Suite, n: int, corpus: Path, index: Path) -> None:
    queries = s.work / "queries.json"
    queries.write_text(
        json.dumps(
            {"word": WORD_QUERIES, "phrase": PHRASE_QUERIES, "entity": ENTITY_QUERIES},
            ensure_ascii=False,
        ),
        encoding="utf-8",
    )
    r = s.probe(
        "search",
        "--corpus",
        str(corpus),
        "--index",
        str(index),
        "--queries",
        str(queries),
        "--repeats",
        str(s.repeats),
    )
    s.raw[f"search_{n}"] = r
    target = 50 if n <= 10_000 else 300
    worst = 0.0
    for limit in (10, 100):
        for kind in ("word", "phrase", "entity"):
            x = r[f"{kind}@{limit}"]
            if limit == 10:
                worst = max(worst, x["p95_ms"])
            s.add(
                f"search p50 / p95, {kind} queries, top {limit} with snippets",
                n,
                f"{x['p50_ms']:.1f} / {x['p95_ms']:.1f} ms",
                target=f"p95 ≤ {target} ms" if limit == 10 else "",
                status=""
                if s.quick or limit == 100
                else _verdict(x["p95_ms"] <= target, f"by {x['p95_ms'] - target:.0f} ms"),
                note=f"{x['mean_hits']} hits" + (" (the app's limit)" if limit == 100 else ""),
            )
    s.add(
        "open_library (store → Library)",
        n,
        f"{r['open_library_s']:.2f} s",
        note=f"first query (opens the searcher) {1000 * r['first_query_s']:.0f} ms; "
        f"RSS after opening {r['rss_after_open'].get('vmrss', 0):.0f} MB",
    )
    s.raw[f"search_worst_p95_{n}"] = worst


def step_cli(s: Suite, n: int, corpus: Path, index: Path) -> None:
    runs = 2 if s.quick else 7
    cmd = [READER, "search", "président", str(corpus), "--index-dir", str(index)]
    env = s.env()
    reader_t: list[float] = []
    bare_t: list[float] = []
    for _ in range(runs):
        t0 = time.perf_counter()
        subprocess.run([PY, "-c", "pass"], env=env, capture_output=True, check=True)
        bare_t.append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        proc = subprocess.run(cmd, env=env, capture_output=True, check=False)
        reader_t.append(time.perf_counter() - t0)
        if proc.returncode != 0:
            raise RuntimeError(proc.stderr.decode()[-2000:])
    imp = subprocess.run(
        [PY, "-X", "importtime", "-m", "reader", *cmd[1:]],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    ).stderr
    tops: dict[str, int] = {}
    for line in imp.splitlines():
        parts = line.split("|")
        if len(parts) == 3 and parts[2].strip() and not parts[2].startswith("  "):
            name = parts[2].strip()
            try:
                tops[name.split(".")[0]] = tops.get(name.split(".")[0], 0) + int(parts[1])
            except ValueError:
                continue
    heavy = [m for m in ("spacy", "textual", "thinc", "torch") if m in tops]
    biggest = sorted(tops.items(), key=lambda kv: -kv[1])[:4]
    med = _med(reader_t)
    s.raw[f"cli_{n}"] = {"reader_s": reader_t, "python_s": bare_t, "imports_us": tops}
    s.add(
        "`reader search` process, warm index",
        n,
        f"{med:.2f} s",
        f"bare python {_med(bare_t):.3f} s",
        "≤ 0.35 s",
        "" if s.quick else _verdict(med <= 0.35, f"by {med - 0.35:.2f} s"),
        note=f"median of {runs}; imports spaCy/Textual: {', '.join(heavy) or 'none'}; "
        "largest imports (ms): " + ", ".join(f"{k} {v / 1000:.0f}" for k, v in biggest),
    )


def step_paint(s: Suite, n: int, corpus: Path, index: Path) -> None:
    """First frame, and first *useful* frame (the list and the first article's text on screen)
    of the reader, side by side with a bare Textual app of the same layout showing the same
    content (`bench/bare_app.py`), headless (frames rendered to strings) and on a real
    pseudo-terminal (spawn → the article's marker word in the output)."""
    runs = 2 if s.quick else 5
    state = s.work / "paint-state"
    content = s.work / f"paint-content-{n}.json"
    marker = s.probe(
        "paint-content", "--corpus", str(corpus), "--index", str(index), "--out", str(content)
    )["marker"]
    reader_cmd = [READER, str(corpus), "--index-dir", str(index)]
    bare_cmd = [PY, str(ROOT / "bench" / "bare_app.py"), str(content)]
    first: list[float] = []
    useful: list[float] = []
    bare_first: list[float] = []
    bare: list[float] = []
    pty: list[float] = []
    pty_bare: list[float] = []
    rss: list[dict[str, float]] = []
    for _ in range(runs):  # interleaved: the machine's load moves both alike
        b = s.probe("paint", "--bare", "--content", str(content), "--state", str(state))
        bare.append(b["useful_frame"] - b["spawned"])
        b = s.probe("paint", "--bare", "--state", str(state))
        bare_first.append(b["first_frame"] - b["spawned"])
        r = s.probe(
            "paint",
            *("--corpus", str(corpus), "--index", str(index), "--state", str(state)),
            *("--content", str(content), "--settle", "2"),
        )
        first.append(r["first_frame"] - r["spawned"])
        useful.append(r["useful_frame"] - r["spawned"])
        rss.append({k: r[k] for k in ("vmrss", "vmhwm") if k in r})
        p = s.probe("pty", "--marker", marker, "--", *bare_cmd)
        pty_bare.append(p["useful"])
        p = s.probe("pty", "--marker", marker, "--", *reader_cmd)
        pty.append(p["useful"])
    s.raw[f"paint_{n}"] = {
        "first": first,
        "useful": useful,
        "bare_first": bare_first,
        "bare_useful": bare,
        "pty_useful": pty,
        "pty_bare_useful": pty_bare,
        "rss": rss,
        "marker": marker,
    }
    fb, bb = _med(first), _med(bare_first)
    s.add(
        "first paint (process start → first frame)",
        n,
        f"{fb:.2f} s",
        f"{fb / bb:.2f}× bare Textual's empty frame ({bb:.2f} s)",
        note=f"median of {runs}, headless, frames rendered to strings",
    )
    for what, mine, theirs in (
        ("headless", useful, bare),
        ("real terminal (pty)", pty, pty_bare),
    ):
        m, b = _med(mine), _med(theirs)
        s.add(
            f"first useful frame, {what} (list + first article's text)",
            n,
            f"{m:.2f} s",
            f"{m / b:.2f}× the bare app showing the same ({b:.2f} s)",
            "≤ 1.0 s, ≤ 1.5× bare",
            "" if s.quick else _verdict(m <= 1.0 and m / b <= 1.5, f"({m:.2f} s, {m / b:.2f}×)"),
            note=f"median of {runs}, interleaved; spawn → first frame showing the word "
            f"{marker!r} of the article pane",
        )
    hwm = _med([x.get("vmhwm", 0.0) for x in rss])
    s.add(
        "memory: app with the corpus open (peak RSS)",
        n,
        f"{hwm:.0f} MB",
        target="≤ 400 MB" if n >= 10_000 else "",
        status="" if s.quick or n < 10_000 else _verdict(hwm <= 400, f"by {hwm - 400:.0f} MB"),
        note="VmHWM of the app process 2 s after the first useful frame (library open, "
        f"workers running); current {_med([x.get('vmrss', 0.0) for x in rss]):.0f} MB",
    )


def step_step(s: Suite, n: int, corpus: Path, index: Path) -> None:
    """`]` on the entity with the most mentions (the reader open on the whole index)."""
    state = s.work / "step-state"
    r = s.probe(
        "step",
        "--corpus",
        str(corpus),
        "--index",
        str(index),
        "--state",
        str(state),
        "--repeats",
        "4" if s.quick else "12",
    )
    s.raw[f"step_{n}"] = r
    steps = r["step_ms"]
    crossing = [x for x, c in zip(steps, r["crossed"], strict=True) if c] or steps
    worst = max(steps)
    s.add(
        f"`]` on the most common entity ({r['entity']}: {r['mentions']:,} mentions in "
        f"{r['articles']:,} articles)",
        n,
        f"{_med(steps):.0f} ms",
        target="≤ 100 ms",
        status="" if s.quick else _verdict(worst <= 100, f"(worst {worst:.0f} ms)"),
        note=f"key → frame; into another article (median) {_med(crossing):.0f} ms, worst "
        f"{worst:.0f} ms; selecting it {r['select_ms']:.0f} ms (panel rows from a worker "
        f"after {r['select_rows_ms']:.0f} ms)",
    )


def step_big(s: Suite) -> None:
    r = s.probe("big", "--state", str(s.work / "big-state"), "--repeats", "3" if s.quick else "7")
    s.raw["big"] = r
    o, st = _med(r["open_ms"]), _med(r["step_ms"][1:] or r["step_ms"])
    s.add(
        f"open the {r['words']:,}-word article with {r['mentions']:,} mentions",
        None,
        f"{o:.0f} ms",
        target="≤ 100 ms",
        status="" if s.quick else _verdict(o <= 100, f"by {o - 100:.0f} ms"),
        note="goto → first frame, median; " + ", ".join(f"{x:.0f}" for x in r["open_ms"]),
    )
    s.add(
        "`]` on it (next mention of the entity)",
        None,
        f"{st:.0f} ms",
        target="≤ 50 ms",
        status="" if s.quick else _verdict(st <= 50, f"by {st - 50:.0f} ms"),
        note=f"key → first frame, median after the first ({r['step_ms'][0]:.0f} ms, "
        "computes the entity's mentions)",
    )


def run_size(s: Suite, n: int, ner_floors: dict[str, float]) -> None:
    print(f"== {n:,} articles", file=sys.stderr, flush=True)
    corpus, texts = step_corpus(s, n)
    words = sum(len(t.split()) for t in texts.values())
    s.raw[f"words_{n}"] = words
    floors = step_floors(s, n, corpus, words)
    if "naive_wps" in floors:
        ner_floors.update(floors)
    index = s.work / f"index-{n}"
    step_build(s, n, corpus, index, words, floors, ner_floors)
    r = step_reindex(s, n, corpus, index, "unchanged")
    s.add(
        "re-index, nothing changed: is_current (fresh process)",
        n,
        f"{r['is_current_s']:.3f} s",
        target="≤ 1 s (10k)",
        status="" if s.quick else _verdict(r["is_current"] and r["is_current_s"] <= 1.0),
        note=f"current={r['is_current']}; imports {', '.join(r['is_current_imports']) or 'none'}"
        f"; without opening the search index (`reader search`): "
        f"{r['is_current_no_search_check_s']:.3f} s"
        + (f"; then update() {r['update_s']:.2f} s" if "update_s" in r else ""),
    )
    step_search(s, n, corpus, index)
    step_cli(s, n, corpus, index)
    step_paint(s, n, corpus, index)
    step_step(s, n, corpus, index)
    # 1 % of the files change (a sentence appended), then update() with spaCy for those.
    files = sorted(corpus.glob("*.txt"))
    step = max(1, len(files) // max(1, n // 100))
    changed = files[::step][: max(1, n // 100)]
    for f in changed:
        with f.open("a", encoding="utf-8") as fh:
            fh.write("\nMise à jour : le porte-parole a confirmé la rencontre mardi soir.\n")
    r = step_reindex(s, n, corpus, index, "1pct")
    model = ner_floors.get("model_load_s") if n <= s.ner_max else None
    s.add(
        f"re-index, 1 % changed ({len(changed)} files, "
        + ("spaCy)" if n <= s.ner_max else "gazetteer as in the build, NOT spaCy)"),
        n,
        f"{r['update_s']:.1f} s",
        note="stages (s): "
        + ", ".join(f"{k} {v:.1f}" for k, v in r["stages"].items() if v >= 0.05)
        + (f"; model load alone ≈ {model} s" if model else ""),
    )


def print_table(s: Suite) -> None:
    """The results as a Markdown table on stdout."""
    print("| measure | articles | value | vs floor | target | verdict | notes |")
    print("|---|---:|---|---|---|---|---|")
    for r in s.rows:
        size = f"{r.size:,}" if r.size else "—"
        print(f"| {r.what} | {size} | {r.value} | {r.floor} | {r.target} | {r.status} | {r.note} |")


def _compile_bytecode() -> None:
    """Cache the bytecode of `reader` and of the suite, as an installed package has it."""
    import compileall

    import reader

    for folder in (Path(reader.__file__).parent, ROOT / "bench"):
        compileall.compile_dir(folder, quiet=1, force=False)


def main(argv: list[str] | None = None) -> int:
    """Run the suite; print the table; write JSON if asked."""
    p = argparse.ArgumentParser(prog="python -m bench", description=__doc__.splitlines()[0])
    p.add_argument(
        "--sizes",
        default="1000,10000",
        help="comma-separated corpus sizes (default 1000,10000; 100000 possible)",
    )
    p.add_argument(
        "--ner-max",
        type=int,
        default=1000,
        help="largest size built with spaCy; larger ones use a gazetteer (default 1000)",
    )
    p.add_argument("--quick", action="store_true", help="50 articles, few repeats, no verdicts")
    p.add_argument("--json", type=Path, metavar="FILE", help="write every raw figure here")
    p.add_argument("--keep", type=Path, metavar="DIR", help="work in DIR and keep it")
    a = p.parse_args(argv)
    sizes = [50] if a.quick else [int(x) for x in a.sizes.split(",") if x.strip()]
    work = a.keep or Path(tempfile.mkdtemp(prefix="reader-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    s = Suite(
        sizes,
        max(a.ner_max, 50) if a.quick else a.ner_max,
        a.quick,
        work,
        repeats=1 if a.quick else 3,
    )
    started = time.perf_counter()
    _compile_bytecode()
    try:
        ner_floors: dict[str, float] = {}
        for n in sizes:
            run_size(s, n, ner_floors)
        step_big(s)
    finally:
        if a.keep is None:
            shutil.rmtree(work, ignore_errors=True)
    total = time.perf_counter() - started
    print(
        f"reader benchmark — {platform.python_version()}, {os.cpu_count()} CPUs, "
        f"sizes {','.join(map(str, sizes))}, {total:.0f} s"
        + (" (quick mode: no verdicts)" if a.quick else "")
    )
    print()
    print_table(s)
    if a.json:
        a.json.write_text(
            json.dumps(
                {
                    "seconds": round(total, 1),
                    "sizes": sizes,
                    "rows": [r.__dict__ for r in s.rows],
                    "raw": s.raw,
                },
                ensure_ascii=False,
                indent=1,
            ),
            encoding="utf-8",
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
