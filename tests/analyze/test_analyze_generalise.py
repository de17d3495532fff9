"""The 5-way model's development figures: topic-clustered folds, a second source, macro-F1 per source."""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

import pytest

from newsdesk.analyze.eventdata import PENTA_AMBIGUOUS, load_plover, load_plover_penta, penta, penta_root
from support import REPO, shared_path

sys.path.insert(0, str(REPO / "scripts"))
from train_events import _present_f1, _typed, analyzer, coded_root, featurize, topic_groups  # noqa: E402

from newsdesk.analyze.classify import EventModels  # noqa: E402

_HARBOUR = ["The harbour ferry strike closed the harbour piers", "Harbour piers and ferry docks stayed closed",
            "Ferry crews at the harbour piers walked out"]
_VACCINE = ["The vaccine trial enrolled hospital volunteers", "Hospital volunteers joined the vaccine trial",
            "A vaccine trial at the hospital ended early"]


def test_coded_root_is_the_codebooks_reading_of_the_news() -> None:
    """The 5-way model's coded-root feature is the rules' root after the verb dictionary's frames
    ("pledged to expel" 17, where the first candidate alone says 03; "Israel said a mortar was fired
    at it" 11, not the 19 of the act), read with the lexicon alone."""
    rules = EventModels(lexicon=analyzer().models.lexicon)
    for text, root in (("Qatar has pledged to expel the diplomats.", "17"),
                       ("Israel said a mortar bomb was fired at it from Gaza.", "11"),
                       ("The European Union lifted sanctions on Iran.", "08")):
        sent = next(analyzer().nlp(text).sents)
        assert coded_root(sent, _typed(sent), rules) == root
        assert f"cbt={root}" in featurize([text])[0]


def test_topic_groups_keep_one_topic_in_one_cluster() -> None:
    groups = topic_groups(_HARBOUR + _VACCINE, topics=2)
    assert len(set(groups[:3])) == 1 and len(set(groups[3:])) == 1 and groups[0] != groups[3]


def test_macro_f1_counts_only_the_classes_the_gold_side_has() -> None:
    # a wrong class-0 guess costs class 1 its recall but adds no zero-F1 class 0 to the average
    assert _present_f1([1, 1, 2], [0, 1, 2]) == pytest.approx((2 / 3 + 1.0) / 2)


def test_reduced_relations_are_verbal_conflict_in_the_five_classes() -> None:
    """Root 16 (an embargo, a recalled ambassador) is class 3 in the Phoenix table the ConfliBERT file
    follows, while its neighbours 15 (troops put on alert) and 17 (arrests, seizures) stay class 4."""
    assert penta("16") == 3
    assert penta("1621") == 3  # a full code is read by its root: an embargo imposed
    assert penta("15") == 4 and penta("17") == 4
    assert [penta(f"{r:02d}") for r in range(1, 21)] == [0, 0, 1, 1, 1, 2, 2, 2, 3, 3, 3, 3, 3, 4, 4, 3, 4, 4, 4, 4]


def test_plover_penta_labels_follow_the_type_root() -> None:
    events = shared_path("data", "events")
    texts, labels = load_plover_penta(Path(events))
    every = load_plover(Path(events))
    demands = [r for r in every if r["event"] in PENTA_AMBIGUOUS and r.get("event_v05") == "DEMAND"]
    rows = [r for r in every if r["event"] not in PENTA_AMBIGUOUS or r.get("event_v05") == "DEMAND"]
    assert demands and len(texts) == len(rows) and set(labels) <= {1, 2, 3, 4}
    by_type = Counter((r["event"], y) for r, y in zip(rows, labels, strict=True))
    assert by_type[("AGREE", 1)] and by_type[("AID", 2)] and by_type[("ACCUSE", 3)] and by_type[("ASSAULT", 4)]
    # SANCTION is CAMEO 16, reduced relations: verbal conflict in the file's five classes
    assert by_type[("SANCTION", 3)] == sum(r["event"] == "SANCTION" for r in rows) > 0
    # the GSR's REQUEST rows were DEMAND (CAMEO 10) in PLOVER 0.5: all of them are demands, class 3
    assert by_type[("REQUEST", 3)] == len(demands)


def test_an_ambiguous_type_takes_its_root_from_the_older_type_or_no_label() -> None:
    assert penta_root({"event": "REQUEST", "event_v05": "DEMAND"}) == "10"
    assert penta_root({"event": "REQUEST", "event_v05": None}) is None
    assert penta_root({"event": "REQUEST"}) is None
    assert penta_root({"event": "ASSAULT", "event_v05": "FIGHT"}) == "19"
    assert penta_root({"event": "DOCUMENT"}) is None


def test_cross_source_tests_each_source_on_the_classes_the_other_knows() -> None:
    from train_events import penta_cross_source

    news = (["Officials said the talks would resume.", "The minister praised the new accord.",
             "The two states signed a trade pact.", "Rebels accused the army of torture.",
             "Troops shelled the rebel town."], [0, 1, 2, 3, 4])
    manual = (["The president welcomed the peace accord.", "The government sent food aid to refugees.",
               "The opposition denounced the arrests.", "Police fired on the protesters."], [1, 2, 3, 4])
    out = penta_cross_source(news, manual)
    assert out["ConfliBERT → PLOVER GSR"]["test sentences"] == 4
    # the class-0 news sentence is left out: a model trained on the manual's four classes cannot name it
    assert out["PLOVER GSR → ConfliBERT"]["test sentences"] == 4


def test_second_source_joins_at_its_weight_without_held_or_repeated_sentences() -> None:
    from train_events import PLOVER_WEIGHT, with_second_source

    texts, labels, weights = with_second_source(
        ["Troops shelled the town.", "The envoys met."], [4, 1],
        (["The envoys met.", "Rebels accused the army.", "Police fired on the crowd."], [1, 3, 4]),
        hold=["Police fired on the crowd."])
    assert texts == ["Troops shelled the town.", "The envoys met.", "Rebels accused the army."]
    assert labels == [4, 1, 3] and weights == [1.0, 1.0, PLOVER_WEIGHT]


def test_cross_fitted_5way_models_never_see_their_own_fold() -> None:
    """The type model's training rows read the 5-way verdict of a model trained without their fold:
    each sentence's own word is missing from its fold's model and kept by the others."""
    from train_events import TrainRow, cross_fitted_penta

    words = ["zanzibar", "quokka", "marimba", "tundra", "saffron"]
    plover = ([f"Officials praised the {w} accord." if i % 2 else f"Troops shelled the {w} depot."
               for i, w in enumerate(words)], [1 if i % 2 else 4 for i in range(len(words))])
    news = (["Officials said the talks would resume.", "The minister praised the new accord.",
             "The two states signed a trade pact.", "Rebels accused the army of torture.",
             "Troops shelled the rebel town."], [0, 1, 2, 3, 4])
    rows = [TrainRow(str(i), t, "X") for i, t in enumerate(plover[0])]
    fold_of, models = cross_fitted_penta(rows, news, plover)
    for word, fold in zip(words, fold_of, strict=True):
        assert word not in models[fold].words
        assert any(word in m.words for k, m in enumerate(models) if k != fold)


def test_topic_cv_figure_is_the_mean_over_its_clusterings() -> None:
    """One k-means clustering's figure moves with its seed as much as a model change does: the
    reported figure is the mean over the seeds, each seed's figures kept beside it."""
    from train_events import penta_topic_cv

    news = (["Officials said the harbour talks would resume.", "The minister praised the harbour accord.",
             "The two states signed a harbour trade pact.", "Rebels accused the harbour police of torture.",
             "Troops shelled the harbour town.", "Officials said the vaccine talks would resume.",
             "The minister praised the vaccine accord.", "The two states signed a vaccine trade pact.",
             "Rebels accused the vaccine police of torture.", "Troops shelled the vaccine town."],
            [0, 1, 2, 3, 4] * 2)
    out = penta_topic_cv(*news, seeds=(0, 2))
    runs = out["by k-means seed"]
    assert set(runs) == {"0", "2"} and runs["0"] != runs["2"]  # these two clusterings score differently
    for key in ("ours (macro-F1)", "TF-IDF+SVM (macro-F1)"):
        assert out[key] == pytest.approx((runs["0"][key] + runs["2"][key]) / 2)


def test_the_5way_trainer_gives_the_same_weights_whatever_numpy_global_generator_holds() -> None:
    """The shipped 5-way file is what the script writes, run after run: the solver is seeded."""
    import numpy as np
    from train_events import PentaTrainer

    texts = ["Troops shelled the town.", "The envoys met in Geneva.", "Rebels accused the army of abuses.",
             "The two states signed a trade pact.", "Officials said talks would resume.",
             "Police fired on the crowd.", "The minister praised the accord.", "Protesters demanded his exit."]
    labels = [4, 1, 3, 2, 0, 4, 1, 3]
    weights = []
    for seed in (1, 2):
        np.random.seed(seed)
        weights.append(PentaTrainer().fit(texts, labels).clf.coef_)
    assert np.array_equal(weights[0], weights[1])
