"""Actor and event coding quality and speed on the shared dev sets.

Usage::

    python benchmarks/events.py [--only plover,petrarch,penta,generalise,transfer,coder5,spans,speed,demo]
                                [--write docs/benchmarks.md]

Sets (under ``../shared/data/events``):

- PLOVER GSR (322 sentences): event-type accuracy of the first (most salient) event against the
  gold type, and actor / recipient country F1 (micro, per sentence sets). Because the event-type
  model saw these sentences in training, the honest figure is the cross-validated one
  (``--only plover`` reports resubstitution, the two halves of a fixed split, and 5-fold CV
  with near-duplicate sentences grouped into one fold).
- PETRARCH-2 GSR validation (78 sentences, 66 with events): CAMEO root accuracy with correct
  source and target countries (top event against any gold event; "any" = any of ours).
- ConfliBERT CAMEO class file (1,349): 5-way macro-F1, 5-fold CV of the penta-class model.
- Generalisation (the 5-way development figures): the ConfliBERT file with whole topic clusters
  held out, and cross-source — train on ConfliBERT, test on PLOVER GSR mapped to the 5 classes by
  type (REQUEST rows by their PLOVER 0.5 type, DEMAND: CAMEO 10), and the reverse.
- Transfer: penta model trained on the ConfliBERT file only, tested on PETRARCH-2 mapped by root
  (Phoenix's table, the file's own: root 16 is class 3, :func:`eventdata.penta`).
- Coder 5-way: the rule coder's top event mapped to the 5 classes, on the ConfliBERT class file
  (which no rule was written from) and on PETRARCH-2.
- ConfliBERT span file (1,153): source/target/reciprocal span tagger, exact-match F1, 5-fold CV.
- Speed: sentences/s and sentences per CPU second, one process, :meth:`Analyzer.code_many` over
  the PLOVER and PETRARCH-2 sentences, the fastest of three passes (a pass is ~1.5 s, too short for
  one wall-clock reading on a shared machine).
- Demo: articles/s and key-player resolution with and without spaCy NER.
"""

from __future__ import annotations

import argparse
import datetime as _dt
import json
import platform
import sys
import time
import zlib
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
EVENTS = ROOT.parent / "shared" / "data" / "events"
sys.path.insert(0, str(ROOT / "scripts"))

from newsdesk.analyze import Analyzer  # noqa: E402
from newsdesk.analyze.eventdata import (  # noqa: E402
    gold_code,
    load_conflibert_class,
    load_petrarch,
    load_plover,
    load_plover_penta,
    penta,
    petrarch_date,
)
from newsdesk.model import Actor, Article, Event  # noqa: E402

KEY_PLAYERS = [
    "Vladimir Putin",
    "Xi Jinping",
    "Li Qiang",
    "Kim Jong Un",
    "Narendra Modi",
    "Donald Trump",
    "Kaja Kallas",
    "Gazprom",
    "Shanghai Cooperation Organisation",
    "BRICS",
    "NATO",
    "European Union",
]


def half(ident: str) -> str:
    """A fixed split of PLOVER GSR: "A" (tuning half) or "B" (report half), by a hash of the id."""
    return "A" if zlib.crc32(ident.encode()) % 2 == 0 else "B"


def country_of(actor: Actor) -> str:
    """Compare as the gold does: IGOs and NGOs by sector, states by ISO code."""
    if actor.sector in ("IGO", "NGO") or not actor.country or len(actor.country) != 3:
        return actor.sector if actor.sector in ("IGO", "NGO") else "IGO"
    return actor.country


def prf(pairs: list[tuple[set[str], set[str]]]) -> float:
    tp = sum(len(p & g) for p, g in pairs)
    n_pred = sum(len(p) for p, _ in pairs)
    n_gold = sum(len(g) for _, g in pairs)
    prec = tp / n_pred if n_pred else 0.0
    rec = tp / n_gold if n_gold else 0.0
    return 2 * prec * rec / (prec + rec) if prec + rec else 0.0


# ------------------------------------------------------------------------------------- PLOVER


def score_plover(rows: list[dict[str, Any]], events: list[list[Event]]) -> dict[str, float]:
    correct, actors, recips = 0, [], []
    for row, evs in zip(rows, events, strict=True):
        top = evs[0] if evs else None
        correct += bool(top and top.plover == row["event"])
        gold_a = {gold_code(a) for a in row["actor"] if isinstance(a, dict) and a.get("code")}
        gold_r = {gold_code(a) for a in row["recipient"] if isinstance(a, dict) and a.get("code")}
        actors.append(({country_of(a) for a in top.actors} if top else set(), gold_a))
        recips.append(({country_of(a) for a in top.recipients} if top else set(), gold_r))
    return {
        "n": len(rows),
        "accuracy": correct / len(rows),
        "actor_f1": prf(actors),
        "recipient_f1": prf(recips),
    }


def run_plover(analyzer: Analyzer) -> dict[str, Any]:
    rows = load_plover(EVENTS)
    events = list(analyzer.code_many((r["text"], None) for r in rows))
    out: dict[str, Any] = {"all (resubstitution)": score_plover(rows, events)}
    for name in ("A", "B"):
        idx = [i for i, r in enumerate(rows) if half(r["id"]) == name]
        out[f"half {name}"] = score_plover([rows[i] for i in idx], [events[i] for i in idx])
    out["5-fold CV"] = _plover_cv(rows)
    return out


def _plover_cv(rows: list[dict[str, Any]]) -> dict[str, float]:
    """Retrain the event-type model without each fold's sentences and code that fold (folds
    grouped: a sentence the GSR repeats under another label stays in one fold). The 5-way model is
    trained on the GSR too, so each fold is coded with the 5-way model trained without it, and the
    type model's training rows read the 5-way verdict of the model that did not see their fold."""
    from train_events import cross_fitted_penta, fit_type_model, training_rows

    from newsdesk.analyze.classify import EventModels

    train_all = training_rows(EVENTS)
    fold_of, pentas = cross_fitted_penta(train_all, load_conflibert_class(EVENTS), load_plover_penta(EVENTS))
    by_text = {t.text: pentas[f] for t, f in zip(train_all, fold_of, strict=True)}
    folds = dict(zip((t.ident for t in train_all), fold_of, strict=True))
    preds: list[list[Event]] = [[] for _ in rows]
    shipped = EventModels.load()  # the lexicon and span tagger are not trained on PLOVER
    for fold in range(5):
        test_ids = {r["id"] for r in rows if folds[r["id"]] == fold}
        model = fit_type_model([t for t in train_all if t.ident not in test_ids], penta=by_text)
        analyzer = Analyzer(
            models=EventModels(type_model=model, lexicon=shipped.lexicon, spans=shipped.spans, penta=pentas[fold])
        )
        idx = [i for i, r in enumerate(rows) if r["id"] in test_ids]
        for i, evs in zip(idx, analyzer.code_many((rows[i]["text"], None) for i in idx), strict=True):
            preds[i] = evs
    return score_plover(rows, preds)


# ----------------------------------------------------------------------------------- PETRARCH


def run_petrarch(analyzer: Analyzer) -> dict[str, Any]:
    rows = load_petrarch(EVENTS)
    events = list(analyzer.code_many((r["text"], petrarch_date(r["date"])) for r in rows))
    top_ok = any_ok = root_ok = quiet = n_ev = n_none = 0
    for row, evs in zip(rows, events, strict=True):
        gold = [e for e in row["events"] if "eventcode" in e]
        if not gold:
            n_none += 1
            quiet += not evs
            continue
        n_ev += 1
        golds = {(e["eventcode"][:2], e["sourcecode"][:3], e["targetcode"][:3]) for e in gold}
        ours = [_triples(e) for e in evs]
        top_ok += bool(ours and ours[0] & golds)
        any_ok += any(o & golds for o in ours)
        root_ok += bool(evs and evs[0].cameo in {g[0] for g in golds})
    return {
        "sentences with events": n_ev,
        "root+source+target (top event)": top_ok / n_ev,
        "root+source+target (any event)": any_ok / n_ev,
        "root only (top event)": root_ok / n_ev,
        "no-event sentences left empty": f"{quiet}/{n_none}",
    }


def _triples(event: Event) -> set[tuple[str, str, str]]:
    """(root, source, target) readings of one event. A joint act of two or more parties with no
    recipient ("The US, Russia and Switzerland met") is each party's act towards each other one:
    PETRARCH codes a reciprocal event as every directed pair, the coder (like PLOVER) lists the
    parties as actors, so each directed pair between them is also a reading."""
    srcs = {country_of(a) for a in event.actors} or {"---"}
    tgts = {country_of(a) for a in event.recipients} or {"---"}
    out = {(event.cameo, s, t) for s in srcs for t in tgts}
    if not event.recipients and len(srcs) >= 2:
        out |= {(event.cameo, s, t) for s in srcs for t in srcs if s != t}
    return out


# ------------------------------------------------------------------------------ penta, transfer


def run_penta() -> dict[str, Any]:
    from train_events import penta_cv

    texts, labels = load_conflibert_class(EVENTS)
    return penta_cv(texts, labels, second=load_plover_penta(EVENTS))


def run_generalise() -> dict[str, Any]:
    """The development figures for the 5-way model's reach beyond its training file (the topic-clustered
    CV is the mean over ``train_events.TOPIC_SEEDS`` clusterings: one clustering's figure is as noisy as
    most changes are large)."""
    from train_events import penta_cross_source, penta_plover_folds, penta_topic_cv

    conflibert, plover = load_conflibert_class(EVENTS), load_plover_penta(EVENTS)
    return {"ConfliBERT, topic-clustered 5-fold CV": penta_topic_cv(*conflibert, second=plover),
            **penta_cross_source(conflibert, plover),
            "ConfliBERT + PLOVER GSR's other folds → PLOVER GSR fold": penta_plover_folds(conflibert, plover)}


def run_transfer() -> dict[str, Any]:
    from train_events import penta_transfer

    texts, labels = load_conflibert_class(EVENTS)
    return penta_transfer(texts, labels, load_petrarch(EVENTS), second=load_plover_penta(EVENTS))


def run_coder5(analyzer: Analyzer) -> dict[str, Any]:
    """The coder's own 5-way reading (top event's CAMEO root → class) on sets its rules were not
    written from: the ConfliBERT class file (rules and lexicon only: the shipped type model's 5-way
    feature was trained on that file) and, with the shipped models, PETRARCH-2."""
    from sklearn.metrics import f1_score

    from newsdesk.analyze.classify import EventModels

    shipped = EventModels.load()
    rules = Analyzer(models=EventModels(lexicon=shipped.lexicon, spans=shipped.spans))
    texts, labels = load_conflibert_class(EVENTS)
    pet = [(r["text"], penta(e["eventcode"][:2])) for r in load_petrarch(EVENTS)
           for e in r["events"][:1] if "eventcode" in e]
    out: dict[str, Any] = {}
    for name, coder, rows in (("ConfliBERT class file, rules + lexicon", rules, list(zip(texts, labels, strict=True))),
                              ("PETRARCH-2, shipped models", analyzer, pet)):
        events = list(coder.code_many((t, None) for t, _ in rows))
        pred = [penta(evs[0].cameo) if evs else 0 for evs in events]
        out[f"{name} (macro-F1)"] = float(f1_score([y for _, y in rows], pred, average="macro"))
    return out


def run_spans() -> dict[str, Any]:
    """Source/target span tagger on the ConfliBERT span file: exact-match F1, 5-fold CV by position
    (the same folds for every model), and the tagger's CPU per sentence, old and new in one process.

    Where torch is installed (it trains the network; newsdesk does not depend on it) one CV run gives
    the perceptron alone and the perceptron with the network mixed in, each tagged as the coder tags
    (rules and choosers after the decode; ``train_spans_nn.shipped_cv``). Without torch the network
    cannot be retrained per fold, so only the perceptron's CV is given, under its own name: it is the
    shipped model's figure only where no network file is shipped. ``model`` says which one the coder
    uses now."""
    from train_events import span_cv, span_rows

    from newsdesk.analyze.spantag import NN_MODEL, SpanTagger
    from newsdesk.paths import data_file

    rows = span_rows(EVENTS)
    out: dict[str, Any] = {"sentences": len(rows)}
    shipped = (data_file("models") / NN_MODEL).exists()
    out["model"] = "perceptron + network (mixed)" if shipped else "perceptron"
    try:
        from train_spans_nn import SEEDS, shipped_cv
    except ImportError:  # no torch: the perceptron's CV only
        key = "span F1, perceptron alone (5-fold CV, exact match; no torch to retrain the network)" if shipped \
            else "span F1 (5-fold CV, exact match)"
        out[key] = span_cv(rows)
    else:
        figures = shipped_cv(rows, seeds=[int(seed) for seed in SEEDS.split(",")])
        out["span F1 (5-fold CV, exact match)"] = figures["mixed" if shipped else "perceptron"]
        out["by model (5-fold CV, exact match)"] = figures
    old, new = SpanTagger.load(neural=False), SpanTagger.load()
    if old is not None and new is not None:
        out["tagger CPU µs per sentence (features + emissions + Viterbi, min of 3, same process)"] = {
            "perceptron": _tag_cost(old, rows), "shipped": _tag_cost(new, rows)}
    return out


def _tag_cost(tagger: Any, rows: list[tuple[list[Any], list[str]]]) -> float:
    """CPU (not wall) time per sentence, the best of three passes over ``rows``."""
    best = float("inf")
    for _ in range(3):
        start = time.process_time()
        for toks, _ in rows:
            tagger.tag(toks)
        best = min(best, time.process_time() - start)
    return round(best / len(rows) * 1e6, 1)


# ------------------------------------------------------------------------------- speed, demo


#: Passes over the speed sentences; the fastest counts (a busy machine only ever slows a pass).
SPEED_PASSES = 3


def run_speed() -> dict[str, Any]:
    texts = [r["text"] for r in load_plover(EVENTS)] + [r["text"] for r in load_petrarch(EVENTS)]
    out: dict[str, Any] = {}
    for ner in (True, False):
        analyzer = Analyzer(ner=ner)
        list(analyzer.code_many((t, None) for t in texts[:20]))  # load models
        walls, cpus = [], []
        for _ in range(SPEED_PASSES):  # one pass is ~1.5 s: the best of a few is what the coder can do
            wall, cpu = time.perf_counter(), time.process_time()
            list(analyzer.code_many((t, None) for t in texts))
            walls.append(time.perf_counter() - wall)
            cpus.append(time.process_time() - cpu)
        out[f"sentences/s (ner={ner})"] = len(texts) / min(walls)
        out[f"sentences per CPU second (ner={ner})"] = len(texts) / min(cpus)
    return out


def run_demo() -> dict[str, Any]:
    articles = _load_demo()
    out: dict[str, Any] = {"articles": len(articles)}
    for ner in (True, False):
        analyzer = Analyzer(ner=ner)
        list(analyzer.analyze_many(articles[:2]))
        start = time.perf_counter()
        analyses = list(analyzer.analyze_many(articles))
        rate = len(articles) / (time.perf_counter() - start)
        mentions = [m for a in analyses for m in a.mentions]
        names = {m.actor.name for m in mentions if m.actor}
        found = [k for k in KEY_PLAYERS if k in names]
        out[f"ner={ner}"] = {
            "articles/s": rate,
            "mentions": len(mentions),
            "resolved": sum(m.actor is not None for m in mentions),
            "events": sum(len(a.events) for a in analyses),
            "key players found": f"{len(found)}/{len(KEY_PLAYERS)}",
            "missing": [k for k in KEY_PLAYERS if k not in names],
        }
    return out


def _load_demo() -> list[Article]:
    """The demo corpus through the extract stage (cached JSONL from ``newsdesk extract``).

    The cache is named by a digest of the demo files and the extraction code, so a changed corpus or
    extractor is re-extracted instead of silently counting the old articles.
    """
    import hashlib
    import subprocess

    digest = hashlib.sha256()
    for root in (ROOT / "data" / "demo", ROOT / "src" / "newsdesk" / "extract"):
        for path in sorted(p for p in root.rglob("*") if p.is_file() and p.suffix != ".pyc"):
            digest.update(path.relative_to(ROOT).as_posix().encode())
            digest.update(path.read_bytes())
    cache = Path(f"/tmp/newsdesk-demo-articles-{digest.hexdigest()[:16]}.jsonl")
    if not cache.exists():
        subprocess.run(
            [
                str(Path(sys.executable).with_name("newsdesk")),
                "extract",
                "--input-dir",
                str(ROOT / "data" / "demo"),
                "-o",
                str(cache),
            ],
            check=True,
        )
    out = []
    for line in cache.read_text(encoding="utf-8").splitlines():
        d = json.loads(line)
        out.append(
            Article(
                id=d["id"],
                name=d["id"],
                url=d.get("url"),
                title=d.get("title"),
                author=None,
                date=d.get("date"),
                language="en",
                page_type="article",
                text=d.get("text") or "",
            )
        )
    return out


# ---------------------------------------------------------------------------------------- main

RUNS = {
    "plover": lambda a: run_plover(a),
    "petrarch": lambda a: run_petrarch(a),
    "penta": lambda a: run_penta(),
    "generalise": lambda a: run_generalise(),
    "transfer": lambda a: run_transfer(),
    "coder5": lambda a: run_coder5(a),
    "spans": lambda a: run_spans(),
    "speed": lambda a: run_speed(),
    "demo": lambda a: run_demo(),
}


#: The summary table: (row, goal, run, path of keys into that run's results).
SUMMARY = [
    ("PLOVER GSR event type accuracy (5-fold CV)", "0.85", "plover", ("5-fold CV", "accuracy")),
    ("PLOVER GSR actor country F1 (5-fold CV)", "0.90", "plover", ("5-fold CV", "actor_f1")),
    ("PLOVER GSR recipient country F1 (5-fold CV)", "0.90", "plover", ("5-fold CV", "recipient_f1")),
    (
        "PETRARCH-2 root + source + target (top event)",
        "0.80",
        "petrarch",
        ("root+source+target (top event)",),
    ),
    ("PETRARCH-2 root only (top event)", "", "petrarch", ("root only (top event)",)),
    ("ConfliBERT 5-way macro-F1 (5-fold CV)", "0.92", "penta", ("ours (macro-F1)",)),
    ("ConfliBERT 5-way macro-F1 (5-fold CV), shipped model (PLOVER GSR added to training)", "", "penta",
     ("shipped, PLOVER GSR added to training (macro-F1)",)),
    ("ConfliBERT 5-way macro-F1, topic clusters held out (mean of 3 k-means clusterings)", "", "generalise",
     ("ConfliBERT, topic-clustered 5-fold CV", "ours (macro-F1)")),
    ("  the same, shipped model (PLOVER GSR added to training)", "", "generalise",
     ("ConfliBERT, topic-clustered 5-fold CV", "shipped, PLOVER GSR added to training (macro-F1)")),
    ("5-way macro-F1, ConfliBERT → PLOVER GSR by type (cross-source)", "", "generalise",
     ("ConfliBERT → PLOVER GSR", "ours (macro-F1)")),
    ("5-way macro-F1, PLOVER GSR → ConfliBERT classes 1–4 (cross-source)", "", "generalise",
     ("PLOVER GSR → ConfliBERT", "ours (macro-F1)")),
    ("5-way macro-F1, PLOVER GSR folds held out, shipped model (ConfliBERT + the other folds)", "", "generalise",
     ("ConfliBERT + PLOVER GSR's other folds → PLOVER GSR fold", "shipped (macro-F1)")),
    ("ConfliBERT → PETRARCH-2 5-way macro-F1 (transfer)", "", "transfer", ("ours (macro-F1)",)),
    ("  the same, shipped model (ConfliBERT + PLOVER GSR → PETRARCH-2)", "", "transfer",
     ("shipped, PLOVER GSR added to training (macro-F1)",)),
    (
        "Coder's 5-way (top event's root) on ConfliBERT, rules only (never fitted to it)",
        "",
        "coder5",
        ("ConfliBERT class file, rules + lexicon (macro-F1)",),
    ),
    (
        "ConfliBERT source/target span F1, micro (5-fold CV)",
        "0.80",
        "spans",
        ("span F1 (5-fold CV, exact match)", "all"),
    ),
    (
        "  source (S) / target (T) / reciprocal (R)",
        "",
        "spans",
        ("span F1 (5-fold CV, exact match)", "S/T/R"),
    ),
    ("Sentences/s, one process, ner=False (default)", "100", "speed", ("sentences/s (ner=False)",)),
    ("Sentences/s, one process, ner=True", "", "speed", ("sentences/s (ner=True)",)),
    ("Sentences per CPU second, one process, ner=False", "", "speed", ("sentences per CPU second (ner=False)",)),
]


NOTES = [
    "How the choices were made: the 5-way configuration was picked on seed-0 folds and is reported on "
    "seed-1 folds; the span tagger's feature set was picked in a few rounds on the same 5-fold CV it is "
    "reported with (mildly optimistic); the role fallbacks (place, tagged target, tagged source) and "
    "their order were picked on PLOVER half A. The span tagger and the 5-way model never see PLOVER "
    "or PETRARCH sentences; nothing is trained on PETRARCH.",
    "The modality rules (refusal, reported obligation, appeal, conditional threat), the protest-target, "
    "coordinated-modifier and ethnic-group rules, and the role rules of the third pass (clause-scoped place "
    "fallback, demand addressee, reported accusations, host state, joint acts, domestic protests, "
    "patron/foe modifiers) were written from an error analysis of all of PLOVER GSR "
    "and PETRARCH-2 (general syntax rules, no sentence-specific entries), so the rule-driven part of those "
    "two figures is a development figure; the learned type model is still cross-validated, with "
    "near-duplicate sentences grouped into one fold. Historical people and IGOs/NGOs come from the Phoenix "
    "dictionaries (data/actors/derive_*.py), not from the dev sets.",
    "The fourth pass's lexicon and trigger rules (codebook types: signing and apologies SUPPORT, property "
    "destruction and bans COERCE, eased blockades and received inspectors RETREAT, halted talks and cut aid "
    "SANCTION, lodged protests ACCUSE, violated ceasefires ASSAULT; civilians blocking or wrecking PROTEST; "
    "\"re-\" verbs, compound objects, words inside names, promises with a trailing attribution) were written "
    "from an error analysis of the cross-validated PLOVER GSR predictions, with the CAMEO codebook and "
    "CAMEO2PLOVER deciding each type, so their PLOVER effect is a development figure; PETRARCH-2, the "
    "ConfliBERT CV and the transfer figure were only checked (one rule, protesters wrecking property, came "
    "from a PETRARCH-2 error).",
    "The sixth pass's type rules (the PLOVER manual's curfew, summons, investigation, joint-exercise, "
    "readiness and relief distinctions; means verbs giving way to the act they serve; troops arriving; "
    "allow/permit; conditions, adjectival participles and background candidates) were written from the "
    "cross-validated PLOVER GSR errors, so their PLOVER effect is a development figure; PETRARCH-2, the "
    "coder's 5-way reading of the ConfliBERT file and the transfer figure were only checked.",
    "5-way choices are made on the generalisation figures (ConfliBERT with whole topic clusters held out; "
    "ConfliBERT ↔ PLOVER GSR mapped by type, REQUEST by its 0.5 type DEMAND), never on the 66 "
    "PETRARCH-2 transfer sentences, the only stand-in for unseen news: they are the final check. PLOVER → "
    "ConfliBERT is the cleaner direction, since the rule features were written from PLOVER errors.",
]


def summary(results: dict[str, Any]) -> list[str]:
    lines = ["| measure | ours | goal |", "|---|---|---|"]
    for label, goal, run, keys in SUMMARY:
        value: Any = results.get(run)
        for key in keys:
            if key == "S/T/R" and isinstance(value, dict):
                value = " / ".join(f"{value.get(k, 0.0):.3f}" for k in ("S", "T", "R"))
            else:
                value = value.get(key) if isinstance(value, dict) else None
        if value is not None:
            lines.append(
                f"| {label} | {value:.3f} | {goal} |"
                if isinstance(value, float)
                else f"| {label} | {value} | {goal} |"
            )
    return lines


def render(results: dict[str, Any], command: str) -> str:
    lines = [
        f"## Actors and events — {_dt.date.today().isoformat()}",
        "",
        f"Machine: {platform.machine()}, {platform.system()}, Python {platform.python_version()}, one process "
        "(2-core box shared with other jobs: timings indicative).",
        f"Command: `{command}`",
        "",
        *summary(results),
        "",
        *(line for note in NOTES for line in (note, "")),
    ]
    for name, res in results.items():
        lines.append(f"### {name}")
        lines.append("")
        lines.extend(_render_dict(res))
        lines.append("")
    return "\n".join(lines)


def _render_dict(res: dict[str, Any], indent: str = "") -> list[str]:
    out = []
    for key, value in res.items():
        if isinstance(value, dict):
            out.append(f"{indent}- {key}:")
            out.extend(_render_dict(value, indent + "  "))
        elif isinstance(value, float):
            out.append(f"{indent}- {key}: {value:.3f}")
        else:
            out.append(f"{indent}- {key}: {value}")
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", default=",".join(RUNS), help="comma-separated subset of " + ",".join(RUNS))
    parser.add_argument("--write", type=Path, help="append a dated section to this Markdown file")
    args = parser.parse_args(argv)
    analyzer = Analyzer()
    results: dict[str, Any] = {}
    for name in args.only.split(","):
        start = time.perf_counter()
        results[name] = RUNS[name](analyzer)
        print(
            f"{name} ({time.perf_counter() - start:.0f}s): {json.dumps(results[name], indent=1, default=str)}",
            flush=True,
        )
    print("\n".join(summary(results)))
    if args.write:
        command = "python benchmarks/events.py " + " ".join(argv if argv is not None else sys.argv[1:])
        with args.write.open("a", encoding="utf-8") as handle:
            handle.write("\n" + render(results, command) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
