"""Two reports of one event name its place: a page naming only other states starts its own story.

On a mixed crawl, a Berlin stabbing joined a San Francisco stabbing on shared words ("stabbed to
death", term cosine 0.20) with no actor in common. Pages that name states, none of which a story
naming states has, no longer join it; a page that names no state is judged on words as before.
"""

from __future__ import annotations

from newsdesk.model import Actor, Analysis, Article, Mention
from newsdesk.pipeline import cluster_doc
from newsdesk.stories.cluster import ClusterDoc, OnlineClusterer

TRAIN = [
    "A man was stabbed to death on a commuter train on Tuesday night, police said. The attacker fled at"
    " the next station and officers searched the platform and nearby streets. Witnesses said the victim"
    " was stabbed several times after an argument in the carriage. Police asked riders for video.",
    "Police are searching for the man who stabbed a passenger to death on a commuter train. The victim"
    " died at the station after being stabbed several times during an argument. Officers said the attacker"
    " fled on foot and asked witnesses with video from the carriage to come forward.",
]
BERLIN = (
    "The son of a former president was stabbed to death during a lecture at a clinic on Tuesday night,"
    " police said. The attacker was held by witnesses at the scene and officers took him to the station."
    " Police said the victim was stabbed several times and did not say what led to the attack."
)


def _joins(states: tuple[str, ...], story_states: tuple[str, ...] = ("USA",)) -> bool:
    c = OnlineClusterer()
    for i, text in enumerate(TRAIN):
        c.add(ClusterDoc(f"t{i}", text, entities=story_states, states=story_states))
    return c.add(ClusterDoc("b", BERLIN, entities=states, states=states)) == c.story_of("t0")


def test_a_page_naming_only_other_states_starts_its_own_story() -> None:
    assert not _joins(("DEU",))
    assert _joins(())  # naming no state, it joins on words as before
    assert _joins(("DEU", "USA"))  # one shared state is enough
    assert _joins(("DEU",), story_states=())  # a story naming no state is no evidence either way


def test_the_states_seen_survive_a_saved_state() -> None:
    c = OnlineClusterer()
    for i, text in enumerate(TRAIN):
        c.add(ClusterDoc(f"t{i}", text, entities=("USA",), states=("USA",)))
    again = OnlineClusterer.from_state(c.to_state(include_assignments=True))
    assert again.add(ClusterDoc("b", BERLIN, entities=("DEU",), states=("DEU",))) != again.story_of("t0")


def test_the_pipeline_passes_the_states_a_page_names_as_places() -> None:
    article = Article(id="a", name="a", url=None, title="Stabbing", author=None, date="2019-11-20",
                      language="en", page_type="article", text=BERLIN)
    mentions = (
        Mention("a", 0, 0, 6, "Berlin", "GPE", Actor("Germany", "DEU", "GOV")),
        Mention("a", 0, 10, 20, "Brussels", "GPE", Actor("European Union", "EU", "IGO")),
        Mention("a", 0, 30, 40, "Ahmed Hassan", "PERSON", Actor("Ahmed Hassan", "EGY", "GOV")),
    )
    doc = cluster_doc(article, Analysis(article_id="a", sentences=(), mentions=mentions))
    assert doc.states == ("DEU",)  # not a body's code, nor a person's home
    assert "EGY" in doc.entities
