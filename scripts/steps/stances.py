"""Step 5: analyst stance codings -> ``stances`` and ``agreement`` tables.

Two independent coding passes live in seeds/ (``stances.yaml`` first pass,
``stances_blind.yaml`` a blind second pass by a coder who had not seen the
first); disagreements are settled in ``stance_resolutions.yaml`` with a note.
A coding of a statement that no longer exists is a build error that lists it;
an in-scope statement (its speaker has ``stance_scope: true`` in
seeds/actors.yaml) that nobody coded is reported as pending, never dropped.
Target "none" records that a coder read the statement and found no target.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from scripts.errors import InputError
from scripts.paths import SCHEMAS
from scripts.registers.loader import LINE, check_keys, load_list, text_field

FIRST, BLIND, RESOLUTIONS = "stances.yaml", "stances_blind.yaml", "stance_resolutions.yaml"
# The targets are defined once, in scripts/package/targets.yaml (labels and meanings too).
TARGETS = tuple(t["id"] for t in yaml.safe_load((SCHEMAS.parent / "targets.yaml").read_text("utf-8")))
VOICES = ("own", "official", "unclear")
SCALE = range(-2, 3)


@dataclass(frozen=True)
class Coding:
    """One coder's judgement of one statement on one target (score None for target 'none')."""

    statement_id: str
    target: str
    score: int | None
    voice: str
    rationale: str
    coder: str
    line: int


def load(path: Path, statements: dict[str, dict[str, Any]], *, resolution: bool = False) -> list[Coding]:
    """Read and check one codings file against the statements that exist."""
    if not path.exists():
        return []
    entries = load_list(path)
    out: list[Coding] = []
    orphans: list[str] = []
    seen: dict[tuple[str, str], int] = {}
    own = ("note",) if resolution else ("rationale", "coder")
    keys = ("statement_id", "target", "score", "voice", *own)
    for e in entries:
        check_keys(path, e, keys, ("why", "coder", "rationale") if resolution else ("why",))
        sid, target = text_field(path, e, "statement_id"), text_field(path, e, "target")
        if sid not in statements:
            orphans.append(f"line {e[LINE]}: {sid}")
            continue
        if target not in (*TARGETS, "none"):
            raise InputError(path, f"target {target!r} is not one of {', '.join(TARGETS)} or none",
                             line=e[LINE], fix="See seeds/CODEBOOK.md for the targets")
        score = e.get("score")
        if target == "none" and score is not None:
            raise InputError(path, "target none takes no score (score: null)", line=e[LINE])
        on_scale = isinstance(score, int) and not isinstance(score, bool) and score in SCALE
        if target != "none" and not on_scale and not (resolution and score is None):
            raise InputError(path, f"score {score!r} is outside the scale -2..+2", line=e[LINE],
                             fix="Use an integer from -2 to 2 (seeds/CODEBOOK.md)")
        voice = text_field(path, e, "voice")
        if voice not in VOICES:
            raise InputError(path, f"voice {voice!r} is not one of {', '.join(VOICES)}", line=e[LINE])
        if (sid, target) in seen:
            raise InputError(path, f"{sid} is coded twice on {target} (first on line {seen[(sid, target)]})",
                             line=e[LINE], fix="Keep one coding per statement and target")
        seen[(sid, target)] = e[LINE]
        text = text_field(path, e, "note" if resolution else "rationale", allow_empty=False)
        out.append(Coding(sid, target, score, voice, " ".join(text.split()),
                          text_field(path, e, "coder") or ("resolution" if resolution else ""), e[LINE]))
    if orphans:
        raise InputError(path, f"{len(orphans)} coding(s) refer to statements that no longer exist: "
                         + "; ".join(orphans),
                         fix="Re-code them against the new statement ids in data/statements.csv")
    return out


def in_scope(statements: Iterable[dict[str, Any]], scope: set[str]) -> list[str]:
    """Ids of statements that must be coded: by an actor whose register entry says stance_scope."""
    return [s["statement_id"] for s in statements if s["speaker_id"] in scope]


def build(seeds: Path, statements: list[dict[str, Any]],
          scope: set[str]) -> tuple[list[dict[str, Any]], list[dict[str, Any]], list[str]]:
    """The stances rows, the agreement rows and the pending (uncoded in-scope) statement ids."""
    by_id = {s["statement_id"]: s for s in statements}
    first = load(seeds / FIRST, by_id)
    blind = load(seeds / BLIND, by_id)
    resolved = {(c.statement_id, c.target): c for c in load(seeds / RESOLUTIONS, by_id, resolution=True)}
    a = {(c.statement_id, c.target): c for c in first}
    b = {(c.statement_id, c.target): c for c in blind}
    units = sorted(set(a) | set(b))
    rows = []
    for unit in units:
        if unit[1] == "none":
            continue
        ca, cb = a.get(unit), b.get(unit)
        agreed = ca is not None and cb is not None and (ca.score, ca.voice) == (cb.score, cb.voice)
        final = resolved.get(unit) or (ca if agreed else None)
        if final is None:
            raise InputError(seeds / RESOLUTIONS, f"coders disagree on {unit[0]} / {unit[1]} "
                             f"(first: {_show(ca)}; blind: {_show(cb)}) and no resolution is recorded",
                             fix="Add an entry with statement_id, target, score (null if the statement is "
                             "not about the target), voice and note")
        if final.score is None:
            continue
        first_pass = ca or cb
        rows.append({
            "statement_id": unit[0], "target": unit[1], "score": final.score, "voice": final.voice,
            "rationale": (ca or final).rationale, "coder": first_pass.coder if first_pass else "",
            "first_score": ca.score if ca else None, "second_score": cb.score if cb else None,
            "second_voice": cb.voice if cb else None, "agreed": agreed,
            "resolution": resolved[unit].rationale if unit in resolved else None,
        })
    coded = {c.statement_id for c in first} | {c.statement_id for c in blind}
    pending = [s for s in in_scope(statements, scope) if s not in coded]
    codebook = seeds / "CODEBOOK.md"
    text = codebook.read_text(encoding="utf-8") if codebook.exists() else ""
    anchors = set(re.findall(r"st-[0-9a-f]{12}", text))
    return rows, agreement(a, b, resolved, anchors), sorted(set(pending))


def _show(c: Coding | None) -> str:
    return "not coded" if c is None else f"{c.score} {c.voice}"


def agreement(a: dict[tuple[str, str], Coding], b: dict[tuple[str, str], Coding],
              resolved: dict[tuple[str, str], Coding], anchors: set[str]) -> list[dict[str, Any]]:
    """Krippendorff's alpha (interval metric) per target and overall, on units both coders scored.

    A unit is (statement, target). A target one coder found and the other did
    not counts as a disagreement (listed in ``disagreements``) but cannot enter
    alpha, which needs two values. Statements quoted as anchor examples in the
    codebook showed the blind coder the first coder's score, so alpha is also
    given without them.
    """
    out = []
    for target in (*TARGETS, "all"):
        keys = sorted(k for k in set(a) | set(b) if k[1] != "none" and target in ("all", k[1]))
        pairs = [(a[k].score, b[k].score) for k in keys if k in a and k in b
                 and a[k].score is not None and b[k].score is not None]
        unseen = [(a[k].score, b[k].score) for k in keys if k in a and k in b and k[0] not in anchors
                  and a[k].score is not None and b[k].score is not None]
        disagree = [k for k in keys if not _same(a.get(k), b.get(k))]
        out.append({"target": target, "units": len(keys), "paired": len(pairs),
                    "alpha": krippendorff_interval(pairs), "paired_not_anchor": len(unseen),
                    "alpha_not_anchor": krippendorff_interval(unseen), "disagreements": len(disagree),
                    "resolved": sum(k in resolved for k in disagree)})
    return out


def _same(x: Coding | None, y: Coding | None) -> bool:
    return x is not None and y is not None and (x.score, x.voice) == (y.score, y.voice)


def krippendorff_interval(pairs: list[tuple[int, int]]) -> float | None:
    """Krippendorff's alpha for two coders, interval metric, no missing values.

    alpha = 1 - D_o / D_e, with D_o the mean squared difference within units
    and D_e the mean squared difference between all pairable values.
    """
    values = [v for p in pairs for v in p]
    n = len(values)
    if len(pairs) < 2 or n < 2:
        return None
    d_o = sum(2 * (x - y) ** 2 for x, y in pairs) / n
    d_e = sum((x - y) ** 2 for i, x in enumerate(values) for y in values[i + 1:]) * 2 / (n * (n - 1))
    if d_e == 0:
        return 1.0 if d_o == 0 else None
    return round(1 - d_o / d_e, 4)
