"""Deterministic synthetic corpora derived from the seed articles, for the benchmark.

The first five articles are the seeds themselves, with their register entries (the report
quotes them by id). Article ``i`` after them is seed ``i mod 5`` with every person's surname
(other than Corbyn's) changed to a variant name, and every figure that is not a year or a
day of the month changed by a small amount; the source register gets a matching entry (new
id, file, sha256; the seed's publication interval and evidence), and the actor register one
variant of each renamed person (the aliases that carry the surname; roles stay with the seed
actor, so that no role phrase means two people). Dates in the text are kept, so that the
event register and the roles' dates still apply. Corrections and stance codings are left
out (they name statement ids of the seeds' package), so in-scope statements are listed as
pending. Nothing here is committed: corpora go to .build/bench/.
"""

from __future__ import annotations

import argparse
import hashlib
import re
import shutil
from pathlib import Path
from typing import Any

import yaml

from scripts.paths import ROOT

SUFFIXES = ("son", "ley", "ford", "well", "ton", "by", "ham", "field", "wood", "worth")
"""Appended to a surname (two of them for variants past the tenth) to make a variant name."""
VARIANTS = len(SUFFIXES) ** 2
"""How many name variants there are; article ``i`` uses variant ``(i // 5) mod VARIANTS``."""
KEEP = {"corbyn", "unattributed"}
"""Actors never renamed: the subject, and the register's entry for unattributed words."""
_NUMBER = re.compile(r"(?<![\d.,])\d+(?![\d])")


def _variant_suffix(v: int) -> str:
    return SUFFIXES[v % len(SUFFIXES)] + ("" if v < len(SUFFIXES) else SUFFIXES[v // len(SUFFIXES)])


def _surname(actor: dict[str, Any]) -> str | None:
    if actor.get("kind") != "person" or actor["id"] in KEEP:
        return None
    words = str(actor.get("name", "")).split()
    return words[-1] if len(words) > 1 and words[-1][:1].isupper() else None


def _renames(actors: list[dict[str, Any]], v: int) -> dict[str, str]:
    """Surname -> variant surname, for every renamed person."""
    return {s: s + _variant_suffix(v) for a in actors if (s := _surname(a))}


def _rename(text: str, renames: dict[str, str]) -> str:
    if not renames:
        return text
    rx = re.compile(r"\b(" + "|".join(map(re.escape, sorted(renames, key=len, reverse=True))) + r")\b")
    return rx.sub(lambda m: renames[m.group(1)], text)


def _figures(text: str, i: int) -> str:
    """Figures above 31 that are not years, shifted by 1..3 (years and days stay)."""
    def shift(m: re.Match[str]) -> str:
        n = int(m.group(0))
        if n <= 31 or (len(m.group(0)) == 4 and 1800 <= n <= 2100):
            return m.group(0)
        return str(n + 1 + (i + n) % 3)
    return _NUMBER.sub(shift, text)


def generate(n: int, out: Path, seeds: Path = ROOT / "seeds") -> Path:
    """Write a corpus of ``n`` articles under ``out/seeds``; returns ``out``."""
    sources = yaml.safe_load((seeds / "sources.yaml").read_text(encoding="utf-8"))
    actors = yaml.safe_load((seeds / "actors.yaml").read_text(encoding="utf-8"))
    if (out / "seeds").exists():
        shutil.rmtree(out / "seeds")
    (out / "seeds" / "articles").mkdir(parents=True)
    for name in ("events.yaml", "CODEBOOK.md"):
        if (seeds / name).exists():
            shutil.copyfile(seeds / name, out / "seeds" / name)
    texts = {e["id"]: (seeds / e["file"]).read_text(encoding="utf-8") for e in sources}
    register, used = [], set()
    for i in range(n):
        base = sources[i % len(sources)]
        if i < len(sources):
            shutil.copyfile(seeds / base["file"], out / "seeds" / base["file"])
            register.append(base)
            continue
        v = (i // len(sources) - 1) % VARIANTS
        renames = _renames(actors, v)
        used.add(v)
        text = _figures(_rename(texts[base["id"]], renames), i)
        raw = text.encode("utf-8")
        digest = hashlib.sha256(raw).hexdigest()
        rel = f"articles/{i:05d}_{digest[:16]}.txt"
        (out / "seeds" / rel).write_bytes(raw)
        entry = {**base, "id": f"{base['id']}-syn{i:05d}", "file": rel, "sha256": digest,
                 "headline": _rename(base["headline"] or "", renames),
                 "published_evidence": _figures(_rename(base["published_evidence"], renames), i)}
        register.append(entry)
    variants = []
    for v in sorted(used):
        suffix = _variant_suffix(v)
        for a in actors:
            s = _surname(a)
            if not s:
                continue
            aliases = [x.replace(s, s + suffix) for x in a.get("aliases") or [] if s in x.split()]
            variants.append({**a, "id": f"{a['id']}-{suffix}", "name": a["name"].replace(s, s + suffix),
                             "aliases": aliases, "roles": [], "speaks_for": a.get("speaks_for") or "",
                             "why": f"Synthetic variant of {a['id']} (benchmark corpus)."})
    renamed = {a["id"] for a in actors if _surname(a)}
    kept = [a for a in actors if a["id"] not in renamed]
    dump(out / "seeds" / "sources.yaml", register)
    dump(out / "seeds" / "actors.yaml", kept + variants)
    return out


def dump(path: Path, data: Any) -> None:
    """Write a register as YAML."""
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100), encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    """CLI: generate one corpus."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("n", type=int, help="number of articles")
    parser.add_argument("out", type=Path, help="folder to write seeds/ into")
    args = parser.parse_args(argv)
    generate(args.n, args.out)
    print(f"wrote {args.n} articles under {args.out / 'seeds'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
