"""The speed-ups of temporal expressions, paragraph kinds and event mentions change no result.

``scripts.annotate.wordstarts`` tries a date pattern only where a word its matches can begin
with begins: checked against ``rx.finditer`` on sentences written here (near misses included),
on strings hypothesis generates from each pattern, and on random windows of the seed and dev
texts (windows that cut words included); and ``temporal.find_mentions`` is compared with the
plain search over every paragraph and random windows of those texts.
"""

from __future__ import annotations

import dataclasses
import random
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from scripts import ids
from scripts.annotate import paragraphs, prefilter, temporal, wordstarts
from scripts.annotate.paragraphs import classify
from scripts.registers import sources
from scripts.registers.sources import Article
from tests.test_perf_equivalence import _dev_articles

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"

_LEAD_PATTERNS = [(name, rx) for name, rx in temporal._RX.items() if wordstarts.lead_words(rx) is not None]

SENTENCES = [
    "He said on Monday night that last week was hard, and earlier this month he spoke again.",
    "Mondays are slow; monday-ish; Tuesdays to Thursday; between Friday and Monday.",
    "Three years ago, 2,015 troops; 1999-2001; 2014/15; in 1990s; the 1980s; mid-1990s; late 2014.",
    "On 10 September 2015, 10th of Sept. 2015, Sept 10, September 10th, 2015-09-10 and 2015/09/10.",
    "He said: 'now, now' - nowhere, known, snow; today's Today programme; tonight; tomorrow morning.",
    "In the past few weeks, in recent months, over the last two years, during the previous decade.",
    "In two years' time, in nine days, nine days away, three weeks from now, twenty-one days ago.",
    "Theresa May said in May 2017 that March was early; early-March; in mid March; late February.",
    "From 3 to 5 May; 3-5 May 2016; May 3-5; between June and August 2016; from 1998 to 2001.",
    "1800s 2099 2100 18000 0.2015 £2015 #2015 2015% 2015 per cent 20150 a2015 2015a _2015",
    "Ago ago 5 ago a year ago an hour ago 1.5 years ago couple of weeks ago a couple of days ago.",
    "don\u02bcnow, x\u02bctoday, 3\u02bc2015 and 5\u02bcdays ago;",
    "\u017fept 10, \u0130n two years, ı, K\u212a, Mondaÿ, Tuesday\u00a0night, Friday\u2013Sunday.",
    "x" * 40 + "monday" + "tuesday" * 3 + " 12" + "3" * 10 + " 2015 2016-",
    "", " ", "-", "2015", "may", "in", "12th", "now",
]


def _texts() -> list[str]:
    return [a.text for a in sources.load_articles(SEEDS)]


@pytest.fixture(scope="module")
def articles(tmp_path_factory: pytest.TempPathFactory) -> list[Article]:
    return sources.load_articles(SEEDS) + _dev_articles(tmp_path_factory.mktemp("dev"))


def _windows(text: str, rnd: random.Random, n: int) -> list[tuple[int, int]]:
    """Random windows of ``text``, many of them cutting words at either end."""
    out = [(0, len(text))]
    for _ in range(n):
        a = rnd.randrange(len(text) + 1)
        out.append((a, min(len(text), a + rnd.randrange(1, 400))))
    return out


def _plain(rx: re.Pattern[str], s: str) -> list[tuple[tuple[int, int], dict[str, str | None]]]:
    return [(m.span(), m.groupdict()) for m in rx.finditer(s)]


def _fast(n: int, rx: re.Pattern[str], text: str, begin: int, end: int,
          ) -> list[tuple[tuple[int, int], dict[str, str | None]]]:
    """``rx``'s matches in the window, found as ``temporal`` finds them (word starts of the text)."""
    norm = prefilter.ascii_lower(ids.fold(text))
    at = wordstarts.Starts.of(temporal._LEADS, prefilter.key(norm)).window(begin, end).get(n, [])
    norm = norm[begin:end]
    return [(m.span(), m.groupdict()) for m in wordstarts.finditer(rx, norm, at)]


def _lead_index(name: str) -> int:
    n = temporal._LEAD_INDEX[list(temporal._RX).index(name)]
    assert n is not None
    return n


def test_most_date_patterns_have_lead_words() -> None:
    assert len(_LEAD_PATTERNS) >= len(temporal._RX) - 2
    assert wordstarts.lead_words(temporal._RX["deictic"]) is not None


@pytest.mark.parametrize("name,rx", _LEAD_PATTERNS)
def test_word_starts_equal_the_search_on_written_sentences(name: str, rx: re.Pattern[str]) -> None:
    n = _lead_index(name)
    text = "\n".join(SENTENCES)
    rnd = random.Random(1)
    for begin, end in _windows(text, rnd, 300) + [(0, len(s)) for s in SENTENCES]:
        norm = prefilter.ascii_lower(ids.fold(text[begin:end]))
        assert _fast(n, rx, text, begin, end) == _plain(rx, norm), (name, text[begin:end])
    for s in SENTENCES:
        for variant in (s, s.upper(), s.title()):
            norm = prefilter.ascii_lower(ids.fold(variant))
            assert _fast(n, rx, variant, 0, len(variant)) == _plain(rx, norm), (name, variant)


@pytest.mark.parametrize("name,rx", _LEAD_PATTERNS)
def test_word_starts_equal_the_search_on_seed_windows(name: str, rx: re.Pattern[str]) -> None:
    n = _lead_index(name)
    rnd = random.Random(name)
    for text in _texts():
        for begin, end in _windows(text, rnd, 20):
            norm = prefilter.ascii_lower(ids.fold(text[begin:end]))
            assert _fast(n, rx, text, begin, end) == _plain(rx, norm), (name, begin, end)


_CONTEXT = st.text(alphabet="ab1 .,-'\u00a0\u017fA9\n", max_size=6)


@pytest.mark.parametrize("name,rx", _LEAD_PATTERNS)
@settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
@given(data=st.data())
def test_word_starts_equal_the_search_on_generated_matches(name: str, rx: re.Pattern[str],
                                                          data: st.DataObject) -> None:
    """Strings the pattern matches (hypothesis), with context either side, found alike."""
    n = _lead_index(name)
    s = data.draw(_CONTEXT) + data.draw(st.from_regex(rx, fullmatch=True)) + data.draw(_CONTEXT)
    s = s + " " + data.draw(st.from_regex(rx, fullmatch=False))
    assert _fast(n, rx, s, 0, len(s)) == _plain(rx, prefilter.ascii_lower(ids.fold(s)))


def test_lead_words_refuse_what_they_cannot_show() -> None:
    """Patterns whose matches may begin inside a run, or with an unknown word, get None."""
    for pattern, flags in [(r"(?<![0-9])2015", 0), (r"now", 0), (r"\b\w+ ago", 0),
                           (r"\b.ago", 0), (r"\b(?:a|-b)", 0), (r"\b[a-z]+ ago", 0), (r"(?:\bnow)?x", 0),
                           (r"\b(?:now)*", 0), (r"[ ]*\bnow\b", 0), (r"\bno(?:w)+\b", 0),
                           (r"\b(?:th)?(?-i:May)\b", re.IGNORECASE), (r"\bmaí\b", re.IGNORECASE)]:
        assert wordstarts.lead_words(re.compile(pattern, flags)) is None, pattern
    assert wordstarts.lead_words(re.compile(r"\bnow\b")) == (frozenset({"now"}), frozenset())
    assert wordstarts.lead_words(re.compile(r"\bnow")) == (frozenset(), frozenset({"now"}))
    assert wordstarts.lead_words(re.compile(r"\bNo[wW]\b", re.I)) == (frozenset({"now"}), frozenset())
    assert wordstarts.lead_words(re.compile(r"\bNOW", re.I)) == (frozenset(), frozenset({"now"}))
    assert wordstarts.lead_words(re.compile(r"\bpoland(?:(?:,| and) x)* (?:joined)")) == \
        (frozenset({"poland"}), frozenset())
    assert wordstarts.lead_words(re.compile(r"\bno[a-c]{2,}")) is None
    assert wordstarts.lead_words(re.compile(r"\b(?:19|20)[0-9](?![\w]|-[0-9])")) == (frozenset(
        {f"{c}{d}" for c in ("19", "20") for d in "0123456789"}), frozenset())
    assert wordstarts.lead_words(re.compile(r"\bno(?![^\w])")) == (frozenset(), frozenset({"no"}))
    assert wordstarts.lead_words(re.compile(r"\bno(?![a-z])")) == (frozenset(), frozenset({"no"}))
    assert wordstarts.lead_words(re.compile(r"(?<![\w.])(?:19|20)\d\d")) is None   # \d: not listed
    assert wordstarts.lead_words(re.compile(r"(?<![\w.])(?:19|20)[0-9]")) == (frozenset(), frozenset(
        {f"{c}{d}" for c in ("19", "20") for d in "0123456789"}))


def test_key_keeps_word_characters() -> None:
    """The runs of prefilter.key(norm) are those of the folded text ``norm`` the date patterns search
    (the word starts are found in the key)."""
    for c, letter in prefilter.CASE_VARIANTS.items():
        assert re.match(r"\w", c) and re.match(r"\w", letter), c
    every = "".join(chr(c) for c in range(0x3000) if not 0xD800 <= c < 0xE000) + "\u212a"
    norm = prefilter.ascii_lower(ids.fold(every))
    key = prefilter.key(norm)
    assert [m.span() for m in re.finditer(r"\w+", norm)] == [m.span() for m in re.finditer(r"\w+", key)]
    assert re.match(r"\w", "\u02bc") and ids.fold("\u02bc") == "'"   # why runs of the folded text
    # ... which are those of the text's own key (prefilter.runs) wherever fold keeps word characters
    plain = "".join(c for c in every if not wordstarts._FOLDS_WORDNESS.match(c))
    assert wordstarts._FOLDS_WORDNESS.search(plain) is None and wordstarts._FOLDS_WORDNESS.search("aʼb")
    folded = prefilter.key(prefilter.ascii_lower(ids.fold(plain)))
    assert [(m.span(), m.group()) for m in re.finditer(r"\w+", prefilter.key(plain))] == \
        [(m.span(), m.group()) for m in re.finditer(r"\w+", folded)]


def _mentions(text: str, begin: int, end: int, published: temporal.DateInterval,
              ) -> list[temporal.TemporalMention]:
    return temporal.find_mentions(text, published, begin, end)


def test_temporal_mentions_same_without_word_starts(articles: list[Article],
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    """Every paragraph and random windows of the seed and dev articles (and their upper-case
    copies): the same mentions with and without the word-start index and literal prefilter."""
    rnd = random.Random(7)
    jobs = []
    for a in articles:
        for text in (a.text, a.text.upper()):
            spans = [(p.start, p.end) for p in classify(a)] + _windows(text, rnd, 5)
            jobs += [(text, b, e, a.published) for b, e in spans]

    def run() -> list[list[temporal.TemporalMention]]:
        temporal._LAST.clear()
        return [_mentions(*job) for job in jobs]

    fast = run()
    monkeypatch.setattr(wordstarts, "ENABLED", False)
    monkeypatch.setattr(prefilter, "ENABLED", False)
    slow = run()
    assert sum(map(len, slow)) > 1000
    assert fast == slow


# --------------------------------------------------------------------------
# Paragraph kinds


def _strip_by_loop(text: str, *, left: bool = False, right: bool = False) -> str:
    """The character-by-character strip that ``paragraphs._strip`` replaced."""
    def blank(ch: str) -> bool:
        return ch.isspace() or ch in paragraphs._INVISIBLE
    start, end = 0, len(text)
    while left and start < end and blank(text[start]):
        start += 1
    while right and end > start and blank(text[end - 1]):
        end -= 1
    return text[start:end]


def test_strip_equals_the_loop() -> None:
    blanks = [chr(c) for c in range(0x110000) if chr(c).isspace()] + list(paragraphs._INVISIBLE)
    rnd = random.Random(3)
    alphabet = blanks + list("ab.\"\u00e9\u2019") + ["\u200e", "\u00ad", "\u180e"]
    for _ in range(3000):
        s = "".join(rnd.choice(alphabet) for _ in range(rnd.randrange(8)))
        for left, right in ((True, False), (False, True), (True, True), (False, False)):
            assert paragraphs._strip(s, left=left, right=right) == _strip_by_loop(s, left=left, right=right)


def test_split_counts_the_words_of_the_link_lookahead() -> None:
    """``\\s`` in a pattern and str.split() agree on every code point (the word-count gate)."""
    for c in range(0x110000):
        ch = chr(c)
        assert bool(re.match(r"\s", ch)) == ch.isspace() == (len(f"a{ch}b".split()) == 2), hex(c)


_FURNITURE = {"END": "_END_MARKERS", "CHROME": "_CHROME", "RELATED": "_RELATED", "LINK": "_LINK",
              "CREDIT": "_CREDIT"}
LINES = [
    "Leave a Reply", "leave a comment here", "Comments are closed.", "12 comments", "Most read", "menu",
    "Read more at DailyMail.co.uk", "Share this article", "Related articles", "Politics newsletter",
    "Read more: Corbyn says Nato is a danger", "READ MORE", "Corbyn slams Nato [VIDEO]", "Subscribe now",
    "By Jane Smith", "Monday, 12th March 2018", "12 March 2018", "10/09/2015 14:02 BST | Updated",
    "Posted on Jul 2 2018 - 3:29am by admin", "This article is more than 5 years old",
    "Corbyn's analysis - Subscribe", "Five things to know Partner content", "Advertisement feature about x",
    "Corbyn defies Labour and says Russia must 'face the consequences' for spy attack",
    "Corbyn defies Labour and says Russia must face the consequences.",
    "Lord West: 'Trident plan is dangerous'", "Lord West: 'Trident plan is dangerous'.",
    "The leader, pictured, spoke.", "Corbyn at the rally. Photograph: A. Name/PA",
    "He warns " + "word " * 19 + "end", "He warns " + "word " * 18 + "end",
    "He warns " + "word " * 30 + "end",
    "Name: " + "word " * 23 + "end", "Name: " + "word " * 24 + "end", "Name: " + "word " * 40 + "end",
    "x" * 300 + " partner content", "a: subscribe!!", "a:subscribe", "PICTURE: Getty Images",
    "Corbyn says\u00a0no", "Corbyn\u2003says no", "\u017fays", "\u212aremlin warns", "", " ", "says",
]


@pytest.mark.parametrize("name", _FURNITURE)
def test_furniture_tests_equal_the_pattern(name: str, articles: list[Article]) -> None:
    """Each kind's fast test gives what its whole-line pattern gives (search and match alike)."""
    fast = getattr(paragraphs, f"_FAST_{name}")
    rx = getattr(paragraphs, _FURNITURE[name])
    assert fast.rx.pattern == rx.pattern
    lines = LINES + [ln for a in articles for ln in a.text.split("\n")]
    rnd = random.Random(name)
    lines += [ln[: rnd.randrange(len(ln) + 1)] for ln in lines]
    hits = 0
    for ln in lines:
        for s in {ln, ln.strip(), ln.upper(), ln.lower(), paragraphs._strip(ln, left=True, right=True)}:
            want = rx.search(s) is not None
            assert want == (rx.match(s) is not None), s
            assert fast.test(s, prefilter.key(s)) == want, (name, s)
            hits += want
    assert hits >= 3


def test_paragraph_kinds_same_without_prefilter(articles: list[Article],
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    """Every seed and dev article and their case and cut variants: the same paragraphs and kinds."""
    from tests.test_perf_equivalence import _mutants

    corpus = articles + [m for i, a in enumerate(articles) for m in _mutants(a, i)]
    fast = [classify(a) for a in corpus]
    monkeypatch.setattr(prefilter, "ENABLED", False)
    slow = [classify(a) for a in corpus]
    assert len({p.kind for ps in slow for p in ps}) >= 7
    assert fast == slow


# --------------------------------------------------------------------------
# Event mentions


def test_word_character_test_equals_the_pattern() -> None:
    """``events._word_starts`` tells a word character by ``isalnum() or "_"``: what ``\\w`` matches."""
    for c in range(0x110000):
        ch = chr(c)
        assert (ch.isalnum() or ch == "_") == bool(re.match(r"\w", ch)), hex(c)


def test_event_mentions_same_without_word_starts(articles: list[Article],
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    """Seed and dev articles, their case and cut variants, and paragraphs given out of order or
    overlapping: the same event mentions with and without word starts and literal prefilters."""
    from scripts.registers import events
    from tests.test_perf_equivalence import _mutants

    register = events.load_events(SEEDS)
    corpus = articles + [m for i, a in enumerate(articles) for m in _mutants(a, i)]
    jobs = []
    rnd = random.Random(5)
    for a in corpus:
        paras = classify(a)
        jobs.append((a, paras))
        jobs.append((a, paras[::-1]))
        n = len(a.text)
        windows = [dataclasses.replace(paras[0], start=s, end=min(n, s + rnd.randrange(1, 600)), kind="body")
                   for s in (rnd.randrange(n + 1) for _ in range(6))] if paras else []
        jobs.append((a, windows))

    def run() -> list[list[events.EventMention]]:
        return [events.find_mentions(a, ps, register) for a, ps in jobs]

    fast = run()
    monkeypatch.setattr(wordstarts, "ENABLED", False)
    monkeypatch.setattr(prefilter, "ENABLED", False)
    slow = run()
    assert sum(map(len, slow)) > 300
    assert fast == slow


def _led_event_patterns() -> list[int]:
    """Indices of the register's event patterns with known first words (the others are searched
    as before)."""
    from scripts.registers import events

    _, _, leads = events._plan(events.load_events(SEEDS))
    return [k for k, lead in enumerate(leads) if lead is not None]


def test_most_event_patterns_have_known_first_words() -> None:
    from scripts.registers import events

    flat, _, _ = events._plan(events.load_events(SEEDS))
    assert len(_led_event_patterns()) >= 0.9 * len(flat)


@pytest.mark.parametrize("k", _led_event_patterns())
def test_event_word_starts_equal_the_search(k: int) -> None:
    """Each register pattern with known first words, tried at their starts in random windows of
    the seed texts (pos and endpos cutting words), finds what ``finditer`` finds."""
    from scripts.registers import events

    flat, _, leads = events._plan(events.load_events(SEEDS))
    rx = flat[k][2]
    rnd = random.Random(k)
    for text in _texts():
        folded = ids.fold(text)
        key = prefilter.key(folded)
        for begin, end in _windows(text, rnd, 10):
            at = events._word_starts(key, leads[k], begin, end)
            assert [m.span() for m in wordstarts.finditer(rx, folded, at, begin, end)] == \
                [m.span() for m in rx.finditer(folded, begin, end)]
