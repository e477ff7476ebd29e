"""A list of strings checked in one pass (joined) is cleaned exactly as item by item."""

from __future__ import annotations

import pytest

from reader.domain.sanitize import clean_text, clean_value


@pytest.mark.parametrize(
    "bad",
    [
        "a\u200d",  # joiner at the end of one item (next to the joining space)
        "\u200db",  # joiner at the start
        "e\u0301",  # not NFC
        "x\x1b[31m",  # control sequence
        "ligne\nsuivante",  # line break in a one-line field
        "\u202eevil",  # bidi override
    ],
)
@pytest.mark.parametrize("multiline", [False, True])
def test_one_bad_item_among_many_is_cleaned(bad: str, multiline: bool) -> None:
    items = [f"id-{n}" for n in range(50)] + [bad] + ["Élodie", "Zoé"]
    assert clean_value(items, multiline) == [clean_text(v, multiline) for v in items]


def test_clean_lists_are_returned_as_they_are() -> None:
    items = ["Moscou", "Élodie Dupont", "a\u200db"]  # a joiner inside a word stays
    assert clean_value(items) is items
    assert clean_value(tuple(items)) == tuple(items)
