"""Story clustering quality on a labelled news stream: pairwise F1 and NMI for one pass in order.

Usage::

    python benchmarks/stories.py [--data PATH] [--set threshold=0.3 ...] [--grid threshold=0.2,0.3]
                                 [--write docs/benchmarks.md]

The default data is ``../shared/data/stories/mstream-newsT-dev.jsonl`` (lines ``{"id","position",
"text","story"}``, stream order, no dates). Pairwise scores count every pair of documents: a pair is
a true positive when both the gold and predicted clusterings put the two documents together.
"""

from __future__ import annotations

import argparse
import datetime as _dt
import itertools
import json
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

from sklearn.metrics import normalized_mutual_info_score

from newsdesk.stories.cluster import ClusterDoc, ClusterParams, OnlineClusterer, cluster_stream

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
    ap.add_argument("--write", type=Path, help="append a dated section with the table to this markdown file")
    args = ap.parse_args(argv)
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
    print(f"{args.data.name}: {len(rows)} docs, one pass in stream order")
    print(table)
    if args.write:
        cmd = "python benchmarks/stories.py " + " ".join(argv if argv is not None else sys.argv[1:])
        section = (
            f"\n## Story clustering — {_dt.date.today().isoformat()}\n\n"
            f"Data: `{args.data.name}` ({len(rows)} docs). Command: `{cmd.strip()}`\n\n{table}\n"
        )
        args.write.parent.mkdir(parents=True, exist_ok=True)
        with args.write.open("a", encoding="utf-8") as fh:
            fh.write(section)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
