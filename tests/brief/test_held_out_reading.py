"""A held-out reading of briefs built from real pages no rule had been written for (issue #4,
twenty-fourth pass): guides, reviews, recipes and explainers more than news. A line that opens on a
contrast or a likeness with the line before ("Rather, …", "By contrast, …"), on the answer to a question
the page asked ("Yes, …"), on one more of a kind ("Another reason …") or on a phrase about a thing the
line before named ("On the strength of that evidence, …") leans; a how-to step ("Cover the pot …", "Let
the dough rest …", "Be sure to …", "Remember, …") is no reported prose, nor is a heading glued to its
sentence without a space ("… approachThe shift of …"); a page's hook on how hard the reader's task is
("… can seem overwhelmingly complex") tells nothing; and a "will" that names no one, no
date and no figure ("When faced with stress, the individual will …") is no step to come."""

from __future__ import annotations

from conftest import S, leans_after, pool
from newsdesk.brief.candidates import commentary
from newsdesk.brief.prose import instruction, not_reported
from newsdesk.brief.sections import outlook, unanchored
from newsdesk.model import Actor

BOLIVIA = Actor("Bolivia", "BOL", "GOV")

INTRO = S("The Tarija Growers Cooperative opened a cold store for its grape harvest near Tarija in March.")


def _leans(*lines: S) -> list[bool]:
    return leans_after([INTRO], *lines)


def test_a_contrast_an_answer_one_more_of_a_kind_and_a_phrase_on_that_thing_lean():
    leaning = [
        S("Rather, the cooperative's figures show that the cold store mostly saved the late-ripening grapes."),
        S("By contrast, most of the older stores in the valley kept their fruit for under a week."),
        S("In contrast, the growers of Camargo still sell their harvest within two days of picking."),
        S("Yes, most small growers can rent a shelf in the store by the month."),
        S("Another reason for the thin margins could be that growers paid more for diesel this year."),
        S("On the strength of that report, the regional government offered loans for two more cold stores."),
        S("Under this scheme, each member pays a fee for every crate kept longer than ten days."),
    ]
    assert _leans(*leaning) == [True] * len(leaning)
    standing = [
        S("Rather than sell at harvest prices, growers kept a third of the crop in the store until May."),
        S("Because of the long drought that the valley suffered, the grapes ripened two weeks early."),
        S("Given that diesel prices rose, the cooperative bought two electric trucks for the valley."),
        S("For this year's fair, the cooperative hired 40 pickers from Camargo."),
        S("In the wake of a frost in April, the growers of Tarija lost a fifth of their crop."),
        S("No grower in the valley had kept grapes past June before the store opened, the cooperative said."),
        S("Another cooperative in Camargo plans to build a store of its own next year."),
    ]
    assert _leans(*standing) == [False] * len(standing)


def test_a_how_to_step_is_no_reported_prose():
    steps = [
        "Cover the crates with a damp cloth and keep them in the shade for an hour.",
        "Let the grapes cool for a day before the crates go into the store.",
        "Be sure to label every crate with the grower's name and the day of picking.",
        "Do this with each crate, and the store will keep the fruit fresh for weeks.",
        "Remember, the store only takes crates that were picked in the last two days.",
        "Remove the leaves and place the bunches in a single layer.",
        "Incorporate the cold store's fees into the price you quote to buyers.",
    ]
    assert [instruction(t, False) for t in steps] == [True] * len(steps)
    assert all(not_reported(t) for t in steps)
    reports = [
        "Cover crops were planted between the rows to keep the soil moist.",
        "Mix of grape varieties in the valley has narrowed since the store opened.",
        "Do Kwon was not among the investors the cooperative named on Tuesday.",
        "Let Bolivia Grow, a farmers' group, praised the store in a statement.",
        "Removal of the old sheds began in January, the cooperative said.",
    ]
    assert [instruction(t, False) for t in reports] == [False] * len(reports)
    # a speaker's own words are theirs to phrase as they like
    assert not instruction("Be patient with the new store, the cooperative's chair told growers.", True)


def test_a_heading_glued_to_its_sentence_without_a_space_is_furniture():
    assert not_reported("Cold storage for small growersThe cooperative's store keeps grapes fresh for a month.")
    assert not_reported("Reviews from growersThis store saved half of the late harvest in Camargo.")
    standing = [
        "The cooperative posts its prices on LinkedIn and YouTube every Monday.",
        "Growers in Tarija sell through WhatsApp groups, the cooperative said.",
    ]
    assert not any(not_reported(t) for t in standing)


def test_a_hook_on_how_hard_the_readers_task_is_tells_nothing():
    hooks = [
        "When faced with a long list of grape varieties, or a market stall piled with crates, the world of table grapes can seem overwhelmingly complex.",
        "Choosing a cold store for a small harvest can sometimes feel like solving a puzzle in the dark.",
        "Sometimes finding a buyer for late-ripening grapes can be challenging.",
        "With so many cooperatives in the valley, it can be daunting to pick one to join.",
    ]
    assert all(commentary(t) for t in hooks)
    reports = [
        "Keeping grapes for a month can be hard, but the Tarija store keeps 90 percent of them fresh.",
        "Growers said it can be difficult to find pickers in March, the cooperative's chair told the radio.",
        "The cooperative says selling grapes abroad can be hard because of the long road to the port.",
        "Storing grapes can keep them fresh for a month, the cooperative said.",
    ]
    assert not any(commentary(t) for t in reports)


def test_a_will_that_names_no_one_no_date_and_no_figure_is_no_step_to_come():
    day = "2025-06-11"
    plan = "The Tarija Growers Cooperative will open a second cold store in Camargo in October."
    general = "When faced with a hot week, the grapes will quickly lose their weight and their price."
    procedure = "On completion of the inspection, a report will be given to the grower with any faults found."
    growth = "Sales of stored grapes are expected to grow by 20 percent a year."
    named = "Bolivia's farm ministry is expected to pay half the cost of the next store."  # named by its mention
    lines = pool([("t1", day, [
        S(plan, events=[{"future": True, "date": "2025-10-01", "trigger": "open"}], dates=[("in October", "2025-10-01")]),
        S(general),
        S(procedure),
        S(growth),
        S(named, [("Bolivia", "GPE", BOLIVIA)]),
    ])], day)
    by_text = {c.text: c for c in lines.candidates}
    assert unanchored(by_text[general]) and unanchored(by_text[procedure])
    assert not any(unanchored(by_text[t]) for t in (plan, growth, named))
    assert [p.candidate.text for p in outlook(lines)] == [plan, growth, named]
