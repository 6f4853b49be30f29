"""Write datapackage.json: package metadata plus one resource per table file."""

from __future__ import annotations

import copy
import hashlib
import json
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

import polars as pl

from scripts.package.tables import package_meta, read_frame, resource

if TYPE_CHECKING:   # (the register's module compiles the date rules: not imported by the package step)
    from scripts.registers.sources import Article

TABLESCHEMA = "https://datapackage.org/profiles/2.0/tableschema.json"
DATARESOURCE = "https://datapackage.org/profiles/2.0/dataresource.json"


Cited = tuple[str, str, dict[str, str]]
"""An article as the descriptor cites it: (source id, title, entry)."""


def _cited(articles: list[Article] | None, sources_csv: Path) -> list[Cited]:
    """Every article, sorted by id, from the register or else from the sources table."""
    if articles is not None:
        rows = [(a.id, a.headline, a.outlet, str(a.published.start), str(a.published.end),
                 a.published.precision, f"seeds/{a.file}", a.url) for a in articles]
    else:
        rows = read_frame("sources", sources_csv).select(
            "source_id", "headline", "outlet", pl.col("published_start").cast(pl.String),
            pl.col("published_end").cast(pl.String), "published_precision", "file", "url",
        ).fill_null("").rows()
    return [(i, title, {"title": f"{title} ({outlet or 'outlet not named'}, "
                                 f"{start}{'' if precision == 'day' else ' to ' + end})",
                        "path": path, **({"url": url} if url else {})})
            for i, title, outlet, start, end, precision, path, url in sorted(rows)]


def _article_sources(cited: list[Cited], ids: set[str] | None = None) -> list[dict[str, str]]:
    return [entry for i, _, entry in cited if ids is None or i in ids]


def build(stage: Path, articles: list[Article] | None = None,
          known: Mapping[str, tuple[bytes, str]] | None = None) -> dict[str, Any]:
    """The descriptor for the tables already written under ``stage/data``; the articles are
    cited from ``articles`` or, by default, from the staged sources table. ``known``: some
    tables' bytes as written there and their ``"sha256:..."`` (speed only: not read and
    hashed again)."""
    meta = copy.deepcopy(package_meta())
    names = meta.pop("resources")
    cited = _cited(articles, stage / "data" / "sources.csv")
    package: dict[str, Any] = {**meta, "sources": _article_sources(cited), "resources": []}
    for name in names:
        res = copy.deepcopy(resource(name))
        res.pop("order", None)
        path = stage / "data" / f"{name}.csv"
        if known is not None and name in known:
            raw, digest = known[name]
        else:
            raw = path.read_bytes()
            digest = "sha256:" + hashlib.sha256(raw).hexdigest()
        schema = {"$schema": TABLESCHEMA, **res.pop("schema")}
        entry: dict[str, Any] = {
            "$schema": DATARESOURCE, "name": name, "type": "table", "path": f"data/{name}.csv",
            "format": "csv", "mediatype": "text/csv", "encoding": "utf-8",
            "dialect": {"delimiter": ",", "quoteChar": "\"", "doubleQuote": True, "header": True},
            "bytes": len(raw), "hash": digest, **res,
        }
        fields = {f["name"] for f in schema["fields"]}
        if "source_id" in fields and "sources" not in entry:
            ids = set(pl.read_csv(raw, columns=["source_id"], schema_overrides={"source_id": pl.String})
                      ["source_id"].drop_nulls())
            entry["sources"] = _article_sources(cited, ids)
        entry["schema"] = schema
        package["resources"].append(entry)
    return package


def dumps(package: dict[str, Any]) -> bytes:
    """Stable JSON text for the descriptor."""
    return (json.dumps(package, indent=2, ensure_ascii=False) + "\n").encode("utf-8")
