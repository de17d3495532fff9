"""Near-duplicate detection quality: precision and recall of the Deduper on syndicated copies.

Usage::

    python benchmarks/dedup.py [--data DIR] [--limit 400] [--seed 13] [--write docs/benchmarks.md]

Originals are the article pages of the WCXB dev ground truth (``main_content`` of pages whose
``_internal.page_type.primary`` is ``article``). Each original gets syndicated copies with the edits
wire copies really get — a new headline line, a trimmed last paragraph or an added one, different
boilerplate lines, an editor's note, light word substitutions — which must be linked to it. Hard
negatives must stay apart: *topic twins*, new texts built from another article's most frequent
words spliced into a different article's sentences, so two texts share much topic vocabulary but
not their sentences. Everything is deterministic for a seed.
"""

from __future__ import annotations

import argparse
import datetime as _dt
import json
import random
import re
import sys
from collections import Counter
from pathlib import Path

from newsdesk.dedup import Deduper
from newsdesk.model import Article

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DATA = ROOT.parent / "shared" / "data" / "extraction" / "wcxb-dev" / "ground-truth"
BOILER = [
    "Sign up for our newsletter to get the latest stories.",
    "Follow us on social media for more updates.",
    "This article was originally published by a partner outlet.",
    "Copyright reserved. All rights reserved.",
    "Read more: related coverage on our website.",
]
SWAPS = {"said": "stated", "big": "large", "also": "additionally", "but": "however", "new": "fresh"}


def load_articles(data: Path, limit: int, min_words: int = 150) -> list[str]:
    texts = []
    for path in sorted(data.glob("*.json")):
        d = json.loads(path.read_text(encoding="utf-8"))
        internal = d.get("_internal") or {}
        if isinstance(internal, str):
            continue  # not the expected structure
        if (internal.get("page_type") or {}).get("primary") != "article":
            continue
        text = ((d.get("ground_truth") or {}).get("main_content") or "").strip()
        if len(text.split()) >= min_words:
            texts.append(text)
        if len(texts) >= limit:
            break
    return texts


def _paras(text: str) -> list[str]:
    return [p for p in re.split(r"\n\s*\n|\n", text) if p.strip()]


def syndicate(text: str, rng: random.Random) -> str:
    """A wire copy: new headline, trimmed/added paragraph, other boilerplate, note, a few swaps."""
    paras = _paras(text)
    if len(paras) > 3 and rng.random() < 0.6:
        paras = paras[:-1]
    if rng.random() < 0.4:
        paras.append("Additional reporting contributed by our regional desk, which followed the story.")
    paras.insert(0, f"UPDATED HEADLINE {rng.randint(1, 999)}: latest on this story")
    if rng.random() < 0.5:
        paras.insert(1, "Editor's note: this story has been updated with new information.")
    paras += rng.sample(BOILER, 2)
    words = "\n\n".join(paras).split(" ")
    for i, w in enumerate(words):
        if w in SWAPS and rng.random() < 0.3:
            words[i] = SWAPS[w]
    return " ".join(words)


def topic_twin(text: str, other: str, rng: random.Random) -> str:
    """A different article on the same topic: ``other``'s sentences carrying ``text``'s key words."""
    key = [w for w, _ in Counter(w for w in re.findall(r"[A-Za-z]{5,}", text)).most_common(30)]
    out = []
    for sent in re.split(r"(?<=[.!?])\s+", other):
        words = sent.split(" ")
        for i in range(len(words)):
            if len(words[i]) >= 5 and rng.random() < 0.3:
                words[i] = rng.choice(key)
        out.append(" ".join(words))
    return " ".join(out)


def _article(i: str, text: str) -> Article:
    return Article(
        id=i,
        name=i,
        url=None,
        title=None,
        author=None,
        date=None,
        language="en",
        page_type="article",
        text=text,
    )


def evaluate(texts: list[str], seed: int) -> dict[str, float]:
    rng = random.Random(seed)
    stream: list[tuple[str, str, str | None]] = []  # (id, text, id of the original it copies)
    for i, text in enumerate(texts):
        stream.append((f"o{i}", text, None))
    for i, text in enumerate(texts):
        for c in range(2):
            stream.append((f"o{i}c{c}", syndicate(text, rng), f"o{i}"))
        other = texts[(i + 1) % len(texts)]
        stream.append((f"t{i}", topic_twin(text, other, rng), None))
    dedup = Deduper()
    tp = fp = fn = 0
    for aid, text, truth in stream:
        link = dedup.check_and_add(_article(aid, text))
        found = link.canonical_id if link else None
        if truth and found == truth:
            tp += 1
        else:
            fp += found is not None
            fn += truth is not None
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    return {
        "originals": len(texts),
        "copies": tp + fn,
        "twins": len(texts),
        "precision": p,
        "recall": r,
        "tp": tp,
        "fp": fp,
        "fn": fn,
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--limit", type=int, default=400)
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--write", type=Path)
    args = ap.parse_args(argv)
    if not args.data.exists():
        print(f"data not found: {args.data}", file=sys.stderr)
        return 2
    m = evaluate(load_articles(args.data, args.limit), args.seed)
    table = (
        "| originals | copies | topic twins | precision | recall | TP | FP | FN |\n|---|---|---|---|---|---|---|---|\n"
        f"| {m['originals']} | {m['copies']} | {m['twins']} | {m['precision']:.3f} | {m['recall']:.3f} "
        f"| {m['tp']} | {m['fp']} | {m['fn']} |"
    )
    print(table)
    if args.write:
        cmd = "python benchmarks/dedup.py " + " ".join(argv if argv is not None else sys.argv[1:])
        with args.write.open("a", encoding="utf-8") as fh:
            fh.write(
                f"\n## Near-duplicate detection — {_dt.date.today().isoformat()}\n\n"
                f"Data: WCXB dev article pages. Command: `{cmd.strip()}`\n\n{table}\n"
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
