"""The statement rules' speed-ups change no result (branch p5stmt).

``prefilter.guarded`` puts a lookahead for the characters a pattern's matches can begin with in
front of it; ``FirstWords`` now also indexes a first word with a non-ASCII letter by its ASCII
opening; ``prefilter.Present`` answers ``may_match`` for one text's windows; ``statements`` keeps
which mentions may be a sentence's subject and who a mention means. Each is compared here with
the unfiltered rule: on sentences written to come near a match (case variants, words that only
begin like a listed one, cut windows) and on random windows of the seed and dev texts.
"""

from __future__ import annotations

import dataclasses
import random
import re
from pathlib import Path

import pytest

from scripts import lexicon
from scripts.annotate import prefilter
from scripts.annotate.annotate import Annotations, Registers, annotate
from scripts.registers import actors, sources
from scripts.registers.sources import Article
from scripts.steps import statements as S
from tests.conftest import seed_and_dev_texts

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"


TEXTS = seed_and_dev_texts()
NEAR = [
    "The statement said Nato should go. The STATEMENT said so; the statements, stated.",
    "Its communiqué read: “Peace”. A COMMUNIQUÉ came, then communiqués and a communique.",
    "The communiquer communiquE Communiqu\u00e9s: the open letter, an open-letter, openletter.",
    "He said, but she claimed; as he said, as the leader said, although it was, though not.",
    "Mr X \u2013 a critic \u2013 said that, despite it, whereas Y, because Z, before leaving said.",
    "Corbyn's comments came as the council met. His remarks were made while X spoke.",
    "according to X, Accordingly, ACCORDING TO Y; accord to, according\u00a0to Z.",
    "\u017ftatement, \u212aremlin, \u0130f he, \u0131f she, \u0130N the past, repeatedly, long ago.",
    "the MP for Islington North said, when asked whether he would, if he were, unless.",
    "Many of them said; some say, several others said: all both few other most said.",
    "after being questioned, before being asked, since he said, until she said, once said.",
    "criticism from Labour that he had “failed”; his call for a “ceasefire”; their claim that",
    "protesters held placards reading “No war”; cries of “shame” from a heckler; banners",
    "denied being “soft”, rejected the label of “appeaser”, repeats the claim that it was “bad”",
    "Asked whether he was “sorry”, questions over whether he is “fit”, he was pressed on",
    "It was X who said it. Is it? WAS it? it’s X's; it's X’s ’s 's",
]


def _windows(text: str, rng: random.Random, n: int) -> list[tuple[int, int]]:
    out = [(0, len(text))]
    for _ in range(n):
        a = rng.randrange(0, len(text) + 1)
        out.append((a, min(len(text), a + rng.randrange(0, 300))))
    return out


def _span(m: re.Match[str] | None) -> tuple[tuple[int, int], str] | None:
    return None if m is None else (m.span(), m.group())


GUARDED = sorted((name for name, value in vars(S).items()
                  if isinstance(value, re.Pattern) and id(value) in prefilter.GUARDED), key=str)


def test_some_patterns_are_guarded() -> None:
    assert len(GUARDED) >= 10


@pytest.mark.parametrize("name", GUARDED)
def test_guarded_pattern_finds_what_the_pattern_finds(name: str) -> None:
    """``search``, ``match``, ``fullmatch``, ``finditer`` and ``sub`` of each guarded pattern of the
    statement rules give what the pattern itself gives, on windows and on slices."""
    fast, slow = prefilter.GUARDED[id(getattr(S, name))]
    rng = random.Random(name)
    for text in NEAR + TEXTS:
        for a, b in _windows(text, rng, 12 if len(text) > 300 else 4):
            assert _span(fast.search(text, a, b)) == _span(slow.search(text, a, b)), (name, text[a:b])
            assert _span(fast.match(text, a, b)) == _span(slow.match(text, a, b))
            assert _span(fast.fullmatch(text, a, b)) == _span(slow.fullmatch(text, a, b))
            assert list(map(_span, fast.finditer(text, a, b))) == list(map(_span, slow.finditer(text, a, b)))
            piece = text[a:b]
            assert fast.sub("", piece) == slow.sub("", piece)
            assert [m.groupdict() for m in fast.finditer(piece)] == \
                [m.groupdict() for m in slow.finditer(piece)]


def test_guard_is_left_off_where_it_could_refuse_a_match() -> None:
    """No guard for a pattern that can match the empty string, opens with a wildcard or a negated
    class, turns case-insensitivity on inside, or is verbose; a guard for one that opens with a
    lookbehind, an anchor, an optional part or a case-sensitive part."""
    for pattern, flags in ((r"a*", 0), (r".b", 0), (r"[^x]y", 0), (r"(?i:a)b", 0), (r"ab # c", re.X),
                           (r"(?:a|)", 0), (r"\b", 0)):
        rx = re.compile(pattern, flags)
        assert prefilter.guarded(rx) is rx, pattern
    text = "Xab ab, cab; AB\u00a0d \u212aelvin kelvin ,?b"
    for pattern, flags in ((r"(?<![\w])ab", 0), (r"\bab", re.I), (r",?\s+b|;", 0), (r"(?-i:A)B", re.I),
                           (r"x?ab|[\s\u00a0]d", re.I), (r"kelvin", re.I), (r"[,?]+b", 0)):
        rx = re.compile(pattern, flags)
        fast = prefilter.guarded(rx)
        assert fast is not rx, pattern
        for a in range(len(text) + 1):
            for b in range(a, len(text) + 1):
                assert _span(fast.search(text, a, b)) == _span(rx.search(text, a, b)), (pattern, a, b)


def test_document_nouns_by_first_word_equal_the_pattern() -> None:
    """``_DOCUMENT_NOUNS`` (tried only where a document noun's first word begins, "communiqué" by its
    ASCII opening) finds what ``_DOCUMENT_NOUN`` finds, in windows cut inside words too."""
    index = S._DOCUMENT_NOUNS
    assert index.usable and index.prefixes == ("communiqu",)
    rng = random.Random(5)
    vocabulary = [*lexicon.forms("document_nouns"), "COMMUNIQUÉ", "Communiqués", "communiquer",
                  "communiqu", "communiqué-style", "documentation", "reporter", "re-report", "papers",
                  "\u017ftatement", "open-letter", "the", "said", "Ünter"]
    texts = []
    for _ in range(300):
        words = [rng.choice(vocabulary) for _ in range(rng.randrange(1, 9))]
        texts.append("".join(w + rng.choice([" ", ". ", ", ", "\n", "’", "-", "\u00a0", ": “"])
                             for w in words))
    for text in NEAR + texts + TEXTS:
        for a, b in _windows(text, rng, 10):
            got = [_span(m) for m in index.finditer(text, a, b)]
            assert got == [_span(m) for m in S._DOCUMENT_NOUN.finditer(text, a, b)], (text, a, b)
            assert _span(index.search(text, a, b)) == _span(S._DOCUMENT_NOUN.search(text, a, b))


def test_first_words_prefix_takes_cut_words() -> None:
    """A non-ASCII first word cut by the window's end, in any case, is still tried."""
    rx = re.compile(r"(?<![\w])(?:été|ete)(?![\w])", re.IGNORECASE)
    index = prefilter.FirstWords(rx, ["ete", "été"])
    assert not index.usable   # (no ASCII opening: searched as it is)
    rx = re.compile(r"(?<![\w])(?:caf\u00e9|cafe)(?![\w])", re.IGNORECASE)
    index = prefilter.FirstWords(rx, ["cafe", "caf\u00e9"])
    assert index.usable and index.prefixes == ("caf",)
    text = "CAF\u00c9 caf\u00e9s caf\u00e9, Cafe cafeteria \u212aaf\u00e9"
    for a in range(len(text) + 1):
        for b in range(a, len(text) + 1):
            assert list(map(_span, index.finditer(text, a, b))) == list(map(_span, rx.finditer(text, a, b)))


def test_present_equals_may_match() -> None:
    """``Present.may_match`` (literals cut to those the text holds) equals ``may_match`` on the key."""
    rng = random.Random(11)
    needs = [prefilter.required(rx) for rx in vars(S).values() if isinstance(rx, re.Pattern)]
    needs = [n for n in needs if n is not None][:40]
    for text in NEAR + TEXTS[:20]:
        present, k = prefilter.Present(text), prefilter.key(text)
        for a, b in _windows(text, rng, 8):
            for need in needs:
                assert present.may_match(need, a, b) == prefilter.may_match(need, k, a, b)
        assert all(present.may_match(n) == prefilter.may_match(n, k) for n in needs)


@pytest.fixture(scope="module")
def annotated() -> list[tuple[Article, Annotations, actors.Lexicon]]:
    registers = Registers.load(SEEDS)
    out = []
    for article in sources.load_articles(SEEDS):
        lex = registers.lexicon.extended(actors.provisional(article.text, registers.lexicon))
        out.append((article, annotate(article, registers, lex), lex))
    return out


def _state(article: Article, ann: Annotations, lex: actors.Lexicon) -> tuple[S._Article, S._Resolver]:
    state = S._Article(article, lex, list(ann.paragraphs), list(ann.quotes), list(ann.sentences),
                       list(ann.temporal), list(ann.anchors), list(ann.mentions))
    resolver = S._Resolver(state)
    S._track_subjects(state, resolver)
    resolver.settled = True
    return state, resolver


def test_subject_candidates_and_resolutions_kept_equal_the_rules(annotated) -> None:  # type: ignore[no-untyped-def]
    """What ``_mentions`` keeps per sentence, and who ``_Resolver.actor`` keeps a mention to mean once
    the subjects are settled, equal the rules computed afresh; and ``_subject_like`` (its prefilter
    of relation phrases) equals the pattern run on every mention."""
    checked = 0
    for article, ann, lex in annotated:
        state, resolver = _state(article, ann, lex)
        text = article.text
        for _, s, e in state.sentences:
            for lo, hi in ((s, e), (s, (s + e) // 2)):
                fresh = [m for m in state.mentions_in(lo, hi)
                         if not state.in_quote(m.start) and not S._modifier(state, m)
                         and (S._subject_like(text, m, s) or S._the_organisation(state, m, s))]
                assert S._mentions(state, lo, hi, s) == fresh
                assert S._mentions(state, lo, hi, s) == fresh   # (the kept answer)
            for m in state.mentions_in(s, e):
                before = text[s:m.start].rstrip(S._SPACE + ",")
                before = S._QUANTIFIERS.sub("", before).rstrip(S._SPACE)
                word = S.last_word(before)
                after = text[m.end:m.end + 2]
                slow = not (after in ("’s", "'s") or after.startswith(("’ ", "' "))
                            or S._RELATED_TO.search(before + " ")
                            or (word and word.lower() in S._NOT_SUBJECT))
                assert S._subject_like(text, m, s) == slow
        for m in state.mentions:
            for when in (article.published.end, None):
                assert resolver.actor(m, when) == resolver._actor(m, when)
                assert resolver.actor(m, when) == resolver._actor(m, when)
                checked += 1
    assert checked > 100


def test_statements_same_on_sentences_near_a_rule() -> None:
    """Extraction on short texts written near the rules' words gives the same statements with and
    without the literal prefilters (``prefilter.ENABLED``)."""
    registers = Registers.load(SEEDS)
    base = sources.load_articles(SEEDS)[0]
    for n, text in enumerate(NEAR):
        article = dataclasses.replace(base, id=f"near-{n}", text=f"{text}\n\nMr Corbyn said: “{text}”\n")
        lex = registers.lexicon.extended(actors.provisional(article.text, registers.lexicon))
        ann = annotate(article, registers, lex)
        fast = S.from_annotations(article, ann, lex)
        prefilter.ENABLED = False
        try:
            slow = S.from_annotations(article, ann, lex)
        finally:
            prefilter.ENABLED = True
        assert fast == slow
