"""Candidate sentences for a brief, and the cues that sort them into sections.

A candidate is one analysed source sentence together with everything the analyze stage said about
it (mentions, events, dates, themes). Identical sentences in several articles — a wire story
syndicated by many outlets — collapse into one candidate that remembers every copy, so the brief
prints the sentence once and may cite each copy.

The cue patterns are deliberately shallow: they only *propose* where a sentence belongs; the text
printed is always the source sentence itself.
"""

from __future__ import annotations

import dataclasses
import re
from collections import OrderedDict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from newsdesk.brief.anaphora import (
    acronym_reference,
    introduced_in,
    known_by_name,
    person_spans,
    second_reference,
    spelled_out,
    surname_reference,
    unresolved_reference,
)
from newsdesk.brief.prose import not_reported
from newsdesk.brief.speakers import Speech, article_speeches, is_person
from newsdesk.model import MAIN_CLAUSE, Analysis, Article, DateMention, Event, Mention, Sentence
from newsdesk.stories.text import tokens

_BOILERPLATE = re.compile(
    r"(^\d{1,2}:\d\d\b|subscribe|sign up|newsletter|read more|click here|all rights reserved|cookie|©|copyright|"
    r"follow us|share this|advertisement|stay tuned|related:|^(?:published|updated|posted)\b.{0,40}\d{4})",
    re.IGNORECASE,
)
#: A standfirst that describes the article ("An explainer on the $300 billion goal …"): it has no
#: verb of its own and says nothing about the story.
_STANDFIRST = re.compile(r"an? (?:explainer|primer) on\b|a guide to\b", re.IGNORECASE)
_MIN_WORDS = 6
_MAX_WORDS = 80

FUTURE_CUE = re.compile(
    r"\b(will|is expected to|are expected to|expects? to|plans? to|planned|"
    r"(?<!over the )(?<!within the )(?<!in the )(?<!for the )next (?:week|month|year|round)|"
    r"to be (?:agreed|signed|held|finalised|finalized|discussed)|scheduled|upcoming|is due to|are due to|"
    r"is set to|are set to|later this (?:year|month|week))\b",
    re.IGNORECASE,
)
_MONTH = "(?:January|February|March|April|May|June|July|August|September|October|November|December)"
#: "since October", "last November": always earlier, even where a date resolver (which reads a bare
#: month as the next one to come) puts the month after the article's date.
HISTORICAL_CUE = re.compile(
    r"\b(since (?:19|20)\d\d|previously|"
    r"last (?:year|month|spring|summer|autumn|fall|winter|" + _MONTH + r")|since " + _MONTH + r"|"
    r"(?:years?|decades?) ago|earlier visit|previous (?:state )?visit|"
    r"last (?:came|visited|met|travelled|traveled)|spent years|long-standing|founded in)",
    re.IGNORECASE,
)
#: A time before the report opening the sentence: "Earlier this month the United States announced
#: sanctions …", "Last year Lima warned …", "Two weeks ago …". The whole sentence tells what came
#: before, whatever the date resolver makes of "this month" (the month the story is in). Further in
#: it is an aside of the news ("the controls it announced earlier this month"); "Last year's winner"
#: names a thing, not a time.
EARLIER_OPENING = re.compile(
    r"^(?:Earlier\s+this\s+(?:month|year)|Last\s+(?:month|year)|(?:A|Two|Three|Several)\s+(?:weeks|months|years)\s+ago)"
    r"\b(?![’'])"
)
# A wire dateline opening a sentence: "TIANJIN, China, Sept 1 (Continental Wire) – ", "BEIJING — ".
DATELINE = re.compile(
    r"^[—–-]{1,2}\s+(?=[A-Z])"  # the dash a splitter left behind after cutting the place off
    r"|^\([^)]{1,60}\)\s*[—–-]{1,2}\s+"  # "(The Daily Compass) — "
    # "Hong Kong (CNN Business)A muddled view …": the outlet glued to the first word, no dash
    r"|^(?:[A-Z][\w.'’-]*\s){0,3}\([^)]{1,40}\)(?=[A-Z])"
    # "PanARMENIAN.Net - Verified video footage …": the outlet's web name and a dash
    r"|^[A-Z][\w-]*\.(?:[Nn]et|[Cc]om|[Oo]rg|[Ii]nfo)\s+[—–-]{1,2}\s+(?=[A-Z])"
    r"|^[A-Z][A-Z'’./\-]{2,}(?:\s[A-Z][A-Z'’./\-]+)*"  # the place(s), in capitals: "BEIJING/WASHINGTON"
    r"(?:,\s*[A-Z][\w.]*(?:\s[A-Z][\w.]*)*)*"  # ", China"
    r"(?:,\s*[A-Z][a-z]{2,9}\.?\s+\d{1,2})?"  # ", Sept 1"
    r"(?:\s*\([^)]{1,60}\))?"  # "(Continental Wire)"
    r"\s*[—–-]{1,2}\s+(?=\S)"
)
#: "Then, Washington's response focused on …": the time is the previous sentence's, so out of
#: context the sentence reads as news of the present story.
LOOKS_BACK = re.compile(r"^(?:Then|At the time|Back then),")
#: A sentence that leans on the one before it, so out of context it reads badly: a pronoun subject
#: ("He said …"), a contrast or addition with nothing to contrast or add to ("But the document …",
#: "However, …", "Leaders also approved …", "Modi, on his first visit, also held talks …", "An Associated
#: Press journalist in the area also reported hearing gunfire …": a subject of up to eight words, not a
#: reported clause, "Xi said China would also …"), or a time taken from the previous sentence
#: ("Earlier on Tuesday, …", "Later that day …", "Later, in remarks at …"). So does a pronoun right after a time or a cause
#: ("As they stepped outside the airport, …", "When she arrived, …"), a connective that opens a quotation
#: ("“Moreover, Russia also failed …”"), an example of what the sentence before said ("For example, the
#: port …") and a contrast set after the subject ("Recent governments have, however, recognized …").
#: "In addition to the three deaths, …" names what it adds to and does not lean, nor does an apposition's
#: "also" ("… in a 55-year-old man, also from Inner Mongolia"), which adds no act.
#: One that announces the sentences after it ("Here are five things …") is a :data:`TEASER`.
PRONOUN_OPENER = re.compile(
    r"^(?:(?:He|She|They|It|This|That|These|Those|Its|His|Her|Their)\b|(?:Then|At the time|Back then),"
    r"|[^,]{0,60},\s+(?:he|she|they)\s"
    # "it" after a phrase with no clause of its own ("In addition to its order of 30 jets, it announced …",
    # "Added together, it has become …"); a clause before it may hold what "it" is ("Once the acid binds
    # to a cell, it triggers …"), and "it is/was/took …" is often no pronoun at all
    r"|(?!(?:Once|When|Whenever|While|If|Because|Although|Though|Even\s+though|Unless|Until|After|Before|As|Not\s+only)\b)"
    r"[^,]{0,60},\s+it\s(?!(?:is|was|has\s+been|had\s+been|seems|seemed|remains|appears|took|takes)\b|isn|wasn)"
    r"|(?:On|In|At|After|Before|During)\s+[\w’'-]+(?:\s+[\w’'-]+){0,2}\s+(?:he|she|they)\s"
    r"|(?:As|When|While|Once|Until|Because|Although|Though)\s+(?:he|she|they)\s"
    r"|[“\"‘]?(?:But|And|Also|However|Yet|Still|Instead|Nevertheless|Moreover|Furthermore|In addition(?!\s+to\b))\b"
    r"|For\s+(?:example|instance),|[^,“\"]{1,60},\s+however,"
    # a contrast or likeness with the sentence before ("Rather, the results suggest …", "By contrast, many of
    # the earlier programmes …"), or the answer to a question the page asked ("Yes, most machines have …")
    r"|(?:Rather|By\s+contrast|In\s+contrast|Conversely|Likewise|Similarly|Even\s+so|Yes|No),"
    # one more of a kind the sentence before began: "Another reason for the weak results could be …"
    r"|(?:Another|One\s+more)\s+(?:reason|factor|way|option|example|problem|issue|benefit|advantage|drawback|"
    r"concern|explanation|possibility|tip|thing)s?\b"
    # an opening phrase on a thing the sentence before named ("On the strength of that evidence, the
    # administration urged …", "Under this plan, …"); "this year", "that morning" are times, "Given that
    # prices rose, …" opens a clause, and after a noun "that" is a relative ("Because of the long rise that
    # sourdough requires, …"), so only a preposition may stand right before the demonstrative
    r"|(?:On|In|At|By|Under|For|With|Despite|After|Against|Through|From|Beyond|Following|Amid|Because\s+of)"
    r"\s+(?:(?:[\w’'-]+\s+){0,3}?(?:of|on|in|at|by|for|with|from|to|about|over|under)\s+)?"
    r"(?:that|this|these|those)\s+(?!(?:year|week|month|day|morning|afternoon|evening|"
    r"night|weekend|season|spring|summer|autumn|fall|winter|decade|century|quarter|time)\b)[a-z][\w’'-]*"
    r"(?:\s+[a-z][\w’'-]*)?,"
    # an opening phrase on what the sentence before told: "Aside from those, driver assists … are available"
    r"|(?:Aside\s+from|Apart\s+from|Besides|Beyond|Other\s+than|In\s+addition\s+to|Along\s+with|Unlike|Like|"
    r"Despite|Given|On\s+top\s+of|As\s+well\s+as|Because\s+of|Thanks\s+to|With|Without)\s+(?:all\s+)?"
    r"(?:that|this|those|these|them)\s*,"
    r"|(?:Earlier|Later)(?:,|(?:\s+(?:on|in|that|the same))?\s+(?:the day|that day|day|\w+day)\b)"
    r"|(?:[\w’'-]+\s+){1,3}(?:also|then)\s|[^,]{1,40},[^,]{1,80},\s+also\s(?!(?:from|in|at|of|on|with|for|a|an|the)\b)"
    r"|(?:(?!(?:said|says|told|that|would|will|could|can|should|might|may|must|to)\b)[\w’'.-]+\s+){4,8}?"
    r"(?:has\s+|have\s+|had\s+)?also\s+[a-z]+(?:ed|[^s\W]s)?\s)"
)
#: A sentence that announces what the article is about to tell rather than telling it: "Here are five
#: things the trip told us …", "Five takeaways from the summit we learned", "What we know about the
#: deal". A list's teaser names the occasion and often its date, so a timeline would file it as the
#: day's event; it states no event and no fact of its own.
TEASER = re.compile(
    r"^Here(?:'s|’s|\s+(?:are|is))\b"
    r"|\b(?:things|takeaways|lessons|facts|questions)\b[^.;:]{0,80}?"
    r"\b(?:to know|(?:we|you) (?:learned|learnt|need to know|should know)|told us|tells? us|to watch)\b"
    r"|\bwhat (?:we|you) (?:know|need to know)\b",
    re.IGNORECASE,
)
#: A line about how well the story is understood rather than about the story: "the outline of what
#: their summit changed is becoming clearer", "it remains to be seen whether …", "it is too early to
#: say". It names no act, figure or stance a reader could check, so it is no development.
COMMENTARY = re.compile(
    r"\b(?:is|are)\s+(?:now\s+)?(?:becoming|growing|getting|starting to look)\s+(?:clearer|clear|plainer)\b"
    r"|\b(?:is|are)\s+(?:now\s+)?coming into (?:focus|view)\b"
    r"|\bremains? to be seen\b"
    r"|\b(?:too early|too soon) to (?:say|tell|judge)\b",
    re.IGNORECASE,
)
#: A writer's lead-in that sets up a point instead of telling one: "Crossovers may have taken over the
#: market, but that doesn't mean the sedan is dead" (the lines after it tell what the maker did).
LEAD_IN = re.compile(r",\s+but\s+(?:that|this|it)\s+(?:doesn['’]t|does\s+not)\s+mean\b")
#: A web page's hook on how hard the reader's task is: "When faced with a long wine list, the world of wine
#: can seem overwhelmingly complex", "Deciding how much to tip can sometimes feel like solving a puzzle",
#: "Sometimes finding a use for an old tablet can be challenging", "When it comes to renting a car, it can
#: be daunting to choose …". The subject is a task (a gerund, "it", "the world of …"), and the line tells
#: only that it is hard; the lines after it tell the facts. A report's "it can be difficult to determine
#: whether …" sits after its own clause ("… since it can be difficult …"), not at the start, and a line
#: with a figure ("Investing can seem intimidating, but 29% of …") tells something besides.
DIFFICULTY_HOOK = re.compile(
    r"^(?:(?:When|With|For|If|As)\b[^,]{1,100}(?:,[^,]{1,100})?,\s+)?(?:Sometimes,?\s+|sometimes\s+)?"
    r"(?:[Ii]t|[A-Z]?[a-z]+ing\b[^,;:]{0,120}?|[Tt]he\s+world\s+of\s+[\w-]+(?:\s+[\w-]+)?)\s+can\s+"
    r"(?:sometimes\s+|often\s+|quickly\s+|easily\s+|also\s+)?(?:seem|feel|be|get|become|look)\s+"
    r"(?:(?:a\s+(?:bit|little)|quite|very|so|overwhelmingly|incredibly|pretty|really|extremely|rather)\s+)?"
    r"(?:overwhelming|complex|complicated|challenging|daunting|confusing|difficult|tricky|intimidating|hard|"
    r"like\s+(?:a|an|\w+ing)\b)"
)
#: A sweep over the event's scenes that says what they added up to: "From the anniversary concert
#: in Beijing to the stop at the Harbin Institute of Technology …, the programme was built around
#: shared history and technology". It characterises the staging and tells no act of its own; the
#: scenes it names are told, with what happened there, by the lines that report them. A sweep
#: with a figure ("From the 2019 meeting to the 2024 one, trade rose 60%") tells a change, and stays.
MONTAGE = re.compile(
    r"^From\s+(?:the|a|an|his|her|its|their)\s+[^,]{3,120}?\s+to\s+(?:the|a|an|his|her|its|their)\s+[^,]{3,200},\s+"
    r"(?:the|his|her|its|their|this|that)\s+(?:[\w’'-]+\s+){0,2}?"
    r"(?:programme|program|visit|trip|tour|schedule|itinerary|agenda|stay|summit|day|days|week|ceremonies|"
    r"choreography|symbolism|stagecraft|pageantry|message)\b"
)
#: A mood told in one short line: "The war in Ukraine hung over the talks", "Tariffs loomed over the
#: meeting". It says something weighed on the event, not what anyone did or said about it; the
#: lines that tell what was said about the war are the news. A longer line goes on to say how, and stays.
MOOD = re.compile(
    r"^[A-Z][\w’'-]*\s+(?:[\w’'-]+\s+){0,5}?(?:hung|hangs|loomed|looms|hovered|hovers|weighed|weighs)\s+"
    r"(?:heavily\s+)?(?:over|on)\s+(?:the|this|their|its)\s+(?:[\w’'-]+\s+)?"
    r"(?:talks|meeting|summit|visit|trip|gathering|negotiations|conference|proceedings|celebrations|parade)\.?$"
)
#: A line that says what the story means to one party, framed "For Moscow, …", "For the Kremlin, …":
#: "For Moscow, the summit offers another stage on which to show that …". It is analysis, neither a
#: development nor a plan, whatever verbs follow; "For years, …" names no party and is no frame.
PERSPECTIVE = re.compile(r"^For\s+(?:the\s+)?(?:[A-Z][\w’'.-]+\s+){0,2}[A-Z][\w’'-]+,")
#: What analysts make of the story, in the main clause: "Military analysts have said the jets alone
#: will not transform the battlefield, but that they could help …". A judgement of what an act
#: is worth, not an act and not a plan; its "will" is the analysts' view of an effect, so it is
#: no line for What comes next, and no news for the Summary. Key aspects may print it.
ANALYSTS_VIEW = re.compile(
    r"^(?:[A-Z][\w’'-]*\s+)?(?:[a-z][\w’'-]*\s+)?(?:[Aa]nalysts|[Ee]xperts|[Oo]bservers|[Cc]ommentators)\s+"
    r"(?:(?:have|had|generally|widely|largely)\s+)?"
    r"(?:say|said|believe|believed|argue|argued|caution|cautioned|warn|warned|note|noted|"
    r"describe|described|doubt|doubted|suggest|suggested|point|pointed)\b"
)
#: A line that places the story's event after what came before it: "The summit follows weeks of
#: mounting pressure from Washington", "The trip comes days after …". What it tells is the lead-up:
#: background, which that section may print, and no aspect of the event itself.
FOLLOWS_ON = re.compile(
    r"^(?:The|This|That|Its|His|Her|Their)\s+(?:[\w’'-]+\s+){0,2}?"
    r"(?:summit|trip|visit|meeting|talks|tour|gathering|conference|session|deal|agreement|move|announcement)\s+"
    r"(?:follows|comes\s+(?:after|amid|on\s+the\s+heels|as|days|weeks|months|a\s+(?:day|week|month)))\b"
)
_NUMBER = re.compile(r"\b\d[\d,.]*\b")
_CAPITALISED = re.compile(r"(?<=\s)[A-Z][\w’'-]+")
_CALENDAR = re.compile(
    r"^(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day|January|February|March|April|May|June|July|August|"
    r"September|October|November|December|Sept?|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Oct|Nov|Dec)$"
)
_WEEKDAY = re.compile(
    r"^(?:on |last |next |this )?(?:mon|tues|wednes|thurs|fri|satur|sun)day$", re.IGNORECASE
)
OUTLOOK_CUE = re.compile(
    r"\b(still (?:has|have|needs?) to|(?:has|have) yet to|yet to be|"
    r"(?<!over the )(?<!within the )(?<!in the )(?<!for the )next (?:year|summit|meeting|round)|"
    r"(?:is|are) likely to|to be (?:agreed|settled|decided|finalised|finalized)|must (?:agree|decide)|"
    r"expected to (?:continue|resume)|will host|coming (?:weeks|months|years)|months ahead|"
    r"will take (?:\w+ )?(?:longer|years)|will respond|takes? effect|will be watched)\b",
    re.IGNORECASE,
)
#: A time that names no time: "are likely to see each other again before long". What comes next
#: is read for what to watch and when; with no date beside it such a line gives neither.
VAGUE_TIME = re.compile(
    r"\b(?:before long|sooner or later|at some (?:point|stage)|in due course|one day|eventually|"
    r"in the (?:near|not-too-distant|not too distant) future)\b",
    re.IGNORECASE,
)
_YEAR = re.compile(r"\b(19\d\d|20\d\d)\b")
#: "the first meeting since 2019", "his first trip abroad since …": news that measures a gap. With a
#: modal ("would be his first … since") it is a preview, judged like any other sentence. A
#: superlative measures the same way: "the gathering produced the most concrete package … since
#: Russia's invasion in 2022" ranks this week's package; 2022 dates what it is ranked against.
FIRST_SINCE = re.compile(
    r"\b(?:first|(?:the|its|their|his|her)\s+(?:(?:most|least)\s+[a-z][\w-]*|biggest|largest|highest|lowest|"
    r"worst|best|deadliest|strongest|weakest|heaviest|greatest|widest|sharpest|steepest|fastest|longest|"
    r"toughest|clearest|boldest))\b[^.;]{0,60}?\bsince\b"
)
_MODAL = re.compile(r"\b(?:would|will)\b")
#: A past perfect: "Chinese buyers had shunned US soybeans", "Trump had given Moscow until …". It
#: places the act before the time of the report, whatever later date the sentence names.
PLUPERFECT = re.compile(r"\bhad\s+(?:(?:not|never|already|long|\w+ly)\s+)?(?!to\b)[a-z]+(?:ed|en|wn|ne|un|ht|lt|pt|nt|de)\b")
#: A relative clause set off by commas ("…, who has led the alliance since 2014, will hand over …",
#: "…, whose appointment allies confirmed last month."), by dashes ("Tokayev — who steps down next
#: year — handed …") or by brackets ("China (which hosts next year's summit)"): it describes a party
#: or a place in passing ("…, where the next summit will be held"); its tense and dates are not the
#: main clause's.
_RELATIVE = r"(?:who|whom|whose|which|where)\b"
SIDE_CLAUSE = re.compile(  # each branch opens on one character: it runs on every candidate a plan may be in
    rf",\s+{_RELATIVE}[^,;]*(?:,|;|$)"
    rf"|[—–]\s+{_RELATIVE}[^—–;]*(?:[—–]|;|$)"
    rf"|\({_RELATIVE}[^()]*\)"
)
_DATE_TEXT = re.compile(
    r"\b(?:January|February|March|April|May|June|July|August|September|October|November|December)"
    r"(?:\s+\d{1,2})?,?\s+(?:19|20)\d\d\b|\b(?:19|20)\d\d\b"
)


@dataclass(frozen=True)
class Candidate:
    """One sentence a brief may print, with its analysis and its identical copies elsewhere."""

    article: Article
    sentence: Sentence
    order: int  # reading order across the articles (date, then position)
    mentions: tuple[Mention, ...] = ()
    events: tuple[Event, ...] = ()
    dates: tuple[DateMention, ...] = ()
    themes: tuple[str, ...] = ()
    copies: tuple[tuple[Article, Sentence], ...] = ()
    display: str = ""  # the sentence without its dateline: a literal substring of it
    speeches: tuple[Speech, ...] = ()  # who says what in it (see newsdesk.brief.speakers)
    position: int = 0  # rank among the article's usable sentences: 0 is its lead
    facts: frozenset[str] = frozenset()  # named actors, dates, numbers, names: what it tells a reader
    vocabulary: frozenset[str] = frozenset()  # its content words (see content_words)
    leans: bool = False  # it needs the sentences before it to be understood (see needs_context)
    surname: str = ""  # when it leans only by a bare surname ("Esper met …") or an acronym spelled out before ("HP"): that word

    @property
    def text(self) -> str:
        """What a brief prints: the sentence, minus a leading wire dateline."""
        return self.display or self.sentence.text

    @property
    def key(self) -> tuple[str, int]:
        return (self.article.id, self.sentence.index)

    @property
    def words(self) -> int:
        return len(self.text.split())


def normal_text(text: str) -> str:
    """Whitespace- and case-insensitive form used to recognise the same sentence in two places."""
    return " ".join(text.split()).lower()


def _usable_text(text: str) -> bool:
    return len(text.split()) >= _MIN_WORDS and (text[:1].isalnum() or text[:1] in "\"“‘'(")


def _lead_in(text: str) -> bool:
    """A heading or a list's lead-in ("A border deal on the eve:", "several developments are
    anticipated:"): it announces what follows and says nothing by itself."""
    return text.rstrip(" .\"'”’)").endswith(":")


def _usable(sentence: Sentence) -> bool:
    words = len(sentence.text.split())
    return (
        _MIN_WORDS <= words <= _MAX_WORDS
        and not _lead_in(sentence.text)
        and not _BOILERPLATE.search(sentence.text)
        and not _STANDFIRST.match(sentence.text)
    )


def sentence_facts(text: str, mentions: Sequence[Mention], dates: Sequence[DateMention]) -> frozenset[str]:
    """The checkable facts of a sentence: resolved actors, dates, numbers and other capitalised names.

    Used for coverage: a sentence whose facts an already chosen one covers adds nothing new.
    """
    facts = {"actor:" + m.actor.name for m in mentions if m.actor}
    facts |= {"date:" + d.date for d in dates}
    facts |= {"num:" + n.strip(".,") for n in _NUMBER.findall(text)}
    covered = " ".join(m.text for m in [*mentions, *dates])
    for word in _CAPITALISED.findall(text):
        word = re.sub(r"[’']s$", "", word)
        if word not in covered and not _CALENDAR.match(word):
            facts.add("name:" + word.lower())
    return frozenset(facts)


#: Words too common to tell two sentences apart.
_STOP = frozenset(
    re.findall(
        r"\w+",
        "the a an of to in on at and or but that this was were is are be been by for with as its his her",
    )
)


def content_words(text: str) -> frozenset[str]:
    """The lower-cased words that carry a sentence's content: what two sentences must share to
    say the same thing (a repeat, a citation that supports a printed line)."""
    return frozenset(w for w in re.findall(r"[a-z0-9]+", text.lower()) if w not in _STOP)


def strip_dateline(text: str) -> str:
    """``text`` without a leading dateline; still a literal substring, so still verifiable."""
    match = DATELINE.match(text)
    rest = text[match.end() :] if match else text
    return rest if len(rest.split()) >= _MIN_WORDS else text


_CACHE: OrderedDict[tuple, tuple[Candidate, ...]] = OrderedDict()
_CACHE_SIZE = 4096


def _cache_key(article: Article, analysis: Analysis) -> tuple:
    """What a candidate carries from its article: the text and analysis sizes, and the metadata a
    citation prints (an article re-extracted with a publisher or URL must not cite the old ones)."""
    return (
        article.id,
        article.date,
        article.url,
        article.publisher,
        article.title,
        article.source,
        hash(article.text),
        len(analysis.sentences),
        len(analysis.mentions),
        len(analysis.events),
        len(analysis.dates),
    )


def article_candidates(article: Article, analysis: Analysis) -> tuple[Candidate, ...]:
    """The usable sentences of one article with their analysis, memoised per article.

    Everything here depends on the article alone, so when a story grows by one article only that
    article is processed; the cache key includes a hash of the text so an edited article is redone.
    """
    key = _cache_key(article, analysis)
    cached = _CACHE.get(key)
    if cached is not None:
        _CACHE.move_to_end(key)
        return cached
    result = tuple(_fresh_candidates(article, analysis))
    _CACHE[key] = result
    if len(_CACHE) > _CACHE_SIZE:
        _CACHE.popitem(last=False)
    return result


def _grouped(items: Sequence) -> dict[int, tuple]:
    out: dict[int, list] = {}
    for item in items:
        out.setdefault(item.sentence_index, []).append(item)
    return {k: tuple(v) for k, v in out.items()}


def _fresh_candidates(article: Article, analysis: Analysis) -> list[Candidate]:
    speeches = article_speeches(analysis)
    mentions, events, dates = (_grouped(x) for x in (analysis.mentions, analysis.events, analysis.dates))
    out = []
    spelled = spelled_out(article.text)
    for position, sentence in enumerate(analysis.sentences):
        if not _usable(sentence) or not _usable_text(strip_dateline(sentence.text)):
            continue
        if article.title and normal_text(sentence.text) == normal_text(article.title):
            continue  # the headline repeated as the first line of the body
        display = strip_dateline(sentence.text)
        spoken = speeches.get(sentence.index, ())
        if not_reported(display, any(s.speaker or s.parties or s.named for s in spoken)):
            continue  # a heading, a question, navigation, or copy that speaks to the reader
        themes = analysis.sentence_themes[position] if position < len(analysis.sentence_themes) else ()
        said, when = mentions.get(sentence.index, ()), dates.get(sentence.index, ())
        leans = _leans(display, sentence, said, bool(when) or bool(_DATE_TEXT.search(display)))
        surname = "" if leans else _introduced_before(display, sentence, said, article.text) or (
            acronym_reference(display, spelled, sentence.start, frozenset(w for m in said if known_by_name(m) for w in m.text.split()))
            if spelled
            else ""
        )
        out.append(
            Candidate(
                article=article,
                sentence=sentence,
                order=0,
                mentions=said,
                events=events.get(sentence.index, ()),
                dates=when,
                themes=tuple(themes),
                display=display,
                speeches=spoken,
                position=len(out),
                facts=sentence_facts(sentence.text, said, when),
                vocabulary=content_words(display),
                leans=leans or bool(surname),
                surname=surname,
            )
        )
    return out


def build_candidates(
    articles: Sequence[Article],
    analyses: Sequence[Analysis],
    duplicates: Mapping[str, Sequence[str]] | None = None,
) -> list[Candidate]:
    """Candidates of a set of articles in reading order, identical sentences merged.

    Articles named as duplicates (syndicated copies) in ``duplicates`` rank after their canonical
    article, so the canonical sentence is the one printed and the copy is an extra citation.
    Sentences are compared without their datelines, so one wire story filed from two cities merges.
    """
    by_id = {a.article_id: a for a in analyses}
    copy_ids = {c for copies in (duplicates or {}).values() for c in copies}
    position = {a.id: i for i, a in enumerate(articles)}
    ordered = sorted(
        (a for a in articles if a.id in by_id),
        key=lambda a: (a.id in copy_ids, a.date or "", position[a.id]),
    )
    merged: dict[str, Candidate] = {}
    for article in ordered:
        for candidate in article_candidates(article, by_id[article.id]):
            norm = normal_text(candidate.text)
            first = merged.get(norm)
            if first is None:
                merged[norm] = dataclasses.replace(candidate, order=len(merged))
            elif first.article.id != article.id and all(a.id != article.id for a, _ in first.copies):
                merged[norm] = dataclasses.replace(
                    first, copies=(*first.copies, (article, candidate.sentence))
                )
    return sorted(merged.values(), key=lambda c: (c.article.date or "", c.order))


# ----------------------------------------------------------------------------------------- cues


def is_future(candidate: Candidate) -> bool:
    """Announced or scheduled, not yet happened.

    Coded events decide when the sentence has any (a signed deal under which gas "will" flow is
    news, not outlook); the future cues decide for sentences without events.
    """
    if candidate.events:
        return any(e.future for e in candidate.events)
    return bool(FUTURE_CUE.search(candidate.text))


def is_historical(candidate: Candidate, story_start: str | None) -> bool:
    """Background rather than news: an earlier dated event, only earlier dates, or a background cue.

    An event the analyzer flags historical only counts when it is dated before the story began:
    "Gazprom said it had signed …" is pluperfect but is the story's news. So is "their first
    meeting since 2019": the year dates the previous meeting, not this one; and so is a sentence
    whose main clause tells an act dated inside the story (:func:`_story_act`), however old the
    visit it names beside it. An undated act flagged historical by its wording alone counts only
    when the sentence does not place it in the story (:func:`_undated_act_now`).
    """
    if FIRST_SINCE.search(candidate.text) and not _MODAL.search(candidate.text):
        return False
    if EARLIER_OPENING.match(candidate.text):
        return True
    if story_start:
        if any(_story_act(e, story_start) for e in candidate.events):
            return False  # "On Wednesday Putin held talks with Xi, their second meeting since a visit in May"
        past = [e for e in candidate.events if e.historical and not e.future]
        if any(e.date and (e.date_end or e.date) < story_start[:10] for e in past):
            return True
        if any(not e.date for e in past) and not _undated_act_now(candidate, story_start):
            return True
        if candidate.dates and all(_before(d, story_start) for d in candidate.dates):
            return True
        if any((d.date_end or d.date) >= story_start[:10] for d in candidate.dates):
            return False  # news that mentions the past in passing
        years = [int(y) for y in _YEAR.findall(candidate.text)]
        if years and all(y < int(story_start[:4]) for y in years):
            return True
    elif any(e.historical for e in candidate.events):
        return True
    return bool(HISTORICAL_CUE.search(candidate.text))


def _undated_act_now(candidate: Candidate, story_start: str) -> bool:
    """An undated act the analyzer reads as background from its wording alone, but that the sentence
    places in the story: it names a date from the story's start on and tells no past perfect.

    "The deal, gavelled through in the early hours, triples the previous commitment …, which runs
    until 2025": the participle marks the deal as done, not as old; the sentence's date is the
    story's, so this is the story's news. "Buyers had shunned US soybeans from this year's harvest"
    keeps its past perfect, and stays background.
    """
    if not any((d.date_end or d.date) >= story_start[:10] for d in candidate.dates):
        return False
    text = candidate.text
    return not ("had " in text and PLUPERFECT.search(text))


def without_side_clauses(text: str) -> str:
    """``text`` less its relative clauses set off by commas, dashes or brackets (see :data:`SIDE_CLAUSE`)."""
    return SIDE_CLAUSE.sub(",", text) if _may_hold_side_clause(text) else text


def _may_hold_side_clause(text: str) -> bool:
    """A cheap test before :data:`SIDE_CLAUSE` runs: a relative word right after a comma, a dash or
    a bracket."""
    return ", wh" in text or "— wh" in text or "– wh" in text or "(wh" in text


#: A past participle that describes the sentence's subject before its verb: "The tariff truce first
#: agreed in Geneva in May is due to expire on November 10". May dates the truce, not the expiry.
#: The span runs from the participle to the main verb's auxiliary.
SUBJECT_PARTICIPLE = re.compile(
    r"^(?:The|A|An|This|That|Its|Their)\s+(?:[\w’'-]+\s+){0,4}?((?:(?:first|originally|initially|jointly|"
    r"already|only)\s+)?(?:[a-z]+ed|held|made|set|struck|won|taken|given)\s+"
    r"(?:by|in|at|on|with|during|last|earlier)\b[^,;]*?)"
    r"(?=\s(?:is|are|was|were|will|has|have|had|remains?|expires?)\b)"
)


def side_clause_dates(candidate: Candidate) -> tuple[DateMention, ...]:
    """The sentence's dates inside a relative clause set off by commas, dashes or brackets (see
    :data:`SIDE_CLAUSE`), or inside a participle phrase describing its subject (see
    :data:`SUBJECT_PARTICIPLE`): in "Stoltenberg, who has led the alliance since 2014, will hand over
    on Oct. 1", 2014 dates his tenure, not the handover."""
    text, base = candidate.sentence.text, candidate.sentence.start
    spans = [m.span() for m in SIDE_CLAUSE.finditer(text)] if _may_hold_side_clause(text) else []
    described = SUBJECT_PARTICIPLE.match(text)
    if described is not None:
        spans.append(described.span(1))
    if not spans:
        return ()
    return tuple(d for d in candidate.dates if any(a <= d.start - base < b for a, b in spans))


def happened(event: Event) -> bool:
    """An event told as having happened: not negated, hypothetical or still to come."""
    return not (event.negated or event.hypothetical or event.future)


def _main_news(event: Event) -> bool:
    """An act the sentence's main clause tells as happened and as new (not a historical mention)."""
    return event.clause == MAIN_CLAUSE and happened(event) and not event.historical


def _story_act(event: Event, story_start: str) -> bool:
    """An act the sentence's main clause tells as happened, dated inside the story: the story's
    news, whatever earlier visit it measures itself against in passing."""
    return _main_news(event) and (event.date or "") >= story_start[:10]


def main_acts(candidate: Candidate) -> list[tuple[str, str, frozenset[str]]]:
    """The (day, type, parties) of each act the sentence's main clause tells as happened."""
    return [
        (e.date, e.plover, frozenset(a.name for a in (*e.actors, *e.recipients)))
        for e in candidate.events
        if e.date and _main_news(e)
    ]


def same_main_act(a: Candidate, b: Candidate) -> bool:
    """Two sentences whose main clauses tell one act: the same day and type, and the parties of one
    (two at least) all among the other's. "Putin and Xi met in Astana on Wednesday on the sidelines
    of the summit" and "On Wednesday Putin held talks with Xi, … and also met Erdogan" tell one
    meeting; the second adds Erdogan in passing."""
    theirs = main_acts(b)
    return any(
        day == other_day and kind == other_kind and min(len(parties), len(others)) >= 2
        and (parties <= others or others <= parties)
        for day, kind, parties in main_acts(a)
        for other_day, other_kind, others in theirs
    )


#: Share of the shorter line's word stems the other must hold for :func:`same_report` (a development
#: figure, chosen on the twenty real-page briefs of the twenty-second pass).
REPORT_SHARE = 0.43
#: How many stems two lines must share for :func:`same_report`, and how many of them must be written
#: in lower case (the act and its object rather than the names).
REPORT_STEMS = 5
REPORT_WORDS = 3
_WORD = re.compile(r"[\w'’-]+")


def same_report(a: Candidate, b: Candidate) -> bool:
    """Two lines that give one report in two outlets' words: "A team led by NASA researchers has
    confirmed traces of water vapour above Europa's surface" and "NASA scientists … have confirmed
    the presence of water vapour on the surface of Europa".

    Such a pair has no date to share and few words the story does not use everywhere, so neither the
    TF-IDF cosine nor the fact coverage sees it. What gives it away: most of the shorter line's stems
    (:data:`REPORT_SHARE`, at least :data:`REPORT_STEMS`) are in the other, several of them words in
    lower case (:data:`REPORT_WORDS`: what was done, not only who), they carry no different
    figures, and the two tell it of one subject: the first content word of one of them is in the
    other, and of the names both give, each gives the same one first. Two lines about the same
    people that tell different acts ("Trump said he would cut tariffs …", "China said it would
    suspend its export controls …") share names, not the act; two lines of one summit about
    different hosts ("Kyrgyzstan … will host the next meeting", "China hosts APEC next year") do not
    share a subject.
    """
    first, second = tokens(a.text), tokens(b.text)
    if not first or not second:
        return False
    x, y = set(first), set(second)
    shared = x & y
    if len(shared) < max(REPORT_STEMS, REPORT_SHARE * min(len(x), len(y))):
        return False
    if len(_lower_stems(a.text) & _lower_stems(b.text)) < REPORT_WORDS:
        return False
    figures, others = _figures(a), _figures(b)
    if figures and others and not figures & others:
        return False  # "a study of 38 people" and "a study of 84 women" are two studies
    return (first[0] in y or second[0] in x) and _same_lead_name(a.text, b.text)


def _same_lead_name(a: str, b: str) -> bool:
    """Of the names both lines give, each gives the same one first: "Bolivia said it would cut its
    quota to Peru" and "Peru said it would suspend its quota to Bolivia" tell two acts of the same
    two parties. True when they share no name."""
    x, y = _name_stems(a), _name_stems(b)
    shared = set(x) & set(y)
    return not shared or next(n for n in x if n in shared) == next(n for n in y if n in shared)


def _name_stems(text: str) -> list[str]:
    """The stems of the words ``text`` capitalises, in order."""
    return tokens(" ".join(w for w in _WORD.findall(text) if w[:1].isupper()))


def _figures(candidate: Candidate) -> frozenset[str]:
    """The line's numbers (its ``num:`` facts): two reports of one thing give the same figures."""
    return frozenset(f for f in candidate.facts if f.startswith("num:"))


def _lower_stems(text: str) -> set[str]:
    """The stems of the words ``text`` writes in lower case: its acts and things, not its names."""
    return set(tokens(" ".join(w for w in _WORD.findall(text) if not w[:1].isupper())))


def _before(date: DateMention, story_start: str) -> bool:
    """The mention ends before the story starts, at the mention's own granularity.

    A bare weekday ("on Sunday") is resolved relative to the article and may land either side of
    the story start, so it never counts as earlier.
    """
    if _WEEKDAY.match(date.text.strip()):
        return False
    last = date.date_end or date.date
    if date.granularity == "day":
        return last < story_start[:10]
    if date.granularity == "year":
        return last[:4] < story_start[:4]
    return last[:7] < story_start[:7]


def dated_by_weekday(candidate: Candidate) -> bool:
    """True when the sentence places an act by a bare weekday ("on Wednesday he ordered …"): away
    from its report, a reader cannot tell which Wednesday."""
    return any(_WEEKDAY.match(d.text.strip()) for d in candidate.dates)


def has_date(candidate: Candidate) -> bool:
    """True when the sentence itself states a date (so a reader can place it in time)."""
    return bool(candidate.dates) or bool(_DATE_TEXT.search(candidate.text))


#: The share of a line's content words the brief has not printed yet, for a bare-surname line to be
#: printed after the line that named the person in full (see :func:`needs_context`; a development figure).
MET_NEW_SHARE = 0.5


def needs_context(candidate: Candidate, shown: Sequence[str] = ()) -> bool:
    """True when the sentence leans on the ones before it, so it reads as an orphan on its own:
    a pronoun or connective opening ("He said …", "But …"), or a reference further in that only
    the article's earlier sentences resolve ("The announcement comes …", "confirmed it").

    Worked out once per article with its candidates (:attr:`Candidate.leans`). ``shown`` are the
    lines the brief prints before this one: a sentence that leans only by a bare surname ("Volker
    said …") reads well after a line that names the person in full ("Kurt Volker, the former special
    envoy to Ukraine, …"), since the reader has met them there — unless it mostly
    repeats the lines printed before it ("Taylor had Feather Duvet Lung disease" after "… was
    diagnosed with 'feather-duvet lung'"): at least :data:`MET_NEW_SHARE` of its content words must
    be new to them.
    """
    if not (candidate.leans and candidate.surname and introduced_in(candidate.surname, shown)):
        return candidate.leans
    printed = set().union(*(content_words(line) for line in shown))
    words = candidate.vocabulary
    return len(words - printed) < MET_NEW_SHARE * len(words)


def _introduced_before(text: str, sentence: Sentence, mentions: Sequence[Mention], article_text: str) -> str:
    """The surname by which the sentence names someone the article gave in full earlier (see
    :func:`newsdesk.brief.anaphora.second_reference`), or "" when it names no one so."""
    found = surname_reference(text)
    if found is None:
        return ""
    at = sentence.start + len(sentence.text) - len(text) + found[1]
    here = [m for m in mentions if m.start == at]
    if found[2] and (
        any(m.label != "PERSON" and not is_person(m) for m in here) or _common_word(found[0], article_text)
    ):
        return ""
    return found[0] if second_reference(text, article_text, sentence.start, any(known_by_name(m) for m in here)) else ""


def _common_word(word: str, article_text: str) -> bool:
    """``word`` also occurs in lower case in the article ("Police said …" beside "the police"), so
    capitalised at a sentence's start it need not be a name. A surname is never written in lower case."""
    return re.search(rf"\b{re.escape(word.lower())}\b", article_text) is not None


def commentary(text: str) -> bool:
    """``text`` comments on what is known instead of telling it (see :data:`COMMENTARY`), only leads in to
    a point (see :data:`LEAD_IN`), only tells that the reader's task is hard (see :data:`DIFFICULTY_HOOK`),
    sums up the event's scenes without a figure (see :data:`MONTAGE`), or tells only a mood (see
    :data:`MOOD`)."""
    return (
        bool(COMMENTARY.search(text))
        or (" mean" in text and LEAD_IN.search(text) is not None)
        or (" can " in text and DIFFICULTY_HOOK.match(text) is not None and not any(ch.isdigit() for ch in text))
        or (text.startswith("From ") and not any(ch.isdigit() for ch in text) and bool(MONTAGE.match(text)))
        or (len(text) < 80 and bool(MOOD.match(text)))
    )


#: A main verb that looks ahead: "is likely to face", "are expected to sign", "will meet".
FORECAST = re.compile(r"\b(?:(?:is|are)\s+(?:likely|unlikely|expected|set|due|poised)\s+to|will)\s+[a-z]")


def forecast_dated_by_side_act(candidate: Candidate) -> bool:
    """The main clause looks ahead, and every act the sentence tells as done sits in a side clause
    after it: "Orban is likely to face pointed questions after trips to Moscow on Friday …". The
    sentence's day is the trip's, but what it tells is a forecast; as a dated record of that day it
    misleads. A main-clause act ("Orban, who will chair the EU, flew to Moscow on Friday") is news."""
    found = FORECAST.search(candidate.text)
    if found is None:
        return False
    done = [e for e in candidate.events if happened(e)]
    if not done or any(e.clause == MAIN_CLAUSE for e in done):
        return False
    return all(candidate.text.find(e.trigger, found.end()) >= 0 for e in done)


def perspective(text: str) -> bool:
    """``text`` tells what the story means to a party (see :data:`PERSPECTIVE`), or what analysts
    make of it (see :data:`ANALYSTS_VIEW`)."""
    return (text.startswith("For ") and bool(PERSPECTIVE.match(text))) or (
        ("nalyst" in text or "xpert" in text or "bserver" in text or "ommentator" in text)
        and bool(ANALYSTS_VIEW.match(text))
    )


def follows_on(text: str) -> bool:
    """``text`` tells what the story's event came after (see :data:`FOLLOWS_ON`)."""
    return (" follows " in text or " comes " in text) and bool(FOLLOWS_ON.match(text))


def teaser(text: str) -> bool:
    """``text`` announces content instead of stating it (see :data:`TEASER`)."""
    return bool(TEASER.search(text))


def _leans(text: str, sentence: Sentence, mentions: Sequence[Mention], dated: bool) -> bool:
    """See :func:`needs_context`; ``text`` is the printed part of ``sentence`` (a dateline off)."""
    if PRONOUN_OPENER.match(text) or teaser(text):
        return True
    persons = person_spans(mentions, sentence.start, len(sentence.text) - len(text))
    return unresolved_reference(text, persons, dated)


# ------------------------------------------------------------------------------ one dated event


def _parties(event: Event) -> tuple[frozenset[str], bool]:
    """The event's parties (countries, else names), and whether both sides are known and distinct.

    "Russia's Gazprom signed …" may be coded RUS → RUS when the other party is not found: a
    self-loop, like an empty side, leaves the event's other party open.
    """
    who = {a.country or a.name for a in event.actors}
    whom = {a.country or a.name for a in event.recipients}
    return frozenset(who | whom), bool(who) and bool(whom) and who != whom


def _stems(trigger: str | None) -> frozenset[str]:
    return frozenset(w[:4] for w in (trigger or "").lower().split() if w)


def _stated_events(candidate: Candidate) -> list[Event]:
    """Factual events dated to a day the sentence itself states (not its article's date)."""
    days = {d.date for d in candidate.dates if d.granularity == "day"}
    return [
        e
        for e in candidate.events
        if e.date in days and happened(e)
    ]


#: Object stems two same-party lines of one day must share to tell one act (see :func:`same_act_told_twice`).
SAME_OBJECT_STEMS = 5


def _sides(candidate: Candidate) -> set[tuple[frozenset[str], frozenset[str]]]:
    """The (actors, recipients) of each act the sentence tells that is not negated or hypothetical,
    by country else name; only acts with a known actor."""
    out = set()
    for e in candidate.events:
        who = frozenset(a.country or a.name for a in e.actors)
        if who and not (e.negated or e.hypothetical):
            out.add((who, frozenset(a.country or a.name for a in e.recipients)))
    return out


def _object_stems(candidate: Candidate) -> frozenset[str]:
    """The sentence's content words less its names and dates, cut to five letters: what it tells
    about (a "declaration", a "path", "irreversible") rather than who or when."""
    text, base = candidate.sentence.text, candidate.sentence.start
    spans = [(m.start - base, m.end - base) for m in candidate.mentions]
    spans += [(d.start - base, d.end - base) for d in candidate.dates]
    kept = "".join(" " if any(a <= i < b for a, b in spans) else ch for i, ch in enumerate(text))
    return frozenset(w[:5] for w in content_words(kept) if not w.isdigit() and len(w) > 2)


def same_act_told_twice(a: Candidate, b: Candidate) -> bool:
    """Two lines (of one day) with an act of the same actors and recipients and the same object:
    they share :data:`SAME_OBJECT_STEMS` object words. The event type is not compared: "Nato
    leaders declared … an irreversible path" and "alliance leaders adopted a declaration
    describing Ukraine's path … as irreversible" are one declaration the analyzer may code as two
    types, one of them read as still to come. Different parties, or one party doing two things
    ("signed a gas deal" / "watched a parade"), stay apart."""
    if not _sides(a) & _sides(b):
        return False
    return len(_object_stems(a) & _object_stems(b)) >= SAME_OBJECT_STEMS


def same_dated_event(a: Candidate, b: Candidate) -> bool:
    """True when two sentences report one coded event of one stated day in other words.

    Same day and same event type are needed, and the parties must agree: two fully coded events
    need the same parties ("Putin met Xi in Astana" is not "Putin met Erdogan in Astana"); when one
    side of an event is open (an empty or self-referring party), its parties must lie within the
    other event's and the trigger word must be the same ("Gazprom said it had signed …" / "the
    memorandum signed by Gazprom and CNPC …"). Word overlap alone is not used: it merges different
    events of one day at one place.
    """
    theirs = _stated_events(b)
    if not theirs:
        return False
    for x in _stated_events(a):
        px, full_x = _parties(x)
        for y in theirs:
            if x.date != y.date or x.plover != y.plover or not px:
                continue
            py, full_y = _parties(y)
            if full_x and full_y:
                if px == py:
                    return True
            elif py and (px <= py or py <= px) and _stems(x.trigger) & _stems(y.trigger):
                return True
    return False
