"""Sentences that read badly out of context, and outlook lines that repeat or look back, on inline stories."""

from __future__ import annotations

from conftest import CHINA, PUTIN, RUSSIA, XI, S, make
from newsdesk.brief.candidates import HISTORICAL_CUE, PRONOUN_OPENER, build_candidates, teaser
from newsdesk.brief.players import timeline
from newsdesk.brief.writer import _pool, verify_brief, write_brief
from newsdesk.model import Source, Story, TimelineEntry


def test_connective_openers_lean_on_the_sentence_before():
    leaning = (
        "But the agreement left the price of the gas unresolved for now.",
        "However, officials gave no date for the next round of talks.",
        "Ministers also approved a plan for the railway running to 2030.",
        "The two firms also agreed to raise deliveries through the old line.",
        "Modi, on his first trip to the city in years, also met the premier on Sunday.",
        "Earlier on Monday, the two leaders toured a factory outside the capital.",
        "Later that day the delegation flew on to the northern border city.",
        "On Friday he toured a university that has been under sanctions since 2020.",
    )
    standalone = (
        "Earlier this month the United States announced sanctions on forty companies.",
        "Western governments, meanwhile, are weighing further measures against the banks.",
        "Xi said China would also provide grants to the member states this year.",
        "Stillwater officials said the plant would reopen in the spring of next year.",
        "Butane exports to the region rose sharply in the first quarter of the year.",
        "On Friday the president toured a university that has been under sanctions since 2020.",
    )
    assert all(PRONOUN_OPENER.match(t) for t in leaning)
    assert not any(PRONOUN_OPENER.match(t) for t in standalone)
    # a sentence that announces the ones after it is a teaser, which leans on them the same way
    assert teaser("Here are five things the visit told us about the relationship between them.")
    assert not any(teaser(t) for t in standalone)


def test_a_bare_month_after_since_or_last_looks_back():
    assert HISTORICAL_CUE.search("It is his first trip abroad since October, when he went to a forum.")
    assert HISTORICAL_CUE.search("Relations have been calm since the leaders met last November in Lima.")
    assert not HISTORICAL_CUE.search("The leaders will meet again in October at the summit in Kazan.")


def _outlook_story():
    """A story whose last report holds outlook lines: two good ones, an orphaned "also" line, a
    recap whose month a resolver placed in the future, and a restatement of a dated waiver."""
    a1, n1 = make(
        "o1",
        "2025-09-01",
        "Wire",
        [
            S(
                "Russian President Vladimir Putin held talks with Xi Jinping in Beijing on Monday.",
                [("Vladimir Putin", "PERSON", PUTIN), ("Xi Jinping", "PERSON", XI)],
                ("diplomacy",),
                [{}],
                [("on Monday", "2025-09-01")],
            ),
        ],
    )
    a2, n2 = make(
        "o2",
        "2025-09-03",
        "Ledger",
        [
            S(
                "The summit ended with a joint declaration on trade and a new development bank for the bloc.",
                [],
                ("trade",),
                [{}],
            ),
            S(
                "Leaders also approved a development plan for the bloc running to 2035.",
                [],
                ("trade",),
                [{"future": True, "date": "2035-01-01"}],
                [("2035", "2035-01-01")],
            ),
            S(
                "It was Putin's first trip to China since October, when he attended a forum in the capital.",
                [("Putin", "PERSON", PUTIN), ("China", "GPE", CHINA)],
                ("diplomacy",),
                [{"future": True, "date": "2025-10-01"}],
                [("October", "2025-10-01")],
            ),
            S(
                "China’s visa waiver for Russians takes effect on September 15.",
                [("China", "GPE", CHINA), ("Russians", "NORP", RUSSIA)],
                ("diplomacy",),
                [{"future": True, "date": "2025-09-15"}],
                [("September 15", "2025-09-15")],
            ),
            S(
                "China said holders of Russian passports may enter without a visa for 30 days from "
                "September 15 until September 14, 2026.",
                [("China", "GPE", CHINA), ("Russian", "NORP", RUSSIA)],
                ("diplomacy",),
                [{"future": True, "date": "2025-09-15"}],
                [("September 15", "2025-09-15"), ("September 14, 2026", "2026-09-14")],
            ),
            S(
                "Kyrgyzstan, which now chairs the Shanghai bloc, will host the next summit in Bishkek in 2026.",
                [],
                ("diplomacy",),
                [{"future": True, "date": "2026-01-01"}],
                [("2026", "2026-01-01")],
            ),
        ],
    )
    story = Story("o", "Visit", ("o1", "o2"), "2025-09-01", "2025-09-03", ("Vladimir Putin", "Xi Jinping"))
    return story, [a1, a2], [n1, n2]


def test_outlook_leaves_out_orphans_recaps_and_restatements():
    story, articles, analyses = _outlook_story()
    brief = write_brief(story, articles, analyses)
    outlook = [i.text for s in brief.sections if s.name == "What comes next" for i in s.items]
    assert any(t.startswith("Kyrgyzstan") for t in outlook)
    assert not any(t.startswith("Leaders also") for t in outlook)  # nothing for "also" to add to
    assert not any("since October" in t for t in outlook)  # looks back, whatever the resolver said
    assert sum("visa" in t for t in outlook) == 1  # the same dated waiver, said twice
    assert verify_brief(brief, {a.id: a for a in articles}, {n.article_id: n for n in analyses}) == []


def test_a_preview_dated_after_its_event_is_neither_news_nor_outlook():
    """A scraped page dated by the day it was scraped: its plans are stale, its lead is no news."""
    news, n1 = make(
        "p1",
        "2024-05-17",
        "Wire",
        [
            S(
                "Vladimir Putin and Xi Jinping signed a joint statement in Beijing on Thursday.",
                [("Vladimir Putin", "PERSON", PUTIN), ("Xi Jinping", "PERSON", XI)],
                ("diplomacy",),
                [{"date": "2024-05-16"}],
                [("on Thursday", "2024-05-16")],
            ),
            S(
                "The two leaders are expected to meet again at a summit in Kazan in October.",
                [],
                ("diplomacy",),
                [{"future": True, "date": "2024-10-01"}],
                [("October", "2024-10-01")],
            ),
        ],
    )
    preview, n2 = make(
        "p2",
        "2024-05-26",
        "Blog",
        [
            S(
                "As Vladimir Putin gears up for his trip, all eyes are on his visit to China.",
                [("Vladimir Putin", "PERSON", PUTIN), ("China", "GPE", CHINA)],
                ("diplomacy",),
            ),
            S(
                "Putin's upcoming visit to China, scheduled for May 16-17, comes at a critical time.",
                [("Putin", "PERSON", PUTIN), ("China", "GPE", CHINA)],
                ("diplomacy",),
                [],
                [("May 16-17", "2024-05-16")],
            ),
            S(
                "A focal point of the agenda will be economic cooperation with the neighbour.",
                [],
                ("trade",),
            ),
        ],
    )
    story = Story("p", "Visit", ("p1", "p2"), "2024-05-17", "2024-05-26", ("Vladimir Putin", "Xi Jinping"))
    brief = write_brief(story, [news, preview], [n1, n2])
    sections = {s.name: [i.text for i in s.items] for s in brief.sections}
    assert not any("gears up" in t for t in sections["Summary"])
    assert any("joint statement" in t for t in sections["Summary"])
    assert not any("focal point" in t for t in sections["What comes next"])
    assert any("Kazan" in t for t in sections["What comes next"])


def test_the_same_figure_for_the_same_date_is_one_fact():
    article, analysis = make(
        "f1",
        "2024-05-14",
        "Wire",
        [
            S(
                "Trade between the neighbours reached roughly $240 billion in 2023, according to Beijing customs.",
                [],
                ("trade",),
                [],
                [("2023", "2023-01-01")],
            ),
            S(
                "Trade of about $240 billion in 2023 gives the ties weight, but Moscow firms struggle with payments.",
                [("Moscow", "GPE", RUSSIA)],
                ("trade",),
                [],
                [("2023", "2023-01-01")],
            ),
            S(
                "Trade of about $95 billion in 2023 went through the northern border crossings of the two.",
                [],
                ("trade",),
                [],
                [("2023", "2023-01-01")],
            ),
        ],
    )
    pool = _pool(build_candidates([article], [analysis]), (), "2024-05-14")
    assert pool.same_event(0, 1) and pool.same_event(1, 0)
    assert not pool.same_event(0, 2)  # another figure for the same year is another fact


def test_timeline_cites_what_supports_the_entry_and_skips_previews():
    def src(i: int, text: str) -> Source:
        return Source("t", i, text)

    own = src(2, "Putin invited Kim to visit Russia after the parade.")
    preview = src(1, "On Wednesday Putin will attend a parade marking the anniversary.")
    entries = [
        TimelineEntry("2025-09-03", own.text, (preview, own)),
        TimelineEntry("2025-09-01", "Putin is expected in Tianjin on Monday for the summit.", (src(3, "x"),)),
    ]
    entries += [
        TimelineEntry(f"2025-09-0{d}", f"Leaders of bloc number {d} met in Tianjin for talks on trade.", (src(9 + d, "y"),))
        for d in range(1, 8)
    ]
    out = timeline(entries, {}, lambda article, s: s, ("2025-09-01", "2025-09-08"))
    kim = next(e for e in out if "Kim" in e.text)
    assert kim.citations == (own,)
    assert not any("is expected" in e.text for e in out)
