"""Lines that are no reported prose: what a web page says to its reader, not what a report tells.

Every brief rule before this one was written while reading news articles, where nearly every
sentence the extractor keeps is reported prose. Real pages off the demo keep much else: headings
and labels that end without a stop ("10 Essential IT Security Best Practices for Businesses",
"Updated on November 18, 2025"), questions that open a section ("Looking for the best French
press?"), navigation glued to a line ("Partner news The Queen of Thieves | Armenia named …"), and
copy that speaks to the reader or for the writer ("Contact us today", "We updated this article on
27 November 2025", "I did lots of research before visiting"). None tells a development, a fact of
the story's past, a reaction or a plan, so no section prints it. Nor does a quotation with no
speaker named in its own sentence: whose words they are was said in a line the brief leaves out.

The tests are shallow on purpose: each looks at the printed text alone, and a sentence that
reports speech (a speaker the analyser found) is never judged by its pronouns, since there "we"
and "you" are the speaker's.
"""

from __future__ import annotations

import re

#: Quoted stretches: what someone else says, whose pronouns are theirs.
#: Outlets mix curly and straight marks ("“We're On It\" became top Twitter trends"), so either
#: closes either.
_QUOTED = re.compile(r"[“\"][^”\"]*[”\"]")
#: A quotation introduced by a colon ("Martins commented: \"Cannabis use …"): its speaker is named
#: before it, whatever verb introduces it.
_INTRODUCED = re.compile(r"\w[,)]?:\s*[“\"]")
#: A pronoun of the writer or the reader, outside quotes: "Contact us today", "your business",
#: "We've curated a list", "I suspect". News copy reports; it does not address its reader or
#: speak for its writer except inside quotation marks.
#: Capitalised, "You", "We", "Our" and "My" are pronouns only where a sentence or a clause starts;
#: further in they begin a name ("The We Company", "Our Lady of Lourdes").
_PERSON = re.compile(
    r"\b(?:you(?:r|rs|rself|rselves)?|we(?:['’](?:ve|re|ll|d))?|ours?|us|I(?:['’](?:m|ve|ll|d))?|my|me)\b"
    r"|(?:^|[.:;!?—(]\s*)(?:You(?:r|rs)?|We(?:['’](?:ve|re|ll|d))?|Ours?|My)\b"
)
#: How a sentence ends: a full stop, a question or exclamation mark (an ellipsis, a colon or
#: semicolon where a splitter cut a long line), before any closing quotes and brackets. A line
#: ending otherwise is a heading, a label, a caption, a list item or a credit: "10 Essential IT
#: Security Best Practices for Businesses", "Updated on November 18, 2025", "(Reporting by …;
#: Editing by …)", "Best Advertising Agencies in 2025 (Ranked & Reviewed)".
_SENTENCE_END = frozenset(".!?…:;")
_CLOSERS = " \t\"'”’)]"


#: Verbs that web copy opens an instruction with: "Book by December 31, 2025, for travel …", "Use
#: coaching platforms that sync with …", "Choose the right vehicle", "Track UTM campaigns …", "Learn
#: why this kind of disclosure is a good idea". A report opens on its subject; a bare verb at the
#: start tells the reader what to do. The words are verbs of advice and sales copy, not of news; so are
#: "Let the dough rest", "Do this twice", "Be sure to …", "Be careful …": "Be", "Do" and "Let" never open
#: a report's own sentence (a question, "Do they …?", is left out anyway). See also :data:`_STEP`.
_INSTRUCTION = frozenset(
    re.findall(
        r"\w+",
        "add apply avoid be book boost browse build buy check choose claim click compare consider "
        "contact create discover do download enable enjoy ensure explore find follow get grab help "
        "incorporate introducing join keep learn let make order pick plan protect register "
        "remember request reserve save schedule see shop sign start subscribe take talk track try "
        "unlock use venture visit watch work",
    )
)
#: A how-to page's steps: "Cover the pot and bake for 20 minutes", "Remove the lid", "Place the dough on a
#: floured board". These verbs are also nouns ("Cover crops were planted …", "Mix of voters …"), so they
#: count only before an article or a pronoun, which a verb takes and a noun does not.
_STEP = frozenset(
    re.findall(r"\w+", "bake combine cover fold mix place pour preheat remove serve slice stir transfer whisk")
)
_STEP_OBJECT = frozenset(re.findall(r"\w+", "the a an it them this these that those each all both your half"))
#: Short words of :data:`_INSTRUCTION` that also begin a name ("Do Kwon"): a step only before a small letter.
_NAME_TOO = frozenset({"be", "do", "let"})
#: What follows such a word when it is a noun and the sentence's subject ("Use of force was …",
#: "Work on the bridge resumed", "Help arrived", "Visits to …"): a preposition or a verb.
_NOUN_AFTER = frozenset(
    re.findall(
        r"\w+",
        "of on for in at to from is are was were has have had will would could can may might should must "
        "and or than as that which who",
    )
)
#: A list item's label before a colon: "Blackout dates: December 20 – January 3", "Overview:
#: Established in 1990 …", "Why it matters: APICS-certified …", "Choose the right vehicle: A 4×4 is
#: recommended …". The label is a short phrase (up to four words, or six in title case) with no
#: verb of a clause; a report's colon follows a clause ("The timing is sensitive: …", "Tottenham
#: said in a statement: …", "Not every member shares Moscow's urgency: …") or a speaker.
_LABEL = re.compile(r"^(?P<label>[^:.;,!?“”\"()\[\]]{2,60}?):\s+\S")
_CLAUSE_WORD = re.compile(
    r"\b(?:is|are|was|were|be|been|being|has|have|had|said|says|say|told|tells|will|would|can|could|"
    r"did|does|do|should|must|may|might|according|[a-z]{2,}ed|"
    r"reports|writes|wrote|notes|adds|explains|argues|warns|tweets|states|announces|claims|insists)\b"
    # a subject pronoun or a demonstrative makes a clause ("There's a reason for that: …", "It features
    # two ports: …", "That process led to a realization: …"), except after a question word: "Why it
    # matters: …", "What they deliver: …" are a page's labels
    r"|^(?!(?:Why|What|How|Who|Where|When)\b).*\b(?:[Ii]ts?|[Tt]hey|[Tt]heir|[Hh]is|[Hh]er|[Hh]e|[Ss]he|[Tt]here|[Tt]hat|[Tt]his|[Tt]hese|"
    r"[Tt]hose|[Ww]e|I)\b"
)
#: Site furniture glued to a line without a bar: "… The Villa Group More in this category Leisure
#: Travel More in this category …", "Previous Article Pagination Next Article Featured client
#: stories …", "Survey January 22, 2026 5 min read 2026 CISO outlook …", "Top stories The House of
#: Representatives …". The phrases are a page's, never a report's (capitals count: "people read
#: more" is prose).
_FURNITURE = re.compile(
    r"\bMore (?:in|from) this (?:category|section|series)\b|\bMore like this\b|\b(?:Previous|Next) "
    r"(?:Article|Post|Story)\b|\b\d+ min(?:ute)? read\b|\bPhoto [Cc]redit\b|\bTop stories\b|\bPartner news\b"
    r"|\bRelated (?:Articles|Stories|Posts|Content)\b|\bRead [Mm]ore\b|\bSponsored by\b"
)
#: A headline glued to the next line, where the stop between them was lost: "Iconic "Friends" props
#: and costumes will be auctioned The auction, scheduled for next month, …". Inside a sentence
#: "The" is capitalised only where it starts a name, and a name goes on with a capital ("told The
#: Washington Post"), not with a lower-case word. Where the extractor lost the space as well, the
#: capital comes inside a word: "… cognitive health approachThe shift of meditation …", "Verified
#: purchaseThis seller …". A name may hold a capital inside ("LinkedIn", "YouTube"), but not one of
#: these sentence-opening words followed by a lower-case word.
_GLUED_HEADLINE = re.compile(
    r"[a-z]{2,}[”\"]?\s+The\s+[a-z]{2,}|[a-z]{3,}(?:The|This|These|Those|When|How|What|Why|Our|Its)\s+[a-z]{2,}"
)


def instruction(text: str, speaks: bool) -> bool:
    """The line opens with a verb of advice or sales copy and no subject: it tells the reader what
    to do (see :data:`_INSTRUCTION`). A speaker's words ("Use every channel," Cruz urged) are theirs;
    a quoted title inside ("Consider this 2014 entry — “Don't jerk and drive”") does not make one."""
    if speaks:
        return False
    words = text.split(maxsplit=2)
    verb = words[0].rstrip(",").lower() if words else ""  # "Remember, the act of …"
    if len(words) < 2 or not words[0][:1].isupper():
        return False
    if verb in _STEP:
        return words[1].lower() in _STEP_OBJECT
    if verb not in _INSTRUCTION:
        return False
    if verb in _NAME_TOO and (not words[1][:1].islower() or words[1] == "it"):
        return False  # "Do Kwon, the founder of …" is a name; "Be it a piano or a flute, …" a concession
    after = words[1].strip(",;:").lower()
    return after not in _NOUN_AFTER and not after.endswith("ed")


def label_item(text: str) -> bool:
    """The line is a list item under a label (see :data:`_LABEL`). A label in capitals
    ("NEW DELHI: …") is a dateline, and the line goes on as a report."""
    found = _LABEL.match(text)
    if found is None:
        return False
    label = found.group("label").strip()
    words = label.split()
    return (
        (len(words) <= 4 or (len(words) <= 6 and all(not w[:1].islower() for w in words)))
        and not label.isupper()
        and not any(ch.isdigit() for ch in label)
        and _CLAUSE_WORD.search(label) is None
    )


def question(text: str) -> bool:
    """The line asks instead of telling: it ends in a question mark outside quotes ("Want the full
    wedding planning guide?"). A quoted question ("“Why now?” Lavrov asked") is someone's words."""
    return text.rstrip(" )]").endswith("?") and not _QUOTED.search(text) and "“" not in text


def glued_furniture(text: str) -> bool:
    """A vertical bar: running prose never uses one, page navigation and headline lists do ("12
    Must-Have Data Analysis Tools for 2026 | Python, SQL & AI", "… New York's first female crime
    boss | Armenia named most popular spot …"). Nor does it use a page's furniture phrases (see
    :data:`_FURNITURE`), or a "The" that starts a sentence inside one (see :data:`_GLUED_HEADLINE`)."""
    return "|" in text or _FURNITURE.search(text) is not None or _GLUED_HEADLINE.search(text) is not None


#: A generic "you" in a side clause after the main one: "… tied for the lead, or second, depending
#: on who you ask", "… 12 hits, 13 if you count the helmet hit". It means anyone, not the reader;
#: the main clause before it reports. Copy that speaks to the reader opens with its "if you" ("If
#: you would like more details, …") or uses "your", "we" or "us" too.
_SIDE_YOU = re.compile(r"\b(?:if|when|whether|unless|who|how)\s+you\b")


def _generic_you(bare: str) -> bool:
    """Every first- or second-person pronoun of ``bare`` is a "you" opening a side clause past the
    sentence's start (see :data:`_SIDE_YOU`)."""
    pronouns = _PERSON.findall(bare)
    if not pronouns or any(p.strip().lower() != "you" for p in pronouns):
        return False
    return sum(1 for m in _SIDE_YOU.finditer(bare) if m.start() > 0) == len(pronouns)


#: The writer told something, to pass on to the reader: "Primarily, Google tells us you should expect to
#: buy, not rent cloud games …". The speaker found is a source, but "us" is the writer and "you" the
#: reader: advice relayed, not a report.
_WRITER_TOLD = re.compile(r"\b(?:tells|told)\s+us\b")
_YOU = re.compile(r"\b[Yy]ou\b")


def addresses_reader(text: str, speaks: bool) -> bool:
    """The line speaks to the reader or for the writer (a second- or first-person pronoun outside
    quotes), and reports no one's speech: marketing, advice or an editor's note, not a report.
    ``speaks`` tells that the analyser found a speaker in the sentence, whose pronouns they are,
    unless the speaker told the writer something for the reader (see :data:`_WRITER_TOLD`)."""
    bare = _QUOTED.sub(" ", text)
    if speaks:
        return _WRITER_TOLD.search(bare) is not None and _YOU.search(bare) is not None
    if "“" in bare or "”" in bare or '"' in bare:
        return False  # a quote opened or closed in a neighbouring sentence: someone's words
    return _PERSON.search(bare) is not None and not _generic_you(bare)  # "US" is the country: case counts


def unattributed_quote(text: str, speaks: bool) -> bool:
    """The line is someone's words with no one named as saying them: it is all one quotation
    ("“The authorities must end this crackdown.”"), or it opens or closes a quotation that runs on
    from or into a neighbouring sentence ("As a principle, we support … within Syria.”"). The
    speaker is in that other sentence, which the brief does not print beside it. ``speaks``: the
    analyser found a speaker in the sentence itself."""
    if speaks or _INTRODUCED.search(text):
        return False
    stripped = text.strip()
    whole = _QUOTED.fullmatch(stripped) is not None
    bare = _QUOTED.sub(" ", stripped)
    return whole or "“" in bare or "”" in bare or '"' in bare


#: The tail of a quotation whose body the sentence before holds: "OUT,” Noem tweeted Monday night."
#: (the splitter cut "… STAMP IT OUT,” Noem tweeted …" after the quoted sentence). Up to three words
#: before a closing mark that no opening mark in the line matches.
_QUOTE_TAIL = re.compile(r"^[^“”\"]{0,40}?\S[,.!?]?[”\"]")


def quote_tail(text: str) -> bool:
    """The line opens with the last words of a quotation begun in another sentence (see
    :data:`_QUOTE_TAIL`): what is printed is a fragment of someone's words, speaker or not."""
    found = _QUOTE_TAIL.match(text.strip())
    return found is not None and len(found.group(0).split()) <= 3


#: A plug for the writer's own work at the foot of a page: "Mike Wall's book about the search for alien
#: life, … is out now." It tells nothing of the story.
_PLUG = re.compile(r"\b(?:is|are)\s+out\s+now[.!]?$")


def plug(text: str) -> bool:
    """The line advertises something now on sale (see :data:`_PLUG`)."""
    return "out now" in text and _PLUG.search(text.strip()) is not None


#: A feature writer's stage direction: "Enter South Dakota to throw down the gauntlet.", "Enter the
#: Fed." It brings a party on stage and tells nothing it did; the lines after it do.
_ENTRANCE = re.compile(r"^Enter\s+(?:the\s+)?[A-Z]")


def entrance(text: str) -> bool:
    """The line is a stage direction (see :data:`_ENTRANCE`)."""
    return text.startswith("Enter ") and _ENTRANCE.match(text) is not None


#: A reason with no clause it gives the reason for: "Because space travel is anything but easy." The splitter
#: kept a writer's rhetorical fragment, or cut it from the sentence it ends. "Because of the storm, flights
#: were cancelled" and "Because the bridge closed, traffic backed up" go on past a comma to their main clause.
_REASON_ALONE = re.compile(r"^Because\s+(?!of\b)[^,;:—–]+[.!]?[”\"’]?$")


def reason_alone(text: str) -> bool:
    """The line is only a "because" clause (see :data:`_REASON_ALONE`)."""
    return text.startswith("Because ") and _REASON_ALONE.match(text.strip()) is not None


def unfinished(text: str) -> bool:
    """The line does not end as a sentence does (see :data:`_SENTENCE_END`), or it is cut short (see
    :func:`cut_short`)."""
    if cut_short(text):
        return True
    text = text.rstrip(_CLOSERS)
    return bool(text) and text[-1] not in _SENTENCE_END


def cut_short(text: str) -> bool:
    """The line ends on an ellipsis outside any quotation: "According to the review, the service does
    not run the game in 4K. Google confirmed this in a statement…" is a teaser a page cut off, with
    the rest behind a link. A report's own sentence ends with a stop; an ellipsis there means the
    copy stops before its sentence does. An ellipsis that closes someone's words ("… we will see…”")
    is theirs, and stays."""
    text = text.rstrip()
    if not text.endswith(("…", "...")):
        return False
    return text.count("“") <= text.count("”") and text.count('"') % 2 == 0


def not_reported(text: str, speaks: bool = False) -> bool:
    """Any of the above: the line is no reported prose, and no section of a brief prints it."""
    return (
        unfinished(text)
        or question(text)
        or glued_furniture(text)
        or instruction(text, speaks)
        or label_item(text)
        or addresses_reader(text, speaks)
        or unattributed_quote(text, speaks)
        or quote_tail(text)
        or plug(text)
        or entrance(text)
        or reason_alone(text)
    )
