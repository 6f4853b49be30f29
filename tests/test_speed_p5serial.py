"""The serial part of the tables step, made faster: each fast path against the code it replaced.

- ``context.rows`` groups the linked events in Python instead of through a polars frame: the
  same rows as the frame version (kept here as the reference) on the seeds' statements and
  on random statements with nulls, shared speakers and events inside and outside the said
  interval.
- ``tables.frame`` takes each row's values in one pass and checks the keys by count: same
  frames, same errors for a row with a missing, an extra or a swapped key.
- The tables step runs without automatic garbage collection, and gives it back as it found it.
"""

from __future__ import annotations

import gc
import random
from datetime import date, timedelta
from typing import Any

import polars as pl
import pytest

from scripts import build
from scripts.package.tables import frame, read_frame, write_csv
from scripts.registers.actors import load_actors
from scripts.registers.events import load_events, rows_events
from scripts.steps import context
from tests.conftest import ROOT

SEEDS = ROOT / "seeds"


def _reference_rows(statements: list[dict[str, Any]], register: dict[str, Any],
                    published: dict[str, date], events: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """``context.rows`` as it was before (a polars frame for the linked events)."""
    by_event = {e["event_id"]: e for e in events}
    df = pl.DataFrame(
        [{k: s[k] for k in ("statement_id", "source_id", "speaker_id", "kind", "said_start", "said_end",
                            "said_precision", "said_evidence", "event_id")} for s in statements],
        schema={"statement_id": pl.Utf8, "source_id": pl.Utf8, "speaker_id": pl.Utf8, "kind": pl.Utf8,
                "said_start": pl.Date, "said_end": pl.Date, "said_precision": pl.Utf8,
                "said_evidence": pl.Utf8, "event_id": pl.Utf8})
    linked = (df.filter(pl.col("event_id").is_not_null())
              .select("source_id", "speaker_id", "event_id").unique()
              .sort("source_id", "speaker_id", "event_id"))
    out = []
    for s in df.iter_rows(named=True):
        event_id, basis = s["event_id"], "event" if s["event_id"] else ""
        if not event_id and s["said_start"] is not None:
            mine = linked.filter((pl.col("source_id") == s["source_id"])
                                 & (pl.col("speaker_id") == s["speaker_id"]))
            inside = [e for e in mine["event_id"]
                      if s["said_start"] <= by_event[e]["start"] and by_event[e]["end"] <= s["said_end"]]
            if len(inside) == 1:
                event_id, basis = inside[0], "event-inferred"
        if event_id:
            e = by_event[event_id]
            occasion = {"occasion_id": event_id, "occasion_event_id": event_id, "occasion_start": e["start"],
                        "occasion_end": e["end"], "occasion_precision": e["precision"],
                        "occasion_date_basis": "outside source" if e["date_source_title"] else "article",
                        "occasion_date_source": e["date_source_title"] or e["date_evidence"]}
        elif s["said_start"] is not None:
            basis = "cue"
            occasion = {"occasion_id": context._occasion_id(s["source_id"], s["speaker_id"], s["said_start"],
                                                            s["said_end"], s["said_evidence"]),
                        "occasion_event_id": None, "occasion_start": s["said_start"],
                        "occasion_end": s["said_end"], "occasion_precision": s["said_precision"],
                        "occasion_date_basis": "article", "occasion_date_source": s["said_evidence"]}
        else:
            basis = "undated"
            occasion = {"occasion_id": context._occasion_id(s["source_id"], s["speaker_id"], "undated"),
                        "occasion_event_id": None, "occasion_start": None, "occasion_end": None,
                        "occasion_precision": "unknown", "occasion_date_basis": "",
                        "occasion_date_source": ""}
        group = context.speaker_group(s["speaker_id"], register)
        end = occasion["occasion_end"]
        out.append({
            "statement_id": s["statement_id"], "speaker_group": group, "wording": context.QUOTED[s["kind"]],
            "corbyn_role": ("" if group == "other"
                            else context.role_during(register, occasion["occasion_start"], end)),
            "lag_days": None if end is None else max(0, (published[s["source_id"]] - end).days),
            "occasion_basis": basis, **occasion,
        })
    return out


@pytest.fixture(scope="module")
def inputs() -> tuple[list[dict[str, Any]], dict[str, Any], dict[str, date], list[dict[str, Any]]]:
    statements = read_frame("statements", ROOT / "data" / "statements.csv").to_dicts()
    published = {r["source_id"]: r["published_start"]
                 for r in read_frame("sources", ROOT / "data" / "sources.csv").to_dicts()}
    return statements, load_actors(SEEDS), published, rows_events(load_events(SEEDS))


def test_context_rows_equal_the_frame_version_on_the_seeds(inputs: Any) -> None:
    statements, register, published, events = inputs
    assert any(s["event_id"] for s in statements)
    assert context.rows(statements, register, published, events) == _reference_rows(*inputs)


@pytest.mark.filterwarnings("ignore:Comparisons with None")   # (the reference's null speakers)
def test_context_rows_equal_the_frame_version_on_random_statements(inputs: Any) -> None:
    statements, register, published, events = inputs
    rng = random.Random(5)
    sources = sorted(published)
    speakers = [*sorted(register)[:6], "corbyn", None]
    for _ in range(20):
        made = []
        for n in range(rng.randint(0, 60)):
            event = rng.choice([None, None, *(e["event_id"] for e in events)])
            start = None if rng.random() < 0.3 else (
                rng.choice(events)["start"] - timedelta(days=rng.choice([0, 1, 40, 400])))
            end = None if start is None else start + timedelta(days=rng.choice([0, 2, 60, 800]))
            made.append({**rng.choice(statements), "statement_id": f"st-{n:04d}",
                         "source_id": rng.choice(sources), "speaker_id": rng.choice(speakers),
                         "event_id": event, "said_start": start, "said_end": end,
                         "said_evidence": rng.choice(["", "in 2014", None])})
        assert context.rows(made, register, published, events) == \
            _reference_rows(made, register, published, events)


def test_frame_is_the_same_and_raises_the_same() -> None:
    rows = read_frame("statements", ROOT / "data" / "statements.csv").to_dicts()
    assert rows
    got = frame("statements", rows)
    assert write_csv("statements", got) == (ROOT / "data" / "statements.csv").read_bytes()
    one = frame("actors", [{"actor_id": "x", "name": "X", "kind": "person", "aliases": "",
                            "roles": "", "speaks_for": None, "stance_scope": False, "unregistered": True}])
    assert one.height == 1
    missing = [dict(r) for r in rows[:3]]
    del missing[1]["note"]
    with pytest.raises(KeyError, match=r"extra set\(\), missing \{'note'\}"):
        frame("statements", missing)
    extra = [dict(r) for r in rows[:3]]
    extra[2]["surplus"] = 1
    with pytest.raises(KeyError, match=r"extra \{'surplus'\}, missing set\(\)"):
        frame("statements", extra)
    swapped = [dict(r) for r in rows[:3]]
    swapped[2]["surplus"] = swapped[2].pop("note")
    with pytest.raises(KeyError, match=r"extra \{'surplus'\}, missing \{'note'\}"):
        frame("statements", swapped)
    bad = [dict(r) for r in rows[:3]]
    bad[0]["start"] = "12"
    with pytest.raises(TypeError, match=r"statements\.start"):
        frame("statements", bad)


def test_the_tables_step_pauses_garbage_collection_and_restores_it(monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[bool] = []

    def fake(seeds: Any, cache: Any) -> tuple[list[Any], dict[str, pl.DataFrame]]:
        seen.append(gc.isenabled())
        with build._gc_paused():
            seen.append(gc.isenabled())
        seen.append(gc.isenabled())
        return [], {}

    monkeypatch.setattr(build, "_tables", fake)
    assert gc.isenabled()
    build.tables(SEEDS)
    assert seen == [False, False, False] and gc.isenabled()
    gc.disable()
    try:
        build.tables(SEEDS)
        assert not gc.isenabled()   # left as it was found
    finally:
        gc.enable()



def test_word_counts_from_the_workers_are_the_parents(monkeypatch: pytest.MonkeyPatch) -> None:
    """Articles annotated on the pool have their ``words`` counted there: the same counts and
    sources rows as counting in the parent."""
    from scripts.annotate.annotate import Registers
    from scripts.registers import sources

    articles = sources.load_articles(SEEDS)
    monkeypatch.setattr(build, "PARALLEL_MIN", 1)
    words: dict[str, int] = {}
    done = build.annotate_all(articles, Registers.load(SEEDS), None, jobs=2, words=words)
    assert len(done) == len(articles) >= 2
    assert words == {a.id: sources.word_count(a.text) for a in articles}
    assert sources.rows(articles, words) == sources.rows(articles)
    assert sources.rows(articles, {articles[0].id: words[articles[0].id]}) == sources.rows(articles)
