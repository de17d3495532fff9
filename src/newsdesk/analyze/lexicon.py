"""Event trigger lexicon: lemma → PLOVER event type, CAMEO root and mode.

Kept apart from the coder so that it can grow (or be replaced by a learned classifier that proposes
the same :class:`Trigger` records) without touching the dependency rules in ``events.py``.
The CAMEO roots follow the CAMEO 1.1b3 codebook; intensities are the root Goldstein scores
(Goldstein 1992, as tabulated by GDELT), one number per root.
"""

from __future__ import annotations

from dataclasses import dataclass

#: CAMEO root → (quad class, Goldstein intensity of the root). The quad class is GDELT's 1–4 (01–05, 06–08,
#: 09–13, 14–20), which keeps 16 in material conflict; the 5-way training class of
#: :func:`newsdesk.analyze.eventdata.penta` is Phoenix's table, which moves 16 to verbal conflict.
CAMEO_ROOTS: dict[str, tuple[int, float]] = {
    "01": (1, 0.0), "02": (1, 3.0), "03": (1, 4.0), "04": (1, 1.0), "05": (1, 3.5),
    "06": (2, 6.0), "07": (2, 7.0), "08": (2, 5.0), "09": (3, -2.0), "10": (3, -5.0),
    "11": (3, -2.0), "12": (3, -4.0), "13": (3, -6.0), "14": (4, -6.5), "15": (4, -7.2),
    "16": (4, -4.0), "17": (4, -7.0), "18": (4, -9.0), "19": (4, -10.0), "20": (4, -10.0),
}


@dataclass(frozen=True)
class Trigger:
    plover: str
    cameo: str
    mode: str | None = None


def _t(plover: str, cameo: str, mode: str | None = None) -> Trigger:
    return Trigger(plover, cameo, mode)


_CONSULT = _t("CONSULT", "04")
_VISIT = _t("CONSULT", "04", "visit")
_AGREE = _t("AGREE", "03")  # PLOVER AGREE = CAMEO 03, intent to cooperate
_AGREE_MAT = _t("AGREE", "05")  # formal agreements (CAMEO 057)
_SIGN = _t("SUPPORT", "05")  # CAMEO 057 "sign formal agreement" is SUPPORT in CAMEO2PLOVER
_DESTROY = _t("COERCE", "17", "seize")  # CAMEO 1712 "destroy property" sits under root 17
_BAN = _t("COERCE", "17", "restrict")  # CAMEO 172/1722 administrative sanctions, bans
OBSTRUCT = _t("PROTEST", "14", "obstruct")  # CAMEO 144 "obstruct passage, block"
_SUPPORT = _t("SUPPORT", "05")
_CONCEDE = _t("CONCEDE", "08")
_COOPERATE = _t("COOPERATE", "06")
_AID = _t("AID", "07")
_REQUEST = _t("REQUEST", "10")
_APPEAL = _t("REQUEST", "02")
_ACCUSE = _t("ACCUSE", "11", "disapprove")
_ALLEGE = _t("ACCUSE", "11", "allege")
_INVESTIGATE = _t("ACCUSE", "09", "investigate")
_REJECT = _t("REJECT", "12")
_THREATEN = _t("THREATEN", "13")
_PROTEST = _t("PROTEST", "14", "demo")
_SANCTION = _t("SANCTION", "16")
_MOBILIZE = _t("MOBILIZE", "15")
_COERCE = _t("COERCE", "17")
_ARREST = _t("COERCE", "17", "arrest")
_FIGHT = _t("ASSAULT", "19")
_ASSAULT = _t("ASSAULT", "18")

#: Verb lemmas (single word).
VERBS: dict[str, Trigger] = {
    # CONSULT
    "meet": _CONSULT, "visit": _VISIT, "discuss": _CONSULT, "consult": _CONSULT, "confer": _CONSULT,
    "negotiate": _CONSULT, "telephone": _t("CONSULT", "04", "phone"), "phone": _t("CONSULT", "04", "phone"),
    "host": _VISIT, "tour": _VISIT, "attend": _VISIT, "mediate": _t("CONSULT", "04", "third-party"),
    "convene": _t("CONSULT", "04", "multilateral"), "travel": _VISIT, "arrive": _VISIT,
    # AGREE
    "agree": _AGREE, "sign": _SIGN, "ratify": _SIGN, "conclude": _AGREE, "settle": _AGREE,
    "initial": _AGREE, "endorse": _SUPPORT, "promise": _AGREE, "reconcile": _AGREE,
    # SUPPORT
    "support": _SUPPORT, "praise": _SUPPORT, "welcome": _SUPPORT, "hail": _SUPPORT, "commend": _SUPPORT,
    "congratulate": _SUPPORT, "applaud": _SUPPORT, "thank": _SUPPORT, "back": _SUPPORT,
    "reaffirm": _SUPPORT, "recognize": _SUPPORT, "recognise": _SUPPORT, "upgrade": _SUPPORT,
    "defend": _SUPPORT, "salute": _SUPPORT, "restore": _SUPPORT, "normalize": _SUPPORT, "forgive": _SUPPORT,
    # CONCEDE
    "concede": _CONCEDE, "yield": _CONCEDE, "accede": _CONCEDE, "relent": _CONCEDE, "comply": _CONCEDE,
    "ease": _CONCEDE, "lift": _CONCEDE, "relax": _CONCEDE, "apologize": _SUPPORT, "apologise": _SUPPORT,
    "compromise": _CONCEDE, "pardon": _CONCEDE, "allow": _CONCEDE, "permit": _CONCEDE, "cancel": _CONCEDE, "scrap": _CONCEDE,
    # COOPERATE
    "cooperate": _COOPERATE, "collaborate": _COOPERATE, "partner": _COOPERATE, "coordinate": _COOPERATE,
    "share": _COOPERATE, "extradite": _COOPERATE, "exchange": _COOPERATE, "integrate": _COOPERATE,
    "team": _COOPERATE, "ally": _COOPERATE,
    # AID
    "aid": _AID, "assist": _AID, "help": _AID, "donate": _AID, "provide": _AID, "supply": _AID,
    "deliver": _AID, "fund": _AID, "finance": _AID, "lend": _AID, "loan": _AID, "pledge": _AGREE,
    "rescue": _AID, "give": _AID, "send": _AID, "grant": _AID, "contribute": _AID, "offer": _AGREE,
    # RETREAT
    "withdraw": _t("RETREAT", "08", "withdraw"), "retreat": _t("RETREAT", "08", "withdraw"),
    "release": _t("RETREAT", "08", "release"), "free": _t("RETREAT", "08", "release"),
    "disarm": _t("RETREAT", "08", "disarm"), "demobilize": _t("RETREAT", "08", "disarm"),
    "resign": _t("RETREAT", "08", "resign"), "evacuate": _t("RETREAT", "08", "withdraw"),
    "reopen": _t("RETREAT", "08", "access"), "return": _t("RETREAT", "08", "withdraw"),
    "surrender": _t("RETREAT", "08", "disarm"),
    # REQUEST
    "demand": _REQUEST, "insist": _REQUEST, "press": _REQUEST, "order": _REQUEST, "summon": _REQUEST,
    "urge": _APPEAL, "appeal": _APPEAL, "ask": _APPEAL, "request": _APPEAL, "seek": _APPEAL,
    "plead": _APPEAL, "invite": _APPEAL, "implore": _APPEAL, "petition": _APPEAL,
    "pressure": _REQUEST, "pressurize": _REQUEST,
    # ACCUSE
    "accuse": _ALLEGE, "allege": _ALLEGE, "blame": _ALLEGE, "charge": _ALLEGE,
    "criticize": _ACCUSE, "criticise": _ACCUSE, "condemn": _ACCUSE, "denounce": _ACCUSE, "slam": _ACCUSE,
    "decry": _ACCUSE, "deplore": _ACCUSE, "rebuke": _ACCUSE, "censure": _ACCUSE, "complain": _ACCUSE,
    "lambast": _ACCUSE, "chide": _ACCUSE, "sue": _ALLEGE, "fault": _ACCUSE,
    "investigate": _INVESTIGATE, "probe": _INVESTIGATE, "inspect": _INVESTIGATE, "examine": _INVESTIGATE,
    "re-examine": _INVESTIGATE, "reexamine": _INVESTIGATE, "scrutinize": _INVESTIGATE,
    # REJECT
    "reject": _REJECT, "refuse": _REJECT, "decline": _REJECT, "deny": _REJECT, "dismiss": _REJECT,
    "rebuff": _REJECT, "veto": _REJECT, "oppose": _REJECT, "resist": _REJECT, "snub": _REJECT,
    "spurn": _REJECT, "defy": _REJECT, "disregard": _REJECT, "ignore": _REJECT, "refute": _REJECT, "renege": _REJECT,
    # THREATEN
    "threaten": _THREATEN, "warn": _THREATEN, "vow": _THREATEN, "swear": _THREATEN,
    # PROTEST
    "protest": _PROTEST, "demonstrate": _PROTEST, "rally": _PROTEST, "march": _PROTEST,
    "riot": _t("PROTEST", "14", "riot"), "boycott": _t("PROTEST", "14", "boycott"),
    "picket": _PROTEST,
    # SANCTION
    "sanction": _SANCTION, "impose": _SANCTION, "ban": _BAN, "outlaw": _BAN, "embargo": _SANCTION,
    "expel": _t("SANCTION", "16", "expel"), "sever": _t("SANCTION", "16", "discontinue"),
    "suspend": _t("SANCTION", "16", "discontinue"), "recall": _t("SANCTION", "16", "withdraw"),
    "freeze": _SANCTION, "blacklist": _SANCTION, "convict": _t("SANCTION", "16", "convict"),
    "halt": _t("SANCTION", "16", "discontinue"), "downgrade": _SANCTION, "postpone": _SANCTION,
    "prohibit": _BAN,
    # MOBILIZE
    "mobilize": _t("MOBILIZE", "15", "troops"), "mobilise": _t("MOBILIZE", "15", "troops"),
    "deploy": _t("MOBILIZE", "15", "troops"), "mass": _t("MOBILIZE", "15", "troops"),
    "station": _t("MOBILIZE", "15", "troops"), "reinforce": _t("MOBILIZE", "15", "troops"),
    "patrol": _t("MOBILIZE", "15", "troops"),
    # COERCE
    "arrest": _ARREST, "detain": _ARREST, "jail": _ARREST, "imprison": _ARREST, "sentence": _ARREST,
    "seize": _t("COERCE", "17", "seize"), "confiscate": _t("COERCE", "17", "seize"),
    "impound": _t("COERCE", "17", "seize"), "deport": _t("COERCE", "17", "deport"),
    "censor": _t("COERCE", "17", "censor"), "raid": _COERCE, "block": _t("COERCE", "17", "restrict"),
    "restrict": _t("COERCE", "17", "restrict"), "prevent": _t("COERCE", "17", "restrict"),
    "hack": _t("COERCE", "17", "cyber"), "close": _t("COERCE", "17", "restrict"),
    "disperse": _t("COERCE", "17", "restrict"), "crack": _COERCE,
    "blockade": _t("COERCE", "17", "restrict"), "deface": _t("COERCE", "17", "cyber"),
    # ASSAULT
    "attack": _FIGHT, "strike": _FIGHT, "bomb": _t("ASSAULT", "19", "aerial"),
    "shell": _t("ASSAULT", "19", "heavy-weapons"), "bombard": _t("ASSAULT", "19", "heavy-weapons"),
    "invade": _FIGHT, "fight": _FIGHT, "clash": _FIGHT, "shoot": _t("ASSAULT", "19", "firearms"),
    "fire": _t("ASSAULT", "19", "firearms"), "kill": _ASSAULT, "assassinate": _t("ASSAULT", "18", "targeted"),
    "abduct": _t("ASSAULT", "18", "abduct"), "kidnap": _t("ASSAULT", "18", "abduct"),
    "torture": _t("ASSAULT", "18", "torture"), "beat": _t("ASSAULT", "18", "beat"),
    "ambush": _ASSAULT, "wound": _ASSAULT, "execute": _ASSAULT, "stab": _ASSAULT,
    "massacre": _t("ASSAULT", "20", "unconventional"), "destroy": _DESTROY, "demolish": _DESTROY,
    "burn": _DESTROY, "loot": _DESTROY, "torch": _DESTROY, "raze": _DESTROY, "bulldoze": _DESTROY,
    "vandalize": _DESTROY, "rape": _t("ASSAULT", "18", "sexual"), "molest": _t("ASSAULT", "18", "sexual"),
    "explode": _t("ASSAULT", "18", "explosives"), "blow": _t("ASSAULT", "18", "explosives"),
}

#: Verb + particle/preposition phrases, keyed "lemma particle".
PHRASAL: dict[str, Trigger] = {
    "call on": _REQUEST, "call upon": _REQUEST, "call for": _APPEAL, "press for": _REQUEST,
    "pull out": _t("RETREAT", "08", "withdraw"), "step down": _t("RETREAT", "08", "resign"),
    "back down": _CONCEDE, "give in": _CONCEDE, "turn down": _REJECT, "rule out": _REJECT,
    "crack down": _COERCE, "cut off": _t("SANCTION", "16", "discontinue"),
    "blow up": _t("ASSAULT", "18", "explosives"), "open fire": _t("ASSAULT", "19", "firearms"),
    "speak with": _t("CONSULT", "04", "phone"), "talk with": _CONSULT, "talk to": _CONSULT,
    "engage with": _CONSULT, "sit down": _CONSULT, "work with": _COOPERATE, "join": _COOPERATE,
    "stand with": _SUPPORT, "side with": _SUPPORT, "lash out": _ACCUSE, "hit out": _ACCUSE,
    "hit back": _ACCUSE, "commit to": _AGREE, "break off": _t("SANCTION", "16", "withdraw"), "advise against": _SANCTION, "call off": _CONCEDE, "push for": _REQUEST, "go to": _VISIT, "fly to": _VISIT, "head to": _VISIT,
}

#: Noun lemmas that name an event ("talks", "sanctions", "visit").
NOUNS: dict[str, Trigger] = {
    "visit": _VISIT, "trip": _VISIT, "tour": _VISIT, "talk": _CONSULT, "meeting": _CONSULT,
    "summit": _t("CONSULT", "04", "multilateral"), "negotiation": _CONSULT, "consultation": _CONSULT,
    "call": _t("CONSULT", "04", "phone"), "dialogue": _CONSULT, "discussion": _CONSULT,
    "agreement": _AGREE_MAT, "deal": _AGREE_MAT, "accord": _AGREE_MAT, "treaty": _AGREE_MAT, "pact": _AGREE_MAT,
    "memorandum": _AGREE_MAT, "contract": _AGREE_MAT, "ceasefire": _t("RETREAT", "08", "ceasefire"),
    "truce": _t("RETREAT", "08", "ceasefire"), "cooperation": _COOPERATE, "partnership": _COOPERATE,
    "exercise": _t("MOBILIZE", "15", "troops"), "drill": _t("MOBILIZE", "15", "troops"),
    "maneuver": _t("MOBILIZE", "15", "troops"), "manoeuvre": _t("MOBILIZE", "15", "troops"),
    "aid": _AID, "assistance": _AID, "loan": _AID, "donation": _AID, "support": _SUPPORT,
    "sanction": _SANCTION, "embargo": _SANCTION, "tariff": _SANCTION, "ban": _BAN,
    "demand": _REQUEST, "appeal": _APPEAL, "request": _APPEAL, "ultimatum": _THREATEN, "threat": _THREATEN,
    "warning": _THREATEN, "protest": _PROTEST, "demonstration": _PROTEST, "rally": _PROTEST,
    "riot": _t("PROTEST", "14", "riot"), "torture": _t("ASSAULT", "18", "torture"), "consensus": _AGREE,
    "understanding": _AGREE,
    "strike": _FIGHT, "airstrike": _t("ASSAULT", "19", "aerial"), "attack": _FIGHT,
    "offensive": _FIGHT, "invasion": _FIGHT, "bombing": _t("ASSAULT", "18", "explosives"),
    "shelling": _t("ASSAULT", "19", "heavy-weapons"), "clash": _FIGHT, "raid": _COERCE,
    "arrest": _ARREST, "crackdown": _COERCE, "accusation": _ALLEGE, "criticism": _ACCUSE,
    "condemnation": _ACCUSE, "investigation": _INVESTIGATE, "probe": _INVESTIGATE, "inquiry": _INVESTIGATE, "hearing": _INVESTIGATE,
    "rejection": _REJECT, "veto": _REJECT, "withdrawal": _t("RETREAT", "08", "withdraw"),
    "deployment": _t("MOBILIZE", "15", "troops"), "expulsion": _t("SANCTION", "16", "expel"),
    "suspension": _t("SANCTION", "16", "discontinue"), "alert": _t("MOBILIZE", "15", "troops"),
    "mediation": _t("CONSULT", "04", "third-party"), "blockade": _t("COERCE", "17", "restrict"),
    "curfew": _t("COERCE", "17", "curfew"), "patrol": _t("MOBILIZE", "15", "police"), "promise": _AGREE, "pledge": _AGREE, "offer": _AGREE,
    "assurance": _AGREE, "guarantee": _AGREE,
}

#: Nouns for the means of an attack: "killed in Israeli tank shelling", "wounded by a Russian
#: missile" name the attacker in the modifier of the means.
ATTACK_MEANS = {"attack", "strike", "airstrike", "raid", "shelling", "bombardment", "bombing", "fire", "gunfire",
                 "rocket", "missile", "drone", "artillery", "tank", "mortar", "ambush", "offensive", "assault",
                 "helicopter", "warplane", "jet", "aircraft", "gunboat", "shell", "bomb", "grenade", "sniper"}

#: Verbs of receiving: "X received assurances from Y" is Y's act towards X (CAMEO codes the
#: giver as source), so the object noun is the event and the subject its recipient.
RECEIVING = {"receive", "get", "win", "obtain", "secure", "gain"}

#: Verbs whose object noun carries the event ("held talks", "imposed sanctions", "paid a visit").
LIGHT_VERBS = {
    "hold", "have", "conduct", "launch", "carry", "make", "reach", "announce", "stage", "pay", "begin", "start",
    "open", "resume", "mount", "unveil", "issue", "extend", "seal", "strike", "broker", "approve", "adopt",
    "declare", "deliver", "attend", "join", "host", "lead", "enter", "forge", "finalize", "finalise", "clinch",
    "ink", "conclude", "sign", "impose", "slap", "level", "file", "voice", "express", "step", "intensify",
    "expand", "lodge", "order", "complete", "plan", "prepare", "schedule", "propose", "undertake", "remain", "put",
    "organize", "organise", "call", "go", "end", "continue", "renew", "escalate",
}

#: Verbs that turn an object noun into the verb's own event (the noun is not a second event).
ABSORBING = {"impose", "sign", "reject", "lift", "ease", "condemn", "criticize", "welcome", "support", "deny",
             "refuse", "decline", "oppose", "propose", "threaten", "extend", "suspend", "cancel", "postpone",
             "accept", "provide", "offer", "pledge", "send", "deliver", "ban", "approve", "endorse", "back",
             "request", "seek", "demand", "urge", "call"}

#: Noun modifiers that make a "strike" a labour protest rather than a military strike.
PROTEST_STRIKE = {"hunger", "general", "labor", "labour", "nationwide", "national", "open-ended", "one-day",
                  "24-hour", "48-hour", "indefinite", "rail", "union", "teachers", "workers", "transport"}

#: Governors that turn a future act into a promise or a threat ("said they will release", "offered to").
INTENT_GOVERNORS = {"say", "announce", "tell", "state", "declare", "add", "quote", "indicate", "confirm",
                    "offer", "promise", "pledge", "vow", "agree", "ready", "willing", "decide", "prepared",
                    "threaten", "warn", "insist", "report", "swear"}

#: Nouns that, as the object of "impose"/"lift" etc., decide the event type of a generic verb.
OBJECT_OVERRIDES: dict[tuple[str, str], Trigger] = {
    ("impose", "curfew"): _t("COERCE", "17", "curfew"),
    ("impose", "martial"): _t("COERCE", "17", "martial-law"),
    ("lift", "sanction"): _CONCEDE, ("lift", "ban"): _CONCEDE, ("lift", "restriction"): _CONCEDE,
    ("ease", "sanction"): _CONCEDE, ("ease", "restriction"): _CONCEDE,
    ("send", "troop"): _t("MOBILIZE", "15", "troops"), ("send", "soldier"): _t("MOBILIZE", "15", "troops"),
    ("send", "warship"): _t("MOBILIZE", "15", "weapons"), ("send", "inspector"): _INVESTIGATE,
    ("send", "arm"): _AID, ("send", "weapon"): _AID, ("give", "warning"): _THREATEN,
    ("close", "border"): _t("COERCE", "17", "restrict"), ("close", "embassy"): _t("SANCTION", "16", "discontinue"),
    ("cancel", "visit"): _t("SANCTION", "16", "discontinue"), ("cancel", "trip"): _t("SANCTION", "16", "discontinue"),
    ("cancel", "meeting"): _t("SANCTION", "16", "discontinue"), ("cancel", "talk"): _t("SANCTION", "16", "discontinue"),
    ("return", "fire"): _FIGHT, ("launch", "missile"): _t("ASSAULT", "19", "aerial"),
    ("fire", "missile"): _t("ASSAULT", "19", "aerial"), ("fire", "rocket"): _t("ASSAULT", "19", "aerial"),
    ("receive", "delegation"): _VISIT, ("receive", "minister"): _VISIT, ("receive", "president"): _VISIT,
    ("cut", "tie"): _t("SANCTION", "16", "discontinue"), ("break", "tie"): _t("SANCTION", "16", "discontinue"),
    ("collect", "signature"): _PROTEST, ("present", "evidence"): _ALLEGE, ("produce", "evidence"): _ALLEGE, ("dispatch", "inspector"): _INVESTIGATE,
    ("extend", "curfew"): _t("COERCE", "17", "curfew"), ("grant", "amnesty"): _CONCEDE,
    ("stop", "work"): _t("PROTEST", "14", "strike"),
    # from the CAMEO codebook and CAMEO2PLOVER: easing a blockade is RETREAT (0872; a curfew: below);
    # receiving observers, inspectors or peacekeepers is allowing international involvement (086x);
    # acceding to demands is CONCEDE (083); halting talks or mediation, or cutting aid, is SANCTION
    # (162, 164, 165); an official protest or complaint is ACCUSE (114); violating a ceasefire is
    # a military assault (196); setting fire to property is destroying it (1712).
    ("lift", "blockade"): _t("RETREAT", "08", "withdraw"), ("ease", "blockade"): _t("RETREAT", "08", "withdraw"),
    ("lift", "siege"): _t("RETREAT", "08", "withdraw"),
    ("receive", "observer"): _t("RETREAT", "08", "access"), ("receive", "inspector"): _t("RETREAT", "08", "access"),
    ("receive", "mission"): _t("RETREAT", "08", "access"), ("receive", "peacekeeper"): _t("RETREAT", "08", "access"),
    ("admit", "inspector"): _t("RETREAT", "08", "access"), ("admit", "observer"): _t("RETREAT", "08", "access"),
    ("accept", "demand"): _CONCEDE, ("meet", "demand"): _CONCEDE,
    ("end", "mediation"): _t("SANCTION", "16", "withdraw"), ("halt", "mediation"): _t("SANCTION", "16", "withdraw"),
    ("end", "talk"): _t("SANCTION", "16", "withdraw"), ("suspend", "talk"): _t("SANCTION", "16", "withdraw"),
    ("end", "negotiation"): _t("SANCTION", "16", "withdraw"),
    ("reduce", "aid"): _t("SANCTION", "16", "discontinue"), ("reduce", "supply"): _t("SANCTION", "16", "discontinue"),
    ("reduce", "assistance"): _t("SANCTION", "16", "discontinue"), ("cut", "aid"): _t("SANCTION", "16", "discontinue"),
    ("lodge", "protest"): _ALLEGE, ("file", "protest"): _ALLEGE, ("lodge", "complaint"): _ALLEGE,
    ("file", "complaint"): _ALLEGE, ("violate", "ceasefire"): _FIGHT, ("violate", "truce"): _FIGHT,
    ("breach", "ceasefire"): _FIGHT, ("impose", "blockade"): _t("COERCE", "17", "restrict"),
    ("impose", "restriction"): _t("COERCE", "17", "restrict"), ("impose", "ban"): _BAN,
    ("withdraw", "inspector"): _t("SANCTION", "16", "expel"), ("withdraw", "observer"): _t("SANCTION", "16", "expel"),
    ("withdraw", "peacekeeper"): _t("SANCTION", "16", "expel"), ("withdraw", "ambassador"): _t("SANCTION", "16", "withdraw"),
    ("recall", "ambassador"): _t("SANCTION", "16", "withdraw"), ("mobilize", "support"): _SUPPORT,
    ("rally", "support"): _SUPPORT, ("set", "fire"): _DESTROY, ("give", "welcome"): _VISIT, ("take", "step"): _CONCEDE, ("free", "prisoner"): _t("RETREAT", "08", "release"),
}

# From the PLOVER manual where it is more specific than the conversion table: removing or easing a
# curfew is a verbal concession (CONCEDE: "a promise that people will not be arrested", though
# CAMEO2PLOVER lists 0813 under RETREAT); summoning an ambassador to present grievances is ACCUSE,
# not a meeting or a demand; handing over or evacuating for relief is humanitarian AID.
OBJECT_OVERRIDES.update({(verb, "curfew"): _CONCEDE for verb in ("lift", "ease", "relax", "shorten", "end")})
OBJECT_OVERRIDES.update({("summon", envoy): _ACCUSE for envoy in (
    "ambassador", "envoy", "diplomat", "chargé", "charge", "attaché", "representative")})
_RELIEF_GOODS = ("medicine", "food", "aid", "supply", "relief", "grain", "flour", "tent", "blanket", "water")
OBJECT_OVERRIDES.update({("hand", good): _AID for good in _RELIEF_GOODS})
# Allowing international involvement is RETREAT access (CAMEO 086x); allowing a person or party
# to act is easing a restriction (CONCEDE, the verb's own entry).
OBJECT_OVERRIDES.update({(verb, who): _t("RETREAT", "08", "access") for verb in ("allow", "permit") for who in (
    "inspector", "observer", "monitor", "peacekeeper", "access", "aid", "delivery", "convoy", "worker", "mission")})
OBJECT_OVERRIDES.update({("evacuate", who): _AID for who in (
    "wounded", "wound", "injured", "injure", "sick", "civilian", "casualty", "survivor", "child", "foreigner", "national")})

#: Adopting a text makes it the adopters' own: "alliance leaders adopted a declaration committing aid" is
#: their agreement (PLOVER AGREE; CAMEO 05 as for "adopted an agreement"), whatever the text asks of
#: others. What it asks ("a resolution urging Chile to withdraw") is an event of its own. The CAMEO
#: dictionary's "ADOPT DECLARATION ON SOVEREIGNTY" is a demand only with its whole pattern; its verb-object
#: table keeps "adopt declaration" as a demand without the rest. Texts that are already event nouns
#: ("agreement", "treaty") are coded as those. Not in ``OBJECT_OVERRIDES``: "approve" absorbs its object
#: there ("approved the deal" is the deal's event).
ADOPTING = frozenset({"adopt", "approve", "pass"})
ADOPTED_TEXTS = frozenset({
    "declaration", "communique", "communiqué", "resolution", "statement", "charter", "text", "document", "compact",
    "roadmap", "framework", "convention", "protocol", "plan", "agenda", "platform", "programme", "program",
})
ADOPTION = _AGREE_MAT

#: Attitudes expressed in words (CAMEO 012 pessimistic, 013 optimistic, 018 empathetic comment):
#: a public statement, root 01. PLOVER has no statement type: the conversion table's CONSULT.
_STATEMENT = _t("CONSULT", "01", "statement")
STATEMENT_NOUNS = {"sorrow", "regret", "condolence", "sympathy", "appreciation", "gratitude", "thanks", "hope",
                   "optimism", "satisfaction", "concern", "pessimism", "dismay", "grief"}
STATEMENT_VERBS = {"express", "voice", "extend", "convey", "offer"}
OBJECT_OVERRIDES.update({(verb, noun): _STATEMENT for verb in STATEMENT_VERBS for noun in STATEMENT_NOUNS})

#: Who blocks a road decides the event: civilians obstruct in protest (CAMEO 144), forces restrict (191).
CROWD_NOUNS = {"demonstrator", "protester", "protestor", "worker", "farmer", "student", "villager", "resident",
               "driver", "trucker", "fisherman", "activist", "crowd", "mob", "youth", "striker", "miner",
               "employee", "teacher", "supporter", "opponent", "refugee", "rioter"}
_RIOT = _t("PROTEST", "14", "riot")  # CAMEO 145 "protest violently, riot"
CROWD_ACTS: dict[str, Trigger] = {
    **dict.fromkeys(("block", "blockade", "barricade", "obstruct", "occupy", "close"), OBSTRUCT),
    **dict.fromkeys(("destroy", "demolish", "burn", "loot", "torch", "vandalize", "smash", "ransack"), _RIOT),
}

#: CAMEO root → PLOVER event type (CAMEO2PLOVER-2021 at root level; 03x intents are AGREE).
ROOT_TO_PLOVER: dict[str, str] = {
    "01": "CONSULT", "02": "REQUEST", "03": "AGREE", "04": "CONSULT", "05": "SUPPORT", "06": "COOPERATE",
    "07": "AID", "08": "CONCEDE", "09": "ACCUSE", "10": "REQUEST", "11": "ACCUSE", "12": "REJECT",
    "13": "THREATEN", "14": "PROTEST", "15": "MOBILIZE", "16": "SANCTION", "17": "COERCE", "18": "ASSAULT",
    "19": "ASSAULT", "20": "ASSAULT",
}

#: The usual CAMEO root of each PLOVER type, for events the type model names without a trigger.
PLOVER_ROOT: dict[str, str] = {
    "AGREE": "03", "CONSULT": "04", "SUPPORT": "05", "CONCEDE": "08", "COOPERATE": "06", "AID": "07",
    "RETREAT": "08", "REQUEST": "10", "ACCUSE": "11", "REJECT": "12", "THREATEN": "13", "PROTEST": "14",
    "MOBILIZE": "15", "SANCTION": "16", "COERCE": "17", "ASSAULT": "19",
}
