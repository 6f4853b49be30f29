"""Build every table, validate the package in a staging folder, then publish.

Nothing reaches data/ or datapackage.json unless the whole package validated:
a failed build leaves the previous outputs untouched and says why.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
from pathlib import Path
from typing import Any

from scripts import actors, corrections, descriptor, paragraphs, sources, stances, statements
from scripts.errors import InputError
from scripts.paths import DATA, DESCRIPTOR, ROOT, SEEDS
from scripts.tables import package_meta, to_csv
from scripts.validate import errors


class BuildError(Exception):
    """The package was built but did not validate."""


def tables(seeds: Path) -> tuple[list[sources.Article], dict[str, list[dict[str, Any]]]]:
    """Run every pipeline step on the seeds; returns the articles and each table's rows."""
    articles = sources.load_articles(seeds)
    register = actors.load_actors(seeds)
    lexicon = actors.Lexicon(register)
    by_id = {a.id: a for a in articles}
    paras = {a.id: paragraphs.classify(a) for a in articles}
    found = [st for a in articles for st in statements.extract(a, paras[a.id], lexicon)]

    def paragraph_of(source: str, offset: int) -> int:
        return next(p.index for p in reversed(paras[source]) if p.start <= offset)

    stmt_rows = corrections.apply(seeds, statements.rows(found, by_id), by_id, set(register),
                                  paragraph_of)
    speaks_for = {a.id: a.speaks_for for a in register.values()}
    stance_rows, agreement_rows, pending = stances.build(seeds, stmt_rows, speaks_for)
    speaker = {r["statement_id"]: r["speaker_id"] for r in stmt_rows}
    if pending:
        print(f"warning: {len(pending)} in-scope statement(s) have no stance coding yet "
              "(listed in data/coding_pending.csv)", file=sys.stderr)
    return articles, {
        "sources": sources.rows(articles),
        "stances": stance_rows,
        "agreement": agreement_rows,
        "coding_pending": [{"statement_id": p, "speaker_id": speaker[p]} for p in pending],
        "actors": actors.rows(register),
        "paragraphs": paragraphs.rows([p for a in sorted(articles, key=lambda a: a.id)
                                       for p in paras[a.id]]),
        "statements": stmt_rows,
    }


def stage(root: Path, out: Path) -> None:
    """Write and validate the whole package under ``out``."""
    articles, rows = tables(root / SEEDS)
    if out.exists():
        shutil.rmtree(out)
    (out / DATA).mkdir(parents=True)
    for name in package_meta()["resources"]:
        (out / DATA / f"{name}.csv").write_bytes(to_csv(name, rows[name]))
    (out / DESCRIPTOR).write_bytes(descriptor.dumps(descriptor.build(out, articles)))
    problems = errors(out / DESCRIPTOR)
    if problems:
        raise BuildError("the package did not validate:\n  " + "\n  ".join(problems[:50]))


def publish(out: Path, root: Path) -> None:
    """Swap the staged data/ and descriptor into place (two renames)."""
    old = out.parent / "previous"
    if old.exists():
        shutil.rmtree(old)
    if (root / DATA).exists():
        os.rename(root / DATA, old)
    os.rename(out / DATA, root / DATA)
    os.replace(out / DESCRIPTOR, root / DESCRIPTOR)
    shutil.rmtree(out, ignore_errors=True)
    shutil.rmtree(old, ignore_errors=True)


def main(argv: list[str] | None = None) -> int:
    """CLI: build into .build/stage, validate, publish (or only stage with --stage-only)."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--root", type=Path, default=ROOT, help="repository root")
    parser.add_argument("--out", type=Path, help="staging folder (default ROOT/.build/stage)")
    parser.add_argument("--stage-only", action="store_true", help="build and validate, do not publish")
    args = parser.parse_args(argv)
    out = args.out or args.root / ".build" / "stage"
    try:
        stage(args.root, out)
    except (InputError, BuildError) as exc:
        print(f"build failed: {exc}\nThe previous data/ and {DESCRIPTOR} were left untouched.",
              file=sys.stderr)
        return 1
    if not args.stage_only:
        publish(out, args.root)
    print(f"built {len(package_meta()['resources'])} tables; package valid")
    return 0


if __name__ == "__main__":
    sys.exit(main())
