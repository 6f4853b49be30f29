"""The speed-ups change no result: prefilters are exact, parallel equals serial.

The literal prefilter (``scripts.annotate.prefilter``) may only skip a search that
cannot match. Checked three ways: every string a pattern matches contains one of its
literals (hypothesis generates them from the pattern); the case table covers every code
point; and event mentions, temporal mentions and the whole annotation are the same with
and without the prefilter over the seeds, the dev set and a generated corpus (case
changes, case-variant characters, shuffled and cut paragraphs).
"""

from __future__ import annotations

import dataclasses
import random
import re
import shutil
import sys
import unicodedata
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from scripts.annotate import prefilter, temporal
from scripts.annotate.annotate import Registers, annotate
from scripts.build import annotate_all
from scripts.registers import events, sources
from scripts.registers.sources import Article
from scripts.steps import polls

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"


@pytest.fixture(scope="module")
def registers() -> Registers:
    return Registers.load(SEEDS)


def _dev_articles(tmp: Path) -> list[Article]:
    """The dev set's articles (tests/dev/*), loaded as a register of their own."""
    out = []
    for batch in sorted((ROOT / "tests" / "dev").iterdir()):
        if not (batch / "sources.yaml").is_file():
            continue
        copy = tmp / batch.name
        shutil.copytree(batch / "articles", copy / "articles")
        entries = yaml.load((batch / "sources.yaml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
        for e in entries:
            e.pop("split", None)
        (copy / "sources.yaml").write_text(yaml.safe_dump(entries, allow_unicode=True), encoding="utf-8")
        out += sources.load_articles(copy)
    return out


_VARIANTS = {"s": "\u017f", "k": "\u212a", "i": "\u0131", "I": "\u0130"}


def _mutants(article: Article, seed: int) -> Iterator[Article]:
    """Variants of one article: upper case, title case, case-variant letters, shuffled and cut lines."""
    rnd = random.Random(seed)
    text = article.text
    lines = text.split("\n")
    shuffled = lines[:]
    rnd.shuffle(shuffled)
    cut = [ln[: rnd.randint(0, len(ln))] if rnd.random() < 0.3 else ln for ln in lines]
    swapped = "".join(_VARIANTS.get(c, c) if rnd.random() < 0.2 else c for c in text)
    for i, new in enumerate((text.upper(), text.title(), swapped, "\n".join(shuffled), "\n".join(cut),
                             text.swapcase())):
        yield dataclasses.replace(article, id=f"{article.id}-m{i}", text=new)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> list[Article]:
    seeds = sources.load_articles(SEEDS)
    dev = _dev_articles(tmp_path_factory.mktemp("dev"))
    base = seeds + dev
    return base + [m for i, a in enumerate(base) for m in _mutants(a, i)]


def _with_and_without(monkeypatch: pytest.MonkeyPatch, run):  # type: ignore[no-untyped-def]
    fast = run()
    monkeypatch.setattr(prefilter, "ENABLED", False)
    slow = run()
    monkeypatch.setattr(prefilter, "ENABLED", True)
    return fast, slow


def test_case_variants_cover_every_code_point() -> None:
    everything = "".join(map(chr, range(sys.maxunicode + 1)))
    found = {}
    for letter in "abcdefghijklmnopqrstuvwxyz":
        for m in re.finditer(letter, everything, re.IGNORECASE):
            if m.group() != letter and m.group() != letter.upper():
                found[m.group()] = letter
    assert found == prefilter.CASE_VARIANTS


def _all_patterns(registers: Registers) -> list[re.Pattern[str]]:
    return [rx for e in registers.events for rx in e.patterns] + list(temporal._RX.values())


def test_most_patterns_have_a_prefilter(registers: Registers) -> None:
    patterns = _all_patterns(registers)
    assert sum(prefilter.required(rx) is not None for rx in patterns) >= 0.9 * len(patterns)


@pytest.mark.parametrize("index", range(len(_all_patterns(Registers.load(SEEDS)))))
def test_generated_matches_contain_a_literal(registers: Registers, index: int) -> None:
    """Every match of a string generated from each pattern contains one of its literals."""
    rx = _all_patterns(registers)[index]
    need = prefilter.required(rx)
    if need is None:
        pytest.skip("no prefilter for this pattern")
    try:
        strategy = st.from_regex(rx)
    except Exception as exc:  # hypothesis cannot generate from every pattern
        pytest.skip(f"hypothesis cannot generate from it: {exc}")

    @settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))
    @given(strategy)
    def check(s: str) -> None:
        m = rx.search(s)
        if m is not None and m.end() > m.start():
            assert prefilter.may_match(need, prefilter.key(m.group())), (rx.pattern, m.group())

    check()


def test_event_mentions_same_without_prefilter(registers: Registers, corpus: list[Article],
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    from scripts.annotate import paragraphs
    paras = {a.id: paragraphs.classify(a) for a in corpus}
    fast, slow = _with_and_without(monkeypatch, lambda: [
        events.find_mentions(a, paras[a.id], registers.events) for a in corpus])
    assert sum(map(len, slow)) > 50
    assert fast == slow


def test_temporal_mentions_same_without_prefilter(registers: Registers, corpus: list[Article],
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    fast, slow = _with_and_without(monkeypatch, lambda: [
        temporal.find_mentions(a.text, a.published) for a in corpus])
    assert sum(map(len, slow)) > 200
    assert fast == slow


def test_annotations_same_without_prefilter(registers: Registers, corpus: list[Article],
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    fast, slow = _with_and_without(monkeypatch, lambda: [annotate(a, registers) for a in corpus])
    assert fast == slow


def test_parallel_equals_serial(registers: Registers, corpus: list[Article]) -> None:
    few = corpus[:60]
    serial = annotate_all(few, registers, None, jobs=1)
    parallel = annotate_all(few, registers, None, jobs=2)
    assert parallel == serial


_REGISTERS = sorted(SEEDS.glob("*.yaml")) + sorted((ROOT / "tests" / "dev").glob("*/*.yaml"))


@pytest.mark.parametrize("path", _REGISTERS, ids=lambda p: str(p.relative_to(ROOT)))
def test_libyaml_reads_registers_as_the_python_loader(path: Path) -> None:
    """The fast loader gives the same entries, line numbers included."""
    from scripts.registers import loader
    text = path.read_text(encoding="utf-8")
    assert yaml.load(text, Loader=loader._FastLoader) == yaml.load(text, Loader=loader._Loader)
    assert issubclass(loader._FastLoader, yaml.CSafeLoader)


def test_annotations_same_without_prefilter_on_a_bench_corpus(tmp_path: Path,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    """A generated corpus with its large register of renamed actors (word-by-word actor search)."""
    from scripts.bench import corpus as bench_corpus
    root = bench_corpus.generate(60, tmp_path / "corpus")
    articles = sources.load_articles(root / "seeds")
    regs = Registers.load(root / "seeds")
    assert len(regs.actors) > 100
    fast, slow = _with_and_without(monkeypatch, lambda: [annotate(a, regs) for a in articles])
    assert sum(len(a.mentions) for a in slow) > 500
    assert fast == slow


def test_fast_fold_and_keys_equal_the_translation_tables(corpus: list[Article]) -> None:
    """fold, normalise, prefilter.key and the date rules' lower-casing give what the tables give."""
    from scripts import ids
    every = "".join(chr(c) for c in range(0x3000) if not 0xD800 <= c < 0xE000) + "\u212a\U0001f600"
    for text in [every, *(a.text for a in corpus)]:
        assert ids.fold(text) == text.translate(ids.FOLD)
        keyed = unicodedata.normalize("NFKC", text).translate(str.maketrans({**ids.SPACES, **ids.QUOTES}))
        assert ids.normalise(text) == " ".join(keyed.split()).casefold()
        assert prefilter.key(text) == text.translate(prefilter._TABLE)
        assert prefilter.ascii_lower(ids.fold(text)) == text.translate(temporal._TRANS)


_NAME_CHARS = "ab AB-’'_\u00a0é1.\n"


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=_NAME_CHARS, min_size=1, max_size=4), st.text(alphabet=_NAME_CHARS, max_size=40))
def test_name_occurrences_equal_the_pattern(form: str, text: str) -> None:
    """``actors.occurrences`` (str.find and boundary tests) finds what the regular expression it
    replaced finds, at every boundary character (word, apostrophes, hyphen, spaces, digits)."""
    from scripts.registers.actors import occurrences

    rx = re.compile(rf"(?<![\w’'-]){re.escape(form)}(?![\w-])")
    assert occurrences(form, text) == [m.span() for m in rx.finditer(text)]
    for seed in range(3):   # the form planted in the text
        rng = random.Random(seed)
        at = rng.randrange(len(text) + 1)
        planted = text[:at] + form + text[at:] + form
        assert occurrences(form, planted) == [m.span() for m in rx.finditer(planted)]


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="ab_1é \n\t,.’\u00a0", max_size=30))
def test_last_word_equals_the_pattern(text: str) -> None:
    """``statements.last_word`` is what the regular expression it replaced finds."""
    from scripts.steps.statements import last_word

    found = re.search(r"(\w+)$", text)
    assert last_word(text) == (found.group(1) if found else "")


def test_lexicon_words_of_a_window_equal_a_scan_of_it(registers: Registers) -> None:
    """``Lexicon._words`` (the text's words found once, cut at the window's ends) gives what a
    scan of each window gives, for windows that start and end inside words too."""
    from scripts.registers.actors import _WORDS

    lexicon = registers.lexicon
    rng = random.Random(13)
    vocabulary = sorted(lexicon._by_word)
    for _ in range(300):
        words = [rng.choice(vocabulary) if rng.random() < 0.5 else rng.choice(["x", "Abc", "of", "Ünter"])
                 for _ in range(rng.randrange(1, 12))]
        text = "".join(w + rng.choice([" ", "  ", ", ", "\n", "’"]) for w in words)
        key = prefilter.key(text)
        for _ in range(10):
            start, end = sorted((rng.randrange(-2, len(text) + 3), rng.randrange(-2, len(text) + 3)))
            expected = [(w.start(), w.group()) for w in _WORDS.finditer(key, start, end)
                        if w.group() in lexicon._by_word]
            assert lexicon._words(text, start, end) == expected, (text, start, end)


def test_full_names_index_keeps_every_name_that_occurs(registers: Registers, corpus: list[Article]) -> None:
    """``Lexicon.full_names`` (the register's full names indexed by first word) leaves out only
    names that do not occur in the text, and keeps register order."""
    from scripts.registers.actors import occurrences

    lexicon = registers.lexicon
    every = lexicon._full_name_list
    for article in corpus:
        chosen = lexicon.full_names(article.text)
        assert chosen == [c for c in every if c in chosen]          # register order
        assert [c for c in every if occurrences(c[1], article.text)] == \
            [c for c in chosen if occurrences(c[1], article.text)]


def _spans(found: Iterator[re.Match[str]] | list[re.Match[str]]) -> list[tuple[tuple[int, int], str]]:
    return [(m.span(), m.group()) for m in found]


def test_reporting_verbs_found_by_first_word_equal_the_pattern(corpus: list[Article]) -> None:
    """``statements._VERBS`` (the reporting-verb pattern tried only where a verb form's first word
    begins) finds what ``_VERB.finditer`` and ``_VERB.search`` find, in windows that start and end
    inside words, at the start of the text, in any case, with case-variant letters and after
    punctuation; and over every sentence and random window of the corpus."""
    from scripts.lexicon import forms
    from scripts.steps.statements import _NEGATORS, _VERB, _VERBS

    assert _VERBS.usable   # (else the index is off, and this compares the pattern with itself)
    rng = random.Random(7)
    vocabulary = [*forms("reporting_verbs"), *_NEGATORS["refusal"], "refused to say", "continued to say",
                  "x", "Said", "SAID", "ſaid", "saidx", "re-said", "Kremlin-backed", "the", "U.S.", "Ünter"]
    texts = []
    for _ in range(400):
        words = [rng.choice(vocabulary) for _ in range(rng.randrange(1, 10))]
        texts.append("".join(w + rng.choice([" ", "  ", ". ", ", ", "\n", "’", "-", "\u00a0", ": “"])
                             for w in words))
    texts += [a.text for a in corpus[:60]]
    for text in texts:
        windows = [(0, len(text)), (0, None)]
        windows += [tuple(sorted((rng.randrange(-2, len(text) + 3), rng.randrange(-2, len(text) + 3))))
                    for _ in range(8)]
        for start, end in windows:
            stop = len(text) if end is None else end
            assert _spans(_VERBS.finditer(text, start, end)) == _spans(_VERB.finditer(text, start, stop)), \
                (text, start, end)
            fast, slow = _VERBS.search(text, start, end), _VERB.search(text, start, stop)
            assert (fast and (fast.span(), fast.group())) == (slow and (slow.span(), slow.group()))


def test_statements_same_without_prefilter(registers: Registers, corpus: list[Article],
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    """Every statement (attribution, span, dates) is the same with and without the prefilters."""
    from scripts.build import _annotate_one

    fast, slow = _with_and_without(monkeypatch, lambda: [_annotate_one(a, registers) for a in corpus])
    assert sum(len(a.statements) for a in slow) > 100
    assert fast == slow


@settings(max_examples=200, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.from_regex(polls._RX["part"]))
def test_part_of_whole_figures_hold_a_digit_or_number_word(s: str) -> None:
    """Every part-of-whole figure ("one in five", "3 out of 10") holds a digit or a number word: what
    ``polls._statistics`` checks before searching a sentence for one."""
    from scripts.steps.polls import _DIGIT, _NUMBER_WORDS, _RX

    m = _RX["part"].search(s)
    if m is not None:
        assert _DIGIT.search(m.group()) or prefilter.may_match(_NUMBER_WORDS, prefilter.key(m.group()))


def test_cluster_ids_depend_on_the_set_of_items_only(registers: Registers, corpus: list[Article]) -> None:
    """``statements._cluster_ids_of`` gives the same ids for the same spans in any order, with
    repeats, and with a span's speakers in one item or in one item each: what lets
    ``_cluster_ids`` reuse the raw table's clusters for the corrected table's items, which come
    in table order with a span's speakers together."""
    from scripts.build import _annotate_one
    from scripts.steps.statements import _cluster_ids_of, _normalised

    found = [st for a in corpus[:40] for st in _annotate_one(a, registers).statements]
    texts = {a.id: a.text for a in corpus}
    items = [((st.source_id, st.start, st.end), st.speakers,
              _normalised(texts[st.source_id][st.start:st.end])) for st in found]
    items += [(k, ("someone",), t) for k, _, t in items[::7]]   # more speakers for some spans
    assert len({t for _, _, t in items}) > 50
    expected = _cluster_ids_of(items)
    rng = random.Random(3)
    for _ in range(5):
        shuffled = items + rng.sample(items, 20)
        rng.shuffle(shuffled)
        assert _cluster_ids_of(shuffled) == expected
    split = [(k, (who,), t) for k, speakers, t in items for who in speakers]
    together: dict[tuple[str, int, int], tuple[list[str], str]] = {}
    for k, speakers, t in items:
        together.setdefault(k, ([], t))[0].extend(speakers)
    assert any(len(w) > 1 for w, _ in together.values())
    assert _cluster_ids_of(split) == expected
    assert _cluster_ids_of([(k, tuple(w), t) for k, (w, t) in together.items()]) == expected


def test_first_words_index_turns_itself_off_for_a_form_it_cannot_index() -> None:
    """A verb form that opens with punctuation or a non-ASCII letter leaves the pattern searched."""
    rx = re.compile(r"(?<![\w’'-])(?:said|‘quoted|été)(?![\w’'])", re.IGNORECASE)
    text = "He said it was ‘quoted and été, ÉTÉ."
    for words in (["said", None], ["said", "été"]):
        index = prefilter.FirstWords(rx, words)
        assert not index.usable
        assert _spans(index.finditer(text)) == _spans(rx.finditer(text))
    assert prefilter.FirstWords(rx, ["said"]).usable


@pytest.mark.parametrize("path", sorted((ROOT / "scripts" / "package" / "schemas").glob("*.yaml")),
                         ids=lambda p: p.name)
def test_schemas_read_by_libyaml_as_by_the_python_loader(path: Path) -> None:
    """``tables.resource`` and ``package_meta`` read the schema files with libyaml's parser: the same
    values, in the same order, as ``yaml.safe_load``."""
    from scripts.package.tables import _SAFE

    text = path.read_text(encoding="utf-8")
    fast, slow = yaml.load(text, Loader=_SAFE), yaml.safe_load(text)
    assert fast == slow
    assert repr(fast) == repr(slow)
