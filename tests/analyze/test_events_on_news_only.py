"""Pages that tell no event (undated listings and "other" pages) are not parsed or coded.

Such a page joins no story (``model.is_news``), so its events reached no story, thread or brief of
news, yet parsing and coding them cost as much as a report's. It keeps its sentences, mentions, dates
and themes, so a search by actor or theme still finds it.
"""

from __future__ import annotations

from newsdesk.analyze import Analyzer
from newsdesk.model import Article

# my own sentences: a page of a trade fair's site that happens to name two states and a meeting
TEXT = (
    "Visit our stand at the spring fair\n\n"
    "The foreign ministers of France and Germany met in Berlin to discuss the new trade rules. "
    "Chancellor Olaf Scholz welcomed the agreement on energy prices.\n"
    "Tickets for the fair are on sale from 3 March 2025."
)


def _page(page_type: str, date: str | None) -> Article:
    return Article(id="p1", name="p1", url=None, title=None, author=None, date=date, language="en",
                   page_type=page_type, text=TEXT)


def test_an_undated_page_that_is_no_article_keeps_its_mentions_but_has_no_events(analyzer: Analyzer) -> None:
    report = analyzer.analyze(_page("article", None))
    assert report.events  # the same text, typed as an article, is coded
    for kind in ("other", "listing"):
        page = analyzer.analyze(_page(kind, None))
        assert page.events == ()
        # everything of the cheap pass is the article's: sentences, mentions, dates, themes
        assert page.sentences == report.sentences
        assert page.mentions == report.mentions and page.mentions
        assert page.dates == report.dates
        assert page.themes == report.themes and page.sentence_themes == report.sentence_themes


def test_a_dated_page_of_any_type_is_coded_as_an_article(analyzer: Analyzer) -> None:
    report = analyzer.analyze(_page("article", "2025-02-20"))
    assert report.events
    for kind in ("other", "listing"):
        assert analyzer.analyze(_page(kind, "2025-02-20")) == report


def test_the_old_way_codes_every_page(analyzer: Analyzer) -> None:
    coded = Analyzer(actors=analyzer.actors, nlp=analyzer.nlp, news_events_only=False)
    report = analyzer.analyze(_page("article", None))
    assert coded.analyze(_page("other", None)) == report
    assert coded.analyze(_page("listing", None)) == report
