"""Two builds of one checkout: the second waits on the lock and says so; published data survives."""

from __future__ import annotations

import fcntl
import subprocess
import sys
import time
from pathlib import Path

from tests.conftest import ROOT, snapshot


def _start(root: Path) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, "-m", "scripts.build", "--root", str(root)], cwd=ROOT,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def test_a_build_waits_for_the_lock_and_says_so(package: Path) -> None:
    before = snapshot(package)
    lock = package / ".build" / "build.lock"
    lock.parent.mkdir(parents=True)
    with open(lock, "a+b") as held:
        fcntl.flock(held, fcntl.LOCK_EX)
        proc = _start(package)
        time.sleep(3)
        assert proc.poll() is None, proc.communicate()
        assert snapshot(package) == before
        fcntl.flock(held, fcntl.LOCK_UN)
    _, err = proc.communicate(timeout=300)
    assert proc.returncode == 0, err
    assert "another build is running in this checkout" in err and "waiting for it to finish" in err
    assert snapshot(package) == before


def test_two_builds_started_at_once_both_succeed(package: Path) -> None:
    before = snapshot(package)
    procs = [_start(package), _start(package)]
    results = [p.communicate(timeout=300) for p in procs]
    for proc, (_, err) in zip(procs, results, strict=True):
        assert proc.returncode == 0, err
        assert "Traceback" not in err
    assert sum("waiting for it to finish" in err for _, err in results) <= 1   # 0 if one was done first
    assert snapshot(package) == before
