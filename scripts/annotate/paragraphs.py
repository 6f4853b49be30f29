"""Step 2: split each article into paragraphs and classify every one.

A paragraph is a non-blank line. Kinds: headline, byline, body, quote,
subheading, caption, related, chrome, comment. Only headline-free article text
(body, quote, subheading) can yield statements, polls and event mentions;
everything else is kept in the ``paragraphs`` table with its kind, so what is
set aside is counted, never silently dropped. The rules are about page
furniture in general, not about particular articles.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from typing import Any

from scripts import lexicon
from scripts.annotate import prefilter
from scripts.ids import normalise
from scripts.registers.sources import Article

TEXT_KINDS = frozenset({"body", "quote", "subheading"})
KINDS = ("headline", "byline", "body", "quote", "subheading", "caption", "related", "chrome", "comment")

_OPEN_QUOTE = "\"“‘'"


def _forms(kind: str) -> list[str]:
    return [f for e in lexicon.entries("page_furniture", ("kind",)) if e["kind"] == kind for f in e["forms"]]


def _whole_line(forms: list[str]) -> re.Pattern[str]:
    return re.compile(r"^(?:" + "|".join(f"(?:{f})" for f in forms) + r")$", re.IGNORECASE)


def _furniture(kind: str) -> re.Pattern[str]:
    """Whole-line patterns of one kind of page furniture (scripts/lexicon/page_furniture.yaml)."""
    return _whole_line(_forms(kind))


_SCANS = re.compile(r"\.[*+{]|\(\?[=!]")   # a form that begins by trying every length of line
_LOOKAHEAD_TOKENS = re.compile(r"\(\?=\(\?:\\S\+\\s\+\)\{0,(\d+)\}\\S\+\$\)")


class _Furniture:
    r"""One kind of page furniture, tested faster (speed only): ``test(text, key)`` is
    ``bool(rx.search(text))`` for ``rx = _furniture(kind)``, given ``key = prefilter.key(text)``.

    A line matches the pattern if and only if it matches one of its forms (each whole-line, the
    alternatives of the pattern). Forms that begin with ``.*`` or a lookahead (tried at every
    length of the line) are tested one by one, each only if the line holds one of the literals
    every match of it contains (``prefilter.required``); the others stay one pattern. A form that
    begins ``(?=(?:\S+\s+){0,N}\S+$)`` matches only a line of at most N + 1 words (``max_words``,
    if every form does). Forms that refer to groups by number keep the whole pattern.
    """

    def __init__(self, kind: str) -> None:
        forms = _forms(kind)
        self.rx = _whole_line(forms)
        bounds = [_LOOKAHEAD_TOKENS.match(f) for f in forms]
        self.max_words = max(int(b.group(1)) + 1 for b in bounds) if all(bounds) and bounds else None
        if re.search(r"\\[1-9]|\(\?P=", "".join(forms)):
            self.rest: re.Pattern[str] | None = self.rx
            self.scans: list[tuple[re.Pattern[str], prefilter.Required]] = []
            return
        scanning = [f for f in forms if _SCANS.match(f)]
        others = [f for f in forms if not _SCANS.match(f)]
        self.rest = _whole_line(others) if others else None
        self.scans = [(rx, prefilter.required(rx)) for rx in map(_whole_line, ([f] for f in scanning))]

    def test(self, text: str, key: str) -> bool:
        if not prefilter.ENABLED:
            return self.rx.search(text) is not None
        if self.max_words is not None and len(text.split()) > self.max_words:
            return False
        if self.rest is not None and self.rest.search(text) is not None:
            return True
        return any(prefilter.may_match(need, key) and rx.search(text) is not None for rx, need in self.scans)


_END_MARKERS = _furniture("end")
_CHROME = _furniture("chrome")
_RELATED = _furniture("related")
_LINK = _furniture("link")
_FAST_END, _FAST_CHROME, _FAST_RELATED, _FAST_LINK = map(_Furniture, ("end", "chrome", "related", "link"))
_BYLINE = re.compile(r"^(by\s+)?(\d+ min(ute)?s? read|[A-Z][\w’'-]+( [A-Z][\w’'-]+){1,2})$")
_CAPTION = re.compile(r",? pictured\b|\(pictured\)|^(pictured|above|below|left|right|inset)\s*[:,]",
                      re.IGNORECASE)
_CREDIT = _furniture("caption")
_FAST_CREDIT = _Furniture("caption")
_CAPTION_NEEDS = prefilter.required(_CAPTION)
_COMMENT = re.compile(r"^\s+\d+\.\s")
_BULLET = re.compile(r"^[•▪●]\s")   # a bulleted summary line above the article: a standfirst
_HEADING_WORDS = 15   # subheadings are short: the longest in the gold set has 8 words
_SENTENCE_END = re.compile(r"[.!?…:\"”’')\]]\s*$")
# A caption is one sentence about a picture (plus a credit, "Picture: PA"); a line of this many full
# sentences printed twice is a paragraph the page repeated (a lede shown again), still article text.
_REPEATED_SENTENCES = 2
_FULL_SENTENCE_WORDS = 6   # a credit ("Picture: Getty") or a name line is shorter
_SENTENCE_SPLIT = re.compile(r"(?<=[.!?…])[”’\"']?\s+(?=[“‘\"'A-Z])")


def _repeated_paragraph(text: str) -> bool:
    """Is a line printed twice a repeated paragraph of the article, not an image caption? It holds
    two or more full sentences (each of several words), which a caption does not."""
    parts = [p for p in _SENTENCE_SPLIT.split(text.strip()) if p.strip()]
    return (len(parts) >= _REPEATED_SENTENCES
            and all(len(p.split()) >= _FULL_SENTENCE_WORDS for p in parts)
            and _SENTENCE_END.search(text) is not None)


@dataclass(frozen=True)
class Paragraph:
    """One non-blank line of an article and what kind of text it is."""

    source_id: str
    index: int
    line: int
    start: int
    end: int
    kind: str
    text: str


def _spans(text: str) -> list[tuple[int, int, int]]:
    """(line number, start, end) of each non-blank line, without its line break."""
    out, pos = [], 0
    for number, line in enumerate(text.split("\n"), start=1):
        stripped = _strip(line, right=True)
        lead = len(stripped) - len(_strip(stripped, left=True))
        if _strip(stripped, left=True):
            out.append((number, pos + lead if not _COMMENT.match(stripped) else pos, pos + len(stripped)))
        pos += len(line) + 1
    return out


_INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff"
_BLANK = "".join(chr(c) for c in range(0x110000) if chr(c).isspace()) + _INVISIBLE


def _strip(text: str, *, left: bool = False, right: bool = False) -> str:
    """Strip Unicode white space and zero-width characters from one or both ends."""
    if left:
        text = text.lstrip(_BLANK)
    return text.rstrip(_BLANK) if right else text


def _kind(raw: str, *, head: bool, before_head: bool, after_head: bool, after_end: bool,
          duplicate: bool, in_body: bool = False, known: tuple[str, str, bool] | None = None) -> str:
    """``known`` (speed only): the stripped line, its ``prefilter.key`` and whether it is an end marker."""
    text = _strip(raw, left=True, right=True)
    if head:
        return "headline"
    if _COMMENT.match(raw):
        return "comment"
    if known is not None and known[0] == text:
        key, end_marker = known[1], known[2]
    else:
        key = prefilter.key(text)   # (speed only: the furniture tests look for literals in it)
        end_marker = _FAST_END.test(text, key)
    if after_end or end_marker:
        return "chrome"
    if _FAST_RELATED.test(text, key) or (in_body and _FAST_LINK.test(text, key)):
        return "related"
    if after_head and _BYLINE.match(text):
        return "byline"
    if before_head or _FAST_CHROME.test(text, key):
        return "chrome"
    if duplicate or (prefilter.may_match(_CAPTION_NEEDS, key) and _CAPTION.search(text)) \
            or _FAST_CREDIT.test(text, key):
        return "caption"
    if text[0] in _OPEN_QUOTE:
        return "quote"
    ends = _SENTENCE_END.search(text) is not None
    if not ends and _unclosed_quote(text):
        return "body"   # an excerpt cut off inside a quotation ('She said: "It is clear th'), not a heading
    if (after_head and not ends) or (not in_body and _BULLET.match(text)):
        return "subheading"   # a standfirst under the headline restates the story, like the headline
    if text.isupper() or not ends:
        words = len(text.split())
        if words > _HEADING_WORDS and not text.isupper():
            return "body"   # a paragraph cut off mid-sentence (an excerpt), not a heading
        return "subheading" if words > 3 or text.isupper() else "chrome"
    return "body"


_OPENERS = re.compile(r"(?:^|(?<=[\s(:]))[“‘\"](?=\w)")
_CLOSERS = re.compile(r"(?<=[\w.,!?…])[”’\"](?!\w)")


def _unclosed_quote(text: str) -> bool:
    """Does the line open a quotation that it never closes? A heading quotes whole phrases; a line
    that stops inside its quotation is a sentence cut off by the excerpt."""
    return len(_OPENERS.findall(text)) > len(_CLOSERS.findall(text))


def _link_blocks(out: list[Paragraph]) -> list[Paragraph]:
    """A headline-shaped line next to a related-article link is one more link of the same block
    ("MPs back renewal of Trident" / "Read more: …" / "Labour MPs set to select …"), once the body
    has begun: a subheading of the article is not printed inside a block of links."""
    was = [p.kind for p in out]
    body_at = next((i for i, k in enumerate(was) if k == "body"), len(was))
    kinds = [("related" if k == "subheading" and i > body_at
              and "related" in (was[i - 1], was[i + 1] if i + 1 < len(was) else None) else k)
             for i, k in enumerate(was)]
    return [p if p.kind == k else Paragraph(p.source_id, p.index, p.line, p.start, p.end, k, p.text)
            for p, k in zip(out, kinds, strict=True)]


def classify(article: Article) -> list[Paragraph]:
    """Every non-blank paragraph of the article with its kind.

    Lines before the registered headline are page chrome; a short name or
    "N min read" right after it is a byline; after an end marker ("Read more
    at", "Leave a Reply", "Comments are closed") everything is chrome or a
    reader comment; a line printed twice is an image caption, unless it holds several full
    sentences (a paragraph the page repeated).
    """
    spans = _spans(article.text)
    texts = [article.text[s:e] for _, s, e in spans]
    folded = [normalise(t) for t in texts]
    head = normalise(article.headline)
    head_at = next((i for i, f in enumerate(folded) if head and f == head), None)
    counts = Counter(folded)
    out: list[Paragraph] = []
    after_end = in_body = False
    last_kind = None   # of the last paragraph so far that is not chrome
    for i, ((line, start, end), text) in enumerate(zip(spans, texts, strict=True)):
        known = None
        if not after_end:
            stripped = text.strip()
            key = prefilter.key(stripped)
            known = stripped, key, _FAST_END.test(stripped, key)
        kind = _kind(text, head=i == head_at, before_head=head_at is not None and i < head_at,
                     after_head=last_kind in ("headline", "byline"),
                     after_end=after_end,
                     duplicate=counts[folded[i]] > 1 and i != head_at and not _repeated_paragraph(text),
                     in_body=in_body, known=known)
        if known is not None:
            after_end = known[2]
        in_body = in_body or kind == "body"
        if kind != "chrome":
            last_kind = kind
        out.append(Paragraph(article.id, i + 1, line, start, end, kind, text))
    return _link_blocks(out)


def rows(paragraphs: list[Paragraph]) -> list[dict[str, Any]]:
    """The ``paragraphs`` table."""
    return [{"source_id": p.source_id, "paragraph": p.index, "line": p.line, "start": p.start,
             "end": p.end, "kind": p.kind, "text": p.text} for p in paragraphs]
