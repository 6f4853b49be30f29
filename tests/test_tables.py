"""Tables as typed polars DataFrames: round trips, byte-identical CSV, row order, and the
polars validation pass agreeing with frictionless on every kind of error."""

from __future__ import annotations

import hashlib
import json
import shutil
from datetime import date
from pathlib import Path

import polars as pl
import pytest

from scripts import build
from scripts.package import validate
from scripts.package.tables import frame, package_meta, read_frame, resource, schema, to_csv, write_csv
from tests.conftest import ROOT

NAMES = package_meta()["resources"]


@pytest.mark.parametrize("name", NAMES)
def test_published_csv_round_trips_byte_for_byte(name: str) -> None:
    path = ROOT / "data" / f"{name}.csv"
    df = read_frame(name, path)
    assert df.schema == pl.Schema(schema(name))
    assert write_csv(name, df) == path.read_bytes()


@pytest.mark.parametrize("name", [n for n in NAMES if resource(n).get("order")])
def test_row_order_is_the_declared_one_whatever_the_input_order(name: str) -> None:
    path = ROOT / "data" / f"{name}.csv"
    df = read_frame(name, path)
    assert write_csv(name, df.reverse()) == write_csv(name, df.sample(fraction=1, shuffle=True, seed=1)) \
        == path.read_bytes()


def test_steps_hand_over_typed_frames() -> None:
    articles, frames = build.tables(ROOT / "seeds")
    assert set(frames) == {*NAMES, build.RAW} - {"evaluation"}
    for name, df in frames.items():
        assert df.schema == pl.Schema(schema("statements" if name == build.RAW else name)), name
    assert len(frames["sources"]) == len(articles)


def test_csv_cells_are_written_as_before() -> None:
    """Missing values empty, numbers as format(x, ".10g"), dates ISO, booleans true/false,
    quotes only where needed; "" in a string column is a missing value."""
    row = {f["name"]: None for f in resource("evaluation")["schema"]["fields"]}
    row.update(stage="raw", source_id='a, "b"\nc', gold=3, predicted=0, exact_f1=1, overlap_p=0.1 + 0.2,
               overlap_r=1 / 3, overlap_f1=0.0, speaker_acc=1e-12, date_acc=0.5, date_compatible=0.25,
               direct_found_right_speaker=0.125, articles=1)
    text = to_csv("evaluation", [row]).decode()
    assert text.splitlines()[0].startswith("stage,source_id,gold")
    empty = "," * (len(row) - 12)   # the dev-set columns after these twelve are missing; the last is articles
    assert text.endswith(f'raw,"a, ""b""\nc",3,0,1,0.3,0.3333333333,0,1e-12,0.5,0.25,0.125{empty}1\n')
    mention = {f["name"]: "" for f in resource("events")["schema"]["fields"]}
    mention.update(event_id="x-2020", name="X", kind="other", start=date(2020, 1, 2), end=date(2020, 1, 2),
                   precision="day", date_evidence="", pattern="x", why="y")
    line = to_csv("events", [mention]).decode().splitlines()[1]
    assert line == "x-2020,X,other,2020-01-02,2020-01-02,day,,,,x,,y"


@pytest.mark.parametrize(("value", "error"), [(True, TypeError), ("3", TypeError), (None, ValueError)])
def test_frame_rejects_a_value_of_the_wrong_type(value: object, error: type[Exception]) -> None:
    row = read_frame("stances", ROOT / "data" / "stances.csv").row(0, named=True)
    row["score"] = value
    with pytest.raises(error, match=r"stances\.score"):
        frame("stances", [row])


def test_frame_rejects_rows_that_are_not_the_schema() -> None:
    row = read_frame("stances", ROOT / "data" / "stances.csv").row(0, named=True)
    with pytest.raises(KeyError, match=r"extra \{'x'\}"):
        frame("stances", [{**row, "x": 1}])


# ---------------------------------------------------------------------------------- validation

def _corrupt(tmp_path: Path, table: str, column: str, value: str, row: int = 0) -> Path:
    """A copy of the package with one cell changed and the descriptor's size and hash updated."""
    root = tmp_path / "pkg"
    shutil.copytree(ROOT / "data", root / "data")
    path = root / "data" / f"{table}.csv"
    df = pl.read_csv(path, infer_schema=False)
    cells = df[column].to_list()
    cells[row] = value
    df = df.with_columns(pl.Series(column, cells, dtype=pl.String))
    path.write_bytes(df.write_csv(line_terminator="\n").encode())
    package = json.loads((ROOT / "datapackage.json").read_text(encoding="utf-8"))
    for res in package["resources"]:
        raw = (root / res["path"]).read_bytes()
        res["bytes"], res["hash"] = len(raw), "sha256:" + hashlib.sha256(raw).hexdigest()
    (root / "datapackage.json").write_text(json.dumps(package), encoding="utf-8")
    return root / "datapackage.json"


CORRUPTIONS = [
    ("stances", "score", "3", "constraint-error", "maximum"),
    ("statements", "start", "x", "type-error", "start"),
    ("events", "start", "2020-13-01", "type-error", "start"),
    ("statements", "kind", "bogus", "constraint-error", "enum"),
    ("statements", "statement_id", "ST-1", "constraint-error", "pattern"),
    ("statements", "source_id", "no-such-article", "foreign-key", "source_id"),
    ("statements", "text", "", "constraint-error", "required"),
    ("sources", "file", "seeds/articles/001_09a21a43636b261a.txt", "unique-error", "file"),
    ("paragraphs", "paragraph", "2", "primary-key", ""),
    ("statements", "corrected", "yes", "type-error", "corrected"),
]


@pytest.mark.parametrize(("table", "column", "value", "kind", "needle"), CORRUPTIONS)
def test_polars_pass_and_frictionless_both_find_it(tmp_path: Path, table: str, column: str, value: str,
                                                   kind: str, needle: str) -> None:
    descriptor = _corrupt(tmp_path, table, column, value)
    fast = validate.polars_errors(descriptor)
    assert any(f"[{kind}]" in p and needle in p for p in fast), fast
    assert any(p.startswith(f"{table} row 2:") for p in fast) or kind == "primary-key", fast
    slow = validate.frictionless_errors(descriptor)
    assert any(f"[{kind}]" in p for p in slow), slow


def test_polars_pass_finds_nothing_in_the_published_package() -> None:
    assert validate.polars_errors(ROOT / "datapackage.json") == []


def test_polars_pass_checks_size_and_hash(tmp_path: Path) -> None:
    root = tmp_path / "pkg"
    shutil.copytree(ROOT / "data", root / "data")
    shutil.copy2(ROOT / "datapackage.json", root / "datapackage.json")
    with (root / "data" / "actors.csv").open("a", encoding="utf-8") as handle:
        handle.write("\n")
    found = validate.polars_errors(root / "datapackage.json")
    assert any("[byte-count]" in p for p in found) and any("[hash-count]" in p for p in found), found
