"""Write datapackage.json: package metadata plus one resource per table file."""

from __future__ import annotations

import copy
import hashlib
import json
from pathlib import Path
from typing import Any

import polars as pl

from scripts.package.tables import package_meta, resource
from scripts.registers.sources import Article

TABLESCHEMA = "https://datapackage.org/profiles/2.0/tableschema.json"
DATARESOURCE = "https://datapackage.org/profiles/2.0/dataresource.json"


def _article_sources(articles: list[Article], ids: set[str] | None = None) -> list[dict[str, str]]:
    chosen = [a for a in sorted(articles, key=lambda a: a.id) if ids is None or a.id in ids]
    return [{"title": f"{a.headline} ({a.outlet or 'outlet not named'}, "
             f"{a.published.start}{'' if a.published.precision == 'day' else ' to ' + str(a.published.end)})",
             "path": f"seeds/{a.file}", **({"url": a.url} if a.url else {})} for a in chosen]


def build(stage: Path, articles: list[Article]) -> dict[str, Any]:
    """The descriptor for the tables already written under ``stage/data``."""
    meta = copy.deepcopy(package_meta())
    names = meta.pop("resources")
    package: dict[str, Any] = {**meta, "sources": _article_sources(articles), "resources": []}
    for name in names:
        res = copy.deepcopy(resource(name))
        res.pop("order", None)
        path = stage / "data" / f"{name}.csv"
        raw = path.read_bytes()
        schema = {"$schema": TABLESCHEMA, **res.pop("schema")}
        entry: dict[str, Any] = {
            "$schema": DATARESOURCE, "name": name, "type": "table", "path": f"data/{name}.csv",
            "format": "csv", "mediatype": "text/csv", "encoding": "utf-8",
            "dialect": {"delimiter": ",", "quoteChar": "\"", "doubleQuote": True, "header": True},
            "bytes": len(raw), "hash": "sha256:" + hashlib.sha256(raw).hexdigest(), **res,
        }
        fields = {f["name"] for f in schema["fields"]}
        if "source_id" in fields and "sources" not in entry:
            ids = set(pl.read_csv(path, columns=["source_id"], schema_overrides={"source_id": pl.String})
                      ["source_id"].drop_nulls())
            entry["sources"] = _article_sources(articles, ids)
        entry["schema"] = schema
        package["resources"].append(entry)
    return package


def dumps(package: dict[str, Any]) -> bytes:
    """Stable JSON text for the descriptor."""
    return (json.dumps(package, indent=2, ensure_ascii=False) + "\n").encode("utf-8")
