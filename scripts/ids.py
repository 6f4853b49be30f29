"""The one normaliser, and stable identifiers derived from content.

Two foldings share one table of equivalent characters:

* ``fold`` maps each character to one character (Unicode spaces to a space, curly
  single quotes, the modifier apostrophe and the prime to ``'``, curly double quotes to
  ``"``, hyphens and dashes to ``-``), so offsets in the folded text are those of the
  original: rules match on folded text and report original offsets.
* ``normalise`` is a comparison key (ids, clusters, aliases, headlines): NFKC, the same
  quotes and spaces folded, runs of white space made one space, case folded. Dashes are
  kept, so the ids of existing statements do not move.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

SPACES = {c: " " for c in "\u00a0\u202f\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009"
          "\u200a\u205f\u3000"}
QUOTES = {**{c: "'" for c in "\u2018\u2019\u02bc\u2032"}, **{c: '"' for c in "\u201c\u201d\u201e"}}
DASHES = {c: "-" for c in "\u2010\u2011\u2012\u2013\u2014\u2212"}
FOLD = str.maketrans({**SPACES, **QUOTES, **DASHES})
_FOLDED = {**SPACES, **QUOTES, **DASHES}
_FOLD_RX = re.compile("[" + "".join(_FOLDED) + "]")
_KEYED = {**SPACES, **QUOTES}
_KEY_RX = re.compile("[" + "".join(_KEYED) + "]")


def fold(text: str) -> str:
    """Text with equivalent characters made one (see module doc); offsets are unchanged.

    The same as ``text.translate(FOLD)``, several times faster: only the few characters
    to fold are visited.
    """
    return _FOLD_RX.sub(lambda m: _FOLDED[m.group()], text)


def normalise(text: str) -> str:
    """Text folded for comparison: NFKC, straight quotes, single spaces, case folded.

    The quotes and spaces are replaced as ``fold`` replaces them (only the characters to
    fold are visited), the same as ``str.translate`` with their table.
    """
    text = _KEY_RX.sub(lambda m: _KEYED[m.group()], unicodedata.normalize("NFKC", text))
    return " ".join(text.split()).casefold()


def stable_id(prefix: str, *parts: object) -> str:
    """``prefix-`` plus 12 hex digits of the SHA-256 of the parts."""
    digest = hashlib.sha256("\x1f".join(str(p) for p in parts).encode("utf-8")).hexdigest()
    return f"{prefix}-{digest[:12]}"
