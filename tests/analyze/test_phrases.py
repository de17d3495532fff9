"""The actor-alias matcher: the same matches as spaCy's PhraseMatcher, from a cache that cannot go stale."""

from __future__ import annotations

import gc
from pathlib import Path

import pytest
import spacy
from spacy.matcher import PhraseMatcher

from newsdesk.analyze import Analyzer
from newsdesk.analyze.actors import ActorDictionary, normalise
from newsdesk.analyze.phrases import TokenPhrases

PHRASES = ["Xi", "Xi Jinping", "President Xi Jinping", "the Kremlin", "New York", "New York Times",
           "U.S.", "the", "a b c d", "b c", "Tel Aviv-Yafo", "NATO's"]
TEXT = ("President Xi Jinping met the Kremlin's envoy in New York; the New York Times, the U.S. press "
        "and Xi's aides (a b c d, b c) were there. In Tel Aviv-Yafo, NATO's chief spoke. Xi")


def _phrase_matcher(nlp, texts: list[str]) -> PhraseMatcher:
    matcher = PhraseMatcher(nlp.vocab, attr="ORTH")
    matcher.add("ALIAS", [nlp.make_doc(t) for t in texts])
    return matcher


@pytest.fixture()
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("NEWSDESK_CACHE", str(tmp_path))
    return tmp_path


def test_matches_what_the_phrase_matcher_matches_overlaps_included(cache: Path) -> None:
    nlp = spacy.blank("en")
    doc = nlp.make_doc(TEXT)
    expected = sorted((start, end) for _, start, end in _phrase_matcher(nlp, PHRASES)(doc))
    found = sorted(TokenPhrases.of_texts(nlp, PHRASES)(doc))
    assert found == expected
    assert {doc[s:e].text for s, e in found} >= {"Xi", "Xi Jinping", "President Xi Jinping", "New York Times",
                                                  "New York", "b c", "a b c d"}
    assert (len(doc) - 1, len(doc)) in found  # a phrase that ends the document


def test_empty_document_and_empty_phrase(cache: Path) -> None:
    nlp = spacy.blank("en")
    phrases = TokenPhrases.of_texts(nlp, ["", "Xi"])
    assert len(phrases) == 1
    assert list(phrases(nlp.make_doc(""))) == []


def test_the_actor_dictionary_matches_as_before(analyzer: Analyzer, cache: Path) -> None:
    """The real dictionary's aliases, as the mention finder builds them, on a news-like paragraph."""
    nlp = analyzer.nlp
    surfaces = sorted(set(analyzer.actors.surfaces()))
    texts = surfaces + [s.lower() for s in surfaces if " " in s and s[0].isupper()]
    doc = nlp.make_doc("Russian President Vladimir Putin arrived in Beijing for talks with Xi Jinping, the "
                       "Kremlin said. The European Union and the United Nations urged restraint, while "
                       "Hamas and the Israel Defense Forces traded fire near Gaza City on Tuesday.\n"
                       "In Washington, the State Department said the united states would respond.")
    expected = sorted((start, end) for _, start, end in _phrase_matcher(nlp, texts)(doc))
    assert sorted(TokenPhrases.of_texts(nlp, texts)(doc)) == expected
    assert len(expected) >= 8


def test_cache_is_written_read_and_keyed_by_the_phrases(cache: Path) -> None:
    nlp = spacy.blank("en")
    doc = nlp.make_doc(TEXT)
    first = sorted(TokenPhrases.of_texts(nlp, PHRASES)(doc))
    files = list(cache.glob("phrases-*.npz"))
    assert len(files) == 1
    assert sorted(TokenPhrases.of_texts(nlp, PHRASES)(doc)) == first  # read back from the file
    TokenPhrases.of_texts(nlp, PHRASES[:-1])
    assert len(list(cache.glob("phrases-*.npz"))) == 2  # other phrases: another file, never the old one


def test_a_damaged_cache_file_is_rebuilt(cache: Path) -> None:
    nlp = spacy.blank("en")
    doc = nlp.make_doc(TEXT)
    expected = sorted(TokenPhrases.of_texts(nlp, PHRASES)(doc))
    (path,) = cache.glob("phrases-*.npz")
    path.write_bytes(b"not an npz file")
    assert sorted(TokenPhrases.of_texts(nlp, PHRASES)(doc)) == expected


def test_an_unwritable_cache_directory_is_no_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("a file where the cache directory should be")
    monkeypatch.setenv("NEWSDESK_CACHE", str(blocker / "cache"))
    nlp = spacy.blank("en")
    assert len(TokenPhrases.of_texts(nlp, PHRASES)) == len(set(PHRASES))


@pytest.mark.parametrize(("text", "key"), [
    ("The  Kremlin’s", "kremlin"), ("Bogotá", "bogota"), ("  (The U.S.) ", "u.s."), ("Zürich’", "zurich"),
    ("ﬁnance Ministry", "finance ministry"), ("Recep Tayyip Erdoğan", "recep tayyip erdogan"),
    ("THE\tHAGUE", "hague"),
])
def test_normalise_keys(text: str, key: str) -> None:
    assert normalise(text) == key


def test_load_loads_every_part_and_leaves_the_collector_on(actors: ActorDictionary) -> None:
    analyzer = Analyzer(actors=actors)
    assert analyzer.load() is analyzer
    assert gc.isenabled()
    assert analyzer._finder is not None and analyzer._theme_words is not None and analyzer._nlp is not None

