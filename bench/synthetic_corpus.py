"""A synthetic French news corpus for benchmarks, and the shared-passage benchmark.

`make_corpus(n, seed)` builds `n` articles of about 530 words from the bundled seeds: sentences
are re-generated word by word with a first-order Markov chain trained on the seeds, leaving it
for a random seed word 30 % of the time (so every
article is new text with the seeds' vocabulary and common phrases, rather than copies of the
seed sentences, which would make every article a "reprint" of every other), grouped into
paragraphs. About 5 % of the articles reprint one to three passages (25–80 words) of an
earlier article, with small edits: typographic apostrophes, an inserted clause, a changed word.

Run the benchmark: `.venv/bin/python bench/synthetic_corpus.py [--n 10000] [--seed 0]`.
"""

from __future__ import annotations

import argparse
import itertools
import pickle
import random
import re
import resource
import sys
import time
import tracemalloc
from collections import defaultdict
from pathlib import Path

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
WORDS_PER_ARTICLE = 530
REPRINT_RATE = 0.05
#: Probability of leaving the Markov chain for a random word at each step.
JUMP = 0.3

_DATE = re.compile(r"^\s*date \d{4}-\d{2}\s*")
_SENTENCE_END = re.compile(r"(?<=[.!?…»])\s+(?=[«A-ZÀ-Ý])")
_INSERTS = ["selon une source proche du dossier,", "a-t-on appris", "comme prévu,", "mardi soir,"]


def _seed_texts(seeds_dir: Path = SEEDS) -> list[str]:
    texts = []
    for path in sorted(seeds_dir.glob("*.txt")):
        texts.append(_DATE.sub("", path.read_text(encoding="utf-8"), count=1))
    return texts


def _chain(texts: list[str]) -> tuple[dict[str, list[str]], list[str], list[int]]:
    """Word successors, sentence-initial words and sentence lengths from the seeds."""
    follow: dict[str, list[str]] = defaultdict(list)
    starts: list[str] = []
    lengths: list[int] = []
    for text in texts:
        for para in text.split("\n"):
            for sentence in _SENTENCE_END.split(para.strip()):
                words = sentence.split()
                if len(words) < 4:
                    continue
                starts.append(words[0])
                lengths.append(len(words))
                for w, nxt in itertools.pairwise(words):
                    follow[w].append(nxt)
    return dict(follow), starts, lengths


def _sentence(
    rng: random.Random, follow: dict[str, list[str]], starts: list[str], vocab: list[str], n: int
) -> str:
    word = rng.choice(starts)
    out = [word]
    while len(out) < n:
        nxt = follow.get(word)
        # Jump to a random word now and then, so that runs copied from the seeds stay short.
        word = rng.choice(nxt) if nxt and rng.random() > JUMP else rng.choice(vocab)
        out.append(word)
    text = " ".join(out).rstrip(",;:")
    return text if text[-1] in ".!?…»" else text + "."


def _edit(rng: random.Random, passage: str) -> str:
    """Small edits a reprint makes: apostrophes, an inserted clause, a changed word."""
    words = passage.split()
    if rng.random() < 0.5:
        words = [w.replace("’", "'") for w in words]
    if rng.random() < 0.5 and len(words) > 10:
        words.insert(rng.randrange(3, len(words) - 3), rng.choice(_INSERTS))
    if rng.random() < 0.5 and len(words) > 10:
        k = rng.randrange(3, len(words) - 3)
        words[k] = words[k] + "s" if not words[k].endswith("s") else words[k][:-1]
    return " ".join(words)


def make_corpus_with_reprints(
    n: int, seed: int = 0
) -> tuple[dict[str, str], list[tuple[str, str]]]:
    """`make_corpus` plus the `(source, reprint)` article pairs that were made on purpose."""
    rng = random.Random(seed)
    follow, starts, lengths = _chain(_seed_texts())
    vocab = sorted({w for ws in follow.values() for w in ws})
    texts: dict[str, str] = {}
    reprints: list[tuple[str, str]] = []
    for i in range(n):
        aid = f"syn{i:06d}"
        sentences: list[str] = []
        count = 0
        while count < WORDS_PER_ARTICLE:
            s = _sentence(rng, follow, starts, vocab, min(max(rng.choice(lengths), 6), 60))
            sentences.append(s)
            count += len(s.split())
        if i > 0 and rng.random() < REPRINT_RATE:
            src = f"syn{rng.randrange(i):06d}"
            src_words = texts[src].split()
            for _ in range(rng.randint(1, 3)):
                length = rng.randint(25, 80)
                at = rng.randrange(0, max(1, len(src_words) - length))
                passage = _edit(rng, " ".join(src_words[at : at + length]))
                sentences.insert(rng.randrange(len(sentences) + 1), passage)
            reprints.append((src, aid))
        paragraphs: list[str] = []
        while sentences:
            k = rng.randint(2, 5)
            paragraphs.append(" ".join(sentences[:k]))
            sentences = sentences[k:]
        texts[aid] = "\n\n".join(paragraphs)
    return texts, reprints


def make_corpus(n: int, seed: int = 0) -> dict[str, str]:
    """`n` synthetic articles (id → text) of ~530 words, ~5 % of them partial reprints."""
    return make_corpus_with_reprints(n, seed)[0]


def bench_passages(n: int = 10_000, seed: int = 0, trace: bool = True) -> dict[str, float]:
    """Shared-passage detection on a synthetic corpus of `n` articles.

    Reports the time of `find_all_passages` (tokenising, indexing and verifying every pair),
    recall of the planted reprints, max RSS, the size and load time of a pickled index, the
    time of an incremental update (one edited article, ready index) and, with `trace`, the
    peak memory traced by `tracemalloc` during a second full run.
    """
    from reader.domain.xref.passages import PassageIndex, find_all_passages, passages_for

    texts, reprints = make_corpus_with_reprints(n, seed)
    words = sum(len(t.split()) for t in texts.values())
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    t0 = time.perf_counter()
    pairs = find_all_passages(texts)
    seconds = time.perf_counter() - t0
    rss_after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    found = sum(1 for p in reprints if tuple(sorted(p)) in pairs)
    result = {
        "articles": n,
        "words": words,
        "seconds": round(seconds, 2),
        "pairs_with_passages": len(pairs),
        "passages": sum(len(v) for v in pairs.values()),
        "planted_reprints": len(reprints),
        "planted_found": found,
        "max_rss_mb": round(rss_after / 1024, 1),
        "max_rss_growth_mb": round((rss_after - rss_before) / 1024, 1),
    }
    # Incremental update: a ready index, one article edited, pairs touching it recomputed.
    index = PassageIndex()
    for aid, text in texts.items():
        index.add(aid, text)
    index.pairs([])  # builds the sorted index
    blob = pickle.dumps(index, protocol=pickle.HIGHEST_PROTOCOL)
    t0 = time.perf_counter()
    index = pickle.loads(blob)
    result["index_pickle_mb"] = round(len(blob) / 2**20, 1)
    result["index_unpickle_seconds"] = round(time.perf_counter() - t0, 2)
    del blob
    changed = dict(texts)
    victim = reprints[0][1] if reprints else next(iter(texts))
    changed[victim] = changed[victim] + " Mise à jour : le texte a été corrigé."
    t0 = time.perf_counter()
    passages_for({victim}, changed, index=index)
    result["incremental_one_article_seconds"] = round(time.perf_counter() - t0, 2)
    del index
    if trace:
        tracemalloc.start()
        find_all_passages(texts)
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        result["traced_peak_mb"] = round(peak / 2**20, 1)
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--n", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--no-trace", action="store_true", help="skip the tracemalloc run")
    args = parser.parse_args(argv)
    result = bench_passages(args.n, args.seed, trace=not args.no_trace)
    for key, value in result.items():
        print(f"{key:>22}: {value}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
