"""Table Schemas from scripts/package/schemas/ and polars tables typed by them.

The YAML files in scripts/package/schemas/ are the single source of truth for column
names, order and types. Steps hand tables to each other as polars DataFrames built by
``frame`` (typed from the schema, checked on the way in); ``write_csv`` serialises a
frame through polars, and ``read_frame`` reads a published CSV back with the same types.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from functools import cache
from operator import itemgetter
from pathlib import Path
from typing import Any

import polars as pl
import yaml

from scripts.paths import SCHEMAS

# Table Schema type -> (polars dtype, Python types a row value may have)
_TYPES: dict[str, tuple[pl.DataType, tuple[type, ...]]] = {
    "string": (pl.String(), (str,)),
    "integer": (pl.Int64(), (int,)),
    "number": (pl.Float64(), (int, float)),
    "date": (pl.Date(), (date,)),
    "boolean": (pl.Boolean(), (bool,)),
}


_SAFE = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
"""The safe loader with libyaml's parser where there is one (speed only: the same values, ten times
faster on the schema files; tests/test_perf_equivalence.py compares)."""


@cache
def package_meta() -> dict[str, Any]:
    """Package-level metadata and resource order (scripts/package/schemas/package.yaml)."""
    return yaml.load((SCHEMAS / "package.yaml").read_text(encoding="utf-8"), Loader=_SAFE)


@cache
def resource(name: str) -> dict[str, Any]:
    """A resource's title, description and Table Schema."""
    return yaml.load((SCHEMAS / f"{name}.yaml").read_text(encoding="utf-8"), Loader=_SAFE)


def field_names(name: str) -> list[str]:
    """Column names of a table, in order."""
    return [f["name"] for f in resource(name)["schema"]["fields"]]


def schema(name: str) -> dict[str, pl.DataType]:
    """The polars schema of a table: column name -> dtype, in the Table Schema's order."""
    return {f["name"]: _TYPES[f["type"]][0] for f in resource(name)["schema"]["fields"]}


def _check_types(name: str, fields: list[dict[str, Any]], rows: list[Mapping[str, Any]]) -> None:
    """Raise on a value of the wrong type in a non-string column (polars would coerce some:
    True into an integer, "2020-01-01" into a date); "" stands for a missing value."""
    for field in fields:
        kind = field["type"]
        if kind == "string":
            continue
        key, allowed = field["name"], _TYPES[kind][1]
        for t in {type(r[key]) for r in rows} - {type(None)}:
            if issubclass(t, allowed) and (kind == "boolean" or t is not bool):
                continue
            value = next((r[key] for r in rows if type(r[key]) is t and r[key] != ""), None)
            if value is not None:
                raise TypeError(f"{name}.{key}: {value!r} is not of type {kind}")


# Speed only: the value types a column may hold for ``_columns`` to build it as a Series (missing
# values as None, or "" outside string columns); anything else takes ``frame``'s row-wise path.
_PLAIN: dict[str, frozenset[type]] = {
    "string": frozenset({str, type(None)}),
    "integer": frozenset({int, str, type(None)}),
    "number": frozenset({int, float, str, type(None)}),
    "date": frozenset({date, str, type(None)}),
    "boolean": frozenset({bool, str, type(None)}),
}


def _columns(name: str, fields: list[dict[str, Any]], rows: list[Mapping[str, Any]]) -> pl.DataFrame | None:
    """The frame ``frame`` builds, column by column (several times faster than ``pl.from_dicts``);
    None when a value is of another type than ``_PLAIN`` lists (``frame`` then checks row-wise).

    Same checks: "" in a non-string column is a missing value, any other text there an error.
    """
    if not rows:
        return None
    names = [f["name"] for f in fields]
    # One pass over the rows, each row's values taken together (a pass per column touched every
    # row once per column: at 10,000 articles, most of the time went in fetching them again).
    table = (list(zip(*map(itemgetter(*names), rows), strict=True)) if len(names) > 1
             else [tuple(r[names[0]] for r in rows)])
    columns: dict[str, pl.Series] = {}
    for field, values in zip(fields, table, strict=True):
        key, kind = field["name"], field["type"]
        if kind == "string":
            # Speed only, no look at the values' types: polars' strict String builder refuses
            # every value that is not text or None (tests/test_speed_p5serial2.py), and then the
            # row-wise path decides, as it did for any such value; text of a str subclass it
            # takes as that path does, by its characters.
            try:
                columns[key] = pl.Series(key, values, dtype=_TYPES[kind][0], strict=True)
            except Exception:   # (whatever the builder refuses, the row-wise path judges)
                return None
            continue
        types = set(map(type, values))
        if not types <= _PLAIN[kind]:
            return None
        if kind != "string" and str in types:
            if any(v != "" for v in values if type(v) is str):
                return None    # an error: raised by ``_check_types`` on the row-wise path
            values = tuple(None if type(v) is str else v for v in values)
        columns[key] = pl.Series(key, values, dtype=_TYPES[kind][0], strict=True)
    return pl.DataFrame(columns)


def _check_keys(name: str, wanted: set[str], rows: list[Mapping[str, Any]]) -> None:
    """Raise on the first row whose keys are not the schema's fields."""
    for row in rows:
        if row.keys() != wanted:
            extra, missing = set(row) - wanted, wanted - set(row)
            raise KeyError(f"{name}: row keys differ from schema (extra {extra}, missing {missing})")


def frame(name: str, rows: Iterable[Mapping[str, Any]]) -> pl.DataFrame:
    """The table ``name`` as a typed DataFrame, from rows (dicts keyed by field name).

    Every row must have exactly the schema's fields; values must be of the field's type
    (None or "" for a missing value). Row order is kept.
    """
    fields = resource(name)["schema"]["fields"]
    wanted = {f["name"] for f in fields}
    rows = list(rows)
    if set(map(len, rows)) - {len(wanted)}:
        _check_keys(name, wanted, rows)
    try:   # every row has as many keys as the schema fields, so it has them all if it has each
        df = _columns(name, fields, rows)
    except KeyError:
        _check_keys(name, wanted, rows)
        raise
    if df is None:
        _check_types(name, fields, rows)
        blank = [f["name"] for f in fields if f["type"] != "string"
                 and any(type(r[f["name"]]) is str for r in rows)]
        if blank:
            rows = [{**r, **{k: None for k in blank if r[k] == ""}} for r in rows]
        df = (pl.from_dicts(rows, schema=schema(name), strict=True) if rows
              else pl.DataFrame(schema=schema(name)))
    for field in fields:
        if field["type"] != "string" and field.get("constraints", {}).get("required") \
                and df[field["name"]].null_count():
            raise ValueError(f"{name}.{field['name']}: required value missing")
    return df


def conform(name: str, df: pl.DataFrame) -> pl.DataFrame:
    """``df`` with the table's columns, in order and cast to the schema's types."""
    if set(df.columns) != set(field_names(name)):
        raise KeyError(f"{name}: columns differ from schema "
                       f"(extra {set(df.columns) - set(field_names(name))}, "
                       f"missing {set(field_names(name)) - set(df.columns)})")
    return df.select([pl.col(c).cast(t, strict=True) for c, t in schema(name).items()])


def ordered(name: str, df: pl.DataFrame) -> pl.DataFrame:
    """``df`` in the table's published row order (the schema file's ``order``; stable)."""
    keys = resource(name).get("order") or []
    return df.sort(keys, maintain_order=True) if keys else df


def _g10(value: float | None) -> str | None:
    return None if value is None else format(value, ".10g")


def write_csv(name: str, df: pl.DataFrame) -> bytes:
    """The table's CSV bytes in its published row order, written by polars.

    Header row, "\\n" line ends, quotes only where needed; missing values (null, or "" in a
    string column) as empty cells, numbers as ``format(x, ".10g")``, dates ISO 8601,
    booleans true/false.
    """
    return _csv_ready(name, df).write_csv(line_terminator="\n", quote_style="necessary").encode("utf-8")


def write_csv_file(name: str, df: pl.DataFrame, path: Path) -> None:
    """Write ``write_csv(name, df)`` to ``path``, straight from polars (no copy of the text in memory)."""
    _csv_ready(name, df).write_csv(path, line_terminator="\n", quote_style="necessary")


def _csv_ready(name: str, df: pl.DataFrame) -> pl.DataFrame:
    """The frame ``write_csv`` writes: ordered, typed, "" as null, numbers formatted."""
    df = ordered(name, conform(name, df))
    out = []
    for column, dtype in df.schema.items():
        col = pl.col(column)
        if dtype == pl.String:
            out.append(pl.when(col == "").then(None).otherwise(col).alias(column))
        elif dtype == pl.Float64:
            out.append(col.map_elements(_g10, return_dtype=pl.String, skip_nulls=True).alias(column))
        else:
            out.append(col)
    return df.select(out)


def to_csv(name: str, rows: Iterable[Mapping[str, Any]] | pl.DataFrame) -> bytes:
    """Serialise a table (a DataFrame, or rows keyed by field name) as its CSV bytes."""
    return write_csv(name, rows if isinstance(rows, pl.DataFrame) else frame(name, rows))


def read_frame(name: str, path: Path) -> pl.DataFrame:
    """Read a published CSV as a DataFrame typed from the table's schema."""
    df = pl.read_csv(path, schema={c: pl.String for c in field_names(name)})
    typed = []
    for column, dtype in schema(name).items():
        col = pl.col(column)
        if dtype == pl.String:
            typed.append(col)
        elif dtype == pl.Boolean:
            typed.append(pl.when(col == "").then(None).otherwise(col == "true").alias(column))
        elif dtype == pl.Date:
            typed.append(pl.when(col == "").then(None).otherwise(col).str.to_date("%Y-%m-%d").alias(column))
        else:
            typed.append(pl.when(col == "").then(None).otherwise(col).cast(dtype, strict=True).alias(column))
    return df.select(typed)


def read_csv(path: Path) -> list[dict[str, str]]:
    """Read a CSV as rows of text cells, "" for an empty cell (for tests and the report)."""
    df = pl.read_csv(path, infer_schema=False, raise_if_empty=False)
    return df.with_columns(pl.all().fill_null("")).to_dicts()
