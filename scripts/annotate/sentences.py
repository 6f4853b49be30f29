"""The one sentence splitter: sentences of a paragraph, never split inside a quotation.

A sentence ends at ``.``, ``!``, ``?`` or ``…`` (optionally followed by a closing quote
mark) before white space and a capital, a digit, an opening quote or bracket, unless
the word before the stop is an abbreviation listed in ``ABBREVIATIONS``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from scripts.annotate.paragraphs import Paragraph
from scripts.annotate.quotes import Quote

Sentence = tuple[int, int, int]     # (paragraph index, start, end)

# Words whose full stop does not end a sentence (reason: each is a title or an abbreviation
# written with a full stop in British and American news copy).
ABBREVIATIONS = (
    "Mr", "Mrs", "Ms", "Dr",        # titles before a name
    "St", "Prof", "Rev",            # Saint/Street, Professor, Reverend
    "Sen", "Gen", "Col",            # US Senator, General, Colonel
    "No",                           # "No. 10"
    "vs", "etc",                    # versus, et cetera
    "U.S", "U.K",                   # country initials with stops
    "e.g", "i.e",                   # Latin abbreviations
)
_ABBREV = re.compile(r"(?:\b(?:" + "|".join(re.escape(a) for a in ABBREVIATIONS) + r"))$")
_STOP = re.compile(r"[.!?…]+[\"”’']?(?=[\s\u00a0\u202f]+[\"“‘'(A-Z0-9])")
_SPACE = " \t\u00a0\u202f"


def split(text: str, p: Paragraph, quotes: Iterable[Quote]) -> list[Sentence]:
    """Split one paragraph into sentences, never inside one of its quotations."""
    inside = [(q.open_mark, (q.close_mark if q.close_mark is not None else q.end) + 1) for q in quotes]
    out, start = [], p.start
    for m in _STOP.finditer(text[p.start:p.end]):
        end = p.start + m.end()
        if any(a < end - 1 < b for a, b in inside) or _ABBREV.search(text[start:p.start + m.start()]):
            continue
        out.append((p.index, start, end))
        start = end
        while start < p.end and text[start] in _SPACE:
            start += 1
    if start < p.end:
        out.append((p.index, start, p.end))
    return out
