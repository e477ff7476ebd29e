"""`reader` with a tiny regex extractor in place of spaCy, for crash tests run as subprocesses.

Usage: ``python tests/fake_ner_reader.py index CORPUS --index-dir DIR`` — everything else is
the real command line (`reader.cli.main`), pipeline, store and Whoosh index; only the entity
extractor is swapped, so a test can start, kill and restart `reader index` many times without
loading the spaCy model (5 s each). `FAKE_NER_DELAY` (seconds per article) slows extraction
down so that a kill lands inside it.
"""

from __future__ import annotations

import os
import re
import sys
import time
from collections.abc import Sequence

from reader.domain.model import Article, RawMention

_NAME = re.compile(r"\b[A-Z][a-zà-ÿ]+(?: [A-Z][a-zà-ÿ]+)*")


class FakeExtractor:
    """Capitalised word runs not at a sentence start are PER mentions."""

    def __init__(self, model: str = "") -> None:
        self.delay = float(os.environ.get("FAKE_NER_DELAY", "0"))

    def extract(
        self, articles: Sequence[Article], batch_size: int = 32, n_process: int = 1
    ) -> list[list[RawMention]]:
        out: list[list[RawMention]] = []
        for art in articles:
            if self.delay:
                time.sleep(self.delay)
            found = [
                RawMention("text", m.start(), m.end(), m.group(), "PER")
                for m in _NAME.finditer(art.text)
                if m.start() > 0 and art.text[m.start() - 2 : m.start()] != ". "
            ]
            out.append(found)
        return out


def main() -> int:
    import reader.domain.entities.ner as ner
    from reader.cli import main as cli_main

    ner.Extractor = FakeExtractor  # type: ignore[misc, assignment]
    return cli_main(sys.argv[1:])


if __name__ == "__main__":
    sys.exit(main())
