"""Shared fixtures: a scratch copy of the package to break and rebuild; the real texts speed tests run on."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
STRICT = os.environ.get("CI", "").lower() not in ("", "0", "false", "no")
"""Under CI (.ci/run sets CI=true), a test that lacks something the machine should provide fails."""


def seed_and_dev_texts() -> list[str]:
    """The seed articles' texts and the dev set's, for comparing a speed-up with its plain rule."""
    from scripts.registers import sources

    dev = sorted((ROOT / "tests" / "dev").glob("*/articles/*.txt"))
    return [*(a.text for a in sources.load_articles(ROOT / "seeds")),
            *(p.read_text(encoding="utf-8") for p in dev)]


def needs(ok: bool, what: str) -> None:
    """Skip for want of ``what`` on a developer's machine; fail under CI, which must provide it."""
    if ok:
        return
    if STRICT:
        pytest.fail(f"CI must provide this, but: {what}", pytrace=False)
    pytest.skip(what)


@pytest.fixture
def package(tmp_path: Path) -> Path:
    """A copy of seeds/, the gold and dev sets, data/ and datapackage.json in a temp folder (scripts
    stay shared)."""
    root = tmp_path / "pkg"
    root.mkdir()
    shutil.copytree(ROOT / "seeds", root / "seeds")
    shutil.copytree(ROOT / "tests" / "gold", root / "tests" / "gold")
    if (ROOT / "tests" / "dev").is_dir():   # the dev set's scores are part of the evaluation table
        shutil.copytree(ROOT / "tests" / "dev", root / "tests" / "dev")
    shutil.copytree(ROOT / "data", root / "data")
    shutil.copy2(ROOT / "datapackage.json", root / "datapackage.json")
    return root


def snapshot(root: Path) -> dict[str, bytes]:
    """Every published output's bytes, by relative path."""
    files = [root / "datapackage.json", *sorted((root / "data").glob("*"))]
    return {str(f.relative_to(root)): f.read_bytes() for f in files}
