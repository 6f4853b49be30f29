"""Validate the data package with frictionless (schemas, keys, hashes, sizes)."""

from __future__ import annotations

import sys
from pathlib import Path

from frictionless import Package

from scripts.paths import DESCRIPTOR, ROOT


def errors(descriptor: Path) -> list[str]:
    """Every validation error of the package, as readable lines (empty if valid)."""
    package = Package(str(descriptor.name), basepath=str(descriptor.parent))
    report = package.validate()
    lines = []
    for task in report.tasks:
        for err in task.errors:
            row = getattr(err, "row_number", None)
            where = f"{task.name}" + (f" row {row}" if row else "")
            lines.append(f"{where}: [{err.type}] {err.message}")
    lines.extend(f"package: [{err.type}] {err.message}" for err in report.errors)
    return lines


def main() -> int:
    """CLI: validate datapackage.json at the repository root."""
    problems = errors(ROOT / DESCRIPTOR)
    for line in problems:
        print(line, file=sys.stderr)
    print("datapackage.json: " + ("valid" if not problems else f"{len(problems)} error(s)"))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
