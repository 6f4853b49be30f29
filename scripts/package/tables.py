"""Table Schemas from scripts/package/schemas/ and typed CSV writing driven by them.

The YAML files in scripts/package/schemas/ are the single source of truth for column
names, order and types; rows are checked against them before they are written.
"""

from __future__ import annotations

import csv
import io
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from scripts.paths import SCHEMAS

_TYPES: dict[str, tuple[type, ...]] = {
    "string": (str,), "integer": (int,), "number": (int, float), "date": (date,),
    "boolean": (bool,),
}


@cache
def package_meta() -> dict[str, Any]:
    """Package-level metadata and resource order (scripts/package/schemas/package.yaml)."""
    return yaml.safe_load((SCHEMAS / "package.yaml").read_text(encoding="utf-8"))


@cache
def resource(name: str) -> dict[str, Any]:
    """A resource's title, description and Table Schema."""
    return yaml.safe_load((SCHEMAS / f"{name}.yaml").read_text(encoding="utf-8"))


def field_names(name: str) -> list[str]:
    """Column names of a table, in order."""
    return [f["name"] for f in resource(name)["schema"]["fields"]]


def _cell(value: Any, field: dict[str, Any], table: str) -> str:
    if value is None or value == "":
        if field.get("constraints", {}).get("required") and field["type"] != "string":
            raise ValueError(f"{table}.{field['name']}: required value missing")
        return ""
    kinds = _TYPES[field["type"]]
    if not isinstance(value, kinds) or (field["type"] != "boolean" and isinstance(value, bool)):
        raise TypeError(f"{table}.{field['name']}: {value!r} is not of type {field['type']}")
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float):
        return format(value, ".10g")
    return str(value)


def to_csv(name: str, rows: list[dict[str, Any]]) -> bytes:
    """Serialise rows (dicts keyed by field name) as the table's CSV bytes."""
    fields = resource(name)["schema"]["fields"]
    names = [f["name"] for f in fields]
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(names)
    for row in rows:
        if sorted(row) != sorted(names):
            extra, missing = set(row) - set(names), set(names) - set(row)
            raise KeyError(f"{name}: row keys differ from schema (extra {extra}, missing {missing})")
        writer.writerow([_cell(row[f["name"]], f, name) for f in fields])
    return out.getvalue().encode("utf-8")


def read_csv(path: Path) -> list[dict[str, str]]:
    """Read a published CSV as text cells (for tests and the report)."""
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))
