"""Tests for scripts.annotate.temporal: a table of expressions, negatives, offsets and properties."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scripts.annotate.temporal import (
    PRECISIONS,
    DateInterval,
    EventAnchor,
    TemporalMention,
    find_mentions,
    infer_anchor_from_offset,
    precision_of,
    resolve,
)

D = date


def day(y: int, m: int, d: int) -> DateInterval:
    return DateInterval(D(y, m, d), D(y, m, d))


AUG11 = day(2015, 8, 11)  # a Tuesday
AUG_WEEK = DateInterval(D(2015, 8, 11), D(2015, 8, 16))  # Tue..Sun
DEC3 = day(2019, 12, 3)  # a Tuesday
JAN15 = day(2016, 1, 15)
NOV15 = day(2017, 11, 15)  # a Wednesday

# (expression, anchor, expected start, expected end, expected precision)
TABLE = [
    # deictic
    ("today", AUG11, D(2015, 8, 11), D(2015, 8, 11), "day"),
    ("this afternoon", AUG11, D(2015, 8, 11), D(2015, 8, 11), "day"),
    ("this morning", AUG11, D(2015, 8, 11), D(2015, 8, 11), "day"),
    ("tonight", AUG11, D(2015, 8, 11), D(2015, 8, 11), "day"),
    ("now", AUG11, D(2015, 8, 11), D(2015, 8, 11), "day"),
    ("yesterday", AUG11, D(2015, 8, 10), D(2015, 8, 10), "day"),
    ("last night", AUG11, D(2015, 8, 10), D(2015, 8, 10), "day"),
    ("tomorrow", AUG11, D(2015, 8, 12), D(2015, 8, 12), "day"),
    ("at the time of writing", AUG11, D(2015, 8, 11), D(2015, 8, 11), "day"),
    ("this week", AUG11, D(2015, 8, 10), D(2015, 8, 16), "month"),
    ("earlier this week", NOV15, D(2017, 11, 13), D(2017, 11, 15), "month"),
    ("Earlier this week", AUG11, D(2015, 8, 10), D(2015, 8, 11), "month"),
    ("later this week", AUG11, D(2015, 8, 11), D(2015, 8, 16), "month"),
    ("last week", AUG11, D(2015, 8, 3), D(2015, 8, 9), "month"),
    ("Last week", AUG_WEEK, D(2015, 8, 3), D(2015, 8, 9), "month"),
    ("next week", AUG11, D(2015, 8, 17), D(2015, 8, 23), "month"),
    ("this month", AUG11, D(2015, 8, 1), D(2015, 8, 31), "month"),
    ("earlier this month", AUG11, D(2015, 8, 1), D(2015, 8, 11), "month"),
    ("last month", AUG11, D(2015, 7, 1), D(2015, 7, 31), "month"),
    ("last month", AUG_WEEK, D(2015, 7, 1), D(2015, 7, 31), "month"),
    ("last month", JAN15, D(2015, 12, 1), D(2015, 12, 31), "month"),  # year boundary
    ("next month", day(2015, 12, 20), D(2016, 1, 1), D(2016, 1, 31), "month"),
    ("this year", AUG11, D(2015, 1, 1), D(2015, 12, 31), "year"),
    ("earlier this year", AUG11, D(2015, 1, 1), D(2015, 8, 11), "year"),
    ("last year", AUG11, D(2014, 1, 1), D(2014, 12, 31), "year"),
    ("next year", AUG11, D(2016, 1, 1), D(2016, 12, 31), "year"),
    ("recently", AUG11, D(2015, 6, 30), D(2015, 8, 11), "year"),
    ("in recent weeks", day(2022, 3, 1), D(2022, 1, 18), D(2022, 3, 1), "year"),
    ("in the past few weeks", AUG11, D(2015, 6, 30), D(2015, 8, 11), "year"),
    ("over the past year", AUG11, D(2014, 8, 11), D(2015, 8, 11), "unknown"),
    ("in the last three months", AUG11, D(2015, 5, 11), D(2015, 8, 11), "year"),
    ("at the weekend", AUG11, D(2015, 8, 8), D(2015, 8, 9), "month"),
    # weekdays: most recent on or before the anchor
    ("on Monday", AUG11, D(2015, 8, 10), D(2015, 8, 10), "day"),
    ("on Monday", AUG_WEEK, D(2015, 8, 10), D(2015, 8, 10), "day"),
    ("on Tuesday", AUG11, D(2015, 8, 11), D(2015, 8, 11), "day"),
    ("on Tuesday", AUG_WEEK, D(2015, 8, 11), D(2015, 8, 11), "day"),
    ("Monday", AUG11, D(2015, 8, 10), D(2015, 8, 10), "day"),
    ("Wednesday", AUG11, D(2015, 8, 5), D(2015, 8, 5), "day"),
    ("on Friday", AUG_WEEK, D(2015, 8, 7), D(2015, 8, 14), "month"),
    ("Monday night", AUG11, D(2015, 8, 10), D(2015, 8, 10), "day"),
    ("last Monday", day(2015, 8, 10), D(2015, 8, 3), D(2015, 8, 3), "day"),
    ("next Monday", AUG11, D(2015, 8, 17), D(2015, 8, 17), "day"),
    # absolute
    ("2014", AUG11, D(2014, 1, 1), D(2014, 12, 31), "year"),
    ("in 2014", AUG11, D(2014, 1, 1), D(2014, 12, 31), "year"),
    ("February", AUG11, D(2015, 2, 1), D(2015, 2, 28), "month"),
    ("in February", AUG11, D(2015, 2, 1), D(2015, 2, 28), "month"),
    ("in September", AUG11, D(2014, 9, 1), D(2014, 9, 30), "month"),
    ("in August", AUG11, D(2015, 8, 1), D(2015, 8, 31), "month"),
    ("last February", day(2015, 2, 10), D(2014, 2, 1), D(2014, 2, 28), "month"),
    ("early February", AUG11, D(2015, 2, 1), D(2015, 2, 10), "month"),
    ("February 2015", AUG11, D(2015, 2, 1), D(2015, 2, 28), "month"),
    ("Feb 2016", AUG11, D(2016, 2, 1), D(2016, 2, 29), "month"),
    ("May 2017", AUG11, D(2017, 5, 1), D(2017, 5, 31), "month"),
    ("28 November", DEC3, D(2019, 11, 28), D(2019, 11, 28), "day"),
    ("November 28", DEC3, D(2019, 11, 28), D(2019, 11, 28), "day"),
    ("December 2", DEC3, D(2019, 12, 2), D(2019, 12, 2), "day"),
    ("December 2", JAN15, D(2015, 12, 2), D(2015, 12, 2), "day"),  # written in January
    ("January 5", day(2015, 12, 20), D(2016, 1, 5), D(2016, 1, 5), "day"),
    ("September 10", AUG11, D(2015, 9, 10), D(2015, 9, 10), "day"),  # future deadline
    ("3rd December", DEC3, D(2019, 12, 3), D(2019, 12, 3), "day"),
    ("the 3rd of December", DEC3, D(2019, 12, 3), D(2019, 12, 3), "day"),
    ("Dec 3", DEC3, D(2019, 12, 3), D(2019, 12, 3), "day"),
    ("Dec. 3rd, 2019", AUG11, D(2019, 12, 3), D(2019, 12, 3), "day"),
    ("29 February", AUG11, D(2016, 2, 29), D(2016, 2, 29), "day"),
    ("10 September 2015", DEC3, D(2015, 9, 10), D(2015, 9, 10), "day"),
    ("September 10, 2015", DEC3, D(2015, 9, 10), D(2015, 9, 10), "day"),
    ("Fri, 13 December 2024", NOV15, D(2024, 12, 13), D(2024, 12, 13), "day"),
    ("2015-09-10", DEC3, D(2015, 9, 10), D(2015, 9, 10), "day"),
    ("the 1990s", AUG11, D(1990, 1, 1), D(1999, 12, 31), "unknown"),
    ("the late 1990s", AUG11, D(1997, 1, 1), D(1999, 12, 31), "unknown"),
    ("mid-2015", AUG11, D(2015, 5, 1), D(2015, 8, 31), "year"),
    ("between November 28 and December 2", DEC3, D(2019, 11, 28), D(2019, 12, 2), "year"),
    ("between December 28 and January 2", day(2020, 1, 10), D(2019, 12, 28), D(2020, 1, 2), "unknown"),
    ("from 28 November to 2 December 2019", AUG11, D(2019, 11, 28), D(2019, 12, 2), "year"),
    ("28-30 November 2019", AUG11, D(2019, 11, 28), D(2019, 11, 30), "month"),
    ("between 2014 and 2016", AUG11, D(2014, 1, 1), D(2016, 12, 31), "unknown"),
    ("2014-16", AUG11, D(2014, 1, 1), D(2016, 12, 31), "unknown"),
    ("between February and April", AUG11, D(2015, 2, 1), D(2015, 4, 30), "year"),
    # counted
    ("five years ago", DEC3, D(2014, 1, 1), D(2014, 12, 31), "year"),
    ("a year ago", AUG11, D(2014, 1, 1), D(2014, 12, 31), "year"),
    ("twenty years ago", AUG11, D(1995, 1, 1), D(1995, 12, 31), "year"),
    ("thirty-five years ago", AUG11, D(1980, 1, 1), D(1980, 12, 31), "year"),
    ("a decade ago", AUG11, D(2005, 1, 1), D(2005, 12, 31), "year"),
    ("two years ago", DateInterval(D(2015, 12, 20), D(2016, 1, 10)),
     D(2013, 1, 1), D(2014, 12, 31), "unknown"),
    ("three months ago", AUG11, D(2015, 5, 1), D(2015, 5, 31), "month"),
    ("three months ago", day(2016, 2, 29), D(2015, 11, 1), D(2015, 11, 30), "month"),
    ("two weeks ago", AUG11, D(2015, 7, 27), D(2015, 8, 2), "year"),
    ("a week ago", AUG11, D(2015, 8, 3), D(2015, 8, 9), "month"),
    ("ten days ago", AUG11, D(2015, 8, 1), D(2015, 8, 1), "day"),
    ("nine days away", DEC3, D(2019, 12, 12), D(2019, 12, 12), "day"),
    ("in nine days", DEC3, D(2019, 12, 12), D(2019, 12, 12), "day"),
    ("in two weeks' time", AUG11, D(2015, 8, 24), D(2015, 8, 30), "month"),
    ("in two years’ time", AUG11, D(2017, 1, 1), D(2017, 12, 31), "year"),
]


@pytest.mark.parametrize(("expr", "anchor", "start", "end", "precision"), TABLE)
def test_resolve_table(expr: str, anchor: DateInterval, start: date, end: date, precision: str) -> None:
    got = resolve(expr, anchor)
    assert got is not None, expr
    assert (got.start, got.end, got.precision) == (start, end, precision)


@pytest.mark.parametrize(("expr", "anchor", "start", "end", "precision"), TABLE)
def test_table_expressions_are_found_in_running_text(
    expr: str, anchor: DateInterval, start: date, end: date, precision: str
) -> None:
    text = f"He said {expr}, it emerged."
    core = expr[3:] if expr.startswith(("in ", "on ")) else expr  # spans omit a leading in/on
    ms = find_mentions(text, anchor)
    assert len(ms) == 1, ms
    assert ms[0].text in (expr, core)
    assert (ms[0].interval.start, ms[0].interval.end) == (start, end)


@pytest.mark.parametrize(
    "expr",
    [
        "30 years of failed policies",
        "the 70th anniversary",
        "2% of GDP",
        "two percent",
        "two per cent",
        "53 percent",
        "150,000",
        "a 32-point lead",
        "Article 5",
        "article five",
        "Brexit referendum",
        "Tories have 12-point poll lead as election looms",
        "Theresa May",
        "they may",
        "the march",
        "Bloody Sunday",
        "the Sunday Times",
        "Russia Today",
        "the Today programme",
        "2000 troops",
        "Resolution 1973",
        "£2015",
        "in 30 years",
        "in a week when",
        "1,000 years ago",
        "at the time",  # narrative time: found by find_mentions, not resolvable
        "",
        "   ",
    ],
)
def test_negatives_do_not_resolve(expr: str) -> None:
    assert resolve(expr, AUG11) is None


@pytest.mark.parametrize(
    "text",
    [
        "the product of 30 years of failed policies",
        "a summit to mark the alliance's 70th anniversary",
        "if it had not contributed 2% of its GDP",
        "two percent defence expenditure; 53 percent; 150,000 fake accounts",
        "giving him a 32-point lead under Article 5",
        "last year's Brexit referendum"[12:],
        "Tories have 12-point poll lead as election looms",
        "Theresa May issued a blunt message; she may march on",
        "the Mail on Sunday and the Sunday Times, Bloody Sunday, Super Tuesday",
        "told the BBC's Today programme and Russia Today",
        "some 2000 troops; UN Resolution 1973",
        "an august body",
    ],
)
def test_negatives_in_running_text(text: str) -> None:
    assert find_mentions(text, AUG11) == []


def test_at_the_time_is_a_placeholder() -> None:
    text = "Mr Corbyn's spokesman at the time refused"
    (m,) = find_mentions(text, AUG11)
    assert (m.text, m.kind, m.interval) == ("at the time", "deictic", DateInterval(None, None, "at the time"))
    assert m.interval.precision == "unknown"
    assert resolve("at the time", AUG11) is None


def test_may_needs_capital_and_context() -> None:
    ms = find_mentions("who withdrew from the leadership race in May, said Theresa May", AUG11)
    assert [(m.text, m.interval.start) for m in ms] == [("May", D(2015, 5, 1))]


# --------------------------------------------------------------------------
# Events

LEADER = DateInterval(D(2015, 9, 12), D(2015, 9, 12))
NEWPORT = DateInterval(D(2014, 9, 4), D(2014, 9, 5))


def _event(text: str, phrase: str, interval: DateInterval) -> EventAnchor:
    i = text.index(phrase)
    return EventAnchor(i, i + len(phrase), "ev", interval)


@pytest.mark.parametrize(
    ("expr", "phrase", "interval", "start", "end", "precision"),
    [
        ("a year before he became Labour leader", "he became Labour leader", LEADER,
         D(2014, 1, 1), D(2014, 12, 31), "year"),
        ("two years after he became Labour leader", "he became Labour leader", LEADER,
         D(2017, 1, 1), D(2017, 12, 31), "year"),
        ("three months before the Nato summit", "Nato summit", NEWPORT,
         D(2014, 6, 1), D(2014, 6, 30), "month"),
        ("the day after the Nato summit", "Nato summit", NEWPORT, D(2014, 9, 6), D(2014, 9, 6), "day"),
        ("ahead of a Nato summit in Newport", "a Nato summit in Newport", NEWPORT,
         D(2014, 1, 1), D(2014, 9, 4), "year"),
        ("in the run-up to the Nato summit", "Nato summit", NEWPORT, D(2014, 1, 1), D(2014, 9, 4), "year"),
        ("during the Nato summit", "Nato summit", NEWPORT, D(2014, 9, 4), D(2014, 9, 5), "month"),
        ("at the Nato summit", "the Nato summit", NEWPORT, D(2014, 9, 4), D(2014, 9, 5), "month"),
        ("on the eve of the Nato summit", "Nato summit", NEWPORT, D(2014, 9, 3), D(2014, 9, 3), "day"),
        ("since he became Labour leader", "he became Labour leader", LEADER,
         D(2015, 9, 12), D(2017, 11, 15), "unknown"),
    ],
)
def test_event_relative(
    expr: str, phrase: str, interval: DateInterval, start: date, end: date, precision: str
) -> None:
    ev = _event(expr, phrase, interval)
    got = resolve(expr, NOV15, [ev])
    assert got is not None
    assert (got.start, got.end, got.precision) == (start, end, precision)
    (m,) = find_mentions(f"Speaking {expr}, he said.", NOV15, events=[_event(f"Speaking {expr}, he", phrase,
                                                                              interval)])
    assert (m.kind, m.text, m.interval.start, m.interval.end) == ("event", expr, start, end)


def test_event_needs_adjacent_anchor() -> None:
    text = "a year before the crowd heard he became Labour leader"
    ev = _event(text, "he became Labour leader", LEADER)
    assert resolve(text, NOV15, [ev]) is None
    assert resolve("a year before he became Labour leader", NOV15) is None  # no event given


def test_event_in_article_sentence() -> None:
    text = "comments made by Mr Corbyn at a protest ahead of a Nato summit in Newport, Wales, in 2014."
    ms = find_mentions(text, DEC3, events=[_event(text, "a Nato summit in Newport", NEWPORT)])
    assert [(m.text, m.kind) for m in ms] == [
        ("ahead of a Nato summit in Newport", "event"),
        ("2014", "absolute"),
    ]
    assert ms[0].interval.end == D(2014, 9, 4)


# --------------------------------------------------------------------------
# Offsets, windows, no-break spaces, API details


def test_offsets_round_trip_with_no_break_spaces() -> None:
    text = "Leaders met on\u00a0Monday and again on 28\u00a0November\u202f2019 – “last\u202fyear’s” talks."
    ms = find_mentions(text, DEC3)
    assert [m.text for m in ms] == ["Monday", "28\u00a0November\u202f2019", "last\u202fyear"]
    for m in ms:
        assert text[m.start:m.end] == m.text == m.interval.evidence


def test_window_offsets_are_absolute() -> None:
    text = "In 2014 he spoke. Last week he spoke again. Today he is silent."
    begin = text.index("Last")
    ms = find_mentions(text, AUG11, begin=begin, end=text.index("Today"))
    assert [(m.text, m.start) for m in ms] == [("Last week", begin)]
    assert find_mentions(text, AUG11, begin=10, end=5) == []


def test_precision_of() -> None:
    assert PRECISIONS == ("day", "month", "year", "unknown")
    assert precision_of(D(2015, 1, 1), D(2015, 1, 1)) == "day"
    assert precision_of(D(2015, 1, 1), D(2015, 1, 31)) == "month"
    assert precision_of(D(2015, 1, 1), D(2015, 2, 1)) == "year"
    assert precision_of(D(2014, 12, 31), D(2015, 1, 1)) == "unknown"
    assert precision_of(None, D(2015, 1, 1)) == "unknown"
    with pytest.raises(ValueError):
        DateInterval(D(2015, 1, 2), D(2015, 1, 1))


def test_unknown_anchor_bounds() -> None:
    assert resolve("2014", DateInterval(None, None)) == DateInterval(D(2014, 1, 1), D(2014, 12, 31), "2014")
    got = resolve("last year", DateInterval(None, D(2015, 8, 11)))
    assert got is not None and (got.start, got.end) == (None, D(2014, 12, 31))


def test_infer_anchor_from_offset() -> None:
    election = day(2019, 12, 12)
    got = infer_anchor_from_offset("nine days away", election)
    assert got is not None and (got.start, got.end) == (D(2019, 12, 3), D(2019, 12, 3))
    got = infer_anchor_from_offset("yesterday", day(2019, 12, 2))
    assert got is not None and got.start == D(2019, 12, 3)
    assert infer_anchor_from_offset("last week", election) is None
    assert infer_anchor_from_offset("2014", election) is None


# --------------------------------------------------------------------------
# Properties

FRAGMENTS = [
    "today", "Monday", "on Friday", "last week", "28 November", "November 28", "December 2",
    "2014", "in 2014", "the 1990s", "five years ago", "in nine days", "nine days away", "May",
    "in May", "Theresa May", "at the time", "between", " and ", "Feb", " 2015", "-", "recently",
    "this\u00a0week", "\u202f", "\u00a0", "’", "Dec.", "3rd", " of ", "earlier this ", "year",
    "150,000", "2%", "Article 5", "ago", "the ", "2015-09-10", "İ", "ſeptember", "K",
]
texty = st.lists(st.one_of(st.text(max_size=6), st.sampled_from(FRAGMENTS)), max_size=30).map("".join)
anchors = st.tuples(
    st.dates(min_value=D(1990, 1, 1), max_value=D(2030, 12, 31)), st.integers(0, 120)
).map(lambda t: DateInterval(t[0], t[0] + timedelta(days=t[1])))


def _check_mentions(text: str, ms: list[TemporalMention], lo: int = 0, hi: int | None = None) -> None:
    hi = len(text) if hi is None else hi
    prev_end = lo
    for m in ms:
        assert lo <= m.start < m.end <= hi
        assert text[m.start:m.end] == m.text
        assert m.start >= prev_end  # sorted and non-overlapping
        prev_end = m.end
        assert m.kind in ("absolute", "relative", "deictic", "event")
        iv = m.interval
        assert iv.start is None or iv.end is None or iv.start <= iv.end
        assert iv.precision in PRECISIONS


@settings(max_examples=300, deadline=None)
@given(st.text(), anchors)
def test_arbitrary_unicode_never_raises(text: str, anchor: DateInterval) -> None:
    ms = find_mentions(text, anchor)
    _check_mentions(text, ms)
    assert ms == find_mentions(text, anchor)


@settings(max_examples=300, deadline=None)
@given(texty, anchors)
def test_mentions_are_consistent(text: str, anchor: DateInterval) -> None:
    ms = find_mentions(text, anchor)
    _check_mentions(text, ms)
    assert ms == find_mentions(text, anchor)  # deterministic
    for m in ms:  # resolving the mention alone gives the same interval
        if m.interval.start is not None or m.interval.end is not None:
            got = resolve(m.text, anchor)
            assert got is not None and (got.start, got.end) == (m.interval.start, m.interval.end), m


@settings(max_examples=200, deadline=None)
@given(texty, anchors, st.integers(-3, 200), st.integers(-3, 200))
def test_window_equals_slice(text: str, anchor: DateInterval, b: int, e: int) -> None:
    ms = find_mentions(text, anchor, b, e)
    lo, hi = max(b, 0), min(max(e, 0), len(text))
    _check_mentions(text, ms, lo, max(lo, hi))
    if lo < hi:
        sub = find_mentions(text[lo:hi], anchor)
        assert [(m.start - lo, m.end - lo, m.interval, m.kind) for m in ms] == [
            (m.start, m.end, m.interval, m.kind) for m in sub
        ]


ANCHORED = [
    "today", "yesterday", "tomorrow", "now", "this week", "earlier this week", "later this week",
    "last week", "next week", "this weekend", "last weekend", "at the weekend", "this month",
    "earlier this month", "later this month", "last month", "next month", "this year",
    "earlier this year", "later this year", "last year", "next year", "recently", "in recent days",
    "in recent weeks", "in recent months", "in recent years", "over the past year",
    "in the last three months", "Monday", "last Sunday", "next Wednesday", "February",
    "last March", "next December", "late August", "28 November", "29 February",
    "December 31", "January 1", "between December 28 and January 2", "between February and April",
    "five years ago", "three months ago", "two weeks ago", "ten days ago", "in nine days",
    "in two weeks' time", "in two years' time",
]


@settings(max_examples=150, deadline=None)
@given(st.sampled_from(ANCHORED), anchors.filter(lambda a: (a.end - a.start).days <= 70))
def test_interval_anchor_is_exact_hull(expr: str, anchor: DateInterval) -> None:
    assert anchor.start is not None and anchor.end is not None
    got = resolve(expr, anchor)
    assert got is not None
    days = [anchor.start + timedelta(days=i) for i in range((anchor.end - anchor.start).days + 1)]
    if expr == "last week" and any(d.weekday() >= 5 for d in days):
        return   # a weekend paper's "last week" depends on the whole interval (see below)
    each = [resolve(expr, DateInterval(d, d)) for d in days]
    assert all(r is not None for r in each)
    assert got.start == min(r.start for r in each if r)
    assert got.end == max(r.end for r in each if r)


@settings(max_examples=100, deadline=None)
@given(st.dates(min_value=D(1900, 1, 1), max_value=D(2099, 12, 31)),
       st.sampled_from(["%d %B %Y", "%B %d, %Y", "%d %b %Y", "%Y-%m-%d", "%A %d %B %Y"]))
def test_absolute_dates_agree_with_dateparser(d: date, fmt: str) -> None:
    from dateparser.date import DateDataParser

    s = d.strftime(fmt)
    got = resolve(s, AUG11)
    assert got is not None and got.start == got.end == d
    data = DateDataParser(languages=["en"]).get_date_data(s)
    assert data.date_obj is not None and data.date_obj.date() == d and data.period == "day"


@settings(max_examples=50, deadline=None)
@given(st.dates(min_value=D(1900, 1, 1), max_value=D(2099, 12, 31)))
def test_month_year_agrees_with_dateparser(d: date) -> None:
    from dateparser.date import DateDataParser

    s = d.strftime("%B %Y")
    got = resolve(s, AUG11)
    assert got is not None and got.precision == "month" and got.start == d.replace(day=1)
    data = DateDataParser(languages=["en"]).get_date_data(s)
    assert data.period == "month" and data.date_obj is not None
    assert (data.date_obj.year, data.date_obj.month) == (d.year, d.month)


def test_last_week_in_a_weekend_paper() -> None:
    """A paper known to be out at a weekend may mean the week just ending (up to the day before);
    an interval with weekdays in it keeps the previous Monday-Sunday week."""
    sat_sun = DateInterval(D(2018, 3, 17), D(2018, 3, 18))
    assert resolve("last week", sat_sun) == DateInterval(D(2018, 3, 5), D(2018, 3, 17), "last week")
    sunday = DateInterval(D(2018, 3, 18), D(2018, 3, 18))
    assert resolve("last week", sunday) == DateInterval(D(2018, 3, 5), D(2018, 3, 17), "last week")
    week = DateInterval(D(2015, 8, 11), D(2015, 8, 16))
    assert resolve("last week", week) == DateInterval(D(2015, 8, 3), D(2015, 8, 9), "last week")
    wednesday = DateInterval(D(2018, 3, 14), D(2018, 3, 14))
    assert resolve("last week", wednesday) == DateInterval(D(2018, 3, 5), D(2018, 3, 11), "last week")
