"""``make bench``: time the pipeline on synthetic corpora and on the seeds; write BENCHMARKS.md.

For each corpus size (default 100, 1,000 and 10,000 articles, generated under .build/bench/
and never committed) every stage runs in its own process (scripts/bench/stage.py) with a
time limit; a stage over the limit is reported as such and the later stages of that corpus
are skipped. Then, on a copy of this work tree with the environment already installed: a
cold ``make report``, a no-op ``make report``, ``make report`` after one seed article
changed, and the floor of starting Python and importing the libraries the pipeline uses.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import platform
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import yaml

from scripts.bench import corpus, replicate
from scripts.paths import ROOT

STAGES = ("tables", "validate", "frictionless", "publish", "report")
LIBRARIES = "import polars, yaml, frictionless, altair, vl_convert, pypandoc"
COPY_IGNORE = shutil.ignore_patterns(".git", ".build", ".venv", "__pycache__", ".pytest_cache",
                                     ".ruff_cache", ".hypothesis", ".quarto")


def _run_stage(root: Path, stage: str, timeout: float) -> dict[str, Any]:
    start = time.perf_counter()
    try:
        done = subprocess.run([sys.executable, "-m", "scripts.bench.stage", stage], cwd=root,
                              capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return {"error": f"over {timeout:.0f} s, stopped"}
    if done.returncode != 0:
        return {"error": (done.stderr.strip().splitlines() or ["failed"])[-1][:200]}
    result = json.loads(done.stdout.strip().splitlines()[-1])
    result["wall_s"] = round(time.perf_counter() - start, 2)
    return result


def _replicate_seeds(source: Path, copies: int, seeds: Path) -> None:
    """The seeds of the replicated tables: the smaller corpus's, and for each copy its
    articles (hard links) registered under the copy's ids (as scripts/bench/replicate.py names them)."""
    shutil.rmtree(seeds)
    shutil.copytree(source, seeds)
    register = yaml.safe_load((source / "sources.yaml").read_text(encoding="utf-8"))
    entries = list(register)
    for c in range(1, copies):
        for e in register:
            name = Path(e["file"]).name
            os.link(source / e["file"], seeds / "articles" / f"r{c}_{name}")
            entries.append({**e, "id": f"{e['id']}-r{c}", "file": f"articles/r{c}_{name}"})
    corpus.dump(seeds / "sources.yaml", entries)


def bench_corpus(n: int, out: Path, timeout: float, skip: set[str],
                 smaller: dict[str, Any] | None = None, skip_tables: str = "",
                 tables_timeout: float | None = None) -> dict[str, Any]:
    """Generate a corpus of ``n`` articles and run every stage on it.

    When the tables stage does not finish and a ``smaller`` corpus did, the later stages run
    on that corpus's tables replicated to ``n`` articles (scripts/bench/replicate.py).
    """
    tables_timeout = tables_timeout or timeout
    root = out / f"corpus-{n}"
    if root.exists():
        shutil.rmtree(root)
    corpus.generate(n, root)
    shutil.copytree(ROOT / "scripts", root / "scripts", ignore=COPY_IGNORE)
    shutil.copytree(ROOT / "report", root / "report", ignore=COPY_IGNORE)
    (root / "report" / "index.html").unlink(missing_ok=True)
    shutil.copyfile(ROOT / "CITATION.cff", root / "CITATION.cff")  # the report's byline reads it
    results: dict[str, Any] = {"articles": n, "bytes": sum(p.stat().st_size for p in
                                                          (root / "seeds" / "articles").iterdir())}
    for stage in STAGES:
        if stage in skip:
            results[stage] = {"error": "skipped"}
            continue
        if stage == "tables" and skip_tables:
            results[stage] = {"error": skip_tables}
        else:
            results[stage] = _run_stage(root, stage, tables_timeout if stage == "tables" else timeout)
        print(f"  {n:>6} articles  {stage:<12} {json.dumps(results[stage])}", flush=True)
        if stage == "tables" and "error" in results[stage] and smaller and "error" not in smaller["tables"]:
            m = smaller["articles"]
            shutil.rmtree(root / ".build" / "tables", ignore_errors=True)
            source = out / f"corpus-{m}"
            replicate.replicate(source / ".build" / "tables", n // m, root / ".build" / "tables")
            _replicate_seeds(source / "seeds", n // m, root / "seeds")
            results["frames"] = _run_stage(root, "frames", timeout)
            print(f"  {n:>6} articles  frames       {json.dumps(results['frames'])}", flush=True)
            results["replicated_from"] = m
            print(f"  {n:>6} articles  later stages on the tables of {m} articles x {n // m}", flush=True)
        elif "error" in results[stage] and stage not in ("frictionless", "report"):
            break
    return results


def _make(root: Path, *args: str) -> float:
    """Seconds of one ``make`` in ``root``, as a user would start it: without the flags and job
    server of a ``make bench`` that started this process (they would make it run one job at a time)."""
    env = {k: v for k, v in os.environ.items() if k not in ("MAKEFLAGS", "MFLAGS", "MAKELEVEL")}
    start = time.perf_counter()
    subprocess.run(["make", "--no-print-directory", *args], cwd=root, check=True, capture_output=True,
                   env=env)
    return time.perf_counter() - start


def _floor(code: str, repeat: int = 5) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT)
        best = min(best, time.perf_counter() - start)
    return best


GENERATED = ("data", "datapackage.json", "report/index.html", "report/references.json", "report/_vega.html",
             ".build")
"""What a cold build starts without (.build/ is not copied either: the annotation cache is in it)."""


def _checkout(out: Path) -> Path:
    """A copy of this work tree with the environment linked and every generated file removed."""
    root = out / "checkout"
    if root.exists():
        shutil.rmtree(root)
    shutil.copytree(ROOT, root, ignore=COPY_IGNORE)
    os.symlink((ROOT / ".venv").resolve(), root / ".venv")
    for generated in GENERATED:
        path = root / generated
        shutil.rmtree(path) if path.is_dir() else path.unlink(missing_ok=True)
    return root


def bench_make(out: Path) -> dict[str, float]:
    """Cold (on every core, as ``make report`` runs, and one recipe at a time), no-op and
    one-article-changed ``make report`` on a copy of this work tree."""
    serial = _make(_checkout(out), "-j1", "report")
    root = _checkout(out)
    times = {"cold": _make(root, "report"), "cold_serial": serial, "noop": _make(root, "report")}
    register = root / "seeds" / "sources.yaml"
    entries = yaml.safe_load(register.read_text(encoding="utf-8"))
    article = root / "seeds" / entries[0]["file"]
    old = hashlib.sha256(article.read_bytes()).hexdigest()
    article.write_bytes(article.read_bytes() + b"\nA sentence added for the benchmark.\n")
    register.write_text(register.read_text(encoding="utf-8").replace(
        old, hashlib.sha256(article.read_bytes()).hexdigest()), encoding="utf-8")
    times["one_article"] = _make(root, "report")
    times["noop_after"] = _make(root, "report")
    times["python"] = _floor("pass")
    times["imports"] = _floor(LIBRARIES)
    times["project_imports"] = _floor("import scripts.build, scripts.reporting.render_report, "
                                      "scripts.reporting.charts")
    times["render"] = json.loads(subprocess.run(
        [sys.executable, "-m", "scripts.bench.stage", "report"], cwd=root, check=True,
        capture_output=True, text=True).stdout.strip().splitlines()[-1])["report_s"]
    return times


def _cell(stage: dict[str, Any], *keys: str) -> str:
    if "error" in stage:
        return stage["error"]
    return " + ".join(f"{stage[k]:.2f}" for k in keys)


def _cpu(tables: dict[str, Any], validate: dict[str, Any]) -> str:
    """CPU seconds of the stages (less noisy than wall time when others share the CPUs)."""
    cells = [f"{stage[k]:.1f}" if k in stage else "—" for stage, k in
             ((tables, "annotate_cpu_s"), (tables, "steps_cpu_s"), (tables, "frames_cpu_s"),
              (validate, "validate_cpu_s"))]
    return " / ".join(cells)


def markdown(corpora: list[dict[str, Any]], make: dict[str, float] | None) -> str:
    """The results as the BENCHMARKS.md text."""
    lines = ["# Benchmarks", "",
             "Written by `make bench` (scripts/bench/run.py); the corpora are generated under",
             "`.build/bench/` and not committed (scripts/bench/corpus.py says how). Seconds are wall",
             "time of one run on the machine below; peak memory is the stage process's resident",
             "peak (MB). Each stage runs in its own process, so its time includes starting Python",
             "and importing its libraries.", "",
             f"Machine: {platform.machine()}, {os.cpu_count()} CPU(s), Python {platform.python_version()}; "
             f"load average at the end of the run {os.getloadavg()[0]:.1f} (other work shared the CPUs).",
             "", "## Synthetic corpora", "",
             "| articles | text MB | annotate s | table steps s + typing and writing s | "
             "annotate + tables, articles/s | "
             "evaluate + package s (build's validation) | polars pass s | frictionless s | CSV MB | "
             "report s | peak MB (tables / validate / frictionless / report) | "
             "CPU s, user + sys (annotate / table steps / typing and writing / evaluate + package) |",
             "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---|"]
    for c in corpora:
        t, v, f, r = (c.get(s, {"error": "skipped"})
                      for s in ("tables", "validate", "frictionless", "report"))
        rate = (f"{c['articles'] / (t['annotate_s'] + t['tables_s']):.0f}" if "error" not in t else "—")
        steps = _cell(t, "steps_s", "frames_s")
        if "error" in t and "frames_s" in c.get("frames", {}):
            steps = f"not run + {c['frames']['frames_s']:.2f}"
        peaks = " / ".join(str(s.get("peak_mb", "—")) for s in (t, v, f, r))
        note = ""
        if "replicated_from" in c:
            m = c["replicated_from"]
            note = f" (later stages: tables of {m:,} × {c['articles'] // m})"
        lines.append(f"| {c['articles']:,}{note} | {c['bytes'] / 2**20:.1f} | {_cell(t, 'annotate_s')} | "
                     f"{steps} | {rate} | {_cell(v, 'evaluate_s', 'package_s')} | "
                     f"{_cell(v, 'polars_s')} | {_cell(f, 'frictionless_s')} | "
                     f"{v.get('csv_mb', '—')} | {_cell(r, 'report_s')} | {peaks} | {_cpu(t, v)} |")
    done = {c["articles"]: c for c in corpora if "error" not in c.get("tables", {"error": 1})
            and "error" not in c.get("validate", {"error": 1})}
    if 1000 in done and 10000 in done:
        def total(c: dict[str, Any]) -> float:
            return (c["tables"]["annotate_s"] + c["tables"]["tables_s"] + c["validate"]["package_s"])
        lines += ["", f"10,000 articles through annotate + tables + validate (the build's validation): "
                  f"{total(done[10000]):.1f} s (target under 60 s); peak "
                  f"{max(done[10000][s].get('peak_mb', 0) for s in ('tables', 'validate')):,.0f} MB "
                  "(target under 2,000).",
                  "", f"10,000 / 1,000 articles (annotate + tables + validate): "
                  f"{total(done[10000]) / total(done[1000]):.1f}x (target at most 12x)."]
    if make:
        lines += ["", "## `make` on the seeds", "",
                  "| what | seconds |", "|---|---:|",
                  f"| cold `make report` (environment installed; data, package, report and .build removed) | "
                  f"{make['cold']:.2f} |",
                  *([f"| the same, one recipe at a time (`make -j1 report`) | {make['cold_serial']:.2f} |"]
                    if "cold_serial" in make else []),
                  f"| no-op `make report` | {make['noop']:.3f} |",
                  f"| `make report` after one seed article changed | {make['one_article']:.2f} |",
                  f"| no-op `make report` after that | {make['noop_after']:.3f} |",
                  f"| floor: start Python | {make['python']:.3f} |",
                  f"| floor: start Python and `{LIBRARIES}` | {make['imports']:.3f} |",
                  f"| floor: start Python and import the pipeline and report modules | "
                  f"{make['project_imports']:.3f} |",
                  f"| render alone (report recipe: bibliography, Vega header, fallback render) | "
                  f"{make['render']:.2f} |",
                  f"| 3 × library floor + render (target for the cold build) | "
                  f"{3 * make['imports'] + make['render']:.2f} |"]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    """CLI: run the benchmark."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", default="100,1000,10000", help="corpus sizes, comma-separated")
    parser.add_argument("--timeout", type=float, default=900, help="seconds allowed per stage")
    parser.add_argument("--tables-timeout", type=float, help="seconds allowed for the tables stage "
                        "(default: --timeout)")
    parser.add_argument("--extract-up-to", type=int, default=0,
                        help="run the tables stage only on corpora up to this size (0: all)")
    parser.add_argument("--out", type=Path, default=ROOT / ".build" / "bench")
    parser.add_argument("--skip", default="", help="stages to skip, comma-separated")
    parser.add_argument("--no-make", action="store_true", help="skip the make timings on the seeds")
    parser.add_argument("--make-only", action="store_true",
                        help="only the make timings on the seeds (no synthetic corpus)")
    parser.add_argument("--write", type=Path, help="write the table to this file (make bench: BENCHMARKS.md)")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    skip = {s for s in args.skip.split(",") if s}
    corpora: list[dict[str, Any]] = []
    for n in [] if args.make_only else args.sizes.split(","):
        done = [c for c in corpora if "error" not in c["tables"]]
        over = [c["articles"] for c in corpora if "over" in c["tables"].get("error", "")]
        why = f"not run: {over[-1]:,} articles were already over the limit" if over else ""
        if args.extract_up_to and int(n) > args.extract_up_to:
            why = f"not run (--extract-up-to {args.extract_up_to:,})"
        corpora.append(bench_corpus(int(n), args.out, args.timeout, skip, done[-1] if done else None, why,
                                    args.tables_timeout))
    make = None if args.no_make else bench_make(args.out)
    text = markdown(corpora, make)
    (args.out / "results.json").write_text(json.dumps({"corpora": corpora, "make": make}, indent=2))
    print(text)
    if args.write:
        splice(args.write, text)
    return 0


START, END = "<!-- make bench: start -->", "<!-- make bench: end -->"


def splice(path: Path, text: str) -> None:
    """Put the new run's text between the markers of ``path``, keeping everything else (notes and
    earlier runs kept as history); a file without the markers gets the run on top."""
    block = f"{START}\n{text}{END}\n"
    old = path.read_text(encoding="utf-8") if path.is_file() else ""
    if START in old and END in old:
        head, rest = old.split(START, 1)
        new = head + block + rest.split(END, 1)[1].lstrip("\n")
    else:
        new = block + ("\n" + old if old else "")
    path.write_text(new, encoding="utf-8")


if __name__ == "__main__":
    sys.exit(main())
