"""Article ids (SPEC §2) from the files found: the stem, or the root-relative path on a clash.

Kept apart from `corpus` (which imports the cleaning and format rules) because
`pipeline.is_current` needs the ids on every start and must stay light.
"""

from __future__ import annotations

from collections import Counter

from reader.domain.discovery import SourceFile, safe_name, stem, strip_suffix

#: Suffixes of files that may hold several articles, numbered ``<file id>#1``, ``#2`` …
MULTI_SUFFIXES = (".jsonl", ".json")


def assign_ids(files: list[SourceFile]) -> dict[str, str]:
    """Article id of each file (keyed by `SourceFile.file`): its stem, or its root-relative
    path where stems clash.

    Ids are unique across every article, those of multi-article files included: a file whose
    id would read as a record of a ``.json`` / ``.jsonl`` file (``x#1.txt`` beside ``x.jsonl``)
    is given ``x#1~2`` instead, as for any other clash."""
    stems = [safe_name(stem(src.name)) for src in files]
    no_suffix = [safe_name(strip_suffix(src.rel)) for src in files]
    with_suffix = [safe_name(src.rel) for src in files]
    stem_count = Counter(stems)
    rel_count = Counter(no_suffix)
    candidates: list[str] = []
    for short, rel, full in zip(stems, no_suffix, with_suffix, strict=True):
        if stem_count[short] == 1:
            candidates.append(short)
        elif rel_count[rel] == 1:
            candidates.append(rel)
        else:
            candidates.append(full)
    multi = {
        cand
        for src, cand in zip(files, candidates, strict=True)
        if src.name.lower().endswith(MULTI_SUFFIXES)
    }

    def taken(candidate: str) -> bool:
        head, sep, number = candidate.rpartition("#")  # a record id: <file id>#<n>
        is_record = bool(sep and head and number.isascii() and number.isdigit())
        return candidate in used or (is_record and head in multi)

    ids: dict[str, str] = {}
    used: set[str] = set()
    for src, candidate in zip(files, candidates, strict=True):
        unique, n = candidate, 1
        while taken(unique):
            n += 1
            unique = f"{candidate}~{n}"
        used.add(unique)
        ids[src.file] = unique
    return ids
