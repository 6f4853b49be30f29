"""Run the extractor on the blind development set (tests/dev/<batch>/) in a staging folder.

Each batch holds ``articles/*.txt``, ``sources.yaml`` (the seed format plus
``split: tune|check``), ``statements.yaml`` and ``polls.yaml`` (gold). The texts are never
published: a temporary seeds folder is assembled (the seed registers plus the
dev articles, and the dev actors only when ``registered``), the extraction
steps run on it, and only the scores leave this module. The dev speakers
(tests/dev/actors.yaml) are added to the register only when ``registered``.
"""

from __future__ import annotations

import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from scripts.errors import InputError
from scripts.registers.loader import LINE, load_list

DEV = Path("tests/dev")
SPLITS = ("tune", "check", "holdout", "blind", "blind2", "blind3", "blind4", "blind5")
"""tune: rules adjusted on it; check: held out until the first round of rules was done;
holdout: annotated after that round, scored once at the end of the second (its errors were
read afterwards); blind: annotated during the third round by annotators who ran no project
code, scored once after its last rule change (its errors were read in the fourth); blind2 and
blind3: annotated the same way during the fourth and fifth rounds, each scored once after that
round's last rule change (blind2's errors were read in the fifth, blind3's in the sixth); blind4
and blind5: annotated the same way during the sixth and seventh rounds, each scored once after
that round's last rule change (blind4's errors were read in the seventh)."""


def _dump(value: Any) -> str:
    """YAML for the staged registers (libyaml when available; read back by the register loader)."""
    return yaml.dump(value, Dumper=getattr(yaml, "CSafeDumper", yaml.SafeDumper), allow_unicode=True,
                     sort_keys=False)


@dataclass(frozen=True)
class DevArticle:
    """One dev article: its batch, register entry and split."""

    batch: Path
    entry: dict[str, Any]
    split: str

    @property
    def name(self) -> str:
        return Path(self.entry["file"]).name


def articles(root: Path) -> list[DevArticle]:
    """Every dev article, batch by batch, in register order."""
    out = []
    for batch in sorted(p for p in (root / DEV).glob("*") if (p / "sources.yaml").is_file()):
        for entry in load_list(batch / "sources.yaml"):
            split = entry.get("split")
            if split not in SPLITS:
                raise InputError(batch / "sources.yaml", f"split must be one of {', '.join(SPLITS)}, "
                                 f"got {split!r}", line=entry.get(LINE),
                                 fix=f"Say {', '.join(SPLITS[:-1])} or {SPLITS[-1]}")
            out.append(DevArticle(batch, entry, split))
    return out


def actor_files(root: Path, chosen: list[DevArticle]) -> list[Path]:
    """The dev actor registers: tests/dev/actors.yaml and any per-batch actors.yaml."""
    paths = [root / DEV / "actors.yaml", *(b / "actors.yaml" for b in sorted({d.batch for d in chosen}))]
    return [p for p in paths if p.is_file()]


def _plain(entry: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in entry.items() if k != LINE}


def _referenced(root: Path, chosen: list[DevArticle], staged: list[dict[str, Any]],
                aliases: set[str]) -> list[dict[str, Any]]:
    """Actors of other batches' registers that the chosen batches name (a gold speaker, or the
    ``speaks_for`` of a staged actor): registering an article's speakers means all of them, as a
    user's cumulative seeds/actors.yaml would, whichever batch first described them."""
    pool: dict[str, dict[str, Any]] = {}
    for path in sorted((root / DEV).glob("*/actors.yaml")):
        for entry in load_list(path):
            pool.setdefault(entry["id"], _plain(entry))
    wanted = {str(g.get("speaker")) for b in sorted({d.batch for d in chosen})
              if (b / "statements.yaml").is_file() for g in load_list(b / "statements.yaml")}
    have = {a["id"] for a in staged}
    out: list[dict[str, Any]] = []
    while True:
        wanted |= {str(a.get("speaks_for") or "") for a in [*staged, *out]}
        new = sorted(wanted & pool.keys() - have)
        if not new:
            return out
        for actor_id in new:
            entry = pool[actor_id]
            kept = [x for x in entry.get("aliases") or [] if str(x).casefold() not in aliases]
            aliases |= {str(x).casefold() for x in kept}
            out.append({**entry, "aliases": kept})
            have.add(actor_id)


def stage(root: Path, out: Path, chosen: list[DevArticle], registered: bool) -> Path:
    """A seeds folder under ``out`` with the seed registers and the chosen dev articles."""
    seeds = out / "seeds"
    if seeds.exists():
        shutil.rmtree(seeds)
    (seeds / "articles").mkdir(parents=True)
    shutil.copy(root / "seeds" / "events.yaml", seeds / "events.yaml")
    sources = []
    for n, d in enumerate(chosen):
        rel = f"articles/{d.batch.name}_{n:02d}_{d.name}"
        shutil.copy(d.batch / d.entry["file"], seeds / rel)
        sources.append({**{k: v for k, v in _plain(d.entry).items() if k != "split"}, "file": rel})
    (seeds / "sources.yaml").write_text(_dump(sources),
                                        encoding="utf-8")
    actors = [_plain(e) for e in load_list(root / "seeds" / "actors.yaml")]
    if registered:
        seed_ids = {a["id"] for a in actors}
        added: dict[str, dict[str, Any]] = {}
        aliases = {str(x).casefold() for a in actors for x in a.get("aliases") or []}
        for path in actor_files(root, chosen):
            for entry in load_list(path):
                entry = _plain(entry)
                if entry.get("id") in seed_ids:
                    continue
                new = [x for x in entry.get("aliases") or [] if str(x).casefold() not in aliases]
                aliases |= {str(x).casefold() for x in new}
                if entry["id"] in added:   # the same speaker in two batches: one entry, every alias
                    added[entry["id"]]["aliases"] = [*(added[entry["id"]].get("aliases") or []), *new]
                else:
                    added[entry["id"]] = {**entry, "aliases": new}
        actors += added.values()
        actors += _referenced(root, chosen, actors, aliases)
    (seeds / "actors.yaml").write_text(_dump(actors),
                                       encoding="utf-8")
    return seeds


def run(root: Path, chosen: list[DevArticle], registered: bool) -> tuple[Any, dict[str, DevArticle]]:
    """The extraction of the chosen dev articles (``scripts.build.Extraction``) and id -> article."""
    from scripts.build import extract  # the build imports evaluate, which imports this module

    with tempfile.TemporaryDirectory(prefix="devset-") as tmp:
        seeds = stage(root, Path(tmp), chosen, registered)
        x = extract(seeds)
    by_id = {d.entry["id"]: d for d in chosen}
    return x, by_id
