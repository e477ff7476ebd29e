"""Named entities: extraction (spaCy, lazy), span repair, corpus-wide linking, corrections.

Nothing here imports Textual or Rich; spaCy is imported only inside `ner.Extractor` when a
model is first needed.
"""
