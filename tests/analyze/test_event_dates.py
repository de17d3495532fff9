"""Which date phrase dates which event: read from the parse, not the sentence's first day."""

from __future__ import annotations

from newsdesk.model import MAIN_CLAUSE, SUBORDINATE_CLAUSE


def _by_trigger(analyzer, text: str, date: str) -> dict[str, tuple[str | None, int]]:
    return {e.trigger or "": (e.date, e.clause) for e in analyzer.code_sentence(text, date)}


def test_a_relative_clauses_day_does_not_date_the_main_event(analyzer):
    # 2024-06-21 is a Friday: "on Monday" is 17 June, but it is the visit's day, not the summit's
    found = _by_trigger(
        analyzer,
        "The summit ends a tour of Asia for Putin, who visited Hanoi on Monday and met Lam in Hanoi on Tuesday.",
        "2024-06-21",
    )
    assert found["ends tour"] == (None, MAIN_CLAUSE)
    assert found["visited"] == ("2024-06-17", SUBORDINATE_CLAUSE)


def test_a_possessive_day_dates_its_own_noun(analyzer):
    found = _by_trigger(analyzer, "Putin met Kim after Wednesday's parade in Pyongyang.", "2024-06-21")
    assert found["met"][0] is None


def test_a_relating_preposition_does_not_date_the_event(analyzer):
    found = _by_trigger(
        analyzer, "On Thursday Putin held talks with Kim, their first meeting since a summit in September.",
        "2024-06-21",
    )
    assert found["held talks"][0] == "2024-06-20"


def test_the_main_clause_keeps_its_own_day(analyzer):
    found = _by_trigger(analyzer, "Putin met Kim on Wednesday, a day after he arrived on Tuesday.", "2024-06-21")
    assert found["met"] == ("2024-06-19", MAIN_CLAUSE)


def test_a_reported_plan_keeps_its_day(analyzer):
    events = analyzer.code_sentence("The Kremlin said Putin will visit China on May 16.", "2024-05-10")
    assert any(e.date == "2024-05-16" for e in events)


def test_a_reported_event_does_not_take_a_relative_clauses_day(analyzer):
    """"Workers, who had marched on Saturday, said the deal fell short" reports the deal, not the
    march: a reported event (outside the main clause) keeps the sentence's day only when the day is
    not another noun's or a relative clause's. Said on the day itself, the day stays."""
    walked = "Dock workers, who had marched through Valparaiso on Saturday, said the deal fell short of their demands."
    found = _by_trigger(analyzer, walked, "2025-03-12")
    assert found["marched"][0] == "2025-03-08"
    assert found["deal"][0] is None
    said = _by_trigger(analyzer, "Dock workers said on Saturday that the deal fell short of their demands.", "2025-03-12")
    assert said["deal"][0] == "2025-03-08"


def test_a_reported_event_does_not_take_a_possessive_day(analyzer):
    text = "Chilean officials have said that fishing quotas were discussed in Lima, and Peru wants them on the agenda of Monday's talks."
    assert _by_trigger(analyzer, text, "2025-03-12")["discussed"][0] is None
    plain = "Chilean officials said on Monday that fishing quotas were discussed in Lima."
    assert _by_trigger(analyzer, plain, "2025-03-12")["discussed"][0] == "2025-03-10"


def test_a_participles_day_still_dates_what_its_noun_reports(analyzer):
    """"A draft released on Friday proposed that …": the draft's day is the proposal's."""
    text = "A draft released by the Chilean presidency on Friday proposed that Peru take the lead in funding the port by 2030."
    assert _by_trigger(analyzer, text, "2025-03-12")["funding"][0] == "2025-03-07"


def test_a_sentence_whose_reported_event_is_undated_is_no_timeline_entry(analyzer):
    """The timeline printed the walk-out's Saturday for "said the deal fell short", a day before the
    deal; the main clause's acts have no day of their own, so the sentence is not an entry."""
    from newsdesk.model import Article
    from newsdesk.stories.timeline import story_timeline

    text = (
        "Chile and Peru signed a port deal in Lima on Sunday. "
        "Dock workers, who had marched through Valparaiso on Saturday, said the deal fell short of their demands."
    )
    article = Article(id="a1", name="a1", url=None, title=None, author=None, date="2025-03-10", language="en",
                      page_type="article", text=text)
    days = [(e.date, e.text[:10]) for e in story_timeline([article], [analyzer.analyze(article)])]
    assert ("2025-03-09", "Chile and ") in days
    assert all(not t.startswith("Dock") for _, t in days), days



def test_a_relative_clause_is_dated_by_its_own_day_not_another_nouns(analyzer):
    """"Wednesday's parade, where he will be joined by Lam, who arrived on Monday": the arrival was
    on Monday; the sentence's finest date was Wednesday, the parade's."""
    text = "Putin is due to remain in Pyongyang for Wednesday's parade, where he will be joined by Lam, who arrived on Monday."
    assert _by_trigger(analyzer, text, "2024-06-17")["arrived"][0] == "2024-06-17"
