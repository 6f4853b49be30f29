"""One benchmark stage, run in its own process in a corpus folder; prints its timings as JSON.

Stages: ``tables`` (annotation, i.e. the extraction rules; the table steps; typing and
writing the frames), ``validate`` (evaluation, descriptor and the build's validation, then the polars
pass alone; stages the package), ``frictionless`` (frictionless alone on the staged package),
``publish`` and ``report`` (bibliography and render); ``frames`` times typing and writing
alone on tables already there (replicated corpora). ``peak_mb`` is the process's peak
resident memory, children included.
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from scripts import build
from scripts.package import validate
from scripts.paths import DESCRIPTOR, ROOT
from scripts.steps import evaluate


def _peak_mb() -> float:
    """Peak resident memory of this process (VmHWM: not inherited across exec, unlike
    ru_maxrss) and of its children, in MB."""
    own = 0
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            own = int(line.split()[1])
    if not own:
        own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return round(max(own, kids) / 1024, 1)


def _cpu() -> float:
    """CPU seconds (user + system) of this process and of its children reaped so far."""
    t = os.times()
    return t.user + t.system + t.children_user + t.children_system


def _timed(fn: Callable[..., Any], *args: Any) -> tuple[float, Any]:
    start = time.perf_counter()
    result = fn(*args)
    return time.perf_counter() - start, result


def tables(root: Path) -> dict[str, float]:
    """The tables step, split: annotation (``build.extract``), the table steps (statements,
    clusters, corrections, stances, polls' rows), and typing and writing the frames."""
    spent = {"annotate_s": 0.0, "frames_s": 0.0, "annotate_cpu_s": 0.0, "frames_cpu_s": 0.0}

    def timed(fn: Callable[..., Any], key: str) -> Callable[..., Any]:
        def wrapper(*args: Any) -> Any:
            cpu = _cpu()
            seconds, result = _timed(fn, *args)
            spent[key] += seconds
            spent[key.replace("_s", "_cpu_s")] += _cpu() - cpu
            return result
        return wrapper

    build.extract = timed(build.extract, "annotate_s")
    build.frame = timed(build.frame, "frames_s")
    build.ordered = timed(build.ordered, "frames_s")
    build.write_csv_file = timed(build.write_csv_file, "frames_s")
    cpu = _cpu()
    total, _ = _timed(build.write_tables, root)
    cpu = _cpu() - cpu
    return {**spent, "steps_s": total - spent["annotate_s"] - spent["frames_s"],
            "tables_s": total - spent["annotate_s"],
            "steps_cpu_s": cpu - spent["annotate_cpu_s"] - spent["frames_cpu_s"]}


def frames(root: Path) -> dict[str, float]:
    """Typing and writing alone, on the rows of the tables already in .build/tables (for a
    replicated corpus, whose rows were not extracted here): rows -> ``frame`` -> CSV bytes."""
    from scripts.package.tables import frame, ordered, read_frame, write_csv

    spent = 0.0
    for path in sorted((root / build.TABLES).glob("*.csv")):
        name = "statements" if path.stem == build.RAW else path.stem
        rows = read_frame(name, path).to_dicts()
        start = time.perf_counter()
        data = write_csv(name, ordered(name, frame(name, rows)))
        spent += time.perf_counter() - start
        if data != path.read_bytes():
            raise SystemExit(f"{path.name}: rewritten bytes differ")
    return {"frames_s": spent}


def validate_stage(root: Path) -> dict[str, float]:
    """Evaluation, then the package step (descriptor and the build's validation), then polars alone."""
    out = root / ".build" / "stage"
    cpu = _cpu()
    evaluate_s, _ = _timed(evaluate.write, root)
    package_s, _ = _timed(build.stage, root, out)
    cpu = _cpu() - cpu
    polars_s, problems = _timed(validate.polars_errors, out / DESCRIPTOR)
    if problems:
        raise SystemExit("\n".join(problems[:20]))
    return {"evaluate_s": evaluate_s, "package_s": package_s, "polars_s": polars_s,
            "validate_cpu_s": cpu,
            "csv_mb": round(validate.tables_bytes(out / DESCRIPTOR) / 2**20, 1),
            "frictionless_in_build": float(validate.tables_bytes(out / DESCRIPTOR)
                                           <= validate.FRICTIONLESS_MAX_BYTES)}


def frictionless(root: Path) -> dict[str, float]:
    """Frictionless alone on the staged package."""
    seconds, problems = _timed(validate.frictionless_errors, root / ".build" / "stage" / DESCRIPTOR)
    if problems:
        raise SystemExit("\n".join(problems[:20]))
    return {"frictionless_s": seconds}


def publish(root: Path) -> dict[str, float]:
    """Publish the staged package into data/ and datapackage.json."""
    seconds, _ = _timed(build.publish, root / ".build" / "stage", root)
    return {"publish_s": seconds}


def report(root: Path) -> dict[str, float]:
    """The report's recipe (bibliography, Vega header, fallback render), as the Makefile runs it."""
    py = sys.executable
    steps = [[py, "-m", "scripts.reporting.bibliography"],
             [py, "-c", "from scripts.reporting.charts import vega_header; vega_header('report/_vega.html')"],
             [py, "-m", "scripts.reporting.render_report", "report"]]
    start = time.perf_counter()
    for cmd in steps:
        subprocess.run(cmd, cwd=root, check=True, capture_output=True)
    return {"report_s": time.perf_counter() - start,
            "report_mb": round((root / "report" / "index.html").stat().st_size / 2**20, 2)}


STAGES = {"tables": tables, "frames": frames, "validate": validate_stage, "frictionless": frictionless,
          "publish": publish, "report": report}


def main(argv: list[str] | None = None) -> int:
    """CLI: run one stage on the corpus at ROOT (the folder this copy of scripts/ is in)."""
    args = sys.argv[1:] if argv is None else argv
    result = STAGES[args[0]](ROOT)
    print(json.dumps({**{k: round(v, 3) for k, v in result.items()}, "peak_mb": _peak_mb()}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
