"""A dependency-free sentence splitter for plain text.

The summariser works on plain text that has not been through the analyze stage (the ``summarize``
CLI takes bare JSONL), so it needs its own splitter. A regex splitter is predictable and fast; the
hard cases in news copy are abbreviations ("Dr.", "Gen.", "U.S.") and decimals ("3.5"), handled
below by looking at the token before each candidate boundary, and model names written in capitals
with a full stop inside ("the ID. SPACE VIZZION is …"), handled by looking at the words after it.
"""

from __future__ import annotations

import re


def _wordset(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Tokens that end with a period but rarely end a sentence (compared lower-case, without the dot).
_ABBREVIATIONS = _wordset(
    """
    mr mrs ms dr prof st sr jr gen lt col maj capt sgt cmdr adm gov sen rep pres rev hon fr
    inc ltd co corp plc llc bros dept univ assn est approx vs etc al
    jan feb mar apr jun jul aug sep sept oct nov dec mon tue tues wed thu thurs fri sat sun
    mt ft ave blvd rd
    """
)

# Abbreviations that only count as such before a number ("No. 10", "Fig. 3").
_NUMBER_ABBREVIATIONS = frozenset({"no", "nos", "fig", "vol", "pp"})

# Words that almost always open a new sentence; after a dotted acronym ("U.S.") they signal that
# the acronym also ended the sentence.
_SENTENCE_OPENERS = _wordset(
    """
    the a an he she it they we i his her its their this that these those there but and
    however in on at after before when while meanwhile yet so officials police
    """
)

_BOUNDARY = re.compile(r"[.!?]+[\"'”’)\]]*(?=\s+[\"'“‘(\[]?[A-Z0-9])")
_TOKEN_BEFORE = re.compile(r"(\S+)$")
_DOTTED_ACRONYM = re.compile(r"^(?:[A-Za-z]\.){1,4}[A-Za-z]?$")
_NEXT_WORD = re.compile(r"\s+[\"'“‘(\[]?([A-Za-z]+)")
# A model name written in capitals with a full stop inside it: "the ID. SPACE VIZZION is" (the analyze
# stage's splitter keeps the same case whole; see newsdesk.analyze.sentences). The stop follows a short
# capitals token that follows a word; two or more capitals words come next, then a word in lower case
# goes on with the sentence. "the US. The talks" and "the UN. NATO said" have one opener, not a run.
_NAME_HEAD = re.compile(r"[A-Za-z]+[ \t]+[A-Z]{1,4}$")
_NAME_RUN = re.compile(r"(?:[ \t]+(?=[A-Z0-9]*[A-Z])[A-Z0-9]{2,}(?![^\s])){2,}[ \t]+\S*[a-z]")


def _is_false_boundary(text: str, dot_at: int, end: int) -> bool:
    """True when the period at ``dot_at`` belongs to an abbreviation or initial, not a sentence end."""
    if text[dot_at] != ".":
        return False
    match = _TOKEN_BEFORE.search(text, 0, dot_at)
    token = match.group(1).lstrip("\"'“‘([") if match else ""
    if not token:
        return False
    if token.lower() in _ABBREVIATIONS:
        return True
    if token.lower() in _NUMBER_ABBREVIATIONS:
        return bool(re.match(r"\s+\d", text[end:]))
    if len(token) == 1 and token.isupper():  # a middle initial: "George W. Bush"
        return True
    if token.isupper() and _NAME_HEAD.search(text, 0, dot_at) and _NAME_RUN.match(text, end):
        return True  # inside a name written in capitals: "the ID. SPACE VIZZION is"
    if _DOTTED_ACRONYM.match(token):  # "U.S", "a.m"
        following = _NEXT_WORD.match(text, end)
        return not (following and following.group(1).lower() in _SENTENCE_OPENERS)
    return False


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Character spans of the sentences of ``text``; line breaks always end a sentence."""
    spans: list[tuple[int, int]] = []
    for line in re.finditer(r"[^\n]+", text):
        start = line.start()
        for boundary in _BOUNDARY.finditer(text, line.start(), line.end()):
            if _is_false_boundary(text, boundary.start(), boundary.end()):
                continue
            spans.append((start, boundary.end()))
            start = boundary.end()
        spans.append((start, line.end()))
    return [_strip(text, s, e) for s, e in spans if text[s:e].strip()]


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def split_sentences(text: str) -> list[str]:
    """The sentences of ``text``, verbatim (whitespace at the edges trimmed)."""
    return [text[s:e] for s, e in sentence_spans(text)]
