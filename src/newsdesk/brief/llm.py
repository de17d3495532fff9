"""Optional LLM writer: turn a brief's extractive items into prose, keeping only supported sentences.

Any OpenAI-compatible endpoint works (a local llama.cpp or vLLM server, a hosted API), configured
by environment: ``NEWSDESK_LLM_BASE_URL`` (e.g. ``http://127.0.0.1:8080/v1``),
``NEWSDESK_LLM_MODEL`` and, when the server wants one, ``NEWSDESK_LLM_API_KEY``. Nothing in
newsdesk requires an endpoint; without one the extractive brief is the brief.

A model may write anything, so nothing it writes is trusted. Each section (each group of Key
aspects and Reactions) is sent as numbered source sentences; every sentence that comes back must
end with citation markers ``[n]`` and pass :func:`support_problems` against the sentences it
cites: most of its content words occur in them, and every number and every capitalised name in
it does. A sentence that fails is dropped and the extractive items it cited come back in its
place; an item no kept sentence cites stays as it was. :func:`newsdesk.brief.writer.verify_brief`
applies the same check to any item that is not a literal part of its cited sentence.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Protocol

import httpx

from newsdesk.brief.sentences import split_sentences
from newsdesk.model import Brief, BriefItem, Section

MIN_OVERLAP = 0.7  # share of a generated sentence's content words found in its cited sentences
_MARKERS = re.compile(r"((?:\s*\[\d+\])+)\s*([.!?]?)\s*$")
_NUMBER = re.compile(r"\d[\d,.]*\d|\d")
_NAME = re.compile(r"(?<=\s)[A-Z][\w'’-]*")
_WORD = re.compile(r"[a-z0-9]+")
_STOP = frozenset(
    re.findall(
        r"\w+",
        """a an the of to in on at and or but that this these those was were is are be been being by for
        with as it its their his her he she they them from into over after before while also which who
        whom what when where than then there has have had not no will would could should may might can
        said says say""",
    )
)
_SYSTEM = (
    "You rewrite news brief items into concise, neutral prose for an analyst. Use only facts stated "
    "in the numbered source sentences. End every sentence with the markers of the sources it uses, "
    "like [2] or [2][5]. Do not add facts, numbers, names, opinions or sources."
)


@dataclass(frozen=True)
class LlmConfig:
    base_url: str
    model: str
    api_key: str | None = None
    timeout: float = 60.0

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> LlmConfig | None:
        """The endpoint configured in the environment, or None when there is none."""
        env = os.environ if env is None else env
        base, model = env.get("NEWSDESK_LLM_BASE_URL"), env.get("NEWSDESK_LLM_MODEL")
        if not base or not model:
            return None
        return cls(base.rstrip("/"), model, env.get("NEWSDESK_LLM_API_KEY") or None)


@dataclass(frozen=True)
class LlmReport:
    kept: int
    rejected: int
    reasons: tuple[str, ...] = ()


class ChatClient(Protocol):
    def complete(self, messages: list[dict[str, str]]) -> str: ...


class HttpChatClient:
    """POST {base}/chat/completions, the OpenAI-compatible protocol, temperature 0."""

    def __init__(self, config: LlmConfig, http: httpx.Client | None = None) -> None:
        self.config = config
        headers = {"Authorization": f"Bearer {config.api_key}"} if config.api_key else {}
        self.http = http or httpx.Client(timeout=config.timeout, headers=headers)

    def complete(self, messages: list[dict[str, str]]) -> str:
        response = self.http.post(
            f"{self.config.base_url}/chat/completions",
            json={"model": self.config.model, "messages": messages, "temperature": 0},
        )
        response.raise_for_status()
        return str(response.json()["choices"][0]["message"]["content"])


# ------------------------------------------------------------------------------------- support


def _content(text: str) -> set[str]:
    return {w for w in _WORD.findall(text.lower()) if w not in _STOP}


def _stem(word: str) -> str:
    for suffix in ("ing", "ed", "es", "s"):
        if len(word) > len(suffix) + 3 and word.endswith(suffix):
            return word[: -len(suffix)]
    return word


def support_problems(sentence: str, cited: Sequence[str]) -> list[str]:
    """Why ``sentence`` is not supported by the ``cited`` source sentences (empty: supported)."""
    if not cited:
        return ["cites nothing"]
    source = " ".join(cited)
    problems = []
    wanted = {_stem(w) for w in _content(sentence)}
    have = {_stem(w) for w in _content(source)}
    if wanted and len(wanted & have) / len(wanted) < MIN_OVERLAP:
        problems.append(f"only {len(wanted & have)}/{len(wanted)} content words in the sources")
    numbers = {n.replace(",", "").rstrip(".") for n in _NUMBER.findall(source)}
    missing = [n for n in _NUMBER.findall(sentence) if n.replace(",", "").rstrip(".") not in numbers]
    if missing:
        problems.append(f"numbers not in the sources: {missing}")
    lowered = source.lower()
    names = [w.strip("'’") for w in _NAME.findall(" " + sentence)]
    absent = [w for w in names if re.sub(r"['’]s$", "", w).lower() not in lowered]
    if absent:
        problems.append(f"names not in the sources: {absent}")
    return problems


def parse_sentences(text: str) -> list[tuple[str, tuple[int, ...]]]:
    """Generated prose → (sentence without markers, cited numbers); a sentence without markers cites ()."""
    out = []
    for sentence in split_sentences(" ".join(text.split())):
        match = _MARKERS.search(sentence)
        if match is None:
            out.append((sentence, ()))
            continue
        numbers = tuple(int(n) for n in re.findall(r"\d+", match.group(1)))
        claim = sentence[: match.start()].rstrip() + (match.group(2) or "")
        out.append((claim if claim[-1:] in ".!?" else claim + ".", numbers))
    return out


# ------------------------------------------------------------------------------------- rewrite


def _chunks(section: Section) -> list[tuple[str | None, list[BriefItem]]]:
    groups: dict[str | None, list[BriefItem]] = {}
    for item in section.items:
        groups.setdefault(item.group, []).append(item)
    return list(groups.items())


def _prompt(section: str, group: str | None, items: Sequence[BriefItem], texts: Mapping[int, str]) -> str:
    numbers = sorted({n for item in items for n in item.citations})
    lines = [f"[{n}] {texts[n]}" for n in numbers if n in texts]
    about = f"{section}: {group}" if group else section
    return f"Section: {about}\nSource sentences:\n" + "\n".join(lines) + "\nWrite 1-3 sentences."


def _rewrite_chunk(
    reply: str, items: list[BriefItem], texts: Mapping[int, str], group: str | None
) -> tuple[list[BriefItem], int, list[str]]:
    allowed = {n for item in items for n in item.citations}
    kept: list[BriefItem] = []
    reasons: list[str] = []
    covered: set[int] = set()
    for claim, numbers in parse_sentences(reply):
        bad = [n for n in numbers if n not in allowed]
        problems = ["cites sources outside this section"] if bad else []
        problems = problems or support_problems(claim, [texts[n] for n in numbers if n in texts])
        if problems:
            reasons.append(f"{claim[:60]!r}: {'; '.join(problems)}")
            continue
        kept.append(BriefItem(claim, numbers, group))
        covered |= set(numbers)
    fallback = [item for item in items if not set(item.citations) & covered]
    merged = sorted(kept + fallback, key=lambda i: min(i.citations, default=0))
    return merged, len(kept), reasons


def rewrite_brief(
    brief: Brief,
    sources_text: Mapping[int, str] | Sequence[str] | None = None,
    client: ChatClient | None = None,
) -> tuple[Brief, LlmReport]:
    """The brief with each section rewritten as prose where the prose is supported.

    ``sources_text`` gives the text of citation ``n`` (a mapping, or a sequence where item 0 is
    citation 1); by default the brief's own source sentences. Without a client and without an
    endpoint in the environment the brief comes back unchanged.
    """
    if client is None:
        config = LlmConfig.from_env()
        if config is None:
            return brief, LlmReport(0, 0, ("no LLM endpoint configured",))
        client = HttpChatClient(config)
    if sources_text is None:
        sources_text = [s.text for s in brief.sources]
    texts = (
        dict(sources_text) if isinstance(sources_text, Mapping) else dict(enumerate(sources_text, start=1))
    )
    sections, kept, rejected, reasons = [], 0, 0, []
    for section in brief.sections:
        items: list[BriefItem] = []
        for group, chunk in _chunks(section):
            messages = [
                {"role": "system", "content": _SYSTEM},
                {"role": "user", "content": _prompt(section.name, group, chunk, texts)},
            ]
            new, good, why = _rewrite_chunk(client.complete(messages), chunk, texts, group)
            items += new
            kept, rejected, reasons = kept + good, rejected + len(why), reasons + why
        sections.append(Section(section.name, tuple(items)))
    return replace(brief, sections=tuple(sections)), LlmReport(kept, rejected, tuple(reasons))
