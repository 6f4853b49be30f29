"""Step: the context of each statement -> ``statement_context`` table.

Facts about a statement that the report needs and that other tables only imply: whose side
the speaker is on, whether the words are quoted or the reporter's paraphrase, the role Corbyn
held when the words were said, how long before the report they were said, and the *occasion*
(one speech, interview or debate) that they come from, so that an occasion retold by several
statements counts once. Rules, in order (``occasion_basis``):

- ``event``: the statement is linked to a registered event (``statements.event_id``).
- ``event-inferred``: same article and same speaker as statements linked to an event, and
  that event is the only one of them whose days lie inside this statement's said interval
  (the 2019 article's "in 2014 he claimed ..." and its "protest in Newport, in 2014").
- ``cue``: otherwise a dated statement: one occasion per article, speaker, said interval
  and date cue (the words "last week" in one article name one occasion).
- ``undated``: one occasion per article and speaker for everything the text leaves undated
  (conservative: never counted as more occasions than the article shows).

The occasion's date is the event's (with the outside source that dates it, if any) or the
statement's own said interval: one date for one occasion, with its basis.
"""

from __future__ import annotations

import hashlib
from datetime import date
from typing import Any

from scripts.registers.actors import Actor

CORBYN = "corbyn"
QUOTED = {"direct": "quotation", "fragment": "quotation", "indirect": "paraphrase"}


def speaker_group(speaker_id: str, register: dict[str, Actor]) -> str:
    """corbyn, office (an actor that speaks for him) or other."""
    if speaker_id == CORBYN:
        return "corbyn"
    actor = register.get(speaker_id)
    return "office" if actor is not None and actor.speaks_for == CORBYN else "other"


def role_during(register: dict[str, Actor], start: date | None, end: date | None) -> str:
    """Corbyn's most specific role (latest start) held over the whole interval; '' if none or undated."""
    if start is None or end is None or CORBYN not in register:
        return ""
    held = [r for r in register[CORBYN].roles
            if r.start <= start and (r.end is None or end < r.end)]
    return max(held, key=lambda r: r.start).title if held else ""


def _occasion_id(*parts: object) -> str:
    text = "\x1f".join("" if p is None else str(p) for p in parts)
    return "oc-" + hashlib.sha256(text.encode("utf-8")).hexdigest()[:10]


def rows(statements: list[dict[str, Any]], register: dict[str, Actor],
         published: dict[str, date], events: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """One context row per statement, in statement order."""
    by_event = {e["event_id"]: e for e in events}
    # Each (source, speaker) pair's linked events, in order (null source or speaker: none).
    linked = sorted({(s["source_id"], s["speaker_id"], s["event_id"]) for s in statements
                     if s["event_id"] is not None and s["source_id"] is not None
                     and s["speaker_id"] is not None})
    linked_to: dict[tuple[str, str], list[str]] = {}   # grouped once, not filtered per statement
    for source_id, speaker_id, linked_event in linked:
        linked_to.setdefault((source_id, speaker_id), []).append(linked_event)
    out = []
    # (speed only: many statements share a speaker, an occasion or a said interval)
    occasion_ids: dict[tuple[Any, ...], str] = {}
    groups: dict[str, str] = {}
    roles: dict[tuple[date | None, date | None], str] = {}

    def occasion_id(*parts: Any) -> str:
        if (found := occasion_ids.get(parts)) is None:
            found = occasion_ids[parts] = _occasion_id(*parts)
        return found

    for s in statements:
        event_id, basis = s["event_id"], "event" if s["event_id"] else ""
        if not event_id and s["said_start"] is not None:
            inside = [e for e in linked_to.get((s["source_id"], s["speaker_id"]), [])
                      if s["said_start"] <= by_event[e]["start"] and by_event[e]["end"] <= s["said_end"]]
            if len(inside) == 1:
                event_id, basis = inside[0], "event-inferred"
        if event_id:
            e = by_event[event_id]
            occasion = {"occasion_id": event_id, "occasion_event_id": event_id, "occasion_start": e["start"],
                        "occasion_end": e["end"], "occasion_precision": e["precision"],
                        "occasion_date_basis": "outside source" if e["date_source_title"] else "article",
                        "occasion_date_source": e["date_source_title"] or e["date_evidence"]}
        elif s["said_start"] is not None:
            basis = "cue"
            occasion = {"occasion_id": occasion_id(s["source_id"], s["speaker_id"], s["said_start"],
                                                   s["said_end"], s["said_evidence"]),
                        "occasion_event_id": None, "occasion_start": s["said_start"],
                        "occasion_end": s["said_end"], "occasion_precision": s["said_precision"],
                        "occasion_date_basis": "article", "occasion_date_source": s["said_evidence"]}
        else:
            basis = "undated"
            occasion = {"occasion_id": occasion_id(s["source_id"], s["speaker_id"], "undated"),
                        "occasion_event_id": None, "occasion_start": None, "occasion_end": None,
                        "occasion_precision": "unknown", "occasion_date_basis": "",
                        "occasion_date_source": ""}
        if (group := groups.get(s["speaker_id"])) is None:
            group = groups[s["speaker_id"]] = speaker_group(s["speaker_id"], register)
        end = occasion["occasion_end"]
        lag = None if end is None else max(0, (published[s["source_id"]] - end).days)
        role = ""
        if group != "other":
            when = (occasion["occasion_start"], end)
            if (role := roles.get(when)) is None:   # type: ignore[assignment]
                role = roles[when] = role_during(register, *when)
        out.append({
            "statement_id": s["statement_id"], "speaker_group": group, "wording": QUOTED[s["kind"]],
            "corbyn_role": role,
            "lag_days": lag, "occasion_basis": basis, **occasion,
        })
    return out
