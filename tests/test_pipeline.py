"""The pipeline's steps as make targets: what a change reruns, what the build reads, and
the benchmark (kept out of `make test`)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from scripts import build
from scripts.bench import corpus
from scripts.steps import evaluate
from tests.conftest import ROOT, needs, snapshot

TABLES, EVALUATE, PACKAGE = "scripts.build tables", "scripts.steps.evaluate --write", "scripts.build package"
RENDER = "scripts.reporting.render_report"


def _dry_run(*args: str) -> str:
    """What `make report` would run (nothing is run), after pretending the given files changed."""
    needs(shutil.which("make") is not None, "make")
    needs(subprocess.run(["make", "-q", "report"], cwd=ROOT, capture_output=True).returncode == 0,
          "outputs up to date (run `make report` first)")
    done = subprocess.run(["make", "-n", *[f"-W{a}" for a in args], "report"], cwd=ROOT,
                          capture_output=True, text=True, check=True)
    return done.stdout


def test_nothing_changed_nothing_runs() -> None:
    assert "python" not in _dry_run()


def test_changing_charts_rerenders_only() -> None:
    plan = _dry_run("scripts/reporting/charts.py")
    assert RENDER in plan
    assert TABLES not in plan and EVALUATE not in plan and PACKAGE not in plan


def test_changing_the_gold_set_reevaluates_without_extracting() -> None:
    plan = _dry_run("tests/gold/statements.yaml")
    assert EVALUATE in plan and PACKAGE in plan
    assert TABLES not in plan


def test_changing_an_article_or_a_rule_extracts() -> None:
    for changed in ("seeds/articles/001_09a21a43636b261a.txt", "scripts/steps/statements.py",
                    "scripts/package/schemas/statements.yaml"):
        plan = _dry_run(changed)
        assert TABLES in plan and EVALUATE in plan and PACKAGE in plan, changed


def test_changing_validation_repackages_only() -> None:
    plan = _dry_run("scripts/package/validate.py")
    assert PACKAGE in plan and TABLES not in plan and EVALUATE not in plan


def test_the_tables_step_does_not_read_tests(package: Path) -> None:
    """Without a tests/ folder the tables step builds the same tables; evaluation then says
    there is no gold set and publishes an empty evaluation table."""
    shutil.rmtree(package / "tests")
    assert build.main(["tables", "--root", str(package)]) == 0
    for name in build.PACKAGE_TABLES:
        assert ((package / build.TABLES / f"{name}.csv").read_bytes()
                == (ROOT / "data" / f"{name}.csv").read_bytes()), name


def test_steps_one_by_one_give_the_package(package: Path) -> None:
    expected = snapshot(ROOT)
    shutil.rmtree(package / "data")
    for step in (["tables"], ["evaluate"], ["package"]):
        assert build.main([*step, "--root", str(package)]) == 0, step
    assert snapshot(package) == expected
    assert (package / evaluate.OUTPUT).read_bytes() == (ROOT / "data" / "evaluation.csv").read_bytes()


def test_package_step_without_the_tables_step_is_a_clear_error(package: Path,
                                                               capsys: pytest.CaptureFixture[str]) -> None:
    before = snapshot(package)
    assert build.main(["package", "--root", str(package)]) == 1
    assert "run `make data`" in capsys.readouterr().err
    assert snapshot(package) == before


def test_bench_is_not_part_of_make_test() -> None:
    needs(shutil.which("make") is not None, "make")
    plan = subprocess.run(["make", "-n", "-B", "test"], cwd=ROOT, capture_output=True, text=True).stdout
    assert "scripts.bench" not in plan
    assert "scripts.bench.run" in subprocess.run(["make", "-n", "bench"], cwd=ROOT, capture_output=True,
                                                 text=True).stdout


def test_synthetic_corpus_is_deterministic(tmp_path: Path) -> None:
    a, b = corpus.generate(12, tmp_path / "a"), corpus.generate(12, tmp_path / "b")
    files = sorted(p.relative_to(a) for p in a.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(b) for p in b.rglob("*") if p.is_file())
    assert all((a / f).read_bytes() == (b / f).read_bytes() for f in files)
    assert len(list((a / "seeds" / "articles").iterdir())) == 12


def test_tiny_bench_runs(tmp_path: Path) -> None:
    """The benchmark end to end on a corpus of 10 articles (no report, no make timings)."""
    out = tmp_path / "bench"
    done = subprocess.run([sys.executable, "-m", "scripts.bench.run", "--sizes", "10", "--no-make",
                           "--skip", "report", "--out", str(out), "--write", str(tmp_path / "B.md")],
                          cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    table = (tmp_path / "B.md").read_text(encoding="utf-8")
    row = next(line for line in table.splitlines() if line.startswith("| 10 |"))
    assert "over" not in row and "Error" not in row, row


def test_bench_keeps_the_notes_and_history_of_its_file(tmp_path: Path) -> None:
    """`make bench` rewrites only its own block of BENCHMARKS.md; notes and earlier runs stay."""
    from scripts.bench import run

    path = tmp_path / "BENCHMARKS.md"
    run.splice(path, "# Benchmarks\n\nfirst run\n")
    path.write_text(path.read_text() + "\n## Notes\n\nkept\n")
    run.splice(path, "# Benchmarks\n\nsecond run\n")
    text = path.read_text()
    assert "second run" in text and "first run" not in text and text.endswith("## Notes\n\nkept\n")
    assert text.count(run.START) == 1 and text.count(run.END) == 1


def test_bench_states_the_scale_targets() -> None:
    """With the 1,000- and 10,000-article corpora, the table says the 10,000-article total
    (annotate + tables + the build's validation), its peak and the 10k/1k ratio, each with
    its target."""
    from scripts.bench import run

    def corpus(n: int, scale: float) -> dict:
        return {"articles": n, "bytes": n * 3500,
                "tables": {"annotate_s": 4.0 * scale, "tables_s": 1.0 * scale, "steps_s": 0.7 * scale,
                           "frames_s": 0.3 * scale, "peak_mb": 100.0 * scale},
                "validate": {"evaluate_s": 0.01, "package_s": 0.5 * scale, "polars_s": 0.2,
                             "peak_mb": 50.0 * scale}}

    text = run.markdown([corpus(1000, 1.0), corpus(10000, 9.0)], None)
    assert "10,000 articles through annotate + tables + validate (the build's validation): 49.5 s " \
           "(target under 60 s); peak 900 MB (target under 2,000)." in text
    assert "(annotate + tables + validate): 9.0x (target at most 12x)." in text
