"""Story clustering quality on a labelled news stream: pairwise F1 and NMI for one pass in order.

Usage::

    python benchmarks/stories.py [--data PATH] [--set threshold=0.3 ...] [--grid threshold=0.2,0.3]
                                 [--cv 2] [--scale 10000,100000] [--write docs/benchmarks.md]

The default data is ``../shared/data/stories/mstream-newsT-dev.jsonl`` (lines ``{"id","position",
"text","story"}``, stream order, no dates). Pairwise scores count every pair of documents: a pair is
a true positive when both the gold and predicted clusterings put the two documents together.

``--cv K`` checks that the split decision generalises: stories are dealt into K folds, the split
threshold, join threshold and whether lone stories get their second chance (``orphan_wait``) are
chosen on the other folds' streams and scored on the held-out fold's stream. ``--scale N,...`` clusters synthetic dated streams (see :mod:`scale_stream`) in a
fresh process each, as the ingest pipeline runs it (``keep_assignments=False``), and reports
articles/s, CPU time per article, peak memory and the clusterer's index sizes.

``--store DB`` re-clusters a store built from a mixed crawl (pages of many sites on unrelated
subjects, see :mod:`mixed_crawl`): the largest stories, the joined pairs and those of them whose
pages share no entity and little vocabulary; then the same pages dealt into the labelled stream,
with the stream's pairwise scores and how many pages joined a headline story.
"""

from __future__ import annotations

import argparse
import datetime as _dt
import itertools
import json
import sys
import time
import zlib
from collections import Counter
from pathlib import Path
from typing import Any

from sklearn.metrics import normalized_mutual_info_score

from mixed_crawl import interleave, load_store, purity
from newsdesk.stories.cluster import ClusterDoc, ClusterParams, OnlineClusterer, cluster_stream
from scale_stream import run_scales

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DATA = ROOT.parent / "shared" / "data" / "stories" / "mstream-newsT-dev.jsonl"


def _pairs(n: int) -> int:
    return n * (n - 1) // 2


def pairwise_prf(gold: list[str], pred: list[str]) -> tuple[float, float, float]:
    """Pair-counting precision, recall and F1 from the contingency table (no O(n²) loop)."""
    tp = sum(_pairs(c) for c in Counter(zip(gold, pred, strict=True)).values())
    pred_pairs = sum(_pairs(c) for c in Counter(pred).values())
    gold_pairs = sum(_pairs(c) for c in Counter(gold).values())
    p = tp / pred_pairs if pred_pairs else 0.0
    r = tp / gold_pairs if gold_pairs else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def load(path: Path) -> list[dict[str, Any]]:
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return sorted(rows, key=lambda r: r.get("position", 0))


def evaluate(rows: list[dict[str, Any]], params: ClusterParams) -> dict[str, float]:
    """One pass in stream order; returns the scores and throughput."""
    docs = [
        ClusterDoc(id=str(r["id"]), text=r["text"], title=r.get("title"), date=r.get("date")) for r in rows
    ]
    start = time.perf_counter()
    pred_map = dict(cluster_stream(docs, OnlineClusterer(params)))
    elapsed = time.perf_counter() - start
    gold = [str(r["story"]) for r in rows]
    pred = [pred_map[d.id] for d in docs]
    p, r, f1 = pairwise_prf(gold, pred)
    return {
        "precision": p,
        "recall": r,
        "f1": f1,
        "nmi": normalized_mutual_info_score(gold, pred),
        "clusters": len(set(pred)),
        "gold_clusters": len(set(gold)),
        "docs_per_s": len(docs) / elapsed if elapsed else float("inf"),
    }


def _parse_value(text: str) -> Any:
    for conv in (int, float):
        try:
            return conv(text)
        except ValueError:
            pass
    return {"true": True, "false": False}.get(text.lower(), text)


def _params(settings: list[str]) -> dict[str, Any]:
    out = {}
    for item in settings:
        key, _, value = item.partition("=")
        out[key] = _parse_value(value)
    return out


def _table(results: list[tuple[dict[str, Any], dict[str, float]]]) -> str:
    head = "| settings | pairwise P | pairwise R | pairwise F1 | NMI | clusters (gold) | docs/s |"
    lines = [head, "|---|---|---|---|---|---|---|"]
    for setting, m in results:
        label = ", ".join(f"{k}={v}" for k, v in setting.items()) or "defaults"
        lines.append(
            f"| {label} | {m['precision']:.3f} | {m['recall']:.3f} | {m['f1']:.3f} | {m['nmi']:.3f} "
            f"| {m['clusters']} ({m['gold_clusters']}) | {m['docs_per_s']:.0f} |"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--set", dest="settings", action="append", default=[], help="param=value override")
    ap.add_argument("--grid", action="append", default=[], help="param=v1,v2,... (cartesian product)")
    ap.add_argument("--cv", type=int, default=0, help="K-fold (by story) check of the chosen thresholds")
    ap.add_argument("--scale", help="comma-separated synthetic stream sizes, e.g. 10000,100000")
    ap.add_argument("--store", type=Path, help="a store of a mixed crawl to re-cluster (purity measure)")
    ap.add_argument("--write", type=Path, help="append a dated section with the table to this markdown file")
    args = ap.parse_args(argv)
    if args.scale:
        table = run_scales([int(n) for n in args.scale.split(",")])
        print(table)
        _append(args.write, "Story clustering at scale (synthetic dated streams)", "synthetic", table, argv)
        return 0
    if not args.data.exists():
        print(f"data not found: {args.data}", file=sys.stderr)
        return 2
    rows = load(args.data)
    fixed = _params(args.settings)
    axes = [
        (k, [_parse_value(v) for v in vs.split(",")]) for k, _, vs in (g.partition("=") for g in args.grid)
    ]
    results = []
    for combo in itertools.product(*[vals for _, vals in axes]) if axes else [()]:
        setting = {**fixed, **{k: v for (k, _), v in zip(axes, combo, strict=True)}}
        params = ClusterParams(**{**ClusterParams().__dict__, **setting})
        results.append((setting, evaluate(rows, params)))
    table = _table(results)
    if args.store:
        table += "\n\n" + mixed_table(args.store, rows, [s for s, _ in results])
    if args.cv:
        table += "\n\n" + cross_validate(rows, args.cv, fixed)
    print(f"{args.data.name}: {len(rows)} docs, one pass in stream order")
    print(table)
    _append(args.write, "Story clustering", f"`{args.data.name}` ({len(rows)} docs)", table, argv)
    return 0


def _append(path: Path | None, title: str, data: str, table: str, argv: list[str] | None) -> None:
    if path is None:
        return
    cmd = "python benchmarks/stories.py " + " ".join(argv if argv is not None else sys.argv[1:])
    section = (
        f"\n## {title} — {_dt.date.today().isoformat()}\n\n"
        f"Data: {data}. Machine: shared 2-core dev VM (indicative timings). Command: `{cmd.strip()}`\n\n"
        f"{table}\n"
    )
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("a", encoding="utf-8") as fh:
        fh.write(section)


def mixed_table(db: Path, rows: list[dict[str, Any]], settings: list[dict[str, Any]]) -> str:
    """Purity of the stories on a mixed crawl, alone and dealt into the labelled stream."""
    docs, site = load_store(db)
    lines = [
        f"Mixed crawl `{db.name}` ({len(docs)} pages, {len(set(site.values()))} sites), store order:",
        "",
        "| settings | stories (multi) | largest five | joined pairs | across sites | unrelated |"
        " stream P / R / F1 with pages | pages in headline stories |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for setting in settings:
        params = ClusterParams(**{**ClusterParams().__dict__, **setting})
        m = purity(docs, site, params)
        mix = interleave(rows, docs, params)
        p, r, f1 = pairwise_prf(mix["gold"], mix["pred"])
        label = ", ".join(f"{k}={v}" for k, v in setting.items()) or "defaults"
        lines.append(
            f"| {label} | {m['stories']} ({m['multi']}) | {', '.join(map(str, m['largest']))} | {m['joined']} "
            f"| {m['cross_site']} | {m['unrelated']} | {p:.3f} / {r:.3f} / {f1:.3f} "
            f"| {mix['pages_in_headline_stories']} of {mix['pages']} |"
        )
    return "\n".join(lines)


CV_GRID = {
    "split_threshold": [0.0, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6],
    "threshold": [0.08, 0.1, 0.12],
    "orphan_wait": [0, 50],
}


def cross_validate(rows: list[dict[str, Any]], folds: int, fixed: dict[str, Any]) -> str:
    """Choose thresholds on K-1 folds of stories, score on the held-out fold (stream order kept)."""
    fold_of = {g: zlib.crc32(g.encode()) % folds for g in {str(r["story"]) for r in rows}}
    lines = [
        f"{folds}-fold cross-validation by story (thresholds chosen on the other folds):",
        "",
        "| held-out fold | docs | chosen | train F1 | held-out F1 | held-out NMI | defaults F1 (NMI) |",
        "|---|---|---|---|---|---|---|",
    ]
    base = {**ClusterParams().__dict__, **fixed}
    combos = [dict(zip(CV_GRID, vals, strict=True)) for vals in itertools.product(*CV_GRID.values())]
    for f in range(folds):
        train = [r for r in rows if fold_of[str(r["story"])] != f]
        test = [r for r in rows if fold_of[str(r["story"])] == f]
        scored = [(evaluate(train, ClusterParams(**{**base, **c}))["f1"], c) for c in combos]
        best_f1, best = max(scored, key=lambda x: x[0])
        held = evaluate(test, ClusterParams(**{**base, **best}))
        default = evaluate(test, ClusterParams(**base))
        label = ", ".join(f"{k}={v}" for k, v in best.items())
        lines.append(
            f"| {f} | {len(test)} | {label} | {best_f1:.3f} | {held['f1']:.3f} | {held['nmi']:.3f} "
            f"| {default['f1']:.3f} ({default['nmi']:.3f}) |"
        )
    return "\n".join(lines)


if __name__ == "__main__":
    raise SystemExit(main())
