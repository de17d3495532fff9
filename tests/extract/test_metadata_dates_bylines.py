"""Date candidates and their ranking, bylines (markup, text, co-authors, labels), headings, page-type features."""

from __future__ import annotations

from datetime import date

from newsdesk.extract.blocks import page_blocks
from newsdesk.extract.byline import clean_name, not_a_name, text_byline, visible_byline
from newsdesk.extract.dates import DateCandidate, candidate_features, choose_date, parse_date, text_dates
from newsdesk.extract.metadata import clean_title, parse_html, read_metadata
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
    page = ('<html><head><title>A coding agent for the weekend</title></head><body><h1>Weekend<br/>Coding '
            '<span>Agent</span></h1></body></html>')
    assert read_metadata(parse_html(page), None).title == "Weekend Coding Agent"


def test_banner_headlines_give_way_to_the_declared_title() -> None:
    capitals = """<html><head><meta property="og:title" content="GAAP Compliance: Applying Best Practices | Ledgerly">
        <meta property="og:site_name" content="Ledgerly"></head><body><h1>SUPPORTING GAAP COMPLIANCE</h1></body></html>"""
    assert read_metadata(parse_html(capitals), "https://ledgerly.example/gaap").title == (
        "GAAP Compliance: Applying Best Practices")
    labelled = """<html><head><title>Best Ferry Operators in 2025 | Harbour Desk</title></head><body>
        <h1>Blog: Best Ferry Operators in 2025</h1></body></html>"""
    assert read_metadata(parse_html(labelled), None).title == "Best Ferry Operators in 2025"
    plain = """<html><head><title>Why ferries run late, explained | Harbour Desk</title></head><body>
        <h1>Explainer: why ferries run late</h1></body></html>"""  # a colon the declared title does not explain
    assert read_metadata(parse_html(plain), None).title == "Explainer: why ferries run late"


def test_titles_lose_the_host_name_and_site_names_on_both_ends() -> None:
    assert clean_title("tidewatch.example Neap tides explained", None, "https://tidewatch.example/n") == (
        "Neap tides explained")
    assert clean_title("Tide Watch | TideWatch.example - Neap tides explained", None,
                       "https://www.tidewatch.example/n") == "Neap tides explained"


def test_names_printed_beside_the_date_under_the_headline() -> None:
    page = """<html><body><nav><a href="/">Home</a></nav><h1>Mission accomplished at the port</h1>
        <div><span>2025-12-17 ·</span></div><div><a href="/p">Trond Teigen</a></div><p>The ferry left on time today,
        as the harbour master had promised in the spring.</p></body></html>"""
    assert _author_of(page) == "Trond Teigen"
    card = """<html><body><nav><a href="/">Home</a></nav><h1>Mission accomplished at the port</h1>
        <div>Port and harbour news</div><div>Dec 17, 2025</div><p>The ferry left on time.</p></body></html>"""
    assert _author_of(card) is None  # a section name beside the date is no person
    inline = page.replace('<div><span>2025-12-17 ·</span></div><div><a href="/p">Trond Teigen</a></div>',
                          "<p>Dec 26, 2025 • Mahua Das in Port Management</p>")
    assert _author_of(inline) == "Mahua Das"
    headless = page.replace("<h1>", "<p>").replace("</h1>", "</p>")
    assert _author_of(headless) is None  # without a located headline the date's neighbour may be a teaser's


def test_one_word_bylines_widen_to_the_printed_full_name() -> None:
    page = """<html><body><h1>Cloud computing in 2025</h1><div class="author-name"><a href="/by/juliette">Juliette</a>
        </div><p>Cloud platforms keep changing how teams ship software every year.</p>
        <div class="bio"><p>Juliette Carreiro</p><p>Tech Writer</p></div></body></html>"""
    assert _author_of(page) == "Juliette Carreiro"
    declared = page.replace("<html>", '<html><head><meta name="author" content="Juliette"></head>')
    assert _author_of(declared) == "Juliette Carreiro"
    blog = page.replace("Juliette Carreiro</p>", "Juliette Blog</p>")
    assert _author_of(blog) == "Juliette"  # a section's name is no surname


def test_account_names_topic_links_and_handles() -> None:
    admin = """<html><head><meta name="author" content="NOC Admin"></head><body><h1>Tech events in Atlanta</h1>
        <p>Events worth attending this year.</p><div class="author-meta"><strong>David Gracey</strong></div></body></html>"""
    assert _author_of(admin) == "David Gracey"
    email = """<html><head><script type="application/ld+json">{"@type": "Article", "headline": "Design trends",
        "author": {"name": "beatriz.pinto@studio.example"}}</script></head><body><h1>Design trends</h1></body></html>"""
    assert _author_of(email) == "beatriz.pinto@studio.example"
    forum = email.replace('"Article"', '"DiscussionForumPosting"')
    assert _author_of(forum) is None  # a poster's handle is no byline
    credits = """<html><head><meta name="author" content="content: MarketingSherpa, design: Scott McDaniel"></head>
        <body><h1>Agency rates</h1><span class="author"><a href="/a/1">Daniel Burstein</a></span><p>Rates.</p></body></html>"""
    assert _author_of(credits) == "Daniel Burstein"  # a credits line is no byline
    topic = """<html><body><h1>Paid time off policies</h1><a id="author-modal" href="/blog/?content_topic=906">HR
        Strategy</a><p>Policies differ.</p></body></html>"""
    assert _author_of(topic) is None  # a topic link is no byline


def test_a_by_line_under_the_headline_beats_a_meta_tag_naming_someone_else() -> None:
    page = """<html><head><meta name="author" content="Stef Keegan"></head><body><h1>Nutrition facts debunked</h1>
        <p><em>By Lizzie Streit, MS, RDN</em></p><p>All of us have heard nutrition myths, and Stef Keegan edited this.</p>
        </body></html>"""
    assert _author_of(page) == "Lizzie Streit, MS, RDN"


def test_page_type_features_see_bylines_dates_and_prose_runs() -> None:
    tree = parse_html(UPDATED_PAGE)
    meta = read_metadata(tree, "https://harbour.example/news/ferry")
    feats = set(type_features(tree, page_blocks(tree), meta, meta.url))
    assert {"author:True", "date:True", "datepub:True", "datetext:True"} <= feats
    assert any(f.startswith("run:") for f in feats) and any(f.startswith("mark:comment") for f in feats)


def _author_of(html: str, url: str = "https://x.example/post") -> str | None:
    return read_metadata(parse_html(html), url).author


def test_jsonld_author_given_by_reference_is_resolved() -> None:
    page = """<html><head><script type="application/ld+json">{"@context": "https://schema.org", "@graph": [
        {"@type": "Article", "headline": "Tide tables", "author": [{"@id": "https://x.example/#/person/1"}]},
        {"@type": "Person", "@id": "https://x.example/#/person/1", "name": "Nirmala Patel"}]}</script></head>
        <body><h1>Tide tables</h1><p>By Nirmala Patel</p><div class="byline">Race and Ethnicity</div></body></html>"""
    assert _author_of(page) == "Nirmala Patel"


def test_twitter_card_written_by_label_names_the_author() -> None:
    page = """<html><head><meta name="twitter:label1" content="Written by"><meta name="twitter:data1" content="Ines Moreau">
        </head><body><h1>Harbour dues rise</h1><p>Text of the story.</p></body></html>"""
    assert _author_of(page) == "Ines Moreau"


def test_labelled_bylines_anywhere_on_the_page() -> None:
    filler = "<p>" + "The council met again to discuss the harbour dues and the ferry timetable. " * 60 + "</p>"
    bio = f"<html><body><h1>Harbour dues rise</h1>{filler}<h3>Written by Cassia Horne</h3><p>Cassia writes.</p></body></html>"
    assert _author_of(bio) == "Cassia Horne"  # the bio box far below the headline
    label = f"<html><body><h1>Harbour dues rise</h1>{filler}<div><span>by</span><p>Sean Grill</p></div></body></html>"
    assert _author_of(label) == "Sean Grill"  # "by" alone on its line, the name in the next block
    listed = """<html><body><h1>Trade policy lessons</h1><p>Policy text here.</p><h6>Author(s)</h6><ul>
        <li>John A. Alic</li><li>David C. Mowery</li><li>Edward S. Rubin</li></ul><p>Download</p></body></html>"""
    assert _author_of(listed) == "John A. Alic, David C. Mowery, Edward S. Rubin"
    assert _author_of("<html><body><h1>Low light plants</h1><p>Contributors: Jan Loughry</p></body></html>") == "Jan Loughry"
    menu = "<html><body><ul><li>BY USE CASE</li></ul><h1>Testing in Go</h1><p>By Preeta Jinks</p></body></html>"
    assert _author_of(menu) == "Preeta Jinks"  # an all-caps menu heading after "by" is no byline


def test_byline_under_the_headline_beats_an_author_the_page_never_shows() -> None:
    page = """<html><head><meta name="author" content="KatieS"></head><body><h1>Top rental car companies</h1>
        <p>by <a href="/people/aoife">Aoife O'Rourke</a></p><p>Rental text of the article.</p></body></html>"""
    assert _author_of(page) == "Aoife O'Rourke"
    shown = """<html><head><meta name="author" content="Lena Park"></head><body><h1>Ferry guide</h1>
        <p>Ferries leave the harbour every hour in summer and every two hours in winter, weather permitting, and
        the timetable is posted at the pier.</p><p>By Tom Reyes</p><p>Lena Park edits the travel desk.</p></body></html>"""
    assert _author_of(shown) == "Lena Park"  # a shown metadata author stays against a "By" further down
    shared = """<html><head><meta name="author" content="Tom Reyes"></head><body><h1>Ferry guide</h1>
        <p>By Tom Reyes and Lena Park</p><p>Ferry text.</p></body></html>"""
    assert _author_of(shared) == "Tom Reyes and Lena Park"  # the same person: widened, not replaced


def test_co_authors_the_metadata_leaves_out_are_kept() -> None:
    page = """<html><head><meta name="author" content="Rui Ma"></head><body><h1>Free certificates</h1>
        <div><a href="/report/author/ruima/">Rui Ma</a><span>, </span><a href="/report/author/heba/">Heba Ledwon</a>
        </div><p>Certificate text.</p></body></html>"""
    assert _author_of(page) == "Rui Ma, Heba Ledwon"
    dublin = """<html><head><meta name="DC.Creator" content="Jen Huber"><meta name="DC.Contributor" content="Jen Huber">
        <meta name="DC.Contributor" content="Jeni Greene"></head><body><h1>Calm study</h1></body></html>"""
    assert _author_of(dublin) == "Jen Huber, Jeni Greene"


def test_names_are_not_dates_sections_or_phrases() -> None:
    for text in ("Sat, 20 Dec, 2025 - 06:36", "Originally", "Personal finance", "Niko Matsakis on behalf of"):
        assert clean_name(text) in (None, "Niko Matsakis"), text
    for name in ("Marna van der Merwe", "Monique Feyrecilde", "Augustine Mayo", "Dieter Hogen with Uta Pippig"):
        assert clean_name(name) == name  # month-like and weekday-like first names are names
    assert text_byline("Ideas\nThe tinybox is a kit by George Hotz's company Tinygrad", 0) is None


def test_headline_drops_site_links_dates_and_comment_counts() -> None:
    blog = """<html><head><title>RogerBW's Blog: Advent of Code week 2</title><meta property="og:title"
        content="Advent of Code week 2"></head><body><h1><a href="/">RogerBW's Blog</a></h1><h2>Advent of Code week 2</h2>
        </body></html>"""
    assert read_metadata(parse_html(blog), "https://blog.example/2025/12/aoc").title == "Advent of Code week 2"
    dated = """<html><head><title>Preparing a transition | Colin's blog</title></head><body><h1><a href="/p/1">
        <time datetime="2025-12-18">Dec 18 2025</time> Preparing a transition</a></h1></body></html>"""
    assert read_metadata(parse_html(dated), None).title == "Preparing a transition"
    counted = """<html><head><title>Grads find no jobs - Slashdot</title></head><body><h1><span><a href="/s/1">Grads
        find no jobs</a> <span class="extlnk"><a class="story-sourcelnk" href="https://news.example/">(news.example)</a>
        </span></span> <span class="comment-bubble"><a href="/s/1#comments">87</a></span></h1></body></html>"""
    assert read_metadata(parse_html(counted), None).title == "Grads find no jobs"


def test_titles_repair_double_encoded_utf8_and_bullet_suffixes() -> None:
    assert clean_title("A DIY Investor\u00e2\u0080\u0099s Guide | White Coat Investor", "White Coat Investor", None) == (
        "A DIY Investor\u2019s Guide")
    assert clean_title("A brief intro to git \u2022 Cory Dransfeldt", "Cory Dransfeldt", None) == "A brief intro to git"
    assert clean_title("Café déjà vu", None, None) == "Café déjà vu"


def test_timestamps_give_the_day_as_written_not_the_utc_day() -> None:
    # Annotators read the local day the page states (13 WCXB pages agree, 3 take the UTC day).
    assert parse_date("2025-05-14T19:30:03-07:00") == "2025-05-14"
    assert parse_date("2024-04-12 08:02:41 -0500") == "2024-04-12"
    assert parse_date("2025-02-30T10:00") is None and parse_date("2025-05-14", date(2025, 1, 1)) is None


def test_a_declared_title_the_page_prints_as_a_heading_beats_a_different_h1() -> None:
    page = """<html><head><meta property="og:title" content="Best Ferry Passes for Seniors in 2025 | Harbour Desk">
        <meta property="og:site_name" content="Harbour Desk"></head><body>
        <h1>Best Ferry Passes for Seniors</h1><p>Our picks after a season of crossings.</p>
        <h2>Best Ferry Passes for Seniors in 2025</h2><p>The pass list, compared.</p></body></html>"""
    assert read_metadata(parse_html(page), None).title == "Best Ferry Passes for Seniors in 2025"
    unprinted = page.replace("<h2>Best Ferry Passes for Seniors in 2025</h2>", "<h2>How we picked</h2>")
    assert read_metadata(parse_html(unprinted), None).title == "Best Ferry Passes for Seniors"  # the h1 stays


def test_among_many_h1_teasers_the_headline_shares_content_words_not_just_little_words() -> None:
    # A guide page whose related stories are <h1>s too: "Where to Swim in Oslo" shares more words
    # with the declared titles ("where", "to", "in", "oslo"), but only "oslo" of its own words.
    page = """<html><head><meta property="og:title" content="Our Favourite Ferry Routes in Oslo">
        <title>Where to Sail in Oslo | Fjord Weekly</title></head><body>
        <h1>The Best Ferry Routes and Harbours in Oslo</h1><p>Six crossings we took this summer.</p>
        <h1>Where to Swim in Oslo</h1><h1>A Winter Weekend in Bergen</h1></body></html>"""
    assert read_metadata(parse_html(page), None).title == "The Best Ferry Routes and Harbours in Oslo"
    little = page.replace("The Best Ferry Routes and Harbours in Oslo", "Six Crossings We Took This Summer")
    assert read_metadata(parse_html(little), None).title == "Where to Swim in Oslo"  # then the closest one stays


def test_a_kicker_inside_the_h1_is_not_part_of_the_title() -> None:
    page = """<html><head><title>Harbour Roasters | Tide App Store</title></head><body>
        <h1><div class="eyebrow">Get that tech stack</div> <span>Harbour Roasters</span></h1></body></html>"""
    assert read_metadata(parse_html(page), None).title == "Harbour Roasters"
    undeclared = page.replace("Harbour Roasters | Tide App Store", "The tech stack of Harbour Roasters")
    assert read_metadata(parse_html(undeclared), None).title == "Get that tech stack Harbour Roasters"


def test_a_headline_damaged_by_a_wrong_charset_gives_way_to_the_declared_title() -> None:
    page = """<html><head><meta property="og:title" content="Ferry Planning: A Beginner's Guide"></head><body>
        <h1>Ferry Planning? A Beginner? Guide</h1></body></html>"""
    assert read_metadata(parse_html(page), None).title == "Ferry Planning: A Beginner's Guide"
    question = """<html><head><title>Why ferries run late</title></head><body><h1>Why?</h1><h1>Why ferries
        run late?</h1></body></html>"""  # a real question mark is no damage
    assert read_metadata(parse_html(question), None).title == "Why ferries run late?"


def test_jsonld_rendered_into_a_meta_tag_is_read() -> None:
    page = """<html><head><meta name="script:ld+json" content='{"@type": "Article", "headline": "Tide tables",
        "datePublished": "2025-11-17T09:00:00-05:00", "author": {"@type": "Person", "name": "Lena Park"}}'>
        </head><body><p>Body.</p></body></html>"""
    meta = read_metadata(parse_html(page), None)
    assert (meta.date, meta.author, meta.is_article) == ("2025-11-17", "Lena Park", True)


def test_numeric_dates_read_as_the_url_or_markup_states_them() -> None:
    html = "<html><body><h1>How many ferry types are there?</h1><p>03/10/2023</p><p>Text.</p></body></html>"
    assert "text" in _candidates(html, "https://x.example/blog/2023/october/03/ferries")["2023-10-03"]
    assert "2023-03-10" in _candidates(html, "https://x.example/blog/ferries")  # month first without other evidence
    assert [d for _, d in text_dates("EcoFlow - 2025/4/29; release 2024.1.3")] == ["2025-04-29"]


def test_editors_and_editions_are_no_update_notice() -> None:
    html = ("<html><body><h1>Tax brackets explained</h1><p>By The Currency editors</p><p>12.12.2025</p>"
            "<p>Last edited 14.12.2025</p></body></html>")
    found = _candidates(html)
    assert "text:plain" in found["2025-12-12"] and "text:mod" not in found["2025-12-12"]
    assert "text:mod" in found["2025-12-14"]


def test_html_entities_in_jsonld_strings_are_decoded() -> None:
    page = """<html><head><script type="application/ld+json">{"@type": "BlogPosting",
        "headline": "Movers &#038; Packers Compared", "author": {"@type": "Person", "name": "Maria &amp; Katerina"}}
        </script></head><body><p>Body.</p></body></html>"""
    meta = read_metadata(parse_html(page), None)
    assert (meta.title, meta.author) == ("Movers & Packers Compared", "Maria & Katerina")


def test_a_title_written_as_a_sentence_gives_way_to_a_declared_headline() -> None:
    teaser = """<html><head><title>The Best Ferry Tips for Day Trips | Harbour Desk</title>
        <meta property="og:title" content="Make the most of your crossing with these ten ferry tips ."></head><body>
        <h1>Make the most of your crossing with these ten ferry tips .</h1></body></html>"""
    assert read_metadata(parse_html(teaser), None).title == "The Best Ferry Tips for Day Trips"
    headless = """<html><head><title>Here are the four kinds of ferry ticket.</title>
        <meta property="og:title" content="Here are the four kinds of ferry ticket.">
        <script type="application/ld+json">{"@type": "Article", "headline": "4 Kinds of Ferry Ticket to Know"}</script>
        </head><body><p>Text.</p></body></html>"""
    assert read_metadata(parse_html(headless), None).title == "4 Kinds of Ferry Ticket to Know"
    # A headline in title case that ends with a full stop, or with an abbreviation, stays.
    for kept in ("Who Reads Your Newsletter? Increasingly, Not a Human.", "The hottest harbour towns in the U.S."):
        page = f"""<html><head><title>{kept} | Ferry Desk</title></head><body><h1>{kept}</h1></body></html>"""
        assert read_metadata(parse_html(page), None).title == kept
    # The same sentence with a site name after it is no headline to take instead.
    forum = """<html><head><title>If the ferry stops running soon. - Harbour Forum</title></head><body>
        <h1>If the ferry stops running soon.</h1></body></html>"""
    assert read_metadata(parse_html(forum), None).title == "If the ferry stops running soon."


def test_a_capitals_headline_keeps_its_word_order_over_a_reordered_declared_title() -> None:
    page = """<html><head><meta property="og:title" content="Ferry Beginner Guide"></head><body>
        <h1>BEGINNER FERRY GUIDE</h1></body></html>"""
    assert read_metadata(parse_html(page), None).title == "Beginner Ferry Guide"
    other = """<html><head><meta property="og:title" content="Ferry Guide for Beginners"></head><body>
        <h1>BEGINNER FERRY GUIDE</h1></body></html>"""
    assert read_metadata(parse_html(other), None).title == "Ferry Guide for Beginners"


def test_a_lone_one_word_heading_that_opens_the_declared_title_is_the_title() -> None:
    entry = """<html><head><title>FERRY Definition & Meaning | Harbour Words</title></head><body>
        <h1>ferry</h1><p>A boat that carries people across water.</p></body></html>"""
    assert read_metadata(parse_html(entry), None).title == "ferry"
    reference = """<html><head><title>Timetables | Ferry documentation</title></head><body>
        <h1>Timetables<a class="headerlink" href="#timetables">\u00b6</a></h1><p>Text.</p></body></html>"""
    assert read_metadata(parse_html(reference), None).title == "Timetables"  # without the permalink sign
    logo = """<html><head><title>Ferry timetables for the winter | Harbour Desk</title></head><body>
        <h1>Harbour</h1><p>Text.</p></body></html>"""  # a one-word <h1> that is not the title's first word
    assert read_metadata(parse_html(logo), None).title == "Ferry timetables for the winter"


def test_a_byline_loses_a_bracket_its_block_cut_in_half() -> None:
    assert clean_name("Ana Ruiz and Bo Chen)") == "Ana Ruiz and Bo Chen"
    assert clean_name("(Ana Ruiz") == "Ana Ruiz"
    assert clean_name("Ana Ruiz (Lima)") == "Ana Ruiz (Lima)"  # a pair stays as printed


def test_a_site_suffix_naming_the_registered_domain_of_a_subdomain_goes() -> None:
    assert clean_title("SPRING TIDES | Tidewatch.example", None, "https://offers.tidewatch.example/spring/x.html") == (
        "SPRING TIDES")
    assert clean_title("SPRING TIDES | Moonwatch.example", None, "https://offers.tidewatch.example/spring/x.html") == (
        "SPRING TIDES | Moonwatch.example")
