"""Thread linking: successive Putin state visits to China join; related summits stay out."""

from __future__ import annotations

import random

from _story_factory import CHINA, PUTIN, RUSSIA, TOKAYEV, TRUMP, XI, Doc, Ev, build_all

from newsdesk.model import Story
from newsdesk.stories.threads import (
    StoryProfile,
    ThreadParams,
    link_score,
    link_threads,
    make_story,
    profile_story,
    representative_title,
    thread_title,
)

VISIT_2024 = [
    Doc(
        "v24a",
        "Putin arrives in Beijing for state visit to China",
        "2024-05-16",
        [
            "Russian President Vladimir Putin arrived in Beijing on Thursday for a two-day state visit to China.",
            "Xi Jinping welcomed Putin with a ceremony outside the Great Hall of the People.",
            "Putin said the visit would deepen the partnership between Russia and China.",
        ],
        [
            Ev(0, "CONSULT", (PUTIN,), (CHINA,), "2024-05-16", "2024-05-17", location="Beijing"),
            Ev(2, "CONSULT", (PUTIN,), (XI,), "2024-05-16"),
        ],
    ),
    Doc(
        "v24b",
        "Putin ends China state visit in Harbin",
        "2024-05-17",
        [
            "Vladimir Putin ended his state visit to China in Harbin on Friday.",
            "Putin visited a trade fair in Harbin before flying back to Moscow.",
            "The Kremlin called the visit to China a success.",
        ],
        [Ev(0, "CONSULT", (PUTIN,), (CHINA,), "2024-05-17", location="Harbin")],
    ),
]

SCO_2024 = [
    Doc(
        "sco_a",
        "Leaders gather in Astana for SCO summit",
        "2024-07-03",
        [
            "Leaders of the Shanghai Cooperation Organisation gathered in Astana for a summit hosted by Tokayev.",
            "Putin and Xi Jinping met on the sidelines of the summit in Astana.",
            "Tokayev said Kazakhstan wanted the bloc to focus on trade.",
        ],
        [
            Ev(1, "CONSULT", (PUTIN,), (XI,), "2024-07-03", location="Astana"),
            Ev(0, "CONSULT", (TOKAYEV,), (PUTIN, XI), "2024-07-03"),
        ],
    ),
    Doc(
        "sco_b",
        "SCO summit in Astana ends with declaration",
        "2024-07-04",
        [
            "The SCO summit in Astana ended with a joint declaration on security.",
            "Putin and Xi Jinping both praised the summit.",
        ],
        [Ev(1, "CONSULT", (PUTIN,), (XI,), "2024-07-04")],
    ),
]

# The hardest distractors: Putin and Xi dominate these stories too, but the venue is not China
# (Astana) or the visit goes the other way (Xi to Kazan).
SCO_BILATERAL_2024 = [
    Doc(
        "scob",
        "Putin and Xi meet at SCO summit in Astana",
        "2024-07-03",
        [
            "Vladimir Putin and Xi Jinping met in Astana on Wednesday at the summit of the Shanghai bloc.",
            "Putin told Xi Jinping that relations between Russia and China were at their best.",
        ],
        [
            Ev(0, "CONSULT", (PUTIN,), (XI,), "2024-07-03", location="Astana"),
            Ev(1, "CONSULT", (PUTIN,), (XI,), "2024-07-03"),
        ],
    ),
]

BRICS_2024 = [
    Doc(
        "kazan",
        "Xi arrives in Kazan for BRICS summit hosted by Putin",
        "2024-10-22",
        [
            "Chinese President Xi Jinping arrived in Kazan for the BRICS summit hosted by Vladimir Putin.",
            "Xi Jinping and Putin held talks in Kazan on Tuesday.",
        ],
        [
            Ev(0, "CONSULT", (XI,), (RUSSIA,), "2024-10-22", location="Kazan"),
            Ev(1, "CONSULT", (XI,), (PUTIN,), "2024-10-22", location="Kazan"),
        ],
    ),
]

ALASKA_2025 = [
    Doc(
        "ak_a",
        "Trump and Putin meet in Alaska summit",
        "2025-08-15",
        [
            "Donald Trump and Vladimir Putin met in Anchorage, Alaska, for a summit on the war in Ukraine.",
            "Putin said the talks with Donald Trump were constructive.",
        ],
        [Ev(0, "CONSULT", (TRUMP,), (PUTIN,), "2025-08-15", location="Anchorage")],
    ),
]

VISIT_2025 = [
    Doc(
        "v25a",
        "Putin arrives in China for four-day visit",
        "2025-08-31",
        [
            "Vladimir Putin arrived in Tianjin on Sunday at the start of a four-day visit to China.",
            "Xi Jinping will host Putin in Beijing for talks and a military parade.",
        ],
        [
            Ev(0, "CONSULT", (PUTIN,), (CHINA,), "2025-08-31", "2025-09-03", location="Tianjin"),
            Ev(1, "CONSULT", (PUTIN,), (XI,), "2025-09-02", future=True),
        ],
    ),
    Doc(
        "v25b",
        "Putin and Xi hold talks in Beijing during China visit",
        "2025-09-02",
        [
            "Putin and Xi Jinping held talks in Beijing on Tuesday during the Russian leader's visit to China.",
            "The visit to China ends on Wednesday with the parade in Beijing.",
        ],
        [Ev(0, "CONSULT", (PUTIN,), (XI,), "2025-09-02", location="Beijing")],
    ),
]


def profile(sid: str, docs: list[Doc]) -> StoryProfile:
    articles, analyses = build_all(docs)
    return profile_story(sid, articles, analyses)


def all_profiles() -> list[StoryProfile]:
    return [
        profile("visit24", VISIT_2024),
        profile("sco24", SCO_2024),
        profile("alaska25", ALASKA_2025),
        profile("visit25", VISIT_2025),
    ]


def test_profile_collects_actors_dyads_events_and_dates() -> None:
    p = profile("visit24", VISIT_2024)
    assert (p.first_date, p.last_date, p.article_count) == ("2024-05-16", "2024-05-17", 2)
    assert {c for c, _ in p.countries[:2]} == {"RUS", "CHN"}
    assert p.persons[0][0] == "Vladimir Putin"
    assert p.dyads[0][:2] == ("RUS", "CHN")
    assert p.event_types[0][0] == "CONSULT"
    assert "Beijing" in p.locations and "Harbin" in p.locations
    assert p.venues[0][0] == "CHN"
    assert "visit" in dict(p.terms)


def test_state_visits_form_one_thread_without_related_summits() -> None:
    threads = link_threads(all_profiles())
    assert len(threads) == 1
    assert threads[0].story_ids == ("visit24", "visit25")
    assert threads[0].id.startswith("t")
    assert link_threads(list(reversed(all_profiles())))[0].id == threads[0].id


def test_summits_with_the_same_leaders_stay_out() -> None:
    stories = [*all_profiles(), profile("scob24", SCO_BILATERAL_2024), profile("kazan24", BRICS_2024)]
    threads = link_threads(stories)
    assert [t.story_ids for t in threads] == [("visit24", "visit25")]


def test_related_summit_scores_below_visit() -> None:
    v24, sco, alaska, v25 = all_profiles()
    assert link_score(v24, v25) > link_score(v24, sco)
    assert link_score(v24, alaska) == 0.0  # different key actors


def test_overlapping_stories_are_not_threaded() -> None:
    v24 = profile("visit24", VISIT_2024)
    same_days = profile("visit24bis", VISIT_2024[1:])
    assert link_score(v24, same_days) == 0.0


def test_story_alone_is_in_no_thread() -> None:
    assert link_threads([profile("visit24", VISIT_2024), profile("alaska25", ALASKA_2025)]) == []


def test_make_story_fills_the_record() -> None:
    p = profile("visit24", VISIT_2024)
    story = make_story(p, ["v24a", "v24b"], thread_id="t1")
    assert isinstance(story, Story)
    assert story.title in {d.title for d in VISIT_2024}
    assert story.key_actors[0] == "Vladimir Putin" and "CHN" in story.key_actors
    assert (story.first_seen, story.last_seen, story.thread_id) == ("2024-05-16", "2024-05-17", "t1")


def test_representative_title_prefers_the_typical_headline() -> None:
    docs = [
        Doc("a", "Putin state visit to China begins", "2024-05-16", ["x."]),
        Doc("b", "Putin state visit to China: day two", "2024-05-17", ["x."]),
        Doc("c", "Markets shrug", "2024-05-17", ["x."]),
    ]
    articles, _ = build_all(docs)
    assert representative_title(articles).startswith("Putin state visit to China")


def test_representative_title_is_a_report_of_the_event_not_its_preview() -> None:
    docs = [
        Doc("p", "Prime ministers to meet in Oslo for fisheries and Arctic shipping talks", "2025-03-02", ["x."]),
        Doc("q", "Oslo talks: what each side wants on fisheries and Arctic shipping", "2025-03-03", ["x."]),
        Doc("r", "Prime ministers sign Arctic shipping accord in Oslo", "2025-03-04", ["x."]),
        Doc("s", "Fisheries quarrel left open after Oslo accord", "2025-03-05", ["x."]),
        Doc("t", "Arctic shipping accord: the ports that gain", "2025-03-06", ["x."]),
    ]
    articles, _ = build_all(docs)
    assert representative_title(articles) == "Prime ministers sign Arctic shipping accord in Oslo"
    undated, _ = build_all([Doc("u", "Only headline", "", ["x."])])
    assert representative_title(undated) == "Only headline"


def test_thread_title_names_the_shared_people_and_subject() -> None:
    thread = link_threads(all_profiles())[0]
    titles = {d.title for d in VISIT_2024 + VISIT_2025}
    assert thread.title not in titles  # not just the first story's headline
    who, _, what = thread.title.partition(": ")
    assert "Putin" in who
    assert what and "(2024–2025)" in what
    assert "Vladimir" not in what  # names go in front, not among the subject words


def _random_profiles(n: int, seed: int) -> list[StoryProfile]:
    rng = random.Random(seed)
    countries, persons = ["USA", "CHN", "RUS", "FRA"], ["Xi Jinping", "Vladimir Putin", "Joe Biden"]
    out = []
    for i in range(n):
        start = rng.randint(0, 700)
        first, last = (f"{2024 + d // 365}-{1 + d % 365 // 31:02d}-{1 + d % 31 % 28:02d}" for d in (start, start + 3))
        out.append(StoryProfile(
            f"s{i}", f"title {i}", first, last,
            countries=tuple((c, rng.randint(1, 5)) for c in rng.sample(countries, rng.randint(0, 3))),
            persons=tuple((p, rng.randint(1, 3)) for p in rng.sample(persons, rng.randint(0, 2))),
            event_types=tuple((e, 1) for e in rng.sample(["CONSULT", "AGREE"], rng.randint(0, 1))),
            terms=tuple((w, rng.randint(1, 4)) for w in rng.sample(["visit", "summit", "talk", "gas", "war"], 3)),
            locations=tuple(rng.sample(["Beijing", "Moscow"], rng.randint(0, 2))),
        ))
    return out


def _full_scan(stories: list[StoryProfile], params: ThreadParams) -> dict[str, str]:
    """Each story's best predecessor, every earlier story compared (what linking must equal)."""
    ordered = sorted(stories, key=lambda s: (s.first_date or "", s.story_id))
    parent = {}
    for i, later in enumerate(ordered):
        best, best_score = None, params.threshold
        for earlier in ordered[:i]:
            if (score := link_score(earlier, later, params)) >= best_score:
                best, best_score = earlier, score
        if best is not None:
            parent[later.story_id] = best.story_id
    return parent


def test_linking_compares_only_stories_sharing_key_countries_and_finds_the_full_scan_links() -> None:
    for seed, threshold in ((1, 0.55), (2, 0.3), (3, 0.0)):
        params = ThreadParams(threshold=threshold)
        stories = _random_profiles(120, seed)
        expected = _full_scan(stories, params)
        assert expected, "the random stories must contain links for the test to mean anything"

        groups: dict[str, set[str]] = {}
        for s in stories:
            top = s.story_id
            while top in expected:
                top = expected[top]
            groups.setdefault(top, set()).add(s.story_id)
        want = {frozenset(g) for g in groups.values() if len(g) > 1}
        assert {frozenset(t.story_ids) for t in link_threads(stories, params)} == want


def test_thread_title_spends_its_words_on_distinct_things() -> None:
    def profile(sid: str, first: str) -> StoryProfile:
        return StoryProfile(
            sid, f"headline {sid}", first, first,
            persons=(("Olaf Lindqvist", 3),),
            terms=(("china", 5), ("chines", 4), ("port", 3), ("iran", 2), ("iraq", 2)),
            labels=(("china", "China"), ("chines", "Chinese"), ("port", "port"), ("iran", "Iran"), ("iraq", "Iraq")),
        )

    title = thread_title([profile("a", "2024-03-01"), profile("b", "2025-03-01")])
    assert title == "Lindqvist: China, port, Iran (2024–2025)"  # "Chinese" restates "China"; Iran and Iraq differ
