"""Weak dictionary names need evidence in their document before they name an actor.

On a crawl of real pages, Key players held "Black Friday" (a Turkish armed group in the derived
dictionary) from shopping pages, the Irish Republican Army from "IRA" retirement accounts, the
Gulf Cooperation Council from the "GCC" compiler and El Rukn from "the foundation". An acronym or a
derived armed group's name keeps its actor only where the page names the actor in full or its home
state; an international body's acronym may also stand among states. The sentences are our own.
"""

from __future__ import annotations

import pytest

from newsdesk.analyze import Analyzer
from newsdesk.analyze.actors import ActorDictionary, acronym, capitalised
from support import mention_actors


def _actors(analyzer: Analyzer, text: str) -> dict[str, str | None]:
    return mention_actors(analyzer, text, "2024-03-01")


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Move your old 401(k) into a Roth IRA before you retire, and the savings grow tax free.", "IRA"),
        ("Build the kernel with GCC and pass the optimisation flags to the linker.", "GCC"),
        ("The tablet ships with 256 MB of memory and a fast charger.", "MB"),
        ("Black Friday deals on headphones and laptops start on Thursday night.", "Black Friday"),
        ("Youth sports leagues reopened their fields after the storm.", "Youth"),
        ("WHO IS OUR TEAM? Designers and writers who love wall art.", "WHO"),
    ],
)
def test_a_weak_name_without_evidence_names_no_actor(analyzer: Analyzer, text: str, name: str) -> None:
    found = _actors(analyzer, text)
    assert name in found and found[name] is None, found


@pytest.mark.parametrize(
    ("text", "name", "actor"),
    [
        ("The IRA announced a ceasefire, and crowds in Belfast cheered.", "IRA", "Irish Republican Army"),
        ("The Irish Republican Army gave up its arms. Later the IRA said it had disbanded.", "IRA",
         "Irish Republican Army"),
        ("Leaders of the GCC met in Riyadh to discuss Iran.", "GCC", "Gulf Cooperation Council"),
        ("Black Friday claimed the bombing of a police post in Istanbul.", "Black Friday", "Black Friday"),
        ("The MB won most seats in the Egyptian parliament.", "MB", "Muslim Brotherhood"),
        ("UN peacekeepers left Bosnia on Monday.", "UN", "United Nations"),
        ("The EU AI Act applies in Germany and France from next year.", "EU", "European Union"),
    ],
)
def test_a_weak_name_with_evidence_keeps_its_actor(analyzer: Analyzer, text: str, name: str, actor: str) -> None:
    assert _actors(analyzer, text).get(name) == actor


def test_a_derived_group_name_in_lower_case_is_a_phrase(actors: ActorDictionary) -> None:
    assert actors.resolve("The Foundation", "ORG", None) is not None  # El Rukn, written as a name
    assert actors.resolve("the foundation", "ORG", None) is None
    assert actors.resolve("immediate action", "ORG", None) is None
    assert actors.resolve("Immediate Action", "ORG", None) is not None


def test_which_names_are_weak(actors: ActorDictionary) -> None:
    assert actors.needs_evidence("IRA") == "acronym" and actors.needs_evidence("GCC") == "acronym"
    assert actors.needs_evidence("Black Friday") == "derived"
    assert actors.needs_evidence("Irish Republican Army") is None  # the full name stands
    assert actors.needs_evidence("USA") is None and actors.needs_evidence("UK") is None  # states
    assert actors.needs_evidence("BYD") is None  # a company's acronym is its brand
    assert acronym("GCC") and not acronym("U.N.") and not acronym("Nato")
    assert capitalised("May 15") and capitalised("Bosnia and Herzegovina") and not capitalised("The foundation")


def _weak_and_hits(analyzer: Analyzer, text: str, name: str) -> tuple[str | None, str | None, list[str]]:
    """(actor, weak actor) of the mention ``name`` in ``text`` parsed as one sentence, and the span
    tagger's dictionary hit for each of its words."""
    from newsdesk.analyze.mentions import token_index
    from newsdesk.analyze.spantag import sentence_toks

    doc = analyzer.nlp(text)
    whole = doc[:]
    mentions = analyzer.finder.mentions(doc, [whole], "", None)
    mention = next(m for m in mentions if m.text == name)
    toks = sentence_toks(whole, token_index(doc, mentions), analyzer.actors.agents)
    hits = [t.dict_hit for t in toks if t.text in name.split()]
    return (mention.actor.name if mention.actor else None, mention.weak.name if mention.weak else None, hits)


def test_an_unbacked_weak_name_is_still_a_dictionary_name_to_the_span_tagger(analyzer: Analyzer) -> None:
    # A lone sentence backs nothing up: the IRA resolves to no actor, but the tagger, trained on the
    # span file's lone sentences, still reads a dictionary name there.
    actor, weak, hits = _weak_and_hits(analyzer, "The IRA claimed the bombing of a police post.", "IRA")
    assert actor is None and weak == "Irish Republican Army"
    assert hits == ["M:ORG:REB"]


def test_a_backed_weak_name_has_its_actor_and_no_weak_one(analyzer: Analyzer) -> None:
    actor, weak, hits = _weak_and_hits(analyzer, "The IRA announced a ceasefire, and crowds in Belfast cheered.", "IRA")
    assert actor == "Irish Republican Army" and weak is None
    assert hits == ["M:ORG:REB"]


def test_a_shouted_acronym_is_no_name_at_all(analyzer: Analyzer) -> None:
    actor, weak, hits = _weak_and_hits(analyzer, "WHO IS OUR TEAM? Designers and writers who love wall art.", "WHO")
    assert actor is None and weak is None and hits == [""]


def test_a_one_letter_article_is_no_shouting(analyzer: Analyzer) -> None:
    # "A" opens a sentence in capitals; it does not make "A UN envoy" a heading written in capitals.
    assert _actors(analyzer, "A UN envoy met the generals in Myanmar on Friday.").get("UN") == "United Nations"
    assert _actors(analyzer, "WHO IS OUR TEAM? Designers and writers who love wall art.").get("WHO") is None
