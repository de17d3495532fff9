"""The plain-text scrape cleaner: the seed acceptance test plus scrapes of other shapes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsdesk.extract import extract
from newsdesk.extract.text import clean_scrape, is_boilerplate
from newsdesk.model import RawDocument

SEED = Path(__file__).resolve().parents[2].parent / "shared" / "seeds" / "001_197dea3c7fb0b554.txt"


def _text_doc(text: str, name: str = "scrape") -> RawDocument:
    return RawDocument(name, f"{name}.txt", text.encode("utf-8"), "text", fetched_at="2024-06-01T00:00:00Z")


@pytest.mark.skipif(not SEED.is_file(), reason="../shared seeds not available")
def test_seed_scrape_acceptance() -> None:
    article = extract(_text_doc(SEED.read_text(encoding="utf-8"), "001_197dea3c7fb0b554"))
    assert article.title == "Putin\u2019s Pivot: China Visit Signals Economic Power Play"
    assert article.author == "Saeed Minhas"
    assert article.text.startswith("As Russian President Vladimir Putin gears up")
    assert article.text.endswith("geopolitical stability.")
    for noise in ("HomeGlobal", "Related stories", "BabyX", "CPEC", "South China Sea Conflict", "GEF",
                  "Gaza", "accomplished journalist", "Latest stories", "Please enter", "Economic Cooperation:"):
        assert noise not in article.text
    assert article.date == "2024-05-26" and article.language == "en" and article.page_type == "article"


BYLINE_SCRAPE = """\
Skip to content
World | Politics | Business | Sport
Search
Ports reopen as dock workers end week-long walkout
By Jane Doe | May 12, 2024
Share this:
Facebook
Twitter
Dock workers returned to the container terminals on Sunday after union leaders accepted a revised pay offer from the port authority.
The walkout had halted almost all freight traffic through the two largest harbours for seven days, stranding hundreds of containers.
Read more: Port authority names new chief executive
Union officials said the agreement includes a review of night-shift safety rules, a key demand of younger workers during the dispute.
Shipping lines expect delays to ease within a week as vessels waiting offshore are brought in to berth.
Subscribe to our newsletter for the morning briefing
Cookies help us deliver our services. By using them you accept our use of cookies.
"""


def test_byline_at_top_with_share_and_read_more_lines() -> None:
    result = clean_scrape(BYLINE_SCRAPE)
    assert result.title == "Ports reopen as dock workers end week-long walkout"
    assert result.author == "Jane Doe"
    assert result.date == "2024-05-12"
    assert result.paragraphs[0].startswith("Dock workers returned")
    assert result.paragraphs[-1].startswith("Shipping lines expect delays")
    assert len(result.paragraphs) == 4
    assert not any("Read more" in p or "newsletter" in p or "Cookies" in p for p in result.paragraphs)


TEASER_SCRAPE = """\
Menu
Home > Europe > Energy
Grid operators warn of tight winter supply

Published 3 November 2023

You may also like

Wind farm auction draws record bids
Developers offered more capacity than ever in the latest round...

Hydrogen pipeline plan delayed
The cross-border project has been pushed back by at least...

Grid operators across the region warned on Friday that electricity supplies could be tight this winter if cold weather coincides with low wind output.

In a joint assessment, they said reserve margins had improved since last year but remained below the level considered comfortable.

Outlook
The operators asked governments to keep older gas plants available as a backup until new storage projects come online next year.

Comments
Leave a Reply
Save my name, email, and website in this browser for the next time I comment.
"""


def test_teasers_before_body_and_comment_form_after_are_dropped() -> None:
    """The subheading "Outlook" is an article line (annotators of WCXB keep subheadings in the main
    content); "Label:" lines over a paragraph are not (see the seed test)."""
    result = clean_scrape(TEASER_SCRAPE)
    assert result.title == "Grid operators warn of tight winter supply"
    assert result.author is None and result.date == "2023-11-03"
    assert [p[:20] for p in result.paragraphs] == [
        "Grid operators acros", "In a joint assessmen", "Outlook", "The operators asked "]


HARD_WRAPPED = """\
Council approves budget for new tram line
By Ana Ruiz
The city council approved on Tuesday a budget of 400 million euros for a
new tram line linking the airport with the central station, ending two
years of debate over the route.
Construction is due to start next spring and the first trams should run
by the end of 2027, the transport department said in a statement.
"""


def test_hard_wrapped_paragraphs_are_joined() -> None:
    result = clean_scrape(HARD_WRAPPED)
    assert result.author == "Ana Ruiz" and result.title == "Council approves budget for new tram line"
    assert len(result.paragraphs) == 2
    assert result.paragraphs[0].endswith("ending two years of debate over the route.")


def test_boilerplate_lines() -> None:
    for line in ("Please enter your comment!", "Please enter your name here", "Latest stories", "Share this:",
                 "WhatsApp", "Subscribe to our newsletter", "Read more: something else", "Related stories"):
        assert is_boilerplate(line), line
    assert not is_boilerplate("The minister said the talks would resume on Monday after a short break.")


def test_jsonl_article_record_keeps_its_text() -> None:
    record = {"id": "j1", "url": "https://example.org/j1", "title": "Talks resume", "author": "K. Lee",
              "date": "2024-04-02", "text": "Talks resumed on Monday.\n\nBoth sides called them constructive."}
    doc = RawDocument("j1", "in.jsonl#j1", json.dumps(record).encode(), "article", record["url"],
                      hints={"date": "2024-04-02"})
    article = extract(doc)
    assert article.paragraphs == ("Talks resumed on Monday.", "Both sides called them constructive.")
    assert (article.title, article.author, article.date, article.url) == (
        "Talks resume", "K. Lee", "2024-04-02", "https://example.org/j1")


def test_rendering_joins_inline_text_as_a_browser_copy_does() -> None:
    from newsdesk.extract.metadata import parse_html
    from newsdesk.extract.render import visible_lines

    html = """<html><body><nav><a href="/">Home</a><a href="/w">World</a></nav>
    <h1>Ports   reopen</h1><p><span class="dropcap">D</span>ock workers returned,
    <b>union</b> leaders said.<br>Second line</p><div style="display: none">hidden menu</div>
    <script>var x = 1;</script><pre>a = 1
b = 2</pre><p aria-hidden="true">icon</p></body></html>"""
    assert visible_lines(parse_html(html)) == [
        "HomeWorld", "Ports reopen", "Dock workers returned, union leaders said.", "Second line", "a = 1", "b = 2",
    ]


def test_viterbi_smooths_isolated_decisions() -> None:
    from newsdesk.extract.lines import viterbi

    odds = [-3.0, 2.0, 2.0, -0.5, 2.0, 2.0, -3.0, 0.5, -3.0]
    assert viterbi(odds, 0.0) == [z > 0 for z in odds]
    # a weak "drop" inside the article is kept, a weak "keep" alone in the page furniture is dropped
    assert viterbi(odds, 1.0) == [False, True, True, True, True, True, False, False, False]
    assert viterbi([], 1.0) == []


def test_viterbi_gap_cost_keeps_far_furniture_out_but_not_a_short_break() -> None:
    from newsdesk.extract.lines import viterbi

    # an article of six lines, a weak break of two lines inside it, then eight footer lines and a
    # "keep"-looking footer line (a share bar, a sentence-like menu entry)
    odds = [3.0, 3.0, 3.0, -0.5, -0.5, 3.0, 3.0, 3.0] + [-1.0] * 8 + [2.5]
    plain = viterbi(odds, 1.0)
    assert plain[-1] and plain[3] and plain[4]  # two switches are cheap: the far line is kept
    gapped = viterbi(odds, 1.0, 0.6)
    assert not gapped[-1]  # eight dropped lines at 0.6 each cost more than the line is worth
    assert gapped[:8] == [True] * 8  # the short break is still bridged
    assert viterbi(odds, 1.0, 0.0) == plain


def test_kept_line_numbers_point_at_the_input_lines() -> None:
    result = clean_scrape(HARD_WRAPPED)
    lines = HARD_WRAPPED.splitlines()
    kept = " ".join(lines[n] for n in result.kept_lines)
    assert kept == " ".join(result.paragraphs)
    assert 0 not in result.kept_lines and 1 not in result.kept_lines  # title and byline are fields, not body


@pytest.mark.skipif(not SEED.is_file(), reason="../shared seeds not available")
def test_seed_scrape_is_right_with_the_rules_alone(monkeypatch: pytest.MonkeyPatch) -> None:
    """A checkout without the shipped line model falls back to the prose-run rules."""
    import newsdesk.extract.text as text_module

    monkeypatch.setattr(text_module, "load_line_model", lambda: None)
    result = clean_scrape(SEED.read_text(encoding="utf-8"))
    assert result.paragraphs[0].startswith("As Russian President Vladimir Putin gears up")
    assert result.paragraphs[-1].endswith("geopolitical stability.")


def test_shipped_line_model_loads() -> None:
    from newsdesk.extract.lines import MODEL_PATH, LineModel

    model = LineModel.load(MODEL_PATH)
    assert len(model.indices) == len(model.weights) > 100 and model.switch >= 0


def test_vocabulary_features_name_only_vocabulary_words_and_pair_them_on_short_lines() -> None:
    from newsdesk.extract.lines import vocabulary_features

    vocab = frozenset({"add", "to", "cart", "the"})
    assert sorted(vocabulary_features("Add to Cart", vocab)) == [
        "v2:^ add", "v2:add to", "v2:cart $", "v2:to cart", "v:add", "v:cart", "v:to"]
    assert sorted(vocabulary_features("Acme Rocket reviews", vocab)) == ["v2:# #", "v2:# #", "v2:# $", "v2:^ #"]
    long_line = "The crew loaded the cart with " + "heavy crates and spare parts for the long trip " * 2
    assert sorted(vocabulary_features(long_line, vocab)) == ["v:cart", "v:the"]  # no pairs on a long line
    assert vocabulary_features("Add to Cart", frozenset()) == []


def test_a_line_model_keeps_its_vocabulary_through_save_and_load(tmp_path: Path) -> None:
    import numpy as np

    from newsdesk.extract.lines import LineModel

    model = LineModel(np.array([3, 7], dtype=np.int32), np.array([0.5, -1.0], dtype=np.float32), 0.1, 1.0, 2.0,
                      vocab=frozenset({"reply", "posted"}))
    model.save(tmp_path / "m.npz")
    loaded = LineModel.load(tmp_path / "m.npz")
    assert loaded.vocab == model.vocab and loaded.table == model.table and (loaded.switch, loaded.bias) == (1.0, 2.0)


def test_benchmark_labels_short_lines_only_in_context() -> None:
    """The scrape benchmark's labelling: a menu word is not main content because the article uses it."""
    import sys

    from newsdesk.extract.mainbody import normalised

    bench = str(Path(__file__).resolve().parents[2] / "benchmarks")
    sys.path.insert(0, bench)
    try:
        from extraction import line_label
    finally:
        sys.path.remove(bench)

    body = "Outlook\n\nThe operators asked governments to keep older gas plants at home available."
    lines = ["Home", "World", "Outlook", "The operators asked governments to keep older gas plants at home available."]
    gold, gold_lines = normalised(body), {normalised(line) for line in body.splitlines()}
    assert [line_label(lines, i, gold, gold_lines) for i in range(len(lines))] == [False, False, True, True]


def test_a_sentence_starting_with_by_is_body_not_a_byline() -> None:
    """Only a short "By ..." line is a byline; "By the end of ..." opening a paragraph is body text."""
    sentence = ("By the end of the week more than forty vessels had berthed, and the port authority said the backlog "
                "would be cleared before the holiday weekend.")
    scrape = BYLINE_SCRAPE.replace("Union officials said", f"{sentence}\nUnion officials said")
    result = clean_scrape(scrape)
    assert result.author == "Jane Doe"
    assert sentence in result.paragraphs
    assert not any(p.startswith("By Jane Doe") for p in result.paragraphs)


def test_training_labels_count_a_repeated_gold_line_once() -> None:
    """A badge repeated on every product card is content only as often as the gold text has it, and
    the copy among other content lines is the one kept."""
    import sys

    root = Path(__file__).resolve().parents[2]
    sys.path[:0] = [str(root / "scripts"), str(root / "benchmarks")]
    try:
        from train_text_lines import label_lines
    finally:
        del sys.path[:2]

    body = "Lifetime Guarantee\n\nEvery driver kit is covered for life, and we repair or replace any broken bit."
    lines = ["Lifetime Guarantee", "Shop", "Lifetime Guarantee",
             "Every driver kit is covered for life, and we repair or replace any broken bit.", "Lifetime Guarantee"]
    assert label_lines(lines, body) == [False, False, True, True, False]


def test_label_headings_and_outside_teasers_are_dropped_on_articles_only() -> None:
    """A "Parameters:" line over prose is furniture in an article but content on a documentation
    page, and so is a teaser outside the prose run: the cleaner's filters apply to articles only."""
    from newsdesk.extract.text import _body_span, _model_paragraphs, scrape_lines

    prose = ("The function reads the whole configuration file once at start-up and keeps the parsed values "
             "in memory for later calls.")
    scrape = "\n".join(["Older releases kept their settings in the registry...", "Parameters:", prose, prose + " Again.",
                        prose + " Once more."])
    lines = scrape_lines(scrape)
    span = _body_span(lines)
    everything = [True] * len(lines)
    on_article = [line.text for line in _model_paragraphs(lines, everything, None, span, "article")]
    on_docs = [line.text for line in _model_paragraphs(lines, everything, None, span, "documentation")]
    assert "Parameters:" not in on_article and not any(t.startswith("Older releases") for t in on_article)
    assert on_docs == [line.text for line in lines]
    assert _model_paragraphs(lines, everything, None, span, None) == _model_paragraphs(
        lines, everything, None, span, "article")  # no kind classifier: an article's filters
