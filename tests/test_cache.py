"""The annotation cache: reused when nothing changed, one article re-annotated when it changed,
damaged or stale entries detected and rebuilt, never published."""

from __future__ import annotations

import hashlib
import subprocess
import sys
from pathlib import Path

import pytest

from scripts import build
from scripts.annotate import cache as cache_mod
from tests.conftest import ROOT, snapshot

Cap = pytest.CaptureFixture[str]


def _build(root: Path, capsys: Cap, *extra: str) -> str:
    assert build.main(["--root", str(root), *extra]) == 0
    return capsys.readouterr().out


def _entries(root: Path) -> list[Path]:
    return sorted((root / ".build" / "annotations").glob("*/*.pickle"))


def test_second_build_reads_every_article_from_the_cache(package: Path, capsys: Cap) -> None:
    before = snapshot(package)
    assert "annotations: 0 from cache, 5 annotated" in _build(package, capsys)
    assert "annotations: 5 from cache, 0 annotated" in _build(package, capsys)
    assert snapshot(package) == before
    assert len(_entries(package)) == 5


def test_changing_one_article_re_annotates_that_article_only(package: Path, capsys: Cap) -> None:
    _build(package, capsys)
    article = sorted((package / "seeds" / "articles").glob("*.txt"))[2]
    old_sha = hashlib.sha256(article.read_bytes()).hexdigest()
    article.write_bytes(article.read_bytes() + b"\nNato is a danger, he said.\n")
    register = package / "seeds" / "sources.yaml"
    new_sha = hashlib.sha256(article.read_bytes()).hexdigest()
    register.write_text(register.read_text(encoding="utf-8").replace(old_sha, new_sha), encoding="utf-8")
    assert "annotations: 4 from cache, 1 annotated" in _build(package, capsys)
    assert "annotations: 5 from cache, 0 annotated" in _build(package, capsys)


def test_damaged_and_stale_entries_are_rebuilt_and_never_published(package: Path, capsys: Cap) -> None:
    _build(package, capsys, "--no-cache")
    clean = snapshot(package)
    _build(package, capsys)
    truncated, flipped, stale, garbage = _entries(package)[:4]
    truncated.write_bytes(truncated.read_bytes()[: len(truncated.read_bytes()) // 2])
    raw = bytearray(flipped.read_bytes())
    raw[-10] ^= 0xFF
    flipped.write_bytes(bytes(raw))
    head, _, payload = stale.read_bytes().partition(b"\n")
    magic, key, _version, digest = head.split(b" ")
    stale.write_bytes(b" ".join((magic, key, b"0" * 64, digest)) + b"\n" + payload)
    garbage.write_bytes(b"")
    out = _build(package, capsys)
    assert "annotations: 1 from cache, 4 annotated" in out
    assert "3 damaged cache entries detected and rebuilt" in out
    assert "1 entries of another code version rebuilt" in out
    assert snapshot(package) == clean
    assert "annotations: 5 from cache, 0 annotated" in _build(package, capsys)


def test_a_damaged_entry_that_still_unpickles_is_refused_by_its_digest(tmp_path: Path) -> None:
    store = cache_mod.Cache(tmp_path, version="v1")
    store.put("k" * 64, {"layer": [1, 2, 3]})
    path = next(tmp_path.glob("*/*.pickle"))
    path.write_bytes(path.read_bytes().replace(b"\x03", b"\x04"))   # a changed number, still a pickle
    assert store.get("k" * 64) is None and store.damaged
    assert cache_mod.Cache(tmp_path, version="v2").get("x" * 64) is None


def test_code_version_covers_every_module_annotation_imports() -> None:
    code = ("import sys, scripts.annotate.annotate, scripts.annotate.cache, scripts.steps.statements, "
            "scripts.steps.polls\n"
            "print('\\n'.join(sorted(m.__file__ for n, m in sys.modules.items() "
            "if n.startswith('scripts.') and getattr(m, '__file__', None))))")
    files = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True,
                           check=True).stdout.split()
    covered = {p.resolve() for p in cache_mod.code_files()}
    missing = [f for f in files if Path(f).resolve() not in covered]
    assert not missing, f"add these to scripts.annotate.cache.CODE: {missing}"
