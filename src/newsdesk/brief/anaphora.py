"""References a reader of one lifted sentence cannot resolve.

A brief prints a source sentence away from its neighbours, so a sentence that points back at
something the article said before it reads as an orphan: "The announcement comes days after a
shake-up …" (which announcement?), "Neither leader referred to a final deal on the project",
"The Kremlin confirmed it on Saturday", "Biden awarded him the medal", "During that visit, …",
"Modi said afterwards …". :data:`newsdesk.brief.candidates.PRONOUN_OPENER` already catches a
pronoun or connective at the very start; this module catches the references further in:

* a *shell noun* ("the announcement", "the decision", "the offer", "the accusations") that no
  complement fills in ("the decision to create a bank" says which decision; "the decision, taken
  at …" does not);
* a demonstrative in the opening phrase ("During that visit, …"), or as the subject after it
  ("According to the OECD, that target was met …"), or further in with a time after its noun
  ("Trump announced that tariff earlier this month");
* a bare surname as the subject, of someone the article named in full before ("Ushakov said …",
  "Shoigu was named …", "…,” Simpson said.", "King and Weeks were abducted …", "…,” Vindman
  testified"; see :func:`second_reference`, which needs the article's earlier text);
* a person, a report or a product named only by its kind ("The man had …", "The report says …",
  "… says the wagon will …", "tests reveal that the game runs …");
* an acronym the page spelled out before, as a subject ("HP, as the site explained, is …"; see
  :func:`acronym_reference`), a party named only by how it stands to another ("its regional neighbor"),
  and a thing placed nowhere ("There's a large, fold-out console …", with no name or figure);
* "it" as the object of a reporting verb ("confirmed it", "raised it directly", "measures to oppose it",
  "talking about it");
* people placed only "there" ("authorities there": where?), and details not given about an act the
  sentence does not name ("No details were provided on how …");
* "he/him/his/she/her" with no named person before it in the sentence to refer to — and "him/her"
  as an object needs someone besides the clause's own subject ("Biden awarded him …");
* "afterwards" with no date in the sentence to be after;
* a role with nothing to play it for ("Kyiv has rejected Moscow as a venue": a venue for what?);
* a comparison with nothing to compare with ("Kallas was blunter", "holds the stronger hand");
* "them" as the object of a short opening clause ("The Baku deal encourages them to contribute"):
  an object pronoun never stands for its own clause's subject, so it points at an earlier sentence;
* a group named only by its count ("The two groups argue …": which two?), and one named only as
  "those" ("one of those nights": which?);
* a person named only by a description ("The former Norwegian prime minister, who …"), and more
  of a kind named before ("Other irritants include …");
* "ever since" / "since then" with no date in the sentence to be since;
* an obstacle with no matter it stands in ("the main sticking point in negotiations": which?);
* a reply "in kind" (to what?), and an agreement only named as what someone announced
  ("Miller announced the agreement to reporters": the story may hold several);
* an intensive subject ("Putin himself, at a news conference, said …": himself as against whom
  the sentence before named?), and an act added to one told before ("Kim attended, too",
  "Beijing signed the deal as well");
* a short sentence with no name, number or date at all ("Even with a binding memorandum,
  construction would take years"): it continues its paragraph, and alone it does not say what
  it is about (a longer one, "Officials from both countries discussed payment systems that
  avoid the dollar in bilateral trade", carries enough to be read in its story's brief).

The rules are shallow on purpose: they only keep a sentence out of sections where it would be
read alone; the text printed is never changed.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from newsdesk.brief.speakers import is_person
from newsdesk.model import Mention

#: Nouns that only name what an earlier sentence said, wherever they stand.
_SHELL = (
    r"announcement|decision|offer|accusations?|allegations?|project|proposal|plan|remarks|comments|request"
    # "the deaths were caused by gunshot wounds": whose? "the deaths of three miners" says it
    r"|deaths|killings"
)
#: Nouns that do so as the subject ("The stop came on …", "The move drew …", "The tone differs from …"); further in, the
#: sentence usually says itself which one it means ("the first stop abroad of his term").
_SUBJECT_SHELL = _SHELL + r"|move|stop|step|measures?|incident|initiative|charges?|claims?|tone|mood|atmosphere"
#: What fills a shell noun in: "the decision to …", "the accusations of …", "the offer that …".
_COMPLEMENT = r"(?:\s+(?:to|of|for|that|by|from|which|who|about|against|between|with)\b|[\w’'-])"
_DEFINITE = r"(?:[Tt]he|[Tt]his|[Tt]hat|[Tt]hese|[Tt]hose)\s+(?:[\w’'-]+\s+)?"
SHELL_NOUN = re.compile(
    rf"^(?:[^,]{{0,60}},\s+)?{_DEFINITE}(?:{_SUBJECT_SHELL})\b(?!{_COMPLEMENT})"
    rf"|\b{_DEFINITE}(?:{_SHELL})\b(?!{_COMPLEMENT})"
    rf"|\b{_DEFINITE}(?:{_SHELL})['’]s\b"  # "The project's importance": whose project?
    # "presented the change as …": which change? ("the change of/in …" says it; climate change is no shell)
    rf"|\b{_DEFINITE}(?<![Cc]limate )(?:changes?|shift|reshuffle)\b(?!{_COMPLEMENT}|\s+(?:in|at|on)\b)"
)
DEMONSTRATIVE_OPENER = re.compile(
    r"^(?:On|In|At|After|Before|During|Since|From|Following|Despite)\s+(?:that|this|those|these)\s+\w+"
)
REPORTED_IT = re.compile(
    r"\b(?:confirmed|announced|raised|denied|rejected|welcomed|criticised|criticized|condemned|"
    r"discussed|described|called|dismissed|backed|opposed|approved|signed|mentioned"
    # the same acts still to do: "would take a series of measures to oppose it" (oppose what?)
    r"|to\s+(?:confirm|announce|raise|deny|reject|welcome|criticise|criticize|condemn|discuss|describe|"
    r"dismiss|back|oppose|approve|sign|mention|block|challenge|contest|fight|resist)"
    # talk about what the sentence does not name: "People across the nation are talking about it"
    r"|(?:talking|talked|joked|joking|complained|complaining)\s+about)\s+it\b"
    r"(?!\s+(?:was|is|had|has|would|will|could|should|might|must|did|does|were|be)\b)"
)
#: A role that only makes sense with what it is a role in: "as a venue" (for which talks?).
ROLE_WITHOUT_OBJECT = re.compile(
    r"\bas\s+(?:a|an|the)\s+(?:possible\s+|neutral\s+)?(?:venue|host|mediator|broker|guarantor|intermediary|"
    r"substitute|replacement|alternative|precondition|condition|location|site)\b"
    r"(?!\s+(?:for|of|to|in|at|between)\b|[\w’'-])"
)
#: "will respond in kind": a reply whose cause the sentence before it gave.
IN_KIND = re.compile(r"\b(?:respond|responded|reply|replied|retaliate|retaliated|act|acted)\s+in\s+kind\b")
#: A reply that does not say what it answers: "Zelensky responded on Saturday that Ukrainians would
#: not give up their land" (to what?). Under its speaker in Reactions, or after the news it answers,
#: it reads well; as the first line of a section it leans on a line the reader has not seen.
#: "responded to the announcement", "replied by letter" say what or how.
REPLY_WITHOUT_CAUSE = re.compile(
    r"\b(?:responded|replied|reacted|retorted|hit\s+back)\b(?!\s+(?:to|by|with|in\s+kind)\b)"
)
#: An office someone takes that the sentence names only as "the post": "Rutte, who stepped down last
#: week as prime minister of the Netherlands, will take up the post on 1 October" (which post? not
#: the one he left). The sentence before it named the office. One that says it ("take up the post of
#: secretary general"), or names the appointment earlier ("Rutte, appointed secretary general last
#: month, takes up the post …"), stands alone.
OFFICE_WITHOUT_NAME = re.compile(
    r"\b(?:take|takes|taking|took|assume|assumes|assuming|assumed|step|steps|stepping|stepped)\s+"
    r"(?:up\s+|over\s+|into\s+)?the\s+(?:post|job|role|position|office)\b(?!\s+(?:of|as|that)\b)"
)
_APPOINTED = re.compile(r"\b(?:named|appointed|elected|chosen|nominated|picked)\b")
#: A pact named only as what someone announced, where no complement says which one: the sentence
#: tells who broke news the sentence before it gave. "The agreement to reporters" is no
#: complement, "the agreement to build a bank" is. A reaction ("Washington criticised the accord")
#: judges the story's own pact and reads well under its speaker.
REPORTED_PACT = re.compile(
    r"\b(?:announced|unveiled|confirmed|disclosed|revealed)\s+"
    r"the\s+(?:agreement|deal|accord|pact|memorandum|treaty)\b"
    r"(?!\s+(?:of|for|on|with|between|that|which|by)\b|\s+to\s+(?!the\b|a\b|an\b|[A-Z]|\w+s\b)\w|[\w’'-])"
)
#: An obstacle with no matter it stands in: "Pricing has been the main sticking point in negotiations
#: that have stretched over years" (which negotiations?). The sentence before it named the talks;
#: "a sticking point in talks on the pipeline" or "between Moscow and Beijing" says it itself.
OBSTACLE_WITHOUT_MATTER = re.compile(
    r"\b(?:sticking\s+points?|stumbling\s+blocks?|bones?\s+of\s+contention)\b"
    r"(?:\s+(?:in|of|for)\s+(?:the\s+)?(?:negotiations|talks|discussions)\b)?"
    r"(?!\s+(?:on|over|with|between|about|for|to|in|of|at|among)\b|[\w’'-]|\s+[A-Z])"
)
#: "them" as the object of the verb right after a short subject: "The Baku deal encourages them to
#: contribute". An object pronoun never means its own clause's subject, so what it means was named
#: in an earlier sentence. A coordination or relative clause before it may hold the referent
#: ("Officials met the envoys and thanked them"), so those are left alone.
OBJECT_THEM = re.compile(
    r"^(?!(?:(?!them\b)[\w’'-]+\s+){0,5}?(?:and|or|but|who|which|that|whom|after|when|before|while)\s)"
    r"[A-Z][\w’'-]*(?:\s+[\w’'-]+){0,4}?\s+(?:\w+(?:s|ed)|told|gave|sent|left|kept|made)\s+them\b"
)
#: A group named only by its count: "The two groups argue that …", "the three blocs" (which ones?).
#: "The two leaders" and "the two countries" of a summit story are its own two parties, and stay;
#: "the three leaders" or "the four countries" are more than the story's pair, and the sentence
#: that named them is the one before ("The three leaders discussed an economic corridor …").
#: "The three leaders of the bloc" says which; "accused the three leaders of conspiring" does not:
#: an "of" before a verb's -ing form is the accusation's, not the group's.
COUNTED_GROUP = re.compile(
    r"\b[Tt]he\s+(?:(?:two|three|four)\s+(?:groups|blocs|camps|coalitions|factions|alliances)"
    r"|(?:three|four)\s+(?:leaders|presidents|countries|nations|governments|heads\s+of\s+state))\b"
    r"(?!\s+(?:of(?!\s+[a-z]+ing\b)|that|which|who|representing|led)\b)"
)
#: A noun marked as the one just named: "a resolution had been reached on the issues concerned",
#: "the case in question", "the said agreement", "the aforementioned talks", "the matter". Which
#: issues, which case? The sentence before it said. "People familiar with the matter" is the
#: reporter's idiom for the story's sources, and "the matter of …" says itself which matter.
NAMED_BEFORE = re.compile(
    r"\b[Tt]he\s+(?:[a-z][\w’'-]*\s+)?(?:issues?|matters?|questions?|parties|sides|countries|states|persons"
    r"|individuals|areas?|cases?|companies|officials)\s+(?:concerned|in\s+question)\b"
    r"|\b[Tt]he\s+(?:said|aforementioned|aforesaid|above-mentioned|abovementioned)\s+[a-z]"
    r"|(?<!familiar with )(?<!briefed on )(?<!knowledge of )(?<!close to )\b[Tt]he\s+matter\b"
    r"(?!\s+(?:of|that|which|at|with|to|between|for|on|in)\b|[\w’'-])"
)
#: A person named only by a description of who they were or are: "The former Norwegian prime
#: minister, who has led the alliance since 2014, will hand over on Oct. 1 …", "The 70-year-old
#: said …". News copy names a person once, then varies the reference; lifted alone, the
#: description names no one. "The former Dutch prime minister Mark Rutte", "The outgoing
#: president, Lula, …" and "the former president of Brazil" say who; "The new rules" is no person.
DESCRIBED_PERSON = re.compile(
    r"^(?:(?:On|In|At|After|Before|During|Since|Earlier|Later|Meanwhile|Last|This)\b[^,]{0,60},\s+)?[Tt]he\s+"
    r"(?:(?:former|ex-|outgoing|incoming|departing|retiring|veteran|long-?serving|longtime|then)\s+"
    r"(?:[A-Z][\w’'-]*\s+){0,2}(?:[a-z][\w’'-]*\s+){0,2}?"
    r"(?:prime\s+minister|president|chancellor|premier|minister|secretary[- ]general|secretary|leader|"
    r"diplomat|official|general|envoy|ambassador|chief|mayor|governor|senator|politician|economist|"
    r"spokes(?:man|woman|person)|head\s+of\s+state)"
    r"|\d{2}-year-old(?:\s+[a-z][\w’'-]*)?)\b"
    r"(?!\s+(?:of\s+)?(?:the\s+)?[A-Z]|,\s+[A-Z])"
)
#: "since then" / "ever since" with nothing in the sentence to be since ("Tens of thousands of
#: troops have been stationed along the frontier ever since"): the sentence before it held the
#: event. With a year or date in the sentence ("closed in 2020 and shut ever since") it is there.
SINCE_NOTHING = re.compile(r"\b(?:ever\s+since|[Ss]ince\s+then)(?=\s*[.,;!]|\s*$)")
#: People on two sides the sentence does not name: "Businesspeople on both sides describe delays and
#: rejected transfers …" (both sides of what: a border, a trade, a war?). The sentence before it
#: named them. A side as an object ("does not supply weapons to either side") only completes a verb.
#: "both sides of the border" says which, and so does a name or a figure anywhere in the sentence
#: ("Officials on both sides, Russian and Chinese, …"; see :func:`unnamed_sides`).
UNNAMED_SIDES = re.compile(r"\b(?:on|from)\s+(?:both|either|each|the\s+two)\s+sides?\b(?!\s+of\b)")
#: An intensive pronoun right after the subject, "Putin himself, at a news conference …", "The
#: president herself said …": it sets its subject against others the sentence before named. A
#: reflexive object ("Trump described himself as …") follows a verb, not a name, and is no contrast.
INTENSIVE_SUBJECT = re.compile(
    r"^(?:[Tt]he\s+(?:[A-Z][\w’'-]+\s+)?[a-z][\w’'-]+|(?:[A-Z][\w’'.-]+\s+){0,2}[A-Z][\w’'.-]+)"
    r"\s+(?:himself|herself|itself|themselves)\b"
)
#: An act added to one the sentence before told: "Kim attended, too.", "China signed as well.";
#: ", too," in mid-sentence likewise. "Far too small" and "as well as" are no additions.
ADDED_ACT = re.compile(r"(?:,\s+too|\s(?:too|as\s+well))\s*(?:[.!]\s*$|$)|,\s+too,")
#: A comparison with nothing to compare with: "Kallas was blunter" (than whom?), "Beijing still
#: holds the stronger hand" (in what contest?). The sentence before it held the other side.
COMPARED_TO_NOTHING = re.compile(
    r"\b(?:was|were|is|are|been|seemed|looked|sounded)\s+(?:far\s+|much\s+|even\s+)?"
    r"(?:(?:more|less)\s+\w+|(?!(?:never|either|neither|together|under|after|later|other|rather|over|ever)\b)\w{3,}er)"
    r"\s*[.!]?$"
    r"|\bthe\s+(?:stronger|weaker|better|upper)\s+hand\b(?!\s+(?:over|in|on|against)\b)"
)
#: More of a kind the sentence before named: "Other irritants include US port fees …" (other than
#: which?). "Other than tariffs, …" is no such opening.
OTHER_OPENER = re.compile(r"^Other\s+(?!than\b)[a-z]")
#: What puts the other side of a comparison in the sentence itself ("ready to talk, but Moscow
#: was cooler").
_THAN = re.compile(r"\b(?:than|but|while|whereas)\b")
#: "According to the OECD, that target was met …": a demonstrative subject after an opening
#: phrase points back as surely as one at the very start (which PRONOUN_OPENER catches). Not a
#: time ("In Baku, this year's talks …").
DEMONSTRATIVE_SUBJECT = re.compile(
    r"^[^,]{1,60},\s+(?:this|that|these|those)\s+"
    r"(?!(?:year|week|month|morning|afternoon|evening|time|spring|summer|autumn|winter|weekend)\b)[a-z]"
)
#: A demonstrative further in, with a time after its noun: "Trump announced that tariff earlier this
#: month" (which tariff?), "those sanctions last year". A "that" opening a clause is followed by
#: the clause's subject and its verb ("said that talks would resume"), not by a time.
DEMONSTRATIVE_OBJECT = re.compile(
    r"\b(?:that|this|these|those)\s+(?!(?:year|week|month|day|time)\b)[a-z]+\s+"
    r"(?:earlier|later|last\s+(?:week|month|year)|this\s+(?:week|month|year))\b"
)
#: "those" with a plural noun and nothing after it to say which ones: "On one of those nights — April 26,
#: 2016 — …", "… on one or more of those flybys, if …" (which nights, which flybys?). The sentence before
#: it named them. A noun that a relative clause or a phrase completes ("those countries that signed",
#: "those measures for one year", "those contacts with partners") says itself which, and "those" with
#: no noun is a pronoun ("those who fled", "those killed").
THOSE_NAMED_BEFORE = re.compile(
    r"\b[Tt]hose\s+(?!(?:who|whom|whose|which|that|of|in|at|on|with|from|for|by|under|near|among|"
    r"affected|killed|injured|involved|responsible|living|working|accused|arrested|wounded|detained|"
    r"seeking|days|years|times)\b)[a-z]+s\b"
    r"(?!\s+(?:who|whom|that|which|whose|where|when|of|in|at|on|with|from|for|by|under|over|to|near|"
    r"inside|outside|across|around|between|among|against|about|living|working|killed|injured|involved|"
    r"affected|made|held|taken|given|found|named|listed|described|mentioned)\b|[\w’'-])"
)
#: People placed only as "there": "In 2003, authorities there were accused of concealing …" (where?).
#: The sentence before it named the place (see :func:`_people_there`).
PEOPLE_THERE = re.compile(
    r"\b(?:authorities|officials|residents|people|police|troops|forces|doctors|leaders|locals|villagers)\s+there\b"
)
#: What was not given about an act the sentence does not name: "No details were provided on how the
#: targets would be achieved" (which targets?), "No date has been set".
NOT_GIVEN = re.compile(
    r"^No\s+(?:further\s+|other\s+|more\s+)?(?:details?|date|timeline|timetable|figures?|reason|explanation)\s+"
    r"(?:was|were|has\s+been|have\s+been|had\s+been)\s+(?:given|provided|released|disclosed|offered|set)\b"
)
#: "such" with a plural noun and nothing after it to say which kind: "making such concessions for a
#: 'skinny' trade deal" (which concessions?). The sentence before it named them. A list after the noun
#: ("such measures as tariffs and quotas") or a "that" clause right after it ("such delays that …")
#: says itself which, and "such as" gives examples.
SUCH_NAMED_BEFORE = re.compile(
    r"\b[Ss]uch\s+(?!(?:as|a|an|that|is|was|are|were|things?)\b)[a-z]+s\b(?!\s+(?:as|that)\b)"
)
#: A product named only by its kind at the head of the sentence: "The new version gets a 149 horsepower
#: engine", "The all-new sedan is set to go on sale in late January", "A performance GT version will
#: …" (a version of which car?). The sentence before it named the model. "The new version of the
#: app" says itself which, and "The model agreement" is no product.
PRODUCT_BY_KIND = re.compile(
    r"^(?:The|A|An)\s+(?:(?:new|all-new|latest|updated|redesigned|revamped|performance|base|hybrid|electric|"
    r"plug-in|[A-Z]{2,4})\s+){0,2}(?:version|model|variant|trim|sedan|SUV|wagon|coupe|hatchback|crossover)"
    r"(?:,|\s+(?:is|was|will|would|can|could|gets|has|comes|offers|adds|features|uses|costs|starts|goes|loses|keeps)\b)"
)
#: The same product kinds after an opening phrase: "To limit wind drag, the car has touch surfaces on
#: the doors" (which car?).
PRODUCT_AFTER_OPENING = re.compile(
    r"^[^,]{1,60},\s+the\s+(?:car|vehicle|model|version|sedan|SUV|wagon|coupe|hatchback|crossover)\s+"
    r"(?:is|has|gets|comes|offers|adds|features|uses|costs|starts|will)\b"
)
#: A product named only by its kind in what its maker says or a test shows: "The German automaker … says the
#: wagon will be able to go 300 miles", "VW says the car is a preview of …", "Nissan said that the new
#: 2.0-liter will deliver …", "Tests reveal that the game runs at an unstable frame rate" (which wagon, which
#: engine, which game?).
PRODUCT_REPORTED = re.compile(
    r"\b(?:says|said|say|reveals?|revealed|shows?|showed|finds|found)\s+(?:that\s+)?the\s+(?:new\s+)?"
    r"(?:car|vehicle|wagon|sedan|SUV|coupe|hatchback|crossover|truck|engine|\d\.\d-(?:liter|litre)|game|console|"
    r"phone|handset|device|app)\s+"
    r"(?:is|was|will|would|can|could|has|runs|ran)\b"
)
#: A party named only by how it stands to another: "Despite the setbacks introduced by its regional neighbor,
#: South Korea is …", "Trump met his counterpart on Friday" (which neighbour, which counterpart?). The sentence
#: before it named them. One that names them after ("his Chinese counterpart, Xi Jinping", "its neighbour
#: China") says who; a plural ("its neighbours", "their allies") is a kind, not one party.
UNNAMED_RELATION = re.compile(
    r"\b(?:its|their|his|her)\s+(?:[a-z][\w’'-]*\s+)?(?:neighbou?r|rival|competitor|counterpart|ally|"
    r"parent\s+company)\b(?!\s*,?\s+(?:the\s+)?[A-Z]|[\w’'-])"
)
#: "There is …" that places a thing nowhere a reader can see: "There's a large, fold-out center console with more
#: storage and USB-C ports" (in which car?), "There's no initial download" (of what?). The sentence before it
#: named what it is in. A name in it ("There are 140 million businesses on Facebook") or a figure says where.
EXISTENTIAL = re.compile(r"^There(?:['’]s|\s+(?:is|are|was|were))\s")
#: A name (a capital then a small letter: "Facebook", not "USB-C") or a figure past the first word.
_NAMED = re.compile(r"\s\W*[A-Z][a-z]|\d")
#: A thing fitted out that the sentence names only as "it": "VW has equipped it with touch panels".
EQUIPPED_IT = re.compile(r"\b(?:equipped|fitted|outfitted|loaded)\s+it\s+with\b")
#: A pair named only by its kind at the head of the sentence: "Both men claimed at the time …", "Both
#: diseases are associated with …" (which two?). The sentence before it named them. The story's own two
#: parties ("Both leaders", "Both countries", "Both sides") read as a summit's pair, as with
#: :data:`COUNTED_GROUP`; "Both Trump and Xi" names them.
BOTH_KIND = re.compile(
    r"^Both\s+(?!(?:sides|leaders|countries|nations|governments|parties|presidents|teams|chambers|houses|"
    r"companies|firms|sexes|genders)\b)(?:men|women|[a-z]+s)\b(?!\s+(?:of|from|in|at|on|with)\b)"
)
#: A person named only as "the man" or "the woman", as the subject or in a closing attribution: "The man
#: had a rare form of the illness …", "“It does not affect me now,” the woman wrote." Which man? The
#: report named or introduced them before ("A 43-year-old man …"); "The man who …", "the man in charge"
#: and "the woman, Ana Ruiz," say which.
BARE_PERSON = re.compile(
    r"^The\s+(?:man|woman|boy|girl)\s+(?:is|was|had|has|said|says|told|wrote|added|died|became)\b"
    r"|[,”\"]\s+the\s+(?:man|woman|boy|girl)\s+(?:said|says|told|wrote|added)\b"
)
#: A report named only as "the report" at the head of the sentence: "The report says the Minneapolis ad
#: agency … came up with the campaign" (which report?). "The Wrap's report", "A report by the UN" and
#: "The report of the commission" say whose.
BARE_REPORT = re.compile(
    r"^The\s+(?:new\s+|latest\s+|full\s+)?report\s+(?:says|said|found|finds|shows|showed|adds|added|notes|noted|"
    r"claims|claimed|states|stated|estimates|estimated)\b"
)
#: "Closer to home, …": closer than a place the sentence before it named.
CLOSER_TO_HOME = re.compile(r"^Closer\s+to\s+home\b")
#: A diplomat named by office alone as the sentence's subject: "The envoy is likely to face tough
#: questions …" (which envoy?). "The envoy to Ukraine" or "The envoy, Kurt Volker," says who.
BARE_ENVOY = re.compile(
    r"^The\s+(?:envoy|ambassador|diplomat)\s+(?:is|was|will|would|has|had|said|says|told|faces|faced)\b"
)
#: A surname opening a reported statement ("Ushakov said …").
SURNAME_SAYS = re.compile(
    r"^([A-Z][a-z’'-]{2,})\s+(?:said|says|told|tells|added|wrote|warned|noted|argued|insisted|stressed|urged)\b"
)
#: A surname as the subject of another act ("Shoigu was named secretary of the Security Council",
#: "King and Weeks were abducted …": two of them, the first one judged; "…,” Vindman testified"),
#: "Taylor had …", "Esper met with …", "Buser, however, is counting on …"), a reporter named by surname and
#: outlet ("Qin of the Times reports …"), or closing a quotation's attribution ("…,”
#: Paganini added.", "…,” Claure said in the email", "…,” says Ward.", "…, reports Qin."). A capitalised word before a
#: verb is often no name ("Police arrested …", "Shares closed …"), so these count only for a word
#: the article never writes in lower case and the analyser tagged as nothing but a person.
SURNAME_OTHER = re.compile(
    r"^([A-Z][a-z’'-]{2,})(?:\s+and\s+[A-Z][a-z’'-]{2,}(?=\s+(?:were|had|have|[a-z]{3,}ed)\b))?"
    r"(?:\s+(?:was|were|is|has|had|will|would|[a-z]{3,}ed|met|led|left|took|gave|made|became|"
    r"began|came|won|lost|held|spoke|saw|went|got|kept|ran|sent)\b|,\s+(?:however|though|meanwhile),"
    r"|\s+of\s+(?:the\s+)?(?:[A-Z][\w’'-]+\s+){1,3}(?:reports|reported|writes|wrote|says|said)\b)"
    r"|[,”\"]\s+([A-Z][a-z’'-]{2,})\s+(?:said|says|added|told|wrote|warned|noted|argued|insisted|stressed|testified)\b"
    r"|[,”\"]\s+(?:said|says|added|reports|reported|writes|wrote)\s+([A-Z][a-z’'-]{2,})\b(?!\s+[A-Z])"
)
#: The same offices as a title before the full name where the article introduced the person ("Gov.
#: Kristi Noem", "President Emmanuel Macron"), and a royal's ("Prince Andrew": "Andrew said …"),
#: for a name the actor dictionary does not hold.
HEAD_TITLE = re.compile(
    r"\b(?:President|Prime\s+Minister|Premier|Chancellor|King|Queen|Prince|Princess|Pope|Gov\.|Governor|Mayor|"
    r"Secretary[- ]General)"
    r"\s+(?:[A-Z][\w’'.-]+\s+)?$"
)
#: The offices whose holders a reader knows by surname alone ("Putin said …", "Xi visited …",
#: "Guterres addressed the summit …", "Noem launched the campaign …"): heads of state, of
#: government (a state's or a city's too) and of the international bodies. A minister or a secretary named only by surname ("Shoigu was named secretary of the
#: Security Council") leaves the reader of the lifted sentence asking who.
HEAD_OF = re.compile(
    r"^(?:Former\s+)?(?:President|Prime Minister|Premier|Chancellor|King|Queen|Emperor|Pope|Supreme Leader|Crown Prince"
    r"|Governor|Mayor|(?:UN\s+|NATO\s+)?Secretary[- ]General)\b"
)
_PERSONAL = re.compile(r"\b(he|him|his|she|her)\b", re.IGNORECASE)
_OBJECT = frozenset({"him", "her"})
#: A name or a figure past the sentence's first word: what lets a reader place a lifted sentence.
_ANCHOR = re.compile(r"\s\W*[A-Z]|\d")
_AFTERWARDS = re.compile(r"\b(?:afterwards|afterward|thereafter)\b", re.IGNORECASE)
#: A capitalised word that may start a name, when no entity mentions are at hand.
_NAME_WORD = re.compile(r"\b[A-Z][a-z][\w’'-]*")
_NOT_NAMES = frozenset(
    re.findall(
        r"\w+",
        "The A An In On At As After Before During He She It They This That These Those His Her Its Their "
        "But And Or If When While Other Some Many Officials Neither Both",
    )
)


def _persons_before(text: str, at: int, persons: Sequence[tuple[int, str]] | None) -> int:
    """How many people the sentence names before offset ``at`` ("Mark Rutte, the former Dutch
    prime minister" is one person named twice)."""
    if persons is not None:
        return len({who for start, who in persons if start < at})
    return sum(1 for word in _NAME_WORD.findall(text[:at]) if word not in _NOT_NAMES)


def dangling_personal(text: str, persons: Sequence[tuple[int, str]] | None = None) -> bool:
    """True when a he/him/his/she/her has nobody named before it to refer to.

    ``persons`` are (offset, who) of the people ``text`` names; without them any capitalised word
    (past the first) counts as a possible name, which errs on the side of keeping the sentence.
    An object "him"/"her" needs two people before it: the clause's subject cannot be its own
    object ("Biden awarded him …" names only the giver).
    """
    for match in _PERSONAL.finditer(text):
        needed = 2 if match.group(1).lower() in _OBJECT else 1
        return _persons_before(text, match.start(), persons) < needed
    return False


#: Up to this many words, a sentence that names nothing leans on its paragraph.
NAMELESS_WORDS = 12


def nameless(text: str) -> bool:
    """True when a short sentence has nothing capitalised past its first word and no figure: it
    names no one, no place and no date, so it only makes sense after the sentences before it."""
    text = text.strip()
    return len(text.split()) <= NAMELESS_WORDS and _ANCHOR.search(text) is None


def surname_reference(text: str) -> tuple[str, int, bool] | None:
    """Where ``text`` names someone by a bare surname as a subject or a speaker (see
    :data:`SURNAME_SAYS`, :data:`SURNAME_OTHER`): the surname, its offset, and whether the word
    must be shown to be a name for it to count (an :data:`SURNAME_OTHER` match)."""
    found = SURNAME_SAYS.match(text)
    if found is not None:
        return found.group(1), found.start(1), False
    found = SURNAME_OTHER.search(text)
    if found is None:
        return None
    group = next(g for g in (1, 2, 3) if found.group(g))
    return found.group(group), found.start(group), True


def second_reference(text: str, article: str, before: int, known_at_start: bool) -> bool:
    """True when ``text`` names someone by a bare surname (see :func:`surname_reference`) whom the
    article introduced before by a fuller name ("Putin's aide Yuri Ushakov", "Defence Minister
    Sergei Shoigu"): news copy names a person in full once, then by surname, so the surname alone
    leaves a reader of the lifted sentence asking who. ``article`` is the whole text and ``before``
    where the sentence starts in it; ``known_at_start`` tells that the actor dictionary resolved the
    name to one a reader knows by it (see :func:`known_by_name`). An introduction under the title of
    such an office ("Gov. Kristi Noem") tells the same for a name the dictionary lacks.
    """
    match = surname_reference(text)
    if match is None or known_at_start or match[0] in _NOT_NAMES:
        return False
    pair = PAIR_OF_NAMES.match(text)
    names = (match[0], pair.group(1)) if pair and pair.group(1) != match[0] else (match[0],)
    return all(_given_in_full(name, article, before) for name in names)


#: Two bare names as one subject: "King and Weeks were abducted …". Both must be people the article
#: named in full before ("Uber and Lyft ended up …" names two companies).
PAIR_OF_NAMES = re.compile(r"^[A-Z][a-z’'-]{2,}\s+and\s+([A-Z][a-z’'-]{2,})\s")


def _given_in_full(surname: str, article: str, before: int) -> bool:
    """The article named ``surname``'s bearer by a fuller name before offset ``before``, and not under
    the title of an office a reader knows by surname (see :data:`HEAD_TITLE`)."""
    fuller = re.compile(rf"\b[A-Z][\w’'.-]+\s+(?:[A-Z][\w’'.-]+\s+)?{re.escape(surname)}\b")
    found = fuller.search(article, 0, before)
    return found is not None and HEAD_TITLE.search(article[max(0, found.start() - 40) : found.end() - len(surname)]) is None


def introduced_in(surname: str, lines: Sequence[str]) -> bool:
    """True when one of ``lines`` names ``surname``'s bearer in full ("U.S. Defense Secretary Mark
    Esper", "George W. Bush"): a reader who has read that line knows who "Esper said …" means.
    The word before the surname is a capitalised name word, not a sentence's last ("Hanoi. Esper")."""
    if not surname or not lines:
        return False
    if _ACRONYM.fullmatch(surname) and any(surname in spelled_out(line) for line in lines):
        return True  # an acronym: the line spells it out (see acronym_reference)
    full = re.compile(rf"\b([A-Z][\w’'-]+)\s+(?:[A-Z]\.\s+|[A-Z][\w’'-]+\s+)?{re.escape(surname)}\b")
    return any(
        found.group(1) not in _NOT_NAMES  # "When Esper arrived …" names no one in full
        for line in lines
        if surname in line
        for found in full.finditer(line)
    )


#: A short name in capitals a page may spell out once and then use alone: "HP", "MaT", "CLPS" (two to
#: six letters, the second or third a capital too).
_ACRONYM = re.compile(r"(?<![\w’'.-])[A-Z][a-z]?[A-Z][A-Za-z]{0,4}(?![\w’'-])")


#: What follows an acronym that is the subject of its clause: "… that MaT was fairly secular", "HP tends
#: to strike …". As a modifier ("its CLPS contracts") or an affiliation ("an executive at SNC") it only says
#: what kind or where, and the sentence reads without knowing what it stands for. At the very start of a
#: line and before a comma it is the subject too ("HP, as the site explained, is …").
_ACRONYM_VERB = re.compile(
    r"\s+(?:is|are|was|were|has|have|had|will|would|can|could|may|might|must|should|does|did|said|says|"
    r"tends|remains|continues|occurs|causes|means)\b"
)


#: Where a page spells an acronym out: "hypersensitivity pneumonitis (HP)", "Maghawir al Thawra, or MaT".
_SPELLING = re.compile(r"\(\s*([A-Z][a-z]?[A-Z][A-Za-z]{0,4})\s*\)|,\s+or\s+([A-Z][a-z]?[A-Z][A-Za-z]{0,4})\b")


def spelled_out(text: str) -> dict[str, int]:
    """Each acronym ``text`` spells out (see :data:`_SPELLING`), with where it first does so."""
    found: dict[str, int] = {}
    if "(" in text or ", or " in text:
        for match in _SPELLING.finditer(text):
            found.setdefault(match.group(1) or match.group(2), match.start())
    return found


def acronym_reference(text: str, spelled: dict[str, int], before: int, known: frozenset[str] = frozenset()) -> str:
    """The acronym by which ``text`` names something its page spelled out before offset ``before``
    ("HP, as the site explained, is a rare condition" after "… hypersensitivity pneumonitis, or HP"),
    or "". ``spelled`` is :func:`spelled_out` of the page. Like a bare surname, the acronym alone
    leaves a reader of the lifted sentence asking what it stands for; a line the brief prints above it
    that spells it out answers that (see :func:`introduced_in`). A line that spells it out itself, or
    an acronym in ``known`` (one the actor dictionary resolves to a body or a country a reader knows:
    "NATO", "UN"), stands alone."""
    for found in _ACRONYM.finditer(text):
        acronym = found.group(0)
        if acronym in known or acronym.isupper() and len(acronym) > 4 or spelled.get(acronym, before) >= before:
            continue
        if not (_ACRONYM_VERB.match(text, found.end()) or found.start() == 0 and text.startswith(",", found.end())):
            continue  # not the subject: "its CLPS contracts" and "REM sleep" say what kind, "at SNC" where
        if acronym not in spelled_out(text):
            return acronym
    return ""


def known_by_name(mention: Mention) -> bool:
    """A resolved name a reader knows without an introduction: a country, a body or a company
    ("Gazprom said …"), or a head of state or government ("Putin said …", see :data:`HEAD_OF`)."""
    return mention.actor is not None and (not is_person(mention) or HEAD_OF.match(mention.actor.role or "") is not None)


def _leaning_phrase(text: str) -> bool:
    """A role, reply, announced pact, obstacle, contrast, addition or comparison that the sentence
    before it completes. Each pattern runs only where a literal word of it occurs: a brief reads
    thousands of sentences."""
    return bool(
        (" as " in text and ROLE_WITHOUT_OBJECT.search(text))
        or (" in kind" in text and IN_KIND.search(text))
        or ("ed the " in text and REPORTED_PACT.search(text))
        or (" them" in text and OBJECT_THEM.match(text))
        or ("ince" in text and SINCE_NOTHING.search(text) and not any(ch.isdigit() for ch in text))
        or ((" two " in text or " three " in text or " four " in text) and COUNTED_GROUP.search(text))
        or (" the " in text and _unnamed_office(text))
        or ("he " in text[:80] and DESCRIBED_PERSON.match(text) is not None)
        or (text.startswith("Other ") and OTHER_OPENER.match(text) is not None)
        or ("hose " in text and THOSE_NAMED_BEFORE.search(text) is not None)
        or ("uch " in text and SUCH_NAMED_BEFORE.search(text) is not None)
        or (text[:1] in "TA" and PRODUCT_BY_KIND.match(text) is not None)
        or (", the " in text[:70] and PRODUCT_AFTER_OPENING.match(text) is not None)
        or (" it with" in text and EQUIPPED_IT.search(text) is not None)
        or (text.startswith("There") and EXISTENTIAL.match(text) is not None and _NAMED.search(text) is None)
        or UNNAMED_RELATION.search(text) is not None
        or (" the " in text and PRODUCT_REPORTED.search(text) is not None)
        or (text.startswith("Both ") and BOTH_KIND.match(text) is not None)
        or (text.startswith("The ") and " report " in text[:25] and BARE_REPORT.match(text) is not None)
        or (text.startswith("Closer ") and CLOSER_TO_HOME.match(text) is not None)
        or (("man " in text or "woman " in text or "boy " in text or "girl " in text) and BARE_PERSON.search(text) is not None)
        or (text.startswith("The ") and BARE_ENVOY.match(text) is not None)
        or (" there" in text and _people_there(text))
        or (text.startswith("No ") and NOT_GIVEN.match(text) is not None)
        or ("sel" in text and INTENSIVE_SUBJECT.match(text))
        or (("concerned" in text or "question" in text or "said " in text or "mention" in text or "aforesaid" in text
             or "matter" in text) and NAMED_BEFORE.search(text))
        or ((" too" in text or " as well" in text) and ADDED_ACT.search(text))
        or (("sticking" in text or "stumbling" in text or "contention" in text) and OBSTACLE_WITHOUT_MATTER.search(text))
        or (
            (" hand" in text or text[-12:].rstrip(".!").endswith("er") or " more " in text or " less " in text)
            and COMPARED_TO_NOTHING.search(text)
            and not _THAN.search(text)
        )
    )


def unresolved_reference(
    text: str,
    persons: Sequence[tuple[int, str]] | None = None,
    dated: bool = False,
    speaker_known: bool = False,
) -> bool:
    """True when ``text`` points at something only the sentences before it say (see module doc).

    ``dated`` tells that the sentence states a date, which is what an "afterwards" is after;
    ``speaker_known`` that a he/she is already resolved and shown (a reaction printed under its
    speaker's name), so only the other references count.
    """
    return bool(
        SHELL_NOUN.search(text)
        or DEMONSTRATIVE_SUBJECT.match(text)
        or DEMONSTRATIVE_OPENER.match(text)
        or (("that " in text or "this " in text or "these " in text or "those " in text)
            and DEMONSTRATIVE_OBJECT.search(text))
        or REPORTED_IT.search(text)
        or _leaning_phrase(text)
        or (not speaker_known and (dangling_personal(text, persons) or nameless(text)))
        or (not dated and _AFTERWARDS.search(text))
        or unnamed_sides(text)
    )


def unnamed_sides(text: str) -> bool:
    """``text`` speaks of two sides (see :data:`UNNAMED_SIDES`) and names no one and no figure."""
    return " side" in text and UNNAMED_SIDES.search(text) is not None and _ANCHOR.search(text) is None


def _people_there(text: str) -> bool:
    """People placed only "there" (see :data:`PEOPLE_THERE`) with no place named before it in the
    sentence: "… was reported in China — after two people there were diagnosed" says where."""
    found = PEOPLE_THERE.search(text)
    return found is not None and _persons_before(text, found.start(), None) == 0


def _unnamed_office(text: str) -> bool:
    """See :data:`OFFICE_WITHOUT_NAME`."""
    found = OFFICE_WITHOUT_NAME.search(text)
    return bool(found) and not _APPOINTED.search(text, 0, found.start())


def reply_without_cause(text: str) -> bool:
    """``text`` replies to something it does not name (see :data:`REPLY_WITHOUT_CAUSE`)."""
    return bool(REPLY_WITHOUT_CAUSE.search(text))


def person_spans(mentions: Sequence[Mention], sentence_start: int, offset: int = 0) -> list[tuple[int, str]]:
    """Where, relative to the printed text, the sentence names a person, and which person.

    ``offset`` is how many characters of the sentence the printed text leaves off (a dateline).
    """
    return [
        (m.start - sentence_start - offset, m.actor.name if m.actor else m.text)
        for m in mentions
        if (is_person(m) or m.label == "PERSON") and _proper(m.text)
    ]


def _proper(text: str) -> bool:
    """A name ("Yuri Ushakov", "Chinese President"), not a description ("the former Dutch prime
    minister"): an appositive describes the person just named, it does not name another one."""
    words = text.split()
    return bool(words) and all(w[:1].isupper() for w in words)
