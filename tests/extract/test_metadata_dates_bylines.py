"""Date candidates and their ranking, bylines (markup, text, co-authors, labels), headings, page-type features."""

from __future__ import annotations

from datetime import date

from newsdesk.extract.blocks import page_blocks
from newsdesk.extract.byline import clean_name, not_a_name, text_byline, visible_byline
from newsdesk.extract.dates import DateCandidate, candidate_features, choose_date, parse_date, text_dates
from newsdesk.extract.metadata import parse_html, read_metadata
from newsdesk.extract.pagetype import type_features
from newsdesk.extract.visible_text import rendered_text

UPDATED_PAGE = """<html><head><title>Ferry timetable guide | Harbour News</title>
<meta property="article:published_time" content="2024-01-29T20:47:55+00:00">
<meta property="article:modified_time" content="2025-08-19T13:25:59+00:00">
<script type="application/ld+json">{"@context": "https://schema.org", "@graph": [
 {"@type": "Article", "datePublished": "2024-01-29T20:47:55+00:00", "dateModified": "2025-08-19T13:25:59+00:00",
  "author": {"@type": "Person", "name": "Lena Park"}}]}</script></head>
<body><nav>Home News Friday, December 19, 2025</nav>
<h1>Ferry timetable guide</h1><p>Last updated: August 19, 2025</p>
<p>The winter timetable adds two crossings on weekdays and keeps the late boat on Fridays.</p>
<footer>Related: Port strike ends, March 3, 2023</footer></body></html>"""


def _candidates(html: str, url: str = "https://harbour.example/news/ferry", not_after: date | None = None):
    return {c.day: c.cues for c in read_metadata(parse_html(html), url, not_after).date_candidates}


def test_every_stated_day_is_a_candidate_with_where_it_was_seen() -> None:
    found = _candidates(UPDATED_PAGE)
    assert {"meta:pub", "ld:article:datepublished"} <= found["2024-01-29"]
    assert {"meta:mod", "ld:article:datemodified", "text:mod", "text:dist300"} <= found["2025-08-19"]
    assert "text:distbefore" in found["2025-12-19"]  # the masthead date sits before the headline
    assert "2023-03-03" in found  # a footer teaser is a candidate too; the ranker weighs where it sits


def test_dates_after_the_fetch_day_are_no_candidates() -> None:
    assert set(_candidates(UPDATED_PAGE, not_after=date(2025, 1, 1))) == {"2024-01-29", "2023-03-03"}


def test_url_dates_and_month_names_in_urls() -> None:
    html = "<html><body><h1>Budget vote</h1><p>Text of the story.</p></body></html>"
    assert "url" in _candidates(html, "https://x.example/2023/10/03/budget-vote")["2023-10-03"]
    assert "url" in _candidates(html, "https://x.example/blog/2023/october/03/budget")["2023-10-03"]
    assert "url" in _candidates(html, "https://x.example/articles/2025-12-15+Rust+backend")["2025-12-15"]


def test_text_dates_read_written_and_numeric_forms() -> None:
    days = [d for _, d in text_dates("Posted Dec. 4, 2025; 3rd of March 2024; 2022-11-23T08:10; 13/11/2025; 2/30/2024")]
    assert days == ["2025-12-04", "2024-03-03", "2022-11-23", "2025-11-13"]  # 30 February is no day
    assert parse_date("13/11/2025 09:21:40") == "2025-11-13" and parse_date("May 2024") is None


def test_choose_date_prefers_the_learned_score_and_falls_back_to_structured_publication() -> None:
    published = DateCandidate("2024-01-29", frozenset({"ld:article:datepublished", "meta:pub"}))
    teaser = DateCandidate("2023-03-03", frozenset({"text", "text:plain", "text:distfar", "text:rank3"}))
    assert choose_date([teaser, published]) == "2024-01-29"
    assert choose_date([]) is None
    assert candidate_features(published)[0] == "bias" and "meta:pub" in candidate_features(published)


def test_masthead_and_teaser_dates_are_never_the_page_date() -> None:
    # Published or updated is a toss-up even for annotators; today's date in the masthead and a
    # footer teaser's date are wrong either way.
    assert read_metadata(parse_html(UPDATED_PAGE), "https://harbour.example/news/ferry").date in {
        "2024-01-29", "2025-08-19"}


def test_byline_labels_and_captions_are_not_names() -> None:
    for label in ("Text by", "About the Author", "View more posts", "Email", "8:23 PM ET", "Jiobal says", "NB"):
        assert clean_name(label) is None, label
    assert not_a_name("Written by") and not not_a_name("Ana Ruiz")
    assert clean_name("Cazzy Magennis Last updated 3 May 2024") == "Cazzy Magennis"


def test_co_authors_in_one_byline_are_all_kept() -> None:
    tree = parse_html("""<html><body><h1>Port deal</h1><div class="byline">By
        <a rel="author" href="/a">Rui Ma</a>, <a rel="author" href="/b">Heba Ledwon</a> and
        <a rel="author" href="/c">Suparn Patra</a></div><aside><div class="comment-author">Troll</div></aside>
        </body></html>""")
    assert visible_byline(tree) == "Rui Ma, Heba Ledwon and Suparn Patra"  # as written, the commenter left out


def test_commenters_are_not_the_author() -> None:
    tree = parse_html('<html><body><h1>Port deal</h1><p>Story text here.</p><ol class="comment-list">'
                      '<li><span class="comment-author vcard">Sheri</span> says great</li></ol></body></html>')
    assert visible_byline(tree) is None


def test_text_byline_near_the_headline() -> None:
    tree = parse_html("""<html><body><nav>Sort by Price</nav><h1>Port deal signed</h1>
        <p>Written by <b>Edzel Tabing</b></p><p>Powered by WordPress</p></body></html>""")
    h1 = tree.find(".//h1")
    assert text_byline(*rendered_text(tree, h1)) == "Edzel Tabing"
    text, anchor = rendered_text(parse_html("<html><body><h1>Shop</h1><p>Sort by Price Low</p></body></html>"), None)
    assert text_byline(text, anchor) is None


def test_author_order_meta_over_teaser_markup_and_site_named_author_as_fallback() -> None:
    page = """<html><head><meta name="author" content="Joshua Waller"><meta property="og:site_name" content="Swoogo">
        </head><body><h1>Camera review</h1><p>Review text of the camera.</p>
        <div class="related"><span class="author-name">Geoff Harris</span></div></body></html>"""
    assert read_metadata(parse_html(page), "https://x.example/a").author == "Joshua Waller"
    company = """<html><head><meta name="author" content="Swoogo"><meta property="og:site_name" content="Swoogo">
        </head><body><h1>Event planning</h1><p>How to plan an event.</p></body></html>"""
    assert read_metadata(parse_html(company), "https://x.example/b").author == "Swoogo"
    handle = """<html><head><meta name="author" content="inikosoftseo"></head><body><h1>Building a deck</h1>
        <p>Text.</p></body></html>"""
    assert read_metadata(parse_html(handle), "https://x.example/c").author == "inikosoftseo"


def test_scholarly_pages_list_every_citation_author() -> None:
    page = """<html><head><meta name="citation_author" content="Aditya Mahindru">
        <meta name="citation_author" content="Pradeep Patil"></head><body><h1>Physical activity and health</h1>
        </body></html>"""
    assert read_metadata(parse_html(page), "https://x.example/p").author == "Aditya Mahindru, Pradeep Patil"


def test_headline_text_breaks_at_line_breaks() -> None:
    page = '<html><head><title>Weekend Coding Agent</title></head><body><h1>WEEKEND<br/>CODING <span>AGENT</span></h1></body></html>'
    assert read_metadata(parse_html(page), None).title == "WEEKEND CODING AGENT"


def test_page_type_features_see_bylines_dates_and_prose_runs() -> None:
    tree = parse_html(UPDATED_PAGE)
    meta = read_metadata(tree, "https://harbour.example/news/ferry")
    feats = set(type_features(tree, page_blocks(tree), meta, meta.url))
    assert {"author:True", "date:True", "datepub:True", "datetext:True"} <= feats
    assert any(f.startswith("run:") for f in feats) and any(f.startswith("mark:comment") for f in feats)
