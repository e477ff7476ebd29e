"""The domain: corpus loading and cleaning, entities, cross-references, indexing and search.

Nothing in this package imports Textual or Rich; the UI package builds on top of it.
"""
