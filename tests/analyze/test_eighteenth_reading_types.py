"""An adopted text is the adopters' agreement, whatever the text asks of others (eighteenth reading)."""

from __future__ import annotations


def _top(analyzer, text: str, date: str = "2025-06-12"):
    events = analyzer.code_sentence(text, date)
    assert events, text
    return events[0]


def test_adopting_a_declaration_is_the_adopters_agreement(analyzer):
    """The CAMEO verb table alone reads "adopt declaration" as a demand (its pattern needs "on
    sovereignty"); with no other act in the sentence that demand used to be the event."""
    for text in (
        "Andean leaders adopted a joint declaration in Lima on Monday.",
        "On Wednesday, Andean ministers adopted a declaration describing Bolivia's lithium plan as vital "
        "and committing $4 billion in aid over the next year.",
        "A joint declaration was adopted by the Andean leaders in Lima on Monday.",
        "The Bolivian Senate passed a resolution on the lithium fields on Tuesday.",
    ):
        top = _top(analyzer, text)
        assert (top.plover, top.cameo) == ("AGREE", "05"), (text, top.plover, top.cameo, top.trigger)
        assert top.trigger.split()[0] in ("adopted", "passed"), top.trigger


def test_what_the_adopted_text_asks_stays_an_event_of_its_own(analyzer):
    events = analyzer.code_sentence("Andean ministers adopted a resolution urging Chile to withdraw its troops.",
                                    "2025-06-12")
    kinds = {(e.plover, e.trigger) for e in events}
    assert ("AGREE", "adopted resolution") in kinds
    assert any(plover == "REQUEST" and trigger == "urging" for plover, trigger in kinds), kinds


def test_adopting_something_that_is_no_text_is_left_as_it_was(analyzer):
    """ "adopted a tougher stance", "approved the deal": no text of the list, coded as before."""
    deal = _top(analyzer, "Andean ministers approved the deal with Chile on Monday.")
    assert deal.trigger == "approved deal" and deal.plover == "AGREE"
    stance = analyzer.code_sentence("Bolivia adopted a tougher stance towards Chile on Monday.", "2025-06-12")
    assert not any(e.trigger.startswith("adopted") and e.plover == "AGREE" and e.cameo == "05" for e in stance)
