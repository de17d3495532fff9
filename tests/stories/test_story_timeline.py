"""Story and thread timelines: dated, cited, merged across articles, hypotheticals left out."""

from __future__ import annotations

from _story_factory import CHINA, PUTIN, RUSSIA, XI, Doc, Dt, Ev, build_all

from newsdesk.stories.timeline import story_timeline, thread_timeline

ARRIVE = "Vladimir Putin arrived in Beijing on Thursday for a two-day state visit to China."

VISIT_2024 = [
    Doc(
        "a1",
        "Putin arrives in Beijing",
        "2024-05-16",
        [
            ARRIVE,
            "Putin will travel to Harbin on Friday to open a trade fair.",
            "Analysts said sanctions could follow if the two sides signed an arms deal.",
            "The two leaders last met in October 2023.",
        ],
        [
            Ev(0, "CONSULT", (PUTIN,), (CHINA,), "2024-05-16", "2024-05-17"),
            Ev(1, "CONSULT", (PUTIN,), (CHINA,), "2024-05-17", future=True),
            Ev(2, "SANCTION", (CHINA,), (PUTIN,), "2024-05-16", hypothetical=True),
        ],
        [Dt(3, "October 2023", "2023-10-01", granularity="month")],
        publisher="Wire One",
    ),
    Doc(
        "a2",
        "Russian leader begins China visit",
        "2024-05-16",
        [
            "Putin began a state visit to China on Thursday, his first trip abroad since his inauguration.",
            "Beijing and Moscow will sign a joint statement on May 16, officials said.",
        ],
        [
            Ev(0, "CONSULT", (PUTIN,), (CHINA,), "2024-05-16", "2024-05-17"),
            Ev(1, "AGREE", (RUSSIA,), (CHINA,), "2024-05-16", future=True),
        ],
        [Dt(1, "May 16", "2024-05-16")],
        publisher="Wire Two",
    ),
    Doc(
        "a3",
        "Putin in Harbin",
        "2024-05-17",
        ["Putin met students in Harbin on Friday, the second day of his visit."],
        [Ev(0, "CONSULT", (PUTIN,), (XI,))],
        publisher="Wire One",
    ),
]


def timeline():
    articles, analyses = build_all(VISIT_2024)
    return story_timeline(articles, analyses, story_id="visit24")


def test_entries_are_sorted_dated_and_cited_verbatim() -> None:
    entries = timeline()
    assert [e.date for e in entries] == sorted(e.date for e in entries)
    sentences = {s for d in VISIT_2024 for s in d.sentences}
    for e in entries:
        assert e.citations and e.story_id == "visit24"
        assert e.text in {c.text for c in e.citations}
        assert all(c.text in sentences for c in e.citations)


def test_same_event_same_day_merges_citations_from_all_articles() -> None:
    visit = [e for e in timeline() if e.date == "2024-05-16" and e.date_end == "2024-05-17"]
    assert len(visit) == 1
    cited = {(c.article_id, c.sentence_index) for c in visit[0].citations}
    assert cited == {("a1", 0), ("a2", 0)}
    first = visit[0].citations[0]
    assert first.url == "https://news.example/a1" and first.publisher == "Wire One"
    assert first.date == "2024-05-16" and first.title == "Putin arrives in Beijing"


def test_hypothetical_events_are_left_out_but_future_ones_kept() -> None:
    entries = timeline()
    texts = [e.text for e in entries]
    assert not any("sanctions could follow" in t for t in texts)
    # announced, not yet reported as done: kept, and its own wording says so
    assert "Beijing and Moscow will sign a joint statement on May 16, officials said." in texts


def test_announcement_merges_with_the_report_after_the_fact() -> None:
    harbin = [e for e in timeline() if e.date == "2024-05-17"]
    assert len(harbin) == 1
    assert harbin[0].text == "Putin met students in Harbin on Friday, the second day of his visit."
    assert {(c.article_id, c.sentence_index) for c in harbin[0].citations} == {("a1", 1), ("a3", 0)}


def test_dated_sentences_and_undated_events_get_entries() -> None:
    entries = {(e.date, e.text) for e in timeline()}
    assert (
        "2024-05-16",
        "Beijing and Moscow will sign a joint statement on May 16, officials said.",
    ) in entries
    # an undated factual event falls back to its article's date
    assert ("2024-05-17", "Putin met students in Harbin on Friday, the second day of his visit.") in entries
    # month-only background dates are too vague to place
    assert not any("October 2023" in t for _, t in entries)


VISIT_2025 = [
    Doc(
        "b1",
        "Putin arrives in Tianjin",
        "2025-08-31",
        [
            "Vladimir Putin arrived in Tianjin on Sunday for a four-day visit to China.",
            "Markets in Shanghai were closed on Sunday.",
        ],
        [Ev(0, "CONSULT", (PUTIN,), (CHINA,), "2025-08-31", "2025-09-03")],
        [Dt(1, "Sunday", "2025-08-31")],
    ),
    Doc(
        "b2",
        "Putin's China trip",
        "2025-09-01",
        ["Putin's four-day visit to China began in Tianjin on Sunday."],
        [Ev(0, "CONSULT", (PUTIN,), (CHINA,), "2025-08-31", "2025-09-03")],
    ),
]


def test_thread_timeline_keeps_each_visit_with_its_dates() -> None:
    arts25, an25 = build_all(VISIT_2025)
    story25 = story_timeline(arts25, an25, story_id="visit25")
    entries = thread_timeline({"visit24": timeline(), "visit25": story25}, per_story=1)
    assert [(e.story_id, e.date, e.date_end) for e in entries] == [
        ("visit24", "2024-05-16", "2024-05-17"),
        ("visit25", "2025-08-31", "2025-09-03"),
    ]
    assert len(entries[1].citations) == 2


# A tour's earlier stops told in a relative clause: their days are not the main event's.
TOUR = Doc(
    "t1",
    "Ministers to meet in Manila",
    "2024-06-19",
    [
        "The talks end a regional tour for the minister, who stopped in Hanoi on Monday and in Jakarta on Tuesday.",
        "The minister met his Philippine counterpart on Wednesday, officials said.",
    ],
    [
        Ev(0, "CONSULT", (PUTIN,), (CHINA,), None, clause=0),  # "talks": main clause, no date of its own
        Ev(0, "CONSULT", (PUTIN,), (CHINA,), "2024-06-17", clause=2),  # "stopped … on Monday"
        Ev(1, "CONSULT", (PUTIN,), (CHINA,), "2024-06-19", clause=1),  # reported: "officials said"
    ],
    [Dt(0, "on Monday", "2024-06-17"), Dt(0, "on Tuesday", "2024-06-18"), Dt(1, "on Wednesday", "2024-06-19")],
)


def test_a_relative_clauses_day_does_not_date_the_main_event():
    articles, analyses = build_all([TOUR])
    entries = story_timeline(articles, analyses)
    assert [(e.date, e.text[:20]) for e in entries] == [("2024-06-19", "The minister met his")]


def test_a_dated_main_event_outvotes_its_subordinate_clauses():
    doc = Doc(
        "t2",
        "Talks in Manila",
        "2024-06-19",
        ["The ministers held talks on Wednesday, after the minister, who arrived on Monday, toured the port."],
        [
            Ev(0, "CONSULT", (PUTIN,), (CHINA,), "2024-06-19", clause=0),
            Ev(0, "CONSULT", (PUTIN,), (CHINA,), "2024-06-17", clause=2),
            Ev(0, "CONSULT", (PUTIN,), (CHINA,), "2024-06-17", clause=2),
        ],
        [Dt(0, "on Wednesday", "2024-06-19"), Dt(0, "on Monday", "2024-06-17")],
    )
    articles, analyses = build_all([doc])
    assert [e.date for e in story_timeline(articles, analyses)] == ["2024-06-19"]
