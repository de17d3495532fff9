"""Tunable knobs of the online story clusterer (:mod:`newsdesk.stories.cluster`).

Kept apart so the clusterer module holds the decisions; every knob is saved with the clusterer's
state, so a reloaded clusterer goes on deciding as it did.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ClusterParams:
    """Tunable knobs; defaults tuned on a headline stream (see benchmarks/stories.py)."""

    threshold: float = 0.1  # minimum score to join an existing story
    title_weight: float = 2.0  # title terms count this many times the body's
    body_chars: int = 1500  # only the lead of long bodies: it carries the story's vocabulary
    entity_weight: float = 0.15  # bonus for the share of the doc's entities the story has
    # The share is taken as if the document named this many more entities, none of them the
    # story's: one actor and its country code (two entities) shared with a story no longer earn the
    # full bonus. On a mixed crawl of 1,662 real pages the full bonus for a shared "United States"
    # carried 230 of 404 joins at a term cosine below the threshold, and heaps of 33-88 unrelated
    # pages formed. 5 was picked on that crawl (3-8 all help); the demo's stories (full articles
    # naming many actors) stay whole for any value up to 12. 0 gives the full share.
    entity_prior: float = 5.0
    # A page that is no news report (``ClusterDoc.news`` False: an undated listing or "other" page)
    # keeps a story of its own, which no other page joins; it joins a running story only at
    # ``page_threshold`` (0: never). ``news_gate=False`` clusters every page as news (the old way).
    news_gate: bool = True
    page_threshold: float = 0.0
    # A page naming states, none of which a story naming states has, does not join it
    # (``ClusterDoc.states``); False: places are not compared.
    place_gate: bool = True
    # A page and a story that never write each other's subject (:func:`~newsdesk.stories.text.
    # title_subject`) are about different things and do not join; False: subjects are not compared.
    subject_gate: bool = True
    dormant_days: int = 14  # a summit or a two-week conference stays one story
    dormant_docs: int = 400  # stream positions of silence when dates are absent
    centroid_terms: int = 300  # keep the strongest terms of a centroid
    merge_threshold: float = 0.15  # centroid cosine to merge two active stories; 0 disables
    # Full articles share more generic vocabulary than headlines, so their cosines run higher:
    # thresholds rise linearly from the headline values at ``short_terms`` to these at ``long_terms``
    # (tuned on the demo corpus of full articles).
    long_threshold: float = 0.22
    long_merge_threshold: float = 0.3
    short_terms: int = 15
    long_terms: int = 80
    candidate_terms: int = 12  # the document's strongest terms that pick candidate stories
    # Of the stories posted under those terms, only this many (the highest summed weight of the
    # document's terms they are posted under) are scored: the cost of a document stays the same once
    # posting lists have filled up, whatever the number of active stories.
    max_candidates: int = 12
    # Each term's posting list keeps only the stories that used it most recently (see index.py):
    # bounds the candidates per document however many stories are active; 0 keeps them all.
    posting_cap: int = 16
    # A story that just grew is checked for merging only against the stories its new document
    # scored best against after it: a converging pair shows up there, and the check stays cheap.
    # Two neighbours give the same dev-stream clustering as four (the runner-up is where a
    # converging story shows up) for half the centroid comparisons.
    merge_neighbours: int = 2
    # Second chance for a lone document: a story still of one or two documents ``orphan_wait``
    # stream positions after it began was no new story but a stray of an established one (follow-ups
    # would have joined it by then), so it joins the active story of at least ``orphan_min_size``
    # documents that it scores best against, if that score reaches ``orphan_threshold``. Stories of
    # up to ``orphan_max_size`` documents get this chance; 0 ``orphan_wait`` disables it.
    orphan_wait: int = 50
    orphan_threshold: float = 0.04
    orphan_min_size: int = 10
    orphan_max_size: int = 2
    n_features: int = 1 << 20
    bigrams: bool = False
    # Split a story whose members before and after some point are this unlike (centroid cosine of
    # the best time cut, :mod:`newsdesk.stories.split`); 0 disables. Checked every ``split_every``
    # joins once both sides can hold ``split_min_part`` members; ``member_cap`` recent members
    # (``member_terms`` strongest terms each) are remembered per active story.
    # Late documents (dated more than ``dormant_days`` before the stream's clock) are compared with
    # the retired stories that were active on their date: the last ``archive_cap`` dated stories are
    # kept with their ``archive_terms`` strongest terms (see archive.py); 0 disables.
    archive_cap: int = 2048
    archive_terms: int = 40
    split_threshold: float = 0.5
    split_min_part: int = 24
    split_every: int = 16
    member_cap: int = 1000
    member_terms: int = 40
