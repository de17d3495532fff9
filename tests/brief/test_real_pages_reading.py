"""A reading of briefs built from real web pages no brief rule was written for (issue #4, eighteenth
pass): headings, questions, navigation and copy that speaks to the reader are no reported prose; a
quotation with no speaker in its own sentence is nobody's words; "have been accused" names the
accused, not a speaker."""

from __future__ import annotations

from conftest import S, make
from newsdesk.brief.candidates import build_candidates
from newsdesk.brief.players import choose_timeline
from newsdesk.brief.speakers import article_speeches
from newsdesk.model import Actor, Source, TimelineEntry

ARCE = Actor("Luis Arce", "BOL", "GOV", role="President of Bolivia")
CRUZ = Actor("Ana Cruz", "PER", "GOV", role="Foreign Minister of Peru")
BOLIVIA = Actor("Bolivia", "BOL", "GOV")
CHILE = Actor("Chile", "CHL", "GOV")
LEAD = S("Arce signed a lithium quota with Chile in Quito on Wednesday as the Andean summit closed.",
         [("Arce", "PERSON", ARCE), ("Chile", "GPE", CHILE)], ("diplomacy",), [{"plover": "AGREE"}])
SAID = S("“We will review the quota in March,” Peru's foreign minister Ana Cruz said on Wednesday.",
         [("Ana Cruz", "PERSON", CRUZ)], ("diplomacy",))


def _printable(*lines: S) -> list[str]:
    article, analysis = make("p1", "2025-06-11", "Wire", [LEAD, *lines, SAID])
    return [c.text for c in build_candidates([article], [analysis])]


def test_a_heading_or_label_without_a_final_stop_is_no_line():
    heading = S("Five Andean Lithium Deals Every Investor Should Watch in 2025")
    stamp = S("Updated on June 11, 2025 by the Andean desk team")
    credit = S("(Reporting by Ana Ruiz; editing by Tomas Vega in Quito)")
    assert _printable(heading, stamp, credit) == [LEAD.text, SAID.text]


def test_a_question_outside_quotes_is_no_line():
    asked = S("Will the quota survive the next change of government in La Paz?")
    assert _printable(asked) == [LEAD.text, SAID.text]
    quoted = S("“Why now?” Ana Cruz asked reporters after the quota was signed in Quito.", [("Ana Cruz", "PERSON", CRUZ)])
    assert quoted.text in _printable(quoted)


def test_glued_navigation_is_no_line():
    glued = S("Partner news Andean markets rally on quota | Bolivia named top lithium exporter for 2025.")
    assert _printable(glued) == [LEAD.text, SAID.text]


def test_copy_that_speaks_to_the_reader_or_for_the_writer_is_no_line():
    advert = S("Contact our lithium desk today to get your free Andean market report.")
    note = S("We updated this article on June 11 with the final text of the quota.")
    diary = S("I spent three days in Quito watching the ministers argue over the quota.")
    assert _printable(advert, note, diary) == [LEAD.text, SAID.text]
    # the country, not "us"; and a speaker's own "we" stays (SAID)
    country = S("The US welcomed the quota, and Chile said it would ship the first lithium in July.",
                [("Chile", "GPE", CHILE)])
    assert country.text in _printable(country)
    # a capitalised "We" past the start of a clause begins a name
    company = S("The We Company said on Wednesday that it would open a lithium office in Quito.")
    assert company.text in _printable(company)


def test_a_quotation_with_no_speaker_in_its_own_sentence_is_no_line():
    whole = S("“The quota must be reviewed before the first shipment leaves Antofagasta.”")
    runs_on = S("As a principle, we support a fair price for every Andean producer.”")
    assert _printable(whole, runs_on) == [LEAD.text, SAID.text]
    # a colon introduces the speaker's words (the quotation runs on into the next sentence); curly and
    # straight marks close each other
    introduced = S('Andean ministers commented: "The quota is fair to every producer in the region.')
    mixed = S("So many people mocked the slogan that “Lithium Is Us\" became a top trend in La Paz.")
    assert _printable(introduced, mixed) == [LEAD.text, introduced.text, mixed.text, SAID.text]


def test_the_accused_is_no_speaker():
    accused = "Bolivia and Chile have been accused of fixing the lithium price before the summit."
    article, analysis = make("p2", "2025-06-11", "Wire",
                             [S(accused, [("Bolivia", "GPE", BOLIVIA), ("Chile", "GPE", CHILE)])])
    assert article_speeches(analysis) == {}
    accusing = "Bolivia accused Chile of fixing the lithium price before the summit."
    article, analysis = make("p3", "2025-06-11", "Wire",
                             [S(accusing, [("Bolivia", "GPE", BOLIVIA), ("Chile", "GPE", CHILE)])])
    assert [s.speaker for s in article_speeches(analysis)[0]] == [BOLIVIA]


def _entry(day: str, text: str, index: int) -> TimelineEntry:
    return TimelineEntry(day, text, (Source("p1", index, text, date="2025-06-11"),))


def test_a_page_stamp_or_an_appeal_is_no_timeline_entry():
    kept = _entry("2025-06-11", LEAD.text, 0)
    stamp = _entry("2025-06-10", "Updated on June 10, 2025", 1)
    appeal = _entry("2025-06-09", "Subscribe today and we will send you the quota text.", 2)
    chosen = choose_timeline([stamp, appeal, kept], ("2025-06-09", "2025-06-11"))
    assert [e.text for e in chosen] == [LEAD.text]


def _leans(text: str) -> bool:
    article, analysis = make("p4", "2025-06-11", "Wire", [LEAD, S(text)])
    return build_candidates([article], [analysis])[1].leans


def test_an_addition_after_a_longer_subject_leans_on_the_line_before():
    assert _leans("A Reuters photographer at the border crossing also reported hearing shots near the depot.")
    assert _leans("The national statistics office in La Paz has also estimated that exports fell.")
    # "also" inside an infinitive adds nothing to an earlier line
    assert not _leans("The ministers of the two Andean countries agreed to also review the quota in March.")


def test_an_act_still_to_do_on_an_unnamed_it_leans():
    assert _leans("Lima's chief negotiator Ana Cruz said they would take several measures to oppose it in Quito.")
    assert not _leans("Lima's chief negotiator Ana Cruz said they would take several measures to oppose the quota.")
