"""A fourth reading of briefs built from real web pages, second round (issue #4, twenty-first pass):
what a product will be able to do is a spec, not a step to come; a line that opens on a time before
the report and tells a done act looked forward from then, not from now; a maker's spec and a
witness's testimony are no reactions; and a car, a pair, an envoy or an "it" named only by its kind
leans on the line before."""

from __future__ import annotations

from conftest import PERU, S, andean_reactions, pool
from newsdesk.brief.anaphora import unresolved_reference
from newsdesk.brief.sections import outlook, past_opening


def test_a_spec_and_a_done_act_seen_from_then_are_not_what_comes_next():
    plan = "The Vela hatchback will go on sale in Lima in March, and it will be able to go 500 kilometres on a charge."
    spec = "The 2027 Vela will be able to go 500 kilometres on one charge before its petrol engine starts."
    standard = "Like the older saloon, the new Vela coupe will have four-wheel drive as standard in Peru."
    then = "A year ago, the ministry announced that six miners could bid for quotas, with the first digs as early as next year."
    month = "In March, the ministry awarded quotas to Andes Cobre and Puna Litio, but Puna Litio gave its quota back in April."
    reported = "In March, officials said the smelter would open next year."
    day = "2025-06-11"
    lines = pool([("q1", day, [
        S(plan, events=[{"future": True, "trigger": "go"}]),
        S(spec, events=[{"future": True, "trigger": "go"}]),
        S(standard, events=[{"future": True, "trigger": "have"}]),
        S(then),
        S(month),
        S(reported),
    ])], day)
    ahead = [p.candidate.text for p in outlook(lines)]
    assert plan in ahead and reported in ahead
    assert not {spec, standard, then, month} & set(ahead)


def test_a_past_opening_needs_a_done_act_that_is_not_a_saying():
    assert past_opening("The next year, the rebels released two videos of the hostages.")
    assert not past_opening("The next year, the rebels will hold talks in Doha.")
    assert not past_opening("In March, officials said the smelter would open next year.")
    assert not past_opening("Next year the rebels are due to hold talks in Doha.")


def test_a_car_a_pair_an_envoy_or_an_it_named_only_by_its_kind_leans_on_the_line_before():
    assert unresolved_reference("To cut drag, the car has flush handles in place of the usual door handles.")
    assert unresolved_reference("The maker has fitted it with a heat pump and a larger battery pack.")
    assert unresolved_reference("Both men said at the time that they were being fed and treated well.")
    assert unresolved_reference("Closer to home, the ministry added four firms to the list of bidders for quotas.")
    assert unresolved_reference("The envoy is likely to face hard questions from lawmakers about the call.")
    assert not unresolved_reference("To cut drag, the Andes Motors Vela has flush handles on its doors.")
    assert not unresolved_reference("Both leaders said the talks in Lima had gone well for Peru and Chile.")
    assert not unresolved_reference("The envoy to Peru, Ana Ruiz, said the talks would resume in June.")


def test_a_makers_spec_and_a_witness_testimony_are_no_reactions():
    def reacted(text: str) -> list[tuple[str, str]]:
        return andean_reactions(S(text, [("Lima", "GPE", PERU)], ("diplomacy",)))

    reply = "Lima told reporters that the quota was a mistake and would hurt its own lithium exporters."
    assert reacted(reply) == [("Peru", reply)]
    assert reacted("Lima told investigators that it saw the quota signed in a Quito hotel on Tuesday.") == []
    assert reacted("Lima says its new smelter will be able to go 300 days a year without a stop.") == []
