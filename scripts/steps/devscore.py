"""Scores of the extractor on the blind development set (tests/dev/), for the evaluation table.

Per split (tune, check): statement metrics as for the seeds (``evaluate``),
the same with no dev speaker registered (every new name must be found as a
provisional actor), and poll figures (right pollster, option and value; wrong
fieldwork dates). Only scores are published, never the dev texts.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

from scripts.errors import InputError
from scripts.paths import ROOT
from scripts.steps import devset, evaluate
from scripts.steps.polls import PARTIES
from scripts.steps.statements import rows as statement_rows

Span = evaluate.Span
OUTPUT = Path(".build/evaluation/dev.json")
"""The dev step's output (``make``): the ``dev-<split>`` rows of the evaluation table, which the
evaluate step appends to the seeds' rows."""
_load = devset.load_yaml
generic_ids = devset.generic_ids


def _locate(text: str, needle: str, occurrence: int, where: str) -> int:
    pos = -1
    for _ in range(occurrence):
        pos = text.find(needle, pos + 1)
    if pos < 0:
        raise ValueError(f"{where}: {needle[:40]!r} (occurrence {occurrence}) not found")
    return pos


def _gold(chosen: list[devset.DevArticle], texts: dict[str, str], name: str) -> list[tuple[str, int, dict]]:
    """(source id, offset, entry) of every gold entry of the chosen articles in ``<batch>/<name>``."""
    ids = {(d.batch, d.name): d.entry["id"] for d in chosen}
    out = []
    for batch in sorted({d.batch for d in chosen}):
        path = batch / name
        for g in (_load(path) or []) if path.is_file() else []:
            source = ids.get((batch, Path(g["file"]).name))
            if source is not None:
                pos = _locate(texts[source], g["text"], int(g.get("occurrence") or 1), str(path))
                out.append((source, pos, g))
    return out


def _iso(value: Any) -> str:
    return value.isoformat() if hasattr(value, "isoformat") else (value or "")


def _spans(gold: list[tuple[str, int, dict]]) -> list[Span]:
    return [Span(s, pos, pos + len(g["text"]), g["kind"], g["speaker"],
                 (_iso(g.get("said_start")), _iso(g.get("said_end")))) for s, pos, g in gold]


def _predicted(x: Any) -> list[Span]:
    by_id = {a.id: a for a in x.articles}
    table = statement_rows(x.statements, by_id)
    return evaluate.predicted([{k: "" if v is None else str(v) for k, v in r.items()} for r in table])


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.casefold()).strip("-")


def _option_key(name: str, gold: bool = False) -> str:
    """A party's option id from its printed name, else the slug. A gold option is a slug, read
    case-insensitively ("snp", "green-party"); an extracted name keeps the case-sensitive match."""
    words = name.strip().replace("-", " ") if gold else name.strip()
    for rx, pid, _ in PARTIES:
        if re.fullmatch(rf"(?:the )?(?:{rx})", words, re.IGNORECASE if gold else 0):
            return pid
    return _slug(name)


def _option_ok(gold: str, row: dict[str, Any]) -> bool:
    want = _option_key(gold, gold=True)
    have = {row.get("option") or "", _option_key(row.get("option_name") or "")}
    if want in have:
        return True
    if want.split("-")[0] in have:   # a side: gold "support expelling the 23 diplomats", extracted "support"
        return True
    surname = want.rsplit("-", 1)[-1]
    return bool(surname) and any(h.rsplit("-", 1)[-1] == surname for h in have if h)


def _wrong_period(g: tuple[str, str], p: tuple[str, str]) -> bool:
    """Fieldwork is a period, not a day: an extracted period is wrong when it shares no day with the
    gold one, or overlaps it only in part (one end inside, the other outside: a shifted period, such
    as 15-20 March for fieldwork of 13-15 March). Containing it (coarse) or lying within it is fine."""
    if evaluate._wrong_date(g, p):
        return True
    if not (p[0] and p[1] and g[0] and g[1]):
        return False
    return not (p[0] <= g[0] and g[1] <= p[1]) and not (g[0] <= p[0] and p[1] <= g[1])


def poll_scores(gold: list[tuple[str, int, dict]], rows: list[dict[str, Any]],
                statistics: list[dict[str, Any]] = ()) -> dict[str, Any]:
    """Share of gold figures found with the right pollster, option and value; wrong fieldwork dates.

    A gold figure whose pollster the text never names (``pollster: ''``) is right when the extractor
    sets it aside as a statistic with its value, as the polls table's rule requires (issue 10: a figure
    whose poll cannot be told goes to statistics, never with a made-up pollster)."""
    right = wrong = 0
    for source, pos, g in gold:
        end = pos + len(g["text"])
        if not g.get("pollster"):
            right += any(r["source_id"] == source and r["start"] < end and pos < r["end"]
                         and float(r["value"]) == float(g["value"]) for r in statistics)
            continue
        cands = [r for r in rows if r["source_id"] == source and not r["derived"]
                 and r["start"] < end and pos < r["end"]]
        ok = [r for r in cands if r["pollster"].casefold() == str(g["pollster"] or "").casefold()
              and float(r["value"]) == float(g["value"]) and _option_ok(str(g["option"] or ""), r)]
        right += bool(ok)
        for r in cands[:1]:
            p = (_iso(r["fieldwork_start"]), _iso(r["fieldwork_end"]))
            wrong += _wrong_period((_iso(g.get("fieldwork_start")), _iso(g.get("fieldwork_end"))), p)
    return {"poll_gold": len(gold), "poll_right": right / len(gold) if gold else None,
            "poll_fieldwork_wrong": wrong}


def _pass(root: Path, chosen: list[devset.DevArticle], registered: bool,
          generic: frozenset[str]) -> dict[str, Any]:
    """The metrics of one extraction of a split's articles: with the dev speakers registered, every
    metric and the poll scores; without, the two speaker accuracies that need no register."""
    x, _ = devset.run(root, chosen, registered)
    texts = {a.id: a.text for a in x.articles}
    gold = _spans(_gold(chosen, texts, "statements.yaml"))
    pred = _predicted(x)
    sc = {**evaluate.scores(gold, pred), **evaluate.quality(gold, pred, generic)}
    if not registered:
        return {"speaker_acc_unregistered": sc["speaker_acc"],
                "quote_speaker_acc_unregistered": sc["quote_speaker_acc"]}
    polls = [r for p, _ in x.figures for r in p]
    statistics = [r for _, st in x.figures for r in st]
    return {**sc, **poll_scores(_gold(chosen, texts, "polls.yaml"), polls, statistics)}


def scores(root: Path, split: str, dev: list[devset.DevArticle] | None = None,
           generic: frozenset[str] | None = None) -> dict[str, Any] | None:
    """Every metric of one split, or None when the dev set has no article in it (``dev``: every
    dev article and ``generic`` the generic speakers, when the caller has loaded them)."""
    dev = devset.articles(root) if dev is None else dev
    chosen = [d for d in dev if d.split == split]
    if not chosen:
        return None
    generic = generic_ids(root, dev) if generic is None else generic
    return {**_pass(root, chosen, True, generic), "articles": len(chosen),
            **_pass(root, chosen, False, generic)}


_WORK: tuple[Path, list[devset.DevArticle], frozenset[str]] | None = None


def _init_worker(root: Path, dev: list[devset.DevArticle], generic: frozenset[str]) -> None:
    global _WORK
    _WORK = root, dev, generic


def _pass_in_worker(task: tuple[str, bool]) -> tuple[str, Any]:
    """One pass (split, registered) in a worker: ("ok", metrics) or ("input", the error's parts),
    so that a bad dev file is reported as in a serial run (InputError does not pickle)."""
    assert _WORK is not None
    root, dev, generic = _WORK
    try:
        return "ok", _pass(root, [d for d in dev if d.split == task[0]], task[1], generic)
    except InputError as exc:
        return "input", (exc.path, exc.problem, exc.line, exc.fix)


def rows(root: Path, jobs: int | None = None) -> list[dict[str, Any]]:
    """Evaluation rows ``dev-<split>`` for each split with articles (source ``all``: texts unpublished).

    The two extractions of each split (dev speakers registered or not) are independent, so
    they run on ``jobs`` processes (default every core), the biggest first; the rows are the
    same as a serial run's (``jobs=1``).
    """
    dev = devset.articles(root)   # read once for every split
    generic = generic_ids(root, dev)
    sizes = {split: sum(d.split == split for d in dev) for split in devset.SPLITS}
    splits = [split for split in devset.SPLITS if sizes[split]]
    tasks = sorted(((split, registered) for split in splits for registered in (True, False)),
                   key=lambda t: -sizes[t[0]])
    jobs = min(jobs or os.cpu_count() or 1, len(tasks))
    if jobs > 1:
        with ProcessPoolExecutor(jobs, initializer=_init_worker, initargs=(root, dev, generic)) as pool:
            results = list(pool.map(_pass_in_worker, tasks))
        for kind, value in results:
            if kind == "input":
                path, problem, line, fix = value
                raise InputError(path, problem, line=line, fix=fix)
        done = {task: value for task, (_, value) in zip(tasks, results, strict=True)}
    else:
        done = {(split, registered): _pass(root, [d for d in dev if d.split == split], registered, generic)
                for split, registered in tasks}
    return [{"stage": f"dev-{split}", "source_id": "all",
             **evaluate._cells({**done[split, True], "articles": sizes[split], **done[split, False]})}
            for split in splits]


def write(root: Path) -> None:
    """The dev step: the dev rows into ``OUTPUT`` as JSON (every value kept exactly as computed)."""
    out = root / OUTPUT
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_suffix(".tmp")
    tmp.write_text(json.dumps(rows(root), indent=1) + "\n", encoding="utf-8")
    tmp.replace(out)


def main(argv: list[str] | None = None) -> int:
    """CLI: run the extraction on the dev set and write its scores (``--write``), else print them."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--root", type=Path, default=ROOT)
    parser.add_argument("--write", action="store_true", help=f"write the dev rows to {OUTPUT}")
    args = parser.parse_args(argv)
    if args.write:
        write(args.root)
        print(f"wrote {OUTPUT}")
    else:
        print(json.dumps(rows(args.root), indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
