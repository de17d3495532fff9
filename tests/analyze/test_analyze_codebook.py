"""The CAMEO verb dictionary's compound patterns and PETRARCH-2's verb-interaction convention."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from newsdesk.analyze import Analyzer
from newsdesk.analyze.classify import load_cameo_verbs
from newsdesk.analyze.codebook import Codebook, compose
from support import REPO

sys.path.insert(0, str(REPO / "scripts"))
from train_events import derive_cameo_patterns  # noqa: E402

_DICTIONARY = """\
&CURRENCY
+DOLLAR
+EURO

####### VERB PATTERNS #######

---  LIFT   [---]  ---
+LIFT_UP [070]
LIFT
RAISE
- * SANCTION                      [0351]   # LIFT
- * SANCTIONS                     [085]    # LIFT
- * BAN (ON TRADE)                [085]    # LIFT
- TENSIONS *                      [112]    # RAISE
- * &CURRENCY                     [:173]   # RAISE

---  PLEDGE   [030]  ---
PLEDGE
- * &CURRENCY                     [0331]   # PLEDGE
- * {HUMANITARIAN AID}            [0333]   # PLEDGE
"""


@pytest.fixture(scope="module")
def derived(tmp_path_factory: pytest.TempPathFactory) -> dict:  # type: ignore[type-arg]
    path: Path = tmp_path_factory.mktemp("dict") / "CAMEO.txt"
    path.write_text(_DICTIONARY, encoding="latin-1")
    return derive_cameo_patterns(path)


def test_derivation_keeps_words_blocks_and_synsets(derived: dict) -> None:  # type: ignore[type-arg]
    lift = derived["blocks"][derived["verb_blocks"]["lift"][0]]
    assert ["085", [], ["ban", "on", "trade"], "lift"] in lift
    assert ["112", ["tensions"], [], "raise"] in lift
    assert not any(p[0] == "173" for p in lift)  # a passive-only code is no act of the subject
    assert derived["verb_blocks"]["raise"] == derived["verb_blocks"]["lift"]  # one block, synonyms
    assert derived["own"]["lift"] == [["070", [], ["up"], "lift"]]  # "+LIFT_UP": verb and particle
    assert derived["synsets"]["currency"] == ["dollar", "euro"]
    assert ["0333", [], ["humanitarian", "aid"], "pledge"] in derived["blocks"][derived["verb_blocks"]["pledge"][0]]


def test_patterns_match_the_verbs_clause(analyzer: Analyzer, derived: dict) -> None:  # type: ignore[type-arg]
    book = Codebook.from_json(derived)

    def code(text: str, verb: str) -> str | None:
        doc = analyzer.nlp(text)
        return book.match(next(t for t in doc if t.lemma_.lower() == verb))

    assert code("The council lifted the remaining sanctions on Iran.", "lift") == "085"  # the later entry wins
    assert code("Ministers raised the ban on trade with Cuba.", "raise") == "085"  # a synonym of the block
    assert code("Japan pledged ten million euros.", "pledge") == "0331"  # a synonym set
    assert code("Japan pledged humanitarian aid to Chad.", "pledge") == "0333"
    assert code("The workers lifted the boxes.", "lift") is None
    # the words must sit in the verb's own clause: not in a clause it governs
    assert code("Iran raised concerns that the sanctions would hurt trade.", "raise") is None


def test_a_verbs_pattern_is_worked_out_once_per_document(analyzer: Analyzer, derived: dict) -> None:  # type: ignore[type-arg]
    book, other = Codebook.from_json(derived), Codebook.from_json(derived)
    doc = analyzer.nlp("The council lifted the remaining sanctions on Iran.")
    lift = next(t for t in doc if t.lemma_.lower() == "lift")
    first = book.pattern(lift)
    assert first is not None and first.code == "085"
    assert len(doc.user_data) == 1  # kept on the document, for this codebook only
    assert book.pattern(lift) is first and len(doc.user_data) == 1
    assert other.pattern(lift) == first and len(doc.user_data) == 2
    # another document with the same words is worked out afresh, not read from the first one's answers
    fresh = analyzer.nlp("The workers lifted the boxes.")
    assert book.pattern(next(t for t in fresh if t.lemma_.lower() == "lift")) is None


def test_shipped_codebook_reads_compound_patterns(analyzer: Analyzer) -> None:
    book = load_cameo_verbs().codebook

    def code(text: str, verb: str) -> str | None:
        doc = analyzer.nlp(text)
        return book.match(next(t for t in doc if t.lemma_.lower() == verb))

    assert (code("The rebels claimed responsibility for the bombing.", "claim") or "")[:2] == "01"
    assert (code("The EU lifted its sanctions on Belarus.", "lift") or "")[:2] == "08"
    assert (code("The minister ordered an investigation into the shooting.", "order") or "")[:2] == "10"


def test_compose_follows_petrarch_precedence() -> None:
    assert compose("03", "17", True) == "17"  # pledged to expel: coercion outranks intent
    assert compose("13", "19", True) == "13"  # threatened to attack
    assert compose("03", "08", True) == "03"  # pledged to lift sanctions: an intent (0354)
    assert compose("03", "04", True) == "04"  # prepared to attend the summit: the meeting
    assert compose("05", "08", True) is None  # agreed to …: the rules' intent (03) holds
    assert compose("02", "07", False) == "02"  # asked Y to help
    assert compose("03", "19", True) == "13"  # wants to attack: a threat
    assert compose("01", "19", True) == "01"  # said they attacked: claims responsibility
    assert compose("01", "19", False) == "11"  # said Y attacked: accuses Y
    assert compose("01", "07", True) is None  # a statement of aid: the rules read its modality
    assert compose("12", "04", True) == "12"


def test_coder_takes_the_codebooks_root(analyzer: Analyzer) -> None:
    def top(text: str) -> tuple[str, str]:
        event = analyzer.code_sentence(text, "2024-03-05")[0]
        return event.plover, event.cameo

    assert top("Kenya pledged to expel the foreign militants.")[1] == "17"
    assert top("Iran threatened to attack the tankers.")[1] == "13"
    assert top("Washington lifted the sanctions on Caracas.")[1] == "08"
    assert top("Washington promised to lift the sanctions on Caracas.")[1] == "03"
    assert top("The army said the rebels had shelled the town.")[1] == "19"  # an unnamed source reports
    assert top("Israel said Hezbollah fired rockets at Haifa.")[1] == "11"  # a named party accuses
    assert top("Iran said it attacked the tankers.")[1] == "01"  # claims responsibility (015)
    assert top("Iran said it will not attack the tankers.")[1] != "01"  # a negated act is not claimed
    assert top("The Taliban claimed responsibility for the bombing in Kabul.")[1] == "01"
    # the PLOVER reading of a promise stays AGREE: the two codebooks differ there
    assert top("Kenya pledged to expel the foreign militants.")[0] == "AGREE"


def test_declining_to_comment_is_a_statement(analyzer: Analyzer) -> None:
    """CAMEO 011 "Decline comment": the dictionary writes "* COMMENT" for REFUSE only, the codebook
    supplements it for DECLINE; declining anything else stays a rejection (DECLINE's own 120)."""
    def root(text: str) -> str:
        return analyzer.code_sentence(text, "2024-03-05")[0].cameo

    assert root("The ministry declined to comment on the report.") == "01"
    assert root("The embassy refused to comment on the arrests.") == "01"
    assert root("Russia declined to attend the talks in Geneva.") == "12"
