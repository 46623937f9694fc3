"""General English discourse markers, grouped by the relation they signal.

The lists follow the explicit connectives of the Penn Discourse Treebank (PDTB 2.0/3.0 sense
classes: Comparison.Concession, Comparison.Contrast, Contingency.Cause, Expansion.Instantiation,
Expansion.Conjunction) plus the common English phrases for reporting an opposing voice
("some people argue", "critics say") and for modality. They are features of the learned models
and the cues of the attack rules in ``relations``; none is taken from any document the project
imports.
"""

from __future__ import annotations

import re


def _alternation(phrases: str) -> str:
    """``a|b|c`` from a ``;``-separated list, longest first so "even though" wins over "even"."""
    items = sorted({p.strip() for p in phrases.split(";") if p.strip()}, key=len, reverse=True)
    return "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in items)


# sentence-initial connectives (after opening quotes/brackets), lower-cased text
CONCESSION = _alternation(
    "admittedly; granted; of course; certainly; sure; to be sure; it is true that; it's true that; it is true; "
    "true; yes; no doubt; undoubtedly; obviously; clearly there are; although; though; even though; even if; "
    "while; whilst; whereas; despite; in spite of; notwithstanding; regardless of; it may be that; "
    "it might be that; it is possible that; it could be that; i admit; i concede; we must admit; one must admit; "
    "it must be admitted; agreed; i agree that"
)
CONTRAST = _alternation(
    "but; however; yet; nevertheless; nonetheless; still; on the other hand; in contrast; by contrast; "
    "conversely; instead; rather; on the contrary; even so; that said; having said that; all the same; "
    "despite this; despite that; in spite of this; regardless; nevertheless,; alternatively; unfortunately"
)
CAUSE = _alternation(
    "because; since; for; as; given that; due to; owing to; after all; the reason is; the reason for this is; "
    "this is because; that is because; it is because; in view of"
)
CONCLUSION = _alternation(
    "therefore; thus; hence; so; consequently; as a result; as a consequence; accordingly; that is why; "
    "that's why; this is why; which is why; for this reason; for these reasons; in conclusion; to conclude; "
    "in sum; to sum up; in summary; in short; all in all; overall; ultimately; in the end; to summarize; "
    "this means; this shows; this proves; it follows that; clearly; in any case"
)
ADDITION = _alternation(
    "moreover; furthermore; in addition; additionally; also; besides; what is more; what's more; on top of that; "
    "not only; secondly; second; thirdly; third; finally; firstly; first; another; likewise; similarly; "
    "equally; and; plus; lastly; last but not least; apart from that; beyond that"
)
EXAMPLE = _alternation(
    "for example; for instance; e.g.; such as; in particular; specifically; to illustrate; namely; "
    "as an example; take; consider; in fact; indeed; actually; as a matter of fact"
)
OPPONENT_VOICE = (
    r"(?:some|many|most|several|other|certain)\s+(?:people|critics|observers|commentators|experts|politicians|"
    r"parents|economists|analysts|scholars|say|argue|claim|believe|think|feel|suggest|contend|insist|maintain|"
    r"may|might|would|will|fear|worry|object|point)"
    r"|critics|opponents|sceptics|skeptics|detractors|proponents|supporters\s+of|advocates\s+of|defenders\s+of"
    r"|those\s+who\s+(?:argue|say|claim|believe|think|support|oppose|favou?r)"
    r"|(?:it\s+is|it's)\s+(?:often|sometimes|frequently|commonly|widely|also)?\s*(?:said|argued|claimed|believed|"
    r"objected|suggested|held)"
    r"|(?:one|you|someone)\s+(?:might|could|may|would)\s+(?:argue|object|say|think|claim|point\s+out|reply)"
    r"|(?:it\s+)?(?:might|could|may)\s+be\s+(?:argued|objected|said|claimed)"
    r"|people\s+(?:often\s+|sometimes\s+|may\s+|might\s+)?(?:say|argue|claim|believe|think|complain)"
    r"|(?:the\s+)?(?:argument|claim|objection|idea|view|notion)\s+that"
    r"|there\s+are\s+(?:those|people|voices)"
)
REFUTATION = (
    r"(?:this|that|it|such\s+an?\s+\w+)\s+(?:is|was|would\s+be)\s+(?:not\s+(?:true|the\s+case|convincing)|"
    r"wrong|false|mistaken|untrue|a\s+myth|nonsense|misleading|short-sighted|naive)"
    r"|(?:this|that|the)\s+(?:argument|claim|objection|view)\s+(?:fails|ignores|overlooks|misses|is\s+flawed)"
    r"|not\s+so|far\s+from\s+it|on\s+the\s+contrary|i\s+disagree|i\s+do\s+not\s+agree|i\s+don't\s+agree"
    # the writer turning down the point just made: "We do not accept this.", "We reject that.", "She anticipates this."
    r"|(?:i|we)\s+(?:do\s+not|don't|cannot|can't)\s+accept\s+(?:this|that|it)|(?:i|we)\s+(?:reject|dispute)\s+"
    r"(?:this|that)|anticipates?\s+(?:this|that)"
)

# the conjunctions that open a concessive subordinate clause ("Although X, Y"): the clause splitter, the voices
# and the central claim each add the words their rule needs after them
SUBORDINATE_CONCESSIVE = r"although|though|even\s+though|even\s+if|while|whilst|whereas"

_LEAD = r"^[\s\"“‘'(\[\-–—•*]*"
CONCESSION_START = re.compile(_LEAD + r"(?:" + CONCESSION + r")\b")
CONTRAST_START = re.compile(_LEAD + r"(?:and\s+)?(?:" + CONTRAST + r")\b")
CAUSE_START = re.compile(_LEAD + r"(?:" + CAUSE + r")\b")
CONCLUSION_START = re.compile(_LEAD + r"(?:and\s+)?(?:" + CONCLUSION + r")\b")
ADDITION_START = re.compile(_LEAD + r"(?:" + ADDITION + r")\b")
EXAMPLE_START = re.compile(_LEAD + r"(?:" + EXAMPLE + r")\b")
OPPONENT_START = re.compile(_LEAD + r"(?:(?:of\s+course|admittedly|granted|sure|true|yes|now|and|but|yet|however|"
                            r"still|certainly|indeed|also|further|furthermore|moreover|on\s+the\s+other\s+hand),?\s+)?"
                            r"(?:" + OPPONENT_VOICE + r")\b")
OPPONENT_ANYWHERE = re.compile(r"\b(?:" + OPPONENT_VOICE + r")\b")
REFUTATION_ANYWHERE = re.compile(r"\b(?:" + REFUTATION + r")\b")
CONTRAST_INSIDE = re.compile(r"[,;]\s*(?:but|however|yet|nevertheless|nonetheless|though|although|whereas|"
                             r"while)\b")
CAUSE_INSIDE = re.compile(r"\b(?:because|since|as\s+a\s+result\s+of|due\s+to|given\s+that|owing\s+to)\b")
CONCLUSION_INSIDE = re.compile(r"\b(?:therefore|thus|hence|consequently|which\s+is\s+why|that\s+is\s+why|"
                               r"that's\s+why)\b")

PRESCRIPTIVE = re.compile(
    r"\b(?:should|must|ought\s+to|need\s+to|needs\s+to|have\s+to|has\s+to|had\s+better|shall)\b|"
    r"\b(?:it\s+is|it's)\s+(?:time|necessary|essential|vital|crucial|important|imperative|urgent|high\s+time)\s+"
    r"(?:to|that|for)\b|^[\s\"“]*(?:let\s+us|let's|we\s+must|we\s+need)\b|\b(?:i|we)\s+(?:urge|recommend|"
    r"propose|suggest|call\s+on|ask)\b|\b(?:should\s+be|must\s+be)\s+\w+ed\b"
    r"|\b(?:would|will)\s+(?:be\s+(?:wise|well\s+advised|better\s+off)|do\s+well)\s+to\b"
    r"|\b(?:it\s+)?(?:would|will)\s+be\s+(?:better|best|wiser|preferable)(?:,[^,]{1,25},)?\s+(?:to|if|for)\b"
    r"|\bit\s+is\s+(?:better|best|wiser|preferable)\s+to\b|\bthe\s+(?:best|only)\s+(?:way|option|course)\b")
CONDITIONAL = re.compile(r"^[\s\"“]*(?:if|unless|should|were|had|provided|assuming|in\s+case|when)\b|"
                         r"\b(?:if|unless|whether|provided\s+that)\b")
HEDGE = re.compile(r"\b(?:would|could|might|may|perhaps|maybe|possibly|probably|likely|seems?|appears?)\b")
NEGATION = re.compile(r"\b(?:not|no|never|nothing|none|nobody|neither|nor|cannot|without)\b|n't\b")
FIRST_PERSON = re.compile(r"\b(?:i|i'm|i've|i'd|my|me|mine|myself)\b")
FIRST_PLURAL = re.compile(r"\b(?:we|our|us|ours|ourselves)\b")
OPINION = re.compile(r"\b(?:i|we)\s+(?:think|believe|feel|am\s+convinced|are\s+convinced|hold|maintain|"
                     r"consider|find|doubt|agree|disagree)\b|\bin\s+my\s+(?:view|opinion)\b|\bi'm\s+convinced\b")
EVALUATIVE = re.compile(
    r"\b(?:good|bad|better|worse|best|worst|right|wrong|fair|unfair|important|necessary|harmful|beneficial|"
    r"dangerous|useful|useless|effective|ineffective|wise|unwise|reasonable|unreasonable|acceptable|"
    r"unacceptable|problem|problematic|benefit|advantage|disadvantage|risk|costly|expensive|cheap|"
    r"essential|crucial|valuable|serious|absurd|ridiculous|great|terrible|excellent|poor|sensible)\b")
REPORTED = re.compile(
    r"\b(?:said|says|say|stated|states|argued|argues|noted|notes|told|warned|added|claimed|claims|reported|"
    r"reports|announced|announces|wrote|writes|explained|explains|insisted|insists|according\s+to|"
    r"suggested|suggests|found|finds|shows|showed|revealed|reveals|estimated|estimates|concluded)\b")
NUMBER = re.compile(r"\d|\b(?:percent|per\s+cent|million|billion|thousand|hundred|half|twice|dozen)\b|%")
STUDY = re.compile(r"\b(?:study|studies|research|survey|surveys|data|statistics|report|reports|evidence|"
                   r"experts?|scientists?|researchers|figures|poll|polls)\b")
PAST = re.compile(r"\b(?:was|were|had|did|went|got|came|told|paid|called|received|sent|took)\b|\b\w{3,}ed\b")
URL = re.compile(r"https?://|www\.|__url__|\burl\b")
QUESTION = re.compile(r"\?[\"”’)\]]*\s*$")
EXCLAMATION = re.compile(r"![\"”’)\]]*\s*$")
YOU = re.compile(r"\b(?:you|your|yours|yourself)\b")
IMPERATIVE_START = re.compile(r"^[\s\"“]*(?:please\s+)?(?:do|don't|stop|make|let|give|take|keep|allow|ban|end|"
                              r"remove|require|consider|think|imagine|look|remember|put|get|help|protect|"
                              r"support|vote|abolish|introduce|raise|reduce|increase|change)\b")


# --- the same markers, faster -------------------------------------------------------------
# Python's engine tries every alternative of a pattern opening with \b at every place of the text. An alternation
# whose alternatives each open with a letter, the word-start test after it ("s(?<!\ws)hould"), lets the engine skip
# to the places holding one of those letters (the fourth pass did so for the voices' prediction pattern). The
# ``*_in`` functions below say whether the plain pattern above has a match in a lower-case text (the features
# need no more), by such alternations: the plain patterns stay the definitions, and tests compare the two.


def letters_first(alternatives: list[str], after: str = "") -> re.Pattern[str]:
    """``\\b(?:a|b|...)`` + ``after`` with the alternatives grouped by their first letter, each letter followed by the
    word-start test: a match wherever the plain alternation has one (every alternative opens with a plain letter)."""
    groups: dict[str, list[str]] = {}
    for alternative in alternatives:
        first, rest = alternative[:1], alternative[1:]
        if not (first.isalpha() and first.islower()) or rest[:1] in ("?", "*", "+", "{"):
            raise ValueError(f"{alternative!r} does not open with a plain letter")
        groups.setdefault(first, []).append(rest)
    opened = (f"{first}(?<!\\w{first})(?:{'|'.join(rests)})" for first, rests in groups.items())
    return re.compile("(?:" + "|".join(opened) + ")" + after)


def _each(words: str, then: str) -> list[str]:
    """One alternative per ``|``-separated word of ``words`` (no group inside), each followed by ``then``."""
    return [word + then for word in words.split("|")]


_TIMELY = r"(?:time|necessary|essential|vital|crucial|important|imperative|urgent|high\s+time)\s+(?:to|that|for)\b"
_BETTER = r"\s+be\s+(?:better|best|wiser|preferable)(?:,[^,]{1,25},)?\s+(?:to|if|for)\b"
_PRESCRIPTIVE_START = re.compile(r"^[\s\"“]*(?:let\s+us|let's|we\s+must|we\s+need)\b")
_PRESCRIPTIVE_INSIDE = letters_first([
    *_each(r"should|must|ought\s+to|need\s+to|needs\s+to|have\s+to|has\s+to|had\s+better|shall", r"\b"),
    r"it\s+is\s+" + _TIMELY, r"it's\s+" + _TIMELY,
    *_each("i|we", r"\s+(?:urge|recommend|propose|suggest|call\s+on|ask)\b"),
    *_each("should|must", r"\s+be\s+\w+ed\b"),
    *_each("would|will", r"\s+(?:be\s+(?:wise|well\s+advised|better\s+off)|do\s+well)\s+to\b"),
    *_each(r"it\s+would|it\s+will|would|will", _BETTER),
    r"it\s+is\s+(?:better|best|wiser|preferable)\s+to\b",
    r"the\s+(?:best|only)\s+(?:way|option|course)\b",
])


def prescriptive_in(low: str) -> bool:
    """Whether ``PRESCRIPTIVE`` matches in ``low``."""
    return _PRESCRIPTIVE_START.match(low) is not None or _PRESCRIPTIVE_INSIDE.search(low) is not None


_VOICE_VERBS = (r"(?:people|critics|observers|commentators|experts|politicians|parents|economists|analysts|scholars|"
                r"say|argue|claim|believe|think|feel|suggest|contend|insist|maintain|may|might|would|will|fear|worry|"
                r"object|point)")
_SAID = (r"\s+(?:often|sometimes|frequently|commonly|widely|also)?\s*"
         r"(?:said|argued|claimed|believed|objected|suggested|held)")
_OPPONENT_ANYWHERE = letters_first([
    *_each("some|many|most|several|other|certain", r"\s+" + _VOICE_VERBS),
    *_each(r"critics|opponents|sceptics|skeptics|detractors|proponents|supporters\s+of|advocates\s+of|defenders\s+of",
           ""),
    r"those\s+who\s+(?:argue|say|claim|believe|think|support|oppose|favou?r)",
    r"it\s+is" + _SAID, r"it's" + _SAID,
    *_each("one|you|someone", r"\s+(?:might|could|may|would)\s+(?:argue|object|say|think|claim|point\s+out|reply)"),
    *(opening + r"\s+be\s+(?:argued|objected|said|claimed)" for opening in (r"it\s+(?:might|could|may)", "might",
                                                                             "could", "may")),
    r"people\s+(?:often\s+|sometimes\s+|may\s+|might\s+)?(?:say|argue|claim|believe|think|complain)",
    r"the\s+(?:argument|claim|objection|idea|view|notion)\s+that",
    *_each("argument|claim|objection|idea|view|notion", r"\s+that"),
    r"there\s+are\s+(?:those|people|voices)",
], r"\b")


def opponent_anywhere_in(low: str) -> bool:
    """Whether ``OPPONENT_ANYWHERE`` matches in ``low``."""
    return _OPPONENT_ANYWHERE.search(low) is not None


_WRONG = (r"\s+(?:is|was|would\s+be)\s+(?:not\s+(?:true|the\s+case|convincing)|wrong|false|mistaken|untrue|a\s+myth|"
          r"nonsense|misleading|short-sighted|naive)")
_REFUTATION = letters_first([
    *_each(r"this|that|it|such\s+an?\s+\w+", _WRONG),
    *_each("this|that|the", r"\s+(?:argument|claim|objection|view)\s+(?:fails|ignores|overlooks|misses|is\s+flawed)"),
    r"not\s+so", r"far\s+from\s+it", r"on\s+the\s+contrary", r"i\s+disagree", r"i\s+do\s+not\s+agree",
    r"i\s+don't\s+agree",
    *_each("i|we", r"\s+(?:do\s+not|don't|cannot|can't)\s+accept\s+(?:this|that|it)"),
    *_each("i|we", r"\s+(?:reject|dispute)\s+(?:this|that)"), r"anticipates?\s+(?:this|that)",
], r"\b")


def refutation_in(low: str) -> bool:
    """Whether ``REFUTATION_ANYWHERE`` matches in ``low``."""
    return _REFUTATION.search(low) is not None


_CONDITIONAL_START = re.compile(r"^[\s\"“]*(?:if|unless|should|were|had|provided|assuming|in\s+case|when)\b")
_CONDITIONAL_INSIDE = letters_first(_each(r"if|unless|whether|provided\s+that", r"\b"))


def conditional_in(low: str) -> bool:
    """Whether ``CONDITIONAL`` matches in ``low``."""
    return _CONDITIONAL_START.match(low) is not None or _CONDITIONAL_INSIDE.search(low) is not None


_REPORTED = letters_first(REPORTED.pattern.removeprefix(r"\b(?:").removesuffix(r")\b").split("|"), r"\b")


def reported_in(low: str) -> bool:
    """Whether ``REPORTED`` matches in ``low``."""
    return _REPORTED.search(low) is not None


FASTER = {"prescriptive": prescriptive_in, "opponent_anywhere": opponent_anywhere_in, "refutation": refutation_in,
          "conditional": conditional_in, "reported": reported_in}
"""The anywhere markers the features look for (``features._RUNS``) by the faster alternations, by name."""
