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


def question(text: str) -> bool:
    """The line asks instead of telling: it ends in a question mark outside quotes ("Want the full
    wedding planning guide?"). A quoted question ("“Why now?” Lavrov asked") is someone's words."""
    return text.rstrip(" )]").endswith("?") and not _QUOTED.search(text) and "“" not in text


def glued_furniture(text: str) -> bool:
    """A vertical bar: running prose never uses one, page navigation and headline lists do ("12
    Must-Have Data Analysis Tools for 2026 | Python, SQL & AI", "… New York's first female crime
    boss | Armenia named most popular spot …")."""
    return "|" in text


def addresses_reader(text: str, speaks: bool) -> bool:
    """The line speaks to the reader or for the writer (a second- or first-person pronoun outside
    quotes), and reports no one's speech: marketing, advice or an editor's note, not a report.
    ``speaks`` tells that the analyser found a speaker in the sentence, whose pronouns they are."""
    if speaks:
        return False
    bare = _QUOTED.sub(" ", text)
    if "“" in bare or "”" in bare or '"' in bare:
        return False  # a quote opened or closed in a neighbouring sentence: someone's words
    return _PERSON.search(bare) is not None  # "US" is the country: case counts


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


def unfinished(text: str) -> bool:
    """The line does not end as a sentence does (see :data:`_SENTENCE_END`)."""
    text = text.rstrip(_CLOSERS)
    return bool(text) and text[-1] not in _SENTENCE_END


def not_reported(text: str, speaks: bool = False) -> bool:
    """Any of the above: the line is no reported prose, and no section of a brief prints it."""
    return (
        unfinished(text)
        or question(text)
        or glued_furniture(text)
        or addresses_reader(text, speaks)
        or unattributed_quote(text, speaks)
    )
