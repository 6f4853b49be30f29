"""Exact prefilters for regular expressions: skip a search that cannot match.

``required(rx)`` reads a compiled pattern's syntax tree and returns a set of literal
strings of which every match must contain at least one (``None`` when no such set is
known: the pattern is then always searched). The literals are lower-case ASCII and
are looked for in ``key(text)``, which maps every character that a case-insensitive
``re`` match equates with an ASCII letter (``A``, the long s, the Kelvin sign, ...)
to that lower-case letter, one character to one, so offsets are kept. So "a literal
occurs in the key of the searched span" is a necessary condition of a match there,
whether or not the pattern ignores case: skipping the search when it fails changes
no result (``tests/test_perf_equivalence.py`` compares with and without).

Lookarounds are not used (a lookbehind can read before the searched span), and a
run of literals is cut at anything else, so the condition is only ever weaker than
the pattern.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Iterator
from functools import cache
from itertools import compress
from re import _constants as C  # type: ignore[attr-defined]
from re import _parser as P  # type: ignore[attr-defined]
from typing import Any

Required = frozenset[str] | None
ENABLED = True     # False searches everything (the equivalence tests compare both)


# Every non-ASCII character that an IGNORECASE ``re`` match equates with an ASCII letter
# (``test_perf_equivalence`` checks this against every code point), and the upper case.
CASE_VARIANTS = {"\u0130": "i", "\u0131": "i", "\u017f": "s", "\u212a": "k"}
_TABLE = str.maketrans({**{chr(c): chr(c + 32) for c in range(ord("A"), ord("Z") + 1)},
                        **CASE_VARIANTS})


def ascii_lower(text: str) -> str:
    """``text`` with A-Z made a-z and nothing else changed (UTF-8 bytes of other characters are >= 0x80)."""
    return text.encode("utf-8", "surrogatepass").lower().decode("utf-8", "surrogatepass")


def key(text: str) -> str:
    """``text`` with every case variant of an ASCII letter made that lower-case letter.

    The same as ``text.translate(_TABLE)``, several times faster.
    """
    text = ascii_lower(text)
    for variant, letter in CASE_VARIANTS.items():
        if variant in text:
            text = text.replace(variant, letter)
    return text


def _best(options: list[frozenset[str]]) -> Required:
    """The most selective of several sufficient sets (longest shortest literal, then fewest)."""
    if not options:
        return None
    return max(options, key=lambda s: (min(map(len, s)), -len(s)))


MAX_VARIANTS = 4    # a run of literals with small classes ("1[89]") is kept as at most this many strings


def _chars(items: list[tuple[object, object]]) -> set[str] | None:
    """The ASCII characters a class ("[89]", "[a-c]") stands for; None if negated, wide or not ASCII."""
    out: set[str] = set()
    for op, av in items:
        if op is C.LITERAL and isinstance(av, int) and av < 128:
            out.add(chr(av).lower())
        elif op is C.RANGE and isinstance(av, tuple) and av[1] < 128 and av[1] - av[0] < MAX_VARIANTS:
            out.update(chr(c).lower() for c in range(av[0], av[1] + 1))
        else:
            return None
    return out


def _seq(items: list[tuple[object, object]]) -> Required:
    options: list[frozenset[str]] = []
    run: set[str] = {""}

    def close() -> None:
        nonlocal run
        if run != {""}:
            options.append(frozenset(run))
        run = {""}

    for op, av in items:
        chars = ({chr(av).lower()} if op is C.LITERAL and isinstance(av, int) and av < 128
                 else _chars(list(av)) if op is C.IN else None)   # type: ignore[call-overload]
        if chars and len(run) * len(chars) <= MAX_VARIANTS:
            run = {r + c for r in run for c in chars}
            continue
        close()
        if chars:
            run = chars
            continue
        if op is C.SUBPATTERN:
            sub = _seq(list(av[-1]))  # (group, add_flags, del_flags, pattern)
        elif op is C.BRANCH:
            parts = [_seq(list(b)) for b in av[1]]
            sub = None if any(p is None for p in parts) else frozenset().union(*parts)  # type: ignore[arg-type]
        elif op in (C.MAX_REPEAT, C.MIN_REPEAT, getattr(C, "POSSESSIVE_REPEAT", None)) and av[0] >= 1:
            sub = _seq(list(av[2]))
        elif op is getattr(C, "ATOMIC_GROUP", None):
            sub = _seq(list(av))
        else:
            sub = None
        if sub:
            options.append(sub)
    close()
    return _best(options)


def required(rx: re.Pattern[str]) -> Required:
    """Literals (lower-case ASCII) one of which every match of ``rx`` contains; None if unknown."""
    hit = _REQUIRED.get(id(rx))   # (by identity: hashing a pattern hashes its whole compiled code)
    if hit is None or hit[0] is not rx:
        hit = _REQUIRED[id(rx)] = (rx, _required(rx.pattern, rx.flags))   # (rx kept: its id is not reused)
    return hit[1]


_REQUIRED: dict[int, tuple[re.Pattern[str], Required]] = {}


@cache
def _required(pattern: str, flags: int) -> Required:
    found = _seq(list(P.parse(pattern, flags)))
    if found is None or "" in found:
        return None
    return found


_CLASS_OF = {C.CATEGORY_SPACE: r"\s", C.CATEGORY_NOT_SPACE: r"\S", C.CATEGORY_DIGIT: r"\d",
             C.CATEGORY_NOT_DIGIT: r"\D", C.CATEGORY_WORD: r"\w", C.CATEGORY_NOT_WORD: r"\W"}
_ZERO_WIDTH = (C.AT, C.ASSERT, C.ASSERT_NOT)


def _firsts(items: list[tuple[Any, Any]]) -> tuple[list[str] | None, bool]:
    """(class items, in ``re`` syntax, that the first character a sequence consumes meets; whether
    the sequence can consume nothing). None when not known (a wildcard, a negated class, ...)."""
    out: list[str] = []
    for op, av in items:
        if op in _ZERO_WIDTH:
            continue   # (an anchor or a lookaround consumes nothing: the next item's character comes first)
        if op is C.LITERAL:
            return [*out, f"\\U{av:08x}"], False
        if op is C.IN:
            found: list[str] = []
            for iop, iav in av:
                if iop is C.LITERAL:
                    found.append(f"\\U{iav:08x}")
                elif iop is C.RANGE:
                    found.append(f"\\U{iav[0]:08x}-\\U{iav[1]:08x}")
                elif iop is C.CATEGORY and iav in _CLASS_OF:
                    found.append(_CLASS_OF[iav])
                else:
                    return None, False
            return [*out, *found], False
        if op is C.SUBPATTERN:
            if av[1] & re.IGNORECASE:
                return None, False   # (a case-insensitive part: the guard below would not be)
            sub, empty = _firsts(list(av[-1]))
        elif op is C.BRANCH:
            parts = [_firsts(list(b)) for b in av[1]]
            if any(p is None for p, _ in parts):
                return None, False
            sub, empty = [c for p, _ in parts for c in p or ()], any(e for _, e in parts)
        elif op in (C.MAX_REPEAT, C.MIN_REPEAT, getattr(C, "POSSESSIVE_REPEAT", None)):
            sub, empty = _firsts(list(av[2]))
            empty = empty or av[0] == 0
        elif op is getattr(C, "ATOMIC_GROUP", None):
            sub, empty = _firsts(list(av))
        else:
            return None, False
        if sub is None:
            return None, False
        out.extend(sub)
        if not empty:
            return out, False
    return out, True


def guarded(rx: re.Pattern[str]) -> re.Pattern[str]:
    """``rx`` behind a lookahead for the characters its matches can begin with ("(?=[\\s;,.])…"): the
    same matches, found faster where ``rx`` opens with many alternatives that ``re`` tries one by one
    at every position. ``rx`` itself when no such set is known (or it can match the empty string).

    Every match of ``rx`` consumes a first character, met by one of the class items collected from
    what can come first in it (anchors and lookarounds consume nothing; a repeat that may be empty
    lets what follows come first), so the lookahead refuses only positions where ``rx`` cannot match.
    The lookahead takes ``rx``'s flags (a case-sensitive part is only looser under them); a group of
    its own that turns case-insensitivity on turns the guard off. Groups keep their numbers."""
    if rx.flags & re.VERBOSE:
        return rx   # (a comment at its end would swallow the closing parenthesis)
    firsts, empty = _firsts(list(P.parse(rx.pattern, rx.flags)))
    if firsts is None or empty or not firsts:
        return rx
    try:
        fast = re.compile(f"(?=[{''.join(firsts)}])(?:{rx.pattern})", rx.flags)
    except re.error:
        return rx
    GUARDED[id(fast)] = (fast, rx)   # (what the tests compare it with)
    return fast


GUARDED: dict[int, tuple[re.Pattern[str], re.Pattern[str]]] = {}


class Present:
    """``may_match`` over windows of one text for many sets of literals, each set cut once to the
    literals that occur anywhere in the text (one missing from the text is missing from its windows)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.key = key(text)
        self._live: dict[frozenset[str], tuple[str, ...]] = {}

    def may_match(self, need: Required, start: int = 0, end: int | None = None) -> bool:
        """``may_match(need, key(text), start, end)``."""
        if need is None or not ENABLED:
            return True
        live = self._live.get(need)
        if live is None:
            text_key = self.key
            live = self._live[need] = tuple(lit for lit in need if lit in text_key)
        if not live:
            return False
        find = self.key.find
        end = len(self.key) if end is None else end
        for lit in live:  # noqa: SIM110
            if find(lit, start, end) != -1:
                return True
        return False


def may_match(need: Required, text_key: str, start: int = 0, end: int | None = None) -> bool:
    """False only if no literal of ``need`` lies wholly in ``text_key[start:end]``."""
    if need is None or not ENABLED:
        return True
    if start == 0 and end is None:
        for lit in need:  # noqa: SIM110 (plain loops: this is called for every pattern and paragraph)
            if lit in text_key:
                return True
        return False
    end = len(text_key) if end is None else end
    for lit in need:  # noqa: SIM110
        if text_key.find(lit, start, end) != -1:
            return True
    return False



_RUNS = re.compile(r"\w+")
_ASCII_PART = re.compile(r"[\x00-\x7f]*")
_LAST_RUNS: list[Any] = [None]


def runs(text: str) -> tuple[str, list[int], list[int], list[str]]:
    """``key(text)`` and the starts, ends and strings of its runs of word characters (``\\w+``),
    found once for the text at hand (speed only: the actor search and ``FirstWords`` read them)."""
    last = _LAST_RUNS[0]
    if last is None or last[0] is not text:
        k = key(text)
        spans = [m.span() for m in _RUNS.finditer(k)]
        last = _LAST_RUNS[0] = (text, k, [a for a, _ in spans], [b for _, b in spans], _RUNS.findall(k))
    return last[1], last[2], last[3], last[4]


class FirstWords:
    """``finditer`` and ``search`` of a pattern whose every match begins a word: the same
    matches, found by trying the pattern only where one of its first words begins.

    Exact for a pattern ``rx`` of which every match starts where a run of word characters
    starts (a lookbehind in ``rx`` refuses a word character before it) and that run, cut at
    the end of the searched span, is one of ``words`` (compared in ``key(text)``, so in any
    case and with the case variants ``re`` equates; a word with a non-ASCII letter by its
    ASCII opening, a prefix of the run). Such a match starts at no other position, so trying
    ``rx.match`` at those runs' starts, left to right and on from each match's end, gives what
    ``rx.finditer`` gives (``tests/test_perf_equivalence.py`` and ``tests/test_speed_p5stmt.py``
    compare). The text's runs are found once and kept for the text at hand.
    """

    def __init__(self, rx: re.Pattern[str], words: Iterable[str | None]) -> None:
        self.rx = rx
        words = list(words)
        # (a first word that is missing, or not one run, or that opens with a non-ASCII character
        # turns the index off: rx is searched)
        self.usable = all(w is not None and _RUNS.fullmatch(w) and w[0].isascii() for w in words)
        self.words = frozenset(w.lower() for w in words if w is not None and w.isascii())
        # A word with a non-ASCII letter ("communiqué") is matched by a run whose key begins with its
        # ASCII part ("communiqu"): the case variants of an ASCII letter are the letter in the key,
        # and the other letters are left as they are. Such runs are tried, whatever follows.
        self.prefixes = tuple(sorted({_ASCII_PART.match(w).group().lower()  # type: ignore[union-attr]
                                      for w in words if w is not None and not w.isascii()}))
        self._last: tuple[Any, ...] | None = None

    def _chosen(self, run: str) -> bool:
        """May a match begin with this run (a whole run, or one cut by the span's end)?"""
        return run in self.words or (bool(self.prefixes) and run.startswith(self.prefixes))

    def _runs(self, text: str) -> tuple[Any, ...]:
        if self._last is None or self._last[0] is not text:
            k, starts, ends, found = runs(text)
            keep = list(map(self.words.__contains__, found))   # (w in self.words, at C speed)
            for prefix in self.prefixes:   # the runs that open with it: where it occurs at a run's start
                at = k.find(prefix)
                while at != -1:
                    n = bisect.bisect_left(starts, at)
                    if n < len(starts) and starts[n] == at:
                        keep[n] = True
                    at = k.find(prefix, at + 1)
            self._last = (text, k, starts, ends, list(compress(starts, keep)), list(compress(ends, keep)))
        return self._last

    def starts(self, text: str, start: int, end: int) -> list[int]:
        """Where a match in ``text[start:end]`` can begin, in order."""
        _, k, starts, ends, chosen, chosen_ends = self._runs(text)
        i, j = bisect.bisect_left(chosen, start), bisect.bisect_left(chosen, end)
        out = [chosen[n] for n in range(i, j) if chosen_ends[n] <= end]
        n = bisect.bisect_left(starts, end) - 1      # a run begun in the span and cut by its end
        if n >= 0 and start <= starts[n] and ends[n] > end and self._chosen(k[starts[n]:end]):
            out.append(starts[n])
        return out

    def finditer(self, text: str, start: int = 0, end: int | None = None) -> Iterator[re.Match[str]]:
        """The matches of ``rx.finditer(text, start, end)``."""
        start, end = max(start, 0), len(text) if end is None else min(end, len(text))
        if not ENABLED or not self.usable:
            yield from self.rx.finditer(text, start, end)
            return
        pos = start
        for at in self.starts(text, start, end) if start < end else ():
            if at < pos:
                continue
            m = self.rx.match(text, at, end)
            if m is not None:
                yield m
                pos = m.end()

    def search(self, text: str, start: int = 0, end: int | None = None) -> re.Match[str] | None:
        """``rx.search(text, start, end)``."""
        return next(self.finditer(text, start, end), None)
