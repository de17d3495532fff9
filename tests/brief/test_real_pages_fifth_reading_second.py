"""A fifth reading of briefs built from real web pages, second round (issue #4, twenty-second pass):
the Summary says once what several outlets lead with in their own words, keeps the line that names
people in full, and keeps apart lines that share names or words but tell other acts; a name given
only as an example ("such as …") is no key player."""

from __future__ import annotations

from conftest import S, make, pool
from newsdesk.brief.candidates import build_candidates, same_report
from newsdesk.brief.players import key_players
from newsdesk.brief.sections import _retold, summary
from newsdesk.model import Actor

DAY = "2025-06-10"


def _summary(*articles: list[S]) -> list[str]:
    built = pool([(f"t{k}", DAY, specs) for k, specs in enumerate(articles)], DAY)
    return [pick.candidate.text for pick in summary(built, DAY, 5)]


def _pair(first: str, second: str) -> bool:
    built = pool([("p1", DAY, [S(first), S(second)])], DAY)
    a, b = built.candidates
    return same_report(a, b)


AGENCY = S("Astronomers at the Andean Space Agency have confirmed frozen methane on the surface of Saturn's moon Titan.")
RETOLD = S(
    "Andean Space Agency astronomers, using a telescope high in the Atacama desert of northern Chile over "
    "seventeen nights, confirmed the presence of frozen methane across the surface of Titan."
)
IMAGES = S("Chile's observatory at Cerro Pachon released the first images of the Titan methane fields on Tuesday.")
#: Lines that use the story's words everywhere, as a real story does, so that the two leads are not
#: close by TF-IDF and add enough words of their own: only the retelling test can tell them apart.
COMMON = [
    S("Titan is the only moon known to hold a thick atmosphere, and methane clouds cover much of its surface."),
    S("Frozen methane and ethane cover the surface of Titan in its long winters, Andean Space Agency staff said."),
    S("The Andean Space Agency was set up by five countries to share the cost of large telescopes."),
]


def test_the_summary_says_once_what_two_outlets_lead_with_in_their_own_words():
    lines = _summary([AGENCY], [RETOLD], [IMAGES], COMMON)
    assert AGENCY.text in lines
    assert RETOLD.text not in lines  # printed as well before: TF-IDF 0.29, 57% new words
    assert IMAGES.text in lines


def test_a_line_that_names_people_in_full_is_not_dropped_for_one_that_names_them_by_surname():
    bare = S("On Tuesday prosecutors said Vela and Quispe had skipped the mine checks at Potosi for eight hours.")
    full = S(
        "Prosecutors said the mine inspectors Rosa Vela and Ana Quispe skipped the safety checks at Potosi "
        "for eight hours on Monday night."
    )
    named, surnamed = pool([("p1", DAY, [full, bare])], DAY).candidates
    assert same_report(named, surnamed)
    assert not _retold(named, surnamed)  # the Summary keeps the line that introduces them
    assert _retold(surnamed, named)


def test_lines_that_share_words_but_not_the_subject_or_the_figures_are_two_reports():
    assert _pair(AGENCY.text, RETOLD.text)
    # two hosts of two meetings
    assert not _pair(
        "Ecuador, which took over the Andean chair at the end of the summit, will host the next leaders' meeting in Quito.",
        "Peru hosts the Pacific trade summit in Lima next year, and both leaders meet at the Andean summit too.",
    )
    # two studies
    assert not _pair(
        "Another study in 38 miners found that regular rest breaks cut the rate of injuries at Potosi.",
        "Another study in 84 miners found that rest breaks with safety training cut the rate of injuries more.",
    )
    # one pair of parties, two acts
    assert not _pair(
        "Bolivia said on Monday it would cut its lithium export quota to Peru after the talks in La Paz.",
        "Peru said it would suspend for a year its copper export quota to Bolivia after the talks in La Paz.",
    )


VELA = Actor("Rosa Vela", "PER", "GOV", role="Trade Minister of Peru")
MOTORS = Actor("Andes Motors", "BOL", "BUS")
QUISPE = Actor("Ana Quispe", "BOL", "GOV", role="Mining Minister of Bolivia")


def _players(*lines: S) -> list[str]:
    article, analysis = make("k1", DAY, "Wire", list(lines))
    return [p.name for p in key_players(build_candidates([article], [analysis]), lambda c: 1, set())]


def test_a_name_given_only_as_an_example_is_no_key_player():
    example = S(
        "Lithium buyers such as Trade Minister Rosa Vela and Andes Motors want Bolivia to keep its quota.",
        [("Rosa Vela", "PERSON", VELA), ("Andes Motors", "ORG", MOTORS)],
    )
    party = S("Mining Minister Ana Quispe cut the lithium quota at Potosi on Tuesday.", [("Ana Quispe", "PERSON", QUISPE)])
    assert _players(party, example) == ["Ana Quispe"]
    # named as a party once, she is one; an example after a full stop is not one any longer
    acting = S("Rosa Vela signed the lithium pact in Lima on Monday.", [("Rosa Vela", "PERSON", VELA)])
    assert set(_players(party, example, acting)) == {"Ana Quispe", "Rosa Vela"}
    later = S(
        "Such as it is, the pact binds Andes Motors for a year.",
        [("Andes Motors", "ORG", MOTORS)],
    )
    assert "Andes Motors" in _players(party, later)

