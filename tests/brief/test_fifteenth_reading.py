"""A sixth line-by-line reading of the briefs: the Summary opens with the story's central event, not
a side issue; what a story means to one party is analysis, not news or a plan; "X himself", "…, too"
and "the three leaders" lean on the line before; a thin Timeline line gives way to a fuller one of
its day; a guest list or an approval "expected" before the event is stale once it has happened; a
theme group the story is much about gets a second line that adds one fact; the lead-up to the
event ("The summit follows weeks of pressure") is no aspect of it; a main-clause act inside the
story is news, not background, and in the Summary it is told once. (The weekday of a wish, and the
flags of an event beside another noun's day, are tested with the parse, in
tests/analyze/test_fifteenth_reading_dates.py.)"""

from __future__ import annotations

from conftest import S
from conftest import pool as _pool
from newsdesk.brief.anaphora import unresolved_reference
from newsdesk.brief.candidates import follows_on, is_historical, perspective, same_main_act
from newsdesk.brief.players import choose_timeline, thin
from newsdesk.brief.sections import Pool, central_first, key_aspects, outlook, stale, summary
from newsdesk.model import Actor, Source, TimelineEntry

BORIC = Actor("Gabriel Boric", "CHL", "GOV", role="President of Chile")
BOLUARTE = Actor("Dina Boluarte", "PER", "GOV", role="President of Peru")
PERU = Actor("Peru", "PER", "GOV")
CHILE = Actor("Chile", "CHL", "GOV")
DONE = {"plover": "CONSULT"}
AHEAD = {"future": True}

TITLE = "Boric and Boluarte end Lima summit without border deal"
SIDE = "Bolivia and several Andean governments have pressed for a seat at the table."
CENTRAL = (
    "Chilean President Gabriel Boric and Peruvian President Dina Boluarte ended their summit in Lima on "
    "Friday without a border deal, both calling the talks useful."
)
AFTER = "On Saturday Boric wrote that a full treaty, not an interim arrangement, was the way to settle the border."


def _three_reports() -> Pool:
    boric = [("Gabriel Boric", "PERSON", BORIC), ("Dina Boluarte", "PERSON", BOLUARTE)]
    return _pool(
        [
            ("p1", "2025-05-07", [S(SIDE, [("Bolivia", "GPE", Actor("Bolivia", "BOL", "GOV"))], ("diplomacy",), [DONE])]),
            ("p2", "2025-05-09", [S(CENTRAL, boric, ("diplomacy",), [DONE], [("Friday", "2025-05-09")])]),
            ("p3", "2025-05-10", [S(AFTER, [("Boric", "PERSON", BORIC)], ("diplomacy",), [DONE], [("Saturday", "2025-05-10")])]),
        ],
        "2025-05-10",
    )


def test_the_summary_opens_with_the_central_event_not_a_side_issue():
    """The Summary is told in order, one line per report; a preview's side issue came first."""
    pool = _three_reports()
    printed = [p.candidate.text for p in summary(pool, "2025-05-07", 5, TITLE)]
    # the side issue shares none of the title's words, so it also goes last (side_events_last)
    assert printed == [CENTRAL, AFTER, SIDE]
    # without the title, the order they happened in
    assert [p.candidate.text for p in summary(_three_reports(), "2025-05-07", 5)] == [SIDE, CENTRAL, AFTER]


def test_a_first_line_that_names_the_story_keeps_its_place():
    pool = _three_reports()
    lines = pool.candidates
    # the first line shares half the title's words ("Boric", "Boluarte", "Lima", "summit"): no side issue
    first = "Boric and Boluarte opened the Lima summit on Thursday, their first meeting in years."
    more = _pool([("q1", "2025-05-08", [S(first, [("Boric", "PERSON", BORIC)], ("diplomacy",), [DONE])])], "2025-05-10")
    assert central_first([more.candidates[0], *lines[1:]], TITLE, [7, 1, 2]) == [7, 1, 2]
    # (one sharing three of eight, "Boric flew to Lima … for the summit", yields to the central line,
    # which shares all eight: see CENTRAL_MARGIN and tests/brief/test_sixteenth_reading.py)
    # a title too short to tell the central event: order unchanged
    assert central_first(lines, "Lima summit", [0, 1, 2]) == [0, 1, 2]


def test_what_a_story_means_to_one_party_is_analysis():
    assert perspective("For Santiago, the summit offers another stage on which to show that its isolation has ended.")
    assert perspective("For the Kremlin, the visit was a chance to show it has friends.")
    assert not perspective("For years, the two countries have argued over the maritime border.")
    assert not perspective("For the first time, Peru and Chile agreed on a joint patrol.")
    analysis = "For Lima, the forum is one of several through which it seeks a larger voice, alongside the summit it hosts in October."
    plan = "Boric and Boluarte are to meet again at the Pacific forum in Santiago in October."
    pool = _pool(
        [
            ("o1", "2025-05-10", [
                S(analysis, [("Lima", "GPE", PERU)], ("diplomacy",), [{**AHEAD, "date": "2025-10-01"}], [("October", "2025-10-01")]),
                S(plan, [("Boric", "PERSON", BORIC), ("Santiago", "GPE", CHILE)], ("diplomacy",),
                  [{**AHEAD, "date": "2025-10-01"}], [("October", "2025-10-01")]),
            ]),
        ],
        "2025-05-10",
    )
    assert [p.candidate.text for p in outlook(pool)] == [plan]


def test_an_intensive_subject_an_added_act_and_a_counted_group_lean_on_the_line_before():
    assert unresolved_reference("Boric himself, at a news conference in Lima on Wednesday, said no leader had objected.")
    assert unresolved_reference("The Chilean president herself said the border was not on the agenda.")
    assert not unresolved_reference("Gabriel Boric described himself as a friend of Peru at a dinner in Lima.")
    assert unresolved_reference("Bolivia's Luis Arce signed the accord in Lima, too.")
    assert unresolved_reference("Bolivia's Luis Arce signed the accord in Lima as well.")
    assert not unresolved_reference("Bolivia's Luis Arce signed the accord in Lima as well as a fishing pact.")
    assert not unresolved_reference("Bolivia's Luis Arce called the sum in the Lima accord far too small.")
    assert unresolved_reference("The three leaders discussed a rail corridor linking their countries, according to Lima.")
    assert not unresolved_reference("The two leaders met for an hour at the presidential palace in Lima.")


def test_a_thin_line_gives_way_to_a_fuller_one_of_its_day():
    invited = "Boric invited Arce to visit Chile."
    assert thin(invited) and not thin("Boric met Arce on Tuesday.")
    fuller = "Boric and Boluarte watched a military parade in Lima on Wednesday to mark 200 years of independence."
    other = "Boric arrived in Lima on Tuesday for a three-day visit, his first since taking office."
    own = "Arce was invited to Santiago."
    entries = [
        TimelineEntry("2025-05-07", invited, (Source("b1", 3, invited, date="2025-05-07"),)),
        TimelineEntry("2025-05-07", fuller, (Source("b1", 0, fuller, date="2025-05-07"),)),
        TimelineEntry("2025-05-06", other, (Source("b1", 1, other, date="2025-05-07"),)),
        TimelineEntry("2025-05-08", own, (Source("b2", 1, own, date="2025-05-08"),)),
    ]
    chosen = [e.text for e in choose_timeline(entries, ("2025-05-05", "2025-05-08"))]
    # the thin line of a day that has a fuller one leaves; one alone on its day still stands for it
    assert chosen == [other, fuller, own]


def test_a_guest_list_or_an_approval_awaited_before_the_event_is_stale_after_it():
    guests = "Bolivian President Luis Arce is on the guest list, as is Ecuador's foreign minister."
    approval = "Quito has completed the accession procedures, and its admission is expected to be approved in Lima."
    pool = _pool(
        [
            ("g1", "2025-05-06", [S(guests, themes=("diplomacy",)), S(approval, themes=("diplomacy",))]),
            ("g2", "2025-05-09", [S(CENTRAL, themes=("diplomacy",), events=[DONE])]),
        ],
        "2025-05-09",
    )
    early, late, news = pool.candidates
    assert stale(early, pool) and stale(late, pool) and not stale(news, pool)


def test_a_group_the_story_is_much_about_gets_a_second_line_that_adds_one_fact():
    """"The two leaders met for an hour …" stood alone under Diplomacy: "Boric rated the talks 9 out
    of 10" states two facts, one of them Boric, who every line names, so it passed for a repeat."""
    boric = [("Boric", "PERSON", BORIC)]
    met = "Boric and Boluarte met for about an hour and forty minutes at the palace in Lima, their first meeting since 2019."
    rated = "Boric described the talks as a great success and rated them 9 on a scale of zero to ten."
    lines = [
        S("Boric said on Friday that he would lower tariffs on Peruvian copper after the talks in Lima.", boric,
          ("trade and economy", "diplomacy"), [DONE], [("Friday", "2025-05-09")]),
        S(met, boric, ("diplomacy",), [DONE]),
        S(rated, boric, ("diplomacy",), [DONE]),
        S("Boric thanked the Peruvian hosts and the diplomats who organised the talks in Lima.", boric, ("diplomacy",), [DONE]),
    ]
    pool = _pool([("k1", "2025-05-09", lines)], "2025-05-09")
    pool.take(0)  # the Summary printed the tariff line
    printed = [p.candidate.text for p in key_aspects(pool, ["diplomacy"]) if p.group == "diplomacy"]
    assert met in printed and rated in printed


def test_the_lead_up_to_the_event_is_no_aspect_of_it():
    assert follows_on("The summit follows weeks of mounting pressure from Santiago.")
    assert follows_on("The trip comes days after Boric named a new foreign minister.")
    assert not follows_on("Boric follows the talks from Santiago.")
    assert not follows_on("The summit ended with a joint statement on fisheries.")
    lead_up = "The summit follows weeks of mounting pressure from Santiago over the border."
    aspect = "Boric and Boluarte agreed on a joint patrol of the maritime border near Arica."
    pool = _pool(
        [("f1", "2025-05-09", [S(lead_up, themes=("diplomacy",), events=[DONE]), S(aspect, themes=("diplomacy",), events=[DONE])])],
        "2025-05-09",
    )
    assert [p.candidate.text for p in key_aspects(pool, ["diplomacy"])] == [aspect]


def test_a_main_clause_act_inside_the_story_is_news_not_background():
    """"On Wednesday Boric held talks with Boluarte, their second meeting since a state visit in
    March, and also met Arce" is the story's Wednesday: filed as background for the March visit, it
    sat in Background beside the Summary's own line on the meeting. In the Summary it is that
    meeting again, so it is not printed twice."""
    parties = [("Boric", "PERSON", BORIC), ("Boluarte", "PERSON", BOLUARTE)]
    met = "Chilean President Gabriel Boric and Peruvian President Dina Boluarte met in Lima on Wednesday on the sidelines of the Pacific forum."
    again = "On Wednesday Boric held talks with Boluarte, their second meeting since a state visit in March, and also met Arce."
    old_visit = {"plover": "CONSULT", "date": "2025-03-01", "historical": True, "actors": (BORIC,), "recipients": (PERU,)}
    talks = {"plover": "CONSULT", "date": "2025-05-07", "actors": (BORIC,), "recipients": (BOLUARTE,)}
    meeting = {"plover": "CONSULT", "date": "2025-05-07", "actors": (BORIC, BOLUARTE), "recipients": ()}
    pool = _pool(
        [
            ("m1", "2025-05-07", [S(met, [("Gabriel Boric", "PERSON", BORIC), ("Dina Boluarte", "PERSON", BOLUARTE)],
                                    ("diplomacy",), [meeting], [("Wednesday", "2025-05-07")])]),
            ("m2", "2025-05-08", [S(again, parties, ("diplomacy",), [talks, old_visit],
                                    [("Wednesday", "2025-05-07"), ("March", "2025-03-01")])]),
        ],
        "2025-05-08",
    )
    first, second = pool.candidates
    assert not is_historical(second, "2025-05-06") and same_main_act(first, second)
    printed = [p.candidate.text for p in summary(pool, "2025-05-06", 5)]
    assert printed == [met]
    # another act of that day with the same people is not the same act
    signing = {"plover": "COOPERATE", "date": "2025-05-07", "actors": (BORIC, BOLUARTE), "recipients": ()}
    signed = _pool([("m3", "2025-05-07", [S("Boric and Boluarte signed a port accord in Lima on Wednesday.",
                                            parties, ("diplomacy",), [signing], [("Wednesday", "2025-05-07")])])], "2025-05-08")
    assert not same_main_act(first, signed.candidates[0])
