"""Stance codings: orphans fail, gaps are listed, the scale is enforced, alpha is right."""

from __future__ import annotations

import json
import random
import shutil
from itertools import permutations
from pathlib import Path

import pytest
import yaml

from scripts import build
from scripts.package.validate import errors
from scripts.steps import stances
from tests.conftest import ROOT, snapshot


def test_orphaned_coding_is_a_build_error_that_lists_it(package: Path,
                                                       capsys: pytest.CaptureFixture[str]) -> None:
    path = package / "seeds" / "stances.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "\n- statement_id: st-000000000000\n"
                    "  target: russia-putin\n  score: 1\n  voice: own\n  rationale: gone\n  coder: x\n",
                    encoding="utf-8")
    before = snapshot(package)
    assert build.main(["--root", str(package)]) == 1
    err = capsys.readouterr().err
    assert "stances.yaml" in err and "st-000000000000" in err and "no longer exist" in err
    assert snapshot(package) == before


def test_uncoded_statement_is_listed_as_pending(package: Path, capsys: pytest.CaptureFixture[str]) -> None:
    victim = None
    for name in ("stances.yaml", "stances_blind.yaml"):
        path = package / "seeds" / name
        entries = yaml.safe_load(path.read_text(encoding="utf-8"))
        victim = victim or next(e["statement_id"] for e in entries if e["target"] != "none")
        path.write_text(yaml.safe_dump([e for e in entries if e["statement_id"] != victim]), encoding="utf-8")
    assert build.main(["--root", str(package)]) == 0
    assert "no stance coding yet" in capsys.readouterr().err
    pending = (package / "data" / "coding_pending.csv").read_text(encoding="utf-8")
    assert victim in pending


@pytest.mark.parametrize("score", [3, -3, 1.5, "high", True])
def test_score_outside_the_scale_is_refused(package: Path, capsys: pytest.CaptureFixture[str],
                                            score: object) -> None:
    path = package / "seeds" / "stances.yaml"
    text = path.read_text(encoding="utf-8")
    line = next(x for x in text.splitlines() if x.strip().startswith("score:") and "null" not in x)
    path.write_text(text.replace(line, f"  score: {json.dumps(score)}", 1), encoding="utf-8")
    assert build.main(["--root", str(package)]) == 1
    assert "outside the scale" in capsys.readouterr().err


def test_schema_bounds_fail_validation(tmp_path: Path) -> None:
    """The published schema itself rejects a score of 3 (frictionless enforces minimum/maximum)."""
    root = tmp_path / "p"
    shutil.copytree(ROOT / "data", root / "data")
    shutil.copy2(ROOT / "datapackage.json", root / "datapackage.json")
    descriptor = json.loads((root / "datapackage.json").read_text(encoding="utf-8"))
    for res in descriptor["resources"]:
        res.pop("hash", None)
        res.pop("bytes", None)
    (root / "datapackage.json").write_text(json.dumps(descriptor), encoding="utf-8")
    csv_path = root / "data" / "stances.csv"
    lines = csv_path.read_text(encoding="utf-8").splitlines()
    cells = lines[1].split(",")
    cells[2] = "3"
    lines[1] = ",".join(cells)
    csv_path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    problems = errors(root / "datapackage.json")
    assert any("constraint-error" in p and "maximum" in p for p in problems), problems


def _alpha_by_coincidences(pairs: list[tuple[int, int]]) -> float:
    """Krippendorff's alpha via the coincidence matrix (the textbook algorithm), interval metric."""
    values = sorted({v for p in pairs for v in p})
    o = {(c, k): 0.0 for c in values for k in values}
    for unit in pairs:
        for c, k in permutations(unit, 2):
            o[(c, k)] += 1.0
    n_c = {c: sum(o[(c, k)] for k in values) for c in values}
    n = sum(n_c.values())
    d_o = sum(o[(c, k)] * (c - k) ** 2 for c in values for k in values)
    d_e = sum(n_c[c] * n_c[k] * (c - k) ** 2 for c in values for k in values) / (n - 1)
    return 1 - d_o / d_e


def test_alpha_matches_the_coincidence_matrix_algorithm() -> None:
    rng = random.Random(7)
    for _ in range(50):
        pairs = [(rng.randint(-2, 2), rng.randint(-2, 2)) for _ in range(rng.randint(3, 40))]
        if len({v for p in pairs for v in p}) < 2:
            continue
        assert stances.krippendorff_interval(pairs) == pytest.approx(_alpha_by_coincidences(pairs), abs=1e-4)


def test_published_agreement_and_codings_are_complete() -> None:
    from scripts.package.tables import read_csv

    agreement = {r["target"]: r for r in read_csv(ROOT / "data/agreement.csv")}
    assert int(agreement["all"]["disagreements"]) == int(agreement["all"]["resolved"])
    assert read_csv(ROOT / "data/coding_pending.csv") == []
    assert all(-2 <= int(r["score"]) <= 2 for r in read_csv(ROOT / "data/stances.csv"))
