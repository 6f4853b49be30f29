"""The serial part of the build, made faster (round 2): each fast path against the code it replaced.

- ``sources._safe_path`` checks a name lexically, its folder once per load and the file with
  one ``lstat``: the same path, size and error messages as the per-file version (kept here as
  the reference) on names and folder layouts written to reach every branch.
- The package step hashes each table once and hands the bytes to the descriptor and the
  polars pass: the same descriptor and the same problems as reading and hashing them again.
- ``tables.frame`` builds a string column without looking at its values' types first: the same
  frame or the same error as before, for values of every kind in every column.
"""

from __future__ import annotations

import hashlib
import os
import random
import shutil
from collections.abc import Mapping
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from enum import StrEnum
from operator import itemgetter
from pathlib import Path
from typing import Any

import numpy as np
import polars as pl
import pytest

from scripts import build
from scripts.errors import InputError
from scripts.package import descriptor, tables, validate
from scripts.paths import DESCRIPTOR
from scripts.registers import sources
from tests.conftest import ROOT


def _reference_safe_path(seeds: Path, register: Path, rel: str, line: int) -> tuple[Path, int]:
    """``_safe_path`` as it was (every part of every path looked at), then ``stat`` for the size."""
    if not rel or Path(rel).is_absolute() or ".." in Path(rel).parts or "\\" in rel:
        raise InputError(register, f"file {rel!r} must be a relative path inside seeds/",
                         line=line, fix="Copy the article into seeds/articles/ and name it so")
    path = seeds / rel
    for part in [path, *path.parents]:
        if part == seeds:
            break
        if part.is_symlink():
            raise InputError(register, f"file {rel!r} is or passes through a symbolic link",
                             line=line, fix="Copy the article itself into seeds/articles/")
    if not (path.parent.resolve() / path.name).is_relative_to(seeds.resolve()):
        raise InputError(register, f"file {rel!r} points outside seeds/", line=line)
    if not path.is_file():
        raise InputError(register, f"registered file {rel!r} does not exist", line=line,
                         fix="Add the article file or remove its entry")
    return path, path.stat().st_size


NAMES = ["articles/a.txt", "articles/b.txt", "./articles/a.txt", "articles/./a.txt", "articles//a.txt",
         "articles/a.txt/", "articles/sub/c.txt", "articles/sub/../a.txt", "../a.txt", "/etc/hostname",
         "articles\\a.txt", "", "articles/missing.txt", "articles", "articles/sub", "articles/a.txt/x",
         "articles/fifo", "articles/link.txt", "articles/dangling.txt", "linked/a.txt", "linked/missing.txt",
         "articles/sub/link/c.txt", "~/a.txt", "articles/a\x00.txt", "articles/.hidden.txt", "a.txt",
         "articles/ünï.txt"]


@pytest.fixture
def seeds(tmp_path: Path) -> Path:
    """seeds/ with files, a subfolder, a fifo, links to files and folders, a dangling link."""
    root = tmp_path / "seeds"
    (root / "articles" / "sub").mkdir(parents=True)
    (root / "articles" / "a.txt").write_text("one\n", encoding="utf-8")
    (root / "articles" / "b.txt").write_text("", encoding="utf-8")
    (root / "articles" / ".hidden.txt").write_text("h", encoding="utf-8")
    (root / "articles" / "ünï.txt").write_text("ü", encoding="utf-8")
    (root / "a.txt").write_text("top", encoding="utf-8")
    (root / "articles" / "sub" / "c.txt").write_text("three", encoding="utf-8")
    os.mkfifo(root / "articles" / "fifo")
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "a.txt").write_text("out", encoding="utf-8")
    (outside / "c.txt").write_text("out", encoding="utf-8")
    os.symlink(outside / "a.txt", root / "articles" / "link.txt")
    os.symlink(outside / "gone.txt", root / "articles" / "dangling.txt")
    os.symlink(outside, root / "linked")
    os.symlink(outside, root / "articles" / "sub" / "link")
    return root


def _outcome(fn: object, *args: object) -> tuple[str, object]:
    try:
        return "ok", fn(*args)   # type: ignore[operator]
    except InputError as exc:
        return "error", str(exc)


def test_safe_path_as_the_per_file_checks(seeds: Path) -> None:
    register = seeds / "sources.yaml"
    checked = sources._Checked()   # shared, as in one load: folders cached across names
    for order in (NAMES, list(reversed(NAMES))):
        for rel in order:
            want = _outcome(_reference_safe_path, seeds, register, rel, 7)
            assert _outcome(sources._safe_path, seeds, register, rel, 7, checked) == want, rel
            assert _outcome(sources._safe_path, seeds, register, rel, 7) == want, rel
        checked = sources._Checked()


def test_load_articles_with_a_folder_link_after_a_good_file(seeds: Path) -> None:
    """A folder found good once is not looked at again; a link beside it still is."""
    register = seeds / "sources.yaml"
    checked = sources._Checked()
    assert sources._safe_path(seeds, register, "articles/a.txt", 1, checked) == (seeds / "articles/a.txt", 4)
    with pytest.raises(InputError, match="passes through a symbolic link"):
        sources._safe_path(seeds, register, "articles/link.txt", 2, checked)
    with pytest.raises(InputError, match="passes through a symbolic link"):
        sources._safe_path(seeds, register, "articles/sub/link/c.txt", 3, checked)


def _staged(tmp_path: Path) -> Path:
    """A copy of the published package to validate."""
    out = tmp_path / "stage"
    shutil.copytree(ROOT / "data", out / "data")
    shutil.copyfile(ROOT / DESCRIPTOR, out / DESCRIPTOR)
    return out


def _known(out: Path) -> dict[str, tuple[bytes, str]]:
    known = {}
    for path in sorted((out / "data").glob("*.csv")):
        raw = path.read_bytes()
        known[path.stem] = raw, "sha256:" + hashlib.sha256(raw).hexdigest()
    return known


def test_descriptor_from_known_bytes_is_the_same(tmp_path: Path) -> None:
    out = _staged(tmp_path)
    plain = descriptor.dumps(descriptor.build(out))
    assert descriptor.dumps(descriptor.build(out, known=_known(out))) == plain
    assert plain == (ROOT / DESCRIPTOR).read_bytes()


@pytest.mark.parametrize("damage", ["none", "row", "header", "no-newline", "empty"])
def test_polars_pass_from_known_bytes_is_the_same(tmp_path: Path, damage: str) -> None:
    """The bytes handed over are those on disk: same problems as reading them there."""
    out = _staged(tmp_path)
    path = out / "data" / "statements.csv"
    raw = path.read_bytes()
    if damage == "row":
        raw = raw.replace(b",direct,", b",shouted,", 1)
    elif damage == "header":
        raw = b"x" + raw
    elif damage == "no-newline":
        raw = raw.split(b"\n", 1)[0]
    elif damage == "empty":
        raw = b""
    path.write_bytes(raw)
    known = _known(out)
    assert validate.polars_errors(out / DESCRIPTOR, dict(known)) == validate.polars_errors(out / DESCRIPTOR)
    assert (validate.polars_errors(out / DESCRIPTOR) == []) == (damage == "none")
    assert validate.errors(out / DESCRIPTOR, False, dict(known)) == validate.errors(out / DESCRIPTOR, False)


def test_stage_hashes_once_and_validates(tmp_path: Path) -> None:
    """The package step's descriptor is the published one (the tables step's outputs as they are)."""
    out = tmp_path / "out"
    root = tmp_path / "root"
    (root / build.TABLES).mkdir(parents=True)
    for name in build.PACKAGE_TABLES:
        shutil.copyfile(ROOT / "data" / f"{name}.csv", root / build.TABLES / f"{name}.csv")
    from scripts.steps import evaluate
    (root / evaluate.OUTPUT).parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(ROOT / "data" / "evaluation.csv", root / evaluate.OUTPUT)
    build.stage(root, out)
    assert (out / DESCRIPTOR).read_bytes() == (ROOT / DESCRIPTOR).read_bytes()


def _reference_columns(name: str, fields: list[dict[str, Any]],
                       rows: list[Mapping[str, Any]]) -> pl.DataFrame | None:
    """``tables._columns`` as it was: every column's value types looked at first."""
    if not rows:
        return None
    names = [f["name"] for f in fields]
    table = (list(zip(*map(itemgetter(*names), rows), strict=True)) if len(names) > 1
             else [tuple(r[names[0]] for r in rows)])
    columns: dict[str, pl.Series] = {}
    for field, values in zip(fields, table, strict=True):
        key, kind = field["name"], field["type"]
        types = set(map(type, values))
        if not types <= tables._PLAIN[kind]:
            return None
        if kind != "string" and str in types:
            if any(v != "" for v in values if type(v) is str):
                return None
            values = tuple(None if type(v) is str else v for v in values)
        columns[key] = pl.Series(key, values, dtype=tables._TYPES[kind][0], strict=True)
    return pl.DataFrame(columns)


class _Sub(str):
    def __str__(self) -> str:
        return "other"


class _Kind(StrEnum):
    DIRECT = "direct"


class _Thing:
    def __str__(self) -> str:
        return "thing"


ODD = [5, 0, 1.5, float("nan"), True, False, date(2020, 1, 2), datetime(2020, 1, 2, 3), b"x", bytearray(b"x"),
       Decimal("1.5"), ["x"], ("x",), {"a": 1}, _Sub("sub"), _Kind.DIRECT, _Thing(), time(1), timedelta(1),
       np.str_("np"), np.int64(3), np.float64(1.5), "", None, "text"]


def _outcome_frame(monkeypatch: pytest.MonkeyPatch, columns: Any, name: str,
                   rows: list[dict[str, Any]]) -> tuple[str, Any]:
    with monkeypatch.context() as m:
        m.setattr(tables, "_columns", columns)
        try:
            df = tables.frame(name, [dict(r) for r in rows])
        except Exception as exc:   # (compared: the same error, or the same frame)
            return "error", (type(exc).__name__, str(exc))
    return "ok", (df.schema, df.rows())


@pytest.mark.parametrize("name", ["statements", "sources"])
def test_frame_string_columns_as_before(monkeypatch: pytest.MonkeyPatch, name: str) -> None:
    """A value of any type in a string column (or elsewhere): the same frame or the same error
    (naming table, column, value) as when every column's types were looked at first."""
    fields = tables.resource(name)["schema"]["fields"]
    seed = tables.read_frame(name, ROOT / "data" / f"{name}.csv").to_dicts()[:40]
    assert seed
    rng = random.Random(13)
    cases = [seed]
    for field in fields:
        for odd in ODD:
            rows = [dict(r) for r in seed]
            rows[rng.randrange(len(rows))][field["name"]] = odd
            cases.append(rows)
    for _ in range(150):   # two odd values in two columns
        rows = [dict(r) for r in seed]
        for _ in range(2):
            rows[rng.randrange(len(rows))][rng.choice(fields)["name"]] = rng.choice(ODD)
        cases.append(rows)
    outcomes = set()
    for rows in cases:
        want = _outcome_frame(monkeypatch, _reference_columns, name, rows)
        got = _outcome_frame(monkeypatch, tables._columns, name, rows)
        assert got == want or (got[0] == want[0] == "ok" and _same_frames(got[1], want[1])), rows
        outcomes.add(want[0])
    assert outcomes == {"ok", "error"}


def _same_frames(a: Any, b: Any) -> bool:
    """Equal, counting NaN equal to NaN."""
    return a[0] == b[0] and repr(a[1]) == repr(b[1])
