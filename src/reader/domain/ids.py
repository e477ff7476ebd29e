"""Article ids (SPEC §2) from the files found: the stem, or the root-relative path on a clash.

Kept apart from `corpus` (which imports the cleaning and format rules) because
`pipeline.is_current` needs the ids on every start and must stay light.
"""

from __future__ import annotations

from collections import Counter

from reader.domain.discovery import SourceFile, safe_name, stem, strip_suffix


def assign_ids(files: list[SourceFile]) -> dict[str, str]:
    """Article id of each file (keyed by `SourceFile.file`): its stem, or its root-relative
    path where stems clash."""
    stems = [safe_name(stem(src.name)) for src in files]
    no_suffix = [safe_name(strip_suffix(src.rel)) for src in files]
    with_suffix = [safe_name(src.rel) for src in files]
    stem_count = Counter(stems)
    rel_count = Counter(no_suffix)
    ids: dict[str, str] = {}
    used: set[str] = set()
    for src, short, rel, full in zip(files, stems, no_suffix, with_suffix, strict=True):
        if stem_count[short] == 1:
            candidate = short
        elif rel_count[rel] == 1:
            candidate = rel
        else:
            candidate = full
        unique, n = candidate, 1
        while unique in used:
            n += 1
            unique = f"{candidate}~{n}"
        used.add(unique)
        ids[src.file] = unique
    return ids
