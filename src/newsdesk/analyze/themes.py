"""Sentence and article themes from lemma keyword lexicons.

Briefs group their "Key aspects" by theme and stories are labelled by theme; a transparent
keyword lexicon over lemmas is enough for that and explains itself. Article themes are the themes
that occur in the most sentences.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Sequence

from spacy.strings import StringStore
from spacy.tokens import Token

THEMES: dict[str, frozenset[str]] = {
    name: frozenset(words.split())
    for name, words in {
        "energy": "energy oil gas pipeline lng petroleum crude opec nuclear-power electricity power-plant "
                  "coal renewable solar wind gazprom rosneft refinery barrel fuel uranium",
        "trade and economy": "trade economy economic export import tariff investment investor market gdp growth "
                             "yuan rouble ruble dollar currency bank finance financial business commerce exposition "
                             "inflation budget debt supply chain industry industrial",
        "technology": "technology technological tech semiconductor chip ai artificial intelligence quantum "
                      "computing digital cyber satellite space telecom 5g software innovation",
        "security and military": "military army troops weapon weapons missile defense defence security war "
                                 "soldier armed force forces drone strike attack nuclear navy exercise drill "
                                 "arms combat ceasefire offensive invasion defend deter deterrence",
        "diplomacy": "diplomacy diplomatic visit summit talks talk meeting minister ambassador embassy "
                     "partnership relations bilateral envoy negotiation dialogue state-visit treaty",
        "multilateral bodies": "sco brics un nato g20 g7 asean opec iaea wto eu imf osce csto eaeu apec "
                               "multilateral security-council",
        "climate and infrastructure": "climate emission emissions carbon warming infrastructure railway rail "
                                      "port road bridge corridor belt initiative cpec construction flood drought",
        "sanctions": "sanction sanctions embargo blacklist export-control restriction restrictions",
        "human rights": "rights human-rights repression detention prisoner torture freedom censorship "
                        "dissident activist crackdown persecution",
        "health": "health pandemic covid vaccine virus disease hospital outbreak medical epidemic",
        # a "term" only as an office holder's ("a fifth term", "his new term"): "long-term",
        # "over the long term" and "in terms of" are not about elections
        "elections and politics": "election elections vote voter ballot campaign candidate parliament "
                                  "opposition party referendum inauguration president-elect poll "
                                  "second-term third-term fourth-term fifth-term sixth-term new-term "
                                  "presidential-term term-limit term-limits",
        # not "border": in world-affairs news it is far more often a frontier in dispute, a border
        # region's trade or a patrol deal than people crossing it, and those sentences name migrants
        "migration": "migration migrant migrants refugee refugees asylum deportation displaced",
    }.items()
}
#: Pageantry and remembrance: a welcome ceremony's "military band", the "troops" lining a red
#: carpet, a wreath at a soldiers' memorial. Next to these words a single military keyword does
#: not make a sentence about security; two do. (Not "ceremony" or "anniversary": "at a ceremony
#: marking the alliance's anniversary, Biden announced air defence systems" is security news.)
CEREMONY = frozenset(
    {
        "band",
        "red-carpet",
        "honour-guard",
        "honor-guard",
        "banquet",
        "anthem",
        "wreath",
        "rostrum",
        "commemorate",
        "commemoration",
        "commemorative",
    }
)
_PAGEANTRY_MAX = 1
_BIGRAM_JOIN = "-"
#: The words the lexicons are written in, with the parts of joined two-word keywords.
KEYWORDS = frozenset(
    word
    for keys in (*THEMES.values(), CEREMONY)
    for key in keys
    for word in (key, *key.split(_BIGRAM_JOIN))
)


def theme_lemma(lower: str, forms: Callable[[str], Sequence[str]]) -> str:
    """A lower-cased word as the lexicons spell it, without a parse: its first possible lemma that
    is a keyword ("talks" → "talk"), else the word itself. ``forms`` gives the word then its
    possible lemmas (``triage.CheapLemmas.forms``)."""
    if lower.isalpha():
        for form in forms(lower)[1:]:
            if form in KEYWORDS:
                return form
    return lower


#: The hits of a sentence without a keyword, shared: making an empty ``Counter`` costs ≈ 1.7 µs (its
#: ``__init__`` and ``update`` are Python code), and most of an article's ≈ 120 sentences have no keyword.
#: Its readers (:func:`strongest`, :func:`in_context`) never add to it; neither may anyone else.
NO_HITS: Counter[str] = Counter()


class ThemeWords:
    """The keyword each token of a sentence stands for ("" for none), cached per word form: only
    keywords can make a theme, so the rest need no lemma. The forms cached as no keyword are also
    kept as a set, so a sentence of such words is known to have no hits in one C-level test."""

    MAX_CACHE = 500_000

    def __init__(self, forms: Callable[[str], Sequence[str]]) -> None:
        self.forms = forms
        self._cache: dict[int, str] = {}
        self._plain: set[int] = set()  # the keys cached as "" (no keyword)

    def __call__(self, tokens: Iterable[Token]) -> list[str]:
        cache, out = self._cache, []
        for tok in tokens:
            word = cache.get(tok.lower)
            out.append(self._keyword(tok.lower, tok.lower_) if word is None else word)
        return out

    def keywords(self, lowers: Iterable[int], strings: StringStore) -> list[str]:
        """:meth:`__call__` for tokens given as their ``LOWER`` hashes (``Doc.to_array``): an
        article's sentences slice one array instead of making a ``Token`` per word."""
        cache, out = self._cache, []
        for lower in lowers:
            word = cache.get(lower)
            out.append(self._keyword(lower, strings[lower]) if word is None else word)
        return out

    def _keyword(self, key: int, lower: str) -> str:
        if len(self._cache) >= self.MAX_CACHE:
            self._cache.clear()
            self._plain.clear()
        lemma = theme_lemma(lower, self.forms)
        word = self._cache[key] = lemma if lemma in KEYWORDS else ""
        if not word:
            self._plain.add(key)
        return word

    def themes(self, tokens: Iterable[Token]) -> tuple[str, ...]:
        """:func:`sentence_themes` of the tokens' keywords."""
        words = self(tokens)
        return sentence_themes(words) if any(words) else ()

    def themes_of(self, lowers: Sequence[int], strings: StringStore) -> tuple[str, ...]:
        """:meth:`themes` of tokens given as their ``LOWER`` hashes (see :meth:`keywords`)."""
        return strongest(self.hits_of(lowers, strings))

    def hits_of(self, lowers: Sequence[int], strings: StringStore) -> Counter[str]:
        """:func:`theme_hits` of tokens given as their ``LOWER`` hashes (see :meth:`keywords`); a
        sentence without a keyword (most of them) gets :data:`NO_HITS`, not a new ``Counter``. When
        every word is cached as no keyword, that is one set test, with no list of words made."""
        if self._plain.issuperset(lowers):
            return NO_HITS
        words = self.keywords(lowers, strings)
        return theme_hits(words) if any(words) else NO_HITS


def theme_hits(lemmas: Sequence[str]) -> Counter[str]:
    """How many keywords of each theme occur among ``lemmas`` (lower-cased); themes without any
    are absent."""
    words = [w.lower() for w in lemmas]
    bag = set(words) | {a + _BIGRAM_JOIN + b for a, b in zip(words, words[1:], strict=False)}
    hits = Counter({name: n for name, keys in THEMES.items() if (n := len(bag & keys))})
    if bag & CEREMONY and hits["security and military"] <= _PAGEANTRY_MAX:
        hits.pop("security and military", None)
    return hits


def strongest(hits: Counter[str]) -> tuple[str, ...]:
    """Themes with hits, most first; a tie goes to the lexicon's order. No hits give ``()`` at once:
    ``most_common`` costs ≈ 2 µs even on an empty ``Counter``, and it runs twice for every sentence."""
    if not hits:
        return ()
    return tuple(name for name, n in hits.most_common() if n > 0)


def sentence_themes(lemmas: Sequence[str]) -> tuple[str, ...]:
    """Themes whose keywords occur among ``lemmas`` (lower-cased), strongest first."""
    return strongest(theme_hits(lemmas))


def in_context(hits: Sequence[Counter[str]]) -> tuple[tuple[str, ...], ...]:
    """Each sentence's themes of an article, strongest first, a tie going to the theme its context
    supports: first the theme of more of the article's sentences, then the theme of the sentences
    either side of it; only then the lexicon's order. (Neighbours first filed "Leaders signed the
    Astana Declaration … on security and economic cooperation, and endorsed a Kazakh initiative"
    under infrastructure, for its one word "initiative".)

    A sentence's own keywords often tie one to one ("Modi's exchanges came as New Delhi negotiates
    over tariffs … a penalty for India's purchases of Russian oil": the minister, the tariff and
    the oil); the lexicon's order would file every such tie under its first theme. The order
    changes, never the set, so theme counts stay as they are.
    """
    article: Counter[str] = Counter()
    for counts in hits:
        article.update(counts.keys())
    out = []
    for i, counts in enumerate(hits):
        if len(counts) < 2 or len(set(counts.values())) == len(counts):
            out.append(strongest(counts))  # no tie to break
            continue
        near = Counter(t for j in (i - 1, i + 1) if 0 <= j < len(hits) for t in hits[j])
        order = {t: k for k, t in enumerate(strongest(counts))}
        out.append(tuple(sorted(counts, key=lambda t: (-counts[t], -article[t], -near[t], order[t]))))
    return tuple(out)


def article_themes(per_sentence: Iterable[Sequence[str]], limit: int = 5) -> tuple[str, ...]:
    """The themes present in the most sentences (ties: first seen)."""
    counts: Counter[str] = Counter()
    for themes in per_sentence:
        counts.update(themes)
    return tuple(name for name, _ in counts.most_common(limit))


#: Themes → PLOVER context labels, for event ``context``.
PLOVER_CONTEXTS = {
    "security and military": "military", "trade and economy": "economic", "human rights": "human_rights",
    "health": "health", "migration": "migration", "climate and infrastructure": "environment",
    "elections and politics": "election", "technology": "technology", "diplomacy": "diplomatic",
    "energy": "natural_resource",
}
