"""The corpus one update works on, without decoding the articles that did not change.

The store keeps, next to each article, its content hash and the key of its content in the NER
cache: the stages read those for every article, and decode an article (its JSON row) only when
they need its text — new or changed articles are in memory already.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator, Mapping

from reader.domain.model import Article, RawMention
from reader.domain.store import Store


def ner_key(article: Article, version: str) -> str:
    """Cache key of an article's raw mentions: everything extraction depends on."""
    shape = f"{int(article.title_derived)}:{article.paragraphs}"
    payload = f"{version}\0{shape}\0{article.title}\0{article.text}"
    payload_bytes = payload.encode("utf-8", "surrogatepass")
    return hashlib.sha256(payload_bytes).hexdigest()


class StoredArticles(Mapping[str, Article]):
    """The articles the store holds, decoded one by one when asked (and not kept)."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.keys_of = store.article_keys()

    def __getitem__(self, article_id: str) -> Article:
        if article_id not in self.keys_of:
            raise KeyError(article_id)
        return self.store.article(article_id)

    def __iter__(self) -> Iterator[str]:
        return iter(self.keys_of)

    def __len__(self) -> int:
        return len(self.keys_of)

    def __contains__(self, article_id: object) -> bool:
        return article_id in self.keys_of


class CorpusView(Mapping[str, Article]):
    """The corpus after this update: the stored articles that stay, and the changed ones."""

    def __init__(
        self, stored: StoredArticles, changed: Mapping[str, Article], removed: set[str]
    ) -> None:
        self.stored = stored
        self.changed = changed
        self._ids = sorted((stored.keys_of.keys() - removed) | changed.keys())
        self._set = set(self._ids)
        #: stored articles whose row lacked its keys (written by an older version): their
        #: (content hash, NER model version, NER key), to be written with the commit
        self.backfill: dict[str, tuple[str, str, str]] = {}

    def __getitem__(self, article_id: str) -> Article:
        got = self.changed.get(article_id)
        if got is not None:
            return got
        if article_id not in self._set:
            raise KeyError(article_id)
        return self.stored[article_id]

    def __iter__(self) -> Iterator[str]:
        return iter(self._ids)

    def __len__(self) -> int:
        return len(self._ids)

    def __contains__(self, article_id: object) -> bool:
        return article_id in self._set

    def content_hash(self, article_id: str) -> str:
        """The article's content hash (from the store's row when it did not change)."""
        got = self.changed.get(article_id)
        if got is not None:
            return got.content_hash
        known = self.stored.keys_of[article_id][0]
        if known is None:
            from reader.domain.entities.version import MODEL_VERSION

            self.ner_key(article_id, MODEL_VERSION)
            known = self.stored.keys_of[article_id][0]
        assert known is not None
        return known

    def ner_key(self, article_id: str, version: str) -> str:
        """The article's key in the NER cache for model `version`."""
        got = self.changed.get(article_id)
        if got is None:
            _hash, stored_version, key = self.stored.keys_of[article_id]
            if stored_version == version and key is not None:
                return key
            article = self.stored[article_id]
            key = ner_key(article, version)
            self.backfill[article_id] = self.stored.keys_of[article_id] = (
                article.content_hash,
                version,
                key,
            )
            return key
        return ner_key(got, version)


class RawMentions(Mapping[str, list[RawMention]]):
    """Each article's raw mentions: just extracted (`fresh`, by NER key), else read from the
    NER cache when asked (and kept)."""

    def __init__(
        self, store: Store, keys: Mapping[str, str], fresh: Mapping[str, list[RawMention]]
    ) -> None:
        self.store = store
        self.ner_keys = keys
        self.fresh = fresh
        self._read: dict[str, list[RawMention]] = {}

    def by_key(self, key: str) -> list[RawMention] | None:
        """The raw mentions cached under an NER key (None if there are none)."""
        got = self.fresh.get(key)
        if got is None:
            got = self._read.get(key)
        if got is None:
            found = self.store.cached_ner([key]).get(key)
            if found is None:
                return None
            got = self._read[key] = found
        return got

    def __getitem__(self, article_id: str) -> list[RawMention]:
        return self.by_key(self.ner_keys[article_id]) or []

    def __iter__(self) -> Iterator[str]:
        return iter(self.ner_keys)

    def __len__(self) -> int:
        return len(self.ner_keys)
