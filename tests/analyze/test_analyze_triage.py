"""The cheap first pass: rule sentence splitting, cheap lemmas, triage, fast lemmatizer (inline text)."""

from __future__ import annotations

import itertools
import random
import re
from typing import Any

import pytest
import spacy
from spacy.attrs import SENT_START
from spacy.tokens import Doc

from newsdesk.analyze import Analyzer
from newsdesk.analyze.dates import find_dates
from newsdesk.analyze.fastrules import FastAttributeRuler, FastLemmatizer
from newsdesk.analyze.sentences import (
    _holds_line_break,
    mark_line_breaks,
    sentence_spans,
    sentence_starts,
    sentence_texts,
    split_sentence_spans,
    split_sentences,
    to_sentences,
)
from newsdesk.analyze.themes import ThemeWords, sentence_themes
from newsdesk.analyze.triage import CheapLemmas, Triage, trigger_lemmas
from newsdesk.model import Article

TEXT = (
    "Latest news\n"
    "Gen. Ortiz met the U.S. envoy in Lima on Monday. \"We agreed,\" he said. Prices rose 3 p.c. in May.\n"
    "Subscribe to our newsletter"
)


def _article(text: str, ident: str = "t1") -> Article:
    return Article(id=ident, name=ident, url=None, title=None, author=None, date="2024-05-14", language="en",
                   page_type="article", text=text)


def test_rule_sentences_follow_lines_punctuation_and_abbreviations() -> None:
    doc = split_sentences(spacy.blank("en").make_doc(TEXT))
    texts = [s.text for s in sentence_spans(doc)]
    assert texts == [
        "Latest news",
        "Gen. Ortiz met the U.S. envoy in Lima on Monday.",
        "\"We agreed,\" he said.",
        "Prices rose 3 p.c. in May.",
        "Subscribe to our newsletter",
    ]
    lower = split_sentences(spacy.blank("en").make_doc("It costs approx. five dollars."))
    assert len(list(lower.sents)) == 1


@pytest.mark.parametrize("marked", [False, True])
def test_a_full_stop_inside_a_capitals_model_name_ends_no_sentence(marked: bool) -> None:
    """A gadget name such as "the KX. RIVER LOOP" keeps its sentence whole; a sentence that ends at a
    short acronym ("the EU.", "the UN.") still ends there, also before an acronym that opens the next
    one, and so do a line in capitals and a stop after a colon."""
    nlp = spacy.blank("en")
    if marked:
        mark_line_breaks(nlp.vocab)

    def split(text: str) -> list[str]:
        return [s.text for s in split_sentence_spans(nlp.make_doc(text))]

    assert split("Buyers liked the KX. RIVER LOOP because it folds. Sales doubled.") == \
        ["Buyers liked the KX. RIVER LOOP because it folds.", "Sales doubled."]
    assert split("Maker QT showed its QT. ORBIT TWO 4Drive at the fair.") == \
        ["Maker QT showed its QT. ORBIT TWO 4Drive at the fair."]
    assert split("Farmers marched to the EU. The ministers met them.") == \
        ["Farmers marched to the EU.", "The ministers met them."]
    assert split("Envoys flew out of the UN. WHO staff stayed behind.") == \
        ["Envoys flew out of the UN.", "WHO staff stayed behind."]
    assert split("THE BOARD MOVED TO THE UK. NEW RULES APPLY.") == ["THE BOARD MOVED TO THE UK.", "NEW RULES APPLY."]
    assert split("The verb to send is: PUT. HTTP PUT replaces a file.") == \
        ["The verb to send is: PUT.", "HTTP PUT replaces a file."]
    assert split("We drove the KX.\nRIVER LOOP rides on rails.") == ["We drove the KX.", "RIVER LOOP rides on rails."]


def _starts_by_tokens(doc: Any) -> list[bool]:
    """The sentence rule read token by token through spaCy's ``Token`` objects, as it was written
    before :func:`sentence_starts` read the attributes as one array: the two must agree."""
    abbrev = re.compile(r"^(?:[A-Z]\.){2,}$|^(?:Mr|Mrs|Ms|Dr|Gen|Sen|Rep|Gov|Lt|Col|Maj|Capt|St|Jr|Sr|Prof|No|"
                        r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec|Inc|Corp|Co|Ltd|vs)\.$")
    final = {".", "!", "?", "...", "…", "!?", "?!", "!!", "??"}
    opening = {'"', "“", "‘", "'", "(", "[", "«", "„"}
    starts, pending, ended = [False] * len(doc), True, False
    for i, tok in enumerate(doc):
        breaks = "\n" in tok.text or "\n" in tok.whitespace_
        if tok.is_space:
            pending = pending or breaks
            continue
        if pending:
            starts[i], pending, ended = True, False, False
        elif ended and not tok.is_punct:
            starts[i], ended = not tok.text[0].islower(), False
        elif ended and tok.text in opening and doc[i - 1].whitespace_:
            starts[i], ended = True, False
        elif tok.text in final and not (i and not doc[i - 1].whitespace_
                                        and abbrev.match(doc[i - 1].text + ".")) \
                and not _stop_inside_name(doc, i):
            ended = True
        pending = breaks
    return starts


def _stop_inside_name(doc: Any, i: int) -> bool:
    """The name rule written out on ``Token`` objects: a word, a short capitals token, its full
    stop, at least two capitals words, then a word with a lower-case letter."""
    if (tok := doc[i]).text != "." or not tok.whitespace_ or i < 2:
        return False
    head, before = doc[i - 1], doc[i - 2]
    if head.whitespace_ or not before.whitespace_ or not before.text.isalpha():
        return False
    if not (len(head.text) <= 4 and head.text.isalpha() and head.text.isupper()):
        return False
    run = list(itertools.takewhile(lambda t: len(t.text) > 1 and t.text.isalnum() and t.text.isupper(),
                                   doc[i + 1:]))
    after = i + 1 + len(run)
    return len(run) >= 2 and after < len(doc) and any(c.islower() for c in doc[after].text)


def _mixed_texts() -> list[str]:
    """Random mixes of abbreviations, quotes, line breaks, spaces and non-breaking spaces, and of the
    pieces of a capitals model name ("the KX. RIVER LOOP is")."""
    pieces = ["Gen.", "Gen .", "U.S.", "said.", "\n", "\n\n", " ", "  ", "(", "\"", "“We", "she", "The", "3",
              "p.c.", "!?", "…", "...", "Mr.", "x", "Co.", "[", "«", "'", "\t", "Why?", "ok", "É", "é", "\u00a0",
              "KX.", "KX", "RIVER", "LOOP", "Q7", "the"]
    rng = random.Random(7)
    texts = [TEXT, "", " ", "\n", "Hi.", "a\n\n b. C", "It costs approx. five dollars.", " \n Hi. There \n",
             "\n\nA.\n\n", "   "]

    def name_text() -> str:
        """Mostly a name that holds its stop, each piece sometimes swapped for one that breaks it."""
        def pick(usual: str, *others: str) -> str:
            return usual if rng.random() < 0.85 else rng.choice(others)
        count = 2 if rng.random() < 0.85 else rng.choice([0, 1, 3])
        words = [pick(rng.choice(["RIVER", "LOOP", "Q7"]), "A", "The", "river") for _ in range(count)]
        return (pick("the ", "VW ", ": ", "the\n", "") + pick("KX", "LOOPS", "Kx", "K", "Q7") + pick("", " ")
                + pick(".", "!") + pick(" ", "", "  ", "\n", "\u00a0") + " ".join(words)
                + pick(" is", " 4Drive", " LOOP", ".", "", "\nis"))

    mixed = ["".join(rng.choice(pieces) + rng.choice(["", " ", " ", "\n"]) for _ in range(rng.randint(1, 40)))
             for _ in range(400)]
    return texts + mixed + [name_text() for _ in range(300)]


@pytest.mark.parametrize("marked", [False, True])
def test_sentence_starts_from_arrays_equal_the_token_by_token_rule(marked: bool) -> None:
    """Both ways of reading the arrays give the token-by-token rule: every text decoded (a vocabulary
    without the line-break flag) and only the marked tokens visited (with it), line breaks inside a
    word (only a document made from words has them) included."""
    nlp = spacy.blank("en")
    if marked:
        mark_line_breaks(nlp.vocab)
        mark_line_breaks(nlp.vocab)  # a second call adds no second flag
    assert len([f for f in nlp.vocab.lex_attr_getters.values() if f is _holds_line_break]) == int(marked)
    words = [["Hi.", "a\nb", "c"], ["x", ".", "a\n", "b"], ["Gen", ".", "Smith", "\n", "left", "."], ["\n"]]
    docs = [nlp.make_doc(text) for text in _mixed_texts()] + [Doc(nlp.vocab, words=w) for w in words]
    for doc in docs:
        assert sentence_starts(doc) == _starts_by_tokens(doc), doc.text


def test_the_analysis_vocabulary_flags_line_breaks(analyzer: Analyzer) -> None:
    """``load_nlp`` marks line breaks, so the analysis visits only the marked tokens."""
    vocab = analyzer.nlp.vocab
    flag = next(k for k, f in vocab.lex_attr_getters.items() if f is _holds_line_break)
    assert vocab["a\n\nb"].check_flag(flag) and not vocab["ab"].check_flag(flag)


@pytest.mark.parametrize("marked", [False, True])
def test_one_pass_split_equals_split_then_sentence_spans(marked: bool) -> None:
    """:func:`split_sentence_spans` (the analysis's cheap pass) gives the spans and sentence starts that
    :func:`split_sentences` then :func:`sentence_spans` give, whitespace at either end included."""
    nlp = spacy.blank("en")
    if marked:
        mark_line_breaks(nlp.vocab)
    for text in _mixed_texts():
        two, one = split_sentences(nlp.make_doc(text)), nlp.make_doc(text)
        assert [(s.start, s.end) for s in split_sentence_spans(one)] == \
            [(s.start, s.end) for s in sentence_spans(two)], text
        if len(one):
            assert one.to_array([SENT_START]).tolist() == two.to_array([SENT_START]).tolist(), text


def test_cheap_lemmas_cover_what_the_tagger_may_choose(analyzer: Analyzer) -> None:
    lemmas = CheapLemmas.of(analyzer.nlp)
    assert lemmas.forms("met")[0] == "met" and "meet" in lemmas.forms("met")
    assert "talk" in lemmas.forms("talks") and "sanction" in lemmas.forms("sanctions")
    assert CheapLemmas(None).forms("talks") == ("talks",)


def test_triage_needs_an_actor_and_a_trigger(analyzer: Analyzer) -> None:
    triage = Triage(CheapLemmas.of(analyzer.nlp), trigger_lemmas(analyzer.models.lexicon))
    doc = spacy.blank("en").make_doc("The minister met the envoy.")
    sent = doc[:]
    assert triage.has_trigger(sent)
    assert triage.worth_parsing(sent, has_mention=True, person_before=False)
    assert not triage.worth_parsing(sent, has_mention=False, person_before=True)  # no pronoun
    assert not triage.has_trigger(spacy.blank("en").make_doc("The weather was nice in Lima")[:])
    pronoun = spacy.blank("en").make_doc("He visited the plant.")[:]
    assert triage.worth_parsing(pronoun, has_mention=False, person_before=True)
    assert not triage.worth_parsing(pronoun, has_mention=False, person_before=False)


def test_selective_analysis_codes_actor_sentences_and_keeps_every_sentence(analyzer: Analyzer) -> None:
    text = ("Vladimir Putin met Xi Jinping in Beijing on May 16.\n"
            "The meeting lasted three hours.\n"
            "Share this story on social media\n"
            "The talks will resume after the meeting of ministers next month.")
    selective = analyzer.analyze(_article(text))
    whole = Analyzer(actors=analyzer.actors, parse_all=True).analyze(_article(text))
    assert [s.text for s in selective.sentences] == text.split("\n")
    for sentence in selective.sentences:
        assert text[sentence.start:sentence.end] == sentence.text
    consult = [e for e in selective.events if e.plover == "CONSULT" and e.sentence_index == 0]
    assert consult and {a.name for a in consult[0].actors} == {"Vladimir Putin"}
    assert {a.name for a in consult[0].recipients} >= {"Xi Jinping"}
    # "The meeting …" continues the sentence that named the actors, so it is parsed; the last line is
    # as eventful but nobody is in reach (the line before names no one), so only the full parse codes it
    assert {e.sentence_index for e in selective.events} == {0, 1}
    assert {1, 3} <= {e.sentence_index for e in whole.events}
    assert selective.mentions == whole.mentions and selective.dates == whole.dates


def test_fast_lemmatizer_matches_and_caches(plain_and_fast: tuple[Any, Any]) -> None:
    plain, fast = plain_and_fast
    wrapped = fast.get_pipe("lemmatizer")
    assert isinstance(wrapped, FastLemmatizer)
    text = "The ministers were meeting; they met again and the talks resumed. Ministers meet often."
    for _ in range(2):  # the second pass answers from the cache
        assert [t.lemma_ for t in plain(text)] == [t.lemma_ for t in fast(text)]
    assert wrapped.cache


def test_theme_words_lemmatise_only_keywords(analyzer: Analyzer) -> None:
    words = ThemeWords(CheapLemmas.of(analyzer.nlp).forms)
    doc = spacy.blank("en").make_doc("Western sanctions hit the gas pipelines of Gazprom")
    keywords = words(doc)
    assert keywords == ["", "sanction", "", "", "gas", "pipeline", "", "gazprom"]
    assert words.themes(doc) == sentence_themes(keywords)
    assert set(words.themes(doc)) == {"sanctions", "energy"}
    assert words.themes(spacy.blank("en").make_doc("Nothing to see here")) == ()


def test_dates_prefilter_keeps_wordy_dates() -> None:
    assert find_dates("He left a week ago.", "2024-05-14")[0].date == "2024-05-07"
    assert find_dates("They meet tomorrow.", "2024-05-14")[0].date == "2024-05-15"
    assert find_dates("Nothing dated here.", "2024-05-14") == []


def test_sentence_texts_are_the_spans_texts() -> None:
    doc = split_sentences(spacy.blank("en").make_doc(TEXT))
    spans = sentence_spans(doc)
    assert sentence_texts(spans) == [s.text for s in spans] == sentence_texts(spans, TEXT)
    assert [s.text for s in to_sentences(spans, "t1")] == [s.text for s in spans]
    assert sentence_texts([]) == []


def test_theme_keywords_from_lower_hashes(analyzer: Analyzer) -> None:
    from spacy.attrs import LOWER

    words = ThemeWords(CheapLemmas.of(analyzer.nlp).forms)
    doc = spacy.blank("en").make_doc("Western SANCTIONS hit the gas pipelines of Gazprom")
    lowers = doc.to_array(LOWER).tolist()
    assert words.keywords(lowers, doc.vocab.strings) == ["", "sanction", "", "", "gas", "pipeline", "", "gazprom"]
    assert words.themes_of(lowers, doc.vocab.strings) == words.themes(doc)
    assert words.themes_of([], doc.vocab.strings) == ()


def test_theme_hits_from_lower_hashes_match_the_word_lists(analyzer: Analyzer) -> None:
    """``hits_of`` answers a sentence of words cached as no keyword from a set, without a word list, and
    shares one empty ``Counter`` for every sentence without hits: the same hits as the word lists give,
    before and after the words are cached, and after the cache is cleared; the shared one stays empty."""
    from collections import Counter

    from spacy.attrs import LOWER

    from newsdesk.analyze.themes import NO_HITS, in_context, strongest, theme_hits

    words = ThemeWords(CheapLemmas.of(analyzer.nlp).forms)
    words.MAX_CACHE = 40  # type: ignore[misc]  # clears several times below
    plain = ["the", "of", "western", "hit", "said", "on", "a", "and"]  # no keyword: these take the set test
    pool = [*plain, "sanctions", "gas", "pipelines", "tariffs", "troops", "band", "red", "carpet", "human", "rights",
            "oil", "minister", "Tuesday", "talks", "visit", "state", "met"]
    rng = random.Random(7)
    nlp = spacy.blank("en")
    hits = []
    for n in range(300):
        doc = nlp.make_doc(" ".join(rng.choice(plain if n % 3 == 0 else pool) for _ in range(rng.randint(0, 12))))
        lowers = doc.to_array(LOWER).tolist() if len(doc) else []
        for _ in range(2):  # unseen, then cached
            found = words.hits_of(lowers, doc.vocab.strings)
            assert found == theme_hits(words.keywords(lowers, doc.vocab.strings))
            assert strongest(found) == tuple(name for name, k in Counter(found).most_common() if k > 0)
        hits.append(found)
    assert any(h is NO_HITS for h in hits) and any(hits)
    assert len(in_context(hits)) == len(hits) and not NO_HITS and strongest(Counter()) == ()


def test_fast_attribute_ruler_runs_multi_token_patterns_only_when_they_can_match(
        plain_and_fast: tuple[Any, Any]) -> None:
    plain, fast = plain_and_fast
    ruler = fast.get_pipe("attribute_ruler")
    assert isinstance(ruler, FastAttributeRuler) and ruler.cues
    text = ("There is a plan, and there were two. They're gon na talk, y'all. Let's go; we got ta leave. "
            "He ai n't here. C'm on!")
    a, b = plain(text), fast(text)
    assert [(t.pos_, str(t.morph), t.lemma_) for t in a] == [(t.pos_, str(t.morph), t.lemma_) for t in b]
    assert ruler._may_match(fast("They're gon na talk."))
    assert not ruler._may_match(fast("The ministers met in Geneva on Monday."))


def test_date_unit_cue_in_any_case() -> None:
    assert find_dates("THEY MEET TOMORROW.", "2024-05-14")[0].date == "2024-05-15"
    assert find_dates("Ils arrivent — they meet toMORROW à Genève.", "2024-05-14")[0].date == "2024-05-15"
    assert find_dates("Nothing dated here, café.", "2024-05-14") == []
