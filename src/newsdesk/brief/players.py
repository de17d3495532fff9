"""Key players and the brief's timeline.

A key player is cited to sentences that really name it: a mention only counts when its surface
shares a word with the actor's name or is its initials ("EU", "SCO") or at least carries a capital
letter ("Chinese President"); "the bloc" resolved to the European Union by a loose coreference
step neither counts nor cites. The timeline keeps the story's own dated entries, without repeats.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Mapping, Sequence

from newsdesk.brief.candidates import (
    PRONOUN_OPENER,
    Candidate,
    content_words,
    normal_text,
    strip_dateline,
    teaser,
)
from newsdesk.brief.prose import not_reported
from newsdesk.brief.speakers import ACTIVE_VERB
from newsdesk.model import Actor, Article, KeyPlayer, Mention, Source, TimelineEntry

MAX_PLAYERS = 8
MAX_TIMELINE = 12
_PLAYER_LABELS = frozenset({"PERSON", "ORG"})
_ARTICLES = frozenset({"the", "a", "an"})


def _tokens(text: str) -> set[str]:
    return {w.strip(".,’'s").lower() for w in text.replace("’s", "").replace("'s", "").split()} - _ARTICLES


def names_actor(mention: Mention, actor: Actor) -> bool:
    """The surface names the actor itself: shares a name word, or spells its initials."""
    surface = _tokens(mention.text)
    if surface & _tokens(actor.name):
        return True
    initials = "".join(w[0] for w in actor.name.split() if w[:1].isupper()).lower()
    return len(initials) >= 2 and initials in surface


def _country(actor: Actor) -> bool:
    """A whole country (no role, no sector beyond government): a place in the story, not a player."""
    return (
        not actor.role
        and actor.sector in (None, "GOV")
        and actor.country is not None
        and " " not in actor.country
    )


def _counts(mention: Mention) -> bool:
    words = [w for w in mention.text.split() if w.lower() not in _ARTICLES]
    return any(w[:1].isupper() for w in words)


#: A quotation inside a sentence: curly marks, or straight ones in pairs.
_QUOTATION = re.compile(r"“[^”]*(?:”|$)|\"[^\"]*\"")


def _quoted_spans(text: str) -> list[tuple[int, int]]:
    """Where ``text`` quotes someone's words (a quotation left open runs to the end of the sentence)."""
    return [m.span() for m in _QUOTATION.finditer(text)]


#: "… such as": what follows gives examples of a kind, not parties to the story.
_SUCH_AS = re.compile(r"\bsuch\s+as\s+")
#: What may stand between "such as" and a name the list goes on to: other names, titles, "the",
#: commas and "and"/"or" ("such as President Emmanuel Macron and the NBA").
_LIST_SO_FAR = re.compile(r"(?:\s*(?:the|and|or|,|[A-Z][\w.’'-]*))*\s*")


def _example(text: str, at: int) -> bool:
    """The name at offset ``at`` of ``text`` is one of a "such as" list's examples: "… pressure
    Western interests such as President Emmanuel Macron and the NBA" names Macron as a kind of
    interest, and a story about Hong Kong's protests does not make him a key player."""
    before = text[:at]
    starts = [found.end() for found in _SUCH_AS.finditer(before)]
    return bool(starts) and _LIST_SO_FAR.fullmatch(before[starts[-1] :]) is not None


#: What names a body or a place only as where someone is posted or where something is: "U.S. Ambassador to
#: the European Union Gordon Sondland", "the U.S. envoy in Brussels", "architects from across the European
#: Union", "a meeting in the Oval Office". The ambassador is the party, the union his post; the meeting's
#: people are the parties, the office its room.
_POST_OR_PLACE = re.compile(
    r"(?:\b(?:[Aa]mbassador|[Ee]nvoy|[Rr]epresentative|[Dd]elegate|[Cc]onsul)\s+(?:to|in|at)"
    r"|\b(?:in|inside|across|throughout))\s+(?:the\s+)?$"
)
#: A product word right after a maker's name: "Apple CarPlay", "Apple iPhone" (a capital inside the word).
#: The sentence names the product, and the maker only as its brand.
_PRODUCT_AFTER = re.compile(r"\s+(?:[a-z]+[A-Z]|[A-Z][a-z]+[A-Z])[\w-]*")


def _post_or_place(text: str, at: int, end: int) -> bool:
    """The name at ``text[at:end]`` is a post or a place (see :data:`_POST_OR_PLACE`), or a maker's name
    on a product (see :data:`_PRODUCT_AFTER`): it makes no party of what it names."""
    return _POST_OR_PLACE.search(text, max(0, at - 30), at) is not None or _PRODUCT_AFTER.match(text, end) is not None


def key_players(candidates: Sequence[Candidate], cite: Callable[[Candidate], int], cited: set) -> tuple:
    """The most-mentioned resolved people and organisations, each cited where it is named.

    ``cited`` holds the (article id, sentence index) keys already in the brief: a citation there
    adds no new source, so those are preferred.
    """
    counts: Counter[str] = Counter()
    first: dict[str, tuple[int, Actor]] = {}
    where: dict[str, list[tuple[tuple, Candidate]]] = {}
    spoken: set[str] = set()  # named outside anyone's quoted words and outside examples at least once
    for c in candidates:
        quoted = _quoted_spans(c.sentence.text)
        for m in c.mentions:
            if m.actor is None or m.label not in _PLAYER_LABELS or not _counts(m) or _country(m.actor):
                continue
            counts[m.actor.name] += 1
            at = m.start - c.sentence.start
            if (
                not any(a <= at < b for a, b in quoted)
                and not _example(c.sentence.text, at)
                and not _post_or_place(c.sentence.text, at, m.end - c.sentence.start)
            ):
                spoken.add(m.actor.name)
            first.setdefault(m.actor.name, (c.order, m.actor))
            if names_actor(m, m.actor):
                full = _tokens(m.actor.name) <= _tokens(m.text)
                where.setdefault(m.actor.name, []).append(((not full, m.start - c.sentence.start), c))
    # a name that only ever occurs in someone's words ("… think Donald Trump rather than Barack Obama,”
    # the doctor told …") is a figure of speech there, and one only ever given as an example ("such
    # as …", see _example) stands for a kind, and one only ever named as a post, a place or a brand (see
    # _post_or_place) is none of the story's actors: none is a party to the story
    names = [n for n in sorted(counts, key=lambda n: (-counts[n], first[n][0])) if where.get(n) and n in spoken]
    players = []
    for name in names[:MAX_PLAYERS]:
        actor = first[name][1]
        places = sorted(where[name], key=lambda x: (x[1].key not in cited, x[0], x[1].order))
        unique = list(dict.fromkeys(c for _, c in places))
        citations = tuple(dict.fromkeys(cite(c) for c in unique[:2]))
        players.append(KeyPlayer(name, actor.country, actor.sector, actor.role, counts[name], citations))
    return tuple(players)


def supporting(entry: TimelineEntry, min_share: float = 0.5) -> tuple[Source, ...]:
    """The entry's citations that support its printed sentence, its own sentence first.

    The timeline merges sentences coding the same actors on the same day, so an entry may carry a
    preview ("Putin will attend the parade") next to the sentence it prints ("Putin invited Kim to
    visit Russia"); a citation has to be the printed sentence or restate most of its content words,
    or a reader who follows it finds something else.
    """
    printed = normal_text(strip_dateline(entry.text))
    words = content_words(entry.text)
    own = [s for s in entry.citations if normal_text(strip_dateline(s.text)) == printed]
    others = [
        s
        for s in entry.citations
        if s not in own and len(words & content_words(s.text)) >= min_share * max(len(words), 1)
    ]
    return tuple(own + others) or entry.citations[:1]


#: A preview of the dated event rather than the event: "Putin is expected in Beijing on Thursday",
#: "The visit, scheduled for May 16-17, …". A timeline records what happened on the day.
_PREVIEW = re.compile(
    r"\b(?:(?:is|are) (?:expected|due|set) (?:in|to|for)|scheduled|"
    r"will (?:travel|visit|attend|arrive|fly|stay|go|head|meet|hold|host|sign))\b",
    re.IGNORECASE,
)


#: Under this many words, a line that states no time of its own is thin: "Putin invited Kim to
#: visit Russia." names an act but not where, when or to what end, and its day is only its
#: article's. A line of the same day that tells more is the better record.
THIN_WORDS = 8
_TIME_WORD = re.compile(
    r"\d|\b(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day|today|tonight|yesterday|January|February|March|"
    r"April|May|June|July|August|September|October|November|December)\b",
    re.IGNORECASE,
)


def thin(text: str) -> bool:
    """A short line with no time, date or figure of its own (see :data:`THIN_WORDS`)."""
    return len(text.split()) < THIN_WORDS and not _TIME_WORD.search(text)


def _weak(entry: TimelineEntry, orphan: Callable[[TimelineEntry], bool] | None = None) -> bool:
    """An entry that reads badly in a timeline: it leans on the sentence before it, previews, or is
    :func:`thin`.

    ``orphan`` judges the leaning with the sentence's analysis ("Neither leader referred to a deal
    on the project", "Biden awarded him …"); without it only the opening words are read.
    """
    text = strip_dateline(entry.text)
    return bool(PRONOUN_OPENER.match(text) or _PREVIEW.search(text) or thin(text) or (orphan and orphan(entry)))


def _ahead_of_reports(entry: TimelineEntry) -> bool:
    """Dated after every article that reports it: a plan or a deadline ("the tariff, due to take
    effect on November 1, …"), which What comes next may print but a record of what happened may not."""
    days = [s.date[:10] for s in entry.citations if s.date]
    return bool(days) and entry.date > max(days)


def restates(a: frozenset[str], b: frozenset[str]) -> bool:
    """Two sentences of one day, given as content words, report one event: they share five words
    and 60 % of the shorter one's."""
    shared = len(a & b)
    return shared >= 5 and shared >= 0.6 * min(len(a), len(b))


#: Where a sentence's lead clause ends: a comma, or a word that opens a relative or complement
#: clause ("left Harbin at the end of a visit that both sides presented as …").
_LEAD_END = re.compile(r",|;|:| (?:that|which|who|where|when|while|as) ", re.IGNORECASE)


def _lead(text: str) -> tuple[frozenset[str], frozenset[str]]:
    """The names (capitalised words) and the other content words of a sentence's lead clause."""
    text = strip_dateline(text)
    cut = _LEAD_END.search(text)
    lead = text[: cut.start()] if cut else text
    names = content_words(" ".join(w for w in re.findall(r"[\w'’-]+", lead)[1:] if w[:1].isupper()))
    first = lead.split()[:1]
    if first and first[0][:1].isupper():
        names |= content_words(first[0]) - content_words(lead[len(first[0]) :].lower())
    return names, content_words(lead) - names


def lead_restates(a: str, b: str) -> bool:
    """Two sentences of one day report one event in their lead clauses: one lead names nothing
    the other does not, and their other words share three and 60 % of the smaller set.

    "Putin wrapped up his two-day state visit on Friday in Harbin, a city of …" and "Putin left
    Harbin on Friday at the end of a two-day state visit that both sides presented as …" say one
    thing; their tails differ, so over whole sentences they share too few words for
    :func:`restates`. Names must agree, so "Putin met Xi …" is not "Putin met Erdogan …"; the
    acts must agree beyond the names, so "Xi and Putin held talks in Beijing on Tuesday" is not
    "Xi and Putin oversaw the signing of 20 documents in Beijing on Tuesday".
    """
    (na, wa), (nb, wb) = _lead(a), _lead(b)
    shared = len(wa & wb)
    names_agree = bool(na and nb) and (na <= nb or nb <= na)
    return names_agree and shared >= 3 and shared >= 0.6 * min(len(wa), len(wb))


def _restatements(
    entries: Sequence[TimelineEntry], same: Callable[[TimelineEntry, TimelineEntry], bool] | None = None
) -> set[int]:
    """Indexes of entries that restate an earlier entry of the same date in other words.

    ``entries`` come best first; two sentences of one day sharing 60 % of the shorter one's content
    words report one event ("Putin wrapped up his visit in Harbin on Friday" / "Putin left Harbin
    on Friday at the end of the visit"); of the two, the one that says more stays. ``same`` judges
    the pair on their coded events (see :func:`newsdesk.brief.candidates.same_dated_event`): then
    the better-ranked entry stays, as the wording gives no measure of which says more.
    """
    out: set[int] = set()
    words = [content_words(strip_dateline(e.text)) for e in entries]
    for i, entry in enumerate(entries):
        for j in range(i):
            if j in out or entries[j].date != entry.date:
                continue
            if restates(words[i], words[j]) or lead_restates(entry.text, entries[j].text):
                out.add(j if len(words[i]) > len(words[j]) else i)  # the fuller report stays
                break
            if same is not None and same(entries[j], entry):
                out.add(i)
                break
    return out


def _not_reported(entry: TimelineEntry) -> bool:
    """The entry's line is no reported prose (:func:`newsdesk.brief.prose.not_reported`): "November
    5, 2025", "Updated on November 18, 2025", "Contact us today to get started". Its day is a page's
    stamp or the reader's present, not a day on which anything happened. A line with a speech verb
    is judged as the analyser's speaker would be: its pronouns may be the speaker's."""
    text = strip_dateline(entry.text)
    return not_reported(text, speaks=ACTIVE_VERB.search(text) is not None)


#: A state that has lasted, told with no day of its own: "A breakthrough in the trade talks has remained out
#: of reach for quite some time", "Relations have been strained for years". It is true on the report's day
#: as on every day before it, so that day is no date for it; Background tells such a state.
LASTING_STATE = re.compile(
    r"\b(?:has|have)\s+(?:remained|stayed|been)\b[^.;]{0,80}?\bfor\s+(?:quite\s+)?"
    r"(?:some\s+time|a\s+(?:long\s+)?(?:time|while)|(?:many\s+)?(?:years|months|decades|weeks))\b"
)


def lasting_state(text: str) -> bool:
    """The line tells a state that has lasted (see :data:`LASTING_STATE`) and states no date or figure."""
    return " for " in text and LASTING_STATE.search(text) is not None and not _TIME_WORD.search(text)


def _key(entry: TimelineEntry) -> str:
    return normal_text(strip_dateline(entry.text))


def _inside(entry: TimelineEntry, start: str | None, end: str | None) -> bool:
    return (not start or entry.date >= start[:10]) and (not end or entry.date <= end[:10])


def _spread(entries: Sequence[TimelineEntry]) -> list[TimelineEntry]:
    """Up to :data:`MAX_TIMELINE` entries taken round-robin over dates, best entry of each date first.

    A story with a busy day should not spend the whole timeline on that day.
    """
    by_date: dict[str, list[TimelineEntry]] = {}
    for entry in entries:
        by_date.setdefault(entry.date, []).append(entry)
    out: list[TimelineEntry] = []
    depth = 0
    while len(out) < MAX_TIMELINE and any(len(v) > depth for v in by_date.values()):
        for group in by_date.values():
            if len(group) > depth and len(out) < MAX_TIMELINE:
                out.append(group[depth])
        depth += 1
    return out


def choose_timeline(
    entries: Sequence[TimelineEntry],
    span: tuple[str | None, str | None],
    orphan: Callable[[TimelineEntry], bool] | None = None,
    same: Callable[[TimelineEntry, TimelineEntry], bool] | None = None,
) -> list[TimelineEntry]:
    """The entries :func:`timeline` prints, in date order, before any is cited.

    The writer needs them before it fills the other sections, so that a sentence the timeline
    prints is not printed a second time under Key aspects or Background. ``same`` tells two entries
    of one day that report one event (see :func:`_restatements`). A Summary line may come back here:
    the Timeline is the chronology a reader scans on its own, so a day keeps its main event. A
    teaser ("Here are five things the trip … told us") names the day's occasion but no event of it,
    and is never an entry; a weak entry (:func:`_weak`: an orphan, a preview) only stands for a day
    that has no good one.
    """
    seen: dict[str, TimelineEntry] = {}
    for entry in entries:
        if (
            _ahead_of_reports(entry)
            or teaser(strip_dateline(entry.text))
            or _not_reported(entry)
            or lasting_state(strip_dateline(entry.text))
            or PRONOUN_OPENER.match(strip_dateline(entry.text))
        ):
            # a plan, a teaser that only names the day's occasion ("Here are five things …"), no report, a state
            # that has lasted, or a line that opens on a pronoun: it stands for no day, since the Timeline is read
            # on its own and its reader has not met whom "he" means ("On Tuesday morning, he posted …")
            continue
        key = _key(entry)
        old = seen.get(key)
        if old is None or (_inside(entry, *span) and not _inside(old, *span)):
            seen[key] = entry
    weak = {k: _weak(e, orphan) for k, e in seen.items()}
    if sum(not w for w in weak.values()) >= MAX_TIMELINE // 2:
        seen = {k: e for k, e in seen.items() if not weak[k]}
    else:  # a weak entry only stands for a day that has no good one
        good_days = {e.date for k, e in seen.items() if not weak[k]}
        seen = {k: e for k, e in seen.items() if not (weak[k] and e.date in good_days)}
    return _ranked(seen, weak, span, same)


def _ranked(
    seen: Mapping[str, TimelineEntry],
    weak: Mapping[str, bool],
    span: tuple[str | None, str | None],
    same: Callable[[TimelineEntry, TimelineEntry], bool] | None,
) -> list[TimelineEntry]:
    """The best entries of ``seen`` in date order: restatements out, entries inside ``span`` first."""
    ordered = sorted(
        seen.values(),
        key=lambda e: (weak[_key(e)], -len(e.citations), -len(content_words(e.text)), e.date),
    )
    repeats = _restatements(ordered, same)
    ordered = [e for i, e in enumerate(ordered) if i not in repeats]
    inside = _spread([e for e in ordered if _inside(e, *span)])
    ranked = (inside + _spread([e for e in ordered if not _inside(e, *span)]))[:MAX_TIMELINE]
    return sorted(ranked, key=lambda e: (e.date, e.date_end or ""))


def timeline_text(entry: TimelineEntry) -> str:
    """The sentence an entry prints (its dateline off), normalised as the sections compare text."""
    return _key(entry)


def cite_timeline(
    chosen: Sequence[TimelineEntry],
    articles: Mapping[str, Article],
    cite: Callable[[Article | None, Source], Source],
) -> tuple[TimelineEntry, ...]:
    """The chosen entries as printed, each source registered in the brief."""
    out = []
    for entry in chosen:
        cited = tuple(cite(articles.get(src.article_id), src) for src in supporting(entry)[:3])
        text = strip_dateline(entry.text)
        out.append(TimelineEntry(entry.date, text, cited, date_end=entry.date_end, story_id=entry.story_id))
    return tuple(out)


def timeline(
    entries: Sequence[TimelineEntry],
    articles: Mapping[str, Article],
    cite: Callable[[Article | None, Source], Source],
    span: tuple[str | None, str | None],
    orphan: Callable[[TimelineEntry], bool] | None = None,
) -> tuple[TimelineEntry, ...]:
    """At most :data:`MAX_TIMELINE` entries: no repeated text, no plans, entries inside the story's
    dates first.

    Among as many candidates as fit, the entries with more sources (reported by more outlets)
    win, then the more informative; of two entries of one day that report the same event only
    the first is kept; the result is printed in date order with each source registered in the brief.
    """
    return cite_timeline(choose_timeline(entries, span, orphan), articles, cite)
