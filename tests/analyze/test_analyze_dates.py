from __future__ import annotations

import pytest

from newsdesk.analyze.dates import find_dates


@pytest.mark.parametrize(
    ("text", "ref", "expect"),
    [
        ("The talks are scheduled for May 16-17 in the capital.", "2024-05-14", ("2024-05-16", "2024-05-17", "day")),
        ("A summit runs from August 31 to September 3.", "2025-08-20", ("2025-08-31", "2025-09-03", "day")),
        ("They met on 16 May 2024 in Beijing.", "2024-06-01", ("2024-05-16", None, "day")),
        ("They met on 16–17 May.", "2024-06-01", ("2024-05-16", "2024-05-17", "day")),
        ("Talks began on December 28.", "2025-01-05", ("2024-12-28", None, "day")),
        ("The ministers talked on Thursday.", "2024-05-14", ("2024-05-09", None, "day")),
        ("The ministers will talk on Thursday.", "2024-05-14", ("2024-05-16", None, "day")),
        ("The leaders meet next week.", "2024-05-14", ("2024-05-20", "2024-05-26", "week")),
        ("The deal was signed yesterday.", "2024-05-14", ("2024-05-13", None, "day")),
        ("Prices rose last year.", "2024-05-14", ("2023-01-01", "2023-12-31", "year")),
        ("Earlier this month the envoy left.", "2024-05-14", ("2024-05-01", "2024-05-31", "month")),
        ("Sanctions imposed in 2022 remain.", "2024-05-14", ("2022-01-01", "2022-12-31", "year")),
        ("The vote was held in March 2023.", "2024-05-14", ("2023-03-01", "2023-03-31", "month")),
        ("Three days ago the border closed.", "2024-05-14", ("2024-05-11", None, "day")),
        # a bare weekday takes the tense of its own clause before the sentence's
        ("The envoy, who landed in Oslo on Monday, will meet the king tomorrow.", "2024-05-15",
         ("2024-05-13", None, "day")),
        ("Officials said the envoy will land on Monday.", "2024-05-15", ("2024-05-20", None, "day")),
        # a month without a year after "since" or "last" is behind the report, after "next" ahead of it
        ("Relations have thawed since March.", "2024-10-23", ("2024-03-01", "2024-03-31", "month")),
        ("Prices fell last March.", "2024-10-23", ("2024-03-01", "2024-03-31", "month")),
        ("Prices fell last October.", "2024-10-23", ("2023-10-01", "2023-10-31", "month")),
        ("The talks resume next May.", "2024-10-23", ("2025-05-01", "2025-05-31", "month")),
    ],
)
def test_forms(text: str, ref: str, expect: tuple) -> None:
    found = find_dates(text, ref)
    assert found, text
    first = found[0]
    assert (first.date, first.date_end, first.granularity) == expect
    assert text[first.start:first.end] == first.text


def test_offsets_shift_into_article() -> None:
    found = find_dates("Met on 3 June 2024.", None, "a1", 4, offset=100)
    assert found[0].start == 107 and found[0].sentence_index == 4 and found[0].article_id == "a1"


def test_no_year_without_reference() -> None:
    assert find_dates("They met on Thursday and on May 16.", None) == []


def test_numbers_are_not_years() -> None:
    assert find_dates("Some 2,024 people and 2024.5 tonnes.", "2024-05-14") == []


def test_spans_beyond_the_calendar_are_skipped_not_fatal() -> None:
    assert find_dates("The city was founded 5000 years ago.", "2024-05-01") == []
    assert find_dates("Some 99999999999 days ago, it began.", "2024-05-01") == []
    assert find_dates("Three days ago, talks began.", "2024-05-01")[0].date == "2024-04-28"


def test_each_weekday_follows_its_own_clause() -> None:
    text = "Talks ended on Monday and are due to resume on Friday."
    assert [d.date for d in find_dates(text, "2024-05-15")] == ["2024-05-13", "2024-05-17"]
