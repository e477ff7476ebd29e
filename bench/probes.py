"""The measurements that run in a fresh process, one per call: `python -m bench.probes NAME ...`.

Each probe prints one JSON object on its last stdout line. Running them in their own process
keeps module imports, caches and peak memory of one measurement out of the next, and lets the
start-up probes time a process from its very beginning (`time.monotonic()` is system-wide on
Linux, so the parent's spawn time and the child's timestamps share one clock).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import re
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

T_START = time.monotonic()


def rss_mb() -> dict[str, float]:
    """Current (VmRSS) and peak (VmHWM) resident memory of this process, in MB."""
    out: dict[str, float] = {}
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith(("VmRSS:", "VmHWM:")):
                    key, value = line.split(":", 1)
                    out[key.lower()] = round(int(value.split()[0]) / 1024, 1)
    except OSError:
        import resource

        out["vmhwm"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
    return out


def _emit(obj: dict[str, Any]) -> None:
    sys.stdout.write("\n" + json.dumps(obj) + "\n")
    sys.stdout.flush()


def _stub_ner() -> None:
    """Replace spaCy by the bench gazetteer (for builds the suite cannot afford with spaCy)."""
    import reader.domain.entities.ner as ner
    from bench.corpus import GazetteerExtractor

    ner.Extractor = GazetteerExtractor  # type: ignore[misc,assignment]


def _stage_timer() -> tuple[Callable[[str, int, int], None], dict[str, float]]:
    """A progress callback that records how long each pipeline stage lasted."""
    spans: dict[str, list[float]] = {}

    def progress(stage: str, done: int, total: int) -> None:
        now = time.perf_counter()
        span = spans.setdefault(stage, [now, now])
        span[1] = now

    stages: dict[str, float] = {}

    def finish() -> None:
        names = list(spans)
        for i, name in enumerate(names):
            end = spans[names[i + 1]][0] if i + 1 < len(names) else spans[name][1]
            stages[name] = round(end - spans[name][0], 3)

    progress.finish = finish  # type: ignore[attr-defined]
    return progress, stages


# -- index builds ------------------------------------------------------------------------------
def probe_build(corpus: Path, index: Path, stub: bool) -> dict[str, Any]:
    """Cold `pipeline.update` of `corpus` into an empty `index`."""
    if stub:
        _stub_ner()
    from reader.domain import pipeline

    progress, stages = _stage_timer()
    t0 = time.perf_counter()
    report = pipeline.update([corpus], index, progress=progress)
    seconds = time.perf_counter() - t0
    progress.finish()  # type: ignore[attr-defined]
    return {
        "seconds": round(seconds, 3),
        "added": report.added,
        "analysed": report.analysed,
        "problems": len(report.problems),
        "stages": stages,
        **rss_mb(),
    }


def probe_reindex(
    corpus: Path, index: Path, stub: bool, check_only: bool = False
) -> dict[str, Any]:
    """`is_current` then `update` in a fresh process, as `reader` does on start (with
    `check_only`, `update` runs only when the index is not current, as the command line does)."""
    if stub:
        _stub_ner()
    before = set(sys.modules)
    t0 = time.perf_counter()
    from reader.domain import pipeline

    current = pipeline.is_current([corpus], index)
    t_current = time.perf_counter() - t0
    loaded = sorted({m.split(".")[0] for m in set(sys.modules) - before})
    t2 = time.perf_counter()
    cheap = pipeline.is_current([corpus], index, verify_search=False)
    t_cheap = time.perf_counter() - t2
    out: dict[str, Any] = {
        "is_current": current,
        "is_current_s": round(t_current, 4),
        "is_current_imports": [m for m in loaded if m in ("spacy", "textual", "whoosh", "numpy")],
        "is_current_no_search_check_s": round(t_cheap, 4),
        "is_current_no_search_check": cheap,
    }
    if check_only and current:
        return out
    progress, stages = _stage_timer()
    t1 = time.perf_counter()
    report = pipeline.update([corpus], index, progress=progress)
    t_update = time.perf_counter() - t1
    progress.finish()  # type: ignore[attr-defined]
    return out | {
        "update_s": round(t_update, 3),
        "changed": report.changed + report.added + report.removed,
        "analysed": report.analysed,
        "stages": stages,
    }


# -- floors ------------------------------------------------------------------------------------
def _read_texts(corpus: Path, limit: int | None) -> list[str]:
    files = sorted(corpus.glob("*.txt"))[:limit]
    return [f.read_text(encoding="utf-8") for f in files]


def probe_disk(corpus: Path) -> dict[str, Any]:
    """Read every file (bytes, then UTF-8 decoding): the floor under any indexing."""
    t0 = time.perf_counter()
    n = size = 0
    for entry in sorted(os.scandir(corpus), key=lambda e: e.name):
        with open(entry.path, "rb") as fh:
            data = fh.read()
        data.decode("utf-8")
        n += 1
        size += len(data)
    return {"seconds": round(time.perf_counter() - t0, 4), "files": n, "bytes": size}


def probe_spacy(corpus: Path, mode: str, limit: int | None, n_process: int) -> dict[str, Any]:
    """spaCy over the article texts: `naive` (the full pipeline, as `spacy.load` gives it) or
    `ner` (the NER component alone, which in fr_core_news_sm has its own tok2vec)."""
    texts = _read_texts(corpus, limit)
    words = sum(len(t.split()) for t in texts)
    t0 = time.perf_counter()
    import spacy

    if mode == "naive":
        nlp = spacy.load("fr_core_news_sm")
    else:
        others = ["tok2vec", "morphologizer", "parser", "attribute_ruler", "lemmatizer", "senter"]
        nlp = spacy.load("fr_core_news_sm", exclude=others)
    t_load = time.perf_counter() - t0
    t1 = time.perf_counter()
    ents = 0
    kwargs: dict[str, Any] = {"batch_size": 32}
    if n_process > 1:
        kwargs["n_process"] = n_process
    for doc in nlp.pipe(texts, **kwargs):
        ents += len(doc.ents)
    seconds = time.perf_counter() - t1
    return {
        "load_s": round(t_load, 2),
        "seconds": round(seconds, 3),
        "articles": len(texts),
        "words": words,
        "entities": ents,
        **rss_mb(),
    }


def probe_whoosh(corpus: Path, index: Path) -> dict[str, Any]:
    """The project's Whoosh index (same schema and analysis) over the raw texts, no NER."""
    from reader.domain.search import IndexDoc, SearchIndex

    files = sorted(corpus.glob("*.txt"))
    t0 = time.perf_counter()
    docs = []
    for f in files:
        text = f.read_text(encoding="utf-8")
        lines = text.split("\n", 2)
        docs.append(IndexDoc(id=f.stem, path=str(f), title=lines[1].lstrip("# "), text=lines[2]))
    ix = SearchIndex.create(index)
    ix.update(docs)
    ix.close()
    return {"seconds": round(time.perf_counter() - t0, 3), "articles": len(docs), **rss_mb()}


# -- search ------------------------------------------------------------------------------------
def _pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    k = max(0, min(len(ordered) - 1, round(q * (len(ordered) - 1))))
    return ordered[k]


def probe_search(corpus: Path, index: Path, queries: Path, repeats: int) -> dict[str, Any]:
    """Library search latency (one shared searcher, snippets included) per kind of query."""
    from reader.domain import pipeline

    t0 = time.perf_counter()
    current = pipeline.is_current([corpus], index)
    t_current = time.perf_counter() - t0
    t1 = time.perf_counter()
    library = pipeline.open_library([corpus], index)
    t_open = time.perf_counter() - t1
    after_open = rss_mb()
    kinds: dict[str, list[str]] = json.loads(queries.read_text(encoding="utf-8"))
    first_q = next(iter(kinds.values()))[0]
    t2 = time.perf_counter()
    library.search(first_q, 10)
    t_first = time.perf_counter() - t2
    out: dict[str, Any] = {
        "is_current": current,
        "is_current_s": round(t_current, 4),
        "open_library_s": round(t_open, 3),
        "first_query_s": round(t_first, 4),
        "rss_after_open": after_open,
    }
    for limit in (10, 100):
        for kind, qs in kinds.items():
            for q in qs:  # warm-up pass
                library.search(q, limit)
            times: list[float] = []
            hits = 0
            for _ in range(repeats):
                for q in qs:
                    t = time.perf_counter()
                    result = library.search(q, limit)
                    times.append(time.perf_counter() - t)
                    hits += len(result.hits)
            out[f"{kind}@{limit}"] = {
                "p50_ms": round(1000 * statistics.median(times), 2),
                "p95_ms": round(1000 * _pct(times, 0.95), 2),
                "n": len(times),
                "mean_hits": round(hits / max(1, len(times)), 1),
            }
    out.update(rss_mb())
    return out


# -- the app -------------------------------------------------------------------------------------
def assume_current() -> None:
    """For a store made without its corpus or search index (`--assume-current`: a 100,000-
    article store built by copying a smaller one): the app takes it as current and does not
    watch the folder, so that nothing is re-indexed while it is timed."""
    from reader.domain import pipeline
    from reader.ui.corpus_watch import CorpusWatcher

    pipeline.is_current = lambda *args, **kwargs: True  # type: ignore[assignment]
    CorpusWatcher.start = lambda self: None  # type: ignore[method-assign]


#: Terminal control sequences (CSI, OSC, DCS, two-byte escapes): what is left is the text shown.
_ESCAPES = re.compile(
    r"\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)|P[^\x1b]*\x1b\\|[@-Z\\-_])"
)


def screen_text(raw: str) -> str:
    """The characters a terminal would show from `raw` output (control sequences dropped)."""
    return _ESCAPES.sub("", raw)


class _Frames:
    """Records when Textual produces a frame (headless: rendered to the string a terminal
    driver would write, not written), and when a frame first shows `marker`."""

    def __init__(self, marker: str | None = None) -> None:
        self.times: list[float] = []
        self.marker = marker
        self.marker_time: float | None = None
        self.marker_cpu: float | None = None  # CPU seconds of the process by then (all threads)

    def install(self) -> None:
        from textual.app import App

        original = App._display
        frames = self

        def display(app: Any, screen: Any, renderable: Any) -> None:
            if renderable is not None and not app._batch_count:
                out = ""
                with contextlib.suppress(Exception):  # what a terminal driver would do
                    out = renderable.render_segments(app.console)
                now = time.monotonic()
                frames.times.append(now)
                if (
                    frames.marker
                    and frames.marker_time is None
                    and frames.marker in screen_text(out)
                ):
                    frames.marker_time = now
                    frames.marker_cpu = time.process_time()
            original(app, screen, renderable)

        App._display = display  # type: ignore[method-assign]

    def after(self, t: float) -> float | None:
        for x in self.times:
            if x > t:
                return x
        return None

    async def wait_after(self, t: float, timeout: float = 30.0) -> float | None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            got = self.after(t)
            if got is not None:
                return got
            await asyncio.sleep(0.001)
        return None

    async def wait_marker(self, timeout: float = 120.0) -> float | None:
        deadline = time.monotonic() + timeout
        while self.marker_time is None and time.monotonic() < deadline:
            await asyncio.sleep(0.002)
        return self.marker_time


def _bare_app(content: dict[str, Any] | None = None) -> Any:
    """The bare app of `bench/bare_app.py` (the same layout as the reader), showing `content`
    (without content: header, empty panes and footer, the old yardstick)."""
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from bare_app import BareApp

    return BareApp(content)


def _marker(text: str, shown: str, skip: int = 15) -> str:
    """A word of `text` that a screen shows only once the article is on it: past the first
    `skip` words (the bench's titles are the text's first words), at least 8 letters (a word
    is never broken across lines), found nowhere in `shown` (the list rows)."""
    words = text[:1500].split()
    for word in words[skip:]:
        if len(word) >= 8 and word.isalpha() and word not in shown:
            return word
    for word in words:
        if len(word) >= 6 and word.isalpha() and word not in shown:
            return word
    return words[0] if words else ""


def probe_paint_content(corpus: Path, index: Path, out: Path, rows: int = 60) -> dict[str, Any]:
    """Write what the reader's first useful frame shows (the list rows on screen, the first
    article's title and text) for the bare app, and a marker word that only the article pane
    shows; not timed."""
    from reader.domain import pipeline

    library = pipeline.open_library([corpus], index, verify=False)
    order = library.order()
    lines: list[str] = []
    titles: list[str] = []
    for aid in order[:rows]:
        info = library.info(aid)
        titles.append(info.title)
        lines.append(f"● {info.title}")
        lines.append(f"  {info.date or ''} · {library.entity_count(aid)} entities")
    first = library.article(order[0]) if order else None
    text = first.text if first else ""
    shown = "\n".join(titles + [library.info(a).title for a in order[rows : rows + 200]])
    content = {
        "header": f"reader — {corpus.name}",
        "rows": lines,
        "title": first.title if first else "",
        "text": text,
        "panel": "This article: its mentions\nSelect a mention (e, enter, click) to follow it.",
        "marker": _marker(text, shown),
    }
    library.close()
    out.write_text(json.dumps(content, ensure_ascii=False), encoding="utf-8")
    return {"marker": content["marker"], "article": order[0] if order else None}


def probe_paint(
    corpus: Path | None,
    index: Path | None,
    state: Path,
    bare: bool,
    content: Path | None = None,
    settle: float = 0.3,
) -> dict[str, Any]:
    """Process start → first frame, → first frame showing the library, and → first useful
    frame (the first whose output shows the marker word of `content`: the first article's text
    is on screen), of the reader or of the bare app showing the same `content`."""
    shown = json.loads(content.read_text(encoding="utf-8")) if content else None
    frames = _Frames(shown["marker"] if shown else None)
    library_shown: list[float] = []
    t_import0 = time.monotonic()
    if bare:
        app = _bare_app(shown)
        frames.install()
    else:
        from reader.ui import app as app_module

        assert corpus is not None and index is not None
        app = app_module.create_app([corpus], index, state_dir=state)
        frames.install()
        original = app_module.ReaderApp.install_library

        def install(self: Any, library: Any, *, final: bool) -> None:
            original(self, library, final=final)
            library_shown.append(time.monotonic())

        app_module.ReaderApp.install_library = install  # type: ignore[method-assign]
    t_imported = time.monotonic()
    result: dict[str, Any] = {}

    async def run() -> None:
        async with app.run_test(headless=True, size=(160, 48)) as pilot:
            first = await frames.wait_after(0.0)
            result["first_frame"] = first
            if not bare:
                deadline = time.monotonic() + 120
                while not library_shown and time.monotonic() < deadline:
                    await asyncio.sleep(0.005)
                if library_shown:
                    result["content_frame"] = await frames.wait_after(library_shown[0])
            if frames.marker:
                result["useful_frame"] = await frames.wait_marker()
                result["useful_cpu"] = frames.marker_cpu
            await pilot.pause(settle)
            result.update(rss_mb())

    asyncio.run(run())
    result.update({"t_start": T_START, "t_import0": t_import0, "t_imported": t_imported})
    return result


def probe_pty(
    command: list[str], marker: str, settle: float = 0.0, size: tuple[int, int] = (160, 48)
) -> dict[str, Any]:
    """Spawn `command` on a real pseudo-terminal of `size` (columns, lines) and time spawn →
    the first output showing `marker` (control sequences dropped), as a person watching a
    terminal would; after `settle` more seconds, the process's peak memory. Then `q`."""
    import fcntl
    import pty
    import select
    import signal
    import struct
    import subprocess
    import termios

    master, slave = pty.openpty()
    fcntl.ioctl(master, termios.TIOCSWINSZ, struct.pack("HHHH", size[1], size[0], 0, 0))
    env = dict(os.environ, TERM="xterm-256color", COLORTERM="truecolor")
    spawned = time.monotonic()
    proc = subprocess.Popen(
        command,
        stdin=slave,
        stdout=slave,
        stderr=slave,
        env=env,
        start_new_session=True,
        close_fds=True,
    )
    os.close(slave)
    raw = ""
    seen: float | None = None
    out: dict[str, Any] = {}
    deadline = spawned + 180

    def drain(until: float) -> bool:
        nonlocal raw, seen
        while time.monotonic() < until:
            ready, _, _ = select.select([master], [], [], 0.005)
            if not ready:
                if proc.poll() is not None:
                    return False
                continue
            try:
                chunk = os.read(master, 1 << 16)
            except OSError:
                return False
            if not chunk:
                return False
            now = time.monotonic()
            raw = (raw + chunk.decode("utf-8", "replace"))[-200_000:]
            if seen is None and marker in screen_text(raw[-(len(chunk) + 4096) :]):
                seen = now
                return True
        return True

    drain(deadline)
    out["useful"] = None if seen is None else round(seen - spawned, 4)
    if seen is not None and settle > 0:
        drain(time.monotonic() + settle)
    with contextlib.suppress(OSError), open(f"/proc/{proc.pid}/status", encoding="ascii") as fh:
        for line in fh:
            if line.startswith(("VmRSS:", "VmHWM:")):
                key, value = line.split(":", 1)
                out[key.lower()] = round(int(value.split()[0]) / 1024, 1)
    with contextlib.suppress(OSError):
        os.write(master, b"q")
    end = time.monotonic() + 5
    while proc.poll() is None and time.monotonic() < end:
        drain(time.monotonic() + 0.05)
    if proc.poll() is None:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
    os.close(master)
    if seen is None:
        out["tail"] = screen_text(raw)[-500:]
    return out


def probe_step(corpus: Path, index: Path, state: Path, steps: int) -> dict[str, Any]:
    """`]` on the entity with the most mentions: open the reader on the index, select that
    entity's first mention, then press `]` `steps` times; key → the first frame after the key
    was handled, each step (and whether it crossed into another article)."""
    from reader.ui import app as app_module
    from reader.ui.article_view import ArticleView
    from reader.ui.history import Location

    app = app_module.create_app([corpus], index, state_dir=state)
    frames = _Frames()
    frames.install()
    result: dict[str, Any] = {}
    handled: list[float] = []
    original = app_module.ReaderApp.action_entity_step

    def step(self: Any, delta: int) -> None:
        original(self, delta)
        handled.append(time.monotonic())

    app_module.ReaderApp.action_entity_step = step  # type: ignore[method-assign]

    async def run() -> None:
        async with app.run_test(headless=True, size=(160, 48)) as pilot:
            deadline = time.monotonic() + 300
            while "index current" not in str(app.sub_title) and time.monotonic() < deadline:
                await asyncio.sleep(0.05)
            # the background work (quotations grouped, novelty) may still run, as it would
            # while someone reads: the keys are timed against it
            await pilot.pause(1.0)
            library = app.library
            assert library is not None
            ent = max(library.entities.values(), key=lambda e: e.mentions)
            rank = {aid: i for i, aid in enumerate(library.order())}
            first = min(ent.articles, key=lambda a: rank.get(a, len(rank)))
            mentions = [m for m in library.mentions[first] if m.entity == ent.id]
            mentions.sort(key=lambda m: (m.field != "title", m.start))
            result.update(entity=ent.name, mentions=ent.mentions, articles=len(ent.articles))
            app.goto(Location(first))
            await pilot.pause(0.2)
            view = app.query_one(ArticleView)
            view.focus()
            t0 = time.monotonic()
            view.select_at(mentions[0].field, mentions[0].start)  # posts MentionSelected
            await pilot.pause(0)
            t1 = await frames.wait_after(time.monotonic())
            result["select_ms"] = round(1000 * ((t1 or t0) - t0), 1)
            panel = app.query_one("#xref-pane")
            while getattr(panel, "_refs_pending", False) and time.monotonic() - t0 < 120:
                await asyncio.sleep(0.01)  # the panel's rows, from a worker
            result["select_rows_ms"] = round(1000 * (time.monotonic() - t0), 1)
            await pilot.pause(0.2)
            ms: list[float] = []
            crossed: list[bool] = []
            for _ in range(steps):
                before = app.current
                handled.clear()
                t0 = time.monotonic()
                await pilot.press("right_square_bracket")
                while not handled:
                    await asyncio.sleep(0.001)
                t1 = await frames.wait_after(handled[0])  # the frame showing the move
                assert t1 is not None
                ms.append(round(1000 * (t1 - t0), 1))
                crossed.append(app.current != before)
                selected = view.selected_mention
                assert selected is not None and selected.entity == ent.id, "] went astray"
                await pilot.pause(0.03)
            result["step_ms"] = ms
            result["crossed"] = crossed
            result.update(rss_mb())

    asyncio.run(run())
    return result


# -- the big article -------------------------------------------------------------------------------
def big_library(words: int = 20_000, mentions: int = 2_000, entities: int = 50) -> Any:
    """A `Library` with one article of `words` words holding `mentions` mentions of
    `entities` people (every tenth word), and one short article first in reading order."""
    from bench.corpus import LAST, bench_corpus
    from reader.domain.library import Library
    from reader.domain.model import Article, Entity, Mention

    pool = " ".join(bench_corpus(60, seed=7).values()).split()
    names = LAST[:entities]
    every = words // mentions
    parts: list[str] = []
    paragraphs: list[tuple[int, int]] = []
    ms: list[Mention] = []
    pos = para_start = 0
    for i in range(words):
        if i % every == every - 1:
            k = (i // every) % len(names)
            word = names[k]
            ms.append(Mention("text", pos, pos + len(word), word, "PER", f"e{k}"))
        else:
            word = pool[i % len(pool)]
        parts.append(word)
        pos += len(word)
        if i % 120 == 119 or i == words - 1:
            paragraphs.append((para_start, pos))
            parts.append("\n\n")
            pos += 2
            para_start = pos
        else:
            parts.append(" ")
            pos += 1
    text = "".join(parts).rstrip()
    big = Article("big", "big.txt", "Un très long article", text, paragraphs, date="2021-12")
    small_text = f"{names[0]} et {names[1]} se sont parlé mardi."
    small = Article(
        "small", "small.txt", "Un court article", small_text, [(0, len(small_text))], date="2021-01"
    )
    small_ms = [
        Mention("text", 0, len(names[0]), names[0], "PER", "e0"),
        Mention(
            "text", len(names[0]) + 4, len(names[0]) + 4 + len(names[1]), names[1], "PER", "e1"
        ),
    ]
    counts = {f"e{k}": 0 for k in range(len(names))}
    for m in ms + small_ms:
        counts[m.entity] += 1
    ents = {
        f"e{k}": Entity(f"e{k}", n, "PER", [n], counts[f"e{k}"], ["big", "small"])
        for k, n in enumerate(names)
    }
    return Library(
        articles={"big": big, "small": small},
        mentions={"big": ms, "small": small_ms},
        entities=ents,
    )


def probe_big(state: Path, repeats: int) -> dict[str, Any]:
    """Open the big article (→ first frame after), then `]` on its mentions (→ next frame)."""
    from reader.ui.app import create_app
    from reader.ui.article_view import ArticleView
    from reader.ui.history import Location

    library = big_library()
    app = create_app([], state / "index", library=library, state_dir=state)
    frames = _Frames()
    frames.install()
    result: dict[str, Any] = {
        "words": len(library.article("big").text.split()),
        "mentions": len(library.mentions["big"]),
    }

    async def run() -> None:
        async with app.run_test(headless=True, size=(160, 48)) as pilot:
            await pilot.pause(0.2)
            opens: list[float] = []
            for _ in range(repeats):
                app.goto(Location("small"))
                await pilot.pause(0.05)
                t0 = time.monotonic()
                app.goto(Location("big"))
                t1 = await frames.wait_after(t0)
                assert t1 is not None
                opens.append(t1 - t0)
                await pilot.pause(0.05)
            view = app.query_one(ArticleView)
            view.focus()
            view.select("text", 0)
            await pilot.pause(0.05)
            steps: list[float] = []
            for _ in range(repeats * 2):
                t0 = time.monotonic()
                await pilot.press("right_square_bracket")
                t1 = await frames.wait_after(t0)
                assert t1 is not None
                steps.append(t1 - t0)
                await pilot.pause(0.02)
            selected = view.selected_mention
            result["open_ms"] = [round(1000 * x, 1) for x in opens]
            result["step_ms"] = [round(1000 * x, 1) for x in steps]
            result["moved"] = selected is not None and selected.start > 0

    asyncio.run(run())
    return result


def main(argv: list[str] | None = None) -> int:
    """Run one probe and print its JSON result."""
    p = argparse.ArgumentParser(prog="python -m bench.probes")
    p.add_argument("probe")
    p.add_argument("--corpus", type=Path)
    p.add_argument("--index", type=Path)
    p.add_argument("--state", type=Path)
    p.add_argument("--queries", type=Path)
    p.add_argument("--mode", default="ner")
    p.add_argument("--limit", type=int)
    p.add_argument("--n-process", type=int, default=1)
    p.add_argument("--repeats", type=int, default=3)
    p.add_argument("--stub-ner", action="store_true")
    p.add_argument("--bare", action="store_true")
    p.add_argument("--check-only", action="store_true")
    p.add_argument("--content", type=Path)
    p.add_argument("--out", type=Path)
    p.add_argument("--settle", type=float, default=0.3)
    p.add_argument("--marker", default="")
    p.add_argument("--assume-current", action="store_true")
    args = list(sys.argv[1:] if argv is None else argv)
    command = args[args.index("--") + 1 :] if "--" in args else []  # the `pty` probe's command
    args = args[: args.index("--")] if "--" in args else args
    a = p.parse_args(args)
    if a.assume_current:
        assume_current()
    if a.probe == "build":
        out = probe_build(a.corpus, a.index, a.stub_ner)
    elif a.probe == "reindex":
        out = probe_reindex(a.corpus, a.index, a.stub_ner, a.check_only)
    elif a.probe == "disk":
        out = probe_disk(a.corpus)
    elif a.probe == "spacy":
        out = probe_spacy(a.corpus, a.mode, a.limit, a.n_process)
    elif a.probe == "whoosh":
        out = probe_whoosh(a.corpus, a.index)
    elif a.probe == "search":
        out = probe_search(a.corpus, a.index, a.queries, a.repeats)
    elif a.probe == "paint":
        out = probe_paint(a.corpus, a.index, a.state, a.bare, a.content, a.settle)
    elif a.probe == "paint-content":
        out = probe_paint_content(a.corpus, a.index, a.out)
    elif a.probe == "pty":
        out = probe_pty(command, a.marker, a.settle)
    elif a.probe == "step":
        out = probe_step(a.corpus, a.index, a.state, a.repeats)
    elif a.probe == "big":
        out = probe_big(a.state, a.repeats)
    else:
        p.error(f"unknown probe {a.probe}")
    _emit(out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
