"""Cross-references: entity mentions in context, shared passages, related articles, alignment.

Pure Python (plus NumPy for the n-gram index); no Textual, Rich or spaCy.

- `mentions.entity_mentions` — every mention of an entity across the corpus, with its sentence.
- `passages.PassageIndex` / `passages_for` / `find_all_passages` — near-verbatim reprints.
- `related.related_articles` — related articles with their reasons.
- `align.align` — paragraph alignment and word-level diff for the compare view.
"""

from __future__ import annotations
