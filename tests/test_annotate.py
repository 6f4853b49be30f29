"""One annotation pass per article: its layers, their offsets, and parallel = serial."""

from __future__ import annotations

import dataclasses
from datetime import date
from pathlib import Path

import pytest

from scripts import build
from scripts.annotate import annotate as annotate_mod
from scripts.annotate.annotate import Annotated
from scripts.annotate.temporal import DateInterval, resolve
from scripts.registers.sources import load_articles
from tests.conftest import ROOT

SEEDS = ROOT / "seeds"
ARTICLES = load_articles(SEEDS)
REGISTERS = annotate_mod.Registers.load(SEEDS)


def _variants(n: int) -> list:
    """n articles: the seeds with a sentence added, each under its own id (for the parallel path)."""
    out = []
    for i in range(n):
        a = ARTICLES[i % len(ARTICLES)]
        out.append(dataclasses.replace(a, id=f"{a.id}-{i}", text=f"{a.text}\nHe said it {i} times.\n"))
    return out


@pytest.mark.parametrize("article", ARTICLES, ids=lambda a: a.id)
def test_every_layer_round_trips_its_offsets(article) -> None:
    ann = annotate_mod.annotate(article, REGISTERS)
    text = article.text
    for p in ann.paragraphs:
        assert text[p.start:p.end] == p.text
    starts = {p.index: p for p in ann.paragraphs}
    for par, s, e in ann.sentences:
        assert starts[par].start <= s < e <= starts[par].end
    for m in ann.mentions:
        assert text[m.start:m.end] == m.text
    for t in ann.temporal:
        assert text[t.start:t.end] == t.text
    for ev in ann.events:
        assert text[ev.start:ev.end] == ev.text
    for q in ann.quotes:
        assert 0 <= q.open_mark < q.start <= q.end <= len(text)
    for row in (*ann.polls, *ann.statistics):
        assert text[row["start"]:row["end"]] == row["text"]


def test_annotate_is_pure() -> None:
    for article in ARTICLES:
        assert annotate_mod.annotate(article, REGISTERS) == annotate_mod.annotate(article, REGISTERS)


def test_parallel_annotation_equals_serial(monkeypatch: pytest.MonkeyPatch) -> None:
    articles = _variants(12)
    serial = build.annotate_all(articles, REGISTERS, jobs=1)
    monkeypatch.setattr(build, "PARALLEL_MIN", 4)
    parallel = build.annotate_all(articles, REGISTERS, jobs=2)
    assert parallel == serial
    assert [a.annotations.source_id for a in parallel] == [a.id for a in articles]


def test_statements_and_polls_read_the_one_temporal_layer() -> None:
    """The figure rules date with the same (event-anchored) temporal layer as the statements."""
    for article in ARTICLES:
        ann = annotate_mod.annotate(article, REGISTERS)
        again = annotate_mod.temporal_of(article, list(ann.paragraphs), ann.anchors)
        assert list(ann.temporal) == again


def test_number_words_of_the_twenties_are_dates_too() -> None:
    anchor = DateInterval(date(2020, 5, 1), date(2020, 5, 1))
    assert resolve("twenty-one years ago", anchor) == DateInterval(date(1999, 1, 1), date(1999, 12, 31),
                                                                   "twenty-one years ago")


def test_one_normaliser_folds_one_to_one_and_keys_alike() -> None:
    from scripts.ids import fold, normalise

    text = "Labour’s “plan” – now\u00a0ʼ"
    assert len(fold(text)) == len(text) and fold(text) == "Labour's \"plan\" - now '"
    assert normalise("  Labour’s\u00a0PLAN ") == normalise("labour's plan") == "labour's plan"


def test_an_alias_matches_whichever_apostrophe_the_article_uses() -> None:
    from scripts.registers.actors import Actor, Lexicon

    lexicon = Lexicon({"m": Actor("m", "Manifesto", "document", ("Labour’s manifesto",), (), "")})
    for text in ("In Labour's manifesto it said", "In Labour’s manifesto it said"):
        (m, *_) = lexicon.mentions(text, 0, len(text))
        assert (m.text, m.actors) == (text[3:21], ("m",))


def test_slim_results_are_the_whole_less_the_annotation_only_layers(monkeypatch: pytest.MonkeyPatch,
                                                                   tmp_path: Path) -> None:
    """With ``slim`` (what ``extract`` asks for), serial and parallel runs give the same results:
    the whole result less the layers only annotation reads; the cache, written by the workers
    in a parallel run, holds the whole, as a serial run stores it."""
    from scripts.annotate.cache import Cache
    from scripts.annotate.cache import key as cache_key

    articles = _variants(12)
    whole = build.annotate_all(articles, REGISTERS, jobs=1)
    serial = build.annotate_all(articles, REGISTERS, jobs=1, slim=True)
    monkeypatch.setattr(build, "PARALLEL_MIN", 4)
    store = Cache(tmp_path / "cache")
    parallel = build.annotate_all(articles, REGISTERS, store, jobs=2, slim=True)
    assert parallel == serial == [w.for_tables() for w in whole]
    for w, s in zip(whole, serial, strict=True):
        assert (s.statements, s.provisional) == (w.statements, w.provisional)
        for layer in Annotated.TABLE_LAYERS:
            assert getattr(s.annotations, layer) == getattr(w.annotations, layer)
        assert not (s.annotations.quotes or s.annotations.sentences or s.annotations.mentions
                    or s.annotations.temporal)
    assert any(w.annotations.mentions and w.annotations.temporal for w in whole)
    fresh = Cache(tmp_path / "cache")
    assert [fresh.get(cache_key(a, REGISTERS.digest)) for a in articles] == whole
    assert fresh.hits == len(articles)
    again = build.annotate_all(articles, REGISTERS, fresh, jobs=2, slim=True)
    assert again == serial
