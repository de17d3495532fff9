"""A marked article loses its standfirst, its all-link paragraphs and its widget labels; lists, partly
linked paragraphs and prose-less texts keep every line, and other pages lose only the lines after the element
that holds their text and the short labels above it."""

from __future__ import annotations

from newsdesk.extract.blocks import page_blocks
from newsdesk.extract.furniture import trim_furniture
from newsdesk.extract.html import parse_page

DEK = "Flood defences on the river will cost twice the first estimate, the council says"
PROSE = "The council approved the new flood barrier on Tuesday evening after a debate of almost six hours."
MORE = "Supporters said the barrier would protect three thousand homes and the old market from the river."
RELATED = "Read more: Town hall votes to close the old bridge for repairs"
STORY = "Mayor opens the new cycle path along the canal in the east of town"
SOURCE = "Environment agency report on the river's flood risk, March edition"


def _page(body: str) -> str:
    return f"<html><body>{body}</body></html>"


ARTICLE = _page(
    f"<header><h1>Barrier approved</h1><h2 class='article-sub-head'>{DEK}</h2></header>"
    f"<div class='story'><p>{PROSE}</p><p>Read more: <a href='/b'>Town hall votes to close the old bridge for"
    f" repairs</a></p><p><a href='/c'>{STORY}</a></p><p>Advertisement</p><p>{MORE}</p>"
    f"<ul><li><a href='/d'>{SOURCE}</a></li></ul></div>")
LINES = [DEK, PROSE, RELATED, STORY, "Advertisement", MORE, "- " + SOURCE]


def _trim(lines: list[str], markup: str = ARTICLE, marked: bool = True) -> list[str]:
    return trim_furniture(lines, page_blocks(parse_page(markup)), marked)


def test_a_marked_article_loses_its_standfirst_link_paragraphs_and_labels_and_keeps_its_list() -> None:
    assert _trim(LINES) == [PROSE, MORE, "- " + SOURCE]


def test_a_page_not_marked_as_an_article_keeps_every_line_of_its_main_element() -> None:
    assert _trim(LINES, marked=False) == LINES


def test_a_standfirst_is_a_long_heading_whose_class_or_header_says_so() -> None:
    plain = _page(f"<h2>{DEK}</h2><p>{PROSE}</p><p>{MORE}</p>")
    assert _trim([DEK, PROSE, MORE], plain) == [DEK, PROSE, MORE]  # a section heading of the article
    in_header = _page(f"<header><h3>{DEK}</h3></header><p>{PROSE}</p><p>{MORE}</p>")
    assert _trim([DEK, PROSE, MORE], in_header) == [PROSE, MORE]
    short = "Costs double"
    assert _trim([short, PROSE], _page(f"<h2 class='subtitle'>{short}</h2><p>{PROSE}</p>")) == [short, PROSE]


def test_a_paragraph_only_partly_linked_stays_and_so_does_a_link_before_the_prose() -> None:
    partly = "See the council's plans for the barrier and the new riverside walk"
    markup = _page(f"<p><a href='/s'>{STORY}</a></p><p>{PROSE}</p>"
                   f"<p>See <a href='/p'>the council's plans</a> for the barrier and the new riverside walk</p>")
    assert _trim([STORY, PROSE, partly], markup) == [STORY, PROSE, partly]


def test_without_prose_nothing_changes_and_the_text_is_never_emptied() -> None:
    markup = _page(f"<p><a href='/c'>{STORY}</a></p><p>Advertisement</p>")
    assert _trim([STORY, "Advertisement"], markup) == [STORY, "Advertisement"]
    alone = _page(f"<header><h2 class='dek'>{PROSE}</h2></header>")
    assert _trim([PROSE], alone) == [PROSE]


def test_a_heading_repeated_in_a_linked_table_of_contents_stays() -> None:
    heading = "Step two: choose the flood barrier that suits the river"
    markup = _page(f"<p><a href='#s1'>{heading}</a></p><p>{PROSE}</p><h2 id='s1'>{heading}</h2><p>{MORE}</p>")
    assert _trim([PROSE, heading, MORE], markup) == [PROSE, heading, MORE]


BOX = "Get the week's river news in your inbox every Friday morning."
BIO = "Sam Reed covers the council and the river for the paper and lives by the old market."


def test_a_small_newsletter_box_and_an_author_bio_go_and_a_credit_line_goes() -> None:
    credit = "(Reporting by Sam Reed; Editing by Ann Lee)"
    markup = _page(f"<article><p>{PROSE}</p><div class='inline-newsletter'><p>{BOX}</p></div><p>{MORE}</p>"
                   f"<p>{PROSE} {MORE}</p><p>{credit}</p><div id='authorBio'><p>{BIO}</p></div></article>")
    lines = [PROSE, BOX, MORE, f"{PROSE} {MORE}", credit, BIO]
    assert _trim(lines, markup) == [PROSE, MORE, f"{PROSE} {MORE}"]
    assert _trim(lines, markup, marked=False) == lines


def test_a_box_word_on_the_article_s_own_container_keeps_the_article() -> None:
    """A mailing-list archive names its post's container "newsletter": it holds most of the text."""
    markup = _page(f"<div class='newsletter-post'><p>{PROSE}</p><p>{BOX}</p><p>{MORE}</p></div>")
    assert _trim([PROSE, BOX, MORE], markup) == [PROSE, BOX, MORE]


def test_credit_words_inside_a_sentence_or_a_long_paragraph_stay() -> None:
    inside = "The plans needed editing by hand before the vote, the clerk said, and that took a week."
    long = f"{PROSE} {MORE} {PROSE} Jo Bell contributed to this report."
    markup = _page(f"<p>{PROSE}</p><p>{inside}</p><p>{long}</p>")
    assert _trim([PROSE, inside, long], markup) == [PROSE, inside, long]


def test_a_print_header_a_promotion_and_a_comments_label_go() -> None:
    note = "This copy is for your personal, non-commercial use only."
    promo = "Join our free river quiz and win a family ticket to the aquarium"
    markup = _page(f"<div class='print-header'><p>{note}</p></div><article><p>{PROSE}</p>"
                   f"<aside class='ArticlePromo'><h3>{promo}</h3></aside><p>{MORE}</p><h3>Comments</h3></article>")
    assert _trim([note, PROSE, promo, MORE, "Comments"], markup) == [PROSE, MORE]


CARD = "Ten walks along the canal for a dry weekend, with maps and the best places to stop for tea."


def test_the_excerpt_of_another_story_s_card_goes_and_the_story_s_own_articles_stay() -> None:
    """A blog template marks up each "you may also like" card as an <article> with its excerpt."""
    long = " ".join([PROSE, MORE] * 4)  # the card holds under an eighth of the words
    markup = _page(f"<article class='post'><p>{long}</p><p>{MORE}</p></article>"
                   f"<section class='related'><article class='card'><p>{CARD}</p></article></section>")
    assert _trim([long, MORE, CARD], markup) == [long, MORE]
    # the card rule is for marked articles; an unmarked page loses the card only as a line after the story's element
    assert _trim([long, MORE, CARD], markup, marked=False) == [long, MORE]
    inside = _page(f"<article class='post'><p>{long}</p><p>{MORE}</p>"
                   f"<section class='related'><article class='card'><p>{CARD}</p></article></section></article>")
    assert _trim([long, MORE, CARD], inside, marked=False) == [long, MORE, CARD]


def test_lines_outside_any_article_a_big_second_article_and_a_listing_s_items_stay() -> None:
    """The headline outside the story's <article>, two halves of a story in two <article> elements,
    and a listing marked as an article whose first item is small."""
    outside = _page(f"<h2>{CARD}</h2><article><p>{PROSE}</p><p>{MORE}</p></article>")
    assert _trim([CARD, PROSE, MORE], outside) == [CARD, PROSE, MORE]
    halves = _page(f"<article><p>{PROSE}</p></article><article><p>{MORE}</p></article>")
    assert _trim([PROSE, MORE], halves) == [PROSE, MORE]
    items = [PROSE, MORE, CARD, f"{PROSE} {MORE}", f"{MORE} {CARD}", f"{CARD} {PROSE}"]
    listing = _page("".join(f"<article><p>{item}</p></article>" for item in items))
    assert _trim(items, listing) == items


def test_a_date_stamp_above_the_prose_goes_and_dates_below_it_or_in_a_heading_stay() -> None:
    stamp, clock = "Updated on November 18, 2025", "segunda-feira, 22 de janeiro de 2018 às 0:13"
    heading, short, later = "The river in 2025: a year of floods", "Floods 2025", "- Sep 26, 2022"
    markup = _page(f"<p>{stamp}</p><p>{clock}</p><h2>{heading}</h2><h3>{short}</h3><p>{PROSE}</p><p>{later}</p>")
    assert _trim([stamp, clock, heading, short, PROSE, later], markup) == [heading, short, PROSE, later]
    assert _trim([stamp, PROSE], markup, marked=False) == [stamp, PROSE]


def test_calls_to_act_read_time_badges_and_written_by_lines_go_from_a_marked_article() -> None:
    badge, writer, tags = "October 16, 2020 · 8 min read", "Written by Sam Reed", "Tags"
    call, inbox = "Subscribe to get the latest posts sent to your email.", "The river's news, delivered to your inbox"
    markup = _page(f"<p>{badge}</p><p>{PROSE}</p><p>{writer}</p><p>{MORE}</p><h3>{call}</h3><p>{inbox}</p>"
                   f"<p>{tags}</p>")
    lines = [badge, PROSE, writer, MORE, call, inbox, tags]
    assert _trim(lines, markup) == [PROSE, MORE]
    assert _trim(lines, markup, marked=False) == lines


def test_a_step_that_says_sign_up_and_sentences_about_reading_or_writing_stay() -> None:
    """A how-to's list item, a sentence that opens "Written by" and is long, and a heading on joining."""
    step = "- Sign up for a library card at the town hall desk"
    long = "Written by the council's engineers over two winters, the plan sets out every gate on the river."
    minutes = "The walk takes about 40 minutes and you can read the river signs on the way to the market square."
    heading = "Joining the flood wardens"
    markup = _page(f"<p>{PROSE}</p><ul><li>{step[2:]}</li></ul><p>{long}</p><p>{minutes}</p><h2>{heading}</h2>"
                   f"<p>{MORE}</p>")
    lines = [PROSE, step, long, minutes, heading, MORE]
    assert _trim(lines, markup) == lines


def test_the_other_stories_after_a_related_heading_go_and_an_early_or_further_reading_heading_cuts_nothing() -> None:
    related, other = "Related articles", "Mayor opens the new cycle path along the canal, and the market is glad of it."
    markup = _page(f"<p>{PROSE}</p><p>{MORE}</p><h2>{related}</h2><h3>{STORY}</h3><p>{other}</p>")
    assert _trim([PROSE, MORE, related, STORY, other], markup) == [PROSE, MORE]
    assert _trim([PROSE, MORE, related, STORY, other], markup, marked=False) == [PROSE, MORE, related, STORY, other]
    long = " ".join([MORE] * 6)  # the heading comes before a fifth of the words: a guard, nothing goes
    early = _page(f"<p>{PROSE}</p><h2>{related}</h2><p>{long}</p>")
    assert _trim([PROSE, related, long], early) == [PROSE, related, long]
    sources = "Further reading"
    listed = _page(f"<p>{PROSE}</p><p>{MORE}</p><h2>{sources}</h2><ul><li>{SOURCE}</li></ul>")
    assert _trim([PROSE, MORE, sources, "- " + SOURCE], listed) == [PROSE, MORE, sources, "- " + SOURCE]


def test_teaser_cards_in_a_list_go_and_a_list_of_plain_links_or_a_single_card_stays() -> None:
    cards = [("Mayor opens the new cycle path", "The path runs along the canal"),
             ("Library to stay open late", "Opening hours grow from next week")]
    story = [PROSE, MORE, DEK + ".", "Work on the barrier starts in spring and should end before the winter storms of next year.",
             "The council will publish the contracts and the final costs on its website once the work is done."]
    items = "".join(f"<li><h3><a href='/{n}'>{head}</a></h3><h4>{sub}</h4></li>" for n, (head, sub) in enumerate(cards))
    body = "".join(f"<p>{p}</p>" for p in story)
    markup = _page(f"<div class='story'>{body}</div><ul class='latest'>{items}</ul>")
    lines = [*story, *(f"- {head} {sub}" for head, sub in cards)]
    assert _trim(lines, markup) == story
    assert _trim(lines[:-1], markup) == lines[:-1]  # one card is not a list of them
    plain = "".join(f"<li><a href='/{n}'>{head}</a> {sub}</li>" for n, (head, sub) in enumerate(cards))
    assert _trim(lines, _page(f"{body}<ul>{plain}</ul>")) == lines
    listing = _page(f"<p>{PROSE}</p><ul class='latest'>{items}</ul>")  # a listing of cards: they are its content
    assert _trim([PROSE, *lines[-2:]], listing) == [PROSE, *lines[-2:]]


def test_a_newsletter_promotion_goes_and_a_sentence_about_subscriptions_stays() -> None:
    promo = "Get the latest news right in your inbox. Subscribe to our newsletters."
    about = "Residents who subscribe to the council's flood alerts will get a text message before the river rises."
    markup = _page(f"<p>{PROSE}</p><p>{about}</p><p>{promo}</p>")
    assert _trim([PROSE, about, promo], markup) == [PROSE, about]


STORY_LINES = [
    "The ferry company will add a second boat to the island route from the first week of June.",
    "Islanders had asked for more crossings since the old timetable was cut back two winters ago.",
    "The new boat is smaller but faster, and it can carry twelve cars as well as foot passengers.",
    "Harbour staff said the pier needs no work, although the waiting room will get new benches.",
    "Fares stay the same for residents, while day visitors will pay a pound more for each crossing.",
    "The company expects the extra sailings to run until the end of September at the earliest.",
]
AUTHOR_BOX = "Ruth Keane covers the islands and the coast road for the weekly paper."
SITE_NOTE = "Opinions in reader letters are their writers' own."


def _story_page(after: str, before: str = "") -> str:
    paragraphs = "".join(f"<p>{line}</p>" for line in STORY_LINES)
    return _page(f"{before}<div class='col-main'><div class='body-copy'>{paragraphs}</div></div>{after}")


def test_the_lines_after_the_story_s_container_ends_go_and_lines_not_found_on_the_page_stay() -> None:
    markup = _story_page(f"<div class='col-extra'><p>{AUTHOR_BOX}</p></div><div><p>{SITE_NOTE}</p></div>")
    assert _trim([*STORY_LINES, AUTHOR_BOX, SITE_NOTE], markup) == STORY_LINES
    unseen = "A closing line that trafilatura wrote differently from any block on the page."
    assert _trim([*STORY_LINES, unseen, AUTHOR_BOX], markup) == [*STORY_LINES, unseen]


def test_a_line_outside_the_container_before_its_last_line_stays_and_so_does_a_big_tail() -> None:
    early = "Ferry timetables for the summer are printed in the harbour office window."
    markup = _story_page(f"<div><p>{AUTHOR_BOX}</p></div>", before=f"<p>{early}</p>")
    assert _trim([early, *STORY_LINES, AUTHOR_BOX], markup) == [early, *STORY_LINES]
    # a second half as long as the story: no element holds the bar of the words, so nothing is cut
    second = [line.replace("ferry", "bus") + " Residents agreed." for line in STORY_LINES[:4]]
    halves = _story_page("<div class='col-extra'>" + "".join(f"<p>{line}</p>" for line in second) + "</div>")
    assert _trim([*STORY_LINES, *second], halves) == [*STORY_LINES, *second]
    assert _trim([*STORY_LINES, AUTHOR_BOX], markup, marked=False) == STORY_LINES  # the cut acts on any page


def test_a_page_not_marked_as_an_article_loses_only_the_lines_after_its_main_element() -> None:
    """A shop's product page: its description's element holds most of the text; the delivery strip and
    the sign-in box the template sets after it go, and so does the short label above it. A line written
    differently from any block and a word trim's target (a call to act inside the element) stay: only the
    container's seams act."""
    label = "Handmade in our workshop"
    description = [
        "This oak chopping board is cut from a single plank and finished with food-safe linseed oil.",
        "Each board is sanded by hand, so the grain and the colour differ a little from the photographs.",
        "Sign up",
        "Wash it with warm water and a mild soap, dry it standing up, and oil it again every few months.",
    ]
    strip, box = "Free delivery on orders over forty pounds", "Sign in to see your saved boards"
    unseen = "A size chart trafilatura joined from several cells."
    markup = _page(f"<p>{label}</p><div class='product-description'>"
                   + "".join(f"<p>{line}</p>" for line in description)
                   + f"</div><div class='usp-bar'><p>{strip}</p></div><form><p>{box}</p></form>")
    lines = [label, *description, strip, unseen, box]
    assert _trim(lines, markup, marked=False) == [*description, unseen]
    # no element holds the share of the words: a listing of equal cards keeps every line
    cards = _page("".join(f"<div class='card'><p>{line}</p></div>" for line in description))
    assert _trim(description, cards, marked=False) == description


def test_short_labels_above_the_story_s_container_go_and_sentences_long_lines_and_its_own_lines_stay() -> None:
    """Above the element that holds the story, a menu entry and a filter label go, on a marked article and on
    any other page. A sentence there (the lead a template sets above the body), a line of more than six
    words, a line written differently from any block and a short line inside the element stay."""
    crumb, filters = "Local news", "Sort and filter"
    lead = "The island ferry gets a second boat this summer, and the timetable changes with it."
    long_line = "Island ferry timetable for the summer months ahead"
    unseen = "Menu joined from cells"
    inner = "Fares"
    body = [*STORY_LINES[:3], inner, *STORY_LINES[3:]]
    markup = _page(f"<nav><a href='/n'>{crumb}</a></nav><div class='tools'><p>{filters}</p></div>"
                   f"<p>{lead}</p><h2>{long_line}</h2><div class='body-copy'>"
                   + "".join(f"<p>{line}</p>" for line in body) + "</div>")
    lines = [crumb, filters, lead, long_line, unseen, *body]
    kept = [lead, long_line, unseen, *body]
    assert _trim(lines, markup, marked=False) == kept
    assert _trim(lines, markup) == kept
