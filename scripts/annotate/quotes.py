"""Find quotations: the exact span inside the quote marks, in every style.

Handles straight and curly double quotes, British single curly quotes whose
closing mark is also the apostrophe (Corbyn’s, It’s), straight single quotes,
guillemets (« »),
quotations nested inside others (only the outermost is returned), and
quotations continued over several paragraphs (each paragraph opens with a mark
and only the last closes). Non-text paragraphs (captions, related links)
between two parts of a quotation do not break it. A quotation that never
closes is cut at its paragraph's end and flagged, never dropped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from scripts.annotate.paragraphs import TEXT_KINDS, Paragraph

DOUBLE, SINGLE, ANGLE = "double", "single", "angle"
_SPACE = " \t\u00a0\u202f\u2009\u200b"
_OPENERS_BEFORE = _SPACE + "([{—–-/:;\n"
_MARKS = re.compile("[\"“”«»‘’']")     # every character ``_mark`` can classify as a quote mark


@dataclass(frozen=True)
class Quote:
    """One quotation: inner span (without marks) and how it was delimited."""

    start: int
    end: int
    paragraph: int
    open_mark: int
    close_mark: int | None
    continued: bool
    unclosed: bool


@dataclass(frozen=True)
class Anomaly:
    """A quote mark the scanner could not pair; reported, not hidden."""

    offset: int
    paragraph: int
    problem: str


def _is_word(ch: str) -> bool:
    return ch.isalnum()


Mark = tuple[str, str, str]   # (family, "open" | "close", style)


def _mark(text: str, i: int, lo: int, hi: int) -> Mark | None:
    """Classify the character at i as (family, open|close, style) or None (not a quote mark)."""
    ch = text[i]
    before = text[i - 1] if i > lo else " "
    after = text[i + 1] if i + 1 < hi else " "
    if ch in "“”":
        return DOUBLE, "open" if ch == "“" else "close", "curly"
    if ch in "«»":
        return ANGLE, "open" if ch == "«" else "close", "angle"
    if ch == '"':
        opening = before in _OPENERS_BEFORE or before in "‘'“"
        return DOUBLE, "open" if opening else "close", "straight"
    if ch == "‘":
        return SINGLE, "open", "curly"
    if ch in "’'":
        style = "curly" if ch == "’" else "straight"
        if _is_word(before) and _is_word(after):
            return None  # apostrophe inside a word: Corbyn’s, don’t
        if before in _OPENERS_BEFORE and (_is_word(after) or after in "[“\"."):
            return (SINGLE, "open", style) if ch == "'" else None
        if before in _SPACE:
            return None
        return SINGLE, "close", style
    return None


def _strong_close(text: str, i: int, hi: int) -> bool:
    """A closing mark followed by punctuation, a line end or an attribution-like word."""
    rest = text[i + 1:hi]
    stripped = rest.lstrip(_SPACE)
    return not stripped or stripped[0] in ",.;:!?)]—–-\"”’»" or (
        rest[:1] in _SPACE and stripped[:1].isupper())


def _closes(stack: list[tuple[str, str]], fam: str, style: str) -> int | None:
    """Index of the open quotation a closing mark ends: same family and style, else same family."""
    for wanted in ((fam, style), None):
        for n in range(len(stack) - 1, -1, -1):
            if (wanted is None and stack[n][0] == fam) or stack[n] == wanted:
                return n
    return None


def _scan(text: str, p: Paragraph, quotes: list[Quote], anomalies: list[Anomaly],
          continued: bool) -> tuple[int | None, str | None, bool]:
    """Scan one paragraph; return the outer quote still open at its end (start, family)
    and whether the continuation flag is still unused.

    Quotations nest when a different style opens inside another ("… ‘…’ …",
    "… “…” …"); a closing mark ends the innermost open quotation of its own
    style, or failing that of its family (newspapers mix "…” at times).
    """
    stack: list[tuple[str, str]] = []
    start: int | None = None
    for at in _MARKS.finditer(text, p.start, p.end):
        i = at.start()
        found = _mark(text, i, p.start, p.end)
        if found is None:
            continue
        fam, role, style = found
        if role == "open" and (fam, style) in stack and text[i] == '"':
            role = "close"  # a second straight mark of the same kind closes the first
        if role == "open" and (fam, style) not in stack:
            if not stack:
                start = i + 1
            stack.append((fam, style))
            continue
        n = _closes(stack, fam, style) if role == "close" else None
        if n is None:
            if role == "close" and fam != SINGLE:
                anomalies.append(Anomaly(i, p.index, "closing quote mark with no opening mark"))
            continue
        if fam == SINGLE and n == 0 and not _strong_close(text, i, p.end) and \
                _later_strong_close(text, i, p.end):
            continue
        del stack[n:]
        if not stack and start is not None:
            quotes.append(_quote(text, start, i, p.index, i, continued, False))
            continued, start = False, None
    if stack and start is not None:
        return start, stack[0][0], continued
    return None, None, continued


def _later_strong_close(text: str, i: int, hi: int) -> bool:
    """Is there a strong single closing mark later, before any new single opening mark?"""
    for at in _MARKS.finditer(text, i + 1, hi):
        j = at.start()
        found = _mark(text, j, i, hi)
        if found is not None and found[:2] == (SINGLE, "open"):
            return False
        if found is not None and found[:2] == (SINGLE, "close") and _strong_close(text, j, hi):
            return True
    return False


def _quote(text: str, start: int, end: int, paragraph: int, close: int | None, continued: bool,
           unclosed: bool) -> Quote:
    """Trim surrounding spaces from the inner span."""
    while start < end and text[start] in _SPACE:
        start += 1
    while end > start and text[end - 1] in _SPACE:
        end -= 1
    open_mark = start - 1
    while open_mark > 0 and text[open_mark] in _SPACE:
        open_mark -= 1
    return Quote(start, end, paragraph, open_mark, close, continued, unclosed)


def find_quotes(text: str, paragraphs: list[Paragraph]) -> tuple[list[Quote], list[Anomaly]]:
    """All outermost quotations in the article's text paragraphs, in order."""
    quotes: list[Quote] = []
    anomalies: list[Anomaly] = []
    pending: tuple[str, int] | None = None
    for p in (q for q in paragraphs if q.kind in TEXT_KINDS):
        continued = False
        if pending is not None:
            family, k = pending
            first = _mark(text, p.start, p.start, p.end)
            if first is not None and first[0] == family and (first[1] == "open" or text[p.start] == '"'):
                continued = True
            else:
                quotes[k] = replace(quotes[k], unclosed=True)
                anomalies.append(Anomaly(quotes[k].open_mark, quotes[k].paragraph,
                                         "quotation not closed at the end of its paragraph"))
        open_at, family_open, continued = _scan(text, p, quotes, anomalies, continued)
        pending = None
        if open_at is not None and family_open is not None:
            quotes.append(_quote(text, open_at, p.end, p.index, None, continued, False))
            pending = (family_open, len(quotes) - 1)
    if pending is not None:
        k = pending[1]
        quotes[k] = replace(quotes[k], unclosed=True)
        anomalies.append(Anomaly(quotes[k].open_mark, quotes[k].paragraph,
                                 "quotation never closes before the end of the article"))
    return [q for q in quotes if q.end > q.start], anomalies
