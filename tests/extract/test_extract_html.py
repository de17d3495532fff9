"""HTML extraction: main text without boilerplate, structured metadata, encodings, page type."""

from __future__ import annotations

import pytest

from newsdesk.errors import ExtractionError
from newsdesk.extract import article_to_cli_dict, extract, extract_many
from newsdesk.extract.charset import decode_html
from newsdesk.model import Article, Failure, RawDocument

BODY = [
    "The foreign ministers of both countries met in the harbour city on Thursday to discuss a new grain corridor "
    "that would let ships pass the strait without inspection delays.",
    "Officials said the talks lasted more than six hours and ended with a joint statement promising a technical "
    "working group before the end of the month.",
    "Shipping companies welcomed the plan but warned that insurance costs would remain high until the corridor "
    "was tested by the first convoys of grain carriers.",
    "Analysts noted that the agreement follows two years of tension over fishing rights and a dispute about "
    "the maritime border that has never been fully settled.",
]

PAGE = f"""<!DOCTYPE html>
<html lang="en"><head>
<meta charset="utf-8">
<title>Ministers agree grain corridor | The Harbour Herald</title>
<meta property="og:site_name" content="The Harbour Herald">
<meta property="og:type" content="article">
<link rel="canonical" href="https://herald.example/world/grain-corridor">
<meta name="date" content="2019-01-01">
<script type="application/ld+json">
{{"@context": "https://schema.org", "@graph": [
  {{"@type": "WebSite", "name": "The Harbour Herald"}},
  {{"@type": "NewsArticle", "headline": "Ministers agree grain corridor",
    "datePublished": "2024-05-16T09:15:00+02:00", "dateModified": "2024-05-17T10:00:00+02:00",
    "author": [{{"@type": "Person", "name": "Lena Park"}}, {{"@type": "Person", "name": "Omar Haddad"}}],
    "publisher": {{"@type": "Organization", "name": "The Harbour Herald"}}}}]}}
</script>
</head><body>
<header><nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li>
<li><a href="/business">Business</a></li><li><a href="/sport">Sport</a></li></ul></nav></header>
<main><article>
<h1>Ministers agree grain corridor</h1>
<p class="byline">By Lena Park and Omar Haddad</p>
{''.join(f'<p>{p}</p>' for p in BODY)}
</article>
<aside class="related"><h2>Related stories</h2><ul>
<li><a href="/a">Fishing fleet returns to port after storm warning lifted</a></li>
<li><a href="/b">Regional bank raises interest rates for second time</a></li></ul></aside>
<section id="comments" class="comments"><h3>Leave a comment</h3>
<form><textarea>Please enter your comment!</textarea><input value="Please enter your name here"></form>
<div class="comment"><p>Great article, totally agree with the analysts here, well done to all.</p></div>
</section></main>
<footer><p>Copyright 2024 The Harbour Herald. All rights reserved.</p></footer>
</body></html>"""


def _doc(content: bytes, **kw: object) -> RawDocument:
    base = {"name": "grain", "source": "pages/grain.html", "content": content, "content_type": "html",
            "url": None, "fetched_at": "2024-05-20T12:00:00Z", "hints": {}}
    base.update(kw)
    return RawDocument(**base)  # type: ignore[arg-type]


def test_article_text_excludes_nav_related_and_comments() -> None:
    article = extract(_doc(PAGE.encode()))
    assert article.paragraphs[0].startswith("The foreign ministers")
    assert article.text.endswith("never been fully settled.")
    for noise in ("Home", "Fishing fleet", "Please enter", "Great article", "All rights reserved"):
        assert noise not in article.text
    assert article.text == "\n\n".join(article.paragraphs)


def test_structured_metadata_is_preferred() -> None:
    article = extract(_doc(PAGE.encode()))
    assert article.title == "Ministers agree grain corridor"
    assert article.date == "2024-05-16"  # JSON-LD datePublished, not the meta date or dateModified
    assert article.author == "Lena Park, Omar Haddad"
    assert article.url == "https://herald.example/world/grain-corridor"
    assert article.publisher == "The Harbour Herald"
    assert article.language == "en" and article.page_type == "article"
    assert article.id == Article.make_id(article.url, article.text)


def test_future_dates_are_rejected_and_hints_fill_gaps() -> None:
    page = PAGE.replace("2024-05-16T09:15:00+02:00", "2031-01-01")
    page = page.replace('<meta name="date" content="2019-01-01">', "")
    hinted = _doc(page.encode(), hints={"date": "2024-05-15"}, fetched_at="2024-05-20T00:00:00Z")
    assert extract(hinted).date == "2024-05-15"


def test_cp1251_declared_page_decodes() -> None:
    text = "Министры договорились о зерновом коридоре после долгих переговоров в порту. " * 4
    page = f'<html><head><meta charset="windows-1251"><title>Коридор</title></head><body><article>' \
           f'<p>{text}</p><p>{text}</p></article></body></html>'
    article = extract(_doc(page.encode("cp1251")))
    assert "Министры договорились" in article.text and article.language == "ru"


def test_windows_1252_mislabelled_as_utf8() -> None:
    raw = '<html><head><meta charset="utf-8"></head><body><p>The minister’s “plan” — café</p></body></html>'
    text, codec = decode_html(raw.encode("cp1252"))
    assert codec == "cp1252" and "minister’s “plan” — café" in text


def test_utf8_wins_over_a_wrong_latin1_http_header() -> None:
    raw = "<html><body><p>Zürich – Genève</p></body></html>".encode()
    assert decode_html(raw, "iso-8859-1") == ("<html><body><p>Zürich – Genève</p></body></html>", "utf-8")


def test_listing_page_is_classified() -> None:
    items = "".join(
        f'<h3><a href="/story/{i}">Headline number {i} about the regional elections</a></h3>'
        f'<p><a href="/story/{i}">Read the full story on our site</a></p>' for i in range(12)
    )
    page = f"<html><head><title>World news</title></head><body><main>{items}</main></body></html>"
    try:
        article = extract(_doc(page.encode()))
    except ExtractionError:
        return  # nothing extractable is also an acceptable outcome for a pure listing
    assert article.page_type == "listing"


def test_empty_page_raises_and_extract_many_reports_it() -> None:
    empty = _doc(b"<html><body><nav><a href='/'>Home</a></nav></body></html>")
    with pytest.raises(ExtractionError):
        extract(empty)
    passthrough = Failure("x.html", "read", "empty file")
    results = list(extract_many([passthrough, empty, _doc(PAGE.encode())]))
    assert results[0] is passthrough
    assert isinstance(results[1], Failure) and results[1].stage == "extract"
    assert isinstance(results[2], Article)


def test_cli_dict_shape() -> None:
    line = article_to_cli_dict(extract(_doc(PAGE.encode())))
    assert list(line) == ["id", "url", "title", "author", "date", "language", "page_type", "text"]
    assert line["id"] == "grain"


def test_feed_entry_document_uses_hints() -> None:
    page = ("<!DOCTYPE html><html><head><meta charset='utf-8'><title>Ferry strike ends</title></head><body><article>"
            "<h1>Ferry strike ends</h1><p>The ferry strike ended on Tuesday after overnight talks between the "
            "unions and the operator.</p></article></body></html>")
    doc = _doc(page.encode(), url="https://wire.example/ferry",
               hints={"title": "Ferry strike ends", "date": "2024-05-14", "author": "Mira Olsen"})
    article = extract(doc)
    assert article.author == "Mira Olsen" and article.date == "2024-05-14"
    assert article.text.startswith("The ferry strike ended") and article.url == "https://wire.example/ferry"


def test_short_repeated_lines_stay_and_long_copies_go() -> None:
    from newsdesk.extract.html import _paragraphs

    plan = "\n".join(["Breakfast", "Eat every 2-3 hours", BODY[0], "Lunch", "Eat every 2-3 hours", BODY[0]])
    # the headline on top goes; a short line the menu repeats stays; a long paragraph seen before is a copy
    assert _paragraphs("Ministers agree grain corridor\n" + plan, "Ministers agree grain corridor") == [
        "Breakfast", "Eat every 2-3 hours", BODY[0], "Lunch", "Eat every 2-3 hours"]


#: A page without structured author or date: trafilatura's fallback is asked for both, unless the
#: page-type model is sure the page is no article.
BARE_PAGE = "<html><head><title>Spare parts</title></head><body>" + "".join(f"<p>{p}</p>" for p in BODY) + "</body></html>"


@pytest.mark.parametrize(("probability", "asked"), [(0.01, False), (0.9, True), (None, True)])
def test_article_fields_fallback_skipped_only_where_the_page_is_surely_no_article(
        monkeypatch: pytest.MonkeyPatch, probability: float | None, asked: bool) -> None:
    from newsdesk.extract import html as html_module

    wanted: list[set[str]] = []
    real = html_module._trafilatura_metadata

    def spy(tree, url, not_after, fields):  # type: ignore[no-untyped-def]
        wanted.append(set(fields))
        return real(tree, url, not_after, fields)

    monkeypatch.setattr(html_module, "_trafilatura_metadata", spy)
    monkeypatch.setattr(html_module, "article_probability", lambda *args: probability)
    article = extract(_doc(BARE_PAGE.encode()))
    assert article.text.startswith("The foreign ministers")
    assert len(wanted) == 1 and ({"author", "date"} <= wanted[0]) is asked
    assert not wanted[0] & {"author", "date"} or asked
