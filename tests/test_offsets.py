"""Provenance: every span in the package is the exact text of its source."""

from __future__ import annotations

from scripts.package.tables import read_csv
from tests.conftest import ROOT


def _texts() -> dict[str, str]:
    return {s["source_id"]: (ROOT / s["file"]).read_bytes().decode("utf-8")
            for s in read_csv(ROOT / "data/sources.csv")}


def test_every_statement_span_round_trips() -> None:
    texts = _texts()
    rows = read_csv(ROOT / "data/statements.csv")
    assert rows
    for r in rows:
        text = texts[r["source_id"]]
        assert text[int(r["start"]):int(r["end"])] == r["text"], r["statement_id"]
        assert int(r["context_start"]) <= int(r["start"]) or r["corrected"] == "true"
        if r["speaker_mention"]:
            assert text[int(r["speaker_start"]):int(r["speaker_end"])] == r["speaker_mention"]


def test_every_paragraph_span_round_trips() -> None:
    texts = _texts()
    for r in read_csv(ROOT / "data/paragraphs.csv"):
        assert texts[r["source_id"]][int(r["start"]):int(r["end"])] == r["text"]


def test_every_non_blank_line_is_classified_once() -> None:
    texts = _texts()
    rows = read_csv(ROOT / "data/paragraphs.csv")
    for source, text in texts.items():
        lines = [n for n, line in enumerate(text.split("\n"), 1) if line.strip(" \t\r\u00a0\u202f")]
        assert sorted(int(r["line"]) for r in rows if r["source_id"] == source) == lines


def test_paragraph_classification_matches_the_gold_set() -> None:
    """Which paragraphs are set aside (chrome, captions, links, comments…) agrees with the gold
    annotation exactly; within article text, gold's 'quote' (mostly quotation) may be our 'body'."""
    import yaml

    gold = yaml.safe_load((ROOT / "tests/gold/paragraphs.yaml").read_text(encoding="utf-8"))
    ids = {s["file"].split("/")[-1]: s["source_id"] for s in read_csv(ROOT / "data/sources.csv")}
    ours = {(r["source_id"], int(r["line"])): r["kind"] for r in read_csv(ROOT / "data/paragraphs.csv")}
    text_kinds = {"body", "quote", "subheading"}
    for g in gold:
        kind = ours[(ids[g["file"]], g["line"])]
        if g["kind"] in {"body", "quote"}:
            assert kind in text_kinds, g
        else:
            assert kind == g["kind"], g
