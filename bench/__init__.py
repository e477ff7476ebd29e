"""The reader benchmark suite: `python -m bench --help` (see docs/PERFORMANCE.md)."""
