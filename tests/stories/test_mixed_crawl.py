"""A mixed crawl: a page that shares only its country with a running story stays out of it.

On a crawl of many sites, most pages name one actor and its country ("United States", "USA").
With the full entity bonus such a page shared all it names with any story about that country,
and joined it at a term cosine well below the join threshold; heaps of unrelated pages formed.
"""

from __future__ import annotations

from newsdesk.stories.cluster import ClusterDoc, ClusterParams, OnlineClusterer
from newsdesk.stories.state import entity_share
from support import benchmark_module

US = ("United States", "USA")
FIRE = [
    "Wildfire crews battled flames across dry hillsides near the county line on Tuesday as evacuation"
    " orders spread to three more towns. Firefighters said shifting winds pushed the blaze toward ranches"
    " and orchards, and helicopters dropped water on ridges above the valley. Officials opened shelters at"
    " school gyms for residents who fled with pets and livestock, while power lines were shut off to prevent"
    " new sparks. The state forestry agency said containment stood at ten percent.",
    "Evacuation orders widened as the wildfire jumped a highway and burned into orchards and ranches near"
    " the valley. Firefighters from neighbouring counties joined crews on the ridges, and helicopters and"
    " tanker planes dropped retardant ahead of the flames. Shelters in school gyms filled with residents,"
    " pets and livestock. Forestry officials said dry winds would keep pushing the blaze, with containment"
    " still near ten percent and power shut off across the hills.",
    "The wildfire near the county line grew overnight, forcing more evacuation orders for towns in the"
    " valley. Crews cut firebreaks on the ridges while tanker planes and helicopters attacked the flames."
    " Ranchers moved livestock to fairgrounds and families slept in school shelters. Forestry officials"
    " reported containment at fifteen percent and warned that dry gusty winds would test the lines again,"
    " with power still shut off for thousands of homes in the hills.",
]
BAKERY = (
    "A family bakery opened its second shop downtown this week, selling sourdough loaves, rye bread and"
    " cinnamon pastries baked before dawn. The owners said customers lined up on the first morning and"
    " officials from the chamber of commerce cut a ribbon. The bakery hired twelve workers from the county"
    " and plans weekend classes on kneading dough, shaping baguettes and decorating cakes for children and"
    " residents."
)


def _bakery_joins(**overrides: float) -> bool:
    c = OnlineClusterer(**overrides)
    for i, text in enumerate(FIRE):
        c.add(ClusterDoc(f"f{i}", text, entities=US))
    return c.add(ClusterDoc("b", BAKERY, entities=US)) == c.story_of("f0")


def test_a_page_sharing_only_its_country_does_not_join_a_running_story() -> None:
    assert not _bakery_joins()
    assert _bakery_joins(entity_prior=0.0)  # the full bonus for "United States" let it in


def test_the_share_of_many_named_actors_keeps_most_of_its_weight() -> None:
    many = ("Vladimir Putin", "RUS", "Xi Jinping", "CHN", "Kremlin", "Gazprom", "China", "Russia")
    weight, prior = ClusterParams().entity_weight, ClusterParams().entity_prior
    assert entity_share(many, set(many), weight, prior) > 0.55 * weight
    assert entity_share(US, set(US), weight, prior) < 0.4 * weight


def test_purity_counts_the_pairs_of_a_heap() -> None:
    mixed = benchmark_module("mixed_crawl")
    pages = [ClusterDoc(f"f{i}", t, entities=US) for i, t in enumerate(FIRE)]
    pages.append(ClusterDoc("b", BAKERY, entities=US))
    site = {"f0": "a.example", "f1": "b.example", "f2": "c.example", "b": "d.example"}
    m = mixed.purity(pages, site, ClusterParams(entity_prior=0.0))
    assert m["largest"] == [4] and m["joined"] == 6 and m["cross_site"] == 6
    assert m["unrelated"] == 0  # each bakery pair names the same country
    m = mixed.purity(pages, site, ClusterParams())
    assert m["largest"] == [3, 1] and m["joined"] == 3
