"""Reviewed corrections to the extracted statements (seeds/corrections.yaml).

Each correction names the statement it fixes by its stable id, says what
changes and why. ``update`` sets fields; ``delete`` removes a false positive;
``add`` inserts a statement the extractor missed, located by its exact text
(and which occurrence of it) in an article. A correction whose target no longer
exists is an error that names it, so fixes never silently fall off.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from scripts.annotate.temporal import DateInterval, precision_of
from scripts.errors import InputError
from scripts.ids import normalise, stable_id
from scripts.package.tables import resource
from scripts.registers.loader import LINE, check_keys, load_list, shown, text_field
from scripts.registers.sources import Article
from scripts.steps import statements

REGISTER = "corrections.yaml"
UPDATABLE = ("speaker_id", "kind", "said_start", "said_end", "said_evidence", "venue")


def _date(path: Path, entry: dict[str, Any], value: Any) -> date | None:
    if value in (None, ""):
        return None
    try:
        return date.fromisoformat(value if isinstance(value, str) else "not a date")
    except ValueError:
        raise InputError(path, f"{shown(value)} is not a real date (YYYY-MM-DD)", line=entry[LINE]) from None


def _kinds() -> list[str]:
    """The statement kinds the schema allows."""
    field = next(f for f in resource("statements")["schema"]["fields"] if f["name"] == "kind")
    return list(field["constraints"]["enum"])


def _apply_fields(path: Path, entry: dict[str, Any], row: dict[str, Any], actors: set[str]) -> None:
    changes = entry.get("set") or {}
    if not isinstance(changes, dict) or not changes:
        raise InputError(path, "'set' must map field names to new values", line=entry[LINE])
    for key, value in changes.items():
        if key == LINE:
            continue
        if key not in UPDATABLE:
            raise InputError(path, f"field {key!r} cannot be corrected", line=entry[LINE],
                             fix=f"Correctable fields: {', '.join(UPDATABLE)}")
        if key == "speaker_id":
            if not isinstance(value, str) or value not in actors:
                raise InputError(path, f"speaker_id {shown(value)} is not in seeds/actors.yaml",
                                 line=entry[LINE], fix="Add the actor first")
            row.update(speaker_id=value, attribution="corrected", speaker_mention=None,
                       speaker_start=None, speaker_end=None)
        elif key in ("said_start", "said_end"):
            row[key] = _date(path, entry, value)
            row["said_basis"] = "corrected"
        elif value is not None and not isinstance(value, str):
            raise InputError(path, f"{key} must be text, got {shown(value)}", line=entry[LINE],
                             fix="Put the value in quotes")
        elif key == "kind" and value not in _kinds():
            raise InputError(path, f"kind {value!r} is not one of {', '.join(_kinds())}",
                             line=entry[LINE])
        else:
            row[key] = value
    if row["said_start"] and row["said_end"] and row["said_start"] > row["said_end"]:
        raise InputError(path, "said_start is after said_end", line=entry[LINE])
    row["said_precision"] = precision_of(row["said_start"], row["said_end"])


def apply(seeds: Path, rows: list[dict[str, Any]], articles: dict[str, Article], actors: set[str],
          paragraph_of: Callable[[str, int], int]) -> list[dict[str, Any]]:
    """The statements table after every reviewed correction."""
    path = seeds / REGISTER
    entries = load_list(path) if path.exists() else []
    by_id = {r["statement_id"]: r for r in rows}
    for entry in entries:
        check_keys(path, entry, ("action", "why"), ("statement_id", "set", "source_id", "text",
                                                     "occurrence", "reviewed_by"))
        action = text_field(path, entry, "action")
        why = " ".join(text_field(path, entry, "why", allow_empty=False).split())
        if action in ("update", "delete"):
            sid = text_field(path, entry, "statement_id", allow_empty=False)
            if sid not in by_id:
                raise InputError(path, f"correction targets statement {sid!r}, which no longer exists",
                                 line=entry[LINE], fix="Re-check it against data/statements.csv "
                                 "(the extractor may have changed) and update or remove it")
            if action == "delete":
                del by_id[sid]
                continue
            row = by_id[sid]
            _apply_fields(path, entry, row, actors)
            row.update(corrected=True, note=why)
        elif action == "add":
            row = _added(path, entry, articles, actors, why, paragraph_of)
            if row["statement_id"] in by_id:
                raise InputError(path, "added statement already exists", line=entry[LINE],
                                 fix=f"Use action: update on {row['statement_id']}")
            by_id[row["statement_id"]] = row
        else:
            raise InputError(path, f"action {action!r} is not update, delete or add", line=entry[LINE])
    return sorted(by_id.values(), key=lambda r: (r["source_id"], r["start"], r["end"], r["speaker_id"]))


def _added(path: Path, entry: dict[str, Any], articles: dict[str, Article], actors: set[str],
           why: str, paragraph_of: Callable[[str, int], int]) -> dict[str, Any]:
    source = text_field(path, entry, "source_id", allow_empty=False)
    if source not in articles:
        raise InputError(path, f"source_id {source!r} is not in seeds/sources.yaml", line=entry[LINE])
    text = articles[source].text
    words = text_field(path, entry, "text", allow_empty=False)
    if "\n" in words or "\r" in words:
        raise InputError(path, "text spans a line break, but a statement lies within one paragraph",
                         line=entry[LINE], fix="Add one correction per paragraph")
    occurrence = entry.get("occurrence", 1)
    if not isinstance(occurrence, int) or isinstance(occurrence, bool) or occurrence < 1:
        raise InputError(path, f"occurrence {shown(occurrence)} is not a whole number from 1 up",
                         line=entry[LINE], fix="Count the occurrences of the text in the article: 1, 2, …")
    start = -1
    for _ in range(occurrence):
        start = text.find(words, start + 1)
        if start == -1:
            raise InputError(path, f"text not found (occurrence {occurrence}) in {source}",
                             line=entry[LINE], fix="Copy the words exactly from the article")
    changes = entry.get("set") or {}
    if not isinstance(changes, dict):
        changes = {}   # _apply_fields reports it
    end = start + len(words)
    st = statements.Statement(source, paragraph_of(source, start), start, end,
                              changes.get("kind", "direct"), (changes.get("speaker_id", ""),), "corrected",
                              None, (start, end), said=DateInterval(None, articles[source].published.end),
                              note=why)
    row = statements.row(st, text, st.speakers[0], statements.statement_id(source, words),
                         stable_id("cl", normalise(words)), corrected=True)
    _apply_fields(path, entry, row, actors)
    return row
