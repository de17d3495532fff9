"""A seventh line-by-line reading of the briefs: what an adopted text says is its terms, not a plan;
a forecast dated by a done act in a side clause is no record of that day, nor background, and a
stale preview once the event has come; "the issues concerned", "the matter" and "the said …" lean
on the line before; a first line off the title altogether gives way to one naming three of its
words."""

from __future__ import annotations

from conftest import S
from conftest import pool as _pool
from newsdesk.brief.anaphora import unresolved_reference
from newsdesk.brief.candidates import forecast_dated_by_side_act
from newsdesk.brief.sections import Pool, background, central_first, outlook, stale, still_ahead
from newsdesk.brief.writer import _forecast_test
from newsdesk.model import REPORTED_CLAUSE, Actor, Source, TimelineEntry

ARCE = Actor("Luis Arce", "BOL", "GOV", role="President of Bolivia")
CHILE = Actor("Chile", "CHL", "GOV")
DONE = {"plover": "CONSULT"}


def test_what_an_adopted_text_says_is_no_plan():
    terms = (
        "The Lima declaration, signed by both presidents on the last day of the summit, says the two "
        "countries will open a joint border commission when their congresses ratify it."
    )
    plan = "Bolivia and Chile will open a joint border commission in Arica, Bolivian officials said."
    signed = {"plover": "AGREE", "cameo": "03", "trigger": "signed", "clause": 2}
    pool = _pool(
        [("d1", "2025-05-09", [S(terms, themes=("diplomacy",), events=[signed]), S(plan, [("Chile", "GPE", CHILE)], ("diplomacy",))])],
        "2025-05-09",
    )
    adopted, ahead = pool.candidates
    assert not still_ahead(adopted, pool) and still_ahead(ahead, pool)
    assert [p.candidate.text for p in outlook(pool)] == [plan]


FORECAST = (
    "Bolivian President Luis Arce is likely to face pointed questions from fellow leaders after trips to "
    "Caracas on Friday and Havana on Monday that he presented as a peace mission."
)
TRIP = {"trigger": "trips", "clause": REPORTED_CLAUSE, "historical": True, "date": "2025-05-02", "mode": "visit"}
NEWS = "Arce flew to Caracas on Friday for talks, and will travel to Havana on Monday."


def _forecast_pool() -> Pool:
    arce = [("Luis Arce", "PERSON", ARCE)]
    return _pool(
        [
            ("f1", "2025-05-05", [
                S(FORECAST, arce, ("diplomacy",), [TRIP], [("on Friday", "2025-05-02"), ("on Monday", "2025-05-05")]),
                S(NEWS, [("Arce", "PERSON", ARCE)], ("diplomacy",),
                  [{"trigger": "flew", "date": "2025-05-02", "historical": True}], [("on Friday", "2025-05-02")]),
            ]),
            ("f2", "2025-05-08", [S("Leaders of the Andean group met in Lima on Thursday for a two-day summit.",
                                    [("Lima", "GPE", CHILE)], ("diplomacy",), [DONE], [("on Thursday", "2025-05-08")])]),
        ],
        "2025-05-08",
    )


def test_a_forecast_dated_by_a_side_act_is_no_record_of_that_day():
    pool = _forecast_pool()
    forecast, news, _ = pool.candidates
    assert forecast_dated_by_side_act(forecast)
    assert not forecast_dated_by_side_act(news)  # the main clause tells the flight
    misdated = _forecast_test([pool])
    entry = TimelineEntry("2025-05-02", FORECAST, (Source("f1", 0, FORECAST, date="2025-05-05"),))
    kept = TimelineEntry("2025-05-02", NEWS, (Source("f1", 1, NEWS, date="2025-05-05"),))
    assert misdated(entry) and not misdated(kept)


def test_a_forecast_dated_by_a_side_act_is_no_background_and_stale_after_the_event():
    pool = _forecast_pool()
    forecast, news, _ = pool.candidates
    assert stale(forecast, pool)
    assert FORECAST not in [p.candidate.text for p in background(pool, [], "2025-05-05")]
    # the same forecast told on the story's last day is not yet overtaken
    today = _pool([("g1", "2025-05-05", [S(FORECAST, [("Luis Arce", "PERSON", ARCE)], ("diplomacy",), [TRIP],
                                          [("on Friday", "2025-05-02"), ("on Monday", "2025-05-05")])])], "2025-05-05")
    assert not stale(today.candidates[0], today)


def test_a_noun_marked_as_the_one_just_named_leans_on_the_line_before():
    assert unresolved_reference("La Paz confirmed on Tuesday that a settlement had been reached on the issues concerned.")
    assert unresolved_reference("Chile's foreign ministry declined to comment on the matter.")
    assert unresolved_reference("The said agreement was signed in Lima on Monday.")
    assert unresolved_reference("Arce said the case in question had been closed.")
    assert not unresolved_reference("The deal was reached in Lima, people familiar with the matter said on Monday.")
    assert not unresolved_reference("The matter of the border was not raised by Arce on Monday.")
    assert not unresolved_reference("Arce raised the question of sea access at the summit in Lima.")


def test_a_first_line_off_the_title_gives_way_to_one_naming_three_of_its_words():
    title = "Lithium exports to Chile under way, ministers say at Andean summit"
    side = "On Monday, floods hit Cusco and several other Peruvian towns, killing dozens of people."
    central = "The export of lithium from Bolivia to Chile has begun, Bolivia's trade office said on Wednesday."
    near = "On Monday, floods hit Cusco, killing dozens of people, a Peruvian minister said."
    pool = _pool(
        [
            ("c1", "2025-05-05", [S(side, themes=("disaster",), events=[DONE]), S(near, themes=("disaster",), events=[DONE])]),
            ("c2", "2025-05-07", [S(central, [("Chile", "GPE", CHILE)], ("trade and economy",), [DONE])]),
        ],
        "2025-05-07",
    )
    first, close, lead = pool.candidates
    assert central_first([first, lead], title, [0, 2]) == [2, 0]
    # a first line that shares one title word needs a line with half of them (four of seven)
    assert central_first([close, lead], title, [1, 2]) == [1, 2]
