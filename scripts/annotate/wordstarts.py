"""Exact start positions for patterns whose every match begins a word (speed only).

``lead_words(rx)`` reads a compiled pattern's syntax tree and returns ``(exact, prefixes)``,
or None when the tree does not show the following. For every match of ``rx`` found by
``search``, ``match`` or ``finditer`` in a string ``s`` (no ``endpos``), starting at ``i``:
``s[i]`` is a word character, ``s[i - 1]`` (if any) is not, and the run of word characters
starting at ``i`` (what ``\\w+`` matches there) is in ``exact`` or begins with a string of
``prefixes`` (under IGNORECASE: the run in ``prefilter.key``, lower case). So a pattern
need only be tried, with ``rx.match(s, i)``, where such a run begins (``finditer`` below),
and that gives exactly what ``rx.finditer(s)`` gives (``tests/test_speed_p5temporal.py``
compares them). With ``endpos`` the run is the one cut there.

How: every path through the tree is followed from the start of a match, collecting the
word characters it must consume, until it must consume a non-word character or meets
``\\b`` after a word character (the run ends there: ``exact``) or the pattern ends (the
run may go on: ``prefixes``). A match begins a run only if the path first meets ``\\b`` or a
one-character negative lookbehind that refuses word characters. Other lookarounds are
ignored (they only refuse matches). A repeat without a small bound is followed to one
more time than its least, which must end the run. Anything else (``.``, a class of unknown
word characters, flags turned on or off inside, too many paths) gives None: the caller
searches as before.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator, Sequence
from functools import cache
from itertools import compress, count
from operator import itemgetter
from re import _constants as C  # type: ignore[attr-defined]
from re import _parser as P  # type: ignore[attr-defined]

from scripts.annotate import prefilter
from scripts.ids import DASHES, QUOTES, SPACES

Lead = tuple[frozenset[str], frozenset[str]]

_WORDCHAR = re.compile(r"\w")
_RUNS = re.compile(r"\w+")
ENABLED = True      # False: callers search as before (the equivalence tests compare both)
MAX_PATHS = 200_000
MAX_CLASS = 64          # a class with more characters than this is not enumerated
MAX_REPEAT = 4          # a bounded repeat up to this many times is enumerated


class _Unknown(Exception):
    """The tree does not show that matches begin a known word."""


def _is_word(ch: str) -> bool:
    return _WORDCHAR.match(ch) is not None


def _class(items: list[tuple[object, object]]) -> tuple[set[str] | None, bool]:
    """(the characters of a class, if few and listed; whether none of them is a word character).

    ``(None, True)``: a class of only non-word characters not listed (e.g. ``\\s``)."""
    chars: set[str] = set()
    nonword_category = False
    for op, av in items:
        if op is C.LITERAL:
            chars.add(chr(av))  # type: ignore[arg-type]
        elif op is C.RANGE:
            lo, hi = av  # type: ignore[misc]
            if hi - lo >= MAX_CLASS:
                raise _Unknown
            chars.update(chr(c) for c in range(lo, hi + 1))
        elif op is C.CATEGORY and av in (C.CATEGORY_SPACE, C.CATEGORY_NOT_WORD):
            nonword_category = True
        else:
            raise _Unknown   # NEGATE, word/digit categories: characters not listed
    if len(chars) > MAX_CLASS:
        raise _Unknown
    if nonword_category:
        if any(_is_word(c) for c in chars):
            raise _Unknown
        return None, True
    return chars, not any(_is_word(c) for c in chars)


def _case(ch: str, ignore_case: bool) -> str:
    """A literal character as the runs it matches are looked up: lower case under IGNORECASE, where
    only ASCII is known (``prefilter.key`` makes each case variant of an ASCII letter that letter)."""
    if not ignore_case:
        return ch
    if not ch.isascii():
        raise _Unknown
    return ch.lower()


def _nonword_lookbehind(av: object) -> bool:
    """Is ``(?<![...])`` a one-character negative lookbehind that refuses every word character?"""
    direction, sub = av  # type: ignore[misc]
    items = list(sub)
    if direction != -1 or len(items) != 1 or items[0][0] is not C.IN:
        return False
    members = list(items[0][1])
    return (all(op is not C.NEGATE for op, _ in members)
            and any(op is C.CATEGORY and a is C.CATEGORY_WORD for op, a in members))


def _word_lookahead(av: object) -> bool:
    r"""Is this ``(?!...)`` a negative lookahead one of whose alternatives is a class of one
    character that takes every word character (``(?![\w]|...)``)?"""
    direction, sub = av  # type: ignore[misc]
    items = list(sub)
    if direction != 1 or len(items) != 1:
        return False
    alts = [list(b) for b in items[0][1][1]] if items[0][0] is C.BRANCH else [items]
    return any(len(alt) == 1 and alt[0][0] is C.IN and all(op is not C.NEGATE for op, _ in alt[0][1])
               and any(op is C.CATEGORY and a is C.CATEGORY_WORD for op, a in alt[0][1]) for alt in alts)


_MORE = (None, None)   # (in a path) more repeats of what came before may follow


@cache
def lead_words(rx: re.Pattern[str]) -> Lead | None:
    """``(exact, prefixes)`` for ``rx`` (see the module doc), or None if not shown."""
    if rx.flags & (re.LOCALE | re.ASCII):
        return None
    try:
        exact, prefixes = _lead(tuple(P.parse(rx.pattern, rx.flags)), bool(rx.flags & re.IGNORECASE))
    except _Unknown:
        return None
    if not all(w.isascii() for w in exact | prefixes):
        return None   # (callers look words up in prefilter.key, which folds non-ASCII case variants)
    return exact, prefixes


def _lead(items: tuple[tuple[object, object], ...], ignore_case: bool) -> Lead:
    exact: set[str] = set()
    prefixes: set[str] = set()
    stack: list[tuple[str, bool, tuple[tuple[object, object], ...]]] = [("", False, items)]
    steps = 0

    def end_run(prefix: str, left: bool) -> None:
        if not prefix or not left:
            raise _Unknown   # a match that begins with a non-word character, or inside a run
        exact.add(prefix)

    while stack:
        steps += 1
        if steps > MAX_PATHS:
            raise _Unknown
        prefix, left, rest = stack.pop()
        if not rest:
            if not prefix or not left:
                raise _Unknown
            prefixes.add(prefix)   # the pattern ends inside the run: the run may go on
            continue
        (op, av), rest = rest[0], rest[1:]
        if op is C.LITERAL:
            ch = _case(chr(av), ignore_case)  # type: ignore[arg-type]
            if _is_word(ch):
                stack.append((prefix + ch, left, rest))
            else:
                end_run(prefix, left)
        elif op is C.IN:
            chars, nonword = _class(list(av))  # type: ignore[call-overload]
            if nonword:
                if chars is not None and not chars:
                    continue   # an empty class matches nothing
                end_run(prefix, left)
            elif chars is None or any(not _is_word(c) for c in chars):
                raise _Unknown   # word and non-word characters mixed
            else:
                stack.extend((prefix + c, left, rest) for c in sorted({_case(c, ignore_case) for c in chars}))
        elif op is C.AT:
            if av is not C.AT_BOUNDARY:
                raise _Unknown
            if prefix:
                end_run(prefix, left)   # \b after a word character: the run ends here
            else:
                stack.append((prefix, True, rest))   # a word character follows a non-word one
        elif op is C.ASSERT_NOT:
            if prefix and _word_lookahead(av):
                end_run(prefix, left)   # (?![\w]|...) after a word character: the run ends here
            else:
                stack.append((prefix, left or (not prefix and _nonword_lookbehind(av)), rest))
        elif op is C.ASSERT:
            stack.append((prefix, left, rest))   # a lookahead or lookbehind only refuses matches
        elif op is C.SUBPATTERN:
            _group, add_flags, del_flags, sub = av  # type: ignore[misc]
            if add_flags or del_flags:
                raise _Unknown
            stack.append((prefix, left, tuple(sub) + rest))
        elif op is getattr(C, "ATOMIC_GROUP", None):
            stack.append((prefix, left, tuple(av) + rest))  # type: ignore[arg-type]
        elif op is C.BRANCH:
            stack.extend((prefix, left, tuple(alt) + rest) for alt in av[1])  # type: ignore[index]
        elif op in (C.MAX_REPEAT, C.MIN_REPEAT, getattr(C, "POSSESSIVE_REPEAT", None)):
            lo, hi, sub = av  # type: ignore[misc]
            sub = tuple(sub)
            if hi is not C.MAXREPEAT and hi <= MAX_REPEAT:
                stack.extend((prefix, left, sub * k + rest) for k in range(lo, hi + 1))
            else:   # lo times, or more: the path must end the run within one more time
                stack.append((prefix, left, sub * lo + rest))
                stack.append((prefix, left, sub * (lo + 1) + (_MORE,)))
        elif op is None:
            raise _Unknown   # the run may go on through more repeats
        else:
            raise _Unknown
    return frozenset(exact), frozenset(prefixes)


# fold's characters that are word characters while their images are not, or the reverse
# (U+02BC, a letter, becomes an apostrophe)
_FOLDS_WORDNESS = re.compile("|".join(
    re.escape(c) for c, image in {**SPACES, **QUOTES, **DASHES}.items()
    if (_WORDCHAR.match(c) is None) != (_WORDCHAR.match(image) is None)) or "(?!)")
_LAST_RUNS: list[tuple[str, tuple[list[int], list[int], list[str]]]] = []


def folded_runs(text: str, folded_key: str) -> tuple[list[int], list[int], list[str]]:
    """Starts, ends and strings of the runs of word characters of ``folded_key``, which is
    ``prefilter.key(fold(text))``: those of ``prefilter.key(text)`` (``prefilter.runs``, shared with
    the actor search) unless fold makes a word character a non-word one or the reverse."""
    if _FOLDS_WORDNESS.search(text) is None:
        _, starts, ends, words = prefilter.runs(text)
        return starts, ends, words
    if not _LAST_RUNS or _LAST_RUNS[0][0] is not folded_key:
        spans = [m.span() for m in _RUNS.finditer(folded_key)]
        found = [a for a, _ in spans], [b for _, b in spans], _RUNS.findall(folded_key)
        _LAST_RUNS[:] = [(folded_key, found)]
    return _LAST_RUNS[0][1]


class Index:
    """The words of several patterns' leads (``lead_words``), looked up together (built once)."""

    def __init__(self, leads: Sequence[Lead]) -> None:
        by_word: dict[str, list[int]] = {}
        by_prefix: dict[str, list[int]] = {}
        for n, (exact, prefixes) in enumerate(leads):
            for w in exact:
                by_word.setdefault(w, []).append(n)
            for p in prefixes:
                by_prefix.setdefault(p, []).append(n)
        self.by_word = {w: tuple(ns) for w, ns in by_word.items()}
        self.by_prefix = {p: tuple(ns) for p, ns in by_prefix.items()}
        self.lens = sorted({len(p) for p in by_prefix})
        self.firsts = frozenset(p[0] for p in by_prefix)

    def patterns(self, word: str) -> tuple[int, ...]:
        """The patterns whose matches may begin with the run ``word``, in order."""
        if word[:1] not in self.firsts:
            return self.by_word.get(word, ())
        ns = self.by_word.get(word, ())
        for k in self.lens:
            if k > len(word):
                break
            ns = ns + self.by_prefix.get(word[:k], ())
        return tuple(sorted(set(ns)))


class Starts:
    """Where, in one text, runs of word characters begin that some pattern's matches may begin with.

    ``starts``, ``ends``, ``words``: every run of the text in order; ``words`` may be any strings
    equal to the runs wherever a run is one of the patterns' words (e.g. the runs of
    ``prefilter.key`` of the text, whose case variants of ASCII letters only add positions).
    """

    def __init__(self, index: Index, starts: list[int], ends: list[int], words: list[str]) -> None:
        self.index = index
        self.starts, self.ends, self.words = starts, ends, words
        hits = list(compress(count(), map(index.by_word.__contains__, words)))   # in order
        if index.firsts:
            first = index.firsts.__contains__
            more = list(compress(count(), map(first, map(itemgetter(0), words))))   # runs are not empty
            hits = sorted({*hits, *more})
        self.hits = hits
        self.hit_starts = [starts[r] for r in hits]
        self.hit_patterns = [index.patterns(words[r]) for r in hits]

    @classmethod
    def of(cls, index: Index, text: str) -> Starts:
        """The runs of ``text`` (e.g. ``prefilter.key`` of the searched string)."""
        spans = [m.span() for m in _RUNS.finditer(text)]
        return cls(index, [a for a, _ in spans], [b for _, b in spans], _RUNS.findall(text))

    def window(self, begin: int, end: int) -> dict[int, list[int]]:
        """Pattern -> where its matches in the window ``[begin, end)`` of the text (searched as a
        string of its own) may begin, as offsets into the window, in order; no key: nowhere."""
        starts, ends, words, patterns = self.starts, self.ends, self.words, self.index.patterns
        out: dict[int, list[int]] = {}
        lo = bisect.bisect_right(ends, begin)       # the first run ending after begin
        hi = bisect.bisect_left(starts, end)        # runs starting before end
        if lo >= hi:
            return out
        first_cut = starts[lo] < begin               # a run begun before the window: cut at begin
        last_cut = ends[hi - 1] > end                # a run running past the window: cut at end
        hit_starts, hit_patterns = self.hit_starts, self.hit_patterns
        i, j = bisect.bisect_left(hit_starts, begin), bisect.bisect_left(hit_starts, end)
        if last_cut and j > i and hit_starts[j - 1] == starts[hi - 1]:
            j -= 1                                   # (the cut run is looked up below)
        for h in range(i, j):
            for n in hit_patterns[h]:
                if n in out:
                    out[n].append(hit_starts[h] - begin)
                else:
                    out[n] = [hit_starts[h] - begin]
        for r in {lo, hi - 1}:
            if (r == lo and first_cut) or (r == hi - 1 and last_cut):
                a, b = max(starts[r], begin), min(ends[r], end)
                for n in patterns(words[r][a - starts[r]:b - starts[r]]):
                    out.setdefault(n, []).append(a - begin)
                    out[n].sort()
        return out


def finditer(rx: re.Pattern[str], window: str, positions: list[int], pos: int = 0,
             endpos: int | None = None) -> Iterator[re.Match[str]]:
    """``rx.finditer(window, pos, endpos)``, given every position (in order, none before ``pos``)
    where a match may begin."""
    endpos = len(window) if endpos is None else endpos
    for at in positions:
        if at < pos:
            continue
        m = rx.match(window, at, endpos)
        if m is not None:
            if m.end() == at:
                raise AssertionError("an empty match: this pattern needs rx.finditer")
            yield m
            pos = m.end()
