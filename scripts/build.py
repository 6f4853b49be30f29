"""The pipeline's steps: tables, evaluate, package (see the Makefile and the README diagram).

``tables`` extracts every table from the seeds into .build/tables/ (it reads nothing under
tests/); ``evaluate`` (scripts/steps/evaluate.py) scores the extractor against the gold set
into .build/evaluation/; ``package`` copies both into a staging folder, writes the descriptor,
validates, then publishes. Nothing reaches data/ or datapackage.json unless the whole package
validated: a failed build leaves the previous outputs untouched and says why.
"""

from __future__ import annotations

import argparse
import ctypes
import errno
import fcntl
import gc
import hashlib
import os
import pickle
import shutil
import sys
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

import polars as pl

from scripts.errors import InputError
from scripts.package import descriptor
from scripts.package.tables import frame, ordered, package_meta, write_csv_file
from scripts.package.validate import errors
from scripts.paths import DATA, DESCRIPTOR, ROOT, SEEDS
from scripts.steps import evaluate

if TYPE_CHECKING:   # the extraction's modules are imported where they run, so that the package
    # step, which does not extract, starts without compiling their rules
    from scripts.annotate import paragraphs
    from scripts.annotate.annotate import Annotated, Registers
    from scripts.annotate.cache import Cache
    from scripts.registers import actors, events, sources
    from scripts.steps import statements


class BuildError(Exception):
    """The package was built but did not validate."""


@dataclass(frozen=True)
class Extraction:
    """Everything the rules extract from the seeds, before curated corrections and codings."""

    articles: list[sources.Article]
    register: dict[str, actors.Actor]
    paragraphs: dict[str, list[paragraphs.Paragraph]]
    events: list[events.Event]
    mentions: dict[str, list[events.EventMention]]
    statements: list[statements.Statement]
    figures: list[tuple[list[dict[str, Any]], list[dict[str, Any]]]]
    words: dict[str, int] = field(default_factory=dict)   # ``sources.word_count`` by article id, where
    # the annotation workers counted them (sources.rows counts the others)


@contextmanager
def _gc_paused() -> Iterator[None]:
    """No automatic garbage collection inside (speed only; nests).

    The tables step builds millions of objects that hold no reference cycles (annotations,
    rows, frames); each automatic collection would scan every one made so far, which at
    10,000 articles took about as long as the table steps themselves. Memory is unchanged:
    objects without cycles are freed by reference counting as before.
    """
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


PARALLEL_MIN = 50          # annotate on every core when more articles than this need it
_WORK: tuple[Registers, list[sources.Article], Cache | None, list[str], bool] | None = None


def _init_worker(registers: Registers, articles: list[sources.Article], cache: Cache | None,
                 keys: list[str], slim: bool) -> None:
    global _WORK
    _WORK = registers, articles, cache, keys, slim
    gc.enable()   # (the parent collects none while the pool runs; a worker does, as usual)


def _annotate_one(article: sources.Article, registers: Registers) -> Annotated:
    """Annotate one article and read its statements (pure; runs in a worker process too)."""
    from scripts.annotate.annotate import Annotated, annotate
    from scripts.registers import actors
    from scripts.steps import statements

    lexicon = registers.lexicon.extended(actors.provisional(article.text, registers.lexicon))
    ann = annotate(article, registers, lexicon)
    return Annotated(ann, statements.from_annotations(article, ann, lexicon),
                     tuple(a for a in lexicon.actors.values() if a.unregistered))


def _annotate_in_worker(index: int) -> tuple[bytes, int]:
    """Annotate article ``index`` in a worker; the result pickled once, for the parent and the
    cache, and the article's ``sources.word_count`` (counted here, off the parent's core).

    The articles and registers reach the workers once, when the pool starts (inherited
    under fork), so only an index goes out and one byte string comes back. With ``slim``,
    the worker stores the whole result in the cache itself and sends only what the table
    steps read (``Annotated.for_tables``), which the parent unpickles faster.
    """
    from scripts.registers import sources

    assert _WORK is not None
    registers, articles, cache, keys, slim = _WORK
    article = articles[index]
    done = _annotate_one(article, registers)
    if slim:
        if cache:
            cache.put_payload(keys[index], pickle.dumps(done, protocol=pickle.HIGHEST_PROTOCOL))
        done = done.for_tables()
    return pickle.dumps(done, protocol=pickle.HIGHEST_PROTOCOL), sources.word_count(article.text)


def annotate_all(articles: list[sources.Article], registers: Registers, cache: Cache | None = None,
                 jobs: int | None = None, words: dict[str, int] | None = None,
                 slim: bool = False) -> list[Annotated]:
    """Every article's annotations, in article order: from the cache, else annotated.

    Articles missing from the cache are annotated in parallel on every core (``jobs``
    processes, default all) when there are more than ``PARALLEL_MIN``; the result is
    the same as a serial run. ``words`` gets the ``sources.word_count`` of the articles
    annotated in parallel, by id. ``slim``: each result as ``Annotated.for_tables`` gives it
    (the cache still gets the whole).
    """
    from scripts.annotate.annotate import Annotated
    from scripts.annotate.cache import key as cache_key

    keys = [cache_key(a, registers.digest) for a in articles]
    found: list[Annotated | None] = [cache.get(k) if cache else None for k in keys]
    todo = [i for i, x in enumerate(found) if not isinstance(x, Annotated)]
    jobs = jobs or os.cpu_count() or 1
    if len(todo) > PARALLEL_MIN and jobs > 1:
        chunk = max(1, min(16, len(todo) // (jobs * 8)))   # small: the last chunk keeps one core busy alone
        # Speed only: the objects made so far are left out of garbage collection (so the workers,
        # forked with them, neither scan them nor copy their pages), and the results, which hold no
        # cycles, are taken in without collections over an ever larger heap.
        gc.freeze()
        try:
            with _gc_paused(), ProcessPoolExecutor(jobs, initializer=_init_worker,
                                                   initargs=(registers, articles, cache, keys, slim)) as pool:
                results = pool.map(_annotate_in_worker, todo, chunksize=chunk)
                for i, (payload, count) in zip(todo, results, strict=True):
                    found[i] = pickle.loads(payload)
                    if words is not None:
                        words[articles[i].id] = count
                    if cache and not slim:   # (with slim, the worker stored the whole)
                        cache.put_payload(keys[i], payload)
        finally:
            gc.unfreeze()
    else:
        for i in todo:
            found[i] = _annotate_one(articles[i], registers)
            if cache:
                cache.put(keys[i], found[i])
    done = [x for x in found if isinstance(x, Annotated)]
    return [x.for_tables() for x in done] if slim else done


def extract(seeds: Path, cache: Cache | None = None, jobs: int | None = None,
            registers: Registers | None = None) -> Extraction:
    """Annotate every registered article once (or take it from the cache), then collect.
    ``registers``: those of ``seeds``, when the caller has them loaded already."""
    from scripts.annotate.annotate import Registers
    from scripts.registers import sources

    articles = sources.load_articles(seeds)
    registers = registers or Registers.load(seeds)
    words: dict[str, int] = {}
    done = annotate_all(articles, registers, cache, jobs, words, slim=True)
    notes = [d.annotations for d in done]
    register = dict(registers.actors)
    for d in done:   # speakers the register lacks, found per article (a register entry takes over)
        for actor in d.provisional:
            if actor.id in register:
                merged = dict.fromkeys((*register[actor.id].aliases, *actor.aliases))
                actor = replace(actor, aliases=tuple(merged))
            register[actor.id] = actor
    return Extraction(articles, register, {n.source_id: list(n.paragraphs) for n in notes},
                      list(registers.events), {n.source_id: list(n.events) for n in notes},
                      [st for d in done for st in d.statements],
                      [(list(n.polls), list(n.statistics)) for n in notes], words)


RAW = "statements_raw"
"""Intermediate table (not published): the extractor's statements before corrections, in the
statements schema; the evaluation step scores it."""
TABLES = Path(".build") / "tables"
"""Output folder of the tables step: every published table but ``evaluation``, and ``RAW``."""
PACKAGE_TABLES = [name for name in package_meta()["resources"] if name != "evaluation"]


def tables(seeds: Path, cache: Cache | None = None) -> tuple[list[sources.Article], dict[str, pl.DataFrame]]:
    """Run every table step on the seeds: the articles, and each table as a typed DataFrame.

    Holds every published table except ``evaluation`` (its own step, which reads the gold set),
    and ``RAW``.
    """
    with _gc_paused():
        return _tables(seeds, cache)


def _tables(seeds: Path, cache: Cache | None) -> tuple[list[sources.Article], dict[str, pl.DataFrame]]:
    from scripts.annotate import paragraphs
    from scripts.registers import actors, events, sources
    from scripts.steps import context, corrections, stances, statements

    x = extract(seeds, cache)
    articles, register, paras, register_events, mentions = (x.articles, x.register, x.paragraphs,
                                                             x.events, x.mentions)
    by_id = {a.id: a for a in articles}
    found, figures = x.statements, x.figures

    def paragraph_of(source: str, offset: int) -> int:
        return next(p.index for p in reversed(paras[source]) if p.start <= offset)

    raw_rows = statements.rows(found, by_id)
    stmt_rows = statements.cluster(corrections.apply(seeds, [dict(r) for r in raw_rows], by_id, set(register),
                                                     paragraph_of))
    scope = {a.id for a in register.values() if a.stance_scope}
    stance_rows, agreement_rows, pending = stances.build(seeds, stmt_rows, scope)
    speaker = {r["statement_id"]: r["speaker_id"] for r in stmt_rows}
    new = sorted(a.id for a in register.values() if a.unregistered)
    if new:
        print(f"note: {len(new)} speaker(s) named in the articles are not in seeds/actors.yaml and were "
              f"given provisional ids: {', '.join(new)}. Add them to seeds/actors.yaml (same id) to curate "
              "their names, kinds and roles.", file=sys.stderr)
    if pending:
        print(f"warning: {len(pending)} in-scope statement(s) have no stance coding yet "
              "(listed in data/coding_pending.csv)", file=sys.stderr)
    rows = {
        "sources": sources.rows(articles, x.words),
        "stances": stance_rows,
        "agreement": agreement_rows,
        "coding_pending": [{"statement_id": p, "speaker_id": speaker[p]} for p in pending],
        "events": events.rows_events(register_events),
        "event_mentions": events.rows_mentions([m for a in articles for m in mentions[a.id]]),
        "polls": [row for p, _ in figures for row in p],
        "statistics": [row for _, s in figures for row in s],
        "actors": actors.rows(register),
        "paragraphs": paragraphs.rows([p for a in articles for p in paras[a.id]]),
        "statements": stmt_rows,
        "statement_context": context.rows(stmt_rows, register, {a.id: a.published.start for a in articles},
                                          events.rows_events(register_events)),
    }
    # Each table's rows are let go once it is a frame, and the annotations once every table
    # has its rows: at 10,000 articles this keeps the step's peak memory down.
    del x, mentions, found, figures
    paras = {}   # (read by ``paragraph_of``, which is done with)
    frames = {name: ordered(name, frame(name, rows.pop(name))) for name in PACKAGE_TABLES}
    frames[RAW] = ordered("statements", frame("statements", raw_rows))
    return articles, frames


def _fresh(folder: Path) -> Path:
    """An empty scratch folder beside ``folder`` for writing it anew."""
    tmp = folder.with_name(f"{folder.name}.tmp")
    if tmp.exists():
        shutil.rmtree(tmp)
    tmp.mkdir(parents=True)
    return tmp


def _replace(tmp: Path, folder: Path) -> None:
    """Put the finished ``tmp`` folder in the place of ``folder``."""
    if folder.exists():
        shutil.rmtree(folder)
    os.rename(tmp, folder)


def write_tables(root: Path, cache: Cache | None = None) -> None:
    """The tables step: every table but ``evaluation``, written by polars to ``root/TABLES``."""
    with _gc_paused():
        _, frames = tables(root / SEEDS, cache)
        tmp = _fresh(root / TABLES)
        for name, df in frames.items():
            write_csv_file("statements" if name == RAW else name, df, tmp / f"{name}.csv")
        del frames
    _replace(tmp, root / TABLES)


def stage(root: Path, out: Path) -> None:
    """The package step: the step outputs, descriptor and validation, under ``out``."""
    if out.exists():
        shutil.rmtree(out)
    (out / DATA).mkdir(parents=True)
    known: dict[str, tuple[bytes, str]] = {}   # each table's bytes as copied, and their sha256:
    # hashed once here, for the descriptor and the validation (speed only)
    for name in package_meta()["resources"]:
        step = root / (evaluate.OUTPUT if name == "evaluation" else TABLES / f"{name}.csv")
        if not step.exists():
            raise BuildError(f"{step.relative_to(root)} is missing: run `make data`")
        raw = step.read_bytes()
        (out / DATA / f"{name}.csv").write_bytes(raw)
        known[name] = raw, "sha256:" + hashlib.sha256(raw).hexdigest()
    (out / DESCRIPTOR).write_bytes(descriptor.dumps(descriptor.build(out, known=known)))
    problems = errors(out / DESCRIPTOR, known=known)
    if problems:
        raise BuildError("the package did not validate:\n  " + "\n  ".join(problems[:50]))


def _exchange(a: Path, b: Path) -> bool:
    """Swap two directories in one atomic step (Linux renameat2 RENAME_EXCHANGE).

    False where the system or file system cannot do it (nothing has changed then).
    """
    try:
        renameat2 = ctypes.CDLL(None, use_errno=True).renameat2
    except (AttributeError, OSError, TypeError):
        return False
    renameat2.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    renameat2.restype = ctypes.c_int
    at_fdcwd, rename_exchange = -100, 2
    if renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), rename_exchange) == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.EINVAL, errno.ENOSYS, errno.EPERM, errno.ENOTSUP):
        return False
    raise OSError(code, os.strerror(code), str(a), None, str(b))


def publish(out: Path, root: Path) -> None:
    """Swap the staged data/ and descriptor into place.

    data/ is exchanged with the staged one atomically where the system allows it, so at
    every instant it is one complete set, the old or the new; elsewhere it takes two renames,
    and a build killed between them is repaired by the next one (``recover``). The
    descriptor is replaced atomically right after; the next build rewrites both anyway.
    """
    old = out.parent / "previous"
    if old.exists():
        shutil.rmtree(old)
    if not ((root / DATA).exists() and _exchange(out / DATA, root / DATA)):
        if (root / DATA).exists():
            os.rename(root / DATA, old)
        os.rename(out / DATA, root / DATA)
    os.replace(out / DESCRIPTOR, root / DESCRIPTOR)
    shutil.rmtree(out, ignore_errors=True)
    shutil.rmtree(old, ignore_errors=True)


def recover(root: Path, out: Path) -> None:
    """Put back the previous data/ if a build was killed after moving it aside."""
    old = out.parent / "previous"
    if not (root / DATA).exists() and old.is_dir():
        os.rename(old, root / DATA)


@contextmanager
def locked(root: Path) -> Iterator[None]:
    """Hold the checkout's build lock (``.build/build.lock``); wait, saying so, if another build has it."""
    path = root / ".build" / "build.lock"
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "a+b") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            print(f"another build is running in this checkout (lock {path}); waiting for it to finish",
                  file=sys.stderr, flush=True)
            fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


STEPS = ("tables", "evaluate", "package")


def main(argv: list[str] | None = None) -> int:
    """CLI: run the pipeline's steps (default all three: tables, evaluate, package)."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("steps", nargs="*", default=list(STEPS), metavar="STEP",
                        help="tables: extract every table into .build/tables; evaluate: score it "
                             "against the gold set; package: descriptor, validation, publish")
    parser.add_argument("--root", type=Path, default=ROOT, help="repository root")
    parser.add_argument("--out", type=Path, help="staging folder (default ROOT/.build/stage)")
    parser.add_argument("--stage-only", action="store_true", help="build and validate, do not publish")
    parser.add_argument("--no-cache", action="store_true",
                        help="annotate every article again (the cache in .build/annotations is not read)")
    args = parser.parse_args(argv)
    if unknown := set(args.steps) - set(STEPS):
        parser.error(f"unknown step(s) {sorted(unknown)}: choose from {', '.join(STEPS)}")
    out = args.out or args.root / ".build" / "stage"
    cache = None   # the annotation cache is the tables step's (the other steps start faster without it)
    if "tables" in args.steps and not args.no_cache:
        from scripts.annotate.cache import Cache

        cache = Cache(args.root / ".build" / "annotations")
    with locked(args.root):
        recover(args.root, out)
        if cache:
            cache.sweep()
        try:
            if "tables" in args.steps:
                write_tables(args.root, cache)
            if "evaluate" in args.steps:
                evaluate.write(args.root)
            if "package" in args.steps:
                stage(args.root, out)
        except (InputError, BuildError) as exc:
            print(f"build failed: {exc}\nThe previous data/ and {DESCRIPTOR} were left untouched.",
                  file=sys.stderr)
            return 1
        if "package" in args.steps and not args.stage_only:
            publish(out, args.root)
    if cache and "tables" in args.steps:
        print(cache.summary())
    if "package" not in args.steps:
        return 0
    print(f"built {len(package_meta()['resources'])} tables; package valid")
    return 0


if __name__ == "__main__":
    sys.exit(main())
