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
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from scripts import lexicon
from scripts.errors import InputError
from scripts.registers.loader import LINE, load_list

if TYPE_CHECKING:   # (imported where used: the evaluate step reads this module without extracting)
    from scripts.annotate.annotate import Registers

DEV = Path("tests/dev")
SPLITS = ("tune", "check", "holdout", "blind", "blind2", "blind3")
"""tune: rules adjusted on it; check: held out until the first round of rules was done;
holdout: annotated after that round, scored once at the end of the second (its errors were
read afterwards); blind: annotated during the third round by annotators who ran no project
code, scored once after its last rule change (its errors were read in the fourth); blind2 and
blind3: annotated the same way during the fourth and fifth rounds, each scored once after that
round's last rule change (blind2's errors were read in the fifth)."""


_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)   # libyaml when available: same values


@cache
def _parse(text: str) -> Any:
    """A YAML text's value, parsed once per run (every split re-reads the same dev files)."""
    return yaml.load(text, Loader=_LOADER)


def load_yaml(path: Path) -> Any:
    """A dev gold or actor file's value (parsed once per run for the same text)."""
    return _parse(path.read_text(encoding="utf-8"))


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


def generic_ids(root: Path | None = None, chosen: list[DevArticle] | None = None) -> frozenset[str]:
    """Speakers that are not named people or organisations: the lexicon's generic actors,
    dev actors of kind ``unknown``, and ``unattributed`` (``chosen``: the dev articles, if loaded)."""
    ids = {e["id"] for e in lexicon.entries("generic_speakers", ("id", "kind"))} | {"unattributed"}
    if root:
        for path in actor_files(root, articles(root) if chosen is None else chosen):
            for a in load_yaml(path) or []:
                if a.get("kind") == "unknown":
                    ids.add(a["id"])
    return frozenset(ids)


def _plain(entry: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in entry.items() if k != LINE}


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
    files = [root / "seeds" / "actors.yaml", *(actor_files(root, chosen) if registered else [])]
    for path in files:
        if not path.is_file():
            load_list(path)   # the register's loader says which file is missing and what to do
    text = _staged_actors(tuple((path, path.read_bytes()) for path in files))
    (seeds / "actors.yaml").write_text(text, encoding="utf-8")
    return seeds


@cache
def _staged_actors(files: tuple[tuple[Path, bytes], ...]) -> str:
    """The staged actor register: the seed register (``files[0]``) plus the speakers of the dev
    actor files that follow it. Made once per run for the same files and contents (the bytes
    are in the key: the splits stage the same registers again and again)."""
    actors = [_plain(e) for e in load_list(files[0][0])]
    seed_ids = {a["id"] for a in actors}
    added: dict[str, dict[str, Any]] = {}
    aliases = {str(x).casefold() for a in actors for x in a.get("aliases") or []}
    for path, _ in files[1:]:
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
    return _dump([*actors, *added.values()])


_REGISTERS: dict[tuple[bytes, bytes], Registers] = {}


def _registers(seeds: Path) -> Registers:
    """The staged folder's registers (``Registers.load``), loaded once per run for the same actor
    and event registers: they are a function of those two files' bytes, as their digest says."""
    from scripts.annotate.annotate import Registers

    key = ((seeds / "actors.yaml").read_bytes(), (seeds / "events.yaml").read_bytes())
    if key not in _REGISTERS:
        if len(_REGISTERS) > 16:
            _REGISTERS.clear()
        _REGISTERS[key] = Registers.load(seeds)
    return _REGISTERS[key]


def run(root: Path, chosen: list[DevArticle], registered: bool) -> tuple[Any, dict[str, DevArticle]]:
    """The extraction of the chosen dev articles (``scripts.build.Extraction``) and id -> article."""
    from scripts.build import extract  # the build imports evaluate, which imports this module

    with tempfile.TemporaryDirectory(prefix="devset-") as tmp:
        seeds = stage(root, Path(tmp), chosen, registered)
        x = extract(seeds, registers=_registers(seeds))
    by_id = {d.entry["id"]: d for d in chosen}
    return x, by_id
