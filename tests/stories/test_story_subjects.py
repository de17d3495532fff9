"""A page and a story that never write each other's subject are about different things.

On a mixed crawl a report of a map of Saturn's moon Titan joined three reports of water plumes on
Jupiter's moon Europa on shared space words, with no actor in common but the United States: moons
are in no dictionary. The subject is the title's name that the body capitalises most inside its
sentences; a page whose subject the story never writes, and which never writes the story's main
subject, now starts its own story.
"""

from __future__ import annotations

from newsdesk.stories.cluster import ClusterDoc, OnlineClusterer
from newsdesk.stories.text import title_subject

PLUMES = [
    ("Probe Finds Steam Rising From the Ice of Moon Varra",
     "Astronomers said on Monday that a probe saw steam rising from cracks in the ice of the moon Varra."
     " The plumes of water vapour suggest an ocean under the frozen crust of Varra, the scientists said."
     " The space agency said the ocean could hold the chemistry that life needs, and a mission to Varra"
     " would search the plumes for organic material. The moon circles a giant gas planet."),
    ("Steam Plumes Spotted Above Frozen Moon Varra",
     "A team of astronomers found plumes of water vapour above the ice of the moon Varra, the space agency"
     " said on Monday. The steam points to an ocean under the frozen crust, they said, and the ocean may"
     " hold the chemistry that life needs. A mission to Varra would fly through the plumes and search them"
     " for organic material, the scientists said."),
]
OTHER_MOON = (
    "Scientists Publish First Map of Moon Oduma",
    "Astronomers on Monday published the first map of the moon Oduma, showing an ice crust over an ocean"
    " and lakes of organic material, the space agency said. Life could use the chemistry of the ocean"
    " under the frozen crust of Oduma, the scientists said, and a mission to Oduma would search its lakes."
    " The moon circles a giant gas planet.",
)
SAME_MOON = (
    "A Second Look at the Plumes",
    "Astronomers said a second probe also saw plumes of water vapour rising from the ice of the moon Varra"
    " on Monday. The steam suggests an ocean under the frozen crust, and a mission would search the plumes"
    " for organic material, the space agency said.",
)


def _joins(page: tuple[str, str], **params: object) -> bool:
    c = OnlineClusterer(**params)
    for i, (title, text) in enumerate(PLUMES):
        c.add(ClusterDoc(f"p{i}", text, title=title))
    return c.add(ClusterDoc("x", page[1], title=page[0])) == c.story_of("p0")


def test_the_subject_is_the_title_name_the_body_capitalises_inside_sentences() -> None:
    assert title_subject(*PLUMES[0]) == "varra"
    assert title_subject(*OTHER_MOON) == "oduma"
    # Title case alone makes no name, nor does an acronym (often the teller, not the subject).
    assert title_subject("NASA Finds Steam Over Oduma", "NASA said the moon Oduma has steam. NASA said so.") == "oduma"
    assert title_subject("Steam Rising", "Steam rising from the moon was seen.") is None
    assert title_subject(None, "the moon Varra") is None


def test_a_page_about_another_subject_starts_its_own_story() -> None:
    assert _joins(OTHER_MOON, subject_gate=False)  # on words alone it joins
    assert not _joins(OTHER_MOON)


def test_a_page_writing_the_story_subject_still_joins() -> None:
    assert _joins(SAME_MOON)  # no name of its own in the title: judged on words
    renamed = ("Varra Plumes Seen Again From Oduma Orbit", SAME_MOON[1] + " A probe near Oduma saw it too.")
    assert title_subject(*renamed) == "varra"
    assert _joins(renamed)


def test_the_subjects_survive_a_saved_state() -> None:
    c = OnlineClusterer()
    for i, (title, text) in enumerate(PLUMES):
        c.add(ClusterDoc(f"p{i}", text, title=title))
    again = OnlineClusterer.from_state(c.to_state(include_assignments=True))
    assert again.add(ClusterDoc("x", OTHER_MOON[1], title=OTHER_MOON[0])) != again.story_of("p0")
