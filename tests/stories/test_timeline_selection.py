"""Story timelines keep the key developments once each: the failure modes seen on the demo brief."""

from __future__ import annotations

from _story_factory import CHINA, PUTIN, RUSSIA, XI, Doc, Dt, Ev, build_all

from newsdesk.stories.timeline import TimelineParams, story_timeline, thread_timeline

TALKS = "Xi and Putin held talks in Beijing on Tuesday, signed an energy deal and met Mongolia's president."


def _timeline(docs: list[Doc], **params: int):
    articles, analyses = build_all(docs)
    return story_timeline(articles, analyses, story_id="s", params=TimelineParams(**params))


def test_a_sentence_with_several_events_is_one_entry() -> None:
    doc = Doc(
        "c1",
        "Talks in Beijing",
        "2025-09-02",
        [TALKS],
        [
            Ev(0, "CONSULT", (XI,), (PUTIN,), "2025-09-02"),
            Ev(0, "AGREE", (CHINA,), (RUSSIA,), "2025-09-02"),
            Ev(0, "CONSULT", (PUTIN,), (), "2025-09-02"),
        ],
        [Dt(0, "Tuesday", "2025-09-02")],
    )
    entries = _timeline([doc])
    assert [(e.date, e.text) for e in entries] == [("2025-09-02", TALKS)]
    assert len(entries[0].citations) == 1


def test_month_and_year_dates_are_never_shown_as_a_day() -> None:
    doc = Doc(
        "c2",
        "Putin in China",
        "2025-09-02",
        [
            "Putin last came to China on a state visit in May 2024.",
            "Trade has declined in 2025.",
            "Putin met Xi on Tuesday.",
            "Nothing in this week's summit suggested a change of course.",
        ],
        [
            Ev(0, "CONSULT", (PUTIN,), (CHINA,), "2024-05-01", "2024-05-31"),
            Ev(2, "CONSULT", (PUTIN,), (XI,), "2025-09-02"),
        ],
        [
            Dt(0, "May 2024", "2024-05-01", "2024-05-31", granularity="month"),
            Dt(1, "2025", "2025-01-01", "2025-12-31", granularity="year"),
            Dt(2, "Tuesday", "2025-09-02"),
            Dt(3, "this week", "2025-09-01", "2025-09-07"),
        ],
    )
    entries = _timeline([doc], days_before=400)
    assert [(e.date, e.date_end, e.text) for e in entries] == [
        ("2025-09-02", None, "Putin met Xi on Tuesday.")
    ]


def test_dates_outside_the_story_span_are_left_to_the_thread() -> None:
    doc = Doc(
        "c3",
        "Putin heads to China",
        "2025-08-30",
        [
            "It will be his first trip since May 2024, when he signed a joint statement with Xi on May 16 of that year.",
            "The trip follows his summit with Donald Trump in Alaska on August 15.",
            "Putin arrives in Tianjin on Sunday.",
            "China's visa waiver for Russians takes effect on September 15, 2026.",
        ],
        [Ev(0, "AGREE", (PUTIN,), (XI,), "2025-05-16"), Ev(2, "CONSULT", (PUTIN,), (CHINA,), "2025-08-31")],
        [
            Dt(0, "May 16", "2025-05-16"),
            Dt(1, "August 15", "2025-08-15"),
            Dt(2, "Sunday", "2025-08-31"),
            Dt(3, "September 15, 2026", "2026-09-15"),
        ],
    )
    entries = _timeline([doc])
    assert [e.date for e in entries] == ["2025-08-31"]


def test_undated_reports_support_an_entry_but_make_none() -> None:
    announce = Doc(
        "c4",
        "Putin to visit Harbin",
        "2024-05-16",
        ["Putin will visit Harbin on Friday."],
        [Ev(0, "CONSULT", (PUTIN,), (CHINA,), "2024-05-17", future=True)],
        [Dt(0, "Friday", "2024-05-17")],
    )
    report = Doc(
        "c5",
        "Putin in Harbin",
        "2024-05-17",
        ["Putin toured a university in Harbin.", "The war in Ukraine hung over the talks."],
        [Ev(0, "CONSULT", (PUTIN,), (CHINA,), "2024-05-17"), Ev(1, "FIGHT", (RUSSIA,), (), "2024-05-17")],
    )
    entries = _timeline([announce, report])
    assert [e.text for e in entries] == ["Putin toured a university in Harbin."]
    assert {(c.article_id, c.sentence_index) for c in entries[0].citations} == {("c4", 0), ("c5", 0)}


def test_the_same_stated_span_merges_and_the_most_reported_entries_are_kept() -> None:
    docs = [
        Doc(
            f"d{i}",
            "Visit",
            "2024-05-15",
            [
                f"The visit, scheduled for May 16-17, is number {i}.",
                f"Officials met on Wednesday in city {i} of many.",
            ],
            [],
            [Dt(0, "May 16-17", "2024-05-16", "2024-05-17"), Dt(1, "Wednesday", "2024-05-15")],
        )
        for i in range(4)
    ]
    entries = _timeline(docs, max_entries=2)
    spans = [e for e in entries if e.date_end]
    assert len(entries) == 2 and len(spans) == 1
    assert spans[0].date_end == "2024-05-17" and len(spans[0].citations) == 4


def test_thread_timeline_shows_each_story_once_by_its_stated_span() -> None:
    def visit(prefix: str, day: str, span: tuple[str, str, str], text: str) -> list[Doc]:
        return [
            Doc(
                f"{prefix}{i}",
                "Visit",
                day,
                [text, f"Putin met Xi on Tuesday, talk {i}."],
                [Ev(1, "CONSULT", (PUTIN,), (XI,), day)],
                [Dt(0, span[0], span[1], span[2]), Dt(1, "Tuesday", day)],
            )
            for i in range(2)
        ]

    y24 = visit("e", "2024-05-16", ("May 16-17", "2024-05-16", "2024-05-17"), "The visit runs on May 16-17.")
    y25 = visit(
        "f",
        "2025-09-02",
        ("August 31 to September 3", "2025-08-31", "2025-09-03"),
        "It runs August 31 to September 3.",
    )
    parts = {}
    for sid, docs in (("v24", y24), ("v25", y25)):
        arts, ans = build_all(docs)
        parts[sid] = story_timeline(arts, ans, story_id=sid)
    entries = thread_timeline(parts)
    assert [(e.story_id, e.date, e.date_end) for e in entries] == [
        ("v24", "2024-05-16", "2024-05-17"),
        ("v25", "2025-08-31", "2025-09-03"),
    ]
    assert all(len(e.citations) == 2 for e in entries)


def test_a_span_entry_is_labelled_by_a_sentence_that_states_the_span() -> None:
    """A day inside a visit ("met the premier on Thursday") merged into the visit's stated span
    must neither label the span nor split its statements across two entries (seen with the seed
    scrape ingested next to the demo corpus)."""
    meeting = Doc(
        "m1",
        "Putin in Beijing",
        "2024-05-16",
        ["Economic questions dominated Putin's meeting in Beijing on Thursday with the Chinese premier."],
        [Ev(0, "CONSULT", (PUTIN,), (CHINA,), "2024-05-16")],
        [Dt(0, "Thursday", "2024-05-16")],
    )
    announcements = [
        Doc(
            f"a{i}",
            "Putin to visit China",
            "2024-05-14",
            [f"Putin's state visit to China, scheduled for May 16-17, is announcement {i}."],
            [Ev(0, "CONSULT", (PUTIN,), (CHINA,), "2024-05-16", "2024-05-17", future=True)],
            [Dt(0, "May 16-17", "2024-05-16", "2024-05-17")],
        )
        for i in range(2)
    ]
    entries = _timeline([meeting, *announcements])
    spans = [e for e in entries if e.date_end]
    assert len(spans) == 1
    assert "May 16-17" in spans[0].text
    assert {c.article_id for c in spans[0].citations} >= {"a0", "a1"}
