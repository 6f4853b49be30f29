"""A large synthetic package for checking that the report scales (issue 13: readable at 10,000 articles).

`synthetic_package(root, copies, out)` copies the published package under `root` `copies` times
into a project folder `out` that the report renders in: copy 0 is the original; copy `c` gets
new article, statement, occasion and figure ids (suffix `-r<c>`) and one of a few dozen outlet
names, so that every per-article list, every chart and every table grows with the copies, as
an archive's would. The registers (actors, events) and the per-target tables are kept once.
Article files are shared (`seeds/` is linked; `scripts/` is copied), so the quotations still check.

Usage: python -m scripts.reporting.scale COPIES OUT
"""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

import polars as pl

from scripts.paths import ROOT

# Per-article tables and the id columns that a copy renames (suffix "-r<c>").
RENAMED = {
    "sources": ("source_id",),
    "paragraphs": ("source_id",),
    "event_mentions": ("mention_id", "source_id"),
    "statements": ("statement_id", "source_id", "cluster_id"),
    "statement_context": ("statement_id", "occasion_id"),
    "stances": ("statement_id",),
    "coding_pending": ("statement_id",),
    "polls": ("figure_id", "poll_id", "source_id"),
    "statistics": ("statistic_id", "source_id"),
}
OUTLETS = 40  # copies cycle through this many outlet names per original outlet


def _copy(frame: pl.DataFrame, name: str, c: int) -> pl.DataFrame:
    """Copy `c` of one table: its ids renamed, and for sources an outlet of the copy's own."""
    if c == 0:
        return frame
    changes = [pl.when(pl.col(col) == "").then(pl.col(col)).otherwise(pl.col(col) + f"-r{c}")
               for col in RENAMED[name]]
    if name == "sources":
        changes.append(pl.when(pl.col("outlet") == "").then(pl.col("outlet"))
                       .otherwise(pl.col("outlet") + f" {c % OUTLETS}"))
    return frame.with_columns(changes)


def synthetic_package(root: Path, copies: int, out: Path) -> Path:
    """Write a package of `copies` × the one under `root`, with `report/` and links, to `out`."""
    out.mkdir(parents=True, exist_ok=True)
    descriptor = json.loads((root / "datapackage.json").read_text(encoding="utf-8"))
    (out / "data").mkdir(exist_ok=True)
    for resource in descriptor["resources"]:
        path = root / resource["path"]
        if resource["name"] in RENAMED:
            frame = pl.read_csv(path, infer_schema=False)
            frame = pl.concat([_copy(frame.fill_null(""), resource["name"], c) for c in range(copies)])
            frame.write_csv(out / resource["path"])
        else:
            shutil.copyfile(path, out / resource["path"])
        resource["bytes"] = (out / resource["path"]).stat().st_size
        resource.pop("hash", None)
    (out / "datapackage.json").write_text(json.dumps(descriptor, indent=2), encoding="utf-8")
    if not (out / "seeds").exists():
        (out / "seeds").symlink_to(root / "seeds")
    if (out / "scripts").exists():  # a copy, not a link: scripts.paths.ROOT must be `out`
        shutil.rmtree(out / "scripts")
    shutil.copytree(root / "scripts", out / "scripts", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copyfile(root / "CITATION.cff", out / "CITATION.cff")
    report = out / "report"
    if report.exists():
        shutil.rmtree(report)
    shutil.copytree(root / "report", report, ignore=shutil.ignore_patterns(
        "index.html", "figures", "references.json", "_vega.html", ".quarto", "*.quarto_ipynb"))
    return out


def main(argv: list[str] | None = None) -> int:
    """CLI: write the synthetic package (then render it with the report recipe, run in OUT)."""
    args = sys.argv[1:] if argv is None else argv
    synthetic_package(ROOT, int(args[0]), Path(args[1]).resolve())
    return 0


if __name__ == "__main__":
    sys.exit(main())
