"""Main-text selection: trafilatura's text edited by block verdicts, and the single parse it runs on."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import trafilatura

from newsdesk.extract.blocks import hash_feature
from newsdesk.extract.cascade import PageCascade
from newsdesk.extract.html import parse_page
from newsdesk.extract.learned import LinearModel
from newsdesk.extract.mainbody import align, compose, spanned_blocks, trafilatura_text

TEXTS = [
    "Home News Sport",  # 0: menu
    "The council approved the tram line on Tuesday after a long debate.",  # 1
    "Share this article",  # 2: furniture trafilatura kept
    "Construction starts next spring and the first trams run in 2027.",  # 3: content trafilatura missed
    "Related: bus fares rise again",  # 4
]
KEPT = "\n".join([TEXTS[1], TEXTS[2], "A caption trafilatura read from an image"])


def test_confident_verdicts_edit_trafilaturas_text_in_page_order() -> None:
    kept_flags = [False, True, True, False, False]
    probs = [0.01, 0.9, 0.02, 0.95, 0.4]
    lines = compose(KEPT, TEXTS, kept_flags, probs, low=0.05, high=0.8)
    # "Share" goes (kept, under the low bar), the unmatched caption stays where trafilatura had it
    # (after "Share"), the missed paragraph comes in at its block's place (over the high bar) and
    # the related link stays out (under it).
    assert lines == [TEXTS[1], "A caption trafilatura read from an image", TEXTS[3]]


def test_without_confident_verdicts_the_text_is_trafilaturas() -> None:
    lines = compose(KEPT, TEXTS, [False, True, True, False, False], [0.5] * 5, low=0.0, high=1.01)
    assert lines == KEPT.splitlines()


def test_an_added_block_replaces_the_part_trafilatura_had() -> None:
    texts = ["Intro sentence of the product. More details follow here in the same block."]
    kept = "Intro sentence of the product."
    assert align(kept, texts) == [(kept, 0)]
    assert compose(kept, texts, [False], [0.99], low=0.1, high=0.9) == texts


def test_trafilatura_on_the_shared_tree_matches_trafilatura_on_the_markup() -> None:
    body = "".join(f"<p>Paragraph {i} of a report on the new tram line, with enough words to count.</p>"
                   for i in range(6))
    page = f"<html><head><title>Tram</title></head><body><nav><a href='/'>Home</a></nav>" \
           f"<!-- a comment --><article>{body}</article></body></html>"
    tree = parse_page(page)
    assert trafilatura_text(tree, None) == (trafilatura.extract(page, include_comments=False) or "").strip()
    assert trafilatura_text(tree, None)  # and the tree is left intact for the block features
    assert len(tree.xpath("//p")) == 6


def test_model_counts_each_hashed_bucket_once() -> None:
    model = LinearModel(np.array([hash_feature("good")]), np.array([2.0]), 0.0)
    assert model.probability(["good", "good"]) == model.probability(["good"])
    assert abs(model.probability(["good"]) - 1 / (1 + np.exp(-2.0))) < 1e-9


def test_bars_depend_on_kept_share_and_article_marking_and_survive_the_npz(tmp_path: Path) -> None:
    model = LinearModel(np.array([1]), np.array([1.0]), 0.0, 0.9)
    model.bar_edges = (0.2, 0.6)
    model.bars = ((0.0, 0.5), (0.0, 0.7), (0.0, 1.01), (0.0, 1.01), (0.0, 1.01), (0.1, 1.01))
    model.save(tmp_path / "blocks.npz")
    loaded = LinearModel.load(tmp_path / "blocks.npz")
    assert loaded.bars_for(0.1, marked_article=False) == (0.0, 0.5)  # trafilatura kept little: add
    assert loaded.bars_for(0.3, marked_article=False) == (0.0, 0.7)
    assert loaded.bars_for(0.9, marked_article=True) == (0.1, 1.01)
    assert LinearModel(np.array([1]), np.array([1.0]), 0.0, 0.9).bars_for(0.1, False) == (0.9, 0.9)


def _article_page(nav_links: int) -> str:
    body = "".join(f"<p>Paragraph {i} of a report on the new tram line, with enough words to count as prose.</p>"
                   for i in range(8))
    nav = "".join(f"<li><a href='/s{i}'>Section number {i} of the site with a long menu label</a></li>"
                  for i in range(nav_links))
    return f"<html><body><nav><ul>{nav}</ul></nav><article>{body}</article></body></html>"


def test_full_cascade_runs_only_where_the_fast_text_covers_little_of_the_page(monkeypatch: Any) -> None:
    from newsdesk.extract import mainbody

    calls: list[bool] = []
    real = mainbody._trafilatura

    def spy(page: Any, fast: bool) -> str:
        calls.append(fast)
        return real(page, fast)

    monkeypatch.setattr(mainbody, "_trafilatura", spy)
    assert trafilatura_text(parse_page(_article_page(3)), None)
    assert calls == [True]  # the article is most of the page: fast mode's text stands
    calls.clear()
    tree = parse_page(_article_page(3))
    text = trafilatura_text(tree, None, page_chars=100 * len(real(PageCascade(tree, None), True)))
    assert calls == [True, False]  # a text covering under a fifth of the page: the full cascade
    assert text == real(PageCascade(tree, None), False)


def test_trafilatura_fallback_metadata_matches_extract_metadata_field_by_field() -> None:
    from trafilatura.metadata import extract_metadata

    from newsdesk.extract.html import _trafilatura_metadata

    page = ("<html><head><title>Tram line approved - City Gazette</title>"
            "<meta property='og:site_name' content='@citygazette'></head><body>"
            "<div class='byline'>By Jane Smith</div><h1>Tram line approved</h1>"
            "<p>Published on 12 March 2024.</p>" + "<p>The council approved the tram line on Tuesday.</p>" * 5 +
            "</body></html>")
    wanted = {"title", "author", "sitename", "date"}
    ours = _trafilatura_metadata(parse_page(page), "https://gazette.example/tram", None, wanted)
    theirs = extract_metadata(parse_page(page), "https://gazette.example/tram",
                              {"extensive_search": False, "original_date": True}, False)
    for field in sorted(wanted):
        assert ours.get(field) == (getattr(theirs, field) or None), field
    assert set(_trafilatura_metadata(parse_page(page), None, None, {"title"})) <= {"title"}


def test_a_model_whose_bars_never_edit_marked_articles_says_so() -> None:
    model = LinearModel(np.array([1]), np.array([1.0]), 0.0, 0.9)
    model.bar_edges = (0.5,)
    model.bars = ((0.0, 0.7), (0.0, 1.01), (0.0, 1.01), (0.0, 1.01))
    assert model.never_edits(marked_article=True)
    assert not model.never_edits(marked_article=False)


def test_a_marked_article_loses_furniture_lines_but_gains_nothing(monkeypatch: Any) -> None:
    from newsdesk.extract import mainbody
    from newsdesk.extract.mainbody import select_paragraphs

    page = ("<html><body><article><p>The council approved the tram line on Tuesday after a long debate.</p>"
            "<div class='share-tools'>Share this article</div>"
            "<p>Construction starts next spring and the first trams run in 2027.</p></article></body></html>")
    kept = "The council approved the tram line on Tuesday after a long debate.\nShare this article"
    model = LinearModel(np.array([hash_feature("cls:share")]), np.array([-8.0]), 3.0)
    model.bar_edges = (0.5,)
    model.bars = ((0.0, 1.01), (0.0, 1.01), (0.5, 1.01), (0.5, 1.01))  # marked pages: drop only
    monkeypatch.setattr(mainbody, "load_model", lambda name: model)
    lines, blocks = select_paragraphs(parse_page(page), kept, marked_article=True)
    assert lines == [kept.splitlines()[0]]  # the share line goes, the missed paragraph (p ≈ 0.95) stays out
    missed = next(b for b in blocks if b.text.startswith("Construction"))
    assert missed.features == []  # and it was never scored: on articles only kept blocks cost time
    lines, _ = select_paragraphs(parse_page(page), kept, marked_article=False)
    assert lines is None  # the unmarked bars here never edit: trafilatura's text stands


def _menu_page_model(monkeypatch: Any) -> tuple[str, str]:
    """A page whose one paragraph of prose sits in a loose div under a long menu that trafilatura
    kept too, and a model that scores every block it kept as furniture."""
    from newsdesk.extract import mainbody

    menu = "".join(f"<li><a href='/s{i}'>Section {i}</a></li>" for i in range(30))
    story = ("The home care team reported on Friday that two of its five cars had been broken into overnight, "
             "and the city will now park them inside the depot.")
    page = f"<html><body><ul class='nav'>{menu}</ul><div class='col'>{story}</div></body></html>"
    model = LinearModel(np.array([1]), np.array([0.0]), -3.0)  # every block: p ≈ 0.05
    model.bar_edges = (0.5,)
    model.bars = ((0.2, 1.01), (0.2, 1.01), (0.0, 1.01), (0.0, 1.01))  # unmarked pages: drop under 0.2
    monkeypatch.setattr(mainbody, "load_model", lambda name: model)
    return page, story


def test_an_edit_that_would_drop_every_prose_line_keeps_trafilaturas_prose(monkeypatch: Any) -> None:
    from newsdesk.extract.edges import is_prose
    from newsdesk.extract.mainbody import select_paragraphs

    page, story = _menu_page_model(monkeypatch)
    kept = "\n".join([*(f"Section {i}" for i in range(30)), story])
    lines, _ = select_paragraphs(parse_page(page), kept, marked_article=False)
    assert lines == []  # without the guard the edit drops everything, the article included
    lines, _ = select_paragraphs(parse_page(page), kept, marked_article=False, prose=is_prose)
    assert lines == [story]  # the menu still goes; the sentence trafilatura found stays


def test_the_prose_guard_leaves_an_edit_that_keeps_some_prose_alone() -> None:
    from newsdesk.extract.mainbody import assemble, keep_prose

    def prose(line: str) -> bool:
        return len(line.split()) >= 12 and line.endswith(".")

    story = "A sentence that is long enough to count as prose for this small test of the guard here."
    aligned = [("Menu", 0), (story, 1), (story.replace("A sentence", "Another one"), 2)]
    texts = ["Menu", story, story.replace("A sentence", "Another one")]
    edited = assemble(aligned, texts, [True, True, True], [0.01, 0.01, 0.9], 0.2, 1.01)
    assert edited == [texts[2]]  # the model dropped one prose line but kept another
    assert not keep_prose(edited, aligned, prose)  # so its edit stands
    assert keep_prose([], aligned, prose) and not keep_prose([], [("Menu", 0)], prose)


def test_a_marked_article_gains_missed_blocks_only_in_a_bucket_whose_bars_add(monkeypatch: Any) -> None:
    from newsdesk.extract import mainbody
    from newsdesk.extract.mainbody import select_paragraphs

    first = "The council approved the tram line on Tuesday after a long debate."
    rest = " ".join(f"Construction of section {n} starts next spring and the first trams run there in 2027."
                    for n in range(4))
    page = f"<html><body><article><p>{first}</p><div class='more'>{rest}</div></article></body></html>"
    model = LinearModel(np.array([hash_feature("cls:more")]), np.array([8.0]), -3.0)
    model.bar_edges = (0.5,)
    model.bars = ((0.0, 1.01), (0.0, 1.01), (0.0, 0.9), (0.0, 1.01))  # marked pages: add where little was kept
    monkeypatch.setattr(mainbody, "load_model", lambda name: model)
    lines, _ = select_paragraphs(parse_page(page), first, marked_article=True)
    assert lines == [first, rest]  # trafilatura kept a fifth of the words: the block it missed comes in
    lines, _ = select_paragraphs(parse_page(page), f"{first}\n{rest}", marked_article=True)
    assert lines is None  # it kept nearly all: the bars of that bucket leave the page as it is
    lines, _ = select_paragraphs(parse_page(page), first, marked_article=False)
    assert lines is None  # the unmarked bars here never edit


def test_a_marked_article_whose_text_holds_under_45_percent_of_the_words_stopped_early(monkeypatch: Any) -> None:
    # trafilatura kept 12 of 28 words (43 %): a box of the article it skipped comes in. At half the
    # words it did not stop early, and the page is left as it is.
    from newsdesk.extract import mainbody
    from newsdesk.extract.mainbody import select_paragraphs

    first = "The council approved the tram line on Tuesday after a long debate."
    model = LinearModel(np.array([hash_feature("cls:more")]), np.array([8.0]), -3.0)
    model.bar_edges = (0.5,)
    model.bars = ((0.0, 1.01), (0.0, 1.01), (0.0, 0.9), (0.0, 1.01))
    monkeypatch.setattr(mainbody, "load_model", lambda name: model)
    for rest, gains in (("Construction of section one starts next spring and the first trams run there in early 2027.",
                         True),
                        ("Construction starts next spring and the first trams run there in 2027.", False)):
        page = f"<html><body><article><p>{first}</p><div class='more'>{rest}</div></article></body></html>"
        lines, _ = select_paragraphs(parse_page(page), first, marked_article=True)
        assert lines == ([first, rest] if gains else None)


def test_a_model_says_whether_a_kind_of_page_can_lose_kept_lines() -> None:
    model = LinearModel(np.array([1]), np.array([1.0]), 0.0, 0.9)
    model.bar_edges = (0.5,)
    model.bars = ((0.2, 1.01), (0.0, 0.7), (0.0, 0.9), (0.0, 1.01))
    assert model.drops(marked_article=False)
    assert not model.drops(marked_article=True)  # marked pages here may gain blocks, never lose lines


def test_blocks_inside_a_line_that_spans_several_blocks_are_not_added_again() -> None:
    # trafilatura glued a product tile's badge, brand and name into one line (no spaces between
    # them) and wrote a table row as one line: no single block holds either line, so every block
    # in them reads as missed. Adding those blocks would print their words twice.
    texts = ["Top Rated", "Osprey", "Kyte 48 Pack for women, light and roomy", "Weight with the rain cover", "1.9 kilograms",
             "Shipping is free on every order over fifty pounds this week."]
    kept = "Top RatedOspreyKyte 48 Pack for women, light and roomy\n| Weight with the rain cover | 1.9 kilograms |"
    aligned = align(kept, texts)
    assert [where for _, where in aligned] == [None, None]
    assert spanned_blocks(aligned, texts) == {0, 1, 2, 3, 4}
    lines = compose(kept, texts, [False] * 6, [0.9] * 6, low=0.0, high=0.5)
    assert lines == kept.splitlines() + [texts[5]]  # only the block no line holds comes in


def test_a_short_line_is_not_placed_among_the_blocks() -> None:
    texts = ["Add", "to cart", "Add to cart now and pay later with a plan that suits you."]
    aligned = [("Add to cart", None)]
    assert spanned_blocks(aligned, texts) == set()  # 9 characters: too short to place safely


def test_a_layout_cell_written_as_one_line_is_cut_down_to_its_article() -> None:
    from newsdesk.extract.blocks import page_blocks
    from newsdesk.extract.edges import is_prose
    from newsdesk.extract.mainbody import split_glued

    story = ["The harbour board agreed on Monday to dredge the northern channel before the winter storms arrive.",
             "Work starts next month, and the board expects the channel to stay open to ferries during the works.",
             "Fishermen welcomed the plan but asked the board to pay for the nets the dredgers are likely to damage."]
    teasers = ["The old lighthouse on the point reopened to visitors this weekend after a long restoration.",
               "A seal pup found on the town beach was taken to the rescue centre by volunteers on Friday."]
    cell = ("<td><h1>Harbour to be dredged</h1><div>November 20, 2019</div><div class='body'>"
            + "".join(f"<p>{p}</p>" for p in story) + "</div><div>Top stories</div>"
            + "".join(f"<div class='teaser'><div>{t}</div></div>" for t in teasers) + "</td>")
    markup = f"<html><body><table><tr>{cell}</tr></table></body></html>"
    line = " ".join(["| Harbour to be dredged November 20, 2019", *story, "Top stories", *teasers, "|"])
    blocks = page_blocks(parse_page(markup))
    assert split_glued([line], blocks, is_prose) == story
    assert split_glued(["Short line"], blocks, is_prose) == ["Short line"]
    assert split_glued([" ".join(teasers)], blocks, is_prose) == [" ".join(teasers)]  # under 60 words
