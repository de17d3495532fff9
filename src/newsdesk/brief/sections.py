"""Choosing the sentences of the Summary, What comes next, Background and Key aspects sections.

Each chooser works on a :class:`Pool` (one story's scored candidates) and *takes* what it prints,
so a sentence appears in one section only. The time cues matter most here: a story is read as of
its last article, so a preview ("Putin will travel to China this weekend") is stale once the trip
has happened and belongs nowhere, while "Kyrgyzstan will host the next summit in 2026" is still
ahead and belongs in What comes next.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

import numpy as np
from scipy import sparse

from newsdesk.analyze.themes import THEMES
from newsdesk.brief import candidates as cues
from newsdesk.brief import meeting
from newsdesk.brief.anaphora import introduced_in, reply_without_cause
from newsdesk.brief.candidates import Candidate, normal_text
from newsdesk.model import MAIN_CLAUSE, SUBORDINATE_CLAUSE, Event
from newsdesk.stories.text import tokens

MAX_BACKGROUND = 6
MAX_OUTLOOK = 6
MAX_THEMES = 6


@dataclass(frozen=True)
class Pick:
    section: str
    candidate: Candidate
    group: str | None = None
    text: str | None = None  # a shorter literal part of the sentence, when only part is printed

    @property
    def printed(self) -> str:
        return self.text or self.candidate.text


@dataclass
class Pool:
    """Scored candidates of one story, their pairwise similarity, and which are already printed."""

    candidates: list[Candidate]
    relevance: np.ndarray
    matrix: sparse.csr_matrix  # L2-normalised TF-IDF rows, one per candidate
    last_date: str | None = None
    latest: frozenset[str] = frozenset()  # ids of the story's latest articles
    previews: frozenset[str] = frozenset()  # ids of misdated preview articles (no news, no outlook)
    used: set[str] = field(default_factory=set)
    taken: list[int] = field(default_factory=list)  # indexes printed so far, in order
    _rows: dict[int, np.ndarray] = field(default_factory=dict)
    _near: np.ndarray = field(default_factory=lambda: np.zeros(0))  # best similarity to a taken one
    _near_count: int = -1  # how many were taken when ``_near`` was computed
    _taken_dates: dict[str, list[int]] = field(default_factory=dict)  # date fact -> taken indexes
    preview_share: dict[str, float] | None = None  # see _preview_share
    stale_flags: list[bool] | None = None  # see stale_at

    def sim(self, i: int, j: int) -> float:
        """Cosine similarity of candidates ``i`` and ``j``; rows are computed only for what is chosen."""
        row = self._row(j)
        return float(row[i]) if row.size else 0.0

    def _row(self, j: int) -> np.ndarray:
        row = self._rows.get(j)
        if row is None:
            if self.matrix.shape[1] == 0:
                return np.zeros(0)
            row = np.asarray((self.matrix @ self.matrix[j].T).todense()).ravel()
            self._rows[j] = row
        return row

    def free(self, index: int) -> bool:
        return normal_text(self.candidates[index].text) not in self.used

    def take(self, index: int) -> Candidate:
        self.used.add(normal_text(self.candidates[index].text))
        self.taken.append(index)
        return self.candidates[index]

    def ranked(self, indexes: Iterable[int]) -> list[int]:
        """Free indexes, most relevant first."""
        return sorted((i for i in indexes if self.free(i)), key=lambda i: -self.relevance[i])

    def new_share(self, i: int, chosen: Iterable[int]) -> float:
        """Share of candidate ``i``'s content words that no chosen candidate uses."""
        words = self.candidates[i].vocabulary
        covered: set[str] = set()
        for j in chosen:
            covered |= self.candidates[j].vocabulary
        return len(words - covered) / max(len(words), 1)

    def novel(self, i: int, chosen: Iterable[int], needed: int = 2, plans_after: str | None = None) -> bool:
        """True when candidate ``i`` adds at least ``needed`` facts the chosen ones do not state.

        With ``plans_after`` (a date), each party of a plan dated after it is a fact of its own
        (see :func:`dated_plans`).
        """
        facts = self._facts(i, plans_after)
        if len(facts) < needed:
            return True  # too few facts to judge: leave it to the text similarity
        covered: set[str] = set()
        for j in chosen:
            covered |= self._facts(j, plans_after)
        return len(facts - covered) >= needed

    def _facts(self, i: int, plans_after: str | None) -> frozenset[str]:
        facts = self.candidates[i].facts
        return facts | dated_plans(self.candidates[i], plans_after) if plans_after else facts

    def diverse(
        self, ranked: Sequence[int], limit: int, max_similarity: float = 0.35, plans_after: str | None = None
    ) -> list[int]:
        """Greedy pick down ``ranked`` skipping near-repeats of what is already picked.

        A near-repeat is either close in wording (TF-IDF cosine) or adds under two new facts — a
        small coverage objective over names, dates and numbers, so the same event in other words
        is caught too. ``plans_after``: see :meth:`novel`.
        """
        chosen: list[int] = []
        for i in ranked:
            if len(chosen) >= limit:
                break
            if (
                all(self.sim(i, j) < max_similarity and not self.same_event(i, j) for j in chosen)
                and self.novel(i, chosen, plans_after=plans_after)
            ):
                chosen.append(i)
        return chosen

    def repeats_printed(self, i: int) -> bool:
        """True when candidate ``i`` restates a sentence another section already prints.

        Each section keeps its own choices apart (:meth:`diverse`), but the trade figure a
        Background line gives must not come back, in other words, under Key aspects.
        """
        if not self.taken:
            return False
        if len(self._near) != len(self.candidates) or self._near_count != len(self.taken):
            rows = [self._row(j) for j in self.taken]
            self._near = np.max(np.vstack(rows), axis=0) if rows[0].size else np.zeros(len(self.candidates))
            self._near_count = len(self.taken)
            self._taken_dates = {}
            for j in self.taken:
                for fact in self.candidates[j].facts:
                    if fact.startswith("date:"):
                        self._taken_dates.setdefault(fact, []).append(j)
        if self._near[i] >= 0.5:
            return True
        sharing = {j for f in self.candidates[i].facts if f in self._taken_dates for j in self._taken_dates[f]}
        return any(self.same_event(i, j) for j in sharing)  # a same event shares a date

    def same_event(self, i: int, j: int) -> bool:
        """True when two sentences state the same dated fact in other words.

        "The waiver takes effect on September 15" and a longer sentence on the same waiver from
        September 15 share few words, and the longer one adds facts, so neither the wording nor the
        coverage test sees the repeat; a shared date with one fact set inside the other does. So does
        a shared date with the same figure ("trade of $240 billion in 2023", said twice).
        """
        a, b = self.candidates[i].facts, self.candidates[j].facts
        shared = a & b
        if not any(f.startswith("date:") for f in shared):
            return False
        if self.last_date and self._other_plans(i, j, self.last_date[:10]):
            return False
        return a <= b or b <= a or any(_figure(f) for f in shared) or self._same_words(i, j)

    def _other_plans(self, i: int, j: int, after: str) -> bool:
        """Both sentences plan something for after ``after`` and no party of one plan is in the
        other: "India will take over the BRICS chair in 2026" and "Kyrgyzstan will host the next
        SCO summit in 2026" share a year and half their words but are two events."""
        x, y = dated_plans(self.candidates[i], after), dated_plans(self.candidates[j], after)
        return bool(x) and bool(y) and not {f.rsplit(":", 1)[1] for f in x} & {f.rsplit(":", 1)[1] for f in y}

    def _same_words(self, i: int, j: int) -> bool:
        """Half the content words of the shorter sentence in the other: for two sentences of the
        same day, one report in two outlets' words ("Misri said on Monday the sides had agreed …")."""
        wi, wj = self.candidates[i].vocabulary, self.candidates[j].vocabulary
        return len(wi & wj) >= 0.5 * max(min(len(wi), len(wj)), 1)


def dated_plans(candidate: Candidate, after: str) -> frozenset[str]:
    """The sentence's own plans dated after ``after``, one fact per party: "India will take over the
    chairmanship of BRICS in 2026" is India's and BRICS's 2026, which "Kyrgyzstan will host the next
    SCO summit in 2026" does not tell, though the two share the year and a bloc named elsewhere.

    Only a main-clause event counts: its date is read from its own clause
    (:mod:`newsdesk.analyze.eventdates`), while an event in a reported or subordinate clause takes the
    sentence's first date ("Diplomats said the package was designed to shield aid from swings after
    the November election" is no plan for November). Hypothetical and negated plans do not count.
    """
    out = set()
    for e in candidate.events:
        if e.future and e.clause == MAIN_CLAUSE and not (e.negated or e.hypothetical) and (e.date or "") > after:
            out |= {f"plan:{e.date}:{a.country or a.name}" for a in (*e.actors, *e.recipients)}
    return frozenset(out)


def _figure(fact: str) -> bool:
    """A number fact that is an amount, not a year or a small count: "num:240", "num:3.5"."""
    if not fact.startswith("num:"):
        return False
    try:
        value = float(fact[4:].replace(",", ""))
    except ValueError:
        return False
    return ("." in fact or value >= 100) and not (1900 <= value <= 2100 and value.is_integer())


def _same_day(candidate: Candidate) -> bool:
    """The sentence dates its news to the day the article appeared: a report of the day, not a recap."""
    day = (candidate.article.date or "")[:10]
    return bool(day) and any(d.date == day and d.granularity == "day" for d in candidate.dates)


#: A preview's wording: "Putin's upcoming visit, scheduled for May 16-17, …".
_PREVIEW = re.compile(
    r"\b(?:upcoming|scheduled (?:for|to)|(?:is|are) (?:also |still |now )?(?:expected|due|set) (?:in|to|for)|"
    r"will (?:travel|visit|arrive|fly|head))\b",
    re.IGNORECASE,
)


def misdated_previews(candidates: Sequence[Candidate]) -> frozenset[str]:
    """Articles that announce as ahead an event their own date puts in the past.

    A scraped page often carries the day it was scraped, not the day it was written; a preview
    ("the upcoming visit, scheduled for May 16-17") dated May 26 would otherwise count as the
    story's latest report, its plans as what comes next and its lead as news. Only a preview
    wording with every date before the article's date counts, so "the deal signed on Tuesday will
    take years" stays news.
    """
    out = set()
    for c in candidates:
        day = (c.article.date or "")[:10]
        if (
            day
            and c.dates
            and _PREVIEW.search(c.text)
            and all((d.date_end or d.date)[:10] < day for d in c.dates)
        ):
            out.add(c.article.id)
    return frozenset(out)


def latest_articles(candidates: Sequence[Candidate], last_date: str | None, days: int = 1) -> frozenset[str]:
    """Articles dated within ``days`` of the story's last report: the current state of affairs.

    The last report is the latest article that is not a misdated preview (see
    :func:`misdated_previews`), which is never among the latest either.
    """
    previews = misdated_previews(candidates)
    kept = [c for c in candidates if c.article.id not in previews]
    dated = [c.article.date for c in kept if c.article.date]
    if previews and dated:
        last_date = min(last_date or max(dated), max(dated))
    if not last_date:
        return frozenset()
    try:
        cutoff = (dt.date.fromisoformat(last_date[:10]) - dt.timedelta(days=days)).isoformat()
    except ValueError:
        return frozenset()
    return frozenset(c.article.id for c in kept if (c.article.date or "") >= cutoff)


# ----------------------------------------------------------------------------------- time cues


#: "over the next year", "within the next month": a length of time, not a date something is due.
_SPAN_BEFORE = re.compile(r"\b(?:over|within|in|for|during) the\s*$", re.IGNORECASE)


def _spans(candidate: Candidate) -> set[str]:
    """Dates the sentence only gives as a length of time ("aid over the next year")."""
    text, base = candidate.sentence.text, candidate.sentence.start
    return {
        d.date
        for d in candidate.dates
        if _SPAN_BEFORE.search(text[max(0, d.start - base - 12) : d.start - base])
    }


#: A month named alone ("in May"): a date resolver reads it as the next one to come.
_BARE_MONTH = re.compile(
    r"^(?:in\s+)?(?:January|February|March|April|May|June|July|August|September|October|November|December)$"
)
#: A verb form that tells a done act: "faced", "said", "wrote".
_PAST_FORM = re.compile(r"(?:ed|said|told|wrote|met|sent|made|took|gave|warned|saw|spoke|went|came|began)$")


def _past_in_bare_month(candidate: Candidate, event: Event) -> bool:
    """A done act dated only by a month named alone: "In a letter to the president in May, Duvall
    said farmers faced …". The verb is past, so the month is the last one of that name, not the
    next one that the date resolver made of it."""
    if not event.trigger or not _PAST_FORM.search(event.trigger.casefold()):
        return False
    own = [d for d in candidate.dates if d.date == event.date]
    return bool(own) and all(_BARE_MONTH.match(d.text) for d in own)


def _future_events(candidate: Candidate) -> list[Event]:
    future = [e for e in candidate.events if e.future and not e.negated]
    if future and candidate.dates:
        spans = _spans(candidate)
        future = [e for e in future if e.date not in spans and not _past_in_bare_month(candidate, e)]
    return future


#: A plan told in the past tense ("The summit was scheduled to end on Friday evening"): what had
#: been planned, usually before it was overtaken ("Instead, negotiators worked into Saturday"), not
#: what is still ahead. A date resolver reads its weekday forward. In reported speech the past
#: tense is only the reporting's ("officials said talks were due to resume in January"), so a
#: sentence that quotes or reports someone is not judged by it.
PAST_PLAN = re.compile(r"\b(?:was|were)\s+(?:originally\s+|initially\s+)?(?:scheduled|due|slated|supposed)\s+to\b")

#: The purpose of something already done, told in the past tense: "the Washington package was
#: designed in part to shield support for Ukraine from future political swings …, including the
#: outcome of the US presidential election in November". What its authors meant it to do is no
#: plan and no scheduled step; a later date in it belongs to what the purpose guards against.
PAST_PURPOSE = re.compile(
    r"\b(?:was|were)\s+(?:\w+ly\s+)?(?:designed|intended|meant|aimed|crafted|drafted|structured|framed)\s+"
    r"(?:(?:in\s+part|partly|largely|mainly|chiefly|primarily|above\s+all)\s+)?(?:to|at)\b"
)


#: What a text already adopted says: "The summit declaration, agreed by all 32 allies on the second
#: day, says members will be in a position to extend an invitation …". Its "will" is a term of the
#: text; the news is its adoption, done by the time of the report. A text still to be adopted
#: ("a declaration to be agreed on Thursday") names no adoption here and is left to the other cues.
ADOPTED_TEXT_SAYS = re.compile(
    r"\b(?:declaration|communiqu[eé]|statement|agreement|accord|treaty|resolution|charter|pact|deal|document)"
    r",\s+(?:[\w’'-]+\s+){0,2}?(?:agreed|adopted|signed|approved|endorsed|issued|published|released)\s+"
    r"(?:by|at|on|in|during|after|last|earlier)\b[^,;]{0,80},\s+"
    r"(?:says|said|states|stated|declares|declared|pledges|commits|reads|notes)\b"
)


def plan_only_aside(candidate: Candidate, main: str, last: str) -> bool:
    """The only plan is in a comma-bounded relative clause: "Tokayev handed the rotating presidency
    to China, which will host next year's summit". The clause describes a party in passing; the
    sentence reports a done act, and its main clause names neither a plan nor a later date. A plan
    in the main clause ("Stoltenberg, who has led it since 2014, will hand over on Oct. 1") stays."""
    if main == candidate.text or cues.FUTURE_CUE.search(main) or cues.OUTLOOK_CUE.search(main):
        return False
    if any(e.future and e.clause == MAIN_CLAUSE for e in candidate.events):
        return False
    side = cues.side_clause_dates(candidate)
    return all(d in side or d.date <= last for d in candidate.dates)


#: A "will" of what holds in general, not of a step to come: a rule of thumb ("the earlier people seek
#: treatment, the more likely it is they will make a full recovery"), what anyone doing something
#: will find ("those who play through the browser will experience …"), or a vow ("this building will
#: never again evoke …").
GENERAL_WILL = re.compile(
    r"\b[Tt]he\s+(?:more|less|\w+er)\b[^,;]{1,80},\s+the\s+(?:more|less|\w+er)\b"
    r"|\b(?:[Tt]hose|[Aa]nyone|[Ww]hoever)\s+who\b[^.;]{0,80}?\bwill\b"
    r"|\bwill\s+never\s+again\b"
)


#: What a product will be able to do, not a step to come: "The 2021 RAV4 Prime will be able to go 39 miles
#: on battery power alone", "the new e-tron Sportback will have Quattro electric all-wheel drive as
#: standard". A spec sheet's "will" (a model year reads as a date ahead); the launch, when told, is a step.
SPEC_WILL = re.compile(
    r"\bwill\s+(?:be\s+able\s+to\s+(?:go|travel|drive|run|reach|cover|carry|deliver|lift|tow|seat|hold|charge)\b"
    r"|(?:have|offer|come\s+with|feature|get)\b[^.;]{1,80}\bas\s+standard\b"
    # the range it comes in: "Audi will offer the car in thirteen different finishes"
    r"|(?:offer|sell|come|be\s+(?:offered|sold))\b[^.;]{0,40}?\bin\s+(?:[\w-]+\s+){1,2}"
    r"(?:colou?rs|finishes|shades|trims|trim\s+levels|versions|variants)\b)"
)
#: What launches it: with these words a spec sentence also tells when the product comes.
_LAUNCH = re.compile(r"\b(?:on\s+sale|launch\w*|arrive\w*|debut\w*|available|deliveries|go\s+into\s+production)\b")


def product_spec(text: str) -> bool:
    """What a product will be able to do (:data:`SPEC_WILL`), with nothing in ``text`` on its launch."""
    return "ill " in text and SPEC_WILL.search(text) is not None and _LAUNCH.search(text) is None


#: A time before the report opening the sentence, then a done act: "A year ago, NASA announced that …",
#: "In May, NASA awarded task orders …", "The next year, the Taliban released two videos …". What the
#: act once looked forward to ("as early as next year") was seen from then, not from the report.
_PAST_OPENING = re.compile(
    r"^(?:(?:A|An|One|Two|Three|Four|Five|Six|Several|\d+)\s+(?:years?|months?|weeks?|days?)\s+ago"
    r"|The\s+(?:next|following|previous)\s+(?:year|month|week|day)"
    r"|In\s+(?:January|February|March|April|May|June|July|August|September|October|November|December)"
    r"(?:\s+\d{4})?),\s+((?:[\w’'.-]+\s+){1,6})"
)
#: Reporting verbs: what was said then may still be ahead ("In May, officials said the plant would open
#: next year").
_REPORTING = frozenset({"said", "told", "wrote", "warned", "added", "noted", "stated"})


def past_opening(text: str) -> bool:
    """``text`` opens on a time before the report and its first verb is a done act, with no "will"
    anywhere (a plan told then in the past is a "would"; "In May, officials said the plant will open"
    keeps its plan)."""
    if " will " in text:
        return False
    found = _PAST_OPENING.match(text)
    words = [word.strip(".,;:").casefold() for word in (found.group(1).split() if found else ())]
    return any(_PAST_FORM.search(word) and word not in _REPORTING for word in words)


def still_ahead(candidate: Candidate, pool: Pool) -> bool:
    """Announced or scheduled and, as of the story's last article, not yet happened.

    Dates only count from a dated article (relative dates in an undated one resolve against
    nothing reliable); a sentence whose every date has passed is history unless it says what is
    still open ("still has to be", "yet to be settled"). A relative clause set off by commas
    describes a party in passing ("Stoltenberg, who has led the alliance since 2014, will hand
    over on Oct. 1"): its dates and its background cues do not make the main clause's plan history.
    """
    last = pool.last_date or ""
    outlook_cue = bool(cues.OUTLOOK_CUE.search(candidate.text))
    if not candidate.article.date:
        return outlook_cue
    if not outlook_cue and not candidate.speeches and " to " in candidate.text and PAST_PLAN.search(candidate.text):
        return False
    if not outlook_cue and (" to " in candidate.text or " at " in candidate.text) and PAST_PURPOSE.search(candidate.text):
        return False  # what a done thing was meant to do
    if candidate.text[:1] in "AOTIFS0123456789" and past_opening(candidate.text):
        return False  # "A year ago, NASA announced … as early as next year": seen from then
    if product_spec(candidate.text):
        return False  # what a product will be able to do: a spec, not a step
    main = cues.without_side_clauses(candidate.text)
    if cues.HISTORICAL_CUE.search(main) and not outlook_cue:
        return False  # "agreed in August last year"; "who has led it since 2014" is a side clause
    if not outlook_cue and "ill " in candidate.text and GENERAL_WILL.search(candidate.text) and not candidate.dates:
        return False  # what holds in general, or a vow: no step to watch for
    if plan_only_aside(candidate, main, last):
        return False  # "handed the presidency to China, which will host next year's summit"
    future = _future_events(candidate)
    if any((e.date or "") > last for e in future):
        return True
    side = cues.side_clause_dates(candidate)
    dates = [d for d in candidate.dates if d not in side or d.date > last]  # a party's past, in passing
    if dates:
        ahead = all(d.date > last for d in dates)
        if ahead and (future or outlook_cue or cues.FUTURE_CUE.search(main)):
            return True
        if not ahead and not outlook_cue:
            return False
    if candidate.article.id not in pool.latest:
        return False
    if outlook_cue:
        return True
    if any(e.date for e in future):  # dated, and by now passed
        return False
    if not future and ", " in candidate.text and ADOPTED_TEXT_SAYS.search(candidate.text):
        return False  # the terms of a text adopted by the time of the report
    return bool(future) or bool(cues.FUTURE_CUE.search(candidate.text))


#: Someone on the way as the article was written ("leaders are converging on Tianjin for a summit
#: on Sunday"): by a later article of the story they have arrived, whatever a date resolver made
#: of "Sunday" in a present-tense sentence.
ON_THE_WAY = re.compile(
    r"\b(?:is|are)\s+(?:converging|heading|travelling|traveling|gathering|arriving|flying)\s+(?:on|to|into|for|in)\b"
)


#: The event under way as the article was written, told by its host or chair: "President Joe Biden
#: is hosting the meeting at a delicate moment", "Tokayev is chairing the summit". A later article
#: of the story reports the meeting held, so the present tense is a preview's, and stale.
HOSTING_NOW = re.compile(
    r"\b(?:is|are)\s+(?:hosting|chairing|convening)\s+(?:the|this|a|an|its|their)\s+(?:[\w’'-]+\s+){0,2}?"
    r"(?:meeting|summit|talks|gathering|conference|session|forum)\b"
)


#: Someone listed to attend, as the article was written ("Erdogan is on the guest list, as is
#: Pakistan's prime minister", "Modi is among those invited"): by a later article of the story
#: the gathering has been held, and who came is told there.
INVITED = re.compile(
    r"\b(?:is|are)\s+(?:on\s+the\s+guest\s+list|among\s+(?:the\s+)?(?:guests|invitees|those\s+invited)"
    r"|invited\s+to\s+attend)\b"
)


#: Something looked for before an event ("further consultations are expected before the summit",
#: "Iran is expected to be represented by its acting president", "its admission is expected to be
#: approved at the summit"). When the report is older than the story's last day and names no date
#: after it, the event it waited for has come.
AWAITED = re.compile(
    r"\b(?:is|are)\s+expected\s+(?:before|ahead\s+of|to\s+(?:attend|arrive|lead\s+the|be\s+(?:represented"
    r"|approved|adopted|admitted|endorsed|ratified|signed|formalised|formalized)))\b"
)


def arranged_before(candidate: Candidate, pool: Pool) -> bool:
    """The meeting's arrangements (:func:`newsdesk.brief.meeting.arrangement`), told before the
    story's last day and dated no later than it: a preview, not a reaction, and by now stale."""
    written, last = (candidate.article.date or "")[:10], (pool.last_date or "")[:10]
    text = candidate.text
    return (
        bool(written)
        and written < last
        and meeting.arrangement(text)
        and all(d.date[:10] <= last for d in candidate.dates)
    )


def stale(candidate: Candidate, pool: Pool) -> bool:
    """A preview of something that, by the story's last article, has already happened."""
    written, last = (candidate.article.date or "")[:10], (pool.last_date or "")[:10]
    if written and written < last:
        text = candidate.text
        if "ing " in text and (ON_THE_WAY.search(text) or HOSTING_NOW.search(text)):
            return True
        if (" guest" in text or " invite" in text) and INVITED.search(text):
            return True
        if " expected " in text and AWAITED.search(text) and all(d.date[:10] <= last for d in candidate.dates):
            return True
        if arranged_before(candidate, pool):
            return True
        if cues.forecast_dated_by_side_act(candidate) and all(d.date[:10] <= last for d in candidate.dates):
            return True  # "X is likely to face questions after trips to … on Friday": the meeting has come
    if still_ahead(candidate, pool):
        return False
    return bool(_future_events(candidate)) or (
        not candidate.events and bool(cues.FUTURE_CUE.search(candidate.text))
    )


def _factual(candidate: Candidate) -> bool:
    return any(cues.happened(e) for e in candidate.events)


def _reports_act(candidate: Candidate) -> bool:
    """:func:`_factual`, by an act the sentence itself tells or reports: not one in a relative or
    other subordinate clause. "Alaska, which the United States bought in 1867, lies a few kilometres
    from Russia" hangs an old purchase on a place; it is no development of the story."""
    return any(cues.happened(e) and e.clause != SUBORDINATE_CLAUSE for e in candidate.events)


# ------------------------------------------------------------------------------------ sections


def _preview_share(pool: Pool) -> dict[str, float]:
    """Per article, the share of its sentences that are stale previews: a preview article's lead
    ("Leaders are converging on Tianjin …") is not a development of the story.

    Worked out once per pool: it depends on the story's dates only, not on what is taken.
    """
    if pool.preview_share is None:
        pool.preview_share = _count_previews(pool)
    return pool.preview_share


def _count_previews(pool: Pool) -> dict[str, float]:
    total: Counter[str] = Counter()
    stale_count: Counter[str] = Counter()
    for i, c in enumerate(pool.candidates):
        total[c.article.id] += 1
        stale_count[c.article.id] += stale_at(pool, i)
    return {a: stale_count[a] / total[a] for a in total}


def stale_at(pool: Pool, index: int) -> bool:
    """:func:`stale` of the pool's candidate ``index``, worked out once for all of them: it depends on
    the story's dates only, and the Summary, the preview shares and Key aspects all ask."""
    if pool.stale_flags is None:
        pool.stale_flags = [stale(c, pool) for c in pool.candidates]
    return pool.stale_flags[index]


def summary(pool: Pool, story_start: str | None, limit: int, title: str = "") -> list[Pick]:
    """The main developments, one per report where possible, printed in the order they happened.

    Only plain news is eligible (not background, not outlook, not a stale preview, not a sentence
    that leans on the one before it, not a comment on what is known, not what the story means to
    one party: "For Moscow, the summit offers …"); one sentence per article
    first, so the summary walks through the story's reports instead of saying the same thing twice.
    An act the sentence tells counts for more than one its relative clause hangs on a place. A
    misdated preview is left out while the story has other reports; when it is all the story has,
    its plain statements are the summary (a brief without one would leave the reader nothing to
    start from). The line that tells the story's central event opens it (:func:`central_first`), and
    a side event's line comes last (:func:`side_events_last`). A line that leans only by naming
    someone by surname is eligible, but is kept only when a line printed above it names the person
    in full (:func:`_unmet`): the Summary is read in the order it is printed.
    """
    only_previews = {c.article.id for c in pool.candidates} <= pool.previews

    def eligible(i: int) -> bool:
        c = pool.candidates[i]
        return not (
            (c.article.id in pool.previews and not only_previews)
            or cues.is_historical(c, story_start)
            or cues.is_future(c)
            or stale_at(pool, i)
            or (cues.needs_context(c) and not c.surname)  # a bare surname: see _unmet
            or cues.commentary(c.text)
            or cues.perspective(c.text)
            or meeting.schedule_line(c)
            or pool.repeats_printed(i)
        )

    preview = _preview_share(pool)

    def score(i: int) -> float:
        c = pool.candidates[i]
        lead = 0.4 * (c.position == 0) + 0.4 * _same_day(c)
        return pool.relevance[i] + 0.3 * _reports_act(c) + lead - 2 * preview[c.article.id]

    ranked = sorted(
        (i for i in pool.ranked(range(len(pool.candidates))) if eligible(i)), key=lambda i: -score(i)
    )
    chosen = _arranged(pool, ranked, limit, title)
    while (unmet := _unmet(pool, chosen)) is not None:  # that surname's lines out, then choose again
        ranked = [i for i in ranked if pool.candidates[i].surname != unmet]
        chosen = _arranged(pool, ranked, limit, title)
    return [Pick("Summary", pool.take(i)) for i in chosen]


def _unmet(pool: Pool, chosen: Sequence[int]) -> str | None:
    """The surname of the first Summary line, in the order it is printed, that names someone by a
    bare surname the lines above it have not named in full ("Esper said …" needs "Defense Secretary
    Mark Esper …" before it, not after it; see :func:`newsdesk.brief.candidates.needs_context`), or
    None. The Summary is chosen before it is ordered, so this is checked on the ordered lines: the
    lines that name that person so are dropped, all at once (a story of many reports may hold
    dozens), and the Summary is chosen again without them."""
    for k, i in enumerate(chosen):
        candidate = pool.candidates[i]
        if candidate.surname and cues.needs_context(candidate, [pool.candidates[j].text for j in chosen[:k]]):
            return candidate.surname
    return None


def _arranged(pool: Pool, ranked: list[int], limit: int, title: str) -> list[int]:
    """The Summary's lines from ``ranked`` in the order they are printed: a first line that needs
    another before it is moved after the line that names its event or chosen again without it, then
    the central event's line leads and side events' lines come last."""
    chosen = _summary_lines(pool, ranked, limit)
    while chosen and not _opens_alone(first := pool.candidates[chosen[0]].text):
        if bare := meeting.bare_event(first):
            named = re.compile(rf"\b{bare.group(1)}\b", re.IGNORECASE)
            after = next((k for k, j in enumerate(chosen[1:], 1) if named.search(pool.candidates[j].text)), None)
            if after is not None:  # it follows the first line that names that meeting
                chosen = chosen[1 : after + 1] + chosen[:1] + chosen[after + 1 :]
                break
        ranked = [i for i in ranked if i != chosen[0]]  # nothing names it: choose again without it
        chosen = _summary_lines(pool, ranked, limit)
    chosen = central_first([pool.candidates[i] for i in chosen], title, chosen)
    return side_events_last([pool.candidates[i] for i in chosen], title, chosen)


#: Title words a later line must share to lead when the first line shares none of them: with a
#: first line off the title altogether, three of its words (an F-16 transfer to Ukraine, under
#: "F-16 transfers to Ukraine under way, allies say at NATO summit") are enough to name the event.
CENTRAL_SHARE_ALONE = 3
#: How many times the first line's title words a later line must share to lead when the first
#: shares some but under half: "The UN's annual climate summit opened in Baku …" shares three of
#: "COP29 agrees $300 billion-a-year climate finance goal after marathon talks in Baku"; the deal
#: itself shares seven. Twice as many keeps a first line that names the event as well as the
#: next one does ("Modi and Xi held … talks on the sidelines of the BRICS summit in Kazan", four,
#: against six for the line the title is about).
CENTRAL_MARGIN = 2
#: A line that places its act "on the sidelines of", "on the margins of" or "on the fringes of" an
#: event says itself that the act is a side event of it ("Modi and Xi met on the sidelines of the
#: BRICS summit in Kazan" under "Guterres meets Putin in Kazan as BRICS summit closes …"). The event
#: may come before the word ("on the summit's sidelines", "on the BRICS summit sidelines"), after it
#: ("on the sidelines at the summit") or not at all ("held talks on the sidelines on Wednesday");
#: "side-lines" is the same word. A margin is only a side event's place with "of" after it or a
#: possessive before it ("won by a narrow margin", "on the profit margins" and the economists' "at
#: the margin of" are not).
AT_THE_SIDE = re.compile(
    r"\b(?:on|at|in)\s+the\s+(?:[\w’'.-]+\s+){0,3}?(?:side-?lines?|fringes?)\b"
    r"|\b(?:on|in)\s+the\s+margins?\s+of\b|\bat\s+the\s+margins\s+of\b"
    r"|\b(?:on|at|in)\s+the\s+(?:[\w’'.-]+\s+){0,2}?[\w.-]+['’]s?\s+margins\b",
    re.I,
)


def _title_shares(lines: Sequence[Candidate], title: str) -> tuple[int, list[int]]:
    """How many words the title has (stems, see :func:`newsdesk.stories.text.tokens`), and how many
    of them each line shares."""
    wanted = set(tokens(title))
    return len(wanted), [len(wanted & set(tokens(c.text))) for c in lines]


def central_first(lines: Sequence[Candidate], title: str, order: Sequence[int]) -> list[int]:
    """``order`` (the Summary's lines, in the order they happened) with the line that tells the
    story's central event moved to the front, when the first line is a side issue.

    The story's title is the headline of its reports after the event (see
    :func:`newsdesk.stories.threads.representative_title`), so the central event is what it names.
    The first line is a side issue when it shares under half of the title's words ("Kyiv and
    several European governments have pressed for Ukraine to have a seat at the table", from a
    preview, under "Trump and Putin end Alaska summit without Ukraine ceasefire deal"); a later
    line that tells a happened event, stands alone, shares half the title's words or more and
    twice as many as the first line (:data:`CENTRAL_MARGIN`) tells the central event, and leads
    instead; when the first line shares none of the title's words, three shared words are enough
    (:data:`CENTRAL_SHARE_ALONE`). A first line that says its act took place at the side of
    another event (:data:`AT_THE_SIDE`) is a side issue whatever it shares; a later line leads when
    it shares half the title's words or more and more than the first. The lines right after the
    central one from its article lead with it (:func:`_with_followers`); the other lines keep their
    order.
    """
    size, shared = _title_shares(lines, title)
    if size < 4 or len(lines) < 2:
        return list(order)
    needed = (size + 1) // 2  # half, rounded up
    aside = _told_as_aside(lines[0])
    if shared[0] >= needed and not aside:
        return list(order)
    best = max(range(1, len(lines)), key=lambda k: (shared[k], -k))
    central = lines[best]
    bar = min(needed, CENTRAL_SHARE_ALONE) if shared[0] == 0 else max(needed, CENTRAL_MARGIN * shared[0])
    if aside:
        bar = min(bar, max(needed, shared[0] + 1))
    if shared[best] < bar or not _factual(central) or not _opens_alone(central.text):
        return list(order)
    lead = _with_followers(lines, best)
    return [order[k] for k in lead] + [order[k] for k in range(len(lines)) if k not in lead]


def _with_followers(lines: Sequence[Candidate], best: int) -> list[int]:
    """``best`` and the lines right after it from the same article: they go on from the central line
    ("Turkey … was among those invited" after "… leaders offering a group of countries a new status as
    partner states") and move to the front with it, so they do not end up under a side event's line."""
    lead = [best]
    while lead[-1] + 1 < len(lines) and lines[lead[-1] + 1].article.id == lines[best].article.id:
        lead.append(lead[-1] + 1)
    return lead


def _told_as_aside(line: Candidate) -> bool:
    """Whether the line's own act took place at the side of another event (:data:`AT_THE_SIDE`),
    outside its comma-bounded relative clauses ("Xi, who met Modi on the sidelines of the G20 in
    2019, …" tells Xi's act, not the aside)."""
    return AT_THE_SIDE.search(cues.without_side_clauses(line.text)) is not None


def side_events_last(lines: Sequence[Candidate], title: str, order: Sequence[int]) -> list[int]:
    """``order`` with the lines after the first that share none of the title's words moved to the
    end, in their own order.

    Such a line tells a side event of the story's days ("On Monday, Russian missile strikes hit
    Kyiv …" under "F-16 transfers to Ukraine under way, allies say at NATO summit"): printed second
    because it happened first, it reads as the story's main news. It stays in the Summary, after
    the lines about the event the title names. Nothing moves when the first line itself shares no
    title word (then the title tells little about the lines) or the title is under 4 words.
    """
    size, shared = _title_shares(lines, title)
    if size < 4 or len(lines) < 3 or shared[0] == 0:
        return list(order)
    on = [order[k] for k in range(len(lines)) if k == 0 or shared[k] > 0]
    return on + [order[k] for k in range(1, len(lines)) if shared[k] == 0]


def _opens_alone(text: str) -> bool:
    """The Summary's first line needs no line before it: it names no event only by its kind ("Trump
    announced the meeting", see :func:`newsdesk.brief.meeting.bare_event`) and answers nothing it
    does not name ("Zelensky responded that …", see :func:`newsdesk.brief.anaphora.reply_without_cause`)."""
    return meeting.bare_event(text) is None and not reply_without_cause(text)


def _summary_lines(pool: Pool, ranked: Sequence[int], limit: int) -> list[int]:
    """The Summary's lines from ``ranked`` (best first): one per article first, then two, none close
    to another nor telling the same act in its main clause
    (:func:`newsdesk.brief.candidates.same_main_act`); in the order they happened.

    A line that retells a chosen one in other words (:func:`_retold`) is left out, but what it says
    counts as said: it spends its article's place in the first round, so that article's next line
    (a promoter's quotation, a line that leans on "the office") does not step in for it, and the
    lines after it are held against it as against a chosen one."""
    chosen: list[int] = []
    retold: list[int] = []
    for per_article in (1, 2):
        for i in ranked:
            if len(chosen) >= limit or i in chosen or i in retold:
                continue
            said = chosen + retold
            same = sum(pool.candidates[j].article.id == pool.candidates[i].article.id for j in said)
            fresh = (
                all(pool.sim(i, j) < 0.3 and not cues.same_main_act(pool.candidates[i], pool.candidates[j]) for j in said)
                and pool.new_share(i, said) >= 0.45
            )
            if same < per_article and fresh:
                if any(_retold(pool.candidates[i], pool.candidates[j]) for j in chosen):
                    retold.append(i)
                else:
                    chosen.append(i)
        if len(chosen) >= min(3, limit):
            break
    chosen.sort(key=lambda i: (pool.candidates[i].article.date or "", pool.candidates[i].order))
    return chosen


def _retold(line: Candidate, chosen: Candidate) -> bool:
    """``line`` gives the report of a Summary line already chosen in other words
    (:func:`newsdesk.brief.candidates.same_report`). A line that names someone in full is never
    dropped for a chosen one that names them by a bare surname ("Prosecutors said Noel and Thomas
    …" against "… Tova Noel and Michael Thomas …"): the Summary would lose the line that introduces
    them, and the surname line would lean."""
    return cues.same_report(line, chosen) and not any(
        introduced_in(name, [line.text]) and not introduced_in(name, [chosen.text])
        for name in set(_INNER_NAME.findall(chosen.text))
    )


#: A capitalised word after another word: a name, not a sentence's first word.
_INNER_NAME = re.compile(r"(?<=\s)[A-Z][a-z’'-]{2,}\b")


def vague_outlook(candidate: Candidate) -> bool:
    """A prediction whose only time is a vague one and that names no date ("Xi and Putin, who have
    met dozens of times, are likely to see each other again before long"): it tells a reader
    neither what to watch for nor when. "Expected to meet again soon, at the summit in Kazan in
    October" names its date and stays."""
    return bool(cues.VAGUE_TIME.search(candidate.text)) and not candidate.dates


def unanchored(candidate: Candidate) -> bool:
    """A "will" with no one named, no date and no figure: "When faced with stress, the individual will
    engage …", "Regular renters will benefit from joining a loyalty programme", "The inspection will
    certify whether …". On guides, reviews and explainers such lines tell what holds in general or what
    a step of a procedure brings, not a step to come; a plan a reader can watch for names who acts, when,
    or how much ("Officials will meet again in March", "Sales are expected to pass $100 billion"). A name
    is any capitalised word after the first (the analyser resolves only some names to mentions)."""
    text = candidate.text
    return (
        not candidate.mentions
        and not candidate.dates
        and not any(ch.isdigit() for ch in text)
        and _NAME_PAST_START.search(text) is None
    )


#: A capitalised word that is not the sentence's first: a name ("Europe will get …", "Randall will be back").
_NAME_PAST_START = re.compile(r"(?<=[\s(“\"‘'’-])[A-Z]")


def outlook(pool: Pool) -> list[Pick]:
    """What is still ahead as of the story's last article, in reading order.

    A sentence that leans on the one before it ("Leaders also approved …") is left out: in this
    section its antecedent is never printed next to it, and it reads as an orphan. So is one whose
    only time is a vague one (:func:`vague_outlook`), one that names no one, no date and no figure
    (:func:`unanchored`: a guide's general "will"), and one that tells what the story means to a
    party ("For Beijing, the organisation is one of several forums …", :func:`newsdesk.brief.candidates.perspective`): a
    plan in its relative clause does not make the analysis a forecast. What analysts make of the story
    ("Military analysts have said the jets alone will not transform the battlefield") is analysis too,
    and so is what a done package was meant to do (:data:`PAST_PURPOSE`, in :func:`still_ahead`).
    A bare-surname line stays out here even after a line that names the person in full (which
    Background and Key aspects allow): the one such line it let in on real pages was a stance
    quoted with "will" ("“We will not accept …,” Esper said"), not a plan.
    """
    ahead = [
        i
        for i in pool.ranked(range(len(pool.candidates)))
        if still_ahead(pool.candidates[i], pool)
        and not cues.needs_context(pool.candidates[i])
        and not vague_outlook(pool.candidates[i])
        and not unanchored(pool.candidates[i])
        and not cues.perspective(pool.candidates[i].text)
        and not pool.repeats_printed(i)
    ]
    chosen = pool.diverse(ahead, MAX_OUTLOOK, plans_after=pool.last_date[:10] if pool.last_date else None)
    chosen.sort(key=lambda i: (pool.candidates[i].article.date or "", pool.candidates[i].order))
    return [Pick("What comes next", pool.take(i)) for i in chosen]


def _background_rank(old: Pool, shown: Sequence[str] = ()) -> list[int]:
    """An earlier story's sentences that state what happened, with a date, most informative first."""

    def score(i: int) -> float:
        c = old.candidates[i]
        informative = 0.05 * min(len(c.facts), 6)
        return (
            old.relevance[i]
            + 0.5 * _factual(c)
            + 0.3 * cues.has_date(c)
            + 0.3 / (1 + c.position)
            + informative
        )

    usable = [
        i
        for i in old.ranked(range(len(old.candidates)))
        if not (cues.is_future(old.candidates[i]) or cues.FUTURE_CUE.search(old.candidates[i].text))
        and not cues.needs_context(old.candidates[i], shown)
        and not old.candidates[i].speeches  # what was said about it, not what happened
    ]
    return sorted(usable, key=lambda i: -score(i))


def background(
    pool: Pool, earlier: Sequence[Pool], story_start: str | None, shown: Sequence[str] = ()
) -> list[Pick]:
    """What happened before: the thread's earlier stories, then this story's own background lines.

    A line whose main clause is a forecast is no record of what happened, though a side clause
    dates a done act in it (:func:`newsdesk.brief.candidates.forecast_dated_by_side_act`).

    The most recent earlier story gives up to three sentences and older ones one each; each is
    labelled with its report date, so the reader can place it in time. So is a line of the story's
    own that places its act by a bare weekday ("on Wednesday he ordered an additional 25% tariff"):
    without the report's date, which Wednesday it was is lost. ``shown`` are the lines printed before
    this section: a bare surname one of them names in full no longer leans
    (:func:`newsdesk.brief.candidates.needs_context`).
    """
    picks: list[Pick] = []
    for rank, old in enumerate(reversed(earlier[-3:])):
        ranked = [i for i in _background_rank(old, shown) if normal_text(old.candidates[i].text) not in pool.used]
        for i in old.diverse(ranked, 3 if rank == 0 else 1, max_similarity=0.3):
            c = old.take(i)
            pool.used.add(normal_text(c.text))
            picks.append(Pick("Background", c, c.article.date))
    picks.sort(key=lambda p: (p.candidate.article.date or "", p.candidate.order))
    own = [
        i
        for i in pool.ranked(range(len(pool.candidates)))
        if cues.is_historical(pool.candidates[i], story_start)
        and not cues.needs_context(pool.candidates[i], shown)
        and not _future_events(pool.candidates[i])
        and not cues.FUTURE_CUE.search(pool.candidates[i].text)
        and not cues.forecast_dated_by_side_act(pool.candidates[i])
        and not _PREVIEW.search(pool.candidates[i].text)
        and not meeting.schedule_line(pool.candidates[i])
        and not pool.repeats_printed(i)
    ]
    room = max(MAX_BACKGROUND - len(picks), 3)
    chosen = pool.diverse(own, room, max_similarity=0.3)
    chosen.sort(key=lambda i: (pool.candidates[i].article.date or "", pool.candidates[i].order))
    return picks + [Pick("Background", c, c.article.date if cues.dated_by_weekday(c) else None)
                    for c in (pool.take(i) for i in chosen)]


#: A market that moved: "Soybean futures in Chicago had risen in the days before the meeting",
#: "Shares in Gazprom fell 3%". Its subject is a price, so it is economic news whatever the
#: sentence names beside it (the meeting there is only when the price rose).
MARKET_MOVE = re.compile(
    r"\b(?:futures|prices?|shares|stocks?|markets?|bonds?|yields?|index|indices|currency|currencies)\b"
    r"(?:\s+[\w'’-]+){0,3}?\s+(?:(?:had|has|have)\s+)?"
    r"(?:rose|risen|fell|fallen|jumped|slid|slumped|rallied|climbed|dropped|surged|tumbled|gained|soared|plunged)\b"
)
_ECONOMY = "trade and economy"
#: Themes whose own prices a market move may be about ("oil prices rose" is energy news).
_PRICED = frozenset({_ECONOMY, "energy"})


def home_theme(candidate: Candidate, shown: set[str]) -> str | None:
    """The group a sentence is filed under: its leading theme, or none when that theme has no group.
    Its weaker themes are passing words. "A vision of challenging the West in technology, including
    quantum computing and military capabilities" is about technology; filed under security for its
    one word "military", it would read as a security fact. A market move (:data:`MARKET_MOVE`) is
    economic news unless its leading theme has prices of its own."""
    themes = candidate.themes
    lead = themes[0] if themes else None
    if lead not in _PRICED and _ECONOMY in shown and MARKET_MOVE.search(candidate.text):
        return _ECONOMY
    return lead if lead in shown else None


def _fileable(pool: Pool, index: int, shown: Sequence[str] = ()) -> bool:
    """A sentence Key aspects may print: not one that leans on the one before, not a schedule
    (:func:`newsdesk.brief.meeting.schedule_line`), not a comment on what is known
    (:func:`newsdesk.brief.candidates.commentary`), not the lead-up to the event ("The summit
    follows weeks of pressure", :func:`newsdesk.brief.candidates.follows_on`: background, not an
    aspect), not a stale preview. ``shown`` are the lines printed before Key aspects (see :func:`background`)."""
    candidate = pool.candidates[index]
    return not (
        cues.needs_context(candidate, shown)
        or meeting.schedule_line(candidate)
        or cues.commentary(candidate.text)
        or cues.follows_on(candidate.text)
        or stale_at(pool, index)
    )


def _group_themes(pool: Pool, ranked: Sequence[str], fileable: Sequence[bool]) -> list[str]:
    """The :data:`MAX_THEMES` themes of ``ranked`` (kept in its order) that the sentences Key aspects
    may file under them are most about: each free, fileable sentence weighs for its leading theme
    by how many of that theme's keywords it uses.

    Ranking by how many sentences mention a theme spends group slots on words said in passing: a
    "long-term strategy" and "voting rights" in a bank's charter made an elections group of two
    stray lines, while the one sentence about agreements on artificial intelligence and space, a
    theme few sentences touch, found no group to be filed under.
    """
    weight: Counter[str] = Counter()
    for i, c in enumerate(pool.candidates):
        if fileable[i] and pool.free(i):
            lead = c.themes[0]
            weight[lead] += max(len(c.vocabulary & THEMES[lead]), 1)
    strongest = sorted((t for t in ranked if weight[t]), key=lambda t: -weight[t])[:MAX_THEMES]
    return [t for t in ranked if t in strongest]


def _second_line(pool: Pool, members: Sequence[int], chosen: list[int], order: Callable[[int], float]) -> list[int]:
    """A group's second line when the usual test left it one: a line that adds one fact to what is
    printed, where the usual test wants two.

    A group of one line under a theme the story is much about reads as if that was all there was
    to say. "Trump described the talks as a great success and rated them 12 on a scale of zero to
    ten" states two facts, Trump and 12; Trump is in every line, so it passed for a repeat. The
    line must still be mostly new words, not close in wording or event to the group's line, not
    printed elsewhere, and not from an article that is mostly a stale preview.
    """
    preview = _preview_share(pool)
    printed = [*pool.taken, *chosen]
    covered: set[str] = set()
    for j in printed:
        covered |= pool.candidates[j].vocabulary

    def new_words(i: int) -> bool:
        words = pool.candidates[i].vocabulary
        return len(words - covered) >= 0.6 * max(len(words), 1)

    extra = sorted(
        (
            i
            for i in pool.ranked(members)
            if i not in chosen
            and preview[pool.candidates[i].article.id] < 0.5
            and new_words(i)
            and pool.novel(i, printed, needed=1)
            and not pool.repeats_printed(i)
            and all(pool.sim(i, j) < 0.35 and not pool.same_event(i, j) for j in chosen)
        ),
        key=order,
    )
    return chosen + extra[:1]


#: A line this short that names only people adds one predicate about them, no aspect of its own.
NOTE_WORDS = 10


def _person_note_told(pool: Pool, index: int) -> bool:
    """A short line that names only people, all of whom one printed line already names with more
    ("The meeting is Stoltenberg's last as secretary general" after "The summit doubles as a
    farewell for Jens Stoltenberg, who has led Nato since 2014"): at most it restates that line
    in other words, which neither shared words nor shared facts beyond the name reveal."""
    candidate = pool.candidates[index]
    facts = candidate.facts
    if not facts or candidate.words > NOTE_WORDS or any(not f.startswith("actor:") for f in facts):
        return False
    return any(facts < pool.candidates[j].facts for j in pool.taken)


def key_aspects(pool: Pool, themes_hint: Sequence[str], printed: Sequence[str] = ()) -> list[Pick]:
    """1–3 sentences per theme, themes ordered by how many of the story's sentences carry them (the
    six shown are those the printable sentences are most about, see :func:`_group_themes`).

    A sentence is grouped under its *home* theme — its strongest theme, when that one is shown — so
    a trade figure that mentions oil prices stays under trade and a gas-volume sentence under energy,
    instead of landing wherever a group still had room. ``printed`` are the lines printed before
    Key aspects (see :func:`background`).
    """
    counts = Counter(t for c in pool.candidates for t in c.themes)
    preview = _preview_share(pool)
    hint = {t: i for i, t in enumerate(themes_hint)}
    fileable = [bool(c.themes) and _fileable(pool, i, printed) for i, c in enumerate(pool.candidates)]
    themes = _group_themes(pool, sorted(counts, key=lambda t: (-counts[t], hint.get(t, len(hint)), t)), fileable)
    shown = set(themes)
    home = [home_theme(c, shown) for c in pool.candidates]
    picks: list[Pick] = []
    for theme in themes:
        members = [i for i in range(len(pool.candidates)) if home[i] == theme and fileable[i]]
        wanted = 1 + (counts[theme] >= 3) + (counts[theme] >= 6)
        def order(i: int) -> float:
            c = pool.candidates[i]
            return -(pool.relevance[i] + 0.2 * _factual(c) + 0.05 * min(len(c.facts), 6) - 2 * preview[c.article.id])

        ranked = sorted(
            (i for i in pool.ranked(members) if pool.novel(i, pool.taken) and not pool.repeats_printed(i)
             and not _person_note_told(pool, i)),
            key=order
        )
        chosen = pool.diverse(ranked, wanted)
        if len(chosen) == 1 < wanted:
            chosen = _second_line(pool, members, chosen, order)
        for i in sorted(chosen, key=lambda i: pool.candidates[i].order):
            picks.append(Pick("Key aspects", pool.take(i), theme))
    return picks
