"""Retelling a historical-present sentence in the past tense, for backgrounds.

Why: timelines and wire updates are written in the historical present ("Dr. Murray finds Jackson
unconscious", "BP says the leak is slowing"), while a background tells what happened *before* the
current report, and the human backgrounds of the background-summary data tell it in the past
("found", "said … was"). A background printed in the present reads as if each step were news
today, and its irregular verbs match no reference word ("finds" and "found" share no stem).

The retelling changes nothing but the tense of finite present verbs:

* a present verb (tag VBZ or VBP: "finds", "are", "has", "does") becomes its past form; every other
  word, the word count and the word order stay the source's, so the sentence keeps its source's
  dates, numbers and names and :func:`is_retelling` can check the result mechanically;
* nothing inside quotation marks (double, or typographic single) changes: a quote is the speaker's
  words;
* "will" becomes "would" only in a clause reported by a verb that is retold ("BP says it will pay"
  → "BP said it would pay"): the future as seen from a past report;
* contractions ("he's"), other modals ("can": "could" changes the claim's force), the narrator's
  own "will", a capitalised verb inside a sentence (a title: "the This Is It tour") and tokens the
  parser does not attach as verbs (a noun mis-tagged VBZ, "$562m") are left alone;
* a subjunctive after a verb of demanding ("recommend that the Council boost") is not a present
  tense and stays as it is.

Without an installed spaCy English model the sentence is returned unchanged.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import Any

from newsdesk.brief.compress import parser

#: Quotation tokens: a plain double quote toggles, the typographic ones open or close.
_TOGGLE = frozenset({'"'})
_OPENING = frozenset({"“", "``", "‘"})
_CLOSING = frozenset({"”", "''", "’"})
#: Dependency labels of a token used as a noun or modifier: a VBZ tag there is a tagging error.
_NOMINAL = frozenset(
    {"nsubj", "nsubjpass", "dobj", "pobj", "compound", "amod", "attr", "appos", "poss", "npadvmod", "punct"}
)


def _wordset(text: str) -> frozenset[str]:
    return frozenset(text.split())


def _pairs(text: str) -> dict[str, str]:
    words = text.split()
    return dict(zip(words[::2], words[1::2], strict=True))


#: Present forms whose past is not the regular base + "-ed" (base form and 3rd-person form both listed
#: where they differ irregularly); written for the verbs news timelines use.
_IRREGULAR = _pairs(
    "is was are were am was has had have had does did do did goes went go went says said say said will would "
    "wo would "  # "won't" is tokenised "wo" + "n't"
    "arise arose awake awoke bear bore beat beat become became begin began bend bent bet bet bid bid "
    "bind bound bite bit bleed bled blow blew break broke breed bred bring brought broadcast broadcast "
    "build built burst burst buy bought cast cast catch caught choose chose cling clung come came cost cost "
    "creep crept cut cut deal dealt dig dug draw drew drink drank drive drove eat ate fall fell feed fed "
    "feel felt fight fought find found flee fled fly flew forbid forbade forecast forecast foresee foresaw "
    "forget forgot forgive forgave freeze froze get got give gave grind ground grow grew hang hung hear heard "
    "hide hid hit hit hold held hurt hurt keep kept kneel knelt know knew lay laid lead led leave left lend lent "
    "let let light lit lose lost make made mean meant meet met mislead misled mistake mistook "
    "offset offset overcome overcame overhear overheard override overrode overrun overran oversee oversaw "
    "overtake overtook overthrow overthrew pay paid prove proved put put quit quit read read rebuild rebuilt "
    "redo redid repay repaid reset reset retell retold rethink rethought rewrite rewrote rid rid ride rode "
    "ring rang rise rose run ran see saw seek sought sell sold send sent set set shake shook shed shed "
    "shine shone shoot shot show showed shrink shrank shut shut sing sang sink sank sit sat sleep slept "
    "slide slid speak spoke speed sped spend spent spin spun split split spread spread spring sprang stand stood "
    "steal stole stick stuck sting stung strike struck strive strove swear swore sweep swept swim swam "
    "swing swung take took teach taught tear tore tell told think thought throw threw thrust thrust "
    "undergo underwent understand understood undertake undertook undo undid uphold upheld upset upset "
    "wake woke wear wore weep wept win won withdraw withdrew withhold withheld withstand withstood "
    "write wrote"
)
#: Verbs of more than one syllable stressed on the last, which double their final consonant.
_DOUBLING = _wordset(
    "admit commit submit permit omit emit acquit occur recur incur concur refer prefer confer defer deter "
    "transfer control patrol compel expel propel repel rebel regret kidnap equip outstrip"
)
_VOWELS = "aeiou"
#: Verbs that take a mandative subjunctive: "recommend that the Council boost" is no present tense.
_MANDATIVE = _wordset(
    "recommend recommends recommended recommending demand demands demanded demanding insist insists insisted "
    "insisting urge urges urged urging propose proposes proposed proposing suggest suggests suggested "
    "suggesting require requires required requiring request requests requested requesting ask asks asked "
    "asking order orders ordered ordering"
)


def base_form(present: str) -> str:
    """The base form of a present verb: "carries" → "carry", "pushes" → "push", "finds" → "find"."""
    word = present.lower()
    if word in _IRREGULAR or not word.endswith("s") or word.endswith("ss"):
        return word
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("sses", "shes", "ches", "xes", "zzes", "oes")):
        return word[:-2]
    return word[:-1]


def past_form(present: str) -> str:
    """The simple past of a present verb form, in the word's own capitalisation."""
    word = present.lower()
    if word.endswith(("n't", "n’t")) and len(word) > 3:  # "doesn't" → "didn't" (checks see whole words)
        return past_form(present[:-3]) + present[-3:]
    base = base_form(word)
    past = _IRREGULAR.get(word) or _IRREGULAR.get(base) or _regular_past(base)
    return past[:1].upper() + past[1:] if present[:1].isupper() else past


def _regular_past(base: str) -> str:
    if base.endswith("e"):
        return base + "d"
    if base.endswith("y") and len(base) > 2 and base[-2] not in _VOWELS:
        return base[:-1] + "ied"
    if base in _DOUBLING or _short_closed(base):
        return base + base[-1] + "ed"
    return base + "ed"


def _short_closed(base: str) -> bool:
    """One syllable ending consonant-vowel-consonant ("stop", "plan"): the consonant doubles."""
    groups = re.findall(r"[aeiou]+", base)
    return (
        len(groups) == 1
        and len(base) >= 3
        and base[-1] not in _VOWELS + "wxy"
        and base[-2] in _VOWELS
        and base[-3] not in _VOWELS
    )


@dataclass(frozen=True)
class Retelling:
    """A sentence in the past tense and the present-tense sentence it retells."""

    text: str
    source: str

    @property
    def changed(self) -> bool:
        return self.text != self.source


def _shiftable(token: Any) -> bool:
    """A finite present verb standing as a word of its own (not "m" of "$562m", not a mis-tagged noun)."""
    return (
        token.tag_ in {"VBZ", "VBP"}
        and token.text.isalpha()
        and (token.i == 0 or not token.text[:1].isupper())  # "Jackson's This Is It tour": a title
        and token.dep_ not in _NOMINAL
        and (token.i == 0 or _free_after(token.doc[token.i - 1]))
        and not any(_noun_as_verb(c) for c in token.children if c.dep_ in {"nsubj", "nsubjpass"})
        and not _subjunctive(token)
    )


def _subjunctive(token: Any) -> bool:
    """A base-form verb with a singular subject in a clause a verb of demanding governs ("he would
    recommend that the Council boost troop numbers"): a subjunctive, which has no past to put it in."""
    if token.tag_ != "VBP" or token.dep_ != "ccomp" or token.head.lower_ not in _MANDATIVE:
        return False
    subjects = [c for c in token.children if c.dep_ in {"nsubj", "nsubjpass"}]
    return any(
        (s.tag_ in {"NN", "NNP"} and not any(c.dep_ == "conj" for c in s.children))
        or s.lower_ in {"he", "she", "it"}
        for s in subjects
    )


def _reported_will(token: Any) -> bool:
    """"will" in a clause reported by a verb that is itself retold: "BP says it will pay" → "BP said
    it would pay" (the future seen from a past report). A "will" of the narrator's own stays."""
    clause = token.head
    return (
        token.tag_ == "MD"
        and token.lower_ in {"will", "wo"}
        and clause.dep_ == "ccomp"
        and clause.head.i != clause.i
        and _shiftable(clause.head)
    )


def _free_after(previous: Any) -> bool:
    """The word before is separated by a space and is no noun tagged as a verb."""
    return bool(previous.whitespace_) and not _noun_as_verb(previous)


def _noun_as_verb(token: Any) -> bool:
    """A noun tagged as a present verb ("Blair fields accusations"): next to it, tags are unreliable."""
    return token.tag_ in {"VBZ", "VBP"} and token.dep_ in _NOMINAL


@functools.lru_cache(maxsize=65536)
def past_tense(sentence: str) -> Retelling:
    """``sentence`` with its finite present verbs in the past tense, quotes untouched (memoised)."""
    nlp = parser()
    if nlp is None or not sentence.strip():
        return Retelling(sentence, sentence)
    pieces: list[str] = []
    quoted = False
    for token in nlp(sentence):
        if token.text in _TOGGLE:
            quoted = not quoted
        elif token.text in _OPENING or token.text in _CLOSING:
            quoted = token.text in _OPENING
        if not quoted and (_shiftable(token) or _reported_will(token)):
            pieces.append(past_form(token.text) + token.whitespace_)
        else:
            pieces.append(token.text_with_ws)
    return Retelling("".join(pieces), sentence)


def is_retelling(told: str, source: str) -> bool:
    """True when ``told`` is ``source`` word for word, but for present verbs put in the past.

    The mechanical check a reader (or a test) can run on :func:`past_tense`'s output: no word is
    added, dropped or moved, and each changed word is the past form of the word it replaces.
    """
    a, b = told.split(), source.split()
    if len(a) != len(b):
        return False
    return all(x == y or _same_past(x, y) for x, y in zip(a, b, strict=True))


_CORE = re.compile(r"^(\W*)(.*?)(\W*)$")  # punctuation around a word, and the word


def _same_past(told: str, source: str) -> bool:
    t, s = _CORE.match(told), _CORE.match(source)
    assert t is not None and s is not None  # the pattern matches every string
    return t.group(1, 3) == s.group(1, 3) and past_form(s.group(2)) == t.group(2)


def is_retold_compression(short: str, source: str) -> bool:
    """True when ``short``'s words are, in order, ``source``'s words or their past forms.

    The check for a sentence that was both shortened (:func:`newsdesk.brief.compress.is_compression`)
    and retold (:func:`past_tense`): no word of its own but a present verb's past.
    """
    have = iter(re.findall(r"[\w'’$%-]+", source.lower()))
    return all(
        any(word == w or word == past_form(w) for w in have) for word in re.findall(r"[\w'’$%-]+", short.lower())
    )
