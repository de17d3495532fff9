"""A ninth line-by-line reading of the briefs: a first line whose act took place on the sidelines of
another event gives way to the line about that event, and the lines after that one from its article
come with it; a person named only by a description ("The former Chilean foreign minister, who …")
leans on the line that named them, and so does "Other irritants include …"; a superlative measured
"since" an old event ranks the story's news and does not make it background."""

from __future__ import annotations

from conftest import S, done_lines
from conftest import pool as _pool
from newsdesk.brief.anaphora import unresolved_reference
from newsdesk.brief.candidates import is_historical
from newsdesk.brief.sections import central_first

DONE = {"plover": "CONSULT"}
TITLE = "Lam meets Boric in Quito as Andean summit closes with new observer tier"
ASIDE = ("Peru's president and Bolivia's president held their first formal meeting in five years on Wednesday, "
         "sitting down on the sidelines of the Andean summit in Quito.")
CLOSED = ("Lam met Chilean President Gabriel Boric in Quito on Thursday as the Andean summit closed with a new "
          "observer status for five countries.")
TALKS = "Ministers from five Andean countries held a first meeting in Quito on Wednesday before the summit."


def test_a_first_line_told_on_the_sidelines_gives_way_to_the_event_it_is_beside():
    aside, closed = done_lines(ASIDE, CLOSED)
    # four of the title's nine words against seven: not twice as many, but the first line says it is a side event
    assert central_first([aside, closed], TITLE, [0, 1]) == [1, 0]
    # the same four words without "on the sidelines of": the first line keeps its place
    talks, closed = done_lines(TALKS, CLOSED)
    assert central_first([talks, closed], TITLE, [0, 1]) == [0, 1]
    # a later line sharing fewer than half the title's words does not lead
    aside, talks = done_lines(ASIDE, TALKS)
    assert central_first([aside, talks], TITLE, [0, 1]) == [0, 1]
    # the aside inside a comma-bounded relative clause is another act's: nothing moves
    told, closed = done_lines(
        "Peru's president, who met Bolivia's leader on the sidelines of a summit in 2019, chaired the Andean "
        "summit's first meeting in Quito on Wednesday.",
        CLOSED,
    )
    assert central_first([told, closed], TITLE, [0, 1]) == [0, 1]


def test_a_person_named_only_by_a_description_leans_on_the_line_that_named_them():
    assert unresolved_reference(
        "The former Chilean foreign minister, who has led the commission since 2019, will hand over on Oct. 1 to "
        "Ana Lopez, the former Peruvian trade minister."
    )
    assert unresolved_reference("On Tuesday, the outgoing Bolivian president was charged in La Paz with fraud in 2023.")
    assert unresolved_reference("The 71-year-old will chair the Andean talks in Lima on Monday, July 7.")
    # a name beside the description, or a description that says whose office, stands alone
    assert not unresolved_reference("The former Chilean foreign minister Ana Lopez will chair the talks on Oct. 1.")
    assert not unresolved_reference("The outgoing president, Luis Arce, said on Monday the deal was fair.")
    assert not unresolved_reference("The former president of Bolivia said on Monday the deal was fair.")
    assert not unresolved_reference("Ana Lopez, the former Chilean foreign minister, will chair the talks on Oct. 1.")
    assert not unresolved_reference("The new rules of the Andean commission take effect in March 2026.")


def test_a_superlative_since_an_old_event_ranks_the_news_and_is_no_background():
    text = ("The three-day summit produced the most detailed lithium package for Bolivia since the Andean pact of "
            "2019: a fund of $4 billion, a new office in Quito and a common export quota.")
    old = {"plover": "AGREE", "historical": True, "date": "2019-01-01", "date_end": "2019-12-31"}
    pool = _pool([("q1", "2025-06-08", [S(text, themes=("economy",), events=[old], dates=[("2019", "2019-01-01")])])],
                 "2025-06-08")
    assert not is_historical(pool.candidates[0], "2025-06-04")
    # without the superlative, the old pact dates the line: background
    plain = "The Andean pact of 2019 set up a fund of $4 billion for Bolivia and a common export quota."
    pool = _pool([("q1", "2025-06-08", [S(plain, themes=("economy",), events=[old], dates=[("2019", "2019-01-01")])])],
                 "2025-06-08")
    assert is_historical(pool.candidates[0], "2025-06-04")


FOLLOW = "Ecuador, a Pacific trade partner that applied to join last year, was among those invited."


def test_the_central_lines_follower_from_its_article_moves_with_it():
    def specs(*texts: str) -> list:
        return [S(t, themes=("diplomacy",), events=[DONE]) for t in texts]

    pool = _pool([("q1", "2025-06-07", specs(ASIDE)), ("q2", "2025-06-08", specs(CLOSED, FOLLOW))], "2025-06-08")
    assert central_first(pool.candidates, TITLE, [0, 1, 2]) == [1, 2, 0]
    # a line from another article stays where it was
    pool = _pool([("q1", "2025-06-07", specs(ASIDE)), ("q2", "2025-06-08", specs(CLOSED)),
                  ("q3", "2025-06-08", specs(FOLLOW))], "2025-06-08")
    assert central_first(pool.candidates, TITLE, [0, 1, 2]) == [1, 0, 2]


def test_other_of_a_kind_leans_on_the_line_that_named_the_first():
    assert unresolved_reference("Other irritants include Peruvian port fees on Chilean ships, which took effect in May.")
    assert not unresolved_reference("Other than port fees, Peru and Chile settled every dispute in Lima in May.")
    assert not unresolved_reference("Peruvian port fees on Chilean ships took effect in May, among other irritants.")
