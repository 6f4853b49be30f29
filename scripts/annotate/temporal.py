"""Temporal normalisation for news text, in the spirit of HeidelTime's news mode.

Finds date expressions in article text and resolves each to a closed interval of
days (``DateInterval``), anchored on the article's publication date.  The anchor
may itself be uncertain (an interval); an expression is then resolved to the
*hull* of its resolutions against every day of the anchor.

Exactness of the hull: every anchor-dependent rule below maps an anchor day
``d`` to an interval ``[s(d), e(d)]`` with ``s`` and ``e`` non-decreasing in
``d`` (e.g. "last month" never moves backwards when ``d`` moves forwards).
Hence the hull over ``d`` in ``[A, B]`` is exactly ``[s(A), e(B)]``; the test
suite checks this against brute force.  An unknown anchor bound gives an
unknown (``None``) result bound.

News-writing rules (our choices, documented so callers can rely on them):

* Weekdays ("on Monday", "Monday night") are the most recent such day on or
  before the anchor (past-tense news default); "last Monday" is strictly
  before, "next Monday" strictly after.
* A weekday range ("Tuesday to Thursday", "between Friday and Monday") ends
  on the latest such last day on or before the anchor and starts on the first
  day's weekday before it (a week's fieldwork, never a reversed range).
* A bare month ("in February") is the most recent such month whose first day is
  not after the anchor; "last/next February" is strictly before/after the
  anchor's month.
* A day and month without a year ("September 10", "28 November") is the
  occurrence nearest to the anchor (always within about six months, future
  allowed), ties going to the past.
* "N years/months ago" is the calendar year/month; "N weeks ago" is the
  Monday-Sunday week containing anchor - 7N (so "a week ago" == "last week");
  "N days ago" is the exact day.  "in N days", "N days away", "N days from
  now" are the mirror images (months/years in the future need "time":
  "in two years' time", to avoid durations such as "the highest in 30 years").
* "recently", "in recent weeks", "in the past few weeks": the 6 weeks (42 days)
  before the anchor, through the anchor.  Recent days: 7 days; recent months: 6
  months; recent years: 5 years.  "in the past N units": anchor - N units ..
  anchor.
* "last week" is the previous Monday-Sunday week; when the publication
  interval lies within a weekend it runs on to the day before publication,
  because a weekend paper's "last week" is often the week just ending (a poll
  "conducted late last week" in a Sunday paper).
* "earlier this week/month/year" runs from the start of the unit to the anchor;
  "later this ..." from the anchor to the end of the unit.
* "early/mid/late" split a month into days 1-10/11-20/21-end, a year into
  Jan-Apr/May-Aug/Sep-Dec and a decade into years 0-3/4-6/7-9.
* "at the time" refers to the time of the surrounding narrative, which this
  module cannot see: ``resolve`` returns None and ``find_mentions`` reports a
  "deictic" mention with ``DateInterval(None, None, "at the time")`` for the
  caller to substitute.  "at the time of writing" is the anchor.
* Event-relative expressions need an ``EventAnchor`` (found by the events
  module) starting right after the phrase (optionally after a determiner):
  "a year before E" / "two months after E" is the calendar year/month (weeks:
  the calendar week, days: the day) counted from the event's start (before) or
  end (after) - approximate phrases never claim a day; "during E", "at E",
  "at the time of E" are the event's own interval; "ahead of E", "in the
  run-up to E" are the days from 1 January of the event's start year up to and
  including its start, so "at a protest ahead of a Nato summit in Newport"
  resolves to the summit's start day or earlier (in that year); "on the eve of
  E" is the day before; "before E" / "after E" are open-ended; "since E" runs
  from the event to the anchor.

Kinds: "absolute" (names a calendar unit: years, months, dates, decades and
ranges of them), "deictic" (today, this week, weekdays, now, recently, at the
time), "relative" (counted offsets: "five years ago", "in nine days") and
"event" (relative to an ``EventAnchor``).

Not supported (deliberately): seasons, two-digit decades ("the '90s"),
numeric dates other than ISO (``10/09/2015`` is ambiguous between UK and US
order), vague counts ("years ago", "a few years ago"), narrative-relative
phrases ("two years later", "the previous week") and clock times.

Matching is case-insensitive for ASCII letters; U+00A0, U+202F and other
Unicode spaces count as spaces, curly apostrophes as ``'`` and dashes as ``-``
- all by a one-to-one character mapping, so offsets are those of the original
string.  Runtime parsing is done by our own regular expressions (needed anyway
for offsets); dateparser is used in the tests as an oracle for absolute dates.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from scripts import lexicon
from scripts.annotate import numbers, prefilter, wordstarts
from scripts.ids import DASHES, QUOTES, SPACES, fold

__all__ = [
    "PRECISIONS",
    "DateInterval",
    "EventAnchor",
    "TemporalMention",
    "content_date",
    "find_mentions",
    "infer_anchor_from_offset",
    "precision_of",
    "resolve",
]

PRECISIONS = ("day", "month", "year", "unknown")

_Bounds = tuple[date | None, date | None]


def precision_of(start: date | None, end: date | None) -> str:
    """Finest calendar unit (day, month, year) containing ``[start, end]``.

    "unknown" if a bound is missing or the interval spans more than one year.
    """
    if start is None or end is None:
        return "unknown"
    if start == end:
        return "day"
    if (start.year, start.month) == (end.year, end.month):
        return "month"
    if start.year == end.year:
        return "year"
    return "unknown"


@dataclass(frozen=True)
class DateInterval:
    """A closed interval of days; ``None`` bounds are unknown."""

    start: date | None
    end: date | None
    evidence: str = ""

    def __post_init__(self) -> None:
        if self.start is not None and self.end is not None and self.start > self.end:
            raise ValueError(f"start {self.start} is after end {self.end}")

    @property
    def precision(self) -> str:
        return precision_of(self.start, self.end)


@dataclass(frozen=True)
class EventAnchor:
    """A mention of a datable event in the same text (offsets into that text)."""

    start: int
    end: int
    event_id: str
    interval: DateInterval


@dataclass(frozen=True)
class TemporalMention:
    """A date expression found in a text, with absolute code-point offsets."""

    start: int
    end: int
    text: str
    interval: DateInterval
    kind: str  # "absolute" | "relative" | "deictic" | "event"


# --------------------------------------------------------------------------
# Calendar helpers (all pure, all monotone in their date argument)

_ONE = timedelta(days=1)


def _month(y: int, m: int) -> _Bounds:
    return date(y, m, 1), date(y, m, calendar.monthrange(y, m)[1])


def _year(y: int) -> _Bounds:
    return date(y, 1, 1), date(y, 12, 31)


def _add_months(y: int, m: int, k: int) -> tuple[int, int]:
    y, m0 = divmod(y * 12 + m - 1 + k, 12)
    return y, m0 + 1


def _shift_day_months(d: date, k: int) -> date:
    """``d`` moved by ``k`` calendar months, clamped to the month's last day."""
    y, m = _add_months(d.year, d.month, k)
    return date(y, m, min(d.day, calendar.monthrange(y, m)[1]))


def _week(d: date) -> _Bounds:
    monday = d - timedelta(days=d.weekday())
    return monday, monday + 6 * _ONE


def _weekend_paper(anchor: DateInterval) -> bool:
    """Is the publication interval known to lie within one weekend (a Saturday or Sunday paper)?"""
    a, b = anchor.start, anchor.end
    return a is not None and b is not None and (b - a).days <= 1 and a.weekday() >= 5 and b.weekday() >= 5


def _last_weekend_on_or_before(d: date) -> _Bounds:
    saturday = d - ((d.weekday() - 5) % 7) * _ONE
    return saturday, saturday + _ONE


def _thirds(start: date, end: date, unit: str, mod: str | None) -> _Bounds:
    """Restrict a month/year/decade to its early/mid/late part."""
    if not mod:
        return start, end
    i = ("early", "mid", "late").index(mod)
    if unit == "month":
        days = ((1, 10), (11, 20), (21, end.day))[i]
        return start.replace(day=days[0]), start.replace(day=days[1])
    if unit == "year":
        months = ((1, 4), (5, 8), (9, 12))[i]
        return _month(start.year, months[0])[0], _month(start.year, months[1])[1]
    years = ((0, 3), (4, 6), (7, 9))[i]
    return date(start.year + years[0], 1, 1), date(start.year + years[1], 12, 31)


def _valid_day_month(m: int, d: int) -> bool:
    return d <= (29 if m == 2 else calendar.monthrange(2001, m)[1])


def _nearest(m: int, d: int, anchor: date) -> date:
    """The occurrence of day ``d`` of month ``m`` nearest to ``anchor`` (ties: past)."""
    span = 4 if (m, d) == (2, 29) else 1
    best: date | None = None
    for y in range(anchor.year - span, anchor.year + span + 1):
        if d <= calendar.monthrange(y, m)[1]:
            c = date(y, m, d)
            if best is None or abs((c - anchor).days) < abs((best - anchor).days):
                best = c
    assert best is not None
    return best


def _on_or_after(m: int, d: int, ref: date) -> date:
    for y in range(ref.year, ref.year + 9):
        if d <= calendar.monthrange(y, m)[1] and date(y, m, d) >= ref:
            return date(y, m, d)
    raise ValueError("no such day")


def _on_or_before(m: int, d: int, ref: date) -> date:
    for y in range(ref.year, ref.year - 9, -1):
        if d <= calendar.monthrange(y, m)[1] and date(y, m, d) <= ref:
            return date(y, m, d)
    raise ValueError("no such day")


def _unit_shift(ref: date, unit: str, n: int) -> _Bounds:
    """The calendar unit ``n`` units after ``ref`` (negative ``n``: before)."""
    if unit == "day":
        return ref + n * _ONE, ref + n * _ONE
    if unit == "week":
        return _week(ref + 7 * n * _ONE)
    if unit == "month":
        return _month(*_add_months(ref.year, ref.month, n))
    return _year(ref.year + n * (10 if unit == "decade" else 1))


def _back(d: date, unit: str, n: int) -> date:
    """``d`` minus ``n`` units, as an exact day (for "the past N units")."""
    if unit == "day":
        return d - n * _ONE
    if unit == "week":
        return d - 7 * n * _ONE
    return _shift_day_months(d, -n * {"month": 1, "year": 12, "decade": 120}[unit])


# --------------------------------------------------------------------------
# Lexicon and regular expressions (text is matched after _TRANS: lower-case)

_TRANS = str.maketrans({**{chr(c): chr(c + 32) for c in range(ord("A"), ord("Z") + 1)},
                        **SPACES, **QUOTES, **DASHES})   # scripts.ids.fold, plus ASCII lower case

_MONTHS = {
    name: i
    for i, names in enumerate(
        [("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"),
         ("may",), ("june", "jun"), ("july", "jul"), ("august", "aug"),
         ("september", "sept", "sep"), ("october", "oct"), ("november", "nov"),
         ("december", "dec")],
        start=1,
    )
    for name in names
}
_WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]

def _rx(pattern: str) -> re.Pattern[str]:
    """Compile ``pattern``; each literal space in it stands for a run of spaces/tabs."""
    return re.compile(pattern.replace(" ", r"[\x20\t]+"))


_FULL = "january|february|march|april|may|june|july|august|september|october|november|december"
_ABBR = "jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec"
_MON = rf"(?:(?:{_FULL})\b|(?:{_ABBR})\b\.?)"
_DAY = r"(?:3[01]|[12][0-9]|0?[1-9])(?:st|nd|rd|th)?\b"
_YEAR = r"(?:1[89][0-9][0-9]|20[0-9][0-9])"
_WDPRE = (rf"(?:(?:{'|'.join(_WEEKDAYS)}|mon|tues|tue|wed|thurs|thur|thu|fri|sat|sun)"
          rf"\b\.?,? )?")
_NUM = rf"(?:[0-9]{{1,3}}|(?:a )?couple of|{numbers.pattern()}|an|a)"
_UNIT = r"(?P<u>day|week|month|year|decade)s?"
_MOD = r"(?:(?P<mod>early|mid|late)(?:-| ))?"
_CONN = r"(?:[\x20\t]*(?P<c>-)[\x20\t]*| (?P<c2>to|and|until|till) )"
_POD = r"(?: (?:morning|afternoon|evening|night))?"
_DM = rf"(?:{_DAY}(?: of)? {_MON}|{_MON} {_DAY})(?:,? {_YEAR}(?![0-9]))?"
_YEAR_AFTER = r"(?![\w]|[.,][0-9]|-[0-9]|[\x20\t]*%|[\x20\t]*per[\x20\t]*cent\b| percent\b)"
_YEAR_BEFORE = r"(?<![\w.,£$€#/:-])"
_RECENT = r"(?:recent|the (?:past|last) (?:few|couple of|several))"

def _media_names() -> tuple[str, str]:
    """Guards that keep "Today" in media names (scripts/lexicon/media_names.yaml) from being a date:
    lookbehinds for "<word> Today", and the words that follow "Today" in "the Today programme"."""
    before, after = set(), set()
    for name in lexicon.forms("media_names"):
        words = name.casefold().split()
        i = words.index("today")
        if i:
            before.add(words[i - 1])
        if i + 1 < len(words):
            after.add(words[i + 1])
    return "".join(rf"(?<!{re.escape(w)}\x20)" for w in sorted(before)), "|".join(sorted(after))


_NOT_TODAY, _TODAY_AFTER = _media_names()
_DEICTIC_TABLE: list[tuple[str, Callable[[date], _Bounds], int | None]] = [
    # (pattern, rule for one anchor day, day offset if the rule is "anchor + k days")
    (r"earlier this week", lambda d: (_week(d)[0], d), None),
    (r"later this week", lambda d: (d, _week(d)[1]), None),
    (r"this week", _week, None),
    (r"(?<!\bthe\x20)last week", lambda d: _week(d - 7 * _ONE), None),
    (r"next week", lambda d: _week(d + 7 * _ONE), None),
    (r"this weekend", lambda d: (_week(d)[1] - _ONE, _week(d)[1]), None),
    (r"last weekend", lambda d: (_week(d)[0] - 2 * _ONE, _week(d)[0] - _ONE), None),
    (r"(?:at|over) the weekend", lambda d: _last_weekend_on_or_before(d), None),
    (r"earlier this month", lambda d: (d.replace(day=1), d), None),
    (r"later this month", lambda d: (d, _month(d.year, d.month)[1]), None),
    (r"this month", lambda d: _month(d.year, d.month), None),
    (r"(?<!\bthe\x20)last month", lambda d: _unit_shift(d, "month", -1), None),
    (r"next month", lambda d: _unit_shift(d, "month", 1), None),
    (r"earlier this year", lambda d: (date(d.year, 1, 1), d), None),
    (r"later this year", lambda d: (d, date(d.year, 12, 31)), None),
    (r"this year", lambda d: _year(d.year), None),
    (r"(?<!\bthe\x20)last year", lambda d: _year(d.year - 1), None),
    (r"next year", lambda d: _year(d.year + 1), None),
    (rf"{_NOT_TODAY}today(?! (?:{_TODAY_AFTER})\b)|tonight"
     r"|this (?:morning|afternoon|evening)|now|at the time of writing", lambda d: (d, d), 0),
    (rf"yesterday{_POD}|(?<!\bthe\x20)last night", lambda d: (d - _ONE, d - _ONE), -1),
    (rf"tomorrow{_POD}", lambda d: (d + _ONE, d + _ONE), 1),
    (rf"in {_RECENT} days", lambda d: (d - 7 * _ONE, d), None),
    (rf"recently|in {_RECENT} weeks", lambda d: (d - 42 * _ONE, d), None),
    (rf"in {_RECENT} months", lambda d: (_shift_day_months(d, -6), d), None),
    (rf"in {_RECENT} years", lambda d: (_shift_day_months(d, -60), d), None),
]
_AT_THE_TIME = r"at (?:the|that) time"

_RX = {
    name: _rx(rx)
    for name, rx in {
        "deictic": r"\b(?:" + "|".join(f"(?P<g{i}>{e[0]})" for i, e in enumerate(_DEICTIC_TABLE))
        + rf"|(?P<att>{_AT_THE_TIME}))\b",
        "past_n": rf"\b(?:in|over|during|for|within) the (?:past|last|previous) "
        rf"(?:(?P<n>{_NUM}) )?{_UNIT}\b(?! of\b)",
        "ago": rf"(?<![0-9][.,])\b(?P<n>{_NUM}) {_UNIT} ago\b",
        "in_n": rf"\bin (?P<n>{_NUM}) {_UNIT}(?P<t>'? time\b)?"
        rf"(?! (?:of|when|where|in|that|which|since|to)\b)\b",
        "away": rf"(?<![0-9][.,])\b(?P<n>{_NUM}) {_UNIT} (?:away|from now)\b",
        "weekday": rf"\b(?:(?P<rel>last|next|this) )?(?P<wd>{'|'.join(_WEEKDAYS)})\b{_POD}",
        "dmy": rf"\b{_WDPRE}(?:the )?(?P<d>{_DAY})(?: of)? (?P<m>{_MON})"
        rf"(?:,? (?P<y>{_YEAR})(?![0-9]))?",
        "mdy": rf"\b{_WDPRE}(?P<m>{_MON}) (?:the )?(?P<d>{_DAY})"
        rf"(?![.,][0-9]|[\x20\t]*%| per[\x20\t]*cent\b| percent\b)(?:,? (?P<y>{_YEAR})(?![0-9]))?",
        "my": rf"\b{_MOD}(?P<m>{_MON})(?: of)?,? (?P<y>{_YEAR})(?![0-9])",
        "iso": rf"(?<![0-9])(?P<y>{_YEAR})(?P<s>[-/])(?P<mo>0[1-9]|1[0-2])(?P=s)"
        r"(?P<d>0[1-9]|[12][0-9]|3[01])(?![0-9])",
        "year": rf"{_YEAR_BEFORE}(?P<y>{_YEAR}){_YEAR_AFTER}",
        "modyear": rf"\b(?P<mod>early|mid|late)(?:-| )(?P<y>{_YEAR}){_YEAR_AFTER}",
        "decade": rf"\b(?:the )?{_MOD}(?P<dec>1[89][0-9]0|20[0-9]0)s\b",
        "month": rf"\b(?:(?P<rel>last|next|this) )?{_MOD}(?P<m>{_FULL})\b",
        "range_dm": rf"\b(?:(?P<k>between|from) )?(?P<a>{_DM}){_CONN}(?P<b>{_DM})",
        "range_dd": rf"\b(?:(?P<k>between|from) )?(?P<d1>{_DAY}){_CONN}(?P<d2>{_DAY})"
        rf"(?: of)? (?P<m>{_MON})(?:,? (?P<y>{_YEAR})(?![0-9]))?",
        "range_md": rf"\b(?:(?P<k>between|from) )?(?P<m>{_MON}) (?P<d1>{_DAY}){_CONN}(?P<d2>{_DAY})"
        rf"(?![.,][0-9])(?:,? (?P<y>{_YEAR})(?![0-9]))?",
        "range_m": rf"\b(?:(?P<k>between|from) )?(?P<a>{_FULL})(?: (?P<ya>{_YEAR}))?\b{_CONN}"
        rf"(?P<b>{_FULL})\b(?: (?P<yb>{_YEAR})(?![0-9]))?",
        "range_wd": rf"\b(?:(?P<k>between|from) )?(?P<a>{'|'.join(_WEEKDAYS)}){_CONN}"
        rf"(?P<b>{'|'.join(_WEEKDAYS)})\b",
        "range_y": rf"(?:\b(?P<k>between|from) )?{_YEAR_BEFORE}(?P<y1>{_YEAR}){_CONN}"
        rf"(?P<y2>{_YEAR}|[0-9]{{2}}){_YEAR_AFTER}",
    }.items()
}
_NEEDS = {name: prefilter.required(rx) for name, rx in _RX.items()}
# Speed only: the words a pattern's matches begin with (scripts.annotate.wordstarts), found in
# prefilter.key of the folded text, whose runs of word characters are the folded text's (key
# makes word characters word characters: tests/test_speed_p5temporal.py checks).
_LEADS = wordstarts.Index([lead for rx in _RX.values() if (lead := wordstarts.lead_words(rx)) is not None])
_LEAD_INDEX: list[int | None] = []   # per pattern: its place in _LEADS (None: searched as before)
for _rx_ in _RX.values():
    _LEAD_INDEX.append(None if wordstarts.lead_words(_rx_) is None
                       else sum(i is not None for i in _LEAD_INDEX))
_NEEDS_SEARCHED = [need for need, n in zip(_NEEDS.values(), _LEAD_INDEX, strict=True) if n is None]
_LEAD_PRIO = [prio for prio, n in enumerate(_LEAD_INDEX) if n is not None]   # by place in _LEADS
_UNLED = [prio for prio, n in enumerate(_LEAD_INDEX) if n is None]
_RX_ITEMS = list(_RX.items())
_DM_PARSE = _rx(
    rf"(?:(?P<d>{_DAY})(?: of)? (?P<m>{_MON})|(?P<m2>{_MON}) (?P<d2>{_DAY}))"
    rf"(?:,? (?P<y>{_YEAR}))?"
)
_EVENT_PREFIX = _rx(
    rf"(?:\b(?P<n>{_NUM}) {_UNIT} (?P<dir>before|after|ahead of|prior to)"
    rf"|\bthe (?P<u1>day|week|month|year) (?P<dir1>before|after)"
    rf"|\b(?P<p>ahead of|in the (?:run|lead)(?:-| )?up to|on the eve of"
    rf"|at the time of|in the wake of|prior to|before|after|following"
    rf"|during|since|at))(?: (?:the|a|an|this|that|his|her|its|their|last|next))?[\x20\t]*\Z"
)
# Context that makes a match something else ("Resolution 1973", "2000 troops",
# "Theresa May", "Bloody Sunday", "the Sunday Times"); searched in a short window.
_YEAR_BLOCK_BEFORE = _rx(
    r"(?:\b(?:articles?|resolutions?|sections?|clauses?|no\.?|nos\.?|numbers?|pages?|chapters?"
    r"|flights?|rooms?|paragraphs?|paras?|rules?|figures?|tables?|vol\.?|volumes?|issues?"
    r"|routes?|models?|code)[\x20\t]*|[£$€#][\x20\t]*)\Z"
)
_YEAR_BLOCK_AFTER = _rx(
    r" (?:people|persons|troops|soldiers|members|jobs|votes|voters|words|pounds|dollars"
    r"|euros|km|kilometres|miles|metres|meters|tonnes|tons|mps|seats|homes|cases|deaths"
    r"|times|children|refugees|workers|staff|signatures|tanks|missiles|jets)\b"
)
_MONTH_CONTEXT = _rx(
    r"\b(?:in|since|until|till|during|through|throughout|early|late|mid|last|next|this"
    r"|(?:end|start|beginning|middle) of)[\x20\t-]+\Z"
)
_WEEKDAY_BLOCK_BEFORE = _rx(
    r"\b(?:super|black|cyber|good|easter|ash|shrove|holy|bloody|palm|maundy"
    r"|(?:mail|independent) on) \Z"
)
_WEEKDAY_BLOCK_AFTER = _rx(
    r" (?:times|telegraph|mirror|people|express|politics|post|herald|sport|world"
    r"|independent|observer|mail|programme|show|edition|paper|newspaper|supplement|trading)\b"
)
_LEADING_PREP = _rx(r"(?:in|on) ")


def _num(s: str) -> int | None:
    s = " ".join(s.split())
    if s.isdigit():
        return int(s)
    if s in ("a", "an"):
        return 1
    if s.endswith("couple of"):
        return 2
    return numbers.value(s)


def _month_of(token: str) -> int:
    return _MONTHS[token.rstrip(".")]


def _day_of(token: str) -> int:
    return int(token.rstrip("stndrh"))


# --------------------------------------------------------------------------
# Rules: what a matched expression means, as a function of the anchor day

_Rule = Callable[[date], _Bounds]


@dataclass(frozen=True)
class _Meaning:
    kind: str
    fixed: _Bounds | None = None  # anchor-independent result ...
    rule: _Rule | None = None  # ... or a monotone rule applied to anchor days
    day_offset: int | None = None  # set when the rule is "anchor + k days"
    narrative: bool = False  # "at the time": the caller must supply the date
    last_week: bool = False  # "last week": a weekend paper's may be the week just ending


@dataclass(frozen=True)
class _Cand:
    start: int
    end: int
    prio: int
    meaning: _Meaning


def _against(mn: _Meaning, anchor: DateInterval) -> _Bounds | None:
    """Hull of the meaning over the anchor's days (exact: rules are monotone)."""
    try:
        if mn.last_week and _weekend_paper(anchor):
            assert anchor.start is not None and anchor.end is not None
            lo, hi = _week(anchor.start - 7 * _ONE)[0], anchor.end - _ONE
        elif mn.rule is None:
            lo, hi = mn.fixed or (None, None)
        else:
            lo = mn.rule(anchor.start)[0] if anchor.start else None
            hi = mn.rule(anchor.end)[1] if anchor.end else None
    except (ValueError, OverflowError):
        return None
    if lo is not None and hi is not None and lo > hi:
        return None
    return lo, hi


def _fixed(lo: date | None, hi: date | None, kind: str = "absolute") -> _Meaning | None:
    return _Meaning(kind, fixed=(lo, hi)) if lo is None or hi is None or lo <= hi else None


def _dm_value(s: str) -> tuple[int, int, int | None]:
    p = _DM_PARSE.fullmatch(s)
    assert p is not None
    mon = _month_of(p.group("m") or p.group("m2"))
    return mon, _day_of(p.group("d") or p.group("d2")), int(p.group("y")) if p.group("y") else None


def _day_range(a: tuple[int, int, int | None], b: tuple[int, int, int | None]) -> _Meaning | None:
    """From day a to day b; a missing year is filled so that a <= b (and from the anchor)."""
    (ma, da, ya), (mb, db, yb) = a, b
    if not (_valid_day_month(ma, da) and _valid_day_month(mb, db)):
        return None
    if ya is not None and yb is not None:
        return _fixed(date(ya, ma, da), date(yb, mb, db))
    if yb is not None:
        hi = date(yb, mb, db)
        return _fixed(_on_or_before(ma, da, hi), hi)
    if ya is not None:
        lo = date(ya, ma, da)
        return _fixed(lo, _on_or_after(mb, db, lo))

    def rule(d: date) -> _Bounds:
        lo = _nearest(ma, da, d)
        return lo, _on_or_after(mb, db, lo)

    return _Meaning("absolute", rule=rule)


def _single_day(mon: int, day: int, year: int | None) -> _Meaning | None:
    if not _valid_day_month(mon, day):
        return None
    if year is not None:
        return _fixed(date(year, mon, day), date(year, mon, day))
    return _Meaning("absolute", rule=lambda d: (_nearest(mon, day, d),) * 2)


def _month_range(ma: int, mb: int, ya: int | None, yb: int | None) -> _Meaning | None:
    if ya is not None and yb is not None:
        return _fixed(_month(ya, ma)[0], _month(yb, mb)[1])
    if yb is not None:
        return _fixed(_month(yb if ma <= mb else yb - 1, ma)[0], _month(yb, mb)[1])
    if ya is not None:
        return _fixed(_month(ya, ma)[0], _month(ya if mb >= ma else ya + 1, mb)[1])

    def rule(d: date) -> _Bounds:
        y = d.year if ma <= d.month else d.year - 1
        return _month(y, ma)[0], _month(y if mb >= ma else y + 1, mb)[1]

    return _Meaning("absolute", rule=rule)


def _bare_month(mon: int, rel: str | None, mod: str | None) -> _Rule:
    def rule(d: date) -> _Bounds:
        if rel == "this":
            y = d.year
        elif rel == "last":
            y = d.year if mon < d.month else d.year - 1
        elif rel == "next":
            y = d.year if mon > d.month else d.year + 1
        else:
            y = d.year if mon <= d.month else d.year - 1
        return _thirds(*_month(y, mon), "month", mod)

    return rule


def _weekday(w: int, rel: str | None) -> _Rule:
    def rule(d: date) -> _Bounds:
        if rel == "last":
            day = d - ((d.weekday() - w - 1) % 7 + 1) * _ONE
        elif rel == "next":
            day = d + ((w - d.weekday() - 1) % 7 + 1) * _ONE
        else:
            day = d - ((d.weekday() - w) % 7) * _ONE
        return day, day

    return rule


def _weekday_range(a: int, b: int) -> _Rule:
    """ "Tuesday to Thursday": ends on the latest such last day on or before the anchor and starts on
    the first day's weekday before it (never the anchor's own Tuesday after that Thursday)."""
    last = _weekday(b, None)

    def rule(d: date) -> _Bounds:
        end = last(d)[0]
        return end - ((b - a) % 7) * _ONE, end

    return rule


# --------------------------------------------------------------------------
# From regex matches to candidates

_AMBIGUOUS_MONTHS = ("may", "march", "mar")
_MONTH_PATTERNS = ("dmy", "mdy", "my", "month", "range_dm", "range_dd", "range_md", "range_m")
_WORD = re.compile(r"[a-z]+")


def _months_ok(orig: str, norm: str, m: re.Match[str]) -> bool:
    """In running text, "May"/"March"/"Mar" count as months only when capitalised."""
    return all(
        orig[w.start()].isupper()
        for w in _WORD.finditer(norm, m.start(), m.end())
        if w.group() in _AMBIGUOUS_MONTHS
    )


def _connector_ok(m: re.Match[str]) -> bool:
    """In a range, "and" needs "between", and "between" needs "and" or a dash."""
    k, c = m.group("k"), m.group("c") or m.group("c2")
    if c == "and":
        return k == "between"
    return k != "between" or c == "-"


def _preceded(rx: re.Pattern[str], norm: str, i: int, width: int = 20) -> bool:
    return rx.search(norm, max(0, i - width), i) is not None


def _opt_int(s: str | None) -> int | None:
    return int(s) if s else None


def _meaning(name: str, m: re.Match[str], norm: str, orig: str, strict: bool) -> _Meaning | None:
    """What one regex match means, or None if it is not a date expression after all.

    ``strict`` (running text) applies the context checks that keep "Theresa May",
    "Bloody Sunday" or "2000 troops" out; ``resolve`` turns them off.
    """
    g = m.groupdict().get
    if strict and name in _MONTH_PATTERNS and not _months_ok(orig, norm, m):
        return None
    if name == "deictic":
        if g("att"):
            return _Meaning("deictic", narrative=True)
        _, rule, offset = _DEICTIC_TABLE[int(str(m.lastgroup)[1:])]
        return _Meaning("deictic", rule=rule, day_offset=offset,
                        last_week=" ".join(m.group(0).split()) == "last week")
    if name in ("ago", "in_n", "away", "past_n"):
        n, unit = (_num(g("n")) if g("n") else 1), g("u")
        if n is None:
            return None
        if name == "past_n":
            return _Meaning("relative", rule=lambda d: (_back(d, unit, n), d))
        if name == "in_n" and not g("t") and (unit not in ("day", "week") or g("n") in ("a", "an")):
            return None  # "in 30 years" / "in a week when ..." are durations
        k = -n if name == "ago" else n
        return _Meaning("relative", rule=lambda d: _unit_shift(d, unit, k),
                        day_offset=k if unit == "day" else None)
    if name == "weekday":
        if strict and (_preceded(_WEEKDAY_BLOCK_BEFORE, norm, m.start())
                       or _WEEKDAY_BLOCK_AFTER.match(norm, m.end("wd"))):
            return None
        return _Meaning("deictic", rule=_weekday(_WEEKDAYS.index(g("wd")), g("rel")))
    if name in ("dmy", "mdy"):
        return _single_day(_month_of(g("m")), _day_of(g("d")), _opt_int(g("y")))
    if name == "iso":
        return _single_day(int(g("mo")), int(g("d")), int(g("y")))
    if name == "my":
        return _fixed(*_thirds(*_month(int(g("y")), _month_of(g("m"))), "month", g("mod")))
    if name in ("year", "modyear"):
        if strict and (_preceded(_YEAR_BLOCK_BEFORE, norm, m.start())
                       or _YEAR_BLOCK_AFTER.match(norm, m.end())):
            return None
        return _fixed(*_thirds(*_year(int(g("y"))), "year", g("mod")))
    if name == "decade":
        y = int(g("dec"))
        return _fixed(*_thirds(date(y, 1, 1), date(y + 9, 12, 31), "decade", g("mod")))
    if name == "month":
        tok = g("m")
        if strict and tok in _AMBIGUOUS_MONTHS and not (
            g("rel") or g("mod") or _preceded(_MONTH_CONTEXT, norm, m.start())
        ):
            return None
        if strict and tok == "august" and not orig[m.start("m")].isupper():
            return None  # "an august body"
        return _Meaning("absolute", rule=_bare_month(_MONTHS[tok], g("rel"), g("mod")))
    if not _connector_ok(m):
        return None
    if name == "range_dm":
        return _day_range(_dm_value(g("a")), _dm_value(g("b")))
    if name in ("range_dd", "range_md"):
        mon, y, d1, d2 = _month_of(g("m")), _opt_int(g("y")), _day_of(g("d1")), _day_of(g("d2"))
        return _day_range((mon, d1, y), (mon, d2, y)) if d1 < d2 else None
    if name == "range_m":
        if not (g("k") or g("ya") or g("yb")):
            return None
        return _month_range(_MONTHS[g("a")], _MONTHS[g("b")], _opt_int(g("ya")), _opt_int(g("yb")))
    if name == "range_wd":
        if strict and (_preceded(_WEEKDAY_BLOCK_BEFORE, norm, m.start())
                       or _WEEKDAY_BLOCK_AFTER.match(norm, m.end("b"))):
            return None
        return _Meaning("deictic", rule=_weekday_range(_WEEKDAYS.index(g("a")), _WEEKDAYS.index(g("b"))))
    if name == "range_y":
        y1, raw = int(g("y1")), g("y2")
        if len(raw) == 2 and g("c") != "-":
            return None
        y2 = y1 // 100 * 100 + int(raw) if len(raw) == 2 else int(raw)
        return _fixed(date(y1, 1, 1), date(y2, 12, 31)) if y2 > y1 else None
    raise AssertionError(name)


def _event_meaning(p: re.Match[str], ev: EventAnchor) -> _Meaning | None:
    """Meaning of "<phrase> <event mention>" given the phrase match ``p``."""
    es, ee = ev.interval.start, ev.interval.end
    g = p.groupdict().get
    if g("p"):
        prep = re.sub(r"[\s-]+", " ", g("p"))
        if prep in ("during", "at", "at the time of"):
            return _fixed(es, ee, "event")
        if es is None:
            return None
        if prep == "since":
            return _Meaning("event", rule=lambda d: (es, d))
        if prep in ("ahead of", "in the run up to", "in the lead up to", "in the runup to",
                    "in the leadup to"):
            return _fixed(date(es.year, 1, 1), es, "event")
        if prep == "on the eve of":
            return _fixed(es - _ONE, es - _ONE, "event")
        if prep in ("before", "prior to"):
            return _fixed(None, es - _ONE, "event")
        if prep in ("after", "following", "in the wake of"):
            return _fixed((ee or es) + _ONE, None, "event")
        raise AssertionError(prep)
    n, unit = (_num(g("n")) if g("n") else 1), g("u") or g("u1")
    after = (g("dir") or g("dir1")) == "after"
    ref = (ee or es) if after else es
    if n is None or ref is None:
        return None
    return _fixed(*_unit_shift(ref, unit, n if after else -n), "event")


def _candidates(orig: str, strict: bool, events: Sequence[EventAnchor],
                folded: tuple[str, str, dict[prefilter.Required, bool]] | None = None,
                begins: dict[int, list[int]] | None = None) -> list[_Cand]:
    """Candidate matches in ``orig``; ``folded`` (speed only) is ``orig``'s (norm, key) already made,
    with the literal sets known to be absent (False) from a text that contains ``orig``; ``begins``
    (speed only) is where the patterns of ``_LEADS`` may match in ``orig`` (``Starts.window``)."""
    if folded is None:
        norm = prefilter.ascii_lower(fold(orig))   # = orig.translate(_TRANS), faster
        norm_key = prefilter.key(norm)
        known: dict[prefilter.Required, bool] = {}   # several patterns share one set of literals
    else:
        norm, norm_key, absent = folded
        known = dict(absent)
    patterns: Iterable[int] = range(len(_RX))
    if begins is not None:
        # tried only where one of the words its matches begin with begins: an exact skip
        patterns = sorted([*(_LEAD_PRIO[n] for n in begins), *_UNLED])
    out: list[_Cand] = []
    for prio in patterns:
        name, rx = _RX_ITEMS[prio]
        found: Iterable[re.Match[str]]
        if begins is not None and (n := _LEAD_INDEX[prio]) is not None:
            found = wordstarts.finditer(rx, norm, begins[n])
        else:
            need = _NEEDS[name]
            if (ok := known.get(need)) is None:
                ok = known[need] = prefilter.may_match(need, norm_key)
            if not ok:
                continue   # none of the literals every match contains: an exact skip
            found = rx.finditer(norm)
        for m in found:
            try:
                mn = _meaning(name, m, norm, orig, strict)
            except (ValueError, OverflowError):
                mn = None
            if mn is not None:
                out.append(_Cand(m.start(), m.end(), prio, mn))
    for ev in events:
        if not 0 <= ev.start <= ev.end <= len(orig):
            continue
        lo = max(0, ev.start - 80)
        p = _EVENT_PREFIX.search(norm, lo, ev.start)
        try:
            mn = _event_meaning(p, ev) if p else None
        except (ValueError, OverflowError):
            mn = None
        if p and mn is not None:
            out.append(_Cand(p.start(), ev.end, -1, mn))
    return out


def _select(cands: list[tuple[_Cand, _Bounds]], size: int) -> list[tuple[_Cand, _Bounds]]:
    """Longest match wins (ties: earlier, then pattern priority); result sorted by start."""
    taken = bytearray(size)
    chosen: list[tuple[_Cand, _Bounds]] = []
    for c, b in sorted(cands, key=lambda cb: (cb[0].start - cb[0].end, cb[0].start, cb[0].prio)):
        if taken.find(1, c.start, c.end) == -1:
            taken[c.start:c.end] = b"\x01" * (c.end - c.start)
            chosen.append((c, b))
    return sorted(chosen, key=lambda cb: cb[0].start)


# --------------------------------------------------------------------------
# Public API


_LAST: list[tuple[str, str, str, dict[prefilter.Required, bool], wordstarts.Starts]] = []


def _folded(text: str) -> tuple[str, str, dict[prefilter.Required, bool], wordstarts.Starts]:
    """Speed only: ``text`` folded and keyed once for all its windows (both map one character to
    one, so a window's are slices of the text's), the literal sets absent from the whole text
    (absent from every window too) and where the patterns' first words begin in it. Kept for the
    last text, which is called again per paragraph."""
    if _LAST and _LAST[0][0] is text:
        return _LAST[0][1:]
    norm = prefilter.ascii_lower(fold(text))
    norm_key = prefilter.key(norm)
    absent = {need: False for need in dict.fromkeys(_NEEDS_SEARCHED)
              if not prefilter.may_match(need, norm_key)}
    found = wordstarts.Starts(_LEADS, *wordstarts.folded_runs(text, norm_key))
    _LAST[:] = [(text, norm, norm_key, absent, found)]
    return norm, norm_key, absent, found


def find_mentions(
    text: str,
    anchor: DateInterval,
    begin: int = 0,
    end: int | None = None,
    events: Sequence[EventAnchor] = (),
) -> list[TemporalMention]:
    """All date expressions in ``text[begin:end]``, sorted and non-overlapping.

    The window is searched as if it were the whole text (context outside it is
    not consulted); offsets in the result are absolute.  Events must lie
    entirely inside the window to be used.  Anchor-dependent mentions get
    ``None`` bounds where the anchor bound is unknown.
    """
    n = len(text)
    end = n if end is None else min(max(end, 0), n)
    begin = min(max(begin, 0), n)
    if begin >= end:
        return []
    window = text[begin:end]
    local = [EventAnchor(e.start - begin, e.end - begin, e.event_id, e.interval)
             for e in events if begin <= e.start <= e.end <= end]
    norm, norm_key, absent, found = _folded(text)
    begins = found.window(begin, end) if wordstarts.ENABLED else None
    if begins == {} and not local and not any(
            absent.get(_NEEDS[_RX_ITEMS[prio][0]]) is None
            and prefilter.may_match(_NEEDS[_RX_ITEMS[prio][0]], norm_key, begin, end) for prio in _UNLED):
        return []   # no pattern can match (the same skips as in _candidates): nothing to find
    cands = _candidates(window, True, local, (norm[begin:end], norm_key[begin:end], absent), begins)
    resolved = [(c, b) for c in cands if (b := _against(c.meaning, anchor)) is not None]
    out = []
    for c, (lo, hi) in _select(resolved, len(window)):
        s = window[c.start:c.end]
        iv = DateInterval(lo, hi, s)
        out.append(TemporalMention(begin + c.start, begin + c.end, s, iv, c.meaning.kind))
    return out


def _whole(expression: str, events: Sequence[EventAnchor]) -> _Meaning | None:
    """The candidate covering all of ``expression`` (bar a leading in/on and punctuation)."""
    norm = expression.translate(_TRANS)
    stripped = norm.rstrip(" \t\r\n.,;:!?")
    b = len(stripped)
    a = len(stripped) - len(stripped.lstrip())
    spans = {(a, b)}
    lead = _LEADING_PREP.match(norm, a)
    if lead:
        spans.add((lead.end(), b))
    best = None
    for c in _candidates(expression, False, events):
        if (c.start, c.end) in spans and (best is None or (c.start, c.prio) < (best.start, best.prio)):
            best = c
    return None if best is None else best.meaning


def resolve(expression: str, anchor: DateInterval, events: Sequence[EventAnchor] = ()) -> DateInterval | None:
    """Resolve one whole expression, or None if it is not a (resolvable) date expression.

    A leading "in"/"on" and trailing punctuation are ignored.  ``events`` offsets
    are relative to ``expression``.  "at the time" gives None (see module doc).
    """
    mn = _whole(expression, events)
    if mn is None or mn.narrative:
        return None
    b = _against(mn, anchor)
    return None if b is None else DateInterval(b[0], b[1], expression.strip())


def infer_anchor_from_offset(expression: str, target: DateInterval) -> DateInterval | None:
    """Invert a pure day offset: if ``expression`` ("nine days away", "yesterday",
    "three days ago") refers to ``target``, return the anchor it implies.

    None for expressions that are not a fixed number of days from the anchor.
    """
    mn = _whole(expression, ())
    if mn is None or mn.day_offset is None:
        return None
    k = mn.day_offset * _ONE
    try:
        lo = None if target.start is None else target.start - k
        hi = None if target.end is None else target.end - k
    except OverflowError:
        return None
    return DateInterval(lo, hi, expression.strip())


# --------------------------------------------------------------------------
# Dates of what is talked about (scripts/lexicon/attributive_dates.yaml)

_ATTR = {k: lexicon.alternation([f for e in lexicon.entries("attributive_dates", ("kind",)) if e["kind"] == k
                                 for f in e["forms"]])
         for k in ("determiner", "preposition", "follower", "occasion", "event")}
_ATTR_BEFORE = re.compile(
    rf"(?<![\w’'])(?:{_ATTR['determiner']})[\s\u00a0]+"
    rf"(?:(?!(?:{_ATTR['preposition']})\b)[“\"‘'(]?[\w’'-]+[”\"’')]?,?[\s\u00a0]+){{0,2}}$", re.IGNORECASE)
_POSSESSIVE = re.compile(r"['’]s\b")
_EVENT_ON = re.compile(rf"(?<![\w’'-])(?:{_ATTR['event']})[\s\u00a0]+(?:on|of)[\s\u00a0]+"
                       r"(?:the[\s\u00a0]+)?\Z", re.IGNORECASE)
_ATTR_AFTER = re.compile(r"[\s\u00a0]+([a-z][\w-]*)")
_ATTR_FOLLOWER = re.compile(rf"(?:{_ATTR['follower']})", re.IGNORECASE)
_ATTR_OCCASION = re.compile(rf"(?:{_ATTR['occasion']})", re.IGNORECASE)


def attributive(text: str, t: TemporalMention) -> bool:
    """Is the date a modifier of the noun after it ("the March 4 poisoning", "a 12 May vote"), a noun
    other than an occasion of speaking ("the March 4 interview" is when the words were said)?"""
    after = _ATTR_AFTER.match(text, t.end)
    if after is None or _ATTR_FOLLOWER.fullmatch(after.group(1)) or _ATTR_OCCASION.fullmatch(after.group(1)):
        return False   # "the March 4 interview": the date of the speaking itself
    return _ATTR_BEFORE.search(text[max(0, t.start - 60):t.start]) is not None


def content_date(text: str, t: TemporalMention, published_end: date | None) -> str | None:
    """Why a date in a sentence cannot be when that sentence's words were said (None: it may be).

    Words are never said after they are published, so a date wholly after publication ("if he
    wins the election on June 8") is what the words are about; so is a date that modifies a noun
    ("the March 4 poisoning", "last year's conference"), the date of the thing talked about.
    """
    if published_end is not None and t.interval.start is not None and t.interval.start > published_end:
        return "after publication"
    if attributive(text, t) or _POSSESSIVE.match(text, t.end) or \
            _EVENT_ON.search(text, max(0, t.start - 30), t.start):
        return "modifies a noun"   # "the March 4 poisoning", "last year's talks", "the attack on March 4"
    return None


# Narrative-relative phrases ("a year later", "the following month", "later that year"): counted from
# the date the narrative last gave, which only the caller knows (scripts/steps/statements.py).
_SHIFT = _rx(rf"\b(?:(?P<n>{_NUM}) (?P<u>day|week|month|year)s? (?:later|on)"
             r"|the (?:following|next|same) (?P<u2>day|week|month|year)"
             r"|later that (?P<u3>day|week|month|year))\b")


# The same phrases matched on unfolded text, for callers that look for one at a given place.
SHIFT_PHRASE = _SHIFT.pattern.replace(r"[\x20\t]+", r"[\s\u00a0]+")


def narrative_shift(text: str, lo: int, hi: int) -> re.Match[str] | None:
    """The last narrative-relative phrase in ``text[lo:hi]`` ("and a year later admitted"), if any."""
    found = list(_SHIFT.finditer(prefilter.ascii_lower(fold(text[lo:hi]))))
    return found[-1] if found else None


def shifted(base: DateInterval, shift: re.Match[str]) -> DateInterval:
    """``base`` moved by a narrative-relative phrase: "a year later" of 2014 is 2015, "later that year"
    runs from the base to the end of its year, "the same year" is the base's year. Approximate units
    (weeks) widen by half a unit either way; an unknown count gives an open end, never a guess."""
    lo, hi = base.start, base.end
    if lo is None or hi is None:
        return DateInterval(None, None, shift.group(0))
    evidence = f"{shift.group(0)} ({base.evidence})" if base.evidence else shift.group(0)
    if shift.group("u3"):
        unit = shift.group("u3")
        end = {"day": hi, "week": _week(hi)[1], "month": _month(hi.year, hi.month)[1],
               "year": date(hi.year, 12, 31)}[unit]
        return DateInterval(lo, end, evidence)
    if shift.group("u2"):
        unit, n = shift.group("u2"), 0 if "same" in shift.group(0) else 1
    else:
        unit, n = shift.group("u"), _num(shift.group("n"))
        if n is None:
            return DateInterval(lo, None, evidence)
    if unit == "year":
        return DateInterval(date(lo.year + n, 1, 1), date(hi.year + n, 12, 31), evidence)
    if unit == "month":
        y0, m0 = _add_months(lo.year, lo.month, n)
        y1, m1 = _add_months(hi.year, hi.month, n)
        return DateInterval(date(y0, m0, 1), _month(y1, m1)[1], evidence)
    if unit == "week":
        return DateInterval(lo + (7 * n - 3) * _ONE, hi + (7 * n + 3) * _ONE, evidence)
    return DateInterval(lo + n * _ONE, hi + n * _ONE, evidence)
