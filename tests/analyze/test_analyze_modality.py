"""Modality of rule triggers: refused, demanded and conditional acts, and coordinated actors."""

from __future__ import annotations

import gzip
import shutil
import sys
from pathlib import Path

from newsdesk.analyze import Analyzer
from newsdesk.analyze.actors import PHOENIX_PEOPLE, ActorDictionary

ROOT = Path(__file__).resolve().parents[2]


def _top(analyzer: Analyzer, text: str) -> tuple[str, set[str], set[str]]:
    event = analyzer.code_sentence(text, "2024-03-01")[0]
    return event.plover, {a.country for a in event.actors}, {a.country for a in event.recipients}


def test_refused_cooperation_is_reject(analyzer: Analyzer) -> None:
    assert _top(analyzer, "Hungary said it would not provide weapons to Ukraine.")[0] == "REJECT"
    assert _top(analyzer, "Japan refused to sign the agreement with Peru.")[0] == "REJECT"
    assert _top(analyzer, "Hungary will provide weapons to Ukraine.")[0] != "REJECT"


def test_reported_obligation_is_a_demand_of_the_speaker(analyzer: Analyzer) -> None:
    plover, actors, recipients = _top(analyzer, "Germany said on Monday that Iran must release the prisoners.")
    assert (plover, actors, recipients) == ("REQUEST", {"DEU"}, {"IRN"})


def test_conditional_act_is_a_threat(analyzer: Analyzer) -> None:
    assert _top(analyzer, "Ghana will withdraw its troops from Mali unless the junta holds elections.")[0] == "THREATEN"
    assert _top(analyzer, "Ghana withdrew its troops from Mali.")[0] != "THREATEN"


def test_coordinated_modifiers_share_the_head(analyzer: Analyzer) -> None:
    _, actors, _ = _top(analyzer, "Senior Polish and Czech officials met in Prague on Tuesday.")
    assert {"POL", "CZE"} <= actors


def test_historical_leaders_resolve_by_date(actors: ActorDictionary) -> None:
    if not (ROOT / "data" / "actors" / PHOENIX_PEOPLE).exists():
        return
    obama = actors.resolve("Barack Obama", "PERSON", "2015-06-09")
    assert obama is not None and (obama.country, obama.sector) == ("USA", "GOV")
    former = actors.resolve("Barack Obama", "PERSON", "2024-01-01")
    assert former is not None and former.country == "USA"
    us_president = actors.resolve("the US president", None, "2022-01-01")
    assert us_president is not None and us_president.name == "Joe Biden"  # titles: hand-written terms only


def test_derived_people_never_override_hand_written(tmp_path: Path) -> None:
    src = ROOT / "data" / "actors"
    for name in ("people.tsv", "organisations.tsv", "countries.tsv", "places.tsv", "titles.tsv", "agents.tsv"):
        shutil.copy(src / name, tmp_path / name)
    rows = ["name\taliases\tcountry\tsector\trole\toffices\tstart\tend\tcomment",
            "Vladimir Putin\tPutin\tUKR\tGOV\t\t\t1990-01-01\t\t",
            "Ana Example\tExample|Putin\tPER\tGOV\t\t\t1990-01-01\t2000-01-01\t"]
    (tmp_path / PHOENIX_PEOPLE).write_bytes(gzip.compress(("\n".join(rows) + "\n").encode()))
    dictionary = ActorDictionary(tmp_path)
    putin = dictionary.resolve("Putin", "PERSON", "2024-01-01")
    assert putin is not None and putin.country == "RUS"
    example = dictionary.resolve("Ana Example", "PERSON", "1995-01-01")
    assert example is not None and (example.country, example.sector) == ("PER", "GOV")
    later = dictionary.resolve("Example", "PERSON", "2010-01-01")
    assert later is not None and (later.country, later.sector) == ("PER", "ELI")


def test_grouped_folds_keep_duplicates_together() -> None:
    sys.path.insert(0, str(ROOT / "scripts"))
    from train_events import grouped_folds

    texts = ["Rebels attacked the town.", "Police arrested ten men.", "Rebels attacked the town!", "A", "B", "C"]
    folds = grouped_folds(texts, 5)
    assert folds[0] == folds[2] and folds[:2] == [0, 1] and folds[3:] == [3, 4, 0]


def test_protest_recipient_is_its_target(analyzer: Analyzer) -> None:
    plover, actors, recipients = _top(analyzer, "Thousands of Kenyan students marched in Uganda to demand "
                                                "reforms from the Tanzanian government.")
    assert (plover, actors, recipients) == ("PROTEST", {"KEN"}, {"TZA"})  # the target, not the place


def test_ethnic_group_is_coded_to_its_host_state(analyzer: Analyzer) -> None:
    _, actors, _ = _top(analyzer, "Ethnic Hungarians protested in Slovakia on Sunday.")
    assert actors == {"SVK"}
    _, actors, _ = _top(analyzer, "Hungarians protested in Slovakia on Sunday.")
    assert actors == {"HUN"}


def test_derived_organisations(actors: ActorDictionary) -> None:
    if not (ROOT / "data" / "actors" / "organisations_phoenix.tsv.gz").exists():
        return
    amnesty = actors.resolve("Amnesty International", "ORG")
    assert amnesty is not None and amnesty.sector == "NGO"
    community = actors.resolve("European Community", "ORG")
    assert community is not None and (community.country, community.sector) == ("EU", "IGO")


def _meeting(analyzer: Analyzer, text: str) -> tuple[bool, bool, bool]:
    event = next(e for e in analyzer.code_sentence(text, "2025-05-09") if (e.trigger or "").startswith(("meet", "met")))
    return event.hypothetical, event.negated, event.future


def test_a_meeting_under_after_happened_whatever_the_modal_of_the_decision(analyzer: Analyzer) -> None:
    """A reported decision ("said he would cut the levy after meeting Milei") is a future commitment
    hung on a meeting it takes as given: the modal and the negation are the decision's, not the
    meeting's. "Before" presupposes nothing, and "will" still puts both ahead."""
    said = "Lula said on Friday that he would lift the levy on Argentine wheat after meeting Javier Milei in Brasilia."
    assert _meeting(analyzer, said) == (False, False, False)
    assert _meeting(analyzer, "Lula said he would not lift the levy after meeting Milei in Brasilia.") == (False, False, False)
    assert _meeting(analyzer, "Lula said he would lift the levy after he met Milei in Brasilia.") == (False, False, False)
    assert _meeting(analyzer, "Lula said he would lift the levy before meeting Milei in Brasilia.")[0] is True
    assert _meeting(analyzer, "Lula will lift the levy after meeting Milei in Brasilia next week.")[2] is True
    assert _meeting(analyzer, "Lula would meet Milei in Brasilia if the talks succeed.")[0] is True
