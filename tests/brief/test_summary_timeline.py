"""One dated event, one Timeline line: two reports of one event in other words are merged, judged on
the coded events (day, type, parties) rather than on shared words."""

from __future__ import annotations

from conftest import S, make
from newsdesk.brief.candidates import article_candidates, same_dated_event
from newsdesk.brief.writer import verify_brief, write_brief
from newsdesk.model import Actor, Story
from newsdesk.stories.timeline import story_timeline

PETROBRAS = Actor("Petrobras", "BRA", "BUS")
YPF = Actor("YPF", "ARG", "BUS")
LULA = Actor("Luiz Inacio Lula da Silva", "BRA", "GOV", "President of Brazil")
MILEI = Actor("Javier Milei", "ARG", "GOV", "President of Argentina")
BORIC = Actor("Gabriel Boric", "CHL", "GOV", "President of Chile")

SIGNED = "Brazil's Petrobras said on Monday that it had signed a binding supply accord with Argentina's YPF on a gas link from Vaca Muerta to Sao Paulo."
RESTATED = "The headline result was the accord signed by YPF and Petrobras on Monday, March 3, for the link, which would carry 20 million cubic metres a day."
RECAP = "The summit ended on Monday, when Petrobras said it had signed the gas accord after talks in Montevideo."
WITH_MILEI = "Lula met Milei in Montevideo on Monday to discuss a bioceanic railway."
WITH_BORIC = "Lula met Boric in Montevideo on Monday to discuss a bioceanic railway."


def _signing(text, who, whom, day="2025-03-03", dated=True, trigger="signed"):
    when = [("on Monday", day)] if dated else []
    named = [(a.name, "ORG", a) for a in (*who, *whom) if a.name in text]
    event = {"plover": "SUPPORT", "cameo": "05", "actors": who, "recipients": whom, "date": day, "trigger": trigger}
    return S(text, named, ("energy",), [event], when)


def _meeting(text, guest):
    event = {"actors": (LULA,), "recipients": (guest,), "date": "2025-03-03", "trigger": "met"}
    return S(text, [], ("diplomacy",), [event], [("on Monday", "2025-03-03")])


def _candidates(*specs):
    article, analysis = make("c1", "2025-03-04", "Wire", list(specs))
    return article_candidates(article, analysis)


def test_one_coded_event_of_one_day_in_other_words_is_the_same_event():
    signed, restated, recap, undated, milei, boric = _candidates(
        _signing(SIGNED, (PETROBRAS,), (YPF,)),
        _signing(RESTATED, (YPF,), (PETROBRAS,), trigger="accord signed"),
        _signing(RECAP, (PETROBRAS,), (PETROBRAS,)),  # the other party not found: a self-loop
        _signing("Petrobras has signed a binding gas accord with YPF, its chairman told reporters.", (PETROBRAS,), (YPF,), dated=False),
        _meeting(WITH_MILEI, MILEI),
        _meeting(WITH_BORIC, BORIC),
    )
    assert same_dated_event(signed, restated) and same_dated_event(restated, signed)
    assert same_dated_event(signed, recap)  # open party inside the other's, same trigger
    assert not same_dated_event(signed, undated)  # no day stated in the sentence
    assert not same_dated_event(milei, boric)  # one day, one place, one verb: other parties
    assert not same_dated_event(signed, milei)


def _story():
    first, n1 = make(
        "m1",
        "2025-03-03",
        "Wire",
        [
            _signing(SIGNED, (PETROBRAS,), (YPF,)),
            S(
                "Javier Milei opened a lithium plant in Salta on Tuesday.",
                [("Javier Milei", "PERSON", MILEI)],
                ("trade and economy",),
                [{"plover": "ENGAGE", "cameo": "06", "actors": (MILEI,), "date": "2025-03-04", "trigger": "opened"}],
                [("on Tuesday", "2025-03-04")],
            ),
        ],
    )
    second, n2 = make(
        "m2",
        "2025-03-06",
        "Ledger",
        [
            _signing(RESTATED, (YPF,), (PETROBRAS,), trigger="accord signed"),
            _meeting(WITH_BORIC, BORIC),
            S(
                "Argentina's senate approved the budget for the gas link on Wednesday by a wide margin.",
                [],
                ("energy",),
                [{"plover": "AGREE", "cameo": "05", "actors": (MILEI,), "date": "2025-03-05", "trigger": "approved"}],
                [("on Wednesday", "2025-03-05")],
            ),
            S(
                "Chile's Gabriel Boric visited the port of Santos on Thursday to see the railway's terminal site.",
                [("Gabriel Boric", "PERSON", BORIC)],
                ("climate and infrastructure",),
                [{"actors": (BORIC,), "date": "2025-03-06", "trigger": "visited"}],
                [("on Thursday", "2025-03-06")],
            ),
        ],
    )
    story = Story("m", "Gas link", ("m1", "m2"), "2025-03-03", "2025-03-06", ("Petrobras", "YPF"))
    return story, [first, second], [n1, n2]


def test_the_timeline_prints_one_event_once_in_whatever_words():
    story, articles, analyses = _story()
    entries = story_timeline(articles, analyses, story.id)
    assert {e.text for e in entries} >= {SIGNED, RESTATED}  # the raw timeline has both reports
    brief = write_brief(story, articles, analyses, timeline=entries, max_summary_sentences=1)
    dated = [e.text for e in brief.timeline]
    assert len({SIGNED, RESTATED} & set(dated)) == 1
    assert WITH_BORIC in dated  # the same day's other event stays
    assert verify_brief(brief, {a.id: a for a in articles}, {n.article_id: n for n in analyses}) == []
