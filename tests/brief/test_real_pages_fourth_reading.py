"""A fourth reading of briefs built from real web pages (issue #4, twenty-first pass): a report that
the clusterer joined for a shared place but that is about something else gives the brief no lines,
and a morning digest gives only its items about the story; "such" with nothing to say which leans
on the line before; a "will" of what holds in general, or a vow, is no step to come; and a done act
dated only by a month named alone is no plan; a product named only by its kind ("The new version")
leans on the line that named it."""

from __future__ import annotations

import re

from conftest import S, pool
from newsdesk.brief.anaphora import unresolved_reference
from newsdesk.brief.centre import off_subject
from newsdesk.brief.sections import outlook
from newsdesk.brief.writer import write_brief
from newsdesk.model import Analysis, Article, Sentence, Source, Story, TimelineEntry

_SENTENCE = re.compile(r"[^.!?]+[.!?]")


def _report(article_id: str, title: str, paragraphs: list[str]) -> tuple[Article, Analysis]:
    """An article whose paragraphs are lines of its text, and its sentences with true offsets."""
    text = "\n\n".join(paragraphs)
    sentences = []
    for match in _SENTENCE.finditer(text):
        start = match.start() + len(match.group()) - len(match.group().lstrip())
        sentences.append(Sentence(article_id, len(sentences), start, match.end(), text[start : match.end()]))
    article = Article(article_id, article_id, f"https://news.example/{article_id}", title, None,
                      "2025-06-11", "en", "article", text, publisher="Wire")
    return article, Analysis(article_id, tuple(sentences))


DAM_TITLE = "Protesters block the Osna dam road as Tarvel police move in"
DAM = [
    _report("d1", DAM_TITLE, [
        "Thousands of protesters blocked the road to the Osna dam in Tarvel on Tuesday.",
        "Police in Tarvel moved in with water cannon after the protesters refused to leave the dam road.",
    ]),
    _report("d2", "Tarvel police clear the Osna dam road", [
        "Riot police cleared the Osna dam road in Tarvel early on Wednesday.",
        "Organisers of the Tarvel protest said they would return to the dam on Saturday.",
    ]),
    _report("d3", "Why the Osna dam divides Tarvel", [
        "The Osna dam would flood three valleys north of Tarvel, its opponents say.",
        "The provincial government says the dam will supply power to half a million homes.",
    ]),
]
LISTING = _report("d4", "Korvex to raise $2bn in landmark Tarvel listing", [
    "Korvex is set to raise up to $2bn from its listing on the Tarvel exchange, pricing its shares at a discount.",
    "The Korvex listing goes ahead despite weeks of protests over the dam, a sign of confidence in the city.",
    "Korvex shares closed at $41 in New York on Tuesday, and its listing ceremony is due next week.",
])
DIGEST = _report("d5", "Five things in energy you need to know today", [
    "Good morning, here is the energy news for this Wednesday.",
    "- Riot police cleared protesters from the Osna dam road in Tarvel overnight.",
    "- Lindqvist Power is cutting 900 jobs at its two coal plants.",
    "- A solar farm in Merrow will double in size next spring.",
    "- Grid operators in the north warned of winter shortages.",
    "- Brenna Oil raised its dividend for the third quarter.",
])


def _left_out(reports: list[tuple[Article, Analysis]], title: str = DAM_TITLE) -> set[tuple[str, int]]:
    return set(off_subject(title, [a for a, _ in reports], [n for _, n in reports]))


def test_a_report_about_something_else_that_shares_the_place_gives_no_lines():
    left_out = _left_out([*DAM, LISTING])
    assert left_out == {("d4", i) for i in range(len(LISTING[1].sentences))}
    # the same report named in the story's title is the story: nothing is left out
    assert not _left_out([*DAM, LISTING], LISTING[0].title)
    # with only one other report there is no centre to judge by
    assert not _left_out([DAM[0], LISTING])


def test_a_report_whose_subject_another_report_writes_is_kept():
    named = _report("d6", "Korvex to raise $2bn in landmark Tarvel listing", [
        "Korvex is set to raise up to $2bn from its listing on the Tarvel exchange.",
        "Shares of Korvex closed at $41 in New York on Tuesday.",
        "Korvex would buy a fifth of the dam's power.",
    ])
    writes_it = _report("d3", "Why the Osna dam divides Tarvel", [
        "The Osna dam would flood three valleys north of Tarvel, its opponents say.",
        "The smelter group Korvex would buy a fifth of the dam's power.",
    ])
    assert _left_out([*DAM, named])
    assert not _left_out([DAM[0], DAM[1], writes_it, named])  # one other report names Korvex


def test_a_digest_gives_only_its_items_about_the_story():
    left_out = _left_out([*DAM, DIGEST])
    kept = [s.text for s in DIGEST[1].sentences if ("d5", s.index) not in left_out]
    assert kept == ["- Riot police cleared protesters from the Osna dam road in Tarvel overnight."]
    # a page of prose paragraphs with the same title is no digest
    prose = _report("d7", DIGEST[0].title, [p.removeprefix("- ") for p in [
        "Good morning, here is the energy news for this Wednesday.",
        "- Riot police cleared protesters from the Osna dam road in Tarvel overnight.",
    ]])
    assert not _left_out([*DAM, prose])


def test_the_brief_prints_no_line_and_dates_no_day_from_a_report_about_something_else():
    reports = [*DAM, LISTING]
    story = Story("s1", DAM_TITLE, tuple(a.id for a, _ in reports), "2025-06-10", "2025-06-11")
    closed = LISTING[1].sentences[2]
    entry = TimelineEntry("2025-06-10", closed.text, (Source("d4", closed.index, closed.text),))
    brief = write_brief(story, [a for a, _ in reports], [n for _, n in reports], timeline=[entry])
    printed = [item.text for section in brief.sections for item in section.items]
    assert printed and not any("Korvex" in text for text in printed)
    assert not brief.timeline
    assert all(source.article_id != "d4" for source in brief.sources)


def test_such_with_nothing_to_say_which_leans_on_the_line_before():
    assert unresolved_reference("Lima and Quito know that making such concessions for a small quota deal is no win.")
    assert not unresolved_reference("Chile has banned exports of goods such as copper ore and lithium brine.")
    assert not unresolved_reference("Peru and Bolivia said such delays that hurt miners must end by March.")


def test_a_product_named_only_by_its_kind_leans_on_the_line_before():
    assert unresolved_reference("The new version gets a 160 horsepower engine that is 20% stronger than before.")
    assert unresolved_reference("The all-new hatchback is set to go on sale in Lima in late March.")
    assert unresolved_reference("A performance GT version will reach 100 km/h in about four seconds.")
    assert not unresolved_reference("The Andes Motors Vela hatchback is set to go on sale in Lima in late March.")
    assert not unresolved_reference("The model agreement was signed by both trade ministers in Lima on Friday.")


def test_a_general_will_a_vow_and_a_done_act_in_a_bare_month_are_not_what_comes_next():
    plan = "The ministers will meet again in Lima to sign the quota on Friday."
    rule = "Officials say the earlier miners register, the more likely it is they will get a quota."
    anyone = "While Bolivian miners get the new permits in a week, those who apply from Chile will wait for months."
    vow = "“The new quota should send a clear signal that the mines will never again be closed to small firms,” the minister said."
    letter = "In a letter to the minister in May, the head of the miners' union said workers faced “unprecedented hardship” from the quota."
    day = "2025-06-11"
    lines = pool([("q1", day, [
        S(plan, events=[{"future": True, "date": "2025-06-13", "trigger": "meet"}], dates=[("Friday", "2025-06-13")]),
        S(rule),
        S(anyone),
        S(vow),
        S(letter, events=[{"future": True, "date": "2026-05-01", "trigger": "faced"}], dates=[("in May", "2026-05-01")]),
    ])], day)
    ahead = [p.candidate.text for p in outlook(lines)]
    assert ahead == [plan]
