"""Story purity on a mixed crawl: pages of many sites on unrelated subjects must stay apart.

A store built from a crawl of many sites (``newsdesk ingest ... --db real.db``) is re-clustered
in store order from its stored analyses, as the ingest pipeline clusters it (``cluster_doc``),
so the extractor and analyser are not run again. Most pages of such a crawl belong to no story
of another page, so every joined pair is suspect; a joined pair whose two pages name no entity in
common and whose own term cosine is low is counted as unrelated.

The same pages are also dealt into the labelled headline stream (one page every few headlines,
dates dropped as the stream has none): the headline stories' pairwise precision and recall, and
how many pages end in a story that holds headlines, show whether strays spoil a real stream.
"""

from __future__ import annotations

import math
import sqlite3
from collections import Counter
from dataclasses import replace
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

from newsdesk.stories.cluster import ClusterDoc, ClusterParams, OnlineClusterer, doc_terms

UNRELATED_COSINE = 0.1  # a pair of pages below this term cosine, naming no common entity


def load_store(db: Path) -> tuple[list[ClusterDoc], dict[str, str]]:
    """The stored articles as the clusterer sees them, in store order, and each one's site."""
    from newsdesk.desk import Desk
    from newsdesk.pipeline import cluster_doc

    with sqlite3.connect(db) as con:
        rows = list(con.execute("SELECT id, url FROM articles ORDER BY seq"))
    with Desk(db, readonly=True) as desk:
        articles = {a.id: a for a in desk.store.articles([r[0] for r in rows])}
        docs = [cluster_doc(articles[i], desk.analysis(i)) for i, _ in rows if i in articles]
    site = {i: urlparse(url or "").netloc or i for i, url in rows}
    return docs, site


def _unit_vectors(docs: list[ClusterDoc], params: ClusterParams) -> dict[str, dict[int, float]]:
    """Each page's tf-idf unit vector with idf over all pages (a judge of pairs, not the clusterer)."""
    counts = {d.id: doc_terms(d, params) for d in docs}
    df: Counter[int] = Counter(t for c in counts.values() for t in c)
    n = len(docs)
    out = {}
    for doc_id, c in counts.items():
        vec = {t: (1 + math.log(v)) * math.log((1 + n) / (1 + df[t])) for t, v in c.items()}
        norm = math.sqrt(sum(w * w for w in vec.values())) or 1.0
        out[doc_id] = {t: w / norm for t, w in vec.items()}
    return out


def _cosine(a: dict[int, float], b: dict[int, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(w * b.get(t, 0.0) for t, w in a.items())


def purity(docs: list[ClusterDoc], site: dict[str, str], params: ClusterParams) -> dict[str, Any]:
    """Cluster the pages in order; size the largest stories and count the suspect pairs."""
    clusterer = OnlineClusterer(params)
    keys = [clusterer.add(d) for d in docs]
    story = {d.id: clusterer.resolve(k) for d, k in zip(docs, keys, strict=True)}
    members: dict[str, list[ClusterDoc]] = {}
    for d in docs:
        members.setdefault(story[d.id], []).append(d)
    vectors = _unit_vectors(docs, params)
    joined = cross_site = unrelated = 0
    for group in members.values():
        for i, a in enumerate(group):
            for b in group[i + 1 :]:
                joined += 1
                cross_site += site[a.id] != site[b.id]
                no_entity = not set(a.entities) & set(b.entities)
                unrelated += no_entity and _cosine(vectors[a.id], vectors[b.id]) < UNRELATED_COSINE
    sizes = sorted((len(g) for g in members.values()), reverse=True)
    return {
        "pages": len(docs),
        "stories": len(sizes),
        "multi": sum(s > 1 for s in sizes),
        "largest": sizes[:5],
        "joined": joined,
        "cross_site": cross_site,
        "unrelated": unrelated,
    }


def interleave(rows: list[dict[str, Any]], pages: list[ClusterDoc], params: ClusterParams) -> dict[str, Any]:
    """Deal the pages evenly into the labelled stream; score the stream's stories and the strays."""
    step = max(1, len(rows) // max(1, len(pages)))
    stream: list[ClusterDoc] = []
    gold: dict[str, str] = {}
    extra = iter(replace(p, id="page:" + p.id, date=None) for p in pages)
    for n, r in enumerate(rows):
        stream.append(ClusterDoc(id=str(r["id"]), text=r["text"], title=r.get("title")))
        gold[str(r["id"])] = str(r["story"])
        if n % step == step - 1:
            stream.extend(p for p in [next(extra, None)] if p is not None)
    stream.extend(extra)
    clusterer = OnlineClusterer(params)
    keys = [clusterer.add(d) for d in stream]
    story = {d.id: clusterer.resolve(k) for d, k in zip(stream, keys, strict=True)}
    with_headlines = {story[i] for i in gold}
    ids = list(gold)
    return {
        "pages": sum(1 for d in stream if d.id.startswith("page:")),
        "gold": [gold[i] for i in ids],
        "pred": [story[i] for i in ids],
        "pages_in_headline_stories": sum(
            1 for d in stream if d.id.startswith("page:") and story[d.id] in with_headlines
        ),
    }
