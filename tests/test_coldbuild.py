"""The cold build's speed-ups change no result (issue 13: cold `make report`).

The actor lexicon's word-by-word search gives the single alternation's matches whatever the
phrases outside the word index (``_always``); the dev set's step, run on its own, gives the
rows the evaluate step computes without it; the steps make runs side by side are still
declared targets that rerun only on their own inputs.
"""

from __future__ import annotations

import json
import random
import shutil
import subprocess
from pathlib import Path

import pytest

from scripts.annotate import prefilter
from scripts.annotate.annotate import Registers
from scripts.registers.actors import Actor, Lexicon
from tests.conftest import ROOT, needs

DEV = "scripts.steps.devscore --write"
TABLES, EVALUATE, PACKAGE = "scripts.build tables", "scripts.steps.evaluate --write", "scripts.build package"
VEGA, RENDER = "vega_header", "scripts.reporting.render_report"


@pytest.fixture(scope="module")
def registers() -> Registers:
    return Registers.load(ROOT / "seeds")


# Aliases outside the word index (a handle, a non-ASCII first letter, a first word before an
# apostrophe), several of them beginning where indexed phrases begin ("Labour's ..." / "Labour").
EXTRA = {
    "x-handle": Actor("x-handle", "CND", "organisation", ("@cnduk", "Labour’s own campaign"), (), ""),
    "x-umlaut": Actor("x-umlaut", "Ünter Berg", "person", ("Ünter Berg", "Ängela"), (), ""),
    "x-poss": Actor("x-poss", "Corbyn aide", "person", ("Corbyn's aide", "Labour's defence team"), (), ""),
}


def _texts(lexicon: Lexicon, seed: int, n: int) -> list[str]:
    """Random texts of the lexicon's phrases (in varied case and spacing), pronouns and other words."""
    rng = random.Random(seed)
    phrases = sorted({*lexicon.alias, *lexicon.roles, *lexicon.anaphors})
    filler = ["he", "She", "it", "they", "x", "of", "Labour", "labour’s", "Corbyn’s", "@cnduk", "Ünter", "’s"]
    out = []
    for _ in range(n):
        parts = []
        for _ in range(rng.randrange(1, 14)):
            word = rng.choice(phrases) if rng.random() < 0.6 else rng.choice(filler)
            word = rng.choice([word, word.upper(), word.title(), word.replace(" ", "\u00a0")])
            parts.append(word + rng.choice([" ", "  ", ", ", ".\n", "’s ", "'s ", "-", ""]))
        out.append("".join(parts))
    return out


@pytest.mark.parametrize("extra", [{}, EXTRA], ids=["seeds", "seeds+unindexed"])
def test_word_search_equals_the_alternation(registers: Registers, extra: dict[str, Actor]) -> None:
    """``Lexicon._finditer`` (each word's own small pattern unless an unindexed phrase matches at
    that word too) finds exactly what ``Lexicon.pattern.finditer`` finds, in any window."""
    lexicon = registers.lexicon.extended(extra)
    assert lexicon._always and (not extra or len(lexicon._always) > len(registers.lexicon._always))
    rng = random.Random(7)
    mixed = 0
    for text in _texts(lexicon, len(extra), 400):
        for start, end in [(0, len(text)), *(sorted((rng.randrange(len(text) + 1),
                                                     rng.randrange(len(text) + 1))) for _ in range(3))]:
            fast = [(m.span(), m.group()) for m in lexicon._finditer(text, start, end)]
            slow = [(m.span(), m.group()) for m in lexicon.pattern.finditer(text, start, end)]
            assert fast == slow, (text, start, end)
        mixed += len(lexicon._mixed)
    assert mixed, "no text had an unindexed phrase where an indexed one begins: the test proves little"


def test_mentions_same_with_and_without_the_word_search(registers: Registers,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    lexicon = registers.lexicon.extended(EXTRA)
    texts = _texts(lexicon, 3, 200)
    fast = [lexicon.mentions(t, 0, len(t)) for t in texts]
    monkeypatch.setattr(prefilter, "ENABLED", False)
    assert [lexicon.mentions(t, 0, len(t)) for t in texts] == fast


def test_dev_step_rows_are_the_rows_evaluate_computes(tmp_path: Path) -> None:
    """The evaluation written from the dev step's file equals the one computed in one process."""
    from scripts.steps import devscore, evaluate

    needs((ROOT / ".build" / "tables").is_dir(), "the tables step's output (run `make data`)")
    root = tmp_path / "repo"
    shutil.copytree(ROOT / ".build" / "tables", root / ".build" / "tables")
    for folder in ("seeds", "tests/gold", "tests/dev"):
        shutil.copytree(ROOT / folder, root / folder)
    devscore.write(root)
    rows = json.loads((root / devscore.OUTPUT).read_text(encoding="utf-8"))
    assert [r["stage"] for r in rows][:2] == ["dev-tune", "dev-check"]
    evaluate.write(root, devscore.OUTPUT)
    via_file = (root / evaluate.OUTPUT).read_bytes()
    evaluate.write(root)
    published = (ROOT / "data" / "evaluation.csv").read_bytes()
    assert (root / evaluate.OUTPUT).read_bytes() == via_file == published


def _plan(*changed: str) -> str:
    """What `make report` would run after the given files changed (nothing is run)."""
    needs(shutil.which("make") is not None, "make")
    needs(subprocess.run(["make", "-q", "report"], cwd=ROOT, capture_output=True).returncode == 0,
          "outputs up to date (run `make report` first)")
    return subprocess.run(["make", "-n", *[f"-W{c}" for c in changed], "report"], cwd=ROOT,
                          capture_output=True, text=True, check=True).stdout


def test_dev_gold_reevaluates_without_the_seed_tables() -> None:
    plan = _plan("tests/dev/a/statements.yaml")
    assert DEV in plan and EVALUATE in plan and PACKAGE in plan
    assert TABLES not in plan and VEGA not in plan


def test_an_article_does_not_rerun_the_dev_step() -> None:
    plan = _plan("seeds/articles/001_09a21a43636b261a.txt")
    assert TABLES in plan and EVALUATE in plan and DEV not in plan


def test_a_rule_reruns_both_extractions() -> None:
    plan = _plan("scripts/steps/statements.py")
    assert TABLES in plan and DEV in plan and EVALUATE in plan


def test_charts_rebuild_the_vega_header_and_render_only() -> None:
    plan = _plan("scripts/reporting/charts.py")
    assert VEGA in plan and RENDER in plan
    assert not {DEV, TABLES, EVALUATE, PACKAGE} & {line.split("python -m ")[-1] for line in plan.splitlines()}


def test_a_parallel_build_is_byte_identical_to_a_serial_one(tmp_path: Path) -> None:
    """`make report` (every core) and `make -j1 report` publish the same bytes."""
    needs(shutil.which("make") is not None, "make")
    outputs = []
    for jobs in ("-j1", "-j2"):
        root = tmp_path / jobs
        root.mkdir()
        for name in ("Makefile", "CITATION.cff", "requirements.lock"):
            shutil.copy2(ROOT / name, root / name)
        for folder in ("seeds", "scripts", "tests/gold", "tests/dev"):
            shutil.copytree(ROOT / folder, root / folder, ignore=shutil.ignore_patterns("__pycache__"))
        shutil.copytree(ROOT / "report", root / "report", ignore=shutil.ignore_patterns(
            "index.html", "references.json", "figures", "_vega.html", ".quarto"))
        (root / ".venv").symlink_to((ROOT / ".venv").resolve())
        done = subprocess.run(["make", jobs, "data"], cwd=root, capture_output=True, text=True, timeout=600)
        assert done.returncode == 0, done.stderr[-2000:]
        outputs.append({p.relative_to(root): p.read_bytes() for p in sorted((root / "data").iterdir())}
                       | {Path("datapackage.json"): (root / "datapackage.json").read_bytes()})
    assert outputs[0] == outputs[1]
    assert outputs[0] == {p.relative_to(ROOT): p.read_bytes() for p in sorted((ROOT / "data").iterdir())} \
        | {Path("datapackage.json"): (ROOT / "datapackage.json").read_bytes()}


def test_dev_passes_on_two_cores_equal_a_serial_run() -> None:
    from scripts.steps import devscore

    needs((ROOT / devscore.OUTPUT).is_file(), "the dev step's output (run `make data`)")
    assert devscore.rows(ROOT, jobs=1) == json.loads((ROOT / devscore.OUTPUT).read_text(encoding="utf-8"))


def test_bad_dev_input_in_a_worker_is_the_same_clear_error(tmp_path: Path) -> None:
    """An article whose text no longer matches its sha256 stops the dev step with the register's
    message, from a worker process as from a serial run."""
    from scripts.errors import InputError
    from scripts.steps import devscore, devset

    root = tmp_path / "repo"
    for folder in ("seeds", "tests/dev"):
        shutil.copytree(ROOT / folder, root / folder)
    first = devset.articles(root)[0]
    (first.batch / first.entry["file"]).write_text("Changed after registration.\n", encoding="utf-8")
    messages = []
    for jobs in (1, 2):
        with pytest.raises(InputError) as caught:
            devscore.rows(root, jobs=jobs)
        messages.append(str(caught.value))
    assert "sha256" in messages[0]
    assert messages[0].split(":", 1)[1] == messages[1].split(":", 1)[1]   # (the staging folder differs)
