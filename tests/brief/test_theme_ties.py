"""A sentence whose keywords tie between themes is filed under the theme its article supports, not
under the lexicon's first theme; a sentence with a clear strongest theme keeps it."""

from __future__ import annotations

from collections import Counter

from newsdesk.analyze.themes import in_context, sentence_themes, theme_hits

# An envoy's remark on a tariff that mentions fuel in passing: one diplomacy, one trade, one energy word.
TIED = "the envoy 's remark come as lima weigh a tariff on chilean copper and fuel"


def _article(*sentences: str) -> list[Counter[str]]:
    return [theme_hits(s.split()) for s in sentences]


def test_a_tie_goes_to_the_theme_of_the_article_then_of_the_neighbours():
    assert sentence_themes(TIED.split(" "))[0] == "energy"  # the lexicon's first theme wins a tie on its own
    talks = _article(
        "the two minister hold talks in lima on the border",
        "the ambassador say the dialogue will resume after the summit",
        TIED,
        "the foreign minister end the visit with a joint statement on relations",
    )
    assert in_context(talks)[2][0] == "diplomacy"
    refinery = _article(
        "the refinery in callao will process more crude oil from next year",
        TIED,
        "fuel price rise as the pipeline to the coast close for repairs",
    )
    assert in_context(refinery)[1][0] == "energy"
    # the article is split between diplomacy and trade: the sentences either side decide
    split = _article(
        "the envoy arrive in lima",
        TIED,
        "the ambassador meet the press",
        "the copper tariff rise",
        "a tariff on steel follow",
    )
    assert in_context(split)[1][0] == "diplomacy"


def test_context_reorders_ties_only_and_never_changes_a_sentences_themes():
    article = _article(
        "the two minister hold talks in lima on the border",
        "the minister and the ambassador discuss the copper tariff",  # diplomacy 2, trade 1: no tie
        TIED,
        "exports of copper and trade in fuel",
    )
    ordered = in_context(article)
    assert ordered[1] == sentence_themes(["minister", "ambassador", "discuss", "copper", "tariff"])
    assert all(set(o) == set(h) for o, h in zip(ordered, article, strict=True))
    assert ordered[0] == ("diplomacy",) and in_context([]) == ()
