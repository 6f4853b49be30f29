"""Speed round 4, actors: the faster actor search and provisional actors change no result.

``Lexicon._finditer`` (phrases as trees of words, ``actor_index.Words``) is compared with the
single alternation ``Lexicon.pattern`` on sentences written to sit on its edges (white space of
every kind, apostrophes, case variants, cut windows, phrases that are prefixes of others,
non-ASCII phrases) and on random windows of the seed and dev texts.
"""

from __future__ import annotations

import random
import re
import sys
from pathlib import Path

import pytest

from scripts.annotate import prefilter
from scripts.annotate.annotate import Registers
from scripts.registers import actor_index
from scripts.registers.actors import Actor, Lexicon
from tests.conftest import seed_and_dev_texts

ROOT = Path(__file__).resolve().parent.parent

# aliases that begin where indexed phrases begin, with non-ASCII letters after the first word,
# a handle, a first word before an apostrophe and a phrase that is a prefix of another
EXTRA = {
    "x-umlaut": Actor("x-umlaut", "Jo Müller", "person", ("Mr Müller", "Ünter Berg", "Labour Ärzte"), (), ""),
    "x-handle": Actor("x-handle", "CND", "organisation", ("@cnduk", "Labour’s own campaign"), (), ""),
    "x-poss": Actor("x-poss", "Corbyn aide", "person", ("Corbyn's aide", "O’Brien", "Mr O'Brien"), (), ""),
    "x-dash": Actor("x-dash", "Anti war", "organisation", ("anti-war group", "Anti-War", "U.S. Army"), (),
                    ""),
    "x-kelvin": Actor("x-kelvin", "Kirk Kay", "person", ("Kirk Kay", "Kirk Kay Smith"), (), ""),
}

SENTENCES = [
    "Mr Corbyn said he would not. The Labour leader’s spokesman said it was wrong.",
    "The  Labour\u00a0leader said: “No.” the labour\nleader, THE LABOUR LEADER and The Labour\u202fleader’s.",
    "The Labour leaders said; the Labour leadership; the Labour lead; Labour’sss and Labour’s own campaign.",
    "Labourʼs own campaign, Labour‘s own campaign, Labour′s own campaign, Labour's  own\tcampaign.",
    "Mr O’Brien and Mr Oʼbrien and O’Brien’s and o'brien and Mr O'Briens.",
    "Mr Müller, MR MÜLLER, mr müller, Mr Mueller; Ünter Berg and ünter berg; Labour Ärzte said.",
    "@cnduk said; x@cnduk; @cnduk’s; @CNDUK; Corbyn's aide; Corbynʼs aide; Corbyn’s aides.",
    "anti-war group, Anti-War, anti-warrior, anti–war, Anti-War’s, U.S. Army, u.s. army, U.S.Army.",
    "\u212airk Kay said; Kir\u212a Kay Smith; KIRK KAY SMITHS; Kirk Kay-Smith; Kirk  Kay\u2003Smith.",
    "He said she would. It is they who. Hence theirs; he’s; it’ll; they’re; she’d; HE; hE said.",
    "xhe, he_, _he, 9he, he9, he’ss, he’s, he's, he’, he', ’he, 'he, ‘he, ʼhe.",
    "The former Labour leader and the former leader and the Islington North MP said.",
    "the MP for Islington North; the Independent MP for Islington North; the Labour MP for Islington North.",
    "Sources close to Mr Corbyn; a Labour source; a spokesman for Mr Corbyn; Jeremy Corbyn’s team said.",
    "İt was said by the Prime Minister; the prıme minister; ſhe said; the Prime Miniſter.",
    "The\u2028Labour\u2029leader, the\x1clabour\x1fleader, the\x85labour\u3000leader.",
    "NATO, nato, Nato’s, NATO-led, the NATO alliance, N.A.T.O.",
]


@pytest.fixture(scope="module")
def registers() -> Registers:
    return Registers.load(ROOT / "seeds")


@pytest.fixture(scope="module")
def lexicons(registers: Registers) -> list[Lexicon]:
    return [registers.lexicon, registers.lexicon.extended(EXTRA)]


def _same(lexicon: Lexicon, text: str, start: int, end: int) -> None:
    fast = [(m.span(), m.group()) for m in lexicon._finditer(text, start, end)]
    slow = [(m.span(), m.group()) for m in lexicon.pattern.finditer(text, start, end)]
    assert fast == slow, (text, start, end)


def test_extended_lexicon_has_phrases_the_trees_leave_to_patterns(lexicons: list[Lexicon]) -> None:
    """(else the tests below prove little about the slow paths)"""
    extended = lexicons[1]
    assert any(tree.slow for word in ("mr", "labour") for tree in [extended._tree(word)])
    assert len(extended._always) > len(lexicons[0]._always) > 0


def test_tree_search_equals_the_alternation_on_written_sentences(lexicons: list[Lexicon]) -> None:
    for lexicon in lexicons:
        for text in SENTENCES:
            for start in range(-1, len(text) + 2, 3):
                for end in (start + 1, start + 7, start + 23, len(text), len(text) + 5):
                    _same(lexicon, text, start, end)


def test_tree_search_equals_the_alternation_on_windows_of_real_texts(lexicons: list[Lexicon]) -> None:
    texts = seed_and_dev_texts()
    assert len(texts) > 50
    rng = random.Random(5)
    for lexicon in lexicons:
        for text in texts:
            _same(lexicon, text, 0, len(text))
            for _ in range(4):
                a, b = sorted((rng.randrange(len(text) + 1), rng.randrange(len(text) + 1)))
                _same(lexicon, text, a, b)


def test_mentions_same_with_and_without_the_trees(lexicons: list[Lexicon],
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    texts = [*SENTENCES, *(p.read_text(encoding="utf-8")
                           for p in sorted((ROOT / "seeds" / "articles").glob("*.txt")))]
    fast = [lx.mentions(t, 0, len(t)) for lx in lexicons for t in texts]
    monkeypatch.setattr(prefilter, "ENABLED", False)
    assert [lx.mentions(t, 0, len(t)) for lx in lexicons for t in texts] == fast


def test_plain_text_keeps_offsets_and_makes_spaces_and_apostrophes_one() -> None:
    spaces = "".join(c for c in map(chr, range(sys.maxunicode + 1)) if re.match(r"\s", c))
    rng = random.Random(3)
    alphabet = spaces + "'\u2018\u2019\u02bc\u2032\u201cAbcKkſİıé_9-. \u212a"
    for _ in range(300):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randrange(40)))
        expected = "".join(" " if c in spaces else "'" if c in "'\u2018\u2019\u02bc\u2032" else c
                           for c in prefilter.key(text))
        assert actor_index.plain(text) == expected


def _texts() -> list[str]:
    return [*SENTENCES, *PROVISIONAL, *seed_and_dev_texts()]




PROVISIONAL = [
    "said Jo Smith. said \nJo Smith. SAID  the Jo Smith. unsaid Jo Smith. ſaid Jo Smith. said\u00a0Jo Smith.",
    "according to Jo Smith; according  to the Jo Smith; according to\nJo Smith; accordingto Jo Smith.",
    "told the\u00a0Jo Smith; told them Jo Smith; toldthe Jo Smith; the Jo Smith; said the  the Jo Smith.",
    "Mr Smith and Mrs Smith and XMr Smith and Sir Jo and Lord Smith said. Dr. Smith, Mr\u00a0Smith said.",
    "The Stop the War Coalition said; Stop The War coalition; the Peace Alliance told; @jo_smith said:",
    "ProfessorSmith said, ChancellorSmith said, President Smith said; Baroness Smith told reporters.",
]


def test_reporting_verb_prefilter_lets_every_match_through() -> None:
    """``_may_end_in_reporting`` is False only where ``_BEFORE_NAME`` finds nothing, at every place
    of the written sentences and of the seed and dev texts."""
    from scripts.registers.actors import _BEFORE_NAME, _may_end_in_reporting

    hits = 0
    for text in _texts():
        for start in range(len(text) + 1):
            low = max(0, start - 40)
            if _BEFORE_NAME.search(text, low, start):
                hits += 1
                assert _may_end_in_reporting(text, low, start), (text[low:start], start)
    assert hits > 100


def test_titles_before_a_surname_are_those_in_the_text() -> None:
    from scripts.registers.actors import _TITLES_AND_PEERS, _titles_before

    for text in _texts():
        for surname in {w for w in re.findall(r"[A-Z][a-z]+", text)}:
            assert _titles_before(text, surname) == {t for t in _TITLES_AND_PEERS if f"{t} {surname}" in text}


def test_provisional_same_with_and_without_prefilters(registers: Registers,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    from scripts.registers.actors import provisional

    texts = _texts()
    fast = [provisional(t, registers.lexicon) for t in texts]
    assert sum(map(len, fast)) > 20
    monkeypatch.setattr(prefilter, "ENABLED", False)
    assert [provisional(t, registers.lexicon) for t in texts] == fast


def test_acronym_pattern_equals_the_one_it_replaced() -> None:
    from scripts.registers.actors import _ACRONYM

    plain = re.compile(r"(?<![\w’'-])[A-Z]{2,6}(?![\w-])")
    written = ["NATO, UK; EU-led; -EU; ’EU; 'EU; xEU; EUx; ABCDEFG ABCDEF A AB_ É.U. AB\u00a0CD AB", "AB", ""]
    rng = random.Random(9)
    fuzz = ["".join(rng.choice("ABCab -’'_1\n") for _ in range(rng.randrange(30))) for _ in range(2000)]
    for text in [*written, *fuzz, *_texts()]:
        assert [m.span() for m in _ACRONYM.finditer(text)] == [m.span() for m in plain.finditer(text)]
        for start in range(0, len(text), 7):   # searched from inside a text: the lookbehind sees before
            assert [m.span() for m in _ACRONYM.finditer(text, start)] == \
                [m.span() for m in plain.finditer(text, start)]


def test_name_run_pattern_equals_its_source() -> None:
    """``_RUN`` (opening with its capital) finds what ``_RUN_SOURCE`` finds, from any start."""
    from scripts.registers.actors import _RUN, _RUN_SOURCE

    source = re.compile(_RUN_SOURCE)
    rng = random.Random(1)
    parts = ["Mr", "Mr.", "Sir", "Col", "Colonel", "Lord", "Mc", "Mac", "Van", "De", "Da", "O’", "’s", "-",
             " ", "\u00a0", "A", "Smith", "Donald", "smith", "x", "’", "'", "s", "S", ".", "Baron",
             "Baroness", "\n", "MC", "Le", "La", "Dr", "Prof", "_", "9", "é", "Éa"]
    fuzz = ["".join(rng.choice(parts) for _ in range(rng.randrange(12))) for _ in range(5000)]
    for text in [*fuzz, *_texts()]:
        for start in range(0, len(text) + 1, 3 if len(text) < 200 else 97):
            assert [m.span() for m in _RUN.finditer(text, start)] == \
                [m.span() for m in source.finditer(text, start)], (text, start)


def test_organisation_pattern_equals_its_source() -> None:
    from scripts.registers.actors import _ORGANISATION, _ORGANISATION_SOURCE

    source = re.compile(_ORGANISATION_SOURCE)
    rng = random.Random(2)
    parts = ["Stop", "The", "the", "War", "Coalition", "Campaign", "Peace", "Alliance", "of", "for", " ",
             "\u00a0", "-", "’", "'", "x", "A", "Union", "European", "Unions", "\n", "Trust", "to", "_", "É"]
    fuzz = ["".join(rng.choice(parts) for _ in range(rng.randrange(14))) for _ in range(5000)]
    for text in [*fuzz, *_texts()]:
        for start in range(0, len(text) + 1, 3 if len(text) < 200 else 97):
            assert [m.span() for m in _ORGANISATION.finditer(text, start)] == \
                [m.span() for m in source.finditer(text, start)], (text, start)
