"""Version numbers that decide whether a stored index is still valid, importable on their own.

`pipeline.is_current` compares them with what the store recorded on every start, so this module
must stay free of heavy imports (no cleaning rules, no Whoosh): bump a number here whenever the
code it names changes what it produces for the same input.
"""

from __future__ import annotations

#: `cleaning.clean`: headline, date, boilerplate removal, paragraphs, bylines and their facts.
CLEANING_VERSION = 3
#: The Whoosh schema and analysis of `reader.domain.search` (a mismatch rebuilds the index).
SEARCH_SCHEMA_VERSION = 2
#: The file, in the search index's folder, that records its schema version.
SEARCH_VERSION_FILE = "schema_version"
