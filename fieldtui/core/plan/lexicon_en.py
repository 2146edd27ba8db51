"""English lexicon for the wording rules: regular-expression fragments, matched on word bounds.

Each list is deliberately short: a phrase earns its place only if it is nearly always a
problem in a survey item. Fragments are case-insensitive; `wording` adds the word bounds.
"""

from __future__ import annotations

# Frequency and amount words a respondent reads in their own way (QUAID "vague or imprecise
# relative term"; QAS-99 3b "vague"). "How often"/"how many" ask for the count, so they pass;
# "usually" and "generally" are left out: "how do you usually travel" is a fair question.
VAGUE_PROMPT: tuple[str, ...] = (
    r"(?<!how )(?<!more )(?<!most )(?<!less )often",
    r"(?<!how )(?<!more )(?<!most )(?<!less )frequently", r"regularly", r"rarely", r"seldom",
    r"occasionally", r"sometimes", r"(?<!how )many", r"(?<!how )(?<!very )(?<!thank you )much",
    r"a lot", r"lots of", r"a few", r"(?<!a )few", r"several", r"recently", r"lately",
    r"a while", r"a little", r"a bit", r"a great deal", r"numerous", r"plenty",
    r"these days", r"nowadays",
    # a reference period with no number: "in recent years", "over the past weeks"
    r"(?:recent|past|last|previous|coming|next) (?:couple of )?(?:days|weeks|months|years)",
)
# In answer options only amounts are vague; frequency words (never, sometimes, often) and
# degrees (a little, somewhat) are the accepted anchors of a rating scale.
VAGUE_OPTION: tuple[str, ...] = (
    r"a few", r"(?<!a )few", r"several", r"many", r"a lot", r"lots", r"a great deal",
    r"numerous", r"plenty",
)

# Phrasing that tells the respondent which answer is wanted (QAS-99 5a "leading").
LEADING: tuple[str, ...] = (
    r"don'?t you (?:agree|think|feel|believe)", r"do you not (?:agree|think|feel|believe)",
    r"wouldn'?t you (?:agree|say)", r"would you not (?:agree|say)", r"isn'?t it true",
    r"is it not true", r"aren'?t you", r"surely", r"of course",
    r"\A(?:clearly|obviously)", r"(?:clearly|obviously)(?=\s*,)",  # not "explain clearly"
    r"as everyone knows", r"everyone knows",
    # a claimed consensus ("most parents want…", "like most residents, …")
    r"(?:most|many|all) (?:\w+ ){0,2}(?:agree|think|believe|say|feel|want|prefer|support)s?",
    r"\Alike (?:most|many|other)",
    # a negative question presumes yes ("Isn't it…", "…, shouldn't we?")
    r"(?:\A|(?<=[,;] ))(?:isn't|aren't|wasn't|weren't|shouldn't|wouldn't|doesn't|don't|didn't|"
    r"won't|can't|couldn't|haven't|hasn't)",
    r"experts (?:agree|say)", r"you would agree", r"you agree that",
    r"how much do you (?:like|enjoy|love|appreciate|value)", r"so-called",
    r"wasteful", r"disastrous", r"ridiculous", r"outrageous", r"scandalous", r"wonderful",
    r"fantastic", r"amazing", r"terrible", r"awful",
    r"(?:(?<=, )|(?<=,))(?:right|correct|agreed|yes)\s*\?$",  # a tag, not "is it correct?"
    # a question that presumes the effect it asks about ("What problems has X caused you?";
    # "what problems, if any, …" leaves room for none)
    r"(?:what|which) (?:\w+ ){0,2}(?:problems|difficulties|harm|damage|benefits|advantages|"
    r"improvements|good things|hardships)(?! if any)(?!, if any) (?:\w+ ){0,5}?"
    r"(?:caused|brought|given|done|created|made)",
)

# Words that say "without exception" (QAS-99 3b; respondents with one exception cannot answer).
# "every day/week..." is a rate, not an absolute.
ABSOLUTE: tuple[str, ...] = (
    r"always", r"never", r"every(?! (?:day|week|month|year|morning|evening|night)s?\b)",
    r"everyone", r"everybody", r"everything", r"(?<!at )(?<!after )(?<!of )all(?! in all)(?! things)(?! that apply)",
    r"nobody", r"no one", r"nothing", r"completely", r"totally", r"entirely",
    r"absolutely", r"without (?:any )?exception", r"invariably", r"at all times",
    r"each and every", r"every single", r"in every case",
)

# Negations for the double-negative count; negative verbs and adjectives count as one each.
NEGATORS: tuple[str, ...] = (
    r"not", r"no", r"never", r"none", r"nobody", r"nothing", r"neither", r"without",
    r"cannot", r"\w+n't", r"oppose[sd]?", r"disagree[sd]?", r"against", r"ban(?:ned)?",
    r"prohibit(?:ed)?", r"reject(?:ed)?", r"abolish(?:ed)?", r"scrap(?:ped)?", r"cancel(?:l?ed)?", r"refuse[sd]?", r"unlikely", r"uncommon", r"unhappy",
    r"unsafe", r"unclear", r"unfair", r"untrue", r"unhelpful", r"unimportant", r"unreasonable",
    r"unsatisfied", r"dissatisfied", r"displeased", r"impossible", r"improbable",
    r"inconvenient", r"incorrect", r"illegal", r"irrelevant", r"unacceptable", r"unusual",
    r"unwilling", r"unable", r"unaware",
)
# Not negations: "whether or not", "yes or no"; "neither X nor Y" is one negation, not two.
NEGATOR_EXCEPTIONS: tuple[str, ...] = (r"or not", r"or no", r"neither\b.*?\bnor\s+[\w-]+")

# Conjunctions that can join two questions in one item.
CONJUNCTIONS: tuple[str, ...] = (r"and", r"as well as")
# Words that evaluate: two of them joined by and/or ask two things ("clean and safe").
EVALUATIVE: tuple[str, ...] = (
    r"clean", r"safe", r"useful", r"easy", r"helpful", r"friendly", r"polite", r"quick",
    r"fast", r"reliable", r"affordable", r"cheap", r"expensive", r"convenient", r"accessible",
    r"comfortable", r"quiet", r"fair", r"important", r"good", r"satisfied", r"happy",
    r"pleased", r"like", r"dislike", r"support", r"oppose", r"agree", r"trust", r"enjoy",
    r"efficient", r"clear", r"modern", r"well[- ]kept", r"well[- ]lit", r"tidy", r"open",
    r"welcoming", r"respectful", r"knowledgeable", r"punctual",
)
# A rating frame: in a closed item, "and" after it joins two objects of one rating.
RATING_FRAME: tuple[str, ...] = (
    r"satisfied", r"dissatisfied", r"agree", r"disagree", r"rate", r"happy", r"pleased",
    r"how well", r"how good",
    r"support", r"oppose", r"trust", r"approve", r"disapprove", r"important", r"likely",
)
# "between 1 and 5", "and/or" and fixed pairs do not join two questions.
CONJUNCTION_EXCEPTIONS: tuple[str, ...] = (
    r"between\b[^?]*?\band", r"and/or", r"\d+\s+and\s+\d+",
    r"\d+\s+and\s+(?:over|above|older|under|younger|up)",  # a range, not two things r"(?:pros|ups|ins|ifs) and",
    r"bed and breakfast", r"fish and chips", r"black and white", r"friends and family",
    r"family and friends",
)

# A yes/no question: any "and" in it asks one answer to judge two things.
YES_NO: tuple[str, ...] = (
    r"(?:\A|(?<=[,;:] ))(?:do|does|did|is|are|was|were|have|has|had|should|would|will|can|could|"
    r"may|might|must|shall)",
)
# Agreement labels: the prompt is then one statement to judge.
AGREEMENT: tuple[str, ...] = (r"agree", r"disagree")
# A question word before the auxiliary makes it a wh-question ("How many…, does…?").
WH_WORDS: tuple[str, ...] = (r"how", r"what", r"which", r"who", r"whom", r"whose", r"where",
                             r"when", r"why")
# "both X and Y" joins two things whatever X and Y are.
BOTH: tuple[str, ...] = (r"both\b[^,?]{1,40}?\band",)
# A third-person pronoun needs something before it to refer to: a determiner starts a noun.
ANTECEDENT_MARKERS: tuple[str, ...] = (
    r"the", r"your", r"a", r"an", r"my", r"our", r"this", r"that", r"these", r"those", r"each",
    r"every", r"any", r"some", r"other", r"people", r"someone", r"anyone", r"everyone",
    r"somebody", r"anybody",
)
THIRD_PERSON: tuple[str, ...] = (r"they", r"them", r"their", r"he", r"she", r"him", r"her", r"his")
# Pronouns with no antecedent when they open the item ("Do they...").
REFERENT_OPENERS: tuple[str, ...] = (r"they", r"them", r"their", r"he", r"she", r"him", r"her")
# A pronoun that ends a short question refers to something outside it ("...about this?").
REFERENT_ENDINGS: tuple[str, ...] = (r"it", r"this", r"that", r"these", r"those", r"them")

# Answers that let someone out of a list (QAS-99 7f "missing").
ESCAPES: tuple[str, ...] = (
    r"other", r"something else", r"none of (?:these|the above|them)", r"none",
    r"don'?t know", r"do not know", r"not sure", r"unsure", r"prefer not to (?:say|answer)",
    r"rather not say", r"no opinion", r"not applicable", r"n/?a", r"can'?t say",
    r"cannot say", r"depends", r"neither", r"decline to (?:say|answer)",
)

# Polarity of scale labels and rating options.
NEUTRAL_LABEL: tuple[str, ...] = (
    r"neither", r"neutral", r"no opinion", r"mixed", r"undecided", r"in between",
    r"about the same", r"half and half", r"fair", r"average", r"okay", r"ok",
)
POSITIVE_LABEL: tuple[str, ...] = (
    r"satisfied", r"agree", r"good", r"excellent", r"great", r"likely", r"important", r"easy",
    r"useful", r"helpful", r"safe", r"support", r"approve", r"happy", r"pleased", r"better",
    r"best", r"outstanding", r"superb", r"positive", r"favou?rable", r"comfortable", r"clean",
    r"confident", r"trust", r"convenient", r"reliable", r"clear", r"willing",
)
NEGATIVE_LABEL: tuple[str, ...] = (
    r"dissatisfied", r"unsatisfied", r"disagree", r"poor", r"bad", r"terrible", r"awful",
    r"unlikely", r"unimportant", r"difficult", r"hard", r"useless", r"unhelpful", r"unsafe",
    r"oppose", r"disapprove", r"unhappy", r"displeased", r"worse", r"worst", r"negative",
    r"unfavou?rable", r"uncomfortable", r"dirty", r"not", r"distrust", r"inconvenient",
    r"unreliable", r"unfair", r"unclear", r"unwilling",
)
# A scale that starts at "not at all" is unipolar: its points are not pro and contra.
UNIPOLAR: tuple[str, ...] = (r"not at all", r"none at all", r"no\b.*\bat all")

TOO_LONG_PROMPT = 25  # words; QUAID "working memory overload"
TOO_LONG_OPTION = 12

# What kind of answer list an item has (`answer_lists`). Degree and frequency anchors make a
# label a point on a scale ("Quite a lot", "Not very much", "Most of the time"); counts of
# things ("a few", "several", "many") do not, so a list of them stays vague.
SCALE_DEGREE: tuple[str, ...] = (
    r"very", r"fairly", r"quite", r"somewhat", r"slightly", r"moderately", r"extremely",
    r"strongly", r"completely", r"totally", r"mostly", r"mainly", r"partly", r"partially",
    r"a little", r"a lot", r"a great deal", r"a good deal", r"a fair amount", r"not much",
    r"not at all", r"none at all", r"some", r"hardly(?: any| ever)?", r"barely", r"rather",
    r"reasonably", r"tend to", r"mildly", r"highly", r"never", r"rarely", r"seldom",
    r"sometimes", r"occasionally", r"often", r"usually", r"always", r"(?:most|all|some|none) of the time",
    r"almost", r"neither", r"too", r"about right",
)
# Two answers that are each other's opposite make a dichotomy ("Yes"/"No", "Agree"/"Disagree");
# so do two that differ by a negation ("Have used"/"Have not used", "Likely"/"Unlikely").
OPPOSITE_PAIRS: tuple[tuple[str, str], ...] = (
    (r"yes", r"no"), (r"true", r"false"), (r"agree", r"disagree"), (r"support", r"oppose"),
    (r"approve", r"disapprove"), (r"for", r"against"), (r"in favou?r", r"against"),
    (r"right", r"wrong"), (r"correct", r"incorrect"), (r"allow", r"ban"),
)
NEGATION_INSERTS: tuple[str, ...] = (
    "not", "no", "never", "don't", "do not", "doesn't", "does not", "didn't", "did not",
    "haven't", "have not", "hasn't", "has not", "isn't", "is not", "wasn't", "was not",
    "won't", "will not", "wouldn't", "would not", "can't", "cannot",
)
NEGATIVE_PREFIXES: tuple[str, ...] = ("un", "dis", "in", "im", "ir", "il", "non")
# A prompt that asks for a count: vague amounts cannot answer it, even as scale labels.
COUNT_PROMPT: tuple[str, ...] = (r"how many", r"number of", r"how much (?:money|time)")
# Counts that cannot be zero: the people in the respondent's own home include the respondent.
COUNT_FROM_ONE: tuple[str, ...] = (
    r"including (?:yourself|you)",
    r"how many (?:people|persons|members)\b(?:\s+\w+){0,3}\s+(?:in|of) (?:your|this) "
    r"(?:home|household|house|family|dwelling)",
    r"how many (?:people|persons)(?:\s+\w+){0,2}\s+(?:live|lives|living|slept|sleep|stay|stays)"
    r"(?:\s+\w+){0,2}\s+(?:in|at) (?:your|this) (?:home|household|house|dwelling|place)",
)
# A prompt that names the list the answer comes from ("Which one of these…", "from this card").
FROM_LIST: tuple[str, ...] = (
    r"which (?:one |two |three )?of (?:these|those|the following|the options|the items)",
    r"(?:from|on) (?:this|the|these) (?:list|card|options|screen|showcard)",
    r"the following", r"(?:listed|shown) (?:below|here|above)",
)
# …unless it asks which one describes the respondent: then the list must fit everyone.
DESCRIBES: tuple[str, ...] = (r"describes?", r"applies to you", r"best fits you")
# Counts a period bounds: days in a week can be at most 7, so "0 … 7 days" has no gap on top.
COUNT_CEILINGS: tuple[tuple[str, int], ...] = (
    (r"\b(?:how many|number of) days\b.*\b(?:week|7 days)\b", 7),
    (r"\b(?:week|7 days)\b.*\b(?:how many|number of) days\b", 7),
    (r"\b(?:how many|number of) days\b.*\bmonth\b", 31),
    (r"\bmonth\b.*\b(?:how many|number of) days\b", 31),
    (r"\b(?:how many|number of) hours\b.*\b(?:a|per|each|in a|that) day\b", 24),
    (r"\b(?:how many|number of) months\b.*\byear\b", 12),
)
