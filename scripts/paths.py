"""Where things live in the repository."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEEDS = "seeds"
DATA = "data"
DESCRIPTOR = "datapackage.json"
SCHEMAS = Path(__file__).resolve().parent / "package" / "schemas"
