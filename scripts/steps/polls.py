"""Opinion-poll figures and other reported statistics, found by general rules.

Poll figures are shares ("put Corbyn on 53 percent", "44 per cent") and leads
("a 32-point lead", "four points ahead of") in runs of paragraphs that talk
about a poll (a poll word or a known pollster). A sentence naming a new
pollster starts a new poll; other sentences of the run belong to the poll
named before them (or, if none yet, after them). Each figure gets its option
(the party or person named before it), the poll's pollster, sponsor, dates
and population, and any change "on the company's last poll". A lead plus one
stated share implies the other share: it is added as a ``derived`` figure with
its arithmetic; a lead whose two shares are both stated is cross-checked.

Every other number reported as a measurement or target ("five out of 28
members", "some 150,000 fake Twitter accounts", "2% of GDP") goes to the
``statistics`` table. All dates are resolved by ``scripts.annotate.temporal`` against the
article's publication interval.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from scripts import lexicon
from scripts.annotate import numbers, prefilter
from scripts.annotate.paragraphs import TEXT_KINDS, Paragraph
from scripts.annotate.sentences import Sentence
from scripts.annotate.temporal import DateInterval, EventAnchor, TemporalMention
from scripts.ids import fold, stable_id
from scripts.package.tables import field_names
from scripts.registers.sources import Article

KNOWN_POLLSTERS = lexicon.forms("pollsters")
PARTIES = (  # (pattern, id, name): matched case-sensitively as whole words
    (r"Conservative Party|Conservatives|Conservative|Tories|Tory", "conservative-party",
     "Conservative Party"),
    (r"Labour Party|Labour", "labour-party", "Labour Party"),
    (r"Liberal Democrats?|Lib ?Dems?", "liberal-democrats", "Liberal Democrats"),
    (r"Scottish National Party|SNP", "scottish-national-party", "Scottish National Party"),
    (r"Green Party|Greens", "green-party", "Green Party"),
    (r"Brexit Party", "brexit-party", "Brexit Party"),
    (r"Reform UK", "reform-uk", "Reform UK"),
    (r"UK Independence Party|UKIP", "ukip", "UK Independence Party"),
    (r"Plaid Cymru", "plaid-cymru", "Plaid Cymru"),
)
# topline abbreviations ("CON 44%, LAB 41%"), from scripts/lexicon/party_abbreviations.yaml
_ABBREVIATIONS = {e["id"]: e["forms"] for e in lexicon.entries("party_abbreviations", ("id",))}
PARTIES = tuple((rx + "".join(f"|{re.escape(f)}" for f in _ABBREVIATIONS.get(pid, [])
                              if not re.fullmatch(rx, f)), pid, name) for rx, pid, name in PARTIES)

Span = tuple[int, int]
Row = dict[str, Any]

NUM = rf"(?:\d+(?:\.\d+)?|{numbers.pattern()})"
_PCT = r"(?: ?(?:per[ -]?cent|percent)\b|%|(?<=\d)pc\b)"   # "40pc": the Telegraph's and the Times's form
_POINTS = r"(?:percentage[- ])?points?"
# Speed only, exact: a number then _PCT ("_RX['share']", _ANSWERED, _CONTINUES) holds, in the key (lower
# case), "%", "per cent", "per-cent", "percent" or a digit then "pc" (the digit that _PCT's lookbehind
# wants ends the number, so it is in the match)
_SHARE_GATE = re.compile(r"%|per[ -]?cent|\dpc")
_PREV = (r"(?:the|its|their|the company's|the pollster's|the firm's|[A-Z][\w&]+'s) "
         r"(?:last|previous|latest|prior) (?:poll|survey)")
_DOWN = ("drop", "fall", "decrease", "decline", "dip", "down")

_RX = {name: re.compile(rx) for name, rx in {
    "change_by": rf"(?i:\b(?:an? )?(?P<n>{NUM}){_PCT}?(?: ?{_POINTS})? (?P<dir>increase|rise|gain|jump|"
                 rf"drop|fall|decrease|decline|dip)\b(?: (?:on|from|since|compared with) (?P<ref>{_PREV}))?)",
    "change_updown": rf"(?i:\b(?P<dir>up|down) (?:by )?(?P<n>{NUM})(?:{_PCT}| {_POINTS})?"
                     rf"(?: (?:on|from|since) (?P<ref>{_PREV}))?)",
    "change_same": rf"(?i:\b(?:the same as|unchanged (?:from|on|since)|no change (?:from|on|since)) "
                   rf"(?P<ref>{_PREV})|\bunchanged\b)",
    # a topline's change in brackets right after the share: "LAB 41%(-1)", "CON 42% (nc)" (no change)
    "change_bracket": r"(?<=%)[ \u00a0]?\((?:(?P<sign>[+−–-])(?P<n>\d+(?:\.\d+)?)|(?P<nc>(?i:nc|n/c|=)))\)",
    "lead": rf"(?i:\b(?P<n>{NUM})[- ]{_POINTS}(?:[- ]poll)? lead\b(?P<over> (?:over|against|on)\b)?)",
    "lead_of": rf"(?i:\blead of (?P<n>{NUM}) {_POINTS}(?P<over> (?:over|against|on)\b)?)",
    # the verb: "Labour lead by 17 points", "the Tories led by six points over Labour"
    "lead_by": rf"(?i:\b(?:leads?|led|leading) by (?P<n>{NUM}) {_POINTS}(?P<over> (?:over|against|on)\b)?)",
    "ahead": rf"(?i:\b(?P<n>{NUM}) {_POINTS} (?P<dir>ahead of|clear of|behind)\b)",
    # a gap between two shares: "(35%); 10 percentage points higher than the proportion who think …"
    "higher": rf"(?i:\b(?P<n>{NUM})[- ]{_POINTS} (?P<dir>higher|more|greater|lower|fewer|less) than\b)",
    "gap": rf"(?i:\b(?:gap|lead|margin)\b[^.;]{{0,30}}?\b(?:narrowed|widened|shrunk|grown|fallen|risen|cut|"
           rf"stretched|extended) to (?:only |just )?(?P<n>{NUM}) {_POINTS})",
    "net": rf"(?i:\bnet(?:[- ][a-z]+)? (?:rating|score) of (?P<sign>[-+−–])?"
           rf"(?P<v>(?P<n>{NUM})(?:{_PCT}| {_POINTS})?)"
           rf"|(?<![\w.])(?P<sign2>[-+−–])(?P<v2>(?P<n2>{NUM}){_PCT}?) net(?:[- ][a-z]+)? "
           rf"(?:rating|score)\b)",
    "share": rf"(?i:(?<![\w.+−–-])(?P<approx>)(?P<n>{NUM}){_PCT})",
    "part": rf"(?i:\b(?P<approx>)(?P<n>{NUM}) (?:out of|in every|in) (?P<d>{NUM}) )(?P<unit>[a-z][\w-]*)",
    "count": r"(?<![\w.,])(?:(?P<approx>(?i:some|about|around|nearly|almost|roughly|approximately|an "
             r"estimated|more than|over|up to|at least|fewer than|less than)) )?(?P<n>\d{1,3}(?:,\d{3})+|"
             r"\d+(?:\.\d+)?)(?: (?P<mult>thousand|million|billion))?(?:(?: [A-Za-z][\w-]*){0,3}?) "
             r"(?P<unit>[a-z][\w-]*s)\b",
}.items()}
_POLL_WORDS = re.compile(r"(?i:\b(?:polls?|polling|pollsters?|surveys?|surveyed|voting intention|"
                         r"fieldwork)\b)")
_SUFFIX = lexicon.alternation(lexicon.forms("pollster_suffixes"))
_POLLSTER = re.compile(
    r"\b(?:" + "|".join(re.escape(p) for p in sorted(KNOWN_POLLSTERS, key=len, reverse=True)) + r")"
    rf"(?:[ \u00a0](?:{_SUFFIX}))?\b")
_PARTY = [(re.compile(rf"\b(?:{rx})\b"), pid, name) for rx, pid, name in PARTIES]
# title-case topline forms ("Con 42%"), only right before a share: scripts/lexicon/topline_abbreviations.yaml
_PARTY_NAME = {pid: name for _, pid, name in PARTIES}
_SHARE_NEXT = r"(?=[\s\u00a0]*\d+(?:\.\d+)?[\s\u00a0]*%)"
_TOPLINE = [(re.compile(rf"\b(?:{'|'.join(re.escape(f) for f in e['forms'])}){_SHARE_NEXT}"),
             e["id"], _PARTY_NAME[e["id"]]) for e in lexicon.entries("topline_abbreviations", ("id",))]
# Speed only, exact: gates of the window searched for options. Each _PARTY pattern (no flags) consumes a
# match of its own alternation, and each _TOPLINE one a form verbatim that ends in the window (the share
# after it may lie past it).
_PARTY_GATE = re.compile("|".join(f"(?:{rx})" for rx, _, _ in PARTIES))
_PARTY_BARE = [re.compile(rx) for rx, _, _ in PARTIES]   # each party's, without _PARTY's word bounds
_TOPLINE_GATE = re.compile("|".join(re.escape(f) for e in lexicon.entries("topline_abbreviations", ("id",))
                                    for f in e["forms"]))
_TOPLINE_BARE = [re.compile("|".join(re.escape(f) for f in e["forms"]))   # each entry's forms, verbatim
                 for e in lexicon.entries("topline_abbreviations", ("id",))]
_OUTLETS = {f: e["name"] for e in lexicon.entries("outlets", ("name",)) for f in e["forms"]}
_OPENERS = frozenset(f for e in lexicon.entries("name_words", ("kind",)) if e["kind"] == "opener"
                     for f in e["forms"])
_NOT_POLLSTER = frozenset(f for e in lexicon.entries("name_words", ("kind",)) if e["kind"] == "not_name"
                          for f in e["forms"])
_TITLES = lexicon.alternation([f for e in lexicon.entries("name_words", ("kind",)) if e["kind"] == "title"
                               for f in e["forms"]])
# "Mr. Corbyn": a title's full stop does not end a sentence
_TITLE_STOP = re.compile(rf"(?<![\w.])(?:{_TITLES})\.\Z")
# who was asked ("of Britons", "Labour voters"): never an option (lexicon poll_respondents, poll_populations)
_POPULATION_WORDS = lexicon.forms("poll_respondents") + lexicon.forms("poll_populations")
_POPULATIONS = lexicon.alternation(list(_POPULATION_WORDS))
_POPULATION_FOLDED = frozenset(w.casefold() for w in _POPULATION_WORDS)
_ADVERBS = lexicon.alternation(list(lexicon.forms("adverbs")))
_WORD = r"[A-Z][\w&]*(?:[ \u00a0][A-Z][\w&]*)?"
# an unregistered company's name as printed, up to four capitalised words ("Redfield & Wilton Strategies")
_FIRM = r"[A-Z][\w&]*(?:[ \u00a0](?:&[ \u00a0])?[A-Z][\w&]*){0,3}"
_NAMED_POLL = re.compile(
    rf"(?P<a>{_WORD})/(?P<b>{_WORD})(?=[ \u00a0]+(?i:polls?|survey)\b)"
    rf"|\b(?i:polls?|survey),?[ \u00a0]+(?i:by|from|with|carried out by|conducted by)[ \u00a0]+(?P<c>{_FIRM})"
    rf"|(?<![\w/&])(?P<d>{_FIRM})(?=(?:['’]s)?[ \u00a0]+(?:(?i:latest|new|last|own)[ \u00a0]+)?"
    rf"(?i:polls?|survey)\b(?![ \u00a0]+(?i:leads?|ratings?|bounce|boost|deficit|gap)\b))"
    rf"|\b(?i:polling[ \u00a0]+(?:firm|company|organisation|agency)|pollsters?)[ \u00a0]+(?P<e>{_FIRM})")
_RESPONDENT_VERBS = lexicon.entries("respondent_verbs", ("side",))
_ANSWERS = lexicon.alternation([f for e in _RESPONDENT_VERBS for f in e["forms"]])
_SIDES = {f.casefold(): e["side"] for e in _RESPONDENT_VERBS if e["side"] != "choice" for f in e["forms"]}
_RESPONDENT = re.compile(
    rf"\)?[ \u00a0]*(?:of[ \u00a0]+(?:the[ \u00a0]+)?(?:(?:[A-Z][\w-]*|young|older|all)[ \u00a0]+)?"
    rf"(?:{_POPULATIONS}|those[ \u00a0]+\w+)[ \u00a0]*)?"
    rf",?[ \u00a0]*"
    rf"\)?[ \u00a0]*(?:who[ \u00a0]+|(?:would|will)[ \u00a0]+)?(?:(?:{_ADVERBS})[ \u00a0]+)?"
    rf"(?:(?:are|were|is|was|feel|felt)[ \u00a0]+)?"
    rf"(?P<verb>{_ANSWERS})"
    rf"\b[ \u00a0]*(?:that[ \u00a0]+)?", re.IGNORECASE)
# a share answered by respondents ("28 per cent said Starmer would ...", "41% backed the move"): in a
# passage about a poll, the poll's figure
_ANSWERED = re.compile(rf"(?<![\w.])(?:{NUM}){_PCT}(?:{_RESPONDENT.pattern})", re.IGNORECASE)
_PAIR = re.compile(rf"[ \u00a0]*(?:to|-|–|against|versus|vs\.?)[ \u00a0]*(?P<n>{NUM}){_PCT}")
_FOR_OVER = re.compile(r"[^.;:]{0,60}?\bfor[ \u00a0]+(?:the[ \u00a0]+)?(?P<a>[A-Z][\w]+)[ \u00a0]+"
                       r"over[ \u00a0]+(?:the[ \u00a0]+)?(?P<b>[A-Z][\w]+)")
_SIGNAL = re.compile(r"(?i:\b(?:lead|ahead|behind|voters|respondents|Britons|the public|polled|asked|seen by|"
                     r"share of the votes?|of people|points?)\b)")


def _outlet(name: str) -> str:
    return _OUTLETS.get(name, "")


def printed_pollster(text: str, name: str) -> str:
    """The fullest name the article prints for a pollster: "BMG" is "BMG Research" when the
    article calls it that anywhere, so one company has one name per article."""
    rx = _printed(name)   # its first match begins at an occurrence of the name: tried there only (speed)
    at = text.find(name)
    while at != -1:
        full = rx.match(text, at)
        if full:
            return full.group().replace("\u00a0", " ")
        at = text.find(name, at + 1)
    return name


@functools.lru_cache(maxsize=256)
def _printed(name: str) -> re.Pattern[str]:
    """A pollster's name with a company suffix ("BMG Research"), not inside a longer word."""
    return re.compile(rf"(?<![\w&]){re.escape(name)}[ \u00a0](?:{_SUFFIX})\b")


def poll_named(text: str, s: Span, text_key: str | None = None) -> tuple[str, str] | None:
    """``_poll_named`` with the pollster's fullest printed name (``text_key``: ``prefilter.key(text)``,
    if at hand: it lets sentences that cannot name a poll go unsearched)."""
    named = _poll_named(text, s, text_key)
    return (printed_pollster(text, named[0]), named[1]) if named and named[0] else named


def _poll_named(text: str, s: Span, text_key: str | None = None) -> tuple[str, str] | None:
    """(pollster, sponsor) if the sentence names a poll: a known pollster, "the latest X/Observer
    poll" (the outlet is the sponsor, the other name the pollster, known or not), "a poll by X",
    "X's poll"."""
    # (speed only, exact: each search below is skipped where its gate finds nothing, see _gates)
    gated = text_key is not None and prefilter.ENABLED
    stems = not gated or _POLL_STEMS is None or _POLL_STEMS.search(text_key, *s) is not None  # type: ignore
    for m in _NAMED_POLL.finditer(text, *s) if stems else ():
        if m.group("a"):
            a, b = m.group("a"), m.group("b")
            if _outlet(a) and not _outlet(b):
                return b, _outlet(a)
            if _outlet(b) and not _outlet(a):
                return a, _outlet(b)
            known = [x for x in (a, b) if _POLLSTER.fullmatch(x)]
            return (known[0] if known else a), ""
        group = "c" if m.group("c") else "d" if m.group("d") else "e"
        words = m.group(group).split()
        while words and (words[0] in _NOT_NAMES or words[0] in _OPENERS):   # "The Acme poll": Acme
            words = words[1:]
        name = " ".join(words)
        start = text.rfind(words[0], m.start(group), m.end(group)) if words else m.end(group)
        known = _POLLSTER.search(text, m.start(group), m.end(group) + 40)
        if words and known and known.start() < m.end(group):   # "Redfield & Wilton Strategies": registered
            return known.group(), ""
        if name and not _outlet(name) and not any(w in _NOT_POLLSTER for w in words) and not any(
                rx.fullmatch(name) for rx, _, _ in _PARTY) and (
                len(words) > 1 or group == "e" or not _sentence_start_word(text, start)):
            return name, ""
    known = _POLLSTER.search(text, *s) if not gated or _POLLSTER_NAMES is None or \
        _POLLSTER_NAMES.search(text, *s) else None
    return (known.group(), "") if known else _handle(text, s) if not gated or text.find("@", *s) != -1 \
        else None


_HANDLE = re.compile(r"(?<![\w@])@(?P<h>[A-Za-z]\w{2,})")
_HANDLE_STEMS = sorted(((re.sub(r"\W", "", p).casefold(), p) for p in KNOWN_POLLSTERS),
                       key=lambda x: -len(x[0]))


def _handle(text: str, s: Span) -> tuple[str, str] | None:
    """A pollster named by its social-media handle ("@opiniumresearch finds 57% …"): a handle that
    starts with a known pollster's name."""
    for m in _HANDLE.finditer(text, *s):
        handle = m.group("h").casefold()
        for stem, name in _HANDLE_STEMS:
            if len(stem) >= 3 and handle.startswith(stem):
                return name, ""
    return None


def _sentence_start_word(text: str, pos: int) -> bool:
    before = text[:pos].rstrip(" \t\"'([“‘")
    return (not before or before[-1] in "\n.!?:") and not _POLLSTER.match(text, pos) \
        and not _TITLE_STOP.search(before[-12:])
_NAME = re.compile(r"\b[A-Z][a-z]+(?:[-'][A-Z]?[a-z]+)?(?: [A-Z][a-z]+(?:[-'][A-Z]?[a-z]+)?){0,2}\b")
_NOT_NAMES = frozenset([
    "A", "An", "The", "But", "And", "While", "With", "In", "On", "At", "For", "Of", "To", "By", "From",
    "As", "If", "When", "After", "Before", "Mr", "Mrs", "Ms", "Dr", "Sir", "Lord", "Lady", "Prime",
    "Minister", "Leader", "Party", "Government", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday",
    "Saturday", "Sunday", "January", "February", "March", "April", "May", "June", "July", "August",
    "September", "October", "November", "December", "New", "Meanwhile", "Also", "It", "He", "She",
    "They", "His", "Her", "Their", "This", "That"])
_PRONOUN_BEFORE = re.compile(r"(?i:\b(?:him|her|them|it|his|their|its)\s+(?:an?\s+)?$)")
_SPONSOR = re.compile(r"\b(?i:poll|survey)\b[^.]{0,40}?\b(?:for|published in|published by|carried out "
                      r"for|conducted for|commissioned by|in) (?P<the>[Tt]he )?(?P<name>[A-Z][\w&'-]*"
                      r"(?: (?:on )?[A-Z][\w&'-]*){0,2})")   # "for the Mail on Sunday"
_CUES = {
    "fieldwork": re.compile(r"(?i:\b(?:conducted|carried out|fieldwork|surveyed|interviewed|polled|"
                            r"taken|in the field)\b)"),
    "published": re.compile(r"(?i:\b(?:published|released|reported|out)\b)"),
    "previous": re.compile(rf"(?i:{_PREV})"),
}
_CONTINUES = re.compile(rf"\b(?:on|at) {NUM}{_PCT}")  # "the Greens were on 5 per cent" continues a poll
_NET_REACH = 400  # a net rating with no name in its sentence rates the person named just before
_BULLET = re.compile(r"[ \t\u00a0]*[•▪●◦‣*][ \t\u00a0]")  # an item of a list continues the passage it is in
_CUE_REACH = 80  # a cue word dates a date in its own clause only (no clause break between), within a line
_LEADERSHIP = re.compile(r"(?i:\bleadership (?:race|contest|election|ballot|vote|hustings)\b"
                         r"|\bselectorate\b)")
_OVERALL = re.compile(r"(?i:\boverall\b|\ball voters\b|\bnationally\b|\bnational voting intention\b)")
_ATTRIBUTION = re.compile(r"(?i:,?\s*according to (?P<src>[^,.;]+))")
_SOURCE_VERB = re.compile(
    r"\b(?P<src>(?i:an?|the) (?:(?i:new|recent|latest|separate) )?(?i:study|report|survey|analysis|"
    r"research|figures|data)(?: (?:by|from|of) [A-Z][\w&' ]*?)?)\b[^.]{0,40}?\b(?i:suggested|suggests|"
    r"found|finds|showed|shows|revealed|reveals|estimated|estimates|said|says)\b")
_TARGET = re.compile(r"(?i:\b(?:target|supposed to|guideline|pledged?|commit\w*|at least|insist\w*|"
                     r"require\w*|aims? to|must|should|if|unless|goal)\b)")
_TIME_UNITS = frozenset(["seconds", "minutes", "hours", "days", "weeks", "months", "years", "decades",
                         "centuries", "times"])
_CLAUSE_BREAK = re.compile(r"[,;:] |\s-\s|\bbut\b")
_QUESTION_BREAK = re.compile(r"[,;:] |\s[-–—]\s|\b(?:but|while|and|with)\b", re.IGNORECASE)
_MULT = {"thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000}
# compiled here, not by ``re``'s cache, which other steps' patterns evict in a long run (speed)
_NUMERAL = re.compile(r"\d+(?:\.\d+)?")
_NOT_SLUG = re.compile(r"[^a-z0-9]+")
_LEAD_OVER = re.compile(r"lead[ \u00a0]+over[ \u00a0]+(?:the[ \u00a0]+)?")
_LEAD_FOR = re.compile(r"[ \u00a0]+for[ \u00a0]+(?:the[ \u00a0]+)?")
_OVER_BEFORE = re.compile(r"\bover[ \u00a0]+(?:the[ \u00a0]+)?$")
_PUBLISHED = re.compile(r"(?i:published|commissioned|conducted for|carried out for)")
_REPEATS = re.compile(r"[*+{]")


def number(token: str) -> float | None:
    """The value of a numeral or number word ("53", "4.5", "150,000", "thirty-two", "one")."""
    t = token.lower().replace(",", "")
    if _NUMERAL.fullmatch(t):
        return float(t)
    word = numbers.value(t)
    return None if word is None else float(word)


def _clean(value: float) -> int | float:
    return int(value) if float(value).is_integer() else value


def _fmt(value: float) -> str:
    return format(value, "g")


def _overlaps(a: Span, spans: Iterable[Span]) -> bool:
    return any(a[0] < e and s < a[1] for s, e in spans)


# --------------------------------------------------------------------------
# Options: parties and people


@dataclass(frozen=True)
class Option:
    """A party or person named in the text."""

    start: int
    end: int
    id: str
    name: str
    party: bool


def _sentence_start(text: str, pos: int) -> bool:
    """Is ``pos`` the first word of a sentence (where a capital says nothing about names)?"""
    end = pos   # text[:end] is text[:pos] without the spaces, quotes and brackets before pos
    while end and text[end - 1] in _OPENING:
        end -= 1
    if end and text[end - 1] == "." and _TITLE_STOP.search(text[max(0, end - 12):end]):
        return False   # "Mr. Corbyn": the name after a title's full stop
    return not end or text[end - 1] in "\n.!?:•▪●◦‣*"   # a list item starts a sentence too


_OPENING = frozenset(" \t\u00a0\"'([“‘")


def _name_words(text: str, m: re.Match[str]) -> list[str]:
    """Words of a capitalised run, without a sentence-initial word, a title or a possessive."""
    words = m.group().removesuffix("'s").split()
    if _sentence_start(text, m.start()) or words[0] in _NOT_NAMES or words[0] in _OPENERS:
        words = words[1:]    # "Only 53%", "Meanwhile Starmer": the full name is found where it is not first
    return words


class _Names:
    """Finds options in an article and normalises them to actor-like ids."""

    def __init__(self, text: str, aliases: Mapping[str, str] | None) -> None:
        self.text = text
        self.aliases = aliases if aliases is not None else {}   # (read only: not copied, for speed)
        self.key = prefilter.key(text)   # (for the gates: speed)
        self._ending: dict[str, list[str]] = {}

    def ending(self, word: str) -> list[str]:
        """The article's names (capitalised runs of ``_NAME``, through ``_name_words``) whose last word is
        ``word``, in text order. Speed only: the runs are found around the word's occurrences, not in
        the whole text; a scan from a character no run can hold (or from the start) finds what a scan
        from the start finds from there on, as no run spans it."""
        if word in self._ending:
            return self._ending[word]
        text, found = self.text, {}
        at = text.find(word) if word else -1
        while at != -1:
            sync = at
            while sync and text[sync - 1] in _NAME_CHARS:
                sync -= 1
            for m in _NAME.finditer(text, sync):
                if m.start() > at:
                    break
                if m.start() not in found:
                    found[m.start()] = " ".join(_name_words(text, m))
            at = text.find(word, at + 1)
        out = self._ending[word] = [n for n in found.values() if n and n.split()[-1] == word]
        return out

    def _person(self, name: str) -> tuple[str, str]:
        """(id, fullest name) of a person: an actor alias if one matches, else a slug."""
        surname = name.split()[-1]
        fullest = max(self.ending(surname), key=len, default=name)
        for key in (fullest, name, surname):
            if key in self.aliases:
                return self.aliases[key], fullest
        return _NOT_SLUG.sub("-", fullest.lower()).strip("-"), fullest

    def picked(self, pos: int, end: int) -> list[Option]:
        """What a respondent picked, named at pos: a person or party, or a capitalised thing such as a
        country ("identify Russia as", "selecting North Korea, …"), ending its clause or followed by
        "as"/"in"/"and"; never the people asked ("Britons")."""
        m = _PICKED.match(self.text, pos, end)
        if m is None or m.group("name").casefold() in _POPULATION_FOLDED:
            return []
        name = m.group("name")
        pid = self.aliases.get(name) or _NOT_SLUG.sub("-", name.lower()).strip("-")
        return [Option(m.start("name"), m.end("name"), pid, name, False)]

    def surname(self, pos: int) -> list[Option]:
        """A bare surname at pos ("39% said May") of a person named in full in the article."""
        m = _SURNAME.match(self.text, pos)
        if m is None or not any(len(n.split()) > 1 for n in self.ending(m.group())):
            return []
        pid, full = self._person(m.group())
        return [Option(pos, m.end(), pid, full, False)]

    def options(self, start: int, end: int) -> list[Option]:
        """Parties and people named in text[start:end], in order."""
        out: list[Option] = []
        gated = prefilter.ENABLED   # (speed: a window with no party's words is not searched for each)
        parties = not gated or _PARTY_GATE.search(self.text, start, end) is not None
        for (rx, pid, name), bare in zip(_PARTY, _PARTY_BARE, strict=True) if parties else ():
            if gated and bare.search(self.text, start, end) is None:
                continue
            # "Labour voters (31%)": the subgroup asked, not the party chosen
            out += [Option(m.start(), m.end(), self.aliases.get(name, pid), name, True)
                    for m in rx.finditer(self.text, start, end) if not _ASKED.match(self.text, m.end())]
        toplines = not gated or _TOPLINE_GATE.search(self.text, start, end) is not None
        for (rx, pid, name), bare in zip(_TOPLINE, _TOPLINE_BARE, strict=True) if toplines else ():
            if gated and bare.search(self.text, start, end) is None:
                continue
            # the share it precedes may lie just past the window
            out += [Option(m.start(), m.end(), self.aliases.get(name, pid), name, True)
                    for m in rx.finditer(self.text, start, end + 16) if m.end() <= end]
        taken = [(o.start, o.end) for o in out]
        for m in _NAME.finditer(self.text, start, end):
            words = _name_words(self.text, m)
            name = " ".join(words)
            if (not words or words[0] in _NOT_NAMES or _overlaps(m.span(), taken)
                    or all(w in _NOT_POLLSTER for w in words)   # places, institutions: "Russia", "Ukraine"
                    or all(w.casefold() in _POPULATION_FOLDED for w in words)   # "of Britons": who was asked
                    or _POLLSTER.fullmatch(name) or self.text[max(0, m.start() - 4):m.start()] == "the "):
                continue
            pid, full = self._person(name)
            stop = m.end() - (2 if m.group().endswith("'s") else 0)
            out.append(Option(stop - len(name), stop, pid, full, False))
        return sorted(out, key=lambda o: o.start)


_NAME_CHARS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-' ")   # all _NAME can hold
_SURNAME = re.compile(r"[A-Z][a-z]+(?:[-'][A-Z]?[a-z]+)?\b")
_ASKED = re.compile(rf"[ \u00a0]+(?:{_POPULATIONS})\b")
_NAMED_THING = r"[A-Z][\w’'-]*(?:[ \u00a0]+(?:of[ \u00a0]+)?[A-Z][\w’'-]*){0,3}"
_PICKED = re.compile(rf"(?:the[ \u00a0]+)?(?P<name>{_NAMED_THING})"
                     r"(?=[ \u00a0]*(?:[,.;:)]|\Z)|[ \u00a0]+(?:as|in|and|or|among|at)\b)")
# an elliptical list after a first answer: "40% selecting Ruritania, 37% Narnia and 35% Oz"
_LIST_ITEM = re.compile(rf"[ \u00a0]+(?P<name>{_NAMED_THING})(?=[ \u00a0]*[,.;]|[ \u00a0]+(?:and|or)\b)")


def _prefer_party(options: list[Option]) -> list[Option]:
    return [o for o in options if o.party] or options


# --------------------------------------------------------------------------
# Poll figures


@dataclass
class _Figure:
    measure: str  # share | lead
    value: float
    start: int
    end: int
    sentence: Span
    option: Option | None = None
    versus: Option | None = None
    behind: bool = False  # "N points behind X": swapped to X ahead once X is known
    has_versus: bool = False
    derived: bool = False
    derivation: str = ""
    check: str = ""
    change: float | None = None
    change_span: Span | None = None
    previous: DateInterval | None = None
    note: str = ""
    earlier: bool = False   # a figure of an earlier wave set beside the current one ("cf. 31% in May")
    fixed: bool = False     # its option was set where it was found (a net pair or change)


@dataclass
class _Poll:
    sentences: list[Span]
    pollster: str = ""
    sponsor: str = ""
    figures: list[_Figure] = field(default_factory=list)


# --- Speed only, exact: gates. A gate is a pattern that finds something in every paragraph a rule can
# match in (in the text, or in its ``prefilter.key`` for a rule that ignores case), so a paragraph where
# the gate finds nothing is not searched. Each gate is proved from the rule's pattern where it is made,
# and tests/test_speed_p5polls.py compares gated and ungated results.


def _literals(*needs: frozenset[str] | None, flags: int = 0) -> re.Pattern[str] | None:
    """One pattern that finds any of the literals: its ``search(s, start, end)`` finds something iff
    one lies wholly in s[start:end]; None when a set is unknown (``prefilter.required`` gave None)."""
    if any(n is None for n in needs):
        return None
    words = sorted(set().union(*needs), key=lambda w: (-len(w), w))   # type: ignore[arg-type]
    return re.compile("|".join(map(re.escape, words)), flags)


# _POLLSTER has no flags and opens with a registered name verbatim ("ORB", never the "orb" of "Corbyn")
_POLLSTER_NAMES = _literals(frozenset(KNOWN_POLLSTERS))
# every match of _POLL_WORDS or _NAMED_POLL holds "poll" or "survey" in some case (each branch of
# _NAMED_POLL spells one, in its body or in a lookahead, which reads the searched paragraph only)
_POLL_STEMS = _literals(frozenset({"poll", "survey"}))
# what a paragraph that opens a poll passage holds in its key: a poll word or an "@" handle (a known
# pollster is looked for in the text: _POLLSTER_NAMES)
_OPEN_WORDS = _literals(frozenset({"poll", "survey", "@"}), prefilter.required(_POLL_WORDS))
_OPEN_LITERALS = frozenset({"poll", "survey", "@"} | set(prefilter.required(_POLL_WORDS) or ()))
_OPEN_SHORTEST = tuple(sorted(w for w in _OPEN_LITERALS
                              if not any(v != w and v in w for v in _OPEN_LITERALS)))   # one in each


def _need(rx: re.Pattern[str]) -> frozenset[str] | None:
    """Literals (in the key) one of which every match of a paragraph rule holds: ``prefilter.required``,
    but a share's literals ("%", "cent", "pc") for a rule that states a share (_PCT is not optional in
    _ANSWERED or _CONTINUES; the share's literals are the shorter list)."""
    return prefilter.required(_RX["share"] if rx in (_ANSWERED, _CONTINUES) else rx)


@functools.cache
def _gates(rx: re.Pattern[str]) -> tuple[tuple[re.Pattern[str], bool], ...]:
    """(gate, read the key?) pairs of a rule searched in paragraphs."""
    if rx is _POLLSTER:
        return ((_POLLSTER_NAMES, False),) if _POLLSTER_NAMES else ()
    if rx is _NAMED_POLL:
        return ((_POLL_STEMS, True),) if _POLL_STEMS else ()
    gates = [_SHARE_GATE if rx in (_RX["share"], _ANSWERED, _CONTINUES) else _literals(_need(rx))]
    if rx is _ANSWERED:   # the share's sign and the respondent verbs
        gates.append(_literals(prefilter.required(rx)))
    if rx is _LEAD_FROM:   # "lead", and the "from" it always spells
        gates.append(_literals(frozenset({"from"})))
    return tuple((g, True) for g in gates if g is not None)


def _hit(rx: re.Pattern[str], text: str, text_key: str, start: int, end: int) -> bool:
    """``rx.search(text[start:end])`` found something (``text_key``: the text's ``prefilter.key``);
    skipped when a gate finds nothing."""
    if prefilter.ENABLED:
        for gate, on_key in _gates(rx):
            if gate.search(text_key if on_key else text, start, end) is None:
                return False
    return rx.search(text[start:end]) is not None


def _matches(rx: re.Pattern[str], text: str, text_key: str, s: Span) -> Iterator[re.Match[str]]:
    """``rx.finditer(text, *s)`` (``text_key``: the text's ``prefilter.key``); nothing, unsearched, when a
    gate finds nothing in the span (a match lies in the span, and so do the literals it consumes)."""
    if prefilter.ENABLED:
        for gate, on_key in _gates(rx):
            if gate.search(text_key if on_key else text, *s) is None:
                return iter(())
    return rx.finditer(text, *s)


def _found(rx: re.Pattern[str], text: str, text_key: str, s: Span) -> bool:
    """``rx.search(text, *s)`` found something (unsearched where a gate finds nothing)."""
    return next(_matches(rx, text, text_key, s), None) is not None


def _opens(text: str, text_key: str, start: int, end: int) -> bool:
    """Could a paragraph in text[start:end] open a poll passage (see ``_blocks``)? False only if none
    can: no poll word, known pollster or "@" handle in it."""
    return (not prefilter.ENABLED or _OPEN_WORDS is None or _POLLSTER_NAMES is None
            or _OPEN_WORDS.search(text_key, start, end) is not None
            or _POLLSTER_NAMES.search(text, start, end) is not None)


def _opens_anywhere(text: str, text_key: str) -> bool:
    """``_opens`` over the whole text, quicker: each of the shortest poll words is looked for alone
    (every literal of _OPEN_WORDS holds one of them)."""
    if not prefilter.ENABLED or _OPEN_WORDS is None or _POLLSTER_NAMES is None:
        return True
    return any(w in text_key for w in _OPEN_SHORTEST) or _POLLSTER_NAMES.search(text) is not None


@functools.cache
def _signal_words() -> re.Pattern[str] | None:
    """A gate for all the rules that continue a passage (see ``_blocks``): the union of their
    literals, as each of them needs one of its own."""
    return _literals(*(_need(rx) for rx in (_RX["share"], _RX["lead"], _RX["ahead"], _ANSWERED, _NET_FROM,
                                            _NET_PAIR, _LEAD_FROM, _RX["net"], _SIGNED_RATING, _CONTINUES)))


def _signals(text_key: str, start: int, end: int) -> bool:
    """Could text[start:end] continue a poll passage by a figure or a respondent signal? False only if
    no rule that continues one can match there."""
    gate = _signal_words()
    return not prefilter.ENABLED or gate is None or gate.search(text_key, start, end) is not None


def _blocks(paragraphs: Iterable[Paragraph], text: str, text_key: str | None = None) -> list[list[Paragraph]]:
    """Paragraphs about polls: from the first one that mentions a poll, every paragraph that
    mentions one or states a share or lead with a respondent signal ("seen by 48%", "39% said
    May", "28 per cent said Starmer would", "ahead of") continues the passage, so a poll named once
    carries to the figures below."""
    text_key = prefilter.key(text) if text_key is None else text_key
    if not _opens_anywhere(text, text_key):   # most articles: no poll named, so no passage
        return []
    current: list[Paragraph] = []
    adjacent = False
    for p in paragraphs:
        if p.kind not in TEXT_KINDS:   # headlines restate the body
            continue
        opens = _opens(text, text_key, p.start, p.end)
        if not current and not opens:
            continue   # (adjacent stays False: no passage is open)
        hit = functools.partial(_hit, text=text, text_key=text_key, start=p.start, end=p.end)
        if opens and (hit(_POLL_WORDS) or hit(_POLLSTER) or hit(_NAMED_POLL) or (
                "@" in text[p.start:p.end] and _handle(text, (p.start, p.end)))):
            adjacent = True
        elif not current or not _signals(text_key, p.start, p.end):
            adjacent = False
        else:
            body = text[p.start:p.end]
            adjacent = bool((adjacent and (hit(_CONTINUES) or (
                _BULLET.match(body) and (hit(_RX["share"]) or hit(_RX["net"])))))
                or (hit(_RX["share"]) and hit(_SIGNAL)) or hit(_RX["lead"]) or hit(_RX["ahead"])
                or hit(_ANSWERED) or hit(_NET_FROM) or hit(_NET_PAIR) or hit(_LEAD_FROM) or hit(_RX["net"])
                or hit(_SIGNED_RATING))
        if adjacent:
            current.append(p)
    return [current] if current else []


def _polls(block: list[Paragraph], text: str, sentences: Mapping[int, list[Span]],
           text_key: str | None = None) -> list[_Poll]:
    """Split a block into polls: a sentence naming a new poll starts one."""
    polls: list[_Poll] = []
    pending: list[Span] = []
    for p in block:
        for s in sentences.get(p.index, []):
            named = poll_named(text, s, text_key)
            if named and (not polls or polls[-1].pollster != named[0]):
                polls.append(_Poll([*pending, s], named[0], named[1]))
                pending = []
            elif polls:
                polls[-1].sentences.append(s)
                polls[-1].sponsor = polls[-1].sponsor or (named[1] if named else "")
            else:
                pending.append(s)
    return [*polls, _Poll(pending)] if pending else polls


def _changes(text: str, s: Span, text_key: str) -> list[tuple[re.Match[str], float]]:
    """Stated changes since the previous poll in a sentence, with their signed size."""
    out = []
    for name in ("change_by", "change_updown", "change_same"):
        for m in _matches(_RX[name], text, text_key, s):
            n = 0.0 if name == "change_same" else number(m.group("n"))
            if n is not None:
                out.append((m, -n if name != "change_same" and m.group("dir").lower() in _DOWN else n))
    for m in _matches(_RX["change_bracket"], text, text_key, s):
        n = 0.0 if m.group("nc") else float(m.group("n"))
        out.append((m, -n if m.group("sign") in ("-", "−", "–") else n))
    return out


_SIGNED = r"[-+−–]?\d+(?:\.\d+)?"
_NET_WORDS = r"\bnet(?:[- ][a-z]+)?[ \u00a0]+(?:ratings?|scores?)\b"
# two net ratings compared in brackets: "her net rating is higher than Mr Doe's (-7 v -18)"
_NET_PAIR = re.compile(rf"{_NET_WORDS}[^;]{{0,80}}?\((?P<a>{_SIGNED})%?[ \u00a0]+(?:v|vs\.?|versus)[ \u00a0]+"
                       rf"(?P<b>{_SIGNED})%?\)")
# a net rating's change: "his net approval rating has risen from -11% last month to -9% now"
_NET_FROM = re.compile(rf"{_NET_WORDS}[^;]{{0,40}}?\bfrom[ \u00a0]+(?P<a>{_SIGNED})%?[^;]{{0,30}}?"
                       rf"\bto[ \u00a0]+(?P<b>{_SIGNED})%?")


# a rating stated with a sign (a net figure) without the word "net": "whose favourability sat on just +0.3"
_SIGNED_RATING = re.compile(r"(?i:\b(?:favourability|favorability|approval)(?:[ \u00a0]+(?:rating|score)s?)?"
                            r"[ \u00a0]+(?:(?:is|was|sat|stood|stands|sits|came)[ \u00a0]+)?"
                            r"(?:on|at|of)[ \u00a0]+(?:(?:just|only|a|an)[ \u00a0]+)?)"
                            r"(?P<sign>[-+−–])(?P<n>\d+(?:\.\d+)?)(?![\d%])")


def _signed(token: str) -> float:
    return -float(token[1:]) if token[0] in "-−–" else float(token.lstrip("+"))


def _net_figures(text: str, s: Span, names: _Names) -> list[_Figure]:
    """Net ratings stated as a bracketed pair or a change "from A to B". A pair compares the one named
    last before it with the one named before that; a change is one person's, the earlier value
    marked as an earlier wave."""
    out = []
    for m in _matches(_NET_PAIR, text, names.key, s):
        named = names.options(s[0], m.start("a"))
        b = named[-1] if named else None
        a = next((o for o in reversed(named) if b is None or o.id != b.id), None)
        out += [_Figure("net", _signed(m.group("a")), m.start("a"), m.end("a"), s, option=a, fixed=True),
                _Figure("net", _signed(m.group("b")), m.start("b"), m.end("b"), s, option=b, fixed=True)]
    for m in _matches(_NET_FROM, text, names.key, s):
        named = names.options(s[0], m.start())
        who = named[-1] if named else None
        out += [_Figure("net", _signed(m.group("a")), m.start("a"), m.end("a"), s, option=who, fixed=True,
                        earlier=True),
                _Figure("net", _signed(m.group("b")), m.start("b"), m.end("b"), s, option=who, fixed=True)]
    return out


# a lead's change: "the Tory lead from 9 to 5", "her lead over Y on Z has risen slightly from 6 points to 8"
_LEAD_FROM = re.compile(rf"(?i:\blead\b(?:[^.;()]{{0,80}}?\b(?:fallen|fell|dropped|risen|rose|grown|grew|"
                        rf"narrowed|widened|shrunk|gone|went|cut|down|up)(?:[ \u00a0]+\w+ly)?)?"
                        rf"[ \u00a0]+from[ \u00a0]+"
                        rf"(?P<n0>{NUM})(?:[ \u00a0-]{_POINTS})?[ \u00a0]+to[ \u00a0]+(?P<n>{NUM})"
                        rf"(?:[ \u00a0-]{_POINTS})?)")
_Orphan = tuple[Option, float, Span]  # a change whose share is stated elsewhere ("Labour's share is up two")


def _sentence_figures(text: str, s: Span, names: _Names,
                      context: dict[str, tuple[Option, Option]] | None = None
                      ) -> tuple[list[_Figure], list[_Orphan]]:
    """Shares and leads stated in one sentence, with options and changes; unattached changes."""
    changes = _changes(text, s, names.key)
    used = [m.span() for m, _ in changes]
    figures = [f for f in _net_figures(text, s, names) if not _overlaps((f.start, f.end), used)]
    used += [(f.start, f.end) for f in figures]
    # "whose favourability sat on just +0.3": a net rating
    for m in _matches(_SIGNED_RATING, text, names.key, s):
        n = number(m.group("n"))
        if n is not None and n <= 100 and not _overlaps(m.span(), used):
            value = -n if m.group("sign") in "-−–" else n
            figures.append(_Figure("net", value, m.start("sign"), m.end("n"), s))
            used.append(m.span())
    for m in _matches(_RX["net"], text, names.key, s):
        # a net rating (approve minus disapprove), in points and signed: "+7% net rating", "rating of -20"
        g = "n" if m.group("n") else "n2"
        n, sign = number(m.group(g)), m.group("sign" if g == "n" else "sign2")
        if n is not None and n <= 100 and not _overlaps(m.span(), used):
            start = m.start("sign") if g == "n" and sign else m.start(g) if g == "n" else m.start("sign2")
            figures.append(_Figure("net", -n if sign and sign in "-−–" else n, start,
                                   m.end("v" if g == "n" else "v2"), s))
            used.append(m.span())
    # "the Tory lead from 9 to 5": an earlier wave's, then this
    for m in _matches(_LEAD_FROM, text, names.key, s):
        n0, n1 = number(m.group("n0")), number(m.group("n"))
        if n0 is not None and n1 is not None and max(n0, n1) <= 100 and not _overlaps(m.span(), used):
            owner = names.options(s[0], m.start())   # whose lead: named before "lead", over the one after
            over = _LEAD_OVER.match(text[m.start():m.end()])
            versus = names.options(m.start() + over.end(), m.end()) if over else []
            who, vs = (owner[-1] if owner else None), (versus[0] if versus else None)
            figures += [_Figure("lead", n0, m.start("n0"), m.end("n0"), s, who, vs, earlier=True, fixed=True),
                        _Figure("lead", n1, m.start("n"), m.end("n"), s, who, vs, fixed=True)]
            used.append(m.span())
    for name in ("lead", "lead_of", "lead_by", "ahead", "gap", "higher"):
        for m in _matches(_RX[name], text, names.key, s):
            n, over = number(m.group("n")), m.groupdict().get("over")
            span = (m.start() if name == "lead_of" else m.start("n"), m.start("over") if over else m.end())

            if n is None or n > 100 or _overlaps(span, used):
                continue
            behind = (name == "ahead" and m.group("dir").lower() == "behind") or (
                name == "higher" and m.group("dir").lower() in ("lower", "fewer", "less"))

            figures.append(_Figure("lead", n, *span, s, behind=behind,
                                   has_versus=bool(over) or name == "ahead"))
            used.append(span)
    for m in _matches(_RX["share"], text, names.key, s):
        n = number(m.group("n"))
        if n is not None and n <= 100 and not _overlaps(m.span(), used):
            figures.append(_Figure("share", n, m.start(), m.end(), s))
    figures.sort(key=lambda f: f.start)
    _assign_options(text, s, figures, names, context)
    orphans: list[_Orphan] = []
    for m, delta in changes:
        before = [f for f in figures if f.measure == "share" and f.end <= m.start()]
        named = names.options(s[0], m.start())
        if before:
            before[-1].change, before[-1].change_span = delta, m.span()
        elif named:
            orphans.append((named[-1], delta, m.span()))
    return figures, orphans


def _assign_options(text: str, s: Span, figures: list[_Figure], names: _Names,
                    context: dict[str, tuple[Option, Option]] | None = None) -> None:
    """Option of each figure, from its clause: the object of a respondent verb after it ("39% said
    May", "56% backing the move": support), a pair "45% to 33% ... for A over B" (the second share
    goes to the other side, carried from the previous pair when unnamed), a lead "for X"; else the
    nearest name before it (a pronoun means the previous figure's)."""
    context = context if context is not None else {}
    prev_end, prev_option = s[0], None
    paired: set[int] = set()
    for i, f in enumerate(figures):
        window = names.options(prev_end, f.start)
        if i in paired or f.fixed:
            prev_end, prev_option = f.end, f.option or prev_option
            continue
        if f.measure == "net":    # the one rated: the nearest name before it, never an answer option
            before = names.options(s[0], f.start) or names.options(max(0, f.start - _NET_REACH), f.start)
            f.option = before[-1] if before else None
        elif f.measure == "lead":
            pronoun = _PRONOUN_BEFORE.search(text, prev_end, f.start)
            f.option = prev_option if (pronoun or not window) else _prefer_party(window)[-1]
            lead_for = _LEAD_FOR.match(text[f.end:s[1]])
            if lead_for:
                after = names.options(f.end + lead_for.end(), min(s[1], f.end + lead_for.end() + 30))
                f.option = after[0] if after else f.option
            after = names.options(f.end, min(s[1], f.end + 80)) if f.has_versus else []
            if after:
                f.versus = _prefer_party(after)[0] if f.option and f.option.party else after[0]
        else:
            nxt = figures[i + 1] if i + 1 < len(figures) else None
            pair = _PAIR.match(text, f.end, s[1])
            if pair and nxt is not None and nxt.measure == "share" and nxt.start == pair.start("n"):
                a, b = _pair_options(text, s, f, nxt, window, names, context)
                f.option, nxt.option = a, b
                if a and b:
                    context["pair"] = (a, b)
                paired.add(i + 1)
            else:
                answer = _RESPONDENT.match(text, f.end, s[1])
                copula = _COPULAR_ANSWER.match(text, answer.end(), s[1]) if answer else None
                earlier = prev_option or context.get("last", (None, None))[0]
                again = _AGAIN.match(text, f.end, s[1])
                retained = names.options(again.start("party"), again.end("party")) if again else []
                item = _LIST_ITEM.match(text, f.end, s[1]) if i > 0 and not answer else None
                listed = names.picked(item.start("name"), s[1]) if item else []
                if _EARLIER_WAVE.search(text, max(0, f.start - 20), f.start) and earlier is not None:
                    f.option = earlier   # "25% are satisfied (cf. 31% in November)": the same answer
                    f.earlier = True
                elif retained:   # "53% of those who voted Conservative … would do so again": that party
                    f.option = retained[0]
                elif listed:   # "…, 37% Narnia and 35% Oz": the name right after the share
                    f.option = listed[0]
                elif answer and _PRONOUN_ANSWER.match(text, answer.end(), s[1]) and (
                        prev_option is not None or _person_before(names, f) is not None):
                    # "17% think he can win": the person of the previous figure, else the one named last
                    f.option = prev_option or _person_before(names, f)
                elif copula and _SIDES.get(answer.group("verb").casefold()) is None:
                    w = copula.group("answer")   # "26% believe it has been good": the answer is "good"
                    f.option = Option(copula.start("answer"), copula.end("answer"), w.casefold(), w, False)
                elif answer and answer.group("verb").casefold() in _OPINION_VERBS and (
                        prop := _PROPOSITION.match(text, answer.end(), s[1])):
                    # "42% believe that the UK should keep going": agreement with what was put to them;
                    # "39% think May would do better": the person or party named is the choice
                    who = names.surname(_PROPOSITION_HEAD.match(text, answer.end()).end()) or \
                        names.options(answer.end(), prop.end())
                    f.option = who[0] if who else Option(prop.start(), prop.end(), "agree", "agree", False)
                elif answer and answer.group("verb").casefold() in _OPINION_VERBS and (
                        done := _DONE_ANSWER.match(text, answer.end(), s[1])):
                    w = done.group("answer")
                    f.option = Option(done.start("answer"), done.end("answer"), _NOT_SLUG.sub("-", w)
                                      .strip("-"), w, False)
                else:
                    f.option = (_respondent_option(text, s, f, names)
                                or (window[-1] if window else prev_option))
        prev_end, prev_option = f.end, f.option or prev_option
        if f.option is not None:   # the last option stated, for an earlier wave in the next sentence
            context["last"] = (f.option, f.option)
        if f.behind and f.versus:
            f.option, f.versus, f.behind = f.versus, f.option, False
        elif f.behind:
            f.option, f.versus = None, f.option
            f.note = "the option ahead of versus is not named"


_SAME_OF = re.compile(r"[ \u00a0]*(?:the[ \u00a0]+same[ \u00a0]+(?:of|about|for)[ \u00a0]+)?"
                      rf"(?:the[ \u00a0]+)?(?:(?:{_TITLES})\.?[ \u00a0]+)?")   # "say Mr Corbyn is …"
# a respondent verb whose object is a person's pronoun ("53% say she is handling it well"): the person
# the figure before it is about
_PRONOUN_ANSWER = re.compile(r"(?:he|she|him|her)\b")
# "26% believe it has been good", "19% say it is poor": a one-word answer ending its clause
_COPULAR_ANSWER = re.compile(r"(?:it|they|this|that)[ \u00a0]+(?:is|are|was|were|has[ \u00a0]+been|"
                             r"have[ \u00a0]+been|had[ \u00a0]+been|will[ \u00a0]+be|would[ \u00a0]+be)"
                             r"[ \u00a0]+"
                             r"(?:(?:very|too|quite|fairly|rather)[ \u00a0]+)?(?P<answer>[a-z]+)"
                             r"(?=[ \u00a0]*(?:[,.;:)]|$|[ \u00a0](?:and|but|while|whereas)\b))")
# an opinion verb whose object is a proposition with a modal ("think the UK should …")
_OPINION_VERBS = frozenset({"think", "thinks", "thought", "thinking", "believe", "believes", "believed",
                            "believing", "feel", "felt", "feeling"})
# what respondents think is being done, in its own words: "45% think that they are giving the right amount
# of support" -> "the right amount of support"
_DONE_ANSWER = re.compile(r"(?:that[ \u00a0]+)?(?:they|it|he|she|we|the[ \u00a0]+\w+)[ \u00a0]+"
                          r"(?:are|is|was|were|have[ \u00a0]+been|has[ \u00a0]+been)[ \u00a0]+"
                          r"\w+ing[ \u00a0]+(?P<answer>[a-z][\w -]{2,60}?)"
                          r"(?=[ \u00a0]*(?:[,.;:)]|\Z|[ \u00a0](?:and|but|while|whereas|to|for|with)\b))")
_PROPOSITION = re.compile(r"(?:that[ \u00a0]+)?(?:[\w’'-]+[ \u00a0]+){1,5}?(?:should|must|ought[ \u00a0]+to|"
                          r"would|will|could|can|needs?[ \u00a0]+to)\b")
_PROPOSITION_HEAD = re.compile(r"(?:that[ \u00a0]+)?(?:the[ \u00a0]+)?")
# a past vote the respondents would repeat: "53% of those who voted Conservative in 2019 say they would
# do so again" (the party is the answer, not only who was asked)
_AGAIN = re.compile(r"[ \u00a0]+of[ \u00a0]+(?:those|people|voters|respondents)[ \u00a0]+who[ \u00a0]+"
                    r"(?:voted|backed|supported)[ \u00a0]+(?:for[ \u00a0]+)?(?:the[ \u00a0]+)?"
                    r"(?P<party>[A-Z][\w-]*)[^.;:]{0,80}?\b(?:do|did|vote|back)[ \u00a0]+"
                    r"(?:so|them|it|for[ \u00a0]+them)[ \u00a0]+again\b")
# a figure of an earlier wave set beside the current one: "(cf. 31% in November)", "(down from 40%)"
_EARLIER_WAVE = re.compile(r"\((?:cf\.?|compared[ \u00a0]+(?:with|to)|versus|vs\.?|(?:up|down)[ \u00a0]+from|"
                           r"from)[ \u00a0]*$", re.IGNORECASE)


def _person_before(names: _Names, f: _Figure) -> Option | None:
    """The person named last before a figure (a full name or a registered one, never a party or a
    lone capitalised word such as "Britons"), within a net rating's reach."""
    people = [o for o in names.options(max(0, f.start - _NET_REACH), f.start) if not o.party
              and (len(o.name.split()) > 1 or o.id in names.aliases.values())]   # not "Britons"
    return people[-1] if people else None


def _respondent_option(text: str, s: Span, f: _Figure, names: _Names) -> Option | None:
    """ "39% said May" -> May; "56% of respondents backing the move" -> support (the side)."""
    m = _RESPONDENT.match(text, f.end, s[1])
    if m is None or (m.group("verb").casefold() in _SUPPORT_NOUNS and not text[f.end:m.start("verb")].strip()
                     and _WITH_SHARE.search(text, max(s[0], f.start - 40), f.start)):
        return None   # "X with 43 per cent support": the noun, the share of the one named before
    opts = names.surname(m.end()) or names.options(m.end(), min(s[1], m.end() + 40))
    gap = text[m.end():opts[0].start] if opts else ""
    if opts and _SAME_OF.fullmatch(gap):   # "39% said May", "18% say the same of Corbyn"
        return opts[0]
    side = _SIDES.get(" ".join(m.group("verb").casefold().split()))
    if side is None:   # "identify Russia as the biggest threat": a country picked from a list
        picked = names.picked(m.end(), s[1])
        return picked[0] if picked else None
    stop = _CLAUSE_BREAK.search(text, m.end(), s[1])
    end = stop.start() if stop else s[1]
    phrase = text[m.start("verb"):end].rstrip(" .\u00a0")
    return Option(m.start("verb"), m.start("verb") + len(phrase), side, phrase, False)


# "with 43 per cent support": the noun after a share held by the one named before it
_SUPPORT_NOUNS = frozenset({"support", "backing"})
_WITH_SHARE = re.compile(r"\bwith[ \u00a0]+(?:(?:just|only|some|around|about|nearly|almost|over|under)"
                         r"[ \u00a0]+)?\Z")


# "by 51% to 22%" right after the question about one person: the two answers of that rating
_BY_MARGIN = re.compile(r"\bby[ \u00a0]+\Z")


def _pair_options(text: str, s: Span, f: _Figure, g: _Figure, window: list[Option], names: _Names,
                  context: dict[str, tuple[Option, Option]]) -> tuple[Option | None, Option | None]:
    """Options of "A% to B%": "for X over Y" after the pair, else the leader named before it and
    the side it leads ("a lead over Y", or the other side of the previous pair)."""
    fo = _FOR_OVER.match(text, g.end, s[1])
    if fo:
        a = names.options(fo.start("a"), fo.end("a"))
        b = names.options(fo.start("b"), fo.end("b"))
        if a and b:
            return a[0], b[0]
    parties = [o for o in names.options(s[0], f.start) if o.party]
    over = [o for o in parties if _OVER_BEFORE.search(text[s[0]:o.start])]
    leader = next((o for o in reversed(parties) if o not in over), None) or (window[-1] if window else None)
    other = over[-1] if over else None
    if other is None and leader is not None and "pair" in context:
        x, y = context["pair"]
        other = y if x.id == leader.id else x if y.id == leader.id else None
    if other is None and leader is not None and not leader.party and _BY_MARGIN.search(text, s[0], f.start):
        other = leader   # "thought May had done well by 51% to 22%": both answers rate the one person
    return leader, other


def _derive(poll: _Poll) -> None:
    """Add shares implied by a lead and one stated share; cross-check fully stated leads."""
    shares = {f.option.id: f for f in poll.figures if f.measure == "share" and f.option}
    for lead in [f for f in poll.figures if f.measure == "lead" and f.option and f.versus]:
        assert lead.option is not None and lead.versus is not None
        a, b = shares.get(lead.option.id), shares.get(lead.versus.id)
        gap = lead.value
        if a and b:
            verdict = "agrees with the stated lead" if abs(a.value - b.value - gap) < 1e-9 else \
                f"differs from the stated {_fmt(gap)}"
            lead.check = f"{_fmt(a.value)} - {_fmt(b.value)} = {_fmt(a.value - b.value)}: {verdict}"
            continue
        known = a or b
        if known is None or known.option is None:
            continue
        other = lead.versus if a else lead.option
        sign = -1 if a else 1
        span = (min(known.start, lead.start, other.start), max(known.end, lead.end, other.end))
        fig = _Figure("share", known.value + sign * gap, *span, lead.sentence, option=other, derived=True,
                      derivation=f"{_fmt(known.value)} {'-' if sign < 0 else '+'} {_fmt(gap)}",
                      note=f"implied by the stated share of {known.option.name} and the "
                      f"{_fmt(lead.value)}-point lead")
        poll.figures.append(fig)
        shares[other.id] = fig


# --------------------------------------------------------------------------
# Poll-level facts: dates, sponsor, population


@dataclass(frozen=True)
class _Dated:
    mention: TemporalMention
    cue_start: int


def _dates(text: str, poll: _Poll, mentions: list[TemporalMention]) -> dict[str, list[_Dated]]:
    """The poll's date mentions by role: fieldwork, published, previous (the cue nearest before)."""
    roles: dict[str, list[_Dated]] = {role: [] for role in _CUES}
    lo, hi = min(s[0] for s in poll.sentences), max(s[1] for s in poll.sentences)
    for t in mentions:
        if not lo <= t.start < hi:   # in none of the poll's sentences (speed)
            continue
        s = next((s for s in poll.sentences if s[0] <= t.start < s[1]), None)
        if s is None or t.kind == "event":
            continue
        best: tuple[int, int, str] | None = None
        for role, rx in _CUES.items():
            for m in rx.finditer(text, s[0], t.start):
                same_clause = not _CLAUSE_BREAK.search(text, m.end(), t.start)
                if t.start - m.end() <= _CUE_REACH and same_clause and (best is None or m.end() > best[1]):
                    best = (m.start(), m.end(), role)
        if best:
            roles[best[2]].append(_Dated(t, best[0]))
    return roles


def _hull(dated: list[_Dated]) -> DateInterval | None:
    ivs = [d.mention.interval for d in dated]
    starts = [i.start for i in ivs if i.start]
    ends = [i.end for i in ivs if i.end]
    return DateInterval(min(starts), max(ends)) if starts and ends else None


def _quote(article: Article, dated: list[_Dated]) -> str:
    return ", ".join(f'"{article.text[d.cue_start:d.mention.end]}"' for d in dated)


def _previous_dates(article: Article, poll: _Poll, previous: list[_Dated]) -> str:
    """Date each change by the previous poll's date stated with it (or earlier in the poll)."""
    last: _Dated | None = None
    for f in sorted((f for f in poll.figures if f.change_span), key=lambda f: f.start):
        assert f.change_span is not None
        own = next((d for d in previous if f.change_span[0] <= d.mention.start <= f.change_span[1] + 5),
                   None)
        if own:
            f.previous, last = own.mention.interval, own
        elif last is not None:
            f.previous = last.mention.interval
            f.note = f'previous poll\'s date from "{last.mention.text}" earlier in the passage'
    return f"previous poll {_quote(article, [last])}" if last else ""


_BRAND_BY = re.compile(r"(?P<name>[A-Z][\w&'-]*(?: [A-Z][\w&'-]*){0,2})['’]?s? (?i:polling|poll|survey)\b"
                       r"[^.;]{0,20}?\b(?i:carried out|conducted|done) by\b")


def _sponsor(text: str, poll: _Poll) -> str:
    """The outlet the poll was for or published in ("The Times"), if stated: named with the poll
    ("Opinium/Observer"), or after "for"/"in" when it is a known outlet, or after "commissioned by",
    "published in" and the like. Never a name that merely follows "for" ("support for May's ...")."""
    if poll.sponsor:
        return poll.sponsor
    for s in poll.sentences:   # "Sky News polling, carried out by YouGov": the brand is the sponsor
        for m in _BRAND_BY.finditer(text, *s):
            if _outlet(m.group("name")):
                return _outlet(m.group("name"))
    for s in poll.sentences:
        for m in _SPONSOR.finditer(text, *s):
            name = m.group("name").removesuffix(" newspaper")
            if _POLLSTER.fullmatch(name) or name.split()[0] in _NOT_NAMES:
                continue
            if _outlet(name):
                return _outlet(name)
            if _PUBLISHED.search(m.group(0)) and \
                    text[m.end("name"):m.end("name") + 11].startswith(" newspaper"):
                return ("The " if m.group("the") else "") + name
    return ""


def _led(text: str, rx: str) -> bool:
    """Does the text name the party (its pattern ``rx``) right before " leadership" ("Labour leadership",
    "Labour Party leadership")? Speed only: a match ends with " leadership" (in the key, any case) and,
    as ``rx`` has no repeat but "?", is at most len(rx) + len(" Party") long before it, so it is looked
    for only there."""
    pattern = _led_pattern(rx)
    if not prefilter.ENABLED or _REPEATS.search(rx):
        return pattern.search(text) is not None
    key, reach = prefilter.key(text), len(rx) + len(" Party")
    at = key.find(" leadership")
    while at != -1:
        if pattern.search(text, max(0, at - reach), at + len(" leadership")):
            return True
        at = key.find(" leadership", at + 1)
    return False


@functools.cache
def _led_pattern(rx: str) -> re.Pattern[str]:
    return re.compile(rf"\b(?:{rx})\b(?: Party)? (?i:leadership)")


def _population(poll: _Poll, text: str) -> tuple[str, str]:
    """(population, how it was inferred) from context words in the poll's paragraphs."""
    lo = text.rfind("\n", 0, poll.sentences[0][0]) + 1
    hi = text.find("\n", poll.sentences[-1][1])
    context = text[lo:hi if hi >= 0 else len(text)]
    m = _LEADERSHIP.search(context)
    if m:
        party = next((name for rx, _, name in PARTIES if _led(text, rx)), "")
        return f"{party} leadership electorate".strip(), f'inferred from "{m.group()}" in the same paragraph'
    m = _OVERALL.search(context)
    if m:
        return "all voters", f'inferred from "{m.group()}"'
    return "", "not stated"


def _poll_rows(article: Article, poll: _Poll, names: _Names, text: str,
               mentions: list[TemporalMention], paragraph_of: Mapping[int, int]) -> list[Row]:
    orphans: list[_Orphan] = []
    context: dict[str, tuple[Option, Option]] = {}
    for s in poll.sentences:
        figures, loose = _sentence_figures(text, s, names, context)
        poll.figures += figures
        orphans += loose
    if not poll.figures:
        return []
    for option, delta, span in orphans:
        share = next((f for f in poll.figures if f.measure == "share" and f.change_span is None
                      and f.option and f.option.id == option.id), None)
        if share:
            share.change, share.change_span = delta, span
    _derive(poll)
    roles = _dates(text, poll, mentions)
    field_iv, pub_iv = _hull(roles["fieldwork"]), _hull(roles["published"])
    evidence = [f"fieldwork {_quote(article, roles['fieldwork'])}" if field_iv else "",
                f"published {_quote(article, roles['published'])}" if pub_iv else ""]
    if not pub_iv and field_iv and field_iv.end and article.published.end:
        pub_iv = DateInterval(field_iv.end, max(field_iv.end, article.published.end))
        evidence.append("publication not stated: between the end of fieldwork and the article's "
                        "publication")
    evidence.append(_previous_dates(article, poll, roles["previous"]))
    sponsor = _sponsor(text, poll)
    population, population_note = _population(poll, text)
    subject = (f"{population.removesuffix(' electorate')} voting intention" if "leadership" in population
               else "party voting intention" if all(f.option and f.option.party for f in poll.figures)
               else "")
    common = {
        "poll_id": stable_id("poll", article.id, poll.pollster, sponsor, field_iv, pub_iv,
                             poll.sentences[0][0]),
        "source_id": article.id, "pollster": poll.pollster, "sponsor": sponsor,
        "fieldwork_start": field_iv.start if field_iv else None,
        "fieldwork_end": field_iv.end if field_iv else None,
        "published_start": pub_iv.start if pub_iv else None, "published_end": pub_iv.end if pub_iv else None,
        "date_evidence": "; ".join(e for e in evidence if e), "population": population,
        "population_note": population_note, "subject": subject,
    }
    rows = []
    for f in poll.figures:
        row = _figure_row(article, f, common, paragraph_of[f.sentence[0]])
        if f.earlier:   # not this wave's fieldwork
            row.update(fieldwork_start=None, fieldwork_end=None,
                       note="; ".join(n for n in (row["note"], "a figure of an earlier wave") if n))
        own = _own_pollster(text, f, poll.figures)
        if own and own != poll.pollster:   # "… 61 per cent …, per Sky Data": that figure's own poll
            row["pollster"] = own
            row["poll_id"] = stable_id("poll", article.id, own, sponsor, field_iv, pub_iv, f.sentence[0])
        rows.append(row)
    return rows


# a pollster named after a figure in its clause: "61 per cent say …, per Sky Data", "… according to X"
_CREDIT_AFTER = re.compile(r"\b(?:per|according[ \u00a0]+to)[ \u00a0]+(?:the[ \u00a0]+)?", re.IGNORECASE)


def _own_pollster(text: str, f: _Figure, figures: list[_Figure]) -> str:
    """The pollster a figure's own clause credits after it, before the next figure or clause break
    ("… per Sky Data", "… according to YouGov"); "" when none (the poll's pollster applies)."""
    nxt = min([g.start for g in figures if g.start > f.end and g.sentence == f.sentence] + [f.sentence[1]])
    for m in _CREDIT_AFTER.finditer(text, f.end, nxt):
        name = _POLLSTER.match(text, m.end(), nxt)
        if name:
            return printed_pollster(text, name.group())
    return ""


def _ordered(table: str, row: Row) -> Row:
    """The row with its keys in the table's column order."""
    return {name: row[name] for name in _columns(table)}


@functools.cache
def _columns(table: str) -> tuple[str, ...]:
    """``field_names(table)``, read once (the schemas are read once anyway: ``tables.resource``)."""
    return tuple(field_names(table))


def _question(text: str, f: _Figure) -> str:
    """The clause a figure is stated in: what was asked, in the article's words ("Corbyn is seen by
    48% as a leader who sticks to his principles")."""
    s = f.sentence
    lo = max([s[0]] + [m.end() for m in _QUESTION_BREAK.finditer(text, s[0], f.start)])
    hi = min([s[1]] + [m.start() for m in _QUESTION_BREAK.finditer(text, f.end, s[1])])
    return " ".join(text[lo:hi].strip(" .\"'“”‘’").split())


def _figure_row(article: Article, f: _Figure, common: Row, paragraph: int) -> Row:
    option = f.option.id if f.option else ""
    change = f.change_span or (None, None)
    return _ordered("polls", {
        "figure_id": stable_id("pf", article.id, f.start, f.end, option, f.measure), **common,
        "paragraph": paragraph, "start": f.start, "end": f.end, "text": article.text[f.start:f.end],
        "question": _question(article.text, f),
        "measure": f.measure, "option": option, "option_name": f.option.name if f.option else "",
        "versus": f.versus.id if f.versus else "", "value": _clean(f.value),
        "unit": "percent" if f.measure == "share" else "points", "derived": f.derived,
        "derivation": f.derivation, "check": f.check,
        "change": None if f.change is None else _clean(f.change),
        "change_text": article.text[change[0]:change[1]] if f.change_span else "",
        "change_start": change[0], "change_end": change[1],
        "previous_start": f.previous.start if f.previous else None,
        "previous_end": f.previous.end if f.previous else None,
        "note": "; ".join(n for n in (f.note, "" if f.option else "option not identified") if n),
    })


# --------------------------------------------------------------------------
# Statistics


def _clause(text: str, s: Span, start: int, end: int) -> Span:
    """The clause around text[start:end], without a trailing "according to ..."."""
    lo = max([s[0]] + [m.end() for m in _CLAUSE_BREAK.finditer(text, s[0], start)])
    hi = min([s[1]] + [m.start() for m in _CLAUSE_BREAK.finditer(text, end, s[1])])
    attribution = _ATTRIBUTION.search(text, end, hi)
    hi = attribution.start() if attribution else hi
    while hi > lo and text[hi - 1] in " .\"'":
        hi -= 1
    while lo < hi and text[lo] in " \"'":
        lo += 1
    return lo, hi


def _period(mentions: list[TemporalMention], figure: Span, clause: Span) -> TemporalMention | None:
    """The date the figure refers to: the first date after it in its clause, else the last before."""
    inside = [t for t in mentions if clause[0] <= t.start < clause[1] and t.kind != "event"
              and t.interval.start]
    after = [t for t in inside if t.start >= figure[1]]
    before = [t for t in inside if t.end <= figure[0]]
    return after[0] if after else (before[-1] if before else None)


def _statistic(article: Article, text: str, s: Span, m: re.Match[str], kind: str,
               mentions: list[TemporalMention], paragraph: int) -> Row | None:
    value = number(m.group("n"))
    unit = "percent" if kind == "percent" else m.group("unit")
    if value is None or (kind != "percent" and unit.lower() in _TIME_UNITS):
        return None
    if kind == "count" and m.group("mult"):
        value *= _MULT[m.group("mult")]
    denominator = number(m.group("d")) if kind == "part-of-whole" else None
    lo, hi = _clause(text, s, m.start(), m.end())
    sentence = text[s[0]:s[1]]
    source = _ATTRIBUTION.search(sentence) or _SOURCE_VERB.search(sentence)
    period = _period(mentions, m.span(), (lo, hi))
    return _ordered("statistics", {
        "statistic_id": stable_id("stat", article.id, m.start(), m.end(), value),
        "source_id": article.id, "paragraph": paragraph, "start": m.start(), "end": m.end(),
        "text": article.text[m.start():m.end()], "value": _clean(value),
        "denominator": None if denominator is None else _clean(denominator), "unit": unit, "kind": kind,
        "nature": "target" if kind == "percent" and _TARGET.search(text, lo, hi) else "measurement",
        "approximate": bool(m.group("approx")), "counted": article.text[lo:hi],
        "attributed_to": source.group("src").strip() if source else "",
        "period_start": period.interval.start if period else None,
        "period_end": period.interval.end if period else None,
        "period_evidence": period.text if period else "",
        "note": "" if source else "no source named in the sentence",
    })


_DIGIT = re.compile(r"\d")
_NUMBER_WORDS = frozenset((*numbers.ONES[1:], *numbers.TENS))   # what NUM spells in words
# Speed only, exact: a part of a whole ("3 out of 10", "one in five") ends its first number with a digit
# or a number word (a compound ends with a unit), then has " out of ", " in every " or " in ", then starts
# the next number with a digit or a number word (a compound starts with a ten); in the key (lower case, see
# ``prefilter.key``), ``_may_part`` looks for that
_NUMBER_WORD_TUPLE = tuple(sorted(_NUMBER_WORDS))


def _may_part(text_key: str, start: int, end: int) -> bool:
    """Could ``_RX["part"]`` match in text[start:end]? False only if nothing in the key's span is a digit
    or number word, " out of ", " in every " or " in ", and a digit or number word."""
    for link in (" in ", " in every ", " out of "):
        at = text_key.find(link, start, end)
        while at != -1:
            after = at + len(link)
            before = (at > start and _DIGIT.match(text_key, at - 1, at)) or \
                text_key.endswith(_NUMBER_WORD_TUPLE, start, at)
            if before and (_DIGIT.match(text_key, after, end) or
                           text_key.startswith(_NUMBER_WORD_TUPLE, after, end)):
                return True
            at = text_key.find(link, at + 1, end)
    return False




def _statistics(article: Article, text: str, paragraphs: Iterable[Paragraph], used: list[Span],
                mentions: list[TemporalMention], sentences: Mapping[int, list[Span]],
                text_key: str | None = None) -> list[Row]:
    """Counts, parts of wholes and percentages outside poll figures (dates are not numbers here).
    ``text_key``: ``prefilter.key(text)``, if the caller has it."""
    rows = []
    dates = [(t.start, t.end) for t in mentions]
    text_key = prefilter.key(text) if text_key is None else text_key
    # speed only, exact: a share holds what _SHARE_GATE finds and a part what _may_part looks for (in the
    # sentence, so in the text: most texts have neither); a count is kept only in a sentence that holds a
    # digit and names a source (_ATTRIBUTION, _SOURCE_VERB)
    gated = prefilter.ENABLED
    any_part = not gated or _may_part(text_key, 0, len(text))
    any_share = not gated or _SHARE_GATE.search(text_key) is not None
    for p in (p for p in paragraphs if p.kind in TEXT_KINDS):
        for s in sentences.get(p.index, []):
            share = any_share and (not gated or _SHARE_GATE.search(text_key, *s) is not None)
            part = any_part and (not gated or _may_part(text_key, *s))
            count = (not gated or _DIGIT.search(text, *s) is not None) and (
                _found(_ATTRIBUTION, text, text_key, s) or _found(_SOURCE_VERB, text, text_key, s))
            if not (count or share or part):
                continue
            taken = [*used, *dates]
            for name, kind, may in (("part", "part-of-whole", part), ("share", "percent", share),
                                    ("count", "count", count)):
                if not may:
                    continue
                for m in _RX[name].finditer(text, *s):
                    if _overlaps(m.span(), taken):
                        continue
                    row = _statistic(article, text, s, m, kind, mentions, p.index)
                    if row:
                        rows.append(row)
                        taken.append(m.span())
    return rows


# --------------------------------------------------------------------------
# Public API


def alias_map(actors: Mapping[str, Any]) -> dict[str, str]:
    """Alias -> actor id, from ``scripts.registers.actors.load_actors`` (so options join the actors table)."""
    return {alias: actor.id for actor in actors.values() for alias in actor.aliases}


def extract(article: Article, paragraphs: list[Paragraph], aliases: Mapping[str, str] | None = None,
            events: Iterable[EventAnchor] = ()) -> tuple[list[Row], list[Row]]:
    """Poll figures and other statistics of one article, finding its layers first (see ``figures``)."""
    from scripts.annotate.annotate import layers

    _, _, sentences, _, temporal = layers(article, paragraphs, None, tuple(events))
    return figures(article, paragraphs, sentences, temporal, aliases)


def figures(article: Article, paragraphs: list[Paragraph], sentences: Iterable[Sentence],
            mentions: list[TemporalMention], aliases: Mapping[str, str] | None = None,
            ) -> tuple[list[Row], list[Row]]:
    """Poll figures and other statistics of one article: (``polls`` rows, ``statistics`` rows).

    ``sentences`` and ``mentions`` (temporal expressions) are the article's annotation
    layers; ``aliases`` (optional, see ``alias_map``) maps names to actor ids; without
    it a person's id is a slug of the fullest form of the name in the article.
    """
    text = fold(article.text)
    names = _Names(text, aliases)
    by_paragraph: dict[int, list[Span]] = {}
    for p, s, e in sentences:
        by_paragraph.setdefault(p, []).append((s, e))
    paragraph_of = {s: p for p, s, _ in sentences}
    polls: list[Row] = []
    for block in _blocks(paragraphs, text, names.key):
        for poll in _polls(block, text, by_paragraph, names.key):
            polls += _poll_rows(article, poll, names, text, mentions, paragraph_of)
    used = [(r["start"], r["end"]) for r in polls if not r["derived"]]
    used += [(r["change_start"], r["change_end"]) for r in polls if r["change_start"] is not None]
    stats = _statistics(article, text, paragraphs, used, mentions, by_paragraph, names.key)
    unknown = [r for r in polls if not r["pollster"]]   # a figure whose poll the text does not name
    stats += [_unnamed_poll(article, r) for r in unknown if not r["derived"]]
    return sort_polls(r for r in polls if r["pollster"]), sort_statistics(stats)


def _unnamed_poll(article: Article, r: Row) -> Row:
    """A poll figure whose poll cannot be told, as a statistic that says so (no sponsor is guessed)."""
    share = r["measure"] == "share"
    return _ordered("statistics", {
        "statistic_id": stable_id("stat", article.id, r["start"], r["end"], r["value"]),
        "source_id": article.id, "paragraph": r["paragraph"], "start": r["start"], "end": r["end"],
        "text": r["text"], "value": r["value"], "denominator": None, "unit": "percent" if share else "points",
        "kind": "percent" if share else "count", "nature": "measurement", "approximate": False,
        "counted": r["option_name"] or r["text"], "attributed_to": "", "period_start": None,
        "period_end": None, "period_evidence": "",
        "note": "a poll figure, but the text names no poll or pollster, so it is not in the polls table",
    })


def sort_polls(rows: Iterable[Row]) -> list[Row]:
    """Table order of poll rows: source, span, option, measure."""
    return sorted(rows, key=lambda r: (r["source_id"], r["start"], r["end"], r["option"], r["measure"]))


def sort_statistics(rows: Iterable[Row]) -> list[Row]:
    """Table order of statistic rows: source, span."""
    return sorted(rows, key=lambda r: (r["source_id"], r["start"], r["end"]))
