"""The learned event-typing layer, the CAMEO verb lexicon and the UN-member office coverage."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import numpy as np

from newsdesk.analyze import Analyzer
from newsdesk.analyze.actors import ActorDictionary
from newsdesk.analyze.classify import (
    CameoVerbs,
    EventModels,
    LinearModel,
    load_cameo_verbs,
    sentence_features,
    type_features,
)

ROOT = Path(__file__).resolve().parents[2]


def test_linear_model_round_trip(tmp_path: Path) -> None:
    model = LinearModel(["bias", "t=ASSAULT"], np.array([[0.0, 0.0], [-2.0, 2.0]]), np.zeros(2),
                        ["AGREE", "ASSAULT"])
    model.save(tmp_path / "m.npz")
    loaded = LinearModel.load(tmp_path / "m.npz")
    assert loaded is not None
    probs = loaded.proba(["bias", "t=ASSAULT", "unknown"])
    assert max(probs, key=probs.__getitem__) == "ASSAULT"
    assert abs(sum(probs.values()) - 1.0) < 1e-6
    assert LinearModel.load(tmp_path / "missing.npz") is None


def test_cameo_lexicon_prefers_object_patterns() -> None:
    lexicon = CameoVerbs({"fire": "19"}, {"fire ambassador": "16"})
    assert lexicon.root_of("fire", ["ambassador"]) == "16"
    assert lexicon.root_of("fire", []) == "19"
    shipped = load_cameo_verbs()
    assert shipped.verbs.get("accuse") == "11" and shipped.verbs.get("meet") == "04"


def test_codebook_patterns_are_five_way_features_only(analyzer: Analyzer) -> None:
    """The verb dictionary's compound pattern ("LIFT * SANCTION" 085) names the root the single
    verb cannot, and the rules' coded root joins it; the PLOVER type model is trained without both."""
    lexicon = load_cameo_verbs()
    sent = next(analyzer.nlp("The European Union lifted sanctions on Iran.").sents)
    plain = sentence_features(sent, [], lexicon)
    assert "cbp=08" in plain and "cbr=08" in plain
    coded = sentence_features(sent, [], lexicon, coded_root="08")
    assert "cbt=08" in coded and "cbt=08" not in plain
    assert [f for f in type_features(coded) if f.startswith("cb")] == []
    assert "v=lift" in type_features(coded)


def test_a_reported_act_is_marked_but_a_framed_intent_is_not(analyzer: Analyzer) -> None:
    """Under "said" or "decided" the complement is the act (5-way features of its own, which the
    PLOVER type model does not see); under "agreed" the frame is the class, so nothing is added."""
    lexicon = load_cameo_verbs()

    def reported(text: str) -> list[str]:
        feats = sentence_features(next(analyzer.nlp(text).sents), [], lexicon)
        assert [f for f in type_features(feats) if f.startswith("cbx")] == []
        return [f for f in feats if f.startswith("cbx")]

    said = reported("Officials said the army shelled the town on Monday.")
    assert "cbxv=shell" in said and any(f.startswith("cbxc=") for f in said)
    assert "cbxv=grant" in reported("Mexico decided to grant asylum to the former president.")
    assert reported("Australia agreed to lend money to Indonesia.") == []
    assert reported("The army shelled the town on Monday.") == []


def test_rules_only_and_model_agree_on_plain_sentences(analyzer: Analyzer) -> None:
    rules = Analyzer(actors=analyzer.actors, nlp=analyzer.nlp, models=EventModels())
    text = "Rebels attacked an army convoy near the border on Monday."
    for coder in (rules, analyzer):
        events = coder.code_sentence(text, "2024-03-05")
        assert events and events[0].plover == "ASSAULT"


def test_code_many_keeps_order(analyzer: Analyzer) -> None:
    items = [("France condemned the attack.", None), ("Japan and India held talks in Tokyo.", "2024-01-02")]
    results = list(analyzer.code_many(items))
    assert [r[0].plover for r in results] == ["ACCUSE", "CONSULT"]
    assert any(a.country == "FRA" for a in results[0][0].actors)


def test_titles_resolve_by_date(actors: ActorDictionary) -> None:
    chile = actors.resolve("the Chilean president", None, "2025-05-01")
    assert chile is not None and chile.name == "Gabriel Boric"
    uk = actors.resolve("the British prime minister", None, "2023-05-01")
    assert uk is not None and uk.name == "Rishi Sunak"


def test_every_un_member_has_three_offices() -> None:
    spec = importlib.util.spec_from_file_location("coverage", ROOT / "data" / "actors" / "check_coverage.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    import csv

    with (ROOT / "data" / "actors" / "people.tsv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))
    found = module.holders(rows, "2026-01-01")
    missing = [(c, o) for c in module.UN_MEMBERS for o in module.OFFICES if (c, o) not in found]
    assert not missing
