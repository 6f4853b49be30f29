"""The speed-ups of ``scripts.steps.polls`` change no result.

The gates (``_hit``'s gates, ``_opens``, ``_signals``, ``_may_part``, the share and digit tests of
``_statistics``) may only skip a search that cannot match: each is compared with the rule it guards on
sentences written here (with near misses) and on random windows of the seed and dev texts, in their own
case and upper-cased, and whole articles give the same rows with and without them
(``prefilter.ENABLED``).
"""

from __future__ import annotations

import dataclasses
import random
import re
from collections.abc import Iterator

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from scripts.annotate import prefilter
from scripts.annotate.annotate import layers
from scripts.annotate.paragraphs import classify
from scripts.ids import fold
from scripts.registers import sources
from scripts.registers.actors import load_actors
from scripts.registers.sources import Article
from scripts.steps import polls
from tests.conftest import ROOT
from tests.test_perf_equivalence import _dev_articles

SEEDS = ROOT / "seeds"

# written to hit each rule, and to come near it without hitting it
WRITTEN = [
    "A YouGov poll for The Times put Labour on 41% and the Conservatives on 38% (-2).",
    "The survey, carried out by Redfield & Wilton Strategies, found 53 per cent backed the move.",
    "Polling by Savanta ComRes: CON 44%, LAB 32% (nc), LD 12%(+1).",
    "The ORB International survey of 1,000 Britons; Mr Corbyn's lead over Mr Burnham was 32 points.",
    "Corbyn, orbiting the question, said the orb was not a poll of anyone.",
    "@opiniumresearch finds 57% think he should go; @yougov says otherwise.",
    "Labour lead by 17 points, a lead of 6 percentage points over the Tories, six points ahead of the SNP.",
    "The gap has narrowed to just 3 points; the Tory lead from 9 to 5 points.",
    "Her net approval rating has risen from -11% last month to -9% now (-7 v -18).",
    "His net favourability rating of +7 and a -20 net score; whose favourability sat on just +0.3.",
    "Some 28 per cent said Starmer would do better, and 39% think May would win.",
    "The Greens were on 5 per cent, at 4pc in Scotland; 10 percentage points higher than the rest.",
    "Five out of 28 members, one in five voters, 3 in 10 people, twenty-two in every hundred homes.",
    "Two in every ten; one in every; 4 in every 5; six out of eight; 7 out of ten; nine in every thirty-one.",
    "Born in 1950, he lived in Islington in twenty years; he was one in a million; a forty-niner in town.",
    "Someone in London, often in tents, within ten minutes; none in sight; one in.",
    "Spending rose to 2% of GDP, about 150,000 fake Twitter accounts and more than 3 million people.",
    "• 45% to 33% for Corbyn over Smith",
    "The pollster Deltapoll and the polling company Focaldata; Ipsos MORI's latest poll.",
    "Fieldwork was conducted between 1 and 3 May; voting intention is unchanged since the last poll.",
    "Percent, per cent, PER CENT, pc, PC, % — none of them with a number; recent, 4 pcs, 4PC, 5\u0663pc.",
    "\u0663\u0664pc of voters; 12 per-cent; 40PER CENT said; a 3pc rise; innocent; 7 p.c.",
    "FIVE OUT OF TWENTY-EIGHT MEMBERS; ONE IN FIVE; 40 PER CENT SAID MAY; A 32-POINT LEAD.",
    "ſurvey, ſix in ten, \u212aantar poll, po\u0130l, ıpsos.",
]


def _seed_and_dev(tmp: object) -> list[Article]:
    return sources.load_articles(SEEDS) + _dev_articles(tmp)  # type: ignore[arg-type]


@pytest.fixture(scope="module")
def articles(tmp_path_factory: pytest.TempPathFactory) -> list[Article]:
    return _seed_and_dev(tmp_path_factory.mktemp("dev"))


def _texts(articles: list[Article]) -> list[str]:
    base = ["\n".join(WRITTEN), *WRITTEN] + [fold(a.text) for a in articles]
    return base + [t.upper() for t in base] + [t.title() for t in base[:40]]


def _windows(text: str, rng: random.Random, n: int = 25) -> Iterator[tuple[int, int]]:
    """Random spans, every line, and every line cut at a random place."""
    yield 0, len(text)
    at = 0
    for line in text.split("\n"):
        yield at, at + len(line)
        if line:
            yield at + rng.randrange(len(line)), at + len(line)
            yield at, at + rng.randrange(len(line) + 1)
        at += len(line) + 1
    for _ in range(n):
        a, b = sorted((rng.randrange(len(text) + 1), rng.randrange(len(text) + 1)))
        yield a, b
        yield a, min(len(text), a + rng.randrange(1, 40))


_GATED = [polls._POLL_WORDS, polls._POLLSTER, polls._NAMED_POLL, polls._CONTINUES, polls._SIGNAL,
          polls._ANSWERED, polls._NET_FROM, polls._NET_PAIR, polls._LEAD_FROM, polls._SIGNED_RATING,
          *(polls._RX[n] for n in ("share", "net", "lead", "ahead"))]
_SIGNAL_RULES = [polls._RX["share"], polls._RX["lead"], polls._RX["ahead"], polls._ANSWERED, polls._NET_FROM,
                 polls._NET_PAIR, polls._LEAD_FROM, polls._RX["net"], polls._SIGNED_RATING, polls._CONTINUES]


def test_gates_never_skip_a_match(articles: list[Article]) -> None:
    """Where a rule matches text[a:b], its gates let it be searched: ``_hit`` is the plain search,
    ``_opens`` and ``_signals`` say yes, and so do the tests ``_statistics`` makes before its rules."""
    rng = random.Random(5)
    found = dict.fromkeys(["hit", "opens", "signals", "part", "share", "count"], 0)
    for text in _texts(articles):
        key = prefilter.key(text)
        assert polls._opens_anywhere(text, key) == polls._opens(text, key, 0, len(text))
        for a, b in _windows(text, rng):
            body = text[a:b]
            for rx in _GATED:
                plain = rx.search(body) is not None
                assert polls._hit(rx, text, key, a, b) == plain, (rx.pattern[:60], body)
                found["hit"] += plain
            if any(rx.search(body) for rx in (polls._POLL_WORDS, polls._POLLSTER, polls._NAMED_POLL)) or \
                    polls._handle(text, (a, b)):
                assert polls._opens(text, key, a, b), body
                found["opens"] += 1
            if any(rx.search(body) for rx in _SIGNAL_RULES):
                assert polls._signals(key, a, b), body
                found["signals"] += 1
            if polls._RX["part"].search(text, a, b):
                assert polls._may_part(key, a, b), body
                found["part"] += 1
            if polls._RX["share"].search(text, a, b):
                assert polls._SHARE_GATE is None or polls._SHARE_GATE.search(key, a, b), body
                found["share"] += 1
            if polls._RX["count"].search(text, a, b):
                assert polls._DIGIT.search(text, a, b), body
                found["count"] += 1
    assert min(found.values()) > 20, found


def test_part_gate_is_the_plain_pattern(articles: list[Article]) -> None:
    """``_may_part`` answers what a search for its condition written as one pattern answers."""
    words = "|".join(sorted(polls._NUMBER_WORDS, key=len, reverse=True))
    plain = re.compile(rf"(?:\d|{words}) (?:out of|in every|in) (?:\d|{words})")
    rng = random.Random(7)
    yes = 0
    for text in _texts(articles):
        key = prefilter.key(text)
        for a, b in _windows(text, rng):
            expected = plain.search(key, a, b) is not None
            assert polls._may_part(key, a, b) == expected, key[a:b]
            yes += expected
    assert yes > 20


settings_ = settings(max_examples=150, deadline=None, suppress_health_check=list(HealthCheck))


@settings_
@given(st.from_regex(polls._ANSWERED) | st.from_regex(polls._CONTINUES) | st.from_regex(polls._RX["share"]))
def test_shares_pass_the_share_gate(s: str) -> None:
    """Every match of a share, ``_ANSWERED`` or ``_CONTINUES`` holds what ``_SHARE_GATE`` finds ("%",
    "per cent", "percent", a digit then "pc") in its key."""
    for rx in (polls._ANSWERED, polls._CONTINUES, polls._RX["share"]):
        m = rx.search(s)
        if m is not None:
            assert polls._SHARE_GATE is not None and polls._SHARE_GATE.search(prefilter.key(m.group()))


@settings_
@given(st.from_regex(polls._NAMED_POLL) | st.from_regex(polls._POLLSTER) | st.from_regex(polls._POLL_WORDS))
def test_poll_names_hold_their_gates(s: str) -> None:
    """A named poll holds "poll" or "survey" (a lookahead reads only the searched text); a known
    pollster, a registered name verbatim; a poll word, a literal of ``_OPEN_WORDS``."""
    for rx, gate, on_key in ((polls._NAMED_POLL, polls._POLL_STEMS, True),
                             (polls._POLLSTER, polls._POLLSTER_NAMES, False),
                             (polls._POLL_WORDS, polls._OPEN_WORDS, True)):
        if rx.search(s) is not None:
            assert gate is not None and gate.search(prefilter.key(s) if on_key else s), (rx.pattern[:40], s)


@settings_
@given(st.from_regex(polls._RX["part"]))
def test_parts_pass_the_part_gate(s: str) -> None:
    m = polls._RX["part"].search(s)
    if m is not None:
        assert polls._may_part(prefilter.key(s), m.start(), m.end())


def _old_sentence_start(text: str, pos: int) -> bool:
    """``_sentence_start`` as it was (slicing the text before pos), the reference."""
    before = text[:pos].rstrip(" \t\u00a0\"'([“‘")
    if before.endswith(".") and polls._TITLE_STOP.search(before[-12:]):
        return False
    return not before or before[-1] in "\n.!?:•▪●◦‣*"


def test_sentence_start_as_before(articles: list[Article]) -> None:
    extra = ["Mr. Corbyn", "Dr. (Jones)", "“Mr. ‘Corbyn", "  Labour", "x.\u00a0 “Labour", "• Labour",
             "end:  'Tory", "St. Ives", "Mrs.Smith", "(“‘ Name"]
    for text in _texts(articles)[:120] + extra:
        capitals = [m.start() for m in re.finditer(r"[A-Z]", text)]
        for pos in range(len(text) + 1) if len(text) < 200 else capitals:
            assert polls._sentence_start(text, pos) == _old_sentence_start(text, pos), (text[:pos][-20:], pos)


def _variants(article: Article) -> Iterator[Article]:
    yield article
    for i, text in enumerate((article.text.upper(), article.text.swapcase(),
                              article.text.replace("s", "\u017f").replace("K", "\u212a"))):
        yield dataclasses.replace(article, id=f"{article.id}-v{i}", text=text)


def _written_article() -> Article:
    template = sources.load_articles(SEEDS)[0]
    return dataclasses.replace(template, id="written", text="Poll figures\n\n" + "\n\n".join(WRITTEN))


def test_figures_same_without_gates(articles: list[Article], monkeypatch: pytest.MonkeyPatch) -> None:
    """Every poll row and statistic of the seeds, the dev set, variants of them and the sentences above is
    the same with the gates as without."""
    aliases = polls.alias_map(load_actors(SEEDS))
    every = [v for a in [*articles, _written_article()] for v in _variants(a)]
    found = []
    for a in every:
        paragraphs = classify(a)
        _, _, sentences, _, temporal = layers(a, paragraphs, None, ())
        found.append((a, paragraphs, sentences, temporal))

    def run() -> list[tuple[list[dict], list[dict]]]:   # type: ignore[type-arg]
        return [polls.figures(a, p, s, t, aliases) for a, p, s, t in found]

    fast = run()
    monkeypatch.setattr(prefilter, "ENABLED", False)
    slow = run()
    monkeypatch.setattr(prefilter, "ENABLED", True)
    assert sum(len(p) for p, _ in slow) > 50 and sum(len(s) for _, s in slow) > 50
    assert repr(fast) == repr(slow)


_SENTENCE_RULES = [*polls._RX.values(), polls._NET_PAIR, polls._NET_FROM, polls._SIGNED_RATING,
                   polls._LEAD_FROM]


def test_gated_rules_find_what_the_rules_find(articles: list[Article],
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    """On every window: ``_matches`` gives ``finditer``'s matches, ``poll_named`` with the key what it gives
    without, and ``_Names.options`` the same options with the gates as without."""
    aliases = polls.alias_map(load_actors(SEEDS))
    rng = random.Random(11)
    named = 0
    for text in _texts(articles)[::3]:
        key = prefilter.key(text)
        names = polls._Names(text, aliases)
        for a, b in _windows(text, rng, 10):
            for rx in _SENTENCE_RULES:
                fast = [m.span() for m in polls._matches(rx, text, key, (a, b))]
                assert fast == [m.span() for m in rx.finditer(text, a, b)], (rx.pattern[:40], text[a:b])
            found = polls.poll_named(text, (a, b), key)
            assert found == polls.poll_named(text, (a, b)), text[a:b]
            named += found is not None
            gated = names.options(a, b)
            monkeypatch.setattr(prefilter, "ENABLED", False)
            assert names.options(a, b) == gated, text[a:b]
            monkeypatch.setattr(prefilter, "ENABLED", True)
    assert named > 20


def _old_printed_pollster(text: str, name: str) -> str:
    full = re.search(rf"(?<![\w&]){re.escape(name)}[ \u00a0](?:{polls._SUFFIX})\b", text)
    return full.group().replace("\u00a0", " ") if full else name


def test_printed_pollster_as_before(articles: list[Article]) -> None:
    extra = "BMG Research and xBMG Research; &ICM Unlimited, ICM\u00a0Unlimited; YouGovPlc YouGov plc; BMG"
    for text in [extra, *_texts(articles)[:150]]:
        candidates = set(polls.KNOWN_POLLSTERS) | set(re.findall(r"[A-Z]\w+", text)[:30]) | {"", "B"}
        for name in candidates:
            assert polls.printed_pollster(text, name) == _old_printed_pollster(text, name), name


def test_names_ending_a_word_as_a_whole_scan_finds_them(articles: list[Article]) -> None:
    """``_Names.ending`` (runs found around a word's occurrences) gives what a scan of the whole text
    gives, for every word of every name and a few more, asked in any order."""
    aliases = polls.alias_map(load_actors(SEEDS))
    extra = ["Mr. John Smith-Jones met O'Neill Smith and Smith. Smith's Smith Smith Smith Smith Smith",
             "Prime Minister Theresa May; May said. Jeremy Corbyn's Corbyn CorbynX xCorbyn Corbyn-Smith",
             "A B C D E F G Hi Jo Ko Lo Mo No; Jo-Ann Lo'Ko Ko Jo Ann-Lo"]
    rng = random.Random(3)
    for text in extra + _texts(articles)[:150]:
        full = [" ".join(w) for m in polls._NAME.finditer(text) if (w := polls._name_words(text, m))]
        words = sorted({w for n in full for w in n.split()} | {"Nobody", "Smith", "mith", "Jo"})
        rng.shuffle(words)
        names = polls._Names(text, aliases)
        for word in words:
            assert names.ending(word) == [n for n in full if n.split()[-1] == word], (word, text[:80])


def test_party_leadership_as_a_whole_search(articles: list[Article]) -> None:
    """``_led`` (tried only before " leadership") answers what a search of the whole text answers."""
    extra = ["The Labour leadership race; the Conservative Party leadership contest.",
             "UK Independence Party LEADERSHIP; Lib Dems leadership; LibDem leadership; SNPleadership",
             "Labour  leadership; Labour\u00a0leadership; Tory leadershıp; Greens leaders;",
             "Brexit Party leadership, Reform UK Party Leadership"]
    texts = extra + [t for t in _texts(articles) if "leader" in t.lower()][:80]
    for text in texts:
        for rx, _, _ in polls.PARTIES:
            plain = re.search(rf"\b(?:{rx})\b(?: Party)? (?i:leadership)", text) is not None
            assert polls._led(text, rx) == plain, (rx, text[:80])
