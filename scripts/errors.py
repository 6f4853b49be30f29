"""The one error type for bad input: it names the file, the place and the fix."""

from __future__ import annotations

from pathlib import Path


class InputError(Exception):
    """Bad input, reported as ``file:line: problem. What to do.``"""

    def __init__(self, path: Path | str, problem: str, *, line: int | None = None,
                 fix: str = "") -> None:
        self.path = str(path)
        self.line = line
        self.problem = problem
        self.fix = fix
        where = f"{self.path}:{line}" if line is not None else self.path
        super().__init__(f"{where}: {problem}" + (f". {fix}" if fix else ""))


def line_of(text: str, offset: int) -> int:
    """1-based line number of a character offset."""
    return text.count("\n", 0, offset) + 1
