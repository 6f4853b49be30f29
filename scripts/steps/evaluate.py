"""Score the statement extractor against the hand-annotated gold set (tests/gold/).

This is its own pipeline step (``make evaluate`` runs it and prints the scores): it reads
the gold set and the tables step's output (.build/tables/: sources, statements and the raw
statements_raw) and writes the published ``evaluation`` table to .build/evaluation/, which
the package step copies to data/evaluation.csv. The tables step never reads tests/.

Prints, per article and overall, precision/recall/F1 of statement detection
(exact span, and overlap: the spans share at least 30% of the gold span's
characters), speaker accuracy and said-date accuracy on matched statements
(date_acc: the same interval; date_compatible: both undated, or intervals
that share a day),
and the share of gold direct quotations found with the right speaker, for the
raw extractor and for the published (corrected) table.
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from scripts.package.tables import frame, read_csv, read_frame, write_csv
from scripts.paths import ROOT

GOLD = Path("tests/gold/statements.yaml")
TABLES = Path(".build/tables")
OUTPUT = Path(".build/evaluation/evaluation.csv")
OVERLAP = 0.3
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)   # libyaml when available: same values


@dataclass(frozen=True)
class Span:
    """A statement reduced to what is scored."""

    source: str
    start: int
    end: int
    kind: str
    speaker: str
    said: tuple[str, str]


def gold_spans(root: Path, files_to_ids: dict[str, str], texts: dict[str, str]) -> list[Span]:
    """The gold statements of the registered articles, with their offsets located."""
    out = []
    for g in yaml.load((root / GOLD).read_text(encoding="utf-8"), Loader=_LOADER):
        if g["file"] not in files_to_ids:
            continue
        source = files_to_ids[g["file"]]
        text, pos = texts[source], -1
        for _ in range(int(g.get("occurrence", 1))):
            pos = text.find(g["text"], pos + 1)
        if pos < 0:
            raise ValueError(f"{GOLD}: {g['text'][:40]!r} not found in {g['file']}")
        out.append(Span(source, pos, pos + len(g["text"]), g["kind"], g["speaker"],
                        (_iso(g.get("said_start")), _iso(g.get("said_end")))))
    return out


def _iso(value: Any) -> str:
    return value.isoformat() if isinstance(value, date) else (value or "")


def predicted(rows: list[dict[str, str]]) -> list[Span]:
    """Rows of a statements table as spans."""
    return [Span(r["source_id"], int(r["start"]), int(r["end"]), r["kind"], r["speaker_id"],
                 (r["said_start"], r["said_end"])) for r in rows]


def _match(gold: list[Span], pred: list[Span], exact: bool) -> list[tuple[Span, Span]]:
    """Greedy one-to-one matching, best overlap (and same speaker) first."""
    pairs = []
    for g in gold:
        for p in pred:
            if p.source != g.source:
                continue
            inter = min(g.end, p.end) - max(g.start, p.start)
            ok = (g.start, g.end) == (p.start, p.end) if exact else inter >= OVERLAP * (g.end - g.start)
            if ok and inter > 0:
                pairs.append((-(inter / max(g.end - g.start, p.end - p.start)), g.speaker != p.speaker, g, p))
    pairs.sort(key=lambda x: (x[0], x[1], x[2].start, x[3].start))
    used_g: set[Span] = set()
    used_p: set[Span] = set()
    out = []
    for _, _, g, p in pairs:
        if g not in used_g and p not in used_p:
            used_g.add(g)
            used_p.add(p)
            out.append((g, p))
    return out


def _compatible(a: tuple[str, str], b: tuple[str, str]) -> bool:
    """Both undated, or both dated with intervals that share at least one day."""
    if not a[0] or not b[0]:
        return not a[0] and not b[0]
    return a[0] <= b[1] and b[0] <= a[1]


def scores(gold: list[Span], pred: list[Span]) -> dict[str, float]:
    """The metrics for one gold/prediction pair of lists."""
    out: dict[str, float] = {"gold": len(gold), "predicted": len(pred)}
    for name, exact in (("exact", True), ("overlap", False)):
        m = len(_match(gold, pred, exact))
        p = m / len(pred) if pred else 0.0
        r = m / len(gold) if gold else 0.0
        out[f"{name}_p"], out[f"{name}_r"] = p, r
        out[f"{name}_f1"] = 2 * p * r / (p + r) if p + r else 0.0
    matched = _match(gold, pred, False)
    out["speaker_acc"] = sum(g.speaker == p.speaker for g, p in matched) / len(matched) if matched else 0.0
    out["date_acc"] = sum(g.said == p.said for g, p in matched) / len(matched) if matched else 0.0
    out["date_compatible"] = (sum(_compatible(g.said, p.said) for g, p in matched) / len(matched)
                              if matched else 0.0)
    direct = [g for g in gold if g.kind == "direct"]
    hits = {g for g, p in matched if g.kind == "direct" and g.speaker == p.speaker}
    out["direct_found_right_speaker"] = len(hits) / len(direct) if direct else 0.0
    return out


COLUMNS = ("gold", "predicted", "exact_f1", "overlap_p", "overlap_r", "overlap_f1", "speaker_acc",
           "date_acc", "date_compatible", "direct_found_right_speaker")
# Columns added for the blind development set (empty where they do not apply).
EXTRA = ("quote_gold", "quote_recall", "quote_speaker_acc", "quote_speaker_acc_unregistered",
         "speaker_acc_unregistered", "date_wrong", "corbyn_dated_gold", "corbyn_date_exact", "to_corbyn",
         "corbyn_unmatched", "poll_gold", "poll_right", "poll_fieldwork_wrong", "articles")
COUNTS = ("gold", "predicted", "quote_gold", "date_wrong", "corbyn_dated_gold", "to_corbyn",
          "corbyn_unmatched",
          "poll_gold", "poll_fieldwork_wrong", "articles")
QUOTE_KINDS = ("direct", "fragment")
CORBYN = "corbyn"


def _wrong_date(g: tuple[str, str], p: tuple[str, str]) -> bool:
    """A dated prediction that shares no day with the gold interval (an open bound is unbounded:
    gold "undated" is null .. the publication date, so only a date after that is wrong)."""
    if not p[0]:
        return False
    return not (p[0] <= (g[1] or "9999-12-31") and (g[0] or "0000-01-01") <= (p[1] or "9999-12-31"))


def quality(gold: list[Span], pred: list[Span], generic: frozenset[str]) -> dict[str, float | None]:
    """The issue-10 metrics: quotations by named speakers, wrong dates, words given to Corbyn."""
    matched = _match(gold, pred, False)
    named = [g for g in gold if g.kind in QUOTE_KINDS and g.speaker not in generic]
    found = [(g, p) for g, p in matched if g in set(named)]
    corbyn_dated = [g for g in gold if g.speaker == CORBYN and g.said[0]
                    and _precision(g.said) in ("day", "month")]
    exact = {g for g, p in matched if g in set(corbyn_dated) and g.said == p.said}
    return {
        "quote_gold": len(named),
        "quote_recall": len(found) / len(named) if named else None,
        "quote_speaker_acc": sum(g.speaker == p.speaker for g, p in found) / len(found) if found else None,
        "date_wrong": sum(_wrong_date(g.said, p.said) for g, p in matched),
        "corbyn_dated_gold": len(corbyn_dated),
        "corbyn_date_exact": len(exact) / len(corbyn_dated) if corbyn_dated else None,
        "to_corbyn": sum(p.speaker == CORBYN and g.speaker != CORBYN for g, p in matched),
        "corbyn_unmatched": len(unmatched_corbyn(gold, pred)),
    }


def unmatched_corbyn(gold: list[Span], pred: list[Span]) -> list[Span]:
    """Predictions given to Corbyn that share no character with any gold statement: words possibly
    put in his mouth that the gold does not cover (``to_corbyn`` sees matched statements only)."""
    by_source: dict[str, list[Span]] = {}
    for g in gold:
        by_source.setdefault(g.source, []).append(g)
    return [p for p in pred if p.speaker == CORBYN
            and not any(g.start < p.end and p.start < g.end for g in by_source.get(p.source, []))]


def _precision(said: tuple[str, str]) -> str:
    a, b = said
    if not a or not b:
        return "unknown"
    if a == b:
        return "day"
    return "month" if a[:7] == b[:7] else "year" if a[:4] == b[:4] else "unknown"


def _cells(sc: dict[str, Any]) -> dict[str, Any]:
    return {c: None if sc.get(c) is None else int(sc[c]) if c in COUNTS else round(float(sc[c]), 4)
            for c in (*COLUMNS, *EXTRA)}


def rows(gold: list[Span], tables: dict[str, list[Span]], sources: list[str],
         generic: frozenset[str] = frozenset({"unattributed"})) -> list[dict[str, Any]]:
    """The ``evaluation`` table: every metric per stage (raw, corrected) and source, and overall."""
    out = []
    gold_of: dict[str, list[Span]] = {"all": list(gold)}
    for x in gold:
        gold_of.setdefault(x.source, []).append(x)
    for stage, pred in tables.items():
        pred_of: dict[str, list[Span]] = {"all": list(pred)}   # grouped once, not filtered per source
        for x in pred:
            pred_of.setdefault(x.source, []).append(x)
        for source in [*sorted(sources), "all"]:
            g, p = gold_of.get(source, []), pred_of.get(source, [])
            n = len(sources) if source == "all" else 1
            sc = {**scores(g, p), **quality(g, p, generic), "articles": n}
            out.append({"stage": stage, "source_id": source, **_cells(sc)})
    return out


def write(root: Path, dev: Path | None = None) -> None:
    """The evaluation step: score .build/tables/ against the gold set into ``OUTPUT``.

    The dev set's rows are read from ``dev`` (the dev step's output, ``make`` runs that step
    beside the tables step) or, without it, computed here by running the extraction on the dev
    set in this process (``python -m scripts.build`` runs every step in one process, and a build
    killed midway must leave nothing behind).
    """
    if (root / GOLD).exists():
        registered = read_frame("sources", root / TABLES / "sources.csv").select("source_id", "file").rows()
        files = {Path(f).name: i for i, f in registered}
        texts = {i: (root / f).read_bytes().decode("utf-8") for i, f in registered}
        gold = gold_spans(root, files, texts)
        from scripts.steps import devset  # imports the registers' loader: imported late (cycle)

        table = rows(gold, {stage: predicted(read_csv(root / TABLES / f"{name}.csv"))
                            for stage, name in (("raw", "statements_raw"), ("corrected", "statements"))},
                     list(texts), devset.generic_ids(root))
        if dev is not None:
            table += json.loads((root / dev).read_text(encoding="utf-8"))
        else:
            from scripts.steps import devscore  # runs the extraction on the dev set (cycle)

            table += devscore.rows(root, jobs=1)   # in this process (the build's steps run in one)
    else:
        print(f"warning: no gold set at {GOLD}; data/evaluation.csv is empty", file=sys.stderr)
        table = []
    out = root / OUTPUT
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_suffix(".tmp")
    tmp.write_bytes(write_csv("evaluation", frame("evaluation", table)))
    tmp.replace(out)


def report(root: Path, path: Path = Path("data/evaluation.csv")) -> str:
    """The evaluation table (by default the published one) as text."""
    table = read_csv(root / path)
    lines = [f"{'stage':10} {'source':48} " + " ".join(f"{c[:10]:>10}" for c in COLUMNS)]
    for r in table:
        cells = " ".join(_cell(r, c) for c in COLUMNS)
        lines.append(f"{r['stage']:10} {r['source_id']:48} {cells}")
    lines += ["", "Seeds (in-sample) and the blind development set, side by side:", ""]
    alls = [r for r in table if r["source_id"] == "all" and r["stage"] != "corrected"]
    names = {"raw": "seeds"}   # the dev stages keep their names
    lines.append(f"{'metric':32} " + " ".join(f"{names.get(r['stage'], r['stage']):>10}" for r in alls))
    for label, c in (("articles", "articles"), ("quotes by named speakers (gold)", "quote_gold"),
                     ("  recall", "quote_recall"),
                     ("  speaker acc (registered)", "quote_speaker_acc"),
                     ("  speaker acc (none registered)", "quote_speaker_acc_unregistered"),
                     ("all statements (gold)", "gold"), ("  recall", "overlap_r"),
                     ("  precision", "overlap_p"),
                     ("  speaker acc (registered)", "speaker_acc"),
                     ("  speaker acc (none registered)", "speaker_acc_unregistered"),
                     ("said-date exact", "date_acc"), ("said-date compatible", "date_compatible"),
                     ("said-date wrong (count)", "date_wrong"),
                     ("Corbyn, gold day/month (count)", "corbyn_dated_gold"),
                     ("  said-date exact", "corbyn_date_exact"),
                     ("others' words given to Corbyn", "to_corbyn"),
                     ("Corbyn, no gold statement (count)", "corbyn_unmatched"),
                     ("poll figures (gold)", "poll_gold"),
                     ("  right pollster+option+value", "poll_right"),
                     ("  wrong fieldwork dates (count)", "poll_fieldwork_wrong")):
        lines.append(f"{label:32} " + " ".join(_cell(r, c) for r in alls))
    return "\n".join(lines)


def _cell(r: dict[str, Any], c: str) -> str:
    value = r.get(c)
    if value in (None, ""):
        return f"{'-':>10}"
    return f"{float(value):>10.0f}" if c in COUNTS else f"{float(value):>10.2f}"


def main(argv: list[str] | None = None) -> int:
    """CLI: run the evaluation step (``--write``) and/or print the scores."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--root", type=Path, default=ROOT)
    parser.add_argument("--write", action="store_true",
                        help=f"score .build/tables/ against the gold set into {OUTPUT}")
    parser.add_argument("--dev", type=Path, help="the dev step's rows (make: .build/evaluation/dev.json); "
                        "without it the extraction is run on the dev set here")
    args = parser.parse_args(argv)
    if args.write:
        write(args.root, args.dev)
        print(f"wrote {OUTPUT}")
        return 0
    print(report(args.root))
    return 0


if __name__ == "__main__":
    sys.exit(main())
