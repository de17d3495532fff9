"""Sentence splitting with character spans into the article text.

Scraped articles are full of headings and one-line fragments ("Economic Cooperation:") that the
parser would glue onto the next sentence, so every line break is a hard boundary, set before the
parser runs. Abbreviations such as "U.S." never end a sentence mid-line.

The analysis parses only the sentences that can yield an event, so it must split sentences before
any parse: :func:`split_sentences` does it by rule on the tokens (line breaks, then sentence-final
punctuation followed by a word that does not start in lower case, never after an abbreviation, nor
inside a product name written in capitals: "the ID. SPACE VIZZION is").
"""

from __future__ import annotations

import re
from collections.abc import Callable

import numpy
from spacy.attrs import IS_PUNCT, IS_SPACE, ORTH, SENT_START, SPACY
from spacy.language import Language
from spacy.strings import hash_string
from spacy.tokens import Doc, Span
from spacy.vocab import Vocab

from newsdesk.model import Sentence

COMPONENT = "newsdesk_line_breaks"
_ABBREV = re.compile(r"^(?:[A-Z]\.){2,}$|^(?:Mr|Mrs|Ms|Dr|Gen|Sen|Rep|Gov|Lt|Col|Maj|Capt|St|Jr|Sr|Prof|No|"
                     r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec|Inc|Corp|Co|Ltd|vs)\.$")


@Language.component(COMPONENT)
def line_breaks(doc: Doc) -> Doc:
    """Start a sentence after every line break; never after an abbreviation on the same line."""
    for i, tok in enumerate(doc[:-1]):
        nxt = doc[i + 1]
        if "\n" in tok.text or "\n" in tok.whitespace_:
            if not nxt.is_space:
                nxt.is_sent_start = True
        elif _ABBREV.match(tok.text) and not nxt.is_space and not nxt.is_sent_start:
            nxt.is_sent_start = False
    return doc


#: The longest capitals token whose full stop can belong to a name ("ID." in "ID. SPACE VIZZION").
_NAME_HEAD = 4


def _name_goes_on(i: int, n: int, text: Callable[[int], str], spaced: Callable[[int], int]) -> bool:
    """Whether the full stop at ``i`` sits inside a name written in capitals, not at a sentence end.

    Car and gadget pages write model names as "the ID. SPACE VIZZION is …": a short capitals token,
    its full stop, two or more capitals words, then the sentence goes on in lower case; the short
    token follows a word ("the", "VW"), not a colon or the start of a line. A sentence
    that ends at "the US." or "the UN." is followed by one word that opens the next ("The", "Talks",
    "NATO said"), so only a run of at least two capitals words that ends in a word with lower-case
    letters keeps the stop inside the sentence; a line break, a space token or a full stop ends the
    run and the split stands (a heading or text written all in capitals)."""
    if i < 2 or spaced(i - 1) or not spaced(i) or text(i) != ".":
        return False
    head = text(i - 1)
    if not (len(head) <= _NAME_HEAD and head.isalpha() and head.isupper() and spaced(i - 2)
            and text(i - 2).isalpha()):
        return False
    j = i + 1
    while j < n and len(text(j)) > 1 and text(j).isalnum() and text(j).isupper():
        j += 1
    return j - i > 2 and j < n and any(c.islower() for c in text(j))


#: Tokens that end a sentence when the next word can start one.
_FINAL = frozenset({".", "!", "?", "...", "…", "!?", "?!", "!!", "??"})
#: Punctuation that opens the next sentence when it follows a space (a quote, a bracket).
_OPENING = frozenset({'"', "“", "‘", "'", "(", "[", "«", "„"})


#: What :func:`sentence_starts` reads of each token, as one array (see there).
_ATTRS = [IS_SPACE, IS_PUNCT, ORTH, SPACY]
#: The ``ORTH`` hashes of :data:`_FINAL`: a final mark is found among the hashes, not the texts.
_FINAL_KEYS = numpy.array(sorted(hash_string(t) for t in _FINAL), dtype="uint64")
#: The lexeme flags spaCy itself uses end below this bit; :func:`mark_line_breaks` takes one above.
_FIRST_FREE_FLAG = 19


def _holds_line_break(text: str) -> bool:
    """The lexeme flag of :func:`mark_line_breaks`."""
    return "\n" in text


def _break_flag(vocab: Vocab) -> int | None:
    """The bit of ``vocab``'s lexeme flag "holds a line break", None if it has none."""
    return next((flag for flag, getter in vocab.lex_attr_getters.items() if getter is _holds_line_break), None)


def mark_line_breaks(vocab: Vocab) -> None:
    """Give every lexeme of ``vocab``, now and later, a flag "its text holds a line break", so that
    :func:`sentence_starts` reads it in the token array and decodes only the few texts it needs.

    spaCy sets the flag on every lexeme the vocabulary holds and computes it for each new one. A
    lexeme made inside a memory zone leaves the vocabulary when the zone ends, so call this before
    any document is made (``load_nlp`` does). A vocabulary without the flag is read the slower way,
    with the same answers."""
    if _break_flag(vocab) is None:
        free = next(b for b in range(_FIRST_FREE_FLAG, 64) if b not in vocab.lex_attr_getters)
        vocab.add_flag(_holds_line_break, free)


def sentence_starts(doc: Doc) -> list[bool]:
    """Whether each token starts a sentence, by rule (see the module docstring).

    Every token of every article passes here, so the token attributes are read as one array and
    the texts from the string store: iterating the ``Doc`` makes a ``Token`` object per token
    and each attribute read is a call. A token's whitespace is "" or " " (the tokenizer keeps a
    line break as a token or inside one), so a line break is a newline in a token's text."""
    return _starts_and_spaces(doc)[0]


def _starts_and_spaces(doc: Doc) -> tuple[list[bool], list[int]]:
    """:func:`sentence_starts` and each token's ``IS_SPACE`` flag, read in the same pass."""
    if not len(doc):
        return [], []
    flag = _break_flag(doc.vocab)
    return _decoded_starts(doc) if flag is None else _marked_starts(doc, flag)


def _marked_starts(doc: Doc, flag: int) -> tuple[list[bool], list[int]]:
    """:func:`_decoded_starts` visiting only the tokens that can change the rule's state. While no
    sentence is pending and no final mark was seen, a word changes nothing until the next
    whitespace token, line break or final mark (≈ 8 % of an article's tokens). Those are found in
    the token array (``flag``: :func:`mark_line_breaks`), so only their texts and the next word's
    are decoded, not every token's."""
    arr = doc.to_array([*_ATTRS, flag])
    space = arr[:, 0].tolist()
    breaks = set(numpy.flatnonzero(arr[:, 4]).tolist())
    marked = numpy.flatnonzero(arr[:, 0] | arr[:, 4] | numpy.isin(arr[:, 2], _FINAL_KEYS)).tolist()
    strings = doc.vocab.strings
    n, k = len(space), 0
    starts = [False] * n
    pending, ended, i = True, False, 0
    while i < n:
        if not (pending or ended):  # skip to the next marked token
            while k < len(marked) and marked[k] < i:
                k += 1
            if k == len(marked):
                break
            i = marked[k]
        if space[i]:
            pending = pending or i in breaks
            i += 1
            continue
        if pending:
            starts[i], pending, ended = True, False, False
        elif ended and not arr[i, 1]:
            starts[i], ended = not strings[int(arr[i, 2])][0].islower(), False
        elif ended and arr[i - 1, 3] and strings[int(arr[i, 2])] in _OPENING:
            starts[i], ended = True, False
        elif strings[int(arr[i, 2])] in _FINAL:
            head = strings[int(arr[i - 1, 2])] if i and not arr[i - 1, 3] else ""
            # the look-ahead of a name only after a capitals head: it runs at every sentence end
            if not (_ABBREV.match(head + ".") or head.isupper() and _name_goes_on(
                    i, n, lambda j: strings[int(arr[j, 2])], lambda j: int(arr[j, 3]))):
                ended = True
        pending = i in breaks
        i += 1
    return starts, space


def _decoded_starts(doc: Doc) -> tuple[list[bool], list[int]]:
    """The rule read from every token's decoded text (a vocabulary without the line-break flag)."""
    space, punct, orth, spaced = doc.to_array(_ATTRS).T.tolist()
    texts = list(map(doc.vocab.strings.__getitem__, orth))
    starts = [False] * len(texts)
    pending = True  # the next word starts a sentence: the first word, or after a line break
    ended = False  # a sentence-final mark was seen; the next word starts one unless lower-case
    for i, text in enumerate(texts):
        if space[i]:
            pending = pending or "\n" in text
            continue
        if pending:
            starts[i], pending, ended = True, False, False
        elif ended and not punct[i]:
            starts[i], ended = not text[0].islower(), False
        elif ended and text in _OPENING and spaced[i - 1]:
            starts[i], ended = True, False
        elif text in _FINAL and not (i and not spaced[i - 1] and _ABBREV.match(texts[i - 1] + ".")) \
                and not _name_goes_on(i, len(texts), texts.__getitem__, spaced.__getitem__):
            ended = True  # not a "." split off an abbreviation ("Gen" ".") nor one inside a name
        pending = "\n" in text
    return starts, space


def split_sentences(doc: Doc) -> Doc:
    """Set every token's sentence start by :func:`sentence_starts` (no parse needed); returns ``doc``."""
    _set_starts(doc, sentence_starts(doc))
    return doc


def split_sentence_spans(doc: Doc) -> list[Span]:
    """:func:`split_sentences` then :func:`sentence_spans`, in one pass over the tokens.

    The rule already says where each sentence starts and which tokens are whitespace, so the
    trimmed spans are cut from those lists: ``Doc.sents`` would scan the document again and
    :func:`trimmed` make a ``Token`` for each edge it looks at (every article's every sentence)."""
    starts, space = _starts_and_spaces(doc)
    _set_starts(doc, starts)
    # as ``Doc.sents``: the first sentence begins at token 0, whatever its flag
    cuts = [0, *(i for i in range(1, len(starts)) if starts[i]), len(starts)]
    out = []
    for start, end in zip(cuts, cuts[1:], strict=False):
        while start < end and space[start]:
            start += 1
        while end > start and space[end - 1]:
            end -= 1
        if end > start:
            out.append(doc[start:end])
    return out


def _set_starts(doc: Doc, starts: list[bool]) -> None:
    """Every token's sentence start as one array: the ``Token.is_sent_start`` setter rescans the
    document on every call."""
    if len(doc):
        values = numpy.array([1 if s else -1 for s in starts], dtype="int64")
        doc.from_array([SENT_START], values.astype("uint64").reshape(-1, 1))


def add_line_breaks(nlp: Language) -> None:
    """Insert the line-break component before the parser (or the senter) of ``nlp``."""
    if COMPONENT in nlp.pipe_names:
        return
    before = next((p for p in ("parser", "senter", "sentencizer") if p in nlp.pipe_names), None)
    if before:
        nlp.add_pipe(COMPONENT, before=before)
    else:
        nlp.add_pipe(COMPONENT, first=True)


def trimmed(span: Span) -> Span | None:
    """``span`` without leading/trailing whitespace tokens; None when nothing is left."""
    start, end = span.start, span.end
    doc = span.doc
    while start < end and doc[start].is_space:
        start += 1
    while end > start and doc[end - 1].is_space:
        end -= 1
    return doc[start:end] if end > start else None


def sentence_spans(doc: Doc) -> list[Span]:
    """The non-empty sentences of ``doc``, trimmed of whitespace."""
    return [s for s in (trimmed(sent) for sent in doc.sents) if s is not None]


def sentence_texts(spans: list[Span], text: str | None = None) -> list[str]:
    """The text of each span, sliced from ``text``, its document's text (the tokenizer keeps every
    character): ``Span.text`` joins the span's tokens one by one, and each sentence's text is
    needed twice (dates, the Sentence record)."""
    if not spans:
        return []
    if text is None:
        text = spans[0].doc.text
    return [text[s.start_char:s.end_char] for s in spans]


def to_sentences(spans: list[Span], article_id: str, texts: list[str] | None = None) -> list[Sentence]:
    """Sentence records of ``spans`` (``texts``: their :func:`sentence_texts`, when already made)."""
    texts = sentence_texts(spans) if texts is None else texts
    return [Sentence(article_id, i, span.start_char, span.end_char, text)
            for i, (span, text) in enumerate(zip(spans, texts, strict=True))]
