"""The build: bad seeds fail clearly and leave outputs untouched; good ones rebuild byte for byte."""

from __future__ import annotations

import hashlib
import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from scripts import build
from scripts.package.validate import errors
from tests.conftest import ROOT, snapshot

ARTICLE = "articles/001_09a21a43636b261a.txt"


def _fails(root: Path, capsys: pytest.CaptureFixture[str], *needles: str) -> str:
    before = snapshot(root)
    assert build.main(["--root", str(root)]) == 1
    message = capsys.readouterr().err
    for needle in needles:
        assert needle in message, message
    assert "left untouched" in message
    assert snapshot(root) == before
    return message


def test_sha256_mismatch_is_a_clear_error(package: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = package / "seeds" / ARTICLE
    path.write_bytes(path.read_bytes() + b"\nedited")
    _fails(package, capsys, "001_09a21a43636b261a.txt", "sha256", "seeds/sources.yaml")


def test_missing_file_is_a_clear_error(package: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (package / "seeds" / ARTICLE).unlink()
    _fails(package, capsys, "sources.yaml:", "does not exist", ARTICLE)


def test_unregistered_article_is_a_clear_error(package: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (package / "seeds" / "articles" / "999_new.txt").write_text("Mr Corbyn said: “Hello.”\n")
    _fails(package, capsys, "999_new.txt", "not in the source register", "Add an entry")


def test_rebuild_is_byte_identical_to_committed_outputs(package: Path) -> None:
    expected = snapshot(ROOT)
    shutil.rmtree(package / "data")
    (package / "datapackage.json").unlink()
    assert build.main(["--root", str(package)]) == 0
    assert snapshot(package) == expected
    assert build.main(["--root", str(package)]) == 0
    assert snapshot(package) == expected


def test_published_package_is_valid() -> None:
    assert errors(ROOT / "datapackage.json") == []


def test_committed_outputs_match_the_working_tree() -> None:
    """After `make report` on a clean clone nothing generated differs from what was committed."""
    if not (ROOT / ".git").exists() or shutil.which("git") is None:
        pytest.skip("not a git checkout")
    paths = ["data", "datapackage.json", "report/index.html", "report/references.json", "report/figures"]
    diff = subprocess.run(["git", "status", "--porcelain", "--", *paths], cwd=ROOT,
                          capture_output=True, text=True, check=True).stdout
    assert diff == "", f"rebuilt outputs differ from the committed ones:\n{diff}"


def test_sources_table_fields() -> None:
    """Every offset-free field of sources.csv agrees with the register and the files."""
    register = {e["id"]: e for e in yaml.safe_load((ROOT / "seeds/sources.yaml").read_text())}
    from scripts.package.tables import read_csv

    rows = read_csv(ROOT / "data/sources.csv")
    assert {r["source_id"] for r in rows} == set(register)
    for r in rows:
        entry = register[r["source_id"]]
        raw = (ROOT / r["file"]).read_bytes()
        text = raw.decode("utf-8")
        assert r["file"] == f"seeds/{entry['file']}"
        assert r["sha256"] == hashlib.sha256(raw).hexdigest() == entry["sha256"]
        assert int(r["bytes"]) == len(raw)
        assert int(r["characters"]) == len(text)
        tokens = re.split(r"(?:[\s—–/\[\]()]|\.\.\.)+", text)
        assert int(r["words"]) == sum(any(c.isalnum() for c in t) for t in tokens)
        for key in ("outlet", "headline", "url", "published_precision"):
            assert r[key] == (entry[key] or ""), key
        assert r["published_start"] == str(entry["published_start"])
        assert r["published_end"] == str(entry["published_end"])
        assert r["published_evidence"] == " ".join(entry["published_evidence"].split())
