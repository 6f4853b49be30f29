"""The statement rules' second round of speed-ups changes no result (branch p5stmt2).

``prefilter.Present.occurs`` tells whether a literal occurs in a text's key by its distinct runs of
word characters (a literal of word characters lies inside one run). It is compared with ``in`` on
the key for every literal the statement patterns require, for words cut from the texts (whole runs,
their parts, runs with a letter changed) and on near-miss sentences, the seed texts and the dev texts.
"""

from __future__ import annotations

import random
import re
from pathlib import Path

from scripts.annotate import prefilter
from scripts.steps import statements as S
from tests.conftest import seed_and_dev_texts

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"


TEXTS = seed_and_dev_texts()
NEAR = [
    "",
    "  ;. ",
    "a",
    "The statement said Nato should go. The STATEMENT said so; the statements, stated.",
    "Its communiqué read: “Peace”. A COMMUNIQUÉ came, then communiqués and a communique.",
    "He said, but she claimed; as he said, as the leader said, although it was, though not.",
    "announce announcedly reannounced; broadcasters broad cast; chant-chanting chants_x",
    "\u017ftatement, \u212aremlin, \u0130f he, \u0131f she, \u0130N the past, minister’s minister's",
    "Prime Minister's Questions, PMQs, mqs; programme program; Russia Today, today's.",
]
LITERALS = sorted({lit for rx in vars(S).values() if isinstance(rx, re.Pattern)
                   for lit in (prefilter.required(rx) or ())})


def _probes(text: str, rng: random.Random) -> list[str]:
    """Words of ``text`` and near misses: whole runs, their parts, runs with a letter changed."""
    words = re.findall(r"\w+", prefilter.key(text))
    out = []
    for w in rng.sample(words, min(len(words), 40)):
        a = rng.randrange(0, len(w))
        b = rng.randrange(a + 1, len(w) + 1)
        out += [w, w[a:b], w + "s", w[:a] + "q" + w[a + 1:], w + " " + w, w[a:] + "\u2019s"]
    return out


def test_literals_are_many() -> None:
    assert len(LITERALS) >= 100


def test_occurs_equals_in() -> None:
    """``Present.occurs(lit)`` is ``lit in key(text)``, whatever the literal."""
    rng = random.Random(5)
    for lit in LITERALS:   # (as may_match records them)
        prefilter._WORD_LITERAL[lit] = prefilter._RUNS.fullmatch(lit) is not None
    for text in NEAR + TEXTS:
        present, k = prefilter.Present(text), prefilter.key(text)
        probes = LITERALS + _probes(text, rng)
        for lit in probes:
            prefilter._WORD_LITERAL.setdefault(lit, prefilter._RUNS.fullmatch(lit) is not None)
        for lit in probes:
            assert present.occurs(lit) == (lit in k), (lit, text[:60])


def test_present_may_match_whole_text() -> None:
    """``Present.may_match`` over the whole text equals ``may_match`` on the key, for every need."""
    needs = [n for n in (prefilter.required(rx) for rx in vars(S).values()
                         if isinstance(rx, re.Pattern)) if n is not None]
    for text in NEAR + TEXTS:
        present, k = prefilter.Present(text), prefilter.key(text)
        for need in needs:
            assert present.may_match(need) == prefilter.may_match(need, k)


FINITE_NEAR = [
    "Mr X said it. Mr X  that said, Mr X which ANNOUNCED, Mr X who Also said; Mr X not said",
    "Corbyn repeatedly said, Corbyn reportedly\u00a0claimed, Corbyn laterly said, Corbyn Ly said",
    "Labour\u202fsaid, Labour\tsaid, Labour\nsaid, Labour saidx, Labour sai, Labour says.",
    "Nato expanded, Nato bed, Nato ed, Nato EDGED, Nato \u212aicked, Nato \u017fays, Nato ſaid",
    "the group refused to comment, the group declined to say, the group did not say, refusedly",
    "X – who later wrote – said; X “said”; X, said; X 'said'; X ’s said; X  \u2019said",
    "X co-signed, X re-stated, X hit out, X hitout, X hit\u00a0out at, X was, X has, X had been",
]


def test_finite_after_equals_finite_match() -> None:
    """``_finite_after(text, pos)`` is ``_FINITE.match(text, pos) is not None``: at every position of
    near-miss sentences and at every mention end and many other positions of the seed and dev texts."""
    assert S._FINITE_FIRST is not None   # (the shortcut is on)
    rng = random.Random(13)
    for text in FINITE_NEAR:
        for pos in range(len(text) + 1):
            assert S._finite_after(text, pos) == (S._FINITE.match(text, pos) is not None), (text, pos)
    for text in TEXTS:
        ends = [m.end() for m in re.finditer(r"\w+", text)]
        positions = ends + [rng.randrange(0, len(text) + 1) for _ in range(200)]
        for pos in positions:
            assert S._finite_after(text, pos) == (S._FINITE.match(text, pos) is not None), text[pos:pos + 40]
