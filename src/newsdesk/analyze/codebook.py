"""The CAMEO verb dictionary's compound patterns and PETRARCH's verb-interaction convention.

The Phoenix verb dictionary (``CAMEO.2.0.txt``) codes a verb by what follows it: "lift" is no event,
"lift sanctions" is 085 (ease economic sanctions), "claim responsibility" 015, "order an
investigation" 1014. Each verb block lists such patterns, and PETRARCH applies them to every verb
of the block (its synonyms). :class:`Codebook` matches them over a dependency parse: a pattern's
words must appear, in order, among the words of the verb's own clause (before the verb for the
words left of ``*``, after it for the others), so "lifted the remaining US sanctions" matches
``LIFT * SANCTIONS``.

A speech act that governs another act ("pledged to expel", "threatened to attack", "Israel said
a mortar was fired at it") frames it. PETRARCH-2 combines the two codes by a precedence of frames
(its "verb interaction" framework: Say < Appeal < Intend < Demand < … < Consult, plain acts below
them all); :func:`compose` follows it where the CAMEO codebook agrees and the codebook where they
part: an intent to cooperate stays an intent (the codebook's 031–039 "express intent to …"), an
intent to use force is a threat (138), an intent to do another hostile act is that act ("pledged to
expel" 174: CAMEO has no intent to coerce), an intent to meet is the meeting (PETRARCH: "Intend +
Consult is just Consult"). A statement of force is a claim of responsibility (015) when the speaker
did it and an accusation (112) when another party did. "Agree" frames nothing: the codebook's
03 covers "agree to", and the rules already code it so.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Token

#: Uses of force: assault, fight, mass violence.
FORCE_ROOTS = {"18", "19", "20"}
SAY, APPEAL, INTEND, DEMAND, ACCUSE, REJECT, THREATEN = "01", "02", "03", "10", "11", "12", "13"

#: Particles, prepositions and auxiliaries: a pattern of these alone does not code an object.
FUNCTION_WORDS = {
    "on", "off", "out", "up", "down", "for", "to", "in", "into", "with", "against", "at", "by", "from", "over",
    "of", "back", "away", "forward", "aside", "about", "around", "through", "under", "toward", "towards", "upon",
    "the", "a", "an", "will", "would", "is", "are", "was", "were", "be", "been", "has", "have", "had", "as",
    "onto", "across", "along", "behind", "before", "after", "between", "among", "within", "without", "near",
}

#: Dependencies that open another clause, or only say when ("barely two weeks after"): their
#: words are not the verb's pattern words ("GIVE * TWO WEEKS" is an ultimatum).
_CLAUSE_DEPS = {"ccomp", "advcl", "relcl", "acl", "csubj", "parataxis", "conj", "xcomp", "pcomp", "npadvmod"}
#: The key of :meth:`Codebook.pattern`'s answers in a document's ``user_data``.
_MEMO = "newsdesk.codebook.pattern"
#: Short pattern words match whole words only ("on" is not "one", "war" is not "warn").
_PREFIX_MIN = 4


@dataclass(frozen=True)
class Pattern:
    """One dictionary pattern: its code and its words before and after the verb (``*``)."""

    code: str
    before: tuple[str, ...]
    after: tuple[str, ...]
    origin: str = ""  # the verb it was written for (the line's comment)

    @property
    def words(self) -> tuple[str, ...]:
        return self.before + self.after

    @property
    def size(self) -> int:
        return len(self.before) + len(self.after)

    @property
    def content(self) -> int:
        """Words other than particles and prepositions."""
        return sum(w.rstrip("_") not in FUNCTION_WORDS for w in self.words)


#: Patterns the CAMEO codebook defines but the verb dictionary writes for one verb of a block only.
#: 011 is "Decline comment: explicitly decline or refuse to comment"; the dictionary's "* COMMENT
#: [011]" is REFUSE's, and DECLINE, in the same block with its own code 120, would need two content
#: words to borrow it, so "declined to comment" — a staple of news copy — read as a rejection.
SUPPLEMENT: dict[str, tuple[Pattern, ...]] = {"decline": (Pattern("011", (), ("comment",), "decline"),)}


@dataclass(frozen=True)
class Codebook:
    """Verb lemma → its dictionary patterns (its own and its block's), and the synonym sets."""

    patterns: dict[str, tuple[Pattern, ...]] = field(default_factory=dict)
    synsets: dict[str, frozenset[str]] = field(default_factory=dict)
    codes: dict[str, str] = field(default_factory=dict)  # verb → its own (or its block's) code

    @classmethod
    def from_json(cls, data: dict) -> Codebook:  # type: ignore[type-arg]
        blocks = [[_pattern(p) for p in block] for block in data.get("blocks", [])]
        patterns: dict[str, tuple[Pattern, ...]] = {}
        for verb, ids in data.get("verb_blocks", {}).items():
            pats = [_pattern(p) for p in data.get("own", {}).get(verb, [])] + list(SUPPLEMENT.get(verb, ())) + \
                [p for i in ids for p in blocks[i]]
            # a pattern written twice: the later entry replaces the earlier, as PETRARCH's reader does,
            # unless only the earlier was written for this verb ("SET * FIRE" 180, "OPEN * FIRE" 193)
            unique: dict[tuple[tuple[str, ...], tuple[str, ...]], Pattern] = {}
            for p in pats:
                old = unique.get((p.before, p.after))
                if p.size and (old is None or p.origin == verb or old.origin != verb):
                    unique[(p.before, p.after)] = p
            usable = [(p.size, p.origin == verb, i, p) for i, p in enumerate(unique.values())
                      if p.content >= (1 if p.origin == verb else 2)]
            if usable:  # most specific first: the first that matches is the one
                patterns[verb] = tuple(p for *_, p in sorted(usable, key=lambda k: k[:3], reverse=True))
        synsets = {k: frozenset(v) for k, v in data.get("synsets", {}).items()}
        return cls(patterns, synsets, dict(data.get("codes", {})))

    def code(self, verb: Token) -> str | None:
        """The verb's pattern code, else its own code, else None ("---": the dictionary says no event)."""
        return self.match(verb) or self.codes.get(verb.lemma_.lower())

    def match(self, verb: Token) -> str | None:
        """The code of :meth:`pattern`, or None."""
        pat = self.pattern(verb)
        return pat.code if pat is not None else None

    def pattern(self, verb: Token) -> Pattern | None:
        """The most specific pattern of ``verb`` its clause matches, or None: most words first,
        then one written for this verb rather than a synonym, then the later one.

        A pattern needs a content word: "GO * FOR", "CALL * OFF", "CARRY * OUT" alone say too
        little to overrule what the verb's object names ("went on strike for higher wages", "called
        off a strike", "carried out attacks"). One written for another verb of the block needs
        two: synonymy in a block is loose ("supply" shares "GIVE * &MILITARY" 150). Both are
        settled when the codebook loads (:meth:`from_json`), which also orders the patterns.

        The answer is kept on the verb's document (``Doc.user_data``): the coder asks for the same
        verb several times (the 5-way and type models' features, the candidate's root, the frames
        of the verbs below it), and the clause walk was a third of the coder's time."""
        pats = self.patterns.get(verb.lemma_.lower())
        if not pats:
            return None
        key = (_MEMO, id(self), verb.i)
        memo = verb.doc.user_data
        if key not in memo:
            memo[key] = self._pattern(verb, pats)
        return memo[key]

    def _pattern(self, verb: Token, pats: tuple[Pattern, ...]) -> Pattern | None:
        left, right = _clause_words(verb)
        present = _stems(left + right)
        for pat in pats:
            if not all(self._present(w, present) for w in pat.words):
                continue  # a cheap test before the ordered one: most patterns name absent words
            if self._ordered(pat.before, left) and self._ordered(pat.after, right):
                return pat
        return None

    def _present(self, word: str, stems: set[str]) -> bool:
        if word.startswith("&"):
            return any(m.rstrip("_") in stems for m in self.synsets.get(word[1:].rstrip("_"), ()))
        return word.rstrip("_") in stems

    def _ordered(self, words: tuple[str, ...], toks: list[tuple[str, str]]) -> bool:
        pos = 0
        for word in words:
            while pos < len(toks) and not self.word_ok(word, toks[pos]):
                pos += 1
            if pos == len(toks):
                return False
            pos += 1
        return True

    def word_ok(self, word: str, tok: tuple[str, str]) -> bool:
        """Whether a pattern word (a stem, an exact word, or a synonym set) matches the token."""
        if word.startswith("&"):
            members = self.synsets.get(word[1:].rstrip("_"), frozenset())
            return any(_word_match(m, tok) for m in members)
        return _word_match(word, tok)


def _pattern(raw: list) -> Pattern:  # type: ignore[type-arg]
    return Pattern(raw[0], tuple(raw[1]), tuple(raw[2]), raw[3] if len(raw) > 3 else "")


def _stems(toks: list[tuple[str, str]]) -> set[str]:
    """Every word a pattern word could be, as a set: each text and lemma, and their prefixes
    long enough to be stems (``_word_match`` without the order)."""
    out: set[str] = set()
    for text, lemma in toks:
        for form in (text, lemma):
            out.add(form)
            out.update(form[:n] for n in range(_PREFIX_MIN, len(form)))
    return out


def _word_match(word: str, tok: tuple[str, str]) -> bool:
    """The dictionary's words are stems unless they end in "_" ("VIOLAT" matches "violated")."""
    text, lemma = tok
    exact = word.endswith("_") or len(word) < _PREFIX_MIN
    word = word.rstrip("_")
    if exact:
        return word in (text, lemma)
    return text.startswith(word) or lemma.startswith(word)


def _clause_words(verb: Token) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """(text, lemma) of the words of the verb's own clause, before and after it. A complement
    verb ("asked to intervene") counts as a word, not its own dependents."""
    left: list[tuple[str, str]] = []
    right: list[tuple[str, str]] = []
    for tok in verb.subtree:
        if tok.i == verb.i or not _local(tok, verb):
            continue
        (left if tok.i < verb.i else right).append((tok.lower_, tok.lemma_.lower()))
    return left, right


def _local(tok: Token, verb: Token) -> bool:
    cur = tok
    while cur.head.i != verb.i:
        if cur.dep_ in _CLAUSE_DEPS or cur.head.i == cur.i:
            return False
        cur = cur.head
    return cur.dep_ not in _CLAUSE_DEPS or cur.i == tok.i and cur.dep_ == "xcomp"


def compose(outer: str, inner: str, same_doer: bool) -> str | None:
    """Root of an act (``inner``) framed by the speech act of the verb that governs it (``outer``),
    or None where the frame has no say (the act and the rules' modality decide).

    - A statement or claim of force (01, 11): by the speaker a claim of responsibility (015), by
      another party an accusation of it (112); PETRARCH-2 codes "said they attacked" 015.
    - An intent (03: pledge, promise, offer): a cooperative act is the intent (031–039, the
      CAMEO codebook's "express intent to …"), but a meeting is the meeting (PETRARCH-2: consult
      outranks every frame); force is a threat (138, as PETRARCH-2 codes "want to attack");
      another hostile act is the act itself, CAMEO having no intent to coerce ("pledged to
      expel" 174).
    - An appeal, demand or threat (02, 10, 13) stays itself: the codebook's subcodes name what is
      asked for or threatened (023 "appeal for aid", 1312 "threaten with sanctions").
    - A refusal (12) stays a refusal.
    """
    if outer in (SAY, ACCUSE):
        return (SAY if same_doer else ACCUSE) if inner in FORCE_ROOTS else None
    if outer == INTEND:
        if inner in FORCE_ROOTS:
            return THREATEN
        return INTEND if int(inner) <= 8 and inner != "04" else inner
    if outer in (APPEAL, DEMAND, THREATEN, REJECT):
        return outer
    return None
