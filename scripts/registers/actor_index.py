"""The actor lexicon's phrases that begin with one word, as a tree of words (speed only).

``Lexicon.pattern`` is one alternation, ``(?<![\\w’'])(?:p1|p2|…|he|she|it|they)(?![\\w]|[’']\\w\\w)``
compiled with IGNORECASE, where a phrase's space matches a run of white space and its
apostrophe any of ``'‘’ʼ′``. At a place where a word begins, the phrase it matches there is
the first phrase, in the alternation's order, that matches there with the lookahead holding.
``Words`` finds it without a regular expression, for the phrases that begin with one word:

* the text is compared in ``plain(text)``: ``prefilter.key(text)`` (every case variant ``re``
  equates with an ASCII letter made that lower-case letter) with every white-space character
  made a space and every apostrophe of the class made ``'``, one character for one, so offsets
  are kept. A phrase of lower-case ASCII characters (the folded keys are case folded) matches
  at an offset exactly where its words, split at its single spaces, are the text's words there,
  each separated by one or more spaces, the last word a prefix of the text's word.
* a phrase with any other character is left to its own pattern, tried at the place.

Each phrase's match is unique (a run of white space is followed by a character that is not
white space), so the alternation's match is the phrase of least rank among those matching
there; ranks are the phrases' order, then the pronouns. ``tests/test_speed_p5actors.py``
compares with the alternation.
"""

from __future__ import annotations

import re
from typing import Any

from scripts.annotate import prefilter

PRONOUNS = ("he", "she", "it", "they")
_WORD = re.compile(r"\w+")
_APOSTROPHES = "\u2018\u2019\u02bc\u2032"
# every white-space character but the space (``re``'s ``\s``: ``str.isspace``)
_OTHER_SPACE = re.compile(r"[^\S ]")
_LAST: list[Any] = [None]

# A node: (words that continue a phrase -> node, first run of a phrase's last word -> [(last word, rank)])
Node = tuple[dict[str, Any], dict[str, list[tuple[str, int]]]]


def plain(text: str) -> str:
    """``prefilter.key(text)`` with white space made spaces and apostrophes ``'`` (kept for the text
    at hand)."""
    last = _LAST[0]
    if last is not None and last[0] is text:
        return last[1]
    out = prefilter.runs(text)[0]
    for ch in _APOSTROPHES:
        if ch in out:
            out = out.replace(ch, "'")
    if _OTHER_SPACE.search(out):
        out = _OTHER_SPACE.sub(" ", out)
    _LAST[0] = (text, out)
    return out


def is_word(ch: str) -> bool:
    """``re``'s ``\\w`` for one character."""
    return ch.isalnum() or ch == "_"


def ahead_ok(text: str, end: int, stop: int) -> bool:
    """``(?![\\w]|[’']\\w\\w)`` at ``end`` in ``text[:stop]``."""
    if end >= stop:
        return True
    ch = text[end]
    if ch.isalnum() or ch == "_":
        return False
    return not (ch in "’'" and end + 2 < stop and is_word(text[end + 1]) and is_word(text[end + 2]))


class Words:
    """The phrases that begin with one word (in the alternation's order), and the pronoun if the
    word is one, as a tree of words; phrases with other characters as their own patterns."""

    def __init__(self, word: str, phrases: tuple[str, ...], patterns: tuple[str, ...]) -> None:
        self.root: Node = ({}, {})
        self.slow: list[tuple[re.Pattern[str], int]] = []
        for rank, (phrase, source) in enumerate(zip(phrases, patterns, strict=True)):
            if phrase.isascii() and phrase == phrase.lower():
                self._add(phrase, rank)
            else:
                self.slow.append((re.compile(rf"(?<![\w’'])(?:{source})(?![\w]|[’']\w\w)", re.IGNORECASE),
                                  rank))
        if word in PRONOUNS:
            self._add(word, len(phrases) + PRONOUNS.index(word))

    def _add(self, phrase: str, rank: int) -> None:
        node = self.root
        *inner, last = phrase.split(" ")
        for word in inner:
            node = node[0].setdefault(word, ({}, {}))
        run = _WORD.match(last)
        node[1].setdefault(run.group() if run else "", []).append((last, rank))

    def match(self, text: str, key: str, at: int, stop: int, word: str) -> tuple[int, int] | None:
        """(rank, end) of the alternation's match at ``at`` in ``text[:stop]``, where the word ``word``
        (a run of ``key``) begins, if one of these phrases or the pronoun matches there."""
        if at > 0:   # the lookbehind
            ch = text[at - 1]
            if ch.isalnum() or ch == "_" or ch in "’'":
                return None
        best: tuple[int, int] | None = None
        children, last = self.root
        pos, run = at, word
        while True:
            end = key.find(" ", pos, stop)
            if end < 0:
                end = stop
            if last:
                if run is None:
                    m = _WORD.match(key, pos, end)
                    run = m.group() if m else ""
                for form, rank in last.get(run, ()):
                    if key.startswith(form, pos, end) and ahead_ok(text, pos + len(form), stop) \
                            and (best is None or rank < best[0]):
                        best = (rank, pos + len(form))
            if end >= stop or not children:
                break
            child = children.get(key[pos:end])
            if child is None:
                break
            pos = end + 1
            while pos < stop and key[pos] == " ":
                pos += 1
            if pos >= stop:
                break
            (children, last), run = child, None
        for rx, rank in self.slow:
            if best is not None and best[0] < rank:
                break
            m = rx.match(text, at, stop)
            if m is not None:
                best = (rank, m.end())
                break
        return best
