"""Hand-written story fixtures for the brief tests: a state visit with an energy deal, reactions,
a scheduled follow-up, a syndicated copy and an earlier visit for Background."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pytest

from newsdesk.brief.anaphora import unresolved_reference
from newsdesk.brief.candidates import build_candidates
from newsdesk.brief.sections import Pool
from newsdesk.brief.summarize import tfidf_matrix
from newsdesk.model import Actor, Analysis, Article, DateMention, Event, Mention, Sentence, Story

PUTIN = Actor("Vladimir Putin", "RUS", "GOV", "President of Russia")
XI = Actor("Xi Jinping", "CHN", "GOV", "President of China")
RUSSIA = Actor("Russia", "RUS", "GOV")
CHINA = Actor("China", "CHN", "GOV")
GAZPROM = Actor("Gazprom", "RUS", "BUS", "State gas company")
BLINKEN = Actor("Antony Blinken", "USA", "GOV", "US Secretary of State")
EU = Actor("European Union", "EUR", "IGO")


@dataclass
class S:
    """One sentence spec: text plus what the analyze stage would have found in it."""

    text: str
    mentions: list[tuple[str, str, Actor]] = field(default_factory=list)
    themes: tuple[str, ...] = ()
    events: list[dict] = field(default_factory=list)
    dates: list[tuple[str, str]] = field(default_factory=list)


def make(article_id: str, date: str, publisher: str, specs: list[S]) -> tuple[Article, Analysis]:
    """Build an Article and its Analysis with consistent character offsets."""
    text, sentences, mentions, events, dates = "", [], [], [], []
    for index, spec in enumerate(specs):
        start = len(text) + (1 if text else 0)
        text = f"{text} {spec.text}" if text else spec.text
        sentences.append(Sentence(article_id, index, start, start + len(spec.text), spec.text))
        for surface, label, actor in spec.mentions:
            at = start + spec.text.index(surface)
            mentions.append(Mention(article_id, index, at, at + len(surface), surface, label, actor))
        for surface, iso in spec.dates:
            at = start + spec.text.index(surface)
            dates.append(DateMention(article_id, index, at, at + len(surface), surface, iso))
        for ev in spec.events:
            events.append(
                Event(
                    article_id, index, **{"plover": "CONSULT", "cameo": "04", "quad": 1, "score": 1.0, **ev}
                )
            )
    article = Article(
        id=article_id,
        name=article_id,
        url=f"https://news.example/{article_id}",
        title=f"{publisher} report {article_id}",
        author=None,
        date=date,
        language="en",
        page_type="article",
        text=text,
        publisher=publisher,
    )
    themes = tuple(dict.fromkeys(t for s in specs for t in s.themes))
    return article, Analysis(
        article_id,
        tuple(sentences),
        tuple(mentions),
        tuple(dates),
        tuple(events),
        themes,
        tuple(s.themes for s in specs),
    )


def candidates_after(opening: list[S], *lines: S, article_id: str = "r1") -> list:
    """The candidates of one wire report that prints ``opening`` and then ``lines``: what the
    real-page reading tests feed the writer to see how a line reads after its page's opening."""
    article, analysis = make(article_id, "2025-06-11", "Wire", [*opening, *lines])
    return build_candidates([article], [analysis])


def leans_after(opening: list[S], *lines: S) -> list[bool]:
    """Whether each of ``lines`` leans after ``opening`` (see :func:`candidates_after`); a line the
    writer dropped counts as leaning, since a reader never meets it alone either."""
    found = {c.text: c.leans for c in candidates_after(opening, *lines)}
    return [found.get(line.text, True) for line in lines]


LEAD = S(
    "Russian President Vladimir Putin arrived in Beijing on Sunday for a three-day state visit hosted by Xi Jinping.",
    [("Vladimir Putin", "PERSON", PUTIN), ("Xi Jinping", "PERSON", XI)],
    ("diplomacy",),
    [{}],
)
GAS = S(
    "The two leaders signed an agreement under which Gazprom will supply more gas to China through a new pipeline.",
    [("Gazprom", "ORG", GAZPROM), ("China", "GPE", CHINA)],
    ("energy",),
    [{"plover": "AGREE", "cameo": "05"}],
)


def pool(specs_by_article: list[tuple[str, str, list[S]]], last: str) -> Pool:
    """A section pool over hand-built articles ``(id, date, specs)``, scored in the given order
    (first highest); the last article is the story's latest."""
    built = [make(aid, date, "Wire", specs) for aid, date, specs in specs_by_article]
    candidates = build_candidates([a for a, _ in built], [n for _, n in built])
    scores = np.linspace(1.0, 0.5, len(candidates))
    return Pool(candidates, scores, tfidf_matrix([c.text for c in candidates]), last, frozenset({built[-1][0].id}))


def done_lines(*texts: str, day: str = "2025-06-08") -> list:
    """Candidates of one article of ``day`` whose sentences each tell a done diplomatic act, in the
    given order: the plainest pool for testing how sections order or sort lines."""
    specs = [S(text, themes=("diplomacy",), events=[{"plover": "CONSULT"}]) for text in texts]
    return pool([("q1", day, specs)], day).candidates


def wire() -> list[S]:
    return [
        LEAD,
        GAS,
        S(
            "Putin had last visited China in May 2024, shortly after his inauguration.",
            [("Putin", "PERSON", PUTIN), ("China", "GPE", CHINA)],
            ("diplomacy",),
            [{"historical": True}],
        ),
        S(
            "Officials from both countries discussed payment systems that avoid the dollar in bilateral trade.",
            [],
            ("trade and economy",),
        ),
        S(
            "US Secretary of State Antony Blinken warned that deeper military ties between Moscow and Beijing threaten European security.",
            [("Antony Blinken", "PERSON", BLINKEN)],
            ("security and military",),
        ),
        S(
            "Putin and Xi are expected to meet again at the BRICS summit in Kazan in October.",
            [("Putin", "PERSON", PUTIN), ("Xi", "PERSON", XI)],
            ("multilateral bodies",),
            [{"future": True}],
        ),
    ]


def daily() -> list[S]:
    return [
        S(
            "Xi Jinping welcomed Vladimir Putin with a military honour guard in Tiananmen Square on Monday.",
            [("Xi Jinping", "PERSON", XI), ("Vladimir Putin", "PERSON", PUTIN)],
            ("diplomacy",),
            [{}],
        ),
        S(
            "The two governments also agreed to build a joint lunar research station by the next decade.",
            [],
            ("technology",),
            [{"plover": "AGREE", "cameo": "05"}],
        ),
        S(
            "The European Union criticised the visit, arguing that it weakens sanctions on Moscow.",
            [("European Union", "ORG", EU)],
            ("diplomacy",),
        ),
        S(
            "Gazprom and its Chinese partner said a final price for the gas is still to be agreed.",
            [("Gazprom", "ORG", GAZPROM)],
            ("energy",),
        ),
        S("Subscribe to our newsletter for daily updates from Asia.", []),
    ]


@pytest.fixture
def story_records():
    a1, n1 = make("a1", "2024-09-01", "Wire", wire())
    a2, n2 = make("a2", "2024-09-02", "Daily", daily())
    a3, n3 = make("a3", "2024-09-01", "Syndicate", [LEAD, GAS])
    story = Story(
        "s2",
        "Putin visits China",
        ("a1", "a2", "a3"),
        "2024-09-01",
        "2024-09-02",
        key_actors=("Vladimir Putin", "Xi Jinping"),
        themes=("energy", "diplomacy"),
        thread_id="t1",
    )
    b1, m1 = make(
        "b1",
        "2024-05-16",
        "Wire",
        [
            S(
                "Vladimir Putin travelled to Beijing on May 16, 2024 for talks with Xi Jinping.",
                [("Vladimir Putin", "PERSON", PUTIN), ("Xi Jinping", "PERSON", XI)],
                ("diplomacy",),
                [{}],
                [("May 16, 2024", "2024-05-16")],
            ),
            S("Both leaders pledged a new era of partnership between their countries.", [], ("diplomacy",)),
        ],
    )
    earlier = Story("s1", "Putin's May visit", ("b1",), "2024-05-16", "2024-05-17", ("Vladimir Putin",))
    return {
        "story": story,
        "articles": [a1, a2, a3],
        "analyses": [n1, n2, n3],
        "background": [(earlier, [b1], [m1])],
        "all_articles": {a.id: a for a in (a1, a2, a3, b1)},
        "all_analyses": {n.article_id: n for n in (n1, n2, n3, m1)},
    }


def assert_context_reading(orphans: tuple[str, ...], standalone: tuple[str, ...]) -> None:
    """Every orphan needs the sentence before it; no standalone line does (the failing ones are named)."""
    assert all(unresolved_reference(t) for t in orphans), [t for t in orphans if not unresolved_reference(t)]
    assert not any(unresolved_reference(t) for t in standalone), [t for t in standalone if unresolved_reference(t)]


#: An Andean summit of two leaders, for the reading tests that ask which lines react to it.
ARCE = Actor("Luis Arce", "BOL", "GOV", role="President of Bolivia")
BORIC = Actor("Gabriel Boric", "CHL", "GOV", role="President of Chile")
BOLIVIA = Actor("Bolivia", "BOL", "GOV")
CHILE = Actor("Chile", "CHL", "GOV")
PERU = Actor("Peru", "PER", "GOV")
ANDEAN_LEAD = S("Arce and Boric signed a lithium quota in Quito on Wednesday as the Andean summit closed.",
         [("Arce", "PERSON", ARCE), ("Boric", "PERSON", BORIC)], ("diplomacy",), [{"date": "2025-06-11"}])
ANDEAN_DYAD = S("Bolivia and Chile will review the quota in March.", [("Bolivia", "GPE", BOLIVIA), ("Chile", "GPE", CHILE)],
         ("diplomacy",), [{"future": True}])


def andean_reactions(line: S) -> list[tuple[str, str]]:
    """The Reactions (group, printed line) of the Andean summit story when ``line`` is reported beside it."""
    from newsdesk.brief.reactions import reactions

    summit = pool([("q1", "2025-06-11", [ANDEAN_LEAD, ANDEAN_DYAD, line])], "2025-06-11")
    story = Story("s1", "Arce and Boric close Andean summit", ("q1",), "2025-06-10", "2025-06-11",
                  ("Luis Arce", "Gabriel Boric"))
    return [(p.group, p.printed) for p in reactions(summit, story)]
