"""Direct quotations: finding them, attributing them to a speaker, grouping them across articles.

`extract.extract_quotes` runs at index time on an article and its raw mentions (regular
expressions and a French lexicon, no model); `groups.group_quotes` finds the same quote in
several articles. Nothing here imports spaCy, Textual or Rich.
"""
