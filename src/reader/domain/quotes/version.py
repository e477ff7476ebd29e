"""Version of the quote extraction rules (cache key of stored quotes); no imports."""

#: bump whenever `reader.domain.quotes` finds or attributes quotes differently
QUOTES_VERSION = "3"
