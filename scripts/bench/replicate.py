"""Tables of a large corpus made by replicating those of a smaller one, for timing the
package and validation steps when extraction has not finished at that size.

Copy 0 is the original; copy ``c`` > 0 of every per-article table gets new article ids
(``<id>-r<c>``), new file paths and new content-style ids (``st-``, ``cl-``, ``evm-``,
``pf-``, ``poll-``, ``stat-`` + 12 hex
digits of a sha256), consistently across tables so that the keys still hold. The registers'
tables (actors, events) and the per-target ones (agreement, evaluation) are kept once.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import polars as pl

from scripts.build import RAW
from scripts.package.tables import read_frame, write_csv

PER_ARTICLE = ("sources", "paragraphs", "event_mentions", "statements", RAW, "statement_context", "stances",
               "coding_pending", "polls", "statistics")
HASHED = {"statement_id": "st-", "cluster_id": "cl-", "mention_id": "evm-", "figure_id": "pf-",
          "poll_id": "poll-", "statistic_id": "stat-"}


def _schema(name: str) -> str:
    return "statements" if name == RAW else name


def replicate(tables: Path, copies: int, out: Path) -> None:
    """Write ``copies`` copies of the per-article tables in ``tables`` to ``out``."""
    out.mkdir(parents=True, exist_ok=True)
    frames = {name: read_frame(_schema(name), tables / f"{name}.csv") for name in PER_ARTICLE}
    for path in tables.glob("*.csv"):
        if path.stem not in PER_ARTICLE:
            (out / path.name).write_bytes(path.read_bytes())
    ids: dict[str, set[str]] = {col: set() for col in HASHED}
    for df in frames.values():
        for col in HASHED:
            if col in df.columns:
                ids[col].update(df[col].drop_nulls().to_list())
    for name, df in frames.items():
        parts = []
        parts.append(df)
        for c in range(1, copies):
            changes = [pl.col("source_id") + f"-r{c}"]
            if name == "sources":
                changes.append(pl.col("file").str.replace(r"^seeds/articles/", f"seeds/articles/r{c}_"))
            for col, prefix in HASHED.items():
                if col in df.columns:
                    mapping = {v: prefix + hashlib.sha256(f"{v}/{c}".encode()).hexdigest()[:12]
                               for v in ids[col]}
                    changes.append(pl.col(col).replace_strict(mapping, default=None))
            parts.append(df.with_columns(changes) if "source_id" in df.columns
                         else df.with_columns(changes[1:]))
        (out / f"{name}.csv").write_bytes(write_csv(_schema(name), pl.concat(parts)))
