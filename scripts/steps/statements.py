"""Step 3: statements — who said what, when, where it was reported, exact span.

Direct quotations come from ``quotes``; reported (indirect) speech from
reporting verbs in body sentences. Speakers are found from the attribution
around each statement (``Corbyn added``, ``He said:``, ``the spokesman
replied:``), resolving pronouns to the last subject and role phrases ("the
Labour leader") against the statement's date. Said-dates come from the
temporal cues of the attribution, then from the scene (an interview, a
protest) the article has set, else they are unknown: the publication date is
never used as a said-date.
"""

from __future__ import annotations

import bisect
import functools
import itertools
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from scripts import lexicon
from scripts.annotate import prefilter
from scripts.annotate.annotate import Annotations, layers
from scripts.annotate.paragraphs import TEXT_KINDS, Paragraph
from scripts.annotate.quotes import Quote
from scripts.annotate.sentences import Sentence
from scripts.annotate.temporal import (
    SHIFT_PHRASE,
    DateInterval,
    EventAnchor,
    TemporalMention,
    content_date,
    narrative_shift,
    shifted,
)
from scripts.ids import normalise, stable_id
from scripts.registers.actors import UNATTRIBUTED, Lexicon, Mention, document_mentions, gender
from scripts.registers.sources import Article

_NEGATORS = {k: [f for e in lexicon.entries("negated_reporting", ("kind",)) if e["kind"] == k
                 for f in e["forms"]] for k in ("refusal", "omission")}
_OMISSION = re.compile(rf"\b(?:{lexicon.alternation(_NEGATORS['omission'])})[\s\u00a0]+"
                       r"(?:\w+ly[\s\u00a0]+)?$", re.IGNORECASE)
_OMISSION = prefilter.guarded(_OMISSION)   # (speed only: the same matches)
_NEGATED = (rf"(?:{lexicon.alternation(_NEGATORS['refusal'])})[\s\u00a0]+(?:\w+ly[\s\u00a0]+)?"
            rf"(?:{lexicon.alternation(lexicon.forms('negated_verbs'))})")
_VERB_WORDS = f"{lexicon.alternation(lexicon.forms('reporting_verbs'))}|{_NEGATED}"
# A capitalised verb form only at the start of a sentence or line ("Asked whether ..."), never
# inside a name ("the United States", "Stated Aims"), nor inside a hyphenated compound ("Kremlin-backed").
# An aspectual use ("continues to associate", "continued campaigning") is no reporting verb.
_ASPECTUAL = (rf"(?!(?:{lexicon.alternation(lexicon.forms('aspectual_verbs'))})[\s\u00a0]+"
              r"(?:to[\s\u00a0]|\w+ing\b))")
_VERB = re.compile(rf"(?<![\w’'-])(?:(?=(?-i:[a-z]))|(?<![\s\S])|(?<=\n)|(?<=[.!?\"“‘:;(—–-] ))"
                   rf"{_ASPECTUAL}(?:{_VERB_WORDS})(?![\w’'])", re.IGNORECASE)
# Speed only: the same matches, tried only where a first word of a verb form begins (prefilter.FirstWords)
_VERBS = prefilter.FirstWords(_VERB, [m.group() if (m := re.match(r"\w+", f)) else None
                                      for f in (*lexicon.forms("reporting_verbs"), *_NEGATORS["refusal"])])
# adverbs between a subject or auxiliary and its verb: "-ly" words and the lexicon's others ("later")
_ADVERBS = rf"(?:(?:\w+ly|not|{lexicon.alternation(lexicon.forms('adverbs'))})\s+)*"
_PASSIVE = re.compile(rf"\b(?:been|was|were|being|is|are|be|get|got)\s+{_ADVERBS}$", re.IGNORECASE)
_PASSIVE = prefilter.guarded(_PASSIVE)   # (speed only: the same matches)
_NOUN_BEFORE = re.compile(r"(?:\b(?:the|a|an|his|her|their|its|from|of|these|those|such)\s+)$",
                          re.IGNORECASE)
_NOUN_BEFORE = prefilter.guarded(_NOUN_BEFORE)   # (speed only: the same matches)
_NOT_SUBJECT = frozenset({
    "to", "with", "by", "of", "from", "for", "against", "on", "at", "in", "about", "told", "asked",
    "accused", "questioned", "than", "over", "into", "between", "under", "like", "towards", "toward",
    "during", "via", "per", "named", "called", "a", "an", "the", "condemn", "blame", "criticise",
    "criticising", "support", "supporting", "back", "backing"})
# (", as his deputy has done": a comparison with someone else's action ends the reported clause)
# (", as May announced …": a comma and "as" before a capitalised word open a clause with its own subject)
_REPORTER = rf",[\s\u00a0]+(?:{lexicon.alternation(lexicon.forms('reporter_clauses'))})\b"
_CLAUSE_END = re.compile(r"\s+but\s|;\s|\s+as\s+(?:he|she|it|they)\s|"
                         r",\s+as\s+(?:the|his|her|their|(?-i:[A-Z])\w*)\s|"
                         rf"{_REPORTER}|"
                         r"\s+while\s|,?\s+although\s|"
                         r"\s+though\s|\s+despite\s|\s+whereas\s|\s+because\s|\s+before\s+\w+ing\s|"
                         # copy that lost the space between sentences ("should be dissolved.The
                         # interview comes after ..."): the next sentence is not part of the words
                         r"(?-i:(?<=[a-z][a-z])\.(?=[A-Z][a-z]))",
                         re.IGNORECASE)
_CLAUSE_END = prefilter.guarded(_CLAUSE_END)   # (speed only: the same matches)
# A time clause with a subject of its own ends a reported clause that has no finite verb of its own
# ("X questioned Y's fitness after he refused to say ..."); inside reported content with its own
# verb ("said the party is united and believes the PM when she says ...") it is part of the content.
# ("criticised X after being urged to by Y": a passive or perfect participle clause is the reporter's too)
_TIME_CLAUSE = re.compile(r",?\s+(?:after|before|when|until|since)\s+"
                          r"(?=(?:he|she|they|it|we|I|being|having)\s)", re.IGNORECASE)
_FINITE_WORD = re.compile(r"\b(?:is|are|was|were|has|have|had|will|would|shall|should|could|can|must|may|"
                          r"might|does|did|do)\b", re.IGNORECASE)
_FINITE_WORD = prefilter.guarded(_FINITE_WORD)   # (speed only: the same matches)
_PREVIOUSLY = re.compile(r"\b(?:previously|in the past|has long|had long|earlier in his career)\b",
                         re.IGNORECASE)
_PREVIOUSLY = prefilter.guarded(_PREVIOUSLY)   # (speed only: the same matches)
_VENUE = re.compile(
    r"\b(?:(?:an?|the|his|her)\s+)?(?:extended\s+|televised\s+|radio\s+|live\s+)?(?:interview|debate|"
    r"hustings|speech|protest|rally|demonstration|vigil|visit|(?-i:march|marched|marches)|video|letter|"
    r"parliamentary\s+question|press\s+conference|"
    r"broadcast|podcast|op-ed|column|tweet|briefing|campaign\s+event|conference)\b[^,.;:“”\"‘]{0,70}",
    re.IGNORECASE)
_VENUE = prefilter.guarded(_VENUE)   # (speed only: the same matches)
_TOLD = re.compile(r"\btold\s+((?:the\s+)?[A-Z][\w]+(?:\s+[A-Z][\w]+){0,3}|reporters|journalists|MPs)"
                   r"(?=[\s\u00a0]*(?:[.,;:\"”]|$))")
_TOLD = prefilter.guarded(_TOLD)   # (speed only: the same matches)
_SUBORDINATE = re.compile(r"\b(?:when|if|whether|that|who|which|as)\s+$", re.IGNORECASE)
_SUBORDINATE = prefilter.guarded(_SUBORDINATE)   # (speed only: the same matches)
_MODIFIER_YEAR = re.compile(r"\d{4}")
_YEAR_PREP = re.compile(r"\b(?:in|since|during|by|until|from|of|early|late|mid-?)\s+$", re.IGNORECASE)
_YEAR_PREP = prefilter.guarded(_YEAR_PREP)   # (speed only: the same matches)
# "if they refused to", "unless he says": the verb of a condition asserts nothing
_CONDITION = re.compile(r"\b(?:if|unless)[\s\u00a0]+(?:(?-i:[A-Z])[\w’'-]*[\s\u00a0]+){0,3}"
                        r"(?:he|she|they|it|we|I|(?-i:[A-Z])[\w’'-]*)[\s\u00a0]+(?:\w+ly[\s\u00a0]+)?\Z",
                        re.IGNORECASE)
_CONDITION = prefilter.guarded(_CONDITION)   # (speed only: the same matches)
_REFUSED_ACTION = re.compile(rf"(?:refus\w*|declin\w*)[\s\u00a0]+to[\s\u00a0]+(?:\w+ly[\s\u00a0]+)?"
                             rf"(?:{lexicon.alternation(lexicon.forms('refused_actions'))})\b", re.IGNORECASE)
_PARTICIPLE = re.compile(r"^\w+ing\b", re.IGNORECASE)
_RUN = re.compile(r"\w+")


def _participle_at(text: str, at: int) -> bool:
    """``_PARTICIPLE.match(text[at:])`` succeeds: read from the word at ``at`` and the character after
    it, all that the match can look at (speed only: the rest of the text is not copied)."""
    run = _RUN.match(text, at)
    return _PARTICIPLE.match(text[at:(run.end() if run else at) + 1]) is not None
# A reporting-verb form that is also a plural noun, followed by its complement ("demands from X").
_HOMOGRAPHS = {k: [f for e in lexicon.entries("noun_homographs", ("kind",)) if e["kind"] == k
                   for f in e["forms"]] for k in ("noun", "receiver")}
_NOUN_HOMOGRAPH = re.compile(rf"(?:{lexicon.alternation(_HOMOGRAPHS['noun'])})"
                             r"[\s\u00a0]+(?:from|about|over|of|by|that\s+(?:he|she|it|they)\s+(?:is|was|had|has))\b",
                             re.IGNORECASE)
_NOUN_RECEIVED = re.compile(rf"\b(?:{lexicon.alternation(_HOMOGRAPHS['receiver'])})[\s\u00a0]+"
                            rf"(?:(?:fresh|new|renewed|growing|mounting|repeated|further)[\s\u00a0]+)?$",
                            re.IGNORECASE)
_NOUN_RECEIVED = prefilter.guarded(_NOUN_RECEIVED)   # (speed only: the same matches)
_NOUN_FORMS = frozenset(f.casefold() for f in _HOMOGRAPHS["noun"])
# A question put to someone, still open before a quotation ("questions over whether he is 'X'").
_QUESTION_OPEN = re.compile(rf"\b(?:{lexicon.alternation(lexicon.forms('question_frames'))})\b"
                            r"[^.;:!?,]*\b(?:whether|if)\b[^.;:!?,]*$", re.IGNORECASE)
_QUESTION_OPEN = prefilter.guarded(_QUESTION_OPEN)   # (speed only: the same matches)
_PICTURE_CREDIT = re.compile("|".join(f"(?:{f})" for e in lexicon.entries("page_furniture", ("kind",))
                                      if e["kind"] == "picture_credit" for f in e["forms"]), re.IGNORECASE)
# a bare participle of a question verb after a subordinator ("when asked", "after being questioned")
_BARE_QUESTION = re.compile(r"\b(?:when|after|before|while|once|if|as|until)[\s\u00a0]+"
                            r"(?:being[\s\u00a0]+)?$", re.IGNORECASE)
_BARE_QUESTION = prefilter.guarded(_BARE_QUESTION)   # (speed only: the same matches)
_QUESTION_VERBS = frozenset(f.casefold() for f in lexicon.forms("question_frames"))
# A charge quoted after a denial in its clause ("denied being “soft”", "rejected the label of “X”").
_DENIALS = {k: [f for e in lexicon.entries("denial_frames", ("kind",)) if e["kind"] == k for f in e["forms"]]
            for k in ("verb", "noun")}
_DENIAL_OPEN = re.compile(rf"\b(?:{lexicon.alternation(_DENIALS['verb'])})\b[\s\u00a0]+"
                          rf"(?:(?:the|any|a|an|his|her)[\s\u00a0]+)?(?:[\w-]+[\s\u00a0]+)?"
                          rf"(?:{lexicon.alternation(_DENIALS['noun'])})\b[^.;:!?“”\"‘]{{0,40}}$",
                          re.IGNORECASE)
_DENIAL_OPEN = prefilter.guarded(_DENIAL_OPEN)   # (speed only: the same matches)
# Notes of fragments that are someone else's earlier words, which the sentence's speaker reacts to.
_DENIED = "the charge quoted in a denial: the accuser's word, not the denier's"
_TAKEN_UP = ("quoted inside a claim taken up from someone else: the claim's first maker's word, "
             "not the subject's")
# A phrase quoted inside a claim that the subject takes up from someone else ("repeats the claim that
# the dossier was “flawed”"): the word of the claim's first maker, not the subject's.
_ECHO_OPEN = re.compile(rf"\b(?:{lexicon.alternation(lexicon.forms('echo_verbs'))})[\s\u00a0]+"
                        rf"(?:(?:the|a|an|this|that)[\s\u00a0]+(?:[\w-]+[\s\u00a0]+){{0,2}}"
                        rf"|(?:[\w-]+[\s\u00a0]+){{0,2}}[\w-]+['’]s?[\s\u00a0]+(?:[\w-]+[\s\u00a0]+)?)?"
                        rf"(?:{lexicon.alternation(lexicon.forms('echo_claims'))})[\s\u00a0]+(?:that|from|for|by|of|to)\b[^.;:!?“”\"‘]{{0,140}}$",
                        re.IGNORECASE)
_ECHO_OPEN = prefilter.guarded(_ECHO_OPEN)   # (speed only: the same matches)
# A phrase quoted in the that-clause of a charge or claim no possessive owns (lexicon: charge_nouns; or of
# remarks responded to, comment_nouns): the maker's word, named only by "from X" / "by X".
_CHARGE_OPEN = re.compile(rf"(?:(?<![\w’'-])(?:{lexicon.alternation(lexicon.forms('charge_nouns'))})|"
                          r"\b(?:(?:response|reply|reaction|responding|replying|reacting)[\s\u00a0]+to|after|"
                          r"following|amid|over)[\s\u00a0]+(?:the[\s\u00a0]+)?"
                          rf"(?:{lexicon.alternation(lexicon.forms('comment_nouns'))}))"
                          r"(?:[\s\u00a0]+(?:from|by)[\s\u00a0]+(?P<maker>[^,;:.“”\"‘]{1,60}?))?"
                          r"[\s\u00a0]+that\b[^.;:!?“”\"‘]{0,140}$", re.IGNORECASE)
_CHARGE_OPEN = prefilter.guarded(_CHARGE_OPEN)   # (speed only: the same matches)
# an owner or a verb of making right before the charge noun: the claim is that owner's own
_CHARGE_OWNED = re.compile(r"(?:\b(?:his|her|its|their|my|our|your)|['’]s?|\b(?:make|makes|made|making)"
                           r"[\s\u00a0]+(?:the|a|an|this|that)?)[\s\u00a0]*(?:[\w-]+[\s\u00a0]+)?$",
                           re.IGNORECASE)
_CHARGE_OWNED = prefilter.guarded(_CHARGE_OWNED)   # (speed only: the same matches)
# the charge word used as a verb with its subject ("and claims that", "Corbyn charges that"): a report
# of what the subject says, not a noun
_CHARGE_VERB = re.compile(r"(?:\b(?:and|but|or|he|she|it|they|who|which|also|now|still|then|\w+ly)|"
                          r"(?-i:(?<=[\w’'-][\s\u00a0])[A-Z][\w’'-]*))[\s\u00a0]+$", re.IGNORECASE)
_CHARGED = ("quoted inside the that-clause of a charge or claim (\"criticism that …\"): the word of its "
            "maker, whom the clause does not name; not the subject's, who answers it")
# A date cue inside a reduced relative clause dates its noun ("the report released yesterday"):
# a listed participle, not after an auxiliary, with no clause break between it and the cue.
_NOUN_WORDS = {k: [f for e in lexicon.entries("noun_participles", ("kind",)) if e["kind"] == k
                   for f in e["forms"]] for k in ("participle", "utterance")}
_NOUN_DATED = re.compile(
    rf"\b(?P<noun>[\w-]+)[\s\u00a0]+(?:{lexicon.alternation(_NOUN_WORDS['participle'])})\b"
    rf"[^,.;:!?“”\"]{{0,60}}$", re.IGNORECASE)
# an auxiliary or a subject pronoun before the participle makes it a finite verb ("it was released",
# "the comments he made five years ago"): a clause of its own, which may date the saying
_AUXILIARY = frozenset({"was", "were", "is", "are", "been", "be", "being", "has", "have", "had",
                        "i", "you", "he", "she", "it", "we", "they", "who", "which", "that"})
_UTTERANCE = frozenset(w.casefold() for w in _NOUN_WORDS["utterance"])
_POSSESSIVE_AFTER = re.compile(r"['’]s\b")   # "Monday's poll", "yesterday’s report": the cue dates a noun
# ... except a newspaper's issue that carries the words ("in a signed article in Friday's Guardian",
# "wrote in yesterday’s Times"): the piece is said when that issue is out. The outlet names are the
# news outlets' (scripts/lexicon/outlets.yaml); a noun after the name ("Friday's Guardian report")
# is what is talked about, not where the words appear.
_NEWSPAPERS = lexicon.alternation([f for e in lexicon.entries("outlets", ("name",)) for f in e["forms"]])
_ISSUE_OF = re.compile(rf"['’]s[\s\u00a0]+(?:the[\s\u00a0]+)?(?-i:{_NEWSPAPERS})\b"
                       r"(?![\s\u00a0]+(?-i:[a-z]))", re.IGNORECASE)
_IN_ISSUE = re.compile(r"\b(?:in|for)[\s\u00a0]+\Z", re.IGNORECASE)
_SPACE = " \t\u00a0\u202f"
# A quotation shouted or carried by someone ("cries of “…”", "banners reading “…”"): the carrier noun
# shortly before it, with no other quotation or sentence break between (scripts/lexicon/carriers.yaml).
_CARRIERS = {k: [f for e in lexicon.entries("carriers", ("kind",)) if e["kind"] == k for f in e["forms"]]
             for k in ("noun", "holder")}
_CARRIER = re.compile(rf"\b(?:{lexicon.alternation(_CARRIERS['noun'])})\b[^“”\"‘.;!?]{{0,60}}$",
                      re.IGNORECASE)
_CARRIER = prefilter.guarded(_CARRIER)   # (speed only: the same matches)
_HOLDER = re.compile(rf"\b(?:{lexicon.alternation(_CARRIERS['holder'])})\b", re.IGNORECASE)
_HOLDER = prefilter.guarded(_HOLDER)   # (speed only: the same matches)
_QUANTIFIERS = re.compile(r"(?:\b(?:many|some|several|most|all|both|few|other)\b[\s\u00a0]*)+$",
                          re.IGNORECASE)
_QUANTIFIERS = prefilter.guarded(_QUANTIFIERS)   # (speed only: the same matches)
_QUANTIFIER_WORDS = prefilter.required(_QUANTIFIERS)


# Patterns of the rules below, compiled once (speed only: ``re.search(pattern, ...)`` looks the
# pattern up in re's cache on every call, and hashes an f-string pattern anew each time)
_SEAT = re.compile(r"[\s\u00a0]+(?:for|of)\b")   # "the MP for ...": a seat, not a person
_SPACE_LOWER = re.compile(r"[\s\u00a0]+[a-z]")
_COLON_OR_COMMA = re.compile(r"[\s\u00a0]*[:,][\s\u00a0]*")
_BY_GAP = re.compile(r"[\s\u00a0]+by[\s\u00a0]+")
_VERB_GAP = re.compile(rf"[\s,]*(?:{_VERB_WORDS})\s+", re.I)
_VERB_AFTER = re.compile(rf"[{_SPACE}]+(?:\w+ly\s+|then\s+|also\s+)?(?:{_VERB_WORDS})\b", re.I)
_ALL_BEFORE_VERB = re.compile(r"\b(?:have|have all|all|were|are|both)\s+(?:\w+\s+)?$")
_SPACE_UPPER = re.compile(r"[\s\u00a0]+[A-Z]")
_LISTED_GAP = re.compile(r",?\s+(?:and\s+)?(?:[\w’'-]+\s+){0,4}")
_AND_BEFORE = re.compile(r"[\s\u00a0]and[\s\u00a0]+$")
_FROM_BY_BEFORE = re.compile(r"\b(?:from|by)[\s\u00a0]+(?:\w+[\s\u00a0]+)?$")
_WORD_RUN = re.compile(r"[\w’']+")
_PUNCTUATION = re.compile(r"[.!?…,;:]")
_QUOTE_MARK = re.compile(r"[“”\"]")
_BREAK_MARK = re.compile(r"[,;:–—]")
_CONJUNCTION = re.compile(r"\b(?:and|but|or|then)\b")
_TO_END = re.compile(r"\bto$", re.IGNORECASE)
_TO_END = prefilter.guarded(_TO_END)   # (speed only: the same matches)
_ACCORDING_FRONTED = re.compile(r"according[\s\u00a0]+to[\s\u00a0]+", re.IGNORECASE)
_CLAUSE_OPEN = re.compile(r",\s+but\s+|;\s+|:\s+")
_WITH = re.compile(r"\bwith\b", re.IGNORECASE)
_WITH = prefilter.guarded(_WITH)   # (speed only: the same matches)
_WHO_BEFORE = re.compile(r",\s+(who|which)\s+(?:[a-z][\w-]*\s+){0,3}$")
_WHICH_BEFORE = re.compile(r"[\s\u00a0]+(?:which|that)[\s\u00a0]+(?:[a-z][\w-]*[\s\u00a0]+){0,3}$")
_COORDINATED_VERB = re.compile(r"\b(?:and|but|also)\s+" + _ADVERBS + "$")
_COMMA = re.compile(",")
_INTRODUCED = re.compile(r"\s*[:“\"‘]")
_COMMA_END = re.compile(r",[\s\u00a0]*\Z")
_CUT = re.compile(r"(?:,\s+|\s+and\s+)(?:\w+\s+){0,3}$")
_THAT_IF = re.compile(r"\b(?:that|if|whether)\b")
_RELATIVE_TO_CUE = re.compile(r",\s+(?:who|which)\b[^,]*$")
_THAT = re.compile(r"\bthat\b")
_THAT = prefilter.guarded(_THAT)   # (speed only: the same matches)
_CLAUSE_MARK = re.compile(r"[,;:.]")
_ARTICLE = re.compile(r"^(?:an?|the|his|her)\s+", re.I)


@functools.cache
def _words_after(words: str) -> re.Pattern[str]:
    """``words`` (an alternation) at the start, after spaces and commas, then a space."""
    return re.compile(rf"[\s\u00a0,]*(?:{words})[\s\u00a0]+")


@dataclass
class Statement:
    """One statement before it becomes a row."""

    source_id: str
    paragraph: int
    start: int
    end: int
    kind: str
    speakers: tuple[str, ...]
    attribution: str
    mention: Mention | None
    context: tuple[int, int]
    quote: Quote | None = None
    said: DateInterval = field(default_factory=lambda: DateInterval(None, None, ""))
    said_basis: str = "none"
    venue: str = ""
    event_id: str | None = None
    note: str = ""


@dataclass
class _Article:
    """Working state for one article."""

    article: Article
    lexicon: Lexicon
    paragraphs: list[Paragraph]
    quotes: list[Quote]
    sentences: list[tuple[int, int, int]]           # (paragraph index, start, end)
    temporal: list[TemporalMention]
    events: list[EventAnchor]
    mentions: list[Mention]                         # actor mentions of the text paragraphs
    subjects: list[tuple[int, str, str]] = field(default_factory=list)  # (offset, actor, kind)
    subordinate: set[int] = field(default_factory=set)  # offsets of subjects of subordinate clauses
    adverbial: set[int] = field(default_factory=set)    # ... of those, of adverbial ones ("when X …")
    statements: list[Statement] = field(default_factory=list)
    by_sentence: dict[int, list[Statement]] = field(default_factory=dict)
    # speed only: whether a mention (by id) may be a subject in a sentence (by its start); see _mentions
    candidates: dict[tuple[int, int], bool] = field(default_factory=dict)

    def __post_init__(self) -> None:
        spans = sorted((q.open_mark, (q.close_mark if q.close_mark is not None else q.end) + 1)
                       for q in self.quotes)
        self._starts = [a for a, _ in spans]
        self._ends = [b for _, b in spans]
        self.paragraph = {p.index: p for p in self.paragraphs}
        self.temporal_starts = [t.start for t in self.temporal]
        self.quote_opens = [q.open_mark for q in self.quotes]
        self.sentence_end = {a: e for _, a, e in self.sentences}
        self.sentence_starts = [a for _, a, _ in self.sentences]
        self.mention_starts = [m.start for m in self.mentions]

    def mentions_in(self, lo: int, hi: int) -> list[Mention]:
        """Actor mentions lying wholly inside [lo, hi), in order."""
        first = bisect.bisect_left(self.mention_starts, lo)
        last = bisect.bisect_left(self.mention_starts, hi)
        return [m for m in self.mentions[first:last] if m.end <= hi]

    def sentence_at(self, pos: int) -> tuple[int, int, int] | None:
        """The sentence containing an offset."""
        n = bisect.bisect_right(self.sentence_starts, pos) - 1
        return self.sentences[n] if n >= 0 and pos < self.sentences[n][2] else None

    def temporal_in(self, lo: int, hi: int) -> list[TemporalMention]:
        """Temporal mentions starting in [lo, hi)."""
        return self.temporal[bisect.bisect_left(self.temporal_starts, lo):
                             bisect.bisect_left(self.temporal_starts, hi)]

    def quotes_in(self, lo: int, hi: int) -> list[Quote]:
        """Quotations whose opening mark is in [lo, hi)."""
        return self.quotes[bisect.bisect_left(self.quote_opens, lo):bisect.bisect_left(self.quote_opens, hi)]

    def in_quote(self, pos: int) -> bool:
        """Is the offset inside a quotation (its marks included)? Quotations never overlap."""
        n = bisect.bisect_right(self._starts, pos) - 1
        return n >= 0 and pos < self._ends[n]


_AUTHORED = re.compile(rf"[\s\u00a0]+(?:{lexicon.alternation(lexicon.forms('document_nouns'))})\b",
                       re.IGNORECASE)
# generic speakers (lexicon: generic_speakers) and their one-word forms ("protesters", "critics")
_GENERIC_FORMS = {e["id"]: frozenset(f.casefold() for f in e["forms"] if " " not in f)
                  for e in lexicon.entries("generic_speakers", ("id", "kind"))}
_BY_BEFORE = re.compile(r"\bby[\s\u00a0]+(?:the[\s\u00a0]+)?$", re.IGNORECASE)
_BY_BEFORE = prefilter.guarded(_BY_BEFORE)   # (speed only: the same matches)
_SPOKES = re.compile(r"spokes(?:man|woman|person)", re.IGNORECASE)
_BARE_SPOKESPERSON = re.compile(r"the[\s\u00a0]+spokes(?:man|woman|person)", re.IGNORECASE)


def _passive(text: str, s: int, v: re.Match[str]) -> bool:
    """Is the reporting verb passive ("was described as", or a bare participle "X accused of")? Not a
    progressive "-ing" form ("is arguing that", "was insisting that"): its subject speaks."""
    if v.group(0).split()[0].casefold().endswith("ing"):
        return False
    return bool(_PASSIVE.search(text[s:v.start()])) or _bare_passive(text, s, v.start())


# a verb whose active form needs an object before its preposition (lexicon: object_verbs), followed
# straight by that preposition: "Labour leader accused of 'appeasement'" (no auxiliary) is passive
_OBJECT_VERB = re.compile(rf"(?:{lexicon.alternation(lexicon.forms('object_verbs'))})\b", re.IGNORECASE)
# ... unless the object came before it: "what he described as", "the men whom Mr X accused of"
_OBJECT_BEFORE = re.compile(r"(?:\b(?:what|which|that|whom)[\s\u00a0]+(?:[\w’'-]+[\s\u00a0]+){0,3}"
                            r"|\b(?:he|she|they|we|I|you|it)[\s\u00a0]+(?:\w+ly[\s\u00a0]+)?)$",
                            re.IGNORECASE)
_OBJECT_BEFORE = prefilter.guarded(_OBJECT_BEFORE)   # (speed only: the same matches)


def _bare_passive(text: str, s: int, vs: int) -> bool:
    """A bare passive participle ("Labour leader accused of 'X'", "a channel accused of having ..."):
    the verb of ``object_verbs`` right before its preposition, with no object before it."""
    return (_OBJECT_VERB.match(text, vs) is not None
            and _OBJECT_BEFORE.search(text, max(s, vs - 80), vs) is None)


# a name after a phrase that ties a group to it ("sources close to the shadow defence secretary X told"):
# the group speaks, not the person it is tied to (lexicon: relation_phrases)
_RELATED_TO = re.compile(rf"\b(?:{lexicon.alternation(lexicon.forms('relation_phrases'))})[\s\u00a0]+"
                         r"(?:(?:the|a|an|his|her|their)[\s\u00a0]+)?(?:[a-z][\w’'-]*[\s\u00a0]+){0,4}$",
                         re.IGNORECASE)
_RELATED_TO = prefilter.guarded(_RELATED_TO)   # (speed only: the same matches)
_RELATED_TO_WORDS = prefilter.required(_RELATED_TO)
_RELATED_LITERALS_SPACELESS = _RELATED_TO_WORDS is not None and not any(
    c.isspace() for lit in _RELATED_TO_WORDS for c in lit)


def _subject_like(text: str, m: Mention, sentence_start: int) -> bool:
    """Not after a preposition or verb, not a possessive."""
    before = text[sentence_start:m.start].rstrip(_SPACE + ",")
    present = _present(text)
    whole = len(before)
    if present.may_match(_QUANTIFIER_WORDS, sentence_start, sentence_start + len(before)):
        before = _QUANTIFIERS.sub("", before)   # (speed only: skipped where no quantifier can be)
    before = before.rstrip(_SPACE)
    word = last_word(before)
    after = text[m.end:m.end + 2]
    if after in ("’s", "'s") or after.startswith(("’ ", "' ")):
        return False
    # (speed only: "before" is text[sentence_start:...] unless a quantifier was cut from its middle,
    # and no literal of the pattern holds a space, so one that occurs in "before " occurs there)
    if (_RELATED_LITERALS_SPACELESS and len(before) <= whole
            and text.startswith(before, sentence_start)
            and not present.may_match(_RELATED_TO_WORDS, sentence_start, sentence_start + len(before))):
        return not (word and word.lower() in _NOT_SUBJECT)
    if _RELATED_TO.search(before + " "):
        return False   # "sources close to the shadow defence secretary Nia Griffith told": the sources
    return not (word and word.lower() in _NOT_SUBJECT)


def last_word(text: str) -> str:
    r"""``re.search(r"(\w+)$", text).group(1)``, or "" when it finds none, without the regular
    expression's scan of the whole text (speed only; tests/test_perf_equivalence.py compares)."""
    end = len(text) - 1 if text.endswith("\n") else len(text)   # "$" also matches before a final newline
    start = end
    while start > 0 and (text[start - 1].isalnum() or text[start - 1] == "_"):
        start -= 1
    return text[start:end]


def _object_of(text: str, m: Mention, sentence_start: int) -> bool:
    """Is the mention an object inside someone's reported words ("Mr Johnson said the prospect of
    Mr Corbyn makes allies anxious because he said ...")? What was said about someone does not make
    them the next subject. A possessive ("questioned Corbyn's fitness after he refused") and an
    object outside reported words ("his response to Theresa May after she told") still may be."""
    if text[m.end:m.end + 2] in ("’s", "'s"):
        return False
    before = text[sentence_start:m.start].rstrip(_SPACE + ",")
    if prefilter.may_match(_QUANTIFIER_WORDS, _key_of(text), sentence_start, sentence_start + len(before)):
        before = _QUANTIFIERS.sub("", before)   # (speed only: skipped where no quantifier can be)
    before = before.rstrip(_SPACE)
    word = last_word(before)
    return bool(word and word.lower() in _NOT_SUBJECT) and \
        _VERBS.search(text, sentence_start, m.start) is not None


_SEX = {"he": "m", "she": "f"}


class _Resolver:
    """Pronoun and role resolution over an article, in reading order."""

    def __init__(self, state: _Article) -> None:
        self.s = state
        # speed only: who a mention means on a date. A name or role phrase depends on nothing that
        # changes; a pronoun or anaphor on the subjects recorded so far, so only once all are
        # (``settled``, after ``_track_subjects``).
        self.settled = False
        self._known: dict[tuple[Mention, date | None], tuple[str, ...]] = {}

    def _agrees(self, actor: str, pronoun: str) -> bool:
        sex = gender(self.s.lexicon.actors[actor])
        return not sex or _SEX.get(pronoun, sex) == sex

    def actor(self, m: Mention, when: date | None) -> tuple[str, ...]:
        """The actors a mention means on a date (one, several for a role phrase, or none)."""
        if not self.settled and m.kind not in ("alias", "role"):
            return self._actor(m, when)
        k = (m, when)
        who = self._known.get(k)
        if who is None:
            who = self._known[k] = self._actor(m, when)
        return who

    def _actor(self, m: Mention, when: date | None) -> tuple[str, ...]:
        if m.kind == "anaphor":
            refers = self.s.lexicon.anaphors.get(normalise(m.text))
            if refers == "person":
                return self._person(m)
            if refers == "spokesperson":
                return self._spokesperson(m)
            return self._organisation(m, when)
        if m.kind == "alias" and len(m.actors) == 1 and m.actors[0] in _GENERIC_FORMS:
            narrower = self._narrower(m)
            if narrower:
                return narrower
        if m.kind == "role" and _BARE_SPOKESPERSON.fullmatch(m.text):
            earlier = self._spokesperson(m)
            if earlier:   # "A Labour spokesman said … The spokesman added": the one just introduced
                return earlier
        if m.kind == "pronoun":
            pronoun = _OBJECT_PRONOUNS.get(m.text.lower()) or _POSSESSIVES.get(m.text.lower(), m.text.lower())
            if pronoun == "they":
                return self._group(m)
            want = "thing" if pronoun == "it" else "person"
            objective = m.text.lower() in _OBJECT_PRONOUNS
            if want == "person" and not objective:
                near = self._nearest_in_sentence(m, pronoun, when)
                if near is not None:
                    return near
            subjects = self.s.subjects
            sentence = self.s.sentence_at(m.start)
            # "X accused him": an object pronoun is never its own clause's subject (that is "himself")
            n = bisect.bisect_left(subjects, (sentence[1] if objective and sentence else m.start,))
            person = want == "person"
            found = ((off, actor) for off, actor, kind in reversed(subjects[:n])
                     if (kind == "person") == person and (not person or self._agrees(actor, pronoun)))
            first = next(found, None)   # (speed only: the others are listed only when they are needed)
            if first is None:
                return ()
            if first[0] not in self.s.subordinate:
                return (first[1],)
            fits = [first, *found]
            if fits[0][0] in self.s.subordinate:
                # the last fit is the subject of a subordinate clause ("... the PM when she says ..."):
                # the main clause's subject of that sentence, if it fits, is the one the grammar prefers
                at = self.s.sentence_at(fits[0][0])
                main = [a for off, a in fits
                        if off not in self.s.subordinate and self.s.sentence_at(off) == at]
                if main and fits[0][1] != main[0] and fits[0][0] in self.s.adverbial \
                        and at != self.s.sentence_at(m.start) and self._named_at(fits[0][0]) \
                        and not self._named_at(next(off for off, a in fits if a == main[0])):
                    # "… he became riled …, including when Mr Y accused it of …. He has also said": the
                    # main clause's "he" or the newly named Y? The grammar does not tell across a
                    # sentence; left unattributed, never guessed
                    return ()
                if main:
                    return (main[0],)
                if at is not None and at == self.s.sentence_at(m.start) and \
                        self._asked_about(at[1], fits[0][0]):
                    # "Asked whether Mr X supported ..., he said": the one asked about is not the one
                    # answering; the speaker is the last main-clause subject before that sentence
                    earlier = [a for off, a in fits if off < at[1] and off not in self.s.subordinate]
                    return (earlier[0],) if earlier else ()
                if at is not None and at != self.s.sentence_at(m.start):
                    # "Mr X said Mr Corbyn was unfit. … he said": the main clause's subject of that
                    # sentence is no one the register knows, and it, not the reported subject, goes on
                    return ()
            return (fits[0][1],)
        return self.s.lexicon.holders(m, when)

    def _named_at(self, off: int) -> bool:
        """Is the subject recorded at ``off`` a name or role (not a pronoun or anaphor)?"""
        return any(c.start == off and c.kind in ("alias", "role")
                   for c in self.s.mentions_in(off, off + 200))

    def _narrower(self, m: Mention) -> tuple[str, ...]:
        """A broad generic ("demonstrators") after a narrower generic whose phrase ends in one of the
        broad one's words ("anti-war protesters" earlier in the article): the group already named."""
        broad = _GENERIC_FORMS[m.actors[0]]
        for c in reversed(self.s.mentions_in(0, m.start)):
            if c.kind == "alias" and len(c.actors) == 1 and c.actors[0] in _GENERIC_FORMS \
                    and c.actors[0] != m.actors[0] and len(c.text.split()) > 1 \
                    and c.text.split()[-1].casefold() in broad:
                return c.actors
        return ()

    def _asked_about(self, s: int, pos: int) -> bool:
        """Is the offset inside a question put to someone ("Asked whether X ...")?"""
        return _search(_QUESTION_OPEN, self.s.article.text, s, pos) is not None

    def _organisation(self, m: Mention, when: date | None) -> tuple[str, ...]:
        """ "The group" means the most recent organisation named before it (outside quotations),
        "the poll" the most recent polling company."""
        lexicon = self.s.lexicon
        pollster = lexicon.anaphors.get(normalise(m.text)) == "pollster"
        for c in reversed(self.s.mentions_in(0, m.start)):
            if c.kind in ("alias", "role") and not self.s.in_quote(c.start):
                who = lexicon.holders(c, when)
                if len(who) == 1 and lexicon.actors[who[0]].kind == "organisation" and (
                        (pollster and who[0] in lexicon.pollsters) or (not pollster and self._agent_like(c))):
                    return who
        return ()

    def _agent_like(self, c: Mention) -> bool:
        """Is an organisation's mention in a position to act or speak, as the subject of its clause or
        the agent after "by" ("the statement was issued by the X")? Not the object or topic of someone
        else's words ("a statement criticising X", "said X should …"), which "the group" never means."""
        text = self.s.article.text
        sentence = self.s.sentence_at(c.start)
        s = sentence[1] if sentence else 0
        if _BY_BEFORE.search(text, max(s, c.start - 12), c.start) or _AUTHORED.match(text, c.end):
            return True   # "issued by the X", "the X letter": the agent, the author of a document
        return (not _modifier(self.s, c) and not _reported_subject(self.s, s, c)
                and not _SUBORDINATE_OPEN.search(text, s, c.start)   # "the idea that X is …"
                and (_subject_like(text, c, s) or _the_organisation(self.s, c, s)))

    def _spokesperson(self, m: Mention) -> tuple[str, ...]:
        """ "The party spokesman", "the spokesman" after an unnamed spokesperson was introduced ("a Labour
        spokesman"): the last such generic speaker named before it (nothing when there is none)."""
        for c in reversed(self.s.mentions_in(0, m.start)):
            if c.kind == "alias" and len(c.actors) == 1 and not self.s.in_quote(c.start):
                actor = self.s.lexicon.actors[c.actors[0]]
                if actor.kind == "unknown" and _SPOKES.search(actor.id + " " + c.text):
                    return (actor.id,)
        return ()

    def _person(self, m: Mention) -> tuple[str, ...]:
        """ "The MP" means the last person in subject position before it, as "he" or "she" would
        (left unattributed when there is none, or when it names a seat: "the MP for ...")."""
        text = self.s.article.text
        if _SEAT.match(text[m.end:m.end + 5]):
            return ()
        subjects = self.s.subjects
        last = next((actor for _, actor, kind in reversed(subjects[:bisect.bisect_left(subjects, (m.start,))])
                     if kind == "person"), None)
        named = None   # the last person named at all: when another person was named since, unsure
        for c in reversed(self.s.mentions_in(0, m.start)):
            if c.kind in ("alias", "role") and not self.s.in_quote(c.start):
                who = self.s.lexicon.holders(c, self.s.article.published.end)
                if len(who) == 1 and self.s.lexicon.actors[who[0]].kind == "person":
                    named = who[0]
                    break
        return (last,) if last is not None and named in (None, last) else ()

    def _group(self, m: Mention) -> tuple[str, ...]:
        """ "They" means the last group, organisation or unnamed source in subject position, never
        one named person (left unattributed when there is none)."""
        subjects = self.s.subjects
        for _, actor, _ in reversed(subjects[:bisect.bisect_left(subjects, (m.start,))]):
            if self.s.lexicon.actors[actor].kind in ("organisation", "unknown"):
                return (actor,)
        return ()

    def _nearest_in_sentence(self, m: Mention, pronoun: str, when: date | None) -> tuple[str, ...] | None:
        """A pronoun opening a subordinate clause ("after she told") means the nearest person named
        before it in its sentence; so does one after a person named in apposition ("his spokesperson Y")."""
        sentence = self.s.sentence_at(m.start)
        if sentence is None:
            return None
        text, s = self.s.article.text, sentence[1]
        people = []
        for c in self.s.mentions_in(s, m.start):
            if c.kind == "pronoun" or self.s.in_quote(c.start) or _object_of(text, c, s):
                continue   # "the prospect of Mr Corbyn ... because he said": an object is no antecedent
            who = self.s.lexicon.holders(c, when)
            person = len(who) == 1 and self.s.lexicon.actors[who[0]].kind == "person"
            if person and self._agrees(who[0], pronoun):
                people.append((c, who))
        if not people:
            return None
        if _search_slice(_SUBORDINATOR, text, s, m.start):
            return people[-1][1]
        introduced = [(c, who) for c, who in people if _APPOSITION.search(text[max(s, c.start - 40):c.start])]
        if introduced and introduced[-1][0] is people[-1][0]:
            return introduced[-1][1]
        return None

    def note(self, m: Mention, who: tuple[str, ...], when: date | None) -> str:
        if m.kind == "role" and len(who) != 1:
            return (f"role phrase {m.text!r} fits {len(who)} actors on {when or 'an unknown date'}; "
                    "left unattributed")
        if m.kind in ("pronoun", "anaphor") and not who:
            return f"{m.kind} {m.text!r} has no antecedent; left unattributed"
        return ""


def _mentions(state: _Article, start: int, end: int, sentence_start: int) -> list[Mention]:
    """The mentions in [start, end) that may be a subject in the sentence opening at ``sentence_start``."""
    text = state.article.text
    memo = state.candidates   # (speed only: the same sentence's mentions are asked about again and again)
    out = []
    for m in state.mentions_in(start, end):
        k = (id(m), sentence_start)   # (the article's own mentions, kept while it is read: no id is reused)
        ok = memo.get(k)
        if ok is None:
            ok = memo[k] = (not state.in_quote(m.start) and not _modifier(state, m)
                            and (_subject_like(text, m, sentence_start)
                                 or _the_organisation(state, m, sentence_start)))
        if ok:
            out.append(m)
    return out


def _the_organisation(state: _Article, m: Mention, sentence_start: int) -> bool:
    """ "The Stop the War Coalition said": an organisation's name after a clause-opening "the" is a
    subject (a person's is not: "the Corbyn camp said"), unless it modifies a noun (``_modifier``)."""
    if m.kind != "alias" or any(state.lexicon.actors[a].kind != "organisation" for a in m.actors):
        return False
    text = state.article.text
    if text[m.end:m.end + 2] in ("’s", "'s"):
        return False
    # only opening its clause ("The X said", "In a statement, the X said"), not "released by the X"
    return _CLAUSE_THE.search(text[sentence_start:m.start]) is not None


# (also after a sentence end that lost its space in the copy: "… “aggression”.The X motion demanded")
_CLAUSE_THE = re.compile(r"(?:^|,|[.!?][\"”’']?)[\s\u00a0]*the[\s\u00a0]+$", re.IGNORECASE)


_COMPOUND_BEFORE = re.compile(r"[A-Za-z][-‑]$")
# a determiner (and adjectives) before an organisation's name, a lower-case word after it
_DETERMINER_BEFORE = re.compile(r"\b(?:a|an|the|one|two|three|several|some|many)[\s\u00a0]+"
                                r"(?:[a-z][\w-]*[\s\u00a0]+){0,2}$", re.IGNORECASE)
_DETERMINER_BEFORE = prefilter.guarded(_DETERMINER_BEFORE)   # (speed only: the same matches)


_ROLE_THEN_NAME = re.compile(r"(?:[\s\u00a0]+[a-z][\w’'-]*){1,3}[\s\u00a0]+")   # " defence spokesman "


def _modifier(state: _Article, m: Mention) -> bool:
    """An organisation's name modifying the noun after it ("a former Labour security minister said"):
    the noun is the subject, not the organisation. A pollster's poll still speaks for the pollster
    ("the latest ICM poll shows")."""
    lexicon = state.lexicon
    if m.kind != "alias" or any(lexicon.actors[a].kind != "organisation" or a in lexicon.pollsters
                                for a in m.actors):
        return False
    text = state.article.text
    if _COMPOUND_BEFORE.search(text, max(0, m.start - 20), m.start):
        return True    # "the Ukraine-Nato council meets", "anti-Nato marchers": part of a compound word
    if not _SPACE_LOWER.match(text[m.end:m.end + 2]) or _FINITE.match(text, m.end):
        return False
    if _AUTHORED.match(text, m.end):
        return False   # "the X motion demanded …": the organisation's own text speaks for it
    role = _ROLE_THEN_NAME.match(text, m.end)
    if role is not None and any(x.start == role.end() and x.kind == "alias"
                                and all(lexicon.actors[a].kind == "person" for a in x.actors)
                                for x in state.mentions_in(role.end(), role.end() + 60)):
        return True    # "Labour spokesman Barry Gardiner opted …": the person is the subject
    return bool(_DETERMINER_BEFORE.search(text, max(0, m.start - 40), m.start))


_AUX = rf"{lexicon.alternation(lexicon.forms('past_verbs'))}|\w+ed"
_SURVEY_QUESTION = frozenset(f.casefold() for f in lexicon.forms("survey_questions"))
# a gerund right after one of these prepositions is the object of a phrase ("cautious about concluding",
# "warned against saying", "refrained from claiming", "without saying"): it reports nothing said
_GERUND_OBJECT = re.compile(r"\b(?:about|against|from|without)[\s\u00a0]+(?:\w+ly[\s\u00a0]+)?\Z",
                            re.IGNORECASE)
_GERUND_OBJECT = prefilter.guarded(_GERUND_OBJECT)   # (speed only: the same matches)
_FINDING = frozenset(f.casefold() for f in lexicon.forms("finding_verbs"))
_RESPONDENTS = re.compile(r"(?:%|\bper[\s\u00a0]?cent)[\s\u00a0]+(?:of[\s\u00a0]+\w+[\s\u00a0]+)?"
                          r"(?:who[\s\u00a0]+)?(?:\w+ly[\s\u00a0]+)?$", re.IGNORECASE)
_RESPONDENTS = prefilter.guarded(_RESPONDENTS)   # (speed only: the same matches)
# the people a poll asked as the verb's subject: "Britons say X", "twice as many Britons say X as say Y"
_POLLED = re.compile(rf"\b(?:{lexicon.alternation(lexicon.forms('poll_respondents'))})[\s\u00a0]+"
                     r"(?:(?:\w+ly|also|still|now)[\s\u00a0]+)?(?:\w+\b[^.;:,“”\"]*\b(?:as|than)[\s\u00a0]+)?$",
                     re.IGNORECASE)
_POLLED = prefilter.guarded(_POLLED)   # (speed only: the same matches)
# (a time adverb between: "declined to accept it, later calling X “problematic”" is a second act)
_JOINED = re.compile(r"(?:,|\band)[\s\u00a0]+(?:\w+ly[\s\u00a0]+|(?:also|later|then|again)[\s\u00a0]+)*$")
_SUBORDINATOR = re.compile(rf"\b(?:{lexicon.alternation(lexicon.forms('subordinators'))})[\s\u00a0]+$",
                           re.IGNORECASE)
_SUBORDINATOR = prefilter.guarded(_SUBORDINATOR)   # (speed only: the same matches)
_APPOSITION = re.compile(rf"\b(?:{lexicon.alternation(lexicon.forms('apposition_roles'))})[\s\u00a0]+$",
                         re.IGNORECASE)
_APPOSITION = prefilter.guarded(_APPOSITION)   # (speed only: the same matches)
# an apposition between commas or a pair of dashes ("Mr X, a long-time critic, said", "Mr X – a
# long-time critic – said"): the name before it is the subject, not a name inside it
_APPOSED = re.compile(r"(?:,[^,;:“”\"]{1,80},|[\s\u00a0][–—-][\s\u00a0][^–—;:“”\"]{1,80}[\s\u00a0][–—-])"
                      r"[\s\u00a0]*(?:\w+ly[\s\u00a0]+)?$")
_PARENTHETICAL = re.compile(r",[\s\u00a0]+(?:which|who|whom|whose|where)\b[^,]*,", re.IGNORECASE)
_FINITE = re.compile(rf"[\s\u00a0]+(?:that\s+|which\s+|who\s+)?{_ADVERBS}(?:{_VERB_WORDS}|{_AUX})\b",
                     re.IGNORECASE)


# a line with no closing punctuation (a credit, a label), tested for a finite verb before it counts
_VERBLESS = re.compile(r"[^.!?:;]*[^.!?:;\s\u00a0”\"’']\s*")
_STOP = re.compile(r"[.!?:;]")   # (every character of a _VERBLESS match is none of these)


def _track_subjects(state: _Article, resolver: _Resolver) -> None:
    """Record each sentence's subject and every mention followed by a verb (for pronouns)."""
    when = state.article.published.end
    text = state.article.text
    for _, s, e in state.sentences:
        # (speed only: no line with a stop in it is verbless)
        if (not _STOP.search(text, s, e) and _VERBLESS.fullmatch(text, s, e)
                and not _FINITE.search(text, s, e)):
            continue   # a credit line under a pull quote ("Former minister Lord West"): no subject
        doc = _DOCUMENT_SUBJECT.match(text, s, e)
        if doc is not None and not state.mentions_in(s, doc.end()):
            # "The statement said Nato should ...": an unnamed document is the subject ("It added:")
            state.subjects.append((s, UNATTRIBUTED, "thing"))
        focus = -1
        for n, m in enumerate(_mentions(state, s, e, s)):
            if not n and m.kind == "pronoun" and m.text.lower() == "it" and _CLEFT.match(text, m.end):
                focus = _cleft_focus(state, m.end, e)   # "This time it was Labour's Ms X, …": Ms X
                continue
            if n and m.start != focus and not _FINITE.match(text, m.end):
                continue
            who = resolver.actor(m, when)
            if len(who) == 1:
                kind = state.lexicon.actors[who[0]].kind
                state.subjects.append((m.start, who[0], "person" if kind == "person" else "thing"))
                sub = _SUBORDINATE_OPEN.search(text, s, m.start)
                lead = _SENTENCE_RELATIVE.match(text, s)
                if sub is not None and lead is not None and sub.start() < lead.end():
                    sub = None   # "To which he replied: …": a sentence joined to the last, a main clause
                if sub is not None or _reported_subject(state, s, m):
                    state.subordinate.add(m.start)
                if sub is not None and _ADVERBIAL.match(sub.group(0)):
                    state.adverbial.add(m.start)
        # "… the uncovering of new footage in which …. It shows Mr X": a document or recording named in
        # the sentence is the last thing a following "It" can mean, unless the register names it
        named = state.mentions_in(s, e)
        things = [(d.start(), UNATTRIBUTED, "thing") for d in _DOCUMENT_NOUNS.finditer(text, s, e)
                  if not state.in_quote(d.start()) and not any(
                      m.start < d.end() and d.start() < m.end for m in named)]
        if things:
            state.subjects.extend(things)
            state.subjects.sort()


# a cleft sentence ("It was X who …", "This time it was X, appearing …"): its "it" is no one, and the
# focus X is the one the sentence is about; not a negated cleft ("It wasn't X who …": not X)
_CLEFT = re.compile(r"[\s\u00a0]+(?:was|is|’s|'s)[\s\u00a0]+(?!not\b)", re.IGNORECASE)
_FOCUS_END = re.compile(r"[,;:.!?–—(“\"]|\b(?:who|that|which|whose)\b", re.IGNORECASE)
_FOCUS_END = prefilter.guarded(_FOCUS_END)   # (speed only: the same matches)


def _cleft_focus(state: _Article, after: int, e: int) -> int:
    """The start of the last person named in a cleft's focus phrase (before its comma or "who"),
    or -1."""
    stop = _FOCUS_END.search(state.article.text, after, e)
    end = stop.start() if stop else e
    people = [m for m in state.mentions_in(after, end) if m.kind == "alias"
              and all(state.lexicon.actors[a].kind == "person" for a in m.actors) and m.actors]
    return people[-1].start if people else -1


_ADVERBIAL = re.compile(r"(?:if|when|because|while|although|after|before|since|unless|until)\b",
                        re.IGNORECASE)
_SENTENCE_RELATIVE = re.compile(r"(?:(?:to|in|on|at|for|by|with|from|after)[\s\u00a0]+)?(?:which|whom)\b",
                                re.IGNORECASE)


def _received(text: str, s: int, v: re.Match[str]) -> bool:
    """A plural-noun form as the object of a verb or preposition ("faced calls to …", "over calls for")."""
    return (v.group(0).split()[0].casefold() in _NOUN_FORMS
            and _NOUN_RECEIVED.search(text, s, v.start()) is not None)


_REPORTED_GAP = re.compile(r"[\s\u00a0]+(?:that[\s\u00a0]+)?")


def _reported_subject(state: _Article, s: int, m: Mention) -> bool:
    """Is the mention the subject of a reported clause ("Mr Penning said Mr Corbyn was unfit")? It is
    what was said about someone, not who goes on speaking: not the main clause's subject."""
    text = state.article.text
    verbs = [v for v in _VERBS.finditer(text, s, m.start) if not state.in_quote(v.start())]
    return bool(verbs) and _REPORTED_GAP.fullmatch(text, verbs[-1].end(), m.start) is not None


# a sentence opening with a document as the subject of a reporting verb (lexicon: document_nouns)
_DOCUMENT_SUBJECT = re.compile(
    rf"(?:the|a|an|this|that|its|his|her|their)[\s\u00a0]+(?:[\w’'-]+[\s\u00a0]+){{0,2}}?"
    rf"(?:{lexicon.alternation(lexicon.forms('document_nouns'))})[\s\u00a0]+(?:\w+ly[\s\u00a0]+)?"
    rf"(?:{_VERB_WORDS})\b", re.IGNORECASE)


_DOCUMENT_NOUN = re.compile(
    rf"(?<![\w’'-])(?:{lexicon.alternation(lexicon.forms('document_nouns'))})(?![\w’'-])", re.IGNORECASE)
# Speed only: the same matches, tried only where a document noun's first word begins (prefilter.FirstWords)
_DOCUMENT_NOUNS = prefilter.FirstWords(_DOCUMENT_NOUN, [m.group() if (m := re.match(r"\w+", f)) else None
                                                        for f in lexicon.forms("document_nouns")])


def _speaker_before(state: _Article, s: int, pos: int) -> tuple[Mention | None, int, bool]:
    """The subject of the last reporting verb (or colon) before pos in the sentence.

    Returns (mention, verb offset or -1, passive): a passive verb ("was
    accused of", "has been branded") names no speaker.
    """
    text = state.article.text
    verbs = [v for v in _VERBS.finditer(text, s, pos) if not state.in_quote(v.start())
             and not _received(text, s, v) and not _NOUN_HOMOGRAPH.match(text, v.start())]
    if verbs:
        v = verbs[-1]
        own = _own_clause_subject(state, v.end(), pos)
        if own is not None:
            return own, v.start(), False   # "Labour backed X, but he would do “…”": his, not Labour's
        if _passive(text, s, v):
            agent = _agent(state, v.end(), pos)
            return agent, v.start(), agent is None
        if _RESPONDENTS.search(text[s:v.start()]):
            return None, v.start(), False   # "53 percent say …": poll respondents, no named speaker
        if _unnamed_subject(state, s, v.start()):
            return None, v.start(), False   # "a declaration that accused the West of 'X'"
        return _indirect_subject(state, s, v.start()), v.start(), False
    source = _according_source(state, s, pos)
    if source is not None:
        return source, pos, False   # "According to a Labour source: “…”"
    if text[s:pos].rstrip(_SPACE).endswith(":"):
        cands = _mentions(state, s, pos, s)
        return (cands[-1] if cands else None), pos, False
    return None, -1, False


_ACCORDING_OPEN = re.compile(r"\baccording[\s\u00a0]+to[\s\u00a0]+$", re.IGNORECASE)


def _according_source(state: _Article, s: int, pos: int) -> Mention | None:
    """The source in "According to X: “…”" or "According to X, “…”", right before the quotation."""
    text = state.article.text
    for m in state.mentions_in(s, pos):
        if (_ACCORDING_OPEN.search(text, s, m.start) and not state.in_quote(m.start)
                and _COLON_OR_COMMA.fullmatch(text[m.end:pos])):
            return m
    return None


_RELATIVE_BEFORE = re.compile(r"\b(?:who|which|that)[\s\u00a0]+(?:\w+ly[\s\u00a0]+)?$", re.IGNORECASE)
# a subordinate clause with a subject of its own between the last named speaker and the verb
# ("He sparked fury after his official spokesman said ..."): a few words, no clause punctuation,
# no participle, auxiliary or conjunction (so "Corbyn when asked about it said" and "was asked when
# the party would act and said" keep Corbyn); "May" capitalised is a name, not the modal
_OWN_SUBJECT = re.compile(
    rf"\b(?:{lexicon.alternation(lexicon.forms('subordinators'))})[\s\u00a0]+"
    r"(?P<subject>(?:(?![\w’'-]*(?:ed|ing)\b|(?:and|or|but|would|will|is|was|are|were|has|had|have|could|"
    r"should|can|(?-i:may)|might|must|did|does|do|be|been)\b)[\w’'-]+[\s\u00a0]+){1,6})(?:\w+ly[\s\u00a0]+)?$",
    re.IGNORECASE)
_OWN_SUBJECT = prefilter.guarded(_OWN_SUBJECT)   # (speed only: the same matches)


# a coordinated clause with a subject of its own: ", but he would", "and Mr X will"
_CONJOINED = re.compile(r"[,;]?[\s\u00a0]+(?:but|and|yet|while|whereas|although|though)[\s\u00a0]+$",
                        re.IGNORECASE)
_CONJOINED = prefilter.guarded(_CONJOINED)   # (speed only: the same matches)


def _own_clause_subject(state: _Article, after: int, pos: int) -> Mention | None:
    """The subject of a clause coordinated after the reporting verb and before the quotation ("Labour
    backed “no first use”, but he would do “everything necessary”"): its words are that subject's."""
    text = state.article.text
    for m in state.mentions_in(after, pos):
        conj = _CONJOINED.search(text, after, m.start)
        if (conj and _FINITE_WORD.match(text, m.end + 1)
                and text[m.end:m.end + 1] in " \u00a0" and not state.in_quote(m.start)
                and not any(c.end == conj.start() for c in state.mentions_in(after, conj.start()))):
            return m   # (not "said X and Y were": Y is one of a coordinated subject, not a clause's own)
    return None


def _unnamed_subject(state: _Article, s: int, vs: int) -> bool:
    """Is the reporting verb at ``vs`` said by a subject the register does not name?

    A relative clause speaks for its antecedent ("his shadow defence secretary who said ...",
    "a declaration that accused ...", "an article which described ..."); a subordinate clause
    for its own subject ("... after his official spokesman said ..."). When that antecedent or
    subject is no known mention, the words are not the main clause's subject's: unattributed.
    """
    text = state.article.text
    rel = _RELATIVE_BEFORE.search(text, s, vs)
    if rel is not None:
        head = text[s:rel.start()].rstrip(_SPACE + ",")
        if not head:
            return False   # "That said, ...": a demonstrative, not a relative pronoun
        return not any(m.end == s + len(head) or _AUTHORED.fullmatch(text, m.end, s + len(head))
                       for m in state.mentions_in(s, rel.start()))   # (or its document: "the X treaty")
    if _PARTICIPLE.match(text[vs:vs + 40]):
        return False   # "As well as criticising ...": a participle has no subject of its own
    named = [m for m in _mentions(state, s, vs, s) if m.end <= vs]
    lo = named[-1].end if named else s
    own = _OWN_SUBJECT.search(text, lo, vs)
    return own is not None and not state.in_quote(own.start())


def _agent(state: _Article, after: int, end: int) -> Mention | None:
    """The agent of a passive reporting verb: "was said by sources to be ..." -> sources."""
    text = state.article.text
    m = _BY_GAP.match(text[after:end])
    if m is None:
        return None
    found = state.mentions_in(after + m.end(), end)
    return found[0] if found and found[0].start == after + m.end() else None


# a mention inside a subordinate clause still open before it ("... when she says", "Asked whether
# Trump ..."; not "Asked whether X was good, the PM said": the comma closes the clause)
_SUBORDINATE_OPEN = re.compile(r"\b(?:if|whether|that|when|who|which|because|while|although|after|before|"
                               r"since|unless|until)\b[^,;:–—]*$", re.IGNORECASE)
_SUBORDINATE_OPEN = prefilter.guarded(_SUBORDINATE_OPEN)   # (speed only: the same matches)
_RELATIVE_TAIL = re.compile(r"[,\s\u00a0]+(?:who|which|whom|whose)$", re.IGNORECASE)
_BY_AGENT = re.compile(r"[^,.;:!?“”\"]{0,60}?\bby[\s\u00a0]+")
_SUBORDINATE_IN = re.compile(r"\b(?:if|whether|that|when|who|which|whom|because|while|after|before)\b",
                             re.IGNORECASE)
_SUBORDINATE_IN = prefilter.guarded(_SUBORDINATE_IN)   # (speed only: the same matches)
# between "by" and the agent: at most three lower-case role words ("shadow defence secretary"),
# not a determiner or possessive that opens another noun phrase ("by the comments he made")
_AGENT_GAP = re.compile(r"(?:(?!(?:the|a|an|his|her|their|its|this|that|these|those)\b)[a-z][\w-]*"
                        r"[\s\u00a0]+){0,3}")


def _passive_agent(state: _Article, after: int, end: int) -> Mention | None:
    """The agent of a passive reporting verb in its own clause ("were described as unhelpful by
    the defence secretary", "was called out by members of his own party"): the first speaker
    named within a few words after "by"."""
    text = state.article.text
    m = _BY_AGENT.match(text, after, end)
    if m is None or state.in_quote(m.end()):
        return None
    if _SUBORDINATE_IN.search(text, after, m.end()):
        return None    # "was asked if he stood by ...": the "by" of another clause
    found = [x for x in state.mentions_in(m.end(), min(end, m.end() + 45)) if not state.in_quote(x.start)]
    if not found or found[0].kind == "pronoun" or not _AGENT_GAP.fullmatch(text[m.end():found[0].start]):
        return None
    return found[0]


def _one(who: tuple[str, ...]) -> tuple[str, ...]:
    """One speaker, or unattributed when more than one fits."""
    return who if len(who) == 1 else (UNATTRIBUTED,)


def _speaker_after(state: _Article, q: Quote, e: int) -> Mention | None:
    """``"…," Corbyn added`` / ``"…," said Mr Corbyn``."""
    if q.close_mark is None:
        return None
    text = state.article.text
    start = q.close_mark + 1
    for m in state.mentions_in(start, min(e, start + 60)):
        gap = text[start:m.start]
        if gap.strip(_SPACE + ",") == "" or _VERB_GAP.fullmatch(gap):
            rest = text[m.end:e]
            if gap.strip(_SPACE + ",") or _VERB_AFTER.match(rest):
                if _INTRODUCES.match(text, m.end):
                    return None   # "‘…’ He added: ‘…’": the attribution of the next quotation
                return m
        break
    return None


_COORDINATED = ("one of a coordinated subject (\"X and Y said\") with nothing saying they spoke jointly: "
                "the text does not tell which of them spoke; left unattributed")
# between two members of a coordinated subject: an optional apposition, "and", a few role words
# ("Mr X and Ms Y", "Mr X, his spokesman, and the shadow chancellor Y")
_COORDINATION = re.compile(r"(?:,[^,;:“”\"]{1,60},)?[\s\u00a0]+(?:and|&)[\s\u00a0]+"
                           r"(?:(?:the|his|her|their|its|[a-z][\w’'-]*)[\s\u00a0]+){0,3}")
_JOINT_BEFORE = re.compile(rf"\b(?:{lexicon.alternation(lexicon.forms('joint_markers'))})[\s\u00a0]+$",
                           re.IGNORECASE)
_JOINT_BEFORE = prefilter.guarded(_JOINT_BEFORE)   # (speed only: the same matches)
_JOINT_AFTER = re.compile(rf"(?:,[^,;:“”\"]{{1,60}},)?[\s\u00a0]+(?:(?:have|has|had|were|are)[\s\u00a0]+)?"
                          rf"(?:{lexicon.alternation(lexicon.forms('joint_markers'))})\b", re.IGNORECASE)


def _coordinated(state: _Article, m: Mention, s: int) -> list[Mention]:
    """The members of the coordinated subject the speaker mention belongs to ("Mr X and Ms Y said …",
    "X and Y, his aide, later called it “…”") when no joint marker (lexicon: joint_markers) covers
    it, else []. Such a subject does not say which of them spoke a quotation's words; a paraphrase
    of what they did is reported of each (GUIDELINES: one entry per speaker)."""
    text = state.article.text
    e = state.sentence_end.get(s, m.end)
    near = [c for c in state.mentions_in(s, e) if not state.in_quote(c.start) and c.actors]
    at = next((n for n, c in enumerate(near) if c.start == m.start), None)
    if at is None:
        return []
    chain = [m]
    for c in reversed(near[:at]):   # "X and Y": Y is the speaker found
        if not _COORDINATION.fullmatch(text, c.end, chain[0].start) or not _subject_like(text, c, s):
            break
        chain.insert(0, c)
    for c in near[at + 1:]:          # "X and Y": X is the speaker found
        if not _COORDINATION.fullmatch(text, chain[-1].end, c.start):
            break
        chain.append(c)
    if len(chain) < 2 or len({a for c in chain for a in c.actors}) < 2:
        return []
    joint = _JOINT_BEFORE.search(text, s, chain[0].start) or _JOINT_AFTER.match(text, chain[-1].end)
    return [] if joint else chain


_RESUMING = re.compile(rf"(?:{lexicon.alternation(lexicon.forms('resuming_verbs'))})\b", re.IGNORECASE)


def _resumed(state: _Article, resolver: _Resolver, out: list[Statement], q: Quote,
             m: Mention) -> tuple[str, ...]:
    """The speaker of the quotation just before ``q`` (lexicon: resuming_verbs), when it is one
    person agreeing with the pronoun and its paragraph is this one or the text paragraph before."""
    prev = next((st for st in reversed(out) if st.quote is not None), None)
    if prev is None or len(prev.speakers) != 1 or prev.speakers[0] == UNATTRIBUTED:
        return ()
    who = prev.speakers[0]
    pronoun = m.text.lower()
    if state.lexicon.actors[who].kind != "person" or not resolver._agrees(who, pronoun) or (
            pronoun == "they" and gender(state.lexicon.actors[who])):
        return ()   # ("they" for one person only when the register gives no gender)
    return (who,) if prev.paragraph == q.paragraph or _adjacent(state, prev.paragraph, q.paragraph) else ()


# a speaker's reporting verb ending in a colon introduces the quotation after it, not the one before
_INTRODUCES = re.compile(rf"[\s\u00a0]+(?:\w+ly[\s\u00a0]+|then[\s\u00a0]+|also[\s\u00a0]+)?(?:{_VERB_WORDS})"
                         r"(?:[\s\u00a0]+(?:[\w’'-]+[\s\u00a0]+){0,3}?[\w’'-]+)?[\s\u00a0]*:", re.IGNORECASE)


def _expand_list(state: _Article, m: Mention, s: int, verb_at: int, resolver: _Resolver,
                 when: date | None) -> list[tuple[Mention, tuple[str, ...]]]:
    """``A, B and C have all warned`` -> all three speakers."""
    text = state.article.text
    found = [(m, resolver.actor(m, when))]
    if not _ALL_BEFORE_VERB.search(text[m.end:verb_at] + " "):
        return _bare_list(state, m, s, verb_at, resolver, when) or found
    head_kind = {state.lexicon.actors[a].kind for a in found[0][1]}
    cands = [c for c in _mentions(state, s, m.start, s) if c.kind != "pronoun"
             and {state.lexicon.actors[a].kind for a in resolver.actor(c, when)} == head_kind
             and not _SPACE_UPPER.match(text[c.end:c.end + 2])]
    end = m.start
    for c in reversed(cands):
        gap = text[c.end:end]
        if not _LISTED_GAP.fullmatch(gap):
            break
        found.insert(0, (c, resolver.actor(c, when)))
        end = c.start
    return found


# a list of three or more names right before the verb ("A, B and C pointed …"), not the object of a
# preposition or a noun ("allies of A, B and C said": the allies speak)
_LIST_GAP = re.compile(r",[\s\u00a0]+|[\s\u00a0]+and[\s\u00a0]+")
_LIST_OBJECT = re.compile(r"\b(?:of|to|with|by|against|between|for|on|about|over|and|or|but)[\s\u00a0]+"
                          r"(?:(?:the|his|her|their|[a-z][\w-]*)[\s\u00a0]+){0,3}$", re.IGNORECASE)
_LIST_OBJECT = prefilter.guarded(_LIST_OBJECT)   # (speed only: the same matches)


def _bare_list(state: _Article, m: Mention, s: int, verb_at: int, resolver: _Resolver,
               when: date | None) -> list[tuple[Mention, tuple[str, ...]]]:
    """``A, B and C pointed …`` (no auxiliary): every named person of a list of three or more that ends
    right before the verb; [] when the mention ends no such list."""
    text = state.article.text
    if text[m.end:verb_at].strip(_SPACE) or not _AND_BEFORE.search(text[s:m.start]):
        return []
    people = [c for c in _mentions(state, s, m.start, s) if c.kind == "alias"]
    chain, end = [m], m.start
    for c in reversed(people):
        gap = text[c.end:end]
        if not _LIST_GAP.fullmatch(gap) or (gap.strip(_SPACE) == "and") != (end == m.start):
            break
        chain.insert(0, c)
        end = c.start
    if len(chain) < 3 or _LIST_OBJECT.search(text, max(s, end - 40), end):
        return []
    found = [(c, resolver.actor(c, when)) for c in chain]
    if any(len(who) != 1 or state.lexicon.actors[who[0]].kind != "person" for _, who in found):
        return []
    return found


def _attribute_quotes(state: _Article, resolver: _Resolver) -> list[Statement]:
    """A speaker for every quotation."""
    text = state.article.text
    out: list[Statement] = []
    when = state.article.published.end
    for q in state.quotes:
        if _pull_quote(state, q) or _PICTURE_CREDIT.fullmatch(state.paragraph[q.paragraph].text):
            continue   # (a pull quote, or a quotation in an image caption: no statement)
        _, s, e = state.sentence_at(q.open_mark) or (q.paragraph, q.open_mark, q.end)
        kind = _quote_kind(text, q, s)
        doctrine = _doctrine_owner(state, s, q) if kind == "fragment" else None
        if doctrine is not None:   # "the Nato principle of “collective defence”": the term is Nato's
            out.append(Statement(state.article.id, q.paragraph, q.start, q.end, kind,
                                 _one(resolver.actor(doctrine, when)), "explicit", doctrine, (s, e), q))
            continue
        if kind == "fragment" and _search(_DENIAL_OPEN, text, s, q.open_mark):
            out.append(Statement(state.article.id, q.paragraph, q.start, q.end, kind, (UNATTRIBUTED,),
                                 "none", None, (s, e), q,
                                 note=_DENIED))
            continue
        if kind == "fragment" and _search(_ECHO_OPEN, text, s, q.open_mark):
            out.append(Statement(state.article.id, q.paragraph, q.start, q.end, kind, (UNATTRIBUTED,),
                                 "none", None, (s, e), q,
                                 note=_TAKEN_UP))
            continue
        charged = _charge_maker(state, s, q) if kind == "fragment" else None
        if charged is not None:   # "in response to criticism that he had “undermined” it": the critic's
            maker = charged[0]
            out.append(Statement(state.article.id, q.paragraph, q.start, q.end, kind,
                                 _one(resolver.actor(maker, when)) if maker else (UNATTRIBUTED,),
                                 "explicit" if maker else "none", maker, (s, e), q,
                                 note="" if maker else _CHARGED))
            continue
        if kind == "fragment" and _search(_QUESTION_OPEN, text, s, q.open_mark):
            out.append(Statement(state.article.id, q.paragraph, q.start, q.end, kind, (UNATTRIBUTED,),
                                 "none", None, (s, e), q,
                                 note="quoted inside a question put to someone: the questioner's word"))
            continue
        carried = _carrier(state, resolver, q, s, e)
        if carried is not None:
            mention, who = carried
            out.append(Statement(state.article.id, q.paragraph, q.start, q.end, kind, _one(who),
                                 "explicit" if mention else "none", mention, (s, e), q,
                                 note="" if mention else "shouted or carried (a chant, a banner): the text "
                                                         "names no one who shouted or carried it"))
            continue
        term = kind == "fragment" and _NOUN_PHRASE_TERM.search(text, s, q.open_mark) is not None \
            and q.close_mark is not None and _NOUN_AFTER.match(text, q.close_mark + 1) is not None
        if term and _TITLE_WORDS.fullmatch(text, q.start, q.end):
            continue   # "at the ‘Stop the War’ demonstration": a quoted name, not anyone's words
        document = _document_participle(state, s, q) if kind == "fragment" else None
        if document is not None:   # "… signed a letter condemning Nato’s “expansion”": the letter's words
            out.append(Statement(state.article.id, q.paragraph, q.start, q.end, kind,
                                 _one(resolver.actor(document, when)), "explicit", document, (s, e), q))
            continue
        mention = _speaker_after(state, q, e)
        if mention is not None and _in_fronted_clause(text, s, q, mention):
            mention = None   # "When X called Nato 'braindead', Corbyn said ...": the word is X's
        basis = "explicit"
        verb_at, passive = -1, False
        if mention is None:
            mention, verb_at, passive = _speaker_before(state, s, q.open_mark)
        if mention is None and not passive:   # no speaker of its own: a source credited after it
            mention = _credited(state, q, e)
        if mention is None and not passive:   # "His warning not to “…”": his words
            mention = _owner(state, s, q, verb_at)
        if mention is None and passive:       # "was branded a “stooge” by critics": the agent after it
            mention = _by_after(state, q, e)
            passive = mention is None
        if mention is None and verb_at == -1 and s == q.open_mark:
            prev_sentence = _previous_sentence(state, s)
            if prev_sentence and text[prev_sentence[1]:prev_sentence[2]].rstrip(_SPACE).endswith(":"):
                mention, verb_at, passive = _speaker_before(state, prev_sentence[1], prev_sentence[2])
        if mention is None and verb_at == -1 and not passive:
            prev = out[-1] if out else None
            same_par = prev is not None and prev.paragraph == q.paragraph
            follows = (prev is not None and _quote_led(state, q)
                       and _adjacent(state, prev.paragraph, q.paragraph))
            if prev is not None and (q.continued or same_par or follows):
                out.append(Statement(state.article.id, q.paragraph, q.start, q.end, kind, prev.speakers,
                                     "continuation", None, (s, e), q))
                continue
            lead = _lead_in(state, resolver, q)
            if lead is not None:   # "Mr X remarked on the choice.\n\n“There is a choice …”"
                out.append(Statement(state.article.id, q.paragraph, q.start, q.end, kind, lead,
                                     "continuation", None, (s, e), q,
                                     note="a quotation opening the paragraph after one whose last "
                                          "sentence has this speaker report"))
                continue
            after = [m for m in _mentions(state, q.end, e, s) if m.start > q.end]
            # "Branding the plan “reckless”, Fallon said": the subject after a fronted clause; not when
            # someone is named before the quote ("X spoke of “…” but suggested Y is …": Y is content)
            if after and kind == "fragment" and not _mentions(state, s, q.open_mark, s) and (
                    _FINITE.match(text, after[0].end) or _APPOSED_AFTER.match(text, after[0].end)):
                # (a subject has a verb: not "… will encourage X to “…”", where X is an object)
                mention, basis = after[0], "sentence-subject"
        if mention is not None and term and (basis == "sentence-subject" or (
                verb_at != -1 and _CLAUSE_BREAK.search(text, verb_at, q.open_mark))):
            out.append(Statement(state.article.id, q.paragraph, q.start, q.end, kind, (UNATTRIBUTED,),
                                 "none", None, (s, e), q,
                                 note="a quoted term inside a noun phrase outside any reporting clause: "
                                      "no one is said to have used it"))
            continue
        if mention is None:
            out.append(Statement(state.article.id, q.paragraph, q.start, q.end, kind, (UNATTRIBUTED,),
                                 "none", None, (s, e), q,
                                 note="passive reporting verb: the text names no speaker" if passive
                                 else "no attribution found in the text"))
            continue
        if _coordinated(state, mention, (state.sentence_at(mention.start) or (0, s, e))[1]):
            out.append(Statement(state.article.id, q.paragraph, q.start, q.end, kind, (UNATTRIBUTED,),
                                 "none", None, (s, e), q, note=_COORDINATED))
            continue
        who = resolver.actor(mention, when)
        attribution = {"pronoun": "pronoun", "anaphor": "pronoun", "role": "role"}.get(mention.kind, basis)
        singular_they = mention.kind == "pronoun" and mention.text.lower() == "they" and not any(
            state.lexicon.actors[a].kind == "person" for a in who)
        if (not who or singular_they) and mention.kind == "pronoun" and verb_at >= 0 \
                and _RESUMING.match(text, verb_at):
            # "‘…’ He added: ‘…’": the last speaker; "They added:" after a person's words is that person
            # (singular they) rather than a group named earlier
            resumed = _resumed(state, resolver, out, q, mention)
            if resumed:
                who, attribution = resumed, "continuation"
        note = resolver.note(mention, who, when)
        if len(who) == 1 and _names_itself(state, q, who[0]):
            who, note = (UNATTRIBUTED,), (f"the quotation names {who[0]} in the third person, so it is not "
                                          "theirs; left unattributed")
        out.append(Statement(state.article.id, q.paragraph, q.start, q.end, kind,
                             who if len(who) == 1 else (UNATTRIBUTED,), attribution, mention, (s, e), q,
                             note=note))
    return out


# an apposition after a subject, then its verb ("Fallon, the defence secretary, said")
_APPOSED_AFTER = re.compile(rf",[^,;:“”\"]{{1,80}},{_FINITE.pattern}", re.IGNORECASE)
# a quotation inside a noun phrase: a determiner before it and a noun straight after it ("the “military
# grade” nerve agent", "the ‘Stop the War’ demonstration")
_NOUN_PHRASE_TERM = re.compile(r"\b(?:the|a|an|this|that|its|his|her|their)[\s\u00a0]+$", re.IGNORECASE)
_NOUN_PHRASE_TERM = prefilter.guarded(_NOUN_PHRASE_TERM)   # (speed only: the same matches)
_NOUN_AFTER = re.compile(r"[\s\u00a0]+(?!(?:and|or|but|is|was|are|were|has|had|have|will|would|to|of|in|on|"
                         r"at|for|by|with|as|that|which|who)\b)[A-Za-z]", re.IGNORECASE)
# a quotation that is only a name or title: capitalised words and the small words of titles
_TITLE_WORDS = re.compile(r"(?:(?:[A-Z][\w’'-]*|the|of|and|for|in|on|a|an|to)[\s\u00a0]*){1,8}")
# a clause boundary between a reporting verb and a quotation: the quotation is not in its clause
# (not a comma: "told reporters that intelligence, in relation to WMDs, had a “problematic” history")
_CLAUSE_BREAK = re.compile(r";|\b(?:which|who|whom|whose|while|although)\b")
_CLAUSE_BREAK = prefilter.guarded(_CLAUSE_BREAK)   # (speed only: the same matches)


_DOCUMENT_PARTICIPLE = re.compile(r"[\s\u00a0]+(?:\w+ly[\s\u00a0]+)?\w+ing\b[^.;:!?“”\"‘,]{0,80}$")


_DOCTRINE = re.compile(rf"\b(?:{lexicon.alternation(lexicon.forms('doctrine_nouns'))})"
                       r"[\s\u00a0]+of[\s\u00a0]*$", re.IGNORECASE)
_DOCTRINE = prefilter.guarded(_DOCTRINE)   # (speed only: the same matches)
# between the organisation and its principle: a few words, no clause break ("’s article five enshrines the")
_DOCTRINE_GAP = re.compile(r"(?:['’]s)?(?:[\s\u00a0]+[\w’'-]+){0,5}[\s\u00a0]+")


def _charge_maker(state: _Article, s: int, q: Quote) -> tuple[Mention | None] | None:
    """The maker of a charge whose that-clause holds the fragment ("criticism from X that he had “…”"
    -> (X,); "criticism that he had “…”" -> (None,)); None when the fragment is in no such clause."""
    text = state.article.text
    m = _CHARGE_OPEN.search(text, s, q.open_mark)
    if m is None or state.in_quote(m.start()) or _CHARGE_OWNED.search(
            text, max(s, m.start() - 30), m.start()) or _CHARGE_VERB.search(text, max(s, m.start() - 30),
                                                                            m.start()):
        return None
    if m.group("maker") is None:
        return (None,)
    named = [c for c in state.mentions_in(m.start("maker"), m.end("maker")) if c.kind != "pronoun"]
    return (named[-1] if named and named[-1].end == m.end("maker") else None,)


def _doctrine_owner(state: _Article, s: int, q: Quote) -> Mention | None:
    """The organisation whose named principle a quoted term is (lexicon: doctrine_nouns): the
    organisation named just before "<principle> of “…”" in the clause."""
    text = state.article.text
    d = _DOCTRINE.search(text, max(s, q.open_mark - 40), q.open_mark)
    if d is None:
        return None
    orgs = [m for m in state.mentions_in(max(s, d.start() - 60), d.start()) if m.kind == "alias"
            and not state.in_quote(m.start) and len(m.actors) == 1
            and state.lexicon.actors[m.actors[0]].kind == "organisation"]
    return orgs[-1] if orgs and _DOCTRINE_GAP.fullmatch(text, orgs[-1].end, d.start()) else None


_OWNED = re.compile(rf"(?:\b(?P<pronoun>his|her|their|its)|(?P<possessive>['’]s))[\s\u00a0]+"
                    rf"(?:[\w-]+[\s\u00a0]+){{0,2}}(?:{lexicon.alternation(lexicon.forms('owned_words'))})\b"
                    # then only its complement's opening: "not to", "for a", "that the", "of"
                    r"(?:[\s\u00a0]+(?:not[\s\u00a0]+)?(?:to|for|that|of|about|on|against|over|with)"
                    r"(?:[\s\u00a0]+[\w’'-]+){0,3})?[\s\u00a0]*$", re.IGNORECASE)
_OWNED = prefilter.guarded(_OWNED)   # (speed only: the same matches)


def _owner(state: _Article, s: int, q: Quote, verb_at: int) -> Mention | None:
    """The owner of the words a quotation follows in a clause without a reporting verb of its own
    ("His earlier warning not to “…”", "Mr X's call for a “…”"; lexicon: owned_words): the
    possessive pronoun, or the name before "'s". Not inside what an earlier verb reports ("a
    minister said his comments showed a “…”": the minister's words)."""
    text = state.article.text
    m = _OWNED.search(text, s, q.open_mark)
    if m is None or state.in_quote(m.start()) or -1 < verb_at < m.start():
        return None
    if m.group("pronoun"):
        return Mention(m.start("pronoun"), m.end("pronoun"), m.group("pronoun"), (), "pronoun")
    at = m.start("possessive")
    return next((c for c in state.mentions_in(s, at) if c.end == at and c.kind != "pronoun"), None)


def _document_participle(state: _Article, s: int, q: Quote) -> Mention | None:
    """A registered document followed by a participle that leads to the quoted phrase ("MPs who signed
    a letter condemning Nato’s “expansion”", "the manifesto, promising “…”" is not: no comma): the
    phrase is the document's, not the main clause's subject's."""
    text = state.article.text
    for m in reversed(state.mentions_in(s, q.open_mark)):
        if len(m.actors) == 1 and state.lexicon.actors[m.actors[0]].kind == "document":
            return m if _DOCUMENT_PARTICIPLE.fullmatch(text, m.end, q.open_mark) else None
    return None


_CREDIT = re.compile(r"(?:,[\s\u00a0]*)?\b(?:per|according[\s\u00a0]+to)[\s\u00a0]+", re.IGNORECASE)
_CREDIT = prefilter.guarded(_CREDIT)   # (speed only: the same matches)
_CREDIT_STOP = re.compile(r",[\s\u00a0]+(?:while|whereas|but|and)\b|;|\s[–—-]\s", re.IGNORECASE)


def _credited(state: _Article, q: Quote, e: int) -> Mention | None:
    """A source credited after a quoted phrase in its clause ("53% say she is doing “very well”
    according to YouGov", "… a “good job” …, per Sky Data"): the phrase is that source's."""
    if q.close_mark is None:
        return None
    text = state.article.text
    stop = _CREDIT_STOP.search(text, q.close_mark + 1, e)
    end = stop.start() if stop else e
    for m in _CREDIT.finditer(text, q.close_mark + 1, end):
        if state.in_quote(m.start()):
            continue
        found = next((x for x in state.mentions_in(m.end(), end) if x.start == m.end()), None)
        if found is not None and found.kind != "pronoun":
            return found
    return None


def _by_after(state: _Article, q: Quote, e: int, words: str = "by") -> Mention | None:
    """A speaker named right after a quotation's closing mark by "by" (or ``words``): the agent."""
    if q.close_mark is None:
        return None
    text = state.article.text
    by = _words_after(words).match(text[q.close_mark + 1:e])
    if by is None:
        return None
    at = q.close_mark + 1 + by.end()
    found = next((m for m in state.mentions_in(at, e) if m.start == at), None)
    return found if found is not None and found.kind != "pronoun" else None


def _carrier(state: _Article, resolver: _Resolver, q: Quote, s: int,
             e: int) -> tuple[Mention | None, tuple[str, ...]] | None:
    """The shouter or carrier of a quotation that a carrier noun introduces ("cries of “…” from a
    heckler", "protesters held placards reading “…”"), or (None, unattributed) when the sentence names
    none; None when no carrier noun introduces the quotation."""
    text = state.article.text
    frame = _search(_CARRIER, text, s, q.open_mark)
    if frame is None:
        return None
    when = state.article.published.end
    inside = [m for m in state.mentions_in(frame.start(), q.open_mark)
              if m.kind != "pronoun" and _FROM_BY_BEFORE.search(text[frame.start():m.start])]
    found = inside[0] if inside else _by_after(state, q, e, "by|from")
    if found is None:
        subject = next(iter(_mentions(state, s, frame.start(), s)), None)
        if subject is not None and _HOLDER.search(text, subject.end, frame.start()):
            found = subject
    if found is None:
        return None, (UNATTRIBUTED,)
    return found, resolver.actor(found, when)


# a clause fronted by a subordinator, closed by the first comma after it
_FRONTED = re.compile(rf"(?:{lexicon.alternation(lexicon.forms('subordinators'))})\b", re.IGNORECASE)


def _in_fronted_clause(text: str, s: int, q: Quote, mention: Mention) -> bool:
    """Is the quotation inside a clause fronted by a subordinator ("When the French president called
    Nato 'braindead', Corbyn said ...") and the speaker named after that clause closes? The quoted
    words then belong to the fronted clause, not to the main clause's speaker."""
    if not _FRONTED.match(text, s) or q.close_mark is None:
        return False
    comma = text.find(",", q.close_mark - 1, mention.start)
    return comma != -1 and text.find(",", s, q.open_mark) == -1


def _names_itself(state: _Article, q: Quote, speaker: str) -> bool:
    """Does a quotation given to a person name that person in the third person ("Jeremy has expressed
    concerns", "Mr Corbyn believes ...")? Then it is someone else's account of them."""
    if state.lexicon.actors[speaker].kind != "person":
        return False
    text = state.article.text
    return any(m.kind == "alias" and m.actors == (speaker,) and not _vocative(text, q, m)
               for m in state.mentions_in(q.start, q.end))


def _vocative(text: str, q: Quote, m: Mention) -> bool:
    """A name set off by punctuation on both sides addresses someone ("With respect, Jeremy, you
    can't ..."): second person, not an account of them."""
    before = text[q.start:m.start].rstrip(_SPACE)
    return (not before or before[-1] in ",;:!?—–") and (m.end >= q.end or text[m.end] in ",.!?;:")


def _words_of(text: str) -> str:
    return " ".join(_WORD_RUN.findall(text.casefold()))


def _pull_quote(state: _Article, q: Quote) -> bool:
    """A paragraph that is only a quotation repeating words quoted elsewhere in the article (a pull
    quote), or a short one with no closing punctuation (a quoted section heading, 'Changed its
    focus'): page layout, not a new statement."""
    par = state.paragraph[q.paragraph]
    text = state.article.text
    if q.continued or q.close_mark is None:
        return False   # a paragraph of a quotation running over several paragraphs
    if par.kind != "quote" or text[par.start:par.end].strip(_SPACE + "\"“”‘’'") != \
            text[q.start:q.end].strip(_SPACE + "\"“”‘’'"):
        return False
    words = _words_of(text[q.start:q.end])
    if len(words.split()) <= _HEADING_WORDS and not _PUNCTUATION.search(text[q.start:q.end]):
        return True
    return any(o is not q and o.paragraph != q.paragraph and words in _words_of(text[o.start:o.end])
               for o in state.quotes)


_HEADING_WORDS = 5   # a quoted line this short with no punctuation is a heading, not a quotation


def _quote_kind(text: str, q: Quote, s: int) -> str:
    """direct (a quotation standing as such) or fragment (a phrase inside the reporter's sentence)."""
    inner = text[q.start:q.end]
    before = text[s:q.open_mark].rstrip(_SPACE)
    if q.open_mark <= s or (before.endswith((":", ",")) and not inner[:1].islower()):
        return "direct"
    if not inner[:1].islower() and len(inner.split()) >= 4 and inner.rstrip()[-1:] in ".?!,…。":
        return "direct"
    return "fragment"


def _previous_sentence(state: _Article, s: int) -> tuple[int, int, int] | None:
    before = [x for x in state.sentences if x[2] <= s]
    return before[-1] if before else None


def _lead_in(state: _Article, resolver: _Resolver, q: Quote) -> tuple[str, ...] | None:
    """The speaker a quote-led paragraph continues from the body paragraph right before it, when that
    paragraph's last sentence has a named person as the subject of a reporting verb and no quotation
    of its own ("Mr X remarked on the choice before voters.", then "“There is a choice …”")."""
    if not _quote_led(state, q) or q.continued:
        return None
    before = [p for p in state.paragraphs if p.index < q.paragraph and p.kind in TEXT_KINDS]
    text = state.article.text
    runs_on = bool(before) and text[before[-1].start:before[-1].end].rstrip(_SPACE).endswith(",")
    if not before or (before[-1].kind != "body" and not (before[-1].kind == "subheading" and runs_on)):
        return None   # (a line ending in a comma is no heading: it runs on into the quotation)
    last = [x for x in state.sentences if x[0] == before[-1].index]
    if not last:
        return None
    _, s, e = last[-1]
    if state.quotes_in(s, e):
        return None
    mention, verb_at, passive = _speaker_before(state, s, e)
    if mention is None and not passive and runs_on:
        # "The Labour leader has long voiced his concerns over X," then "“…”": the sentence runs on
        # into the quotation, whose speaker is that sentence's subject
        first = next(iter(_mentions(state, s, e, s)), None)
        if first is not None and first.start in (s, _OPENERS.match(text, s).end()):
            mention, verb_at = first, s
    if mention is None or passive or verb_at < 0 or mention.kind not in ("alias", "role"):
        return None
    who = resolver.actor(mention, state.article.published.end)
    if len(who) != 1 or state.lexicon.actors[who[0]].kind != "person":
        return None
    return who


_OPENERS = re.compile(r"(?:the[\s\u00a0]+)?", re.IGNORECASE)


def _quote_led(state: _Article, q: Quote) -> bool:
    return q.open_mark <= state.paragraph[q.paragraph].start + 1


def _adjacent(state: _Article, a: int, b: int) -> bool:
    """No other text paragraph lies between paragraphs a and b."""
    return not [p for p in state.paragraphs if a < p.index < b and p.kind in TEXT_KINDS]


_OPENING_ADJUNCT = re.compile(rf"(?:{lexicon.alternation(lexicon.forms('subordinators'))}|in|on|at|for|"
                              r"with|by|from|during|despite|amid|unlike|like|speaking|asked|\w+ing)\b",
                              re.IGNORECASE)
_FRONTED_SUBJECT_WORDS = 8   # ", former Labour leader Jeremy Corbyn stated": a subject phrase, not a clause


def _fronted_content(state: _Article, s: int, v: re.Match[str], end: int) -> tuple[int, int] | None:
    """The clause reported before its speaker ("Nato must talk to Moscow, Jeremy Corbyn said on Monday"):
    the verb has nothing after it but where or when, the sentence opens with a whole clause of its own
    (a finite verb, no comma, not an adjunct such as "In an interview on Monday"), and only the subject
    stands between that clause's comma and the verb."""
    text = state.article.text
    vs = v.start()
    if text[v.end():end].strip(_SPACE + ".") and not _ADJUNCT_AFTER.match(text, v.end()):
        return None
    if _COMPLEMENT_AFTER.search(text, v.end(), end):
        return None   # "… after he claimed in an interview that …": what was said follows the verb
    comma = text.rfind(",", s, vs)
    if comma == -1 or len(text[comma + 1:vs].split()) > _FRONTED_SUBJECT_WORDS:
        return None
    subject = [m for m in state.mentions_in(comma + 1, vs) if not state.in_quote(m.start)]
    if not subject or text[subject[-1].end:vs].strip(_SPACE):
        return None
    start = s + len(text[s:comma]) - len(text[s:comma].lstrip(_SPACE + "\n"))
    content = text[start:comma]
    if (len(content.split()) < 5 or _OPENING_ADJUNCT.match(content) or not _FINITE_WORD.search(content)
            or state.quotes_in(start, comma) or state.in_quote(start) or state.in_quote(comma)
            or _QUOTE_MARK.search(content)):   # "“…,” X said in …": the quotation's attribution
        return None
    return start, comma


def _indirect(state: _Article, resolver: _Resolver) -> list[Statement]:
    """Reported speech: a reporting verb with a speaker and a clause without quote marks."""
    text = state.article.text
    out: list[Statement] = []
    when = state.article.published.end
    for par, s, e in state.sentences:
        if state.paragraph[par].kind != "body" or _PICTURE_CREDIT.fullmatch(state.paragraph[par].text):
            continue   # (a line ending in a picture agency's credit is an image caption: no statement)
        # a gerund as a preposition's object ("cautious about concluding that …") is no verb of its own
        verbs = _chained([v for v in _VERBS.finditer(text, s, e) if not state.in_quote(v.start())
                          and not _gerund_object(text, s, v)], text)
        claimed: list[tuple[int, int]] = []
        for n, v in enumerate(verbs):
            vs = v.start()
            inside = [a for a, b in claimed if a <= vs < b]
            if inside and _participle_at(text, vs) and _PROGRESSIVE.search(text, s, vs) and any(
                    m.start > inside[0] for m in _mentions(state, s, vs, s)[-1:]):
                inside = []   # "X backed Y is saying …": Y's own claim, nested in X's backing of it
            if (inside or _NOUN_BEFORE.search(text[s:vs])
                    or _NOUN_HOMOGRAPH.match(text, vs) or _received(text, s, v)):
                continue
            agent = None
            if v.group(0).casefold() in _QUESTION_VERBS and _BARE_QUESTION.search(text, s, vs):
                continue   # "he became riled when questioned about …": a question put to him (GUIDELINES)
            if _passive(text, s, v):
                if v.group(0).casefold() in _QUESTION_VERBS:
                    continue   # "was asked by X whether …": a question the narrator paraphrases (GUIDELINES)
                agent = _passive_agent(state, v.end(), e)
                if agent is None:
                    continue   # "was described as ...": the one described is not the speaker
            end, limit = _clause_end(state, v, verbs[n + 1:], e)
            if agent is not None:   # to the clause end, or to the agent when a quote follows it
                quoted = [q.open_mark for q in state.quotes_in(s, e) if q.open_mark >= agent.end]
                if quoted and not _BREAK_MARK.search(text[agent.end:quoted[0]]):
                    continue   # "was said by sources to be “furious”": the quote is the content
                end = limit = agent.end if quoted and quoted[0] < max(end, limit) else max(end, agent.end)
                end = limit = len(_RELATIVE_TAIL.sub("", text[vs:end])) + vs
            span = text[vs:end]
            if _VENUE_PHRASE.match(text, v.end(), end) and len(span.split()) <= 6:
                continue   # "Writing in the Guardian, he said …": where, not what
            if len(span.split()) < 3 or any(vs < q.open_mark < limit or (q.open_mark < end and q.end > vs)
                                            for q in state.quotes_in(s, e)):
                continue
            if _REFUSED_ACTION.match(text, vs):
                continue   # "refused to let him return": a decision, not a statement
            if _quote_attribution(state, s, e, vs, v.end()):
                continue   # "“…,” he said in an interview last May": the quote's attribution, no content
            if _CONDITION.search(text, s, vs):
                continue   # "… would lose the whip if they refused to do so": a condition, nothing was said
            if _OMISSION.search(text[s:vs]):
                continue   # "did not explicitly say ...": nothing was said
            if _RESPONDENTS.search(text[s:vs]) or _POLLED.search(text[s:vs]):
                continue   # "39% who say May does", "as many Britons say …": poll respondents, not a speaker
            if agent is not None:
                who = resolver.actor(agent, when)
                out.append(Statement(state.article.id, par, vs, end, "indirect", _one(who), "explicit", agent,
                                     (s, e), note=resolver.note(agent, who, when)))
                claimed.append((vs, end))
                continue
            survey = _survey_subject(state, s, v)
            if survey is not None:   # "a YouGov survey which found that …": the pollster's finding
                who = resolver.actor(survey, when)
                out.append(Statement(state.article.id, par, vs, end, "indirect", _one(who), "explicit",
                                     survey, (s, e), note=resolver.note(survey, who, when)))
                claimed.append((vs, end))
                continue
            absolute = _absolute_subject(state, s, vs)
            if absolute is not None and absolute[0] is None:
                out.append(Statement(state.article.id, par, vs, end, "indirect", (UNATTRIBUTED,), "none",
                                     None, (s, e), note=_ABSOLUTE_NOTE))
                claimed.append((vs, end))
                continue
            mention = absolute[0] if absolute is not None else _indirect_subject(state, s, vs)
            if mention is None:
                continue
            fronted = _fronted_content(state, s, v, end)
            if fronted is not None:   # what was said is the clause before the speaker
                vs, end = fronted
            if _claimed_of(state, s, vs, mention):
                out.append(Statement(state.article.id, par, vs, end, "indirect", (UNATTRIBUTED,), "none",
                                     None, (s, e), note="said of the subject in a clause another verb "
                                                        "reports: the claim of whoever reports it"))
                claimed.append((vs, end))
                continue
            if _unnamed_subject(state, s, vs):   # not the named subject's words, but still reported
                out.append(Statement(state.article.id, par, vs, end, "indirect", (UNATTRIBUTED,), "none",
                                     None, (s, e), note="the verb's own subject is not a named speaker"))
                claimed.append((vs, end))
                continue
            if v.group(0).casefold() in _SURVEY_QUESTION and \
                    set(resolver.actor(mention, when)) & state.lexicon.pollsters:
                continue   # "Opinium only asked about approval of …": the poll's question, said by no one
            finding = v.group(0).casefold() in _FINDING
            if finding and any(state.lexicon.actors[a].kind == "person"
                               for a in resolver.actor(mention, when)):
                continue
            listed = _expand_list(state, mention, s, vs, resolver, when)
            if len(listed) == 1:   # "X and Y declined …": reported of each of them
                listed = [(c, resolver.actor(c, when)) for c in _coordinated(state, mention, s)] or listed
            for m, who in listed:
                out.append(Statement(state.article.id, par, vs, end, "indirect",
                                     who if len(who) == 1 else (UNATTRIBUTED,),
                                     {"pronoun": "pronoun", "anaphor": "pronoun", "role": "role"}.get(
                                         m.kind, "explicit"),
                                     m, (s, e), note=resolver.note(m, who, when)))
            claimed.append((vs, end))
        out.extend(_according_to(state, resolver, par, s, e, when))
    return out


# between a quotation's close and the verb that attributes it: punctuation and the speaker, a few words
_ATTRIBUTION_GAP = re.compile(r"[\s\u00a0”’\"',.!?…]*(?:[\w’'.-]+[\s\u00a0]+){1,4}")
# a verb followed straight by where or when, not by what was said ("said in an interview with ...")
# what introduces the reported words after a verb, even past an adjunct ("claimed in an interview that")
_COMPLEMENT_AFTER = re.compile(r"\b(?:that|whether|how|why|what)\b|[“\"‘]", re.IGNORECASE)
_COMPLEMENT_AFTER = prefilter.guarded(_COMPLEMENT_AFTER)   # (speed only: the same matches)
_ADJUNCT_AFTER = re.compile(r"[\s\u00a0]+(?:in|on|at|to|during|while|after|before|when|from|with|last|this|"
                            r"yesterday|today|earlier|later)\b", re.IGNORECASE)


def _quote_attribution(state: _Article, s: int, e: int, vs: int, ve: int) -> bool:
    """Is the verb at ``vs`` only the attribution of a quotation just before it ("“…,” Corbyn said in an
    interview with a TV channel last August")? Its span then says where and when, not what."""
    text = state.article.text
    prior = [q for q in state.quotes_in(s, e) if q.end <= vs]
    return (bool(prior) and _ATTRIBUTION_GAP.fullmatch(text, prior[-1].end, vs) is not None
            and not _CONJUNCTION.search(text[prior[-1].end:vs])
            and bool(state.mentions_in(prior[-1].end, vs)) and _ADJUNCT_AFTER.match(text, ve) is not None)


# between a reporting verb and the subject of the clause it reports: "that" and a few role words
# ("suggested Labour leadership frontrunner Jeremy Corbyn had told ...")
_REPORTED_ROLE_GAP = re.compile(r"[\s\u00a0]+(?:that[\s\u00a0]+)?(?:[\w’'-]+[\s\u00a0]+){0,4}")


def _claimed_of(state: _Article, s: int, vs: int, mention: Mention) -> bool:
    """Is the subject of the verb at ``vs`` the subject of a clause an earlier reporting verb reports
    ("Headlines suggested Mr X had told RT he wanted ...")? What he said is then someone's claim about
    him, not his words as reported here. Not a progressive verb ("X backed Y is saying …": Y's own)."""
    text = state.article.text
    if mention.kind in ("pronoun", "anaphor") or not s <= mention.start < vs or (
            _participle_at(text, vs) and _PROGRESSIVE.search(text, s, vs)):
        return False   # "X made clear he condemned ...": a pronoun there is mostly X himself
    outer = [v for v in _VERBS.finditer(text, s, mention.start) if not state.in_quote(v.start())
             and not _received(text, s, v) and not _NOUN_HOMOGRAPH.match(text, v.start())]
    return (bool(outer) and not _passive(text, s, outer[-1])
            and _REPORTED_ROLE_GAP.fullmatch(text, outer[-1].end(), mention.start) is not None)


_SURVEY = re.compile(rf"[\s\u00a0]+(?:{lexicon.alternation(lexicon.forms('survey_nouns'))})"
                     r"(?:[\s\u00a0]*,?[\s\u00a0]+(?:which|that))?[\s\u00a0]+(?:\w+ly[\s\u00a0]+)?"
                     r"(?:has[\s\u00a0]+|have[\s\u00a0]+)?$", re.IGNORECASE)


def _survey_subject(state: _Article, s: int, v: re.Match[str]) -> Mention | None:
    """The organisation whose poll or study finds ("a YouGov survey which found", "The Acme poll shows"):
    a finding verb whose subject is a survey noun modified by an organisation's name."""
    if v.group(0).casefold() not in _FINDING:
        return None
    text = state.article.text
    near = [m for m in state.mentions_in(max(s, v.start() - 80), v.start()) if not state.in_quote(m.start)]
    if not near or len(near[-1].actors) != 1 or not _SURVEY.fullmatch(text, near[-1].end, v.start()):
        return None
    return near[-1] if state.lexicon.actors[near[-1].actors[0]].kind == "organisation" else None


_CHAIN_GAP = re.compile(r"[\s\u00a0]+(?:\w+ly[\s\u00a0]+)?")


def _gerund_object(text: str, s: int, v: re.Match[str]) -> bool:
    """Is the verb a gerund right after a preposition ("cautious about concluding")?"""
    return _PARTICIPLE.match(v.group(0)) is not None and \
        _GERUND_OBJECT.search(text, max(s, v.start() - 20), v.start()) is not None


def _chained(verbs: list[re.Match[str]], text: str) -> list[re.Match[str]]:
    """Drop a reporting verb that only completes the one before it ("refused to say he would ...",
    "refusing to say"): the pair is one verb, so the refusal stays in the span and the bare
    "say he would ..." (the opposite meaning) is never a statement of its own."""
    out: list[re.Match[str]] = []
    for v in verbs:
        if out and _TO_END.search(out[-1].group(0)) and \
                _CHAIN_GAP.fullmatch(text, out[-1].end(), v.start()):
            continue
        out.append(v)
    return out


# a participle followed only by where it happened ("Writing in the Guardian", "posting on Twitter")
_VENUE_PHRASE = re.compile(r"(?<=ing)[\s\u00a0]+(?:in|on|at|from)[\s\u00a0]+(?:(?:the|his|her)[\s\u00a0]+)?"
                           r"(?:[A-Z][\w’'-]*|[a-z][\w-]*[\s\u00a0]+(?:column|blog|newsletter|article|letter))")
_ACCORDING = re.compile(r",?\s+according\s+to\s+", re.IGNORECASE)
_ACCORDING = prefilter.guarded(_ACCORDING)   # (speed only: the same matches)


def _according_to(state: _Article, resolver: _Resolver, par: int, s: int, e: int,
                  when: date | None) -> list[Statement]:
    """``…, according to a NATO report`` -> the clause before it, said by that source."""
    text = state.article.text
    fronted = _ACCORDING_FRONTED.match(text[s:e])
    if fronted:   # "According to Mr Corbyn, Nato ..." -> the clause after the comma
        who_m = next(iter(state.mentions_in(s + fronted.end(), e)), None)
        comma = text.find(",", who_m.end, e) if who_m is not None and who_m.start == s + fronted.end() else -1
        if who_m is None or comma < 0 or comma - who_m.end > 60:
            return []
        begin, end = comma + 1, e
        while begin < end and text[begin] in _SPACE:
            begin += 1
        while end > begin and text[end - 1] in _SPACE + ".":
            end -= 1
        if any(begin <= q.open_mark < end for q in state.quotes) or len(text[begin:end].split()) < 3:
            return []
        who = resolver.actor(who_m, when)
        return [Statement(state.article.id, par, begin, end, "indirect",
                          who if len(who) == 1 else (UNATTRIBUTED,), "explicit", who_m, (s, e),
                          note=resolver.note(who_m, who, when))]
    m = _search(_ACCORDING, text, s, e)
    if m is None or state.in_quote(m.start()):
        return []
    who_m = next(iter(state.mentions_in(m.end(), e)), None)
    if who_m is None or who_m.start != m.end():
        return []
    begin = s
    for b in _CLAUSE_OPEN.finditer(text[s:m.start()]):
        begin = s + b.end()
    if any(begin <= q.open_mark < m.start() for q in state.quotes) or len(text[begin:m.start()].split()) < 3:
        return []
    who = resolver.actor(who_m, when)
    return [Statement(state.article.id, par, begin, m.start(), "indirect",
                      who if len(who) == 1 else (UNATTRIBUTED,), "explicit", who_m, (s, e),
                      note=resolver.note(who_m, who, when))]


_PROGRESSIVE = re.compile(r"\b(?:is|are|was|were|been|be)[\s\u00a0]+(?:\w+ly[\s\u00a0]+)?$", re.IGNORECASE)
_PROGRESSIVE = prefilter.guarded(_PROGRESSIVE)   # (speed only: the same matches)


# an absolute clause "with <noun phrase> <participle>" ("with members reportedly shouting …"): its
# participle, and one coordinated with it ("… and urging him to …"), has that noun phrase as subject;
# the participle is a reporting verb or a verb that chants or carries (lexicon: carriers, holder)
_HOLDERS = [f for e in lexicon.entries("carriers", ("kind",)) if e["kind"] == "holder" for f in e["forms"]]
_ABSOLUTE = re.compile(rf"\bwith[\s\u00a0]+(?P<np>(?:(?!(?:by|to|of|in|on|at|for|from|with|after|before|over|"
                       rf"about|as|and|or|but|than|while|when|without)\b)[\w’'-]+[\s\u00a0]+){{1,5}}?)(?:\w+ly[\s\u00a0]+)?"
                       rf"(?P<ing>(?=\w+ing\b)(?:{_VERB_WORDS}|{lexicon.alternation(_HOLDERS)}))\b",
                       re.IGNORECASE)
_ABSOLUTE = prefilter.guarded(_ABSOLUTE)   # (speed only: the same matches)
# between the absolute clause's participle and a participle coordinated with it: no clause break
_ABSOLUTE_AND = re.compile(r"[^;:–—]*?(?:,|[\s\u00a0]and)[\s\u00a0]+(?:\w+ly[\s\u00a0]+)?$")
_ABSOLUTE_NOTE = ("the participle of an absolute clause (\"with members shouting … and urging him …\") "
                  "whose subject is no named speaker: not the sentence's subject, nor its object")


def _absolute_subject(state: _Article, s: int, vs: int) -> tuple[Mention | None] | None:
    """The subject of a participle in an absolute clause ("with X -ing", or coordinated after one):
    (X,) when X is a named speaker, (None,) when it is not; None when the verb is in no such clause."""
    text = state.article.text
    if not _PARTICIPLE.match(text[vs:vs + 40]):
        return None
    found = [m for m in _matches(_ABSOLUTE, text, s, vs + 40) if not state.in_quote(m.start())
             and m.start("ing") <= vs]
    if not found:
        return None
    m = found[-1]
    if m.start("ing") != vs:
        gap = "".join(text[i] for i in range(m.end("ing"), vs) if not state.in_quote(i))
        if not _ABSOLUTE_AND.fullmatch(gap) or _WITH.search(gap):
            return None
    np_end = m.end("np") - len(m.group("np")) + len(m.group("np").rstrip())
    named = [c for c in state.mentions_in(m.start("np"), np_end) if c.end == np_end and c.kind != "pronoun"]
    return (named[-1] if named else None,)


# a document issued by an organisation, right before its name ("a statement from the"; document_nouns)
_ISSUED_BY = re.compile(rf"\b(?:{lexicon.alternation(lexicon.forms('document_nouns'))})[\s\u00a0]+"
                        r"(?:from|by|of|issued[\s\u00a0]+by)[\s\u00a0]+(?:the[\s\u00a0]+)?$", re.IGNORECASE)
_ISSUED_BY = prefilter.guarded(_ISSUED_BY)   # (speed only: the same matches)


_CHARTER_PART = lexicon.alternation(lexicon.forms("charter_parts"))
_CHARTER_SUBJECT = re.compile(rf"[\s\u00a0]*(?:the[\s\u00a0]+)?(?:{_CHARTER_PART})"
                              r"[\s\u00a0]+[\w.-]+[\s\u00a0]+of[\s\u00a0]+(?:the[\s\u00a0]+)?(?P<org>\S.*?)"
                              rf"[\s\u00a0]+(?:{lexicon.alternation(lexicon.forms('charter_texts'))})[\s\u00a0]+"
                              r"(?:\w+ly[\s\u00a0]+)?\Z",
                              re.IGNORECASE)


def _charter_subject(state: _Article, s: int, vs: int) -> Mention | None:
    """The organisation whose founding text's clause is the verb's subject ("Article 5 of the Nato
    Treaty sets out that …": Nato; lexicon charter_parts, charter_texts), when the register names it."""
    m = _CHARTER_SUBJECT.match(state.article.text, s, vs)
    if m is None:
        return None
    return next((x for x in state.mentions_in(m.start("org"), m.end("org"))
                 if x.start == m.start("org") and x.end == m.end("org") and x.kind == "alias"), None)


def _indirect_subject(state: _Article, s: int, vs: int) -> Mention | None:
    """The subject of a reporting verb.

    ``X, who said`` -> X; a participle ("asking:", "after claiming") or a
    coordinated verb ("and insisted") takes the sentence's subject; otherwise
    the last subject-like mention before the verb.
    """
    text = state.article.text
    charter = _charter_subject(state, s, vs)
    if charter is not None:
        return charter
    rel = _WHO_BEFORE.search(text[s:vs])   # "X, who last night told"
    if rel:
        at = s + rel.start()
        for m in state.mentions_in(s, at):
            if m.end == at or (rel.group(1) == "which" and _AUTHORED.fullmatch(text, m.end, at)):
                return m   # (", which said": an organisation, or its document: "the Nato treaty, which")
        if rel.group(1) == "who":
            return None   # "... Mr X, who told reporters": X is the speaker, unknown here; not the subject
    issued = _WHICH_BEFORE.search(text[s:vs])
    if issued:   # "a statement from the Foreign Office which said": the organisation that issued it
        at = s + issued.start()
        for m in state.mentions_in(s, at):
            if m.end == at and m.kind != "pronoun" and _ISSUED_BY.search(text, s, m.start):
                return m
    e = state.sentence_end[s]
    aside = [(p.start(), p.end()) for p in _PARENTHETICAL.finditer(text, s, vs)]
    apposition = _APPOSED.search(text[s:vs])   # "Seumas Milne, Jeremy Corbyn's spokesman, said"
    if apposition and state.mentions_in(s, s + apposition.start()) and not any(
            m.end == s + apposition.start() and not _subject_like(text, m, s)
            for m in state.mentions_in(s, s + apposition.start())):
        # (not after a name that is a preposition's object: "… member of NATO, Labour's Y opted to double
        # down, criticising …" - the commas close a fronted phrase, and Y is the subject)
        aside.append((s + apposition.start(), s + apposition.end()))
    before = [m for m in _mentions(state, s, vs, s) if not any(a < m.start < b for a, b in aside)]
    coordinated = _COORDINATED_VERB.search(text[s:vs])
    if coordinated:   # "he told reporters ... and warned": the subject of the verb it is coordinated with
        earlier = [v for v in _VERBS.finditer(text, s, s + coordinated.start())
                   if not state.in_quote(v.start()) and not _passive(text, s, v)]
        if earlier:
            return _indirect_subject(state, s, earlier[-1].start())
    judged = _judged(state, s, vs) if _participle_at(text, vs) and not coordinated else None
    if judged is not None:   # "accused him of being … for suggesting …": the one accused suggested it
        return judged[0]
    if _participle_at(text, vs) and not coordinated and _NOUN_MODIFIED.search(text, s, vs):
        # "read out a letter from a constituent saying …": the participle belongs to the noun before
        # it, not to the sentence's subject; a speaker only when that noun names one
        last = before[-1] if before else None
        return last if last is not None and not text[last.end:vs].strip(_SPACE) else None
    if _participle_at(text, vs) and _PROGRESSIVE.search(text, s, vs) and before:
        return before[-1]   # "X is saying", "Y was insisting": a progressive verb has its own subject
    if _participle_at(text, vs) or coordinated:
        if before:
            return before[0]
        comma = text.find(",", vs, e)
        after = _mentions(state, comma, e, s) if comma != -1 else []
        return after[0] if after else None
    if len(before) >= 2:
        person = _titled_person(state, before, vs)
        if person is not None:   # "Tom X, Director of Polling, Acme said": Tom X, not Acme
            return person
    if not before:   # "Article 5 of the Nato treaty says": the organisation's own document speaks for it
        return _document_subject(state, s, vs)
    return before[-1]


_DOCUMENT_GAP = re.compile(r"[\s\u00a0]+(?:\w+ly[\s\u00a0]+)?")


def _document_subject(state: _Article, s: int, vs: int) -> Mention | None:
    """The organisation whose document ("the X treaty", "the X manifesto"; lexicon: document_nouns) ends
    the subject right before the verb at ``vs``; None when there is no such subject."""
    text = state.article.text
    for m in reversed(state.mentions_in(s, vs)):
        doc = _AUTHORED.match(text, m.end, vs)
        if (doc is not None and not state.in_quote(m.start) and _DOCUMENT_GAP.fullmatch(text, doc.end(), vs)
                and all(state.lexicon.actors[a].kind == "organisation" for a in m.actors) and m.actors):
            return m
        return None
    return None


# a person, then a title that ends in the organisation the person works for, then the verb
# ("Jane Roe, Head of Research, Acme said:"): the organisation is part of the title, not the speaker
_TITLE_GAP = re.compile(r",[\s\u00a0]+[^,;:.“”\"‘]{1,60},[\s\u00a0]+")


def _titled_person(state: _Article, before: list[Mention], vs: int) -> Mention | None:
    """The person a credit line names before an organisation ending the title, right before the verb."""
    text = state.article.text
    first, org = before[0], before[-1]
    kinds = {a: state.lexicon.actors[a].kind for a in (*first.actors, *org.actors)}
    if (first.kind == "pronoun" or not first.actors or not org.actors
            or any(kinds[a] != "person" for a in first.actors)
            or any(kinds[a] != "organisation" for a in org.actors)
            or text[org.end:vs].strip(_SPACE) or not _TITLE_GAP.fullmatch(text, first.end, org.start)):
        return None
    return first


_OBJECT_PRONOUNS = {"him": "he", "her": "she", "them": "they"}
_POSSESSIVES = {"his": "he", "their": "they", "its": "it"}   # ("her" is taken as an object: unsure)
# the active form of a verb that judges someone for something (lexicon: object_verbs, "accused Y of")
_JUDGING = re.compile(rf"\b(?:{lexicon.alternation([f.split()[0] for f in lexicon.forms('object_verbs')])})"
                      r"[\s\u00a0]+(?:(?P<pronoun>him|her|them)\b)?", re.IGNORECASE)
_JUDGING = prefilter.guarded(_JUDGING)   # (speed only: the same matches)
_FOR_OF = re.compile(r"[\s\u00a0](?:for|of)[\s\u00a0]+(?:\w+ly[\s\u00a0]+)?$", re.IGNORECASE)


def _judged(state: _Article, s: int, vs: int) -> tuple[Mention | None] | None:
    """The one judged by an active judging verb, when the participle at ``vs`` gives the reason
    ("X accused him of being “…” for suggesting …", "criticised Y for calling …"): the participle's
    subject is that object, not the judge. (None,) when the object is no speaker the text names;
    None when no such verb governs the participle."""
    text = state.article.text
    reason = _FOR_OF.search(text, s, vs)
    if reason is None:
        return None
    verbs = [v for v in _JUDGING.finditer(text, s, reason.start()) if not state.in_quote(v.start())
             and not _passive(text, s, v) and not _PASSIVE.search(text, s, v.start())]
    if not verbs:
        return None
    v = verbs[-1]
    if v.group("pronoun"):
        return (Mention(v.start("pronoun"), v.end("pronoun"), v.group("pronoun"), (), "pronoun"),)
    return (next((m for m in state.mentions_in(v.end(), reason.start()) if m.start == v.end()
                  and m.kind != "pronoun"), None),)


# a noun phrase right before a participle, with no comma or linking word between ("a letter from a
# constituent saying", not "…, saying", "by saying", "after saying", "was saying")
_NOUN_MODIFIED = re.compile(r"\b(?:a|an|the|this|that|these|those)[\s\u00a0]+"
                            r"(?:(?!(?:was|were|is|are|has|had|have|did|does|would|will|could|should|been|be|"
                            r"refused|said|told|who|which|that|if|whether)\b)[\w’'-]+[\s\u00a0]+){0,4}"
                            r"(?!(?:by|after|before|while|when|without|on|in|for|of|from|with|despite|about|"
                            r"him|her|them|it|he|she|they|been|was|were|is|are|be|being|also|then|\w+ly)\b)"
                            r"[\w’'-]+[\s\u00a0]+$", re.IGNORECASE)


_RELATIVE_OPEN = re.compile(r",[\s\u00a0]+(?:who|which)\b[^,;:]*$", re.IGNORECASE)
_MAIN_RESUMES = re.compile(rf"[\s\u00a0]+(?:(?:has|have|had|also|then|again|\w+ly)[\s\u00a0]+)*"
                           rf"(?:{_VERB_WORDS})\b", re.IGNORECASE)


# "and" before a narrative-relative phrase ("and a year later", "and the same year") opens the next
# event of the narrative, not more of the reported words
_NARRATIVE_AND = re.compile(rf"[\s\u00a0,–—-]+and[\s\u00a0]+(?:then[\s\u00a0]+)?(?={SHIFT_PHRASE})",
                            re.IGNORECASE)


def _clause_end(state: _Article, v: re.Match[str], later: list[re.Match[str]], e: int) -> tuple[int, int]:
    """Where the reported clause that starts at a verb ends, and how far it certainly reaches.

    Returns (end, limit): ``end`` trims the clause before a later reporting
    verb; ``limit`` is the clause's certain boundary (a conjunction, a new
    subject, a participle introducing a quotation, or the sentence end), used
    to tell whether a quotation belongs to this clause.
    """
    text = state.article.text
    m = _CLAUSE_END.search(text, v.end(), e)
    while m is not None and len(text[v.end():m.start()].split()) < 2:   # "said while he accepted ...":
        m = _CLAUSE_END.search(text, m.end(), e)                          # the reported clause opens with it
    end = limit = m.start() if m else e
    s = state.sentence_at(v.start())
    if s is not None and _RELATIVE_OPEN.search(text, s[1], v.start()):
        # "X, who in 2014 called Nato a danger, said …": the relative clause ends at the comma after
        # which the main clause's verb resumes
        comma = next((c.start() for c in _COMMA.finditer(text[v.end():end])
                      if _MAIN_RESUMES.match(text, v.end() + c.start() + 1)), None)
        if comma is not None:
            end = limit = v.end() + comma
    n = _NARRATIVE_AND.search(text, v.end(), end)
    if n is not None:   # "admitted he would X – … – and the same year split his party": a new event
        end = limit = n.start()
    t = _TIME_CLAUSE.search(text, v.end(), end)
    if t is not None and not _FINITE_WORD.search(text, v.end(), t.start()):
        end = limit = t.start()
    for w in later:
        if w.start() >= end or _PASSIVE.search(text[v.end():w.start()]):
            continue
        participle = (_PARTICIPLE.match(w.group(0)) and _INTRODUCED.match(text[w.end():w.end() + 3])
                      and _COMMA_END.search(text[v.end():w.start()]))
        if participle:   # "confirmed he is a member, saying: ‘…’": the quotation the participle brings is not
            # part of the clause ("urged allies to stop, insisting that …" stays one clause)
            end = limit = min(end, v.end() + participle.start())
            break
        subj = [m for m in state.mentions_in(v.end(), w.start())   # the later verb's own subject
                if _subject_like(text, m, v.end()) and len(text[m.end:w.start()].split()) <= 4]
        cut = _CUT.search(
                        text[v.end():subj[-1].start] if subj else text[v.end():w.start()])
        if subj and cut:
            end = limit = min(end, v.end() + cut.start())
        elif not subj:
            end = min(end, w.start())
            # "made clear that ... and said the party needs a “...”": the quotation is the later verb's
            joined = _JOINED.search(text[v.end():w.start()])
            colon = _PARTICIPLE.match(w.group(0)) and _INTRODUCED.match(text[w.end():w.end() + 3])
            if joined and w.start() <= end:   # "argued that … and claimed …": not the "and" joining them
                end = v.end() + joined.start()
            if colon or joined:
                limit = end
        break
    while end > v.end() and text[end - 1] in _SPACE + ".,;:!?":
        end -= 1
    return end, limit


def _noun_dated(text: str, s: int, t: TemporalMention) -> bool:
    """Is the cue inside a participle phrase after a noun ("the report released yesterday")? Not
    after an auxiliary ("was released"), nor when the noun is the words themselves ("the
    statement issued on Friday")."""
    m = _search(_NOUN_DATED, text, s, t.start)
    return m is not None and m.group("noun").casefold() not in _AUXILIARY | _UTTERANCE


_CONTENT_CLAUSE = re.compile(r"\b(?:that|whether)\b", re.IGNORECASE)


# A deadline ("by Wednesday", "no later than March") is when something is due, never a saying.
_DEADLINE = re.compile(rf"\b(?:{lexicon.alternation(lexicon.forms('deadline_words'))})[\s\u00a0]+"
                       r"(?:the[\s\u00a0]+|next[\s\u00a0]+|this[\s\u00a0]+)?\Z", re.IGNORECASE)
_DEADLINE = prefilter.guarded(_DEADLINE)   # (speed only: the same matches)
# A sentence stop right before a closing quote mark and a new sentence: the sentence splitter keeps a
# quotation ending a sentence with what follows it ("‘… the world.’ In 2015 he …"), so the boundary
# is looked for here.
_HIDDEN_STOP = re.compile(r"[.!?…][”’\"'](?=[\s\u00a0\u202f]+[“‘\"'(A-Z0-9])")
_FRONTED_OPEN = re.compile(rf"^[^,;:“”\"‘]*\b(?:{lexicon.alternation(lexicon.forms('earlier_clauses'))}|"
                           r"having|before|until|once)\b[^,;:“”\"‘]*$", re.IGNORECASE)


_REPORTER_CLAUSE = re.compile(_REPORTER, re.IGNORECASE)


def _fronted(text: str, s: int, t: TemporalMention, st: Statement) -> bool:
    """Is the cue in a fronted clause about another occasion ("After having the whip removed in 2020,
    sources said …"): a clause before the sentence's first comma that opens with a time
    subordinator, with the speaker and the statement after that comma?"""
    comma = text.find(",", t.end, st.start)
    if comma < 0 or (st.mention is not None and st.mention.start < comma):
        return False
    return _FRONTED_OPEN.search(text[s:t.start]) is not None


def _issue(text: str, s: int, t: TemporalMention) -> bool:
    """Is the cue the day of a newspaper issue the words appear in ("in Friday's Guardian")?"""
    return _ISSUE_OF.match(text, t.end) is not None and _IN_ISSUE.search(text, max(s, t.start - 6),
                                                                         t.start) is not None


def _cue(state: _Article, st: Statement) -> TemporalMention | None:
    """The temporal expression that dates a statement's saying, if its sentence has one."""
    s, e = st.context
    text = state.article.text
    allowed_in_span = st.end
    if st.kind == "indirect":
        that = _THAT_IF.search(text[st.start:st.end])
        allowed_in_span = st.start + that.start() if that else st.end
    cands = []
    neighbours = [o for o in state.by_sentence.get(s, []) if o is not st and o.kind == "indirect"]
    for t in state.temporal_in(s, e):
        if state.in_quote(t.start):
            continue
        if st.start <= t.start < st.end and t.start >= allowed_in_span:
            continue
        if any(o.start <= t.start < o.end for o in neighbours):
            continue
        if _RELATIVE_TO_CUE.search(text[s:t.start]):
            continue
        if st.mention is not None and st.mention.end <= t.start and \
                _THAT.search(text[st.mention.end:min(t.start, st.start)]):
            continue   # "He added that the response after the Salisbury poisonings ...": the content's date
        issue = _issue(text, s, t)   # "in Friday's Guardian": the day the words came out
        if not issue and (_noun_dated(text, s, t) or _POSSESSIVE_AFTER.match(text, t.end)):
            continue   # the date of a document or event named in the sentence, not of the saying
        if content_date(text, t, state.article.published.end) and not issue:
            continue   # a date after publication or modifying a noun: what is talked about
        if t.start >= st.end and _CONTENT_CLAUSE.search(text, st.end, t.start):
            continue   # '"prima facie evidence" that X poisoned Y two weeks ago': the content's date
        if _MODIFIER_YEAR.fullmatch(t.text) and not _YEAR_PREP.search(text[max(s, t.start - 8):t.start]):
            continue
        if _DEADLINE.search(text, max(s, t.start - 20), t.start):
            continue   # "to choose a candidate by Wednesday": a deadline, what is talked about
        if _HIDDEN_STOP.search(text, max(s, st.end - 1), t.start) or \
                _HIDDEN_STOP.search(text, t.end, st.start):
            continue   # '… the world.’ In 2015 he admitted …': the next sentence's date
        if _REPORTER_CLAUSE.search(text, st.end, t.start):
            continue   # "…, it emerged last night": when the words came to light, not when they were said
        if _fronted(text, s, t, st):
            continue   # "Sat as an independent after having the whip removed in 2020, sources said …"
        cands.append(t)
    if not cands:
        return None
    anchor = st.mention.start if st.mention else st.start
    # a cue between the speaker and the verb dates the saying first ("Over the weekend X …, forcing Y
    # on Monday to insist …": Monday)
    between = (st.mention.end, st.start) if st.mention is not None else (st.start, st.start)
    return min(cands, key=lambda t: (not between[0] <= t.start < between[1], t.start > anchor,
                                     abs(t.start - anchor)))


@dataclass(frozen=True)
class _Scene:
    """An occasion the article has set (an interview this afternoon, a protest in 2014)."""

    offset: int
    said: DateInterval
    venue: str
    speakers: frozenset[str] | None     # the people the scene concerns; None: anyone
    event_id: str | None
    news: bool = False                  # the undated news of the day (publication window)
    prior: bool = False                 # looked back to ("It followed an interview on Sunday"): earlier

    def concerns(self, speakers: tuple[str, ...]) -> bool:
        return self.speakers is None or bool(self.speakers & set(speakers))


_PREPOSITION_END = re.compile(r"\b(?:for|of|to|with|by|from|about|at|on|in)\s+\Z", re.IGNORECASE)
_PREPOSITION_END = prefilter.guarded(_PREPOSITION_END)   # (speed only: the same matches)
_PRIOR = re.compile(rf"\b(?:{lexicon.alternation(lexicon.forms('prior_occasions'))})\b", re.IGNORECASE)
_PRIOR = prefilter.guarded(_PRIOR)   # (speed only: the same matches)


def _prior(state: _Article, s: int, at: int) -> bool:
    """Does the sentence look back to the occasion named at ``at`` ("It followed an interview …", "came
    after a speech …")? Then that occasion is earlier than the story's news (lexicon prior_occasions)."""
    text = state.article.text
    # a sentence that opens with the word ("After a speech yesterday, he was asked …", "Speaking after
    # the vote, …") tells what happened next at that occasion: the same occasion, not a looked-back one
    return any(not state.in_quote(m.start()) and (before := text[s:m.start()].split())
               and not _PARTICIPLE.match(before[0]) for m in _PRIOR.finditer(text, s, at))


def _just_before(text: str, s: int, t: TemporalMention, at: int) -> bool:
    """Is the date in the same clause just before the venue ("made the comments on Wednesday at a
    press conference", "last night was asked at a debate")?"""
    return s <= t.start and t.end <= at and at - t.end <= 30 and not _CLAUSE_MARK.search(text[t.end:at])


def _person_subject(state: _Article, resolver: _Resolver, s: int, t: TemporalMention) -> bool:
    """Is the word before the participle-like verb a person, or a name right after a person's title
    ("Prime Minister Johnson made the comments on Wednesday")? Then the verb is finite and the date
    is the occasion's, not a document's."""
    m = _search(_NOUN_DATED, state.article.text, s, t.start)
    when = state.article.published.end
    return m is not None and any(
        x.start <= m.start("noun") <= x.end + 1 and state.lexicon.actors[a].kind == "person"
        for x in state.mentions_in(s, t.start) for a in resolver.actor(x, when))


def _venue_scene(state: _Article, resolver: _Resolver, s: int, e: int) -> _Scene | None:
    """A sentence that names an occasion with a date or a registered event sets a scene.

    The scene concerns the people named in that sentence (the speaker and the
    interviewer), so other speakers' undated words do not inherit its date.
    """
    text = state.article.text
    venue = next(iter(_matches(_VENUE, text, s, e)), None)
    if venue is None or state.in_quote(venue.start()):
        return None
    near = [t for t in state.temporal_in(s, e)   # the venue's own sentence: the next one is another's
            if (venue.start() <= t.start <= venue.end() + 40 or _just_before(text, s, t, venue.start()))
            and t.interval.start is not None and not content_date(text, t, state.article.published.end)]
    event = next((a for a in state.events if a.start < venue.end() + 40 and a.end > venue.start()), None)
    if not near and (event is None or event.interval.start is None):
        return None   # (speed only: no scene, whoever the sentence names)
    when = state.article.published.end
    people = frozenset(a for m in state.mentions_in(s, e) if not state.in_quote(m.start)
                       for a in resolver.actor(m, when) if state.lexicon.actors[a].kind == "person")
    if near and near[0].start < venue.start():
        # "Johnson made the comments on Wednesday at a press conference": the occasion is the subject's
        # (the first actor named before the date, if a person; a pronoun's guess would spread the date)
        first = next((m for m in state.mentions_in(s, near[0].start) if m.kind != "pronoun"), None)
        if first is not None and (len(text[s:first.start].split()) > 3
                                  or _PREPOSITION_END.search(text, s, first.start)):
            first = None   # "A senior spokesman for Mr Corbyn ... on Wednesday": not the subject
        subject = next((a for a in (resolver.actor(first, when) if first else ())
                        if state.lexicon.actors[a].kind == "person"), None)
        if subject is None:
            near = near[1:]
        else:
            people = frozenset([subject])
    if near:
        said = near[0].interval
        if _noun_dated(text, s, near[0]) and not _person_subject(state, resolver, s, near[0]):
            # "an interview with the Guardian published on Tuesday" (not "Johnson made the comments on"):
            said = DateInterval(None, said.end, f"{near[0].text} (the words are from on or before)")
        if event is not None and _within(event.interval, said):
            said = DateInterval(event.interval.start, event.interval.end,
                                f"{near[0].text}; {event_text(text, event)} (event register)")
        return _Scene(s, said, _venue_text(text, venue, near[0]), people or None,
                      event.event_id if event else None, prior=_prior(state, s, venue.start()))
    if event is not None and event.interval.start is not None:
        said = DateInterval(event.interval.start, event.interval.end, event_text(text, event))
        return _Scene(s, said, _venue_text(text, venue, None), people or None, event.event_id,
                      prior=_prior(state, s, venue.start()))
    return None


# [text, its prefilter.Present, {(id of a module pattern, start, end): matches}]
_MATCHED: list[Any] = [None, None, {}]


def _present(text: str) -> prefilter.Present:
    """The prefilter of the article at hand (its key, and which literals occur in it)."""
    if _MATCHED[0] is not text:
        _MATCHED[:] = [text, prefilter.Present(text), {}]
    return _MATCHED[1]  # type: ignore[no-any-return]


def _key_of(text: str) -> str:
    """``prefilter.key(text)``, kept for the article at hand."""
    return _present(text).key


def _may(rx: re.Pattern[str], text: str, s: int, e: int) -> bool:
    """False only where ``rx`` cannot match inside ``text[s:e]``: none of the literals every match of it
    holds occurs there (``scripts.annotate.prefilter``; a pattern's lookarounds may read outside)."""
    return _present(text).may_match(prefilter.required(rx), s, e)


def _search(rx: re.Pattern[str], text: str, s: int, e: int) -> re.Match[str] | None:
    """``rx.search(text, s, e)``, not run where it cannot match (``_may``)."""
    return rx.search(text, s, e) if _may(rx, text, s, e) else None


def _search_slice(rx: re.Pattern[str], text: str, a: int, b: int) -> re.Match[str] | None:
    """``rx.search(text[a:b])`` (a, b >= 0), not run where it cannot match (``_may``)."""
    return rx.search(text[a:b]) if _may(rx, text, a, b) else None


def _matches(rx: re.Pattern[str], text: str, s: int, e: int) -> list[re.Match[str]]:
    """``list(rx.finditer(text, s, e))``, kept for the article at hand (speed only: scenes, venues
    and occasions look for the same venues in the same sentences), and not searched where none of
    the literals every match holds occurs (``scripts.annotate.prefilter``). ``rx`` is one of this
    module's patterns (kept: its id is not reused)."""
    present = _present(text)
    k = (id(rx), s, e)
    found = _MATCHED[2].get(k)
    if found is None:
        found = _MATCHED[2][k] = (list(rx.finditer(text, s, e))
                                  if present.may_match(prefilter.required(rx), s, e) else [])
    return found


_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_PROGRAMMES = [(re.compile(rf"(?<![\w’'])(?:{lexicon.alternation(e['forms'])})(?![\w])"),
                _WEEKDAYS.index(e["weekday"])) for e in lexicon.entries("programmes", ("weekday",))]


_AROUND = re.compile(r"\b(?:post|pre|after|before)-$", re.IGNORECASE)


def _programmes(text: str) -> list[tuple[re.Pattern[str], int]]:
    """``_PROGRAMMES`` without those that match nowhere in the text (speed only; in their order)."""
    k = (id(_PROGRAMMES), 0, 0)
    live = _MATCHED[2].get(k)
    if live is None:
        present = _present(text)
        live = _MATCHED[2][k] = [(rx, day) for rx, day in _PROGRAMMES
                                 if present.may_match(prefilter.required(rx))]
    return live  # type: ignore[no-any-return]


def _programme_scene(state: _Article, resolver: _Resolver, s: int, e: int) -> _Scene | None:
    """A sentence naming a weekly programme ("told Andrew Marr", "on Question Time") in an article
    published that weekday or the day after sets a scene on that day, for the people it names."""
    text = state.article.text
    pub = state.article.published
    if pub.start is None or pub.end is None:
        return None
    for rx, weekday in _programmes(text):
        m = _search(rx, text, s, e)
        if m is None or state.in_quote(m.start()):
            continue
        if _AROUND.search(text, max(0, m.start() - 6), m.start()):
            continue   # "the post-PMQs briefing": after (or before) the programme, not on its day
        day = pub.end - timedelta(days=(pub.end.weekday() - weekday) % 7)
        if (pub.start - day).days > 1:
            return None   # published later than the day after: which week's programme is not told
        when = state.article.published.end
        people = frozenset(a for x in state.mentions_in(s, e) if not state.in_quote(x.start)
                           for a in resolver.actor(x, when) if state.lexicon.actors[a].kind == "person")
        if not people:
            return None
        return _Scene(s, DateInterval(day, day, f"{m.group()} (airs on {_WEEKDAYS[weekday].title()}s)"),
                      m.group(), people, None, prior=_prior(state, s, m.start()))
    return None


_BROADCAST = re.compile(rf"(?<![\w’'])(?:{lexicon.alternation(lexicon.forms('media_names'))})(?![\w])")
# An interview granted to another medium ("said in an interview with Al Jazeera") is recorded and may
# have aired days before the report of it: not dated as the day's news (dev i/003's reading).
_GRANTED = re.compile(r"(?:(?:an?|the|his|her)\s+)?(?:\w+\s+){0,2}interview\s+with\b", re.IGNORECASE)
_NEWS_WINDOW = 7   # a publication window this wide or narrower can date the news it reports


def _days_before(iv: DateInterval, day: date) -> bool:
    """Does the interval lie in the week before the day, ending before it?"""
    return (iv.start is not None and iv.end is not None and iv.end < day
            and (day - iv.start).days <= _LEDE_DAYS)


# "she told the Commons that …": an audience named before the content, as "told the Commons." is
_TOLD_THAT = re.compile(r"\btold\s+((?:the\s+)?[A-Z][\w]+(?:\s+[A-Z][\w]+){0,3}|reporters|journalists|MPs)"
                        r"(?=[\s\u00a0]+that\b)")
_TOLD_THAT = prefilter.guarded(_TOLD_THAT)   # (speed only: the same matches)


def _dated_elsewhere(state: _Article, resolver: _Resolver, people: frozenset[str]) -> bool:
    """Does a sentence that names one of these people, or no person by name, date an occasion that
    reaches back before the publication window ("Speaking to X earlier this week, the former leader
    urged …")? Then their undated occasion may be that one, not the day's news: a day would be
    invented. Another named person's dated occasion ("Earlier this week May warned …") is not theirs."""
    pub = state.article.published
    for t in state.temporal:
        iv = t.interval
        if state.in_quote(t.start) or iv.start is None or pub.start is None or iv.start >= pub.start:
            continue
        if (pub.start - iv.start).days > _LEDE_DAYS or (p := state.sentence_at(t.start)) is None:
            continue
        named = {a for x in state.mentions_in(p[1], p[2]) if not state.in_quote(x.start)
                 for a in resolver.actor(x, pub.end) if state.lexicon.actors[a].kind == "person"}
        if not named or named & people:   # theirs, or nobody's by name ("the former leader")
            return True
    return False


def _news_scene(state: _Article, resolver: _Resolver, s: int, e: int) -> _Scene | None:
    """An occasion the article reports as its news, with no date of its own ("has said on the final day
    of his party's conference", "Speaking on the Today programme, X said"), dates to the publication
    window (GUIDELINES 2, news of the day), for the people the sentence names. Only before the article
    has given any date outside quotations: after one, the occasion may be that date's."""
    text = state.article.text
    pub = state.article.published
    if pub.start is None or pub.end is None or (pub.end - pub.start).days > _NEWS_WINDOW:
        return None
    if any(_search(rx, text, s, e) for rx, _ in _programmes(text)):
        return None   # a weekly programme airs on its own day, which the publication may not include
    found = (*_matches(_TOLD, text, s, e), *_matches(_TOLD_THAT, text, s, e), *_matches(_VENUE, text, s, e),
             *_matches(_BROADCAST, text, s, e))
    where = next((m for m in found if not state.in_quote(m.start()) and not _GRANTED.match(m.group(0))), None)
    if where is None:
        return None
    # any date in the sentence dates (or is) another occasion; before it, a date that modifies a noun or
    # lies after publication ("if he wins on June 8", "last year's conference") is what is talked about
    # and a day of the week before publication anywhere ("on Wednesday", "last night") may be the news day
    # (a date no narrower than the publication window is the news day itself - a dateline "date 2018-03-14"
    # on a paper of that day: it moves the story nowhere; a day inside a wider window still does)
    dated = (t for t in state.temporal if not state.in_quote(t.start) and not _within(pub, t.interval)
             and ((t.start < e and (t.start >= s or not content_date(text, t, pub.end)))
                  or _days_before(t.interval, pub.start)))
    if any(state.paragraph[p[0]].kind in ("body", "quote")
           for t in dated if (p := state.sentence_at(t.start)) is not None):
        return None   # the article has moved to a dated time (or this sentence has one): not undated news
    when = pub.end
    people = frozenset(a for x in state.mentions_in(s, e) if not state.in_quote(x.start)
                       for a in resolver.actor(x, when) if state.lexicon.actors[a].kind == "person")
    if not people or _dated_elsewhere(state, resolver, people):
        return None
    phrase = where.group(1) if where.re in (_TOLD, _TOLD_THAT) else _trim_venue(where.group(0))
    return _Scene(s, DateInterval(pub.start, pub.end, f"{phrase} (the news reported, undated: publication)"),
                  phrase, people, None, news=True)


# "The Labour leader's comments came as ministers met yesterday": the words are dated by the time of
# the clause they came "as" (while, during) — not "after" or "before" it, which bound them only.
_CAME_AS = re.compile(rf"['’]s?[\s\u00a0]+(?:{lexicon.alternation(sorted(_UTTERANCE))})[\s\u00a0]+"
                      r"(?:came|were[\s\u00a0]+made|was[\s\u00a0]+made)[\s\u00a0]+(?:as|while|during|when)\b",
                      re.IGNORECASE)


def _remarks_scene(state: _Article, resolver: _Resolver, s: int, e: int) -> _Scene | None:
    """A sentence that dates someone's words by what they came with ("X's comments came as the
    council was meeting yesterday") sets a scene on that date for that person."""
    text = state.article.text
    when = state.article.published.end
    for m in state.mentions_in(s, e):
        came = _CAME_AS.match(text, m.end)
        if came is None or state.in_quote(m.start):
            continue
        person = next((a for a in resolver.actor(m, when) if state.lexicon.actors[a].kind == "person"), None)
        cue = next((t for t in state.temporal_in(came.end(), e) if not state.in_quote(t.start)
                    and t.interval.start is not None and not content_date(text, t, when)), None)
        if person is None or cue is None:
            return None
        return _Scene(s, DateInterval(cue.interval.start, cue.interval.end, f"{text[m.start:came.end()]} "
                                      f"… {cue.text}"), "", frozenset([person]), None)
    return None


def _within(inner: DateInterval, outer: DateInterval) -> bool:
    """Is inner a known interval inside outer?"""
    return (None not in (inner.start, inner.end, outer.start, outer.end)
            and outer.start <= inner.start and inner.end <= outer.end)  # type: ignore[operator]


def event_text(text: str, anchor: EventAnchor) -> str:
    """The words of an event mention."""
    return text[anchor.start:anchor.end]


_EARLIER_CLAUSE = re.compile(rf"\b(?:{lexicon.alternation(lexicon.forms('earlier_clauses'))})\b",
                             re.IGNORECASE)
_EARLIER_CLAUSE = prefilter.guarded(_EARLIER_CLAUSE)   # (speed only: the same matches)


_EARLIER_BEFORE = re.compile(rf"\b(?:{lexicon.alternation(lexicon.forms('earlier_clauses'))})[\s\u00a0]+"
                             r"(?:\w+ly[\s\u00a0]+)?\Z", re.IGNORECASE)
_EARLIER_BEFORE = prefilter.guarded(_EARLIER_BEFORE)   # (speed only: the same matches)


def _moved_on(state: _Article, scene: _Scene, s: int) -> bool:
    """Has the story come back to the news of the week since an archive scene ("… five years ago.
    It emerged as Britain hosts a summit today. … after he said …")? A deictic date of the week
    before publication ("today", "last night"), outside quotations, ends a scene older than that
    week: later words are not known to be of that occasion. Background dates (a war, a treaty) and
    one news-day scene followed by another news day do not end it."""
    pub = state.article.published.start
    if pub is None or scene.said.end is None or (pub - scene.said.end).days <= _LEDE_DAYS:
        return False
    return any(not state.in_quote(t.start) and t.kind == "deictic" and t.interval.start is not None
               and (pub - t.interval.start).days <= _LEDE_DAYS
               for t in state.temporal_in(state.sentence_end.get(scene.offset, scene.offset), s))


def _date(state: _Article, resolver: _Resolver, statements: list[Statement]) -> None:
    """Said-dates: the sentence's cue, else the scene the article set, else unknown."""
    text = state.article.text
    pub = state.article.published
    unknown = DateInterval(None, pub.end, "")
    scenes = [sc for _, s, e in state.sentences
              if (sc := _venue_scene(state, resolver, s, e) or _programme_scene(state, resolver, s, e)
                  or _news_scene(state, resolver, s, e) or _remarks_scene(state, resolver, s, e)) is not None]
    at = {sc.offset: sc for sc in scenes}
    last: Statement | None = None
    for st in sorted(statements, key=lambda x: x.start):
        s, e = st.context
        venue = _venue_in(text, s, e, st)
        own = at.get(s)
        st.event_id = own.event_id if own else _occasion(state, s, e, st)
        cue = _cue(state, st)
        shift = narrative_shift(text, cue.end, st.start) if cue is not None and cue.end <= st.start else None
        if shift is not None and state.in_quote(cue.end + shift.start()):
            shift = None
        if cue is not None and cue.interval.end is not None and shift is None and \
                _search(_EARLIER_CLAUSE, text, cue.end, st.start):
            # the cue dates the main clause; the statement, in an "after ..." clause, came before it
            st.said = DateInterval(None, cue.interval.end,
                                   f"before {cue.text} (said earlier than the main clause)")
            st.said_basis, cue = "cue", None
        just_before = _PREVIOUSLY.search(text[max(s, st.start - 25):st.start])
        if just_before and st.kind == "indirect":
            st.said, st.said_basis, cue = DateInterval(None, pub.end, just_before.group(0)), "cue", None
        elif cue is not None and cue.kind == "deictic" and cue.interval.start is None:
            ref = [t for t in state.temporal if t.start < s and t.interval.start is not None
                   and not state.in_quote(t.start)]
            if ref:
                st.said = DateInterval(ref[-1].interval.start, ref[-1].interval.end,
                                       f"{cue.text} ({ref[-1].text})")
                st.said_basis = "cue"
            cue = None
        elif cue is not None:
            st.said, st.said_basis = DateInterval(cue.interval.start, cue.interval.end, cue.text), "cue"
            if shift is not None:
                st.said = shifted(st.said, shift)   # "in 2014 and a year later admitted": 2015
        if st.said_basis == "none":
            pre = text[s:st.start]
            previously = _PREVIOUSLY.search(pre)
            if previously:
                st.said, st.said_basis = DateInterval(None, pub.end, previously.group(0)), "cue"
            elif st.attribution == "continuation" and last is not None:
                st.said, st.said_basis, venue = last.said, last.said_basis, venue or last.venue
                st.event_id = st.event_id or last.event_id
            elif any(state.lexicon.actors[w].kind == "person" for w in st.speakers):
                # a scene set by the same context after a sentence that the statement ends (a stop
                # before a closing quote) is the next sentence's occasion
                split = _HIDDEN_STOP.search(text, max(s, st.end - 1), e) is not None
                habitual = _habitual(text, st)   # "X once said …": not the day's news
                scene = sorted((x for x in scenes if (x.offset < s or (x.offset == s and not split))
                                and x.concerns(st.speakers) and not (x.news and habitual)),
                               key=lambda x: x.offset)
                if scene and _moved_on(state, scene[-1], s):
                    scene = []
                if scene and _search(_EARLIER_BEFORE, text, max(s, st.start - 40), st.start):
                    # "has been forced to defend his stance after declining to ...": before the scene
                    st.said = DateInterval(None, scene[-1].said.end, f"before {scene[-1].said.evidence}")
                    st.said_basis = "scene"
                elif scene:
                    st.said, st.said_basis = scene[-1].said, "scene"
                    venue = venue or scene[-1].venue
                    st.event_id = st.event_id or scene[-1].event_id
                else:
                    st.said = unknown
            else:
                st.said = unknown
        st.venue = venue
        main_clause = (cue is not None and st.mention is not None
                       and not (st.start <= cue.start < st.end and _participle_at(text, st.start))
                       and not _SUBORDINATE.search(text[s:st.mention.start]))
        named = st.event_id is not None and own is None and st.said.start is not None
        if (st.said_basis == "cue" and st.said.start is not None and main_clause) or named:
            scenes.append(_Scene(s, st.said, venue, frozenset(st.speakers), st.event_id,
                                 prior=_prior(state, s, st.mention.start if st.mention else st.start)))
        last = st
    _date_lede(state, statements, scenes)
    _date_nested(statements)
    for st in statements:   # nothing is said after it is published ("told the Commons this week")
        if st.said.end is not None and pub.end is not None and st.said.end > pub.end and (
                st.said.start is None or st.said.start <= pub.end):
            st.said = DateInterval(st.said.start, pub.end, st.said.evidence)
        elif st.said.start is not None and pub.end is not None and st.said.start > pub.end:
            st.said, st.said_basis = unknown, "none"   # wholly after publication: about the future


def _date_nested(statements: list[Statement]) -> None:
    """Words of one speaker reported inside another's ("X said Y was insisting …"), and a claim's words
    that the sentence's speaker denies or takes up, were said before the sentence's saying: its date
    bounds them from above, never dates them."""
    dated = [st for st in statements if st.said.start is not None]
    for inner in statements:
        if inner.said.start is None:
            continue
        if inner.note in (_DENIED, _TAKEN_UP) and inner.said_basis == "cue":
            why = f"before {inner.said.evidence} (words the sentence's speaker reacts to)"
            inner.said = DateInterval(None, inner.said.end, why)
            continue
        outer = next((o for o in dated if o is not inner and o.context == inner.context
                      and o.start < inner.start < o.end and inner.end <= o.end
                      and not set(o.speakers) & set(inner.speakers) and o.said == inner.said), None)
        if outer is not None:
            why = f"before {outer.said.evidence} (reported within another speaker's words)"
            inner.said = DateInterval(None, outer.said.end, why)
            inner.said_basis = "cue"


_REPEAT = re.compile(rf"\b(?:{lexicon.alternation(lexicon.forms('repeat_words'))})\b", re.IGNORECASE)
_REPEAT = prefilter.guarded(_REPEAT)   # (speed only: the same matches)
_LEDE_PARAGRAPHS = 3   # the opening body paragraphs that summarise the story's occasion
_LEDE_DAYS = 7         # ... an occasion of the week before publication, the news the story reports
_HABITUAL = re.compile(r"\b(?:repeatedly|long|always|consistently|often|frequently|regularly|previously|"
                       r"once|never|years|in the past|for decades|has been|had been)\b", re.IGNORECASE)
_HABITUAL = prefilter.guarded(_HABITUAL)   # (speed only: the same matches)


def _habitual(text: str, st: Statement) -> bool:
    """Does the sentence frame the words as habitual or past ("has long argued", "once said")? The
    words themselves are not the frame ("declaring he would never launch …")."""
    s, e = st.context
    return (_HABITUAL.search(text, s, st.start) is not None
            or _HABITUAL.search(text, st.end, e) is not None)


def _date_lede(state: _Article, statements: list[Statement], scenes: list[_Scene]) -> None:
    """A lede summarises the occasion the story then sets: an undated statement in the first body
    paragraphs takes the date of the first dated scene naming the same speaker that follows it, when
    that scene is of the week before publication, no other date is mentioned in between and the
    sentence has no habitual wording ("repeatedly", "has long"). Later in the story, a paraphrase
    leads into the scene of the next sentence or paragraph in the same way ("He responded that …" / "“…,” he
    told a hustings on Monday")."""
    text = state.article.text
    pub_start = state.article.published.start
    text_paragraphs = [p.index for p in state.paragraphs if p.kind in ("body", "quote")]
    body = text_paragraphs[:_LEDE_PARAGRAPHS]
    following = dict(itertools.pairwise(text_paragraphs))
    for st in statements:
        if st.said_basis != "none" or st.said.start is not None:
            continue
        if not any(state.lexicon.actors[w].kind == "person" for w in st.speakers):
            continue
        e = st.context[1]
        if _habitual(text, st):
            continue
        later = sorted((x for x in scenes if x.offset > st.start and x.speakers is not None
                        and frozenset(st.speakers) <= x.speakers and x.said.start is not None),
                       key=lambda x: x.offset)
        if not later:
            continue
        scene = later[0]
        at = state.sentence_at(scene.offset)
        lead_in = (st.paragraph, following.get(st.paragraph))
        if st.paragraph not in body and (at is None or at[0] not in lead_in):
            continue   # after the lede, only the scene's own paragraph or the one before it leads into it
        if _REPEAT.search(text, scene.offset, state.sentence_end.get(scene.offset, scene.offset)):
            continue   # "X reiterated his stand on Friday": the lede's words may be the first occasion
        if scene.said.end is None or pub_start is None or (pub_start - scene.said.end).days > _LEDE_DAYS:
            continue   # a lede reports the news: an occasion long before publication is background
        between = [t for t in state.temporal_in(e, scene.offset) if not state.in_quote(t.start)
                   and not content_date(text, t, state.article.published.end)]
        if between:
            continue
        if scene.prior:
            # "… by refusing to say …" / "It followed an interview he gave on Sunday": what the lede
            # reports came after that occasion, which bounds its date from below only
            st.said = DateInterval(scene.said.start, state.article.published.end,
                                   f"after {scene.said.evidence} (an earlier occasion, looked back to)")
            st.said_basis = "scene"
            continue
        st.said, st.said_basis = scene.said, "scene"
        st.venue = st.venue or scene.venue
        st.event_id = st.event_id or scene.event_id


_VENUE_STOP = re.compile(r"\s+(?:that|which|who|where|when|how|whether|why|what|was|were|is|are|has|had|have|"
                         r"to|after|before|"
                         r"claiming|saying|accusing|released|published)\b", re.IGNORECASE)


def _trim_venue(phrase: str) -> str:
    """A venue phrase without the clause that follows it and without its article."""
    stop = _VENUE_STOP.search(phrase)
    phrase = phrase[:stop.start()] if stop else phrase
    return _ARTICLE.sub("", phrase.strip(" ,"))


def _venue_text(text: str, venue: re.Match[str], cue: TemporalMention | None) -> str:
    end = min(venue.end(), cue.start) if cue is not None and cue.start > venue.start() else venue.end()
    return _trim_venue(text[venue.start():end])


def _occasion(state: _Article, s: int, e: int, st: Statement) -> str | None:
    """A registered event that the statement's sentence names as its occasion ("he told the Guardian")."""
    text = state.article.text
    for m in (*_matches(_TOLD, text, s, e), *_matches(_VENUE, text, s, e)):
        if st.start <= m.start() < st.end or state.in_quote(m.start()):
            continue
        for anchor in state.events:
            near = anchor.start < m.end() + 40 and anchor.end > m.start()
            if near and not st.start <= anchor.start < st.end:
                return anchor.event_id
    return None


def _venue_in(text: str, s: int, e: int, st: Statement) -> str:
    """Where it was said, when the sentence names it outside the statement."""
    for m in _matches(_TOLD, text, s, e):
        if not (st.start <= m.start() < st.end):
            return m.group(1)
    for m in _matches(_VENUE, text, s, e):
        inside = st.start <= m.start() < st.end or (st.quote and st.quote.open_mark <= m.start() < st.end)
        if not inside:
            return _trim_venue(m.group(0))
    return ""


def extract(article: Article, paragraphs: list[Paragraph], lexicon: Lexicon,
            events: Iterable[EventAnchor] = ()) -> list[Statement]:
    """All statements of one article, finding its layers first (see ``from_annotations``)."""
    anchors = list(events)
    quotes, _, sentences, mentions, temporal = layers(article, paragraphs, lexicon, anchors)
    return _extract(article, lexicon, paragraphs, quotes, sentences, temporal, anchors, mentions)


def from_annotations(article: Article, ann: Annotations, lexicon: Lexicon) -> list[Statement]:
    """All statements of one article, from its annotation layers (nothing is found again)."""
    return _extract(article, lexicon, list(ann.paragraphs), list(ann.quotes), list(ann.sentences),
                    list(ann.temporal), list(ann.anchors), list(ann.mentions))


def _extract(article: Article, lexicon: Lexicon, paragraphs: list[Paragraph], quotes: list[Quote],
             sentences: list[Sentence], temporal: list[TemporalMention], anchors: list[EventAnchor],
             mentions: list[Mention]) -> list[Statement]:
    documents = [m for m in document_mentions(article.text, lexicon, article.published.end)
                 if not any(m.start < x.end and x.start < m.end for x in mentions)]
    if documents:   # "the letter" where the register has the one letter the article is about
        mentions = sorted([*mentions, *documents], key=lambda m: (m.start, m.end))
    starts = [m.start for m in mentions]
    ordered = all(a <= b for a, b in itertools.pairwise(starts))
    quotes = [q for q in quotes if not _name_only(
        article.text, q, mentions[bisect.bisect_left(starts, q.start):bisect.bisect_left(starts, q.end)]
        if ordered else mentions)]   # (speed only: the mentions that start inside the quotation)
    state = _Article(article, lexicon, paragraphs, quotes, sentences, temporal, anchors, mentions)
    resolver = _Resolver(state)
    _track_subjects(state, resolver)
    resolver.settled = True   # (the subjects are all recorded: who a pronoun means is known for good)
    statements = _attribute_quotes(state, resolver)
    statements += _indirect(state, resolver)
    statements.sort(key=lambda x: (x.start, x.end))
    state.statements = statements
    for st in statements:
        state.by_sentence.setdefault(st.context[0], []).append(st)
    _date(state, resolver, statements)
    for st in statements:
        if st.quote is not None and st.quote.unclosed:
            flag = "the quotation is never closed in the text; the span ends at its paragraph's end"
            st.note = f"{st.note}; {flag}" if st.note else flag
    _reresolve_roles(state, resolver, statements)
    return statements


def _name_only(text: str, q: Quote, mentions: list[Mention]) -> bool:
    """Is the quotation only a registered name in quotation marks ("issued by the “Stop The War
    Coalition,” a campaign group")? A name is no one's words: it is the mention it names, and no
    statement. Not a quoted term inside a noun phrase ("the ‘X’ rally"), which is dropped elsewhere."""
    inner = text[q.start:q.end].strip(_SPACE + ",.;:")
    return bool(inner) and any(m.kind == "alias" and m.text == inner and q.start <= m.start < q.end
                               for m in mentions)


def _reresolve_roles(state: _Article, resolver: _Resolver, statements: list[Statement]) -> None:
    """Resolve role phrases against the said-date once it is known."""
    for st in statements:
        if st.mention is not None and st.mention.kind == "role" and st.said.start is not None:
            when = st.said.start if st.said.start == st.said.end else st.said.end
            who = state.lexicon.holders(st.mention, when)
            if len(who) == 1:
                st.speakers, st.note = who, ""


# Speed only: statement ids and both clusterings normalise the same statement texts.
_normalised = functools.lru_cache(maxsize=1 << 18)(normalise)


def statement_id(source_id: str, words: str, speaker: str | None = None) -> str:
    """The content-derived id of a statement (with its speaker when it has several)."""
    return stable_id("st", source_id, _normalised(words), *((speaker,) if speaker is not None else ()))


def row(st: Statement, text: str, speaker: str, sid: str, cluster_id: str, *,
        corrected: bool = False) -> dict[str, Any]:
    """The one place a ``statements`` row is built: statement ``st`` said by ``speaker``."""
    m = st.mention
    return {
        "statement_id": sid, "source_id": st.source_id, "paragraph": st.paragraph,
        "start": st.start, "end": st.end, "text": text[st.start:st.end], "kind": st.kind,
        "speaker_id": speaker, "attribution": st.attribution,
        "speaker_mention": m.text if m else None, "speaker_start": m.start if m else None,
        "speaker_end": m.end if m else None, "context_start": st.context[0],
        "context_end": st.context[1], "said_start": st.said.start, "said_end": st.said.end,
        "said_precision": st.said.precision, "said_evidence": st.said.evidence or None,
        "said_basis": st.said_basis, "venue": st.venue or None, "event_id": st.event_id,
        "cluster_id": cluster_id, "corrected": corrected, "note": st.note or None,
    }


def rows(statements: list[Statement], articles: dict[str, Article]) -> list[dict[str, Any]]:
    """The ``statements`` table: one row per statement and speaker, with cluster ids."""
    clusters = _clusters(statements, articles)
    out: list[dict[str, Any]] = []
    seen: dict[str, int] = {}
    for st in sorted(statements, key=lambda x: (x.source_id, x.start, x.end)):
        text = articles[st.source_id].text
        for who in st.speakers:
            key = statement_id(st.source_id, text[st.start:st.end], who if len(st.speakers) > 1 else None)
            seen[key] = seen.get(key, 0) + 1
            sid = key if seen[key] == 1 else stable_id("st", key, seen[key])
            out.append(row(st, text, who, sid, clusters[(st.source_id, st.start, st.end)]))
    return out


def cluster(table: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Set every row's ``cluster_id`` by the one clustering rule, over the final table's rows."""
    speakers: dict[tuple[str, int, int], list[str]] = {}
    words: dict[tuple[str, int, int], str] = {}
    for r in table:
        k = (r["source_id"], r["start"], r["end"])
        speakers.setdefault(k, []).append(r["speaker_id"])
        words[k] = _normalised(r["text"])
    ids = _cluster_ids([(k, tuple(who), words[k]) for k, who in speakers.items()])
    _normalised.cache_clear()   # the last use of the statement texts' keys: free them
    for r in table:
        r["cluster_id"] = ids[(r["source_id"], r["start"], r["end"])]
    return table


def _words(text: str) -> tuple[str, ...]:
    """The words of a normalised text, punctuation dropped (what recycled-words matching compares)."""
    return tuple(re.sub(r"[^\w\s]", "", text).split())


SHINGLE = 3    # a statement must have at least this many words to join a cluster


def _contains(long_: tuple[str, ...], short: tuple[str, ...]) -> bool:
    """Is ``short`` a run of consecutive words of ``long_``?"""
    return f" {' '.join(short)} " in f" {' '.join(long_)} "


def _clusters(statements: list[Statement], articles: dict[str, Article]) -> dict[tuple[str, int, int], str]:
    """Statements whose words contain one another (≥ 3 words), by the same speaker, share a cluster.

    Near-linear: identical word sequences are handled once, and a shorter sequence is
    compared only with the longer ones that hold its rarest word 3-gram (shingle), found
    through an index, instead of with every other statement.
    """
    return _cluster_ids([((st.source_id, st.start, st.end), st.speakers,
                          _normalised(articles[st.source_id].text[st.start:st.end])) for st in statements])


_Key = tuple[str, int, int]


def _cluster_ids(items: list[tuple[_Key, tuple[str, ...], str]]) -> dict[_Key, str]:
    """Cluster ids of (key, speakers, normalised text) items: see ``_clusters``.

    (Speed only: the raw and the corrected table are clustered in turn, and without
    corrections they hold the same spans, in another order, a span's speakers in one item
    or in several; the result depends only on each span's text and set of speakers (the
    components and each one's longest text), so the last result is kept for the same.)
    """
    spans: dict[_Key, tuple[set[str], str]] = {}
    for k, who, t in items:
        spans.setdefault(k, (set(), t))[0].update(who)
    if _LAST_CLUSTERS and _LAST_CLUSTERS[0][0] == spans:   # (each span's speakers and text alike)
        return _LAST_CLUSTERS.pop()[1]   # (used once: the memory goes with it)
    ids = _cluster_ids_of(items)
    _LAST_CLUSTERS[:] = [(spans, dict(ids))]
    return ids


_LAST_CLUSTERS: list[tuple[dict[_Key, tuple[set[str], str]], dict[_Key, str]]] = []


def _cluster_ids_of(items: list[tuple[_Key, tuple[str, ...], str]]) -> dict[_Key, str]:
    parent = {k: k for k, _, _ in items}

    def find(k: tuple[str, int, int]) -> tuple[str, int, int]:
        while parent[k] != k:
            parent[k] = parent[parent[k]]
            k = parent[k]
        return k

    groups_by_words: dict[tuple[str, ...], list[int]] = {}
    for n, (_, _, t) in enumerate(items):
        groups_by_words.setdefault(_words(t), []).append(n)
    seqs = [w for w in groups_by_words if len(w) >= SHINGLE]
    index: dict[tuple[str, ...], set[int]] = {}
    for n, w in enumerate(seqs):
        for i in range(len(w) - SHINGLE + 1):
            index.setdefault(w[i:i + SHINGLE], set()).add(n)

    def join(members: list[int]) -> None:
        """Union the statements among ``members`` that share a speaker."""
        first: dict[str, tuple[str, int, int]] = {}
        for n in members:
            key, speakers, _ = items[n]
            for who in speakers:
                if who in first:
                    parent[find(key)] = find(first[who])
                else:
                    first[who] = key

    for n, w in enumerate(seqs):
        join(groups_by_words[w])
        rarest = min((w[i:i + SHINGLE] for i in range(len(w) - SHINGLE + 1)), key=lambda g: len(index[g]))
        for m in sorted(index[rarest]):
            other = seqs[m]
            if m != n and len(other) >= len(w) and _contains(other, w):
                join(groups_by_words[w] + groups_by_words[other])
    longest: dict[tuple[str, int, int], str] = {}
    for k, _, t in items:
        root = find(k)
        if root not in longest or (len(t), t) > (len(longest[root]), longest[root]):
            longest[root] = t
    ids = {root: stable_id("cl", t) for root, t in longest.items()}
    return {k: ids[find(k)] for k, _, _ in items}
