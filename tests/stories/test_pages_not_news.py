"""Pages that are no news reports (an undated product, service or manual page) take part in no story.

On a mixed crawl of real pages the largest story was a heap of undated service landing pages that
shared business words. Such a page keeps a story of its own: it joins no story, no page joins its
story, and it is never given a second chance or merged. It is still stored and searchable.
"""

from __future__ import annotations

from newsdesk.model import Article, is_news
from newsdesk.pipeline import cluster_doc
from newsdesk.stories.cluster import ClusterDoc, ClusterParams, OnlineClusterer

LANDING = [
    "Our data analytics services turn your business data into decisions. Our consultants build dashboards,"
    " data pipelines and cloud data platforms, and our analytics team helps your business grow with"
    " machine learning, reporting and data strategy. Talk to our data analytics consultants today.",
    "Data analytics consulting for growing businesses: our team designs data platforms, dashboards and"
    " reporting, migrates your data pipelines to the cloud and trains machine learning models. Book a call"
    " with our analytics consultants and see how data strategy helps your business grow.",
    "We are a data analytics agency. Our consultants build cloud data platforms, data pipelines and"
    " dashboards, set up reporting and machine learning, and shape the data strategy your business needs"
    " to grow. Contact our analytics team for a free consultation.",
]


def _keys(news: bool, **overrides: float) -> list[str]:
    c = OnlineClusterer(ClusterParams(**overrides))
    return [c.add(ClusterDoc(f"p{i}", text, news=news)) for i, text in enumerate(LANDING)]


def test_landing_pages_that_are_not_news_stay_apart() -> None:
    assert len(set(_keys(news=True))) == 1  # as news they would form one story
    assert len(set(_keys(news=False))) == 3


def test_a_page_that_is_not_news_joins_only_on_the_page_threshold() -> None:
    c = OnlineClusterer()
    first = c.add(ClusterDoc("a", LANDING[0]))
    second = c.add(ClusterDoc("b", LANDING[1]))
    assert first == second
    assert c.add(ClusterDoc("c", LANDING[2], news=False)) != first  # the default: never
    c = OnlineClusterer(page_threshold=0.3)
    c.add(ClusterDoc("a", LANDING[0]))
    c.add(ClusterDoc("b", LANDING[1]))
    assert c.add(ClusterDoc("c", LANDING[2], news=False)) == c.story_of("a")


def test_a_page_that_is_not_news_leaves_nothing_for_later_pages_to_join() -> None:
    c = OnlineClusterer()
    aside = c.add(ClusterDoc("a", LANDING[0], news=False))
    assert c.story_of("a") == aside and aside not in c.active_stories()
    assert c.add(ClusterDoc("b", LANDING[1])) != aside
    state = OnlineClusterer.from_state(c.to_state(include_assignments=True))
    assert state.story_of("a") == aside and state.add(ClusterDoc("c", LANDING[2])) != aside


def test_what_counts_as_news() -> None:
    assert is_news("article", None)  # an undated article: a news text without a date
    assert is_news("other", "2019-11-19")  # dated: maybe a report the page-type model got wrong
    assert is_news(None, None)  # a text stream with no page types (``newsdesk cluster``)
    assert not is_news("other", None) and not is_news("listing", None)


def test_the_pipeline_marks_undated_pages_that_are_not_articles() -> None:
    def article(page_type: str, date: str | None) -> Article:
        return Article(id="x", name="x", url="https://example.com/x", title="Data analytics services", author=None,
                       date=date, language="en", page_type=page_type, text=LANDING[0])

    assert not cluster_doc(article("other", None), None).news
    assert cluster_doc(article("other", "2019-11-19"), None).news
    assert cluster_doc(article("article", None), None).news
