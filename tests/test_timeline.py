"""The timeline: date order across precisions, undated last, first appearances."""

from __future__ import annotations

from reader.domain.timeline import (
    StoryItem,
    build_timeline,
    date_key,
    date_label,
    timeline_order,
)


def test_less_precise_dates_come_first() -> None:
    dates = ["2022", "2021-12-07T09:00", "2021-12-08", "2021-12", "2021-12-07", "2021-12-01"]
    ordered = sorted(dates, key=lambda d: date_key(d) or ())
    assert ordered == [
        "2021-12",
        "2021-12-01",
        "2021-12-07",
        "2021-12-07T09:00",
        "2021-12-08",
        "2022",
    ]


def test_unreadable_dates_are_undated() -> None:
    assert date_key(None) is None
    assert date_key("") is None
    assert date_key("mardi") is None
    assert date_key("2021-13-02") is None
    assert date_key("2021-12-07 25:00") is None
    assert date_key("2021-12-07 18:05") == (2021, 12, 7, 18, 5, -1)


def test_order_keeps_reading_order_on_ties_and_undated_last() -> None:
    items = [
        StoryItem("u1", None),
        StoryItem("b", "2021-12-08"),
        StoryItem("a", "2021-12-07"),
        StoryItem("u2", "bientôt"),
        StoryItem("c", "2021-12-08"),
    ]
    assert [items[i].article_id for i in timeline_order(items)] == ["a", "b", "c", "u1", "u2"]


def test_first_appearances() -> None:
    items = [
        StoryItem("late", "2021-12-09", ["Biden", "Peskov"], ["q1", "q2"]),
        StoryItem("undated", None, ["Biden", "OTAN", "OTAN"], ["q2", "q3"]),
        StoryItem("early", "2021-12-07", ["Biden", "Poutine"], ["q1"]),
    ]
    entries = build_timeline(items)
    assert [e.article_id for e in entries] == ["early", "late", "undated"]
    assert [e.new_entities for e in entries] == [["Biden", "Poutine"], ["Peskov"], ["OTAN"]]
    assert [e.new_quotes for e in entries] == [["q1"], ["q2"], ["q3"]]
    assert [e.dated for e in entries] == [True, True, False]


def test_timeline_lines_keep_french_typography() -> None:
    from reader.domain.timeline import TimelineEntry
    from reader.ui.timeline_layout import entry_lines, entry_text

    title = "Biden à Poutine : « Quel idiot ! » ; que s’est-il passé ? Le Kremlin « ravi »"
    entry = TimelineEntry("a", "2021-12-07", True, ["Dmitri Peskov"], ["g"])
    quote = "« C’est « fermement » non ! » — Peskov"
    item = entry_text(entry, title, "AFP", lambda e: e, lambda g: quote)
    for width in range(12, 60):
        for line in entry_lines(0, item, width):
            text = line.text.strip()
            assert not text.startswith(("»", ":", ";", "!", "?")), (width, line.text)
            assert not text.endswith("«"), (width, line.text)
            assert len(line.text) <= width


def test_date_labels_keep_their_precision() -> None:
    assert date_label("2021-12") == "2021-12"
    assert date_label("2021-12-07") == "2021-12-07"
    assert date_label("2021-12-07T18:05:42+01:00") == "2021-12-07 18:05"
    assert date_label("2021") == "2021"
    assert date_label("n’importe") is None
