"""A faster drop-in for spaCy's ``attribute_ruler`` on the small English model.

The ruler maps fine tags to coarse POS and morphology (plus a few word exceptions) with a
token ``Matcher``: 179 patterns, yet about 2 ms a sentence — a fifth of the whole analysis in the
default (no NER) mode. Almost all patterns look at one token's tag, lower-cased form, dependency
label or whitespace, so they are answered here by dictionary lookups; the few multi-token
patterns stay in a small matcher. Matches are applied in the ruler's own order (later patterns
win), so the annotations are the same as the original's.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from spacy.matcher import Matcher
from spacy.tokens import Doc, Token

_SINGLE_KEYS = {"TAG", "LOWER", "DEP", "IS_SPACE"}


@dataclass(frozen=True)
class _Rule:
    order: int
    dep: Any
    is_space: Any


def _simple(value: Any) -> bool:
    return isinstance(value, (str, bool)) or (isinstance(value, dict) and set(value) == {"IN"})


def _values(value: Any) -> list[Any]:
    """The values a pattern key accepts (None: any)."""
    if value is None:
        return [None]
    return list(value["IN"]) if isinstance(value, dict) else [value]


def _ok(want: Any, have: Any) -> bool:
    if want is None:
        return True
    return have in want["IN"] if isinstance(want, dict) else have == want


class FastAttributeRuler:
    """Callable pipeline component wrapping an existing ``AttributeRuler`` (its attrs are reused)."""

    def __init__(self, ruler: Any) -> None:
        from spacy.tokens._retokenize import set_token_attrs

        self._set = set_token_attrs
        self.attrs = ruler.attrs
        self.indices = ruler.indices
        self.rules: dict[tuple[Any, Any], list[_Rule]] = {}
        self.matcher = Matcher(ruler.vocab)
        for order, entry in enumerate(ruler.patterns):
            for pattern in entry["patterns"]:
                self._add(order, pattern)

    def _add(self, order: int, pattern: list[dict[str, Any]]) -> None:
        tok = pattern[0] if len(pattern) == 1 else {}
        if tok and set(tok) <= _SINGLE_KEYS and all(_simple(v) for v in tok.values()) and \
                self.indices[order] in (0, -1):
            rule = _Rule(order, tok.get("DEP"), tok.get("IS_SPACE"))
            for tag in _values(tok.get("TAG")):
                for lower in _values(tok.get("LOWER")):
                    self.rules.setdefault((tag, lower), []).append(rule)
        else:
            self.matcher.add(str(order), [pattern])

    def _single(self, token: Token, out: list[tuple[int, int]]) -> None:
        tag, lower = token.tag_, token.lower_
        for key in ((tag, lower), (tag, None), (None, lower), (None, None)):
            for rule in self.rules.get(key, ()):
                if _ok(rule.dep, token.dep_) and _ok(rule.is_space, token.is_space):
                    out.append((rule.order, token.i))

    def __call__(self, doc: Doc) -> Doc:
        hits: list[tuple[int, int]] = []
        for token in doc:
            self._single(token, hits)
        strings = doc.vocab.strings
        for match_id, start, end in self.matcher(doc, allow_missing=True):
            order = int(strings[match_id])
            hits.append((order, start + self.indices[order] if self.indices[order] >= 0 else end + self.indices[order]))
        hits.sort()
        for order, i in hits:
            self._set(doc[i], self.attrs[order])
        return doc


def speed_up(nlp: Any) -> None:
    """Replace the pipeline's ``attribute_ruler`` by :class:`FastAttributeRuler` (idempotent)."""
    if "attribute_ruler" not in nlp.pipe_names:
        return
    ruler = nlp.get_pipe("attribute_ruler")
    if isinstance(ruler, FastAttributeRuler):
        return
    components = getattr(nlp, "_components", None)
    if not isinstance(components, list):
        return
    fast = FastAttributeRuler(ruler)
    index = next(i for i, (name, _) in enumerate(components) if name == "attribute_ruler")
    components[index] = ("attribute_ruler", fast)
