"""Datable events: the register (seeds/events.yaml) and their mentions in articles.

Each event has an interval of days and regular expressions that find it in
article text. Mentions are searched only in article text (``TEXT_KINDS``) and
the headline, as the longest non-overlapping matches; they become
``EventAnchor``s so that the temporal module can resolve "a year before he
became Labour leader" or "ahead of a Nato summit in Newport".
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from itertools import pairwise
from operator import is_
from pathlib import Path
from typing import Any

from scripts.annotate import prefilter, wordstarts
from scripts.annotate.paragraphs import TEXT_KINDS, Paragraph
from scripts.annotate.temporal import DateInterval, EventAnchor, precision_of
from scripts.errors import InputError
from scripts.ids import fold, stable_id
from scripts.registers.loader import LINE, check_keys, date_field, id_field, load_list, text_field, unique_ids
from scripts.registers.sources import Article

REGISTER = "events.yaml"
KINDS = ("election", "referendum", "leadership-contest", "leadership-result", "summit", "debate",
         "interview", "speech", "protest", "war", "attack", "publication", "parliamentary",
         "state-visit", "treaty", "other")
PRECISIONS = ("day", "month", "year")
KEYS = ("id", "name", "kind", "start", "end", "precision", "patterns", "date_evidence", "why")
OPTIONAL = ("max_gap_days", "date_source")
SEARCHED_KINDS = TEXT_KINDS | {"headline"}

_YEAR = re.compile(r"(?<!\d)(1[89]\d\d|20\d\d)(?!\d)")


@dataclass(frozen=True)
class Event:
    """One register entry, checked."""

    id: str
    name: str
    kind: str
    interval: DateInterval
    patterns: tuple[re.Pattern[str], ...]
    max_gap_days: int | None
    date_evidence: str
    source_title: str
    source_url: str
    why: str
    line: int


@dataclass(frozen=True)
class EventMention:
    """A mention of an event in an article (offsets into ``article.text``)."""

    source_id: str
    event_id: str
    paragraph: int
    paragraph_kind: str
    start: int
    end: int
    text: str
    pattern: str
    interval: DateInterval


# --------------------------------------------------------------------------
# Loading and checking the register


def _pattern_line(path: Path, start_line: int, pattern: str) -> int:
    """Line of a pattern in the file (the entry's line if it cannot be found)."""
    lines = path.read_text(encoding="utf-8").splitlines()
    for variant in (pattern, pattern.replace("'", "''")):
        for number in range(start_line, len(lines) + 1):
            if variant in lines[number - 1]:
                return number
    return start_line


def _patterns(path: Path, entry: dict[str, Any]) -> tuple[re.Pattern[str], ...]:
    raw = entry.get("patterns")
    line = entry[LINE]
    if not isinstance(raw, list) or not raw or not all(isinstance(p, str) and p.strip() for p in raw):
        raise InputError(path, "'patterns' must be a non-empty list of regular expressions", line=line,
                         fix="Write one pattern per '- ' line, e.g. '- \\bwales summit\\b'")
    out = []
    for pattern in raw:
        try:
            rx = re.compile(pattern, re.IGNORECASE)
        except re.error as exc:
            raise InputError(path, f"pattern {pattern!r} is not a valid regular expression ({exc})",
                             line=_pattern_line(path, line, pattern),
                             fix="Correct the pattern (Python 're' syntax)") from None
        if rx.search("") is not None:
            raise InputError(path, f"pattern {pattern!r} matches empty text, so it would match anywhere",
                             line=_pattern_line(path, line, pattern), fix="Make every alternative non-empty")
        out.append(rx)
    return tuple(out)


def _source(path: Path, entry: dict[str, Any]) -> tuple[str, str]:
    raw = entry.get("date_source")
    if raw is None:
        return "", ""
    line = entry[LINE]
    if not isinstance(raw, dict):
        raise InputError(path, "'date_source' must have 'title' and 'url'", line=line)
    check_keys(path, raw, ("title", "url"))
    title = text_field(path, raw, "title", allow_empty=False)
    url = text_field(path, raw, "url", allow_empty=False)
    if not re.match(r"^https?://\S+$", url):
        raise InputError(path, f"date_source url {url!r} is not a web address", line=raw.get(LINE, line),
                         fix="Give the full http(s):// address of the page")
    return title, url


def _max_gap(path: Path, entry: dict[str, Any]) -> int | None:
    value = entry.get("max_gap_days")
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise InputError(path, f"max_gap_days {value!r} must be a whole number of days (0 or more)",
                         line=entry[LINE], fix="Write e.g. 'max_gap_days: 30', or remove the key")
    return value


def _event(path: Path, entry: dict[str, Any]) -> Event:
    line = entry[LINE]
    check_keys(path, entry, KEYS, OPTIONAL)
    event_id = id_field(path, entry)
    kind = text_field(path, entry, "kind")
    if kind not in KINDS:
        raise InputError(path, f"kind {kind!r} is not one of {', '.join(KINDS)}", line=line)
    start, end = date_field(path, entry, "start"), date_field(path, entry, "end")
    assert start is not None and end is not None
    if start > end:
        raise InputError(path, f"start {start} is after end {end}", line=line, fix="Swap them")
    precision = text_field(path, entry, "precision")
    if precision not in PRECISIONS or precision != precision_of(start, end):
        raise InputError(path, f"precision {precision!r} contradicts the dates {start}..{end} "
                         f"(they give {precision_of(start, end)!r})", line=line,
                         fix="Precision is the finest calendar unit (day, month, year) containing "
                         "the whole interval; events spanning several years do not belong here")
    evidence = " ".join(text_field(path, entry, "date_evidence").split())
    title, url = _source(path, entry)
    if not evidence and not url:
        raise InputError(path, "the event has neither date_evidence nor date_source", line=line,
                         fix="Quote the article phrase that dates it, or cite an outside source")
    return Event(event_id, text_field(path, entry, "name", allow_empty=False), kind,
                 DateInterval(start, end, f"{event_id}: {evidence or title}"), _patterns(path, entry),
                 _max_gap(path, entry), evidence, title, url,
                 " ".join(text_field(path, entry, "why", allow_empty=False).split()), line)


def load_events(seeds: Path) -> list[Event]:
    """All events of seeds/events.yaml, in register order, after every check."""
    path = seeds / REGISTER
    entries = load_list(path)
    unique_ids(path, entries)
    return [_event(path, entry) for entry in entries]


# --------------------------------------------------------------------------
# Finding mentions


def gap_days(event: DateInterval, published: DateInterval) -> int:
    """Days between the event and the publication interval (0 if they overlap)."""
    assert event.start is not None and event.end is not None
    if published.start is not None and event.end < published.start:
        return (published.start - event.end).days
    if published.end is not None and event.start > published.end:
        return (event.start - published.end).days
    return 0


def _plausible(event: Event, published: DateInterval, matched: str) -> bool:
    """May this match refer to this event in an article published then?"""
    start, end = event.interval.start, event.interval.end
    assert start is not None and end is not None
    years = [int(y) for y in _YEAR.findall(matched)]
    if years:
        return all(start.year <= y <= end.year for y in years)
    if event.max_gap_days is not None:
        return gap_days(event.interval, published) <= event.max_gap_days
    return published.end is None or start <= published.end


_Candidate = tuple[int, int, int, Event, str, Paragraph]


_Plan = tuple[list[tuple[int, "Event", re.Pattern[str]]], list[prefilter.Required],
              list[tuple[str, ...] | None]]
_LAST_PLAN: list[tuple[list[re.Pattern[str]], _Plan]] = []


def _plan(events: Sequence[Event]) -> _Plan:
    """Every pattern in register order with its event's rank, the literals one of which each
    match contains (``prefilter.required``), and the words each match begins with
    (``wordstarts.lead_words``: exact words and prefixes; None if not known). Kept for the last
    register (speed only)."""
    flat = [(rank, event, rx) for rank, event in enumerate(events) for rx in event.patterns]
    patterns = [rx for _, _, rx in flat]
    if _LAST_PLAN and len(_LAST_PLAN[0][0]) == len(patterns) and all(map(is_, _LAST_PLAN[0][0], patterns)):
        return _LAST_PLAN[0][1]
    leads = [wordstarts.lead_words(rx) for rx in patterns]
    plan = (flat, [prefilter.required(rx) for rx in patterns],
            [None if lead is None else tuple(sorted(lead[0] | lead[1])) for lead in leads])
    _LAST_PLAN[:] = [(patterns, plan)]
    return plan


def _word_starts(text_key: str, words: tuple[str, ...], start: int, end: int) -> list[int]:
    """Where in ``text_key[start:end]`` one of ``words`` begins with no word character (``\\w``)
    before it (in the whole text), in order."""
    out = []
    for w in words:
        i = text_key.find(w, start, end)
        while i != -1:
            if i == 0 or not ((c := text_key[i - 1]).isalnum() or c == "_"):
                out.append(i)
            i = text_key.find(w, i + 1, end)
    if len(words) > 1:
        out.sort()
    return out


def _literal_paragraphs(text_key: str, needs: Iterable[frozenset[str]], paras: list[Paragraph],
                        ) -> list[set[frozenset[str]]]:
    """For paragraphs in order that do not overlap: the literal sets of which a literal lies wholly
    inside each (what ``prefilter.may_match(need, text_key, p.start, p.end)`` tells, for all)."""
    starts = [p.start for p in paras]
    out: list[set[frozenset[str]]] = [set() for _ in paras]
    for need in needs:
        for lit in need:
            i = text_key.find(lit)
            while i != -1:
                j = bisect_right(starts, i) - 1
                if j >= 0 and i + len(lit) <= paras[j].end:
                    out[j].add(need)
                i = text_key.find(lit, i + 1)
    return out


def _candidates(article: Article, paragraphs: Iterable[Paragraph],
                events: Sequence[Event]) -> Iterator[_Candidate]:
    folded = fold(article.text)
    text_key = prefilter.key(folded)
    # Only the patterns one of whose required literals occurs in the article, and in each
    # paragraph only those with one in that paragraph: an exact skip (scripts.annotate.prefilter).
    # (Several patterns share one set of literals: each set is looked for once per text.)
    # A pattern whose every match begins a run of word characters that is (or begins with) one
    # of its known words is tried only where one of them begins with no word character before
    # it (scripts.annotate.wordstarts), another exact skip.
    known: dict[prefilter.Required, bool] = {}

    def present(need: prefilter.Required) -> bool:
        if (ok := known.get(need)) is None:
            ok = known[need] = prefilter.may_match(need, text_key)
        return ok

    flat, needs, leads = _plan(events)
    live = [k for k, need in enumerate(needs) if present(need)]
    paras = [p for p in paragraphs if p.kind in SEARCHED_KINDS]
    by_need: dict[prefilter.Required, list[int]] = {}
    for k in live:
        by_need.setdefault(needs[k], []).append(k)
    ordered = prefilter.ENABLED and all(a.end <= b.start for a, b in pairwise(paras))
    inside = _literal_paragraphs(text_key, [n for n in by_need if n is not None], paras) if ordered else []
    for j, p in enumerate(paras):
        if ordered:
            todo = sorted(k for need in (*inside[j], None) for k in by_need.get(need, ()))
        else:
            todo = [k for k in live if prefilter.may_match(needs[k], text_key, p.start, p.end)]
        for k in todo:   # register order, as the plain search goes
            rank, event, rx = flat[k]
            words = leads[k]
            found = rx.finditer(folded, p.start, p.end) if words is None or not wordstarts.ENABLED else \
                wordstarts.finditer(rx, folded, _word_starts(text_key, words, p.start, p.end), p.start, p.end)
            for m in found:
                if m.end() > m.start() and _plausible(event, article.published, m.group()):
                    yield m.start(), m.end(), rank, event, rx.pattern, p


def find_mentions(article: Article, paragraphs: Iterable[Paragraph],
                  events: Sequence[Event]) -> list[EventMention]:
    """Every event mention in the article's text and headline, longest first, non-overlapping.

    Among equal matches of several events, the event nearest in time to the
    article's publication wins (then register order).
    """
    cands = sorted(_candidates(article, paragraphs, events),
                   key=lambda c: (c[0] - c[1], c[0], gap_days(c[3].interval, article.published), c[2]))
    taken: list[tuple[int, int]] = []
    out: list[EventMention] = []
    for start, end, _, event, pattern, p in cands:
        if any(start < e and s < end for s, e in taken):
            continue
        taken.append((start, end))
        out.append(EventMention(article.id, event.id, p.index, p.kind, start, end,
                                article.text[start:end], pattern, event.interval))
    return sorted(out, key=lambda m: (m.start, m.end))


def anchors(mentions: Iterable[EventMention]) -> list[EventAnchor]:
    """The mentions as anchors for ``temporal.find_mentions`` (same article's offsets)."""
    return [EventAnchor(m.start, m.end, m.event_id, m.interval) for m in mentions]


# --------------------------------------------------------------------------
# Tables


def rows_events(events: Iterable[Event]) -> list[dict[str, Any]]:
    """The ``events`` table, in date order."""
    return [{
        "event_id": e.id, "name": e.name, "kind": e.kind, "start": e.interval.start,
        "end": e.interval.end, "precision": e.interval.precision, "date_evidence": e.date_evidence,
        "date_source_title": e.source_title, "date_source_url": e.source_url,
        "pattern": "|".join(f"(?:{rx.pattern})" for rx in e.patterns),
        "max_gap_days": e.max_gap_days, "why": e.why,
    } for e in sorted(events, key=lambda e: (e.interval.start, e.interval.end, e.id))]


def rows_mentions(mentions: Iterable[EventMention]) -> list[dict[str, Any]]:
    """The ``event_mentions`` table, by source, then position."""
    return [{
        "mention_id": stable_id("evm", m.source_id, m.start, m.end, m.event_id),
        "source_id": m.source_id, "event_id": m.event_id, "paragraph": m.paragraph,
        "paragraph_kind": m.paragraph_kind, "start": m.start, "end": m.end, "text": m.text,
        "pattern": m.pattern,
    } for m in sorted(mentions, key=lambda m: (m.source_id, m.start, m.end, m.event_id))]
