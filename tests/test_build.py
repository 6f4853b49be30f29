"""The build: bad seeds fail clearly and leave outputs untouched; good ones rebuild byte for byte."""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from scripts import build
from scripts.package.validate import errors
from scripts.reporting import render_report
from tests.conftest import ROOT, needs, snapshot
from tests.test_report import _copy_project

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


def _git(*args: str) -> str:
    return subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True, check=True).stdout


def test_committed_outputs_match_the_working_tree() -> None:
    """After `make report` on a clean clone nothing generated differs from what was committed.

    The page is compared only when the renderer that made the committed page (the pandoc fallback
    or real Quarto, named in its generator tag) also made the working tree's; the data, the
    bibliography and the SVG figures are made by the same code under either and always compared.
    """
    needs((ROOT / ".git").exists() and shutil.which("git") is not None, "a git checkout")
    paths = ["data", "datapackage.json", "report/references.json", "report/figures"]
    committed = render_report.generator(_git("show", "HEAD:report/index.html"))
    if render_report.generator((ROOT / "report/index.html").read_text(encoding="utf-8")) == committed:
        paths.append("report/index.html")
    diff = _git("status", "--porcelain", "--untracked-files=all", "--", *paths)
    assert diff == "", f"rebuilt outputs differ from the committed ones:\n{diff}"


def test_the_build_leaves_nothing_untracked() -> None:
    """Where `make report` and Quarto write (report/, data/, a pip build's build/ and *.egg-info),
    they leave no file that git neither tracks nor ignores (Quarto's report/.gitignore is committed)."""
    needs((ROOT / ".git").exists() and shutil.which("git") is not None, "a git checkout")
    paths = ["report", "data", "build", ":(glob)*.egg-info/**"]
    untracked = [line for line in _git("status", "--porcelain", "--untracked-files=all", "--", *paths)
                 .splitlines() if line.startswith("??")]
    assert untracked == [], f"untracked files left behind: {untracked}"


# Where Debian (fontconfig) and vl-convert's font loader look for a machine's fonts.
FONT_DIRS = ("/usr/share/fonts", "/usr/local/share/fonts", "/etc/fonts",
             str(Path.home() / ".fonts"), str(Path.home() / ".local/share/fonts"))
HIDE_FONTS = """set -e
mount --make-rprivate /
for d in "$@"; do if [ -d "$d" ]; then mount --bind "$EMPTY" "$d"; test -z "$(ls -A "$d")"; fi; done
echo fonts-hidden
exec "$PYTHON" -m scripts.reporting.render_report report
"""


def test_outputs_do_not_depend_on_the_machine_fonts(tmp_path: Path) -> None:
    """With every system font folder hidden, the report renders to the committed bytes.

    The charts are measured and drawn in the font the project ships (report/fonts), so a machine
    with other fonts, or none, gets the same SVGs and the same page. Needs root and `unshare -m`
    (a private mount namespace, so the folders are hidden from this render only).
    """
    needs(hasattr(os, "geteuid") and os.geteuid() == 0 and shutil.which("unshare") is not None,
          "root and unshare(1), to hide the system fonts")
    (tmp_path / "project").mkdir()
    report = _copy_project(tmp_path / "project")
    empty = tmp_path / "empty"
    empty.mkdir()
    env = {**os.environ, "EMPTY": str(empty), "PYTHON": sys.executable}
    result = subprocess.run(["unshare", "-m", "sh", "-c", HIDE_FONTS, "hide-fonts", *FONT_DIRS],
                            cwd=report.parent, env=env, capture_output=True, text=True, check=False)
    needs(result.returncode == 0 or "fonts-hidden" in result.stdout,
          f"a private mount namespace to hide the system fonts: {result.stderr.strip()[-300:]}")
    assert result.returncode == 0, result.stderr
    figures = sorted(p.name for p in (ROOT / "report/figures").glob("*.svg"))
    assert figures == sorted(p.name for p in (report / "figures").glob("*.svg"))
    for name in figures:
        assert (report / "figures" / name).read_bytes() == (ROOT / "report/figures" / name).read_bytes(), (
            f"report/figures/{name} depends on the machine's fonts")
    committed = (ROOT / "report/index.html").read_text(encoding="utf-8")
    if not render_report.made_by_quarto(committed):
        assert (report / "index.html").read_text(encoding="utf-8") == committed, (
            "report/index.html depends on the machine's fonts")


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


def test_a_missing_requirement_fails_under_ci(monkeypatch: pytest.MonkeyPatch) -> None:
    """`needs` skips on a developer's machine but fails under CI, so CI cannot pass by skipping."""
    from tests import conftest

    monkeypatch.setattr(conftest, "STRICT", False)
    with pytest.raises(pytest.skip.Exception):
        conftest.needs(False, "a thing")
    monkeypatch.setattr(conftest, "STRICT", True)
    with pytest.raises(pytest.fail.Exception, match="CI must provide this, but: a thing"):
        conftest.needs(False, "a thing")
    conftest.needs(True, "a thing")
