"""reader: a terminal reader for collections of related news articles."""

__version__ = "0.1.0"
