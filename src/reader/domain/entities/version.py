"""Version of the extraction (model and rules), importable without loading spaCy.

It keys the cache of raw mentions: bump `RULES_VERSION` whenever the repair rules change.
"""

MODEL_NAME = "fr_core_news_sm"
MODEL_PIN = "3.8.0"
RULES_VERSION = "15"
#: cache key for stored raw mentions: model, model version and repair rules version
MODEL_VERSION = f"{MODEL_NAME}-{MODEL_PIN}+rules{RULES_VERSION}"
