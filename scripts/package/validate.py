"""Validate the data package: a fast polars pass over every Table Schema rule the package
uses, then frictionless as the final authority where it is affordable.

The polars pass checks each resource's bytes and sha256, its header, every cell's type
(integer, number, date, boolean), ``required``, ``unique``, ``enum``, ``pattern``,
``minimum``/``maximum``, ``format: uri``, the primary key and the foreign keys. Its messages
name the table, the row (counted as frictionless does: the header is row 1) and the error
type frictionless would give. Frictionless then validates the whole package again when the
tables are at most ``FRICTIONLESS_MAX_BYTES`` (about 250 articles' worth). Measured by
``make bench`` (BENCHMARKS.md; 2 shared cores): on the tables of 10,000 articles (149 MB of
CSV) the polars pass takes about 1.3 s and frictionless about 50 s (1,000 articles: 0.24 s
and 8 s). Frictionless reads row by row in Python; ``limit_rows=1000`` still took about 50 s
there, because its foreign-key and hash checks read whole tables, and its ``parallel``
option is ignored when there are foreign keys. So above the limit the build relies on the
polars pass; ``make validate`` always runs both.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from datetime import date
from pathlib import Path
from typing import Any

import polars as pl

from scripts.paths import DESCRIPTOR, ROOT

FRICTIONLESS_MAX_BYTES = 4_000_000
"""Above this many bytes of CSV, the build relies on the polars pass alone."""

_PARSE: dict[str, pl.DataType] = {"integer": pl.Int64(), "number": pl.Float64()}
_INTEGER = r"^[+-]?[0-9]+$"
_NUMBER = r"^[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][+-]?[0-9]+)?$|^(NaN|INF|-INF)$"
_DATE = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"
_URI = r"^[A-Za-z][A-Za-z0-9+.-]*:[^\s]*$"


def _rows(mask: pl.Series) -> list[int]:
    """Row numbers (header = 1) where ``mask`` is true."""
    return [i + 2 for i in mask.arg_true().to_list()]


def _report(problems: list[str], table: str, kind: str, rows: list[int], message: str) -> None:
    for row in rows[:20]:
        problems.append(f"{table} row {row}: [{kind}] {message}")
    if len(rows) > 20:
        problems.append(f"{table}: [{kind}] {message}: {len(rows) - 20} more row(s)")


def _typed(df: pl.DataFrame, field: dict[str, Any], table: str, problems: list[str]) -> pl.Series:
    """The column typed, with type errors reported (bad cells become null)."""
    name, kind = field["name"], field["type"]
    col = df[name]
    present = col.is_not_null()
    if kind == "string":
        return col
    if kind in ("integer", "number"):
        ok = col.str.contains(_INTEGER if kind == "integer" else _NUMBER)
        typed = col.cast(_PARSE[kind], strict=False)
    elif kind == "date":
        typed = col.str.to_date("%Y-%m-%d", strict=False)
        ok = col.str.contains(_DATE) & typed.is_not_null()
    elif kind == "boolean":
        ok = col.is_in(["true", "false"])
        typed = pl.Series(name, (col == "true").to_list(), dtype=pl.Boolean)
    else:
        raise ValueError(f"{table}.{name}: type {kind} is not supported by the validator")
    bad = present & ~ok.fill_null(False)
    _report(problems, table, "type-error", _rows(bad), f'field "{name}": not of type {kind}')
    if bad.any():
        typed = pl.select(pl.when(pl.lit(bad)).then(None).otherwise(pl.lit(typed))).to_series()
    return typed.alias(name)


def _constraints(col: pl.Series, typed: pl.Series, field: dict[str, Any], table: str,
                 problems: list[str]) -> None:
    name, rules = field["name"], field.get("constraints", {})
    present = col.is_not_null()
    if rules.get("required"):
        _report(problems, table, "constraint-error", _rows(~present),
                f'field "{name}": constraint "required" is "True"')
    if rules.get("unique"):
        dup = present & col.is_duplicated()
        _report(problems, table, "unique-error", _rows(dup), f'field "{name}": values are not unique')
    if "enum" in rules:
        allowed = [str(v) for v in rules["enum"]]
        _report(problems, table, "constraint-error", _rows(present & ~col.is_in(allowed)),
                f'field "{name}": constraint "enum" is "{allowed}"')
    if "pattern" in rules:
        ok = col.str.contains(f"^(?:{rules['pattern']})$").fill_null(True)
        _report(problems, table, "constraint-error", _rows(~ok),
                f'field "{name}": constraint "pattern" is "{rules["pattern"]}"')
    for rule in ("minimum", "maximum"):
        if rule in rules:
            limit = rules[rule]
            if typed.dtype == pl.Date:
                limit = date.fromisoformat(str(limit))
            bad = typed < limit if rule == "minimum" else typed > limit
            _report(problems, table, "constraint-error", _rows(bad.fill_null(False)),
                    f'field "{name}": constraint "{rule}" is "{rules[rule]}"')
    if field.get("format") == "uri":
        ok = col.str.contains(_URI).fill_null(True)
        _report(problems, table, "type-error", _rows(~ok), f'field "{name}": not a uri')


def polars_errors(descriptor: Path, known: dict[str, tuple[bytes, str]] | None = None) -> list[str]:
    """Every violation the polars pass finds, as readable lines (empty if none).

    ``known``: some tables' bytes and their ``"sha256:..."``, as the package step wrote them
    to the paths the descriptor names and gave the descriptor (speed only: neither read nor
    hashed again); each is let go once read.
    """
    package = json.loads(descriptor.read_text(encoding="utf-8"))
    base = descriptor.parent
    problems: list[str] = []
    frames: dict[str, pl.DataFrame] = {}
    for res in package["resources"]:
        table, path = res["name"], base / res["path"]
        names = [f["name"] for f in res["schema"]["fields"]]
        raw, digest = known.pop(table) if known and table in known else (path.read_bytes(), None)
        if "bytes" in res and res["bytes"] != len(raw):
            problems.append(f"{table}: [byte-count] expected {res['bytes']} bytes, found {len(raw)}")
        if "hash" in res and res["hash"] != (digest or "sha256:" + hashlib.sha256(raw).hexdigest()):
            problems.append(f"{table}: [hash-count] sha256 differs from the descriptor")
        end = raw.find(b"\n")
        header = raw[:len(raw) if end < 0 else end].decode("utf-8").rstrip("\r").split(",")
        if header != names:
            problems.append(f"{table}: [incorrect-label] header {header} is not {names}")
            continue
        try:
            df = pl.read_csv(raw, schema={n: pl.String for n in names}, raise_if_empty=False)
            df = df.with_columns(pl.when(pl.col(n) != "").then(pl.col(n)).alias(n) for n in names)
        except pl.exceptions.PolarsError as exc:
            problems.append(f"{table}: [source-error] {exc}")
            continue
        typed = {}
        for field in res["schema"]["fields"]:
            typed[field["name"]] = _typed(df, field, table, problems)
            _constraints(df[field["name"]], typed[field["name"]], field, table, problems)
        frames[table] = pl.DataFrame(list(typed.values()))
        key = res["schema"].get("primaryKey") or []
        if key:
            dup = frames[table].select(pl.struct(key).is_duplicated()).to_series()
            _report(problems, table, "primary-key", _rows(dup), f"{key} is not unique")
            blank = frames[table].select(pl.any_horizontal(pl.col(k).is_null() for k in key)).to_series()
            _report(problems, table, "primary-key", _rows(blank), f"{key} has a missing value")
    for res in package["resources"]:
        table = res["name"]
        if table not in frames:
            continue
        for fk in res["schema"].get("foreignKeys", []):
            ref = fk["reference"]
            target = frames.get(ref.get("resource") or table)
            if target is None:
                continue
            child = frames[table].select(fk["fields"]).with_row_index("row")
            child = child.filter(pl.all_horizontal(pl.col(f).is_not_null() for f in fk["fields"]))
            parent = target.select(ref["fields"]).rename(dict(zip(ref["fields"], fk["fields"], strict=True)))
            missing = child.join(parent.unique(), on=fk["fields"], how="anti", nulls_equal=False)
            _report(problems, table, "foreign-key", [r + 2 for r in missing["row"].sort().to_list()],
                    f"{fk['fields']} not found in {ref.get('resource') or table}.{ref['fields']}")
    return problems


def frictionless_errors(descriptor: Path, limit_rows: int | None = None) -> list[str]:
    """Every error frictionless finds in the package (schemas, keys, hashes, sizes), reading
    every row or, with ``limit_rows``, the first rows of each table."""
    from frictionless import Package

    package = Package(str(descriptor.name), basepath=str(descriptor.parent))
    report = package.validate(limit_rows=limit_rows)
    lines = []
    for task in report.tasks:
        for err in task.errors:
            row = getattr(err, "row_number", None)
            where = f"{task.name}" + (f" row {row}" if row else "")
            lines.append(f"{where}: [{err.type}] {err.message}")
    lines.extend(f"package: [{err.type}] {err.message}" for err in report.errors)
    return lines


def tables_bytes(descriptor: Path) -> int:
    """Total size of the package's CSV files."""
    package = json.loads(descriptor.read_text(encoding="utf-8"))
    return sum((descriptor.parent / r["path"]).stat().st_size for r in package["resources"])


def errors(descriptor: Path, frictionless: bool | None = None,
           known: dict[str, tuple[bytes, str]] | None = None) -> list[str]:
    """Every validation error of the package, as readable lines (empty if valid).

    The polars pass always runs; frictionless runs after it when ``frictionless`` is true,
    or, when it is None, if the polars pass found nothing and the tables are at most
    ``FRICTIONLESS_MAX_BYTES``. ``known``: as for ``polars_errors`` (emptied by it).
    """
    problems = polars_errors(descriptor, known)
    if frictionless is None:
        frictionless = not problems and tables_bytes(descriptor) <= FRICTIONLESS_MAX_BYTES
    if frictionless:
        seen = set(problems)
        problems.extend(p for p in frictionless_errors(descriptor) if p not in seen)
    return problems


def main(argv: list[str] | None = None) -> int:
    """CLI: validate datapackage.json with both passes (``--fast``: polars only)."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("descriptor", nargs="?", type=Path, default=ROOT / DESCRIPTOR)
    parser.add_argument("--fast", action="store_true", help="the polars pass only")
    args = parser.parse_args(argv)
    problems = errors(args.descriptor, frictionless=not args.fast)
    for line in problems:
        print(line, file=sys.stderr)
    print(f"{args.descriptor.name}: " + ("valid" if not problems else f"{len(problems)} error(s)"))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
