"""The annotation cache: one file per article under ``.build/annotations/``.

An entry is keyed by the article (its id, sha256, headline and publication interval)
and the digest of the registers annotation read, and stamped with the code version (a
hash of every source file whose code shapes an annotation). An entry is a header line
(magic, key, code version, sha256 of the payload) and a pickled payload; an entry that
is truncated, corrupt, written for another key or by another code version fails these
checks and is annotated again (and overwritten), so it is never published. Entries are
written atomically (temporary file, then rename), so no build reads half an entry.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sys
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from scripts.registers.sources import Article

MAGIC = b"corbyn-annotations/1"
SCRIPTS = Path(__file__).resolve().parent.parent
# Every file whose code or schema shapes an annotation or a per-article statement; a test
# checks that each module these import is covered.
CODE = ("annotate/*.py", "registers/*.py", "steps/statements.py", "steps/polls.py", "ids.py",
        "lexicon/*.py", "lexicon/*.yaml",
        "errors.py", "paths.py", "package/tables.py", "package/schemas/*.yaml", "__init__.py",
        "annotate/__init__.py", "steps/__init__.py", "package/__init__.py")


def code_files() -> list[Path]:
    """The source files of the code version, sorted."""
    return sorted({p for pattern in CODE for p in SCRIPTS.glob(pattern)})


def code_version() -> str:
    """sha256 over the code files (names and bytes) and the Python version (pickle format)."""
    digest = hashlib.sha256(f"{sys.version_info[:2]}".encode())
    for path in code_files():
        digest.update(path.relative_to(SCRIPTS).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def key(article: Article, registers_digest: str) -> str:
    """The cache key of one article: what it is annotated from."""
    parts = (article.id, article.sha256, article.headline, str(article.published.start),
             str(article.published.end), article.published.evidence, registers_digest)
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()


@dataclass
class Cache:
    """Read and write annotation entries in one folder; counts what happened."""

    folder: Path
    version: str = field(default_factory=code_version)
    hits: int = 0
    misses: int = 0
    damaged: list[str] = field(default_factory=list)
    stale: list[str] = field(default_factory=list)

    def sweep(self) -> None:
        """Remove temporary files left by a build killed while writing an entry (call under the lock)."""
        for tmp in self.folder.glob("*/.tmp-*"):
            tmp.unlink(missing_ok=True)

    def _path(self, k: str) -> Path:
        return self.folder / k[:2] / f"{k}.pickle"

    def get(self, k: str) -> Any | None:
        """The entry stored under key ``k``, or None if absent or damaged (counted in ``damaged``)."""
        path = self._path(k)
        try:
            raw = path.read_bytes()
        except FileNotFoundError:
            self.misses += 1
            return None
        problem, value = _decode(raw, k, self.version)
        if problem:
            (self.stale if problem == "stale" else self.damaged).append(path.name)
            self.misses += 1
            return None
        self.hits += 1
        return value

    def put(self, k: str, value: Any) -> None:
        """Store ``value`` under key ``k`` atomically."""
        self.put_payload(k, pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))

    def put_payload(self, k: str, payload: bytes) -> None:
        """Store an already pickled value under key ``k`` atomically."""
        path = self._path(k)
        path.parent.mkdir(parents=True, exist_ok=True)
        header = b" ".join((MAGIC, k.encode(), self.version.encode(),
                            hashlib.sha256(payload).hexdigest().encode())) + b"\n"
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=".pickle")
        try:
            with os.fdopen(fd, "wb") as out:
                out.write(header + payload)
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise

    def put_all(self, entries: Iterable[tuple[str, Any]]) -> None:
        """Store several entries."""
        for k, value in entries:
            self.put(k, value)

    def summary(self) -> str:
        """One line: how many entries were used and how many annotated again."""
        line = f"annotations: {self.hits} from cache, {self.misses} annotated"
        if self.damaged:
            line += f"; {len(self.damaged)} damaged cache entries detected and rebuilt"
        if self.stale:
            line += f"; {len(self.stale)} entries of another code version rebuilt"
        return line


def _decode(raw: bytes, k: str, version: str) -> tuple[str, Any]:
    """("", payload) for a sound entry of this key and code version; else (problem, None)."""
    head, sep, payload = raw.partition(b"\n")
    parts = head.split(b" ")
    if not sep or len(parts) != 4 or parts[0] != MAGIC or parts[1] != k.encode():
        return "damaged", None
    if hashlib.sha256(payload).hexdigest().encode() != parts[3]:
        return "damaged", None
    if parts[2] != version.encode():
        return "stale", None
    try:
        return "", pickle.loads(payload)   # our own entry; its digest was checked above
    except Exception:                      # a damaged entry is rebuilt, whatever the failure
        return "damaged", None
