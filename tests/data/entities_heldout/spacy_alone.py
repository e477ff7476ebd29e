"""The baseline row of README.md: spaCy `fr_core_news_sm` alone on the raw files (no cleaning,
no repair; an entity is its exact surface), written as an export that entity_eval.py reads.

Run: .venv/bin/python tests/data/entities_heldout/spacy_alone.py > /tmp/ho_spacy.jsonl
     python3 ../shared/tools/entity_eval.py tests/data/entities_heldout/gold /tmp/ho_spacy.jsonl"""

from __future__ import annotations

import json
from pathlib import Path

import spacy

ARTICLES = Path(__file__).resolve().parent / "articles"


def main() -> None:
    """Prints one export-like JSON line per article."""
    nlp = spacy.load("fr_core_news_sm")
    for path in sorted(ARTICLES.glob("*.txt")):
        raw = path.read_text(encoding="utf-8")
        mentions = [
            {
                "start": e.start_char,
                "end": e.end_char,
                "text": e.text,
                "label": e.label_,
                "entity": e.text,
            }
            for e in nlp(raw).ents
        ]
        record = {
            "path": str(path),
            "title": "",
            "text": raw,
            "mentions": mentions,
            "title_mentions": [],
        }
        print(json.dumps(record, ensure_ascii=False))


if __name__ == "__main__":
    main()
